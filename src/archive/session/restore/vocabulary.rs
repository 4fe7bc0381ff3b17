//! The vocabulary and settings a JSON Lines export carries
//! ([`ArchiveSnapshot`]) laid into the archive: taken whole into one that has
//! none of its own, merged by name into any other.

use std::collections::{BTreeMap, HashSet};

use super::super::{Result, Session, check_tag};
use crate::archive::edit::{EditError, valid_tag_name};
use crate::archive::export::{ArchiveSnapshot, ExportRecord};
use crate::archive::model::{ArticleId, Collection, CollectionId, Project, TagDef, TagId};

impl Session {
    /// Takes the export's tag vocabulary as it is, ids included, into an
    /// archive that has none; each tag checked as creating it would be.
    pub(super) fn adopt_tags(&mut self, snapshot: &ArchiveSnapshot) -> Result<()> {
        let mut project = self.project().clone();
        for def in parents_first(&snapshot.tags) {
            check_tag(&project, def)?;
            if project.tag(def.id).is_some() {
                return Err(EditError::TagExists(def.name.clone()).into());
            }
            let at = project.tags.partition_point(|t| t.id < def.id);
            project.tags.insert(at, def.clone());
            project.next_tag_id = project.next_tag_id.max(def.id.0 + 1);
        }
        project.next_tag_id = project.next_tag_id.max(snapshot.next_tag_id);
        self.save_project(project)
    }

    /// Merges the tags the records carry (and the tags they are nested
    /// under) into the archive's vocabulary by name: a name the archive
    /// lacks is created with the export's colour, description and parent.
    /// Returns the export's tag ids mapped to the archive's.
    pub(super) fn merge_tags(
        &mut self,
        snapshot: &ArchiveSnapshot,
        records: &[ExportRecord],
    ) -> Result<BTreeMap<TagId, TagId>> {
        let mut wanted: HashSet<TagId> = HashSet::new();
        for id in records.iter().flat_map(|r| &r.tag_ids) {
            let mut at = Some(*id);
            while let Some(id) = at.filter(|id| wanted.insert(*id)) {
                at = snapshot
                    .tags
                    .iter()
                    .find(|t| t.id == id)
                    .and_then(|t| t.parent);
            }
        }
        let mut project = self.project().clone();
        let mut map = BTreeMap::new();
        for def in parents_first(&snapshot.tags) {
            if !wanted.contains(&def.id) {
                continue;
            }
            let id = match project.tag_named(def.name.trim()) {
                Some(existing) => existing.id,
                None => {
                    let used = project.tags.iter().map(|t| t.id.0 + 1).max().unwrap_or(1);
                    let new = TagDef {
                        id: TagId(project.next_tag_id.max(used).max(1)),
                        name: def.name.trim().to_string(),
                        parent: def.parent.and_then(|p| map.get(&p).copied()),
                        ..def.clone()
                    };
                    check_tag(&project, &new)?;
                    project.next_tag_id = new.id.0 + 1;
                    let id = new.id;
                    project.tags.push(new);
                    id
                }
            };
            map.insert(def.id, id);
        }
        if project != *self.project() {
            self.save_project(project)?;
        }
        Ok(map)
    }
}

/// `project` with the collections, saved searches, user words and paper's
/// name of the export: taken as they are when `adopt`, else only the
/// restored articles' collection memberships, merged by collection name.
/// Asked once before anything is saved, so a snapshot that does not check
/// out refuses the file whole.
pub(super) fn with_settings(
    project: &Project,
    snapshot: &ArchiveSnapshot,
    adopt: bool,
    restored: &HashSet<&ArticleId>,
) -> std::result::Result<Project, EditError> {
    let mut project = project.clone();
    if adopt {
        for collection in &snapshot.collections {
            if !valid_tag_name(&collection.name) {
                return Err(EditError::BadTagName(collection.name.clone()));
            }
            if project
                .collections
                .iter()
                .any(|c| c.name == collection.name || c.id == collection.id)
            {
                return Err(EditError::CollectionExists(collection.name.clone()));
            }
            project.next_collection_id = project.next_collection_id.max(collection.id.0 + 1);
            project.collections.push(Collection {
                articles: collection
                    .articles
                    .iter()
                    .filter(|a| restored.contains(a))
                    .cloned()
                    .collect(),
                ..collection.clone()
            });
        }
        project.next_collection_id = project.next_collection_id.max(snapshot.next_collection_id);
        for search in &snapshot.saved_searches {
            if search.name.trim().is_empty() {
                return Err(EditError::EmptyName);
            }
            if project.saved_search(&search.name).is_some() {
                return Err(EditError::SavedSearchExists(search.name.clone()));
            }
            project.saved_searches.push(search.clone());
        }
        project.user_words = snapshot.user_words.clone();
        project.entities = snapshot.entities.clone();
        project.next_entity_id = project.next_entity_id.max(snapshot.next_entity_id);
        if project.paper.trim().is_empty() {
            project.paper = snapshot.paper.clone();
        }
        return Ok(project);
    }
    for collection in &snapshot.collections {
        let members: Vec<&ArticleId> = collection
            .articles
            .iter()
            .filter(|a| restored.contains(a))
            .collect();
        if members.is_empty() {
            continue;
        }
        let at = match project
            .collections
            .iter()
            .position(|c| c.name == collection.name)
        {
            Some(at) => at,
            None => {
                if !valid_tag_name(&collection.name) {
                    return Err(EditError::BadTagName(collection.name.clone()));
                }
                let used = project.collections.iter().map(|c| c.id.0 + 1).max();
                let id = CollectionId(project.next_collection_id.max(used.unwrap_or(1)).max(1));
                project.next_collection_id = id.0 + 1;
                project.collections.push(Collection {
                    id,
                    name: collection.name.clone(),
                    articles: Vec::new(),
                });
                project.collections.len() - 1
            }
        };
        let list = &mut project.collections[at].articles;
        for member in members {
            if !list.contains(member) {
                list.push(member.clone());
            }
        }
    }
    // Entities whose names this archive says nothing about join its
    // vocabulary under fresh ids; where it has its own word, it keeps it.
    for def in &snapshot.entities {
        let known = def
            .names()
            .any(|n| project.entity_covering(def.kind, n).is_some());
        if known {
            continue;
        }
        let used = project.entities.iter().map(|e| e.id.0 + 1).max();
        let id = project.next_entity_id.max(used.unwrap_or(1)).max(1);
        project.next_entity_id = id + 1;
        project.entities.push(crate::archive::model::EntityDef {
            id: crate::archive::model::EntityId(id),
            ..def.clone()
        });
    }
    Ok(project)
}

/// Whether `project` has no vocabulary or settings an export's could clash with.
pub(super) fn vocabulary_is_empty(project: &Project) -> bool {
    project.tags.is_empty()
        && project.collections.is_empty()
        && project.saved_searches.is_empty()
        && project.user_words.is_empty()
        && project.entities.is_empty()
}

/// `tags` ordered so that each comes after the tag it is nested under (a
/// tag moved under a newer one has the larger id); a tag in a cycle or
/// under a missing parent comes last, where checking it reports it.
fn parents_first(tags: &[TagDef]) -> Vec<&TagDef> {
    let mut placed: HashSet<TagId> = HashSet::new();
    let mut order: Vec<&TagDef> = Vec::with_capacity(tags.len());
    let mut left: Vec<&TagDef> = tags.iter().collect();
    loop {
        let before = left.len();
        left.retain(|t| {
            let ready = t.parent.is_none_or(|p| placed.contains(&p));
            if ready {
                placed.insert(t.id);
                order.push(t);
            }
            !ready
        });
        if left.is_empty() || left.len() == before {
            break;
        }
    }
    order.extend(left);
    order
}
