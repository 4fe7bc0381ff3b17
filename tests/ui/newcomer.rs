//! A newcomer's way through the app: opening an archive when the desktop has
//! no file-dialog portal, copying, a malformed query, the tree's filters,
//! deselecting, small windows, and the help window.

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{By, Queryable};

use jianbao::archive::Session;
use jianbao::ui::JianbaoApp;
use jianbao::ui::export_dialog::ExportWhat;
use jianbao::ui::file_picker::{PickerAnswer, ScriptedFilePicker};
use jianbao::ui::sample;

use super::{
    click_result, harness_with, import_files, open_menu, replace_text, row_headline,
    sample_with_picker, search_for, settle, temp_dir,
};

/// The path bar of the in-window file dialog: its only text input showing a
/// path (egui_file gives its inputs no labels).
fn dialog_path_bar<'h>(harness: &'h Harness<'static, JianbaoApp>) -> egui_kittest::Node<'h> {
    harness.get(
        By::new()
            .role(Role::TextInput)
            .predicate(|node| node.value().is_some_and(|v| v.starts_with('/'))),
    )
}

#[test]
fn with_no_portal_an_archive_opens_through_the_in_window_dialog() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let elsewhere = temp_dir();
    let target = elsewhere.path().join("测试日报");
    drop(Session::create(&target, "测试日报").expect("create archive"));

    picker.push(PickerAnswer::Unavailable);
    open_menu(&mut harness, "文件");
    harness.get_by_label_contains("打开档案…").click();
    harness.run_steps(4);
    assert!(
        harness.state().fallback_dialog.is_some(),
        "the in-window dialog is open"
    );
    harness.get_by_label_contains("已改用剪报自带的对话框");
    // The dialog's title (egui_file puts a folder icon before it).
    harness.get_by_label_contains("打开档案");

    // Type the archive's folder in the path bar, Enter walks into it, 打开 opens it.
    dialog_path_bar(&harness).focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    dialog_path_bar(&harness).type_text(&target.display().to_string());
    harness.key_press(egui::Key::Enter);
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "打开").click();
    harness.run_steps(2);
    settle(&mut harness);

    assert!(
        harness.state().fallback_dialog.is_none(),
        "the dialog closed"
    );
    let archive = harness
        .state()
        .archive
        .as_ref()
        .expect("an archive is open");
    assert_eq!(archive.root, target);
    assert_eq!(archive.paper, "测试日报");
}

#[test]
fn an_archive_folder_dropped_on_the_window_opens() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    let elsewhere = temp_dir();
    let target = elsewhere.path().join("另一份报纸");
    drop(Session::create(&target, "另一份报纸").expect("create archive"));
    harness
        .input_mut()
        .dropped_files
        .push(std::sync::Arc::new(super::DroppedPath(target.clone())));
    // A drop arrives in one frame's input only.
    harness.step();
    harness.input_mut().dropped_files.clear();
    settle(&mut harness);
    let archive = harness.state().archive.as_ref().expect("open");
    assert_eq!(archive.paper, "另一份报纸");
}

#[test]
fn copying_an_article_puts_its_text_on_the_clipboard() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    let headline = row_headline(&harness, 0);
    harness.get_by_label_contains(&headline).click();
    settle(&mut harness);

    harness.get_by_label("复制全文").click();
    harness.step();
    let output = harness.output().platform_output.commands.clone();
    harness.step();
    let copied: Vec<String> = output
        .iter()
        .filter_map(|c| match c {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied.len(), 1, "one copy: {copied:?}");
    let loaded = harness.state().reader.loaded.as_ref().expect("reader");
    let first_paragraph = loaded.article.paragraphs.first().expect("a paragraph");
    assert!(
        copied[0].contains(first_paragraph.as_str()),
        "{}",
        copied[0]
    );
    harness.get_by_label_contains("已复制");

    // What the clipboard holds pastes into the search box.
    harness
        .get_by_role_and_label(Role::TextInput, "搜索")
        .focus();
    harness.step();
    harness.event(egui::Event::Paste("苏陕协作".into()));
    settle(&mut harness);
    assert_eq!(harness.state().search.text, "苏陕协作");
    assert_eq!(harness.state().row_source().total(), 1);
}

#[test]
fn a_malformed_query_is_explained_in_chinese_and_no_stale_results_show() {
    let data = temp_dir();
    // Small steps, so the pause before an unfinished query's error can be watched.
    let picker = ScriptedFilePicker::default();
    let mut harness = harness_with(data.path(), picker, egui::vec2(1280.0, 800.0), 0.05);
    settle(&mut harness);
    assert!(harness.state().row_source().total() > 1);

    // A quote still open may be a phrase being typed: no error yet, no rows.
    search_for(&mut harness, "\"苏陕");
    assert!(harness.state().search.error.is_some(), "the query failed");
    assert_eq!(
        harness.state().row_source().total(),
        0,
        "old results cleared"
    );
    assert!(
        harness.query_by_label_contains("引号没有配对").is_none(),
        "no error while typing"
    );
    // After a pause the error shows, in Chinese, naming the phrase.
    harness.run_steps(30);
    harness.get_by_label_contains("引号没有配对：\"苏陕");
    assert!(harness.query_by_label_contains("malformed").is_none());

    // An error that typing cannot finish shows at once.
    replace_text(&mut harness, Role::TextInput, "搜索", "-苏陕 OR 协作");
    settle(&mut harness);
    harness.get_by_label_contains("不能和 OR 连用");

    // Fixing the query brings results back.
    replace_text(&mut harness, Role::TextInput, "搜索", "苏陕协作");
    settle(&mut harness);
    assert!(harness.state().search.error.is_none());
    assert_eq!(harness.state().row_source().total(), 1);
}

/// The filter chips above the results, as their query text.
fn chips(harness: &Harness<'static, JianbaoApp>) -> Vec<String> {
    harness
        .state()
        .search
        .filters
        .iter()
        .map(|f| f.query_text())
        .collect()
}

#[test]
fn a_page_then_another_day_in_the_tree_leaves_only_the_date() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let pages = temp_dir();
    let page = pages.path().join("2024-06-27_03.txt");
    std::fs::write(&page, sample::SAMPLE_PAGE).expect("write page");
    import_files(&mut harness, &picker, vec![page]);
    settle(&mut harness);

    // A day opens to show its pages; its page 3 narrows to that page.
    harness.get_by_label_contains("6月27日").click();
    settle(&mut harness);
    harness.get_by_label_contains("第3版").click();
    settle(&mut harness);
    assert_eq!(chips(&harness), ["date:2024-06-27", "page:3"]);

    // Another day replaces both.
    harness.get_by_label_contains("6月28日").click();
    settle(&mut harness);
    assert_eq!(chips(&harness), ["date:2024-06-28"]);
    harness.get_by_label("日期：2024-06-28 ×");
    assert!(harness.query_by_label("版面：3 ×").is_none());
}

#[test]
fn ctrl_click_on_a_selected_row_deselects_it_and_the_reader_follows() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    click_result(&mut harness, 0, egui::Modifiers::NONE);
    click_result(&mut harness, 2, egui::Modifiers::COMMAND);
    let reader_id = |h: &Harness<'static, JianbaoApp>| {
        h.state()
            .reader
            .loaded
            .as_ref()
            .map(|l| l.article.id.clone())
    };
    let row_id =
        |h: &Harness<'static, JianbaoApp>, i| h.state().row_source().row(i).map(|r| r.id.clone());
    assert_eq!(reader_id(&harness), row_id(&harness, 2));
    assert_eq!(harness.state().selection.ids.len(), 2);

    // Ctrl-click the third again: deselected; the reader shows the first, still selected.
    click_result(&mut harness, 2, egui::Modifiers::COMMAND);
    assert_eq!(harness.state().selection.ids.len(), 1);
    assert_eq!(reader_id(&harness), row_id(&harness, 0));
    harness.get_by_label("已选 1 篇");

    // And the first too: nothing selected, nothing in the reader.
    click_result(&mut harness, 0, egui::Modifiers::COMMAND);
    assert!(harness.state().selection.ids.is_empty());
    assert!(harness.state().reader.id.is_none());
}

#[test]
fn at_800_by_600_the_headline_shows_and_the_column_menu_says_what_is_hidden() {
    let data = temp_dir();
    let picker = ScriptedFilePicker::default();
    let mut harness = harness_with(data.path(), picker, egui::vec2(800.0, 600.0), 0.25);
    settle(&mut harness);
    let headline = row_headline(&harness, 0);
    // The headline column is on screen (shortened with … where needed).
    let start: String = headline.chars().take(4).collect();
    let cell = harness.get_by_label_contains(&start);
    assert!(cell.rect().max.x <= 800.0, "headline inside the window");
    let fit = harness.state().column_fit;
    assert!(
        fit.squeezed.iter().any(|&s| s),
        "some column gives way at 800 wide: {fit:?}"
    );

    open_menu(&mut harness, "视图");
    harness.get_by_label("列").click();
    harness.run_steps(3);
    assert!(harness.get_all_by_label_contains("窗口太窄").count() >= 1);
    // Hiding 版次 by hand leaves room for another column.
    harness
        .get_by_role_and_label(Role::CheckBox, "版次")
        .click();
    harness.run_steps(3);
    assert!(!harness.state().settings.columns.wanted[0]);
}

#[test]
fn the_help_window_lists_shortcuts_and_query_syntax_in_chinese() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    open_menu(&mut harness, "帮助");
    harness.get_by_label_contains("快捷键与搜索语法").click();
    harness.run_steps(3);
    for label in [
        "命令",
        "结果列表",
        "搜索语法",
        "Home / End",
        "第一条 / 最后一条结果",
    ] {
        harness.get_by_label(label);
    }
    // The date example is the archive's own month.
    harness.get_by_label("日期:2024-06   日期:2024-06-01..2024-06-10");
    harness.get_by_label("带这个标签（含其子标签）");
}

#[test]
fn enter_opens_the_current_result_and_says_so() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    harness.key_press(egui::Key::ArrowDown);
    settle(&mut harness);
    harness.key_press(egui::Key::Enter);
    settle(&mut harness);
    let headline = row_headline(&harness, 0);
    harness.get_by_label_contains(&format!(
        "已在阅读栏打开：{}",
        headline.chars().take(6).collect::<String>()
    ));
}

#[test]
fn the_snippet_line_shows_the_match_under_each_result() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    search_for(&mut harness, "协作");
    let row = harness.state().row_source().row(0).expect("row").clone();
    assert!(row.snippet.contains("【协作】"), "{}", row.snippet);
    // Drawn without the brackets, cut to the column around the match.
    let shown: String = row.snippet.replace(['【', '】'], "");
    let line = harness
        .query_all_by_label_contains("协作")
        .filter_map(|node| node.value())
        .find(|label| label != &row.headline && shown.contains(label.trim_matches('…')));
    assert!(line.is_some(), "a line of {shown} with 协作 in it");
}

#[test]
fn a_month_in_the_tree_offers_to_show_or_export_its_articles() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    harness.get_by_label_contains("6月 (").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("导出这段日期的文章…").click();
    harness.run_steps(5);
    let dialog = harness
        .state()
        .export_dialog
        .as_ref()
        .expect("export dialog");
    assert_eq!(
        dialog.what,
        ExportWhat::Dates("2024-06-01".into(), "2024-06-30".into())
    );

    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    harness.get_by_label_contains("6月28日").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("只看这段日期的文章").click();
    settle(&mut harness);
    harness.get_by_label("日期：2024-06-28 ×");
}
