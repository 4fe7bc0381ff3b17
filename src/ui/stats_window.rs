//! The 稿件统计 window (视图 › 稿件统计…): the current search's articles
//! (every article when the search is empty) counted per reporter per
//! month, per month or per page, as a table, written to XLSX or CSV. The
//! worker counts and writes; the window draws and asks with commands.

use eframe::egui;

use crate::archive::stats::{SheetLabels, StatsBy};
use crate::ui::app::Command;
use crate::ui::i18n::{Lang, Msg, fill};
use crate::ui::state::StatsWindow;

/// The sheet's headings in the UI's language.
pub fn labels(lang: Lang, by: StatsBy) -> SheetLabels {
    SheetLabels {
        key: lang
            .tr(match by {
                StatsBy::Month => Msg::StatsByMonth,
                StatsBy::Page => Msg::StatsByPage,
                StatsBy::Reporter => Msg::StatsByReporter,
            })
            .to_string(),
        count: lang.tr(Msg::StatsCount).to_string(),
        total: lang.tr(Msg::StatsTotal).to_string(),
        unsigned: lang.tr(Msg::StatsUnsigned).to_string(),
    }
}

/// Draws the window, if open.
pub fn stats_window_ui(
    ctx: &egui::Context,
    lang: Lang,
    window: Option<&StatsWindow>,
    commands: &mut Vec<Command>,
) {
    let Some(window) = window else {
        return;
    };
    let mut open = true;
    egui::Window::new(lang.tr(Msg::StatsTitle))
        .id(egui::Id::unique("stats_window"))
        .open(&mut open)
        .default_size([560.0, 380.0])
        .max_height(ctx.content_rect().height() - 80.0)
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                for (by, msg) in [
                    (StatsBy::Reporter, Msg::StatsByReporter),
                    (StatsBy::Month, Msg::StatsByMonth),
                    (StatsBy::Page, Msg::StatsByPage),
                ] {
                    if ui.selectable_label(window.by == by, lang.tr(msg)).clicked() {
                        commands.push(Command::SetStatsBy(by));
                    }
                }
            });
            ui.weak(if window.query.trim().is_empty() {
                lang.tr(Msg::StatsAll).to_string()
            } else {
                fill(lang.tr(Msg::StatsOfQuery), &[("query", &window.query)])
            });
            if let Some(error) = &window.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
                return;
            }
            let Some(table) = &window.table else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.weak(lang.tr(Msg::ChartCounting));
                });
                return;
            };
            ui.horizontal(|ui| {
                ui.label(fill(lang.tr(Msg::StatsArticles), &[("n", &table.articles)]));
                if ui.button(lang.tr(Msg::StatsExportXlsx)).clicked() {
                    commands.push(Command::PickStatsExport(true));
                }
                if ui.button(lang.tr(Msg::StatsExportCsv)).clicked() {
                    commands.push(Command::PickStatsExport(false));
                }
            });
            ui.separator();
            let (heading, rows) = table.sheet(&labels(lang, window.by));
            egui::ScrollArea::both()
                .id_salt("stats_table")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::Grid::new("stats_grid")
                        .striped(true)
                        .min_col_width(36.0)
                        .show(ui, |ui| {
                            for h in &heading {
                                ui.strong(h);
                            }
                            ui.end_row();
                            for (key, counts) in &rows {
                                ui.label(key);
                                for n in counts {
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| ui.label(n.to_string()),
                                    );
                                }
                                ui.end_row();
                            }
                        });
                });
        });
    if !open {
        commands.push(Command::ToggleStats);
    }
}
