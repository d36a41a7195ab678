//! Every command prints a problem with a place as `FILE:LINE:COL: error:`,
//! the form editors and CI annotators read, and `newswire: error:` only
//! where there is no place.

use crate::util::{run_in, stderr};

/// An article whose `published` on line 3, column 12, is not a date.
const BAD_ARTICLE: &str = "---\ntitle: Kabul\npublished: tuesday\n---\n\nBody.\n";
/// A feed whose second line is not well-formed.
const BAD_FEED: &str = "<rss version=\"2.0\"><channel>\n<title>T</titel></channel></rss>\n";

#[test]
fn every_command_places_its_errors_as_compilers_do() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.md"), BAD_ARTICLE).unwrap();
    std::fs::write(dir.path().join("bad.xml"), BAD_FEED).unwrap();
    let out = dir.path().join("out");
    let out = out.to_str().unwrap();
    let cases: [(&[&str], &str); 6] = [
        (&["convert", "bad.md", "-t", "text"], "bad.md:3:12: error: "),
        (
            &["convert", "bad.md", "-t", "all", "--out-dir", out],
            "bad.md:3:12: error: ",
        ),
        (
            &[
                "feed",
                "bad.md",
                "-t",
                "rss",
                "--title",
                "T",
                "--link",
                "https://example.com/",
            ],
            "bad.md:3:12: error: ",
        ),
        (&["check", "bad.md"], "bad.md:3:12: error: "),
        (&["import", "bad.xml"], "bad.xml:2:"),
        (&["convert", "bad.xml", "-t", "atom"], "bad.xml:2:"),
    ];
    for (args, start) in cases {
        let output = run_in(dir.path(), args, b"");
        assert_eq!(
            output.status.code(),
            Some(65),
            "{args:?}: {}",
            stderr(&output)
        );
        // `check` prints its findings on standard output and sums up on
        // standard error; the others print the error itself there.
        let printed = if args[0] == "check" {
            String::from_utf8_lossy(&output.stdout).into_owned()
        } else {
            stderr(&output)
        };
        let first = printed.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(start),
            "{args:?} printed {first:?}, expected {start:?}…"
        );
        assert!(
            first.contains(": error: "),
            "{args:?}: no severity in {first:?}"
        );
    }
}

#[test]
fn an_error_without_a_place_names_the_program() {
    let dir = tempfile::tempdir().unwrap();
    let output = run_in(dir.path(), &["convert", "missing.md", "-t", "text"], b"");
    assert_eq!(output.status.code(), Some(66));
    assert!(
        stderr(&output).starts_with("newswire: error: cannot read missing.md: "),
        "{}",
        stderr(&output)
    );
}

/// The status is the first failing input's, in the order they were given.
#[test]
fn check_exits_with_the_first_failures_status() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bad.md"), "---\ntitle: x\n---\n").unwrap();
    let bad_first = run_in(dir.path(), &["check", "bad.md", "missing.md"], b"");
    assert_eq!(bad_first.status.code(), Some(65), "{}", stderr(&bad_first));
    let missing_first = run_in(dir.path(), &["check", "missing.md", "bad.md"], b"");
    assert_eq!(
        missing_first.status.code(),
        Some(66),
        "{}",
        stderr(&missing_first)
    );
    // Both are reported either way.
    for output in [bad_first, missing_first] {
        assert!(String::from_utf8_lossy(&output.stdout).contains("bad.md:1:1: error:"));
        assert!(stderr(&output).contains("cannot read missing.md"));
    }
}

/// A link to nowhere inside an input directory is reported in its place;
/// the rest is converted.
#[cfg(unix)]
#[test]
fn a_dangling_link_in_a_directory_is_reported_and_the_rest_converted() {
    let dir = tempfile::tempdir().unwrap();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("sub")).unwrap();
    std::fs::copy(crate::util::samples()[0].clone(), tree.join("a.md")).unwrap();
    std::os::unix::fs::symlink("/nowhere/at/all", tree.join("sub/dangling.md")).unwrap();
    std::os::unix::fs::symlink("/nowhere/at/all", tree.join("sub/notes.txt")).unwrap();
    let output = run_in(
        dir.path(),
        &["convert", "tree", "-t", "text", "--out-dir", "out"],
        b"",
    );
    assert_eq!(output.status.code(), Some(66), "{}", stderr(&output));
    assert_eq!(
        stderr(&output).lines().collect::<Vec<_>>(),
        [
            "newswire: error: cannot read tree/sub/dangling.md: No such file or directory (os error 2)"
        ]
    );
    assert!(dir.path().join("out/a.txt").is_file());
}

/// What a killed run leaves (a hidden staging directory, a temporary
/// file) is removed by the next run into the same place, when the process
/// it names is gone; what a running process is writing is left alone.
#[cfg(target_os = "linux")]
#[test]
fn a_later_run_removes_what_a_killed_run_left() {
    let dir = tempfile::tempdir().unwrap();
    // No process has an id this high on Linux (pid_max is at most 2^22).
    let dead = 4_194_400;
    let live = std::process::id();
    for name in [
        format!(".newswire-{dead}-abc123"),
        format!(".newswire-{live}-def456"),
    ] {
        std::fs::create_dir(dir.path().join(&name)).unwrap();
        std::fs::write(dir.path().join(&name).join("a.txt"), "half").unwrap();
    }
    std::fs::write(dir.path().join(format!(".newswire-{dead}-tmp999")), "half").unwrap();
    std::fs::write(dir.path().join(".newswire-notes"), "not ours to judge").unwrap();
    let sample = crate::util::samples()[0].clone();
    let output = run_in(
        dir.path(),
        &[
            "convert",
            sample.to_str().unwrap(),
            "-t",
            "text",
            "--out-dir",
            "new",
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            format!(".newswire-{live}-def456"),
            ".newswire-notes".to_owned(),
            "new".to_owned()
        ]
    );
}

/// `import` into a new directory makes it whole, as convert does.
#[test]
fn import_into_a_new_directory_leaves_nothing_hidden() {
    let dir = tempfile::tempdir().unwrap();
    let feed = crate::util::root().join("tests/fixtures/feeds/wordpress.rss.xml");
    let output = run_in(
        dir.path(),
        &[
            "import",
            feed.to_str().unwrap(),
            "--out-dir",
            "deep/articles",
            "-q",
        ],
        b"",
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        std::fs::read_dir(dir.path().join("deep/articles"))
            .unwrap()
            .count()
            > 0
    );
    let hidden: Vec<_> = std::fs::read_dir(dir.path().join("deep"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .filter(|name| name.to_string_lossy().starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

/// A small tmpfs, mounted for a test and unmounted when it ends.
#[cfg(target_os = "linux")]
struct SmallDisk(tempfile::TempDir);

#[cfg(target_os = "linux")]
impl SmallDisk {
    /// A 64 KiB disk, or none where this process may not mount one (not
    /// root, or in a sandbox that forbids it).
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().ok()?;
        let mounted = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=64k", "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        mounted.then_some(SmallDisk(dir))
    }
}

#[cfg(target_os = "linux")]
impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg(self.0.path())
            .status();
    }
}

/// A disk that fills up mid-write: status 74 naming the reason, the
/// earlier output as it was, and no temporary file or directory left.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_loses_nothing() {
    let Some(disk) = SmallDisk::mount() else {
        eprintln!("skipped: mounting a small tmpfs needs root");
        return;
    };
    let big = format!(
        "---\ntitle: big\npublished: 2014-02-17\nurl: https://example.com/big\n---\n\n{}",
        "A paragraph long enough to fill a small disk quickly.\n\n".repeat(4000)
    );
    let input = tempfile::tempdir().unwrap();
    std::fs::write(input.path().join("big.md"), &big).unwrap();
    let target = disk.0.path().join("big.html");
    std::fs::write(&target, "previous").unwrap();
    let output = run_in(
        input.path(),
        &["convert", "big.md", "-o", target.to_str().unwrap()],
        b"",
    );
    assert_eq!(output.status.code(), Some(74), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("No space left on device"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "previous");
    let out_dir = disk.0.path().join("site");
    let output = run_in(
        input.path(),
        &[
            "convert",
            "big.md",
            "-t",
            "all",
            "--out-dir",
            out_dir.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(output.status.code(), Some(74), "{}", stderr(&output));
    let left: Vec<_> = std::fs::read_dir(disk.0.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("big.html")]);
}
