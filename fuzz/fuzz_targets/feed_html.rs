//! Any text as the HTML content of a feed item: the HTML-to-Markdown path
//! of import and feed-to-feed. No panic, no hang, and the article it
//! gives is written in every format as `outputs::assert_output` requires.
#![no_main]

#[path = "outputs.rs"]
mod outputs;

use libfuzzer_sys::fuzz_target;
use newswire::{Format, WriteOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(html) = std::str::from_utf8(data) else {
        return;
    };
    let feed = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "fuzz",
        "home_page_url": "https://example.com/",
        "items": [{"id": "https://example.com/a", "url": "https://example.com/a",
                   "content_html": html, "date_published": "2014-02-17T18:00:00Z"}],
    });
    let Ok(imported) = newswire::read_feed(feed.to_string().as_bytes(), "fuzz.json") else {
        return;
    };
    for article in &imported.feed.articles {
        for format in Format::ALL {
            let output = newswire::write_to_string(format, article, &WriteOptions::default());
            outputs::assert_output(format, &output);
        }
    }
});
