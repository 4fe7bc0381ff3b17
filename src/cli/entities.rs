//! `jianbao entities DIR [--kind K] [--json]` and
//! `jianbao entities DIR (rename | merge | alias | unalias | remove) …`:
//! the index of names and the entity vocabulary.

use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, bail};
use serde::Serialize;

use crate::archive::Session;
use crate::archive::model::EntityKind;
use crate::archive::session::{NameEntry, NameKind};

use super::{EXIT_OK, describe, print_json, print_text};

/// Arguments of `jianbao entities`.
#[derive(Debug, clap::Args)]
#[command(args_conflicts_with_subcommands = false)]
pub struct EntitiesArgs {
    /// The project folder.
    dir: PathBuf,
    #[command(subcommand)]
    action: Option<EntitiesAction>,
    /// Which names: person (人物), place (地点), org (机构), reporter (记者);
    /// all of them when not given. Edits need person, place or org.
    #[arg(long, global = true, value_parser = parse_kind)]
    kind: Option<NameKind>,
    /// Print the names as JSON.
    #[arg(long, global = true)]
    json: bool,
}

fn parse_kind(s: &str) -> Result<NameKind, String> {
    NameKind::from_name(s).ok_or_else(|| format!("`{s}` is not person, place, org or reporter"))
}

#[derive(Debug, clap::Subcommand)]
enum EntitiesAction {
    /// Rename an entity; the old name stays an alias (the texts print it).
    Rename {
        /// Its name now.
        name: String,
        /// Its new name.
        new: String,
    },
    /// Merge FROM into INTO: FROM and its aliases become INTO's aliases.
    Merge {
        /// The entity that goes away.
        from: String,
        /// The entity that stays.
        into: String,
    },
    /// Give an entity another name (乔书记 for 乔俊杰); either finds both.
    Alias {
        /// The entity.
        name: String,
        /// The other name.
        alias: String,
    },
    /// Split an alias off an entity again.
    Unalias {
        /// The entity.
        name: String,
        /// The alias.
        alias: String,
    },
    /// Mark a name as no entity: it leaves the index and stays gone when
    /// texts are extracted again.
    Remove {
        /// The name.
        name: String,
    },
}

#[derive(Serialize)]
struct EntitiesOutput<'a> {
    entities: Vec<EntityRow<'a>>,
}

#[derive(Serialize)]
struct EntityRow<'a> {
    /// The vocabulary's id, when it has an entry.
    id: Option<u32>,
    name: &'a str,
    kind: NameKind,
    aliases: &'a [String],
    articles: u64,
}

/// Runs `jianbao entities`.
pub fn run(args: &EntitiesArgs) -> anyhow::Result<u8> {
    let Some(action) = &args.action else {
        return list(args);
    };
    let Some(kind) = args.kind.and_then(NameKind::entity) else {
        bail!(
            "say which kind of entity: --kind person, place or org (reporters are corrected with `jianbao fix`)"
        );
    };
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let edit = edit_for(&session, kind, action)?;
    let summary = session.apply(edit)?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}

fn edit_for(
    session: &Session,
    kind: EntityKind,
    action: &EntitiesAction,
) -> anyhow::Result<crate::archive::Edit> {
    Ok(match action {
        EntitiesAction::Rename { name, new } => session.rename_entity(kind, name, new)?,
        EntitiesAction::Merge { from, into } => session.merge_entity(kind, from, into)?,
        EntitiesAction::Alias { name, alias } => session.alias_entity(kind, name, alias)?,
        EntitiesAction::Unalias { name, alias } => session.unalias_entity(kind, name, alias)?,
        EntitiesAction::Remove { name } => session.not_an_entity(kind, name)?,
    })
}

fn list(args: &EntitiesArgs) -> anyhow::Result<u8> {
    let session = super::open_for_reading(&args.dir)?;
    let kinds: Vec<NameKind> = match args.kind {
        Some(kind) => vec![kind],
        None => NameKind::ALL.to_vec(),
    };
    let mut entries: Vec<NameEntry> = Vec::new();
    for kind in kinds {
        let mut names = session.names(kind)?;
        // Most named first; a tie by name.
        names.sort_by(|a, b| b.articles.cmp(&a.articles).then(a.name.cmp(&b.name)));
        entries.extend(names);
    }
    if args.json {
        let entities = entries
            .iter()
            .map(|e| EntityRow {
                id: e.id.map(|id| id.0),
                name: &e.name,
                kind: e.kind,
                aliases: &e.aliases,
                articles: e.articles,
            })
            .collect();
        print_json(&EntitiesOutput { entities })?;
        return Ok(EXIT_OK);
    }
    let mut text = String::new();
    for e in &entries {
        let _ = write!(
            text,
            "{}\t{}\t{} 篇",
            e.kind.name(),
            super::escaped(&e.name),
            e.articles
        );
        if !e.aliases.is_empty() {
            let aliases: Vec<String> = e.aliases.iter().map(|a| super::escaped(a)).collect();
            let _ = write!(text, "\t（又名 {}）", aliases.join("、"));
        }
        text.push('\n');
    }
    print_text(&text)?;
    Ok(EXIT_OK)
}
