//! Article JSON read back: the model as `-t article-json` writes it, so a
//! pipeline can edit an article with `jq` and convert it onwards.

use super::line_column;
use super::meta::derived_id;
use crate::chars::{escaped_forbidden_error, forbidden_escape, forbidden_in_json};
use crate::commonmark;
use crate::error::{Error, Result};
use crate::language::is_language_tag;
use crate::model::{Article, Block};
use crate::url::{is_person_url, is_web_or_relative, is_web_url};

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
        && !is_web_url(url)
    {
        return Err(invalid(format!(
            "`meta.url` is not an absolute http or https URL: {url:?}"
        )));
    }
    if let Some(url) = meta
        .authors
        .iter()
        .filter_map(|author| author.url.as_ref())
        .find(|url| !is_person_url(url))
    {
        return Err(invalid(format!(
            "an author's `url` is not an http, https or mailto URL: {url:?}"
        )));
    }
    if let Some(image) = &meta.image
        && !is_web_or_relative(&image.url)
    {
        return Err(invalid(format!(
            "`meta.image.url` is neither relative nor http or https: {:?}",
            image.url
        )));
    }
    if let Some(cite) = article
        .quotes()
        .filter_map(|quote| quote.attribution.cite.as_ref())
        .find(|cite| !is_web_or_relative(cite))
    {
        return Err(invalid(format!(
            "a quote's `cite` is neither relative nor http or https: {cite:?}"
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
            "{field} nests deeper than {} levels of quotes, lists or markup, or holds a table of more than {} cells",
            commonmark::NESTING_LIMIT,
            commonmark::TABLE_CELL_LIMIT
        )));
    }
    let meta = &mut article.meta;
    if meta.id.trim().is_empty() {
        meta.id = derived_id(meta);
    }
    let tree = serde_json::to_value(&article).unwrap_or_default();
    if let Some(found) = forbidden_in_json(&tree) {
        // Raw characters were refused before parsing, so this one came
        // from an escape, which is where the error points.
        let place = forbidden_escape(text).map_or((1, 1), |(offset, _)| line_column(text, offset));
        return Err(escaped_forbidden_error(file, place, found));
    }
    Ok(article)
}

/// The first piece of CommonMark in the model that nests too deeply.
fn too_deep_markdown(article: &Article) -> Option<&'static str> {
    let deep = |markdown: &str| {
        if commonmark::table_too_large(markdown).is_some() {
            return true;
        }
        let arena = comrak::Arena::new();
        commonmark::too_deep(commonmark::parse(&arena, markdown), &mut None).is_some()
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

/// serde_json appends " at line L column C", which the error already places.
fn strip_position(message: &str) -> &str {
    message
        .rfind(" at line ")
        .map_or(message, |index| &message[..index])
}
