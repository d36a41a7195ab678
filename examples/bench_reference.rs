//! The benchmark's yardstick: read every Markdown file in a directory and
//! render it to HTML with comrak, in one thread. newswire's figures are
//! given as multiples of this, measured on the same machine in the same run.

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: bench_reference DIR");
        std::process::exit(2);
    };
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|error| {
        eprintln!("bench_reference: {dir}: {error}");
        std::process::exit(1);
    });
    let options = comrak::Options::default();
    let mut total = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|extension| extension == "md") {
            match std::fs::read_to_string(&path) {
                Ok(text) => total += comrak::markdown_to_html(&text, &options).len(),
                Err(error) => {
                    eprintln!("bench_reference: {}: {error}", path.display());
                    std::process::exit(1);
                }
            }
        }
    }
    println!("{total}");
}
