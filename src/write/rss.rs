//! RSS 2.0, built with the `rss` crate's types. Names go in `dc:creator`
//! (RSS `author` must be an e-mail address), the full HTML in
//! `content:encoded`, the lead image in `media:content`.

use super::Namespaces;
use super::feed::{GENERATOR, INDENT, Item, WithData, entry_lines, write_with_entries};
use super::spool::Lines;
use crate::extension::{
    Element, PODCAST_NAMESPACE, PODCAST_PREFIX, extension_map, extension_namespaces,
};
use crate::feed::Feed;
use rss::extension::Extension;
use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid};
use std::collections::BTreeMap;
use std::io;

/// The namespace of `content:encoded`, which holds the full HTML.
const CONTENT_NAMESPACE: &str = "http://purl.org/rss/1.0/modules/content/";

/// Writes the feed as RSS 2.0, its articles already written as the lines
/// of their `item`s, which use `namespaces`.
pub(crate) fn write(
    feed: &Feed,
    items: &[Lines],
    namespaces: BTreeMap<&str, &str>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let document = written(&channel(feed, namespaces))?;
    write_with_entries(&document, "</channel>", items, out)?;
    out.write_all(b"\n")
}

/// Writes a feed of one article in one pass: what [`write`] gives with
/// the article's [`entry`], since the crate writes items last, where
/// entries go.
pub(crate) fn write_one(feed: &Feed, item: Item<'_>, out: &mut dyn io::Write) -> io::Result<()> {
    let (item, data) = item.without_data();
    let item = rss_item(item);
    let mut channel = channel(feed, item_namespaces(&item));
    channel.items = vec![item];
    WithData::write(out, &data, |out| pretty_write(&channel, out))?;
    out.write_all(b"\n")
}

/// The feed's channel without its items, declaring `namespaces`.
fn channel<'n>(feed: &Feed, namespaces: impl IntoIterator<Item = (&'n str, &'n str)>) -> Channel {
    let info = &feed.channel;
    let title = feed.title();
    let mut channel = Channel {
        title: title.clone(),
        // Required by RSS 2.0; the command line refuses to write a feed without one.
        link: info.link.clone().unwrap_or_default(),
        // RSS 2.0 requires a description; the title is the honest fallback.
        description: as_html(info.description.as_deref().unwrap_or(&title)),
        language: info.language.clone(),
        last_build_date: Some(feed.updated().to_rfc2822()),
        generator: Some(GENERATOR.to_owned()),
        copyright: info.rights.clone(),
        // RSS has one image, shown beside the feed's title: the logo, else
        // the icon.
        image: info
            .logo
            .as_ref()
            .or(info.icon.as_ref())
            .map(|url| rss::Image {
                url: url.clone(),
                title: title.clone(),
                link: info.link.clone().unwrap_or_default(),
                ..rss::Image::default()
            }),
        itunes_ext: info.podcast.as_ref().map(itunes_channel),
        ..Channel::default()
    };
    let mut links: Vec<Link> = info
        .feed_url
        .iter()
        .map(|feed_url| Link {
            href: feed_url.clone(),
            rel: "self".to_owned(),
            mime_type: Some("application/rss+xml".to_owned()),
            ..Link::default()
        })
        .collect();
    links.extend(info.hubs.iter().map(|hub| Link {
        href: hub.clone(),
        rel: "hub".to_owned(),
        ..Link::default()
    }));
    if !links.is_empty() {
        channel.atom_ext = Some(AtomExtension { links });
    }
    if !info.podcast_elements.is_empty() {
        channel.extensions = extension_map!(
            podcast_elements(&info.podcast_elements),
            Extension,
            str::to_owned
        );
        channel
            .namespaces
            .insert(PODCAST_PREFIX.to_owned(), PODCAST_NAMESPACE.to_owned());
    }
    channel.namespaces.extend(extension_namespaces());
    channel.namespaces.extend(
        namespaces
            .into_iter()
            .map(|(prefix, uri)| (prefix.to_owned(), uri.to_owned())),
    );
    channel
}

/// One article as the lines of an RSS `item`, and the namespaces the item
/// uses, which the channel must declare.
pub(crate) fn entry(item: Item<'_>) -> io::Result<(Vec<u8>, Namespaces)> {
    let (item, data) = item.without_data();
    let item = rss_item(item);
    let namespaces = item_namespaces(&item);
    let channel = Channel {
        items: vec![item],
        ..Channel::default()
    };
    let mut document = Vec::new();
    WithData::write(&mut document, &data, |out| pretty_write(&channel, out))?;
    Ok((entry_lines(&document, "<item>", "</item>")?, namespaces))
}

/// The namespaces of the extensions an item uses.
fn item_namespaces(item: &rss::Item) -> Namespaces {
    let mut namespaces = Vec::new();
    if item.content.is_some() {
        namespaces.push(("content", CONTENT_NAMESPACE));
    }
    if item.dublin_core_ext.is_some() {
        namespaces.push(("dc", rss::extension::dublincore::NAMESPACE));
    }
    if item.itunes_ext.is_some() {
        namespaces.push(("itunes", rss::extension::itunes::NAMESPACE));
    }
    if item.extensions.contains_key(PODCAST_PREFIX) {
        namespaces.push((PODCAST_PREFIX, PODCAST_NAMESPACE));
    }
    namespaces
}

fn written(channel: &Channel) -> io::Result<Vec<u8>> {
    let mut document = Vec::new();
    pretty_write(channel, &mut document)?;
    Ok(document)
}

fn pretty_write(channel: &Channel, out: &mut dyn io::Write) -> io::Result<()> {
    channel
        .pretty_write_to(out, b' ', INDENT)
        .map(drop)
        .map_err(|error| io::Error::other(error.to_string()))
}

/// A podcast's directory fields as iTunes channel elements.
fn itunes_channel(
    podcast: &crate::feed::Podcast,
) -> rss::extension::itunes::ITunesChannelExtension {
    use rss::extension::itunes::{ITunesCategory, ITunesChannelExtension, ITunesOwner};
    let category = |text: &str| ITunesCategory {
        text: text.to_owned(),
        subcategory: None,
    };
    ITunesChannelExtension {
        author: podcast.author.clone(),
        block: podcast.block.clone(),
        categories: podcast
            .categories
            .iter()
            .map(|written| match written.split_once('/') {
                Some((top, sub)) => ITunesCategory {
                    subcategory: Some(Box::new(category(sub))),
                    ..category(top)
                },
                None => category(written),
            })
            .collect(),
        image: podcast.image.clone(),
        explicit: podcast.explicit.clone(),
        complete: podcast.complete.clone(),
        new_feed_url: podcast.new_feed_url.clone(),
        owner: (podcast.owner_name.is_some() || podcast.owner_email.is_some()).then(|| {
            ITunesOwner {
                name: podcast.owner_name.clone(),
                email: podcast.owner_email.clone(),
            }
        }),
        subtitle: podcast.subtitle.clone(),
        summary: podcast.summary.clone(),
        keywords: podcast.keywords.clone(),
        r#type: podcast.show_type.clone(),
    }
}

/// A podcast episode's iTunes fields, from the front matter's `itunes`
/// mapping, which reading an iTunes feed fills: RSS to RSS keeps them.
fn itunes(item: &Item<'_>) -> Option<rss::extension::itunes::ITunesItemExtension> {
    let meta = &*item.meta;
    let Some(serde_json::Value::Object(fields)) = meta.extra.get("itunes") else {
        return None;
    };
    let field = |key: &str| {
        fields
            .get(key)
            .and_then(|value| value.as_str())
            .map(str::to_owned)
    };
    Some(rss::extension::itunes::ITunesItemExtension {
        author: meta.authors.first().map(|author| author.name.clone()),
        image: item.image_url.clone(),
        duration: field("duration"),
        explicit: field("explicit"),
        episode: field("episode"),
        season: field("season"),
        episode_type: field("episode_type"),
        subtitle: field("subtitle"),
        keywords: field("keywords"),
        block: field("block"),
        closed_captioned: field("closed_captioned"),
        order: field("order"),
        summary: meta.summary.clone(),
    })
}

/// A podcast episode's Podcasting 2.0 elements, from the front matter's
/// `podcast` list, which reading such a feed fills: RSS to RSS keeps them.
fn item_podcast_elements(item: &Item<'_>) -> Vec<(&'static str, Element)> {
    match item.meta.extra.get(PODCAST_PREFIX) {
        Some(serde_json::Value::Array(carried)) => podcast_elements(carried),
        _ => Vec::new(),
    }
}

/// Podcasting 2.0 elements from the form front matter keeps them in.
fn podcast_elements(carried: &[serde_json::Value]) -> Vec<(&'static str, Element)> {
    carried
        .iter()
        .filter_map(|value| Element::from_carried(PODCAST_PREFIX, value))
        .map(|element| (PODCAST_PREFIX, element))
        .collect()
}

/// Plain text as the HTML RSS readers take `description` to be: escaped,
/// so that text about markup is never read as markup.
fn as_html(text: &str) -> String {
    quick_xml::escape::escape(text).into_owned()
}

/// Takes the item by value so its content moves into the channel rather
/// than being copied: feeds of thousands of articles are mostly content.
fn rss_item(item: Item<'_>) -> rss::Item {
    let meta = &*item.meta;
    let mut elements = item.extension_elements();
    elements.extend(item_podcast_elements(&item));
    let extensions = extension_map!(elements, Extension, str::to_owned);
    // Each person once, as readers list both elements: `author` holds one
    // address (RSS 2.0 allows no more), `dc:creator` every other name.
    let emailed = meta
        .authors
        .iter()
        .position(|author| author.email.is_some());
    rss::Item {
        title: Some(meta.title.clone()),
        link: meta.url.clone(),
        guid: Some(Guid {
            permalink: meta.url.as_deref() == Some(meta.id.as_str()),
            value: meta.id.clone(),
        }),
        pub_date: Some(meta.published.to_rfc2822()),
        author: emailed.and_then(|index| {
            let author = &meta.authors[index];
            let email = author.email.as_deref()?;
            Some(format!("{email} ({})", author.name))
        }),
        dublin_core_ext: (meta.authors.len() > usize::from(emailed.is_some())).then(|| {
            DublinCoreExtension {
                creators: meta
                    .authors
                    .iter()
                    .enumerate()
                    .filter(|&(index, _)| Some(index) != emailed)
                    .map(|(_, author)| author.name.clone())
                    .collect(),
                ..DublinCoreExtension::default()
            }
        }),
        categories: meta
            .tags
            .iter()
            .map(|tag| Category {
                name: tag.clone(),
                domain: None,
            })
            .collect(),
        description: item.summary.as_deref().map(as_html),
        itunes_ext: itunes(&item),
        // RSS 2.0 allows one; the rest stay in newswire's extension.
        enclosure: meta
            .enclosures()
            .into_iter()
            .next()
            .map(|enclosure| rss::Enclosure {
                url: enclosure.url,
                // Both are required; 0 is what feeds write for a size unknown.
                length: enclosure.length.unwrap_or(0).to_string(),
                mime_type: enclosure
                    .mime_type
                    .unwrap_or_else(|| "application/octet-stream".to_owned()),
            }),
        content: Some(item.content_html),
        extensions,
        ..rss::Item::default()
    }
}
