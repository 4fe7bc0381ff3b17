//! The reader's 版面 view, as a person uses it: by label, with the mouse.

use eframe::egui;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

use jianbao::archive::import::pdf::generate::{Material, page};
use jianbao::archive::import::pdf::parse_pdf;
use jianbao::ui::JianbaoApp;

use super::{import_files, sample_with_picker, settle, temp_dir};

type AppHarness = Harness<'static, JianbaoApp>;

/// Steps until the 版面 view has a render of its page.
fn wait_for_page(harness: &mut AppHarness) {
    for _ in 0..500 {
        harness.run_steps(1);
        let view = &harness.state().page_view;
        if view.texture.is_some() && view.rendering.is_none() && view.asked.is_none() {
            harness.run_steps(2);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("the page was never drawn: {:?}", harness.state().page_view);
}

/// Whether the region button of `title` shows as the reader's article.
fn region_selected(harness: &AppHarness, title: &str) -> bool {
    harness
        .get_by_role_and_label(Role::Button, title)
        .accesskit_node()
        .toggled()
        == Some(egui::accesskit::Toggled::True)
}

#[test]
fn an_article_on_its_printed_page_opens_another_by_its_region_and_zooms() {
    let data = temp_dir();
    let (mut harness, picker) = sample_with_picker(data.path());
    let generated = page(&Material::synthetic(0x5EED), 0x5EED, 0);
    let file = data.path().join("1998-01-01_01.pdf");
    std::fs::write(&file, &generated.pdf).unwrap();
    let parsed = parse_pdf(&generated.pdf).unwrap();
    let titles: Vec<String> = parsed[0]
        .layout
        .articles
        .iter()
        .map(|a| a.headline_one_line())
        .collect();
    import_files(&mut harness, &picker, vec![file]);
    settle(&mut harness);

    // Open the page's first article from the results, then its page.
    let first = &titles[0];
    harness
        .get_all_by_label(first)
        .next()
        .expect("the first article is listed")
        .click();
    settle(&mut harness);
    harness.get_by_role_and_label(Role::Button, "版面").click();
    wait_for_page(&mut harness);
    assert!(
        region_selected(&harness, first),
        "its region is highlighted"
    );

    // A click on another article's region shows that article, and the
    // results' cursor follows it.
    let other = &titles[2];
    assert!(!region_selected(&harness, other));
    harness.get_by_role_and_label(Role::Button, other).click();
    settle(&mut harness);
    wait_for_page(&mut harness);
    let loaded = harness.state().reader.loaded.clone().expect("loaded");
    assert_eq!(&loaded.article.headline_one_line(), other);
    assert!(region_selected(&harness, other));
    let cursor = harness.state().selection.cursor.expect("a cursor");
    let row = harness
        .state()
        .row_source()
        .row(cursor)
        .expect("row")
        .id
        .clone();
    assert_eq!(row, loaded.article.id);

    // Zoom in: a sharper render follows.
    let before = harness.state().page_view.texture.as_ref().unwrap().scale;
    harness.get_by_role_and_label(Role::Button, "+").click();
    harness.run_steps(2);
    wait_for_page(&mut harness);
    let after = harness.state().page_view.texture.as_ref().unwrap().scale;
    assert!(after > before * 1.1, "{before} → {after}");
    harness
        .get_by_role_and_label(Role::Button, "适合页面")
        .click();
    harness.run_steps(2);
    wait_for_page(&mut harness);
    assert!(harness.state().page_view.drawn_scale < after);

    // The clipping goes to the clipboard as an image.
    harness
        .get_by_role_and_label(Role::Button, "复制剪报")
        .click();
    for _ in 0..300 {
        harness.run_steps(1);
        if harness
            .state()
            .notice
            .as_deref()
            .is_some_and(|n| n.starts_with("剪报已复制"))
        {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("no clipping copied: {:?}", harness.state().notice);
}
