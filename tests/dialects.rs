//! Feeds as real servers and old tools wrote them, modelled on feed
//! libraries' fixtures: each is read, with a note where it was repaired,
//! and converts to every feed format.

use crate::util::{run, stderr, stdout};

fn read(bytes: &[u8]) -> newswire::Imported {
    newswire::read_feed(bytes, "f.xml").unwrap_or_else(|error| panic!("{error}"))
}

/// A bare `<rss>` is an empty feed, not an error, as feed readers take it.
#[test]
fn an_rss_with_no_channel_is_an_empty_feed() {
    let imported =
        read(b"<?xml version=\"1.0\"?>\n<!-- nothing yet -->\n<rss version=\"2.0\">\n</rss>\n");
    assert!(imported.feed.articles.is_empty());
    assert!(
        imported
            .changes
            .iter()
            .any(|change| change.field == "channel")
    );
    // A channel that is there but broken is still an error.
    let broken = newswire::read_feed(b"<rss version=\"2.0\"><channel><title>T</title>", "f.xml");
    assert!(broken.is_err());
}

/// Atom 1.0 feeds that write 0.3's MIME types and modes on text
/// constructs are read with 1.0's types; a link's MIME type stays.
#[test]
fn atom_text_constructs_with_mime_types_are_read_as_1_0() {
    let feed = br#"<feed xmlns="http://www.w3.org/2005/Atom"><title type="text/plain">Harbour &amp; town</title>
<id>tag:e.org,2024:f</id><updated>2024-02-19T08:10:00Z</updated><link rel="alternate" type="text/html" href="https://e.org/"/>
<entry><title type="application/xhtml+xml" mode="xml"><div xmlns="http://www.w3.org/1999/xhtml"><a title="&#38;">&#38;</a> ferry</div></title>
<id>tag:e.org,2024:1</id><updated>2024-02-19T08:10:00Z</updated><link href="https://e.org/1" type="text/html"/>
<rights type="application/octet-stream">open</rights><content type="text/html">&lt;p&gt;Runs again.&lt;/p&gt;</content></entry></feed>"#;
    let imported = read(feed);
    assert_eq!(
        imported.feed.channel.title.as_deref(),
        Some("Harbour & town")
    );
    assert_eq!(
        imported.feed.channel.link.as_deref(),
        Some("https://e.org/")
    );
    let article = &imported.feed.articles[0];
    assert_eq!(article.meta.title, "& ferry");
    assert_eq!(article.meta.url.as_deref(), Some("https://e.org/1"));
    assert!(imported.changes.iter().any(|change| change.field == "type"));
}

/// UTF-16 without a byte order mark whose text is ASCII is valid UTF-8
/// too; it is still told to be a feed, and converted.
#[test]
fn utf16_without_a_byte_order_mark_is_a_feed_to_convert() {
    let text = "<?xml version=\"1.0\" encoding=\"utf-16\"?>\n<rss version=\"2.0\"><channel><title>T</title><link>https://e.org/</link><description>D</description>\
        <item><title>A</title><link>https://e.org/a</link><pubDate>Mon, 19 Feb 2024 08:10:00 GMT</pubDate></item></channel></rss>\n";
    let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("utf16.xml");
    std::fs::write(&path, &bytes).unwrap();
    let output = run(
        &["convert", path.to_str().unwrap(), "-t", "atom", "-q"],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let atom = feed_rs::parser::parse(stdout(&output).as_bytes()).unwrap();
    assert_eq!(atom.entries.len(), 1);
    assert_eq!(atom.entries[0].title.as_ref().unwrap().content, "A");
}

/// Python's names for encodings are read; one newswire cannot decode is
/// named in the error, with the way out.
#[test]
fn encodings_by_python_names_and_unknown_ones() {
    let feed = |encoding: &str, title: &[u8]| {
        let mut bytes = format!(
            "<?xml version=\"1.0\" encoding=\"{encoding}\"?><rss version=\"2.0\"><channel><title>"
        )
        .into_bytes();
        bytes.extend_from_slice(title);
        bytes.extend_from_slice(
            b"</title><link>https://e.org/</link><description>D</description></channel></rss>",
        );
        newswire::read_feed(&bytes, "f.xml")
    };
    let euro = feed("windows_1252", b"\x80").unwrap();
    assert_eq!(euro.feed.channel.title.as_deref(), Some("\u{20ac}"));
    let cyrillic = feed("ms-cyrl", b"\xc0").unwrap();
    assert_eq!(cyrillic.feed.channel.title.as_deref(), Some("\u{410}"));
    let dos = feed("cp437", b"\x80").unwrap();
    assert_eq!(dos.feed.channel.title.as_deref(), Some("\u{c7}"));
    let error = feed("viscii", b"\x80").unwrap_err().to_string();
    assert!(
        error.contains("\"viscii\", an encoding newswire does not read"),
        "{error}"
    );
    assert!(error.contains("iconv -f viscii"), "{error}");
}

/// A podcast as python-feedgen's podcast extension writes it
/// (`tests/consumers/feedgen_podcast.py`): every episode's enclosure in
/// every feed format, read back by feed-rs, and its iTunes fields RSS to RSS.
#[test]
fn a_feedgen_podcast_keeps_its_episodes_in_every_format() {
    let path = crate::util::root().join("tests/fixtures/feeds/feedgen-podcast.rss.xml");
    let convert = |to: &str| {
        let output = run(&["convert", path.to_str().unwrap(), "-t", to, "-q"], b"");
        assert!(output.status.success(), "{to}: {}", stderr(&output));
        output.stdout
    };
    let expected = [
        "https://cdn.harbourlights.example.fm/ep1.mp3",
        "https://cdn.harbourlights.example.fm/ep2.mp3",
    ];
    for to in ["rss", "atom", "jsonfeed"] {
        let feed = feed_rs::parser::parse(convert(to).as_slice()).unwrap();
        // feed-rs gives RSS enclosures as media, Atom's and JSON Feed's as links.
        let mut urls: Vec<String> = feed
            .entries
            .iter()
            .flat_map(|entry| {
                let media = entry
                    .media
                    .iter()
                    .flat_map(|media| &media.content)
                    .filter_map(|content| content.url.as_ref().map(|url| url.to_string()));
                let links = entry.links.iter().map(|link| link.href.clone());
                media.chain(links).collect::<Vec<_>>()
            })
            .filter(|url| url.ends_with(".mp3"))
            .collect();
        urls.sort();
        assert_eq!(urls, expected, "{to}");
    }
    let rss = rss::Channel::read_from(convert("rss").as_slice()).unwrap();
    let episodes: Vec<_> = rss
        .items
        .iter()
        .map(|item| {
            let itunes = item.itunes_ext.clone().unwrap();
            let enclosure = item.enclosure.clone().unwrap();
            (
                itunes.duration,
                itunes.episode,
                itunes.season,
                enclosure.length,
            )
        })
        .collect();
    assert!(episodes.contains(&(
        Some("1834".to_owned()),
        Some("1".to_owned()),
        Some("1".to_owned()),
        "29345621".to_owned()
    )));
    assert_eq!(episodes.len(), 2);
    let show = rss.itunes_ext.unwrap();
    assert_eq!(show.author.as_deref(), Some("Ruth Adeyemi"));
    assert_eq!(show.categories[0].text, "Society & Culture");
}

/// xml:base on an entry, a link or a content element applies to what it
/// holds, each resolved against the base above it, in every format
/// written from the feed.
#[test]
fn xml_base_applies_to_entries_links_and_content() {
    let path = crate::util::root().join("tests/fixtures/feeds/xml-base.atom.xml");
    let output = run(
        &["convert", path.to_str().unwrap(), "-t", "jsonfeed", "-q"],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let feed: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(feed["home_page_url"], "http://example.org/blog/");
    let items = feed["items"].as_array().unwrap();
    let item = |title: &str| {
        items
            .iter()
            .find(|item| item["title"] == title)
            .unwrap_or_else(|| panic!("no item {title}: {feed}"))
    };
    let ferry = item("The ferry runs again");
    assert_eq!(ferry["url"], "http://example.org/blog/2024/05/ferry.html");
    assert_eq!(
        ferry["attachments"][0]["url"],
        "http://example.org/blog/2024/05/audio/ferry.mp3"
    );
    let html = ferry["content_html"].as_str().unwrap();
    assert!(
        html.contains(r#"href="http://example.org/blog/2024/05/notes/timetable.html""#),
        "{html}"
    );
    let quay = item("The quay is rebuilt");
    assert_eq!(quay["url"], "http://example.org/archive/quay.html");
    let html = quay["content_html"].as_str().unwrap();
    assert!(
        html.contains(r#"href="http://example.org/blog/plans.html""#),
        "{html}"
    );
}

/// A feed's own language is written as BCP 47 writes it, or left out
/// with a note when it is none, never copied into output that a
/// validator would refuse.
#[test]
fn a_feeds_language_is_repaired_or_left_out() {
    let feed = |language: &str| {
        format!(
            "<rss version=\"2.0\"><channel><title>T</title><link>https://e.org/</link>\
             <description>d</description><language>{language}</language>\
             <item><title>A</title><link>https://e.org/a</link><description>x</description></item>\
             </channel></rss>"
        )
    };
    let dir = tempfile::tempdir().unwrap();
    for (language, expected, note) in [
        ("en_US", Some("en-US"), "written \"en-US\""),
        ("english please", None, "not a BCP 47 language tag"),
    ] {
        let path = dir.path().join("feed.xml");
        std::fs::write(&path, feed(language)).unwrap();
        let output = run(&["convert", path.to_str().unwrap(), "-t", "atom"], b"");
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(stderr(&output).contains(note), "{}", stderr(&output));
        let atom = stdout(&output);
        let document = roxmltree::Document::parse(&atom).unwrap();
        fn lang<'a>(node: roxmltree::Node<'a, '_>) -> Option<&'a str> {
            node.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
        }
        assert_eq!(lang(document.root_element()), expected, "{atom}");
        for node in document.descendants().filter(|node| node.is_element()) {
            if let Some(tag) = lang(node) {
                assert_eq!(Some(tag), expected, "{atom}");
            }
        }
    }
}

/// RSS with its own elements under a prefix, as some generators wrote
/// it (RSS 2.0 in its userland namespace, RSS 1.0 under `rss:`), is read
/// as plain RSS, and `check` reads it the same way.
#[test]
fn rss_elements_under_a_prefix_are_read_as_plain_rss() {
    let feeds = [
        r#"<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2" xmlns:dc="http://purl.org/dc/elements/1.1/">
<r:channel><r:title>Harbour notes</r:title><r:link>https://e.org/</r:link><r:description>News from the quay</r:description>
<dc:title>Not the title</dc:title>
<r:item><r:title>The ferry runs again</r:title><r:link>https://e.org/ferry</r:link><r:description>From Monday.</r:description><dc:creator>Maya Osei</dc:creator></r:item>
</r:channel></r:rss>"#,
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<rss:channel rdf:about="https://e.org/"><rss:title>Harbour notes</rss:title><rss:link>https://e.org/</rss:link><rss:description>News from the quay</rss:description></rss:channel>
<rss:item rdf:about="https://e.org/ferry"><rss:title>The ferry runs again</rss:title><rss:link>https://e.org/ferry</rss:link><rss:description>From Monday.</rss:description><dc:creator>Maya Osei</dc:creator></rss:item>
</rdf:RDF>"#,
    ];
    let dir = tempfile::tempdir().unwrap();
    for (index, feed) in feeds.iter().enumerate() {
        let imported = read(feed.as_bytes());
        assert_eq!(
            imported.feed.channel.title.as_deref(),
            Some("Harbour notes"),
            "feed {index}"
        );
        let [article] = imported.feed.articles.as_slice() else {
            panic!("feed {index}: one item expected");
        };
        assert_eq!(article.meta.title, "The ferry runs again");
        assert_eq!(article.meta.url.as_deref(), Some("https://e.org/ferry"));
        assert_eq!(article.meta.authors[0].name, "Maya Osei");
        let path = dir.path().join(format!("feed-{index}.xml"));
        std::fs::write(&path, feed).unwrap();
        let output = run(&["check", path.to_str().unwrap()], b"");
        assert!(output.status.success(), "feed {index}: {}", stderr(&output));
        let output = run(&["convert", path.to_str().unwrap(), "-t", "rss"], b"");
        assert!(output.status.success(), "feed {index}: {}", stderr(&output));
        let written = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
        assert_eq!(written.items.len(), 1);
        assert_eq!(
            written.items[0].link.as_deref(),
            Some("https://e.org/ferry")
        );
    }
}

/// A byline with no name takes its link as one, with a note; one with
/// nothing to name it by is left out, with a note, so that every imported
/// article is one newswire reads.
#[test]
fn a_byline_with_no_name_takes_its_link_or_is_left_out() {
    let feed = br#"{"version": "https://jsonfeed.org/version/1.1", "title": "T",
      "items": [{"id": "https://e.org/1", "url": "https://e.org/1", "title": "One",
        "content_text": "Text.", "date_published": "2024-05-01T09:00:00Z",
        "authors": [{"avatar": "https://e.org/face.png"}, {"url": "https://e.org/maya"}]}]}"#;
    let imported = read(feed);
    let authors = &imported.feed.articles[0].meta.authors;
    assert_eq!(authors.len(), 1, "{authors:?}");
    assert_eq!(authors[0].name, "https://e.org/maya");
    let notes: Vec<String> = imported
        .changes
        .iter()
        .filter(|change| change.field == "author")
        .map(|change| change.to_string())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes
            .iter()
            .any(|note| note.contains("no name, e-mail address or link")),
        "{notes:?}"
    );
}
