//! One writer per project: an advisory lock on `.jianbao.lock` in the project folder.
//!
//! The operating system drops the lock when the process dies, so a crash never
//! leaves a project locked.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

use super::{Result, StoreError};

/// Name of the lock file inside a project folder.
pub const LOCK_FILE: &str = ".jianbao.lock";

/// Held while a project is open for writing; released on drop.
#[derive(Debug)]
pub struct WriterLock {
    file: File,
}

impl WriterLock {
    /// Takes the writer lock of the project in `root`, or says who holds it.
    pub fn acquire(root: &Path) -> Result<Self> {
        let path = root.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut holder = String::new();
                file.read_to_string(&mut holder).ok();
                let holder = holder.trim();
                return Err(StoreError::Locked {
                    path: root.to_path_buf(),
                    holder: (!holder.is_empty()).then(|| holder.to_string()),
                });
            }
            Err(TryLockError::Error(e)) => return Err(StoreError::io(&path, e)),
        }
        // Say who holds it, for the message another process shows.
        file.set_len(0).ok();
        file.rewind().ok();
        write!(file, "pid {}", std::process::id()).ok();
        Ok(Self { file })
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        self.file.unlock().ok();
    }
}
