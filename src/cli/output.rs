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
        .map_err(|error| Error::write_output("-", error))
}

/// How temporary files and directories beside outputs begin: hidden, and
/// plainly ours.
pub(crate) const TEMPORARY_PREFIX: &str = ".newswire-";

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
        .map_err(|error| Error::write_output(&path.display().to_string(), error))
}

/// Writes a temporary file beside `path` and renames it into place.
pub(crate) fn write_replacing(path: &Path, write: impl WriteDocument) -> Result<(), Error> {
    let name = path.display().to_string();
    let fail = |error: io::Error| Error::write_output(&name, error);
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary = || {
        let mut builder = tempfile::Builder::new();
        builder.prefix(TEMPORARY_PREFIX);
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
