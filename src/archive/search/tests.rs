//! Unit tests of the search module on in-memory editions in a temp project.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::*;
use crate::archive::model::{Article, ArticleId, Edition, Page, Project, TagDef, TagId};
use crate::archive::store::Store;

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, d).unwrap_or_default()
}

fn article(date: NaiveDate, page: u32, seq: u32, headline: &str, body: &[&str]) -> Article {
    Article {
        id: ArticleId::new(date, page, seq),
        headline: Some(headline.into()),
        reporters: vec!["张可馨".into()],
        paragraphs: body.iter().map(|s| s.to_string()).collect(),
        ..Article::default()
    }
}

fn project() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::create(dir.path(), "武进日报").unwrap();
    store
        .save_project(Project {
            tags: vec![TagDef {
                id: TagId(1),
                name: "生态".into(),
                ..TagDef::default()
            }],
            next_tag_id: 2,
            ..store.project().clone()
        })
        .unwrap();
    let mut e1 = Edition::new(day(27));
    e1.pages.push(Page {
        number: 1,
        articles: vec![
            article(
                day(27),
                1,
                1,
                "高质量推动\n苏陕协作",
                &["聚力新能源之都、“两湖”创", "新区建设。"],
            ),
            article(day(27), 1, 2, "党建工作会议", &["乔俊杰主持召开会议。"]),
        ],
        ..Page::default()
    });
    let mut e2 = Edition::new(day(28));
    e2.pages.push(Page {
        number: 2,
        articles: vec![{
            let mut a = article(
                day(28),
                2,
                1,
                "河长制",
                &["前黄浜全长２．３公里，ＡＩ巡河。"],
            );
            a.tags = vec![TagId(1)];
            a
        }],
        ..Page::default()
    });
    store.save_edition(&e1).unwrap();
    store.save_edition(&e2).unwrap();
    (dir, store)
}

fn ids(index: &SearchIndex, query: &str) -> Vec<String> {
    let mut ids: Vec<String> = index
        .search(&SearchRequest::new(query))
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id.0)
        .collect();
    ids.sort();
    ids
}

#[test]
fn search_index_is_send_and_sync() {
    fn check<T: Send + Sync>() {}
    check::<SearchIndex>();
}

#[test]
fn finds_substrings_across_quotes_and_breaks_and_filters() {
    let (_dir, store) = project();
    let index = SearchIndex::open(&store).unwrap();
    assert_eq!(ids(&index, "两湖创新区"), vec!["20240627-01-01"]);
    assert_eq!(ids(&index, "推动苏陕"), vec!["20240627-01-01"]);
    assert_eq!(ids(&index, "俊"), vec!["20240627-01-02"]);
    assert_eq!(ids(&index, "ai"), vec!["20240628-02-01"]);
    assert_eq!(ids(&index, "２.3"), vec!["20240628-02-01"]);
    assert!(ids(&index, "23").is_empty());
    assert_eq!(ids(&index, "tag:生态").len(), 1);
    assert_eq!(ids(&index, "记者:张可馨 -河长").len(), 2);
    assert_eq!(ids(&index, "date:2024-06-28").len(), 1);
    assert_eq!(ids(&index, "page:1..2 date:2024-06").len(), 3);
    assert_eq!(ids(&index, "标题:协作 OR 标题:河长").len(), 2);
    assert_eq!(ids(&index, "标题:会议"), vec!["20240627-01-02"]);
    assert!(ids(&index, "协作会议").is_empty());
    let results = index.search(&SearchRequest::new("两湖创新区")).unwrap();
    assert!(
        results.hits[0].snippet.contains("【两湖”创新区】"),
        "{}",
        results.hits[0].snippet
    );
    assert_eq!(results.facets.page.get(&1), Some(&1));
    assert!(matches!(
        index.search(&SearchRequest::new("tag:")),
        Err(SearchError::Query(_))
    ));
}

#[test]
fn empty_query_browses_by_date_with_paging() {
    let (_dir, store) = project();
    let index = SearchIndex::open(&store).unwrap();
    let mut request = SearchRequest::new("");
    request.limit = 2;
    let page1 = index.search(&request).unwrap();
    assert_eq!(page1.total, 3);
    let got: Vec<&str> = page1.hits.iter().map(|h| h.id.as_str()).collect();
    // Newest edition first, each edition in reading order (lead story first).
    assert_eq!(got, vec!["20240628-02-01", "20240627-01-01"]);
    request.offset = 2;
    request.sort = SortOrder::DateDesc;
    assert_eq!(
        index.search(&request).unwrap().hits[0].id.as_str(),
        "20240627-01-02"
    );
    request.offset = 0;
    request.limit = 3;
    request.sort = SortOrder::DateAsc;
    let oldest: Vec<String> = index
        .search(&request)
        .unwrap()
        .hits
        .into_iter()
        .map(|h| h.id.0)
        .collect();
    assert_eq!(
        oldest,
        vec!["20240627-01-01", "20240627-01-02", "20240628-02-01"]
    );
    assert_eq!(page1.facets.month.get("2024-06"), Some(&3));
    assert_eq!(page1.facets.reporter.get("张可馨"), Some(&3));
}

#[test]
fn deleted_index_and_hand_edited_ron_are_picked_up() {
    let (_dir, store) = project();
    drop(SearchIndex::open(&store).unwrap());
    std::fs::remove_dir_all(store.index_dir()).unwrap();
    let index = SearchIndex::open(&store).unwrap();
    assert_eq!(ids(&index, "河长制").len(), 1);
    drop(index);
    let path = store.edition_path(day(28));
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("河长制", "湖长制");
    std::fs::write(&path, text).unwrap();
    let index = SearchIndex::open(&store).unwrap();
    assert!(ids(&index, "河长制").is_empty());
    assert_eq!(ids(&index, "湖长制").len(), 1);
    std::fs::remove_file(&path).unwrap();
    drop(index);
    let index = SearchIndex::open(&store).unwrap();
    assert!(ids(&index, "湖长制").is_empty());
    assert_eq!(index.stats().articles, 2);
}

#[test]
fn broken_ron_is_skipped_and_reported() {
    let (_dir, store) = project();
    std::fs::write(store.edition_path(day(28)), "Edition(").unwrap();
    let index = SearchIndex::open(&store).unwrap();
    assert_eq!(index.skipped().len(), 1);
    assert_eq!(index.stats().articles, 2);
}

mod properties {
    use proptest::prelude::*;

    use crate::archive::search::normalize::Normalized;
    use crate::archive::search::tokenizer::gram_tokens;
    use crate::archive::search::{highlight_ranges, make_snippet, parse};

    /// Text drawn from the characters that matter: Han, full-width, quotes, breaks.
    fn newsy() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                '两', '湖', '创', '新', '区', '恽', '“', '”', '"', ' ', '\n', '\r', '　', '，',
                'Ａ', 'b', '１', '2', ':', '-', '.', '：', '＂',
            ]),
            0..40,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn offsets_are_monotonic_char_boundaries(text in newsy()) {
            let n = Normalized::new(&text);
            let tokens = gram_tokens(&n);
            for w in tokens.windows(2) {
                prop_assert!(w[0].offset_from <= w[1].offset_from);
                prop_assert!(w[0].position <= w[1].position);
            }
            for t in &tokens {
                prop_assert!(text.is_char_boundary(t.offset_from));
                prop_assert!(text.is_char_boundary(t.offset_to));
                prop_assert!(t.offset_from < t.offset_to);
            }
            if !n.text.is_empty() {
                prop_assert!(n.original_range(0..n.text.len()).is_some());
            }
        }

        #[test]
        fn queries_never_panic_and_highlights_are_valid(query in newsy(), text in newsy()) {
            let _ = parse(&query);
            let ranges = highlight_ranges(&query, &text);
            for r in &ranges {
                prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            }
            let _ = make_snippet(&text, &ranges, 10);
        }
    }
}

#[test]
fn deep_pages_in_date_order_match_shallow_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(dir.path(), "报").unwrap();
    let mut index = SearchIndex::open(&store).unwrap();
    let editions: Vec<Edition> = (0..60u64)
        .map(|n| {
            let date = day(1) + chrono::Days::new(n);
            let mut e = Edition::new(date);
            e.pages.push(Page {
                number: 1,
                articles: (1..=50)
                    .map(|seq| article(date, 1, seq, "标题", &["正文。"]))
                    .collect(),
                ..Page::default()
            });
            e
        })
        .collect();
    assert_eq!(index.index_editions(editions).unwrap(), 3000);
    let page = |offset: usize, limit: usize, sort: SortOrder| {
        let mut r = SearchRequest::new("");
        (r.offset, r.limit, r.sort, r.facets) = (offset, limit, sort, false);
        index
            .search(&r)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.id.0)
            .collect::<Vec<_>>()
    };
    let all = page(0, 3000, SortOrder::DateDesc);
    assert_eq!(all.len(), 3000);
    for (offset, limit) in [(1500, 50), (2990, 50), (2999, 5), (3000, 5), (1200, 20)] {
        let expected: Vec<String> = all.iter().skip(offset).take(limit).cloned().collect();
        assert_eq!(
            page(offset, limit, SortOrder::DateDesc),
            expected,
            "{offset}"
        );
    }
    let oldest_first = page(0, 3000, SortOrder::DateAsc);
    assert_eq!(
        oldest_first.first().map(String::as_str),
        Some("20240601-01-01")
    );
    assert_eq!(
        page(2950, 50, SortOrder::DateAsc),
        oldest_first[2950..].to_vec()
    );
    // Newest first keeps each day's reading order: the last day's lead story first.
    assert_eq!(all[0], "20240730-01-01");
    assert_eq!(all[2999], "20240601-01-50");
}

#[test]
fn facets_over_many_blocks_count_every_hit_once() {
    // 3 days × 2 pages × 50 articles: more hits than one counting block,
    // reporters and tags spread so each count differs.
    let (_dir, store) = project();
    let mut expected_tag = 0;
    let mut expected_reporters: BTreeMap<String, u64> = BTreeMap::new();
    for d in 1..=3 {
        let mut edition = Edition::new(day(d));
        for page in 1..=2 {
            let articles = (1..=50)
                .map(|seq| {
                    let mut a = article(day(d), page, seq, "协作", &["苏陕协作。"]);
                    a.reporters = vec![format!("记者{}", seq % 7)];
                    if seq % 3 == 0 {
                        a.tags = vec![TagId(1)];
                        expected_tag += 1;
                    }
                    *expected_reporters
                        .entry(a.reporters[0].clone())
                        .or_default() += 1;
                    a
                })
                .collect();
            edition.pages.push(Page {
                number: page,
                articles,
                ..Page::default()
            });
        }
        store.save_edition(&edition).unwrap();
    }
    let index = SearchIndex::open(&store).unwrap();
    let results = index
        .search(&SearchRequest::new("苏陕 date:2024-06-01..2024-06-03"))
        .unwrap();
    assert_eq!(results.total, 300);
    assert_eq!(results.facets.tag.get("生态"), Some(&expected_tag));
    assert_eq!(results.facets.reporter, expected_reporters);
    assert_eq!(results.facets.page.values().sum::<u64>(), 300);
    assert_eq!(results.facets.month.get("2024-06"), Some(&300));
}
