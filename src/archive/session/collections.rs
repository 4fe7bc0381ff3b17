//! Collections (选集): named, ordered sets of articles in `project.ron`,
//! changed by undoable edits like everything else.

use std::collections::HashSet;

use super::{Result, Session};
use crate::archive::edit::{Edit, EditError, valid_tag_name};
use crate::archive::model::{ArticleId, Collection, CollectionId, Project};

impl Session {
    /// A new, empty collection with a fresh id (applied with [`Edit::CreateCollection`]).
    pub fn new_collection(&self, name: &str) -> Collection {
        let project = self.project();
        let used = project
            .collections
            .iter()
            .map(|c| c.id.0 + 1)
            .max()
            .unwrap_or(1);
        Collection {
            id: CollectionId(project.next_collection_id.max(used).max(1)),
            name: name.trim().to_string(),
            articles: Vec::new(),
        }
    }

    /// The collection named `name`.
    pub fn collection_named(&self, name: &str) -> Result<&Collection> {
        self.project()
            .collection_named(name)
            .ok_or_else(|| EditError::UnknownCollection(name.to_string()).into())
    }

    /// Applies a collection edit and returns its inverse.
    pub(super) fn apply_collection_edit(&mut self, edit: Edit) -> Result<Edit> {
        match edit {
            Edit::CreateCollection {
                position,
                collection,
            } => {
                let mut project = self.project().clone();
                check_collection_name(&project, &collection.name, collection.id)?;
                if project.collection(collection.id).is_some() {
                    return Err(EditError::CollectionExists(collection.name).into());
                }
                let id = collection.id;
                let at = position.min(project.collections.len());
                project.collections.insert(at, collection);
                project.next_collection_id = project.next_collection_id.max(id.0 + 1);
                self.save_project(project)?;
                Ok(Edit::DeleteCollection(id))
            }
            Edit::RenameCollection { id, name } => {
                let mut project = self.project().clone();
                let name = name.trim().to_string();
                check_collection_name(&project, &name, id)?;
                let collection = collection_mut(&mut project, id)?;
                let old = std::mem::replace(&mut collection.name, name);
                self.save_project(project)?;
                Ok(Edit::RenameCollection { id, name: old })
            }
            Edit::DeleteCollection(id) => {
                let mut project = self.project().clone();
                let at = project
                    .collections
                    .iter()
                    .position(|c| c.id == id)
                    .ok_or_else(|| EditError::UnknownCollection(id.0.to_string()))?;
                let old = project.collections.remove(at);
                self.save_project(project)?;
                Ok(Edit::CreateCollection {
                    position: at,
                    collection: old,
                })
            }
            Edit::AddToCollection { id, articles } => {
                if let Some(missing) = self.index.missing_articles(&articles)?.first() {
                    return Err(EditError::UnknownArticle(missing.clone()).into());
                }
                self.change_collection(id, |list| {
                    for article in articles {
                        if !list.contains(&article) {
                            list.push(article);
                        }
                    }
                })
            }
            Edit::RemoveFromCollection { id, articles } => self.change_collection(id, |list| {
                list.retain(|a| !articles.contains(a));
            }),
            Edit::MoveInCollection { id, article, to } => self.change_collection(id, |list| {
                if let Some(from) = list.iter().position(|a| *a == article) {
                    let moved = list.remove(from);
                    list.insert(to.min(list.len()), moved);
                }
            }),
            Edit::SetCollection { id, articles } => {
                self.change_collection(id, |list| *list = articles)
            }
            // Only collection edits are routed here; anything else goes back.
            other => self.apply_edit(other),
        }
    }

    /// Changes the article list of collection `id`; returns the inverse.
    fn change_collection(
        &mut self,
        id: CollectionId,
        change: impl FnOnce(&mut Vec<ArticleId>),
    ) -> Result<Edit> {
        let mut project = self.project().clone();
        let collection = collection_mut(&mut project, id)?;
        let old = collection.articles.clone();
        change(&mut collection.articles);
        self.save_project(project)?;
        Ok(Edit::SetCollection { id, articles: old })
    }
}

pub(super) fn collection_name(project: &Project, id: CollectionId) -> String {
    project
        .collection(id)
        .map_or_else(|| format!("#{}", id.0), |c| c.name.clone())
}

/// How many of `articles` adding them to collection `id` appends: those
/// not in it yet, each once.
pub(super) fn added_count(project: &Project, id: CollectionId, articles: &[ArticleId]) -> usize {
    let mut seen: HashSet<&ArticleId> = project
        .collection(id)
        .map(|c| c.articles.iter().collect())
        .unwrap_or_default();
    articles.iter().filter(|a| seen.insert(a)).count()
}

/// How many of collection `id`'s articles removing `articles` takes out.
pub(super) fn removed_count(project: &Project, id: CollectionId, articles: &[ArticleId]) -> usize {
    let gone: HashSet<&ArticleId> = articles.iter().collect();
    project.collection(id).map_or(0, |c| {
        c.articles.iter().filter(|a| gone.contains(a)).count()
    })
}

fn collection_mut(project: &mut Project, id: CollectionId) -> Result<&mut Collection, EditError> {
    project
        .collections
        .iter_mut()
        .find(|c| c.id == id)
        .ok_or_else(|| EditError::UnknownCollection(id.0.to_string()))
}

/// A collection name must be non-empty, unique, and one token of the query
/// language (`in:名称`), like a tag name.
fn check_collection_name(project: &Project, name: &str, id: CollectionId) -> Result<(), EditError> {
    if !valid_tag_name(name) {
        return Err(EditError::BadTagName(name.to_string()));
    }
    if project
        .collections
        .iter()
        .any(|c| c.name == name && c.id != id)
    {
        return Err(EditError::CollectionExists(name.to_string()));
    }
    Ok(())
}
