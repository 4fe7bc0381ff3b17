//! `jianbao saved DIR (list | add NAME QUERY | delete NAME)`: saved searches.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use crate::archive::model::SavedSearch;
use crate::archive::search::SearchRequest;
use crate::archive::{Edit, Session};

use super::{EXIT_OK, describe, print_json, print_text};

/// Arguments of `jianbao saved`.
#[derive(Debug, clap::Args)]
pub struct SavedArgs {
    /// The project folder.
    dir: PathBuf,
    #[command(subcommand)]
    action: SavedAction,
    /// Print JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum SavedAction {
    /// List saved searches with their current counts.
    List,
    /// Save a query under a name.
    Add {
        /// Name shown in the side panel.
        name: String,
        /// The query (one argument; quote it).
        #[arg(allow_hyphen_values = true)]
        query: String,
    },
    /// Delete a saved search.
    Delete {
        /// Its name.
        name: String,
    },
}

#[derive(Serialize)]
struct SavedRow<'a> {
    name: &'a str,
    query: &'a str,
    count: usize,
}

/// Runs `jianbao saved`.
pub fn run(args: &SavedArgs) -> anyhow::Result<u8> {
    let edit = match &args.action {
        SavedAction::List => return list(args),
        SavedAction::Add { name, query } => {
            // A query that does not parse is refused now, not when it is run.
            crate::archive::search::parse(query)?;
            Edit::SaveSearch {
                position: usize::MAX,
                search: SavedSearch {
                    name: name.clone(),
                    query: query.clone(),
                },
            }
        }
        SavedAction::Delete { name } => Edit::DeleteSavedSearch(name.clone()),
    };
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let summary = session.apply(edit)?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}

fn list(args: &SavedArgs) -> anyhow::Result<u8> {
    let session = super::open_for_reading(&args.dir)?;
    let mut rows = Vec::new();
    for saved in &session.project().saved_searches {
        let mut request = SearchRequest::new(saved.query.clone());
        request.limit = 0;
        request.facets = false;
        // A saved query the language no longer accepts counts as 0, not a failure of the list.
        let count = session.search(&request).map_or(0, |r| r.total);
        rows.push(SavedRow {
            name: &saved.name,
            query: &saved.query,
            count,
        });
    }
    if args.json {
        print_json(&serde_json::json!({ "saved": rows }))?;
        return Ok(EXIT_OK);
    }
    let mut text = String::new();
    for row in &rows {
        let _ = writeln!(text, "{}\t{}\t{} 篇", row.name, row.query, row.count);
    }
    print_text(&text)?;
    Ok(EXIT_OK)
}
