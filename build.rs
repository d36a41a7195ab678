//! Renders the man pages and shell completions from the clap definition
//! into OUT_DIR; a test compares them with the committed ones under `man/`
//! and `completions/`; and links the binary at a fixed address on Linux.

use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, bold, roman};
use std::path::{Path, PathBuf};

#[path = "src/cli/args.rs"]
#[allow(dead_code)]
mod args;

/// A position-independent binary has some 35,000 pointers for the loader
/// to relocate at every start, dirtying 180 pages: the larger part of the
/// time a one-article run takes. Linked at a fixed address, the binary has
/// none; its libraries, heap and stack are still placed at random. A
/// static build (`+crt-static`) is left to the linker: `-no-pie` there
/// keeps a loader the static binary does not have, and it fails at start.
fn link_at_fixed_address() {
    let static_crt = std::env::var("CARGO_CFG_TARGET_FEATURE")
        .is_ok_and(|features| features.split(',').any(|feature| feature == "crt-static"));
    if std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux") && !static_crt {
        println!("cargo::rustc-link-arg-bins=-no-pie");
    }
}

fn main() -> std::io::Result<()> {
    println!("cargo::rerun-if-changed=src/cli/args.rs");
    link_at_fixed_address();
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut command = args::Cli::command();
    command.build();
    let source = format!("newswire {}", env!("CARGO_PKG_VERSION"));
    let mut pages = vec![("newswire".to_owned(), command.clone())];
    for sub in command.get_subcommands() {
        // The subcommands take no --version, so their pages show none.
        pages.push((format!("newswire-{}", sub.get_name()), sub.clone()));
    }
    for (name, page_command) in pages {
        let page_command = page_command.name(name.clone());
        let man = clap_mangen::Man::new(page_command.clone()).source(source.clone());
        let mut sections = vec![Vec::new(); 6];
        man.render_title(&mut sections[0])?;
        man.render_name_section(&mut sections[1])?;
        man.render_synopsis_section(&mut sections[2])?;
        man.render_description_section(&mut sections[3])?;
        man.render_options_section(&mut sections[4])?;
        if page_command.has_subcommands() {
            man.render_subcommands_section(&mut sections[5])?;
        }
        let mut roff = Roff::new();
        if let Some(examples) = page_command.get_after_help() {
            examples_section(&mut roff, &examples.to_string());
        }
        if ["newswire-convert", "newswire-feed", "newswire-check"].contains(&name.as_str()) {
            sites_section(&mut roff);
        }
        ending_sections(&mut roff, &name);
        sections.push(roff.render().into_bytes());
        std::fs::write(out_dir.join(format!("{name}.1")), joined(&sections))?;
    }
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::Elvish,
        Shell::PowerShell,
    ] {
        completion(shell, &out_dir)?;
    }
    Ok(())
}

/// Sections rendered apart, as one page: each begins with the lines that
/// set up the apostrophe, which the page needs once.
fn joined(sections: &[Vec<u8>]) -> Vec<u8> {
    let mut page = Vec::new();
    for (index, section) in sections.iter().enumerate() {
        let text = String::from_utf8_lossy(section);
        let mut lines = text.split_inclusive('\n').peekable();
        while index > 0
            && lines.peek().is_some_and(|line| {
                line.starts_with(".ie \\n(.g") || line.starts_with(".el .ds Aq")
            })
        {
            lines.next();
        }
        page.extend(lines.flat_map(str::as_bytes));
    }
    page
}

/// The examples `--help` ends with, as written: they are lined up by hand.
fn examples_section(roff: &mut Roff, examples: &str) {
    roff.control("SH", ["EXAMPLES"]);
    roff.control("nf", []);
    for line in examples
        .lines()
        .skip_while(|line| line.ends_with(':') && line.starts_with("Examples"))
    {
        roff.text([roman(line)]);
    }
    roff.control("fi", []);
}

/// How a static site's files are read, for the commands that read them.
fn sites_section(roff: &mut Roff) {
    roff.control("SH", ["STATIC SITES"]);
    for (heading, text) in args::SITE_RULES {
        roff.control("TP", [])
            .text([bold(*heading)])
            .text([roman(*text)]);
    }
}

/// EXIT STATUS, ENVIRONMENT and SEE ALSO, which every page has.
fn ending_sections(roff: &mut Roff, page: &str) {
    roff.control("SH", ["EXIT STATUS"]);
    for (status, meaning) in [
        (
            "0",
            "Success, also when standard output is closed early, as by head(1).",
        ),
        (
            "2",
            "A usage error: a bad flag, an unknown format, outputs with nowhere to go.",
        ),
        (
            "65",
            "An input is not a valid article, feed or configuration, reported as FILE:LINE:COL: error: what was expected; or check found errors.",
        ),
        ("66", "An input cannot be opened."),
        (
            "74",
            "An output cannot be written; an earlier file there is left as it was.",
        ),
    ] {
        roff.control("TP", [])
            .text([bold(status)])
            .text([roman(meaning)]);
    }
    roff.control("PP", []).text([roman(
        "With several inputs, every bad one is reported and the good ones are still written; the status is that of the first failure.",
    )]);
    roff.control("SH", ["ENVIRONMENT"]);
    roff.control("TP", []).text([bold("TMPDIR")]).text([roman(
        "Where feed keeps the entries of a large feed while it orders them, in a file the system removes however the run ends.",
    )]);
    roff.control("SH", ["SEE ALSO"]);
    let others: Vec<String> = [
        "newswire",
        "newswire-convert",
        "newswire-feed",
        "newswire-check",
        "newswire-import",
        "newswire-completions",
    ]
    .into_iter()
    .filter(|other| *other != page)
    .map(|other| format!("{other}(1)"))
    .collect();
    roff.text([roman(others.join(", "))]);
}

/// The completion script for one shell, under the name that shell looks for.
fn completion(shell: Shell, out_dir: &Path) -> std::io::Result<()> {
    let name = match shell {
        Shell::Bash => "newswire.bash",
        Shell::Zsh => "_newswire",
        Shell::Fish => "newswire.fish",
        Shell::Elvish => "newswire.elv",
        _ => "_newswire.ps1",
    };
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut args::Cli::command(), "newswire", &mut script);
    std::fs::write(out_dir.join(name), script)
}
