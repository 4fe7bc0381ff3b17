//! The edit journal: editorial changes (tags, notes) saved in O(1) files.
//!
//! Tagging ten thousand articles spread over three thousand editions cannot
//! rewrite three thousand RON files within a second, so such edits are
//! appended to `journal.ron` and laid over the editions whenever they are
//! read. Folding ([`super::Store::prepare_fold`]) later writes the patches
//! into the edition files and drops them from the journal. A patch holds
//! absolute values, so applying it twice (a crash during folding) changes
//! nothing.
//!
//! Each edit is one batch: `Begin(n)`, its `n` patches, then `End(n)` once
//! they are synced, and only ended batches are applied (see [`read`]), so an
//! edit is there whole or not at all whatever a crash or a full disk cut. A
//! writer opening the journal cuts what follows the last ended batch, so it
//! never appends after a torn line, and sets aside (in
//! `journal.damaged-….ron`, reported) whatever it could not read.

mod read;

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use chrono::NaiveDate;

use super::atomic::write_atomic;
use super::error::{Result, StoreError};
use crate::archive::model::{Article, ArticleId, TagId};

pub use read::JournalProblem;

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

/// What a writer found wrong in the journal when it opened it: the parts
/// that could not be read were not applied, and the journal as it was is
/// kept in `kept_as`; every edit that could be read is pending as before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalRepair {
    /// The journal.
    pub path: PathBuf,
    /// Where the journal as found was copied, untouched.
    pub kept_as: Option<PathBuf>,
    /// What could not be read.
    pub problems: Vec<JournalProblem>,
}

impl std::fmt::Display for JournalRepair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} part(s) could not be read and were not applied",
            self.path.display(),
            self.problems.len()
        )?;
        if let Some(kept) = &self.kept_as {
            write!(f, " (the journal as found is kept in {})", kept.display())?;
        }
        for problem in self.problems.iter().take(5) {
            write!(f, "; {}:{problem}", self.path.display())?;
        }
        if self.problems.len() > 5 {
            write!(f, "; and {} more", self.problems.len() - 5)?;
        }
        Ok(())
    }
}

/// Identity of the journal file on disk, to tell whether a writer changed
/// it while a reader worked from what it had read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileVersion {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
}

fn file_version(path: &Path) -> Option<FileVersion> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&meta);
    #[cfg(not(unix))]
    let inode = 0;
    Some(FileVersion {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    })
}

/// The patches not yet folded into edition files, merged per article.
#[derive(Debug, Default)]
pub struct Journal {
    path: PathBuf,
    pending: BTreeMap<ArticleId, Patch>,
    lines: usize,
    /// Bytes of the file up to the end of its last committed edit.
    committed_len: u64,
    /// Bytes of the file as read.
    file_len: u64,
    /// What could not be read.
    problems: Vec<JournalProblem>,
    /// Where a writer kept the journal it could not wholly read.
    kept_as: Option<PathBuf>,
    /// The file as it was just before it was read (`None`: absent).
    version: Option<FileVersion>,
}

impl Journal {
    /// Reads `journal.ron` in `root` (none is an empty journal), changing
    /// nothing: only committed edits are pending; what cannot be read is in
    /// [`Journal::problems`] and never stops the archive from opening.
    pub fn load(root: &Path) -> Result<Self> {
        let path = root.join(JOURNAL_FILE);
        let mut journal = Self {
            version: file_version(&path),
            path,
            ..Self::default()
        };
        let bytes = match std::fs::read(&journal.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(journal),
            Err(e) => return Err(StoreError::io(&journal.path, e)),
        };
        let parsed = read::parse(&bytes);
        journal.file_len = bytes.len() as u64;
        journal.committed_len = parsed.committed_len as u64;
        journal.problems = parsed.problems;
        for patch in parsed.patches {
            journal.add(patch);
        }
        Ok(journal)
    }

    /// [`Journal::load`] for the writer: the tail after the last committed
    /// edit (a write a crash or a full disk cut short) is cut, so appends
    /// start on a fresh line; a journal with parts that cannot be read is
    /// copied aside untouched and rewritten with the edits that can.
    pub fn load_for_writing(root: &Path) -> Result<Self> {
        let mut journal = Self::load(root)?;
        // Best effort: a journal that cannot be repaired (a full disk) is
        // read as it is, and appends after damage still read back.
        journal.repair_on_disk().ok();
        journal.version = file_version(&journal.path);
        Ok(journal)
    }

    fn repair_on_disk(&mut self) -> Result<()> {
        let io = |e| StoreError::io(&self.path, e);
        if !self.problems.is_empty() {
            let bytes = std::fs::read(&self.path).map_err(io)?;
            self.kept_as = Some(keep_aside(&self.path, &bytes)?);
            self.rewrite()?;
        } else if self.file_len > self.committed_len {
            let file = OpenOptions::new()
                .write(true)
                .open(&self.path)
                .map_err(io)?;
            file.set_len(self.committed_len).map_err(io)?;
            file.sync_all().map_err(io)?;
            self.file_len = self.committed_len;
        }
        Ok(())
    }

    /// What a writer found it could not read, once it opened the journal.
    pub fn repair(&self) -> Option<JournalRepair> {
        (!self.problems.is_empty()).then(|| JournalRepair {
            path: self.path.clone(),
            kept_as: self.kept_as.clone(),
            problems: self.problems.clone(),
        })
    }

    /// Parts of the file that could not be read (not applied).
    pub fn problems(&self) -> &[JournalProblem] {
        &self.problems
    }

    /// Whether the file changed on disk since it was read (a writer
    /// appended an edit or folded some): a reader's view may then mix
    /// states, and it reads again.
    pub fn changed_on_disk(&self) -> bool {
        file_version(&self.path) != self.version
    }

    /// Appends patches as one edit and syncs them: first the patches, then
    /// the line that commits them, so the edit is pending whole or, after a
    /// crash or a failed write, not at all. A failed append is cut off
    /// again, so the file ends with the last committed edit.
    pub fn append(&mut self, patches: Vec<Patch>) -> Result<()> {
        if patches.is_empty() {
            return Ok(());
        }
        let mut body = marker_line(&self.path, read::Marker::Begin(patches.len()))?;
        for patch in &patches {
            body.push_str(&encode(&self.path, patch)?);
            body.push('\n');
        }
        let end = marker_line(&self.path, read::Marker::End(patches.len()))?;
        let created = !self.path.exists();
        let io = |e| StoreError::io(&self.path, e);
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(io)?;
        let written = (|| {
            file.write_all(body.as_bytes())?;
            file.sync_data()?;
            file.write_all(end.as_bytes())?;
            file.sync_data()
        })();
        if let Err(e) = written {
            // Best effort: what is left after the last `End` is cut by the next writer anyway.
            if file.set_len(self.committed_len).is_ok() {
                file.sync_data().ok();
            }
            return Err(io(e));
        }
        if created && let Some(dir) = self.path.parent() {
            // The new file's name must survive a crash too.
            File::open(dir).and_then(|d| d.sync_all()).map_err(io)?;
        }
        self.committed_len += (body.len() + end.len()) as u64;
        self.file_len = self.committed_len;
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

    /// Patches appended since the last fold.
    pub fn len(&self) -> usize {
        self.lines
    }

    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    /// Drops the patches of articles of `dates` (folded into their
    /// editions): the file is rewritten atomically with the rest, or removed.
    /// Patches of no date stay.
    pub fn forget_dates(&mut self, dates: &[NaiveDate]) -> Result<()> {
        if dates.is_empty() {
            return Ok(());
        }
        let dates: BTreeSet<&NaiveDate> = dates.iter().collect();
        let before = self.pending.len();
        self.pending
            .retain(|id, _| id.date().is_none_or(|d| !dates.contains(&d)));
        if self.pending.len() == before {
            return Ok(());
        }
        self.rewrite()
    }

    /// Writes the pending patches as one committed edit, atomically (or
    /// removes the file when none are left).
    fn rewrite(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return self.clear();
        }
        let mut text = marker_line(&self.path, read::Marker::Begin(self.pending.len()))?;
        for patch in self.pending.values() {
            text.push_str(&encode(&self.path, patch)?);
            text.push('\n');
        }
        text.push_str(&marker_line(
            &self.path,
            read::Marker::End(self.pending.len()),
        )?);
        write_atomic(&self.path, text.as_bytes()).map_err(|e| StoreError::io(&self.path, e))?;
        self.lines = self.pending.len();
        self.committed_len = text.len() as u64;
        self.file_len = self.committed_len;
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
        self.committed_len = 0;
        self.file_len = 0;
        Ok(())
    }
}

/// Copies the journal as found to a new `journal.damaged-<time>.ron` beside
/// it (never over an existing file) and syncs it.
fn keep_aside(path: &Path, bytes: &[u8]) -> Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    for n in 0..1000u32 {
        let name = if n == 0 {
            format!("journal.damaged-{secs}.ron")
        } else {
            format!("journal.damaged-{secs}-{n}.ron")
        };
        let kept = dir.join(name);
        let mut file = match OpenOptions::new().write(true).create_new(true).open(&kept) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(StoreError::io(&kept, e)),
        };
        file.write_all(bytes)
            .and_then(|()| file.sync_all())
            .map_err(|e| StoreError::io(&kept, e))?;
        File::open(dir).and_then(|d| d.sync_all()).ok();
        return Ok(kept);
    }
    Err(StoreError::io(
        path,
        std::io::Error::other("a thousand damaged journals are kept already"),
    ))
}

fn marker_line(path: &Path, marker: read::Marker) -> Result<String> {
    let mut line = ron::ser::to_string(&marker).map_err(|e| StoreError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    line.push('\n');
    Ok(line)
}

/// One patch as one line: compact RON escapes line breaks in notes.
fn encode(path: &Path, patch: &Patch) -> Result<String> {
    ron::ser::to_string(patch).map_err(|e| StoreError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
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
    fn a_torn_last_line_is_cut_before_a_writer_appends() {
        let dir = tempfile::tempdir().unwrap();
        let mut journal = Journal::load(dir.path()).unwrap();
        journal.append(vec![patch(1, "一")]).unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        let whole = std::fs::read(&path).unwrap();
        let mut torn = whole.clone();
        torn.extend_from_slice(b"Begin(1)\n(id: \"20240628-01-02\", ta");
        std::fs::write(&path, &torn).unwrap();
        // A reader changes nothing and sees the committed edit only.
        assert_eq!(Journal::load(dir.path()).unwrap().pending().count(), 1);
        assert_eq!(std::fs::read(&path).unwrap(), torn);
        // A writer cuts the tail, so its append starts on a fresh line.
        let mut writer = Journal::load_for_writing(dir.path()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), whole);
        assert!(writer.repair().is_none());
        writer.append(vec![patch(3, "三")]).unwrap();
        let reread = Journal::load(dir.path()).unwrap();
        assert!(reread.problems().is_empty());
        assert_eq!(reread.pending().count(), 2);
    }

    #[test]
    fn a_damaged_journal_opens_keeps_its_copy_and_every_readable_edit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(JOURNAL_FILE);
        // What two kills in a row left with an older writer: a torn line
        // with the next edit glued on, then more edits.
        let damaged = "(id: \"20240628-01-01\", tags: Some([1]), note: None)\n\
            (id: \"20240628-01-02\", ta(id: \"20240628-01-03\", tags: None, note: Some(\"留\"))\n\
            (id: 3)\n\
            (id: \"20240628-01-04\", tags: None, note: Some(\"后\"))\n";
        std::fs::write(&path, damaged).unwrap();
        let reader = Journal::load(dir.path()).unwrap();
        assert_eq!(reader.pending().count(), 3);
        assert_eq!(reader.problems().len(), 2);
        let writer = Journal::load_for_writing(dir.path()).unwrap();
        let repair = writer.repair().unwrap();
        let kept = repair.kept_as.clone().unwrap();
        assert_eq!(std::fs::read_to_string(&kept).unwrap(), damaged);
        assert!(repair.to_string().contains("journal.ron:2:"), "{repair}");
        let reread = Journal::load(dir.path()).unwrap();
        assert!(reread.problems().is_empty());
        assert_eq!(reread.get(&id(3)).unwrap().note.as_deref(), Some("留"));
        assert_eq!(reread.get(&id(4)).unwrap().note.as_deref(), Some("后"));
    }

    fn patch(n: u32, note: &str) -> Patch {
        Patch {
            id: id(n),
            tags: None,
            note: Some(note.into()),
        }
    }
}
