//! XML Base for Atom: `atom_syndication` keeps the `xml:base` of the feed
//! and of a content element, but not of an entry or a link, so the base
//! that applies to each entry, each of its links and its content is found
//! here, in one pass over the document, each element's resolved against
//! its parent's as RFC 3986 and XML Base say.

use ammonia::Url;
use quick_xml::XmlVersion;
use quick_xml::events::{BytesStart, Event};

/// The bases in force in an Atom document, in document order.
#[derive(Debug, Default)]
pub(crate) struct Bases {
    /// Each `link` of the feed itself.
    pub feed_links: Vec<Option<Url>>,
    /// Each entry's.
    pub entries: Vec<EntryBases>,
}

/// The bases in force in one entry.
#[derive(Debug, Default, Clone)]
pub(crate) struct EntryBases {
    /// On the entry element: for what it holds that has no base of its own.
    pub entry: Option<Url>,
    /// Each of its `link` elements.
    pub links: Vec<Option<Url>>,
    /// Its `content`.
    pub content: Option<Url>,
}

impl Bases {
    /// The bases of `text`, an Atom document `atom_syndication` has read,
    /// so well formed; `None` when it has no `xml:base` or cannot be read
    /// through after all.
    pub(crate) fn of(text: &str) -> Option<Bases> {
        // Most feeds have none, and are not read twice for it.
        if !text.contains("xml:base") {
            return None;
        }
        let mut reader = quick_xml::Reader::from_str(text);
        let mut bases = Bases::default();
        // The base in force inside each open element, outermost first.
        let mut open: Vec<Option<Url>> = Vec::new();
        // How deep the entry being read is.
        let mut entry_depth = None;
        loop {
            let (start, empty) = match reader.read_event().ok()? {
                Event::Start(start) => (start, false),
                Event::Empty(start) => (start, true),
                Event::End(_) => {
                    open.pop();
                    if entry_depth == Some(open.len()) {
                        entry_depth = None;
                    }
                    continue;
                }
                Event::Eof => return Some(bases),
                _ => continue,
            };
            let depth = open.len();
            let base = own_base(&start, open.last().cloned().flatten());
            match (start.local_name().as_ref(), entry_depth) {
                (b"entry", None) if depth <= 1 => {
                    bases.entries.push(EntryBases {
                        entry: base.clone(),
                        ..EntryBases::default()
                    });
                    if !empty {
                        entry_depth = Some(depth);
                    }
                }
                (b"link", Some(at)) if depth == at + 1 => {
                    if let Some(entry) = bases.entries.last_mut() {
                        entry.links.push(base.clone());
                    }
                }
                (b"content", Some(at)) if depth == at + 1 => {
                    if let Some(entry) = bases.entries.last_mut() {
                        entry.content = base.clone();
                    }
                }
                (b"link", None) if depth == 1 => bases.feed_links.push(base.clone()),
                _ => {}
            }
            if !empty {
                open.push(base);
            }
        }
    }
}

/// The base in force inside `element`: its own `xml:base` resolved against
/// `parent`'s, else `parent`'s. A relative base with nothing to resolve it
/// against, or one that is not a URL, leaves no base.
fn own_base(element: &BytesStart<'_>, parent: Option<Url>) -> Option<Url> {
    let own = element
        .attributes()
        .flatten()
        .find(|attribute| attribute.key.as_ref() == b"xml:base");
    let Some(own) = own else {
        return parent;
    };
    let value = own.normalized_value(XmlVersion::Implicit1_0).ok()?;
    let value = value.trim();
    match &parent {
        Some(parent) => parent.join(value).ok(),
        None => Url::parse(value).ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(base: &Option<Url>) -> Option<&str> {
        base.as_ref().map(Url::as_str)
    }

    #[test]
    fn each_base_is_resolved_against_the_one_above_it() {
        let bases = Bases::of(
            r#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://example.com/feed/">
              <link href="a"/>
              <entry xml:base="entries/one/">
                <link href="b"/>
                <link xml:base="/other/" href="c"/>
                <content type="html" xml:base="media/">x</content>
              </entry>
              <entry><link href="d"/></entry>
            </feed>"#,
        )
        .unwrap();
        assert_eq!(bases.feed_links.len(), 1);
        assert_eq!(
            shown(&bases.feed_links[0]),
            Some("http://example.com/feed/")
        );
        let [one, two] = bases.entries.as_slice() else {
            panic!("two entries: {bases:?}");
        };
        assert_eq!(
            shown(&one.entry),
            Some("http://example.com/feed/entries/one/")
        );
        let links: Vec<_> = one.links.iter().map(shown).collect();
        assert_eq!(
            links,
            [
                Some("http://example.com/feed/entries/one/"),
                Some("http://example.com/other/")
            ]
        );
        assert_eq!(
            shown(&one.content),
            Some("http://example.com/feed/entries/one/media/")
        );
        assert_eq!(shown(&two.entry), Some("http://example.com/feed/"));
        assert_eq!(two.links.len(), 1);
    }

    #[test]
    fn a_relative_base_with_nothing_above_it_is_no_base() {
        let bases =
            Bases::of(r#"<feed><entry xml:base="here/"><link href="x"/></entry></feed>"#).unwrap();
        assert_eq!(bases.entries[0].entry, None);
        assert_eq!(bases.entries[0].links, [None]);
    }
}
