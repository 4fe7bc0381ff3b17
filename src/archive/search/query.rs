//! The query language: parsing a query string into clauses, with clear errors.
//!
//! ```text
//! 苏陕 协作            both words (AND)
//! "苏陕协作 联席会"     a phrase
//! -汉滨                 excludes
//! 苏陕 OR 东西部        either
//! tag:党建  in:选集名 (选集:)  reporter:张可馨 (记者:)  page:3  page:1..4
//! date:2024  date:2024-06  date:2024-06-28  date:2024-06-01..2024-06-30
//! headline:协作 (标题:)  event:2024-06-26 (事件:)
//! person:乔俊杰 (人物:)  place:前黄镇 (地点:)  org:区委组织部 (机构:)
//! ```
//! Full-width forms (`：`, `＂`, `“…”`, `－`) are read like their ASCII twins.

use chrono::{Datelike, NaiveDate};

use super::normalize::{Segment, fold_char, normalize, segments};
use super::{QueryError, SearchError};
use crate::archive::model::EntityKind;

/// Which text a word is looked for in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextScope {
    /// Kicker, headline, subtitle, byline and body.
    All,
    /// The headline only (`headline:` / `标题:`).
    Headline,
}

/// One condition of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Atom {
    /// Text that must occur (as a substring, for Han text).
    Text {
        /// The text as typed.
        raw: String,
        /// Its searchable pieces, normalised.
        segments: Vec<TextSegment>,
        /// Where to look.
        scope: TextScope,
    },
    /// `tag:` — the article carries this tag.
    Tag(String),
    /// `in:` / `选集:` — the article is in this collection.
    Collection(String),
    /// `reporter:` / `记者:` — the article names this reporter.
    Reporter(String),
    /// `page:` — an inclusive page range.
    Page(u32, u32),
    /// `date:` — an inclusive range of `yyyymmdd` keys.
    Date(u64, u64),
    /// `event:` — a day the text speaks of in this inclusive range of
    /// `yyyymmdd` keys (`event:2024-06` is any day of that June).
    Event(u64, u64),
    /// `person:` / `人物:`, `place:` / `地点:`, `org:` / `机构:` — the text
    /// names this entity (by its name or any alias the vocabulary gives it).
    Entity(EntityKind, String),
}

/// A normalised piece of a text atom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextSegment {
    /// A run of Han characters, matched as an exact substring.
    Han(String),
    /// A letter/digit word, matched as a whole word.
    Word(String),
}

impl TextSegment {
    /// The normalised text of the segment.
    pub fn as_str(&self) -> &str {
        match self {
            TextSegment::Han(s) | TextSegment::Word(s) => s,
        }
    }
}

/// Atoms joined by `OR`, possibly negated as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// `-` in front: the clause must not match.
    pub negated: bool,
    /// One or more alternatives (more than one when joined by `OR`).
    pub alternatives: Vec<Atom>,
}

/// A parsed query: every clause must hold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedQuery {
    /// The clauses, ANDed.
    pub clauses: Vec<Clause>,
}

impl ParsedQuery {
    /// The collection a query lists when it is only `in:NAME` (and filters):
    /// its articles are then shown in the collection's order.
    pub fn listed_collection(&self) -> Option<&str> {
        if self.has_text() {
            return None;
        }
        self.clauses
            .iter()
            .find_map(|c| match c.alternatives.as_slice() {
                [Atom::Collection(name)] if !c.negated => Some(name.as_str()),
                _ => None,
            })
    }

    /// Whether any positive clause searches text (so relevance means something).
    pub fn has_text(&self) -> bool {
        self.positive_text().next().is_some()
    }

    /// Segments of the text atoms that must or may match (for highlighting).
    pub fn positive_text(&self) -> impl Iterator<Item = &TextSegment> {
        self.clauses
            .iter()
            .filter(|c| !c.negated)
            .flat_map(|c| c.alternatives.iter())
            .filter_map(|a| match a {
                Atom::Text { segments, .. } => Some(segments.iter()),
                _ => None,
            })
            .flatten()
    }
}

#[derive(Debug)]
enum Lexeme {
    Or,
    Term(Clause),
}

/// Parses a query; an empty query (only whitespace) has no clauses.
pub fn parse(query: &str) -> Result<ParsedQuery, SearchError> {
    let chars: Vec<char> = query.chars().map(fold_query_char).collect();
    let mut lexemes = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let word_end = (i..chars.len())
            .find(|&j| chars[j].is_whitespace())
            .unwrap_or(chars.len());
        let word: String = chars[i..word_end].iter().collect();
        if word == "OR" || word == "|" {
            lexemes.push(Lexeme::Or);
            i = word_end;
            continue;
        }
        let (clause, next) = parse_term(&chars, i)?;
        lexemes.push(Lexeme::Term(clause));
        i = next;
    }
    group(lexemes)
}

/// `“` `”` `＂` are quotes; other full-width ASCII folds to half-width.
fn fold_query_char(c: char) -> char {
    match c {
        '“' | '”' | '＂' => '"',
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => fold_char(c),
        _ => c,
    }
}

fn group(lexemes: Vec<Lexeme>) -> Result<ParsedQuery, SearchError> {
    let mut clauses: Vec<Clause> = Vec::new();
    let mut pending_or = false;
    for lexeme in lexemes {
        match lexeme {
            Lexeme::Or => {
                if pending_or || clauses.is_empty() {
                    return Err(QueryError::OrNeedsWords.into());
                }
                pending_or = true;
            }
            Lexeme::Term(clause) => {
                if pending_or {
                    let Some(last) = clauses.last_mut() else {
                        return Err(QueryError::OrNeedsWords.into());
                    };
                    if last.negated || clause.negated {
                        return Err(QueryError::NegatedOr.into());
                    }
                    last.alternatives.extend(clause.alternatives);
                    pending_or = false;
                } else {
                    clauses.push(clause);
                }
            }
        }
    }
    if pending_or {
        return Err(QueryError::OrNeedsWords.into());
    }
    Ok(ParsedQuery { clauses })
}

/// Parses one term starting at `start`; returns it and the index after it.
fn parse_term(chars: &[char], start: usize) -> Result<(Clause, usize), SearchError> {
    let mut i = start;
    let negated = chars[i] == '-';
    if negated {
        i += 1;
        if i >= chars.len() || chars[i].is_whitespace() {
            return Err(QueryError::LoneMinus.into());
        }
    }
    let mut field = None;
    if let Some(colon) = (i..chars.len())
        .take_while(|&j| !chars[j].is_whitespace() && chars[j] != '"')
        .find(|&j| chars[j] == ':')
    {
        let name: String = chars[i..colon].iter().collect();
        if let Some(known) = Field::from_name(&name) {
            field = Some((known, name));
            i = colon + 1;
        }
    }
    let (value, quoted, next) = if chars.get(i) == Some(&'"') {
        let Some(close) = (i + 1..chars.len()).find(|&j| chars[j] == '"') else {
            let phrase: String = chars[i..].iter().collect();
            return Err(QueryError::UnbalancedQuote { phrase }.into());
        };
        (
            chars[i + 1..close].iter().collect::<String>(),
            true,
            close + 1,
        )
    } else {
        let end = (i..chars.len())
            .find(|&j| chars[j].is_whitespace())
            .unwrap_or(chars.len());
        (chars[i..end].iter().collect::<String>(), false, end)
    };
    let value = value.trim().to_string();
    let atom = match field {
        Some((field, name)) => {
            if value.is_empty() {
                return Err(QueryError::EmptyValue {
                    field: name,
                    example: field.example(),
                }
                .into());
            }
            field.atom(&value)?
        }
        None => {
            if value.is_empty() {
                if quoted {
                    return Err(QueryError::EmptyPhrase.into());
                }
                return Err(QueryError::EmptyWord.into());
            }
            text_atom(&value, TextScope::All)?
        }
    };
    Ok((
        Clause {
            negated,
            alternatives: vec![atom],
        },
        next,
    ))
}

fn text_atom(value: &str, scope: TextScope) -> Result<Atom, SearchError> {
    let segments: Vec<TextSegment> = segments(&normalize(value))
        .into_iter()
        .map(|s| match s {
            Segment::Han(s) => TextSegment::Han(s),
            Segment::Word(s) => TextSegment::Word(s),
        })
        .collect();
    if segments.is_empty() {
        return Err(QueryError::NothingToSearch {
            word: value.to_string(),
        }
        .into());
    }
    Ok(Atom::Text {
        raw: value.to_string(),
        segments,
        scope,
    })
}

#[derive(Debug, Clone, Copy)]
enum Field {
    Tag,
    Collection,
    Reporter,
    Page,
    Date,
    Event,
    Entity(EntityKind),
    Headline,
}

impl Field {
    fn from_name(name: &str) -> Option<Field> {
        Some(match name.to_lowercase().as_str() {
            "tag" | "标签" => Field::Tag,
            "in" | "collection" | "选集" => Field::Collection,
            "reporter" | "记者" => Field::Reporter,
            "page" | "版" | "版面" => Field::Page,
            "date" | "日期" => Field::Date,
            "event" | "事件" | "事件日期" => Field::Event,
            "person" | "人物" | "人名" => Field::Entity(EntityKind::Person),
            "place" | "地点" | "地名" => Field::Entity(EntityKind::Place),
            "org" | "机构" => Field::Entity(EntityKind::Org),
            "headline" | "title" | "标题" => Field::Headline,
            _ => return None,
        })
    }

    fn example(self) -> &'static str {
        match self {
            Field::Tag => "tag:党建",
            Field::Collection => "in:苏陕协作",
            Field::Reporter => "reporter:张可馨",
            Field::Page => "page:3, page:1..4",
            Field::Date => "date:2024-06, date:2024-06-01..2024-06-30",
            Field::Event => "event:2024-06-26, event:2024-06",
            Field::Entity(EntityKind::Person) => "person:乔俊杰",
            Field::Entity(EntityKind::Place) => "place:前黄镇",
            Field::Entity(EntityKind::Org) => "org:区委组织部",
            Field::Headline => "headline:协作",
        }
    }

    fn atom(self, value: &str) -> Result<Atom, SearchError> {
        Ok(match self {
            Field::Tag => Atom::Tag(value.to_string()),
            Field::Collection => Atom::Collection(value.to_string()),
            Field::Reporter => Atom::Reporter(value.to_string()),
            Field::Entity(kind) => Atom::Entity(kind, value.to_string()),
            Field::Page => {
                let (lo, hi) = parse_range(value, "page", parse_page)?;
                let (lo, hi) = (lo.unwrap_or(0), hi.unwrap_or(u32::MAX));
                if lo > hi {
                    return Err(QueryError::Backwards {
                        field: "page",
                        value: value.to_string(),
                    }
                    .into());
                }
                Atom::Page(lo, hi)
            }
            Field::Date => {
                let (lo, hi) = parse_range(value, "date", parse_date)?;
                let lo = lo.map(|(first, _)| first).unwrap_or(0);
                let hi = hi.map(|(_, last)| last).unwrap_or(u64::MAX);
                if lo > hi {
                    return Err(QueryError::Backwards {
                        field: "date",
                        value: value.to_string(),
                    }
                    .into());
                }
                Atom::Date(lo, hi)
            }
            Field::Event => {
                let (lo, hi) = parse_range(value, "event", parse_date)?;
                let lo = lo.map(|(first, _)| first).unwrap_or(0);
                let hi = hi.map(|(_, last)| last).unwrap_or(u64::MAX);
                if lo > hi {
                    return Err(QueryError::Backwards {
                        field: "event",
                        value: value.to_string(),
                    }
                    .into());
                }
                Atom::Event(lo, hi)
            }
            Field::Headline => text_atom(value, TextScope::Headline)?,
        })
    }
}

type Bounds<T> = (Option<T>, Option<T>);

fn parse_range<T: Copy>(
    value: &str,
    what: &'static str,
    one: fn(&str) -> Result<T, SearchError>,
) -> Result<Bounds<T>, SearchError> {
    match value.split_once("..") {
        None => {
            let v = one(value)?;
            Ok((Some(v), Some(v)))
        }
        Some((a, b)) => {
            if a.is_empty() && b.is_empty() {
                return Err(QueryError::OpenRange { field: what }.into());
            }
            let lo = if a.is_empty() { None } else { Some(one(a)?) };
            let hi = if b.is_empty() { None } else { Some(one(b)?) };
            Ok((lo, hi))
        }
    }
}

fn parse_page(value: &str) -> Result<u32, SearchError> {
    value.parse::<u32>().map_err(|_| {
        SearchError::from(QueryError::BadPage {
            value: value.to_string(),
        })
    })
}

/// Parses `2024`, `2024-06`, `2024-06-28` (also with `/` or `.`, or
/// `20240628`) into the first and last `yyyymmdd` key it covers.
fn parse_date(value: &str) -> Result<(u64, u64), SearchError> {
    let bad = || {
        SearchError::from(QueryError::BadDate {
            value: value.to_string(),
        })
    };
    let parts: Vec<&str> = if value.len() == 8 && value.chars().all(|c| c.is_ascii_digit()) {
        vec![&value[..4], &value[4..6], &value[6..]]
    } else {
        value.split(['-', '/', '.']).collect()
    };
    let numbers: Vec<u32> = parts
        .iter()
        .map(|p| p.parse::<u32>().map_err(|_| bad()))
        .collect::<Result<_, _>>()?;
    let year = *numbers.first().ok_or_else(bad)? as i32;
    if !(1000..=9999).contains(&year) {
        return Err(bad());
    }
    let (first, last) = match numbers[1..] {
        [] => (ymd(year, 1, 1), ymd(year, 12, 31)),
        [month] => {
            let first = ymd(year, month, 1);
            let last = first.and_then(|f| {
                let next = if month == 12 {
                    ymd(year + 1, 1, 1)
                } else {
                    ymd(year, month + 1, 1)
                };
                next.and_then(|n| n.pred_opt())
                    .filter(|l| l.month() == f.month())
            });
            (first, last)
        }
        [month, day] => (ymd(year, month, day), ymd(year, month, day)),
        _ => (None, None),
    };
    match (first, last) {
        (Some(first), Some(last)) => Ok((date_key(first), date_key(last))),
        _ => Err(bad()),
    }
}

fn ymd(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The `yyyymmdd` key of a date, as indexed.
pub fn date_key(date: NaiveDate) -> u64 {
    date.year().max(0) as u64 * 10_000 + date.month() as u64 * 100 + date.day() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(query: &str) -> String {
        parse(query).unwrap_err().to_string()
    }

    #[test]
    fn parses_words_phrases_negation_and_or() {
        let q = parse("苏陕 \"协作 工作\" -汉滨 东西部 OR 对口").unwrap();
        assert_eq!(q.clauses.len(), 4);
        assert!(q.clauses[2].negated);
        assert_eq!(q.clauses[3].alternatives.len(), 2);
        let Atom::Text { segments, .. } = &q.clauses[1].alternatives[0] else {
            panic!()
        };
        assert_eq!(segments, &vec![TextSegment::Han("协作工作".into())]);
    }

    #[test]
    fn parses_fields_in_both_languages_and_widths() {
        let q = parse("记者：张可馨 tag:党建 page:3 标题:协作 date:2024-06").unwrap();
        let atoms: Vec<&Atom> = q.clauses.iter().map(|c| &c.alternatives[0]).collect();
        assert_eq!(atoms[0], &Atom::Reporter("张可馨".into()));
        assert_eq!(atoms[1], &Atom::Tag("党建".into()));
        assert_eq!(atoms[2], &Atom::Page(3, 3));
        assert!(matches!(
            atoms[3],
            Atom::Text {
                scope: TextScope::Headline,
                ..
            }
        ));
        assert_eq!(atoms[4], &Atom::Date(20240601, 20240630));
    }

    #[test]
    fn parses_dates_and_ranges() {
        assert_eq!(parse_date("2024").unwrap(), (20240101, 20241231));
        assert_eq!(parse_date("2024-02").unwrap(), (20240201, 20240229));
        assert_eq!(parse_date("2024/6/28").unwrap(), (20240628, 20240628));
        let q = parse("date:2024-06-01..2024-06-30").unwrap();
        assert_eq!(q.clauses[0].alternatives[0], Atom::Date(20240601, 20240630));
        let q = parse("date:..1998").unwrap();
        assert_eq!(q.clauses[0].alternatives[0], Atom::Date(0, 19981231));
    }

    #[test]
    fn malformed_queries_say_what_is_wrong() {
        assert!(err("\"苏陕 协作").contains("unbalanced quote"));
        assert!(err("tag:").contains("empty value for `tag:`"));
        assert!(err("date:2024-13").contains("not a date"));
        assert!(err("date:2024-07..2024-06").contains("ends before it starts"));
        assert!(err("page:x").contains("a page is a number"));
        assert!(err("OR 苏陕").contains("OR"));
        assert!(err("苏陕 OR").contains("OR"));
        assert!(err("- 苏陕").contains("lone `-`"));
        assert!(err("，。").contains("nothing") || err("，。").contains("no characters"));
    }

    #[test]
    fn empty_query_has_no_clauses_and_unknown_fields_are_text() {
        assert!(parse("  ").unwrap().clauses.is_empty());
        let q = parse("http://x").unwrap();
        assert!(matches!(q.clauses[0].alternatives[0], Atom::Text { .. }));
    }
}
