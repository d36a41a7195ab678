//! A `convert` run: settled before anything is read, then each input
//! converted to every format asked for and put where the flags say.

use super::Progress;
use super::args::ConvertArgs;
use super::input::{Input, Source, expand_inputs, input_format};
use super::out_dir::OutDir;
use super::output::{report, whole, write_file, write_stdout};
use newswire::read::feed::FeedKind;
use newswire::{Article, Change, Error, Format, WriteOptions};
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub(crate) fn convert(args: &ConvertArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
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
