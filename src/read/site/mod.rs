//! Static-site repositories as they are: a Hugo, Jekyll, Zola or Eleventy
//! site is found by its configuration file, and each content file is read
//! by its generator's rules (dates from file names, titles from the first
//! heading, permalinks, drafts, shortcodes) into the article format's
//! front matter and body, which the article reader then reads as usual.
//! A page the generator would not list in a feed (a section page, a page
//! without a date) is not an article, which is said, not an error.

mod config;
mod eleventy;
mod fields;
mod hugo;
mod jekyll;
mod page;
mod template_syntax;
mod templates;
mod zola;

pub use page::Page;

use crate::error::{Error, Result};
use crate::feed::Channel;
use crate::model::{Author, Date};
use crate::read::front_matter::{Entry, Value};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use config::Config;
use fields::{FrontMatter, date_in_name, entry, renamed, title_from_name, zoned};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The static-site generators whose sites newswire reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// Hugo: `hugo.toml` or `config.toml`, content under `content/`.
    Hugo,
    /// Jekyll: `_config.yml`, posts under `_posts/`.
    Jekyll,
    /// Zola: `config.toml` with `base_url`, content under `content/`.
    Zola,
    /// Eleventy: `eleventy.config.js`, data under `_data/`.
    Eleventy,
}

impl Generator {
    /// The generator's name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "Hugo",
            Generator::Jekyll => "Jekyll",
            Generator::Zola => "Zola",
            Generator::Eleventy => "Eleventy",
        }
    }
}

/// What a site's configuration says that newswire uses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Settings {
    pub title: Option<String>,
    /// The site's address with a trailing slash, Jekyll's `baseurl` included.
    pub base_url: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub authors: Vec<Author>,
    pub rights: Option<String>,
    pub icon: Option<String>,
    pub logo: Option<String>,
    pub hubs: Vec<String>,
    pub feed_limit: Option<usize>,
    pub summary_only: bool,
    pub timezone: Option<jiff::tz::TimeZone>,
    /// Permalink patterns by section or collection; `""` is the site's.
    pub permalinks: Vec<(String, String)>,
    pub excerpt_separator: Option<String>,
    /// Language codes of a multilingual site, the default first.
    pub languages: Vec<String>,
    /// Jekyll collections whose documents are written out.
    pub collections: Vec<String>,
    /// Whether the generator builds future-dated posts (Jekyll `future`).
    pub future: bool,
    /// Hugo's `uglyURLs`: `/posts/a.html` rather than `/posts/a/`.
    pub ugly_urls: bool,
    /// Jekyll's `baseurl`, for `{{ site.baseurl }}`.
    pub base_path: String,
    /// Where content lives, from the site's root.
    pub content_dir: PathBuf,
    /// Directories below the root that hold no content.
    pub excluded: Vec<String>,
    /// Site values templates may name, such as Jekyll's `site.repository`.
    pub variables: Vec<(String, String)>,
    /// Hugo's `[frontmatter]`: the keys that date a page, in order, with
    /// `:filename` for a date in the file name; empty for the defaults.
    pub date_keys: Vec<String>,
    pub lastmod_keys: Vec<String>,
    pub expiry_keys: Vec<String>,
}

/// A site found by its configuration file.
#[derive(Debug)]
pub struct Site {
    generator: Generator,
    root: PathBuf,
    config_file: PathBuf,
    settings: Settings,
    /// The content directory, its links resolved once, as pages' paths are.
    content: PathBuf,
    /// The URL of each page other pages link to, read once.
    linked: Mutex<HashMap<PathBuf, Option<String>>>,
}

/// How a site's pages are chosen, as the generators' own flags choose them.
#[derive(Debug, Clone, Copy)]
pub struct Rules {
    /// Keep drafts and Jekyll's `published: false` as drafts, rather than
    /// leaving them out.
    pub include_drafts: bool,
    /// Keep pages dated after `now`, and pages whose `expiryDate` is past.
    pub include_future: bool,
    /// What "future" and "expired" are measured against.
    pub now: DateTime<Utc>,
}

impl Site {
    /// The site `start` (a directory or a file) belongs to: the nearest
    /// directory at or above it with a generator's configuration file,
    /// searched no higher than the repository's root.
    pub fn detect(start: &Path) -> Result<Option<Site>> {
        let Ok(start) = start.canonicalize() else {
            return Ok(None);
        };
        let mut dir = if start.is_dir() {
            Some(start.as_path())
        } else {
            start.parent()
        };
        while let Some(here) = dir {
            if let Some(site) = Site::at(here)? {
                return Ok(Some(site));
            }
            if here.join(".git").exists() {
                break;
            }
            dir = here.parent();
        }
        Ok(None)
    }

    /// The site whose root is `dir`, as `--site DIR` names it.
    pub fn open(dir: &Path) -> Result<Site> {
        let root = dir
            .canonicalize()
            .map_err(|error| Error::read_input(&dir.display().to_string(), error))?;
        Site::at(&root)?.ok_or_else(|| {
            Error::invalid_options(format!(
                "{} has no site configuration: expected hugo.toml, config.toml, _config.yml, or eleventy.config.js",
                dir.display()
            ))
        })
    }

    /// The site whose configuration file is in `dir`, if one is.
    fn at(dir: &Path) -> Result<Option<Site>> {
        let Some((generator, config_file)) = find_config(dir)? else {
            return Ok(None);
        };
        let settings = match generator {
            Generator::Hugo => hugo::settings(&config_file)?,
            Generator::Jekyll => jekyll::settings(&Config::read(&config_file, false)?),
            Generator::Zola => zola::settings(&Config::read(&config_file, false)?),
            Generator::Eleventy => eleventy::settings(dir, &config_file)?,
        };
        let content = dir.join(&settings.content_dir);
        let content = content.canonicalize().unwrap_or(content);
        Ok(Some(Site {
            generator,
            root: dir.to_owned(),
            config_file,
            content,
            settings,
            linked: Mutex::new(HashMap::new()),
        }))
    }

    /// Which generator builds the site.
    pub fn generator(&self) -> Generator {
        self.generator
    }

    /// The directory holding the configuration file.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The configuration file that was read.
    pub fn config_file(&self) -> &Path {
        &self.config_file
    }

    /// Where the site's content is: `content/` for Hugo and Zola, the
    /// root for Jekyll, the input directory for Eleventy.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join(&self.settings.content_dir)
    }

    /// Puts `base_url` in place of the configuration's, as `--link` does.
    pub fn set_base_url(&mut self, base_url: &str) {
        self.settings.base_url = Some(hugo::with_slash(base_url));
    }

    /// The feed's channel as the configuration describes the site.
    pub fn channel(&self) -> Channel {
        let settings = &self.settings;
        Channel {
            title: settings.title.clone(),
            link: settings.base_url.clone(),
            description: settings.description.clone(),
            language: settings
                .language
                .as_deref()
                .map(|tag| tag.replace('_', "-"))
                .filter(|tag| crate::language::is_language_tag(tag)),
            authors: settings.authors.clone(),
            rights: settings.rights.clone(),
            icon: settings.icon.clone(),
            logo: settings.logo.clone(),
            hubs: settings.hubs.clone(),
            ..Channel::default()
        }
    }

    /// How many items the generator's own feed holds, when it says.
    pub fn feed_limit(&self) -> Option<usize> {
        self.settings.feed_limit
    }

    /// Whether the generator's own feed carries summaries only.
    pub fn summary_only(&self) -> bool {
        self.settings.summary_only
    }

    /// Whether `path`, below the site's root, is no content: output,
    /// themes, dependencies, the generator's own directories, what the
    /// configuration excludes.
    pub fn is_excluded(&self, path: &Path, is_dir: bool) -> bool {
        let Some(name) = path.file_name().and_then(|name| name.to_str()) else {
            return false;
        };
        if is_dir && (name.starts_with('.') || ["node_modules", "vendor"].contains(&name)) {
            return true;
        }
        // A name is matched as it is; only an excluded path (`docs/old`)
        // needs the path from the root, which costs a lookup.
        let mut relative = None;
        self.settings.excluded.iter().any(|excluded| {
            let excluded = excluded.trim_end_matches('/');
            if !excluded.contains('/') {
                return name == excluded;
            }
            relative
                .get_or_insert_with(|| {
                    self.relative_to_root(path)
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .as_str()
                == excluded
        }) || (self.generator == Generator::Jekyll
            && is_dir
            && name.starts_with('_')
            && !jekyll::is_content_dir(name, &self.settings))
    }

    /// The directory to read when the whole site is named: its content.
    pub fn content_root_for(&self, given: &Path) -> PathBuf {
        let canonical = given.canonicalize().unwrap_or_else(|_| given.to_owned());
        let content_dir = &self.settings.content_dir;
        if canonical == self.root && content_dir != Path::new(".") && self.content_dir().is_dir() {
            given.join(content_dir)
        } else {
            given.to_owned()
        }
    }

    fn relative_to_root(&self, path: &Path) -> PathBuf {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        canonical
            .strip_prefix(&self.root)
            .map(Path::to_owned)
            .unwrap_or(canonical)
    }

    /// One of the site's files as a page to be read by its rules.
    pub fn page(&self, path: &Path, rules: Rules) -> Page<'_> {
        let canonical = path.canonicalize().unwrap_or_else(|_| path.to_owned());
        let relative = canonical
            .strip_prefix(&self.content)
            .or_else(|_| canonical.strip_prefix(&self.root))
            .map(Path::to_owned)
            .unwrap_or_else(|_| PathBuf::from(path.file_name().unwrap_or_default()));
        Page::new(
            self,
            PathInfo::new(&relative, self.generator, &self.settings),
            rules,
        )
    }

    /// The URL of the page at `relative` (from the content directory),
    /// from its own front matter, for links other pages make to it; each
    /// page is read once however many link to it.
    fn url_of(&self, relative: &Path) -> Option<String> {
        let lock = || self.linked.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = lock().get(relative) {
            return known.clone();
        }
        let url = self.read_url_of(relative);
        lock().insert(relative.to_owned(), url.clone());
        url
    }

    fn read_url_of(&self, relative: &Path) -> Option<String> {
        let path = self.content_dir().join(relative);
        let bytes = std::fs::read(&path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let info = PathInfo::new(relative, self.generator, &self.settings);
        let file = path.display().to_string();
        let (tree, ..) = page::front(&text, &file, true).ok()?;
        let fm = FrontMatter::new(tree, self.generator == Generator::Hugo);
        if info.section_page {
            return self.absolute(&format!("/{}/", info.dirs.join("/")));
        }
        let date = self
            .published_entry(&mut fm.clone(), &info)
            .and_then(|entry| config::text_of(&entry.value).and_then(|text| Date::parse(&text)));
        let title = fm
            .text("title")
            .unwrap_or_else(|| title_from_name(&info.name));
        self.absolute(&self.permalink(&info, &fm, date.map(|date| date.instant()), &title))
    }

    fn permalink(
        &self,
        info: &PathInfo,
        fm: &FrontMatter,
        date: Option<DateTime<FixedOffset>>,
        title: &str,
    ) -> String {
        // An absolute `url`, as the article format writes one, is the page's.
        if let Some(url) = fm.text("url").filter(|url| crate::url::is_web_url(url)) {
            return url;
        }
        match self.generator {
            Generator::Hugo => hugo::permalink(info, fm, date, title, &self.settings),
            Generator::Jekyll => jekyll::permalink(info, fm, date, title, &self.settings),
            Generator::Zola => zola::permalink(info, fm),
            Generator::Eleventy => eleventy::permalink(info, fm),
        }
    }

    /// A site path made absolute against the base URL; an absolute URL
    /// is kept as it is.
    fn absolute(&self, path: &str) -> Option<String> {
        if crate::url::is_web_url(path) {
            return Some(path.to_owned());
        }
        let base = self.settings.base_url.as_deref()?;
        let base = ammonia::Url::parse(base).ok()?;
        base.join(path.trim_start_matches('/'))
            .ok()
            .map(String::from)
    }

    /// The entry that dates the page, as the generator prefers its keys.
    fn published_entry(&self, fm: &mut FrontMatter, info: &PathInfo) -> Option<Entry> {
        let defaults: &[&str] = match self.generator {
            Generator::Hugo => hugo::DATE_KEYS,
            // Jekyll's `published` is a flag, not a date.
            Generator::Jekyll => &["date"],
            // The article format's own key, for its articles kept in a site.
            Generator::Zola | Generator::Eleventy => &["date", "published"],
        };
        let configured = &self.settings.date_keys;
        let line = fm.line;
        let from_name = || {
            info.dated
                .as_ref()
                .map(|(day, _)| entry("published", Value::String(day.to_string()), line))
        };
        if !configured.is_empty() {
            // Hugo's `[frontmatter] date`: the first key with a value.
            let keys: Vec<&str> = configured.iter().map(String::as_str).collect();
            let found = keys.iter().find_map(|key| match *key {
                ":filename" => from_name(),
                key => fm.get(key).is_some().then(|| fm.take(&[key])).flatten(),
            });
            fm.take_all(&keys);
            fm.take_all(defaults);
            return found
                .map(|found| zoned(renamed(found, "published"), self.settings.timezone.as_ref()));
        }
        let found = fm.take(defaults).filter(|entry| {
            // Eleventy's special values name the file's times, which
            // a clone of the repository does not keep.
            config::text_of(&entry.value).is_some_and(|text| {
                !matches!(
                    text.as_str(),
                    "Created" | "Last Modified" | "git Created" | "git Last Modified"
                )
            })
        });
        found
            .or_else(from_name)
            .map(|found| zoned(renamed(found, "published"), self.settings.timezone.as_ref()))
    }
}

/// Where a page is in the site, and what its path says about it.
#[derive(Debug, Clone)]
pub(crate) struct PathInfo {
    /// From the content directory.
    pub relative: PathBuf,
    /// The directories above the page; a bundle's own directory is not one.
    pub dirs: Vec<String>,
    /// The file name without its extension (or language suffix).
    pub stem: String,
    /// The page's name: the file's stem, or a bundle's directory name.
    pub name: String,
    /// A section's or list's own page: `_index.md`.
    pub section_page: bool,
    /// The date the name starts with, and the name after it.
    pub dated: Option<(NaiveDate, String)>,
    /// The language a `name.fr.md` file is in.
    pub language: Option<String>,
}

impl PathInfo {
    fn new(relative: &Path, generator: Generator, settings: &Settings) -> PathInfo {
        let mut dirs: Vec<String> = relative
            .parent()
            .map(|parent| {
                parent
                    .components()
                    .map(|part| part.as_os_str().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let file_stem = relative
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (mut stem, language) = match file_stem.rsplit_once('.') {
            Some((stem, code)) if settings.languages.iter().any(|known| known == code) => {
                (stem.to_owned(), Some(code.to_owned()))
            }
            _ => (file_stem.clone(), None),
        };
        if stem.is_empty() {
            stem = file_stem;
        }
        let section_page = stem == "_index";
        let bundle = stem == "index" && !dirs.is_empty();
        let name = if bundle {
            dirs.pop().unwrap_or_default()
        } else {
            stem.clone()
        };
        let underscore = generator == Generator::Zola;
        let dated = date_in_name(&name, underscore).map(|(day, rest)| (day, rest.to_owned()));
        PathInfo {
            relative: relative.to_owned(),
            dirs,
            stem,
            name,
            section_page,
            dated,
            language,
        }
    }

    /// The page's name without the date it starts with.
    pub fn undated_name(&self) -> &str {
        self.dated
            .as_ref()
            .map_or(self.name.as_str(), |(_, rest)| rest.as_str())
    }
}

/// Finds the configuration file in `dir` and the generator it belongs to.
fn find_config(dir: &Path) -> Result<Option<(Generator, PathBuf)>> {
    let file = |name: &str| Some(dir.join(name)).filter(|path| path.is_file());
    for name in ["hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"] {
        if let Some(path) = file(name) {
            return Ok(Some((Generator::Hugo, path)));
        }
    }
    for name in ["_config.yml", "_config.yaml"] {
        if let Some(path) = file(name) {
            return Ok(Some((Generator::Jekyll, path)));
        }
    }
    // `config.toml` is a common name: it is a Zola site's when it sets
    // `base_url`, a Hugo site's when `content/` is beside it.
    if let Some(path) = file("config.toml") {
        let config = Config::read(&path, false)?;
        if config.get(&["base_url"]).is_some() {
            return Ok(Some((Generator::Zola, path)));
        }
        if dir.join("content").is_dir() {
            return Ok(Some((Generator::Hugo, path)));
        }
    }
    for name in ["config.yaml", "config.yml", "config.json"] {
        if let Some(path) = file(name)
            && dir.join("content").is_dir()
        {
            return Ok(Some((Generator::Hugo, path)));
        }
    }
    let defaults = dir.join("config").join("_default");
    for name in [
        "hugo.toml",
        "config.toml",
        "hugo.yaml",
        "config.yaml",
        "hugo.json",
        "config.json",
    ] {
        if defaults.join(name).is_file() {
            return Ok(Some((Generator::Hugo, defaults.join(name))));
        }
    }
    for name in [
        "eleventy.config.js",
        "eleventy.config.mjs",
        "eleventy.config.cjs",
        ".eleventy.js",
    ] {
        if let Some(path) = file(name) {
            return Ok(Some((Generator::Eleventy, path)));
        }
    }
    Ok(None)
}
