//! A page's content stream → glyphs with boxes, and the rules and boxes
//! drawn between articles. hayro-syntax reads the objects and decodes the
//! streams; the text state, fonts and paths are followed here, since what
//! the layout needs is each glyph's code, text and box, not its pixels.

use std::collections::HashMap;
use std::rc::Rc;

use hayro_syntax::Pdf;
use hayro_syntax::content::TypedIter;
use hayro_syntax::content::ops::TypedInstruction;
use hayro_syntax::object::{Array, Dict, Name, Number, Object, Stream};
use hayro_syntax::page::Resources;

use super::cmap;
use super::font::{BaseEncoding, CidEncoding, Font, FontKind, clean_name, predefined};
use super::{Glyph, PageContent, PdfError, Rect, UnreadableFont};

/// Form XObjects nested deeper than this are not followed (a loop).
const MAX_FORM_DEPTH: usize = 8;
/// At most this many rules are kept per page (a drawing of many strokes
/// says nothing about articles and would only slow the layout).
const MAX_RULES: usize = 5_000;
/// At most this many glyphs per page.
const MAX_GLYPHS: usize = 400_000;

/// Reads every page.
pub(super) fn extract(bytes: &[u8]) -> Result<Vec<PageContent>, PdfError> {
    let pdf = Pdf::new(bytes.to_vec()).map_err(|e| match e {
        hayro_syntax::LoadPdfError::Decryption(_) => PdfError::Encrypted,
        other => PdfError::Unreadable(format!("{other:?}")),
    })?;
    let pages = pdf.pages();
    let mut out = Vec::with_capacity(pages.len());
    for page in pages.iter() {
        let media = page.media_box();
        let size = [
            (media.x1 - media.x0).abs() as f32,
            (media.y1 - media.y0).abs() as f32,
        ];
        let mut walker = Walker {
            content: PageContent {
                size,
                ..PageContent::default()
            },
            fonts: HashMap::new(),
            missing: HashMap::new(),
            origin: (media.x0.min(media.x1) as f32, media.y0.min(media.y1) as f32),
        };
        let state = State::default();
        if let Some(stream) = page.page_stream() {
            walker.run(stream, page.resources(), state, 0);
        }
        walker.finish();
        out.push(walker.content);
    }
    Ok(out)
}

/// An affine matrix `[a b c d e f]` as PDF writes it.
type Matrix = [f32; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1` then `m2`.
fn mul(m1: Matrix, m2: Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

fn apply(m: Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn num(n: &Number) -> f32 {
    let v = n.as_f64() as f32;
    if v.is_finite() { v } else { 0.0 }
}

#[derive(Debug, Clone)]
struct State {
    ctm: Matrix,
    font: Option<(Rc<Font>, usize)>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    line_width: f32,
}

impl Default for State {
    fn default() -> Self {
        Self {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            line_width: 1.0,
        }
    }
}

/// A piece of the path being built, in page space.
#[derive(Debug, Clone, Copy)]
enum Piece {
    Rect(Rect),
    Segment(f32, f32, f32, f32),
}

struct Walker {
    content: PageContent,
    /// Fonts by the font dictionary's address (its object number, or the
    /// resource name when it is direct), with their index in `content.fonts`.
    fonts: HashMap<String, Option<(Rc<Font>, usize)>>,
    /// Glyphs without text, by font index.
    missing: HashMap<usize, usize>,
    /// The media box's lower-left corner: page coordinates start there.
    origin: (f32, f32),
}

impl Walker {
    fn finish(&mut self) {
        let mut missing: Vec<(usize, usize)> = self.missing.drain().collect();
        missing.sort();
        for (font_index, glyphs) in missing {
            let Some(Some((font, _))) = self
                .fonts
                .values()
                .find(|f| f.as_ref().is_some_and(|(_, i)| *i == font_index))
            else {
                continue;
            };
            self.content.unreadable.push(UnreadableFont {
                font: font.name.clone(),
                encoding: font.encoding_name.clone(),
                glyphs,
            });
        }
    }

    fn run(&mut self, data: &[u8], resources: &Resources<'_>, mut state: State, depth: usize) {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path: Vec<Piece> = Vec::new();
        let mut at = (0.0f32, 0.0f32);
        let mut start = (0.0f32, 0.0f32);
        let mut ops = TypedIter::new(data);
        while let Some(op) = ops.next() {
            match op {
                TypedInstruction::SaveState(_) => stack.push(state.clone()),
                TypedInstruction::RestoreState(_) => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                TypedInstruction::Transform(t) => {
                    let m = [
                        num(&t.0),
                        num(&t.1),
                        num(&t.2),
                        num(&t.3),
                        num(&t.4),
                        num(&t.5),
                    ];
                    state.ctm = mul(m, state.ctm);
                }
                TypedInstruction::LineWidth(w) => state.line_width = num(&w.0),
                TypedInstruction::BeginText(_) => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                TypedInstruction::TextFont(f) => {
                    state.font = self.font(resources, f.0);
                    state.size = num(&f.1);
                }
                TypedInstruction::CharacterSpacing(c) => state.char_spacing = num(&c.0),
                TypedInstruction::WordSpacing(w) => state.word_spacing = num(&w.0),
                TypedInstruction::HorizontalScaling(h) => state.scale = num(&h.0) / 100.0,
                TypedInstruction::TextLeading(l) => state.leading = num(&l.0),
                TypedInstruction::TextRise(r) => state.rise = num(&r.0),
                TypedInstruction::NextLine(n) => {
                    tlm = mul([1.0, 0.0, 0.0, 1.0, num(&n.0), num(&n.1)], tlm);
                    tm = tlm;
                }
                TypedInstruction::NextLineAndSetLeading(n) => {
                    state.leading = -num(&n.1);
                    tlm = mul([1.0, 0.0, 0.0, 1.0, num(&n.0), num(&n.1)], tlm);
                    tm = tlm;
                }
                TypedInstruction::SetTextMatrix(m) => {
                    tlm = [
                        num(&m.0),
                        num(&m.1),
                        num(&m.2),
                        num(&m.3),
                        num(&m.4),
                        num(&m.5),
                    ];
                    tm = tlm;
                }
                TypedInstruction::NextLineUsingLeading(_) => {
                    tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], tlm);
                    tm = tlm;
                }
                TypedInstruction::ShowText(s) => self.show(&state, &mut tm, s.0.as_bytes()),
                TypedInstruction::NextLineAndShowText(s) => {
                    tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], tlm);
                    tm = tlm;
                    self.show(&state, &mut tm, s.0.as_bytes());
                }
                TypedInstruction::ShowTextWithParameters(s) => {
                    state.word_spacing = num(&s.0);
                    state.char_spacing = num(&s.1);
                    tlm = mul([1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], tlm);
                    tm = tlm;
                    self.show(&state, &mut tm, s.2.as_bytes());
                }
                TypedInstruction::ShowTexts(array) => self.show_array(&state, &mut tm, array.0),
                TypedInstruction::MoveTo(m) => {
                    at = apply(state.ctm, num(&m.0), num(&m.1));
                    start = at;
                }
                TypedInstruction::LineTo(l) => {
                    let to = apply(state.ctm, num(&l.0), num(&l.1));
                    path.push(Piece::Segment(at.0, at.1, to.0, to.1));
                    at = to;
                }
                TypedInstruction::ClosePath(_) => {
                    path.push(Piece::Segment(at.0, at.1, start.0, start.1));
                    at = start;
                }
                TypedInstruction::RectPath(r) => {
                    let (x, y, w, h) = (num(&r.0), num(&r.1), num(&r.2), num(&r.3));
                    let corners = [(x, y), (x + w, y), (x, y + h), (x + w, y + h)]
                        .map(|(px, py)| apply(state.ctm, px, py));
                    path.push(Piece::Rect(bounds(&corners)));
                    at = apply(state.ctm, x, y);
                    start = at;
                }
                TypedInstruction::StrokePath(_)
                | TypedInstruction::CloseAndStrokePath(_)
                | TypedInstruction::FillAndStrokeNonZero(_)
                | TypedInstruction::FillAndStrokeEvenOdd(_)
                | TypedInstruction::CloseFillAndStrokeNonZero(_)
                | TypedInstruction::CloseFillAndStrokeEvenOdd(_) => {
                    let width = state.line_width.abs().max(0.5) * scale_of(state.ctm);
                    self.paint(&path, Some(width));
                    path.clear();
                }
                TypedInstruction::FillPathNonZero(_)
                | TypedInstruction::FillPathNonZeroCompatibility(_)
                | TypedInstruction::FillPathEvenOdd(_) => {
                    self.paint(&path, None);
                    path.clear();
                }
                TypedInstruction::EndPath(_) => path.clear(),
                TypedInstruction::XObject(x) if depth < MAX_FORM_DEPTH => {
                    self.xobject(resources, x.0, &state, depth);
                }
                _ => {}
            }
        }
    }

    /// Adds what a painted path draws: rectangles, and straight strokes as thin rules.
    fn paint(&mut self, path: &[Piece], stroke: Option<f32>) {
        for piece in path {
            if self.content.rules.len() >= MAX_RULES {
                return;
            }
            let rect = match *piece {
                Piece::Rect(r) => r,
                Piece::Segment(x0, y0, x1, y1) => {
                    let Some(width) = stroke else { continue };
                    let half = width / 2.0;
                    if (y0 - y1).abs() < 0.5 {
                        Rect {
                            x0: x0.min(x1),
                            y0: y0 - half,
                            x1: x0.max(x1),
                            y1: y0 + half,
                        }
                    } else if (x0 - x1).abs() < 0.5 {
                        Rect {
                            x0: x0 - half,
                            y0: y0.min(y1),
                            x1: x0 + half,
                            y1: y0.max(y1),
                        }
                    } else {
                        continue;
                    }
                }
            };
            let rect = self.to_page(rect);
            if rect.x1 - rect.x0 >= 1.0 || rect.y1 - rect.y0 >= 1.0 {
                self.content.rules.push(rect);
            }
        }
    }

    fn to_page(&self, r: Rect) -> Rect {
        Rect {
            x0: r.x0 - self.origin.0,
            y0: r.y0 - self.origin.1,
            x1: r.x1 - self.origin.0,
            y1: r.y1 - self.origin.1,
        }
    }

    fn xobject(&mut self, resources: &Resources<'_>, name: &Name<'_>, state: &State, depth: usize) {
        let Some(stream) = resources.get_x_object(name) else {
            return;
        };
        let dict = stream.dict();
        let subtype = dict.get::<Name>(b"Subtype".as_slice());
        match subtype.as_ref().map(|n| n.as_ref()) {
            Some(b"Form") => {
                let matrix = dict
                    .get::<Array>(b"Matrix".as_slice())
                    .map(|a| numbers(&a))
                    .filter(|n| n.len() == 6)
                    .map_or(IDENTITY, |n| [n[0], n[1], n[2], n[3], n[4], n[5]]);
                let Ok(data) = stream.decoded() else { return };
                // A form without resources of its own uses the page's.
                let inner = match dict.get::<Dict>(b"Resources".as_slice()) {
                    Some(own) => Resources::new(own),
                    None => resources.clone(),
                };
                let mut inner_state = state.clone();
                inner_state.ctm = mul(matrix, state.ctm);
                self.run(&data, &inner, inner_state, depth + 1);
            }
            Some(b"Image") => {
                // A photo: its edges separate it from the text around it.
                let corners = [(0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
                    .map(|(x, y)| apply(state.ctm, x, y));
                let rect = self.to_page(bounds(&corners));
                if self.content.rules.len() < MAX_RULES
                    && rect.x1 - rect.x0 > 3.0
                    && rect.y1 - rect.y0 > 3.0
                {
                    self.content.rules.push(rect);
                }
            }
            _ => {}
        }
    }

    /// The font named `name`, loaded once per font dictionary.
    fn font(&mut self, resources: &Resources<'_>, name: &Name<'_>) -> Option<(Rc<Font>, usize)> {
        let dict = resources.get_font(name)?;
        let key = dict.obj_id().map_or_else(
            || format!("/{}", String::from_utf8_lossy(name.as_ref())),
            |id| format!("{id:?}"),
        );
        if let Some(found) = self.fonts.get(&key) {
            return found.clone();
        }
        let loaded = load_font(&dict).map(|font| {
            self.content.fonts.push(font.name.clone());
            (Rc::new(font), self.content.fonts.len() - 1)
        });
        self.fonts.insert(key, loaded.clone());
        loaded
    }

    fn show_array(&mut self, state: &State, tm: &mut Matrix, array: &Array<'_>) {
        for item in array.iter::<Object>() {
            match item {
                Object::String(s) => self.show(state, tm, s.as_bytes()),
                Object::Number(n) => {
                    let adjust = -num(&n) / 1000.0 * state.size;
                    let vertical = state.font.as_ref().is_some_and(|(f, _)| f.vertical());
                    *tm = if vertical {
                        mul([1.0, 0.0, 0.0, 1.0, 0.0, adjust], *tm)
                    } else {
                        mul([1.0, 0.0, 0.0, 1.0, adjust * state.scale, 0.0], *tm)
                    };
                }
                _ => {}
            }
        }
    }

    /// Shows a string: one glyph per code, each advancing the text matrix.
    fn show(&mut self, state: &State, tm: &mut Matrix, bytes: &[u8]) {
        let Some((font, font_index)) = state.font.clone() else {
            return;
        };
        let vertical = font.vertical();
        for (code, raw) in font.codes(bytes) {
            let width = font.width(code, raw);
            let spacing = state.char_spacing + if raw == [32] { state.word_spacing } else { 0.0 };
            let trm = mul(
                mul(
                    [
                        state.size * state.scale,
                        0.0,
                        0.0,
                        state.size,
                        0.0,
                        state.rise,
                    ],
                    *tm,
                ),
                state.ctm,
            );
            // The glyph's box in text space, in ems.
            let (bx0, by0, bx1, by1) = if vertical {
                (-width.max(1.0) / 2.0, -1.0, width.max(1.0) / 2.0, 0.0)
            } else {
                (0.0, -0.12, width, 0.88)
            };
            let corners =
                [(bx0, by0), (bx1, by0), (bx0, by1), (bx1, by1)].map(|(x, y)| apply(trm, x, y));
            let text = font.unicode(code, raw);
            match text {
                Some(text) => {
                    let finite = corners.iter().all(|(x, y)| x.is_finite() && y.is_finite());
                    if finite && self.content.glyphs.len() < MAX_GLYPHS {
                        let m = mul(*tm, state.ctm);
                        let size = state.size.abs() * (m[2] * m[2] + m[3] * m[3]).sqrt();
                        let rect = self.to_page(bounds(&corners));
                        self.content.glyphs.push(Glyph {
                            // A space is kept as one: it separates words, it is no text.
                            text: if text.chars().all(char::is_whitespace) {
                                " ".into()
                            } else {
                                normalise(&text)
                            },
                            rect,
                            size: (size * 100.0).round() / 100.0,
                            font: font_index,
                            vertical,
                        });
                    }
                }
                None => *self.missing.entry(font_index).or_insert(0) += 1,
            }
            *tm = if vertical {
                let advance = font.vertical_advance() * state.size + spacing;
                mul([1.0, 0.0, 0.0, 1.0, 0.0, advance], *tm)
            } else {
                let advance = (width * state.size + spacing) * state.scale;
                mul([1.0, 0.0, 0.0, 1.0, advance, 0.0], *tm)
            };
        }
    }
}

/// Kangxi radicals and CJK compatibility forms that some typesetting
/// systems' ToUnicode maps give for ordinary characters (`⼀` for `一`).
fn normalise(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2F00}' => '一',
            '\u{2F08}' => '人',
            '\u{2F1D}' => '口',
            '\u{2F24}' => '大',
            '\u{2F26}' => '子',
            '\u{2F2D}' => '山',
            '\u{2F47}' => '日',
            '\u{2F49}' => '月',
            '\u{2F4A}' => '木',
            '\u{2F54}' => '水',
            '\u{2F55}' => '火',
            '\u{2F63}' => '生',
            '\u{2F64}' => '用',
            '\u{2F65}' => '田',
            '\u{2F6C}' => '目',
            '\u{2F8F}' => '行',
            '\u{2FA0}' => '言',
            '\u{2FA6}' => '金',
            '\u{2FA8}' => '门',
            '\u{2FAC}' => '雨',
            _ => c,
        })
        .collect()
}

fn scale_of(m: Matrix) -> f32 {
    ((m[0] * m[3] - m[1] * m[2]).abs()).sqrt().max(0.01)
}

fn bounds(points: &[(f32, f32)]) -> Rect {
    let mut r = Rect {
        x0: f32::INFINITY,
        y0: f32::INFINITY,
        x1: f32::NEG_INFINITY,
        y1: f32::NEG_INFINITY,
    };
    for &(x, y) in points {
        r.x0 = r.x0.min(x);
        r.y0 = r.y0.min(y);
        r.x1 = r.x1.max(x);
        r.y1 = r.y1.max(y);
    }
    r
}

fn numbers(array: &Array<'_>) -> Vec<f32> {
    array.iter::<Number>().map(|n| num(&n)).collect()
}

fn name_text(name: &Name<'_>) -> String {
    String::from_utf8_lossy(name.as_ref()).into_owned()
}

/// A font dictionary as the interpreter needs it.
fn load_font(dict: &Dict<'_>) -> Option<Font> {
    let subtype = dict
        .get::<Name>(b"Subtype".as_slice())
        .map(|n| name_text(&n))
        .unwrap_or_default();
    let base = dict
        .get::<Name>(b"BaseFont".as_slice())
        .map(|n| clean_name(&name_text(&n)))
        .unwrap_or_else(|| "(unnamed)".into());
    let to_unicode = dict
        .get::<Stream>(b"ToUnicode".as_slice())
        .and_then(|s| s.decoded().ok())
        .map(|data| cmap::parse(&data))
        .filter(|m| !m.is_empty());
    if subtype == "Type0" {
        let descendant = dict
            .get::<Array>(b"DescendantFonts".as_slice())
            .and_then(|a| a.iter::<Dict>().next());
        let (encoding, vertical, codespace, encoding_name) =
            if let Some(name) = dict.get::<Name>(b"Encoding".as_slice()) {
                let text = name_text(&name);
                match predefined(&text) {
                    Some((encoding, vertical)) => (encoding, vertical, Vec::new(), text),
                    None => (CidEncoding::Other, text.ends_with("-V"), Vec::new(), text),
                }
            } else if let Some(stream) = dict.get::<Stream>(b"Encoding".as_slice()) {
                let wmode = stream
                    .dict()
                    .get::<Number>(b"WMode".as_slice())
                    .map_or(0.0, |n| num(&n));
                let data = stream.decoded().map(|d| d.to_vec()).unwrap_or_default();
                let vertical = wmode == 1.0
                    || data
                        .windows(8)
                        .any(|w| w == b"WMode 1\n" || w == b"WMode 1 ");
                (
                    CidEncoding::Other,
                    vertical,
                    cmap::parse(&data).codespace,
                    "an embedded CMap".to_string(),
                )
            } else {
                (
                    CidEncoding::Identity,
                    false,
                    Vec::new(),
                    "Identity-H".to_string(),
                )
            };
        let (mut default_width, mut widths, mut vertical_advance) =
            (1000.0, HashMap::new(), -1000.0);
        if let Some(d) = &descendant {
            if let Some(dw) = d.get::<Number>(b"DW".as_slice()) {
                default_width = num(&dw);
            }
            if let Some(w) = d.get::<Array>(b"W".as_slice()) {
                widths = cid_widths(&w);
            }
            if let Some(dw2) = d
                .get::<Array>(b"DW2".as_slice())
                .map(|a| numbers(&a))
                .filter(|n| n.len() == 2)
            {
                vertical_advance = dw2[1];
            }
        }
        return Some(Font {
            name: base,
            encoding_name,
            kind: FontKind::Cid {
                encoding,
                vertical,
                codespace,
                default_width,
                widths,
                vertical_advance,
            },
            to_unicode,
        });
    }
    let first_char = dict
        .get::<Number>(b"FirstChar".as_slice())
        .map_or(0, |n| num(&n).max(0.0) as u32);
    let widths = dict
        .get::<Array>(b"Widths".as_slice())
        .map(|a| numbers(&a))
        .unwrap_or_default();
    let missing_width = dict
        .get::<Dict>(b"FontDescriptor".as_slice())
        .and_then(|d| d.get::<Number>(b"MissingWidth".as_slice()))
        .map(|n| num(&n))
        .filter(|w| *w > 0.0)
        .unwrap_or(500.0);
    let scale = if subtype == "Type3" {
        dict.get::<Array>(b"FontMatrix".as_slice())
            .map(|a| numbers(&a))
            .and_then(|n| n.first().copied())
            .unwrap_or(0.001)
    } else {
        0.001
    };
    let mut base_encoding = BaseEncoding::Standard;
    let mut differences = HashMap::new();
    let mut encoding_name = "StandardEncoding".to_string();
    if let Some(name) = dict.get::<Name>(b"Encoding".as_slice()) {
        encoding_name = name_text(&name);
        base_encoding = base_of(&encoding_name);
    } else if let Some(enc) = dict.get::<Dict>(b"Encoding".as_slice()) {
        if let Some(name) = enc.get::<Name>(b"BaseEncoding".as_slice()) {
            encoding_name = name_text(&name);
            base_encoding = base_of(&encoding_name);
        }
        if let Some(diffs) = enc.get::<Array>(b"Differences".as_slice()) {
            let mut code = 0u32;
            for item in diffs.iter::<Object>() {
                match item {
                    Object::Number(n) => code = num(&n).max(0.0) as u32,
                    Object::Name(n) => {
                        differences.insert(code, name_text(&n));
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    } else if subtype == "TrueType" {
        base_encoding = BaseEncoding::WinAnsi;
    }
    Some(Font {
        name: base,
        encoding_name,
        kind: FontKind::Simple {
            first_char,
            widths,
            missing_width,
            base: base_encoding,
            differences,
            scale,
        },
        to_unicode,
    })
}

fn base_of(name: &str) -> BaseEncoding {
    match name {
        "WinAnsiEncoding" => BaseEncoding::WinAnsi,
        "MacRomanEncoding" => BaseEncoding::MacRoman,
        _ => BaseEncoding::Standard,
    }
}

/// A CIDFont's `W` array: `c [w1 w2 …]` and `c_first c_last w`.
fn cid_widths(array: &Array<'_>) -> HashMap<u32, f32> {
    let mut widths = HashMap::new();
    let items: Vec<Object<'_>> = array.iter::<Object>().collect();
    let mut i = 0;
    while i < items.len() {
        let Object::Number(first) = &items[i] else {
            i += 1;
            continue;
        };
        let first = num(first).max(0.0) as u32;
        match items.get(i + 1) {
            Some(Object::Array(list)) => {
                for (k, w) in numbers(list).into_iter().enumerate() {
                    widths.insert(first + k as u32, w);
                }
                i += 2;
            }
            Some(Object::Number(last)) => {
                let last = (num(last).max(0.0) as u32).min(first + 0xFFFF);
                if let Some(Object::Number(w)) = items.get(i + 2) {
                    let w = num(w);
                    for c in first..=last {
                        widths.insert(c, w);
                    }
                }
                i += 3;
            }
            _ => i += 1,
        }
    }
    widths
}
