//! Editing benchmark: on a 100,000-article archive, tag 10,000 selected
//! articles (saved and searchable), rename a tag used by every article, and
//! undo each — against the budgets of DESIGN.md (1 s; 50 ms; undo no slower
//! than the edit).
//!
//! `cargo bench --bench edit`; `JIANBAO_BENCH_EDIT_ARTICLES=20000` for a
//! smaller archive. Articles (~300 characters: editing cost does not depend
//! on text length) are recombined from People's Daily 1998 paragraphs when
//! `scripts/fetch-corpus.sh` has fetched them, else from the sample page.
//! The 10,000 selected articles are every tenth one, so they touch every
//! edition (the worst case for a store that rewrote edition files).

#[path = "support/corpus.rs"]
mod corpus;

use std::time::{Duration, Instant};

use corpus::{ARTICLES_PER_EDITION, add_tag_vocabulary, generated_edition, paragraph_pool};
use jianbao::archive::edit::Edit;
use jianbao::archive::model::TagDef;
use jianbao::archive::search::SearchRequest;
use jianbao::archive::{ArticleSelection, Session, Store};

const SAMPLE: &str = include_str!("../assets/wujin-daily-2024-06-28.txt");
const ARTICLE_CHARS: usize = 300;

fn main() {
    let articles: usize = std::env::var("JIANBAO_BENCH_EDIT_ARTICLES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000);
    let (pool, source) = paragraph_pool(SAMPLE);
    println!("# jianbao edit benchmark — {articles} articles recombined from {source}");
    let tmp = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let started = Instant::now();
    {
        let mut store = Store::create(tmp.path(), "bench").expect("project");
        add_tag_vocabulary(&mut store);
        for n in 0..articles.div_ceil(ARTICLES_PER_EDITION) {
            let mut edition = generated_edition(&pool, n, ARTICLE_CHARS);
            // Start untagged: the benchmark's tags are the only ones.
            for page in &mut edition.pages {
                for article in &mut page.articles {
                    article.tags.clear();
                }
            }
            store.save_edition(&edition).expect("save");
        }
    }
    let mut session = Session::open(tmp.path()).expect("open (builds the index)");
    println!(
        "# archive built and indexed in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let all = session
        .resolve(&ArticleSelection::Query(String::new()))
        .expect("all ids");
    assert_eq!(
        all.len(),
        articles.div_ceil(ARTICLES_PER_EDITION) * ARTICLES_PER_EDITION
    );
    let selected: Vec<_> = all.iter().step_by(10).take(10_000).cloned().collect();

    // 1. Tag 10,000 selected articles with a new tag: saved (the edit returns
    //    once it is on disk) and searchable (the count query sees it).
    let def = session.new_tag("专题");
    let tag = def.id;
    let t = Instant::now();
    session
        .apply(Edit::Batch(vec![
            Edit::CreateTag(def),
            Edit::Tag {
                articles: selected.clone(),
                add: vec![tag],
                remove: vec![],
            },
        ]))
        .expect("tag");
    let tagged = count(&session, "tag:专题");
    let tag_time = t.elapsed();
    assert_eq!(tagged, selected.len());
    let t = Instant::now();
    session.undo().expect("undo");
    let untagged = count(&session, "tag:专题");
    let tag_undo_time = t.elapsed();
    assert_eq!(untagged, 0);
    session.redo().expect("redo");

    // 2. Rename a tag every article carries.
    let everywhere = session
        .tag_named("党建")
        .expect("generated vocabulary")
        .clone();
    let t = Instant::now();
    session
        .apply(Edit::Tag {
            articles: all.clone(),
            add: vec![everywhere.id],
            remove: vec![],
        })
        .expect("tag all");
    let tag_all_time = t.elapsed();
    let t = Instant::now();
    session
        .apply(Edit::UpdateTag(TagDef {
            name: "党的建设".into(),
            ..everywhere.clone()
        }))
        .expect("rename");
    let rename_time = t.elapsed();
    assert_eq!(count(&session, "tag:党的建设"), all.len());
    let t = Instant::now();
    session.undo().expect("undo rename");
    let rename_undo_time = t.elapsed();
    assert_eq!(count(&session, "tag:党建"), all.len());

    let journal = session.store().journal().len();
    let t = Instant::now();
    session.close().expect("fold the journal");
    let fold_time = t.elapsed();

    println!("| step | time | budget |");
    println!("|---|---|---|");
    row(
        "tag 10,000 selected articles, saved + searchable",
        tag_time,
        Some(1_000.0),
    );
    row(
        "  undo it (and count again)",
        tag_undo_time,
        Some(ms(tag_time)),
    );
    row(
        &format!("tag all {} articles (setup)", all.len()),
        tag_all_time,
        None,
    );
    row(
        &format!("rename a tag on {} articles", all.len()),
        rename_time,
        Some(50.0),
    );
    row(
        "  undo the rename",
        rename_undo_time,
        Some(ms(rename_time).max(50.0)),
    );
    row(
        &format!("fold the journal ({journal} patches) into the editions on close"),
        fold_time,
        None,
    );
}

fn count(session: &Session, query: &str) -> usize {
    let mut request = SearchRequest::new(query);
    request.limit = 0;
    request.facets = false;
    session.search(&request).expect("search").total
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn row(step: &str, time: Duration, budget_ms: Option<f64>) {
    let verdict = match budget_ms {
        Some(b) if ms(time) <= b => format!("≤ {b:.0} ms ✓"),
        Some(b) => format!("≤ {b:.0} ms ✗ MISSED"),
        None => String::new(),
    };
    println!("| {step} | {:.1} ms | {verdict} |", ms(time));
}
