//! `jianbao list DIR`: the articles of a project, edition by edition.

use std::fmt::Write as _;
use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use crate::archive::ArticleId;

use super::{EXIT_OK, print_json, print_text};

/// Arguments of `jianbao list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The project folder.
    dir: PathBuf,
    /// Only the edition of this date.
    #[arg(long)]
    date: Option<NaiveDate>,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct ListOutput {
    articles: Vec<ListedArticle>,
}

#[derive(Serialize)]
struct ListedArticle {
    id: ArticleId,
    date: NaiveDate,
    page: u32,
    kicker: Option<String>,
    headline: Option<String>,
    reporters: Vec<String>,
}

/// Runs `jianbao list`.
pub fn run(args: &ListArgs) -> anyhow::Result<u8> {
    let session = super::open_for_reading(&args.dir)?;
    let store = session.store();
    let dates = match args.date {
        Some(date) => vec![date],
        None => store.edition_dates()?,
    };
    let mut articles = Vec::new();
    for date in dates {
        let Some(edition) = store.load_edition(date)? else {
            continue;
        };
        articles.extend(edition.articles().map(|(page, a)| ListedArticle {
            id: a.id.clone(),
            date,
            page,
            kicker: a.kicker.clone(),
            headline: a.headline.clone(),
            reporters: a.reporters.clone(),
        }));
    }
    if args.json {
        print_json(&ListOutput { articles })?;
    } else {
        let mut text = String::new();
        for a in &articles {
            let _ = writeln!(
                text,
                "{}  {}  p{:<2}  {}  {}",
                a.id,
                a.date,
                a.page,
                a.headline
                    .as_deref()
                    .unwrap_or("（无标题）")
                    .replace('\n', " "),
                a.reporters.join("、")
            );
        }
        print_text(&text)?;
    }
    Ok(EXIT_OK)
}
