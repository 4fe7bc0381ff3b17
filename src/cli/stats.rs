//! `jianbao stats DIR`: articles per month, per page, or per reporter per
//! month (the monthly 稿件统计), of the whole archive or of a query's results.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use crate::archive::stats::{SheetLabels, StatsBy, StatsTable};

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
    #[arg(long, conflicts_with = "xlsx")]
    csv: bool,
    /// Write the table to this XLSX workbook instead of printing it.
    #[arg(long, conflicts_with = "json")]
    xlsx: Option<PathBuf>,
    /// Replace an existing XLSX file.
    #[arg(long, requires = "xlsx")]
    force: bool,
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
    let table = session
        .stats(by, args.query.as_deref())
        .with_context(|| format!("cannot count {}", args.dir.display()))?;
    let labels = SheetLabels::chinese(by);
    if let Some(path) = &args.xlsx {
        write_xlsx(path, &table, &labels, args.force)?;
        print_text(&format!(
            "wrote {} ({} articles)\n",
            path.display(),
            table.articles
        ))?;
    } else if args.json {
        print_json(&StatsOutput {
            by: by_name,
            query: args.query.as_deref(),
            table: &table,
        })?;
    } else if args.csv {
        let mut out = Vec::new();
        table.write_csv(&mut out, &labels)?;
        let text = String::from_utf8(out).context("CSV is UTF-8")?;
        print_text(&text)?;
    } else {
        print_text(&render(&table, &labels))?;
    }
    Ok(EXIT_OK)
}

/// Writes the workbook atomically: into a temp file beside `path`, renamed
/// over it only when whole; an existing file is replaced only with `force`.
fn write_xlsx(
    path: &std::path::Path,
    table: &StatsTable,
    labels: &SheetLabels,
    force: bool,
) -> anyhow::Result<()> {
    if !force && path.exists() {
        anyhow::bail!("{} exists; --force replaces it", path.display());
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".jianbao-stats-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .with_context(|| format!("cannot write in {}", dir.display()))?;
    table
        .write_xlsx(&mut tmp, labels)
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("cannot write {}", path.display()))?;
    tmp.persist(path)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

fn render(table: &StatsTable, labels: &SheetLabels) -> String {
    let mut text = String::new();
    let (heading, rows) = table.sheet(labels);
    let _ = writeln!(text, "{}", heading.join("\t"));
    for (key, counts) in rows {
        let counts: Vec<String> = counts.iter().map(usize::to_string).collect();
        let _ = writeln!(text, "{key}\t{}", counts.join("\t"));
    }
    let _ = writeln!(text, "共 {} 篇", table.articles);
    text
}
