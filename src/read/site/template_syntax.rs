//! The small syntax template constructs share: shortcode arguments, tag
//! names, code fences; and the HTML their meanings are written as.

use quick_xml::escape::escape;

/// An image, as a figure with its caption when it has one.
pub(super) fn figure(
    source: &str,
    alt: Option<&str>,
    caption: Option<&str>,
    link: Option<&str>,
) -> String {
    let image = format!(
        "<img src=\"{}\" alt=\"{}\">",
        escape(source),
        escape(alt.or(caption).unwrap_or_default())
    );
    let image = match link {
        Some(link) => format!("<a href=\"{}\">{image}</a>", escape(link)),
        None => image,
    };
    match caption {
        Some(caption) => format!(
            "<figure>{image}<figcaption>{}</figcaption></figure>",
            escape(caption)
        ),
        None => format!("<figure>{image}</figure>"),
    }
}

pub(super) fn link(text: &str, url: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(url), escape(text))
}

/// A shortcode's arguments: positional words and `key=value` pairs, in
/// double quotes, back quotes, or bare.
pub(super) fn arguments(text: &str) -> Vec<(Option<String>, String)> {
    let mut words = Vec::new();
    let mut chars = text.trim().chars().peekable();
    while chars.peek().is_some() {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut key = None;
        let mut word = String::new();
        loop {
            match chars.peek().copied() {
                None => break,
                Some(c) if c.is_whitespace() => break,
                Some('=') if key.is_none() && !word.is_empty() => {
                    chars.next();
                    key = Some(std::mem::take(&mut word));
                }
                Some(quote @ ('"' | '`' | '\'')) => {
                    chars.next();
                    for c in chars.by_ref() {
                        if c == quote {
                            break;
                        }
                        word.push(c);
                    }
                }
                Some(c) => {
                    chars.next();
                    word.push(c);
                }
            }
        }
        if key.is_some() || !word.is_empty() {
            words.push((key, word));
        }
    }
    words
}

/// The argument named `key`, or the positional one at `position` (the
/// shortcode's name is position 0).
pub(super) fn argument(
    words: &[(Option<String>, String)],
    key: &str,
    position: usize,
) -> Option<String> {
    words
        .iter()
        .find(|(name, _)| name.as_deref() == Some(key))
        .or_else(|| {
            words
                .iter()
                .filter(|(name, _)| name.is_none())
                .nth(position)
        })
        .map(|(_, value)| value.clone())
        .filter(|value| !value.is_empty())
}

/// `'text' | filters` split into the text and the filters.
pub(super) fn string_literal(expression: &str) -> Option<(&str, &str)> {
    let quote = expression
        .chars()
        .next()
        .filter(|c| matches!(c, '"' | '\''))?;
    let end = expression[1..].find(quote)? + 1;
    Some((&expression[1..end], &expression[end + 1..]))
}

/// `close` within the next `lines` lines of `text`.
pub(super) fn find_within(text: &str, close: &str, lines: usize) -> Option<usize> {
    let found = text.find(close)?;
    (text[..found].matches('\n').count() <= lines).then_some(found)
}

/// Where the tag `{% name %}` (or Hugo's `{{< name >}}`) is in `text`,
/// and where it ends.
pub(super) fn find_tag(text: &str, name: &str) -> Option<(usize, usize)> {
    let mut from = 0;
    while let Some(found) = text[from..].find('{') {
        let start = from + found;
        let rest = &text[start..];
        for (open, close) in [("{%", "%}"), ("{{<", ">}}"), ("{{%", "%}}")] {
            if let Some(inner) = rest.strip_prefix(open)
                && let Some(end) = inner.find(close)
                && inner[..end].trim().trim_matches('-').trim() == name
            {
                return Some((start, start + open.len() + end + close.len()));
            }
        }
        from = start + 1;
    }
    None
}

pub(super) fn strip_raw_tags(text: &str) -> String {
    let mut text = text.to_owned();
    for name in ["raw", "endraw"] {
        while let Some((start, end)) = find_tag(&text, name) {
            text.replace_range(start..end, "");
        }
    }
    text
}

/// A line that opens a fenced code block: up to three spaces, then three
/// or more backticks or tildes.
pub(super) fn opens_fence(line: &str) -> Option<(char, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let fence_char = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let length = trimmed.len() - trimmed.trim_start_matches(fence_char).len();
    let info = &trimmed[length..];
    (length >= 3 && !(fence_char == '`' && info.contains('`'))).then_some((fence_char, length))
}

pub(super) fn closes_fence(line: &str, fence_char: char, length: usize) -> bool {
    let trimmed = line.trim_start_matches(' ');
    let run = trimmed.len() - trimmed.trim_start_matches(fence_char).len();
    line.len() - trimmed.len() <= 3 && run >= length && trimmed[run..].trim().is_empty()
}
