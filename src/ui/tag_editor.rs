//! The tag editor: tag chips, the tag input with autocomplete (names and
//! pinyin), the note, and the dialogs for tagging a selection, renaming,
//! describing and deleting tags and saving a search.
//!
//! Like every panel, these read state and push [`Command`]s; the only state
//! they write is their own text buffers.

use eframe::egui;

use crate::archive::ArticleId;
use crate::archive::edit::{ArticleFields, Edit};
use crate::archive::model::{SavedSearch, TagDef};
use crate::ui::app::{Command, JianbaoApp, TagDialog};
use crate::ui::i18n::{Lang, Msg, fill};
use crate::ui::tag_match::suggest;
use crate::ui::worker::{CollectInto, TagView};

/// Colours offered for tags (also the defaults, by tag id).
pub const PALETTE: [&str; 8] = [
    "#c0392b", "#d35400", "#b7950b", "#27ae60", "#16a085", "#2980b9", "#8e44ad", "#7f8c8d",
];

/// The colour of a tag: its own, else one from the palette by id.
pub fn tag_colour(def: &TagDef) -> egui::Color32 {
    def.colour
        .as_deref()
        .and_then(parse_hex)
        .unwrap_or_else(|| {
            let default = PALETTE[def.id.0 as usize % PALETTE.len()];
            parse_hex(default).unwrap_or(egui::Color32::GRAY)
        })
}

/// `#rrggbb` as a colour.
pub fn parse_hex(text: &str) -> Option<egui::Color32> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 {
        return None;
    }
    let byte = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    Some(egui::Color32::from_rgb(byte(0)?, byte(2)?, byte(4)?))
}

/// A small coloured chip with the tag's name.
pub fn chip_ui(ui: &mut egui::Ui, name: &str, colour: egui::Color32) -> egui::Response {
    let text = egui::RichText::new(name)
        .color(egui::Color32::WHITE)
        .size(12.0);
    ui.add(
        egui::Button::new(text)
            .fill(colour)
            .corner_radius(8.0)
            .small(),
    )
}

/// The reader's tags as chips (× removes one) and the input that adds one.
pub fn reader_tags_ui(ui: &mut egui::Ui, app: &mut JianbaoApp, id: &ArticleId, tags: &[String]) {
    let lang = app.settings.lang;
    let Some(archive) = &app.archive else {
        return;
    };
    let editable = !archive.read_only;
    let mut commands = Vec::new();
    ui.horizontal_wrapped(|ui| {
        for name in tags {
            let Some(tag) = archive.tag_named(name) else {
                continue;
            };
            let label = if editable {
                format!("{name} ×")
            } else {
                name.clone()
            };
            let response = chip_ui(ui, &label, tag_colour(&tag.def));
            if editable && response.on_hover_text(lang.tr(Msg::RemoveTag)).clicked() {
                commands.push(Command::RemoveTag(id.clone(), tag.def.id));
            }
        }
    });
    if editable {
        let picked = tag_input_ui(
            ui,
            lang,
            Msg::AddTag,
            "reader_tag_input",
            &mut app.reader.tag_input,
            &archive.editorial.tags,
            tags,
            false,
        );
        if let Some(name) = picked {
            commands.push(Command::AddReaderTag(name));
        }
    }
    app.commands.extend(commands);
}

/// A tag name input with suggestions below it; returns the name picked
/// (a suggestion clicked, Enter on the best one, or a new name confirmed).
/// With `autofocus` (in a dialog), the input takes the keyboard when nothing else has it.
#[allow(clippy::too_many_arguments)]
pub fn tag_input_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    label: Msg,
    id_salt: &str,
    input: &mut String,
    tags: &[TagView],
    skip: &[String],
    autofocus: bool,
) -> Option<String> {
    let mut picked = None;
    let response = ui
        .horizontal(|ui| {
            let label = ui.label(lang.tr(label));
            ui.add(
                egui::TextEdit::singleline(input)
                    .id_salt(id_salt)
                    .hint_text(lang.tr(Msg::AddTagHint))
                    .desired_width(ui.available_width().min(220.0)),
            )
            .labelled_by(label.id)
        })
        .inner;
    if autofocus && wants_focus(ui) {
        response.request_focus();
    }
    let typed = input.trim().to_string();
    let suggestions = if typed.is_empty() && !response.has_focus() {
        Vec::new()
    } else {
        suggest(&typed, tags, skip)
    };
    let exact = tags.iter().any(|t| t.def.name == typed);
    if response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        picked = match suggestions.first() {
            Some(best) if !typed.is_empty() => Some(best.def.name.clone()),
            _ if !typed.is_empty() => Some(typed.clone()),
            _ => None,
        };
    }
    if !suggestions.is_empty() || (!typed.is_empty() && !exact) {
        ui.indent(("suggestions", id_salt), |ui| {
            for tag in &suggestions {
                ui.horizontal(|ui| {
                    if chip_ui(ui, &tag.def.name, tag_colour(&tag.def)).clicked() {
                        picked = Some(tag.def.name.clone());
                    }
                    ui.weak(tag.count.to_string());
                });
            }
            if !typed.is_empty() && !exact {
                let text = fill(lang.tr(Msg::CreateTagNamed), &[("name", &typed)]);
                if ui.small_button(text).clicked() {
                    picked = Some(typed.clone());
                }
            }
        });
    }
    if picked.is_some() {
        input.clear();
    }
    picked
}

/// The note of the reader's article: edited in place, saved after a pause.
pub fn note_ui(ui: &mut egui::Ui, app: &mut JianbaoApp, id: &ArticleId, saved: &str) {
    let lang = app.settings.lang;
    let read_only = app.archive.as_ref().is_none_or(|a| a.read_only);
    let mut text = match &app.reader.note_draft {
        Some(draft) if &draft.id == id => draft.text.clone(),
        _ => saved.to_string(),
    };
    let label = ui.strong(lang.tr(Msg::NoteHeading));
    let response = ui
        .add_enabled(
            !read_only,
            egui::TextEdit::multiline(&mut text)
                .id_salt(("note", id.as_str()))
                .hint_text(lang.tr(Msg::NoteHint))
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    if response.changed() {
        app.push(Command::EditNote(text));
    }
    if response.lost_focus() {
        app.push(Command::SaveNote);
    }
}

/// A labelled one-line field with OK and Cancel; returns the trimmed text on
/// OK or Enter, pushes nothing on Cancel (the caller's modal closes on Escape).
fn text_field_ui(ui: &mut egui::Ui, lang: Lang, label: Msg, text: &mut String) -> Option<String> {
    let mut done = false;
    ui.horizontal(|ui| {
        let label = ui.label(lang.tr(label));
        let response = ui.text_edit_singleline(text).labelled_by(label.id);
        if wants_focus(ui) {
            response.request_focus();
        }
        done = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    });
    ui.horizontal(|ui| {
        done |= ui.button(lang.tr(Msg::Ok)).clicked();
        if ui.button(lang.tr(Msg::Cancel)).clicked() {
            ui.memory_mut(|m| {
                m.data
                    .insert_temp(egui::Id::unique("tag_dialog_cancel"), true)
            });
        }
    });
    done.then(|| text.trim().to_string())
}

/// Whether a dialog's field should take the keyboard: nothing has it, and
/// it is not Enter (which a single-line field gives up to say "done") that
/// just took it away.
fn wants_focus(ui: &egui::Ui) -> bool {
    ui.memory(|m| m.focused().is_none()) && !ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Draws whichever tag-editor dialog is open.
pub fn dialogs_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let selected = app.selection.len(app.row_source().total());
    let (Some(dialog), Some(archive)) = (&mut app.dialog, &app.archive) else {
        return;
    };
    let mut commands = Vec::new();
    egui::Modal::new(egui::Id::unique("tag_editor_dialog")).show(ui.ctx(), |ui| {
        ui.set_width(360.0);
        match dialog {
            TagDialog::TagSelection { input } => {
                ui.heading(fill(lang.tr(Msg::TagDialogTitle), &[("n", &selected)]));
                if selected == 0 {
                    ui.label(lang.tr(Msg::NothingSelected));
                } else if let Some(name) = tag_input_ui(
                    ui,
                    lang,
                    Msg::TagName,
                    "selection_tag_input",
                    input,
                    &archive.editorial.tags,
                    &[],
                    true,
                ) {
                    commands.push(Command::TagSelection(name));
                }
            }
            TagDialog::Rename { id, text } => {
                let Some(tag) = archive.tag(*id) else {
                    commands.push(Command::CloseDialog);
                    return;
                };
                ui.heading(format!(
                    "{} · {}",
                    lang.tr(Msg::RenameTag).trim_end_matches('…'),
                    tag.def.name
                ));
                if let Some(name) = text_field_ui(ui, lang, Msg::NewName, text) {
                    commands.push(Command::ApplyEdit(Edit::UpdateTag(TagDef {
                        name,
                        ..tag.def.clone()
                    })));
                }
            }
            TagDialog::Describe { id, text } => {
                let Some(tag) = archive.tag(*id) else {
                    commands.push(Command::CloseDialog);
                    return;
                };
                ui.heading(format!("{} · {}", lang.tr(Msg::DescribeTag), tag.def.name));
                if let Some(description) = text_field_ui(ui, lang, Msg::Description, text) {
                    commands.push(Command::ApplyEdit(Edit::UpdateTag(TagDef {
                        description: (!description.is_empty()).then_some(description),
                        ..tag.def.clone()
                    })));
                }
            }
            TagDialog::Delete { id } => {
                let Some(tag) = archive.tag(*id) else {
                    commands.push(Command::CloseDialog);
                    return;
                };
                ui.label(fill(
                    lang.tr(Msg::DeleteTagConfirm),
                    &[("name", &tag.def.name), ("n", &tag.count)],
                ));
                ui.horizontal(|ui| {
                    if ui.button(lang.tr(Msg::Delete)).clicked() {
                        commands.push(Command::ApplyEdit(Edit::DeleteTag(*id)));
                    }
                    if ui.button(lang.tr(Msg::Cancel)).clicked() {
                        commands.push(Command::CloseDialog);
                    }
                });
            }
            TagDialog::EditFields { id, texts } => {
                ui.heading(lang.tr(Msg::FieldsTitle));
                egui::Grid::new("article_fields")
                    .num_columns(2)
                    .show(ui, |ui| {
                        let labels = [
                            Msg::FieldKicker,
                            Msg::FieldHeadline,
                            Msg::FieldSubtitle,
                            Msg::FieldByline,
                            Msg::FieldReporters,
                        ];
                        for (msg, text) in labels.into_iter().zip(texts.iter_mut()) {
                            let label = ui.label(lang.tr(msg));
                            let edit = if msg == Msg::FieldHeadline {
                                // A wrapped headline keeps its line breaks.
                                egui::TextEdit::multiline(text).desired_rows(2)
                            } else {
                                egui::TextEdit::singleline(text)
                            };
                            ui.add(edit.desired_width(260.0)).labelled_by(label.id);
                            ui.end_row();
                        }
                    });
                ui.horizontal(|ui| {
                    if ui.button(lang.tr(Msg::Ok)).clicked() {
                        let mut fields = ArticleFields::default();
                        let names = ["kicker", "headline", "subtitle", "byline", "reporters"];
                        for (name, text) in names.into_iter().zip(texts.iter()) {
                            // The names are the five fields `set` knows.
                            let _ = fields.set(name, text);
                        }
                        commands.push(Command::ApplyEdit(Edit::SetFields {
                            article: id.clone(),
                            fields,
                        }));
                    }
                    if ui.button(lang.tr(Msg::Cancel)).clicked() {
                        commands.push(Command::CloseDialog);
                    }
                });
            }
            TagDialog::NewCollection { name } => {
                ui.heading(fill(lang.tr(Msg::NewCollectionTitle), &[("n", &selected)]));
                if let Some(name) = text_field_ui(ui, lang, Msg::SearchName, name) {
                    commands.push(Command::Collect(CollectInto::New(name)));
                }
            }
            TagDialog::RenameCollection { id, text } => {
                ui.heading(lang.tr(Msg::RenameCollection).trim_end_matches('…'));
                if let Some(name) = text_field_ui(ui, lang, Msg::NewName, text) {
                    commands.push(Command::ApplyEdit(Edit::RenameCollection { id: *id, name }));
                }
            }
            TagDialog::EntityName {
                kind,
                name,
                action,
                text,
            } => {
                use crate::ui::names_panel::NameDialogKind;
                use crate::ui::worker::EntityAction;
                let (title, label) = match action {
                    NameDialogKind::Rename => (Msg::NamesRenameTitle, Msg::NewName),
                    NameDialogKind::Alias => (Msg::NamesAliasTitle, Msg::NamesAliasLabel),
                    NameDialogKind::MergeInto => (Msg::NamesMergeTitle, Msg::NamesMergeLabel),
                };
                ui.heading(fill(lang.tr(title), &[("name", name)]));
                if let Some(typed) = text_field_ui(ui, lang, label, text) {
                    let name = name.clone();
                    let action = match action {
                        NameDialogKind::Rename => EntityAction::Rename { name, new: typed },
                        NameDialogKind::Alias => EntityAction::Alias { name, alias: typed },
                        NameDialogKind::MergeInto => EntityAction::Merge {
                            from: name,
                            into: typed,
                        },
                    };
                    commands.push(Command::Entity {
                        kind: *kind,
                        action,
                    });
                }
            }
            TagDialog::SaveSearch { query, name } => {
                ui.heading(lang.tr(Msg::SaveSearchTitle));
                ui.monospace(query.as_str());
                let enter = ui
                    .horizontal(|ui| {
                        let label = ui.label(lang.tr(Msg::SearchName));
                        let response = ui.text_edit_singleline(name).labelled_by(label.id);
                        if wants_focus(ui) {
                            response.request_focus();
                        }
                        response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
                    })
                    .inner;
                ui.horizontal(|ui| {
                    if (ui.button(lang.tr(Msg::Save)).clicked() || enter) && !name.trim().is_empty()
                    {
                        commands.push(Command::ApplyEdit(Edit::SaveSearch {
                            position: usize::MAX,
                            search: SavedSearch {
                                name: name.trim().to_string(),
                                query: query.clone(),
                            },
                        }));
                    }
                    if ui.button(lang.tr(Msg::Cancel)).clicked() {
                        commands.push(Command::CloseDialog);
                    }
                });
            }
        }
    });
    let cancelled = ui.memory_mut(|m| {
        m.data
            .remove_temp::<bool>(egui::Id::unique("tag_dialog_cancel"))
            .unwrap_or(false)
    });
    let escape = ui.input(|i| i.key_pressed(egui::Key::Escape));
    if escape || cancelled {
        commands.push(Command::CloseDialog);
    }
    app.commands.extend(commands);
}
