//! Collections by label: add three results to a new collection, list it in
//! its order, reorder, undo.

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use jianbao::ui::file_picker::PickerAnswer;

use super::{row_headline, sample_with_picker, settle, temp_dir};

type AppHarness = egui_kittest::Harness<'static, jianbao::ui::JianbaoApp>;

fn ids(harness: &AppHarness) -> Vec<String> {
    let rows = harness.state().row_source();
    (0..rows.total())
        .filter_map(|i| rows.row(i).map(|r| r.id.0.clone()))
        .collect()
}

/// Right-clicks the row showing `row`, 加入选集 › 新建选集…, checks the
/// dialog's `heading` and names the new collection `name`.
pub(super) fn add_to_new_collection(
    harness: &mut AppHarness,
    row: &str,
    heading: &str,
    name: &str,
) {
    harness.get_by_label_contains(row).click_secondary();
    harness.run_steps(3);
    harness.get_by_label("加入选集").click();
    harness.run_steps(3);
    harness.get_by_label("新建选集…").click();
    harness.run_steps(5);
    harness.get_by_label(heading);
    harness
        .get_by_role_and_label(Role::TextInput, "名称")
        .type_text(name);
    harness.run_steps(1);
    harness.get_by_label("确定").click();
    settle(harness);
}

#[test]
fn three_results_into_a_new_collection_reorder_undo_and_export() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let (first, third) = (row_headline(&harness, 0), row_headline(&harness, 2));
    let chosen: Vec<String> = ids(&harness)[..3].to_vec();
    harness.get_by_label_contains(&first).click();
    settle(&mut harness);
    harness
        .get_by_label_contains(&third)
        .click_modifiers(Modifiers::SHIFT);
    settle(&mut harness);

    // Right-click a selected row: 加入选集 › 新建选集…
    add_to_new_collection(&mut harness, &third, "新建选集（3 篇文章）", "头版");

    // The panel lists it; a click shows its articles in the order added.
    harness.get_by_label("头版 (3)").click();
    settle(&mut harness);
    assert_eq!(ids(&harness), chosen);

    // Move the second up: the order follows; undo puts it back.
    let second = row_headline(&harness, 1);
    harness.get_by_label_contains(&second).click_secondary();
    harness.run_steps(3);
    harness.get_by_label("上移").click();
    settle(&mut harness);
    assert_eq!(
        ids(&harness),
        vec![chosen[1].clone(), chosen[0].clone(), chosen[2].clone()]
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(ids(&harness), chosen);

    // Export the collection as CSV through the dialog (the save dialog answered by the test).
    harness.get_by_label("头版 (3)").click_secondary();
    harness.run_steps(3);
    harness.get_by_label("导出…").click();
    harness.run_steps(5);
    harness.get_by_label("选集“头版”（3 篇）");
    harness.get_by_label("CSV").click();
    harness.run_steps(2);
    let target = data.path().join("头版.csv");
    picker.push(PickerAnswer::Paths(vec![target.clone()]));
    harness.get_by_label("选择位置并导出…").click();
    settle(&mut harness);
    harness.get_by_label_contains("已导出 3 篇文章到");
    let bytes = std::fs::read(&target).expect("the export exists");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 with a BOM");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let exported: Vec<String> = reader
        .records()
        .map(|r| r.expect("a CSV row")[0].to_string())
        .collect();
    assert_eq!(exported, chosen, "in the collection's order");
}

#[test]
fn results_dragged_onto_a_collection_are_added_to_it() {
    let data = temp_dir();
    let (mut harness, _picker) = sample_with_picker(data.path());
    // A collection with the first article, made from the context menu.
    // Right-click selects the row (nothing is in the reader yet, so its headline is unique).
    let first = row_headline(&harness, 0);
    add_to_new_collection(&mut harness, &first, "新建选集（1 篇文章）", "头版");
    harness.get_by_label("头版 (1)");

    // Drag the last result onto it.
    let last = row_headline(&harness, 3);
    let from = harness.get_by_label_contains(&last).rect().center();
    let to = harness.get_by_label("头版 (1)").rect().center();
    let button = |pos, pressed| egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    };
    harness.event(egui::Event::PointerMoved(from));
    harness.run_steps(1);
    harness.event(button(from, true));
    harness.run_steps(1);
    for step in 1..=10 {
        let t = step as f32 / 10.0;
        harness.event(egui::Event::PointerMoved(from + (to - from) * t));
        harness.run_steps(1);
    }
    harness.event(button(to, false));
    settle(&mut harness);
    harness.get_by_label("头版 (2)");
}
