//! `jianbao fix DIR ID (split --at N | merge-previous | set FIELD VALUE)`:
//! correct the parse of an article by hand.

use std::path::PathBuf;

use anyhow::Context;

use crate::archive::edit::{ArticleFields, Edit, EditError};
use crate::archive::{ArticleId, Session};

use super::{EXIT_OK, describe, print_text};

/// Arguments of `jianbao fix`.
#[derive(Debug, clap::Args)]
pub struct FixArgs {
    /// The project folder.
    dir: PathBuf,
    /// The article, as `list` prints it.
    id: ArticleId,
    #[command(subcommand)]
    action: FixAction,
}

#[derive(Debug, clap::Subcommand)]
enum FixAction {
    /// Split the article: paragraph N (counting from 1) and the ones after
    /// it become a new, untitled article right after it.
    Split {
        /// The paragraph that starts the new article (2 or more).
        #[arg(long)]
        at: usize,
    },
    /// Append the article to the one before it on its page.
    MergePrevious,
    /// Set kicker, headline, subtitle, byline or reporters (names separated
    /// by 、 or commas); an empty value clears the field.
    Set {
        /// kicker | headline | subtitle | byline | reporters
        field: String,
        /// The new value.
        #[arg(allow_hyphen_values = true)]
        value: String,
    },
}

/// Runs `jianbao fix`: one undoable edit; the page is marked corrected by
/// hand, so a re-import keeps it unless `--replace-corrected`.
pub fn run(args: &FixArgs) -> anyhow::Result<u8> {
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let edit = match &args.action {
        FixAction::Split { at } => Edit::SplitArticle {
            article: args.id.clone(),
            // A paragraph number below 2 is refused by the edit, with the article's count.
            at: at.saturating_sub(1),
        },
        FixAction::MergePrevious => Edit::MergeWithPrevious {
            article: args.id.clone(),
        },
        FixAction::Set { field, value } => {
            let found = session
                .article(&args.id)?
                .ok_or_else(|| EditError::UnknownArticle(args.id.clone()))?;
            let mut fields = ArticleFields::of(&found.article);
            fields.set(field, value)?;
            Edit::SetFields {
                article: args.id.clone(),
                fields,
            }
        }
    };
    let summary = session.apply(edit)?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}
