//! Feeds in any encoding, told apart as XML 1.0 Appendix F says: a byte
//! order mark, else the first bytes of `<?xml`, else the declaration's
//! `encoding`, else UTF-8. Decoding is `encoding_rs`'s, the browsers'
//! own; UTF-32, which it leaves out, is four bytes a character, and the
//! DOS code pages it leaves out are `oem_cp`'s tables.

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

/// What a feed's bytes are written in.
#[derive(Debug, Clone, Copy)]
enum Detected {
    Known(&'static Encoding),
    Utf32 {
        big_endian: bool,
    },
    /// A DOS code page (`ibm850`, `cp437`), one byte a character.
    CodePage(u16, &'static oem_cp::code_table_type::TableType),
    /// Declared by a name no WHATWG label or alias means.
    Unknown,
}

/// The feed's text as UTF-8, its declaration saying so, line endings made
/// `\n`; `file` names it in errors.
pub(crate) fn decode_feed(bytes: &[u8], file: &str) -> Result<String> {
    let (detected, bom) = detect(bytes);
    let body = &bytes[bom..];
    let text = match detected {
        Detected::Utf32 { big_endian } => utf32(body, big_endian).ok_or_else(|| {
            Error::invalid_input(file, 1, 1, "invalid UTF-32: a code unit is not a character")
        })?,
        Detected::CodePage(number, table) => {
            table.decode_string_checked(body).ok_or_else(|| {
                Error::invalid_input(
                    file,
                    1,
                    1,
                    format!("invalid code page {number}: bytes that are no character in it"),
                )
            })?
        }
        Detected::Known(encoding) if encoding == UTF_8 => {
            return super::decode_text(bytes, file, "a feed declared UTF-8");
        }
        // ASCII reads the same in every encoding a declaration can name.
        Detected::Unknown if body.is_ascii() => {
            return super::decode_text(bytes, file, "a feed");
        }
        Detected::Unknown => {
            let name = declared_name(bytes).unwrap_or_default();
            return Err(Error::invalid_input(
                file,
                1,
                1,
                format!(
                    "the feed is in {name:?}, an encoding newswire does not read (it reads those of the WHATWG Encoding Standard, as browsers do): convert it first, e.g. iconv -f {name} -t UTF-8"
                ),
            ));
        }
        Detected::Known(encoding) => {
            let (text, had_errors) = encoding.decode_without_bom_handling(body);
            if had_errors {
                return Err(Error::invalid_input(
                    file,
                    1,
                    1,
                    format!(
                        "invalid {}: bytes that are no character in it",
                        encoding.name()
                    ),
                ));
            }
            text.into_owned()
        }
    };
    Ok(super::with_newlines(declared_utf8(&text)))
}

/// The first few kilobytes of a feed as text, enough to tell which kind
/// of feed it is without decoding all of it; what the cut leaves of a
/// character at the end becomes a replacement character.
pub(crate) fn head_text(bytes: &[u8]) -> String {
    const HEAD: usize = 4096;
    let (detected, bom) = detect(bytes);
    let body = &bytes[bom..bytes.len().min(bom + HEAD)];
    let text = match detected {
        Detected::Utf32 { big_endian } => {
            utf32(&body[..body.len() / 4 * 4], big_endian).unwrap_or_default()
        }
        Detected::Known(encoding) => encoding.decode_without_bom_handling(body).0.into_owned(),
        Detected::CodePage(_, table) => table.decode_string_lossy(body),
        Detected::Unknown => String::from_utf8_lossy(body).into_owned(),
    };
    // An XML reader refuses text whose declaration names another encoding.
    declared_utf8(&text)
}

/// The encoding, and how many bytes of byte order mark come first.
fn detect(bytes: &[u8]) -> (Detected, usize) {
    match bytes {
        [0x00, 0x00, 0xFE, 0xFF, ..] => (Detected::Utf32 { big_endian: true }, 4),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (Detected::Utf32 { big_endian: false }, 4),
        [0xEF, 0xBB, 0xBF, ..] => (Detected::Known(UTF_8), 3),
        [0xFE, 0xFF, ..] => (Detected::Known(UTF_16BE), 2),
        [0xFF, 0xFE, ..] => (Detected::Known(UTF_16LE), 2),
        [0x00, 0x00, 0x00, b'<', ..] => (Detected::Utf32 { big_endian: true }, 0),
        [b'<', 0x00, 0x00, 0x00, ..] => (Detected::Utf32 { big_endian: false }, 0),
        [0x00, b'<', 0x00, b'?', ..] => (Detected::Known(UTF_16BE), 0),
        [b'<', 0x00, b'?', 0x00, ..] => (Detected::Known(UTF_16LE), 0),
        _ => match declared_name(bytes) {
            None => (Detected::Known(UTF_8), 0),
            Some(name) => {
                let detected = known(name).map(Detected::Known).or_else(|| {
                    let number = code_page(name)?;
                    let table = oem_cp::code_table::DECODING_TABLE_CP_MAP.get(&number)?;
                    Some(Detected::CodePage(number, table))
                });
                (detected.unwrap_or(Detected::Unknown), 0)
            }
        },
    }
}

/// The encoding an ASCII-compatible XML declaration names.
fn declared_name(bytes: &[u8]) -> Option<&str> {
    let head = bytes[..bytes.len().min(1024)].strip_prefix(b"<?xml")?;
    let end = head.windows(2).position(|pair| pair == b"?>")?;
    let declaration = std::str::from_utf8(&head[..end]).ok()?;
    encoding_value(declaration)
}

/// The encoding a name means, as WHATWG's labels say (`latin1` is
/// Windows-1252, as browsers read it), with the names Python's codecs and
/// the feeds written with them use for the same encodings
/// (`windows_1252`, `ms-ansi`, `macroman`).
fn known(name: &str) -> Option<&'static Encoding> {
    if let Some(encoding) = Encoding::for_label(name.as_bytes()) {
        return Some(encoding);
    }
    let name = name.trim().to_ascii_lowercase().replace('_', "-");
    let label = match name.as_str() {
        "ms-ansi" => "windows-1252",
        "ms-ee" => "windows-1250",
        "ms-cyrl" => "windows-1251",
        "ms-greek" => "windows-1253",
        "ms-turk" => "windows-1254",
        "ms-hebr" => "windows-1255",
        "ms-arab" => "windows-1256",
        "winbaltrim" => "windows-1257",
        "cp874" => "windows-874",
        "macroman" | "mac-roman" => "macintosh",
        "maccyrillic" | "mac-cyrillic" => "x-mac-cyrillic",
        other => other,
    };
    Encoding::for_label(label.as_bytes())
}

/// The DOS code page a name means, as IANA's registry and Python's codecs
/// spell them: `IBM850`, `cp850`, `850`, `csPC850Multilingual`,
/// `cp_is` (Icelandic, 861).
fn code_page(name: &str) -> Option<u16> {
    let name = name.trim().to_ascii_lowercase().replace('_', "-");
    if name == "cp-is" {
        return Some(861);
    }
    let digits = ["csibm", "cspc8codepage", "cspcp", "cspc", "ibm", "cp"]
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix))
        .unwrap_or(&name)
        .trim_start_matches('-');
    let end = digits
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(digits.len());
    let named = matches!(
        &digits[end..],
        "" | "multilingual" | "baltic" | "latinhebrew"
    );
    named.then(|| digits[..end].parse().ok()).flatten()
}

/// The value of `encoding="…"` in a declaration's text.
fn encoding_value(declaration: &str) -> Option<&str> {
    let at = declaration.find("encoding")?;
    let rest = declaration[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?;
    let rest = rest.trim_start();
    let quote = rest.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let value = &rest[1..];
    value.find(quote).map(|end| &value[..end])
}

/// The text with its declaration naming UTF-8, which it now is, so that
/// no XML reader decodes it a second time.
fn declared_utf8(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(end) = text.starts_with("<?xml").then(|| text.find("?>")).flatten() else {
        return text.to_owned();
    };
    let declaration = &text[..end];
    match encoding_value(declaration) {
        Some(value) => {
            let start = value.as_ptr() as usize - text.as_ptr() as usize;
            format!("{}UTF-8{}", &text[..start], &text[start + value.len()..])
        }
        None => text.to_owned(),
    }
}

/// UTF-32 text, or none where a unit is not a character.
fn utf32(bytes: &[u8], big_endian: bool) -> Option<String> {
    bytes
        .chunks(4)
        .map(|unit| {
            let unit: [u8; 4] = unit.try_into().ok()?;
            let code = if big_endian {
                u32::from_be_bytes(unit)
            } else {
                u32::from_le_bytes(unit)
            };
            char::from_u32(code)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FEED: &str = "<?xml version=\"1.0\" encoding=\"ENC\"?><rss><channel><title>Olá, 東京 — «ok»</title></channel></rss>";

    fn encoded(encoding: &'static Encoding, label: &str) -> Vec<u8> {
        let text = FEED.replace("ENC", label);
        let (bytes, _, _) = encoding.encode(&text);
        bytes.into_owned()
    }

    #[test]
    fn python_names_for_encodings_are_known_and_others_named_in_the_error() {
        for (name, encoding) in [
            ("windows_1252", encoding_rs::WINDOWS_1252),
            ("ms-cyrl", encoding_rs::WINDOWS_1251),
            ("MacRoman", encoding_rs::MACINTOSH),
            ("ms_kanji", encoding_rs::SHIFT_JIS),
        ] {
            assert_eq!(known(name), Some(encoding), "{name}");
        }
        let feed = |encoding: &str, body: &[u8]| {
            let mut bytes =
                format!("<?xml version=\"1.0\" encoding=\"{encoding}\"?><rss><channel><title>")
                    .into_bytes();
            bytes.extend_from_slice(body);
            bytes.extend_from_slice(b"</title></channel></rss>");
            decode_feed(&bytes, "f.xml")
        };
        assert!(
            feed("viscii", b"plain")
                .unwrap()
                .contains("<title>plain</title>")
        );
        let error = feed("viscii", b"\x80").unwrap_err().to_string();
        assert!(
            error.contains("\"viscii\", an encoding newswire does not read"),
            "{error}"
        );
    }

    #[test]
    fn dos_code_pages_are_read_by_every_name_they_go_by() {
        // 0x82 is é in code pages 437, 850 and 863; 0x9C is £ in 437 and 850.
        for name in [
            "cp437",
            "IBM437",
            "437",
            "csPC8CodePage437",
            "ibm850",
            "csPC850Multilingual",
            "CP_850",
        ] {
            let bytes = format!("<?xml version=\"1.0\" encoding=\"{name}\"?><rss><channel><title>")
                .into_bytes()
                .into_iter()
                .chain(*b"caf\x82 \x9c5</title></channel></rss>")
                .collect::<Vec<u8>>();
            let text = decode_feed(&bytes, "f.xml").unwrap();
            assert!(text.contains("<title>café £5</title>"), "{name}: {text}");
            assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        }
        assert_eq!(code_page("cp_is"), Some(861));
        assert_eq!(code_page("csPC862LatinHebrew"), Some(862));
        assert_eq!(code_page("cp1125x"), None);
        assert_eq!(code_page("ibm-866"), Some(866));
    }

    #[test]
    fn declared_encodings_are_decoded_and_the_declaration_says_utf8() {
        for label in [
            "ISO-8859-1",
            "latin1",
            "windows-1252",
            "UTF-8",
            "EUC-KR",
            "Big5",
            "Shift_JIS",
            "KOI8-R",
        ] {
            let encoding = Encoding::for_label(label.as_bytes()).unwrap();
            // What the encoding lacks, encoding_rs writes as references.
            let bytes = encoded(encoding, label);
            let text = decode_feed(&bytes, "f").unwrap();
            assert!(
                text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"),
                "{label}: {text}"
            );
            let title = text
                .split("<title>")
                .nth(1)
                .unwrap()
                .split("</title>")
                .next()
                .unwrap();
            assert_eq!(
                quick_xml::escape::unescape(title).unwrap(),
                "Olá, 東京 — «ok»",
                "{label}"
            );
        }
    }

    #[test]
    fn byte_order_marks_and_first_bytes_tell_utf16_and_utf32() {
        let text = FEED.replace("ENC", "UTF-16");
        let utf16le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf16be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let utf32le: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_le_bytes())
            .collect();
        let utf32be: Vec<u8> = text
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        let with_bom = |bom: &[u8], bytes: &[u8]| [bom, bytes].concat();
        for bytes in [
            with_bom(&[0xFF, 0xFE], &utf16le),
            with_bom(&[0xFE, 0xFF], &utf16be),
            utf16le.clone(),
            utf16be.clone(),
            with_bom(&[0xFF, 0xFE, 0, 0], &utf32le),
            with_bom(&[0, 0, 0xFE, 0xFF], &utf32be),
            utf32le.clone(),
            utf32be.clone(),
        ] {
            let decoded = decode_feed(&bytes, "f").unwrap();
            assert_eq!(decoded, FEED.replace("ENC", "UTF-8"));
        }
    }

    #[test]
    fn the_head_of_a_long_feed_is_enough_to_tell_its_kind() {
        let long = FEED
            .replace("ENC", "UTF-16")
            .replace("</title>", &"é".repeat(5000))
            + "</title>";
        let utf16: Vec<u8> = long.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let utf32: Vec<u8> = long
            .chars()
            .flat_map(|c| u32::from(c).to_be_bytes())
            .collect();
        for bytes in [utf16, utf32] {
            let head = head_text(&bytes);
            assert!(
                head.starts_with("<?xml") && head.contains("<rss>"),
                "{head:.80}"
            );
            assert!(head.len() < long.len());
        }
    }

    #[test]
    fn bytes_the_encoding_has_no_character_for_are_an_error() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>".to_vec();
        bytes.extend([0x82, 0xFF]);
        let error = decode_feed(&bytes, "f").unwrap_err();
        assert!(error.to_string().contains("invalid Shift_JIS"), "{error}");
        let error = decode_feed(&[0xC3, 0x28], "f").unwrap_err();
        assert!(error.to_string().contains("invalid UTF-8"), "{error}");
    }
}
