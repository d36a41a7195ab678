//! Atom as it is still served, made Atom 1.0 for `atom_syndication`,
//! which reads only that: a prefixed root (`<atom:feed>`), and Atom 0.3
//! (`http://purl.org/atom/ns#`), whose elements map to 1.0's as RFC 4287's
//! appendix and the 0.3 draft say.

use crate::fidelity::Change;
use quick_xml::events::{BytesEnd, BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::{NsReader, Writer};
use std::borrow::Cow;

/// RFC 4287's namespace.
pub(crate) const ATOM_NAMESPACE: &str = "http://www.w3.org/2005/Atom";
/// The Atom 0.3 draft's.
const ATOM_03_NAMESPACE: &str = "http://purl.org/atom/ns#";

/// The feed as Atom 1.0 with no prefix on its elements, and what changed
/// on the way; the text as it is when it already is.
pub(crate) fn as_atom_1(text: &str) -> (Cow<'_, str>, Vec<Change>) {
    as_atom_1_with(text, false)
}

/// [`as_atom_1`], also for an Atom 1.0 feed whose text constructs have
/// types 1.0 does not allow (MIME types, as in 0.3): read again with
/// those made 1.0's when the first reading refused one.
pub(crate) fn with_types_repaired(text: &str) -> (Cow<'_, str>, Vec<Change>) {
    let (atom, mut changes) = as_atom_1_with(text, true);
    changes.push(Change::changed(
        None,
        "type",
        "text types Atom 1.0 does not allow (MIME types, a mode) read as text, html or xhtml",
    ));
    (atom, changes)
}

fn as_atom_1_with(text: &str, repair: bool) -> (Cow<'_, str>, Vec<Change>) {
    let is_03 = text.contains(ATOM_03_NAMESPACE);
    let prefixed = root_is_prefixed(text);
    if !is_03 && !prefixed && !repair {
        return (Cow::Borrowed(text), Vec::new());
    }
    match rewritten(text) {
        Some(atom) => {
            let mut changes = Vec::new();
            if is_03 {
                changes.push(Change::changed(
                    None,
                    "format",
                    "Atom 0.3, read as Atom 1.0: issued is published, modified is updated, tagline is the subtitle",
                ));
            }
            (Cow::Owned(atom), changes)
        }
        // Not well formed: the reader after says where.
        None => (Cow::Borrowed(text), Vec::new()),
    }
}

/// An Atom Entry Document (RFC 4287 section 4.1.2) as a feed of that one
/// entry, so one reader serves both; `None` when the root is not an entry.
pub(crate) fn entry_in_feed(text: &str) -> Option<String> {
    let mut reader = NsReader::from_str(text);
    loop {
        let before = usize::try_from(reader.buffer_position()).ok()?;
        match reader.read_resolved_event() {
            Ok((namespace, Event::Start(start) | Event::Empty(start))) => {
                let atom = matches!(namespace, ResolveResult::Bound(Namespace(uri)) if uri == ATOM_NAMESPACE.as_bytes());
                if !atom || start.local_name().as_ref() != b"entry" {
                    return None;
                }
                let (prolog, entry) = text.split_at(before);
                return Some(format!(
                    "{prolog}<feed xmlns=\"{ATOM_NAMESPACE}\">{entry}</feed>"
                ));
            }
            Ok((_, Event::Eof)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

fn root_is_prefixed(text: &str) -> bool {
    let mut reader = NsReader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                return start.name().prefix().is_some();
            }
            Ok(Event::Eof) | Err(_) => return false,
            Ok(_) => {}
        }
    }
}

/// The 1.0 name of an Atom 0.3 element.
fn name_in_1_0(local: &str) -> &str {
    match local {
        "issued" => "published",
        "modified" => "updated",
        "tagline" => "subtitle",
        "copyright" => "rights",
        "url" => "uri",
        other => other,
    }
}

/// Every Atom element written without a prefix under a default Atom 1.0
/// namespace; other elements, text and attributes as they were.
fn rewritten(text: &str) -> Option<String> {
    let mut root = true;
    let (atom, _) = with_elements_renamed(text, |start, uri| {
        let atom = uri == Some(ATOM_NAMESPACE) || uri == Some(ATOM_03_NAMESPACE);
        if !atom {
            root = false;
            return Some(None);
        }
        atom_element(start, std::mem::take(&mut root)).map(Some)
    })?;
    Some(atom)
}

/// `text` written again with each element `rename` gives a new start tag
/// for (it is handed the element and its namespace, and returns `None`
/// to give up, `Some(None)` to keep the element as it is), closed under
/// its new name; text, comments and other elements as they were. Says
/// too whether any element was renamed.
pub(super) fn with_elements_renamed(
    text: &str,
    mut rename: impl FnMut(&BytesStart<'_>, Option<&str>) -> Option<Option<BytesStart<'static>>>,
) -> Option<(String, bool)> {
    let mut reader = NsReader::from_str(text);
    let mut writer = Writer::new(Vec::with_capacity(text.len()));
    // The name each open element is closed with, when it was renamed.
    let mut open: Vec<Option<String>> = Vec::new();
    let mut changed = false;
    loop {
        let (namespace, event) = reader.read_resolved_event().ok()?;
        let uri = match namespace {
            ResolveResult::Bound(Namespace(uri)) => std::str::from_utf8(uri).ok(),
            _ => None,
        };
        let event = match event {
            Event::Start(start) => match rename(&start, uri)? {
                Some(element) => {
                    changed = true;
                    open.push(Some(
                        String::from_utf8(element.name().as_ref().to_vec()).ok()?,
                    ));
                    Event::Start(element)
                }
                None => {
                    open.push(None);
                    Event::Start(start)
                }
            },
            Event::Empty(start) => match rename(&start, uri)? {
                Some(element) => {
                    changed = true;
                    Event::Empty(element)
                }
                None => Event::Empty(start),
            },
            Event::End(end) => match open.pop()? {
                Some(name) => Event::End(BytesEnd::new(name)),
                None => Event::End(end),
            },
            Event::Eof => break,
            other => other,
        };
        writer.write_event(event).ok()?;
    }
    Some((String::from_utf8(writer.into_inner()).ok()?, changed))
}

/// The elements whose `type` says how their text is written: Atom 1.0
/// allows `text`, `html` and `xhtml` there, where 0.3 and real feeds write
/// MIME types and a `mode`.
const TEXT_CONSTRUCTS: [&str; 8] = [
    "title",
    "subtitle",
    "summary",
    "rights",
    "tagline",
    "copyright",
    "info",
    "content",
];

/// An Atom element under its 1.0 name, with no prefix; the root declares
/// Atom 1.0 as the default namespace. A text construct's `mode` and MIME
/// type become 1.0's `type`; other elements' types (a link's) stay.
fn atom_element(start: &BytesStart<'_>, root: bool) -> Option<BytesStart<'static>> {
    let local = std::str::from_utf8(start.local_name().into_inner()).ok()?;
    let text_construct = TEXT_CONSTRUCTS.contains(&local);
    let mut element = BytesStart::new(name_in_1_0(local).to_owned());
    let mut mode = None;
    let mut mime_type = None;
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        // Values stay as written, escapes and all.
        let value = std::str::from_utf8(&attribute.value).ok()?.to_owned();
        match attribute.key.as_ref() {
            b"xmlns" => {}
            b"version" if root => {}
            b"mode" if text_construct => mode = Some(value),
            b"type" if text_construct => mime_type = Some(value),
            key => element.push_attribute((key, value.as_bytes())),
        }
    }
    if root {
        element.push_attribute(("xmlns", ATOM_NAMESPACE));
    }
    let mime_type = match (mode.as_deref(), mime_type.as_deref()) {
        (Some("xml"), _) | (_, Some("application/xhtml+xml")) => Some("xhtml"),
        (_, Some("text/html")) => Some("html"),
        (_, Some("text/plain")) => Some("text"),
        (Some("escaped"), None) => Some("html"),
        (_, Some(kind @ ("text" | "html" | "xhtml"))) => Some(kind),
        // Content may be of any MIME type; other text constructs are text.
        (_, Some(other)) if local == "content" => Some(other),
        (_, Some(_)) => Some("text"),
        (_, None) => None,
    };
    if let Some(mime_type) = mime_type {
        element.push_attribute(("type", mime_type));
    }
    Some(element)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefixed_feed_loses_its_prefix() {
        let text = "<?xml version=\"1.0\"?><atom:feed xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><atom:title type=\"html\">a &amp; b</atom:title><dc:creator>N</dc:creator><atom:link href=\"https://e.com/\"/></atom:feed>";
        let (atom, changes) = as_atom_1(text);
        assert!(changes.is_empty());
        let feed = atom_syndication::Feed::read_from(atom.as_bytes()).unwrap();
        assert_eq!(feed.title.value, "a & b");
        assert_eq!(feed.links[0].href, "https://e.com/");
        assert!(atom.contains("<dc:creator>N</dc:creator>"), "{atom}");
    }

    #[test]
    fn atom_0_3_is_read_as_1_0() {
        let text = "<feed version=\"0.3\" xmlns=\"http://purl.org/atom/ns#\"><title>T</title><tagline>S</tagline><modified>2014-02-17T18:00:00Z</modified>\
            <entry><title>A</title><id>tag:e.com,2014:a</id><issued>2014-02-17T18:00:00Z</issued><modified>2014-02-18T18:00:00Z</modified>\
            <author><name>N</name><url>https://e.com/n</url></author><content type=\"text/html\" mode=\"escaped\">&lt;p&gt;x&lt;/p&gt;</content></entry></feed>";
        let (atom, changes) = as_atom_1(text);
        assert_eq!(changes.len(), 1);
        let feed = atom_syndication::Feed::read_from(atom.as_bytes()).unwrap();
        let entry = &feed.entries[0];
        assert_eq!(feed.subtitle.as_ref().unwrap().value, "S");
        assert_eq!(
            entry.published.unwrap().to_rfc3339(),
            "2014-02-17T18:00:00+00:00"
        );
        assert_eq!(entry.updated.to_rfc3339(), "2014-02-18T18:00:00+00:00");
        assert_eq!(entry.authors[0].uri.as_deref(), Some("https://e.com/n"));
        let content = entry.content.as_ref().unwrap();
        assert_eq!(content.content_type.as_deref(), Some("html"));
        assert_eq!(content.value.as_deref(), Some("<p>x</p>"));
    }

    #[test]
    fn an_entry_document_is_read_as_a_feed_of_one() {
        let text = "<?xml version=\"1.0\"?>\n<!-- one -->\n<atom:entry xmlns:atom=\"http://www.w3.org/2005/Atom\"><atom:title>A</atom:title><atom:id>tag:e.com,2017:1</atom:id></atom:entry>\n";
        let (atom, _) = as_atom_1(text);
        let feed = entry_in_feed(&atom).unwrap();
        let feed = atom_syndication::Feed::read_from(feed.as_bytes()).unwrap();
        assert_eq!(feed.entries.len(), 1);
        assert_eq!(feed.entries[0].title.value, "A");
        assert_eq!(
            entry_in_feed("<feed xmlns=\"http://www.w3.org/2005/Atom\"></feed>"),
            None
        );
        assert_eq!(entry_in_feed("<entry></entry>"), None);
    }

    #[test]
    fn atom_1_0_is_left_as_it_is() {
        let text = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>T</title></feed>";
        assert!(matches!(as_atom_1(text).0, Cow::Borrowed(_)));
    }
}
