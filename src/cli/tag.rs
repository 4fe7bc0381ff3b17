//! `jianbao tag DIR ID... --add TAG --remove TAG`: tag and untag articles.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::archive::{ArticleId, Edit, Session, TagId};

use super::{EXIT_OK, describe, print_text};

/// Arguments of `jianbao tag`.
#[derive(Debug, clap::Args)]
pub struct TagArgs {
    /// The project folder.
    dir: PathBuf,
    /// Article ids, as `list` prints them.
    #[arg(required = true)]
    ids: Vec<ArticleId>,
    /// A tag to add (created when the project has no tag of that name); repeatable.
    #[arg(long = "add", value_name = "TAG")]
    add: Vec<String>,
    /// A tag to remove; repeatable.
    #[arg(long = "remove", value_name = "TAG")]
    remove: Vec<String>,
}

/// Runs `jianbao tag`: one undoable edit, saved before the command returns.
pub fn run(args: &TagArgs) -> anyhow::Result<u8> {
    if args.add.is_empty() && args.remove.is_empty() {
        bail!("nothing to do: give --add TAG or --remove TAG");
    }
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let mut steps = Vec::new();
    let mut add: Vec<TagId> = Vec::new();
    let mut created: Vec<crate::archive::TagDef> = Vec::new();
    for name in &args.add {
        let name = name.trim();
        match session.project().tag_named(name) {
            Some(tag) => add.push(tag.id),
            None => {
                if let Some(def) = created.iter().find(|d| d.name == name) {
                    add.push(def.id);
                    continue;
                }
                let mut def = session.new_tag(name);
                // Several new tags in one command: ids after those already handed out.
                def.id.0 += created.len() as u32;
                add.push(def.id);
                created.push(def.clone());
                steps.push(Edit::CreateTag(def));
            }
        }
    }
    let remove = args
        .remove
        .iter()
        .map(|name| session.tag_named(name.trim()).map(|t| t.id))
        .collect::<Result<Vec<_>, _>>()?;
    steps.push(Edit::Tag {
        articles: args.ids.clone(),
        add,
        remove,
    });
    let summary = session.apply(Edit::Batch(steps))?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}
