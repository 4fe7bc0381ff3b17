//! One exported article as plain values ([`ExportRecord`]) and the columns a
//! table export can show ([`ExportField`]).

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::archive::model::{
    ArticleId, Collection, Page, Project, Region, SavedSearch, TagDef, TagId,
};
use crate::archive::session::FoundArticle;

/// One article as every export format sees it: ids resolved to names,
/// the headline on one line, the character count computed.
///
/// Serialised as is, this is a line of the JSON Lines export; its schema
/// is documented in `docs/export.md`, so fields are only ever added. The
/// fields after `characters` are what a restore needs to give back the
/// edition and project files exactly; they are absent from older exports,
/// which restore as before.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExportRecord {
    /// Stable article id, `YYYYMMDD-PP-NN`.
    pub id: ArticleId,
    /// Edition date.
    pub date: NaiveDate,
    /// Page number.
    pub page: u32,
    /// File the page was imported from.
    pub source: Option<String>,
    /// 引题.
    pub kicker: Option<String>,
    /// 主题, wrapped lines joined (a printed line break is layout, not text).
    pub headline: Option<String>,
    /// 副题.
    pub subtitle: Option<String>,
    /// The byline as printed.
    pub byline: Option<String>,
    /// Reporters named in the byline.
    pub reporters: Vec<String>,
    /// Correspondents named in the byline.
    pub correspondents: Vec<String>,
    /// Body paragraphs.
    pub paragraphs: Vec<String>,
    /// Tag names, in the article's order.
    pub tags: Vec<String>,
    /// The archivist's note (empty when none).
    pub note: String,
    /// Characters of the printed text, whitespace not counted.
    pub characters: usize,
    /// 主题 with its printed line breaks (`\n`), when it was printed on more
    /// than one line; `headline` has the lines joined.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline_lines: Option<String>,
    /// The ids of `tags`, in the same order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tag_ids: Vec<TagId>,
    /// Where the article sits in its edition file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placement: Option<Placement>,
    /// Where the article sits on the printed page (from a PDF): rectangles
    /// in PDF points, origin bottom-left.
    #[serde(default, skip_serializing_if = "Region::is_empty")]
    pub region: Region,
    /// The archive's vocabulary and settings, on the first record of an
    /// export only (see [`ArchiveSnapshot`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archive: Option<Box<ArchiveSnapshot>>,
}

/// Where an article sits on its page and what the page says of itself, so
/// a restore rebuilds the page as the edition file has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Placement {
    /// The article's place on its page, from 0.
    pub position: usize,
    /// The text encoding the page was decoded from.
    pub encoding: Option<String>,
    /// The highest sequence number ever given on the page.
    pub last_seq: u32,
    /// Whether the page was corrected by hand.
    pub corrected_by_hand: bool,
    /// The printed page's size in PDF points, when it came from a PDF.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_size: Option<[f32; 2]>,
}

impl Placement {
    /// The placement of the `position`th article of `page`.
    pub fn on(page: &Page, position: usize) -> Self {
        Self {
            position,
            encoding: page.encoding.clone(),
            last_seq: page.last_seq,
            corrected_by_hand: page.corrected_by_hand,
            page_size: page.page_size,
        }
    }
}

/// What `project.ron` holds besides articles — the tag vocabulary with its
/// ids, hierarchy, colours and descriptions, collections, saved searches,
/// user words — carried on the first line of a JSON Lines export so that a
/// restore into a new archive gives back the same project file.
///
/// Named fields rather than the whole [`Project`]: what is added to the
/// project later joins the round trip when it is added here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ArchiveSnapshot {
    /// Name of the newspaper.
    pub paper: String,
    /// The tag vocabulary, as in the project file.
    pub tags: Vec<TagDef>,
    /// The id the next new tag gets.
    pub next_tag_id: u32,
    /// Collections, their members limited to the articles exported.
    pub collections: Vec<Collection>,
    /// The id the next new collection gets.
    pub next_collection_id: u32,
    /// Saved searches.
    pub saved_searches: Vec<SavedSearch>,
    /// Extra words for the search segmenter.
    pub user_words: Vec<String>,
    /// The entity vocabulary: canonical names, aliases, names that are none.
    pub entities: Vec<crate::archive::model::EntityDef>,
    /// The id the next entity of the vocabulary gets.
    pub next_entity_id: u32,
}

impl ArchiveSnapshot {
    /// `project`'s vocabulary and settings, with collections keeping only
    /// the articles `exported` holds (in their order).
    pub fn of(project: &Project, exported: &std::collections::HashSet<&ArticleId>) -> Self {
        Self {
            paper: project.paper.clone(),
            tags: project.tags.clone(),
            next_tag_id: project.next_tag_id,
            collections: project
                .collections
                .iter()
                .map(|c| Collection {
                    articles: c
                        .articles
                        .iter()
                        .filter(|a| exported.contains(a))
                        .cloned()
                        .collect(),
                    ..c.clone()
                })
                .collect(),
            next_collection_id: project.next_collection_id,
            saved_searches: project.saved_searches.clone(),
            user_words: project.user_words.clone(),
            entities: project.entities.clone(),
            next_entity_id: project.next_entity_id,
        }
    }
}

impl ExportRecord {
    /// The record of `found`, with tag ids named from `project`'s vocabulary.
    pub fn new(found: &FoundArticle, project: &Project) -> Self {
        let article = &found.article;
        let headline = article
            .headline
            .as_ref()
            .map(|_| article.headline_one_line());
        let characters = article
            .text_fields()
            .flat_map(str::chars)
            .filter(|c| !c.is_whitespace())
            .count();
        Self {
            id: article.id.clone(),
            date: found.date,
            page: found.page,
            source: found.source.clone(),
            kicker: article.kicker.clone(),
            headline,
            subtitle: article.subtitle.clone(),
            byline: article.byline.clone(),
            reporters: article.reporters.clone(),
            correspondents: article.correspondents.clone(),
            paragraphs: article.paragraphs.clone(),
            tags: article.tags.iter().map(|t| project.tag_name(*t)).collect(),
            note: article.note.clone(),
            characters,
            headline_lines: article.headline.clone().filter(|h| h.contains('\n')),
            tag_ids: article.tags.clone(),
            placement: None,
            region: article.region.clone(),
            archive: None,
        }
    }

    /// The record with its place in the edition file.
    pub fn placed(self, placement: Placement) -> Self {
        Self {
            placement: Some(placement),
            ..self
        }
    }

    /// The headline as printed: `headline_lines` when it is the headline
    /// with line breaks (a script may have changed one and not the other),
    /// else `headline`.
    pub fn printed_headline(&self) -> Option<String> {
        let joined = |lines: &String| lines.split('\n').collect::<String>();
        match (&self.headline_lines, &self.headline) {
            (Some(lines), Some(headline)) if joined(lines) == *headline => Some(lines.clone()),
            _ => self.headline.clone(),
        }
    }

    /// The headline, or `untitled` when the article has none.
    pub fn title<'a>(&'a self, untitled: &'a str) -> &'a str {
        match self.headline.as_deref() {
            Some(h) if !h.trim().is_empty() => h,
            _ => untitled,
        }
    }

    /// The value of `field` as one cell of text: lists joined with `、`,
    /// paragraphs with line breaks.
    pub fn cell(&self, field: ExportField) -> String {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        match field {
            ExportField::Id => self.id.to_string(),
            ExportField::Date => self.date.format("%Y-%m-%d").to_string(),
            ExportField::Page => self.page.to_string(),
            ExportField::Kicker => text(&self.kicker),
            ExportField::Headline => text(&self.headline),
            ExportField::Subtitle => text(&self.subtitle),
            ExportField::Byline => text(&self.byline),
            ExportField::Reporters => self.reporters.join(LIST_SEPARATOR),
            ExportField::Correspondents => self.correspondents.join(LIST_SEPARATOR),
            ExportField::Tags => self.tags.join(LIST_SEPARATOR),
            ExportField::Characters => self.characters.to_string(),
            ExportField::Note => self.note.clone(),
            ExportField::Text => self.paragraphs.join("\n"),
        }
    }
}

/// Joins names in one cell: the Chinese enumeration comma, which never
/// occurs inside a person's name and reads naturally in a newsroom.
pub const LIST_SEPARATOR: &str = "、";

/// A column of a table export, or a part of an article a document shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportField {
    /// Article id.
    Id,
    /// Edition date.
    Date,
    /// Page number.
    Page,
    /// 引题.
    Kicker,
    /// 主题.
    Headline,
    /// 副题.
    Subtitle,
    /// The byline as printed.
    Byline,
    /// Reporters.
    Reporters,
    /// Correspondents.
    Correspondents,
    /// Tag names.
    Tags,
    /// Character count.
    Characters,
    /// The archivist's note.
    Note,
    /// The body text.
    Text,
}

impl ExportField {
    /// Every field, in the default order of a full export.
    pub const ALL: [ExportField; 13] = [
        Self::Id,
        Self::Date,
        Self::Page,
        Self::Kicker,
        Self::Headline,
        Self::Subtitle,
        Self::Byline,
        Self::Reporters,
        Self::Correspondents,
        Self::Tags,
        Self::Characters,
        Self::Note,
        Self::Text,
    ];

    /// The columns of a CSV or XLSX export when the user chose none: a
    /// list to sort and count by, without the (long) body text.
    pub const TABLE_DEFAULT: [ExportField; 10] = [
        Self::Id,
        Self::Date,
        Self::Page,
        Self::Kicker,
        Self::Headline,
        Self::Subtitle,
        Self::Reporters,
        Self::Tags,
        Self::Characters,
        Self::Note,
    ];

    /// The name used in `--fields` and in saved settings.
    pub fn key(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Date => "date",
            Self::Page => "page",
            Self::Kicker => "kicker",
            Self::Headline => "headline",
            Self::Subtitle => "subtitle",
            Self::Byline => "byline",
            Self::Reporters => "reporters",
            Self::Correspondents => "correspondents",
            Self::Tags => "tags",
            Self::Characters => "characters",
            Self::Note => "note",
            Self::Text => "text",
        }
    }

    /// Parses a comma-separated list such as `id,date,headline`.
    pub fn parse_list(list: &str) -> Result<Vec<ExportField>, UnknownField> {
        let mut fields = Vec::new();
        for name in list.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            let field = name.parse()?;
            // A repeated column is a typo, not a wish for two copies.
            if !fields.contains(&field) {
                fields.push(field);
            }
        }
        if fields.is_empty() {
            return Err(UnknownField(list.to_string()));
        }
        Ok(fields)
    }
}

impl fmt::Display for ExportField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// A field name that is not one of [`ExportField::ALL`]'s keys.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not an export field (known: id, date, page, kicker, headline, subtitle, byline, reporters, correspondents, tags, characters, note, text)"
)]
pub struct UnknownField(pub String);

impl FromStr for ExportField {
    type Err = UnknownField;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let key = s.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .ok_or_else(|| UnknownField(s.to_string()))
    }
}

/// Width of `text` in a monospaced grid: CJK and other wide characters
/// take two cells, as they do in Excel's column units.
pub fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F      // Hangul Jamo
        | 0x2E80..=0x303E    // CJK radicals, punctuation
        | 0x3041..=0x33FF    // kana, CJK symbols
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xA000..=0xA4CF    // Yi
        | 0xAC00..=0xD7A3    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFF60    // full-width forms
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD) // CJK extensions B and beyond
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::model::{Article, TagDef, TagId};

    fn found() -> FoundArticle {
        let date = NaiveDate::from_ymd_opt(2024, 6, 28).unwrap();
        FoundArticle {
            date,
            page: 1,
            source: None,
            corrected: false,
            page_size: None,
            previous: None,
            article: Article {
                id: ArticleId::new(date, 1, 2),
                headline: Some("两湖\n创新区".into()),
                reporters: vec!["张可馨".into(), "朱梦琪".into()],
                paragraphs: vec!["第一段 a".into(), "第二段".into()],
                tags: vec![TagId(1), TagId(9)],
                ..Article::default()
            },
        }
    }

    #[test]
    fn record_names_tags_and_counts_characters() {
        let project = Project {
            tags: vec![TagDef {
                id: TagId(1),
                name: "党建".into(),
                ..TagDef::default()
            }],
            ..Project::default()
        };
        let record = ExportRecord::new(&found(), &project);
        assert_eq!(record.headline.as_deref(), Some("两湖创新区"));
        assert_eq!(record.tags, vec!["党建", "#9"]);
        // 两湖创新区 (5) + 第一段a (4) + 第二段 (3); spaces and breaks not counted.
        assert_eq!(record.characters, 12);
        assert_eq!(record.cell(ExportField::Reporters), "张可馨、朱梦琪");
        assert_eq!(record.cell(ExportField::Text), "第一段 a\n第二段");
        assert_eq!(record.cell(ExportField::Date), "2024-06-28");
    }

    #[test]
    fn field_lists_parse_and_reject_unknown_names() {
        assert_eq!(
            ExportField::parse_list("id, Date,headline,id").unwrap(),
            vec![ExportField::Id, ExportField::Date, ExportField::Headline]
        );
        let err = ExportField::parse_list("id,title").unwrap_err();
        assert_eq!(err, UnknownField("title".into()));
        assert!(ExportField::parse_list(" , ").is_err());
        let json = serde_json::to_string(&ExportField::TABLE_DEFAULT[..3]).unwrap();
        assert_eq!(json, r#"["id","date","page"]"#);
        let back: Vec<ExportField> = serde_json::from_str(&json).unwrap();
        assert_eq!(back, ExportField::TABLE_DEFAULT[..3]);
    }

    #[test]
    fn wide_characters_count_twice() {
        assert_eq!(display_width("abc"), 3);
        assert_eq!(display_width("武进日报"), 8);
        assert_eq!(display_width("２０２４年"), 10);
    }
}
