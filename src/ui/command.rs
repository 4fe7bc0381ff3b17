//! Everything a panel, menu or shortcut can ask for, and how the app carries it out.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use chrono::NaiveDate;
use eframe::egui;

use crate::archive::import::date_from_file_name;
use crate::ui::app::{JianbaoApp, article_text};
use crate::ui::backend::SortOrder;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::state::{DateDialog, Filter, JobState};
use crate::ui::worker::{JobKind, Request};

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
    /// Add a filter chip (replacing one on the same field).
    SetFilter(Filter),
    /// Remove the filter chip at this position.
    RemoveFilter(usize),
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
}

impl JianbaoApp {
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::OpenArchive(root) => self.open_archive(root),
            Command::OpenSample => self.open_sample(),
            Command::PickOpenArchive => {
                if let Some(root) = self.picker.pick_archive_folder() {
                    self.open_archive(root);
                }
            }
            Command::PickNewArchive => {
                if let Some(root) = self.picker.pick_new_archive_folder() {
                    let paper = root
                        .file_name()
                        .and_then(|n| n.to_str())
                        .map_or_else(|| self.tr(Msg::NewArchiveName).to_string(), str::to_string);
                    self.opening = true;
                    self.worker.send(Request::Create { root, paper });
                }
            }
            Command::PickImportFiles => {
                if let Some(paths) = self.picker.pick_page_files() {
                    self.apply(Command::Import(paths));
                }
            }
            Command::PickImportFolder => {
                if let Some(folder) = self.picker.pick_import_folder() {
                    self.apply(Command::Import(vec![folder]));
                }
            }
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
            Command::SetLang(lang) => self.settings.lang = lang,
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
                self.selection.rows = BTreeSet::from([to]);
                self.selection.anchor = Some(to);
                self.set_cursor(to);
            }
            Command::SelectAll => {
                let total = self.row_source().total();
                // A selection of a million rows is a range, not a set: cap what we hold.
                self.selection.rows = (0..total.min(100_000)).collect();
            }
            Command::OpenCursor => {
                if let Some(cursor) = self.selection.cursor {
                    self.settings.show_reader = true;
                    self.load_cursor_article(cursor);
                }
            }
            Command::CopyArticle => {
                if let Some(loaded) = &self.reader.loaded {
                    self.ctx.copy_text(article_text(loaded));
                    self.notice = Some(self.tr(Msg::Copied).to_string());
                }
            }
            Command::FocusSearch => self.focus_search = true,
            Command::ShowMonth(year, month) => self.calendar_month = Some((year, month)),
            Command::ShowAbout => self.show_about = true,
            Command::ShowShortcuts => self.show_shortcuts = true,
            Command::CloseImportReport => self.import_report = None,
            Command::Quit => self.ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    fn click_row(&mut self, index: usize, extend: bool, toggle: bool) {
        if extend {
            let anchor = self.selection.anchor.unwrap_or(index);
            let (from, to) = (anchor.min(index), anchor.max(index));
            self.selection.rows = (from..=to).collect();
        } else if toggle {
            if !self.selection.rows.remove(&index) {
                self.selection.rows.insert(index);
            }
            self.selection.anchor = Some(index);
        } else {
            self.selection.rows = BTreeSet::from([index]);
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
