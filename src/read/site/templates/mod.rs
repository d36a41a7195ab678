//! Template syntax in a site's content: the shortcodes and tags that have
//! a plain meaning become it (a figure, a link, a code block, a resolved
//! permalink); any other is left out with a warning, never passed on.
//! Code blocks and code spans are left as written.

use super::Generator;
use super::template_syntax::{
    argument, arguments, closes_fence, figure, find_tag, find_within, link, opens_fence,
    string_literal, strip_raw_tags,
};
use quick_xml::escape::escape;

/// A link to another page of the site, as a template names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reference<'t> {
    /// A content file: Hugo `ref`/`relref`, Zola `@/path.md`.
    Content(&'t str),
    /// A Jekyll post by its file name: `post_url 2010-07-21-name`.
    Post(&'t str),
    /// A file by its path from the site's root: Jekyll `link`.
    SourcePath(&'t str),
}

/// What expanding a page's templates needs from its site.
pub(crate) struct Context<'c> {
    pub generator: Generator,
    /// Jekyll's `site.url`, without a trailing slash.
    pub site_url: Option<&'c str>,
    /// Jekyll's `site.baseurl`: empty, or a path such as `/blog`.
    pub base_path: &'c str,
    /// Site values an expression may name (`site.repository`).
    pub variables: &'c [(String, String)],
    /// The absolute URL a reference names, when that page exists.
    pub resolve: &'c dyn Fn(Reference<'_>) -> Option<String>,
}

/// A body with its templates expanded, and a warning for each construct
/// left out or unresolved, at its body line and column.
#[derive(Debug, Default)]
pub(crate) struct Expanded {
    pub text: String,
    pub warnings: Vec<(usize, usize, String)>,
}

/// How far a template construct may run on over following lines.
const CONSTRUCT_LINES: usize = 40;

pub(crate) fn expand(body: &str, context: &Context<'_>) -> Expanded {
    let mut scanner = Scanner {
        context,
        out: Expanded {
            text: String::with_capacity(body.len()),
            warnings: Vec::new(),
        },
        fence: None,
        code_until: None,
        verbatim: None,
        line: 1,
    };
    let mut rest = body;
    while !rest.is_empty() {
        let end = rest.find('\n').map_or(rest.len(), |at| at + 1);
        let consumed = scanner.line(rest, end);
        rest = &rest[consumed..];
    }
    scanner.out
}

struct Scanner<'c, 'x> {
    context: &'x Context<'c>,
    out: Expanded,
    /// The open code fence: its character and length.
    fence: Option<(char, usize)>,
    /// A template code block (`{% highlight %}`) runs to this tag name.
    code_until: Option<&'static str>,
    /// Inside Liquid's `{% raw %}` (kept as text) or `{% comment %}`
    /// (dropped): the tag that ends it, and whether the text is kept.
    verbatim: Option<(&'static str, bool)>,
    line: usize,
}

impl Scanner<'_, '_> {
    fn warn(&mut self, column: usize, message: String) {
        self.out.warnings.push((self.line, column, message));
    }

    /// Handles the line at the start of `rest` (`end` bytes long) and
    /// returns how many bytes were consumed, more when a construct ran
    /// on over following lines.
    fn line(&mut self, rest: &str, end: usize) -> usize {
        let text = &rest[..end];
        if let Some((fence_char, length)) = self.fence {
            if closes_fence(text, fence_char, length) {
                self.fence = None;
            }
            self.push_code(text);
            self.line += 1;
            return end;
        }
        if let Some(until) = self.code_until {
            if let Some((at, close_end)) = find_tag(text, until) {
                self.push_code(&text[..at]);
                if !self.out.text.ends_with('\n') && !self.out.text.is_empty() {
                    self.out.text.push('\n');
                }
                self.out.text.push_str("```");
                self.out.text.push_str(&text[close_end..]);
                self.code_until = None;
            } else {
                self.push_code(text);
            }
            self.line += 1;
            return end;
        }
        if let Some(opened) = opens_fence(text) {
            self.fence = Some(opened);
            self.push_code(text);
            self.line += 1;
            return end;
        }
        self.inline(rest, end)
    }

    /// Code is copied as written, except Hugo's escaped shortcodes, which
    /// Hugo writes without their comment marks, and Liquid's raw tags.
    fn push_code(&mut self, text: &str) {
        let text = match self.context.generator {
            Generator::Hugo => text
                .replace("{{</*", "{{<")
                .replace("*/>}}", ">}}")
                .replace("{{%/*", "{{%")
                .replace("*/%}}", "%}}"),
            Generator::Jekyll | Generator::Eleventy => strip_raw_tags(text),
            Generator::Zola => text.to_owned(),
        };
        self.out.text.push_str(&text);
    }

    fn inline(&mut self, rest: &str, end: usize) -> usize {
        let mut at = 0;
        let line_start_out = self.out.text.len();
        while at < end {
            let here = &rest[at..];
            let column = rest[..at].chars().count() + 1;
            if let Some((until, keep)) = self.verbatim {
                match find_tag(&rest[at..end], until) {
                    Some((start, close)) => {
                        if keep {
                            self.out.text.push_str(&here[..start]);
                        }
                        self.verbatim = None;
                        at += close;
                    }
                    None => {
                        if keep {
                            self.out.text.push_str(&rest[at..end]);
                        } else if rest[..end].ends_with('\n') {
                            // Dropped lines keep their place.
                            self.out.text.push('\n');
                        }
                        at = end;
                    }
                }
                continue;
            }
            if here.starts_with('`') {
                let run = here.len() - here.trim_start_matches('`').len();
                let fence = &here[..run];
                let span_end = here[run..]
                    .find(fence)
                    .filter(|&found| !here[run..run + found].contains("\n\n"))
                    .map(|found| run + found + run);
                let take = span_end.unwrap_or(run);
                self.copy(&here[..take]);
                at += take;
                continue;
            }
            if let Some(taken) = self.construct(here, column, line_start_out) {
                at += taken;
                continue;
            }
            let next = here.chars().next().map_or(1, char::len_utf8);
            self.out.text.push_str(&here[..next]);
            at += next;
        }
        self.line += 1;
        at
    }

    /// Copies text that may span lines, counting them.
    fn copy(&mut self, text: &str) {
        self.line += text.matches('\n').count();
        self.out.text.push_str(text);
    }

    /// Expands the construct at the start of `here`, if one starts there,
    /// and returns how many bytes it took.
    fn construct(&mut self, here: &str, column: usize, line_start_out: usize) -> Option<usize> {
        let generator = self.context.generator;
        if generator == Generator::Zola
            && let Some(taken) = self.zola_link(here, column)
        {
            return Some(taken);
        }
        if !here.starts_with('{') {
            return None;
        }
        let (open, close) = match generator {
            Generator::Hugo => {
                if here.starts_with("{{</*") {
                    return self.escaped(here, "{{</*", "*/>}}", "{{<", ">}}");
                }
                if here.starts_with("{{%/*") {
                    return self.escaped(here, "{{%/*", "*/%}}", "{{%", "%}}");
                }
                if here.starts_with("{{<") {
                    ("{{<", ">}}")
                } else if here.starts_with("{{%") {
                    ("{{%", "%}}")
                } else {
                    return None;
                }
            }
            _ => {
                if here.starts_with("{{") {
                    ("{{", "}}")
                } else if here.starts_with("{%") {
                    ("{%", "%}")
                } else if here.starts_with("{#") {
                    ("{#", "#}")
                } else {
                    return None;
                }
            }
        };
        let inner_end = find_within(&here[open.len()..], close, CONSTRUCT_LINES)?;
        let taken = open.len() + inner_end + close.len();
        let inner = here[open.len()..open.len() + inner_end]
            .trim()
            .trim_matches('-')
            .trim();
        let spanned = here[..taken].matches('\n').count();
        let own_line = self.out.text[line_start_out..].trim().is_empty();
        let replacement = match (generator, open) {
            (Generator::Hugo, open) => self.hugo(inner, open, column, own_line),
            (_, "{#") => String::new(),
            (_, "{{") => self.output_expression(inner, column),
            _ => self.tag(inner, column),
        };
        self.out.text.push_str(&replacement);
        // The construct's own line breaks are kept so that later lines
        // keep their numbers.
        for _ in 0..spanned {
            self.out.text.push('\n');
        }
        self.line += spanned;
        Some(taken)
    }

    fn escaped(
        &mut self,
        here: &str,
        open: &str,
        close: &str,
        written_open: &str,
        written_close: &str,
    ) -> Option<usize> {
        let inner_end = find_within(&here[open.len()..], close, CONSTRUCT_LINES)?;
        let inner = &here[open.len()..open.len() + inner_end];
        self.out.text.push_str(written_open);
        self.copy(inner);
        self.out.text.push_str(written_close);
        Some(open.len() + inner_end + close.len())
    }

    /// A Hugo shortcode, `{{< name args >}}` or its closing `{{< /name >}}`.
    fn hugo(&mut self, inner: &str, open: &str, column: usize, own_line: bool) -> String {
        let closing = inner.starts_with('/');
        let words = arguments(inner.trim_start_matches('/'));
        let Some(name) = words.first().map(|(_, value)| value.clone()) else {
            return String::new();
        };
        let arg = |key: &str, position: usize| argument(&words, key, position);
        match (name.as_str(), closing) {
            ("highlight", false) => {
                self.code_until = Some("/highlight");
                format!("```{}", arg("lang", 1).unwrap_or_default())
            }
            ("figure", false) => figure(
                &arg("src", 1).unwrap_or_default(),
                arg("alt", 99).or_else(|| arg("title", 99)).as_deref(),
                arg("caption", 99).as_deref(),
                arg("link", 99).as_deref(),
            ),
            ("youtube", false) => match arg("id", 1) {
                Some(id) => link(
                    &arg("title", 99).unwrap_or_else(|| "Video on YouTube".into()),
                    &format!("https://www.youtube.com/watch?v={id}"),
                ),
                None => self.left_out(column, "a `youtube` shortcode without an id"),
            },
            ("vimeo", false) => match arg("id", 1) {
                Some(id) => link(
                    &arg("title", 99).unwrap_or_else(|| "Video on Vimeo".into()),
                    &format!("https://vimeo.com/{id}"),
                ),
                None => self.left_out(column, "a `vimeo` shortcode without an id"),
            },
            ("x" | "tweet" | "twitter", false) => match (arg("user", 1), arg("id", 2)) {
                (Some(user), Some(id)) => link(
                    &format!("Post by @{user}"),
                    &format!("https://x.com/{user}/status/{id}"),
                ),
                _ => self.left_out(column, &format!("a `{name}` shortcode without user and id")),
            },
            ("instagram", false) => match arg("id", 1) {
                Some(id) => link(
                    "Post on Instagram",
                    &format!("https://www.instagram.com/p/{id}/"),
                ),
                None => self.left_out(column, "an `instagram` shortcode without an id"),
            },
            ("gist", false) => match (arg("user", 1), arg("id", 2)) {
                (Some(user), Some(id)) => link(
                    &format!("Gist {id}"),
                    &format!("https://gist.github.com/{user}/{id}"),
                ),
                _ => self.left_out(column, "a `gist` shortcode without user and id"),
            },
            ("ref" | "relref", false) => {
                let target = arg("path", 1).unwrap_or_default();
                self.reference(
                    Reference::Content(&target),
                    column,
                    &format!("{name} {target:?}"),
                )
            }
            ("details", false) => {
                let summary = arg("summary", 99).unwrap_or_else(|| "Details".into());
                format!(
                    "<details><summary>{}</summary>{}",
                    escape(summary.as_str()),
                    if own_line { "\n" } else { "" }
                )
            }
            ("details", true) => "</details>".to_owned(),
            _ => {
                let close = if open == "{{%" { "%}}" } else { ">}}" };
                let slash = if closing { "/" } else { "" };
                self.left_out(
                    column,
                    &format!("the Hugo shortcode `{open} {slash}{name} {close}`"),
                )
            }
        }
    }

    /// A Liquid, Nunjucks or Zola tag: `{% name args %}`.
    fn tag(&mut self, inner: &str, column: usize) -> String {
        let (name, args) = inner
            .split_once(|c: char| c.is_whitespace() || c == '(')
            .unwrap_or((inner, ""));
        let unquoted = args.trim().trim_matches(['"', '\'']);
        match (self.context.generator, name) {
            (Generator::Zola, "end") => String::new(),
            (Generator::Zola, _) => self.left_out(
                column,
                &format!("the Zola shortcode `{{% {name}(…) %}}`, its body kept"),
            ),
            (_, "highlight") => {
                self.code_until = Some("endhighlight");
                let language = args
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .trim_matches(['"', '\'']);
                format!("```{language}")
            }
            (_, "raw") => {
                self.verbatim = Some(("endraw", true));
                String::new()
            }
            (_, "comment") => {
                self.verbatim = Some(("endcomment", false));
                String::new()
            }
            (_, "link") => self.reference(
                Reference::SourcePath(unquoted),
                column,
                &format!("link {unquoted}"),
            ),
            (_, "post_url") => self.reference(
                Reference::Post(unquoted),
                column,
                &format!("post_url {unquoted}"),
            ),
            (Generator::Eleventy, "image") => {
                let parts: Vec<&str> = args
                    .split(',')
                    .map(|part| part.trim().trim_matches(['"', '\'']))
                    .collect();
                let source = parts.first().copied().unwrap_or_default();
                let alt = parts.get(1).copied();
                figure(source, alt, None, None)
            }
            _ => self.left_out(column, &format!("the template tag `{{% {name} %}}`")),
        }
    }

    /// `{{ expression }}`: Jekyll's site URL values, a path through
    /// `relative_url` or `absolute_url`, and Zola's built-in shortcodes.
    fn output_expression(&mut self, inner: &str, column: usize) -> String {
        let compact: String = inner.split_whitespace().collect::<Vec<_>>().join(" ");
        let site_url = self.context.site_url.unwrap_or_default();
        let base_path = self.context.base_path;
        match compact.as_str() {
            "site.url" => return site_url.to_owned(),
            "site.baseurl" => return base_path.to_owned(),
            name => {
                if let Some((_, value)) = self.context.variables.iter().find(|(key, _)| key == name)
                {
                    return value.clone();
                }
            }
        }
        if let Some((literal, filters)) = string_literal(&compact) {
            let filters = filters.replace(' ', "");
            if filters == "|relative_url" || filters == "|absolute_url" {
                return format!("{site_url}{base_path}{literal}");
            }
            if filters == "|prepend:site.baseurl" {
                return format!("{site_url}{base_path}{literal}");
            }
        }
        if self.context.generator == Generator::Zola
            && let Some((name, args)) = compact.split_once('(')
        {
            let args = arguments(args.trim_end_matches(')').replace(',', " ").as_str());
            let id = argument(&args, "id", 99);
            let made = match (name.trim(), id) {
                ("youtube", Some(id)) => Some(link(
                    "Video on YouTube",
                    &format!("https://www.youtube.com/watch?v={id}"),
                )),
                ("vimeo", Some(id)) => {
                    Some(link("Video on Vimeo", &format!("https://vimeo.com/{id}")))
                }
                ("streamable", Some(id)) => Some(link(
                    "Video on Streamable",
                    &format!("https://streamable.com/{id}"),
                )),
                ("gist", _) => argument(&args, "url", 99).map(|url| link("Gist", &url)),
                _ => None,
            };
            if let Some(made) = made {
                return made;
            }
            return self.left_out(column, &format!("the Zola shortcode `{{{{ {compact} }}}}`"));
        }
        self.left_out(
            column,
            &format!("the template expression `{{{{ {compact} }}}}`"),
        )
    }

    /// A Zola internal link, `](@/blog/post.md)`, made the page's URL.
    fn zola_link(&mut self, here: &str, column: usize) -> Option<usize> {
        let opener = if here.starts_with("](@/") {
            "]("
        } else if here.starts_with("]: @/") {
            "]: "
        } else {
            return None;
        };
        let start = opener.len();
        let target_end = here[start..]
            .find(|c: char| c == ')' || c.is_whitespace())
            .map_or(here.len(), |at| start + at);
        let target = &here[start + 2..target_end];
        let url = self.reference(Reference::Content(target), column, &format!("@/{target}"));
        self.out.text.push_str(opener);
        self.out.text.push_str(&url);
        Some(target_end)
    }

    fn reference(&mut self, reference: Reference<'_>, column: usize, shown: &str) -> String {
        let (path, anchor) = match reference {
            Reference::Content(target) => match target.split_once('#') {
                Some((path, anchor)) => (Reference::Content(path), Some(anchor)),
                None => (reference, None),
            },
            other => (other, None),
        };
        match (self.context.resolve)(path) {
            Some(url) => match anchor {
                Some(anchor) => format!("{url}#{anchor}"),
                None => url,
            },
            None => {
                self.warn(
                    column,
                    format!("`{shown}` names no page of the site; the link is left empty"),
                );
                String::new()
            }
        }
    }

    fn left_out(&mut self, column: usize, what: &str) -> String {
        self.warn(
            column,
            format!("{what} has no meaning outside the site generator; it is left out"),
        );
        String::new()
    }
}

#[cfg(test)]
mod tests;
