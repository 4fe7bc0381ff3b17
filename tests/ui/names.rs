//! The index of names and the chart by month, as a person uses them: by
//! label, with the mouse and the keyboard.

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jianbao::archive::session::NameKind;
use jianbao::ui::JianbaoApp;

use super::{import_files, open_menu, sample_with_picker, search_for, settle, temp_dir};

type AppHarness = Harness<'static, JianbaoApp>;

/// Steps until the index of names has listed `kind` (the worker counts it).
fn wait_for_names(harness: &mut AppHarness, kind: NameKind) {
    for _ in 0..400 {
        harness.run_steps(1);
        if harness.state().names.lists.contains_key(&kind) {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the index of names never listed {kind:?}");
}

/// The names listed in `kind`'s section, with their article counts.
fn listed(harness: &AppHarness, kind: NameKind) -> Vec<(String, u64)> {
    harness.state().names.lists[&kind]
        .iter()
        .map(|v| (v.entry.name.clone(), v.entry.articles))
        .collect()
}

fn open_index(harness: &mut AppHarness) {
    harness.get_by_role_and_label(Role::Button, "索引").click();
    harness.run_steps(1);
    wait_for_names(harness, NameKind::Person);
}

#[test]
fn a_click_on_a_person_in_the_index_filters_the_results() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    open_index(&mut harness);
    let people = listed(&harness, NameKind::Person);
    assert!(people.contains(&("乔俊杰".into(), 3)), "{people:?}");
    harness.get_by_label("乔俊杰  3").click();
    settle(&mut harness);
    harness.get_by_label("人物：乔俊杰 ×");
    assert_eq!(harness.state().row_source().total(), 3);
    // Typing filters the list, by pinyin initials too.
    harness
        .get_by_role_and_label(Role::TextInput, "筛选")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "筛选")
        .type_text("zxh");
    harness.run_steps(3);
    harness.get_by_label("张小虎  1");
    assert!(harness.query_by_label("乔俊杰  3").is_none());
    // The reporters' section lists the bylines' names.
    harness.get_by_role_and_label(Role::Button, "记者").click();
    wait_for_names(&mut harness, NameKind::Reporter);
    let reporters: Vec<String> = listed(&harness, NameKind::Reporter)
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    for name in ["张可馨", "朱梦琪", "黄雅婷", "宋祎凡"] {
        assert!(reporters.contains(&name.to_string()), "{reporters:?}");
    }
}

#[test]
fn two_people_merged_in_the_index_come_apart_again_with_undo() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    open_index(&mut harness);
    harness.get_by_label("郑政平  1").click_secondary();
    harness.run_steps(2);
    harness.get_by_label("合并到…").click();
    harness.run_steps(2);
    // The modal takes a few frames to show.
    harness.run_steps(3);
    harness
        .get_by_role_and_label(Role::TextInput, "合并到")
        .type_text("李皓");
    harness.get_by_role_and_label(Role::Button, "确定").click();
    settle(&mut harness);
    wait_for_names(&mut harness, NameKind::Person);
    let people = listed(&harness, NameKind::Person);
    assert!(!people.iter().any(|(n, _)| n == "郑政平"), "{people:?}");
    assert!(people.iter().any(|(n, _)| n == "李皓"), "{people:?}");
    harness.get_by_label_contains("把‘郑政平’设为‘李皓’的别名");
    // Searching the one finds the other's articles.
    search_for(&mut harness, "person:郑政平");
    let merged = harness.state().row_source().total();
    search_for(&mut harness, "");
    // Undo (编辑 › 撤销, as the search box has the keys): 郑政平 is a name of
    // its own again.
    open_menu(&mut harness, "编辑");
    harness
        .get_by_label_contains("撤销：把‘郑政平’设为‘李皓’的别名")
        .click();
    settle(&mut harness);
    wait_for_names(&mut harness, NameKind::Person);
    let people = listed(&harness, NameKind::Person);
    assert!(people.contains(&("郑政平".into(), 1)), "{people:?}");
    search_for(&mut harness, "person:李皓");
    assert!(harness.state().row_source().total() <= merged);
}

#[test]
fn an_alias_added_in_the_index_finds_the_persons_articles() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    open_index(&mut harness);
    harness.get_by_label("乔俊杰  3").click_secondary();
    harness.run_steps(2);
    harness.get_by_label("添加别名…").click();
    harness.run_steps(5);
    harness
        .get_by_role_and_label(Role::TextInput, "别名")
        .type_text("乔书记");
    harness.key_press(Key::Enter);
    settle(&mut harness);
    search_for(&mut harness, "人物:乔书记");
    assert_eq!(harness.state().row_source().total(), 3);
    // The index shows the other name on hover and in its entry.
    wait_for_names(&mut harness, NameKind::Person);
    let entry = harness.state().names.lists[&NameKind::Person]
        .iter()
        .find(|v| v.entry.name == "乔俊杰")
        .expect("乔俊杰 listed")
        .entry
        .clone();
    assert_eq!(entry.aliases, vec!["乔书记".to_string()]);
}

#[test]
fn a_click_on_a_months_bar_shows_that_months_results() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    // A second month: the sample page again, as printed on 2024-04-15.
    let page = data.path().join("2024-04-15_02.txt");
    std::fs::write(&page, jianbao::ui::sample::SAMPLE_PAGE).unwrap();
    import_files(&mut harness, &picker, vec![page]);
    settle(&mut harness);
    open_menu(&mut harness, "视图");
    harness.get_by_label("时间分布图").click();
    settle(&mut harness);
    for _ in 0..200 {
        if harness.state().timeline.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let days = harness.state().timeline.clone().expect("the chart counted");
    let dates: Vec<String> = days.iter().map(|(d, _)| d.to_string()).collect();
    assert_eq!(dates, ["2024-04-15", "2024-06-28"]);
    // Over two months apart: drawn month by month.
    harness.get_by_label_contains("每月篇数");
    // The April bar is the first of three (May has none): click its middle.
    let memory = egui_plot::PlotMemory::load(&harness.ctx, egui::Id::unique("timeline_chart"))
        .expect("the chart was drawn");
    let april = days[0].1 as f64;
    let at = memory
        .transform()
        .position_from_point(&egui_plot::PlotPoint::new(0.0, april / 2.0));
    harness.hover_at(at);
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        harness.run_steps(1);
    }
    settle(&mut harness);
    harness.get_by_label("日期：2024-04 ×");
    assert_eq!(harness.state().row_source().total() as u64, days[0].1);
}

#[test]
fn the_article_counts_window_counts_per_reporter_and_exports_xlsx() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    open_menu(&mut harness, "视图");
    harness.get_by_label("稿件统计…").click();
    for _ in 0..200 {
        if harness
            .state()
            .stats_window
            .as_ref()
            .is_some_and(|w| w.table.is_some())
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    harness.get_by_label("全部文章");
    harness.get_by_label("2024-06");
    // The reporter's row (the results' reporter column names them too).
    assert!(harness.get_all_by_label("张可馨").count() >= 2);
    harness.get_by_label("合计");
    // Month by month instead; then a search narrows the count.
    harness.get_by_role_and_label(Role::Button, "月份").click();
    settle(&mut harness);
    search_for(&mut harness, "记者:张可馨");
    for _ in 0..200 {
        if harness
            .state()
            .stats_window
            .as_ref()
            .is_some_and(|w| w.table.is_some() && w.query == "记者:张可馨")
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let total = harness.state().row_source().total();
    harness.get_by_label(&format!("共 {total} 篇"));
    // 导出 XLSX… writes a workbook where the picker says.
    let target = data.path().join("稿件统计.xlsx");
    picker.push(jianbao::ui::file_picker::PickerAnswer::Paths(vec![
        target.clone(),
    ]));
    harness.get_by_label("导出 XLSX…").click();
    for _ in 0..200 {
        if target.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run_steps(1);
    }
    harness.run_steps(2);
    let bytes = std::fs::read(&target).expect("the workbook was written");
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    harness.get_by_label_contains("稿件统计已写入");
}
