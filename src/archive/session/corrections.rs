//! Hand corrections of the parse: split an article, merge it into the one
//! before, correct its title block; the inverse of each is the page as it was.

use super::{Result, Session};
use crate::archive::edit::{Edit, EditError};
use crate::archive::model::{Article, ArticleId, Edition, Page, Project};
use crate::archive::store::Patch;

impl Session {
    /// Applies a correction and returns its inverse.
    pub(super) fn apply_correction(&mut self, edit: Edit) -> Result<Edit> {
        match edit {
            Edit::SplitArticle { article, at } => self.correct(&article, |page, i| {
                let paragraphs = page.articles[i].paragraphs.len();
                if at == 0 || at >= paragraphs {
                    return Err(EditError::BadSplit {
                        article: article.clone(),
                        paragraphs,
                    });
                }
                page.last_seq = page.last_seq.max(max_seq(page)) + 1;
                let rest = page.articles[i].paragraphs.split_off(at);
                // The region is cut at the share of the text that moves.
                let chars = |t: &str| t.chars().count() as f32;
                let moved: f32 = rest.iter().map(|p| chars(p)).sum();
                let total: f32 = page.articles[i].text_fields().map(chars).sum::<f32>() + moved;
                let (head, tail) = page.articles[i].region.split_tail(moved / total.max(1.0));
                page.articles[i].region = head;
                let id = ArticleId(match article.as_str().rsplit_once('-') {
                    Some((prefix, _)) => format!("{prefix}-{:02}", page.last_seq),
                    None => format!("{article}-{}", page.last_seq),
                });
                page.articles.insert(
                    i + 1,
                    Article {
                        id,
                        paragraphs: rest,
                        region: tail,
                        ..Article::default()
                    },
                );
                Ok(())
            }),
            Edit::MergeWithPrevious { article } => self.merge_with_previous(article),
            Edit::SetFields { article, fields } => self.correct(&article, |page, i| {
                let a = &mut page.articles[i];
                a.kicker = fields.kicker;
                a.headline = fields.headline;
                a.subtitle = fields.subtitle;
                a.byline = fields.byline;
                a.reporters = fields.reporters;
                Ok(())
            }),
            Edit::SetPage { date, page } => {
                let mut edition = self
                    .store
                    .load_edition(date)?
                    .unwrap_or_else(|| Edition::new(date));
                let old = match edition.pages.iter().position(|p| p.number == page.number) {
                    Some(at) => std::mem::replace(&mut edition.pages[at], page),
                    None => {
                        let at = edition.pages.partition_point(|p| p.number < page.number);
                        let number = page.number;
                        edition.pages.insert(at, page);
                        Page {
                            number,
                            ..Page::default()
                        }
                    }
                };
                self.save_corrected(&edition, date, old.number)?;
                Ok(Edit::SetPage { date, page: old })
            }
            // Only corrections are routed here; anything else goes back.
            other => self.apply_edit(other),
        }
    }

    /// Merges `article` into the one before it on its page; the collections
    /// holding it hold the article it joined instead (in its place, unless
    /// that one is in the collection already). The inverse restores both.
    fn merge_with_previous(&mut self, article: ArticleId) -> Result<Edit> {
        let mut joined: Option<ArticleId> = None;
        let page_inverse = self.correct(&article, |page, i| {
            if i == 0 {
                return Err(EditError::NothingBefore(article.clone()));
            }
            let gone = page.articles.remove(i);
            let into = &mut page.articles[i - 1];
            joined = Some(into.id.clone());
            // Title lines and byline become paragraphs: nothing printed is lost.
            let mut lines: Vec<String> = [gone.kicker, gone.headline, gone.subtitle]
                .into_iter()
                .flatten()
                .map(|t| t.replace('\n', ""))
                .collect();
            let mut body = gone.paragraphs.into_iter();
            match (gone.byline, body.next()) {
                (Some(byline), Some(first)) => lines.push(format!("{byline}{first}")),
                (Some(byline), None) => lines.push(byline),
                (None, Some(first)) => lines.push(first),
                (None, None) => {}
            }
            lines.extend(body);
            into.paragraphs.extend(lines);
            // Its place on the page joins the other's.
            into.region.0.extend(gone.region.0);
            for name in gone.reporters {
                if !into.reporters.contains(&name) {
                    into.reporters.push(name);
                }
            }
            for name in gone.correspondents {
                if !into.correspondents.contains(&name) {
                    into.correspondents.push(name);
                }
            }
            for tag in gone.tags {
                if !into.tags.contains(&tag) {
                    into.tags.push(tag);
                }
            }
            if !gone.note.trim().is_empty() {
                if !into.note.is_empty() {
                    into.note.push('\n');
                }
                into.note.push_str(&gone.note);
            }
            Ok(())
        })?;
        let moves: Vec<Edit> = joined
            .map(|into| collection_moves(self.project(), &article, &into))
            .unwrap_or_default();
        if moves.is_empty() {
            return Ok(page_inverse);
        }
        // The moves as one batch (which undoes itself if a step fails);
        // should it fail, the merge is undone too.
        match self.apply_edit(Edit::Batch(moves)) {
            Ok(moves_inverse) => Ok(Edit::Batch(vec![moves_inverse, page_inverse])),
            Err(e) => {
                let _ = self.apply_edit(page_inverse);
                Err(e)
            }
        }
    }

    /// Applies a correction to the page holding `article` (`change` gets the
    /// page and the article's place on it), marks the page corrected by
    /// hand, saves and re-indexes the edition; returns the inverse.
    fn correct(
        &mut self,
        article: &ArticleId,
        change: impl FnOnce(&mut Page, usize) -> Result<(), EditError>,
    ) -> Result<Edit> {
        let unknown = || EditError::UnknownArticle(article.clone());
        let date = article.date().ok_or_else(unknown)?;
        let mut edition = self.store.load_edition(date)?.ok_or_else(unknown)?;
        let (page_at, index) = edition
            .pages
            .iter()
            .enumerate()
            .find_map(|(p, page)| {
                let i = page.articles.iter().position(|a| &a.id == article)?;
                Some((p, i))
            })
            .ok_or_else(unknown)?;
        let old = edition.pages[page_at].clone();
        let page = &mut edition.pages[page_at];
        change(page, index)?;
        page.corrected_by_hand = true;
        let number = page.number;
        self.save_corrected(&edition, date, number)?;
        Ok(Edit::SetPage { date, page: old })
    }

    /// Saves an edition changed by a correction: the articles of its page
    /// whose tags or note now differ from a pending journal patch get a new
    /// one (so no older patch overrides them), and the edition is
    /// re-indexed. When the journal patches cannot be saved (a full disk),
    /// the edition as it was is put back: the correction is whole or absent.
    fn save_corrected(
        &mut self,
        edition: &Edition,
        date: chrono::NaiveDate,
        page: u32,
    ) -> Result<()> {
        let old = self.store.load_edition(date)?;
        let patches: Vec<Patch> = edition
            .pages
            .iter()
            .filter(|p| p.number == page)
            .flat_map(|p| &p.articles)
            .filter(|a| {
                self.store.journal().get(&a.id).is_some_and(|p| {
                    p.tags.as_ref().is_some_and(|t| *t != a.tags)
                        || p.note.as_ref().is_some_and(|n| *n != a.note)
                })
            })
            .map(|a| Patch {
                id: a.id.clone(),
                tags: Some(a.tags.clone()),
                note: Some(a.note.clone()),
            })
            .collect();
        self.store.save_edition(edition)?;
        if let Err(e) = self.store.save_patches(patches) {
            // Best effort: the old edition frees as much room as the new one took.
            if let Some(old) = old
                && self.store.save_edition(&old).is_ok()
            {
                self.index.update_editions(&self.store, &[date]).ok();
            }
            return Err(e.into());
        }
        // The correction is saved whole. The index is derived: when it
        // cannot follow (a full disk), the edition's file no longer matches
        // its manifest, so the next open or search re-indexes it. Failing
        // the edit here would report as absent a correction that is on disk.
        if let Err(e) = self.index.update_editions(&self.store, &[date]) {
            self.index_behind = Some(e);
        }
        self.touched.push(date);
        Ok(())
    }
}

/// The highest sequence number of the ids on `page`.
fn max_seq(page: &Page) -> u32 {
    page.articles
        .iter()
        .filter_map(|a| a.id.as_str().rsplit('-').next()?.parse().ok())
        .max()
        .unwrap_or(0)
}

/// The edits that give each collection holding `gone` the article `into`
/// in its place (or nothing there when it holds `into` already).
fn collection_moves(project: &Project, gone: &ArticleId, into: &ArticleId) -> Vec<Edit> {
    project
        .collections
        .iter()
        .filter(|c| c.articles.contains(gone))
        .map(|c| {
            let mut articles: Vec<ArticleId> = Vec::with_capacity(c.articles.len());
            for id in &c.articles {
                let id = if id == gone { into } else { id };
                if !articles.contains(id) {
                    articles.push(id.clone());
                }
            }
            Edit::SetCollection { id: c.id, articles }
        })
        .collect()
}
