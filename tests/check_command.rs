use crate::util::{run, stderr, stdout};

const WARNINGS: &str = "---\ntitle: T\npublished: 2999-01-01\nimage:\n  url: a.jpg\n---\n\nSee [x](/a) and ![](b.png).\n\n> Words.\n>\n> –Somebody\n\n## Discussion\n\nNo prompts.\n";

#[test]
fn the_samples_are_clean() {
    let output = run(&["check", "samples"], b"");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}

#[test]
fn every_error_in_a_file_is_reported_in_line_order() {
    let input = b"---\ntitle: [T]\npublished: someday\ndraft: maybe\nlanguage: en_GB\n---\n";
    let output = run(&["check", "-"], input);
    assert_eq!(output.status.code(), Some(65));
    assert_eq!(
        stdout(&output),
        "-:2:8: error: expected `title` to be a string, found a list\n\
         -:3:12: error: `published` is not a date: \"someday\"; expected RFC 3339 (2014-02-17T18:00:00-05:00) or YYYY-MM-DD\n\
         -:4:8: error: expected `draft` to be true or false, found a string\n\
         -:5:11: error: `language` is not a BCP 47 tag: \"en_GB\"; expected one such as `en`, `ar` or `pt-BR`\n"
    );
    assert_eq!(
        stderr(&output),
        "newswire: error: check found 4 errors and 0 warnings\n"
    );
}

#[test]
fn each_kind_of_warning_is_placed() {
    let output = run(&["check", "-"], WARNINGS.as_bytes());
    assert_eq!(output.status.code(), Some(0), "warnings alone pass");
    let report = stdout(&output);
    for line in [
        "-:1:1: warning: no `summary`",
        "-:3:1: warning: `published` is in the future: 2999-01-01",
        "-:4:1: warning: the image has no `alt` text",
        "-:4:1: warning: the image URL \"a.jpg\" is relative",
        "-:8:5: warning: relative link \"/a\" and no `url`",
        "-:8:17: warning: an image without alt text",
        "-:10:1: warning: this block quote ends in what looks like an attribution but is not one",
        "-:14:1: warning: the discussion section has no prompts",
    ] {
        assert!(
            report.lines().any(|found| found.starts_with(line)),
            "missing {line:?} in\n{report}"
        );
    }
    let strict = run(&["check", "--strict", "-"], WARNINGS.as_bytes());
    assert_eq!(strict.status.code(), Some(65));
}

#[test]
fn json_report_for_programs() {
    let output = run(&["check", "--format", "json", "-"], WARNINGS.as_bytes());
    let findings: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let first = &findings[0];
    assert_eq!(first["severity"], "warning");
    assert_eq!(first["file"], "-");
    assert_eq!(first["line"], 1);
    assert_eq!(first["column"], 1);
    assert!(first["message"].as_str().unwrap().contains("summary"));
}

#[test]
fn shared_ids_warn_and_are_errors_for_one_feed() {
    let twice = [
        "check",
        "samples/op-ed-local-news.md",
        "samples/op-ed-local-news.md",
    ];
    let output = run(&twice, b"");
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains(
        "warning: id \"urn:uuid:8c7c1d0e-3f2b-4c55-9b5e-1f6d2b7a9e41\" is also the id of"
    ));
    let output = run(&[&twice[..], &["--feed"]].concat(), b"");
    assert_eq!(output.status.code(), Some(65));
    assert!(stdout(&output).contains("error: id"));
}

#[test]
fn unreadable_input_exits_66_after_reporting_the_rest() {
    let output = run(&["check", "no-such.md", "-"], b"---\ntitle: T\n---\n");
    assert_eq!(output.status.code(), Some(66));
    assert!(stdout(&output).contains("-:1:1: error: missing required key `published`"));
    assert!(stderr(&output).contains("cannot read no-such.md"));
}

#[test]
fn article_json_is_checked_too() {
    let output = run(
        &["check", "-f", "article-json", "-"],
        b"{\"meta\": {\"title\": 3}}",
    );
    assert_eq!(output.status.code(), Some(65));
    assert!(stdout(&output).starts_with("-:1:"), "{}", stdout(&output));
    assert!(
        stdout(&output).contains("error: invalid article JSON"),
        "{}",
        stdout(&output)
    );
    let output = run(&["check", "-f", "docx", "-"], b"");
    assert_eq!(output.status.code(), Some(2));
}
