//! Turns parsed flags into library calls and does the I/O: inputs from
//! files, directories or standard input; outputs to standard output or
//! through a temporary file renamed into place.

pub mod args;
mod out_dir;

use args::{ChannelArgs, CheckArgs, Cli, Command, ConvertArgs, FeedArgs, ImportArgs};
use newswire::check::{Finding, Severity};
use newswire::read::feed::FeedKind;
use newswire::{
    Article, Change, Channel, Error, Feed, FeedEntry, Format, Meta, Spool, WriteOptions,
};
use out_dir::OutDir;
use rayon::prelude::*;
use std::collections::HashMap;
use std::collections::HashSet;
use std::io::{self, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

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
        Command::Convert(args) => convert(&args, limit, quiet),
        Command::Feed(args) => feed(&args, limit, quiet),
        Command::Check(args) => check(&args, limit),
        Command::Import(args) => import(&args, limit, quiet),
    };
    result.err().unwrap_or_default()
}

/// A progress bar on standard error for runs over many inputs, drawn only
/// when standard error is a terminal: never in pipes, logs or with --quiet.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    /// Fewer inputs than this finish before a bar would be worth reading.
    const SHOWN_FROM: usize = 100;

    fn new(total: usize, what: &str, quiet: bool) -> Progress {
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

    fn advance(&self) {
        if let Some(bar) = &self.0 {
            bar.inc(1);
        }
    }

    /// Starts over for the next stage of the run.
    fn restart(&self, total: usize, what: &str) {
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
    fn channel(&self) -> Channel {
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

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Input {
    Stdin,
    File(PathBuf),
}

impl Input {
    /// The format its name suggests, markdown otherwise.
    fn format(&self) -> Format {
        match self {
            Input::File(path) => Format::from_path(path)
                .filter(|format| format.is_readable())
                .unwrap_or(Format::Markdown),
            Input::Stdin => Format::Markdown,
        }
    }

    fn name(&self) -> String {
        match self {
            Input::Stdin => "-".to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The whole input, refused past `limit` bytes so that a runaway
    /// input cannot exhaust memory.
    fn read(&self, limit: u64) -> Result<Vec<u8>, Error> {
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
}

fn convert(args: &ConvertArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
    let plan = plan(args, limit, quiet).map_err(|error| vec![error])?;
    let mut errors = plan.run(args);
    if let Some(out_dir) = plan.out_dir {
        errors.extend(out_dir.finish());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What `-f` names: an article format, or a feed (of one kind, or any).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Article(Format),
    Feed(Option<FeedKind>),
}

impl Source {
    /// What `bytes` are when `-f` did not say: a feed when the content is
    /// one, else the format the file name suggests.
    fn of(given: Option<Source>, input: &Input, bytes: &[u8]) -> Source {
        given.unwrap_or_else(|| {
            match std::str::from_utf8(bytes)
                .ok()
                .and_then(newswire::read::feed::detect)
            {
                Some(kind) => Source::Feed(Some(kind)),
                None => Source::Article(input.format()),
            }
        })
    }
}

/// What a `convert` run will read and write, settled before anything is.
struct Plan {
    inputs: Vec<Input>,
    formats: Vec<Format>,
    from: Option<Source>,
    options: WriteOptions,
    /// The largest input accepted, in bytes.
    limit: u64,
    /// Whether notes are left out.
    quiet: bool,
    /// Where outputs go when they go into a directory.
    out_dir: Option<OutDir>,
}

fn plan(args: &ConvertArgs, limit: u64, quiet: bool) -> Result<Plan, Error> {
    let formats = output_formats(args)?;
    let from = input_format(args.from.as_deref())?;
    let inputs = expand_inputs(&args.inputs)?;
    if args.out_dir.is_none() && (inputs.len() != 1 || formats.len() != 1) {
        return Err(Error::invalid_options(format!(
            "{} inputs and {} formats need --out-dir to name where each output goes",
            inputs.len(),
            formats.len()
        )));
    }
    if let Some(dir) = &args.out_dir {
        check_output_names(dir, &inputs, &formats)?;
    }
    let channel = args.channel.channel();
    channel.validate("the command line")?;
    let out_dir = args.out_dir.as_deref().map(OutDir::open).transpose()?;
    Ok(Plan {
        inputs,
        formats,
        from,
        options: WriteOptions {
            width: args.width,
            plain_markdown: args.gfm,
            channel,
        },
        limit,
        quiet,
        out_dir,
    })
}

/// The input format `-f` names, if it names one.
fn input_format(name: Option<&str>) -> Result<Option<Source>, Error> {
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

fn output_formats(args: &ConvertArgs) -> Result<Vec<Format>, Error> {
    if args.to.is_empty() {
        // `-o page.html` says enough on its own.
        return args
            .output
            .as_deref()
            .and_then(Format::from_path)
            .map(|format| vec![format])
            .ok_or_else(|| {
                Error::invalid_options(format!(
                    "no output format: give -t FORMAT, one of {}, or all",
                    Format::names_for_help()
                ))
            });
    }
    let mut formats = Vec::new();
    for name in &args.to {
        let found = if name.trim().eq_ignore_ascii_case("all") {
            Format::ALL.to_vec()
        } else {
            vec![Format::parse(name).ok_or_else(|| {
                Error::invalid_options(format!(
                    "unknown output format {name:?}: expected one of {}, or all",
                    Format::names_for_help()
                ))
            })?]
        };
        for format in found {
            if !formats.contains(&format) {
                formats.push(format);
            }
        }
    }
    Ok(formats)
}

/// Files as given, directories as every Markdown file below them in name
/// order, `-` (or nothing) as standard input.
fn expand_inputs(given: &[PathBuf]) -> Result<Vec<Input>, Error> {
    if given.is_empty() {
        return Ok(vec![Input::Stdin]);
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
                let entry = entry.map_err(|error| {
                    let name = error.path().unwrap_or(path).display().to_string();
                    Error::read_input(&name, io::Error::other(error.to_string()))
                })?;
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
    Ok(inputs)
}

impl Plan {
    /// Converts every input. Into a directory, inputs are shared among the
    /// threads, each read, converted, written and dropped before the next,
    /// so memory does not grow with their number; errors come back in
    /// input order.
    fn run(&self, args: &ConvertArgs) -> Vec<Error> {
        let progress = Progress::new(self.inputs.len(), "converting", self.quiet);
        let convert = |input: &Input| {
            let result = self.convert_one(input, args).err();
            progress.advance();
            result
        };
        let results: Vec<Option<Error>> = match self.out_dir {
            Some(_) => self.inputs.par_iter().map(convert).collect(),
            // Standard output and one file keep strict input order.
            None => self.inputs.iter().map(convert).collect(),
        };
        results.into_iter().flatten().collect()
    }

    fn convert_one(&self, input: &Input, args: &ConvertArgs) -> Result<(), Error> {
        let bytes = input.read(self.limit)?;
        let from = match Source::of(self.from, input, &bytes) {
            Source::Article(format) => format,
            Source::Feed(kind) => return self.convert_feed(input, &bytes, kind, args),
        };
        // RSS 2.0 requires a channel link; a one-item feed takes the article's.
        let has_link = |article: &Article| {
            if self.formats.contains(&Format::Rss)
                && article.meta.url.is_none()
                && self.options.channel.link.is_none()
            {
                return Err(Error::invalid_options(format!(
                    "rss needs a channel link and {} has no `url`: give --link URL",
                    input.name()
                )));
            }
            Ok(())
        };
        newswire::convert_each(
            &bytes,
            from,
            &input.name(),
            &self.formats,
            &self.options,
            has_link,
            |format, document| self.put(input, format, document, args),
        )
    }

    /// Writes one output where the flags say.
    fn put(
        &self,
        input: &Input,
        format: Format,
        document: &[u8],
        args: &ConvertArgs,
    ) -> Result<(), Error> {
        match (&self.out_dir, &args.output) {
            (Some(out_dir), _) => {
                out_dir.write(&output_path(out_dir.path(), input, format)?, document)
            }
            (None, Some(path)) if path.as_os_str() != "-" => write_file(path, whole(document)),
            _ => write_stdout(whole(document)),
        }
    }

    /// A whole feed to other feed formats, or its one item to an article
    /// format, with what the conversion could not carry on standard error.
    fn convert_feed(
        &self,
        input: &Input,
        bytes: &[u8],
        expected: Option<FeedKind>,
        args: &ConvertArgs,
    ) -> Result<(), Error> {
        let name = input.name();
        let imported = newswire::read_feed(bytes, &name)?;
        if let Some(expected) = expected
            && expected != imported.kind
        {
            return Err(Error::invalid_input(
                &name,
                1,
                1,
                format!(
                    "expected a {} feed, found {}: give -f feed to take any",
                    expected.name(),
                    imported.kind.name()
                ),
            ));
        }
        let mut changes = imported.changes;
        let mut feed = imported.feed;
        feed.channel = feed.channel.overridden_by(self.options.channel.clone());
        for &format in &self.formats {
            let mut document = Vec::new();
            if format.is_feed() {
                if format == Format::Rss && feed.channel.link.is_none() {
                    let link = feed.channel.feed_url.clone().or_else(|| {
                        feed.articles.iter().find_map(|article| article.meta.url.clone())
                    });
                    let Some(link) = link else {
                        return Err(Error::invalid_options(format!(
                            "rss needs a channel link and {name} has none: give --link URL"
                        )));
                    };
                    changes.push(Change::changed(
                        None,
                        "link",
                        format!("the feed has no site link; RSS requires one: {link} is used"),
                    ));
                    feed.channel.link = Some(link);
                }
                for article in &feed.articles {
                    changes.extend(newswire::fidelity::unheld(format, article));
                }
                newswire::write_feed(format, &feed, &mut document)
            } else {
                let [article] = feed.articles.as_slice() else {
                    return Err(Error::invalid_options(format!(
                        "{name} has {} items and {format} holds one article: use newswire import {name} --out-dir DIR",
                        feed.articles.len()
                    )));
                };
                newswire::write(format, article, &self.options, &mut document)
            }
            .map_err(|error| Error::write_output("-", error))?;
            self.put(input, format, &document, args)?;
        }
        report(&name, &changes, &args.report, self.quiet);
        Ok(())
    }
}

/// Prints what a feed conversion could not carry: one line per field, or
/// with `json` one JSON object per input, which --quiet does not silence
/// since it was asked for.
fn report(file: &str, changes: &[Change], format: &str, quiet: bool) {
    if format == "json" {
        let report = serde_json::json!({ "file": file, "changes": changes });
        eprintln!("{report}");
    } else if !quiet {
        for change in changes {
            eprintln!("newswire: note: {file}: {change}");
        }
    }
}

/// Writes each item of a feed as a canonical article, or the one item of a
/// one-item feed to standard output. Every name is settled, and checked
/// against existing files, before anything is written.
fn import(args: &ImportArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
    let input = if args.feed.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(args.feed.clone())
    };
    let name = input.name();
    let bytes = input.read(limit).map_err(|error| vec![error])?;
    let imported = newswire::read_feed(&bytes, &name).map_err(|error| vec![error])?;
    let articles = &imported.feed.articles;
    let options = WriteOptions::default();
    let markdown = |article: &Article| {
        newswire::write_to_string(Format::Markdown, article, &options).into_bytes()
    };
    match &args.out_dir {
        None => {
            let article = match articles.as_slice() {
                [article] => article,
                [] => {
                    return Err(vec![Error::invalid_input(
                        &name,
                        1,
                        1,
                        "the feed has no items: expected at least one to import",
                    )]);
                }
                _ => {
                    return Err(vec![Error::invalid_options(format!(
                        "{name} has {} items: give --out-dir DIR to write one article per item",
                        articles.len()
                    ))]);
                }
            };
            write_stdout(whole(&markdown(article))).map_err(|error| vec![error])?;
        }
        Some(dir) => {
            let paths = import_paths(dir, articles);
            if !args.force
                && let Some(existing) = paths.iter().find(|path| path.exists())
            {
                return Err(vec![Error::write_output(
                    &existing.display().to_string(),
                    io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        "already exists: give --force to replace it",
                    ),
                )]);
            }
            let errors: Vec<Error> = articles
                .iter()
                .zip(&paths)
                .filter_map(|(article, path)| write_file(path, whole(&markdown(article))).err())
                .collect();
            if !errors.is_empty() {
                return Err(errors);
            }
        }
    }
    report(&name, &imported.changes, &args.report, quiet);
    Ok(())
}

/// `DIR/<slug of the title>.md`, numbered when two items share a title.
/// A slug has only letters, digits and dashes, so no item can name a file
/// outside DIR.
fn import_paths(dir: &Path, articles: &[Article]) -> Vec<PathBuf> {
    const LONGEST: usize = 80;
    let mut taken = HashSet::new();
    articles
        .iter()
        .enumerate()
        .map(|(index, article)| {
            let mut stem: String = [&article.meta.title, &article.meta.id]
                .into_iter()
                .map(slug::slugify)
                .find(|slug| !slug.is_empty())
                .unwrap_or_else(|| format!("item-{}", index + 1));
            if stem.len() > LONGEST {
                let cut = stem[..LONGEST].rfind('-').unwrap_or(LONGEST);
                stem.truncate(cut);
            }
            let mut candidate = stem.clone();
            let mut number = 1;
            while !taken.insert(candidate.clone()) {
                number += 1;
                candidate = format!("{stem}-{number}");
            }
            dir.join(format!("{candidate}.md"))
        })
        .collect()
}

/// Refuses a run in which two inputs would be written to the same file,
/// before anything is written. No format's suffix ends another's, so two
/// outputs share a name exactly when their inputs share a stem: one name
/// per input is held, not one per output.
fn check_output_names(dir: &Path, inputs: &[Input], formats: &[Format]) -> Result<(), Error> {
    let Some(&format) = formats.first() else {
        return Ok(());
    };
    let mut seen = HashSet::new();
    for input in inputs {
        if !seen.insert(output_stem(input)?) {
            return Err(Error::invalid_options(format!(
                "two inputs would both be written to {}; rename one",
                output_path(dir, input, format)?.display()
            )));
        }
    }
    Ok(())
}

/// `DIR/<input stem><format suffix>`; the stem is the input's file name
/// only, so no input name can place an output outside DIR.
fn output_path(dir: &Path, input: &Input, format: Format) -> Result<PathBuf, Error> {
    Ok(dir.join(format!("{}{}", output_stem(input)?, format.file_suffix())))
}

/// The input's file name without its format's suffix.
fn output_stem(input: &Input) -> Result<String, Error> {
    let Input::File(path) = input else {
        return Err(Error::invalid_options(
            "standard input has no name to write under --out-dir: use -o FILE",
        ));
    };
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".article.json")
        .or_else(|| {
            Path::new(name.as_ref())
                .file_stem()
                .and_then(|stem| stem.to_str())
        })
        .unwrap_or("article");
    Ok(stem.to_owned())
}

/// Checks every input and prints the findings; the run fails on errors,
/// on warnings with --strict, and on inputs that cannot be read.
fn check(args: &CheckArgs, limit: u64) -> Result<(), Vec<Error>> {
    let from = input_format(args.from.as_deref()).map_err(|error| vec![error])?;
    let inputs = expand_inputs(&args.inputs).map_err(|error| vec![error])?;
    let now = chrono::Utc::now();
    let mut findings: Vec<Finding> = Vec::new();
    let mut unreadable = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::new();
    for input in &inputs {
        let bytes = match input.read(limit) {
            Ok(bytes) => bytes,
            Err(error) => {
                unreadable.push(error);
                continue;
            }
        };
        let name = input.name();
        let (article, found) = match Source::of(from, input, &bytes) {
            Source::Article(format) => newswire::check::check(&bytes, format, &name, now),
            Source::Feed(_) => (None, newswire::check::check_feed(&bytes, &name)),
        };
        findings.extend(found);
        if let Some(article) = article
            && let Some(first) = ids.insert(article.meta.id.clone(), name.clone())
        {
            findings.push(Finding {
                severity: if args.feed {
                    Severity::Error
                } else {
                    Severity::Warning
                },
                file: name,
                line: 1,
                column: 1,
                message: format!("id {:?} is also the id of {first}", article.meta.id),
            });
        }
    }
    let report = if args.format == "json" {
        let mut json = serde_json::to_string_pretty(&findings).unwrap_or_default();
        json.push('\n');
        json
    } else {
        findings
            .iter()
            .map(|finding| format!("{finding}\n"))
            .collect()
    };
    write_stdout(whole(report.as_bytes())).map_err(|error| vec![error])?;
    if !unreadable.is_empty() {
        return Err(unreadable);
    }
    let errors = findings
        .iter()
        .filter(|finding| finding.severity == Severity::Error)
        .count();
    let warnings = findings.len() - errors;
    if errors > 0 || (args.strict && warnings > 0) {
        return Err(vec![Error::from(newswire::ErrorKind::CheckFailed {
            errors,
            warnings,
        })]);
    }
    Ok(())
}

/// An input chosen for a feed by its metadata, before its body is read.
struct Candidate<'a> {
    input: &'a Input,
    meta: Meta,
    /// Standard input cannot be read twice, so its bytes are kept.
    bytes: Option<Vec<u8>>,
    /// The entry, when the input was read whole at once.
    entry: Option<FeedEntry>,
}

impl Candidate<'_> {
    /// The input read whole and made into its feed entry, with the article
    /// dropped but for its metadata: the feed holds what it will write.
    fn read_whole(
        input: &Input,
        bytes: &[u8],
        format: Format,
        spool: &Spool,
    ) -> Result<(Meta, FeedEntry), Error> {
        let (article, entry) = FeedEntry::read(format, bytes, input.format(), &input.name())?;
        Ok((article.meta, entry.kept_in(spool)))
    }

    fn into_entry(
        self,
        format: Format,
        limit: u64,
        spool: &Spool,
    ) -> Result<(Meta, FeedEntry), Error> {
        if let Some(entry) = self.entry {
            return Ok((self.meta, entry));
        }
        let bytes = match self.bytes {
            Some(bytes) => bytes,
            None => self.input.read(limit)?,
        };
        Candidate::read_whole(self.input, &bytes, format, spool)
    }
}

/// How many bytes of written entries a feed holds in memory; the rest wait
/// in a temporary file until the feed is ordered and written.
const FEED_MEMORY: usize = 16 << 20;

/// Builds one feed. When --limit leaves articles out, every input's
/// metadata is read first to leave out drafts, find shared ids and order
/// the items, and only the kept articles are then read whole; otherwise
/// each is read whole once. With an invalid article (unless skipped)
/// nothing is written.
fn feed(args: &FeedArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
    let format = Format::parse(&args.to)
        .filter(|format| format.is_feed())
        .ok_or_else(|| {
            vec![Error::invalid_options(format!(
                "unknown feed format {:?}: expected rss, atom or jsonfeed",
                args.to
            ))]
        })?;
    let channel = feed_channel(args, limit).map_err(|error| vec![error])?;
    let inputs = expand_inputs(&args.inputs).map_err(|error| vec![error])?;
    let whole = args.limit.is_none_or(|kept| kept >= inputs.len());
    let progress = Progress::new(inputs.len(), "reading", quiet);
    let spool = Spool::new(FEED_MEMORY);
    let heads: Vec<Result<Candidate, Error>> = inputs
        .par_iter()
        .map(|input| {
            let head = input.read(limit).and_then(|bytes| {
                if whole {
                    let (meta, entry) = Candidate::read_whole(input, &bytes, format, &spool)?;
                    return Ok(Candidate {
                        input,
                        meta,
                        bytes: None,
                        entry: Some(entry),
                    });
                }
                let meta = newswire::read_meta(&bytes, input.format(), &input.name())?;
                let bytes = (*input == Input::Stdin).then_some(bytes);
                Ok(Candidate {
                    input,
                    meta,
                    bytes,
                    entry: None,
                })
            });
            progress.advance();
            head
        })
        .collect();
    let warn = |error: &Error| {
        if !quiet {
            eprintln!("newswire: warning: {error} (left out)");
        }
    };
    let mut errors = Vec::new();
    let mut candidates = Vec::new();
    let mut sources: HashMap<String, String> = HashMap::new();
    for head in heads {
        match head {
            Ok(candidate) if candidate.meta.draft && !args.include_drafts => {}
            Ok(candidate) => {
                let name = candidate.input.name();
                if let Some(first) = sources.insert(candidate.meta.id.clone(), name.clone()) {
                    errors.push(Error::invalid_input(
                        &name,
                        1,
                        1,
                        format!(
                            "id {:?} is also the id of {first}: every item of a feed needs its own",
                            candidate.meta.id
                        ),
                    ));
                } else {
                    candidates.push(candidate);
                }
            }
            Err(error) if args.skip_invalid => warn(&error),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    candidates.sort_by(|a, b| Feed::order(&a.meta, &b.meta));
    let wanted = args.limit.unwrap_or(usize::MAX).min(candidates.len());
    if !whole {
        progress.restart(wanted, "rendering");
    }
    // An article left out as invalid makes room for the next newest.
    let mut kept = Vec::with_capacity(wanted);
    let mut rest = candidates.into_iter();
    while kept.len() < wanted {
        let batch: Vec<Candidate> = rest.by_ref().take(wanted - kept.len()).collect();
        if batch.is_empty() {
            break;
        }
        let made: Vec<Result<_, Error>> = batch
            .into_par_iter()
            .map(|candidate| {
                let fresh = candidate.entry.is_none();
                let made = candidate.into_entry(format, limit, &spool);
                if fresh {
                    progress.advance();
                }
                made
            })
            .collect();
        for made in made {
            match made {
                Ok(pair) => kept.push(pair),
                Err(error) if args.skip_invalid => warn(&error),
                Err(error) => errors.push(error),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    // Ordered by the metadata read whole, which the feed orders by too.
    kept.sort_by(|(a, _), (b, _)| Feed::order(a, b));
    let (metas, entries): (Vec<Meta>, Vec<FeedEntry>) = kept.into_iter().unzip();
    // The feed needs only each article's metadata: its entry is written.
    let headings = metas
        .into_iter()
        .map(|meta| Article {
            meta,
            body: Vec::new(),
            discussion: None,
        })
        .collect();
    let feed = Feed::new(channel, headings);
    // Streamed straight into the output: a feed is mostly its content.
    let write = |out: &mut dyn Write| newswire::write_feed_entries(format, &feed, entries, out);
    let written = match &args.output {
        Some(path) if path.as_os_str() != "-" => write_file(path, write),
        _ => write_stdout(write),
    };
    drop(progress);
    written.map_err(|error| vec![error])
}

/// The configuration file's channel with the flags' fields on top; a feed
/// of many articles needs a title and a link of its own.
fn feed_channel(args: &FeedArgs, limit: u64) -> Result<Channel, Error> {
    let from_file = match &args.config {
        Some(path) => {
            let name = path.display().to_string();
            let bytes = Input::File(path.clone()).read(limit)?;
            let text = String::from_utf8(bytes).map_err(|_| {
                Error::invalid_input(
                    &name,
                    1,
                    1,
                    "invalid UTF-8: a feed configuration must be UTF-8 text",
                )
            })?;
            let channel = Channel::from_config(&text, &name)?;
            channel.validate(&name)?;
            channel
        }
        None => Channel::default(),
    };
    let flags = args.channel.channel();
    flags.validate("the command line")?;
    let channel = from_file.overridden_by(flags);
    if channel.title.is_none() || channel.link.is_none() {
        return Err(Error::invalid_options(
            "a feed needs a title and a link: give --title and --link, or title and link in --config",
        ));
    }
    Ok(channel)
}

/// A document already in memory.
fn whole(document: &[u8]) -> impl WriteDocument + '_ {
    move |out: &mut dyn Write| out.write_all(document)
}

/// Something that writes a whole document into an output.
trait WriteDocument: FnOnce(&mut dyn Write) -> io::Result<()> {}
impl<F: FnOnce(&mut dyn Write) -> io::Result<()>> WriteDocument for F {}

fn write_stdout(write: impl WriteDocument) -> Result<(), Error> {
    let mut stdout = io::BufWriter::new(io::stdout().lock());
    write(&mut stdout)
        .and_then(|()| stdout.flush())
        .map_err(|error| Error::write_output("-", error))
}

/// How temporary files and directories beside outputs begin: hidden, and
/// plainly ours.
const TEMPORARY_PREFIX: &str = ".newswire-";

/// Writes beside the target and renames into place, so a reader never sees
/// half a file and a failure leaves any earlier file as it was. A device
/// or pipe (`/dev/null`, a FIFO) is written to directly: renaming over it
/// would replace it with a regular file.
fn write_file(path: &Path, write: impl WriteDocument) -> Result<(), Error> {
    if std::fs::metadata(path).is_ok_and(|meta| is_device(&meta.file_type())) {
        write_in_place(path, write)
    } else {
        write_replacing(path, write)
    }
}

/// Neither a regular file nor a directory: a device, pipe or socket.
fn is_device(kind: &std::fs::FileType) -> bool {
    !kind.is_file() && !kind.is_dir()
}

/// Writes straight into `path`, for a device or pipe.
fn write_in_place(path: &Path, write: impl WriteDocument) -> Result<(), Error> {
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
fn write_replacing(path: &Path, write: impl WriteDocument) -> Result<(), Error> {
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
