use crate::util::{assert_fails, assert_usage_errors, root, run, run_in, stderr, stdout};
use std::path::Path;

const SAMPLE: &str = "samples/syria-what-happens-now.md";

fn sample_bytes() -> Vec<u8> {
    std::fs::read(root().join(SAMPLE)).unwrap()
}

#[test]
fn stdin_to_stdout_in_a_pipe() {
    let output = run(&["convert", "-t", "txt"], &sample_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Syria: What happens now?\n====="));
    assert!(stderr(&output).is_empty());
    let dash = run(&["convert", "-", "-t", "text"], &sample_bytes());
    assert_eq!(dash.stdout, output.stdout);
}

#[test]
fn width_option_wraps_text() {
    let narrow = stdout(&run(
        &["convert", SAMPLE, "-t", "text", "--width", "40"],
        b"",
    ));
    assert!(
        narrow
            .lines()
            .all(|line| line.chars().count() <= 40 || line.split_whitespace().count() <= 2)
    );
    let unwrapped = stdout(&run(
        &["convert", SAMPLE, "-t", "text", "--width", "0"],
        b"",
    ));
    assert!(unwrapped.lines().any(|line| line.chars().count() > 150));
}

#[test]
fn article_json_pipes_back_in() {
    let json = run(&["convert", SAMPLE, "-t", "article-json"], b"");
    let markdown = run(&["convert", "-f", "article-json", "-t", "md"], &json.stdout);
    assert!(markdown.status.success(), "{}", stderr(&markdown));
    let direct = run(&["convert", SAMPLE, "-t", "markdown"], b"");
    assert_eq!(markdown.stdout, direct.stdout);
}

#[test]
fn output_file_and_format_from_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("page.html");
    let output = run(&["convert", SAMPLE, "-o", target.to_str().unwrap()], b"");
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(output.stdout.is_empty());
    let html = std::fs::read_to_string(&target).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
}

#[test]
fn all_formats_for_several_inputs_into_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let output = run(
        &[
            "convert",
            "samples",
            "-t",
            "all",
            "--out-dir",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    for sample in crate::util::samples() {
        let stem = sample.file_stem().unwrap().to_string_lossy().into_owned();
        for suffix in [
            ".md",
            ".txt",
            ".html",
            ".article.json",
            ".rss.xml",
            ".atom.xml",
            ".feed.json",
        ] {
            // What several formats share is built once; each file must still
            // be what converting to its format alone gives.
            let written = std::fs::read_to_string(out.join(format!("{stem}{suffix}"))).unwrap();
            let golden = std::fs::read_to_string(format!("tests/golden/{stem}{suffix}")).unwrap();
            assert!(
                written == golden,
                "{stem}{suffix} differs from its golden file"
            );
        }
    }
}

#[test]
fn several_outputs_without_a_directory_is_a_usage_error() {
    let output = run(&["convert", SAMPLE, "-t", "md,txt"], b"");
    assert_fails(&output, 2, "need --out-dir");
}

#[test]
fn usage_errors_exit_2() {
    assert_usage_errors(&[
        vec!["convert", SAMPLE, "-t", "docx"],
        vec!["convert", SAMPLE],
        vec!["convert", SAMPLE, "-t", "md", "--no-such-flag"],
        vec!["convert", SAMPLE, "-t", "md", "-f", "html"],
        vec!["frobnicate"],
    ]);
}

/// (name, input bytes, exit status, expected line on standard error)
const BAD_INPUTS: &[(&str, &[u8], i32, &str)] = &[
    (
        "missing title",
        b"---\npublished: 2024-01-02\n---\nBody\n",
        65,
        "-:1:1: error: missing required key `title`",
    ),
    (
        "unparseable date",
        b"---\ntitle: T\npublished: 2024-13-45\n---\n",
        65,
        "-:3:12: error: `published` is not a date",
    ),
    (
        "unterminated front matter",
        b"---\ntitle: T\npublished: 2024-01-02\n",
        65,
        "-:1:1: error: front matter opened here is never closed",
    ),
    (
        "invalid YAML",
        b"---\ntitle: T\npublished: [2024\n---\n",
        65,
        "-:4:1: error: invalid YAML",
    ),
    (
        "invalid TOML",
        b"+++\ntitle = T\npublished = 2024-01-02\n+++\n",
        65,
        "-:2:9: error: invalid TOML",
    ),
    (
        "wrong type",
        b"---\ntitle: T\npublished: 2024-01-02\ndraft: maybe\n---\n",
        65,
        "-:4:8: error: expected `draft` to be true or false, found a string",
    ),
    (
        "two discussions",
        b"---\ntitle: T\npublished: 2024-01-02\n---\n## Discussion\n- a\n## Discussion\n- b\n",
        65,
        "-:7:1: error: a second discussion section",
    ),
    (
        "non-UTF-8",
        b"---\ntitle: caf\xe9\npublished: 2024-01-02\n---\n",
        65,
        "-:2:11: error: invalid UTF-8",
    ),
    (
        "binary garbage",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
        65,
        "-:1:1: error: control character U+007F",
    ),
    (
        "empty input",
        b"",
        65,
        "-:1:1: error: expected front matter",
    ),
];

#[test]
fn bad_inputs_exit_65_with_file_line_and_column() {
    for (name, input, status, message) in BAD_INPUTS {
        let output = run(&["convert", "-t", "md"], input);
        let error = stderr(&output);
        assert_eq!(output.status.code(), Some(*status), "{name}: {error}");
        assert!(error.starts_with(message), "{name}: {error}");
        assert_eq!(error.lines().count(), 1, "{name}: one line: {error}");
        assert!(output.stdout.is_empty(), "{name}: nothing on stdout");
    }
}

#[test]
fn a_bad_file_is_named_in_the_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.md"), "---\ntitle: T\n---\n").unwrap();
    let output = run_in(dir.path(), &["convert", "bad.md", "-t", "md"], b"");
    assert_eq!(output.status.code(), Some(65));
    assert!(stderr(&output).starts_with("bad.md:1:1: error: missing required key `published`"));
}

#[test]
fn missing_input_exits_66() {
    let output = run(&["convert", "no-such-file.md", "-t", "md"], b"");
    assert_eq!(output.status.code(), Some(66));
    assert!(
        stderr(&output).starts_with("newswire: error: cannot read no-such-file.md: "),
        "{}",
        stderr(&output)
    );
}

/// Converts the reference sample to Markdown at `target`.
fn convert_sample_to(target: &Path) -> std::process::Output {
    run(
        &[
            "convert",
            SAMPLE,
            "-t",
            "md",
            "-o",
            target.to_str().unwrap(),
        ],
        b"",
    )
}

#[test]
fn unwritable_output_exits_74_and_keeps_what_was_there() {
    let dir = tempfile::tempdir().unwrap();
    // A directory where the file should go cannot be replaced by a rename.
    let occupied = dir.path().join("taken.md");
    std::fs::create_dir(&occupied).unwrap();
    std::fs::write(occupied.join("keep"), "kept").unwrap();
    let output = convert_sample_to(&occupied);
    assert_eq!(output.status.code(), Some(74), "{}", stderr(&output));
    assert!(stderr(&output).starts_with(&format!(
        "newswire: error: cannot write {}",
        occupied.display()
    )));
    assert_eq!(
        std::fs::read_to_string(occupied.join("keep")).unwrap(),
        "kept"
    );
    // A file where a directory should be.
    let blocked = dir.path().join("keep-file");
    std::fs::write(&blocked, "x").unwrap();
    let inside = blocked.join("out.md");
    let output = convert_sample_to(&inside);
    assert_eq!(output.status.code(), Some(74), "{}", stderr(&output));
}

#[test]
fn a_failed_run_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("article.txt");
    std::fs::write(&target, "previous output\n").unwrap();
    let output = run(
        &["convert", "-t", "txt", "-o", target.to_str().unwrap()],
        b"---\ntitle: T\n",
    );
    assert_eq!(output.status.code(), Some(65));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous output\n"
    );
    let entries = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(entries, 1, "no temporary file is left behind");
}

#[test]
fn one_bad_input_among_many_is_reported_and_the_rest_written() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(root().join(SAMPLE), inputs.join("good.md")).unwrap();
    std::fs::write(inputs.join("bad.md"), "---\ntitle: T\n---\n").unwrap();
    let out = dir.path().join("out");
    let output = run(
        &[
            "convert",
            inputs.to_str().unwrap(),
            "-t",
            "txt",
            "--out-dir",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(65));
    assert!(stderr(&output).contains("bad.md:1:1: error: missing required key `published`"));
    assert!(out.join("good.txt").is_file());
    assert!(!out.join("bad.txt").exists());
}

#[test]
fn closed_stdout_exits_quietly() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(["convert", "-t", "text", "--width", "0"])
        .current_dir(root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Closed before anything is written, and more output than a pipe holds.
    drop(child.stdout.take());
    let mut input = b"---\ntitle: T\npublished: 2024-01-02\n---\n".to_vec();
    input.extend(b"A paragraph of some length to fill the pipe.\n\n".repeat(20_000));
    child.stdin.take().unwrap().write_all(&input).unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(stderr(&output).is_empty(), "{}", stderr(&output));
}

#[test]
fn every_sample_converts_to_every_format_through_the_binary() {
    for sample in crate::util::samples() {
        let sample = sample.to_str().unwrap();
        for format in ["markdown", "md", "text", "txt", "html", "article-json"] {
            let output = run(&["convert", sample, "-t", format], b"");
            assert!(
                output.status.success(),
                "{sample} -t {format}: {}",
                stderr(&output)
            );
            assert!(!output.stdout.is_empty());
        }
    }
    assert!(Path::new(&root().join(SAMPLE)).is_file());
}

#[test]
fn deep_nesting_is_refused_not_a_crash() {
    let front = "---\ntitle: T\npublished: 2024-01-02\n---\n\n";
    let cases = [
        (
            format!("{front}{} deep\n", ">".repeat(20_000)),
            "-:6:101: error: the body nests deeper than 100 levels",
        ),
        (
            format!("{front}{}x{}\n", "*a ".repeat(3_000), "*".repeat(3_000)),
            "the body nests deeper than 100 levels",
        ),
        (
            format!(
                "---\ntitle: T\npublished: 2024-01-02\na: {}{}\n---\n",
                "[".repeat(5_000),
                "]".repeat(5_000)
            ),
            "-:4:",
        ),
        (
            format!(
                "+++\ntitle = \"T\"\npublished = 2024-01-02\na = {}{}\n+++\n",
                "[".repeat(5_000),
                "]".repeat(5_000)
            ),
            "-:4:",
        ),
    ];
    for (input, message) in cases {
        for format in ["md", "text", "html", "article-json"] {
            let output = run(&["convert", "-t", format], input.as_bytes());
            assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
            assert!(stderr(&output).contains(message), "{}", stderr(&output));
        }
    }
}

#[test]
fn limits_are_named_and_enforced() {
    let front = "---\ntitle: T\npublished: 2024-01-02\n---\n\n";
    let big = format!("{front}{}", "A line of text.\n".repeat(80_000));
    let mut yaml_keys = String::from("---\ntitle: T\npublished: 2024-01-02\n");
    let mut toml_keys = String::from("+++\ntitle = \"T\"\npublished = 2024-01-02\n");
    for index in 0..100_000 {
        yaml_keys.push_str(&format!("k{index}: v\n"));
        toml_keys.push_str(&format!("k{index} = 1\n"));
    }
    yaml_keys.push_str("---\n");
    toml_keys.push_str("+++\n");
    let deep_json = format!(
        "{{\"meta\": {{\"title\": \"T\", \"published\": \"2024-01-02\", \"extra\": {{\"a\": {}{}}}}}, \"body\": []}}",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    let mut laughs = String::from(
        "---\ntitle: T\npublished: 2024-01-02\na: &a [x, x, x, x, x, x, x, x, x, x]\n",
    );
    for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        laughs.push_str(&format!(
            "{name}: &{name} [{}]\n",
            vec![format!("*{previous}"); 10].join(", ")
        ));
    }
    laughs.push_str("---\n");
    let long_line = format!("{front}{}\n", "word ".repeat(300_000));
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["convert", "-t", "md"],
            &long_line,
            "-:6:1: error: line 6 is longer than the limit of 1024 KiB",
        ),
        (
            &["convert", "-t", "md"],
            &laughs,
            "YAML aliases expand to more than 10000 values",
        ),
        (
            &["convert", "-t", "md", "--max-input-mib", "1"],
            &big,
            "-:1:1: error: the input is larger than the limit of 1 MiB",
        ),
        (
            &["convert", "-t", "md"],
            &yaml_keys,
            "-:10002:1: error: a mapping in the front matter has more than 10000 keys",
        ),
        (
            &["convert", "-t", "md"],
            &toml_keys,
            "-:10002:1: error: the front matter has more than 10000 keys",
        ),
        (
            &["convert", "-f", "article-json", "-t", "md"],
            &deep_json,
            "recursion limit exceeded",
        ),
    ];
    for (args, input, message) in cases {
        let output = run(args, input.as_bytes());
        assert_eq!(output.status.code(), Some(65), "{}", stderr(&output));
        assert!(stderr(&output).contains(message), "{}", stderr(&output));
    }
    let output = run(&["convert", "-t", "md"], big.as_bytes());
    assert!(
        output.status.success(),
        "the default limit is far above 1 MiB"
    );
}

#[test]
fn out_dir_never_writes_outside_itself() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // A symlink where an output goes is replaced, not followed.
    let outside = dir.path().join("outside.txt");
    std::fs::write(&outside, "keep me").unwrap();
    std::os::unix::fs::symlink(&outside, out.join("syria-what-happens-now.txt")).unwrap();
    // An input reached through `..` is named by its file name only.
    let nested = dir.path().join("a/b");
    std::fs::create_dir_all(&nested).unwrap();
    let sneaky = nested.join("../../syria-what-happens-now.md");
    std::fs::copy(
        root().join(SAMPLE),
        dir.path().join("syria-what-happens-now.md"),
    )
    .unwrap();
    let output = run(
        &[
            "convert",
            sneaky.to_str().unwrap(),
            "-t",
            "txt",
            "--out-dir",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep me");
    let written = out.join("syria-what-happens-now.txt");
    assert!(
        !std::fs::symlink_metadata(&written)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let names: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn text_edge_cases_pass_through_untouched() {
    let input = "\u{feff}---\r\ntitle: \"مرحبا بالعالم\"\r\npublished: 2024-01-02\r\nlanguage: ar\r\n---\r\n\r\n> النص المقتبس.\r\n>\r\n> — Zoe\u{200b}Smith, cafe\u{301} owner\r\n\rLone CR line.\r\n";
    let output = run(&["convert", "-t", "article-json"], input.as_bytes());
    assert!(output.status.success(), "{}", stderr(&output));
    let model: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(model["meta"]["title"], "مرحبا بالعالم");
    assert_eq!(model["body"][0]["attribution"]["name"], "Zoe\u{200b}Smith");
    assert_eq!(model["body"][0]["attribution"]["role"], "cafe\u{301} owner");
    assert_eq!(model["body"][1]["markdown"], "Lone CR line.");
    let html = stdout(&run(&["convert", "-t", "html"], input.as_bytes()));
    assert!(html.contains("<html lang=\"ar\" dir=\"rtl\">"));
    let json = run(
        &["convert", "-f", "article-json", "-t", "md"],
        br#"{"meta":{"title":"\ud800","published":"2024-01-02"},"body":[]}"#,
    );
    assert_eq!(
        json.status.code(),
        Some(65),
        "an unpaired surrogate is refused"
    );
    assert!(stderr(&json).contains("-:1:"), "{}", stderr(&json));
}

/// A directory nobody may write to, root included (`chattr +i`), restored
/// when dropped so the temporary directory can be removed.
struct ReadOnlyDir(std::path::PathBuf);

impl ReadOnlyDir {
    fn new(path: std::path::PathBuf) -> Option<ReadOnlyDir> {
        std::fs::create_dir_all(&path).unwrap();
        std::fs::write(path.join("article.txt"), "previous output\n").unwrap();
        let locked = std::process::Command::new("chattr")
            .arg("+i")
            .arg(&path)
            .status();
        let guard = ReadOnlyDir(path);
        let writable = std::fs::write(guard.0.join("probe"), "x").is_ok();
        (locked.is_ok_and(|status| status.success()) && !writable).then_some(guard)
    }
}

impl Drop for ReadOnlyDir {
    fn drop(&mut self) {
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
    }
}

#[test]
fn a_read_only_directory_exits_74_and_keeps_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let Some(locked) = ReadOnlyDir::new(dir.path().join("locked")) else {
        eprintln!(
            "chattr is not available here; the read-only case is covered by the other 74 tests"
        );
        return;
    };
    let target = locked.0.join("article.txt");
    let output = sample_to_text_at(&target);
    assert_fails(&output, 74, "cannot write");
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "previous output\n"
    );
    let output = run(
        &[
            "convert",
            SAMPLE,
            "-t",
            "txt",
            "--out-dir",
            locked.0.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(74), "{}", stderr(&output));
}

#[test]
fn two_inputs_with_one_output_name_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["a", "b"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
        std::fs::copy(root().join(SAMPLE), dir.path().join(sub).join("same.md")).unwrap();
    }
    let out = dir.path().join("out");
    let output = run_in(
        dir.path(),
        &["convert", "a", "b", "-t", "txt", "--out-dir", "out"],
        b"",
    );
    assert_fails(
        &output,
        2,
        "two inputs would both be written to out/same.txt",
    );
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());
}

#[test]
fn a_new_out_dir_appears_when_the_run_ends_with_what_it_could_write() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::copy(root().join(SAMPLE), inputs.join("good.md")).unwrap();
    std::fs::write(inputs.join("bad.md"), "---\ntitle: [\n---\nBody.\n").unwrap();
    let output = run_in(
        dir.path(),
        &["convert", "in", "-t", "md,txt", "--out-dir", "site/out"],
        b"",
    );
    assert_fails(&output, 65, "bad.md");
    let names = |path: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(path)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    // Nothing of the run is left beside the directory it made.
    assert_eq!(names(&dir.path().join("site")), ["out"]);
    assert_eq!(names(&dir.path().join("site/out")), ["good.md", "good.txt"]);
    let alone = run(&["convert", SAMPLE, "-t", "txt"], b"");
    assert_eq!(
        std::fs::read(dir.path().join("site/out/good.txt")).unwrap(),
        alone.stdout
    );

    // A directory that cannot be made is a write error before anything is read.
    std::fs::write(dir.path().join("file"), "").unwrap();
    let output = run_in(
        dir.path(),
        &["convert", "in", "-t", "txt", "--out-dir", "file/out"],
        b"",
    );
    assert_fails(&output, 74, "file/out");

    std::fs::remove_file(dir.path().join("file")).unwrap();
    std::fs::remove_file(inputs.join("good.md")).unwrap();
    let output = run_in(
        dir.path(),
        &["convert", "in", "-t", "txt", "--out-dir", "none"],
        b"",
    );
    assert_fails(&output, 65, "bad.md");
    assert_eq!(
        names(dir.path()),
        ["in", "site"],
        "a run that wrote nothing made nothing"
    );
}

/// A replaced output has the mode any new file gets, not the private one
/// of the temporary file it was written as.
#[cfg(unix)]
#[test]
fn a_replaced_output_is_as_readable_as_a_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let probe = dir.path().join("probe");
    std::fs::write(&probe, "").unwrap();
    let target = dir.path().join("out.txt");
    std::fs::write(&target, "previous output\n").unwrap();
    let output = sample_to_text_at(&target);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_ne!(
        std::fs::read_to_string(&target).unwrap(),
        "previous output\n"
    );
    assert_eq!(mode(&target), mode(&probe));
}

/// Converts the sample to plain text at `target` with `-o`.
fn sample_to_text_at(target: &Path) -> std::process::Output {
    run(
        &[
            "convert",
            SAMPLE,
            "-t",
            "txt",
            "-o",
            target.to_str().unwrap(),
        ],
        b"",
    )
}

/// Makes a named pipe at `path`.
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn a_pipe_as_output_is_written_to_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let output = run(
        &["convert", SAMPLE, "-t", "txt", "-o", fifo.to_str().unwrap()],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        reader
            .join()
            .unwrap()
            .starts_with("Syria: What happens now?")
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "still a pipe"
    );
}

#[test]
fn pipes_in_an_out_dir_are_written_to_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    // One pipe stands where an output goes; a link to another stands where
    // a second does.
    let text = out.join("syria-what-happens-now.txt");
    let linked = dir.path().join("pipe");
    let link = out.join("syria-what-happens-now.html");
    mkfifo(&text);
    mkfifo(&linked);
    std::os::unix::fs::symlink(&linked, &link).unwrap();
    let readers = [&text, &link].map(|path| {
        let path = path.to_path_buf();
        std::thread::spawn(move || std::fs::read_to_string(path).unwrap())
    });
    let output = run(
        &[
            "convert",
            SAMPLE,
            "-t",
            "txt,html",
            "--out-dir",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // Checked before the readers are joined: a replaced pipe is never
    // opened for writing, and its reader would wait for ever.
    assert!(std::fs::metadata(&text).unwrap().file_type().is_fifo());
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(std::fs::metadata(&link).unwrap().file_type().is_fifo());
    let [text_read, html_read] = readers.map(|reader| reader.join().unwrap());
    assert!(text_read.starts_with("Syria: What happens now?"));
    assert!(html_read.starts_with("<!DOCTYPE html>"), "{html_read}");
}

/// The channel link is checked once the article is read and before any
/// of its outputs is written, so the run leaves nothing behind.
#[test]
fn a_refused_rss_output_leaves_no_other_output_behind() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bare.md"),
        "---\ntitle: Bare\npublished: 2024-05-01\n---\n\nNo address.\n",
    )
    .unwrap();
    let output = run_in(
        dir.path(),
        &["convert", "bare.md", "-t", "all", "--out-dir", "out"],
        b"",
    );
    assert_fails(
        &output,
        2,
        "rss needs a channel link and bare.md has no `url`: give --link URL",
    );
    let out = dir.path().join("out");
    assert!(!out.exists() || std::fs::read_dir(&out).unwrap().next().is_none());
}

#[test]
fn standard_input_cannot_go_to_an_out_dir() {
    let dir = tempfile::tempdir().unwrap();
    let output = run(
        &[
            "convert",
            "-",
            "-t",
            "md",
            "--out-dir",
            dir.path().to_str().unwrap(),
        ],
        b"",
    );
    assert_fails(
        &output,
        2,
        "standard input has no name to write under --out-dir",
    );
}
