//! The one error type the library returns.
//!
//! Each kind maps to one exit status in the command-line tool, so the binary
//! never has to inspect messages to decide how a run ended.

use std::{error, fmt, io};

/// An error from reading, converting or writing an article.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

/// What went wrong.
#[derive(Debug)]
#[non_exhaustive]
pub enum ErrorKind {
    /// An input (article, feed or configuration) is not valid: where it is
    /// wrong and what was expected.
    InvalidInput(Diagnostic),
    /// A file of a site that is not an article: a section's list page, a
    /// page without a date, a draft or a future post left out. The place
    /// is the file's, the message says why.
    NotArticle(Diagnostic),
    /// An input could not be opened or read.
    ReadInput {
        /// The input as the user named it.
        path: String,
        /// Why the operating system refused.
        source: io::Error,
    },
    /// An output could not be written; an existing file there is left untouched.
    WriteOutput {
        /// The output as the user named it.
        path: String,
        /// Why the operating system refused.
        source: io::Error,
    },
    /// Options that cannot work together, such as two inputs written to one file.
    InvalidOptions(String),
    /// `check` found problems; they were reported one per line.
    CheckFailed {
        /// How many errors.
        errors: usize,
        /// How many warnings.
        warnings: usize,
    },
}

/// A problem at one place in an input file, reported like a compiler does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The input as the user named it (`-` for standard input).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What was found and what was expected.
    pub message: String,
}

impl Error {
    /// Which kind of failure this is.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// An invalid-article error at a place in a file.
    pub fn invalid_input(
        file: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) -> Error {
        Error::from(ErrorKind::InvalidInput(Diagnostic {
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }))
    }

    /// An input that could not be read.
    pub fn read_input(path: &str, source: io::Error) -> Error {
        Error::from(ErrorKind::ReadInput {
            path: path.to_owned(),
            source,
        })
    }

    /// An output that could not be written.
    pub fn write_output(path: &str, source: io::Error) -> Error {
        Error::from(ErrorKind::WriteOutput {
            path: path.to_owned(),
            source,
        })
    }

    /// Options that do not fit together.
    pub fn invalid_options(message: impl Into<String>) -> Error {
        Error::from(ErrorKind::InvalidOptions(message.into()))
    }

    /// What a writer's failure to write into `output` means: a page
    /// template that failed is an invalid input at its line, which the
    /// writer hands back inside the `io::Error`; anything else, an output
    /// that could not be made.
    pub fn from_output(error: io::Error, output: &str) -> Error {
        error
            .downcast::<Error>()
            .unwrap_or_else(|error| Error::write_output(output, error))
    }

    /// Where in an input the error is, when it is at one place.
    pub fn diagnostic(&self) -> Option<&Diagnostic> {
        match &self.kind {
            ErrorKind::InvalidInput(diagnostic) | ErrorKind::NotArticle(diagnostic) => {
                Some(diagnostic)
            }
            _ => None,
        }
    }

    /// True when the input is a site's file that is not an article, which
    /// runs over a whole site note rather than fail on.
    pub fn is_not_article(&self) -> bool {
        matches!(self.kind, ErrorKind::NotArticle(_))
    }

    /// True when the error is a closed standard output, which a pipeline
    /// such as `newswire ... | head` causes on purpose.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(&self.kind, ErrorKind::WriteOutput { source, .. }
            if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<ErrorKind> for Error {
    fn from(kind: ErrorKind) -> Error {
        Error { kind }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::InvalidInput(diagnostic) => diagnostic.fmt(f),
            ErrorKind::NotArticle(diagnostic) => {
                write!(
                    f,
                    "{}: not an article: {}",
                    diagnostic.file, diagnostic.message
                )
            }
            ErrorKind::ReadInput { path, .. } => write!(f, "cannot read {path}"),
            ErrorKind::WriteOutput { path, .. } => write!(f, "cannot write {path}"),
            ErrorKind::InvalidOptions(message) => f.write_str(message),
            ErrorKind::CheckFailed { errors, warnings } => write!(
                f,
                "check found {errors} error{} and {warnings} warning{}",
                if *errors == 1 { "" } else { "s" },
                if *warnings == 1 { "" } else { "s" }
            ),
        }
    }
}

impl error::Error for Error {
    fn source(&self) -> Option<&(dyn error::Error + 'static)> {
        match &self.kind {
            ErrorKind::ReadInput { source, .. } | ErrorKind::WriteOutput { source, .. } => {
                Some(source)
            }
            ErrorKind::InvalidInput(_)
            | ErrorKind::NotArticle(_)
            | ErrorKind::InvalidOptions(_)
            | ErrorKind::CheckFailed { .. } => None,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_is_send_and_sync() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Error>();
    }

    #[test]
    fn display_is_file_line_column_message() {
        let error = Error::invalid_input("a.md", 3, 7, "missing `title`");
        assert_eq!(error.to_string(), "a.md:3:7: missing `title`");
    }
}
