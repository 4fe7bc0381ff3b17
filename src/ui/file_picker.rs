//! Choosing files and folders: native dialogs through rfd, or paths a test injects.
//!
//! A native dialog needs an XDG desktop portal on the session bus, or zenity,
//! which rfd falls back to. Without either, rfd answers "cancelled" at once
//! and nothing is shown, so [`NativeFilePicker`] checks first and answers
//! [`Picked::Unavailable`]; so it does when a dialog comes back "cancelled"
//! faster than anyone could cancel it (a portal without a file-chooser
//! backend). The app then draws its own dialog (`ui::fallback_dialog`) and
//! says why in the status bar.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What a file question came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Picked<T> {
    /// The user chose this.
    Chosen(T),
    /// The user closed the dialog without choosing.
    Cancelled,
    /// No native dialog can be shown on this desktop.
    Unavailable,
}

impl<T> Picked<T> {
    /// The chosen value passed through `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Picked<U> {
        match self {
            Picked::Chosen(value) => Picked::Chosen(f(value)),
            Picked::Cancelled => Picked::Cancelled,
            Picked::Unavailable => Picked::Unavailable,
        }
    }
}

/// Asks the user for files and folders, each dialog starting in `start`
/// (the folder that kind of dialog was last left in) when given. Blocking is
/// acceptable: a native dialog is modal anyway, and nothing else runs on the
/// UI thread meanwhile (background jobs keep running on theirs).
pub trait FilePicker: Send {
    /// Page files to import.
    fn pick_page_files(&mut self, start: Option<&Path>) -> Picked<Vec<PathBuf>>;
    /// A folder of page files to import.
    fn pick_import_folder(&mut self, start: Option<&Path>) -> Picked<PathBuf>;
    /// An archive folder to open.
    fn pick_archive_folder(&mut self, start: Option<&Path>) -> Picked<PathBuf>;
    /// A folder in which to create a new archive.
    fn pick_new_archive_folder(&mut self, start: Option<&Path>) -> Picked<PathBuf>;
    /// A file to export to, suggesting `file_name`.
    fn pick_export_file(&mut self, start: Option<&Path>, file_name: &str) -> Picked<PathBuf>;
}

/// Native dialogs (xdg portal on Linux, or zenity).
#[derive(Debug, Default)]
pub struct NativeFilePicker {
    /// Whether a native dialog can be shown, once asked.
    available: Option<bool>,
}

impl NativeFilePicker {
    fn ask<T>(
        &mut self,
        start: Option<&Path>,
        dialog: impl FnOnce(rfd::FileDialog) -> Option<T>,
    ) -> Picked<T> {
        let available = *self.available.get_or_insert_with(native_dialog_available);
        if !available {
            return Picked::Unavailable;
        }
        let asked = std::time::Instant::now();
        let mut native = rfd::FileDialog::new();
        if let Some(start) = start.filter(|s| s.is_dir()) {
            native = native.set_directory(start);
        }
        match dialog(native) {
            Some(answer) => Picked::Chosen(answer),
            // A portal without a file-chooser backend fails at once, which rfd
            // also reports as "cancelled"; no person cancels that fast.
            None if asked.elapsed() < NO_DIALOG_SHOWN => {
                self.available = Some(false);
                Picked::Unavailable
            }
            None => Picked::Cancelled,
        }
    }
}

impl FilePicker for NativeFilePicker {
    fn pick_page_files(&mut self, start: Option<&Path>) -> Picked<Vec<PathBuf>> {
        self.ask(start, |d| {
            d.add_filter("txt, pdf", &["txt", "TXT", "text", "pdf", "PDF"])
                .pick_files()
        })
    }

    fn pick_import_folder(&mut self, start: Option<&Path>) -> Picked<PathBuf> {
        self.ask(start, rfd::FileDialog::pick_folder)
    }

    fn pick_archive_folder(&mut self, start: Option<&Path>) -> Picked<PathBuf> {
        self.ask(start, rfd::FileDialog::pick_folder)
    }

    fn pick_new_archive_folder(&mut self, start: Option<&Path>) -> Picked<PathBuf> {
        self.ask(start, rfd::FileDialog::pick_folder)
    }

    fn pick_export_file(&mut self, start: Option<&Path>, file_name: &str) -> Picked<PathBuf> {
        self.ask(start, |d| d.set_file_name(file_name).save_file())
    }
}

/// A native dialog answering "cancelled" sooner than this was never shown.
const NO_DIALOG_SHOWN: std::time::Duration = std::time::Duration::from_millis(150);

/// The bus name of the XDG desktop portal, which shows native file dialogs.
const PORTAL: &str = "org.freedesktop.portal.Desktop";

/// Whether rfd can show a dialog: a portal on the session bus (running or
/// startable on demand), or zenity on the `PATH`. Asks the bus once; with no
/// session bus, answers at once.
pub fn native_dialog_available() -> bool {
    portal_on_session_bus() || program_on_path("zenity")
}

fn portal_on_session_bus() -> bool {
    let Ok(connection) = zbus::blocking::Connection::session() else {
        return false;
    };
    let Ok(bus) = zbus::blocking::fdo::DBusProxy::new(&connection) else {
        return false;
    };
    let Ok(name) = zbus::names::BusName::try_from(PORTAL) else {
        return false;
    };
    bus.name_has_owner(name).unwrap_or(false)
        || bus
            .list_activatable_names()
            .is_ok_and(|names| names.iter().any(|n| n.as_str() == PORTAL))
}

fn program_on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// What a [`ScriptedFilePicker`] answers next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerAnswer {
    /// Answer with these paths.
    Paths(Vec<PathBuf>),
    /// The user cancelled.
    Cancel,
    /// No native dialog can be shown (as on a desktop without a portal).
    Unavailable,
}

/// A picker that answers from a queue, for tests. Clones share the queue, so a
/// test keeps one clone and pushes answers while the app owns the other. With
/// the queue empty it answers "cancelled".
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

    fn next(&mut self) -> Picked<Vec<PathBuf>> {
        let answer = self.answers.lock().ok().and_then(|mut a| a.pop_front());
        match answer {
            Some(PickerAnswer::Paths(paths)) if !paths.is_empty() => Picked::Chosen(paths),
            Some(PickerAnswer::Unavailable) => Picked::Unavailable,
            _ => Picked::Cancelled,
        }
    }

    fn next_one(&mut self) -> Picked<PathBuf> {
        self.next()
            .map(|paths| paths.into_iter().next().unwrap_or_default())
    }
}

impl FilePicker for ScriptedFilePicker {
    fn pick_page_files(&mut self, _start: Option<&Path>) -> Picked<Vec<PathBuf>> {
        self.next()
    }

    fn pick_import_folder(&mut self, _start: Option<&Path>) -> Picked<PathBuf> {
        self.next_one()
    }

    fn pick_archive_folder(&mut self, _start: Option<&Path>) -> Picked<PathBuf> {
        self.next_one()
    }

    fn pick_new_archive_folder(&mut self, _start: Option<&Path>) -> Picked<PathBuf> {
        self.next_one()
    }

    fn pick_export_file(&mut self, _start: Option<&Path>, _file_name: &str) -> Picked<PathBuf> {
        self.next_one()
    }
}
