//! The centre: the results table, a virtual list that draws only the rows on screen.

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::archive::model::CollectionId;
use crate::archive::search::SearchError;
use crate::archive::session::SessionError;
use crate::ui::app::QUERY_ERROR_PATIENCE_SECS;
use crate::ui::app::{Command, JianbaoApp, TagDialog};
use crate::ui::backend::SortOrder;
use crate::ui::columns::{
    ColumnFit, DATE_WIDTH, HEADLINE_MIN_WIDTH, OptionalColumn, column_menu_ui,
};
use crate::ui::command::Action;
use crate::ui::export_dialog::ExportWhat;
use crate::ui::i18n::words::error_text;
use crate::ui::i18n::{Lang, Msg, fill};
use crate::ui::rows::ResultRow;
use crate::ui::state::Filter;
use crate::ui::tag_editor::{self, tag_colour};
use crate::ui::worker::CollectInto;

/// Height of one row of the table, in points.
pub const ROW_HEIGHT: f32 = 22.0;

/// Height the snippet line adds to a row.
pub const SNIPPET_LINE_HEIGHT: f32 = 16.0;

/// In place of the results: why the query failed, wrapped to the panel. An
/// error of a query still being typed waits until the typing pauses.
fn search_error_ui(ui: &mut egui::Ui, app: &JianbaoApp, error: &SessionError) {
    let lang = app.settings.lang;
    let unfinished = matches!(
        error,
        SessionError::Search(SearchError::Query(e)) if e.may_be_unfinished()
    );
    let quiet = ui.input(|i| i.time) - app.search.edited_at;
    ui.add_space(24.0);
    if unfinished && quiet < QUERY_ERROR_PATIENCE_SECS {
        ui.ctx()
            .request_repaint_after_secs((QUERY_ERROR_PATIENCE_SECS - quiet) as f32);
        ui.weak(lang.tr(Msg::QueryBeingTyped));
        return;
    }
    let text = match error {
        SessionError::Search(SearchError::Query(_)) => error_text(lang, error),
        _ => fill(
            lang.tr(Msg::SearchFailed),
            &[("error", &error_text(lang, error))],
        ),
    };
    // Left-aligned and wrapped to the panel: a long message never runs off its edge.
    let colour = ui.visuals().error_fg_color;
    ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).wrap());
    ui.add_space(8.0);
    ui.add(egui::Label::new(egui::RichText::new(lang.tr(Msg::QuerySyntaxHint)).weak()).wrap());
}

/// Draws the results table.
pub fn results_panel_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    if app.archive.is_none() && app.row_override.is_none() {
        ui.centered_and_justified(|ui| ui.weak(lang.tr(Msg::NoArchiveOpen)));
        return;
    }
    let total = app.row_source().total();
    if total == 0 {
        // No rows to scroll to.
        app.scroll_to_row = None;
    }
    if let Some(error) = &app.search.error {
        search_error_ui(ui, app, error);
        return;
    }
    if total == 0 && !app.search.is_pending() {
        let empty = app.archive.as_ref().is_some_and(|a| a.total_articles == 0);
        if empty {
            empty_archive_ui(ui, app);
        } else {
            ui.centered_and_justified(|ui| ui.weak(lang.tr(Msg::NoResults)));
        }
        return;
    }
    // Rows select on click; labels inside must not swallow the click for text selection.
    ui.style_mut().interaction.selectable_labels = false;
    let sort = app.settings.sort;
    let mut commands = Vec::new();
    // First and one-past-last row drawn; starts inverted so the first row sets both.
    let (mut first_drawn, mut end_drawn) = (usize::MAX, 0);
    let scroll_to = app.scroll_to_row.take();
    // What the rows' context menu offers, read once.
    let menu = RowMenu {
        writable: app.archive.as_ref().is_some_and(|a| !a.read_only),
        collections: app
            .archive
            .as_ref()
            .map(|a| {
                a.editorial
                    .collections
                    .iter()
                    .map(|c| (c.id, c.name.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        listed: app.listed_collection(),
    };
    let modifiers = ui.input(|i| i.modifiers);
    let fit = ColumnFit::new(&app.settings.columns, ui.available_width());
    app.column_fit = fit;
    let prefs = app.settings.columns.clone();
    let show_page = fit.shows(OptionalColumn::Page);
    let show_reporters = fit.shows(OptionalColumn::Reporters);
    let show_tags = fit.shows(OptionalColumn::Tags);
    // A second line, of the match, when snippets are on and the query has words.
    let snippets = prefs.snippets && app.search.has_words();
    let row_height = if snippets {
        ROW_HEIGHT + SNIPPET_LINE_HEIGHT
    } else {
        ROW_HEIGHT
    };
    let mut table = TableBuilder::new(ui)
        // Widths are remembered per set of shown columns.
        .id_salt(("results", fit.key()))
        .striped(true)
        // Keyboard jumps across a million rows should land, not glide.
        .animate_scrolling(false)
        .resizable(true)
        // Drag: selected rows can be dropped on a collection in the side panel.
        .sense(egui::Sense::click_and_drag())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::exact(DATE_WIDTH));
    if show_page {
        table = table.column(Column::exact(OptionalColumn::Page.width()));
    }
    // Not resizable: the headline takes whatever width the window has now.
    table = table.column(
        Column::remainder()
            .at_least(HEADLINE_MIN_WIDTH)
            .clip(true)
            .resizable(false),
    );
    for (shown, column) in [
        (show_reporters, OptionalColumn::Reporters),
        (show_tags, OptionalColumn::Tags),
    ] {
        if shown {
            table = table.column(Column::initial(column.width()).at_least(50.0).clip(true));
        }
    }
    table = table.min_scrolled_height(0.0);
    if let Some(row) = scroll_to {
        table = table.scroll_to_row(row, None);
    }
    let header_menu = |response: egui::Response, commands: &mut Vec<Command>| {
        response.context_menu(|ui| column_menu_ui(ui, lang, &prefs, &fit, commands));
    };
    table
        .header(24.0, |mut header| {
            let (_, response) = header.col(|ui| {
                let arrow = match sort {
                    SortOrder::Relevance => "",
                    SortOrder::DateDesc => " ▼",
                    SortOrder::DateAsc => " ▲",
                };
                let text = format!("{}{arrow}", lang.tr(Msg::ColumnDate));
                if ui
                    .add(egui::Button::new(egui::RichText::new(text).strong()).frame(false))
                    .clicked()
                {
                    commands.push(Command::SetSort(match sort {
                        SortOrder::Relevance => SortOrder::DateDesc,
                        SortOrder::DateDesc => SortOrder::DateAsc,
                        SortOrder::DateAsc => SortOrder::Relevance,
                    }));
                }
            });
            header_menu(response, &mut commands);
            let mut title = |header: &mut egui_extras::TableRow<'_, '_>, msg| {
                let (_, response) = header.col(|ui| {
                    ui.strong(lang.tr(msg));
                });
                header_menu(response, &mut commands);
            };
            if show_page {
                title(&mut header, Msg::ColumnPage);
            }
            title(&mut header, Msg::ColumnHeadline);
            if show_reporters {
                title(&mut header, Msg::ColumnReporters);
            }
            if show_tags {
                title(&mut header, Msg::ColumnTags);
            }
        })
        .body(|body| {
            body.rows(row_height, total, |mut row| {
                let index = row.index();
                first_drawn = first_drawn.min(index);
                end_drawn = end_drawn.max(index + 1);
                let selected = app
                    .row_source()
                    .row(index)
                    .is_some_and(|r| app.selection.contains(r));
                row.set_selected(selected);
                match app.row_source().row(index) {
                    Some(hit) => {
                        row.col(|ui| {
                            ui.label(hit.date.format("%Y-%m-%d").to_string());
                        });
                        if show_page {
                            row.col(|ui| {
                                ui.label(hit.page.to_string());
                            });
                        }
                        row.col(|ui| headline_cell_ui(ui, lang, hit, snippets));
                        if show_reporters {
                            row.col(|ui| {
                                ui.add(egui::Label::new(hit.reporters.as_str()).truncate());
                            });
                        }
                        if show_tags {
                            row.col(|ui| {
                                for name in &hit.tags {
                                    let colour = app
                                        .archive
                                        .as_ref()
                                        .and_then(|a| a.tag_named(name))
                                        .map_or(egui::Color32::GRAY, |t| tag_colour(&t.def));
                                    tag_editor::chip_ui(ui, name, colour);
                                }
                            });
                        }
                    }
                    None => {
                        row.col(|ui| {
                            ui.weak(lang.tr(Msg::Loading));
                        });
                        let rest = 1 + [show_page, show_reporters, show_tags]
                            .iter()
                            .filter(|&&shown| shown)
                            .count();
                        for _ in 0..rest {
                            row.col(|_| {});
                        }
                    }
                }
                let response = row.response();
                if response.clicked() {
                    commands.push(Command::ClickRow {
                        index,
                        extend: modifiers.shift,
                        toggle: modifiers.command,
                    });
                }
                if response.double_clicked() {
                    commands.push(Command::OpenCursor);
                }
                if response.secondary_clicked() || response.drag_started() {
                    commands.push(Command::SelectForMenu(index));
                }
                if menu.writable {
                    response.dnd_set_drag_payload(DraggedSelection);
                }
                response.context_menu(|ui| {
                    let reporters = app
                        .row_source()
                        .row(index)
                        .map(|r| r.reporters.clone())
                        .unwrap_or_default();
                    row_menu_ui(ui, lang, &menu, (index, &reporters), &mut commands);
                });
            });
        });
    let visible = first_drawn.min(end_drawn)..end_drawn;
    app.visible_rows = visible.clone();
    if !visible.is_empty() {
        // Prefetch a screen above and below so scrolling rarely shows "loading".
        let span = visible.end - visible.start;
        let from = visible.start.saturating_sub(span);
        let to = (visible.end + span).min(total);
        app.row_source_mut().want(from..to);
    }
    app.commands.extend(commands);
}

/// The headline (kicker small after it) and, when asked for, the line of the
/// match under it, its matches in the text colour. Both end in `…` where the
/// column is too narrow: no character is drawn cut.
fn headline_cell_ui(ui: &mut egui::Ui, lang: Lang, hit: &ResultRow, snippets: bool) {
    let headline = if hit.headline.is_empty() {
        lang.tr(Msg::Untitled)
    } else {
        hit.headline.as_str()
    };
    let mut job = egui::text::LayoutJob::default();
    let body = egui::TextStyle::Body.resolve(ui.style());
    let color = ui.visuals().text_color();
    job.append(headline, 0.0, egui::TextFormat::simple(body, color));
    if let Some(kicker) = &hit.kicker {
        let small = egui::TextStyle::Small.resolve(ui.style());
        let weak = ui.visuals().weak_text_color();
        job.append(kicker, 12.0, egui::TextFormat::simple(small, weak));
    }
    if !snippets {
        ui.add(egui::Label::new(job).truncate());
        return;
    }
    ui.vertical(|ui| {
        ui.spacing_mut().item_spacing.y = 0.0;
        ui.add(egui::Label::new(job).truncate());
        ui.add(egui::Label::new(snippet_job(ui, &hit.snippet)).truncate());
    });
}

/// A snippet's text, small and weak, with the parts in `【】` (the matches)
/// in the text colour and without the brackets, cut to the width the cell
/// has so that the first match shows (`ui::snippet_line`).
fn snippet_job(ui: &egui::Ui, snippet: &str) -> egui::text::LayoutJob {
    let font = egui::TextStyle::Small.resolve(ui.style());
    let weak = egui::TextFormat::simple(font.clone(), ui.visuals().weak_text_color());
    let strong = egui::TextFormat::simple(font.clone(), ui.visuals().strong_text_color());
    // A little short of the cell: glyph advances summed ignore kerning.
    let width = (ui.available_width() - 4.0).max(0.0);
    let runs = ui.ctx().fonts_mut(|fonts| {
        crate::ui::snippet_line::fit(snippet, width, |c| fonts.glyph_width(&font, c))
    });
    let mut job = egui::text::LayoutJob::default();
    for run in runs {
        let format = if run.matched { &strong } else { &weak };
        job.append(&run.text, 0.0, format.clone());
    }
    job
}

/// An archive with no articles yet: what to do first, and the buttons that do it.
fn empty_archive_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let writable = app.archive.as_ref().is_some_and(|a| !a.read_only);
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() * 0.3);
        ui.label(lang.tr(Msg::EmptyArchive));
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            // Centred by hand: a horizontal row fills from the left.
            let width = 2.0 * 150.0 + ui.spacing().item_spacing.x;
            ui.add_space(((ui.available_width() - width) / 2.0).max(0.0));
            if ui
                .add_enabled(
                    writable,
                    egui::Button::new(lang.tr(Msg::ImportFiles)).min_size(egui::vec2(150.0, 28.0)),
                )
                .clicked()
            {
                app.push(Command::PickImportFiles);
            }
            if ui
                .add_enabled(
                    writable,
                    egui::Button::new(lang.tr(Msg::ImportFolder)).min_size(egui::vec2(150.0, 28.0)),
                )
                .clicked()
            {
                app.push(Command::PickImportFolder);
            }
        });
    });
}

/// The drag payload of result rows: the selection (the row dragged is selected first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraggedSelection;

/// What a row's context menu needs from the app.
struct RowMenu {
    writable: bool,
    collections: Vec<(CollectionId, String)>,
    /// The collection the results list, when they list one.
    listed: Option<CollectionId>,
}

/// The context menu of a result: open, copy, tag, add to a collection, and
/// when a collection is listed, move up/down and remove.
fn row_menu_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    menu: &RowMenu,
    (index, reporters): (usize, &str),
    commands: &mut Vec<Command>,
) {
    if ui.button(lang.tr(Msg::OpenArticle)).clicked() {
        commands.push(Command::OpenCursor);
    }
    if ui.button(lang.tr(Msg::ShowOnPage)).clicked() {
        commands.push(Command::ShowOnPage);
    }
    // Each reporter of the row: only their articles.
    for name in reporters
        .split(['、', ',', '，'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        if ui
            .button(fill(lang.tr(Msg::FilterByReporter), &[("name", &name)]))
            .clicked()
        {
            commands.push(Command::SetFilter(Filter {
                field: "reporter".into(),
                value: name.to_string(),
            }));
        }
    }
    if ui.button(lang.tr(Msg::CopyArticle)).clicked() {
        commands.push(Command::CopyArticle);
    }
    if ui.button(lang.tr(Msg::Export)).clicked() {
        commands.push(Command::OpenExport(Some(ExportWhat::Selection)));
    }
    if !menu.writable {
        return;
    }
    ui.separator();
    if ui.button(lang.tr(Msg::TagSelection)).clicked() {
        commands.push(Action::TagSelection.command());
    }
    ui.menu_button(lang.tr(Msg::AddToCollection), |ui| {
        for (id, name) in &menu.collections {
            if ui.button(name).clicked() {
                commands.push(Command::Collect(CollectInto::Existing(*id)));
            }
        }
        if ui.button(lang.tr(Msg::NewCollection)).clicked() {
            commands.push(Command::OpenDialog(TagDialog::NewCollection {
                name: String::new(),
            }));
        }
    });
    if menu.listed.is_some() {
        ui.separator();
        if ui.button(lang.tr(Msg::MoveUp)).clicked() {
            commands.push(Command::MoveInCollection { index, step: -1 });
        }
        if ui.button(lang.tr(Msg::MoveDown)).clicked() {
            commands.push(Command::MoveInCollection { index, step: 1 });
        }
        if ui.button(lang.tr(Msg::RemoveFromCollection)).clicked() {
            commands.push(Command::RemoveFromCollection);
        }
    }
}
