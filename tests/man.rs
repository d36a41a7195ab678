use crate::util::root;

/// The man pages under `man/` are rendered from the clap definition by
/// build.rs; this fails when the definition changed and they were not
/// regenerated (NEWSWIRE_ACCEPT=1 cargo test does it).
#[test]
fn man_pages_are_current() {
    let generated = std::path::Path::new(env!("OUT_DIR"));
    for page in [
        "newswire.1",
        "newswire-convert.1",
        "newswire-feed.1",
        "newswire-check.1",
        "newswire-import.1",
    ] {
        let current = std::fs::read_to_string(generated.join(page)).expect("build.rs renders it");
        crate::util::assert_golden(&root().join("man").join(page), &current);
    }
}
