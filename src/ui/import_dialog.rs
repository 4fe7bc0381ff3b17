//! The import's dialogs: a new archive's paper name, the edition-date
//! confirmation before an import, and the per-file import errors.

use crate::ui::i18n::words::import_problem_text;
use chrono::NaiveDate;
use eframe::egui;

use crate::ui::app::{Command, JianbaoApp};
use crate::ui::i18n::Msg;

/// Draws whichever dialogs are open.
pub fn dialogs_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    new_archive_dialog_ui(ui, app);
    date_dialog_ui(ui, app);
    import_report_ui(ui, app);
}

/// 新建档案: the paper's name (the folder's name to start with), then create.
fn new_archive_dialog_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let Some((root, name)) = &mut app.new_archive else {
        return;
    };
    let mut command = None;
    egui::Modal::new(egui::Id::unique("new_archive_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(420.0);
        ui.heading(lang.tr(Msg::PaperNameTitle));
        ui.monospace(root.display().to_string());
        let enter = ui
            .horizontal(|ui| {
                let label = ui.label(lang.tr(Msg::PaperNameLabel));
                let response = ui.text_edit_singleline(name).labelled_by(label.id);
                if ui.memory(|m| m.focused().is_none()) {
                    response.request_focus();
                }
                response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
            })
            .inner;
        ui.horizontal(|ui| {
            let ok = ui
                .add_enabled(!name.trim().is_empty(), egui::Button::new(lang.tr(Msg::Ok)))
                .clicked();
            if (ok || enter) && !name.trim().is_empty() {
                command = Some(Command::CreateArchive(
                    root.clone(),
                    name.trim().to_string(),
                ));
            }
            if ui.button(lang.tr(Msg::Cancel)).clicked() {
                command = Some(Command::CloseNewArchive);
            }
        });
    });
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        command = Some(Command::CloseNewArchive);
    }
    app.commands.extend(command);
}

fn date_dialog_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let Some(dialog) = &mut app.date_dialog else {
        return;
    };
    let mut command = None;
    let mut close = false;
    egui::Modal::new(egui::Id::unique("date_dialog")).show(ui.ctx(), |ui| {
        ui.set_max_width(480.0);
        ui.heading(lang.tr(Msg::ConfirmDateTitle));
        ui.label(lang.tr(Msg::ConfirmDateText));
        egui::ScrollArea::vertical()
            .max_height(160.0)
            .show(ui, |ui| {
                for path in &dialog.undated {
                    ui.monospace(path.display().to_string());
                }
            });
        ui.horizontal(|ui| {
            let label = ui.label(lang.tr(Msg::EditionDate));
            let response = ui
                .add(egui::TextEdit::singleline(&mut dialog.date_text).desired_width(120.0))
                .labelled_by(label.id);
            if response.changed() {
                dialog.invalid = false;
            }
        });
        if dialog.invalid {
            ui.colored_label(ui.visuals().error_fg_color, lang.tr(Msg::DateFormatError));
        }
        ui.horizontal(|ui| {
            if ui.button(lang.tr(Msg::StartImport)).clicked() {
                match NaiveDate::parse_from_str(dialog.date_text.trim(), "%Y-%m-%d") {
                    Ok(date) => {
                        command = Some(Command::ImportWithDate(dialog.paths.clone(), Some(date)));
                    }
                    Err(_) => dialog.invalid = true,
                }
            }
            if ui.button(lang.tr(Msg::Cancel)).clicked() {
                close = true;
            }
        });
    });
    if close {
        app.date_dialog = None;
    }
    if let Some(command) = command {
        app.push(command);
    }
}

fn import_report_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let Some(report) = &app.import_report else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new(lang.tr(Msg::ImportErrorsTitle))
        .open(&mut open)
        .default_width(560.0)
        .show(ui.ctx(), |ui| {
            ui.label(lang.tr(Msg::ImportErrorsText));
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    egui::Grid::new("import_errors")
                        .striped(true)
                        .show(ui, |ui| {
                            for error in &report.errors {
                                ui.monospace(error.path.display().to_string());
                                ui.add(
                                    egui::Label::new(import_problem_text(lang, &error.problem))
                                        .wrap(),
                                );
                                ui.end_row();
                            }
                        });
                });
            if ui.button(lang.tr(Msg::Close)).clicked() {
                close = true;
            }
        });
    if !open || close {
        app.push(Command::CloseImportReport);
    }
}
