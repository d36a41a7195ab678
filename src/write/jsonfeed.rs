//! JSON Feed 1.1, serialised with serde from typed structs.

use super::feed::{Item, NewswireData};
use super::text;
use crate::feed::Feed;
use crate::model::Author;
use serde::Serialize;
use std::io;

/// The version URL JSON Feed 1.1 requires.
const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed {
    version: &'static str,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    home_page_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor>,
    items: Vec<JsonItem>,
}

/// JSON Feed authors have `name`, `url` and `avatar`; no e-mail field.
#[derive(Serialize)]
struct JsonAuthor {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct JsonItem {
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<String>,
    content_html: String,
    content_text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<String>,
    date_published: String,
    date_modified: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<String>,
    /// Readers ignore keys starting with `_`; newswire reads this back.
    #[serde(rename = "_newswire")]
    newswire: NewswireData,
}

fn authors(authors: &[Author]) -> Vec<JsonAuthor> {
    authors
        .iter()
        .map(|author| JsonAuthor {
            name: author.name.clone(),
            url: author.url.clone(),
        })
        .collect()
}

/// Writes the feed as JSON Feed 1.1, its articles already made into items.
pub(crate) fn write(feed: &Feed, items: Vec<JsonItem>, out: &mut dyn io::Write) -> io::Result<()> {
    let info = &feed.channel;
    let document = JsonFeed {
        version: VERSION,
        title: feed.title(),
        home_page_url: info.link.clone(),
        feed_url: info.feed_url.clone(),
        description: info.description.clone(),
        language: info.language.clone(),
        authors: authors(&info.authors),
        items,
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    out.write_all(b"\n")
}

pub(crate) fn item(item: Item<'_>) -> JsonItem {
    let meta = &item.article.meta;
    JsonItem {
        id: meta.id.clone(),
        url: meta.url.clone(),
        title: meta.title.clone(),
        summary: item.summary,
        content_html: item.content_html,
        content_text: text::content_text(item.article),
        image: item.image_url,
        date_published: meta.published.to_rfc3339(),
        date_modified: meta.updated_or_published().to_rfc3339(),
        authors: authors(&meta.authors),
        tags: meta.tags.clone(),
        language: meta.language.clone(),
        newswire: item.data,
    }
}
