//! The status bar: archive size, selection size, background job with progress and cancel.

use eframe::egui;

use crate::ui::app::{Command, JianbaoApp};
use crate::ui::i18n::{Msg, fill};
use crate::ui::worker::JobKind;

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    ui.horizontal(|ui| {
        match &app.archive {
            Some(archive) => {
                ui.label(format!(
                    "{} · {} · {}",
                    archive.paper,
                    fill(
                        lang.tr(Msg::ArticleTotal),
                        &[("n", &archive.total_articles)]
                    ),
                    fill(lang.tr(Msg::EditionTotal), &[("n", &archive.dates.len())]),
                ));
                if archive.read_only {
                    ui.separator();
                    ui.colored_label(ui.visuals().warn_fg_color, lang.tr(Msg::ReadOnly));
                }
            }
            None => {
                ui.label(lang.tr(Msg::NoArchiveOpen));
            }
        }
        let selected = app.selection.len(app.row_source().total());
        if selected > 0 {
            ui.separator();
            ui.label(fill(lang.tr(Msg::SelectedCount), &[("n", &selected)]));
        }
        if let Some(job) = app.job.clone() {
            ui.separator();
            let text = match job.kind {
                JobKind::BuildingSample => lang.tr(Msg::BuildingSample).to_string(),
                JobKind::Opening => lang.tr(Msg::Opening).to_string(),
                JobKind::Indexing => lang.tr(Msg::Indexing).to_string(),
                // The phase, in words: parsing file by file, then (at the
                // last file) writing the editions and building the index.
                JobKind::Importing if job.total > 0 && job.done >= job.total => {
                    format!(
                        "{}{}",
                        lang.tr(Msg::ImportingPrefix),
                        lang.tr(Msg::ImportPhaseIndex)
                    )
                }
                JobKind::Importing => format!(
                    "{}{}",
                    lang.tr(Msg::ImportingPrefix),
                    fill(
                        lang.tr(Msg::ImportPhaseRead),
                        &[("done", &job.done), ("total", &job.total)],
                    )
                ),
                JobKind::Exporting => fill(
                    lang.tr(Msg::Exporting),
                    &[("done", &job.done), ("total", &job.total)],
                ),
            };
            // A fixed width, so the bar does not shift as the count grows;
            // the words start at its left, next to the separator.
            ui.allocate_ui_with_layout(
                egui::vec2(JOB_LABEL_WIDTH, ui.spacing().interact_size.y),
                egui::Layout::left_to_right(egui::Align::Center),
                |ui| {
                    ui.set_min_width(JOB_LABEL_WIDTH);
                    ui.add(egui::Label::new(text).truncate());
                },
            );
            let indexing = job.kind == JobKind::Importing && job.total > 0 && job.done >= job.total;
            if job.total > 0 && !indexing {
                let fraction = job.done as f32 / job.total as f32;
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(160.0)
                        .show_percentage(),
                );
            } else {
                ui.spinner();
            }
            if job.cancel.is_some() && ui.button(lang.tr(Msg::Cancel)).clicked() {
                app.push(Command::CancelJob);
            }
        } else if app.notice.is_some() {
            ui.separator();
            if app.last_export.is_some() && ui.small_button(lang.tr(Msg::OpenFolder)).clicked() {
                app.push(Command::OpenExportFolder);
            }
            let notice = app.notice.clone().unwrap_or_default();
            ui.add(egui::Label::new(notice).truncate());
        }
    });
}

/// Width kept for the job's words, in points: the bar after them stays put
/// while the count grows.
const JOB_LABEL_WIDTH: f32 = 280.0;
