//! Everything a panel, menu or shortcut can ask for, and how the app carries it out.
//!
//! [`Action`] is the one table of what menus, shortcuts and the shortcuts
//! window offer: each action has its label and its key binding here and
//! nowhere else. [`Command`] is what panels push; the app applies commands
//! after drawing, so no panel changes state while the frame is drawn.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use eframe::egui;
use egui::{Key, KeyboardShortcut, Modifiers};

use crate::archive::edit::Edit;
use crate::archive::export::ExportOptions;
use crate::archive::import::date_from_file_name;
use crate::archive::model::SavedSearch;
use crate::archive::{ArticleId, ArticleSelection, TagId};
use crate::ui::app::{JianbaoApp, article_text};
use crate::ui::backend::SortOrder;
use crate::ui::columns::OptionalColumn;
use crate::ui::export_dialog::{ExportDialog, ExportWhat};
use crate::ui::fallback_dialog::PickPurpose;
use crate::ui::i18n::fill;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::state::{AfterResults, DateDialog, Filter, JobState, NoteDraft, TagDialog};
use crate::ui::worker::{CollectInto, ExportSource, JobKind, Request};

/// The factor one step of 视图 › 字号 enlarges or shrinks by.
pub const ZOOM_STEP: f32 = 1.1;

/// The text sizes 视图 › 字号 allows, as zoom factors.
pub const ZOOM_RANGE: (f32, f32) = (0.5, 2.5);

/// What the menus and the keyboard offer, each with one label and its shortcuts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// 新建档案…
    NewArchive,
    /// 打开档案… (Ctrl+O)
    OpenArchive,
    /// 导入文件… (Ctrl+I)
    ImportFiles,
    /// 导入文件夹…
    ImportFolder,
    /// 退出 (Ctrl+Q)
    Quit,
    /// 撤销 (Ctrl+Z)
    Undo,
    /// 重做 (Ctrl+Shift+Z, Ctrl+Y)
    Redo,
    /// 查找 (Ctrl+F)
    Find,
    /// 全选 (Ctrl+A)
    SelectAll,
    /// 给所选文章加标签… (Ctrl+T)
    TagSelection,
    /// 复制文章
    CopyArticle,
    /// 导出… (Ctrl+E)
    Export,
    /// 保存此搜索…
    SaveSearch,
    /// 人名地名索引 (Ctrl+Shift+N)
    ShowNames,
    /// 时间分布图 (Ctrl+Shift+M)
    ToggleChart,
    /// 版面 (Ctrl+Shift+P)
    PageView,
    /// 复制剪报 (Ctrl+Shift+J)
    CopyClipping,
    /// 稿件统计…
    Stats,
    /// 快捷键
    Shortcuts,
    /// 关于剪报
    About,
    /// 放大字号 (Ctrl+=, Ctrl++)
    ZoomIn,
    /// 缩小字号 (Ctrl+-)
    ZoomOut,
    /// 默认字号 (Ctrl+0)
    ZoomReset,
}

const fn ctrl(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

const fn ctrl_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(
        Modifiers {
            shift: true,
            ..Modifiers::COMMAND
        },
        key,
    )
}

impl Action {
    /// Every action, in the order the shortcuts window lists them.
    pub const ALL: [Action; 23] = [
        Action::Find,
        Action::Export,
        Action::SelectAll,
        Action::TagSelection,
        // Redo (Ctrl+Shift+Z) before undo (Ctrl+Z), which would also take it.
        Action::Redo,
        Action::Undo,
        Action::SaveSearch,
        Action::ShowNames,
        Action::ToggleChart,
        Action::PageView,
        Action::CopyClipping,
        Action::Stats,
        Action::CopyArticle,
        Action::OpenArchive,
        Action::NewArchive,
        Action::ImportFiles,
        Action::ImportFolder,
        Action::Shortcuts,
        Action::About,
        Action::ZoomIn,
        Action::ZoomOut,
        Action::ZoomReset,
        Action::Quit,
    ];

    /// The action's label.
    pub fn msg(self) -> Msg {
        match self {
            Action::NewArchive => Msg::NewArchive,
            Action::OpenArchive => Msg::OpenArchive,
            Action::ImportFiles => Msg::ImportFiles,
            Action::ImportFolder => Msg::ImportFolder,
            Action::Quit => Msg::Quit,
            Action::Undo => Msg::Undo,
            Action::Redo => Msg::Redo,
            Action::Find => Msg::Find,
            Action::SelectAll => Msg::SelectAll,
            Action::TagSelection => Msg::TagSelection,
            Action::CopyArticle => Msg::CopyArticle,
            Action::Export => Msg::Export,
            Action::SaveSearch => Msg::SaveSearch,
            Action::ShowNames => Msg::ShowNames,
            Action::ToggleChart => Msg::ShowChart,
            Action::PageView => Msg::PageView,
            Action::CopyClipping => Msg::CopyClipping,
            Action::Stats => Msg::StatsMenu,
            Action::Shortcuts => Msg::Shortcuts,
            Action::About => Msg::About,
            Action::ZoomIn => Msg::ZoomIn,
            Action::ZoomOut => Msg::ZoomOut,
            Action::ZoomReset => Msg::ZoomReset,
        }
    }

    /// Its key bindings; the first is the one menus show.
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        match self {
            Action::OpenArchive => vec![ctrl(Key::O)],
            Action::ImportFiles => vec![ctrl(Key::I)],
            Action::Quit => vec![ctrl(Key::Q)],
            Action::Undo => vec![ctrl(Key::Z)],
            Action::Redo => vec![ctrl_shift(Key::Z), ctrl(Key::Y)],
            Action::Find => vec![ctrl(Key::F)],
            Action::SelectAll => vec![ctrl(Key::A)],
            Action::TagSelection => vec![ctrl(Key::T)],
            Action::Export => vec![ctrl(Key::E)],
            // Ctrl+C stays the text fields' copy; the article has Shift too.
            Action::CopyArticle => vec![ctrl_shift(Key::C)],
            Action::Shortcuts => vec![KeyboardShortcut::new(Modifiers::NONE, Key::F1)],
            // egui's own zoom keys, which the app takes over to remember the size.
            Action::ZoomIn => vec![ctrl(Key::Equals), ctrl(Key::Plus)],
            Action::ZoomOut => vec![ctrl(Key::Minus)],
            Action::ZoomReset => vec![ctrl(Key::Num0)],
            Action::ShowNames => vec![ctrl_shift(Key::N)],
            Action::ToggleChart => vec![ctrl_shift(Key::M)],
            Action::PageView => vec![ctrl_shift(Key::P)],
            // 剪 is jiǎn.
            Action::CopyClipping => vec![ctrl_shift(Key::J)],
            Action::NewArchive
            | Action::ImportFolder
            | Action::SaveSearch
            | Action::About
            | Action::Stats => Vec::new(),
        }
    }

    /// Whether its shortcut works while a text field has the keyboard
    /// (Ctrl+Z there undoes typing, Ctrl+A selects the field's text).
    pub fn while_typing(self) -> bool {
        !matches!(self, Action::Undo | Action::Redo | Action::SelectAll)
    }

    /// The command it runs.
    pub fn command(self) -> Command {
        match self {
            Action::NewArchive => Command::PickNewArchive,
            Action::OpenArchive => Command::PickOpenArchive,
            Action::ImportFiles => Command::PickImportFiles,
            Action::ImportFolder => Command::PickImportFolder,
            Action::Quit => Command::Quit,
            Action::Undo => Command::Undo,
            Action::Redo => Command::Redo,
            Action::Find => Command::FocusSearch,
            Action::SelectAll => Command::SelectAll,
            Action::TagSelection => Command::OpenDialog(TagDialog::TagSelection {
                input: String::new(),
            }),
            Action::CopyArticle => Command::CopyArticle,
            Action::Export => Command::OpenExport(None),
            Action::SaveSearch => Command::OpenSaveSearch,
            Action::ShowNames => Command::ShowNames,
            Action::ToggleChart => Command::ToggleChart,
            Action::PageView => Command::TogglePageView,
            Action::CopyClipping => Command::CopyClipping,
            Action::Stats => Command::ToggleStats,
            Action::Shortcuts => Command::ShowShortcuts,
            Action::About => Command::ShowAbout,
            Action::ZoomIn => Command::Zoom(ZOOM_STEP),
            Action::ZoomOut => Command::Zoom(1.0 / ZOOM_STEP),
            Action::ZoomReset => Command::Zoom(0.0),
        }
    }
}

/// Everything a panel or shortcut can ask the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Open the archive in this folder.
    OpenArchive(PathBuf),
    /// Open (building if needed) the sample archive.
    OpenSample,
    /// Ask for an archive folder and open it.
    PickOpenArchive,
    /// Ask for a folder and create an archive there.
    PickNewArchive,
    /// Ask for page files and import them.
    PickImportFiles,
    /// Ask for a folder of pages and import it.
    PickImportFolder,
    /// Create an archive in this folder for the paper of this name.
    CreateArchive(PathBuf, String),
    /// Close the 新建档案 dialog without creating anything.
    CloseNewArchive,
    /// The user chose these paths for this purpose (from the in-window dialog).
    Picked(PickPurpose, Vec<PathBuf>),
    /// Import these files and folders (asks for a date when a name has none).
    Import(Vec<PathBuf>),
    /// Import with a confirmed edition date.
    ImportWithDate(Vec<PathBuf>, Option<NaiveDate>),
    /// Stop the running import.
    CancelJob,
    /// Switch the UI language.
    SetLang(Lang),
    /// Switch between dark and light.
    SetDark(bool),
    /// Show or hide the archive panel.
    ToggleArchivePanel,
    /// Show or hide the reader panel.
    ToggleReaderPanel,
    /// Show or hide an optional column of the results.
    ToggleColumn(OptionalColumn),
    /// Show or hide the snippet line under each result.
    ToggleSnippets,
    /// Enter in the search box: open the current result, else the first.
    SearchEnter,
    /// Add a filter chip (replacing one on the same field).
    SetFilter(Filter),
    /// Remove the filter chip at this position.
    RemoveFilter(usize),
    /// Remove the filter chip on this field, if any.
    RemoveFilterField(String),
    /// Empty the search box and remove all filters.
    ClearSearch,
    /// Change the result order.
    SetSort(SortOrder),
    /// Click on a row, with Shift (extend) or Ctrl (toggle).
    ClickRow {
        /// Row index.
        index: usize,
        /// Shift held: select from the anchor to here.
        extend: bool,
        /// Ctrl held: toggle this row.
        toggle: bool,
    },
    /// Move the cursor by this many rows (arrows, PageUp/PageDown).
    MoveCursor(i64),
    /// Select every row.
    SelectAll,
    /// Show the article under the cursor in the reader.
    OpenCursor,
    /// Copy the article in the reader to the clipboard.
    CopyArticle,
    /// Focus the search box.
    FocusSearch,
    /// Hand the keyboard from the search box to the results.
    LeaveSearch,
    /// Put this text in the search box and search now.
    SearchFor(String),
    /// Ask the worker for one section of the index of names (once until answered).
    ListNames(crate::archive::session::NameKind),
    /// Change the entity vocabulary (rename, merge, alias, not an entity).
    Entity {
        /// The kind of entity.
        kind: crate::archive::model::EntityKind,
        /// What to do.
        action: crate::ui::worker::EntityAction,
    },
    /// Show or hide the chart of results per month.
    ToggleChart,
    /// Show the index of names in the left panel (again: the archive).
    ShowNames,
    /// Open the 稿件统计 window (again: close it).
    ToggleStats,
    /// Count the 稿件统计 window's table by these rows.
    SetStatsBy(crate::archive::stats::StatsBy),
    /// Ask where to write the 稿件统计 table (`xlsx`: a workbook, else CSV).
    PickStatsExport(bool),
    /// Write the 稿件统计 table to this file.
    RunStatsExport(std::path::PathBuf),
    /// Filter the results to one month or day (a bar of the chart:
    /// `2024-06`, `2024-06-28`).
    FilterDate(String),
    /// ↓ in the search box: hand the keyboard to the results and move to the
    /// next one (the first of the typed query's results, once they arrive).
    EnterResults,
    /// Multiply the text size by this factor (0: back to the default size).
    Zoom(f32),
    /// Show the month of this date in the calendar.
    ShowMonth(i32, u32),
    /// Show the about window.
    ShowAbout,
    /// Show the shortcuts window.
    ShowShortcuts,
    /// Close the import-errors window.
    CloseImportReport,
    /// Close the window.
    Quit,
    /// Undo the last edit.
    Undo,
    /// Redo the last undone edit.
    Redo,
    /// Apply an edit (renaming, recolouring, moving, merging a tag; saved searches).
    ApplyEdit(Edit),
    /// Add the tag of this name (created when new) to the selected articles.
    TagSelection(String),
    /// Add the tag of this name (created when new) to the reader's article.
    AddReaderTag(String),
    /// Remove a tag from an article.
    RemoveTag(ArticleId, TagId),
    /// The note of the reader's article was typed.
    EditNote(String),
    /// Save the reader's note now (after a pause in typing).
    SaveNote,
    /// Open a dialog of the tag editor.
    OpenDialog(TagDialog),
    /// Open the dialog that saves the current search.
    OpenSaveSearch,
    /// Close the tag editor's dialog.
    CloseDialog,
    /// Run a saved search: its query replaces the search box and filters.
    RunSaved(SavedSearch),
    /// Show or hide the reader's correction tools.
    ToggleCorrecting,
    /// Add the selected articles to a collection.
    Collect(CollectInto),
    /// Move the article of row `index` up or down in the listed collection.
    MoveInCollection {
        /// The row.
        index: usize,
        /// -1 up, +1 down.
        step: i64,
    },
    /// Take the selected articles out of the listed collection.
    RemoveFromCollection,
    /// Select row `index` unless it is selected already (before a context menu).
    SelectForMenu(usize),
    /// Open the export dialog (on what, else the selection or all results).
    OpenExport(Option<ExportWhat>),
    /// Ask where to write the export, then run it.
    PickExportTarget,
    /// Run the export to this file (overwriting it when `true`).
    RunExport(PathBuf, bool),
    /// Close the export dialog.
    CloseExport,
    /// Open the folder of the last export in the file manager.
    OpenExportFolder,
    /// The reader shows the printed page (版面) or the text.
    TogglePageView,
    /// Open the reader's article on its printed page.
    ShowOnPage,
    /// Show this page of the edition in the 版面 view (its first article).
    GotoPage(u32),
    /// Draw the printed page this large.
    PageZoom(crate::ui::state::PageZoom),
    /// Render the page for the 版面 view.
    RenderPage {
        /// The page.
        key: crate::ui::page_render::PageKey,
        /// Pixels a point.
        scale: f32,
    },
    /// Open this article in the reader (the results' cursor follows when
    /// it is among them).
    OpenArticle(ArticleId),
    /// Copy the reader's article's clipping to the clipboard as an image.
    CopyClipping,
    /// Ask where to save the clipping.
    PickClippingFile,
    /// Save the clipping as PNG here.
    SaveClipping(PathBuf),
}

/// Clippings are cut at this resolution (dots per inch): print quality
/// for pasting into a document.
pub const CLIPPING_DPI: f32 = 200.0;

impl JianbaoApp {
    /// Opens `id` in the reader; the results' cursor moves to it when it is
    /// among the rows at hand.
    fn open_article(&mut self, id: ArticleId) {
        let rows = self.row_source();
        let found = (0..rows.total()).find(|&i| rows.row(i).is_some_and(|r| r.id == id));
        match found {
            Some(index) => {
                self.selection.all = false;
                self.selection.ids.clear();
                self.selection.ids.insert(id);
                self.selection.anchor = Some(index);
                self.set_cursor(index);
            }
            None => {
                if self.reader.id.as_ref() == Some(&id) {
                    return;
                }
                self.save_note();
                self.reader = crate::ui::state::ReaderState {
                    id: Some(id.clone()),
                    ..Default::default()
                };
                self.worker.send(Request::LoadArticle(id));
            }
        }
    }

    /// Cuts the reader's article out of its printed page, for `to`.
    fn clip_to(&mut self, to: crate::ui::page_render::ClipTarget) {
        let (Some(loaded), Some(key)) = (&self.reader.loaded, self.page_view.key()) else {
            return;
        };
        if loaded.article.region.is_empty() {
            return;
        }
        self.renderer.send(crate::ui::page_render::RenderJob::Clip {
            key,
            region: loaded.article.region.clone(),
            scale: CLIPPING_DPI / 72.0,
            to,
        });
    }

    /// The file name an export suggests, after what it holds: the
    /// collection's name, the search, the dates, else the paper's name.
    fn export_file_stem(&self, what: &ExportWhat) -> String {
        let paper = self
            .archive
            .as_ref()
            .map_or("jianbao", |a| a.paper.as_str());
        let stem = match what {
            ExportWhat::Collection(id) => self
                .archive
                .as_ref()
                .and_then(|a| a.editorial.collections.iter().find(|c| c.id == *id))
                .map_or_else(|| paper.to_string(), |c| c.name.clone()),
            ExportWhat::Dates(from, to) => format!("{paper} {}至{}", from.trim(), to.trim()),
            ExportWhat::Results if !self.search.query().is_empty() => format!(
                "{paper} {}",
                fill(
                    self.tr(Msg::SearchExportName),
                    &[("query", &self.search.query())]
                )
            ),
            ExportWhat::Selection => {
                let n = self.selection.len(self.row_source().total());
                format!(
                    "{paper} {}",
                    fill(self.tr(Msg::SelectionExportName), &[("n", &n)])
                )
            }
            ExportWhat::Results => paper.to_string(),
        };
        file_name_safe(&stem)
    }

    pub fn apply(&mut self, command: Command) {
        match command {
            Command::OpenArchive(root) => self.open_archive(root),
            Command::OpenSample => self.open_sample(),
            Command::PickOpenArchive => self.pick(PickPurpose::OpenArchive),
            Command::PickNewArchive => self.pick(PickPurpose::NewArchive),
            Command::PickImportFiles => self.pick(PickPurpose::ImportFiles),
            Command::PickImportFolder => self.pick(PickPurpose::ImportFolder),
            Command::CreateArchive(root, paper) => {
                self.new_archive = None;
                self.opening = true;
                self.worker.send(Request::Create { root, paper });
            }
            Command::CloseNewArchive => self.new_archive = None,
            Command::Picked(purpose, paths) => self.picked(purpose, paths),
            Command::Import(paths) => self.start_import(paths),
            Command::ImportWithDate(paths, date) => {
                self.date_dialog = None;
                self.send_import(paths, date);
            }
            Command::CancelJob => {
                if let Some(cancel) = self.job.as_ref().and_then(|j| j.cancel.as_ref()) {
                    cancel.store(true, Ordering::Relaxed);
                }
            }
            Command::SetLang(lang) => {
                // A notice is in the language it was written in: drop it.
                if lang != self.settings.lang {
                    self.notice = None;
                }
                self.settings.lang = lang;
                crate::ui::fonts::install_fonts_for(&self.ctx, lang);
            }
            Command::SetDark(dark) => {
                self.settings.dark = dark;
                self.ctx.set_theme(if dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                });
            }
            Command::ToggleArchivePanel => {
                self.settings.show_archive = !self.settings.show_archive;
            }
            Command::ToggleReaderPanel => self.settings.show_reader = !self.settings.show_reader,
            Command::ToggleColumn(column) => self.settings.columns.toggle(column),
            Command::SearchEnter => {
                if self.search.is_pending() {
                    self.search.edited_at = f64::NEG_INFINITY;
                    self.search.then = Some(AfterResults::OpenFirst);
                    return;
                }
                if self.selection.cursor.is_none() {
                    self.apply(Command::MoveCursor(1));
                }
                self.apply(Command::OpenCursor);
            }
            Command::ToggleSnippets => {
                self.settings.columns.snippets = !self.settings.columns.snippets;
                // Fetch the rows again, with or without their snippets.
                self.search.sent = None;
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::SetFilter(filter) => {
                self.search.filters.retain(|f| f.field != filter.field);
                self.search.filters.push(filter);
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::RemoveFilter(index) => {
                if index < self.search.filters.len() {
                    self.search.filters.remove(index);
                }
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::ListNames(kind) => {
                if self.archive.is_some() && self.names.requested.insert(kind) {
                    self.worker.send(Request::Names {
                        kind,
                        generation: self.names.generation,
                    });
                }
            }
            Command::Entity { kind, action } => {
                self.dialog = None;
                self.send_edit(Request::Entity { kind, action });
            }
            Command::ToggleStats => {
                if self.stats_window.take().is_none() {
                    self.stats_window = Some(crate::ui::state::StatsWindow::default());
                    self.request_stats();
                }
            }
            Command::SetStatsBy(by) => {
                if let Some(window) = &mut self.stats_window {
                    window.by = by;
                    self.request_stats();
                }
            }
            Command::PickStatsExport(xlsx) => {
                let name = format!(
                    "{}.{}",
                    self.tr(Msg::StatsTitle),
                    if xlsx { "xlsx" } else { "csv" }
                );
                self.pick(crate::ui::fallback_dialog::PickPurpose::ExportStats(name));
            }
            Command::RunStatsExport(path) => {
                if let Some((table, by)) = self
                    .stats_window
                    .as_ref()
                    .and_then(|w| Some((w.table.clone()?, w.by)))
                {
                    let labels = crate::ui::stats_window::labels(self.settings.lang, by);
                    self.worker.send(Request::ExportStats {
                        table: Box::new(table),
                        labels,
                        path,
                    });
                }
            }
            Command::ShowNames => {
                use crate::ui::state::LeftTab;
                // A second press goes back to the archive.
                self.left_tab = if self.settings.show_archive && self.left_tab == LeftTab::Names {
                    LeftTab::Archive
                } else {
                    LeftTab::Names
                };
                self.settings.show_archive = true;
            }
            Command::TogglePageView => {
                self.settings.show_page = !self.settings.show_page;
                self.settings.show_reader = true;
                self.ask_printed_page();
            }
            Command::ShowOnPage => {
                self.settings.show_page = true;
                self.settings.show_reader = true;
                if let Some(cursor) = self.selection.cursor {
                    self.load_cursor_article(cursor);
                }
                self.ask_printed_page();
            }
            Command::GotoPage(page) => {
                if let Some(date) = self.page_view.info.as_ref().map(|i| i.date) {
                    self.page_view.asked = Some((date, page));
                    self.page_view.open_first = true;
                    self.worker.send(Request::PrintedPage { date, page });
                }
            }
            Command::PageZoom(zoom) => {
                use crate::ui::state::{PAGE_ZOOM_RANGE, PageZoom};
                self.page_view.zoom = match zoom {
                    PageZoom::Scale(s) => {
                        PageZoom::Scale(s.clamp(PAGE_ZOOM_RANGE.0, PAGE_ZOOM_RANGE.1))
                    }
                    fit => fit,
                };
            }
            Command::RenderPage { key, scale } => {
                self.page_view.rendering = Some((key.clone(), scale));
                self.renderer
                    .send(crate::ui::page_render::RenderJob::Page { key, scale });
            }
            Command::OpenArticle(id) => self.open_article(id),
            Command::CopyClipping => {
                self.clip_to(crate::ui::page_render::ClipTarget::Clipboard);
            }
            Command::PickClippingFile => {
                if let Some(loaded) = &self.reader.loaded {
                    let name = format!(
                        "{} {}.png",
                        loaded.article.id,
                        loaded.article.headline_one_line()
                    );
                    self.pick(PickPurpose::SaveClipping(file_name_safe(&name)));
                }
            }
            Command::SaveClipping(path) => {
                self.clip_to(crate::ui::page_render::ClipTarget::File(path));
            }
            Command::ToggleChart => {
                self.settings.show_chart = !self.settings.show_chart;
                self.timeline = None;
                self.search.sent = None;
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::FilterDate(value) => {
                self.search.filters.retain(|f| f.field != "date");
                self.search.filters.push(Filter {
                    field: "date".into(),
                    value,
                });
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::RemoveFilterField(field) => {
                self.search.filters.retain(|f| f.field != field);
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::ClearSearch => {
                self.search.filters.clear();
                self.search.text.clear();
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::SetSort(sort) => {
                self.settings.sort = sort;
                self.search.sent = None;
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::ClickRow {
                index,
                extend,
                toggle,
            } => self.click_row(index, extend, toggle),
            Command::MoveCursor(step) => {
                let total = self.row_source().total();
                if total == 0 {
                    return;
                }
                let from = self.selection.cursor.map_or(-1, |c| c as i64);
                let to = from.saturating_add(step).clamp(0, total as i64 - 1) as usize;
                self.selection.all = false;
                self.selection.ids.clear();
                if let Some(row) = self.row_source().row(to) {
                    self.selection.ids.insert(row.id.clone());
                }
                self.selection.anchor = Some(to);
                self.set_cursor(to);
            }
            Command::SelectAll => {
                // "Every result of this query", however many: the core resolves it.
                self.selection.ids.clear();
                self.selection.all = self.row_source().total() > 0;
            }
            Command::OpenCursor => {
                if let Some(cursor) = self.selection.cursor {
                    self.settings.show_reader = true;
                    self.load_cursor_article(cursor);
                    if let Some(row) = self.row_source().row(cursor) {
                        let headline = row.headline.clone();
                        self.notice = Some(fill(
                            self.tr(Msg::OpenedInReader),
                            &[("headline", &headline)],
                        ));
                    }
                }
            }
            Command::CopyArticle => {
                if let Some(loaded) = &self.reader.loaded {
                    self.ctx.copy_text(article_text(loaded));
                    self.notice = Some(self.tr(Msg::Copied).to_string());
                }
            }
            Command::FocusSearch => self.focus_search = true,
            Command::LeaveSearch => self.leave_search = true,
            Command::SearchFor(text) => {
                self.search.text = text;
                self.search.edited_at = f64::NEG_INFINITY;
            }
            Command::EnterResults => {
                self.leave_search = true;
                if self.search.is_pending() {
                    self.search.edited_at = f64::NEG_INFINITY;
                    self.search.then = Some(AfterResults::MoveToFirst);
                } else {
                    self.apply(Command::MoveCursor(1));
                }
            }
            Command::Zoom(factor) => {
                let zoom = if factor == 0.0 {
                    1.0
                } else {
                    (self.settings.zoom * factor).clamp(ZOOM_RANGE.0, ZOOM_RANGE.1)
                };
                // Rounded, so that in and out again lands on the same size.
                self.settings.zoom = (zoom * 10.0).round() / 10.0;
                self.ctx.set_zoom_factor(self.settings.zoom);
            }
            Command::ShowMonth(year, month) => self.calendar_month = Some((year, month)),
            Command::ShowAbout => self.show_about = true,
            Command::ShowShortcuts => self.show_shortcuts = true,
            Command::CloseImportReport => self.import_report = None,
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Undo => self.send_edit(Request::Undo),
            Command::Redo => self.send_edit(Request::Redo),
            Command::ApplyEdit(edit) => {
                self.dialog = None;
                // The article shown merges into the one before: show that one next.
                if let Edit::MergeWithPrevious { article } = &edit
                    && self.reader.id.as_ref() == Some(article)
                {
                    self.reader.follow =
                        self.reader.loaded.as_ref().and_then(|l| l.previous.clone());
                }
                self.send_edit(Request::Apply(edit));
            }
            Command::TagSelection(name) => {
                self.dialog = None;
                let query = self.search.sent.clone().unwrap_or_default();
                let selection = self.selection.target(&query);
                if !self.selection.is_empty() {
                    self.send_edit(Request::TagSelection {
                        selection,
                        add: vec![name],
                    });
                }
            }
            Command::AddReaderTag(name) => {
                if let Some(id) = self.reader.id.clone() {
                    self.reader.tag_input.clear();
                    self.send_edit(Request::TagSelection {
                        selection: ArticleSelection::Ids(vec![id]),
                        add: vec![name],
                    });
                }
            }
            Command::RemoveTag(article, tag) => self.send_edit(Request::Apply(Edit::Tag {
                articles: vec![article],
                add: Vec::new(),
                remove: vec![tag],
            })),
            Command::EditNote(text) => {
                if let Some(id) = self.reader.id.clone() {
                    let edited_at = self.ctx.input(|i| i.time);
                    self.reader.note_draft = Some(NoteDraft {
                        id,
                        text,
                        edited_at,
                    });
                }
            }
            Command::SaveNote => self.save_note(),
            Command::OpenDialog(dialog) => self.dialog = Some(dialog),
            Command::OpenSaveSearch => {
                let query = self.search.query();
                if !query.trim().is_empty() {
                    self.dialog = Some(TagDialog::SaveSearch {
                        name: self.search.text.trim().to_string(),
                        query,
                    });
                }
            }
            Command::CloseDialog => self.dialog = None,
            Command::ToggleCorrecting => self.correcting = !self.correcting,
            Command::Collect(into) => {
                self.dialog = None;
                let query = self.search.sent.clone().unwrap_or_default();
                if !self.selection.is_empty() {
                    self.send_edit(Request::Collect {
                        selection: self.selection.target(&query),
                        into,
                    });
                }
            }
            Command::MoveInCollection { index, step } => {
                if let Some((id, article)) = self.listed_collection_row(index) {
                    let to = (index as i64 + step).max(0) as usize;
                    self.send_edit(Request::Apply(Edit::MoveInCollection { id, article, to }));
                }
            }
            Command::RemoveFromCollection => {
                let listed = self.listed_collection();
                if let Some(id) = listed
                    && !self.selection.all
                {
                    let articles = self.selection.ids.iter().cloned().collect();
                    self.send_edit(Request::Apply(Edit::RemoveFromCollection { id, articles }));
                }
            }
            Command::OpenExport(what) => {
                let what = what.unwrap_or_else(|| match self.listed_collection() {
                    Some(id) => ExportWhat::Collection(id),
                    None if self.selection.is_empty() => ExportWhat::Results,
                    None => ExportWhat::Selection,
                });
                self.export_dialog = Some(ExportDialog::new(
                    what,
                    self.settings.export_format,
                    &self.settings.export_fields,
                ));
            }
            Command::PickExportTarget => {
                if let Some(dialog) = &self.export_dialog {
                    let name = format!(
                        "{}.{}",
                        self.export_file_stem(&dialog.what),
                        dialog.format.extension()
                    );
                    self.pick(PickPurpose::Export(name));
                }
            }
            Command::RunExport(path, force) => self.run_export(path, force),
            Command::CloseExport => {
                if let Some(dialog) = self.export_dialog.take() {
                    self.settings.export_format = dialog.format;
                    self.settings.export_fields = dialog.fields;
                }
            }
            Command::OpenExportFolder => {
                if let Some(dir) = self.last_export.as_ref().and_then(|p| p.parent()) {
                    // Best effort: without a file manager nothing opens, and the path is in the status bar.
                    let _ = std::process::Command::new("xdg-open").arg(dir).spawn();
                }
            }
            Command::SelectForMenu(index) => {
                let selected = self
                    .row_source()
                    .row(index)
                    .is_some_and(|r| self.selection.contains(r));
                if !selected {
                    self.click_row(index, false, false);
                }
            }
            Command::RunSaved(saved) => {
                self.search.filters.clear();
                self.search.text = saved.query;
                self.search.edited_at = f64::NEG_INFINITY;
            }
        }
    }

    /// The collection the results list (the search is `in:NAME` alone), if any.
    pub fn listed_collection(&self) -> Option<crate::archive::model::CollectionId> {
        let name = self.search.filter_value("in")?;
        if !self.search.text.trim().is_empty() {
            return None;
        }
        let archive = self.archive.as_ref()?;
        archive
            .editorial
            .collections
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.id)
    }

    fn listed_collection_row(
        &self,
        index: usize,
    ) -> Option<(crate::archive::model::CollectionId, ArticleId)> {
        let id = self.listed_collection()?;
        let row = self.row_source().row(index)?;
        Some((id, row.id.clone()))
    }

    /// Sends the export the dialog describes to the archive thread.
    fn run_export(&mut self, path: PathBuf, force: bool) {
        let Some(dialog) = &mut self.export_dialog else {
            return;
        };
        dialog.confirm_overwrite = None;
        // The format and fields are remembered for the next export.
        self.settings.export_format = dialog.format;
        self.settings.export_fields = dialog.fields.clone();
        let lang = self.settings.lang;
        let query = self.search.sent.clone().unwrap_or_default();
        let (source, title) = match &dialog.what {
            ExportWhat::Selection => (
                ExportSource::Selection(self.selection.target(&query)),
                lang.tr(Msg::TitleSelection).to_string(),
            ),
            ExportWhat::Results => (
                ExportSource::Selection(ArticleSelection::Query(query.clone())),
                if query.trim().is_empty() {
                    lang.tr(Msg::TitleAll).to_string()
                } else {
                    fill(lang.tr(Msg::TitleSearch), &[("query", &query)])
                },
            ),
            ExportWhat::Collection(id) => {
                let name = self
                    .archive
                    .as_ref()
                    .and_then(|a| a.editorial.collections.iter().find(|c| c.id == *id))
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                (
                    ExportSource::Collection(*id),
                    fill(lang.tr(Msg::TitleCollection), &[("name", &name)]),
                )
            }
            ExportWhat::Dates(from, to) => {
                for date in [from, to] {
                    if chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").is_err() {
                        self.notice = Some(fill(lang.tr(Msg::ErrBadDate), &[("date", date)]));
                        return;
                    }
                }
                (
                    ExportSource::Selection(ArticleSelection::Query(format!(
                        "date:{}..{}",
                        from.trim(),
                        to.trim()
                    ))),
                    fill(
                        lang.tr(Msg::TitleDates),
                        &[("from", &from.trim()), ("to", &to.trim())],
                    ),
                )
            }
        };
        let paper = self.archive.as_ref().map_or("", |a| a.paper.as_str());
        let mut options = ExportOptions::new(dialog.format, paper, &title);
        options.fields = Some(dialog.chosen_fields());
        let cancel = Arc::new(AtomicBool::new(false));
        self.job = Some(JobState {
            kind: JobKind::Exporting,
            done: 0,
            total: 0,
            cancel: Some(Arc::clone(&cancel)),
        });
        self.worker.send(Request::Export {
            source,
            path,
            options: Box::new(options),
            force,
            cancel,
        });
    }

    /// Sends an edit, undo or redo to the archive thread (never on a read-only archive).
    /// Asks the worker to count the 稿件统计 window's table for the search
    /// as it is now.
    pub(super) fn request_stats(&mut self) {
        let query = self.search.query();
        if let Some(window) = &mut self.stats_window {
            window.query = query.clone();
            window.table = None;
            window.error = None;
            self.worker.send(Request::Stats {
                by: window.by,
                query,
            });
        }
    }

    fn send_edit(&mut self, request: Request) {
        if self.archive.as_ref().is_some_and(|a| !a.read_only) {
            self.pending_edits += 1;
            self.worker.send(request);
        }
    }

    /// Saves the reader's note draft, if it differs from the saved note.
    pub(super) fn save_note(&mut self) {
        let Some(draft) = self.reader.note_draft.take() else {
            return;
        };
        let saved = self
            .reader
            .loaded
            .as_ref()
            .filter(|l| l.article.id == draft.id)
            .map(|l| l.article.note.as_str());
        if saved != Some(draft.text.as_str()) {
            self.send_edit(Request::Apply(Edit::SetNote {
                article: draft.id,
                note: draft.text,
            }));
        }
    }

    fn click_row(&mut self, index: usize, extend: bool, toggle: bool) {
        let Some(id) = self.row_source().row(index).map(|r| r.id.clone()) else {
            return; // a row still loading has no article to select
        };
        self.selection.all = false;
        if extend {
            let anchor = self.selection.anchor.unwrap_or(index);
            let (from, to) = (anchor.min(index), anchor.max(index));
            // Rows of a range are on screen or near it, so they are loaded.
            let ids: Vec<ArticleId> = (from..=to)
                .filter_map(|i| self.row_source().row(i).map(|r| r.id.clone()))
                .collect();
            self.selection.ids = ids.into_iter().collect();
        } else if toggle {
            self.selection.anchor = Some(index);
            if self.selection.ids.remove(&id) {
                // Deselected: the reader shows another selected row, or nothing.
                self.selection.cursor = None;
                let other =
                    (0..self.row_source().total().min(self.visible_rows.end.max(1))).find(|&i| {
                        self.row_source()
                            .row(i)
                            .is_some_and(|r| self.selection.ids.contains(&r.id))
                    });
                match other {
                    Some(i) => self.set_cursor(i),
                    None => self.reader = crate::ui::app::ReaderState::default(),
                }
                return;
            }
            self.selection.ids.insert(id);
        } else {
            self.selection.ids = [id].into_iter().collect();
            self.selection.anchor = Some(index);
        }
        self.selection.cursor = Some(index);
        self.load_cursor_article(index);
    }

    fn start_import(&mut self, paths: Vec<PathBuf>) {
        if self.archive.is_none() || paths.is_empty() {
            return;
        }
        let undated: Vec<PathBuf> = paths
            .iter()
            .filter(|p| !p.is_dir() && date_from_file_name(p).is_none())
            .cloned()
            .collect();
        if undated.is_empty() {
            self.send_import(paths, None);
        } else {
            let today = chrono::Local::now().date_naive();
            self.date_dialog = Some(DateDialog {
                paths,
                undated,
                date_text: today.format("%Y-%m-%d").to_string(),
                invalid: false,
            });
        }
    }

    fn send_import(&mut self, paths: Vec<PathBuf>, date: Option<NaiveDate>) {
        let cancel = Arc::new(AtomicBool::new(false));
        self.job = Some(JobState {
            kind: JobKind::Importing,
            done: 0,
            total: 0,
            cancel: Some(Arc::clone(&cancel)),
        });
        self.worker.send(Request::Import {
            paths,
            date,
            cancel,
        });
    }
}

/// `stem` as a file name on any desktop: no path separators or characters
/// Windows refuses, no leading dot, at most 80 characters.
pub fn file_name_safe(stem: &str) -> String {
    let cleaned: String = stem
        .chars()
        .map(|c| match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .take(80)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim();
    if cleaned.is_empty() {
        "jianbao".to_string()
    } else {
        cleaned.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_two_actions_share_a_shortcut() {
        let mut seen: Vec<(KeyboardShortcut, Action)> = Vec::new();
        for action in Action::ALL {
            for shortcut in action.shortcuts() {
                if let Some((_, other)) = seen.iter().find(|(s, _)| *s == shortcut) {
                    panic!("{action:?} and {other:?} both take {shortcut:?}");
                }
                seen.push((shortcut, action));
            }
        }
        // Ctrl+Shift+Z is redo's: it comes before undo's Ctrl+Z, which would take it too.
        let at = |a| Action::ALL.iter().position(|x| *x == a);
        assert!(at(Action::Redo) < at(Action::Undo));
    }

    #[test]
    fn export_names_are_file_names() {
        assert_eq!(file_name_safe("头版专题"), "头版专题");
        assert_eq!(
            file_name_safe("武进日报 搜索 标签:党建 a/b"),
            "武进日报 搜索 标签_党建 a_b"
        );
        assert_eq!(file_name_safe("..."), "jianbao");
        assert_eq!(file_name_safe(&"长".repeat(100)).chars().count(), 80);
    }
}
