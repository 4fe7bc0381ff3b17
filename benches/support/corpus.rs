//! Real Chinese text for tests and benchmarks: People's Daily, January 1998
//! (PKU `word/POS` format, fetched by `scripts/fetch-corpus.sh`) and articles
//! recombined from real paragraphs.
#![allow(dead_code)]

use std::path::PathBuf;

use chrono::NaiveDate;
use jianbao::archive::Store;
use jianbao::archive::import::merge_page;
use jianbao::archive::model::{Article, ArticleId, Edition, Page, Project, TagDef, TagId};
use jianbao::archive::parse::parse_text;

/// Where the corpus is: `$JIANBAO_CORPUS`, else `target/corpus/199801.txt`.
pub fn corpus_path() -> PathBuf {
    std::env::var_os("JIANBAO_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/corpus/199801.txt")
        })
}

/// The corpus text, or `None` after printing that the caller is skipped
/// (tests that need it pass without it; `.ci/run` fetches it first).
pub fn read_corpus() -> Option<String> {
    let path = corpus_path();
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            println!(
                "skipped: {}: {e}; run scripts/fetch-corpus.sh or set JIANBAO_CORPUS",
                path.display()
            );
            None
        }
    }
}

/// The raw text of one corpus line: the words without their `/POS` tags
/// (and without bracketed-compound marks), or `None` for a blank line.
pub fn corpus_line(line: &str) -> Option<String> {
    let text: String = corpus_words(line).collect();
    (!text.is_empty()).then_some(text)
}

/// The hand-segmented words of one corpus line, in order.
pub fn corpus_words(line: &str) -> impl Iterator<Item = &str> {
    line.split_whitespace().filter_map(|token| {
        let token = token.trim_start_matches('[');
        // `word/pos`, or `word/pos]nt` closing a bracketed compound.
        let word = match token.rfind('/') {
            Some(slash) => &token[..slash],
            None => token,
        };
        (!word.is_empty()).then_some(word)
    })
}

/// The corpus as the text of one long page: a paragraph a line in the
/// corpus, blank lines between them here, as page files have them.
pub fn corpus_page_text(corpus: &str) -> String {
    corpus
        .lines()
        .filter_map(corpus_line)
        .map(|text| text + "\n\n")
        .collect()
}

/// The corpus as editions of January 1998: the page parser splits it into
/// articles, spread evenly over the 31 days, 10 articles to a page.
pub fn editions(corpus: &str) -> Vec<Edition> {
    let (articles, _) = parse_text(&corpus_page_text(corpus));
    let per_day = articles.len().div_ceil(31).max(1);
    let mut editions: Vec<Edition> = Vec::new();
    for (day, chunk) in articles.chunks(per_day).enumerate() {
        let Some(date) = NaiveDate::from_ymd_opt(1998, 1, day as u32 + 1) else {
            break;
        };
        let mut edition = Edition::new(date);
        for (page, on_page) in chunk.chunks(10).enumerate() {
            let page = Page {
                number: page as u32 + 1,
                ..Page::default()
            };
            merge_page(&mut edition, page, on_page.to_vec(), false);
        }
        editions.push(edition);
    }
    editions
}

/// Paragraphs of real text to recombine: the corpus when present, else the
/// sample page's blocks.
pub fn paragraph_pool(sample: &str) -> (Vec<String>, &'static str) {
    if let Ok(text) = std::fs::read_to_string(corpus_path()) {
        let pool: Vec<String> = text
            .lines()
            .filter_map(corpus_line)
            .filter(|t| t.chars().count() >= 20)
            .collect();
        if !pool.is_empty() {
            return (pool, "People's Daily 1998 paragraphs");
        }
    }
    let pool = sample
        .split("\n\n")
        .map(|b| b.trim().replace('\n', ""))
        .filter(|b| b.chars().count() >= 20)
        .collect();
    (pool, "sample-page paragraphs (corpus not downloaded)")
}

/// A small deterministic random generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// A number below `bound`.
    pub fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as usize % bound.max(1)
    }
}

const REPORTERS: [&str; 12] = [
    "张可馨",
    "朱梦琪",
    "黄雅婷",
    "宋祎凡",
    "施明慎",
    "李皓",
    "王晓峰",
    "陈静",
    "刘洋",
    "赵敏",
    "孙伟",
    "周婷",
];
const TAGS: [&str; 8] = [
    "党建",
    "生态",
    "经济",
    "民生",
    "教育",
    "文化",
    "苏陕协作",
    "乡村振兴",
];

/// Saves the tags generated editions use (ids 1..) as `store`'s vocabulary.
pub fn add_tag_vocabulary(store: &mut Store) {
    let project = Project {
        tags: TAGS
            .iter()
            .enumerate()
            .map(|(i, name)| TagDef {
                id: TagId(i as u32 + 1),
                name: name.to_string(),
                ..TagDef::default()
            })
            .collect(),
        next_tag_id: TAGS.len() as u32 + 1,
        ..store.project().clone()
    };
    store
        .save_project(project)
        .expect("save the tag vocabulary");
}

/// Articles per edition in generated corpora (8 pages of 5).
pub const ARTICLES_PER_EDITION: usize = 40;

/// The `n`th generated edition: 40 articles of about `target_chars`
/// characters each, recombined from `pool`, dated one day after another.
pub fn generated_edition(pool: &[String], n: usize, target_chars: usize) -> Edition {
    let start = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap_or_default();
    let date = start + chrono::Days::new(n as u64);
    let mut rng = Rng::new(n as u64 + 1);
    let mut edition = Edition::new(date);
    for page in 1..=8u32 {
        let mut articles = Vec::new();
        for seq in 1..=5u32 {
            let headline: String = pool[rng.below(pool.len())]
                .chars()
                .take(8 + rng.below(14))
                .collect();
            let mut paragraphs = Vec::new();
            let mut chars = 0;
            while chars < target_chars {
                let p = &pool[rng.below(pool.len())];
                chars += p.chars().count();
                paragraphs.push(p.clone());
            }
            let tags = (0..rng.below(3))
                .map(|_| TagId(rng.below(TAGS.len()) as u32 + 1))
                .collect::<Vec<_>>();
            let tags = tags.iter().fold(Vec::new(), |mut unique, t| {
                if !unique.contains(t) {
                    unique.push(*t);
                }
                unique
            });
            articles.push(Article {
                id: ArticleId::new(date, page, seq),
                headline: Some(headline),
                reporters: vec![REPORTERS[rng.below(REPORTERS.len())].to_string()],
                paragraphs,
                tags,
                ..Article::default()
            });
        }
        edition.pages.push(Page {
            number: page,
            articles,
            ..Page::default()
        });
    }
    edition
}
