//! The archive as the UI's worker threads see it: the store and its search index.
//!
//! Runs on worker threads only, never on the UI thread.

use std::sync::{Arc, Mutex};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::archive::Store;
use crate::archive::search::{self, Hit, SearchIndex, SearchRequest};
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
}

/// An open archive with its search index.
#[derive(Debug)]
pub struct Backend {
    /// The project store, shared with import jobs.
    pub store: Arc<Store>,
    // Searches read through `&self`; updates after an import need `&mut`.
    index: Mutex<SearchIndex>,
}

impl Backend {
    /// Opens the search index of `store`, building it when missing or stale.
    pub fn open(store: Arc<Store>) -> anyhow::Result<Self> {
        let index = SearchIndex::open(&store)?;
        Ok(Self {
            store,
            index: Mutex::new(index),
        })
    }

    /// Hits of `query` in `sort` order, `limit` of them from `offset`.
    pub fn search(
        &self,
        query: &str,
        sort: SortOrder,
        offset: usize,
        limit: usize,
    ) -> anyhow::Result<HitPage> {
        let request = SearchRequest {
            query: query.to_string(),
            sort: sort.into(),
            offset,
            limit,
            facets: false,
            snippets: false,
        };
        let index = self
            .index
            .lock()
            .map_err(|_| anyhow::anyhow!("the search index is unusable after a crash"))?;
        let results = index.search(&request)?;
        Ok(HitPage {
            total: results.total,
            rows: results.hits.iter().map(row_of_hit).collect(),
            took_ms: results.took.as_secs_f64() * 1000.0,
        })
    }

    /// Re-indexes the editions of `dates` after an import.
    pub fn update_editions(&self, dates: &[NaiveDate]) -> anyhow::Result<()> {
        let mut index = self
            .index
            .lock()
            .map_err(|_| anyhow::anyhow!("the search index is unusable after a crash"))?;
        index.update_editions(&self.store, dates)?;
        Ok(())
    }
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
        tags: hit.tags.join("、"),
    }
}
