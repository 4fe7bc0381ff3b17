//! The index: opening, rebuilding, updating editions, and the manifest that
//! tells when the RON files changed behind our back.
//!
//! Each generation of the index (see [`super::home`] for the folder layout
//! and locks) holds `jianbao-search.json`, recording for every edition file
//! indexed its modification time and length. [`SearchIndex::open`] compares
//! that with the `editions/` folder (directory entries only) and re-indexes
//! what changed; a missing, damaged or older-schema index is rebuilt as a new
//! generation beside the old one. Opening never fails for want of write
//! access or because another process is rebuilding: it falls back to an index
//! in the user's cache or in memory, and says so in [`SearchIndex::notices`].

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::UNIX_EPOCH;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::directory::MmapDirectory;
use tantivy::indexer::LogMergePolicy;
use tantivy::query::Query;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

use super::directory::ReadableDirectory;
use super::error::{io, tantivy_err};
use super::home::{HomeLock, IndexHome, Pin};
use super::open::{IndexNotice, REINDEX_WAIT};
use super::query::date_key;
use super::schema::{Fields, SCHEMA_VERSION, article_document, build_schema};
use super::tagfile::{self, TAGS_FILE};
use super::tokenizer::{SharedJieba, register};
use super::{Result, SearchError};
use crate::archive::model::{
    ArticleId, Collection, Edition, EntityDef, Project, TagDef, TagId, tag_and_descendants,
};
use crate::archive::store::{EditionFile, Patch, Store, StoreError};

// Tags live in a map beside the tantivy documents (article key → tags), so
// tagging ten thousand articles changes a map, not ten thousand re-tokenised
// texts. The map is derived like the rest of the index: from the editions
// when they are indexed, plus the store's journal of pending patches.
pub use super::tagmap::{TagMap, Tagged, TaggedRef};

/// File name of the manifest inside the index folder.
pub const MANIFEST_FILE: &str = "jianbao-search.json";

/// Memory for the index writer when rebuilding (split over its threads).
pub(super) const REBUILD_BUDGET_BYTES: usize = 256 << 20;
/// Segments with more articles than this are not merged further.
const MERGE_MAX_DOCS: usize = 50_000;
/// Memory for the index writer when updating a few editions.
const UPDATE_BUDGET_BYTES: usize = 50 << 20;

/// When and how big an edition file was when it was indexed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct FileStamp {
    modified_secs: u64,
    modified_nanos: u32,
    len_bytes: u64,
}

impl FileStamp {
    pub(super) fn of(file: &EditionFile) -> Self {
        let since = file.modified.duration_since(UNIX_EPOCH).unwrap_or_default();
        Self {
            modified_secs: since.as_secs(),
            modified_nanos: since.subsec_nanos(),
            len_bytes: file.len_bytes,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Manifest {
    schema_version: u32,
    pub(super) editions: BTreeMap<NaiveDate, FileStamp>,
    /// Words added to jieba's dictionary, so later indexing segments alike.
    user_words: BTreeSet<String>,
    /// Editions that could not be read when indexed; kept here so a later
    /// process that finds the index fresh still knows its totals are short.
    #[serde(default)]
    pub(super) skipped: Vec<SkippedEdition>,
    /// Editions a fold is writing (the journal's tags and notes, no text):
    /// the stamps their files will have, taken for fresh as well as the
    /// ones above, so no reader re-indexes an edition half way through a fold.
    #[serde(default)]
    pub(super) folding: BTreeMap<NaiveDate, FileStamp>,
}

impl Manifest {
    /// Whether `file` is as indexed (or as a fold is writing it).
    pub(super) fn is_fresh(&self, file: &EditionFile) -> bool {
        let stamp = FileStamp::of(file);
        self.editions.get(&file.date) == Some(&stamp)
            || self.folding.get(&file.date) == Some(&stamp)
    }
}

/// An edition that could not be indexed (e.g. a RON syntax error, a file
/// cut short), so its articles are missing from every total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedEdition {
    /// Edition date.
    pub date: NaiveDate,
    /// The edition file.
    #[serde(serialize_with = "crate::archive::paths::serialize_lossy")]
    pub path: PathBuf,
    /// Line of the error, from 1, when the file was read but does not parse.
    #[serde(default)]
    pub line: Option<usize>,
    /// Column of the error, from 1.
    #[serde(default)]
    pub col: Option<usize>,
    /// Why, with file, line and column.
    pub error: String,
}

impl SkippedEdition {
    fn new(date: NaiveDate, path: PathBuf, error: &StoreError) -> Self {
        let (line, col) = match error {
            StoreError::Ron { line, col, .. } => (Some(*line), Some(*col)),
            _ => (None, None),
        };
        Self {
            date,
            path,
            line,
            col,
            error: error.to_string(),
        }
    }
}

/// Size figures of an open index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexStats {
    /// Articles indexed.
    pub articles: u64,
    /// Editions indexed.
    pub editions: usize,
    /// Segments of the tantivy index.
    pub segments: usize,
}

/// The search index of one project. `Send + Sync`: searching takes `&self`
/// and can run on a worker thread.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub(crate) jieba: SharedJieba,
    pub(super) dir: PathBuf,
    /// The home of this generation; `None` for an index in memory.
    pub(super) home: Option<IndexHome>,
    /// Our reader's hold on the generation, so no clean-up removes it.
    pub(super) pin: Option<Pin>,
    pub(super) manifest: Manifest,
    pub(super) notices: Vec<IndexNotice>,
    /// Shared with running facet collectors; copied on write only while one runs.
    pub(crate) tags: Arc<TagMap>,
    /// The project's tag vocabulary, for `tag:` filters and names in hits.
    pub(crate) vocabulary: Vec<TagDef>,
    /// Tag names by id, shared with facet collectors.
    pub(crate) tag_names: Arc<BTreeMap<TagId, String>>,
    /// The project's collections, for `in:` filters.
    pub(crate) collections: Vec<Collection>,
    /// The project's entity vocabulary, for `person:` and the names index.
    pub(crate) entities: Vec<EntityDef>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("dir", &self.dir)
            .field("editions", &self.manifest.editions.len())
            .finish_non_exhaustive()
    }
}

impl SearchIndex {
    /// Re-indexes the editions of `dates` from the store (after an import or
    /// an edit); a date whose edition no longer exists is removed.
    pub fn update_editions(&mut self, store: &Store, dates: &[NaiveDate]) -> Result<()> {
        if dates.is_empty() {
            return Ok(());
        }
        // One writer per home: wait for a rebuild or another update.
        let Some(home) = self.home.clone() else {
            return self.update_unlocked(store, dates);
        };
        let lock = lock_home(&home)?;
        self.update_or_rebuild(&home, &lock, store, dates)
    }

    /// [`SearchIndex::update_editions`] with the home's lock already held.
    pub(super) fn update_unlocked(&mut self, store: &Store, dates: &[NaiveDate]) -> Result<()> {
        if dates.is_empty() {
            return Ok(());
        }
        let files: BTreeMap<NaiveDate, EditionFile> = store
            .edition_files()?
            .into_iter()
            .map(|f| (f.date, f))
            .collect();
        self.jieba.add_words(project_words(store.project()));
        let mut writer = self.writer(UPDATE_BUDGET_BYTES)?;
        for date in dates {
            match files.get(date) {
                Some(file) => self.index_edition_file(&mut writer, store, file, true)?,
                None => {
                    writer.delete_term(Term::from_field_u64(self.fields.date_key, date_key(*date)));
                    self.manifest.editions.remove(date);
                    self.manifest.skipped.retain(|s| s.date != *date);
                    Arc::make_mut(&mut self.tags).remove_range(ArticleId::date_key_range(*date));
                }
            }
        }
        self.commit(writer)
    }

    /// Indexes editions given directly (benchmarks, tests, bulk loads that
    /// already hold them), replacing any earlier version of those dates, with
    /// one writer and one commit; returns the number of articles added. The
    /// manifest is not touched: pair it with saved RON files, or the next
    /// [`SearchIndex::open`] treats those dates as stale.
    pub fn index_editions(&mut self, editions: impl IntoIterator<Item = Edition>) -> Result<usize> {
        let writer = self.writer(REBUILD_BUDGET_BYTES)?;
        let mut articles = 0;
        for edition in editions {
            writer.delete_term(Term::from_field_u64(
                self.fields.date_key,
                date_key(edition.date),
            ));
            self.add_edition(&writer, &edition)?;
            articles += edition.article_count();
        }
        self.commit(writer)?;
        Ok(articles)
    }

    /// Lays editorial patches (their tags) over the tag map. Only memory
    /// changes: the patches are in the store's journal, which
    /// [`SearchIndex::open`] lays over the map again.
    pub fn apply_patches<'a>(&mut self, patches: impl IntoIterator<Item = &'a Patch>) {
        let map = Arc::make_mut(&mut self.tags);
        for patch in patches {
            if let Some(tags) = &patch.tags {
                map.set(&patch.id, tags);
            }
        }
        map.pack();
    }

    /// The tags of article `id` as the index knows them.
    pub fn tags_of(&self, id: &ArticleId) -> &[TagId] {
        self.tags.get(id.key())
    }

    /// Articles carrying each tag (directly, not through a nested tag).
    pub fn tag_counts(&self) -> BTreeMap<TagId, usize> {
        let mut counts = BTreeMap::new();
        for tagged in self.tags.iter() {
            for tag in tagged.tags {
                *counts.entry(*tag).or_default() += 1;
            }
        }
        counts
    }

    /// Keys of the articles of a named set (`tag:` or `in:`).
    pub(crate) fn set_keys(&self, kind: super::plan::SetKind, name: &str) -> Vec<u64> {
        match kind {
            super::plan::SetKind::Tag => self.tagged_keys(name),
            super::plan::SetKind::Collection => self
                .collections
                .iter()
                .find(|c| c.name == name)
                .map(|c| c.articles.iter().map(ArticleId::key).collect())
                .unwrap_or_default(),
        }
    }

    /// Place in collection `name` by article key, for listing it in order.
    pub(crate) fn collection_order(&self, name: &str) -> Option<Arc<HashMap<u64, usize>>> {
        let collection = self.collections.iter().find(|c| c.name == name)?;
        Some(Arc::new(
            collection
                .articles
                .iter()
                .enumerate()
                .map(|(place, id)| (id.key(), place))
                .collect(),
        ))
    }

    /// Keys of the articles carrying tag `name` or a tag nested under it.
    pub(crate) fn tagged_keys(&self, name: &str) -> Vec<u64> {
        let Some(tag) = self.vocabulary.iter().find(|t| t.name == name) else {
            return Vec::new();
        };
        let wanted: BTreeSet<TagId> = tag_and_descendants(&self.vocabulary, tag.id)
            .into_iter()
            .collect();
        self.tags
            .iter()
            .filter(|tagged| tagged.tags.iter().any(|t| wanted.contains(t)))
            .map(|tagged| tagged.key)
            .collect()
    }

    /// Every article that carries a tag, with its tags.
    pub fn tagged(&self) -> impl Iterator<Item = TaggedRef<'_>> {
        self.tags.iter()
    }

    /// The articles carrying tag `tag` itself, with all their tags.
    pub fn carriers(&self, tag: TagId) -> Vec<Tagged> {
        self.tags
            .iter()
            .filter(|t| t.tags.contains(&tag))
            .map(|t| t.to_owned())
            .collect()
    }

    /// Those of `ids` that are not in the index (so not in the archive).
    pub fn missing_articles(&self, ids: &[ArticleId]) -> Result<Vec<ArticleId>> {
        let searcher = self.reader.searcher();
        let count = |keys: &mut dyn Iterator<Item = u64>| {
            let terms: Vec<Term> = keys
                .map(|k| Term::from_field_u64(self.fields.id_key, k))
                .collect();
            tantivy::query::TermSetQuery::new(terms)
                .count(&searcher)
                .map_err(|e| tantivy_err(&self.dir, e))
        };
        let keys: BTreeSet<u64> = ids.iter().map(ArticleId::key).collect();
        if count(&mut keys.iter().copied())? >= keys.len() {
            return Ok(Vec::new());
        }
        let mut missing = Vec::new();
        for id in ids {
            if count(&mut std::iter::once(id.key()))? == 0 {
                missing.push(id.clone());
            }
        }
        Ok(missing)
    }

    /// Takes the project's tag vocabulary (after a tag was created, renamed,
    /// moved or deleted); new names become words of the segmenter.
    pub fn set_vocabulary(&mut self, project: &Project) {
        self.jieba.add_words(project_words(project));
        self.vocabulary = project.tags.clone();
        self.collections = project.collections.clone();
        self.entities = project.entities.clone();
        self.tag_names = Arc::new(
            project
                .tags
                .iter()
                .map(|t| (t.id, t.name.clone()))
                .collect(),
        );
    }

    /// Records, before a fold puts them in place, the stamps the edition
    /// files in `files` will have (their text unchanged: the journal's tags
    /// and notes written in), so readers take them for fresh; writes the
    /// manifest under the index lock.
    pub fn prestamp<'a>(&mut self, files: impl IntoIterator<Item = &'a EditionFile>) -> Result<()> {
        for file in files {
            if self.manifest.editions.contains_key(&file.date) {
                self.manifest.folding.insert(file.date, FileStamp::of(file));
            }
        }
        self.write_locked(false)
    }

    /// Records that the edition files of `dates` were rewritten without a
    /// change of text (the journal folded into them), so the next open does
    /// not take them for stale; writes the manifest with the tag map, under
    /// the index lock.
    pub fn restamp(&mut self, store: &Store, dates: &[NaiveDate]) -> Result<()> {
        if dates.is_empty() {
            return Ok(());
        }
        for date in dates {
            self.manifest.folding.remove(date);
            if !self.manifest.editions.contains_key(date) {
                continue;
            }
            if let Some(file) = store.edition_file(*date)? {
                self.manifest.editions.insert(*date, FileStamp::of(&file));
            }
        }
        self.write_locked(true)
    }

    /// Writes the manifest (and the tag map, with `tags`) holding the
    /// home's lock, so no other process's update interleaves.
    fn write_locked(&mut self, tags: bool) -> Result<()> {
        let Some(home) = self.home.clone() else {
            return Ok(());
        };
        let _lock = lock_home(&home)?;
        if tags {
            self.write_manifest()
        } else {
            self.write_manifest_only()
        }
    }

    /// Editions that could not be read when they were last indexed.
    pub fn skipped(&self) -> &[SkippedEdition] {
        &self.manifest.skipped
    }

    /// Number of articles, editions and segments.
    pub fn stats(&self) -> IndexStats {
        let searcher = self.reader.searcher();
        IndexStats {
            articles: searcher.num_docs(),
            editions: self.manifest.editions.len(),
            segments: searcher.segment_readers().len(),
        }
    }

    /// The index folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub(super) fn open_generation(dir: &Path, project: &Project) -> Result<SearchIndex> {
        let manifest_path = dir.join(MANIFEST_FILE);
        let text = fs::read_to_string(&manifest_path).map_err(|e| io(&manifest_path, e))?;
        let manifest: Manifest =
            serde_json::from_str(&text).map_err(|e| io(&manifest_path, e.into()))?;
        drop(text);
        if manifest.schema_version != SCHEMA_VERSION {
            return Err(SearchError::OldSchema {
                path: dir.to_path_buf(),
            });
        }
        let tags_path = dir.join(TAGS_FILE);
        let bytes = fs::read(&tags_path).map_err(|e| io(&tags_path, e))?;
        let tags = tagfile::decode(&bytes).ok_or_else(|| {
            io(
                &tags_path,
                std::io::Error::other("the tag map does not read back"),
            )
        })?;
        let mmap = MmapDirectory::open(dir).map_err(|e| tantivy_err(dir, e.into()))?;
        let index = Index::open(ReadableDirectory(mmap)).map_err(|e| tantivy_err(dir, e))?;
        let (schema, fields) = build_schema();
        if index.schema() != schema {
            return Err(SearchError::OldSchema {
                path: dir.to_path_buf(),
            });
        }
        Self::assemble(index, fields, dir.to_path_buf(), manifest, tags, project)
    }

    pub(super) fn assemble(
        mut index: Index,
        fields: Fields,
        dir: PathBuf,
        mut manifest: Manifest,
        tags: TagMap,
        project: &Project,
    ) -> Result<SearchIndex> {
        let jieba = SharedJieba::default();
        jieba.add_words(manifest.user_words.iter().map(String::as_str));
        jieba.add_words(project_words(project));
        manifest
            .user_words
            .extend(project_words(project).map(str::to_string));
        manifest.schema_version = SCHEMA_VERSION;
        register(&index, &jieba);
        // Segments are searched in parallel, one thread per core: a
        // one-character query unions thousands of bigram postings per segment.
        if indexing_threads() > 1 {
            index
                .set_multithread_executor(indexing_threads())
                .map_err(|e| tantivy_err(&dir, e))?;
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(|e| tantivy_err(&dir, e))?;
        let tags = Arc::new(tags);
        let mut search = SearchIndex {
            index,
            reader,
            fields,
            jieba,
            dir,
            home: None,
            pin: None,
            manifest,
            notices: Vec::new(),
            tags,
            vocabulary: Vec::new(),
            tag_names: Arc::default(),
            collections: Vec::new(),
            entities: Vec::new(),
        };
        search.set_vocabulary(project);
        Ok(search)
    }

    /// Editions whose files differ from the manifest (changed, new, gone).
    pub(super) fn stale_dates(&self, store: &Store) -> Result<Vec<NaiveDate>> {
        let files = store.edition_files()?;
        let on_disk: BTreeSet<NaiveDate> = files.iter().map(|f| f.date).collect();
        let mut stale: Vec<NaiveDate> = files
            .iter()
            .filter(|f| !self.manifest.is_fresh(f))
            .map(|f| f.date)
            .collect();
        stale.extend(
            self.manifest
                .editions
                .keys()
                .filter(|d| !on_disk.contains(d))
                .copied(),
        );
        Ok(stale)
    }

    pub(super) fn writer(&self, budget_bytes: usize) -> Result<IndexWriter> {
        let threads = if budget_bytes < REBUILD_BUDGET_BYTES {
            1
        } else {
            indexing_threads()
        };
        let writer: IndexWriter = self
            .index
            .writer_with_num_threads(threads, budget_bytes)
            .map_err(|e| tantivy_err(&self.dir, e))?;
        // A merge maps the segments it reads, and their pages count as the
        // process's memory until it ends: merging only segments of fewer than
        // MERGE_MAX_DOCS articles keeps any merge to a few hundred MB (an
        // archive of a million articles ends in ~15 segments, not one).
        let mut policy = LogMergePolicy::default();
        policy.set_max_docs_before_merge(MERGE_MAX_DOCS);
        writer.set_merge_policy(Box::new(policy));
        // A writer killed mid-commit (kill -9, power cut) leaves files that
        // meta.json does not name; the next writer may want the same names
        // ("FileAlreadyExists(….del)"), so clear them first. tantivy takes
        // its meta lock for this, so readers opening segments are safe.
        if self.home.is_some() {
            writer.garbage_collect_files().wait().ok();
        }
        Ok(writer)
    }

    pub(super) fn commit(&mut self, mut writer: IndexWriter) -> Result<()> {
        writer.commit().map_err(|e| tantivy_err(&self.dir, e))?;
        writer
            .wait_merging_threads()
            .map_err(|e| tantivy_err(&self.dir, e))?;
        Arc::make_mut(&mut self.tags).pack();
        self.reader
            .reload()
            .map_err(|e| tantivy_err(&self.dir, e))?;
        self.write_manifest()
    }

    fn write_manifest(&mut self) -> Result<()> {
        if self.home.is_none() {
            // In memory: nothing outlives the session.
            return Ok(());
        }
        // The tag map first: a crash before the manifest leaves the manifest
        // older than the map, so the editions it lacks are indexed again
        // (setting their tags from the editions) at the next open.
        let tags_path = self.dir.join(TAGS_FILE);
        crate::archive::store::write_atomic(&tags_path, &tagfile::encode(&self.tags))
            .map_err(|e| io(&tags_path, e))?;
        self.write_manifest_only()
    }

    fn write_manifest_only(&self) -> Result<()> {
        if self.home.is_none() {
            return Ok(());
        }
        let path = self.dir.join(MANIFEST_FILE);
        let json = serde_json::to_string(&self.manifest).map_err(|e| io(&path, e.into()))?;
        crate::archive::store::write_atomic(&path, json.as_bytes()).map_err(|e| io(&path, e))
    }

    /// Loads one edition file and (re)indexes its articles. A file that does
    /// not load is recorded in [`SearchIndex::skipped`] and its old articles
    /// are kept out of results.
    pub(super) fn index_edition_file(
        &mut self,
        writer: &mut IndexWriter,
        store: &Store,
        file: &EditionFile,
        replace: bool,
    ) -> Result<()> {
        if replace {
            writer.delete_term(Term::from_field_u64(
                self.fields.date_key,
                date_key(file.date),
            ));
        }
        self.manifest.skipped.retain(|s| s.date != file.date);
        match store.load_edition(file.date) {
            Ok(Some(edition)) => self.add_edition(writer, &edition)?,
            Ok(None) => {}
            Err(e) => self.manifest.skipped.push(SkippedEdition::new(
                file.date,
                store.edition_path(file.date),
                &e,
            )),
        }
        self.manifest.folding.remove(&file.date);
        self.manifest
            .editions
            .insert(file.date, FileStamp::of(file));
        Ok(())
    }

    pub(super) fn add_edition(&mut self, writer: &IndexWriter, edition: &Edition) -> Result<()> {
        let names = edition
            .articles()
            .flat_map(|(_, a)| a.reporters.iter().chain(a.correspondents.iter()))
            .filter(|n| !self.manifest.user_words.contains(n.as_str()))
            .cloned()
            .collect::<Vec<_>>();
        if !names.is_empty() {
            self.jieba.add_words(names.iter().map(String::as_str));
            self.manifest.user_words.extend(names);
        }
        let map = Arc::make_mut(&mut self.tags);
        map.remove_range(ArticleId::date_key_range(edition.date));
        // tantivy's indexing threads tokenise the documents, one per core.
        for page in &edition.pages {
            for (seq, article) in page.articles.iter().enumerate() {
                map.set(&article.id, &article.tags);
                let doc = article_document(&self.fields, edition.date, page.number, seq, article);
                writer
                    .add_document(doc)
                    .map_err(|e| tantivy_err(&self.dir, e))?;
            }
        }
        Ok(())
    }
}

/// Threads that index documents (tokenising them) or search segments: the
/// cores, at most four.
fn indexing_threads() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get().min(4))
        .unwrap_or(1)
}

/// Words of the project's vocabularies that the segmenter should know.
pub(super) fn project_words(project: &Project) -> impl Iterator<Item = &str> {
    project
        .user_words
        .iter()
        .map(String::as_str)
        .chain(project.tags.iter().map(|t| t.name.as_str()))
        .chain(
            project
                .entities
                .iter()
                .filter(|e| !e.not_entity)
                .flat_map(EntityDef::names),
        )
}

/// Takes the home's writer lock, waiting up to [`REINDEX_WAIT`] for a
/// rebuild or another process's update; one place words "held by another".
fn lock_home(home: &IndexHome) -> Result<HomeLock> {
    match home.lock(REINDEX_WAIT) {
        Ok(Some(lock)) => Ok(lock),
        Ok(None) => Err(io(
            &home.root,
            std::io::Error::other("another process holds the search index"),
        )),
        Err(e) => Err(io(&home.root, e)),
    }
}
