//! `jianbao new DIR`: create a project folder.

use std::path::PathBuf;

use anyhow::Context;

use crate::archive::Store;

use super::EXIT_OK;

/// Arguments of `jianbao new`.
#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// The project folder (created if missing).
    dir: PathBuf,
    /// Name of the newspaper.
    #[arg(long, default_value = "")]
    paper: String,
}

/// Runs `jianbao new`.
pub fn run(args: &NewArgs) -> anyhow::Result<u8> {
    Store::create(&args.dir, &args.paper).context("cannot create the project")?;
    super::print_text(&format!("created project {}\n", args.dir.display()))?;
    Ok(EXIT_OK)
}
