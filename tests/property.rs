use newswire::{Channel, Feed, FeedEntry, Format, WriteOptions};
use proptest::prelude::*;

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,10}",
        "[a-z]{1,6}[.,;:!?]",
        Just("—".to_owned()),
        Just("«sim»".to_owned()),
        Just("العربية".to_owned()),
        "\\*[a-z]{1,8}\\*",
        "`[a-z]{1,8}`",
        "\\[[a-z]{1,8}\\]\\(https://example\\.com/[a-z]{1,8}\\)",
    ]
}

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..12).prop_map(|words| words.join(" "))
}

fn plain_words() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Z][a-z]{1,8}", 1..4).prop_map(|words| words.join(" "))
}

prop_compose! {
    fn quote()(title in prop::option::of(plain_words()),
               paragraphs in prop::collection::vec(sentence(), 1..3),
               name in plain_words(),
               role in prop::option::of(plain_words()),
               dash in prop_oneof![Just("—"), Just("―"), Just("--")]) -> String {
        let mut lines = Vec::new();
        if let Some(title) = title {
            lines.push(format!("> ### {title}"));
            lines.push(">".to_owned());
        }
        for paragraph in paragraphs {
            lines.push(format!("> {paragraph}"));
            lines.push(">".to_owned());
        }
        match role {
            Some(role) => lines.push(format!("> {dash} {name}, {role}")),
            None => lines.push(format!("> {dash} {name}")),
        }
        lines.join("\n")
    }
}

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => sentence(),
        1 => quote(),
        1 => prop::collection::vec(sentence(), 1..4)
            .prop_map(|items| items.iter().map(|item| format!("- {item}")).collect::<Vec<_>>().join("\n")),
        1 => plain_words().prop_map(|heading| format!("### {heading}")),
        1 => sentence().prop_map(|text| format!("> {text}")),
        1 => (prop_oneof![Just("*"), Just("+"), Just("1."), Just("3)")], prop::collection::vec(sentence(), 1..3))
            .prop_map(|(marker, items)| items.iter().map(|item| format!("{marker} {item}")).collect::<Vec<_>>().join("\n")),
        1 => (sentence(), sentence()).prop_map(|(lead, item)| format!("{lead}\n- {item}")),
        1 => "[a-z]{1,8}( [a-z]{1,8}){0,3}".prop_map(|code| format!("    {code}")),
        1 => "[a-z]{1,8}( [a-z]{1,8}){0,3}".prop_map(|code| format!("```rust\n{code}\n```")),
        1 => (plain_words(), "[a-z]{1,6}").prop_map(|(text, label)| format!("[{text}][{label}] and more.\n\n[{label}]: https://example.com/{label}")),
        1 => (sentence(), sentence()).prop_map(|(text, note)| format!("{text}[^n]\n\n[^n]: {note}")),
        1 => (plain_words(), plain_words()).prop_map(|(a, b)| format!("| {a} | {b} |\n|---|--:|\n| {b} | {a} |")),
        1 => Just("***".to_owned()),
    ]
}

/// Dates as front matter writes them: days, and moments that RFC 822
/// holds exactly or does not (a fraction of a second, an offset).
fn published() -> impl Strategy<Value = String> {
    (1u32..28, 0u32..24).prop_flat_map(|(day, hour)| {
        prop_oneof![
            Just(format!("2024-05-{day:02}")),
            Just(format!("2024-05-{day:02}T{hour:02}:30:00Z")),
            Just(format!("2024-05-{day:02}T{hour:02}:30:00+05:30")),
            Just(format!("2024-05-{day:02}T{hour:02}:30:00.250-03:00")),
        ]
    })
}

/// Bylines, some of which RSS would read otherwise if written alone.
fn author() -> impl Strategy<Value = String> {
    prop_oneof![
        plain_words().prop_map(|name| format!("{{name: {name:?}}}")),
        plain_words().prop_map(|name| format!("{{name: {name:?}, url: \"https://example.com/\"}}")),
        plain_words().prop_map(|name| format!("{{name: {name:?}, email: \"desk@example.com\"}}")),
        plain_words().prop_map(|name| format!("{{name: \"desk@example.com ({name})\"}}")),
        plain_words().prop_map(|name| format!("{{name: \"{name} <desk@example.com>\"}}")),
    ]
}

prop_compose! {
    fn article()(title in prop_oneof![4 => sentence(), 1 => sentence().prop_map(|title| format!("{title}  again\tand"))],
                 published in published(),
                 authors in prop::collection::vec(author(), 0..3),
                 tags in prop::collection::vec(plain_words(), 0..3),
                 blocks in prop::collection::vec(block(), 1..8),
                 prompts in prop::collection::vec(sentence(), 0..4),
                 note in prop::option::of(sentence()),
                 page in 0u32..1000) -> String {
        // Every article has a link, which a one-item RSS feed needs.
        let mut text = format!(
            "---\ntitle: {title:?}\nurl: https://example.com/gen/{page}\npublished: {published}\nauthors: [{}]\ntags: {tags:?}\n---\n\n{}\n",
            authors.join(", "),
            blocks.join("\n\n")
        );
        if !prompts.is_empty() || note.is_some() {
            text.push_str("\n## Discussion\n\n");
            for prompt in &prompts {
                text.push_str(&format!("- {prompt}\n"));
            }
            if let Some(note) = note {
                text.push_str(&format!("\n{note}\n"));
            }
        }
        text
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Converting newswire's own Markdown gives the same bytes and the same model.
    #[test]
    fn markdown_output_is_a_fixed_point(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        let once = newswire::write_to_string(Format::Markdown, &article, &WriteOptions::default());
        let reread = newswire::read(once.as_bytes(), Format::Markdown, "once.md").unwrap();
        let twice = newswire::write_to_string(Format::Markdown, &reread, &WriteOptions::default());
        prop_assert_eq!(&once, &twice);
        let third = newswire::read(twice.as_bytes(), Format::Markdown, "twice.md").unwrap();
        prop_assert_eq!(reread, third);
    }

    /// Normalising changes how the body is written, not what it says: the
    /// article read back from its own Markdown renders to the same HTML. Where
    /// comrak separates two lists with a comment, the content goes through
    /// the sanitiser, which leaves a blank line and writes `<hr>` for `<hr />`.
    #[test]
    fn markdown_output_means_the_same(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        let once = newswire::write_to_string(Format::Markdown, &article, &WriteOptions::default());
        let reread = newswire::read(once.as_bytes(), Format::Markdown, "once.md").unwrap();
        let html = |article| {
            let page = newswire::write_to_string(Format::Html, article, &WriteOptions::default());
            page.replace("<hr />", "<hr>").lines().filter(|line| !line.is_empty()).map(str::to_owned).collect::<Vec<_>>()
        };
        prop_assert_eq!(html(&article), html(&reread));
    }

    /// Every feed carries the body as written, and reads back to it. (The
    /// metadata is read from the feed's own fields, which do not keep, for
    /// one, that a date had no time.)
    #[test]
    fn feeds_read_back_to_the_body(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        let mut lossless = WriteOptions::default();
        lossless.channel.lossless = true;
        for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let feed = newswire::write_to_string(format, &article, &lossless);
            let back = newswire::read_feed(feed.as_bytes(), "gen.xml").unwrap();
            prop_assert_eq!(back.feed.articles.len(), 1);
            prop_assert_eq!(&back.feed.articles[0].body, &article.body, "{}", format);
            prop_assert_eq!(&back.feed.articles[0].discussion, &article.discussion, "{}", format);
        }
    }

    /// A default feed gives back every field, quote and prompt exactly.
    #[test]
    fn default_feeds_read_back_to_the_fields_quotes_and_prompts(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let feed = newswire::write_to_string(format, &article, &WriteOptions::default());
            let back = &newswire::read_feed(feed.as_bytes(), "gen.xml").unwrap().feed.articles[0];
            prop_assert_eq!(&back.meta, &article.meta, "{}", format);
            prop_assert_eq!(back.quotes().collect::<Vec<_>>(), article.quotes().collect::<Vec<_>>(), "{}", format);
            prop_assert_eq!(&back.discussion, &article.discussion, "{}", format);
        }
    }

    /// Article JSON reads back to the model it was written from.
    #[test]
    fn article_json_round_trips(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        let json = newswire::write_to_string(Format::ArticleJson, &article, &WriteOptions::default());
        let again = newswire::read(json.as_bytes(), Format::ArticleJson, "gen.json").unwrap();
        prop_assert_eq!(again, article);
    }

    /// Quotes survive into every output with their attribution.
    #[test]
    fn quotes_reach_every_output(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        let options = WriteOptions { width: 0, ..WriteOptions::default() };
        for format in Format::ALL {
            let output = newswire::write_to_string(format, &article, &options);
            for quote in article.quotes() {
                prop_assert!(output.contains(&quote.attribution.name), "{} lacks {}", format, quote.attribution.name);
            }
            if let Some(discussion) = &article.discussion {
                prop_assert!(output.contains(&discussion.heading));
            }
        }
    }
}

/// Every format as `convert_each` writes it, sharing the reader's parse.
fn converted(source: &str, from: Format) -> Vec<(Format, Vec<u8>)> {
    let mut outputs = Vec::new();
    newswire::convert_each(
        newswire::Source::new(source.as_bytes(), from, "gen.md"),
        &Format::ALL,
        &WriteOptions::default(),
        |_| Ok::<(), newswire::Error>(()),
        |mut document| {
            outputs.push((document.format(), document.to_vec()?));
            Ok(())
        },
    )
    .unwrap();
    outputs
}

/// Every format as written from the model, the body parsed again.
fn written(source: &str, from: Format) -> Vec<(Format, Vec<u8>)> {
    let article = newswire::read(source.as_bytes(), from, "gen.md").unwrap();
    let mut outputs = Vec::new();
    newswire::write_each(
        &Format::ALL,
        &article,
        &WriteOptions::default(),
        |mut document| {
            outputs.push((document.format(), document.to_vec()?));
            Ok::<(), newswire::Error>(())
        },
    )
    .unwrap();
    outputs
}

/// Each feed of the one article, from `FeedEntry::read`, which shares the
/// reader's parse, and from `write_feed`, which parses the body again.
fn entry_feeds(source: &str, from: Format) -> (Vec<String>, Vec<String>) {
    let channel = Channel {
        title: Some("Feed".to_owned()),
        link: Some("https://example.com/".to_owned()),
        ..Channel::default()
    };
    [Format::Rss, Format::Atom, Format::JsonFeed]
        .into_iter()
        .map(|format| {
            let (article, entry) = FeedEntry::read(
                format,
                newswire::Source::new(source.as_bytes(), from, "gen.md"),
                newswire::ItemOptions::default(),
            )
            .unwrap();
            let feed = Feed::new(channel.clone(), vec![article]);
            let mut from_entry = Vec::new();
            newswire::write_feed_entries(format, &feed, vec![entry], &mut from_entry).unwrap();
            let mut whole = Vec::new();
            newswire::write_feed(format, &feed, &mut whole).unwrap();
            (
                String::from_utf8(from_entry).unwrap(),
                String::from_utf8(whole).unwrap(),
            )
        })
        .unzip()
}

/// Each feed of the one article as `convert` writes it, in one pass, and
/// as the feed of many articles writes it, entries spliced into the
/// channel: with and without a feed URL, which adds a channel extension.
fn one_item_feeds(source: &str) -> Vec<(String, String)> {
    let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
    let mut feeds = Vec::new();
    for feed_url in [None, Some("https://example.com/feed".to_owned())] {
        let options = WriteOptions {
            channel: Channel {
                link: Some("https://example.com/".to_owned()),
                feed_url,
                ..Channel::default()
            },
            ..WriteOptions::default()
        };
        for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let mut converted = Vec::new();
            newswire::convert_each(
                newswire::Source::new(source.as_bytes(), Format::Markdown, "gen.md"),
                &[format],
                &options,
                |_| Ok::<(), newswire::Error>(()),
                |mut document| {
                    converted = document.to_vec()?;
                    Ok(())
                },
            )
            .unwrap();
            let mut spliced = Vec::new();
            let feed = Feed::from_article(&article, &options.channel);
            newswire::write_feed(format, &feed, &mut spliced).unwrap();
            feeds.push((
                String::from_utf8(converted).unwrap(),
                String::from_utf8(spliced).unwrap(),
            ));
        }
    }
    feeds
}

/// Bodies whose tree cannot be shared: something the writers never see, or
/// see rewritten, defines a link or footnote the body uses.
#[test]
fn converting_shares_the_parse_only_when_it_writes_the_same() {
    let front =
        "---\ntitle: Shared\nurl: https://example.com/shared\npublished: 2024-05-01\n---\n\n";
    let bodies = [
        "Read [the report][r] first.\n\n## Discussion\n\n- Is it right?\n\n  [r]: https://example.com/r\n",
        "Read this.[^n]\n\n## Discussion\n\n- Is it right?\n\n  [^n]: A note.\n",
        "See [the source][s].\n\n> Words here.\n>\n> [s]: https://example.com/s\n>\n> — Name, Role\n",
        "Lead.\n\n> Words here.\n>\n> -- Name, Role\n",
        "Lead *one*.\n\n> ### Title\n>\n> Words [here](https://example.com/h).\n>\n> — Name, Role\n\nEnd.[^n]\n\n## Discussion\n\n- Why?\n\nA note.\n\n[^n]: After the discussion.\n",
    ];
    for body in bodies {
        let source = format!("{front}{body}");
        let markdown = Format::Markdown;
        let (converted, written) = (converted(&source, markdown), written(&source, markdown));
        for ((format, ours), (_, theirs)) in converted.iter().zip(&written) {
            assert_eq!(
                String::from_utf8_lossy(ours),
                String::from_utf8_lossy(theirs),
                "{format} of {body:?}"
            );
        }
        let (from_entries, whole) = entry_feeds(&source, markdown);
        assert_eq!(from_entries, whole, "feeds of {body:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Converting writes what reading then writing would, whether or not it
    /// shares the reader's parse of the body.
    #[test]
    fn converting_writes_what_reading_then_writing_does(source in article()) {
        prop_assert_eq!(converted(&source, Format::Markdown), written(&source, Format::Markdown));
        let (from_entries, whole) = entry_feeds(&source, Format::Markdown);
        prop_assert_eq!(from_entries, whole);
        for (converted, spliced) in one_item_feeds(&source) {
            prop_assert_eq!(converted, spliced);
        }
    }

    /// Article JSON has no tree to share; it converts as it reads.
    #[test]
    fn article_json_converts_as_it_reads(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        let json = newswire::write_to_string(Format::ArticleJson, &article, &WriteOptions::default());
        prop_assert_eq!(converted(&json, Format::ArticleJson), written(&json, Format::ArticleJson));
        let (from_entries, whole) = entry_feeds(&json, Format::ArticleJson);
        prop_assert_eq!(from_entries, whole);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any generated article converts to every format, and the structured
    /// outputs are well-formed.
    #[test]
    fn every_format_is_well_formed(source in article()) {
        let article = newswire::read(source.as_bytes(), Format::Markdown, "gen.md").unwrap();
        for format in Format::ALL {
            let output = newswire::write_to_string(format, &article, &WriteOptions::default());
            crate::util::assert_well_formed(format, &output).map_err(TestCaseError::fail)?;
        }
    }
}

/// Text with every ASCII punctuation mark and characters past ASCII, for
/// the values that become XML attributes and text.
fn awkward_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            "[a-zA-Z0-9 ]{1,6}",
            "[!-/:-@\\[-`{-~]{1,4}",
            Just("é".to_owned()),
            Just("—".to_owned()),
            Just("日本".to_owned()),
            Just("\u{200f}".to_owned()),
            Just("😀".to_owned()),
        ],
        1..8,
    )
    .prop_map(|pieces| pieces.concat())
    .prop_filter("a title has some text", |text| !text.trim().is_empty())
}

/// A URL path and query of the same awkward text, percent-encoded where
/// URLs need it by the URL parser itself.
fn awkward_url() -> impl Strategy<Value = String> {
    (awkward_text(), awkward_text()).prop_map(|(path, query)| {
        let mut url = ammonia::Url::parse("https://example.com/").unwrap();
        url.set_path(&path);
        url.set_query(Some(&query));
        url.into()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever a title, a name, a role, a caption or a URL holds, every
    /// feed parses with a strict XML parser (or as JSON) and gives the
    /// value back as it was.
    #[test]
    fn every_value_is_escaped_in_every_feed(
        title in awkward_text(),
        name in awkward_text(),
        role in awkward_text(),
        caption in awkward_text(),
        url in awkward_url(),
        image in awkward_url(),
    ) {
        let quoted = |text: &str| serde_json::to_string(text).unwrap();
        let source = format!(
            "---\ntitle: {}\npublished: 2014-02-17\nurl: {}\nauthors:\n  - name: {}\n    url: {}\nimage:\n  url: {}\n  caption: {}\n---\n\nBody.\n\n> Quoted.\n>\n> — {}, {}\n",
            quoted(&title), quoted(&url), quoted(&name), quoted(&url), quoted(&image), quoted(&caption),
            name.replace(['\\', '`', '*', '_', '[', ']', '<', '>', '&', '!', '#', '|', '~', ','], " ").trim(),
            role.replace(['\\', '`', '*', '_', '[', ']', '<', '>', '&', '!', '#', '|', '~'], " ").trim(),
        );
        let Ok(article) = newswire::read(source.as_bytes(), Format::Markdown, "gen.md") else {
            // Some names cannot be an attribution; that is the reader's rule.
            return Ok(());
        };
        for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let output = newswire::write_to_string(format, &article, &WriteOptions::default());
            crate::util::assert_well_formed(format, &output).map_err(TestCaseError::fail)?;
            let back = newswire::read_feed(output.as_bytes(), "gen").map_err(|error| TestCaseError::fail(error.to_string()))?;
            let meta = &back.feed.articles[0].meta;
            prop_assert_eq!(&meta.title, &article.meta.title);
            prop_assert_eq!(&meta.url, &article.meta.url);
            prop_assert_eq!(&meta.image, &article.meta.image);
        }
        for format in [Format::Rss, Format::Atom] {
            let output = newswire::write_to_string(format, &article, &WriteOptions::default());
            let document = roxmltree::Document::parse(&output).unwrap();
            let media = document
                .descendants()
                .find(|node| node.tag_name().name() == "content" && node.attribute("medium").is_some())
                .expect("media:content");
            prop_assert_eq!(media.attribute("url"), Some(article.meta.image.as_ref().unwrap().url.as_str()));
            let title = document.descendants().find(|node| node.tag_name().name() == "title").unwrap();
            prop_assert_eq!(title.text(), Some(article.meta.title.as_str()));
        }
    }
}

/// Text as a program may hand the library: awkward, and with the
/// controls and noncharacters no reader lets through.
fn hostile_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => awkward_text(),
            1 => prop::sample::select(vec!["\u{0}", "\u{1b}", "\u{7}", "\u{85}", "\u{fffe}", "\u{fdd0}", "\r"])
                .prop_map(str::to_owned),
        ],
        1..4,
    )
    .prop_map(|pieces| pieces.concat())
}

/// A link as a program may hand the library: web URLs, awkward ones,
/// dangerous schemes, relative paths and no URL at all.
fn hostile_url() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => awkward_url(),
        1 => prop::sample::select(vec![
            "javascript:alert(1)",
            "data:text/html,<b>x</b>",
            "vbscript:x",
            "/relative/path",
            "https://e.example/a b?c=<d>",
            "https://e.example/{x}|^`",
            "not a url",
            "mailto:a@e.example",
            "",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A moment from year -5000 to 20000, most of which no feed can write.
fn hostile_date() -> impl Strategy<Value = newswire::Date> {
    (-5000i32..20000, 1u32..=12, 1u32..=28, -43_200i32..=50_400).prop_map(
        |(year, month, day, offset)| {
            use chrono::TimeZone;
            let offset = chrono::FixedOffset::east_opt(offset / 60 * 60).unwrap();
            let moment = offset.with_ymd_and_hms(year, month, day, 12, 0, 0).unwrap();
            newswire::Date::from_instant(moment)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever a program puts in the model, every feed newswire writes of
    /// it is well-formed, read by feed-rs with every item, and free of
    /// what feed validators reject; and every value it had to repair or
    /// leave out is noted.
    #[test]
    fn a_model_built_by_a_program_is_written_as_a_valid_feed(
        title in hostile_text(),
        summary in hostile_text(),
        aside in hostile_text(),
        url in hostile_url(),
        image in hostile_url(),
        link in hostile_url(),
        author_url in hostile_url(),
        email in prop::sample::select(vec!["a@e.example", "not an address", "<a@e.example>", ""]),
        language in prop::sample::select(vec!["en", "en_US", "pt-BR", "english!", "", " fr ", "zh_Hant_TW"]),
        published in hostile_date(),
        updated in prop::option::of(hostile_date()),
        same_id in any::<bool>(),
    ) {
        let sample = std::fs::read(crate::util::root().join("samples/syria-what-happens-now.md")).unwrap();
        let base = newswire::read(&sample, Format::Markdown, "s.md").unwrap();
        let mut first = base.clone();
        let meta = &mut first.meta;
        meta.title = title;
        meta.summary = Some(summary);
        let channel_title = aside.clone();
        meta.publisher = Some(aside.clone());
        meta.program = Some(aside.clone());
        meta.tags.push(aside.clone());
        meta.image.as_mut().unwrap().caption = Some(aside);
        meta.url = Some(url);
        meta.image.as_mut().unwrap().url = image;
        meta.language = Some(language.to_owned());
        meta.published = published;
        meta.updated = updated;
        meta.authors = vec![newswire::Author {
            name: "Ann \u{0}Other".to_owned(),
            url: Some(author_url),
            email: Some(email.to_owned()),
        }];
        let mut second = base.clone();
        if same_id {
            second.meta.id = first.meta.id.clone();
        }
        let channel = Channel {
            title: Some(channel_title),
            link: Some(link),
            language: Some(language.to_owned()),
            ..Channel::default()
        };
        let feed = Feed { channel, articles: vec![first, second] };
        let (valid, notes) = newswire::valid::feed(Format::Atom, &feed);
        prop_assert!(!notes.is_empty(), "the byline's NUL at least is noted");
        let ids: std::collections::HashSet<_> = valid.articles.iter().map(|article| &article.meta.id).collect();
        prop_assert_eq!(ids.len(), 2);
        for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let mut output = Vec::new();
            newswire::write_feed(format, &feed, &mut output).unwrap();
            let text = String::from_utf8(output.clone()).unwrap();
            crate::util::assert_well_formed(format, &text).map_err(TestCaseError::fail)?;
            let parsed = feed_rs::parser::parse(output.as_slice())
                .map_err(|error| TestCaseError::fail(format!("{format}: {error}")))?;
            prop_assert_eq!(parsed.entries.len(), 2);
            let errors: Vec<String> = newswire::check::check_feed(&output, "out")
                .into_iter()
                .filter(|finding| finding.severity == newswire::check::Severity::Error)
                .map(|finding| finding.to_string())
                .collect();
            prop_assert!(errors.is_empty(), "{}: {:?}\n{}", format, errors, text);
        }
    }
}
