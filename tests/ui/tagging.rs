//! Tagging, undo/redo, renaming, notes and saved searches, by label.

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use jianbao::archive::{Edit, Session};
use jianbao::ui::sample;

use super::{open_menu, open_sample, replace_text, row_headline, search_for, settle, temp_dir};

/// The sample archive in `data`, with the tag 党建 in its vocabulary.
fn sample_with_tag(data: &std::path::Path) {
    let root = sample::sample_archive_dir(data);
    sample::ensure_sample_archive(&root).expect("sample");
    let mut session = Session::open(&root).expect("open");
    let def = session.new_tag("党建");
    session.apply(Edit::CreateTag(def)).expect("create 党建");
    session.close().expect("close");
}

#[test]
fn tag_three_results_with_ctrl_t_then_undo_redo_and_rename() {
    let data = temp_dir();
    sample_with_tag(data.path());
    let mut harness = open_sample(data.path());
    harness.get_by_label("党建 (0)");
    let (first, third) = (row_headline(&harness, 0), row_headline(&harness, 2));
    harness.get_by_label_contains(&first).click();
    settle(&mut harness);
    harness
        .get_by_label_contains(&third)
        .click_modifiers(Modifiers::SHIFT);
    settle(&mut harness);
    harness.get_by_label("已选 3 篇");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run_steps(5);
    harness.get_by_label("给 3 篇文章加标签");
    harness
        .get_by_role_and_label(Role::TextInput, "标签名")
        .click();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(Role::TextInput, "标签名")
        .type_text("dj");
    harness.run_steps(3);
    harness.get_by_label("党建").click();
    settle(&mut harness);
    harness.get_by_label("党建 (3)");
    // A chip on each tagged row, and one (removable) in the reader.
    assert_eq!(harness.query_all_by_label("党建").count(), 3);
    harness.get_by_label("党建 ×");

    open_menu(&mut harness, "编辑");
    harness
        .get_by_label_contains("撤销：给 3 篇文章加标签‘党建’")
        .click();
    settle(&mut harness);
    harness.get_by_label("党建 (0)");
    assert_eq!(harness.query_all_by_label("党建").count(), 0);
    assert!(harness.query_by_label("党建 ×").is_none());

    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    settle(&mut harness);
    harness.get_by_label("党建 (3)");
    assert_eq!(harness.query_all_by_label("党建").count(), 3);

    // Rename from the tree's context menu: the tree, the rows and the reader follow.
    harness.get_by_label("党建 (3)").click_secondary();
    harness.run_steps(2);
    harness.get_by_label("重命名…").click();
    harness.run_steps(5);
    replace_text(&mut harness, Role::TextInput, "新名称", "党的建设");
    harness.get_by_label("确定").click();
    settle(&mut harness);
    harness.get_by_label("党的建设 (3)");
    assert_eq!(harness.query_all_by_label("党的建设").count(), 3);
    harness.get_by_label("党的建设 ×");
    let project =
        std::fs::read_to_string(sample::sample_archive_dir(data.path()).join("project.ron"))
            .unwrap();
    assert!(project.contains("党的建设"), "{project}");
}

#[test]
fn a_note_is_saved_as_you_type_and_there_after_reopening() {
    let data = temp_dir();
    let note = "核对：会议时间待确认";
    {
        let mut harness = open_sample(data.path());
        search_for(&mut harness, "苏陕协作");
        let row = harness.state().row_source().row(0).expect("row").clone();
        harness.get_by_label_contains(&row.headline).click();
        settle(&mut harness);
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "备注")
            .click();
        harness.run_steps(1);
        harness
            .get_by_role_and_label(Role::MultilineTextInput, "备注")
            .type_text(note);
        // settle waits out the pause after typing and the save.
        settle(&mut harness);
        harness.get_by_label_contains("已完成：修改备注");
    }
    let mut harness = open_sample(data.path());
    search_for(&mut harness, "苏陕协作");
    let row = harness.state().row_source().row(0).expect("row").clone();
    harness.get_by_label_contains(&row.headline).click();
    settle(&mut harness);
    let saved = harness
        .get_by_role_and_label(Role::MultilineTextInput, "备注")
        .value()
        .unwrap_or_default();
    assert_eq!(saved, note);
}

#[test]
fn save_a_search_and_run_it_from_the_panel() {
    let data = temp_dir();
    let mut harness = open_sample(data.path());
    search_for(&mut harness, "苏陕协作");
    harness.get_by_label("保存此搜索…").click();
    harness.run_steps(2);
    // A modal takes a few frames to size itself and show.
    harness.run_steps(3);
    harness.get_by_label("保存").click();
    settle(&mut harness);
    harness.get_by_label("清除").click();
    settle(&mut harness);
    assert_eq!(harness.state().row_source().total(), 4);
    harness.get_by_label("苏陕协作 (1)").click();
    settle(&mut harness);
    assert_eq!(harness.state().row_source().total(), 1);
}
