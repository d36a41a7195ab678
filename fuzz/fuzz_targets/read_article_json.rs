//! Any bytes: the article-JSON reader returns an article or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::Format;

fuzz_target!(|data: &[u8]| {
    let _ = newswire::read(data, Format::ArticleJson, "fuzz.json");
});
