//! Where the entries of a large feed wait to be written. A feed is ordered
//! only once every article is read, so its entries are held until then:
//! in memory up to a budget, and beyond it in an unnamed temporary file,
//! so a feed of any size is built in bounded memory and written with the
//! same bytes.

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

/// The bytes of one entry, in memory or in the spool's file.
#[derive(Debug, Clone)]
pub(crate) enum Lines {
    Held(Vec<u8>),
    Spilled {
        file: Arc<SpoolFile>,
        at: u64,
        len: usize,
    },
}

impl Lines {
    /// The bytes, read back into `buffer` when they were spilled.
    pub(crate) fn bytes<'a>(&'a self, buffer: &'a mut Vec<u8>) -> io::Result<&'a [u8]> {
        match self {
            Lines::Held(lines) => Ok(lines),
            Lines::Spilled { file, at, len } => {
                buffer.resize(*len, 0);
                file.read_at(*at, buffer)?;
                Ok(buffer)
            }
        }
    }
}

/// The temporary file spilled entries are appended to. The operating
/// system removes it when it is closed, however the process ends.
#[derive(Debug)]
pub(crate) struct SpoolFile {
    file: Mutex<File>,
}

impl SpoolFile {
    fn append(&self, bytes: &[u8]) -> io::Result<u64> {
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        // After a failed write the part written is never read: the next
        // entry goes after it.
        let at = file.seek(SeekFrom::End(0))?;
        file.write_all(bytes)?;
        Ok(at)
    }

    fn read_at(&self, at: u64, buffer: &mut [u8]) -> io::Result<()> {
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        file.seek(SeekFrom::Start(at))?;
        file.read_exact(buffer)
    }
}

/// Holds feed entries in memory until they pass `budget` bytes, and spills
/// the rest to a temporary file. Shared by the threads that make entries.
#[derive(Debug)]
pub struct Spool {
    budget: usize,
    held: AtomicUsize,
    /// Where the file goes; the system's temporary directory unless set.
    dir: Option<PathBuf>,
    /// Made at the first spill, and tried only once: `None` when it could
    /// not be made.
    file: OnceLock<Option<Arc<SpoolFile>>>,
}

impl Spool {
    /// A spool that keeps up to `budget` bytes of entries in memory.
    pub fn new(budget: usize) -> Spool {
        Spool {
            budget,
            held: AtomicUsize::new(0),
            dir: None,
            file: OnceLock::new(),
        }
    }

    /// A spool whose file goes in `dir`.
    pub fn in_dir(budget: usize, dir: &Path) -> Spool {
        Spool {
            dir: Some(dir.to_owned()),
            ..Spool::new(budget)
        }
    }

    /// `lines` kept in memory while the budget allows, else in the file.
    /// When the file cannot be made or written (no temporary directory, a
    /// full disk) they stay in memory: the feed is still written, only
    /// with more memory.
    pub(crate) fn keep(&self, lines: Vec<u8>) -> Lines {
        let held = self.held.fetch_add(lines.len(), Ordering::Relaxed);
        if held + lines.len() <= self.budget {
            return Lines::Held(lines);
        }
        self.held.fetch_sub(lines.len(), Ordering::Relaxed);
        let Some(file) = self.file() else {
            return Lines::Held(lines);
        };
        match file.append(&lines) {
            Ok(at) => Lines::Spilled {
                file,
                at,
                len: lines.len(),
            },
            Err(_) => Lines::Held(lines),
        }
    }

    fn file(&self) -> Option<Arc<SpoolFile>> {
        self.file
            .get_or_init(|| {
                let made = match &self.dir {
                    Some(dir) => tempfile::tempfile_in(dir),
                    None => tempfile::tempfile(),
                };
                made.ok().map(|made| {
                    Arc::new(SpoolFile {
                        file: Mutex::new(made),
                    })
                })
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_past_the_budget_are_spilled_and_read_back() {
        let spool = Spool::new(10);
        let kept: Vec<Lines> = ["first", "second", "third entry"]
            .iter()
            .map(|text| spool.keep(text.as_bytes().to_vec()))
            .collect();
        assert!(matches!(kept[0], Lines::Held(_)));
        assert!(matches!(kept[1], Lines::Spilled { .. }));
        assert!(matches!(kept[2], Lines::Spilled { at: 6, .. }));
        let mut buffer = Vec::new();
        // Read back out of order, as a feed sorted by date does.
        assert_eq!(kept[2].bytes(&mut buffer).unwrap(), b"third entry");
        assert_eq!(kept[0].bytes(&mut buffer).unwrap(), b"first");
        assert_eq!(kept[1].bytes(&mut buffer).unwrap(), b"second");
    }

    #[test]
    fn entries_stay_in_memory_when_no_file_can_be_made() {
        let missing = tempfile::tempdir().unwrap().path().join("gone");
        let spool = Spool::in_dir(0, &missing);
        for text in ["entry", "another"] {
            let kept = spool.keep(text.as_bytes().to_vec());
            assert!(matches!(kept, Lines::Held(_)));
            assert_eq!(kept.bytes(&mut Vec::new()).unwrap(), text.as_bytes());
        }
    }
}
