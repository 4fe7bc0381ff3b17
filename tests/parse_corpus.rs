//! The page parser on real newspaper text beyond the sample: People's Daily,
//! January 1998 (fetched by `scripts/fetch-corpus.sh`; skipped when absent).

#[path = "../benches/support/corpus.rs"]
mod jianbao_corpus;

use jianbao::archive::parse::{articles_visible_chars, parse_text, visible_chars};

#[test]
fn peoples_daily_1998_parses_losslessly_into_plausible_articles() {
    let Some(corpus) = jianbao_corpus::read_corpus() else {
        return;
    };
    let page = jianbao_corpus::corpus_page_text(&corpus);
    let (articles, _) = parse_text(&page);
    assert_eq!(articles_visible_chars(&articles), visible_chars(&page));

    // The month has about 2,900 articles; title and byline detection should land near it.
    let count = articles.len();
    assert!((2_500..=3_800).contains(&count), "{count} articles");
    let titled = articles.iter().filter(|a| a.headline.is_some()).count();
    let with_byline = articles.iter().filter(|a| a.byline.is_some()).count();
    let with_reporters = articles.iter().filter(|a| !a.reporters.is_empty()).count();
    println!(
        "{count} articles, {titled} titled, {with_byline} with a byline, {with_reporters} naming reporters"
    );
    assert!(titled * 10 >= count * 8, "{titled} of {count} titled");
    assert!(
        with_byline * 2 >= count,
        "{with_byline} of {count} with a byline"
    );
    assert!(
        with_reporters * 4 >= count,
        "{with_reporters} of {count} naming reporters"
    );
}
