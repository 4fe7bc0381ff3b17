//! Entity extraction measured: precision, recall and F1 per kind on days
//! of People's Daily 1998 the model was not trained on (tune: 21–25, which
//! chose the epoch; report: 26–31), beside jieba's dictionary POS tags
//! (nr/ns/nt) as the baseline; each paragraph alone, and runs of 7
//! paragraphs as article-sized texts; then the time per article of
//! `extract` and of `dates::resolve`.
//!
//! `scripts/fetch-corpus.sh && cargo bench --bench entities -- --report`,
//! or `cargo bench --bench entities -- --corpus PATH` (also
//! `$JIANBAO_CORPUS`); `--model FILE` evaluates another model file;
//! `--report` adds the report days (the final figures); `--errors` prints
//! the tune days' person errors.
//! Articles for timing are corpus paragraphs joined to ~600 characters.

#[path = "support/corpus.rs"]
mod corpus;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use jianbao::archive::entities::corpus::{GoldLine, read, score};
use jianbao::archive::entities::{self, EntityKind, Mention, Model, dates, extract_with};

const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = corpus::corpus_path();
    let mut model_path = None;
    let mut report = false;
    let mut errors = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--corpus" => path = args.next().map(Into::into).unwrap_or(path),
            "--model" => model_path = args.next(),
            "--report" => report = true,
            "--errors" => errors = true,
            _ => {}
        }
    }
    let other_model = model_path.map(|p| {
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{p}: {e}"));
        Model::from_bytes(&bytes).unwrap_or_else(|e| panic!("{p}: {e}"))
    });
    let model = other_model.as_ref().unwrap_or_else(|| entities::model());
    let extract = |text: &str| extract_with(model, text);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            println!(
                "skipped: {}: {e}; run scripts/fetch-corpus.sh or pass --corpus PATH",
                path.display()
            );
            return;
        }
    };
    let lines = read(&text);
    let jieba = jieba_rs::Jieba::new();
    println!("# jianbao entities benchmark — {}", path.display());
    // The report days are for the final figures: shown only with --report,
    // so that choices are made on the tune days.
    let mut sets = vec![("tune days 21-25", 21..=25)];
    if report {
        sets.push(("report days 26-31", 26..=31));
    }
    for (name, days) in sets {
        let held: Vec<&GoldLine> = lines.iter().filter(|l| days.contains(&l.day)).collect();
        let chars: usize = held.iter().map(|l| l.text.chars().count()).sum();
        println!("\n## {name}: {} paragraphs, {chars} characters", held.len());
        let mut ours = BTreeMap::new();
        let mut baseline = BTreeMap::new();
        for l in &held {
            let found = extract(&l.text);
            if errors && l.day <= 25 {
                print_errors(&l.text, &found, &l.entities);
            }
            score(&found, &l.entities, &mut ours);
            score(&jieba_pos(&jieba, &l.text), &l.entities, &mut baseline);
        }
        // Article-sized texts: the corpus marks no articles, so runs of 7
        // paragraphs (its mean article length) stand in for them; a name
        // found once in a text is then found where it repeats.
        let mut blocks = BTreeMap::new();
        for run in held.chunks(7) {
            let mut text = String::new();
            let mut gold = Vec::new();
            let mut offset = 0;
            for l in run {
                text.push_str(&l.text);
                text.push('\n');
                gold.extend(
                    l.entities
                        .iter()
                        .map(|(k, r)| (*k, r.start + offset..r.end + offset)),
                );
                offset += l.text.chars().count() + 1;
            }
            score(&extract(&text), &gold, &mut blocks);
        }
        println!(
            "| kind | gold | P | R | F1 | per 7 paragraphs: P | R | F1 | jieba POS P | R | F1 |"
        );
        println!("|---|---|---|---|---|---|---|---|---|---|---|");
        for kind in KINDS {
            let o = ours.get(&kind).copied().unwrap_or_default();
            let a = blocks.get(&kind).copied().unwrap_or_default();
            let b = baseline.get(&kind).copied().unwrap_or_default();
            println!(
                "| {kind:?} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
                o.gold,
                o.precision(),
                o.recall(),
                o.f1(),
                a.precision(),
                a.recall(),
                a.f1(),
                b.precision(),
                b.recall(),
                b.f1()
            );
        }
    }

    // Timing on articles of ~600 characters (report days' paragraphs).
    let mut articles = Vec::new();
    let mut current = String::new();
    for l in lines.iter().filter(|l| l.day >= 26) {
        current.push_str(&l.text);
        current.push('\n');
        if current.chars().count() >= 600 {
            articles.push(std::mem::take(&mut current));
        }
    }
    let mean_chars =
        articles.iter().map(|a| a.chars().count()).sum::<usize>() as f64 / articles.len() as f64;
    println!(
        "\n## time per article ({} articles, {mean_chars:.0} characters on average)",
        articles.len()
    );
    let edition = NaiveDate::from_ymd_opt(1998, 1, 28).unwrap_or_default();
    let extract_us = time_per(&articles, |a| black_box(extract(a)).len());
    let dates_us = time_per(&articles, |a| black_box(dates::resolve(a, edition)).len());
    let jieba_us = time_per(&articles, |a| black_box(jieba.tag(a, true)).len());
    println!("| step | µs/article |");
    println!("|---|---|");
    println!("| entities::extract | {extract_us:.1} |");
    println!("| dates::resolve | {dates_us:.1} |");
    println!("| jieba tag (for scale) | {jieba_us:.1} |");
}

/// Tune-day people missed (`FN`) and wrongly found (`FP`), with context.
fn print_errors(text: &str, found: &[Mention], gold: &[(EntityKind, std::ops::Range<usize>)]) {
    let chars: Vec<char> = text.chars().collect();
    let show = |r: &std::ops::Range<usize>| {
        let before: String = chars[r.start.saturating_sub(8)..r.start].iter().collect();
        let name: String = chars[r.clone()].iter().collect();
        let after: String = chars[r.end..(r.end + 8).min(chars.len())].iter().collect();
        format!("{name}\t{before}[{name}]{after}")
    };
    for (k, r) in gold {
        if *k == EntityKind::Person && !found.iter().any(|m| m.kind == *k && m.chars == *r) {
            println!("FN {}", show(r));
        }
    }
    for m in found {
        if m.kind == EntityKind::Person && !gold.iter().any(|(k, r)| *k == m.kind && *r == m.chars)
        {
            println!("FP {}", show(&m.chars));
        }
    }
}

/// Mean microseconds per article over repeated passes (at least 2 s).
fn time_per(articles: &[String], mut f: impl FnMut(&str) -> usize) -> f64 {
    for a in articles.iter().take(50) {
        f(a);
    }
    let started = Instant::now();
    let mut n = 0usize;
    while started.elapsed() < Duration::from_secs(2) {
        for a in articles {
            f(a);
            n += 1;
        }
    }
    started.elapsed().as_secs_f64() * 1e6 / n as f64
}

/// The baseline: jieba's dictionary POS tags, adjacent `nr` joined.
fn jieba_pos(jieba: &jieba_rs::Jieba, text: &str) -> Vec<Mention> {
    let mut out: Vec<Mention> = Vec::new();
    let mut pos = 0;
    for t in jieba.tag(text, true) {
        let n = t.word.chars().count();
        let kind = match t.tag {
            "nr" => Some(EntityKind::Person),
            "ns" => Some(EntityKind::Place),
            "nt" => Some(EntityKind::Org),
            _ => None,
        };
        if let Some(kind) = kind {
            match out.last_mut() {
                Some(m) if kind == EntityKind::Person && m.kind == kind && m.chars.end == pos => {
                    m.chars.end = pos + n;
                    m.name.push_str(t.word);
                }
                _ => out.push(Mention {
                    kind,
                    chars: pos..pos + n,
                    name: t.word.to_string(),
                    title: None,
                }),
            }
        }
        pos += n;
    }
    out
}
