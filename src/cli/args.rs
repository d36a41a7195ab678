// The command line, declared once: the binary parses it, and build.rs
// renders the man page from it, so help and man page never drift.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Turn one canonical article into Markdown, plain text, HTML and article
/// JSON, keeping every quote's attribution and the discussion prompts.
#[derive(Debug, Parser)]
#[command(name = "newswire", version, about, long_about = None, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Convert articles to other formats.
    ///
    /// With one input and one format the result goes to standard output, or
    /// to the file -o names. With several inputs or formats, --out-dir names
    /// the directory; each output is named after its input
    /// (syria.md becomes syria.txt, syria.html, syria.article.json).
    /// Outputs are written to a temporary file and renamed into place, so a
    /// failed run never leaves a partial or clobbered file.
    #[command(after_help = CONVERT_EXAMPLES)]
    Convert(ConvertArgs),
}

const CONVERT_EXAMPLES: &str = "\
Examples:
  newswire convert article.md -t text
  newswire convert article.md -t html -o article.html
  cat article.md | newswire convert -t article-json | jq .meta.title
  newswire convert articles/ -t all --out-dir public/";

/// Options of `newswire convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// Article files, directories (every *.md below them) or - for standard input [default: -]
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// Output format: markdown (md), text (txt), html, article-json, or all; several may be given, comma-separated
    #[arg(short = 't', long = "to", value_name = "FORMAT", value_delimiter = ',')]
    pub to: Vec<String>,

    /// Input format: markdown or article-json [default: from the file name, else markdown]
    #[arg(short = 'f', long = "from", value_name = "FORMAT")]
    pub from: Option<String>,

    /// Write to this file instead of standard output (- for standard output)
    #[arg(
        short = 'o',
        long = "output",
        value_name = "FILE",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,

    /// Write one file per input and format into this directory
    #[arg(long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,

    /// Wrap plain text at this column; 0 for no wrapping
    #[arg(long, value_name = "N", default_value_t = 72)]
    pub width: usize,

    /// Write Markdown as plain GFM: a title heading and byline instead of front matter
    #[arg(long)]
    pub gfm: bool,
}
