//! HTML: the content fragment every feed shares (quotes as `figure`,
//! the discussion as a `section` with an `ol`), and the standalone page.
//!
//! Aggregators drop classes and `section`, so meaning is carried by the
//! elements and the text itself: the `—` before the name, the heading
//! before the prompts.

use super::{WriteOptions, byline, credit_line, program_line};
use crate::commonmark;
use crate::commonmark::QuoteParts;
use crate::model::{Article, Discussion, Image};
use comrak::Arena;
use comrak::nodes::{NodeHtmlBlock, NodeValue};
use quick_xml::escape::escape;
use std::borrow::Cow;
use std::io;

/// Writes a standalone HTML5 page.
pub fn write(
    article: &Article,
    _options: &WriteOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let meta = &article.meta;
    let title = escape(meta.title.as_str());
    let mut root_attributes = String::new();
    if let Some(language) = &meta.language {
        root_attributes = format!(
            " lang=\"{}\" dir=\"{}\"",
            escape(language.as_str()),
            text_direction(language)
        );
    }
    writeln!(out, "<!DOCTYPE html>\n<html{root_attributes}>\n<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{title}</title>")?;
    if let Some(summary) = &meta.summary {
        writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            escape(summary.as_str())
        )?;
    }
    let names = byline(article);
    if !names.is_empty() {
        writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape(names.as_str())
        )?;
    }
    if !meta.tags.is_empty() {
        writeln!(
            out,
            "<meta name=\"keywords\" content=\"{}\">",
            escape(meta.tags.join(", ").as_str())
        )?;
    }
    writeln!(out, "<meta name=\"generator\" content=\"newswire\">")?;
    if let Some(url) = &meta.url {
        writeln!(
            out,
            "<link rel=\"canonical\" href=\"{}\">",
            escape(url.as_str())
        )?;
    }
    writeln!(
        out,
        "</head>\n<body>\n<article>\n<header>\n<h1>{title}</h1>"
    )?;
    if let Some(summary) = &meta.summary {
        writeln!(out, "<p class=\"summary\">{}</p>", escape(summary.as_str()))?;
    }
    let date = format!(
        "<time datetime=\"{}\">{}</time>",
        meta.published.to_rfc3339(),
        meta.published.day()
    );
    if names.is_empty() {
        writeln!(out, "<p class=\"byline\">{date}</p>")?;
    } else {
        writeln!(
            out,
            "<p class=\"byline\">{} · {date}</p>",
            escape(names.as_str())
        )?;
    }
    if let Some(line) = program_line(article) {
        writeln!(out, "<p class=\"program\">{}</p>", escape(line.as_str()))?;
    }
    writeln!(out, "</header>")?;
    out.write_all(content(article).as_bytes())?;
    if !meta.tags.is_empty() {
        let tags: Vec<String> = meta
            .tags
            .iter()
            .map(|tag| format!("<li>{}</li>", escape(tag.as_str())))
            .collect();
        writeln!(
            out,
            "<footer>\n<ul class=\"tags\">{}</ul>\n</footer>",
            tags.concat()
        )?;
    }
    writeln!(out, "</article>\n</body>\n</html>")
}

/// The article's content as one sanitised HTML fragment with absolute
/// links: lead image, body, discussion. Feeds carry exactly this.
pub(crate) fn content(article: &Article) -> String {
    let mut html = String::new();
    if let Some(image) = &article.meta.image {
        html.push_str(&image_figure(image));
    }
    let arena = Arena::new();
    let (root, nodes) = commonmark::body_nodes(&arena, &article.body);
    for (node, quote) in nodes {
        if let Some(quote) = quote {
            // Rendered from the whole document's tree, so footnote
            // references inside the quote keep their numbers.
            let figure = quote_figure(&quote);
            for child in quote
                .content
                .iter()
                .chain(node.children().collect::<Vec<_>>().iter())
            {
                child.detach();
            }
            node.data.borrow_mut().value = NodeValue::HtmlBlock(NodeHtmlBlock {
                block_type: 6,
                literal: figure,
            });
        }
    }
    html.push_str(&commonmark::to_html(root));
    if let Some(discussion) = &article.discussion {
        html.push_str(&discussion_section(discussion));
    }
    sanitise(&html, article.meta.url.as_deref())
}

fn image_figure(image: &Image) -> String {
    let mut caption = Vec::new();
    if let Some(text) = &image.caption {
        caption.push(escape(text.as_str()).into_owned());
    }
    if let Some(credit) = &image.credit {
        caption.push(format!(
            "<small>{}</small>",
            escape(credit_line(credit).as_str())
        ));
    }
    let caption = if caption.is_empty() {
        String::new()
    } else {
        format!("<figcaption>{}</figcaption>", caption.join(" "))
    };
    format!(
        "<figure class=\"image\"><img src=\"{}\" alt=\"{}\">{caption}</figure>\n",
        escape(image.url.as_str()),
        escape(image.alt.as_deref().unwrap_or_default()),
    )
}

/// `<figure class="quote">` with the title, the `blockquote` and a
/// `figcaption` of `— <cite>Name</cite>, Role`.
fn quote_figure(quote: &QuoteParts<'_>) -> String {
    let who = &quote.attribution;
    let text: String = quote
        .content
        .iter()
        .map(|block| commonmark::to_html(block))
        .collect();
    let text = text.trim_end();
    let mut html = String::from("<figure class=\"quote\">");
    if let Some(title) = &quote.title {
        html.push_str(&format!("<h3>{}</h3>", escape(title.as_str())));
    }
    let name = escape(who.name.as_str());
    match &who.cite {
        Some(cite) => {
            let cite = escape(cite.as_str());
            html.push_str(&format!("<blockquote cite=\"{cite}\">"));
            html.push_str(text);
            html.push_str(&format!(
                "</blockquote><figcaption>— <cite><a href=\"{cite}\">{name}</a></cite>"
            ));
        }
        None => {
            html.push_str("<blockquote>");
            html.push_str(text);
            html.push_str(&format!("</blockquote><figcaption>— <cite>{name}</cite>"));
        }
    }
    if let Some(role) = &who.role {
        html.push_str(&format!(", {}", escape(role.as_str())));
    }
    html.push_str("</figcaption></figure>");
    html
}

fn discussion_section(discussion: &Discussion) -> String {
    let mut html = format!(
        "<section class=\"discussion\">\n<h2>{}</h2>\n",
        escape(discussion.heading.as_str())
    );
    if !discussion.prompts.is_empty() {
        html.push_str("<ol>\n");
        for prompt in &discussion.prompts {
            let rendered = commonmark::markdown_to_html(prompt);
            let inline = rendered
                .trim()
                .strip_prefix("<p>")
                .and_then(|inner| inner.strip_suffix("</p>"))
                .unwrap_or(rendered.trim());
            html.push_str(&format!("<li>{inline}</li>\n"));
        }
        html.push_str("</ol>\n");
    }
    if let Some(note) = &discussion.note {
        html.push_str(&commonmark::markdown_to_html(note));
    }
    html.push_str("</section>\n");
    html
}

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
        .link_rel(None);
    if let Some(base) = base.and_then(|url| ammonia::Url::parse(url).ok()) {
        builder.url_relative(ammonia::UrlRelative::Custom(Box::new(against(base))));
    }
    builder.clean(html).to_string()
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

/// `rtl` for languages written right to left, by primary subtag or script.
pub(crate) fn text_direction(language: &str) -> &'static str {
    const RTL_LANGUAGES: [&str; 14] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi",
    ];
    const RTL_SCRIPTS: [&str; 6] = ["arab", "hebr", "syrc", "thaa", "nkoo", "adlm"];
    let lower = language.to_ascii_lowercase();
    let mut subtags = lower.split('-');
    let primary = subtags.next().unwrap_or_default();
    let script = subtags.find(|subtag| subtag.len() == 4);
    match script {
        Some(script) if RTL_SCRIPTS.contains(&script) => "rtl",
        Some(_) => "ltr",
        None if RTL_LANGUAGES.contains(&primary) => "rtl",
        None => "ltr",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_language_and_script() {
        assert_eq!(text_direction("ar"), "rtl");
        assert_eq!(text_direction("he-IL"), "rtl");
        assert_eq!(text_direction("az-Arab"), "rtl");
        assert_eq!(text_direction("ku-Latn"), "ltr");
        assert_eq!(text_direction("pt-BR"), "ltr");
    }

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
