//! The core's typed errors and edit summaries, worded in the UI's language.
//!
//! The core never hands the window an English sentence: it hands data
//! (`StoreError::Ron { path, line, col, .. }`, `EditSummary::Tagged { .. }`)
//! and this file says it through the catalogue.

use std::io::ErrorKind;
use std::path::Path;

use super::{Lang, Msg, fill};
use crate::archive::edit::{EditError, EditSummary};
use crate::archive::export::ExportError;
use crate::archive::import::{ImportProblem, MAX_PAGE_FILE_BYTES, PAGES, YEARS};
use crate::archive::model::MAX_ARTICLE_BYTES;
use crate::archive::parse::DecodeError;
use crate::archive::search::{IndexNotice, QueryError, SearchError, SkippedEdition};
use crate::archive::session::SessionError;
use crate::archive::store::StoreError;
use crate::ui::worker::ExportFailure;

/// `error` in `lang`.
pub fn error_text(lang: Lang, error: &SessionError) -> String {
    match error {
        SessionError::Store(e) => store_error_text(lang, e),
        SessionError::Search(e) => search_error_text(lang, e),
        SessionError::Edit(e) => edit_error_text(lang, e),
    }
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

fn io_text(lang: Lang, path: &Path, error: &std::io::Error) -> String {
    let message = match error.kind() {
        ErrorKind::NotFound => lang.tr(Msg::ErrNotFound).to_string(),
        ErrorKind::PermissionDenied | ErrorKind::ReadOnlyFilesystem => {
            lang.tr(Msg::ErrPermission).to_string()
        }
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => lang.tr(Msg::ErrDiskFull).to_string(),
        _ => error.to_string(),
    };
    fill(
        lang.tr(Msg::ErrIo),
        &[("path", &shown(path)), ("message", &message)],
    )
}

/// Why a printed page or a clipping could not be made, in `lang`.
pub fn render_failure_text(lang: Lang, failure: &crate::ui::page_render::RenderFailure) -> String {
    use crate::archive::page_image::{MAX_SIDE_PX, PageImageError};
    use crate::ui::page_render::RenderFailure;
    let error = match failure {
        RenderFailure::NoRegion => return lang.tr(Msg::ErrNoRegion).to_string(),
        RenderFailure::Image(e) => e,
    };
    match error {
        PageImageError::Read { path, source } => io_text(lang, path, source),
        PageImageError::NotPdf { path, detail } => fill(
            lang.tr(Msg::ErrNotPdf),
            &[("path", &shown(path)), ("detail", detail)],
        ),
        PageImageError::NoSuchPage { path, index, pages } => fill(
            lang.tr(Msg::ErrNoSuchPdfPage),
            &[("path", &shown(path)), ("index", index), ("pages", pages)],
        ),
        PageImageError::TooLarge { width, height } => fill(
            lang.tr(Msg::ErrImageTooLarge),
            &[("w", width), ("h", height), ("max", &MAX_SIDE_PX)],
        ),
        PageImageError::Write { path, detail } => fill(
            lang.tr(Msg::ErrIo),
            &[("path", &shown(path)), ("message", detail)],
        ),
    }
}

/// A store error in `lang`.
pub fn store_error_text(lang: Lang, error: &StoreError) -> String {
    match error {
        StoreError::Io { path, source } => io_text(lang, path, source),
        StoreError::Ron {
            path,
            line,
            col,
            message,
        } => fill(
            lang.tr(Msg::ErrRon),
            &[
                ("path", &shown(path)),
                ("line", line),
                ("col", col),
                ("message", message),
            ],
        ),
        StoreError::Encode { path, message } => fill(
            lang.tr(Msg::ErrEncode),
            &[("path", &shown(path)), ("message", message)],
        ),
        StoreError::NotAProject { path } => {
            fill(lang.tr(Msg::ErrNotProject), &[("path", &shown(path))])
        }
        StoreError::AlreadyExists { path } => {
            fill(lang.tr(Msg::ErrExists), &[("path", &shown(path))])
        }
        StoreError::Locked { path, holder } => fill(
            lang.tr(Msg::ErrLocked),
            &[
                ("path", &shown(path)),
                (
                    "holder",
                    &holder
                        .as_deref()
                        .map(|h| format!("（{h}）"))
                        .unwrap_or_default(),
                ),
            ],
        ),
        StoreError::ReadOnly { .. } => lang.tr(Msg::ErrReadOnly).to_string(),
        StoreError::NewerVersion {
            path,
            found,
            supported,
        } => fill(
            lang.tr(Msg::ErrNewer),
            &[
                ("path", &shown(path)),
                ("found", found),
                ("supported", supported),
            ],
        ),
        StoreError::NeedsMigration { path, .. } => {
            fill(lang.tr(Msg::ErrNeedsMigration), &[("path", &shown(path))])
        }
    }
}

/// A search error in `lang`.
pub fn search_error_text(lang: Lang, error: &SearchError) -> String {
    match error {
        SearchError::Query(e) => fill(
            lang.tr(Msg::ErrQuery),
            &[("message", &query_error_text(lang, e))],
        ),
        SearchError::Store(e) => store_error_text(lang, e),
        SearchError::Index { path, source } => fill(
            lang.tr(Msg::ErrIndex),
            &[("path", &shown(path)), ("message", source)],
        ),
        SearchError::Io { path, source } => io_text(lang, path, source),
        SearchError::Damaged { path, message } => fill(
            lang.tr(Msg::ErrIndex),
            &[("path", &shown(path)), ("message", message)],
        ),
        SearchError::OldSchema { path } => {
            fill(lang.tr(Msg::ErrIndexOld), &[("path", &shown(path))])
        }
    }
}

/// Why a file was not imported, in `lang`.
pub fn import_problem_text(lang: Lang, problem: &ImportProblem) -> String {
    match problem {
        ImportProblem::NotFound => lang.tr(Msg::IpNotFound).to_string(),
        ImportProblem::Unreadable { kind, detail } => match kind {
            ErrorKind::NotFound => lang.tr(Msg::ErrNotFound).to_string(),
            ErrorKind::PermissionDenied => lang.tr(Msg::ErrPermission).to_string(),
            _ => fill(lang.tr(Msg::IpUnreadable), &[("detail", detail)]),
        },
        ImportProblem::NoDate => lang.tr(Msg::IpNoDate).to_string(),
        ImportProblem::DateOutside { date } => fill(
            lang.tr(Msg::IpDateOutside),
            &[
                ("date", date),
                ("first", YEARS.start()),
                ("last", YEARS.end()),
            ],
        ),
        ImportProblem::PageOutside { page } => fill(
            lang.tr(Msg::IpPageOutside),
            &[
                ("page", page),
                ("first", PAGES.start()),
                ("last", PAGES.end()),
            ],
        ),
        ImportProblem::PageInNameOutside { text } => fill(
            lang.tr(Msg::IpPageInName),
            &[
                ("text", text),
                ("first", PAGES.start()),
                ("last", PAGES.end()),
            ],
        ),
        ImportProblem::Decode(DecodeError::Empty) => lang.tr(Msg::IpEmpty).to_string(),
        ImportProblem::Decode(DecodeError::Binary { byte, offset }) => fill(
            lang.tr(Msg::IpBinary),
            &[("byte", &format!("{byte:02X}")), ("offset", offset)],
        ),
        ImportProblem::Decode(DecodeError::Undecodable { offset }) => {
            fill(lang.tr(Msg::IpUndecodable), &[("offset", offset)])
        }
        ImportProblem::Collision { date, page, others } => {
            let others: Vec<String> = others.iter().map(|p| shown(p)).collect();
            let others = others.join(if lang == Lang::Zh { "、" } else { ", " });
            fill(
                lang.tr(Msg::IpCollision),
                &[("date", date), ("page", page), ("others", &others)],
            )
        }
        ImportProblem::Store(e) => store_error_text(lang, e),
        ImportProblem::Index(e) => fill(
            lang.tr(Msg::IpIndex),
            &[("error", &search_error_text(lang, e))],
        ),
        ImportProblem::BadJsonLine {
            line,
            column,
            detail,
        } => fill(
            lang.tr(Msg::IpBadJsonLine),
            &[("line", line), ("column", column), ("detail", detail)],
        ),
        ImportProblem::BadId { line, id } => fill(
            lang.tr(Msg::IpBadId),
            &[
                ("line", line),
                ("id", id),
                ("first", YEARS.start()),
                ("last", YEARS.end()),
            ],
        ),
        ImportProblem::RecordDateOutside { line, date } => fill(
            lang.tr(Msg::IpRecordDateOutside),
            &[
                ("line", line),
                ("date", date),
                ("first", YEARS.start()),
                ("last", YEARS.end()),
            ],
        ),
        ImportProblem::IdMismatch {
            line,
            id,
            date,
            page,
        } => fill(
            lang.tr(Msg::IpIdMismatch),
            &[("line", line), ("id", id), ("date", date), ("page", page)],
        ),
        ImportProblem::DuplicateId { line, id, first } => fill(
            lang.tr(Msg::IpDuplicateId),
            &[("line", line), ("id", id), ("first", first)],
        ),
        ImportProblem::BadTagInRecord { line, name } => fill(
            lang.tr(Msg::IpBadTagInRecord),
            &[("line", line), ("name", name)],
        ),
        ImportProblem::ArticleTooLarge { line: None } => fill(
            lang.tr(Msg::IpArticleTooLarge),
            &[("limit", &(MAX_ARTICLE_BYTES >> 20))],
        ),
        ImportProblem::ArticleTooLarge { line: Some(line) } => fill(
            lang.tr(Msg::IpArticleTooLargeAt),
            &[("line", line), ("limit", &(MAX_ARTICLE_BYTES >> 20))],
        ),
        ImportProblem::FileTooLarge { bytes } => fill(
            lang.tr(Msg::IpFileTooLarge),
            &[("bytes", bytes), ("limit", &(MAX_PAGE_FILE_BYTES >> 20))],
        ),
        ImportProblem::Restore(e) => error_text(lang, e),
        ImportProblem::Pdf(e) => fill(lang.tr(Msg::IpUnreadable), &[("detail", &e.to_string())]),
    }
}

/// What is wrong with a query, in `lang`.
pub fn query_error_text(lang: Lang, error: &QueryError) -> String {
    let tr = |msg| lang.tr(msg).to_string();
    match error {
        QueryError::OrNeedsWords => tr(Msg::QOrNeedsWords),
        QueryError::NegatedOr => tr(Msg::QNegatedOr),
        QueryError::LoneMinus => tr(Msg::QLoneMinus),
        QueryError::UnbalancedQuote { phrase } => {
            fill(lang.tr(Msg::QUnbalancedQuote), &[("phrase", phrase)])
        }
        QueryError::EmptyValue { field, example } => fill(
            lang.tr(Msg::QEmptyValue),
            &[("field", field), ("example", example)],
        ),
        QueryError::EmptyPhrase => tr(Msg::QEmptyPhrase),
        QueryError::EmptyWord => tr(Msg::QEmptyWord),
        QueryError::NothingToSearch { word } => {
            fill(lang.tr(Msg::QNothingToSearch), &[("word", word)])
        }
        QueryError::Backwards { field, value } => {
            let msg = if *field == "page" {
                Msg::QPageBackwards
            } else {
                Msg::QDateBackwards
            };
            fill(lang.tr(msg), &[("value", value)])
        }
        QueryError::OpenRange { field } => fill(lang.tr(Msg::QOpenRange), &[("field", field)]),
        QueryError::BadPage { value } => fill(lang.tr(Msg::QBadPage), &[("value", value)]),
        QueryError::BadDate { value } => fill(lang.tr(Msg::QBadDate), &[("value", value)]),
    }
}

fn edit_error_text(lang: Lang, error: &EditError) -> String {
    let name = |msg, name: &dyn std::fmt::Display| fill(lang.tr(msg), &[("name", name)]);
    match error {
        EditError::UnknownTag(n) => name(Msg::ErrUnknownTag, n),
        EditError::UnknownTagId(id) => name(Msg::ErrUnknownTag, id),
        EditError::TagExists(n) => name(Msg::ErrTagExists, n),
        EditError::BadTagName(n) => name(Msg::ErrBadTagName, n),
        EditError::TagCycle { tag, parent } => fill(
            lang.tr(Msg::ErrTagCycle),
            &[("tag", tag), ("parent", parent)],
        ),
        EditError::TagInUse(n) => name(Msg::ErrTagInUse, n),
        EditError::UnknownArticle(id) => fill(lang.tr(Msg::ErrUnknownArticle), &[("id", id)]),
        EditError::UnknownSavedSearch(n) => name(Msg::ErrUnknownSaved, n),
        EditError::SavedSearchExists(n) => name(Msg::ErrSavedExists, n),
        EditError::EmptyName => lang.tr(Msg::ErrEmptyName).to_string(),
        EditError::UnknownField(n) => name(Msg::ErrUnknownField, n),
        EditError::UnknownCollection(n) => name(Msg::ErrUnknownCollection, n),
        EditError::CollectionExists(n) => name(Msg::ErrCollectionExists, n),
        EditError::BadSplit {
            article,
            paragraphs,
        } => fill(
            lang.tr(Msg::ErrBadSplit),
            &[("id", article), ("n", paragraphs)],
        ),
        EditError::MergeIntoItself(n) => name(Msg::ErrMergeIntoItself, n),
        EditError::TooLarge => fill(
            lang.tr(Msg::ErrTooLarge),
            &[("limit", &(MAX_ARTICLE_BYTES >> 20))],
        ),
        EditError::NothingBefore(id) => fill(lang.tr(Msg::ErrNothingBefore), &[("id", id)]),
        EditError::BadEntityName(n) => name(Msg::ErrBadEntityName, n),
        EditError::EntityNameTaken(n) => name(Msg::ErrEntityNameTaken, n),
        EditError::UnknownEntity(id) => name(Msg::ErrUnknownEntity, id),
        EditError::NotAnAlias(n) => name(Msg::ErrNotAnAlias, n),
        EditError::NothingTo("redo") => lang.tr(Msg::ErrNothingToRedo).to_string(),
        EditError::NothingTo(_) => lang.tr(Msg::ErrNothingToUndo).to_string(),
    }
}

/// An export failure in `lang`.
pub fn export_error_text(lang: Lang, failure: &ExportFailure) -> String {
    match failure {
        ExportFailure::Session(e) => error_text(lang, e),
        ExportFailure::Export(ExportError::Io { path, source }) => io_text(lang, path, source),
        ExportFailure::Export(ExportError::Exists { path }) => {
            fill(lang.tr(Msg::ExportExists), &[("path", &shown(path))])
        }
        ExportFailure::Export(ExportError::NotAFile { path }) => {
            fill(lang.tr(Msg::ExportNotAFile), &[("path", &shown(path))])
        }
        ExportFailure::Export(ExportError::Cancelled) => lang.tr(Msg::ExportCancelled).to_string(),
        ExportFailure::Export(ExportError::Format { format, message }) => fill(
            lang.tr(Msg::ErrExportFormat),
            &[("format", format), ("message", message)],
        ),
        ExportFailure::Export(ExportError::Store(e)) => store_error_text(lang, e),
    }
}

/// What opening the search index had to do differently, in `lang`.
pub fn notice_text(lang: Lang, notice: &IndexNotice) -> String {
    match notice {
        IndexNotice::InCache { dir, .. } => {
            fill(lang.tr(Msg::IndexInCache), &[("path", &shown(dir))])
        }
        IndexNotice::InMemory { .. } => lang.tr(Msg::IndexInMemory).to_string(),
        IndexNotice::Busy { editions } => fill(lang.tr(Msg::IndexBusy), &[("n", editions)]),
        IndexNotice::Repaired { .. } => lang.tr(Msg::IndexRepaired).to_string(),
    }
}

/// Editions a search could not read, in `lang` (the first named with line and column).
pub fn skipped_text(lang: Lang, skipped: &[SkippedEdition]) -> Option<String> {
    let first = skipped.first()?;
    let place = match (first.line, first.col) {
        (Some(line), Some(col)) => format!("{}:{line}:{col}", shown(&first.path)),
        _ => shown(&first.path),
    };
    Some(fill(
        lang.tr(Msg::EditionsSkipped),
        &[("n", &skipped.len()), ("first", &place)],
    ))
}

/// What an edit did, as a phrase (`给 37 篇文章加标签‘党建’`).
pub fn summary_text(lang: Lang, summary: &EditSummary) -> String {
    let tr = |msg| lang.tr(msg);
    match summary {
        EditSummary::Tagged { articles, tags } => fill(
            tr(Msg::SumTagged),
            &[("n", articles), ("tags", &tags.join("、"))],
        ),
        EditSummary::Untagged { articles, tags } => fill(
            tr(Msg::SumUntagged),
            &[("n", articles), ("tags", &tags.join("、"))],
        ),
        EditSummary::Retagged { articles } => fill(tr(Msg::SumRetagged), &[("n", articles)]),
        EditSummary::Note { .. } => tr(Msg::SumNote).to_string(),
        EditSummary::TagCreated { name } => fill(tr(Msg::SumTagCreated), &[("name", name)]),
        EditSummary::TagRenamed { from, to } => {
            fill(tr(Msg::SumTagRenamed), &[("from", from), ("to", to)])
        }
        EditSummary::TagMoved {
            name,
            parent: Some(parent),
        } => fill(tr(Msg::SumTagMoved), &[("name", name), ("parent", parent)]),
        EditSummary::TagMoved { name, parent: None } => {
            fill(tr(Msg::SumTagMovedTop), &[("name", name)])
        }
        EditSummary::TagRecoloured { name } => fill(tr(Msg::SumTagRecoloured), &[("name", name)]),
        EditSummary::TagChanged { name } => fill(tr(Msg::SumTagChanged), &[("name", name)]),
        EditSummary::TagDeleted { name, .. } => fill(tr(Msg::SumTagDeleted), &[("name", name)]),
        EditSummary::TagMerged { from, into, .. } => {
            fill(tr(Msg::SumTagMerged), &[("from", from), ("into", into)])
        }
        EditSummary::SearchSaved { name } => fill(tr(Msg::SumSearchSaved), &[("name", name)]),
        EditSummary::SearchChanged { name } => fill(tr(Msg::SumSearchChanged), &[("name", name)]),
        EditSummary::SearchDeleted { name } => fill(tr(Msg::SumSearchDeleted), &[("name", name)]),
        EditSummary::CollectionCreated { name, .. } => {
            fill(tr(Msg::SumCollectionCreated), &[("name", name)])
        }
        EditSummary::CollectionRenamed { from, to } => {
            fill(tr(Msg::SumCollectionRenamed), &[("from", from), ("to", to)])
        }
        EditSummary::CollectionDeleted { name } => {
            fill(tr(Msg::SumCollectionDeleted), &[("name", name)])
        }
        EditSummary::AddedToCollection { name, articles } => fill(
            tr(Msg::SumAddedToCollection),
            &[("name", name), ("n", articles)],
        ),
        EditSummary::RemovedFromCollection { name, articles } => fill(
            tr(Msg::SumRemovedFromCollection),
            &[("name", name), ("n", articles)],
        ),
        EditSummary::CollectionReordered { name } => {
            fill(tr(Msg::SumCollectionReordered), &[("name", name)])
        }
        EditSummary::Split { .. } => tr(Msg::SumSplit).to_string(),
        EditSummary::Merged { .. } => tr(Msg::SumMerged).to_string(),
        EditSummary::FieldsCorrected { .. } => tr(Msg::SumFieldsCorrected).to_string(),
        EditSummary::PageRestored => tr(Msg::SumPageRestored).to_string(),
        EditSummary::EntityRenamed { from, to } => {
            fill(tr(Msg::SumEntityRenamed), &[("from", from), ("to", to)])
        }
        EditSummary::EntityMerged { from, into } => {
            fill(tr(Msg::SumEntityMerged), &[("from", from), ("into", into)])
        }
        EditSummary::EntityAliasAdded { name, alias } => fill(
            tr(Msg::SumEntityAliasAdded),
            &[("name", name), ("alias", alias)],
        ),
        EditSummary::EntityAliasRemoved { name, alias } => fill(
            tr(Msg::SumEntityAliasRemoved),
            &[("name", name), ("alias", alias)],
        ),
        EditSummary::NotAnEntity { name } => fill(tr(Msg::SumNotAnEntity), &[("name", name)]),
        EditSummary::EntityChanged { name } => fill(tr(Msg::SumEntityChanged), &[("name", name)]),
        EditSummary::Several(n) => fill(tr(Msg::SumSeveral), &[("n", n)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_file_is_named_with_line_and_column_in_chinese() {
        let error = SessionError::Store(StoreError::Ron {
            path: "p/project.ron".into(),
            line: 3,
            col: 10,
            message: "Expected string".into(),
        });
        let text = error_text(Lang::Zh, &error);
        assert!(text.contains("p/project.ron 第 3 行第 10 列"), "{text}");
    }

    #[test]
    fn a_tagging_step_reads_as_the_issue_words_it() {
        let summary = EditSummary::Tagged {
            articles: 37,
            tags: vec!["党建".into()],
        };
        assert_eq!(summary_text(Lang::Zh, &summary), "给 37 篇文章加标签‘党建’");
    }

    #[test]
    fn every_malformed_query_is_explained_in_chinese() {
        let queries = [
            "OR 苏陕",
            "-苏陕 OR 协作",
            "- 苏陕",
            "\"苏陕 协作",
            "tag:",
            "\"\"",
            "，。",
            "page:5..3",
            "date:..",
            "page:x",
            "date:1998-13",
        ];
        for query in queries {
            let Err(SearchError::Query(error)) = crate::archive::search::parse(query) else {
                panic!("{query} should not parse");
            };
            let text = query_error_text(Lang::Zh, &error);
            // Only the user's own words and the syntax's keywords are ASCII.
            let english = [
                "needs", "must", "is not", "empty", "range", "number", "quote",
            ];
            assert!(english.iter().all(|w| !text.contains(w)), "{query}: {text}");
            assert!(
                text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{text}"
            );
            assert_ne!(text, query_error_text(Lang::En, &error));
        }
    }

    #[test]
    fn import_problems_are_worded_in_chinese() {
        let problems = [
            ImportProblem::NotFound,
            ImportProblem::NoDate,
            ImportProblem::PageInNameOutside { text: "00".into() },
            ImportProblem::Decode(DecodeError::Binary {
                byte: 0,
                offset: 12,
            }),
            ImportProblem::Collision {
                date: chrono::NaiveDate::from_ymd_opt(2024, 6, 28).unwrap_or_default(),
                page: 1,
                others: vec!["b.txt".into()],
            },
        ];
        for problem in problems {
            let zh = import_problem_text(Lang::Zh, &problem);
            assert!(
                zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)),
                "{zh}"
            );
            assert_ne!(zh, problem.to_string());
        }
    }
}
