//! The one registry of formats: names, aliases and file extensions.

use std::fmt;
use std::path::Path;

/// A document format newswire reads or writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// The canonical article: front matter and a CommonMark/GFM body.
    Markdown,
    /// Plain text for terminals, e-mail and text pipelines.
    Text,
    /// A standalone HTML5 page.
    Html,
    /// The document model as JSON, for `jq` and other programs.
    ArticleJson,
    /// RSS 2.0.
    Rss,
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// JSON Feed 1.1.
    JsonFeed,
}

impl Format {
    /// Every format, in the order help text and `-t all` use.
    pub const ALL: [Format; 7] = [
        Format::Markdown,
        Format::Text,
        Format::Html,
        Format::ArticleJson,
        Format::Rss,
        Format::Atom,
        Format::JsonFeed,
    ];

    /// The canonical name, as `-t` and `-f` take it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Markdown => "markdown",
            Format::Text => "text",
            Format::Html => "html",
            Format::ArticleJson => "article-json",
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::JsonFeed => "jsonfeed",
        }
    }

    /// Other names users type for the same format.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::Markdown => &["md"],
            Format::Text => &["txt"],
            Format::JsonFeed => &["json"],
            Format::Html | Format::ArticleJson | Format::Rss | Format::Atom => &[],
        }
    }

    /// What the format is, in a line, for `--list-formats`.
    pub fn description(self) -> &'static str {
        match self {
            Format::Markdown => "the canonical article: front matter and a CommonMark/GFM body",
            Format::Text => "plain text, wrapped, quotes indented, prompts numbered",
            Format::Html => "a standalone HTML5 page",
            Format::ArticleJson => "the document model as JSON, for jq and other programs",
            Format::Rss => "RSS 2.0 (reads 0.91, 0.92, 1.0 and 2.0)",
            Format::Atom => "Atom 1.0 (RFC 4287)",
            Format::JsonFeed => "JSON Feed 1.1 (reads 1.0 and 1.1)",
        }
    }

    /// The format with this name or alias, ignoring case.
    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|format| format.name() == name || format.aliases().contains(&name.as_str()))
    }

    /// What a file written in this format is called after its article:
    /// `syria.md` becomes `syria` plus this.
    pub fn file_suffix(self) -> &'static str {
        match self {
            Format::Markdown => ".md",
            Format::Text => ".txt",
            Format::Html => ".html",
            Format::ArticleJson => ".article.json",
            Format::Rss => ".rss.xml",
            Format::Atom => ".atom.xml",
            Format::JsonFeed => ".feed.json",
        }
    }

    /// The format a file name suggests, longest suffix first, so that
    /// `a.article.json` is article JSON.
    pub fn from_path(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        let mut candidates: Vec<(&str, Format)> = Format::ALL
            .into_iter()
            .map(|format| (format.file_suffix(), format))
            .chain([
                (".markdown", Format::Markdown),
                (".htm", Format::Html),
                (".text", Format::Text),
                (".rss", Format::Rss),
                (".atom", Format::Atom),
                (".json", Format::JsonFeed),
            ])
            .collect();
        candidates.sort_by_key(|(suffix, _)| std::cmp::Reverse(suffix.len()));
        candidates
            .into_iter()
            .find(|(suffix, _)| name.ends_with(suffix))
            .map(|(_, format)| format)
    }

    /// Whether this is a feed format, which `feed` can write.
    pub fn is_feed(self) -> bool {
        matches!(self, Format::Rss | Format::Atom | Format::JsonFeed)
    }

    /// Whether newswire reads this format: articles, and the feed formats
    /// through `import` and `convert`.
    pub fn is_input(self) -> bool {
        self.is_readable() || self.is_feed()
    }

    /// Whether newswire can read articles in this format.
    pub fn is_readable(self) -> bool {
        matches!(self, Format::Markdown | Format::ArticleJson)
    }

    /// The names `-t` accepts, for help and error messages.
    pub fn names_for_help() -> String {
        Format::ALL
            .into_iter()
            .map(|format| match format.aliases() {
                [] => format.name().to_owned(),
                aliases => format!("{} ({})", format.name(), aliases.join(", ")),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Outputs into one directory are told apart by their input's stem
    /// alone only while no suffix ends another.
    #[test]
    fn no_file_suffix_ends_another() {
        for a in Format::ALL {
            for b in Format::ALL {
                if a != b {
                    assert!(!a.file_suffix().ends_with(b.file_suffix()), "{a} {b}");
                }
            }
        }
    }

    #[test]
    fn names_and_aliases_parse() {
        for format in Format::ALL {
            assert_eq!(Format::parse(format.name()), Some(format));
            for alias in format.aliases() {
                assert_eq!(Format::parse(alias), Some(format));
            }
        }
        assert_eq!(Format::parse("docx"), None);
    }

    #[test]
    fn longest_suffix_wins() {
        assert_eq!(
            Format::from_path(Path::new("a.article.json")),
            Some(Format::ArticleJson)
        );
        assert_eq!(Format::from_path(Path::new("a.md")), Some(Format::Markdown));
        assert_eq!(
            Format::from_path(Path::new("a.json")),
            Some(Format::JsonFeed)
        );
        assert_eq!(Format::from_path(Path::new("a.rss.xml")), Some(Format::Rss));
        assert_eq!(Format::from_path(Path::new("a.xml")), None);
    }
}
