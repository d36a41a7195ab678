//! The characters no output may carry: XML 1.0 excludes them, and HTML
//! treats them as errors, so every reader refuses them and every writer can
//! trust that none reach it.

/// A byte scan, far cheaper than a search by character: every forbidden
/// character is a C0 control or starts with 0xEF in UTF-8, and most text
/// has neither.
pub(crate) fn may_have_forbidden_chars(text: &str) -> bool {
    // Without a branch per byte, each chunk's test is vectorised.
    text.as_bytes().chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &byte| {
            found | ((byte < b' ') & (byte != b'\t') & (byte != b'\n')) | (byte == 0xEF)
        })
    })
}

/// C0 controls other than tab and newline, and the two non-characters XML
/// 1.0 excludes.
pub(crate) fn is_forbidden_char(c: char) -> bool {
    (c.is_control() && c < ' ' && c != '\t' && c != '\n') || c == '\u{fffe}' || c == '\u{ffff}'
}
