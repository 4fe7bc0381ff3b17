//! A small PDF writer for tests, examples and the page generator: text in
//! the font set-ups Chinese typesetting systems write (CID fonts with and
//! without ToUnicode, GBK-EUC-H, STSong-Light with UniGB-UCS2-H, vertical
//! Identity-V, a Latin simple font), rules and boxes. Fonts are never
//! embedded: extraction reads codes and maps, not glyph outlines.

use std::collections::HashMap;
use std::fmt::Write as _;

/// How a font of a made PDF encodes its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FontSetup {
    /// Type0, Identity-H, CIDs given in order of first use, with a ToUnicode map.
    CidWithToUnicode,
    /// Type0, Identity-V (vertical writing), with a ToUnicode map.
    CidVertical,
    /// Type0 with GBK-EUC-H: the codes are GBK bytes, and no ToUnicode map.
    GbkEucH,
    /// The non-embedded STSong-Light with UniGB-UCS2-H: codes are UCS-2.
    StSongUcs2,
    /// Type0, Identity-H and no ToUnicode map: the text cannot be recovered.
    IdentityWithoutToUnicode,
    /// Helvetica, WinAnsiEncoding, one byte a character (ASCII only).
    Latin,
}

#[derive(Debug)]
struct FontUse {
    setup: FontSetup,
    name: String,
    /// CIDs given so far (Identity fonts), by character.
    cids: HashMap<char, u16>,
    order: Vec<char>,
}

/// One page being written.
#[derive(Debug, Default)]
pub struct PageBuilder {
    size: [f32; 2],
    content: String,
}

/// A PDF being written: fonts shared by its pages.
#[derive(Debug, Default)]
pub struct PdfBuilder {
    fonts: Vec<FontUse>,
    pages: Vec<PageBuilder>,
}

impl PdfBuilder {
    /// An empty document.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a font; its index is what [`PdfBuilder::text`] takes.
    pub fn font(&mut self, setup: FontSetup, name: &str) -> usize {
        self.fonts.push(FontUse {
            setup,
            name: name.to_string(),
            cids: HashMap::new(),
            order: Vec::new(),
        });
        self.fonts.len() - 1
    }

    /// Starts a page of `width` × `height` points; later drawing goes on it.
    pub fn page(&mut self, width: f32, height: f32) {
        self.pages.push(PageBuilder {
            size: [width, height],
            content: String::new(),
        });
    }

    fn current(&mut self) -> &mut PageBuilder {
        if self.pages.is_empty() {
            self.page(595.0, 842.0);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Shows `text` in `font` at `size` points from (`x`, `y`), the
    /// baseline start (for vertical fonts: the top of the first glyph's column).
    pub fn text(&mut self, font: usize, size: f32, x: f32, y: f32, text: &str) {
        let hex = self.encode(font, text);
        let _ = writeln!(
            self.current().content,
            "BT /F{font} {size} Tf 1 0 0 1 {x} {y} Tm <{hex}> Tj ET"
        );
    }

    /// Sets `text` as a paragraph in a column from `x` (its left edge) and
    /// `top` (the first line's top) `width` points wide, the first line
    /// indented by two characters; full-width characters are one em, others
    /// as the font's widths. Returns the top of the line after it.
    pub fn paragraph(
        &mut self,
        font: usize,
        size: f32,
        x: f32,
        top: f32,
        width: f32,
        text: &str,
    ) -> f32 {
        self.column_text(font, size, x, top, width, text, 2.0)
    }

    /// Like [`PdfBuilder::paragraph`], with `indent_ems` before the first line.
    #[allow(clippy::too_many_arguments)]
    pub fn column_text(
        &mut self,
        font: usize,
        size: f32,
        x: f32,
        top: f32,
        width: f32,
        text: &str,
        indent_ems: f32,
    ) -> f32 {
        let leading = size * 1.5;
        let mut line = String::new();
        let mut used = indent_ems * size;
        let mut y = top;
        let mut first = true;
        for c in text.chars() {
            let w = self.char_width(font, c) * size;
            if used + w > width + 0.01 && !line.is_empty() {
                let start = if first { x + indent_ems * size } else { x };
                self.text(font, size, start, y - size * 0.88, &line);
                first = false;
                line.clear();
                used = 0.0;
                y -= leading;
            }
            line.push(c);
            used += w;
        }
        if !line.is_empty() {
            let start = if first { x + indent_ems * size } else { x };
            self.text(font, size, start, y - size * 0.88, &line);
            y -= leading;
        }
        y
    }

    /// The advance of `c` in `font`, in ems, as the extractor will read it.
    pub fn char_width(&self, font: usize, c: char) -> f32 {
        match self.fonts.get(font).map(|f| f.setup) {
            Some(FontSetup::Latin) => 0.5,
            Some(FontSetup::GbkEucH) if c.is_ascii() => 0.5,
            Some(FontSetup::StSongUcs2)
                if (c as u32) < 0x2E80 || ('\u{FF61}'..='\u{FFDC}').contains(&c) =>
            {
                0.5
            }
            _ => 1.0,
        }
    }

    /// A filled rectangle (a rule when thin).
    pub fn fill_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        let _ = writeln!(
            self.current().content,
            "{x0} {y0} {} {} re f",
            x1 - x0,
            y1 - y0
        );
    }

    /// A stroked rectangle (a box around an article or a photo).
    pub fn stroke_rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        let _ = writeln!(
            self.current().content,
            "0.5 w {x0} {y0} {} {} re S",
            x1 - x0,
            y1 - y0
        );
    }

    /// A stroked line.
    pub fn line(&mut self, x0: f32, y0: f32, x1: f32, y1: f32) {
        let _ = writeln!(self.current().content, "0.5 w {x0} {y0} m {x1} {y1} l S");
    }

    /// Raw content-stream operators, for cases the helpers do not cover.
    pub fn raw(&mut self, operators: &str) {
        self.current().content.push_str(operators);
        self.current().content.push('\n');
    }

    /// The hex string of `text`'s codes in `font`.
    pub fn encode(&mut self, font: usize, text: &str) -> String {
        let Some(f) = self.fonts.get_mut(font) else {
            return String::new();
        };
        let mut hex = String::new();
        match f.setup {
            FontSetup::CidWithToUnicode
            | FontSetup::CidVertical
            | FontSetup::IdentityWithoutToUnicode => {
                for c in text.chars() {
                    let next = f.cids.len() as u16 + 1;
                    let cid = *f.cids.entry(c).or_insert_with(|| {
                        f.order.push(c);
                        next
                    });
                    let _ = write!(hex, "{cid:04X}");
                }
            }
            FontSetup::GbkEucH => {
                let (bytes, _, _) = encoding_rs::GBK.encode(text);
                for b in bytes.iter() {
                    let _ = write!(hex, "{b:02X}");
                }
            }
            FontSetup::StSongUcs2 => {
                for unit in text.encode_utf16() {
                    let _ = write!(hex, "{unit:04X}");
                }
            }
            FontSetup::Latin => {
                for c in text.chars() {
                    let b = if c.is_ascii() { c as u8 } else { b'?' };
                    let _ = write!(hex, "{b:02X}");
                }
            }
        }
        hex
    }

    /// The finished file.
    pub fn finish(mut self) -> Vec<u8> {
        if self.pages.is_empty() {
            self.page(595.0, 842.0);
        }
        let mut objects: Vec<Vec<u8>> = Vec::new();
        // 1: catalog, 2: page tree; then fonts, then pages and contents.
        objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
        objects.push(Vec::new()); // the page tree, once the pages are numbered
        let mut font_refs = Vec::new();
        for f in &self.fonts {
            let font_id = font_object(&mut objects, f);
            font_refs.push(font_id);
        }
        let font_dict: String = font_refs
            .iter()
            .enumerate()
            .map(|(i, id)| format!("/F{i} {id} 0 R "))
            .collect();
        let mut page_ids = Vec::new();
        for page in &self.pages {
            let content_id = push_stream(&mut objects, "", page.content.as_bytes());
            objects.push(
                format!(
                    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] /Resources << /Font << {font_dict}>> >> /Contents {content_id} 0 R >>",
                    page.size[0], page.size[1]
                )
                .into_bytes(),
            );
            page_ids.push(objects.len());
        }
        let kids: String = page_ids.iter().map(|id| format!("{id} 0 R ")).collect();
        objects[1] = format!(
            "<< /Type /Pages /Kids [{kids}] /Count {} >>",
            page_ids.len()
        )
        .into_bytes();
        let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::new();
        for (i, body) in objects.iter().enumerate() {
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref_at = out.len();
        out.extend_from_slice(
            format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
        );
        for offset in offsets {
            out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
        }
        out.extend_from_slice(
            format!(
                "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
                objects.len() + 1
            )
            .as_bytes(),
        );
        out
    }
}

/// Adds a stream object with `dict` entries; its object number.
fn push_stream(objects: &mut Vec<Vec<u8>>, dict: &str, data: &[u8]) -> usize {
    let mut body = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    objects.push(body);
    objects.len()
}

/// Adds the objects of one font; the font dictionary's object number.
fn font_object(objects: &mut Vec<Vec<u8>>, font: &FontUse) -> usize {
    let name = &font.name;
    let (encoding, ordering, to_unicode) = match font.setup {
        FontSetup::Latin => {
            objects.push(
                format!(
                    "<< /Type /Font /Subtype /Type1 /BaseFont /{name} /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 126 /Widths [{}] >>",
                    "500 ".repeat(95)
                )
                .into_bytes(),
            );
            return objects.len();
        }
        FontSetup::CidWithToUnicode => ("Identity-H", "Identity", true),
        FontSetup::CidVertical => ("Identity-V", "Identity", true),
        FontSetup::IdentityWithoutToUnicode => ("Identity-H", "Identity", false),
        FontSetup::GbkEucH => ("GBK-EUC-H", "GB1", false),
        FontSetup::StSongUcs2 => ("UniGB-UCS2-H", "GB1", false),
    };
    let to_unicode_ref = if to_unicode {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n/CMapName /Jianbao-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
        );
        for chunk in font.order.chunks(100) {
            let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
            for c in chunk {
                let cid = font.cids.get(c).copied().unwrap_or(0);
                let units: String = c
                    .encode_utf16(&mut [0; 2])
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(cmap, "<{cid:04X}> <{units}>");
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end\n");
        let id = push_stream(objects, "", cmap.as_bytes());
        format!("/ToUnicode {id} 0 R")
    } else {
        String::new()
    };
    objects.push(
        format!(
            "<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>"
        )
        .into_bytes(),
    );
    let descriptor = objects.len();
    objects.push(
        format!(
            "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{name} /CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 2 >> /FontDescriptor {descriptor} 0 R /DW 1000 >>"
        )
        .into_bytes(),
    );
    let descendant = objects.len();
    objects.push(
        format!(
            "<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /{encoding} /DescendantFonts [{descendant} 0 R] {to_unicode_ref} >>"
        )
        .into_bytes(),
    );
    objects.len()
}
