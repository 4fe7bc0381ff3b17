//! The desktop app's second pass, by label: export through the in-window
//! dialog with no portal, snippets that show the match at any width, and
//! the small things a newcomer notices (keys, chips, the merge button, the
//! reporter's name, the text size, a new archive's name, re-import).

use std::io::Read;

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{By, NodeT, Queryable};

use jianbao::ui::JianbaoApp;
use jianbao::ui::file_picker::{PickerAnswer, ScriptedFilePicker};
use jianbao::ui::sample;

use super::{
    click_result, harness_with, import_files, open_menu, row_headline, sample_with_picker,
    search_for, settle, temp_dir,
};

type AppHarness = Harness<'static, JianbaoApp>;

/// The text of `word/document.xml` in the DOCX at `path`.
fn docx_text(path: &std::path::Path) -> String {
    let file = std::fs::File::open(path).expect("the export exists");
    let mut zip = zip::ZipArchive::new(file).expect("a DOCX is a zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("a document part")
        .read_to_string(&mut xml)
        .expect("UTF-8 XML");
    xml
}

#[test]
fn with_no_portal_a_collection_exports_to_docx_through_the_in_window_dialog() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let (first, second) = (row_headline(&harness, 0), row_headline(&harness, 1));
    click_result(&mut harness, 0, Modifiers::NONE);
    click_result(&mut harness, 1, Modifiers::SHIFT);
    super::collections::add_to_new_collection(
        &mut harness,
        &second,
        "新建选集（2 篇文章）",
        "头版专题",
    );

    // The collection's 导出…, DOCX, then the target: no native dialog here.
    harness.get_by_label("头版专题 (2)").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("导出…").click();
    harness.run_steps(5);
    harness.get_by_label("DOCX").click();
    harness.run_steps(2);
    picker.push(PickerAnswer::Unavailable);
    harness.get_by_label("选择位置并导出…").click();
    harness.run_steps(5);
    assert!(
        harness.state().fallback_dialog.is_some(),
        "the in-window dialog"
    );
    harness.get_by_label_contains("已改用剪报自带的对话框");

    // The dialog is usable: the export dialog stands aside (it would block it),
    // the name follows what is exported, and 保存 saves there.
    assert!(
        harness.query_by_label("选择位置并导出…").is_none(),
        "the export dialog does not cover the file dialog"
    );
    let name = harness.get(
        By::new()
            .role(Role::TextInput)
            .predicate(|node| node.value().is_some_and(|v| v.ends_with(".docx"))),
    );
    assert_eq!(name.value().as_deref(), Some("头版专题.docx"));
    let folder = harness
        .state()
        .archive_root()
        .and_then(|r| r.parent())
        .expect("the dialog starts beside the archive")
        .to_path_buf();
    harness.get_by_role_and_label(Role::Button, "保存").click();
    harness.run_steps(3);
    settle(&mut harness);

    let target = folder.join("头版专题.docx");
    harness.get_by_label_contains("已导出 2 篇文章到");
    let xml = docx_text(&target);
    for headline in [&first, &second] {
        let start: String = headline.chars().take(6).collect();
        assert!(xml.contains(&start), "{start} in the DOCX");
    }
    assert!(harness.state().export_dialog.is_none(), "the export closed");
    // The next export dialog starts in the folder this one was left in.
    assert_eq!(
        harness
            .state()
            .settings
            .dialog_folders
            .get(&jianbao::ui::state::DialogKind::Export),
        Some(&folder)
    );
}

#[test]
fn cancelling_the_in_window_dialog_brings_the_export_dialog_back() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run_steps(4);
    picker.push(PickerAnswer::Unavailable);
    harness.get_by_label("选择位置并导出…").click();
    harness.run_steps(4);
    assert!(harness.state().fallback_dialog.is_some());
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run_steps(4);
    assert!(harness.state().fallback_dialog.is_none());
    harness.get_by_label("选择位置并导出…");
    assert!(harness.state().export_dialog.is_some(), "its choices kept");
}

/// The snippet lines shown under results whose text has a match: labels
/// that are a part of such a row's snippet (brackets and ellipses aside)
/// and not its headline.
fn snippet_lines(harness: &AppHarness) -> Vec<String> {
    let rows = harness.state().row_source();
    let snippets: Vec<(String, String)> = (0..rows.total())
        .filter_map(|i| rows.row(i))
        .filter(|r| r.snippet.contains('【'))
        .map(|r| {
            let plain: String = r.snippet.chars().filter(|c| !"【】".contains(*c)).collect();
            (plain, r.headline.clone())
        })
        .collect();
    harness
        .query_all(By::new().role(Role::Label))
        .filter_map(|node| node.value())
        .filter(|label| {
            let core = label.trim_matches('…');
            core.chars().count() >= 4
                && snippets
                    .iter()
                    .any(|(plain, headline)| plain.contains(core) && !headline.contains(core))
        })
        .collect()
}

#[test]
fn each_snippet_line_shows_the_match_at_800_1024_and_1280_points() {
    for width in [800.0, 1024.0, 1280.0] {
        for query in ["经济", "振兴", "苏陕协作"] {
            let data = temp_dir();
            let mut harness = harness_with(
                data.path(),
                ScriptedFilePicker::default(),
                egui::vec2(width, 800.0),
                0.25,
            );
            settle(&mut harness);
            search_for(&mut harness, query);
            harness.run_steps(2);
            let lines = snippet_lines(&harness);
            let app = harness.state();
            let matched = app
                .visible_rows
                .clone()
                .filter(|&i| {
                    app.row_source()
                        .row(i)
                        .is_some_and(|r| r.snippet.contains('【'))
                })
                .count();
            assert!(matched > 0, "{query} matches in some article's text");
            assert_eq!(
                lines.len(),
                matched,
                "one snippet line per row shown at {width}: {lines:?}"
            );
            for line in &lines {
                assert!(
                    line.contains(query),
                    "at {width} points the snippet for {query} shows it: {line}"
                );
            }
        }
    }
}

#[test]
fn escape_in_the_search_box_hands_ctrl_a_to_the_results() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    search_for(&mut harness, "的");
    let total = harness.state().row_source().total();
    assert!(total > 1);
    harness.key_press(Key::Escape);
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(2);
    assert_eq!(
        harness.state().selection.len(total),
        total,
        "Ctrl+A selects the results"
    );
    assert_eq!(harness.state().search.text, "的", "the query stays");

    // ↓ from the search box moves to the first result and hands over the keys too.
    harness
        .get_by_role_and_label(Role::TextInput, "搜索")
        .click();
    harness.run_steps(1);
    harness.key_press(Key::ArrowDown);
    settle(&mut harness);
    assert_eq!(harness.state().selection.cursor, Some(0));
    harness.key_press(Key::ArrowDown);
    settle(&mut harness);
    assert_eq!(
        harness.state().selection.cursor,
        Some(1),
        "↓ now moves in the results"
    );
}

#[test]
fn down_right_after_typing_moves_into_the_typed_querys_results() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    let search = || By::new().role(Role::TextInput).label("搜索");
    harness.get(search()).click();
    harness.step();
    // The list before the search: its first row is not what is typed for.
    let before = row_headline(&harness, 0);
    assert!(!before.contains("整改"), "{before}");
    // ↓ and Enter in the same frame as the typing, before the search has
    // run (its pause after typing): they wait for the results of what was
    // typed, not act on the list shown before.
    harness.get(search()).type_text("整改");
    harness.key_press(Key::ArrowDown);
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.search.sent.as_deref(), Some("整改"));
    assert_eq!(app.selection.cursor, Some(0), "on the first result");
    let first = app.row_source().row(0).expect("a result").headline.clone();
    assert!(first.contains("整改"), "{first}");

    harness.get(search()).click();
    harness.step();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.step();
    harness.get(search()).type_text("汉滨");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.search.sent.as_deref(), Some("汉滨"));
    // (The row joins a two-line headline.)
    let opened = app
        .reader
        .loaded
        .as_ref()
        .and_then(|a| a.article.headline.as_ref())
        .map(|h| h.replace('\n', ""));
    let first = app.row_source().row(0).map(|r| r.headline.clone());
    assert!(
        opened.as_deref().is_some_and(|h| h.contains("苏陕协作")),
        "{opened:?}"
    );
    assert_eq!(
        opened, first,
        "Enter opened the first result of the typed query"
    );
}

#[test]
fn filter_chips_read_in_the_ui_language() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    harness.get_by_label_contains("6月28日").click();
    settle(&mut harness);
    harness.get_by_label("日期：2024-06-28 ×");
    open_menu(&mut harness, "视图");
    harness.get_by_label("语言").click();
    harness.run_steps(3);
    harness.get_by_label("English").click();
    settle(&mut harness);
    harness.get_by_label("Date: 2024-06-28 ×");
}

#[test]
fn merge_is_offered_only_where_there_is_an_article_before() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    // The page's articles in order: the first has none before it.
    let total = harness.state().row_source().total();
    let mut checked = [false, false];
    for index in 0..total {
        let headline = row_headline(&harness, index);
        click_result(&mut harness, index, Modifiers::NONE);
        let first = harness
            .state()
            .reader
            .loaded
            .as_ref()
            .expect("loaded")
            .previous
            .is_none();
        if checked[usize::from(first)] {
            continue;
        }
        if !harness.state().correcting {
            harness.get_by_label("校正…").click();
            harness.run_steps(2);
        }
        let merge = harness.get_by_label("与上一篇合并");
        assert_eq!(merge.accesskit_node().is_disabled(), first, "{headline}");
        checked[usize::from(first)] = true;
        if checked == [true, true] {
            break;
        }
    }
    assert_eq!(checked, [true, true], "a first and a later article");
}

#[test]
fn a_merge_moves_the_collection_membership_and_the_reader_shows_the_result() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    // An article with one before it, in a collection of its own.
    let total = harness.state().row_source().total();
    let (headline, previous) = (0..total)
        .find_map(|index| {
            let headline = row_headline(&harness, index);
            click_result(&mut harness, index, Modifiers::NONE);
            let loaded = harness.state().reader.loaded.as_ref()?;
            Some((headline, loaded.previous.clone()?))
        })
        .expect("an article after the first of its page");
    super::collections::add_to_new_collection(
        &mut harness,
        &headline,
        "新建选集（1 篇文章）",
        "待合并",
    );
    harness.get_by_label_contains(&headline).click();
    settle(&mut harness);
    harness.get_by_label("校正…").click();
    harness.run_steps(2);
    harness.get_by_label("与上一篇合并").click();
    settle(&mut harness);

    // The reader shows the article it joined, selected; the collection holds it.
    let app = harness.state();
    assert_eq!(app.reader.id.as_ref(), Some(&previous));
    assert!(app.reader.loaded.is_some(), "the reader is not blank");
    assert!(app.selection.ids.contains(&previous));
    let collection = app
        .archive
        .as_ref()
        .and_then(|a| a.editorial.collections.iter().find(|c| c.name == "待合并"))
        .expect("the collection");
    assert_eq!(collection.size, 1);
    assert!(harness.query_by_label_contains("已从档案中删除").is_none());
}

#[test]
fn a_reporters_name_in_the_reader_filters_by_them() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    search_for(&mut harness, "记者:张可馨");
    let expected = harness.state().row_source().total();
    assert!(expected > 0);
    search_for(&mut harness, "");
    let total = harness.state().row_source().total();
    let with_reporter = (0..total)
        .find(|&i| {
            harness
                .state()
                .row_source()
                .row(i)
                .is_some_and(|r| r.reporters.contains("张可馨"))
        })
        .expect("an article by 张可馨");
    click_result(&mut harness, with_reporter, Modifiers::NONE);
    harness.get_by_role_and_label(Role::Link, "张可馨").click();
    settle(&mut harness);
    harness.get_by_label("记者：张可馨 ×");
    assert_eq!(harness.state().row_source().total(), expected);
}

#[test]
fn text_size_follows_ctrl_plus_minus_and_zero_and_is_remembered() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Equals);
    harness.run_steps(2);
    assert!((harness.state().settings.zoom - 1.1).abs() < 1e-4);
    assert!((harness.ctx.zoom_factor() - 1.1).abs() < 1e-4);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Minus);
    harness.run_steps(2);
    assert!(harness.state().settings.zoom < 1.0);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Num0);
    harness.run_steps(2);
    assert_eq!(harness.state().settings.zoom, 1.0);
    // The menu says the same.
    open_menu(&mut harness, "视图");
    harness.get_by_label("字号").click();
    harness.run_steps(3);
    harness.get_by_label_contains("放大字号").click();
    harness.run_steps(2);
    assert!((harness.state().settings.zoom - 1.1).abs() < 1e-4);
}

#[test]
fn a_new_archive_asks_for_its_papers_name_and_offers_the_import() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let elsewhere = temp_dir();
    let folder = elsewhere.path().join("wjrb");
    std::fs::create_dir(&folder).expect("folder");
    picker.push(PickerAnswer::Paths(vec![folder.clone()]));
    open_menu(&mut harness, "文件");
    harness.get_by_label_contains("新建档案…").click();
    harness.run_steps(4);
    harness.get_by_label("新建档案");
    let name = harness.get_by_role_and_label(Role::TextInput, "报纸名称");
    assert_eq!(name.value().as_deref(), Some("wjrb"));
    name.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "报纸名称")
        .type_text("武进日报");
    harness.run_steps(1);
    harness.get_by_label("确定").click();
    settle(&mut harness);
    let archive = harness.state().archive.as_ref().expect("created");
    assert_eq!(archive.paper, "武进日报");
    assert_eq!(archive.root, folder);

    // Empty: the results say so and offer the import right there.
    harness.get_by_label_contains("这个档案还没有文章");
    let page = elsewhere.path().join("2024-06-28_01.txt");
    std::fs::write(&page, sample::SAMPLE_PAGE).expect("page");
    picker.push(PickerAnswer::Paths(vec![page]));
    harness
        .get_all_by_label("导入文件…")
        .find(|n| n.accesskit_node().role() == Role::Button)
        .expect("the import button")
        .click();
    settle(&mut harness);
    assert!(harness.state().row_source().total() > 1);
}

#[test]
fn re_import_keeps_the_selection() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    click_result(&mut harness, 0, Modifiers::NONE);
    click_result(&mut harness, 2, Modifiers::SHIFT);
    let selected = harness.state().selection.ids.clone();
    assert_eq!(selected.len(), 3);

    let pages = temp_dir();
    let page = pages.path().join("2024-06-28_01.txt");
    std::fs::write(&page, sample::SAMPLE_PAGE).expect("page");
    import_files(&mut harness, &picker, vec![page]);
    settle(&mut harness);
    assert_eq!(harness.state().selection.ids, selected);
    harness.get_by_label("已选 3 篇");
}

#[test]
fn english_clears_a_chinese_notice_and_correct_says_what_it_does() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    click_result(&mut harness, 0, Modifiers::NONE);
    harness.get_by_label("复制全文").click();
    harness.run_steps(2);
    assert!(harness.state().notice.is_some());
    open_menu(&mut harness, "视图");
    harness.get_by_label("语言").click();
    harness.run_steps(3);
    harness.get_by_label("English").click();
    settle(&mut harness);
    assert!(
        harness.state().notice.is_none(),
        "no Chinese left in the status bar"
    );

    harness.get_by_label("Correct…").hover();
    harness.run_steps(10);
    harness.get_by_label_contains("merge it with the one before");
}

#[test]
fn import_progress_says_which_phase_it_is_in() {
    use jianbao::ui::state::JobState;
    use jianbao::ui::worker::JobKind;
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    let job = |done| {
        Some(JobState {
            kind: JobKind::Importing,
            done,
            total: 247,
            cancel: None,
        })
    };
    harness.state_mut().job = job(120);
    harness.run_steps(2);
    harness.get_by_label_contains("读取与分析 120/247");
    // The last file read: writing the editions and the index, no stuck 100%.
    harness.state_mut().job = job(247);
    harness.run_steps(2);
    harness.get_by_label_contains("写入并建立索引…");
    assert!(harness.query_by_label_contains("247/247").is_none());
}

#[test]
fn at_800_points_the_count_makes_room_for_a_chip() {
    let data = temp_dir();
    let mut harness = harness_with(
        data.path(),
        ScriptedFilePicker::default(),
        egui::vec2(800.0, 600.0),
        0.25,
    );
    settle(&mut harness);
    search_for(&mut harness, "经济");
    harness.get_by_label("28").click();
    settle(&mut harness);
    let chip = harness.get_by_label("日期：2024-06-28 ×").rect();
    let count = harness.get_by_label_contains("条结果").rect();
    assert!(
        !chip.intersects(count),
        "the count {count:?} is drawn over the chip {chip:?}"
    );
}

#[test]
fn ctrl_a_in_the_in_window_dialog_selects_every_page_file_to_import() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let pages = temp_dir();
    let sample_page = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/wujin-daily-2024-06-28.txt");
    for day in [
        "2024-06-29-01.txt",
        "2024-06-30-01.txt",
        "2024-07-01-01.txt",
    ] {
        std::fs::copy(&sample_page, pages.path().join(day)).expect("copy a page");
    }
    std::fs::write(pages.path().join("说明.md"), "not a page").expect("write");
    harness.state_mut().settings.dialog_folders.insert(
        jianbao::ui::state::DialogKind::Import,
        pages.path().to_path_buf(),
    );

    picker.push(PickerAnswer::Unavailable);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::I);
    harness.run_steps(4);
    assert!(
        harness.state().fallback_dialog.is_some(),
        "the in-window dialog"
    );
    // As a person would: a click on one file, then Ctrl+A for all of them.
    harness.get_by_label_contains("2024-06-29-01.txt").click();
    harness.run_steps(2);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run_steps(3);
    harness.get_by_role_and_label(Role::Button, "打开").click();
    harness.run_steps(3);
    settle(&mut harness);
    assert!(
        harness.state().fallback_dialog.is_none(),
        "the dialog closed"
    );
    let dates = &harness.state().archive.as_ref().expect("archive").dates;
    assert_eq!(
        dates.len(),
        4,
        "the sample's day and the three imported: {dates:?}"
    );
}

#[test]
fn help_about_shows_what_jianbao_is_and_its_version_and_escape_closes_it() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    open_menu(&mut harness, "帮助");
    harness.get_by_label_contains("关于剪报").click();
    harness.run_steps(3);
    harness.get_by_label_contains("报社的数字剪报档案");
    harness.get_by_label(&format!("v{}", env!("CARGO_PKG_VERSION")));
    harness.key_press(Key::Escape);
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("报社的数字剪报档案")
            .is_none()
    );
}

/// Steps until the reader's entity names have come (extraction follows
/// the article, slower in an unoptimised test build).
pub(crate) fn wait_for_entities(harness: &mut AppHarness) {
    for _ in 0..400 {
        if !harness.state().reader.entities.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.run_steps(1);
    }
    harness.run_steps(2);
}

#[test]
fn the_reader_lists_the_people_and_places_named_and_a_click_filters_by_one() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    harness.get_by_label_contains("有力抓实问题整改").click();
    settle(&mut harness);
    wait_for_entities(&mut harness);
    harness.get_by_label("人物：");
    harness.get_by_label("地点：");
    for name in ["乔俊杰", "朱小平"] {
        harness.get_by_role_and_label(Role::Button, name);
    }
    harness.get_by_role_and_label(Role::Button, "前黄镇");
    // No reporter among them: the byline's names are links of their own.
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "黄雅婷")
            .is_none()
    );

    harness
        .get_by_role_and_label(Role::Button, "朱小平")
        .click();
    settle(&mut harness);
    // A chip: the articles naming the person, by the index of names.
    harness.get_by_label("人物：朱小平 ×");
    assert_eq!(
        harness.state().search.sent.as_deref(),
        Some("person:朱小平")
    );
    assert_eq!(
        harness.state().row_source().total(),
        1,
        "朱小平 is named once on the page"
    );
}

#[test]
fn a_long_list_of_names_shows_the_first_twelve_and_counts_the_rest() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    click_result(&mut harness, 0, Modifiers::NONE);
    // Once the article's own names have come, fifteen stand in for them.
    wait_for_entities(&mut harness);
    let places: Vec<String> = (1..=15).map(|n| format!("第{n}镇")).collect();
    let id = harness.state().reader.id.clone();
    let state = harness.state_mut();
    state.reader.entities = places
        .iter()
        .map(|p| (jianbao::archive::entities::EntityKind::Place, p.clone()))
        .collect();
    assert_eq!(state.reader.id, id);
    harness.run_steps(2);
    harness.get_by_role_and_label(Role::Button, "第12镇");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "第13镇")
            .is_none()
    );
    harness.get_by_label("等 3 个");
}
