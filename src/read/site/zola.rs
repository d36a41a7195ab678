//! Zola: `config.toml` with `base_url`, content under `content/`, pages
//! and `_index.md` sections, dates in file names with `-` or `_`, `path`
//! and `slug` in front matter.

use super::config::Config;
use super::fields::{FrontMatter, slug};
use super::{PathInfo, Settings};
use std::path::PathBuf;

pub(super) fn settings(config: &Config) -> Settings {
    let text = |path: &[&str]| config.text(path);
    let authors = config
        .get(&["author"])
        .or_else(|| config.get(&["extra", "author"]))
        .map(super::config::authors_of)
        .unwrap_or_default();
    let default_language = text(&["default_language"]);
    let mut languages: Vec<String> = config
        .entries(&["languages"])
        .iter()
        .map(|entry| entry.key.clone())
        .collect();
    if let Some(default) = &default_language {
        languages.insert(0, default.clone());
    }
    Settings {
        title: text(&["title"]),
        base_url: text(&["base_url"]).map(|base| super::hugo::with_slash(&base)),
        description: text(&["description"]),
        language: default_language,
        authors,
        feed_limit: config.count(&["feed_limit"]),
        languages,
        content_dir: PathBuf::from("content"),
        excluded: ["public", "static", "templates", "themes", "sass"]
            .map(str::to_owned)
            .to_vec(),
        ..Settings::default()
    }
}

/// Zola renders no page for `render = false`.
pub(super) fn not_article(fm: &FrontMatter) -> Option<String> {
    (fm.flag("render") == Some(false)).then(|| "not rendered: `render = false`".to_owned())
}

/// `path`, else the section path and the slug: the `slug` key, else the
/// file or bundle name without its date, made a slug.
pub(super) fn permalink(info: &PathInfo, fm: &FrontMatter) -> String {
    let prefix = match &info.language {
        Some(code) => format!("/{code}"),
        None => String::new(),
    };
    if let Some(path) = fm.text("path") {
        return format!("{prefix}/{}/", path.trim_matches('/'));
    }
    let last = fm
        .text("slug")
        .map(|given| slug(&given))
        .unwrap_or_else(|| slug(info.undated_name()));
    let mut parts = info.dirs.clone();
    parts.push(last);
    format!("{prefix}/{}/", parts.join("/"))
}
