//! `jianbao import DIR file.jsonl`: restoring articles from a JSON Lines
//! export — text, tags (by name; missing ones are created) and notes — so
//! JSON Lines is also how articles move between archives.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::NaiveDate;

use super::{Result, Session};
use crate::archive::edit::Edit;
use crate::archive::export::ExportRecord;
use crate::archive::import::{ImportFileError, ImportProblem, ImportReport};
use crate::archive::model::{Article, Edition, Page, TagId};
use crate::archive::store::Patch;

impl Session {
    /// Restores the articles of a JSON Lines export at `path`. An article
    /// whose id is in the archive is replaced (its tags and note with it);
    /// the others are added to their page. A line that does not parse is an
    /// error naming the file and line, and nothing of the file is saved.
    pub fn import_jsonl(&mut self, path: &Path, report: &mut ImportReport) {
        let records = match read_records(path) {
            Ok(records) => records,
            Err(problem) => {
                report.errors.push(ImportFileError::new(path, problem));
                return;
            }
        };
        match self.restore(records, report) {
            Ok(()) => report.files += 1,
            Err(e) => report.errors.push(ImportFileError::new(
                path,
                ImportProblem::Restore(std::sync::Arc::new(e)),
            )),
        }
    }

    fn restore(&mut self, records: Vec<ExportRecord>, report: &mut ImportReport) -> Result<()> {
        // Tags the archive lacks are created first, with fresh ids.
        let mut tag_ids: BTreeMap<String, TagId> = self
            .project()
            .tags
            .iter()
            .map(|t| (t.name.clone(), t.id))
            .collect();
        for record in &records {
            for name in &record.tags {
                if !tag_ids.contains_key(name) {
                    let def = self.new_tag(name);
                    tag_ids.insert(name.clone(), def.id);
                    self.apply_edit(Edit::CreateTag(def))?;
                }
            }
        }
        let mut by_date: BTreeMap<NaiveDate, Vec<ExportRecord>> = BTreeMap::new();
        for record in records {
            by_date.entry(record.date).or_default().push(record);
        }
        let mut patches = Vec::new();
        for (date, records) in by_date {
            let mut edition = self
                .store
                .load_edition(date)?
                .unwrap_or_else(|| Edition::new(date));
            for record in records {
                let article = Article {
                    id: record.id.clone(),
                    kicker: record.kicker,
                    headline: record.headline,
                    subtitle: record.subtitle,
                    byline: record.byline,
                    reporters: record.reporters,
                    correspondents: record.correspondents,
                    paragraphs: record.paragraphs,
                    tags: record
                        .tags
                        .iter()
                        .filter_map(|n| tag_ids.get(n).copied())
                        .collect(),
                    note: record.note,
                };
                patches.push(Patch {
                    id: article.id.clone(),
                    tags: Some(article.tags.clone()),
                    note: Some(article.note.clone()),
                });
                report.articles += 1;
                let existing = edition
                    .pages
                    .iter_mut()
                    .find_map(|p| p.articles.iter_mut().find(|a| a.id == article.id));
                match existing {
                    Some(old) => {
                        if old.same_text(&article) {
                            report.unchanged += 1;
                        } else {
                            report.changed += 1;
                        }
                        *old = article;
                    }
                    None => {
                        report.new += 1;
                        let seq = article
                            .id
                            .as_str()
                            .rsplit('-')
                            .next()
                            .and_then(|s| s.parse::<u32>().ok())
                            .unwrap_or(0);
                        let at = edition.pages.partition_point(|p| p.number < record.page);
                        if edition
                            .pages
                            .get(at)
                            .is_none_or(|p| p.number != record.page)
                        {
                            edition.pages.insert(
                                at,
                                Page {
                                    number: record.page,
                                    source: record.source.clone(),
                                    ..Page::default()
                                },
                            );
                        }
                        let page = &mut edition.pages[at];
                        page.last_seq = page.last_seq.max(seq);
                        page.articles.push(article);
                    }
                }
            }
            self.store.save_edition(&edition)?;
            report.dates.push(date);
        }
        // Older patches of these articles must not override what was restored.
        let pending: Vec<Patch> = patches
            .into_iter()
            .filter(|p| self.store.journal().get(&p.id).is_some())
            .collect();
        self.store.save_patches(pending)?;
        self.index.update_editions(&self.store, &report.dates)?;
        Ok(())
    }
}

fn read_records(path: &Path) -> std::result::Result<Vec<ExportRecord>, ImportProblem> {
    let text = std::fs::read_to_string(path)?;
    let mut records = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let record: ExportRecord =
            serde_json::from_str(line).map_err(|e| ImportProblem::BadJsonLine {
                line: n + 1,
                column: e.column(),
                detail: e.to_string(),
            })?;
        records.push(record);
    }
    Ok(records)
}
