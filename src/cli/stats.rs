//! `jianbao stats DIR`: articles per month, per page, or per reporter per
//! month (the monthly 稿件统计), of the whole archive or of a query's results.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use crate::archive::ArticleId;
use crate::archive::export::csv::{BOM, neutralised};
use crate::archive::stats::{self, ArticleFacts, StatsBy, StatsCounter, StatsTable};

use super::{EXIT_OK, print_json, print_text};

/// What the rows are.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum By {
    /// One row per month.
    Month,
    /// One row per page.
    Page,
    /// One row per reporter, a column per month (稿件统计).
    Reporter,
}

/// Arguments of `jianbao stats`.
#[derive(Debug, clap::Args)]
pub struct StatsArgs {
    /// The project folder.
    dir: PathBuf,
    /// What the rows are.
    #[arg(long, value_enum, default_value = "month")]
    by: By,
    /// Count only the articles this query finds (the search syntax).
    #[arg(long)]
    query: Option<String>,
    /// Print JSON.
    #[arg(long, conflicts_with = "csv")]
    json: bool,
    /// Print CSV (UTF-8 with a byte-order mark, for Excel).
    #[arg(long)]
    csv: bool,
}

#[derive(Serialize)]
struct StatsOutput<'a> {
    by: &'static str,
    query: Option<&'a str>,
    #[serde(flatten)]
    table: &'a StatsTable,
}

/// Runs `jianbao stats`.
pub fn run(args: &StatsArgs) -> anyhow::Result<u8> {
    let session = super::open_for_reading(&args.dir)?;
    let (by, by_name) = match args.by {
        By::Month => (StatsBy::Month, "month"),
        By::Page => (StatsBy::Page, "page"),
        By::Reporter => (StatsBy::Reporter, "reporter"),
    };
    let only: Option<HashSet<ArticleId>> = match &args.query {
        Some(query) => Some(
            session
                .index()
                .matching_ids(query)
                .with_context(|| format!("cannot search {}", args.dir.display()))?
                .into_iter()
                .collect(),
        ),
        None => None,
    };
    // A query's results name their editions: read only those.
    let only_dates: Option<HashSet<chrono::NaiveDate>> = only
        .as_ref()
        .map(|ids| ids.iter().filter_map(ArticleId::date).collect());
    let store = session.store();
    let mut counter = StatsCounter::new(by);
    for date in store.edition_dates()? {
        if only_dates
            .as_ref()
            .is_some_and(|dates| !dates.contains(&date))
        {
            continue;
        }
        let Some(edition) = store.load_edition(date)? else {
            continue;
        };
        for (page, article) in edition.articles() {
            if only.as_ref().is_none_or(|ids| ids.contains(&article.id)) {
                counter.add(&ArticleFacts {
                    date,
                    page,
                    reporters: &article.reporters,
                });
            }
        }
    }
    let table = counter.finish();
    if args.json {
        print_json(&StatsOutput {
            by: by_name,
            query: args.query.as_deref(),
            table: &table,
        })?;
    } else if args.csv {
        let mut out = Vec::from(BOM);
        write_csv(&mut out, args.by, &table)?;
        let text = String::from_utf8(out).context("CSV is UTF-8")?;
        print_text(&text)?;
    } else {
        print_text(&render(args.by, &table))?;
    }
    Ok(EXIT_OK)
}

/// The first column's heading and a row's key as a person reads them.
fn heading(by: By) -> &'static str {
    match by {
        By::Month => "月份",
        By::Page => "版面",
        By::Reporter => "记者",
    }
}

fn key_text(key: &str) -> &str {
    if key.is_empty() {
        "（未署名）"
    } else {
        key
    }
}

fn column_headings(by: By, table: &StatsTable) -> Vec<String> {
    match by {
        By::Reporter => table
            .columns
            .iter()
            .cloned()
            .chain(["合计".to_string()])
            .collect(),
        By::Month | By::Page => vec!["稿件数".to_string()],
    }
}

fn row_cells(by: By, row: &stats::StatsRow) -> Vec<String> {
    match by {
        By::Reporter => row
            .counts
            .iter()
            .chain([&row.total])
            .map(usize::to_string)
            .collect(),
        By::Month | By::Page => vec![row.total.to_string()],
    }
}

fn write_csv(out: &mut Vec<u8>, by: By, table: &StatsTable) -> anyhow::Result<()> {
    let mut csv = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(std::iter::once(heading(by).to_string()).chain(column_headings(by, table)))?;
    for row in &table.rows {
        let key = neutralised(key_text(&row.key).to_string());
        csv.write_record(std::iter::once(key).chain(row_cells(by, row)))?;
    }
    csv.flush()?;
    Ok(())
}

fn render(by: By, table: &StatsTable) -> String {
    let mut text = String::new();
    let headings = column_headings(by, table);
    let _ = writeln!(text, "{}\t{}", heading(by), headings.join("\t"));
    for row in &table.rows {
        let _ = writeln!(
            text,
            "{}\t{}",
            key_text(&row.key),
            row_cells(by, row).join("\t")
        );
    }
    let _ = writeln!(text, "共 {} 篇", table.articles);
    text
}
