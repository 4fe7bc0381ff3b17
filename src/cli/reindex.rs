//! `jianbao reindex DIR`: rebuild a project's search index, with a progress bar.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressStyle};

use crate::archive::Store;
use crate::archive::search::SearchIndex;

/// Arguments of `jianbao reindex`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReindexArgs {
    /// Project folder.
    pub dir: PathBuf,
}

/// Rebuilds the index from every edition file. Exit code 0, or 1 when some
/// edition files could not be read (they are listed on stderr).
pub fn run(args: &ReindexArgs) -> anyhow::Result<u8> {
    let store = Store::open(&args.dir)
        .with_context(|| format!("opening project {}", args.dir.display()))?;
    let started = Instant::now();
    let bar = ProgressBar::new(0);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} 索引 indexing [{bar:40}] {pos}/{len} editions ({eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    let index = SearchIndex::rebuild(&store, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    })
    .context("rebuilding the search index")?;
    bar.finish_and_clear();
    for notice in index.notices() {
        eprintln!("jianbao: {notice}");
    }
    let stats = index.stats();
    super::print_text(&format!(
        "indexed {} articles from {} editions in {:.1} s\n",
        stats.articles,
        stats.editions,
        started.elapsed().as_secs_f64()
    ))?;
    for skipped in index.skipped() {
        eprintln!("skipped {}: {}", skipped.date, skipped.error);
    }
    Ok(if index.skipped().is_empty() {
        crate::cli::EXIT_OK
    } else {
        crate::cli::EXIT_PARTIAL
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindex_rebuilds_an_empty_project() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::create(dir.path(), "报").unwrap());
        let args = ReindexArgs {
            dir: dir.path().to_path_buf(),
        };
        assert_eq!(run(&args).unwrap(), crate::cli::EXIT_OK);
        let current = std::fs::read_to_string(dir.path().join("index").join("CURRENT")).unwrap();
        assert!(
            dir.path()
                .join("index")
                .join(current.trim())
                .join("jianbao-search.json")
                .exists()
        );
    }
}
