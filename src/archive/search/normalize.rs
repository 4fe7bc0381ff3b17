//! Text normalisation shared by indexing, querying and highlighting.
//!
//! Both sides of a search go through [`Normalized::new`], so what the index
//! holds and what a query asks for always agree:
//!
//! - full-width ASCII folds to half-width (`１９９８` = `1998`, `ＡＢＣ` = `abc`)
//!   and the ideographic space to a space;
//! - letters are lower-cased;
//! - whitespace, line breaks and quotation marks *between two Han characters*
//!   are dropped, so `“两湖”创` / `新区` reads as `两湖创新区`;
//! - zero-width and format characters (U+200B–U+200D, U+2060, U+FEFF) are
//!   dropped everywhere: invisible, they must not split `中<U+200B>国`.
//!
//! Every normalised character remembers the byte range it came from, so
//! matches found in normalised text map back to the original for highlighting
//! and token offsets (always monotonic).

use std::ops::Range;

/// How a normalised character takes part in matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharClass {
    /// A Han (or kana) character: indexed as unigrams and bigrams.
    Han,
    /// A letter or digit of an alphabetic word (`abc`, `2024`).
    Word,
    /// Whitespace: separates words, does not break phrase adjacency.
    Space,
    /// Punctuation and symbols: break runs.
    Break,
}

/// Folds one character: full-width to half-width, upper to lower case.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if is_han(c) {
        return c;
    }
    let c = match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    };
    if c.is_uppercase() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        c
    }
}

/// Whether `c` is a Han character (CJK ideographs, extensions, `〇`) or kana.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3007}'
        | '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

/// Quotation marks ignored between Han characters (after folding).
fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '〝' | '〞'
    )
}

/// Invisible characters that pasted text carries: zero-width space,
/// non-joiner and joiner, word joiner, and the byte-order mark.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn is_ignorable(c: char) -> bool {
    c.is_whitespace() || is_quote(c)
}

pub(crate) fn classify(c: char) -> CharClass {
    if is_han(c) {
        CharClass::Han
    } else if c.is_alphanumeric() {
        CharClass::Word
    } else if c.is_whitespace() {
        CharClass::Space
    } else {
        CharClass::Break
    }
}

/// One character of normalised text and where it came from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Span {
    /// Byte offset of the character in the normalised text.
    pub norm_start: usize,
    /// The normalised character.
    pub ch: char,
    /// Byte range of the source character in the original text.
    pub orig: (usize, usize),
}

/// A text after normalisation, with a map back to the original.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    pub(crate) spans: Vec<Span>,
}

impl Normalized {
    /// Normalises `original` (see the module documentation for the rules).
    pub fn new(original: &str) -> Self {
        let mut out = Normalized {
            text: String::with_capacity(original.len()),
            spans: Vec::with_capacity(original.len() / 2),
        };
        let mut chars = original.char_indices().peekable();
        while let Some((start, raw)) = chars.next() {
            if is_invisible(raw) {
                continue;
            }
            let c = fold_char(raw);
            let end = start + raw.len_utf8();
            if !is_ignorable(c) {
                out.push(c, start, end);
                continue;
            }
            // A run of ignorables: dropped when it sits between two Han characters.
            let after_han = out.spans.last().is_some_and(|s| is_han(s.ch));
            let mut run = vec![(c, start, end)];
            while let Some(&(i, raw)) = chars.peek() {
                if is_invisible(raw) {
                    chars.next();
                    continue;
                }
                let next = fold_char(raw);
                if !is_ignorable(next) {
                    break;
                }
                run.push((next, i, i + raw.len_utf8()));
                chars.next();
            }
            let before_han = chars
                .clone()
                .find(|&(_, n)| !is_invisible(n))
                .is_some_and(|(_, n)| is_han(fold_char(n)));
            if !(after_han && before_han) {
                for (c, start, end) in run {
                    out.push(c, start, end);
                }
            }
        }
        out
    }

    fn push(&mut self, ch: char, start: usize, end: usize) {
        self.spans.push(Span {
            norm_start: self.text.len(),
            ch,
            orig: (start, end),
        });
        self.text.push(ch);
    }

    /// Maps a byte range of the normalised text to the original text.
    pub fn original_range(&self, norm: Range<usize>) -> Option<Range<usize>> {
        if norm.start >= norm.end {
            return None;
        }
        let first = self
            .spans
            .binary_search_by_key(&norm.start, |s| s.norm_start)
            .ok()?;
        let last = match self.spans.binary_search_by_key(&norm.end, |s| s.norm_start) {
            Ok(next) => next.checked_sub(1)?,
            Err(_) => self.spans.len().checked_sub(1)?,
        };
        Some(self.spans[first].orig.0..self.spans[last].orig.1)
    }
}

/// The normalised form of `text` (see [`Normalized`]).
pub fn normalize(text: &str) -> String {
    Normalized::new(text).text
}

/// A searchable piece of a normalised query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Segment {
    /// A run of adjacent Han characters: matched as an exact substring.
    Han(String),
    /// An alphanumeric word: matched as a whole token.
    Word(String),
}

/// Splits normalised text into Han runs and words; punctuation is dropped.
pub(crate) fn segments(normalized: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut current_class = CharClass::Break;
    for c in normalized.chars() {
        let class = classify(c);
        if class != current_class && !current.is_empty() {
            out.push(make_segment(current_class, std::mem::take(&mut current)));
        }
        if matches!(class, CharClass::Han | CharClass::Word) {
            current.push(c);
        }
        current_class = class;
    }
    if !current.is_empty() {
        out.push(make_segment(current_class, current));
    }
    out
}

fn make_segment(class: CharClass, text: String) -> Segment {
    if class == CharClass::Han {
        Segment::Han(text)
    } else {
        Segment::Word(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width_and_case() {
        assert_eq!(normalize("１９９８年ＡＢＣ　Ｄ"), "1998年abc d");
    }

    #[test]
    fn drops_quotes_and_breaks_inside_han_runs_only() {
        assert_eq!(normalize("“两湖”创\r\n\n新区"), "“两湖创新区");
        assert_eq!(normalize("new energy"), "new energy");
        assert_eq!(normalize("苏陕 协作"), "苏陕协作");
        assert_eq!(normalize("abc 协作"), "abc 协作");
    }

    #[test]
    fn zero_width_and_format_characters_vanish() {
        assert_eq!(normalize("中\u{200B}国"), "中国");
        assert_eq!(
            normalize("\u{FEFF}中\u{200C}\u{200D}国\u{2060}人"),
            "中国人"
        );
        assert_eq!(normalize("中 \u{200B} 国"), "中国");
        assert_eq!(normalize("ab\u{200B}cd"), "abcd");
    }

    #[test]
    fn maps_back_to_original_bytes() {
        let text = "“两湖”创\n新区";
        let n = Normalized::new(text);
        let start = n.text.find("湖创").unwrap();
        let range = n.original_range(start..start + "湖创".len()).unwrap();
        assert_eq!(&text[range], "湖”创");
    }

    #[test]
    fn splits_segments() {
        assert_eq!(
            segments(&normalize("2024年苏陕，协作 ai")),
            vec![
                Segment::Word("2024".into()),
                Segment::Han("年苏陕".into()),
                Segment::Han("协作".into()),
                Segment::Word("ai".into()),
            ]
        );
    }
}
