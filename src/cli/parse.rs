//! `jianbao parse FILE`: parse one page file (text or PDF) and print its
//! articles; saves nothing.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use chrono::NaiveDate;
use serde::Serialize;

use crate::archive::entities::article::ArticleEntities;
use crate::archive::import::pdf;
use crate::archive::import::{date_from_file_name, page_from_file_name};
use crate::archive::model::Article;
use crate::archive::parse::{self, ParseWarning};

use super::{EXIT_OK, PageArgs, print_json, print_text};

/// Arguments of `jianbao parse`.
#[derive(Debug, clap::Args)]
pub struct ParseArgs {
    /// The page file (UTF-8, UTF-16 with BOM, or GB18030/GBK text, or a PDF).
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
    /// Width and height in points (PDF pages only).
    #[serde(skip_serializing_if = "Option::is_none")]
    page_size: Option<[f32; 2]>,
    /// The page header line: paper, date, 第N版 (PDF pages only).
    #[serde(skip_serializing_if = "Option::is_none")]
    header: Option<&'a str>,
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
    /// Where it is printed: `[x0, y0, x1, y1]` in PDF points (PDF pages only).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    region: &'a [[f32; 4]],
    /// The people, places and organisations in it, and its event dates.
    #[serde(flatten)]
    found: ArticleEntities,
}

/// Runs `jianbao parse`.
pub fn run(args: &ParseArgs) -> anyhow::Result<u8> {
    let bytes = std::fs::read(&args.file).with_context(|| args.file.display().to_string())?;
    if pdf::is_pdf_path(&args.file) || pdf::looks_like_pdf(&bytes) {
        return run_pdf(args, &bytes);
    }
    let page = parse::parse_bytes(&bytes).with_context(|| args.file.display().to_string())?;
    let date = args.page.date.or_else(|| date_from_file_name(&args.file));
    let output = ParseOutput {
        source: args.file.display().to_string(),
        encoding: page.encoding,
        date,
        page: first_page(args),
        page_size: None,
        header: None,
        articles: articles_output(&page.articles, date, args.json),
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

fn first_page(args: &ParseArgs) -> u32 {
    args.page
        .page
        .or_else(|| page_from_file_name(&args.file))
        .unwrap_or(1)
}

fn articles_output(
    articles: &[Article],
    date: Option<NaiveDate>,
    json: bool,
) -> Vec<ArticleOutput<'_>> {
    articles
        .iter()
        .map(|a| ArticleOutput {
            kicker: a.kicker.as_deref(),
            headline: a.headline.as_deref(),
            subtitle: a.subtitle.as_deref(),
            byline: a.byline.as_deref(),
            reporters: &a.reporters,
            correspondents: &a.correspondents,
            paragraphs: &a.paragraphs,
            region: &a.region.0,
            // Extraction only for JSON: the text summary does not show it.
            found: if json {
                ArticleEntities::of(a, date)
            } else {
                ArticleEntities::default()
            },
        })
        .collect()
}

/// A PDF: one output per page (a JSON array when the file holds several).
fn run_pdf(args: &ParseArgs, bytes: &[u8]) -> anyhow::Result<u8> {
    let pages = pdf::parse_pdf(bytes).with_context(|| args.file.display().to_string())?;
    let date = args.page.date.or_else(|| date_from_file_name(&args.file));
    let first = first_page(args);
    let warnings: Vec<Vec<ParseWarning>> = pages.iter().map(|p| p.warnings(pages.len())).collect();
    let outputs: Vec<ParseOutput> = pages
        .iter()
        .zip(&warnings)
        .map(|(p, w)| ParseOutput {
            source: args.file.display().to_string(),
            encoding: "PDF",
            date,
            page: first + p.index as u32 - 1,
            page_size: Some(p.size),
            header: p.layout.header.as_deref(),
            articles: articles_output(&p.layout.articles, date, args.json),
            warnings: w,
        })
        .collect();
    if args.json {
        match outputs.as_slice() {
            [one] => print_json(one)?,
            many => print_json(&many)?,
        }
    } else {
        let text: String = outputs.iter().map(render).collect::<Vec<_>>().join("\n");
        print_text(&text)?;
    }
    for w in warnings.iter().flatten() {
        // A PDF warning names its page, not a line.
        eprintln!("{}: {}", args.file.display(), w.message);
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
