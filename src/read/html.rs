//! Feed content HTML back to the article's Markdown body. `htmd` converts
//! the HTML; our handlers undo the shared HTML contract first, so a quote
//! `figure` becomes an attributed block quote again, the discussion
//! `section` keeps its heading, and the lead image `figure` goes back to
//! the metadata instead of the body.

use crate::chars::{Escapes, without_forbidden_source};
use crate::model::Image;
use htmd::element_handler::{HandlerResult, Handlers};
use htmd::{Element, HtmlToMarkdown, Node};
use markup5ever_rcdom::NodeData;
use std::rc::Rc;
use std::sync::{Arc, Mutex};

/// What the HTML held besides the body.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct HtmlBody {
    /// The body as CommonMark, attributed quotes written as our block quotes.
    pub markdown: String,
    /// The heading of a `section class="discussion"`, when there is one.
    pub discussion_heading: Option<String>,
    /// The lead image's figure, when it matched the item's image URL.
    pub lead_image: Option<Image>,
}

/// Converts an item's HTML content; `lead_image_url` is the image the feed
/// gives for the item, whose figure the writers put first in the content;
/// relative links and images resolve against `base` when the feed gives
/// one for the content.
pub(crate) fn to_markdown(
    html: &str,
    lead_image_url: Option<&str>,
    base: Option<&str>,
) -> HtmlBody {
    let (html, _) = without_forbidden_source(html, Escapes::Xml);
    let html = html.as_ref();
    let found = Arc::new(Mutex::new(HtmlBody::default()));
    let lead_url = lead_image_url.map(str::to_owned);
    let base = base.and_then(|base| ammonia::Url::parse(base).ok());
    let converter = {
        let found_image = Arc::clone(&found);
        let found_heading = Arc::clone(&found);
        HtmlToMarkdown::builder()
            .skip_tags(vec!["script", "style", "template", "iframe", "object"])
            .add_handler(
                vec!["figure"],
                move |handlers: &dyn Handlers, element: Element| {
                    figure(handlers, &element, lead_url.as_deref(), &found_image)
                        .or_else(|| handlers.fallback(element))
                },
            )
            .add_handler(
                vec!["blockquote"],
                |handlers: &dyn Handlers, element: Element| {
                    cited_quote(handlers, &element).or_else(|| handlers.fallback(element))
                },
            )
            // A link or image to anything but the web is kept as its text
            // only: one rule for URLs, in as out.
            .add_handler(
                vec!["a", "img"],
                move |handlers: &dyn Handlers, element: Element| {
                    let wanted = if element.tag == "a" { "href" } else { "src" };
                    match attribute(element.node, wanted) {
                        Some(url)
                            if !url.starts_with('#') && !crate::url::is_web_or_relative(&url) =>
                        {
                            Some(handlers.walk_children(element.node))
                        }
                        Some(url) if !url.starts_with('#') && !crate::url::is_web_url(&url) => {
                            match &base {
                                Some(base) => resolved_link(handlers, &element, base, &url),
                                None => handlers.fallback(element),
                            }
                        }
                        _ => handlers.fallback(element),
                    }
                },
            )
            // Footnotes as the writers mark them (`sup.footnote-ref`,
            // `section.footnotes`) become footnotes again.
            .add_handler(vec!["sup"], |handlers: &dyn Handlers, element: Element| {
                footnote_reference(&element).or_else(|| handlers.fallback(element))
            })
            .add_handler(
                vec!["section"],
                move |handlers: &dyn Handlers, element: Element| {
                    if has_class(element.node, "footnotes") {
                        return Some(footnote_definitions(handlers, element.node).into());
                    }
                    if has_class(element.node, "discussion")
                        && let Some(heading) = first_child(element.node, is_heading)
                        && let Ok(mut found) = found_heading.lock()
                    {
                        found.discussion_heading = Some(text_of(&heading).trim().to_owned());
                    }
                    handlers.fallback(element)
                },
            )
            .build()
    };
    let markdown = converter.convert(html).unwrap_or_default();
    drop(converter);
    let mut body = Arc::try_unwrap(found)
        .ok()
        .and_then(|found| found.into_inner().ok())
        .unwrap_or_default();
    body.markdown = markdown;
    body
}

/// A quote figure as an attributed block quote, or an image figure as an
/// image and its caption; `None` lets the default handling take it.
fn figure(
    handlers: &dyn Handlers,
    element: &Element,
    lead_url: Option<&str>,
    found: &Mutex<HtmlBody>,
) -> Option<HandlerResult> {
    let node = element.node;
    let caption = first_child(node, |child| tag_of(child) == Some("figcaption"));
    if let Some(quote) = first_child(node, |child| tag_of(child) == Some("blockquote")) {
        let caption = caption?;
        let mut lines = Vec::new();
        if let Some(title) = first_child(node, is_heading) {
            lines.push(format!("### {}", text_of(&title).trim()));
            lines.push(String::new());
        }
        lines.extend(
            handlers
                .walk_children(&quote)
                .content
                .trim()
                .lines()
                .map(str::to_owned),
        );
        let attribution = handlers.walk_children(&caption).content;
        let attribution = attribution.trim();
        let attribution = if attribution.starts_with(['—', '―']) || attribution.starts_with("--")
        {
            attribution.to_owned()
        } else {
            format!("— {attribution}")
        };
        lines.push(String::new());
        lines.push(attribution);
        return Some(
            format!(
                "\n\n{}\n\n",
                crate::commonmark::block_quoted(lines.iter().map(String::as_str))
            )
            .into(),
        );
    }
    let image = first_child(node, |child| tag_of(child) == Some("img"))?;
    let src = attribute(&image, "src")?;
    let alt = attribute(&image, "alt").filter(|alt| !alt.trim().is_empty());
    let (caption_text, credit) = caption.map_or((None, None), |caption| split_caption(&caption));
    if lead_url.is_some_and(|url| url == src)
        && let Ok(mut found) = found.lock()
        && found.lead_image.is_none()
    {
        found.lead_image = Some(Image {
            url: src,
            alt,
            credit,
            caption: caption_text,
        });
        return Some(String::new().into());
    }
    let mut markdown = handlers.handle(&image)?.content;
    let caption: Vec<String> = caption_text.into_iter().chain(credit).collect();
    if !caption.is_empty() {
        markdown.push_str("\n\n");
        markdown.push_str(&caption.join(" "));
    }
    Some(format!("\n\n{markdown}\n\n").into())
}

/// A relative link or image made absolute against the content's base.
fn resolved_link(
    handlers: &dyn Handlers,
    element: &Element,
    base: &ammonia::Url,
    url: &str,
) -> Option<HandlerResult> {
    let resolved = crate::url::resolved(Some(base), url);
    let destination = if resolved.contains(['(', ')', ' ', '<', '>']) {
        format!("<{}>", resolved.replace(['<', '>'], ""))
    } else {
        resolved
    };
    if element.tag == "img" {
        let alt = attribute(element.node, "alt").unwrap_or_default();
        let alt = alt.replace(['[', ']'], "");
        return Some(format!("![{alt}]({destination})").into());
    }
    let text = handlers.walk_children(element.node).content;
    Some(format!("[{}]({destination})", text.trim()).into())
}

/// `[^name]` for a footnote reference as the writers mark it.
fn footnote_reference(element: &Element) -> Option<HandlerResult> {
    if !has_class(element.node, "footnote-ref") {
        return None;
    }
    let link = first_child(element.node, |child| tag_of(child) == Some("a"))?;
    let name = attribute(&link, "href")?.strip_prefix("#fn-")?.to_owned();
    footnote_name(&name).then(|| format!("[^{name}]").into())
}

/// Whether `name` can be a footnote's label as written back.
fn footnote_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// The definitions of a `section.footnotes`, each `[^name]: text`, the
/// back-reference link left out, later paragraphs indented under it.
fn footnote_definitions(handlers: &dyn Handlers, section: &Rc<Node>) -> String {
    let mut definitions = Vec::new();
    let Some(list) = first_child(section, |child| tag_of(child) == Some("ol")) else {
        return handlers.walk_children(section).content;
    };
    for item in list.children.borrow().iter() {
        if tag_of(item) != Some("li") {
            // Whatever else the list holds is kept, not lost.
            if let Some(converted) = handlers.handle(item) {
                let content = converted.content.trim().to_owned();
                if !content.is_empty() {
                    definitions.push(content);
                }
            }
            continue;
        }
        let Some(name) = attribute(item, "id")
            .and_then(|id| id.strip_prefix("fn-").map(str::to_owned))
            .filter(|name| footnote_name(name))
        else {
            definitions.push(handlers.walk_children(item).content.trim().to_owned());
            continue;
        };
        let text = without_back_links(handlers.walk_children(item).content.trim());
        let mut lines = text.trim().lines();
        let mut definition = format!("[^{name}]: {}", lines.next().unwrap_or_default().trim_end());
        for line in lines {
            definition.push('\n');
            if !line.trim().is_empty() {
                definition.push_str("    ");
                definition.push_str(line);
            }
        }
        definitions.push(definition);
    }
    format!("\n\n{}\n\n", definitions.join("\n\n"))
}

/// Markdown without the links back to footnote references (`[↩](#fnref-n)`).
fn without_back_links(text: &str) -> String {
    let mut text = text.to_owned();
    while let Some(at) = text.find("](#fnref-") {
        let Some(open) = text[..at].rfind('[') else {
            break;
        };
        let close = text[at..].find(')').map_or(text.len(), |end| at + end + 1);
        text.replace_range(open..close, "");
    }
    text.trim_end().to_owned()
}

/// A block quote that ends in a `cite` or `footer` naming the speaker, as
/// WordPress writes them, as an attributed quote.
fn cited_quote(handlers: &dyn Handlers, element: &Element) -> Option<HandlerResult> {
    let node = element.node;
    let last = node
        .children
        .borrow()
        .iter()
        .rev()
        .find(|child| tag_of(child).is_some())
        .cloned()?;
    if !matches!(tag_of(&last), Some("cite" | "footer")) {
        return None;
    }
    let speaker = text_of(&last);
    let speaker = speaker
        .trim()
        .trim_start_matches(['—', '―', '-', '–'])
        .trim();
    if speaker.is_empty() {
        return None;
    }
    let mut lines = Vec::new();
    for child in node.children.borrow().iter() {
        if Rc::ptr_eq(child, &last) {
            continue;
        }
        if let Some(converted) = handlers.handle(child) {
            lines.extend(converted.content.trim().lines().map(str::to_owned));
            lines.push(String::new());
        }
    }
    lines.push(format!("— {speaker}"));
    Some(
        format!(
            "\n\n{}\n\n",
            crate::commonmark::block_quoted(lines.iter().map(String::as_str))
        )
        .into(),
    )
}

/// An image caption as its text and the credit in its `small`, without the
/// `Photo:` label the writers add.
fn split_caption(caption: &Rc<Node>) -> (Option<String>, Option<String>) {
    let mut text = String::new();
    let mut credit = None;
    for child in caption.children.borrow().iter() {
        if tag_of(child) == Some("small") {
            let small = text_of(child);
            let small = small.trim();
            credit = Some(
                small
                    .strip_prefix("Photo:")
                    .unwrap_or(small)
                    .trim()
                    .to_owned(),
            );
        } else {
            text.push_str(&text_of(child));
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    ((!text.is_empty()).then_some(text), credit)
}

fn tag_of(node: &Node) -> Option<&str> {
    match &node.data {
        NodeData::Element { name, .. } => Some(&name.local),
        _ => None,
    }
}

fn is_heading(node: &Rc<Node>) -> bool {
    matches!(tag_of(node), Some("h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
}

fn first_child(node: &Rc<Node>, wanted: impl Fn(&Rc<Node>) -> bool) -> Option<Rc<Node>> {
    node.children
        .borrow()
        .iter()
        .find(|child| wanted(child))
        .cloned()
}

fn attribute(node: &Node, wanted: &str) -> Option<String> {
    let NodeData::Element { attrs, .. } = &node.data else {
        return None;
    };
    attrs
        .borrow()
        .iter()
        .find(|attr| &*attr.name.local == wanted)
        .map(|attr| attr.value.to_string())
}

fn has_class(node: &Node, wanted: &str) -> bool {
    attribute(node, "class")
        .is_some_and(|classes| classes.split_whitespace().any(|class| class == wanted))
}

/// The text of a node and its descendants, as a reader sees it.
pub(crate) fn text_of(node: &Node) -> String {
    let mut text = String::new();
    collect_text(node, &mut text);
    text
}

fn collect_text(node: &Node, text: &mut String) {
    if let NodeData::Text { contents } = &node.data {
        text.push_str(&contents.borrow());
    }
    for child in node.children.borrow().iter() {
        collect_text(child, text);
    }
}

/// The HTML as plain text, for summaries: the Markdown conversion, then
/// its text.
pub(crate) fn to_plain_text(html: &str) -> String {
    let (html, _) = without_forbidden_source(html, Escapes::Xml);
    let markdown = HtmlToMarkdown::new().convert(&html).unwrap_or_default();
    crate::commonmark::markdown_to_plain_text(&markdown)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
