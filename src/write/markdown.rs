//! The canonical article again, normalised: YAML front matter and the body
//! as comrak writes it. Its own output converts to the same bytes.

use super::{WriteOptions, byline_and_date, credit_line, program_line};
use crate::commonmark;
use crate::model::{Article, Author, Block, Discussion, Meta};
use crate::pieces::ParsedBody;
use comrak::Arena;
use comrak::nodes::{ListType, NodeHeading, NodeLink, NodeList, NodeValue};
use saphyr::{Mapping, Scalar, Yaml, YamlEmitter};
use std::borrow::Cow;
use std::io;

/// Writes the article as canonical Markdown, or as plain GFM when
/// `options.plain_markdown` is set.
pub fn write(article: &Article, options: &WriteOptions, out: &mut dyn io::Write) -> io::Result<()> {
    let arena = Arena::new();
    let body = ParsedBody::new(&arena, &article.body);
    write_parsed(article, &body, &Framing::of(article, &body), options, out)
}

/// What comes before and after the body of the canonical article, which
/// the Markdown output and a feed item's copy of the article share.
pub(crate) struct Framing {
    front_matter: String,
    /// The discussion section, or nothing.
    discussion: String,
    /// Each attributed quote, in order, as it stands in the body.
    quotes: Vec<String>,
}

impl Framing {
    /// The framing of `article`, taking its quotes from `body` when the
    /// reader wrote them already.
    pub(crate) fn of(article: &Article, body: &ParsedBody<'_>) -> Framing {
        let arena = Arena::new();
        Framing {
            front_matter: front_matter(&article.meta, &[]),
            discussion: article
                .discussion
                .as_ref()
                .map(|discussion| discussion_markdown(&arena, discussion))
                .unwrap_or_default(),
            quotes: match body.quotes_written() {
                Some(quotes) => quotes.to_vec(),
                None => article.quotes().map(commonmark::quote_markdown).collect(),
            },
        }
    }

    /// The header, the body's blocks as `body` writes them, and the
    /// discussion.
    fn write_around(
        &self,
        header: &str,
        body: impl FnOnce(&mut Parts<'_>) -> io::Result<()>,
        out: &mut dyn io::Write,
    ) -> io::Result<()> {
        let mut parts = Parts::new(out);
        parts.write(header)?;
        body(&mut parts)?;
        parts.write(&self.discussion)?;
        parts.end()
    }
}

/// The parts of an article written one after another with a blank line
/// between, each as it comes: a body of many small blocks never holds
/// them all formatted at once.
struct Parts<'o> {
    out: &'o mut dyn io::Write,
    first: bool,
}

impl<'o> Parts<'o> {
    fn new(out: &'o mut dyn io::Write) -> Parts<'o> {
        Parts { out, first: true }
    }

    /// Writes `part`, unless it is empty.
    fn write(&mut self, part: &str) -> io::Result<()> {
        if part.is_empty() {
            return Ok(());
        }
        if !self.first {
            self.out.write_all(b"\n\n")?;
        }
        self.first = false;
        self.out.write_all(part.as_bytes())
    }

    fn end(self) -> io::Result<()> {
        writeln!(self.out)
    }
}

/// Writes the article around a body already parsed.
pub(crate) fn write_parsed(
    article: &Article,
    body: &ParsedBody<'_>,
    framing: &Framing,
    options: &WriteOptions,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let header = if options.plain_markdown {
        plain_header(&Arena::new(), article)
    } else {
        framing.front_matter.clone()
    };
    // Quotes keep their own layout; everything else is as comrak writes it.
    // The quotes the reader wrote are this tree's own, in order.
    let mut quotes_written = body.quotes_written().map(<[String]>::iter);
    let blocks = |parts: &mut Parts<'_>| {
        let mut written = Ok(());
        body.each_tree(|root| {
            for node in root.children() {
                let quote = quotes_written
                    .as_mut()
                    .filter(|_| commonmark::quote_parts(node).is_some())
                    .and_then(Iterator::next);
                let block = match quote {
                    Some(quote) => Cow::Borrowed(quote.as_str()),
                    None => Cow::Owned(match commonmark::quote(node) {
                        Some(quote) => commonmark::quote_markdown(&quote),
                        None => commonmark::to_commonmark(node),
                    }),
                };
                if written.is_ok() {
                    written = parts.write(&block);
                }
            }
        });
        written
    };
    framing.write_around(&header, blocks, out)
}

/// The article as canonical Markdown with the body's blocks as the model
/// holds them, as written: it reads back to the same article, which is
/// what a feed item carries it for, and takes no formatting.
pub(crate) fn as_written(article: &Article, framing: &Framing) -> String {
    let mut quotes = framing.quotes.iter();
    let body = |parts: &mut Parts<'_>| {
        for block in &article.body {
            match block {
                Block::Markdown { markdown } => parts.write(markdown)?,
                Block::Quote(quote) => match quotes.next() {
                    Some(written) => parts.write(written)?,
                    None => parts.write(&commonmark::quote_markdown(quote))?,
                },
            }
        }
        Ok(())
    };
    let mut text = Vec::new();
    // Writing to memory cannot fail.
    let _ = framing.write_around(&framing.front_matter, body, &mut text);
    String::from_utf8(text)
        .unwrap_or_else(|bytes| String::from_utf8_lossy(bytes.as_bytes()).into_owned())
}

/// The front matter a feed item carries: without the fields its own
/// elements and data hold exactly (link, tags, program, publisher, and the
/// id, title, date and names when every format gives them back as they
/// are), which reading the item back puts in again.
pub(crate) fn item_front_matter(meta: &Meta) -> String {
    let mut held = vec!["url", "tags", "program", "publisher"];
    if crate::url::as_iri(&meta.id) == meta.id.as_str() {
        held.push("id");
    }
    // Readers give a title back on one line with single spaces.
    let one_line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ") == text;
    if one_line(&meta.title) {
        held.push("title");
    }
    if meta.published.fits_rfc2822() {
        held.push("published");
    }
    // A name alone, which RSS could not take for `Name <address>` or
    // `address (Name)`.
    let plain_name = |author: &Author| {
        author.url.is_none()
            && author.email.is_none()
            && one_line(&author.name)
            && !author.name.contains(['<', '>', '(', ')', '@'])
    };
    if meta.authors.iter().all(plain_name) {
        held.push("authors");
    }
    front_matter(meta, &held)
}

/// The canonical front matter, `---` lines included, but for `omitted`.
fn front_matter(meta: &Meta, omitted: &[&str]) -> String {
    let mut map = Mapping::new();
    let mut put = |key: &str, value: Yaml<'static>| {
        if !omitted.contains(&key) {
            map.insert(string(key), value);
        }
    };
    put("title", string(&meta.title));
    put("id", string(&meta.id));
    if let Some(url) = &meta.url {
        put("url", string(url));
    }
    put("published", string(&meta.published.to_string()));
    if let Some(updated) = &meta.updated {
        put("updated", string(&updated.to_string()));
    }
    if !meta.authors.is_empty() {
        let authors = serde_json::to_value(&meta.authors).unwrap_or_default();
        put("authors", yaml(&authors));
    }
    let optional = [("summary", &meta.summary)];
    for (key, value) in optional {
        if let Some(value) = value {
            put(key, string(value));
        }
    }
    if !meta.tags.is_empty() {
        put(
            "tags",
            Yaml::Sequence(meta.tags.iter().map(|tag| string(tag)).collect()),
        );
    }
    let optional = [
        ("language", &meta.language),
        ("program", &meta.program),
        ("publisher", &meta.publisher),
    ];
    for (key, value) in optional {
        if let Some(value) = value {
            put(key, string(value));
        }
    }
    if let Some(image) = &meta.image {
        put(
            "image",
            yaml(&serde_json::to_value(image).unwrap_or_default()),
        );
    }
    if let Some(heading) = &meta.discussion_heading {
        put("discussion_heading", string(heading));
    }
    if meta.draft {
        put("draft", Yaml::Value(Scalar::Boolean(true)));
    }
    for (key, value) in &meta.extra {
        put(key, yaml(value));
    }
    let mut text = String::new();
    // Emitting into a String fails only on values YAML cannot hold, which a
    // mapping of strings, lists and JSON scalars never is.
    let _ = YamlEmitter::new(&mut text).dump(&Yaml::Mapping(map));
    text.push_str("\n---");
    text
}

fn string(text: &str) -> Yaml<'static> {
    Yaml::Value(Scalar::String(Cow::Owned(text.to_owned())))
}

/// Front-matter values the format does not define are written back as they
/// were read, via their JSON form.
fn yaml(value: &serde_json::Value) -> Yaml<'static> {
    use serde_json::Value;
    match value {
        Value::Null => Yaml::Value(Scalar::Null),
        Value::Bool(flag) => Yaml::Value(Scalar::Boolean(*flag)),
        Value::Number(number) => match number.as_i64() {
            Some(integer) => Yaml::Value(Scalar::Integer(integer)),
            None => Yaml::Value(Scalar::FloatingPoint(
                number.as_f64().unwrap_or_default().into(),
            )),
        },
        Value::String(text) => string(text),
        Value::Array(items) => Yaml::Sequence(items.iter().map(yaml).collect()),
        Value::Object(fields) => Yaml::Mapping(
            fields
                .iter()
                .map(|(key, value)| (string(key), yaml(value)))
                .collect(),
        ),
    }
}

/// Title, byline and lead image as Markdown, for plain GFM.
fn plain_header<'a>(arena: &'a Arena<'a>, article: &Article) -> String {
    let meta = &article.meta;
    let root = commonmark::node(arena, NodeValue::Document);
    let heading = commonmark::node(
        arena,
        NodeValue::Heading(NodeHeading {
            level: 1,
            setext: false,
            closed: false,
        }),
    );
    heading.append(commonmark::text(arena, &meta.title));
    root.append(heading);
    let mut lines = vec![byline_and_date(article)];
    lines.extend(program_line(article));
    for line in lines {
        let paragraph = commonmark::node(arena, NodeValue::Paragraph);
        let emphasis = commonmark::node(arena, NodeValue::Emph);
        emphasis.append(commonmark::text(arena, &line));
        paragraph.append(emphasis);
        root.append(paragraph);
    }
    if let Some(image) = &meta.image {
        let paragraph = commonmark::node(arena, NodeValue::Paragraph);
        let picture = commonmark::node(
            arena,
            NodeValue::Image(Box::new(NodeLink {
                url: image.url.clone(),
                title: String::new(),
            })),
        );
        picture.append(commonmark::text(
            arena,
            image.alt.as_deref().unwrap_or_default(),
        ));
        paragraph.append(picture);
        root.append(paragraph);
        let caption: Vec<String> = image
            .caption
            .iter()
            .cloned()
            .chain(image.credit.as_deref().map(credit_line))
            .collect();
        if !caption.is_empty() {
            let paragraph = commonmark::node(arena, NodeValue::Paragraph);
            paragraph.append(commonmark::text(arena, &caption.join(" ")));
            root.append(paragraph);
        }
    }
    commonmark::to_commonmark(root)
}

/// The discussion section: its heading, a bulleted list of prompts, the note.
fn discussion_markdown<'a>(arena: &'a Arena<'a>, discussion: &Discussion) -> String {
    let root = commonmark::node(arena, NodeValue::Document);
    let heading = commonmark::node(
        arena,
        NodeValue::Heading(NodeHeading {
            level: 2,
            setext: false,
            closed: false,
        }),
    );
    heading.append(commonmark::text(arena, &discussion.heading));
    root.append(heading);
    if !discussion.prompts.is_empty() {
        let list_value = NodeList {
            list_type: ListType::Bullet,
            bullet_char: b'-',
            padding: 2,
            tight: true,
            ..NodeList::default()
        };
        let list = commonmark::node(arena, NodeValue::List(list_value));
        for prompt in &discussion.prompts {
            let item = commonmark::node(arena, NodeValue::Item(list_value));
            for block in commonmark::blocks(arena, prompt) {
                item.append(block);
            }
            list.append(item);
        }
        root.append(list);
    }
    let mut text = commonmark::to_commonmark(root);
    if let Some(note) = &discussion.note {
        text.push_str("\n\n");
        text.push_str(note);
    }
    text
}
