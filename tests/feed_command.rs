use crate::util::{assert_fails, assert_usage_errors, root, run, run_in, stderr};

const CHANNEL: [&str; 4] = ["--title", "Samples", "--link", "https://example.com/"];

fn feed_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["feed", "samples"];
    args.extend(CHANNEL);
    args.extend(extra);
    args
}

#[test]
fn a_directory_becomes_one_feed_newest_first() {
    let output = run(&feed_args(&["-t", "rss"]), b"");
    assert!(output.status.success(), "{}", stderr(&output));
    let channel = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
    assert_eq!(channel.title, "Samples");
    let titles: Vec<String> = channel
        .items
        .iter()
        .map(|item| item.title.clone().unwrap())
        .collect();
    assert_eq!(titles.len(), crate::util::samples().len());
    assert!(
        titles[0].starts_with("Opinion"),
        "the 2025 op-ed is newest: {titles:?}"
    );
    assert!(
        titles.last().unwrap().starts_with("Syria"),
        "the 2014 article is oldest"
    );
}

#[test]
fn output_is_byte_identical_across_runs() {
    for format in ["rss", "atom", "jsonfeed"] {
        let first = run(&feed_args(&["-t", format]), b"");
        let second = run(&feed_args(&["-t", format]), b"");
        assert!(first.status.success());
        assert_eq!(first.stdout, second.stdout, "{format}");
    }
}

#[test]
fn limit_keeps_the_newest() {
    let output = run(&feed_args(&["-t", "json", "--limit", "1"]), b"");
    let feed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let items = feed["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert!(items[0]["title"].as_str().unwrap().starts_with("Opinion"));
}

#[test]
fn files_and_stdin_mix() {
    let syria = std::fs::read(root().join("samples/syria-what-happens-now.md")).unwrap();
    let output = run(
        &[
            "feed",
            "samples/op-ed-local-news.md",
            "-",
            "-t",
            "atom",
            "--title",
            "Two",
            "--link",
            "https://example.com/",
        ],
        &syria,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let feed = atom_syndication::Feed::read_from(output.stdout.as_slice()).unwrap();
    assert_eq!(feed.entries.len(), 2);
}

#[test]
fn config_file_gives_the_channel_and_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("feed.toml");
    std::fs::write(
        &config,
        "title = \"From config\"\nlink = \"https://example.com/\"\nfeed_url = \"https://example.com/feed.json\"\ndescription = \"D\"\nlanguage = \"en\"\nauthors = [\"Desk\", { name = \"Ana\", url = \"https://example.com/ana\" }]\n",
    )
    .unwrap();
    let config = config.to_str().unwrap();
    let output = run(
        &["feed", "samples", "-t", "jsonfeed", "--config", config],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let feed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(feed["title"], "From config");
    assert_eq!(feed["feed_url"], "https://example.com/feed.json");
    assert_eq!(feed["authors"][1]["url"], "https://example.com/ana");
    let output = run(
        &[
            "feed", "samples", "-t", "jsonfeed", "--config", config, "--title", "Flag",
        ],
        b"",
    );
    let feed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(feed["title"], "Flag");
}

#[test]
fn a_bad_config_is_placed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("feed.toml"),
        "title = \"A\"\nlinks = \"https://example.com/\"\n",
    )
    .unwrap();
    let output = run_in(
        dir.path(),
        &[
            "feed",
            &root().join("samples").display().to_string(),
            "-t",
            "rss",
            "--config",
            "feed.toml",
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
    assert!(
        stderr(&output).starts_with("feed.toml:2:1: error: invalid feed configuration"),
        "{}",
        stderr(&output)
    );
    let output = run(
        &["feed", "samples", "-t", "rss", "--config", "no-such.toml"],
        b"",
    );
    assert_eq!(output.status.code(), Some(66));
}

#[test]
fn one_bad_article_fails_the_run_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(
        root().join("samples/syria-what-happens-now.md"),
        inputs.join("good.md"),
    )
    .unwrap();
    std::fs::write(
        inputs.join("bad.md"),
        "---\ntitle: T\npublished: someday\n---\n",
    )
    .unwrap();
    let target = dir.path().join("feed.xml");
    std::fs::write(&target, "previous feed").unwrap();
    let inputs = inputs.to_str().unwrap();
    let target_name = target.to_str().unwrap();
    let mut args = vec!["feed", inputs, "-t", "rss", "-o", target_name];
    args.extend(CHANNEL);
    let output = run(&args, b"");
    assert_fails(&output, 65, "bad.md:3:12: error: `published` is not a date");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous feed");
    args.push("--skip-invalid");
    let output = run(&args, b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("bad.md:3:12: warning: `published` is not a date"),
        "{}",
        stderr(&output)
    );
    let channel = rss::Channel::read_from(std::fs::read(&target).unwrap().as_slice()).unwrap();
    assert_eq!(channel.items.len(), 1);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let draft = b"---\ntitle: Draft\npublished: 2030-01-01\ndraft: true\n---\nNot yet.\n";
    let stdin_feed = [
        "feed",
        "-",
        "-t",
        "json",
        "--title",
        "T",
        "--link",
        "https://example.com/",
    ];
    // A feed with nothing in it is refused rather than written empty.
    let without = run(&stdin_feed, draft);
    assert_eq!(without.status.code(), Some(65));
    assert!(without.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&without.stderr);
    assert!(stderr.contains("no article to make a feed of"), "{stderr}");
    let with = run(&[&stdin_feed[..], &["--include-drafts"]].concat(), draft);
    let feed: serde_json::Value = serde_json::from_slice(&with.stdout).unwrap();
    assert_eq!(feed["items"].as_array().unwrap().len(), 1);
}

#[test]
fn duplicate_ids_fail_the_feed() {
    let output = run(
        &feed_args(&["samples/op-ed-local-news.md", "-t", "rss"]),
        b"",
    );
    assert_fails(&output, 65, "is also the id of");
}

#[test]
fn usage_errors() {
    let channel = ["--title", "T", "--link", "https://example.com/"];
    assert_usage_errors(&[
        [&["feed", "samples", "-t", "html"][..], &channel].concat(),
        vec!["feed", "samples", "-t", "rss"],
        vec![
            "feed",
            "samples",
            "-t",
            "rss",
            "--title",
            "T",
            "--link",
            "not a url",
        ],
        [
            &["feed", "samples", "-t", "rss", "--language", "en_GB"][..],
            &channel,
        ]
        .concat(),
        vec!["feed", "-t", "rss"],
    ]);
}

#[test]
fn convert_writes_one_item_feeds_and_all_seven_formats() {
    let output = run(
        &[
            "convert",
            "samples/syria-what-happens-now.md",
            "-t",
            "rss",
            "--feed-url",
            "https://example.com/s.xml",
        ],
        b"",
    );
    let channel = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
    assert_eq!(channel.items.len(), 1);
    assert_eq!(
        channel.atom_ext.unwrap().links[0].href,
        "https://example.com/s.xml"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().to_str().unwrap();
    let output = run(
        &[
            "convert",
            "samples/syria-what-happens-now.md",
            "-t",
            "all",
            "--out-dir",
            out,
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "syria-what-happens-now.article.json",
            "syria-what-happens-now.atom.xml",
            "syria-what-happens-now.feed.json",
            "syria-what-happens-now.html",
            "syria-what-happens-now.md",
            "syria-what-happens-now.rss.xml",
            "syria-what-happens-now.txt",
        ]
    );
}

#[test]
fn rss_of_an_article_without_url_needs_a_link() {
    let article = b"---\ntitle: T\npublished: 2024-01-02\n---\nBody.\n";
    let output = run(&["convert", "-t", "rss"], article);
    assert_fails(&output, 2, "give --link URL");
    let output = run(
        &["convert", "-t", "rss", "--link", "https://example.com/"],
        article,
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let channel = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
    assert_eq!(channel.link, "https://example.com/");
}

#[test]
fn config_and_output_errors() {
    let dir = tempfile::tempdir().unwrap();
    let config = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    };
    let relative = config("relative.toml", b"title = \"T\"\nlink = \"/news/\"\n");
    let output = run(
        &["feed", "samples", "-t", "rss", "--config", &relative],
        b"",
    );
    assert_fails(
        &output,
        2,
        "relative.toml is not an absolute http or https URL: \"/news/\"",
    );
    let latin1 = config("latin1.toml", b"title = \"caf\xe9\"\n");
    let output = run(&["feed", "samples", "-t", "rss", "--config", &latin1], b"");
    assert_fails(&output, 65, "latin1.toml:1:1: error: invalid UTF-8");
    // The output is a directory: nothing can be renamed over it.
    let taken = dir.path().join("feed.xml");
    std::fs::create_dir(&taken).unwrap();
    let output = run(
        &feed_args(&["-t", "atom", "-o", taken.to_str().unwrap()]),
        b"",
    );
    assert_fails(&output, 74, "cannot write");
    assert!(taken.is_dir());
}

#[test]
fn lossless_carries_the_article_whole_from_the_flag_or_the_config() {
    let samples: Vec<newswire::Article> = crate::util::samples()
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            newswire::read(&bytes, newswire::Format::Markdown, "sample.md").unwrap()
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("feed.toml");
    std::fs::write(
        &config,
        "title = \"T\"\nlink = \"https://example.com/\"\nlossless = true\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let by_default = crate::util::stdout(&run(&feed_args(&["-t", "atom"]), b""));
    assert!(!by_default.contains("nw:source") && by_default.contains("nw:front"));
    for args in [
        feed_args(&["-t", "atom", "--lossless"]),
        vec!["feed", "samples", "-t", "atom", "--config", &config],
    ] {
        let output = run(&args, b"");
        assert!(output.status.success(), "{}", stderr(&output));
        let imported = newswire::read_feed(&output.stdout, "feed.xml").unwrap();
        assert_eq!(imported.feed.articles.len(), samples.len());
        for article in &imported.feed.articles {
            assert!(samples.contains(article), "{}", article.meta.title);
        }
    }
}

#[test]
fn a_podcast_configuration_becomes_the_channels_itunes_fields() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("feed.toml");
    std::fs::write(
        &config,
        "title = \"Show\"\nlink = \"https://show.example.fm/\"\n[podcast]\nowner_name = \"Maya\"\nowner_email = \"maya@example.fm\"\ncategories = [\"Science/Earth Sciences\"]\nexplicit = \"false\"\n",
    )
    .unwrap();
    let config = config.display().to_string();
    let output = run(&["feed", "samples", "-t", "rss", "--config", &config], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    let channel = rss::Channel::read_from(output.stdout.as_slice()).unwrap();
    let itunes = channel.itunes_ext.unwrap();
    let owner = itunes.owner.unwrap();
    assert_eq!(
        (owner.name.as_deref(), owner.email.as_deref()),
        (Some("Maya"), Some("maya@example.fm"))
    );
    assert_eq!(itunes.categories[0].text, "Science");
    assert_eq!(
        itunes.categories[0].subcategory.as_ref().unwrap().text,
        "Earth Sciences"
    );
    std::fs::write(&config, "title = \"Show\"\nlink = \"https://show.example.fm/\"\n[podcast]\nimage = \"javascript:alert(1)\"\n").unwrap();
    let output = run(&["feed", "samples", "-t", "rss", "--config", &config], b"");
    assert_fails(&output, 2, "podcast image");
}
