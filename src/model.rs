//! The one document model every reader produces and every writer consumes.
//!
//! Quotes and the discussion are typed, not blocks with a class name, so each
//! writer's exhaustive `match` makes the compiler check that every format
//! carries them. The model serialises with serde; that serialisation is the
//! `article-json` format, so its field names are part of the public contract.

use chrono::{
    DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Timelike, Utc,
};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One article: metadata, the body in reading order, and the discussion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Article {
    /// Front-matter metadata.
    pub meta: Meta,
    /// The body, in order, without the discussion section.
    pub body: Vec<Block>,
    /// The discussion section, when the article has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussion: Option<Discussion>,
}

impl Article {
    /// The attributed quotes, in body order.
    pub fn quotes(&self) -> impl Iterator<Item = &Quote> {
        self.body.iter().filter_map(|block| match block {
            Block::Quote(quote) => Some(&**quote),
            Block::Markdown { .. } => None,
        })
    }
}

/// Article metadata, with the canonical key names of the article format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// Headline.
    pub title: String,
    /// Stable identity (a URI); derived when the source has none.
    #[serde(default)]
    pub id: String,
    /// The article's web page, and the base for relative links in the body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// First publication.
    pub published: Date,
    /// Last change, when the source gives one; writers fall back to `published`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<Date>,
    /// Bylines, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authors: Vec<Author>,
    /// Dek or teaser, plain text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Categories, in order, without duplicates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// BCP 47 language tag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Show or series the article belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub program: Option<String>,
    /// Publishing organisation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    /// Lead image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<Image>,
    /// Heading text that opens the discussion section, when not `Discussion`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discussion_heading: Option<String>,
    /// Drafts are left out of feeds unless asked for.
    #[serde(default, skip_serializing_if = "is_false")]
    pub draft: bool,
    /// Front-matter keys the format does not define, kept in source order so
    /// they survive a round trip through Markdown and article JSON.
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

fn is_false(value: &bool) -> bool {
    !value
}

impl Meta {
    /// The media files the front matter's `enclosures` list names, each
    /// that is a mapping with an http or https `url`; others are left to
    /// `extra` alone.
    pub fn enclosures(&self) -> Vec<Enclosure> {
        let Some(serde_json::Value::Array(items)) = self.extra.get("enclosures") else {
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| serde_json::from_value::<Enclosure>(item.clone()).ok())
            .filter(|enclosure| crate::url::is_web_url(&enclosure.url))
            .collect()
    }

    /// The last change, which is the publication when there was none since.
    pub fn updated_or_published(&self) -> Date {
        self.updated.unwrap_or(self.published)
    }
}

/// A byline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Display name.
    pub name: String,
    /// Home page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// E-mail address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A media file attached to an article: a podcast episode, a video. The
/// front matter's `enclosures` list holds them; the feeds write them as
/// RSS `enclosure`, Atom `link rel="enclosure"` and JSON Feed
/// `attachments`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enclosure {
    /// Where the file is.
    pub url: String,
    /// Its media type, such as `audio/mpeg`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub mime_type: Option<String>,
    /// Its size in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<u64>,
    /// What it is, when the feed says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// How long it plays, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u64>,
}

/// The lead image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Image {
    /// Where the image is.
    pub url: String,
    /// Text alternative.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// Photo credit, such as "2013 AFP".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<String>,
    /// Caption.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
}

impl Image {
    /// An image known only by its URL.
    pub fn new(url: String) -> Image {
        Image {
            url,
            alt: None,
            credit: None,
            caption: None,
        }
    }
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Block {
    /// Any other top-level block (paragraph, heading, list, table, code,
    /// plain block quote, footnote, raw HTML) as CommonMark/GFM.
    Markdown {
        /// The block's CommonMark source as its author wrote it, or as
        /// comrak writes it where it would not read the same on its own
        /// (a body with link reference definitions, indented code). The
        /// Markdown writer normalises it.
        markdown: String,
    },
    /// An attributed quote, boxed so that the many small blocks of a long
    /// body each take the size of a string, not of a quote.
    Quote(Box<Quote>),
}

/// A block quote whose last paragraph says who said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    /// Sidebar headline shown above the quote, such as "Kerry on Assad".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The quoted text as CommonMark: one or more paragraphs, inline markup kept.
    pub text: String,
    /// Who said it.
    pub attribution: Attribution,
}

/// Who said a quote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attribution {
    /// The speaker, plain text.
    pub name: String,
    /// Everything after the first comma, such as "U.S. Secretary of State".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The quote's source, from a linked name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
}

/// The discussion section: prompts for readers or a panel, and a note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Discussion {
    /// The heading as written in the article.
    pub heading: String,
    /// The prompts in order, each as inline CommonMark.
    #[serde(default)]
    pub prompts: Vec<String>,
    /// The section's other blocks as CommonMark, such as who the panel was for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A publication or update time.
///
/// A plain `YYYY-MM-DD` stays a date so that writing the article back does
/// not invent a time of day; feeds read it as midnight UTC.
#[derive(Debug, Clone, Copy)]
pub struct Date {
    instant: DateTime<FixedOffset>,
    date_only: bool,
}

impl Date {
    /// Reads RFC 3339, `YYYY-MM-DD`, and the `YYYY-MM-DD HH:MM:SS ±HHMM` that
    /// Jekyll writes. A time without a zone is taken as UTC.
    pub fn parse(text: &str) -> Option<Date> {
        Date::parse_any_year(text).filter(Date::has_four_digit_year)
    }

    /// RFC 3339 and RFC 2822 write years of four digits; chrono also reads
    /// `-018-10-01` and would then fail to write it.
    fn has_four_digit_year(&self) -> bool {
        (0..=9999).contains(&self.instant.year()) && (0..=9999).contains(&self.utc().year())
    }

    /// The nearest moment four-digit years can write, when this one is
    /// outside them (a program can make any moment chrono holds).
    pub(crate) fn within_four_digit_years(&self) -> Option<Date> {
        if self.has_four_digit_year() {
            return None;
        }
        let (first, last) = (
            NaiveDate::from_ymd_opt(0, 1, 2)?.and_hms_opt(0, 0, 0)?,
            NaiveDate::from_ymd_opt(9999, 12, 30)?.and_hms_opt(23, 59, 59)?,
        );
        let held = if self.utc().year() < 0 { first } else { last };
        Some(Date::from_instant(held.and_utc().fixed_offset()))
    }

    fn parse_any_year(text: &str) -> Option<Date> {
        let text = text.trim();
        if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(Date::from_day(day));
        }
        if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
            return Some(Date::from_instant(instant));
        }
        for pattern in ["%Y-%m-%d %H:%M:%S %z", "%Y-%m-%d %H:%M %z"] {
            if let Ok(instant) = DateTime::parse_from_str(text, pattern) {
                return Some(Date::from_instant(instant));
            }
        }
        for pattern in [
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M:%S%.f",
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%d %H:%M",
        ] {
            if let Ok(naive) = NaiveDateTime::parse_from_str(text, pattern) {
                return Some(Date::from_instant(naive.and_utc().fixed_offset()));
            }
        }
        None
    }

    /// A whole day, read as midnight UTC.
    pub fn from_day(day: NaiveDate) -> Date {
        let instant = day.and_hms_opt(0, 0, 0).unwrap_or_default();
        Date {
            instant: instant.and_utc().fixed_offset(),
            date_only: true,
        }
    }

    /// A moment with its original offset.
    pub fn from_instant(instant: DateTime<FixedOffset>) -> Date {
        Date {
            instant,
            date_only: false,
        }
    }

    /// A moment a reader found, when four-digit years can write it both
    /// as given and in UTC: a feed's RFC 822 or parsed date can be any
    /// year, and an article holding one could not be read back.
    pub(crate) fn from_read_instant(instant: DateTime<FixedOffset>) -> Option<Date> {
        Some(Date::from_instant(instant)).filter(Date::has_four_digit_year)
    }

    /// The moment, with the offset the source gave.
    pub fn instant(&self) -> DateTime<FixedOffset> {
        self.instant
    }

    /// The moment in UTC, for sorting and comparing.
    pub fn utc(&self) -> DateTime<Utc> {
        self.instant.with_timezone(&Utc)
    }

    /// True when the source gave a day without a time.
    pub fn is_date_only(&self) -> bool {
        self.date_only
    }

    /// RFC 3339, as Atom and JSON Feed require.
    pub fn to_rfc3339(&self) -> String {
        self.instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }

    /// RFC 822 with a numeric zone, as RSS 2.0 requires. A year RFC 822
    /// cannot hold, which only a feed's own date can bring, is written as
    /// it is rather than failing the run.
    pub fn to_rfc2822(&self) -> String {
        if self.has_four_digit_year() {
            self.instant.to_rfc2822()
        } else {
            self.instant.format("%a, %d %b %Y %H:%M:%S %z").to_string()
        }
    }

    /// True when RFC 822 writes this moment exactly, as RFC 3339 always
    /// does: a time to the second, in an offset of whole minutes, in a
    /// year of four digits.
    pub fn fits_rfc2822(&self) -> bool {
        !self.date_only
            && self.instant.nanosecond() == 0
            && self.instant.offset().local_minus_utc() % 60 == 0
            && self.has_four_digit_year()
    }

    /// The day, `YYYY-MM-DD`, in the source's own offset.
    pub fn day(&self) -> String {
        self.instant.format("%Y-%m-%d").to_string()
    }
}

/// Two dates are the same when they name the same moment written the same way,
/// so a round trip that changed the offset is caught.
impl PartialEq for Date {
    fn eq(&self, other: &Date) -> bool {
        self.date_only == other.date_only
            && self.instant == other.instant
            && self.instant.offset() == other.instant.offset()
    }
}

impl Eq for Date {}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.date_only {
            f.write_str(&self.day())
        } else {
            f.write_str(&self.to_rfc3339())
        }
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid date {text:?}: expected RFC 3339 or YYYY-MM-DD"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_keep_their_form() {
        for text in [
            "2014-02-17",
            "2014-02-17T18:00:00-05:00",
            "2014-02-17T23:00:00Z",
        ] {
            assert_eq!(Date::parse(text).unwrap().to_string(), text);
        }
    }

    #[test]
    fn jekyll_dates_are_read() {
        let date = Date::parse("2014-02-17 18:00:00 -0500").unwrap();
        assert_eq!(date.to_string(), "2014-02-17T18:00:00-05:00");
    }

    #[test]
    fn a_bad_date_is_refused() {
        assert!(Date::parse("17 February").is_none());
        assert!(Date::parse("2014-02-30").is_none());
    }
}
