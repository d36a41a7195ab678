//! Feeds read back into articles. Each format's module turns its items into
//! [`Entry`] values, which hold what feeds have in common; this module turns
//! an entry into an article. Our own feeds carry the canonical article in
//! their `nw:article` element or `_newswire` object, so they come back whole;
//! other feeds are rebuilt from their fields and their HTML, and every gap
//! filled on the way is recorded as a [`Change`].

use super::html;
use crate::error::{Error, Result};
use crate::feed::{Channel, Feed};
use crate::fidelity::Change;
use crate::model::{Article, Author, Date, Image, Meta};
use crate::write::feed::{DiscussionData, Element, NEWSWIRE_NAMESPACE, NewswireData};
use chrono::DateTime;

/// A feed read back, with what could not be read as it was.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The channel and the articles, in the feed's own order.
    pub feed: Feed,
    /// Every field left out or filled in while reading.
    pub changes: Vec<Change>,
    /// Which format the feed was in.
    pub kind: FeedKind,
}

/// The feed formats, as the reader detects them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// RSS 0.9x, 1.0 (RDF) or 2.0.
    Rss,
    /// Atom 1.0.
    Atom,
    /// JSON Feed 1.0 or 1.1.
    JsonFeed,
}

/// Which feed format `text` is, from its content: the XML root element or
/// JSON Feed's `version`. `None` when it is not a feed.
pub fn detect(text: &str) -> Option<FeedKind> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    if text.starts_with('{') {
        let head: String = text.chars().take(4096).collect();
        return head
            .contains("https://jsonfeed.org/version/")
            .then_some(FeedKind::JsonFeed);
    }
    if !text.starts_with('<') {
        return None;
    }
    match xml_root(text) {
        Some(root) if root == "rss" || root == "RDF" => Some(FeedKind::Rss),
        Some(root) if root == "feed" => Some(FeedKind::Atom),
        _ => None,
    }
}

/// The local name of the first element, skipping the declaration, comments
/// and any DOCTYPE (which is never processed).
fn xml_root(text: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event().ok()? {
            quick_xml::events::Event::Start(start) | quick_xml::events::Event::Empty(start) => {
                return Some(String::from_utf8_lossy(start.local_name().as_ref()).into_owned());
            }
            quick_xml::events::Event::Eof => return None,
            _ => {}
        }
    }
}

/// Reads a feed of any kind; `file` names it in errors.
pub fn read(text: &str, file: &str) -> Result<Imported> {
    let Some(kind) = detect(text) else {
        return Err(Error::invalid_input(
            file,
            1,
            1,
            "not a feed: expected an RSS (<rss> or <rdf:RDF>), Atom (<feed>) or JSON Feed document",
        ));
    };
    if kind != FeedKind::JsonFeed {
        well_formed(text, file)?;
    }
    let parsed = match kind {
        FeedKind::Rss => super::rss::read(text, file)?,
        FeedKind::Atom => super::atom::read(text, file)?,
        FeedKind::JsonFeed => super::jsonfeed::read(text, file)?,
    };
    let mut changes = parsed.changes;
    let mut articles = Vec::with_capacity(parsed.entries.len());
    for entry in parsed.entries {
        articles.push(entry.into_article(&parsed.channel, parsed.date, file, &mut changes)?);
    }
    Ok(Imported {
        feed: Feed {
            channel: parsed.channel,
            articles,
        },
        changes,
        kind,
    })
}

impl FeedKind {
    /// The format's name, as `-f` and `-t` take it.
    pub fn name(self) -> &'static str {
        match self {
            FeedKind::Rss => "rss",
            FeedKind::Atom => "atom",
            FeedKind::JsonFeed => "jsonfeed",
        }
    }
}

/// Checks the XML is well formed, so a broken feed is reported at its line
/// and column; the feed crates' own errors have no position.
fn well_formed(text: &str, file: &str) -> Result<()> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    loop {
        let at = reader.buffer_position();
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => return Ok(()),
            Ok(quick_xml::events::Event::Start(_)) => {
                depth += 1;
                if depth > XML_DEPTH_LIMIT {
                    return Err(error_at(
                        text,
                        at as usize,
                        file,
                        format!("elements nest deeper than {XML_DEPTH_LIMIT} levels"),
                    ));
                }
            }
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::GeneralRef(reference)) => {
                let name = String::from_utf8_lossy(&reference).into_owned();
                if quick_xml::escape::unescape(&format!("&{name};")).is_err() {
                    return Err(error_at(
                        text,
                        at as usize,
                        file,
                        format!(
                            "the entity &{name}; is not defined: a feed may use only &amp; &lt; &gt; &quot; &apos; and character references (DTDs are never read)"
                        ),
                    ));
                }
            }
            Ok(_) => {}
            Err(error) => {
                let at = reader.error_position().max(at) as usize;
                return Err(error_at(
                    text,
                    at,
                    file,
                    format!("not well-formed XML: {error}"),
                ));
            }
        }
    }
}

/// Real feeds nest a dozen levels; thousands is a hostile file.
const XML_DEPTH_LIMIT: usize = 256;

/// An error at a byte offset of `text`.
pub(crate) fn error_at(text: &str, offset: usize, file: &str, message: String) -> Error {
    let (line, column) = line_column(text, offset);
    Error::invalid_input(file, line, column, message)
}

/// The 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    (line, column)
}

/// An error at the first place `needle` appears in `text`, for the feed
/// crates' errors, which name a value but not where it is.
pub(crate) fn error_at_value(text: &str, needle: &str, file: &str, message: String) -> Error {
    let offset = (!needle.is_empty())
        .then(|| text.find(needle))
        .flatten()
        .unwrap_or(0);
    error_at(text, offset, file, message)
}

/// What a format's reader hands on: the channel, the items as entries, the
/// feed's own date (for items without one) and what it could not read.
pub(crate) struct Parsed {
    pub channel: Channel,
    pub entries: Vec<Entry>,
    pub date: Option<Date>,
    pub changes: Vec<Change>,
}

/// One item as every feed format has it.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    /// 1-based place in the feed, to name items that have no id.
    pub index: usize,
    pub title: Option<String>,
    /// True when the title is HTML (Atom `type="html"`).
    pub title_is_html: bool,
    pub id: Option<String>,
    pub url: Option<String>,
    pub published: Option<Date>,
    pub updated: Option<Date>,
    pub authors: Vec<Author>,
    /// The summary as HTML.
    pub summary_html: Option<String>,
    pub content_html: Option<String>,
    pub content_text: Option<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub image: Option<Image>,
    pub enclosures: Vec<Enclosure>,
    pub newswire: Option<NewswireData>,
    pub changes: Vec<Change>,
}

/// A media file attached to an item: a podcast episode, a video.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Enclosure {
    pub url: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
}

impl Entry {
    /// The name reports use for this item before it has an id.
    fn label(&self) -> String {
        self.id
            .clone()
            .or_else(|| self.url.clone())
            .unwrap_or_else(|| format!("#{}", self.index))
    }

    /// Adds a media file: the first image becomes the lead image when the
    /// item has none, the rest are enclosures, each URL once.
    pub fn attach(&mut self, enclosure: Enclosure) {
        let is_image = enclosure
            .mime_type
            .as_deref()
            .is_some_and(|mime_type| mime_type.starts_with("image/"));
        if is_image && self.image.is_none() {
            self.image = Some(Image::new(enclosure.url));
        } else if !self
            .enclosures
            .iter()
            .any(|known| known.url == enclosure.url)
        {
            self.enclosures.push(enclosure);
        }
    }

    /// Records a field the article cannot hold.
    pub fn drop_field(&mut self, field: &str, detail: impl Into<String>) {
        let label = self.label();
        self.changes
            .push(Change::dropped(Some(&label), field, detail));
    }

    fn into_article(
        mut self,
        channel: &Channel,
        feed_date: Option<Date>,
        file: &str,
        changes: &mut Vec<Change>,
    ) -> Result<Article> {
        let place = format!("{file} (item {})", self.index);
        if let Some(source) = self.newswire.as_mut().and_then(|data| data.source.take()) {
            match super::markdown::read(&source, &place) {
                Ok(article) => {
                    changes.append(&mut self.changes);
                    return Ok(article);
                }
                Err(error) => {
                    let label = self.label();
                    changes.push(Change::dropped(
                        Some(&label),
                        "source",
                        format!("the embedded article is not valid ({error}); rebuilt from the feed's fields"),
                    ));
                }
            }
        }
        let label = self.label();
        let base = self.url.clone().or_else(|| channel.link.clone());
        let url = self.url.take().and_then(|url| {
            let absolute = crate::write::absolute_url(channel.link.as_deref(), &url);
            if crate::read::is_absolute_url(&absolute) {
                if absolute != url {
                    changes.push(Change::changed(
                        Some(&label),
                        "link",
                        format!("relative link {url:?} made absolute against the feed's link"),
                    ));
                }
                Some(absolute)
            } else {
                changes.push(Change::dropped(
                    Some(&label),
                    "link",
                    format!("{url:?} is not an absolute URL"),
                ));
                None
            }
        });
        let has_content = self.content_html.is_some() || self.content_text.is_some();
        let body_html = match (self.content_html.take(), self.content_text.take()) {
            (Some(html), _) => html,
            (None, Some(text)) => text_to_html(&text),
            (None, None) => self.summary_html.clone().unwrap_or_default(),
        };
        let summary = if has_content {
            self.summary_html
                .as_deref()
                .map(html::to_plain_text)
                .filter(|summary| !summary.is_empty())
        } else {
            None
        };
        let published = match (self.published, self.updated, feed_date) {
            (Some(published), _, _) => published,
            (None, Some(updated), _) => {
                changes.push(Change::changed(
                    Some(&label),
                    "published",
                    "no publication date; the update date is used",
                ));
                updated
            }
            (None, None, Some(date)) => {
                changes.push(Change::changed(
                    Some(&label),
                    "published",
                    "no date; the feed's own date is used",
                ));
                date
            }
            (None, None, None) => {
                // Old RSS 0.91 feeds have no dates at all. A fixed day keeps
                // the output the same on every run; the report says so.
                changes.push(Change::changed(
                    Some(&label),
                    "published",
                    format!("no date in the item or the feed; {UNDATED} is used"),
                ));
                Date::from_day(UNDATED)
            }
        };
        let title = match self.title.take().map(|title| {
            if self.title_is_html {
                html::to_plain_text(&title)
            } else {
                title.split_whitespace().collect::<Vec<_>>().join(" ")
            }
        }) {
            Some(title) if !title.is_empty() => title,
            _ => {
                let text = summary
                    .clone()
                    .unwrap_or_else(|| html::to_plain_text(&body_html));
                changes.push(Change::changed(
                    Some(&label),
                    "title",
                    "no title; the first words of the content are used",
                ));
                title_from_text(&text, &published)
            }
        };
        let language = self.language.take().or_else(|| channel.language.clone());
        let language = language.and_then(|tag| {
            let tag = tag.trim().replace('_', "-");
            if crate::read::is_language_tag(&tag) {
                Some(tag)
            } else {
                changes.push(Change::dropped(
                    Some(&label),
                    "language",
                    format!("{tag:?} is not a BCP 47 language tag"),
                ));
                None
            }
        });
        let image_url = self
            .image
            .as_ref()
            .map(|image| crate::write::absolute_url(base.as_deref(), &image.url));
        let converted = html::to_markdown(&body_html, image_url.as_deref());
        let data = self.newswire.take().unwrap_or_default();
        let mut image = match (self.image.take(), converted.lead_image) {
            (Some(image), Some(figure)) => Some(Image {
                url: image_url.unwrap_or(image.url),
                alt: figure.alt.or(image.alt),
                credit: figure.credit.or(image.credit),
                caption: figure.caption.or(image.caption),
            }),
            (Some(image), None) => Some(Image {
                url: image_url.unwrap_or(image.url),
                ..image
            }),
            (None, figure) => figure,
        };
        if let (Some(image), Some(credit)) = (&mut image, &data.image_credit) {
            image.credit = Some(credit.clone());
        }
        let heading = data
            .discussion
            .as_ref()
            .map(|discussion| discussion.heading.clone())
            .or(converted.discussion_heading)
            .filter(|heading| {
                !heading
                    .trim()
                    .eq_ignore_ascii_case(super::markdown::DEFAULT_DISCUSSION_HEADING)
            });
        let mut tags = Vec::new();
        for tag in self.tags.drain(..) {
            let tag = tag.trim().to_owned();
            if !tag.is_empty() && !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        let mut extra = serde_json::Map::new();
        if !self.enclosures.is_empty() {
            extra.insert(
                "enclosures".to_owned(),
                serde_json::to_value(&self.enclosures).unwrap_or_default(),
            );
        }
        let mut meta = Meta {
            title,
            id: String::new(),
            url,
            published,
            updated: self.updated.filter(|updated| *updated != published),
            authors: self.authors,
            summary,
            tags,
            language,
            program: data.program.clone(),
            publisher: data.publisher.clone(),
            image,
            discussion_heading: heading,
            draft: false,
            extra,
        };
        meta.id = self
            .id
            .take()
            .filter(|id| !id.trim().is_empty())
            .unwrap_or_else(|| {
                let id = super::meta::derived_id(&meta);
                changes.push(Change::changed(
                    Some(&label),
                    "id",
                    format!("no id; {id} is derived from the link or the title"),
                ));
                id
            });
        let (body, discussion) =
            super::markdown::read_body_text(&converted.markdown, &meta, &place)?;
        let mut article = Article {
            meta,
            body,
            discussion,
        };
        apply_structured_data(&mut article, &data);
        changes.append(&mut self.changes);
        Ok(article)
    }
}

/// Our structured data is exact where the HTML is not (a name holding a
/// comma, a quote title), so it replaces what the HTML gave.
fn apply_structured_data(article: &mut Article, data: &NewswireData) {
    let count = article.quotes().count();
    let quotes = article.body.iter_mut().filter_map(|block| match block {
        crate::model::Block::Quote(quote) => Some(quote),
        crate::model::Block::Markdown { .. } => None,
    });
    if count == data.quotes.len() {
        for (quote, known) in quotes.zip(&data.quotes) {
            quote.attribution.name = known.name.clone();
            quote.attribution.role = known.role.clone();
            quote.attribution.cite = known.cite.clone().or(quote.attribution.cite.take());
            quote.title = known.title.clone().or(quote.title.take());
        }
    }
    if article.discussion.is_none()
        && let Some(DiscussionData {
            heading,
            prompts,
            note,
        }) = &data.discussion
    {
        article.discussion = Some(crate::model::Discussion {
            heading: heading.clone(),
            prompts: prompts.clone(),
            note: note.clone(),
        });
    }
}

/// The day given to items of a feed with no dates anywhere.
const UNDATED: chrono::NaiveDate = chrono::NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();

/// Plain text (JSON Feed's `content_text`) as HTML paragraphs, so it goes
/// through the same conversion and its Markdown characters are escaped.
fn text_to_html(text: &str) -> String {
    text.split("\n\n")
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .map(|paragraph| {
            format!(
                "<p>{}</p>",
                quick_xml::escape::escape(paragraph).replace('\n', "<br>")
            )
        })
        .collect()
}

/// A title for an item that has none (a Mastodon post): its first words.
fn title_from_text(text: &str, published: &Date) -> String {
    const MOST: usize = 80;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        return format!("Untitled, {}", published.day());
    }
    if text.chars().count() <= MOST {
        return text;
    }
    let mut title = String::new();
    for word in text.split(' ') {
        if title.chars().count() + word.chars().count() + 1 > MOST {
            break;
        }
        if !title.is_empty() {
            title.push(' ');
        }
        title.push_str(word);
    }
    if title.is_empty() {
        title = text.chars().take(MOST).collect();
    }
    title.push('…');
    title
}

/// Reads a date as feeds write them: RFC 822 (with the obsolete zone names
/// real feeds still use), RFC 3339, or a plain day.
pub(crate) fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(instant) = DateTime::parse_from_rfc2822(text) {
        return Some(Date::from_instant(instant));
    }
    Date::parse(text)
}

/// Reads `Name <email>`, `email (Name)` or a bare name or address, as RSS
/// `author` and `managingEditor` hold them.
pub(crate) fn parse_person(text: &str) -> Option<Author> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let looks_like_email = |part: &str| part.contains('@') && !part.contains(' ');
    if let Some((email, name)) = text
        .strip_suffix(')')
        .and_then(|rest| rest.split_once(" ("))
        && looks_like_email(email.trim())
    {
        return Some(Author {
            name: name.trim().to_owned(),
            url: None,
            email: Some(email.trim().to_owned()),
        });
    }
    if let Some((name, email)) = text.strip_suffix('>').and_then(|rest| rest.split_once('<'))
        && looks_like_email(email.trim())
    {
        let name = name.trim().trim_matches('"').to_owned();
        return Some(Author {
            name: if name.is_empty() {
                email.trim().to_owned()
            } else {
                name
            },
            url: None,
            email: Some(email.trim().to_owned()),
        });
    }
    if looks_like_email(text) {
        return Some(Author {
            name: text.to_owned(),
            url: None,
            email: Some(text.to_owned()),
        });
    }
    Some(Author {
        name: text.to_owned(),
        url: None,
        email: None,
    })
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

/// Our structured data from an `nw:article` element.
pub(crate) fn newswire_data(elements: &[(String, Element)]) -> Option<NewswireData> {
    let element = extensions_in(elements, NEWSWIRE_NAMESPACE)
        .find(|element| element.local_name() == "article")?;
    serde_json::from_value(element.to_json()).ok()
}

/// The lead image and enclosures from Media RSS elements (`media:content`,
/// `media:thumbnail`, also inside `media:group`), with credit and caption.
pub(crate) fn media(
    elements: &[(String, Element)],
) -> (Option<Image>, Vec<Enclosure>, Option<String>) {
    let mut image = None;
    let mut enclosures = Vec::new();
    let mut description = None;
    let mut stack: Vec<&Element> =
        extensions_in(elements, crate::write::feed::MEDIA_NAMESPACE).collect();
    while let Some(element) = stack.pop() {
        match element.local_name() {
            "group" => stack.extend(element.children.iter()),
            "description" if description.is_none() => description = element.value.clone(),
            "content" | "thumbnail" => {
                let Some(url) = element.attr("url") else {
                    continue;
                };
                let mime_type = element.attr("type").map(str::to_owned);
                let is_image = element.local_name() == "thumbnail"
                    || element.attr("medium") == Some("image")
                    || mime_type
                        .as_deref()
                        .is_some_and(|t| t.starts_with("image/"));
                if is_image {
                    if image.is_none() {
                        let child = |name: &str| {
                            element
                                .children
                                .iter()
                                .find(|child| child.local_name() == name)
                                .and_then(|child| child.value.clone())
                        };
                        image = Some(Image {
                            url: url.to_owned(),
                            alt: None,
                            credit: child("credit"),
                            caption: child("description"),
                        });
                    }
                } else {
                    enclosures.push(Enclosure {
                        url: url.to_owned(),
                        mime_type,
                        length: element.attr("fileSize").and_then(|size| size.parse().ok()),
                    });
                }
            }
            _ => {}
        }
    }
    (image, enclosures, description)
}

/// The extension elements of an item or channel with their namespace URIs,
/// from either XML crate's map (keyed by prefix, then local name); a macro
/// because the crates' types are distinct though identical in shape.
macro_rules! extension_elements {
    ($map:expr, $namespaces:expr, $extension:ty) => {{
        fn convert(extension: &$extension) -> $crate::write::feed::Element {
            $crate::write::feed::Element {
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
            let uri = $crate::read::feed::namespace_of(prefix, namespaces);
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
            "media" => crate::write::feed::MEDIA_NAMESPACE,
            "nw" => NEWSWIRE_NAMESPACE,
            other => other,
        }
        .to_owned()
    })
}
