//! JSON Feed 1.1's required fields, URLs and dates, placed by line.

use super::feed::Report;
use crate::read::LineIndex;
use crate::url::is_absolute_url;
use chrono::DateTime;
use std::collections::HashSet;

pub(super) fn json_feed(text: &str, report: &mut Report<'_>) {
    let feed: serde_json::Value = match serde_json::from_str(text) {
        Ok(feed) => feed,
        Err(error) => {
            report.error(
                (error.line().max(1), error.column().max(1)),
                format!("not valid JSON: {error}"),
            );
            return;
        }
    };
    let places = JsonPlaces::of(text);
    let top = (1, 1);
    let version = feed
        .get("version")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    if !matches!(
        version,
        "https://jsonfeed.org/version/1.1" | "https://jsonfeed.org/version/1"
    ) {
        report.error(
            places.key("version").unwrap_or(top),
            format!("version {version:?}: expected https://jsonfeed.org/version/1.1"),
        );
    }
    if !feed.get("title").is_some_and(|title| title.is_string()) {
        report.error(top, "the feed has no title");
    }
    for key in ["home_page_url", "feed_url"] {
        match feed.get(key).and_then(|url| url.as_str()) {
            Some(url) if !is_absolute_url(url) => report.error(
                places.key(key).unwrap_or(top),
                format!("{key} {url:?} is not a full URL"),
            ),
            None if key == "feed_url" => {
                report.warning(top, "no feed_url naming the feed's own URL")
            }
            _ => {}
        }
    }
    if feed.get("author").is_some() && version.ends_with("1.1") {
        report.warning(
            places.key("author").unwrap_or(top),
            "`author` is deprecated in JSON Feed 1.1: use `authors`, a list",
        );
    }
    let Some(items) = feed.get("items").and_then(|items| items.as_array()) else {
        report.error(top, "the feed has no items list");
        return;
    };
    let mut ids = HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let at = places.items.get(index).copied().unwrap_or(top);
        match item.get("id") {
            Some(serde_json::Value::String(id)) => {
                if !ids.insert(id.clone()) {
                    report.error(at, format!("id {id:?} is also the id of an earlier item"));
                }
            }
            Some(_) => report.error(at, "the item's id must be a string"),
            None => report.error(at, "the item has no id"),
        }
        if item.get("content_html").is_none() && item.get("content_text").is_none() {
            report.error(at, "the item has neither content_html nor content_text");
        }
        for key in ["url", "external_url", "image", "banner_image"] {
            if let Some(url) = item.get(key).and_then(|url| url.as_str())
                && !is_absolute_url(url)
            {
                report.warning(at, format!("{key} {url:?} is not a full URL"));
            }
        }
        for key in ["date_published", "date_modified"] {
            if let Some(date) = item.get(key) {
                let text = date.as_str().unwrap_or_default();
                if DateTime::parse_from_rfc3339(text).is_err() {
                    report.error(
                        at,
                        format!("{key} {date} is not an RFC 3339 date: expected 2014-02-17T18:00:00-05:00"),
                    );
                }
            }
        }
        if let Some(authors) = item.get("authors").and_then(|authors| authors.as_array()) {
            for author in authors {
                if ["name", "url", "avatar"]
                    .iter()
                    .all(|key| author.get(key).is_none())
                {
                    report.error(at, "an author needs a name, url or avatar");
                }
            }
        }
    }
}

/// Where the top-level keys and the items of a JSON Feed start, found by
/// one pass over the text: serde_json gives values without positions.
struct JsonPlaces {
    keys: Vec<(String, (usize, usize))>,
    items: Vec<(usize, usize)>,
}

impl JsonPlaces {
    fn of(text: &str) -> JsonPlaces {
        let mut places = JsonPlaces {
            keys: Vec::new(),
            items: Vec::new(),
        };
        let bytes = text.as_bytes();
        let lines = LineIndex::new(text);
        let mut depth = 0usize;
        let mut in_items = false;
        let mut last_key = String::new();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => {
                    let start = i;
                    i += 1;
                    while i < bytes.len() && bytes[i] != b'"' {
                        i += if bytes[i] == b'\\' { 2 } else { 1 };
                    }
                    let end = i.min(bytes.len());
                    let next = text[end.min(text.len())..]
                        .trim_start_matches(['"', ' ', '\t', '\r', '\n'])
                        .starts_with(':');
                    if next && depth == 1 {
                        last_key = text[start + 1..end].to_owned();
                        places.keys.push((last_key.clone(), lines.place(start)));
                    }
                }
                b'{' | b'[' => {
                    if depth == 2 && in_items && bytes[i] == b'{' {
                        places.items.push(lines.place(i));
                    }
                    if depth == 1 && bytes[i] == b'[' {
                        in_items = last_key == "items";
                    }
                    depth += 1;
                }
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 1 {
                        in_items = false;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        places
    }

    fn key(&self, name: &str) -> Option<(usize, usize)> {
        self.keys
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, at)| *at)
    }
}
