//! `import`: a feed to canonical articles, one per item.

use super::args::ImportArgs;
use super::input::Input;
use super::out_dir::OutDir;
use super::output::{report, whole, write_stdout};
use newswire::{Article, Error, Format, WriteOptions};
use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};

/// Writes each item of a feed as a canonical article, or the one item of a
/// one-item feed to standard output. Every name is settled, and checked
/// against existing files, before anything is written.
pub(crate) fn import(args: &ImportArgs, limit: u64, quiet: bool) -> Result<(), Vec<Error>> {
    let input = if args.feed.as_os_str() == "-" {
        Input::Stdin
    } else {
        Input::File(args.feed.clone())
    };
    let name = input.name();
    let bytes = input.read(limit).map_err(|error| vec![error])?;
    let imported = newswire::read_feed(&bytes, &name).map_err(|error| vec![error])?;
    let articles = &imported.feed.articles;
    let options = WriteOptions::default();
    let markdown = |article: &Article| {
        newswire::write_to_string(Format::Markdown, article, &options).into_bytes()
    };
    match &args.out_dir {
        None => {
            let article = match articles.as_slice() {
                [article] => article,
                [] => {
                    return Err(vec![Error::invalid_input(
                        &name,
                        1,
                        1,
                        "the feed has no items: expected at least one to import",
                    )]);
                }
                _ => {
                    return Err(vec![Error::invalid_options(format!(
                        "{name} has {} items: give --out-dir DIR to write one article per item",
                        articles.len()
                    ))]);
                }
            };
            write_stdout(whole(&markdown(article))).map_err(|error| vec![error])?;
        }
        Some(dir) => {
            let paths = import_paths(dir, articles);
            if !args.force
                && let Some(existing) = paths.iter().find(|path| path.exists())
            {
                return Err(vec![Error::write_output(
                    &existing.display().to_string(),
                    io::Error::new(
                        io::ErrorKind::AlreadyExists,
                        "already exists: give --force to replace it",
                    ),
                )]);
            }
            // A new directory is written under a hidden name and appears
            // whole, as convert's --out-dir does: a killed import leaves
            // no half-filled directory behind.
            let out_dir = OutDir::open(dir).map_err(|error| vec![error])?;
            let mut errors: Vec<Error> = articles
                .iter()
                .zip(&paths)
                .filter_map(|(article, path)| out_dir.write(path, whole(&markdown(article))).err())
                .collect();
            errors.extend(out_dir.finish());
            if !errors.is_empty() {
                return Err(errors);
            }
        }
    }
    report(&name, &imported.changes, &args.report, quiet);
    Ok(())
}

/// `DIR/<slug of the title>.md`, numbered when two items share a title.
/// A slug has only letters, digits and dashes, so no item can name a file
/// outside DIR.
fn import_paths(dir: &Path, articles: &[Article]) -> Vec<PathBuf> {
    const LONGEST: usize = 80;
    let mut taken = HashSet::new();
    // The next number to try for each stem, so that thousands of items
    // with one title are named in one pass, not each counting up again.
    let mut next_number: HashMap<String, usize> = HashMap::new();
    articles
        .iter()
        .enumerate()
        .map(|(index, article)| {
            let mut stem: String = [&article.meta.title, &article.meta.id]
                .into_iter()
                .map(slug::slugify)
                .find(|slug| !slug.is_empty())
                .unwrap_or_else(|| format!("item-{}", index + 1));
            if stem.len() > LONGEST {
                let cut = stem[..LONGEST].rfind('-').unwrap_or(LONGEST);
                stem.truncate(cut);
            }
            let mut candidate = stem.clone();
            if !taken.insert(candidate.clone()) {
                let number = next_number.entry(stem.clone()).or_insert(2);
                candidate = format!("{stem}-{number}");
                while !taken.insert(candidate.clone()) {
                    *number += 1;
                    candidate = format!("{stem}-{number}");
                }
                *number += 1;
            }
            dir.join(format!("{candidate}.md"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_sharing_a_title_are_numbered_past_every_name_taken() {
        let articles: Vec<Article> = ["A", "A", "A 2", "A", "B"]
            .into_iter()
            .map(|title| {
                let source = format!("---\ntitle: {title}\npublished: 2024-01-01\n---\n\nBody.\n");
                newswire::read(source.as_bytes(), newswire::Format::Markdown, "t.md").unwrap()
            })
            .collect();
        let names: Vec<String> = import_paths(Path::new("out"), &articles)
            .into_iter()
            .map(|path| path.display().to_string())
            .collect();
        assert_eq!(
            names,
            [
                "out/a.md",
                "out/a-2.md",
                "out/a-2-2.md",
                "out/a-3.md",
                "out/b.md"
            ]
        );
    }
}
