//! 稿件统计 from the index: each matching article's date, page and
//! reporters read from fast fields and counted, with no edition file read,
//! so counting a million articles takes a fast-field scan, not a load of
//! every edition.

use std::collections::HashMap;

use chrono::NaiveDate;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::Result;
use super::error::tantivy_err;
use super::index::SearchIndex;
use super::query::parse;
use crate::archive::stats::{ArticleFacts, StatsBy, StatsCounter, StatsTable};

impl SearchIndex {
    /// Articles per month, per page or per reporter per month of those
    /// `query` finds (an empty query: every article).
    pub fn count_stats(&self, by: StatsBy, query: &str) -> Result<StatsTable> {
        let parsed = parse(query)?;
        let searcher = self.reader.searcher();
        let planned = self.plan(&parsed, &searcher);
        let counter = searcher
            .search(&planned, &StatsCollector { by })
            .map_err(|e| tantivy_err(self.dir(), e))?;
        Ok(counter.finish())
    }
}

struct StatsCollector {
    by: StatsBy,
}

struct StatsSegment {
    counter: StatsCounter,
    dates: Column<u64>,
    pages: Column<u64>,
    reporters: Option<StrColumn>,
    /// Reporter names by term ordinal, looked up once each.
    names: HashMap<u64, String>,
    scratch: Vec<String>,
}

impl Collector for StatsCollector {
    type Fruit = StatsCounter;
    type Child = StatsSegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<StatsSegment> {
        let fast = segment.fast_fields();
        Ok(StatsSegment {
            counter: StatsCounter::new(self.by),
            dates: fast.u64("date_key")?,
            pages: fast.u64("page")?,
            reporters: match self.by {
                StatsBy::Reporter => fast.str("reporter")?,
                StatsBy::Month | StatsBy::Page => None,
            },
            names: HashMap::new(),
            scratch: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<StatsCounter>) -> tantivy::Result<StatsCounter> {
        let mut all = StatsCounter::new(self.by);
        for fruit in fruits {
            all.merge(fruit);
        }
        Ok(all)
    }
}

impl SegmentCollector for StatsSegment {
    type Fruit = StatsCounter;

    fn collect(&mut self, doc: DocId, _score: Score) {
        let Some(date) = self.dates.first(doc).and_then(date_of) else {
            return;
        };
        let page = self.pages.first(doc).unwrap_or(0) as u32;
        self.scratch.clear();
        if let Some(column) = &self.reporters {
            for ord in column.term_ords(doc) {
                let name = self.names.entry(ord).or_insert_with(|| {
                    let mut name = String::new();
                    // An ordinal the dictionary lacks (a damaged segment)
                    // counts as unsigned rather than failing the count.
                    let _ = column.ord_to_str(ord, &mut name);
                    name
                });
                if !name.is_empty() {
                    self.scratch.push(name.clone());
                }
            }
        }
        self.counter.add(&ArticleFacts {
            date,
            page,
            reporters: &self.scratch,
        });
    }

    fn harvest(self) -> StatsCounter {
        self.counter
    }
}

/// The date of a `yyyymmdd` key.
fn date_of(key: u64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        (key / 10_000) as i32,
        (key / 100 % 100) as u32,
        (key % 100) as u32,
    )
}
