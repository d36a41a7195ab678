//! Atom 1.0 (RFC 4287), built with `atom_syndication`'s types.

use super::feed::{GENERATOR, INDENT, Item, WithData, entry_lines, write_with_entries};
use super::spool::Lines;
use crate::extension::{escaped_attribute, extension_map, extension_namespaces};
use crate::feed::Feed;
use crate::model::Author;
use atom_syndication::extension::Extension;
use atom_syndication::{Category, Content, Entry, Generator, Link, Person, Text, WriteConfig};
use std::io;

/// Writes the feed as Atom 1.0, its articles already written as the lines
/// of their `entry` elements.
pub(crate) fn write(feed: &Feed, entries: &[Lines], out: &mut dyn io::Write) -> io::Result<()> {
    write_with_entries(&written(&document(feed))?, "</feed>", entries, out)?;
    out.write_all(b"\n")
}

/// Writes a feed of one article in one pass: what [`write`] gives with
/// the article's [`entry`], since the crate writes entries last.
pub(crate) fn write_one(feed: &Feed, item: Item<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let (item, data) = item.without_data();
    let mut document = document(feed);
    document.entries = vec![atom_entry(item)];
    WithData::write(out, &data, |out| write_to(&document, out))?;
    out.write_all(b"\n")
}

/// The feed without its entries.
fn document(feed: &Feed) -> atom_syndication::Feed {
    let info = &feed.channel;
    let mut authors: Vec<Person> = info.authors.iter().map(person).collect();
    // RFC 4287 §4.1.1: a feed needs an author unless every entry has one.
    if authors.is_empty()
        && feed
            .articles
            .iter()
            .any(|article| article.meta.authors.is_empty())
    {
        let name = feed
            .articles
            .iter()
            .find_map(|article| article.meta.publisher.clone())
            .unwrap_or_else(|| feed.title());
        authors.push(Person {
            name,
            ..Person::default()
        });
    }
    let mut links = Vec::new();
    if let Some(link) = &info.link {
        links.push(link_to(link, "alternate", "text/html"));
    }
    if let Some(feed_url) = &info.feed_url {
        links.push(link_to(feed_url, "self", "application/atom+xml"));
    }
    links.extend(info.hubs.iter().map(|hub| Link {
        href: hub.clone(),
        rel: "hub".to_owned(),
        ..Link::default()
    }));
    let mut document = atom_syndication::Feed {
        title: Text::plain(feed.title()),
        id: feed.id(),
        updated: feed.updated().instant(),
        authors,
        links,
        subtitle: info.description.clone().map(Text::plain),
        generator: Some(Generator {
            value: GENERATOR.to_owned(),
            ..Generator::default()
        }),
        lang: info.language.clone(),
        rights: info.rights.clone().map(Text::plain),
        icon: info.icon.clone(),
        logo: info.logo.clone(),
        ..atom_syndication::Feed::default()
    };
    document.namespaces.extend(extension_namespaces());
    document
}

/// One article as the lines of an Atom `entry`.
pub(crate) fn entry(item: Item<'_>) -> io::Result<Vec<u8>> {
    let (item, data) = item.without_data();
    let document = atom_syndication::Feed {
        entries: vec![atom_entry(item)],
        ..atom_syndication::Feed::default()
    };
    let mut written = Vec::new();
    WithData::write(&mut written, &data, |out| write_to(&document, out))?;
    entry_lines(&written, "<entry>", "</entry>")
}

fn written(document: &atom_syndication::Feed) -> io::Result<Vec<u8>> {
    let mut written = Vec::new();
    write_to(document, &mut written)?;
    Ok(written)
}

fn write_to(document: &atom_syndication::Feed, out: &mut dyn io::Write) -> io::Result<()> {
    let config = WriteConfig {
        write_document_declaration: true,
        indent_size: Some(INDENT),
    };
    document
        .write_with_config(out, config)
        .map(drop)
        .map_err(|error| io::Error::other(error.to_string()))
}

fn person(author: &Author) -> Person {
    Person {
        name: author.name.clone(),
        email: author.email.clone(),
        uri: author.url.clone(),
        ..Person::default()
    }
}

fn link_to(href: &str, rel: &str, mime_type: &str) -> Link {
    Link {
        href: href.to_owned(),
        rel: rel.to_owned(),
        mime_type: Some(mime_type.to_owned()),
        ..Link::default()
    }
}

/// Takes the item by value so its content moves into the feed.
fn atom_entry(item: Item<'_>) -> Entry {
    let meta = &*item.meta;
    let extensions = extension_map!(item.extension_elements(), Extension, escaped_attribute);
    Entry {
        title: Text::plain(meta.title.clone()),
        id: crate::url::as_iri(&meta.id).into_owned(),
        updated: meta.updated_or_published().instant(),
        published: Some(meta.published.instant()),
        authors: meta.authors.iter().map(person).collect(),
        links: meta
            .url
            .iter()
            .map(|url| link_to(url, "alternate", "text/html"))
            .chain(meta.enclosures().into_iter().map(|enclosure| Link {
                href: enclosure.url,
                rel: "enclosure".to_owned(),
                mime_type: enclosure.mime_type,
                title: enclosure.title,
                length: enclosure.length.map(|length| length.to_string()),
                ..Link::default()
            }))
            .collect(),
        categories: meta
            .tags
            .iter()
            .map(|tag| Category {
                term: tag.clone(),
                ..Category::default()
            })
            .collect(),
        summary: item.summary.map(Text::plain),
        content: Some(Content {
            value: Some(item.content_html),
            content_type: Some("html".to_owned()),
            lang: meta.language.clone(),
            ..Content::default()
        }),
        extensions,
        ..Entry::default()
    }
}
