//! Readers: bytes in one of the readable formats to the article model.

mod article_json;
mod atom;
mod atom_dialects;
mod cdf;
mod encoding;
pub(crate) use encoding::{decode_feed, head_text};
mod entry;
pub mod feed;
pub(crate) mod front_matter;
mod html;
mod jsonfeed;
pub mod markdown;
mod meta;
mod metadata;
mod rss;
mod rss_dialects;
pub(crate) use rss_dialects::unprefixed as rss_unprefixed;
pub mod site;
mod toml;
mod xml_base;
mod yaml;

use crate::chars::{describe, first_forbidden};
use crate::error::{Error, Result};
use crate::pieces::ParsedBody;

use crate::format::Format;
use crate::model::{Article, Meta};
pub use metadata::Metadata;

/// Reads a feed (RSS, Atom or JSON Feed, told apart by content) from raw
/// bytes into its channel and articles.
pub fn read_feed_bytes(bytes: &[u8], file: &str) -> Result<feed::Imported> {
    feed::read(&encoding::decode_feed(bytes, file)?, file)
}

/// Reads one article in `format` from raw bytes; `file` names the input in
/// errors (`-` for standard input).
pub fn read(bytes: &[u8], format: Format, file: &str) -> Result<Article> {
    let text = decode(bytes, file)?;
    match format {
        Format::Markdown => markdown::read(&text, file),
        Format::ArticleJson => article_json::read(&text, file),
        other => Err(Error::invalid_options(format!(
            "{other} is an output format only; input formats are markdown and article-json"
        ))),
    }
}

/// Reads one article as [`read`] does, with its body's tree when the
/// writers can share it rather than parse the body again.
/// `metadata` replaces fields of the front matter; a site's `page` is read
/// by its generator's rules.
pub(crate) fn read_parsed<'a>(
    arena: &'a comrak::Arena<'a>,
    bytes: &[u8],
    format: Format,
    file: &str,
    metadata: &Metadata,
    page: Option<&site::Page<'_>>,
) -> Result<(Article, Option<ParsedBody<'a>>)> {
    match format {
        Format::Markdown => {
            markdown::read_parsed(arena, &decode(bytes, file)?, file, metadata, page)
        }
        _ if !metadata.is_empty() => Err(Error::invalid_options(format!(
            "-M sets front-matter fields and {file} is {format}: edit article JSON with a tool such as jq"
        ))),
        _ => read(bytes, format, file).map(|article| (article, None)),
    }
}

/// Reads only what an article says about itself, for choosing and ordering
/// articles before their bodies are read: the front matter of Markdown,
/// the `meta` of article JSON. Errors are those [`read`] would report
/// first for the same part of the file.
pub fn read_meta(bytes: &[u8], format: Format, file: &str) -> Result<Meta> {
    read_page_meta(bytes, format, file, None)
}

/// [`read_meta`] of a site's page, by its generator's rules.
pub fn read_page_meta(
    bytes: &[u8],
    format: Format,
    file: &str,
    page: Option<&site::Page<'_>>,
) -> Result<Meta> {
    let text = decode(bytes, file)?;
    match format {
        Format::Markdown => markdown::read_meta(&text, file, page),
        _ => read(bytes, format, file).map(|article| article.meta),
    }
}

/// UTF-8 text with a leading byte-order mark dropped and every line ending
/// made `\n`. Characters XML 1.0 cannot carry are refused here, with their
/// place, so that no writer can emit them.
pub(crate) fn decode(bytes: &[u8], file: &str) -> Result<String> {
    let text = decode_text(bytes, file, "an article")?;
    if let Some((offset, found)) = first_forbidden(&text) {
        let (line, column) = line_column(&text, offset);
        return Err(Error::invalid_input(
            file,
            line,
            column,
            format!("{} is not allowed in an article", describe(found)),
        ));
    }
    Ok(text)
}

/// UTF-8 text with a leading byte-order mark dropped and every line ending
/// made `\n`; `what` the text is, for the error.
pub(crate) fn decode_text(bytes: &[u8], file: &str, what: &str) -> Result<String> {
    let text = std::str::from_utf8(bytes).map_err(|error| {
        let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default();
        let (line, column) = line_column(valid, valid.len());
        Error::invalid_input(
            file,
            line,
            column,
            format!("invalid UTF-8: {what} must be UTF-8 text"),
        )
    })?;
    Ok(with_newlines(
        text.strip_prefix('\u{feff}').unwrap_or(text).to_owned(),
    ))
}

/// `text` with every line ending made `\n`, as XML and CommonMark read
/// `\r\n` and a lone `\r` alike.
pub(crate) fn with_newlines(text: String) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    }
}

/// Where each line of a text starts, so that placing many offsets is a
/// binary search each rather than a scan of everything before them; and
/// the last place found, so that offsets placed in order along one long
/// line (a feed written on one line) count each character once.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
    last: std::cell::Cell<(usize, usize)>,
}

impl LineIndex<'_> {
    pub(crate) fn new(text: &str) -> LineIndex<'_> {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(index, _)| index + 1))
            .collect();
        LineIndex {
            text,
            starts,
            last: std::cell::Cell::new((0, 1)),
        }
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn place(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let start = self.starts[line];
        let (last_offset, last_column) = self.last.get();
        let (from, column) = if (start..=offset).contains(&last_offset) {
            (last_offset, last_column)
        } else {
            (start, 1)
        };
        match self.text.get(from..offset) {
            Some(before) => {
                let column = column + before.chars().count();
                self.last.set((offset, column));
                (line + 1, column)
            }
            None => (line + 1, 1),
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_in_any_order_are_the_lines_and_columns_counted_afresh() {
        let text = "<a>é</a><b>日本</b>\n<c>x</c>\n\n<d>ü</d>";
        let index = LineIndex::new(text);
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&offset| text.is_char_boundary(offset))
            .collect();
        // In order, backwards, and jumping between lines.
        for offset in offsets
            .iter()
            .chain(offsets.iter().rev())
            .chain(offsets.iter().step_by(3))
        {
            assert_eq!(
                index.place(*offset),
                line_column(text, *offset),
                "at {offset}"
            );
        }
    }

    #[test]
    fn invalid_utf8_is_placed() {
        let error = decode(b"---\ntitle: \xff\n", "a.md").unwrap_err();
        assert_eq!(
            error.to_string(),
            "a.md:2:8: invalid UTF-8: an article must be UTF-8 text"
        );
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        assert_eq!(
            decode("\u{feff}a\r\nb\rc".as_bytes(), "a.md").unwrap(),
            "a\nb\nc"
        );
    }

    #[test]
    fn nul_is_refused_with_its_place() {
        let error = decode(b"---\nab\0\n", "a.md").unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("a.md:2:3: control character U+0000"),
            "{error}"
        );
    }
}
