//! Language tags, as BCP 47 defines them and every feed format asks for.

/// Checks a language tag is BCP 47 (`en-GB`, not `en_GB`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    oxilangtag::LanguageTag::parse(tag).is_ok()
}

/// A language tag as a feed wrote it, as BCP 47 writes it: trimmed, and
/// `en_US` as `en-US`; `None` when it is no language tag at all.
pub(crate) fn repaired(tag: &str) -> Option<String> {
    let tag = tag.trim().replace('_', "-");
    is_language_tag(&tag).then_some(tag)
}
