//! The archive's domain types: project, edition, page, article and their ids.
//!
//! These are the persisted types (written as RON by `store`); every one carries
//! `#[serde(default)]` where a field may be missing in older files, so project
//! files written by earlier versions keep loading.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The project-file format version this build writes and the newest it reads.
///
/// Version 2 gave tags stable ids (`TagDef::id`) that articles refer to;
/// version-1 projects are migrated on open (`store::migrate`).
pub const FORMAT_VERSION: u32 = 2;

/// Edition years accepted on every way in (file names, `--date`, ids, JSON
/// Lines records): a year outside is a typo (`0024`, `20240`), not an edition.
pub const EDITION_YEARS: std::ops::RangeInclusive<i32> = 1800..=2200;

/// Page numbers accepted on every way in.
pub const PAGE_NUMBERS: std::ops::RangeInclusive<u32> = 1..=999;

/// The most text one article may hold, in bytes of UTF-8, all its fields
/// and its note together (4 MiB, some 1.4 million Chinese characters; a long
/// feature is 20 KB). Larger input is refused on every way in, so no search
/// or snippet ever works through a pathological article.
pub const MAX_ARTICLE_BYTES: usize = 4 << 20;

/// Project-wide settings and vocabularies, stored in `project.ron`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Project {
    /// Format version of the file; newer than [`FORMAT_VERSION`] is refused.
    pub version: u32,
    /// Name of the newspaper, e.g. `武进日报`.
    pub paper: String,
    /// Tag vocabulary: names, colours, hierarchy.
    pub tags: Vec<TagDef>,
    /// Named sets of articles.
    pub collections: Vec<Collection>,
    /// Queries the user saved under a name.
    pub saved_searches: Vec<SavedSearch>,
    /// Extra words for the search segmenter (local names, places).
    pub user_words: Vec<String>,
    /// The id the next new tag gets; ids of deleted tags are never reused.
    pub next_tag_id: u32,
    /// The id the next new collection gets.
    pub next_collection_id: u32,
    /// What people said about the people, places and organisations the
    /// texts name: canonical names, aliases, names that are not entities.
    /// What extraction finds is derived (the index); this is not.
    pub entities: Vec<EntityDef>,
    /// The id the next entity of the vocabulary gets; never reused.
    pub next_entity_id: u32,
}

impl Default for Project {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            paper: String::new(),
            tags: Vec::new(),
            collections: Vec::new(),
            saved_searches: Vec::new(),
            user_words: Vec::new(),
            next_tag_id: 1,
            next_collection_id: 1,
            entities: Vec::new(),
            next_entity_id: 1,
        }
    }
}

impl Project {
    /// The tag with this id.
    pub fn tag(&self, id: TagId) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.id == id)
    }

    /// The tag with this name (names are unique).
    pub fn tag_named(&self, name: &str) -> Option<&TagDef> {
        self.tags.iter().find(|t| t.name == name)
    }

    /// The name of tag `id`, or `#id` for an id the vocabulary lacks.
    pub fn tag_name(&self, id: TagId) -> String {
        self.tag(id)
            .map_or_else(|| format!("#{}", id.0), |t| t.name.clone())
    }

    /// `id` and every tag nested under it, at any depth.
    pub fn tag_and_descendants(&self, id: TagId) -> Vec<TagId> {
        tag_and_descendants(&self.tags, id)
    }

    /// The collection with this id.
    pub fn collection(&self, id: CollectionId) -> Option<&Collection> {
        self.collections.iter().find(|c| c.id == id)
    }

    /// The collection with this name.
    pub fn collection_named(&self, name: &str) -> Option<&Collection> {
        self.collections.iter().find(|c| c.name == name)
    }

    /// The saved search with this name.
    pub fn saved_search(&self, name: &str) -> Option<&SavedSearch> {
        self.saved_searches.iter().find(|s| s.name == name)
    }

    /// The entity of the vocabulary with this id.
    pub fn entity(&self, id: EntityId) -> Option<&EntityDef> {
        self.entities.iter().find(|e| e.id == id)
    }

    /// The entity of the vocabulary that a name of this kind stands for
    /// (its canonical name or one of its aliases).
    pub fn entity_covering(&self, kind: EntityKind, name: &str) -> Option<&EntityDef> {
        self.entities
            .iter()
            .find(|e| e.kind == kind && e.covers(name))
    }
}

/// `id` and every tag of `tags` nested under it, at any depth.
pub fn tag_and_descendants(tags: &[TagDef], id: TagId) -> Vec<TagId> {
    let mut found = vec![id];
    let mut at = 0;
    while at < found.len() {
        let parent = found[at];
        for tag in tags {
            if tag.parent == Some(parent) && !found.contains(&tag.id) {
                found.push(tag.id);
            }
        }
        at += 1;
    }
    found
}

/// A tag's stable id: articles refer to tags by id, so renaming or
/// recolouring a tag rewrites `project.ron` only.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct TagId(pub u32);

impl fmt::Display for TagId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// One entry of the tag vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct TagDef {
    /// Stable id, referred to by articles.
    pub id: TagId,
    /// The tag as shown and searched (`tag:党建`); unique in the project.
    pub name: String,
    /// Display colour as `#rrggbb`, if the user chose one.
    pub colour: Option<String>,
    /// The tag this one is nested under.
    pub parent: Option<TagId>,
    /// What the tag is for, for the people who apply it.
    pub description: Option<String>,
}

/// A named, ordered set of articles (选集).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Collection {
    /// Stable id.
    pub id: CollectionId,
    /// Name shown in the side panel and used by `in:NAME`; unique.
    pub name: String,
    /// Members, in the user's order.
    pub articles: Vec<ArticleId>,
}

/// A collection's stable id.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct CollectionId(pub u32);

/// What an entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person (人物): 乔俊杰.
    Person,
    /// A place (地点): 前黄镇, 陕西省.
    Place,
    /// An organisation (机构): 区委组织部, 新华社.
    Org,
}

impl EntityKind {
    /// Every kind, in the order the index lists them.
    pub const ALL: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

    /// The name the CLI, JSON and the query language use: `person`, `place`, `org`.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
        }
    }

    /// The kind named `person`/`人物`, `place`/`地点`, `org`/`机构`.
    pub fn from_name(name: &str) -> Option<EntityKind> {
        Some(match name.to_lowercase().as_str() {
            "person" | "people" | "人物" | "人名" => EntityKind::Person,
            "place" | "places" | "地点" | "地名" => EntityKind::Place,
            "org" | "organisation" | "organization" | "机构" => EntityKind::Org,
            _ => return None,
        })
    }
}

/// An entity's stable id in the vocabulary.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct EntityId(pub u32);

/// One entry of the entity vocabulary: a person's word about a name the
/// texts print. Extraction finds names; an entry says which of them are one
/// entity (乔书记 = 乔俊杰), what it is called, or that it is no entity at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityDef {
    /// Stable id.
    pub id: EntityId,
    /// Person, place or organisation.
    pub kind: EntityKind,
    /// The name shown and searched (`person:乔俊杰`).
    pub name: String,
    /// Other names the texts print for it; searching any finds them all.
    pub aliases: Vec<String>,
    /// Who or what it is, for the people who read the index.
    pub description: Option<String>,
    /// Extraction took these names for an entity wrongly: they stay out
    /// of the index and of `person:` searches, however often re-extracted.
    pub not_entity: bool,
}

impl Default for EntityDef {
    fn default() -> Self {
        Self {
            id: EntityId(0),
            kind: EntityKind::Person,
            name: String::new(),
            aliases: Vec::new(),
            description: None,
            not_entity: false,
        }
    }
}

impl EntityDef {
    /// Whether `name` is this entity's name or one of its aliases.
    pub fn covers(&self, name: &str) -> bool {
        self.name == name || self.aliases.iter().any(|a| a == name)
    }

    /// Its name and its aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// A query kept under a name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SavedSearch {
    /// Name shown in the side panel.
    pub name: String,
    /// The query text, in the search query language.
    pub query: String,
}

/// One day's issue of the paper: its pages and their articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Edition {
    /// Format version of the file.
    pub version: u32,
    /// Publication date.
    pub date: NaiveDate,
    /// Pages, sorted by number.
    pub pages: Vec<Page>,
}

impl Default for Edition {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            date: NaiveDate::default(),
            pages: Vec::new(),
        }
    }
}

impl Edition {
    /// An empty edition for `date`.
    pub fn new(date: NaiveDate) -> Self {
        Self {
            date,
            ..Self::default()
        }
    }

    /// The page numbered `number`, if the edition has it.
    pub fn page(&self, number: u32) -> Option<&Page> {
        self.pages.iter().find(|p| p.number == number)
    }

    /// All articles of the edition, page by page, with their page number.
    pub fn articles(&self) -> impl Iterator<Item = (u32, &Article)> {
        self.pages
            .iter()
            .flat_map(|p| p.articles.iter().map(move |a| (p.number, a)))
    }

    /// Number of articles over all pages.
    pub fn article_count(&self) -> usize {
        self.pages.iter().map(|p| p.articles.len()).sum()
    }
}

/// One printed page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Page {
    /// Page number within the edition, from 1.
    pub number: u32,
    /// File name the page was imported from.
    pub source: Option<String>,
    /// Text encoding the source was decoded from (`UTF-8`, `GB18030`, …).
    pub encoding: Option<String>,
    /// Articles in reading order.
    pub articles: Vec<Article>,
    /// Highest article sequence number ever given on this page, so an id of a
    /// removed article is never handed to another.
    pub last_seq: u32,
    /// Articles were split, merged or had their fields edited by hand: a
    /// re-import of the page keeps it as it is unless asked to replace it.
    pub corrected_by_hand: bool,
    /// Width and height in PDF points, when the page was imported from a PDF.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<[f32; 2]>,
}

/// One article with its editorial state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Article {
    /// Stable id, unique in the project.
    pub id: ArticleId,
    /// 引题: the line above the headline.
    pub kicker: Option<String>,
    /// 主题: the headline; lines of a wrapped title joined with `\n`.
    pub headline: Option<String>,
    /// 副题: the line below the headline, often starting with `——`.
    pub subtitle: Option<String>,
    /// The byline as printed, e.g. `本报讯（记者 张可馨）`.
    pub byline: Option<String>,
    /// Reporters (记者) named in the byline.
    pub reporters: Vec<String>,
    /// Correspondents (通讯员) named in the byline.
    pub correspondents: Vec<String>,
    /// Body paragraphs, repaired where extraction broke them.
    pub paragraphs: Vec<String>,
    /// Ids of tags from the project's vocabulary.
    pub tags: Vec<TagId>,
    /// The archivist's note.
    pub note: String,
    /// Where the article is printed: rectangles `[x0, y0, x1, y1]` in PDF
    /// points, origin bottom-left (empty when it came from text).
    #[serde(default, skip_serializing_if = "Region::is_empty")]
    pub region: Region,
}

/// An article's place on its printed page: rectangles `[x0, y0, x1, y1]` in
/// PDF points, origin bottom-left. Serialised as the bare list.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Region(pub Vec<[f32; 4]>);

// Coordinates are finite numbers (the PDF front end rounds them), so
// equality is an equivalence and `Article` stays `Eq`.
impl Eq for Region {}

impl Region {
    /// Whether the article has no region (it came from text).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Cuts the region in two where `tail` of its area (0–1) is left at its
    /// end: text flows down each rectangle in turn, so the tail is the last
    /// rectangles and the bottom of the one where the cut falls. A split of
    /// an article at a paragraph cuts at the share of its text that follows
    /// (no finer positions are kept).
    pub fn split_tail(&self, tail: f32) -> (Region, Region) {
        let area = |r: &[f32; 4]| (r[2] - r[0]).max(0.0) * (r[3] - r[1]).max(0.0);
        let mut left = self.0.iter().map(area).sum::<f32>() * tail.clamp(0.0, 1.0);
        let mut head = self.0.clone();
        let mut rest = Vec::new();
        while let Some(r) = head.pop() {
            let a = area(&r);
            if a <= left + 0.5 {
                left -= a;
                rest.push(r);
                continue;
            }
            let width = (r[2] - r[0]).max(f32::EPSILON);
            // Whole points, as the PDF front end rounds them.
            let cut = (r[1] + left / width).round().clamp(r[1], r[3]);
            if cut > r[1] {
                rest.push([r[0], r[1], r[2], cut]);
            }
            if cut < r[3] {
                head.push([r[0], cut, r[2], r[3]]);
            }
            break;
        }
        rest.reverse();
        (Region(head), Region(rest))
    }
}

impl Article {
    /// The headline on one line (wrapped lines joined without a break).
    pub fn headline_one_line(&self) -> String {
        self.headline
            .as_deref()
            .unwrap_or_default()
            .split('\n')
            .collect::<Vec<_>>()
            .join("")
    }

    /// The article's printed text: every field, in the order printed.
    pub fn text_fields(&self) -> impl Iterator<Item = &str> {
        self.kicker
            .iter()
            .chain(self.headline.iter())
            .chain(self.subtitle.iter())
            .chain(self.byline.iter())
            .map(String::as_str)
            .chain(self.paragraphs.iter().map(String::as_str))
    }

    /// The body as one text: paragraphs separated by blank lines.
    pub fn body(&self) -> String {
        self.paragraphs.join("\n\n")
    }

    /// The article's size as [`MAX_ARTICLE_BYTES`] counts it: the bytes of
    /// its text fields, names and note.
    pub fn size_bytes(&self) -> usize {
        self.text_fields().map(str::len).sum::<usize>()
            + self
                .reporters
                .iter()
                .chain(&self.correspondents)
                .map(String::len)
                .sum::<usize>()
            + self.note.len()
    }

    /// Whether the printed text (not tags or notes) equals `other`'s.
    pub fn same_text(&self, other: &Article) -> bool {
        self.text_fields().eq(other.text_fields())
    }
}

/// A stable article id: `YYYYMMDD-PP-NN` (date, page, sequence on the page).
///
/// The sequence is assigned at first import and kept when the page is
/// re-imported, so ids in collections and notes stay valid.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id of the `seq`th article (from 1) on `page` of `date`.
    pub fn new(date: NaiveDate, page: u32, seq: u32) -> Self {
        Self(format!("{}-{page:02}-{seq:02}", date.format("%Y%m%d")))
    }

    /// The edition date encoded in the id, if it is well formed.
    pub fn date(&self) -> Option<NaiveDate> {
        let digits = self.0.get(..8)?;
        NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
    }

    /// The page number encoded in the id, if it is well formed.
    pub fn page(&self) -> Option<u32> {
        self.structured_key()
            .map(|key| (key / 1_000_000 % 1000) as u32)
    }

    /// Whether the id is `YYYYMMDD-PP-NN` with a date in [`EDITION_YEARS`]
    /// and a page in [`PAGE_NUMBERS`]: what every way in (the command line,
    /// a JSON Lines restore) accepts. Ids read back from the archive's own
    /// files are not checked, so an odd one there still loads.
    pub fn is_valid(&self) -> bool {
        use chrono::Datelike;
        self.structured_key().is_some()
            && self
                .date()
                .is_some_and(|d| EDITION_YEARS.contains(&d.year()))
            && self.page().is_some_and(|p| PAGE_NUMBERS.contains(&p))
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A number that identifies the article in the search index:
    /// `yyyymmdd * 10^9 + page * 10^6 + seq` for well-formed ids (so one
    /// edition's keys form a range, see [`ArticleId::date_key_range`]), and
    /// a hash above every such key for anything else.
    pub fn key(&self) -> u64 {
        self.structured_key().unwrap_or_else(|| {
            // FNV-1a: stable across runs and builds, unlike std's hasher.
            let hash = self.0.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
            HASHED_KEYS_FROM + hash % HASHED_KEYS_FROM
        })
    }

    fn structured_key(&self) -> Option<u64> {
        let mut parts = self.0.split('-');
        let date = parts.next().filter(|d| d.len() == 8)?.parse::<u64>().ok()?;
        let page = parts.next()?.parse::<u64>().ok().filter(|p| *p < 1000)?;
        let seq = parts
            .next()?
            .parse::<u64>()
            .ok()
            .filter(|s| *s < 1_000_000)?;
        (parts.next().is_none() && self.date().is_some())
            .then_some(date * 1_000_000_000 + page * 1_000_000 + seq)
    }

    /// The range of [`ArticleId::key`]s of the articles of one edition.
    pub fn date_key_range(date: NaiveDate) -> std::ops::Range<u64> {
        let day = u64::from(
            date.format("%Y%m%d")
                .to_string()
                .parse::<u32>()
                .unwrap_or(0),
        );
        day * 1_000_000_000..(day + 1) * 1_000_000_000
    }
}

/// Keys of ids that are not `YYYYMMDD-PP-NN` start here.
const HASHED_KEYS_FROM: u64 = 1_000_000_000_000_000_000;

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for ArticleId {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id = Self(s.trim().to_string());
        if id.is_valid() {
            Ok(id)
        } else {
            Err(format!(
                "`{s}` is not an article id (expected YYYYMMDD-PP-NN with a year in {}–{}, e.g. 20240628-01-02)",
                EDITION_YEARS.start(),
                EDITION_YEARS.end()
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_region_split_keeps_its_area_and_cuts_the_last_column() {
        // Two columns of 100×200 points.
        let region = Region(vec![[0.0, 0.0, 100.0, 200.0], [110.0, 0.0, 210.0, 200.0]]);
        // A quarter at the end: the bottom half of the second column.
        let (head, tail) = region.split_tail(0.25);
        assert_eq!(
            head.0,
            vec![[0.0, 0.0, 100.0, 200.0], [110.0, 100.0, 210.0, 200.0]]
        );
        assert_eq!(tail.0, vec![[110.0, 0.0, 210.0, 100.0]]);
        // Over half: the whole second column and the bottom of the first.
        let (head, tail) = region.split_tail(0.75);
        assert_eq!(head.0, vec![[0.0, 100.0, 100.0, 200.0]]);
        assert_eq!(
            tail.0,
            vec![[0.0, 0.0, 100.0, 100.0], [110.0, 0.0, 210.0, 200.0]]
        );
        // An article from text stays without a region.
        let (head, tail) = Region::default().split_tail(0.5);
        assert!(head.is_empty() && tail.is_empty());
    }

    #[test]
    fn id_round_trips_its_date() {
        let date = NaiveDate::from_ymd_opt(2024, 6, 28).unwrap();
        let id = ArticleId::new(date, 1, 3);
        assert_eq!(id.as_str(), "20240628-01-03");
        assert_eq!(id.date(), Some(date));
        assert!("junk".parse::<ArticleId>().is_err());
        assert_eq!(id.page(), Some(1));
    }

    #[test]
    fn only_well_formed_ids_in_the_edition_years_are_valid() {
        for good in ["20240628-01-03", "18000101-999-1", "22001231-01-123456"] {
            assert!(ArticleId(good.into()).is_valid(), "{good}");
            assert!(good.parse::<ArticleId>().is_ok(), "{good}");
        }
        for bad in [
            "X-1",
            "20240628",
            "20240628-01",
            "20240628-x-01",
            "20240628-00-01",
            "20240628-01-01-01",
            "20241328-01-01",
            "00010101-01-01",
            "99991231-01-01",
            "17991231-01-01",
        ] {
            assert!(!ArticleId(bad.into()).is_valid(), "{bad}");
            assert!(bad.parse::<ArticleId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn keys_of_one_edition_form_a_range() {
        let date = NaiveDate::from_ymd_opt(2024, 6, 28).unwrap();
        let id = ArticleId::new(date, 3, 12);
        assert_eq!(id.key(), 20_240_628_003_000_012);
        assert!(ArticleId::date_key_range(date).contains(&id.key()));
        let odd = ArticleId("20240628-x".into());
        assert!(!ArticleId::date_key_range(date).contains(&odd.key()));
        assert_eq!(odd.key(), ArticleId("20240628-x".into()).key());
    }

    #[test]
    fn descendants_follow_parents() {
        let tag = |id, parent: Option<u32>| TagDef {
            id: TagId(id),
            name: format!("t{id}"),
            parent: parent.map(TagId),
            ..TagDef::default()
        };
        let project = Project {
            tags: vec![tag(1, None), tag(2, Some(1)), tag(3, Some(2)), tag(4, None)],
            ..Project::default()
        };
        assert_eq!(
            project.tag_and_descendants(TagId(1)),
            vec![TagId(1), TagId(2), TagId(3)]
        );
        assert_eq!(project.tag_and_descendants(TagId(4)), vec![TagId(4)]);
    }
}
