//! HTML: the content fragment every feed shares (quotes as `figure`,
//! the discussion as a `section` with an `ol`), and the standalone page.
//!
//! Aggregators drop classes and `section`, so meaning is carried by the
//! elements and the text itself: the `—` before the name, the heading
//! before the prompts.

use super::sanitise::{sanitise, without_footnote_attributes};
use super::{WriteOptions, credit_line};
use crate::commonmark;
use crate::commonmark::QuoteParts;
use crate::model::{Article, Discussion, Image};
use crate::pieces::ParsedBody;
use comrak::Arena;
use comrak::nodes::{AstNode, NodeHtmlBlock, NodeValue};
use quick_xml::escape::escape;
use std::io;

/// Writes a standalone HTML5 page.
pub fn write(article: &Article, options: &WriteOptions, out: &mut dyn io::Write) -> io::Result<()> {
    super::page::page(article, &content(article), &options.page, out)
}

/// The article's content as one sanitised HTML fragment with absolute
/// links: lead image, body, discussion. Feeds carry exactly this.
pub(crate) fn content(article: &Article) -> String {
    let arena = Arena::new();
    content_of(article, ParsedBody::new(&arena, &article.body))
}

/// The content built from a body already parsed, which it rewrites.
pub(crate) fn content_of(article: &Article, body: ParsedBody<'_>) -> String {
    content_checked(article, body, false)
}

/// The content, built by [`Fragment`]: when everything in it is markup
/// comrak writes with its text escaped and every URL is one the sanitiser
/// keeps, it is already what sanitising would give and is not parsed
/// again; raw HTML, or anything else, goes through [`sanitise`] (always,
/// with `always_sanitise`).
fn content_checked(article: &Article, body: ParsedBody<'_>, always_sanitise: bool) -> String {
    let mut fragment = Fragment::new(article.meta.url.as_deref());
    let mut html = String::new();
    if let Some(image) = &article.meta.image {
        html.push_str(&image_figure(image, &mut fragment));
    }
    body.each_tree(|root| {
        let nodes = crate::pieces::nodes(root);
        fragment.check(root);
        for (node, quote) in nodes {
            if let Some(quote) = quote {
                // Rendered from the tree the quote is in, the whole
                // document's when it has footnotes (such a body is never
                // cut), so footnote references inside keep their numbers.
                let figure = quote_figure(&quote, &mut fragment);
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
        let body_html = commonmark::to_html(root);
        if fragment.footnotes && fragment.trusted && !always_sanitise {
            html.push_str(&without_footnote_attributes(&body_html));
        } else {
            html.push_str(&body_html);
        }
    });
    if let Some(discussion) = &article.discussion {
        html.push_str(&discussion_section(discussion, &mut fragment));
    }
    if fragment.trusted && !always_sanitise {
        html
    } else {
        sanitise(&html, article.meta.url.as_deref())
    }
}

/// What the content is made of, found while it is built: whether any of
/// it needs the sanitiser, and its URLs made absolute against the
/// article's own.
struct Fragment {
    base: Option<ammonia::Url>,
    /// Nothing seen so far needs sanitising.
    trusted: bool,
    /// Footnotes seen, whose markup carries attributes the sanitiser
    /// strips: [`without_footnote_attributes`] takes them out instead.
    footnotes: bool,
    /// The `scheme://host` starts of links already parsed as http or
    /// https. What follows the host cannot make a URL fail to parse, so a
    /// link starting with one of these is kept without a parse of its own.
    web_origins: Vec<String>,
}

impl Fragment {
    /// Schemes kept without a second look; any other goes to the sanitiser,
    /// which decides.
    const PLAIN_SCHEMES: [&str; 3] = ["http", "https", "mailto"];

    fn new(base: Option<&str>) -> Fragment {
        Fragment {
            base: base.and_then(|base| ammonia::Url::parse(base).ok()),
            trusted: true,
            footnotes: false,
            web_origins: Vec::new(),
        }
    }

    /// How many origins a fragment remembers: an article links to few
    /// sites, most often its own.
    const ORIGINS: usize = 8;

    /// The `scheme://host[:port]` a link starts with, up to the first
    /// character that ends an authority.
    fn origin(url: &str) -> Option<&str> {
        let host = url.find("://")? + 3;
        let end = url[host..]
            .find(['/', '?', '#', '\\'])
            .map_or(url.len(), |at| host + at);
        Some(&url[..end])
    }

    /// `url` as the content carries it: absolute against the article's URL,
    /// links within the page (`#fn-1`) as they are. A URL with another
    /// scheme, or one that cannot be resolved, marks the content untrusted.
    fn url(&mut self, url: &str) -> String {
        if url.starts_with('#') {
            return url.to_owned();
        }
        let origin = Fragment::origin(url);
        if origin.is_some_and(|origin| self.web_origins.iter().any(|known| known == origin)) {
            return url.to_owned();
        }
        let resolved = match ammonia::Url::parse(url) {
            // An absolute URL is kept as written, as the sanitiser keeps it.
            Ok(absolute) if Fragment::PLAIN_SCHEMES.contains(&absolute.scheme()) => {
                if let Some(origin) = origin
                    && matches!(absolute.scheme(), "http" | "https")
                    && self.web_origins.len() < Fragment::ORIGINS
                {
                    self.web_origins.push(origin.to_owned());
                }
                Some(url.to_owned())
            }
            Err(ammonia::url::ParseError::RelativeUrlWithoutBase) => match &self.base {
                Some(base) => base.join(url).ok().map(String::from),
                // With nothing to resolve it against, it stays relative.
                None => Some(url.to_owned()),
            },
            _ => None,
        };
        resolved.unwrap_or_else(|| {
            self.trusted = false;
            url.to_owned()
        })
    }

    /// Makes the tree's URLs absolute, and notes any node comrak writes as
    /// raw HTML or with attributes the sanitiser would strip (task list
    /// checkboxes), and any footnote.
    fn check<'a>(&mut self, root: &'a AstNode<'a>) {
        for node in root.descendants() {
            let mut data = node.data.borrow_mut();
            match &mut data.value {
                NodeValue::Link(link) | NodeValue::Image(link) => {
                    link.url = self.url(&link.url);
                }
                NodeValue::Document
                | NodeValue::Paragraph
                | NodeValue::Text(_)
                | NodeValue::SoftBreak
                | NodeValue::LineBreak
                | NodeValue::Emph
                | NodeValue::Strong
                | NodeValue::Strikethrough
                | NodeValue::Code(_)
                | NodeValue::CodeBlock(_)
                | NodeValue::Heading(_)
                | NodeValue::List(_)
                | NodeValue::Item(_)
                | NodeValue::BlockQuote
                | NodeValue::ThematicBreak
                | NodeValue::Table(_)
                | NodeValue::TableRow(_)
                | NodeValue::TableCell => {}
                NodeValue::FootnoteReference(_) | NodeValue::FootnoteDefinition(_) => {
                    self.footnotes = true;
                }
                _ => self.trusted = false,
            }
        }
    }

    /// Some Markdown of the discussion as HTML, checked like the body.
    fn markdown(&mut self, markdown: &str) -> String {
        let arena = Arena::new();
        let root = commonmark::parse(&arena, markdown);
        self.check(root);
        commonmark::to_html(root)
    }
}

fn image_figure(image: &Image, fragment: &mut Fragment) -> String {
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
        escape(fragment.url(&image.url).as_str()),
        escape(image.alt.as_deref().unwrap_or_default()),
    )
}

/// `<figure class="quote">` with the title, the `blockquote` and a
/// `figcaption` of `— <cite>Name</cite>, Role`.
fn quote_figure(quote: &QuoteParts<'_>, fragment: &mut Fragment) -> String {
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
            let cite = fragment.url(cite);
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

fn discussion_section(discussion: &Discussion, fragment: &mut Fragment) -> String {
    let mut html = format!(
        "<section class=\"discussion\">\n<h2>{}</h2>\n",
        escape(discussion.heading.as_str())
    );
    if !discussion.prompts.is_empty() {
        html.push_str("<ol>\n");
        for prompt in &discussion.prompts {
            let rendered = fragment.markdown(prompt);
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
        html.push_str(&fragment.markdown(note));
    }
    html.push_str("</section>\n");
    html
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

    proptest::proptest! {
        /// A link whose origin an earlier link proved is kept as a parse
        /// of its own would keep it, whatever follows the host.
        #[test]
        fn a_known_origin_decides_as_a_parse_would(
            origin in proptest::sample::select(vec![
                "https://example.com", "http://a.example:8080", "https://xn--bcher-kva.example",
                "https://user@example.com", "https://[::1]", "https://1.2.3.4",
                "https://exa mple.com", "https://a.example:99999", "https://1.2.3.400", "javascript://x",
            ]),
            rest in "[/?#\\\\][a-zA-Z0-9 %<>\"'#?/\\\\:@\t\n\\[\\]{}|^`é-]{0,30}",
        ) {
            let url = format!("{origin}{rest}");
            let mut seeded = Fragment::new(Some("https://base.example/a/"));
            seeded.url(&format!("{origin}/"));
            seeded.trusted = true;
            let mut fresh = Fragment::new(Some("https://base.example/a/"));
            proptest::prop_assert_eq!(seeded.url(&url), fresh.url(&url));
            proptest::prop_assert_eq!(seeded.trusted, fresh.trusted);
        }
    }

    #[test]
    fn direction_follows_language_and_script() {
        assert_eq!(text_direction("ar"), "rtl");
        assert_eq!(text_direction("he-IL"), "rtl");
        assert_eq!(text_direction("az-Arab"), "rtl");
        assert_eq!(text_direction("ku-Latn"), "ltr");
        assert_eq!(text_direction("pt-BR"), "ltr");
    }

    /// Markdown whose HTML the sanitiser must see: raw HTML, task lists,
    /// unknown and unsafe schemes.
    const NEEDS_SANITISING: [&str; 5] = [
        "<span onclick=\"x()\">raw</span>",
        "- [x] done",
        "[run](javascript:alert(1))",
        "![pixel](data:image/png;base64,AAAA)",
        "[chat](irc://example.com/news)",
    ];

    fn article(body: &str, url: Option<&str>) -> Article {
        let front = match url {
            Some(url) => format!("---\ntitle: T\npublished: 2024-01-02\nurl: {url}\n---\n\n"),
            None => "---\ntitle: T\npublished: 2024-01-02\n---\n\n".to_owned(),
        };
        crate::read::markdown::read(&format!("{front}{body}"), "t.md").unwrap()
    }

    /// `html` parsed and written out again keeping whatever it holds, so
    /// that it can be compared with sanitised HTML as a tree, not as bytes.
    fn reserialised(html: &str) -> String {
        let tags = [
            "a",
            "b",
            "blockquote",
            "br",
            "cite",
            "code",
            "del",
            "em",
            "figcaption",
            "figure",
            "h2",
            "h3",
            "hr",
            "img",
            "input",
            "li",
            "ol",
            "p",
            "pre",
            "section",
            "small",
            "span",
            "strong",
            "sup",
            "table",
            "tbody",
            "td",
            "th",
            "thead",
            "tr",
            "ul",
        ];
        let attributes = [
            "align",
            "alt",
            "checked",
            "cite",
            "class",
            "data-footnote-ref",
            "data-footnotes",
            "disabled",
            "href",
            "id",
            "onclick",
            "src",
            "start",
            "title",
            "type",
        ];
        let schemes = [
            "data",
            "ftp",
            "http",
            "https",
            "irc",
            "javascript",
            "mailto",
        ];
        ammonia::Builder::empty()
            .add_tags(tags)
            .add_generic_attributes(attributes)
            .add_url_schemes(schemes)
            .strip_comments(false)
            .link_rel(None)
            .clean(html)
            .to_string()
    }

    /// The content is what the sanitiser gives, whichever way it was built:
    /// sanitising it again removes nothing, and with no base to resolve
    /// links against finds every link already resolved.
    fn same_as_sanitised(article: &Article) {
        let arena = Arena::new();
        let built = content_checked(article, ParsedBody::new(&arena, &article.body), false);
        let again = sanitise(&built, None);
        assert_eq!(
            again,
            reserialised(&built),
            "the sanitiser removed something"
        );
        let sanitised = content_checked(article, ParsedBody::new(&arena, &article.body), true);
        assert_eq!(again, sanitised);
    }

    #[test]
    fn content_is_what_sanitising_gives() {
        let samples = [
            include_str!("../../samples/syria-what-happens-now.md"),
            include_str!("../../samples/op-ed-local-news.md"),
            include_str!("../../samples/lisboa-habitacao.md"),
        ];
        for sample in samples {
            same_as_sanitised(&crate::read::markdown::read(sample, "sample.md").unwrap());
        }
        let bodies = [
            "[rel](../a) [abs](https://example.org) [mail](mailto:a@example.com) [frag](#top) www.example.com",
            "| a | b |\n|:--|--:|\n| `x<y` | **&amp;** |",
            "```rust\nfn main() {}\n```\n\n***\n\n1. one\n2. two",
            "> Said \"so\" & <more>.\n>\n> — [Ann](/ann), Role",
            "## Discussion\n\n- Why [here](/x)?\n\nA [note](../y).",
            "A note.[^1]\n\n[^1]: The note.",
            "Once[^a], twice[^a], \"again\"[^a] and[^é].\n\n[^a]: Said \"so\" & <more>.\n\n    - a list\n\n    More.\n\n[^é]: Accented [link](/z).",
            "> In a quote[^q].\n>\n> — Ann\n\n[^q]: Where.\n\n[^unused]: Never cited.",
        ];
        for body in bodies.iter().chain(&NEEDS_SANITISING) {
            for url in [None, Some("https://example.com/news/a.html")] {
                same_as_sanitised(&article(body, url));
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn any_mix_of_blocks_is_what_sanitising_gives(
            blocks in proptest::collection::vec(proptest::sample::select(vec![
                "Plain *words* and **more** with `code`.",
                "[rel](../a b) [q](?q=1&r=2) [abs](HTTPS://Example.org/%7e) [sp](<a b>)",
                "![alt \"q\"](img/a.png \"title\") and a\\\nbreak",
                "> Quoted <b>bold</b>.\n>\n> — [Ann](//other.example/ann), Role",
                "- one\n- [two](mailto:x@example.com)",
                "Text & more < less > \"quotes\" 'single'.",
                "~~gone~~ www.example.com/path?x=1",
                "[odd](ftp://example.com/f)",
                "<!-- comment -->",
                "Ref[^n].\n\n[^n]: Note.",
                "Again[^n] and[^m].\n\n[^m]: A `\" data-footnote-ref>` and \"quotes\".\n\n    Second.",
            ]), 1..6),
            url in proptest::option::of(proptest::sample::select(vec![
                "https://example.com/news/a.html",
                "https://example.com",
            ])),
        ) {
            same_as_sanitised(&article(&blocks.join("\n\n"), url));
        }
    }

    #[test]
    fn only_what_may_be_unsafe_is_sanitised() {
        let url = Some("https://example.com/news/a.html");
        let mut fragment = Fragment::new(url);
        let arena = Arena::new();
        fragment.check(commonmark::parse(&arena, "[a](/b) *c* `d`\n\n> e"));
        assert!(fragment.trusted);
        let mut fragment = Fragment::new(url);
        fragment.check(commonmark::parse(&arena, "A note.[^1]\n\n[^1]: The note."));
        assert!(fragment.trusted && fragment.footnotes);
        for body in NEEDS_SANITISING {
            let mut fragment = Fragment::new(url);
            let arena = Arena::new();
            fragment.check(commonmark::parse(&arena, body));
            assert!(!fragment.trusted, "{body}");
        }
    }
}
