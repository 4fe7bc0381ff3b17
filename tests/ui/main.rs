//! The desktop app driven as a person would, by label, through egui_kittest.
//!
//! Every test gets its own data folder, so first start builds the sample
//! archive there from `assets/`. The harness also fails a test when a
//! character has no glyph or an input has no accessible name.

use std::path::{Path, PathBuf};
use std::time::Duration;

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

use jianbao::ui::app::Settings;
use jianbao::ui::file_picker::{PickerAnswer, ScriptedFilePicker};
use jianbao::ui::{AppOptions, JianbaoApp, fonts, sample};

mod collections;
mod corrections;
mod desktop;
mod names;
mod newcomer;
mod page_view;
mod tagging;

fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("jianbao-ui-")
        .tempdir()
        .expect("temp dir")
}

fn harness(data_dir: &Path, picker: ScriptedFilePicker) -> Harness<'static, JianbaoApp> {
    harness_with(data_dir, picker, egui::vec2(1280.0, 800.0), 0.25)
}

/// The app in a window of `size`, each step advancing the clock `step_dt` seconds.
fn harness_with(
    data_dir: &Path,
    picker: ScriptedFilePicker,
    size: egui::Vec2,
    step_dt: f32,
) -> Harness<'static, JianbaoApp> {
    let data_dir = data_dir.to_path_buf();
    Harness::builder()
        .with_size(size)
        .with_step_dt(step_dt)
        .build_eframe(move |cc| {
            JianbaoApp::new(
                cc,
                AppOptions {
                    data_dir,
                    project: None,
                    import_on_start: Vec::new(),
                    picker: Box::new(picker),
                    settings: Some(Settings::default()),
                    open_on_start: true,
                },
            )
        })
}

/// Steps until the app has nothing on its way (archive, search, article, job).
fn settle(harness: &mut Harness<'static, JianbaoApp>) {
    for _ in 0..2000 {
        harness.step();
        if !harness.state().is_busy() {
            harness.step();
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let app = harness.state();
    panic!(
        "the app stayed busy: opening {}, job {:?}, search pending {}, archive {:?}, reader {:?}",
        app.archive.is_none(),
        app.job.as_ref().map(|j| j.kind),
        app.search.is_pending(),
        app.archive
            .as_ref()
            .map(|a| (a.dates.len(), a.editions.len())),
        app.reader.id,
    );
}

fn open_sample(data_dir: &Path) -> Harness<'static, JianbaoApp> {
    let mut harness = harness(data_dir, ScriptedFilePicker::default());
    settle(&mut harness);
    let archive = harness
        .state()
        .archive
        .as_ref()
        .expect("sample archive open");
    assert_eq!(archive.paper, sample::SAMPLE_PAPER);
    assert!(archive.total_articles > 1, "sample has several articles");
    harness
}

/// Opens a menu (or submenu) by its label and lets the popup appear.
fn open_menu(harness: &mut Harness<'static, JianbaoApp>, label: &str) {
    harness.get_by_label(label).click();
    harness.run_steps(3);
}

/// The app on the sample archive, with a file picker the test answers, settled.
fn sample_with_picker(data_dir: &Path) -> (Harness<'static, JianbaoApp>, ScriptedFilePicker) {
    let picker = ScriptedFilePicker::default();
    let mut harness = harness(data_dir, picker.clone());
    settle(&mut harness);
    (harness, picker)
}

/// Chooses 文件 › 导入文件… and answers the file dialog with `paths`.
fn import_files(
    harness: &mut Harness<'static, JianbaoApp>,
    picker: &ScriptedFilePicker,
    paths: Vec<PathBuf>,
) {
    picker.push(PickerAnswer::Paths(paths));
    open_menu(harness, "文件");
    harness.get_by_label_contains("导入文件…").click();
}

/// The headline of result row `index`.
fn row_headline(harness: &Harness<'static, JianbaoApp>, index: usize) -> String {
    harness
        .state()
        .row_source()
        .row(index)
        .expect("row")
        .headline
        .clone()
}

/// Replaces the text of the input with this role and label (select all, type).
fn replace_text(harness: &mut Harness<'static, JianbaoApp>, role: Role, label: &str, text: &str) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run_steps(1);
}

/// Clicks result `index` in the table (not the reader's copy of its headline)
/// with `modifiers`.
pub(crate) fn click_result(
    harness: &mut Harness<'static, JianbaoApp>,
    index: usize,
    modifiers: eframe::egui::Modifiers,
) {
    let headline = row_headline(harness, index);
    let cell = harness
        .get_all_by_label_contains(&headline)
        .min_by(|a, b| a.rect().min.x.total_cmp(&b.rect().min.x))
        .expect("the row");
    cell.click_modifiers(modifiers);
    settle(harness);
}

fn search_for(harness: &mut Harness<'static, JianbaoApp>, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, "搜索")
        .click();
    harness.step();
    harness
        .get_by_role_and_label(Role::TextInput, "搜索")
        .type_text(text);
    settle(harness);
}

#[test]
fn first_start_opens_the_sample_in_chinese() {
    let data = temp_dir();
    let harness = open_sample(data.path());
    for menu in ["文件", "编辑", "视图", "帮助"] {
        harness.get_by_label(menu);
    }
    // The archive lives in the data folder, not in the source tree.
    let root = harness.state().archive_root().expect("open").to_path_buf();
    assert!(root.starts_with(data.path()), "{}", root.display());
    assert!(root.join("project.ron").exists());
    // Browsing with an empty query lists every article of the sample.
    let total = harness
        .state()
        .archive
        .as_ref()
        .map_or(0, |a| a.total_articles);
    assert_eq!(harness.state().row_source().total(), total);
}

#[test]
fn search_select_and_read() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    search_for(&mut harness, "苏陕协作");
    assert_eq!(
        harness.state().row_source().total(),
        1,
        "one article about 苏陕协作"
    );
    harness.get_by_label_contains("1 条结果");

    let row = harness
        .state()
        .row_source()
        .row(0)
        .expect("first row")
        .clone();
    assert!(row.headline.contains("苏陕协作"), "{}", row.headline);
    harness.get_by_label_contains(&row.headline).click();
    settle(&mut harness);

    let loaded = harness
        .state()
        .reader
        .loaded
        .as_ref()
        .expect("article in the reader");
    assert_eq!(loaded.article.id, row.id);
    let headline = loaded.article.headline.clone().expect("headline");
    // The reader shows the headline as printed (line breaks kept), on its own;
    // the table shows it on one line with the kicker after it.
    harness.get_by_label(&headline);
    assert_eq!(harness.state().selection.ids.len(), 1);
    harness.get_by_label("已选 1 篇");
}

#[test]
fn arrow_keys_move_through_results() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    let total = harness.state().row_source().total();
    harness.key_press(egui::Key::ArrowDown);
    settle(&mut harness);
    assert_eq!(harness.state().selection.cursor, Some(0));
    harness.key_press(egui::Key::ArrowDown);
    settle(&mut harness);
    assert_eq!(harness.state().selection.cursor, Some(1.min(total - 1)));
    let second = harness.state().row_source().row(1).map(|r| r.id.clone());
    assert_eq!(
        harness
            .state()
            .reader
            .loaded
            .as_ref()
            .map(|l| l.article.id.clone()),
        second
    );
    harness.get_by_label("◀ 上一篇").click();
    settle(&mut harness);
    assert_eq!(harness.state().selection.cursor, Some(0));
}

#[test]
fn importing_a_page_and_filtering_by_a_date_in_the_tree() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let per_edition = harness.state().row_source().total();
    assert!(per_edition > 1);

    // Import the same page as another day's edition, through 文件 › 导入文件….
    let pages = temp_dir();
    let page: PathBuf = pages.path().join("2024-06-27.txt");
    std::fs::write(&page, sample::SAMPLE_PAGE).expect("write page");
    import_files(&mut harness, &picker, vec![page]);
    settle(&mut harness);
    assert_eq!(harness.state().row_source().total(), per_edition * 2);
    assert!(harness.state().import_report.is_none(), "no import errors");

    // Click a day in the tree: only that edition's articles remain, and a chip shows.
    harness.get_by_label_contains("6月27日").click();
    settle(&mut harness);
    assert_eq!(harness.state().row_source().total(), per_edition);
    assert!((0..per_edition).all(|i| {
        harness
            .state()
            .row_source()
            .row(i)
            .is_some_and(|r| r.date.to_string() == "2024-06-27")
    }));
    harness.get_by_label("日期：2024-06-27 ×").click();
    settle(&mut harness);
    assert_eq!(harness.state().row_source().total(), per_edition * 2);
}

#[test]
fn file_names_without_a_date_ask_for_one() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let before = harness.state().row_source().total();

    let pages = temp_dir();
    let page = pages.path().join("第一版.txt");
    std::fs::write(&page, sample::SAMPLE_PAGE).expect("write page");
    import_files(&mut harness, &picker, vec![page]);
    harness.run_steps(4);
    assert!(harness.state().date_dialog.is_some(), "date dialog state");
    harness.get_by_label("确认版面日期");
    let date = harness.get_by_role_and_label(Role::TextInput, "出版日期");
    date.focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "出版日期")
        .type_text("2023-01-02");
    harness.step();
    harness.get_by_label("导入").click();
    settle(&mut harness);
    assert_eq!(harness.state().row_source().total(), before * 2);
    let dates = &harness.state().archive.as_ref().expect("open").dates;
    assert!(
        dates.iter().any(|d| d.to_string() == "2023-01-02"),
        "{dates:?}"
    );
}

#[test]
fn switching_the_language_changes_the_menus() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    open_menu(&mut harness, "视图");
    open_menu(&mut harness, "语言");
    harness.get_by_label("English").click();
    settle(&mut harness);
    for menu in ["File", "Edit", "View", "Help"] {
        harness.get_by_label(menu);
    }
    assert!(harness.query_by_label("文件").is_none());
    harness.get_by_role_and_label(Role::TextInput, "Search");
    assert_eq!(
        harness.state().settings().lang,
        jianbao::ui::i18n::Lang::En,
        "remembered in the settings"
    );
}

#[path = "../../benches/support/corpus.rs"]
mod jianbao_corpus;

#[test]
fn bundled_font_has_every_character_of_real_text() {
    let ctx = egui::Context::default();
    fonts::install_fonts(&ctx);
    // egui loads fonts at the start of a pass.
    let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
    output.textures_delta.clear();
    let missing = fonts::missing_glyphs(&ctx, sample::SAMPLE_PAGE);
    assert!(missing.is_empty(), "sample page: no glyph for {missing:?}");
    if let Some(corpus) = jianbao_corpus::read_corpus() {
        let missing = fonts::missing_glyphs(&ctx, &corpus);
        assert!(missing.is_empty(), "1998 corpus: no glyph for {missing:?}");
    }
}

/// An in-memory stand-in for eframe's settings file.
#[derive(Default)]
struct MemoryStorage(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }

    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }

    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }

    fn flush(&mut self) {}
}

#[test]
fn settings_are_saved_for_the_next_run() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    open_menu(&mut harness, "视图");
    open_menu(&mut harness, "主题");
    harness.get_by_label("深色").click();
    settle(&mut harness);
    let mut storage = MemoryStorage::default();
    eframe::App::save(harness.state_mut(), &mut storage);
    let saved: Settings = eframe::get_value(&storage, eframe::APP_KEY).expect("settings saved");
    assert!(saved.dark);
    let root = harness.state().archive_root().map(Path::to_path_buf);
    assert_eq!(saved.last_project, root);
    assert_eq!(saved.recent.first(), saved.last_project.as_ref());
}

#[test]
fn shift_and_ctrl_click_select_several_rows() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    let headline = |h: &Harness<'static, JianbaoApp>, i: usize| {
        h.state().row_source().row(i).expect("row").headline.clone()
    };
    let (first, third, fourth) = (
        headline(&harness, 0),
        headline(&harness, 2),
        headline(&harness, 3),
    );
    harness.get_by_label_contains(&first).click();
    settle(&mut harness);
    harness
        .get_by_label_contains(&third)
        .click_modifiers(egui::Modifiers::SHIFT);
    settle(&mut harness);
    let state = harness.state();
    let expected: std::collections::BTreeSet<_> = (0..3)
        .map(|i| state.row_source().row(i).expect("row").id.clone())
        .collect();
    assert_eq!(state.selection.ids, expected);
    harness
        .get_by_label_contains(&fourth)
        .click_modifiers(egui::Modifiers::COMMAND);
    settle(&mut harness);
    assert_eq!(harness.state().selection.ids.len(), 4);
    harness.get_by_label("已选 4 篇");
}

#[test]
fn import_errors_are_listed_and_the_rest_imports() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let before = harness.state().row_source().total();

    let pages = temp_dir();
    let good = pages.path().join("2024-06-27.txt");
    std::fs::write(&good, sample::SAMPLE_PAGE).expect("write page");
    let missing = pages.path().join("2024-06-26.txt");
    import_files(&mut harness, &picker, vec![good, missing]);
    settle(&mut harness);
    harness.run_steps(2);
    assert_eq!(
        harness.state().row_source().total(),
        before * 2,
        "the good page imported"
    );
    harness.get_by_label("导入错误");
    harness.get_by_label_contains("2024-06-26.txt");
    // Why, in Chinese.
    harness.get_by_label("没有这个文件或文件夹");
    harness.get_by_label("关闭").click();
    harness.run_steps(2);
    assert!(harness.state().import_report.is_none());
}

#[test]
fn rows_beyond_the_first_page_load_on_demand() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let per_edition = harness.state().row_source().total();

    // A month of editions: more hits than one page of the worker's answers.
    let pages = temp_dir();
    for day in 1..=31 {
        let page = pages.path().join(format!("2024-05-{day:02}.txt"));
        std::fs::write(&page, sample::SAMPLE_PAGE).expect("write page");
    }
    picker.push(PickerAnswer::Paths(vec![pages.path().to_path_buf()]));
    open_menu(&mut harness, "文件");
    harness.get_by_label("导入文件夹…").click();
    settle(&mut harness);
    let total = harness.state().row_source().total();
    assert_eq!(total, per_edition * 32);
    assert!(total > jianbao::ui::rows::PAGE_ROWS);

    // Leave the search box, then End: the last row is fetched and read.
    harness.key_press(egui::Key::Escape);
    harness.step();
    harness.key_press(egui::Key::End);
    settle(&mut harness);
    assert_eq!(harness.state().selection.cursor, Some(total - 1));
    let last = harness
        .state()
        .row_source()
        .row(total - 1)
        .expect("last row loaded");
    assert_eq!(
        last.date.to_string(),
        "2024-05-01",
        "newest first, so the oldest is last"
    );
    let read = harness
        .state()
        .reader
        .loaded
        .as_ref()
        .map(|l| l.article.id.clone());
    assert_eq!(read, Some(last.id.clone()));
}

/// A file dropped on the window, as the windowing integration would hand it over.
#[derive(Debug)]
struct DroppedPath(pub PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_are_imported() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    let before = harness.state().row_source().total();
    let pages = temp_dir();
    let page = pages.path().join("20240627_01.txt");
    std::fs::write(&page, sample::SAMPLE_PAGE).expect("write page");
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(page)));
    settle(&mut harness);
    assert_eq!(harness.state().row_source().total(), before * 2);
}

#[test]
fn ctrl_f_focuses_the_search_box() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(
        !harness
            .get_by_role_and_label(Role::TextInput, "搜索")
            .is_focused()
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run_steps(2);
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "搜索")
            .is_focused()
    );
}
