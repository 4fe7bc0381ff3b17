//! The reader's 版面 view: the article's printed page, rendered off the UI
//! thread (`page_render`), every article's region outlined and the reader's
//! one highlighted; hover names an article, a click opens it. Zoom (Ctrl+
//! wheel, fit width, fit page, 100%), pan by dragging, the edition's pages
//! to move between, and the clipping to copy or save.
//!
//! The panel reads the view's state and writes only its own scroll focus;
//! everything else it asks for with [`Command`]s.

use eframe::egui;

use crate::archive::ArticleId;
use crate::ui::app::Command;
use crate::ui::i18n::{Lang, Msg, fill};
use crate::ui::state::{PAGE_ZOOM_RANGE, PageViewState, PageZoom};

/// A zoom step (buttons, and one notch of Ctrl+wheel is about this).
pub const PAGE_ZOOM_STEP: f32 = 1.25;

/// The largest side a page is rendered at, in pixels: past it the texture
/// is drawn enlarged (a GPU's texture limit and a page's memory).
pub const MAX_RENDER_SIDE: f32 = 4096.0;

/// A new render is asked for when the one shown is this far off the size
/// drawn (smaller jumps are drawn scaled).
const RERENDER_RATIO: f32 = 1.15;

/// Draws the 版面 view of the reader's article `current`.
pub fn page_view_ui(
    ui: &mut egui::Ui,
    view: &mut PageViewState,
    current: Option<&ArticleId>,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let Some(info) = view.info.clone() else {
        if let Some(error) = &view.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        } else {
            ui.spinner();
        }
        return;
    };
    let key = view.key();
    let has_region = current
        .and_then(|id| info.articles.iter().find(|a| &a.id == id))
        .is_some_and(|a| !a.region.is_empty());
    ui.horizontal_wrapped(|ui| {
        // The edition's pages (版面导航).
        for &page in &info.pages {
            let label = fill(lang.tr(Msg::PageN), &[("n", &page)]);
            if ui
                .add(egui::Button::selectable(page == info.page, label))
                .clicked()
                && page != info.page
            {
                commands.push(Command::GotoPage(page));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let zoom = view.zoom;
        if ui
            .add(egui::Button::selectable(
                zoom == PageZoom::FitWidth,
                lang.tr(Msg::FitWidth),
            ))
            .clicked()
        {
            commands.push(Command::PageZoom(PageZoom::FitWidth));
        }
        if ui
            .add(egui::Button::selectable(
                zoom == PageZoom::FitPage,
                lang.tr(Msg::FitPage),
            ))
            .clicked()
        {
            commands.push(Command::PageZoom(PageZoom::FitPage));
        }
        if ui
            .add(egui::Button::selectable(
                zoom == PageZoom::Scale(1.0),
                "100%",
            ))
            .clicked()
        {
            commands.push(Command::PageZoom(PageZoom::Scale(1.0)));
        }
        let drawn = view.drawn_scale.max(PAGE_ZOOM_RANGE.0);
        if ui
            .button("−")
            .on_hover_text(lang.tr(Msg::PageZoomOut))
            .clicked()
        {
            commands.push(Command::PageZoom(PageZoom::Scale(drawn / PAGE_ZOOM_STEP)));
        }
        if ui
            .button("+")
            .on_hover_text(lang.tr(Msg::PageZoomIn))
            .clicked()
        {
            commands.push(Command::PageZoom(PageZoom::Scale(drawn * PAGE_ZOOM_STEP)));
        }
        ui.weak(format!("{:.0}%", drawn * 100.0));
        ui.separator();
        let can_clip = key.is_some() && has_region;
        if ui
            .add_enabled(can_clip, egui::Button::new(lang.tr(Msg::CopyClipping)))
            .on_disabled_hover_text(lang.tr(Msg::NoRegionHint))
            .clicked()
        {
            commands.push(Command::CopyClipping);
        }
        if ui
            .add_enabled(can_clip, egui::Button::new(lang.tr(Msg::SaveClipping)))
            .on_disabled_hover_text(lang.tr(Msg::NoRegionHint))
            .clicked()
        {
            commands.push(Command::PickClippingFile);
        }
    });
    ui.separator();
    let (Some(key), Some(size)) = (key, info.size) else {
        // A page imported as text: no picture of it to show.
        ui.add_space(12.0);
        ui.label(lang.tr(Msg::PageFromText));
        if ui.button(lang.tr(Msg::AttachPagePdf)).clicked() {
            commands.push(Command::PickImportFiles);
        }
        return;
    };
    if let Some(error) = &view.error {
        ui.colored_label(ui.visuals().error_fg_color, error);
        return;
    }
    let [page_w, page_h] = size;
    let avail = ui.available_size();
    // Room for the scroll bars, so fitting never makes them appear.
    let fit_w = ((avail.x - 16.0) / page_w).max(PAGE_ZOOM_RANGE.0);
    let scale = match view.zoom {
        PageZoom::FitWidth => fit_w,
        PageZoom::FitPage => fit_w.min(((avail.y - 16.0) / page_h).max(PAGE_ZOOM_RANGE.0)),
        PageZoom::Scale(s) => s,
    }
    .clamp(PAGE_ZOOM_RANGE.0, PAGE_ZOOM_RANGE.1);
    view.drawn_scale = scale;

    // A render at the size drawn, unless the one at hand is close enough
    // or one is on its way.
    let ppp = ui.ctx().pixels_per_point();
    let want = (scale * ppp).min(MAX_RENDER_SIDE / page_w.max(page_h));
    let close = |have: f32| have / want < RERENDER_RATIO && want / have < RERENDER_RATIO;
    let shown_ok = view
        .texture
        .as_ref()
        .is_some_and(|t| t.key == key && close(t.scale));
    let asked_ok = view
        .rendering
        .as_ref()
        .is_some_and(|(k, s)| *k == key && close(*s));
    if !shown_ok && !asked_ok {
        commands.push(Command::RenderPage {
            key: key.clone(),
            scale: want,
        });
    }
    let texture = view.texture.as_ref().filter(|t| t.key == key);
    let Some(texture) = texture else {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.weak(lang.tr(Msg::PageRendering));
        });
        return;
    };

    let focus = view.focus.take();
    egui::ScrollArea::both()
        .id_salt("page_view_scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let image_size = egui::vec2(page_w * scale, page_h * scale);
            let (rect, response) = ui.allocate_exact_size(image_size, egui::Sense::drag());
            ui.painter().image(
                texture.handle.id(),
                rect,
                egui::Rect::from_min_max(egui::pos2(0.0, 0.0), egui::pos2(1.0, 1.0)),
                egui::Color32::WHITE,
            );
            if response.dragged() {
                ui.scroll_with_delta(response.drag_delta());
            }
            // Ctrl+wheel over the page zooms it.
            if response.hovered() || response.dragged() {
                let zoom = ui.input(|i| i.zoom_delta());
                if (zoom - 1.0).abs() > 1e-3 {
                    commands.push(Command::PageZoom(PageZoom::Scale(scale * zoom)));
                }
            }
            // PDF points (origin bottom-left) to the screen.
            let to_screen = |r: &[f32; 4]| {
                egui::Rect::from_min_max(
                    rect.min + egui::vec2(r[0] * scale, (page_h - r[3]) * scale),
                    rect.min + egui::vec2(r[2] * scale, (page_h - r[1]) * scale),
                )
            };
            let dark = ui.visuals().dark_mode;
            let accent = ui.visuals().selection.bg_fill;
            for article in &info.articles {
                let is_current = current == Some(&article.id);
                for (n, r) in article.region.0.iter().enumerate() {
                    let area = to_screen(r);
                    let id = ui.scope_id().with(("page_region", article.id.as_str(), n));
                    let hit = ui.interact(area, id, egui::Sense::click());
                    // One labelled widget per article (its first rectangle),
                    // so an article is found, and clicked, by its title.
                    if n == 0 {
                        let title = article.title.clone();
                        hit.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::Button, true, is_current, &title)
                        });
                    }
                    let (fill, stroke) = if is_current {
                        (accent.gamma_multiply(0.25), egui::Stroke::new(2.5, accent))
                    } else if hit.hovered() {
                        (accent.gamma_multiply(0.12), egui::Stroke::new(1.5, accent))
                    } else {
                        let line = if dark {
                            egui::Color32::from_rgb(110, 140, 190)
                        } else {
                            egui::Color32::from_rgb(70, 110, 170)
                        };
                        (egui::Color32::TRANSPARENT, egui::Stroke::new(1.0, line))
                    };
                    ui.painter().rect_filled(area, 0.0, fill);
                    ui.painter()
                        .rect_stroke(area, 0.0, stroke, egui::StrokeKind::Inside);
                    let hit = hit.on_hover_text(&article.title);
                    if hit.clicked() && !is_current {
                        commands.push(Command::OpenArticle(article.id.clone()));
                    }
                    if is_current && n == 0 && focus.as_ref() == Some(&article.id) {
                        let whole = article
                            .region
                            .0
                            .iter()
                            .map(&to_screen)
                            .reduce(|a, b| a.union(b))
                            .unwrap_or(area);
                        ui.scroll_to_rect(whole, Some(egui::Align::Center));
                    }
                }
            }
        });
}
