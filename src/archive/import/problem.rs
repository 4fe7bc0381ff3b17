//! Why a file was not imported, as data: the CLI prints it in English
//! (`Display`), the desktop app words it in the UI's language.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::NaiveDate;

use super::{MAX_PAGE_FILE_BYTES, PAGES, YEARS};
use crate::archive::model::{ArticleId, MAX_ARTICLE_BYTES};
use crate::archive::parse::DecodeError;
use crate::archive::search::SearchError;
use crate::archive::session::SessionError;
use crate::archive::store::StoreError;

/// Why a file was not imported.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ImportProblem {
    /// The path given does not exist.
    #[error("no such file or folder")]
    NotFound,
    /// The file or folder could not be read.
    #[error("{detail}")]
    Unreadable {
        /// What kind of failure the OS reported.
        kind: std::io::ErrorKind,
        /// The OS's words.
        detail: String,
    },
    /// Neither the name nor `--date` gives the edition date.
    #[error(
        "no edition date in the file name; name it like 2024-06-28.txt or 20240628_01.txt, or give --date YYYY-MM-DD"
    )]
    NoDate,
    /// The edition date is outside [`YEARS`].
    #[error("the edition date {date} is outside the years {}–{}", YEARS.start(), YEARS.end())]
    DateOutside {
        /// The date.
        date: NaiveDate,
    },
    /// `--page` is outside [`PAGES`].
    #[error("page {page} is outside {}–{}", PAGES.start(), PAGES.end())]
    PageOutside {
        /// The page.
        page: u32,
    },
    /// The page number in the file name is outside [`PAGES`].
    #[error(
        "the page number {text} in the file name is outside {}–{}; rename the file or give --page",
        PAGES.start(),
        PAGES.end()
    )]
    PageInNameOutside {
        /// The digits as named.
        text: String,
    },
    /// The bytes are not page text.
    #[error(transparent)]
    Decode(#[from] DecodeError),
    /// Another file of the same import lands on the same date and page.
    #[error(
        "lands on {date} page {page}, as does {}; none of them was imported. Give each file its page in the name (…_01.txt, …_02.txt) or import them one at a time with --page",
        list(others)
    )]
    Collision {
        /// The edition date.
        date: NaiveDate,
        /// The page.
        page: u32,
        /// The other files.
        others: Vec<PathBuf>,
    },
    /// Saving the edition failed.
    #[error(transparent)]
    Store(Arc<StoreError>),
    /// Indexing the imported editions failed (they are saved; a reindex repairs it).
    #[error(transparent)]
    Index(Arc<SearchError>),
    /// A line of a JSON Lines export does not parse.
    #[error("line {line}, column {column}: {detail}")]
    BadJsonLine {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// serde_json's words.
        detail: String,
    },
    /// A JSON Lines record's id is not `YYYYMMDD-PP-NN` with a date in [`YEARS`].
    #[error(
        "line {line}: `{id}` is not an article id (expected YYYYMMDD-PP-NN with a year in {}–{}, e.g. 20240628-01-02)",
        YEARS.start(),
        YEARS.end()
    )]
    BadId {
        /// 1-based line.
        line: usize,
        /// The id as written.
        id: String,
    },
    /// A JSON Lines record's date is outside [`YEARS`].
    #[error("line {line}: the date {date} is outside the years {}–{}", YEARS.start(), YEARS.end())]
    RecordDateOutside {
        /// 1-based line.
        line: usize,
        /// The date.
        date: NaiveDate,
    },
    /// A JSON Lines record's date or page is not the one its id gives (it
    /// would be a second article of the same id).
    #[error(
        "line {line}: article {id} says date {date}, page {page}, which is not what its id gives"
    )]
    IdMismatch {
        /// 1-based line.
        line: usize,
        /// The record's id.
        id: ArticleId,
        /// The record's date.
        date: NaiveDate,
        /// The record's page.
        page: u32,
    },
    /// Two records of one JSON Lines file have the same id.
    #[error("line {line}: article {id} is on line {first} already")]
    DuplicateId {
        /// 1-based line of the second.
        line: usize,
        /// The id.
        id: ArticleId,
        /// 1-based line of the first.
        first: usize,
    },
    /// A tag name in a JSON Lines record that cannot be a tag name.
    #[error(
        "line {line}: `{name}` cannot be a tag name (no spaces, quotes, colons or control characters)"
    )]
    BadTagInRecord {
        /// 1-based line.
        line: usize,
        /// The name, as written.
        name: String,
    },
    /// An article over [`MAX_ARTICLE_BYTES`]: at a line of a JSON Lines
    /// file, or (`line: None`) in a page file.
    #[error(
        "{}an article holds at most {} MiB of text; this one is larger",
        line.map(|n| format!("line {n}: ")).unwrap_or_default(),
        MAX_ARTICLE_BYTES >> 20
    )]
    ArticleTooLarge {
        /// 1-based line of a JSON Lines file.
        line: Option<usize>,
    },
    /// A page file over [`MAX_PAGE_FILE_BYTES`], refused unread.
    #[error("the file is {bytes} bytes; a page file holds at most {} MiB", MAX_PAGE_FILE_BYTES >> 20)]
    FileTooLarge {
        /// Its size.
        bytes: u64,
    },
    /// A PDF page file could not be read or kept.
    #[error(transparent)]
    Pdf(crate::archive::import::pdf::PdfError),
    /// Restoring a JSON Lines export failed.
    #[error(transparent)]
    Restore(Arc<SessionError>),
}

impl From<std::io::Error> for ImportProblem {
    fn from(error: std::io::Error) -> Self {
        ImportProblem::Unreadable {
            kind: error.kind(),
            detail: error.to_string(),
        }
    }
}

fn list(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(", ")
}
