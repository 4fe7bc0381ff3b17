//! ToUnicode CMaps: character codes → Unicode text (`bfchar`, `bfrange`),
//! and the code space that says how many bytes a code takes.

use std::collections::HashMap;

/// A parsed ToUnicode map.
#[derive(Debug, Clone, Default)]
pub struct ToUnicode {
    /// Code byte lengths by range: (bytes, low, high).
    pub codespace: Vec<(usize, u32, u32)>,
    map: HashMap<u32, String>,
}

impl ToUnicode {
    /// The text of `code`, if the map has it.
    pub fn get(&self, code: u32) -> Option<&str> {
        self.map.get(&code).map(String::as_str)
    }

    /// How many codes the map has.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(String),
}

fn tokens(data: &[u8]) -> Vec<Token> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let c = data[i];
        match c {
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' if data.get(i + 1) == Some(&b'>') => i += 2,
            b'<' => {
                let end = data[i..]
                    .iter()
                    .position(|&b| b == b'>')
                    .map_or(data.len(), |p| i + p);
                let digits: Vec<u8> = data[i + 1..end]
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let mut bytes: Vec<u8> = digits
                    .chunks(2)
                    .map(|p| p[0] << 4 | p.get(1).copied().unwrap_or(0))
                    .collect();
                if digits.is_empty() {
                    bytes.clear();
                }
                out.push(Token::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Token::Open);
                i += 1;
            }
            b']' => {
                out.push(Token::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && data[i] != b'\n' && data[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // Literal strings (CMap names) are skipped, with nesting.
                let mut depth = 0;
                while i < data.len() {
                    match data[i] {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
                i += 1;
            }
            _ if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < data.len() && !b"<>[]()% \t\r\n\x0c\0".contains(&data[i]) {
                    i += 1;
                }
                if i == start {
                    i += 1;
                } else {
                    out.push(Token::Word(
                        String::from_utf8_lossy(&data[start..i]).into_owned(),
                    ));
                }
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

/// UTF-16BE bytes as text (a lone surrogate becomes nothing).
fn utf16_text(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| u16::from(p[0]) << 8 | u16::from(p.get(1).copied().unwrap_or(0)))
        .collect();
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

/// Ranges longer than this are cut (a broken map must not fill memory).
const MAX_RANGE: u32 = 0x1_0000;

/// Parses a ToUnicode CMap; what does not parse is skipped.
pub fn parse(data: &[u8]) -> ToUnicode {
    let tokens = tokens(data);
    let mut cmap = ToUnicode::default();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            Token::Word(w) if w == "begincodespacerange" => {
                i += 1;
                while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                    (tokens.get(i), tokens.get(i + 1))
                {
                    cmap.codespace
                        .push((lo.len().max(1), code_of(lo), code_of(hi)));
                    i += 2;
                }
            }
            Token::Word(w) if w == "beginbfchar" => {
                i += 1;
                while let (Some(Token::Hex(src)), Some(Token::Hex(dst))) =
                    (tokens.get(i), tokens.get(i + 1))
                {
                    cmap.map.insert(code_of(src), utf16_text(dst));
                    i += 2;
                }
            }
            Token::Word(w) if w == "beginbfrange" => {
                i += 1;
                while let (Some(Token::Hex(lo)), Some(Token::Hex(hi))) =
                    (tokens.get(i), tokens.get(i + 1))
                {
                    let (lo, hi) = (code_of(lo), code_of(hi));
                    let hi = hi.min(lo.saturating_add(MAX_RANGE));
                    match tokens.get(i + 2) {
                        Some(Token::Hex(dst)) => {
                            let base = utf16_text(dst);
                            let mut units: Vec<u16> = base.encode_utf16().collect();
                            for code in lo..=hi {
                                cmap.map.insert(code, String::from_utf16_lossy(&units));
                                if let Some(last) = units.last_mut() {
                                    *last = last.wrapping_add(1);
                                }
                            }
                            i += 3;
                        }
                        Some(Token::Open) => {
                            i += 3;
                            let mut code = lo;
                            while let Some(Token::Hex(dst)) = tokens.get(i) {
                                if code <= hi {
                                    cmap.map.insert(code, utf16_text(dst));
                                }
                                code = code.saturating_add(1);
                                i += 1;
                            }
                            if tokens.get(i) == Some(&Token::Close) {
                                i += 1;
                            }
                        }
                        _ => break,
                    }
                }
            }
            _ => i += 1,
        }
    }
    cmap
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chars_ranges_and_arrays() {
        let data = b"/CIDInit /ProcSet findresource begin\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
            2 beginbfchar <0001> <4E2D> <0002> <D83DDE00> endbfchar\n\
            2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<56FD> <002D002D>] endbfrange\nendcmap";
        let cmap = parse(data);
        assert_eq!(cmap.get(1), Some("中"));
        assert_eq!(cmap.get(2), Some("😀"));
        assert_eq!(cmap.get(0x12), Some("C"));
        assert_eq!(cmap.get(0x20), Some("国"));
        assert_eq!(cmap.get(0x21), Some("--"));
        assert_eq!(cmap.get(0x13), None);
        assert_eq!(cmap.codespace, vec![(2, 0, 0xFFFF)]);
    }

    #[test]
    fn garbage_does_not_panic() {
        for data in [
            &b"beginbfrange <00> <FFFFFFFF> <0041> endbfrange"[..],
            b"<",
            b"beginbfchar <01>",
            b"(((",
        ] {
            let cmap = parse(data);
            assert!(cmap.len() <= MAX_RANGE as usize + 1);
        }
    }
}
