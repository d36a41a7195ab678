//! The library's shape: its modules use one another in layers, never in a
//! circle, and no source file grows past what can be read in one sitting.

use crate::util::root;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The longest a source file may be, in lines.
const LONGEST_FILE: usize = 600;

/// Every `.rs` file below `dir`.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("readable entry").path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

/// The library's top-level module a file belongs to: `read` for
/// `src/read/rss.rs`, `url` for `src/url.rs`; none for the crate root and
/// the binary's own files.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let relative = file.strip_prefix(src).ok()?;
    let first = relative.components().next()?.as_os_str().to_str()?;
    let module = first.strip_suffix(".rs").unwrap_or(first);
    (!["lib", "main", "cli"].contains(&module)).then(|| module.to_owned())
}

/// The top-level modules a file's code (its unit tests left out) names
/// through `crate::` or `$crate::`.
fn uses(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut used = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let name: String = code[at + "crate::".len()..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        // `crate::Error` and the like are the crate root's re-exports.
        if name.starts_with(|c: char| c.is_ascii_lowercase()) {
            used.insert(name);
        }
    }
    used
}

/// The modules each module uses, with a file that shows it.
fn module_graph() -> BTreeMap<String, BTreeMap<String, PathBuf>> {
    let src = root().join("src");
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for file in sources(&src) {
        let Some(module) = module_of(&src, &file) else {
            continue;
        };
        let text = std::fs::read_to_string(&file).expect("source is UTF-8");
        let edges = graph.entry(module.clone()).or_default();
        for used in uses(&text) {
            if used != module {
                edges.entry(used).or_insert_with(|| file.clone());
            }
        }
    }
    graph
}

/// A circle of modules through `start`, if there is one.
fn circle_through(
    graph: &BTreeMap<String, BTreeMap<String, PathBuf>>,
    start: &str,
) -> Option<Vec<String>> {
    let mut stack = vec![vec![start.to_owned()]];
    let mut seen = BTreeSet::new();
    while let Some(path) = stack.pop() {
        let last = path.last().expect("paths are never empty");
        for next in graph.get(last).into_iter().flat_map(BTreeMap::keys) {
            if next == start {
                let mut circle = path.clone();
                circle.push(next.clone());
                return Some(circle);
            }
            if seen.insert(next.clone()) {
                let mut longer = path.clone();
                longer.push(next.clone());
                stack.push(longer);
            }
        }
    }
    None
}

#[test]
fn the_modules_use_one_another_in_layers() {
    let graph = module_graph();
    assert!(graph.contains_key("read") && graph.contains_key("write"));
    assert!(
        !graph["write"].contains_key("read") && !graph["read"].contains_key("write"),
        "read and write must not know each other: {:?} {:?}",
        graph["write"].get("read"),
        graph["read"].get("write")
    );
    for module in graph.keys() {
        if let Some(circle) = circle_through(&graph, module) {
            let shown: Vec<String> = circle
                .windows(2)
                .map(|pair| {
                    format!(
                        "{} → {} ({})",
                        pair[0],
                        pair[1],
                        graph[&pair[0]][&pair[1]].display()
                    )
                })
                .collect();
            panic!("an import circle: {}", shown.join(", "));
        }
    }
}

#[test]
fn the_circle_finder_finds_a_circle() {
    let mut graph: BTreeMap<String, BTreeMap<String, PathBuf>> = BTreeMap::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph
            .entry(from.to_owned())
            .or_default()
            .insert(to.to_owned(), PathBuf::from(format!("{from}.rs")));
    }
    assert_eq!(
        circle_through(&graph, "a"),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    assert_eq!(circle_through(&graph, "d"), None);
    assert_eq!(
        uses(
            "use crate::url::x;\nuse crate::Error;\n#[cfg(test)]\nmod tests {\nuse crate::read;\n}"
        ),
        BTreeSet::from(["url".to_owned()])
    );
}

#[test]
fn no_source_file_is_too_long_to_read() {
    let long: Vec<String> = sources(&root().join("src"))
        .into_iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(&file).ok()?.lines().count();
            (lines > LONGEST_FILE).then(|| format!("{} ({lines} lines)", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}
