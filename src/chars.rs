//! The characters no output may carry: XML 1.0 excludes them, and HTML
//! treats them as parse errors, so every reader refuses them (or, reading
//! a feed, drops them) and every writer can trust that none reach it. One
//! rule, whatever decoded the character: raw bytes, a YAML, TOML or JSON
//! escape, or an XML or HTML character reference.

use std::borrow::Cow;

/// A byte scan, far cheaper than a search by character: every forbidden
/// character is an ASCII control or starts with 0xC2 (C1 controls), 0xEF
/// (U+FDD0 to U+FFFF) or 0xF0 to 0xF4 (the other planes' noncharacters)
/// in UTF-8, and most text has none of these bytes.
pub(crate) fn may_have_forbidden_chars(text: &str) -> bool {
    // Without a branch per byte, each chunk's test is vectorised.
    text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &byte| {
            found
                | ((byte < b' ') & (byte != b'\t') & (byte != b'\n'))
                | (byte == 0x7F)
                | (byte == 0xC2)
                | (byte >= 0xEF)
        })
    })
}

/// ASCII controls other than tab and newline (XML 1.0 allows no other C0
/// control; a carriage return is only a line ending, made `\n` on input),
/// DEL and the C1 controls (HTML's "control" parse error), and the
/// noncharacters: U+FDD0 to U+FDEF and the last two code points of every
/// plane, of which XML 1.0 excludes U+FFFE and U+FFFF.
pub(crate) fn is_forbidden_char(c: char) -> bool {
    let code = u32::from(c);
    (c.is_control() && c != '\t' && c != '\n')
        || (0xFDD0..=0xFDEF).contains(&code)
        || (code & 0xFFFE) == 0xFFFE
}

/// Where the first forbidden character in `text` is, and which it is.
pub(crate) fn first_forbidden(text: &str) -> Option<(usize, char)> {
    if !may_have_forbidden_chars(text) {
        return None;
    }
    text.char_indices().find(|&(_, c)| is_forbidden_char(c))
}

/// `text` without its forbidden characters: the readers refuse them in
/// the source, but character references such as `&#x1;` that comrak or
/// the sanitiser decode write them out raw.
pub(crate) fn without_forbidden(text: String) -> String {
    if first_forbidden(&text).is_some() {
        text.replace(is_forbidden_char, "")
    } else {
        text
    }
}

/// The error for a forbidden character an escape wrote, at the escape.
pub(crate) fn escaped_forbidden_error(
    file: &str,
    (line, column): (usize, usize),
    found: char,
) -> crate::error::Error {
    crate::error::Error::invalid_input(
        file,
        line,
        column,
        format!(
            "{} (from an escape) is not allowed in an article",
            describe(found)
        ),
    )
}

/// What a forbidden character is, for messages: `control character
/// U+0001`, `noncharacter U+FFFE`.
pub(crate) fn describe(c: char) -> String {
    let kind = if c.is_control() {
        "control character"
    } else {
        "noncharacter"
    };
    format!("{kind} U+{:04X}", u32::from(c))
}

/// The first escape in `source` that stands for a forbidden character,
/// with its byte offset: a backslash escape as YAML, TOML and JSON strings
/// write them (`\x01`, `\u0007`, `\U0000FFFE`, `\0`, `\e`, `\N`…) or a
/// character reference as XML and HTML write them (`&#1;`, `&#x1B;`).
/// Finds where a value decoded from such an escape went wrong, which the
/// decoded value no longer shows.
pub(crate) fn forbidden_escape(source: &str) -> Option<(usize, char)> {
    let bytes = source.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let (decoded, length) = match bytes[at] {
            b'\\' => backslash_escape(&source[at..]),
            b'&' => character_reference(&source[at..]),
            _ => (None, 1),
        };
        if let Some(c) = decoded.filter(|&c| is_forbidden_char(c)) {
            return Some((at, c));
        }
        at += length.max(1);
    }
    None
}

/// The character a backslash escape at the start of `text` stands for,
/// and how many bytes it takes; an escaped backslash stands for none.
fn backslash_escape(text: &str) -> (Option<char>, usize) {
    let hex = |digits: usize| {
        text.get(2..2 + digits)
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
            .and_then(char::from_u32)
            .map_or((None, 2), |c| (Some(c), 2 + digits))
    };
    match text.as_bytes().get(1) {
        Some(b'x') => hex(2),
        Some(b'u') => surrogate_pair(text).unwrap_or_else(|| hex(4)),
        Some(b'U') => hex(8),
        Some(b'0') => (Some('\0'), 2),
        Some(b'a') => (Some('\u{7}'), 2),
        Some(b'b') => (Some('\u{8}'), 2),
        Some(b'e') => (Some('\u{1b}'), 2),
        Some(b'f') => (Some('\u{c}'), 2),
        Some(b'v') => (Some('\u{b}'), 2),
        Some(b'r') => (Some('\r'), 2),
        Some(b'N') => (Some('\u{85}'), 2),
        // An escaped backslash stands for itself; any other character
        // after a backslash is read as the next character, whatever its
        // length.
        Some(b'\\') => (None, 2),
        _ => (None, 1),
    }
}

/// A character beyond the first plane as JSON writes it, `\uD83D\uDE00`.
fn surrogate_pair(text: &str) -> Option<(Option<char>, usize)> {
    let unit = |at: usize| {
        text.get(at..at + 6)
            .and_then(|escape| escape.strip_prefix("\\u"))
            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
    };
    let (high, low) = (unit(0)?, unit(6)?);
    if !(0xD800..0xDC00).contains(&high) || !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
    Some((char::from_u32(code), 12))
}

/// The character an XML or HTML character reference at the start of
/// `text` stands for, and how many bytes it takes.
fn character_reference(text: &str) -> (Option<char>, usize) {
    let Some(rest) = text.strip_prefix("&#") else {
        return (None, 1);
    };
    let (digits, radix, skip) = match rest.strip_prefix(['x', 'X']) {
        Some(hex) => (hex, 16, 3),
        None => (rest, 10, 2),
    };
    let end = digits
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(digits.len());
    let decoded = u32::from_str_radix(&digits[..end], radix)
        .ok()
        .and_then(char::from_u32);
    let semicolon = usize::from(digits[end..].starts_with(';'));
    (decoded, skip + end + semicolon)
}

/// How a document writes escapes: XML as character references, JSON with
/// backslashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Escapes {
    /// `&#1;`, `&#x1B;`.
    Xml,
    /// `\u0001`.
    Json,
}

/// `source` without the forbidden characters written in it, raw or as
/// escapes of its syntax, and how many there were: a feed is read as far
/// as it can be, and nothing it says can put such a character into an
/// article. A C1 control is read as the Windows-1252 character its code
/// stands for there (`&#150;` is an en dash), as browsers read it in HTML
/// and as the feeds that hold one meant it; the rest are dropped.
pub(crate) fn without_forbidden_source(source: &str, escapes: Escapes) -> (Cow<'_, str>, usize) {
    if first_forbidden(source).is_none() && forbidden_escape(source).is_none() {
        return (Cow::Borrowed(source), 0);
    }
    let mut kept = String::with_capacity(source.len());
    let mut removed = 0;
    let mut rest = source;
    while let Some(c) = rest.chars().next() {
        let (decoded, length) = match (c, escapes) {
            ('&', Escapes::Xml) => character_reference(rest),
            ('\\', Escapes::Json) => backslash_escape(rest),
            _ => (Some(c), c.len_utf8()),
        };
        let length = length.max(1).min(rest.len());
        if let Some(forbidden) = decoded.filter(|&c| is_forbidden_char(c)) {
            removed += 1;
            kept.extend(windows_1252(forbidden));
        } else {
            kept.push_str(&rest[..length]);
        }
        rest = &rest[length..];
    }
    (Cow::Owned(kept), removed)
}

/// The Windows-1252 character a C1 control's code stands for, where that
/// is one newswire may write.
fn windows_1252(c: char) -> Option<char> {
    let byte = u8::try_from(u32::from(c))
        .ok()
        .filter(|byte| *byte >= 0x80)?;
    let bytes = [byte];
    let (decoded, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    decoded.chars().next().filter(|&c| !is_forbidden_char(c))
}

/// The first forbidden character in any string of a JSON value, keys
/// included.
pub(crate) fn forbidden_in_json(value: &serde_json::Value) -> Option<char> {
    use serde_json::Value;
    let in_text = |text: &str| first_forbidden(text).map(|(_, c)| c);
    match value {
        Value::String(text) => in_text(text),
        Value::Array(items) => items.iter().find_map(forbidden_in_json),
        Value::Object(fields) => fields
            .iter()
            .find_map(|(key, value)| in_text(key).or_else(|| forbidden_in_json(value))),
        Value::Null | Value::Bool(_) | Value::Number(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_covers_controls_and_noncharacters_only() {
        for c in [
            '\0', '\u{1}', '\u{b}', '\u{c}', '\r', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}',
        ] {
            assert!(is_forbidden_char(c), "{c:?}");
        }
        for c in [
            '\u{fdd0}',
            '\u{fdef}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{1fffe}',
            '\u{10ffff}',
        ] {
            assert!(is_forbidden_char(c), "{c:?}");
        }
        for c in [
            '\t', '\n', ' ', 'a', 'é', '\u{a0}', '—', '\u{fdcf}', '\u{fff0}', '😀', '\u{2028}',
        ] {
            assert!(!is_forbidden_char(c), "{c:?}");
        }
    }

    #[test]
    fn the_byte_scan_misses_nothing_the_rule_forbids() {
        let mut c = '\0';
        while let Some(next) = char::from_u32(u32::from(c) + 1).or_else(|| char::from_u32(0xE000)) {
            if is_forbidden_char(c) {
                assert!(may_have_forbidden_chars(&format!("ab{c}cd")), "{c:?}");
            }
            if next == '\u{10ffff}' {
                break;
            }
            c = next;
        }
    }

    #[test]
    fn escapes_are_found_where_they_are_written() {
        assert_eq!(forbidden_escape(r#""is no\x00t dying""#), Some((6, '\0')));
        assert_eq!(forbidden_escape(r#""a\\x01 \u0007""#), Some((8, '\u{7}')));
        assert_eq!(forbidden_escape(r"\e[31m"), Some((0, '\u{1b}')));
        assert_eq!(forbidden_escape("<p>a&#x1;b</p>"), Some((4, '\u{1}')));
        assert_eq!(forbidden_escape("&#65535;"), Some((0, '\u{ffff}')));
        assert_eq!(forbidden_escape(r"\U0001FFFE"), Some((0, '\u{1fffe}')));
        assert_eq!(forbidden_escape(r#"fine \n \t \u00e9 &amp; &#233;"#), None);
        assert_eq!(forbidden_escape(r"\uDBFF\uDFFF"), Some((0, '\u{10ffff}')));
        assert_eq!(forbidden_escape(r"\uD83D\uDE00"), None);
    }

    #[test]
    fn a_feed_loses_only_its_forbidden_characters() {
        let (kept, removed) = without_forbidden_source(
            "<t>a&#1;b&#150;c&amp;#1;\u{85}d&#x81; \\x01</t>",
            Escapes::Xml,
        );
        // `&amp;#1;` is text that says `&#1;`, for the HTML reader to meet.
        assert_eq!((kept.as_ref(), removed), ("<t>ab–c&amp;#1;…d \\x01</t>", 4));
        let (kept, removed) =
            without_forbidden_source(r#"{"t": "a\u0000b\\u0000 \uFFFE"}"#, Escapes::Json);
        assert_eq!((kept.as_ref(), removed), (r#"{"t": "ab\\u0000 "}"#, 2));
        // A backslash before a character of more than one byte.
        let (kept, removed) = without_forbidden_source("\\é \\u0001", Escapes::Json);
        assert_eq!((kept.as_ref(), removed), ("\\é ", 1));
        assert_eq!(forbidden_escape("\\é\\x01"), Some((3, '\u{1}')));
        let (kept, removed) = without_forbidden_source("plain", Escapes::Json);
        assert!(matches!(kept, Cow::Borrowed("plain")) && removed == 0);
    }
}
