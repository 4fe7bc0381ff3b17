//! Where an index lives: generations side by side, a pointer to the current
//! one, and the locks that keep readers safe while another process rebuilds.
//!
//! ```text
//! index/
//!   CURRENT          names the generation readers open ("gen-…"), replaced atomically
//!   index.lock       held (exclusive) by whoever writes: a rebuild, an update, the clean-up
//!   gen-<time>-<pid>/  one complete tantivy index + jianbao-search.json
//!     reader.lock    held (shared) by every process that has this generation open
//! ```
//!
//! A rebuild writes a new generation beside the current one and switches
//! `CURRENT` only once it is complete, so a reader always finds a whole
//! index. Old generations are removed once no reader holds them (a reader's
//! shared lock makes the clean-up's exclusive `try_lock` fail). The same
//! layout is used in the user's cache folder when the project cannot be
//! written (a shared drive, a DVD).

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use sha2::{Digest, Sha256};

use crate::archive::store::write_atomic;

/// The file naming the current generation.
pub const CURRENT_FILE: &str = "CURRENT";
/// The lock taken by whoever writes the index folder.
pub const LOCK_FILE: &str = "index.lock";
/// The lock each reader of a generation holds shared.
const READER_LOCK: &str = "reader.lock";
const GENERATION_PREFIX: &str = "gen-";
const TRASH_PREFIX: &str = "trash-";
/// How often a waiting process tries the lock again.
const POLL: Duration = Duration::from_millis(25);

/// An index folder holding generations (the project's `index/`, or one in
/// the user's cache).
#[derive(Debug, Clone)]
pub(crate) struct IndexHome {
    pub root: PathBuf,
}

/// Held while this process writes the index folder; released on drop.
#[derive(Debug)]
pub(crate) struct HomeLock {
    _file: File,
}

/// A generation this process has open: its shared reader lock, released on
/// drop, keeps the clean-up from removing it.
#[derive(Debug)]
pub(crate) struct Pin {
    _file: File,
}

impl IndexHome {
    /// The home at `root`.
    pub fn at(root: PathBuf) -> Self {
        Self { root }
    }

    /// The home for `project_root` in the user's cache folder:
    /// `$XDG_CACHE_HOME/jianbao/<hash>/` or `~/.cache/jianbao/<hash>/`.
    pub fn in_cache(project_root: &Path) -> Option<Self> {
        let base = std::env::var_os("XDG_CACHE_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
        let canonical = project_root
            .canonicalize()
            .unwrap_or_else(|_| project_root.to_path_buf());
        let digest = Sha256::digest(canonical.as_os_str().as_encoded_bytes());
        let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        Some(Self::at(base.join("jianbao").join(hash)))
    }

    /// The current generation's folder, if `CURRENT` names one.
    pub fn current(&self) -> Option<PathBuf> {
        let name = fs::read_to_string(self.root.join(CURRENT_FILE)).ok()?;
        let name = name.trim();
        // Only a plain generation name: never a path leading elsewhere.
        let valid = name.starts_with(GENERATION_PREFIX)
            && !name.contains(['/', '\\'])
            && !name.contains("..");
        valid.then(|| self.root.join(name))
    }

    /// Takes a reader's hold on `generation`; `Ok(None)` when it was
    /// removed in the meantime (read `CURRENT` again).
    pub fn pin(&self, generation: &Path) -> io::Result<Option<Pin>> {
        let file = match File::open(generation.join(READER_LOCK)) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        match file.lock_shared() {
            Ok(()) => {}
            // A file system without locks: read without the guarantee.
            Err(e) if e.kind() == io::ErrorKind::Unsupported => {}
            Err(e) => return Err(e),
        }
        // The clean-up renames a generation away while it holds the lock
        // exclusively, so once we hold it shared the folder is either still
        // here (and stays) or gone.
        if generation.is_dir() {
            Ok(Some(Pin { _file: file }))
        } else {
            Ok(None)
        }
    }

    /// Takes the writer's lock of this home, creating the folder, waiting at
    /// most `wait`; `Ok(None)` when another process still holds it then.
    /// An error means the folder cannot be written.
    pub fn lock(&self, wait: Duration) -> io::Result<Option<HomeLock>> {
        fs::create_dir_all(&self.root)?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(self.root.join(LOCK_FILE))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(Some(HomeLock { _file: file })),
                Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                    std::thread::sleep(POLL)
                }
                Err(TryLockError::WouldBlock) => return Ok(None),
                Err(TryLockError::Error(e)) if e.kind() == io::ErrorKind::Unsupported => {
                    return Ok(Some(HomeLock { _file: file }));
                }
                Err(TryLockError::Error(e)) => return Err(e),
            }
        }
    }

    /// Makes an empty generation folder (not yet current) and pins it.
    pub fn new_generation(&self, _lock: &HomeLock) -> io::Result<(PathBuf, Pin)> {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        let name = format!(
            "{GENERATION_PREFIX}{}-{:09}-{}",
            since.as_secs(),
            since.subsec_nanos(),
            std::process::id()
        );
        let dir = self.root.join(name);
        fs::create_dir(&dir)?;
        let file = File::create(dir.join(READER_LOCK))?;
        file.lock_shared().ok();
        Ok((dir, Pin { _file: file }))
    }

    /// Makes `generation` the one readers open.
    pub fn switch(&self, _lock: &HomeLock, generation: &Path) -> io::Result<()> {
        let name = generation
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        write_atomic(
            &self.root.join(CURRENT_FILE),
            format!("{name}\n").as_bytes(),
        )
    }

    /// Removes a generation that never became current (a failed build).
    pub fn discard(&self, _lock: &HomeLock, generation: &Path) {
        fs::remove_dir_all(generation).ok();
    }

    /// Best effort: removes generations no reader holds, half-built ones,
    /// and the files of the single-folder layout older versions wrote.
    pub fn clean(&self, _lock: &HomeLock) {
        let current = self.current();
        let Ok(entries) = fs::read_dir(&self.root) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if name == CURRENT_FILE || name == LOCK_FILE || Some(&path) == current.as_ref() {
                continue;
            }
            if is_dir && name.starts_with(TRASH_PREFIX) {
                fs::remove_dir_all(&path).ok();
            } else if is_dir && name.starts_with(GENERATION_PREFIX) {
                self.remove_unused(&path, &name);
            } else if !is_dir {
                fs::remove_file(&path).ok();
            }
        }
    }

    /// Removes `generation` unless a reader holds it: renamed away under the
    /// exclusive lock first, so a reader about to pin it sees it gone.
    fn remove_unused(&self, generation: &Path, name: &str) {
        let trash = self.root.join(format!("{TRASH_PREFIX}{name}"));
        match File::open(generation.join(READER_LOCK)) {
            Ok(file) => {
                if file.try_lock().is_err() {
                    return;
                }
                if fs::rename(generation, &trash).is_err() {
                    return;
                }
                drop(file);
            }
            // Made but killed before its lock file: it was never current.
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                if fs::rename(generation, &trash).is_err() {
                    return;
                }
            }
            Err(_) => return,
        }
        fs::remove_dir_all(&trash).ok();
    }
}

/// Whether `error` means the folder cannot be written (so the cache is used).
pub(crate) fn is_unwritable(error: &io::Error) -> bool {
    matches!(
        error.kind(),
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_generation_survives_the_clean_up_and_an_unpinned_one_goes() {
        let dir = tempfile::tempdir().unwrap();
        let home = IndexHome::at(dir.path().join("index"));
        let lock = home.lock(Duration::ZERO).unwrap().unwrap();
        let (first, first_pin) = home.new_generation(&lock).unwrap();
        home.switch(&lock, &first).unwrap();
        assert_eq!(home.current().as_ref(), Some(&first));
        let reader = home.pin(&first).unwrap().unwrap();
        drop(first_pin);
        std::thread::sleep(Duration::from_millis(2));
        let (second, _second_pin) = home.new_generation(&lock).unwrap();
        home.switch(&lock, &second).unwrap();
        home.clean(&lock);
        assert!(first.is_dir(), "a reader still holds it");
        drop(reader);
        home.clean(&lock);
        assert!(!first.exists());
        assert!(second.is_dir());
        assert!(home.pin(&first).unwrap().is_none());
    }

    #[test]
    fn one_writer_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let home = IndexHome::at(dir.path().join("index"));
        let held = home.lock(Duration::ZERO).unwrap();
        assert!(held.is_some());
        assert!(home.lock(Duration::from_millis(50)).unwrap().is_none());
        drop(held);
        assert!(home.lock(Duration::ZERO).unwrap().is_some());
    }

    #[test]
    fn current_ignores_a_pointer_outside_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        let home = IndexHome::at(dir.path().to_path_buf());
        fs::write(dir.path().join(CURRENT_FILE), "../etc").unwrap();
        assert!(home.current().is_none());
    }
}
