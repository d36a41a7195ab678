use crate::util::{assert_fails, run, stderr};
use newswire::{Article, Channel, Feed, FeedEntry, Format, Spool};
use std::path::Path;

const CHANNEL: [&str; 4] = ["--title", "Archive", "--link", "https://example.com/"];

/// Writes `count` articles with quotes, a discussion and dates that
/// repeat, so that ordering has ties to break by id.
fn archive(dir: &Path, count: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for index in 0..count {
        let article = format!(
            "---\ntitle: \"Item {index}\"\nid: urn:item:{index}\nurl: https://example.com/{index}\npublished: 2024-03-{:02}\nsummary: Number {index}.\n---\n\nA [link](/related/{index}) and *emphasis*.\n\n> Said {index} times.\n>\n> — Speaker {}, Role\n\n## Discussion\n\n- Why {index}?\n",
            1 + index % 7,
            index % 5
        );
        std::fs::write(dir.join(format!("item-{index:03}.md")), article).unwrap();
    }
}

/// Every file below `dir`, by name, with its bytes.
fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn output_does_not_depend_on_the_number_of_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    // Enough inputs for a progress bar, were standard error a terminal.
    archive(&inputs, 120);
    let inputs = inputs.to_str().unwrap();
    for format in ["rss", "atom", "jsonfeed"] {
        let feeds: Vec<Vec<u8>> = ["1", "2", "5"]
            .iter()
            .map(|jobs| {
                let mut args = vec!["--jobs", jobs, "feed", inputs, "-t", format];
                args.extend(CHANNEL);
                let output = run(&args, b"");
                assert!(output.status.success(), "{}", stderr(&output));
                assert!(output.stderr.is_empty(), "no progress bar in a pipe");
                output.stdout
            })
            .collect();
        assert_eq!(feeds[0], feeds[1], "{format}: 1 and 2 jobs");
        assert_eq!(feeds[0], feeds[2], "{format}: 1 and 5 jobs");
        let feed = feed_rs::parser::parse(feeds[0].as_slice()).unwrap();
        assert_eq!(feed.entries.len(), 120);
    }
    let outputs: Vec<_> = ["1", "3"]
        .iter()
        .map(|jobs| {
            let out = dir.path().join(format!("out-{jobs}"));
            let args = [
                "-j",
                jobs,
                "convert",
                inputs,
                "-t",
                "all",
                "--out-dir",
                out.to_str().unwrap(),
            ];
            let output = run(&args, b"");
            assert!(output.status.success(), "{}", stderr(&output));
            assert!(output.stderr.is_empty(), "no progress bar in a pipe");
            contents(&out)
        })
        .collect();
    assert_eq!(outputs[0].len(), 120 * 7);
    assert_eq!(outputs[0], outputs[1]);
}

#[test]
fn entries_spilled_to_a_temporary_file_make_the_same_feed() {
    let dir = tempfile::tempdir().unwrap();
    archive(dir.path(), 40);
    let generated = contents(dir.path())
        .into_iter()
        .map(|(name, _)| dir.path().join(name));
    let mut articles: Vec<Article> = crate::util::samples()
        .into_iter()
        .chain(generated)
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            newswire::read(&bytes, Format::Markdown, &path.display().to_string()).unwrap()
        })
        .collect();
    articles.reverse();
    let channel = Channel {
        title: Some("Archive".to_owned()),
        link: Some("https://example.com/".to_owned()),
        ..Channel::default()
    };
    let feed = Feed::new(channel, articles);
    for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
        let mut whole = Vec::new();
        newswire::write_feed(format, &feed, &mut whole).unwrap();
        // Nothing in memory, then some: every entry spilled, then a mix.
        for budget in [0, 20_000] {
            let spool = Spool::new(budget);
            let entries = feed
                .articles
                .iter()
                .map(|article| {
                    FeedEntry::new(format, article, Default::default())
                        .unwrap()
                        .kept_in(&spool)
                })
                .collect();
            let mut spooled = Vec::new();
            newswire::write_feed_entries(format, &feed, entries, &mut spooled).unwrap();
            assert_eq!(
                String::from_utf8(spooled).unwrap(),
                String::from_utf8(whole.clone()).unwrap(),
                "{format} with {budget} bytes in memory"
            );
        }
        let parsed = feed_rs::parser::parse(whole.as_slice()).unwrap();
        assert_eq!(parsed.entries.len(), feed.articles.len());
    }
}

#[test]
fn limit_reads_only_the_bodies_it_keeps() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    archive(&inputs, 3);
    // The oldest article's body nests too deeply to read; its front
    // matter is fine, so it is only found when its body is read.
    let deep = format!(
        "---\ntitle: Old\nid: urn:old\nurl: https://example.com/old\npublished: 2001-01-01\n---\n\n{}deep\n",
        "> ".repeat(150)
    );
    std::fs::write(inputs.join("old.md"), deep).unwrap();
    let inputs = inputs.to_str().unwrap();
    let feed = |extra: &[&str]| {
        let mut args = vec!["feed", inputs, "-t", "jsonfeed"];
        args.extend(CHANNEL);
        args.extend(extra);
        run(&args, b"")
    };
    let items = |output: &std::process::Output| {
        let feed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        feed["items"].as_array().unwrap().len()
    };
    let newest = feed(&["--limit", "3"]);
    assert!(newest.status.success(), "{}", stderr(&newest));
    assert_eq!(items(&newest), 3);
    assert_fails(&feed(&[]), 65, "old.md:8:201: error: the body nests deeper");
    // Left out as invalid, it makes room for no one: there is no fifth.
    let skipped = feed(&["--limit", "4", "--skip-invalid"]);
    assert!(skipped.status.success(), "{}", stderr(&skipped));
    assert_eq!(items(&skipped), 3);
    assert!(stderr(&skipped).contains("old.md"), "{}", stderr(&skipped));
    let quiet = feed(&["--limit", "4", "--skip-invalid", "--quiet"]);
    assert_eq!(items(&quiet), 3);
    assert!(quiet.stderr.is_empty(), "{}", stderr(&quiet));
}

#[test]
fn an_invalid_article_makes_room_for_the_next_newest() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    archive(&inputs, 4);
    // The newest article, with a body that cannot be read.
    let deep = format!(
        "---\ntitle: New\nid: urn:new\npublished: 2030-01-01\n---\n\n{}deep\n",
        "- ".repeat(150)
    );
    std::fs::write(inputs.join("new.md"), deep).unwrap();
    let mut args = vec![
        "feed",
        inputs.to_str().unwrap(),
        "-t",
        "rss",
        "--limit",
        "2",
        "--skip-invalid",
    ];
    args.extend(CHANNEL);
    let output = run(&args, b"");
    assert!(output.status.success(), "{}", stderr(&output));
    let channel = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
    let titles: Vec<_> = channel
        .items
        .iter()
        .filter_map(|item| item.title())
        .collect();
    // The two newest of the rest, dated 2024-03-04 and 2024-03-03.
    assert_eq!(titles, ["Item 3", "Item 2"]);
}

#[test]
fn quiet_leaves_out_notes_but_not_errors_or_asked_for_reports() {
    let feed = "tests/fixtures/feeds/podcast.rss.xml";
    let noted = run(&["convert", feed, "-t", "atom"], b"");
    assert!(noted.status.success(), "{}", stderr(&noted));
    assert!(
        stderr(&noted).contains("newswire: note: "),
        "{}",
        stderr(&noted)
    );
    let quiet = run(&["--quiet", "convert", feed, "-t", "atom"], b"");
    assert!(quiet.status.success());
    assert!(quiet.stderr.is_empty(), "{}", stderr(&quiet));
    assert_eq!(quiet.stdout, noted.stdout);
    let report = run(
        &["-q", "convert", feed, "-t", "atom", "--report", "json"],
        b"",
    );
    let report: serde_json::Value = serde_json::from_slice(&report.stderr).unwrap();
    assert!(!report["changes"].as_array().unwrap().is_empty());
    assert_fails(
        &run(&["-q", "convert", "no-such.md", "-t", "text"], b""),
        66,
        "no-such.md",
    );
}

/// An article whose body is long enough to be read and written in pieces,
/// with blocks that run over blank lines where a cut could fall; `last`
/// goes at the end of the body, on the line the second value gives.
fn long_article(last: &str) -> (String, usize) {
    let mut text = String::from(
        "---\ntitle: Long\npublished: 2024-05-01\nurl: https://example.com/long\n---\n\n",
    );
    for section in 0..2400 {
        text.push_str(&format!(
            "## Part {section}\n\nA paragraph of part {section} with a [link](https://example.com/{section}) and *emphasis*.\n\n"
        ));
        match section % 4 {
            0 => text.push_str("```\ncode\n\nafter a blank line\n```\n\n"),
            1 => text.push_str(&format!(
                "> Said in part {section}.\n>\n> — Speaker {section}, Role\n\n"
            )),
            2 => text.push_str("<pre>\nraw\n\nstill raw\n</pre>\n\n"),
            _ => text.push_str("- one\n\n- two\n\n"),
        }
    }
    let line = text.lines().count() + 1;
    text.push_str(last);
    text.push_str("\n\n## Discussion\n\n- What now?\n");
    (text, line)
}

#[test]
fn a_long_body_converts_whole_and_reads_back_the_same() {
    let (text, _) = long_article("The end.");
    assert!(text.len() > 256 * 1024, "long enough to be cut");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("long.md"), &text).unwrap();
    let args = ["convert", "long.md", "-t", "all", "--out-dir", "out"];
    let output = crate::util::run_in(dir.path(), &args, b"");
    assert!(output.status.success(), "{}", stderr(&output));
    let out = dir.path().join("out");
    for (format, name) in [
        (Format::Rss, "long.rss.xml"),
        (Format::Atom, "long.atom.xml"),
        (Format::JsonFeed, "long.feed.json"),
    ] {
        let written = std::fs::read_to_string(out.join(name)).unwrap();
        crate::util::assert_well_formed(format, &written).unwrap();
        let feed = feed_rs::parser::parse(written.as_bytes()).unwrap();
        let content = feed.entries[0]
            .content
            .as_ref()
            .and_then(|c| c.body.clone());
        let content = content.unwrap_or_default();
        assert!(
            content.contains("Part 2399") && content.contains("Speaker 2397"),
            "{format}: the whole body is the content"
        );
    }
    let markdown = std::fs::read(out.join("long.md")).unwrap();
    let article: Article = newswire::read(&markdown, Format::Markdown, "long.md").unwrap();
    assert_eq!(article.quotes().count(), 600);
    let prompts = article.discussion.as_ref().map(|d| d.prompts.clone());
    assert_eq!(prompts, Some(vec!["What now?".to_owned()]));
    let again = run(
        &["convert", "-", "-f", "markdown", "-t", "markdown"],
        &markdown,
    );
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        again.stdout, markdown,
        "the Markdown output is normalised once"
    );
}

#[test]
fn a_long_body_reports_places_on_the_lines_of_the_file() {
    for (last, finding) in [
        (
            "> Words.\n>\n> –Somebody".to_owned(),
            "1: warning: this block quote ends in what looks like an attribution",
        ),
        (
            "<div>".repeat(101),
            "1: error: the body nests deeper than 100 levels",
        ),
    ] {
        let (text, line) = long_article(&last);
        let output = run(&["check", "-"], text.as_bytes());
        let report = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(report.contains(&format!("-:{line}:{finding}")), "{report}");
    }
}
