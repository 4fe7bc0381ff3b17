//! `jianbao parse FILE`: parse one page file and print its articles; saves nothing.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use crate::archive::entities::article::ArticleEntities;
use crate::archive::import::{date_from_file_name, page_from_file_name};
use crate::archive::parse::{self, ParseWarning};

use super::{EXIT_OK, PageArgs, print_json, print_text};

/// Arguments of `jianbao parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The page file (UTF-8, UTF-16 with BOM, or GB18030/GBK).
    file: PathBuf,
    #[command(flatten)]
    page: PageArgs,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct ParseOutput<'a> {
    source: String,
    encoding: &'a str,
    date: Option<NaiveDate>,
    page: u32,
    articles: Vec<ArticleOutput<'a>>,
    warnings: &'a [ParseWarning],
}

/// An article as `parse --json` prints it (the documented CLI contract).
#[derive(Serialize)]
struct ArticleOutput<'a> {
    kicker: Option<&'a str>,
    headline: Option<&'a str>,
    subtitle: Option<&'a str>,
    byline: Option<&'a str>,
    reporters: &'a [String],
    correspondents: &'a [String],
    paragraphs: &'a [String],
    /// The people, places and organisations in it, and its event dates.
    #[serde(flatten)]
    found: ArticleEntities,
}

/// Runs `jianbao parse`.
pub fn run(args: &ParseArgs) -> anyhow::Result<u8> {
    let bytes = std::fs::read(&args.file).with_context(|| args.file.display().to_string())?;
    let page = parse::parse_bytes(&bytes).with_context(|| args.file.display().to_string())?;
    let date = args.page.date.or_else(|| date_from_file_name(&args.file));
    let output = ParseOutput {
        source: args.file.display().to_string(),
        encoding: page.encoding,
        date,
        page: args
            .page
            .page
            .or_else(|| page_from_file_name(&args.file))
            .unwrap_or(1),
        articles: page
            .articles
            .iter()
            .map(|a| ArticleOutput {
                kicker: a.kicker.as_deref(),
                headline: a.headline.as_deref(),
                subtitle: a.subtitle.as_deref(),
                byline: a.byline.as_deref(),
                reporters: &a.reporters,
                correspondents: &a.correspondents,
                paragraphs: &a.paragraphs,
                // Extraction only for JSON: the text summary does not show it.
                found: if args.json {
                    ArticleEntities::of(a, date)
                } else {
                    ArticleEntities::default()
                },
            })
            .collect(),
        warnings: &page.warnings,
    };
    if args.json {
        print_json(&output)?;
    } else {
        print_text(&render(&output))?;
    }
    for w in &page.warnings {
        eprintln!("{}: {w}", args.file.display());
    }
    Ok(EXIT_OK)
}

fn render(output: &ParseOutput) -> String {
    let mut text = String::new();
    let date = output
        .date
        .map_or("(no date)".to_string(), |d| d.to_string());
    let _ = writeln!(
        text,
        "{} ({}), {date}, page {}: {} articles",
        output.source,
        output.encoding,
        output.page,
        output.articles.len()
    );
    for (i, a) in output.articles.iter().enumerate() {
        let _ = writeln!(text, "\n[{}]", i + 1);
        for (label, value) in [
            ("kicker", a.kicker),
            ("headline", a.headline),
            ("subtitle", a.subtitle),
            ("byline", a.byline),
        ] {
            if let Some(value) = value {
                let _ = writeln!(text, "{label:>9}: {}", value.replace('\n', " / "));
            }
        }
        if !a.reporters.is_empty() {
            let _ = writeln!(text, "reporters: {}", a.reporters.join("、"));
        }
        let _ = writeln!(text, "paragraphs: {}", a.paragraphs.len());
    }
    text
}
