//! Choosing files and folders: native dialogs through rfd, or paths a test injects.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Asks the user for files and folders. Blocking is acceptable: a native
/// dialog is modal anyway, and nothing else runs on the UI thread meanwhile
/// (background jobs keep running on theirs).
pub trait FilePicker: Send {
    /// Page files to import (`None` when the user cancels).
    fn pick_page_files(&mut self) -> Option<Vec<PathBuf>>;
    /// A folder of page files to import.
    fn pick_import_folder(&mut self) -> Option<PathBuf>;
    /// An archive folder to open.
    fn pick_archive_folder(&mut self) -> Option<PathBuf>;
    /// A folder in which to create a new archive.
    fn pick_new_archive_folder(&mut self) -> Option<PathBuf>;
    /// A file to export to, suggesting `file_name`.
    fn pick_export_file(&mut self, file_name: &str) -> Option<PathBuf>;
}

/// Native dialogs (xdg portal on Linux). With no portal, rfd returns `None` at once.
#[derive(Debug, Default)]
pub struct NativeFilePicker;

impl FilePicker for NativeFilePicker {
    fn pick_page_files(&mut self) -> Option<Vec<PathBuf>> {
        rfd::FileDialog::new()
            .add_filter("txt", &["txt", "TXT", "text"])
            .pick_files()
    }

    fn pick_import_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }

    fn pick_archive_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }

    fn pick_new_archive_folder(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new().pick_folder()
    }

    fn pick_export_file(&mut self, file_name: &str) -> Option<PathBuf> {
        rfd::FileDialog::new().set_file_name(file_name).save_file()
    }
}

/// What a [`ScriptedFilePicker`] answers next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerAnswer {
    /// Answer with these paths.
    Paths(Vec<PathBuf>),
    /// The user cancelled.
    Cancel,
}

/// A picker that answers from a queue, for tests. Clones share the queue, so a
/// test keeps one clone and pushes answers while the app owns the other.
#[derive(Debug, Clone, Default)]
pub struct ScriptedFilePicker {
    answers: Arc<Mutex<VecDeque<PickerAnswer>>>,
}

impl ScriptedFilePicker {
    /// Queues the answer to the next question.
    pub fn push(&self, answer: PickerAnswer) {
        if let Ok(mut answers) = self.answers.lock() {
            answers.push_back(answer);
        }
    }

    fn next(&mut self) -> Option<Vec<PathBuf>> {
        let answer = self.answers.lock().ok()?.pop_front()?;
        match answer {
            PickerAnswer::Paths(paths) if !paths.is_empty() => Some(paths),
            _ => None,
        }
    }
}

impl FilePicker for ScriptedFilePicker {
    fn pick_page_files(&mut self) -> Option<Vec<PathBuf>> {
        self.next()
    }

    fn pick_import_folder(&mut self) -> Option<PathBuf> {
        self.next()?.into_iter().next()
    }

    fn pick_archive_folder(&mut self) -> Option<PathBuf> {
        self.next()?.into_iter().next()
    }

    fn pick_new_archive_folder(&mut self) -> Option<PathBuf> {
        self.next()?.into_iter().next()
    }

    fn pick_export_file(&mut self, _file_name: &str) -> Option<PathBuf> {
        self.next()?.into_iter().next()
    }
}
