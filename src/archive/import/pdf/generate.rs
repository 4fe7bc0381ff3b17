//! Newspaper-like PDF pages with known articles, for measuring the layout:
//! a header line, a column grid of 4–6 columns, bands of articles over 1–4
//! columns each, kickers, headlines (wrapped when long), subtitles, bylines
//! opening the text or on a line of their own, paragraphs flowing down the
//! article's columns, rules between articles and boxed briefs.

use super::make::{FontSetup, PdfBuilder};

/// An article as printed on a generated page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TruthArticle {
    /// 引题.
    pub kicker: Option<String>,
    /// 主题 (wrapped lines joined with `\n`).
    pub headline: String,
    /// 副题.
    pub subtitle: Option<String>,
    /// The byline as printed.
    pub byline: Option<String>,
    /// The body paragraphs.
    pub paragraphs: Vec<String>,
}

/// A generated page and what is on it.
#[derive(Debug, Clone)]
pub struct GeneratedPage {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Its articles in reading order.
    pub articles: Vec<TruthArticle>,
}

/// Where text comes from: sentences (each ending a sentence) and names.
pub struct Material {
    /// Sentences to build paragraphs of.
    pub sentences: Vec<String>,
    /// Short phrases for titles.
    pub titles: Vec<String>,
    /// Reporters' names.
    pub names: Vec<String>,
}

impl Material {
    /// Made-up text when no corpus is at hand: sentences of common words.
    pub fn synthetic(seed: u64) -> Self {
        const WORDS: &[&str] = &[
            "经济", "发展", "改革", "开放", "农村", "城市", "企业", "工作", "会议", "群众", "建设",
            "文化", "教育", "科技", "创新", "协作", "产业", "项目", "服务", "生态", "环境", "治理",
            "推进", "落实", "提高", "加强", "完善", "深化", "全面", "重点", "干部", "社区", "乡村",
            "振兴", "交通", "水利", "医疗", "保障", "就业", "市场", "投资", "消费",
        ];
        let mut rng = Rng(seed ^ 0x9E37_79B9_7F4A_7C15);
        let phrase = |rng: &mut Rng, n: usize| -> String {
            (0..n).map(|_| WORDS[rng.below(WORDS.len())]).collect()
        };
        let sentences = (0..400)
            .map(|_| {
                let parts = 1 + rng.below(3);
                let mut s = String::new();
                for p in 0..parts {
                    if p > 0 {
                        s.push('，');
                    }
                    let n = 2 + rng.below(4);
                    s.push_str(&phrase(&mut rng, n));
                    if rng.below(5) == 0 {
                        s.push_str(&format!("{}年", 1990 + rng.below(30)));
                    }
                }
                s.push('。');
                s
            })
            .collect();
        let titles = (0..200)
            .map(|_| {
                let n = 3 + rng.below(5);
                phrase(&mut rng, n)
            })
            .collect();
        let surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐";
        let given = "明华军平建国丽敏强伟芳勇静磊洋艳杰涛超";
        let names = (0..60)
            .map(|_| {
                let s: Vec<char> = surnames.chars().collect();
                let g: Vec<char> = given.chars().collect();
                let mut name = String::new();
                name.push(s[rng.below(s.len())]);
                for _ in 0..1 + rng.below(2) {
                    name.push(g[rng.below(g.len())]);
                }
                name
            })
            .collect();
        Self {
            sentences,
            titles,
            names,
        }
    }
}

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0.max(1);
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

const WIDTH: f32 = 842.0;
const HEIGHT: f32 = 1191.0;
const MARGIN: f32 = 40.0;
const GUTTER: f32 = 12.0;

/// Page `n` of the pages made from `seed`.
pub fn page(material: &Material, seed: u64, n: usize) -> GeneratedPage {
    let mut rng =
        Rng(seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ (n as u64 + 1).wrapping_mul(0x9E37_79B9));
    for _ in 0..4 {
        rng.next();
    }
    let mut pdf = PdfBuilder::new();
    let setup = match rng.below(3) {
        0 => FontSetup::GbkEucH,
        1 => FontSetup::StSongUcs2,
        _ => FontSetup::CidWithToUnicode,
    };
    let font = pdf.font(setup, "SimSun");
    let title_font = pdf.font(FontSetup::CidWithToUnicode, "SimHei");
    pdf.page(WIDTH, HEIGHT);
    let body = [9.0, 9.5, 10.0, 10.5][rng.below(4)];
    // The header line and its rule.
    pdf.text(font, 9.0, MARGIN, HEIGHT - 30.0, "新闻日报");
    pdf.text(
        font,
        9.0,
        WIDTH / 2.0 - 60.0,
        HEIGHT - 30.0,
        "１９９８年１月１日 星期四",
    );
    pdf.text(
        font,
        9.0,
        WIDTH - MARGIN - 40.0,
        HEIGHT - 30.0,
        &format!("第{}版", n % 12 + 1),
    );
    pdf.fill_rect(MARGIN, HEIGHT - 38.0, WIDTH - MARGIN, HEIGHT - 37.0);
    let columns = 4 + rng.below(3);
    let column_width =
        ((WIDTH - 2.0 * MARGIN - (columns as f32 - 1.0) * GUTTER) / columns as f32).floor();
    let mut top = HEIGHT - 50.0;
    let mut articles = Vec::new();
    while top > 250.0 {
        // One band: articles side by side over the grid.
        let mut spans = Vec::new();
        let mut left = columns;
        while left > 0 {
            let span = (1 + rng.below(4)).min(left);
            spans.push(span);
            left -= span;
        }
        let mut at = 0;
        let mut band_bottom = top;
        for (k, &span) in spans.iter().enumerate() {
            let x = MARGIN + at as f32 * (column_width + GUTTER);
            let width = span as f32 * column_width + (span as f32 - 1.0) * GUTTER;
            let boxed = span == 1 && rng.chance(15);
            let inset = if boxed { 6.0 } else { 0.0 };
            let (truth, bottom) = article(
                &mut pdf,
                material,
                &mut rng,
                (font, title_font),
                body,
                (
                    x + inset,
                    top - inset,
                    width - 2.0 * inset,
                    column_width - 2.0 * inset,
                    span,
                ),
            );
            if boxed {
                pdf.stroke_rect(x, bottom - inset, x + width, top);
            }
            band_bottom = band_bottom.min(bottom - inset);
            if k + 1 < spans.len() && rng.chance(60) {
                let rx = x + width + GUTTER / 2.0;
                pdf.fill_rect(rx - 0.4, bottom.min(top - 200.0), rx + 0.4, top);
            }
            articles.push(truth);
            at += span;
        }
        top = band_bottom - body * 1.6;
        if rng.chance(70) {
            pdf.fill_rect(
                MARGIN,
                top + body * 0.6,
                WIDTH - MARGIN,
                top + body * 0.6 + 0.8,
            );
        }
    }
    GeneratedPage {
        pdf: pdf.finish(),
        articles,
    }
}

/// Sets one article in the box from (`x`, `top`) `width` wide over `span`
/// columns of `column` points; returns its truth and its bottom.
fn article(
    pdf: &mut PdfBuilder,
    material: &Material,
    rng: &mut Rng,
    (font, title_font): (usize, usize),
    body: f32,
    (x, top, width, column, span): (f32, f32, f32, f32, usize),
) -> (TruthArticle, f32) {
    let mut truth = TruthArticle::default();
    let mut y = top;
    if rng.chance(30) {
        let kicker = material.titles[rng.below(material.titles.len())].clone();
        let size = body * 1.4;
        let kicker: String = kicker.chars().take((width / size) as usize).collect();
        pdf.text(title_font, size, x, y - size * 0.88, &kicker);
        y -= size * 1.5;
        truth.kicker = Some(kicker);
    }
    let size = (body * (2.0 + span as f32 * 0.2))
        .min(width / 3.0)
        .max(body * 1.4);
    let mut headline = material.titles[rng.below(material.titles.len())].clone();
    if rng.chance(30) {
        headline.push_str(&material.titles[rng.below(material.titles.len())]);
    }
    let per_line = ((width / size) as usize).max(2);
    let lines: Vec<String> = headline
        .chars()
        .collect::<Vec<_>>()
        .chunks(per_line)
        .take(3)
        .map(|c| c.iter().collect())
        .collect();
    for line in &lines {
        pdf.text(title_font, size, x, y - size * 0.88, line);
        y -= size * 1.3;
    }
    truth.headline = lines.join("\n");
    if rng.chance(25) {
        let sub_size = body * 1.3;
        let text: String = format!("——{}", material.titles[rng.below(material.titles.len())])
            .chars()
            .take((width / sub_size) as usize)
            .collect();
        pdf.text(font, sub_size, x, y - sub_size * 0.88, &text);
        y -= sub_size * 1.5;
        truth.subtitle = Some(text);
    }
    y -= body * 0.6;
    // The body: paragraphs set over the columns of the span, balanced.
    let mut paragraphs: Vec<String> = Vec::new();
    let count = 1 + rng.below(2 + span * 2);
    for _ in 0..count {
        let mut p = String::new();
        for _ in 0..1 + rng.below(3) {
            p.push_str(&material.sentences[rng.below(material.sentences.len())]);
        }
        paragraphs.push(p);
    }
    let name = material.names[rng.below(material.names.len())].clone();
    let mut printed: Vec<(String, f32)> = Vec::new(); // text and its first-line indent
    match rng.below(3) {
        0 => {
            let byline = format!("本报讯（记者 {name}）");
            printed.push((format!("{byline}{}", paragraphs[0]), 2.0));
            truth.byline = Some(byline);
            printed.extend(paragraphs[1..].iter().map(|p| (p.clone(), 2.0)));
        }
        1 => {
            let byline = format!("本报记者 {name}");
            printed.push((byline.clone(), 0.0));
            truth.byline = Some(byline);
            printed.extend(paragraphs.iter().map(|p| (p.clone(), 2.0)));
        }
        _ => printed.extend(paragraphs.iter().map(|p| (p.clone(), 2.0))),
    }
    truth.paragraphs = paragraphs;
    let chars_per_line = (column / body).floor() as usize;
    let mut lines: Vec<(String, bool)> = Vec::new(); // line text, indented
    for (text, indent) in &printed {
        let mut rest: Vec<char> = text.chars().collect();
        let mut first = true;
        while !rest.is_empty() {
            let room = if first {
                chars_per_line - *indent as usize
            } else {
                chars_per_line
            };
            let mut take = 0;
            let mut used = 0.0;
            while take < rest.len() && used + pdf.char_width(font, rest[take]) <= room as f32 + 0.01
            {
                used += pdf.char_width(font, rest[take]);
                take += 1;
            }
            let take = take.max(1);
            lines.push((rest[..take].iter().collect(), first && *indent > 0.0));
            rest.drain(..take);
            first = false;
        }
    }
    let per_column = lines.len().div_ceil(span);
    let leading = body * 1.5;
    for (i, (line, indented)) in lines.iter().enumerate() {
        let col = i / per_column;
        let row = i % per_column;
        let lx = x + col as f32 * (column + GUTTER) + if *indented { 2.0 * body } else { 0.0 };
        let ly = y - row as f32 * leading - body * 0.88;
        pdf.text(font, body, lx, ly, line);
    }
    let bottom = y - per_column as f32 * leading;
    (truth, bottom)
}
