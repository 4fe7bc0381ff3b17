//! The search as the UI asks for it: result order and table rows of hits.

use serde::{Deserialize, Serialize};

use crate::archive::search::{self, Hit};
use crate::ui::rows::ResultRow;

pub use crate::archive::search::highlight_ranges;

/// Order of the results table (stored in the settings, so it has its own serde type).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortOrder {
    /// Best match first (newest first when browsing without text).
    #[default]
    Relevance,
    /// Newest edition first.
    DateDesc,
    /// Oldest edition first.
    DateAsc,
}

impl From<SortOrder> for search::SortOrder {
    fn from(sort: SortOrder) -> Self {
        match sort {
            SortOrder::Relevance => search::SortOrder::Relevance,
            SortOrder::DateDesc => search::SortOrder::DateDesc,
            SortOrder::DateAsc => search::SortOrder::DateAsc,
        }
    }
}

/// One page of hits of a search.
#[derive(Debug, Clone, Default)]
pub struct HitPage {
    /// Number of all hits.
    pub total: usize,
    /// Hits from the requested offset.
    pub rows: Vec<ResultRow>,
    /// Time the search took, in milliseconds.
    pub took_ms: f64,
    /// Editions that could not be read, so the total may miss their articles.
    pub skipped: Vec<crate::archive::search::SkippedEdition>,
}

/// The table row of a search hit.
pub fn row_of_hit(hit: &Hit) -> ResultRow {
    ResultRow {
        id: hit.id.clone(),
        date: hit.date,
        page: hit.page,
        kicker: hit.kicker.clone(),
        headline: hit
            .headline
            .as_deref()
            .unwrap_or_default()
            .replace('\n', ""),
        reporters: hit.reporters.join("、"),
        tags: hit.tags.clone(),
        snippet: hit.snippet.clone(),
    }
}
