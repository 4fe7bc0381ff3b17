//! Page text -> articles: decoding, layout (titles, article boundaries,
//! paragraph repair) and bylines.
//!
//! Parsing is lossless: every non-whitespace character of the input lands in
//! exactly one field of one article, in order ([`Article::text_fields`]).
//! What cannot be classified is kept (as an untitled article or an extra
//! paragraph) and reported as a [`ParseWarning`].

mod byline;
mod decode;
mod layout;
mod signals;

pub use byline::{Byline, find_byline, signature, standalone_byline};
pub use decode::{DecodeError, Decoded, decode};
pub use layout::ends_sentence;

use crate::archive::model::Article;

/// Something the parser kept but could not classify with confidence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ParseWarning {
    /// 1-based line of the input where it starts.
    pub line: usize,
    /// What was done with it.
    pub message: String,
}

impl std::fmt::Display for ParseWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// The articles of one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPage {
    /// Encoding the text was decoded from.
    pub encoding: &'static str,
    /// Articles in reading order; ids are assigned on import.
    pub articles: Vec<Article>,
    /// What was kept without confident classification.
    pub warnings: Vec<ParseWarning>,
}

/// Parses the text of one page.
pub fn parse_text(text: &str) -> (Vec<Article>, Vec<ParseWarning>) {
    let mut warnings = Vec::new();
    let articles = layout::articles(text, &mut warnings);
    (articles, warnings)
}

/// Decodes and parses the bytes of one page file.
pub fn parse_bytes(bytes: &[u8]) -> Result<ParsedPage, DecodeError> {
    let Decoded { text, encoding } = decode(bytes)?;
    let (articles, warnings) = parse_text(&text);
    Ok(ParsedPage {
        encoding,
        articles,
        warnings,
    })
}

/// The non-whitespace characters of `text`, in order: what parsing must preserve.
pub fn visible_chars(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The non-whitespace characters of all articles' fields, in order.
pub fn articles_visible_chars(articles: &[Article]) -> String {
    articles
        .iter()
        .flat_map(Article::text_fields)
        .flat_map(str::chars)
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const SAMPLE: &str = include_str!("../../../assets/wujin-daily-2024-06-28.txt");

    fn one_line(s: &Option<String>) -> Option<String> {
        s.as_ref().map(|s| s.to_string())
    }

    #[test]
    fn sample_page_gives_the_four_articles() {
        let (articles, warnings) = parse_text(SAMPLE);
        assert!(warnings.is_empty(), "{warnings:?}");
        let summary: Vec<_> = articles
            .iter()
            .map(|a| {
                (
                    one_line(&a.kicker),
                    one_line(&a.headline),
                    a.reporters.clone(),
                    a.paragraphs.len(),
                )
            })
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            summary,
            vec![
                (
                    s("武进—汉滨 2024 年苏陕协作工作联席会召开"),
                    s("高质量推动苏陕协作走深走实"),
                    vec!["张可馨".to_string()],
                    6
                ),
                (
                    None,
                    s("2024年区委党建工作\n领导小组第二次会议召开"),
                    vec!["朱梦琪".to_string()],
                    6
                ),
                (
                    s("乔俊杰督查突出环境问题整改工作推进情况"),
                    s("有力抓实问题整改\n持续改善生态环境质量"),
                    vec!["黄雅婷".to_string()],
                    5
                ),
                (
                    None,
                    s("区领导调研乡村振兴工作"),
                    vec!["宋祎凡".to_string()],
                    3
                ),
            ]
        );
        assert_eq!(articles[0].byline.as_deref(), Some("本报讯（记者 张可馨）"));
        assert!(articles[0].paragraphs[0].starts_with("6月26日—27日"));
        assert!(articles[1].paragraphs[2].contains("“两湖”创新区建设"));
        assert!(articles[3].paragraphs[1].contains("刘家村住基漕全长260米"));
        assert!(articles[0].paragraphs[1].contains("倍感振奋、由衷钦佩"));
    }

    #[test]
    fn sample_is_lossless() {
        let (articles, _) = parse_text(SAMPLE);
        assert_eq!(articles_visible_chars(&articles), visible_chars(SAMPLE));
    }

    #[test]
    fn crlf_gbk_and_indented_copies_parse_the_same() {
        let (expected, _) = parse_text(SAMPLE);
        let crlf = SAMPLE.replace('\n', "\r\n");
        let (gbk, _, unmappable) = encoding_rs::GB18030.encode(&crlf);
        assert!(!unmappable);
        let page = parse_bytes(&gbk).unwrap();
        assert_eq!(page.encoding, "GB18030");
        assert_eq!(page.articles, expected);
        let indented: String = SAMPLE
            .lines()
            .map(|l| {
                if l.is_empty() {
                    "\n".to_string()
                } else {
                    format!("　　{l}\n")
                }
            })
            .collect();
        assert_eq!(parse_text(&indented).0, expected);
    }

    #[test]
    fn kicker_headline_subtitle_and_untitled_text() {
        let text = "引题一行\n\n主标题\n\n——副标题在此\n\n新华社北京１２月３０日电（记者 李斌）正文第一段。\n\n第二段。";
        let (articles, warnings) = parse_text(text);
        assert!(warnings.is_empty());
        let a = &articles[0];
        assert_eq!(a.kicker.as_deref(), Some("引题一行"));
        assert_eq!(a.headline.as_deref(), Some("主标题"));
        assert_eq!(a.subtitle.as_deref(), Some("——副标题在此"));
        assert_eq!(a.reporters, vec!["李斌"]);
        assert_eq!(a.paragraphs, vec!["正文第一段。", "第二段。"]);

        let (articles, warnings) = parse_text("没有标题的正文，直接开始。\n\n第二段。");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].headline, None);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, 1);
    }

    #[test]
    fn subheads_stay_inside_their_article() {
        let text = "标题\n\n本报讯 第一段。\n\n一、坚持党的领导\n\n第二段。";
        let (articles, _) = parse_text(text);
        assert_eq!(articles.len(), 1);
        assert_eq!(
            articles[0].paragraphs,
            vec!["第一段。", "一、坚持党的领导", "第二段。"]
        );
    }

    #[test]
    fn broken_paragraph_starts_are_not_titles() {
        // Issue 9's examples: pieces with commas, a leading `据…，`, a next block
        // opening mid-word, a word split across the break.
        let text = "标题\n\n本报讯 第一段。\n\n\
                    第三，确定境外发行主体资格，逐步完成发债主体由“窗口管理”向\n\n\
                    程，建立科学、透明的信用评定管理体系。\n\n\
                    据介绍，这次评选出的优秀提案共３６件，占政协八届五次\n\n\
                    会议提案总数的一成。\n\n\
                    在今天进行的花样游\n\n泳双人技术预赛中，我国选手领先。";
        let (articles, _) = parse_text(text);
        assert_eq!(articles.len(), 1, "{articles:#?}");
        assert_eq!(articles[0].paragraphs.len(), 4);
        assert!(articles[0].paragraphs[1].ends_with("向程，建立科学、透明的信用评定管理体系。"));
    }

    #[test]
    fn indentation_tells_paragraph_starts_from_titles_and_pieces() {
        let text = "标题一\n\n　　本报讯 第一段。\n\n　　中国武术协会主席\n\n李杰代表中国武协讲话。\n\n\
                    \u{3000}\u{3000}第三段在这里断\n\n开了。\n\n标题二\n\n　　第二篇正文。";
        let (articles, _) = parse_text(text);
        let summary: Vec<_> = articles
            .iter()
            .map(|a| (a.headline.clone().unwrap_or_default(), a.paragraphs.clone()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "标题一".to_string(),
                    vec![
                        "第一段。".to_string(),
                        "中国武术协会主席李杰代表中国武协讲话。".to_string(),
                        "第三段在这里断开了。".to_string()
                    ]
                ),
                ("标题二".to_string(), vec!["第二篇正文。".to_string()])
            ]
        );
    }

    #[test]
    fn bylines_and_signatures_on_their_own_line() {
        let text = "安全飞行又一年\n\n本报记者祝谦\n\n１９９７年１２月３１日夜，严寒袭人。\n\n\
                    联合国安理会开会\n\n本报驻联合国记者周德武\n\n安理会今天开会。\n\n\
                    全运会闭幕\n\n汪大昭 （崔建时摄）\n\n全运会今天闭幕。";
        let (articles, _) = parse_text(text);
        let summary: Vec<_> = articles
            .iter()
            .map(|a| {
                (
                    a.headline.as_deref(),
                    a.byline.as_deref(),
                    a.reporters.clone(),
                )
            })
            .collect();
        let v = |s: &str| vec![s.to_string()];
        assert_eq!(
            summary,
            vec![
                (Some("安全飞行又一年"), Some("本报记者祝谦"), v("祝谦")),
                (
                    Some("联合国安理会开会"),
                    Some("本报驻联合国记者周德武"),
                    v("周德武")
                ),
                (Some("全运会闭幕"), Some("汪大昭 （崔建时摄）"), v("汪大昭")),
            ]
        );
        assert_eq!(articles[2].correspondents, v("崔建时"));
    }

    #[test]
    fn datelined_items_stay_in_their_round_up() {
        let text = "国内简讯\n\n新华社太原１月１４日电（记者张运）山西今天开会。\n\n\
                    本报讯（记者 李斌）北京今天下雪。\n\n新华社北京１月１４日电 国务院今天开会。";
        let (articles, warnings) = parse_text(text);
        assert!(warnings.is_empty());
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].headline.as_deref(), Some("国内简讯"));
        assert_eq!(articles[0].paragraphs.len(), 3);
        assert_eq!(articles[0].reporters, vec!["张运", "李斌"]);
    }

    #[test]
    fn subtitle_after_the_headline_on_its_line() {
        let (articles, _) =
            parse_text("小水利遍山乡——费县改革农田水利建设和管理纪实\n\n本报讯 正文。");
        assert_eq!(articles[0].headline.as_deref(), Some("小水利遍山乡"));
        assert_eq!(
            articles[0].subtitle.as_deref(),
            Some("——费县改革农田水利建设和管理纪实")
        );
    }

    /// An indented story of five paragraphs (one broken, its piece flush),
    /// closed by `credit` on a line of its own, as on a page that indents.
    fn indented_story(credit: &str) -> String {
        format!(
            "标题一\n\n\u{3000}\u{3000}本报讯 第一段在这里。\n\n\u{3000}\u{3000}第二段也在\n\n这里。\n\n\
             \u{3000}\u{3000}第三段。\n\n\u{3000}\u{3000}第四段。\n\n\u{3000}\u{3000}第五段。\n\n{credit}\n\n"
        )
    }

    #[test]
    fn a_flush_article_on_a_page_that_indents_keeps_its_paragraphs() {
        // Issue 23: an indented story closed by a credit, then a wire story
        // set flush, its third paragraph broken mid-word across a blank line.
        let text = indented_story("（陈晓红）")
            + "首都宗教界人士欢聚迎佳节\n\n\
               新华社北京１月２３日电（记者李鲲、王黎）中共中央统战部今天举行茶话会，共迎佳节。\n\n\
               国务院宗教事务局局长叶小文在茶话会上说，要做得更好。\n\n\
               全国政协副主席代表与会的宗教界人士发\n\n言，他们说，要为祖国服务。\n\n\
               宗教界人士表示拥护。";
        let (articles, _) = parse_text(&text);
        assert_eq!(articles.len(), 2, "{articles:#?}");
        assert_eq!(
            articles[0].paragraphs.len(),
            6,
            "{:#?}",
            articles[0].paragraphs
        );
        assert_eq!(articles[0].paragraphs[1], "第二段也在这里。");
        assert_eq!(
            articles[0].paragraphs[5], "（陈晓红）",
            "the credit is its own paragraph"
        );
        let wire = &articles[1];
        assert_eq!(wire.headline.as_deref(), Some("首都宗教界人士欢聚迎佳节"));
        assert_eq!(wire.reporters, vec!["李鲲", "王黎"]);
        assert_eq!(wire.paragraphs.len(), 4, "{:#?}", wire.paragraphs);
        assert_eq!(
            wire.paragraphs[2],
            "全国政协副主席代表与会的宗教界人士发言，他们说，要为祖国服务。"
        );
    }

    #[test]
    fn a_headline_with_a_quoted_phrase_after_a_credit_is_a_headline() {
        let text = indented_story("（新华社记者樊如钧摄）")
            + "英国贸工大臣在京发表演讲“中英携手共创未来”活动揭幕\n\n\
               \u{3000}\u{3000}新华社北京１月２３日电（记者李鲲）英国贸工大臣今天在京发表演讲。\n\n\
               \u{3000}\u{3000}活动将持续一周，\n\n到本月底。";
        let (articles, _) = parse_text(&text);
        assert_eq!(articles.len(), 2, "{articles:#?}");
        assert_eq!(articles[0].paragraphs[5], "（新华社记者樊如钧摄）");
        assert_eq!(
            articles[1].headline.as_deref(),
            Some("英国贸工大臣在京发表演讲“中英携手共创未来”活动揭幕")
        );
        assert_eq!(articles[1].reporters, vec!["李鲲"]);
        assert_eq!(
            articles[1].paragraphs,
            vec![
                "英国贸工大臣今天在京发表演讲。",
                "活动将持续一周，到本月底。"
            ]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Lossless on arbitrary text made of the characters that steer the parser.
        #[test]
        fn lossless_on_arbitrary_text(text in "([本报讯新华社电记者通讯员（）()、，。！？“”—一二三、 　\r\n\t甲乙丙2０a.]{0,12}\n{0,3}){0,30}") {
            let (articles, _) = parse_text(&text);
            prop_assert_eq!(articles_visible_chars(&articles), visible_chars(&text));
        }

        /// Lossless, and no panic, on any string at all.
        #[test]
        fn lossless_on_any_string(text in any::<String>()) {
            let (articles, _) = parse_text(&text);
            prop_assert_eq!(articles_visible_chars(&articles), visible_chars(&text));
        }

        /// Decoding never panics on random bytes; what decodes is lossless.
        #[test]
        fn no_panic_on_random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            if let Ok(page) = parse_bytes(&bytes) {
                let text = decode(&bytes).map(|d| d.text).unwrap_or_default();
                prop_assert_eq!(articles_visible_chars(&page.articles), visible_chars(&text));
            }
        }
    }
}
