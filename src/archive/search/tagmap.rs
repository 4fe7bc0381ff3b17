//! The tag map: which articles carry which tags, by article key.
//!
//! Searches read it on every hit (facets, `tag:` filters, the tags shown
//! with results), and `jianbao search` loads it from disk for one query, so
//! it is kept **packed**: the keys in one sorted array, the ids and tag ids
//! in two flat buffers — reading the file is a few bulk copies, not an
//! allocation per tagged article, and a lookup is a binary search (or, for
//! the ascending keys a segment's hits arrive in, a gallop from the last
//! one). Changes go to a small overlay, folded into the packed arrays by
//! [`TagMap::pack`] after each batch of edits or indexing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::archive::model::{ArticleId, TagId};

/// One tagged article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tagged {
    /// The article.
    pub id: ArticleId,
    /// Its tags.
    pub tags: Vec<TagId>,
}

/// One tagged article as the map holds it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaggedRef<'a> {
    /// [`ArticleId::key`] of the article.
    pub key: u64,
    /// The article's id.
    pub id: &'a str,
    /// Its tags.
    pub tags: &'a [TagId],
}

impl TaggedRef<'_> {
    /// An owned copy.
    pub fn to_owned(&self) -> Tagged {
        Tagged {
            id: ArticleId(self.id.to_string()),
            tags: self.tags.to_vec(),
        }
    }
}

/// Article key → its id and tags. Cheap to clone (the packed part is shared).
/// Two maps are equal when they hold the same articles, packed or not.
#[derive(Debug, Clone, Default)]
pub struct TagMap {
    packed: Arc<Packed>,
    /// Changes since the last [`TagMap::pack`]: `None` removes the key.
    changed: BTreeMap<u64, Option<Tagged>>,
}

/// The sorted, flat form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Packed {
    keys: Vec<u64>,
    /// Per key, where its id ends in `ids` (it starts where the previous one ends).
    id_ends: Vec<u32>,
    /// Per key, where its tags end in `tags`.
    tag_ends: Vec<u32>,
    ids: String,
    tags: Vec<TagId>,
}

impl Packed {
    /// Room for `entries` articles with `ids` bytes of ids and `tags` tags.
    pub(super) fn with_capacity(entries: usize, ids: usize, tags: usize) -> Self {
        Self {
            keys: Vec::with_capacity(entries),
            id_ends: Vec::with_capacity(entries),
            tag_ends: Vec::with_capacity(entries),
            ids: String::with_capacity(ids),
            tags: Vec::with_capacity(tags),
        }
    }

    /// Appends an article; keys must ascend (see [`Packed::is_sorted`]).
    pub(super) fn push(&mut self, key: u64, id: &str, tags: impl IntoIterator<Item = TagId>) {
        self.keys.push(key);
        self.ids.push_str(id);
        self.id_ends.push(self.ids.len() as u32);
        self.tags.extend(tags);
        self.tag_ends.push(self.tags.len() as u32);
    }

    /// Whether the keys strictly ascend.
    pub(super) fn is_sorted(&self) -> bool {
        self.keys.is_sorted_by(|a, b| a < b)
    }

    fn entry(&self, i: usize) -> TaggedRef<'_> {
        let id_start = if i == 0 { 0 } else { self.id_ends[i - 1] } as usize;
        let tag_start = if i == 0 { 0 } else { self.tag_ends[i - 1] } as usize;
        TaggedRef {
            key: self.keys[i],
            id: &self.ids[id_start..self.id_ends[i] as usize],
            tags: &self.tags[tag_start..self.tag_ends[i] as usize],
        }
    }

    fn find(&self, key: u64) -> Option<usize> {
        self.keys.binary_search(&key).ok()
    }

    /// Like [`Packed::find`], starting from `hint` (where the last key was):
    /// ascending keys cost a few steps each instead of a full search.
    fn find_from(&self, key: u64, hint: &mut usize) -> Option<usize> {
        let keys = &self.keys;
        let start = (*hint).min(keys.len());
        let found = if start < keys.len() && keys[start] <= key {
            // Gallop forward, then search the last step's span.
            let mut step = 1;
            let mut low = start;
            while low + step < keys.len() && keys[low + step] <= key {
                low += step;
                step *= 2;
            }
            let high = (low + step + 1).min(keys.len());
            keys[low..high]
                .binary_search(&key)
                .map(|i| low + i)
                .map_err(|i| low + i)
        } else {
            keys.binary_search(&key)
        };
        match found {
            Ok(i) => {
                *hint = i;
                Some(i)
            }
            Err(i) => {
                *hint = i;
                None
            }
        }
    }

    fn range(&self, keys: &Range<u64>) -> Range<usize> {
        let start = self.keys.partition_point(|k| *k < keys.start);
        let end = self.keys.partition_point(|k| *k < keys.end);
        start..end
    }
}

impl TagMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    pub(super) fn from_packed(packed: Packed) -> Self {
        Self {
            packed: Arc::new(packed),
            changed: BTreeMap::new(),
        }
    }

    /// The tags of the article with key `key` (none: empty).
    pub fn get(&self, key: u64) -> &[TagId] {
        match self.changed.get(&key) {
            Some(Some(tagged)) => &tagged.tags,
            Some(None) => &[],
            None => self
                .packed
                .find(key)
                .map_or(&[], |i| self.packed.entry(i).tags),
        }
    }

    /// [`TagMap::get`] for keys that mostly ascend from call to call (a
    /// segment's hits): `hint` carries the place of the last one.
    pub fn get_near(&self, key: u64, hint: &mut usize) -> &[TagId] {
        if !self.changed.is_empty()
            && let Some(change) = self.changed.get(&key)
        {
            return change.as_ref().map_or(&[], |t| t.tags.as_slice());
        }
        self.packed
            .find_from(key, hint)
            .map_or(&[], |i| self.packed.entry(i).tags)
    }

    /// Sets the tags of `id` (none: the article leaves the map).
    pub fn set(&mut self, id: &ArticleId, tags: &[TagId]) {
        let key = id.key();
        if tags.is_empty() {
            // An untagged article (most of an import) costs no entry unless
            // it hides a packed one.
            if self.packed.find(key).is_some() {
                self.changed.insert(key, None);
            } else {
                self.changed.remove(&key);
            }
            return;
        }
        let value = Tagged {
            id: id.clone(),
            tags: tags.to_vec(),
        };
        self.changed.insert(key, Some(value));
    }

    /// Removes every article whose key is in `keys`.
    pub fn remove_range(&mut self, keys: Range<u64>) {
        let packed = self.packed.range(&keys);
        for i in packed {
            self.changed.insert(self.packed.keys[i], None);
        }
        for change in self.changed.range_mut(keys) {
            *change.1 = None;
        }
    }

    /// Whether no article carries a tag.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    /// Every tagged article, by ascending key.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            packed: &self.packed,
            next_packed: 0,
            changed: self.changed.iter().peekable(),
        }
    }

    /// Folds the changes into the packed arrays (after a batch of edits:
    /// lookups are fastest with nothing to overlay).
    pub fn pack(&mut self) {
        if self.changed.is_empty() {
            return;
        }
        let mut packed = Packed::with_capacity(
            self.packed.keys.len() + self.changed.len(),
            self.packed.ids.len(),
            self.packed.tags.len(),
        );
        for entry in self.iter() {
            packed.push(entry.key, entry.id, entry.tags.iter().copied());
        }
        *self = Self::from_packed(packed);
    }
}

impl PartialEq for TagMap {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for TagMap {}

/// Iterator of [`TagMap::iter`]: the packed entries and the changes merged.
pub struct Iter<'a> {
    packed: &'a Packed,
    next_packed: usize,
    changed: std::iter::Peekable<std::collections::btree_map::Iter<'a, u64, Option<Tagged>>>,
}

impl<'a> Iterator for Iter<'a> {
    type Item = TaggedRef<'a>;

    fn next(&mut self) -> Option<TaggedRef<'a>> {
        loop {
            let packed_key = self.packed.keys.get(self.next_packed).copied();
            let changed_key = self.changed.peek().map(|(k, _)| **k);
            let take_changed = match (packed_key, changed_key) {
                (None, None) => return None,
                (Some(_), None) => false,
                (None, Some(_)) => true,
                (Some(p), Some(c)) => {
                    if p == c {
                        // The change replaces the packed entry.
                        self.next_packed += 1;
                    }
                    c <= p
                }
            };
            if take_changed {
                let (key, change) = self.changed.next()?;
                if let Some(tagged) = change {
                    return Some(TaggedRef {
                        key: *key,
                        id: tagged.id.as_str(),
                        tags: &tagged.tags,
                    });
                }
            } else {
                let entry = self.packed.entry(self.next_packed);
                self.next_packed += 1;
                return Some(entry);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(day: u32, seq: u32) -> ArticleId {
        ArticleId(format!("199801{day:02}-01-{seq:02}"))
    }

    fn tags(ids: &[u32]) -> Vec<TagId> {
        ids.iter().copied().map(TagId).collect()
    }

    /// The map as (id, tags) pairs in key order.
    fn listed(map: &TagMap) -> Vec<(String, Vec<TagId>)> {
        map.iter()
            .map(|t| (t.id.to_string(), t.tags.to_vec()))
            .collect()
    }

    #[test]
    fn changes_overlay_the_packed_entries_and_pack_keeps_them() {
        let mut map = TagMap::new();
        for seq in 1..=5 {
            map.set(&id(2, seq), &tags(&[seq]));
        }
        map.pack();
        map.set(&id(2, 3), &tags(&[7, 8])); // replaced
        map.set(&id(2, 4), &[]); // removed
        map.set(&id(1, 9), &tags(&[1])); // before every packed key
        map.set(&id(3, 1), &tags(&[2])); // after them
        let expected = vec![
            (id(1, 9).0, tags(&[1])),
            (id(2, 1).0, tags(&[1])),
            (id(2, 2).0, tags(&[2])),
            (id(2, 3).0, tags(&[7, 8])),
            (id(2, 5).0, tags(&[5])),
            (id(3, 1).0, tags(&[2])),
        ];
        assert_eq!(listed(&map), expected);
        let unpacked = map.clone();
        assert_eq!(map.get(id(2, 3).key()), tags(&[7, 8]).as_slice());
        assert_eq!(map.get(id(2, 4).key()), &[]);
        // Untagging an article the map never held leaves no entry behind.
        map.set(&id(4, 1), &[]);
        assert!(!map.changed.contains_key(&id(4, 1).key()));
        map.pack();
        assert_eq!(listed(&map), expected);
        assert_eq!(map, unpacked, "equal whether packed or not");
        assert!(map.changed.is_empty());
        assert_eq!(map.get(id(2, 4).key()), &[]);
        assert_eq!(map.get(id(3, 1).key()), tags(&[2]).as_slice());
    }

    #[test]
    fn removing_a_day_removes_packed_and_changed_articles() {
        let mut map = TagMap::new();
        map.set(&id(1, 1), &tags(&[1]));
        map.set(&id(2, 1), &tags(&[1]));
        map.pack();
        map.set(&id(2, 2), &tags(&[2]));
        let day = ArticleId::date_key_range(id(2, 1).date().unwrap());
        map.remove_range(day);
        assert_eq!(listed(&map), vec![(id(1, 1).0, tags(&[1]))]);
        map.pack();
        assert_eq!(listed(&map), vec![(id(1, 1).0, tags(&[1]))]);
        assert!(!map.is_empty());
        map.remove_range(0..u64::MAX);
        assert!(map.is_empty());
    }

    #[test]
    fn lookups_near_the_last_find_every_key_in_any_order() {
        let mut map = TagMap::new();
        let keys: Vec<u32> = (1..=300).filter(|s| s % 3 != 0).collect();
        for seq in &keys {
            map.set(&id(5, *seq), &tags(&[*seq]));
        }
        map.pack();
        let mut hint = 0;
        // Ascending, with misses between; then descending; then jumping about.
        let order: Vec<u32> = (1..=300)
            .chain((1..=300).rev())
            .chain((1..=300).map(|s| (s * 7919) % 300 + 1))
            .collect();
        for seq in order {
            let want = if seq % 3 == 0 { vec![] } else { tags(&[seq]) };
            assert_eq!(
                map.get_near(id(5, seq).key(), &mut hint),
                want.as_slice(),
                "{seq}"
            );
        }
    }
}
