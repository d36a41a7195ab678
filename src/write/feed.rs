//! What RSS, Atom and JSON Feed items share: the HTML content, the summary,
//! absolute URLs, and the structured quotes and discussion that travel as
//! data for programs (`_newswire` in JSON, a namespaced element in XML).

use super::markdown::Framing;
use super::spool::Lines;
use super::{absolute_url, html, text};
use crate::commonmark;
use crate::commonmark::ParsedBody;
use crate::model::{Article, Block, Image};
use serde::{Deserialize, Serialize};
use std::io;

/// The generator every feed names.
pub(crate) const GENERATOR: &str = "newswire";
/// Our own namespace for the structured data in RSS and Atom.
pub(crate) const NEWSWIRE_NAMESPACE: &str = "urn:newswire:1";
/// The prefix it is declared with.
pub(crate) const NEWSWIRE_PREFIX: &str = "nw";
/// Media RSS, for the lead image and its credit.
pub(crate) const MEDIA_NAMESPACE: &str = "http://search.yahoo.com/mrss/";

/// The namespaces our extension elements use, for the feed's root.
pub(crate) fn extension_namespaces() -> std::collections::BTreeMap<String, String> {
    [
        ("media", MEDIA_NAMESPACE),
        (NEWSWIRE_PREFIX, NEWSWIRE_NAMESPACE),
    ]
    .into_iter()
    .map(|(prefix, uri)| (prefix.to_owned(), uri.to_owned()))
    .collect()
}

/// One article prepared as a feed item.
#[derive(Clone)]
pub(crate) struct Item<'a> {
    pub article: &'a Article,
    /// The full sanitised HTML, with absolute links.
    pub content_html: String,
    /// The summary, or the first paragraph as plain text.
    pub summary: Option<String>,
    /// The lead image's absolute URL.
    pub image_url: Option<String>,
    pub data: NewswireData,
    /// The content as plain text, which JSON Feed carries; laid out with
    /// the HTML from one parse of the body when asked for.
    pub content_text: Option<String>,
}

impl<'a> Item<'a> {
    /// `article` as a feed item, with its content as plain text too when
    /// `with_text`.
    pub fn new(article: &'a Article, with_text: bool) -> Item<'a> {
        let arena = comrak::Arena::new();
        Item::parsed(article, ParsedBody::new(&arena, &article.body), with_text)
    }

    /// [`Item::new`] from a body already parsed.
    pub fn parsed(article: &'a Article, body: ParsedBody<'_>, with_text: bool) -> Item<'a> {
        let content_text = with_text.then(|| text::Content::of(article, &body).unwrapped());
        let framing = Framing::of(article, &body);
        Item::of(article, body, content_text, &framing)
    }

    /// `article` as a feed item, its HTML content built from a body already
    /// parsed.
    pub fn of(
        article: &'a Article,
        body: ParsedBody<'_>,
        content_text: Option<String>,
        framing: &Framing,
    ) -> Item<'a> {
        let base = article.meta.url.as_deref();
        Item {
            article,
            content_html: html::content_of(article, body),
            summary: article
                .meta
                .summary
                .clone()
                .or_else(|| lead_paragraph(article)),
            // Feed readers need an absolute URL; without a base, a relative
            // image is left out of the metadata (it stays in the content).
            image_url: article
                .meta
                .image
                .as_ref()
                .map(|image| absolute_url(base, &image.url))
                .filter(|url| crate::read::is_absolute_url(url)),
            data: NewswireData::new(article, framing),
            content_text,
        }
    }
}

/// The lines of the one entry in `document`, a feed of one entry written by
/// a feed crate: from the start of the line where `open` first appears to
/// the end of the line where `close` last does. Entries cut out this way
/// can be written on every core and held as bytes, then put in a feed
/// written without them by [`write_with_entries`]: the crate still writes
/// every byte, but a feed of thousands of entries is never held as a tree.
pub(crate) fn entry_lines(document: &[u8], open: &str, close: &str) -> io::Result<Vec<u8>> {
    let start = find(document, open.as_bytes()).map(|at| line_start(document, at));
    let end = rfind(document, close.as_bytes()).map(|at| {
        let after = at + close.len();
        document[after..]
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(document.len(), |newline| after + newline + 1)
    });
    match (start, end) {
        (Some(start), Some(end)) if start < end => Ok(document[start..end].to_vec()),
        _ => Err(io::Error::other(format!(
            "the feed writer wrote no {open} element"
        ))),
    }
}

/// Writes `document`, a feed written without entries, with `entries` put
/// on the lines before the one where `close` last appears.
pub(crate) fn write_with_entries(
    document: &[u8],
    close: &str,
    entries: &[Lines],
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let at = rfind(document, close.as_bytes())
        .map(|at| line_start(document, at))
        .ok_or_else(|| io::Error::other(format!("the feed writer wrote no {close}")))?;
    out.write_all(&document[..at])?;
    let mut buffer = Vec::new();
    for entry in entries {
        out.write_all(entry.bytes(&mut buffer)?)?;
    }
    out.write_all(&document[at..])
}

fn line_start(document: &[u8], at: usize) -> usize {
    document[..at]
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

pub(crate) fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|window| window == needle)
}

/// The first paragraph's text, for feeds that want a description.
fn lead_paragraph(article: &Article) -> Option<String> {
    article.body.iter().find_map(|block| {
        let Block::Markdown { markdown } = block else {
            return None;
        };
        let arena = comrak::Arena::new();
        let root = commonmark::parse(&arena, markdown);
        let first = root.first_child()?;
        let is_paragraph = matches!(
            first.data.borrow().value,
            comrak::nodes::NodeValue::Paragraph
        );
        is_paragraph
            .then(|| commonmark::plain_text(first))
            .filter(|text| !text.trim().is_empty())
    })
}

/// The quotes and discussion as data: JSON Feed's `_newswire` object, and
/// the children of the `nw:article` element in RSS and Atom.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct NewswireData {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<QuoteData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discussion: Option<DiscussionData>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_credit: Option<String>,
    /// The whole article as canonical Markdown, so that reading the feed
    /// back gives the same article: the fields above are for other programs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One attributed quote, as plain text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct QuoteData {
    pub text: String,
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
}

/// The discussion, as plain text.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DiscussionData {
    pub heading: String,
    /// A discussion may have only a note; in XML no prompts is no element.
    #[serde(default)]
    pub prompts: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl NewswireData {
    fn new(article: &Article, framing: &Framing) -> NewswireData {
        let meta = &article.meta;
        NewswireData {
            quotes: article
                .quotes()
                .map(|quote| QuoteData {
                    text: commonmark::markdown_to_plain_text(&quote.text),
                    name: quote.attribution.name.clone(),
                    role: quote.attribution.role.clone(),
                    title: quote.title.clone(),
                    cite: quote.attribution.cite.clone(),
                })
                .collect(),
            discussion: article
                .discussion
                .as_ref()
                .map(|discussion| DiscussionData {
                    heading: discussion.heading.clone(),
                    prompts: discussion
                        .prompts
                        .iter()
                        .map(|prompt| commonmark::markdown_to_plain_text(prompt))
                        .collect(),
                    note: discussion
                        .note
                        .as_deref()
                        .map(commonmark::markdown_to_plain_text),
                }),
            program: meta.program.clone(),
            publisher: meta.publisher.clone(),
            image_credit: meta.image.as_ref().and_then(|image| image.credit.clone()),
            source: Some(super::markdown::as_written(article, framing)),
        }
    }

    /// The data as an `nw:article` element: each key a child element, each
    /// list item a repeated element named in the singular.
    pub fn element(&self) -> Element {
        let value = serde_json::to_value(self).unwrap_or_default();
        Element::from_json(&format!("{NEWSWIRE_PREFIX}:article"), &value)
    }
}

/// A namespaced extension element, built once and converted to the `rss`
/// and `atom_syndication` extension types.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    pub name: String,
    pub value: Option<String>,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Element>,
}

impl Element {
    fn new(name: &str) -> Element {
        Element {
            name: name.to_owned(),
            value: None,
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    fn text(name: &str, value: &str) -> Element {
        Element {
            value: Some(value.to_owned()),
            ..Element::new(name)
        }
    }

    fn from_json(name: &str, value: &serde_json::Value) -> Element {
        use serde_json::Value;
        let mut element = Element::new(name);
        match value {
            Value::Object(fields) => {
                for (key, field) in fields {
                    let child = format!("{NEWSWIRE_PREFIX}:{}", camel_case(key));
                    match field {
                        Value::Array(items) => {
                            let singular = child.strip_suffix('s').unwrap_or(&child).to_owned();
                            element.children.extend(
                                items.iter().map(|item| Element::from_json(&singular, item)),
                            );
                        }
                        _ => element.children.push(Element::from_json(&child, field)),
                    }
                }
            }
            Value::String(text) => element.value = Some(text.clone()),
            other => element.value = Some(other.to_string()),
        }
        element
    }

    /// The value of an attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The inverse of `from_json`: child elements become keys, repeated
    /// ones (`quote`, `prompt`) the items of a list named in the plural.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        if self.children.is_empty() {
            return Value::String(self.value.clone().unwrap_or_default());
        }
        let mut fields = serde_json::Map::new();
        for child in &self.children {
            let key = snake_case(child.local_name());
            let plural = format!("{key}s");
            if LIST_KEYS.contains(&plural.as_str()) {
                if let Value::Array(items) = fields
                    .entry(plural)
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    items.push(child.to_json());
                }
            } else {
                fields.insert(key, child.to_json());
            }
        }
        Value::Object(fields)
    }

    /// The name without its prefix, which is how the readers key extensions.
    pub fn local_name(&self) -> &str {
        self.name
            .split_once(':')
            .map_or(self.name.as_str(), |(_, local)| local)
    }

    /// `media:content` for the lead image, with its credit and caption.
    pub fn media_content(image: &Image, url: &str) -> Element {
        let mut element = Element::new("media:content");
        element.attrs = vec![
            ("url".into(), url.to_owned()),
            ("medium".into(), "image".into()),
        ];
        if let Some(credit) = &image.credit {
            element.children.push(Element::text("media:credit", credit));
        }
        if let Some(description) = image.caption.as_ref().or(image.alt.as_ref()) {
            element
                .children
                .push(Element::text("media:description", description));
        }
        element
    }
}

/// The keys of our structured data that hold lists.
const LIST_KEYS: [&str; 2] = ["quotes", "prompts"];

/// `imageCredit` back to `image_credit`.
fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_uppercase() {
            out.push('_');
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `image_credit` becomes `imageCredit`, the usual spelling in XML.
fn camel_case(key: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in key.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

impl Item<'_> {
    /// The item's extension elements with their namespace prefixes: the
    /// lead image as Media RSS, then the structured data.
    pub fn extension_elements(&self) -> Vec<(&'static str, Element)> {
        let mut elements = Vec::new();
        if let (Some(image), Some(url)) = (&self.article.meta.image, &self.image_url) {
            elements.push(("media", Element::media_content(image, url)));
        }
        elements.push((NEWSWIRE_PREFIX, self.data.element()));
        elements
    }
}

/// Builds one of the two crates' extension maps (prefix, then local name,
/// as their readers key them) from an item's elements; a macro because the
/// crates' types are distinct though identical in shape.
macro_rules! extension_map {
    ($item:expr, $extension:ty) => {{
        fn convert(element: &$crate::write::feed::Element) -> $extension {
            let mut children: std::collections::BTreeMap<String, Vec<$extension>> =
                Default::default();
            for child in &element.children {
                children
                    .entry(child.local_name().to_owned())
                    .or_default()
                    .push(convert(child));
            }
            let mut extension = <$extension>::default();
            extension.name = element.name.clone();
            extension.value = element.value.clone();
            extension.attrs = element.attrs.iter().cloned().collect();
            extension.children = children;
            extension
        }
        let mut map: std::collections::BTreeMap<
            String,
            std::collections::BTreeMap<String, Vec<$extension>>,
        > = Default::default();
        for (prefix, element) in $item.extension_elements() {
            map.entry(prefix.to_owned())
                .or_default()
                .entry(element.local_name().to_owned())
                .or_default()
                .push(convert(&element));
        }
        map
    }};
}
pub(crate) use extension_map;
