//! What a PDF font says about its text: how shown bytes split into codes,
//! the Unicode of each code, and how far each advances.
//!
//! The hard Chinese cases: a ToUnicode map wins when there is one; without
//! it, codes of GBK-EUC-H / GB-EUC-H fonts are GBK bytes (decoded with
//! encoding_rs), UniGB-UCS2-H codes are UCS-2, and Identity-H codes are
//! glyph ids with no meaning of their own: unreadable, never guessed.

use std::collections::HashMap;

use super::cmap::ToUnicode;

/// How a composite (Type0) font's codes are encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum CidEncoding {
    /// Identity-H/V: two-byte codes that are CIDs.
    Identity,
    /// A multi-byte legacy encoding whose bytes encoding_rs decodes.
    Legacy(&'static encoding_rs::Encoding),
    /// UCS-2 codes (UniGB-UCS2-H and the other Uni…-UCS2 maps).
    Ucs2,
    /// UTF-16 codes (Uni…-UTF16-H).
    Utf16,
    /// An embedded CMap or one we do not know: codes split by its code
    /// space, text only through ToUnicode.
    Other,
}

/// A simple font's base encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BaseEncoding {
    WinAnsi,
    MacRoman,
    Standard,
}

/// What the interpreter needs of a font.
#[derive(Debug, Clone)]
pub(super) struct Font {
    /// `/BaseFont`, without a subset tag (`ABCDEF+`).
    pub name: String,
    /// The encoding's name as written, for warnings.
    pub encoding_name: String,
    pub kind: FontKind,
    pub to_unicode: Option<ToUnicode>,
}

#[derive(Debug, Clone)]
pub(super) enum FontKind {
    Simple {
        first_char: u32,
        /// Advances in thousandths of an em.
        widths: Vec<f32>,
        missing_width: f32,
        base: BaseEncoding,
        differences: HashMap<u32, String>,
        /// Type3 glyph space to text space (1/1000 for other fonts).
        scale: f32,
    },
    Cid {
        encoding: CidEncoding,
        vertical: bool,
        /// Code space of an embedded CMap: (bytes, low, high).
        codespace: Vec<(usize, u32, u32)>,
        default_width: f32,
        widths: HashMap<u32, f32>,
        /// Vertical advance (DW2's second number), thousandths of an em, negative is down.
        vertical_advance: f32,
    },
}

impl Font {
    /// Whether glyphs advance downwards.
    pub fn vertical(&self) -> bool {
        matches!(self.kind, FontKind::Cid { vertical: true, .. })
    }

    /// Splits shown bytes into `(code, bytes)` pairs.
    pub fn codes<'b>(&self, bytes: &'b [u8]) -> Vec<(u32, &'b [u8])> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let len = match &self.kind {
                FontKind::Simple { .. } => 1,
                FontKind::Cid {
                    encoding,
                    codespace,
                    ..
                } => code_length(encoding, codespace, &bytes[i..]),
            };
            let end = (i + len).min(bytes.len());
            let code = bytes[i..end]
                .iter()
                .fold(0u32, |a, &b| a << 8 | u32::from(b));
            out.push((code, &bytes[i..end]));
            i = end;
        }
        out
    }

    /// The Unicode text of a code, or `None` when the font does not say.
    pub fn unicode(&self, code: u32, raw: &[u8]) -> Option<String> {
        if let Some(text) = self.to_unicode.as_ref().and_then(|m| m.get(code)) {
            // A map onto nothing, or onto private-use garbage, is no text.
            if !text.is_empty() && !text.chars().all(is_private_use) {
                return Some(text.to_string());
            }
        }
        match &self.kind {
            FontKind::Simple {
                base, differences, ..
            } => match differences.get(&code) {
                Some(name) => glyph_name_text(name),
                None => simple_text(*base, code),
            },
            FontKind::Cid { encoding, .. } => match encoding {
                CidEncoding::Identity | CidEncoding::Other => None,
                CidEncoding::Legacy(enc) => {
                    let (text, _, bad) = enc.decode(raw);
                    (!bad && !text.is_empty()).then(|| text.into_owned())
                }
                CidEncoding::Ucs2 => char::from_u32(code)
                    .filter(|c| !c.is_control())
                    .map(String::from),
                CidEncoding::Utf16 => {
                    let units: Vec<u16> = raw
                        .chunks(2)
                        .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
                        .collect();
                    let text: String = char::decode_utf16(units).filter_map(Result::ok).collect();
                    (!text.is_empty()).then_some(text)
                }
            },
        }
    }

    /// Horizontal advance of a code, in ems.
    pub fn width(&self, code: u32, raw: &[u8]) -> f32 {
        match &self.kind {
            FontKind::Simple {
                first_char,
                widths,
                missing_width,
                scale,
                ..
            } => {
                let w = code
                    .checked_sub(*first_char)
                    .and_then(|i| widths.get(i as usize).copied())
                    .unwrap_or(*missing_width);
                w * scale
            }
            FontKind::Cid {
                encoding,
                default_width,
                widths,
                ..
            } => {
                let w = match encoding {
                    CidEncoding::Identity | CidEncoding::Other => {
                        widths.get(&code).copied().unwrap_or(*default_width)
                    }
                    // The CIDs of these maps are not the codes: a one-byte code is a
                    // half-width character, a longer one full-width.
                    CidEncoding::Legacy(_) => {
                        if raw.len() == 1 {
                            500.0
                        } else {
                            1000.0
                        }
                    }
                    CidEncoding::Ucs2 | CidEncoding::Utf16 => {
                        if code < 0x2E80 || (0xFF61..=0xFFDC).contains(&code) {
                            500.0
                        } else {
                            1000.0
                        }
                    }
                };
                w / 1000.0
            }
        }
    }

    /// Vertical advance in ems (negative is down).
    pub fn vertical_advance(&self) -> f32 {
        match &self.kind {
            FontKind::Cid {
                vertical_advance, ..
            } => vertical_advance / 1000.0,
            FontKind::Simple { .. } => -1.0,
        }
    }
}

fn is_private_use(c: char) -> bool {
    ('\u{E000}'..='\u{F8FF}').contains(&c) || c == '\u{FFFD}' || c == '\0'
}

fn code_length(encoding: &CidEncoding, codespace: &[(usize, u32, u32)], bytes: &[u8]) -> usize {
    let lead = bytes[0];
    match encoding {
        CidEncoding::Identity | CidEncoding::Ucs2 => 2,
        CidEncoding::Utf16 => {
            let unit = u16::from(lead) << 8 | u16::from(bytes.get(1).copied().unwrap_or(0));
            if (0xD800..0xDC00).contains(&unit) {
                4
            } else {
                2
            }
        }
        CidEncoding::Legacy(enc) => {
            let second = bytes.get(1).copied().unwrap_or(0);
            if *enc == encoding_rs::GB18030 || *enc == encoding_rs::GBK {
                match lead {
                    0x81..=0xFE if (0x30..=0x39).contains(&second) => 4,
                    0x81..=0xFE => 2,
                    _ => 1,
                }
            } else if *enc == encoding_rs::SHIFT_JIS {
                if matches!(lead, 0x81..=0x9F | 0xE0..=0xFC) {
                    2
                } else {
                    1
                }
            } else if lead >= 0x81 {
                2
            } else {
                1
            }
        }
        CidEncoding::Other => {
            // The shortest code-space range the bytes fall in.
            for len in 1..=4 {
                if bytes.len() < len {
                    break;
                }
                let code = bytes[..len]
                    .iter()
                    .fold(0u32, |a, &b| a << 8 | u32::from(b));
                if codespace
                    .iter()
                    .any(|&(n, lo, hi)| n == len && (lo..=hi).contains(&code))
                {
                    return len;
                }
            }
            2
        }
    }
}

/// The encoding of a predefined CMap, by name: the GB, Big5, Japanese and
/// Korean legacy maps, the Unicode ones, Identity; `None` for others.
pub(super) fn predefined(name: &str) -> Option<(CidEncoding, bool)> {
    let vertical = name.ends_with("-V");
    let stem = name.trim_end_matches("-H").trim_end_matches("-V");
    let encoding = if stem == "Identity" {
        CidEncoding::Identity
    } else if stem.starts_with("Uni") && stem.ends_with("UCS2") {
        CidEncoding::Ucs2
    } else if stem.starts_with("Uni") && stem.ends_with("UTF16") {
        CidEncoding::Utf16
    } else if stem.starts_with("GBK2K") {
        CidEncoding::Legacy(encoding_rs::GB18030)
    } else if stem.starts_with("GB") {
        // GB-EUC, GBpc-EUC, GBK-EUC, GBT-EUC: GBK covers them all.
        CidEncoding::Legacy(encoding_rs::GBK)
    } else if stem.starts_with("B5") || stem.starts_with("ETen") || stem.starts_with("HKscs") {
        CidEncoding::Legacy(encoding_rs::BIG5)
    } else if stem.contains("RKSJ") {
        CidEncoding::Legacy(encoding_rs::SHIFT_JIS)
    } else if stem.starts_with("KSC") {
        CidEncoding::Legacy(encoding_rs::EUC_KR)
    } else if stem.starts_with("EUC") {
        CidEncoding::Legacy(encoding_rs::EUC_JP)
    } else {
        return None;
    };
    Some((encoding, vertical))
}

fn simple_text(base: BaseEncoding, code: u32) -> Option<String> {
    let byte = u8::try_from(code).ok()?;
    if byte < 0x20 {
        return None;
    }
    let text = match base {
        BaseEncoding::WinAnsi => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(&[byte])
            .0
            .into_owned(),
        BaseEncoding::MacRoman => encoding_rs::MACINTOSH
            .decode_without_bom_handling(&[byte])
            .0
            .into_owned(),
        BaseEncoding::Standard => {
            if byte < 0x7F {
                match byte {
                    b'\'' => "’".to_string(),
                    b'`' => "‘".to_string(),
                    _ => (byte as char).to_string(),
                }
            } else {
                return None;
            }
        }
    };
    (!text.is_empty() && !text.contains('\u{FFFD}')).then_some(text)
}

/// The text of a glyph name: `uni4E2D`, `u1F600`, `A`, `zero`, `comma`…
pub(super) fn glyph_name_text(name: &str) -> Option<String> {
    let name = name.split('.').next().unwrap_or(name);
    // Names are ASCII in a sound font; a broken one must not be sliced mid-character.
    if let Some(hex) = name.strip_prefix("uni")
        && hex.is_ascii()
        && hex.len() >= 4
        && hex.len() % 4 == 0
    {
        let units: Option<Vec<u16>> = (0..hex.len())
            .step_by(4)
            .map(|i| u16::from_str_radix(&hex[i..i + 4], 16).ok())
            .collect();
        return units.map(|u| char::decode_utf16(u).filter_map(Result::ok).collect());
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    {
        return Some(c.to_string());
    }
    if name.len() == 1 && name.as_bytes()[0].is_ascii_alphabetic() {
        return Some(name.to_string());
    }
    const NAMES: &[(&str, &str)] = &[
        ("space", " "),
        ("zero", "0"),
        ("one", "1"),
        ("two", "2"),
        ("three", "3"),
        ("four", "4"),
        ("five", "5"),
        ("six", "6"),
        ("seven", "7"),
        ("eight", "8"),
        ("nine", "9"),
        ("period", "."),
        ("comma", ","),
        ("colon", ":"),
        ("semicolon", ";"),
        ("hyphen", "-"),
        ("minus", "−"),
        ("parenleft", "("),
        ("parenright", ")"),
        ("bracketleft", "["),
        ("bracketright", "]"),
        ("quotesingle", "'"),
        ("quotedbl", "\""),
        ("exclam", "!"),
        ("question", "?"),
        ("slash", "/"),
        ("ampersand", "&"),
        ("percent", "%"),
        ("at", "@"),
        ("numbersign", "#"),
        ("dollar", "$"),
        ("plus", "+"),
        ("equal", "="),
        ("less", "<"),
        ("greater", ">"),
        ("underscore", "_"),
        ("asterisk", "*"),
        ("endash", "–"),
        ("emdash", "—"),
        ("quoteleft", "‘"),
        ("quoteright", "’"),
        ("quotedblleft", "“"),
        ("quotedblright", "”"),
        ("bullet", "•"),
        ("ellipsis", "…"),
        ("fi", "fi"),
        ("fl", "fl"),
        ("degree", "°"),
        ("copyright", "©"),
        ("registered", "®"),
    ];
    NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t.to_string())
}

/// `/BaseFont` without its subset tag.
pub(super) fn clean_name(name: &str) -> String {
    match name.split_once('+') {
        Some((tag, rest)) if tag.len() == 6 && tag.bytes().all(|b| b.is_ascii_uppercase()) => {
            rest.to_string()
        }
        _ => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cid(encoding: CidEncoding) -> Font {
        Font {
            name: "F".into(),
            encoding_name: "X".into(),
            kind: FontKind::Cid {
                encoding,
                vertical: false,
                codespace: Vec::new(),
                default_width: 1000.0,
                widths: HashMap::new(),
                vertical_advance: -1000.0,
            },
            to_unicode: None,
        }
    }

    #[test]
    fn gbk_codes_are_one_or_two_bytes_and_decode() {
        let font = cid(CidEncoding::Legacy(encoding_rs::GBK));
        let (bytes, _, _) = encoding_rs::GBK.encode("武进A１");
        let codes = font.codes(&bytes);
        let text: String = codes
            .iter()
            .filter_map(|(c, raw)| font.unicode(*c, raw))
            .collect();
        assert_eq!(text, "武进A１");
        assert_eq!(
            codes.iter().map(|(_, r)| r.len()).collect::<Vec<_>>(),
            vec![2, 2, 1, 2]
        );
        assert_eq!(font.width(codes[2].0, codes[2].1), 0.5);
    }

    #[test]
    fn identity_without_a_map_is_unreadable() {
        let font = cid(CidEncoding::Identity);
        let codes = font.codes(&[0x12, 0x34, 0x00]);
        assert_eq!(codes.len(), 2);
        assert_eq!(font.unicode(codes[0].0, codes[0].1), None);
    }

    #[test]
    fn predefined_names() {
        assert_eq!(predefined("UniGB-UCS2-H"), Some((CidEncoding::Ucs2, false)));
        assert_eq!(
            predefined("Identity-V"),
            Some((CidEncoding::Identity, true))
        );
        assert!(matches!(
            predefined("GBK-EUC-H"),
            Some((CidEncoding::Legacy(_), false))
        ));
        assert_eq!(predefined("Custom"), None);
        assert_eq!(glyph_name_text("uni4E2D").as_deref(), Some("中"));
        assert_eq!(glyph_name_text("g123"), None);
        assert_eq!(clean_name("ABCDEF+SimSun"), "SimSun");
        // A name that is not ASCII is no text, and no panic.
        assert_eq!(glyph_name_text("uni中文字"), None);
    }
}
