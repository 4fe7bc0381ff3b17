//! The bundled CJK font: a subset of Noto Sans CJK SC (see `fonts/OFL.txt`).
//!
//! egui's default fonts cover Latin only. The subset covers GB2312 ∪
//! 通用规范汉字表 plus punctuation and full-width forms (made by
//! `scripts/make-font-subset.sh`). In the English UI it comes right after
//! egui's Latin font, so Latin text keeps egui's look; in the Chinese UI, and
//! always for articles ([`ARTICLE_FAMILY`]), it comes first, so the marks
//! Chinese and Latin share (‘ ’ “ ” …) are drawn full-width from the CJK
//! face, as Chinese is set. Either way it comes before any system font
//! eframe finds: a system's Japanese Noto face would draw Chinese with
//! Japanese glyph shapes.

use std::sync::Arc;

use eframe::egui;
use egui::{FontData, FontDefinitions, FontFamily};

use crate::ui::i18n::Lang;

/// The family articles are drawn in: the CJK face first, in either UI language.
pub const ARTICLE_FAMILY: &str = "article";

/// The font of article text at `size` points.
pub fn article_font(size: f32) -> egui::FontId {
    egui::FontId::new(size, FontFamily::Name(ARTICLE_FAMILY.into()))
}

/// The font file, embedded in the binary once (about 2.4 MB): the page
/// renderer draws Chinese a PDF does not embed in it too.
pub use crate::archive::page_image::BUNDLED_CJK_FONT;

/// Name of the bundled font in egui's font definitions.
pub const BUNDLED_CJK_FONT_NAME: &str = "noto-sans-sc-jianbao";

/// egui's default fonts with the bundled CJK font added to every family, in
/// the order the UI language `lang` wants (see the module's notes).
pub fn font_definitions_for(lang: Lang) -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        BUNDLED_CJK_FONT_NAME.to_owned(),
        Arc::new(FontData::from_static(BUNDLED_CJK_FONT)),
    );
    let proportional = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    let mut article = proportional.clone();
    article.insert(0, BUNDLED_CJK_FONT_NAME.to_owned());
    fonts
        .families
        .insert(FontFamily::Name(ARTICLE_FAMILY.into()), article);
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let names = fonts.families.entry(family.clone()).or_default();
        // The CJK face first for Chinese; else after the Latin face (first),
        // before emoji/icon fallbacks. Monospace keeps its Latin face first.
        let at = if lang == Lang::Zh && family == FontFamily::Proportional {
            0
        } else {
            names.len().min(1)
        };
        names.insert(at, BUNDLED_CJK_FONT_NAME.to_owned());
    }
    fonts
}

/// The fonts of the Chinese UI (the default).
pub fn font_definitions() -> FontDefinitions {
    font_definitions_for(Lang::Zh)
}

/// Installs [`font_definitions`] into `ctx`.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// Installs the fonts of the UI language `lang` into `ctx`.
pub fn install_fonts_for(ctx: &egui::Context, lang: Lang) {
    ctx.set_fonts(font_definitions_for(lang));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn width(ctx: &egui::Context, font: &egui::FontId, c: char) -> f32 {
        ctx.fonts_mut(|f| f.glyph_width(font, c))
    }

    #[test]
    fn chinese_quotes_are_full_width_in_the_chinese_ui_and_in_articles() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let ui_font = egui::FontId::proportional(16.0);
        for (lang, wide_in_ui) in [(Lang::Zh, true), (Lang::En, false)] {
            install_fonts_for(&ctx, lang);
            let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
            output.textures_delta.clear();
            let han = width(&ctx, &ui_font, '中');
            for quote in ['“', '”', '‘', '’'] {
                let in_ui = width(&ctx, &ui_font, quote);
                let in_article = width(&ctx, &article_font(16.0), quote);
                assert!(
                    in_article > 0.9 * han,
                    "{quote} in an article: {in_article} vs {han}"
                );
                assert_eq!(
                    in_ui > 0.9 * han,
                    wide_in_ui,
                    "{quote} in the {lang:?} UI: {in_ui} vs {han}"
                );
            }
        }
    }
}
