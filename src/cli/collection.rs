//! `jianbao collection DIR (list | create | add | remove | rename | delete)`: collections (选集).

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use crate::archive::{ArticleId, ArticleSelection, Edit, Session};

use super::{EXIT_OK, describe, print_json, print_text};

/// Arguments of `jianbao collection`.
#[derive(Debug, clap::Args)]
pub struct CollectionArgs {
    /// The project folder.
    dir: PathBuf,
    #[command(subcommand)]
    action: CollectionAction,
    /// Print JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum CollectionAction {
    /// List collections with their sizes (and articles no longer in the archive).
    List,
    /// Create an empty collection.
    Create {
        /// Its name (used by `in:NAME` in queries).
        name: String,
    },
    /// Append articles, by id or every result of a query.
    Add {
        /// The collection.
        name: String,
        /// Article ids.
        ids: Vec<ArticleId>,
        /// Add every article this query finds, oldest first.
        #[arg(long, allow_hyphen_values = true)]
        query: Option<String>,
    },
    /// Take articles out.
    Remove {
        /// The collection.
        name: String,
        /// Article ids.
        #[arg(required = true)]
        ids: Vec<ArticleId>,
    },
    /// Rename a collection.
    Rename {
        /// Current name.
        old: String,
        /// New name.
        new: String,
    },
    /// Delete a collection (its articles stay in the archive).
    Delete {
        /// The collection.
        name: String,
    },
}

#[derive(Serialize)]
struct CollectionRow<'a> {
    id: u32,
    name: &'a str,
    articles: &'a [ArticleId],
    missing: Vec<ArticleId>,
}

/// Runs `jianbao collection`.
pub fn run(args: &CollectionArgs) -> anyhow::Result<u8> {
    if let CollectionAction::List = args.action {
        return list(args);
    }
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let edit = match &args.action {
        CollectionAction::List => unreachable!("listed above"),
        CollectionAction::Create { name } => Edit::CreateCollection {
            position: usize::MAX,
            collection: session.new_collection(name),
        },
        CollectionAction::Add { name, ids, query } => {
            let mut articles = ids.clone();
            if let Some(query) = query {
                articles.extend(session.resolve(&ArticleSelection::Query(query.clone()))?);
            }
            Edit::AddToCollection {
                id: session.collection_named(name)?.id,
                articles,
            }
        }
        CollectionAction::Remove { name, ids } => Edit::RemoveFromCollection {
            id: session.collection_named(name)?.id,
            articles: ids.clone(),
        },
        CollectionAction::Rename { old, new } => Edit::RenameCollection {
            id: session.collection_named(old)?.id,
            name: new.clone(),
        },
        CollectionAction::Delete { name } => {
            Edit::DeleteCollection(session.collection_named(name)?.id)
        }
    };
    let summary = session.apply(edit)?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}

fn list(args: &CollectionArgs) -> anyhow::Result<u8> {
    let session = super::open_for_reading(&args.dir)?;
    let mut rows = Vec::new();
    for collection in &session.project().collections {
        rows.push(CollectionRow {
            id: collection.id.0,
            name: &collection.name,
            articles: &collection.articles,
            missing: session.index().missing_articles(&collection.articles)?,
        });
    }
    if args.json {
        print_json(&serde_json::json!({ "collections": rows }))?;
        return Ok(EXIT_OK);
    }
    let mut text = String::new();
    for row in &rows {
        let _ = write!(
            text,
            "{}\t{} 篇",
            super::escaped(row.name),
            row.articles.len()
        );
        if !row.missing.is_empty() {
            let missing: Vec<&str> = row.missing.iter().map(ArticleId::as_str).collect();
            let _ = write!(text, "\t缺 {}", missing.join(" "));
        }
        text.push('\n');
    }
    print_text(&text)?;
    Ok(EXIT_OK)
}
