//! `jianbao note DIR ID TEXT`: write an article's note.

use std::path::PathBuf;

use anyhow::Context;

use crate::archive::{ArticleId, Edit, Session};

use super::{EXIT_OK, describe, print_text};

/// Arguments of `jianbao note`.
#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    /// The project folder.
    dir: PathBuf,
    /// Article id, as `list` prints it.
    id: ArticleId,
    /// The note; an empty string removes it.
    #[arg(allow_hyphen_values = true)]
    text: String,
}

/// Runs `jianbao note`.
pub fn run(args: &NoteArgs) -> anyhow::Result<u8> {
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let summary = session.apply(Edit::SetNote {
        article: args.id.clone(),
        note: args.text.clone(),
    })?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}
