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
    /// Whether no article is tagged (no key needs reading).
    tags_empty: bool,
    /// Where in the tag map the last hit's key was (hits come in doc order,
    /// which is mostly key order).
    tag_hint: usize,
    names: Arc<BTreeMap<TagId, String>>,
    /// Articles per tag id (ids are small: they count up from 1).
    tag_counts: Vec<u64>,
    /// Articles per tag id of [`DENSE_TAG_IDS`] and above.
    sparse_tags: BTreeMap<TagId, u64>,
    /// Hits not yet counted: fast fields are read a block at a time.
    block: Vec<DocId>,
    /// Scratch for one block's values.
    values: Vec<Option<u64>>,
}

/// Hits counted together (tantivy's own block size).
const BLOCK: usize = 64;

/// Tag ids above this are counted in a map rather than an array (a project
/// edited by hand could hold any id).
const DENSE_TAG_IDS: u32 = 1 << 16;

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

    /// Counts the value of each of `docs` (`values` is scratch of their length).
    fn collect_block(&mut self, docs: &[DocId], values: &mut [Option<u64>]) {
        values.fill(None);
        self.column.first_vals(docs, values);
        for v in values.iter().flatten() {
            if let Some(slot) = self.counts.get_mut((v - self.min) as usize) {
                *slot += 1;
            }
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
            tags_empty: self.tags.is_empty(),
            tag_hint: 0,
            names: Arc::clone(&self.names),
            tag_counts: Vec::new(),
            sparse_tags: BTreeMap::new(),
            block: Vec::with_capacity(BLOCK),
            values: vec![None; BLOCK],
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
    // One pass through the dictionary for every counted ordinal: looking
    // each up on its own reopens a dictionary block per name.
    let ords: Vec<u64> = (0..counts.len() as u64)
        .filter(|ord| counts[*ord as usize] > 0)
        .collect();
    let mut counted = ords.iter().map(|ord| u64::from(counts[*ord as usize]));
    // Every ordinal counted is below the dictionary's term count; a damaged
    // dictionary that ends early leaves the rest unnamed, as a failed
    // lookup did before.
    let _complete = column.dictionary().sorted_ords_to_term_cb(&ords, |name| {
        if let (Ok(name), Some(n)) = (std::str::from_utf8(name), counted.next()) {
            out.insert(name.to_string(), n);
        }
    });
    out
}

impl FacetSegmentCollector {
    /// Counts the hits of the block.
    fn flush(&mut self) {
        let docs = std::mem::take(&mut self.block);
        let values = &mut self.values[..docs.len()];
        self.month.collect_block(&docs, values);
        self.page.collect_block(&docs, values);
        for doc in &docs {
            count_ords(&mut self.reporter, *doc);
        }
        values.fill(None);
        if !self.tags_empty {
            self.id_key.first_vals(&docs, values);
        }
        for key in values.iter().flatten() {
            for tag in self.tags.get_near(*key, &mut self.tag_hint) {
                if tag.0 < DENSE_TAG_IDS {
                    let slot = tag.0 as usize;
                    if slot >= self.tag_counts.len() {
                        self.tag_counts.resize(slot + 1, 0);
                    }
                    self.tag_counts[slot] += 1;
                } else {
                    *self.sparse_tags.entry(*tag).or_default() += 1;
                }
            }
        }
        self.block = docs;
        self.block.clear();
    }
}

impl SegmentCollector for FacetSegmentCollector {
    type Fruit = Facets;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.block.push(doc);
        if self.block.len() == BLOCK {
            self.flush();
        }
    }

    fn harvest(mut self) -> Facets {
        self.flush();
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
        let counted = (self.tag_counts.iter().enumerate())
            .map(|(id, n)| (TagId(id as u32), *n))
            .chain(self.sparse_tags);
        for (tag, n) in counted.filter(|(_, n)| *n > 0) {
            if let Some(name) = self.names.get(&tag) {
                facets.tag.insert(name.clone(), n);
            }
        }
        facets
    }
}
