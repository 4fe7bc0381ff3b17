//! Index errors in the user's words: a full disk, a refused write, a
//! read-only disk are said as such, with the path, however deep inside
//! tantivy they surfaced.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::SearchError;
use super::home::is_unwritable;

pub(super) fn io(path: &Path, source: std::io::Error) -> SearchError {
    SearchError::Io {
        path: path.to_path_buf(),
        source: in_user_words(source),
    }
}

/// tantivy's error on `path`; one caused by a full disk or a refused write
/// becomes an [`SearchError::Io`] that says so in those words. A writer
/// thread that died ("An index writer was killed") no longer carries its
/// cause, so a small probe write into the folder asks the disk directly.
pub(crate) fn tantivy_err(path: &Path, source: tantivy::TantivyError) -> SearchError {
    let kind = io_kind_in(&source).or_else(|| os_error_in(&source.to_string()));
    if let Some(kind) = kind.filter(|k| user_words(*k).is_some()) {
        return io(path, std::io::Error::from(kind));
    }
    if matches!(source, tantivy::TantivyError::ErrorInThread(_))
        && let Err(e) = probe_write(path)
        && user_words(e.kind()).is_some()
    {
        return io(path, e);
    }
    SearchError::Index {
        path: path.to_path_buf(),
        source,
    }
}

/// The kind of an OS error quoted in a message: tantivy passes some I/O
/// errors on as text only ("Internal error: 'No space left on device (os error 28)'").
fn os_error_in(message: &str) -> Option<std::io::ErrorKind> {
    let code = message.split("(os error ").nth(1)?.split(')').next()?;
    code.parse::<i32>()
        .ok()
        .map(|code| std::io::Error::from_raw_os_error(code).kind())
}

/// The kind of the first I/O error in `error`'s chain of causes.
fn io_kind_in(error: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut at: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = at {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        if let Some(io) = e.downcast_ref::<Arc<std::io::Error>>() {
            return Some(io.kind());
        }
        at = e.source();
    }
    None
}

/// Writes and removes a 64 KiB file in `dir`, to learn whether it can be written.
fn probe_write(dir: &Path) -> std::io::Result<()> {
    let dir = if dir.is_dir() {
        dir
    } else {
        dir.parent().unwrap_or(dir)
    };
    let path = dir.join(".jianbao-probe");
    let written = fs::write(&path, vec![0u8; 64 << 10]);
    fs::remove_file(&path).ok();
    written
}

/// What a person calls the errors they can act on.
fn user_words(kind: std::io::ErrorKind) -> Option<&'static str> {
    use std::io::ErrorKind as K;
    match kind {
        K::StorageFull | K::QuotaExceeded => Some("the disk is full"),
        K::PermissionDenied => Some("permission denied (no write access)"),
        K::ReadOnlyFilesystem => Some("the disk is read-only"),
        _ => None,
    }
}

/// `source` with its message in [`user_words`] where we have them.
fn in_user_words(source: std::io::Error) -> std::io::Error {
    match user_words(source.kind()) {
        Some(words) => std::io::Error::new(source.kind(), words),
        None => source,
    }
}

/// Whether `error` means its folder cannot be written (so look elsewhere).
/// A full disk counts: the index is derived, so it can live in memory instead.
pub(super) fn unwritable_cause(error: &SearchError) -> Option<std::io::ErrorKind> {
    let kind = match error {
        SearchError::Io { source, .. } => Some(source.kind()),
        SearchError::Index { source, .. } => {
            io_kind_in(source).or_else(|| os_error_in(&source.to_string()))
        }
        _ => None,
    }?;
    let full = matches!(
        kind,
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
    );
    (full || is_unwritable(&std::io::Error::from(kind))).then_some(kind)
}

/// The file or folder an index error concerns.
pub(super) fn error_path(error: &SearchError) -> PathBuf {
    match error {
        SearchError::Io { path, .. }
        | SearchError::Index { path, .. }
        | SearchError::Damaged { path, .. }
        | SearchError::OldSchema { path } => path.clone(),
        _ => PathBuf::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_disk_is_said_so_however_tantivy_wraps_it() {
        let wrapped =
            tantivy::TantivyError::InternalError("No space left on device (os error 28)".into());
        let error = tantivy_err(Path::new("/p/index"), wrapped);
        assert_eq!(error.to_string(), "/p/index: the disk is full");
        assert!(unwritable_cause(&error).is_some());
        let denied =
            tantivy::TantivyError::from(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert!(
            tantivy_err(Path::new("/p"), denied)
                .to_string()
                .contains("permission denied")
        );
    }
}
