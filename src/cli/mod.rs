//! Turns parsed flags into library calls and does the I/O: inputs from
//! files, directories or standard input; outputs to standard output or
//! through a temporary file renamed into place.

pub mod args;
mod check;
mod convert;
mod feed;
mod import;
mod input;
mod out_dir;
pub mod output;

use args::{ChannelArgs, Cli, Command};
use newswire::{Channel, Error};
use std::io::{self, IsTerminal};

/// Runs one command and returns every error it met, in order; a run over
/// many inputs goes on past a bad one so that all of them are reported.
pub fn run(cli: Cli) -> Vec<Error> {
    let limit = cli.max_input_mib.saturating_mul(1024 * 1024);
    let quiet = cli.quiet;
    // Zero threads tells rayon to use one per core. Building fails only if
    // a pool already exists, which then does the work instead.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cli.jobs.unwrap_or(0))
        .build_global();
    let result = match cli.command {
        Command::Convert(args) => convert::convert(&args, limit, quiet),
        Command::Feed(args) => feed::feed(&args, limit, quiet),
        Command::Check(args) => check::check(&args, limit),
        Command::Import(args) => import::import(&args, limit, quiet),
    };
    result.err().unwrap_or_default()
}

/// A progress bar on standard error for runs over many inputs, drawn only
/// when standard error is a terminal: never in pipes, logs or with --quiet.
pub(crate) struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Fewer inputs than this finish before a bar would be worth reading.
    const SHOWN_FROM: usize = 100;

    pub(crate) fn new(total: usize, what: &str, quiet: bool) -> Progress {
        let wanted = !quiet && total >= Progress::SHOWN_FROM && io::stderr().is_terminal();
        Progress(wanted.then(|| {
            let style = indicatif::ProgressStyle::with_template(
                "{msg} {wide_bar} {pos}/{len} {per_sec} {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
            indicatif::ProgressBar::new(total as u64)
                .with_style(style)
                .with_message(what.to_owned())
        }))
    }

    pub(crate) fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Starts over for the next stage of the run.
    pub(crate) fn restart(&self, total: usize, what: &str) {
        if let Some(bar) = &self.0 {
            bar.reset();
            bar.set_length(total as u64);
            bar.set_message(what.to_owned());
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

impl ChannelArgs {
    pub(crate) fn channel(&self) -> Channel {
        Channel {
            title: self.title.clone(),
            link: self.link.clone(),
            feed_url: self.feed_url.clone(),
            description: self.description.clone(),
            language: self.language.clone(),
            authors: Vec::new(),
        }
    }
}
