//! Exporting articles: one writer per format, each to an `impl Write`, and
//! [`export_to_path`], which writes a whole export atomically with progress
//! and cancel for the UI's worker thread.
//!
//! The flow: the caller resolves what to export to article ids in the order
//! wanted (a search, a selection, a collection), [`load_records`] reads each
//! edition once and turns the articles into [`ExportRecord`]s, and
//! [`export_to_path`] (or [`write_export`] for any writer) renders them.

pub mod csv;
pub mod docx;
pub mod html;
pub mod jsonl;
pub mod markdown;
pub mod plain;
mod record;
pub mod xlsx;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::fs::File;
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::archive::model::ArticleId;
use crate::archive::session::FoundArticle;
use crate::archive::store::{Store, StoreError};

pub use record::{
    ArchiveSnapshot, ExportField, ExportRecord, LIST_SEPARATOR, Placement, UnknownField,
    display_width,
};

/// Result of an export operation.
pub type Result<T, E = ExportError> = std::result::Result<T, E>;

/// Why an export to a file failed: typed, so the UI can word it in Chinese.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the articles or writing the file.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The target exists and overwriting was not asked for.
    #[error("{path} already exists (overwrite it with --force)")]
    Exists {
        /// The existing file.
        path: PathBuf,
    },
    /// The target is a folder, a symbolic link, a pipe or a device: an
    /// export writes a regular file and replaces nothing else, `force` or not.
    #[error("{path} is not a regular file (a folder, link, pipe or device); export to a file name")]
    NotAFile {
        /// The target.
        path: PathBuf,
    },
    /// The user cancelled; no file was left behind.
    #[error("export cancelled")]
    Cancelled,
    /// The format library refused the content.
    #[error("cannot write {format}: {message}")]
    Format {
        /// The format being written.
        format: ExportFormat,
        /// The library's message.
        message: String,
    },
    /// Reading the project's edition files.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Why a format writer stopped; [`export_to_path`] adds the file's path.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The writer failed.
    #[error(transparent)]
    Io(#[from] io::Error),
    /// The format library refused the content.
    #[error("cannot write {format}: {message}")]
    Format {
        /// The format being written.
        format: ExportFormat,
        /// The library's message.
        message: String,
    },
    /// The cancel flag was raised.
    #[error("export cancelled")]
    Cancelled,
}

impl WriteError {
    fn format(format: ExportFormat, error: impl fmt::Display) -> Self {
        Self::Format {
            format,
            message: error.to_string(),
        }
    }

    /// This error as an [`ExportError`] about the file at `path`.
    pub fn at(self, path: &Path) -> ExportError {
        match self {
            Self::Io(source) => ExportError::Io {
                path: path.to_path_buf(),
                source,
            },
            Self::Format { format, message } => ExportError::Format { format, message },
            Self::Cancelled => ExportError::Cancelled,
        }
    }
}

/// The file formats an export can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// Word document: a title page, then one article after another.
    Docx,
    /// One self-contained, printable HTML clipping book.
    Html,
    /// Markdown.
    Md,
    /// Plain text.
    Txt,
    /// CSV (UTF-8 with a BOM), one row per article.
    Csv,
    /// Excel workbook, one row per article.
    Xlsx,
    /// JSON Lines: the full record per line.
    Jsonl,
}

impl ExportFormat {
    /// Every format, in the order a menu lists them.
    pub const ALL: [ExportFormat; 7] = [
        Self::Docx,
        Self::Html,
        Self::Md,
        Self::Txt,
        Self::Csv,
        Self::Xlsx,
        Self::Jsonl,
    ];

    /// The file-name extension, which is also the name `--format` takes.
    pub fn extension(self) -> &'static str {
        match self {
            Self::Docx => "docx",
            Self::Html => "html",
            Self::Md => "md",
            Self::Txt => "txt",
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
            Self::Jsonl => "jsonl",
        }
    }

    /// Whether the format is a table of chosen columns (CSV, XLSX).
    pub fn is_table(self) -> bool {
        matches!(self, Self::Csv | Self::Xlsx)
    }

    /// The format a file name's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Self> {
        path.extension()?.to_str()?.parse().ok()
    }
}

impl fmt::Display for ExportFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

impl FromStr for ExportFormat {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        let name = s.trim().to_ascii_lowercase();
        let name = match name.as_str() {
            "markdown" => "md",
            "text" => "txt",
            "htm" => "html",
            "ndjson" => "jsonl",
            other => other,
        };
        Self::ALL
            .into_iter()
            .find(|f| f.extension() == name)
            .ok_or_else(|| {
                format!("`{s}` is not an export format (docx, html, md, txt, csv, xlsx, jsonl)")
            })
    }
}

/// The words an export prints around the articles. Chinese by default (the
/// paper's language); the UI fills them from its catalogue for English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Labels {
    /// Heading of the table of contents.
    pub contents: String,
    /// Before the tags of an article.
    pub tags: String,
    /// Before the archivist's note.
    pub note: String,
    /// Before the export date on the title page.
    pub exported_on: String,
    /// Before the number of articles on the title page.
    pub articles: String,
    /// Page number, with `{}` for the number.
    pub page: String,
    /// Shown for an article without a headline.
    pub untitled: String,
    /// Name of the worksheet of an XLSX export (at most 31 characters).
    pub sheet: String,
    /// Column headers of table exports, by field key.
    pub fields: BTreeMap<String, String>,
}

impl Default for Labels {
    fn default() -> Self {
        let fields = [
            (ExportField::Id, "编号"),
            (ExportField::Date, "日期"),
            (ExportField::Page, "版次"),
            (ExportField::Kicker, "引题"),
            (ExportField::Headline, "标题"),
            (ExportField::Subtitle, "副题"),
            (ExportField::Byline, "署名"),
            (ExportField::Reporters, "记者"),
            (ExportField::Correspondents, "通讯员"),
            (ExportField::Tags, "标签"),
            (ExportField::Characters, "字数"),
            (ExportField::Note, "备注"),
            (ExportField::Text, "正文"),
        ];
        Self {
            contents: "目录".into(),
            tags: "标签：".into(),
            note: "备注：".into(),
            exported_on: "导出日期：".into(),
            articles: "篇数：".into(),
            page: "第{}版".into(),
            untitled: "（无标题）".into(),
            sheet: "剪报".into(),
            fields: fields
                .into_iter()
                .map(|(f, label)| (f.key().to_string(), label.to_string()))
                .collect(),
        }
    }
}

impl Labels {
    /// The column header of `field` (its key when the labels lack it).
    pub fn field(&self, field: ExportField) -> &str {
        self.fields
            .get(field.key())
            .map_or(field.key(), String::as_str)
    }

    /// "第3版" for page 3.
    pub fn page(&self, number: u32) -> String {
        self.page.replace("{}", &number.to_string())
    }
}

/// What to write and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportOptions {
    /// The file format.
    pub format: ExportFormat,
    /// Columns of a table export, parts shown by a document export (the
    /// headline always is); `None` for the format's default. JSON Lines
    /// always carries the full record.
    pub fields: Option<Vec<ExportField>>,
    /// Name of the paper, for the title page.
    pub paper: String,
    /// What was exported, e.g. `搜索：苏陕协作`, for the title.
    pub title: String,
    /// The export date printed on the title page (a parameter, so tests repeat).
    pub exported_on: NaiveDate,
    /// The words around the articles.
    pub labels: Labels,
}

impl ExportOptions {
    /// Options for `format` with default fields and Chinese labels, dated today.
    pub fn new(format: ExportFormat, paper: &str, title: &str) -> Self {
        Self {
            format,
            fields: None,
            paper: paper.to_string(),
            title: title.to_string(),
            exported_on: chrono::Local::now().date_naive(),
            labels: Labels::default(),
        }
    }

    /// The fields in effect: the chosen ones, or the format's default.
    pub fn fields(&self) -> Vec<ExportField> {
        match &self.fields {
            Some(fields) => fields.clone(),
            None if self.format.is_table() => ExportField::TABLE_DEFAULT.to_vec(),
            None => ExportField::ALL.to_vec(),
        }
    }

    /// Whether a document export shows `field`.
    pub fn shows(&self, field: ExportField) -> bool {
        field == ExportField::Headline
            || self
                .fields
                .as_ref()
                .is_none_or(|fields| fields.contains(&field))
    }

    /// The title of the whole export: paper and what was exported.
    pub fn document_title(&self) -> String {
        match (self.paper.trim(), self.title.trim()) {
            ("", t) => t.to_string(),
            (p, "") => p.to_string(),
            (p, t) => format!("{p} · {t}"),
        }
    }
}

/// Counts written articles for a progress callback and watches the cancel flag.
pub struct Ticker<'a> {
    done: usize,
    total: usize,
    progress: &'a mut dyn FnMut(usize, usize),
    cancel: &'a AtomicBool,
}

impl<'a> Ticker<'a> {
    /// A ticker over `total` articles.
    pub fn new(
        total: usize,
        progress: &'a mut dyn FnMut(usize, usize),
        cancel: &'a AtomicBool,
    ) -> Self {
        Self {
            done: 0,
            total,
            progress,
            cancel,
        }
    }

    /// Fails with [`WriteError::Cancelled`] once the cancel flag is raised.
    pub fn check(&self) -> Result<(), WriteError> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(WriteError::Cancelled);
        }
        Ok(())
    }

    /// One more article done: reports it, then checks the cancel flag.
    pub fn tick(&mut self) -> Result<(), WriteError> {
        self.done += 1;
        (self.progress)(self.done, self.total);
        self.check()
    }
}

/// Articles read for an export, in the order asked, and the ids not found.
#[derive(Debug, Clone, Default)]
pub struct LoadedArticles {
    /// One record per id found, in the order of the ids.
    pub records: Vec<ExportRecord>,
    /// Ids that name no article of the project.
    pub missing: Vec<ArticleId>,
}

/// Reads the articles `ids` names, in that order, reading each edition
/// file once however the ids are interleaved.
pub fn load_records(
    store: &Store,
    ids: &[ArticleId],
    cancel: &AtomicBool,
) -> Result<LoadedArticles> {
    let mut by_date: BTreeMap<NaiveDate, Vec<usize>> = BTreeMap::new();
    for (at, id) in ids.iter().enumerate() {
        if let Some(date) = id.date() {
            by_date.entry(date).or_default().push(at);
        }
    }
    let project = store.project();
    let mut slots: Vec<Option<ExportRecord>> = vec![None; ids.len()];
    for (date, positions) in by_date {
        if cancel.load(Ordering::Relaxed) {
            return Err(ExportError::Cancelled);
        }
        let Some(edition) = store.load_edition(date)? else {
            continue;
        };
        let mut on_edition: HashMap<&ArticleId, (FoundArticle, Placement)> = HashMap::new();
        for page in &edition.pages {
            for (at, article) in page.articles.iter().enumerate() {
                let found = FoundArticle {
                    date,
                    page: page.number,
                    source: page.source.clone(),
                    corrected: page.corrected_by_hand,
                    page_size: page.page_size,
                    article: article.clone(),
                    previous: at.checked_sub(1).map(|p| page.articles[p].id.clone()),
                };
                on_edition.insert(&article.id, (found, Placement::on(page, at)));
            }
        }
        for at in positions {
            if let Some((found, placement)) = on_edition.get(&ids[at]) {
                slots[at] = Some(ExportRecord::new(found, project).placed(placement.clone()));
            }
        }
    }
    let mut loaded = LoadedArticles::default();
    for (slot, id) in slots.into_iter().zip(ids) {
        match slot {
            Some(record) => loaded.records.push(record),
            None => loaded.missing.push(id.clone()),
        }
    }
    // The project's vocabulary and settings ride on the first record, so
    // a JSON Lines restore gives back the project file too.
    let exported: std::collections::HashSet<&ArticleId> =
        loaded.records.iter().map(|r| &r.id).collect();
    let archive = ArchiveSnapshot::of(project, &exported);
    if let Some(first) = loaded.records.first_mut() {
        first.archive = Some(Box::new(archive));
    }
    Ok(loaded)
}

/// Writes `records` in `options.format` to `out`, reporting each article
/// to `ticker`. Zip formats (DOCX, XLSX) need `Seek`.
pub fn write_export<W: Write + Seek + Send>(
    out: W,
    records: &[ExportRecord],
    options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    match options.format {
        ExportFormat::Docx => docx::write(out, records, options, ticker),
        ExportFormat::Html => html::write(out, records, options, ticker),
        ExportFormat::Md => markdown::write(out, records, options, ticker),
        ExportFormat::Txt => plain::write(out, records, options, ticker),
        ExportFormat::Csv => csv::write(out, records, options, ticker),
        ExportFormat::Xlsx => xlsx::write(out, records, options, ticker),
        ExportFormat::Jsonl => jsonl::write(out, records, options, ticker),
    }
}

/// What [`export_to_path`] wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ExportReport {
    /// The file written.
    pub path: PathBuf,
    /// Its format.
    pub format: ExportFormat,
    /// Articles in it.
    pub articles: usize,
    /// Its size.
    pub bytes: u64,
}

/// Writes a whole export to `path` atomically: into a temp file in the same
/// folder, renamed over `path` only when complete, so a failure or a cancel
/// leaves no file (and never half of one). An existing `path` is refused
/// unless `force`. `progress` gets `(done, total)` articles; raising
/// `cancel` stops at the next article.
pub fn export_to_path(
    path: &Path,
    records: &[ExportRecord],
    options: &ExportOptions,
    force: bool,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> Result<ExportReport> {
    // What is there now: a regular file is replaced only with `force`;
    // anything else (a folder, a link, a FIFO, a device) never.
    match std::fs::symlink_metadata(path) {
        Ok(meta) if !meta.file_type().is_file() => {
            return Err(ExportError::NotAFile {
                path: path.to_path_buf(),
            });
        }
        Ok(_) if !force => {
            return Err(ExportError::Exists {
                path: path.to_path_buf(),
            });
        }
        _ => {}
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let io_error = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    // Exports killed before their rename left their temp files here.
    remove_stale_export_temps(dir);
    // Dropping the temp file on any early return deletes it.
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(EXPORT_TEMP_PREFIX)
        .suffix(EXPORT_TEMP_SUFFIX);
    // A temp file is private (0600); an export is for handing on, so it
    // gets the mode any new file gets (0666 less the umask).
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let tmp = builder.tempfile_in(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    // Held while writing: it tells a cleaner in another process that this
    // temp file is alive (the system drops it when the process dies).
    tmp.as_file().try_lock().ok();
    let mut ticker = Ticker::new(records.len(), progress, cancel);
    ticker.check().map_err(|e| e.at(path))?;
    {
        let mut out = BufWriter::new(tmp.as_file());
        write_export(&mut out, records, options, &mut ticker).map_err(|e| e.at(path))?;
        out.flush().map_err(io_error)?;
    }
    // The last chance to cancel: after the rename the file is the user's.
    ticker.check().map_err(|e| e.at(path))?;
    tmp.as_file().sync_all().map_err(io_error)?;
    let bytes = tmp.as_file().metadata().map_err(io_error)?.len();
    let persisted = if force {
        tmp.persist(path).map(drop)
    } else {
        // Refuses a file that appeared while we were writing, too.
        tmp.persist_noclobber(path).map(drop)
    };
    if let Err(e) = persisted {
        return Err(if e.error.kind() == io::ErrorKind::AlreadyExists {
            ExportError::Exists {
                path: path.to_path_buf(),
            }
        } else {
            io_error(e.error)
        });
    }
    if let Ok(d) = File::open(dir) {
        d.sync_all().ok();
    }
    Ok(ExportReport {
        path: path.to_path_buf(),
        format: options.format,
        articles: records.len(),
        bytes,
    })
}

/// How the temp files of [`export_to_path`] begin and end.
const EXPORT_TEMP_PREFIX: &str = ".jianbao-export-";
const EXPORT_TEMP_SUFFIX: &str = ".tmp";

/// How old a temp file must be before another export removes it: a fresh
/// one may belong to an export that has not locked it yet.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(10);

/// Removes the temp files that exports killed before their rename left in
/// `dir`: ours by name, regular files, older than [`STALE_AFTER`], and
/// not locked by a live export. Best effort; returns how many went.
pub fn remove_stale_export_temps(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !name.starts_with(EXPORT_TEMP_PREFIX) || !name.ends_with(EXPORT_TEMP_SUFFIX) {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| m.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !meta.file_type().is_file() || !old {
            continue;
        }
        let Ok(file) = File::open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() && std::fs::remove_file(&path).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// Test fixtures shared by the writers' unit tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// Two records, the second with markup, quotes and line breaks in it.
    pub fn records() -> Vec<ExportRecord> {
        let date = NaiveDate::from_ymd_opt(2024, 6, 28).unwrap();
        let plain = ExportRecord {
            id: ArticleId::new(date, 1, 1),
            date,
            page: 1,
            source: Some("wujin-daily-2024-06-28.txt".into()),
            kicker: Some("深化苏陕协作".into()),
            headline: Some("两湖创新区建设提速".into()),
            subtitle: Some("——记者走访纪实".into()),
            byline: Some("本报讯（记者 张可馨）".into()),
            reporters: vec!["张可馨".into()],
            correspondents: vec![],
            paragraphs: vec!["第一段。".into(), "第二段。".into()],
            tags: vec!["党建".into(), "苏陕协作".into()],
            note: String::new(),
            characters: 30,
            headline_lines: None,
            tag_ids: vec![],
            placement: None,
            region: Default::default(),
            archive: None,
        };
        let tricky = ExportRecord {
            id: ArticleId::new(date, 1, 2),
            headline: Some("<script>&\"'标题".into()),
            kicker: None,
            subtitle: None,
            paragraphs: vec!["a < b & c > d".into()],
            note: "核对,\"原文\"\n第二行".into(),
            ..plain.clone()
        };
        vec![plain, tricky]
    }

    /// Options for `format` with a fixed date.
    pub fn options(format: ExportFormat) -> ExportOptions {
        ExportOptions {
            exported_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
            ..ExportOptions::new(format, "武进日报", "搜索：苏陕协作")
        }
    }

    /// Writes `records` in `format` to memory.
    pub fn render(format: ExportFormat, records: &[ExportRecord]) -> Vec<u8> {
        let mut out = io::Cursor::new(Vec::new());
        let cancel = AtomicBool::new(false);
        let mut progress = |_, _| {};
        let mut ticker = Ticker::new(records.len(), &mut progress, &cancel);
        write_export(&mut out, records, &options(format), &mut ticker).unwrap();
        out.into_inner()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse_from_names_and_extensions() {
        for format in ExportFormat::ALL {
            assert_eq!(format.extension().parse::<ExportFormat>(), Ok(format));
        }
        assert_eq!("Markdown".parse::<ExportFormat>(), Ok(ExportFormat::Md));
        assert_eq!(
            ExportFormat::from_path(Path::new("a/b.XLSX")),
            Some(ExportFormat::Xlsx)
        );
        assert!("pdf".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn export_to_path_refuses_existing_files_and_cancels_without_a_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.md");
        let records = fixtures::records();
        let options = fixtures::options(ExportFormat::Md);
        let go = AtomicBool::new(false);
        let mut seen = Vec::new();
        let report = export_to_path(
            &path,
            &records,
            &options,
            false,
            &mut |d, t| seen.push((d, t)),
            &go,
        )
        .unwrap();
        assert_eq!(seen, vec![(1, 2), (2, 2)]);
        assert_eq!(report.articles, 2);
        assert_eq!(report.bytes, std::fs::metadata(&path).unwrap().len());
        let err = export_to_path(&path, &records, &options, false, &mut |_, _| {}, &go);
        assert!(matches!(err, Err(ExportError::Exists { .. })), "{err:?}");
        export_to_path(&path, &records, &options, true, &mut |_, _| {}, &go).unwrap();

        let other = dir.path().join("cancelled.md");
        let stop = AtomicBool::new(false);
        let err = export_to_path(
            &other,
            &records,
            &options,
            false,
            &mut |_, _| stop.store(true, Ordering::Relaxed),
            &stop,
        );
        assert!(matches!(err, Err(ExportError::Cancelled)), "{err:?}");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.md")]);
    }

    #[test]
    fn a_missing_folder_is_an_io_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/out.csv");
        let err = export_to_path(
            &path,
            &fixtures::records(),
            &fixtures::options(ExportFormat::Csv),
            false,
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::Io { .. }), "{err:?}");
        assert!(err.to_string().contains("no/such"), "{err}");
    }
}
