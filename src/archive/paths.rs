//! Paths as people and JSON see them: file names need not be UTF-8 (a GBK
//! name copied from an old Windows share), so they are shown lossily rather
//! than failing the whole report.

use std::path::Path;

/// Serializes a path as a string, replacing bytes that are not UTF-8 with
/// U+FFFD (serde's own impl refuses such a path, which cut JSON output short).
pub fn serialize_lossy<S: serde::Serializer>(
    path: &Path,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&path.to_string_lossy())
}

/// The bytes of a file name: its own bytes on unix, lossy UTF-8 elsewhere
/// (where names are UTF-16 and the date digits survive the conversion).
pub fn name_bytes(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, [u8]> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        std::borrow::Cow::Borrowed(name.as_bytes())
    }
    #[cfg(not(unix))]
    {
        match name.to_string_lossy() {
            std::borrow::Cow::Borrowed(s) => std::borrow::Cow::Borrowed(s.as_bytes()),
            std::borrow::Cow::Owned(s) => std::borrow::Cow::Owned(s.into_bytes()),
        }
    }
}
