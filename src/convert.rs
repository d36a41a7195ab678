//! Reading and writing in one pass: the reader's parse of a Markdown body
//! is handed to the writers, which would otherwise parse it again. This
//! sits above both `read` and `write`, which know nothing of each other.

use crate::commonmark::ParsedBody;
use crate::format::Format;
use crate::model::Article;
use crate::read::Metadata;
use crate::write::{FeedEntry, WriteOptions};

/// Reads one article and writes it in each of `formats`, as [`read`] and
/// [`write_each`](crate::write_each) would, sharing the reader's parse of a
/// Markdown body with the writers. `metadata` replaces fields of the front
/// matter, and `check` sees the article before anything is written.
///
/// [`read`]: crate::read()
pub fn convert_each<E: From<crate::Error>>(
    bytes: &[u8],
    from: Format,
    file: &str,
    metadata: &Metadata,
    formats: &[Format],
    options: &WriteOptions,
    check: impl FnOnce(&Article) -> Result<(), E>,
    put: impl FnMut(Format, &[u8]) -> Result<(), E>,
) -> Result<(), E> {
    let arena = comrak::Arena::new();
    let (article, body) = crate::read::read_parsed(&arena, bytes, from, file, metadata)?;
    check(&article)?;
    crate::write::write_each_parsed(formats, &article, body, &arena, options, put)
}

impl FeedEntry {
    /// Reads one article and writes it as an entry of a `format` feed, as
    /// [`read`] and [`FeedEntry::new`] would, sharing the reader's parse of a
    /// Markdown body with the entry's content.
    ///
    /// [`read`]: crate::read()
    pub fn read(
        format: Format,
        bytes: &[u8],
        from: Format,
        file: &str,
    ) -> crate::Result<(Article, FeedEntry)> {
        let arena = comrak::Arena::new();
        let metadata = Metadata::default();
        let (article, body) = crate::read::read_parsed(&arena, bytes, from, file, &metadata)?;
        let body = ParsedBody::shared_or_new(body, &arena, &article.body);
        let item = crate::write::feed::Item::parsed(&article, body, format == Format::JsonFeed);
        let entry = FeedEntry::from_item(format, item)
            .map_err(|error| crate::Error::write_output(file, error))?;
        Ok((article, entry))
    }
}
