//! Article JSON read back: the model as `-t article-json` writes it, so a
//! pipeline can edit an article with `jq` and convert it onwards.

use super::meta::derived_id;
use crate::chars::is_forbidden_char;
use crate::commonmark;
use crate::error::{Error, Result};
use crate::language::is_language_tag;
use crate::model::{Article, Block};
use crate::url::is_absolute_url;

/// Reads the model from JSON; `file` names the input in errors.
pub fn read(text: &str, file: &str) -> Result<Article> {
    let mut article: Article = serde_json::from_str(text).map_err(|error| {
        Error::invalid_input(
            file,
            error.line().max(1),
            error.column().max(1),
            format!(
                "invalid article JSON: {}",
                strip_position(&error.to_string())
            ),
        )
    })?;
    let meta = &article.meta;
    let invalid = |message: String| Error::invalid_input(file, 1, 1, message);
    if meta.title.trim().is_empty() {
        return Err(invalid("`meta.title` is empty".into()));
    }
    if let Some(url) = &meta.url
        && !is_absolute_url(url)
    {
        return Err(invalid(format!(
            "`meta.url` is not an absolute URL: {url:?}"
        )));
    }
    if let Some(language) = &meta.language
        && !is_language_tag(language)
    {
        return Err(invalid(format!(
            "`meta.language` is not a BCP 47 tag: {language:?}"
        )));
    }
    if let Some(field) = too_deep_markdown(&article) {
        return Err(invalid(format!(
            "{field} nests deeper than {} levels of quotes, lists or markup",
            commonmark::NESTING_LIMIT
        )));
    }
    let meta = &mut article.meta;
    if meta.id.trim().is_empty() {
        meta.id = derived_id(meta);
    }
    let tree = serde_json::to_value(&article).unwrap_or_default();
    if let Some(found) = forbidden_char(&tree) {
        return Err(invalid(format!(
            "control character U+{:04X} is not allowed in an article",
            u32::from(found)
        )));
    }
    Ok(article)
}

/// The first piece of CommonMark in the model that nests too deeply.
fn too_deep_markdown(article: &Article) -> Option<&'static str> {
    let deep = |markdown: &str| {
        let arena = comrak::Arena::new();
        commonmark::too_deep(commonmark::parse(&arena, markdown)).is_some()
    };
    for block in &article.body {
        let (field, markdown) = match block {
            Block::Markdown { markdown } => ("a body block", markdown),
            Block::Quote(quote) => ("a quote's text", &quote.text),
        };
        if deep(markdown) {
            return Some(field);
        }
    }
    let discussion = article.discussion.as_ref()?;
    let mut parts = discussion.prompts.iter().chain(&discussion.note);
    parts
        .any(|markdown| deep(markdown))
        .then_some("the discussion")
}

/// The first character in any string of the tree that no article may hold;
/// JSON escapes such as `\u0000` decode to them.
fn forbidden_char(value: &serde_json::Value) -> Option<char> {
    use serde_json::Value;
    match value {
        Value::String(text) => text.chars().find(|&c| is_forbidden_char(c)),
        Value::Array(items) => items.iter().find_map(forbidden_char),
        Value::Object(fields) => fields.iter().find_map(|(key, value)| {
            key.chars()
                .find(|&c| is_forbidden_char(c))
                .or_else(|| forbidden_char(value))
        }),
        _ => None,
    }
}

/// serde_json appends " at line L column C", which the error already places.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |index| &message[..index])
}
