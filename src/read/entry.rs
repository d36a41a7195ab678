//! One item as every feed format has it, and how it becomes an article:
//! whole from our own structured data, else rebuilt from its fields and
//! HTML, with every gap filled on the way recorded as a [`Change`].

use super::front_matter::{self, Node, Value};
use super::html;
use crate::error::{Error, Result};
use crate::extension::{DiscussionData, NewswireData};
use crate::feed::Channel;
use crate::fidelity::Change;
use crate::model::{Article, Author, Date, Image, Meta};

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
    /// What relative URLs in the content resolve against, when the feed
    /// says (Atom's `xml:base`).
    pub content_base: Option<String>,
    pub content_text: Option<String>,
    pub tags: Vec<String>,
    pub language: Option<String>,
    pub image: Option<Image>,
    pub enclosures: Vec<Enclosure>,
    /// A podcast episode's iTunes fields, kept as the front matter's
    /// `itunes` mapping: duration, explicit, episode, season and the rest.
    pub itunes: serde_json::Map<String, serde_json::Value>,
    /// Its Podcasting 2.0 elements, kept as the front matter's `podcast`
    /// list, one [`crate::extension::Element::to_carried`] each.
    pub podcast: Vec<serde_json::Value>,
    pub newswire: Option<NewswireData>,
    pub changes: Vec<Change>,
}

pub(crate) use crate::model::Enclosure;

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

    /// Notes that a field was taken as the feed meant it rather than as
    /// it was written.
    pub fn change_field(&mut self, field: &str, detail: impl Into<String>) {
        let label = self.label();
        self.changes
            .push(Change::changed(Some(&label), field, detail));
    }

    pub(crate) fn into_article(
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
            let absolute = crate::url::absolute_url(channel.link.as_deref(), &url);
            if crate::url::is_web_url(&absolute) {
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
        // The converter walks the HTML recursively: refuse what would
        // exhaust its stack, or its time.
        let html_parts = [
            Some(&body_html),
            self.summary_html.as_ref(),
            self.title.as_ref(),
        ];
        if html_parts
            .into_iter()
            .flatten()
            .any(|html| crate::nesting::html_too_deep(html))
        {
            return Err(Error::invalid_input(
                file,
                1,
                1,
                format!(
                    "item {label}: its HTML nests deeper than {} levels",
                    crate::nesting::HTML_NESTING_LIMIT
                ),
            ));
        }
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
                collapsed(&title)
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
        let language = language.and_then(|tag| crate::valid::language(&tag, Some(&label), changes));
        let image_url = self
            .image
            .as_ref()
            .map(|image| crate::url::absolute_url(base.as_deref(), &image.url));
        let converted = html::to_markdown(
            &body_html,
            image_url.as_deref(),
            self.content_base.as_deref(),
        );
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
        let image = image.filter(|image| {
            let allowed = crate::url::is_web_or_relative(&image.url);
            if !allowed {
                changes.push(Change::dropped(
                    Some(&label),
                    "image",
                    format!("{:?} is not an http or https URL", image.url),
                ));
            }
            allowed
        });
        let authors = crate::valid::people(self.authors, Some(&label), changes);
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
        // Media files are links too: absolute, encoded, and on the web.
        let enclosures = std::mem::take(&mut self.enclosures);
        for mut enclosure in enclosures {
            let written = enclosure.url.trim().to_owned();
            let absolute = crate::url::absolute_url(base.as_deref(), &written);
            match ammonia::Url::parse(&absolute)
                .ok()
                .filter(|url| crate::url::is_web_url(url.as_str()))
            {
                Some(url) => {
                    if url.as_str() != enclosure.url {
                        changes.push(Change::changed(
                            Some(&label),
                            "enclosure",
                            format!("{:?} made {:?}", enclosure.url, url.as_str()),
                        ));
                    }
                    enclosure.url = url.into();
                    self.enclosures.push(enclosure);
                }
                None => changes.push(Change::dropped(
                    Some(&label),
                    "enclosure",
                    format!("{:?} is not an http or https URL", enclosure.url),
                )),
            }
        }
        if !self.itunes.is_empty() {
            extra.insert(
                "itunes".to_owned(),
                serde_json::Value::Object(std::mem::take(&mut self.itunes)),
            );
        }
        if !self.podcast.is_empty() {
            extra.insert(
                "podcast".to_owned(),
                serde_json::Value::Array(std::mem::take(&mut self.podcast)),
            );
        }
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
            authors,
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
        // Our own front matter gives every field as the article had it.
        if let Some(front) = &data.front {
            let given = held_elsewhere(&meta);
            match super::markdown::read_meta_with(front, &place, given) {
                Ok(exact) => meta = exact,
                Err(error) => changes.push(Change::dropped(
                    Some(&label),
                    "front",
                    format!("the embedded front matter is not valid ({error}); rebuilt from the feed's fields"),
                )),
            }
        }
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

/// A title as feed readers show it, on one line with single spaces.
fn collapsed(title: &str) -> String {
    title.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fields a feed item's front matter leaves to its own elements and
/// data, as front-matter entries.
fn held_elsewhere(meta: &Meta) -> Vec<front_matter::Entry> {
    let text = |value: &str| Value::String(value.to_owned());
    let mut given = vec![
        ("id", text(&meta.id)),
        ("title", text(&meta.title)),
        ("published", text(&meta.published.to_rfc3339())),
    ];
    if !meta.authors.is_empty() {
        let field = |key: &str, value: &str| entry(key, text(value));
        let authors = meta
            .authors
            .iter()
            .map(|author| {
                let mut fields = vec![field("name", &author.name)];
                fields.extend(author.url.as_deref().map(|url| field("url", url)));
                fields.extend(author.email.as_deref().map(|email| field("email", email)));
                node(Value::Map(fields))
            })
            .collect();
        given.push(("authors", Value::List(authors)));
    }
    given.extend(meta.url.as_deref().map(|url| ("url", text(url))));
    if !meta.tags.is_empty() {
        let tags = meta.tags.iter().map(|tag| node(text(tag))).collect();
        given.push(("tags", Value::List(tags)));
    }
    given.extend(
        meta.program
            .as_deref()
            .map(|program| ("program", text(program))),
    );
    given.extend(
        meta.publisher
            .as_deref()
            .map(|publisher| ("publisher", text(publisher))),
    );
    given
        .into_iter()
        .map(|(key, value)| entry(key, value))
        .collect()
}

fn entry(key: &str, value: Value) -> front_matter::Entry {
    front_matter::Entry {
        key: key.to_owned(),
        line: 1,
        column: 1,
        value: node(value),
    }
}

fn node(value: Value) -> Node {
    Node {
        value,
        line: 1,
        column: 1,
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
