//! Bytes of a page file -> text: UTF-8 (with or without BOM), UTF-16 (with or
//! without BOM), GB18030/GBK.
//!
//! Legacy newsroom files are often GB18030/GBK. Decoding never guesses into
//! mojibake: input that is valid in none of the supported encodings, or that
//! looks binary, is an error.

use encoding_rs::{Encoding, GB18030, UTF_8, UTF_16BE, UTF_16LE};

/// Text decoded from a page file, with the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, BOM removed.
    pub text: String,
    /// Name of the encoding: `UTF-8`, `UTF-16LE`, `UTF-16BE` or `GB18030`.
    pub encoding: &'static str,
}

/// Why bytes could not be read as page text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The file holds no text at all (empty, or only whitespace).
    #[error("the file is empty")]
    Empty,
    /// NUL or other control bytes: an image, a PDF, a Word file…
    #[error("the file looks binary (byte 0x{byte:02X} at offset {offset}), not page text")]
    Binary {
        /// The offending byte.
        byte: u8,
        /// Its offset in the file.
        offset: usize,
    },
    /// Valid in none of UTF-8, UTF-16 and GB18030.
    #[error(
        "the text is neither UTF-8 nor GB18030/GBK (first undecodable byte at offset {offset}); convert it to UTF-8"
    )]
    Undecodable {
        /// Offset of the first byte UTF-8 rejects.
        offset: usize,
    },
}

/// Decodes a page file's bytes.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    let decoded = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        decode_strict(encoding, &bytes[bom_len..])
            .ok_or(DecodeError::Undecodable { offset: bom_len })?
    } else if let Some(decoded) = utf16_without_bom(bytes) {
        decoded
    } else {
        check_not_binary(bytes)?;
        match std::str::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: text.to_string(),
                encoding: "UTF-8",
            },
            Err(e) => decode_strict(GB18030, bytes).ok_or(DecodeError::Undecodable {
                offset: e.valid_up_to(),
            })?,
        }
    };
    if decoded.text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    if let Some((offset, c)) = decoded
        .text
        .char_indices()
        .find(|&(_, c)| is_binary_control(c))
    {
        return Err(DecodeError::Binary {
            byte: c as u8,
            offset,
        });
    }
    Ok(decoded)
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<Decoded> {
    let text = encoding.decode_without_bom_handling_and_without_replacement(bytes)?;
    let name = if encoding == UTF_16LE {
        "UTF-16LE"
    } else if encoding == UTF_16BE {
        "UTF-16BE"
    } else if encoding == UTF_8 {
        "UTF-8"
    } else {
        "GB18030"
    };
    Some(Decoded {
        text: text.into_owned(),
        encoding: name,
    })
}

/// UTF-16 saved without a BOM (Windows "Unicode" exports do this).
///
/// UTF-8 and GB18030 text never holds a NUL byte, UTF-16 text almost always
/// does (each ASCII character has one). Which byte order it is shows in what
/// the text decodes to: Chinese, punctuation and ASCII in the right order,
/// unrelated scripts in the wrong one (`\n` becomes U+0A00). Binary files
/// read as neither.
fn utf16_without_bom(bytes: &[u8]) -> Option<Decoded> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) || !bytes.contains(&0) {
        return None;
    }
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .filter_map(|encoding| decode_strict(encoding, bytes))
        .filter(|d| !d.text.chars().any(is_binary_control))
        .find(|d| {
            let sample = d.text.chars().take(UTF16_SAMPLE_CHARS);
            let (total, plausible) = sample.fold((0usize, 0usize), |(t, p), c| {
                (t + 1, p + usize::from(is_page_char(c)))
            });
            plausible * 10 >= total * 9
        })
}

/// How much of a file is looked at to tell UTF-16's byte order.
const UTF16_SAMPLE_CHARS: usize = 16 * 1024;

/// Characters a Chinese page is made of: ASCII, Latin-1, general and CJK
/// punctuation, CJK ideographs and full-width forms.
fn is_page_char(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{a0}'..='\u{ff}' | '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}')
}

/// Control characters that never occur in page text (tab, CR, LF, FF are fine).
fn is_binary_control(c: char) -> bool {
    matches!(c, '\0'..='\u{8}' | '\u{e}'..='\u{1a}' | '\u{1c}'..='\u{1f}')
}

fn check_not_binary(bytes: &[u8]) -> Result<(), DecodeError> {
    // Only the ASCII range is checked here: in UTF-8 and GB18030 these bytes are
    // never part of a multi-byte character.
    match bytes
        .iter()
        .position(|&b| b < 0x80 && is_binary_control(b as char))
    {
        Some(offset) => Err(DecodeError::Binary {
            byte: bytes[offset],
            offset,
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "本报讯（记者 张可馨）６月２６日，陕西省。\r\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let plain = decode(TEXT.as_bytes()).unwrap();
        assert_eq!((plain.text.as_str(), plain.encoding), (TEXT, "UTF-8"));
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(TEXT.as_bytes());
        assert_eq!(decode(&bom).unwrap().text, TEXT);
    }

    #[test]
    fn gbk_and_utf16() {
        let (gbk, _, _) = GB18030.encode(TEXT);
        let d = decode(&gbk).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "GB18030"));
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(&utf16).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "UTF-16LE"));
    }

    #[test]
    fn utf16_without_bom() {
        let le: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let d = decode(&le).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "UTF-16LE"));
        let be: Vec<u8> = TEXT.encode_utf16().flat_map(u16::to_be_bytes).collect();
        let d = decode(&be).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), (TEXT, "UTF-16BE"));
        // `一` (U+4E00) puts NULs at the other parity too; the order still shows.
        let ones = "一一一一一，一二三。\n";
        let le: Vec<u8> = ones.encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(decode(&le).unwrap().text, ones);
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(DecodeError::Binary { .. })
        ));
    }

    #[test]
    fn binary_empty_and_undecodable_are_errors() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b" \r\n\t"), Err(DecodeError::Empty));
        assert!(matches!(
            decode(b"\x89PNG\r\n\x1a\n\0\0"),
            Err(DecodeError::Binary { .. })
        ));
        // 0xFF is never a lead byte in GB18030, nor valid in UTF-8.
        assert_eq!(
            decode(
                "你好"
                    .as_bytes()
                    .iter()
                    .chain(b"\xFF\xFF")
                    .copied()
                    .collect::<Vec<_>>()
                    .as_slice()
            ),
            Err(DecodeError::Undecodable { offset: 6 })
        );
    }
}
