//! `jianbao import DIR file.jsonl`: restoring articles from a JSON Lines
//! export — text with its headline line breaks, tags, notes, the pages'
//! corrections and sequence numbers, and (from the first record's
//! [`ArchiveSnapshot`](crate::archive::export::ArchiveSnapshot)) the tag
//! vocabulary, collections and saved searches —
//! so a restore into a new archive gives back the same edition and project
//! files, and JSON Lines is also how articles move between archives.
//! Exports older than the snapshot restore as before: tags by name.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

mod vocabulary;

use vocabulary::{vocabulary_is_empty, with_settings};

use chrono::{Datelike, NaiveDate};

use super::{Result, Session};
use crate::archive::edit::valid_tag_name;
use crate::archive::export::ExportRecord;
use crate::archive::import::{ImportFileError, ImportProblem, ImportReport};
use crate::archive::model::{
    Article, ArticleId, EDITION_YEARS, Edition, MAX_ARTICLE_BYTES, Page, TagId,
};
use crate::archive::store::Patch;

impl Session {
    /// Restores the articles of a JSON Lines export at `path`. An article
    /// whose id is in the archive is replaced (its tags and note with it);
    /// the others are added to their page. A line that does not parse or
    /// whose record fails the checks of every way in (see `check_record`)
    /// is an error naming the file and line, and nothing of the file is saved.
    pub fn import_jsonl(&mut self, path: &Path, report: &mut ImportReport) {
        let records = match read_records(path) {
            Ok(records) => records,
            Err(problems) => {
                report.errors.extend(
                    problems
                        .into_iter()
                        .map(|problem| ImportFileError::new(path, problem)),
                );
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

    fn restore(&mut self, mut records: Vec<ExportRecord>, report: &mut ImportReport) -> Result<()> {
        // An export's first record carries the archive's vocabulary and settings.
        let snapshot = records.iter_mut().find_map(|r| r.archive.take());
        // Into an archive with no vocabulary of its own, the export's is taken
        // whole (ids and all); into any other, merged by name.
        let adopt = snapshot.is_some() && vocabulary_is_empty(self.project());
        if let Some(snapshot) = &snapshot {
            let ids: HashSet<&ArticleId> = records.iter().map(|r| &r.id).collect();
            with_settings(self.project(), snapshot, adopt, &ids)?;
        }
        let tag_map = match &snapshot {
            Some(snapshot) if adopt => {
                self.adopt_tags(snapshot)?;
                None
            }
            Some(snapshot) => Some(self.merge_tags(snapshot, &records)?),
            None => {
                // Tags the archive lacks are created first, with fresh ids.
                let (_, creates) = self.tags_by_name(
                    records
                        .iter()
                        .flat_map(|r| r.tags.iter().map(String::as_str)),
                );
                for create in creates {
                    self.apply_edit(create)?;
                }
                Some(BTreeMap::new())
            }
        };
        let tag_ids: BTreeMap<String, TagId> = self
            .project()
            .tags
            .iter()
            .map(|t| (t.name.clone(), t.id))
            .collect();
        let tags_of = |record: &ExportRecord| -> Vec<TagId> {
            let by_id = record.tag_ids.len() == record.tags.len();
            match &tag_map {
                // Ids as the export has them: the vocabulary is the export's.
                None if by_id => record.tag_ids.clone(),
                Some(map) if by_id && !map.is_empty() => record
                    .tag_ids
                    .iter()
                    .zip(&record.tags)
                    .filter_map(|(id, name)| {
                        map.get(id).or_else(|| tag_ids.get(name.trim())).copied()
                    })
                    .collect(),
                _ => record
                    .tags
                    .iter()
                    .filter_map(|n| tag_ids.get(n.trim()).copied())
                    .collect(),
            }
        };
        let restored: Vec<ArticleId> = records.iter().map(|r| r.id.clone()).collect();
        let mut by_date: BTreeMap<NaiveDate, Vec<ExportRecord>> = BTreeMap::new();
        for record in records {
            by_date.entry(record.date).or_default().push(record);
        }
        let mut patches = Vec::new();
        for (date, mut records) in by_date {
            // Each page's articles in the order the edition file had them.
            records.sort_by_key(|r| (r.page, r.placement.as_ref().map(|p| p.position)));
            let mut edition = self
                .store
                .load_edition(date)?
                .unwrap_or_else(|| Edition::new(date));
            for record in records {
                let article = Article {
                    id: record.id.clone(),
                    kicker: record.kicker.clone(),
                    headline: record.printed_headline(),
                    subtitle: record.subtitle.clone(),
                    byline: record.byline.clone(),
                    reporters: record.reporters.clone(),
                    correspondents: record.correspondents.clone(),
                    paragraphs: record.paragraphs.clone(),
                    tags: tags_of(&record),
                    note: record.note.clone(),
                    region: record.region.clone(),
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
                        if let Some(page) =
                            edition.pages.iter_mut().find(|p| p.number == record.page)
                        {
                            place_on(page, &record);
                        }
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
                                    encoding: record
                                        .placement
                                        .as_ref()
                                        .and_then(|p| p.encoding.clone()),
                                    ..Page::default()
                                },
                            );
                        }
                        let page = &mut edition.pages[at];
                        page.last_seq = page.last_seq.max(seq);
                        place_on(page, &record);
                        let position = record
                            .placement
                            .as_ref()
                            .map_or(page.articles.len(), |p| p.position);
                        page.articles
                            .insert(position.min(page.articles.len()), article);
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
        if let Some(snapshot) = snapshot {
            let restored: HashSet<&ArticleId> = restored.iter().collect();
            let project = with_settings(self.project(), &snapshot, adopt, &restored)?;
            if project != *self.project() {
                self.save_project(project)?;
            }
        }
        Ok(())
    }
}

/// The page-wide facts a record carries, laid over `page`: its encoding
/// when it has none, the highest sequence ever given, and a hand correction
/// (so a re-import keeps a restored correction).
fn place_on(page: &mut Page, record: &ExportRecord) {
    if let Some(placement) = &record.placement {
        page.last_seq = page.last_seq.max(placement.last_seq);
        page.corrected_by_hand |= placement.corrected_by_hand;
        if page.encoding.is_none() {
            page.encoding = placement.encoding.clone();
        }
        if page.page_size.is_none() {
            page.page_size = placement.page_size;
        }
    }
}

/// The longest line of a JSON Lines file read: an article at the size
/// limit, every character escaped (`\uXXXX` doubles CJK text), and room
/// for the other fields. A longer line is refused without being parsed.
pub const MAX_JSONL_LINE_BYTES: usize = 2 * MAX_ARTICLE_BYTES + (64 << 10);

/// The longest first line: it may also carry the archive's vocabulary and
/// collections ([`ArchiveSnapshot`]), which grow with the archive (64 MiB
/// holds some three million collection memberships).
pub const MAX_JSONL_FIRST_LINE_BYTES: usize = MAX_JSONL_LINE_BYTES + (64 << 20);

/// Reads and checks every record of the JSON Lines file at `path`. Each
/// line's problem is reported with its line number (all of them, so one
/// run names every bad line); any problem refuses the whole file.
fn read_records(path: &Path) -> std::result::Result<Vec<ExportRecord>, Vec<ImportProblem>> {
    let file = std::fs::File::open(path).map_err(|e| vec![ImportProblem::from(e)])?;
    let mut reader = BufReader::new(file);
    let mut records = Vec::new();
    let mut problems = Vec::new();
    let mut first_line_of: HashMap<ArticleId, usize> = HashMap::new();
    let mut line = Vec::new();
    for n in 1.. {
        line.clear();
        let limit = if n == 1 {
            MAX_JSONL_FIRST_LINE_BYTES
        } else {
            MAX_JSONL_LINE_BYTES
        };
        let read = (&mut reader)
            .take(limit as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| vec![ImportProblem::from(e)])?;
        if read == 0 {
            break;
        }
        if line.len() > limit && !line.ends_with(b"\n") {
            problems.push(ImportProblem::ArticleTooLarge { line: Some(n) });
            skip_line(&mut reader).map_err(|e| vec![ImportProblem::from(e)])?;
            continue;
        }
        let mut text: &[u8] = &line;
        if n == 1 {
            // A byte-order mark, as Windows tools write one.
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let record: ExportRecord = match serde_json::from_slice(text) {
            Ok(record) => record,
            Err(e) => {
                problems.push(bad_json_line(n, &e));
                continue;
            }
        };
        match check_record(n, &record, &mut first_line_of) {
            Ok(()) => records.push(record),
            Err(problem) => problems.push(problem),
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        Err(problems)
    }
}

/// Reads past the rest of a line too long to keep.
fn skip_line(reader: &mut impl BufRead) -> std::io::Result<()> {
    loop {
        let buffer = reader.fill_buf()?;
        if buffer.is_empty() {
            return Ok(());
        }
        match buffer.iter().position(|b| *b == b'\n') {
            Some(at) => {
                reader.consume(at + 1);
                return Ok(());
            }
            None => {
                let len = buffer.len();
                reader.consume(len);
            }
        }
    }
}

/// serde_json's error at line `n` of the file: its message without its own
/// position (it counts within the one line, so it would name line 1).
fn bad_json_line(n: usize, error: &serde_json::Error) -> ImportProblem {
    let detail = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    ImportProblem::BadJsonLine {
        line: n,
        column: error.column(),
        detail: detail
            .strip_suffix(&position)
            .unwrap_or(&detail)
            .to_string(),
    }
}

/// What every way in checks of an article: a valid id whose date and page
/// are the record's, dates within the edition years, tag names that can be
/// tag names, a size within the limit, and no id twice in one file.
fn check_record(
    line: usize,
    record: &ExportRecord,
    first_line_of: &mut HashMap<ArticleId, usize>,
) -> std::result::Result<(), ImportProblem> {
    if !record.id.is_valid() {
        return Err(ImportProblem::BadId {
            line,
            id: record.id.to_string(),
        });
    }
    if !EDITION_YEARS.contains(&record.date.year()) {
        return Err(ImportProblem::RecordDateOutside {
            line,
            date: record.date,
        });
    }
    if record.id.date() != Some(record.date) || record.id.page() != Some(record.page) {
        return Err(ImportProblem::IdMismatch {
            line,
            id: record.id.clone(),
            date: record.date,
            page: record.page,
        });
    }
    if let Some(name) = record.tags.iter().find(|n| !valid_tag_name(n)) {
        return Err(ImportProblem::BadTagInRecord {
            line,
            name: name.clone(),
        });
    }
    let size: usize = [
        &record.kicker,
        &record.headline,
        &record.subtitle,
        &record.byline,
    ]
    .into_iter()
    .flatten()
    .chain(&record.paragraphs)
    .chain(&record.reporters)
    .chain(&record.correspondents)
    .map(String::len)
    .sum::<usize>()
        + record.note.len();
    if size > MAX_ARTICLE_BYTES {
        return Err(ImportProblem::ArticleTooLarge { line: Some(line) });
    }
    if let Some(first) = first_line_of.insert(record.id.clone(), line) {
        first_line_of.insert(record.id.clone(), first);
        return Err(ImportProblem::DuplicateId {
            line,
            id: record.id.clone(),
            first,
        });
    }
    Ok(())
}
