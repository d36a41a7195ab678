//! Where articles come from: files, directories below them, or standard
//! input, read whole up to a limit; and what format each is in.

use super::args::SiteArgs;
use newswire::read::feed::FeedKind;
use newswire::read::site::{Page, Rules, Site};
use newswire::{Diagnostic, Error, Format};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// An input as found: where it is below the directory it was found in
/// (its file name when given itself), and the site it belongs to.
#[derive(Debug, Clone)]
pub(crate) struct Located {
    pub input: Input,
    /// The path to mirror under --out-dir.
    pub relative: PathBuf,
    /// The site whose rules read it.
    pub site: Option<Arc<Site>>,
    /// Whether it was named on the command line rather than found below a
    /// directory that was.
    pub named: bool,
}

impl Located {
    /// The page to read the input as, when it belongs to a site.
    pub(crate) fn page(&self, rules: Rules) -> Option<Page<'_>> {
        match (&self.site, &self.input) {
            (Some(site), Input::File(path)) => Some(site.page(path, rules)),
            _ => None,
        }
    }
}

/// Which site rules apply: the one --site names, none with --no-site,
/// else the one each input is found in.
pub(crate) struct Sites {
    pub chosen: Option<Arc<Site>>,
    pub detect: bool,
    /// A base URL that replaces the configuration's, from --link.
    pub base_url: Option<String>,
}

impl Sites {
    pub(crate) fn new(args: &SiteArgs, base_url: Option<&str>) -> Result<Sites, Error> {
        let chosen = match &args.site {
            Some(dir) => Some(Arc::new(with_base(Site::open(dir)?, base_url))),
            None => None,
        };
        Ok(Sites {
            chosen,
            detect: !args.no_site,
            base_url: base_url.map(str::to_owned),
        })
    }

    fn of(&self, path: &Path, found: &mut Vec<Arc<Site>>) -> Result<Option<Arc<Site>>, Error> {
        if self.chosen.is_some() || !self.detect {
            return Ok(self.chosen.clone());
        }
        let Some(site) = Site::detect(path)? else {
            return Ok(None);
        };
        if let Some(known) = found.iter().find(|known| known.root() == site.root()) {
            return Ok(Some(known.clone()));
        }
        let site = Arc::new(with_base(site, self.base_url.as_deref()));
        found.push(site.clone());
        Ok(Some(site))
    }
}

fn with_base(mut site: Site, base_url: Option<&str>) -> Site {
    if let Some(base_url) = base_url {
        site.set_base_url(base_url);
    }
    site
}

/// Files as given, directories as every Markdown file below them in name
/// order, `-` (or nothing) as standard input. A site's directory is its
/// content, without the directories its generator does not read. A
/// Markdown file or a directory below that cannot be reached (a dangling
/// link, a directory that cannot be listed) stays an input, so that
/// reading it reports it in its place and the rest are still worked on.
pub(crate) fn expand_inputs(given: &[PathBuf], sites: &Sites) -> Result<Vec<Located>, Error> {
    let stdin = || Located {
        input: Input::Stdin,
        relative: PathBuf::new(),
        site: None,
        named: true,
    };
    if given.is_empty() {
        return Ok(vec![stdin()]);
    }
    let mut found_sites = Vec::new();
    let mut inputs = Vec::new();
    for path in given {
        if path.as_os_str() == "-" {
            inputs.push(stdin());
            continue;
        }
        let site = sites.of(path, &mut found_sites)?;
        let located = |file: PathBuf, root: &Path| Located {
            relative: file
                .strip_prefix(root)
                .map(Path::to_owned)
                .unwrap_or_else(|_| PathBuf::from(file.file_name().unwrap_or_default())),
            input: Input::File(file),
            site: site.clone(),
            named: false,
        };
        if !path.is_dir() {
            let parent = path.parent().unwrap_or(Path::new(""));
            inputs.push(Located {
                named: true,
                ..located(path.clone(), parent)
            });
            continue;
        }
        let root = match &site {
            Some(site) => site.content_root_for(path),
            None => path.clone(),
        };
        let walk = walkdir::WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| {
                entry.depth() == 0
                    || site.as_ref().is_none_or(|site| {
                        !site.is_excluded(entry.path(), entry.file_type().is_dir())
                    })
            });
        for entry in walk {
            let entry = match entry {
                Ok(entry) => entry,
                Err(error) => {
                    let broken = error.path().unwrap_or(path);
                    if broken.is_dir() || Format::from_path(broken) == Some(Format::Markdown) {
                        inputs.push(located(broken.to_owned(), &root));
                    }
                    continue;
                }
            };
            if entry.file_type().is_file()
                && Format::from_path(entry.path()) == Some(Format::Markdown)
            {
                inputs.push(located(entry.into_path(), &root));
            }
        }
    }
    Ok(inputs)
}

/// What a run over a site left out as not articles, said once at the end
/// rather than once per file.
#[derive(Debug, Default)]
pub(crate) struct LeftOut {
    reasons: std::collections::BTreeMap<String, usize>,
    count: usize,
}

impl LeftOut {
    /// Counts `error` when it is a file that is not an article.
    pub(crate) fn take(&mut self, error: &Error) -> bool {
        let Some(at) = error.diagnostic().filter(|_| error.is_not_article()) else {
            return false;
        };
        let reason = at
            .message
            .split(':')
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned();
        *self.reasons.entry(reason).or_default() += 1;
        self.count += 1;
        true
    }

    pub(crate) fn count(&self) -> usize {
        self.count
    }

    /// One note on standard error, unless quiet or nothing was left out.
    pub(crate) fn report(&self, quiet: bool) {
        if quiet || self.count == 0 {
            return;
        }
        let reasons: Vec<String> = self
            .reasons
            .iter()
            .map(|(reason, count)| format!("{reason} ({count})"))
            .collect();
        eprintln!(
            "newswire: note: {} {}, left out: {}; newswire check lists each",
            self.count,
            if self.count == 1 {
                "file is not an article"
            } else {
                "files are not articles"
            },
            reasons.join(", ")
        );
    }
}

/// Prints a page's warnings, unless quiet.
pub(crate) fn print_warnings(warnings: &[Diagnostic], quiet: bool) {
    if quiet {
        return;
    }
    for at in warnings {
        eprintln!(
            "{}:{}:{}: warning: {}",
            at.file, at.line, at.column, at.message
        );
    }
}
