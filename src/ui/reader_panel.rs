//! The right panel: the article as printed, with the query's matches highlighted.

use eframe::egui;
use egui::text::LayoutJob;

use crate::archive::edit::Edit;
use crate::archive::entities::EntityKind;
use crate::ui::app::{Command, JianbaoApp, TagDialog};
use crate::ui::backend::highlight_ranges;
use crate::ui::i18n::words::error_text;
use crate::ui::i18n::{Msg, fill};
use crate::ui::state::Filter;
use crate::ui::tag_editor;
use crate::ui::worker::{LoadedArticle, MarkField};

/// Names of one kind shown under the byline; the rest are counted.
const MAX_ENTITY_NAMES: usize = 12;

/// Draws the reader.
pub fn reader_panel_ui(ui: &mut egui::Ui, app: &mut JianbaoApp) {
    let lang = app.settings.lang;
    let total = app.row_source().total();
    let cursor = app.selection.cursor;
    // Wrapped: at 800×600 the reader is narrower than its buttons.
    ui.horizontal_wrapped(|ui| {
        let has_prev = cursor.is_some_and(|c| c > 0);
        let has_next = cursor.map_or(total > 0, |c| c + 1 < total);
        if ui
            .add_enabled(
                has_prev,
                egui::Button::new(format!("◀ {}", lang.tr(Msg::PreviousArticle))),
            )
            .clicked()
        {
            app.push(Command::MoveCursor(-1));
        }
        if ui
            .add_enabled(
                has_next,
                egui::Button::new(format!("{} ▶", lang.tr(Msg::NextArticle))),
            )
            .clicked()
        {
            app.push(Command::MoveCursor(1));
        }
        if ui
            .add_enabled(
                app.reader.loaded.is_some(),
                egui::Button::new(lang.tr(Msg::CopyText)),
            )
            .clicked()
        {
            app.push(Command::CopyArticle);
        }
        let writable = app.archive.as_ref().is_some_and(|a| !a.read_only);
        let label = if app.correcting {
            Msg::CorrectDone
        } else {
            Msg::Correct
        };
        if ui
            .add_enabled(
                writable && app.reader.loaded.is_some(),
                egui::Button::selectable(app.correcting, lang.tr(label)),
            )
            .on_hover_text(lang.tr(Msg::CorrectHint))
            .on_disabled_hover_text(lang.tr(Msg::CorrectHint))
            .clicked()
        {
            app.push(Command::ToggleCorrecting);
        }
        if ui
            .add(egui::Button::selectable(
                app.settings.show_page,
                lang.tr(Msg::PageView),
            ))
            .on_hover_text(lang.tr(Msg::PageViewHint))
            .clicked()
        {
            app.push(Command::TogglePageView);
        }
    });
    ui.separator();
    if let Some(error) = &app.reader.error {
        let error = match (error, &app.reader.id) {
            (Some(e), _) => error_text(lang, e),
            (None, Some(id)) => fill(lang.tr(Msg::ErrUnknownArticle), &[("id", id)]),
            (None, None) => String::new(),
        };
        ui.colored_label(
            ui.visuals().error_fg_color,
            fill(lang.tr(Msg::LoadFailed), &[("error", &error)]),
        );
        return;
    }
    // A copy: the tag editor below pushes commands through `app` while this is shown.
    let Some(loaded) = app.reader.loaded.clone() else {
        if app.reader.id.is_some() {
            ui.spinner();
        } else {
            ui.centered_and_justified(|ui| ui.weak(lang.tr(Msg::NoArticleSelected)));
        }
        return;
    };
    let query = app.search.sent.clone().unwrap_or_default();
    let article = &loaded.article;
    // The tag editor and the note stay in view below the text, however long it is.
    egui::Panel::bottom("reader_tools")
        .resizable(true)
        .default_size(150.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("reader_tools_scroll")
                .show(ui, |ui| {
                    let tag_names: Vec<String> = article
                        .tags
                        .iter()
                        .filter_map(|t| app.archive.as_ref()?.tag(*t))
                        .map(|t| t.def.name.clone())
                        .collect();
                    tag_editor::reader_tags_ui(ui, app, &article.id, &tag_names);
                    tag_editor::note_ui(ui, app, &article.id, &article.note);
                });
        });
    if app.settings.show_page {
        let mut commands = Vec::new();
        crate::ui::page_view::page_view_ui(
            ui,
            &mut app.page_view,
            Some(&article.id),
            lang,
            &mut commands,
        );
        app.commands.extend(commands);
        return;
    }
    egui::ScrollArea::vertical()
        .id_salt(("reader", article.id.as_str()))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.style_mut().spacing.item_spacing.y = 8.0;
            // Each field's mentions, as byte ranges of the text shown.
            let all_marks = app.reader.marks.clone();
            let marks_of = |field: MarkField, shift: usize| -> Vec<_> {
                all_marks
                    .iter()
                    .filter(|m| m.field == field)
                    .map(|m| (m.bytes.start + shift..m.bytes.end + shift, m.kind))
                    .collect()
            };
            if let Some(kicker) = &article.kicker {
                let marks = marks_of(MarkField::Kicker, 0);
                highlighted_ui(ui, kicker, &query, &marks, KICKER_SIZE, false);
            }
            match &article.headline {
                Some(headline) => {
                    let marks = marks_of(MarkField::Headline, 0);
                    highlighted_ui(ui, headline, &query, &marks, HEADLINE_SIZE, true);
                }
                None => {
                    ui.heading(lang.tr(Msg::Untitled));
                }
            }
            if let Some(subtitle) = &article.subtitle {
                let marks = marks_of(MarkField::Subtitle, 0);
                highlighted_ui(ui, subtitle, &query, &marks, KICKER_SIZE, false);
            }
            ui.weak(fill(
                lang.tr(Msg::DatePage),
                &[
                    ("date", &loaded.date.format("%Y-%m-%d")),
                    ("page", &loaded.page),
                ],
            ));
            // Each reporter's name filters the results to their articles.
            for (msg, names) in [
                (Msg::Reporters, &article.reporters),
                (Msg::Correspondents, &article.correspondents),
            ] {
                if names.is_empty() {
                    continue;
                }
                let template = lang.tr(msg);
                let (before, after) = template.split_once("{names}").unwrap_or((template, ""));
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 0.0;
                    ui.label(before);
                    for (at, name) in names.iter().enumerate() {
                        if at > 0 {
                            ui.label("、");
                        }
                        if ui
                            .link(name.as_str())
                            .on_hover_text(lang.tr(Msg::ReporterFilterHint))
                            .clicked()
                        {
                            app.push(Command::SetFilter(Filter {
                                field: "reporter".into(),
                                value: name.clone(),
                            }));
                        }
                    }
                    if !after.is_empty() {
                        ui.label(after);
                    }
                });
            }
            // The people, places and organisations named: each searches the archive.
            for (kind, msg) in [
                (EntityKind::Person, Msg::EntityPeople),
                (EntityKind::Place, Msg::EntityPlaces),
                (EntityKind::Org, Msg::EntityOrgs),
            ] {
                let names: Vec<String> = app
                    .reader
                    .entities
                    .iter()
                    .filter(|(k, _)| *k == kind)
                    .map(|(_, n)| n.clone())
                    .collect();
                if names.is_empty() {
                    continue;
                }
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 6.0;
                    ui.weak(lang.tr(msg));
                    // A long list would push the text out of sight: the
                    // first few, and how many more (named in the tooltip).
                    let rest = names
                        .get(MAX_ENTITY_NAMES..)
                        .filter(|r| !r.is_empty())
                        .map(|r| r.join("、"));
                    for name in names.iter().take(MAX_ENTITY_NAMES) {
                        if ui
                            .add(
                                egui::Button::new(egui::RichText::new(name.as_str()).small())
                                    .small(),
                            )
                            .on_hover_text(lang.tr(Msg::EntitySearchHint))
                            .clicked()
                        {
                            app.push(Command::SetFilter(Filter {
                                field: kind.name().into(),
                                value: name.clone(),
                            }));
                        }
                    }
                    if let Some(rest) = rest {
                        let more = names.len() - MAX_ENTITY_NAMES;
                        ui.weak(fill(lang.tr(Msg::EntityMore), &[("n", &more)]))
                            .on_hover_text(rest);
                    }
                });
            }
            ui.weak(match &loaded.source {
                Some(source) => format!("{} · {source}", article.id),
                None => article.id.to_string(),
            });
            if loaded.corrected {
                ui.weak(lang.tr(Msg::CorrectedByHand));
            }
            if app.correcting {
                correction_tools_ui(ui, app, &loaded);
            }
            ui.separator();
            // The byline opens the first paragraph, as printed.
            let mut paragraphs = article.paragraphs.iter();
            let first = match (&article.byline, paragraphs.next()) {
                (Some(byline), Some(p)) => Some(format!("{byline}{p}")),
                (Some(byline), None) => Some(byline.clone()),
                (None, Some(p)) => Some(p.clone()),
                (None, None) => None,
            };
            for (at, paragraph) in first.iter().chain(paragraphs).enumerate() {
                if app.correcting && at > 0 && ui.small_button(lang.tr(Msg::SplitHere)).clicked() {
                    app.push(Command::ApplyEdit(Edit::SplitArticle {
                        article: article.id.clone(),
                        at,
                    }));
                }
                // The byline opens the first paragraph: its mentions move by it.
                let shift = if at == 0 {
                    article.byline.as_ref().map_or(0, String::len)
                } else {
                    0
                };
                let marks = marks_of(MarkField::Paragraph(at), shift);
                highlighted_ui(ui, paragraph, &query, &marks, BODY_SIZE, false);
            }
        });
}

/// Merge with the previous article, and the dialog that corrects the title block.
fn correction_tools_ui(ui: &mut egui::Ui, app: &mut JianbaoApp, loaded: &LoadedArticle) {
    let lang = app.settings.lang;
    let article = &loaded.article;
    ui.horizontal_wrapped(|ui| {
        // The first article of its page has none before it to merge with.
        if ui
            .add_enabled(
                loaded.previous.is_some(),
                egui::Button::new(lang.tr(Msg::MergePrevious)),
            )
            .on_disabled_hover_text(lang.tr(Msg::MergeFirstHint))
            .clicked()
        {
            app.push(Command::ApplyEdit(Edit::MergeWithPrevious {
                article: article.id.clone(),
            }));
        }
        if ui.button(lang.tr(Msg::EditFields)).clicked() {
            let text = |t: &Option<String>| t.clone().unwrap_or_default();
            app.push(Command::OpenDialog(TagDialog::EditFields {
                id: article.id.clone(),
                texts: [
                    text(&article.kicker),
                    text(&article.headline),
                    text(&article.subtitle),
                    text(&article.byline),
                    article.reporters.join("、"),
                ],
            }));
        }
    });
}

/// Size of the kicker and subtitle, in points.
const KICKER_SIZE: f32 = 15.0;
/// Size of the headline, in points.
const HEADLINE_SIZE: f32 = 24.0;
/// Size of body text, in points: larger than the UI's, for reading.
const BODY_SIZE: f32 = 16.0;

/// Characters a line must not start with in Chinese typesetting (避头标点).
const NO_LINE_START: &str = "，。、；：？！）》」』】〕〉”’…—·％,.;:?!)]}";

/// A wrapped label of `size` points with the query's matches highlighted
/// and the names extraction found (`marks`, byte ranges) underlined in
/// their kind's colour.
///
/// Chinese wraps at any character, so lines stay full before runs of
/// full-width digits or Latin (which egui would otherwise keep whole); where
/// that would start a line with closing punctuation, the character before it
/// moves down with it, as typesetters do.
fn highlighted_ui(
    ui: &mut egui::Ui,
    text: &str,
    query: &str,
    marks: &[(std::ops::Range<usize>, EntityKind)],
    size: f32,
    strong: bool,
) {
    let font_id = crate::ui::fonts::article_font(size);
    let visuals = ui.visuals();
    let color = if strong {
        visuals.strong_text_color()
    } else {
        visuals.text_color()
    };
    let normal = egui::TextFormat {
        font_id,
        color,
        line_height: Some(size * 1.55),
        ..Default::default()
    };
    let background = if visuals.dark_mode {
        egui::Color32::from_rgb(110, 90, 0)
    } else {
        egui::Color32::from_rgb(255, 230, 120)
    };
    let mut ranges = Vec::new();
    let mut at = 0;
    for range in highlight_ranges(query, text) {
        // Overlapping or out-of-bounds ranges: keep the first.
        if range.start >= at && text.get(range.clone()).is_some() {
            at = range.end;
            ranges.push(range);
        }
    }
    let dark = visuals.dark_mode;
    let sections = styled_sections(text, &ranges, marks, |matched, kind| {
        let mut format = normal.clone();
        if matched {
            format.background = background;
        }
        if let Some(kind) = kind {
            format.underline = egui::Stroke::new(1.5, entity_colour(kind, dark));
        }
        format
    });
    let job = wrapped_job(ui.painter(), text, &sections, ui.available_width());
    ui.add(egui::Label::new(job).wrap());
}

/// The colour a kind of entity is underlined in.
pub fn entity_colour(kind: EntityKind, dark: bool) -> egui::Color32 {
    match (kind, dark) {
        (EntityKind::Person, false) => egui::Color32::from_rgb(200, 60, 40),
        (EntityKind::Person, true) => egui::Color32::from_rgb(240, 120, 100),
        (EntityKind::Place, false) => egui::Color32::from_rgb(30, 120, 60),
        (EntityKind::Place, true) => egui::Color32::from_rgb(110, 200, 130),
        (EntityKind::Org, false) => egui::Color32::from_rgb(40, 80, 190),
        (EntityKind::Org, true) => egui::Color32::from_rgb(120, 160, 240),
    }
}

/// `text` cut into sections that each have one style: whether a query
/// match covers it and which entity's mention, if any. The sections cover
/// the text in order; ranges off a character boundary are dropped.
fn styled_sections(
    text: &str,
    matches: &[std::ops::Range<usize>],
    marks: &[(std::ops::Range<usize>, EntityKind)],
    format: impl Fn(bool, Option<EntityKind>) -> egui::TextFormat,
) -> Vec<(std::ops::Range<usize>, egui::TextFormat)> {
    let fits = |r: &std::ops::Range<usize>| r.start < r.end && text.get(r.clone()).is_some();
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for r in matches.iter().chain(marks.iter().map(|(r, _)| r)) {
        if fits(r) {
            cuts.extend([r.start, r.end]);
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .filter(|w| w[0] < w[1])
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let matched = matches
                .iter()
                .any(|r| fits(r) && r.start <= a && b <= r.end);
            let kind = marks
                .iter()
                .find(|(r, _)| fits(r) && r.start <= a && b <= r.end)
                .map(|(_, k)| *k);
            (a..b, format(matched, kind))
        })
        .collect()
}

/// `text` laid out `width` wide in its `sections` (covering it in order):
/// wrapped at any character, with line breaks inserted so that no line
/// starts with closing punctuation.
fn wrapped_job(
    painter: &egui::Painter,
    text: &str,
    sections: &[(std::ops::Range<usize>, egui::TextFormat)],
    width: f32,
) -> LayoutJob {
    let build = |breaks: &[usize]| {
        let mut job = LayoutJob::default();
        for (range, format) in sections {
            append_broken(&mut job, text, range.clone(), breaks, format);
        }
        job.wrap.max_width = width;
        job.wrap.break_anywhere = true;
        job
    };
    let mut breaks: Vec<usize> = Vec::new();
    let mut job = build(&breaks);
    // Each round moves one character down; a paragraph has few such lines.
    for _ in 0..64 {
        let galley = painter.layout_job(job.clone());
        let Some(at) = punctuation_line_start(&galley, text) else {
            break;
        };
        let index = breaks.partition_point(|&b| b < at);
        breaks.insert(index, at);
        job = build(&breaks);
    }
    job
}

/// Appends `text[range]` in `format`, with a line break before each offset
/// of `breaks` inside it.
fn append_broken(
    job: &mut LayoutJob,
    text: &str,
    range: std::ops::Range<usize>,
    breaks: &[usize],
    format: &egui::TextFormat,
) {
    if range.start < range.end && breaks.contains(&range.start) {
        // A break exactly at a section's start goes before the section.
        job.append("\n", 0.0, format.clone());
    }
    let mut at = range.start;
    for &b in breaks.iter().filter(|&&b| b > range.start && b < range.end) {
        job.append(&text[at..b], 0.0, format.clone());
        job.append("\n", 0.0, format.clone());
        at = b;
    }
    job.append(&text[at..range.end], 0.0, format.clone());
}

/// Whether `c` is part of a run kept on one line: digits and Latin letters,
/// ASCII or full-width (`2024`, `ＯＥＣＤ`).
fn is_run_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('０'..='９').contains(&c)
        || ('Ａ'..='Ｚ').contains(&c)
        || ('ａ'..='ｚ').contains(&c)
}

/// How many characters at the end of `row` move down to `next`: the one
/// before closing punctuation that would start `next` (避头标点), or a run
/// of digits or letters that the wrap would cut (`因23` / `2省道`). None
/// when the rows may stay as they are, or when the run fills its row (a
/// line-long number can only be cut).
fn chars_to_move(
    row: &egui::epaint::text::PlacedRow,
    next: &egui::epaint::text::PlacedRow,
) -> Option<usize> {
    if row.ends_with_newline || row.glyphs.len() < 2 {
        return None;
    }
    let first = next.glyphs.first()?.chr;
    if NO_LINE_START.contains(first) {
        return Some(1);
    }
    // The characters around the break: the row's, then the next row's.
    let n = row.glyphs.len();
    let char_at = |i: usize| -> Option<char> {
        match i.checked_sub(n) {
            None => row.glyphs.get(i).map(|g| g.chr),
            Some(j) => next.glyphs.get(j).map(|g| g.chr),
        }
    };
    // A decimal point between digits belongs to the number (`2.3公里`).
    let in_run = |i: usize| {
        char_at(i).is_some_and(|c| {
            is_run_char(c)
                || (is_decimal_point(c)
                    && i > 0
                    && char_at(i - 1).is_some_and(|d| d.is_ascii_digit() || is_wide_digit(d))
                    && char_at(i + 1).is_some_and(|d| d.is_ascii_digit() || is_wide_digit(d)))
        })
    };
    if in_run(n) && in_run(n - 1) {
        let run = (0..n).rev().take_while(|&i| in_run(i)).count();
        return (run < n).then_some(run);
    }
    None
}

/// `.` or `．`: a decimal point where digits stand on both sides.
fn is_decimal_point(c: char) -> bool {
    c == '.' || c == '．'
}

fn is_wide_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

/// The offset in `text` where a line break goes so that no wrapped line of
/// `galley` starts with closing punctuation or cuts a number or word: the
/// character(s) of the line before the first offending line that move down
/// (see [`chars_to_move`]). Runs every frame for every paragraph shown, so it
/// allocates nothing and, in the usual case of no offending line, looks only
/// at each row's first and last glyphs.
fn punctuation_line_start(galley: &egui::Galley, text: &str) -> Option<usize> {
    let (offending, moved) = galley
        .rows
        .iter()
        .zip(galley.rows.iter().skip(1))
        .enumerate()
        .find_map(|(at, (row, next))| chars_to_move(row, next).map(|n| (at, n)))?;
    // Walk the text row by row to the offending row's last character. A row
    // ending in a line break of the text itself is followed by that `\n`,
    // which has no glyph; an inserted break is not a character of `text`.
    let mut chars = text.char_indices().peekable();
    for row in &galley.rows[..offending] {
        if let Some(last) = row.glyphs.len().checked_sub(1) {
            chars.nth(last);
        }
        if row.ends_with_newline && chars.peek().is_some_and(|&(_, c)| c == '\n') {
            chars.next();
        }
    }
    let count = galley.rows[offending].glyphs.len();
    chars.nth(count - moved).map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_wrapped_line_starts_with_closing_punctuation() {
        let ctx = egui::Context::default();
        crate::ui::fonts::install_fonts(&ctx);
        // A paragraph, and a headline with a line break as printed.
        let texts = [
            "这次研讨会的主题是关于中国经济与世界经济的比较。与会专家分别就中国经济的国际比较和世界经济新时代的机遇与挑战作了专题演讲，并介绍了ＯＥＣＤ关于中国经济增长研究的最新信息，１９９８年。",
            "“全球经济与中国经济发展”研讨会，今日召开。\n与会专家分别就中国经济的国际比较作了演讲，并介绍了最新信息。",
            "因23省道改造，2022年至2024年间共投入资金12345万元，ＯＥＣＤ与WTO的报告均有记载。",
            "前黄浜全长2.3公里，治理率达98.5以上，较去年提高１．５个百分点，共3.75亿元。",
        ];
        let format = egui::TextFormat {
            font_id: egui::FontId::proportional(16.0),
            ..Default::default()
        };
        // Two marked spans, at the 4th to 6th and the 10th to 12th characters.
        let ranges_in = |text: &str| {
            let at: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
            vec![at[4]..at[6], at[10]..at[12]]
        };
        let mut checked = 0;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            // Every width from 6 to 30 characters: some wrap right before `。` or `，`.
            for text in texts {
                let ranges = ranges_in(text);
                for chars in 6..30 {
                    let width = chars as f32 * 16.0 + 3.0;
                    let sections = styled_sections(text, &ranges, &[], |_, _| format.clone());
                    let job = wrapped_job(ui.painter(), text, &sections, width);
                    let galley = ui.painter().layout_job(job);
                    let shown: String = galley
                        .rows
                        .iter()
                        .flat_map(|r| r.glyphs.iter().map(|g| g.chr))
                        .collect();
                    assert_eq!(
                        shown,
                        text.replace('\n', ""),
                        "no character lost or added at {chars}"
                    );
                    for (row, next) in galley.rows.iter().zip(galley.rows.iter().skip(1)) {
                        let first = next.glyphs.first().map(|g| g.chr).unwrap_or(' ');
                        assert!(
                            !NO_LINE_START.contains(first),
                            "a line starts with {first} at {chars}: {text}"
                        );
                        let last = row.glyphs.last().map(|g| g.chr).unwrap_or(' ');
                        assert!(
                            !(is_run_char(last) && is_run_char(first)),
                            "a number or word is cut ({last}/{first}) at {chars}: {text}"
                        );
                        // Nor a decimal at its point (`2.` / `3公里`, `2` / `.3`).
                        let before = row.glyphs.iter().rev().nth(1).map(|g| g.chr);
                        let after = next.glyphs.get(1).map(|g| g.chr);
                        let digit = |c: Option<char>| {
                            c.is_some_and(|c| c.is_ascii_digit() || is_wide_digit(c))
                        };
                        assert!(
                            !(is_decimal_point(last) && digit(before) && digit(Some(first))),
                            "a decimal is cut after its point at {chars}: {text}"
                        );
                        assert!(
                            !(digit(Some(last)) && is_decimal_point(first) && digit(after)),
                            "a decimal is cut before its point at {chars}: {text}"
                        );
                    }
                    checked += 1;
                }
            }
        });
        output.textures_delta.clear();
        assert_eq!(checked, 96);
    }

    #[test]
    fn the_character_moved_down_is_the_one_before_the_punctuation() {
        let ctx = egui::Context::default();
        crate::ui::fonts::install_fonts(&ctx);
        // A printed line break first, then a wrap right before `，`.
        let text = "一二三\n四五六七，八九";
        let mut found = None;
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let mut job = LayoutJob::single_section(
                text.to_string(),
                egui::TextFormat {
                    font_id: egui::FontId::proportional(16.0),
                    ..Default::default()
                },
            );
            job.wrap.max_width = 4.0 * 16.0 + 3.0;
            job.wrap.break_anywhere = true;
            let galley = ui.painter().layout_job(job);
            found = punctuation_line_start(&galley, text);
        });
        output.textures_delta.clear();
        assert_eq!(found, text.find('七'));
    }
}
