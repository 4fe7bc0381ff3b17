//! What tells a headline from a broken-off piece of a paragraph, by the text
//! alone: commas, function-word endings, unclosed quotes, a word or number
//! cut in two across the break. See [`super::layout`] for where each is asked.

use std::sync::OnceLock;

use jieba_rs::Jieba;

/// Whether `text` is one bracketed group: `（…）`.
pub(super) fn wholly_bracketed(text: &str) -> bool {
    let inner = text
        .strip_prefix(['（', '('])
        .and_then(|t| t.strip_suffix(['）', ')']));
    inner.is_some_and(|inner| !inner.contains(['（', '(', '）', ')']))
}

/// Whether every opening quote or bracket is closed and none closes unopened:
/// a headline is whole, a broken-off piece of a paragraph often is not.
pub(super) fn balanced(text: &str) -> bool {
    const PAIRS: &[(char, char)] = &[
        ('“', '”'),
        ('（', '）'),
        ('(', ')'),
        ('《', '》'),
        ('『', '』'),
        ('「', '」'),
    ];
    PAIRS.iter().all(|&(open, close)| {
        let mut depth = 0i32;
        for c in text.chars() {
            if c == open {
                depth += 1;
            } else if c == close {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
        }
        depth == 0
    })
}

/// Whether a title-like block reads as the start of a broken paragraph by
/// itself: headlines seldom hold a comma or end on a function word.
pub(super) fn reads_broken(title: &str) -> bool {
    // A subtitle may list (`——访孔繁森、李润五、马恩华的亲人`); only the headline counts.
    if title.starts_with(['—', '－', '-']) {
        return false;
    }
    let text = split_dash_subtitle(title).map_or(title, |(head, _)| head);
    // A headline of one character is a paragraph's first character cut off (`陈|方安生…`).
    if text.chars().count() <= 1 {
        return true;
    }
    text.contains(['，', '、', ','])
        || text
            .chars()
            .last()
            .is_some_and(|c| FUNCTION_ENDS.contains(c))
        || BROKEN_ENDS.iter().any(|e| text.ends_with(e))
}

/// Whether a title-like block is rather the start of a paragraph that breaks
/// off into `next`: it reads broken, or `next` opens mid-sentence or mid-number.
pub(super) fn looks_broken(title: &str, next_line: &str) -> bool {
    let mut next_chars = next_line.chars();
    let first = next_chars.next();
    let second = next_chars.next();
    // `程，建立…`: a lone character before a comma opens no paragraph.
    let next_mid_sentence = opens_mid_sentence(next_line)
        || second.is_some_and(|c| CONTINUATION_OPENERS.contains(c))
        || (first == Some('的') && second != Some('确'));
    // `１９９` | `８年`: a number or a Latin word cut in two.
    let split_word = title
        .chars()
        .last()
        .zip(first)
        .is_some_and(|(a, b)| is_digit_or_latin(a) && is_digit_or_latin(b));
    reads_broken(title) || next_mid_sentence || split_word || splits_word(title, next_line)
}

/// Whether the break between `before` and `after` falls inside a word:
/// `游|泳`, `进|行`, `大|赛`. Headlines end on whole words, extraction does not.
fn splits_word(before: &str, after: &str) -> bool {
    let tail: Vec<char> = before.chars().rev().take(WORD_WINDOW_CHARS).collect();
    let head: Vec<char> = after.chars().take(WORD_WINDOW_CHARS).collect();
    let han = |c: Option<&char>| c.is_some_and(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    if !han(tail.first()) || !han(head.first()) {
        return false;
    }
    let joined: String = tail.iter().rev().chain(head.iter()).collect();
    let boundary: usize = tail.iter().map(|c| c.len_utf8()).sum();
    jieba()
        .cut(&joined, false)
        .iter()
        .any(|t| t.byte_start < boundary && t.byte_end > boundary)
}

/// Characters either side of a break that segmentation looks at.
const WORD_WINDOW_CHARS: usize = 3;

/// The word segmenter, loaded once (its dictionary takes a moment).
fn jieba() -> &'static Jieba {
    static JIEBA: OnceLock<Jieba> = OnceLock::new();
    JIEBA.get_or_init(Jieba::new)
}

fn is_digit_or_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || ('０'..='９').contains(&c) || ('Ａ'..='Ｚ').contains(&c)
}

/// Characters a headline does not end on but a broken line often does (only
/// those that end no common word: not 并 of 合并, 都 of 首都, 向 of 动向).
const FUNCTION_ENDS: &str = "的被而或跟但也";

/// Words a headline does not end on.
const BROKEN_ENDS: &[&str] = &[
    "尤其",
    "以及",
    "并且",
    "而且",
    "但是",
    "因为",
    "所以",
    "如果",
    "虽然",
    "由于",
    "关于",
    "通过",
    "根据",
    "按照",
    "为了",
    "对于",
    "随着",
    "不仅",
    "已经",
    "正在",
    "进一步",
];

/// Whether `text` opens with punctuation that only continues a sentence
/// (`，`, `。`, a closing quote) — not the `’` of `’９８` (1998).
pub(super) fn opens_mid_sentence(text: &str) -> bool {
    let mut chars = text.chars();
    match (chars.next(), chars.next()) {
        (Some('’'), Some(c)) if is_digit_or_latin(c) => false,
        (Some(c), _) => CONTINUATION_OPENERS.contains(c),
        (None, _) => false,
    }
}

/// Characters that do not open a paragraph, only its continuation.
const CONTINUATION_OPENERS: &str = "，、。；：！？…）》”’」』,.;:!?)";

/// `主题——副题` on one line: the headline and the dash-led subtitle.
pub(super) fn split_dash_subtitle(title: &str) -> Option<(&str, &str)> {
    let at = title.find("——")?;
    let (head, tail) = (title[..at].trim_end(), &title[at..]);
    let has_text = |s: &str| s.chars().any(|c| c.is_alphanumeric());
    (head.chars().count() >= 2 && has_text(head) && has_text(tail)).then_some((head, tail))
}
