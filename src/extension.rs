//! The newswire extension: the quotes, discussion and metadata that travel
//! as data beside a feed item's HTML, as the `nw:article` element (namespace
//! `urn:newswire:1`) in RSS and Atom and the `_newswire` object in JSON
//! Feed. Readers and writers both speak it, so it sits below both, as the
//! model does; Media RSS, which carries the lead image, is named here too.

use crate::commonmark;
use crate::model::{Discussion, Image, Quote};
use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use serde::{Deserialize, Serialize};
use std::io;

/// Our own namespace for the structured data in RSS and Atom.
pub(crate) const NEWSWIRE_NAMESPACE: &str = "urn:newswire:1";
/// The prefix it is declared with.
pub(crate) const NEWSWIRE_PREFIX: &str = "nw";
/// Podcasting 2.0 (`podcast:transcript`, `podcast:chapters`, `podcast:person`
/// and the rest), carried from RSS to RSS as the front matter's `podcast`.
pub(crate) const PODCAST_NAMESPACE: &str = "https://podcastindex.org/namespace/1.0";
/// The prefix it is declared with.
pub(crate) const PODCAST_PREFIX: &str = "podcast";

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
    /// The article's front matter as canonical Markdown writes it, so that
    /// reading the feed back gives every metadata field exactly; the body
    /// comes back from the HTML.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub front: Option<String>,
    /// The whole article as canonical Markdown, in a lossless feed, so that
    /// reading the feed back gives the same article byte for byte.
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
    /// The element that stands in for `nw:article` in what a feed crate is
    /// handed, so that the data is written straight to the output by
    /// [`NewswireData::write_element`] rather than built as the crate's tree,
    /// which takes some 1.3 KB a quote.
    pub fn placeholder() -> Element {
        Element::text(&format!("{NEWSWIRE_PREFIX}:article"), PLACEHOLDER)
    }

    /// Writes the data as the `nw:article` element, as the feed crates write
    /// an extension element: each key a child element, children in the
    /// order of their names, each list item a repeated element named in the
    /// singular.
    pub fn write_element<W: io::Write>(&self, writer: &mut quick_xml::Writer<W>) -> io::Result<()> {
        parent(writer, "article", |writer| {
            if let Some(discussion) = &self.discussion {
                parent(writer, "discussion", |writer| {
                    leaf(writer, "heading", Some(&discussion.heading))?;
                    leaf(writer, "note", discussion.note.as_deref())?;
                    discussion
                        .prompts
                        .iter()
                        .try_for_each(|prompt| leaf(writer, "prompt", Some(prompt)))
                })?;
            }
            leaf(writer, "front", self.front.as_deref())?;
            leaf(writer, "imageCredit", self.image_credit.as_deref())?;
            leaf(writer, "program", self.program.as_deref())?;
            leaf(writer, "publisher", self.publisher.as_deref())?;
            for quote in &self.quotes {
                parent(writer, "quote", |writer| {
                    leaf(writer, "cite", quote.cite.as_deref())?;
                    leaf(writer, "name", Some(&quote.name))?;
                    leaf(writer, "role", quote.role.as_deref())?;
                    leaf(writer, "text", Some(&quote.text))?;
                    leaf(writer, "title", quote.title.as_deref())
                })?;
            }
            leaf(writer, "source", self.source.as_deref())
        })
    }

    /// The data from an `nw:article` element among an item's extensions.
    pub fn from_elements(elements: &[(String, Element)]) -> Option<NewswireData> {
        let element = extensions_in(elements, NEWSWIRE_NAMESPACE)
            .find(|element| element.local_name() == "article")?;
        serde_json::from_value(element.to_json()).ok()
    }
}

impl QuoteData {
    /// The quote's text and attribution as plain text.
    pub fn of(quote: &Quote) -> QuoteData {
        QuoteData {
            text: commonmark::markdown_to_plain_text(&quote.text),
            name: quote.attribution.name.clone(),
            role: quote.attribution.role.clone(),
            title: quote.title.clone(),
            cite: quote.attribution.cite.clone(),
        }
    }
}

impl DiscussionData {
    /// The discussion's heading, prompts and note as plain text.
    pub fn of(discussion: &Discussion) -> DiscussionData {
        DiscussionData {
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
        }
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

    /// The element as front matter keeps it, so that it can be written
    /// again: its local name, attributes, text and children.
    pub fn to_carried(&self) -> serde_json::Value {
        use serde_json::Value;
        let mut fields = serde_json::Map::new();
        fields.insert("element".to_owned(), Value::from(self.local_name()));
        if !self.attrs.is_empty() {
            let attributes = self
                .attrs
                .iter()
                .map(|(key, value)| (key.clone(), Value::from(value.as_str())))
                .collect();
            fields.insert("attributes".to_owned(), Value::Object(attributes));
        }
        if let Some(text) = self
            .value
            .as_deref()
            .map(str::trim)
            .filter(|text| !text.is_empty())
        {
            fields.insert("text".to_owned(), Value::from(text));
        }
        if !self.children.is_empty() {
            let children = self.children.iter().map(Element::to_carried).collect();
            fields.insert("children".to_owned(), Value::Array(children));
        }
        Value::Object(fields)
    }

    /// The element [`Element::to_carried`] kept, under `prefix`; `None` for
    /// a value that is not one, whose names XML would not take, or with a
    /// link (`url`, `href`, `src`) that is not http or https, as every link
    /// must be.
    pub fn from_carried(prefix: &str, value: &serde_json::Value) -> Option<Element> {
        fn is_name(name: &str) -> bool {
            name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        }
        let fields = value.as_object()?;
        let local = fields
            .get("element")?
            .as_str()
            .filter(|name| is_name(name))?;
        let mut element = Element::new(&format!("{prefix}:{local}"));
        element.value = fields
            .get("text")
            .and_then(|text| text.as_str())
            .map(str::to_owned);
        if let Some(attributes) = fields.get("attributes").and_then(|value| value.as_object()) {
            for (key, value) in attributes {
                let value = value.as_str()?;
                let link = matches!(key.as_str(), "url" | "href" | "src");
                if !is_name(key) || (link && !crate::url::is_web_url(value)) {
                    return None;
                }
                element.attrs.push((key.clone(), value.to_owned()));
            }
        }
        if let Some(children) = fields.get("children").and_then(|value| value.as_array()) {
            element.children = children
                .iter()
                .filter_map(|child| Element::from_carried(prefix, child))
                .collect();
        }
        Some(element)
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

/// What the placeholder element holds: a noncharacter, which no string of
/// the model holds, so that it is found only where it was put.
pub(crate) const PLACEHOLDER: &str = "\u{FFFF}";

/// An `nw:` element holding the elements `children` writes.
fn parent<W: io::Write>(
    writer: &mut quick_xml::Writer<W>,
    local: &str,
    children: impl FnOnce(&mut quick_xml::Writer<W>) -> io::Result<()>,
) -> io::Result<()> {
    let name = format!("{NEWSWIRE_PREFIX}:{local}");
    writer.write_event(Event::Start(BytesStart::new(name.as_str())))?;
    children(writer)?;
    writer.write_event(Event::End(BytesEnd::new(name)))
}

/// An `nw:` element holding `text`, when there is text.
fn leaf<W: io::Write>(
    writer: &mut quick_xml::Writer<W>,
    local: &str,
    text: Option<&str>,
) -> io::Result<()> {
    match text {
        Some(text) => parent(writer, local, |writer| {
            writer.write_event(Event::Text(BytesText::new(text)))
        }),
        None => Ok(()),
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

/// The extension elements in one namespace, from either XML crate's map.
pub(crate) fn extensions_in<'a>(
    elements: &'a [(String, Element)],
    namespace: &'a str,
) -> impl Iterator<Item = &'a Element> + 'a {
    elements
        .iter()
        .filter(move |(uri, _)| uri == namespace)
        .map(|(_, element)| element)
}

/// The extension elements of an item or channel with their namespace URIs,
/// from either XML crate's map (keyed by prefix, then local name); a macro
/// because the crates' types are distinct though identical in shape.
macro_rules! extension_elements {
    ($map:expr, $namespaces:expr, $extension:ty) => {{
        fn convert(extension: &$extension) -> $crate::extension::Element {
            $crate::extension::Element {
                name: extension.name.clone(),
                value: extension.value.clone(),
                attrs: extension
                    .attrs
                    .iter()
                    .map(|(key, value)| (key.clone(), value.clone()))
                    .collect(),
                children: extension.children.values().flatten().map(convert).collect(),
            }
        }
        let namespaces: &std::collections::BTreeMap<String, String> = $namespaces;
        let mut elements = Vec::new();
        for (prefix, by_name) in $map.iter() {
            let uri = $crate::extension::namespace_of(prefix, namespaces);
            for extension in by_name.values().flatten() {
                elements.push((uri.clone(), convert(extension)));
            }
        }
        elements
    }};
}
pub(crate) use extension_elements;

/// The URI a prefix stands for: as declared, else the one it usually means.
pub(crate) fn namespace_of(
    prefix: &str,
    namespaces: &std::collections::BTreeMap<String, String>,
) -> String {
    namespaces.get(prefix).cloned().unwrap_or_else(|| {
        match prefix {
            "media" => MEDIA_NAMESPACE,
            "nw" => NEWSWIRE_NAMESPACE,
            other => other,
        }
        .to_owned()
    })
}

/// Builds one of the two crates' extension maps (prefix, then local name,
/// as their readers key them) from elements with their prefixes; a macro
/// because the crates' types are distinct though identical in shape.
/// `attribute` makes each attribute value what the crate must be handed.
macro_rules! extension_map {
    ($elements:expr, $extension:ty, $attribute:expr) => {{
        fn convert(element: &$crate::extension::Element) -> $extension {
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
            extension.attrs = element
                .attrs
                .iter()
                .map(|(key, value)| (key.clone(), $attribute(value.as_str())))
                .collect();
            extension.children = children;
            extension
        }
        let mut map: std::collections::BTreeMap<
            String,
            std::collections::BTreeMap<String, Vec<$extension>>,
        > = Default::default();
        for (prefix, element) in $elements {
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

/// An attribute value escaped for XML, for `atom_syndication`, which
/// writes extension attributes as it is handed them (the `rss` crate
/// escapes them itself).
pub(crate) fn escaped_attribute(value: &str) -> String {
    quick_xml::escape::escape(value).into_owned()
}
