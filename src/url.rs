//! URLs as feeds need them: absolute, and resolved against the article's
//! own address.

/// Checks a URL is absolute, as ids, links and feed readers need.
pub(crate) fn is_absolute_url(url: &str) -> bool {
    ammonia::Url::parse(url).is_ok_and(|url| url.has_host() || url.scheme() == "urn")
}

/// `url` made absolute against the article's own URL, when it has one,
/// since text and feeds are read away from the article's page.
pub(crate) fn absolute_url(base: Option<&str>, url: &str) -> String {
    resolved(
        base.and_then(|base| ammonia::Url::parse(base).ok())
            .as_ref(),
        url,
    )
}

/// `url` made absolute against a base already parsed, for writers that
/// resolve many links against one.
pub(crate) fn resolved(base: Option<&ammonia::Url>, url: &str) -> String {
    base.and_then(|base| base.join(url).ok())
        .map_or_else(|| url.to_owned(), String::from)
}

/// `id` as an IRI, which Atom's `id` must be (RFC 4287 §4.2.6): as it is
/// when it is one, else a URN that spells it, percent-encoded, so that an
/// opaque RSS guid (`6166e7e0`) or a JSON Feed id (`1`) stays stable and
/// distinct.
pub(crate) fn as_iri(id: &str) -> std::borrow::Cow<'_, str> {
    let has_scheme = ammonia::Url::parse(id).is_ok_and(|url| url.scheme().len() > 1);
    if has_scheme && !id.contains(char::is_whitespace) {
        return std::borrow::Cow::Borrowed(id);
    }
    let encoded: String = ammonia::url::form_urlencoded::byte_serialize(id.as_bytes()).collect();
    std::borrow::Cow::Owned(format!("urn:newswire:id:{encoded}"))
}

/// A URL a reader may be sent to: http or https, with a host. Every link
/// newswire reads or writes is held to this, so that no `javascript:`,
/// `vbscript:`, `data:` or `file:` URL reaches a feed or a page.
pub(crate) fn is_web_url(url: &str) -> bool {
    ammonia::Url::parse(url)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.has_host())
}

/// A link to a person: a web page, or a `mailto:` address (JSON Feed 1.1
/// allows either for an author's `url`).
pub(crate) fn is_person_url(url: &str) -> bool {
    is_web_url(url)
        || ammonia::Url::parse(url)
            .is_ok_and(|url| url.scheme() == "mailto" && url.path().contains('@'))
}

/// A link that is relative, to be resolved against the article's URL, or
/// a web URL.
pub(crate) fn is_web_or_relative(url: &str) -> bool {
    match ammonia::Url::parse(url) {
        Ok(_) => is_web_url(url),
        Err(error) => error == ammonia::url::ParseError::RelativeUrlWithoutBase,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_are_the_web_and_nothing_else() {
        for url in [
            "https://example.com/a",
            "http://example.com",
            "HTTPS://EXAMPLE.COM/",
        ] {
            assert!(
                is_web_url(url) && is_person_url(url) && is_web_or_relative(url),
                "{url}"
            );
        }
        for url in [
            "javascript:alert(1)",
            "javascript://example.com/%0Aalert(1)",
            " JavaScript:alert(1)",
            "vbscript:msgbox",
            "data:text/html,<script>alert(1)</script>",
            "file:///etc/passwd",
            "ftp://example.com/a",
            "urn:newswire:a",
            "https://",
        ] {
            assert!(
                !is_web_url(url) && !is_person_url(url) && !is_web_or_relative(url),
                "{url}"
            );
        }
        assert!(is_person_url("mailto:ana@example.com") && !is_web_url("mailto:ana@example.com"));
    }

    #[test]
    fn opaque_ids_become_urns_that_spell_them() {
        for iri in [
            "https://example.com/a",
            "tag:example.com,2014:a",
            "urn:uuid:58e1c539",
        ] {
            assert_eq!(as_iri(iri), iri);
        }
        assert_eq!(
            as_iri("6166e7e065133e02a961145d"),
            "urn:newswire:id:6166e7e065133e02a961145d"
        );
        assert_eq!(as_iri("1"), "urn:newswire:id:1");
        assert_eq!(as_iri("a b/é?"), "urn:newswire:id:a+b%2F%C3%A9%3F");
        assert_ne!(as_iri("a b"), as_iri("a+b"));
        for url in ["/maps/gaza", "a/b.jpg", "../x", "#note", "?q=1"] {
            assert!(is_web_or_relative(url), "{url}");
        }
    }
}
