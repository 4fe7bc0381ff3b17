//! Opening an index that never fails its readers: the project's current
//! generation when it is fresh; else updated or rebuilt under the index lock;
//! else, where the project cannot be written or another process holds it too
//! long, an index in the user's cache or in memory — each said in an
//! [`IndexNotice`].

use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;
use tantivy::Index;
use tantivy::directory::MmapDirectory;

use super::error::{error_path, io, tantivy_err, unwritable_cause};
use super::guard;
use super::home::{HomeLock, IndexHome, is_unwritable};
use super::index::{Manifest, REBUILD_BUDGET_BYTES, TagMap};
use super::schema::build_schema;
use super::{Result, SearchError, SearchIndex};
use crate::archive::store::{Store, StoreError};

/// How long an opening process waits for another one's rebuild when there
/// is no index to search meanwhile (then it builds one in memory).
const REBUILD_WAIT: Duration = Duration::from_secs(60);
/// How long an opening process waits for another one's update when there
/// is an index to search meanwhile (then it searches that, and says so).
const UPDATE_WAIT: Duration = Duration::from_secs(10);
/// How long `reindex` waits for a rebuild already running elsewhere.
pub(super) const REINDEX_WAIT: Duration = Duration::from_secs(600);

/// Something a person should know about the index this session searches;
/// each is said once, when the index is opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum IndexNotice {
    /// The project folder cannot be written and its index was missing or
    /// stale, so an index in the user's cache folder is searched.
    InCache {
        /// The index folder in the cache.
        #[serde(serialize_with = "crate::archive::paths::serialize_lossy")]
        dir: PathBuf,
        /// Why the project's own folder was not used (read-only, disk full).
        reason: String,
    },
    /// No index could be written (neither the project nor the cache) or
    /// another process took too long rebuilding: one was built in memory.
    InMemory {
        /// Why.
        reason: String,
    },
    /// Another process is updating the index; the editions changed since
    /// are searched as they were when last indexed.
    Busy {
        /// Editions changed since they were indexed.
        editions: usize,
    },
    /// The index was damaged and has been rebuilt from the project files.
    Repaired {
        /// What was wrong with it.
        problem: String,
    },
}

impl std::fmt::Display for IndexNotice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IndexNotice::InCache { dir, reason } => write!(
                f,
                "the project's search index is missing or out of date and cannot be written there ({reason}); searching an index built in {}",
                dir.display()
            ),
            IndexNotice::InMemory { reason } => write!(
                f,
                "searching an index built in memory for this session ({reason})"
            ),
            IndexNotice::Busy { editions } => write!(
                f,
                "another process is updating the search index; {editions} changed edition(s) are searched as last indexed"
            ),
            IndexNotice::Repaired { problem } => write!(
                f,
                "the search index was damaged ({problem}); rebuilt it from the project files"
            ),
        }
    }
}

/// Whether opening compares the edition files with the manifest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Check {
    /// Stat every edition file: changed ones are re-indexed before searching.
    Files,
    /// Take a current index for fresh (the caller checks beside its search).
    Trust,
}

/// Why an index could not be opened in one home: the caller tries the next.
enum NotHere {
    /// The folder cannot be written (and the index there is missing or stale).
    Unwritable(PathBuf, std::io::Error),
    /// Another process holds the folder longer than we wait.
    Busy,
    /// Anything else: reported.
    Failed(SearchError),
}

impl From<SearchError> for NotHere {
    fn from(error: SearchError) -> Self {
        match unwritable_cause(&error) {
            Some(kind) => NotHere::Unwritable(error_path(&error), std::io::Error::from(kind)),
            None => NotHere::Failed(error),
        }
    }
}

impl From<StoreError> for NotHere {
    fn from(error: StoreError) -> Self {
        NotHere::Failed(error.into())
    }
}

/// What an opening process finds in a home without writing anything.
enum Found {
    Fresh(SearchIndex),
    Stale(SearchIndex, usize),
    Missing,
    Damaged(String),
    /// Built by an older version: rebuilt without a word of damage.
    OldSchema,
}

impl SearchIndex {
    /// Opens the project's index, rebuilding it when missing, damaged or
    /// of an older schema, and re-indexing editions whose RON files changed
    /// (or appeared, or went away) since they were indexed. Never needs
    /// write access and never fails because another process is rebuilding:
    /// see [`SearchIndex::notices`] for what it did instead.
    pub fn open(store: &Store) -> Result<SearchIndex> {
        Self::open_checking(store, Check::Files)
    }

    /// Opens the project's index like [`SearchIndex::open`] (rebuilding a
    /// missing, damaged or older one) but trusts a current index to be
    /// fresh, in time independent of the number of editions. For a one-off
    /// search: run [`SearchIndex::is_stale`] beside it, and open again with
    /// [`SearchIndex::open`] when that says the editions changed.
    pub fn open_trusting(store: &Store) -> Result<SearchIndex> {
        Self::open_checking(store, Check::Trust)
    }

    /// Whether an edition file changed, appeared or went away since it was
    /// indexed (one `stat` per edition file).
    pub fn is_stale(&self, store: &Store) -> Result<bool> {
        Ok(!self.stale_dates(store)?.is_empty())
    }

    fn open_checking(store: &Store, check: Check) -> Result<SearchIndex> {
        let home = IndexHome::at(store.index_dir());
        let mut index = match Self::open_in(&home, store, check) {
            Ok(index) => index,
            Err(NotHere::Failed(e)) => return Err(e),
            Err(why) => Self::open_elsewhere(store, why)?,
        };
        index.apply_patches(store.journal().pending());
        Ok(index)
    }

    /// Builds the index again from every edition file, as a new generation
    /// beside the one readers use, reporting `(editions done, editions
    /// total)` as it goes. Waits for a rebuild running elsewhere to finish
    /// first; a project that cannot be written is indexed in the cache.
    pub fn rebuild(store: &Store, progress: &mut dyn FnMut(usize, usize)) -> Result<SearchIndex> {
        let home = IndexHome::at(store.index_dir());
        let unwritable = match home.lock(REINDEX_WAIT) {
            Ok(Some(lock)) => match Self::build_generation(&home, &lock, store, progress) {
                Err(e) if unwritable_cause(&e).is_some() => e,
                other => return other,
            },
            Ok(None) => {
                return Err(io(
                    &home.root,
                    std::io::Error::other(
                        "another process has been rebuilding the index for ten minutes",
                    ),
                ));
            }
            Err(e) if is_unwritable(&e) => io(&home.root, e),
            Err(e) => return Err(io(&home.root, e)),
        };
        let Some(cache) = IndexHome::in_cache(store.root()) else {
            return Err(unwritable);
        };
        let lock = match cache.lock(REINDEX_WAIT) {
            Ok(Some(lock)) => lock,
            _ => return Err(unwritable),
        };
        let mut index = Self::build_generation(&cache, &lock, store, progress)?;
        index.notices.push(IndexNotice::InCache {
            dir: cache.root.clone(),
            reason: unwritable.to_string(),
        });
        Ok(index)
    }

    /// Rebuilds after the index turned out damaged while searching, and
    /// says so in [`SearchIndex::notices`].
    pub fn repair(store: &Store, problem: String) -> Result<SearchIndex> {
        let mut index = Self::rebuild(store, &mut |_, _| {})?;
        index.apply_patches(store.journal().pending());
        index.notices.push(IndexNotice::Repaired { problem });
        Ok(index)
    }

    /// Best effort, without waiting: removes generations no process holds
    /// any more (as after [`SearchIndex::repair`], once the damaged one is dropped).
    pub fn clean_up(&self) {
        if let Some(home) = &self.home
            && let Ok(Some(lock)) = home.lock(Duration::ZERO)
        {
            home.clean(&lock);
        }
    }

    /// What this session's index is not as usual (read-only project,
    /// rebuilt after damage, another process updating); empty normally.
    pub fn notices(&self) -> &[IndexNotice] {
        &self.notices
    }

    /// Opens (updating or building under the home's lock when needed) the
    /// index in `home`.
    fn open_in(home: &IndexHome, store: &Store, check: Check) -> Result<SearchIndex, NotHere> {
        let found = match Self::look(home, store, check)? {
            Found::Fresh(index) => return Ok(index),
            other => other,
        };
        let wait = match found {
            Found::Stale(..) => UPDATE_WAIT,
            _ => REBUILD_WAIT,
        };
        let lock = match home.lock(wait) {
            Ok(Some(lock)) => lock,
            Ok(None) => {
                return match found {
                    Found::Stale(mut index, editions) => {
                        index.notices.push(IndexNotice::Busy { editions });
                        Ok(index)
                    }
                    _ => Err(NotHere::Busy),
                };
            }
            Err(e) if is_unwritable(&e) => return Err(NotHere::Unwritable(home.root.clone(), e)),
            Err(e) => return Err(NotHere::Failed(io(&home.root, e))),
        };
        drop(found);
        // Nobody else writes now: what we saw may have been fixed meanwhile.
        match Self::look(home, store, check)? {
            Found::Fresh(index) => Ok(index),
            Found::Stale(mut index, _) => {
                let stale = index.stale_dates(store)?;
                index.update_or_rebuild(home, &lock, store, &stale)?;
                Ok(index)
            }
            Found::Missing | Found::OldSchema => {
                Ok(Self::build_generation(home, &lock, store, &mut |_, _| {})?)
            }
            Found::Damaged(problem) => {
                let mut index = Self::build_generation(home, &lock, store, &mut |_, _| {})?;
                index.notices.push(IndexNotice::Repaired { problem });
                Ok(index)
            }
        }
    }

    /// Opens the current generation of `home` without writing anything.
    fn look(home: &IndexHome, store: &Store, check: Check) -> Result<Found, NotHere> {
        // A generation can be replaced and removed between reading `CURRENT`
        // and pinning it; then read `CURRENT` again.
        for _ in 0..50 {
            let Some(generation) = home.current() else {
                return Ok(Found::Missing);
            };
            let pin = match home.pin(&generation) {
                Ok(Some(pin)) => pin,
                Ok(None) => continue,
                Err(e) => return Ok(Found::Damaged(format!("{}: {e}", generation.display()))),
            };
            let opened = guard::catch(|| Self::open_generation(&generation, store.project()))
                .unwrap_or_else(|panic| {
                    Err(SearchError::Damaged {
                        path: generation.clone(),
                        message: panic,
                    })
                });
            match opened {
                Ok(mut index) => {
                    index.pin = Some(pin);
                    index.home = Some(home.clone());
                    let stale = match check {
                        Check::Files => index.stale_dates(store)?.len(),
                        Check::Trust => 0,
                    };
                    return Ok(if stale == 0 {
                        Found::Fresh(index)
                    } else {
                        Found::Stale(index, stale)
                    });
                }
                Err(_) if home.current().as_ref() != Some(&generation) => continue,
                Err(SearchError::OldSchema { .. }) => return Ok(Found::OldSchema),
                Err(e) => return Ok(Found::Damaged(e.to_string())),
            }
        }
        Ok(Found::Missing)
    }

    /// The project's own index is out of reach: the cache's, else memory.
    fn open_elsewhere(store: &Store, why: NotHere) -> Result<SearchIndex> {
        let reason = match why {
            NotHere::Unwritable(path, e) => {
                let reason = io(&path, e).to_string();
                if let Some(cache) = IndexHome::in_cache(store.root())
                    && let Ok(mut index) = Self::open_in(&cache, store, Check::Files)
                {
                    index.notices.push(IndexNotice::InCache {
                        dir: cache.root.clone(),
                        reason,
                    });
                    return Ok(index);
                }
                reason
            }
            NotHere::Busy => "another process is still rebuilding the project's index".into(),
            NotHere::Failed(e) => return Err(e),
        };
        let (schema, fields) = build_schema();
        let index = Index::create_in_ram(schema);
        let mut search = Self::assemble(
            index,
            fields,
            store.index_dir(),
            Manifest::default(),
            TagMap::new(),
            store.project(),
        )?;
        search.fill(store, &mut |_, _| {})?;
        search.notices.push(IndexNotice::InMemory { reason });
        Ok(search)
    }

    /// Builds a new generation in `home` from every edition file and makes
    /// it current; a failed build leaves the current one as it was.
    fn build_generation(
        home: &IndexHome,
        lock: &HomeLock,
        store: &Store,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<SearchIndex> {
        let (dir, pin) = home.new_generation(lock).map_err(|e| io(&home.root, e))?;
        let built = (|| {
            let (schema, fields) = build_schema();
            let mmap = MmapDirectory::open(&dir).map_err(|e| tantivy_err(&dir, e.into()))?;
            let index = Index::create(mmap, schema, Default::default())
                .map_err(|e| tantivy_err(&dir, e))?;
            let mut search = Self::assemble(
                index,
                fields,
                dir.clone(),
                Manifest::default(),
                TagMap::new(),
                store.project(),
            )?;
            // Set before filling: a home is what makes commits write the manifest.
            search.home = Some(home.clone());
            search.fill(store, progress)?;
            home.switch(lock, &dir).map_err(|e| io(&home.root, e))?;
            Ok(search)
        })();
        match built {
            Ok(mut search) => {
                search.pin = Some(pin);
                home.clean(lock);
                Ok(search)
            }
            Err(e) => {
                drop(pin);
                home.discard(lock, &dir);
                Err(e)
            }
        }
    }

    /// Re-indexes `dates` in place; when that fails for a reason other than
    /// a folder that cannot be written (e.g. files a killed writer left
    /// behind), builds a new generation instead and says so.
    pub(super) fn update_or_rebuild(
        &mut self,
        home: &IndexHome,
        lock: &HomeLock,
        store: &Store,
        dates: &[chrono::NaiveDate],
    ) -> Result<()> {
        match self.update_unlocked(store, dates) {
            Ok(()) => Ok(()),
            Err(e) if unwritable_cause(&e).is_some() => Err(e),
            Err(e) => {
                let mut fresh = Self::build_generation(home, lock, store, &mut |_, _| {})?;
                fresh.apply_patches(store.journal().pending());
                fresh.notices = std::mem::take(&mut self.notices);
                fresh.notices.push(IndexNotice::Repaired {
                    problem: e.to_string(),
                });
                *self = fresh;
                Ok(())
            }
        }
    }

    /// Indexes every edition file into this (empty) index.
    fn fill(&mut self, store: &Store, progress: &mut dyn FnMut(usize, usize)) -> Result<()> {
        let files = store.edition_files()?;
        let total = files.len();
        progress(0, total);
        let mut writer = self.writer(REBUILD_BUDGET_BYTES)?;
        for (done, file) in files.iter().enumerate() {
            self.index_edition_file(&mut writer, store, file, false)?;
            progress(done + 1, total);
        }
        self.commit(writer)
    }
}
