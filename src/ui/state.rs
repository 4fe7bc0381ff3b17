//! The app's state types: persisted settings, start options, and what panels show.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::archive::export::{ExportField, ExportFormat};
use crate::archive::model::CollectionId;
use crate::archive::session::SessionError;
use crate::archive::{ArticleId, ArticleSelection, TagId};
use crate::ui::app::APP_ID;
use crate::ui::backend::SortOrder;
use crate::ui::columns::ColumnPrefs;
use crate::ui::file_picker::{FilePicker, NativeFilePicker};
use crate::ui::i18n::Lang;
use crate::ui::rows::ResultRow;
use crate::ui::sample;
use crate::ui::worker::{EditionSummary, Editorial, JobKind, LoadedArticle, TagView};

/// Settings remembered between runs (panel sizes live in egui's own memory).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Format version of the stored settings.
    pub version: u32,
    /// UI language.
    pub lang: Lang,
    /// Dark theme instead of light.
    pub dark: bool,
    /// The archive open when the app last closed.
    pub last_project: Option<PathBuf>,
    /// Recently opened archives, newest first.
    pub recent: Vec<PathBuf>,
    /// Whether the left (archive) panel shows.
    pub show_archive: bool,
    /// Whether the right (reader) panel shows.
    pub show_reader: bool,
    /// Order of the results.
    pub sort: SortOrder,
    /// The export format last chosen.
    pub export_format: ExportFormat,
    /// The export fields last chosen, in order, each on or off.
    pub export_fields: Vec<(ExportField, bool)>,
    /// The results table's optional columns and snippet line.
    pub columns: ColumnPrefs,
    /// The text size as a zoom factor (视图 › 字号; 1 is the default).
    pub zoom: f32,
    /// The folder each kind of file dialog was last left in.
    pub dialog_folders: std::collections::BTreeMap<DialogKind, PathBuf>,
    /// Whether the chart of results per month shows above the results.
    pub show_chart: bool,
    /// Whether the reader shows the printed page (版面) instead of the text.
    pub show_page: bool,
}

/// The kinds of file dialog, each remembering its own last folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DialogKind {
    /// Opening or creating an archive.
    Archive,
    /// Choosing page files or a folder of them to import.
    Import,
    /// Choosing where to export.
    Export,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: 1,
            lang: Lang::Zh,
            dark: false,
            last_project: None,
            recent: Vec::new(),
            show_archive: true,
            show_reader: true,
            sort: SortOrder::Relevance,
            export_format: ExportFormat::Docx,
            export_fields: ExportField::ALL
                .into_iter()
                .map(|f| (f, f != ExportField::Correspondents))
                .collect(),
            columns: ColumnPrefs::default(),
            zoom: 1.0,
            dialog_folders: Default::default(),
            show_chart: false,
            show_page: false,
        }
    }
}

/// How the app starts: where its data lives, which archive, which picker.
pub struct AppOptions {
    /// Folder for the sample archive (the user's data folder by default).
    pub data_dir: PathBuf,
    /// Archive to open instead of the last one.
    pub project: Option<PathBuf>,
    /// Page files to import once the archive is open (`jianbao ARCHIVE FILES…`).
    pub import_on_start: Vec<PathBuf>,
    /// How files and folders are chosen.
    pub picker: Box<dyn FilePicker>,
    /// Settings to start from instead of the stored ones.
    pub settings: Option<Settings>,
    /// Open an archive at start (the last one, else the sample). The frame
    /// benchmark turns this off and supplies a synthetic archive.
    pub open_on_start: bool,
}

impl Default for AppOptions {
    fn default() -> Self {
        Self {
            data_dir: sample::default_data_dir(APP_ID),
            project: None,
            import_on_start: Vec::new(),
            picker: Box::new(NativeFilePicker::default()),
            settings: None,
            open_on_start: true,
        }
    }
}

/// A search filter shown as a removable chip (`date:2024-06-28`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    /// Field name in the query language (`date`, `page`, `tag`, …).
    pub field: String,
    /// Value.
    pub value: String,
}

impl Filter {
    /// The filter in the query language.
    pub fn query_text(&self) -> String {
        format!("{}:{}", self.field, self.value)
    }

    /// The chip's text in the UI's language: `日期：2024-06-28`, `Date: 2024-06-28`.
    pub fn chip_text(&self, lang: Lang) -> String {
        let word = match (lang, self.field.as_str()) {
            (Lang::Zh, "date") => "日期",
            (Lang::Zh, "page") => "版面",
            (Lang::Zh, "tag") => "标签",
            (Lang::Zh, "in") => "选集",
            (Lang::Zh, "reporter") => "记者",
            (Lang::Zh, "headline") => "标题",
            (Lang::Zh, "person") => "人物",
            (Lang::Zh, "place") => "地点",
            (Lang::Zh, "org") => "机构",
            (Lang::Zh, "event") => "事件",
            (Lang::En, "date") => "Date",
            (Lang::En, "page") => "Page",
            (Lang::En, "tag") => "Tag",
            (Lang::En, "in") => "Collection",
            (Lang::En, "reporter") => "Reporter",
            (Lang::En, "headline") => "Headline",
            (Lang::En, "person") => "Person",
            (Lang::En, "place") => "Place",
            (Lang::En, "org") => "Organisation",
            (Lang::En, "event") => "Event",
            (_, field) => field,
        };
        match lang {
            Lang::Zh => format!("{word}：{}", self.value),
            Lang::En => format!("{word}: {}", self.value),
        }
    }

    /// A filter to the edition of `date`.
    pub fn date(date: NaiveDate) -> Self {
        Self {
            field: "date".into(),
            value: date.format("%Y-%m-%d").to_string(),
        }
    }
}

/// The open archive as the UI knows it.
#[derive(Debug, Default)]
pub struct ArchiveView {
    /// Project folder.
    pub root: PathBuf,
    /// Name of the paper.
    pub paper: String,
    /// Opened read-only.
    pub read_only: bool,
    /// Every edition date.
    pub dates: BTreeSet<NaiveDate>,
    /// Article counts of the editions counted so far.
    pub editions: BTreeMap<NaiveDate, EditionSummary>,
    /// Articles per year (of the editions counted so far).
    pub year_articles: BTreeMap<i32, usize>,
    /// Articles per month.
    pub month_articles: BTreeMap<(i32, u32), usize>,
    /// Editions per year.
    pub year_editions: BTreeMap<i32, usize>,
    /// Articles over all counted editions.
    pub total_articles: usize,
    /// Tags with counts, saved searches, collections, undo and redo.
    pub editorial: Editorial,
}

impl ArchiveView {
    /// The archive's newest month (`1998-01`), for examples of date filters.
    pub fn example_month(&self) -> String {
        self.dates
            .last()
            .map_or_else(|| "2024-06".to_string(), |d| d.format("%Y-%m").to_string())
    }

    /// The tag with this id.
    pub fn tag(&self, id: TagId) -> Option<&TagView> {
        self.editorial.tags.iter().find(|t| t.def.id == id)
    }

    /// The tag with this name.
    pub fn tag_named(&self, name: &str) -> Option<&TagView> {
        self.editorial.tags.iter().find(|t| t.def.name == name)
    }

    /// Adds the article counts of some editions.
    pub fn add_summaries(&mut self, summaries: Vec<EditionSummary>) {
        for summary in summaries {
            self.dates.insert(summary.date);
            self.editions.insert(summary.date, summary);
        }
        self.recount();
    }

    fn recount(&mut self) {
        self.year_articles.clear();
        self.month_articles.clear();
        self.year_editions.clear();
        for date in &self.dates {
            *self.year_editions.entry(date.year()).or_default() += 1;
        }
        self.total_articles = 0;
        for (date, summary) in &self.editions {
            let n = summary.articles();
            *self.year_articles.entry(date.year()).or_default() += n;
            *self
                .month_articles
                .entry((date.year(), date.month()))
                .or_default() += n;
            self.total_articles += n;
        }
    }
}

/// The search box, its filters and the search in flight.
#[derive(Debug, Default)]
pub struct SearchState {
    /// Text typed in the box.
    pub text: String,
    /// Filter chips.
    pub filters: Vec<Filter>,
    /// `input.time` of the last edit, for the debounce.
    pub edited_at: f64,
    /// The query last sent to the worker.
    pub sent: Option<String>,
    /// Generation of the last search sent.
    pub generation: u64,
    /// Generation of the results shown.
    pub shown_generation: u64,
    /// Time the shown search took.
    pub took_ms: f64,
    /// Why the last search failed.
    pub error: Option<Box<SessionError>>,
    /// The next results refresh the shown search after an edit: keep the selection.
    pub refresh: bool,
    /// What to do with the first result once the pending search's results
    /// arrive (↓ or Enter pressed before they did).
    pub then: Option<AfterResults>,
}

/// A step asked of the results before they arrived: it waits for them, so
/// ↓ right after typing moves into the results of what was typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterResults {
    /// Put the cursor on the first result.
    MoveToFirst,
    /// Put the cursor on the first result and open it in the reader.
    OpenFirst,
}

impl SearchState {
    /// The full query: filters, then the typed text.
    pub fn query(&self) -> String {
        let mut parts: Vec<String> = self.filters.iter().map(Filter::query_text).collect();
        let text = self.text.trim();
        if !text.is_empty() {
            parts.push(text.to_string());
        }
        parts.join(" ")
    }

    /// The value of the active filter chip on `field` (`date`, `tag`), if any.
    pub fn filter_value(&self, field: &str) -> Option<&str> {
        self.filters
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.value.as_str())
    }

    /// Whether the query looks for words (not only filters), so hits have
    /// matches to show.
    pub fn has_words(&self) -> bool {
        !self.text.trim().is_empty()
    }

    /// Whether a search is still running or waiting for its debounce.
    pub fn is_pending(&self) -> bool {
        self.sent.as_deref() != Some(self.query().as_str())
            || self.shown_generation != self.generation
    }
}

/// The selected articles (by id, so they survive paging and re-sorting),
/// the cursor and the anchor of a Shift-click.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Selected articles.
    pub ids: BTreeSet<ArticleId>,
    /// Every result of the shown query is selected (Ctrl+A), however many.
    pub all: bool,
    /// The row keyboard moves start from; its article is in the reader.
    pub cursor: Option<usize>,
    /// Where a Shift-click extends from.
    pub anchor: Option<usize>,
}

impl Selection {
    /// Whether `row` is selected.
    pub fn contains(&self, row: &ResultRow) -> bool {
        self.all || self.ids.contains(&row.id)
    }

    /// Number of selected articles, given the number of results.
    pub fn len(&self, total: usize) -> usize {
        if self.all { total } else { self.ids.len() }
    }

    /// Whether nothing is selected.
    pub fn is_empty(&self) -> bool {
        !self.all && self.ids.is_empty()
    }

    /// The selection as the core takes it; `query` is the shown search.
    pub fn target(&self, query: &str) -> ArticleSelection {
        if self.all {
            ArticleSelection::Query(query.to_string())
        } else {
            ArticleSelection::Ids(self.ids.iter().cloned().collect())
        }
    }
}

/// A job running in the background, for the status bar.
#[derive(Debug, Clone)]
pub struct JobState {
    /// What it is.
    pub kind: JobKind,
    /// Units done.
    pub done: usize,
    /// Units in all (0 when unknown).
    pub total: usize,
    /// Set to cancel (imports only).
    pub cancel: Option<Arc<AtomicBool>>,
}

/// The date-confirmation dialog for files whose names carry no date.
#[derive(Debug, Clone, Default)]
pub struct DateDialog {
    /// All files and folders to import.
    pub paths: Vec<PathBuf>,
    /// The files without a date in their names.
    pub undated: Vec<PathBuf>,
    /// The date as typed.
    pub date_text: String,
    /// The typed date does not parse.
    pub invalid: bool,
}

/// The reader's article.
#[derive(Debug, Default)]
pub struct ReaderState {
    /// The article asked for.
    pub id: Option<ArticleId>,
    /// The article once loaded.
    pub loaded: Option<LoadedArticle>,
    /// The people, places and organisations extraction finds in the loaded
    /// article (`archive::entities`), each once in the order first named.
    pub entities: Vec<(crate::archive::entities::EntityKind, String)>,
    /// Where the reader's article mentions them, to mark in the text.
    pub marks: Vec<crate::ui::worker::EntityMark>,
    /// Why loading failed (`Some(None)`: there is no such article).
    pub error: Option<Option<Box<SessionError>>>,
    /// The tag input under the chips.
    pub tag_input: String,
    /// The note as typed, while it differs from the saved one.
    pub note_draft: Option<NoteDraft>,
    /// After the edit on its way, show and select this article (the one the
    /// shown article is being merged into).
    pub follow: Option<ArticleId>,
}

/// A note being typed: saved after a pause.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteDraft {
    /// The article it belongs to.
    pub id: ArticleId,
    /// The text typed.
    pub text: String,
    /// `input.time` of the last keystroke.
    pub edited_at: f64,
}

/// A dialog of the tag editor.
#[derive(Debug, Clone, PartialEq)]
pub enum TagDialog {
    /// Ctrl+T: add a tag to the selected articles.
    TagSelection {
        /// The tag name as typed.
        input: String,
    },
    /// Rename a tag.
    Rename {
        /// The tag.
        id: TagId,
        /// The new name as typed.
        text: String,
    },
    /// Describe a tag.
    Describe {
        /// The tag.
        id: TagId,
        /// The description as typed.
        text: String,
    },
    /// Confirm deleting a tag.
    Delete {
        /// The tag.
        id: TagId,
    },
    /// Correct an article's title block and byline.
    EditFields {
        /// The article.
        id: ArticleId,
        /// 引题, 主题 (lines as typed), 副题, 署名 and 记者 (separated by 、).
        texts: [String; 5],
    },
    /// Name a new collection for the selected articles.
    NewCollection {
        /// The name as typed.
        name: String,
    },
    /// Rename a collection.
    RenameCollection {
        /// The collection.
        id: CollectionId,
        /// The new name as typed.
        text: String,
    },
    /// Rename an entity of the index of names, give it another name, or
    /// merge it into another.
    EntityName {
        /// Its kind.
        kind: crate::archive::model::EntityKind,
        /// Its name.
        name: String,
        /// Which of the three.
        action: crate::ui::names_panel::NameDialogKind,
        /// The name typed.
        text: String,
    },
    /// Name the search to save.
    SaveSearch {
        /// The query.
        query: String,
        /// The name as typed.
        name: String,
    },
}

/// What the left panel shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LeftTab {
    /// The archive: dates, calendar, tags, saved searches, collections.
    #[default]
    Archive,
    /// The index of names: people, places, organisations, reporters.
    Names,
}

/// How the index of names is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum NameOrder {
    /// Most articles first.
    #[default]
    Count,
    /// By pinyin.
    Pinyin,
}

/// The index of names: the section shown, the filter typed, and each
/// section's names as the worker last listed them.
#[derive(Debug, Default)]
pub struct NamesState {
    /// The section shown (`None`: people, the first).
    pub kind: Option<crate::archive::session::NameKind>,
    /// The filter as typed (characters, pinyin or initials).
    pub filter: String,
    /// Order of the list.
    pub order: NameOrder,
    /// Each section's names, once listed.
    pub lists: std::collections::HashMap<
        crate::archive::session::NameKind,
        Vec<crate::ui::worker::NameView>,
    >,
    /// Sections asked of the worker and not answered yet.
    pub requested: std::collections::HashSet<crate::archive::session::NameKind>,
    /// Counts up at every [`NamesState::invalidate`]: an answer to an
    /// older request is dropped, as it may predate an edit.
    pub generation: u64,
    /// The rows shown (indices into the section's list) and what they were
    /// computed for: section, filter, order, list length.
    pub shown: Option<(ShownKey, Vec<usize>)>,
}

/// What the index of names' shown rows were computed for.
pub type ShownKey = (crate::archive::session::NameKind, String, NameOrder, usize);

impl NamesState {
    /// The section shown.
    pub fn kind(&self) -> crate::archive::session::NameKind {
        self.kind
            .unwrap_or(crate::archive::session::NameKind::Person)
    }

    /// Forgets every list (after an import or an edit), so each is listed
    /// again when next shown.
    pub fn invalidate(&mut self) {
        self.lists.clear();
        self.requested.clear();
        self.shown = None;
        self.generation += 1;
    }
}

/// The 稿件统计 window: what it counts and the table the worker counted.
#[derive(Debug, Clone)]
pub struct StatsWindow {
    /// What the rows are.
    pub by: crate::archive::stats::StatsBy,
    /// The query counted (empty: every article).
    pub query: String,
    /// The table, once counted.
    pub table: Option<crate::archive::stats::StatsTable>,
    /// Why it could not be counted.
    pub error: Option<String>,
}

impl Default for StatsWindow {
    fn default() -> Self {
        Self {
            by: crate::archive::stats::StatsBy::Reporter,
            query: String::new(),
            table: None,
            error: None,
        }
    }
}

/// How large the 版面 view draws the page.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum PageZoom {
    /// The page as wide as the view.
    #[default]
    FitWidth,
    /// The whole page in the view.
    FitPage,
    /// Points to screen points (1.0 is 100%).
    Scale(f32),
}

/// The zoom range of the 版面 view, as screen points a PDF point.
pub const PAGE_ZOOM_RANGE: (f32, f32) = (0.1, 8.0);

/// The page rendered and uploaded, drawn at whatever size the view wants
/// until a sharper render arrives.
#[derive(Clone)]
pub struct PageTexture {
    /// Which page.
    pub key: crate::ui::page_render::PageKey,
    /// Pixels a point it was rendered at.
    pub scale: f32,
    /// The texture.
    pub handle: eframe::egui::TextureHandle,
}

impl std::fmt::Debug for PageTexture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageTexture({:?} at {})", self.key, self.scale)
    }
}

/// The 版面 view: the reader's article on its printed page.
#[derive(Debug, Default)]
pub struct PageViewState {
    /// The page shown, with every article's region.
    pub info: Option<crate::archive::session::PrintedPageInfo>,
    /// The page asked of the worker (date, page) and not answered yet.
    pub asked: Option<(NaiveDate, u32)>,
    /// When the answer comes, open the page's first article (moving
    /// between pages).
    pub open_first: bool,
    /// How large the page is drawn.
    pub zoom: PageZoom,
    /// The newest render.
    pub texture: Option<PageTexture>,
    /// The render asked for and not done yet.
    pub rendering: Option<(crate::ui::page_render::PageKey, f32)>,
    /// Why the page cannot be shown.
    pub error: Option<String>,
    /// Scroll the view to this article's region next frame.
    pub focus: Option<ArticleId>,
    /// Screen points a PDF point the view drew at last frame (what a zoom
    /// step starts from).
    pub drawn_scale: f32,
}

impl PageViewState {
    /// The kept PDF page shown, when the page has one.
    pub fn key(&self) -> Option<crate::ui::page_render::PageKey> {
        let (pdf, place) = self.info.as_ref()?.pdf.clone()?;
        Some(crate::ui::page_render::PageKey { pdf, place })
    }
}
