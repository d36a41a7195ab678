//! Any bytes: the canonical-article reader returns an article or an error,
//! never panics or hangs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newswire::Format;

fuzz_target!(|data: &[u8]| {
    let _ = newswire::read(data, Format::Markdown, "fuzz.md");
});
