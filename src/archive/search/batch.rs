//! Indexing editions as they are saved (an import): one writer and one
//! commit for the whole run, each edition indexed from memory rather than
//! read back from the file just written.

use chrono::NaiveDate;
use tantivy::{IndexWriter, Term};

use super::error::io;
use super::home::HomeLock;
use super::index::{FileStamp, REBUILD_BUDGET_BYTES, SearchIndex, project_words};
use super::open::REINDEX_WAIT;
use super::query::date_key;
use super::{Result, SearchError};
use crate::archive::model::Edition;
use crate::archive::store::Store;

/// Editions being indexed as they are saved; nothing is searchable or
/// recorded in the manifest until [`IndexBatch::commit`]. Dropped without
/// committing (a failure, a crash), the index is as it was, and the next
/// open finds those editions stale by their files.
pub struct IndexBatch<'a> {
    index: &'a mut SearchIndex,
    writer: IndexWriter,
    /// Held for the whole batch: one writer per index folder.
    _lock: Option<HomeLock>,
}

impl std::fmt::Debug for IndexBatch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexBatch")
            .field("index", &self.index)
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Starts indexing editions of `store` as they are saved (waiting, like
    /// [`SearchIndex::update_editions`], for another process writing the index).
    pub fn batch(&mut self, store: &Store) -> Result<IndexBatch<'_>> {
        let lock = match self.home.clone() {
            None => None,
            Some(home) => match home.lock(REINDEX_WAIT) {
                Ok(Some(lock)) => Some(lock),
                Ok(None) => {
                    return Err(io(
                        &home.root,
                        std::io::Error::other("another process holds the search index"),
                    ));
                }
                Err(e) => return Err(io(&home.root, e)),
            },
        };
        self.jieba.add_words(project_words(store.project()));
        let writer = self.writer(REBUILD_BUDGET_BYTES)?;
        Ok(IndexBatch {
            index: self,
            writer,
            _lock: lock,
        })
    }
}

impl IndexBatch<'_> {
    /// Indexes `edition`, just saved to `store`, in place of what its date had.
    pub fn add(&mut self, store: &Store, edition: &Edition) -> Result<()> {
        let date = edition.date;
        self.writer.delete_term(Term::from_field_u64(
            self.index.fields.date_key,
            date_key(date),
        ));
        self.index.add_edition(&self.writer, edition)?;
        self.stamp(store, date)
    }

    /// Records the file of `date` as indexed (one `stat`).
    fn stamp(&mut self, store: &Store, date: NaiveDate) -> Result<()> {
        let manifest = &mut self.index.manifest;
        manifest.skipped.retain(|s| s.date != date);
        match store.edition_file(date).map_err(SearchError::from)? {
            Some(file) => {
                manifest.editions.insert(date, FileStamp::of(&file));
            }
            None => {
                manifest.editions.remove(&date);
            }
        }
        Ok(())
    }

    /// Makes the editions added searchable and records them in the manifest.
    pub fn commit(self) -> Result<()> {
        let IndexBatch {
            index,
            writer,
            _lock,
        } = self;
        index.commit(writer)
    }
}
