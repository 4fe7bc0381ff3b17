//! The open archive: the store, its search index and the edit history, and
//! the one writer path through which imports and edits change them.
//!
//! The CLI and the UI both hold a [`Session`]; the UI's archive thread owns
//! it, so imports and edits are applied one after the other and neither can
//! lose the other's changes. Applying an [`Edit`] saves it before returning
//! (editorial patches to the journal, vocabulary changes to `project.ron`),
//! updates the index's tag map and vocabulary, and records the inverse.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;

mod collections;
mod corrections;
mod entities;
mod fold;
mod printed;
mod restore;
mod stats;

use collections::collection_name;
pub use entities::{NameEntry, NameKind};
pub use printed::{PageArticle, PrintedPageInfo};

use crate::archive::edit::{Edit, EditError, EditSummary, History, Step, valid_tag_name};
use crate::archive::import::{self, ImportFileError, ImportOptions, ImportProblem, ImportReport};
use crate::archive::model::{Article, ArticleId, Edition, Project, SavedSearch, TagDef, TagId};
use crate::archive::search::{SearchError, SearchIndex, SearchRequest, SearchResults};
use crate::archive::store::{Patch, Store, StoreError};

/// Result of a session operation.
pub type Result<T, E = SessionError> = std::result::Result<T, E>;

/// What can go wrong in a session: typed per area, so an interface can
/// word each in its user's language.
#[derive(Debug, thiserror::Error)]
pub enum SessionError {
    /// Reading or writing the project files.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The search index or a query.
    #[error(transparent)]
    Search(#[from] SearchError),
    /// An edit that cannot be applied.
    #[error(transparent)]
    Edit(#[from] EditError),
}

/// Patches the journal may hold before an edit folds them into the editions.
pub const FOLD_AFTER_PATCHES: usize = 200_000;

/// Which articles an edit or an export applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleSelection {
    /// These articles.
    Ids(Vec<ArticleId>),
    /// Every article matching a query (Ctrl+A on a search of any size).
    Query(String),
}

/// An article with where it was printed.
#[derive(Debug, Clone, PartialEq)]
pub struct FoundArticle {
    /// Edition date.
    pub date: chrono::NaiveDate,
    /// Page number.
    pub page: u32,
    /// File the page was imported from.
    pub source: Option<String>,
    /// Whether its page was corrected by hand.
    pub corrected: bool,
    /// The printed page's size in PDF points, when it came from a PDF.
    pub page_size: Option<[f32; 2]>,
    /// The article, with its pending editorial changes.
    pub article: Article,
    /// The article before it on its page (what a merge would join it to);
    /// none for a page's first article.
    pub previous: Option<ArticleId>,
}

/// An open archive.
#[derive(Debug)]
pub struct Session {
    store: Store,
    index: SearchIndex,
    history: History,
    /// Editions whose articles corrections changed, since last asked.
    touched: Vec<chrono::NaiveDate>,
    /// Why the search index could not follow a saved correction, if it
    /// could not: the edit stands, and the edition's file no longer
    /// matches the index's manifest, so the next open or search re-indexes it.
    index_behind: Option<SearchError>,
    /// What folding the journal did and left, this session.
    fold: fold::FoldState,
}

impl Session {
    /// Opens the project in `dir` for writing (migrating an older format)
    /// and its search index (rebuilt when missing or stale).
    pub fn open(dir: impl AsRef<Path>) -> Result<Self> {
        Self::with_store(Store::open(dir)?)
    }

    /// Opens the project in `dir` for reading only.
    pub fn open_read_only(dir: impl AsRef<Path>) -> Result<Self> {
        Self::with_store(Store::open_read_only(dir)?)
    }

    /// Opens the project in `dir` for reading only, taking a current index
    /// for fresh without comparing every edition file with it (see
    /// [`SearchIndex::open_trusting`]): for a one-off search, which checks
    /// with [`Session::index_is_stale`] while it searches.
    pub fn open_read_only_trusting(dir: impl AsRef<Path>) -> Result<Self> {
        let store = Store::open_read_only(dir)?;
        let index = SearchIndex::open_trusting(&store)?;
        Ok(Self {
            store,
            index,
            history: History::default(),
            touched: Vec::new(),
            index_behind: None,
            fold: fold::FoldState::default(),
        })
    }

    /// Whether edition files changed behind the index (edited by hand,
    /// written by another process) since it was opened or updated.
    pub fn index_is_stale(&self) -> Result<bool> {
        Ok(self.index.is_stale(&self.store)?)
    }

    /// Opens the index again, re-indexing the editions whose files changed.
    pub fn reopen_index(&mut self) -> Result<()> {
        self.index = SearchIndex::open(&self.store)?;
        Ok(())
    }

    /// Creates a new, empty project in `dir`.
    pub fn create(dir: impl AsRef<Path>, paper: &str) -> Result<Self> {
        Self::with_store(Store::create(dir, paper)?)
    }

    /// A session over an open store.
    pub fn with_store(store: Store) -> Result<Self> {
        let index = SearchIndex::open(&store)?;
        Ok(Self {
            store,
            index,
            history: History::default(),
            touched: Vec::new(),
            index_behind: None,
            fold: fold::FoldState::default(),
        })
    }

    /// The project store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The search index.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Project settings and vocabularies.
    pub fn project(&self) -> &Project {
        self.store.project()
    }

    /// The project folder.
    pub fn root(&self) -> &Path {
        self.store.root()
    }

    /// Whether edits are refused.
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// Runs a search. A read-only session sees each edit whole or not at
    /// all: when a writer changed the journal while it read, it reads again.
    pub fn search(&self, request: &SearchRequest) -> Result<SearchResults> {
        let results = self.index.search(request)?;
        self.whole_edits_only(request, results)
    }

    /// Runs a search; when the index turns out damaged (a file that does
    /// not read back, a panic decoding it), rebuilds it from the RON files
    /// and searches again. The rebuild is in [`SearchIndex::notices`].
    pub fn search_repairing(&mut self, request: &SearchRequest) -> Result<SearchResults> {
        let results = match self.index.search(request) {
            Err(e) if e.is_damaged_index() => {
                self.repair_index(e.to_string())?;
                self.index.search(request)?
            }
            other => other?,
        };
        self.whole_edits_only(request, results)
    }

    /// Rebuilds the search index after it was found damaged (`problem`
    /// says how); works on a read-only session too, since the index is derived.
    pub fn repair_index(&mut self, problem: String) -> Result<()> {
        self.index = SearchIndex::repair(&self.store, problem)?;
        // The damaged generation was ours until the line above dropped it.
        self.index.clean_up();
        Ok(())
    }

    /// The article with this id, with its date, page and source file.
    pub fn article(&self, id: &ArticleId) -> Result<Option<FoundArticle>> {
        let Some(date) = id.date() else {
            return Ok(None);
        };
        let Some(edition) = self.store.load_edition(date)? else {
            return Ok(None);
        };
        Ok(find_in(&edition, id))
    }

    /// The ids a selection stands for.
    pub fn resolve(&self, selection: &ArticleSelection) -> Result<Vec<ArticleId>> {
        match selection {
            ArticleSelection::Ids(ids) => Ok(ids.clone()),
            ArticleSelection::Query(query) => Ok(self.index.matching_ids(query)?),
        }
    }

    /// Articles carrying each tag directly (a tag's tree count adds its
    /// nested tags' articles; see [`Session::tag_tree_counts`]).
    pub fn tag_counts(&self) -> BTreeMap<TagId, usize> {
        self.index.tag_counts()
    }

    /// Articles carrying each tag or any tag nested under it.
    pub fn tag_tree_counts(&self) -> BTreeMap<TagId, usize> {
        let project = self.project();
        let mut counts = BTreeMap::new();
        for tagged in self.index.tagged() {
            let mut seen: Vec<TagId> = Vec::new();
            for tag in tagged.tags {
                // Walk up the tree once per article, however many of its tags share ancestors.
                let mut at = Some(*tag);
                while let Some(id) = at {
                    if seen.contains(&id) {
                        break;
                    }
                    seen.push(id);
                    at = project.tag(id).and_then(|t| t.parent);
                }
            }
            for id in seen {
                *counts.entry(id).or_default() += 1;
            }
        }
        counts
    }

    /// The tag named `name`.
    pub fn tag_named(&self, name: &str) -> Result<&TagDef> {
        self.project()
            .tag_named(name)
            .ok_or_else(|| EditError::UnknownTag(name.to_string()).into())
    }

    /// A new tag definition with a fresh id (applied with [`Edit::CreateTag`]).
    pub fn new_tag(&self, name: &str) -> TagDef {
        let project = self.project();
        let used = project.tags.iter().map(|t| t.id.0 + 1).max().unwrap_or(1);
        TagDef {
            id: TagId(project.next_tag_id.max(used).max(1)),
            name: name.trim().to_string(),
            ..TagDef::default()
        }
    }

    /// The tags named `names` (trimmed, empty names skipped), each once in
    /// the order first named, and the [`Edit::CreateTag`]s that make those
    /// the archive lacks, with consecutive fresh ids: a new name given twice
    /// is one new tag. The one way the CLI, the window and JSON Lines
    /// restores turn tag names into tags.
    pub fn tags_by_name<'a>(
        &self,
        names: impl IntoIterator<Item = &'a str>,
    ) -> (Vec<TagId>, Vec<Edit>) {
        let mut ids: Vec<TagId> = Vec::new();
        let mut created: Vec<TagDef> = Vec::new();
        let mut next = self.new_tag("").id;
        for name in names {
            let name = name.trim();
            if name.is_empty() {
                continue;
            }
            let id = match self.project().tag_named(name) {
                Some(tag) => tag.id,
                None => match created.iter().find(|d| d.name == name) {
                    Some(def) => def.id,
                    None => {
                        let def = TagDef {
                            id: next,
                            ..self.new_tag(name)
                        };
                        next.0 += 1;
                        let id = def.id;
                        created.push(def);
                        id
                    }
                },
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        (ids, created.into_iter().map(Edit::CreateTag).collect())
    }

    /// Editions whose articles were split, merged or restored since the
    /// last call (their article counts changed).
    pub fn take_touched_editions(&mut self) -> Vec<chrono::NaiveDate> {
        std::mem::take(&mut self.touched)
    }

    /// Why the search index fell behind a saved correction this session
    /// (a full disk, say); it catches up by itself on the next search.
    pub fn index_behind(&self) -> Option<&SearchError> {
        self.index_behind.as_ref()
    }

    /// The undo and redo stacks.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Applies an edit as one undoable step; it is on disk when this returns.
    pub fn apply(&mut self, edit: Edit) -> Result<EditSummary> {
        self.check_writable()?;
        edit.check_input()?;
        let summary = self.summarize(&edit);
        let undo = self.apply_edit(edit.clone())?;
        self.history.record(Step {
            summary: summary.clone(),
            undo,
            redo: edit,
        });
        self.fold.retry();
        self.fold_if_due()?;
        Ok(summary)
    }

    /// Undoes the last step; returns what it had done.
    pub fn undo(&mut self) -> Result<EditSummary> {
        self.check_writable()?;
        let mut step = self
            .history
            .take_undo()
            .ok_or(EditError::NothingTo("undo"))?;
        match self.apply_edit(step.undo.clone()) {
            Ok(redo) => {
                step.redo = redo;
                let summary = step.summary.clone();
                self.history.push_undone(step);
                Ok(summary)
            }
            Err(e) => {
                self.history.push_redone(step);
                Err(e)
            }
        }
    }

    /// Redoes the last undone step; returns what it does.
    pub fn redo(&mut self) -> Result<EditSummary> {
        self.check_writable()?;
        let mut step = self
            .history
            .take_redo()
            .ok_or(EditError::NothingTo("redo"))?;
        match self.apply_edit(step.redo.clone()) {
            Ok(undo) => {
                step.undo = undo;
                let summary = step.summary.clone();
                self.history.push_redone(step);
                Ok(summary)
            }
            Err(e) => {
                self.history.push_undone(step);
                Err(e)
            }
        }
    }

    /// Imports page files and folders, then re-indexes the editions written.
    pub fn import(
        &mut self,
        paths: &[PathBuf],
        options: &ImportOptions,
        progress: &mut dyn FnMut(usize, usize),
        cancel: &AtomicBool,
    ) -> ImportReport {
        // JSON Lines exports are restored whole; page files go through the parser.
        let (jsonl, pages): (Vec<PathBuf>, Vec<PathBuf>) = paths.iter().cloned().partition(|p| {
            p.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
        });
        let mut report = ImportReport::default();
        // Editions are indexed from memory as they are saved, in one batch;
        // if that fails, the files written are indexed afterwards instead.
        let mut indexed = pages.is_empty();
        if !pages.is_empty() {
            let store = &self.store;
            let mut batch = self.index.batch(store).ok();
            let mut failed = batch.is_none();
            report = import::import_paths_with(
                store,
                &pages,
                options,
                progress,
                cancel,
                &mut |edition| {
                    if let Some(adding) = batch.as_mut()
                        && adding.add(store, edition).is_err()
                    {
                        batch = None;
                        failed = true;
                    }
                },
            );
            indexed = !failed && batch.is_some_and(|batch| batch.commit().is_ok());
        }
        for path in &jsonl {
            let mut restored = ImportReport::default();
            self.import_jsonl(path, &mut restored);
            report.add_counts(&restored);
            report.errors.extend(restored.errors);
            // Restored editions are indexed already.
        }
        if !report.dates.is_empty()
            && !indexed
            && let Err(e) = self.index.update_editions(&self.store, &report.dates)
        {
            report.errors.push(ImportFileError::new(
                self.index.dir(),
                ImportProblem::Index(std::sync::Arc::new(e)),
            ));
        }
        report
    }

    fn check_writable(&self) -> Result<()> {
        if self.is_read_only() {
            return Err(StoreError::ReadOnly {
                path: self.root().to_path_buf(),
            }
            .into());
        }
        Ok(())
    }

    /// What `edit` will do, worded with the names it has now (and those
    /// of tags the same step creates).
    fn summarize(&self, edit: &Edit) -> EditSummary {
        let mut project = self.project().clone();
        if let Edit::Batch(edits) = edit {
            for step in edits {
                match step {
                    Edit::CreateTag(def) => project.tags.push(def.clone()),
                    Edit::CreateCollection { collection, .. } => {
                        project.collections.push(collection.clone());
                    }
                    _ => {}
                }
            }
        }
        self.summarize_with(&project, edit)
    }

    fn summarize_with(&self, project: &Project, edit: &Edit) -> EditSummary {
        let names = |ids: &[TagId]| ids.iter().map(|t| project.tag_name(*t)).collect();
        match edit {
            Edit::Tag {
                articles,
                add,
                remove,
            } => match (add.is_empty(), remove.is_empty()) {
                (false, true) => EditSummary::Tagged {
                    articles: articles.len(),
                    tags: names(add),
                },
                (true, false) => EditSummary::Untagged {
                    articles: articles.len(),
                    tags: names(remove),
                },
                _ => EditSummary::Retagged {
                    articles: articles.len(),
                },
            },
            Edit::SetTags(changes) => EditSummary::Retagged {
                articles: changes.len(),
            },
            Edit::SetNote { article, .. } => EditSummary::Note {
                article: article.clone(),
            },
            Edit::CreateTag(def) => EditSummary::TagCreated {
                name: def.name.clone(),
            },
            Edit::UpdateTag(def) => match project.tag(def.id) {
                Some(old) if old.name != def.name => EditSummary::TagRenamed {
                    from: old.name.clone(),
                    to: def.name.clone(),
                },
                Some(old) if old.parent != def.parent => EditSummary::TagMoved {
                    name: def.name.clone(),
                    parent: def.parent.map(|p| project.tag_name(p)),
                },
                Some(old) if old.colour != def.colour => EditSummary::TagRecoloured {
                    name: def.name.clone(),
                },
                _ => EditSummary::TagChanged {
                    name: def.name.clone(),
                },
            },
            Edit::DeleteTag(id) | Edit::RemoveTagDef(id) => EditSummary::TagDeleted {
                name: project.tag_name(*id),
                articles: self.index.carriers(*id).len(),
            },
            Edit::MergeTag { from, into } => EditSummary::TagMerged {
                from: project.tag_name(*from),
                into: project.tag_name(*into),
                articles: self.index.carriers(*from).len(),
            },
            Edit::SaveSearch { search, .. } => EditSummary::SearchSaved {
                name: search.name.clone(),
            },
            Edit::UpdateSavedSearch { search, .. } => EditSummary::SearchChanged {
                name: search.name.clone(),
            },
            Edit::DeleteSavedSearch(name) => EditSummary::SearchDeleted { name: name.clone() },
            Edit::CreateCollection { collection, .. } => EditSummary::CollectionCreated {
                name: collection.name.clone(),
                articles: collection.articles.len(),
            },
            Edit::RenameCollection { id, name } => EditSummary::CollectionRenamed {
                from: collection_name(project, *id),
                to: name.clone(),
            },
            Edit::DeleteCollection(id) => EditSummary::CollectionDeleted {
                name: collection_name(project, *id),
            },
            Edit::AddToCollection { id, articles } => EditSummary::AddedToCollection {
                name: collection_name(project, *id),
                articles: collections::added_count(project, *id, articles),
            },
            Edit::RemoveFromCollection { id, articles } => EditSummary::RemovedFromCollection {
                name: collection_name(project, *id),
                articles: collections::removed_count(project, *id, articles),
            },
            Edit::MoveInCollection { id, .. } | Edit::SetCollection { id, .. } => {
                EditSummary::CollectionReordered {
                    name: collection_name(project, *id),
                }
            }
            Edit::SplitArticle { article, .. } => EditSummary::Split {
                article: article.clone(),
            },
            Edit::MergeWithPrevious { article } => EditSummary::Merged {
                article: article.clone(),
            },
            Edit::SetFields { article, .. } => EditSummary::FieldsCorrected {
                article: article.clone(),
            },
            Edit::SetPage { .. } => EditSummary::PageRestored,
            Edit::SetEntity { id, def } => entities::summary(project.entity(*id), def.as_ref()),
            Edit::Batch(edits) => {
                // A merge of two entries: one goes, the other takes its names.
                if let [
                    Edit::SetEntity {
                        id: gone,
                        def: None,
                    },
                    Edit::SetEntity {
                        def: Some(into), ..
                    },
                ] = edits.as_slice()
                    && let Some(from) = project.entity(*gone)
                {
                    return EditSummary::EntityMerged {
                        from: from.name.clone(),
                        into: into.name.clone(),
                    };
                }
                // "Create tag X and tag 37 articles with it" reads as the tagging.
                let main: Vec<&Edit> = edits
                    .iter()
                    .filter(|e| match e {
                        Edit::CreateTag(_) => false,
                        Edit::CreateCollection { collection, .. } => {
                            !collection.articles.is_empty()
                        }
                        _ => true,
                    })
                    .collect();
                match main.as_slice() {
                    [] if edits.len() == 1 => self.summarize_with(project, &edits[0]),
                    [one] => self.summarize_with(project, one),
                    _ => EditSummary::Several(edits.len()),
                }
            }
        }
    }

    /// Applies `edit` and returns its inverse. A batch that fails part-way
    /// is rolled back, so an edit is applied whole or not at all.
    fn apply_edit(&mut self, edit: Edit) -> Result<Edit> {
        match edit {
            Edit::Tag {
                articles,
                add,
                remove,
            } => {
                for tag in add.iter().chain(&remove) {
                    if self.project().tag(*tag).is_none() {
                        return Err(EditError::UnknownTagId(*tag).into());
                    }
                }
                if let Some(missing) = self.index.missing_articles(&articles)?.first() {
                    return Err(EditError::UnknownArticle(missing.clone()).into());
                }
                let mut changes = Vec::new();
                for id in articles {
                    let old = self.index.tags_of(&id);
                    let mut new: Vec<TagId> = old
                        .iter()
                        .filter(|t| !remove.contains(t))
                        .copied()
                        .collect();
                    for tag in &add {
                        if !new.contains(tag) {
                            new.push(*tag);
                        }
                    }
                    if new.as_slice() != old {
                        changes.push((id, new));
                    }
                }
                self.apply_edit(Edit::SetTags(changes))
            }
            Edit::SetTags(changes) => {
                let inverse = changes
                    .iter()
                    .map(|(id, _)| (id.clone(), self.index.tags_of(id).to_vec()))
                    .collect();
                let patches: Vec<Patch> = changes
                    .into_iter()
                    .map(|(id, tags)| Patch {
                        id,
                        tags: Some(tags),
                        note: None,
                    })
                    .collect();
                self.store.save_patches(patches.clone())?;
                self.index.apply_patches(&patches);
                Ok(Edit::SetTags(inverse))
            }
            Edit::SetNote { article, note } => {
                let found = self
                    .article(&article)?
                    .ok_or_else(|| EditError::UnknownArticle(article.clone()))?;
                self.store.save_patches(vec![Patch {
                    id: article.clone(),
                    tags: None,
                    note: Some(note),
                }])?;
                Ok(Edit::SetNote {
                    article,
                    note: found.article.note,
                })
            }
            Edit::CreateTag(def) => {
                let mut project = self.project().clone();
                check_tag(&project, &def)?;
                if project.tag(def.id).is_some() {
                    return Err(EditError::TagExists(def.name).into());
                }
                let id = def.id;
                let at = project.tags.partition_point(|t| t.id < def.id);
                project.tags.insert(at, def);
                project.next_tag_id = project.next_tag_id.max(id.0 + 1);
                self.save_project(project)?;
                Ok(Edit::RemoveTagDef(id))
            }
            Edit::UpdateTag(def) => {
                let mut project = self.project().clone();
                let Some(at) = project.tags.iter().position(|t| t.id == def.id) else {
                    return Err(EditError::UnknownTagId(def.id).into());
                };
                check_tag(&project, &def)?;
                let old = std::mem::replace(&mut project.tags[at], def);
                self.save_project(project)?;
                Ok(Edit::UpdateTag(old))
            }
            Edit::RemoveTagDef(id) => {
                let mut project = self.project().clone();
                let Some(at) = project.tags.iter().position(|t| t.id == id) else {
                    return Err(EditError::UnknownTagId(id).into());
                };
                if !self.index.carriers(id).is_empty()
                    || project.tags.iter().any(|t| t.parent == Some(id))
                {
                    return Err(EditError::TagInUse(project.tags[at].name.clone()).into());
                }
                let old = project.tags.remove(at);
                self.save_project(project)?;
                Ok(Edit::CreateTag(old))
            }
            Edit::DeleteTag(id) => {
                let def = self
                    .project()
                    .tag(id)
                    .cloned()
                    .ok_or(EditError::UnknownTagId(id))?;
                let retag = self
                    .index
                    .carriers(id)
                    .into_iter()
                    .map(|t| (t.id, t.tags.into_iter().filter(|x| *x != id).collect()))
                    .collect();
                let mut steps = vec![Edit::SetTags(retag)];
                steps.extend(self.reparent_children(id, def.parent));
                steps.push(Edit::RemoveTagDef(id));
                self.apply_edit(Edit::Batch(steps))
            }
            Edit::MergeTag { from, into } => {
                for id in [from, into] {
                    if self.project().tag(id).is_none() {
                        return Err(EditError::UnknownTagId(id).into());
                    }
                }
                if from == into {
                    return Err(EditError::MergeIntoItself(self.project().tag_name(from)).into());
                }
                let retag = self
                    .index
                    .carriers(from)
                    .into_iter()
                    .map(|t| {
                        let mut tags: Vec<TagId> = Vec::new();
                        for tag in t.tags {
                            let tag = if tag == from { into } else { tag };
                            if !tags.contains(&tag) {
                                tags.push(tag);
                            }
                        }
                        (t.id, tags)
                    })
                    .collect();
                let mut steps = vec![Edit::SetTags(retag)];
                steps.extend(self.reparent_children(from, Some(into)));
                steps.push(Edit::RemoveTagDef(from));
                self.apply_edit(Edit::Batch(steps))
            }
            Edit::SaveSearch { position, search } => {
                let mut project = self.project().clone();
                let name = search.name.trim().to_string();
                if name.is_empty() {
                    return Err(EditError::EmptyName.into());
                }
                if project.saved_search(&name).is_some() {
                    return Err(EditError::SavedSearchExists(name).into());
                }
                let at = position.min(project.saved_searches.len());
                project.saved_searches.insert(
                    at,
                    SavedSearch {
                        name: name.clone(),
                        query: search.query,
                    },
                );
                self.save_project(project)?;
                Ok(Edit::DeleteSavedSearch(name))
            }
            Edit::UpdateSavedSearch { name, search } => {
                let mut project = self.project().clone();
                let Some(at) = project.saved_searches.iter().position(|s| s.name == name) else {
                    return Err(EditError::UnknownSavedSearch(name).into());
                };
                let new_name = search.name.trim().to_string();
                if new_name.is_empty() {
                    return Err(EditError::EmptyName.into());
                }
                if new_name != name && project.saved_search(&new_name).is_some() {
                    return Err(EditError::SavedSearchExists(new_name).into());
                }
                let old = std::mem::replace(
                    &mut project.saved_searches[at],
                    SavedSearch {
                        name: new_name.clone(),
                        query: search.query,
                    },
                );
                self.save_project(project)?;
                Ok(Edit::UpdateSavedSearch {
                    name: new_name,
                    search: old,
                })
            }
            Edit::DeleteSavedSearch(name) => {
                let mut project = self.project().clone();
                let Some(at) = project.saved_searches.iter().position(|s| s.name == name) else {
                    return Err(EditError::UnknownSavedSearch(name).into());
                };
                let old = project.saved_searches.remove(at);
                self.save_project(project)?;
                Ok(Edit::SaveSearch {
                    position: at,
                    search: old,
                })
            }
            edit @ (Edit::CreateCollection { .. }
            | Edit::RenameCollection { .. }
            | Edit::DeleteCollection(_)
            | Edit::AddToCollection { .. }
            | Edit::RemoveFromCollection { .. }
            | Edit::MoveInCollection { .. }
            | Edit::SetCollection { .. }) => self.apply_collection_edit(edit),
            edit @ (Edit::SplitArticle { .. }
            | Edit::MergeWithPrevious { .. }
            | Edit::SetFields { .. }
            | Edit::SetPage { .. }) => self.apply_correction(edit),
            Edit::SetEntity { id, def } => self.apply_entity_edit(id, def),
            Edit::Batch(edits) => {
                let mut inverses: Vec<Edit> = Vec::new();
                for edit in edits {
                    match self.apply_edit(edit) {
                        Ok(inverse) => inverses.push(inverse),
                        Err(e) => {
                            // Best effort: what was applied is undone, newest first.
                            for inverse in inverses.into_iter().rev() {
                                let _ = self.apply_edit(inverse);
                            }
                            return Err(e);
                        }
                    }
                }
                inverses.reverse();
                Ok(Edit::Batch(inverses))
            }
        }
    }

    /// Edits moving the tags nested under `tag` to `parent`.
    fn reparent_children(&self, tag: TagId, parent: Option<TagId>) -> Vec<Edit> {
        self.project()
            .tags
            .iter()
            .filter(|t| t.parent == Some(tag))
            .map(|t| {
                Edit::UpdateTag(TagDef {
                    parent,
                    ..t.clone()
                })
            })
            .collect()
    }

    fn save_project(&mut self, project: Project) -> Result<()> {
        self.store.save_project(project)?;
        self.index.set_vocabulary(self.store.project());
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Best effort: an unfolded journal is laid over the editions at the next open anyway.
        let _ = self.fold_journal();
    }
}

/// Whether `def` fits in `project`'s vocabulary: a valid name not used by
/// another tag, and a parent that exists and is not inside it.
fn check_tag(project: &Project, def: &TagDef) -> Result<(), EditError> {
    if !valid_tag_name(&def.name) {
        return Err(EditError::BadTagName(def.name.clone()));
    }
    if project
        .tags
        .iter()
        .any(|t| t.name == def.name && t.id != def.id)
    {
        return Err(EditError::TagExists(def.name.clone()));
    }
    if let Some(parent) = def.parent {
        let parent_def = project.tag(parent).ok_or(EditError::UnknownTagId(parent))?;
        if project.tag(def.id).is_some() && project.tag_and_descendants(def.id).contains(&parent) {
            return Err(EditError::TagCycle {
                tag: def.name.clone(),
                parent: parent_def.name.clone(),
            });
        }
    }
    Ok(())
}

fn find_in(edition: &Edition, id: &ArticleId) -> Option<FoundArticle> {
    edition.pages.iter().find_map(|page| {
        let at = page.articles.iter().position(|a| &a.id == id)?;
        Some(FoundArticle {
            date: edition.date,
            page: page.number,
            source: page.source.clone(),
            corrected: page.corrected_by_hand,
            page_size: page.page_size,
            article: page.articles[at].clone(),
            previous: at.checked_sub(1).map(|p| page.articles[p].id.clone()),
        })
    })
}
