//! Hugo: `hugo.toml` (or `config.*`, or `config/_default/`), content under
//! `contentDir`, regular pages in sections, bundles, `_index.md` list
//! pages, `[permalinks]` patterns, and keys read without regard to case.

use super::config::{Config, authors_of};
use super::fields::{FrontMatter, slug};
use super::{PathInfo, Settings};
use crate::error::Result;
use crate::read::front_matter::Value;
use chrono::{DateTime, Datelike, FixedOffset};
use std::path::{Path, PathBuf};

/// The keys Hugo dates a page by when `[frontmatter]` does not say.
pub(super) const DATE_KEYS: &[&str] = &["date", "publishDate", "pubdate", "published"];

/// The keys `[frontmatter]` gives for `field`, `:default` spelled out;
/// `:filename` stays, the others (`:git`, `:fileModTime`) name what a
/// clone does not keep.
fn frontmatter_keys(config: &Config, field: &str, defaults: &[&str]) -> Vec<String> {
    let Some(Value::List(items)) = config.get(&["frontmatter", field]).map(|node| &node.value)
    else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(super::config::text_of)
        .flat_map(|key| match key.to_ascii_lowercase().as_str() {
            ":default" => defaults.iter().map(|key| (*key).to_owned()).collect(),
            ":filename" => vec![":filename".to_owned()],
            other if other.starts_with(':') => Vec::new(),
            _ => vec![key],
        })
        .collect()
}

pub(super) fn settings(config_file: &Path) -> Result<Settings> {
    let mut config = Config::read(config_file, true)?;
    // `config/_default/` splits the configuration into one file per table.
    if let Some(dir) = config_file
        .parent()
        .filter(|dir| dir.ends_with("config/_default"))
    {
        for table in [
            "params",
            "languages",
            "permalinks",
            "services",
            "outputs",
            "menus",
        ] {
            for extension in ["toml", "yaml", "yml", "json"] {
                let path = dir.join(format!("{table}.{extension}"));
                if path.is_file() {
                    config.graft(table, Config::read(&path, true)?);
                }
            }
        }
    }
    let text = |path: &[&str]| config.text(path);
    let mut languages: Vec<String> = config
        .entries(&["languages"])
        .iter()
        .map(|entry| entry.key.clone())
        .collect();
    let default_language = text(&["defaultContentLanguage"]);
    if let Some(default) = &default_language {
        languages.retain(|code| code != default);
        languages.insert(0, default.clone());
    }
    let authors = config
        .get(&["params", "author"])
        .or_else(|| config.get(&["author"]))
        .or_else(|| config.get(&["params", "authors"]))
        .map(authors_of)
        .unwrap_or_default();
    let limit = config
        .get(&["services", "rss", "limit"])
        .or_else(|| config.get(&["rssLimit"]))
        .and_then(|node| match &node.value {
            Value::Integer(count, _) => usize::try_from(*count).ok(),
            _ => None,
        })
        .filter(|&limit| limit > 0);
    let permalinks = config
        .entries(&["permalinks"])
        .iter()
        .flat_map(|entry| match &entry.value.value {
            // Newer Hugo nests patterns by kind: `[permalinks.page]`.
            Value::Map(inner) if entry.key == "page" => inner
                .iter()
                .filter_map(|inner| {
                    super::config::text_of(&inner.value).map(|pattern| (inner.key.clone(), pattern))
                })
                .collect::<Vec<_>>(),
            _ => super::config::text_of(&entry.value)
                .map(|pattern| vec![(entry.key.clone(), pattern)])
                .unwrap_or_default(),
        })
        .collect();
    Ok(Settings {
        title: text(&["title"]),
        base_url: text(&["baseURL"]).map(|base| with_slash(&base)),
        description: text(&["params", "description"]).or_else(|| text(&["description"])),
        language: text(&["languageCode"]).or(default_language),
        authors,
        rights: text(&["copyright"]),
        icon: None,
        logo: None,
        hubs: Vec::new(),
        feed_limit: limit,
        summary_only: false,
        timezone: text(&["timeZone"]).and_then(|zone| jiff::tz::TimeZone::get(&zone).ok()),
        permalinks,
        excerpt_separator: None,
        languages,
        collections: Vec::new(),
        future: config.flag(&["buildFuture"]).unwrap_or(false),
        ugly_urls: config.flag(&["uglyURLs"]).unwrap_or(false),
        base_path: String::new(),
        content_dir: PathBuf::from(
            mounted_content(&config)
                .or_else(|| text(&["contentDir"]))
                .unwrap_or_else(|| "content".into()),
        ),
        excluded: [
            "public",
            "resources",
            "themes",
            "assets",
            "static",
            "layouts",
            "data",
            "archetypes",
            "i18n",
        ]
        .map(str::to_owned)
        .to_vec(),
        variables: Vec::new(),
        date_keys: frontmatter_keys(&config, "date", DATE_KEYS),
        lastmod_keys: frontmatter_keys(&config, "lastmod", &["lastmod", "modified"]),
        expiry_keys: frontmatter_keys(&config, "expiryDate", &["expiryDate", "unpublishdate"]),
    })
}

/// The directory a module mount puts in place of `content`, as Hugo's own
/// documentation mounts `content/en`.
fn mounted_content(config: &Config) -> Option<String> {
    let Value::List(mounts) = &config.get(&["module", "mounts"])?.value else {
        return None;
    };
    mounts.iter().find_map(|mount| {
        let Value::Map(fields) = &mount.value else {
            return None;
        };
        let field = |key: &str| {
            fields
                .iter()
                .find(|field| field.key.eq_ignore_ascii_case(key))
                .and_then(|field| super::config::text_of(&field.value))
        };
        (field("target").as_deref() == Some("content"))
            .then(|| field("source"))
            .flatten()
    })
}

/// A base URL ends with a slash, so that paths join below it.
pub(super) fn with_slash(base: &str) -> String {
    let mut base = base.trim().to_owned();
    if !base.ends_with('/') {
        base.push('/');
    }
    base
}

/// Hugo renders no page for a headless bundle or `build.render: never`.
pub(super) fn not_article(fm: &FrontMatter) -> Option<String> {
    if fm.flag("headless") == Some(true) {
        return Some("a headless bundle: Hugo renders no page for it".to_owned());
    }
    for key in ["build", "_build", "cascade"] {
        if let Some(node) = fm.get(key)
            && let Value::Map(entries) = &node.value
            && entries.iter().any(|entry| {
                entry.key.eq_ignore_ascii_case("render")
                    && (super::config::flag_of(&entry.value) == Some(false)
                        || super::config::text_of(&entry.value).as_deref() == Some("never"))
            })
        {
            return Some(format!("not rendered: `{key}.render` is off"));
        }
    }
    None
}

/// The page's path as Hugo builds it: `url`, else the section's
/// `[permalinks]` pattern, else the section path and the slug or name.
pub(super) fn permalink(
    info: &PathInfo,
    fm: &FrontMatter,
    date: Option<DateTime<FixedOffset>>,
    title: &str,
    settings: &Settings,
) -> String {
    if let Some(url) = fm.text("url") {
        return url;
    }
    let section = info.dirs.first().map(String::as_str).unwrap_or_default();
    let slug_given = fm.text("slug");
    let name = info.name.replace(' ', "-");
    let path = match settings
        .permalinks
        .iter()
        .find(|(key, _)| key == section || (section.is_empty() && key == "/"))
    {
        Some((_, pattern)) => expand(pattern, |token| {
            Some(match token {
                "year" => format!("{:04}", date?.year()),
                "month" => format!("{:02}", date?.month()),
                "monthname" => date?.format("%B").to_string().to_lowercase(),
                "day" => format!("{:02}", date?.day()),
                "weekday" => date?.weekday().num_days_from_sunday().to_string(),
                "weekdayname" => date?.format("%A").to_string().to_lowercase(),
                "yearday" => date?.ordinal().to_string(),
                "section" => section.to_owned(),
                "sections" => info.dirs.join("/"),
                "title" => slug(title),
                "slug" => slug_given.clone().unwrap_or_else(|| slug(title)),
                "filename" | "contentbasename" => name.clone(),
                "slugorfilename" | "slugorcontentbasename" => {
                    slug_given.clone().unwrap_or_else(|| name.clone())
                }
                _ => return None,
            })
        }),
        None => {
            let last = slug_given.unwrap_or(name);
            let mut parts = info.dirs.clone();
            parts.push(last);
            if settings.ugly_urls {
                format!("/{}.html", parts.join("/"))
            } else {
                format!("/{}/", parts.join("/"))
            }
        }
    };
    let path = path.to_lowercase();
    match &info.language {
        Some(code) if settings.languages.first() != Some(code) => format!("/{code}{path}"),
        _ => path,
    }
}

/// A permalink pattern with each `:token` replaced; an unknown token is
/// kept as written.
pub(super) fn expand(pattern: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(at) = rest.find(':') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let length = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let token = &after[..length];
        match value(token) {
            Some(replacement) if !token.is_empty() => out.push_str(&replacement),
            _ => {
                out.push(':');
                out.push_str(token);
            }
        }
        rest = &after[length..];
    }
    out.push_str(rest);
    let mut path = out.replace("//", "/");
    while path.contains("//") {
        path = path.replace("//", "/");
    }
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    path
}
