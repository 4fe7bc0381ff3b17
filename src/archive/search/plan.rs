//! Turning a parsed query into a tantivy query.
//!
//! A text atom must match exactly (Han bigram phrases / unigrams, whole
//! words), and its jieba words add BM25 score, headline words weighted
//! [`HEADLINE_BOOST`] times. Filters (tag, reporter, page, date) score nothing.

use std::ops::Bound;

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, IndexRecordOption};

use super::query::{Atom, Clause, ParsedQuery, TextScope, TextSegment};
use super::schema::Fields;
use super::tokenizer::{SharedJieba, query_words};

/// How much more a word in the headline counts than one in the body.
pub const HEADLINE_BOOST: f32 = 3.0;

/// Keys of the articles of a named set: carrying a tag (or a tag nested
/// under it), or in a collection.
pub(crate) type TaggedKeys<'a> = &'a dyn Fn(SetKind, &str) -> Vec<u64>;

/// Which named set of articles a filter means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SetKind {
    /// `tag:`
    Tag,
    /// `in:`
    Collection,
}

/// The tantivy query for `parsed`; no clauses means every article.
pub(crate) fn plan(
    parsed: &ParsedQuery,
    fields: &Fields,
    jieba: &SharedJieba,
    tagged: TaggedKeys<'_>,
) -> Box<dyn Query> {
    let ctx = Planner {
        fields,
        jieba,
        tagged,
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
    jieba: &'a SharedJieba,
    tagged: TaggedKeys<'a>,
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
    let (fields, jieba) = (ctx.fields, ctx.jieba);
    match atom {
        Atom::Text {
            raw,
            segments,
            scope,
        } => {
            let (grams, chars) = match scope {
                TextScope::All => (fields.grams, fields.chars),
                TextScope::Headline => (fields.headline_grams, fields.headline_chars),
            };
            let exact = all_of(
                segments
                    .iter()
                    .map(|s| exact_query(s, grams, chars))
                    .collect(),
            );
            // One character is its own unigram term: ranking it again as a
            // jieba word adds nothing but cost (it matches most of the archive).
            let single_char =
                matches!(segments.as_slice(), [TextSegment::Han(s)] if s.chars().count() == 1);
            if !scored || single_char {
                return exact;
            }
            let mut ranking: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for word in query_words(jieba, raw) {
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
    }
}

/// Exact match of one segment: a unigram, a bigram, or a phrase of bigrams.
fn exact_query(segment: &TextSegment, grams: Field, chars: Field) -> Box<dyn Query> {
    match segment {
        TextSegment::Word(word) => term(chars, word, IndexRecordOption::WithFreqs),
        TextSegment::Han(run) => {
            let han: Vec<char> = run.chars().collect();
            match han.len() {
                0 | 1 => term(chars, run, IndexRecordOption::WithFreqs),
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
