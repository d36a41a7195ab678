//! TOML front matter (Hugo and Zola write it between `+++` lines), read with
//! `toml_edit` because it keeps the place of every key.

use super::LineIndex;
use super::front_matter::{Entry, Node, Value};
use crate::error::{Error, Result};
use std::ops::Range;
use toml_edit::{Document, Item, TableLike};

/// Reads a TOML table; `first_line` is the file line it starts on.
pub(crate) fn load(text: &str, first_line: usize, file: &str) -> Result<Node> {
    let place = Place::new(text, first_line);
    let document = Document::parse(text).map_err(|error| {
        let (line, column) = place.of(error.span());
        let message = error
            .message()
            .lines()
            .next()
            .unwrap_or("syntax error")
            .to_owned();
        Error::invalid_input(file, line, column, format!("invalid TOML: {message}"))
    })?;
    let entries = table(document.as_table(), &place);
    if let Some(entry) = entries.get(super::yaml::KEY_LIMIT) {
        return Err(Error::invalid_input(
            file,
            entry.line,
            entry.column,
            format!(
                "the front matter has more than {} keys",
                super::yaml::KEY_LIMIT
            ),
        ));
    }
    Ok(Node {
        value: Value::Map(entries),
        line: first_line,
        column: 1,
    })
}

/// Turns byte offsets in the front matter into file lines and columns.
struct Place<'a> {
    lines: LineIndex<'a>,
    first_line: usize,
}

impl Place<'_> {
    fn new(text: &str, first_line: usize) -> Place<'_> {
        Place {
            lines: LineIndex::new(text),
            first_line,
        }
    }

    fn of(&self, span: Option<Range<usize>>) -> (usize, usize) {
        let (line, column) = self.lines.place(span.map_or(0, |span| span.start));
        (self.first_line + line - 1, column)
    }
}

fn table(table: &dyn TableLike, place: &Place<'_>) -> Vec<Entry> {
    table
        .iter()
        .filter_map(|(key, item)| {
            let (key_ref, _) = table.get_key_value(key)?;
            let (line, column) = place.of(key_ref.span());
            Some(Entry {
                key: key.to_owned(),
                line,
                column,
                value: item_node(item, place)?,
            })
        })
        .collect()
}

fn item_node(item: &Item, place: &Place<'_>) -> Option<Node> {
    let (line, column) = place.of(item.span());
    let value = match item {
        Item::None => return None,
        Item::Value(value) => return Some(value_node(value, place)),
        Item::Table(inner) => Value::Map(table(inner, place)),
        Item::ArrayOfTables(array) => Value::List(
            array
                .iter()
                .map(|inner| Node {
                    value: Value::Map(table(inner, place)),
                    line,
                    column,
                })
                .collect(),
        ),
    };
    Some(Node {
        value,
        line,
        column,
    })
}

fn value_node(value: &toml_edit::Value, place: &Place<'_>) -> Node {
    use toml_edit::Value as Toml;
    let (line, column) = place.of(value.span());
    let value = match value {
        Toml::String(text) => Value::String(text.value().clone()),
        Toml::Integer(number) => Value::Integer(*number.value(), number.value().to_string()),
        Toml::Float(number) => Value::Float(*number.value(), number.value().to_string()),
        Toml::Boolean(flag) => Value::Bool(*flag.value()),
        Toml::Datetime(date) => Value::Datetime(date.value().to_string()),
        Toml::Array(items) => {
            Value::List(items.iter().map(|item| value_node(item, place)).collect())
        }
        Toml::InlineTable(inner) => Value::Map(table(inner, place)),
    };
    Node {
        value,
        line,
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_literals_and_positions() {
        let node = load(
            "title = \"A\"\npublished = 2014-02-17T18:00:00-05:00\n",
            2,
            "a.md",
        )
        .unwrap();
        let Value::Map(entries) = node.value else {
            panic!("not a map")
        };
        assert_eq!((entries[1].line, entries[1].column), (3, 1));
        assert_eq!(
            entries[1].value.value,
            Value::Datetime("2014-02-17T18:00:00-05:00".into())
        );
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let error = load("title = \"A\"\npublished = \n", 2, "a.md").unwrap_err();
        assert!(error.to_string().starts_with("a.md:3:"), "{error}");
    }
}
