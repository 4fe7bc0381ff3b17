//! `jianbao import DIR FILE_OR_FOLDER...`: import pages, report new/changed/removed.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use crate::archive::Session;
use crate::archive::import::{ImportFileError, ImportWarning, KeptArticle};

use super::{
    EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, PageArgs, ignore_broken_pipe, print_json, print_text,
};

/// Arguments of `jianbao import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// The project folder.
    dir: PathBuf,
    /// Page files (text or PDF), or folders to walk for `.txt` and `.pdf` files.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    page: PageArgs,
    /// Remove articles a re-import no longer finds even when they carry
    /// tags or a note (by default those are kept, with a warning).
    #[arg(long)]
    prune: bool,
    /// Replace pages corrected by hand (`jianbao fix`, or in the app); by
    /// default they are kept, with a warning.
    #[arg(long)]
    replace_corrected: bool,
    /// Print a JSON summary.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct Summary<'a> {
    files: usize,
    articles: usize,
    new: usize,
    changed: usize,
    unchanged: usize,
    removed: usize,
    kept: &'a [KeptArticle],
    corrected: &'a [PathBuf],
    errors: &'a [ImportFileError],
    warnings: &'a [ImportWarning],
}

/// Runs `jianbao import`.
pub fn run(args: &ImportArgs) -> anyhow::Result<u8> {
    let mut session = Session::open(&args.dir)
        .with_context(|| format!("cannot open the project {}", args.dir.display()))?;
    let options = crate::archive::import::ImportOptions {
        prune: args.prune,
        replace_corrected: args.replace_corrected,
        ..args.page.import_options()
    };
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("importing {bar:30} {pos}/{len} files ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let report = session.import(
        &args.paths,
        &options,
        &mut |done, total| {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        },
        &AtomicBool::new(false),
    );
    bar.finish_and_clear();
    super::close(session)?;

    // The import is saved by now: a reader that stopped listening (`| head`)
    // changes nothing, and the exit code still tells how the import went.
    let printed = if args.json {
        print_json(&Summary {
            files: report.files,
            articles: report.articles,
            new: report.new,
            changed: report.changed,
            unchanged: report.unchanged,
            removed: report.removed,
            kept: &report.kept,
            corrected: &report.corrected,
            errors: &report.errors,
            warnings: &report.warnings,
        })
    } else {
        // The summary is the command's answer (stdout); warnings go to stderr.
        print_text(&format!(
            "imported {} files: {} articles ({} new, {} changed, {} unchanged, {} removed)\n",
            report.files,
            report.articles,
            report.new,
            report.changed,
            report.unchanged,
            report.removed
        ))
    };
    ignore_broken_pipe(printed)?;
    if !args.json {
        for w in &report.warnings {
            // Line 0: a PDF's warning, which names its page instead.
            if w.warning.line == 0 {
                eprintln!("warning: {}: {}", w.path.display(), w.warning.message);
            } else {
                eprintln!("warning: {}: {}", w.path.display(), w.warning);
            }
        }
    }
    for k in &report.kept {
        eprintln!(
            "warning: {}: article {} ({}) is no longer on the page but carries tags or a note: kept (use --prune to remove it)",
            k.path.display(),
            k.id,
            k.headline
                .as_deref()
                .unwrap_or("untitled")
                .replace('\n', "")
        );
    }
    for path in &report.corrected {
        eprintln!(
            "warning: {}: its page was corrected by hand; kept as it is (use --replace-corrected to replace it)",
            path.display()
        );
    }
    for e in &report.errors {
        eprintln!("error: {}: {}", e.path.display(), e.problem);
    }
    Ok(match (report.errors.is_empty(), report.files) {
        (true, _) => EXIT_OK,
        (false, 0) => EXIT_ERROR,
        (false, _) => EXIT_PARTIAL,
    })
}
