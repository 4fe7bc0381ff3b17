//! Correcting the parse by hand in the reader: split, undo, merge, edit a
//! headline, and a re-import that keeps the correction.

use std::path::PathBuf;

use eframe::egui;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;

use super::{import_files, replace_text, row_headline, sample_with_picker, settle, temp_dir};

#[test]
fn split_undo_merge_edit_a_headline_and_reimport() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let total = |h: &egui_kittest::Harness<'static, jianbao::ui::JianbaoApp>| {
        h.state().row_source().total()
    };
    assert_eq!(total(&harness), 4);
    let first = row_headline(&harness, 0);
    harness.get_by_label_contains(&first).click();
    settle(&mut harness);

    // Split the first article before its third paragraph: two rows where there was one.
    harness.get_by_label("校正…").click();
    harness.run_steps(2);
    let split = || "▼ 从此段拆分";
    harness
        .query_all_by_label(split())
        .nth(1)
        .expect("a split button before the third paragraph")
        .scroll_to_me();
    harness.run_steps(3);
    harness
        .query_all_by_label(split())
        .nth(1)
        .expect("a split button before the third paragraph")
        .click();
    settle(&mut harness);
    assert_eq!(total(&harness), 5);
    harness.get_by_label_contains("已完成：拆分文章");

    // Undo puts it back.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    settle(&mut harness);
    assert_eq!(total(&harness), 4);

    // Merge the second article into the first.
    let second = row_headline(&harness, 1);
    harness.get_by_label_contains(&second).click();
    settle(&mut harness);
    harness.get_by_label("与上一篇合并").click();
    settle(&mut harness);
    assert_eq!(total(&harness), 3);

    // The reader follows the merge to the article it joined: its headline
    // is in the list and in the reader. Correct that headline.
    let shown = harness
        .state()
        .reader
        .loaded
        .as_ref()
        .and_then(|a| a.article.headline.clone());
    assert_eq!(
        shown.as_deref(),
        Some(first.as_str()),
        "the reader shows the joined article"
    );
    harness.get_by_label("编辑标题与署名…").click();
    harness.run_steps(5);
    replace_text(
        &mut harness,
        Role::MultilineTextInput,
        "主题",
        "更正后的标题",
    );
    harness.get_by_label("确定").click();
    settle(&mut harness);
    assert_eq!(row_headline(&harness, 0), "更正后的标题");

    // Re-import the page: the corrections stay, and the status bar says so.
    let page = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/wujin-daily-2024-06-28.txt");
    import_files(&mut harness, &picker, vec![page]);
    settle(&mut harness);
    assert_eq!(total(&harness), 3);
    assert_eq!(row_headline(&harness, 0), "更正后的标题");
    harness.get_by_label_contains("个版面已人工校正，未被覆盖");
}
