//! Any article that reads converts to every format, and every output is
//! what `outputs::assert_output` requires.
#![no_main]

#[path = "outputs.rs"]
mod outputs;

use libfuzzer_sys::fuzz_target;
use newswire::{Channel, Format, WriteOptions};

fuzz_target!(|data: &[u8]| {
    let Ok(article) = newswire::read(data, Format::Markdown, "fuzz.md") else {
        return;
    };
    let options = WriteOptions {
        channel: Channel {
            link: Some("https://example.com/".into()),
            ..Channel::default()
        },
        ..WriteOptions::default()
    };
    for format in Format::ALL {
        let output = newswire::write_to_string(format, &article, &options);
        outputs::assert_output(format, &output);
    }
});
