//! What a newsroom counts (稿件统计): articles per month, per page, and per
//! reporter per month, as a table (rows, one count per column, a total).
//!
//! Pure counting over what each article says of itself (date, page,
//! reporters); which articles count (all, or a query's) is the caller's.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

/// What the rows of a statistics table are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsBy {
    /// One row per month (`2024-06`).
    Month,
    /// One row per page number.
    Page,
    /// One row per reporter, one column per month: the monthly 稿件统计.
    /// A piece by two reporters counts for each; unsigned pieces make a row
    /// of their own (an empty key) so the totals add up.
    Reporter,
}

/// What counting needs of one article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleFacts<'a> {
    /// The edition it ran in.
    pub date: NaiveDate,
    /// Its page.
    pub page: u32,
    /// The reporters of its byline.
    pub reporters: &'a [String],
}

/// A table of counts: `rows[i].counts[j]` articles of row `i` in column `j`.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct StatsTable {
    /// Column keys: months (`2024-06`) for reporters, else the single
    /// column `articles`.
    pub columns: Vec<String>,
    /// The rows, in their natural order (months and pages ascending,
    /// reporters by their total, most first, then by name).
    pub rows: Vec<StatsRow>,
    /// Articles counted (each once, however many reporters it has).
    pub articles: usize,
}

/// One row of a [`StatsTable`].
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StatsRow {
    /// The month (`2024-06`), page (`3`) or reporter (`张可馨`; empty for
    /// unsigned pieces).
    pub key: String,
    /// One count per column.
    pub counts: Vec<usize>,
    /// The row's sum.
    pub total: usize,
}

fn month_key(date: NaiveDate) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// Counts `articles` into a table with rows `by`.
pub fn count<'a>(by: StatsBy, articles: impl IntoIterator<Item = ArticleFacts<'a>>) -> StatsTable {
    let mut counter = StatsCounter::new(by);
    for article in articles {
        counter.add(&article);
    }
    counter.finish()
}

/// Counts articles one at a time (an archive edition by edition, each
/// dropped once counted), holding only the cells.
#[derive(Debug, Clone)]
pub struct StatsCounter {
    by: StatsBy,
    articles: usize,
    /// Row key → column key → count. Months are zero-padded so they sort as
    /// text; pages are keyed by number so they sort as numbers.
    cells: BTreeMap<RowKey, BTreeMap<String, usize>>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum RowKey {
    Page(u32),
    Text(String),
}

/// The single column of the month and page tables.
const ARTICLES_COLUMN: &str = "articles";

impl StatsCounter {
    /// An empty count with rows `by`.
    pub fn new(by: StatsBy) -> StatsCounter {
        StatsCounter {
            by,
            articles: 0,
            cells: BTreeMap::new(),
        }
    }

    /// Counts one article.
    pub fn add(&mut self, article: &ArticleFacts<'_>) {
        self.articles += 1;
        let mut bump = |row: RowKey, column: String| {
            *self
                .cells
                .entry(row)
                .or_default()
                .entry(column)
                .or_default() += 1;
        };
        match self.by {
            StatsBy::Month => bump(
                RowKey::Text(month_key(article.date)),
                ARTICLES_COLUMN.into(),
            ),
            StatsBy::Page => bump(RowKey::Page(article.page), ARTICLES_COLUMN.into()),
            StatsBy::Reporter => {
                let month = month_key(article.date);
                if article.reporters.is_empty() {
                    bump(RowKey::Text(String::new()), month);
                } else {
                    for name in article.reporters {
                        bump(RowKey::Text(name.clone()), month.clone());
                    }
                }
            }
        }
    }

    /// Adds what `other` counted (another segment of the index, say).
    pub fn merge(&mut self, other: StatsCounter) {
        self.articles += other.articles;
        for (row, columns) in other.cells {
            let into = self.cells.entry(row).or_default();
            for (column, n) in columns {
                *into.entry(column).or_default() += n;
            }
        }
    }

    /// The table counted so far.
    pub fn finish(self) -> StatsTable {
        let columns: Vec<String> = match self.by {
            StatsBy::Month | StatsBy::Page => vec![ARTICLES_COLUMN.to_string()],
            StatsBy::Reporter => self
                .cells
                .values()
                .flat_map(|row| row.keys().cloned())
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect(),
        };
        let mut rows: Vec<StatsRow> = self
            .cells
            .into_iter()
            .map(|(key, by_column)| {
                let counts: Vec<usize> = columns
                    .iter()
                    .map(|c| by_column.get(c).copied().unwrap_or(0))
                    .collect();
                StatsRow {
                    key: match key {
                        RowKey::Page(page) => page.to_string(),
                        RowKey::Text(text) => text,
                    },
                    total: counts.iter().sum(),
                    counts,
                }
            })
            .collect();
        if self.by == StatsBy::Reporter {
            // Most pieces first; unsigned pieces last.
            rows.sort_by(|a, b| {
                (a.key.is_empty(), std::cmp::Reverse(a.total), &a.key).cmp(&(
                    b.key.is_empty(),
                    std::cmp::Reverse(b.total),
                    &b.key,
                ))
            });
        }
        StatsTable {
            columns,
            rows,
            articles: self.articles,
        }
    }
}

/// The words a statistics sheet is headed with, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SheetLabels {
    /// The first column's heading (月份, 版面, 记者).
    pub key: String,
    /// The single count column's heading of month and page tables (稿件数).
    pub count: String,
    /// The last column of the reporter table (合计).
    pub total: String,
    /// The row of unsigned pieces (（未署名）).
    pub unsigned: String,
}

impl SheetLabels {
    /// The newsroom's own words: 月份/版面/记者, 稿件数, 合计, （未署名）.
    pub fn chinese(by: StatsBy) -> SheetLabels {
        SheetLabels {
            key: match by {
                StatsBy::Month => "月份",
                StatsBy::Page => "版面",
                StatsBy::Reporter => "记者",
            }
            .into(),
            count: "稿件数".into(),
            total: "合计".into(),
            unsigned: "（未署名）".into(),
        }
    }
}

impl StatsTable {
    /// The table as a sheet: the heading row, then one row per key, each a
    /// key and its counts (the reporter table ends each row with its total).
    pub fn sheet(&self, labels: &SheetLabels) -> (Vec<String>, Vec<(String, Vec<usize>)>) {
        let by_reporter = self.columns.first().is_none_or(|c| c != ARTICLES_COLUMN);
        let mut heading = vec![labels.key.clone()];
        if by_reporter {
            heading.extend(self.columns.iter().cloned());
            heading.push(labels.total.clone());
        } else {
            heading.push(labels.count.clone());
        }
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let key = if row.key.is_empty() {
                    labels.unsigned.clone()
                } else {
                    row.key.clone()
                };
                let counts = if by_reporter {
                    row.counts.iter().copied().chain([row.total]).collect()
                } else {
                    vec![row.total]
                };
                (key, counts)
            })
            .collect();
        (heading, rows)
    }

    /// Writes the sheet as CSV (UTF-8 with a byte-order mark, for Excel;
    /// keys that begin like a formula neutralised).
    pub fn write_csv(&self, out: impl std::io::Write, labels: &SheetLabels) -> std::io::Result<()> {
        use crate::archive::export::csv::{BOM, neutralised};
        let mut out = out;
        out.write_all(BOM)?;
        let mut csv = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
            .from_writer(out);
        let (heading, rows) = self.sheet(labels);
        csv.write_record(&heading)?;
        for (key, counts) in rows {
            csv.write_record(
                std::iter::once(neutralised(key)).chain(counts.iter().map(usize::to_string)),
            )?;
        }
        csv.flush()?;
        Ok(())
    }

    /// Writes the sheet as an XLSX workbook: a bold, frozen heading row,
    /// counts as numbers, keys as text.
    pub fn write_xlsx(
        &self,
        out: impl std::io::Write + Send,
        labels: &SheetLabels,
    ) -> Result<(), rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{Format, Workbook};
        let (heading, rows) = self.sheet(labels);
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        let bold = Format::new().set_bold();
        for (col, text) in heading.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, text, &bold)?;
        }
        sheet.set_freeze_panes(1, 1)?;
        let key_width = rows
            .iter()
            .map(|(k, _)| k.chars().count() * 2)
            .chain([heading[0].chars().count() * 2])
            .max()
            .unwrap_or(8);
        sheet.set_column_width(0, (key_width + 2).min(40) as f64)?;
        for (at, (key, counts)) in rows.iter().enumerate() {
            let row = at as u32 + 1;
            sheet.write_string(row, 0, key)?;
            for (col, n) in counts.iter().enumerate() {
                sheet.write_number(row, col as u16 + 1, *n as f64)?;
            }
        }
        workbook.save_to_writer(out)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("a date")
    }

    fn facts() -> Vec<(NaiveDate, u32, Vec<String>)> {
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        vec![
            (day("2024-05-31"), 1, names(&["张可馨"])),
            (day("2024-06-01"), 1, names(&["张可馨", "朱梦琪"])),
            (day("2024-06-28"), 3, names(&["朱梦琪"])),
            (day("2024-06-28"), 1, names(&[])),
            (day("2024-06-28"), 1, names(&["朱梦琪"])),
        ]
    }

    fn table(by: StatsBy) -> StatsTable {
        let facts = facts();
        count(
            by,
            facts.iter().map(|(date, page, reporters)| ArticleFacts {
                date: *date,
                page: *page,
                reporters,
            }),
        )
    }

    #[test]
    fn months_and_pages_count_each_article_once() {
        let months = table(StatsBy::Month);
        let rows: Vec<(&str, usize)> = months
            .rows
            .iter()
            .map(|r| (r.key.as_str(), r.total))
            .collect();
        assert_eq!(rows, [("2024-05", 1), ("2024-06", 4)]);
        assert_eq!(months.articles, 5);
        let pages = table(StatsBy::Page);
        let rows: Vec<(&str, usize)> = pages
            .rows
            .iter()
            .map(|r| (r.key.as_str(), r.total))
            .collect();
        assert_eq!(rows, [("1", 4), ("3", 1)]);
    }

    #[test]
    fn reporters_by_month_credit_each_author_and_keep_unsigned_pieces_last() {
        let t = table(StatsBy::Reporter);
        assert_eq!(t.columns, ["2024-05", "2024-06"]);
        let rows: Vec<(&str, Vec<usize>, usize)> = t
            .rows
            .iter()
            .map(|r| (r.key.as_str(), r.counts.clone(), r.total))
            .collect();
        assert_eq!(
            rows,
            [
                ("朱梦琪", vec![0, 3], 3),
                ("张可馨", vec![1, 1], 2),
                ("", vec![0, 1], 1),
            ]
        );
        assert_eq!(t.articles, 5, "a co-written piece is one article");
    }

    #[test]
    fn nothing_to_count_is_an_empty_table() {
        let t = count(StatsBy::Reporter, []);
        assert!(t.rows.is_empty() && t.columns.is_empty());
        assert_eq!(t.articles, 0);
    }

    #[test]
    fn a_sheet_has_its_heading_keys_and_totals_in_csv_and_xlsx() {
        let t = table(StatsBy::Reporter);
        let labels = SheetLabels::chinese(StatsBy::Reporter);
        let (heading, rows) = t.sheet(&labels);
        assert_eq!(heading.first().map(String::as_str), Some("记者"));
        assert_eq!(heading.last().map(String::as_str), Some("合计"));
        assert!(rows.iter().all(|(_, c)| c.len() == heading.len() - 1));
        assert!(rows.iter().any(|(k, _)| k == "（未署名）"));
        let mut csv = Vec::new();
        t.write_csv(&mut csv, &labels).unwrap();
        let text = String::from_utf8(csv).unwrap();
        assert!(text.starts_with("\u{feff}记者,"), "{text}");
        let mut xlsx = std::io::Cursor::new(Vec::new());
        t.write_xlsx(&mut xlsx, &labels).unwrap();
        assert!(xlsx.get_ref().starts_with(b"PK"), "a zip");
        let months = table(StatsBy::Month).sheet(&SheetLabels::chinese(StatsBy::Month));
        assert_eq!(months.0, ["月份", "稿件数"]);
    }
}
