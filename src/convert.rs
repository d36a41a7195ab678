//! Reading and writing in one pass: the reader's parse of a Markdown body
//! is handed to the writers, which would otherwise parse it again. This
//! sits above both `read` and `write`, which know nothing of each other.

use crate::format::Format;
use crate::model::Article;
use crate::pieces::ParsedBody;
use crate::read::Metadata;
use crate::read::site::Page;
use crate::write::{FeedEntry, ItemOptions, WriteOptions};

/// One article as it is to be read: its bytes, their format, the name
/// errors give it, and the front-matter fields that replace its own.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file's bytes.
    pub bytes: &'a [u8],
    /// The format they are in, `markdown` or `article-json`.
    pub format: Format,
    /// The input as the user named it (`-` for standard input).
    pub file: &'a str,
    /// Fields that replace the front matter's, as `-M` gives them.
    pub metadata: &'a Metadata,
    /// The site page the file is, read by its generator's rules.
    pub page: Option<&'a Page<'a>>,
}

impl<'a> Source<'a> {
    /// A file read as it is: no fields replaced, no site's rules.
    pub fn new(bytes: &'a [u8], format: Format, file: &'a str) -> Source<'a> {
        Source {
            bytes,
            format,
            file,
            metadata: Metadata::none(),
            page: None,
        }
    }
}

/// Reads one article and writes it in each of `formats`, as [`read`] and
/// [`write_each`](crate::write_each) would, sharing the reader's parse of a
/// Markdown body with the writers. `check` sees the article before
/// anything is written.
///
/// [`read`]: crate::read()
pub fn convert_each<E: From<crate::Error>>(
    source: Source<'_>,
    formats: &[Format],
    options: &WriteOptions,
    check: impl FnOnce(&Article) -> Result<(), E>,
    put: impl FnMut(crate::write::Document<'_>) -> Result<(), E>,
) -> Result<(), E> {
    read_sharing(source, |article, body, arena| {
        check(&article)?;
        crate::write::write_each_parsed(formats, &article, body, arena, options, put)
    })
}

/// Reads `source` and hands `then` the article with the reader's tree of
/// its body when the writers can share it. When they cannot, that tree is
/// freed first and `then` gets a fresh arena to parse the body into: two
/// trees of a long body would double the peak.
fn read_sharing<T, E: From<crate::Error>>(
    source: Source<'_>,
    then: impl for<'a> FnOnce(Article, Option<ParsedBody<'a>>, &'a comrak::Arena<'a>) -> Result<T, E>,
) -> Result<T, E> {
    let Source {
        bytes,
        format,
        file,
        metadata,
        page,
    } = source;
    let article = {
        let arena = comrak::Arena::new();
        let (article, body) =
            crate::read::read_parsed(&arena, bytes, format, file, metadata, page)?;
        if body.is_some() {
            return then(article, body, &arena);
        }
        article
    };
    then(article, None, &comrak::Arena::new())
}

impl FeedEntry {
    /// Reads one article and writes it as an entry of a `format` feed, as
    /// [`read`] and [`FeedEntry::new`] would, sharing the reader's parse of a
    /// Markdown body with the entry's content.
    ///
    /// [`read`]: crate::read()
    pub fn read(
        format: Format,
        source: Source<'_>,
        options: ItemOptions,
    ) -> crate::Result<(Article, FeedEntry)> {
        let file = source.file;
        read_sharing(source, |article, body, arena| {
            let body = ParsedBody::shared_or_new(body, arena, &article.body);
            let item = crate::write::feed::Item::parsed(
                &article,
                body,
                format == Format::JsonFeed,
                options,
            );
            let entry = FeedEntry::from_item(format, item)
                .map_err(|error| crate::Error::write_output(file, error))?;
            Ok((article, entry))
        })
    }
}
