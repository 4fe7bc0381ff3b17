//! The 版面 view's renderer: a thread of its own that renders pages of kept
//! PDFs (`archive::page_image`), so the window never waits for a page and a
//! search never waits behind one. Only the newest page render asked for is
//! done (a zoom asks many times); clippings are all done, in order.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use eframe::egui;

use crate::archive::model::Region;
use crate::archive::page_image::{PageImage, PageImageError, PrintedPage};

/// Which page of which kept PDF.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PageKey {
    /// The kept PDF.
    pub pdf: PathBuf,
    /// The page's place in it, from 1.
    pub place: usize,
}

/// Where a clipping goes.
#[derive(Debug, Clone, PartialEq)]
pub enum ClipTarget {
    /// The clipboard, as an image.
    Clipboard,
    /// A PNG file.
    File(PathBuf),
}

/// A render asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum RenderJob {
    /// The whole page at `scale` pixels a point.
    Page {
        /// The page.
        key: PageKey,
        /// Pixels a point.
        scale: f32,
    },
    /// An article's region cut from the page.
    Clip {
        /// The page.
        key: PageKey,
        /// The article's region.
        region: Region,
        /// Pixels a point.
        scale: f32,
        /// Where it goes.
        to: ClipTarget,
    },
}

/// Why a render gave no image.
#[derive(Debug)]
pub enum RenderFailure {
    /// The page could not be read or drawn, or the file not written.
    Image(PageImageError),
    /// A clipping of an article with no region.
    NoRegion,
}

impl From<PageImageError> for RenderFailure {
    fn from(e: PageImageError) -> Self {
        RenderFailure::Image(e)
    }
}

/// A render done.
pub enum Rendered {
    /// A page, for the view.
    Page {
        /// The page.
        key: PageKey,
        /// Pixels a point it was rendered at.
        scale: f32,
        /// Its pixels, or why there are none.
        image: Result<egui::ColorImage, RenderFailure>,
    },
    /// A clipping: its pixels for the clipboard, or the file written.
    Clip {
        /// Where it went.
        to: ClipTarget,
        /// The image (for the clipboard), or why it failed.
        image: Result<egui::ColorImage, RenderFailure>,
    },
}

/// The UI's handle on the render thread.
#[derive(Debug)]
pub struct PageRenderer {
    jobs: Sender<RenderJob>,
    done: Receiver<Rendered>,
}

impl PageRenderer {
    /// Starts the thread; `wake` is called after every render.
    pub fn spawn(wake: impl Fn() + Send + Sync + 'static) -> Self {
        let (jobs_tx, jobs_rx) = channel();
        let (done_tx, done_rx) = channel();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(wake);
        let spawned = thread::Builder::new()
            .name("jianbao-pages".into())
            .spawn(move || render_thread(&jobs_rx, &done_tx, &*wake));
        if let Err(e) = spawned {
            eprintln!("jianbao: cannot start the page renderer: {e}");
        }
        Self {
            jobs: jobs_tx,
            done: done_rx,
        }
    }

    /// Queues a render.
    pub fn send(&self, job: RenderJob) {
        let _ = self.jobs.send(job);
    }

    /// The next finished render, if any. Never blocks.
    pub fn try_recv(&self) -> Option<Rendered> {
        self.done.try_recv().ok()
    }
}

/// Pages kept open (parsed) between renders: the page shown and the few
/// before it, so moving back and forth parses nothing again.
const OPEN_PAGES: usize = 4;

fn render_thread(jobs: &Receiver<RenderJob>, done: &Sender<Rendered>, wake: &dyn Fn()) {
    let mut open: Vec<(PageKey, PrintedPage)> = Vec::new();
    while let Ok(first) = jobs.recv() {
        // Of the page renders waiting only the newest counts; clippings all do.
        let mut batch = vec![first];
        batch.extend(jobs.try_iter());
        let newest_page = batch
            .iter()
            .rposition(|j| matches!(j, RenderJob::Page { .. }));
        for (i, job) in batch.into_iter().enumerate() {
            let reply = match job {
                RenderJob::Page { .. } if Some(i) != newest_page => continue,
                RenderJob::Page { key, scale } => {
                    let image = with_page(&mut open, &key, |p| Ok(p.render(scale)?))
                        .map(|image| color_image(&image));
                    Rendered::Page { key, scale, image }
                }
                RenderJob::Clip {
                    key,
                    region,
                    scale,
                    to,
                } => {
                    let image = with_page(&mut open, &key, |p| {
                        p.clipping(&region, scale)?.ok_or(RenderFailure::NoRegion)
                    })
                    .and_then(|image| {
                        if let ClipTarget::File(path) = &to {
                            image.write_png(path)?;
                        }
                        Ok(color_image(&image))
                    });
                    Rendered::Clip { to, image }
                }
            };
            if done.send(reply).is_err() {
                return;
            }
            wake();
        }
    }
}

/// Runs `f` on the page, opening it first when it is not open.
fn with_page(
    open: &mut Vec<(PageKey, PrintedPage)>,
    key: &PageKey,
    f: impl FnOnce(&PrintedPage) -> Result<PageImage, RenderFailure>,
) -> Result<PageImage, RenderFailure> {
    let at = match open.iter().position(|(k, _)| k == key) {
        Some(at) => at,
        None => {
            let page = PrintedPage::open(&key.pdf, key.place)?;
            if open.len() == OPEN_PAGES {
                open.remove(0);
            }
            open.push((key.clone(), page));
            open.len() - 1
        }
    };
    f(&open[at].1)
}

fn color_image(image: &PageImage) -> egui::ColorImage {
    egui::ColorImage::from_rgba_unmultiplied(
        [image.width as usize, image.height as usize],
        &image.rgba,
    )
}
