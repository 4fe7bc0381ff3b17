//! Folding the journal into the editions without a reader ever seeing half
//! of it, and searches of a read-only session that see only whole edits.
//!
//! A fold step prepares the editions (temp files, see
//! [`crate::archive::store::PreparedFold`]), records their new stamps in
//! the index's manifest, renames them into place, writes the tag map and the
//! stamps, and only then drops their patches from the journal. What cannot
//! be folded (an edition that does not read, ids without a date, a full
//! disk) stays in the journal, is reported in a [`FoldReport`], and is not
//! tried again in this session: a fold always finishes.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{Result, Session};
use crate::archive::search::{SearchRequest, SearchResults};
use crate::archive::store::{FoldProblem, FoldReport};

/// Times a read-only search reads the archive again when a writer changed
/// the journal meanwhile, before it answers with the last reading.
const MAX_REREADS: usize = 50;

/// What folding left behind in this session.
#[derive(Debug, Default)]
pub(super) struct FoldState {
    /// Dates not to try again (their edition does not read, or a write failed).
    skip: BTreeSet<NaiveDate>,
    /// Whether a write failed (a full disk): no more folding this session.
    stopped: bool,
    /// Whether the patches of ids without a date were reported.
    undated_reported: bool,
    report: FoldReport,
}

impl FoldState {
    /// After a write succeeded (the disk has room again, an edition may
    /// have been mended): folding may try what it gave up on.
    pub(super) fn retry(&mut self) {
        self.skip.clear();
        self.stopped = false;
    }
}

impl Session {
    /// Writes the journal's pending patches into the edition files; what
    /// cannot be folded stays in the journal and is in the report.
    pub fn fold_journal(&mut self) -> Result<()> {
        while self.fold_step(FOLD_CHUNK)? {}
        Ok(())
    }

    /// Folds the patches of at most `max_editions` editions; returns whether
    /// any that can be folded are left. The UI's archive thread calls it
    /// while idle, a few editions at a time, so closing never waits on a
    /// long fold. Problems go to [`Session::fold_report`]; an edition that
    /// cannot be folded is not tried again in this session.
    pub fn fold_step(&mut self, max_editions: usize) -> Result<bool> {
        if self.is_read_only() || self.store.journal().is_empty() || self.fold.stopped {
            return Ok(false);
        }
        if !self.fold.undated_reported {
            self.fold.undated_reported = true;
            let undated = self.store.undated_patches();
            if undated > 0 {
                self.fold.report.kept.push(FoldProblem {
                    date: None,
                    articles: undated,
                    error: None,
                });
            }
        }
        let dates: Vec<NaiveDate> = self
            .store
            .dates_to_fold(&self.fold.skip)
            .into_iter()
            .take(max_editions.max(1))
            .collect();
        if dates.is_empty() {
            return Ok(false);
        }
        let mut prepared = self.store.prepare_fold(&dates);
        let problems = std::mem::take(&mut prepared.problems);
        let wrote_all = problems
            .iter()
            .all(|p| !matches!(p.error, Some(crate::archive::store::StoreError::Io { .. })));
        self.keep(problems);
        if !wrote_all {
            // A write failed (typically a full disk): nothing was put in place.
            self.fold.stopped = true;
            return Ok(false);
        }
        if prepared.is_empty() {
            return Ok(self.foldable_left());
        }
        if let Err(e) = self.index.prestamp(prepared.files()) {
            self.stop(&dates, e.into());
            return Ok(false);
        }
        let (done, failed) = self.store.commit_fold(prepared);
        if let Some(problem) = failed {
            self.keep(vec![problem]);
            self.fold.stopped = true;
        }
        // The tag map and stamps first: a reader pairs the journal it read
        // with the tag map it finds, so the patches go only once both agree.
        if let Err(e) = self.index.restamp(&self.store, &done) {
            self.stop(&done, e.into());
            return Ok(false);
        }
        if let Err(e) = self.store.forget_folded(&done) {
            self.stop(&done, e.into());
            return Ok(false);
        }
        self.fold.report.folded.extend(&done);
        Ok(!self.fold.stopped && self.foldable_left())
    }

    /// What folding did in this session and what it left in the journal.
    pub fn fold_report(&self) -> &FoldReport {
        &self.fold.report
    }

    /// Folds the journal and closes the archive; returns what the fold did
    /// and what stays in the journal (pending, laid over the editions when
    /// read, folded by a later session): every edit saved before stays saved.
    pub fn close(mut self) -> Result<FoldReport> {
        self.fold_journal()?;
        Ok(std::mem::take(&mut self.fold.report))
    }

    pub(super) fn fold_if_due(&mut self) -> Result<()> {
        if self.store.journal().len() > super::FOLD_AFTER_PATCHES {
            self.fold_journal()?;
        }
        Ok(())
    }

    fn foldable_left(&self) -> bool {
        !self.store.dates_to_fold(&self.fold.skip).is_empty()
    }

    fn keep(&mut self, problems: Vec<FoldProblem>) {
        for problem in problems {
            if let Some(date) = problem.date {
                self.fold.skip.insert(date);
                // Tried again after a retry: one line per edition.
                self.fold.report.kept.retain(|k| k.date != Some(date));
            }
            self.fold.report.kept.push(problem);
        }
    }

    /// A step failed after its editions were prepared: their patches stay.
    fn stop(&mut self, dates: &[NaiveDate], error: super::SessionError) {
        self.fold.stopped = true;
        let articles = self
            .store
            .journal()
            .pending()
            .filter(|p| p.id.date().is_some_and(|d| dates.contains(&d)))
            .count();
        let error = match error {
            super::SessionError::Store(e) => e,
            other => crate::archive::store::StoreError::io(
                self.root(),
                std::io::Error::other(other.to_string()),
            ),
        };
        self.fold.report.kept.push(FoldProblem {
            date: dates.first().copied(),
            articles,
            error: Some(error),
        });
    }

    /// `results` of this session's search, or, when a writer changed the
    /// journal while this read-only session read the archive (its view may
    /// hold part of an edit), the results of a fresh reading that no writer
    /// changed meanwhile.
    pub(super) fn whole_edits_only(
        &self,
        request: &SearchRequest,
        results: SearchResults,
    ) -> Result<SearchResults> {
        if !self.is_read_only() || !self.store.journal_changed_on_disk() {
            return Ok(results);
        }
        let mut last = results;
        for _ in 0..MAX_REREADS {
            let fresh = Session::open_read_only_trusting(self.root())?;
            last = fresh.index.search(request)?;
            if !fresh.store.journal_changed_on_disk() {
                break;
            }
        }
        Ok(last)
    }
}

/// Editions one fold step prepares (their temp files side by side).
const FOLD_CHUNK: usize = 500;
