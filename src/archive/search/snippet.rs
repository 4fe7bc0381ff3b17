//! Finding matches in text (for the reader's highlighting) and cutting
//! snippets around them, marked with `【` `】`.

use std::ops::Range;

use super::normalize::{CharClass, Normalized, classify};
use super::query::{ParsedQuery, TextSegment, parse};

/// Byte ranges of `text` that match the words of `query`, sorted and merged.
///
/// Consistent with search: Han text matches as a substring after
/// normalisation (so `两湖创新区` highlights `两湖”创新区`, quote included),
/// words match whole. Excluded words (`-x`) and field filters highlight
/// nothing; a malformed query highlights nothing.
pub fn highlight_ranges(query: &str, text: &str) -> Vec<Range<usize>> {
    match parse(query) {
        Ok(parsed) => ranges_for(&parsed, text),
        Err(_) => Vec::new(),
    }
}

pub(crate) fn ranges_for(parsed: &ParsedQuery, text: &str) -> Vec<Range<usize>> {
    let segments: Vec<&TextSegment> = parsed.positive_text().collect();
    if segments.is_empty() || text.is_empty() {
        return Vec::new();
    }
    let norm = Normalized::new(text);
    let mut ranges = Vec::new();
    for segment in segments {
        let needle = segment.as_str();
        for (start, _) in norm.text.match_indices(needle) {
            let end = start + needle.len();
            if let TextSegment::Word(_) = segment {
                let before = norm.text[..start].chars().next_back();
                let after = norm.text[end..].chars().next();
                let is_word = |c: Option<char>| c.is_some_and(|c| classify(c) == CharClass::Word);
                if is_word(before) || is_word(after) {
                    continue;
                }
            }
            if let Some(range) = norm.original_range(start..end) {
                ranges.push(range);
            }
        }
    }
    merge_ranges(ranges)
}

fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// Characters of context shown before the first match of a snippet.
const CONTEXT_BEFORE_CHARS: usize = 24;

/// A window of about `max_chars` characters of `text` around its densest
/// cluster of `ranges`, matches wrapped in `【` `】`, line breaks as spaces.
/// Without matches, the start of the text.
pub fn make_snippet(text: &str, ranges: &[Range<usize>], max_chars: usize) -> String {
    let char_starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    let char_at = |byte: usize| char_starts.partition_point(|&s| s < byte);
    // Choose the match whose window holds the most matches.
    let mut best = (0usize, 0usize); // (count, index into ranges)
    for (i, r) in ranges.iter().enumerate() {
        let window_end = char_at(r.start) + max_chars;
        let count = ranges[i..]
            .iter()
            .take_while(|o| char_at(o.end) <= window_end)
            .count();
        if count > best.0 {
            best = (count, i);
        }
    }
    let first_char = ranges
        .get(best.1)
        .map(|r| char_at(r.start).saturating_sub(CONTEXT_BEFORE_CHARS))
        .unwrap_or(0);
    let last_char = (first_char + max_chars).min(char_starts.len());
    let start = char_starts.get(first_char).copied().unwrap_or(text.len());
    let end = char_starts.get(last_char).copied().unwrap_or(text.len());

    let mut out = String::with_capacity(end - start + 16);
    if first_char > 0 {
        out.push('…');
    }
    let mut pos = start;
    let push_plain = |out: &mut String, s: &str| {
        for c in s.chars() {
            match c {
                '\r' => {}
                '\n' => out.push(' '),
                c => out.push(c),
            }
        }
    };
    for r in ranges {
        if r.end <= start || r.start >= end {
            continue;
        }
        let (s, e) = (r.start.max(pos), r.end.min(end));
        if s >= e {
            continue;
        }
        push_plain(&mut out, &text[pos..s]);
        out.push('【');
        // A match may span a line break (ignored between Han characters).
        out.extend(text[s..e].chars().filter(|c| *c != '\n' && *c != '\r'));
        out.push('】');
        pos = e;
    }
    push_plain(&mut out, &text[pos..end]);
    if end < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_across_quotes_and_line_breaks() {
        let text = "聚力新能源之都、“两湖”创\n新区建设";
        let ranges = highlight_ranges("两湖创新区", text);
        assert_eq!(ranges.len(), 1);
        assert_eq!(&text[ranges[0].clone()], "两湖”创\n新区");
        assert!(highlight_ranges("-两湖 tag:x", text).is_empty());
        assert!(highlight_ranges("\"unbalanced", text).is_empty());
    }

    #[test]
    fn words_match_whole_and_width_folds() {
        let text = "AI赋能，ＡＩ产业，said";
        assert_eq!(highlight_ranges("ai", text).len(), 2);
    }

    #[test]
    fn snippet_marks_matches_and_trims() {
        let text = "甲乙丙丁。".repeat(40) + "苏陕协作走深走实" + &"戊己庚辛。".repeat(40);
        let ranges = highlight_ranges("苏陕 走实", &text);
        let snippet = make_snippet(&text, &ranges, 60);
        assert!(snippet.contains("【苏陕】协作走深【走实】"), "{snippet}");
        assert!(snippet.starts_with('…') && snippet.ends_with('…'));
        assert_eq!(make_snippet("短文", &[], 60), "短文");
    }
}
