use crate::util::{root, run};
use std::path::Path;

/// The subcommands every page and completion script lists.
const SUBCOMMANDS: [&str; 5] = ["convert", "feed", "check", "import", "completions"];

/// The man pages under `man/` and the completion scripts under
/// `completions/` are rendered from the clap definition by build.rs; this
/// fails when the definition changed and they were not regenerated
/// (NEWSWIRE_ACCEPT=1 cargo test does it).
#[test]
fn man_pages_and_completions_are_current() {
    let generated = Path::new(env!("OUT_DIR"));
    let pages = std::iter::once("newswire.1".to_owned())
        .chain(SUBCOMMANDS.map(|name| format!("newswire-{name}.1")));
    for page in pages {
        let current = std::fs::read_to_string(generated.join(&page)).expect("build.rs renders it");
        crate::util::assert_golden(&root().join("man").join(&page), &current);
    }
    for script in [
        "newswire.bash",
        "_newswire",
        "newswire.fish",
        "newswire.elv",
        "_newswire.ps1",
    ] {
        let current = std::fs::read_to_string(generated.join(script)).expect("build.rs renders it");
        crate::util::assert_golden(&root().join("completions").join(script), &current);
    }
}

#[test]
fn every_page_says_how_a_run_ends_and_what_it_reads_from_the_environment() {
    for page in std::iter::once("newswire".to_owned())
        .chain(SUBCOMMANDS.map(|name| format!("newswire-{name}")))
    {
        let text = std::fs::read_to_string(root().join("man").join(format!("{page}.1"))).unwrap();
        for section in [".SH \"EXIT STATUS\"", ".SH ENVIRONMENT", ".SH \"SEE ALSO\""] {
            assert!(text.contains(section), "{page}.1 has no {section}");
        }
        // Only the top-level command takes --version.
        assert_eq!(
            text.contains("\\-\\-version"),
            page == "newswire",
            "{page}.1 and --version"
        );
        assert!(
            !text.contains("newswire\\-help"),
            "{page}.1 names a help page"
        );
    }
}

#[test]
fn the_completions_command_prints_the_committed_scripts() {
    for (shell, script) in [
        ("bash", "newswire.bash"),
        ("zsh", "_newswire"),
        ("fish", "newswire.fish"),
    ] {
        let output = run(&["completions", shell], b"");
        assert!(output.status.success());
        let committed = std::fs::read(root().join("completions").join(script)).unwrap();
        assert_eq!(output.stdout, committed, "{shell}");
    }
    let output = run(&["completions", "tcsh"], b"");
    assert_eq!(output.status.code(), Some(2));
}

/// Loads the bash script into a real bash and asks it, as the shell does
/// on Tab, what may follow `newswire` and `newswire convert --t`.
#[test]
fn bash_completes_subcommands_and_flags() {
    let script = root().join("completions").join("newswire.bash");
    let complete = |words: &str| {
        let program = format!(
            "source {}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); \
             COMP_LINE=\"${{COMP_WORDS[*]}}\"; COMP_POINT=${{#COMP_LINE}}; \
             _newswire newswire \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
             printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            script.display()
        );
        let output = std::process::Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &program])
            .output()
            .expect("bash runs");
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    };
    let offered = complete("newswire ''");
    for subcommand in SUBCOMMANDS {
        assert!(
            offered.lines().any(|word| word == subcommand),
            "{subcommand} not offered: {offered}"
        );
    }
    let flags = complete("newswire convert --te");
    assert_eq!(flags.trim(), "--template", "{flags}");
}
