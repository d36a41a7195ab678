//! Feeds read back: our own feeds give the same articles, feeds other tools
//! write give sensible ones, feed-to-feed conversion is read by real
//! parsers, and what a conversion cannot carry is reported.

use crate::feeds::channel;
use crate::util::{assert_fails, root, run, run_in, samples, stderr, stdout};
use newswire::{Article, Block, Feed, Format, WriteOptions};
use std::path::PathBuf;

const FEED_FORMATS: [Format; 3] = [Format::Rss, Format::Atom, Format::JsonFeed];

fn sample(path: &PathBuf) -> Article {
    let bytes = std::fs::read(path).unwrap();
    newswire::read(&bytes, Format::Markdown, &path.display().to_string()).unwrap()
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/feeds").join(name)
}

fn import_fixture(name: &str) -> newswire::Imported {
    let bytes = std::fs::read(fixture(name)).unwrap();
    newswire::read_feed(&bytes, name).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn article_json(article: &Article) -> String {
    newswire::write_to_string(Format::ArticleJson, article, &WriteOptions::default())
}

#[test]
fn every_sample_comes_back_whole_from_every_lossless_feed() {
    for path in samples() {
        let article = sample(&path);
        for format in FEED_FORMATS {
            let mut feed = Feed::from_article(&article, &channel());
            feed.channel.feed_url = None;
            feed.channel.lossless = true;
            let mut bytes = Vec::new();
            newswire::write_feed(format, &feed, &mut bytes).unwrap();
            let imported = newswire::read_feed(&bytes, "feed").unwrap();
            assert_eq!(imported.feed.articles.len(), 1);
            assert_eq!(
                article_json(&imported.feed.articles[0]),
                article_json(&article),
                "{} through {format}",
                path.display()
            );
        }
    }
}

/// A default feed carries no second copy of the article: every metadata
/// field, quote, attribution, prompt and note still comes back exactly, and
/// the body, rebuilt from the HTML, reads as the same text (its links made
/// absolute, footnotes as links, table columns without their alignment).
#[test]
fn every_sample_comes_back_from_every_default_feed_but_for_its_markdown() {
    let text_of = |article: &Article| {
        let mut feed = Feed::from_article(article, &channel());
        feed.channel.feed_url = None;
        let mut bytes = Vec::new();
        newswire::write_feed(Format::JsonFeed, &feed, &mut bytes).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        json["items"][0]["content_text"]
            .as_str()
            .unwrap()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    for path in samples() {
        let article = sample(&path);
        for format in FEED_FORMATS {
            let feed = Feed::from_article(&article, &channel());
            let mut bytes = Vec::new();
            newswire::write_feed(format, &feed, &mut bytes).unwrap();
            assert!(
                !String::from_utf8_lossy(&bytes).contains("nw:source"),
                "no second copy"
            );
            let imported = newswire::read_feed(&bytes, "feed").unwrap();
            let back = &imported.feed.articles[0];
            let name = format!("{} through {format}", path.display());
            assert_eq!(
                serde_json::to_value(&back.meta).unwrap(),
                serde_json::to_value(&article.meta).unwrap(),
                "{name}"
            );
            let quotes = |article: &Article| article.quotes().cloned().collect::<Vec<_>>();
            assert_eq!(quotes(back), quotes(&article), "{name}");
            assert_eq!(back.discussion, article.discussion, "{name}");
            assert_eq!(text_of(back), text_of(&article), "{name}");
        }
    }
}

/// Without our extension (a feed that passed through another tool), the
/// quotes, their attributions and the prompts still come back from the
/// shared HTML.
#[test]
fn quotes_and_prompts_come_back_from_the_html_alone() {
    for path in samples() {
        let article = sample(&path);
        let json = newswire::write_to_string(Format::JsonFeed, &article, &WriteOptions::default());
        let mut feed: serde_json::Value = serde_json::from_str(&json).unwrap();
        for item in feed["items"].as_array_mut().unwrap() {
            item.as_object_mut().unwrap().remove("_newswire");
        }
        let bytes = serde_json::to_vec(&feed).unwrap();
        let imported = newswire::read_feed(&bytes, "bare.json").unwrap();
        let back = &imported.feed.articles[0];
        let attributions = |article: &Article| -> Vec<_> {
            article
                .quotes()
                .map(|quote| (quote.attribution.clone(), quote.title.clone()))
                .collect()
        };
        assert_eq!(
            attributions(back),
            attributions(&article),
            "{}",
            path.display()
        );
        let prompts = |article: &Article| article.discussion.as_ref().map(|d| d.prompts.clone());
        assert_eq!(prompts(back), prompts(&article), "{}", path.display());
        assert_eq!(back.meta.title, article.meta.title);
        assert_eq!(back.meta.tags, article.meta.tags);
    }
}

#[test]
fn the_reference_sample_survives_the_html_path_exactly_in_its_body() {
    let path = root().join("samples/syria-what-happens-now.md");
    let article = sample(&path);
    let json = newswire::write_to_string(Format::JsonFeed, &article, &WriteOptions::default());
    let mut feed: serde_json::Value = serde_json::from_str(&json).unwrap();
    feed["items"][0]["_newswire"]
        .as_object_mut()
        .unwrap()
        .remove("source");
    let imported = newswire::read_feed(&serde_json::to_vec(&feed).unwrap(), "f.json").unwrap();
    let back = &imported.feed.articles[0];
    assert_eq!(back.body, article.body);
    assert_eq!(back.discussion, article.discussion);
    assert_eq!(back.meta.image, article.meta.image);
    assert_eq!(back.meta.program, article.meta.program);
}

#[test]
fn foreign_feeds_import_into_sensible_articles() {
    let wordpress = import_fixture("wordpress.rss.xml");
    assert_eq!(
        wordpress.feed.channel.title.as_deref(),
        Some("Harbour Town Gazette")
    );
    let ferry = &wordpress.feed.articles[0];
    assert_eq!(ferry.meta.title, "Council approves new ferry timetable");
    assert_eq!(ferry.meta.authors[0].name, "Priya Natarajan");
    assert_eq!(ferry.meta.tags, ["Transport", "Council"]);
    assert_eq!(ferry.meta.language.as_deref(), Some("en-GB"));
    assert_eq!(ferry.meta.published.to_rfc3339(), "2024-03-12T09:00:00Z");
    let quote = ferry
        .quotes()
        .next()
        .expect("the cited block quote is a quote");
    assert_eq!(quote.attribution.name, "Hannah Pryce");
    assert_eq!(
        quote.attribution.role.as_deref(),
        Some("transport committee chair")
    );
    let rescue = newswire::write_to_string(
        Format::Markdown,
        &wordpress.feed.articles[1],
        &WriteOptions::default(),
    );
    assert!(
        rescue.contains("*Gull Point*") || rescue.contains("_Gull Point_"),
        "{rescue}"
    );
    assert!(!rescue.contains("alert"), "scripts are dropped: {rescue}");

    let hugo = import_fixture("hugo.rss.xml");
    let moss = newswire::write_to_string(
        Format::Markdown,
        &hugo.feed.articles[0],
        &WriteOptions::default(),
    );
    assert!(moss.contains("```sh\nmeasure --wall north\n```"), "{moss}");
    assert_eq!(
        hugo.feed.articles[0].meta.summary, None,
        "the description is the body"
    );

    let jekyll = import_fixture("jekyll.atom.xml");
    let kerning = &jekyll.feed.articles[0];
    assert_eq!(kerning.meta.title, "Kerning, & why it matters");
    assert_eq!(
        kerning.meta.updated.unwrap().to_rfc3339(),
        "2024-02-21T10:30:00Z"
    );
    assert_eq!(
        kerning.meta.summary.as_deref(),
        Some("Why the space between letters matters.")
    );
    assert_eq!(
        jekyll.feed.channel.title.as_deref(),
        Some("Ana’s & Co. blog")
    );

    let substack = import_fixture("substack.rss.xml");
    let rates = &substack.feed.articles[0];
    assert_eq!(
        rates.meta.image.as_ref().unwrap().url,
        "https://substack-post-media.s3.amazonaws.com/public/images/rates.png"
    );
    let body = newswire::write_to_string(Format::Text, rates, &WriteOptions::default());
    assert!(body.contains("run out of reasons"), "{body}");
    assert!(
        !body.contains("Subscribe\n") && !body.contains("<input"),
        "{body}"
    );

    let youtube = import_fixture("youtube.atom.xml");
    let video = &youtube.feed.articles[0];
    assert_eq!(
        video.meta.url.as_deref(),
        Some("https://www.youtube.com/watch?v=dQw4w9WgXcQ")
    );
    assert_eq!(
        video.meta.image.as_ref().unwrap().url,
        "https://i1.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"
    );
    let text = newswire::write_to_string(Format::Text, video, &WriteOptions::default());
    assert!(
        text.contains("What the new timetable means for you."),
        "{text}"
    );

    let podcast = import_fixture("podcast.rss.xml");
    let episode = &podcast.feed.articles[0];
    assert_eq!(
        episode.meta.extra["enclosures"][0]["url"],
        "https://cdn.example.fm/tide/ep12.mp3"
    );
    assert_eq!(episode.meta.extra["enclosures"][0]["length"], 48213776);
    assert_eq!(episode.meta.extra["enclosures"][0]["type"], "audio/mpeg");
    assert_eq!(episode.meta.authors[0].name, "Maya Osei");
    assert_eq!(
        podcast.feed.articles[1].meta.published.to_rfc3339(),
        "2024-02-08T05:00:00-05:00",
        "obsolete zone names are read"
    );

    let mastodon = import_fixture("mastodon.rss.xml");
    let post = &mastodon.feed.articles[0];
    assert!(
        post.meta.title.starts_with("Ferries every 20 minutes"),
        "{}",
        post.meta.title
    );
    assert!(
        mastodon
            .changes
            .iter()
            .any(|change| change.field == "title")
    );
    assert_eq!(
        post.meta.image.as_ref().unwrap().caption.as_deref(),
        Some("The morning ferry leaving the harbour")
    );

    let json = import_fixture("jsonfeed-1.0.json");
    assert_eq!(json.feed.channel.authors[0].name, "Lena Fischer");
    let riso = newswire::write_to_string(
        Format::Markdown,
        &json.feed.articles[0],
        &WriteOptions::default(),
    );
    assert!(
        riso.contains("\\*never\\*"),
        "plain text stays plain: {riso}"
    );
    assert_eq!(json.feed.articles[1].meta.id, "1", "numeric ids are kept");

    let rdf = import_fixture("rss-1.0.rdf");
    assert_eq!(
        rdf.feed.articles[0].meta.published.to_rfc3339(),
        "2023-11-30T16:00:00Z"
    );
    assert_eq!(rdf.feed.articles[0].meta.tags, ["maps"]);

    let entry = import_fixture("atom-entry-document.xml");
    assert_eq!(entry.feed.articles.len(), 1);
    assert_eq!(
        entry.feed.channel.title.as_deref(),
        Some("Harbour ferry returns after the storm"),
        "an entry document's feed is titled after its entry"
    );
    assert_eq!(
        entry.feed.articles[0].meta.url.as_deref(),
        Some("https://harbour.example.org/2024/02/ferry-returns")
    );
    assert!(entry.changes.iter().any(|change| change.field == "format"));

    let old = import_fixture("rss-0.91.xml");
    assert_eq!(old.feed.articles[0].meta.title, "Site relaunched");
    assert!(old.changes.iter().any(|change| change.field == "published"));
}

#[test]
fn every_fixture_imports_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(root().join("tests/fixtures/feeds")).unwrap() {
        let path = entry.unwrap().path();
        let out = dir.path().join(path.file_name().unwrap());
        let output = run(
            &[
                "import",
                path.to_str().unwrap(),
                "--out-dir",
                out.to_str().unwrap(),
            ],
            b"",
        );
        assert!(
            output.status.success(),
            "{}: {}",
            path.display(),
            stderr(&output)
        );
        for article in std::fs::read_dir(&out).unwrap() {
            let article = article.unwrap().path();
            let again = run(&["convert", article.to_str().unwrap(), "-t", "md"], b"");
            assert!(
                again.status.success(),
                "{}: {}",
                article.display(),
                stderr(&again)
            );
            assert_eq!(stdout(&again), std::fs::read_to_string(&article).unwrap());
        }
    }
}

#[test]
fn import_names_files_safely_and_never_overwrites_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[
        {"id":"a","title":"../../etc/passwd","content_text":"x","date_published":"2024-01-01T00:00:00Z"},
        {"id":"b","title":"../../etc/passwd","content_text":"y","date_published":"2024-01-01T00:00:00Z"}]}"#;
    let output = run_in(
        dir.path(),
        &["import", "-", "--out-dir", "out"],
        feed.as_bytes(),
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["etc-passwd-2.md", "etc-passwd.md"]);
    let before = std::fs::read(dir.path().join("out/etc-passwd.md")).unwrap();
    let changed = feed.replace("\"x\"", "\"changed\"");
    let again = run_in(
        dir.path(),
        &["import", "-", "--out-dir", "out"],
        changed.as_bytes(),
    );
    assert_fails(&again, 74, "give --force");
    assert_eq!(
        std::fs::read(dir.path().join("out/etc-passwd.md")).unwrap(),
        before
    );
    let forced = run_in(
        dir.path(),
        &["import", "-", "--out-dir", "out", "--force"],
        changed.as_bytes(),
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(
        std::fs::read(dir.path().join("out/etc-passwd.md")).unwrap(),
        before
    );

    // Several items and no directory: nowhere to put them.
    assert_fails(&run(&["import", "-"], feed.as_bytes()), 2, "--out-dir");
}

#[test]
fn broken_and_hostile_feeds_are_refused_with_their_place() {
    let cases: [(&str, &str, i32); 4] = [
        (
            "<rss version=\"2.0\"><channel>\n<title>x</title>\n<item></channel></rss>",
            ":3:",
            65,
        ),
        (
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<rss version=\"2.0\"><channel><title>&x;</title><link>https://e.com/</link><description>d</description></channel></rss>",
            ":3:",
            65,
        ),
        (
            "{\"version\":\"https://jsonfeed.org/version/1.1\",\n\"items\": [1,",
            ":2:",
            65,
        ),
        ("just some text", "not a feed", 65),
    ];
    for (feed, message, status) in cases {
        let output = run(&["import", "-"], feed.as_bytes());
        assert_fails(&output, status, message);
        assert!(
            !stdout(&output).contains("root:"),
            "no entity is ever resolved"
        );
    }
    let deep = format!("<rss>{}", "<a>".repeat(10_000));
    assert_fails(&run(&["import", "-"], deep.as_bytes()), 65, "deeper than");
}

#[test]
fn feed_to_feed_keeps_every_item_and_is_read_by_real_parsers() {
    for name in [
        "wordpress.rss.xml",
        "podcast.rss.xml",
        "jekyll.atom.xml",
        "jsonfeed-1.0.json",
        "youtube.atom.xml",
    ] {
        let source = import_fixture(name);
        let path = fixture(name);
        let convert = |target: &str, extra: &[&str]| {
            let mut args = vec![
                "convert",
                path.to_str().unwrap(),
                "-f",
                "feed",
                "-t",
                target,
            ];
            args.extend(extra);
            run(&args, b"")
        };
        for target in ["rss", "atom", "jsonfeed"] {
            let output = convert(target, &[]);
            assert!(
                output.status.success(),
                "{name} to {target}: {}",
                stderr(&output)
            );
            let parsed = feed_rs::parser::parse(output.stdout.as_slice())
                .unwrap_or_else(|error| panic!("{name} to {target}: {error}"));
            assert_eq!(
                parsed.entries.len(),
                source.feed.articles.len(),
                "{name} to {target}"
            );
            for (entry, article) in parsed.entries.iter().zip(&source.feed.articles) {
                assert_eq!(entry.title.as_ref().unwrap().content, article.meta.title);
            }
            // And back: the same fields, quotes and prompts by default, the
            // same articles when lossless.
            let back = newswire::read_feed(&output.stdout, target).unwrap();
            for (back, article) in back.feed.articles.iter().zip(&source.feed.articles) {
                assert_eq!(back.meta, article.meta, "{name} to {target} and back");
                assert_eq!(
                    back.quotes().collect::<Vec<_>>(),
                    article.quotes().collect::<Vec<_>>()
                );
                assert_eq!(back.discussion, article.discussion);
            }
            let lossless = convert(target, &["--lossless"]);
            let back = newswire::read_feed(&lossless.stdout, target).unwrap();
            assert_eq!(
                back.feed.articles, source.feed.articles,
                "{name} to {target} and back, lossless"
            );
        }
    }
}

#[test]
fn the_fidelity_report_names_each_field_per_item() {
    let rss = run(
        &[
            "convert",
            fixture("jekyll.atom.xml").to_str().unwrap(),
            "-t",
            "rss",
            "--report",
            "json",
        ],
        b"",
    );
    assert!(rss.status.success(), "{}", stderr(&rss));
    let report: serde_json::Value = serde_json::from_str(stderr(&rss).trim()).unwrap();
    assert!(
        report["file"]
            .as_str()
            .unwrap()
            .ends_with("jekyll.atom.xml")
    );
    let changes = report["changes"].as_array().unwrap();
    let updated = changes
        .iter()
        .find(|change| change["field"] == "updated")
        .expect("RSS has no item update date");
    assert_eq!(
        updated["item"],
        "https://blog.example.com/2024/02/20/kerning"
    );
    assert_eq!(updated["action"], "dropped");

    // An RSS item with no date going to Atom, which requires one.
    let undated = run(
        &[
            "convert",
            fixture("rss-0.91.xml").to_str().unwrap(),
            "-f",
            "rss",
            "-t",
            "atom",
        ],
        b"",
    );
    assert!(undated.status.success(), "{}", stderr(&undated));
    let notes = stderr(&undated);
    assert!(
        notes.contains("item http://oldschool.example.com/relaunch.html: published: changed"),
        "{notes}"
    );
    // An author's e-mail has no place in JSON Feed.
    let json = run(
        &[
            "convert",
            fixture("podcast.rss.xml").to_str().unwrap(),
            "-t",
            "jsonfeed",
        ],
        b"",
    );
    assert!(json.status.success(), "{}", stderr(&json));
    // Enclosures have their standard place in every feed format now.
    assert!(
        !stderr(&json).contains("enclosures: dropped"),
        "{}",
        stderr(&json)
    );
    let written: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(
        written["items"][0]["attachments"][0]["url"],
        "https://cdn.example.fm/tide/ep12.mp3"
    );
    let mail = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[
        {"id":"a","title":"A","content_text":"x","date_published":"2024-01-01T00:00:00Z"}]}"#;
    // No site link anywhere: RSS cannot be written.
    assert_fails(
        &run(&["convert", "-", "-t", "rss"], mail.as_bytes()),
        2,
        "give --link URL",
    );
    let linked = run(
        &["convert", "-", "-t", "rss", "--link", "https://e.com/"],
        mail.as_bytes(),
    );
    assert!(linked.status.success(), "{}", stderr(&linked));

    // -f names one kind; another is refused.
    assert_fails(
        &run(
            &[
                "convert",
                fixture("jekyll.atom.xml").to_str().unwrap(),
                "-f",
                "rss",
                "-t",
                "atom",
            ],
            b"",
        ),
        65,
        "expected a rss feed, found atom",
    );
    // Many items to one article format: import is the tool.
    assert_fails(
        &run(
            &[
                "convert",
                fixture("wordpress.rss.xml").to_str().unwrap(),
                "-t",
                "md",
            ],
            b"",
        ),
        2,
        "newswire import",
    );
}

#[test]
fn quotes_survive_feed_to_feed_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let rss = dir.path().join("syria.rss.xml");
    let sample = root().join("samples/syria-what-happens-now.md");
    let made = run(
        &[
            "convert",
            sample.to_str().unwrap(),
            "-t",
            "rss",
            "-o",
            rss.to_str().unwrap(),
        ],
        b"",
    );
    assert!(made.status.success(), "{}", stderr(&made));
    let atom = run(&["convert", rss.to_str().unwrap(), "-t", "atom"], b"");
    assert!(atom.status.success(), "{}", stderr(&atom));
    let back = newswire::read_feed(&atom.stdout, "atom").unwrap();
    let original = newswire::read(&std::fs::read(&sample).unwrap(), Format::Markdown, "s").unwrap();
    assert_eq!(back.feed.articles[0], original);
    assert!(
        back.feed.articles[0]
            .body
            .iter()
            .any(|block| matches!(block, Block::Quote(_)))
    );
}

#[test]
fn check_reports_what_feed_validators_reject_with_places() {
    let bad_rss = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\">\n<channel>\n<title>t</title>\n<link>/relative</link>\n<item>\n<title>a</title>\n<pubDate>2024-01-01</pubDate>\n<guid>not-a-url</guid>\n<dc:creator>x</dc:creator>\n<author>Jane</author>\n</item>\n<item><title>b</title><guid>not-a-url</guid></item>\n</channel>\n</rss>\n";
    let output = run(&["check", "-"], bad_rss.as_bytes());
    assert_eq!(output.status.code(), Some(65));
    let report = stdout(&output);
    for expected in [
        "-:3:1: error: <channel> is missing <description>",
        "-:5:1: error: <link> \"/relative\" is not a full URL",
        "-:8:1: error: <pubDate> \"2024-01-01\" is not an RFC 822 date",
        "-:9:1: error: <guid> \"not-a-url\" is a permalink unless isPermaLink=\"false\"",
        "-:10:1: error: the namespace prefix `dc` of <dc:creator> is not declared",
        "-:11:1: error: <author> must be an e-mail address",
        "-:13:23: error: <guid> \"not-a-url\" is also the guid of an earlier item",
    ] {
        assert!(
            report.contains(expected),
            "expected {expected:?} in:\n{report}"
        );
    }

    let bad_atom = "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n<title>t</title>\n<id>urn:x</id>\n<updated>yesterday</updated>\n<entry>\n<title>e</title>\n<id>urn:e</id>\n<updated>2024-01-01T00:00:00Z</updated>\n</entry>\n</feed>\n";
    let report = stdout(&run(&["check", "-"], bad_atom.as_bytes()));
    for expected in [
        "-:4:1: error: <updated> \"yesterday\" is not an RFC 3339 date",
        "-:5:1: error: <entry> has no <author> and neither has the <feed>",
        "-:5:1: error: <entry> needs <content> or a <link rel=\"alternate\">",
    ] {
        assert!(
            report.contains(expected),
            "expected {expected:?} in:\n{report}"
        );
    }

    let bad_json = "{\n\"version\": \"https://jsonfeed.org/version/1.1\",\n\"title\": \"t\",\n\"items\": [\n{\"id\": \"1\", \"content_text\": \"a\"},\n{\"id\": \"1\", \"date_published\": \"Monday\"}\n]\n}\n";
    let report = stdout(&run(&["check", "-"], bad_json.as_bytes()));
    for expected in [
        "-:6:1: error: id \"1\" is also the id of an earlier item",
        "-:6:1: error: the item has neither content_html nor content_text",
        "-:6:1: error: date_published \"Monday\" is not an RFC 3339 date",
    ] {
        assert!(
            report.contains(expected),
            "expected {expected:?} in:\n{report}"
        );
    }
}

#[test]
fn check_passes_the_feeds_newswire_writes() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["rss", "atom", "jsonfeed"] {
        let out = dir.path().join(format!("feed.{format}"));
        let mut args = vec![
            "feed",
            "samples/",
            "-t",
            format,
            "--title",
            "T",
            "--link",
            "https://example.com/",
        ];
        args.extend([
            "--feed-url",
            "https://example.com/feed",
            "-o",
            out.to_str().unwrap(),
        ]);
        let made = run(&args, b"");
        assert!(made.status.success(), "{}", stderr(&made));
        let checked = run(&["check", "--strict", out.to_str().unwrap()], b"");
        assert!(checked.status.success(), "{format}: {}", stdout(&checked));
    }
}

#[test]
fn a_discussion_with_only_a_note_comes_back_from_every_feed() {
    // In XML, no prompts means no prompt element; the structured data must
    // still read back, not fall back to the HTML.
    let text = "---\ntitle: T\nurl: https://example.com/t\npublished: 2024-05-01T00:00:00Z\n---\n\nBody[^n].\n\n[^n]: A note.\n\n## Discussion\n\nOnly a note.\n";
    let article = newswire::read(text.as_bytes(), Format::Markdown, "t.md").unwrap();
    assert!(article.discussion.as_ref().unwrap().prompts.is_empty());
    let mut lossless = WriteOptions::default();
    lossless.channel.lossless = true;
    for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
        for options in [&WriteOptions::default(), &lossless] {
            let feed = newswire::write_to_string(format, &article, options);
            let back = newswire::read_feed(feed.as_bytes(), "t.xml").unwrap();
            assert_eq!(
                back.feed.articles[0].discussion, article.discussion,
                "{format}"
            );
        }
        let feed = newswire::write_to_string(format, &article, &lossless);
        let back = newswire::read_feed(feed.as_bytes(), "t.xml").unwrap();
        assert_eq!(back.feed.articles[0].body, article.body, "{format}");
    }
}

/// Every fixture, whatever its encoding or dialect, converts to every feed
/// format: well-formed by a strict XML parser, read by feed-rs, every item
/// kept.
#[test]
fn every_fixture_converts_to_every_feed_format() {
    let mut names: Vec<_> = std::fs::read_dir(root().join("tests/fixtures/feeds"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    for path in names {
        let name = path.display().to_string();
        let source = newswire::read_feed(&std::fs::read(&path).unwrap(), &name).unwrap();
        for target in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let output = run(
                &[
                    "convert",
                    &name,
                    "-t",
                    target.name(),
                    "--link",
                    "https://example.com/",
                    "-q",
                ],
                b"",
            );
            assert!(
                output.status.success(),
                "{name} to {target}: {}",
                stderr(&output)
            );
            let written = stdout(&output);
            crate::util::assert_well_formed(target, &written)
                .unwrap_or_else(|error| panic!("{name} to {target}: {error}"));
            let parsed = feed_rs::parser::parse(output.stdout.as_slice())
                .unwrap_or_else(|error| panic!("{name} to {target}: {error}"));
            assert_eq!(
                parsed.entries.len(),
                source.feed.articles.len(),
                "{name} to {target}"
            );
            // And nothing that feed validators reject.
            let errors: Vec<String> = newswire::check::check_feed(&output.stdout, "out")
                .into_iter()
                .filter(|finding| finding.severity == newswire::check::Severity::Error)
                .map(|finding| finding.to_string())
                .collect();
            assert!(errors.is_empty(), "{name} to {target}: {errors:?}");
        }
    }
}

/// What each encoding and dialect fixture says comes through as it said
/// it: the title in its script, the dates the feed meant.
#[test]
fn encodings_and_dialects_are_read_as_written() {
    for (name, title) in [
        (
            "encoding-iso-8859-1.rss.xml",
            "Habitação em Lisboa: ¿qué pasa?",
        ),
        (
            "encoding-windows-1252.rss.xml",
            "Smart “quotes” – and € signs",
        ),
        ("encoding-euc-kr.rss.xml", "서울 뉴스: 오늘의 토론"),
        ("encoding-big5.rss.xml", "台北新聞：今日討論"),
        ("encoding-utf-16le-bom.rss.xml", "Заголовок — UTF-16 с BOM"),
        (
            "encoding-utf-16be.rss.xml",
            "UTF-16 big-endian, no mark: Ελληνικά",
        ),
        (
            "encoding-utf-32le-bom.rss.xml",
            "UTF-32 with a mark: 日本語のニュース",
        ),
        ("encoding-ibm850.rss.xml", "Café Ørsted: £5 for ½ a pizza"),
        ("atom-0.3.xml", "Still here"),
        ("atom-prefixed.xml", "Fish & chips"),
        ("cdf-channel.xml", "Markets open higher"),
    ] {
        let imported = import_fixture(name);
        let article = &imported.feed.articles[0];
        assert_eq!(article.meta.title, title, "{name}");
        assert!(!article.body.is_empty(), "{name}: the body");
    }
    // A CDF channel's sections join its items; links resolve against BASE.
    let cdf = import_fixture("cdf-channel.xml");
    assert_eq!(
        cdf.feed.channel.title.as_deref(),
        Some("Example News Channel")
    );
    let links: Vec<_> = cdf
        .feed
        .articles
        .iter()
        .map(|article| article.meta.url.as_deref().unwrap())
        .collect();
    assert_eq!(
        links,
        [
            "http://www.example.org/news/1998/03/02/markets.htm",
            "http://www.example.org/news/sport/1998/03/01/final.htm"
        ]
    );
    assert_eq!(
        cdf.feed.articles[1].meta.published.to_rfc3339(),
        "1998-03-01T22:15:00-05:00"
    );
    assert!(
        cdf.changes
            .iter()
            .any(|change| change.detail.contains("CDF"))
    );
    let old = import_fixture("atom-0.3.xml");
    let meta = &old.feed.articles[0].meta;
    assert_eq!(meta.published.to_rfc3339(), "2014-02-17T18:00:00Z");
    assert_eq!(
        meta.updated.as_ref().unwrap().to_rfc3339(),
        "2014-02-18T09:30:00Z"
    );
    assert_eq!(
        old.feed.channel.description.as_deref(),
        Some("Served as Atom 0.3 since 2004")
    );
    assert!(
        old.changes
            .iter()
            .any(|change| change.to_string().contains("Atom 0.3"))
    );
    // An Atom feed's own id survives feed to feed.
    let output = run(
        &[
            "convert",
            fixture("atom-prefixed.xml").to_str().unwrap(),
            "-t",
            "atom",
            "-q",
        ],
        b"",
    );
    let feed = atom_syndication::Feed::read_from(output.stdout.as_slice()).unwrap();
    assert_eq!(feed.id, "tag:prefixed.example.net,2014:feed");
    let dates = import_fixture("dates-wrong-weekday.rss.xml");
    let published: Vec<String> = dates
        .feed
        .articles
        .iter()
        .map(|article| article.meta.published.to_rfc3339())
        .collect();
    assert_eq!(
        published,
        ["2014-02-17T18:00:00Z", "2014-02-17T19:00:00+01:00"]
    );
    assert!(
        dates.changes.iter().any(|change| change
            .to_string()
            .contains("names the wrong weekday; the date is taken, a Monday")),
        "{:?}",
        dates.changes
    );
}

/// A podcast keeps every episode's file in every feed format: RSS
/// `enclosure`, Atom `link rel="enclosure"`, JSON Feed `attachments`.
#[test]
fn a_podcast_keeps_its_enclosures_in_every_feed_format() {
    let podcast = fixture("podcast.rss.xml");
    let source = rss::Channel::read_from(std::fs::read(&podcast).unwrap().as_slice()).unwrap();
    // Each enclosure as (url, type, length).
    let enclosures = |channel: &rss::Channel| -> Vec<(String, String, String)> {
        channel
            .items
            .iter()
            .filter_map(|item| item.enclosure.as_ref())
            .map(|enclosure| {
                let enclosure = enclosure.clone();
                (enclosure.url, enclosure.mime_type, enclosure.length)
            })
            .collect()
    };
    let expected = enclosures(&source);
    assert!(!expected.is_empty());
    let convert = |to: &str| {
        let output = run(&["convert", podcast.to_str().unwrap(), "-t", to, "-q"], b"");
        assert!(output.status.success(), "{to}: {}", stderr(&output));
        output.stdout
    };
    let rss = rss::Channel::read_from(convert("rss").as_slice()).unwrap();
    let written = enclosures(&rss);
    assert_eq!(written, expected, "rss");
    // Its iTunes fields survive RSS to RSS.
    let itunes = |channel: &rss::Channel| -> Vec<(Option<String>, Option<String>, Option<String>)> {
        channel
            .items
            .iter()
            .filter_map(|item| item.itunes_ext.clone())
            .map(|itunes| (itunes.duration, itunes.episode, itunes.author))
            .collect()
    };
    assert!(
        itunes(&source)
            .iter()
            .any(|(duration, _, _)| duration.is_some())
    );
    assert_eq!(itunes(&rss), itunes(&source), "itunes");
    // Its Podcasting 2.0 elements too, each of them, nested ones whole; a link
    // that is not http or https is left out, as every link is.
    let podcast = |channel: &rss::Channel| -> Vec<String> {
        fn describe(extension: &rss::extension::Extension) -> String {
            let children: Vec<String> = extension
                .children
                .values()
                .flatten()
                .map(describe)
                .collect();
            format!(
                "{}{:?} {:?} {children:?}",
                extension.name,
                extension.attrs,
                extension
                    .value
                    .as_deref()
                    .map(str::trim)
                    .filter(|value| !value.is_empty())
            )
        }
        let in_map = |map: &rss::extension::ExtensionMap| -> Vec<String> {
            map.get("podcast")
                .into_iter()
                .flat_map(|by_name| by_name.values().flatten())
                .map(describe)
                .collect()
        };
        let mut described = vec![format!("channel: {:?}", in_map(&channel.extensions))];
        described.extend(
            channel
                .items
                .iter()
                .flat_map(|item| in_map(&item.extensions)),
        );
        described
    };
    let mut expected_podcast = podcast(&source);
    assert_eq!(expected_podcast.len(), 8);
    assert_eq!(expected_podcast[0].matches("podcast:").count(), 5);
    expected_podcast[0] = expected_podcast[0].replace(
        r#""podcast:funding{\"url\": \"javascript:alert(1)\"} Some(\"Support the show\") []", "#,
        "",
    );
    expected_podcast.retain(|element| !element.contains("javascript:"));
    let mut written_podcast = podcast(&rss);
    written_podcast.sort();
    expected_podcast.sort();
    assert_eq!(written_podcast, expected_podcast, "podcast");
    // And the show's own: author, owner, categories, artwork, explicit.
    let show = |channel: &rss::Channel| {
        let itunes = channel.itunes_ext.clone().unwrap();
        (
            itunes.author,
            itunes.owner.map(|owner| (owner.name, owner.email)),
            itunes
                .categories
                .iter()
                .map(|category| {
                    let sub = category.subcategory.as_ref().map(|sub| sub.text.clone());
                    (category.text.clone(), sub)
                })
                .collect::<Vec<_>>(),
            itunes.image,
            itunes.explicit,
        )
    };
    assert_eq!(show(&rss), show(&source), "the show's iTunes fields");
    let atom = atom_syndication::Feed::read_from(convert("atom").as_slice()).unwrap();
    let written: Vec<(String, String, String)> = atom
        .entries
        .iter()
        .flat_map(|entry| entry.links.iter().filter(|link| link.rel == "enclosure"))
        .map(|link| {
            (
                link.href.clone(),
                link.mime_type.clone().unwrap(),
                link.length.clone().unwrap(),
            )
        })
        .collect();
    assert_eq!(written, expected, "atom");
    let json: serde_json::Value = serde_json::from_slice(&convert("jsonfeed")).unwrap();
    let written: Vec<(String, String, String)> = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|item| item["attachments"].as_array().cloned().unwrap_or_default())
        .map(|attachment| {
            (
                attachment["url"].as_str().unwrap().to_owned(),
                attachment["mime_type"].as_str().unwrap().to_owned(),
                attachment["size_in_bytes"].to_string(),
            )
        })
        .collect();
    assert_eq!(written, expected, "jsonfeed");
}

/// Two items with one id would be one item to every reader: the second
/// is numbered on import, with a note.
#[test]
fn items_sharing_an_id_are_numbered() {
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "T",
        "items": [
            {"id": "https://example.com/a", "title": "One", "content_text": "x", "date_published": "2014-02-17T18:00:00Z"},
            {"id": "https://example.com/a", "title": "Two", "content_text": "y", "date_published": "2014-02-16T18:00:00Z"},
        ],
    })
    .to_string();
    let imported = newswire::read_feed(feed.as_bytes(), "f.json").unwrap();
    let ids: Vec<&str> = imported
        .feed
        .articles
        .iter()
        .map(|article| article.meta.id.as_str())
        .collect();
    assert_eq!(ids, ["https://example.com/a", "https://example.com/a-2"]);
    assert!(
        imported.changes.iter().any(|change| change
            .to_string()
            .contains("id: changed: shared with an earlier item")),
        "{:?}",
        imported.changes
    );
}

/// Atom's `xml:base` (RFC 3986 resolution, each base against the one above
/// it): links, images and the entry's own link resolve against it, not
/// against the feed's link.
#[test]
fn relative_links_resolve_against_xml_base() {
    let imported = import_fixture("atom-xml-base.xml");
    assert_eq!(
        imported.feed.channel.link.as_deref(),
        Some("http://example.org/blog/")
    );
    let by_title = |title: &str| {
        imported
            .feed
            .articles
            .iter()
            .find(|article| article.meta.title == title)
            .unwrap()
    };
    let body = |article: &Article| match &article.body[0] {
        Block::Markdown { markdown } => markdown.clone(),
        Block::Quote(_) => String::new(),
    };
    let feed_based = by_title("Relative to the feed");
    assert_eq!(
        feed_based.meta.url.as_deref(),
        Some("http://example.org/entries/1")
    );
    assert_eq!(
        body(feed_based),
        "[foo](http://example.org/foo) and ![A](http://example.org/img/a.png)"
    );
    let content_based = by_title("Relative to the content");
    assert_eq!(
        body(content_based),
        "[foo](http://example.org/test/foo), [root](http://example.org/root) and [part](#part)"
    );
}
