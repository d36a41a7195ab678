//! newswire turns one canonical article file — front matter and a
//! CommonMark body — into Markdown, plain text, HTML and article JSON,
//! keeping every quote's attribution and the discussion prompts.
//!
//! Readers produce one [`Article`] model; writers consume it. Quotes and the
//! discussion are typed parts of the model, so every writer carries them.
//!
//! ```
//! use newswire::{Format, WriteOptions};
//!
//! let source = "---\ntitle: Talks end\npublished: 2014-02-17\n---\n\n\
//!     > Assad himself is a magnet for terrorism.\n>\n\
//!     > — John Kerry, U.S. Secretary of State\n";
//! let article = newswire::read(source.as_bytes(), Format::Markdown, "talks.md")?;
//! let quote = article.quotes().next().unwrap();
//! assert_eq!(quote.attribution.name, "John Kerry");
//!
//! let text = newswire::write_to_string(Format::Text, &article, &WriteOptions::default());
//! assert!(text.contains("— John Kerry, U.S. Secretary of State"));
//! # Ok::<(), newswire::Error>(())
//! ```
#![warn(missing_docs)]

mod chars;
pub mod check;
mod commonmark;
mod convert;
pub mod error;
mod extension;
pub mod feed;
pub mod fidelity;
pub mod format;
mod language;
pub mod model;
mod nesting;
mod pieces;
pub mod read;
mod url;
pub mod valid;
pub mod write;

pub use convert::{Source, convert_each};
pub use error::{Diagnostic, Error, ErrorKind, Result};
pub use feed::{Channel, Feed, Podcast};
pub use fidelity::Change;
pub use format::Format;
pub use model::{Article, Attribution, Author, Block, Date, Discussion, Image, Meta, Quote};
pub use read::feed::Imported;
pub use read::read_feed_bytes as read_feed;
pub use read::{read, read_meta};
pub use write::{
    Document, FeedEntry, ItemOptions, PageOptions, PageTemplate, Spool, WriteOptions, write,
    write_each, write_feed, write_feed_entries, write_to_string,
};
