//! Front-matter fields given apart from the file, as `-M KEY=VALUE` gives
//! them: each replaces the field of that name, or of its alias, in every
//! article it is read with, and is read by the same rules as if written
//! in the front matter.

use super::front_matter::{self, Entry, Node, Value};
use super::{meta, yaml};
use crate::error::{Error, Result};

/// Fields that replace what the front matter says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metadata {
    entries: Vec<Entry>,
}

impl Metadata {
    /// Reads each `KEY=VALUE`, the value as YAML (`KEY` alone is `true`,
    /// and an empty value removes the field), and checks it as the front
    /// matter's reader would; a mistake is a usage error naming the field.
    pub fn parse(given: &[String]) -> Result<Metadata> {
        let mut entries = Vec::new();
        for field in given {
            let label = format!("-M {field}");
            let (key, value) = field.split_once('=').unwrap_or((field, "true"));
            let key = key.trim();
            if key.is_empty() || key.contains(char::is_whitespace) {
                return Err(Error::invalid_options(format!(
                    "{label}: expected KEY=VALUE with a key such as title or tags"
                )));
            }
            let value = yaml::load(value, 1, &label)
                .and_then(|node| {
                    front_matter::refuse_forbidden(&node, value, 1, &label)?;
                    Ok(node)
                })
                .map_err(|error| usage(&label, &error))?;
            entries.push(Entry {
                key: key.to_owned(),
                line: 1,
                column: 1,
                value,
            });
        }
        let metadata = Metadata { entries };
        metadata.check()?;
        Ok(metadata)
    }

    /// No fields, for reading files as they are.
    pub fn none() -> &'static Metadata {
        static NONE: Metadata = Metadata {
            entries: Vec::new(),
        };
        &NONE
    }

    /// Whether no field is given.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads the fields as front matter of their own, with a title and
    /// date where they give none, so that each is refused now, once, rather
    /// than in every article.
    fn check(&self) -> Result<()> {
        let mut front = Node {
            value: Value::Map(vec![
                placeholder("title", Value::String("title".into())),
                placeholder("published", Value::Datetime("2000-01-01".into())),
            ]),
            line: 1,
            column: 1,
        };
        self.apply(&mut front);
        match meta::read(front, "-M") {
            Ok(_) => Ok(()),
            Err(errors) => {
                let error = &errors[0];
                let field = self
                    .entries
                    .iter()
                    .find(|entry| {
                        error
                            .diagnostic()
                            .is_some_and(|at| at.message.contains(&format!("`{}`", entry.key)))
                    })
                    .map_or_else(|| "-M".to_owned(), |entry| format!("-M {}", entry.key));
                Err(usage(&field, error))
            }
        }
    }

    /// Puts the fields into a front-matter tree, each in place of the
    /// entries that set the same field.
    pub(crate) fn apply(&self, front: &mut Node) {
        let Value::Map(entries) = &mut front.value else {
            return;
        };
        for given in &self.entries {
            let field = meta::field_of(&given.key);
            entries.retain(|entry| match field {
                Some(field) => meta::field_of(&entry.key) != Some(field),
                None => entry.key != given.key,
            });
            entries.push(given.clone());
        }
    }
}

fn placeholder(key: &str, value: Value) -> Entry {
    Entry {
        key: key.to_owned(),
        line: 1,
        column: 1,
        value: Node {
            value,
            line: 1,
            column: 1,
        },
    }
}

/// A field's error as a usage error: it came from the command line.
fn usage(field: &str, error: &Error) -> Error {
    let message = error
        .diagnostic()
        .map_or_else(|| error.to_string(), |at| at.message.clone());
    Error::invalid_options(format!("{field}: {message}"))
}
