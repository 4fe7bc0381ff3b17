//! Which columns the results table shows: the user's choice (the column menu
//! on the header, and 视图 › 列), fitted to the width there is. The date and
//! the headline always show; the headline takes the slack; the optional
//! columns the user wants are kept in priority order while they fit whole,
//! so nothing is drawn cut off at the panel's edge.

use eframe::egui;
use serde::{Deserialize, Serialize};

use crate::ui::app::Command;
use crate::ui::i18n::{Lang, Msg};

/// Width of the date column (`1998-01-15` in the body font).
pub const DATE_WIDTH: f32 = 84.0;
/// The narrowest the headline column gets before optional columns give way.
pub const HEADLINE_MIN_WIDTH: f32 = 150.0;

/// A column the user can hide, and the table hides when it does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OptionalColumn {
    /// 版次.
    Page,
    /// 记者.
    Reporters,
    /// 标签.
    Tags,
}

impl OptionalColumn {
    /// Every optional column, in the order they are kept when space runs out.
    pub const BY_PRIORITY: [OptionalColumn; 3] = [
        OptionalColumn::Page,
        OptionalColumn::Reporters,
        OptionalColumn::Tags,
    ];

    /// The width the column is drawn at.
    pub fn width(self) -> f32 {
        match self {
            OptionalColumn::Page => 40.0,
            OptionalColumn::Reporters => 104.0,
            OptionalColumn::Tags => 96.0,
        }
    }

    /// The header's label.
    pub fn msg(self) -> Msg {
        match self {
            OptionalColumn::Page => Msg::ColumnPage,
            OptionalColumn::Reporters => Msg::ColumnReporters,
            OptionalColumn::Tags => Msg::ColumnTags,
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The columns the user wants, and whether results show a line of the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnPrefs {
    /// Wanted, by [`OptionalColumn`] in declaration order.
    pub wanted: [bool; 3],
    /// A line of the body around the match under each result of a text search.
    pub snippets: bool,
}

impl Default for ColumnPrefs {
    fn default() -> Self {
        Self {
            wanted: [true; 3],
            snippets: true,
        }
    }
}

impl ColumnPrefs {
    /// Whether the user wants `column`.
    pub fn wants(&self, column: OptionalColumn) -> bool {
        self.wanted[column.index()]
    }

    /// Shows `column` if hidden, hides it if shown.
    pub fn toggle(&mut self, column: OptionalColumn) {
        self.wanted[column.index()] = !self.wanted[column.index()];
    }
}

/// The columns a table of some width shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ColumnFit {
    /// Shown, by [`OptionalColumn`] in declaration order.
    pub shown: [bool; 3],
    /// Wanted but left out for want of width.
    pub squeezed: [bool; 3],
}

impl ColumnFit {
    /// Fits the wanted columns into `width` points.
    pub fn new(prefs: &ColumnPrefs, width: f32) -> Self {
        let mut fit = ColumnFit::default();
        let mut room = width - DATE_WIDTH - HEADLINE_MIN_WIDTH;
        for column in OptionalColumn::BY_PRIORITY {
            if !prefs.wants(column) {
                continue;
            }
            // Each column also takes the table's spacing between columns.
            let needs = column.width() + 8.0;
            if room >= needs {
                fit.shown[column.index()] = true;
                room -= needs;
            } else {
                fit.squeezed[column.index()] = true;
            }
        }
        fit
    }

    /// Whether `column` is shown.
    pub fn shows(&self, column: OptionalColumn) -> bool {
        self.shown[column.index()]
    }

    /// A key that changes when the set of shown columns does (the table's
    /// remembered column widths are kept per set).
    pub fn key(&self) -> u8 {
        self.shown
            .iter()
            .enumerate()
            .map(|(i, &on)| u8::from(on) << i)
            .sum()
    }
}

/// Checkboxes for the optional columns and the snippet line; a column left
/// out for want of width says so.
pub fn column_menu_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    prefs: &ColumnPrefs,
    fit: &ColumnFit,
    commands: &mut Vec<Command>,
) {
    for column in OptionalColumn::BY_PRIORITY {
        let mut wanted = prefs.wants(column);
        if ui.checkbox(&mut wanted, lang.tr(column.msg())).clicked() {
            commands.push(Command::ToggleColumn(column));
        }
        if fit.squeezed[column.index()] {
            ui.weak(lang.tr(Msg::HiddenForWidth));
        }
    }
    ui.separator();
    let mut snippets = prefs.snippets;
    if ui
        .checkbox(&mut snippets, lang.tr(Msg::ShowSnippets))
        .clicked()
    {
        commands.push(Command::ToggleSnippets);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_show_every_wanted_column() {
        let fit = ColumnFit::new(&ColumnPrefs::default(), 900.0);
        assert_eq!(fit.shown, [true; 3]);
        assert_eq!(fit.squeezed, [false; 3]);
    }

    #[test]
    fn narrow_tables_drop_tags_then_reporters_then_page() {
        let prefs = ColumnPrefs::default();
        let base = DATE_WIDTH + HEADLINE_MIN_WIDTH;
        let fit = ColumnFit::new(&prefs, base + 48.0 + 112.0 + 50.0);
        assert_eq!(fit.shown, [true, true, false]);
        assert_eq!(fit.squeezed, [false, false, true]);
        let fit = ColumnFit::new(&prefs, base + 50.0);
        assert_eq!(fit.shown, [true, false, false]);
        let fit = ColumnFit::new(&prefs, base);
        assert_eq!(fit.shown, [false; 3]);
        assert_eq!(fit.squeezed, [true; 3]);
    }

    #[test]
    fn hidden_columns_leave_room_for_the_next() {
        let mut prefs = ColumnPrefs::default();
        prefs.toggle(OptionalColumn::Reporters);
        let base = DATE_WIDTH + HEADLINE_MIN_WIDTH;
        let fit = ColumnFit::new(&prefs, base + 48.0 + 104.0);
        assert_eq!(fit.shown, [true, false, true]);
        assert_eq!(fit.squeezed, [false; 3], "reporters are hidden by choice");
    }
}
