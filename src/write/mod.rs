//! Writers: the article model to each output format. This is the one place
//! that dispatches on [`Format`]; every writer has the same signature.

mod article_json;
mod atom;
pub(crate) mod feed;
pub(crate) mod html;
mod jsonfeed;
mod markdown;
mod page;
mod rss;
mod sanitise;
mod spool;
mod text;
mod wrap;

use crate::feed::{Channel, Feed};
use crate::format::Format;
use crate::model::Article;
use std::collections::BTreeMap;
use std::io;

pub use article_json::write as write_article_json;
pub use feed::ItemOptions;
pub use html::write as write_html;
pub use markdown::write as write_markdown;
pub use page::{PageOptions, PageTemplate, STYLESHEET};
use spool::Lines;
pub use spool::Spool;
pub use text::write as write_text;

/// How the writers lay out their output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteOptions {
    /// Column at which plain text wraps; `0` for no wrapping.
    pub width: usize,
    /// Markdown as plain GFM, with no front matter, for readers that do not
    /// understand it.
    pub plain_markdown: bool,
    /// Channel fields that replace the article's own in a one-item feed.
    pub channel: Channel,
    /// How the HTML page is dressed: stylesheets, or a template.
    pub page: PageOptions,
}

/// The width plain text wraps at unless told otherwise.
pub const DEFAULT_WIDTH: usize = 72;

impl Default for WriteOptions {
    fn default() -> WriteOptions {
        WriteOptions {
            width: DEFAULT_WIDTH,
            plain_markdown: false,
            channel: Channel::default(),
            page: PageOptions::default(),
        }
    }
}

/// Writes `article` as `format`; a feed format gets a one-item feed.
pub fn write(
    format: Format,
    article: &Article,
    options: &WriteOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    match format {
        Format::Markdown => write_markdown(article, options, out),
        Format::Text => write_text(article, options, out),
        Format::Html => write_html(article, options, out),
        Format::ArticleJson => write_article_json(article, options, out),
        Format::Rss | Format::Atom | Format::JsonFeed => {
            write_feed(format, &Feed::from_article(article, &options.channel), out)
        }
    }
}

/// Writes a feed of many articles as `format`, which must be a feed format.
pub fn write_feed(format: Format, feed: &Feed, out: &mut dyn io::Write) -> io::Result<()> {
    use rayon::prelude::*;
    // What cannot be carried is noted by `valid::feed` for who asks.
    let (feed, _) = crate::valid::feed(format, feed);
    let feed = feed.as_ref();
    let entries = feed
        .articles
        .par_iter()
        .map(|article| {
            let options = ItemOptions {
                lossless: feed.channel.lossless,
                ..ItemOptions::default()
            };
            FeedEntry::new(format, article, options)
        })
        .collect::<io::Result<Vec<_>>>()?;
    write_feed_entries(format, feed, entries, out)
}

/// The XML namespaces, by prefix, an entry uses, which the feed's root
/// must declare; a feed of many entries holds one list per entry.
type Namespaces = Vec<(&'static str, &'static str)>;

/// One article already written as an entry of a feed in one format: a feed
/// of thousands of articles holds the bytes it will write, not their
/// models, and its entries are written on every core. A clone shares a
/// spilled entry's bytes, for an entry written into several feeds.
#[derive(Debug, Clone)]
pub struct FeedEntry {
    format: Format,
    lines: Lines,
    namespaces: Namespaces,
}

impl FeedEntry {
    /// `article` as an entry of a `format` feed, which must be a feed format.
    pub fn new(format: Format, article: &Article, options: ItemOptions) -> io::Result<FeedEntry> {
        FeedEntry::from_item(
            format,
            self::feed::Item::new(article, format == Format::JsonFeed, options),
        )
    }

    pub(crate) fn from_item(format: Format, item: self::feed::Item<'_>) -> io::Result<FeedEntry> {
        let (lines, namespaces) = match format {
            Format::Rss => rss::entry(item)?,
            Format::Atom => (atom::entry(item)?, Vec::new()),
            Format::JsonFeed => (jsonfeed::entry(item)?, Vec::new()),
            Format::Markdown | Format::Text | Format::Html | Format::ArticleJson => {
                return Err(not_a_feed(format));
            }
        };
        Ok(FeedEntry {
            format,
            lines: Lines::Held(lines),
            namespaces,
        })
    }

    /// The entry with its bytes in `spool`, which holds them in memory or
    /// in its file.
    pub fn kept_in(self, spool: &Spool) -> FeedEntry {
        let lines = match self.lines {
            Lines::Held(lines) => spool.keep(lines),
            spilled => spilled,
        };
        FeedEntry { lines, ..self }
    }
}

/// RSS requires a site link, and neither the channel nor any item gave one.
fn no_rss_link() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        "an RSS feed needs a site link and neither the feed nor any item has one",
    )
}

fn not_a_feed(format: Format) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!("{format} is not a feed format: use rss, atom or jsonfeed"),
    )
}

/// Writes a feed whose articles are already written as entries of
/// `format`, in the order of `feed.articles`, which need only their
/// metadata.
pub fn write_feed_entries(
    format: Format,
    feed: &Feed,
    entries: Vec<FeedEntry>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    if entries.iter().any(|entry| entry.format != format) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("an entry written for another format than {format}"),
        ));
    }
    // Each entry's item was held to the rules as it was written.
    let (feed, _) = crate::valid::feed(format, feed);
    let feed = feed.as_ref();
    if format == Format::Rss && feed.channel.link.is_none() {
        return Err(no_rss_link());
    }
    let mut namespaces = BTreeMap::new();
    let lines: Vec<Lines> = entries
        .into_iter()
        .map(|entry| {
            namespaces.extend(entry.namespaces);
            entry.lines
        })
        .collect();
    match format {
        Format::Rss => rss::write(feed, &lines, namespaces, out),
        Format::Atom => atom::write(feed, &lines, out),
        Format::JsonFeed => jsonfeed::write(feed, &lines, out),
        Format::Markdown | Format::Text | Format::Html | Format::ArticleJson => {
            Err(not_a_feed(format))
        }
    }
}

/// One output of [`write_each`], written into whatever output its caller
/// gives it, so that a long document need not be held whole in memory.
pub struct Document<'d> {
    format: Format,
    write: &'d mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
}

impl<'d> Document<'d> {
    /// The document `write` writes in `format`.
    pub fn new(
        format: Format,
        write: &'d mut dyn FnMut(&mut dyn io::Write) -> io::Result<()>,
    ) -> Document<'d> {
        Document { format, write }
    }

    /// The format the document is written in.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Writes the whole document into `out`, as often as asked. It fails
    /// as `out` fails or as a page template fails, which
    /// [`Error::from_output`](crate::Error::from_output) tells apart.
    pub fn write_to(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        (self.write)(out)
    }

    /// The whole document in memory, for an output that must take all of
    /// it or nothing.
    pub fn to_vec(&mut self) -> crate::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.write_to(&mut bytes).map_err(|error| {
            crate::Error::from_output(error, &format!("the {} output", self.format))
        })?;
        Ok(bytes)
    }
}

/// Writes `article` in each of `formats`, handing each document to `put`:
/// the Markdown first, then the others in order. The body is parsed once
/// for all of them, and what several formats share is built once: the
/// HTML content and feed item of the page and the three feeds, and the
/// plain text of the text file and JSON Feed.
pub fn write_each<E: From<crate::Error>>(
    formats: &[Format],
    article: &Article,
    options: &WriteOptions,
    put: impl FnMut(Document<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let arena = comrak::Arena::new();
    write_each_parsed(formats, article, None, &arena, options, put)
}

/// [`write_each`] with the body already parsed when `parsed` holds it.
pub(crate) fn write_each_parsed<'a, E: From<crate::Error>>(
    formats: &[Format],
    article: &Article,
    parsed: Option<crate::pieces::ParsedBody<'a>>,
    arena: &'a comrak::Arena<'a>,
    options: &WriteOptions,
    mut put: impl FnMut(Document<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let wanted = |format| formats.contains(&format);
    // Article JSON alone needs no parse of the body.
    let body = formats
        .iter()
        .any(|&format| format != Format::ArticleJson)
        .then(|| crate::pieces::ParsedBody::shared_or_new(parsed, arena, &article.body));
    let wants_item = wanted(Format::Html) || formats.iter().any(|format| format.is_feed());
    // The Markdown output and a lossless item's copy of the article share
    // these.
    let framing = body
        .as_ref()
        .filter(|_| wanted(Format::Markdown) || (wants_item && options.channel.lossless))
        .map(|body| markdown::Framing::of(article, body));
    // The HTML content rewrites the tree, so the Markdown goes first.
    if let Some((body, framing)) = body.as_ref().zip(framing.as_ref())
        && wanted(Format::Markdown)
    {
        put(Document {
            format: Format::Markdown,
            write: &mut |out| markdown::write_parsed(article, body, framing, options, out),
        })?;
    }
    // Wrapped for the text file, unwrapped for JSON Feed's content_text.
    let widths: Vec<usize> = [
        wanted(Format::Text).then_some(options.width),
        wanted(Format::JsonFeed).then_some(0),
    ]
    .into_iter()
    .flatten()
    .collect();
    let text = body
        .as_ref()
        .filter(|_| !widths.is_empty())
        .map(|body| text::Content::of(article, body, &widths));
    let one_item = body.filter(|_| wants_item).map(|body| {
        let content_text = text
            .as_ref()
            .filter(|_| wanted(Format::JsonFeed))
            .map(text::Content::unwrapped);
        let item_options = ItemOptions {
            lossless: options.channel.lossless,
            ..ItemOptions::default()
        };
        let item =
            self::feed::Item::of(article, body, content_text, framing.as_ref(), item_options);
        (Feed::around_entry_of(article, &options.channel), item)
    });
    for &format in formats.iter().filter(|&&format| format != Format::Markdown) {
        put(Document {
            format,
            write: &mut |out| match (format, &one_item, &text) {
                (Format::Text, _, Some(text)) => {
                    text::write_with_content(article, text, options, out)
                }
                (Format::Html, Some((_, item)), _) => {
                    page::page(article, &item.content_html, &options.page, out)
                }
                (_, Some((feed, item)), _) if format.is_feed() => {
                    write_one_item_feed(format, feed, item.clone(), out)
                }
                _ => write(format, article, options, out),
            },
        })?;
    }
    Ok(())
}

/// Writes a feed of one article from its item in one pass, as
/// [`write_feed_entries`] writes it from the item's entry.
fn write_one_item_feed(
    format: Format,
    feed: &Feed,
    item: self::feed::Item<'_>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let (feed, _) = crate::valid::feed(format, feed);
    let feed = feed.as_ref();
    match format {
        Format::Rss if feed.channel.link.is_none() => Err(no_rss_link()),
        Format::Rss => rss::write_one(feed, item, out),
        Format::Atom => atom::write_one(feed, item, out),
        Format::JsonFeed => jsonfeed::write_one(feed, item, out),
        Format::Markdown | Format::Text | Format::Html | Format::ArticleJson => {
            Err(not_a_feed(format))
        }
    }
}

/// Writes `article` as `format` into a string.
pub fn write_to_string(format: Format, article: &Article, options: &WriteOptions) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every writer writes UTF-8.
    let _ = write(format, article, options, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// The author names joined for a byline.
pub(crate) fn byline(article: &Article) -> String {
    article
        .meta
        .authors
        .iter()
        .map(|author| author.name.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The line under the title: bylines and publication day.
pub(crate) fn byline_and_date(article: &Article) -> String {
    let names = byline(article);
    let day = article.meta.published.day();
    if names.is_empty() {
        day
    } else {
        format!("{names} · {day}")
    }
}

/// Show and publisher, when the article names them.
pub(crate) fn program_line(article: &Article) -> Option<String> {
    let parts: Vec<&str> = [&article.meta.program, &article.meta.publisher]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// How the image credit is labelled in every output a person reads.
pub(crate) fn credit_line(credit: &str) -> String {
    format!("Photo: {credit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        let text =
            "---\ntitle: T\npublished: 2024-01-02\nurl: https://example.com/t\n---\n\nBody.\n";
        crate::read::markdown::read(text, "t.md").unwrap()
    }

    /// Every format of `body`'s article, and its RSS feed entry, lossless
    /// or not, written with the body in pieces cut wherever they may be
    /// and written whole.
    fn written_in_pieces_and_whole(body: &str) -> (Vec<String>, Vec<String>) {
        let text = format!(
            "---\ntitle: T\npublished: 2024-01-02\nurl: https://example.com/t\nimage: i.png\n---\n\n{body}\n"
        );
        let write = |piece_bytes| {
            crate::pieces::TEST_PIECE_BYTES.set(piece_bytes);
            let mut written = Vec::new();
            for lossless in [false, true] {
                let mut options = WriteOptions::default();
                options.channel.lossless = lossless;
                let source = crate::Source::new(text.as_bytes(), Format::Markdown, "t.md");
                let result = crate::convert::convert_each(
                    source,
                    &Format::ALL,
                    &options,
                    |_| Ok::<(), crate::Error>(()),
                    |mut document| {
                        let bytes = document.to_vec()?;
                        let format = document.format();
                        written.push(format!("{format:?}: {}", String::from_utf8_lossy(&bytes)));
                        Ok(())
                    },
                );
                if let Err(error) = result {
                    written.push(error.to_string());
                }
                let item = ItemOptions {
                    lossless,
                    ..ItemOptions::default()
                };
                match FeedEntry::read(Format::Rss, source, item) {
                    Ok((_, entry)) => written.push(format!("{entry:?}")),
                    Err(error) => written.push(error.to_string()),
                }
            }
            written
        };
        (write(1), write(usize::MAX))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Writing a body in pieces gives the bytes writing it whole gives.
        #[test]
        fn a_body_is_written_the_same_in_pieces(
            blocks in proptest::collection::vec(
                proptest::sample::select(&crate::pieces::tests::TRICKY_BLOCKS[..]),
                0..12,
            ),
        ) {
            let body = blocks.join("\n\n");
            let (pieces, whole) = written_in_pieces_and_whole(&body);
            proptest::prop_assert_eq!(pieces, whole, "{:?}", body);
        }
    }

    #[test]
    fn only_feed_formats_make_entries() {
        let error = FeedEntry::new(Format::Text, &article(), ItemOptions::default())
            .err()
            .unwrap();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(error.to_string().contains("not a feed format"), "{error}");
    }

    #[test]
    fn an_entry_goes_only_into_a_feed_of_its_format() {
        let article = article();
        let feed = Feed::from_article(&article, &Channel::default());
        let entry = FeedEntry::new(Format::Rss, &article, ItemOptions::default()).unwrap();
        let mut out = Vec::new();
        let error = write_feed_entries(Format::Atom, &feed, vec![entry], &mut out).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(out.is_empty(), "nothing is written");
        let entry = FeedEntry::new(Format::Atom, &article, ItemOptions::default()).unwrap();
        write_feed_entries(Format::Atom, &feed, vec![entry], &mut out).unwrap();
        let parsed = atom_syndication::Feed::read_from(out.as_slice()).unwrap();
        assert_eq!(parsed.entries().len(), 1);
    }
}
