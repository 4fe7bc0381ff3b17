//! The top bar: menus (文件 编辑 视图 帮助), the search box, filter chips, result count.

use eframe::egui;

use crate::ui::app::ArchiveView;
use crate::ui::app::{Command, JianbaoApp};
use crate::ui::columns::column_menu_ui;
use crate::ui::command::Action;
use crate::ui::i18n::words::summary_text;
use crate::ui::i18n::{Lang, Msg, fill};

/// Draws the menu bar and the search row.
pub fn top_bar_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    egui::MenuBar::new().ui(ui, |ui| menus_ui(ui, app));
    search_row_ui(ui, app);
    ui.add_space(2.0);
}

/// A menu entry for `action`: its label and first shortcut from the action table.
fn action_button(ui: &mut egui::Ui, app: &mut JianbaoApp, action: Action, enabled: bool) {
    action_button_labelled(ui, app, action, enabled, app.tr(action.msg()).to_string());
}

fn action_button_labelled(
    ui: &mut egui::Ui,
    app: &mut JianbaoApp,
    action: Action,
    enabled: bool,
    label: String,
) {
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = action.shortcuts().first() {
        button = button.shortcut_text(ui.ctx().format_shortcut(shortcut));
    }
    if ui.add_enabled(enabled, button).clicked() {
        app.push(action.command());
    }
}

fn menus_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let writable = app.archive.as_ref().is_some_and(|a| !a.read_only);
    ui.menu_button(lang.tr(Msg::MenuFile), |ui| {
        action_button(ui, app, Action::NewArchive, true);
        action_button(ui, app, Action::OpenArchive, true);
        ui.menu_button(lang.tr(Msg::RecentArchives), |ui| {
            if app.settings.recent.is_empty() {
                ui.label(lang.tr(Msg::NoRecentArchives));
            }
            for root in app.settings.recent.clone() {
                if ui.button(root.display().to_string()).clicked() {
                    app.push(Command::OpenArchive(root));
                }
            }
        });
        if ui.button(lang.tr(Msg::OpenSampleArchive)).clicked() {
            app.push(Command::OpenSample);
        }
        ui.separator();
        action_button(ui, app, Action::ImportFiles, writable);
        action_button(ui, app, Action::ImportFolder, writable);
        let any = app.archive.is_some() && app.row_source().total() > 0;
        action_button(ui, app, Action::Export, any);
        ui.separator();
        action_button(ui, app, Action::Quit, true);
    });
    ui.menu_button(lang.tr(Msg::MenuEdit), |ui| {
        let editorial = app.archive.as_ref().map(|a| a.editorial.clone());
        let (undo, redo) = editorial.map_or((None, None), |e| (e.undo, e.redo));
        let step_label = |msg: Msg, step: &Option<_>| match step {
            Some(step) => fill(lang.tr(msg), &[("step", &summary_text(lang, step))]),
            None => lang
                .tr(if msg == Msg::UndoStep {
                    Msg::Undo
                } else {
                    Msg::Redo
                })
                .to_string(),
        };
        let undo_label = step_label(Msg::UndoStep, &undo);
        let redo_label = step_label(Msg::RedoStep, &redo);
        action_button_labelled(
            ui,
            app,
            Action::Undo,
            writable && undo.is_some(),
            undo_label,
        );
        action_button_labelled(
            ui,
            app,
            Action::Redo,
            writable && redo.is_some(),
            redo_label,
        );
        ui.separator();
        action_button(ui, app, Action::Find, true);
        action_button(ui, app, Action::SelectAll, true);
        let any_selected = !app.selection.is_empty();
        action_button(ui, app, Action::TagSelection, writable && any_selected);
        action_button(
            ui,
            app,
            Action::SaveSearch,
            writable && !app.search.query().is_empty(),
        );
        action_button(ui, app, Action::CopyArticle, app.reader.loaded.is_some());
    });
    ui.menu_button(lang.tr(Msg::MenuView), |ui| {
        ui.menu_button(lang.tr(Msg::Language), |ui| {
            for choice in Lang::ALL {
                if ui.radio(lang == choice, choice.native_name()).clicked() {
                    app.push(Command::SetLang(choice));
                }
            }
        });
        ui.menu_button(lang.tr(Msg::Theme), |ui| {
            if ui
                .radio(!app.settings.dark, lang.tr(Msg::ThemeLight))
                .clicked()
            {
                app.push(Command::SetDark(false));
            }
            if ui
                .radio(app.settings.dark, lang.tr(Msg::ThemeDark))
                .clicked()
            {
                app.push(Command::SetDark(true));
            }
        });
        ui.menu_button(lang.tr(Msg::TextSize), |ui| {
            action_button(ui, app, Action::ZoomIn, true);
            action_button(ui, app, Action::ZoomOut, true);
            action_button(ui, app, Action::ZoomReset, true);
        });
        ui.separator();
        if ui
            .checkbox(
                &mut app.settings.show_archive.clone(),
                lang.tr(Msg::ShowArchivePanel),
            )
            .clicked()
        {
            app.push(Command::ToggleArchivePanel);
        }
        if ui
            .checkbox(
                &mut app.settings.show_reader.clone(),
                lang.tr(Msg::ShowReaderPanel),
            )
            .clicked()
        {
            app.push(Command::ToggleReaderPanel);
        }
        if ui
            .checkbox(
                &mut app.settings.show_chart.clone(),
                lang.tr(Msg::ShowChart),
            )
            .clicked()
        {
            app.push(Command::ToggleChart);
        }
        if ui
            .checkbox(&mut app.settings.show_page.clone(), lang.tr(Msg::PageView))
            .clicked()
        {
            app.push(Command::TogglePageView);
        }
        action_button(ui, app, Action::ShowNames, true);
        action_button(ui, app, Action::Stats, app.archive.is_some());
        ui.menu_button(lang.tr(Msg::Columns), |ui| {
            let mut commands = Vec::new();
            column_menu_ui(
                ui,
                lang,
                &app.settings.columns,
                &app.column_fit,
                &mut commands,
            );
            app.commands.extend(commands);
        });
    });
    ui.menu_button(lang.tr(Msg::MenuHelp), |ui| {
        action_button(ui, app, Action::Shortcuts, true);
        action_button(ui, app, Action::About, true);
    });
}

fn search_row_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    // The hint's date example is the archive's own newest month.
    let hint_month = app
        .archive
        .as_ref()
        .map_or_else(|| "2024-06".to_string(), ArchiveView::example_month);
    // Wraps onto a second line in a narrow window rather than drawing the
    // chips or the count over the buttons.
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(lang.tr(Msg::Search));
        let edit = egui::TextEdit::singleline(&mut app.search.text)
            .hint_text(fill(lang.tr(Msg::SearchHint), &[("month", &hint_month)]))
            .desired_width((ui.available_width() - 360.0).clamp(180.0, 520.0));
        let response = ui.add(edit).labelled_by(label.id);
        if response.changed() {
            app.search.edited_at = ui.input(|i| i.time);
        }
        if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            // Enter in the search box opens the current result, or the first.
            app.push(Command::SearchEnter);
        }
        app.search_box = Some(response.id);
        if app.focus_search {
            response.request_focus();
            app.focus_search = false;
        }
        if app.leave_search {
            response.surrender_focus();
            app.leave_search = false;
        }
        if !app.search.text.is_empty() || !app.search.filters.is_empty() {
            if ui.button(lang.tr(Msg::ClearSearch)).clicked() {
                app.push(Command::ClearSearch);
            }
            if app.archive.as_ref().is_some_and(|a| !a.read_only)
                && ui.button(lang.tr(Msg::SaveSearch)).clicked()
            {
                app.push(Command::OpenSaveSearch);
            }
        }
        for (index, filter) in app.search.filters.iter().enumerate() {
            let chip = egui::Button::new(format!("{} ×", filter.chip_text(lang)))
                .corner_radius(8.0)
                .small();
            if ui
                .add(chip)
                .on_hover_text(lang.tr(Msg::RemoveFilter))
                .clicked()
            {
                app.commands.push(Command::RemoveFilter(index));
            }
        }
        // The count, at the right end when it fits there, else on the next line.
        // A failed query has none: the results area says what is wrong.
        let count = (app.search.error.is_none()
            && app.archive.is_some()
            && app.search.shown_generation > 0)
            .then(|| {
                let ms = format!("{:.1}", app.search.took_ms);
                fill(
                    lang.tr(Msg::ResultCount),
                    &[("n", &app.row_source().total()), ("ms", &ms)],
                )
            });
        let pending = app.search.is_pending() && app.archive.is_some();
        let count_width = count.as_ref().map_or(0.0, |text| {
            let font = egui::TextStyle::Body.resolve(ui.style());
            ui.painter()
                .layout_no_wrap(text.clone(), font, egui::Color32::PLACEHOLDER)
                .size()
                .x
        }) + 30.0;
        let count_ui = |ui: &mut egui::Ui| {
            if let Some(count) = &count {
                // Whole: a label would otherwise continue the row's text
                // after a chip and wrap over it.
                ui.add(egui::Label::new(count.as_str()).extend());
            }
            if pending {
                ui.spinner();
            }
        };
        if ui.available_size_before_wrap().x >= count_width {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), count_ui);
        } else {
            ui.end_row();
            count_ui(ui);
        }
    });
}
