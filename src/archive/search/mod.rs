//! Full-text search over the archive: a tantivy index derived from the RON files.
//!
//! Users expect Ctrl-F semantics, so the index holds two views of the text:
//! Han unigrams and bigrams (fields `chars`, `grams`) that find any Han string
//! exactly where it occurs as a substring, and jieba words (`words`,
//! `headline_words`, boosted) that rank the matches with BM25. Text is
//! normalised on both sides (see [`normalize`]).
//!
//! ```no_run
//! # fn demo(store: &jianbao::archive::Store) -> Result<(), jianbao::archive::search::SearchError> {
//! use jianbao::archive::search::{SearchIndex, SearchRequest};
//! let index = SearchIndex::open(store)?; // rebuilds when missing or stale
//! let results = index.search(&SearchRequest::new("苏陕协作 date:2024"))?;
//! for hit in &results.hits {
//!     println!("{} {} {}", hit.date, hit.id, hit.snippet);
//! }
//! # Ok(()) }
//! ```
//!
//! Modules: [`normalize`] (folding), [`tokenizer`] (our tantivy tokenizers),
//! [`schema`], [`index`] (open, rebuild, update, staleness manifest),
//! [`query`] (the query language), `plan` (query to tantivy), `exec`
//! (running a request), [`snippet`] (highlighting), [`facets`].

mod batch;
mod directory;
mod error;
mod exec;
pub mod facets;
mod guard;
pub mod home;
pub mod index;
mod names;
pub mod normalize;
mod open;
mod plan;
pub mod query;
mod query_error;
pub mod schema;
pub mod snippet;
mod stats;
mod tagfile;
mod tagmap;
mod timeline;
pub mod tokenizer;

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;
use serde::Serialize;

use crate::archive::model::ArticleId;
use crate::archive::store::StoreError;

pub use batch::IndexBatch;
pub use facets::Facets;
pub use index::{IndexStats, SearchIndex, SkippedEdition};
pub use names::NameCount;
pub use normalize::normalize;
pub use open::IndexNotice;
pub use query::{ParsedQuery, parse};
pub use query_error::QueryError;
pub use schema::{ArticleTexts, article_texts};
pub use snippet::{highlight_ranges, make_snippet};
pub use tagmap::{TagMap, Tagged, TaggedRef};

/// Result of a search operation.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// What can go wrong searching or indexing.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// The query does not parse.
    #[error("malformed query: {0}")]
    Query(#[from] QueryError),
    /// Reading the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The index could not be read or written.
    #[error("search index {}: {source}", path.display())]
    Index {
        /// The index folder.
        path: PathBuf,
        /// tantivy's error.
        source: tantivy::TantivyError,
    },
    /// A file of the index folder could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error, worded for a person where we
        /// know better than the OS (disk full, permission denied).
        source: std::io::Error,
    },
    /// The index is damaged: a file does not read back, or tantivy
    /// panicked decoding it. Rebuilding from the RON files repairs it
    /// ([`crate::archive::Session::repair_index`]).
    #[error("search index {} is damaged ({message})", path.display())]
    Damaged {
        /// The index generation folder.
        path: PathBuf,
        /// What failed.
        message: String,
    },
    /// The index was built by an older version of Jianbao (another schema):
    /// it is rebuilt, which is an upgrade, not damage.
    #[error("search index {} was built by an older version", path.display())]
    OldSchema {
        /// The index generation folder.
        path: PathBuf,
    },
}

impl SearchError {
    /// Whether rebuilding the index may cure this error (it came from the
    /// index files, not from the query or the project).
    pub fn is_damaged_index(&self) -> bool {
        matches!(
            self,
            SearchError::Damaged { .. } | SearchError::Index { .. }
        )
    }
}

/// How results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub enum SortOrder {
    /// Best match first (BM25 on words, headline boosted). A query without
    /// text (empty, or only filters) falls back to [`SortOrder::DateDesc`].
    #[default]
    Relevance,
    /// Newest first, then page and place on the page.
    DateDesc,
    /// Oldest first.
    DateAsc,
}

/// One search: the query and which slice of the results to return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// Query in the query language; empty means every article.
    pub query: String,
    /// Result order.
    pub sort: SortOrder,
    /// Hits to skip (paging).
    pub offset: usize,
    /// Hits to return at most; 0 returns only the count (and facets).
    pub limit: usize,
    /// Whether to compute facet counts over all matches.
    pub facets: bool,
    /// Whether to cut snippets for the returned hits.
    pub snippets: bool,
}

impl SearchRequest {
    /// A request for the first 50 hits by relevance, with facets and snippets.
    pub fn new(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            sort: SortOrder::Relevance,
            offset: 0,
            limit: 50,
            facets: true,
            snippets: true,
        }
    }
}

/// One matching article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The article's id.
    pub id: ArticleId,
    /// Edition date.
    pub date: NaiveDate,
    /// Page number.
    pub page: u32,
    /// 引题, if any.
    pub kicker: Option<String>,
    /// Headline, lines joined with `\n`.
    pub headline: Option<String>,
    /// Reporters named in the byline.
    pub reporters: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Relevance score (0 when sorted by date).
    pub score: f32,
    /// Byline and body around the matches, matches in `【` `】`
    /// (empty unless snippets were requested).
    pub snippet: String,
}

/// The answer to a [`SearchRequest`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchResults {
    /// Exact number of matching articles (not capped by the limit).
    pub total: usize,
    /// The requested slice of hits.
    pub hits: Vec<Hit>,
    /// Counts over all matches (empty unless requested).
    pub facets: Facets,
    /// Time spent searching.
    pub took: Duration,
    /// Editions that could not be read, so their articles are not counted:
    /// when this is not empty, `total` may be short of the truth.
    pub skipped: Vec<SkippedEdition>,
}

#[cfg(test)]
mod tests;
