//! Any bytes through the feed readers (RSS, Atom, JSON Feed, in any
//! encoding): no panic; a feed that reads converts to every feed format
//! and each of its items to every article format, every output as
//! `outputs::assert_output` requires.
#![no_main]

#[path = "outputs.rs"]
mod outputs;

use libfuzzer_sys::fuzz_target;
use newswire::{Format, WriteOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = newswire::read_feed(data, "fuzz.xml") else {
        return;
    };
    let mut feed = imported.feed;
    feed.channel
        .link
        .get_or_insert_with(|| "https://example.com/".to_owned());
    for format in [Format::Rss, Format::Atom, Format::JsonFeed] {
        let mut written = Vec::new();
        newswire::write_feed(format, &feed, &mut written).expect("a feed is written");
        outputs::assert_output(format, &String::from_utf8(written).expect("UTF-8"));
    }
    for article in feed.articles.iter().take(3) {
        for format in [Format::Markdown, Format::Html, Format::ArticleJson] {
            let output = newswire::write_to_string(format, article, &WriteOptions::default());
            outputs::assert_output(format, &output);
        }
    }
});
