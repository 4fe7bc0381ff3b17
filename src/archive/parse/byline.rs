//! Bylines that open an article's first paragraph, and the names in them.
//!
//! Shapes seen in Chinese papers, all handled here:
//! `本报讯（记者 张可馨）…`, `本报讯（记者 A 通讯员 B）…`,
//! `本报北京１月１４日讯记者施明慎、王某报道：…`, `新华社北京１２月３０日电（记者 A）…`,
//! `（通讯员 … 记者 …）…` and `新华社记者A、B报道：…`.

/// A byline found at the start of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Byline {
    /// Length in bytes of the byline prefix of the paragraph.
    pub len: usize,
    /// Reporters (记者), in order.
    pub reporters: Vec<String>,
    /// Correspondents (通讯员) and other contributors, in order.
    pub correspondents: Vec<String>,
}

/// News sources whose dateline opens a paragraph.
const SOURCES: &[&str] = &[
    "本报",
    "本刊",
    "新华社",
    "中新社",
    "中新网",
    "人民网",
    "新华网",
    "央视网",
    "据新华社",
    "据本报",
];

/// Longest dateline between a source and its 讯/电, in characters (`北京１２月３０日`).
const MAX_DATELINE_CHARS: usize = 24;
/// Longest parenthesised credit, in characters.
const MAX_CREDIT_CHARS: usize = 60;

/// Finds a byline at the start of `paragraph`.
pub fn find_byline(paragraph: &str) -> Option<Byline> {
    let (pos, head) = match dateline_end(paragraph) {
        Some(Dateline::Complete(end)) => (end, true),
        // A bare source (`新华社记者…`) counts only when a credit follows.
        Some(Dateline::SourceOnly(end)) => (end, false),
        None => (0, false),
    };
    let rest = &paragraph[pos..];
    let skipped = rest.len() - rest.trim_start().len();
    let rest = rest.trim_start();
    let mut names = Names::default();
    let credit_len = if let Some(len) = parenthesised_credit(rest, head, &mut names) {
        len
    } else if let Some(len) = reported_by(rest, &mut names) {
        len
    } else if head {
        return Some(Byline {
            len: pos,
            ..Byline::default()
        });
    } else {
        return None;
    };
    Some(Byline {
        len: pos + skipped + credit_len,
        reporters: names.reporters,
        correspondents: names.correspondents,
    })
}

/// Where a dateline ends.
enum Dateline {
    /// `本报讯`, `新华社北京１２月３０日电`: a byline by itself.
    Complete(usize),
    /// `新华社` directly before `记者…`/`（…）`: a byline only with that credit.
    SourceOnly(usize),
}

/// `本报讯`, `本报北京１月１４日讯`, `新华社北京１２月３０日电`: the end of the dateline.
fn dateline_end(text: &str) -> Option<Dateline> {
    let source = SOURCES
        .iter()
        .filter(|s| text.starts_with(*s))
        .max_by_key(|s| s.len())?;
    let after = &text[source.len()..];
    for (count, (i, c)) in after.char_indices().enumerate() {
        if count > MAX_DATELINE_CHARS {
            break;
        }
        match c {
            '讯' | '电' => return Some(Dateline::Complete(source.len() + i + c.len_utf8())),
            '，' | '。' | '（' | '(' | '：' | ':' | '、' | '；' => break,
            _ => {}
        }
    }
    // `新华社记者A报道：` has no dateline: the source alone is the head when a
    // credit follows it directly.
    let after = after.trim_start();
    (after.starts_with("记者") || after.starts_with('（') || after.starts_with('('))
        .then_some(Dateline::SourceOnly(source.len()))
}

/// `（记者 张可馨）` or `（通讯员 甲 记者 乙）`: its length and names.
///
/// Without a dateline before it, the parentheses must name a role, so an
/// ordinary parenthesis opening a paragraph is not taken for a byline.
fn parenthesised_credit(text: &str, after_dateline: bool, names: &mut Names) -> Option<usize> {
    let open = text.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let close = if open == '（' { '）' } else { ')' };
    let inner_start = open.len_utf8();
    let (inner_len, _) = text[inner_start..]
        .char_indices()
        .take(MAX_CREDIT_CHARS)
        .find(|&(_, c)| c == close || c == '（' || c == '(' || c == '。')?;
    if !text[inner_start + inner_len..].starts_with(close) {
        return None;
    }
    let inner = &text[inner_start..inner_start + inner_len];
    if inner.trim_end().ends_with('摄') {
        return None; // `（新华社记者樊如钧摄）`: a photo credit under a caption, not a byline
    }
    let has_role = ROLES.iter().any(|r| inner.contains(r.0));
    // Without a role word, only a dateline before it makes names a credit.
    let credit = has_role || (after_dateline && looks_like_names(inner));
    if !credit {
        return None;
    }
    names.collect(inner);
    Some(inner_start + inner_len + close.len_utf8())
}

/// `记者施明慎、王某报道：`: its length and names.
fn reported_by(text: &str, names: &mut Names) -> Option<usize> {
    ROLES.iter().find(|r| text.starts_with(r.0))?;
    let limit = text
        .char_indices()
        .nth(MAX_CREDIT_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let report = text[..limit].find("报道")?;
    let inner = &text[..report];
    if inner.contains(['，', '。', '；']) {
        return None;
    }
    names.collect(inner);
    let mut end = report + "报道".len();
    if let Some(c) = text[end..]
        .chars()
        .next()
        .filter(|c| matches!(c, '：' | ':'))
    {
        end += c.len_utf8();
    }
    Some(end)
}

/// Roles that introduce names, longest first so `实习记者` wins over `记者`.
const ROLES: &[(&str, Role)] = &[
    ("特约记者", Role::Reporter),
    ("实习记者", Role::Reporter),
    ("本报记者", Role::Reporter),
    ("记者", Role::Reporter),
    ("特约通讯员", Role::Correspondent),
    ("通讯员", Role::Correspondent),
    ("实习生", Role::Correspondent),
    ("摄影", Role::Correspondent),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Reporter,
    Correspondent,
}

#[derive(Debug, Default)]
struct Names {
    reporters: Vec<String>,
    correspondents: Vec<String>,
}

impl Names {
    /// Collects names from `记者 甲、乙 通讯员 丙`; without roles, all are reporters.
    fn collect(&mut self, credit: &str) {
        let mut role = Role::Reporter;
        for word in
            credit.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '/' | '；'))
        {
            let mut word = word;
            loop {
                if word.is_empty() {
                    break;
                }
                // `中央人民广播电台记者刘振英`: the role may follow the outlet's name.
                if let Some((at, label, r)) = ROLES
                    .iter()
                    .filter_map(|(label, r)| word.find(label).map(|at| (at, label, r)))
                    .min_by_key(|(at, label, _)| (*at, usize::MAX - label.len()))
                {
                    role = *r;
                    word = &word[at + label.len()..];
                    continue;
                }
                if let Some(name) = clean_name(word) {
                    match role {
                        Role::Reporter => self.reporters.push(name),
                        Role::Correspondent => self.correspondents.push(name),
                    }
                }
                break;
            }
        }
    }
}

/// A name if `word` looks like one (1–6 characters, no punctuation or digits).
fn clean_name(word: &str) -> Option<String> {
    let word = word.trim_matches(|c: char| c.is_whitespace() || c == '：' || c == ':');
    let count = word.chars().count();
    let ok = (1..=6).contains(&count)
        && word
            .chars()
            .all(|c| c.is_alphabetic() || c == '·' || c == '•');
    ok.then(|| word.to_string())
}

fn looks_like_names(inner: &str) -> bool {
    inner
        .split(|c: char| c.is_whitespace() || c == '、')
        .filter(|w| !w.is_empty())
        .all(|w| clean_name(w).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(p: &str) -> Option<(&str, Vec<String>, Vec<String>)> {
        find_byline(p).map(|b| (&p[..b.len], b.reporters, b.correspondents))
    }

    fn v(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn local_paper_bylines() {
        assert_eq!(
            split("本报讯（记者 张可馨）6月26日—27日，陕西省"),
            Some(("本报讯（记者 张可馨）", v(&["张可馨"]), v(&[])))
        );
        assert_eq!(
            split("本报讯（记者 朱梦琪 通讯员 王晓 李青）昨天下午"),
            Some((
                "本报讯（记者 朱梦琪 通讯员 王晓 李青）",
                v(&["朱梦琪"]),
                v(&["王晓", "李青"])
            ))
        );
        assert_eq!(
            split("（通讯员 周洁 记者 宋祎凡）昨天上午"),
            Some(("（通讯员 周洁 记者 宋祎凡）", v(&["宋祎凡"]), v(&["周洁"])))
        );
        assert_eq!(
            split("本报讯 昨天上午，区委"),
            Some(("本报讯", v(&[]), v(&[])))
        );
    }

    #[test]
    fn datelined_bylines_with_full_width_digits() {
        assert_eq!(
            split("本报北京１月１４日讯记者施明慎、王淏报道：国务院"),
            Some((
                "本报北京１月１４日讯记者施明慎、王淏报道：",
                v(&["施明慎", "王淏"]),
                v(&[])
            ))
        );
        assert_eq!(
            split("新华社北京１２月３０日电（记者 邹声文、刘羽佳）全国人大"),
            Some((
                "新华社北京１２月３０日电（记者 邹声文、刘羽佳）",
                v(&["邹声文", "刘羽佳"]),
                v(&[])
            ))
        );
        assert_eq!(
            split("新华社北京１２月３０日电　国务院总理"),
            Some(("新华社北京１２月３０日电", v(&[]), v(&[])))
        );
        assert_eq!(
            split("新华社记者李斌报道：今天"),
            Some(("新华社记者李斌报道：", v(&["李斌"]), v(&[])))
        );
    }

    #[test]
    fn outlet_before_role_and_photo_credits() {
        assert_eq!(
            split(
                "新华社北京十二月三十一日电（中央人民广播电台记者刘振英、新华社记者张宿堂）国务院"
            ),
            Some((
                "新华社北京十二月三十一日电（中央人民广播电台记者刘振英、新华社记者张宿堂）",
                v(&["刘振英", "张宿堂"]),
                v(&[])
            ))
        );
        assert_eq!(split("（新华社记者樊如钧摄）"), None);
    }

    #[test]
    fn ordinary_openings_are_not_bylines() {
        assert_eq!(
            split("会见中，乔俊杰简要介绍了武进经济社会发展情况。"),
            None
        );
        assert_eq!(split("（一）坚持党的领导。"), None);
        assert_eq!(split("本报记者认为，这是"), None);
        assert_eq!(split("记者了解到，今年以来"), None);
    }
}
