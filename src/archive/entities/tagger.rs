//! The character tagger: an averaged perceptron over character n-grams and
//! character classes with BIOES tags for people, places and organisations,
//! decoded by Viterbi. Trained by `scripts/train-entities.py`, which writes
//! the model file this reads; features here must match the script's.

use std::ops::Range;

use super::EntityKind;

/// Tags in the model's order: O, then B- (begin), I- (inside), E- (end)
/// and S- (single character) for person, place, organisation.
const TAGS: usize = 13;
/// `TAGS` rounded up for SIMD.
const LANES: usize = 16;
/// Positions of context before and after the text the templates may read.
const PAD: usize = 3;
const BOS: u32 = 2;
const EOS: u32 = 3;
/// A character no class was learnt for.
const NO_CLASS: u32 = 4;

/// Why a model file was refused.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file does not start with this format's magic bytes.
    #[error("not an entity model (bad magic)")]
    Magic,
    /// The file ends before its declared contents.
    #[error("entity model truncated at byte {0}")]
    Truncated(usize),
    /// A declared size or value is out of range.
    #[error("entity model malformed: {0}")]
    Malformed(&'static str),
}

/// One template item: read the folded character (view 0) or its class
/// (view 1) at an offset from the current position.
#[derive(Clone, Copy, Debug)]
struct Item {
    offset: i8,
    view: u8,
}

/// A trained model: templates, character classes, transition weights and
/// the feature table.
#[derive(Debug)]
pub struct Model {
    templates: Vec<Vec<Item>>,
    /// Class of each character of the Basic Multilingual Plane (others
    /// have none).
    classes: Vec<u8>,
    transitions: [[i32; TAGS]; TAGS],
    /// For each tag, the tags that may come before it.
    before: [Vec<usize>; TAGS],
    features: FeatureMap,
    /// Weights per feature, padded to `LANES` so adding them vectorises.
    weights: Vec<[i16; LANES]>,
}

impl Model {
    /// Reads a model file written by `scripts/train-entities.py`.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ModelError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(8)? != b"JBENT002" {
            return Err(ModelError::Magic);
        }
        if r.u32()? as usize != TAGS {
            return Err(ModelError::Malformed("tag count"));
        }
        let n_templates = r.u32()? as usize;
        if n_templates > 127 {
            return Err(ModelError::Malformed("template count"));
        }
        let mut templates = Vec::with_capacity(n_templates);
        for _ in 0..n_templates {
            let n = r.u8()? as usize;
            if n == 0 || n > 3 {
                return Err(ModelError::Malformed("template length"));
            }
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                let offset = r.u8()? as i8;
                let view = r.u8()?;
                if offset.unsigned_abs() as usize > PAD || view > 1 {
                    return Err(ModelError::Malformed("template item"));
                }
                items.push(Item { offset, view });
            }
            templates.push(items);
        }
        let n_classes = r.u32()? as usize;
        let mut classes = vec![NO_CLASS as u8; 0x10000];
        for _ in 0..n_classes {
            let ch = r.u32()? as usize;
            let class = r.u8()?;
            if let Some(c) = classes.get_mut(ch) {
                *c = class;
            }
        }
        let n_features = r.u32()? as usize;
        let mut transitions = [[0; TAGS]; TAGS];
        for row in &mut transitions {
            for w in row.iter_mut() {
                *w = r.u32()? as i32;
            }
        }
        let key_bytes = r.u32()? as usize;
        let keys = r.take(key_bytes)?;
        if n_features > 1 << 24 {
            return Err(ModelError::Malformed("feature count"));
        }
        let mut features = FeatureMap::with_capacity(n_features);
        let mut weights = Vec::with_capacity(n_features);
        let mut key = 0u64;
        let mut k = 0;
        for _ in 0..n_features {
            let mut delta = 0u64;
            let mut shift = 0;
            loop {
                let b = *keys.get(k).ok_or(ModelError::Malformed("keys"))?;
                k += 1;
                delta |= u64::from(b & 0x7F) << shift;
                shift += 7;
                if b & 0x80 == 0 {
                    break;
                }
                if shift > 63 {
                    return Err(ModelError::Malformed("key varint"));
                }
            }
            key = key.wrapping_add(delta);
            let mut w = [0i16; LANES];
            for x in &mut w[..TAGS] {
                *x = r.u16()? as i16;
            }
            features.insert(key, weights.len() as u32);
            weights.push(w);
        }
        let before = std::array::from_fn(|cur| (0..TAGS).filter(|&p| allowed(p, cur)).collect());
        Ok(Model {
            templates,
            classes,
            transitions,
            before,
            features,
            weights,
        })
    }

    /// Tags `codes` (folded characters, see [`fold`]) and returns the
    /// entity spans found, as positions in `codes`.
    pub fn spans(&self, codes: &[u32]) -> Vec<(EntityKind, Range<usize>)> {
        let n = codes.len();
        if n == 0 {
            return Vec::new();
        }
        let mut chars = Vec::with_capacity(n + 2 * PAD);
        chars.extend([BOS; PAD]);
        chars.extend_from_slice(codes);
        chars.extend([EOS; PAD]);
        let classes: Vec<u32> = chars
            .iter()
            .enumerate()
            .map(|(i, &c)| {
                if i < PAD || i >= PAD + n {
                    c
                } else {
                    self.classes
                        .get(c as usize)
                        .map_or(NO_CLASS, |&k| u32::from(k))
                }
            })
            .collect();
        let views = [&chars, &classes];

        // Emission scores template by template: each template's keys for
        // the whole text first, then their lookups, which do not depend on
        // one another, so the processor overlaps their cache misses.
        let mut emissions = vec![[0i32; LANES]; n];
        let mut keys = vec![0u64; n];
        for (t, items) in self.templates.iter().enumerate() {
            let tbits = (t as u64) << 57;
            keys.fill(tbits);
            for item in items {
                let start = PAD.wrapping_add_signed(isize::from(item.offset));
                let column = &views[usize::from(item.view)][start..start + n];
                for (k, &v) in keys.iter_mut().zip(column) {
                    *k = (*k << 19) | u64::from(v);
                }
            }
            // The shifts pushed the template bits out; put them back.
            let shift = 19 * items.len() as u32;
            let mask = (1u64 << shift) - 1;
            for (key, e) in keys.iter().zip(emissions.iter_mut()) {
                if let Some(ix) = self.features.get(tbits | (key & mask)) {
                    let w = &self.weights[ix as usize];
                    // At most ~20 weights of an i16 each: no overflow, and
                    // wrapping adds vectorise even where overflow is checked.
                    for (a, &x) in e.iter_mut().zip(w) {
                        *a = a.wrapping_add(i32::from(x));
                    }
                }
            }
        }

        let mut score = [0i32; TAGS];
        let mut back: Vec<[u8; TAGS]> = Vec::with_capacity(n);
        for (i, emission) in emissions.iter().enumerate() {
            if i == 0 {
                for k in 0..TAGS {
                    score[k] = if continues(k) {
                        i32::MIN / 2
                    } else {
                        emission[k]
                    };
                }
                back.push([0; TAGS]);
                continue;
            }
            let mut next = [0i32; TAGS];
            let mut from = [0u8; TAGS];
            for k in 0..TAGS {
                let mut best = i32::MIN / 2;
                let mut arg = 0;
                for &p in &self.before[k] {
                    let v = score[p].wrapping_add(self.transitions[p][k]);
                    if v > best {
                        best = v;
                        arg = p;
                    }
                }
                next[k] = best.wrapping_add(emission[k]);
                from[k] = arg as u8;
            }
            // Scores relative to the best one, so that they stay bounded
            // (|score| ≲ 2²⁴) however long the line.
            let top = next.iter().copied().max().unwrap_or(0);
            for v in &mut next {
                *v = v.wrapping_sub(top).max(i32::MIN / 2);
            }
            score = next;
            back.push(from);
        }
        let mut tag = (0..TAGS)
            .filter(|&k| !is_open(k))
            .max_by_key(|&k| score[k])
            .unwrap_or(0);
        let mut path = vec![0u8; n];
        for i in (0..n).rev() {
            path[i] = tag as u8;
            tag = usize::from(back[i][tag]);
        }
        spans_of(&path)
    }
}

/// B- or I-: a name that has begun and not ended.
fn is_open(tag: usize) -> bool {
    tag > 0 && (tag - 1) % 4 < 2
}

/// I- or E-: continues the name before it.
fn continues(tag: usize) -> bool {
    tag > 0 && matches!((tag - 1) % 4, 1 | 2)
}

/// BIOES: I- and E- continue a B- or I- of their own kind; O, B- and S-
/// follow only a name that has ended.
fn allowed(prev: usize, cur: usize) -> bool {
    if continues(cur) {
        is_open(prev) && (prev - 1) / 4 == (cur - 1) / 4
    } else {
        !is_open(prev)
    }
}

fn kind_of(tag: u8) -> EntityKind {
    match (tag - 1) / 4 {
        0 => EntityKind::Person,
        1 => EntityKind::Place,
        _ => EntityKind::Org,
    }
}

fn spans_of(path: &[u8]) -> Vec<(EntityKind, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &t) in path.iter().enumerate() {
        if t == 0 {
            continue;
        }
        match (t - 1) % 4 {
            0 => start = Some(i),
            2 => {
                if let Some(s) = start.take() {
                    out.push((kind_of(t), s..i + 1));
                }
            }
            3 => out.push((kind_of(t), i..i + 1)),
            _ => {}
        }
    }
    out
}

/// Folds what varies between papers and typesetting systems: full-width
/// ASCII becomes ASCII, every digit `0`, every Latin letter `a`.
pub fn fold(ch: char) -> u32 {
    let mut o = ch as u32;
    if (0xFF01..=0xFF5E).contains(&o) {
        o -= 0xFEE0;
    }
    if o == 0x3000 {
        o = 0x20;
    }
    match o {
        0x30..=0x39 => 0x30,
        0x41..=0x5A | 0x61..=0x7A => 0x61,
        _ => o.min(0x7FFFF),
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .ok_or(ModelError::Truncated(self.at))?;
        let s = self
            .bytes
            .get(self.at..end)
            .ok_or(ModelError::Truncated(self.at))?;
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// Feature keys → indices of their weights: open addressing over one `u64`
/// per slot (a 32-bit fingerprint of the key and the index), so a lookup —
/// ~20 per character on the hot path — touches one cache line, and the
/// table stays small enough to live in cache. Two keys share a fingerprint
/// and a slot with odds of about 2⁻³² per lookup; a clash would only add
/// one feature's weights where it does not belong.
#[derive(Debug)]
struct FeatureMap {
    slots: Vec<u64>,
    mask: usize,
    /// A Bloom filter of the keys (two bits each, 16 bits per key): most
    /// lookups are of character trigrams the model never kept, and this
    /// answers them from cache instead of a miss on the table.
    bloom: Vec<u64>,
    bloom_mask: u64,
}

impl FeatureMap {
    fn with_capacity(n: usize) -> Self {
        let size = (n + n / 2).next_power_of_two().max(16);
        let bloom_bits = (n * 16).next_power_of_two().max(64);
        FeatureMap {
            slots: vec![0; size],
            mask: size - 1,
            bloom: vec![0; bloom_bits / 64],
            bloom_mask: bloom_bits as u64 - 1,
        }
    }

    #[inline]
    fn hash(key: u64) -> (u64, u64) {
        let h = (key ^ (key >> 31)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let g = key.wrapping_mul(0xC2B2_AE3D_27D4_EB4F);
        (h, g)
    }

    #[inline]
    fn bloom_bits(&self, h: u64, g: u64) -> (u64, u64) {
        ((h >> 7) & self.bloom_mask, (g >> 3) & self.bloom_mask)
    }

    fn insert(&mut self, key: u64, index: u32) {
        let (h, g) = Self::hash(key);
        let (a, b) = self.bloom_bits(h, g);
        self.bloom[(a >> 6) as usize] |= 1 << (a & 63);
        self.bloom[(b >> 6) as usize] |= 1 << (b & 63);
        let fp = ((g >> 32) | 1) << 32;
        let mut s = (h >> 32) as usize & self.mask;
        while self.slots[s] != 0 {
            s = (s + 1) & self.mask;
        }
        self.slots[s] = fp | u64::from(index);
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        let (h, g) = Self::hash(key);
        let (a, b) = self.bloom_bits(h, g);
        if self.bloom[(a >> 6) as usize] & (1 << (a & 63)) == 0
            || self.bloom[(b >> 6) as usize] & (1 << (b & 63)) == 0
        {
            return None;
        }
        let fp = ((g >> 32) | 1) << 32;
        let mut s = (h >> 32) as usize & self.mask;
        loop {
            let slot = self.slots[s];
            if slot == 0 {
                return None;
            }
            if slot & 0xFFFF_FFFF_0000_0000 == fp {
                return Some(slot as u32);
            }
            s = (s + 1) & self.mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_makes_papers_alike() {
        assert_eq!(fold('１'), fold('7'));
        assert_eq!(fold('Ａ'), fold('z'));
        assert_eq!(fold('，'), ',' as u32);
        assert_eq!(fold('乔'), '乔' as u32);
    }

    #[test]
    fn bioes_constraints() {
        // 1 B-PER, 2 I-PER, 3 E-PER, 4 S-PER, 5.. place, 9.. organisation.
        assert!(allowed(1, 2));
        assert!(allowed(2, 3));
        assert!(!allowed(0, 2));
        assert!(!allowed(5, 3));
        assert!(!allowed(1, 0));
        assert!(allowed(3, 1));
        assert!(allowed(4, 8));
        assert_eq!(
            spans_of(&[0, 1, 2, 3, 0, 8, 9, 11]),
            vec![
                (EntityKind::Person, 1..4),
                (EntityKind::Place, 5..6),
                (EntityKind::Org, 6..8)
            ]
        );
    }

    #[test]
    fn a_bad_file_is_an_error_not_a_panic() {
        assert!(matches!(
            Model::from_bytes(b"nope"),
            Err(ModelError::Truncated(_))
        ));
        assert!(matches!(
            Model::from_bytes(b"JBENT999...."),
            Err(ModelError::Magic)
        ));
        let model = super::super::model();
        let mut bytes = super::super::MODEL_BYTES.to_vec();
        bytes.truncate(bytes.len() / 2);
        assert!(Model::from_bytes(&bytes).is_err());
        assert!(!model.weights.is_empty());
    }
}
