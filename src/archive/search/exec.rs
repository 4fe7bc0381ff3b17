//! Running a [`SearchRequest`]: count, top hits by score or date, facets, snippets.

use std::time::Instant;

use chrono::NaiveDate;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::Query;
use tantivy::schema::Value;
use tantivy::{DocAddress, Order, Searcher, TantivyDocument, Term};

use super::error::tantivy_err;
use super::facets::{FacetCollector, Facets};
use super::guard;
use super::index::SearchIndex;
use super::plan::{Vocabulary, plan};
use super::query::{ParsedQuery, parse};
use super::schema::{ORDER_NEWEST, ORDER_OLDEST};
use super::snippet::{make_snippet, ranges_for};
use super::{Hit, Result, SearchError, SearchRequest, SearchResults, SortOrder};
use crate::archive::model::ArticleId;

/// Characters of body text in a snippet.
pub const SNIPPET_CHARS: usize = 100;

/// Scored hit addresses, the exact total, and facets when asked for.
type Collected = (Vec<(f32, DocAddress)>, usize, Option<Facets>);

/// Offsets beyond which date-ordered paging considers reading from the end.
const DEEP_PAGE_OFFSET: usize = 1_000;

impl SearchIndex {
    /// Every article matching `query`, oldest first in reading order: the
    /// ids of "all results", however many, read from fast fields (no
    /// stored document is loaded).
    pub fn matching_ids(&self, query: &str) -> Result<Vec<ArticleId>> {
        self.guarded(|| self.matching_ids_unguarded(query))
    }

    fn matching_ids_unguarded(&self, query: &str) -> Result<Vec<ArticleId>> {
        let parsed = parse(query)?;
        let searcher = self.reader.searcher();
        let query = self.plan(&parsed, &searcher);
        let mut found = searcher
            .search(&query, &IdCollector)
            .map_err(|e| tantivy_err(self.dir(), e))?;
        found.sort_unstable();
        Ok(found.into_iter().map(|(_, id)| ArticleId(id)).collect())
    }

    /// Runs `request`. The count and facets cover every match; only the
    /// requested slice of hits is loaded from the store, so paging through
    /// a million articles by date costs a fast-field scan, not a document load.
    /// A panic inside tantivy (a damaged file) comes back as
    /// [`SearchError::Damaged`]; `offset` and `limit` are clamped to the
    /// articles there are, so no number a person types sizes an allocation.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        self.guarded(|| self.search_unguarded(request))
    }

    /// The tantivy query of `parsed`, its words looked up in `searcher`'s vocabulary.
    pub(super) fn plan(&self, parsed: &ParsedQuery, searcher: &Searcher) -> Box<dyn Query> {
        let tagged = |kind, name: &str| self.set_keys(kind, name);
        // A term that cannot be read counts as absent: it adds no ranking word.
        let doc_freq = |term: &Term| searcher.doc_freq(term).unwrap_or(0);
        let vocabulary = Vocabulary {
            doc_freq: &doc_freq,
            articles: searcher.num_docs(),
        };
        let entities = |kind, name: &str| self.entity_terms(kind, name);
        plan(parsed, &self.fields, &vocabulary, &tagged, &entities)
    }

    /// Runs `work`, turning a panic into [`SearchError::Damaged`].
    fn guarded<T>(&self, work: impl FnOnce() -> Result<T>) -> Result<T> {
        guard::catch(work).unwrap_or_else(|message| {
            Err(SearchError::Damaged {
                path: self.dir().to_path_buf(),
                message,
            })
        })
    }

    fn search_unguarded(&self, request: &SearchRequest) -> Result<SearchResults> {
        let started = Instant::now();
        let parsed = parse(&request.query)?;
        let searcher = self.reader.searcher();
        let query = self.plan(&parsed, &searcher);
        // `in:NAME` alone lists the collection in the user's order.
        let listed = match request.sort {
            SortOrder::Relevance => parsed
                .listed_collection()
                .and_then(|name| self.collection_order(name)),
            _ => None,
        };
        let articles = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let offset = request.offset.min(articles);
        let clamped = SearchRequest {
            query: String::new(),
            offset,
            limit: request.limit.min(articles - offset),
            ..*request
        };
        let request = &clamped;
        let sort = match request.sort {
            SortOrder::Relevance if !parsed.has_text() => SortOrder::DateDesc,
            sort => sort,
        };
        let err = |e| tantivy_err(self.dir(), e);
        let facets = request.facets.then(|| FacetCollector {
            tags: std::sync::Arc::clone(&self.tags),
            names: std::sync::Arc::clone(&self.tag_names),
        });
        let (addresses, total, facets): Collected = if request.limit == 0 {
            let (total, facets) = searcher.search(&query, &(Count, facets)).map_err(err)?;
            (Vec::new(), total, facets)
        } else {
            let top = TopDocs::with_limit(request.limit).and_offset(request.offset);
            match sort {
                _ if listed.is_some() => {
                    let order = listed.unwrap_or_default();
                    let by_place = top.tweak_score(move |segment: &tantivy::SegmentReader| {
                        let keys = segment.fast_fields().u64(super::schema::ID_KEY).ok();
                        let order = std::sync::Arc::clone(&order);
                        // Earlier in the collection ranks higher.
                        move |doc: tantivy::DocId, _score: tantivy::Score| -> u64 {
                            keys.as_ref()
                                .and_then(|k| k.first(doc))
                                .and_then(|key| order.get(&key))
                                .map_or(0, |place| u64::MAX - *place as u64)
                        }
                    });
                    let (hits, total, facets) = searcher
                        .search(&query, &(by_place, Count, facets))
                        .map_err(err)?;
                    (
                        hits.into_iter().map(|(_, a)| (0.0, a)).collect(),
                        total,
                        facets,
                    )
                }
                SortOrder::Relevance => {
                    let (hits, total, facets) = searcher
                        .search(&query, &(top.order_by_score(), Count, facets))
                        .map_err(err)?;
                    (hits, total, facets)
                }
                SortOrder::DateDesc | SortOrder::DateAsc => {
                    self.by_date(&searcher, query.as_ref(), request, sort, facets)?
                }
            }
        };
        let hits = addresses
            .into_iter()
            .map(|(score, address)| self.hit(&searcher, address, score, &parsed, request.snippets))
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchResults {
            total,
            hits,
            facets: facets.unwrap_or_default(),
            took: started.elapsed(),
            skipped: self.skipped().to_vec(),
        })
    }

    /// Hits in date order. A page past the middle is read from the other
    /// end (reversed order, mirrored offset), so the top-k heap stays small
    /// when the UI jumps to the last page of a million articles.
    fn by_date(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &SearchRequest,
        sort: SortOrder,
        facets: Option<FacetCollector>,
    ) -> Result<Collected> {
        let err = |e| tantivy_err(self.dir(), e);
        // Both orders are ascending keys, so a day's articles stay in reading order.
        let field = match sort {
            SortOrder::DateAsc => ORDER_OLDEST,
            _ => ORDER_NEWEST,
        };
        let (forward, backward) = (Order::Asc, Order::Desc);
        let deep = request.offset > DEEP_PAGE_OFFSET;
        let total_first = if deep {
            Some(query.count(searcher).map_err(err)?)
        } else {
            None
        };
        if let Some(total) = total_first
            && request.offset.saturating_add(request.limit / 2) > total / 2
        {
            let end = total.min(request.offset.saturating_add(request.limit));
            let Some(limit) = end.checked_sub(request.offset).filter(|l| *l > 0) else {
                let (_, facets) = searcher.search(query, &(Count, facets)).map_err(err)?;
                return Ok((Vec::new(), total, facets));
            };
            let top = TopDocs::with_limit(limit).and_offset(total - end);
            let (mut hits, total, facets) = searcher
                .search(
                    query,
                    &(top.order_by_u64_field(field, backward), Count, facets),
                )
                .map_err(err)?;
            hits.reverse();
            return Ok((
                hits.into_iter().map(|(_, a)| (0.0, a)).collect(),
                total,
                facets,
            ));
        }
        let top = TopDocs::with_limit(request.limit).and_offset(request.offset);
        let (hits, total, facets) = searcher
            .search(
                query,
                &(top.order_by_u64_field(field, forward), Count, facets),
            )
            .map_err(err)?;
        Ok((
            hits.into_iter().map(|(_, a)| (0.0, a)).collect(),
            total,
            facets,
        ))
    }

    fn hit(
        &self,
        searcher: &Searcher,
        address: DocAddress,
        score: f32,
        parsed: &ParsedQuery,
        snippets: bool,
    ) -> Result<Hit> {
        let doc: TantivyDocument = searcher
            .doc(address)
            .map_err(|e| tantivy_err(self.dir(), e))?;
        let f = &self.fields;
        let text = |field| {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let all = |field| {
            doc.get_all(field)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect::<Vec<_>>()
        };
        let date_key = doc
            .get_first(f.date_key)
            .and_then(|v| v.as_u64())
            .unwrap_or(0);
        let date = NaiveDate::from_ymd_opt(
            (date_key / 10_000) as i32,
            (date_key / 100 % 100) as u32,
            (date_key % 100) as u32,
        )
        .unwrap_or_default();
        let snippet = if snippets {
            let body = text(f.body).unwrap_or_default();
            make_snippet(&body, &ranges_for(parsed, &body), SNIPPET_CHARS)
        } else {
            String::new()
        };
        let id = ArticleId(text(f.id).unwrap_or_default());
        let tags = self
            .tags_of(&id)
            .iter()
            .filter_map(|t| self.tag_names.get(t).cloned())
            .collect();
        Ok(Hit {
            id,
            date,
            page: doc.get_first(f.page).and_then(|v| v.as_u64()).unwrap_or(0) as u32,
            kicker: text(f.kicker),
            headline: text(f.headline),
            reporters: all(f.reporter),
            tags,
            score,
            snippet,
        })
    }
}

/// Collects `(reading order, article id)` of every match from fast fields.
struct IdCollector;

struct IdSegmentCollector {
    order: tantivy::columnar::Column<u64>,
    ids: Option<tantivy::columnar::StrColumn>,
    found: Vec<(u64, u64)>,
}

impl tantivy::collector::Collector for IdCollector {
    type Fruit = Vec<(u64, String)>;
    type Child = IdSegmentCollector;

    fn for_segment(
        &self,
        _segment: tantivy::SegmentOrdinal,
        reader: &tantivy::SegmentReader,
    ) -> tantivy::Result<IdSegmentCollector> {
        let fast = reader.fast_fields();
        Ok(IdSegmentCollector {
            order: fast.u64(ORDER_OLDEST)?,
            ids: fast.str("id")?,
            found: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<(u64, String)>>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl tantivy::collector::SegmentCollector for IdSegmentCollector {
    type Fruit = Vec<(u64, String)>;

    fn collect(&mut self, doc: tantivy::DocId, _score: tantivy::Score) {
        if let Some(ids) = &self.ids
            && let Some(ord) = ids.term_ords(doc).next()
        {
            self.found
                .push((self.order.first(doc).unwrap_or(u64::MAX), ord));
        }
    }

    fn harvest(self) -> Self::Fruit {
        let Some(ids) = self.ids else {
            return Vec::new();
        };
        let mut text = String::new();
        self.found
            .into_iter()
            .filter_map(|(order, ord)| {
                ids.ord_to_str(ord, &mut text)
                    .ok()
                    .filter(|found| *found)
                    .map(|_| (order, text.clone()))
            })
            .collect()
    }
}
