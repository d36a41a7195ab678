//! The `newswire` command: parse flags, run, report, exit with the status
//! the command-line spec gives each kind of failure.

mod cli;

use clap::Parser;
use newswire::{Error, ErrorKind};
use std::error::Error as _;
use std::process::ExitCode;

/// Parsing and rendering allocate many small, short-lived strings and
/// nodes; mimalloc serves them from per-thread pages with far fewer
/// instructions than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit statuses from sysexits(3), as the command-line spec lists them.
const EXIT_USAGE: u8 = 2;
const EXIT_DATA: u8 = 65;
const EXIT_NO_INPUT: u8 = 66;
const EXIT_CANNOT_CREATE: u8 = 74;

fn main() -> ExitCode {
    let errors = cli::run(cli::args::Cli::parse());
    let Some(first) = errors.first() else {
        return ExitCode::SUCCESS;
    };
    if first.is_broken_pipe() {
        // The reader went away, as `| head` does: not a failure.
        return ExitCode::SUCCESS;
    }
    for error in &errors {
        eprintln!("newswire: error: {}", describe(error));
    }
    ExitCode::from(exit_status(first))
}

/// The error and its causes on one line.
fn describe(error: &Error) -> String {
    let mut line = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        line.push_str(": ");
        line.push_str(&cause.to_string());
        source = cause.source();
    }
    line
}

fn exit_status(error: &Error) -> u8 {
    match error.kind() {
        ErrorKind::InvalidInput(_) | ErrorKind::CheckFailed { .. } => EXIT_DATA,
        ErrorKind::ReadInput { .. } => EXIT_NO_INPUT,
        ErrorKind::WriteOutput { .. } => EXIT_CANNOT_CREATE,
        ErrorKind::InvalidOptions(_) => EXIT_USAGE,
        _ => EXIT_DATA,
    }
}
