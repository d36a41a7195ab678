//! Site configuration files read into the front-matter tree, so that every
//! value keeps its line and a broken file is reported where it breaks.

use crate::error::{Error, Result};
use crate::model::Author;
use crate::read::front_matter::{Entry, Node, Value};
use crate::read::{toml, yaml};
use std::path::Path;

/// A configuration file's tree, looked up by key paths.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub root: Node,
    /// Hugo reads its keys without regard to case (`baseURL`, `baseurl`).
    pub ignore_case: bool,
}

impl Config {
    pub fn empty() -> Config {
        Config {
            root: Node {
                value: Value::Map(Vec::new()),
                line: 1,
                column: 1,
            },
            ignore_case: false,
        }
    }

    /// Reads `path` by its extension: TOML, YAML or JSON; `.js` files are
    /// read only as a plain object literal, never run.
    pub fn read(path: &Path, ignore_case: bool) -> Result<Config> {
        let file = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|error| Error::read_input(&file, error))?;
        let text = crate::read::decode_text(&bytes, &file, "a site configuration")?;
        let extension = path
            .extension()
            .and_then(|extension| extension.to_str())
            .unwrap_or_default();
        let root = match extension {
            "toml" => toml::load(&text, 1, &file)?,
            "yml" | "yaml" => yaml::load_last_wins(&text, 1, &file)?.0,
            "json" => json(&text, &file)?,
            "js" | "cjs" | "mjs" => object_literal(&text, &file)?,
            _ => {
                return Err(Error::invalid_input(
                    &file,
                    1,
                    1,
                    "expected a .toml, .yaml, .yml, .json or .js configuration",
                ));
            }
        };
        let root = match root.value {
            Value::Null => Config::empty().root,
            Value::Map(_) => root,
            other => {
                return Err(Error::invalid_input(
                    &file,
                    1,
                    1,
                    format!(
                        "expected the configuration to be a mapping of keys to values, found {}",
                        other.kind()
                    ),
                ));
            }
        };
        Ok(Config { root, ignore_case })
    }

    /// The value at `path` (`["services", "rss", "limit"]`).
    pub fn get(&self, path: &[&str]) -> Option<&Node> {
        let mut node = &self.root;
        for key in path {
            let Value::Map(entries) = &node.value else {
                return None;
            };
            node = &entries
                .iter()
                .rev()
                .find(|entry| self.same_key(&entry.key, key))?
                .value;
        }
        Some(node)
    }

    fn same_key(&self, found: &str, wanted: &str) -> bool {
        if self.ignore_case {
            found.eq_ignore_ascii_case(wanted)
        } else {
            found == wanted
        }
    }

    /// The text at `path`, when it is a non-empty scalar.
    pub fn text(&self, path: &[&str]) -> Option<String> {
        self.get(path).and_then(text_of)
    }

    pub fn flag(&self, path: &[&str]) -> Option<bool> {
        self.get(path).and_then(flag_of)
    }

    pub fn count(&self, path: &[&str]) -> Option<usize> {
        match &self.get(path)?.value {
            Value::Integer(number, _) => usize::try_from(*number).ok(),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// The entries of the mapping at `path`.
    pub fn entries(&self, path: &[&str]) -> &[Entry] {
        match self.get(path).map(|node| &node.value) {
            Some(Value::Map(entries)) => entries,
            _ => &[],
        }
    }

    /// Puts `other` under `key`, as Hugo's `config/_default/params.toml`
    /// is the `params` table of the main file.
    pub fn graft(&mut self, key: &str, other: Config) {
        if let Value::Map(entries) = &mut self.root.value {
            entries.push(Entry {
                key: key.to_owned(),
                line: 1,
                column: 1,
                value: other.root,
            });
        }
    }
}

/// A scalar's text, trimmed; none when empty.
pub(crate) fn text_of(node: &Node) -> Option<String> {
    match &node.value {
        Value::String(text)
        | Value::Integer(_, text)
        | Value::Float(_, text)
        | Value::Datetime(text) => {
            let text = text.trim();
            (!text.is_empty()).then(|| text.to_owned())
        }
        _ => None,
    }
}

/// A boolean, also as the strings `"true"` and `"false"` that real front
/// matter holds (`draft: "true"`).
pub(crate) fn flag_of(node: &Node) -> Option<bool> {
    match &node.value {
        Value::Bool(flag) => Some(*flag),
        Value::String(text) => match text.trim().to_ascii_lowercase().as_str() {
            "true" | "yes" => Some(true),
            "false" | "no" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

/// The people a configuration or page names: a name, a mapping with
/// `name` (and `email`, `url` where they are valid), or a list of these.
pub(crate) fn authors_of(node: &Node) -> Vec<Author> {
    match &node.value {
        Value::List(items) => items.iter().flat_map(authors_of).collect(),
        Value::Map(entries) => {
            let field = |key: &str| {
                entries
                    .iter()
                    .find(|entry| entry.key.eq_ignore_ascii_case(key))
                    .and_then(|entry| text_of(&entry.value))
            };
            let Some(name) = field("name") else {
                return Vec::new();
            };
            vec![Author {
                name,
                url: field("url")
                    .or_else(|| field("website"))
                    .filter(|url| crate::url::is_person_url(url)),
                email: field("email").filter(|email| crate::valid::is_email(email)),
            }]
        }
        _ => text_of(node)
            .map(|name| {
                vec![Author {
                    name,
                    url: None,
                    email: None,
                }]
            })
            .unwrap_or_default(),
    }
}

fn json(text: &str, file: &str) -> Result<Node> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|error| {
        Error::invalid_input(
            file,
            error.line().max(1),
            error.column().max(1),
            format!("invalid JSON: {error}"),
        )
    })?;
    Ok(from_json(&value, 1))
}

/// A JavaScript module whose export is a plain object literal
/// (`module.exports = {…}` or `export default {…}`), read as JSON5; any
/// other module is refused, since running it is out of the question.
fn object_literal(text: &str, file: &str) -> Result<Node> {
    let start = ["module.exports", "export default"]
        .iter()
        .find_map(|marker| text.find(marker).map(|at| at + marker.len()))
        .and_then(|after| text[after..].find('{').map(|brace| after + brace));
    let end = text.rfind('}');
    let (Some(start), Some(end)) = (start, end) else {
        return Err(Error::invalid_input(
            file,
            1,
            1,
            "expected `module.exports = {…}` or `export default {…}` with a plain object",
        ));
    };
    let line = text[..start].matches('\n').count() + 1;
    let literal = &text[start..=end.max(start)];
    let value: serde_json::Value = json5::from_str(literal).map_err(|error| {
        let (at_line, column) = match &error {
            json5::Error::Message {
                location: Some(location),
                ..
            } => (location.line, location.column),
            _ => (1, 1),
        };
        Error::invalid_input(
            file,
            line + at_line - 1,
            column,
            format!(
                "expected a plain object literal (strings, numbers, lists and objects; nothing computed): {error}"
            ),
        )
    })?;
    Ok(from_json(&value, line))
}

fn from_json(value: &serde_json::Value, line: usize) -> Node {
    use serde_json::Value as Json;
    let value = match value {
        Json::Null => Value::Null,
        Json::Bool(flag) => Value::Bool(*flag),
        Json::Number(number) => match number.as_i64() {
            Some(integer) => Value::Integer(integer, number.to_string()),
            None => Value::Float(number.as_f64().unwrap_or_default(), number.to_string()),
        },
        Json::String(text) => Value::String(text.clone()),
        Json::Array(items) => Value::List(items.iter().map(|item| from_json(item, line)).collect()),
        Json::Object(fields) => Value::Map(
            fields
                .iter()
                .map(|(key, value)| Entry {
                    key: key.clone(),
                    line,
                    column: 1,
                    value: from_json(value, line),
                })
                .collect(),
        ),
    };
    Node {
        value,
        line,
        column: 1,
    }
}
