//! An article's entities and event dates as the CLI prints them
//! (`parse --json`, `show --json`): the text they were found in, each entity
//! once with all its mentions, and the dates resolved against the edition.
//!
//! The text is the article's printed fields without the byline (reporters
//! are their own kind, from the byline): kicker, headline, subtitle and
//! paragraphs, one per line. Offsets are in characters of that text, which
//! the output carries, so a reader of the JSON can cut the names out of it.

use chrono::NaiveDate;
use serde::Serialize;

use super::{DatePrecision, EntityKind, Mention};
use crate::archive::model::Article;

/// What extraction found in one article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ArticleEntities {
    /// The text the offsets count in.
    pub text: String,
    /// Each entity once (by kind and name), in the order first mentioned.
    pub entities: Vec<EntityMentions>,
    /// The dates the article speaks of, in text order.
    pub event_dates: Vec<EventDateOutput>,
}

/// One entity of an article and where it is mentioned.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntityMentions {
    /// `person`, `place` or `org`.
    pub kind: EntityKind,
    /// The name as printed.
    pub name: String,
    /// Titles printed with a person (`副区长`), each once.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<String>,
    /// `[start, end)` character offsets of each mention in the text.
    pub mentions: Vec<[usize; 2]>,
}

/// A date the article speaks of.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventDateOutput {
    /// The words as printed (`昨天下午`).
    pub text: String,
    /// `[start, end)` character offsets in the text.
    pub span: [usize; 2],
    /// First day meant (`None` when the text leaves it open: 日前).
    pub first: Option<NaiveDate>,
    /// Last day meant, inclusive.
    pub last: Option<NaiveDate>,
    /// `day`, `week`, `month`, `year` or `vague`.
    pub precision: &'static str,
}

/// The text extraction reads in an article: kicker, headline, subtitle and
/// paragraphs, one per line (the byline's reporters are their own kind).
/// The one definition of it, for the CLI's offsets, the index's event
/// dates and the reader's names alike.
pub fn extraction_text(article: &Article) -> String {
    [&article.kicker, &article.headline, &article.subtitle]
        .into_iter()
        .flatten()
        .chain(&article.paragraphs)
        .map(String::as_str)
        .filter(|f| !f.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

fn precision_name(precision: DatePrecision) -> &'static str {
    match precision {
        DatePrecision::Day => "day",
        DatePrecision::Week => "week",
        DatePrecision::Month => "month",
        DatePrecision::Year => "year",
        DatePrecision::Vague => "vague",
    }
}

impl ArticleEntities {
    /// Extracts from `article`'s [`extraction_text`]. Event dates need the
    /// edition's date; without one (a page file with no date) there are none.
    pub fn of(article: &Article, edition: Option<NaiveDate>) -> ArticleEntities {
        let text = extraction_text(article);
        let entities = group(super::extract(&text));
        let event_dates = edition
            .map(|date| super::dates::resolve(&text, date))
            .unwrap_or_default()
            .into_iter()
            .map(|d| EventDateOutput {
                span: [d.chars.start, d.chars.end],
                first: d.days.map(|(first, _)| first),
                last: d.days.map(|(_, last)| last),
                precision: precision_name(d.precision),
                text: d.text,
            })
            .collect();
        ArticleEntities {
            text,
            entities,
            event_dates,
        }
    }
}

/// Mentions grouped by kind and name, in the order of first mention.
pub fn group(mentions: Vec<Mention>) -> Vec<EntityMentions> {
    let mut out: Vec<EntityMentions> = Vec::new();
    let mut index: std::collections::HashMap<(EntityKind, String), usize> = Default::default();
    for mention in mentions {
        let key = (mention.kind, mention.name.clone());
        let at = *index.entry(key).or_insert_with(|| {
            out.push(EntityMentions {
                kind: mention.kind,
                name: mention.name.clone(),
                titles: Vec::new(),
                mentions: Vec::new(),
            });
            out.len() - 1
        });
        let entity = &mut out[at];
        entity
            .mentions
            .push([mention.chars.start, mention.chars.end]);
        if let Some(title) = mention.title
            && !entity.titles.contains(&title)
        {
            entity.titles.push(title);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    #[test]
    fn mentions_are_grouped_and_their_offsets_cut_the_name_out_of_the_text() {
        let article = Article {
            headline: Some("乔俊杰督查突出环境问题整改".into()),
            paragraphs: vec![
                "昨天下午，区委书记乔俊杰来到前黄镇督查。乔俊杰指出，要抓实整改。".into(),
            ],
            byline: Some("本报讯（记者 黄雅婷）".into()),
            ..Article::default()
        };
        let found = ArticleEntities::of(&article, Some(date("2024-06-28")));
        assert!(!found.text.contains("黄雅婷"), "the byline is not read");
        let chars: Vec<char> = found.text.chars().collect();
        let person = found
            .entities
            .iter()
            .find(|e| e.kind == EntityKind::Person && e.name == "乔俊杰")
            .expect("乔俊杰 found");
        assert_eq!(person.mentions.len(), 3, "{person:?}");
        for [start, end] in &person.mentions {
            let cut: String = chars[*start..*end].iter().collect();
            assert_eq!(cut, "乔俊杰");
        }
        assert!(
            person.titles.contains(&"区委书记".to_string()),
            "{person:?}"
        );
        let yesterday = &found.event_dates[0];
        assert_eq!(yesterday.text, "昨天下午");
        assert_eq!(yesterday.first, Some(date("2024-06-27")));
        assert_eq!(yesterday.precision, "day");
        let cut: String = chars[yesterday.span[0]..yesterday.span[1]].iter().collect();
        assert_eq!(cut, "昨天下午");
    }

    #[test]
    fn without_an_edition_date_there_are_no_event_dates() {
        let article = Article {
            paragraphs: vec!["昨天，乔俊杰来到前黄镇。".into()],
            ..Article::default()
        };
        let found = ArticleEntities::of(&article, None);
        assert!(found.event_dates.is_empty());
        assert!(!found.text.is_empty());
    }
}
