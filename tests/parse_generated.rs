//! The page parser on generated pages whose articles are known: People's Daily
//! 1998 text printed with kickers, subtitles, bylines of every shape, news in
//! brief, broken paragraphs, indentation and legacy encodings (see
//! `support/generated_pages.rs`). Skipped without the corpus.
//!
//! The rules were tuned on [`TUNING_SEED`] only; [`UNSEEN_SEED`] measures them
//! on pages they were not tuned on. Pages that mix layouts per article and per
//! column band ([`Material::mixed_page`], issue 23) have their own pair,
//! [`MIXED_TUNING_SEED`] and [`MIXED_UNSEEN_SEED`]. Run with `-- --nocapture`
//! to see the figures.

#[path = "../benches/support/corpus.rs"]
mod jianbao_corpus;
mod support;

use jianbao::archive::model::Article;
use jianbao::archive::parse::{articles_visible_chars, decode, parse_bytes, visible_chars};

use support::generated_pages::{GeneratedPage, Material, Truth};

/// The seed the rules were tuned on.
const TUNING_SEED: u64 = 0xA;
/// A seed never looked at while tuning.
const UNSEEN_SEED: u64 = 0xB;
/// Pages generated for each seed.
const PAGES: usize = 200;

/// Exact-article share on the unseen seed, 0.981 (896 of 913) when set, less
/// a little: it may only go up.
const UNSEEN_EXACT_FLOOR: f64 = 0.975;
/// Exact-article share on the tuning seed, 0.984 (875 of 889) when set, less a little.
const TUNING_EXACT_FLOOR: f64 = 0.98;
/// Share of articles with reporters whose reporters all came out: 674 of 676
/// on the unseen seed, 647 of 647 on the tuning seed when set.
const REPORTERS_FLOOR: f64 = 0.99;

/// The seed the rules were tuned on for pages that mix layouts per article
/// and per column band ([`Material::mixed_page`]).
const MIXED_TUNING_SEED: u64 = 0xC;
/// A seed of mixed pages never looked at while tuning.
const MIXED_UNSEEN_SEED: u64 = 0xD;
/// Exact-article share on mixed pages (issue 23's goal): 0.982 (879 of 895)
/// on the unseen seed and 0.988 (909 of 920) on the tuning seed when set,
/// from 0.772 and 0.743 with the page-wide indentation rule it replaced.
const MIXED_EXACT_FLOOR: f64 = 0.98;

/// What the parser got right on a set of pages.
#[derive(Debug, Default)]
struct Score {
    pages: usize,
    articles: usize,
    parsed_articles: usize,
    exact: usize,
    lossless_pages: usize,
    with_reporters: usize,
    reporters_found: usize,
    kickers_and_subtitles: usize,
    kickers_and_subtitles_right: usize,
}

impl Score {
    fn exact_share(&self) -> f64 {
        self.exact as f64 / self.articles.max(1) as f64
    }

    fn reporters_share(&self) -> f64 {
        self.reporters_found as f64 / self.with_reporters.max(1) as f64
    }

    fn print(&self, label: &str) {
        println!(
            "{label}: {} pages, {} articles ({} parsed): {:.1}% exactly right; \
             lossless on {}/{} pages; reporters right in {}/{} bylined articles; \
             kicker and subtitle right in {}/{}",
            self.pages,
            self.articles,
            self.parsed_articles,
            100.0 * self.exact_share(),
            self.lossless_pages,
            self.pages,
            self.reporters_found,
            self.with_reporters,
            self.kickers_and_subtitles_right,
            self.kickers_and_subtitles,
        );
    }
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn squeeze_opt(text: &Option<String>) -> String {
    text.as_deref().map(squeeze).unwrap_or_default()
}

/// Whether `parsed` has the truth's headline and paragraphs, whitespace aside
/// (layout joins a broken paragraph's pieces without a separator).
fn exactly_right(truth: &Truth, parsed: &Article) -> bool {
    squeeze_opt(&parsed.headline) == squeeze(&truth.headline)
        && parsed.paragraphs.len() == truth.paragraphs.len()
        && parsed
            .paragraphs
            .iter()
            .zip(&truth.paragraphs)
            .all(|(p, t)| squeeze(p) == squeeze(t))
}

/// How the pages of a seed are made: [`Material::page`] or [`Material::mixed_page`].
type MakePage = fn(&Material, u64, usize) -> GeneratedPage;

fn score(
    material: &Material,
    make: MakePage,
    seed: u64,
    pages: usize,
    show_failures: bool,
) -> Score {
    let mut score = Score::default();
    for n in 0..pages {
        let page = make(material, seed, n);
        score.pages += 1;
        score.articles += page.articles.len();
        // A page that does not decode counts as wrong throughout.
        let (Ok(parsed), Ok(decoded)) = (parse_bytes(&page.bytes), decode(&page.bytes)) else {
            println!("page {n} ({}) does not decode", page.description);
            continue;
        };
        let text = decoded.text;
        score.parsed_articles += parsed.articles.len();
        if articles_visible_chars(&parsed.articles) == visible_chars(&text) {
            score.lossless_pages += 1;
        }
        let mut unmatched: Vec<&Article> = parsed.articles.iter().collect();
        for truth in &page.articles {
            let found = unmatched
                .iter()
                .position(|a| squeeze_opt(&a.headline) == squeeze(&truth.headline));
            let parsed_article = found.map(|at| unmatched.remove(at));
            if !truth.reporters.is_empty() {
                score.with_reporters += 1;
                if parsed_article.is_some_and(|a| a.reporters == truth.reporters) {
                    score.reporters_found += 1;
                }
            }
            if truth.kicker.is_some() || truth.subtitle.is_some() {
                score.kickers_and_subtitles += 1;
                if parsed_article.is_some_and(|a| {
                    squeeze_opt(&a.kicker) == squeeze_opt(&truth.kicker)
                        && squeeze_opt(&a.subtitle) == squeeze_opt(&truth.subtitle)
                }) {
                    score.kickers_and_subtitles_right += 1;
                }
            }
            if parsed_article.is_some_and(|a| exactly_right(truth, a)) {
                score.exact += 1;
            } else if show_failures {
                let short = |t: &str| t.chars().take(16).collect::<String>();
                println!(
                    "--- page {n} ({}): expected {:?} {:?} {:?} {:?} {:?}",
                    page.description,
                    truth.kicker,
                    truth.headline,
                    truth.subtitle,
                    truth.reporters,
                    truth
                        .paragraphs
                        .iter()
                        .map(|p| short(p))
                        .collect::<Vec<_>>()
                );
                for a in &parsed.articles {
                    println!(
                        "    got {:?} {:?} {:?} {:?} {:?}",
                        a.kicker,
                        a.headline,
                        a.subtitle,
                        a.reporters,
                        a.paragraphs.iter().map(|p| short(p)).collect::<Vec<_>>()
                    );
                }
                if let Some(dir) = std::env::var_os("JIANBAO_DUMP_PAGES") {
                    let path = std::path::Path::new(&dir).join(format!("page-{n}.txt"));
                    let _ = std::fs::write(path, &page.text);
                }
            }
        }
    }
    score
}

fn material() -> Option<Material> {
    let corpus = jianbao_corpus::read_corpus()?;
    let material = Material::from_corpus(&corpus);
    println!("{} stories cut from the corpus", material.story_count());
    Some(material)
}

/// The pages the rules were tuned on; `JIANBAO_SHOW_FAILURES=1` prints each miss
/// (and `JIANBAO_DUMP_PAGES=DIR` writes the pages with one).
#[test]
fn tuning_seed_pages_parse_exactly() {
    let Some(material) = material() else {
        return;
    };
    let show = std::env::var_os("JIANBAO_SHOW_FAILURES").is_some();
    // More pages of the same seed to tune on: `JIANBAO_TUNING_PAGES=300`.
    let pages = std::env::var("JIANBAO_TUNING_PAGES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(PAGES);
    let score = score(&material, Material::page, TUNING_SEED, pages, show);
    score.print("tuning seed");
    assert_eq!(score.lossless_pages, score.pages);
    assert!(score.exact_share() >= TUNING_EXACT_FLOOR);
    assert!(score.reporters_share() >= REPORTERS_FLOOR);
}

/// Pages the rules never saw while being tuned.
#[test]
fn unseen_seed_pages_parse_exactly() {
    let Some(material) = material() else {
        return;
    };
    let score = score(&material, Material::page, UNSEEN_SEED, PAGES, false);
    score.print("unseen seed");
    assert!(score.articles >= 180, "{} articles", score.articles);
    assert_eq!(score.lossless_pages, score.pages);
    assert!(
        score.exact_share() >= UNSEEN_EXACT_FLOOR,
        "{:.3} exactly right",
        score.exact_share()
    );
    assert!(
        score.reporters_share() >= REPORTERS_FLOOR,
        "{:.3} with their reporters",
        score.reporters_share()
    );
}

/// Pages mixing layouts per article, on the seed the rules were tuned on;
/// `JIANBAO_SHOW_FAILURES=1` prints each miss.
#[test]
fn mixed_layout_tuning_seed_pages_parse_exactly() {
    let Some(material) = material() else {
        return;
    };
    let show = std::env::var_os("JIANBAO_SHOW_FAILURES").is_some();
    let pages = std::env::var("JIANBAO_TUNING_PAGES")
        .ok()
        .and_then(|p| p.parse().ok())
        .unwrap_or(PAGES);
    let score = score(
        &material,
        Material::mixed_page,
        MIXED_TUNING_SEED,
        pages,
        show,
    );
    score.print("mixed layouts, tuning seed");
    assert_eq!(score.lossless_pages, score.pages);
    assert!(score.exact_share() >= MIXED_EXACT_FLOOR);
    assert!(score.reporters_share() >= REPORTERS_FLOOR);
}

/// Pages mixing layouts per article that the rules never saw while being tuned.
#[test]
fn mixed_layout_unseen_seed_pages_parse_exactly() {
    let Some(material) = material() else {
        return;
    };
    let score = score(
        &material,
        Material::mixed_page,
        MIXED_UNSEEN_SEED,
        PAGES,
        false,
    );
    score.print("mixed layouts, unseen seed");
    assert!(score.articles >= 180, "{} articles", score.articles);
    assert_eq!(score.lossless_pages, score.pages);
    assert!(
        score.exact_share() >= MIXED_EXACT_FLOOR,
        "{:.3} exactly right",
        score.exact_share()
    );
    assert!(
        score.reporters_share() >= REPORTERS_FLOOR,
        "{:.3} with their reporters",
        score.reporters_share()
    );
}
