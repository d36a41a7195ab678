use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project root, where `samples/` and `tests/golden/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every bundled sample article, in name order.
pub fn samples() -> Vec<PathBuf> {
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root().join("samples"))
        .expect("samples/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    samples.sort();
    assert!(samples.len() >= 3, "expected at least three samples");
    samples
}

/// Runs `newswire ARGS` with `stdin` as standard input.
pub fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_in(&root(), args, stdin)
}

/// Runs `newswire ARGS` in `dir`.
pub fn run_in(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newswire"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    let mut input = child.stdin.take().expect("stdin is piped");
    // The binary may exit before reading everything, which is fine.
    let _ = input.write_all(stdin);
    drop(input);
    child.wait_with_output().expect("the binary finishes")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Compares `actual` with the golden file, or rewrites the golden file when
/// NEWSWIRE_ACCEPT=1 (then read the diff before committing it).
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("NEWSWIRE_ACCEPT").is_some_and(|value| value == "1") {
        std::fs::create_dir_all(path.parent().expect("golden files live in a folder"))
            .expect("golden folder can be made");
        std::fs::write(path, actual).expect("golden file can be written");
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|error| {
        panic!(
            "{}: {error}; run NEWSWIRE_ACCEPT=1 cargo test to create it",
            path.display()
        )
    });
    if expected != actual {
        let first_difference = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output at line {}:\nexpected: {:?}\nactual:   {:?}\n(NEWSWIRE_ACCEPT=1 cargo test rewrites it)",
            path.display(),
            first_difference + 1,
            expected.lines().nth(first_difference),
            actual.lines().nth(first_difference)
        );
    }
}

/// The XML outputs parse as XML, characters and entities checked as XML
/// 1.0 requires, and the JSON outputs as JSON; no output of any format
/// holds a character XML 1.0 or HTML forbids.
pub fn assert_well_formed(format: newswire::Format, output: &str) -> Result<(), String> {
    use newswire::Format;
    if let Some(c) = output.chars().find(|&c| is_forbidden(c)) {
        return Err(format!("{format} holds U+{:04X}", u32::from(c)));
    }
    match format {
        Format::Rss | Format::Atom => {
            roxmltree::Document::parse(output).map_err(|error| format!("{format}: {error}"))?;
        }
        Format::JsonFeed | Format::ArticleJson => {
            serde_json::from_str::<serde_json::Value>(output)
                .map_err(|error| format!("{format}: {error}"))?;
        }
        _ => {}
    }
    Ok(())
}

/// A character no output may hold: ASCII and C1 controls but tab and
/// newline, and the noncharacters. Written here apart from the library's
/// own rule, so that a mistake in one shows against the other.
pub fn is_forbidden(c: char) -> bool {
    let code = u32::from(c);
    (code < 0x20 && c != '\t' && c != '\n')
        || (0x7F..=0x9F).contains(&code)
        || (0xFDD0..=0xFDEF).contains(&code)
        || code % 0x10000 >= 0xFFFE
}

/// Checks a run failed with `status` and said `message` on standard error.
pub fn assert_fails(output: &Output, status: i32, message: &str) {
    let error = stderr(output);
    assert_eq!(output.status.code(), Some(status), "{error}");
    assert!(error.contains(message), "expected {message:?} in: {error}");
}

/// Each argument list is refused as a usage error (status 2) with nothing
/// on standard output.
pub fn assert_usage_errors(cases: &[Vec<&str>]) {
    for args in cases {
        let output = run(args, b"");
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            stderr(&output)
        );
        assert!(output.stdout.is_empty(), "{args:?}");
    }
}
