//! Background threads for everything that touches disk or the index.
//!
//! The UI thread sends [`Request`]s and polls [`Reply`]s with `try_recv` once
//! a frame; every reply wakes the UI with `request_repaint`. One archive thread
//! answers opens, searches and article loads in order (dropping searches that a
//! newer one has overtaken); imports and edition counting get threads of their
//! own so a long job never delays a search.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use chrono::NaiveDate;

use crate::archive::import::{ImportOptions, ImportReport, import_paths};
use crate::archive::{Article, ArticleId, Store, StoreError};
use crate::ui::backend::{Backend, HitPage, SortOrder};
use crate::ui::sample;

/// A search as the UI asks for it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Increases with every new search; replies carry it back.
    pub generation: u64,
    /// Query text in the search language, filters included.
    pub query: String,
    /// Result order.
    pub sort: SortOrder,
    /// First hit wanted.
    pub offset: usize,
    /// Number of hits wanted.
    pub limit: usize,
}

/// Work for the background threads.
#[derive(Debug, Clone)]
pub enum Request {
    /// Open the archive in this folder; with `sample`, build the sample there first if missing.
    Open {
        /// The project folder.
        root: PathBuf,
        /// Whether this is the sample archive (built on first start).
        sample: bool,
    },
    /// Create a new, empty archive in this folder and open it.
    Create {
        /// The project folder.
        root: PathBuf,
        /// Name of the paper.
        paper: String,
    },
    /// Run a search (or fetch another page of one).
    Search(SearchRequest),
    /// Load one article for the reader.
    LoadArticle(ArticleId),
    /// Import page files and folders.
    Import {
        /// Files and folders.
        paths: Vec<PathBuf>,
        /// Edition date for files whose names have none.
        date: Option<NaiveDate>,
        /// Set to stop the import after the current file.
        cancel: Arc<AtomicBool>,
    },
}

/// Pages and their article counts of one edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditionSummary {
    /// Edition date.
    pub date: NaiveDate,
    /// `(page number, articles)` per page.
    pub pages: Vec<(u32, usize)>,
}

impl EditionSummary {
    /// Articles over all pages.
    pub fn articles(&self) -> usize {
        self.pages.iter().map(|(_, n)| n).sum()
    }
}

/// What kind of background job is running.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// Building the sample archive on first start.
    BuildingSample,
    /// Opening an archive (and building its index when needed).
    Opening,
    /// Importing page files.
    Importing,
    /// Updating the search index.
    Indexing,
}

/// An article for the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedArticle {
    /// Edition date.
    pub date: NaiveDate,
    /// Page number.
    pub page: u32,
    /// The article.
    pub article: Article,
}

/// Answers from the background threads.
#[derive(Debug)]
pub enum Reply {
    /// A job started or moved on.
    Progress {
        /// Which job.
        job: JobKind,
        /// Units done.
        done: usize,
        /// Units in all (0 when unknown).
        total: usize,
    },
    /// An archive is open.
    Opened {
        /// The project folder.
        root: PathBuf,
        /// Name of the paper.
        paper: String,
        /// Opened read-only because another process holds the writer lock.
        read_only: bool,
        /// Every edition date, ascending.
        dates: Vec<NaiveDate>,
        /// The tag vocabulary.
        tags: Vec<String>,
        /// Collections with their sizes.
        collections: Vec<(String, usize)>,
    },
    /// Opening or creating failed.
    OpenFailed(String),
    /// Article counts of some editions (sent in batches after opening).
    Editions {
        /// The archive they belong to.
        root: PathBuf,
        /// The counts.
        summaries: Vec<EditionSummary>,
    },
    /// A page of hits.
    Hits {
        /// The request answered.
        request: SearchRequest,
        /// The hits.
        page: HitPage,
    },
    /// A search failed (e.g. a malformed query).
    SearchFailed {
        /// The request that failed.
        request: SearchRequest,
        /// Why.
        message: String,
    },
    /// The article for the reader.
    Article(Box<LoadedArticle>),
    /// Loading an article failed.
    ArticleFailed {
        /// Which article.
        id: ArticleId,
        /// Why.
        message: String,
    },
    /// An import finished (or was cancelled).
    Imported(ImportReport),
}

/// The UI's handle on the background threads.
#[derive(Debug)]
pub struct Worker {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
}

impl Worker {
    /// Starts the archive thread; `wake` is called after every reply.
    pub fn spawn(wake: impl Fn() + Send + Sync + 'static) -> Self {
        let (request_tx, request_rx) = channel();
        let (reply_tx, reply_rx) = channel();
        let outbox = Outbox {
            replies: reply_tx,
            wake: Arc::new(wake),
        };
        let spawned = thread::Builder::new()
            .name("jianbao-archive".into())
            .spawn(move || archive_thread(request_rx, outbox));
        if let Err(e) = spawned {
            // Without the thread requests go unanswered; the status bar shows no archive.
            eprintln!("jianbao: cannot start the archive thread: {e}");
        }
        Self {
            requests: request_tx,
            replies: reply_rx,
        }
    }

    /// Queues a request.
    pub fn send(&self, request: Request) {
        // A closed channel means the thread is gone; the UI keeps its state.
        let _ = self.requests.send(request);
    }

    /// The next reply, if one is waiting. Never blocks.
    pub fn try_recv(&self) -> Option<Reply> {
        self.replies.try_recv().ok()
    }
}

#[derive(Clone)]
struct Outbox {
    replies: Sender<Reply>,
    wake: Arc<dyn Fn() + Send + Sync>,
}

impl Outbox {
    fn send(&self, reply: Reply) {
        let _ = self.replies.send(reply);
        (self.wake)();
    }
}

fn archive_thread(requests: Receiver<Request>, outbox: Outbox) {
    let mut backend: Option<Arc<Backend>> = None;
    let mut pending: Vec<Request> = Vec::new();
    while let Ok(first) = requests.recv() {
        pending.push(first);
        pending.extend(requests.try_iter());
        // A newer search overtakes older ones: answer only the latest generation.
        let latest = pending
            .iter()
            .filter_map(|r| match r {
                Request::Search(s) => Some(s.generation),
                _ => None,
            })
            .max();
        for request in std::mem::take(&mut pending) {
            match request {
                Request::Search(s) if Some(s.generation) != latest => {}
                Request::Search(s) => search(backend.as_deref(), s, &outbox),
                Request::Open { root, sample } => {
                    backend = open(root, sample, &outbox);
                }
                Request::Create { root, paper } => {
                    backend = create(root, &paper, &outbox);
                }
                Request::LoadArticle(id) => load_article(backend.as_deref(), id, &outbox),
                Request::Import {
                    paths,
                    date,
                    cancel,
                } => {
                    match &backend {
                        Some(backend) => {
                            spawn_import(Arc::clone(backend), paths, date, cancel, outbox.clone());
                        }
                        // No archive open (opening failed): end the job the UI started.
                        None => outbox.send(Reply::Imported(ImportReport {
                            cancelled: true,
                            ..ImportReport::default()
                        })),
                    }
                }
            }
        }
    }
}

fn open(root: PathBuf, sample: bool, outbox: &Outbox) -> Option<Arc<Backend>> {
    if sample && !root.join(crate::archive::store::PROJECT_FILE).exists() {
        outbox.send(Reply::Progress {
            job: JobKind::BuildingSample,
            done: 0,
            total: 0,
        });
        if let Err(e) = sample::ensure_sample_archive(&root) {
            outbox.send(Reply::OpenFailed(format!("{e:#}")));
            return None;
        }
    }
    outbox.send(Reply::Progress {
        job: JobKind::Opening,
        done: 0,
        total: 0,
    });
    let (store, read_only) = match Store::open(&root) {
        Ok(store) => (store, false),
        Err(StoreError::Locked { .. }) => match Store::open_read_only(&root) {
            Ok(store) => (store, true),
            Err(e) => {
                outbox.send(Reply::OpenFailed(e.to_string()));
                return None;
            }
        },
        Err(e) => {
            outbox.send(Reply::OpenFailed(e.to_string()));
            return None;
        }
    };
    finish_open(store, read_only, outbox)
}

fn create(root: PathBuf, paper: &str, outbox: &Outbox) -> Option<Arc<Backend>> {
    match Store::create(&root, paper) {
        Ok(store) => finish_open(store, false, outbox),
        Err(e) => {
            outbox.send(Reply::OpenFailed(e.to_string()));
            None
        }
    }
}

fn finish_open(store: Store, read_only: bool, outbox: &Outbox) -> Option<Arc<Backend>> {
    let dates = match store.edition_dates() {
        Ok(dates) => dates,
        Err(e) => {
            outbox.send(Reply::OpenFailed(e.to_string()));
            return None;
        }
    };
    let root = store.root().to_path_buf();
    let project = store.project();
    let paper = project.paper.clone();
    let tags = project.tags.iter().map(|t| t.name.clone()).collect();
    let collections = project
        .collections
        .iter()
        .map(|c| (c.name.clone(), c.articles.len()))
        .collect();
    let store = Arc::new(store);
    let backend = match Backend::open(Arc::clone(&store)) {
        Ok(backend) => Arc::new(backend),
        Err(e) => {
            outbox.send(Reply::OpenFailed(format!("{e:#}")));
            return None;
        }
    };
    outbox.send(Reply::Opened {
        root,
        paper,
        read_only,
        dates: dates.clone(),
        tags,
        collections,
    });
    spawn_counting(store, dates, outbox.clone());
    Some(backend)
}

/// Counts the articles of every edition, newest first, in batches.
fn spawn_counting(store: Arc<Store>, mut dates: Vec<NaiveDate>, outbox: Outbox) {
    dates.reverse();
    let _ = thread::Builder::new()
        .name("jianbao-count".into())
        .spawn(move || {
            for chunk in dates.chunks(64) {
                outbox.send(Reply::Editions {
                    root: store.root().to_path_buf(),
                    summaries: summaries(&store, chunk),
                });
            }
        });
}

fn summaries(store: &Store, dates: &[NaiveDate]) -> Vec<EditionSummary> {
    dates
        .iter()
        .filter_map(|&date| {
            // A broken edition file shows with no pages; opening it reports the error.
            let edition = store.load_edition(date).ok().flatten()?;
            Some(EditionSummary {
                date,
                pages: edition
                    .pages
                    .iter()
                    .map(|p| (p.number, p.articles.len()))
                    .collect(),
            })
        })
        .collect()
}

fn search(backend: Option<&Backend>, request: SearchRequest, outbox: &Outbox) {
    let Some(backend) = backend else {
        return;
    };
    match backend.search(&request.query, request.sort, request.offset, request.limit) {
        Ok(page) => outbox.send(Reply::Hits { request, page }),
        Err(e) => outbox.send(Reply::SearchFailed {
            request,
            message: format!("{e:#}"),
        }),
    }
}

fn load_article(backend: Option<&Backend>, id: ArticleId, outbox: &Outbox) {
    let Some(backend) = backend else {
        return;
    };
    match backend.store.find_article(&id) {
        Ok(Some((edition, page, article))) => {
            outbox.send(Reply::Article(Box::new(LoadedArticle {
                date: edition.date,
                page,
                article,
            })))
        }
        Ok(None) => outbox.send(Reply::ArticleFailed {
            message: id.to_string(),
            id,
        }),
        Err(e) => outbox.send(Reply::ArticleFailed {
            id,
            message: e.to_string(),
        }),
    }
}

fn spawn_import(
    backend: Arc<Backend>,
    paths: Vec<PathBuf>,
    date: Option<NaiveDate>,
    cancel: Arc<AtomicBool>,
    outbox: Outbox,
) {
    let _ = thread::Builder::new()
        .name("jianbao-import".into())
        .spawn(move || {
            let options = ImportOptions {
                date,
                ..ImportOptions::default()
            };
            let progress_outbox = outbox.clone();
            let mut progress = move |done: usize, total: usize| {
                progress_outbox.send(Reply::Progress {
                    job: JobKind::Importing,
                    done,
                    total,
                });
            };
            let mut report = import_paths(&backend.store, &paths, &options, &mut progress, &cancel);
            if cancel.load(Ordering::Relaxed) {
                report.cancelled = true;
            }
            if !report.dates.is_empty() {
                outbox.send(Reply::Progress {
                    job: JobKind::Indexing,
                    done: 0,
                    total: 0,
                });
                if let Err(e) = backend.update_editions(&report.dates) {
                    report.errors.push(crate::archive::import::ImportFileError {
                        path: backend.store.index_dir(),
                        message: format!("{e:#}"),
                    });
                }
                outbox.send(Reply::Editions {
                    root: backend.store.root().to_path_buf(),
                    summaries: summaries(&backend.store, &report.dates),
                });
            }
            outbox.send(Reply::Imported(report));
        });
}
