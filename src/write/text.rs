//! Plain text for terminals, e-mail and text pipelines: wrapped paragraphs,
//! indented quotes, numbered prompts, and links as numbered references
//! listed at the end. No Markdown or HTML syntax is left in it.

use super::wrap::wrap_into;
use super::{WriteOptions, byline_and_date, credit_line, program_line};
use crate::commonmark;
use crate::commonmark::QuoteParts;
use crate::model::{Article, Discussion};
use crate::pieces::ParsedBody;
use crate::url::resolved;
use comrak::Arena;
use comrak::nodes::{AstNode, ListType, NodeList, NodeValue};
use std::collections::HashMap;
use std::io;
use textwrap::core::display_width;

/// How far quotes, code and nested blocks are indented.
const INDENT: &str = "    ";

/// Writes the article as plain text.
pub fn write(article: &Article, options: &WriteOptions, out: &mut dyn io::Write) -> io::Result<()> {
    write_with_content(
        article,
        &Content::new(article, &[options.width]),
        options,
        out,
    )
}

/// Writes the article as plain text around content already laid out, which
/// JSON Feed's `content_text` shares.
pub(crate) fn write_with_content(
    article: &Article,
    content: &Content,
    options: &WriteOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let meta = &article.meta;
    let mut header = TextWriter::at(&[options.width]);
    header.underlined(&meta.title, '=');
    header.paragraph(&byline_and_date(article), "", "");
    if let Some(line) = program_line(article) {
        header.paragraph(&line, "", "");
    }
    if let Some(summary) = &meta.summary {
        header.paragraph(summary, "", "");
    }
    let mut text = header.layout.text(options.width);
    text.push_str(content.layout.at(options.width));
    let written = crate::chars::without_forbidden(text);
    out.write_all(written.trim_end().as_bytes())?;
    out.write_all(b"\n")
}

/// The article's content without its title and byline (lead image, body,
/// discussion and references), laid out at each width asked for in one
/// walk of the body: wrapped for the text file, unwrapped for JSON Feed.
pub(crate) struct Content {
    layout: Layout,
}

impl Content {
    /// The content at `widths`.
    pub(crate) fn new(article: &Article, widths: &[usize]) -> Content {
        let arena = Arena::new();
        Content::of(article, &ParsedBody::new(&arena, &article.body), widths)
    }

    /// The content laid out at `widths` from a body already parsed.
    pub(crate) fn of(article: &Article, body: &ParsedBody<'_>, widths: &[usize]) -> Content {
        let mut text = TextWriter {
            base: TextWriter::base(article),
            ..TextWriter::at(widths)
        };
        text.content(article, body);
        Content {
            layout: text.layout,
        }
    }

    /// The content unwrapped, JSON Feed's `content_text`, when it was laid
    /// out at width 0.
    pub(crate) fn unwrapped(&self) -> String {
        debug_assert!(
            self.layout.widths.iter().any(|(width, _)| *width == 0),
            "the content was not laid out unwrapped"
        );
        let mut written = crate::chars::without_forbidden(self.layout.at(0).to_owned());
        written.truncate(written.trim_end().len());
        written
    }
}

/// Plain text laid out as it comes, at one or more widths (`0`: not
/// wrapped), rather than held as pieces to lay out later: a body of many
/// small paragraphs would take several times its size as pieces.
#[derive(Default)]
struct Layout {
    widths: Vec<(usize, String)>,
}

impl Layout {
    fn new(widths: &[usize]) -> Layout {
        let mut widths: Vec<(usize, String)> =
            widths.iter().map(|&width| (width, String::new())).collect();
        widths.dedup_by_key(|(width, _)| *width);
        Layout { widths }
    }

    /// A paragraph, wrapped, with `first` before its first line and `rest`
    /// before the others.
    fn paragraph(&mut self, text: &str, first: &str, rest: &str) {
        for (width, out) in &mut self.widths {
            wrap_into(out, text, first, rest, *width);
            out.push_str("\n\n");
        }
    }

    /// Text laid out already: headings, code, tables, blank lines.
    fn verbatim(&mut self, text: &str) {
        for (_, out) in &mut self.widths {
            out.push_str(text);
        }
    }

    /// Drops the blank line after the last paragraph, for tight lists.
    fn close_up(&mut self) {
        for (_, out) in &mut self.widths {
            if out.ends_with("\n\n") {
                out.pop();
            }
        }
    }

    /// The text at `width`; empty unless it was laid out at that width.
    fn at(&self, width: usize) -> &str {
        self.widths
            .iter()
            .find(|(laid_out, _)| *laid_out == width)
            .map_or("", |(_, text)| text.as_str())
    }

    /// [`Layout::at`], taken.
    fn text(self, width: usize) -> String {
        self.widths
            .into_iter()
            .find(|(laid_out, _)| *laid_out == width)
            .map(|(_, text)| text)
            .unwrap_or_default()
    }
}

/// What a `[n]` refers to.
#[derive(Debug, Clone, PartialEq)]
enum Reference {
    Url(String),
    /// A footnote: its name until its definition is read, then its text.
    Note(String),
}

#[derive(Default)]
struct TextWriter {
    /// The article's URL, against which relative links are resolved.
    base: Option<ammonia::Url>,
    layout: Layout,
    references: Vec<Reference>,
    /// The number each URL already has, so a link seen again keeps it.
    urls: HashMap<String, usize>,
    footnotes: HashMap<String, usize>,
}

impl TextWriter {
    fn at(widths: &[usize]) -> TextWriter {
        TextWriter {
            layout: Layout::new(widths),
            ..TextWriter::default()
        }
    }

    /// The article's URL, parsed once for all its links.
    fn base(article: &Article) -> Option<ammonia::Url> {
        article
            .meta
            .url
            .as_deref()
            .and_then(|url| ammonia::Url::parse(url).ok())
    }

    /// The lead image, body, discussion and references.
    fn content(&mut self, article: &Article, body: &ParsedBody<'_>) {
        if let Some(image) = &article.meta.image {
            let reference = self.reference(Reference::Url(image.url.clone()));
            let alt = image.alt.as_deref().unwrap_or("image");
            let mut line = format!("[Image: {alt}] [{reference}]");
            for extra in image
                .caption
                .iter()
                .cloned()
                .chain(image.credit.as_deref().map(credit_line))
            {
                line.push('\n');
                line.push_str(&extra);
            }
            self.paragraph(&line, "", "");
        }
        body.each_tree(|root| {
            for (node, quote) in crate::pieces::nodes(root) {
                match quote {
                    Some(quote) => self.quote(&quote),
                    None => self.block(node, ""),
                }
            }
        });
        if let Some(discussion) = &article.discussion {
            self.discussion(discussion);
        }
        self.references_list();
    }

    /// Adds a paragraph, to be wrapped, with `first` before its first line
    /// and `rest` before the others.
    fn paragraph(&mut self, text: &str, first: &str, rest: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.layout.paragraph(text, first, rest);
    }

    /// Adds text laid out already.
    fn verbatim(&mut self, text: String) {
        self.layout.verbatim(&text);
    }

    fn underlined(&mut self, text: &str, underline: char) {
        let text = text.trim();
        let rule: String = std::iter::repeat_n(underline, display_width(text).max(3)).collect();
        self.verbatim(format!("{text}\n{rule}\n\n"));
    }

    /// The number of a reference, reusing it when the URL was seen before.
    fn reference(&mut self, reference: Reference) -> usize {
        if let Reference::Url(url) = &reference {
            let url = resolved(self.base.as_ref(), url);
            if let Some(index) = self.urls.get(&url) {
                return *index;
            }
            self.references.push(Reference::Url(url.clone()));
            self.urls.insert(url, self.references.len());
        } else {
            self.references.push(reference);
        }
        self.references.len()
    }

    fn block<'a>(&mut self, node: &'a AstNode<'a>, indent: &str) {
        let data = node.data.borrow();
        match &data.value {
            NodeValue::Paragraph => {
                let text = self.inline(node);
                self.paragraph(&text, indent, indent);
            }
            NodeValue::Heading(heading) => {
                let text = self.inline(node);
                match heading.level {
                    1 => self.underlined(&text, '='),
                    2 => self.underlined(&text, '-'),
                    _ => self.paragraph(&text, indent, indent),
                }
            }
            NodeValue::List(list) => self.list(node, list, indent),
            NodeValue::BlockQuote | NodeValue::MultilineBlockQuote(_) => {
                let inner = format!("{indent}{INDENT}");
                for child in node.children() {
                    self.block(child, &inner);
                }
            }
            NodeValue::CodeBlock(code) => {
                let mut lines = String::new();
                for line in code.literal.trim_end().lines() {
                    lines.push_str(format!("{indent}{INDENT}{line}").trim_end());
                    lines.push('\n');
                }
                lines.push('\n');
                self.verbatim(lines);
            }
            NodeValue::HtmlBlock(html) => {
                let text = html_to_text(&html.literal);
                self.paragraph(&text, indent, indent);
            }
            NodeValue::ThematicBreak => self.paragraph("* * *", indent, indent),
            NodeValue::Table(_) => self.table(node, indent),
            NodeValue::FootnoteDefinition(definition) => {
                let mut note = TextWriter::at(&[0]);
                for child in node.children() {
                    let text = self.inline(child);
                    note.paragraph(&text, "", "");
                }
                let index = self.footnote(&definition.name);
                let note = note.layout.text(0);
                self.references[index - 1] = Reference::Note(note.trim().replace("\n\n", " "));
            }
            _ => {
                for child in node.children() {
                    self.block(child, indent);
                }
            }
        }
    }

    fn list<'a>(&mut self, node: &'a AstNode<'a>, list: &NodeList, indent: &str) {
        for (index, item) in node.children().enumerate() {
            let marker = match list.list_type {
                ListType::Bullet => "- ".to_owned(),
                ListType::Ordered => format!("{}. ", list.start + index),
            };
            let hanging = format!("{indent}{}", " ".repeat(marker.len()));
            for (position, child) in item.children().enumerate() {
                if position == 0 && matches!(child.data.borrow().value, NodeValue::Paragraph) {
                    let text = self.inline(child);
                    self.paragraph(&text, &format!("{indent}{marker}"), &hanging);
                } else {
                    self.block(child, &hanging);
                }
            }
            if list.tight {
                self.close_up();
            }
        }
        if list.tight {
            self.verbatim("\n".to_owned());
        }
    }

    /// Drops the blank line after the last paragraph, for tight lists.
    fn close_up(&mut self) {
        self.layout.close_up();
    }

    fn table<'a>(&mut self, node: &'a AstNode<'a>, indent: &str) {
        let rows: Vec<Vec<String>> = node
            .children()
            .map(|row| row.children().map(|cell| self.inline(cell)).collect())
            .collect();
        let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|column| {
                rows.iter()
                    .filter_map(|row| row.get(column))
                    .map(|cell| display_width(cell))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut lines = String::new();
        for (index, row) in rows.iter().enumerate() {
            let cells: Vec<String> = row
                .iter()
                .zip(&widths)
                .map(|(cell, width)| format!("{cell}{}", " ".repeat(width - display_width(cell))))
                .collect();
            lines.push_str(format!("{indent}{}", cells.join("  ")).trim_end());
            lines.push('\n');
            if index == 0 {
                let rules: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
                lines.push_str(&format!("{indent}{}\n", rules.join("  ")));
            }
        }
        lines.push('\n');
        self.verbatim(lines);
    }

    fn footnote(&mut self, name: &str) -> usize {
        if let Some(index) = self.footnotes.get(name) {
            return *index;
        }
        let index = self.reference(Reference::Note(name.to_owned()));
        self.footnotes.insert(name.to_owned(), index);
        index
    }

    /// The text of inline content, with `[n]` after each link and image.
    fn inline<'a>(&mut self, node: &'a AstNode<'a>) -> String {
        let mut text = String::new();
        for child in node.children() {
            let data = child.data.borrow();
            match &data.value {
                NodeValue::Text(literal) => text.push_str(literal),
                NodeValue::Code(code) => text.push_str(&code.literal),
                NodeValue::SoftBreak => text.push(' '),
                NodeValue::LineBreak => text.push('\n'),
                NodeValue::HtmlInline(_) => {}
                NodeValue::Link(link) => {
                    let label = self.inline(child);
                    text.push_str(&label);
                    if label.trim() != link.url && !link.url.starts_with('#') {
                        let index = self.reference(Reference::Url(link.url.clone()));
                        text.push_str(&format!(" [{index}]"));
                    }
                }
                NodeValue::Image(image) => {
                    let alt = self.inline(child);
                    let index = self.reference(Reference::Url(image.url.clone()));
                    text.push_str(&format!("[Image: {alt}] [{index}]"));
                }
                NodeValue::FootnoteReference(footnote) => {
                    let index = self.footnote(&footnote.name);
                    text.push_str(&format!("[{index}]"));
                }
                _ => text.push_str(&self.inline(child)),
            }
        }
        text
    }

    fn quote<'a>(&mut self, quote: &QuoteParts<'a>) {
        if let Some(title) = &quote.title {
            self.paragraph(title, INDENT, INDENT);
        }
        for block in &quote.content {
            self.block(block, INDENT);
        }
        let who = &quote.attribution;
        let mut line = format!("— {}", who.name);
        if let Some(cite) = &who.cite {
            let index = self.reference(Reference::Url(cite.clone()));
            line.push_str(&format!(" [{index}]"));
        }
        if let Some(role) = &who.role {
            line.push_str(&format!(", {role}"));
        }
        self.paragraph(&line, INDENT, INDENT);
    }

    fn discussion(&mut self, discussion: &Discussion) {
        self.underlined(&discussion.heading, '-');
        let arena = Arena::new();
        for (index, prompt) in discussion.prompts.iter().enumerate() {
            let marker = format!("{}. ", index + 1);
            let hanging = " ".repeat(marker.len());
            let text: Vec<String> = commonmark::blocks(&arena, prompt)
                .into_iter()
                .map(|block| self.inline(block))
                .collect();
            self.paragraph(&text.join(" "), &marker, &hanging);
            self.close_up();
        }
        self.verbatim("\n".to_owned());
        if let Some(note) = &discussion.note {
            for block in commonmark::blocks(&arena, note) {
                self.block(block, "");
            }
        }
    }

    fn references_list(&mut self) {
        if self.references.is_empty() {
            return;
        }
        self.underlined("References", '-');
        let references = std::mem::take(&mut self.references);
        for (index, reference) in references.iter().enumerate() {
            let target = match reference {
                Reference::Url(target) | Reference::Note(target) => target,
            };
            let marker = format!("[{}] ", index + 1);
            let hanging = " ".repeat(marker.len());
            self.paragraph(target, &marker, &hanging);
            self.close_up();
        }
    }
}

/// The text of raw HTML: tags dropped by the sanitiser, entities decoded.
fn html_to_text(html: &str) -> String {
    let stripped = ammonia::Builder::empty().clean(html).to_string();
    quick_xml::escape::unescape(&stripped)
        .map(|text| text.into_owned())
        .unwrap_or(stripped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_seen_again_keeps_its_number_and_a_note_has_its_own() {
        let source = "---\ntitle: T\ndate: 2024-01-01\nurl: https://e.com/a\n---\n\n\
            [a](https://e.com/x) [b](/x) [c](https://e.com/y)[^n]\n\n[^n]: https://e.com/x\n";
        let article = crate::read::markdown::read(source, "a.md").unwrap();
        let mut out = Vec::new();
        write(&article, &WriteOptions::default(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("a [1] b [1] c [2][3]"), "{text}");
        assert!(
            text.ends_with("[1] https://e.com/x\n[2] https://e.com/y\n[3] https://e.com/x\n"),
            "{text}"
        );
    }
}
