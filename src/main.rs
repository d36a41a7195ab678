//! The `newswire` command: parse flags, run, report, exit with the status
//! the command-line spec gives each kind of failure.

mod cli;

use clap::Parser;
use newswire::{Error, ErrorKind};
use std::process::ExitCode;

/// Parsing and rendering allocate many small, short-lived strings and
/// nodes; mimalloc serves them from per-thread pages with far fewer
/// instructions than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's first arena is 1 GiB, whose bitmaps take some forty pages to
/// set up: a sixth of the page faults of converting one article. A run
/// that needs more than this small first arena gets the usual one next.
#[cfg(target_os = "linux")]
#[used]
#[unsafe(link_section = ".init_array")]
static RESERVE_FIRST_ARENA: extern "C" fn() = reserve_first_arena;

#[cfg(target_os = "linux")]
extern "C" fn reserve_first_arena() {
    const FIRST_ARENA: usize = 32 << 20;
    let mut arena = std::ptr::null_mut();
    // SAFETY: called once, before the first allocation, with a valid
    // out-pointer; a failure only leaves the default arena to be made.
    unsafe {
        libmimalloc_sys::mi_reserve_os_memory_ex(FIRST_ARENA, false, false, false, &mut arena)
    };
}

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
        eprintln!("{}", cli::output::problem("error", error));
    }
    ExitCode::from(exit_status(first))
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
