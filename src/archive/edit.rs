//! Every change a person makes, as data: [`Edit`], what it did
//! ([`EditSummary`], for undo menus in any language), and the [`History`]
//! that walks edits and their inverses.
//!
//! Edits are applied by [`crate::archive::session::Session::apply`], the one
//! writer path: applying saves atomically and returns the inverse edit, which
//! is what undo applies. Inverses hold absolute values (the tags an article
//! had, the tag as it was), so undo restores exactly, however the state was
//! reached.

use serde::{Deserialize, Serialize};

use crate::archive::model::{
    ArticleId, Collection, CollectionId, EntityDef, EntityId, MAX_ARTICLE_BYTES, Page, SavedSearch,
    TagDef, TagId,
};

/// One change to the archive's editorial state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Add and remove tags on articles (one step, however many articles).
    Tag {
        /// The articles.
        articles: Vec<ArticleId>,
        /// Tags to add.
        add: Vec<TagId>,
        /// Tags to remove.
        remove: Vec<TagId>,
    },
    /// Give each article exactly these tags (the inverse of tagging).
    SetTags(Vec<(ArticleId, Vec<TagId>)>),
    /// Replace an article's note.
    SetNote {
        /// The article.
        article: ArticleId,
        /// The new note (empty removes it).
        note: String,
    },
    /// Add a tag to the vocabulary (its id from [`crate::archive::session::Session::new_tag`]).
    CreateTag(TagDef),
    /// Change a tag's name, colour, description or parent (same id).
    UpdateTag(TagDef),
    /// Remove a tag from every article and from the vocabulary; tags nested
    /// under it move up to its parent.
    DeleteTag(TagId),
    /// Give every article tagged `from` the tag `into` instead, move `from`'s
    /// nested tags under `into`, and delete `from`.
    MergeTag {
        /// The tag that goes away.
        from: TagId,
        /// The tag that stays.
        into: TagId,
    },
    /// Remove a tag that no article carries from the vocabulary (the inverse of creating it).
    RemoveTagDef(TagId),
    /// Save a search under a name, at a position in the list (the end when past it).
    SaveSearch {
        /// Place in the list.
        position: usize,
        /// Name and query.
        search: SavedSearch,
    },
    /// Rename a saved search or change its query.
    UpdateSavedSearch {
        /// Its current name.
        name: String,
        /// Its new name and query.
        search: SavedSearch,
    },
    /// Delete a saved search.
    DeleteSavedSearch(String),
    /// Add a collection at a place in the list (the end when past it).
    CreateCollection {
        /// Place in the list.
        position: usize,
        /// The collection, with its id (from `Session::new_collection`) and articles.
        collection: Collection,
    },
    /// Rename a collection.
    RenameCollection {
        /// The collection.
        id: CollectionId,
        /// Its new name.
        name: String,
    },
    /// Delete a collection (its articles stay in the archive).
    DeleteCollection(CollectionId),
    /// Append articles to a collection (those already in it stay where they are).
    AddToCollection {
        /// The collection.
        id: CollectionId,
        /// The articles, in order.
        articles: Vec<ArticleId>,
    },
    /// Take articles out of a collection.
    RemoveFromCollection {
        /// The collection.
        id: CollectionId,
        /// The articles.
        articles: Vec<ArticleId>,
    },
    /// Move an article of a collection to another place in it.
    MoveInCollection {
        /// The collection.
        id: CollectionId,
        /// The article.
        article: ArticleId,
        /// Its new place (from 0).
        to: usize,
    },
    /// Give a collection exactly these articles, in this order (an inverse).
    SetCollection {
        /// The collection.
        id: CollectionId,
        /// Its articles.
        articles: Vec<ArticleId>,
    },
    /// Split an article before paragraph `at` (from 0): that paragraph and
    /// the rest become a new, untitled article right after it.
    SplitArticle {
        /// The article.
        article: ArticleId,
        /// The first paragraph of the new article (at least 1).
        at: usize,
    },
    /// Append an article to the one before it on its page (its title lines
    /// become paragraphs, so no text is lost; tags and notes are kept).
    MergeWithPrevious {
        /// The article that goes into the previous one.
        article: ArticleId,
    },
    /// Correct an article's title block and byline.
    SetFields {
        /// The article.
        article: ArticleId,
        /// Its new fields.
        fields: ArticleFields,
    },
    /// Put back a page exactly as it was (the inverse of a correction).
    SetPage {
        /// Edition date.
        date: chrono::NaiveDate,
        /// The page, articles and all.
        page: Page,
    },
    /// Put an entry of the entity vocabulary (a new one, or a changed one
    /// with the same id), or take it out (`def: None`). Built by
    /// `Session::entity_edit` from what a person asked: rename, merge,
    /// alias, not an entity.
    SetEntity {
        /// The entry.
        id: EntityId,
        /// What it becomes; `None` removes it.
        def: Option<EntityDef>,
    },
    /// Several edits as one step.
    Batch(Vec<Edit>),
}

/// The fields of an article a person corrects by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ArticleFields {
    /// 引题.
    pub kicker: Option<String>,
    /// 主题.
    pub headline: Option<String>,
    /// 副题.
    pub subtitle: Option<String>,
    /// The byline as printed.
    pub byline: Option<String>,
    /// Reporters named.
    pub reporters: Vec<String>,
}

impl ArticleFields {
    /// The fields of `article`.
    pub fn of(article: &crate::archive::model::Article) -> Self {
        Self {
            kicker: article.kicker.clone(),
            headline: article.headline.clone(),
            subtitle: article.subtitle.clone(),
            byline: article.byline.clone(),
            reporters: article.reporters.clone(),
        }
    }

    /// A field by its CLI name (`kicker`, `headline`, `subtitle`, `byline`,
    /// `reporters` — names separated by `、` `,` or spaces); an empty value clears it.
    pub fn set(&mut self, field: &str, value: &str) -> Result<(), EditError> {
        let value = value.trim();
        let text = (!value.is_empty()).then(|| value.to_string());
        match field {
            "kicker" | "引题" => self.kicker = text,
            "headline" | "主题" | "标题" => self.headline = text,
            "subtitle" | "副题" => self.subtitle = text,
            "byline" | "署名" => self.byline = text,
            "reporters" | "记者" => {
                self.reporters = value
                    .split(|c: char| matches!(c, '、' | ',' | '，') || c.is_whitespace())
                    .filter(|n| !n.is_empty())
                    .map(str::to_string)
                    .collect();
            }
            other => return Err(EditError::UnknownField(other.to_string())),
        }
        Ok(())
    }
}

/// What an edit did, in data: the UI words it in the user's language
/// (`撤销：给 37 篇文章加标签‘党建’`), the CLI in its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EditSummary {
    /// Tag `tag` added to `articles` articles.
    Tagged {
        /// Articles tagged.
        articles: usize,
        /// Tag names.
        tags: Vec<String>,
    },
    /// Tag `tag` removed from `articles` articles.
    Untagged {
        /// Articles untagged.
        articles: usize,
        /// Tag names.
        tags: Vec<String>,
    },
    /// Tags of `articles` articles changed (added and removed, or restored).
    Retagged {
        /// Articles changed.
        articles: usize,
    },
    /// A note written or changed.
    Note {
        /// The article.
        article: ArticleId,
    },
    /// A tag created.
    TagCreated {
        /// Its name.
        name: String,
    },
    /// A tag renamed.
    TagRenamed {
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// A tag nested under another, or moved to the top (`parent: None`).
    TagMoved {
        /// Its name.
        name: String,
        /// The new parent's name.
        parent: Option<String>,
    },
    /// A tag's colour changed.
    TagRecoloured {
        /// Its name.
        name: String,
    },
    /// A tag's description changed.
    TagChanged {
        /// Its name.
        name: String,
    },
    /// A tag deleted.
    TagDeleted {
        /// Its name.
        name: String,
        /// Articles that carried it.
        articles: usize,
    },
    /// A tag merged into another.
    TagMerged {
        /// The tag that went away.
        from: String,
        /// The tag that stayed.
        into: String,
        /// Articles that carried `from`.
        articles: usize,
    },
    /// A search saved.
    SearchSaved {
        /// Its name.
        name: String,
    },
    /// A saved search renamed or changed.
    SearchChanged {
        /// Its (new) name.
        name: String,
    },
    /// A saved search deleted.
    SearchDeleted {
        /// Its name.
        name: String,
    },
    /// A collection created.
    CollectionCreated {
        /// Its name.
        name: String,
        /// Articles it started with.
        articles: usize,
    },
    /// A collection renamed.
    CollectionRenamed {
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// A collection deleted.
    CollectionDeleted {
        /// Its name.
        name: String,
    },
    /// Articles added to a collection.
    AddedToCollection {
        /// Its name.
        name: String,
        /// Articles added.
        articles: usize,
    },
    /// Articles removed from a collection.
    RemovedFromCollection {
        /// Its name.
        name: String,
        /// Articles removed.
        articles: usize,
    },
    /// A collection's order changed.
    CollectionReordered {
        /// Its name.
        name: String,
    },
    /// An article split in two.
    Split {
        /// The article split.
        article: ArticleId,
    },
    /// An article merged into the one before it.
    Merged {
        /// The article that went into the previous one.
        article: ArticleId,
    },
    /// An article's title block or byline corrected.
    FieldsCorrected {
        /// The article.
        article: ArticleId,
    },
    /// A page put back as it was.
    PageRestored,
    /// An entity renamed (the old name stays an alias, as the texts print it).
    EntityRenamed {
        /// Old name.
        from: String,
        /// New name.
        to: String,
    },
    /// One entity merged into another.
    EntityMerged {
        /// The entity that went away (now an alias).
        from: String,
        /// The entity that stayed.
        into: String,
    },
    /// A name made an alias of an entity.
    EntityAliasAdded {
        /// The entity.
        name: String,
        /// The alias.
        alias: String,
    },
    /// An alias split off an entity.
    EntityAliasRemoved {
        /// The entity.
        name: String,
        /// The alias.
        alias: String,
    },
    /// A name marked as no entity.
    NotAnEntity {
        /// The name.
        name: String,
    },
    /// An entity's entry changed otherwise (restored, described, forgotten).
    EntityChanged {
        /// Its name.
        name: String,
    },
    /// Several changes.
    Several(usize),
}

/// One step of the history: what it did, how to undo it, how to redo it.
#[derive(Debug, Clone)]
pub struct Step {
    /// What the step did, for menus.
    pub summary: EditSummary,
    /// The edit that undoes it.
    pub undo: Edit,
    /// The edit that does it again.
    pub redo: Edit,
}

/// Undo and redo stacks. A new step clears the redo stack.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
}

/// Steps kept for undo; older ones are forgotten.
pub const HISTORY_STEPS: usize = 200;

impl History {
    /// Records a step just applied.
    pub fn record(&mut self, step: Step) {
        self.undone.clear();
        self.done.push(step);
        if self.done.len() > HISTORY_STEPS {
            self.done.remove(0);
        }
    }

    /// What undo would undo.
    pub fn undo_summary(&self) -> Option<&EditSummary> {
        self.done.last().map(|s| &s.summary)
    }

    /// What redo would redo.
    pub fn redo_summary(&self) -> Option<&EditSummary> {
        self.undone.last().map(|s| &s.summary)
    }

    /// Takes the step to undo.
    pub fn take_undo(&mut self) -> Option<Step> {
        self.done.pop()
    }

    /// Takes the step to redo.
    pub fn take_redo(&mut self) -> Option<Step> {
        self.undone.pop()
    }

    /// Puts an undone step on the redo stack.
    pub fn push_undone(&mut self, step: Step) {
        self.undone.push(step);
    }

    /// Puts a redone step back on the undo stack (keeping the redo stack).
    pub fn push_redone(&mut self, step: Step) {
        self.done.push(step);
    }
}

/// What can go wrong applying an edit; the UI words each in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No tag has this name.
    #[error("no tag named `{0}`")]
    UnknownTag(String),
    /// No tag has this id.
    #[error("no tag with id {0}")]
    UnknownTagId(TagId),
    /// A tag of this name exists already.
    #[error("a tag named `{0}` exists already (merge into it instead)")]
    TagExists(String),
    /// A tag name that is empty or has characters a query cannot hold.
    #[error(
        "`{}` cannot be a tag name (it must not be empty or contain spaces, quotes, colons or control characters)",
        .0.escape_debug()
    )]
    BadTagName(String),
    /// Nesting a tag under itself or one of its own nested tags.
    #[error("tag `{tag}` cannot be nested under `{parent}`, which is inside it")]
    TagCycle {
        /// The tag being moved.
        tag: String,
        /// The parent asked for.
        parent: String,
    },
    /// Removing a tag definition that articles still carry.
    #[error("tag `{0}` is still used; delete it instead")]
    TagInUse(String),
    /// No article has this id.
    #[error("no article with id {0}")]
    UnknownArticle(ArticleId),
    /// No saved search has this name.
    #[error("no saved search named `{0}`")]
    UnknownSavedSearch(String),
    /// A saved search of this name exists already.
    #[error("a saved search named `{0}` exists already")]
    SavedSearchExists(String),
    /// An empty name for a saved search.
    #[error("a saved search needs a name")]
    EmptyName,
    /// Nothing to undo or redo.
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    /// A field name the correction does not know.
    #[error("no field `{0}` (kicker, headline, subtitle, byline or reporters)")]
    UnknownField(String),
    /// A split point outside the article's paragraphs (the message counts
    /// paragraphs from 1, as `fix split --at N` takes them).
    #[error("{}", split_message(article, *paragraphs))]
    BadSplit {
        /// The article.
        article: ArticleId,
        /// How many paragraphs it has.
        paragraphs: usize,
    },
    /// No collection has this name or id.
    #[error("no collection named `{0}`")]
    UnknownCollection(String),
    /// A collection of this name exists already.
    #[error("a collection named `{0}` exists already")]
    CollectionExists(String),
    /// Merging a tag into itself.
    #[error("tag `{0}` cannot be merged into itself")]
    MergeIntoItself(String),
    /// A note or corrected fields over [`MAX_ARTICLE_BYTES`].
    #[error("an article holds at most {} MiB of text", MAX_ARTICLE_BYTES >> 20)]
    TooLarge,
    /// Merging the first article of a page, which has none before it.
    #[error("article {0} is the first on its page; there is nothing to merge it into")]
    NothingBefore(ArticleId),
    /// An entity name that is empty, or has characters a query cannot hold.
    #[error("`{0}` cannot be an entity name (no spaces, quotes or colons)")]
    BadEntityName(String),
    /// A name another entity of the vocabulary already stands for.
    #[error("`{0}` already names another entity (merge the two instead)")]
    EntityNameTaken(String),
    /// Splitting off a name that is no alias of the entity.
    #[error("`{0}` is not an alias of that entity")]
    NotAnAlias(String),
    /// No entity of the vocabulary has this id.
    #[error("no entity with id {0}")]
    UnknownEntity(u32),
}

fn split_message(article: &ArticleId, paragraphs: usize) -> String {
    if paragraphs < 2 {
        format!("article {article} has {paragraphs} paragraph(s); it cannot be split")
    } else {
        format!("article {article} has {paragraphs} paragraphs; split at 2 to {paragraphs}")
    }
}

/// Whether `name` can be a tag (or collection) name: not empty, typed as
/// one token in the query language (`tag:党建`), so no spaces, quotes or
/// colons, and no control characters (a terminal escape in a name would
/// act on every terminal that lists the tags).
pub fn valid_tag_name(name: &str) -> bool {
    !name.is_empty()
        && !name.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '“' | '”' | ':' | '：')
        })
        && !name.starts_with('-')
}

impl Edit {
    /// Checks what the edit brings in from outside against the limits of
    /// every way in: a note or corrected fields within [`MAX_ARTICLE_BYTES`].
    /// (Names are checked where they are applied, against the vocabulary.)
    pub fn check_input(&self) -> Result<(), EditError> {
        match self {
            Edit::SetNote { note, .. } if note.len() > MAX_ARTICLE_BYTES => {
                Err(EditError::TooLarge)
            }
            Edit::SetFields { fields, .. } => {
                let size: usize = [
                    &fields.kicker,
                    &fields.headline,
                    &fields.subtitle,
                    &fields.byline,
                ]
                .into_iter()
                .flatten()
                .chain(&fields.reporters)
                .map(String::len)
                .sum();
                if size > MAX_ARTICLE_BYTES {
                    return Err(EditError::TooLarge);
                }
                Ok(())
            }
            Edit::Batch(edits) => edits.iter().try_for_each(Edit::check_input),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_must_be_one_query_token() {
        assert!(valid_tag_name("党建"));
        assert!(valid_tag_name("苏陕协作-2024"));
        for bad in [
            "",
            "党 建",
            "a:b",
            "“引”",
            "-负",
            "a\u{1b}]0;x\u{7}",
            "甲\u{7f}",
        ] {
            assert!(!valid_tag_name(bad), "{bad}");
        }
    }

    #[test]
    fn split_errors_count_paragraphs_from_one() {
        let id = ArticleId("20240628-01-01".into());
        let err = EditError::BadSplit {
            article: id.clone(),
            paragraphs: 5,
        };
        assert!(err.to_string().ends_with("split at 2 to 5"), "{err}");
        let err = EditError::BadSplit {
            article: id,
            paragraphs: 1,
        };
        assert!(err.to_string().contains("cannot be split"), "{err}");
    }

    #[test]
    fn notes_and_fields_over_the_size_limit_are_refused() {
        let article = ArticleId("20240628-01-01".into());
        let big = "字".repeat(MAX_ARTICLE_BYTES / 3 + 1);
        let note = Edit::SetNote {
            article: article.clone(),
            note: big.clone(),
        };
        assert_eq!(note.check_input(), Err(EditError::TooLarge));
        assert_eq!(
            Edit::Batch(vec![note]).check_input(),
            Err(EditError::TooLarge)
        );
        let fields = Edit::SetFields {
            article: article.clone(),
            fields: ArticleFields {
                headline: Some(big),
                ..ArticleFields::default()
            },
        };
        assert_eq!(fields.check_input(), Err(EditError::TooLarge));
        let small = Edit::SetNote {
            article,
            note: "核对".into(),
        };
        assert_eq!(small.check_input(), Ok(()));
    }

    #[test]
    fn a_new_step_clears_redo() {
        let step = |n: usize| Step {
            summary: EditSummary::Several(n),
            undo: Edit::Batch(vec![]),
            redo: Edit::Batch(vec![]),
        };
        let mut history = History::default();
        history.record(step(1));
        history.record(step(2));
        let undone = history.take_undo().unwrap();
        history.push_undone(undone);
        assert_eq!(history.redo_summary(), Some(&EditSummary::Several(2)));
        history.record(step(3));
        assert_eq!(history.redo_summary(), None);
        assert_eq!(history.undo_summary(), Some(&EditSummary::Several(3)));
    }
}
