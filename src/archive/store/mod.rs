//! The project on disk: `project.ron`, one RON file per edition, a writer lock.
//!
//! RON files are the source of truth; everything else (the search index) is
//! derived from them. Every write is atomic (see [`atomic`]); a second writer
//! is refused (see [`lock`]); a malformed file is reported with its path, line
//! and column and never overwritten.

mod atomic;
mod error;
mod fold;
pub mod journal;
mod lock;
pub mod migrate;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::NaiveDate;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::archive::model::{Edition, FORMAT_VERSION, Project};

pub use atomic::{remove_stale_temps, write_atomic};
pub use error::{Result, StoreError};
pub use fold::{FoldProblem, FoldReport, PreparedFold};
pub use journal::{JOURNAL_FILE, Journal, JournalProblem, JournalRepair, Patch};
pub use lock::WriterLock;
pub use migrate::Migrated;

/// File name of the project settings inside a project folder.
pub const PROJECT_FILE: &str = "project.ron";
/// Folder of edition files inside a project folder.
pub const EDITIONS_DIR: &str = "editions";
/// Folder of the derived search index inside a project folder.
pub const INDEX_DIR: &str = "index";

/// An open project folder.
#[derive(Debug)]
pub struct Store {
    root: PathBuf,
    project: Project,
    /// Held for as long as the store is open for writing; `None` when read-only.
    lock: Option<WriterLock>,
    /// Editorial patches not yet folded into the edition files.
    journal: Journal,
    /// What opening migrated, if the project was in an older format.
    migrated: Option<Migrated>,
}

/// An edition file as found on disk, for staleness checks of derived data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionFile {
    /// Edition date, from the file name.
    pub date: NaiveDate,
    /// Full path of the RON file.
    pub path: PathBuf,
    /// Last modification time.
    pub modified: SystemTime,
    /// Size in bytes.
    pub len_bytes: u64,
}

impl Store {
    /// Creates a new project in `dir` (which may exist but must not hold a project).
    pub fn create(dir: impl AsRef<Path>, paper: &str) -> Result<Self> {
        let root = dir.as_ref().to_path_buf();
        let project_path = root.join(PROJECT_FILE);
        if project_path.exists() {
            return Err(StoreError::AlreadyExists { path: project_path });
        }
        fs::create_dir_all(root.join(EDITIONS_DIR)).map_err(|e| StoreError::io(&root, e))?;
        let lock = WriterLock::acquire(&root)?;
        let project = Project {
            paper: paper.to_string(),
            ..Project::default()
        };
        let store = Self {
            journal: Journal::load_for_writing(&root)?,
            root,
            project,
            lock: Some(lock),
            migrated: None,
        };
        store.write_ron(&project_path, &store.project)?;
        Ok(store)
    }

    /// Opens an existing project for reading and writing.
    ///
    /// Fails with [`StoreError::Locked`] when another process has it open for writing.
    /// A project in an older format is migrated first (see [`migrate`]).
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        let root = dir.as_ref().to_path_buf();
        project_path_of(&root)?;
        let lock = WriterLock::acquire(&root)?;
        let mut migrated = None;
        let project_path = root.join(PROJECT_FILE);
        if migrate::file_version(&project_path)? < FORMAT_VERSION {
            migrated = Some(migrate::migrate_v1(&root)?);
        }
        let project = load_project(&root)?;
        let store = Self {
            journal: Journal::load_for_writing(&root)?,
            root,
            project,
            lock: Some(lock),
            migrated,
        };
        store.remove_interrupted_writes();
        Ok(store)
    }

    /// Opens an existing project for reading only; takes no lock. A project
    /// in an older format must be opened for writing once, to migrate it.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Self> {
        let root = dir.as_ref().to_path_buf();
        let project_path = project_path_of(&root)?;
        let found = migrate::file_version(&project_path)?;
        if found < FORMAT_VERSION {
            return Err(StoreError::NeedsMigration {
                path: project_path,
                found,
            });
        }
        let project = load_project(&root)?;
        Ok(Self {
            journal: Journal::load(&root)?,
            root,
            project,
            lock: None,
            migrated: None,
        })
    }

    /// What opening migrated, when the project was in an older format.
    pub fn migrated(&self) -> Option<&Migrated> {
        self.migrated.as_ref()
    }

    /// Whether writes are refused (opened with [`Store::open_read_only`]).
    pub fn is_read_only(&self) -> bool {
        self.lock.is_none()
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The folder of the derived search index.
    pub fn index_dir(&self) -> PathBuf {
        self.root.join(INDEX_DIR)
    }

    /// Project settings and vocabularies.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Replaces and saves the project settings.
    pub fn save_project(&mut self, project: Project) -> Result<()> {
        self.write_ron(&self.root.join(PROJECT_FILE), &project)?;
        self.project = project;
        Ok(())
    }

    /// Path of the RON file of the edition of `date`: `editions/YYYY/YYYY-MM-DD.ron`.
    pub fn edition_path(&self, date: NaiveDate) -> PathBuf {
        self.root
            .join(EDITIONS_DIR)
            .join(date.format("%Y").to_string())
            .join(format!("{}.ron", date.format("%Y-%m-%d")))
    }

    /// Every edition file, sorted by date. Reads directory entries only, not the files.
    pub fn edition_files(&self) -> Result<Vec<EditionFile>> {
        let mut files = Vec::new();
        self.each_edition_entry(|date, path, entry| {
            let meta = entry.metadata().map_err(|e| StoreError::io(&path, e))?;
            files.push(EditionFile {
                date,
                modified: meta.modified().map_err(|e| StoreError::io(&path, e))?,
                len_bytes: meta.len(),
                path,
            });
            Ok(())
        })?;
        files.sort_by_key(|f| f.date);
        Ok(files)
    }

    /// The file of the edition of `date` as found on disk (one `stat`), if any.
    pub fn edition_file(&self, date: NaiveDate) -> Result<Option<EditionFile>> {
        let path = self.edition_path(date);
        let meta = match fs::metadata(&path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(StoreError::io(&path, e)),
        };
        Ok(Some(EditionFile {
            date,
            modified: meta.modified().map_err(|e| StoreError::io(&path, e))?,
            len_bytes: meta.len(),
            path,
        }))
    }

    /// Dates of all editions, ascending: file names only, no `stat` per file.
    pub fn edition_dates(&self) -> Result<Vec<NaiveDate>> {
        let mut dates = Vec::new();
        self.each_edition_entry(|date, _, _| {
            dates.push(date);
            Ok(())
        })?;
        dates.sort();
        Ok(dates)
    }

    /// Calls `found` with the date, path and directory entry of every
    /// edition file (`editions/YYYY/YYYY-MM-DD.ron`), in no order.
    fn each_edition_entry(
        &self,
        mut found: impl FnMut(NaiveDate, PathBuf, &fs::DirEntry) -> Result<()>,
    ) -> Result<()> {
        let dir = self.root.join(EDITIONS_DIR);
        let years = match fs::read_dir(&dir) {
            Ok(years) => years,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(StoreError::io(&dir, e)),
        };
        for year in years {
            let year = year.map_err(|e| StoreError::io(&dir, e))?;
            // The entry's type costs no `stat`; a symbolic link is followed.
            let is_dir = year.file_type().is_ok_and(|t| t.is_dir())
                || year.file_type().is_ok_and(|t| t.is_symlink()) && year.path().is_dir();
            if !is_dir {
                continue;
            }
            let year_dir = year.path();
            for entry in fs::read_dir(&year_dir).map_err(|e| StoreError::io(&year_dir, e))? {
                let entry = entry.map_err(|e| StoreError::io(&year_dir, e))?;
                let Some(date) = entry.file_name().to_str().and_then(edition_file_date) else {
                    continue; // temp files and anything not ours
                };
                found(date, entry.path(), &entry)?;
            }
        }
        Ok(())
    }

    /// Loads the edition of `date`, or `None` when there is none, with the
    /// journal's pending editorial patches laid over it.
    pub fn load_edition(&self, date: NaiveDate) -> Result<Option<Edition>> {
        let path = self.edition_path(date);
        if !path.exists() {
            return Ok(None);
        }
        let mut edition: Edition = read_ron(&path)?;
        check_version(&path, edition.version)?;
        if !self.journal.is_empty() {
            for page in &mut edition.pages {
                for article in &mut page.articles {
                    if let Some(patch) = self.journal.get(&article.id) {
                        patch.apply_to(article);
                    }
                }
            }
        }
        Ok(Some(edition))
    }

    /// Saves editorial patches (tags, notes): appended to the journal and
    /// synced, so they are on disk when this returns, whatever their number.
    pub fn save_patches(&mut self, patches: Vec<Patch>) -> Result<()> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly {
                path: self.root.clone(),
            });
        }
        self.journal.append(patches)
    }

    /// The editorial patches not yet in the edition files.
    pub fn journal(&self) -> &Journal {
        &self.journal
    }

    /// Whether a writer changed the journal since this store read it (a
    /// read-only store's view may then mix two states: read again).
    pub fn journal_changed_on_disk(&self) -> bool {
        self.journal.changed_on_disk()
    }

    /// What could not be read in the journal when this writer opened it
    /// (not applied, and kept in a copy); `None` normally.
    pub fn journal_repair(&self) -> Option<JournalRepair> {
        self.journal.repair()
    }

    /// Drops from the journal the patches of `dates`, folded into their
    /// editions by [`Store::fold_journal`] (the journal file is rewritten
    /// with the rest, or removed when nothing is left).
    pub fn forget_folded(&mut self, dates: &[NaiveDate]) -> Result<()> {
        self.journal.forget_dates(dates)
    }

    /// Saves an edition atomically, replacing the file for its date.
    pub fn save_edition(&self, edition: &Edition) -> Result<()> {
        let path = self.edition_path(edition.date);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        self.write_ron(&path, edition)
    }

    /// Deletes temp files of writes a crash interrupted (the targets are intact).
    fn remove_interrupted_writes(&self) {
        let editions = self.root.join(EDITIONS_DIR);
        let years = fs::read_dir(&editions)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.is_dir());
        for dir in [self.root.clone(), editions.clone()]
            .into_iter()
            .chain(years)
        {
            // Best effort: a temp file that cannot be removed harms nothing.
            remove_stale_temps(&dir).ok();
        }
    }

    fn write_ron<T: Serialize>(&self, path: &Path, value: &T) -> Result<()> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly {
                path: self.root.clone(),
            });
        }
        write_ron_file(path, value)
    }
}

/// The date of an edition file name, `YYYY-MM-DD.ron` (read digit by
/// digit: a million-article archive has 25,000 of them to check).
fn edition_file_date(name: &str) -> Option<NaiveDate> {
    let stem = name.strip_suffix(".ron")?.as_bytes();
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *stem else {
        return None;
    };
    let number = |digits: &[u8]| {
        digits.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&[y1, y2, y3, y4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&[m1, m2])?, number(&[d1, d2])?)
}

/// `value` as pretty RON, as `path` holds it.
fn encode_ron<T: Serialize>(path: &Path, value: &T) -> Result<String> {
    // Unescaped strings: Chinese text and wrapped headlines stay readable
    // in the file, and saving skips a per-character printability check.
    let pretty = ron::ser::PrettyConfig::new()
        .struct_names(true)
        .escape_strings(false)
        .indentor("  ".to_string());
    ron::ser::to_string_pretty(value, pretty).map_err(|e| StoreError::Encode {
        path: path.to_path_buf(),
        message: e.to_string(),
    })
}

/// Writes `value` as pretty RON to `path` atomically, creating its folder.
fn write_ron_file<T: Serialize>(path: &Path, value: &T) -> Result<()> {
    let text = encode_ron(path, value)?;
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
    }
    write_atomic(path, text.as_bytes()).map_err(|e| StoreError::io(path, e))
}

/// `root/project.ron`, or [`StoreError::NotAProject`] when there is none.
fn project_path_of(root: &Path) -> Result<PathBuf> {
    let path = root.join(PROJECT_FILE);
    if !path.exists() {
        return Err(StoreError::NotAProject {
            path: root.to_path_buf(),
        });
    }
    Ok(path)
}

fn load_project(root: &Path) -> Result<Project> {
    let path = project_path_of(root)?;
    let project: Project = read_ron(&path)?;
    check_version(&path, project.version)?;
    Ok(project)
}

fn check_version(path: &Path, version: u32) -> Result<()> {
    if version > FORMAT_VERSION {
        return Err(StoreError::NewerVersion {
            path: path.to_path_buf(),
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    Ok(())
}

/// Reads and parses a RON file; a syntax error names the file, line and column.
pub fn read_ron<T: DeserializeOwned>(path: &Path) -> Result<T> {
    let bytes = fs::read(path).map_err(|e| StoreError::io(path, e))?;
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            // Typically a file cut short inside a character: say where.
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let col = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            return Err(StoreError::Ron {
                path: path.to_path_buf(),
                line,
                col,
                message: "not valid UTF-8 (the file may be cut short or damaged)".into(),
            });
        }
    };
    ron::from_str(&text).map_err(|e| {
        let (line, col) = skip_blanks(&text, e.span.start.line, e.span.start.col);
        StoreError::Ron {
            path: path.to_path_buf(),
            line,
            col,
            message: e.code.to_string(),
        }
    })
}

/// Moves a 1-based (line, column) past blanks on its line, so an error
/// position points at the offending value rather than the space before it.
fn skip_blanks(text: &str, line: usize, col: usize) -> (usize, usize) {
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else {
        return (line, col);
    };
    let blanks = row
        .chars()
        .skip(col.saturating_sub(1))
        .take_while(|c| c.is_whitespace())
        .count();
    let in_line = col + blanks <= row.chars().count();
    (line, if in_line { col + blanks } else { col })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::model::{Article, ArticleId, Page};

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, 6, 28).unwrap()
    }

    #[test]
    fn edition_file_names_give_their_dates() {
        assert_eq!(edition_file_date("2024-06-28.ron"), Some(date()));
        for name in [
            "2024-06-28.ron.tmp",
            "2024-02-30.ron",
            "2024-6-28.ron",
            "x024-06-28.ron",
        ] {
            assert_eq!(edition_file_date(name), None, "{name}");
        }
    }

    #[test]
    fn edition_round_trips_through_ron() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path(), "武进日报").unwrap();
        let mut edition = Edition::new(date());
        edition.pages.push(Page {
            number: 1,
            articles: vec![Article {
                id: ArticleId::new(date(), 1, 1),
                headline: Some("高质量推动\n苏陕协作".into()),
                paragraphs: vec!["第一段。".into()],
                ..Article::default()
            }],
            ..Page::default()
        });
        store.save_edition(&edition).unwrap();
        assert_eq!(store.load_edition(date()).unwrap(), Some(edition));
        assert_eq!(store.edition_dates().unwrap(), vec![date()]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Any text survives a save and a load, quotes, backslashes and `#` included.
        #[test]
        fn any_text_round_trips(text in proptest::prelude::any::<String>(), note in r#"[a-z"\\#\n\r\t 引”]{0,20}"#) {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::create(dir.path(), &text).unwrap();
            let mut edition = Edition::new(date());
            edition.pages.push(Page {
                number: 1,
                articles: vec![Article {
                    headline: Some(text.clone()),
                    note,
                    ..Article::default()
                }],
                ..Page::default()
            });
            store.save_edition(&edition).unwrap();
            proptest::prop_assert_eq!(store.load_edition(date()).unwrap(), Some(edition));
            drop(store);
            proptest::prop_assert_eq!(Store::open(dir.path()).unwrap().project().paper.clone(), text);
        }
    }

    #[test]
    fn second_writer_is_refused_but_reader_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let _first = Store::create(dir.path(), "报").unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        assert!(matches!(err, StoreError::Locked { .. }), "{err}");
        let reader = Store::open_read_only(dir.path()).unwrap();
        assert!(reader.is_read_only());
        assert!(matches!(
            reader.save_edition(&Edition::new(date())),
            Err(StoreError::ReadOnly { .. })
        ));
    }

    #[test]
    fn malformed_project_names_file_line_and_column_and_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::create(dir.path(), "报").unwrap());
        let path = dir.path().join(PROJECT_FILE);
        let broken = "Project(\n  version: 1,\n  paper: 报\n)\n";
        fs::write(&path, broken).unwrap();
        let err = Store::open(dir.path()).unwrap_err();
        let StoreError::Ron { line, col, .. } = &err else {
            panic!("expected a RON error, got {err}");
        };
        assert_eq!((*line, *col), (3, 10));
        assert!(err.to_string().contains("project.ron:3:10"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    }

    #[test]
    fn newer_format_is_refused_and_missing_fields_default() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::create(dir.path(), "报").unwrap());
        let path = dir.path().join(PROJECT_FILE);
        fs::write(&path, "(version: 99)").unwrap();
        assert!(matches!(
            Store::open(dir.path()),
            Err(StoreError::NewerVersion { found: 99, .. })
        ));
        fs::write(&path, "(paper: \"旧报\")").unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert_eq!(store.project().paper, "旧报");
        assert!(store.project().tags.is_empty());
    }
}
