//! Errors of the project store; every variant names the file it concerns.

use std::path::{Path, PathBuf};

/// Result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What can go wrong reading or writing a project folder.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A RON file does not parse; nothing was overwritten.
    #[error("{}:{line}:{col}: {message} (the file was left as it is; fix it or restore a backup)", path.display())]
    Ron {
        /// The malformed file.
        path: PathBuf,
        /// Line, from 1.
        line: usize,
        /// Column, from 1.
        col: usize,
        /// What the parser expected.
        message: String,
    },
    /// A value could not be written as RON.
    #[error("{}: cannot encode as RON: {message}", path.display())]
    Encode {
        /// The file being written.
        path: PathBuf,
        /// The encoder's message.
        message: String,
    },
    /// The folder has no `project.ron`.
    #[error("{}: not a Jianbao project (no project.ron; create one with `jianbao new`)", path.display())]
    NotAProject {
        /// The folder.
        path: PathBuf,
    },
    /// `jianbao new` on a folder that already holds a project.
    #[error("{}: a project already exists here", path.display())]
    AlreadyExists {
        /// The existing `project.ron`.
        path: PathBuf,
    },
    /// Another process has the project open for writing.
    #[error("{}: the project is open for writing in another process{}; close it there, or open read-only", path.display(), holder.as_deref().map(|h| format!(" ({h})")).unwrap_or_default())]
    Locked {
        /// The project folder.
        path: PathBuf,
        /// What the lock file says about its holder, if anything.
        holder: Option<String>,
    },
    /// A write on a store opened read-only.
    #[error("{}: the project is open read-only", path.display())]
    ReadOnly {
        /// The project folder.
        path: PathBuf,
    },
    /// The file was written by a newer Jianbao.
    #[error("{}: format version {found} is newer than this Jianbao reads ({supported}); upgrade Jianbao", path.display())]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// Version in the file.
        found: u32,
        /// Newest version this build reads.
        supported: u32,
    },
    /// A read-only open of a project in an older format, which only a writer may migrate.
    #[error("{}: format version {found} must be migrated; open the project for writing once", path.display())]
    NeedsMigration {
        /// The project file.
        path: PathBuf,
        /// Version in the file.
        found: u32,
    },
}

impl StoreError {
    /// An I/O error on `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Self::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}
