//! The index of names: every person, place and organisation extraction
//! found (the `entity` field's terms) and every reporter (the `reporter`
//! field's), each with the articles that name it, read from the term
//! dictionaries without touching a document; and what a name searches for
//! once the project's entity vocabulary has had its say.

use std::collections::HashMap;

use tantivy::Term;
use tantivy::collector::Count;
use tantivy::query::TermSetQuery;
use tantivy::schema::{Field, IndexRecordOption};

use super::Result;
use super::error::tantivy_err;
use super::index::SearchIndex;
use super::schema::entity_term;
use crate::archive::model::EntityKind;

/// A name as the texts print it, and how many articles print it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameCount {
    /// The name.
    pub name: String,
    /// Articles naming it.
    pub articles: u64,
}

impl SearchIndex {
    /// Every name of `kind` extraction found, with the articles naming it,
    /// by name (as the vocabulary has not grouped them: see
    /// `Session::names` for that).
    pub fn entity_names(&self, kind: EntityKind) -> Result<Vec<NameCount>> {
        let prefix = entity_term(kind, "");
        self.term_counts(self.fields.entity, prefix.as_bytes())
    }

    /// Every reporter the bylines name, with their articles.
    pub fn reporter_names(&self) -> Result<Vec<NameCount>> {
        self.term_counts(self.fields.reporter, b"")
    }

    /// Articles naming any of `names` of `kind` (each article once).
    pub fn articles_naming(&self, kind: EntityKind, names: &[&str]) -> Result<u64> {
        let terms = names
            .iter()
            .map(|n| Term::from_field_text(self.fields.entity, &entity_term(kind, n)));
        let searcher = self.reader.searcher();
        let count = searcher
            .search(&TermSetQuery::new(terms), &Count)
            .map_err(|e| tantivy_err(self.dir(), e))?;
        Ok(count as u64)
    }

    /// The `entity` terms `person:NAME` (and its kin) looks for: the name's
    /// entity's name and aliases when the vocabulary has one, none when it
    /// says the name is no entity, else the name itself.
    pub(crate) fn entity_terms(&self, kind: EntityKind, name: &str) -> Vec<String> {
        let name = name.trim();
        match self
            .entities
            .iter()
            .find(|e| e.kind == kind && e.covers(name))
        {
            Some(def) if def.not_entity => Vec::new(),
            Some(def) => def.names().map(|n| entity_term(kind, n)).collect(),
            None => vec![entity_term(kind, name)],
        }
    }

    /// The terms of `field` starting with `prefix` (cut off the names), with
    /// the live articles holding each, summed over segments. A segment with
    /// deleted articles (an edition re-imported) counts its postings
    /// against the deletes; the others give their document frequencies.
    fn term_counts(&self, field: Field, prefix: &[u8]) -> Result<Vec<NameCount>> {
        let err = |e: tantivy::TantivyError| tantivy_err(self.dir(), e);
        let io = |e: std::io::Error| tantivy_err(self.dir(), e.into());
        let searcher = self.reader.searcher();
        let mut counts: HashMap<Vec<u8>, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let inverted = segment.inverted_index(field).map_err(err)?;
            let mut range = inverted.terms().range();
            if !prefix.is_empty() {
                range = range.ge(prefix);
                let mut end = prefix.to_vec();
                // The prefix ends in `/`: the next byte bounds it.
                if let Some(last) = end.last_mut() {
                    *last += 1;
                }
                range = range.lt(end);
            }
            let mut stream = range.into_stream().map_err(io)?;
            let alive = segment.alive_bitset();
            while stream.advance() {
                let info = stream.value();
                let n = match alive {
                    None => u64::from(info.doc_freq),
                    Some(alive) => {
                        let postings = inverted
                            .read_postings_from_terminfo(info, IndexRecordOption::Basic)
                            .map_err(io)?;
                        u64::from(postings.doc_freq_given_deletes(alive))
                    }
                };
                if n > 0 {
                    *counts.entry(stream.key().to_vec()).or_default() += n;
                }
            }
        }
        let mut out: Vec<NameCount> = counts
            .into_iter()
            .filter_map(|(key, articles)| {
                let name = String::from_utf8(key.get(prefix.len()..)?.to_vec()).ok()?;
                Some(NameCount { name, articles })
            })
            .collect();
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }
}
