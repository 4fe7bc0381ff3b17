//! The egui desktop app: panels over the archive core, in Chinese by default.
//!
//! [`run`] opens the window. [`app::JianbaoApp`] holds the state; one file per
//! panel draws it; [`worker`] does all disk and index work off the UI thread.

pub mod app;
pub mod archive_panel;
pub mod backend;
pub mod chart_panel;
pub mod columns;
pub mod command;
pub mod export_dialog;
pub mod fallback_dialog;
pub mod file_picker;
pub mod fonts;
pub mod help_window;
pub mod i18n;
pub mod import_dialog;
pub mod names_panel;
pub mod page_render;
pub mod page_view;
pub mod reader_panel;
pub mod results_panel;
pub mod rows;
pub mod sample;
pub mod snippet_line;
pub mod state;
pub mod stats_window;
pub mod status_bar;
pub mod tag_editor;
pub mod tag_match;
pub mod tags_panel;
pub mod top_bar;
pub mod worker;

use std::path::PathBuf;

use anyhow::anyhow;

pub use app::{AppOptions, JianbaoApp};

/// Opens the window on the last archive (or the sample archive on first start).
pub fn run() -> anyhow::Result<()> {
    run_with(None, Vec::new())
}

/// Opens the window on `project`, or on the last archive when `None`, and
/// imports `files` into it once it is open.
pub fn run_with(project: Option<PathBuf>, files: Vec<PathBuf>) -> anyhow::Result<()> {
    let native_options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title(i18n::Lang::Zh.tr(i18n::Msg::AppTitle))
            .with_app_id(app::APP_ID)
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([720.0, 480.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        app::APP_ID,
        native_options,
        Box::new(move |cc| {
            let options = AppOptions {
                project,
                import_on_start: files,
                ..AppOptions::default()
            };
            Ok(Box::new(JianbaoApp::new(cc, options)))
        }),
    )
    .map_err(|e| anyhow!("cannot open the window: {e}"))
}
