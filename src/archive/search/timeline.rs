//! Articles of a query per edition day (the chart by month or day): one
//! fast-field read per match, counted on a dense array of `yyyymmdd`
//! keys, with no document, score or other facet touched.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::Result;
use super::error::tantivy_err;
use super::index::SearchIndex;
use super::query::parse;

/// Widest span of `yyyymmdd` keys counted on an array (some 100 years);
/// wider archives count the rest in a map.
const DENSE_SPAN: u64 = 1 << 20;

impl SearchIndex {
    /// How many articles matching `query` each edition day has, by day.
    pub fn articles_per_day(&self, query: &str) -> Result<BTreeMap<NaiveDate, u64>> {
        let parsed = parse(query)?;
        let searcher = self.reader.searcher();
        let planned = self.plan(&parsed, &searcher);
        let counts = searcher
            .search(&planned, &DayCollector)
            .map_err(|e| tantivy_err(self.dir(), e))?;
        Ok(counts
            .into_iter()
            .filter_map(|(key, n)| {
                let (y, m, d) = (key / 10_000, key / 100 % 100, key % 100);
                Some((NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32)?, n))
            })
            .collect())
    }
}

struct DayCollector;

struct DaySegment {
    column: Column<u64>,
    min: u64,
    dense: Vec<u32>,
    sparse: BTreeMap<u64, u64>,
}

impl Collector for DayCollector {
    type Fruit = BTreeMap<u64, u64>;
    type Child = DaySegment;

    fn for_segment(
        &self,
        _: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<DaySegment> {
        let column = segment.fast_fields().u64("date_key")?;
        let min = column.min_value();
        let span = column.max_value().saturating_sub(min).min(DENSE_SPAN) as usize + 1;
        Ok(DaySegment {
            column,
            min,
            dense: vec![0; span],
            sparse: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<u64, u64>>) -> tantivy::Result<Self::Fruit> {
        let mut all = BTreeMap::new();
        for fruit in fruits {
            for (k, n) in fruit {
                *all.entry(k).or_default() += n;
            }
        }
        Ok(all)
    }
}

impl SegmentCollector for DaySegment {
    type Fruit = BTreeMap<u64, u64>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        if let Some(key) = self.column.first(doc) {
            match self.dense.get_mut((key - self.min) as usize) {
                Some(slot) => *slot += 1,
                None => *self.sparse.entry(key).or_default() += 1,
            }
        }
    }

    fn harvest(self) -> Self::Fruit {
        let mut out = self.sparse;
        for (i, n) in self.dense.iter().enumerate().filter(|(_, n)| **n > 0) {
            *out.entry(self.min + i as u64).or_default() += u64::from(*n);
        }
        out
    }
}
