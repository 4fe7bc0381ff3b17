//! `jianbao tags DIR [rename | merge | delete | move]`: the tag vocabulary.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;

use crate::archive::{Edit, Session, TagDef};

use super::{EXIT_OK, describe, print_json, print_text};

/// Arguments of `jianbao tags`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = false)]
pub struct TagsArgs {
    /// The project folder.
    dir: PathBuf,
    #[command(subcommand)]
    action: Option<TagsAction>,
    /// Print the vocabulary as JSON.
    #[arg(long, global = true)]
    json: bool,
}

#[derive(Debug, clap::Subcommand)]
enum TagsAction {
    /// Rename a tag (articles follow: they refer to its id).
    Rename {
        /// Current name.
        old: String,
        /// New name.
        new: String,
    },
    /// Give FROM's articles the tag INTO instead, and delete FROM.
    Merge {
        /// The tag that goes away.
        from: String,
        /// The tag that stays.
        into: String,
    },
    /// Delete a tag and take it off every article.
    Delete {
        /// The tag.
        name: String,
    },
    /// Nest a tag under another (`--parent ''` moves it to the top).
    Move {
        /// The tag.
        name: String,
        /// The new parent's name, or '' for none.
        #[arg(long)]
        parent: String,
    },
}

#[derive(Serialize)]
struct TagsOutput {
    tags: Vec<TagRow>,
}

#[derive(Serialize)]
struct TagRow {
    id: u32,
    name: String,
    /// The parent's name.
    parent: Option<String>,
    colour: Option<String>,
    description: Option<String>,
    /// Articles carrying this tag itself.
    count: usize,
    /// Articles carrying it or a tag nested under it.
    total: usize,
}

/// Runs `jianbao tags`.
pub fn run(args: &TagsArgs) -> anyhow::Result<u8> {
    let Some(action) = &args.action else {
        return list(args);
    };
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let edit = match action {
        TagsAction::Rename { old, new } => Edit::UpdateTag(TagDef {
            name: new.trim().to_string(),
            ..session.tag_named(old)?.clone()
        }),
        TagsAction::Merge { from, into } => Edit::MergeTag {
            from: session.tag_named(from)?.id,
            into: session.tag_named(into)?.id,
        },
        TagsAction::Delete { name } => Edit::DeleteTag(session.tag_named(name)?.id),
        TagsAction::Move { name, parent } => {
            let parent = match parent.trim() {
                "" => None,
                p => Some(session.tag_named(p)?.id),
            };
            Edit::UpdateTag(TagDef {
                parent,
                ..session.tag_named(name)?.clone()
            })
        }
    };
    let summary = session.apply(edit)?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}

fn list(args: &TagsArgs) -> anyhow::Result<u8> {
    let session = super::open_for_reading(&args.dir)?;
    let project = session.project();
    let counts = session.tag_counts();
    let totals = session.tag_tree_counts();
    let rows: Vec<TagRow> = project
        .tags
        .iter()
        .map(|t| TagRow {
            id: t.id.0,
            name: t.name.clone(),
            parent: t.parent.map(|p| project.tag_name(p)),
            colour: t.colour.clone(),
            description: t.description.clone(),
            count: counts.get(&t.id).copied().unwrap_or(0),
            total: totals.get(&t.id).copied().unwrap_or(0),
        })
        .collect();
    if args.json {
        print_json(&TagsOutput { tags: rows })?;
        return Ok(EXIT_OK);
    }
    let mut text = String::new();
    for row in &rows {
        let depth = depth_of(project, row.id);
        let _ = writeln!(
            text,
            "{}{}  {} 篇{}",
            "  ".repeat(depth),
            super::escaped(&row.name),
            row.count,
            if row.total > row.count {
                format!("（含下级 {} 篇）", row.total)
            } else {
                String::new()
            }
        );
    }
    print_text(&text)?;
    Ok(EXIT_OK)
}

fn depth_of(project: &crate::archive::Project, id: u32) -> usize {
    let mut depth = 0;
    let mut at = project
        .tag(crate::archive::TagId(id))
        .and_then(|t| t.parent);
    while let Some(parent) = at {
        depth += 1;
        if depth > project.tags.len() {
            break; // a cycle typed into project.ron by hand
        }
        at = project.tag(parent).and_then(|t| t.parent);
    }
    depth
}
