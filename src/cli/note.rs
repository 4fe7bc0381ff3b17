//! `jianbao note DIR ID (TEXT | - | --file F)`: write an article's note.

use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::archive::model::MAX_ARTICLE_BYTES;
use crate::archive::{ArticleId, Edit, Session};

use super::{EXIT_OK, describe, print_text};

/// Arguments of `jianbao note`.
#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    /// The project folder.
    dir: PathBuf,
    /// Article id, as `list` prints it.
    id: ArticleId,
    /// The note; an empty string removes it, `-` reads it from standard input.
    #[arg(allow_hyphen_values = true, required_unless_present = "file")]
    text: Option<String>,
    /// Read the note from this file (`-`: standard input), for notes longer
    /// than a command line holds.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    file: Option<PathBuf>,
}

/// Runs `jianbao note`.
pub fn run(args: &NoteArgs) -> anyhow::Result<u8> {
    let note = match (&args.text, &args.file) {
        (Some(text), None) if text == "-" => read_note(None)?,
        (Some(text), None) => text.clone(),
        (None, Some(file)) if file.as_os_str() == "-" => read_note(None)?,
        (None, Some(file)) => read_note(Some(file))?,
        _ => bail!("give the note as TEXT, `-` (standard input) or --file FILE"),
    };
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let summary = session.apply(Edit::SetNote {
        article: args.id.clone(),
        note,
    })?;
    super::close(session)?;
    print_text(&format!("{}\n", describe(&summary)))?;
    Ok(EXIT_OK)
}

/// Reads a note from `file` (standard input when `None`), refusing one over
/// the article size limit before it is all in memory.
fn read_note(file: Option<&Path>) -> anyhow::Result<String> {
    let shown = file.map_or_else(|| "standard input".to_string(), |f| f.display().to_string());
    let reader: Box<dyn Read> = match file {
        Some(file) => {
            Box::new(std::fs::File::open(file).with_context(|| format!("cannot read {shown}"))?)
        }
        None => Box::new(std::io::stdin().lock()),
    };
    let mut bytes = Vec::new();
    reader
        .take(MAX_ARTICLE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {shown}"))?;
    if bytes.len() > MAX_ARTICLE_BYTES {
        bail!(
            "{shown}: a note holds at most {} MiB",
            MAX_ARTICLE_BYTES >> 20
        );
    }
    let text = String::from_utf8(bytes).with_context(|| format!("{shown} is not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // A file's last line break is the editor's, not part of the note.
    Ok(text.strip_suffix('\n').unwrap_or(text).to_string())
}
