//! Export throughput: 10,000 generated articles (~1,200 characters each,
//! recombined from People's Daily 1998 paragraphs when
//! `scripts/fetch-corpus.sh` has fetched them, else from the sample page)
//! loaded from RON edition files with `load_records`, then written in every
//! format to memory; prints articles/s and MB/s of output per format.
//!
//! `cargo bench --bench export`; `JIANBAO_BENCH_ARTICLES=N` changes the count.

#[path = "support/corpus.rs"]
mod corpus;

use std::io::Cursor;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

use corpus::{ARTICLES_PER_EDITION, add_tag_vocabulary, generated_edition, paragraph_pool};
use jianbao::archive::Store;
use jianbao::archive::export::{self, ExportFormat, ExportOptions, Ticker};
use jianbao::archive::model::ArticleId;

const SAMPLE: &str = include_str!("../assets/wujin-daily-2024-06-28.txt");
const ARTICLE_CHARS: usize = 1_200;

fn main() {
    let articles: usize = std::env::var("JIANBAO_BENCH_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let (pool, source) = paragraph_pool(SAMPLE);
    println!(
        "# jianbao export benchmark — {articles} articles of ~{ARTICLE_CHARS} chars recombined from {source}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let mut store = Store::create(dir.path(), "武进日报").expect("create a project");
    add_tag_vocabulary(&mut store);
    let mut ids: Vec<ArticleId> = Vec::with_capacity(articles);
    for n in 0..articles.div_ceil(ARTICLES_PER_EDITION) {
        let edition = generated_edition(&pool, n, ARTICLE_CHARS);
        ids.extend(edition.articles().map(|(_, a)| a.id.clone()));
        store.save_edition(&edition).expect("save an edition");
    }
    ids.truncate(articles);

    let never = AtomicBool::new(false);
    let started = Instant::now();
    let loaded = export::load_records(&store, &ids, &never).expect("load the articles");
    let secs = started.elapsed().as_secs_f64();
    let records = loaded.records;
    println!(
        "{:<6} {:>9.0} articles/s  ({:.2} s, each edition file read once)",
        "load",
        records.len() as f64 / secs,
        secs
    );

    for format in ExportFormat::ALL {
        let options = ExportOptions::new(format, "武进日报", "基准测试");
        let mut out = Cursor::new(Vec::new());
        let mut progress = |_, _| {};
        let mut ticker = Ticker::new(records.len(), &mut progress, &never);
        let started = Instant::now();
        export::write_export(&mut out, &records, &options, &mut ticker).expect("export");
        let secs = started.elapsed().as_secs_f64();
        let bytes = out.into_inner().len();
        println!(
            "{:<6} {:>9.0} articles/s  {:>7.1} MB/s  ({:.2} s, {:.1} MB)",
            format.extension(),
            records.len() as f64 / secs,
            bytes as f64 / 1e6 / secs,
            secs,
            bytes as f64 / 1e6
        );
    }
}
