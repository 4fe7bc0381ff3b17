//! Background threads for everything that touches disk or the index.
//!
//! The UI thread sends [`Request`]s and polls [`Reply`]s with `try_recv` once
//! a frame; every reply wakes the UI with `request_repaint`. One archive
//! thread owns the open [`Session`] — the one writer path — and answers
//! opens, searches, article loads, edits, undo/redo and imports in order
//! (dropping searches that a newer one has overtaken), so an edit and an
//! import can never overwrite each other. Counting editions for the tree runs
//! on a thread of its own with a read-only store.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use chrono::NaiveDate;

use crate::archive::edit::{Edit, EditSummary};
use crate::archive::export::{
    ExportError, ExportOptions, ExportReport, export_to_path, load_records,
};
use crate::archive::import::{ImportOptions, ImportReport};
use crate::archive::model::{CollectionId, EntityKind, SavedSearch, TagDef};
use crate::archive::search::IndexNotice;
use crate::archive::search::SearchRequest as CoreRequest;
use crate::archive::session::{FoundArticle, NameEntry, NameKind};
use crate::archive::stats::{SheetLabels, StatsBy, StatsTable};
use crate::archive::{ArticleId, ArticleSelection, Session, SessionError, Store, StoreError};
use crate::ui::backend::{HitPage, SortOrder, row_of_hit};
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
    /// With a line of the body around the match of each hit.
    pub snippets: bool,
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
    /// Apply an edit (one undoable step).
    Apply(Edit),
    /// Add tags (by name; unknown names become new tags) to a selection, as one step.
    TagSelection {
        /// The articles.
        selection: ArticleSelection,
        /// Tag names to add.
        add: Vec<String>,
    },
    /// Add a selection to a collection (a new one, created in the same step).
    Collect {
        /// The articles.
        selection: ArticleSelection,
        /// Where they go.
        into: CollectInto,
    },
    /// Export articles to a file.
    Export {
        /// Which articles, in order.
        source: ExportSource,
        /// The target file.
        path: PathBuf,
        /// Format, fields, title.
        options: Box<ExportOptions>,
        /// Overwrite an existing file (the user said so).
        force: bool,
        /// Set to stop the export (no file is left).
        cancel: Arc<AtomicBool>,
    },
    /// Undo the last step.
    Undo,
    /// Redo the last undone step.
    Redo,
    /// Count the hits of every saved search again.
    CountSaved,
    /// A page as printed: its kept PDF and its articles' regions.
    PrintedPage {
        /// Edition date.
        date: NaiveDate,
        /// Page number.
        page: u32,
    },
    /// List one section of the index of names.
    Names {
        /// Which section.
        kind: NameKind,
        /// The panel's generation the answer is for.
        generation: u64,
    },
    /// Change the entity vocabulary (one undoable step).
    Entity {
        /// Which kind of entity.
        kind: EntityKind,
        /// What to do.
        action: EntityAction,
    },
    /// Count articles per month, page or reporter per month (稿件统计).
    Stats {
        /// What the rows are.
        by: StatsBy,
        /// Count only this query's results (empty: every article).
        query: String,
    },
    /// Write a statistics table to a file (`.xlsx`, else CSV).
    ExportStats {
        /// The table.
        table: Box<StatsTable>,
        /// Its headings, in the UI's language.
        labels: SheetLabels,
        /// The file.
        path: PathBuf,
    },
    /// Count the articles of a query per month, for the chart.
    Timeline {
        /// The search generation the chart belongs to.
        generation: u64,
        /// The query.
        query: String,
    },
}

/// A change to the entity vocabulary a person asks for in the index of names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EntityAction {
    /// Give it a new name (the old one stays an alias).
    Rename {
        /// Its name now.
        name: String,
        /// Its new name.
        new: String,
    },
    /// Make `from` and its aliases aliases of `into`.
    Merge {
        /// The entity that goes.
        from: String,
        /// The entity that stays.
        into: String,
    },
    /// Give it another name.
    Alias {
        /// The entity.
        name: String,
        /// The other name.
        alias: String,
    },
    /// It is no entity.
    NotAnEntity {
        /// The name.
        name: String,
    },
}

/// A name of the index of names, with the pinyin the panel's filter matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameView {
    /// The entry.
    pub entry: NameEntry,
    /// Full pinyin of the name and its aliases, lower case, space-separated.
    pub pinyin: String,
    /// Initials of the same, space-separated.
    pub initials: String,
}

/// Where in the reader's article a mention sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkField {
    /// 引题.
    Kicker,
    /// 主题.
    Headline,
    /// 副题.
    Subtitle,
    /// Paragraph `n` (from 0; the byline not counted).
    Paragraph(usize),
}

/// One mention of an entity in the reader's article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMark {
    /// The field.
    pub field: MarkField,
    /// Byte range in that field's text.
    pub bytes: std::ops::Range<usize>,
    /// Person, place or organisation.
    pub kind: EntityKind,
}

/// Which articles an export writes, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportSource {
    /// A selection (ids as selected, or every result of a query, oldest first).
    Selection(ArticleSelection),
    /// A collection, in its order.
    Collection(CollectionId),
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportFailure {
    /// Resolving the articles (a query, the store).
    #[error(transparent)]
    Session(#[from] SessionError),
    /// Writing the file.
    #[error(transparent)]
    Export(#[from] ExportError),
}

/// The collection a selection goes into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CollectInto {
    /// An existing collection.
    Existing(CollectionId),
    /// A new collection of this name.
    New(String),
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
    /// Writing an export.
    Exporting,
}

/// An article for the reader.
pub type LoadedArticle = FoundArticle;

/// A tag of the vocabulary with its counts, for the tree and the editors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagView {
    /// The tag.
    pub def: TagDef,
    /// Articles carrying it.
    pub count: usize,
    /// Articles carrying it or a tag nested under it.
    pub total: usize,
}

/// A collection with its size, for the side panel and menus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionView {
    /// Its id.
    pub id: CollectionId,
    /// Its name.
    pub name: String,
    /// Articles in it.
    pub size: usize,
    /// Of those, articles no longer in the archive.
    pub missing: usize,
}

/// The archive's editorial state after an edit: vocabulary, saved
/// searches and what undo and redo would do.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Editorial {
    /// Tags in vocabulary order.
    pub tags: Vec<TagView>,
    /// Saved searches with their hit counts (`None` while not counted).
    pub saved: Vec<(SavedSearch, Option<usize>)>,
    /// Collections, in the user's order.
    pub collections: Vec<CollectionView>,
    /// What undo would undo.
    pub undo: Option<EditSummary>,
    /// What redo would redo.
    pub redo: Option<EditSummary>,
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
        /// Tags, saved searches, collections, history.
        editorial: Editorial,
        /// The format version migrated from, if the project was older.
        migrated_from: Option<u32>,
        /// What opening the index had to do differently (a cache, memory, a repair).
        notices: Vec<IndexNotice>,
    },
    /// Opening or creating failed.
    OpenFailed(Box<SessionError>),
    /// The editorial state changed (an edit, undo or redo was applied).
    Editorial(Editorial),
    /// An edit, undo or redo was applied; the reader's article is sent again.
    Edited {
        /// What it did.
        summary: EditSummary,
        /// Whether it was an undo (`Some(false)`: a redo; `None`: a new edit).
        undone: Option<bool>,
    },
    /// An edit, undo or redo failed; nothing changed.
    EditFailed(Box<SessionError>),
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
        error: Box<SessionError>,
    },
    /// The article for the reader.
    Article(Box<LoadedArticle>),
    /// What extraction finds in the reader's article (sent after it, so
    /// the text shows first): each entity once, in the order first named.
    Entities {
        /// Which article.
        id: ArticleId,
        /// Kind and name of each (the vocabulary's name for an alias;
        /// names marked as no entity left out).
        names: Vec<(EntityKind, String)>,
        /// Each mention, to mark in the text.
        marks: Vec<EntityMark>,
    },
    /// One section of the index of names, by name.
    Names {
        /// Which section.
        kind: NameKind,
        /// The panel's generation it answers.
        generation: u64,
        /// Its names.
        names: Vec<NameView>,
    },
    /// A statistics table counted.
    Stats {
        /// What the rows are.
        by: StatsBy,
        /// The query counted.
        query: String,
        /// The table, or why it could not be counted.
        table: Result<Box<StatsTable>, Box<SessionError>>,
    },
    /// A statistics table written (or why not).
    StatsExported(Result<PathBuf, String>),
    /// Articles of a query per edition day, for the chart.
    Timeline {
        /// The search generation it answers.
        generation: u64,
        /// Days in order, with their articles.
        days: Vec<(NaiveDate, u64)>,
    },
    /// Loading an article failed (`None`: there is no such article).
    ArticleFailed {
        /// Which article.
        id: ArticleId,
        /// Why.
        error: Option<Box<SessionError>>,
    },
    /// A page as printed (none: the edition has no such page).
    PrintedPage {
        /// Edition date.
        date: NaiveDate,
        /// Page number.
        page: u32,
        /// The page, or why it cannot be read.
        info: Result<Option<crate::archive::session::PrintedPageInfo>, Box<SessionError>>,
    },
    /// An import finished (or was cancelled).
    Imported(ImportReport),
    /// An export finished, failed or was cancelled.
    Exported(Result<ExportReport, Box<ExportFailure>>),
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

/// Quiet time before the archive thread folds some of the journal.
const FOLD_IDLE: std::time::Duration = std::time::Duration::from_millis(500);
/// Editions folded per step (about 10 ms each), so a request waits little.
const FOLD_EDITIONS_PER_STEP: usize = 8;

fn archive_thread(requests: Receiver<Request>, outbox: Outbox) {
    let mut session: Option<Session> = None;
    let mut pending: Vec<Request> = Vec::new();
    loop {
        // While idle, fold the edit journal into the editions a few at a time.
        let folding = session
            .as_ref()
            .is_some_and(|s| !s.is_read_only() && !s.store().journal().is_empty());
        let first = if folding {
            match requests.recv_timeout(FOLD_IDLE) {
                Ok(request) => request,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if let Some(s) = session.as_mut()
                        && let Err(e) = s.fold_step(FOLD_EDITIONS_PER_STEP)
                    {
                        // The journal stays and is laid over the editions; try again later.
                        eprintln!("jianbao: folding the edit journal: {e}");
                    }
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            }
        } else {
            match requests.recv() {
                Ok(request) => request,
                Err(_) => break,
            }
        };
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
        let latest_timeline = pending
            .iter()
            .filter_map(|r| match r {
                Request::Timeline { generation, .. } => Some(*generation),
                _ => None,
            })
            .max();
        for request in std::mem::take(&mut pending) {
            match request {
                Request::Search(s) if Some(s.generation) != latest => {}
                Request::Timeline { generation, .. } if Some(generation) != latest_timeline => {}
                Request::Search(s) => search(session.as_mut(), s, &outbox),
                Request::Open { root, sample } => {
                    close(session.take());
                    session = open(root, sample, &outbox);
                }
                Request::Create { root, paper } => {
                    close(session.take());
                    session = create(root, &paper, &outbox);
                }
                Request::LoadArticle(id) => load_article(session.as_ref(), id, &outbox),
                Request::Import {
                    paths,
                    date,
                    cancel,
                } => import(session.as_mut(), paths, date, &cancel, &outbox),
                Request::Apply(edit) => {
                    edit_with(session.as_mut(), &outbox, None, |s| s.apply(edit));
                }
                Request::TagSelection { selection, add } => {
                    edit_with(session.as_mut(), &outbox, None, |s| {
                        let edit = tag_selection_edit(s, &selection, &add)?;
                        s.apply(edit)
                    });
                }
                Request::Collect { selection, into } => {
                    edit_with(session.as_mut(), &outbox, None, |s| {
                        let articles = s.resolve(&selection)?;
                        let edit = match into {
                            CollectInto::Existing(id) => Edit::AddToCollection { id, articles },
                            CollectInto::New(name) => {
                                let collection = s.new_collection(&name);
                                let id = collection.id;
                                Edit::Batch(vec![
                                    Edit::CreateCollection {
                                        position: usize::MAX,
                                        collection,
                                    },
                                    Edit::AddToCollection { id, articles },
                                ])
                            }
                        };
                        s.apply(edit)
                    });
                }
                Request::Export {
                    source,
                    path,
                    options,
                    force,
                    cancel,
                } => {
                    if let Some(s) = &session {
                        let result = export(s, &source, &path, &options, force, &cancel, &outbox);
                        outbox.send(Reply::Exported(result.map_err(Box::new)));
                    }
                }
                Request::Undo => edit_with(session.as_mut(), &outbox, Some(true), Session::undo),
                Request::Redo => edit_with(session.as_mut(), &outbox, Some(false), Session::redo),
                Request::CountSaved => {
                    if let Some(s) = &session {
                        outbox.send(Reply::Editorial(editorial(s, true)));
                    }
                }
                Request::PrintedPage { date, page } => {
                    if let Some(s) = &session {
                        let info = s.printed_page(date, page).map_err(Box::new);
                        outbox.send(Reply::PrintedPage { date, page, info });
                    }
                }
                Request::Names { kind, generation } => {
                    if let Some(s) = &session {
                        names(s, kind, generation, &outbox);
                    }
                }
                Request::Entity { kind, action } => {
                    edit_with(session.as_mut(), &outbox, None, |s| {
                        let edit = match &action {
                            EntityAction::Rename { name, new } => s.rename_entity(kind, name, new),
                            EntityAction::Merge { from, into } => s.merge_entity(kind, from, into),
                            EntityAction::Alias { name, alias } => {
                                s.alias_entity(kind, name, alias)
                            }
                            EntityAction::NotAnEntity { name } => s.not_an_entity(kind, name),
                        }?;
                        s.apply(edit)
                    });
                }
                Request::Stats { by, query } => {
                    if let Some(s) = &session {
                        let table = s.stats(by, Some(&query)).map(Box::new).map_err(Box::new);
                        outbox.send(Reply::Stats { by, query, table });
                    }
                }
                Request::ExportStats {
                    table,
                    labels,
                    path,
                } => {
                    let written = write_stats(&table, &labels, &path).map(|()| path);
                    outbox.send(Reply::StatsExported(written));
                }
                Request::Timeline { generation, query } => {
                    if let Some(s) = &session {
                        timeline(s, generation, query, &outbox);
                    }
                }
            }
        }
    }
    close(session);
}

/// Folds the journal of the archive being closed into its editions.
fn close(session: Option<Session>) {
    if let Some(session) = session
        && let Err(e) = session.close()
    {
        // The journal stays and is laid over the editions at the next open.
        eprintln!("jianbao: {e}");
    }
}

fn open(root: PathBuf, sample: bool, outbox: &Outbox) -> Option<Session> {
    if sample && !root.join(crate::archive::store::PROJECT_FILE).exists() {
        outbox.send(Reply::Progress {
            job: JobKind::BuildingSample,
            done: 0,
            total: 0,
        });
        if let Err(e) = sample::ensure_sample_archive(&root) {
            outbox.send(Reply::OpenFailed(Box::new(e.into())));
            return None;
        }
    }
    outbox.send(Reply::Progress {
        job: JobKind::Opening,
        done: 0,
        total: 0,
    });
    let opened = match Session::open(&root) {
        Err(SessionError::Store(StoreError::Locked { .. })) => {
            Session::open_read_only(&root).map(|s| (s, true))
        }
        other => other.map(|s| (s, false)),
    };
    match opened {
        Ok((session, read_only)) => finish_open(session, read_only, outbox),
        Err(e) => {
            outbox.send(Reply::OpenFailed(Box::new(e)));
            None
        }
    }
}

fn create(root: PathBuf, paper: &str, outbox: &Outbox) -> Option<Session> {
    match Session::create(&root, paper) {
        Ok(session) => finish_open(session, false, outbox),
        Err(e) => {
            outbox.send(Reply::OpenFailed(Box::new(e)));
            None
        }
    }
}

fn finish_open(session: Session, read_only: bool, outbox: &Outbox) -> Option<Session> {
    let dates = match session.store().edition_dates() {
        Ok(dates) => dates,
        Err(e) => {
            outbox.send(Reply::OpenFailed(Box::new(e.into())));
            return None;
        }
    };
    let project = session.project();
    outbox.send(Reply::Opened {
        root: session.root().to_path_buf(),
        paper: project.paper.clone(),
        read_only,
        dates: dates.clone(),
        editorial: editorial(&session, false),
        migrated_from: session.store().migrated().map(|m| m.from),
        notices: session.index().notices().to_vec(),
    });
    spawn_counting(session.root().to_path_buf(), dates, outbox.clone());
    // Saved searches are counted after the window has its first results.
    outbox.send(Reply::Editorial(editorial(&session, true)));
    Some(session)
}

/// The editorial state of `session`; `count_saved` runs every saved search.
fn editorial(session: &Session, count_saved: bool) -> Editorial {
    let counts = session.tag_counts();
    let totals = session.tag_tree_counts();
    let project = session.project();
    Editorial {
        tags: project
            .tags
            .iter()
            .map(|def| TagView {
                count: counts.get(&def.id).copied().unwrap_or(0),
                total: totals.get(&def.id).copied().unwrap_or(0),
                def: def.clone(),
            })
            .collect(),
        saved: project
            .saved_searches
            .iter()
            .map(|saved| {
                let count = count_saved.then(|| {
                    let mut request = CoreRequest::new(saved.query.clone());
                    request.limit = 0;
                    request.facets = false;
                    session.search(&request).map_or(0, |r| r.total)
                });
                (saved.clone(), count)
            })
            .collect(),
        collections: project
            .collections
            .iter()
            .map(|c| CollectionView {
                id: c.id,
                name: c.name.clone(),
                size: c.articles.len(),
                missing: session
                    .index()
                    .missing_articles(&c.articles)
                    .map_or(0, |m| m.len()),
            })
            .collect(),
        undo: session.history().undo_summary().cloned(),
        redo: session.history().redo_summary().cloned(),
    }
}

/// The edit adding tags by name to `selection`, creating unknown tags in the same step.
fn tag_selection_edit(
    session: &Session,
    selection: &ArticleSelection,
    names: &[String],
) -> Result<Edit, SessionError> {
    let (add, mut steps) = session.tags_by_name(names.iter().map(String::as_str));
    steps.push(Edit::Tag {
        articles: session.resolve(selection)?,
        add,
        remove: Vec::new(),
    });
    Ok(Edit::Batch(steps))
}

/// Runs an edit, undo or redo and tells the UI what changed.
fn edit_with(
    session: Option<&mut Session>,
    outbox: &Outbox,
    undone: Option<bool>,
    edit: impl FnOnce(&mut Session) -> Result<EditSummary, SessionError>,
) {
    let Some(session) = session else {
        return;
    };
    match edit(session) {
        Ok(summary) => {
            let touched = session.take_touched_editions();
            if !touched.is_empty() {
                outbox.send(Reply::Editions {
                    root: session.root().to_path_buf(),
                    summaries: summaries(session.store(), &touched),
                });
            }
            outbox.send(Reply::Editorial(editorial(session, true)));
            outbox.send(Reply::Edited { summary, undone });
        }
        Err(e) => outbox.send(Reply::EditFailed(Box::new(e))),
    }
}

/// Counts the articles of every edition, newest first, in batches, on a
/// read-only store of its own (the session stays free for searches).
fn spawn_counting(root: PathBuf, mut dates: Vec<NaiveDate>, outbox: Outbox) {
    dates.reverse();
    let _ = thread::Builder::new()
        .name("jianbao-count".into())
        .spawn(move || {
            let Ok(store) = Store::open_read_only(&root) else {
                return; // the tree shows dates without counts
            };
            for chunk in dates.chunks(64) {
                outbox.send(Reply::Editions {
                    root: root.clone(),
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

fn search(session: Option<&mut Session>, request: SearchRequest, outbox: &Outbox) {
    let Some(session) = session else {
        return;
    };
    let core = CoreRequest {
        query: request.query.clone(),
        sort: request.sort.into(),
        offset: request.offset,
        limit: request.limit,
        facets: false,
        snippets: request.snippets,
    };
    // A damaged index is rebuilt from the project files and searched again.
    match session.search_repairing(&core) {
        Ok(results) => outbox.send(Reply::Hits {
            request,
            page: HitPage {
                total: results.total,
                rows: results.hits.iter().map(row_of_hit).collect(),
                took_ms: results.took.as_secs_f64() * 1000.0,
                skipped: results.skipped,
            },
        }),
        Err(e) => outbox.send(Reply::SearchFailed {
            request,
            error: Box::new(e),
        }),
    }
}

fn load_article(session: Option<&Session>, id: ArticleId, outbox: &Outbox) {
    let Some(session) = session else {
        return;
    };
    match session.article(&id) {
        Ok(Some(found)) => {
            let article = found.article.clone();
            outbox.send(Reply::Article(Box::new(found)));
            let (names, marks) = entity_marks(session.project(), &article);
            outbox.send(Reply::Entities { id, names, marks });
        }
        Ok(None) => outbox.send(Reply::ArticleFailed { id, error: None }),
        Err(e) => outbox.send(Reply::ArticleFailed {
            id,
            error: Some(Box::new(e)),
        }),
    }
}

fn export(
    session: &Session,
    source: &ExportSource,
    path: &std::path::Path,
    options: &ExportOptions,
    force: bool,
    cancel: &AtomicBool,
    outbox: &Outbox,
) -> Result<ExportReport, ExportFailure> {
    outbox.send(Reply::Progress {
        job: JobKind::Exporting,
        done: 0,
        total: 0,
    });
    let ids = match source {
        ExportSource::Selection(selection) => session.resolve(selection)?,
        ExportSource::Collection(id) => session
            .project()
            .collection(*id)
            .map(|c| c.articles.clone())
            .unwrap_or_default(),
    };
    let loaded = load_records(session.store(), &ids, cancel)?;
    let mut progress = |done: usize, total: usize| {
        // Every article would flood the channel on a big export.
        if done.is_multiple_of(50) || done == total {
            outbox.send(Reply::Progress {
                job: JobKind::Exporting,
                done,
                total,
            });
        }
    };
    Ok(export_to_path(
        path,
        &loaded.records,
        options,
        force,
        &mut progress,
        cancel,
    )?)
}

fn import(
    session: Option<&mut Session>,
    paths: Vec<PathBuf>,
    date: Option<NaiveDate>,
    cancel: &AtomicBool,
    outbox: &Outbox,
) {
    let Some(session) = session else {
        // No archive open (opening failed): end the job the UI started.
        outbox.send(Reply::Imported(ImportReport {
            cancelled: true,
            ..ImportReport::default()
        }));
        return;
    };
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
    let mut report = session.import(&paths, &options, &mut progress, cancel);
    if cancel.load(Ordering::Relaxed) {
        report.cancelled = true;
    }
    if !report.dates.is_empty() {
        outbox.send(Reply::Editions {
            root: session.root().to_path_buf(),
            summaries: summaries(session.store(), &report.dates),
        });
        outbox.send(Reply::Editorial(editorial(session, true)));
    }
    outbox.send(Reply::Imported(report));
}

/// The entities of `article` as the reader shows them: each once (by the
/// vocabulary's name), and every mention placed in its field.
fn entity_marks(
    project: &crate::archive::Project,
    article: &crate::archive::Article,
) -> (Vec<(EntityKind, String)>, Vec<EntityMark>) {
    use crate::archive::entities::{article::extraction_text, extract};
    let text = extraction_text(article);
    // The fields in the order extraction_text joins them (empty ones left out).
    let mut fields: Vec<(MarkField, &str)> = Vec::new();
    for (field, value) in [
        (MarkField::Kicker, &article.kicker),
        (MarkField::Headline, &article.headline),
        (MarkField::Subtitle, &article.subtitle),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
            fields.push((field, value));
        }
    }
    for (n, p) in article.paragraphs.iter().enumerate() {
        if !p.is_empty() {
            fields.push((MarkField::Paragraph(n), p));
        }
    }
    // Character offset where each field starts in the joined text.
    let mut starts = Vec::with_capacity(fields.len());
    let mut at = 0;
    for (_, value) in &fields {
        starts.push(at);
        at += value.chars().count() + 1;
    }
    let mut names: Vec<(EntityKind, String)> = Vec::new();
    let mut marks = Vec::new();
    for mention in extract(&text) {
        let name = match project.entity_covering(mention.kind, &mention.name) {
            Some(def) if def.not_entity => continue,
            Some(def) => def.name.clone(),
            None => mention.name.clone(),
        };
        if !names.iter().any(|(k, n)| *k == mention.kind && *n == name) {
            names.push((mention.kind, name));
        }
        let f = starts.partition_point(|&s| s <= mention.chars.start) - 1;
        let (field, value) = fields[f];
        let from = mention.chars.start - starts[f];
        let to = mention.chars.end - starts[f];
        let byte = |c: usize| value.char_indices().nth(c).map_or(value.len(), |(b, _)| b);
        marks.push(EntityMark {
            field,
            bytes: byte(from)..byte(to),
            kind: mention.kind,
        });
    }
    (names, marks)
}

/// One section of the index of names, with the pinyin its filter matches.
fn names(session: &Session, kind: NameKind, generation: u64, outbox: &Outbox) {
    let Ok(entries) = session.names(kind) else {
        // An index that cannot be read shows an empty section; searching
        // reports the damage.
        outbox.send(Reply::Names {
            kind,
            generation,
            names: Vec::new(),
        });
        return;
    };
    let names = entries
        .into_iter()
        .map(|entry| {
            let mut pinyin = String::new();
            let mut initials = String::new();
            for name in std::iter::once(&entry.name).chain(&entry.aliases) {
                let (full, first) = crate::ui::tag_match::pinyin_keys(name);
                pinyin.push_str(&full);
                pinyin.push(' ');
                initials.push_str(&first);
                initials.push(' ');
            }
            NameView {
                entry,
                pinyin,
                initials,
            }
        })
        .collect();
    outbox.send(Reply::Names {
        kind,
        generation,
        names,
    });
}

/// Articles of `query` per edition day (none for a query that does not
/// parse: the search reports it).
fn timeline(session: &Session, generation: u64, query: String, outbox: &Outbox) {
    let days = session
        .index()
        .articles_per_day(&query)
        .map(|d| d.into_iter().collect())
        .unwrap_or_default();
    outbox.send(Reply::Timeline { generation, days });
}

/// Writes `table` to `path` (XLSX for `.xlsx`, else CSV with a BOM) through
/// a temp file beside it, renamed over it only when whole.
fn write_stats(
    table: &StatsTable,
    labels: &SheetLabels,
    path: &std::path::Path,
) -> Result<(), String> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => std::path::Path::new("."),
    };
    let fail = |e: &dyn std::fmt::Display| format!("{}: {e}", path.display());
    let mut tmp = tempfile::Builder::new()
        .prefix(".jianbao-stats-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(&e))?;
    let xlsx = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
    if xlsx {
        table.write_xlsx(&mut tmp, labels).map_err(|e| fail(&e))?;
    } else {
        table.write_csv(&mut tmp, labels).map_err(|e| fail(&e))?;
    }
    tmp.as_file().sync_all().map_err(|e| fail(&e))?;
    tmp.persist(path).map_err(|e| fail(&e.error))?;
    Ok(())
}
