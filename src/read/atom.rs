//! Atom 1.0 read back with `atom_syndication`, which keeps extension
//! elements: Media RSS (YouTube puts a video's description and thumbnail
//! there) and our own `nw:article`.

use super::feed::{Enclosure, Entry, Parsed};
use super::xml_base::{Bases, EntryBases};
use crate::error::Result;
use crate::extension::{NewswireData, extension_elements};
use crate::feed::Channel;
use crate::fidelity::Change;
use crate::model::{Author, Date};
use atom_syndication::{Person, Text, TextType};

/// Reads an Atom document that [`super::feed::detect`] recognised.
pub(crate) fn read(text: &str, file: &str) -> Result<Parsed> {
    let first = read_atom_1(super::atom_dialects::as_atom_1(text));
    let (feed, mut changes, entry_document, bases) = match first {
        Err(atom_syndication::Error::WrongAttribute {
            attribute: "type", ..
        }) => read_atom_1(super::atom_dialects::with_types_repaired(text)),
        other => other,
    }
    .map_err(|error| {
        let needle = match &error {
            atom_syndication::Error::WrongDatetime(value) => value.as_str(),
            _ => "",
        };
        let message = match &error {
            atom_syndication::Error::WrongDatetime(value) => {
                format!("{value:?} is not a date: expected RFC 3339 (2014-02-17T18:00:00-05:00)")
            }
            other => format!("not a valid Atom feed: {other}"),
        };
        super::feed::error_at_value(text, needle, file, message)
    })?;
    // xml:base on the feed; the entries' and links' own come from `bases`.
    let base = feed
        .base
        .as_deref()
        .and_then(|base| ammonia::Url::parse(base.trim()).ok());
    let bases = bases.unwrap_or_default();
    for (field, present) in [
        ("icon", feed.icon.is_some() || feed.logo.is_some()),
        ("rights", feed.rights.is_some()),
        ("category", !feed.categories.is_empty()),
    ] {
        if present {
            changes.push(Change::dropped(
                None,
                field,
                "the feed's own field has no place in the article model",
            ));
        }
    }
    let entries = feed
        .entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            read_entry(
                entry,
                index + 1,
                &feed.namespaces,
                feed.lang.as_deref(),
                bases
                    .entries
                    .get(index)
                    .cloned()
                    .unwrap_or_else(|| EntryBases {
                        entry: base.clone(),
                        ..EntryBases::default()
                    }),
            )
        })
        .collect();
    let title = match (entry_document, feed.entries.first()) {
        (true, Some(entry)) => text_value(&entry.title),
        _ => text_value(&feed.title),
    };
    let channel = Channel {
        title: Some(title).filter(|title| !title.is_empty()),
        link: link(&feed.links, "alternate", &bases.feed_links, base.as_ref())
            .or_else(|| base.as_ref().map(|base| base.as_str().to_owned())),
        feed_url: link(&feed.links, "self", &[], None),
        description: feed
            .subtitle
            .as_ref()
            .map(text_value)
            .filter(|s| !s.is_empty()),
        language: feed.lang.clone(),
        authors: feed.authors.iter().map(person).collect(),
        id: Some(feed.id.trim().to_owned()).filter(|id| !id.is_empty()),
        rights: feed
            .rights
            .as_ref()
            .map(text_value)
            .filter(|s| !s.is_empty()),
        icon: feed.icon.clone().filter(|url| crate::url::is_web_url(url)),
        logo: feed.logo.clone().filter(|url| crate::url::is_web_url(url)),
        hubs: feed
            .links
            .iter()
            .filter(|link| link.rel == "hub" && crate::url::is_web_url(&link.href))
            .map(|link| link.href.clone())
            .collect(),
        ..Channel::default()
    };
    Ok(Parsed {
        channel,
        entries,
        date: atom_date(&feed.updated),
        changes,
    })
}

/// The feed in Atom 1.0, as an entry document's feed when it is one, with
/// what changed on the way, whether it was an entry document, and the
/// bases of its entries and links when there is one for every entry.
#[allow(clippy::type_complexity)]
fn read_atom_1(
    (atom, mut changes): (std::borrow::Cow<'_, str>, Vec<Change>),
) -> std::result::Result<
    (atom_syndication::Feed, Vec<Change>, bool, Option<Bases>),
    atom_syndication::Error,
> {
    let entry_document = super::atom_dialects::entry_in_feed(&atom);
    if entry_document.is_some() {
        changes.push(Change::changed(
            None,
            "format",
            "an Atom entry document, read as a feed of that entry, titled after it",
        ));
    }
    let atom = entry_document.as_deref().unwrap_or(&atom);
    let feed = atom_syndication::Feed::read_from(atom.as_bytes())?;
    let bases = Bases::of(atom).filter(|bases| bases.entries.len() == feed.entries.len());
    Ok((feed, changes, entry_document.is_some(), bases))
}

fn read_entry(
    source: &atom_syndication::Entry,
    index: usize,
    namespaces: &std::collections::BTreeMap<String, String>,
    feed_language: Option<&str>,
    bases: EntryBases,
) -> Entry {
    let base = bases.entry.as_ref();
    let elements = extension_elements!(
        source.extensions,
        namespaces,
        atom_syndication::extension::Extension
    );
    let (image, enclosures, media_description) = super::feed::media(&elements);
    let mut entry = Entry {
        index,
        title: Some(source.title.value.clone()),
        title_is_html: source.title.r#type != TextType::Text,
        id: Some(source.id.trim().to_owned()).filter(|id| !id.is_empty()),
        url: link(&source.links, "alternate", &bases.links, base),
        published: source.published.as_ref().and_then(atom_date),
        updated: atom_date(&source.updated),
        authors: source.authors.iter().map(person).collect(),
        summary_html: source.summary.as_ref().map(html_of),
        tags: source
            .categories
            .iter()
            .map(|category| {
                category
                    .label
                    .clone()
                    .unwrap_or_else(|| category.term.clone())
            })
            .collect(),
        image,
        newswire: NewswireData::from_elements(&elements),
        ..Entry::default()
    };
    match &source.content {
        Some(content) if content.src.is_some() => entry.drop_field(
            "content",
            format!(
                "the content is elsewhere ({}) and is not fetched",
                content.src.as_deref().unwrap_or_default()
            ),
        ),
        Some(content) => {
            let value = content.value.clone().unwrap_or_default();
            match content.content_type.as_deref() {
                None | Some("text") => entry.content_text = Some(value),
                Some("html" | "xhtml") => {
                    entry.content_html = Some(value);
                    // With no bases found, the content's own, which the
                    // crate keeps, against the entry's.
                    entry.content_base = match &bases.content {
                        Some(own) => Some(own.as_str().to_owned()),
                        None => content
                            .base
                            .as_deref()
                            .map(|own| crate::url::resolved(base, own.trim()))
                            .or_else(|| base.map(|base| base.as_str().to_owned())),
                    }
                    .filter(|base| crate::url::is_web_url(base));
                }
                Some(other) if other.starts_with("text/") => entry.content_text = Some(value),
                Some(other) => {
                    entry.drop_field("content", format!("content of type {other} is not text"))
                }
            }
            entry.language = content.lang.clone();
        }
        None => {}
    }
    if entry.content_html.is_none() && entry.content_text.is_none() && entry.summary_html.is_none()
    {
        entry.content_text = media_description;
    }
    entry.language = entry
        .language
        .or_else(|| source.title.lang.clone())
        .or_else(|| feed_language.map(str::to_owned));
    entry.enclosures = enclosures;
    let enclosures = source.links.iter().enumerate();
    for (index, link) in enclosures.filter(|(_, link)| link.rel == "enclosure") {
        let base = bases.links.get(index).map_or(base, Option::as_ref);
        entry.attach(Enclosure {
            url: crate::url::resolved(base, link.href.trim()),
            mime_type: link.mime_type.clone(),
            length: link
                .length
                .as_deref()
                .and_then(|length| length.parse().ok()),
            ..Enclosure::default()
        });
    }
    if !source.contributors.is_empty() {
        entry.drop_field("contributor", "the article model has authors only");
    }
    for (field, date) in [
        ("published", source.published.as_ref()),
        ("updated", Some(&source.updated)),
    ] {
        if let Some(date) = date.filter(|date| date.timestamp() != 0 && atom_date(date).is_none()) {
            entry.drop_field(
                field,
                format!("{date} falls outside the years four digits can write, in UTC or as given"),
            );
        }
    }
    entry
}

/// A date the crate filled in because the element was missing is the Unix
/// epoch; no real entry was written then.
fn atom_date(date: &atom_syndication::FixedDateTime) -> Option<Date> {
    (date.timestamp() != 0)
        .then(|| Date::from_read_instant(*date))
        .flatten()
}

/// The first link of relation `rel`, resolved against its own base in
/// `bases` (in the links' order), else against `base`.
fn link(
    links: &[atom_syndication::Link],
    rel: &str,
    bases: &[Option<ammonia::Url>],
    base: Option<&ammonia::Url>,
) -> Option<String> {
    let index = links
        .iter()
        .position(|link| link.rel == rel || (rel == "alternate" && link.rel.is_empty()))?;
    let base = bases.get(index).map_or(base, Option::as_ref);
    Some(crate::url::resolved(base, links[index].href.trim()))
}

fn person(person: &Person) -> Author {
    Author {
        name: person.name.trim().to_owned(),
        url: person.uri.clone(),
        email: person.email.clone(),
    }
}

/// A text construct as HTML.
fn html_of(text: &Text) -> String {
    match text.r#type {
        TextType::Text => quick_xml::escape::escape(text.value.as_str()).into_owned(),
        TextType::Html | TextType::Xhtml => text.value.clone(),
    }
}

/// A text construct as plain text.
fn text_value(text: &Text) -> String {
    match text.r#type {
        TextType::Text => text.value.trim().to_owned(),
        TextType::Html | TextType::Xhtml => super::html::to_plain_text(&text.value),
    }
}
