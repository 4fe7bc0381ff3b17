//! `jianbao show DIR ID`: one whole article.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::archive::entities::article::ArticleEntities;
use crate::archive::{Article, ArticleId};

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
    source: Option<String>,
    /// The printed page's size in PDF points (pages imported from a PDF).
    #[serde(skip_serializing_if = "Option::is_none")]
    page_size: Option<[f32; 2]>,
    #[serde(flatten)]
    article: &'a Article,
    /// The people, places and organisations in it, and its event dates.
    #[serde(flatten)]
    found: ArticleEntities,
    /// Tag names, in place of the article's tag ids.
    #[serde(skip)]
    tag_names: Vec<String>,
}

/// Runs `jianbao show`.
pub fn run(args: &ShowArgs) -> anyhow::Result<u8> {
    let session = super::open_for_reading(&args.dir)?;
    let found = super::find_article(&session, &args.dir, &args.id)?;
    let project = session.project();
    let output = ShowOutput {
        date: found.date,
        page: found.page,
        source: found.source.clone(),
        page_size: found.page_size,
        article: &found.article,
        found: if args.json {
            ArticleEntities::of(&found.article, Some(found.date))
        } else {
            ArticleEntities::default()
        },
        tag_names: found
            .article
            .tags
            .iter()
            .map(|t| project.tag_name(*t))
            .collect(),
    };
    if args.json {
        let mut value = serde_json::to_value(&output)?;
        value["tags"] = serde_json::json!(output.tag_names);
        print_json(&value)?;
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
    if !output.tag_names.is_empty() {
        let _ = writeln!(text, "标签: {}", output.tag_names.join("、"));
    }
    for p in &a.paragraphs {
        let _ = writeln!(text, "\n　　{p}");
    }
    if !a.note.is_empty() {
        let _ = writeln!(text, "\n备注: {}", a.note);
    }
    text
}
