//! Bylines that open an article's first paragraph, and the names in them.
//!
//! Shapes seen in Chinese papers, all handled here:
//! `本报讯（记者 张可馨）…`, `本报讯（记者 A 通讯员 B）…`,
//! `本报北京１月１４日讯记者施明慎、王某报道：…`, `新华社北京１２月３０日电（记者 A）…`,
//! `（通讯员 … 记者 …）…` and `新华社记者A、B报道：…`; and bylines printed on a
//! line of their own: `本报记者祝谦`, `本报驻联合国记者周德武`, or the bare name
//! signing a commentary (`肖烨`, `汪大昭 （崔建时摄）`).

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

/// Longest byline printed on a line of its own, in characters.
const MAX_STANDALONE_CHARS: usize = 30;

/// Bylines naming no one: the paper's commentator signs for the paper.
const COMMENTATORS: &[&str] = &["本报评论员", "本报特约评论员", "新华社评论员", "本报编辑部"];

/// A byline that fills a whole line: `本报记者祝谦`, `本报驻联合国记者周德武`,
/// `新华社记者潘大成`, `记者 张三 通讯员 李四`, `本报评论员`.
///
/// Only an outlet (`本报`, `新华社`, optionally `驻…`) may stand before the
/// first role word, and only names after it, so a sentence such as
/// `本报记者认为` or a photo credit is not taken for one.
pub fn standalone_byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    if line.is_empty()
        || line.chars().count() > MAX_STANDALONE_CHARS
        || line.contains(['，', '。', '：', ':', '；', '！', '？', '“', '”', '（', '('])
        || line.ends_with('摄')
    {
        return None;
    }
    if COMMENTATORS.contains(&line) {
        return Some(Byline {
            len: line.len(),
            ..Byline::default()
        });
    }
    let (at, _) = ROLES
        .iter()
        .filter_map(|(label, _)| line.find(label).map(|at| (at, label)))
        .min_by_key(|&(at, label)| (at, usize::MAX - label.len()))?;
    if !is_outlet(&line[..at]) {
        return None;
    }
    let credit = &line[at..];
    let mut names = Names::default();
    names.collect(credit);
    if names.reporters.is_empty() && names.correspondents.is_empty() {
        return None;
    }
    // Every word must be a role or a name: `记者了解到情况` is a sentence.
    let words_ok = credit
        .split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '/' | '；'))
        .filter(|w| !w.is_empty())
        .all(|w| {
            let mut w = w;
            while let Some((label, _)) = ROLES.iter().find(|(label, _)| w.starts_with(label)) {
                w = &w[label.len()..];
            }
            w.is_empty() || clean_name(w).is_some()
        });
    words_ok.then_some(Byline {
        len: line.len(),
        reporters: names.reporters,
        correspondents: names.correspondents,
    })
}

/// `本报`, `新华社`, `本报驻联合国`, `新华社驻东京`, or nothing: who may stand before `记者`.
fn is_outlet(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() {
        return true;
    }
    let Some(source) = SOURCES.iter().find(|s| text.starts_with(*s)) else {
        return false;
    };
    let rest = &text[source.len()..];
    rest.is_empty()
        || (rest.starts_with('驻')
            && rest.chars().count() <= 12
            && rest.chars().all(char::is_alphabetic))
}

/// The bare name(s) signing an article on a line of their own, with an
/// optional photo credit: `肖烨`, `汪大昭 （崔建时摄）`, `李波 王锋`.
///
/// A short headline can look the same, so this is only asked of the last
/// line of a title run, and a lone name must open with a common surname.
pub fn signature(line: &str) -> Option<Byline> {
    let line = line.trim();
    let (names_part, credit) = match line.find(['（', '(']) {
        Some(open) => (&line[..open], Some(&line[open..])),
        None => (line, None),
    };
    let words: Vec<&str> = names_part
        .split(|c: char| c.is_whitespace() || c == '、')
        .filter(|w| !w.is_empty())
        .collect();
    let han_name = |w: &str| {
        let count = w.chars().count();
        (2..=4).contains(&count) && w.chars().all(is_han)
    };
    if words.is_empty() || words.len() > 3 || !words.iter().all(|w| han_name(w)) {
        return None;
    }
    let mut correspondents = Vec::new();
    if let Some(credit) = credit {
        // Only `（崔建时摄）` or `（崔建时）` may follow the names.
        let inner = credit
            .strip_prefix(['（', '('])
            .and_then(|c| c.strip_suffix(['）', ')']))?;
        let inner = inner.trim_end_matches(['摄', '影']);
        let mut names = Names::default();
        names.collect(inner);
        if names.reporters.is_empty() && names.correspondents.is_empty() {
            return None;
        }
        correspondents = names.reporters;
        correspondents.extend(names.correspondents);
    } else {
        let surname_led = |name: &str| {
            COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
                || name.chars().next().is_some_and(|c| SURNAMES.contains(c))
        };
        if !words
            .iter()
            .all(|w| surname_led(w) && w.chars().count() <= 3)
        {
            return None;
        }
    }
    Some(Byline {
        len: line.len(),
        reporters: words.iter().map(|w| w.to_string()).collect(),
        correspondents,
    })
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Common single-character surnames, leaving out those that are also everyday
/// words opening a headline (和, 时, 全, 高…), where a short headline could pass.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖\
田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方邹孟熊秦邱江尹薛\
闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔汤温康施樊葛邢齐乔伍庞颜倪庄聂章鲁岳翟殷\
詹申欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝游辛靳柴蒙鲍\
喻祁蒲房滕屈饶解牟艾尤穆卓缪简项芦麦褚娄窦戚岑党宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬边\
卞姬仇栾隋商刁巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封匡鞠惠荆冀郁胥储栗燕楚鄢谌奚皮粟冼\
蔺阚帅屠朴廉禹祖漆巴卿狄芮阙浦伏鹿邸雍辜裘亓邰赫杭逯茹嵇阎傅尉";

/// Two-character surnames.
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "南宫",
];

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

    fn alone(line: &str) -> Option<(Vec<String>, Vec<String>)> {
        standalone_byline(line).map(|b| (b.reporters, b.correspondents))
    }

    #[test]
    fn bylines_on_their_own_line() {
        assert_eq!(alone("本报记者祝谦"), Some((v(&["祝谦"]), v(&[]))));
        assert_eq!(
            alone("本报驻联合国记者周德武"),
            Some((v(&["周德武"]), v(&[])))
        );
        assert_eq!(alone("新华社记者潘大成"), Some((v(&["潘大成"]), v(&[]))));
        assert_eq!(
            alone("记者 张三 通讯员 李四"),
            Some((v(&["张三"]), v(&["李四"])))
        );
        assert_eq!(alone("本报评论员"), Some((v(&[]), v(&[]))));
        assert_eq!(alone("本报记者认为，这是"), None);
        assert_eq!(alone("（新华社记者樊如钧摄）"), None);
        assert_eq!(alone("中国记协举行中外记者联谊会"), None);
        assert_eq!(alone("安全飞行又一年"), None);
    }

    #[test]
    fn signatures() {
        let sig = |l: &str| signature(l).map(|b| (b.reporters, b.correspondents));
        assert_eq!(sig("肖烨"), Some((v(&["肖烨"]), v(&[]))));
        assert_eq!(
            sig("汪大昭 （崔建时摄）"),
            Some((v(&["汪大昭"]), v(&["崔建时"])))
        );
        assert_eq!(sig("李波 王锋"), Some((v(&["李波", "王锋"]), v(&[]))));
        assert_eq!(sig("图片新闻"), None);
        assert_eq!(sig("拒绝无聊"), None);
        assert_eq!(sig("省会、自治"), None);
        assert_eq!(sig("阎晓明"), Some((v(&["阎晓明"]), v(&[]))));
        assert_eq!(sig("安全飞行又一年"), None);
    }
}
