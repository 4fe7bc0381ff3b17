//! The bundled CJK font: a subset of Noto Sans CJK SC (see `fonts/OFL.txt`).
//!
//! egui's default fonts cover Latin only. The subset covers GB2312 ∪
//! 通用规范汉字表 plus punctuation and full-width forms (made by
//! `scripts/make-font-subset.sh`). It comes right after egui's Latin font, so
//! Latin text keeps egui's look, and before any system font eframe finds: a
//! system's Japanese Noto face would draw Chinese with Japanese glyph shapes.

use std::sync::Arc;

use eframe::egui;
use egui::{FontData, FontDefinitions, FontFamily};

/// The font file, embedded in the binary (about 2.4 MB).
pub const BUNDLED_CJK_FONT: &[u8] = include_bytes!("../../fonts/NotoSansSC-Jianbao.otf");

/// Name of the bundled font in egui's font definitions.
pub const BUNDLED_CJK_FONT_NAME: &str = "noto-sans-sc-jianbao";

/// egui's default fonts with the bundled CJK font added to every family.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        BUNDLED_CJK_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(BUNDLED_CJK_FONT)),
    );
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let names = fonts.families.entry(family).or_default();
        // After the Latin face (first), before emoji/icon fallbacks.
        let at = names.len().min(1);
        names.insert(at, BUNDLED_CJK_FONT_NAME.to_owned());
    }
    fonts
}

/// Installs [`font_definitions`] into `ctx`.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// The characters of `text` (whitespace and control characters aside) that no
/// font of `ctx`'s proportional family can draw, each once, in order.
pub fn missing_glyphs(ctx: &egui::Context, text: &str) -> Vec<char> {
    let font_id = egui::FontId::proportional(14.0);
    let mut seen = std::collections::BTreeSet::new();
    let mut missing = Vec::new();
    ctx.fonts_mut(|fonts| {
        for c in text.chars() {
            if c.is_whitespace() || c.is_control() || !seen.insert(c) {
                continue;
            }
            if !fonts.has_glyph(&font_id, c) {
                missing.push(c);
            }
        }
    });
    missing
}
