//! `jianbao tag DIR ID... --add TAG --remove TAG`: tag and untag articles.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::archive::{ArticleId, Edit, Session};

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
    let (add, mut steps) = session.tags_by_name(args.add.iter().map(String::as_str));
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
