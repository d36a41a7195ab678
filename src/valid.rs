//! The values a feed may carry, in one place. The feed readers repair what
//! they read with these rules, and the feed writers hold every value to
//! them again before it is written, so that no model, whether read from a
//! stranger's feed or built by a program, makes a feed its format forbids:
//! a link that is no http or https URL, a language that is no BCP 47 tag,
//! a date no four-digit year can write, a character XML excludes, two
//! items with one id. A value is repaired where its meaning is clear and
//! left out otherwise, with a note each time.

use crate::feed::{Channel, Feed};
use crate::fidelity::Change;
use crate::format::Format;
use crate::model::{Article, Author, Date, Meta};
use std::borrow::Cow;
use std::collections::HashSet;

/// A link as a feed may carry it: an absolute http or https URL, with what
/// no URL may hold as written (a space, `<`, a control) percent-encoded as
/// the URL Standard serialises it; `Err` says why it may not be carried.
pub(crate) fn web_link(url: &str) -> Result<Cow<'_, str>, String> {
    if !crate::url::is_web_url(url) {
        return Err(format!("{url:?} is not an absolute http or https URL"));
    }
    let written_as_is = !url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c));
    if written_as_is {
        return Ok(Cow::Borrowed(url));
    }
    let serialised = ammonia::Url::parse(url).map_err(|error| format!("{url:?}: {error}"))?;
    Ok(Cow::Owned(serialised.into()))
}

/// Checks an address is one a byline may hold: `name@host.domain`, with
/// no space or angle bracket.
pub(crate) fn is_email(email: &str) -> bool {
    email.split_once('@').is_some_and(|(local, domain)| {
        !local.is_empty() && domain.contains('.') && !domain.contains('@')
    }) && !email
        .chars()
        .any(|c| c.is_whitespace() || c == '<' || c == '>')
}

/// A language tag as BCP 47 writes it (`en_US` as `en-US`), with a note
/// when it was written otherwise or is no tag at all and is left out.
pub(crate) fn language(tag: &str, item: Option<&str>, changes: &mut Vec<Change>) -> Option<String> {
    let repaired = crate::language::repaired(tag);
    match &repaired {
        None => changes.push(Change::dropped(
            item,
            "language",
            format!("{tag:?} is not a BCP 47 language tag"),
        )),
        Some(written) if written != tag => changes.push(Change::changed(
            item,
            "language",
            format!("{tag:?} is written {written:?}, as BCP 47 writes it"),
        )),
        Some(_) => {}
    }
    repaired
}

/// The people with their links kept only where they are web pages or
/// e-mail addresses, and their addresses only where a byline may hold
/// them; one with no name takes its address or link as its name, and one
/// with neither is left out. `item` names the item in the notes.
pub(crate) fn people(
    mut people: Vec<Author>,
    item: Option<&str>,
    changes: &mut Vec<Change>,
) -> Vec<Author> {
    for person in &mut people {
        if let Some(email) = person.email.take_if(|email| !is_email(email)) {
            changes.push(Change::dropped(
                item,
                "author email",
                format!("{email:?} of {} is not an e-mail address", person.name),
            ));
        }
        if let Some(url) = person.url.take_if(|url| !crate::url::is_person_url(url)) {
            changes.push(Change::dropped(
                item,
                "author url",
                format!(
                    "{url:?} of {} is not an http, https or mailto URL",
                    person.name
                ),
            ));
        }
        if let Some(name) = without_forbidden(&person.name, item, "author", changes) {
            person.name = name;
        }
    }
    people.retain_mut(|person| {
        if !person.name.trim().is_empty() {
            return true;
        }
        match person.email.clone().or_else(|| person.url.clone()) {
            Some(stand_in) => {
                changes.push(Change::changed(
                    item,
                    "author",
                    format!("no name; {stand_in} is used"),
                ));
                person.name = stand_in;
                true
            }
            None => {
                changes.push(Change::dropped(
                    item,
                    "author",
                    "a person with no name, e-mail address or link",
                ));
                false
            }
        }
    });
    people
}

/// The language and bylines an item or a channel must be written with
/// instead of its own, each `None` when its own may be written as it is.
fn language_and_people(
    tag: Option<&str>,
    authors: &[Author],
    item: Option<&str>,
    changes: &mut Vec<Change>,
) -> (Option<Option<String>>, Option<Vec<Author>>) {
    let repaired_language = tag
        .filter(|tag| !crate::language::is_language_tag(tag))
        .map(|tag| language(tag, item, changes));
    let repaired_people =
        (!people_are_valid(authors)).then(|| people(authors.to_vec(), item, changes));
    (repaired_language, repaired_people)
}

/// Whether every byline may be written as it is.
fn people_are_valid(people: &[Author]) -> bool {
    people.iter().all(|person| {
        !person.name.trim().is_empty()
            && crate::chars::first_forbidden(&person.name).is_none()
            && person.email.as_deref().is_none_or(is_email)
            && person.url.as_deref().is_none_or(crate::url::is_person_url)
    })
}

/// `text` without the characters XML 1.0 and HTML forbid, with a note;
/// `None` when it has none.
fn without_forbidden(
    text: &str,
    item: Option<&str>,
    field: &str,
    changes: &mut Vec<Change>,
) -> Option<String> {
    crate::chars::first_forbidden(text)?;
    changes.push(Change::changed(
        item,
        field,
        "characters XML 1.0 and HTML forbid are left out",
    ));
    Some(crate::chars::without_forbidden(text.to_owned()))
}

/// A link field kept as [`web_link`] allows: repaired, or left out.
fn link_field(
    link: &mut Option<String>,
    item: Option<&str>,
    field: &str,
    changes: &mut Vec<Change>,
) {
    let Some(url) = link.as_deref() else {
        return;
    };
    match web_link(url) {
        Ok(Cow::Borrowed(_)) => {}
        Ok(Cow::Owned(repaired)) => {
            changes.push(Change::changed(
                item,
                field,
                format!("{url:?} is written {repaired:?}, percent-encoded"),
            ));
            *link = Some(repaired);
        }
        Err(why) => {
            changes.push(Change::dropped(item, field, why));
            *link = None;
        }
    }
}

/// A date as four-digit years write it: one outside year 0 to 9999 is
/// held at the nearest moment inside, with a note.
fn date_field(date: &mut Date, item: Option<&str>, field: &str, changes: &mut Vec<Change>) {
    if let Some(held) = date.within_four_digit_years() {
        changes.push(Change::changed(
            item,
            field,
            format!("{date} has no four-digit year; {held} is written"),
        ));
        *date = held;
    }
}

/// Every free text of a `Meta`, named, borrowed shared (`as_ref`, `iter`)
/// or, with `mut`, for change (`as_mut`, `iter_mut`): one list for the
/// check and the repair.
macro_rules! text_fields {
    ($meta:expr, $option:ident, $each:ident $(, $mutable:tt)?) => {{
        let meta = $meta;
        let mut fields = vec![
            ("id", &$($mutable)? meta.id),
            ("title", &$($mutable)? meta.title),
        ];
        let image = meta.image.$option();
        for (field, text) in [
            ("summary", meta.summary.$option()),
            ("program", meta.program.$option()),
            ("publisher", meta.publisher.$option()),
            ("discussion_heading", meta.discussion_heading.$option()),
        ] {
            fields.extend(text.map(|text| (field, text)));
        }
        fields.extend(meta.tags.$each().map(|text| ("tags", text)));
        if let Some(image) = image {
            for (field, text) in [
                ("image.alt", image.alt.$option()),
                ("image.credit", image.credit.$option()),
                ("image.caption", image.caption.$option()),
            ] {
                fields.extend(text.map(|text| (field, text)));
            }
        }
        fields
    }};
}

/// `meta` with every value a feed may not carry repaired or left out, a
/// note for each in `changes`; borrowed as it is when nothing needed it.
pub(crate) fn meta<'a>(meta: &'a Meta, changes: &mut Vec<Change>) -> Cow<'a, Meta> {
    let item = Some(meta.id.as_str());
    let mut meta = Cow::Borrowed(meta);
    // A text that is blank, or is once its forbidden characters are gone,
    // would be an empty element, which feed readers refuse.
    let texts_need_repair =
        text_fields!(meta.as_ref(), as_ref, iter)
            .into_iter()
            .any(|(field, text)| {
                crate::chars::first_forbidden(text).is_some()
                    || (field != "id" && text.trim().is_empty())
            });
    if texts_need_repair {
        let meta = meta.to_mut();
        let mut blank = Vec::new();
        for (field, text) in text_fields!(&mut *meta, as_mut, iter_mut, mut) {
            if let Some(clean) = without_forbidden(text, item, field, changes) {
                *text = clean;
            }
            if field != "id" && text.trim().is_empty() {
                blank.push(field);
            }
        }
        for field in blank {
            changes.push(Change::dropped(
                item,
                field,
                "blank, or only characters no feed may hold",
            ));
        }
        if meta.title.trim().is_empty() {
            meta.title = "Untitled".to_owned();
        }
        meta.tags.retain(|tag| !tag.trim().is_empty());
        let blank_to_none = |text: &mut Option<String>| {
            text.take_if(|text| text.trim().is_empty());
        };
        for text in [
            &mut meta.summary,
            &mut meta.program,
            &mut meta.publisher,
            &mut meta.discussion_heading,
        ] {
            blank_to_none(text);
        }
        if let Some(image) = &mut meta.image {
            for text in [&mut image.alt, &mut image.credit, &mut image.caption] {
                blank_to_none(text);
            }
        }
    }
    if meta
        .url
        .as_deref()
        .is_some_and(|url| !matches!(web_link(url), Ok(Cow::Borrowed(_))))
    {
        link_field(&mut meta.to_mut().url, item, "url", changes);
    }
    if let Some(image) = meta
        .image
        .as_ref()
        .filter(|image| !crate::url::is_web_or_relative(&image.url))
    {
        changes.push(Change::dropped(
            item,
            "image",
            format!("{:?} is not an http or https URL", image.url),
        ));
        meta.to_mut().image = None;
    }
    let (repaired_language, repaired_people) =
        language_and_people(meta.language.as_deref(), &meta.authors, item, changes);
    if let Some(repaired) = repaired_language {
        meta.to_mut().language = repaired;
    }
    if let Some(repaired) = repaired_people {
        meta.to_mut().authors = repaired;
    }
    if meta.published.within_four_digit_years().is_some() {
        date_field(&mut meta.to_mut().published, item, "published", changes);
    }
    if meta
        .updated
        .is_some_and(|date| date.within_four_digit_years().is_some())
    {
        if let Some(updated) = &mut meta.to_mut().updated {
            date_field(updated, item, "updated", changes);
        }
    }
    meta
}

/// `channel` with every value a feed may not carry repaired or left out,
/// a note for each in `changes`; borrowed as it is when nothing needed it.
pub(crate) fn channel<'a>(channel: &'a Channel, changes: &mut Vec<Change>) -> Cow<'a, Channel> {
    let mut channel = Cow::Borrowed(channel);
    let texts = [&channel.title, &channel.description, &channel.rights];
    if texts
        .into_iter()
        .flatten()
        .any(|text| crate::chars::first_forbidden(text).is_some() || text.trim().is_empty())
    {
        let channel = channel.to_mut();
        for (field, text) in [
            ("title", &mut channel.title),
            ("description", &mut channel.description),
            ("rights", &mut channel.rights),
        ] {
            if let Some(clean) = text
                .as_deref()
                .and_then(|text| without_forbidden(text, None, field, changes))
            {
                *text = Some(clean);
            }
            // Left out, a title or description is made from the items.
            text.take_if(|text| text.trim().is_empty());
        }
    }
    let links_valid = [
        &channel.link,
        &channel.feed_url,
        &channel.icon,
        &channel.logo,
    ]
    .into_iter()
    .flatten()
    .chain(&channel.hubs)
    .all(|url| matches!(web_link(url), Ok(Cow::Borrowed(_))));
    if !links_valid {
        let channel = channel.to_mut();
        for (field, link) in [
            ("link", &mut channel.link),
            ("feed_url", &mut channel.feed_url),
            ("icon", &mut channel.icon),
            ("logo", &mut channel.logo),
        ] {
            link_field(link, None, field, changes);
        }
        let hubs = std::mem::take(&mut channel.hubs);
        for hub in hubs {
            let mut hub = Some(hub);
            link_field(&mut hub, None, "hubs", changes);
            channel.hubs.extend(hub);
        }
    }
    let (repaired_language, repaired_people) =
        language_and_people(channel.language.as_deref(), &channel.authors, None, changes);
    if let Some(repaired) = repaired_language {
        channel.to_mut().language = repaired;
    }
    if let Some(repaired) = repaired_people {
        channel.to_mut().authors = repaired;
    }
    channel
}

/// Numbers every item whose id an earlier one has (`id-2`, `id-3`), with
/// a note: feed readers would otherwise merge them into one.
pub(crate) fn unique_ids(articles: &mut [Article], changes: &mut Vec<Change>) {
    let mut ids = HashSet::with_capacity(articles.len());
    // The next number to try for each id shared, so that many items with
    // one id are numbered in one pass rather than each counting up again.
    let mut next_number: std::collections::HashMap<String, usize> = Default::default();
    for article in articles {
        if ids.insert(article.meta.id.clone()) {
            continue;
        }
        let original = article.meta.id.clone();
        let number = next_number.entry(original.clone()).or_insert(2);
        while !ids.insert(format!("{original}-{number}")) {
            *number += 1;
        }
        article.meta.id = format!("{original}-{number}");
        *number += 1;
        changes.push(Change::changed(
            Some(&original),
            "id",
            format!("shared with an earlier item; {} is used", article.meta.id),
        ));
    }
}

/// `feed` as the writer of `format` may write it: its channel and every
/// item's metadata held to the rules above, no two items sharing an id,
/// and for RSS, which requires a site link, the feed's own URL or the
/// first item's standing in for a missing one. It is borrowed as it is,
/// with no note, when nothing needed it, as for every feed newswire reads.
pub fn feed(format: Format, feed: &Feed) -> (Cow<'_, Feed>, Vec<Change>) {
    let mut changes = Vec::new();
    let mut channel = self::channel(&feed.channel, &mut changes);
    if format == Format::Rss && channel.link.is_none() {
        let stand_in = channel.feed_url.clone().or_else(|| {
            feed.articles
                .iter()
                .find_map(|article| {
                    article
                        .meta
                        .url
                        .as_deref()
                        .and_then(|url| web_link(url).ok())
                })
                .map(Cow::into_owned)
        });
        if let Some(link) = stand_in {
            changes.push(Change::changed(
                None,
                "link",
                format!("the feed has no site link; RSS requires one: {link} is used"),
            ));
            channel.to_mut().link = Some(link);
        }
    }
    // Only the repaired are kept aside: a list of every article's `Cow`
    // would be a second copy of all their metadata, in fresh pages.
    let repaired: Vec<(usize, Meta)> = feed
        .articles
        .iter()
        .enumerate()
        .filter_map(|(at, article)| match meta(&article.meta, &mut changes) {
            Cow::Owned(meta) => Some((at, meta)),
            Cow::Borrowed(_) => None,
        })
        .collect();
    if matches!(channel, Cow::Borrowed(_)) && repaired.is_empty() {
        let mut ids = HashSet::with_capacity(feed.articles.len());
        if feed
            .articles
            .iter()
            .all(|article| ids.insert(article.meta.id.as_str()))
        {
            return (Cow::Borrowed(feed), changes);
        }
    }
    let mut articles = feed.articles.clone();
    for (at, meta) in repaired {
        articles[at].meta = meta;
    }
    unique_ids(&mut articles, &mut changes);
    let channel = channel.into_owned();
    (Cow::Owned(Feed { channel, articles }), changes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_ids_are_numbered_past_every_id_taken() {
        let sample = "---\ntitle: T\npublished: 2024-01-01\n---\n\nBody.\n";
        let article = crate::read(sample.as_bytes(), crate::Format::Markdown, "t.md").unwrap();
        let mut articles: Vec<Article> = ["a", "a", "a-2", "a", "a-3", "b", "a"]
            .into_iter()
            .map(|id| {
                let mut article = article.clone();
                article.meta.id = id.to_owned();
                article
            })
            .collect();
        let mut changes = Vec::new();
        unique_ids(&mut articles, &mut changes);
        let ids: Vec<&str> = articles
            .iter()
            .map(|article| article.meta.id.as_str())
            .collect();
        assert_eq!(ids, ["a", "a-2", "a-2-2", "a-3", "a-3-2", "b", "a-4"]);
        assert_eq!(changes.len(), 5);
    }

    #[test]
    fn links_are_percent_encoded_or_left_out() {
        assert_eq!(
            web_link("https://a.example/x").unwrap(),
            "https://a.example/x"
        );
        assert_eq!(
            web_link("https://a.example/a b?q=<1>").unwrap(),
            "https://a.example/a%20b?q=%3C1%3E"
        );
        for bad in [
            "javascript:alert(1)",
            "/relative",
            "data:text/html,x",
            "ftp://a.example/",
        ] {
            assert!(web_link(bad).is_err(), "{bad}");
        }
    }
}
