//! Language tags, as BCP 47 defines them and every feed format asks for.

/// Checks a language tag is BCP 47 (`en-GB`, not `en_GB`).
pub(crate) fn is_language_tag(tag: &str) -> bool {
    oxilangtag::LanguageTag::parse(tag).is_ok()
}
