//! `jianbao show DIR ID`: one whole article.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, bail};
use chrono::NaiveDate;
use serde::Serialize;

use crate::archive::{Article, ArticleId, Store};

use super::{EXIT_OK, print_json, print_text};

/// Arguments of `jianbao show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The project folder.
    dir: PathBuf,
    /// Article id, as `list` prints it (e.g. 20240628-01-02).
    id: ArticleId,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct ShowOutput<'a> {
    date: NaiveDate,
    page: u32,
    #[serde(flatten)]
    article: &'a Article,
}

/// Runs `jianbao show`.
pub fn run(args: &ShowArgs) -> anyhow::Result<u8> {
    let store = Store::open_read_only(&args.dir).context("cannot open the project")?;
    let Some((edition, page, article)) = store.find_article(&args.id)? else {
        bail!(
            "{}: no article {} in this project",
            args.dir.display(),
            args.id
        );
    };
    let output = ShowOutput {
        date: edition.date,
        page,
        article: &article,
    };
    if args.json {
        print_json(&output)?;
    } else {
        print_text(&render(&output))?;
    }
    Ok(EXIT_OK)
}

fn render(output: &ShowOutput) -> String {
    let a = output.article;
    let mut text = String::new();
    let _ = writeln!(text, "{}  {}  第{}版", a.id, output.date, output.page);
    if let Some(kicker) = &a.kicker {
        let _ = writeln!(text, "{kicker}");
    }
    let _ = writeln!(text, "{}", a.headline.as_deref().unwrap_or("（无标题）"));
    if let Some(subtitle) = &a.subtitle {
        let _ = writeln!(text, "{subtitle}");
    }
    if let Some(byline) = &a.byline {
        let _ = writeln!(text, "{byline}");
    }
    if !a.tags.is_empty() {
        let _ = writeln!(text, "标签: {}", a.tags.join("、"));
    }
    for p in &a.paragraphs {
        let _ = writeln!(text, "\n　　{p}");
    }
    if !a.note.is_empty() {
        let _ = writeln!(text, "\n备注: {}", a.note);
    }
    text
}
