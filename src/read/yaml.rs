//! YAML front matter, read from the parser's events so that every key keeps
//! its line, and so that aliases cannot expand without bound.

use super::front_matter::{Entry, Node, Value};
use crate::error::{Error, Result};
use saphyr::Scalar;
use saphyr_parser::{Event, Parser, ScanError, Span, StrInput};
use std::collections::HashMap;

/// How many values aliases may add in all; a "billion laughs" document
/// needs far more, any real front matter far fewer.
const ALIAS_EXPANSION_LIMIT: usize = 10_000;
/// How many bytes of text aliases may add in all: counting values alone
/// lets one long anchored string, repeated, take gigabytes.
const ALIAS_BYTES_LIMIT: usize = 1 << 20;
/// How deep lists and mappings may nest.
const DEPTH_LIMIT: usize = 64;
/// How many keys one mapping may hold; real front matter has dozens.
pub(crate) const KEY_LIMIT: usize = 10_000;

/// Reads one YAML document; `first_line` is the file line it starts on.
pub(crate) fn load(text: &str, first_line: usize, file: &str) -> Result<Node> {
    Loader::new(text, first_line, file, false).document()
}

/// Reads one YAML document as Jekyll's parser does: a key given twice in
/// a mapping takes its last value. The keys so replaced come back with
/// their places, to be reported as warnings.
pub(crate) fn load_last_wins(
    text: &str,
    first_line: usize,
    file: &str,
) -> Result<(Node, Vec<Repeated>)> {
    let mut loader = Loader::new(text, first_line, file, true);
    let node = loader.document()?;
    Ok((node, loader.repeated))
}

/// A key that a later one of the same name replaced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Repeated {
    pub key: String,
    pub line: usize,
    pub column: usize,
}

/// How much a value holds: values, and bytes of text.
#[derive(Debug, Clone, Copy)]
struct Size {
    values: usize,
    bytes: usize,
}

impl Size {
    const ONE: Size = Size {
        values: 1,
        bytes: 0,
    };

    fn add(self, other: Size) -> Size {
        Size {
            values: self.values + other.values,
            bytes: self.bytes + other.bytes,
        }
    }
}

struct Loader<'input, 'f> {
    parser: Parser<'input, StrInput<'input>>,
    /// Anchored values, with how many values and bytes of text each holds.
    anchors: HashMap<usize, (Node, Size)>,
    expanded: usize,
    expanded_bytes: usize,
    first_line: usize,
    file: &'f str,
    /// Whether a repeated key replaces the first rather than failing.
    last_wins: bool,
    repeated: Vec<Repeated>,
}

impl<'input, 'f> Loader<'input, 'f> {
    fn new(text: &'input str, first_line: usize, file: &'f str, last_wins: bool) -> Self {
        Loader {
            parser: Parser::new_from_str(text),
            anchors: HashMap::new(),
            expanded: 0,
            expanded_bytes: 0,
            first_line,
            file,
            last_wins,
            repeated: Vec::new(),
        }
    }
}

impl<'input> Loader<'input, '_> {
    fn document(&mut self) -> Result<Node> {
        let mut root = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart
                | Event::DocumentStart(_)
                | Event::DocumentEnd
                | Event::Nothing => {}
                Event::StreamEnd => break,
                event => {
                    if root.is_some() {
                        return Err(
                            self.error(span, "expected one YAML document in the front matter")
                        );
                    }
                    root = Some(self.node(event, span, 0)?.0);
                }
            }
        }
        Ok(root.unwrap_or(Node {
            value: Value::Null,
            line: self.first_line,
            column: 1,
        }))
    }

    fn next(&mut self) -> Result<(Event<'input>, Span)> {
        match self.parser.next_event() {
            Some(Ok(pair)) => Ok(pair),
            Some(Err(error)) => Err(self.scan_error(&error)),
            None => Err(Error::invalid_input(
                self.file,
                self.first_line,
                1,
                "unexpected end of the YAML front matter",
            )),
        }
    }

    /// Reads the value that `event` starts; returns it with how much it
    /// holds, which is what an alias to it would add.
    fn node(&mut self, event: Event<'input>, span: Span, depth: usize) -> Result<(Node, Size)> {
        if depth > DEPTH_LIMIT {
            return Err(self.error(
                span,
                &format!("front matter nests deeper than {DEPTH_LIMIT} levels"),
            ));
        }
        let (line, column) = self.position(span);
        let (value, size, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let source = text.to_string();
                let size = Size {
                    values: 1,
                    bytes: source.len(),
                };
                let value = match Scalar::parse_from_cow_and_metadata(text, style, tag.as_ref()) {
                    Some(Scalar::Null) => Value::Null,
                    Some(Scalar::Boolean(flag)) => Value::Bool(flag),
                    Some(Scalar::Integer(number)) => Value::Integer(number, source),
                    Some(Scalar::FloatingPoint(number)) => {
                        Value::Float(number.into_inner(), source)
                    }
                    Some(Scalar::String(_)) | None => Value::String(source),
                };
                (value, size, anchor)
            }
            Event::SequenceStart(anchor, _) => {
                let mut items = Vec::new();
                let mut size = Size::ONE;
                loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    let (item, item_size) = self.node(event, span, depth + 1)?;
                    size = size.add(item_size);
                    items.push(item);
                }
                (Value::List(items), size, anchor)
            }
            Event::MappingStart(anchor, _) => {
                let (entries, size) = self.mapping(depth)?;
                (Value::Map(entries), size, anchor)
            }
            Event::Alias(id) => {
                let Some((node, size)) = self.anchors.get(&id).cloned() else {
                    return Err(self.error(span, "alias to an unknown anchor"));
                };
                self.expanded += size.values;
                self.expanded_bytes += size.bytes;
                if self.expanded > ALIAS_EXPANSION_LIMIT {
                    return Err(self.error(
                        span,
                        &format!("YAML aliases expand to more than {ALIAS_EXPANSION_LIMIT} values"),
                    ));
                }
                if self.expanded_bytes > ALIAS_BYTES_LIMIT {
                    return Err(self.error(
                        span,
                        &format!(
                            "YAML aliases expand to more than {} KiB of text",
                            ALIAS_BYTES_LIMIT / 1024
                        ),
                    ));
                }
                return Ok((
                    Node {
                        line,
                        column,
                        ..node
                    },
                    size,
                ));
            }
            _ => return Err(self.error(span, "expected a YAML value")),
        };
        let node = Node {
            value,
            line,
            column,
        };
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), size));
        }
        Ok((node, size))
    }

    fn mapping(&mut self, depth: usize) -> Result<(Vec<Entry>, Size)> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut size = Size::ONE;
        loop {
            let (event, span) = self.next()?;
            let key = match event {
                Event::MappingEnd => break,
                Event::Scalar(text, ..) => text.into_owned(),
                _ => return Err(self.error(span, "expected a plain key, such as `title:`")),
            };
            let (line, column) = self.position(span);
            if !seen.insert(key.clone()) {
                if !self.last_wins {
                    return Err(self.error(span, &format!("duplicate key `{key}`")));
                }
                if let Some(at) = entries.iter().position(|entry| entry.key == key) {
                    let first = entries.remove(at);
                    self.repeated.push(Repeated {
                        key: first.key,
                        line: first.line,
                        column: first.column,
                    });
                }
            }
            if entries.len() == KEY_LIMIT {
                return Err(self.error(
                    span,
                    &format!("a mapping in the front matter has more than {KEY_LIMIT} keys"),
                ));
            }
            let (event, span) = self.next()?;
            let (value, value_size) = self.node(event, span, depth + 1)?;
            size = size.add(value_size).add(Size {
                values: 0,
                bytes: key.len(),
            });
            entries.push(Entry {
                key,
                line,
                column,
                value,
            });
        }
        Ok((entries, size))
    }

    fn position(&self, span: Span) -> (usize, usize) {
        (
            self.first_line + span.start.line() - 1,
            span.start.col() + 1,
        )
    }

    fn error(&self, span: Span, message: &str) -> Error {
        let (line, column) = self.position(span);
        Error::invalid_input(self.file, line, column, message)
    }

    fn scan_error(&self, error: &ScanError) -> Error {
        let marker = error.marker();
        Error::invalid_input(
            self.file,
            self.first_line + marker.line().max(1) - 1,
            marker.col() + 1,
            format!("invalid YAML: {}", error.info()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> Result<Node> {
        load(text, 2, "a.md")
    }

    #[test]
    fn keys_keep_their_lines() {
        let node = load_text("title: A\npublished: 2014-02-17\n").unwrap();
        let Value::Map(entries) = node.value else {
            panic!("not a map")
        };
        assert_eq!(entries[1].key, "published");
        assert_eq!((entries[1].line, entries[1].column), (3, 1));
        assert_eq!(entries[1].value.value, Value::String("2014-02-17".into()));
    }

    #[test]
    fn billion_laughs_is_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g"])
        {
            text.push_str(&format!("{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"));
        }
        let error = load_text(&text).unwrap_err();
        assert!(error.to_string().contains("aliases expand"), "{error}");
    }

    #[test]
    fn duplicate_keys_are_refused() {
        let error = load_text("title: A\ntitle: B\n").unwrap_err();
        assert_eq!(error.to_string(), "a.md:3:1: duplicate key `title`");
    }
}
