//! Format migrations: a version-1 project (tags stored by name in every
//! article) becomes version 2 (tags with stable ids in `project.ron`).
//!
//! The originals are copied to `migration-backup-v1/` first and that copy is
//! removed only after every file was rewritten, so a crash mid-way leaves the
//! old files at hand; the next open migrates again from that copy, giving
//! the same ids (the vocabulary is built in a fixed order).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::error::{Result, StoreError};
use super::{EDITIONS_DIR, PROJECT_FILE, read_ron};
use crate::archive::model::{
    Article, ArticleId, Collection, CollectionId, Edition, Page, Project, SavedSearch, TagDef,
    TagId,
};

/// Folder the version-1 files are copied to while migrating.
pub const BACKUP_DIR: &str = "migration-backup-v1";

/// The version field of `project.ron`, whatever the rest of its format.
#[derive(Deserialize)]
#[serde(rename = "Project")]
struct VersionProbe {
    #[serde(default = "one")]
    version: u32,
}

fn one() -> u32 {
    1
}

/// The format version of the `project.ron` at `path` (files before versioning count as 1).
pub fn file_version(path: &Path) -> Result<u32> {
    Ok(read_ron::<VersionProbe>(path)?.version)
}

mod v1 {
    //! The version-1 shapes: tags by name.
    use super::*;

    #[derive(Deserialize, Default)]
    #[serde(default, rename = "Project")]
    pub struct Project {
        pub paper: String,
        pub tags: Vec<TagDef>,
        pub collections: Vec<Collection>,
        pub saved_searches: Vec<SavedSearch>,
        pub user_words: Vec<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default, rename = "TagDef")]
    pub struct TagDef {
        pub name: String,
        pub colour: Option<String>,
        pub parent: Option<String>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default, rename = "Edition")]
    pub struct Edition {
        pub date: chrono::NaiveDate,
        pub pages: Vec<Page>,
    }

    #[derive(Deserialize, Default)]
    #[serde(default, rename = "Page")]
    pub struct Page {
        pub number: u32,
        pub source: Option<String>,
        pub encoding: Option<String>,
        pub articles: Vec<Article>,
        pub last_seq: u32,
    }

    #[derive(Deserialize, Default)]
    #[serde(default, rename = "Article")]
    pub struct Article {
        pub id: ArticleId,
        pub kicker: Option<String>,
        pub headline: Option<String>,
        pub subtitle: Option<String>,
        pub byline: Option<String>,
        pub reporters: Vec<String>,
        pub correspondents: Vec<String>,
        pub paragraphs: Vec<String>,
        pub tags: Vec<String>,
        pub note: String,
    }
}

/// What a migration did, for the one line the caller reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Migrated {
    /// Version migrated from.
    pub from: u32,
    /// Edition files rewritten.
    pub editions: usize,
    /// Tags in the new vocabulary.
    pub tags: usize,
}

/// Migrates the version-1 project in `root` to the current format.
pub fn migrate_v1(root: &Path) -> Result<Migrated> {
    let backup = root.join(BACKUP_DIR);
    if !backup.join(PROJECT_FILE).exists() {
        copy_originals(root, &backup)?;
    }
    let old_project: v1::Project = read_ron(&backup.join(PROJECT_FILE))?;
    let old_editions = edition_files(&backup.join(EDITIONS_DIR))?;

    // The vocabulary: the project's tags in order, then names only articles
    // used, in date order; parents by name once every tag has an id.
    let mut tags: Vec<TagDef> = Vec::new();
    let mut ids: BTreeMap<String, TagId> = BTreeMap::new();
    let mut add = |name: &str, colour: Option<String>, tags: &mut Vec<TagDef>| {
        if let Some(id) = ids.get(name) {
            return *id;
        }
        let id = TagId(tags.len() as u32 + 1);
        ids.insert(name.to_string(), id);
        tags.push(TagDef {
            id,
            name: name.to_string(),
            colour,
            ..TagDef::default()
        });
        id
    };
    for tag in &old_project.tags {
        add(&tag.name, tag.colour.clone(), &mut tags);
    }
    let mut editions = Vec::new();
    for path in &old_editions {
        let old: v1::Edition = read_ron(path)?;
        let edition = Edition {
            date: old.date,
            pages: old
                .pages
                .into_iter()
                .map(|p| Page {
                    number: p.number,
                    source: p.source,
                    encoding: p.encoding,
                    last_seq: p.last_seq,
                    corrected_by_hand: false,
                    articles: p
                        .articles
                        .into_iter()
                        .map(|a| Article {
                            tags: a.tags.iter().map(|t| add(t, None, &mut tags)).collect(),
                            id: a.id,
                            kicker: a.kicker,
                            headline: a.headline,
                            subtitle: a.subtitle,
                            byline: a.byline,
                            reporters: a.reporters,
                            correspondents: a.correspondents,
                            paragraphs: a.paragraphs,
                            note: a.note,
                            ..Article::default()
                        })
                        .collect(),
                    ..Page::default()
                })
                .collect(),
            ..Edition::default()
        };
        editions.push((path, edition));
    }
    for old in &old_project.tags {
        let parent = old.parent.as_deref().and_then(|p| ids.get(p)).copied();
        if let Some(tag) = tags.iter_mut().find(|t| t.name == old.name) {
            tag.parent = parent.filter(|p| *p != tag.id);
        }
    }
    let mut collections = old_project.collections;
    for (n, collection) in collections.iter_mut().enumerate() {
        collection.id = CollectionId(n as u32 + 1);
    }
    let project = Project {
        paper: old_project.paper,
        next_collection_id: collections.len() as u32 + 1,
        next_tag_id: tags.len() as u32 + 1,
        tags,
        collections,
        saved_searches: old_project.saved_searches,
        user_words: old_project.user_words,
        ..Project::default()
    };

    let migrated = Migrated {
        from: 1,
        editions: editions.len(),
        tags: project.tags.len(),
    };
    let backup_editions = backup.join(EDITIONS_DIR);
    for (old_path, edition) in editions {
        let relative = old_path.strip_prefix(&backup_editions).unwrap_or(old_path);
        let target = root.join(EDITIONS_DIR).join(relative);
        super::write_ron_file(&target, &edition)?;
    }
    // project.ron last: until it says version 2, the next open migrates again.
    super::write_ron_file(&root.join(PROJECT_FILE), &project)?;
    fs::remove_dir_all(&backup).map_err(|e| StoreError::io(&backup, e))?;
    Ok(migrated)
}

/// Copies `project.ron` and `editions/` into `backup` (through a temp folder
/// renamed at the end, so a half-made copy is never taken for the originals).
fn copy_originals(root: &Path, backup: &Path) -> Result<()> {
    let partial = root.join(format!("{BACKUP_DIR}.partial"));
    if partial.exists() {
        fs::remove_dir_all(&partial).map_err(|e| StoreError::io(&partial, e))?;
    }
    fs::create_dir_all(partial.join(EDITIONS_DIR)).map_err(|e| StoreError::io(&partial, e))?;
    let copy = |from: &Path, to: &Path| -> Result<()> {
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent).map_err(|e| StoreError::io(parent, e))?;
        }
        fs::copy(from, to).map_err(|e| StoreError::io(from, e))?;
        Ok(())
    };
    copy(&root.join(PROJECT_FILE), &partial.join(PROJECT_FILE))?;
    let editions = root.join(EDITIONS_DIR);
    for path in edition_files(&editions)? {
        let relative = path.strip_prefix(&editions).unwrap_or(&path);
        copy(&path, &partial.join(EDITIONS_DIR).join(relative))?;
    }
    fs::rename(&partial, backup).map_err(|e| StoreError::io(backup, e))
}

/// `YYYY/YYYY-MM-DD.ron` files under `dir`, sorted.
fn edition_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(2).max_depth(2) {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            StoreError::io(&path, e.into())
        })?;
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.ends_with(".ron") && !name.starts_with('.') {
            files.push(entry.into_path());
        }
    }
    files.sort();
    Ok(files)
}
