//! JSON Feed 1.0 and 1.1 read back with serde. 1.0's single `author`
//! counts as 1.1's `authors`; our `_newswire` object comes back whole.

use super::feed::{Enclosure, Entry, Parsed};
use crate::error::{Error, Result};
use crate::extension::NewswireData;
use crate::feed::Channel;
use crate::model::{Author, Date, Image};
use serde::Deserialize;

#[derive(Deserialize)]
struct JsonFeed {
    title: Option<String>,
    home_page_url: Option<String>,
    feed_url: Option<String>,
    description: Option<String>,
    language: Option<String>,
    #[serde(default)]
    authors: Vec<JsonAuthor>,
    author: Option<JsonAuthor>,
    #[serde(default)]
    items: Vec<JsonItem>,
}

#[derive(Deserialize)]
struct JsonAuthor {
    name: Option<String>,
    url: Option<String>,
}

#[derive(Deserialize)]
struct JsonItem {
    id: Option<serde_json::Value>,
    url: Option<String>,
    external_url: Option<String>,
    title: Option<String>,
    content_html: Option<String>,
    content_text: Option<String>,
    summary: Option<String>,
    image: Option<String>,
    banner_image: Option<String>,
    date_published: Option<String>,
    date_modified: Option<String>,
    #[serde(default)]
    authors: Vec<JsonAuthor>,
    author: Option<JsonAuthor>,
    #[serde(default)]
    tags: Vec<String>,
    language: Option<String>,
    #[serde(default)]
    attachments: Vec<Attachment>,
    #[serde(rename = "_newswire")]
    newswire: Option<NewswireData>,
}

#[derive(Deserialize)]
struct Attachment {
    url: String,
    mime_type: Option<String>,
    size_in_bytes: Option<u64>,
}

/// Reads a JSON Feed that [`super::feed::detect`] recognised.
pub(crate) fn read(text: &str, file: &str) -> Result<Parsed> {
    let feed: JsonFeed = serde_json::from_str(text).map_err(|error| {
        Error::invalid_input(
            file,
            error.line().max(1),
            error.column().max(1),
            format!("not a valid JSON Feed: {error}"),
        )
    })?;
    let authors = feed
        .authors
        .into_iter()
        .chain(feed.author)
        .map(author)
        .collect();
    let entries = feed
        .items
        .into_iter()
        .enumerate()
        .map(|(index, item)| entry(item, index + 1))
        .collect();
    Ok(Parsed {
        channel: Channel {
            title: feed.title,
            link: feed.home_page_url,
            feed_url: feed.feed_url,
            description: feed.description,
            language: feed.language,
            authors,
            ..Channel::default()
        },
        entries,
        date: None,
        changes: Vec::new(),
    })
}

/// An author as the model holds one; one with no name is named, or left
/// out, with the other formats' people, with a note.
fn author(author: JsonAuthor) -> Author {
    Author {
        name: author.name.unwrap_or_default(),
        url: author.url,
        email: None,
    }
}

fn entry(item: JsonItem, index: usize) -> Entry {
    let mut entry = Entry {
        index,
        title: item.title,
        id: item.id.map(|id| match id {
            serde_json::Value::String(id) => id,
            other => other.to_string(),
        }),
        url: item.url.or(item.external_url),
        authors: item
            .authors
            .into_iter()
            .chain(item.author)
            .map(author)
            .collect(),
        summary_html: item
            .summary
            .map(|summary| quick_xml::escape::escape(summary.as_str()).into_owned()),
        content_html: item.content_html,
        content_text: item.content_text,
        tags: item.tags,
        language: item.language,
        image: item.image.or(item.banner_image).map(Image::new),
        newswire: item.newswire,
        ..Entry::default()
    };
    for (field, date) in [
        ("date_published", item.date_published),
        ("date_modified", item.date_modified),
    ] {
        let Some(text) = date else { continue };
        match Date::parse(&text).filter(|_| text.contains('T')) {
            Some(date) if field == "date_published" => entry.published = Some(date),
            Some(date) => entry.updated = Some(date),
            None => entry.drop_field(field, format!("{text:?} is not an RFC 3339 date")),
        }
    }
    for attachment in item.attachments {
        entry.attach(Enclosure {
            url: attachment.url,
            mime_type: attachment.mime_type,
            length: attachment.size_in_bytes,
            ..Enclosure::default()
        });
    }
    entry
}
