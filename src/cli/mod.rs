//! The command-line interface: one file per subcommand, each thin over `archive`.
//!
//! Exit codes: 0 success, 1 partial (some inputs failed, the rest done),
//! 2 error. Errors go to stderr and name the file; a closed pipe is not an error.

mod clip;
mod collection;
mod entities;
mod export;
mod fix;
mod import;
mod list;
mod new;
mod note;
mod parse;
mod reindex;
mod saved;
mod search;
mod show;
mod stats;
mod tag;
mod tags;

use std::io::{self, Write};
use std::path::Path;

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::archive::store::StoreError;
use crate::archive::{EditSummary, Session, SessionError};

/// Everything went as asked.
pub const EXIT_OK: u8 = 0;
/// Some inputs failed; the rest were done.
pub const EXIT_PARTIAL: u8 = 1;
/// Nothing was done.
pub const EXIT_ERROR: u8 = 2;

/// Jianbao (剪报): a newsroom archive. Run without a command to open the desktop app.
///
/// `jianbao` with no arguments opens the window on the last archive (the
/// bundled sample on first start); `jianbao ARCHIVE` opens that archive in
/// the window, and `jianbao ARCHIVE FILES…` imports the files into it there.
/// With a command it works in the terminal.
#[derive(Debug, Parser)]
#[command(
    name = "jianbao",
    version,
    about,
    override_usage = "jianbao                     (the window, on the last archive)\n       \
                      jianbao ARCHIVE [FILES…]    (the window, on ARCHIVE; imports FILES)\n       \
                      jianbao <COMMAND> [ARGS…]   (in the terminal)"
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Parse one page file and print its articles (nothing is saved).
    Parse(parse::ParseArgs),
    /// Create a new project folder.
    New(new::NewArgs),
    /// Import page files or folders of them into a project.
    Import(import::ImportArgs),
    /// List the articles of a project.
    List(list::ListArgs),
    /// Show one article.
    Show(show::ShowArgs),
    /// Search a project (words, "phrases", -not, OR, tag: reporter:/记者: page: date: headline:/标题: event: person:/人物: place:/地点: org:/机构:).
    Search(search::SearchArgs),
    /// Rebuild a project's search index.
    Reindex(reindex::ReindexArgs),
    /// Add or remove tags on articles (unknown tags are created by --add).
    Tag(tag::TagArgs),
    /// Write an article's note.
    Note(note::NoteArgs),
    /// List the tag vocabulary, or rename, merge, delete or move a tag.
    Tags(tags::TagsArgs),
    /// List, add or delete saved searches.
    Saved(saved::SavedArgs),
    /// Correct the parse of an article: split it, merge it into the one before, set a field.
    Fix(fix::FixArgs),
    /// List, create, add to, remove from, rename or delete collections (选集).
    Collection(collection::CollectionArgs),
    /// Export articles to docx, html, md, txt, csv, xlsx or jsonl.
    Export(export::ExportArgs),
    /// Count articles per month, page, or reporter per month (稿件统计).
    Stats(stats::StatsArgs),
    /// List the people, places, organisations and reporters the articles
    /// name, or rename, merge, alias or remove one.
    Entities(entities::EntitiesArgs),
    /// Cut an article out of its printed page as a PNG (剪报).
    Clip(clip::ClipArgs),
}

/// `--date` and `--page`: what a page file's name says, overridden.
#[derive(Debug, Clone, clap::Args)]
struct PageArgs {
    /// Edition date for every file (default: from each file name); years 1800–2200.
    #[arg(long)]
    date: Option<chrono::NaiveDate>,
    /// Page number for every file, 1–999 (default: the name's `_01` suffix,
    /// else 1). Two files of one run that land on the same date and page
    /// are refused, both.
    #[arg(long)]
    page: Option<u32>,
}

impl PageArgs {
    fn import_options(&self) -> crate::archive::import::ImportOptions {
        crate::archive::import::ImportOptions {
            date: self.date,
            page: self.page,
            ..Default::default()
        }
    }
}

/// Opens a project for a command that only reads. A project in an older
/// format is migrated first (that needs the writer lock once).
fn open_for_reading(dir: &Path) -> anyhow::Result<Session> {
    open_read_only_with(dir, |dir| Session::open_read_only(dir))
}

/// The article `id` of the project in `dir`, or an error naming both.
fn find_article(
    session: &Session,
    dir: &Path,
    id: &crate::archive::ArticleId,
) -> anyhow::Result<crate::archive::session::FoundArticle> {
    use anyhow::Context as _;
    session
        .article(id)
        .context("cannot read the article")?
        .ok_or_else(|| anyhow::anyhow!("{}: no article {id} in this project", dir.display()))
}

/// [`open_for_reading`] with `open` opening the session (a project in an
/// older format is migrated first).
fn open_read_only_with(
    dir: &Path,
    open: fn(&Path) -> Result<Session, SessionError>,
) -> anyhow::Result<Session> {
    let opened = match open(dir) {
        Err(SessionError::Store(StoreError::NeedsMigration { .. })) => {
            close(Session::open(dir)?)?;
            open(dir)
        }
        other => other,
    };
    opened.with_context(|| format!("cannot open the project {}", dir.display()))
}

/// Closes a session that was opened for writing: folds the journal and says
/// on stderr what could not be read in it or folded (those changes stay in
/// the journal and are not lost; the edit just made is saved either way).
fn close(session: Session) -> anyhow::Result<()> {
    if let Some(repair) = session.store().journal_repair() {
        eprintln!("warning: {repair}");
    }
    if let Some(behind) = session.index_behind() {
        eprintln!(
            "warning: saved; the search index could not follow ({behind}); the next search brings it up to date"
        );
    }
    let report = session.close()?;
    for kept in &report.kept {
        eprintln!("warning: saved; {kept}");
    }
    Ok(())
}

/// What an edit did, in a line for the terminal.
fn describe(summary: &EditSummary) -> String {
    match summary {
        EditSummary::Tagged { articles, tags } => {
            format!("tagged {articles} article(s) {}", tags.join(", "))
        }
        EditSummary::Untagged { articles, tags } => {
            format!("removed {} from {articles} article(s)", tags.join(", "))
        }
        EditSummary::Retagged { articles } => format!("changed the tags of {articles} article(s)"),
        EditSummary::Note { article } => format!("saved the note of {article}"),
        EditSummary::TagCreated { name } => format!("created tag {name}"),
        EditSummary::TagRenamed { from, to } => format!("renamed tag {from} to {to}"),
        EditSummary::TagMoved { name, parent } => match parent {
            Some(parent) => format!("nested tag {name} under {parent}"),
            None => format!("moved tag {name} to the top level"),
        },
        EditSummary::TagRecoloured { name } => format!("recoloured tag {name}"),
        EditSummary::TagChanged { name } => format!("changed tag {name}"),
        EditSummary::TagDeleted { name, articles } => {
            format!("deleted tag {name} (it was on {articles} article(s))")
        }
        EditSummary::TagMerged {
            from,
            into,
            articles,
        } => format!("merged tag {from} into {into} ({articles} article(s))"),
        EditSummary::SearchSaved { name } => format!("saved search {name}"),
        EditSummary::SearchChanged { name } => format!("changed saved search {name}"),
        EditSummary::SearchDeleted { name } => format!("deleted saved search {name}"),
        EditSummary::CollectionCreated { name, articles } => {
            format!("created collection {name} ({articles} article(s))")
        }
        EditSummary::CollectionRenamed { from, to } => {
            format!("renamed collection {from} to {to}")
        }
        EditSummary::CollectionDeleted { name } => format!("deleted collection {name}"),
        EditSummary::AddedToCollection { name, articles } => {
            format!("added {articles} article(s) to collection {name}")
        }
        EditSummary::RemovedFromCollection { name, articles } => {
            format!("removed {articles} article(s) from collection {name}")
        }
        EditSummary::CollectionReordered { name } => format!("reordered collection {name}"),
        EditSummary::Split { article } => format!("split {article} in two"),
        EditSummary::Merged { article } => format!("merged {article} into the article before it"),
        EditSummary::FieldsCorrected { article } => format!("corrected {article}"),
        EditSummary::PageRestored => "restored a page".to_string(),
        EditSummary::EntityRenamed { from, to } => {
            format!("renamed {from} to {to} ({from} stays an alias)")
        }
        EditSummary::EntityMerged { from, into } => format!("merged {from} into {into}"),
        EditSummary::EntityAliasAdded { name, alias } => {
            format!("{alias} is now another name of {name}")
        }
        EditSummary::EntityAliasRemoved { name, alias } => {
            format!("split {alias} off {name}")
        }
        EditSummary::NotAnEntity { name } => format!("marked {name} as no entity"),
        EditSummary::EntityChanged { name } => format!("changed entity {name}"),
        EditSummary::Several(n) => format!("{n} changes"),
    }
}

/// Parses the command line, runs the command and returns the process exit code.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
            e.print().ok();
            return code;
        }
    };
    let result = match &cli.command {
        Command::Parse(args) => parse::run(args),
        Command::New(args) => new::run(args),
        Command::Import(args) => import::run(args),
        Command::List(args) => list::run(args),
        Command::Show(args) => show::run(args),
        Command::Search(args) => search::run(args),
        Command::Reindex(args) => reindex::run(args),
        Command::Tag(args) => tag::run(args),
        Command::Note(args) => note::run(args),
        Command::Tags(args) => tags::run(args),
        Command::Saved(args) => saved::run(args),
        Command::Fix(args) => fix::run(args),
        Command::Collection(args) => collection::run(args),
        Command::Export(args) => export::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Entities(args) => entities::run(args),
        Command::Clip(args) => clip::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => EXIT_OK,
        Err(e) => {
            eprintln!("jianbao: {e:#}");
            EXIT_ERROR
        }
    }
}

/// `printed`, with a closed pipe counted as success: for a command whose
/// work is saved before it answers, so its exit code still says how it went.
fn ignore_broken_pipe(printed: anyhow::Result<()>) -> anyhow::Result<()> {
    match printed {
        Err(e) if is_broken_pipe(&e) => Ok(()),
        other => other,
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<io::Error>())
        .any(|e| e.kind() == io::ErrorKind::BrokenPipe)
}

/// `name` for a terminal: control characters (an escape sequence typed
/// into `project.ron` by hand) shown as `\u{1b}`, the rest as it is.
fn escaped(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Writes `value` to stdout as pretty JSON followed by a newline.
fn print_json(value: &impl serde::Serialize) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    // As an io::Error, a closed pipe is recognised by `is_broken_pipe`.
    serde_json::to_writer_pretty(&mut out, value).map_err(io::Error::from)?;
    writeln!(out)?;
    Ok(())
}

/// Writes `text` to stdout.
fn print_text(text: &str) -> anyhow::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_definitions_are_consistent() {
        Cli::command().debug_assert();
    }

    /// Parses `args` (after `jianbao`) and returns the parsed command's
    /// debug form; a definition that does not match how it is read panics.
    fn parsed(args: &str) -> String {
        let argv = std::iter::once("jianbao").chain(args.split_whitespace());
        match Cli::try_parse_from(argv) {
            Ok(cli) => format!("{:?}", cli.command),
            Err(e) => panic!("`{args}` refused: {e}"),
        }
    }

    #[test]
    fn every_flag_of_every_subcommand_parses() {
        let id = "20240628-01-02";
        let cases: Vec<(String, Vec<&str>)> = vec![
            (
                "parse page.txt --date 2024-06-28 --page 3 --json".into(),
                vec!["2024-06-28", "Some(3)", "json: true"],
            ),
            ("new /p --paper 报".into(), vec!["报"]),
            (
                "import /p a.txt b --date 2024-06-28 --page 2 --prune --replace-corrected --json"
                    .into(),
                vec!["prune: true", "replace_corrected: true", "Some(2)"],
            ),
            ("list /p --date 2024-06-28 --json".into(), vec!["2024-06-28"]),
            (format!("show /p {id} --json"), vec![id]),
            (
                "search /p 协作 --limit 5 --offset 10 --sort date-asc --json".into(),
                vec!["协作", "5", "10"],
            ),
            ("reindex /p".into(), vec!["Reindex"]),
            (
                format!("tag /p {id} --add 甲 --add 乙 --remove 丙"),
                vec!["甲", "乙", "丙"],
            ),
            (format!("note /p {id} 核对"), vec!["核对"]),
            (format!("note /p {id} --file n.txt"), vec!["n.txt"]),
            ("tags /p --json".into(), vec!["json: true"]),
            ("tags /p rename 甲 乙".into(), vec!["Rename"]),
            ("tags /p merge 甲 乙".into(), vec!["Merge"]),
            ("tags /p delete 甲".into(), vec!["Delete"]),
            ("tags /p move 甲 --parent 乙".into(), vec!["Move"]),
            ("saved /p list --json".into(), vec!["List"]),
            ("saved /p add 名 协作".into(), vec!["Add"]),
            ("saved /p delete 名".into(), vec!["Delete"]),
            (format!("fix /p {id} split --at 2"), vec!["at: 2"]),
            (format!("fix /p {id} merge-previous"), vec!["MergePrevious"]),
            (format!("fix /p {id} set headline 新"), vec!["headline"]),
            ("collection /p list --json".into(), vec!["json: true"]),
            ("collection /p create 选".into(), vec!["Create"]),
            (format!("collection /p add 选 {id} --query 协作"), vec!["协作"]),
            (format!("collection /p remove 选 {id}"), vec!["Remove"]),
            ("collection /p rename 选 新".into(), vec!["Rename"]),
            ("collection /p delete 选".into(), vec!["Delete"]),
            (
                "export /p --query 协作 --date 2024-06-01..2024-06-30 --format csv -o a.csv --fields id,headline,text --force --json"
                    .into(),
                vec!["Csv", "Headline", "Text", "force: true", "json: true"],
            ),
            (
                format!("export /p --ids {id} 20240628-01-03 --output b.docx"),
                vec!["20240628-01-03"],
            ),
            ("export /p --collection 选 -o c.jsonl".into(), vec!["选"]),
        ];
        for (args, wanted) in cases {
            let debug = parsed(&args);
            for want in wanted {
                assert!(debug.contains(want), "`{args}`: {want} not in {debug}");
            }
        }
    }

    #[test]
    fn names_are_printed_without_their_control_characters() {
        assert_eq!(escaped("党建"), "党建");
        assert_eq!(escaped("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
    }

    #[test]
    fn ids_without_a_date_are_refused_on_the_command_line() {
        for bad in ["X-1", "20241328-01-01", "20240628", "00010101-01-01"] {
            let argv = ["jianbao", "show", "/p", bad];
            let err = Cli::try_parse_from(argv).expect_err(bad);
            assert!(
                err.to_string().contains("not an article id"),
                "{bad}: {err}"
            );
        }
    }
}
