//! A `convert` run: settled before anything is read, then each input
//! converted to every format asked for and put where the flags say.

use super::Progress;
use super::args::ConvertArgs;
use super::input::{
    Input, LeftOut, Located, Sites, Source, expand_inputs, input_format, print_warnings,
};
use super::out_dir::OutDir;
use super::output::{remove_stale_temporaries_beside, report, whole, write_file, write_stdout};
use newswire::read::Metadata;
use newswire::read::feed::FeedKind;
use newswire::read::site::Rules;
use newswire::{Article, Change, Document, Error, Format, PageOptions, PageTemplate, WriteOptions};
use rayon::prelude::*;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

pub(crate) fn convert(args: &ConvertArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
    let plan = plan(args, limit, quiet).map_err(|error| vec![error])?;
    let mut errors = plan.run(args);
    if let Some(out_dir) = plan.out_dir {
        errors.extend(out_dir.finish());
    }
    // Several articles into one file: written whole, or not at all.
    if let (Some(joined), Some(path)) = (plan.joined, &args.output)
        && errors.is_empty()
    {
        let joined = joined
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        errors.extend(write_file(path, whole(&joined)).err());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// What a `convert` run will read and write, settled before anything is.
struct Plan {
    inputs: Vec<Located>,
    /// How a site's pages are chosen.
    rules: Rules,
    /// Whether outputs go straight into --out-dir, not at their inputs' paths.
    flat: bool,
    formats: Vec<Format>,
    from: Option<Source>,
    options: WriteOptions,
    /// The largest input accepted, in bytes.
    limit: u64,
    /// Whether notes are left out.
    quiet: bool,
    /// Where outputs go when they go into a directory.
    out_dir: Option<OutDir>,
    /// Front-matter fields that replace each article's own.
    metadata: Metadata,
    /// Several articles in one format into one file, gathered here in
    /// input order until the run ends.
    joined: Option<Mutex<Vec<u8>>>,
    /// Whether a document has gone to the one output yet, so that the
    /// next is set apart from it.
    started: AtomicBool,
}

fn plan(args: &ConvertArgs, limit: u64, quiet: bool) -> Result<Plan, Error> {
    let formats = output_formats(args)?;
    let from = input_format(args.from.as_deref())?;
    let sites = Sites::new(&args.site, args.channel.link.as_deref())?;
    let inputs = expand_inputs(&args.inputs, &sites)?;
    let several = args.out_dir.is_none() && inputs.len() > 1;
    if args.out_dir.is_none() && formats.len() != 1 {
        return Err(Error::invalid_options(format!(
            "{} formats need --out-dir to name where each output goes",
            formats.len()
        )));
    }
    if several && !joins(formats[0]) {
        return Err(Error::invalid_options(format!(
            "{} inputs cannot go into one {} document: {}",
            inputs.len(),
            formats[0],
            if formats[0].is_feed() {
                format!(
                    "newswire feed INPUT... -t {} makes one feed of many articles, or give --out-dir DIR",
                    formats[0]
                )
            } else {
                "each is a document of its own: give --out-dir DIR".to_owned()
            }
        )));
    }
    let to_file = args
        .output
        .as_ref()
        .is_some_and(|path| path.as_os_str() != "-");
    if let Some(dir) = &args.out_dir {
        check_output_names(dir, &inputs, &formats, args.flat)?;
    }
    let channel = args.channel.channel();
    channel.validate("the command line")?;
    if let Some(path) = &args.output {
        remove_stale_temporaries_beside(path);
    }
    let metadata = Metadata::parse(&args.metadata)?;
    let page = page_options(args, limit)?;
    let out_dir = args.out_dir.as_deref().map(OutDir::open).transpose()?;
    Ok(Plan {
        inputs,
        rules: Rules {
            include_drafts: args.site.include_drafts,
            include_future: args.site.include_future,
            now: chrono::Utc::now(),
        },
        flat: args.flat,
        formats,
        from,
        options: WriteOptions {
            width: args.width,
            plain_markdown: args.gfm,
            channel,
            page,
        },
        limit,
        quiet,
        out_dir,
        metadata,
        joined: (several && to_file).then(|| Mutex::new(Vec::new())),
        started: AtomicBool::new(false),
    })
}

/// Whether articles in `format` read one after another as one document:
/// Markdown and plain text do; a page or a feed holds one.
fn joins(format: Format) -> bool {
    matches!(format, Format::Markdown | Format::Text)
}

/// The stylesheets the page links, or the template it is written with,
/// read and checked once for every article.
fn page_options(args: &ConvertArgs, limit: u64) -> Result<PageOptions, Error> {
    let template = match &args.template {
        Some(path) => {
            let source = Input::File(path.clone()).read_text(limit, "a template")?;
            Some(PageTemplate::new(&path.display().to_string(), source)?)
        }
        None => None,
    };
    Ok(PageOptions {
        stylesheets: args.css.clone(),
        template,
    })
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
impl Plan {
    /// Converts every input. Into a directory, inputs are shared among the
    /// threads, each read, converted, written and dropped before the next,
    /// so memory does not grow with their number; errors come back in
    /// input order.
    /// A site's files that are not articles are left out with one note,
    /// and the warnings reading found are printed in input order.
    fn run(&self, args: &ConvertArgs) -> Vec<Error> {
        let progress = Progress::new(self.inputs.len(), "converting", self.quiet);
        let convert = |located: &Located| {
            let page = located.page(self.rules);
            let result = self.convert_one(located, page.as_ref(), args).err();
            progress.advance();
            let warnings = page.map(|page| page.warnings()).unwrap_or_default();
            (result, warnings)
        };
        let results: Vec<_> = match self.out_dir {
            Some(_) => self.inputs.par_iter().map(convert).collect(),
            // Standard output and one file keep strict input order.
            None => self.inputs.iter().map(convert).collect(),
        };
        drop(progress);
        let mut left_out = LeftOut::default();
        let mut errors = Vec::new();
        for ((error, warnings), located) in results.into_iter().zip(&self.inputs) {
            print_warnings(&warnings, self.quiet);
            match error {
                // A file named on its own that gives nothing is a failure,
                // not a note: the output it was run for would be empty.
                Some(error) if located.named && error.is_not_article() => {
                    errors.push(not_an_article(&error));
                }
                Some(error) if left_out.take(&error) => {}
                Some(error) => errors.push(error),
                None => {}
            }
        }
        left_out.report(self.quiet);
        errors
    }

    fn convert_one(
        &self,
        located: &Located,
        page: Option<&newswire::read::site::Page<'_>>,
        args: &ConvertArgs,
    ) -> Result<(), Error> {
        let input = &located.input;
        let bytes = input.read(self.limit)?;
        let from = match Source::of(self.from, input, &bytes) {
            Source::Article(format) => format,
            Source::Feed(kind) => return self.convert_feed(located, &bytes, kind, args),
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
        let source = newswire::Source {
            bytes: &bytes,
            format: from,
            file: &input.name(),
            metadata: &self.metadata,
            page,
        };
        newswire::convert_each(source, &self.formats, &self.options, has_link, |document| {
            self.put(located, document, args)
        })
    }

    /// Writes one output where the flags say: into a file as it is
    /// written, which is renamed into place only whole.
    fn put(
        &self,
        located: &Located,
        mut document: Document<'_>,
        args: &ConvertArgs,
    ) -> Result<(), Error> {
        let format = document.format();
        if let Some(out_dir) = &self.out_dir {
            let path = output_path(out_dir.path(), located, format, self.flat)?;
            return out_dir.write(&path, |out| document.write_to(out));
        }
        if let Some(path) = args.output.as_ref().filter(|path| path.as_os_str() != "-")
            && self.joined.is_none()
        {
            return write_file(path, |out| document.write_to(out));
        }
        // Standard output cannot take back what it was given, and a page
        // template can fail partway: a templated page goes to it whole or
        // not at all, as every document goes into the joined file.
        let held_whole = self.joined.is_some()
            || (format == Format::Html && self.options.page.template.is_some());
        let held = held_whole.then(|| document.to_vec()).transpose()?;
        // Articles one after another are set apart by a blank line.
        let apart: &[u8] = if self.started.swap(true, Ordering::Relaxed) {
            b"\n"
        } else {
            b""
        };
        if let (Some(joined), Some(held)) = (&self.joined, &held) {
            let mut joined = joined
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            joined.extend_from_slice(apart);
            joined.extend_from_slice(held);
            return Ok(());
        }
        write_stdout(|out: &mut dyn std::io::Write| {
            out.write_all(apart)?;
            match &held {
                Some(held) => out.write_all(held),
                None => document.write_to(out),
            }
        })
    }

    /// A whole feed to other feed formats, or its one item to an article
    /// format, with what the conversion could not carry on standard error.
    fn convert_feed(
        &self,
        located: &Located,
        bytes: &[u8],
        expected: Option<FeedKind>,
        args: &ConvertArgs,
    ) -> Result<(), Error> {
        let name = located.input.name();
        if !self.metadata.is_empty() {
            return Err(Error::invalid_options(format!(
                "-M sets front-matter fields of articles and {name} is a feed: import it first"
            )));
        }
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
            if format.is_feed() {
                let (valid, notes) = newswire::valid::feed(format, &feed);
                if format == Format::Rss && valid.channel.link.is_none() {
                    return Err(Error::invalid_options(format!(
                        "rss needs a channel link and {name} has none: give --link URL"
                    )));
                }
                changes.extend(notes);
                for article in &feed.articles {
                    changes.extend(newswire::fidelity::unheld(format, article));
                }
                if format != Format::Rss && feed.channel.podcast.is_some() {
                    changes.push(Change::dropped(
                        None,
                        "itunes",
                        format!("{format} has no place for a podcast's directory fields (author, owner, categories, artwork)"),
                    ));
                }
                if format != Format::Rss && !feed.channel.podcast_elements.is_empty() {
                    changes.push(Change::dropped(
                        None,
                        "podcast",
                        format!("{format} has no place for a podcast's Podcasting 2.0 channel elements (guid, locked, funding)"),
                    ));
                }
                let mut write = |out: &mut dyn Write| newswire::write_feed(format, &feed, out);
                self.put(located, Document::new(format, &mut write), args)?;
            } else {
                let [article] = feed.articles.as_slice() else {
                    return Err(Error::invalid_options(format!(
                        "{name} has {} items and {format} holds one article: use newswire import {name} --out-dir DIR",
                        feed.articles.len()
                    )));
                };
                let mut write =
                    |out: &mut dyn Write| newswire::write(format, article, &self.options, out);
                self.put(located, Document::new(format, &mut write), args)?;
            }
        }
        report(&name, &changes, &args.report, self.quiet);
        Ok(())
    }
}

/// A site's file that is not an article, as the error of a run that named
/// it: its place, and why.
fn not_an_article(error: &Error) -> Error {
    match error.diagnostic() {
        Some(at) => Error::invalid_input(
            &at.file,
            at.line,
            at.column,
            format!("not an article: {}", at.message),
        ),
        None => Error::invalid_options(error.to_string()),
    }
}

/// Refuses a run in which two inputs would be written to the same file,
/// before anything is written. No format's suffix ends another's, so two
/// outputs share a name exactly when their inputs share a path and stem:
/// one name per input is held, not one per output.
fn check_output_names(
    dir: &Path,
    inputs: &[Located],
    formats: &[Format],
    flat: bool,
) -> Result<(), Error> {
    let Some(&format) = formats.first() else {
        return Ok(());
    };
    let mut seen = HashSet::new();
    for located in inputs {
        let path = output_path(dir, located, format, flat)?;
        if !seen.insert(path.clone()) {
            return Err(Error::invalid_options(format!(
                "two inputs would both be written to {}; rename one{}",
                path.display(),
                if flat { ", or leave out --flat" } else { "" }
            )));
        }
    }
    Ok(())
}

/// `DIR/<input's directories>/<input stem><format suffix>`, the
/// directories being the input's below the directory it was found in
/// (none when `flat`). Only plain names are taken from the input's path,
/// so no input can place an output outside DIR.
fn output_path(
    dir: &Path,
    located: &Located,
    format: Format,
    flat: bool,
) -> Result<PathBuf, Error> {
    let mut path = dir.to_owned();
    if !flat && let Some(parent) = located.relative.parent() {
        for part in parent.components() {
            if let std::path::Component::Normal(name) = part {
                path.push(name);
            }
        }
    }
    path.push(format!(
        "{}{}",
        output_stem(&located.input)?,
        format.file_suffix()
    ));
    Ok(path)
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
