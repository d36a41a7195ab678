//! Renders the man pages from the clap definition into OUT_DIR; a test
//! compares them with the committed ones under `man/`.

use clap::CommandFactory;
use std::path::PathBuf;

#[path = "src/cli/args.rs"]
#[allow(dead_code)]
mod args;

fn main() -> std::io::Result<()> {
    println!("cargo::rerun-if-changed=src/cli/args.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let command = args::Cli::command();
    let mut pages = vec![("newswire".to_owned(), command.clone())];
    for sub in command.get_subcommands() {
        let name = format!("newswire-{}", sub.get_name());
        pages.push((
            name.clone(),
            sub.clone().name(name).version(env!("CARGO_PKG_VERSION")),
        ));
    }
    for (name, page_command) in pages {
        let mut page = Vec::new();
        clap_mangen::Man::new(page_command).render(&mut page)?;
        std::fs::write(out_dir.join(format!("{name}.1")), page)?;
    }
    Ok(())
}
