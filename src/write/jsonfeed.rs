//! JSON Feed 1.1, serialised with serde from typed structs.

use super::feed::{Item, entry_lines, rfind};
use super::spool::Lines;
use super::text;
use crate::extension::NewswireData;
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
    /// The large image (JSON Feed's `icon` is 512 pixels square).
    #[serde(skip_serializing_if = "Option::is_none")]
    icon: Option<String>,
    /// The small image (64 pixels square).
    #[serde(skip_serializing_if = "Option::is_none")]
    favicon: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    authors: Vec<JsonAuthor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<JsonHub>,
    items: Vec<JsonItem>,
}

/// A hub subscribers may use for real-time notification of changes.
#[derive(Serialize)]
struct JsonHub {
    #[serde(rename = "type")]
    kind: &'static str,
    url: String,
}

/// JSON Feed authors have `name`, `url` and `avatar`; no e-mail field.
#[derive(Serialize)]
struct JsonAuthor {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonItem {
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<JsonAttachment>,
    /// Readers ignore keys starting with `_`; newswire reads this back.
    #[serde(rename = "_newswire")]
    newswire: NewswireData,
}

/// A media file, as JSON Feed 1.1 has it; `mime_type` is required.
#[derive(Serialize)]
struct JsonAttachment {
    url: String,
    mime_type: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_in_bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_in_seconds: Option<u64>,
}

fn attachments(meta: &crate::model::Meta) -> Vec<JsonAttachment> {
    meta.enclosures()
        .into_iter()
        .map(|enclosure| JsonAttachment {
            url: enclosure.url,
            mime_type: enclosure
                .mime_type
                .unwrap_or_else(|| "application/octet-stream".to_owned()),
            title: enclosure.title,
            size_in_bytes: enclosure.length,
            duration_in_seconds: enclosure.duration,
        })
        .collect()
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

/// Writes the feed as JSON Feed 1.1, its articles already written as the
/// lines of their item objects.
pub(crate) fn write(feed: &Feed, items: &[Lines], out: &mut dyn io::Write) -> io::Result<()> {
    let document = serde_json::to_vec_pretty(&document(feed, Vec::new()))?;
    // `items` is written last, as `[]`; the items go between the brackets.
    let at = rfind(&document, b"[]")
        .ok_or_else(|| io::Error::other("the feed writer wrote no items"))?;
    out.write_all(&document[..=at])?;
    if !items.is_empty() {
        out.write_all(b"\n")?;
        let mut buffer = Vec::new();
        for (index, item) in items.iter().enumerate() {
            if index > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(item.bytes(&mut buffer)?.trim_ascii_end())?;
        }
        out.write_all(b"\n  ")?;
    }
    out.write_all(&document[at + 1..])?;
    out.write_all(b"\n")
}

/// Writes a feed of one article in one pass: what [`write`] gives with
/// the article's [`entry`], since `items` is the last key.
pub(crate) fn write_one(feed: &Feed, item: Item<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &document(feed, vec![json_item(item)]))?;
    out.write_all(b"\n")
}

fn document(feed: &Feed, items: Vec<JsonItem>) -> JsonFeed {
    let info = &feed.channel;
    JsonFeed {
        version: VERSION,
        title: feed.title(),
        home_page_url: info.link.clone(),
        feed_url: info.feed_url.clone(),
        description: info.description.clone(),
        language: info.language.clone(),
        icon: info.logo.clone().or_else(|| info.icon.clone()),
        favicon: info.icon.clone(),
        authors: authors(&info.authors),
        hubs: info
            .hubs
            .iter()
            .map(|url| JsonHub {
                kind: "WebSub",
                url: url.clone(),
            })
            .collect(),
        items,
    }
}

/// One article as the lines of a JSON Feed item object.
pub(crate) fn entry(item: Item<'_>) -> io::Result<Vec<u8>> {
    let document = JsonFeed {
        version: VERSION,
        title: String::new(),
        home_page_url: None,
        feed_url: None,
        description: None,
        language: None,
        icon: None,
        favicon: None,
        authors: Vec::new(),
        hubs: Vec::new(),
        items: vec![json_item(item)],
    };
    entry_lines(&serde_json::to_vec_pretty(&document)?, "    {", "    }")
}

fn json_item(item: Item<'_>) -> JsonItem {
    let meta = &*item.meta;
    JsonItem {
        id: meta.id.clone(),
        url: meta.url.clone(),
        title: meta.title.clone(),
        summary: item.summary,
        content_html: item.content_html,
        content_text: item
            .content_text
            .unwrap_or_else(|| text::Content::new(item.article, &[0]).unwrapped()),
        image: item.image_url,
        date_published: meta.published.to_rfc3339(),
        date_modified: meta.updated_or_published().to_rfc3339(),
        authors: authors(&meta.authors),
        tags: meta.tags.clone(),
        language: meta.language.clone(),
        attachments: attachments(meta),
        newswire: item.data,
    }
}
