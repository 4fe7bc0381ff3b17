//! The index of names (people, places, organisations, reporters) and what
//! people say about them: the entity vocabulary of `project.ron`, changed by
//! undoable edits like every other vocabulary. Extraction's names live in
//! the index (derived, recomputed on re-extraction); an entry of the
//! vocabulary groups them (乔书记 = 乔俊杰), renames them or marks one as no
//! entity, and applies at search time, so no edit re-indexes any text.

use serde::Serialize;

use super::{Result, Session};
use crate::archive::edit::{Edit, EditError, EditSummary};
use crate::archive::model::{EntityDef, EntityId, EntityKind, Project};

/// A section of the index of names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum NameKind {
    /// 人物.
    Person,
    /// 地点.
    Place,
    /// 机构.
    Org,
    /// 记者: from the bylines, not extraction; not in the vocabulary.
    Reporter,
}

impl NameKind {
    /// Every section, in the order the index shows them.
    pub const ALL: [NameKind; 4] = [
        NameKind::Person,
        NameKind::Place,
        NameKind::Org,
        NameKind::Reporter,
    ];

    /// The entity kind, or `None` for reporters.
    pub fn entity(self) -> Option<EntityKind> {
        match self {
            NameKind::Person => Some(EntityKind::Person),
            NameKind::Place => Some(EntityKind::Place),
            NameKind::Org => Some(EntityKind::Org),
            NameKind::Reporter => None,
        }
    }

    /// `person`, `place`, `org`, `reporter`: the CLI's and the JSON's word,
    /// and the query field that finds the name.
    pub fn name(self) -> &'static str {
        self.entity().map_or("reporter", EntityKind::name)
    }

    /// The section named `person`/`人物`, …, `reporter`/`记者`.
    pub fn from_name(name: &str) -> Option<NameKind> {
        match name.to_lowercase().as_str() {
            "reporter" | "reporters" | "记者" => Some(NameKind::Reporter),
            other => EntityKind::from_name(other).map(NameKind::from),
        }
    }

    /// The query that finds the articles naming `name` (`person:乔俊杰`).
    pub fn query(self, name: &str) -> String {
        if name.chars().any(|c| c.is_whitespace() || c == '"') {
            format!("{}:\"{}\"", self.name(), name.replace('"', ""))
        } else {
            format!("{}:{name}", self.name())
        }
    }
}

impl From<EntityKind> for NameKind {
    fn from(kind: EntityKind) -> Self {
        match kind {
            EntityKind::Person => NameKind::Person,
            EntityKind::Place => NameKind::Place,
            EntityKind::Org => NameKind::Org,
        }
    }
}

/// One entry of the index of names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameEntry {
    /// The vocabulary's id, when a person has said something about it.
    pub id: Option<EntityId>,
    /// Its section.
    pub kind: NameKind,
    /// The name shown and searched.
    pub name: String,
    /// The other names it goes by (the vocabulary's aliases).
    pub aliases: Vec<String>,
    /// Articles naming it by any of its names.
    pub articles: u64,
}

impl Session {
    /// The index of names of one section, by name: what extraction found,
    /// grouped, renamed and weeded by the entity vocabulary.
    pub fn names(&self, kind: NameKind) -> Result<Vec<NameEntry>> {
        let Some(entity) = kind.entity() else {
            return Ok(self
                .index
                .reporter_names()?
                .into_iter()
                .map(|n| NameEntry {
                    id: None,
                    kind,
                    name: n.name,
                    aliases: Vec::new(),
                    articles: n.articles,
                })
                .collect());
        };
        let found = self.index.entity_names(entity)?;
        let defs: Vec<&EntityDef> = self
            .project()
            .entities
            .iter()
            .filter(|e| e.kind == entity)
            .collect();
        let mut out = Vec::with_capacity(found.len());
        for n in &found {
            if !defs.iter().any(|d| d.covers(&n.name)) {
                out.push(NameEntry {
                    id: None,
                    kind,
                    name: n.name.clone(),
                    aliases: Vec::new(),
                    articles: n.articles,
                });
            }
        }
        for def in defs.into_iter().filter(|d| !d.not_entity) {
            let printed: Vec<&str> = def
                .names()
                .filter(|name| {
                    found
                        .binary_search_by(|n| n.name.as_str().cmp(name))
                        .is_ok()
                })
                .collect();
            // One name printed: its count is the entity's; several: an
            // article printing two of them counts once.
            let articles = match printed.as_slice() {
                [] => 0,
                [one] => found
                    .binary_search_by(|n| n.name.as_str().cmp(one))
                    .map_or(0, |i| found[i].articles),
                several => self.index.articles_naming(entity, several)?,
            };
            out.push(NameEntry {
                id: Some(def.id),
                kind,
                name: def.name.clone(),
                aliases: def.aliases.clone(),
                articles,
            });
        }
        out.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(out)
    }

    /// The edit that renames the entity `name` of `kind` to `new`; the old
    /// name stays an alias, so the articles that print it still count.
    pub fn rename_entity(&self, kind: EntityKind, name: &str, new: &str) -> Result<Edit> {
        let new = checked_name(new)?;
        let mut def = self.entry_for(kind, name);
        if self.taken_by_other(kind, &new, def.id) {
            return Err(EditError::EntityNameTaken(new).into());
        }
        let old = std::mem::replace(&mut def.name, new.clone());
        def.aliases.retain(|a| *a != new);
        if old != new && !def.aliases.contains(&old) {
            def.aliases.insert(0, old);
        }
        Ok(set(def))
    }

    /// The edit that makes `alias` another name of the entity `name`.
    pub fn alias_entity(&self, kind: EntityKind, name: &str, alias: &str) -> Result<Edit> {
        let alias = checked_name(alias)?;
        let mut def = self.entry_for(kind, name);
        if self.taken_by_other(kind, &alias, def.id) {
            return Err(EditError::EntityNameTaken(alias).into());
        }
        if !def.covers(&alias) {
            def.aliases.push(alias);
        }
        Ok(set(def))
    }

    /// The edit that splits `alias` off the entity `name` (it becomes a
    /// name of its own again).
    pub fn unalias_entity(&self, kind: EntityKind, name: &str, alias: &str) -> Result<Edit> {
        let mut def = self
            .project()
            .entity_covering(kind, name)
            .cloned()
            .ok_or_else(|| EditError::NotAnAlias(alias.to_string()))?;
        let before = def.aliases.len();
        def.aliases.retain(|a| a != alias.trim());
        if def.aliases.len() == before {
            return Err(EditError::NotAnAlias(alias.to_string()).into());
        }
        Ok(set(def))
    }

    /// The edit that merges the entity `from` into `into`: `from` and its
    /// aliases become aliases of `into`.
    pub fn merge_entity(&self, kind: EntityKind, from: &str, into: &str) -> Result<Edit> {
        let source = self.project().entity_covering(kind, from).cloned();
        let mut target = self.entry_for(kind, into);
        if target.covers(from.trim()) {
            return Err(EditError::MergeIntoItself(from.to_string()).into());
        }
        let names: Vec<String> = match &source {
            Some(def) => def.names().map(str::to_string).collect(),
            None => vec![checked_name(from)?],
        };
        for name in names {
            if !target.covers(&name) {
                target.aliases.push(name);
            }
        }
        Ok(match source {
            Some(def) => Edit::Batch(vec![
                Edit::SetEntity {
                    id: def.id,
                    def: None,
                },
                set(target),
            ]),
            None => set(target),
        })
    }

    /// The edit that marks `name` as no entity of `kind`: it leaves the
    /// index of names and `person:` finds nothing for it, however often it
    /// is extracted again. Undo brings it back.
    pub fn not_an_entity(&self, kind: EntityKind, name: &str) -> Result<Edit> {
        let mut def = self.entry_for(kind, name);
        if def.name.is_empty() {
            return Err(EditError::BadEntityName(name.to_string()).into());
        }
        def.not_entity = true;
        Ok(set(def))
    }

    /// The vocabulary's entry covering `name`, or a new one named so.
    fn entry_for(&self, kind: EntityKind, name: &str) -> EntityDef {
        let project = self.project();
        project
            .entity_covering(kind, name.trim())
            .cloned()
            .unwrap_or_else(|| EntityDef {
                id: EntityId(next_entity_id(project)),
                kind,
                name: name.trim().to_string(),
                ..EntityDef::default()
            })
    }

    fn taken_by_other(&self, kind: EntityKind, name: &str, id: EntityId) -> bool {
        self.project()
            .entity_covering(kind, name)
            .is_some_and(|e| e.id != id)
    }

    /// Applies [`Edit::SetEntity`] and returns its inverse.
    pub(super) fn apply_entity_edit(
        &mut self,
        id: EntityId,
        def: Option<EntityDef>,
    ) -> Result<Edit> {
        let mut project = self.project().clone();
        let at = project.entities.iter().position(|e| e.id == id);
        let old = match def {
            Some(mut def) => {
                def.id = id;
                def.name = checked_name(&def.name)?;
                let mut aliases = Vec::with_capacity(def.aliases.len());
                for alias in &def.aliases {
                    let alias = checked_name(alias)?;
                    if alias != def.name && !aliases.contains(&alias) {
                        aliases.push(alias);
                    }
                }
                def.aliases = aliases;
                for name in def.names() {
                    if project
                        .entities
                        .iter()
                        .any(|e| e.id != id && e.kind == def.kind && e.covers(name))
                    {
                        return Err(EditError::EntityNameTaken(name.to_string()).into());
                    }
                }
                project.next_entity_id = project.next_entity_id.max(id.0 + 1);
                match at {
                    Some(at) => Some(std::mem::replace(&mut project.entities[at], def)),
                    None => {
                        project.entities.push(def);
                        None
                    }
                }
            }
            None => {
                let at = at.ok_or(EditError::UnknownEntity(id.0))?;
                Some(project.entities.remove(at))
            }
        };
        self.save_project(project)?;
        Ok(Edit::SetEntity { id, def: old })
    }
}

fn set(def: EntityDef) -> Edit {
    Edit::SetEntity {
        id: def.id,
        def: Some(def),
    }
}

/// The id a new entry of the vocabulary gets.
fn next_entity_id(project: &Project) -> u32 {
    let used = project
        .entities
        .iter()
        .map(|e| e.id.0 + 1)
        .max()
        .unwrap_or(1);
    project.next_entity_id.max(used).max(1)
}

/// `name` trimmed, if it can be typed as one token of a query
/// (`person:乔俊杰`): not empty, no spaces, quotes, colons or control
/// characters.
fn checked_name(name: &str) -> Result<String, EditError> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '“' | '”' | ':' | '：')
        })
    {
        return Err(EditError::BadEntityName(name.to_string()));
    }
    Ok(name.to_string())
}

/// What an entity edit does, worded from the entry as it is (`old`) and as
/// it will be.
pub(super) fn summary(old: Option<&EntityDef>, new: Option<&EntityDef>) -> EditSummary {
    match (old, new) {
        (_, Some(new)) if new.not_entity && !old.is_some_and(|o| o.not_entity) => {
            EditSummary::NotAnEntity {
                name: new.name.clone(),
            }
        }
        (Some(old), Some(new)) if old.name != new.name => EditSummary::EntityRenamed {
            from: old.name.clone(),
            to: new.name.clone(),
        },
        (None, Some(new)) if new.aliases.len() == 1 => EditSummary::EntityAliasAdded {
            name: new.name.clone(),
            alias: new.aliases[0].clone(),
        },
        (Some(old), Some(new)) if new.aliases.len() == old.aliases.len() + 1 => {
            EditSummary::EntityAliasAdded {
                name: new.name.clone(),
                alias: new
                    .aliases
                    .iter()
                    .find(|a| !old.aliases.contains(a))
                    .cloned()
                    .unwrap_or_default(),
            }
        }
        (Some(old), Some(new)) if new.aliases.len() + 1 == old.aliases.len() => {
            EditSummary::EntityAliasRemoved {
                name: new.name.clone(),
                alias: old
                    .aliases
                    .iter()
                    .find(|a| !new.aliases.contains(a))
                    .cloned()
                    .unwrap_or_default(),
            }
        }
        (_, Some(def)) | (Some(def), None) => EditSummary::EntityChanged {
            name: def.name.clone(),
        },
        (None, None) => EditSummary::Several(0),
    }
}
