//! Jekyll: `_config.yml`, posts under `_posts/` (and `CATEGORY/_posts/`),
//! drafts under `_drafts/`, collections with `output: true`, permalink
//! styles and placeholders, `published: false`, `excerpt_separator`.

use super::config::{Config, authors_of};
use super::fields::{FrontMatter, slug};
use super::hugo::expand;
use super::{PathInfo, Settings};
use crate::read::front_matter::Value;
use chrono::{DateTime, Datelike, FixedOffset, Timelike};
use std::path::PathBuf;

pub(super) fn settings(config: &Config) -> Settings {
    let text = |path: &[&str]| config.text(path);
    let base_path = text(&["baseurl"])
        .map(|path| format!("/{}", path.trim_matches('/')))
        .filter(|path| path != "/")
        .unwrap_or_default();
    let base_url = text(&["url"])
        .map(|url| super::hugo::with_slash(&format!("{}{base_path}", url.trim_end_matches('/'))));
    let mut collections = Vec::new();
    let mut permalinks = Vec::new();
    if let Some(pattern) = text(&["permalink"]) {
        permalinks.push((String::new(), pattern));
    }
    match config.get(&["collections"]).map(|node| &node.value) {
        Some(Value::Map(entries)) => {
            for entry in entries {
                let output = match &entry.value.value {
                    Value::Map(fields) => fields.iter().any(|field| {
                        field.key == "output" && field.value.value == Value::Bool(true)
                    }),
                    _ => false,
                };
                if output {
                    collections.push(entry.key.clone());
                }
                if let Some(pattern) = config.text(&["collections", &entry.key, "permalink"]) {
                    permalinks.push((entry.key.clone(), pattern));
                }
            }
        }
        Some(Value::List(items)) => {
            collections.extend(items.iter().filter_map(super::config::text_of));
        }
        _ => {}
    }
    let mut excluded: Vec<String> = match config.get(&["exclude"]).map(|node| &node.value) {
        Some(Value::List(items)) => items.iter().filter_map(super::config::text_of).collect(),
        _ => Vec::new(),
    };
    excluded.extend(["_site", "vendor", "node_modules", "gemfiles"].map(str::to_owned));
    Settings {
        // jekyll-feed titles the feed with `title`, else `name`.
        title: text(&["title"]).or_else(|| text(&["name"])),
        base_url,
        description: text(&["description"]),
        language: text(&["lang"]).or_else(|| text(&["locale"])),
        authors: config.get(&["author"]).map(authors_of).unwrap_or_default(),
        rights: text(&["copyright"]),
        icon: text(&["feed", "icon"]),
        logo: text(&["feed", "logo"]),
        hubs: Vec::new(),
        feed_limit: config.count(&["feed", "posts_limit"]),
        summary_only: config.flag(&["feed", "excerpt_only"]).unwrap_or(false),
        timezone: text(&["timezone"]).and_then(|zone| jiff::tz::TimeZone::get(&zone).ok()),
        permalinks,
        excerpt_separator: text(&["excerpt_separator"]),
        languages: Vec::new(),
        collections,
        future: config.flag(&["future"]).unwrap_or(false),
        ugly_urls: false,
        base_path,
        content_dir: PathBuf::from(text(&["source"]).unwrap_or_else(|| ".".into())),
        excluded,
        variables: scalars(config, "site"),
        ..Settings::default()
    }
}

/// The configuration's top-level text values, as templates name them
/// (`site.repository`).
pub(super) fn scalars(config: &Config, prefix: &str) -> Vec<(String, String)> {
    config
        .entries(&[])
        .iter()
        .filter_map(|entry| {
            super::config::text_of(&entry.value)
                .map(|value| (format!("{prefix}.{}", entry.key), value))
        })
        .collect()
}

/// Whether a directory whose name starts with `_` holds documents.
pub(super) fn is_content_dir(name: &str, settings: &Settings) -> bool {
    name == "_posts"
        || name == "_drafts"
        || name
            .strip_prefix('_')
            .is_some_and(|collection| settings.collections.iter().any(|known| known == collection))
}

/// Posts, drafts and written collections' documents are articles; other
/// pages are not, since Jekyll's feed lists posts.
pub(super) fn not_article(info: &PathInfo, settings: &Settings) -> Option<String> {
    let in_posts = info
        .dirs
        .iter()
        .any(|dir| dir == "_posts" || dir == "_drafts");
    let in_collection = collection(info, settings).is_some();
    (!in_posts && !in_collection)
        .then(|| "a page, not a post: Jekyll's feeds list the posts under _posts/".to_owned())
}

fn collection<'s>(info: &PathInfo, settings: &'s Settings) -> Option<&'s String> {
    let first = info.dirs.first()?.strip_prefix('_')?;
    settings.collections.iter().find(|known| *known == first)
}

/// The permalink as Jekyll builds it from the page's `permalink`, its
/// collection's, the site's style, or the `date` style.
pub(super) fn permalink(
    info: &PathInfo,
    fm: &FrontMatter,
    date: Option<DateTime<FixedOffset>>,
    _title: &str,
    settings: &Settings,
) -> String {
    let collection = collection(info, settings);
    let configured = |key: &str| {
        settings
            .permalinks
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, pattern)| pattern.clone())
    };
    let pattern = fm
        .text("permalink")
        .or_else(|| configured(collection.map_or("posts", String::as_str)))
        .or_else(|| configured(""))
        .unwrap_or_else(|| {
            if collection.is_some() {
                "/:collection/:path:output_ext".to_owned()
            } else {
                "date".to_owned()
            }
        });
    let pattern = match pattern.as_str() {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    };
    // Categories: the directories above `_posts`, then the front matter's.
    let mut categories: Vec<String> = info
        .dirs
        .iter()
        .take_while(|dir| *dir != "_posts" && *dir != "_drafts")
        .cloned()
        .collect();
    for key in ["categories", "category"] {
        match fm.get(key).map(|node| &node.value) {
            Some(Value::List(items)) => {
                categories.extend(items.iter().filter_map(super::config::text_of));
            }
            Some(Value::String(text)) if key == "category" => categories.push(text.clone()),
            Some(Value::String(text)) => {
                categories.extend(text.split_whitespace().map(str::to_owned));
            }
            _ => {}
        }
    }
    let categories: Vec<String> = categories
        .iter()
        .map(|category| category.to_lowercase().replace(' ', "-"))
        .fold(Vec::new(), |mut kept, category| {
            if !kept.contains(&category) {
                kept.push(category);
            }
            kept
        });
    let title = fm
        .text("slug")
        .unwrap_or_else(|| info.undated_name().to_owned());
    let within_collection: String = info
        .relative
        .with_extension("")
        .components()
        .skip(1)
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/");
    expand(pattern, |token| {
        Some(match token {
            "year" => format!("{:04}", date?.year()),
            "short_year" => format!("{:02}", date?.year() % 100),
            "month" => format!("{:02}", date?.month()),
            "i_month" => date?.month().to_string(),
            "short_month" => date?.format("%b").to_string(),
            "long_month" => date?.format("%B").to_string(),
            "day" => format!("{:02}", date?.day()),
            "i_day" => date?.day().to_string(),
            "y_day" => format!("{:03}", date?.ordinal()),
            "week" => format!("{:02}", date?.iso_week().week()),
            "short_day" => date?.format("%a").to_string(),
            "long_day" => date?.format("%A").to_string(),
            "hour" => format!("{:02}", date?.hour()),
            "minute" => format!("{:02}", date?.minute()),
            "second" => format!("{:02}", date?.second()),
            "title" => title.clone(),
            "slug" => slug(&title),
            "name" => info.stem.clone(),
            "categories" => categories.join("/"),
            "collection" => collection.cloned().unwrap_or_default(),
            "path" => within_collection.clone(),
            "output_ext" => ".html".to_owned(),
            _ => return None,
        })
    })
}
