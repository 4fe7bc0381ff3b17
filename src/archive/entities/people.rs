//! What the tagger leaves to rules: name lists split into people
//! (区领导恽淇丞、郑政平、李皓), the titles printed before a name
//! (市委常委、区委书记乔俊杰), and mentions turned into `Mention`s.

use std::ops::Range;

use super::{EntityKind, Mention};

/// Common surnames (single-character), enough to accept a list item such as
/// `李皓` the tagger missed: a list item must open with one.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝恽郁";

/// Two-character surnames.
const DOUBLE_SURNAMES: &[&str] = &[
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "长孙",
    "宇文", "司徒", "端木",
];

/// Words a title ends with: 区长, 书记, 主任 (and, through them, 副区长,
/// 区委书记, 常务副主任).
const TITLE_HEADS: &[&str] = &[
    "书记",
    "常委",
    "委员",
    "主任",
    "主席",
    "区长",
    "市长",
    "县长",
    "镇长",
    "乡长",
    "村长",
    "省长",
    "州长",
    "部长",
    "局长",
    "厅长",
    "处长",
    "科长",
    "所长",
    "司长",
    "署长",
    "院长",
    "校长",
    "社长",
    "站长",
    "馆长",
    "台长",
    "行长",
    "会长",
    "理事长",
    "董事长",
    "总经理",
    "经理",
    "总裁",
    "总监",
    "秘书长",
    "组长",
    "队长",
    "团长",
    "军长",
    "师长",
    "司令员",
    "司令",
    "政委",
    "总理",
    "总统",
    "首相",
    "大使",
    "领导",
    "议员",
    "议长",
    "委员长",
    "主编",
    "教授",
    "院士",
    "厂长",
    "理事",
    "检察长",
    "庭长",
    "审判长",
    "总工程师",
    "工程师",
    "参事",
    "巡视员",
    "调研员",
    "秘书",
    "专员",
    "代表",
    "负责人",
    "党组书记",
    "主任委员",
    "首席执行官",
    "指导员",
    "教练",
    "主管",
    "街道主任",
];

/// Titles printed right after a name (习近平总书记) when none comes before.
const TITLES_AFTER: &[&str] = &["总书记", "主席", "总理", "委员长", "副主席", "副总理"];

/// Characters that end a title going backwards: punctuation, and function
/// words that never sit inside one (了 in 会见了, 由 in 由…带队).
fn stops_title(c: char) -> bool {
    !is_han(c)
        || "了的在由和与是到对向把被为将及等请说称据让经同跟给从以陪见有即并也又还就已曾任时"
            .contains(c)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

fn is_surname_at(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|c| SURNAMES.contains(*c))
        || DOUBLE_SURNAMES.iter().any(|s| {
            s.chars()
                .zip(chars.get(i..).unwrap_or(&[]))
                .all(|(a, &b)| a == b)
                && i + 2 <= chars.len()
        })
}

fn ends_with(chars: &[char], end: usize, word: &str) -> bool {
    let n = word.chars().count();
    end >= n && chars[end - n..end].iter().copied().eq(word.chars())
}

fn starts_with(chars: &[char], at: usize, word: &str) -> bool {
    chars.get(at..).is_some_and(|rest| {
        let n = word.chars().count();
        rest.len() >= n && rest[..n].iter().copied().eq(word.chars())
    })
}

/// What may follow the last name of a list: 参加, 出席, 等, a comma.
fn ends_list(chars: &[char], at: usize) -> bool {
    match chars.get(at) {
        None => true,
        Some(c) if !is_han(*c) => true,
        Some(_) => [
            "参加", "出席", "等", "同志", "陪同", "分别", "一起", "共同", "也", "和", "及", "在",
            "到", "的", "先后", "前往", "一同", "列席", "主持", "讲话", "致辞", "会见", "看望",
            "慰问", "调研", "带队",
        ]
        .iter()
        .any(|w| starts_with(chars, at, w)),
    }
}

/// A list item of 2–3 characters at `at` (a surname and one or two given
/// characters) followed by `、` or a list end; its end.
fn list_name(chars: &[char], at: usize) -> Option<usize> {
    if !is_surname_at(chars, at) {
        return None;
    }
    for len in [2, 3] {
        let end = at + len;
        if end > chars.len() || !chars[at..end].iter().all(|&c| is_han(c) && !stops_title(c)) {
            continue;
        }
        if chars.get(end) == Some(&'、') || ends_list(chars, end) {
            return Some(end);
        }
    }
    None
}

/// The title printed before a person starting at `start`: one or more
/// pieces separated by `、`, each ending in a title word.
fn title_before(chars: &[char], start: usize) -> Option<Range<usize>> {
    let mut begin = None;
    let mut end = start;
    // The title word itself is always part of it (主任 holds 任).
    while let Some(head) = TITLE_HEADS.iter().find(|h| ends_with(chars, end, h)) {
        let mut s = end - head.chars().count();
        while s > 0 && end - s < 14 && !stops_title(chars[s - 1]) && chars[s - 1] != '、' {
            s -= 1;
        }
        begin = Some(s);
        if s > 0 && chars[s - 1] == '、' && start - s < 30 {
            end = s - 1;
        } else {
            break;
        }
    }
    begin.map(|b| b..start)
}

fn title_after(chars: &[char], end: usize) -> Option<Range<usize>> {
    TITLES_AFTER
        .iter()
        .find(|t| starts_with(chars, end, t))
        .map(|t| end..end + t.chars().count())
}

/// Tagger spans → mentions: lists split and completed, titles attached.
pub(super) fn finish(chars: &[char], spans: Vec<(EntityKind, Range<usize>)>) -> Vec<Mention> {
    let mut people: Vec<Range<usize>> = Vec::new();
    let mut others = Vec::new();
    for (kind, r) in spans {
        if kind != EntityKind::Person {
            others.push((kind, r));
            continue;
        }
        // A span over 、 is a list the tagger ran together.
        let mut s = r.start;
        for i in r.clone() {
            if chars[i] == '、' {
                if i > s {
                    people.push(s..i);
                }
                s = i + 1;
            }
        }
        if r.end > s {
            people.push(s..r.end);
        }
    }
    for r in &mut people {
        trim_address(chars, r);
    }
    people.retain(|r| {
        let name = &chars[r.clone()];
        r.len() >= 2
            && !is_weekday(name)
            && !ADDRESS_AFTER
                .iter()
                .any(|w| name.iter().copied().eq(w.chars()))
    });
    known_people(chars, &mut people, &mut others);
    titled_names(chars, &mut people, &others);
    complete_lists(chars, &mut people, &mut others);
    repeat_names(chars, &mut people, &others);

    let mut out: Vec<Mention> = others
        .into_iter()
        .map(|(kind, r)| Mention {
            kind,
            name: chars[r.clone()].iter().collect(),
            chars: r,
            title: None,
        })
        .collect();
    for r in people {
        let title = title_before(chars, r.start)
            .or_else(|| title_after(chars, r.end))
            .map(|t| chars[t].iter().collect());
        out.push(Mention {
            kind: EntityKind::Person,
            name: chars[r.clone()].iter().collect(),
            chars: r,
            title,
        });
    }
    out.sort_by_key(|m| (m.chars.start, m.chars.end));
    out
}

/// Words of address the tagger sometimes runs into a name (王老汉, 刘师傅,
/// 彭德怀元帅): the name ends before them.
const ADDRESS_AFTER: &[&str] = &[
    "老汉",
    "师傅",
    "元帅",
    "同志",
    "大爷",
    "大妈",
    "大娘",
    "阿姨",
    "老师",
    "先生",
    "女士",
    "大夫",
    "医生",
    "老人",
    "总书记",
    "主席",
    "书记",
    "也",
];

fn trim_address(chars: &[char], r: &mut Range<usize>) {
    for w in ADDRESS_AFTER {
        let n = w.chars().count();
        if r.len() > n && ends_with(chars, r.end, w) {
            r.end -= n;
            return;
        }
    }
}

/// 周日, 周五: days, not people named 周.
fn is_weekday(name: &[char]) -> bool {
    name.len() == 2 && name[0] == '周' && "一二三四五六日末".contains(name[1])
}

/// A name found once is the same name elsewhere in the text (乔俊杰 in a
/// headline and again in the body), where no other entity holds it.
fn repeat_names(
    chars: &[char],
    people: &mut Vec<Range<usize>>,
    others: &[(EntityKind, Range<usize>)],
) {
    let mut names: Vec<&[char]> = people.iter().map(|r| &chars[r.clone()]).collect();
    names.sort();
    names.dedup();
    let mut added = Vec::new();
    for name in names {
        let n = name.len();
        let mut i = 0;
        while i + n <= chars.len() {
            if chars[i..i + n] == *name {
                let r = i..i + n;
                let free = !people
                    .iter()
                    .chain(added.iter())
                    .any(|p| p.start < r.end && r.start < p.end)
                    && !others
                        .iter()
                        .any(|(_, o)| o.start < r.end && r.start < o.end);
                if free {
                    added.push(r);
                }
                i += n;
            } else {
                i += 1;
            }
        }
    }
    people.extend(added);
    people.sort_by_key(|r| r.start);
}

/// People every Chinese paper names, whom a model trained on 1998 text
/// cannot know (习近平 appears in it a handful of times).
const KNOWN_PEOPLE: &[&str] = &[
    "习近平",
    "李强",
    "赵乐际",
    "王沪宁",
    "蔡奇",
    "丁薛祥",
    "李希",
    "李克强",
    "胡锦涛",
    "温家宝",
    "江泽民",
    "李鹏",
    "朱镕基",
    "毛泽东",
    "周恩来",
    "刘少奇",
    "朱德",
    "邓小平",
    "陈云",
    "孙中山",
    "韩正",
    "汪洋",
    "栗战书",
    "王岐山",
];

/// Marks the known people wherever they are printed, over any shorter
/// entity the tagger put inside them.
fn known_people(
    chars: &[char],
    people: &mut Vec<Range<usize>>,
    others: &mut Vec<(EntityKind, Range<usize>)>,
) {
    for name in KNOWN_PEOPLE {
        let n = name.chars().count();
        let first = name.chars().next().unwrap_or_default();
        let mut i = 0;
        while i + n <= chars.len() {
            // The first character rules out almost every position cheaply.
            if chars[i] != first || !starts_with(chars, i, name) {
                i += 1;
                continue;
            }
            let r = i..i + n;
            // 邓小平理论, 毛泽东思想: a doctrine's name, not a mention of him.
            if ["理论", "思想"]
                .iter()
                .any(|w| starts_with(chars, r.end, w))
            {
                i += n;
                continue;
            }
            let inside = |o: &Range<usize>| r.start <= o.start && o.end <= r.end;
            let overlaps = |o: &Range<usize>| o.start < r.end && r.start < o.end;
            let blocked = people.iter().any(|p| overlaps(p) && !inside(p))
                || others.iter().any(|(_, o)| overlaps(o) && !inside(o));
            if !blocked {
                people.retain(|p| !inside(p));
                others.retain(|(_, o)| !inside(o));
                people.push(r);
            }
            i += n;
        }
    }
    people.sort_by_key(|r| r.start);
}

/// What may follow a name printed after its title: punctuation, or a verb
/// or word that takes a person (被, 说, 主持, 同志, 一行).
const AFTER_NAME: &[&str] = &[
    "被", "说", "表示", "指出", "强调", "认为", "介绍", "告诉", "要求", "提出", "主持", "会见",
    "参加", "出席", "带队", "等", "的", "同志", "一行", "在", "和", "与", "向", "对", "也", "还",
    "亲切", "分别", "陪同", "看望", "代表", "宣布", "发表", "致辞", "讲话", "作", "率", "今天",
    "昨天", "日前",
];

/// Whether some title word ends in `c`: rules out most positions before
/// the title words are tried.
fn ends_a_title_word(c: char) -> bool {
    use std::sync::OnceLock;
    static LAST: OnceLock<Vec<char>> = OnceLock::new();
    let last = LAST.get_or_init(|| {
        let mut v: Vec<char> = TITLE_HEADS
            .iter()
            .filter_map(|h| h.chars().last())
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    });
    last.binary_search(&c).is_ok()
}

fn is_surname(c: char) -> bool {
    use std::sync::OnceLock;
    static SORTED: OnceLock<Vec<char>> = OnceLock::new();
    let sorted = SORTED.get_or_init(|| {
        let mut v: Vec<char> = SURNAMES.chars().collect();
        v.sort_unstable();
        v
    });
    sorted.binary_search(&c).is_ok()
}

/// A surname-led name right after a title word (原董事长褚时健被…, 副市长涂勇
/// 等) is a person even where the tagger did not know the name.
fn titled_names(
    chars: &[char],
    people: &mut Vec<Range<usize>>,
    others: &[(EntityKind, Range<usize>)],
) {
    let mut added = Vec::new();
    for p in 2..chars.len() {
        if !is_surname(chars[p])
            || !ends_a_title_word(chars[p - 1])
            || !TITLE_HEADS.iter().any(|h| ends_with(chars, p, h))
        {
            continue;
        }
        let found = [3, 2].into_iter().find_map(|len| {
            let end = p + len;
            let name = chars.get(p..end)?;
            let follows = match chars.get(end) {
                None => true,
                Some(&c) if !is_han(c) => true,
                Some(_) => AFTER_NAME.iter().any(|w| starts_with(chars, end, w)),
            };
            (follows && name.iter().all(|&c| is_han(c))).then_some(p..end)
        });
        let Some(r) = found else { continue };
        let overlaps = |o: &Range<usize>| o.start < r.end && r.start < o.end;
        if !people.iter().any(overlaps) && !others.iter().any(|(_, o)| overlaps(o)) {
            added.push(r);
        }
    }
    people.extend(added);
    people.sort_by_key(|r| r.start);
}

/// Adds the names of a list the tagger only partly found: after a person,
/// `、` and a surname-led name of 2–3 characters is a person too, and so
/// before one.
fn complete_lists(
    chars: &[char],
    people: &mut Vec<Range<usize>>,
    others: &mut Vec<(EntityKind, Range<usize>)>,
) {
    // A list item the tagger took for a place (胡泊: 泊 ends lake names) is
    // a person by its place in the list: only a longer entity holds it.
    let taken = |people: &[Range<usize>],
                 others: &mut Vec<(EntityKind, Range<usize>)>,
                 r: &Range<usize>| {
        if people.iter().any(|p| p.start < r.end && r.start < p.end) {
            return true;
        }
        let longer = others.iter().any(|(_, o)| {
            o.start < r.end && r.start < o.end && !(r.start <= o.start && o.end <= r.end)
        });
        if !longer {
            others.retain(|(_, o)| !(r.start <= o.start && o.end <= r.end));
        }
        longer
    };
    let mut i = 0;
    while i < people.len() {
        let r = people[i].clone();
        // Forwards: 恽淇丞、郑政平、李皓…
        let mut at = r.end;
        while chars.get(at) == Some(&'、') {
            let Some(end) = list_name(chars, at + 1) else {
                break;
            };
            let name = at + 1..end;
            if !taken(people, others, &name) {
                people.push(name);
            }
            at = end;
        }
        // Backwards: 区领导恽淇丞、郑政平 with only 郑政平 found.
        let mut start = r.start;
        while start > 2 && chars[start - 1] == '、' {
            let found = [3, 2].into_iter().find_map(|len| {
                let s = (start - 1).checked_sub(len)?;
                let name = s..start - 1;
                let opens = s == 0
                    || chars[s - 1] == '、'
                    || !is_han(chars[s - 1])
                    || TITLE_HEADS.iter().any(|h| ends_with(chars, s, h))
                    || ["出席", "参加", "有", "区领导", "市领导"]
                        .iter()
                        .any(|w| ends_with(chars, s, w));
                (opens && list_name(chars, s) == Some(start - 1)).then_some(name)
            });
            let Some(name) = found else {
                break;
            };
            if !taken(people, others, &name) {
                people.push(name.clone());
            }
            start = name.start;
        }
        i += 1;
    }
    people.sort_by_key(|r| r.start);
}
