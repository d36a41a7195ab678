//! `check`: every problem an article has, errors and warnings, each with
//! its place, the way a compiler reports.

use crate::commonmark;
use crate::error::{Diagnostic, Error, ErrorKind};
use crate::format::Format;
use crate::model::Article;
use crate::read::front_matter::{self, Node, Value};
use crate::read::site::Page;
use crate::read::{self, markdown};
use crate::url::is_absolute_url;
use chrono::{DateTime, Utc};
use comrak::nodes::{AstNode, NodeValue};
use serde::Serialize;
use std::fmt;

mod feed;
mod jsonfeed;
pub use feed::check_feed;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// `convert` would fail.
    Error,
    /// The article converts, but something is probably not what was meant.
    Warning,
    /// Not a problem: a site's file that is not an article, and why.
    Note,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The input as the user named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// What was found and what was expected.
    pub message: String,
}

impl Finding {
    fn warning(file: &str, (line, column): (usize, usize), message: impl Into<String>) -> Finding {
        Finding {
            severity: Severity::Warning,
            file: file.to_owned(),
            line,
            column,
            message: message.into(),
        }
    }

    /// A warning at a reader's diagnostic.
    pub fn from_diagnostic(diagnostic: Diagnostic) -> Finding {
        Finding {
            severity: Severity::Warning,
            file: diagnostic.file,
            line: diagnostic.line,
            column: diagnostic.column,
            message: diagnostic.message,
        }
    }

    /// An error finding from a reader error; other errors have no place.
    /// A site's file that is not an article is a note.
    pub fn from_error(error: &Error, file: &str) -> Finding {
        match error.kind() {
            ErrorKind::NotArticle(diagnostic) => Finding {
                severity: Severity::Note,
                message: format!("not an article: {}", diagnostic.message),
                ..Finding::from_diagnostic(diagnostic.clone())
            },
            ErrorKind::InvalidInput(Diagnostic {
                file,
                line,
                column,
                message,
            }) => Finding {
                severity: Severity::Error,
                file: file.clone(),
                line: *line,
                column: *column,
                message: message.clone(),
            },
            _ => Finding {
                severity: Severity::Error,
                file: file.to_owned(),
                line: 1,
                column: 1,
                message: error.to_string(),
            },
        }
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

/// Reads one article and lists what is wrong with it; the article comes
/// back when it has no errors, so callers can compare ids across inputs.
/// `now` decides which publication dates are in the future.
pub fn check(
    bytes: &[u8],
    format: Format,
    file: &str,
    now: DateTime<Utc>,
) -> (Option<Article>, Vec<Finding>) {
    check_page(bytes, format, file, now, None)
}

/// [`check`] of a site's page, read by its generator's rules: what the
/// rules found (template syntax left out, a title made from the file
/// name) are warnings, and a page that is not an article is a note.
pub fn check_page(
    bytes: &[u8],
    format: Format,
    file: &str,
    now: DateTime<Utc>,
    page: Option<&Page<'_>>,
) -> (Option<Article>, Vec<Finding>) {
    let text = match read::decode(bytes, file) {
        Ok(text) => text,
        Err(error) => return (None, vec![Finding::from_error(&error, file)]),
    };
    let result = match format {
        Format::Markdown => markdown::read_reporting_all(&text, file, page),
        _ => read::read(bytes, format, file).map_err(|error| vec![error]),
    };
    let mut findings: Vec<Finding> = page
        .map(|page| {
            page.warnings()
                .into_iter()
                .map(Finding::from_diagnostic)
                .collect()
        })
        .unwrap_or_default();
    let article = match result {
        Ok(article) => article,
        Err(errors) => {
            findings.extend(errors.iter().map(|error| Finding::from_error(error, file)));
            findings.sort_by_key(|finding| (finding.line, finding.column));
            return (None, findings);
        }
    };
    let places = if format == Format::Markdown {
        Places::of(&text, file, page)
    } else {
        None
    };
    findings.extend(meta_warnings(&article, places.as_ref(), file, now));
    if let Some(places) = &places {
        findings.extend(body_warnings(&article, places, file));
    }
    findings.sort_by_key(|finding| (finding.line, finding.column));
    (Some(article), findings)
}

/// Where things stand in a Markdown article.
struct Places {
    keys: Vec<(String, usize, usize)>,
    body: String,
    body_line: usize,
}

impl Places {
    fn of(text: &str, file: &str, page: Option<&Page<'_>>) -> Option<Places> {
        let (tree, body, body_line) = match page {
            Some(page) => {
                let prepared = page.prepare(text, file).ok()?;
                // Reported once already, by the reading itself.
                page.warnings();
                (prepared.tree, prepared.body, prepared.body_line)
            }
            None => {
                let split = front_matter::split(text, file).ok()?;
                let tree = front_matter::parse(&split, file).ok()?;
                (tree, split.body.to_owned(), split.body_line)
            }
        };
        let Node {
            value: Value::Map(entries),
            ..
        } = tree
        else {
            return None;
        };
        Some(Places {
            keys: entries
                .into_iter()
                .map(|entry| (entry.key, entry.line, entry.column))
                .collect(),
            body,
            body_line,
        })
    }

    fn key(&self, names: &[&str]) -> (usize, usize) {
        self.keys
            .iter()
            .find(|(key, ..)| names.contains(&key.as_str()))
            .map_or((1, 1), |(_, line, column)| (*line, *column))
    }
}

fn meta_warnings(
    article: &Article,
    places: Option<&Places>,
    file: &str,
    now: DateTime<Utc>,
) -> Vec<Finding> {
    let meta = &article.meta;
    let at = |names: &[&str]| places.map_or((1, 1), |places| places.key(names));
    let mut findings = Vec::new();
    if meta.summary.is_none() {
        findings.push(Finding::warning(
            file,
            (1, 1),
            "no `summary`: feeds will show the first paragraph instead",
        ));
    }
    if meta.published.utc() > now {
        findings.push(Finding::warning(
            file,
            at(&["published", "date"]),
            format!("`published` is in the future: {}", meta.published),
        ));
    }
    if let Some(image) = &meta.image {
        if image.alt.as_deref().is_none_or(|alt| alt.trim().is_empty()) {
            findings.push(Finding::warning(
                file,
                at(&["image"]),
                "the image has no `alt` text for readers who cannot see it",
            ));
        }
        if meta.url.is_none() && !is_absolute_url(&image.url) {
            findings.push(Finding::warning(
                file,
                at(&["image"]),
                format!(
                    "the image URL {:?} is relative and there is no `url` to resolve it against",
                    image.url
                ),
            ));
        }
    }
    if places.is_none() && has_empty_discussion(article) {
        findings.push(Finding::warning(file, (1, 1), NO_PROMPTS));
    }
    findings
}

const NO_PROMPTS: &str = "the discussion section has no prompts: expected a list of questions";

fn has_empty_discussion(article: &Article) -> bool {
    article
        .discussion
        .as_ref()
        .is_some_and(|discussion| discussion.prompts.is_empty())
}

/// Where `node` starts in the file, its tree parsed from the text that
/// starts on file line `first_line`.
fn place<'a>(node: &'a AstNode<'a>, first_line: usize) -> (usize, usize) {
    let start = node.data.borrow().sourcepos.start;
    (first_line + start.line.max(1) - 1, start.column.max(1))
}

fn body_warnings(article: &Article, places: &Places, file: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let empty_discussion = article
        .discussion
        .as_ref()
        .filter(|_| has_empty_discussion(article))
        .map(|discussion| discussion.heading.as_str());
    let mut opening = None;
    let cut = crate::pieces::pieces(&places.body, crate::pieces::piece_bytes());
    let read = crate::pieces::parse_in_pieces(&places.body, &cut, |root, _, line| {
        let first_line = places.body_line + line - 1;
        if let Some(heading) = empty_discussion
            && opening.is_none()
        {
            opening = root
                .children()
                .find(|node| {
                    matches!(node.data.borrow().value, NodeValue::Heading(ref h) if h.level == 2)
                        && commonmark::plain_text(node).trim() == heading
                })
                .map(|node| place(node, first_line));
        }
        for node in root.descendants() {
            findings.extend(node_warnings(node, article, file, first_line));
        }
        Ok::<(), std::convert::Infallible>(())
    });
    let Ok(()) = read;
    if empty_discussion.is_some() {
        findings.push(Finding::warning(
            file,
            opening.unwrap_or((1, 1)),
            NO_PROMPTS,
        ));
    }
    findings
}

/// What may be wrong with one node of the body: a relative link with
/// nothing to resolve it against, an image without alt text, an
/// attribution that is not one.
fn node_warnings<'a>(
    node: &'a AstNode<'a>,
    article: &Article,
    file: &str,
    first_line: usize,
) -> Vec<Finding> {
    let value = &node.data.borrow().value;
    let relative = match value {
        NodeValue::Link(link) | NodeValue::Image(link)
            if article.meta.url.is_none() && is_relative(&link.url) =>
        {
            Some(format!(
                "relative link {:?} and no `url` to resolve it against",
                link.url
            ))
        }
        _ => None,
    };
    let no_alt =
        matches!(value, NodeValue::Image(_)) && commonmark::plain_text(node).trim().is_empty();
    let not_attributed = matches!(value, NodeValue::BlockQuote)
        && looks_attributed(node)
        && commonmark::quote_parts(node).is_none();
    relative
        .into_iter()
        .chain(no_alt.then(|| "an image without alt text".to_owned()))
        .chain(not_attributed.then(|| "this block quote ends in what looks like an attribution but is not one: expected `— Name, Role` after the quoted text".to_owned()))
        .map(|message| Finding::warning(file, place(node, first_line), message))
        .collect()
}

fn is_relative(url: &str) -> bool {
    !url.is_empty() && !url.starts_with('#') && !is_absolute_url(url) && !url.contains(':')
}

/// A last paragraph that starts with a dash of any kind.
fn looks_attributed<'a>(node: &'a AstNode<'a>) -> bool {
    let Some(last) = node.last_child() else {
        return false;
    };
    if !matches!(last.data.borrow().value, NodeValue::Paragraph) {
        return false;
    }
    let text = commonmark::plain_text(last);
    ["—", "―", "--", "–", "- "]
        .iter()
        .any(|dash| text.trim_start().starts_with(dash))
}
