//! Search benchmark: import + index throughput, peak memory, index size and
//! query latency at 10k / 100k (and, opt-in, 1M) articles, beside a brute-force
//! in-memory substring scan of the same texts.
//!
//! `cargo bench --bench search` runs 10k and 100k; `JIANBAO_BENCH_1M=1` adds
//! 1M; `JIANBAO_BENCH_TIERS=10000` picks tiers. Articles (~1,200 characters)
//! are recombined from People's Daily 1998 paragraphs when
//! `scripts/fetch-corpus.sh` has fetched them, else from the sample page.
//! Up to 100k, editions are written as RON files and indexed by
//! `SearchIndex::rebuild` (the real path); 1M is fed to tantivy directly.
//! Each tier runs in its own process so peak memory (VmHWM) is its own.

#[path = "support/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use corpus::{ARTICLES_PER_EDITION, Rng, generated_edition, paragraph_pool};
use jianbao::archive::Store;
use jianbao::archive::model::Edition;
use jianbao::archive::search::normalize::is_han;
use jianbao::archive::search::{SearchIndex, SearchRequest, SortOrder, article_texts, normalize};

const SAMPLE: &str = include_str!("../assets/wujin-daily-2024-06-28.txt");
const ARTICLE_CHARS: usize = 1_200;
const WORD_QUERIES: usize = 200;
const CHAR_QUERIES: usize = 50;
/// Queries also run by brute force (it is slow; its latency barely varies).
const BRUTE_QUERIES: usize = 40;
/// Largest tier written as RON files; above, tantivy is fed directly.
const RON_MAX_ARTICLES: usize = 100_000;

fn main() {
    if let Ok(tier) = std::env::var("JIANBAO_BENCH_TIER") {
        match tier.parse() {
            Ok(n) => run_tier(n),
            Err(_) => eprintln!("JIANBAO_BENCH_TIER={tier} is not a number"),
        }
        return;
    }
    let mut tiers: Vec<usize> = std::env::var("JIANBAO_BENCH_TIERS")
        .ok()
        .map(|t| t.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000]);
    if std::env::var_os("JIANBAO_BENCH_1M").is_some() && !tiers.contains(&1_000_000) {
        tiers.push(1_000_000);
    }
    let (_, source) = paragraph_pool(SAMPLE);
    println!(
        "# jianbao search benchmark — articles of ~{ARTICLE_CHARS} chars recombined from {source}"
    );
    println!(
        "# {} cpus",
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    );
    let Ok(exe) = std::env::current_exe() else {
        eprintln!("cannot find the benchmark executable");
        return;
    };
    for tier in tiers {
        let status = Command::new(&exe)
            .env("JIANBAO_BENCH_TIER", tier.to_string())
            .status();
        if !status.as_ref().is_ok_and(|s| s.success()) {
            eprintln!("tier {tier} failed: {status:?}");
        }
    }
}

fn run_tier(articles: usize) {
    let (pool, _) = paragraph_pool(SAMPLE);
    let editions = articles.div_ceil(ARTICLES_PER_EDITION);
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let mut store = Store::create(tmp.path(), "bench").expect("project");
    corpus::add_tag_vocabulary(&mut store);
    let generate = |n: usize| generated_edition(&pool, n, ARTICLE_CHARS);
    let mut text_bytes = 0u64;
    let started = Instant::now();
    let (index, store_time, index_time, open_time) = if articles <= RON_MAX_ARTICLES {
        for n in 0..editions {
            let edition = generate(n);
            text_bytes += edition_text_bytes(&edition);
            store.save_edition(&edition).expect("save edition");
        }
        let store_time = started.elapsed();
        let t = Instant::now();
        let index = SearchIndex::rebuild(&store, &mut |_, _| {}).expect("rebuild");
        let index_time = t.elapsed();
        drop(index);
        store = Store::open_read_only(tmp.path()).expect("reopen");
        let t = Instant::now();
        let index = SearchIndex::open(&store).expect("open");
        (index, store_time, index_time, t.elapsed())
    } else {
        let mut index = SearchIndex::open(&store).expect("open");
        let bytes = &mut text_bytes;
        index
            .index_editions((0..editions).map(|n| {
                let e = generate(n);
                *bytes += edition_text_bytes(&e);
                e
            }))
            .expect("index");
        let index_time = started.elapsed();
        drop(index);
        let t = Instant::now();
        let index = SearchIndex::open(&store).expect("open");
        (index, Duration::ZERO, index_time, t.elapsed())
    };
    let total_time = store_time + index_time;
    let index_hwm = vm_kib("VmHWM:");
    let index_bytes = dir_bytes(index.dir());
    let count = index.stats().articles as usize;
    let mb = text_bytes as f64 / 1e6;

    let (word_queries, char_queries) = sample_queries(&generate, editions);
    let rss_before = vm_kib("VmRSS:");
    let run = |queries: &[String]| {
        // One warm-up pass, then the measured pass.
        for q in queries {
            let _ = index.search(&SearchRequest::new(q.clone()));
        }
        let mut times = Vec::new();
        let mut totals = Vec::new();
        for q in queries {
            let t = Instant::now();
            let results = index
                .search(&SearchRequest::new(q.clone()))
                .expect("search");
            times.push(t.elapsed());
            totals.push(results.total);
        }
        (times, totals)
    };
    let (word_times, word_totals) = run(&word_queries);
    let (char_times, char_totals) = run(&char_queries);
    let mut browse = Vec::new();
    for offset in [0, 50, 5_000, count.saturating_sub(50)] {
        let mut request = SearchRequest::new("");
        request.sort = SortOrder::DateDesc;
        request.offset = offset;
        request.facets = offset == 0;
        let t = Instant::now();
        let _ = index.search(&request).expect("browse");
        browse.push(t.elapsed());
    }
    let rss_after = vm_kib("VmRSS:");

    // Brute force: the same texts, normalised, in memory.
    let t = Instant::now();
    let texts: Vec<String> = (0..editions)
        .flat_map(|n| {
            let e = generate(n);
            e.articles()
                .map(|(_, a)| {
                    article_texts(a)
                        .values()
                        .map(normalize)
                        .collect::<Vec<_>>()
                        .join("\u{1}")
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let brute_load = t.elapsed();
    let brute = |queries: &[String], totals: &[usize]| {
        let mut times = Vec::new();
        let mut mismatches = 0;
        for (q, expected) in queries.iter().zip(totals).take(BRUTE_QUERIES) {
            let needle = normalize(q);
            let t = Instant::now();
            let mut top = Vec::with_capacity(50);
            let mut total = 0;
            for (i, text) in texts.iter().enumerate() {
                if text.contains(&needle) {
                    total += 1;
                    if top.len() < 50 {
                        top.push(i);
                    }
                }
            }
            times.push(t.elapsed());
            mismatches += usize::from(total != *expected);
        }
        (times, mismatches)
    };
    let (brute_word, word_mismatch) = brute(&word_queries, &word_totals);
    let (brute_char, char_mismatch) = brute(&char_queries, &char_totals);

    println!("\n## {count} articles ({mb:.0} MB of text, {editions} editions)");
    if store_time > Duration::ZERO {
        println!(
            "store RON {:.1} s; index (rebuild from RON) {:.1} s; import+index {:.0} articles/s, {:.2} MB/s",
            store_time.as_secs_f64(),
            index_time.as_secs_f64(),
            count as f64 / total_time.as_secs_f64(),
            mb / total_time.as_secs_f64()
        );
        println!(
            "index only: {:.0} articles/s",
            count as f64 / index_time.as_secs_f64()
        );
    } else {
        println!(
            "index (tantivy fed directly, no RON) {:.1} s: {:.0} articles/s, {:.2} MB/s",
            index_time.as_secs_f64(),
            count as f64 / index_time.as_secs_f64(),
            mb / index_time.as_secs_f64()
        );
    }
    println!(
        "peak memory after indexing (VmHWM): {} MiB",
        index_hwm / 1024
    );
    println!(
        "index size {:.0} MB = {:.2}× the text; open with staleness check {:.0} ms",
        index_bytes as f64 / 1e6,
        index_bytes as f64 / text_bytes as f64,
        open_time.as_secs_f64() * 1000.0
    );
    println!(
        "RSS while searching: {} → {} MiB",
        rss_before / 1024,
        rss_after / 1024
    );
    println!(
        "| queries | n | index p50 | index p99 | max | mean hits | brute p50 | brute p99 | count mismatches |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    row(
        "1–4 words (count + top 50 + snippets + facets)",
        &word_times,
        &word_totals,
        &brute_word,
        word_mismatch,
    );
    row(
        "single character",
        &char_times,
        &char_totals,
        &brute_char,
        char_mismatch,
    );
    println!(
        "browse (empty query, date order) offsets 0/50/5000/last: {} ms",
        browse
            .iter()
            .map(|d| format!("{:.1}", ms(*d)))
            .collect::<Vec<_>>()
            .join(" / ")
    );
    println!(
        "brute-force baseline: {} queries each, texts held in memory ({:.0} MB, built in {:.1} s)",
        BRUTE_QUERIES,
        texts.iter().map(String::len).sum::<usize>() as f64 / 1e6,
        brute_load.as_secs_f64()
    );
}

fn row(name: &str, times: &[Duration], totals: &[usize], brute: &[Duration], mismatches: usize) {
    let mean = totals.iter().sum::<usize>() as f64 / totals.len().max(1) as f64;
    println!(
        "| {name} | {} | {:.2} ms | {:.2} ms | {:.2} ms | {mean:.0} | {:.1} ms | {:.1} ms | {mismatches} |",
        times.len(),
        ms(percentile(times, 0.50)),
        ms(percentile(times, 0.99)),
        ms(percentile(times, 1.0)),
        ms(percentile(brute, 0.50)),
        ms(percentile(brute, 0.99)),
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentile(times: &[Duration], p: f64) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

/// Queries made of 1–4 consecutive jieba words of random articles (as one
/// string, Ctrl-F style), and single Han characters.
fn sample_queries(
    generate: &dyn Fn(usize) -> Edition,
    editions: usize,
) -> (Vec<String>, Vec<String>) {
    let jieba = jieba_rs::Jieba::new();
    let mut rng = Rng::new(42);
    let mut words = Vec::new();
    let mut chars = Vec::new();
    while words.len() < WORD_QUERIES || chars.len() < CHAR_QUERIES {
        let edition = generate(rng.below(editions));
        let articles: Vec<_> = edition.articles().collect();
        let (_, article) = articles[rng.below(articles.len())];
        let body = normalize(&article.paragraphs.join("\n"));
        let tokens: Vec<&str> = jieba
            .cut(&body, false)
            .into_iter()
            .map(|t| t.word)
            .collect();
        if tokens.is_empty() {
            continue;
        }
        let start = rng.below(tokens.len());
        let n = 1 + rng.below(4);
        let run = &tokens[start..(start + n).min(tokens.len())];
        if words.len() < WORD_QUERIES && run.iter().all(|w| w.chars().all(is_han)) {
            words.push(run.concat());
        }
        if let Some(c) = body.chars().nth(rng.below(body.chars().count()))
            && is_han(c)
            && chars.len() < CHAR_QUERIES
        {
            chars.push(c.to_string());
        }
    }
    (words, chars)
}

fn edition_text_bytes(edition: &Edition) -> u64 {
    edition
        .articles()
        .map(|(_, a)| a.text_fields().map(str::len).sum::<usize>() as u64)
        .sum()
}

fn vm_kib(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|n| n.parse().ok())
        })
        .unwrap_or(0)
}

fn dir_bytes(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}
