//! What every output must be, whatever the input: well-formed XML with
//! only the characters XML 1.0 allows, JSON that parses, Markdown that
//! reads back, and no character HTML forbids anywhere.

use newswire::Format;

/// ASCII and C1 controls but tab and newline, and the noncharacters.
fn is_forbidden(c: char) -> bool {
    let code = u32::from(c);
    (code < 0x20 && c != '\t' && c != '\n')
        || (0x7F..=0x9F).contains(&code)
        || (0xFDD0..=0xFDEF).contains(&code)
        || code % 0x10000 >= 0xFFFE
}

pub fn assert_output(format: Format, output: &str) {
    if let Some(c) = output.chars().find(|&c| is_forbidden(c)) {
        panic!("U+{:04X} in the {format} output", u32::from(c));
    }
    match format {
        Format::Rss | Format::Atom => {
            if let Err(error) = roxmltree::Document::parse(output) {
                panic!("malformed {format}: {error}\n{output}");
            }
        }
        Format::JsonFeed | Format::ArticleJson => {
            serde_json::from_str::<serde_json::Value>(output).expect("JSON output parses");
        }
        Format::Markdown => {
            newswire::read(output.as_bytes(), Format::Markdown, "again.md")
                .expect("Markdown output reads back");
        }
        Format::Html | Format::Text => {}
    }
}
