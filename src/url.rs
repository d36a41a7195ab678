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
