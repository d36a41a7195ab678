//! One page of a site read by its generator's rules into the article
//! format's front matter and body.

use super::config;
use super::fields::{self, FrontMatter, entry, renamed, title_from_name, zoned};
use super::{Generator, PathInfo, Site, eleventy, hugo, jekyll, templates, zola};
use crate::error::{Diagnostic, Error, ErrorKind, Result};
use crate::model::Date;
use crate::read::front_matter::{self, Entry, Node, Value};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// A file of a site, read by the site's rules.
#[derive(Debug)]
pub struct Page<'s> {
    site: &'s Site,
    info: PathInfo,
    rules: super::Rules,
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

impl<'s> Page<'s> {
    pub(super) fn new(site: &'s Site, info: PathInfo, rules: super::Rules) -> Page<'s> {
        Page {
            site,
            info,
            rules,
            warnings: Mutex::new(Vec::new()),
        }
    }

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
                _ if info.dated.is_none() => {
                    not_article("no front matter: and no date in the file name")
                }
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

    fn prepare_parts(
        &self,
        tree: Node,
        body: &str,
        body_line: usize,
        file: &str,
    ) -> Result<Prepared> {
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
            && fm
                .get("published")
                .is_some_and(|node| node.value == Value::Bool(false));
        fm.take_all(&["published"]);
        let draft = fm.take(&["draft"]);
        let is_draft = unpublished
            || draft
                .as_ref()
                .is_some_and(|entry| config::flag_of(&entry.value) == Some(true))
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
                let from_here = self
                    .info
                    .relative
                    .parent()
                    .unwrap_or(Path::new(""))
                    .join(target);
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
pub(super) fn front(
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
