//! Front-matter tree to typed metadata: the keys of the article format, the
//! aliases Hugo, Jekyll and Zola use, and errors that name the key and line.

use super::front_matter::{Entry, Node, Value};
use crate::error::{Error, Result};
use crate::language::is_language_tag;
use crate::model::{Author, Date, Image, Meta};
use crate::url::{is_person_url, is_web_or_relative, is_web_url};
use crate::valid::is_email;

/// Builds the metadata, reporting every problem rather than the first:
/// `check` lists them all. Missing keys are reported at the opening
/// delimiter.
pub(crate) fn read(root: Node, file: &str) -> std::result::Result<Meta, Vec<Error>> {
    let Value::Map(entries) = root.value else {
        return Err(vec![Error::invalid_input(
            file,
            root.line,
            root.column,
            "expected a mapping",
        )]);
    };
    let mut errors = Vec::new();
    let mut fields = Fields::default();
    let mut extra = serde_json::Map::new();
    for entry in entries {
        if entry.value.value == Value::Null {
            continue;
        }
        let slot = match field_of(&entry.key) {
            Some("title") => &mut fields.title,
            Some("id") => &mut fields.id,
            Some("url") => &mut fields.url,
            Some("published") => &mut fields.published,
            Some("updated") => &mut fields.updated,
            Some("authors") => &mut fields.authors,
            Some("summary") => &mut fields.summary,
            Some("tags") => {
                fields.tags.push(entry);
                continue;
            }
            Some("language") => &mut fields.language,
            Some("program") => &mut fields.program,
            Some("publisher") => &mut fields.publisher,
            Some("image") => &mut fields.image,
            Some("discussion_heading") => &mut fields.discussion_heading,
            Some("draft") => &mut fields.draft,
            _ => {
                extra.insert(entry.key, entry.value.value.to_json());
                continue;
            }
        };
        match slot {
            Some(first) => errors.push(Error::invalid_input(
                file,
                entry.line,
                entry.column,
                format!(
                    "`{}` repeats `{}` from line {}: give one of them",
                    entry.key, first.key, first.line
                ),
            )),
            None => *slot = Some(entry),
        }
    }
    let reader = Reader { file };
    let mut keep = Keep(&mut errors);
    let title = keep.ok(reader
        .required(fields.title, "title")
        .and_then(|entry| reader.string(&entry)));
    let title = title.filter(|title| {
        let empty = title.trim().is_empty();
        if empty {
            keep.0
                .push(Error::invalid_input(file, 1, 1, "`title` is empty"));
        }
        !empty
    });
    let published = keep.ok(reader
        .required(fields.published, "published")
        .and_then(|entry| reader.date(&entry)));
    let url = keep.field(fields.url, |entry| reader.url(entry));
    let updated = keep.field(fields.updated, |entry| reader.date(entry));
    let authors = keep.field(fields.authors, |entry| reader.authors(entry));
    let summary = keep.field(fields.summary, |entry| reader.string(entry));
    let language = keep.field(fields.language, |entry| reader.language(entry));
    let program = keep.field(fields.program, |entry| reader.string(entry));
    let publisher = keep.field(fields.publisher, |entry| reader.string(entry));
    let image = keep.field(fields.image, |entry| reader.image(entry));
    let discussion_heading = keep.field(fields.discussion_heading, |entry| reader.string(entry));
    let draft = keep.field(fields.draft, |entry| reader.flag(entry));
    let mut tags = Vec::new();
    for entry in &fields.tags {
        for tag in keep.ok(reader.tags(entry)).unwrap_or_default() {
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
    }
    let id = keep.field(fields.id, |entry| reader.string(entry));
    let (Some(title), Some(published), true) = (title, published, errors.is_empty()) else {
        return Err(errors);
    };
    let mut meta = Meta {
        title,
        id: String::new(),
        url,
        published,
        updated,
        authors: authors.unwrap_or_default(),
        summary,
        tags,
        language,
        program,
        publisher,
        image,
        discussion_heading,
        draft: draft.unwrap_or(false),
        extra,
    };
    meta.id = id.unwrap_or_else(|| derived_id(&meta));
    Ok(meta)
}

/// The field of the article format a front-matter key sets, through the
/// aliases Hugo, Jekyll and Zola use; none for keys the format does not
/// define, which are kept as they are.
pub(crate) fn field_of(key: &str) -> Option<&'static str> {
    Some(match key {
        "title" => "title",
        "id" => "id",
        "url" => "url",
        "published" | "date" => "published",
        "updated" | "lastmod" | "modified" => "updated",
        "authors" | "author" => "authors",
        "summary" | "description" => "summary",
        "tags" | "categories" => "tags",
        "language" => "language",
        "program" => "program",
        "publisher" => "publisher",
        "image" => "image",
        "discussion_heading" => "discussion_heading",
        "draft" => "draft",
        _ => return None,
    })
}

/// Collects errors so that reading can go on past the first.
struct Keep<'e>(&'e mut Vec<Error>);

impl Keep<'_> {
    fn ok<T>(&mut self, result: Result<T>) -> Option<T> {
        result.map_err(|error| self.0.push(error)).ok()
    }

    /// An optional key read with `read`, when it is there and valid.
    fn field<T>(
        &mut self,
        entry: Option<Entry>,
        read: impl FnOnce(&Entry) -> Result<T>,
    ) -> Option<T> {
        self.ok(entry.as_ref().map(read).transpose()).flatten()
    }
}

/// An id that stays the same however often the article is read: the URL
/// when there is one, else a URN from the publication day and title slug.
pub(crate) fn derived_id(meta: &Meta) -> String {
    if let Some(url) = &meta.url {
        return url.clone();
    }
    let mut slug = slug::slugify(&meta.title);
    if slug.is_empty() {
        slug.push_str("article");
    }
    format!("urn:newswire:{}:{slug}", meta.published.day())
}

#[derive(Default)]
struct Fields {
    title: Option<Entry>,
    id: Option<Entry>,
    url: Option<Entry>,
    published: Option<Entry>,
    updated: Option<Entry>,
    authors: Option<Entry>,
    summary: Option<Entry>,
    tags: Vec<Entry>,
    language: Option<Entry>,
    program: Option<Entry>,
    publisher: Option<Entry>,
    image: Option<Entry>,
    discussion_heading: Option<Entry>,
    draft: Option<Entry>,
}

struct Reader<'f> {
    file: &'f str,
}

impl Reader<'_> {
    fn wrong_type(&self, key: &str, node: &Node, expected: &str) -> Error {
        Error::invalid_input(
            self.file,
            node.line,
            node.column,
            format!(
                "expected `{key}` to be {expected}, found {}",
                node.value.kind()
            ),
        )
    }

    fn required(&self, entry: Option<Entry>, key: &str) -> Result<Entry> {
        entry.ok_or_else(|| {
            Error::invalid_input(
                self.file,
                1,
                1,
                format!("missing required key `{key}` in the front matter"),
            )
        })
    }

    fn string(&self, entry: &Entry) -> Result<String> {
        self.text(&entry.key, &entry.value)
    }

    /// Scalars other than booleans read as the text they were written as,
    /// since YAML turns `title: 1984` into a number.
    fn text(&self, key: &str, node: &Node) -> Result<String> {
        match &node.value {
            Value::String(text)
            | Value::Integer(_, text)
            | Value::Float(_, text)
            | Value::Datetime(text) => Ok(text.clone()),
            _ => Err(self.wrong_type(key, node, "a string")),
        }
    }

    fn flag(&self, entry: &Entry) -> Result<bool> {
        match entry.value.value {
            Value::Bool(flag) => Ok(flag),
            _ => Err(self.wrong_type(&entry.key, &entry.value, "true or false")),
        }
    }

    fn date(&self, entry: &Entry) -> Result<Date> {
        let text = match &entry.value.value {
            Value::String(text) | Value::Datetime(text) => text,
            _ => return Err(self.wrong_type(&entry.key, &entry.value, "a date")),
        };
        Date::parse(text).ok_or_else(|| {
            Error::invalid_input(
                self.file,
                entry.value.line,
                entry.value.column,
                format!(
                    "`{}` is not a date: {text:?}; expected RFC 3339 (2014-02-17T18:00:00-05:00) or YYYY-MM-DD",
                    entry.key
                ),
            )
        })
    }

    fn url(&self, entry: &Entry) -> Result<String> {
        self.absolute_url(&entry.key, &entry.value, is_web_url)
    }

    /// An absolute URL in its normalised form (`https://Example.com/a b`
    /// becomes `https://example.com/a%20b`), as feed validators require,
    /// of a scheme `allowed` lets a reader follow.
    fn absolute_url(&self, key: &str, node: &Node, allowed: fn(&str) -> bool) -> Result<String> {
        let url = self.text(key, node)?;
        if allowed(&url) {
            Ok(ammonia::Url::parse(&url).map_or(url, String::from))
        } else {
            Err(Error::invalid_input(
                self.file,
                node.line,
                node.column,
                format!(
                    "`{key}` is not an absolute http or https URL: {url:?}; expected one such as https://example.com/a"
                ),
            ))
        }
    }

    /// A string that passes `valid`, or an error saying it is not `what`
    /// and giving an `example` of what is.
    fn checked(
        &self,
        entry: &Entry,
        valid: fn(&str) -> bool,
        what: &str,
        example: &str,
    ) -> Result<String> {
        let text = self.string(entry)?;
        if valid(&text) {
            return Ok(text);
        }
        Err(Error::invalid_input(
            self.file,
            entry.value.line,
            entry.value.column,
            format!(
                "`{}` is not {what}: {text:?}; expected one such as {example}",
                entry.key
            ),
        ))
    }

    fn email(&self, entry: &Entry) -> Result<String> {
        self.checked(entry, is_email, "an e-mail address", "name@example.com")
    }

    fn language(&self, entry: &Entry) -> Result<String> {
        self.checked(
            entry,
            is_language_tag,
            "a BCP 47 tag",
            "`en`, `ar` or `pt-BR`",
        )
    }

    fn authors(&self, entry: &Entry) -> Result<Vec<Author>> {
        match &entry.value.value {
            Value::List(items) => items
                .iter()
                .map(|item| self.author(&entry.key, item))
                .collect(),
            _ => Ok(vec![self.author(&entry.key, &entry.value)?]),
        }
    }

    fn author(&self, key: &str, node: &Node) -> Result<Author> {
        let Value::Map(entries) = &node.value else {
            return Ok(Author {
                name: self
                    .text(key, node)
                    .map_err(|_| self.wrong_type(key, node, "a name or a list of names"))?,
                url: None,
                email: None,
            });
        };
        let mut author = Author {
            name: String::new(),
            url: None,
            email: None,
        };
        for entry in entries {
            match entry.key.as_str() {
                "name" => author.name = self.string(entry)?,
                "url" => {
                    author.url = Some(self.absolute_url("url", &entry.value, is_person_url)?)
                }
                "email" => author.email = Some(self.email(entry)?),
                other => {
                    return Err(Error::invalid_input(
                        self.file,
                        entry.line,
                        entry.column,
                        format!(
                            "unexpected key `{other}` in an author: expected `name`, `url` or `email`"
                        ),
                    ));
                }
            }
        }
        if author.name.trim().is_empty() {
            return Err(Error::invalid_input(
                self.file,
                node.line,
                node.column,
                "an author needs a `name`",
            ));
        }
        Ok(author)
    }

    /// Jekyll also allows a space-separated string.
    fn tags(&self, entry: &Entry) -> Result<Vec<String>> {
        match &entry.value.value {
            Value::List(items) => items
                .iter()
                .map(|item| self.text(&entry.key, item))
                .collect(),
            Value::String(text) => Ok(text.split_whitespace().map(str::to_owned).collect()),
            _ => Err(self.wrong_type(&entry.key, &entry.value, "a list of strings")),
        }
    }

    fn image(&self, entry: &Entry) -> Result<Image> {
        let Value::Map(entries) = &entry.value.value else {
            return Ok(Image {
                url: self
                    .text("image", &entry.value)
                    .map_err(|_| self.wrong_type("image", &entry.value, "a mapping with `url`"))?,
                alt: None,
                credit: None,
                caption: None,
            });
        };
        let mut image = Image {
            url: String::new(),
            alt: None,
            credit: None,
            caption: None,
        };
        for field in entries {
            let text = self.string(field)?;
            let value = Some(text.clone());
            match field.key.as_str() {
                "url" | "src" => image.url = text,
                "alt" => image.alt = value,
                "credit" => image.credit = value,
                "caption" => image.caption = value,
                other => {
                    return Err(Error::invalid_input(
                        self.file,
                        field.line,
                        field.column,
                        format!(
                            "unexpected key `{other}` in `image`: expected `url`, `alt`, `credit` or `caption`"
                        ),
                    ));
                }
            }
        }
        if !is_web_or_relative(&image.url) {
            return Err(Error::invalid_input(
                self.file,
                entry.value.line,
                entry.value.column,
                format!(
                    "`image` URL {:?} is neither relative nor http or https",
                    image.url
                ),
            ));
        }
        if image.url.is_empty() {
            return Err(Error::invalid_input(
                self.file,
                entry.value.line,
                entry.value.column,
                "`image` needs a `url`",
            ));
        }
        Ok(image)
    }
}
