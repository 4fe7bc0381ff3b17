//! Importing page files into a project: date and page from the file name,
//! parse, merge into the edition (keeping ids, tags and notes), save.
//!
//! Partial failures go to the report, never abort the rest: a folder of a
//! thousand pages with one broken file imports 999 and names the one.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::archive::model::{Article, ArticleId, Edition, Page};
use crate::archive::parse::{self, ParseWarning};
use crate::archive::store::{Store, StoreError};

pub mod pdf;
mod problem;
pub use problem::ImportProblem;

/// File extensions picked up when a folder is imported.
pub const PAGE_EXTENSIONS: &[&str] = &["txt", "text", "pdf"];

/// Choices that override what file names say.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Edition date for every file (else taken from each file name).
    pub date: Option<NaiveDate>,
    /// Page number for every file (else from the name's `_01` suffix, else 1).
    pub page: Option<u32>,
    /// Remove articles a re-import no longer finds even when they carry
    /// tags or a note (by default they are kept and reported).
    pub prune: bool,
    /// Replace pages corrected by hand (by default they are kept and reported).
    pub replace_corrected: bool,
}

/// A file that could not be imported, and why.
#[derive(Debug, Clone, Serialize)]
pub struct ImportFileError {
    /// The file.
    #[serde(serialize_with = "crate::archive::paths::serialize_lossy")]
    pub path: PathBuf,
    /// What went wrong (in JSON: `message`, its English wording).
    #[serde(rename = "message", serialize_with = "serialize_display")]
    pub problem: ImportProblem,
}

impl ImportFileError {
    /// `path` could not be imported because of `problem`.
    pub fn new(path: impl Into<PathBuf>, problem: impl Into<ImportProblem>) -> Self {
        Self {
            path: path.into(),
            problem: problem.into(),
        }
    }
}

fn serialize_display<S: serde::Serializer>(
    value: &impl std::fmt::Display,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// A parser warning in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImportWarning {
    /// The file.
    #[serde(serialize_with = "crate::archive::paths::serialize_lossy")]
    pub path: PathBuf,
    /// The warning, with its line.
    pub warning: ParseWarning,
}

/// What an import did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    /// Files imported.
    pub files: usize,
    /// Articles in the imported pages.
    pub articles: usize,
    /// Articles not there before.
    pub new: usize,
    /// Articles there before whose text changed (ids, tags and notes kept).
    pub changed: usize,
    /// Articles there before with the same text (untouched).
    pub unchanged: usize,
    /// Articles that were on a re-imported page and no longer are.
    pub removed: usize,
    /// Articles a re-import no longer finds but kept for their tags or note.
    pub kept: Vec<KeptArticle>,
    /// Files not imported because their page was corrected by hand.
    pub corrected: Vec<PathBuf>,
    /// Files that failed.
    pub errors: Vec<ImportFileError>,
    /// What the parser kept without confident classification.
    pub warnings: Vec<ImportWarning>,
    /// Editions written, ascending (for re-indexing).
    pub dates: Vec<NaiveDate>,
    /// Whether the import was cancelled before all files were done.
    pub cancelled: bool,
}

impl ImportReport {
    /// Adds `other`'s counts of files and articles (new, changed,
    /// unchanged, removed) to this report's.
    pub fn add_counts(&mut self, other: &ImportReport) {
        self.files += other.files;
        self.articles += other.articles;
        self.new += other.new;
        self.changed += other.changed;
        self.unchanged += other.unchanged;
        self.removed += other.removed;
    }
}

/// An article that a re-import would have removed, kept because it carries
/// editorial work (tags or a note); `--prune` removes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeptArticle {
    /// The page file re-imported.
    #[serde(serialize_with = "crate::archive::paths::serialize_lossy")]
    pub path: PathBuf,
    /// The article kept.
    pub id: ArticleId,
    /// Its headline, to recognise it by.
    pub headline: Option<String>,
}

/// How one page merged into its edition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MergeCounts {
    /// Articles not there before.
    pub new: usize,
    /// Articles whose text changed.
    pub changed: usize,
    /// Articles with the same text.
    pub unchanged: usize,
    /// Articles no longer on the page (and not kept).
    pub removed: usize,
    /// Articles no longer on the page, kept for their tags or note.
    pub kept: Vec<(ArticleId, Option<String>)>,
}

/// The page files under `paths`: files as given, folders walked for `.txt` files, sorted.
pub fn collect_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<ImportFileError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = Vec::new();
            for entry in walkdir::WalkDir::new(path).follow_links(true) {
                match entry {
                    Ok(e) if e.file_type().is_file() && has_page_extension(e.path()) => {
                        found.push(e.into_path());
                    }
                    Ok(_) => {}
                    Err(e) => {
                        let at = e.path().unwrap_or(path).to_path_buf();
                        let problem = match e.into_io_error() {
                            Some(io) => ImportProblem::from(io),
                            None => ImportProblem::Unreadable {
                                kind: std::io::ErrorKind::Other,
                                detail: "a symbolic link loops".into(),
                            },
                        };
                        errors.push(ImportFileError::new(at, problem));
                    }
                }
            }
            found.sort();
            files.extend(found);
        } else if path.exists() {
            files.push(path.clone());
        } else {
            errors.push(ImportFileError::new(path.clone(), ImportProblem::NotFound));
        }
    }
    (files, errors)
}

fn has_page_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| PAGE_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)))
}

/// Edition years accepted, from file names and `--date`: a year outside
/// is a typo (`0024`, `20240`), not an edition.
pub const YEARS: std::ops::RangeInclusive<i32> = crate::archive::model::EDITION_YEARS;
/// Page numbers accepted, from file names and `--page`.
pub const PAGES: std::ops::RangeInclusive<u32> = crate::archive::model::PAGE_NUMBERS;

/// The date in a file name (`2024-06-28`, `2024_06_28`, `20240628`), and
/// where it ends. Works on the name's bytes, so a GBK-encoded name around
/// ASCII digits still gives its date.
fn find_date(stem: &[u8]) -> Option<(NaiveDate, usize)> {
    for start in 0..stem.len() {
        if start > 0 && stem[start - 1].is_ascii_digit() {
            continue;
        }
        for (len, format) in [
            (10, "%Y-%m-%d"),
            (10, "%Y_%m_%d"),
            (10, "%Y.%m.%d"),
            (8, "%Y%m%d"),
        ] {
            let Some(candidate) = stem.get(start..start + len) else {
                continue;
            };
            if stem.get(start + len).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            let Ok(candidate) = std::str::from_utf8(candidate) else {
                continue;
            };
            if let Ok(date) = NaiveDate::parse_from_str(candidate, format) {
                return Some((date, start + len));
            }
        }
    }
    None
}

fn stem_bytes(path: &Path) -> Option<std::borrow::Cow<'_, [u8]>> {
    path.file_stem().map(crate::archive::paths::name_bytes)
}

/// The edition date a file name gives, if any (whatever its year).
pub fn date_from_file_name(path: &Path) -> Option<NaiveDate> {
    find_date(&stem_bytes(path)?).map(|(date, _)| date)
}

/// The page number a file name gives: a trailing `_01`, `-3`, `_p2` or `_A05` after the date.
pub fn page_from_file_name(path: &Path) -> Option<u32> {
    page_in_file_name(path).ok().flatten()
}

/// The page a file name gives, `Ok(None)` when it gives none, or an error
/// when its page suffix is out of range (`_00`, or `_99999` after a date).
pub fn page_in_file_name(path: &Path) -> Result<Option<u32>, ImportProblem> {
    let Some(stem) = stem_bytes(path) else {
        return Ok(None);
    };
    let date = find_date(&stem);
    let rest = date.map_or(&stem[..], |(_, end)| &stem[end..]);
    let digits_start = rest.len() - rest.iter().rev().take_while(|b| b.is_ascii_digit()).count();
    let digits = &rest[digits_start..];
    let before = &rest[..digits_start];
    let letters = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_uppercase() || **b == b'p')
        .count();
    let before = &before[..before.len() - letters];
    if digits.is_empty()
        || !before.ends_with(b"_") && !before.ends_with(b"-") && !before.ends_with(b" ")
    {
        return Ok(None);
    }
    // Four or more digits without a date before them are a number, not a page.
    if digits.len() > 3 && date.is_none() {
        return Ok(None);
    }
    let text = String::from_utf8_lossy(digits);
    match text.parse::<u32>() {
        Ok(page) if PAGES.contains(&page) => Ok(Some(page)),
        _ => Err(ImportProblem::PageInNameOutside {
            text: text.into_owned(),
        }),
    }
}

/// The largest page file imported: four times the most text an article
/// may hold (a printed page is some 20–60 KB). Larger files are refused
/// before they are read.
pub const MAX_PAGE_FILE_BYTES: usize = 4 * crate::archive::model::MAX_ARTICLE_BYTES;

/// Where a file lands: its edition date and page, from `options` or its
/// name (page 1 when neither gives one), or why it cannot be placed.
pub fn place_of(path: &Path, options: &ImportOptions) -> Result<(NaiveDate, u32), ImportProblem> {
    let date = match options.date {
        Some(date) => date,
        None => date_from_file_name(path).ok_or(ImportProblem::NoDate)?,
    };
    if !YEARS.contains(&date.year()) {
        return Err(ImportProblem::DateOutside { date });
    }
    let page = match options.page {
        Some(page) if PAGES.contains(&page) => page,
        Some(page) => return Err(ImportProblem::PageOutside { page }),
        None => page_in_file_name(path)?.unwrap_or(1),
    };
    Ok((date, page))
}

/// Merges freshly parsed articles into page `number` of `edition`.
///
/// Articles whose text is unchanged keep their id, tags and note; an article
/// with the same headline but other text, or the same body under another
/// title, is "changed" and keeps them too; the
/// rest are new and get fresh ids that were never used on this page. An old
/// article no longer found that carries tags or a note stays on the page
/// (after the new ones) and is listed in [`MergeCounts::kept`], unless `prune`.
pub fn merge_page(
    edition: &mut Edition,
    mut page: Page,
    parsed: Vec<Article>,
    prune: bool,
) -> MergeCounts {
    let (old, last_seq) = edition
        .pages
        .iter()
        .position(|p| p.number == page.number)
        .map(|i| edition.pages.remove(i))
        .map(|p| (p.articles, p.last_seq))
        .unwrap_or_default();
    let mut next_seq = old
        .iter()
        .filter_map(|a| a.id.as_str().rsplit('-').next()?.parse::<u32>().ok())
        .chain([last_seq])
        .max()
        .unwrap_or(0);
    let mut matched: HashSet<usize> = HashSet::new();
    let mut counts = MergeCounts::default();
    for mut article in parsed {
        let same_text = old
            .iter()
            .enumerate()
            .find(|(i, o)| !matched.contains(i) && o.same_text(&article));
        // The same headline with other text, or the same body under another
        // title (a headline corrected by hand): the same article, changed.
        let same_headline = || {
            old.iter().enumerate().find(|(i, o)| {
                !matched.contains(i)
                    && ((o.headline.is_some() && o.headline == article.headline)
                        || (!o.paragraphs.is_empty() && o.paragraphs == article.paragraphs))
            })
        };
        if let Some((i, o)) = same_text {
            matched.insert(i);
            counts.unchanged += 1;
            // The PDF of a page imported as text: the same article, which
            // gains its place on the page.
            let region = std::mem::take(&mut article.region);
            article = o.clone();
            if !region.is_empty() {
                article.region = region;
            }
        } else if let Some((i, o)) = same_headline() {
            matched.insert(i);
            counts.changed += 1;
            article.id = o.id.clone();
            article.tags = o.tags.clone();
            article.note = o.note.clone();
        } else {
            next_seq += 1;
            counts.new += 1;
            article.id = ArticleId::new(edition.date, page.number, next_seq);
        }
        page.articles.push(article);
    }
    for (i, article) in old.into_iter().enumerate() {
        if matched.contains(&i) {
            continue;
        }
        if !prune && (!article.tags.is_empty() || !article.note.trim().is_empty()) {
            counts
                .kept
                .push((article.id.clone(), article.headline.clone()));
            page.articles.push(article);
        } else {
            counts.removed += 1;
        }
    }
    page.last_seq = next_seq;
    let at = edition.pages.partition_point(|p| p.number < page.number);
    edition.pages.insert(at, page);
    counts
}

/// Reads, parses and merges one file into `edition` (already loaded for its
/// date); `Ok(false)` when its page was corrected by hand and is kept.
fn import_file(
    path: &Path,
    (date, page_number): (NaiveDate, u32),
    options: &ImportOptions,
    edition: &mut Edition,
    report: &mut ImportReport,
    root: &Path,
) -> Result<bool, ImportProblem> {
    if pdf::is_pdf_path(path) {
        return pdf::import_pdf(path, (date, page_number), options, edition, report, root);
    }
    let corrected = edition
        .page(page_number)
        .is_some_and(|p| p.corrected_by_hand);
    if corrected && !options.replace_corrected {
        report.corrected.push(path.to_path_buf());
        return Ok(false);
    }
    let bytes = read_bounded(path)?;
    let parsed = parse::parse_bytes(&bytes)?;
    if parsed
        .articles
        .iter()
        .any(|a| a.size_bytes() > crate::archive::model::MAX_ARTICLE_BYTES)
    {
        return Err(ImportProblem::ArticleTooLarge { line: None });
    }
    let page = Page {
        number: page_number,
        source: path.file_name().map(|n| n.to_string_lossy().into_owned()),
        encoding: Some(parsed.encoding.to_string()),
        ..Page::default()
    };
    debug_assert_eq!(edition.date, date);
    report.articles += parsed.articles.len();
    report
        .warnings
        .extend(parsed.warnings.into_iter().map(|warning| ImportWarning {
            path: path.to_path_buf(),
            warning,
        }));
    let counts = merge_page(edition, page, parsed.articles, options.prune);
    report
        .kept
        .extend(counts.kept.into_iter().map(|(id, headline)| KeptArticle {
            path: path.to_path_buf(),
            id,
            headline,
        }));
    report.new += counts.new;
    report.changed += counts.changed;
    report.unchanged += counts.unchanged;
    report.removed += counts.removed;
    Ok(true)
}

/// The bytes of a page file, refused unread past [`MAX_PAGE_FILE_BYTES`]
/// (the read stops there too, for a file that grows meanwhile).
fn read_bounded(path: &Path) -> Result<Vec<u8>, ImportProblem> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    let limit = MAX_PAGE_FILE_BYTES as u64;
    if size > limit {
        return Err(ImportProblem::FileTooLarge { bytes: size });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ImportProblem::FileTooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Imports page files and folders into `store`.
///
/// `progress(done, total)` is called after each file; setting `cancel` stops
/// after the current file (editions already saved stay saved). A store error
/// on saving an edition is reported against the files of that edition.
pub fn import_paths(
    store: &Store,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
) -> ImportReport {
    import_paths_with(store, paths, options, progress, cancel, &mut |_| {})
}

/// [`import_paths`], handing each edition to `saved` once it is saved (the
/// session indexes it from memory instead of reading the file back).
pub fn import_paths_with(
    store: &Store,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(usize, usize),
    cancel: &AtomicBool,
    saved_edition: &mut dyn FnMut(&Edition),
) -> ImportReport {
    let (files, errors) = collect_files(paths);
    let mut report = ImportReport {
        errors,
        ..ImportReport::default()
    };
    // Work out every file's date first, so files of one edition are merged and
    // saved together even when their names do not sort together.
    let mut planned: Vec<(NaiveDate, u32, PathBuf)> = Vec::new();
    for path in files {
        match place_of(&path, options) {
            Ok((date, page)) => planned.push((date, page, path)),
            Err(problem) => report.errors.push(ImportFileError::new(path, problem)),
        }
    }
    planned.sort();
    planned.dedup_by(|a, b| a.2 == b.2);
    let planned = refuse_collisions(planned, &mut report);
    let total = planned.len();
    let mut done = 0;
    for group in planned.chunk_by(|a, b| a.0 == b.0) {
        if cancel.load(Ordering::Relaxed) {
            report.cancelled = true;
            break;
        }
        let date = group[0].0;
        let mut edition = match store.load_edition(date) {
            Ok(found) => found.unwrap_or_else(|| Edition::new(date)),
            Err(e) => {
                fail_group(&mut report, group, e);
                done += group.len();
                progress(done, total);
                continue;
            }
        };
        // Counted apart, and added to the report only once the edition is saved.
        let mut saved = ImportReport::default();
        for (_, page, path) in group {
            let placed = (date, *page);
            match import_file(
                path,
                placed,
                options,
                &mut edition,
                &mut saved,
                store.root(),
            ) {
                Ok(true) => saved.files += 1,
                Ok(false) => {}
                Err(problem) => report
                    .errors
                    .push(ImportFileError::new(path.clone(), problem)),
            }
            done += 1;
            progress(done, total);
        }
        // Pages kept because they were corrected by hand are reported either way.
        report.corrected.append(&mut saved.corrected);
        if saved.files == 0 {
            continue;
        }
        match store.save_edition(&edition) {
            Ok(()) => {
                report.add_counts(&saved);
                report.kept.extend(saved.kept);
                report.warnings.extend(saved.warnings);
                report.dates.push(date);
                saved_edition(&edition);
            }
            Err(e) => fail_group(&mut report, group, e),
        }
    }
    report
}

/// Takes out the files that would land on the same date and page as
/// another file of this run (one would silently replace the other), with
/// an error naming each and the others; none of them is imported.
fn refuse_collisions(
    planned: Vec<(NaiveDate, u32, PathBuf)>,
    report: &mut ImportReport,
) -> Vec<(NaiveDate, u32, PathBuf)> {
    let mut kept = Vec::with_capacity(planned.len());
    for same in planned.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
        if same.len() == 1 {
            kept.extend_from_slice(same);
            continue;
        }
        for (date, page, path) in same {
            let others: Vec<PathBuf> = same
                .iter()
                .filter(|(_, _, p)| p != path)
                .map(|(_, _, p)| p.clone())
                .collect();
            report.errors.push(ImportFileError::new(
                path.clone(),
                ImportProblem::Collision {
                    date: *date,
                    page: *page,
                    others,
                },
            ));
        }
    }
    kept
}

fn fail_group(report: &mut ImportReport, group: &[(NaiveDate, u32, PathBuf)], error: StoreError) {
    let error = std::sync::Arc::new(error);
    for (_, _, path) in group {
        report.errors.push(ImportFileError::new(
            path.clone(),
            ImportProblem::Store(error.clone()),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_and_pages_from_file_names() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(
            date_from_file_name(&p("wujin-daily-2024-06-28.txt")),
            Some(d(2024, 6, 28))
        );
        assert_eq!(
            date_from_file_name(&p("20240628_01.txt")),
            Some(d(2024, 6, 28))
        );
        assert_eq!(
            date_from_file_name(&p("rmrb_1998_01_01-p3.txt")),
            Some(d(1998, 1, 1))
        );
        assert_eq!(date_from_file_name(&p("page.txt")), None);
        assert_eq!(date_from_file_name(&p("20241328.txt")), None);
        assert_eq!(page_from_file_name(&p("wujin-daily-2024-06-28.txt")), None);
        assert_eq!(page_from_file_name(&p("20240628_01.txt")), Some(1));
        assert_eq!(page_from_file_name(&p("2024-06-28_12.txt")), Some(12));
        assert_eq!(page_from_file_name(&p("2024-06-28-p3.txt")), Some(3));
        assert_eq!(page_from_file_name(&p("2024-06-28_A05.txt")), Some(5));
        assert!(matches!(
            page_in_file_name(&p("2024-06-28_00.txt")),
            Err(ImportProblem::PageInNameOutside { text }) if text == "00"
        ));
        assert!(page_in_file_name(&p("2024-06-28_99999.txt")).is_err());
        assert!(matches!(page_in_file_name(&p("scan_12345.txt")), Ok(None)));
        let options = ImportOptions::default();
        assert!(matches!(
            place_of(&p("page.txt"), &options),
            Err(ImportProblem::NoDate)
        ));
        assert!(matches!(
            place_of(&p("1700-06-28.txt"), &options),
            Err(ImportProblem::DateOutside { .. })
        ));
        assert!(matches!(
            place_of(
                &p("2024-06-28.txt"),
                &ImportOptions {
                    page: Some(0),
                    ..ImportOptions::default()
                }
            ),
            Err(ImportProblem::PageOutside { page: 0 })
        ));
        assert_eq!(
            place_of(&p("2024-06-28_03.txt"), &options).ok(),
            Some((d(2024, 6, 28), 3))
        );
    }

    #[cfg(unix)]
    #[test]
    fn dates_and_pages_from_names_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        // 武进日报 in GBK, then the date and page.
        let mut name = vec![0xCE, 0xE4, 0xBD, 0xF8, 0xC8, 0xD5, 0xB1, 0xA8];
        name.extend_from_slice(b"2024-06-28_02.txt");
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(&name));
        assert!(path.to_str().is_none());
        assert_eq!(date_from_file_name(&path), Some(d(2024, 6, 28)));
        assert_eq!(page_from_file_name(&path), Some(2));
        let error = ImportFileError::new(path, ImportProblem::NoDate);
        let json = serde_json::to_string(&error).unwrap();
        assert!(json.contains("2024-06-28_02.txt"), "{json}");
    }

    #[test]
    fn files_landing_on_one_page_are_refused_together() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::create(dir.path().join("p"), "报").unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "甲标题\n\n本报讯 甲正文。").unwrap();
        std::fs::write(&b, "乙标题\n\n本报讯 乙正文。").unwrap();
        let options = ImportOptions {
            date: Some(d(2024, 6, 28)),
            ..ImportOptions::default()
        };
        let report = import_paths(
            &store,
            &[a, b],
            &options,
            &mut |_, _| {},
            &AtomicBool::new(false),
        );
        assert_eq!(report.errors.len(), 2, "{report:?}");
        assert_eq!((report.files, report.articles, report.new), (0, 0, 0));
        assert!(store.load_edition(d(2024, 6, 28)).unwrap().is_none());
    }

    #[test]
    fn reimport_keeps_ids_tags_and_notes_of_unchanged_articles() {
        let date = d(2024, 6, 28);
        let mut edition = Edition::new(date);
        let (first, _) =
            parse::parse_text("甲标题\n\n本报讯 甲正文。\n\n乙标题\n\n本报讯 乙正文。");
        let page = |n| Page {
            number: n,
            ..Page::default()
        };
        let counts = merge_page(&mut edition, page(1), first, false);
        assert_eq!((counts.new, counts.removed), (2, 0));
        edition.pages[0].articles[0]
            .tags
            .push(crate::archive::model::TagId(7));
        edition.pages[0].articles[1].note = "核对".into();

        let (second, _) = parse::parse_text(
            "甲标题\n\n本报讯 甲正文。\n\n乙标题\n\n本报讯 乙正文改了。\n\n丙标题\n\n本报讯 丙。",
        );
        let counts = merge_page(&mut edition, page(1), second, false);
        assert_eq!(
            counts,
            MergeCounts {
                new: 1,
                changed: 1,
                unchanged: 1,
                removed: 0,
                kept: vec![],
            }
        );
        let articles = &edition.pages[0].articles;
        assert_eq!(articles.len(), 3);
        assert_eq!(articles[0].id.as_str(), "20240628-01-01");
        assert_eq!(articles[0].tags, vec![crate::archive::model::TagId(7)]);
        assert_eq!(articles[1].id.as_str(), "20240628-01-02");
        assert_eq!(articles[1].note, "核对");
        assert_eq!(articles[2].id.as_str(), "20240628-01-03");

        // 乙 carries a note: a re-import without it keeps it and says so.
        let (third, _) = parse::parse_text("甲标题\n\n本报讯 甲正文。");
        let counts = merge_page(&mut edition, page(1), third.clone(), false);
        assert_eq!((counts.unchanged, counts.removed), (1, 1));
        assert_eq!(counts.kept.len(), 1);
        assert_eq!(counts.kept[0].0.as_str(), "20240628-01-02");
        assert_eq!(edition.pages[0].articles.len(), 2);
        // --prune removes it.
        let counts = merge_page(&mut edition, page(1), third, true);
        assert_eq!((counts.unchanged, counts.removed), (1, 1));
        assert!(counts.kept.is_empty());
        let (fourth, _) = parse::parse_text("甲标题\n\n本报讯 甲正文。\n\n丁标题\n\n本报讯 丁。");
        merge_page(&mut edition, page(1), fourth, false);
        // A removed article's id is never handed to another.
        assert_eq!(edition.pages[0].articles[1].id.as_str(), "20240628-01-04");
    }
}
