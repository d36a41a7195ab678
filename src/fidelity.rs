//! What a conversion could not carry: every field of every item that was
//! left out or changed on the way in (a reader filling a gap) or on the way
//! out (a format with no place for it), so nothing is lost silently.

use serde::Serialize;
use std::fmt;

/// One field of one item (or of the channel) that did not survive as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The item's id, or `None` for the feed's own metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The field, as the source or target format names it.
    pub field: String,
    /// Left out, or kept in another form.
    pub action: Action,
    /// What happened to it, for a person.
    pub detail: String,
}

/// What happened to a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    /// The field is not in the output.
    Dropped,
    /// The field is in the output with another value or in another place.
    Changed,
}

impl Change {
    /// A field of `item` that the output does not have.
    pub fn dropped(item: Option<&str>, field: &str, detail: impl Into<String>) -> Change {
        Change::new(item, field, Action::Dropped, detail)
    }

    /// A field of `item` that the output has in another form.
    pub fn changed(item: Option<&str>, field: &str, detail: impl Into<String>) -> Change {
        Change::new(item, field, Action::Changed, detail)
    }

    fn new(item: Option<&str>, field: &str, action: Action, detail: impl Into<String>) -> Change {
        Change {
            item: item.map(str::to_owned),
            field: field.to_owned(),
            action,
            detail: detail.into(),
        }
    }
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = match self.action {
            Action::Dropped => "dropped",
            Action::Changed => "changed",
        };
        match &self.item {
            Some(item) => write!(f, "item {item}: ")?,
            None => write!(f, "feed: ")?,
        }
        write!(f, "{}: {action}: {}", self.field, self.detail)
    }
}

/// The fields of `article` that `format`'s standard elements cannot hold.
/// Our own extension element or object carries the whole article, so
/// newswire reads them back; other readers do not see them.
pub fn unheld(format: crate::Format, article: &crate::Article) -> Vec<Change> {
    use crate::Format;
    let meta = &article.meta;
    let item = Some(meta.id.as_str());
    let mut changes = Vec::new();
    let mut drop = |field: &str, detail: String| changes.push(Change::dropped(item, field, detail));
    let name = format.name();
    match format {
        Format::Rss => {
            if meta.updated.is_some() {
                drop("updated", "RSS items have no update date".to_owned());
            }
            if meta.authors.iter().any(|author| author.url.is_some()) {
                drop("authors.url", "RSS authors have no home page".to_owned());
            }
            if meta
                .authors
                .iter()
                .filter(|author| author.email.is_some())
                .count()
                > 1
            {
                drop(
                    "authors.email",
                    "RSS `author` holds one address; the others are left out".to_owned(),
                );
            }
            if meta.published.is_date_only() {
                drop(
                    "published.date_only",
                    "RSS dates have a time of day: the day is written as midnight UTC".to_owned(),
                );
            }
        }
        Format::JsonFeed if meta.authors.iter().any(|author| author.email.is_some()) => {
            drop(
                "authors.email",
                "JSON Feed authors have no e-mail".to_owned(),
            );
        }
        _ => {}
    }
    if format.is_feed() {
        let enclosures = meta.enclosures().len();
        if format == Format::Rss && enclosures > 1 {
            drop(
                "enclosures",
                format!(
                    "RSS items hold one enclosure; the other {} are kept in newswire's extension",
                    enclosures - 1
                ),
            );
        }
        // The enclosures have their standard place; other keys have none.
        for key in meta.extra.keys().filter(|key| *key != "enclosures") {
            drop(
                key,
                format!("{name} has no standard place for it (newswire keeps it in its extension)"),
            );
        }
        if meta.draft {
            drop("draft", format!("{name} has no drafts"));
        }
    }
    changes
}
