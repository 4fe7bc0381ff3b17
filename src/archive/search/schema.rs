//! The index schema and how an article becomes a tantivy document.

use chrono::{Datelike, NaiveDate};
use tantivy::TantivyDocument;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use super::query::date_key;
use super::tokenizer::{BIGRAM, ENTITIES, WORDS};
use crate::archive::model::{Article, EntityKind};

/// Bump when the schema or tokenization changes: older indexes are rebuilt.
///
/// 3: tags left the documents (they live in the index's tag map, so tagging
/// re-indexes no text); `id_key` added for tag filters and facets.
/// 4: zero-width and format characters are folded away; the index moved
/// into generation folders (`index/gen-…/`, named by `index/CURRENT`).
/// 5: the unigram fields are gone (a Han run's last character is its own
/// term in `grams`, and one character is the range of terms starting with
/// it); one-character words no longer rank.
/// 6: `event_day`, the days an article's text speaks of (`event:`).
/// 7: `entity`, the people, places and organisations extraction finds
/// (`person:`, the index of names); their names are segmenter words.
pub const SCHEMA_VERSION: u32 = 7;

/// Handles of every field of the schema.
#[derive(Debug, Clone)]
pub struct Fields {
    /// Article id (`20240628-01-02`), exact, fast (listing every match).
    pub id: Field,
    /// [`crate::archive::ArticleId::key`], indexed and fast: tag filters
    /// and tag facets join the tag map on it.
    pub id_key: Field,
    /// `yyyymmdd`, indexed for `date:` and edition deletes, fast, stored.
    pub date_key: Field,
    /// `year * 12 + month - 1`, fast, for the year and month facets.
    pub month_key: Field,
    /// Page number, indexed, fast, stored.
    pub page: Field,
    /// Reading order (`yyyymmdd`, page, sequence), fast, for oldest-first sorting.
    pub order: Field,
    /// Newest edition first, each edition in reading order, fast.
    pub order_newest: Field,
    /// Reporter names, exact, fast (facets), stored.
    pub reporter: Field,
    /// `yyyymmdd` of every day the text's event dates cover (昨天, 6月26日—27日,
    /// 本月; not whole years, not vague ones), indexed for `event:`.
    pub event_day: Field,
    /// One term per mention of a person, place or organisation the text
    /// names ([`entity_term`]), found by the entity tokenizer from the
    /// article's extraction text; with frequencies (mentions).
    pub entity: Field,
    /// Stored only: kicker, headline, and byline + body for snippets.
    pub kicker: Field,
    /// Stored only: the headline as printed (lines joined with `\n`).
    pub headline: Field,
    /// Stored only: byline and paragraphs, joined with `\n`.
    pub body: Field,
    /// Han bigrams and run ends, and alphanumeric words (with positions),
    /// of all printed text.
    pub grams: Field,
    /// jieba words of all printed text (ranking).
    pub words: Field,
    /// Han bigrams, run ends and words of the headline.
    pub headline_grams: Field,
    /// jieba words of the headline (ranking boost).
    pub headline_words: Field,
}

fn text(tokenizer: &str, option: IndexRecordOption) -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(tokenizer)
            .set_index_option(option),
    )
}

/// Builds the schema and its field handles.
pub fn build_schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let positions = IndexRecordOption::WithFreqsAndPositions;
    let freqs = IndexRecordOption::WithFreqs;
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED | FAST),
        id_key: b.add_u64_field(ID_KEY, INDEXED | FAST),
        date_key: b.add_u64_field("date_key", INDEXED | FAST | STORED),
        month_key: b.add_u64_field("month_key", FAST),
        page: b.add_u64_field("page", INDEXED | FAST | STORED),
        order: b.add_u64_field(ORDER_OLDEST, FAST),
        order_newest: b.add_u64_field(ORDER_NEWEST, FAST),
        reporter: b.add_text_field("reporter", STRING | FAST | STORED),
        event_day: b.add_u64_field("event_day", INDEXED),
        // Before `words`: the names it finds become segmenter words first.
        entity: b.add_text_field("entity", text(ENTITIES, freqs)),
        kicker: b.add_text_field("kicker", STORED),
        headline: b.add_text_field("headline", STORED),
        body: b.add_text_field("body", STORED),
        grams: b.add_text_field("grams", text(BIGRAM, positions)),
        words: b.add_text_field("words", text(WORDS, freqs)),
        headline_grams: b.add_text_field("headline_grams", text(BIGRAM, positions)),
        headline_words: b.add_text_field("headline_words", text(WORDS, freqs)),
    };
    (b.build(), fields)
}

/// The `entity` term of a name of a kind: `person/乔俊杰`.
pub fn entity_term(kind: EntityKind, name: &str) -> String {
    format!("{}/{name}", kind.name())
}

/// Fast field of [`crate::archive::ArticleId::key`].
pub const ID_KEY: &str = "id_key";
/// Fast field sorting oldest edition first, in reading order within each.
pub const ORDER_OLDEST: &str = "order";
/// Fast field sorting newest edition first, in reading order within each.
pub const ORDER_NEWEST: &str = "order_newest";

/// Where an article stands on its day: page, then place on the page.
fn reading_order(page: u32, seq: usize) -> u64 {
    u64::from(page.min(999)) * 1000 + (seq as u64).min(999)
}

/// The ascending sort key for oldest first: date, page, place on the page.
pub fn order_key(date: NaiveDate, page: u32, seq: usize) -> u64 {
    date_key(date) * 1_000_000 + reading_order(page, seq)
}

/// The ascending sort key for newest first: a later date sorts earlier, but
/// a day's articles keep their reading order (page 1's lead story first).
pub fn newest_order_key(date: NaiveDate, page: u32, seq: usize) -> u64 {
    (99_999_999 - date_key(date).min(99_999_999)) * 1_000_000 + reading_order(page, seq)
}

/// The tantivy document of one article; `seq` is its place on the page.
pub fn article_document(
    fields: &Fields,
    date: NaiveDate,
    page: u32,
    seq: usize,
    article: &Article,
) -> TantivyDocument {
    let mut doc = TantivyDocument::default();
    doc.add_text(fields.id, article.id.as_str());
    doc.add_u64(fields.id_key, article.id.key());
    doc.add_u64(fields.date_key, date_key(date));
    doc.add_u64(
        fields.month_key,
        date.year().max(0) as u64 * 12 + u64::from(date.month0()),
    );
    doc.add_u64(fields.page, u64::from(page));
    doc.add_u64(fields.order, order_key(date, page, seq));
    doc.add_u64(fields.order_newest, newest_order_key(date, page, seq));
    for reporter in &article.reporters {
        doc.add_text(fields.reporter, reporter);
    }
    if let Some(kicker) = &article.kicker {
        doc.add_text(fields.kicker, kicker);
    }
    if let Some(headline) = &article.headline {
        doc.add_text(fields.headline, headline);
        doc.add_text(fields.headline_grams, headline);
        doc.add_text(fields.headline_words, headline);
    }
    let extraction = crate::archive::entities::article::extraction_text(article);
    for day in event_days(date, &extraction) {
        doc.add_u64(fields.event_day, date_key(day));
    }
    if !extraction.is_empty() {
        doc.add_text(fields.entity, extraction);
    }
    let texts = article_texts(article);
    doc.add_text(fields.body, texts.body());
    for value in texts.values() {
        doc.add_text(fields.grams, value);
        doc.add_text(fields.words, value);
    }
    doc
}

/// Longest event date indexed day by day (a quarter: 3月至5月); a year or
/// more (今年, 2024年) says when, not on which days, and is left out.
const MAX_EVENT_DAYS: i64 = 92;

/// The days the article's text speaks of, resolved against its edition
/// (`entities::dates`), each once, in order.
pub fn event_days(edition: NaiveDate, text: &str) -> Vec<NaiveDate> {
    use crate::archive::entities::{DatePrecision, dates};
    let mut days: Vec<NaiveDate> = dates::resolve(text, edition)
        .into_iter()
        .filter(|d| d.precision != DatePrecision::Year)
        .filter_map(|d| d.days)
        .filter(|(first, last)| (*last - *first).num_days() < MAX_EVENT_DAYS)
        .flat_map(|(first, last)| first.iter_days().take_while(move |d| *d <= last))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// The searchable text of an article, as the index sees it.
///
/// Kicker, headline and subtitle are separate values (no match spans two of
/// them); byline and paragraphs are one value joined with line breaks, so a
/// word the extraction broke across paragraphs is still found (line breaks
/// between Han characters are ignored by normalisation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleTexts<'a> {
    titles: Vec<&'a str>,
    body: String,
}

impl ArticleTexts<'_> {
    /// Byline and paragraphs joined with `\n`.
    pub fn body(&self) -> &str {
        &self.body
    }

    /// Every value indexed: titles, then the body.
    pub fn values(&self) -> impl Iterator<Item = &str> {
        self.titles
            .iter()
            .copied()
            .chain(std::iter::once(self.body.as_str()))
    }
}

/// See [`ArticleTexts`].
pub fn article_texts(article: &Article) -> ArticleTexts<'_> {
    let titles = [&article.kicker, &article.headline, &article.subtitle]
        .into_iter()
        .filter_map(|t| t.as_deref())
        .collect();
    let body: Vec<&str> = article
        .byline
        .iter()
        .map(String::as_str)
        .chain(article.paragraphs.iter().map(String::as_str))
        .collect();
    ArticleTexts {
        titles,
        body: body.join("\n"),
    }
}
