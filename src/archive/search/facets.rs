//! Facet counts (year, month, page, reporter, tag) of all matching articles,
//! read from fast fields: no stored document is loaded.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use super::index::TagMap;
use super::schema::ID_KEY;
use crate::archive::model::TagId;

/// How many matching articles fall in each year, month, page, reporter, tag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Facets {
    /// Year (`2024`) to count.
    pub year: BTreeMap<i32, u64>,
    /// Month (`2024-06`) to count.
    pub month: BTreeMap<String, u64>,
    /// Page number to count.
    pub page: BTreeMap<u32, u64>,
    /// Reporter name to count.
    pub reporter: BTreeMap<String, u64>,
    /// Tag name to count.
    pub tag: BTreeMap<String, u64>,
}

/// Counts values per matching document. Counting happens on small dense
/// arrays (months and pages span few values; reporters by term ordinal);
/// tags through the tag map, by each document's article key.
pub(crate) struct FacetCollector {
    /// The tag map as it was when the search started.
    pub tags: Arc<TagMap>,
    /// Tag names, for the fruit.
    pub names: Arc<BTreeMap<TagId, String>>,
}

pub(crate) struct FacetSegmentCollector {
    month: DenseCounter,
    page: DenseCounter,
    reporter: Option<(StrColumn, Vec<u32>)>,
    id_key: Column<u64>,
    tags: Arc<TagMap>,
    names: Arc<BTreeMap<TagId, String>>,
    tag_counts: BTreeMap<TagId, u64>,
}

struct DenseCounter {
    column: Column<u64>,
    min: u64,
    counts: Vec<u32>,
}

impl DenseCounter {
    fn new(column: Column<u64>) -> Self {
        let min = column.min_value();
        let span = column.max_value().saturating_sub(min).min(1 << 20) as usize + 1;
        Self {
            column,
            min,
            counts: vec![0; span],
        }
    }

    fn collect(&mut self, doc: DocId) {
        if let Some(v) = self.column.first(doc)
            && let Some(slot) = self.counts.get_mut((v - self.min) as usize)
        {
            *slot += 1;
        }
    }

    fn values(&self) -> impl Iterator<Item = (u64, u64)> + '_ {
        self.counts
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(i, n)| (self.min + i as u64, u64::from(*n)))
    }
}

fn str_counter(column: Option<StrColumn>) -> Option<(StrColumn, Vec<u32>)> {
    column.map(|c| {
        let n = c.num_terms();
        (c, vec![0; n])
    })
}

impl Collector for FacetCollector {
    type Fruit = Facets;
    type Child = FacetSegmentCollector;

    fn for_segment(
        &self,
        _segment_local_id: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<FacetSegmentCollector> {
        let fast = segment.fast_fields();
        Ok(FacetSegmentCollector {
            month: DenseCounter::new(fast.u64("month_key")?),
            page: DenseCounter::new(fast.u64("page")?),
            reporter: str_counter(fast.str("reporter")?),
            id_key: fast.u64(ID_KEY)?,
            tags: Arc::clone(&self.tags),
            names: Arc::clone(&self.names),
            tag_counts: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Facets>) -> tantivy::Result<Facets> {
        let mut all = Facets::default();
        for f in fruits {
            merge(&mut all.year, f.year);
            merge(&mut all.month, f.month);
            merge(&mut all.page, f.page);
            merge(&mut all.reporter, f.reporter);
            merge(&mut all.tag, f.tag);
        }
        Ok(all)
    }
}

fn merge<K: Ord>(into: &mut BTreeMap<K, u64>, from: BTreeMap<K, u64>) {
    for (k, v) in from {
        *into.entry(k).or_default() += v;
    }
}

fn count_ords(counter: &mut Option<(StrColumn, Vec<u32>)>, doc: DocId) {
    if let Some((column, counts)) = counter {
        for ord in column.term_ords(doc) {
            if let Some(slot) = counts.get_mut(ord as usize) {
                *slot += 1;
            }
        }
    }
}

fn harvest_ords(counter: Option<(StrColumn, Vec<u32>)>) -> BTreeMap<String, u64> {
    let mut out = BTreeMap::new();
    let Some((column, counts)) = counter else {
        return out;
    };
    let mut name = String::new();
    for (ord, n) in counts.iter().enumerate() {
        if *n > 0 && column.ord_to_str(ord as u64, &mut name).unwrap_or(false) {
            out.insert(name.clone(), u64::from(*n));
        }
    }
    out
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.month.collect(doc);
        self.page.collect(doc);
        count_ords(&mut self.reporter, doc);
        if !self.tags.is_empty()
            && let Some(key) = self.id_key.first(doc)
            && let Some(tagged) = self.tags.get(&key)
        {
            for tag in &tagged.tags {
                *self.tag_counts.entry(*tag).or_default() += 1;
            }
        }
    }

    fn harvest(self) -> Facets {
        let mut facets = Facets::default();
        for (month_key, n) in self.month.values() {
            let year = (month_key / 12) as i32;
            let month = month_key % 12 + 1;
            *facets.year.entry(year).or_default() += n;
            *facets
                .month
                .entry(format!("{year:04}-{month:02}"))
                .or_default() += n;
        }
        for (page, n) in self.page.values() {
            facets.page.insert(page as u32, n);
        }
        facets.reporter = harvest_ords(self.reporter);
        for (tag, n) in self.tag_counts {
            if let Some(name) = self.names.get(&tag) {
                facets.tag.insert(name.clone(), n);
            }
        }
        facets
    }
}
