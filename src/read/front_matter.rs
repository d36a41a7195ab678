//! Front matter: finding it, and reading YAML or TOML into one tree that
//! remembers where every key and value stood, so errors can name the line.

use super::{toml, yaml};
use crate::chars::{escaped_forbidden_error, first_forbidden, forbidden_escape};
use crate::error::{Error, Result};

/// Which syntax the front matter is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// Between `---` lines.
    Yaml,
    /// Between `+++` lines.
    Toml,
}

/// A value with the place in the file where it starts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub value: Value,
    pub line: usize,
    pub column: usize,
}

/// A front-matter value, the common ground of YAML and TOML.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    /// An integer with the text it was written as.
    Integer(i64, String),
    /// A float with the text it was written as.
    Float(f64, String),
    String(String),
    /// A TOML date-time literal, as written.
    Datetime(String),
    List(Vec<Node>),
    Map(Vec<Entry>),
}

/// One `key: value` pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub key: String,
    pub line: usize,
    pub column: usize,
    pub value: Node,
}

impl Value {
    /// What the value is, for "expected X, found Y" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "an empty value",
            Value::Bool(_) => "a boolean",
            Value::Integer(..) => "an integer",
            Value::Float(..) => "a number",
            Value::String(_) => "a string",
            Value::Datetime(_) => "a date",
            Value::List(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The value as JSON, for keys the format does not define.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as Json;
        match self {
            Value::Null => Json::Null,
            Value::Bool(flag) => Json::Bool(*flag),
            Value::Integer(number, _) => Json::from(*number),
            Value::Float(number, text) => serde_json::Number::from_f64(*number)
                .map(Json::Number)
                .unwrap_or_else(|| Json::String(text.clone())),
            Value::String(text) | Value::Datetime(text) => Json::String(text.clone()),
            Value::List(items) => {
                Json::Array(items.iter().map(|item| item.value.to_json()).collect())
            }
            Value::Map(entries) => Json::Object(
                entries
                    .iter()
                    .map(|entry| (entry.key.clone(), entry.value.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// The front matter of an article file and where its body starts.
#[derive(Debug)]
pub(crate) struct Split<'a> {
    pub syntax: Syntax,
    /// The text between the delimiter lines.
    pub front: &'a str,
    /// The body after the closing delimiter.
    pub body: &'a str,
    /// 1-based file line of the body's first line.
    pub body_line: usize,
}

/// Separates front matter from the body. The article format requires front
/// matter, since `title` and `published` are required.
pub(crate) fn split<'a>(text: &'a str, file: &str) -> Result<Split<'a>> {
    let first_line = text.split('\n').next().unwrap_or_default();
    let (syntax, delimiter) = match first_line.trim_end() {
        "---" => (Syntax::Yaml, "---"),
        "+++" => (Syntax::Toml, "+++"),
        _ => {
            return Err(Error::invalid_input(
                file,
                1,
                1,
                "expected front matter: a `---` (YAML) or `+++` (TOML) line at the start of the file",
            ));
        }
    };
    let front_start = (first_line.len() + 1).min(text.len());
    let mut offset = front_start;
    for (line, candidate) in (2..).zip(text[front_start..].split_inclusive('\n')) {
        let trimmed = candidate.trim_end();
        // YAML also lets `...` end a document.
        if trimmed == delimiter || (syntax == Syntax::Yaml && trimmed == "...") {
            return Ok(Split {
                syntax,
                front: &text[front_start..offset],
                body: &text[offset + candidate.len()..],
                body_line: line + 1,
            });
        }
        offset += candidate.len();
    }
    Err(Error::invalid_input(
        file,
        1,
        1,
        format!("front matter opened here is never closed: expected a closing `{delimiter}` line"),
    ))
}

/// Reads the front matter into a tree.
pub(crate) fn parse(split: &Split<'_>, file: &str) -> Result<Node> {
    // The opening delimiter is line 1, so the front matter starts on line 2.
    parse_lenient(split, file, false, 2).map(|(node, _)| node)
}

/// Reads front matter as a site generator does, starting at file line
/// `first_line`: with `last_wins`, a YAML key given twice takes its last
/// value (the replaced keys come back) instead of failing.
pub(crate) fn parse_lenient(
    split: &Split<'_>,
    file: &str,
    last_wins: bool,
    first_line: usize,
) -> Result<(Node, Vec<yaml::Repeated>)> {
    let (node, repeated) = match split.syntax {
        Syntax::Yaml if last_wins => yaml::load_last_wins(split.front, first_line, file)?,
        Syntax::Yaml => (yaml::load(split.front, first_line, file)?, Vec::new()),
        Syntax::Toml => (toml::load(split.front, first_line, file)?, Vec::new()),
    };
    refuse_forbidden(&node, split.front, first_line, file)?;
    match node.value {
        Value::Map(_) => Ok((node, repeated)),
        Value::Null => Ok((Node::empty_map(), repeated)),
        other => Err(Error::invalid_input(
            file,
            node.line,
            node.column,
            format!(
                "expected front matter to be a mapping of keys to values, found {}",
                other.kind()
            ),
        )),
    }
}

impl Node {
    /// A mapping with no keys, as an empty front matter is.
    pub(crate) fn empty_map() -> Node {
        Node {
            value: Value::Map(Vec::new()),
            line: 1,
            column: 1,
        }
    }
}

/// Refuses a key or string whose escapes decode to a character no output
/// may carry, placed at the escape; raw ones were refused before parsing.
pub(crate) fn refuse_forbidden(
    node: &Node,
    source: &str,
    first_line: usize,
    file: &str,
) -> Result<()> {
    let refuse = |text: &str, line: usize, column: usize| {
        let Some((_, found)) = first_forbidden(text) else {
            return Ok(());
        };
        // The escape is at or after where the key or value starts.
        let start = source
            .split_inclusive('\n')
            .take(line.saturating_sub(first_line))
            .map(str::len)
            .sum::<usize>();
        let start = source[start..]
            .char_indices()
            .nth(column - 1)
            .map_or(source.len(), |(at, _)| start + at);
        let place = match forbidden_escape(&source[start..]) {
            Some((offset, _)) => {
                let (line, column) = super::line_column(source, start + offset);
                (first_line + line - 1, column)
            }
            None => (line, column),
        };
        Err(escaped_forbidden_error(file, place, found))
    };
    match &node.value {
        Value::String(text) => refuse(text, node.line, node.column),
        Value::List(items) => items
            .iter()
            .try_for_each(|item| refuse_forbidden(item, source, first_line, file)),
        Value::Map(entries) => entries.iter().try_for_each(|entry| {
            refuse(&entry.key, entry.line, entry.column)?;
            refuse_forbidden(&entry.value, source, first_line, file)
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_yaml_and_finds_the_body_line() {
        let text = "---\ntitle: A\n---\nBody\n";
        let split = split(text, "a.md").unwrap();
        assert_eq!(split.syntax, Syntax::Yaml);
        assert_eq!(split.front, "title: A\n");
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn unterminated_front_matter_is_an_error() {
        let error = split("+++\ntitle = 'A'\n", "a.md").unwrap_err();
        assert!(error.to_string().contains("never closed"), "{error}");
    }
}
