//! Any article that reads converts to every format; XML outputs are
//! well-formed, JSON outputs parse, and Markdown output reads back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::{Format, WriteOptions};
use quick_xml::Reader;
use quick_xml::events::Event;

fuzz_target!(|data: &[u8]| {
    let Ok(article) = newswire::read(data, Format::Markdown, "fuzz.md") else {
        return;
    };
    let options = WriteOptions::default();
    for format in Format::ALL {
        if format == Format::Rss && article.meta.url.is_none() {
            continue;
        }
        let output = newswire::write_to_string(format, &article, &options);
        match format {
            Format::Rss | Format::Atom => assert_well_formed(&output),
            Format::JsonFeed | Format::ArticleJson => {
                serde_json::from_str::<serde_json::Value>(&output).expect("JSON output parses");
            }
            Format::Markdown => {
                newswire::read(output.as_bytes(), Format::Markdown, "again.md")
                    .expect("Markdown output reads back");
            }
            Format::Html => assert!(
                !output.contains(|c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
                "control character in HTML output"
            ),
            Format::Text => {}
        }
    }
});

fn assert_well_formed(xml: &str) {
    // quick-xml does not check characters; XML 1.0 forbids most C0 controls.
    if let Some(c) = xml
        .chars()
        .find(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
    {
        panic!("control character U+{:04X} in XML output", u32::from(c));
    }
    let mut reader = Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(error) => panic!(
                "malformed XML at {}: {error}\n{xml}",
                reader.buffer_position()
            ),
        }
    }
}
