//! `jianbao clip DIR ID -o FILE.png`: the article cut out of its printed
//! page (剪报) as a PNG, at the resolution asked.

use std::path::PathBuf;

use anyhow::{Context, bail};

use crate::archive::ArticleId;
use crate::archive::page_image::PrintedPage;

use super::{EXIT_OK, print_text};

/// Arguments of `jianbao clip`.
#[derive(Debug, clap::Args)]
pub struct ClipArgs {
    /// The project folder.
    dir: PathBuf,
    /// Article id, as `list` prints it (e.g. 20240628-01-02).
    id: ArticleId,
    /// The PNG file to write.
    #[arg(short, long)]
    output: PathBuf,
    /// Resolution in dots per inch (72 is one pixel a point).
    #[arg(long, default_value_t = 150, value_parser = clap::value_parser!(u32).range(18..=1200))]
    dpi: u32,
    /// Replace an existing file.
    #[arg(long)]
    force: bool,
}

/// Runs `jianbao clip`.
pub fn run(args: &ClipArgs) -> anyhow::Result<u8> {
    if !args.force && args.output.exists() {
        bail!("{} exists; --force replaces it", args.output.display());
    }
    let session = super::open_for_reading(&args.dir)?;
    let found = super::find_article(&session, &args.dir, &args.id)?;
    let info = session
        .printed_page(found.date, found.page)
        .context("cannot read the page")?;
    let Some((pdf, place)) = info.and_then(|i| i.pdf) else {
        bail!(
            "{}: page {} of {} was imported as text, so there is no printed page to cut {} from \
             (import the page's PDF to attach it)",
            args.dir.display(),
            found.page,
            found.date,
            args.id
        );
    };
    if found.article.region.is_empty() {
        bail!(
            "{}: {} has no region on its printed page",
            args.dir.display(),
            args.id
        );
    }
    let page = PrintedPage::open(&pdf, place)?;
    let image = page
        .clipping(&found.article.region, args.dpi as f32 / 72.0)?
        .context("the article has no region")?;
    image.write_png(&args.output)?;
    print_text(&format!(
        "wrote {} ({}×{} pixels at {} dpi)\n",
        args.output.display(),
        image.width,
        image.height,
        args.dpi
    ))?;
    Ok(EXIT_OK)
}
