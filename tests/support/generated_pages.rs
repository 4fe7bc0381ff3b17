//! Test pages whose articles are known by construction, made from People's
//! Daily 1998 text: titles, kickers, subtitles, bylines of every shape, news
//! in brief, paragraphs broken at random points, indentation, GB18030, UTF-16
//! and CRLF — what the page parser meets on real pages.
#![allow(dead_code)]

use jianbao::archive::parse::{ends_sentence, find_byline};

use crate::jianbao_corpus::{Rng, corpus_line};

/// An article as generated: what the parser should give back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Truth {
    /// 引题, if the page printed one.
    pub kicker: Option<String>,
    /// 主题.
    pub headline: String,
    /// 副题 (starting with `——`), if any.
    pub subtitle: Option<String>,
    /// Every reporter named in the article's bylines, in order.
    pub reporters: Vec<String>,
    /// Body paragraphs, bylines removed from the first one only.
    pub paragraphs: Vec<String>,
}

/// One generated page file.
pub struct GeneratedPage {
    /// The file's bytes, as `parse_bytes` gets them.
    pub bytes: Vec<u8>,
    /// The page's text, before encoding.
    pub text: String,
    /// The articles printed on it, in order.
    pub articles: Vec<Truth>,
    /// How the page was printed, for failure reports.
    pub description: String,
}

/// Real text cut from the corpus to build pages with.
pub struct Material {
    /// Titles with the body paragraphs that followed them in the corpus.
    stories: Vec<Story>,
    /// Short titles to print as kickers and extra subtitles.
    short_titles: Vec<String>,
    /// Reporter names from the corpus's own bylines.
    names: Vec<String>,
}

struct Story {
    title: String,
    paragraphs: Vec<String>,
}

const PLACES: &[&str] = &[
    "北京",
    "上海",
    "广州",
    "太原",
    "南京",
    "武汉",
    "成都",
    "西安",
    "沈阳",
    "杭州",
    "长沙",
    "昆明",
    "拉萨",
    "乌鲁木齐",
    "哈尔滨",
    "天津",
    "重庆",
    "福州",
    "济南",
    "郑州",
    "香港",
    "东京",
    "华盛顿",
    "莫斯科",
    "巴黎",
    "伦敦",
    "开罗",
    "曼谷",
];
const POSTS: &[&str] = &[
    "联合国",
    "美国",
    "日本",
    "法国",
    "德国",
    "俄罗斯",
    "南非",
    "埃及",
    "印度",
    "巴西",
];
/// Mixed into the seed of [`Material::mixed_page`], so its pages are not
/// [`Material::page`]'s of the same seed.
const MIXED_SALT: u64 = 0x6d_6978_6564;
/// How pages indent paragraph starts.
const INDENTS: &[&str] = &["　　", "　　", "    ", "  "];

/// A band's indentation: flush half the time.
fn pick_indent(rng: &mut Rng) -> &'static str {
    if rng.below(2) == 0 {
        ""
    } else {
        INDENTS[rng.below(INDENTS.len())]
    }
}

const BRIEF_HEADLINES: &[&str] = &["简讯", "国内简讯", "国际简讯", "经济简讯", "要闻简报"];

impl Material {
    /// Cuts stories from the corpus: a line that reads as a title and is
    /// followed by a byline (on its own line or opening the next paragraph),
    /// then the whole paragraphs after it.
    pub fn from_corpus(corpus: &str) -> Self {
        let lines: Vec<String> = corpus.lines().filter_map(corpus_line).collect();
        let mut stories = Vec::new();
        let mut names = Vec::new();
        let mut i = 0;
        while i + 1 < lines.len() {
            let title = &lines[i];
            let reporter = reporter_line_name(&lines[i + 1]);
            let datelined = find_byline(&lines[i + 1]).is_some_and(|b| b.len > 0);
            if !is_title(title) || (reporter.is_none() && !datelined) {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            if let Some(name) = reporter {
                if !names.contains(&name) {
                    names.push(name);
                }
                j += 1;
            }
            let mut paragraphs = Vec::new();
            while j < lines.len() && paragraphs.len() < 8 {
                let mut text = lines[j].as_str();
                if paragraphs.is_empty()
                    && let Some(b) = find_byline(text)
                {
                    text = text[b.len..].trim_start();
                }
                if !is_body(text) {
                    break;
                }
                paragraphs.push(text.to_string());
                j += 1;
            }
            if !paragraphs.is_empty() {
                stories.push(Story {
                    title: title.clone(),
                    paragraphs,
                });
            }
            i = j.max(i + 1);
        }
        let short_titles = stories
            .iter()
            .map(|s| s.title.clone())
            .filter(|t| t.chars().count() <= 20 && !t.contains('—') && !t.contains('，'))
            .collect();
        Material {
            stories,
            short_titles,
            names,
        }
    }

    /// How many stories were cut.
    pub fn story_count(&self) -> usize {
        self.stories.len()
    }

    /// The `n`th page for `seed`.
    pub fn page(&self, seed: u64, n: usize) -> GeneratedPage {
        let mut rng = Rng::new(seed.wrapping_mul(1_000_003) + n as u64);
        let style = PageStyle::pick(&mut rng);
        let mut blocks: Vec<PrintedBlock> = Vec::new();
        let mut articles = Vec::new();
        let mut used = Vec::new();
        for _ in 0..3 + rng.below(4) {
            let mut story = rng.below(self.stories.len());
            while used.contains(&story) {
                story = rng.below(self.stories.len());
            }
            used.push(story);
            let truth = if rng.below(100) < 10 {
                self.brief_column(&mut rng, &style, &mut blocks)
            } else {
                self.article(&mut rng, &style, &self.stories[story], &mut blocks)
            };
            articles.push(truth);
        }
        let text = style.render(&blocks, &mut rng);
        GeneratedPage {
            bytes: style.encode(&text),
            text,
            articles,
            description: style.describe(),
        }
    }

    /// The `n`th page for `seed` laid out as real pages are, by several
    /// editors and templates: the page falls into one to three column bands
    /// (a lead story, a row of shorter ones, briefs at the foot), each band
    /// indents its paragraph starts or sets them flush, and within a band a
    /// brief or a wire story may be set the other way (a flush brief beside an
    /// indented main story). Some articles close with a credit (`（陈晓红）`,
    /// `（新华社记者樊如钧摄）`) on a line of its own.
    pub fn mixed_page(&self, seed: u64, n: usize) -> GeneratedPage {
        let mut rng = Rng::new((seed ^ MIXED_SALT).wrapping_mul(1_000_003) + n as u64);
        let style = PageStyle::pick(&mut rng);
        let count = 3 + rng.below(4);
        let bands = 1 + rng.below(3).min(count - 1);
        let mut band_indents: Vec<&'static str> =
            (0..bands).map(|_| pick_indent(&mut rng)).collect();
        // Two bands or more mix: at least one indents and one is flush.
        if bands >= 2
            && band_indents
                .iter()
                .all(|i| i.is_empty() == band_indents[0].is_empty())
        {
            let flip = rng.below(bands);
            band_indents[flip] = if band_indents[flip].is_empty() {
                INDENTS[rng.below(INDENTS.len())]
            } else {
                ""
            };
        }
        let mut blocks: Vec<PrintedBlock> = Vec::new();
        let mut articles = Vec::new();
        let mut used = Vec::new();
        let mut layouts = Vec::new();
        for k in 0..count {
            let mut story = rng.below(self.stories.len());
            while used.contains(&story) {
                story = rng.below(self.stories.len());
            }
            used.push(story);
            let brief = rng.below(100) < 15;
            let band_indent = band_indents[k * bands / count];
            // A brief or a wire story set the other way from its band.
            let indent = match rng.below(100) {
                roll if (brief && roll < 50) || roll < 15 => {
                    if band_indent.is_empty() {
                        INDENTS[rng.below(INDENTS.len())]
                    } else {
                        ""
                    }
                }
                _ => band_indent,
            };
            let article_style = PageStyle {
                indent,
                ..style.clone()
            };
            layouts.push(indent);
            let mut truth = if brief {
                self.brief_column(&mut rng, &article_style, &mut blocks)
            } else {
                self.article(&mut rng, &article_style, &self.stories[story], &mut blocks)
            };
            if rng.below(100) < 15 {
                let credit = self.credit(&mut rng);
                blocks.push(PrintedBlock::title(&credit));
                truth.paragraphs.push(credit);
            }
            articles.push(truth);
        }
        let text = style.render(&blocks, &mut rng);
        GeneratedPage {
            bytes: style.encode(&text),
            text,
            articles,
            description: format!("{}; articles indented {layouts:?}", style.describe()),
        }
    }

    /// A credit closing an article: the author, the photographer, the bureau.
    fn credit(&self, rng: &mut Rng) -> String {
        match rng.below(4) {
            0 => format!("（新华社记者{}摄）", self.name(rng)),
            1 => format!("（本报{}电）", PLACES[rng.below(PLACES.len())]),
            _ => format!("（{}）", self.name(rng)),
        }
    }

    /// One ordinary article: titles, a byline of some shape, paragraphs.
    fn article(
        &self,
        rng: &mut Rng,
        style: &PageStyle,
        story: &Story,
        blocks: &mut Vec<PrintedBlock>,
    ) -> Truth {
        let mut truth = Truth::default();
        if rng.below(100) < 15 {
            let kicker = self.short_title(rng);
            blocks.push(PrintedBlock::title(&kicker));
            truth.kicker = Some(kicker);
        }
        let (headline, mut subtitle) = match story.title.split_once("——") {
            Some((head, tail)) => (head.to_string(), Some(format!("——{tail}"))),
            None => (story.title.clone(), None),
        };
        if subtitle.is_none() && rng.below(100) < 12 {
            subtitle = Some(format!("——{}", self.short_title(rng)));
        }
        truth.headline = headline.clone();
        match &subtitle {
            // Printed on the headline's line.
            Some(sub) if rng.below(2) == 0 && (headline + sub).chars().count() <= 40 => {
                blocks.push(PrintedBlock::title_wrapped(
                    rng,
                    &(truth.headline.clone() + sub),
                ));
            }
            Some(sub) => {
                blocks.push(PrintedBlock::title_wrapped(rng, &truth.headline));
                blocks.push(PrintedBlock::title(sub));
            }
            None => blocks.push(PrintedBlock::title_wrapped(rng, &truth.headline)),
        }
        truth.subtitle = subtitle;

        let take = 1 + rng.below(story.paragraphs.len().min(6));
        let paragraphs = &story.paragraphs[..take];
        let byline = self.byline(rng);
        let mut first_prefix = String::new();
        match &byline {
            Byline::Inline { text, reporters } => {
                first_prefix = text.clone();
                truth.reporters = reporters.clone();
            }
            Byline::OwnLine { text, reporters } => {
                blocks.push(PrintedBlock {
                    lines: vec![text.clone()],
                    indent: rng.below(100) < 30,
                    indent_text: style.indent,
                    breakable_from: None,
                });
                truth.reporters = reporters.clone();
            }
            Byline::None => {}
        }
        for (k, paragraph) in paragraphs.iter().enumerate() {
            let prefix = if k == 0 { first_prefix.as_str() } else { "" };
            style.print_paragraph(rng, prefix, paragraph, blocks);
            truth.paragraphs.push(paragraph.clone());
        }
        truth
    }

    /// A news-in-brief column: one headline over several datelined items.
    fn brief_column(
        &self,
        rng: &mut Rng,
        style: &PageStyle,
        blocks: &mut Vec<PrintedBlock>,
    ) -> Truth {
        let headline = if rng.below(2) == 0 {
            BRIEF_HEADLINES[rng.below(BRIEF_HEADLINES.len())].to_string()
        } else {
            self.short_title(rng)
        };
        blocks.push(PrintedBlock::title(&headline));
        let mut truth = Truth {
            headline,
            ..Truth::default()
        };
        for item in 0..2 + rng.below(3) {
            let (prefix, reporters) = self.dateline(rng);
            for name in reporters {
                if !truth.reporters.contains(&name) {
                    truth.reporters.push(name);
                }
            }
            let story = &self.stories[rng.below(self.stories.len())];
            let count = 1 + usize::from(rng.below(100) < 30 && story.paragraphs.len() > 1);
            for (k, paragraph) in story.paragraphs[..count].iter().enumerate() {
                let prefix = if k == 0 { prefix.as_str() } else { "" };
                style.print_paragraph(rng, prefix, paragraph, blocks);
                // The first item's dateline is the article's byline; later ones stay in the text.
                truth.paragraphs.push(if item > 0 {
                    format!("{prefix}{paragraph}")
                } else {
                    paragraph.clone()
                });
            }
        }
        truth
    }

    fn short_title(&self, rng: &mut Rng) -> String {
        self.short_titles[rng.below(self.short_titles.len())].clone()
    }

    fn name(&self, rng: &mut Rng) -> String {
        self.names[rng.below(self.names.len())].clone()
    }

    /// Two different names.
    fn two_names(&self, rng: &mut Rng) -> (String, String) {
        let a = self.name(rng);
        let mut b = self.name(rng);
        while b == a {
            b = self.name(rng);
        }
        (a, b)
    }

    fn byline(&self, rng: &mut Rng) -> Byline {
        let roll = rng.below(100);
        if roll < 55 {
            let (text, reporters) = self.dateline(rng);
            return Byline::Inline { text, reporters };
        }
        if roll < 75 {
            let a = self.name(rng);
            let text = match rng.below(4) {
                0 => format!("本报驻{}记者{a}", POSTS[rng.below(POSTS.len())]),
                1 => format!("新华社记者{a}"),
                _ => format!("本报记者{a}"),
            };
            return Byline::OwnLine {
                text,
                reporters: vec![a],
            };
        }
        if roll < 80 {
            // A commentary signed with the author's name.
            let a = self.name(rng);
            let text = if rng.below(3) == 0 {
                format!("{a} （{}摄）", self.name(rng))
            } else {
                a.clone()
            };
            return Byline::OwnLine {
                text,
                reporters: vec![a],
            };
        }
        Byline::None
    }

    /// A dateline opening a paragraph, with the reporters it names.
    fn dateline(&self, rng: &mut Rng) -> (String, Vec<String>) {
        let place = PLACES[rng.below(PLACES.len())];
        let (month, day) = if rng.below(3) == 0 {
            (12, 20 + rng.below(12))
        } else {
            (1, 1 + rng.below(31))
        };
        let date = format!("{}月{}日", full_width(month), full_width(day));
        let separator = ["", "", "　", " "][rng.below(4)];
        let (text, reporters) = match rng.below(6) {
            0 => {
                let a = self.name(rng);
                (format!("本报讯（记者 {a}）"), vec![a])
            }
            1 => {
                let (a, b) = self.two_names(rng);
                (format!("本报讯（记者 {a} 通讯员 {b}）"), vec![a])
            }
            2 => {
                let a = self.name(rng);
                (format!("本报{place}{date}讯记者{a}报道："), vec![a])
            }
            3 => {
                let a = self.name(rng);
                (format!("新华社{place}{date}电（记者{a}）"), vec![a])
            }
            4 => {
                let (a, b) = self.two_names(rng);
                (
                    format!("新华社{place}{date}电（记者 {a}、{b}）"),
                    vec![a, b],
                )
            }
            _ => {
                let text = if rng.below(2) == 0 {
                    format!("新华社{place}{date}电")
                } else {
                    "本报讯".to_string()
                };
                (text, Vec::new())
            }
        };
        (format!("{text}{separator}"), reporters)
    }
}

enum Byline {
    /// Opens the first paragraph.
    Inline {
        text: String,
        reporters: Vec<String>,
    },
    /// Printed on its own line between the titles and the body.
    OwnLine {
        text: String,
        reporters: Vec<String>,
    },
    None,
}

/// A block as printed: lines, and whether it is a paragraph start (indented
/// on pages that indent).
struct PrintedBlock {
    lines: Vec<String>,
    indent: bool,
    /// What an indented block is indented with: its article's indentation,
    /// which on a page mixing layouts is not every article's.
    indent_text: &'static str,
    /// For body text: the first character at which extraction may break it.
    breakable_from: Option<usize>,
}

impl PrintedBlock {
    fn title(text: &str) -> Self {
        PrintedBlock {
            lines: vec![text.to_string()],
            indent: false,
            indent_text: "",
            breakable_from: None,
        }
    }

    /// A title, wrapped over two lines when long (and sometimes when not).
    fn title_wrapped(rng: &mut Rng, text: &str) -> Self {
        let chars: Vec<char> = text.chars().collect();
        let n = chars.len();
        let wrap = n > 40 || (n >= 12 && rng.below(100) < 25);
        if !wrap {
            return Self::title(text);
        }
        let low = n.saturating_sub(40).max(4);
        let high = n.min(40).saturating_sub(4).max(low + 1);
        let mut at = low + rng.below(high - low);
        // A line never ends between the two halves of `——`.
        if chars[at] == '—' && chars[at - 1] == '—' {
            at -= 1;
        }
        PrintedBlock {
            lines: vec![chars[..at].iter().collect(), chars[at..].iter().collect()],
            indent: false,
            indent_text: "",
            breakable_from: None,
        }
    }
}

/// How a page is printed.
#[derive(Clone)]
struct PageStyle {
    /// Indentation of paragraph starts, or empty.
    indent: &'static str,
    /// Percent of paragraphs broken by extraction.
    break_percent: usize,
    /// Body lines hard-wrapped at this many characters, or 0.
    wrap_chars: usize,
    encoding: Encoding,
    crlf: bool,
}

#[derive(Debug, Clone, Copy)]
enum Encoding {
    Utf8,
    Gb18030,
    Utf16LeNoBom,
}

impl PageStyle {
    fn pick(rng: &mut Rng) -> Self {
        let indent = match rng.below(8) {
            0..=3 => "",
            4 | 5 => "　　",
            6 => "    ",
            _ => "  ",
        };
        let encoding = match rng.below(10) {
            0..=5 => Encoding::Utf8,
            6..=8 => Encoding::Gb18030,
            _ => Encoding::Utf16LeNoBom,
        };
        PageStyle {
            indent,
            break_percent: 15 + rng.below(36),
            wrap_chars: if rng.below(100) < 15 {
                24 + rng.below(17)
            } else {
                0
            },
            encoding,
            crlf: rng.below(100) < 30,
        }
    }

    fn describe(&self) -> String {
        format!(
            "indent {:?}, {}% broken, wrap {}, {:?}{}",
            self.indent,
            self.break_percent,
            self.wrap_chars,
            self.encoding,
            if self.crlf { ", CRLF" } else { "" }
        )
    }

    /// Prints a paragraph (with `prefix`, a byline, before it), broken into
    /// pieces at random points the way text extraction breaks them.
    fn print_paragraph(
        &self,
        rng: &mut Rng,
        prefix: &str,
        paragraph: &str,
        blocks: &mut Vec<PrintedBlock>,
    ) {
        let text: Vec<char> = prefix.chars().chain(paragraph.chars()).collect();
        let from = prefix.chars().count() + 1;
        let mut cuts = Vec::new();
        if rng.below(100) < self.break_percent {
            let wanted = if rng.below(4) == 0 { 2 } else { 1 };
            for _ in 0..20 {
                if cuts.len() == wanted || text.len() <= from + 1 {
                    break;
                }
                let at = from + rng.below(text.len() - from);
                let before: String = text[..at].iter().collect();
                // Without indentation, a break right after a sentence looks
                // exactly like a paragraph end: nothing on the page tells them apart.
                let undecidable = self.indent.is_empty() && ends_sentence(&before);
                if !undecidable && !cuts.contains(&at) {
                    cuts.push(at);
                }
            }
        }
        cuts.sort_unstable();
        let mut start = 0;
        for (k, &end) in cuts.iter().chain(std::iter::once(&text.len())).enumerate() {
            let piece: String = text[start..end].iter().collect();
            start = end;
            if piece.trim().is_empty() {
                continue;
            }
            blocks.push(PrintedBlock {
                lines: self.hard_wrap(&piece),
                indent: k == 0,
                indent_text: self.indent,
                breakable_from: Some(from),
            });
        }
    }

    fn hard_wrap(&self, text: &str) -> Vec<String> {
        if self.wrap_chars == 0 {
            return vec![text.to_string()];
        }
        let chars: Vec<char> = text.chars().collect();
        chars
            .chunks(self.wrap_chars)
            .map(|c| c.iter().collect())
            .collect()
    }

    fn render(&self, blocks: &[PrintedBlock], rng: &mut Rng) -> String {
        let mut text = String::new();
        for block in blocks {
            if block.indent {
                text.push_str(block.indent_text);
            }
            text.push_str(&block.lines.join("\n"));
            text.push_str(["\n\n", "\n\n", "\n\n\n", "\n \n"][rng.below(4)]);
        }
        if self.crlf {
            text = text.replace('\n', "\r\n");
        }
        text
    }

    fn encode(&self, text: &str) -> Vec<u8> {
        match self.encoding {
            Encoding::Utf8 => text.as_bytes().to_vec(),
            Encoding::Gb18030 => encoding_rs::GB18030.encode(text).0.into_owned(),
            Encoding::Utf16LeNoBom => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        }
    }
}

fn full_width(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
        .collect()
}

/// A line the corpus prints as a title: short, no sentence punctuation, not a
/// byline, caption, list item or table row, brackets closed, at most one `——`
/// with text on both sides.
fn is_title(line: &str) -> bool {
    let count = line.chars().count();
    let dashes = line.matches("——").count();
    (4..=48).contains(&count)
        && !line.contains([
            '。', '！', '？', '；', '!', '?', ';', '：', ':', '●', '＊', '*', '．',
        ])
        && !line.ends_with(['，', '、', '—', '－'])
        && !line.starts_with(['（', '(', '“', '《', '—'])
        && !line.chars().next().is_some_and(|c| c.is_numeric())
        && find_byline(line).is_none()
        && reporter_line_name(line).is_none()
        && dashes <= 1
        && line
            .split_once("——")
            .is_none_or(|(head, tail)| head.chars().count() >= 2 && !tail.is_empty())
        && balanced(line)
}

fn balanced(line: &str) -> bool {
    [('“', '”'), ('（', '）'), ('《', '》'), ('『', '』')]
        .iter()
        .all(|&(open, close)| line.matches(open).count() == line.matches(close).count())
}

/// A whole paragraph of body text: ends a sentence, opens with no byline.
fn is_body(text: &str) -> bool {
    text.chars().count() >= 12
        && ends_sentence(text)
        && find_byline(text).is_none()
        && !text.starts_with(['（', '(', '—', '●'])
}

/// `本报记者祝谦` → `祝谦`: a corpus byline line naming one reporter of 2–3 characters.
fn reporter_line_name(line: &str) -> Option<String> {
    let rest = ["本报记者", "新华社记者"]
        .iter()
        .find_map(|p| line.strip_prefix(p))?;
    let count = rest.chars().count();
    ((2..=3).contains(&count) && rest.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .then(|| rest.to_string())
}
