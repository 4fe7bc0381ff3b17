//! The layout of a page's text: blocks, title runs, article boundaries, paragraph repair.
//!
//! A page is a sequence of blocks separated by blank lines. Before each
//! article stand one or more short title blocks (kicker, headline, subtitle);
//! then body blocks, the first of which may open with a byline. Extraction
//! breaks paragraphs mid-sentence, so a body block that does not end a
//! sentence continues in the next one.

use crate::archive::model::Article;

use super::ParseWarning;
use super::byline::find_byline;

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
    }

    fn starts_with_byline(&self) -> bool {
        find_byline(&self.lines[0]).is_some()
    }

    fn starts_with_dash(&self) -> bool {
        self.lines[0].starts_with(['—', '－', '-'])
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

/// Builds articles from page text; see the module comment for the rules.
pub fn articles(text: &str, warnings: &mut Vec<ParseWarning>) -> Vec<Article> {
    let blocks = blocks(text);
    let mut articles: Vec<Article> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let block = &blocks[i];
        if block.title_like() {
            let run_end = (i..blocks.len())
                .find(|&j| !blocks[j].title_like())
                .unwrap_or(blocks.len());
            let run = &blocks[i..run_end];
            let next = blocks.get(run_end);
            let previous_open = articles
                .last()
                .and_then(|a| a.paragraphs.last())
                .is_some_and(|p| !ends_sentence(p));
            let starts_article = match next {
                Some(next) if next.starts_with_byline() => true,
                Some(_) if previous_open => false,
                Some(_) => !(run.len() == 1 && is_subhead(&run[0]) && !articles.is_empty()),
                None => articles.is_empty(),
            };
            if starts_article {
                articles.push(titled_article(run));
                i = run_end;
                continue;
            }
            if next.is_none() && !previous_open {
                warnings.push(ParseWarning {
                    line: block.line,
                    message: "short lines after the last article kept as its last paragraphs"
                        .into(),
                });
            }
            // Not a title after all: a broken-off paragraph, a subhead or a trailer.
        }
        push_body(&mut articles, block, warnings);
        i += 1;
    }
    articles
}

/// An article whose title blocks are `run`: kickers, a headline, subtitles.
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
    Article {
        kicker: join(&run[..headline_at]),
        headline: Some(run[headline_at].title_text()),
        subtitle: join(&run[headline_at + 1..]),
        ..Article::default()
    }
}

/// Adds a body block to the current article: byline, new paragraph or continuation.
fn push_body(articles: &mut Vec<Article>, block: &Block, warnings: &mut Vec<ParseWarning>) {
    let text = block.body_text();
    let byline = find_byline(&text);
    let needs_new = match articles.last() {
        None => true,
        // A second byline on a page without a title: a new, untitled brief.
        Some(a) => byline.is_some() && (a.byline.is_some() || !a.paragraphs.is_empty()),
    };
    if needs_new {
        if byline.is_none() || articles.is_empty() {
            warnings.push(ParseWarning {
                line: block.line,
                message: "text without a title before it kept as an untitled article".into(),
            });
        }
        articles.push(Article::default());
    }
    let Some(article) = articles.last_mut() else {
        return;
    };
    match byline {
        Some(b) if article.byline.is_none() && article.paragraphs.is_empty() => {
            article.byline = Some(text[..b.len].trim_end().to_string());
            article.reporters = b.reporters;
            article.correspondents = b.correspondents;
            let rest = text[b.len..].trim_start();
            if !rest.is_empty() {
                article.paragraphs.push(rest.to_string());
            }
        }
        _ => match article.paragraphs.last_mut() {
            // A subhead stands alone even though it ends in no punctuation.
            Some(last) if !ends_sentence(last) && !is_subhead_text(last) => join_into(last, &text),
            _ => article.paragraphs.push(text),
        },
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
        };
        assert!(is_subhead(&b("一、坚持党的领导")));
        assert!(is_subhead(&b("（二）强化责任落实")));
        assert!(is_subhead(&b("3.加强监督")));
        assert!(!is_subhead(&b("三十载协作结硕果")));
    }
}
