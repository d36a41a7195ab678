//! Front matter as a generator writes it, taken apart key by key into
//! the article format's fields.

use super::config::{authors_of, flag_of, text_of};
use crate::model::Author;
use crate::read::front_matter::{Entry, Node, Value};
use chrono::{Datelike, FixedOffset, NaiveDate, NaiveDateTime, Timelike};
use jiff::tz::TimeZone;

/// A page's front-matter entries, from which the generator's keys are
/// taken one by one; what is left is kept as the article's own keys.
#[derive(Debug, Clone)]
pub(crate) struct FrontMatter {
    pub entries: Vec<Entry>,
    /// Where the front matter opens, for fields made from elsewhere.
    pub line: usize,
    pub ignore_case: bool,
}

impl FrontMatter {
    pub fn new(tree: Node, ignore_case: bool) -> FrontMatter {
        let entries = match tree.value {
            Value::Map(entries) => entries,
            _ => Vec::new(),
        };
        FrontMatter {
            entries,
            line: tree.line.saturating_sub(1).max(1),
            ignore_case,
        }
    }

    fn is(&self, found: &str, wanted: &str) -> bool {
        if self.ignore_case {
            found.eq_ignore_ascii_case(wanted)
        } else {
            found == wanted
        }
    }

    /// The value of `key`, left in place.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries
            .iter()
            .find(|entry| self.is(&entry.key, key))
            .map(|entry| &entry.value)
            .filter(|node| node.value != Value::Null)
    }

    pub fn text(&self, key: &str) -> Option<String> {
        self.get(key).and_then(text_of)
    }

    pub fn flag(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(flag_of)
    }

    /// Takes every entry named by one of `keys`, in the order of `keys`,
    /// so the first is the one the generator prefers.
    pub fn take_all(&mut self, keys: &[&str]) -> Vec<Entry> {
        let mut taken = Vec::new();
        for key in keys {
            while let Some(at) = self
                .entries
                .iter()
                .position(|entry| self.is(&entry.key, key))
            {
                let entry = self.entries.remove(at);
                if entry.value.value != Value::Null {
                    taken.push(entry);
                }
            }
        }
        taken
    }

    /// The preferred of `keys`; the others are dropped, since they say the
    /// same thing less well.
    pub fn take(&mut self, keys: &[&str]) -> Option<Entry> {
        self.take_all(keys).into_iter().next()
    }

    /// Every tag a list of keys gives, in order, without repeats: a list,
    /// or one string, which Jekyll (`split`) reads as space-separated.
    pub fn take_tags(&mut self, keys: &[&str], split: bool) -> Vec<String> {
        let mut tags = Vec::new();
        // In the order written, as the article format reads its own.
        let (taken, kept): (Vec<Entry>, Vec<Entry>) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|entry| keys.iter().any(|key| self.is(&entry.key, key)));
        self.entries = kept;
        for entry in taken {
            let found: Vec<String> = match &entry.value.value {
                Value::List(items) => items.iter().filter_map(text_of).collect(),
                Value::String(text) if !split || entry.key.eq_ignore_ascii_case("category") => {
                    vec![text.trim().to_owned()]
                }
                Value::String(text) => text.split_whitespace().map(str::to_owned).collect(),
                _ => text_of(&entry.value).into_iter().collect(),
            };
            for tag in found {
                if !tag.is_empty() && !tags.contains(&tag) {
                    tags.push(tag);
                }
            }
        }
        tags
    }

    /// The people `keys` name, or none.
    pub fn take_authors(&mut self, keys: &[&str]) -> Vec<Author> {
        self.take(keys)
            .map(|entry| authors_of(&entry.value))
            .unwrap_or_default()
    }
}

/// A field made by the site reader, placed at `line`.
pub(crate) fn entry(key: &str, value: Value, line: usize) -> Entry {
    Entry {
        key: key.to_owned(),
        line,
        column: 1,
        value: Node {
            value,
            line,
            column: 1,
        },
    }
}

/// An entry as the article format's field `field`, keeping its place and,
/// when the format reads it as that field already (`date`, `lastmod`,
/// `description`), its name, so that messages name the key as written.
pub(crate) fn renamed(mut entry: Entry, field: &str) -> Entry {
    if crate::read::meta::field_of(&entry.key) != Some(field) {
        entry.key = field.to_owned();
    }
    entry
}

/// The list of people as front matter, for the article reader.
pub(crate) fn authors_value(authors: &[Author]) -> Value {
    Value::List(
        authors
            .iter()
            .map(|author| {
                let mut fields = vec![entry("name", Value::String(author.name.clone()), 1)];
                if let Some(url) = &author.url {
                    fields.push(entry("url", Value::String(url.clone()), 1));
                }
                if let Some(email) = &author.email {
                    fields.push(entry("email", Value::String(email.clone()), 1));
                }
                Node {
                    value: Value::Map(fields),
                    line: 1,
                    column: 1,
                }
            })
            .collect(),
    )
}

/// The date a file name starts with (`2019-11-27-homebrew.md`; Jekyll also
/// takes one-digit months and days, `2014-3-3-hello`, and Zola `_` after
/// the date), and the rest of the name.
pub(crate) fn date_in_name(name: &str, underscore: bool) -> Option<(NaiveDate, &str)> {
    let mut parts = name.splitn(4, '-');
    let (year, month, rest) = (parts.next()?, parts.next()?, parts.next()?);
    let digits = |part: &str, lengths: std::ops::RangeInclusive<usize>| {
        (lengths.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let year = i32::try_from(digits(year, 4..=4)?).ok()?;
    let month = digits(month, 1..=2)?;
    // The day is followed by `-`, or by `_` in Zola.
    let day_length = rest
        .bytes()
        .position(|b| !b.is_ascii_digit())
        .unwrap_or(rest.len());
    let day = digits(&rest[..day_length], 1..=2)?;
    let after = &name[name.len() - rest.len() + day_length..];
    let after = match parts.next() {
        Some(tail) if day_length == rest.len() => Some(tail),
        _ => after
            .strip_prefix('_')
            .filter(|_| underscore)
            .or_else(|| after.strip_prefix('-')),
    }?;
    let date = NaiveDate::from_ymd_opt(year, month, day)?;
    (!after.is_empty()).then_some((date, after))
}

/// A date value with the site's time zone put on a time that has none:
/// `2019-11-27 10:00` in `America/New_York` is `2019-11-27T10:00:00-05:00`.
/// A value that is not a date is left for the article reader to refuse.
pub(crate) fn zoned(mut entry: Entry, zone: Option<&TimeZone>) -> Entry {
    let (Some(zone), Some(text)) = (zone, text_of(&entry.value)) else {
        return entry;
    };
    if let Some(local) = naive(&text)
        && let Some(instant) = in_zone(local, zone)
    {
        entry.value.value = Value::String(instant.to_rfc3339());
    }
    entry
}

/// A wall-clock time in `zone`, the earlier one where clocks go back.
fn in_zone(local: NaiveDateTime, zone: &TimeZone) -> Option<chrono::DateTime<FixedOffset>> {
    let narrow = |value: u32| i8::try_from(value).ok();
    let civil = jiff::civil::DateTime::new(
        i16::try_from(local.year()).ok()?,
        narrow(local.month())?,
        narrow(local.day())?,
        narrow(local.hour())?,
        narrow(local.minute())?,
        narrow(local.second())?,
        0,
    )
    .ok()?;
    let offset = zone
        .to_ambiguous_zoned_datetime(civil)
        .earlier()
        .ok()?
        .offset()
        .seconds();
    local
        .and_local_timezone(FixedOffset::east_opt(offset)?)
        .single()
}

/// A date and time without an offset, or a day, as written in front matter.
fn naive(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim();
    if let Ok(day) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return day.and_hms_opt(0, 0, 0);
    }
    [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ]
    .iter()
    .find_map(|pattern| NaiveDateTime::parse_from_str(text, pattern).ok())
}

/// The title a file name gives: `moving-house` is `Moving house`.
pub(crate) fn title_from_name(name: &str) -> String {
    let words = name.replace(['-', '_'], " ");
    let mut chars = words.trim().chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// A path segment as the generators make one from a title or name:
/// lower case, words joined by hyphens.
pub(crate) fn slug(text: &str) -> String {
    slug::slugify(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_file_names() {
        let (day, rest) = date_in_name("2019-11-27-homebrew-2.2.0", false).unwrap();
        assert_eq!(day.to_string(), "2019-11-27");
        assert_eq!(rest, "homebrew-2.2.0");
        assert!(date_in_name("2019-11-27_moving", false).is_none());
        assert_eq!(date_in_name("2019-11-27_moving", true).unwrap().1, "moving");
        assert!(date_in_name("2019-13-27-x", false).is_none());
        let (day, rest) = date_in_name("2014-3-3-Hello-World", false).unwrap();
        assert_eq!(
            (day.to_string().as_str(), rest),
            ("2014-03-03", "Hello-World")
        );
        assert!(date_in_name("2019-11-27", false).is_none());
        assert!(date_in_name("20019-11-27-x", false).is_none());
        assert!(date_in_name("about", false).is_none());
    }

    #[test]
    fn a_time_without_an_offset_takes_the_zone() {
        let Ok(zone) = TimeZone::get("America/New_York") else {
            // A system without a time-zone database reads such times as UTC.
            return;
        };
        let given = entry("date", Value::String("2019-11-27 10:00:00".into()), 2);
        let zoned = zoned(given, Some(&zone));
        assert_eq!(
            zoned.value.value,
            Value::String("2019-11-27T10:00:00-05:00".into())
        );
        let given = entry("date", Value::String("2019-07-01T10:00:00+02:00".into()), 2);
        assert_eq!(zoned_text(given, &zone), "2019-07-01T10:00:00+02:00");
    }

    fn zoned_text(given: Entry, zone: &TimeZone) -> String {
        text_of(&zoned(given, Some(zone)).value).unwrap()
    }
}
