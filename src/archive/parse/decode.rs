//! Bytes of a page file -> text: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.
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
    /// Valid in none of UTF-8, UTF-16 (with BOM) and GB18030.
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
