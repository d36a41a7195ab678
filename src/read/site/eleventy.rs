//! Eleventy: `eleventy.config.js` (read, never run: only the input
//! directory is looked for in it), site data from `_data/metadata.json`,
//! `site.json` or a `.js` file that exports a plain object, and pages
//! written to `/<path>/` unless `permalink` says otherwise.

use super::config::{Config, authors_of};
use super::fields::FrontMatter;
use super::{PathInfo, Settings};
use crate::error::Result;
use std::path::{Path, PathBuf};

pub(super) fn settings(root: &Path, config_file: &Path) -> Result<Settings> {
    let script = std::fs::read_to_string(config_file).unwrap_or_default();
    let input = input_dir(&script).unwrap_or_else(|| ".".to_owned());
    let mut data = Config::empty();
    let mut data_name = "metadata";
    'found: for dir in [root.join(&input).join("_data"), root.join("_data")] {
        for name in ["metadata", "site"] {
            for extension in ["json", "js", "cjs", "mjs"] {
                let path = dir.join(format!("{name}.{extension}"));
                if path.is_file() {
                    data = Config::read(&path, false)?;
                    data_name = name;
                    break 'found;
                }
            }
        }
    }
    let text = |path: &[&str]| data.text(path);
    Ok(Settings {
        title: text(&["title"]),
        base_url: text(&["url"]).map(|base| super::hugo::with_slash(&base)),
        description: text(&["description"]),
        language: text(&["language"]).or_else(|| text(&["lang"])),
        authors: data.get(&["author"]).map(authors_of).unwrap_or_default(),
        content_dir: PathBuf::from(input),
        variables: super::jekyll::scalars(&data, data_name),
        excluded: ["_site", "_includes", "_data", "_layouts", "node_modules"]
            .map(str::to_owned)
            .to_vec(),
        ..Settings::default()
    })
}

/// The input directory a configuration script names (`input: "content"`),
/// found by reading the text.
fn input_dir(script: &str) -> Option<String> {
    let at = script.find("input")?;
    let rest = script[at + "input".len()..].trim_start();
    let rest = rest.strip_prefix(':')?.trim_start();
    let quote = rest
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\'' | '`'))?;
    let value = &rest[1..];
    let end = value.find(quote)?;
    let dir = value[..end].trim_start_matches("./").trim_end_matches('/');
    (!dir.is_empty() && !dir.contains("${")).then(|| dir.to_owned())
}

/// Eleventy writes no page for `permalink: false`, and leaves pages that
/// ask for it out of every collection.
pub(super) fn not_article(fm: &FrontMatter) -> Option<String> {
    if fm.flag("permalink") == Some(false) {
        return Some("not written: `permalink: false`".to_owned());
    }
    (fm.flag("eleventyExcludeFromCollections") == Some(true))
        .then(|| "excluded from collections: `eleventyExcludeFromCollections`".to_owned())
}

/// `permalink` when it is a plain path, else `/<path>/`, an `index` file
/// being its directory's page.
pub(super) fn permalink(info: &PathInfo, fm: &FrontMatter) -> String {
    if let Some(permalink) = fm.text("permalink").filter(|given| !given.contains("{{")) {
        let path = permalink.trim_end_matches("index.html");
        return format!("/{}", path.trim_start_matches('/'));
    }
    // A file named after its directory is that directory's page.
    let mut parts = info.dirs.clone();
    if parts.last() != Some(&info.name) {
        parts.push(info.name.clone());
    }
    format!("/{}/", parts.join("/"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_input_directory_is_read_from_the_script() {
        let script = "export default function (c) {\n  return { dir: { input: \"content\", output: \"_site\" } };\n}";
        assert_eq!(super::input_dir(script).as_deref(), Some("content"));
        assert_eq!(super::input_dir("module.exports = {};"), None);
    }
}
