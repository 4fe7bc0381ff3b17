//! The app: its state, one frame, and the worker's replies ([`Command`]s are in `command.rs`).
//!
//! Each frame polls the worker's replies, draws the panels (which only read
//! state and push commands, besides their own text buffers), then applies the
//! commands. Nothing here waits on disk or the index.

use std::path::{Path, PathBuf};

use chrono::Datelike;
use eframe::egui;

use crate::archive::export::ExportError;
use crate::archive::import::ImportReport;
use crate::ui::command::{Action, ZOOM_RANGE};
use crate::ui::file_picker::FilePicker;
use crate::ui::i18n::words::{
    error_text, export_error_text, notice_text, skipped_text, summary_text,
};
use crate::ui::i18n::{Msg, fill};
use crate::ui::rows::{PAGE_ROWS, RowSource, SearchRows};
use crate::ui::worker::ExportFailure;
use crate::ui::worker::{LoadedArticle, Reply, Request, SearchRequest, Worker};
use crate::ui::{
    archive_panel, fonts, help_window, import_dialog, reader_panel, results_panel, sample,
    status_bar, tag_editor, top_bar,
};

pub use crate::ui::command::Command;
pub use crate::ui::state::{
    AfterResults, AppOptions, ArchiveView, DateDialog, Filter, JobState, NoteDraft, ReaderState,
    SearchState, Selection, Settings, TagDialog,
};

/// The id eframe stores settings under, and the name of the data folder.
pub const APP_ID: &str = "jianbao";

/// Seconds of quiet typing before the search runs.
pub const SEARCH_DEBOUNCE_SECS: f64 = 0.15;

/// Seconds of quiet typing before an error of a query that may be
/// unfinished (`date:1998-0`, a lone `-`, an open quote) is shown.
pub const QUERY_ERROR_PATIENCE_SECS: f64 = 1.2;

/// The width the results keep for the date and a readable headline (side
/// panels give way to it).
pub const RESULTS_MIN_WIDTH: f32 =
    crate::ui::columns::DATE_WIDTH + crate::ui::columns::HEADLINE_MIN_WIDTH + 40.0;

/// Seconds of quiet typing before a note is saved.
pub const NOTE_DEBOUNCE_SECS: f64 = 0.8;

/// The Jianbao desktop app.
pub struct JianbaoApp {
    /// Remembered between runs.
    pub settings: Settings,
    /// Where the sample archive lives.
    pub data_dir: PathBuf,
    /// How files are chosen.
    pub picker: Box<dyn FilePicker>,
    /// The open archive, once the worker has opened it.
    pub archive: Option<ArchiveView>,
    /// Search box and filters.
    pub search: SearchState,
    /// Hits of the shown search.
    pub rows: SearchRows,
    /// A row source replacing `rows` (the frame benchmark's synthetic archive).
    pub row_override: Option<Box<dyn RowSource>>,
    /// Selected rows.
    pub selection: Selection,
    /// Scroll the table to this row next frame.
    pub scroll_to_row: Option<usize>,
    /// The results table's columns as fitted last frame.
    pub column_fit: crate::ui::columns::ColumnFit,
    /// Rows the table drew last frame.
    pub visible_rows: std::ops::Range<usize>,
    /// The reader's article.
    pub reader: ReaderState,
    /// The running background job.
    pub job: Option<JobState>,
    /// The date dialog, when open.
    pub date_dialog: Option<DateDialog>,
    /// The tag editor's dialog, when open.
    pub dialog: Option<TagDialog>,
    /// The reader shows the correction tools (split, merge, edit fields).
    pub correcting: bool,
    /// Files to import once the archive is open.
    import_on_open: Vec<PathBuf>,
    /// The in-window file dialog, when no native one could be shown.
    pub fallback_dialog: Option<crate::ui::fallback_dialog::FallbackDialog>,
    /// The export dialog, when open.
    pub export_dialog: Option<crate::ui::export_dialog::ExportDialog>,
    /// The file the last export wrote (the status bar offers its folder).
    pub last_export: Option<PathBuf>,
    /// The report of the last import that had errors, while its window is open.
    pub import_report: Option<ImportReport>,
    /// A one-line message for the status bar.
    pub notice: Option<String>,
    /// Month shown by the calendar.
    pub calendar_month: Option<(i32, u32)>,
    /// About window open.
    pub show_about: bool,
    /// Shortcuts window open.
    pub show_shortcuts: bool,
    /// Give the search box focus next frame.
    pub focus_search: bool,
    /// 新建档案 waiting for the paper's name: the folder and the name as typed.
    pub new_archive: Option<(PathBuf, String)>,
    /// Take the keyboard from the search box next frame (↓ or Esc in it).
    pub leave_search: bool,
    /// The search box's widget id, once drawn.
    pub search_box: Option<egui::Id>,
    /// Commands pushed while drawing, applied after.
    pub commands: Vec<Command>,
    /// What the left panel shows.
    pub left_tab: crate::ui::state::LeftTab,
    /// The index of names.
    pub names: crate::ui::state::NamesState,
    /// The 稿件统计 window, when open.
    pub stats_window: Option<crate::ui::state::StatsWindow>,
    /// The current query's articles per edition day, for the chart
    /// (`None` until counted).
    pub timeline: Option<Vec<(chrono::NaiveDate, u64)>>,
    /// The reader's 版面 view.
    pub page_view: crate::ui::state::PageViewState,
    pub(super) worker: Worker,
    /// Renders printed pages and clippings off the UI thread.
    pub(super) renderer: crate::ui::page_render::PageRenderer,
    pub(super) ctx: egui::Context,
    pub(super) opening: bool,
    /// Edits, undos and redos sent and not yet answered.
    pub(super) pending_edits: usize,
    window_title: String,
}

impl JianbaoApp {
    /// The app as eframe creates it: stored settings, bundled font.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let stored: Option<Settings> = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY));
        let options = AppOptions {
            settings: options.settings.or(stored),
            ..options
        };
        Self::with_context(&cc.egui_ctx, options)
    }

    /// The app on any egui context (tests and benchmarks use this directly).
    pub fn with_context(ctx: &egui::Context, options: AppOptions) -> Self {
        let settings = options.settings.unwrap_or_default();
        fonts::install_fonts_for(ctx, settings.lang);
        ctx.set_zoom_factor(settings.zoom.clamp(ZOOM_RANGE.0, ZOOM_RANGE.1));
        // The zoom keys are the app's (视图 › 字号), which remembers the size.
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        // Han characters need a little more size than egui's Latin defaults to stay legible.
        ctx.all_styles_mut(|style| {
            use egui::{FontFamily, FontId, TextStyle};
            for (text_style, size) in [
                (TextStyle::Body, 14.0),
                (TextStyle::Button, 14.0),
                (TextStyle::Heading, 19.0),
                (TextStyle::Small, 11.0),
            ] {
                style
                    .text_styles
                    .insert(text_style, FontId::new(size, FontFamily::Proportional));
            }
        });
        ctx.set_theme(if settings.dark {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        let wake_ctx = ctx.clone();
        let worker = Worker::spawn(move || wake_ctx.request_repaint());
        let wake_ctx = ctx.clone();
        let renderer =
            crate::ui::page_render::PageRenderer::spawn(move || wake_ctx.request_repaint());
        let mut app = Self {
            settings,
            data_dir: options.data_dir,
            picker: options.picker,
            archive: None,
            search: SearchState::default(),
            rows: SearchRows::default(),
            row_override: None,
            selection: Selection::default(),
            scroll_to_row: None,
            column_fit: Default::default(),
            visible_rows: 0..0,
            reader: ReaderState::default(),
            job: None,
            date_dialog: None,
            dialog: None,
            correcting: false,
            import_on_open: options.import_on_start,
            fallback_dialog: None,
            export_dialog: None,
            last_export: None,
            import_report: None,
            notice: None,
            calendar_month: None,
            show_about: false,
            show_shortcuts: false,
            focus_search: true,
            leave_search: false,
            new_archive: None,
            search_box: None,
            commands: Vec::new(),
            left_tab: Default::default(),
            names: Default::default(),
            stats_window: None,
            timeline: None,
            page_view: Default::default(),
            worker,
            renderer,
            ctx: ctx.clone(),
            opening: false,
            pending_edits: 0,
            window_title: String::new(),
        };
        let start = options.project.or_else(|| {
            app.settings
                .last_project
                .clone()
                .filter(|p| p.join(crate::archive::store::PROJECT_FILE).exists())
        });
        if options.open_on_start {
            match start {
                Some(root) => app.open_archive(root),
                None => app.open_sample(),
            }
        }
        app
    }

    /// The text of `msg` in the current language.
    pub fn tr(&self, msg: Msg) -> &'static str {
        self.settings.lang.tr(msg)
    }

    /// The rows the table shows.
    pub fn row_source(&self) -> &dyn RowSource {
        match &self.row_override {
            Some(rows) => rows.as_ref(),
            None => &self.rows,
        }
    }

    /// The rows the table shows, to tell them what is on screen.
    pub fn row_source_mut(&mut self) -> &mut dyn RowSource {
        match &mut self.row_override {
            Some(rows) => rows.as_mut(),
            None => &mut self.rows,
        }
    }

    /// Whether anything is still on its way: opening, a search, an article, a job.
    pub fn is_busy(&self) -> bool {
        self.opening
            || self.pending_edits > 0
            || self.reader.note_draft.is_some()
            || self.job.is_some()
            || (self.archive.is_some() && self.search.is_pending())
            || self.rows.is_fetching()
            || self.scroll_to_row.is_some()
            || self
                .selection
                .cursor
                .is_some_and(|c| self.row_source().row(c).is_none())
            || (self.reader.id.is_some()
                && self.reader.loaded.is_none()
                && self.reader.error.is_none())
            || self
                .archive
                .as_ref()
                .is_some_and(|a| a.editions.len() < a.dates.len())
    }

    /// Queues a command for after this frame's drawing.
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// One frame: replies, input, panels, commands. Needs no `eframe::Frame`,
    /// so the frame benchmark runs it on a bare egui context.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        self.poll_worker();
        self.poll_renderer();
        self.handle_input(ui.ctx());
        self.update_title(ui.ctx());

        egui::Panel::top("top_bar").show(ui, |ui| top_bar::top_bar_ui(ui, self));
        egui::Panel::bottom("status_bar").show(ui, |ui| status_bar::status_bar_ui(ui, self));
        // Side panels take a share of the window and never the room the
        // results need for the date and a readable headline (800 points up).
        let width = ui.available_width();
        let for_panels = (width - RESULTS_MIN_WIDTH).max(360.0);
        if self.settings.show_archive {
            let max = (for_panels * 0.4).clamp(140.0, 500.0);
            egui::Panel::left("archive_panel")
                .resizable(true)
                .default_size((width * 0.2).clamp(140.0, 230.0))
                .size_range(140.0..=max)
                .show(ui, |ui| archive_panel::archive_panel_ui(ui, self));
        }
        if self.settings.show_reader {
            let max = (for_panels * 0.6).clamp(220.0, 900.0);
            egui::Panel::right("reader_panel")
                .resizable(true)
                .default_size((width * 0.34).clamp(220.0, 420.0))
                .size_range(220.0..=max)
                .show(ui, |ui| reader_panel::reader_panel_ui(ui, self));
        }
        if self.settings.show_chart && self.archive.is_some() {
            egui::Panel::top("chart_panel")
                .resizable(true)
                .default_size(130.0)
                .size_range(80.0..=260.0)
                .show(ui, |ui| {
                    let mut commands = Vec::new();
                    let lang = self.settings.lang;
                    crate::ui::chart_panel::chart_ui(
                        ui,
                        lang,
                        self.timeline.as_deref(),
                        &mut commands,
                    );
                    self.commands.extend(commands);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| results_panel::results_panel_ui(ui, self));
        import_dialog::dialogs_ui(ui, self);
        help_window::about_window_ui(ui, self);
        help_window::shortcuts_window_ui(ui, self);
        tag_editor::dialogs_ui(ui, self);
        crate::ui::export_dialog::export_dialog_ui(ui, self);
        let mut commands = Vec::new();
        crate::ui::stats_window::stats_window_ui(
            ui.ctx(),
            self.settings.lang,
            self.stats_window.as_ref(),
            &mut commands,
        );
        self.commands.extend(commands);
        self.fallback_dialog_ui(ui.ctx());

        for command in std::mem::take(&mut self.commands) {
            self.apply(command);
        }
        self.save_note_if_due(ui.ctx());
        self.run_search_if_due(ui.ctx());
        self.fetch_wanted_pages();
    }

    fn save_note_if_due(&mut self, ctx: &egui::Context) {
        let Some(draft) = &self.reader.note_draft else {
            return;
        };
        let quiet = ctx.input(|i| i.time) - draft.edited_at;
        if quiet >= NOTE_DEBOUNCE_SECS {
            self.save_note();
        } else {
            ctx.request_repaint_after_secs((NOTE_DEBOUNCE_SECS - quiet) as f32);
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.archive {
            Some(a) => format!("{} — {}", a.paper, self.tr(Msg::AppTitle)),
            None => self.tr(Msg::AppTitle).to_string(),
        };
        // Only on change: a title command every frame costs a window-system round trip.
        if title != self.window_title {
            self.window_title.clone_from(&title);
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title));
        }
    }

    fn handle_input(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        // An archive folder opens; anything else is imported into the open archive.
        let (archives, pages): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| p.join(crate::archive::store::PROJECT_FILE).is_file());
        if let Some(root) = archives.into_iter().next() {
            self.push(Command::OpenArchive(root));
        } else if !pages.is_empty() {
            self.push(Command::Import(pages));
        }
        // Escape closes the help and about windows.
        if (self.show_shortcuts || self.show_about)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
        {
            self.show_shortcuts = false;
            self.show_about = false;
        }
        // A focused button is not typing: only a text field keeps the keys.
        let typing = ctx.text_edit_focused();
        let in_search =
            typing && self.search_box.is_some() && ctx.memory(|m| m.focused()) == self.search_box;
        let modal = self.date_dialog.is_some()
            || self.new_archive.is_some()
            || self.dialog.is_some()
            || self.export_dialog.is_some()
            || self.fallback_dialog.is_some();
        let mut commands = Vec::new();
        ctx.input_mut(|i| {
            use egui::{Key, Modifiers};
            for action in Action::ALL {
                if (typing || modal) && !action.while_typing() {
                    continue;
                }
                if action
                    .shortcuts()
                    .iter()
                    .any(|shortcut| i.consume_shortcut(shortcut))
                {
                    commands.push(action.command());
                }
            }
            if typing || modal {
                // ↓ or Esc in the search box hands the keyboard to the
                // results (↓ also moves to the next one), so Ctrl+A, Enter
                // and the arrows act on them.
                if in_search && !modal {
                    if i.consume_key(Modifiers::NONE, Key::ArrowDown) {
                        commands.push(Command::EnterResults);
                    } else if i.consume_key(Modifiers::NONE, Key::Escape) {
                        commands.push(Command::LeaveSearch);
                    }
                }
                return;
            }
            let page = PAGE_ROWS as i64 / 4;
            for (key, step) in [
                (Key::ArrowDown, 1),
                (Key::ArrowUp, -1),
                (Key::PageDown, page),
                (Key::PageUp, -page),
            ] {
                if i.consume_key(Modifiers::NONE, key) {
                    commands.push(Command::MoveCursor(step));
                }
            }
            if i.consume_key(Modifiers::NONE, Key::Home) {
                commands.push(Command::MoveCursor(i64::MIN / 2));
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                commands.push(Command::MoveCursor(i64::MAX / 2));
            }
            if i.consume_key(Modifiers::NONE, Key::Enter) {
                commands.push(Command::OpenCursor);
            }
        });
        self.commands.extend(commands);
    }

    fn poll_worker(&mut self) {
        while let Some(reply) = self.worker.try_recv() {
            self.on_reply(reply);
        }
    }

    /// Takes the worker's answer to the page the 版面 view asked for.
    fn on_printed_page(
        &mut self,
        info: Result<
            Option<crate::archive::session::PrintedPageInfo>,
            Box<crate::archive::SessionError>,
        >,
    ) {
        let view = &mut self.page_view;
        match info {
            Ok(Some(info)) => {
                view.error = None;
                let first = info.articles.first().map(|a| a.id.clone());
                view.info = Some(info);
                if std::mem::take(&mut view.open_first)
                    && let Some(first) = first
                {
                    self.apply(Command::OpenArticle(first));
                }
            }
            Ok(None) => view.info = None,
            Err(e) => {
                view.error = Some(crate::ui::i18n::words::error_text(self.settings.lang, &e));
            }
        }
    }

    /// Takes finished renders: the page for the view, clippings for the
    /// clipboard or a file.
    fn poll_renderer(&mut self) {
        use crate::ui::i18n::words::render_failure_text;
        use crate::ui::page_render::{ClipTarget, Rendered};
        while let Some(done) = self.renderer.try_recv() {
            match done {
                Rendered::Page { key, scale, image } => {
                    let view = &mut self.page_view;
                    if view.rendering.as_ref().is_some_and(|(k, _)| *k == key) {
                        view.rendering = None;
                    }
                    match image {
                        Ok(image) => {
                            let handle = self.ctx.load_texture(
                                "printed_page",
                                image,
                                egui::TextureOptions::LINEAR,
                            );
                            view.texture =
                                Some(crate::ui::state::PageTexture { key, scale, handle });
                        }
                        Err(failure) => {
                            let lang = self.settings.lang;
                            let error = render_failure_text(lang, &failure);
                            view.error =
                                Some(fill(lang.tr(Msg::PageRenderFailed), &[("error", &error)]));
                        }
                    }
                }
                Rendered::Clip { to, image } => {
                    self.notice = Some(match (to, image) {
                        (ClipTarget::Clipboard, Ok(image)) => {
                            let [w, h] = image.size;
                            self.ctx.copy_image(image);
                            fill(self.tr(Msg::ClippingCopied), &[("w", &w), ("h", &h)])
                        }
                        (ClipTarget::File(path), Ok(_)) => {
                            fill(self.tr(Msg::ClippingSaved), &[("path", &path.display())])
                        }
                        (_, Err(failure)) => {
                            let error = render_failure_text(self.settings.lang, &failure);
                            fill(self.tr(Msg::ClippingFailed), &[("error", &error)])
                        }
                    });
                }
            }
        }
    }

    /// Asks the worker for the reader's article's printed page, when the
    /// 版面 view shows.
    pub(super) fn ask_printed_page(&mut self) {
        if !self.settings.show_page {
            return;
        }
        let Some(loaded) = &self.reader.loaded else {
            return;
        };
        let at = (loaded.date, loaded.page);
        if self.page_view.info.as_ref().map(|i| (i.date, i.page)) != Some(at) {
            // Another page: draw it from the top, focused on the article.
            self.page_view.info = None;
            self.page_view.error = None;
        }
        self.page_view.focus = Some(loaded.article.id.clone());
        self.page_view.asked = Some(at);
        self.worker.send(Request::PrintedPage {
            date: at.0,
            page: at.1,
        });
    }

    fn on_reply(&mut self, reply: Reply) {
        match reply {
            Reply::Progress { job, done, total } => {
                let cancel = self.job.as_ref().and_then(|j| j.cancel.clone());
                self.job = Some(JobState {
                    kind: job,
                    done,
                    total,
                    cancel,
                });
            }
            Reply::Opened {
                root,
                paper,
                read_only,
                dates,
                editorial,
                migrated_from,
                notices,
            } => {
                self.opening = false;
                self.pending_edits = 0;
                self.job = None;
                if let Some(last) = dates.last() {
                    self.calendar_month = Some((last.year(), last.month()));
                }
                self.archive = Some(ArchiveView {
                    root: root.clone(),
                    paper,
                    read_only,
                    dates: dates.into_iter().collect(),
                    editorial,
                    ..ArchiveView::default()
                });
                self.notice = if read_only {
                    Some(self.tr(Msg::OpenedReadOnly).to_string())
                } else {
                    migrated_from
                        .map(|from| fill(self.tr(Msg::Migrated), &[("from", &from)]))
                        .or_else(|| notices.first().map(|n| notice_text(self.settings.lang, n)))
                };
                self.remember_project(root);
                self.reset_results();
                self.names.invalidate();
                // Another archive's page is not this one's (the zoom stays).
                self.page_view = crate::ui::state::PageViewState {
                    zoom: self.page_view.zoom,
                    ..Default::default()
                };
                self.search.sent = None;
                let files = std::mem::take(&mut self.import_on_open);
                if !files.is_empty() {
                    self.push(Command::Import(files));
                }
            }
            Reply::OpenFailed(error) => {
                self.opening = false;
                self.pending_edits = 0;
                self.job = None;
                let error = error_text(self.settings.lang, &error);
                self.notice = Some(fill(self.tr(Msg::OpenFailed), &[("error", &error)]));
            }
            Reply::Editorial(editorial) => {
                if let Some(archive) = &mut self.archive {
                    archive.editorial = editorial;
                }
            }
            Reply::Edited { summary, undone } => {
                self.pending_edits = self.pending_edits.saturating_sub(1);
                let msg = match undone {
                    None => Msg::StepDone,
                    Some(true) => Msg::StepUndone,
                    Some(false) => Msg::StepRedone,
                };
                let step = summary_text(self.settings.lang, &summary);
                self.notice = Some(fill(self.tr(msg), &[("step", &step)]));
                // A merge of the shown article: the article it joined takes
                // its place in the reader and the selection.
                if let Some(into) = self.reader.follow.take()
                    && undone.is_none()
                {
                    self.selection.ids = std::iter::once(into.clone()).collect();
                    self.selection.all = false;
                    self.reader.id = Some(into);
                    self.reader.loaded = None;
                }
                // Corrections and vocabulary edits change the index of names.
                self.names.invalidate();
                // Rows show tags: search again, keeping the selection; reload the reader.
                self.search.sent = None;
                self.search.refresh = true;
                self.search.edited_at = f64::NEG_INFINITY;
                if let Some(id) = self.reader.id.clone() {
                    self.worker.send(Request::LoadArticle(id));
                }
            }
            Reply::EditFailed(error) => {
                self.pending_edits = self.pending_edits.saturating_sub(1);
                self.reader.follow = None;
                let error = error_text(self.settings.lang, &error);
                self.notice = Some(fill(self.tr(Msg::EditFailed), &[("error", &error)]));
            }
            Reply::Editions { root, summaries } => {
                // Counts of an archive opened before this one are dropped.
                if let Some(archive) = self.archive.as_mut().filter(|a| a.root == root) {
                    archive.add_summaries(summaries);
                }
            }
            Reply::Hits { request, page } => {
                if request.generation != self.search.generation {
                    return;
                }
                if request.offset == 0 && self.search.shown_generation != request.generation {
                    self.rows = SearchRows::new(request.generation, page.total, 0, page.rows);
                    self.search.shown_generation = request.generation;
                    self.search.took_ms = page.took_ms;
                    self.search.error = None;
                    if let Some(warning) = skipped_text(self.settings.lang, &page.skipped) {
                        self.notice = Some(warning);
                    }
                    let refresh = std::mem::take(&mut self.search.refresh);
                    if refresh {
                        // The same search after an edit or a re-import: the
                        // selection (ids) stands, less articles no longer among
                        // the results (when all of them are loaded, to know).
                        self.selection.cursor = None;
                        if page.total <= PAGE_ROWS {
                            let rows = &self.rows;
                            self.selection.ids.retain(|id| rows.position(id).is_some());
                        }
                    } else {
                        self.selection = Selection::default();
                        self.scroll_to_row = Some(0);
                    }
                    // ↓ or Enter pressed while these results were on their way:
                    // the first of them (queued, so after the reader's cursor below).
                    if let Some(then) = self.search.then.take() {
                        self.commands.push(Command::MoveCursor(i64::MIN / 2));
                        if then == AfterResults::OpenFirst {
                            self.commands.push(Command::OpenCursor);
                        }
                    }
                    // Keep the reader's article under the cursor when it is still a
                    // hit; when it is not among the results, the reader empties.
                    if let Some(id) = self.reader.id.clone() {
                        match self.rows.position(&id) {
                            Some(index) => {
                                if self.selection.is_empty() {
                                    self.selection.ids.insert(id);
                                    self.selection.anchor = Some(index);
                                }
                                self.selection.cursor = Some(index);
                            }
                            // Not among the loaded results of a new search (the
                            // selection is cleared): the reader follows it and empties.
                            // A refresh after an edit keeps an article further down.
                            None if !refresh || page.total <= PAGE_ROWS => {
                                self.save_note();
                                self.reader = ReaderState::default();
                            }
                            None => {}
                        }
                    }
                } else {
                    self.rows.insert_page(request.offset, page.rows);
                    if let Some(cursor) = self.selection.cursor {
                        self.load_cursor_article(cursor);
                    }
                }
            }
            Reply::SearchFailed { request, error } => {
                if request.generation == self.search.generation {
                    self.search.shown_generation = request.generation;
                    self.search.refresh = false;
                    self.search.then = None;
                    self.rows.forget_request(request.offset);
                    if request.offset == 0 {
                        // No results of an older query stay on screen as if they matched.
                        self.reset_results();
                    }
                    self.search.error = Some(error);
                }
            }
            Reply::Article(loaded) => {
                // A new article starts a new ReaderState (no entities); a
                // reload after an edit is followed by fresh ones.
                if self.reader.id.as_ref() == Some(&loaded.article.id) {
                    self.reader.loaded = Some(*loaded);
                    self.reader.error = None;
                    // Regions change with a split or a merge: the page is
                    // asked for again whenever its article is (re)loaded.
                    self.ask_printed_page();
                }
            }
            Reply::Entities { id, names, marks } => {
                if self.reader.id.as_ref() == Some(&id) {
                    self.reader.entities = names;
                    self.reader.marks = marks;
                }
            }
            Reply::Names {
                kind,
                generation,
                names,
            } => {
                // An answer from before an edit or an import is out of date.
                if generation == self.names.generation {
                    self.names.requested.remove(&kind);
                    self.names.lists.insert(kind, names);
                    self.names.shown = None;
                }
            }
            Reply::Stats { by, query, table } => {
                let lang = self.settings.lang;
                if let Some(window) = self
                    .stats_window
                    .as_mut()
                    .filter(|w| w.by == by && w.query == query)
                {
                    match table {
                        Ok(table) => window.table = Some(*table),
                        Err(e) => window.error = Some(error_text(lang, &e)),
                    }
                }
            }
            Reply::StatsExported(written) => {
                self.notice = Some(match written {
                    Ok(path) => fill(self.tr(Msg::StatsExported), &[("path", &path.display())]),
                    Err(e) => fill(self.tr(Msg::ExportFailed), &[("error", &e)]),
                });
            }
            Reply::Timeline { generation, days } => {
                if generation == self.search.generation {
                    self.timeline = Some(days);
                }
            }
            Reply::PrintedPage { date, page, info } => {
                // Only the page asked for last counts.
                if self.page_view.asked == Some((date, page)) {
                    self.page_view.asked = None;
                    self.on_printed_page(info);
                }
            }
            Reply::ArticleFailed { id, error } => {
                if self.reader.id.as_ref() == Some(&id) {
                    self.reader.error = Some(error);
                }
            }
            Reply::Exported(result) => {
                self.job = None;
                match result {
                    Ok(report) => {
                        self.export_dialog = None;
                        self.notice = Some(fill(
                            self.tr(Msg::ExportDone),
                            &[("n", &report.articles), ("path", &report.path.display())],
                        ));
                        self.last_export = Some(report.path);
                    }
                    Err(failure) => {
                        let error = export_error_text(self.settings.lang, &failure);
                        self.notice = Some(match *failure {
                            ExportFailure::Export(ExportError::Cancelled) => {
                                self.tr(Msg::ExportCancelled).to_string()
                            }
                            ExportFailure::Export(ExportError::Exists { path }) => {
                                if let Some(dialog) = &mut self.export_dialog {
                                    dialog.confirm_overwrite = Some(path);
                                }
                                error
                            }
                            _ => fill(self.tr(Msg::ExportFailed), &[("error", &error)]),
                        });
                    }
                }
            }
            Reply::Imported(report) => {
                self.job = None;
                self.names.invalidate();
                let kept = (!report.corrected.is_empty()).then(|| {
                    fill(
                        self.tr(Msg::ImportKeptCorrected),
                        &[("n", &report.corrected.len())],
                    )
                });
                self.notice = Some(if report.cancelled {
                    self.tr(Msg::ImportCancelled).to_string()
                } else {
                    fill(
                        self.tr(Msg::ImportDone),
                        &[
                            ("files", &report.files),
                            ("articles", &report.articles),
                            ("new", &report.new),
                            ("changed", &report.changed),
                            ("removed", &report.removed),
                        ],
                    ) + &kept.map(|k| format!("；{k}")).unwrap_or_default()
                });
                if let Some(last) = report.dates.last() {
                    self.calendar_month = Some((last.year(), last.month()));
                }
                if !report.errors.is_empty() {
                    self.import_report = Some(report);
                }
                // The archive changed: search again, keeping the selection.
                self.search.sent = None;
                self.search.refresh = true;
            }
        }
    }

    pub(super) fn remember_project(&mut self, root: PathBuf) {
        self.settings.recent.retain(|p| p != &root);
        self.settings.recent.insert(0, root.clone());
        self.settings.recent.truncate(10);
        self.settings.last_project = Some(root);
    }

    fn reset_results(&mut self) {
        self.rows = SearchRows::default();
        self.selection = Selection::default();
        self.reader = ReaderState::default();
        self.search.shown_generation = self.search.generation;
    }

    pub(super) fn open_archive(&mut self, root: PathBuf) {
        self.opening = true;
        let sample = root == sample::sample_archive_dir(&self.data_dir);
        self.worker.send(Request::Open { root, sample });
    }

    pub(super) fn open_sample(&mut self) {
        let root = sample::sample_archive_dir(&self.data_dir);
        self.opening = true;
        self.worker.send(Request::Open { root, sample: true });
    }

    fn run_search_if_due(&mut self, ctx: &egui::Context) {
        if self.archive.is_none() || self.opening || self.row_override.is_some() {
            return;
        }
        let query = self.search.query();
        if self.search.sent.as_deref() == Some(query.as_str()) {
            return;
        }
        let now = ctx.input(|i| i.time);
        let quiet = now - self.search.edited_at;
        if quiet < SEARCH_DEBOUNCE_SECS {
            ctx.request_repaint_after_secs((SEARCH_DEBOUNCE_SECS - quiet) as f32);
            return;
        }
        self.search.generation += 1;
        self.search.sent = Some(query.clone());
        self.worker.send(Request::Search(SearchRequest {
            generation: self.search.generation,
            query: query.clone(),
            sort: self.settings.sort,
            offset: 0,
            limit: PAGE_ROWS,
            snippets: self.settings.columns.snippets,
        }));
        if self.stats_window.is_some() {
            self.request_stats();
        }
        if self.settings.show_chart {
            // Counted after the hits, off the UI thread; the chart shows
            // the last counts until these arrive.
            self.worker.send(Request::Timeline {
                generation: self.search.generation,
                query,
            });
        }
    }

    fn fetch_wanted_pages(&mut self) {
        if self.row_override.is_some() {
            return;
        }
        let Some(query) = self.search.sent.clone() else {
            return;
        };
        if self.rows.generation != self.search.generation {
            return;
        }
        for offset in self.rows.take_requests() {
            self.worker.send(Request::Search(SearchRequest {
                generation: self.search.generation,
                query: query.clone(),
                sort: self.settings.sort,
                offset,
                limit: PAGE_ROWS,
                snippets: self.settings.columns.snippets,
            }));
        }
    }

    pub(super) fn load_cursor_article(&mut self, cursor: usize) {
        let Some(id) = self.row_source().row(cursor).map(|r| r.id.clone()) else {
            return;
        };
        if self.reader.id.as_ref() == Some(&id) {
            return;
        }
        // A note typed for the previous article is saved before it goes.
        self.save_note();
        self.reader = ReaderState {
            id: Some(id.clone()),
            ..ReaderState::default()
        };
        if self.row_override.is_none() {
            self.worker.send(Request::LoadArticle(id));
        }
    }

    pub(super) fn set_cursor(&mut self, index: usize) {
        self.selection.cursor = Some(index);
        self.scroll_to_row = Some(index);
        self.load_cursor_article(index);
    }

    /// Applies one command.
    /// The current settings, as `save` stores them.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The open archive's folder.
    pub fn archive_root(&self) -> Option<&Path> {
        self.archive.as_ref().map(|a| a.root.as_path())
    }
}

/// The article as plain text: title block, byline, paragraphs.
pub fn article_text(loaded: &LoadedArticle) -> String {
    let a = &loaded.article;
    let mut parts: Vec<String> = Vec::new();
    parts.extend(a.kicker.clone());
    parts.extend(a.headline.clone());
    parts.extend(a.subtitle.clone());
    let body: Vec<String> = a
        .byline
        .iter()
        .cloned()
        .chain(std::iter::once(
            a.paragraphs.first().cloned().unwrap_or_default(),
        ))
        .collect();
    let first = body.concat();
    if !first.is_empty() {
        parts.push(first);
    }
    parts.extend(a.paragraphs.iter().skip(1).cloned());
    parts.join("\n\n")
}

impl eframe::App for JianbaoApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.settings);
    }
}
