//! Event dates: relative and partial dates in an article resolved against
//! the edition date (昨天上午 → the day before, 上周五, 6月26日—27日, 去年12月).

use std::ops::Range;

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// How precisely the text names its date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DatePrecision {
    /// One day or a run of days (昨天, 6月26日—27日).
    Day,
    /// A week (上周, 本周).
    Week,
    /// A month or a run of months (本月, 去年12月).
    Month,
    /// A year (一九九八年, 去年).
    Year,
    /// A date the text leaves open (日前, 近日): kept, never resolved.
    Vague,
}

/// A date found in an article, resolved against its edition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDate {
    /// Character offsets (not bytes) of the words in the text.
    pub chars: Range<usize>,
    /// The words as printed (`昨天下午`, `6月26日—27日`).
    pub text: String,
    /// First and last day covered, both inclusive; `None` when vague.
    pub days: Option<(NaiveDate, NaiveDate)>,
    /// What the text said: a day, week, month, year, or nothing definite.
    pub precision: DatePrecision,
}

/// Finds the dates in `text` and resolves them against `edition`, the date
/// the paper ran. Explicit dates without a year take the edition's year, or
/// the year before when their month comes after the edition's month.
pub fn resolve(text: &str, edition: NaiveDate) -> Vec<EventDate> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !may_start(chars[i]) {
            i += 1;
            continue;
        }
        if let Some((end, days, precision)) = match_at(&chars, i, edition) {
            out.push(EventDate {
                chars: i..end,
                text: chars[i..end].iter().collect(),
                days,
                precision,
            });
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

/// Whether a date can start with `c` (a digit or one of the words' first
/// characters): most characters are skipped at the cost of one match.
fn may_start(c: char) -> bool {
    digit_value(c).is_some()
        || han_digit(c).is_some()
        || matches!(
            c,
            '十' | '今'
                | '昨'
                | '前'
                | '明'
                | '后'
                | '上'
                | '本'
                | '这'
                | '下'
                | '去'
                | '日'
                | '近'
                | '不'
        )
}

type Found = (usize, Option<(NaiveDate, NaiveDate)>, DatePrecision);

fn match_at(c: &[char], i: usize, edition: NaiveDate) -> Option<Found> {
    // A date never starts inside a number (１２月 is not 2月).
    if i > 0 && digit_value(c[i - 1]).is_some() {
        return None;
    }
    relative_day(c, i, edition)
        .or_else(|| week(c, i, edition))
        .or_else(|| relative_month(c, i, edition))
        .or_else(|| relative_year(c, i, edition))
        .or_else(|| explicit(c, i, edition))
        .or_else(|| vague(c, i))
}

fn starts_with(c: &[char], i: usize, word: &str) -> bool {
    (i..).zip(word.chars()).all(|(k, w)| c.get(k) == Some(&w))
}

fn first_of<'a>(c: &[char], i: usize, words: &[&'a str]) -> Option<&'a str> {
    words.iter().copied().find(|w| starts_with(c, i, w))
}

const TIMES_OF_DAY: &[&str] = &[
    "上午", "下午", "中午", "晚上", "傍晚", "凌晨", "早上", "早晨", "清晨", "夜间", "夜里", "白天",
    "晚", "晨", "夜",
];

/// The end of a time of day after a day (上午, 下午), or `i`.
fn time_of_day(c: &[char], i: usize) -> usize {
    match first_of(c, i, TIMES_OF_DAY) {
        Some(w) => i + w.chars().count(),
        None => i,
    }
}

fn one_day(d: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    Some((d, d))
}

fn relative_day(c: &[char], i: usize, edition: NaiveDate) -> Option<Found> {
    const WORDS: &[(&str, i64)] = &[
        ("今天", 0),
        ("今日", 0),
        ("今晨", 0),
        ("今晚", 0),
        ("昨天", -1),
        ("昨日", -1),
        ("昨晚", -1),
        ("昨晨", -1),
        ("昨夜", -1),
        ("前天", -2),
        ("前日", -2),
        ("明天", 1),
        ("明日", 1),
        ("后天", 2),
    ];
    let (word, offset) = WORDS.iter().find(|(w, _)| starts_with(c, i, w))?;
    let end = i + word.chars().count();
    // 今晚, 昨晨 already name the time of day.
    let end = if matches!(c[end - 1], '天' | '日') {
        time_of_day(c, end)
    } else {
        end
    };
    let day = shift_days(edition, *offset)?;
    Some((end, one_day(day), DatePrecision::Day))
}

fn shift_days(d: NaiveDate, by: i64) -> Option<NaiveDate> {
    if by >= 0 {
        d.checked_add_days(Days::new(by as u64))
    } else {
        d.checked_sub_days(Days::new(by.unsigned_abs()))
    }
}

fn week(c: &[char], i: usize, edition: NaiveDate) -> Option<Found> {
    let (weeks, mut k) = match c[i] {
        '上' => (-1, i + 1),
        '本' | '这' => (0, i + 1),
        '下' => (1, i + 1),
        _ => return None,
    };
    if c.get(k) == Some(&'个') {
        k += 1;
    }
    let word = first_of(c, k, &["周", "星期", "礼拜"])?;
    k += word.chars().count();
    let monday = edition.week(Weekday::Mon).first_day();
    let monday = shift_days(monday, 7 * weeks)?;
    let weekday = c.get(k).and_then(|&ch| match ch {
        '一' | '1' | '１' => Some(0..=0),
        '二' | '2' | '２' => Some(1..=1),
        '三' | '3' | '３' => Some(2..=2),
        '四' | '4' | '４' => Some(3..=3),
        '五' | '5' | '５' => Some(4..=4),
        '六' | '6' | '６' => Some(5..=5),
        '日' | '天' | '7' | '７' => Some(6..=6),
        '末' => Some(5..=6),
        _ => None,
    });
    match weekday {
        Some(days) => {
            let first = shift_days(monday, *days.start())?;
            let last = shift_days(monday, *days.end())?;
            let end = time_of_day(c, k + 1);
            Some((end, Some((first, last)), DatePrecision::Day))
        }
        None => {
            // 上周 alone is a week; 上周期 is not.
            if c.get(k) == Some(&'期') {
                return None;
            }
            let sunday = shift_days(monday, 6)?;
            Some((k, Some((monday, sunday)), DatePrecision::Week))
        }
    }
}

fn month_span(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
    Some((first, last))
}

fn relative_month(c: &[char], i: usize, edition: NaiveDate) -> Option<Found> {
    const WORDS: &[(&str, i32)] = &[
        ("本月", 0),
        ("这个月", 0),
        ("上个月", -1),
        ("上月", -1),
        ("下个月", 1),
        ("下月", 1),
    ];
    let (word, offset) = WORDS.iter().find(|(w, _)| starts_with(c, i, w))?;
    let end = i + word.chars().count();
    let first = NaiveDate::from_ymd_opt(edition.year(), edition.month(), 1)?;
    let first = if *offset >= 0 {
        first.checked_add_months(Months::new(*offset as u32))?
    } else {
        first.checked_sub_months(Months::new(offset.unsigned_abs()))?
    };
    // 本月5日: a day of the month named.
    if let Some((day, dend)) = day_number(c, end) {
        let date = NaiveDate::from_ymd_opt(first.year(), first.month(), day)?;
        return Some((time_of_day(c, dend), one_day(date), DatePrecision::Day));
    }
    Some((
        end,
        month_span(first.year(), first.month()),
        DatePrecision::Month,
    ))
}

fn relative_year(c: &[char], i: usize, edition: NaiveDate) -> Option<Found> {
    const WORDS: &[(&str, i32)] = &[("今年", 0), ("去年", -1), ("前年", -2), ("明年", 1)];
    let (word, offset) = WORDS.iter().find(|(w, _)| starts_with(c, i, w))?;
    let year = edition.year() + offset;
    let end = i + word.chars().count();
    if let Some(found) = month_day(c, end, year, edition, false) {
        return Some(found);
    }
    let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
    let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
    Some((end, Some((first, last)), DatePrecision::Year))
}

fn vague(c: &[char], i: usize) -> Option<Found> {
    let word = first_of(c, i, &["日前", "近日", "前不久", "不久前"])?;
    Some((i + word.chars().count(), None, DatePrecision::Vague))
}

/// 2024年6月26日—27日, 一九九八年, 6月, 1月14日, 26日上午.
fn explicit(c: &[char], i: usize, edition: NaiveDate) -> Option<Found> {
    if let Some((year, yend)) = year_number(c, i) {
        if let Some(found) = month_day(c, yend, year, edition, false) {
            return Some(found);
        }
        let first = NaiveDate::from_ymd_opt(year, 1, 1)?;
        let last = NaiveDate::from_ymd_opt(year, 12, 31)?;
        // 2023年—2024年
        if let Some(k) = connector(c, yend)
            && let Some((year2, end2)) = year_number(c, k)
            && year2 > year
        {
            let last = NaiveDate::from_ymd_opt(year2, 12, 31)?;
            return Some((end2, Some((first, last)), DatePrecision::Year));
        }
        return Some((yend, Some((first, last)), DatePrecision::Year));
    }
    month_day(c, i, edition.year(), edition, true).or_else(|| bare_day(c, i, edition))
}

/// A range's second half starts after —, －, -, ~, 至 or 到.
fn connector(c: &[char], i: usize) -> Option<usize> {
    match c.get(i)? {
        '—' | '－' | '-' | '~' | '～' | '至' | '到' | '–' => {
            let mut k = i + 1;
            while c.get(k) == Some(&'—') {
                k += 1;
            }
            Some(k)
        }
        _ => None,
    }
}

/// `M月[D日]` from `i` in `year` (the edition's year when `infer_year`, and
/// the year before when that month is after the edition's), with a range.
fn month_day(
    c: &[char],
    i: usize,
    year: i32,
    edition: NaiveDate,
    infer_year: bool,
) -> Option<Found> {
    let (month, mend) = month_number(c, i)?;
    let year = if infer_year && month > edition.month() {
        year - 1
    } else {
        year
    };
    // 6月26—27日: the first day's 日 left out.
    if let Some((day, dnum_end)) = number(c, mend)
        && c.get(dnum_end) != Some(&'日')
        && let Some(k) = connector(c, dnum_end)
        && let Some((day2, end2)) = day_number(c, k)
    {
        let first = NaiveDate::from_ymd_opt(year, month, day)?;
        let last = NaiveDate::from_ymd_opt(year, month, day2)?;
        if last >= first {
            return Some((
                time_of_day(c, end2),
                Some((first, last)),
                DatePrecision::Day,
            ));
        }
    }
    if let Some((day, dend)) = day_number(c, mend) {
        let first = NaiveDate::from_ymd_opt(year, month, day)?;
        if let Some(k) = connector(c, dend)
            && let Some((last, end2)) = range_end_day(c, k, first)
        {
            return Some((
                time_of_day(c, end2),
                Some((first, last)),
                DatePrecision::Day,
            ));
        }
        return Some((time_of_day(c, dend), one_day(first), DatePrecision::Day));
    }
    // 一月份
    let mend = if c.get(mend) == Some(&'份') {
        mend + 1
    } else {
        mend
    };
    let (first, last) = month_span(year, month)?;
    if let Some(k) = connector(c, mend) {
        let (year2, k2) = match year_number(c, k) {
            Some((y, e)) => (y, e),
            None => (year, k),
        };
        if let Some((month2, end2)) = month_number(c, k2) {
            let year2 = if year2 == year && month2 < month {
                year + 1
            } else {
                year2
            };
            let (_, last2) = month_span(year2, month2)?;
            if last2 > last {
                return Some((end2, Some((first, last2)), DatePrecision::Month));
            }
        }
    }
    Some((mend, Some((first, last)), DatePrecision::Month))
}

/// The end of a range that began on `first`: `27日`, `7月2日`, `2025年1月3日`.
fn range_end_day(c: &[char], k: usize, first: NaiveDate) -> Option<(NaiveDate, usize)> {
    let (year, k) = match year_number(c, k) {
        Some((y, e)) => (y, e),
        None => (first.year(), k),
    };
    if let Some((month, mend)) = month_number(c, k) {
        let (day, dend) = day_number(c, mend)?;
        let mut last = NaiveDate::from_ymd_opt(year, month, day)?;
        if last < first {
            last = NaiveDate::from_ymd_opt(year + 1, month, day)?;
        }
        return Some((last, dend));
    }
    let (day, dend) = day_number(c, k)?;
    let last = NaiveDate::from_ymd_opt(first.year(), first.month(), day)?;
    (last >= first).then_some((last, dend))
}

/// `26日上午` alone: a day of the edition's month, or of the month before
/// when that day is still to come. Only before words that make it a date.
fn bare_day(c: &[char], i: usize, edition: NaiveDate) -> Option<Found> {
    let (day, dend) = day_number(c, i)?;
    let next = c.get(dend).copied();
    let followed_well = first_of(c, dend, TIMES_OF_DAY).is_some()
        || matches!(
            next,
            Some('，' | '电' | '起' | '至' | '、' | '（' | ',') | None
        );
    let before_ok = i == 0
        || !matches!(
            c[i - 1],
            '个' | '数' | '近' | '每' | '第' | '多' | '前' | '后'
        );
    if !followed_well || !before_ok {
        return None;
    }
    let mut month_first = NaiveDate::from_ymd_opt(edition.year(), edition.month(), 1)?;
    if day > edition.day() {
        month_first = month_first.checked_sub_months(Months::new(1))?;
    }
    let date = NaiveDate::from_ymd_opt(month_first.year(), month_first.month(), day)?;
    Some((time_of_day(c, dend), one_day(date), DatePrecision::Day))
}

fn digit_value(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' => Some(ch as u32 - '0' as u32),
        '０'..='９' => Some(ch as u32 - '０' as u32),
        _ => None,
    }
}

fn han_digit(ch: char) -> Option<u32> {
    Some(match ch {
        '〇' | '零' | '○' | 'Ｏ' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A number up to 99: Arabic (ASCII or full-width) or Han (十二, 二十七).
fn number(c: &[char], i: usize) -> Option<(u32, usize)> {
    let mut k = i;
    let mut value = 0;
    while let Some(d) = c.get(k).and_then(|&ch| digit_value(ch)) {
        value = value * 10 + d;
        k += 1;
        if k - i > 2 {
            return None;
        }
    }
    if k > i {
        return Some((value, k));
    }
    // Han: [一-九]?十[一-九]? or a single digit.
    let tens = c.get(k).and_then(|&ch| han_digit(ch));
    if let Some(t) = tens {
        k += 1;
        if c.get(k) == Some(&'十') {
            k += 1;
            let ones = c.get(k).and_then(|&ch| han_digit(ch));
            if let Some(o) = ones.filter(|&o| o > 0) {
                return Some((t * 10 + o, k + 1));
            }
            return Some((t * 10, k));
        }
        return (t > 0).then_some((t, k));
    }
    if c.get(k) == Some(&'十') {
        k += 1;
        if let Some(o) = c.get(k).and_then(|&ch| han_digit(ch)).filter(|&o| o > 0) {
            return Some((10 + o, k + 1));
        }
        return Some((10, k));
    }
    None
}

fn month_number(c: &[char], i: usize) -> Option<(u32, usize)> {
    let (m, k) = number(c, i)?;
    (c.get(k) == Some(&'月') && (1..=12).contains(&m)).then_some((m, k + 1))
}

fn day_number(c: &[char], i: usize) -> Option<(u32, usize)> {
    let (d, k) = number(c, i)?;
    (matches!(c.get(k), Some('日' | '号')) && (1..=31).contains(&d)).then_some((d, k + 1))
}

/// A four-digit year (2024年, １９９８年, 一九九八年, 二〇二四年).
fn year_number(c: &[char], i: usize) -> Option<(i32, usize)> {
    let mut value = 0i32;
    let mut k = i;
    while k - i < 4 {
        let d = c
            .get(k)
            .and_then(|&ch| digit_value(ch).or_else(|| han_digit(ch)))?;
        value = value * 10 + d as i32;
        k += 1;
    }
    // A fifth digit before 年 is no year (match_at never starts mid-number).
    (c.get(k) == Some(&'年') && (1000..=2999).contains(&value)).then_some((value, k + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn edition() -> NaiveDate {
        d(2024, 6, 28)
    }

    fn only(text: &str, edition: NaiveDate) -> EventDate {
        let found = resolve(text, edition);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        found.into_iter().next().unwrap()
    }

    #[test]
    fn relative_days_resolve_against_the_edition() {
        let e = only("本报讯（记者 朱梦琪）昨天下午，市委常委", edition());
        assert_eq!(e.text, "昨天下午");
        assert_eq!(e.chars, 11..15);
        assert_eq!(e.days, Some((d(2024, 6, 27), d(2024, 6, 27))));
        assert_eq!(
            only("昨天上午，", edition()).days.unwrap().0,
            d(2024, 6, 27)
        );
        assert_eq!(only("今天", edition()).days.unwrap().0, d(2024, 6, 28));
        assert_eq!(only("前天", edition()).days.unwrap().0, d(2024, 6, 26));
        assert_eq!(only("昨晚", d(2024, 3, 1)).days.unwrap().0, d(2024, 2, 29));
    }

    #[test]
    fn weeks_count_from_monday() {
        // 2024-06-28 is a Friday; the week before runs 06-17..06-23.
        let e = only("上周五", edition());
        assert_eq!(e.days, Some((d(2024, 6, 21), d(2024, 6, 21))));
        assert_eq!(e.precision, DatePrecision::Day);
        let e = only("本周", edition());
        assert_eq!(e.days, Some((d(2024, 6, 24), d(2024, 6, 30))));
        assert_eq!(e.precision, DatePrecision::Week);
        assert_eq!(
            only("上周末", edition()).days,
            Some((d(2024, 6, 22), d(2024, 6, 23)))
        );
        assert!(resolve("上周期", edition()).is_empty());
    }

    #[test]
    fn months_and_years() {
        let e = only("本月", edition());
        assert_eq!(e.days, Some((d(2024, 6, 1), d(2024, 6, 30))));
        assert_eq!(e.precision, DatePrecision::Month);
        let e = only("去年12月", edition());
        assert_eq!(e.days, Some((d(2023, 12, 1), d(2023, 12, 31))));
        let e = only("一九九八年", edition());
        assert_eq!(e.days, Some((d(1998, 1, 1), d(1998, 12, 31))));
        assert_eq!(e.precision, DatePrecision::Year);
        let e = only("二〇二四年三月", edition());
        assert_eq!(e.days, Some((d(2024, 3, 1), d(2024, 3, 31))));
        let e = only("上个月", d(2024, 1, 10));
        assert_eq!(e.days, Some((d(2023, 12, 1), d(2023, 12, 31))));
    }

    #[test]
    fn explicit_dates_take_the_edition_year() {
        let e = only("6月26日—27日，陕西省", edition());
        assert_eq!(e.text, "6月26日—27日");
        assert_eq!(e.chars, 0..9);
        assert_eq!(e.days, Some((d(2024, 6, 26), d(2024, 6, 27))));
        // A month after the edition's is last year's.
        let e = only("1月14日", d(1998, 1, 15));
        assert_eq!(e.days, Some((d(1998, 1, 14), d(1998, 1, 14))));
        let e = only("12月31日", d(1998, 1, 1));
        assert_eq!(e.days, Some((d(1997, 12, 31), d(1997, 12, 31))));
        // Full-width digits, as the 1998 paper prints them.
        let e = only("新华社北京１月１４日电", d(1998, 1, 15));
        assert_eq!(e.text, "１月１４日");
        assert_eq!(e.days, Some((d(1998, 1, 14), d(1998, 1, 14))));
        let e = only("一九九七年十二月三十一日", d(1998, 1, 1));
        assert_eq!(e.days, Some((d(1997, 12, 31), d(1997, 12, 31))));
        let e = only("2024年6月", edition());
        assert_eq!(e.days, Some((d(2024, 6, 1), d(2024, 6, 30))));
    }

    #[test]
    fn ranges() {
        let e = only("6月26—27日", edition());
        assert_eq!(e.days, Some((d(2024, 6, 26), d(2024, 6, 27))));
        let e = only("12月30日至1月2日", d(2024, 1, 5));
        assert_eq!(e.days, Some((d(2023, 12, 30), d(2024, 1, 2))));
        let e = only("2023年—2024年", edition());
        assert_eq!(e.days, Some((d(2023, 1, 1), d(2024, 12, 31))));
        let e = only("3月至5月", edition());
        assert_eq!(e.days, Some((d(2024, 3, 1), d(2024, 5, 31))));
    }

    #[test]
    fn vague_dates_stay_unresolved() {
        let e = only("日前，", edition());
        assert_eq!(e.precision, DatePrecision::Vague);
        assert_eq!(e.days, None);
    }

    #[test]
    fn numbers_that_are_not_dates() {
        assert!(resolve("三个月", edition()).is_empty());
        assert!(resolve("全长260米", edition()).is_empty());
        assert!(resolve("30日内", edition()).is_empty());
        assert!(resolve("13月", edition()).is_empty());
        // A bare day is this month's, or last month's when still to come.
        assert_eq!(only("26日上午", edition()).days.unwrap().0, d(2024, 6, 26));
        assert_eq!(only("30日，", edition()).days.unwrap().0, d(2024, 5, 30));
    }

    #[test]
    fn the_sample_page() {
        let page = include_str!("../../../assets/wujin-daily-2024-06-28.txt");
        let found = resolve(page, edition());
        let yesterday = found.iter().find(|e| e.text == "昨天下午").unwrap();
        assert_eq!(yesterday.days, Some((d(2024, 6, 27), d(2024, 6, 27))));
        let visit = found.iter().find(|e| e.text == "6月26日—27日").unwrap();
        assert_eq!(visit.days, Some((d(2024, 6, 26), d(2024, 6, 27))));
        for e in &found {
            let printed: String = page
                .chars()
                .skip(e.chars.start)
                .take(e.chars.len())
                .collect();
            assert_eq!(printed, e.text);
        }
    }
}
