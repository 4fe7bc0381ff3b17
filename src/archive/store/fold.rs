//! Folding the journal into the edition files, in two steps a search index
//! can stand between.
//!
//! [`Store::prepare_fold`] writes each edition with its pending patches to a
//! synced temp file beside it, and says when and how big that file is (its
//! stamp, which a rename keeps); [`Store::commit_fold`] renames them into
//! place. Between the two the session records the new stamps as expected, so
//! a reader never takes a fold for an edition changed behind the index, and
//! never re-reads editions half folded. A full disk fails the first step,
//! leaving every edition as it was. An edition that cannot be read, or a
//! patch of an id without a date, cannot be folded: its patches stay in the
//! journal (still laid over the editions when read) and are reported.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::path::Path;

use chrono::NaiveDate;

use super::error::{Result, StoreError};
use super::{EditionFile, Store, encode_ron};

/// Patches the fold could not write into their edition: they stay pending
/// in the journal.
#[derive(Debug)]
pub struct FoldProblem {
    /// The edition, or `None` for patches of ids that name no date.
    pub date: Option<NaiveDate>,
    /// Articles whose patches stay in the journal.
    pub articles: usize,
    /// Why (the edition file's error with its line and column, or the
    /// write that failed); `None` for ids without a date.
    pub error: Option<StoreError>,
}

impl std::fmt::Display for FoldProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.date, &self.error) {
            (_, Some(error)) => write!(
                f,
                "the changes of {} article(s) stay in the journal, not yet written into their edition: {error}",
                self.articles
            ),
            (_, None) => write!(
                f,
                "the changes of {} article(s) whose ids name no date stay in the journal (no edition to write them into)",
                self.articles
            ),
        }
    }
}

/// What folding did: the editions written, and the patches that stay.
#[derive(Debug, Default)]
pub struct FoldReport {
    /// Editions the journal was written into.
    pub folded: Vec<NaiveDate>,
    /// Patches that could not be folded (still pending, nothing lost).
    pub kept: Vec<FoldProblem>,
}

impl FoldReport {
    /// Whether every pending patch was folded.
    pub fn is_complete(&self) -> bool {
        self.kept.is_empty()
    }
}

/// Editions written to temp files, not yet in place.
#[derive(Debug, Default)]
pub struct PreparedFold {
    editions: Vec<(EditionFile, tempfile::TempPath)>,
    /// Dates with nothing to write (the edition is gone): folded as they are.
    gone: Vec<NaiveDate>,
    /// What could not be prepared.
    pub problems: Vec<FoldProblem>,
}

impl PreparedFold {
    /// The edition files as they will be once in place (date, path, stamp).
    pub fn files(&self) -> impl Iterator<Item = &EditionFile> {
        self.editions.iter().map(|(file, _)| file)
    }

    /// Whether there is anything to put in place.
    pub fn is_empty(&self) -> bool {
        self.editions.is_empty() && self.gone.is_empty()
    }
}

impl Store {
    /// Dates the journal has patches for, except those in `skip`.
    pub fn dates_to_fold(&self, skip: &BTreeSet<NaiveDate>) -> Vec<NaiveDate> {
        let dates: BTreeSet<NaiveDate> = self
            .journal
            .pending()
            .filter_map(|p| p.id.date())
            .filter(|d| !skip.contains(d))
            .collect();
        dates.into_iter().collect()
    }

    /// Pending patches whose ids name no date (they have no edition).
    pub fn undated_patches(&self) -> usize {
        self.journal
            .pending()
            .filter(|p| p.id.date().is_none())
            .count()
    }

    /// Writes each edition of `dates` with its pending patches to a synced
    /// temp file beside it. An edition that does not load is a problem (its
    /// patches stay); the first failed write (a full disk) stops the
    /// preparation, and the dates after it are left for a later fold.
    pub fn prepare_fold(&self, dates: &[NaiveDate]) -> PreparedFold {
        let mut prepared = PreparedFold::default();
        if self.is_read_only() {
            return prepared;
        }
        for &date in dates {
            let articles = || {
                self.journal
                    .pending()
                    .filter(|p| p.id.date() == Some(date))
                    .count()
            };
            let edition = match self.load_edition(date) {
                Ok(Some(edition)) => edition,
                Ok(None) => {
                    prepared.gone.push(date);
                    continue;
                }
                Err(error) => {
                    prepared.problems.push(FoldProblem {
                        date: Some(date),
                        articles: articles(),
                        error: Some(error),
                    });
                    continue;
                }
            };
            let path = self.edition_path(date);
            match encode_ron(&path, &edition).and_then(|text| write_temp(&path, text.as_bytes())) {
                Ok((file, temp)) => prepared.editions.push((
                    EditionFile {
                        date,
                        path,
                        modified: file.modified,
                        len_bytes: file.len_bytes,
                    },
                    temp,
                )),
                Err(error) => {
                    prepared.problems.push(FoldProblem {
                        date: Some(date),
                        articles: articles(),
                        error: Some(error),
                    });
                    break;
                }
            }
        }
        prepared
    }

    /// Renames the prepared editions into place; returns the dates folded
    /// (those of editions that are gone included). On a failed rename the
    /// rest stay as they were and the error is returned with what was done.
    pub fn commit_fold(&self, prepared: PreparedFold) -> (Vec<NaiveDate>, Option<FoldProblem>) {
        let mut done = prepared.gone;
        let mut dirs = BTreeSet::new();
        for (file, temp) in prepared.editions {
            if let Err(e) = temp.persist(&file.path) {
                let problem = FoldProblem {
                    date: Some(file.date),
                    articles: self
                        .journal
                        .pending()
                        .filter(|p| p.id.date() == Some(file.date))
                        .count(),
                    error: Some(StoreError::io(&file.path, e.error)),
                };
                sync_dirs(&dirs);
                return (done, Some(problem));
            }
            if let Some(dir) = file.path.parent() {
                dirs.insert(dir.to_path_buf());
            }
            done.push(file.date);
        }
        sync_dirs(&dirs);
        (done, None)
    }
}

/// The renames are durable once the folders' entries are on disk.
fn sync_dirs(dirs: &BTreeSet<std::path::PathBuf>) {
    for dir in dirs {
        if let Ok(d) = fs::File::open(dir) {
            d.sync_all().ok();
        }
    }
}

/// Writes `bytes` to a synced temp file beside `target`, with the target's
/// permissions; returns its stamp (which the rename into place keeps).
fn write_temp(target: &Path, bytes: &[u8]) -> Result<(EditionFile, tempfile::TempPath)> {
    let dir = target.parent().unwrap_or(Path::new("."));
    let io = |e| StoreError::io(target, e);
    let mut tmp = tempfile::Builder::new()
        .prefix(".jianbao-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    if let Ok(meta) = fs::metadata(target) {
        tmp.as_file().set_permissions(meta.permissions()).ok();
    }
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    let meta = tmp.as_file().metadata().map_err(io)?;
    let file = EditionFile {
        date: NaiveDate::MIN,
        path: target.to_path_buf(),
        modified: meta.modified().map_err(io)?,
        len_bytes: meta.len(),
    };
    Ok((file, tmp.into_temp_path()))
}
