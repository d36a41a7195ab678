//! RSS written with its own elements under a namespace prefix
//! (`<r:rss xmlns:r="http://backend.userland.com/rss2">`, RSS 1.0's
//! `<rss:channel>`), made plain for the `rss` crate, which reads its
//! elements by name: `rss` or `rdf:RDF`, `channel`, `item`; and CDF,
//! made the RSS it means.

use quick_xml::events::BytesStart;
use std::borrow::Cow;

/// The namespaces RSS's own elements have been put in: RSS 2.0's, RSS
/// 1.0's and Netscape's 0.9.
const RSS_NAMESPACES: [&str; 5] = [
    "http://backend.userland.com/rss2",
    "http://backend.userland.com/rss",
    "http://purl.org/rss/1.0/",
    "http://my.netscape.com/rdf/simple/0.9/",
    "http://channel.netscape.com/rdf/simple/0.9/",
];

/// RDF's namespace, RSS 1.0's root's.
const RDF_NAMESPACE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// The feed with RSS's own elements unprefixed and an RDF root named
/// `rdf:RDF`, and a note that it was; the text as it is when no element
/// needed it (or it is not well formed, which the reader then reports).
pub(crate) fn unprefixed(text: &str) -> (Cow<'_, str>, Option<&'static str>) {
    if let Some(rss) = super::feed::xml_root(text)
        .filter(|root| super::cdf::is_cdf_root(root))
        .and_then(|_| super::cdf::as_rss(text))
    {
        return (
            Cow::Owned(rss),
            Some(
                "a CDF channel (Microsoft's Channel Definition Format), read as the RSS 2.0 it means",
            ),
        );
    }
    // Most feeds name no RSS namespace at all, and are not read twice.
    let may_need = RSS_NAMESPACES.iter().any(|uri| declares(text, uri))
        || (declares(text, RDF_NAMESPACE) && !text.contains("<rdf:RDF"));
    match may_need.then(|| rewritten(text)).flatten() {
        Some(plain) => (
            Cow::Owned(plain),
            Some("RSS elements written with a namespace prefix, read as plain RSS"),
        ),
        None => (Cow::Borrowed(text), None),
    }
}

/// Whether `text` names the namespace `uri` as an attribute's whole
/// value, as a declaration does (RSS 1.0's is the start of others').
fn declares(text: &str, uri: &str) -> bool {
    text.match_indices(uri).any(|(at, _)| {
        let quoted = |byte: Option<&u8>| matches!(byte, Some(b'"' | b'\''));
        quoted(text.as_bytes().get(at + uri.len()))
            && quoted(text.as_bytes().get(at.wrapping_sub(1)))
    })
}

/// The rewritten text, or `None` when nothing needed rewriting.
fn rewritten(text: &str) -> Option<String> {
    let mut root = true;
    let (plain, changed) = super::atom_dialects::with_elements_renamed(text, |start, uri| {
        let element = match plain_name(start, uri, root) {
            Some(_) => Some(renamed(start, uri, root)?),
            None => None,
        };
        root = false;
        Some(element)
    })?;
    changed.then_some(plain)
}

/// The plain name `start` is read under, when it needs one: an RSS
/// element with a prefix, or an RDF root not written `rdf:RDF`.
fn plain_name(start: &BytesStart<'_>, uri: Option<&str>, root: bool) -> Option<String> {
    let local = std::str::from_utf8(start.local_name().into_inner()).ok()?;
    let name = start.name();
    match uri {
        Some(uri) if root && uri == RDF_NAMESPACE && name.as_ref() != b"rdf:RDF" => {
            Some("rdf:RDF".to_owned())
        }
        Some(uri) if RSS_NAMESPACES.contains(&uri) && name.prefix().is_some() => {
            Some(local.to_owned())
        }
        _ => None,
    }
}

/// `start` under its plain name, its attributes as written; an RDF root
/// renamed also declares the `rdf` prefix it now uses.
fn renamed(start: &BytesStart<'_>, uri: Option<&str>, root: bool) -> Option<BytesStart<'static>> {
    let name = plain_name(start, uri, root)?;
    let mut element = BytesStart::new(name.clone());
    let mut declares_rdf = false;
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        declares_rdf |= attribute.key.as_ref() == b"xmlns:rdf";
        // Values stay as written, escapes and all.
        let value = std::str::from_utf8(&attribute.value).ok()?.to_owned();
        element.push_attribute((attribute.key.as_ref(), value.as_bytes()));
    }
    if name == "rdf:RDF" && !declares_rdf {
        element.push_attribute(("xmlns:rdf", RDF_NAMESPACE));
    }
    Some(element)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_elements_lose_their_prefix_and_others_keep_theirs() {
        let (plain, note) = unprefixed(
            r#"<r:rss version="2.0" xmlns:r="http://backend.userland.com/rss2" xmlns:dc="http://purl.org/dc/elements/1.1/"><r:channel><r:title>T &amp; U</r:title><dc:creator>A</dc:creator><r:item/></r:channel></r:rss>"#,
        );
        assert!(note.is_some());
        assert_eq!(
            plain,
            r#"<rss version="2.0" xmlns:r="http://backend.userland.com/rss2" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T &amp; U</title><dc:creator>A</dc:creator><item/></channel></rss>"#
        );
    }

    #[test]
    fn an_rdf_root_is_named_as_the_reader_expects() {
        let (plain, _) = unprefixed(
            r#"<RDF xmlns="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/"><rss:channel/></RDF>"#,
        );
        assert!(plain.starts_with("<rdf:RDF "), "{plain}");
        assert!(plain.contains("<channel/>"), "{plain}");
        assert!(plain.ends_with("</rdf:RDF>"), "{plain}");
    }

    #[test]
    fn plain_rss_is_left_as_it_is() {
        let text = r#"<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title></channel></rss>"#;
        assert!(!declares(text, "http://purl.org/rss/1.0/"));
        assert!(matches!(unprefixed(text), (Cow::Borrowed(_), None)));
    }
}
