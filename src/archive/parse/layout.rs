//! The layout of a page's text: blocks, title runs, article boundaries, paragraph repair.
//!
//! A page is a sequence of blocks separated by blank lines. Before each
//! article stand one or more short title blocks (kicker, headline, subtitle),
//! maybe a byline or signature on its own line; then body blocks, the first
//! of which may open with a byline. Extraction breaks paragraphs anywhere, so
//! a body block that does not end a sentence continues in the next one, and
//! a short broken-off piece can look like a title: indentation, the block
//! after it and the text itself ([`super::signals`]) tell them apart. Pages
//! mix layouts (an indented main story beside a brief set flush), so whether
//! indentation marks paragraph starts is decided per article ([`Regime`]).
//! The rules are listed in `ARCHITECTURE.md` ("Parsing rules").

use crate::archive::model::Article;

use super::ParseWarning;
use super::byline::{Byline, find_byline, signature, standalone_byline};
use super::signals::{
    balanced, looks_broken, opens_mid_sentence, reads_broken, split_dash_subtitle, wholly_bracketed,
};

/// Longest line of a title block, in characters.
const MAX_TITLE_LINE_CHARS: usize = 40;
/// Most lines a title block has.
const MAX_TITLE_LINES: usize = 4;

/// Lines of text between blank lines.
#[derive(Debug, Clone)]
struct Block {
    /// 1-based line number of the first line in the input.
    line: usize,
    /// The lines, trimmed of indentation and trailing space.
    lines: Vec<String>,
    /// Whether the first line was indented (ASCII or full-width spaces, tabs):
    /// on pages that indent paragraph starts, that tells them from titles.
    indented: bool,
}

impl Block {
    fn title_like(&self) -> bool {
        self.lines.len() <= MAX_TITLE_LINES
            && self
                .lines
                .iter()
                .all(|l| l.chars().count() <= MAX_TITLE_LINE_CHARS)
            && !self
                .lines
                .iter()
                .any(|l| l.contains(['。', '！', '？', '；', '!', '?', ';']))
            && !self
                .lines
                .last()
                .is_some_and(|l| l.ends_with(['，', '、', '：', ',', ':']))
            && find_byline(&self.lines[0]).is_none()
            && self.standalone_byline().is_none()
            && !opens_mid_sentence(&self.lines[0])
            && balanced(&self.lines.concat())
            && !self.is_credit()
    }

    /// `（新华社记者樊如钧摄）`, `（陈宗安 卢晶）`, `（本报渥太华电）`: a line
    /// wholly in brackets is a credit or note closing the article above.
    fn is_credit(&self) -> bool {
        wholly_bracketed(&self.lines.concat())
    }

    /// The block as a byline on a line of its own (`本报记者祝谦`).
    fn standalone_byline(&self) -> Option<(String, Byline)> {
        match self.lines.as_slice() {
            [line] => standalone_byline(line).map(|b| (line.clone(), b)),
            _ => None,
        }
    }

    /// The block as a byline or a signature (`肖烨`) on a line of its own.
    ///
    /// Asked only of the block right after a title run: elsewhere a short
    /// name-like line is as likely a headline.
    fn own_line_byline(&self) -> Option<(String, Byline)> {
        self.standalone_byline().or_else(|| signature_block(self))
    }

    fn starts_with_byline(&self) -> bool {
        find_byline(&self.lines[0]).is_some()
    }

    fn starts_with_dash(&self) -> bool {
        self.lines[0].starts_with(['—', '－', '-'])
    }

    /// Whether the block is a subtitle or a headline with its subtitle after `——`.
    fn has_subtitle(&self) -> bool {
        self.starts_with_dash() || split_dash_subtitle(&self.title_text()).is_some()
    }

    /// The block as a title: lines kept as printed.
    fn title_text(&self) -> String {
        self.lines.join("\n")
    }

    /// The block as body text: lines joined into one paragraph.
    fn body_text(&self) -> String {
        let mut text = String::new();
        for line in &self.lines {
            join_into(&mut text, line);
        }
        text
    }
}

/// Appends `next` to `text`, with a space only between two Latin words or numbers.
fn join_into(text: &mut String, next: &str) {
    let needs_space = text
        .chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
        && next
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric());
    if needs_space {
        text.push(' ');
    }
    text.push_str(next);
}

/// Splits text into blocks at blank lines (CRLF, CR and LF all end a line).
fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    for (i, raw) in normalised.split('\n').enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            blocks.extend(current.take());
            continue;
        }
        current
            .get_or_insert_with(|| Block {
                line: i + 1,
                lines: Vec::new(),
                indented: raw.starts_with(char::is_whitespace),
            })
            .lines
            .push(line.to_string());
    }
    blocks.extend(current);
    blocks
}

/// Whether a paragraph ends a sentence (so the next block starts a new one).
pub fn ends_sentence(text: &str) -> bool {
    let mut chars = text.trim_end().chars().rev();
    let Some(last) = chars.next() else {
        return true;
    };
    const ENDS: &[char] = &['。', '！', '？', '!', '?', '…', '；', ';'];
    const CLOSERS: &[char] = &['”', '’', '」', '』', '）', ')', '】', '"', '》'];
    if ENDS.contains(&last) {
        return true;
    }
    if CLOSERS.contains(&last) {
        // `……。”` ends a sentence; `“两湖”` inside one does not.
        return chars
            .find(|c| !CLOSERS.contains(c))
            .is_some_and(|c| ENDS.contains(&c));
    }
    // A period after Latin text or a number, as in `2.3 km.`
    last == '.'
}

/// Whether a single title-like block reads as a section subhead (`一、…`, `（二）…`).
fn is_subhead(block: &Block) -> bool {
    block.lines.len() == 1 && is_subhead_text(&block.lines[0])
}

/// Whether a line opens with a section number: `一、`, `（二）`, `3.`.
fn is_subhead_text(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(c) = chars.next() else {
        return false;
    };
    let numeral = |c: char| {
        "一二三四五六七八九十".contains(c) || c.is_ascii_digit() || ('０'..='９').contains(&c)
    };
    match c {
        '（' | '(' => chars.next().is_some_and(numeral),
        c if numeral(c) => chars
            .find(|c| !numeral(*c))
            .is_some_and(|c| matches!(c, '、' | '.' | '．')),
        _ => false,
    }
}

/// What the page as a whole says about its blocks.
#[derive(Debug, Clone, Copy)]
struct PageShape {
    /// Some paragraph starts are indented and titles are not, so on this
    /// page an indented block is a paragraph start, never a title; whether
    /// an article's continuations are flush is each article's own (see [`Regime`]).
    indentation_speaks: bool,
}

impl PageShape {
    fn of(blocks: &[Block]) -> Self {
        let indented = blocks.iter().filter(|b| b.indented).count();
        // A title right before a byline is a sure title: when those are
        // indented too, the page indents every line and indentation says nothing.
        let titles_indented = blocks
            .windows(2)
            .any(|w| w[0].indented && w[0].title_like() && w[1].starts_with_byline());
        let flush = blocks.len() - indented;
        PageShape {
            indentation_speaks: indented >= 2 && flush >= 1 && !titles_indented,
        }
    }
}

/// How the article being read is set: real pages mix them, a main story
/// with indented paragraph starts beside a brief or a wire story set flush.
#[derive(Debug, Clone, Copy, Default)]
struct Regime {
    /// The article indents its paragraph starts (its first body block is
    /// indented), so within it a flush block continues the paragraph before.
    indents_paragraphs: bool,
}

/// What follows a title run.
enum After<'a> {
    /// A byline, on its own line or opening a paragraph: the run is a title.
    Byline,
    /// A body block that is not a byline.
    Body(&'a Block),
    /// The end of the page.
    End,
}

/// Builds articles from page text; see the module comment for the rules.
pub fn articles(text: &str, warnings: &mut Vec<ParseWarning>) -> Vec<Article> {
    let blocks = blocks(text);
    let page = PageShape::of(&blocks);
    let may_title = |b: &Block| b.title_like() && !(page.indentation_speaks && b.indented);
    let mut articles: Vec<Article> = Vec::new();
    let mut regime = Regime::default();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        let indents = regime.indents_paragraphs;
        if may_title(block) {
            // A subtitle (`——…`, on its own line or after the headline) ends a title run.
            let full_end = (i..blocks.len())
                .find(|&j| !may_title(&blocks[j]) || (j > i && blocks[j - 1].has_subtitle()))
                .unwrap_or(blocks.len());
            let mut run_end = full_end;
            let after = |end: usize| match blocks.get(end) {
                None => After::End,
                Some(b) if b.starts_with_byline() || b.own_line_byline().is_some() => After::Byline,
                Some(b) => After::Body(b),
            };
            // A signature (`肖烨`) after a title ends the run: the body follows it.
            if let Some(k) = (i + 1..run_end).find(|&k| signature_block(&blocks[k]).is_some()) {
                run_end = k + 1;
            }
            let signed = run_end - i >= 2
                && matches!(after(run_end), After::Body(_))
                && signature_block(&blocks[run_end - 1]).is_some();
            let previous_open = articles
                .last()
                .and_then(|a| a.paragraphs.last())
                .is_some_and(|p| paragraph_open(p));
            // Within an article that indents, a flush block after the run continues
            // a paragraph, unless the paragraph before had ended: then the run
            // may head an article set flush, and only the text tells.
            let by_indent = |next: &Block| indents && (previous_open || next.indented);
            // A broken-off paragraph start at the end of the run belongs to the body.
            if !signed
                && matches!(after(run_end), After::Body(next) if !by_indent(next))
                && let Some(k) = (i..run_end).find(|&k| {
                    reads_broken(&blocks[k].body_text())
                        || (k + 1 < run_end
                            && looks_broken(&blocks[k].body_text(), &blocks[k + 1].lines[0]))
                })
            {
                run_end = k;
            }
            while !signed && run_end > i {
                let broken = match after(run_end) {
                    // After an unfinished paragraph of an article that indents, a
                    // flush block after the run continues a paragraph, so the run's
                    // last block began it; an indented one starts the body.
                    After::Body(next) if by_indent(next) => !next.indented,
                    After::Body(next) => {
                        looks_broken(&blocks[run_end - 1].body_text(), &next.lines[0])
                    }
                    _ => false,
                };
                if !broken {
                    break;
                }
                run_end -= 1;
            }
            // After a byline or a subtitle comes the body, not another title.
            let awaiting_body = articles.last().is_some_and(|a| a.paragraphs.is_empty());
            // A run of dash-led lines alone is a signature (`——编者`), not a title.
            let has_headline = blocks[i..run_end].iter().any(|b| !b.starts_with_dash());
            let starts_article = has_headline
                && !awaiting_body
                && match after(run_end) {
                    _ if previous_open && indents => false,
                    After::Byline => true,
                    _ if signed => true,
                    _ if previous_open => false,
                    After::Body(_) => {
                        !(run_end - i == 1 && is_subhead(&blocks[i]) && !articles.is_empty())
                    }
                    After::End => articles.is_empty(),
                };
            if starts_article {
                let (run, byline) = if signed {
                    (
                        &blocks[i..run_end - 1],
                        signature_block(&blocks[run_end - 1]),
                    )
                } else {
                    (&blocks[i..run_end], None)
                };
                let mut article = titled_article(run);
                i = run_end;
                let byline = byline.or_else(|| {
                    let b = blocks.get(run_end)?.own_line_byline()?;
                    i += 1;
                    Some(b)
                });
                if let Some((text, b)) = byline {
                    article.byline = Some(text);
                    article.reporters = b.reporters;
                    article.correspondents = b.correspondents;
                }
                articles.push(article);
                continue;
            }
            if full_end == blocks.len() && !previous_open {
                warnings.push(ParseWarning {
                    line: block.line,
                    message: "short lines after the last article kept as its last paragraphs"
                        .into(),
                });
            }
            // Not a title after all: a broken-off paragraph, a subhead or a trailer.
        }
        push_body(&mut articles, block, page, &mut regime, warnings);
        i += 1;
    }
    articles
}

/// A one-line block that is a signature: its text and names.
fn signature_block(block: &Block) -> Option<(String, Byline)> {
    match block.lines.as_slice() {
        [line] => signature(line).map(|b| (line.clone(), b)),
        _ => None,
    }
}

/// Whether a paragraph breaks off mid-sentence, so the next flush block continues it.
///
/// A paragraph ending in a credit (`（新华社记者樊如钧摄）`, `（汪大昭）`) is closed.
fn paragraph_open(text: &str) -> bool {
    if ends_sentence(text) || wholly_bracketed(text) {
        return false;
    }
    let Some(inner) = text
        .strip_suffix(['）', ')'])
        .and_then(|t| t.rfind(['（', '(']).map(|open| &t[open..]))
    else {
        return true;
    };
    let inner = inner.trim_start_matches(['（', '(']);
    let credit = inner.ends_with('摄')
        || inner.ends_with("摄影")
        || inner.ends_with("报道")
        || (inner.chars().count() <= 12 && signature(inner).is_some());
    !credit
}

/// An article whose title blocks are `run`: kickers, a headline, subtitles.
///
/// A `——` inside the headline starts its subtitle: `小水利遍山乡——费县…纪实`.
fn titled_article(run: &[Block]) -> Article {
    // The headline is the last block that is not a dash-led subtitle.
    let headline_at = run.iter().rposition(|b| !b.starts_with_dash()).unwrap_or(0);
    let join = |blocks: &[Block]| {
        (!blocks.is_empty()).then(|| {
            blocks
                .iter()
                .map(Block::title_text)
                .collect::<Vec<_>>()
                .join("\n")
        })
    };
    let mut headline = run[headline_at].title_text();
    let mut subtitle = join(&run[headline_at + 1..]);
    if let Some((head, tail)) = split_dash_subtitle(&headline) {
        subtitle = Some(match subtitle {
            Some(rest) => format!("{tail}\n{rest}"),
            None => tail.to_string(),
        });
        headline = head.to_string();
    }
    Article {
        kicker: join(&run[..headline_at]),
        headline: Some(headline),
        subtitle,
        ..Article::default()
    }
}

/// Adds a body block to the current article: byline, new paragraph or continuation.
///
/// A datelined paragraph (`新华社太原１月１４日电（记者张运）…`) inside an
/// article is the next item of a round-up or news-in-brief column: it stays
/// in the article, and the reporters it names are added to the article's.
fn push_body(
    articles: &mut Vec<Article>,
    block: &Block,
    page: PageShape,
    regime: &mut Regime,
    warnings: &mut Vec<ParseWarning>,
) {
    let text = block.body_text();
    let byline = find_byline(&text);
    if articles.is_empty() {
        warnings.push(ParseWarning {
            line: block.line,
            message: "text without a title before it kept as an untitled article".into(),
        });
        articles.push(Article::default());
    }
    let Some(article) = articles.last_mut() else {
        return;
    };
    let fresh = article.byline.is_none() && article.paragraphs.is_empty();
    if fresh {
        let whole_line = match block.lines.as_slice() {
            [line] => standalone_byline(line),
            _ => None,
        };
        if let Some(b) = whole_line {
            article.byline = Some(text);
            article.reporters = b.reporters;
            article.correspondents = b.correspondents;
            return;
        }
    }
    // An article's first body block tells how it is set (a byline on its
    // own line may be indented either way).
    if article.paragraphs.is_empty() {
        regime.indents_paragraphs = page.indentation_speaks && block.indented;
    }
    match byline {
        Some(b) if fresh => {
            article.byline = Some(text[..b.len].trim_end().to_string());
            article.reporters = b.reporters;
            article.correspondents = b.correspondents;
            let rest = text[b.len..].trim_start();
            if !rest.is_empty() {
                article.paragraphs.push(rest.to_string());
            }
        }
        _ => {
            if let Some(b) = &byline {
                add_names(&mut article.reporters, &b.reporters);
                add_names(&mut article.correspondents, &b.correspondents);
            }
            // In an article that indents paragraph starts, indentation decides.
            let continues = |last: &String| {
                byline.is_none()
                    && !is_subhead_text(last)
                    && if regime.indents_paragraphs {
                        // A credit closing the article (`（陈晓红）`) is set
                        // flush after a finished paragraph, and continues nothing.
                        !block.indented && (!block.is_credit() || paragraph_open(last))
                    } else {
                        paragraph_open(last)
                    }
            };
            match article.paragraphs.last_mut() {
                // A subhead stands alone even though it ends in no punctuation.
                Some(last) if continues(last) => join_into(last, &text),
                _ => article.paragraphs.push(text),
            }
        }
    }
}

/// Appends the names not yet in `names`.
fn add_names(names: &mut Vec<String>, more: &[String]) {
    for name in more {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("作出新的更大贡献。"));
        assert!(ends_sentence("“抓好党建是最大政绩”的理念。"));
        assert!(ends_sentence("他说：“我们一定办好。”"));
        assert!(!ends_sentence("实地考察了“两湖”创"));
        assert!(!ends_sentence("维护“两湖”"));
        assert!(!ends_sentence("让我们倍感振奋、"));
    }

    #[test]
    fn subheads() {
        let b = |s: &str| Block {
            line: 1,
            lines: vec![s.to_string()],
            indented: false,
        };
        assert!(is_subhead(&b("一、坚持党的领导")));
        assert!(is_subhead(&b("（二）强化责任落实")));
        assert!(is_subhead(&b("3.加强监督")));
        assert!(!is_subhead(&b("三十载协作结硕果")));
    }
}
