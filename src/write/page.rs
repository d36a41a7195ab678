//! The standalone HTML page around the content: newswire's own, readable
//! with its small stylesheet or the ones `--css` links, or the page a
//! `--template` makes.

use super::html::text_direction;
use super::{byline, program_line};
use crate::error::{Error, Result};
use crate::extension::{DiscussionData, QuoteData};
use crate::model::Article;
use minijinja::value::Serde;
use minijinja::{AutoEscape, Environment, Value, context};
use quick_xml::escape::escape;
use std::io;

/// The stylesheet every page embeds unless it links others: a readable
/// measure, quotes set off with their attribution, captions, and the
/// discussion as a box of its own; light and dark, either direction.
pub const STYLESHEET: &str = include_str!("page.css");

/// How the HTML page is dressed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// Stylesheets the page links instead of embedding [`STYLESHEET`].
    pub stylesheets: Vec<String>,
    /// A template that writes the page instead of newswire's own.
    pub template: Option<PageTemplate>,
}

/// A page template in Jinja syntax, checked when it is read, so that a
/// mistake in it is reported once, at its line, before any article is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageTemplate {
    name: String,
    source: String,
}

impl PageTemplate {
    /// The template `source`, which `name` (its file) names in errors.
    pub fn new(name: &str, source: String) -> Result<PageTemplate> {
        let template = PageTemplate {
            name: name.to_owned(),
            source,
        };
        template
            .environment()
            .map_err(|error| template.error(&error))?;
        Ok(template)
    }

    /// An environment holding only this template, escaping every value for
    /// HTML whatever the template's name: the page is HTML.
    fn environment(&self) -> std::result::Result<Environment<'_>, minijinja::Error> {
        let mut environment = Environment::new();
        environment.set_auto_escape_callback(|_| AutoEscape::Html);
        environment.add_template(&self.name, &self.source)?;
        Ok(environment)
    }

    fn error(&self, error: &minijinja::Error) -> Error {
        Error::invalid_input(
            &self.name,
            error.line().unwrap_or(1),
            1,
            format!(
                "template: {}",
                error.detail().unwrap_or(&error.kind().to_string())
            ),
        )
    }

    /// Writes the page for `article` around `content`.
    fn render(
        &self,
        article: &Article,
        content: &str,
        options: &PageOptions,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let meta = &article.meta;
        let fail = |error: minijinja::Error| io::Error::other(self.error(&error));
        let environment = self.environment().map_err(fail)?;
        let template = environment.get_template(&self.name).map_err(fail)?;
        let quotes: Vec<QuoteData> = article.quotes().map(QuoteData::of).collect();
        let discussion = article.discussion.as_ref().map(DiscussionData::of);
        let page = context! {
            title => Serde(&meta.title),
            summary => Serde(&meta.summary),
            url => Serde(&meta.url),
            language => Serde(&meta.language),
            dir => meta.language.as_deref().map(text_direction),
            published => meta.published.to_rfc3339(),
            updated => meta.updated.as_ref().map(|updated| updated.to_rfc3339()),
            date => meta.published.day(),
            authors => Serde(&meta.authors),
            tags => Serde(&meta.tags),
            body => Value::from_safe_string(content.to_owned()),
            quotes => Serde(quotes),
            discussion => Serde(discussion),
            css => Serde(&options.stylesheets),
            stylesheet => Value::from_safe_string(STYLESHEET.to_owned()),
        };
        template.render_captured_to(page, out).map_err(fail)?;
        Ok(())
    }
}

/// The page around content already built, which feeds share: newswire's
/// own page, or the template's.
pub(crate) fn page(
    article: &Article,
    content: &str,
    options: &PageOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    if let Some(template) = &options.template {
        return template.render(article, content, options, out);
    }
    let meta = &article.meta;
    let title = escape(meta.title.as_str());
    let mut root_attributes = String::new();
    if let Some(language) = &meta.language {
        root_attributes = format!(
            " lang=\"{}\" dir=\"{}\"",
            escape(language.as_str()),
            text_direction(language)
        );
    }
    writeln!(out, "<!DOCTYPE html>\n<html{root_attributes}>\n<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{title}</title>")?;
    if let Some(summary) = &meta.summary {
        writeln!(
            out,
            "<meta name=\"description\" content=\"{}\">",
            escape(summary.as_str())
        )?;
    }
    let names = byline(article);
    if !names.is_empty() {
        writeln!(
            out,
            "<meta name=\"author\" content=\"{}\">",
            escape(names.as_str())
        )?;
    }
    if !meta.tags.is_empty() {
        writeln!(
            out,
            "<meta name=\"keywords\" content=\"{}\">",
            escape(meta.tags.join(", ").as_str())
        )?;
    }
    writeln!(out, "<meta name=\"generator\" content=\"newswire\">")?;
    if let Some(url) = &meta.url {
        writeln!(
            out,
            "<link rel=\"canonical\" href=\"{}\">",
            escape(url.as_str())
        )?;
    }
    if options.stylesheets.is_empty() {
        writeln!(out, "<style>\n{STYLESHEET}</style>")?;
    }
    for stylesheet in &options.stylesheets {
        writeln!(
            out,
            "<link rel=\"stylesheet\" href=\"{}\">",
            escape(stylesheet.as_str())
        )?;
    }
    writeln!(
        out,
        "</head>\n<body>\n<article>\n<header>\n<h1>{title}</h1>"
    )?;
    if let Some(summary) = &meta.summary {
        writeln!(out, "<p class=\"summary\">{}</p>", escape(summary.as_str()))?;
    }
    let date = format!(
        "<time datetime=\"{}\">{}</time>",
        meta.published.to_rfc3339(),
        meta.published.day()
    );
    if names.is_empty() {
        writeln!(out, "<p class=\"byline\">{date}</p>")?;
    } else {
        writeln!(
            out,
            "<p class=\"byline\">{} · {date}</p>",
            escape(names.as_str())
        )?;
    }
    if let Some(line) = program_line(article) {
        writeln!(out, "<p class=\"program\">{}</p>", escape(line.as_str()))?;
    }
    writeln!(out, "</header>")?;
    out.write_all(content.as_bytes())?;
    if !meta.tags.is_empty() {
        let tags: Vec<String> = meta
            .tags
            .iter()
            .map(|tag| format!("<li>{}</li>", escape(tag.as_str())))
            .collect();
        writeln!(
            out,
            "<footer>\n<ul class=\"tags\">{}</ul>\n</footer>",
            tags.concat()
        )?;
    }
    writeln!(out, "</article>\n</body>\n</html>")
}
