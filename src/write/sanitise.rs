//! The sanitiser every HTML content goes through unless it is known to be
//! what the sanitiser would give, and the one rewrite that lets comrak's
//! footnotes be known so.

use std::borrow::Cow;

/// Removes scripts, event handlers and unsafe URLs, and makes relative
/// links absolute against the article's URL, since aggregators show
/// content away from its page.
pub(crate) fn sanitise(html: &str, base: Option<&str>) -> String {
    let mut builder = ammonia::Builder::default();
    builder
        .add_tags(["section"])
        .add_tag_attributes("a", ["id"])
        .add_tag_attributes("li", ["id"])
        .add_tag_attributes("th", ["align"])
        .add_tag_attributes("td", ["align"])
        .add_tag_attributes("code", ["class"])
        .add_allowed_classes("figure", ["quote", "image"])
        .add_allowed_classes("section", ["discussion", "footnotes"])
        .add_allowed_classes("sup", ["footnote-ref"])
        // One rule for links everywhere: the web and e-mail.
        .url_schemes(["http", "https", "mailto"].into())
        // `cite` names a source, which is a link as much as `href` is.
        .attribute_filter(|_, attribute, value| {
            (attribute != "cite" || crate::url::is_web_or_relative(value))
                .then_some(Cow::Borrowed(value))
        })
        .link_rel(None);
    if let Some(base) = base.and_then(|url| ammonia::Url::parse(url).ok()) {
        builder.url_relative(ammonia::UrlRelative::Custom(Box::new(against(base))));
    }
    // Character references the sanitiser decoded are written out raw,
    // and those that decode to characters no output may carry go.
    crate::chars::without_forbidden(builder.clean(html).to_string())
}

/// Resolves relative URLs against the article's URL, except links within
/// the page (`#fn-1`), which must keep pointing at the content itself.
fn against(base: ammonia::Url) -> impl for<'u> Fn(&'u str) -> Option<Cow<'u, str>> + Send + Sync {
    move |url| {
        if url.starts_with('#') {
            return Some(Cow::Borrowed(url));
        }
        base.join(url)
            .ok()
            .map(|absolute| Cow::Owned(absolute.into()))
    }
}

/// comrak's footnote markup without the attributes the sanitiser strips
/// (`data-footnotes`, `data-footnote-ref`, and the back-reference's class,
/// `data-` and `aria-label` attributes), so a body with footnotes needs no
/// parse by the sanitiser. Only for HTML comrak wrote from a tree with no
/// raw HTML: its text and URLs are escaped, so a `"` followed by these
/// attributes is only ever its own markup.
pub(super) fn without_footnote_attributes(html: &str) -> String {
    const BACKREF: &str =
        "\" class=\"footnote-backref\" data-footnote-backref data-footnote-backref-idx=\"";
    const LABEL: &str = "\" aria-label=\"Back to reference ";
    let html = html
        .replace(
            " class=\"footnotes\" data-footnotes>",
            " class=\"footnotes\">",
        )
        .replace("\" data-footnote-ref>", "\">");
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    while let Some(at) = rest.find(BACKREF) {
        out.push_str(&rest[..at]);
        let after = &rest[at + BACKREF.len()..];
        // The index twice, as `3` or `3-2`: in the attribute, then the label.
        let index = after
            .find(|c: char| !(c.is_ascii_digit() || c == '-'))
            .unwrap_or(after.len());
        let label = format!("{LABEL}{}\">", &after[..index]);
        match after[index..].strip_prefix(label.as_str()) {
            Some(tail) => {
                out.push_str("\">");
                rest = tail;
            }
            None => {
                out.push_str(BACKREF);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitising_drops_script_and_resolves_links() {
        let html = sanitise(
            "<p onclick=\"x()\"><a href=\"javascript:alert(1)\">a</a><a href=\"/b\">b</a></p><script>x()</script>",
            Some("https://example.com/news/a.html"),
        );
        assert_eq!(
            html,
            "<p><a>a</a><a href=\"https://example.com/b\">b</a></p>"
        );
    }
}
