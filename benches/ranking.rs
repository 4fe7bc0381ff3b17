//! Ranking quality against the corpus's own word segmentation.
//!
//! People's Daily, January 1998 (PKU) is segmented by hand: every line is
//! `word/POS` tokens. A query of one of its words is answered by every
//! article holding the string (exact recall); which of them are *about* the
//! word is judged here by the hand segmentation: an article's gain for the
//! query is how many times the word occurs in it **as a word** (`中国` in
//! `发展中国家` does not count). The bench prints nDCG@10 and precision@10
//! (share of the first ten holding the word as a word) over queries sampled
//! with a seed, in two groups: all sampled words, and those some article
//! holds only inside other words (where word boundaries decide).
//!
//! `scripts/fetch-corpus.sh && cargo bench --bench ranking`
//! (`JIANBAO_RANKING_SEED=N`, `JIANBAO_RANKING_QUERIES=N`).

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::HashMap;

use corpus::{Rng, corpus_line, corpus_words, editions, read_corpus};
use jianbao::archive::Store;
use jianbao::archive::search::normalize::is_han;
use jianbao::archive::search::{SearchIndex, SearchRequest};

fn main() {
    let Some(text) = read_corpus() else {
        return;
    };
    let seed: u64 = env_number("JIANBAO_RANKING_SEED", 7);
    let wanted: usize = env_number("JIANBAO_RANKING_QUERIES", 400) as usize;

    // Each line's text → its hand-segmented words.
    let mut gold_of_line: HashMap<String, Vec<String>> = HashMap::new();
    for line in text.lines() {
        if let Some(plain) = corpus_line(line) {
            gold_of_line.insert(plain, corpus_words(line).map(str::to_string).collect());
        }
    }

    let editions = editions(&text);
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let store = Store::create(tmp.path().join("project"), "ranking").expect("project");
    // Per article: its id, normalised text, and word counts by hand segmentation.
    let mut articles: Vec<(String, String, HashMap<String, u32>)> = Vec::new();
    let (mut matched, mut unmatched) = (0usize, 0usize);
    for edition in &editions {
        store.save_edition(edition).expect("save");
        for (_, article) in edition.articles() {
            let mut counts: HashMap<String, u32> = HashMap::new();
            let mut all = String::new();
            for value in article.text_fields() {
                all.push_str(value);
                all.push('\u{1}');
                match gold_of_line.get(value.trim()) {
                    Some(words) => {
                        matched += value.chars().count();
                        for w in words {
                            *counts.entry(w.clone()).or_default() += 1;
                        }
                    }
                    None => unmatched += value.chars().count(),
                }
            }
            articles.push((article.id.as_str().to_string(), all, counts));
        }
    }
    let index = SearchIndex::open(&store).expect("index");
    let share = matched as f64 / (matched + unmatched).max(1) as f64;

    // Candidate queries: hand-segmented words of 2–4 Han characters that
    // 3–300 articles hold as a string.
    let mut vocabulary: Vec<&String> = gold_of_line
        .values()
        .flatten()
        .filter(|w| (2..=4).contains(&w.chars().count()) && w.chars().all(is_han))
        .collect();
    vocabulary.sort();
    vocabulary.dedup();
    let mut rng = Rng::new(seed);
    let mut queries: Vec<(String, bool)> = Vec::new();
    let mut tries = 0;
    while queries.len() < wanted && tries < wanted * 50 {
        tries += 1;
        let word = vocabulary[rng.below(vocabulary.len())];
        if queries.iter().any(|(q, _)| q == word) {
            continue;
        }
        let holders: Vec<&(String, String, HashMap<String, u32>)> = articles
            .iter()
            .filter(|a| a.1.contains(word.as_str()))
            .collect();
        if !(3..=300).contains(&holders.len()) {
            continue;
        }
        // Some article holds the string but never as a word.
        let boundary = holders.iter().any(|a| !a.2.contains_key(word.as_str()));
        queries.push((word.clone(), boundary));
    }

    let gain_of: HashMap<&str, &HashMap<String, u32>> =
        articles.iter().map(|a| (a.0.as_str(), &a.2)).collect();
    let mut all = Score::default();
    let mut boundary = Score::default();
    for (query, crosses) in &queries {
        let request = SearchRequest {
            limit: 10,
            facets: false,
            snippets: false,
            ..SearchRequest::new(query.clone())
        };
        let results = index.search(&request).expect("search");
        let gains: Vec<u32> = results
            .hits
            .iter()
            .map(|h| {
                gain_of
                    .get(h.id.as_str())
                    .and_then(|c| c.get(query))
                    .copied()
                    .unwrap_or(0)
            })
            .collect();
        let mut ideal: Vec<u32> = articles
            .iter()
            .filter_map(|a| a.2.get(query).copied())
            .collect();
        ideal.sort_unstable_by(|a, b| b.cmp(a));
        let ndcg = dcg(&gains) / dcg(&ideal[..ideal.len().min(10)]).max(f64::MIN_POSITIVE);
        let relevant = gains.iter().filter(|&&g| g > 0).count();
        let possible = ideal.len().clamp(1, 10);
        let precision = relevant as f64 / possible as f64;
        all.add(ndcg, precision);
        if *crosses {
            boundary.add(ndcg, precision);
        }
    }

    println!("# jianbao ranking against the hand segmentation of People's Daily 1998-01");
    println!(
        "{} articles; {:.0}% of their text matched to corpus lines; seed {seed}",
        articles.len(),
        share * 100.0
    );
    println!("| queries | n | nDCG@10 | precision@10 |");
    println!("|---|---|---|---|");
    all.row("hand-segmented words of 2–4 characters");
    boundary.row("… that some article holds only inside other words");
}

/// Discounted cumulative gain, gain `log2(1 + count)`.
fn dcg(gains: &[u32]) -> f64 {
    gains
        .iter()
        .enumerate()
        .map(|(i, &g)| (1.0 + f64::from(g)).log2() / (i as f64 + 2.0).log2())
        .sum()
}

#[derive(Default)]
struct Score {
    n: usize,
    ndcg: f64,
    precision: f64,
}

impl Score {
    fn add(&mut self, ndcg: f64, precision: f64) {
        self.n += 1;
        self.ndcg += ndcg;
        self.precision += precision;
    }

    fn row(&self, name: &str) {
        let n = self.n.max(1) as f64;
        println!(
            "| {name} | {} | {:.3} | {:.3} |",
            self.n,
            self.ndcg / n,
            self.precision / n
        );
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
