//! What people who convert documents with pandoc type first: listing the
//! formats, setting metadata on the command line, several inputs to one
//! output, and the formats that refuse that.

use crate::util::{assert_fails, root, run, samples, stderr, stdout};

fn sample(name: &str) -> String {
    root().join("samples").join(name).display().to_string()
}

#[test]
fn formats_are_listed_for_people_and_for_scripts() {
    let table = run(&["--list-formats"], b"");
    assert!(table.status.success());
    let table = stdout(&table);
    let input = table.find("Input formats").expect("an input section");
    let output = table.find("Output formats").expect("an output section");
    assert!(input < output);
    assert!(table[input..output].contains("article-json"));
    assert!(!table[input..output].contains("html"), "html is not read");
    assert!(table[output..].contains("html"));
    assert!(table[output..].contains("jsonfeed (json)"));

    let inputs = stdout(&run(&["--list-formats", "input"], b""));
    assert_eq!(
        inputs.lines().collect::<Vec<_>>(),
        [
            "markdown",
            "article-json",
            "rss",
            "atom",
            "jsonfeed",
            "feed"
        ]
    );
    let outputs = stdout(&run(&["--list-formats", "output"], b""));
    // Every name listed is one -t takes.
    for name in outputs.lines() {
        let converted = run(
            &["convert", &sample("syria-what-happens-now.md"), "-t", name],
            b"",
        );
        assert!(converted.status.success(), "{name}: {}", stderr(&converted));
    }
    assert_eq!(outputs.lines().count(), 7);
    assert_eq!(run(&["--list-formats", "both"], b"").status.code(), Some(2));
}

#[test]
fn metadata_on_the_command_line_replaces_the_front_matter() {
    let output = run(
        &[
            "convert",
            &sample("syria-what-happens-now.md"),
            "-t",
            "article-json",
            "-M",
            "title=Talks end",
            "-M",
            "date=2015-03-01",
            "-M",
            "tags=[Featured, Syria]",
            "-M",
            "draft",
            "-M",
            "summary=",
            "-M",
            "desk=world",
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let article: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let meta = &article["meta"];
    assert_eq!(meta["title"], "Talks end");
    // `date` is `published`'s alias, so it replaces it.
    assert_eq!(meta["published"], "2015-03-01");
    assert_eq!(meta["tags"], serde_json::json!(["Featured", "Syria"]));
    assert_eq!(meta["draft"], true);
    // An empty value removes the field.
    assert!(meta.get("summary").is_none(), "{meta}");
    assert_eq!(meta["extra"]["desk"], "world");
    // The rest of the article is as it was.
    assert_eq!(meta["program"], "Inside Story");
    assert_eq!(
        article["discussion"]["prompts"].as_array().unwrap().len(),
        3
    );
}

#[test]
fn bad_metadata_is_a_usage_error_naming_the_field() {
    let syria = sample("syria-what-happens-now.md");
    let cases = [
        (
            "published=tuesday",
            "-M published: `published` is not a date",
        ),
        ("tags={a", "-M tags={a: invalid YAML"),
        ("=x", "-M =x: expected KEY=VALUE"),
        (
            "language=en_GB",
            "-M language: `language` is not a BCP 47 tag",
        ),
        (
            "draft=maybe",
            "-M draft: expected `draft` to be true or false",
        ),
    ];
    for (field, message) in cases {
        let output = run(&["convert", &syria, "-t", "md", "-M", field], b"");
        assert_fails(&output, 2, message);
        assert!(output.stdout.is_empty());
    }
    let json = run(&["convert", &syria, "-t", "article-json"], b"");
    let output = run(
        &["convert", "-f", "article-json", "-t", "md", "-M", "title=x"],
        &json.stdout,
    );
    assert_fails(
        &output,
        2,
        "-M sets front-matter fields and - is article-json",
    );
    let feed = root().join("tests/fixtures/feeds/wordpress.rss.xml");
    let output = run(
        &[
            "convert",
            feed.to_str().unwrap(),
            "-t",
            "atom",
            "-M",
            "title=x",
        ],
        b"",
    );
    assert_fails(&output, 2, "is a feed: import it first");
    assert!(output.stdout.is_empty());
}

#[test]
fn several_inputs_go_one_after_another_where_the_format_allows() {
    let paths: Vec<String> = samples()
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    for format in ["text", "md"] {
        let mut args = vec!["convert", "-t", format];
        args.extend(paths.iter().map(String::as_str));
        let joined = run(&args, b"");
        assert!(joined.status.success(), "{}", stderr(&joined));
        let alone: Vec<Vec<u8>> = paths
            .iter()
            .map(|path| run(&["convert", path, "-t", format], b"").stdout)
            .collect();
        assert_eq!(joined.stdout, alone.join(&b"\n"[..]), "{format}");
    }
    // Into one file, whole.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("all.txt");
    let mut args = vec!["convert", "-o", target.to_str().unwrap()];
    args.extend(paths.iter().map(String::as_str));
    assert!(run(&args, b"").status.success());
    let mut piped = vec!["convert", "-t", "text"];
    piped.extend(paths.iter().map(String::as_str));
    assert_eq!(std::fs::read(&target).unwrap(), run(&piped, b"").stdout);
}

#[test]
fn a_bad_input_among_several_into_one_file_leaves_the_file_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.md");
    std::fs::write(&bad, "---\ntitle: x\n---\n").unwrap();
    let target = dir.path().join("all.md");
    std::fs::write(&target, "earlier").unwrap();
    let syria = sample("syria-what-happens-now.md");
    let output = run(
        &[
            "convert",
            &syria,
            bad.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
        b"",
    );
    assert_fails(
        &output,
        65,
        "bad.md:1:1: error: missing required key `published`",
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "earlier");
}

#[test]
fn formats_that_hold_one_document_refuse_several_inputs() {
    let syria = sample("syria-what-happens-now.md");
    let lisboa = sample("lisboa-habitacao.md");
    for (format, message) in [
        (
            "html",
            "2 inputs cannot go into one html document: each is a document of its own: give --out-dir DIR",
        ),
        (
            "article-json",
            "2 inputs cannot go into one article-json document",
        ),
        (
            "rss",
            "newswire feed INPUT... -t rss makes one feed of many articles",
        ),
        (
            "jsonfeed",
            "newswire feed INPUT... -t jsonfeed makes one feed",
        ),
    ] {
        let output = run(&["convert", &syria, &lisboa, "-t", format], b"");
        assert_fails(&output, 2, message);
        assert!(output.stdout.is_empty());
    }
    let output = run(&["convert", &syria, "-t", "text,md"], b"");
    assert_fails(&output, 2, "2 formats need --out-dir");
}
