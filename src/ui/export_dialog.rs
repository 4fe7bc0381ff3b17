//! The export dialog (Ctrl+E): what to export (the selection, all results,
//! a collection, a date range), the format, the fields and their order
//! (remembered), then the target through the save dialog; the export runs
//! on the archive thread with progress and cancel.

use eframe::egui;

use crate::archive::export::{ExportField, ExportFormat};
use crate::archive::model::CollectionId;
use crate::ui::app::{Command, JianbaoApp};
use crate::ui::i18n::{Msg, fill};

/// What an export covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportWhat {
    /// The selected articles.
    Selection,
    /// Every result of the shown search.
    Results,
    /// A collection, in its order.
    Collection(CollectionId),
    /// Every article between two dates (`YYYY-MM-DD`, as typed).
    Dates(String, String),
}

/// The dialog's choices.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportDialog {
    /// What to export.
    pub what: ExportWhat,
    /// The format.
    pub format: ExportFormat,
    /// Fields in order, each on or off.
    pub fields: Vec<(ExportField, bool)>,
    /// A target that exists, waiting for the user to say overwrite.
    pub confirm_overwrite: Option<std::path::PathBuf>,
}

impl ExportDialog {
    /// The dialog for `what`, with the remembered format and fields.
    pub fn new(what: ExportWhat, format: ExportFormat, fields: &[(ExportField, bool)]) -> Self {
        let mut all: Vec<(ExportField, bool)> = fields.to_vec();
        for field in ExportField::ALL {
            if !all.iter().any(|(f, _)| *f == field) {
                all.push((field, false));
            }
        }
        Self {
            what,
            format,
            fields: all,
            confirm_overwrite: None,
        }
    }

    /// The chosen fields, in order.
    pub fn chosen_fields(&self) -> Vec<ExportField> {
        self.fields
            .iter()
            .filter(|(_, on)| *on)
            .map(|(f, _)| *f)
            .collect()
    }
}

/// The label of a field in the dialog.
fn field_msg(field: ExportField) -> Msg {
    match field {
        ExportField::Id => Msg::FieldId,
        ExportField::Date => Msg::ColumnDate,
        ExportField::Page => Msg::ColumnPage,
        ExportField::Kicker => Msg::FieldKicker,
        ExportField::Headline => Msg::FieldHeadline,
        ExportField::Subtitle => Msg::FieldSubtitle,
        ExportField::Byline => Msg::FieldByline,
        ExportField::Reporters => Msg::FieldReporters,
        ExportField::Correspondents => Msg::FieldCorrespondents,
        ExportField::Tags => Msg::ColumnTags,
        ExportField::Characters => Msg::FieldCharacters,
        ExportField::Note => Msg::NoteHeading,
        ExportField::Text => Msg::FieldText,
    }
}

/// Draws the export dialog when it is open.
pub fn export_dialog_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let total = app.row_source().total();
    let selected = app.selection.len(total);
    let collections: Vec<(CollectionId, String, usize)> = app
        .archive
        .as_ref()
        .map(|a| {
            a.editorial
                .collections
                .iter()
                .map(|c| (c.id, c.name.clone(), c.size))
                .collect()
        })
        .unwrap_or_default();
    let busy = app.job.is_some();
    // While the in-window file dialog asks for the target, this modal steps
    // aside: a modal blocks every layer under it, the file dialog included.
    // Its choices stay; it comes back if the file dialog is cancelled.
    if app.fallback_dialog.is_some() {
        return;
    }
    let Some(dialog) = &mut app.export_dialog else {
        return;
    };
    let mut commands = Vec::new();
    egui::Modal::new(egui::Id::unique("export_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(470.0);
        ui.heading(lang.tr(Msg::ExportTitle));
        ui.label(lang.tr(Msg::ExportWhat));
        let what = &mut dialog.what;
        ui.radio_value(
            what,
            ExportWhat::Selection,
            fill(lang.tr(Msg::ExportSelection), &[("n", &selected)]),
        );
        ui.radio_value(
            what,
            ExportWhat::Results,
            fill(lang.tr(Msg::ExportResults), &[("n", &total)]),
        );
        for (id, name, size) in &collections {
            ui.radio_value(
                what,
                ExportWhat::Collection(*id),
                fill(
                    lang.tr(Msg::ExportCollection),
                    &[("name", name), ("n", size)],
                ),
            );
        }
        let dates = matches!(what, ExportWhat::Dates(..));
        if ui.radio(dates, lang.tr(Msg::ExportDates)).clicked() && !dates {
            *what = ExportWhat::Dates(String::new(), String::new());
        }
        if let ExportWhat::Dates(from, to) = &mut *what {
            ui.horizontal(|ui| {
                let label = ui.label(lang.tr(Msg::ExportFrom));
                ui.add(
                    egui::TextEdit::singleline(from)
                        .desired_width(100.0)
                        .hint_text("2024-06-01"),
                )
                .labelled_by(label.id);
                let label = ui.label(lang.tr(Msg::ExportTo));
                ui.add(
                    egui::TextEdit::singleline(to)
                        .desired_width(100.0)
                        .hint_text("2024-06-30"),
                )
                .labelled_by(label.id);
            });
        }
        ui.separator();
        ui.horizontal(|ui| {
            ui.label(lang.tr(Msg::ExportFormatLabel));
            for format in ExportFormat::ALL {
                ui.radio_value(
                    &mut dialog.format,
                    format,
                    format.extension().to_uppercase(),
                );
            }
        });
        if dialog.format != ExportFormat::Jsonl {
            ui.label(lang.tr(Msg::ExportFields));
            egui::ScrollArea::vertical()
                .max_height(180.0)
                .show(ui, |ui| {
                    let mut swap: Option<(usize, usize)> = None;
                    let count = dialog.fields.len();
                    for (at, (field, on)) in dialog.fields.iter_mut().enumerate() {
                        ui.horizontal(|ui| {
                            ui.checkbox(on, lang.tr(field_msg(*field)));
                            if at > 0 && ui.small_button("▲").clicked() {
                                swap = Some((at, at - 1));
                            }
                            if at + 1 < count && ui.small_button("▼").clicked() {
                                swap = Some((at, at + 1));
                            }
                        });
                    }
                    if let Some((a, b)) = swap {
                        dialog.fields.swap(a, b);
                    }
                });
        } else {
            ui.weak(lang.tr(Msg::ExportJsonlAll));
        }
        ui.separator();
        if let Some(path) = &dialog.confirm_overwrite {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                fill(lang.tr(Msg::ExportExists), &[("path", &path.display())]),
            );
            ui.horizontal(|ui| {
                if ui.button(lang.tr(Msg::ExportOverwrite)).clicked() {
                    commands.push(Command::RunExport(path.clone(), true));
                }
                if ui.button(lang.tr(Msg::Cancel)).clicked() {
                    commands.push(Command::CloseExport);
                }
            });
        } else {
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(!busy, egui::Button::new(lang.tr(Msg::ExportChoose)))
                    .clicked()
                {
                    commands.push(Command::PickExportTarget);
                }
                if ui.button(lang.tr(Msg::Cancel)).clicked() {
                    commands.push(Command::CloseExport);
                }
            });
        }
    });
    if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        commands.push(Command::CloseExport);
    }
    app.commands.extend(commands);
}
