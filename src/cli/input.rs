//! Where articles come from: files, directories below them, or standard
//! input, read whole up to a limit; and what format each is in.

use newswire::read::feed::FeedKind;
use newswire::{Error, Format};
use std::io::{self, Read};
use std::path::PathBuf;

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The format its name suggests, markdown otherwise.
    pub(crate) fn format(&self) -> Format {
        match self {
            Input::File(path) => Format::from_path(path)
                .filter(|format| format.is_readable())
                .unwrap_or(Format::Markdown),
            Input::Stdin => Format::Markdown,
        }
    }

    pub(crate) fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The whole input, refused past `limit` bytes so that a runaway
    /// input cannot exhaust memory.
    pub(crate) fn read(&self, limit: u64) -> Result<Vec<u8>, Error> {
        let mut bytes = Vec::new();
        let taken = limit.saturating_add(1);
        match self {
            Input::Stdin => io::stdin().lock().take(taken).read_to_end(&mut bytes),
            Input::File(path) => std::fs::File::open(path).and_then(|file| {
                // Room for the whole file up front: one read instead of
                // a run of growing ones.
                let size = file.metadata().map_or(0, |meta| meta.len());
                bytes.reserve_exact(usize::try_from(size.min(taken)).unwrap_or(0) + 1);
                file.take(taken).read_to_end(&mut bytes)
            }),
        }
        .map_err(|error| Error::read_input(&self.name(), error))?;
        if bytes.len() as u64 > limit {
            return Err(Error::invalid_input(
                &self.name(),
                1,
                1,
                format!(
                    "the input is larger than the limit of {} MiB: raise it with --max-input-mib",
                    limit / (1024 * 1024)
                ),
            ));
        }
        Ok(bytes)
    }

    /// The whole input as UTF-8 text, for `what` (a configuration, a
    /// template) in errors.
    pub(crate) fn read_text(&self, limit: u64, what: &str) -> Result<String, Error> {
        String::from_utf8(self.read(limit)?).map_err(|error| {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
            Error::invalid_input(
                &self.name(),
                line,
                1,
                format!("invalid UTF-8: {what} must be UTF-8 text"),
            )
        })
    }
}

/// What `-f` names: an article format, or a feed (of one kind, or any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    Article(Format),
    Feed(Option<FeedKind>),
}

impl Source {
    /// What `bytes` are when `-f` did not say: a feed when the content is
    /// one, else the format the file name suggests.
    pub(crate) fn of(given: Option<Source>, input: &Input, bytes: &[u8]) -> Source {
        given.unwrap_or_else(|| match newswire::read::feed::detect_bytes(bytes) {
            Some(kind) => Source::Feed(Some(kind)),
            None => Source::Article(input.format()),
        })
    }
}

/// The input format `-f` names, if it names one.
pub(crate) fn input_format(name: Option<&str>) -> Result<Option<Source>, Error> {
    name.map(|name| {
        if name.trim().eq_ignore_ascii_case("feed") {
            return Ok(Source::Feed(None));
        }
        match Format::parse(name) {
            Some(format) if format.is_readable() => Ok(Source::Article(format)),
            Some(Format::Rss) => Ok(Source::Feed(Some(FeedKind::Rss))),
            Some(Format::Atom) => Ok(Source::Feed(Some(FeedKind::Atom))),
            Some(Format::JsonFeed) => Ok(Source::Feed(Some(FeedKind::JsonFeed))),
            _ => Err(Error::invalid_options(format!(
                "unknown input format {name:?}: expected markdown, article-json, feed, rss, atom or jsonfeed"
            ))),
        }
    })
    .transpose()
}

/// Files as given, directories as every Markdown file below them in name
/// order, `-` (or nothing) as standard input. A Markdown file or a
/// directory below that cannot be reached (a dangling link, a directory
/// that cannot be listed) stays an input, so that reading it reports it
/// in its place and the rest are still worked on.
pub(crate) fn expand_inputs(given: &[PathBuf]) -> Vec<Input> {
    if given.is_empty() {
        return vec![Input::Stdin];
    }
    let mut inputs = Vec::new();
    for path in given {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            for entry in walkdir::WalkDir::new(path)
                .follow_links(true)
                .sort_by_file_name()
            {
                let entry = match entry {
                    Ok(entry) => entry,
                    Err(error) => {
                        let broken = error.path().unwrap_or(path);
                        if broken.is_dir() || Format::from_path(broken) == Some(Format::Markdown) {
                            inputs.push(Input::File(broken.to_owned()));
                        }
                        continue;
                    }
                };
                if entry.file_type().is_file()
                    && Format::from_path(entry.path()) == Some(Format::Markdown)
                {
                    inputs.push(Input::File(entry.into_path()));
                }
            }
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    inputs
}
