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
use clap::CommandFactory;
use newswire::{Channel, Error, Format};
use output::{whole, write_stdout};
use std::io::{self, IsTerminal};

/// Runs one command and returns every error it met, in order; a run over
/// many inputs goes on past a bad one so that all of them are reported.
pub fn run(cli: Cli) -> Vec<Error> {
    if let Some(which) = &cli.list_formats {
        return write_stdout(whole(list_formats(which).as_bytes()))
            .err()
            .into_iter()
            .collect();
    }
    let Some(command) = cli.command else {
        return vec![Error::invalid_options(
            "no command: give convert, feed, check, import or completions (see newswire --help)",
        )];
    };
    let limit = cli.max_input_mib.saturating_mul(1024 * 1024);
    let quiet = cli.quiet;
    // Without -j, rayon makes its pool of one thread per core when work is
    // first shared out, so a run over one input starts no threads at all.
    // Building fails only if a pool already exists, which then does the
    // work instead.
    if let Some(jobs) = cli.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .build_global();
    }
    let result = match command {
        Command::Convert(args) => convert::convert(&args, limit, quiet),
        Command::Feed(args) => feed::feed(&args, limit, quiet),
        Command::Check(args) => check::check(&args, limit),
        Command::Import(args) => import::import(&args, limit, quiet),
        Command::Completions(args) => completions(args.shell),
    };
    result.err().unwrap_or_default()
}

/// The formats, both ways: a table for people with `all`, the names one
/// per line for scripts with `input` or `output`.
fn list_formats(which: &str) -> String {
    let inputs = Format::ALL.into_iter().filter(|format| format.is_input());
    let outputs = Format::ALL.into_iter();
    let names = |formats: &mut dyn Iterator<Item = Format>| {
        formats
            .map(|format| format!("{format}\n"))
            .collect::<String>()
    };
    match which {
        "input" => names(&mut inputs.clone()) + "feed\n",
        "output" => names(&mut outputs.clone()),
        _ => {
            let row = |format: Format| {
                let name = match format.aliases() {
                    [] => format.name().to_owned(),
                    aliases => format!("{} ({})", format.name(), aliases.join(", ")),
                };
                format!("  {name:<20} {}\n", format.description())
            };
            let mut table = String::from("Input formats (-f):\n");
            table.extend(inputs.map(row));
            table.push_str(&format!(
                "  {:<20} any feed, told apart by its content\n",
                "feed"
            ));
            table.push_str("Output formats (-t):\n");
            table.extend(outputs.map(row));
            table.push_str(&format!(
                "  {:<20} every format above, with --out-dir\n",
                "all"
            ));
            table
        }
    }
}

/// The completion script for `shell`, from the same definition as the
/// flags themselves.
fn completions(shell: clap_complete::Shell) -> Result<(), Vec<Error>> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "newswire", &mut script);
    write_stdout(whole(&script)).map_err(|error| vec![error])
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
            rights: self.rights.clone(),
            icon: self.icon.clone(),
            logo: self.logo.clone(),
            hubs: self.hubs.clone(),
            lossless: self.lossless,
            authors: Vec::new(),
            ..Channel::default()
        }
    }
}
