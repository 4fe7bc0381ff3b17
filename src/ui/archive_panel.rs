//! The left panel: the year › month › day › page tree, a month calendar, the
//! tag tree and saved searches (`tags_panel`), and collections.
//!
//! The tree is lazy: a closed year or month draws nothing of its contents, so
//! a year of 365 editions costs nothing until it is opened.

use chrono::{Datelike, NaiveDate};
use eframe::egui;

use crate::ui::app::{ArchiveView, Command, Filter, JianbaoApp};
use crate::ui::export_dialog::ExportWhat;
use crate::ui::i18n::{Lang, Msg, fill};
use crate::ui::state::LeftTab;
use crate::ui::tags_panel;

/// Draws the archive panel.
pub fn archive_panel_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let Some(archive) = &app.archive else {
        ui.weak(lang.tr(Msg::NoArchiveOpen));
        return;
    };
    let mut commands = Vec::new();
    // Two faces: the archive by date, tag and collection; the index of names.
    ui.horizontal(|ui| {
        for (tab, msg) in [
            (LeftTab::Archive, Msg::TabArchive),
            (LeftTab::Names, Msg::TabNames),
        ] {
            if ui
                .selectable_label(app.left_tab == tab, lang.tr(msg))
                .clicked()
            {
                app.left_tab = tab;
            }
        }
    });
    ui.separator();
    if app.left_tab == LeftTab::Names {
        let search = &app.search;
        crate::ui::names_panel::names_panel_ui(
            ui,
            lang,
            &mut app.names,
            |field| search.filter_value(field).map(str::to_owned),
            &mut commands,
        );
        app.commands.extend(commands);
        return;
    }
    let active_date = app.search.filter_value("date").map(str::to_owned);
    let active_page = app.search.filter_value("page").map(str::to_owned);
    let active_tag = app.search.filter_value("tag").map(str::to_owned);
    // The tree on top, in its own scroll area, split from the sections below
    // by a handle the user drags (egui remembers where); the sections fold
    // away one by one (egui remembers which). So at 800×600 every section's
    // heading stays in reach however many days the tree lists.
    let height = ui.available_height();
    egui::Panel::top("archive_tree")
        .resizable(true)
        .default_size((height * 0.34).max(110.0))
        .size_range(80.0..=(height - 110.0).max(90.0))
        .show(ui, |ui| {
            ui.heading(lang.tr(Msg::ArchiveHeading));
            egui::ScrollArea::vertical()
                .id_salt("archive_tree_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let active = (active_date.as_deref(), active_page.as_deref());
                    tree_ui(ui, lang, archive, active, &mut commands);
                });
        });
    egui::ScrollArea::vertical()
        .id_salt("archive_sections_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            section(ui, lang.tr(Msg::CalendarHeading), "calendar", |ui| {
                calendar_ui(
                    ui,
                    lang,
                    archive,
                    app.calendar_month,
                    active_date.as_deref(),
                    &mut commands,
                );
            });
            section(ui, lang.tr(Msg::TagsHeading), "tags", |ui| {
                tags_panel::tag_tree_ui(ui, lang, archive, active_tag.as_deref(), &mut commands);
            });
            section(ui, lang.tr(Msg::SavedHeading), "saved", |ui| {
                tags_panel::saved_searches_ui(ui, lang, archive, &mut commands);
            });
            section(ui, lang.tr(Msg::CollectionsHeading), "collections", |ui| {
                tags_panel::collections_ui(
                    ui,
                    lang,
                    archive,
                    app.search.filter_value("in"),
                    &mut commands,
                );
            });
        });
    app.commands.extend(commands);
}

/// A section of the panel under a heading that folds it away; open at first,
/// then as the user left it (egui's memory, kept between runs).
fn section(ui: &mut egui::Ui, title: &str, id: &str, body: impl FnOnce(&mut egui::Ui)) {
    egui::CollapsingHeader::new(egui::RichText::new(title).heading())
        .id_salt(("archive_section", id))
        .default_open(true)
        .show(ui, body);
}

/// `text (n)`, or `text` while the count is not known.
pub fn count_label(text: String, count: Option<usize>) -> String {
    match count {
        Some(n) => format!("{text} ({n})"),
        None => text,
    }
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let (y, m) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
}

fn tree_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    active: (Option<&str>, Option<&str>),
    commands: &mut Vec<Command>,
) {
    let newest = archive.dates.last().copied();
    let years: Vec<i32> = archive.year_editions.keys().rev().copied().collect();
    for year in years {
        let label = count_label(
            fill(lang.tr(Msg::YearNode), &[("year", &year)]),
            archive.year_articles.get(&year).copied(),
        );
        let shown = egui::CollapsingHeader::new(label)
            .id_salt(("year", year))
            .default_open(newest.is_some_and(|d| d.year() == year))
            .show(ui, |ui| {
                for month in (1..=12).rev() {
                    let (Some(first), Some(last)) = (
                        NaiveDate::from_ymd_opt(year, month, 1),
                        month_end(year, month),
                    ) else {
                        continue;
                    };
                    if archive.dates.range(first..=last).next().is_none() {
                        continue;
                    }
                    month_ui(
                        ui,
                        lang,
                        archive,
                        (year, month),
                        (first, last),
                        newest,
                        active,
                        commands,
                    );
                }
            });
        if let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) {
            period_menu(
                &shown.header_response,
                lang,
                year.to_string(),
                (first, last),
                commands,
            );
        }
    }
}

/// The context menu of a year, month or day: show only its articles, or
/// export them (the export dialog with the dates filled in).
fn period_menu(
    response: &egui::Response,
    lang: Lang,
    filter: String,
    (first, last): (NaiveDate, NaiveDate),
    commands: &mut Vec<Command>,
) {
    response.context_menu(|ui| {
        if ui.button(lang.tr(Msg::FilterHere)).clicked() {
            commands.push(Command::RemoveFilterField("page".into()));
            commands.push(Command::SetFilter(Filter {
                field: "date".into(),
                value: filter.clone(),
            }));
        }
        if ui.button(lang.tr(Msg::ExportPeriod)).clicked() {
            commands.push(Command::OpenExport(Some(ExportWhat::Dates(
                first.format("%Y-%m-%d").to_string(),
                last.format("%Y-%m-%d").to_string(),
            ))));
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn month_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    (year, month): (i32, u32),
    (first, last): (NaiveDate, NaiveDate),
    newest: Option<NaiveDate>,
    active: (Option<&str>, Option<&str>),
    commands: &mut Vec<Command>,
) {
    let label = count_label(
        fill(
            lang.tr(Msg::MonthNode),
            &[
                ("year", &year),
                ("month", &month),
                ("month02", &format!("{month:02}")),
            ],
        ),
        archive.month_articles.get(&(year, month)).copied(),
    );
    let shown = egui::CollapsingHeader::new(label)
        .id_salt(("month", year, month))
        .default_open(newest.is_some_and(|d| d.year() == year && d.month() == month))
        .show(ui, |ui| {
            for &date in archive.dates.range(first..=last).rev() {
                day_ui(ui, lang, archive, date, active, commands);
            }
        });
    period_menu(
        &shown.header_response,
        lang,
        format!("{year}-{month:02}"),
        (first, last),
        commands,
    );
}

fn day_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    date: NaiveDate,
    (active_date, active_page): (Option<&str>, Option<&str>),
    commands: &mut Vec<Command>,
) {
    let value = date.format("%Y-%m-%d").to_string();
    let summary = archive.editions.get(&date);
    let label = count_label(
        fill(
            lang.tr(Msg::DayNode),
            &[
                ("year", &date.year()),
                ("month", &date.month()),
                ("day", &date.day()),
                ("month02", &format!("{:02}", date.month())),
                ("day02", &format!("{:02}", date.day())),
            ],
        ),
        summary.map(|s| s.articles()),
    );
    let id = ui.make_persistent_id(("day", value.as_str()));
    let mut clicked = false;
    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false)
        .show_header(ui, |ui| {
            let selected = active_date == Some(value.as_str()) && active_page.is_none();
            let response = ui.selectable_label(selected, label);
            if response.clicked() {
                // A day replaces the date and any page chosen on another day.
                commands.push(Command::RemoveFilterField("page".into()));
                commands.push(Command::SetFilter(Filter::date(date)));
                clicked = true;
            }
            period_menu(&response, lang, value.clone(), (date, date), commands);
        })
        .body(|ui| {
            let Some(summary) = summary else {
                return;
            };
            for &(page, articles) in &summary.pages {
                let text = count_label(
                    fill(lang.tr(Msg::PageNode), &[("page", &page)]),
                    Some(articles),
                );
                let selected = active_date == Some(value.as_str())
                    && active_page == Some(page.to_string().as_str());
                if ui.selectable_label(selected, text).clicked() {
                    commands.push(Command::SetFilter(Filter::date(date)));
                    commands.push(Command::SetFilter(Filter {
                        field: "page".into(),
                        value: page.to_string(),
                    }));
                }
            }
        });
    if clicked {
        // The clicked day opens to show its pages (after the body has stored its state).
        let mut state =
            egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false);
        state.set_open(true);
        state.store(ui.ctx());
    }
}

fn calendar_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    month: Option<(i32, u32)>,
    active_date: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let today = chrono::Local::now().date_naive();
    let (year, month) = month.unwrap_or((today.year(), today.month()));
    let (Some(first), Some(last)) = (
        NaiveDate::from_ymd_opt(year, month, 1),
        month_end(year, month),
    ) else {
        return;
    };
    ui.horizontal(|ui| {
        if ui
            .small_button("◀")
            .on_hover_text(lang.tr(Msg::PreviousMonth))
            .clicked()
        {
            let (y, m) = if month == 1 {
                (year - 1, 12)
            } else {
                (year, month - 1)
            };
            commands.push(Command::ShowMonth(y, m));
        }
        ui.strong(fill(
            lang.tr(Msg::CalendarMonth),
            &[
                ("year", &year),
                ("month", &month),
                ("month02", &format!("{month:02}")),
            ],
        ));
        if ui
            .small_button("▶")
            .on_hover_text(lang.tr(Msg::NextMonth))
            .clicked()
        {
            let (y, m) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            commands.push(Command::ShowMonth(y, m));
        }
    });
    // Seven columns in the width the panel has (a narrow panel must not cut
    // off Sunday): buttons with little padding, as wide as a column.
    let gap = 2.0;
    let column_width = ((ui.available_width() - 6.0 * gap) / 7.0)
        .floor()
        .clamp(16.0, 40.0);
    ui.spacing_mut().button_padding = egui::vec2(1.0, 1.0);
    egui::Grid::new("calendar")
        .spacing([gap, gap])
        .min_col_width(column_width)
        .max_col_width(column_width)
        .show(ui, |ui| {
            for weekday in lang.tr(Msg::Weekdays).chars() {
                ui.weak(weekday.to_string());
            }
            ui.end_row();
            let lead = first.weekday().num_days_from_monday();
            for _ in 0..lead {
                ui.label("");
            }
            let mut column = lead;
            let mut date = first;
            while date <= last {
                let has_edition = archive.dates.contains(&date);
                let value = date.format("%Y-%m-%d").to_string();
                let text = egui::RichText::new(date.day().to_string());
                if has_edition {
                    let selected = active_date == Some(value.as_str());
                    let button = egui::Button::selectable(selected, text.strong())
                        .fill(ui.visuals().selection.bg_fill.gamma_multiply(0.35))
                        .min_size(egui::vec2(column_width, 0.0));
                    let count = archive.editions.get(&date).map(|s| s.articles());
                    let mut response = ui.add(button);
                    if let Some(n) = count {
                        response =
                            response.on_hover_text(fill(lang.tr(Msg::ArticleTotal), &[("n", &n)]));
                    }
                    if response.clicked() {
                        commands.push(Command::SetFilter(Filter::date(date)));
                    }
                } else {
                    ui.weak(text);
                }
                column += 1;
                if column == 7 {
                    ui.end_row();
                    column = 0;
                }
                let Some(next) = date.succ_opt() else {
                    break;
                };
                date = next;
            }
        });
}
