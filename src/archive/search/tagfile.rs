//! The tag map on disk: `jianbao-tags.bin` beside the manifest, a compact
//! binary list. A one-off `jianbao search` reads it whole; as JSON inside the
//! manifest, the map of a hundred thousand tagged articles took longer to
//! parse than the search itself.
//!
//! Layout (little-endian): `JBT1`, the entry count (u32), then per entry the
//! article key (u64), its id's length (u16) and UTF-8 bytes, the number of
//! tags (u16) and each tag id (u32). Keys ascend.

use super::tagmap::{Packed, TagMap};
use crate::archive::model::TagId;

/// File name of the tag map inside an index generation.
pub(super) const TAGS_FILE: &str = "jianbao-tags.bin";
const MAGIC: &[u8; 4] = b"JBT1";

/// The bytes of `map`.
pub(super) fn encode(map: &TagMap) -> Vec<u8> {
    let count = map.iter().count();
    let mut out = Vec::with_capacity(8 + count * 32);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&(count as u32).to_le_bytes());
    for tagged in map.iter() {
        let key = tagged.key;
        let id = tagged.id.as_bytes();
        let id = &id[..id.len().min(usize::from(u16::MAX))];
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&(id.len() as u16).to_le_bytes());
        out.extend_from_slice(id);
        let tags = &tagged.tags[..tagged.tags.len().min(usize::from(u16::MAX))];
        out.extend_from_slice(&(tags.len() as u16).to_le_bytes());
        for tag in tags {
            out.extend_from_slice(&tag.0.to_le_bytes());
        }
    }
    out
}

/// The map in `bytes`, or `None` when they are not one (damaged, cut short).
pub(super) fn decode(bytes: &[u8]) -> Option<TagMap> {
    let mut reader = Reader(bytes);
    if reader.take(4)? != MAGIC {
        return None;
    }
    let count = u32::from_le_bytes(reader.array()?);
    // Each entry takes at least 12 bytes: a damaged count allocates no more
    // than the file could hold.
    let entries = (count as usize).min(bytes.len() / 12);
    let mut packed = Packed::with_capacity(entries, entries * 16, entries * 2);
    for _ in 0..count {
        let key = u64::from_le_bytes(reader.array()?);
        let id_len = u16::from_le_bytes(reader.array()?);
        let id = std::str::from_utf8(reader.take(usize::from(id_len))?).ok()?;
        let tag_count = u16::from_le_bytes(reader.array()?);
        let tags = reader.take(usize::from(tag_count) * 4)?;
        packed.push(
            key,
            id,
            tags.chunks_exact(4)
                .map(|b| TagId(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))),
        );
    }
    if !reader.0.is_empty() || !packed.is_sorted() {
        return None;
    }
    Some(TagMap::from_packed(packed))
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn array<const N: usize>(&mut self) -> Option<[u8; N]> {
        self.take(N)?.try_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::model::ArticleId;

    #[test]
    fn round_trips_and_refuses_damage() {
        let mut map = TagMap::new();
        for (id, tags) in [("19980101-01-01", vec![1, 2]), ("旧-id", vec![3])] {
            let tags: Vec<TagId> = tags.into_iter().map(TagId).collect();
            map.set(&ArticleId(id.into()), &tags);
        }
        map.pack();
        let bytes = encode(&map);
        assert_eq!(decode(&bytes), Some(map));
        assert_eq!(decode(&bytes[..bytes.len() - 1]), None);
        assert_eq!(decode(b"garbage"), None);
        assert_eq!(decode(&encode(&TagMap::new())), Some(TagMap::new()));
    }
}
