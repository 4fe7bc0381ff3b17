//! Our tantivy tokenizers: Han unigrams/bigrams for exact recall, jieba words for ranking.
//!
//! All three normalise with [`Normalized`] and report offsets into the
//! original text that never go backwards (tantivy-jieba's search mode does, and
//! that panics tantivy's snippet generator). They must be registered on every
//! [`tantivy::Index`] we open: see [`register`].

use std::sync::{Arc, RwLock};

use jieba_rs::Jieba;
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::normalize::{CharClass, Normalized, classify, fold_char};

/// Name of the Han-bigram tokenizer (field `grams`).
pub const BIGRAM: &str = "jianbao_bigram";
/// Name of the Han-unigram tokenizer (field `chars`).
pub const UNIGRAM: &str = "jianbao_unigram";
/// Name of the jieba word tokenizer (field `words`).
pub const WORDS: &str = "jianbao_words";

/// A jieba segmenter shared by the tokenizers and the query side; words are
/// added to it (reporters, tags) while indexing runs.
pub type SharedJieba = Arc<RwLock<Jieba>>;

/// Adds `words` to the segmenter's dictionary (normalised, so they match
/// normalised text); returns how many were new.
pub fn add_user_words<'a>(jieba: &SharedJieba, words: impl IntoIterator<Item = &'a str>) -> usize {
    let mut jieba = jieba.write().unwrap_or_else(|e| e.into_inner());
    let mut added = 0;
    for word in words {
        let word: String = word
            .chars()
            .map(fold_char)
            .filter(|c| !c.is_whitespace())
            .collect();
        if word.chars().count() >= 2 && !jieba.has_word(&word) {
            jieba.add_word(&word, None, None);
            added += 1;
        }
    }
    added
}

/// Registers the three tokenizers on `index`.
pub fn register(index: &Index, jieba: &SharedJieba) {
    let manager = index.tokenizers();
    manager.register(BIGRAM, GramTokenizer { bigrams: true });
    manager.register(UNIGRAM, GramTokenizer { bigrams: false });
    manager.register(
        WORDS,
        WordTokenizer {
            jieba: Arc::clone(jieba),
        },
    );
}

/// Tokens already computed, handed out one by one.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Han unigrams (or bigrams) plus whole alphanumeric words.
///
/// Positions count characters: each Han character, word and punctuation mark
/// takes one position (whitespace takes none), and a bigram sits at the
/// position of its first character. So consecutive bigrams at consecutive
/// positions mean consecutive characters, and a phrase query over a query's
/// bigrams matches exactly where the query occurs as a substring.
#[derive(Debug, Clone, Copy)]
pub struct GramTokenizer {
    bigrams: bool,
}

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = GramTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> GramTokenStream {
        GramTokenStream {
            norm: Normalized::new(text),
            bigrams: self.bigrams,
            next: 0,
            position: 0,
            token: Token::default(),
        }
    }
}

/// Grams produced one at a time into one reused [`Token`] (indexing makes
/// millions of them; a `String` each would dominate the allocator).
pub struct GramTokenStream {
    norm: Normalized,
    bigrams: bool,
    next: usize,
    position: usize,
    token: Token,
}

impl TokenStream for GramTokenStream {
    fn advance(&mut self) -> bool {
        let spans = &self.norm.spans;
        while self.next < spans.len() {
            let i = self.next;
            let span = spans[i];
            match classify(span.ch) {
                CharClass::Han => {
                    self.next += 1;
                    let position = self.position;
                    self.position += 1;
                    let next_han = spans
                        .get(i + 1)
                        .filter(|n| classify(n.ch) == CharClass::Han);
                    let end = if !self.bigrams {
                        span.orig.1
                    } else if let Some(next) = next_han {
                        next.orig.1
                    } else {
                        continue;
                    };
                    let t = &mut self.token;
                    t.text.clear();
                    t.text.push(span.ch);
                    if self.bigrams
                        && let Some(next) = next_han
                    {
                        t.text.push(next.ch);
                    }
                    (t.offset_from, t.offset_to, t.position) = (span.orig.0, end, position);
                    return true;
                }
                CharClass::Word => {
                    let t = &mut self.token;
                    t.text.clear();
                    while self.next < spans.len()
                        && classify(spans[self.next].ch) == CharClass::Word
                    {
                        t.text.push(spans[self.next].ch);
                        self.next += 1;
                    }
                    t.offset_from = span.orig.0;
                    t.offset_to = spans[self.next - 1].orig.1;
                    t.position = self.position;
                    self.position += 1;
                    return true;
                }
                CharClass::Space => self.next += 1,
                CharClass::Break => {
                    self.position += 1;
                    self.next += 1;
                }
            }
        }
        false
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

/// All grams of `text` (tests; indexing streams them).
#[cfg(test)]
pub(crate) fn gram_tokens(text: &str, bigrams: bool) -> Vec<Token> {
    let mut stream = GramTokenizer { bigrams }.token_stream(text);
    let mut tokens = Vec::new();
    while stream.advance() {
        tokens.push(stream.token().clone());
    }
    tokens
}

fn token(text: String, offset_from: usize, offset_to: usize, position: usize) -> Token {
    Token {
        offset_from,
        offset_to,
        position,
        text,
        position_length: 1,
    }
}

/// Words as segmented by jieba (precise mode, no HMM) over normalised text.
#[derive(Clone)]
pub struct WordTokenizer {
    jieba: SharedJieba,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let jieba = self.jieba.read().unwrap_or_else(|e| e.into_inner());
        VecTokenStream {
            tokens: word_tokens(&jieba, text),
            next: 0,
        }
    }
}

pub(crate) fn word_tokens(jieba: &Jieba, text: &str) -> Vec<Token> {
    let norm = Normalized::new(text);
    let mut tokens = Vec::new();
    for word in jieba.cut(&norm.text, false) {
        if !word.word.chars().any(char::is_alphanumeric) {
            continue;
        }
        let Some(orig) = norm.original_range(word.byte_start..word.byte_end) else {
            continue;
        };
        let position = tokens.len();
        tokens.push(token(word.word.to_string(), orig.start, orig.end, position));
    }
    tokens
}

/// The distinct jieba words of a (query) text, normalised.
pub(crate) fn query_words(jieba: &SharedJieba, text: &str) -> Vec<String> {
    let jieba = jieba.read().unwrap_or_else(|e| e.into_inner());
    let mut words: Vec<String> = word_tokens(&jieba, text)
        .into_iter()
        .map(|t| t.text)
        .collect();
    words.sort();
    words.dedup();
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_sit_at_character_positions_and_skip_ignorables() {
        let tokens = gram_tokens("“两湖”创\n新区，ＡＩ", true);
        let got: Vec<(&str, usize)> = tokens
            .iter()
            .map(|t| (t.text.as_str(), t.position))
            .collect();
        assert_eq!(
            got,
            vec![
                ("两湖", 1),
                ("湖创", 2),
                ("创新", 3),
                ("新区", 4),
                ("ai", 7)
            ]
        );
        assert!(
            tokens
                .windows(2)
                .all(|w| w[0].offset_from <= w[1].offset_from)
        );
    }

    #[test]
    fn word_offsets_are_monotonic_and_in_the_original() {
        let jieba = Jieba::new();
        let text = "推进“两湖”创\n新区建设，１９９８年";
        let tokens = word_tokens(&jieba, text);
        assert!(
            tokens
                .windows(2)
                .all(|w| w[0].offset_to <= w[1].offset_from)
        );
        for t in &tokens {
            assert!(text.is_char_boundary(t.offset_from) && text.is_char_boundary(t.offset_to));
        }
        assert!(tokens.iter().any(|t| t.text == "1998"));
    }
}
