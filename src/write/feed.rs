//! What RSS, Atom and JSON Feed items share: the HTML content, the summary,
//! absolute URLs, and the structured quotes and discussion that travel as
//! data for programs (`_newswire` in JSON, a namespaced element in XML).

use super::markdown::Framing;
use super::spool::Lines;
use super::{html, text};
use crate::commonmark;
use crate::extension::{
    DiscussionData, Element, NEWSWIRE_PREFIX, NewswireData, PLACEHOLDER, QuoteData,
};
use crate::model::{Article, Block, Meta};
use crate::pieces::ParsedBody;
use crate::url::absolute_url;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::io::{self, Write};

/// The generator every feed names.
pub(crate) const GENERATOR: &str = "newswire";
/// One article prepared as a feed item.
#[derive(Clone)]
pub(crate) struct Item<'a> {
    pub article: &'a Article,
    /// The article's metadata as a feed may carry it (see [`crate::valid`]).
    pub meta: Cow<'a, Meta>,
    /// The full sanitised HTML, with absolute links.
    pub content_html: String,
    /// The summary, or the first paragraph as plain text.
    pub summary: Option<String>,
    /// The lead image's absolute URL.
    pub image_url: Option<String>,
    pub data: NewswireData,
    /// The content as plain text, which JSON Feed carries; laid out with
    /// the HTML from one parse of the body when asked for.
    pub content_text: Option<String>,
}

impl<'a> Item<'a> {
    /// `article` as a feed item, with its content as plain text too when
    /// `with_text`.
    pub fn new(article: &'a Article, with_text: bool, options: ItemOptions) -> Item<'a> {
        let arena = comrak::Arena::new();
        Item::parsed(
            article,
            ParsedBody::new(&arena, &article.body),
            with_text,
            options,
        )
    }

    /// [`Item::new`] from a body already parsed.
    pub fn parsed(
        article: &'a Article,
        body: ParsedBody<'_>,
        with_text: bool,
        options: ItemOptions,
    ) -> Item<'a> {
        let content_text = with_text.then(|| text::Content::of(article, &body, &[0]).unwrapped());
        // Only a lossless item carries the article as Markdown, which the
        // framing is for.
        let framing = options.lossless.then(|| Framing::of(article, &body));
        Item::of(article, body, content_text, framing.as_ref(), options)
    }

    /// `article` as a feed item, its HTML content built from a body already
    /// parsed; `framing`, which a lossless item needs, is made when not
    /// given.
    pub fn of(
        article: &'a Article,
        body: ParsedBody<'_>,
        content_text: Option<String>,
        framing: Option<&Framing>,
        options: ItemOptions,
    ) -> Item<'a> {
        let item = Item::full(article, body, content_text, framing, options.lossless);
        if options.summary_only {
            item.summary_only()
        } else {
            item
        }
    }

    fn full(
        article: &'a Article,
        body: ParsedBody<'_>,
        content_text: Option<String>,
        framing: Option<&Framing>,
        lossless: bool,
    ) -> Item<'a> {
        let source = lossless.then(|| match framing {
            Some(framing) => super::markdown::as_written(article, framing),
            None => super::markdown::as_written(article, &Framing::of(article, &body)),
        });
        // What cannot be carried is noted by `fidelity::unheld`.
        let meta = crate::valid::meta(&article.meta, &mut Vec::new());
        let base = meta.url.as_deref();
        Item {
            article,
            content_html: html::content_of(article, body),
            summary: meta.summary.clone().or_else(|| lead_paragraph(article)),
            // Feed readers need an absolute URL; without a base, a relative
            // image is left out of the metadata (it stays in the content).
            image_url: meta
                .image
                .as_ref()
                .map(|image| absolute_url(base, &image.url))
                .filter(|url| crate::url::is_web_url(url)),
            data: newswire_data(article, &meta, source),
            content_text,
            meta,
        }
    }
}

impl Item<'_> {
    /// The item and its data apart: the data is written straight to the
    /// output by [`WithData`], not handed to a feed crate.
    pub fn without_data(mut self) -> (Self, NewswireData) {
        let data = std::mem::take(&mut self.data);
        (self, data)
    }

    /// The item with its summary in place of its content, as a feed of
    /// summaries carries it; the quotes and prompts still travel as data.
    fn summary_only(mut self) -> Self {
        let summary = self.summary.clone().unwrap_or_default();
        self.content_html = format!("<p>{}</p>", quick_xml::escape::escape(summary.as_str()));
        self.content_text = self.content_text.map(|_| summary);
        self
    }
}

/// The lines of the one entry in `document`, a feed of one entry written by
/// a feed crate: from the start of the line where `open` first appears to
/// the end of the line where `close` last does. Entries cut out this way
/// can be written on every core and held as bytes, then put in a feed
/// written without them by [`write_with_entries`]: the crate still writes
/// every byte, but a feed of thousands of entries is never held as a tree.
pub(crate) fn entry_lines(document: &[u8], open: &str, close: &str) -> io::Result<Vec<u8>> {
    let start = find(document, open.as_bytes()).map(|at| line_start(document, at));
    let end = rfind(document, close.as_bytes()).map(|at| {
        let after = at + close.len();
        document[after..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(document.len(), |newline| after + newline + 1)
    });
    match (start, end) {
        (Some(start), Some(end)) if start < end => Ok(document[start..end].to_vec()),
        _ => Err(io::Error::other(format!(
            "the feed writer wrote no {open} element"
        ))),
    }
}

/// Writes `document`, a feed written without entries, with `entries` put
/// on the lines before the one where `close` last appears.
pub(crate) fn write_with_entries(
    document: &[u8],
    close: &str,
    entries: &[Lines],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let at = rfind(document, close.as_bytes())
        .map(|at| line_start(document, at))
        .ok_or_else(|| io::Error::other(format!("the feed writer wrote no {close}")))?;
    out.write_all(&document[..at])?;
    let mut buffer = Vec::new();
    for entry in entries {
        out.write_all(entry.bytes(&mut buffer)?)?;
    }
    out.write_all(&document[at..])
}

/// Passes on to `out` what a feed crate writes with
/// [`NewswireData::placeholder`] among an item's extensions, writing
/// `data`'s element in the placeholder's place, indented as the crate
/// indents it, as the bytes go by: a feed is never held whole.
pub(crate) struct WithData<'a> {
    out: Recorded<'a>,
    data: &'a NewswireData,
    /// The placeholder element as the crate writes it.
    placeholder: String,
    /// A line break and what followed it that may begin the placeholder's
    /// line, held back until it is known to be or not.
    held: Option<Held>,
    found: bool,
}

/// What is held: a line break, `spaces` spaces, and the first `matched`
/// bytes of the placeholder.
#[derive(Clone, Copy)]
struct Held {
    spaces: usize,
    matched: usize,
}

impl<'a> WithData<'a> {
    /// Writes into `out` what `write` writes, `data`'s element in the
    /// placeholder's place.
    pub fn write(
        out: &'a mut dyn io::Write,
        data: &'a NewswireData,
        write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
    ) -> io::Result<()> {
        let placeholder = NewswireData::placeholder();
        let mut spliced = WithData {
            out: Recorded { out, failure: None },
            data,
            placeholder: format!("<{0}>{PLACEHOLDER}</{0}>", placeholder.name),
            held: None,
            found: false,
        };
        let written = write(&mut spliced).and_then(|()| spliced.let_go());
        // The crates give the output's failure back as their own error, of
        // no kind: a closed pipe would be told as a fault.
        if let Some(failure) = spliced.out.failure.take() {
            return Err(failure);
        }
        written?;
        if spliced.found {
            Ok(())
        } else {
            // The data would be lost.
            Err(io::Error::other(
                "the feed writer wrote no place for the data",
            ))
        }
    }

    /// Passes on what is held.
    fn let_go(&mut self) -> io::Result<()> {
        if let Some(Held { spaces, matched }) = self.held.take() {
            self.out.write_all(b"\n")?;
            self.out.write_all(&b" ".repeat(spaces))?;
            self.out
                .write_all(&self.placeholder.as_bytes()[..matched])?;
        }
        Ok(())
    }

    fn take(&mut self, byte: u8) -> io::Result<()> {
        if let Some(Held { spaces, matched }) = self.held {
            if byte == b' ' && matched == 0 {
                self.held = Some(Held {
                    spaces: spaces + 1,
                    matched,
                });
                return Ok(());
            }
            if self.placeholder.as_bytes().get(matched) == Some(&byte) {
                let matched = matched + 1;
                if matched < self.placeholder.len() {
                    self.held = Some(Held { spaces, matched });
                    return Ok(());
                }
                self.held = None;
                self.found = true;
                return self.write_data(spaces / INDENT);
            }
            self.let_go()?;
        }
        if byte == b'\n' {
            self.held = Some(Held {
                spaces: 0,
                matched: 0,
            });
            Ok(())
        } else {
            self.out.write_all(&[byte])
        }
    }

    /// The data's element, on a line of its own at `depth`: an indenting
    /// writer starts each element so, as deep as the elements it has been
    /// given open, and as many are opened unwritten first.
    fn write_data(&mut self, depth: usize) -> io::Result<()> {
        let mut writer = quick_xml::Writer::new_with_indent(
            Muted {
                out: &mut self.out,
                live: false,
            },
            b' ',
            INDENT,
        );
        for _ in 0..depth {
            writer.write_event(Event::Start(BytesStart::new("_")))?;
        }
        writer.get_mut().live = true;
        self.data.write_element(&mut writer)
    }
}

impl io::Write for WithData<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut rest = bytes;
        while !rest.is_empty() {
            if self.found {
                self.out.write_all(rest)?;
                break;
            }
            // Bytes up to the next line break go straight through while
            // nothing is held.
            if self.held.is_none() {
                let plain = rest
                    .iter()
                    .position(|&byte| byte == b'\n')
                    .unwrap_or(rest.len());
                if plain > 0 {
                    self.out.write_all(&rest[..plain])?;
                    rest = &rest[plain..];
                    continue;
                }
            }
            self.take(rest[0])?;
            rest = &rest[1..];
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The spaces a level of XML is indented by, as the feeds are written.
pub(crate) const INDENT: usize = 2;

/// An output that keeps the first failure it gives.
struct Recorded<'a> {
    out: &'a mut dyn io::Write,
    failure: Option<io::Error>,
}

impl io::Write for Recorded<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.out.write(bytes).map_err(|error| {
            let kind = error.kind();
            self.failure.get_or_insert(error);
            io::Error::from(kind)
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// An output that takes nothing until it is made live.
struct Muted<'a> {
    out: &'a mut dyn io::Write,
    live: bool,
}

impl io::Write for Muted<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if self.live {
            self.out.write(bytes)
        } else {
            Ok(bytes.len())
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

fn line_start(document: &[u8], at: usize) -> usize {
    document[..at]
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

pub(crate) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// The first paragraph's text, for feeds that want a description.
fn lead_paragraph(article: &Article) -> Option<String> {
    article.body.iter().find_map(|block| {
        let Block::Markdown { markdown } = block else {
            return None;
        };
        let arena = comrak::Arena::new();
        let root = commonmark::parse(&arena, markdown);
        let first = root.first_child()?;
        let is_paragraph = matches!(
            first.data.borrow().value,
            comrak::nodes::NodeValue::Paragraph
        );
        is_paragraph
            .then(|| commonmark::plain_text(first))
            .filter(|text| !text.trim().is_empty())
    })
}

/// How a feed's items are written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ItemOptions {
    /// Carry each item's summary instead of its full content.
    pub summary_only: bool,
    /// Carry each article whole as canonical Markdown too, so that reading
    /// the feed back gives it byte for byte; by default an item carries its
    /// HTML, its front matter and its quotes and prompts as data, and the
    /// body comes back from the HTML.
    pub lossless: bool,
}

/// The structured data of `article`: the quotes and prompts, and its front
/// matter, or in a lossless item the whole article as written.
fn newswire_data(article: &Article, meta: &Meta, source: Option<String>) -> NewswireData {
    NewswireData {
        quotes: article.quotes().map(QuoteData::of).collect(),
        discussion: article.discussion.as_ref().map(DiscussionData::of),
        program: meta.program.clone(),
        publisher: meta.publisher.clone(),
        image_credit: meta.image.as_ref().and_then(|image| image.credit.clone()),
        front: source
            .is_none()
            .then(|| super::markdown::item_front_matter(meta)),
        source,
    }
}

impl Item<'_> {
    /// The item's extension elements with their namespace prefixes: the
    /// lead image as Media RSS, then the structured data.
    pub fn extension_elements(&self) -> Vec<(&'static str, Element)> {
        let mut elements = Vec::new();
        if let (Some(image), Some(url)) = (&self.meta.image, &self.image_url) {
            elements.push(("media", Element::media_content(image, url)));
        }
        elements.push((NEWSWIRE_PREFIX, NewswireData::placeholder()));
        elements
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::Feed;

    #[test]
    fn the_data_takes_the_placeholders_place_however_the_bytes_are_cut() {
        let data = NewswireData {
            quotes: vec![QuoteData {
                text: "T & U".to_owned(),
                name: "N".to_owned(),
                role: None,
                title: None,
                cite: None,
            }],
            ..NewswireData::default()
        };
        let document = format!(
            "<a>\n  <b>x</b>\n  <nw:arti>\n   \n  <nw:article>{PLACEHOLDER}</nw:article>\n</a>\n"
        );
        let expected = "<a>\n  <b>x</b>\n  <nw:arti>\n   \n  <nw:article>\n    <nw:quote>\n      \
            <nw:name>N</nw:name>\n      <nw:text>T &amp; U</nw:text>\n    </nw:quote>\n  \
            </nw:article>\n</a>\n";
        for size in 1..=document.len() {
            let mut out = Vec::new();
            WithData::write(&mut out, &data, |out| {
                document
                    .as_bytes()
                    .chunks(size)
                    .try_for_each(|chunk| out.write_all(chunk))
            })
            .unwrap();
            assert_eq!(
                String::from_utf8(out).unwrap(),
                expected,
                "cut every {size} bytes"
            );
        }
    }

    #[test]
    fn a_document_without_the_placeholder_is_refused_whole() {
        let data = NewswireData::default();
        let mut out = Vec::new();
        let written = WithData::write(&mut out, &data, |out| {
            out.write_all(b"<a>\n  <nw:article/>\n</a>\n")
        });
        assert!(written.is_err());
        assert_eq!(out, b"<a>\n  <nw:article/>\n</a>\n");
    }

    /// An output that takes a little, then fails as a closed pipe does.
    struct ClosedPipe(usize);

    impl io::Write for ClosedPipe {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            if self.0 == 0 {
                return Err(io::ErrorKind::BrokenPipe.into());
            }
            let taken = bytes.len().min(self.0);
            self.0 -= taken;
            Ok(taken)
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn an_output_that_fails_under_a_feed_crate_fails_as_itself() {
        let text = "---\ntitle: T\npublished: 2024-01-02\nurl: https://example.com/t\n---\n\n\
            > Words.\n>\n> -- Person\n\nBody.\n";
        let article = crate::read::markdown::read(text, "t.md").unwrap();
        let feed = Feed::from_article(&article, &crate::feed::Channel::default());
        for taken in [0, 100, 600] {
            let item = || Item::new(&article, false, ItemOptions::default());
            let rss = super::super::rss::write_one(&feed, item(), &mut ClosedPipe(taken));
            let atom = super::super::atom::write_one(&feed, item(), &mut ClosedPipe(taken));
            for failed in [rss, atom] {
                let kind = failed.map_err(|error| error.kind());
                assert_eq!(kind, Err(io::ErrorKind::BrokenPipe), "after {taken} bytes");
            }
        }
    }
}
