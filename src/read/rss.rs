//! RSS read back: 2.0, the 0.9x versions and RSS 1.0 (RDF), whose items sit
//! beside the channel rather than in it. The `rss` crate reads the XML and
//! keeps extension elements; Dublin Core, iTunes and Media RSS fill what
//! plain RSS lacks.

use super::feed::{Enclosure, Entry, Parsed, parse_date, parse_date_leniently, parse_person};
use crate::error::Result;
use crate::extension::{
    Element, NewswireData, PODCAST_NAMESPACE, PODCAST_PREFIX, extension_elements, extensions_in,
};
use crate::feed::{Channel, Podcast};
use crate::fidelity::Change;
use crate::model::{Author, Image};

/// Reads an RSS document that [`super::feed::detect`] recognised.
pub(crate) fn read(text: &str, file: &str) -> Result<Parsed> {
    let (plain, unprefixed) = super::rss_dialects::unprefixed(text);
    let channel = match ::rss::Channel::read_from(plain.as_bytes()) {
        Ok(channel) => channel,
        // A bare `<rss></rss>` says nothing wrong, only nothing at all.
        Err(::rss::Error::Eof) if !has_channel(text) => {
            return Ok(Parsed {
                channel: Channel::default(),
                entries: Vec::new(),
                date: None,
                changes: vec![Change::changed(
                    None,
                    "channel",
                    "an <rss> with no <channel>, read as an empty feed",
                )],
            });
        }
        Err(error) => {
            return Err(super::feed::error_at_value(
                text,
                "",
                file,
                format!("not a valid RSS feed: {error}"),
            ));
        }
    };
    let mut changes = Vec::new();
    if let Some(note) = unprefixed {
        changes.push(Change::changed(None, "format", note));
    }
    let namespaces = &channel.namespaces;
    let self_link = channel
        .atom_ext
        .as_ref()
        .and_then(|atom| atom.links.iter().find(|link| link.rel == "self"))
        .map(|link| link.href.clone());
    let mut authors: Vec<Author> = channel
        .managing_editor
        .as_deref()
        .and_then(parse_person)
        .into_iter()
        .collect();
    if let Some(dc) = &channel.dublin_core_ext {
        authors.extend(dc.creators.iter().filter_map(|name| parse_person(name)));
    }
    if authors.is_empty()
        && let Some(author) = channel
            .itunes_ext
            .as_ref()
            .and_then(|itunes| itunes.author.as_deref())
    {
        authors.extend(parse_person(author));
    }
    let language = channel.language.clone().or_else(|| {
        channel
            .dublin_core_ext
            .as_ref()
            .and_then(|dc| dc.languages.first().cloned())
    });
    let date = [&channel.last_build_date, &channel.pub_date]
        .into_iter()
        .flatten()
        .find_map(|date| parse_date(date))
        .or_else(|| {
            channel
                .dublin_core_ext
                .as_ref()
                .and_then(|dc| dc.dates.iter().find_map(|date| parse_date(date)))
        });
    let elements = extension_elements!(channel.extensions, namespaces, ::rss::extension::Extension);
    let podcast_elements = podcast_elements(&elements, |name, why| {
        changes.push(Change::dropped(None, name, why));
    });
    for (field, present) in [("category", !channel.categories.is_empty())] {
        if present {
            changes.push(Change::dropped(
                None,
                field,
                "the channel's own field has no place in the article model",
            ));
        }
    }
    let entries = channel
        .items
        .iter()
        .enumerate()
        .map(|(index, item)| entry(item, index + 1, namespaces))
        .collect();
    let channel = Channel {
        title: Some(channel.title.trim().to_owned()).filter(|title| !title.is_empty()),
        link: Some(channel.link.trim().to_owned()).filter(|link| !link.is_empty()),
        feed_url: self_link,
        description: Some(super::html::to_plain_text(&channel.description))
            .filter(|description| !description.is_empty()),
        language,
        authors,
        rights: channel
            .copyright
            .clone()
            .filter(|rights| !rights.trim().is_empty()),
        logo: channel
            .image
            .as_ref()
            .map(|image| image.url.trim().to_owned())
            .filter(|url| crate::url::is_web_url(url)),
        hubs: channel
            .atom_ext
            .iter()
            .flat_map(|atom| &atom.links)
            .filter(|link| link.rel == "hub" && crate::url::is_web_url(&link.href))
            .map(|link| link.href.clone())
            .collect(),
        podcast: channel.itunes_ext.as_ref().map(podcast),
        podcast_elements,
        ..Channel::default()
    };
    Ok(Parsed {
        channel,
        entries,
        date,
        changes,
    })
}

/// The Podcasting 2.0 elements among `elements`, as front matter keeps
/// them; one with a link that is not http or https, or a name XML would
/// not take, is left out and passed to `drop`.
fn podcast_elements(
    elements: &[(String, Element)],
    mut drop: impl FnMut(&str, &'static str),
) -> Vec<serde_json::Value> {
    let mut carried = Vec::new();
    for element in extensions_in(elements, PODCAST_NAMESPACE) {
        let value = element.to_carried();
        if Element::from_carried(PODCAST_PREFIX, &value).is_some() {
            carried.push(value);
        } else {
            drop(
                &element.name,
                "a link that is not http or https, or a name XML does not take",
            );
        }
    }
    carried
}

/// A podcast's iTunes channel fields, kept for RSS to RSS.
fn podcast(itunes: &rss::extension::itunes::ITunesChannelExtension) -> Podcast {
    let owner = itunes.owner.as_ref();
    Podcast {
        author: itunes.author.clone(),
        owner_name: owner.and_then(|owner| owner.name.clone()),
        owner_email: owner.and_then(|owner| owner.email.clone()),
        image: itunes
            .image
            .clone()
            .filter(|url| crate::url::is_web_url(url)),
        categories: itunes
            .categories
            .iter()
            .map(|category| match &category.subcategory {
                Some(sub) => format!("{}/{}", category.text, sub.text),
                None => category.text.clone(),
            })
            .collect(),
        explicit: itunes.explicit.clone(),
        show_type: itunes.r#type.clone(),
        subtitle: itunes.subtitle.clone(),
        summary: itunes.summary.clone(),
        keywords: itunes.keywords.clone(),
        block: itunes.block.clone(),
        complete: itunes.complete.clone(),
        new_feed_url: itunes
            .new_feed_url
            .clone()
            .filter(|url| crate::url::is_web_url(url)),
    }
}

/// An iTunes duration in seconds: `HH:MM:SS`, `MM:SS` or seconds.
fn seconds(duration: &str) -> Option<u64> {
    duration.trim().split(':').try_fold(0u64, |total, part| {
        let part: u64 = part.trim().parse().ok()?;
        total.checked_mul(60)?.checked_add(part)
    })
}

fn entry(
    item: &::rss::Item,
    index: usize,
    namespaces: &std::collections::BTreeMap<String, String>,
) -> Entry {
    let elements = extension_elements!(item.extensions, namespaces, ::rss::extension::Extension);
    let dc = item.dublin_core_ext.as_ref();
    let itunes = item.itunes_ext.as_ref();
    let itunes_fields = itunes.map(|itunes| {
        [
            ("duration", &itunes.duration),
            ("explicit", &itunes.explicit),
            ("episode", &itunes.episode),
            ("season", &itunes.season),
            ("episode_type", &itunes.episode_type),
            ("subtitle", &itunes.subtitle),
            ("keywords", &itunes.keywords),
            ("block", &itunes.block),
            ("closed_captioned", &itunes.closed_captioned),
            ("order", &itunes.order),
        ]
        .into_iter()
        .filter_map(|(key, value)| {
            let value = value.as_deref()?.trim();
            (!value.is_empty()).then(|| (key.to_owned(), serde_json::Value::from(value)))
        })
        .collect()
    });
    let mut entry = Entry {
        itunes: itunes_fields.unwrap_or_default(),
        index,
        title: item.title.clone(),
        id: item.guid.as_ref().map(|guid| guid.value.trim().to_owned()),
        url: item
            .link
            .clone()
            .or_else(|| {
                item.guid
                    .as_ref()
                    .filter(|guid| guid.permalink && guid.value.contains("://"))
                    .map(|guid| guid.value.clone())
            })
            .map(|url| url.trim().to_owned()),
        content_html: item.content.clone(),
        summary_html: item.description.clone().or_else(|| {
            itunes.and_then(|itunes| itunes.summary.clone().or_else(|| itunes.subtitle.clone()))
        }),
        language: dc.and_then(|dc| dc.languages.first().cloned()),
        newswire: NewswireData::from_elements(&elements),
        ..Entry::default()
    };
    let podcast = podcast_elements(&elements, |name, why| entry.drop_field(name, why));
    entry.podcast = podcast;
    let dates = item
        .pub_date
        .iter()
        .chain(dc.map(|dc| &dc.dates).into_iter().flatten());
    for date in dates {
        match parse_date_leniently(date) {
            Some((date, note)) => {
                if let Some(note) = note {
                    entry.change_field("pubDate", note);
                }
                entry.published = Some(date);
                break;
            }
            None => entry.drop_field(
                "pubDate",
                format!("{date:?} is not an RFC 822 or RFC 3339 date"),
            ),
        }
    }
    entry.authors = item
        .author
        .as_deref()
        .and_then(parse_person)
        .into_iter()
        .chain(
            dc.map(|dc| &dc.creators)
                .into_iter()
                .flatten()
                .filter_map(|name| parse_person(name)),
        )
        .collect();
    if entry.authors.is_empty()
        && let Some(author) = itunes.and_then(|itunes| itunes.author.as_deref())
    {
        entry.authors.extend(parse_person(author));
    }
    entry.tags = item
        .categories
        .iter()
        .map(|category| category.name.clone())
        .chain(dc.map(|dc| dc.subjects.clone()).unwrap_or_default())
        .collect();
    let (image, enclosures, description) = super::feed::media(&elements);
    entry.image = image.or_else(|| {
        itunes
            .and_then(|itunes| itunes.image.clone())
            .map(Image::new)
    });
    if let Some(enclosure) = &item.enclosure {
        entry.attach(Enclosure {
            url: enclosure.url.clone(),
            mime_type: Some(enclosure.mime_type.trim().to_owned()).filter(|t| !t.is_empty()),
            // A length of 0 is the usual stand-in for "unknown".
            length: enclosure
                .length
                .trim()
                .parse()
                .ok()
                .filter(|length| *length > 0),
            duration: itunes
                .and_then(|itunes| itunes.duration.as_deref())
                .and_then(seconds),
            ..Enclosure::default()
        });
    }
    for enclosure in enclosures {
        entry.attach(enclosure);
    }
    if entry.content_html.is_none() && entry.summary_html.is_none() {
        entry.content_text = description;
    }
    for (field, present) in [
        ("comments", item.comments.is_some()),
        ("source", item.source.is_some()),
    ] {
        if present {
            entry.drop_field(field, "the article model has no place for it");
        }
    }
    entry
}

/// Whether any element of the document is a `<channel>`, whatever its prefix.
fn has_channel(text: &str) -> bool {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start))
                if start.local_name().as_ref() == b"channel" =>
            {
                return true;
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}
