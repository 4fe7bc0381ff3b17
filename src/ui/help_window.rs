//! The help menu's windows. 快捷键与搜索语法: every shortcut from the one
//! command table, the keys and clicks of the results list, and the query
//! language, as grids; 关于: what the program is, and its version.

use eframe::egui;

use crate::ui::app::{ArchiveView, JianbaoApp};
use crate::ui::command::Action;
use crate::ui::i18n::{Msg, fill};

/// Keys and clicks of the results list: what to press (a message where it
/// has words), and what it does.
const NAVIGATION: [(Key, Msg); 8] = [
    (Key::Words(Msg::NavSearchKeyLeave), Msg::NavSearchLeave),
    (Key::Text("↑ / ↓"), Msg::NavMove),
    (Key::Text("PageUp / PageDown"), Msg::NavPage),
    (Key::Text("Home / End"), Msg::NavEnds),
    (Key::Text("Enter"), Msg::NavOpen),
    (Key::Words(Msg::NavShiftClickKey), Msg::NavShiftClick),
    (Key::Words(Msg::NavCtrlClickKey), Msg::NavCtrlClick),
    (Key::Words(Msg::NavDropKey), Msg::NavDrop),
];

/// The query language: an example (`{month}` is the archive's newest month)
/// and what it finds.
const SYNTAX: [(&str, Msg); 11] = [
    ("苏陕 协作", Msg::SynAnd),
    ("\"苏陕协作 联席会\"", Msg::SynPhrase),
    ("-汉滨", Msg::SynExclude),
    ("苏陕 OR 东西部", Msg::SynOr),
    ("标签:党建   tag:党建", Msg::SynTag),
    ("选集:头版   in:头版", Msg::SynCollection),
    ("记者:张可馨   reporter:张可馨", Msg::SynReporter),
    ("版:3   版:1..4   page:3", Msg::SynPage),
    ("日期:{month}   日期:{month}-01..{month}-10", Msg::SynDate),
    ("事件:{month}-26   event:{month}", Msg::SynEvent),
    ("标题:协作   headline:协作", Msg::SynHeadline),
];

#[derive(Debug, Clone, Copy)]
enum Key {
    Text(&'static str),
    Words(Msg),
}

/// Draws the window while it is open.
pub fn shortcuts_window_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let month = app
        .archive
        .as_ref()
        .map_or_else(|| "2024-06".to_string(), ArchiveView::example_month);
    let mut open = app.show_shortcuts;
    let screen = ui.ctx().content_rect();
    egui::Window::new(lang.tr(Msg::Shortcuts))
        .open(&mut open)
        .collapsible(false)
        // Below the menu bar and search row, never over them.
        .default_pos(screen.left_top() + egui::vec2(40.0, 90.0))
        .max_height((screen.height() - 110.0).max(200.0))
        .show(ui.ctx(), |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                section(ui, lang.tr(Msg::ShortcutsCommands));
                egui::Grid::new("help_commands")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for action in Action::ALL {
                            let keys: Vec<String> = action
                                .shortcuts()
                                .iter()
                                .map(|s| ui.ctx().format_shortcut(s))
                                .collect();
                            if keys.is_empty() {
                                continue;
                            }
                            ui.monospace(keys.join(" / "));
                            ui.label(lang.tr(action.msg()));
                            ui.end_row();
                        }
                    });
                section(ui, lang.tr(Msg::ShortcutsNavigation));
                egui::Grid::new("help_navigation")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (key, what) in NAVIGATION {
                            match key {
                                Key::Text(text) => ui.monospace(text),
                                Key::Words(msg) => ui.label(lang.tr(msg)),
                            };
                            ui.label(lang.tr(what));
                            ui.end_row();
                        }
                    });
                section(ui, lang.tr(Msg::ShortcutsSyntax));
                egui::Grid::new("help_syntax")
                    .striped(true)
                    .num_columns(2)
                    .show(ui, |ui| {
                        for (example, what) in SYNTAX {
                            ui.monospace(fill(example, &[("month", &month)]));
                            ui.label(lang.tr(what));
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
                ui.add(egui::Label::new(fill(lang.tr(Msg::SynNotes), &[("month", &month)])).wrap());
            });
        });
    app.show_shortcuts = open;
}

fn section(ui: &mut egui::Ui, title: &str) {
    ui.add_space(6.0);
    ui.strong(title);
    ui.add_space(2.0);
}

/// Help › 关于: what Jianbao is, and its version.
pub fn about_window_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let mut show_about = app.show_about;
    egui::Window::new(lang.tr(Msg::About))
        .open(&mut show_about)
        .collapsible(false)
        .resizable(false)
        .show(ui.ctx(), |ui| {
            ui.label(lang.tr(Msg::AboutText));
            ui.weak(format!("v{}", env!("CARGO_PKG_VERSION")));
        });
    app.show_about = show_about;
}
