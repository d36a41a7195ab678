//! The model as pretty-printed JSON, the exact form `-f article-json` reads.

use super::WriteOptions;
use crate::model::Article;
use std::io;

/// Writes the article model as JSON.
pub fn write(
    article: &Article,
    _options: &WriteOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, article)?;
    out.write_all(b"\n")
}
