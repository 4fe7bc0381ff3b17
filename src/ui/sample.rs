//! The sample archive a first start opens: the bundled page of 武进日报, imported
//! into the user's data folder (never into the source tree or install folder).

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

use crate::archive::Store;
use crate::archive::import::{ImportOptions, ImportReport, import_paths};
use crate::archive::store::StoreError;

/// File name of the bundled sample page; its name carries the edition date.
pub const SAMPLE_FILE_NAME: &str = "wujin-daily-2024-06-28.txt";

/// Text of the bundled sample page.
pub const SAMPLE_PAGE: &str = include_str!("../../assets/wujin-daily-2024-06-28.txt");

/// Name of the sample paper.
pub const SAMPLE_PAPER: &str = "武进日报";

/// Where the sample archive lives inside the app's data folder.
pub fn sample_archive_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("sample").join(SAMPLE_PAPER)
}

/// The app's data folder: eframe's storage folder for `app_id`
/// (`~/.local/share/jianbao` on Linux), or a temp folder when there is no home.
pub fn default_data_dir(app_id: &str) -> PathBuf {
    eframe::storage_dir(app_id).unwrap_or_else(|| std::env::temp_dir().join(app_id))
}

/// Creates the sample archive in `dir` from the bundled page, unless it exists.
///
/// Returns the import report when it was built now, `None` when it existed.
pub fn ensure_sample_archive(dir: &Path) -> Result<Option<ImportReport>, StoreError> {
    if dir.join(crate::archive::store::PROJECT_FILE).exists() {
        return Ok(None);
    }
    let store = Store::create(dir, SAMPLE_PAPER)?;
    let source_dir = dir.parent().unwrap_or(dir).join("source");
    std::fs::create_dir_all(&source_dir).map_err(|e| StoreError::io(&source_dir, e))?;
    let source = source_dir.join(SAMPLE_FILE_NAME);
    std::fs::write(&source, SAMPLE_PAGE).map_err(|e| StoreError::io(&source, e))?;
    let report = import_paths(
        &store,
        &[source],
        &ImportOptions::default(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    if let Some(error) = report.errors.first() {
        return Err(StoreError::io(
            &error.path,
            std::io::Error::other(error.problem.to_string()),
        ));
    }
    Ok(Some(report))
}
