//! Any bytes as a page of each fixture site (Hugo, Jekyll, Zola, Eleventy):
//! read by the generator's rules, templates expanded or left out, and
//! written in every format, every output what `outputs::assert_output`
//! requires. The input's length picks the site, so that any page, copied
//! into the corpus as it is, is read whole.
#![no_main]

#[path = "outputs.rs"]
mod outputs;

use libfuzzer_sys::fuzz_target;
use newswire::read::site::{Rules, Site};
use newswire::{Channel, Format, WriteOptions};
use std::path::PathBuf;
use std::sync::OnceLock;

/// Each fixture site, and a page of it whose path the bytes are read at.
fn sites() -> &'static [(Site, PathBuf)] {
    static SITES: OnceLock<Vec<(Site, PathBuf)>> = OnceLock::new();
    SITES.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/sites");
        [
            ("hugo", "content/posts/now-commonmark.md"),
            ("jekyll", "_posts/2019-11-27-homebrew-2.2.0.md"),
            ("zola", "content/blog/2019-12-05-moving-house.md"),
            ("eleventy", "src/blog/firstpost.md"),
        ]
        .into_iter()
        .map(|(name, page)| {
            let dir = root.join(name);
            let site = Site::open(&dir).expect("the fixture site opens");
            (site, dir.join(page))
        })
        .collect()
    })
}

fuzz_target!(|bytes: &[u8]| {
    let sites = sites();
    let (site, path) = &sites[bytes.len() % sites.len()];
    let rules = Rules {
        include_drafts: true,
        include_future: true,
        now: chrono::Utc::now(),
    };
    let page = site.page(path, rules);
    let source = newswire::Source {
        page: Some(&page),
        ..newswire::Source::new(bytes, Format::Markdown, "fuzz.md")
    };
    let options = WriteOptions {
        channel: Channel {
            link: Some("https://example.com/".into()),
            ..Channel::default()
        },
        ..WriteOptions::default()
    };
    let _ = newswire::convert_each(
        source,
        &Format::ALL,
        &options,
        |_| Ok::<(), newswire::Error>(()),
        |mut document| {
            let output = document.to_vec()?;
            outputs::assert_output(document.format(), &String::from_utf8_lossy(&output));
            Ok(())
        },
    );
});
