//! The rows of the results table, behind a trait so the table never holds the archive.
//!
//! The app's source ([`SearchRows`]) keeps only the pages of hits that were
//! shown, fetched from the search worker on demand; the frame benchmark uses a
//! synthetic source of a million rows through the same trait.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

use chrono::NaiveDate;

use crate::archive::ArticleId;

/// Rows fetched per request to the search worker.
pub const PAGE_ROWS: usize = 100;

/// One row of the results table, with its display text prepared once.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultRow {
    /// The article.
    pub id: ArticleId,
    /// Edition date.
    pub date: NaiveDate,
    /// Page number.
    pub page: u32,
    /// 引题, shown small beside the headline.
    pub kicker: Option<String>,
    /// Headline on one line (empty when the article has none).
    pub headline: String,
    /// Reporters, joined with `、`.
    pub reporters: String,
    /// Tag names.
    pub tags: Vec<String>,
    /// A line of the body around the match, matches in `【】` (empty when
    /// not asked for, or when browsing without words).
    pub snippet: String,
}

/// Where the results table gets its rows.
pub trait RowSource {
    /// Number of rows (all hits, not only those loaded).
    fn total(&self) -> usize;
    /// Row `index`, or `None` while it is still being fetched.
    fn row(&self, index: usize) -> Option<&ResultRow>;
    /// Tells the source which rows are on screen, so it can fetch missing ones.
    fn want(&mut self, rows: Range<usize>);
    /// Pages (as row offsets) to fetch that have not been asked for yet.
    fn take_requests(&mut self) -> Vec<usize> {
        Vec::new()
    }
}

/// Hits of one search, loaded page by page.
#[derive(Debug, Default)]
pub struct SearchRows {
    /// Which search these rows belong to.
    pub generation: u64,
    total: usize,
    pages: BTreeMap<usize, Vec<ResultRow>>,
    requested: BTreeSet<usize>,
    to_request: Vec<usize>,
}

impl SearchRows {
    /// Rows of search `generation`, starting with its first page of hits.
    pub fn new(generation: u64, total: usize, offset: usize, rows: Vec<ResultRow>) -> Self {
        let mut source = Self {
            generation,
            total,
            ..Self::default()
        };
        source.insert_page(offset, rows);
        source
    }

    /// Adds a page of hits fetched at row `offset`.
    pub fn insert_page(&mut self, offset: usize, rows: Vec<ResultRow>) {
        self.requested.insert(offset);
        self.pages.insert(offset, rows);
        // Keep memory proportional to what was shown: drop far-away pages.
        if self.pages.len() > 50 {
            let far = self
                .pages
                .keys()
                .copied()
                .max_by_key(|&o| o.abs_diff(offset));
            if let Some(far) = far {
                self.pages.remove(&far);
                self.requested.remove(&far);
            }
        }
    }

    /// Forgets that page `offset` was asked for (its fetch failed), so it is asked again.
    pub fn forget_request(&mut self, offset: usize) {
        self.requested.remove(&offset);
    }

    /// Whether pages were asked for that have not arrived yet.
    pub fn is_fetching(&self) -> bool {
        !self.to_request.is_empty() || self.requested.iter().any(|o| !self.pages.contains_key(o))
    }

    /// Index of the row showing `id` among the loaded rows.
    pub fn position(&self, id: &ArticleId) -> Option<usize> {
        self.pages
            .iter()
            .find_map(|(offset, rows)| rows.iter().position(|r| &r.id == id).map(|i| offset + i))
    }
}

impl RowSource for SearchRows {
    fn total(&self) -> usize {
        self.total
    }

    fn row(&self, index: usize) -> Option<&ResultRow> {
        let offset = index / PAGE_ROWS * PAGE_ROWS;
        self.pages.get(&offset)?.get(index - offset)
    }

    fn want(&mut self, rows: Range<usize>) {
        if rows.is_empty() {
            return;
        }
        let first = rows.start / PAGE_ROWS * PAGE_ROWS;
        let last = rows.end.saturating_sub(1).min(self.total.saturating_sub(1));
        let mut offset = first;
        while offset <= last {
            if self.requested.insert(offset) {
                self.to_request.push(offset);
            }
            offset += PAGE_ROWS;
        }
    }

    fn take_requests(&mut self) -> Vec<usize> {
        std::mem::take(&mut self.to_request)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(n: usize) -> ResultRow {
        ResultRow {
            id: ArticleId(format!("20240628-01-{n:02}")),
            date: NaiveDate::from_ymd_opt(2024, 6, 28).unwrap_or_default(),
            page: 1,
            kicker: None,
            headline: format!("headline {n}"),
            reporters: String::new(),
            tags: Vec::new(),
            snippet: String::new(),
        }
    }

    #[test]
    fn missing_pages_are_requested_once() {
        let mut rows = SearchRows::new(1, 1000, 0, (0..PAGE_ROWS).map(row).collect());
        assert!(rows.row(5).is_some());
        assert!(rows.row(150).is_none());
        rows.want(90..260);
        assert_eq!(rows.take_requests(), vec![100, 200]);
        rows.want(90..260);
        assert!(rows.take_requests().is_empty());
        rows.insert_page(100, (100..200).map(row).collect());
        assert_eq!(
            rows.row(150).map(|r| r.headline.as_str()),
            Some("headline 150")
        );
    }
}
