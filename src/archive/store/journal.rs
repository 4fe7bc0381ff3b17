//! The edit journal: editorial changes (tags, notes) saved in O(1) files.
//!
//! Tagging ten thousand articles spread over three thousand editions cannot
//! rewrite three thousand RON files within a second, so such edits are
//! appended to `journal.ron` (one patch a line, fsynced before the edit
//! counts as done) and laid over the editions whenever they are read. Folding
//! ([`super::Store::fold_journal`]) later writes the patches into the edition
//! files and empties the journal. A patch holds absolute values, so applying
//! it twice (a crash during folding) changes nothing.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use super::atomic::write_atomic;
use super::error::{Result, StoreError};
use crate::archive::model::{Article, ArticleId, TagId};

/// File name of the journal inside a project folder.
pub const JOURNAL_FILE: &str = "journal.ron";

/// New editorial values of one article; `None` leaves a value as it was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Patch {
    /// The article.
    pub id: ArticleId,
    /// Its tags, replacing the old ones.
    pub tags: Option<Vec<TagId>>,
    /// Its note, replacing the old one.
    pub note: Option<String>,
}

impl Patch {
    /// Lays the patch over `article`.
    pub fn apply_to(&self, article: &mut Article) {
        if let Some(tags) = &self.tags {
            article.tags.clone_from(tags);
        }
        if let Some(note) = &self.note {
            article.note.clone_from(note);
        }
    }

    /// Adds `later`'s values over this patch's.
    fn merge(&mut self, later: Patch) {
        if later.tags.is_some() {
            self.tags = later.tags;
        }
        if later.note.is_some() {
            self.note = later.note;
        }
    }
}

/// The patches not yet folded into edition files, merged per article.
#[derive(Debug, Default)]
pub struct Journal {
    path: PathBuf,
    pending: BTreeMap<ArticleId, Patch>,
    lines: usize,
}

impl Journal {
    /// Reads `journal.ron` in `root` (none is an empty journal). A last line
    /// without its line end is a write that a crash cut short, before the
    /// edit was reported done: it is ignored. Any other bad line is an error
    /// naming the file, line and column.
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(JOURNAL_FILE);
        let mut journal = Self {
            path,
            ..Self::default()
        };
        let text = match std::fs::read(&journal.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(journal),
            Err(e) => return Err(StoreError::io(&journal.path, e)),
        };
        let complete = match text.iter().rposition(|b| *b == b'\n') {
            Some(end) => &text[..=end],
            None => &[][..],
        };
        let complete = std::str::from_utf8(complete).map_err(|e| {
            let (line, col) = line_col(complete, e.valid_up_to());
            StoreError::Ron {
                path: journal.path.clone(),
                line,
                col,
                message: "not UTF-8 text".into(),
            }
        })?;
        for (n, line) in complete.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let patch: Patch = ron::from_str(line).map_err(|e| StoreError::Ron {
                path: journal.path.clone(),
                line: n + 1,
                col: e.span.start.col,
                message: e.code.to_string(),
            })?;
            journal.add(patch);
        }
        Ok(journal)
    }

    /// Appends patches and syncs them to disk; only then are they pending.
    pub fn append(&mut self, patches: Vec<Patch>) -> Result<()> {
        if patches.is_empty() {
            return Ok(());
        }
        let mut text = String::new();
        for patch in &patches {
            text.push_str(&encode(&self.path, patch)?);
            text.push('\n');
        }
        let created = !self.path.exists();
        let io = |e| StoreError::io(&self.path, e);
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.sync_data().map_err(io)?;
        if created && let Some(dir) = self.path.parent() {
            // The new file's name must survive a crash too.
            File::open(dir).and_then(|d| d.sync_all()).map_err(io)?;
        }
        for patch in patches {
            self.add(patch);
        }
        Ok(())
    }

    fn add(&mut self, patch: Patch) {
        self.lines += 1;
        match self.pending.get_mut(&patch.id) {
            Some(old) => old.merge(patch),
            None => {
                self.pending.insert(patch.id.clone(), patch);
            }
        }
    }

    /// The merged patch of `id`, if any is pending.
    pub fn get(&self, id: &ArticleId) -> Option<&Patch> {
        self.pending.get(id)
    }

    /// Every pending patch, by article id.
    pub fn pending(&self) -> impl Iterator<Item = &Patch> {
        self.pending.values()
    }

    /// Lines in the file (patches appended since the last fold).
    pub fn len(&self) -> usize {
        self.lines
    }

    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Drops the patches of articles of `dates` (folded into their
    /// editions): the file is rewritten atomically with the rest, or removed.
    pub fn forget_dates(&mut self, dates: &[NaiveDate]) -> Result<()> {
        let dates: BTreeSet<&NaiveDate> = dates.iter().collect();
        self.pending
            .retain(|id, _| id.date().is_none_or(|d| !dates.contains(&d)));
        if self.pending.is_empty() {
            return self.clear();
        }
        let mut text = String::new();
        for patch in self.pending.values() {
            text.push_str(&encode(&self.path, patch)?);
            text.push('\n');
        }
        write_atomic(&self.path, text.as_bytes()).map_err(|e| StoreError::io(&self.path, e))?;
        self.lines = self.pending.len();
        Ok(())
    }

    /// Empties the journal once its patches are in the edition files.
    pub fn clear(&mut self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(StoreError::io(&self.path, e)),
        }
        if let Some(dir) = self.path.parent() {
            File::open(dir)
                .and_then(|d| d.sync_all())
                .map_err(|e| StoreError::io(dir, e))?;
        }
        self.pending.clear();
        self.lines = 0;
        Ok(())
    }
}

/// One patch as one line: compact RON escapes line breaks in notes.
fn encode(path: &Path, patch: &Patch) -> Result<String> {
    ron::ser::to_string(patch).map_err(|e| StoreError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// 1-based line and column of byte `offset` in `bytes`.
fn line_col(bytes: &[u8], offset: usize) -> (usize, usize) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|b| **b == b'\n').count() + 1;
    let start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[start..]).chars().count() + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u32) -> ArticleId {
        ArticleId(format!("20240628-01-{n:02}"))
    }

    #[test]
    fn patches_survive_a_reload_and_merge_per_article() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::load(dir.path()).unwrap();
        journal
            .append(vec![
                Patch {
                    id: id(1),
                    tags: Some(vec![TagId(1)]),
                    note: None,
                },
                Patch {
                    id: id(1),
                    tags: None,
                    note: Some("核对\n\"引号\"".into()),
                },
            ])
            .unwrap();
        let reloaded = Journal::load(dir.path()).unwrap();
        let patch = reloaded.get(&id(1)).unwrap();
        assert_eq!(patch.tags, Some(vec![TagId(1)]));
        assert_eq!(patch.note.as_deref(), Some("核对\n\"引号\""));
        assert_eq!(reloaded.len(), 2);
    }

    #[test]
    fn forgetting_folded_dates_keeps_the_rest_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::load(dir.path()).unwrap();
        let other = ArticleId("20240629-01-01".into());
        journal
            .append(vec![
                Patch {
                    id: id(1),
                    tags: Some(vec![TagId(1)]),
                    note: None,
                },
                Patch {
                    id: other.clone(),
                    tags: None,
                    note: Some("留".into()),
                },
            ])
            .unwrap();
        journal.forget_dates(&[id(1).date().unwrap()]).unwrap();
        let reloaded = Journal::load(dir.path()).unwrap();
        assert!(reloaded.get(&id(1)).is_none());
        assert_eq!(reloaded.get(&other).unwrap().note.as_deref(), Some("留"));
        journal.forget_dates(&[other.date().unwrap()]).unwrap();
        assert!(!dir.path().join(JOURNAL_FILE).exists());
    }

    #[test]
    fn a_torn_last_line_is_ignored_but_a_broken_line_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::load(dir.path()).unwrap();
        journal
            .append(vec![Patch {
                id: id(1),
                tags: Some(vec![]),
                note: None,
            }])
            .unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        let mut text = std::fs::read_to_string(&path).unwrap();
        text.push_str("(id: \"20240628-01-02\", ta");
        std::fs::write(&path, &text).unwrap();
        assert_eq!(Journal::load(dir.path()).unwrap().pending().count(), 1);

        std::fs::write(&path, "(id: \"a\")\n(id: 3)\n").unwrap();
        let err = Journal::load(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Ron { line: 2, .. }), "{err}");
    }
}
