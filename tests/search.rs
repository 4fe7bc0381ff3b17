//! Search integration tests on temp projects: the sample page, the exact-recall
//! property on real text (sample page; People's Daily 1998 when downloaded),
//! staleness, and the CLI's JSON.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use jianbao::archive::import::merge_page;
use jianbao::archive::model::{Edition, Page};
use jianbao::archive::parse::parse_text;
use jianbao::archive::search::{SearchIndex, SearchRequest, article_texts, normalize};
use jianbao::archive::store::Store;

const SAMPLE: &str = include_str!("../assets/wujin-daily-2024-06-28.txt");

/// The sample page's date.
fn sample_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 6, 28).unwrap_or_default()
}

/// The sample page as an edition, parsed and numbered as an import would.
fn split_sample(text: &str, date: NaiveDate) -> Edition {
    let (articles, _) = parse_text(text);
    let mut edition = Edition::new(date);
    let page = Page {
        number: 1,
        ..Page::default()
    };
    merge_page(&mut edition, page, articles, false);
    edition
}

/// A temp project holding `editions`, saved as RON.
fn project_with(editions: &[Edition]) -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::create(dir.path(), "武进日报").unwrap();
    for edition in editions {
        store.save_edition(edition).unwrap();
    }
    (dir, store)
}

fn all_ids(index: &SearchIndex, query: &str) -> BTreeSet<String> {
    let mut request = SearchRequest::new(query);
    request.limit = 100_000;
    request.facets = false;
    request.snippets = false;
    let results = index.search(&request).unwrap();
    assert_eq!(results.total, results.hits.len(), "{query}");
    results.hits.into_iter().map(|h| h.id.0).collect()
}

/// Articles whose normalised text contains the normalised query.
fn brute_force(articles: &[(String, Vec<String>)], query: &str) -> BTreeSet<String> {
    let needle = normalize(query);
    articles
        .iter()
        .filter(|(_, texts)| texts.iter().any(|t| t.contains(&needle)))
        .map(|(id, _)| id.clone())
        .collect()
}

fn normalised_texts(editions: &[Edition]) -> Vec<(String, Vec<String>)> {
    editions
        .iter()
        .flat_map(|e| e.articles())
        .map(|(_, a)| {
            let texts = article_texts(a).values().map(normalize).collect();
            (a.id.0.clone(), texts)
        })
        .collect()
}

mod sample {
    use super::*;

    #[test]
    fn done_when_queries_find_exactly_the_articles_that_contain_them() {
        let edition = split_sample(SAMPLE, sample_date());
        assert!(edition.article_count() >= 4, "{}", edition.article_count());
        let (_dir, store) = project_with(std::slice::from_ref(&edition));
        let index = SearchIndex::open(&store).unwrap();
        let texts = normalised_texts(std::slice::from_ref(&edition));
        for query in [
            "苏陕协作",
            "陕协",
            "乔俊杰",
            "俊杰",
            "汉滨区",
            "滨区",
            "小微水体",
            "微水",
            "河长制",
            "前黄浜",
            "黄浜",
            "新能源之都",
            "两湖创新区",
            "细胞治疗",
            "吴大林",
            "恽淇丞",
            "恽",
        ] {
            let expected = brute_force(&texts, query);
            assert!(!expected.is_empty(), "{query} is in the sample");
            assert_eq!(all_ids(&index, query), expected, "{query}");
        }
        let both: BTreeSet<String> = ["20240628-01-01", "20240628-01-02"]
            .map(String::from)
            .into();
        assert_eq!(all_ids(&index, "两湖创新区"), both);
    }

    #[test]
    fn ranking_puts_headline_matches_first_and_snippets_mark_matches() {
        let edition = split_sample(SAMPLE, sample_date());
        let (_dir, store) = project_with(&[edition]);
        let index = SearchIndex::open(&store).unwrap();
        let results = index.search(&SearchRequest::new("苏陕协作")).unwrap();
        assert_eq!(results.hits[0].id.as_str(), "20240628-01-01");
        assert!(
            results.hits[0].snippet.contains("【苏陕协作】"),
            "{}",
            results.hits[0].snippet
        );
        let results = index.search(&SearchRequest::new("记者:张可馨")).unwrap();
        assert_eq!(results.total, 1);
        assert_eq!(results.facets.reporter.get("张可馨"), Some(&1));
    }

    #[test]
    fn recall_and_precision_over_sampled_substrings() {
        let edition = split_sample(SAMPLE, sample_date());
        let (_dir, store) = project_with(std::slice::from_ref(&edition));
        let index = SearchIndex::open(&store).unwrap();
        let texts = normalised_texts(std::slice::from_ref(&edition));
        let (recall, precision, queries) = check_recall(&index, &texts, 600, 1);
        println!("sample page: {queries} queries, recall {recall:.4}, precision {precision:.4}");
        assert_eq!((recall, precision), (1.0, 1.0));
    }
}

/// Samples `n` Han substrings (1–8 chars) of the texts and compares search
/// with brute force; returns (recall, precision, queries) over (query, article) pairs.
fn check_recall(
    index: &SearchIndex,
    texts: &[(String, Vec<String>)],
    n: usize,
    seed: u64,
) -> (f64, f64, usize) {
    let mut rng = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = move |bound: usize| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        (rng % bound.max(1) as u64) as usize
    };
    let (mut found, mut expected_total, mut returned_total, mut queries) =
        (0usize, 0usize, 0usize, 0usize);
    let mut attempts = 0;
    while queries < n && attempts < n * 20 {
        attempts += 1;
        let (_, values) = &texts[next(texts.len())];
        let chars: Vec<char> = values[next(values.len())].chars().collect();
        if chars.is_empty() {
            continue;
        }
        let len = 1 + next(8);
        let start = next(chars.len());
        let query: String = chars[start..(start + len).min(chars.len())]
            .iter()
            .collect();
        if !query
            .chars()
            .all(jianbao::archive::search::normalize::is_han)
        {
            continue;
        }
        queries += 1;
        let expected = brute_force(texts, &query);
        let got = all_ids(index, &query);
        found += expected.intersection(&got).count();
        expected_total += expected.len();
        returned_total += got.len();
        assert_eq!(got, expected, "query {query}");
    }
    let recall = found as f64 / expected_total.max(1) as f64;
    let precision = found as f64 / returned_total.max(1) as f64;
    (recall, precision, queries)
}

mod corpus {
    use super::*;

    #[test]
    fn recall_and_precision_on_peoples_daily_1998() {
        let Some(text) = jianbao_corpus::read_corpus() else {
            return;
        };
        let editions = jianbao_corpus::editions(&text);
        let count: usize = editions.iter().map(Edition::article_count).sum();
        assert!(count > 2000, "{count} articles");
        let (_dir, store) = project_with(&[]);
        let mut index = SearchIndex::open(&store).unwrap();
        index.index_editions(editions.iter().cloned()).unwrap();
        let texts = normalised_texts(&editions);
        let (recall, precision, queries) = check_recall(&index, &texts, 400, 7);
        println!(
            "People's Daily 1998: {count} articles, {queries} queries, recall {recall:.4}, precision {precision:.4}"
        );
        assert_eq!((recall, precision), (1.0, 1.0));
    }
}

#[path = "../benches/support/corpus.rs"]
mod jianbao_corpus;

mod staleness {
    use super::*;

    #[test]
    fn deleting_the_index_or_editing_ron_needs_no_manual_step() {
        let edition = split_sample(SAMPLE, sample_date());
        let (_dir, store) = project_with(&[edition]);
        drop(SearchIndex::open(&store).unwrap());
        std::fs::remove_dir_all(store.index_dir()).unwrap();
        let index = SearchIndex::open(&store).unwrap();
        assert_eq!(all_ids(&index, "恽淇丞").len(), 1);
        drop(index);
        let path = store.edition_path(sample_date());
        let ron = std::fs::read_to_string(&path)
            .unwrap()
            .replace("恽淇丞", "某某某");
        std::fs::write(&path, ron).unwrap();
        let index = SearchIndex::open(&store).unwrap();
        assert!(all_ids(&index, "恽淇丞").is_empty());
        assert_eq!(all_ids(&index, "某某某").len(), 1);
    }

    #[test]
    fn garbage_in_the_index_folder_is_rebuilt() {
        let edition = split_sample(SAMPLE, sample_date());
        let (_dir, store) = project_with(&[edition]);
        drop(SearchIndex::open(&store).unwrap());
        for entry in std::fs::read_dir(store.index_dir()).unwrap() {
            let path = entry.unwrap().path();
            if path
                .extension()
                .is_some_and(|e| e == "json" || e == "idx" || e == "term")
            {
                std::fs::write(&path, b"garbage").unwrap();
            }
        }
        let index = SearchIndex::open(&store).unwrap();
        assert_eq!(all_ids(&index, "恽淇丞").len(), 1);
    }
}
