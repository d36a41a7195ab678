//! `feed`: many articles into one feed, newest first.

use super::Progress;
use super::args::FeedArgs;
use super::input::{Input, expand_inputs};
use super::output::{remove_stale_temporaries_beside, write_file, write_stdout};
use newswire::{Article, Channel, Error, Feed, FeedEntry, Format, Meta, Spool};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;

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
pub(crate) fn feed(args: &FeedArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
    let format = Format::parse(&args.to)
        .filter(|format| format.is_feed())
        .ok_or_else(|| {
            vec![Error::invalid_options(format!(
                "unknown feed format {:?}: expected rss, atom or jsonfeed",
                args.to
            ))]
        })?;
    let channel = feed_channel(args, limit).map_err(|error| vec![error])?;
    let inputs = expand_inputs(&args.inputs);
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
            eprintln!("{} (left out)", super::output::problem("warning", error));
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
        Some(path) if path.as_os_str() != "-" => {
            remove_stale_temporaries_beside(path);
            write_file(path, write)
        }
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
            let text = Input::File(path.clone()).read_text(limit, "a feed configuration")?;
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
