//! `jianbao export DIR (--query Q | --ids ID... | --date RANGE | --collection NAME) -o FILE`:
//! write articles to DOCX, HTML, Markdown, text, CSV, XLSX or JSON Lines.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::archive::ArticleSelection;
use crate::archive::export::{self, ExportField, ExportFormat, ExportOptions};
use crate::archive::model::ArticleId;

use super::{EXIT_OK, EXIT_PARTIAL, print_json, print_text};

/// Arguments of `jianbao export`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("what").required(true).multiple(true).args(["query", "ids", "date", "collection"]))]
pub struct ExportArgs {
    /// The project folder.
    dir: PathBuf,
    /// Every article matching this query, oldest first (the search language).
    #[arg(long, allow_hyphen_values = true)]
    query: Option<String>,
    /// These articles, in this order.
    #[arg(long, num_args = 1.., conflicts_with_all = ["query", "date"])]
    ids: Vec<ArticleId>,
    /// The articles of this collection, in its order.
    #[arg(long, conflicts_with_all = ["query", "date", "ids"])]
    collection: Option<String>,
    /// Articles of a day (2024-06-28) or a range (2024-06-01..2024-06-30);
    /// with --query, the matches within those dates.
    #[arg(long, value_parser = parse_date_range)]
    date: Option<String>,
    /// docx, html, md, txt, csv, xlsx or jsonl (default: from the file name).
    #[arg(long, value_parser = parse_format)]
    format: Option<ExportFormat>,
    /// The file to write.
    #[arg(short, long)]
    output: PathBuf,
    /// Comma-separated fields: columns of csv/xlsx, parts shown by the other
    /// documents (id,date,page,kicker,headline,subtitle,byline,reporters,
    /// correspondents,tags,characters,note,text).
    #[arg(long, value_parser = parse_fields)]
    fields: Option<FieldList>,
    /// Overwrite FILE if it exists.
    #[arg(long)]
    force: bool,
    /// Print what was written as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Written<'a> {
    path: &'a std::path::Path,
    format: ExportFormat,
    articles: usize,
    bytes: u64,
}

/// Runs `jianbao export`. Exit code 1 when some `--ids` name no article
/// (the others are written), 2 when nothing was written.
pub fn run(args: &ExportArgs) -> anyhow::Result<u8> {
    let format = match args
        .format
        .or_else(|| ExportFormat::from_path(&args.output))
    {
        Some(format) => format,
        None => bail!(
            "say --format (docx, html, md, txt, csv, xlsx, jsonl): {} has no known extension",
            args.output.display()
        ),
    };
    let session = super::open_for_reading(&args.dir)?;
    let (ids, title) = match &args.collection {
        Some(name) => {
            let collection = session.collection_named(name)?;
            (collection.articles.clone(), format!("选集：{name}"))
        }
        None => {
            let (selection, title) = selection(args);
            (session.resolve(&selection)?, title)
        }
    };
    let never = AtomicBool::new(false);
    let loaded = export::load_records(session.store(), &ids, &never)
        .with_context(|| format!("cannot read the articles of {}", args.dir.display()))?;
    for id in &loaded.missing {
        eprintln!("jianbao: no article {id} in {}", args.dir.display());
    }
    if !ids.is_empty() && loaded.records.is_empty() {
        bail!(
            "none of the articles asked for is in {}",
            args.dir.display()
        );
    }
    let options = ExportOptions {
        fields: args.fields.clone().map(|list| list.0),
        ..ExportOptions::new(format, &session.project().paper, &title)
    };
    let bar = ProgressBar::new(loaded.records.len() as u64).with_style(
        ProgressStyle::with_template("exporting {bar:30} {pos}/{len} articles ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = export::export_to_path(
        &args.output,
        &loaded.records,
        &options,
        args.force,
        &mut |done, _| bar.set_position(done as u64),
        &never,
    );
    bar.finish_and_clear();
    let report = report?;
    if args.json {
        print_json(&Written {
            path: &report.path,
            format: report.format,
            articles: report.articles,
            bytes: report.bytes,
        })?;
    } else {
        print_text(&format!(
            "wrote {} article(s) to {} ({} bytes)\n",
            report.articles,
            report.path.display(),
            report.bytes
        ))?;
    }
    Ok(if loaded.missing.is_empty() {
        EXIT_OK
    } else {
        EXIT_PARTIAL
    })
}

/// What to export, and how the title page names it.
fn selection(args: &ExportArgs) -> (ArticleSelection, String) {
    if !args.ids.is_empty() {
        let title = format!("选定的 {} 篇文章", args.ids.len());
        return (ArticleSelection::Ids(args.ids.clone()), title);
    }
    let mut query = args.query.clone().unwrap_or_default();
    let mut title = if query.trim().is_empty() {
        String::new()
    } else {
        format!("搜索：{}", query.trim())
    };
    if let Some(range) = &args.date {
        query = format!("{query} date:{range}").trim().to_string();
        if !title.is_empty() {
            title.push('　');
        }
        title.push_str(&format!("日期：{}", range.replace("..", " 至 ")));
    }
    (ArticleSelection::Query(query), title)
}

/// Checks `2024-06-28` or `2024-06-01..2024-06-30` and returns it as the
/// query language's `date:` takes it.
fn parse_date_range(text: &str) -> Result<String, String> {
    let day = |s: &str| {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| format!("`{s}` is not a date (expected YYYY-MM-DD)"))
    };
    match text.split_once("..") {
        None => Ok(day(text)?.format("%Y-%m-%d").to_string()),
        Some((from, to)) => {
            let (from, to) = (day(from)?, day(to)?);
            if from > to {
                return Err(format!("{from} is after {to}"));
            }
            Ok(format!(
                "{}..{}",
                from.format("%Y-%m-%d"),
                to.format("%Y-%m-%d")
            ))
        }
    }
}

fn parse_format(text: &str) -> Result<ExportFormat, String> {
    text.parse()
}

/// `--fields`' value: one argument holding the whole list. A newtype, for
/// clap reads an `Option<Vec<_>>` as "many values of one field each" and
/// panicked on the mismatch with a parser that returns the whole list.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FieldList(Vec<ExportField>);

fn parse_fields(text: &str) -> Result<FieldList, String> {
    ExportField::parse_list(text)
        .map(FieldList)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_become_the_query_languages_date_filter() {
        assert_eq!(parse_date_range("2024-06-28").unwrap(), "2024-06-28");
        assert_eq!(
            parse_date_range("2024-06-01..2024-06-30").unwrap(),
            "2024-06-01..2024-06-30"
        );
        assert!(parse_date_range("2024-06-30..2024-06-01").is_err());
        assert!(parse_date_range("June").is_err());
    }
}
