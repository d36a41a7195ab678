//! `feed`: many articles into one feed, newest first.

use super::Progress;
use super::args::FeedArgs;
use super::input::{Input, LeftOut, Located, Sites, expand_inputs, print_warnings};
use super::output::{remove_stale_temporaries_beside, write_file, write_stdout};
use newswire::read::site::{Rules, Site};
use newswire::{
    Article, Channel, Diagnostic, Error, Feed, FeedEntry, Format, ItemOptions, Meta, Spool,
};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// An input chosen for a feed by its metadata, before its body is read.
struct Candidate<'a> {
    located: &'a Located,
    /// Boxed, as in every list below: each input's metadata is moved
    /// through several lists on its way to the feed, and a pointer moves
    /// without touching fresh pages the way a whole `Meta` does.
    meta: Box<Meta>,
    /// Standard input cannot be read twice, so its bytes are kept.
    bytes: Option<Vec<u8>>,
    /// The entry, when the input was read whole at once.
    entry: Option<FeedEntry>,
}

/// How each input becomes an entry.
#[derive(Clone, Copy)]
struct Reading {
    format: Format,
    limit: u64,
    rules: Rules,
    item: ItemOptions,
}

impl Reading {
    /// The input read whole and made into its feed entry, with the article
    /// dropped but for its metadata: the feed holds what it will write.
    fn whole(
        &self,
        located: &Located,
        bytes: &[u8],
        spool: &Spool,
    ) -> Result<(Box<Meta>, FeedEntry, Vec<Diagnostic>), Error> {
        let input = &located.input;
        let page = located.page(self.rules);
        let name = input.name();
        let source = newswire::Source {
            page: page.as_ref(),
            ..newswire::Source::new(bytes, input.format(), &name)
        };
        let read = FeedEntry::read(self.format, source, self.item);
        let warnings = page.map(|page| page.warnings()).unwrap_or_default();
        let (article, entry) = read?;
        Ok((Box::new(article.meta), entry.kept_in(spool), warnings))
    }

    /// Only the metadata, for choosing before reading whole.
    fn head(&self, located: &Located, bytes: &[u8]) -> Result<(Box<Meta>, Vec<Diagnostic>), Error> {
        let input = &located.input;
        let page = located.page(self.rules);
        let meta =
            newswire::read::read_page_meta(bytes, input.format(), &input.name(), page.as_ref());
        let warnings = page.map(|page| page.warnings()).unwrap_or_default();
        Ok((Box::new(meta?), warnings))
    }

    fn entry(
        &self,
        candidate: Candidate<'_>,
        spool: &Spool,
    ) -> Result<(Box<Meta>, FeedEntry), Error> {
        if let Some(entry) = candidate.entry {
            return Ok((candidate.meta, entry));
        }
        let bytes = match candidate.bytes {
            Some(bytes) => bytes,
            None => candidate.located.input.read(self.limit)?,
        };
        // Its warnings were printed when its metadata was read.
        self.whole(candidate.located, &bytes, spool)
            .map(|(meta, entry, _)| (meta, entry))
    }
}

/// How many bytes of written entries a feed holds in memory; the rest wait
/// in a temporary file until the feed is ordered and written.
const FEED_MEMORY: usize = 16 << 20;

/// Builds one feed. When --limit leaves articles out, every input's
/// metadata is read first to leave out drafts, find shared ids and order
/// the items, and only the kept articles are then read whole; otherwise
/// each is read whole once. With an invalid article (unless skipped)
/// nothing is written; with no article at all, nothing is either.
pub(crate) fn feed(args: &FeedArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
    let format = Format::parse(&args.to)
        .filter(|format| format.is_feed())
        .ok_or_else(|| {
            vec![Error::invalid_options(format!(
                "unknown feed format {:?}: expected rss, atom or jsonfeed",
                args.to
            ))]
        })?;
    let sites =
        Sites::new(&args.site, args.channel.link.as_deref()).map_err(|error| vec![error])?;
    let inputs = expand_inputs(&args.inputs, &sites).map_err(|error| vec![error])?;
    let site = inputs.iter().find_map(|located| located.site.clone());
    let channel = feed_channel(args, limit, site.as_deref()).map_err(|error| vec![error])?;
    let item_limit = args
        .limit
        .or_else(|| site.as_ref().and_then(|site| site.feed_limit()));
    let reading = Reading {
        format,
        limit,
        rules: Rules {
            include_drafts: args.site.include_drafts,
            include_future: args.site.include_future,
            now: chrono::Utc::now(),
        },
        item: ItemOptions {
            summary_only: args.summary_only
                || site.as_ref().is_some_and(|site| site.summary_only()),
            lossless: channel.lossless,
        },
    };
    let wanted_tags: Vec<String> = args
        .tags
        .iter()
        .chain(&args.categories)
        .map(|tag| tag.to_lowercase())
        .collect();
    let whole = item_limit.is_none_or(|kept| kept >= inputs.len());
    let progress = Progress::new(inputs.len(), "reading", quiet);
    let spool = Spool::new(FEED_MEMORY);
    let heads: Vec<(Result<Candidate, Error>, Vec<Diagnostic>)> = inputs
        .par_iter()
        .map(|located| {
            let mut warnings = Vec::new();
            let head = located.input.read(limit).and_then(|bytes| {
                if whole {
                    let (meta, entry, found) = reading.whole(located, &bytes, &spool)?;
                    warnings = found;
                    return Ok(Candidate {
                        located,
                        meta,
                        bytes: None,
                        entry: Some(entry),
                    });
                }
                let (meta, found) = reading.head(located, &bytes)?;
                warnings = found;
                let bytes = (located.input == Input::Stdin).then_some(bytes);
                Ok(Candidate {
                    located,
                    meta,
                    bytes,
                    entry: None,
                })
            });
            progress.advance();
            (head, warnings)
        })
        .collect();
    let warn = |error: &Error| {
        if !quiet {
            eprintln!("{} (left out)", super::output::problem("warning", error));
        }
    };
    let mut errors = Vec::new();
    let mut left_out = LeftOut::default();
    let mut skipped = 0;
    let mut candidates = Vec::new();
    let mut sources: HashMap<String, String> = HashMap::new();
    let tagged = |meta: &Meta| {
        wanted_tags.is_empty()
            || meta
                .tags
                .iter()
                .any(|tag| wanted_tags.contains(&tag.to_lowercase()))
    };
    for (head, warnings) in heads {
        print_warnings(&warnings, quiet);
        match head {
            Ok(candidate) if candidate.meta.draft && !args.site.include_drafts => {}
            Ok(candidate) if !tagged(&candidate.meta) => {}
            Ok(candidate) => {
                let name = candidate.located.input.name();
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
            Err(error) if left_out.take(&error) => {}
            Err(error) if args.skip_invalid => {
                skipped += 1;
                warn(&error);
            }
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    candidates.sort_by(|a, b| Feed::order(&a.meta, &b.meta));
    let wanted = item_limit.unwrap_or(usize::MAX).min(candidates.len());
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
                let made = reading.entry(candidate, &spool);
                if fresh {
                    progress.advance();
                }
                made
            })
            .collect();
        for made in made {
            match made {
                Ok(pair) => kept.push(pair),
                Err(error) if args.skip_invalid => {
                    skipped += 1;
                    warn(&error);
                }
                Err(error) => errors.push(error),
            }
        }
    }
    drop(progress);
    left_out.report(quiet);
    if !errors.is_empty() {
        return Err(errors);
    }
    if kept.is_empty() {
        return Err(vec![nothing_to_feed(
            inputs.len(),
            skipped,
            &left_out,
            &wanted_tags,
        )]);
    }
    // Ordered by the metadata read whole, which the feed orders by too.
    kept.sort_by(|(a, _), (b, _)| Feed::order(a, b));
    if let Some(dir) = &args.per_tag {
        write_per_tag(dir, format, &channel, &kept).map_err(|error| vec![error])?;
    }
    let (metas, entries): (Vec<Box<Meta>>, Vec<FeedEntry>) = kept.into_iter().unzip();
    let feed = Feed::new(channel, headings(metas));
    // Streamed straight into the output: a feed is mostly its content.
    let write = |out: &mut dyn Write| newswire::write_feed_entries(format, &feed, entries, out);
    match &args.output {
        Some(path) if path.as_os_str() != "-" => {
            remove_stale_temporaries_beside(path);
            write_file(path, write)
        }
        _ => write_stdout(write),
    }
    .map_err(|error| vec![error])
}

/// The feed needs only each article's metadata: its entry is written.
fn headings(metas: impl IntoIterator<Item = Box<Meta>>) -> Vec<Article> {
    metas
        .into_iter()
        .map(|meta| Article {
            meta: *meta,
            body: Vec::new(),
            discussion: None,
        })
        .collect()
}

/// Why there is no feed to write: an empty feed, dated nowhere, helps no
/// reader, so it is an error.
fn nothing_to_feed(inputs: usize, skipped: usize, left_out: &LeftOut, tags: &[String]) -> Error {
    let mut why = Vec::new();
    if skipped > 0 {
        why.push(format!("{skipped} invalid"));
    }
    if left_out.count() > 0 {
        why.push(format!("{} not articles", left_out.count()));
    }
    if !tags.is_empty() {
        why.push(format!("none tagged {}", tags.join(" or ")));
    }
    Error::invalid_input(
        "-",
        1,
        1,
        format!(
            "no article to make a feed of: of {inputs} input{}, {}",
            if inputs == 1 { "" } else { "s" },
            if why.is_empty() {
                "all were drafts".to_owned()
            } else {
                why.join(", ")
            }
        ),
    )
}

/// One feed per tag, in `dir`, each named after its tag's slug and
/// titled after the main feed and the tag.
fn write_per_tag(
    dir: &Path,
    format: Format,
    channel: &Channel,
    kept: &[(Box<Meta>, FeedEntry)],
) -> Result<(), Error> {
    let mut tags: Vec<(String, String)> = Vec::new();
    for (meta, _) in kept {
        for tag in &meta.tags {
            let slug = slug::slugify(tag);
            if !slug.is_empty() && !tags.iter().any(|(known, _)| *known == slug) {
                tags.push((slug, tag.clone()));
            }
        }
    }
    std::fs::create_dir_all(dir)
        .map_err(|error| Error::write_output(&dir.display().to_string(), error))?;
    for (slug, tag) in tags {
        let (metas, entries): (Vec<Box<Meta>>, Vec<FeedEntry>) = kept
            .iter()
            .filter(|(meta, _)| meta.tags.iter().any(|found| slug::slugify(found) == slug))
            .cloned()
            .unzip();
        let mut channel = channel.clone();
        channel.title = Some(match &channel.title {
            Some(title) => format!("{title}: {tag}"),
            None => tag.clone(),
        });
        channel.feed_url = None;
        channel.id = None;
        if let Some(link) = &channel.link {
            channel.link = ammonia::Url::parse(link)
                .and_then(|base| base.join(&format!("tags/{slug}/")))
                .map(String::from)
                .ok();
        }
        let feed = Feed::new(channel, headings(metas));
        let path = dir.join(format!("{slug}{}", format.file_suffix()));
        write_file(&path, |out: &mut dyn Write| {
            newswire::write_feed_entries(format, &feed, entries, out)
        })?;
    }
    Ok(())
}

/// The site's channel, then the configuration file's, then the flags', each
/// field taken from the last that sets it; a feed of many articles needs
/// a title and a link of its own.
fn feed_channel(args: &FeedArgs, limit: u64, site: Option<&Site>) -> Result<Channel, Error> {
    let from_site = site.map(Site::channel).unwrap_or_default();
    if let Some(site) = site {
        from_site.validate(&site.config_file().display().to_string())?;
    }
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
    let channel = from_site.overridden_by(from_file).overridden_by(flags);
    if channel.title.is_none() || channel.link.is_none() {
        return Err(Error::invalid_options(match site {
            Some(site) => format!(
                "a feed needs a title and a link, and {} gives no {}: give --title and --link",
                site.config_file().display(),
                if channel.title.is_none() { "title" } else { "base URL" }
            ),
            None => "a feed needs a title and a link: give --title and --link, or title and link in --config".to_owned(),
        }));
    }
    Ok(channel)
}
