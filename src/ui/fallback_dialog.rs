//! The file dialog drawn in the window (egui_file) when no native one can be
//! shown: the same questions as [`FilePicker`](crate::ui::file_picker::FilePicker),
//! answered a frame or more later instead of at once.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use eframe::egui;
use egui_file::vfs::{Vfs, VfsFile};
use egui_file::{FileDialog, State};

use crate::ui::app::{Command, JianbaoApp};
use crate::ui::file_picker::Picked;
use crate::ui::i18n::{Lang, Msg};
use crate::ui::state::DialogKind;

/// What the user is choosing a path for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickPurpose {
    /// An archive folder to open.
    OpenArchive,
    /// A folder in which to create a new archive.
    NewArchive,
    /// Page files to import.
    ImportFiles,
    /// A folder of page files to import.
    ImportFolder,
    /// The file to export to, suggesting this name.
    Export(String),
    /// The file to write the statistics table to, suggesting this name
    /// (`.xlsx` or `.csv`).
    ExportStats(String),
    /// The PNG file to save a clipping to, suggesting this name.
    SaveClipping(String),
}

impl PickPurpose {
    /// Which remembered folder the dialog starts in.
    pub fn kind(&self) -> DialogKind {
        match self {
            PickPurpose::OpenArchive | PickPurpose::NewArchive => DialogKind::Archive,
            PickPurpose::ImportFiles | PickPurpose::ImportFolder => DialogKind::Import,
            PickPurpose::Export(_) | PickPurpose::ExportStats(_) | PickPurpose::SaveClipping(_) => {
                DialogKind::Export
            }
        }
    }

    /// The window title: the menu entry that asked, without its ellipsis.
    fn title(&self, lang: Lang) -> String {
        let msg = match self {
            PickPurpose::OpenArchive => Msg::OpenArchive,
            PickPurpose::NewArchive => Msg::NewArchive,
            PickPurpose::ImportFiles => Msg::ImportFiles,
            PickPurpose::ImportFolder => Msg::ImportFolder,
            PickPurpose::Export(_) => Msg::Export,
            PickPurpose::ExportStats(_) => Msg::StatsExport,
            PickPurpose::SaveClipping(_) => Msg::SaveClipping,
        };
        lang.tr(msg).trim_end_matches('…').to_string()
    }
}

/// How the in-window dialog stands after a frame.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FallbackOutcome {
    /// Still open.
    Open,
    /// The user chose these paths (never empty).
    Chosen(Vec<PathBuf>),
    /// The user closed it without choosing.
    Cancelled,
}

/// An open in-window file dialog and what it was opened for.
pub struct FallbackDialog {
    /// What the chosen path is for.
    pub purpose: PickPurpose,
    dialog: FileDialog,
    /// Set to have the next listing of the folder come with every file selected.
    select_all: Arc<AtomicBool>,
}

/// The file system as the in-window dialog lists it, able to list a folder
/// with all its files selected (Ctrl+A; egui_file has no call for it).
struct ListedFs {
    select_all: Arc<AtomicBool>,
}

/// A file or folder the dialog lists.
#[derive(Debug, Clone)]
struct Listed {
    path: PathBuf,
    name: String,
    is_dir: bool,
    is_file: bool,
    selected: bool,
}

impl VfsFile for Listed {
    fn is_file(&self) -> bool {
        self.is_file
    }

    fn is_dir(&self) -> bool {
        self.is_dir
    }

    fn path(&self) -> &Path {
        &self.path
    }

    fn selected(&self) -> bool {
        self.selected
    }

    fn set_selected(&mut self, selected: bool) {
        self.selected = selected;
    }

    fn get_file_name(&self) -> &str {
        &self.name
    }
}

impl Vfs for ListedFs {
    fn create_dir(&self, path: &Path) -> std::io::Result<()> {
        std::fs::create_dir(path)
    }

    fn rename(&self, from: &Path, to: &Path) -> std::io::Result<()> {
        std::fs::rename(from, to)
    }

    fn read_folder(
        &self,
        path: &Path,
        show_system_files: bool,
        show_files_filter: &egui_file::Filter<PathBuf>,
        #[cfg(unix)] show_hidden: bool,
        #[cfg(windows)] _show_drives: bool,
    ) -> std::io::Result<Vec<Box<dyn VfsFile>>> {
        let select_all = self.select_all.swap(false, Ordering::Relaxed);
        let mut listed: Vec<Listed> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let path = entry.path();
                let meta = std::fs::metadata(&path).ok();
                let is_dir = meta.as_ref().is_some_and(|m| m.is_dir());
                let is_file = meta.as_ref().is_some_and(|m| m.is_file());
                let name = path.file_name()?.to_string_lossy().into_owned();
                #[cfg(unix)]
                if !show_hidden && name.starts_with('.') {
                    return None;
                }
                if !is_dir && ((!show_system_files && !is_file) || !show_files_filter(&path)) {
                    return None;
                }
                Some(Listed {
                    selected: select_all && is_file,
                    path,
                    name,
                    is_dir,
                    is_file,
                })
            })
            .collect();
        // Folders first, then by name.
        listed.sort_by(|a, b| b.is_dir.cmp(&a.is_dir).then_with(|| a.name.cmp(&b.name)));
        Ok(listed
            .into_iter()
            .map(|l| Box::new(l) as Box<dyn VfsFile>)
            .collect())
    }
}

impl FallbackDialog {
    /// Opens a dialog for `purpose`, starting in `start` (a folder).
    pub fn open(purpose: PickPurpose, lang: Lang, start: &Path) -> Self {
        let select_all = Arc::new(AtomicBool::new(false));
        let dialog = match &purpose {
            PickPurpose::OpenArchive | PickPurpose::NewArchive | PickPurpose::ImportFolder => {
                FileDialog::select_folder().initial_path(start)
            }
            PickPurpose::ImportFiles => FileDialog::open_file()
                .initial_path(start)
                .multi_select(true)
                .show_files_filter(Box::new(is_page_file_or_folder)),
            PickPurpose::Export(name)
            | PickPurpose::ExportStats(name)
            | PickPurpose::SaveClipping(name) => FileDialog::save_file()
                .initial_path(start)
                .default_filename(name.as_str()),
        };
        let mut dialog = dialog
            .title(&purpose.title(lang))
            .default_size([620.0, 440.0])
            // Below the menu bar and the search row.
            .default_pos([60.0, 90.0])
            .open_button_text(lang.tr(Msg::DialogOpen).into())
            .save_button_text(lang.tr(Msg::Save).into())
            .cancel_button_text(lang.tr(Msg::Cancel).into())
            .new_folder_button_text(lang.tr(Msg::DialogNewFolder).into())
            .new_folder_name_text(lang.tr(Msg::DialogNewFolderName).into())
            .rename_button_text(lang.tr(Msg::DialogRename).into())
            .refresh_button_hover_text(lang.tr(Msg::DialogRefresh).into())
            .parent_folder_button_hover_text(lang.tr(Msg::DialogParent).into())
            .file_label_text(lang.tr(Msg::DialogFileLabel).into())
            .show_hidden_checkbox_text(lang.tr(Msg::DialogShowHidden).into())
            .keep_on_top(true)
            .with_fs(Box::new(ListedFs {
                select_all: select_all.clone(),
            }));
        dialog.open();
        Self {
            purpose,
            dialog,
            select_all,
        }
    }

    /// Ctrl+A: selects every file the folder shows (when several may be chosen).
    pub fn select_all(&mut self) {
        if self.dialog.has_multi_select() {
            self.select_all.store(true, Ordering::Relaxed);
            let folder = self.dialog.directory().to_path_buf();
            self.dialog.set_path(folder);
        }
    }

    /// Draws the dialog; says whether the user has chosen, cancelled, or not yet.
    pub fn show(&mut self, ctx: &egui::Context) -> FallbackOutcome {
        self.dialog.show(ctx);
        match self.dialog.state() {
            State::Open => FallbackOutcome::Open,
            State::Selected => {
                let chosen: Vec<PathBuf> = if self.dialog.has_multi_select() {
                    self.dialog
                        .selection()
                        .into_iter()
                        .map(Path::to_path_buf)
                        .collect()
                } else {
                    self.dialog
                        .path()
                        .map(Path::to_path_buf)
                        .into_iter()
                        .collect()
                };
                if chosen.is_empty() {
                    FallbackOutcome::Cancelled
                } else {
                    FallbackOutcome::Chosen(chosen)
                }
            }
            State::Closed | State::Cancelled => FallbackOutcome::Cancelled,
        }
    }
}

/// Page files (text or PDF) and JSON Lines exports; folders are shown so the
/// user can walk into them.
fn is_page_file_or_folder(path: &Path) -> bool {
    path.is_dir()
        || path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
            ["txt", "text", "pdf", "jsonl"]
                .iter()
                .any(|x| e.eq_ignore_ascii_case(x))
        })
}

impl JianbaoApp {
    /// Asks for a path: the native dialog, or the in-window one when no
    /// native dialog can be shown (the status bar says why).
    pub(crate) fn pick(&mut self, purpose: PickPurpose) {
        let remembered = self.settings.dialog_folders.get(&purpose.kind()).cloned();
        let start = remembered.as_deref();
        let picked = match &purpose {
            PickPurpose::OpenArchive => self.picker.pick_archive_folder(start).map(one),
            PickPurpose::NewArchive => self.picker.pick_new_archive_folder(start).map(one),
            PickPurpose::ImportFiles => self.picker.pick_page_files(start),
            PickPurpose::ImportFolder => self.picker.pick_import_folder(start).map(one),
            PickPurpose::Export(name)
            | PickPurpose::ExportStats(name)
            | PickPurpose::SaveClipping(name) => self.picker.pick_export_file(start, name).map(one),
        };
        match picked {
            Picked::Chosen(paths) => self.picked(purpose, paths),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                self.notice = Some(self.tr(Msg::NoNativeDialog).to_string());
                let start = remembered
                    .filter(|dir| dir.is_dir())
                    .unwrap_or_else(|| self.dialog_start());
                self.fallback_dialog =
                    Some(FallbackDialog::open(purpose, self.settings.lang, &start));
            }
        }
    }

    /// Does what the paths were chosen for.
    pub(crate) fn picked(&mut self, purpose: PickPurpose, paths: Vec<PathBuf>) {
        let Some(first) = paths.first().cloned() else {
            return;
        };
        // The next dialog of this kind starts where this one was left: in
        // the folder holding what was chosen (a chosen folder's siblings show).
        if let Some(folder) = first.parent().filter(|f| !f.as_os_str().is_empty()) {
            self.settings
                .dialog_folders
                .insert(purpose.kind(), folder.to_path_buf());
        }
        match purpose {
            PickPurpose::OpenArchive => self.open_archive(first),
            PickPurpose::NewArchive => {
                // Ask for the paper's name, the folder's name to start with.
                let paper = first
                    .file_name()
                    .and_then(|n| n.to_str())
                    .map_or_else(|| self.tr(Msg::NewArchiveName).to_string(), str::to_string);
                self.new_archive = Some((first, paper));
            }
            PickPurpose::ImportFiles | PickPurpose::ImportFolder => {
                self.apply(Command::Import(paths));
            }
            PickPurpose::Export(_) => self.apply(Command::RunExport(first, false)),
            PickPurpose::ExportStats(_) => self.apply(Command::RunStatsExport(first)),
            PickPurpose::SaveClipping(_) => self.apply(Command::SaveClipping(first)),
        }
    }

    /// Draws the in-window file dialog, if one is open, and acts on its answer.
    pub(crate) fn fallback_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.fallback_dialog else {
            return;
        };
        // Ctrl+A selects the folder's files, unless a text field (the path
        // or the file name) has the keyboard.
        if !ctx.text_edit_focused()
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::A))
        {
            dialog.select_all();
        }
        match dialog.show(ctx) {
            FallbackOutcome::Open => {}
            FallbackOutcome::Chosen(paths) => {
                let purpose = dialog.purpose.clone();
                self.fallback_dialog = None;
                self.push(Command::Picked(purpose, paths));
            }
            FallbackOutcome::Cancelled => self.fallback_dialog = None,
        }
    }

    /// Where the in-window dialog starts: beside the open archive, else home.
    fn dialog_start(&self) -> PathBuf {
        self.archive
            .as_ref()
            .and_then(|a| a.root.parent().map(Path::to_path_buf))
            .or_else(|| std::env::var_os("HOME").map(PathBuf::from))
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_else(|| PathBuf::from("/"))
    }
}

fn one(path: PathBuf) -> Vec<PathBuf> {
    vec![path]
}
