//! Feeds read back into articles. Each format's module turns its items into
//! [`Entry`] values, which hold what feeds have in common; this module turns
//! an entry into an article. Our own feeds carry the canonical article in
//! their `nw:article` element or `_newswire` object, so they come back whole;
//! other feeds are rebuilt from their fields and their HTML, and every gap
//! filled on the way is recorded as a [`Change`].

pub(crate) use super::entry::{Enclosure, Entry};
use super::line_column;
use crate::chars::{Escapes, without_forbidden_source};
use crate::error::{Error, Result};
use crate::extension::{Element, MEDIA_NAMESPACE, extensions_in};
use crate::feed::{Channel, Feed};
use crate::fidelity::Change;
use crate::model::{Author, Date, Image};
use chrono::DateTime;

/// A feed read back, with what could not be read as it was.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The channel and the articles, in the feed's own order.
    pub feed: Feed,
    /// Every field left out or filled in while reading.
    pub changes: Vec<Change>,
    /// Which format the feed was in.
    pub kind: FeedKind,
}

/// The feed formats, as the reader detects them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// RSS 0.9x, 1.0 (RDF) or 2.0, or the CDF channel RSS grew from.
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.0 or 1.1.
    JsonFeed,
}

/// What a document that is no feed was expected to be.
pub(crate) const NOT_A_FEED: &str = "not a feed: expected an RSS (<rss> or <rdf:RDF>), Atom (<feed> or <entry>), CDF (<CHANNEL>) or JSON Feed document";

/// Which feed format `text` is, from its content: the XML root element or
/// JSON Feed's `version`. `None` when it is not a feed.
pub fn detect(text: &str) -> Option<FeedKind> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        let head: String = text.chars().take(4096).collect();
        return head
            .contains("https://jsonfeed.org/version/")
            .then_some(FeedKind::JsonFeed);
    }
    if !text.starts_with('<') {
        return None;
    }
    match xml_root(text) {
        Some(root) if root == "rss" || root == "RDF" || super::cdf::is_cdf_root(&root) => {
            Some(FeedKind::Rss)
        }
        Some(root) if root == "feed" || root == "entry" => Some(FeedKind::Atom),
        _ => None,
    }
}

/// Which feed format `bytes` are, in whatever encoding they declare,
/// from their first few kilobytes.
pub fn detect_bytes(bytes: &[u8]) -> Option<FeedKind> {
    // A NUL among the first bytes is UTF-16 or UTF-32, which is valid
    // UTF-8 too when its text is ASCII: decoded first. Anything else that
    // is UTF-8 (every Markdown article) is looked at as it is.
    let wide = bytes.iter().take(4).any(|&byte| byte == 0);
    match std::str::from_utf8(bytes) {
        Ok(text) if !wide => detect(text),
        _ => detect(&super::head_text(bytes)),
    }
}

/// The local name of the first element, skipping the declaration, comments
/// and any DOCTYPE (which is never processed).
pub(super) fn xml_root(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start) => {
                return Some(String::from_utf8_lossy(start.local_name().as_ref()).into_owned());
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

/// Reads a feed of any kind; `file` names it in errors.
pub fn read(text: &str, file: &str) -> Result<Imported> {
    let Some(kind) = detect(text) else {
        return Err(Error::invalid_input(file, 1, 1, NOT_A_FEED));
    };
    let escapes = match kind {
        FeedKind::JsonFeed => Escapes::Json,
        FeedKind::Rss | FeedKind::Atom => Escapes::Xml,
    };
    let (text, forbidden) = without_forbidden_source(text, escapes);
    let text = text.as_ref();
    if kind != FeedKind::JsonFeed {
        well_formed(text, file)?;
    }
    let parsed = match kind {
        FeedKind::Rss => super::rss::read(text, file)?,
        FeedKind::Atom => super::atom::read(text, file)?,
        FeedKind::JsonFeed => super::jsonfeed::read(text, file)?,
    };
    let mut changes = parsed.changes;
    let channel = crate::valid::channel(&parsed.channel, &mut changes).into_owned();
    if forbidden > 0 {
        changes.push(Change::changed(
            None,
            "text",
            format!(
                "{forbidden} characters that XML 1.0 or HTML forbid were left out, or read as Windows-1252"
            ),
        ));
    }
    let mut articles = Vec::with_capacity(parsed.entries.len());
    for entry in parsed.entries {
        articles.push(entry.into_article(&channel, parsed.date, file, &mut changes)?);
    }
    crate::valid::unique_ids(&mut articles, &mut changes);
    Ok(Imported {
        feed: Feed { channel, articles },
        changes,
        kind,
    })
}

impl FeedKind {
    /// The format's name, as `-f` and `-t` take it.
    pub fn name(self) -> &'static str {
        match self {
            FeedKind::Rss => "rss",
            FeedKind::Atom => "atom",
            FeedKind::JsonFeed => "jsonfeed",
        }
    }
}

/// Checks the XML is well formed, so a broken feed is reported at its line
/// and column; the feed crates' own errors have no position.
fn well_formed(text: &str, file: &str) -> Result<()> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        let at = reader.buffer_position();
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(quick_xml::events::Event::Start(_)) => {
                depth += 1;
                if depth > XML_DEPTH_LIMIT {
                    return Err(error_at(
                        text,
                        at as usize,
                        file,
                        format!("elements nest deeper than {XML_DEPTH_LIMIT} levels"),
                    ));
                }
            }
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::GeneralRef(reference)) => {
                let name = String::from_utf8_lossy(&reference).into_owned();
                if quick_xml::escape::unescape(&format!("&{name};")).is_err() {
                    return Err(error_at(
                        text,
                        at as usize,
                        file,
                        format!(
                            "the entity &{name}; is not defined: a feed may use only &amp; &lt; &gt; &quot; &apos; and character references (DTDs are never read)"
                        ),
                    ));
                }
            }
            Ok(_) => {}
            Err(error) => {
                let at = reader.error_position().max(at) as usize;
                return Err(error_at(
                    text,
                    at,
                    file,
                    format!("not well-formed XML: {error}"),
                ));
            }
        }
    }
}

/// Real feeds nest a dozen levels; thousands is a hostile file.
pub(crate) const XML_DEPTH_LIMIT: usize = 256;

/// An error at a byte offset of `text`.
pub(crate) fn error_at(text: &str, offset: usize, file: &str, message: String) -> Error {
    let (line, column) = line_column(text, offset);
    Error::invalid_input(file, line, column, message)
}

/// An error at the first place `needle` appears in `text`, for the feed
/// crates' errors, which name a value but not where it is.
pub(crate) fn error_at_value(text: &str, needle: &str, file: &str, message: String) -> Error {
    let offset = (!needle.is_empty())
        .then(|| text.find(needle))
        .flatten()
        .unwrap_or(0);
    error_at(text, offset, file, message)
}

/// What a format's reader hands on: the channel, the items as entries, the
/// feed's own date (for items without one) and what it could not read.
pub(crate) struct Parsed {
    pub channel: Channel,
    pub entries: Vec<Entry>,
    pub date: Option<Date>,
    pub changes: Vec<Change>,
}

/// Reads a date as feeds write them: RFC 822 (with the obsolete zone names
/// real feeds still use), RFC 3339, or a plain day.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    parse_date_leniently(text).map(|(date, _)| date)
}

/// [`parse_date`], taking also what real feeds write wrong where the date
/// is still plain, with a note of what was wrong: a weekday that is not
/// the date's (`Tue, 17 Feb 2014`, a Monday), a full weekday name, an
/// offset written `+00:00`. A year four digits cannot write is not a date.
pub(crate) fn parse_date_leniently(text: &str) -> Option<(Date, Option<String>)> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc2822(text) {
        return Some((Date::from_read_instant(instant)?, None));
    }
    if let Some(date) = Date::parse(text) {
        return Some((date, None));
    }
    let (weekday, rest) = text
        .split_once(',')
        .filter(|(weekday, _)| weekday.chars().all(|c| c.is_ascii_alphabetic()))
        .map_or(("", text), |(weekday, rest)| (weekday, rest.trim_start()));
    // `+00:00` as RFC 822 writes it, `+0000`.
    let rest = match rest.rsplit_once(' ') {
        Some((head, zone))
            if zone.len() == 6 && zone.as_bytes()[3] == b':' && zone.starts_with(['+', '-']) =>
        {
            format!("{head} {}{}", &zone[..3], &zone[4..])
        }
        _ => rest.to_owned(),
    };
    let instant = DateTime::parse_from_rfc2822(&rest).ok()?;
    let date = Date::from_read_instant(instant)?;
    let named = instant.format("%a").to_string();
    let note = if !weekday.is_empty()
        && !weekday.eq_ignore_ascii_case(&named)
        && !weekday
            .to_ascii_lowercase()
            .starts_with(&named.to_ascii_lowercase())
    {
        format!(
            "{text:?} names the wrong weekday; the date is taken, a {}",
            instant.format("%A")
        )
    } else {
        format!(
            "{text:?} is not quite RFC 822; read as {}",
            instant.to_rfc2822()
        )
    };
    Some((date, Some(note)))
}

/// Reads `Name <email>`, `email (Name)` or a bare name or address, as RSS
/// `author` and `managingEditor` hold them.
pub(crate) fn parse_person(text: &str) -> Option<Author> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let looks_like_email = |part: &str| part.contains('@') && !part.contains(' ');
    if let Some((email, name)) = text
        .strip_suffix(')')
        .and_then(|rest| rest.split_once(" ("))
        && looks_like_email(email.trim())
    {
        return Some(Author {
            name: name.trim().to_owned(),
            url: None,
            email: Some(email.trim().to_owned()),
        });
    }
    if let Some((name, email)) = text.strip_suffix('>').and_then(|rest| rest.split_once('<'))
        && looks_like_email(email.trim())
    {
        let name = name.trim().trim_matches('"').to_owned();
        return Some(Author {
            name: if name.is_empty() {
                email.trim().to_owned()
            } else {
                name
            },
            url: None,
            email: Some(email.trim().to_owned()),
        });
    }
    if looks_like_email(text) {
        return Some(Author {
            name: text.to_owned(),
            url: None,
            email: Some(text.to_owned()),
        });
    }
    Some(Author {
        name: text.to_owned(),
        url: None,
        email: None,
    })
}

/// The lead image and enclosures from Media RSS elements (`media:content`,
/// `media:thumbnail`, also inside `media:group`), with credit and caption.
pub(crate) fn media(
    elements: &[(String, Element)],
) -> (Option<Image>, Vec<Enclosure>, Option<String>) {
    let mut image = None;
    let mut enclosures = Vec::new();
    let mut description = None;
    let mut stack: Vec<&Element> = extensions_in(elements, MEDIA_NAMESPACE).collect();
    while let Some(element) = stack.pop() {
        match element.local_name() {
            "group" => stack.extend(element.children.iter()),
            "description" if description.is_none() => description = element.value.clone(),
            "content" | "thumbnail" => {
                let Some(url) = element.attr("url") else {
                    continue;
                };
                let mime_type = element.attr("type").map(str::to_owned);
                let is_image = element.local_name() == "thumbnail"
                    || element.attr("medium") == Some("image")
                    || mime_type
                        .as_deref()
                        .is_some_and(|t| t.starts_with("image/"));
                if is_image {
                    if image.is_none() {
                        let child = |name: &str| {
                            element
                                .children
                                .iter()
                                .find(|child| child.local_name() == name)
                                .and_then(|child| child.value.clone())
                        };
                        image = Some(Image {
                            url: url.to_owned(),
                            alt: None,
                            credit: child("credit"),
                            caption: child("description"),
                        });
                    }
                } else {
                    enclosures.push(Enclosure {
                        url: url.to_owned(),
                        mime_type,
                        length: element.attr("fileSize").and_then(|size| size.parse().ok()),
                        ..Enclosure::default()
                    });
                }
            }
            _ => {}
        }
    }
    (image, enclosures, description)
}
