//! The directory `convert --out-dir` writes a run's outputs into.

use super::output::{
    WriteDocument, is_device, remove_stale_temporaries, temporary_prefix, whole, write_in_place,
    write_replacing,
};
use newswire::Error;
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// Where a run's outputs go, decided once when the run starts.
pub(super) enum OutDir {
    /// A directory that is there already: each output is written beside
    /// its place and renamed into it, and a device or pipe is written to.
    Existing { dir: PathBuf, devices: Devices },
    /// A directory that is not there yet: outputs are written straight
    /// into a hidden directory beside it, which becomes it when the run
    /// ends. One rename for the run instead of one per output, and a run
    /// cut short leaves no half-filled directory under the name.
    New { dir: PathBuf, staging: TempDir },
}

impl OutDir {
    pub(super) fn open(dir: &Path) -> Result<OutDir, Error> {
        if fs::symlink_metadata(dir).is_ok() {
            remove_stale_temporaries(dir);
            return Ok(OutDir::Existing {
                dir: dir.to_owned(),
                devices: Devices::in_dir(dir),
            });
        }
        let parent = match dir.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        remove_stale_temporaries(parent);
        let staging = fs::create_dir_all(parent)
            .and_then(|()| {
                tempfile::Builder::new()
                    .prefix(&temporary_prefix())
                    .tempdir_in(parent)
            })
            .map_err(|error| Error::write_output(&dir.display().to_string(), error))?;
        Ok(OutDir::New {
            dir: dir.to_owned(),
            staging,
        })
    }

    /// The directory outputs are named in.
    pub(super) fn path(&self) -> &Path {
        match self {
            OutDir::Existing { dir, .. } | OutDir::New { dir, .. } => dir,
        }
    }

    /// Writes one whole output; `path` is below [`OutDir::path`], in the
    /// directories it names, which are made as needed.
    pub(super) fn write(&self, path: &Path, write: impl WriteDocument) -> Result<(), Error> {
        let name = path.display().to_string();
        let failed = |error| Error::from_output(error, &name);
        match self {
            OutDir::Existing { devices, .. } if devices.holds(path) => write_in_place(path, write),
            OutDir::Existing { .. } => {
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(failed)?;
                }
                write_replacing(path, write)
            }
            OutDir::New { staging, dir } => {
                let below = path.strip_prefix(dir).unwrap_or(path);
                let staged = staging.path().join(below);
                if let Some(parent) = staged.parent() {
                    fs::create_dir_all(parent).map_err(failed)?;
                }
                let file = File::create_new(&staged).map_err(failed)?;
                let mut out = BufWriter::new(file);
                write(&mut out).and_then(|()| out.flush()).map_err(|error| {
                    // Nothing half-written moves into place; only what this
                    // call made is removed.
                    let _ = fs::remove_file(&staged);
                    failed(error)
                })
            }
        }
    }

    /// Puts a new directory's outputs in place, giving what failed.
    pub(super) fn finish(self) -> Vec<Error> {
        let OutDir::New { dir, staging } = self else {
            return Vec::new();
        };
        let failed = |error| Error::write_output(&dir.display().to_string(), error);
        // A run that wrote nothing makes no directory.
        match fs::read_dir(staging.path()).map(|mut entries| entries.next().is_none()) {
            Ok(true) => return Vec::new(),
            Ok(false) => {}
            Err(error) => return vec![failed(error)],
        }
        match fs::rename(staging.path(), &dir) {
            Ok(()) => {
                let _ = staging.keep();
                Vec::new()
            }
            // Something made the directory meanwhile: it takes the outputs
            // one by one, as one that was there from the start would.
            Err(_) if fs::metadata(&dir).is_ok_and(|meta| meta.is_dir()) => {
                let existing = OutDir::Existing {
                    devices: Devices::in_dir(&dir),
                    dir: dir.clone(),
                };
                walkdir::WalkDir::new(staging.path())
                    .into_iter()
                    .filter(|entry| {
                        entry
                            .as_ref()
                            .is_ok_and(|entry| entry.file_type().is_file())
                    })
                    .filter_map(|entry| {
                        let entry = match entry {
                            Ok(entry) => entry,
                            Err(error) => return Some(failed(error.into())),
                        };
                        let below = entry
                            .path()
                            .strip_prefix(staging.path())
                            .unwrap_or(entry.path());
                        let target = dir.join(below);
                        fs::read(entry.path())
                            .map_err(|error| {
                                Error::write_output(&target.display().to_string(), error)
                            })
                            .and_then(|document| existing.write(&target, whole(&document)))
                            .err()
                    })
                    .collect()
            }
            Err(error) => vec![failed(error)],
        }
    }
}

/// The names in an output directory that are devices or pipes, or links
/// to them, found with one listing when the run starts rather than asked
/// of each of its thousands of outputs.
#[derive(Default)]
pub(super) struct Devices(HashSet<PathBuf>);

impl Devices {
    /// A directory that cannot be listed holds none; writing into it
    /// reports why.
    fn in_dir(dir: &Path) -> Devices {
        let Ok(entries) = fs::read_dir(dir) else {
            return Devices::default();
        };
        Devices(
            entries
                .flatten()
                .filter(|entry| {
                    // The listing tells the kind of most entries; a link is
                    // followed to what it names.
                    entry.file_type().is_ok_and(|kind| {
                        if kind.is_symlink() {
                            fs::metadata(entry.path())
                                .is_ok_and(|meta| is_device(&meta.file_type()))
                        } else {
                            is_device(&kind)
                        }
                    })
                })
                .map(|entry| entry.path())
                .collect(),
        )
    }

    fn holds(&self, path: &Path) -> bool {
        !self.0.is_empty() && self.0.contains(path)
    }
}

#[cfg(test)]
mod tests {
    use super::OutDir;
    use crate::cli::output::whole;
    use newswire::Error;
    use std::fs;
    use std::io::{self, Write};

    fn names(dir: &std::path::Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_directory_is_renamed_into_place_whole() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        let out_dir = OutDir::open(&dir).unwrap();
        out_dir.write(&dir.join("a.txt"), whole(b"a\n")).unwrap();
        assert!(!dir.exists(), "nothing is there until the run ends");
        assert!(out_dir.finish().is_empty());
        assert_eq!(names(parent.path()), ["out"]);
        assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "a\n");
    }

    #[test]
    fn a_directory_made_during_the_run_takes_the_outputs_one_by_one() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        let out_dir = OutDir::open(&dir).unwrap();
        out_dir.write(&dir.join("a.txt"), whole(b"new\n")).unwrap();
        fs::create_dir(&dir).unwrap();
        fs::write(dir.join("a.txt"), "old\n").unwrap();
        fs::write(dir.join("b.txt"), "theirs\n").unwrap();
        assert!(out_dir.finish().is_empty());
        assert_eq!(names(parent.path()), ["out"]);
        assert_eq!(names(&dir), ["a.txt", "b.txt"]);
        assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "new\n");
        assert_eq!(fs::read_to_string(dir.join("b.txt")).unwrap(), "theirs\n");
    }

    #[test]
    fn a_file_made_in_its_place_during_the_run_is_reported_and_kept() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        let out_dir = OutDir::open(&dir).unwrap();
        out_dir.write(&dir.join("a.txt"), whole(b"a\n")).unwrap();
        fs::write(&dir, "theirs\n").unwrap();
        let errors = out_dir.finish();
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("out"), "{}", errors[0]);
        assert_eq!(fs::read_to_string(&dir).unwrap(), "theirs\n");
        assert_eq!(names(parent.path()), ["out"], "nothing is left beside it");
    }

    #[test]
    fn an_output_written_twice_keeps_the_first() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        let out_dir = OutDir::open(&dir).unwrap();
        out_dir
            .write(&dir.join("a.txt"), whole(b"first\n"))
            .unwrap();
        let error = out_dir
            .write(&dir.join("a.txt"), whole(b"second\n"))
            .unwrap_err();
        assert!(error.to_string().contains("a.txt"), "{error}");
        assert!(out_dir.finish().is_empty());
        assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "first\n");
    }

    /// A document that fails after writing part of itself, as a page
    /// template can.
    fn failing_partway(out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"half")?;
        Err(io::Error::other(Error::invalid_options(
            "the template failed",
        )))
    }

    #[test]
    fn a_document_that_fails_partway_leaves_nothing_and_fails_as_itself() {
        for existing in [false, true] {
            let parent = tempfile::tempdir().unwrap();
            let dir = parent.path().join("out");
            if existing {
                fs::create_dir(&dir).unwrap();
                fs::write(dir.join("a.txt"), "old\n").unwrap();
            }
            let out_dir = OutDir::open(&dir).unwrap();
            let error = out_dir
                .write(&dir.join("a.txt"), failing_partway)
                .unwrap_err();
            assert_eq!(error.to_string(), "the template failed");
            assert!(out_dir.finish().is_empty());
            if existing {
                assert_eq!(names(&dir), ["a.txt"]);
                assert_eq!(fs::read_to_string(dir.join("a.txt")).unwrap(), "old\n");
            } else {
                assert!(names(parent.path()).is_empty(), "nothing is left");
            }
        }
    }

    #[test]
    fn a_run_that_writes_nothing_makes_no_directory() {
        let parent = tempfile::tempdir().unwrap();
        let dir = parent.path().join("out");
        let out_dir = OutDir::open(&dir).unwrap();
        assert!(out_dir.finish().is_empty());
        assert!(names(parent.path()).is_empty());
    }
}
