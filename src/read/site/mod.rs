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
mod templates;
mod zola;

use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::feed::Channel;
use crate::model::{Author, Date};
use crate::read::front_matter::{self, Entry, Node, Value};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use chrono_tz::Tz;
use config::Config;
use fields::{FrontMatter, date_in_name, entry, renamed, title_from_name, zoned};
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
    pub timezone: Option<Tz>,
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
}

/// A site found by its configuration file.
#[derive(Debug, Clone)]
pub struct Site {
    generator: Generator,
    root: PathBuf,
    config_file: PathBuf,
    settings: Settings,
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
        Ok(Some(Site {
            generator,
            root: dir.to_owned(),
            config_file,
            settings,
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
        let mut base = base_url.trim().to_owned();
        if !base.ends_with('/') {
            base.push('/');
        }
        self.settings.base_url = Some(base);
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

    /// Whether `dir`, below the site's root, holds no content: output,
    /// themes, dependencies, the generator's own directories.
    pub fn is_excluded_dir(&self, dir: &Path) -> bool {
        let Some(name) = dir.file_name().and_then(|name| name.to_str()) else {
            return false;
        };
        if name.starts_with('.') || ["node_modules", "vendor"].contains(&name) {
            return true;
        }
        let relative = self.relative_to_root(dir);
        let relative = relative.to_string_lossy().replace('\\', "/");
        self.settings.excluded.iter().any(|excluded| {
            relative == excluded.trim_end_matches('/')
                || (!excluded.contains('/') && name == excluded.trim_end_matches('/'))
        }) || (self.generator == Generator::Jekyll
            && name.starts_with('_')
            && !jekyll::is_content_dir(name, &self.settings))
    }

    /// The directory to read when the whole site is named: its content.
    pub fn content_root_for(&self, given: &Path) -> PathBuf {
        let canonical = given.canonicalize().unwrap_or_else(|_| given.to_owned());
        if canonical == self.root && self.content_dir().is_dir() {
            given.join(&self.settings.content_dir)
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
        let content = self.content_dir();
        let content = content.canonicalize().unwrap_or(content);
        let relative = canonical
            .strip_prefix(&content)
            .or_else(|_| canonical.strip_prefix(&self.root))
            .map(Path::to_owned)
            .unwrap_or_else(|_| PathBuf::from(path.file_name().unwrap_or_default()));
        Page {
            site: self,
            info: PathInfo::new(&relative, self.generator, &self.settings),
            rules,
            warnings: Mutex::new(Vec::new()),
        }
    }

    /// The URL of the page at `relative` (from the content directory),
    /// from its own front matter, for links other pages make to it.
    fn url_of(&self, relative: &Path) -> Option<String> {
        let path = self.content_dir().join(relative);
        let bytes = std::fs::read(&path).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let info = PathInfo::new(relative, self.generator, &self.settings);
        let file = path.display().to_string();
        let (tree, ..) = front(&text, &file, true).ok()?;
        let fm = FrontMatter::new(tree, self.generator == Generator::Hugo);
        if info.section_page {
            return self.absolute(&format!("/{}/", info.dirs.join("/")));
        }
        let date = self.published_entry(&mut fm.clone(), &info).and_then(|entry| {
            config::text_of(&entry.value).and_then(|text| Date::parse(&text))
        });
        let title = fm.text("title").unwrap_or_else(|| title_from_name(&info.name));
        self.absolute(&self.permalink(&info, &fm, date.map(|date| date.instant()), &title))
    }

    fn permalink(
        &self,
        info: &PathInfo,
        fm: &FrontMatter,
        date: Option<DateTime<FixedOffset>>,
        title: &str,
    ) -> String {
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
        let keys: &[&str] = match self.generator {
            Generator::Hugo => &["date", "publishDate", "pubdate", "published"],
            Generator::Jekyll | Generator::Zola => &["date"],
            Generator::Eleventy => &["date", "published"],
        };
        let found = fm.take(keys).filter(|entry| {
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
            .or_else(|| {
                info.dated.as_ref().map(|(day, _)| {
                    entry("published", Value::String(day.to_string()), fm.line)
                })
            })
            .map(|found| zoned(renamed(found, "published"), self.settings.timezone))
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

/// A file of a site, read by the site's rules.
#[derive(Debug)]
pub struct Page<'s> {
    site: &'s Site,
    info: PathInfo,
    rules: Rules,
    warnings: Mutex<Vec<Diagnostic>>,
}

/// What the site reader made of a page: the article format's front matter
/// and the body to read with it.
#[derive(Debug)]
pub(crate) struct Prepared {
    pub tree: Node,
    pub body: String,
    pub body_line: usize,
}

impl Page<'_> {
    /// What reading the page found that is probably not meant, each at its
    /// place: template syntax left out, a title made from the file name,
    /// a key given twice.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *self.warnings.lock().unwrap_or_else(|e| e.into_inner()))
    }

    fn warn(&self, file: &str, line: usize, column: usize, message: impl Into<String>) {
        self.warnings
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(Diagnostic {
                file: file.to_owned(),
                line,
                column,
                message: message.into(),
            });
    }

    /// The page as the article format: its front matter put in the
    /// format's keys, its body with templates expanded. A page that is not
    /// an article is an error of its own kind.
    pub(crate) fn prepare(&self, text: &str, file: &str) -> Result<Prepared> {
        let site = self.site;
        let generator = site.generator;
        let info = &self.info;
        let not_article = |reason: &str| {
            Err(Error::from(ErrorKind::NotArticle(Diagnostic {
                file: file.to_owned(),
                line: 1,
                column: 1,
                message: reason.to_owned(),
            })))
        };
        if info.section_page {
            return not_article("a section's list page: `_index.md` lists other pages");
        }
        if first_delimiter(text).is_none() {
            return match generator {
                Generator::Jekyll => {
                    not_article("no front matter: Jekyll copies such a file as it is")
                }
                _ if info.dated.is_none() => not_article("no front matter: and no date in the file name"),
                _ => self.prepare_parts(Node::empty_map(), text, 1, file),
            };
        }
        let (tree, body_start, body_line, repeated) =
            front(text, file, generator == Generator::Jekyll)?;
        for key in repeated {
            self.warn(
                file,
                key.line,
                key.column,
                format!(
                    "`{}` is given again below; as Jekyll does, the last one is used",
                    key.key
                ),
            );
        }
        self.prepare_parts(tree, &text[body_start..], body_line, file)
    }

    fn prepare_parts(&self, tree: Node, body: &str, body_line: usize, file: &str) -> Result<Prepared> {
        let site = self.site;
        let generator = site.generator;
        let info = &self.info;
        let not_article = |reason: String| {
            Err(Error::from(ErrorKind::NotArticle(Diagnostic {
                file: file.to_owned(),
                line: 1,
                column: 1,
                message: reason,
            })))
        };
        let mut fm = FrontMatter::new(tree, generator == Generator::Hugo);
        if let Some(reason) = match generator {
            Generator::Hugo => hugo::not_article(&fm),
            Generator::Jekyll => jekyll::not_article(info, &fm, &site.settings),
            Generator::Zola => zola::not_article(&fm),
            Generator::Eleventy => eleventy::not_article(&fm),
        } {
            return not_article(reason);
        }
        if let Some(key) = ["redirect_to", "redirect", "redirectURL", "external_url"]
            .into_iter()
            .find(|key| fm.get(key).is_some())
        {
            return not_article(format!("a redirect: `{key}`"));
        }
        let Some(published) = site.published_entry(&mut fm, info) else {
            return not_article(format!(
                "no date: neither a `date` key nor a YYYY-MM-DD-{} file name",
                info.undated_name()
            ));
        };
        let published_date = config::text_of(&published.value).and_then(|text| Date::parse(&text));
        // Drafts: Hugo and Zola `draft`, Jekyll `published: false`.
        let unpublished = generator == Generator::Jekyll
            && fm.get("published").is_some_and(|node| node.value == Value::Bool(false));
        fm.take_all(&["published"]);
        let draft = fm.take(&["draft"]);
        let is_draft = unpublished
            || draft.as_ref().is_some_and(|entry| config::flag_of(&entry.value) == Some(true))
            || info.dirs.first().is_some_and(|dir| dir == "_drafts");
        if is_draft && !self.rules.include_drafts {
            return not_article("a draft: --include-drafts takes it".to_owned());
        }
        if !self.rules.include_future && !site.settings.future {
            if let Some(date) = &published_date
                && date.utc() > self.rules.now
            {
                return not_article(format!(
                    "in the future: dated {}; --include-future takes it",
                    date.to_rfc3339()
                ));
            }
            let expiry = fm.take(&["expiryDate", "unpublishdate", "expires"]);
            if let Some(expired) = expiry
                .and_then(|entry| config::text_of(&entry.value))
                .and_then(|text| Date::parse(&text))
                .filter(|date| date.utc() <= self.rules.now)
            {
                return not_article(format!(
                    "expired: on {}; --include-future takes it",
                    expired.to_rfc3339()
                ));
            }
        }
        let mut canonical: Vec<Entry> = vec![published];
        if is_draft {
            canonical.push(entry("draft", Value::Bool(true), fm.line));
        }
        // The title: its key, else the first heading, else the file name.
        let mut body = body.to_owned();
        let title = match fm.take(&["title"]) {
            Some(title) if config::text_of(&title.value).is_some() => title,
            _ => match heading_title(&body) {
                Some((title, line_range)) => {
                    body.replace_range(line_range, "");
                    entry("title", Value::String(title), body_line)
                }
                None => {
                    let title = title_from_name(info.undated_name());
                    self.warn(
                        file,
                        fm.line,
                        1,
                        format!("no title: `{title}` is made from the file name; give `title`"),
                    );
                    entry("title", Value::String(title), fm.line)
                }
            },
        };
        let title_text = config::text_of(&title.value).unwrap_or_default();
        let url = site.absolute(&site.permalink(
            info,
            &fm,
            published_date.map(|date| date.instant()),
            &title_text,
        ));
        fm.take_all(&["url", "permalink"]);
        canonical.push(title);
        if let Some(url) = url {
            canonical.push(entry("url", Value::String(url), fm.line));
        }
        if let Some(updated) = fm.take(&["lastmod", "updated", "modified", "last_modified_at"]) {
            canonical.push(zoned(renamed(updated, "updated"), site.settings.timezone));
        }
        let tag_keys: &[&str] = match generator {
            Generator::Jekyll | Generator::Eleventy => &["categories", "category", "tags", "tag"],
            _ => &["categories", "tags"],
        };
        let mut tags = fm.take_tags(tag_keys, generator == Generator::Jekyll);
        if let Some(Value::Map(taxonomies)) = fm.get("taxonomies").map(|node| node.value.clone()) {
            for taxonomy in taxonomies {
                if let Value::List(items) = &taxonomy.value.value {
                    for item in items.iter().filter_map(config::text_of) {
                        if !tags.contains(&item) {
                            tags.push(item);
                        }
                    }
                }
            }
        }
        if !tags.is_empty() {
            canonical.push(entry(
                "tags",
                Value::List(
                    tags.into_iter()
                        .map(|tag| Node {
                            value: Value::String(tag),
                            line: fm.line,
                            column: 1,
                        })
                        .collect(),
                ),
                fm.line,
            ));
        }
        let mut authors = fm.take_authors(&["authors", "author"]);
        if authors.is_empty() {
            authors = site.settings.authors.clone();
        }
        if !authors.is_empty() {
            canonical.push(entry("authors", fields::authors_value(&authors), fm.line));
        }
        let language = fm
            .take(&["language", "lang", "locale"])
            .and_then(|entry| config::text_of(&entry.value))
            .or_else(|| info.language.clone())
            .map(|tag| tag.replace('_', "-"));
        if let Some(language) = language {
            if crate::language::is_language_tag(&language) {
                canonical.push(entry("language", Value::String(language), fm.line));
            } else {
                self.warn(
                    file,
                    fm.line,
                    1,
                    format!("`{language}` is not a BCP 47 language tag; it is left out"),
                );
            }
        }
        if let Some(image) = image_of(&mut fm) {
            canonical.push(entry("image", Value::String(image), fm.line));
        }
        let summary = fm.take(&["summary", "description", "excerpt"]);
        // Templates: expanded or left out, each with its place.
        let resolve = |reference: templates::Reference<'_>| self.resolve(reference);
        let context = templates::Context {
            generator,
            site_url: site
                .settings
                .base_url
                .as_deref()
                .map(|base| base.trim_end_matches('/'))
                .map(|base| base.strip_suffix(&site.settings.base_path).unwrap_or(base)),
            base_path: &site.settings.base_path,
            variables: &site.settings.variables,
            resolve: &resolve,
        };
        let expanded = templates::expand(&body, &context);
        for (line, column, message) in expanded.warnings {
            self.warn(file, body_line + line - 1, column, message);
        }
        let body = expanded.text;
        match summary {
            Some(mut summary) => {
                if let Value::String(text) = &mut summary.value.value {
                    *text = text.trim().to_owned();
                }
                canonical.push(renamed(summary, "summary"));
            }
            None => {
                if let Some(before) = self.before_divider(&body, &fm) {
                    let text = crate::commonmark::markdown_to_plain_text(before)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ");
                    if !text.is_empty() {
                        canonical.push(entry("summary", Value::String(text), body_line));
                    }
                }
            }
        }
        // What is left is the page's own, kept as it is, but for values
        // the article format would read as one of its fields.
        for rest in fm.entries {
            if rest.value.value == Value::Null {
                continue;
            }
            match crate::read::meta::field_of(&rest.key) {
                None if !rest.key.eq_ignore_ascii_case("excerpt_separator") => {
                    canonical.push(rest);
                }
                _ => {}
            }
        }
        Ok(Prepared {
            tree: Node {
                value: Value::Map(canonical),
                line: 1,
                column: 1,
            },
            body,
            body_line,
        })
    }

    /// The text before the summary divider: `<!--more-->` for Hugo and
    /// Zola, Jekyll's `excerpt_separator` when it is not a blank line.
    fn before_divider<'b>(&self, body: &'b str, fm: &FrontMatter) -> Option<&'b str> {
        let separator = fm
            .text("excerpt_separator")
            .or_else(|| self.site.settings.excerpt_separator.clone());
        match self.site.generator {
            Generator::Jekyll | Generator::Eleventy => {
                let separator = separator.filter(|separator| !separator.trim().is_empty())?;
                body.find(separator.as_str()).map(|at| &body[..at])
            }
            Generator::Hugo | Generator::Zola => {
                let lower = body.to_ascii_lowercase();
                ["<!--more-->", "<!-- more -->"]
                    .iter()
                    .find_map(|divider| lower.find(divider))
                    .map(|at| &body[..at])
            }
        }
    }

    /// The absolute URL of a page another page links to.
    fn resolve(&self, reference: templates::Reference<'_>) -> Option<String> {
        let site = self.site;
        let content = site.content_dir();
        let candidates: Vec<PathBuf> = match reference {
            templates::Reference::Content(target) => {
                let target = target.trim().trim_start_matches("@/");
                let from_content = Path::new(target.trim_start_matches('/'));
                let from_here = self.info.relative.parent().unwrap_or(Path::new("")).join(target);
                let mut candidates = Vec::new();
                for base in [from_content.to_owned(), from_here] {
                    candidates.push(base.clone());
                    candidates.push(base.with_extension("md"));
                    candidates.push(base.join("index.md"));
                    candidates.push(base.join("_index.md"));
                }
                candidates
            }
            templates::Reference::Post(name) => {
                let name = name.trim();
                walkdir::WalkDir::new(site.root.join("_posts"))
                    .into_iter()
                    .flatten()
                    .filter(|found| {
                        found.path().file_stem().and_then(|stem| stem.to_str()) == Some(name)
                    })
                    .filter_map(|found| {
                        found.path().strip_prefix(&content).ok().map(Path::to_owned)
                    })
                    .collect()
            }
            templates::Reference::SourcePath(path) => {
                vec![PathBuf::from(path.trim().trim_start_matches('/'))]
            }
        };
        candidates
            .into_iter()
            .find(|candidate| content.join(candidate).is_file())
            .and_then(|found| site.url_of(&found))
    }
}

/// The title a body's first line gives as an ATX level-1 heading
/// (`# Title`), and the range of that line, to be removed from the body.
fn heading_title(body: &str) -> Option<(String, std::ops::Range<usize>)> {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        if line.trim().is_empty() {
            offset += line.len();
            continue;
        }
        let heading = line.trim_end().strip_prefix("# ")?;
        let heading = heading.trim_end_matches('#').trim();
        let title = crate::commonmark::markdown_to_plain_text(heading);
        return (!title.trim().is_empty())
            .then(|| (title.trim().to_owned(), offset..offset + line.len()));
    }
    None
}

/// The page's lead image as a URL, from the keys generators use.
fn image_of(fm: &mut FrontMatter) -> Option<String> {
    let found = fm.take(&["image", "images", "featured_image", "cover"])?;
    let mut node = found.value;
    loop {
        match node.value {
            Value::List(items) => node = items.into_iter().next()?,
            Value::Map(entries) => {
                node = entries
                    .into_iter()
                    .find(|entry| {
                        ["url", "src", "path", "image", "feature"].contains(&entry.key.as_str())
                    })?
                    .value;
            }
            _ => break,
        }
    }
    config::text_of(&node).filter(|url| crate::url::is_web_or_relative(url))
}

/// The line a front-matter delimiter opens, after any blank lines.
fn first_delimiter(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            offset += line.len();
            continue;
        }
        return matches!(trimmed, "---" | "+++").then_some(offset);
    }
    None
}

/// Reads the front matter after any blank lines, as Zola's splitter
/// allows: the tree, where the body starts and its line, and the keys a
/// later one replaced (only when `last_wins`).
fn front(
    text: &str,
    file: &str,
    last_wins: bool,
) -> Result<(Node, usize, usize, Vec<crate::read::yaml::Repeated>)> {
    let offset = first_delimiter(text).unwrap_or(0);
    let skipped = text[..offset].matches('\n').count();
    let rest = &text[offset..];
    let split = front_matter::split(rest, file).map_err(|error| shifted(error, skipped))?;
    let (tree, repeated) = front_matter::parse_lenient(&split, file, last_wins, 2 + skipped)?;
    let body_start = offset + (rest.len() - split.body.len());
    Ok((tree, body_start, split.body_line + skipped, repeated))
}

/// An error placed in text that started `lines` lines into the file.
fn shifted(error: Error, lines: usize) -> Error {
    match error.diagnostic() {
        Some(at) if lines > 0 => {
            Error::invalid_input(&at.file, at.line + lines, at.column, at.message.clone())
        }
        _ => error,
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
    if let Some(path) = file("config.toml") {
        let config = Config::read(&path, false)?;
        let generator = if config.get(&["base_url"]).is_some() {
            Generator::Zola
        } else {
            Generator::Hugo
        };
        return Ok(Some((generator, path)));
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
