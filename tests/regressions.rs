//! Hostile and awkward articles kept under `tests/regressions/`: each one
//! converts to every format, the structured outputs are well-formed, and
//! Markdown output is a fixed point. Inputs a fuzzer finds go here too.

use crate::util::{assert_well_formed, root};
use newswire::{Channel, Format, WriteOptions};

#[test]
fn every_regression_input_converts_cleanly() {
    let mut inputs: Vec<_> = std::fs::read_dir(root().join("tests/regressions"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty());
    let options = WriteOptions {
        channel: Channel {
            link: Some("https://example.com/".into()),
            ..Channel::default()
        },
        ..WriteOptions::default()
    };
    for path in inputs {
        let name = path.display().to_string();
        let Ok(article) = newswire::read(&std::fs::read(&path).unwrap(), Format::Markdown, &name)
        else {
            continue;
        };
        for format in Format::ALL {
            let output = newswire::write_to_string(format, &article, &options);
            assert_well_formed(format, &output).unwrap_or_else(|error| panic!("{name}: {error}"));
        }
        let once = newswire::write_to_string(Format::Markdown, &article, &options);
        let again = newswire::read(once.as_bytes(), Format::Markdown, &name).unwrap();
        let twice = newswire::write_to_string(Format::Markdown, &again, &options);
        assert_eq!(once, twice, "{name}: Markdown is a fixed point");
    }
}

#[test]
fn footnotes_inside_quotes_survive_every_output() {
    let bytes = std::fs::read(root().join("tests/regressions/footnote-in-quote.md")).unwrap();
    let article = newswire::read(&bytes, Format::Markdown, "f.md").unwrap();
    let options = WriteOptions::default();
    let markdown = newswire::write_to_string(Format::Markdown, &article, &options);
    assert!(
        markdown.contains("> Said it.[^a]") && markdown.contains("[^a]:"),
        "{markdown}"
    );
    let html = newswire::write_to_string(Format::Html, &article, &options);
    assert!(
        html.contains("<a href=\"#fn-a\" id=\"fnref-a\">1</a>"),
        "{html}"
    );
    let text = newswire::write_to_string(Format::Text, &article, &options);
    assert!(
        text.contains("Said it.[1]") && text.contains("[1] Where."),
        "{text}"
    );
}

/// Feeds a fuzzer found under `tests/regressions/feeds/`: each is read
/// without a panic, and one that reads is written in every feed format,
/// every output well-formed, and its items as articles that read back.
#[test]
fn every_regression_feed_reads_or_is_refused_cleanly() {
    let mut feeds: Vec<_> = std::fs::read_dir(root().join("tests/regressions/feeds"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    feeds.sort();
    assert!(!feeds.is_empty());
    for path in feeds {
        let name = path.display().to_string();
        let Ok(imported) = newswire::read_feed(&std::fs::read(&path).unwrap(), &name) else {
            continue;
        };
        let mut feed = imported.feed;
        feed.channel
            .link
            .get_or_insert_with(|| "https://example.com/".to_owned());
        for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
            let mut written = Vec::new();
            newswire::write_feed(format, &feed, &mut written).unwrap();
            assert_well_formed(format, &String::from_utf8(written).unwrap())
                .unwrap_or_else(|error| panic!("{name}: {error}"));
        }
        // What import writes, newswire reads.
        for article in &feed.articles {
            let markdown =
                newswire::write_to_string(Format::Markdown, article, &WriteOptions::default());
            newswire::read(markdown.as_bytes(), Format::Markdown, "imported.md")
                .unwrap_or_else(|error| panic!("{name}: {error}"));
        }
    }
}

/// An Atom date whose year is 10000 in UTC is dropped with a note naming
/// the field, not imported into an article newswire would refuse.
#[test]
fn an_atom_date_past_the_four_digit_years_is_dropped_with_a_note() {
    let path = root().join("tests/regressions/feeds/year-past-9999-in-utc.atom.xml");
    let imported = newswire::read_feed(&std::fs::read(&path).unwrap(), "y.atom").unwrap();
    for field in ["published", "updated"] {
        assert!(
            imported.changes.iter().any(|change| change.field == field
                && change
                    .detail
                    .contains("falls outside the years four digits can write")),
            "{field}: {:?}",
            imported.changes
        );
    }
    let published = imported.feed.articles[0].meta.published.utc();
    assert!(chrono::Datelike::year(&published) <= 9999, "{published}");
}

/// chrono reads `-018-10-01` as a date that RFC 822 cannot write: it is
/// refused with its place, in an article and in a site's page alike,
/// where it once aborted the RSS writer (found by the site_page target).
#[test]
fn a_year_rss_cannot_write_is_refused_not_a_crash() {
    let canonical = root().join("tests/regressions/negative-year-canonical.md");
    let output = crate::util::run(
        &[
            "convert",
            canonical.to_str().unwrap(),
            "-t",
            "rss",
            "--link",
            "https://e.com/",
        ],
        b"",
    );
    crate::util::assert_fails(
        &output,
        65,
        "negative-year-canonical.md:3:12: error: `published` is not a date",
    );
    let page = root().join("tests/regressions/negative-year.md");
    let site = root().join("tests/fixtures/sites/eleventy");
    let output = crate::util::run(
        &[
            "convert",
            page.to_str().unwrap(),
            "-t",
            "rss",
            "--site",
            site.to_str().unwrap(),
            "--include-future",
        ],
        b"",
    );
    crate::util::assert_fails(
        &output,
        65,
        "negative-year.md:3:7: error: `date` is not a date",
    );
}
