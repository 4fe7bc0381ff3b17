//! A PDF file into its edition: each PDF page a newspaper page (a one-page
//! file is the common case, a many-page file a whole edition), merged like a
//! text page, and the original kept in the project under `pages/`.

use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::archive::import::{
    ImportOptions, ImportProblem, ImportReport, ImportWarning, KeptArticle, PAGES, merge_page,
};
use crate::archive::model::{Edition, MAX_ARTICLE_BYTES, Page};

use super::{PdfError, parse_pdf};

/// The largest PDF imported (a page with photos is some 2–20 MB).
pub const MAX_PDF_FILE_BYTES: u64 = 512 << 20;

/// Whether `path` names a PDF (by its extension).
pub fn is_pdf_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// Where the project keeps the PDF of page `page` of `date`:
/// `pages/YYYY/YYYY-MM-DD-NN.pdf`.
pub fn kept_pdf_path(root: &Path, date: NaiveDate, page: u32) -> PathBuf {
    root.join("pages")
        .join(format!("{:04}", date.year()))
        .join(format!("{}-{page:02}.pdf", date.format("%Y-%m-%d")))
}

/// The kept PDF holding `page` of `date` and the page's place in it (from
/// 1): a PDF of several pages is kept under its first page's number, and
/// each page's source names its place (`file.pdf#page=3`). `None` for a
/// page imported as text.
pub fn kept_pdf_of(root: &Path, date: NaiveDate, page: &Page) -> Option<(PathBuf, usize)> {
    page.page_size?;
    let place = page
        .source
        .as_deref()
        .and_then(|s| s.rsplit_once("#page="))
        .and_then(|(_, n)| n.parse::<u32>().ok())
        .filter(|&n| n >= 1 && n <= page.number)
        .unwrap_or(1);
    let first = page.number - place + 1;
    Some((kept_pdf_path(root, date, first), place as usize))
}

/// Reads a PDF, merges its pages into `edition` from page `first_page` on,
/// and keeps a copy of it in the project; `Ok(false)` when every page it
/// holds was corrected by hand and is kept.
pub fn import_pdf(
    path: &Path,
    (date, first_page): (NaiveDate, u32),
    options: &ImportOptions,
    edition: &mut Edition,
    report: &mut ImportReport,
    root: &Path,
) -> Result<bool, ImportProblem> {
    let bytes = read_pdf(path)?;
    let pages = parse_pdf(&bytes).map_err(ImportProblem::Pdf)?;
    let count = pages.len();
    if first_page as usize + count - 1 > *PAGES.end() as usize {
        return Err(ImportProblem::PageOutside {
            page: first_page + count as u32 - 1,
        });
    }
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut merged = false;
    for page in pages {
        let number = first_page + page.index as u32 - 1;
        if edition.page(number).is_some_and(|p| p.corrected_by_hand) && !options.replace_corrected {
            report.corrected.push(path.to_path_buf());
            continue;
        }
        if page
            .layout
            .articles
            .iter()
            .any(|a| a.size_bytes() > MAX_ARTICLE_BYTES)
        {
            return Err(ImportProblem::ArticleTooLarge { line: None });
        }
        let warnings = page.warnings(count);
        report
            .warnings
            .extend(warnings.into_iter().map(|warning| ImportWarning {
                path: path.to_path_buf(),
                warning,
            }));
        let source = match (&name, count) {
            (Some(n), 1) => Some(n.clone()),
            (Some(n), _) => Some(format!("{n}#page={}", page.index)),
            (None, _) => None,
        };
        let shell = Page {
            number,
            source,
            encoding: Some("PDF".into()),
            page_size: Some(page.size),
            ..Page::default()
        };
        report.articles += page.layout.articles.len();
        let counts = merge_page(edition, shell, page.layout.articles, options.prune);
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
        merged = true;
    }
    if merged {
        let kept = kept_pdf_path(root, date, first_page);
        keep_copy(&kept, &bytes).map_err(|e| {
            ImportProblem::Pdf(PdfError::Keep {
                path: kept.clone(),
                detail: e.to_string(),
            })
        })?;
    }
    Ok(merged)
}

/// Copies the PDF into the project atomically (replacing an older copy).
fn keep_copy(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    crate::archive::store::write_atomic(path, bytes)
}

fn read_pdf(path: &Path) -> Result<Vec<u8>, ImportProblem> {
    use std::io::Read;
    let file = std::fs::File::open(path)?;
    let size = file.metadata()?.len();
    if size > MAX_PDF_FILE_BYTES {
        return Err(ImportProblem::Pdf(PdfError::TooLarge { bytes: size }));
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(MAX_PDF_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_PDF_FILE_BYTES {
        return Err(ImportProblem::Pdf(PdfError::TooLarge {
            bytes: bytes.len() as u64,
        }));
    }
    Ok(bytes)
}
