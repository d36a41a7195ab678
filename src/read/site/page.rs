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
        let generator = self.site.generator;
        if self.info.section_page {
            return Err(not_article(
                file,
                "a section's list page: `_index.md` lists other pages",
            ));
        }
        if first_delimiter(text).is_none() {
            return match generator {
                Generator::Jekyll => Err(not_article(
                    file,
                    "no front matter: Jekyll copies such a file as it is",
                )),
                _ if self.info.dated.is_none() => Err(not_article(
                    file,
                    "no front matter: and no date in the file name",
                )),
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
        let mut fm = FrontMatter::new(tree, site.generator == Generator::Hugo);
        if let Some(reason) = self.not_rendered(&fm) {
            return Err(not_article(file, reason));
        }
        let Some(published) = site.published_entry(&mut fm, &self.info) else {
            return Err(not_article(
                file,
                format!(
                    "no date: neither a `date` key nor a YYYY-MM-DD-{} file name",
                    self.info.undated_name()
                ),
            ));
        };
        let published_date = config::text_of(&published.value).and_then(|text| Date::parse(&text));
        let draft = self.held_back(&mut fm, published_date.as_ref(), file)?;
        let mut canonical: Vec<Entry> = vec![published];
        if draft {
            canonical.push(entry("draft", Value::Bool(true), fm.line));
        }
        let mut body = body.to_owned();
        let title = self.title(&mut fm, &mut body, body_line, file);
        let title_text = config::text_of(&title.value).unwrap_or_default();
        let url = site.absolute(&site.permalink(
            &self.info,
            &fm,
            published_date.map(|date| date.instant()),
            &title_text,
        ));
        fm.take_all(&["url", "permalink"]);
        canonical.push(title);
        if let Some(url) = url {
            canonical.push(entry("url", Value::String(url), fm.line));
        }
        let lastmod = keys_or(
            &site.settings.lastmod_keys,
            &["lastmod", "updated", "modified", "last_modified_at"],
        );
        if let Some(updated) = fm.take(&lastmod) {
            canonical.push(zoned(
                renamed(updated, "updated"),
                site.settings.timezone.as_ref(),
            ));
        }
        canonical.extend(self.people_and_places(&mut fm, file));
        let summary = fm.take(&["summary", "description", "excerpt"]);
        let body = self.expanded(&body, body_line, file);
        let summary = match summary {
            Some(mut summary) => {
                if let Value::String(text) = &mut summary.value.value {
                    *text = text.trim().to_owned();
                }
                Some(renamed(summary, "summary"))
            }
            None => self
                .before_divider(&body, &fm)
                .map(|before| {
                    crate::commonmark::markdown_to_plain_text(before)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .filter(|text| !text.is_empty())
                .map(|text| entry("summary", Value::String(text), body_line)),
        };
        canonical.extend(summary);
        // What is left is the page's own, kept as it is, but for the
        // aliases of fields already taken, which would repeat them.
        canonical.extend(fm.entries.into_iter().filter(|rest| {
            rest.value.value != Value::Null
                && !rest.key.eq_ignore_ascii_case("excerpt_separator")
                && crate::read::meta::field_of(&rest.key).is_none_or(|field| {
                    ["id", "program", "publisher", "discussion_heading"].contains(&field)
                })
        }));
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

    /// Why the generator renders no page for this one, if it does not.
    fn not_rendered(&self, fm: &FrontMatter) -> Option<String> {
        let site = self.site;
        let reason = match site.generator {
            Generator::Hugo => hugo::not_article(fm),
            Generator::Jekyll => jekyll::not_article(&self.info, &site.settings),
            Generator::Zola => zola::not_article(fm),
            Generator::Eleventy => eleventy::not_article(fm),
        };
        reason.or_else(|| {
            ["redirect_to", "redirect", "redirectURL", "external_url"]
                .into_iter()
                .find(|key| fm.get(key).is_some())
                .map(|key| format!("a redirect: `{key}`"))
        })
    }

    /// Whether the page is a draft that is kept; a draft, a future or an
    /// expired post that the rules hold back is not an article.
    fn held_back(
        &self,
        fm: &mut FrontMatter,
        published: Option<&Date>,
        file: &str,
    ) -> Result<bool> {
        // Jekyll's `published: false` is its word for a draft.
        let unpublished = self.site.generator == Generator::Jekyll
            && fm
                .get("published")
                .is_some_and(|node| node.value == Value::Bool(false));
        fm.take_all(&["published"]);
        let draft = unpublished
            || fm
                .take(&["draft"])
                .is_some_and(|entry| config::flag_of(&entry.value) == Some(true))
            || self.info.dirs.first().is_some_and(|dir| dir == "_drafts");
        if draft && !self.rules.include_drafts {
            return Err(not_article(file, "a draft: --include-drafts takes it"));
        }
        let expiry = fm.take(&keys_or(
            &self.site.settings.expiry_keys,
            &["expiryDate", "unpublishdate", "expires"],
        ));
        if self.rules.include_future || self.site.settings.future {
            return Ok(draft);
        }
        if let Some(date) = published.filter(|date| date.utc() > self.rules.now) {
            return Err(not_article(
                file,
                format!(
                    "in the future: dated {}; --include-future takes it",
                    date.to_rfc3339()
                ),
            ));
        }
        if let Some(expired) = expiry
            .and_then(|entry| config::text_of(&entry.value))
            .and_then(|text| Date::parse(&text))
            .filter(|date| date.utc() <= self.rules.now)
        {
            return Err(not_article(
                file,
                format!(
                    "expired: on {}; --include-future takes it",
                    expired.to_rfc3339()
                ),
            ));
        }
        Ok(draft)
    }

    /// The title: its key, else the first heading, which leaves the body,
    /// else the file name, with a warning.
    fn title(
        &self,
        fm: &mut FrontMatter,
        body: &mut String,
        body_line: usize,
        file: &str,
    ) -> Entry {
        if let Some(title) = fm.take(&["title"])
            && config::text_of(&title.value).is_some()
        {
            return title;
        }
        if let Some((title, line_range)) = heading_title(body) {
            body.replace_range(line_range, "");
            return entry("title", Value::String(title), body_line);
        }
        let title = title_from_name(self.info.undated_name());
        self.warn(
            file,
            fm.line,
            1,
            format!("no title: `{title}` is made from the file name; give `title`"),
        );
        entry("title", Value::String(title), fm.line)
    }

    /// Tags, authors, language and image in the article format's keys.
    fn people_and_places(&self, fm: &mut FrontMatter, file: &str) -> Vec<Entry> {
        let generator = self.site.generator;
        let mut made = Vec::new();
        let tag_keys: &[&str] = match generator {
            Generator::Jekyll | Generator::Eleventy => &["categories", "category", "tags", "tag"],
            _ => &["categories", "tags"],
        };
        let mut tags = fm.take_tags(tag_keys, generator == Generator::Jekyll);
        if let Some(Value::Map(taxonomies)) = fm.get("taxonomies").map(|node| &node.value) {
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
            let list = tags
                .into_iter()
                .map(|tag| entry("", Value::String(tag), fm.line).value)
                .collect();
            made.push(entry("tags", Value::List(list), fm.line));
        }
        let mut authors = fm.take_authors(&["authors", "author"]);
        if authors.is_empty() {
            authors.clone_from(&self.site.settings.authors);
        }
        if !authors.is_empty() {
            made.push(entry("authors", fields::authors_value(&authors), fm.line));
        }
        let language = fm
            .take(&["language", "lang", "locale"])
            .and_then(|entry| config::text_of(&entry.value))
            .or_else(|| self.info.language.clone())
            .map(|tag| tag.replace('_', "-"));
        match language {
            Some(language) if crate::language::is_language_tag(&language) => {
                made.push(entry("language", Value::String(language), fm.line));
            }
            Some(language) => self.warn(
                file,
                fm.line,
                1,
                format!("`{language}` is not a BCP 47 language tag; it is left out"),
            ),
            None => {}
        }
        made.extend(image_of(fm));
        made
    }

    /// The body with its templates expanded or left out, each construct
    /// left out warned of at its place.
    fn expanded(&self, body: &str, body_line: usize, file: &str) -> String {
        let settings = &self.site.settings;
        let resolve = |reference: templates::Reference<'_>| self.resolve(reference);
        let context = templates::Context {
            generator: self.site.generator,
            site_url: settings
                .base_url
                .as_deref()
                .map(|base| base.trim_end_matches('/'))
                .map(|base| base.strip_suffix(&settings.base_path).unwrap_or(base)),
            base_path: &settings.base_path,
            variables: &settings.variables,
            resolve: &resolve,
        };
        let expanded = templates::expand(body, &context);
        for (line, column, message) in expanded.warnings {
            self.warn(file, body_line + line - 1, column, message);
        }
        expanded.text
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

/// The keys a site configures for a field, else the generator's own.
fn keys_or<'k>(configured: &'k [String], defaults: &[&'k str]) -> Vec<&'k str> {
    if configured.is_empty() {
        defaults.to_vec()
    } else {
        configured
            .iter()
            .map(String::as_str)
            .filter(|key| !key.starts_with(':'))
            .collect()
    }
}

/// A site's file that is not an article, and why.
fn not_article(file: &str, reason: impl Into<String>) -> Error {
    Error::from(ErrorKind::NotArticle(Diagnostic {
        file: file.to_owned(),
        line: 1,
        column: 1,
        message: reason.into(),
    }))
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

/// The page's lead image, from the keys generators use: as the article
/// format writes one (a URL, or `url` with `alt`, `credit`, `caption`), or
/// the first URL in what a theme wrote.
fn image_of(fm: &mut FrontMatter) -> Option<Entry> {
    let found = fm.take(&["image", "images", "featured_image", "cover"])?;
    let canonical = match &found.value.value {
        Value::Map(fields) => fields
            .iter()
            .all(|field| ["url", "src", "alt", "credit", "caption"].contains(&field.key.as_str())),
        Value::List(_) => false,
        _ => true,
    };
    if canonical {
        return Some(renamed(found, "image"));
    }
    let line = found.line;
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
    config::text_of(&node)
        .filter(|url| crate::url::is_web_or_relative(url))
        .map(|url| entry("image", Value::String(url), line))
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
