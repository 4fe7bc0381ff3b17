//! The index of names in the left panel: people, places, organisations
//! and reporters the articles name, each with its articles; filtered as
//! typed (characters, pinyin or initials), ordered by count or by pinyin; a
//! click filters the results, the context menu renames, merges, adds an
//! alias or says a name is none.
//!
//! The panel writes only its own state (section, filter, order) and asks
//! for everything else with [`Command`]s.

use eframe::egui;

use crate::archive::session::NameKind;
use crate::ui::app::{Command, Filter};
use crate::ui::i18n::{Lang, Msg, fill};
use crate::ui::state::{NameOrder, NamesState, TagDialog};
use crate::ui::worker::{EntityAction, NameView};

/// The words of a section's tab.
pub fn kind_word(kind: NameKind) -> Msg {
    match kind {
        NameKind::Person => Msg::KindPerson,
        NameKind::Place => Msg::KindPlace,
        NameKind::Org => Msg::KindOrg,
        NameKind::Reporter => Msg::KindReporter,
    }
}

/// The names of `list` the filter finds, in the order asked for, as
/// indices into `list`. Matching is on the name and aliases, by characters,
/// full pinyin (`qiaojunjie`) or initials (`qjj`).
pub fn shown(list: &[NameView], filter: &str, order: NameOrder) -> Vec<usize> {
    let filter = filter.trim().to_lowercase();
    let mut found: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let v = &list[i];
            filter.is_empty()
                || v.entry.name.to_lowercase().contains(&filter)
                || v.entry.aliases.iter().any(|a| a.contains(filter.as_str()))
                || v.pinyin.contains(&filter)
                || v.initials.contains(&filter)
        })
        .collect();
    match order {
        NameOrder::Count => found.sort_by(|&a, &b| {
            list[b]
                .entry
                .articles
                .cmp(&list[a].entry.articles)
                .then_with(|| list[a].pinyin.cmp(&list[b].pinyin))
        }),
        NameOrder::Pinyin => found.sort_by(|&a, &b| list[a].pinyin.cmp(&list[b].pinyin)),
    }
    found
}

/// Draws the index of names. `active` is the value of the results'
/// filter on the section's field, if any.
pub fn names_panel_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    names: &mut NamesState,
    active: impl Fn(&str) -> Option<String>,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        for kind in NameKind::ALL {
            if ui
                .selectable_label(names.kind() == kind, lang.tr(kind_word(kind)))
                .clicked()
            {
                names.kind = Some(kind);
            }
        }
    });
    let kind = names.kind();
    if !names.lists.contains_key(&kind) {
        commands.push(Command::ListNames(kind));
    }
    ui.horizontal(|ui| {
        let label = ui.label(lang.tr(Msg::NamesFilter));
        let edit = egui::TextEdit::singleline(&mut names.filter)
            .hint_text(lang.tr(Msg::NamesFilterHint))
            .desired_width(f32::INFINITY);
        ui.add(edit).labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        ui.weak(lang.tr(Msg::NamesOrder));
        for (order, msg) in [
            (NameOrder::Count, Msg::NamesByCount),
            (NameOrder::Pinyin, Msg::NamesByPinyin),
        ] {
            if ui
                .selectable_label(names.order == order, lang.tr(msg))
                .clicked()
            {
                names.order = order;
            }
        }
    });
    let Some(list) = names.lists.get(&kind) else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(lang.tr(Msg::NamesLoading));
        });
        return;
    };
    // Filtering and ordering a large index costs milliseconds: done again
    // only when the filter, the order or the list changes.
    let key = (kind, names.filter.clone(), names.order, list.len());
    if names.shown.as_ref().is_none_or(|(k, _)| *k != key) {
        names.shown = Some((key, shown(list, &names.filter, names.order)));
    }
    let rows = names
        .shown
        .as_ref()
        .map(|(_, r)| r.as_slice())
        .unwrap_or(&[]);
    ui.weak(fill(
        lang.tr(Msg::NamesCount),
        &[("n", &rows.len()), ("all", &list.len())],
    ));
    if rows.is_empty() {
        ui.weak(lang.tr(Msg::NamesNone));
        return;
    }
    let active = active(kind.name());
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    egui::ScrollArea::vertical()
        .id_salt(("names_list", kind))
        .auto_shrink([false, false])
        .show_rows(ui, row_height, rows.len(), |ui, range| {
            for &i in &rows[range] {
                name_row_ui(ui, lang, kind, &list[i], active.as_deref(), commands);
            }
        });
}

fn name_row_ui(
    ui: &mut egui::Ui,
    lang: Lang,
    kind: NameKind,
    view: &NameView,
    active: Option<&str>,
    commands: &mut Vec<Command>,
) {
    let entry = &view.entry;
    let text = format!("{}  {}", entry.name, entry.articles);
    let selected = active == Some(entry.name.as_str());
    let response = ui
        .add(egui::Button::selectable(selected, text).truncate())
        .on_hover_text(if entry.aliases.is_empty() {
            lang.tr(Msg::NamesClickHint).to_string()
        } else {
            fill(
                lang.tr(Msg::NamesAliases),
                &[("aliases", &entry.aliases.join("、"))],
            )
        });
    if response.clicked() {
        commands.push(if selected {
            Command::RemoveFilterField(kind.name().to_string())
        } else {
            Command::SetFilter(Filter {
                field: kind.name().to_string(),
                value: entry.name.clone(),
            })
        });
    }
    let Some(entity) = kind.entity() else {
        return;
    };
    response.context_menu(|ui| {
        let name = entry.name.clone();
        for (msg, dialog) in [
            (Msg::NamesRename, NameDialogKind::Rename),
            (Msg::NamesAddAlias, NameDialogKind::Alias),
            (Msg::NamesMergeInto, NameDialogKind::MergeInto),
        ] {
            if ui.button(lang.tr(msg)).clicked() {
                commands.push(Command::OpenDialog(TagDialog::EntityName {
                    kind: entity,
                    name: name.clone(),
                    action: dialog,
                    text: String::new(),
                }));
                ui.close();
            }
        }
        ui.separator();
        if ui.button(lang.tr(Msg::NamesNotAnEntity)).clicked() {
            commands.push(Command::Entity {
                kind: entity,
                action: EntityAction::NotAnEntity { name },
            });
            ui.close();
        }
    });
}

/// What the name dialog of the index asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameDialogKind {
    /// A new name.
    Rename,
    /// Another name.
    Alias,
    /// The entity to merge into.
    MergeInto,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::session::NameEntry;

    fn view(name: &str, articles: u64, aliases: &[&str]) -> NameView {
        let mut pinyin = String::new();
        let mut initials = String::new();
        for n in std::iter::once(name).chain(aliases.iter().copied()) {
            let (full, first) = crate::ui::tag_match::pinyin_keys(n);
            pinyin.push_str(&full);
            pinyin.push(' ');
            initials.push_str(&first);
            initials.push(' ');
        }
        NameView {
            entry: NameEntry {
                id: None,
                kind: NameKind::Person,
                name: name.into(),
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                articles,
            },
            pinyin,
            initials,
        }
    }

    #[test]
    fn names_are_found_by_characters_pinyin_initials_and_aliases() {
        let list = vec![
            view("乔俊杰", 3, &["乔书记"]),
            view("朱小平", 1, &[]),
            view("张小虎", 5, &[]),
        ];
        let names = |filter, order| -> Vec<&str> {
            shown(&list, filter, order)
                .into_iter()
                .map(|i| list[i].entry.name.as_str())
                .collect()
        };
        assert_eq!(names("", NameOrder::Count), ["张小虎", "乔俊杰", "朱小平"]);
        assert_eq!(names("", NameOrder::Pinyin), ["乔俊杰", "张小虎", "朱小平"]);
        assert_eq!(names("小", NameOrder::Count), ["张小虎", "朱小平"]);
        assert_eq!(names("qjj", NameOrder::Count), ["乔俊杰"]);
        assert_eq!(names("zhuxiao", NameOrder::Count), ["朱小平"]);
        assert_eq!(names("书记", NameOrder::Count), ["乔俊杰"]);
        assert_eq!(names("QIAO", NameOrder::Count), ["乔俊杰"]);
        assert!(names("王", NameOrder::Count).is_empty());
    }
}
