//! The left panel's tag tree (with article counts; click filters, the
//! context menu renames, recolours, describes, merges, moves and deletes,
//! dragging a tag onto another nests it), the saved searches and the
//! collections.

use eframe::egui;

use crate::archive::edit::Edit;
use crate::archive::model::{TagDef, TagId};
use crate::ui::app::{ArchiveView, Command, Filter, TagDialog};
use crate::ui::export_dialog::ExportWhat;
use crate::ui::i18n::{Lang, Msg, fill};
use crate::ui::results_panel::DraggedSelection;
use crate::ui::tag_editor::{PALETTE, parse_hex, tag_colour};
use crate::ui::worker::{CollectInto, TagView};

/// Deepest nesting drawn (a cycle typed into project.ron by hand stops here).
const MAX_DEPTH: usize = 16;

/// Draws the tag tree.
pub fn tag_tree_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    active_tag: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let tags = &archive.editorial.tags;
    if tags.is_empty() {
        ui.weak(lang.tr(Msg::NothingYet));
        return;
    }
    let is_root = |t: &TagView| {
        t.def
            .parent
            .is_none_or(|p| !tags.iter().any(|other| other.def.id == p))
    };
    for tag in tags.iter().filter(|t| is_root(t)) {
        tag_node_ui(ui, lang, archive, tag, active_tag, 0, commands);
    }
    // Dropping a tag on the empty space under the tree moves it to the top.
    let (_, dropped) = ui.dnd_drop_zone::<TagId, ()>(egui::Frame::NONE, |ui| {
        ui.label(egui::RichText::new(lang.tr(Msg::DragToNest)).small().weak());
    });
    if let Some(id) = dropped
        && let Some(tag) = archive.tag(*id)
        && tag.def.parent.is_some()
    {
        commands.push(Command::ApplyEdit(Edit::UpdateTag(TagDef {
            parent: None,
            ..tag.def.clone()
        })));
    }
}

fn tag_node_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    tag: &TagView,
    active_tag: Option<&str>,
    depth: usize,
    commands: &mut Vec<Command>,
) {
    let def = &tag.def;
    let response = ui
        .horizontal(|ui| {
            ui.add_space(depth as f32 * 14.0);
            let (dot, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter()
                .circle_filled(dot.center(), 4.5, tag_colour(def));
            let active = active_tag == Some(def.name.as_str());
            let label = format!("{} ({})", def.name, tag.total);
            let response = ui
                .add(egui::Button::selectable(active, label).sense(egui::Sense::click_and_drag()));
            match &def.description {
                Some(description) => response.on_hover_text(description),
                None => response,
            }
        })
        .inner;
    if response.clicked() {
        commands.push(Command::SetFilter(Filter {
            field: "tag".into(),
            value: def.name.clone(),
        }));
    }
    response.dnd_set_drag_payload(def.id);
    if let Some(dragged) = response.dnd_release_payload::<TagId>()
        && *dragged != def.id
        && let Some(moved) = archive.tag(*dragged)
    {
        commands.push(Command::ApplyEdit(Edit::UpdateTag(TagDef {
            parent: Some(def.id),
            ..moved.def.clone()
        })));
    }
    if !archive.read_only {
        response.context_menu(|ui| tag_menu_ui(ui, lang, archive, tag, commands));
    }
    if depth >= MAX_DEPTH {
        return;
    }
    for child in archive
        .editorial
        .tags
        .iter()
        .filter(|t| t.def.parent == Some(def.id))
    {
        tag_node_ui(ui, lang, archive, child, active_tag, depth + 1, commands);
    }
}

fn tag_menu_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    tag: &TagView,
    commands: &mut Vec<Command>,
) {
    let def = &tag.def;
    if ui.button(lang.tr(Msg::FilterByTag)).clicked() {
        commands.push(Command::SetFilter(Filter {
            field: "tag".into(),
            value: def.name.clone(),
        }));
    }
    if ui.button(lang.tr(Msg::RenameTag)).clicked() {
        commands.push(Command::OpenDialog(TagDialog::Rename {
            id: def.id,
            text: def.name.clone(),
        }));
    }
    ui.menu_button(lang.tr(Msg::TagColour), |ui| {
        ui.horizontal(|ui| {
            for hex in PALETTE {
                let colour = parse_hex(hex).unwrap_or(egui::Color32::GRAY);
                let swatch = egui::Button::new("   ").fill(colour);
                if ui.add(swatch).on_hover_text(hex).clicked() {
                    commands.push(Command::ApplyEdit(Edit::UpdateTag(TagDef {
                        colour: Some(hex.to_string()),
                        ..def.clone()
                    })));
                }
            }
        });
        if ui.button(lang.tr(Msg::NoColour)).clicked() {
            commands.push(Command::ApplyEdit(Edit::UpdateTag(TagDef {
                colour: None,
                ..def.clone()
            })));
        }
    });
    if ui.button(lang.tr(Msg::DescribeTag)).clicked() {
        commands.push(Command::OpenDialog(TagDialog::Describe {
            id: def.id,
            text: def.description.clone().unwrap_or_default(),
        }));
    }
    ui.menu_button(lang.tr(Msg::MergeTagInto), |ui| {
        egui::ScrollArea::vertical()
            .max_height(300.0)
            .show(ui, |ui| {
                for other in archive.editorial.tags.iter().filter(|t| t.def.id != def.id) {
                    if ui.button(&other.def.name).clicked() {
                        commands.push(Command::ApplyEdit(Edit::MergeTag {
                            from: def.id,
                            into: other.def.id,
                        }));
                    }
                }
            });
    });
    if def.parent.is_some() && ui.button(lang.tr(Msg::MoveToTop)).clicked() {
        commands.push(Command::ApplyEdit(Edit::UpdateTag(TagDef {
            parent: None,
            ..def.clone()
        })));
    }
    ui.separator();
    if ui.button(lang.tr(Msg::DeleteTag)).clicked() {
        commands.push(Command::OpenDialog(TagDialog::Delete { id: def.id }));
    }
}

/// Draws the saved searches with their counts; a click runs one.
pub fn saved_searches_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    commands: &mut Vec<Command>,
) {
    if archive.editorial.saved.is_empty() {
        ui.weak(lang.tr(Msg::NothingYet));
    }
    for (saved, count) in &archive.editorial.saved {
        let label = match count {
            Some(n) => fill(lang.tr(Msg::SavedCount), &[("name", &saved.name), ("n", n)]),
            None => saved.name.clone(),
        };
        let response = ui
            .add(egui::Button::selectable(false, label))
            .on_hover_text(&saved.query);
        if response.clicked() {
            commands.push(Command::RunSaved(saved.clone()));
        }
        if !archive.read_only {
            response.context_menu(|ui| {
                if ui.button(lang.tr(Msg::Delete)).clicked() {
                    commands.push(Command::ApplyEdit(Edit::DeleteSavedSearch(
                        saved.name.clone(),
                    )));
                }
            });
        }
    }
}

/// Draws the collections with their sizes; a click lists one in its order.
pub fn collections_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    archive: &ArchiveView,
    active: Option<&str>,
    commands: &mut Vec<Command>,
) {
    if archive.editorial.collections.is_empty() {
        ui.weak(lang.tr(Msg::NothingYet));
    }
    for collection in &archive.editorial.collections {
        let label = format!("{} ({})", collection.name, collection.size);
        let selected = active == Some(collection.name.as_str());
        let response = ui.add(egui::Button::selectable(selected, label));
        if response.clicked() {
            commands.push(Command::SetFilter(Filter {
                field: "in".into(),
                value: collection.name.clone(),
            }));
        }
        // Results dragged onto a collection are added to it.
        if !archive.read_only && response.dnd_release_payload::<DraggedSelection>().is_some() {
            commands.push(Command::Collect(CollectInto::Existing(collection.id)));
        }
        if collection.missing > 0 {
            ui.weak(fill(
                lang.tr(Msg::CollectionMissing),
                &[("name", &collection.name), ("n", &collection.missing)],
            ));
        }
        if !archive.read_only {
            response.context_menu(|ui| {
                if ui.button(lang.tr(Msg::RenameCollection)).clicked() {
                    commands.push(Command::OpenDialog(TagDialog::RenameCollection {
                        id: collection.id,
                        text: collection.name.clone(),
                    }));
                }
                if ui.button(lang.tr(Msg::Export)).clicked() {
                    commands.push(Command::OpenExport(Some(ExportWhat::Collection(
                        collection.id,
                    ))));
                }
                if ui.button(lang.tr(Msg::DeleteCollection)).clicked() {
                    commands.push(Command::ApplyEdit(Edit::DeleteCollection(collection.id)));
                }
            });
        }
    }
}
