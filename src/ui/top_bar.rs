//! The top bar: menus (文件 编辑 视图 帮助), the search box, filter chips, result count.

use eframe::egui;

use crate::ui::app::{Command, JianbaoApp};
use crate::ui::i18n::{Lang, Msg, fill};

/// Draws the menu bar and the search row.
pub fn top_bar_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    egui::MenuBar::new().ui(ui, |ui| menus_ui(ui, app));
    search_row_ui(ui, app);
    ui.add_space(2.0);
}

fn menus_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    ui.menu_button(lang.tr(Msg::MenuFile), |ui| {
        if ui.button(lang.tr(Msg::NewArchive)).clicked() {
            app.push(Command::PickNewArchive);
        }
        if ui
            .add(egui::Button::new(lang.tr(Msg::OpenArchive)).shortcut_text("Ctrl+O"))
            .clicked()
        {
            app.push(Command::PickOpenArchive);
        }
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
        let can_import = app.archive.as_ref().is_some_and(|a| !a.read_only);
        if ui
            .add_enabled(
                can_import,
                egui::Button::new(lang.tr(Msg::ImportFiles)).shortcut_text("Ctrl+I"),
            )
            .clicked()
        {
            app.push(Command::PickImportFiles);
        }
        if ui
            .add_enabled(can_import, egui::Button::new(lang.tr(Msg::ImportFolder)))
            .clicked()
        {
            app.push(Command::PickImportFolder);
        }
        ui.separator();
        if ui
            .add(egui::Button::new(lang.tr(Msg::Quit)).shortcut_text("Ctrl+Q"))
            .clicked()
        {
            app.push(Command::Quit);
        }
    });
    ui.menu_button(lang.tr(Msg::MenuEdit), |ui| {
        if ui
            .add(egui::Button::new(lang.tr(Msg::Find)).shortcut_text("Ctrl+F"))
            .clicked()
        {
            app.push(Command::FocusSearch);
        }
        if ui
            .add(egui::Button::new(lang.tr(Msg::SelectAll)).shortcut_text("Ctrl+A"))
            .clicked()
        {
            app.push(Command::SelectAll);
        }
        if ui
            .add_enabled(
                app.reader.loaded.is_some(),
                egui::Button::new(lang.tr(Msg::CopyArticle)),
            )
            .clicked()
        {
            app.push(Command::CopyArticle);
        }
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
    });
    ui.menu_button(lang.tr(Msg::MenuHelp), |ui| {
        if ui.button(lang.tr(Msg::Shortcuts)).clicked() {
            app.push(Command::ShowShortcuts);
        }
        if ui.button(lang.tr(Msg::About)).clicked() {
            app.push(Command::ShowAbout);
        }
    });
}

fn search_row_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    ui.horizontal(|ui| {
        let label = ui.label(lang.tr(Msg::Search));
        let edit = egui::TextEdit::singleline(&mut app.search.text)
            .hint_text(lang.tr(Msg::SearchHint))
            .desired_width(ui.available_width().min(520.0));
        let response = ui.add(edit).labelled_by(label.id);
        if response.changed() {
            app.search.edited_at = ui.input(|i| i.time);
        }
        if app.focus_search {
            response.request_focus();
            app.focus_search = false;
        }
        if (!app.search.text.is_empty() || !app.search.filters.is_empty())
            && ui.button(lang.tr(Msg::ClearSearch)).clicked()
        {
            app.push(Command::ClearSearch);
        }
        for (index, filter) in app.search.filters.iter().enumerate() {
            let chip = egui::Button::new(format!("{} ×", filter.query_text()))
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
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(error) = &app.search.error {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    fill(lang.tr(Msg::SearchFailed), &[("error", error)]),
                );
            } else if app.archive.is_some() && app.search.shown_generation > 0 {
                let total = app.row_source().total();
                let ms = format!("{:.1}", app.search.took_ms);
                ui.label(fill(
                    lang.tr(Msg::ResultCount),
                    &[("n", &total), ("ms", &ms)],
                ));
            }
            if app.search.is_pending() && app.archive.is_some() {
                ui.spinner();
            }
        });
    });
}
