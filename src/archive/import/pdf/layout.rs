//! Glyphs with boxes → lines → column pieces (cut at drawn rules and
//! white space, recursively) → articles. Titles by size, bylines and
//! datelines by the text parser's own rules ([`crate::archive::parse`]).
//!
//! Lossless: every glyph with text lands in exactly one field of one
//! article, or in the page header.

use crate::archive::model::Article;
use crate::archive::parse::{ParseWarning, ends_sentence, find_byline, standalone_byline};

use super::{Glyph, PageContent, Rect};

/// A title is at least this many times the page's body size.
const TITLE_RATIO: f32 = 1.18;

/// Glyphs further apart than this many ems are on different lines (in
/// different columns): text is set with no gap between Chinese characters,
/// a column gutter is an em or more.
const MAX_GAP_EMS: f32 = 0.6;

/// One line of text: glyphs on a baseline (or down a column, vertical).
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub text: String,
    pub rect: Rect,
    pub size: f32,
    pub vertical: bool,
}

/// What the layout found on a page.
#[derive(Debug, Clone, Default)]
pub struct PageLayout {
    /// The page header line (报名, date, 第N版), when there is one.
    pub header: Option<String>,
    /// Articles in reading order, each with its region.
    pub articles: Vec<Article>,
    /// What was kept without confident classification.
    pub warnings: Vec<ParseWarning>,
}

/// Lays out one page's content into articles.
pub fn lay_out(content: &PageContent) -> PageLayout {
    let body = body_size(&content.glyphs);
    let lines = build_lines(&content.glyphs, body);
    let mut layout = PageLayout::default();
    if lines.is_empty() {
        return layout;
    }
    let header = header_lines(&lines, content.size);
    if !header.is_empty() {
        let mut ids = header.clone();
        ids.sort_by(|&a, &b| lines[a].rect.x0.total_cmp(&lines[b].rect.x0));
        let text: Vec<&str> = ids.iter().map(|&i| lines[i].text.as_str()).collect();
        layout.header = Some(text.join(" "));
    }
    let rest: Vec<usize> = (0..lines.len()).filter(|i| !header.contains(i)).collect();
    let rules = rules_of(content);
    let cutter = Cutter {
        lines: &lines,
        rules: &rules,
        body,
    };
    let mut leaves = Vec::new();
    cutter.cut(rest, &mut leaves, 0);
    layout.articles = assemble(&lines, &leaves, body, &mut layout.warnings);
    layout
}

/// The most common glyph size, weighted by glyphs: the body text's.
pub(super) fn body_size(glyphs: &[Glyph]) -> f32 {
    let mut counts: Vec<(i32, usize)> = Vec::new();
    for g in glyphs.iter().filter(|g| !g.text.trim().is_empty()) {
        let key = (g.size * 4.0).round() as i32;
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += 1,
            None => counts.push((key, 1)),
        }
    }
    counts
        .iter()
        .max_by_key(|&&(k, n)| (n, -k))
        .map_or(10.0, |&(k, _)| k as f32 / 4.0)
        .max(1.0)
}

/// Joins glyphs into lines: horizontal ones along their baseline, vertical
/// ones down their column; a gap of more than an em starts another line.
///
/// The gap is measured in the body's ems for larger type: a gutter between
/// two headlines side by side is as narrow as between two columns of text.
pub(super) fn build_lines(glyphs: &[Glyph], body: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut horizontal: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| !g.vertical && !g.text.is_empty())
        .collect();
    horizontal.sort_by(|a, b| {
        let (ya, yb) = (a.rect.y0 + a.rect.y1, b.rect.y0 + b.rect.y1);
        ((yb * 2.0).round())
            .total_cmp(&(ya * 2.0).round())
            .then(a.rect.x0.total_cmp(&b.rect.x0))
    });
    let mut open: Vec<(Line, f32)> = Vec::new(); // the line and its centre y
    for g in horizontal {
        let space = g.text.trim().is_empty();
        let centre = (g.rect.y0 + g.rect.y1) / 2.0;
        let fits = |(line, line_centre): &(Line, f32)| {
            let size = line.size.max(g.size);
            (line_centre - centre).abs() < 0.3 * size
                && (0.8..1.25).contains(&(g.size / line.size))
                && g.rect.x0 >= line.rect.x1 - 0.4 * size
                && g.rect.x0 - line.rect.x1 <= MAX_GAP_EMS * size.min(body)
        };
        // Only lines near this baseline can take it; they are at the end.
        let found = open
            .iter()
            .rposition(fits)
            .filter(|&i| (open[i].1 - centre).abs() < 2.0 * g.size);
        match found {
            Some(i) if space => {
                let (line, _) = &mut open[i];
                if !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                // The space's width is part of the line: the next word follows it.
                line.rect.x1 = line.rect.x1.max(g.rect.x1);
            }
            // A space opens no line.
            None if space => {}
            Some(i) => {
                let (line, _) = &mut open[i];
                let gap = g.rect.x0 - line.rect.x1;
                if gap > 0.3 * line.size && needs_space(&line.text, &g.text) {
                    line.text.push(' ');
                }
                line.text.push_str(&g.text);
                line.rect = line.rect.union(g.rect);
            }
            None => {
                // Lines far above this glyph are finished.
                let keep_from = open
                    .iter()
                    .position(|(_, c)| c - centre < 3.0 * g.size)
                    .unwrap_or(open.len());
                lines.extend(open.drain(..keep_from).map(|(l, _)| l));
                open.push((
                    Line {
                        text: g.text.clone(),
                        rect: g.rect,
                        size: g.size,
                        vertical: false,
                    },
                    centre,
                ));
            }
        }
    }
    lines.extend(open.into_iter().map(|(l, _)| l));
    for line in &mut lines {
        line.text.truncate(line.text.trim_end().len());
    }
    let mut vertical: Vec<&Glyph> = glyphs
        .iter()
        .filter(|g| g.vertical && !g.text.trim().is_empty())
        .collect();
    vertical.sort_by(|a, b| {
        ((a.rect.x0 + a.rect.x1).round())
            .total_cmp(&(b.rect.x0 + b.rect.x1).round())
            .then(b.rect.y1.total_cmp(&a.rect.y1))
    });
    let mut column: Option<Line> = None;
    for g in vertical {
        let centre = (g.rect.x0 + g.rect.x1) / 2.0;
        match &mut column {
            Some(line)
                if ((line.rect.x0 + line.rect.x1) / 2.0 - centre).abs() < 0.3 * line.size
                    && line.rect.y0 - g.rect.y1 <= 1.0 * line.size
                    && g.rect.y1 <= line.rect.y0 + 0.4 * line.size =>
            {
                line.text.push_str(&g.text);
                line.rect = line.rect.union(g.rect);
            }
            _ => {
                lines.extend(column.take());
                column = Some(Line {
                    text: g.text.clone(),
                    rect: g.rect,
                    size: g.size,
                    vertical: true,
                });
            }
        }
    }
    lines.extend(column);
    lines
}

/// A space between two Latin words or numbers; none between Chinese characters.
fn needs_space(before: &str, after: &str) -> bool {
    let latin =
        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c.is_ascii_punctuation());
    latin(before.chars().last()) && latin(after.chars().next())
}

/// The page header: a line near the top (or foot) with `第N版` or a date,
/// and every line level with it or beyond it towards the edge.
fn header_lines(lines: &[Line], size: [f32; 2]) -> Vec<usize> {
    let height = size[1];
    let is_header_text = |t: &str| {
        let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
        has_page_mark(&t)
            || (t.contains('年') && t.contains('月') && t.contains('日') && t.contains("星期"))
    };
    let top = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.vertical && l.rect.y0 >= height * 0.85 && is_header_text(&l.text))
        .map(|(i, _)| i)
        .min_by(|&a, &b| lines[a].rect.y0.total_cmp(&lines[b].rect.y0));
    if let Some(i) = top {
        let floor = lines[i].rect.y0 - 0.3 * lines[i].size;
        return (0..lines.len())
            .filter(|&j| lines[j].rect.y0 >= floor && lines[j].rect.y0 >= height * 0.8)
            .collect();
    }
    let foot = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.vertical && l.rect.y1 <= height * 0.08 && is_header_text(&l.text))
        .map(|(i, _)| i)
        .max_by(|&a, &b| lines[a].rect.y1.total_cmp(&lines[b].rect.y1));
    if let Some(i) = foot {
        let ceiling = lines[i].rect.y1 + 0.3 * lines[i].size;
        return (0..lines.len())
            .filter(|&j| lines[j].rect.y1 <= ceiling)
            .collect();
    }
    Vec::new()
}

/// `第3版`, `第１２版`, `第三版`.
fn has_page_mark(text: &str) -> bool {
    let mut rest = text;
    while let Some(at) = rest.find('第') {
        let after = &rest[at + '第'.len_utf8()..];
        let digits: String = after
            .chars()
            .take_while(|c| {
                c.is_ascii_digit()
                    || ('０'..='９').contains(c)
                    || "一二三四五六七八九十".contains(*c)
            })
            .collect();
        if !digits.is_empty() && after[digits.len()..].starts_with('版') {
            return true;
        }
        rest = after;
    }
    false
}

/// A drawn separator: a thin rectangle or line, or an edge of a box.
#[derive(Debug, Clone, Copy)]
struct Rule {
    rect: Rect,
    horizontal: bool,
}

fn rules_of(content: &PageContent) -> Vec<Rule> {
    const THIN: f32 = 3.0;
    let mut rules = Vec::new();
    for &r in &content.rules {
        let (w, h) = (r.x1 - r.x0, r.y1 - r.y0);
        if h <= THIN && w > THIN {
            rules.push(Rule {
                rect: r,
                horizontal: true,
            });
        } else if w <= THIN && h > THIN {
            rules.push(Rule {
                rect: r,
                horizontal: false,
            });
        } else if w > THIN && h > THIN {
            // A box: its four edges separate what is inside from what is not.
            for (edge, horizontal) in [
                (Rect { y1: r.y0, ..r }, true),
                (Rect { y0: r.y1, ..r }, true),
                (Rect { x1: r.x0, ..r }, false),
                (Rect { x0: r.x1, ..r }, false),
            ] {
                rules.push(Rule {
                    rect: edge,
                    horizontal,
                });
            }
        }
    }
    rules
}

struct Cutter<'a> {
    lines: &'a [Line],
    rules: &'a [Rule],
    body: f32,
}

impl Cutter<'_> {
    fn is_title(&self, line: &Line) -> bool {
        line.size >= self.body * TITLE_RATIO || (line.vertical && line.size >= self.body)
    }

    fn extent(&self, ids: &[usize]) -> Rect {
        ids.iter()
            .map(|&i| self.lines[i].rect)
            .reduce(Rect::union)
            .unwrap_or_default()
    }

    /// Cuts `ids` into pieces read one after another, into `leaves`.
    fn cut(&self, ids: Vec<usize>, leaves: &mut Vec<Vec<usize>>, depth: usize) {
        if ids.len() <= 1 || depth > 64 {
            if !ids.is_empty() {
                leaves.push(self.reading_order(ids));
            }
            return;
        }
        let parts = self
            .rule_rows(&ids)
            .or_else(|| self.columns(&ids))
            .or_else(|| self.rows(&ids))
            .or_else(|| self.title_first(&ids));
        match parts {
            Some(parts) => {
                for part in parts {
                    self.cut(part, leaves, depth + 1);
                }
            }
            None => leaves.push(self.reading_order(ids)),
        }
    }

    fn reading_order(&self, mut ids: Vec<usize>) -> Vec<usize> {
        let l = self.lines;
        ids.sort_by(|&a, &b| {
            l[b].rect
                .y1
                .total_cmp(&l[a].rect.y1)
                .then(l[a].rect.x0.total_cmp(&l[b].rect.x0))
        });
        ids
    }

    /// Splits at horizontal positions `cuts` (descending y): rows, top first.
    fn split_rows(&self, ids: &[usize], mut cuts: Vec<f32>) -> Option<Vec<Vec<usize>>> {
        cuts.sort_by(|a, b| b.total_cmp(a));
        cuts.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        let mut parts = vec![Vec::new(); cuts.len() + 1];
        for &i in ids {
            let centre = (self.lines[i].rect.y0 + self.lines[i].rect.y1) / 2.0;
            let row = cuts.iter().take_while(|&&c| centre < c).count();
            parts[row].push(i);
        }
        parts.retain(|p| !p.is_empty());
        (parts.len() > 1).then_some(parts)
    }

    fn split_columns(&self, ids: &[usize], mut cuts: Vec<f32>) -> Option<Vec<Vec<usize>>> {
        cuts.sort_by(f32::total_cmp);
        cuts.dedup_by(|a, b| (*a - *b).abs() < 0.5);
        let mut parts = vec![Vec::new(); cuts.len() + 1];
        for &i in ids {
            let centre = (self.lines[i].rect.x0 + self.lines[i].rect.x1) / 2.0;
            let column = cuts.iter().take_while(|&&c| centre > c).count();
            parts[column].push(i);
        }
        parts.retain(|p| !p.is_empty());
        (parts.len() > 1).then_some(parts)
    }

    /// Whether no line of `ids` crosses the horizontal `y`.
    fn clear_at_y(&self, ids: &[usize], y: f32) -> bool {
        ids.iter().all(|&i| {
            let r = self.lines[i].rect;
            !(r.y0 + 0.5 < y && y < r.y1 - 0.5)
        })
    }

    fn clear_at_x(&self, ids: &[usize], x: f32) -> bool {
        ids.iter().all(|&i| {
            let r = self.lines[i].rect;
            !(r.x0 + 0.5 < x && x < r.x1 - 0.5)
        })
    }

    /// Rows at horizontal rules that span the whole region.
    fn rule_rows(&self, ids: &[usize]) -> Option<Vec<Vec<usize>>> {
        let area = self.extent(ids);
        let width = area.x1 - area.x0;
        let cuts: Vec<f32> = self
            .rules
            .iter()
            .filter(|r| r.horizontal)
            .map(|r| (r.rect, (r.rect.y0 + r.rect.y1) / 2.0))
            .filter(|(r, y)| {
                *y > area.y0
                    && *y < area.y1
                    && overlap(r.x0, r.x1, area.x0, area.x1) >= 0.85 * width
                    && self.clear_at_y(ids, *y)
            })
            .map(|(_, y)| y)
            .collect();
        self.split_rows(ids, cuts)
    }

    /// Columns at vertical rules or white gutters that run the whole
    /// region's height, unless the cut would read a column before the
    /// title standing above it.
    fn columns(&self, ids: &[usize]) -> Option<Vec<Vec<usize>>> {
        let area = self.extent(ids);
        let height = area.y1 - area.y0;
        let mut cuts: Vec<f32> = self
            .rules
            .iter()
            .filter(|r| !r.horizontal)
            .map(|r| (r.rect, (r.rect.x0 + r.rect.x1) / 2.0))
            .filter(|(r, x)| {
                *x > area.x0
                    && *x < area.x1
                    && overlap(r.y0, r.y1, area.y0, area.y1) >= 0.85 * height
                    && self.clear_at_x(ids, *x)
            })
            .map(|(_, x)| x)
            .collect();
        let mut by_x: Vec<Rect> = ids.iter().map(|&i| self.lines[i].rect).collect();
        by_x.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut reach = by_x[0].x1;
        for r in &by_x[1..] {
            if r.x0 - reach >= 0.8 * self.body {
                cuts.push((reach + r.x0) / 2.0);
            }
            reach = reach.max(r.x1);
        }
        let mut parts = self.split_columns(ids, cuts)?;
        // A vertical headline heads the column on its left: read it first.
        for i in 1..parts.len() {
            let all_vertical_titles = parts[i]
                .iter()
                .all(|&l| self.lines[l].vertical && self.is_title(&self.lines[l]));
            if all_vertical_titles {
                parts.swap(i - 1, i);
            }
        }
        // A column that starts below a title in the column beside it is
        // that title's body: the two stay together.
        loop {
            let merge = (0..parts.len()).find_map(|a| {
                // Where the part's pieces of body text start: its top, and
                // after each wide gap below body text. A piece further down
                // belongs to a title beside it only when that title stands
                // just above it.
                self.piece_tops(&parts[a])
                    .into_iter()
                    .find_map(|(top, first)| {
                        let title_above = |part: &Vec<usize>| {
                            part.iter().any(|&i| {
                                let l = &self.lines[i];
                                self.is_title(l)
                                    && l.rect.y0 >= top - 0.1 * self.body
                                    && (first || l.rect.y0 - top <= 2.5 * self.body)
                            })
                        };
                        if a > 0 && title_above(&parts[a - 1]) {
                            Some((a - 1, a))
                        } else if a + 1 < parts.len() && title_above(&parts[a + 1]) {
                            Some((a, a + 1))
                        } else {
                            None
                        }
                    })
            });
            let Some((keep, gone)) = merge else { break };
            let moved = parts.remove(gone);
            parts[keep].extend(moved);
        }
        if parts.len() < 2 {
            return None;
        }
        Some(parts)
    }

    /// The tops of the pieces of a part that open with body text, each with
    /// whether it is the part's top: the part's top when that is not a
    /// title, and a body line after a wide white gap below body text (below
    /// a title, the gap only parts the title from its own body).
    fn piece_tops(&self, part: &[usize]) -> Vec<(f32, bool)> {
        let mut by_y: Vec<usize> = part.to_vec();
        by_y.sort_by(|&a, &b| self.lines[b].rect.y1.total_cmp(&self.lines[a].rect.y1));
        let mut tops = Vec::new();
        let mut floor = f32::INFINITY;
        let mut title_at_floor = false;
        for (k, &i) in by_y.iter().enumerate() {
            let l = &self.lines[i];
            let title = self.is_title(l);
            let after_gap = floor - l.rect.y1 >= 1.2 * self.body && !title_at_floor;
            if !title && (k == 0 || after_gap) {
                tops.push((l.rect.y1, k == 0));
            }
            if l.rect.y0 < floor {
                floor = l.rect.y0;
                title_at_floor = title;
            }
        }
        tops
    }

    /// Rows at wide white gaps, or at any gap right above a title.
    fn rows(&self, ids: &[usize]) -> Option<Vec<Vec<usize>>> {
        let mut by_y: Vec<usize> = ids.to_vec();
        by_y.sort_by(|&a, &b| self.lines[b].rect.y1.total_cmp(&self.lines[a].rect.y1));
        let mut cuts = Vec::new();
        let mut floor = self.lines[by_y[0]].rect.y0;
        // A title just above a gap keeps its body below it: no cut there.
        let mut title_above = self.is_title(&self.lines[by_y[0]]);
        for &i in &by_y[1..] {
            let l = &self.lines[i];
            let gap = floor - l.rect.y1;
            let below_title = self.is_title(l);
            let wide = gap >= 1.2 * self.body && (below_title || !title_above);
            // Body text above, a title below: the next article starts.
            if wide || (gap >= 0.2 * self.body && below_title && !title_above) {
                cuts.push((floor + l.rect.y1) / 2.0);
            }
            if l.rect.y0 < floor {
                floor = l.rect.y0;
                title_above = below_title;
            } else if (l.rect.y0 - floor).abs() < 0.5 * self.body {
                title_above |= below_title;
            }
        }
        self.split_rows(ids, cuts)
    }

    /// A title at the top of a region that cannot be cut otherwise stands
    /// apart from the columns of its body below it.
    fn title_first(&self, ids: &[usize]) -> Option<Vec<Vec<usize>>> {
        let mut by_y: Vec<usize> = ids.to_vec();
        by_y.sort_by(|&a, &b| self.lines[b].rect.y1.total_cmp(&self.lines[a].rect.y1));
        let titles = by_y
            .iter()
            .take_while(|&&i| self.is_title(&self.lines[i]))
            .count();
        if titles == 0 || titles == by_y.len() {
            return None;
        }
        let floor = by_y[..titles]
            .iter()
            .map(|&i| self.lines[i].rect.y0)
            .fold(f32::INFINITY, f32::min);
        let below_all = by_y[titles..]
            .iter()
            .all(|&i| self.lines[i].rect.y1 <= floor + 0.5);
        below_all.then(|| vec![by_y[..titles].to_vec(), by_y[titles..].to_vec()])
    }
}

fn overlap(a0: f32, a1: f32, b0: f32, b1: f32) -> f32 {
    (a1.min(b1) - a0.max(b0)).max(0.0)
}

/// An article as it is gathered: title lines, then body lines with their piece.
#[derive(Default)]
struct Gathered {
    titles: Vec<usize>,
    body: Vec<(usize, usize)>,
}

/// Reads the pieces in order into articles: a title after body text starts one.
fn assemble(
    lines: &[Line],
    leaves: &[Vec<usize>],
    body: f32,
    warnings: &mut Vec<ParseWarning>,
) -> Vec<Article> {
    let is_title = |l: &Line| l.size >= body * TITLE_RATIO || (l.vertical && l.size >= body);
    let mut gathered: Vec<Gathered> = Vec::new();
    for (leaf, ids) in leaves.iter().enumerate() {
        for &i in ids {
            if is_title(&lines[i]) {
                if gathered.last().is_none_or(|g| !g.body.is_empty()) {
                    gathered.push(Gathered::default());
                }
                if let Some(g) = gathered.last_mut() {
                    g.titles.push(i);
                }
            } else {
                if gathered.is_empty() {
                    gathered.push(Gathered::default());
                }
                if let Some(g) = gathered.last_mut() {
                    g.body.push((leaf, i));
                }
            }
        }
    }
    // Each piece's left and right edges, for indents and short lines.
    let margins: Vec<(f32, f32)> = leaves
        .iter()
        .map(|ids| {
            ids.iter()
                .filter(|&&i| !is_title(&lines[i]))
                .fold((f32::INFINITY, f32::NEG_INFINITY), |(l, r), &i| {
                    (l.min(lines[i].rect.x0), r.max(lines[i].rect.x1))
                })
        })
        .collect();
    // Where body lines start, when three or more start there: column edges.
    let mut starts: Vec<f32> = leaves
        .iter()
        .flatten()
        .filter(|&&i| !is_title(&lines[i]))
        .map(|&i| (lines[i].rect.x0 * 2.0).round() / 2.0)
        .collect();
    starts.sort_by(f32::total_cmp);
    let edges: Vec<f32> = starts
        .chunk_by(|a, b| a == b)
        .filter(|run| run.len() >= 3)
        .map(|run| run[0])
        .collect();
    let mut leaf_of = vec![usize::MAX; lines.len()];
    for (leaf, ids) in leaves.iter().enumerate() {
        for &i in ids {
            leaf_of[i] = leaf;
        }
    }
    gathered
        .iter()
        .map(|g| {
            if g.titles.is_empty() {
                warnings.push(ParseWarning {
                    line: 0,
                    message: format!(
                        "text without a title before it kept as an untitled article: {}",
                        preview(&lines[g.body[0].1].text)
                    ),
                });
            }
            let mut article = titled(lines, &g.titles);
            body_into(&mut article, lines, &g.body, &margins, &edges);
            article.region = crate::archive::model::Region(region(lines, g, &leaf_of));
            article
        })
        .collect()
}

fn preview(text: &str) -> String {
    text.chars().take(12).collect()
}

/// Kicker, headline and subtitle from the title lines: the largest size is
/// the headline, smaller lines above it the kicker, below it the subtitle.
fn titled(lines: &[Line], titles: &[usize]) -> Article {
    let mut article = Article::default();
    if titles.is_empty() {
        return article;
    }
    // Blocks of lines of one size, in reading order.
    let mut blocks: Vec<(f32, Vec<&str>)> = Vec::new();
    for &i in titles {
        let l = &lines[i];
        match blocks.last_mut() {
            Some((size, texts)) if (l.size / *size - 1.0).abs() < 0.05 => texts.push(&l.text),
            _ => blocks.push((l.size, vec![&l.text])),
        }
    }
    let head = blocks
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.0.total_cmp(&b.1.0).then(b.0.cmp(&a.0)))
        .map_or(0, |(i, _)| i);
    let join = |bs: &[(f32, Vec<&str>)]| {
        let text = bs
            .iter()
            .flat_map(|(_, t)| t.iter().copied())
            .collect::<Vec<_>>()
            .join("\n");
        (!text.is_empty()).then_some(text)
    };
    article.kicker = join(&blocks[..head]);
    article.headline = join(&blocks[head..=head]);
    article.subtitle = join(&blocks[head + 1..]);
    article
}

/// The body lines into paragraphs (a new one at an indent, or after a
/// short line that ends a sentence), the byline split off the first.
fn body_into(
    article: &mut Article,
    lines: &[Line],
    body: &[(usize, usize)],
    margins: &[(f32, f32)],
    edges: &[f32],
) {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut previous: Option<(usize, usize)> = None;
    for &(leaf, i) in body {
        let l = &lines[i];
        let (left, _) = margins[leaf];
        // The column's left edge: the piece's, or where the page's other
        // lines start when the piece holds too few lines to tell.
        let left = edges
            .iter()
            .copied()
            .filter(|&e| e <= l.rect.x0 + 0.5 && l.rect.x0 - e < 3.0 * l.size)
            .fold(left, f32::min);
        let indented = l.rect.x0 - left >= 0.8 * l.size;
        let after_short = previous.is_some_and(|(pleaf, p)| {
            let (_, pright) = margins[pleaf];
            lines[p].rect.x1 < pright - 1.5 * lines[p].size
        });
        let starts = match paragraphs.last() {
            None => true,
            Some(last) => indented || (after_short && ends_sentence(last)),
        };
        if starts {
            paragraphs.push(l.text.clone());
        } else if let Some(last) = paragraphs.last_mut() {
            if needs_space(last, &l.text) {
                last.push(' ');
            }
            last.push_str(&l.text);
        }
        previous = Some((leaf, i));
    }
    let mut paragraphs = paragraphs.into_iter();
    if let Some(first) = paragraphs.next() {
        if let Some(b) = standalone_byline(&first) {
            article.byline = Some(first);
            article.reporters = b.reporters;
            article.correspondents = b.correspondents;
        } else if let Some(b) = find_byline(&first) {
            article.byline = Some(first[..b.len].trim_end().to_string());
            article.reporters = b.reporters;
            article.correspondents = b.correspondents;
            let rest = first[b.len..].trim_start();
            if !rest.is_empty() {
                article.paragraphs.push(rest.to_string());
            }
        } else {
            article.paragraphs.push(first);
        }
    }
    for paragraph in paragraphs {
        // A datelined item of a round-up names its reporters too.
        if let Some(b) = find_byline(&paragraph) {
            add_names(&mut article.reporters, &b.reporters);
            add_names(&mut article.correspondents, &b.correspondents);
        }
        article.paragraphs.push(paragraph);
    }
}

fn add_names(names: &mut Vec<String>, more: &[String]) {
    for name in more {
        if !names.contains(name) {
            names.push(name.clone());
        }
    }
}

/// One rectangle per piece the article has lines in (its title lines and
/// each column of its body), in PDF points.
fn region(lines: &[Line], g: &Gathered, leaf_of: &[usize]) -> Vec<[f32; 4]> {
    let mut rects: Vec<(usize, Rect)> = Vec::new();
    let ids = g
        .titles
        .iter()
        .copied()
        .chain(g.body.iter().map(|&(_, i)| i));
    for i in ids {
        let leaf = leaf_of[i];
        match rects.iter_mut().find(|(l, _)| *l == leaf) {
            Some((_, r)) => *r = r.union(lines[i].rect),
            None => rects.push((leaf, lines[i].rect)),
        }
    }
    rects
        .into_iter()
        .map(|(_, r)| {
            [r.x0, r.y0, r.x1, r.y1].map(|v| {
                if v.is_finite() {
                    (v * 100.0).round() / 100.0
                } else {
                    0.0
                }
            })
        })
        .collect()
}
