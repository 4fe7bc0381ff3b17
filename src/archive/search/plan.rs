//! Turning a parsed query into a tantivy query.
//!
//! A text atom must match exactly (Han bigram phrases, bigrams, the range of
//! terms starting with one character, whole words), and its words add BM25
//! score, headline words weighted [`HEADLINE_BOOST`] times. Filters (tag,
//! reporter, page, date) score nothing.
//!
//! A query's words are found without jieba (whose dictionary costs ~140 ms
//! to build): the best route through the query's Han runs over the words the
//! index's `words` field holds — which jieba cut from the archive, with the
//! project's user words — weighted by how many articles have each, as
//! jieba weighs its dictionary's frequencies. A word the archive never uses
//! could add no score anyway.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, InvertedIndexRangeQuery,
    Occur, PhraseQuery, Query, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::normalize::{Segment, normalize, segments};
use super::query::{Atom, Clause, ParsedQuery, TextScope, TextSegment};
use super::schema::Fields;
use crate::archive::model::EntityKind;

/// How much more a word in the headline counts than one in the body.
pub const HEADLINE_BOOST: f32 = 3.0;

/// Keys of the articles of a named set: carrying a tag (or a tag nested
/// under it), or in a collection.
pub(crate) type TaggedKeys<'a> = &'a dyn Fn(SetKind, &str) -> Vec<u64>;

/// The `entity` terms a name of a kind stands for: its own, or its
/// entity's name and aliases; none for a name marked as no entity.
pub(crate) type EntityTerms<'a> = &'a dyn Fn(EntityKind, &str) -> Vec<String>;

/// Which named set of articles a filter means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetKind {
    /// `tag:`
    Tag,
    /// `in:`
    Collection,
}

/// How many articles hold a term of the `words` field (0: none), and how
/// many articles there are.
pub(crate) struct Vocabulary<'a> {
    /// Articles holding the term.
    pub doc_freq: &'a dyn Fn(&Term) -> u64,
    /// Articles in the index.
    pub articles: u64,
}

/// Longest word, in characters, looked up in the vocabulary.
const MAX_WORD_CHARS: usize = 8;

/// The tantivy query for `parsed`; no clauses means every article.
pub(crate) fn plan(
    parsed: &ParsedQuery,
    fields: &Fields,
    vocabulary: &Vocabulary<'_>,
    tagged: TaggedKeys<'_>,
    entities: EntityTerms<'_>,
) -> Box<dyn Query> {
    let ctx = Planner {
        fields,
        vocabulary,
        tagged,
        entities,
    };
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for clause in &parsed.clauses {
        let occur = if clause.negated {
            Occur::MustNot
        } else {
            Occur::Must
        };
        clauses.push((occur, clause_query(clause, &ctx, clause.negated)));
    }
    if !clauses.iter().any(|(o, _)| *o == Occur::Must) {
        clauses.push((
            Occur::Must,
            Box::new(ConstScoreQuery::new(Box::new(AllQuery), 0.0)),
        ));
    }
    if clauses.len() == 1 && clauses[0].0 == Occur::Must {
        return clauses.remove(0).1;
    }
    Box::new(BooleanQuery::new(clauses))
}

struct Planner<'a> {
    fields: &'a Fields,
    vocabulary: &'a Vocabulary<'a>,
    tagged: TaggedKeys<'a>,
    entities: EntityTerms<'a>,
}

fn clause_query(clause: &Clause, ctx: &Planner<'_>, negated: bool) -> Box<dyn Query> {
    let mut alternatives: Vec<Box<dyn Query>> = clause
        .alternatives
        .iter()
        .map(|atom| atom_query(atom, ctx, !negated))
        .collect();
    if alternatives.len() == 1 {
        return alternatives.remove(0);
    }
    Box::new(BooleanQuery::new(
        alternatives
            .into_iter()
            .map(|q| (Occur::Should, q))
            .collect(),
    ))
}

fn atom_query(atom: &Atom, ctx: &Planner<'_>, scored: bool) -> Box<dyn Query> {
    let fields = ctx.fields;
    match atom {
        Atom::Text {
            raw,
            segments,
            scope,
        } => {
            let grams = match scope {
                TextScope::All => fields.grams,
                TextScope::Headline => fields.headline_grams,
            };
            let exact = all_of(segments.iter().map(|s| exact_query(s, grams)).collect());
            // One character matches most of the archive: ranking it by
            // word frequency costs more than it tells. A headline holding
            // it ranks first (the headline field is small).
            if let [TextSegment::Han(s)] = segments.as_slice()
                && s.chars().count() == 1
            {
                if !scored || *scope == TextScope::Headline {
                    return exact;
                }
                let headline = Box::new(BoostQuery::new(
                    starting_with(fields.headline_grams, s),
                    HEADLINE_BOOST,
                ));
                return Box::new(BooleanQuery::new(vec![
                    (Occur::Must, exact),
                    (Occur::Should, headline),
                ]));
            }
            if !scored {
                return exact;
            }
            let mut ranking: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for word in query_words(ctx.vocabulary, fields.words, raw) {
                if *scope == TextScope::All {
                    ranking.push((
                        Occur::Should,
                        term(fields.words, &word, IndexRecordOption::WithFreqs),
                    ));
                }
                let headline = term(fields.headline_words, &word, IndexRecordOption::WithFreqs);
                ranking.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(headline, HEADLINE_BOOST)),
                ));
            }
            if ranking.is_empty() {
                return exact;
            }
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, exact),
                (Occur::Should, Box::new(BooleanQuery::new(ranking))),
            ]))
        }
        Atom::Tag(name) | Atom::Collection(name) => {
            let kind = match atom {
                Atom::Tag(_) => SetKind::Tag,
                _ => SetKind::Collection,
            };
            let keys = (ctx.tagged)(kind, name);
            if keys.is_empty() {
                return Box::new(EmptyQuery);
            }
            let terms = keys
                .into_iter()
                .map(|key| Term::from_field_u64(fields.id_key, key));
            filter(Box::new(TermSetQuery::new(terms)))
        }
        Atom::Reporter(name) => filter(term(fields.reporter, name, IndexRecordOption::Basic)),
        Atom::Page(lo, hi) => filter(u64_range(fields.page, u64::from(*lo), u64::from(*hi))),
        Atom::Date(lo, hi) => filter(u64_range(fields.date_key, *lo, *hi)),
        Atom::Event(lo, hi) => filter(u64_range(fields.event_day, *lo, *hi)),
        Atom::Entity(kind, name) => {
            let terms = (ctx.entities)(*kind, name);
            if terms.is_empty() {
                return Box::new(EmptyQuery);
            }
            let terms = terms
                .iter()
                .map(|t| Term::from_field_text(fields.entity, t));
            filter(Box::new(TermSetQuery::new(terms)))
        }
    }
}

/// Exact match of one segment: the terms starting with one character, a
/// bigram, or a phrase of bigrams; a whole word.
fn exact_query(segment: &TextSegment, grams: Field) -> Box<dyn Query> {
    match segment {
        TextSegment::Word(word) => term(grams, word, IndexRecordOption::WithFreqs),
        TextSegment::Han(run) => {
            let han: Vec<char> = run.chars().collect();
            match han.len() {
                0 | 1 => starting_with(grams, run),
                2 => term(grams, run, IndexRecordOption::WithFreqs),
                _ => {
                    let bigrams: Vec<Term> = han
                        .windows(2)
                        .map(|w| Term::from_field_text(grams, &w.iter().collect::<String>()))
                        .collect();
                    Box::new(PhraseQuery::new(bigrams))
                }
            }
        }
    }
}

/// Every article holding a term of `field` that starts with the character
/// `han`: each Han character of a text is the first character of a gram
/// term (the bigram it starts, or itself ending a run), so this is every
/// article where `han` occurs. Scores a constant 1.
fn starting_with(field: Field, han: &str) -> Box<dyn Query> {
    let next = han
        .chars()
        .next()
        .and_then(|c| char::from_u32(c as u32 + 1))
        .map(String::from);
    let upper = match next {
        Some(next) => Bound::Excluded(Term::from_field_text(field, &next)),
        None => Bound::Unbounded,
    };
    Box::new(InvertedIndexRangeQuery::new(
        Bound::Included(Term::from_field_text(field, han)),
        upper,
    ))
}

/// The distinct words of a query's text that the index holds in `field`:
/// alphanumeric words whole, and in each Han run the route through the
/// vocabulary that jieba would take with document frequencies for word
/// frequencies (the most probable product of `freq / articles`; a
/// character the vocabulary lacks counts once).
fn query_words(vocabulary: &Vocabulary<'_>, field: Field, raw: &str) -> Vec<String> {
    let mut words = Vec::new();
    let df = |word: &str| (vocabulary.doc_freq)(&Term::from_field_text(field, word));
    let log_total = ((vocabulary.articles + 1) as f64).ln();
    for segment in segments(&normalize(raw)) {
        match segment {
            Segment::Word(word) => {
                if df(&word) > 0 {
                    words.push(word);
                }
            }
            Segment::Han(run) => {
                let chars: Vec<char> = run.chars().collect();
                let n = chars.len();
                // best[i]: (log probability of the best route from i, its first word's end, found)
                let mut best = vec![(0.0f64, n, false); n + 1];
                for i in (0..n).rev() {
                    let mut choice = (f64::NEG_INFINITY, i + 1, false);
                    for end in i + 1..=n.min(i + MAX_WORD_CHARS) {
                        let word: String = chars[i..end].iter().collect();
                        let freq = df(&word);
                        if freq == 0 && end > i + 1 {
                            continue;
                        }
                        let p = (freq.max(1) as f64).ln() - log_total + best[end].0;
                        if p > choice.0 || (p == choice.0 && end > choice.1) {
                            choice = (p, end, freq > 0);
                        }
                    }
                    best[i] = choice;
                }
                let mut i = 0;
                while i < n {
                    let (_, end, found) = best[i];
                    if found {
                        words.push(chars[i..end].iter().collect());
                    }
                    i = end;
                }
            }
        }
    }
    words.sort();
    words.dedup();
    words
}

fn term(field: Field, text: &str, option: IndexRecordOption) -> Box<dyn Query> {
    Box::new(TermQuery::new(Term::from_field_text(field, text), option))
}

fn u64_range(field: Field, lo: u64, hi: u64) -> Box<dyn Query> {
    Box::new(RangeQuery::new(
        Bound::Included(Term::from_field_u64(field, lo)),
        Bound::Included(Term::from_field_u64(field, hi)),
    ))
}

fn filter(query: Box<dyn Query>) -> Box<dyn Query> {
    Box::new(ConstScoreQuery::new(query, 0.0))
}

fn all_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Must, q)).collect(),
    ))
}
