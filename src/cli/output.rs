//! Where documents go: standard output, or a file written beside its
//! target and renamed into place.

use newswire::{Change, Error};
use std::error::Error as _;
use std::io::{self, Write};
use std::path::Path;

/// One problem on one line: `FILE:LINE:COL: error: what was expected`
/// where it has a place, as compilers print it and editors and CI
/// annotators read it; `newswire: error: …` with its causes where not.
pub fn problem(severity: &str, error: &Error) -> String {
    if let Some(at) = error.diagnostic() {
        return format!(
            "{}:{}:{}: {severity}: {}",
            at.file, at.line, at.column, at.message
        );
    }
    let mut line = format!("newswire: {severity}: {error}");
    let mut source = error.source();
    while let Some(cause) = source {
        line.push_str(": ");
        line.push_str(&cause.to_string());
        source = cause.source();
    }
    line
}

/// Prints what a feed conversion could not carry: one line per field, or
/// with `json` one JSON object per input, which --quiet does not silence
/// since it was asked for.
pub(crate) fn report(file: &str, changes: &[Change], format: &str, quiet: bool) {
    if format == "json" {
        let report = serde_json::json!({ "file": file, "changes": changes });
        eprintln!("{report}");
    } else if !quiet {
        for change in changes {
            eprintln!("newswire: note: {file}: {change}");
        }
    }
}

/// A document already in memory.
pub(crate) fn whole(document: &[u8]) -> impl WriteDocument + '_ {
    move |out: &mut dyn Write| out.write_all(document)
}

/// Something that writes a whole document into an output.
pub(crate) trait WriteDocument: FnOnce(&mut dyn Write) -> io::Result<()> {}
impl<F: FnOnce(&mut dyn Write) -> io::Result<()>> WriteDocument for F {}

pub(crate) fn write_stdout(write: impl WriteDocument) -> Result<(), Error> {
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    write(&mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(|error| Error::from_output(error, "-"))
}

/// How temporary files and directories beside outputs begin: hidden, and
/// plainly ours.
const TEMPORARY_PREFIX: &str = ".newswire-";

/// How this run's temporary files and directories begin: the prefix and
/// the process's id, so that a later run can tell what a killed one left.
pub(crate) fn temporary_prefix() -> String {
    format!("{TEMPORARY_PREFIX}{}-", std::process::id())
}

/// The directory a file is written in.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Removes beside the output `path` what killed runs left there.
pub(crate) fn remove_stale_temporaries_beside(path: &Path) {
    if path.as_os_str() != "-" {
        remove_stale_temporaries(parent_of(path));
    }
}

/// Removes from `dir` the temporary files and directories of runs that
/// are no longer running, as a killed run leaves them: those whose name
/// carries the id of no running process. Only where the system lists its
/// processes (`/proc`); elsewhere, and on any error, nothing is removed.
pub(crate) fn remove_stale_temporaries(dir: &Path) {
    let processes = Path::new("/proc");
    if !processes.join("self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix(TEMPORARY_PREFIX))
            .and_then(|rest| rest.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid == std::process::id() || processes.join(pid.to_string()).exists() {
            continue;
        }
        let path = entry.path();
        let _ = if entry.file_type().is_ok_and(|kind| kind.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
}

/// Writes beside the target and renames into place, so a reader never sees
/// half a file and a failure leaves any earlier file as it was. A device
/// or pipe (`/dev/null`, a FIFO) is written to directly: renaming over it
/// would replace it with a regular file.
pub(crate) fn write_file(path: &Path, write: impl WriteDocument) -> Result<(), Error> {
    if std::fs::metadata(path).is_ok_and(|meta| is_device(&meta.file_type())) {
        write_in_place(path, write)
    } else {
        write_replacing(path, write)
    }
}

/// Neither a regular file nor a directory: a device, pipe or socket.
pub(crate) fn is_device(kind: &std::fs::FileType) -> bool {
    !kind.is_file() && !kind.is_dir()
}

/// Writes straight into `path`, for a device or pipe.
pub(crate) fn write_in_place(path: &Path, write: impl WriteDocument) -> Result<(), Error> {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|special| {
            let mut out = io::BufWriter::new(special);
            write(&mut out)?;
            out.flush()
        })
        .map_err(|error| Error::from_output(error, &path.display().to_string()))
}

/// Writes a temporary file beside `path` and renames it into place.
pub(crate) fn write_replacing(path: &Path, write: impl WriteDocument) -> Result<(), Error> {
    let name = path.display().to_string();
    let fail = |error: io::Error| Error::from_output(error, &name);
    let dir = parent_of(path);
    let temporary = || {
        let mut builder = tempfile::Builder::new();
        let prefix = temporary_prefix();
        builder.prefix(&prefix);
        // As any new file is made, not private to its owner as temporary
        // files are: the output takes the temporary file's mode.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        builder.tempfile_in(dir)
    };
    // A missing directory is made only when needed: a run into one
    // directory writes thousands of files and should not ask each time.
    let mut temporary = match temporary() {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            std::fs::create_dir_all(dir).and_then(|()| temporary())
        }
        made => made,
    }
    .map_err(fail)?;
    let mut out = io::BufWriter::new(temporary.as_file_mut());
    write(&mut out).and_then(|()| out.flush()).map_err(fail)?;
    drop(out);
    temporary.persist(path).map_err(|error| fail(error.error))?;
    Ok(())
}
