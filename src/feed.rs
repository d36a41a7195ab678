//! Feeds of many articles: the channel metadata, and the items in the
//! order every feed format uses, newest first.

use crate::error::{Error, Result};
use crate::model::{Article, Author, Date, Meta};
use serde::{Deserialize, Deserializer};

/// What a feed says about itself. Every field is optional so that a
/// configuration file, flags and an article can each supply some of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channel {
    /// The feed's title.
    pub title: Option<String>,
    /// The site the feed belongs to.
    pub link: Option<String>,
    /// Where the feed itself is published, for `rel="self"` links.
    #[serde(alias = "feed-url")]
    pub feed_url: Option<String>,
    /// What the feed is about.
    pub description: Option<String>,
    /// BCP 47 language tag.
    pub language: Option<String>,
    /// The feed's authors: names, or tables with `name`, `url` and `email`.
    #[serde(default, deserialize_with = "names_or_authors")]
    pub authors: Vec<Author>,
    /// The feed's own identity, an IRI: an Atom feed's `id`, kept through
    /// feed-to-feed conversion; made from the feed URL or link when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// Copyright or licence of the feed's content.
    #[serde(default, alias = "copyright")]
    pub rights: Option<String>,
    /// A small square image for the feed (absolute URL).
    #[serde(default)]
    pub icon: Option<String>,
    /// A larger image for the feed, such as a masthead (absolute URL).
    #[serde(default)]
    pub logo: Option<String>,
    /// WebSub hubs that push the feed's changes to subscribers.
    #[serde(default)]
    pub hubs: Vec<String>,
    /// Whether each item carries its whole article as canonical Markdown
    /// too, so that reading the feed back gives it byte for byte.
    #[serde(default)]
    pub lossless: bool,
    /// A podcast's directory fields (Apple's `itunes:` elements), written
    /// to RSS.
    #[serde(default)]
    pub podcast: Option<Podcast>,
    /// A podcast's Podcasting 2.0 channel elements (`podcast:guid`,
    /// `locked`, `funding` and the rest) as an RSS feed had them, in the
    /// form front matter keeps them: carried from RSS to RSS.
    #[serde(skip)]
    pub podcast_elements: Vec<serde_json::Value>,
}

/// What podcast directories read from a feed's channel: the `itunes:`
/// elements Apple Podcasts defines.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Podcast {
    /// The show's author.
    pub author: Option<String>,
    /// Who to contact about the show, and how.
    pub owner_name: Option<String>,
    /// The owner's e-mail address.
    pub owner_email: Option<String>,
    /// The show's artwork (absolute URL).
    pub image: Option<String>,
    /// Categories, each `Category` or `Category/Subcategory`.
    #[serde(default)]
    pub categories: Vec<String>,
    /// `true` or `false`.
    pub explicit: Option<String>,
    /// `episodic` or `serial`.
    #[serde(rename = "type")]
    pub show_type: Option<String>,
    /// A one-line description.
    pub subtitle: Option<String>,
    /// The show's description.
    pub summary: Option<String>,
    /// Words to search by.
    pub keywords: Option<String>,
    /// `Yes` keeps the show out of the directory.
    pub block: Option<String>,
    /// `Yes` when no more episodes will come.
    pub complete: Option<String>,
    /// Where the feed has moved.
    pub new_feed_url: Option<String>,
}

impl Channel {
    /// The channel of a one-item feed: the article describes itself.
    pub fn from_article(article: &Article) -> Channel {
        let meta = &article.meta;
        Channel {
            title: Some(meta.title.clone()),
            link: meta.url.clone(),
            feed_url: None,
            description: meta.summary.clone(),
            language: meta.language.clone(),
            authors: meta.authors.clone(),
            ..Channel::default()
        }
    }

    /// Reads a channel from a TOML configuration file's text.
    pub fn from_config(text: &str, file: &str) -> Result<Channel> {
        let channel: Channel = toml_edit::de::from_str(text).map_err(|error| {
            let start = error.span().map_or(0, |span| span.start).min(text.len());
            let before = &text[..start];
            let line = before.matches('\n').count() + 1;
            let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
                .chars()
                .count()
                + 1;
            let message = error
                .message()
                .lines()
                .next()
                .unwrap_or("invalid TOML")
                .to_owned();
            Error::invalid_input(
                file,
                line,
                column,
                format!("invalid feed configuration: {message}"),
            )
        })?;
        Ok(channel)
    }

    /// This channel with every field that `other` sets taken from `other`.
    pub fn overridden_by(self, other: Channel) -> Channel {
        Channel {
            title: other.title.or(self.title),
            link: other.link.or(self.link),
            feed_url: other.feed_url.or(self.feed_url),
            description: other.description.or(self.description),
            language: other.language.or(self.language),
            authors: if other.authors.is_empty() {
                self.authors
            } else {
                other.authors
            },
            id: other.id.or(self.id),
            rights: other.rights.or(self.rights),
            icon: other.icon.or(self.icon),
            logo: other.logo.or(self.logo),
            hubs: if other.hubs.is_empty() {
                self.hubs
            } else {
                other.hubs
            },
            lossless: other.lossless || self.lossless,
            podcast: other.podcast.or(self.podcast),
            podcast_elements: if other.podcast_elements.is_empty() {
                self.podcast_elements
            } else {
                other.podcast_elements
            },
        }
    }

    /// Checks the URLs are absolute http or https URLs and the language is
    /// BCP 47, as feed readers require; `source` says where the values
    /// came from.
    pub fn validate(&self, source: &str) -> Result<()> {
        let urls = [
            ("link", self.link.as_ref()),
            ("feed URL", self.feed_url.as_ref()),
            ("icon", self.icon.as_ref()),
            ("logo", self.logo.as_ref()),
            (
                "podcast image",
                self.podcast
                    .as_ref()
                    .and_then(|podcast| podcast.image.as_ref()),
            ),
        ]
        .into_iter()
        .chain(self.hubs.iter().map(|hub| ("hub", Some(hub))));
        for (key, url) in urls {
            if let Some(url) = url
                && !crate::url::is_web_url(url)
            {
                return Err(Error::invalid_options(format!(
                    "the {key} from {source} is not an absolute http or https URL: {url:?}"
                )));
            }
        }
        if let Some(language) = &self.language
            && !crate::language::is_language_tag(language)
        {
            return Err(Error::invalid_options(format!(
                "the language from {source} is not a BCP 47 tag: {language:?}"
            )));
        }
        Ok(())
    }
}

fn names_or_authors<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Author>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum NameOrAuthor {
        Name(String),
        Author(Author),
    }
    let entries = Vec::<NameOrAuthor>::deserialize(deserializer)?;
    Ok(entries
        .into_iter()
        .map(|entry| match entry {
            NameOrAuthor::Name(name) => Author {
                name,
                url: None,
                email: None,
            },
            NameOrAuthor::Author(author) => author,
        })
        .collect())
}

/// A channel and its articles, newest first.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    /// What the feed says about itself.
    pub channel: Channel,
    /// The items, newest first.
    pub articles: Vec<Article>,
}

impl Feed {
    /// Orders the articles newest first; equal dates fall back to the id, so
    /// the order never depends on the order the inputs were read in.
    pub fn new(channel: Channel, mut articles: Vec<Article>) -> Feed {
        articles.sort_by(|a, b| Feed::order(&a.meta, &b.meta));
        Feed { channel, articles }
    }

    /// The order of a feed's items, newest first, ties broken by id; it
    /// needs only the metadata, so items can be chosen before any body is
    /// read.
    pub fn order(a: &Meta, b: &Meta) -> std::cmp::Ordering {
        b.published
            .utc()
            .cmp(&a.published.utc())
            .then_with(|| a.id.cmp(&b.id))
    }

    /// A one-item feed whose channel comes from the article, with any field
    /// `overrides` sets taken from it instead.
    pub fn from_article(article: &Article, overrides: &Channel) -> Feed {
        let channel = Channel::from_article(article).overridden_by(overrides.clone());
        Feed::new(channel, vec![article.clone()])
    }

    /// [`Feed::from_article`] with the article's metadata alone, for a
    /// one-item feed whose entry is written apart: a long body is not
    /// copied for it.
    pub(crate) fn around_entry_of(article: &Article, overrides: &Channel) -> Feed {
        let meta_only = Article {
            meta: article.meta.clone(),
            body: Vec::new(),
            discussion: None,
        };
        let channel = Channel::from_article(article).overridden_by(overrides.clone());
        Feed::new(channel, vec![meta_only])
    }

    /// Keeps the newest `count` items.
    pub fn truncate(&mut self, count: usize) {
        self.articles.truncate(count);
    }

    /// The feed's last change: the newest item's, never the clock's, so two
    /// runs over the same inputs give the same bytes.
    pub fn updated(&self) -> Date {
        self.articles
            .iter()
            .map(|article| article.meta.updated_or_published())
            .max_by_key(Date::utc)
            .unwrap_or_else(|| Date::from_day(chrono::NaiveDate::default()))
    }

    /// The feed's title, falling back to the newest item's.
    pub fn title(&self) -> String {
        self.channel
            .title
            .clone()
            .or_else(|| {
                self.articles
                    .first()
                    .map(|article| article.meta.title.clone())
            })
            .unwrap_or_else(|| "Untitled feed".to_owned())
    }

    /// A stable identity for the feed: its own URL, else its site, else a
    /// URN from its title.
    pub fn id(&self) -> String {
        self.channel
            .id
            .clone()
            .filter(|id| ammonia::Url::parse(id).is_ok())
            .or_else(|| self.channel.feed_url.clone())
            .or_else(|| self.channel.link.clone())
            .unwrap_or_else(|| format!("urn:newswire:feed:{}", slug::slugify(self.title())))
    }

    /// Finds two articles that share an id, which would make one item
    /// replace the other in every reader.
    pub fn duplicate_id(&self) -> Option<&str> {
        let mut ids: Vec<&str> = self
            .articles
            .iter()
            .map(|article| article.meta.id.as_str())
            .collect();
        ids.sort_unstable();
        ids.windows(2)
            .find(|pair| pair[0] == pair[1])
            .map(|pair| pair[0])
    }
}
