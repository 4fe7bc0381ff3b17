//! Our tantivy tokenizers: Han bigrams for exact recall, jieba words for ranking.
//!
//! Both normalise with [`Normalized`] (once per value: they share a
//! per-thread cache) and report offsets into the original text that never
//! go backwards (tantivy-jieba's search mode does, and that panics tantivy's
//! snippet generator). They must be registered on every
//! [`tantivy::Index`] we open: see [`register`].
//!
//! jieba's dictionary takes ~140 ms to build, so the [`Segmenter`] builds
//! it only when text is first indexed; queries never segment with it (see
//! `plan`: their ranking words come from the index's own vocabulary).

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use std::sync::{Arc, Mutex, OnceLock, RwLock};

use jieba_rs::Jieba;
use tantivy::Index;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::normalize::{CharClass, Normalized, classify, fold_char};

/// Name of the Han-bigram tokenizer (fields `grams`, `headline_grams`).
pub const BIGRAM: &str = "jianbao_bigram";
/// Name of the jieba word tokenizer (fields `words`, `headline_words`).
pub const WORDS: &str = "jianbao_words";
/// Name of the entity tokenizer (field `entity`).
pub const ENTITIES: &str = "jianbao_entities";

/// A jieba segmenter built on first use, shared by indexing threads; words
/// are added to it (reporters, tags) while indexing runs, and words added
/// before it is built wait for it.
#[derive(Default)]
pub struct Segmenter {
    jieba: OnceLock<RwLock<Jieba>>,
    /// Words added before the dictionary was built.
    waiting: Mutex<Waiting>,
}

impl std::fmt::Debug for Segmenter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Segmenter")
            .field("built", &self.jieba.get().is_some())
            .finish_non_exhaustive()
    }
}

/// The segmenter of one index, shared with its tokenizers.
pub type SharedJieba = Arc<Segmenter>;

impl Segmenter {
    /// Adds `words` to the dictionary (normalised, so they match normalised
    /// text). Costs nothing until the dictionary is built.
    pub fn add_words<'a>(&self, words: impl IntoIterator<Item = &'a str>) {
        let mut words = words.into_iter().filter_map(user_word).peekable();
        if words.peek().is_none() {
            return;
        }
        {
            let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
            if !waiting.drained {
                for word in words {
                    // Tag names are handed over again after every vocabulary edit.
                    if waiting.seen.insert(word.clone()) {
                        waiting.words.push(word);
                    }
                }
                return;
            }
        }
        // Built, or being built by a thread that took the waiting words.
        let words: Vec<String> = {
            let jieba = self.jieba.wait().read().unwrap_or_else(|e| e.into_inner());
            words.filter(|w| !jieba.has_word(w)).collect()
        };
        if words.is_empty() {
            // Known already: no write lock, which would wait for every
            // indexing thread's segmenting.
            return;
        }
        let mut jieba = self.jieba.wait().write().unwrap_or_else(|e| e.into_inner());
        for word in words {
            if !jieba.has_word(&word) {
                jieba.add_word(&word, None, None);
            }
        }
    }

    /// Runs `f` with the dictionary, building it first if needed.
    pub fn with<R>(&self, f: impl FnOnce(&Jieba) -> R) -> R {
        let jieba = self.jieba.get_or_init(|| {
            let mut jieba = Jieba::new();
            let words = {
                let mut waiting = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
                waiting.drained = true;
                waiting.seen = HashSet::new();
                std::mem::take(&mut waiting.words)
            };
            for word in words {
                if !jieba.has_word(&word) {
                    jieba.add_word(&word, None, None);
                }
            }
            RwLock::new(jieba)
        });
        f(&jieba.read().unwrap_or_else(|e| e.into_inner()))
    }
}

/// Words given before the dictionary was built.
#[derive(Debug, Default)]
struct Waiting {
    /// In the order given (it decides the frequencies jieba suggests).
    words: Vec<String>,
    /// The same words, to refuse repeats without a scan (a search opens
    /// with every reporter name the archive has seen).
    seen: HashSet<String>,
    /// Whether the builder took them: later words go to the dictionary.
    drained: bool,
}

/// `word` as the dictionary should hold it, or `None` for one character.
fn user_word(word: &str) -> Option<String> {
    let word: String = word
        .chars()
        .map(fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    (word.chars().count() >= 2).then_some(word)
}

/// Registers our tokenizers on `index`.
pub fn register(index: &Index, jieba: &SharedJieba) {
    let manager = index.tokenizers();
    manager.register(BIGRAM, GramTokenizer);
    manager.register(
        WORDS,
        WordTokenizer {
            jieba: Arc::clone(jieba),
        },
    );
    manager.register(
        ENTITIES,
        EntityTokenizer {
            jieba: Arc::clone(jieba),
        },
    );
}

/// The normalised form of `text`, shared by the two tokenizers: tantivy's
/// indexing thread tokenises a document's values for `grams`, then the same
/// values for `words`, so each thread keeps the last values it normalised
/// and a text is normalised once, not once per field.
fn normalized(text: &str) -> Rc<Normalized> {
    /// Values of one document: titles and the body.
    const KEPT: usize = 4;
    thread_local! {
        static RECENT: RefCell<Vec<(String, Rc<Normalized>)>> = const { RefCell::new(Vec::new()) };
    }
    RECENT.with(|recent| {
        let mut recent = recent.borrow_mut();
        if let Some((_, norm)) = recent.iter().find(|(kept, _)| kept == text) {
            return Rc::clone(norm);
        }
        let norm = Rc::new(Normalized::new(text));
        if recent.len() == KEPT {
            recent.remove(0);
        }
        recent.push((text.to_string(), Rc::clone(&norm)));
        norm
    })
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

/// Han bigrams plus whole alphanumeric words.
///
/// Each Han character gives one token at its position: the bigram it starts,
/// or, ending a run of Han characters, itself. So every character is the
/// first character of some term, and a one-character query is the range of
/// terms starting with it. Positions count characters: each Han character,
/// word and punctuation mark takes one (whitespace none). So consecutive
/// bigrams at consecutive positions mean consecutive characters, and a
/// phrase query over a query's bigrams matches exactly where the query
/// occurs as a substring.
#[derive(Debug, Clone, Copy)]
pub struct GramTokenizer;

impl Tokenizer for GramTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: gram_tokens(&normalized(text)),
            next: 0,
        }
    }
}

/// The gram tokens of normalised text (see [`GramTokenizer`]).
pub(crate) fn gram_tokens(norm: &Normalized) -> Vec<Token> {
    let spans = &norm.spans;
    let mut tokens = Vec::with_capacity(spans.len());
    let mut position = 0;
    let mut next = 0;
    while next < spans.len() {
        let span = spans[next];
        match classify(span.ch) {
            CharClass::Han => {
                next += 1;
                let mut text = String::with_capacity(8);
                text.push(span.ch);
                let mut end = span.orig.1;
                if let Some(following) =
                    spans.get(next).filter(|n| classify(n.ch) == CharClass::Han)
                {
                    text.push(following.ch);
                    end = following.orig.1;
                }
                tokens.push(token(text, span.orig.0, end, position));
                position += 1;
            }
            CharClass::Word => {
                let mut text = String::new();
                while next < spans.len() && classify(spans[next].ch) == CharClass::Word {
                    text.push(spans[next].ch);
                    next += 1;
                }
                tokens.push(token(text, span.orig.0, spans[next - 1].orig.1, position));
                position += 1;
            }
            CharClass::Space => next += 1,
            CharClass::Break => {
                position += 1;
                next += 1;
            }
        }
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

/// Words as segmented by jieba (precise mode, no HMM) over normalised
/// text, one-character words left out (see [`word_tokens`]).
#[derive(Clone)]
pub struct WordTokenizer {
    jieba: SharedJieba,
}

impl Tokenizer for WordTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let norm = normalized(text);
        VecTokenStream {
            tokens: self.jieba.with(|jieba| word_tokens(jieba, &norm)),
            next: 0,
        }
    }
}

/// The words of `norm` that rank: those of two or more characters with a
/// letter, digit or Han character. A one-character word (的, 在, 了: most
/// of them) says little about what an article is about, and the exact-match
/// clause of a query already scores its characters.
pub(crate) fn word_tokens(jieba: &Jieba, norm: &Normalized) -> Vec<Token> {
    let mut tokens = Vec::new();
    for word in jieba.cut(&norm.text, false) {
        let mut chars = word.word.chars();
        if chars.next().is_none() || chars.next().is_none() {
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_and_run_ends_sit_at_character_positions_and_skip_ignorables() {
        let tokens = gram_tokens(&Normalized::new("“两湖”创\n新区，ＡＩ"));
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
                ("区", 5),
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
    fn words_added_before_and_after_the_dictionary_is_built_are_in_it() {
        let segmenter = Segmenter::default();
        segmenter.add_words(["恽淇丞", "恽淇丞"]);
        assert!(segmenter.with(|jieba| jieba.has_word("恽淇丞")));
        segmenter.add_words(["Ｑ 苏陕"]);
        assert!(segmenter.with(|jieba| jieba.has_word("q苏陕")));
    }

    #[test]
    fn word_offsets_are_monotonic_and_in_the_original() {
        let jieba = Jieba::new();
        let text = "推进“两湖”创\n新区建设，１９９８年";
        let tokens = word_tokens(&jieba, &Normalized::new(text));
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

/// The people, places and organisations extraction finds in an article's
/// text ([`crate::archive::entities::extract`]), one token per mention
/// ([`super::schema::entity_term`]: kind and name). It runs in tantivy's
/// indexing threads, beside the segmenting, so extraction spreads over the
/// cores instead of lengthening the import's own thread. The names found
/// become words of the segmenter before the document's `words` are cut
/// (the `entity` field comes first in the schema, and tantivy indexes a
/// document's fields in schema order).
#[derive(Clone)]
pub struct EntityTokenizer {
    jieba: SharedJieba,
}

impl Tokenizer for EntityTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        let mentions = crate::archive::entities::extract(text);
        self.jieba
            .add_words(mentions.iter().map(|m| m.name.as_str()));
        let mut tokens = Vec::with_capacity(mentions.len());
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let byte_of = |c: usize| bytes.get(c).copied().unwrap_or(text.len());
        for mention in &mentions {
            let from = byte_of(mention.chars.start);
            let to = byte_of(mention.chars.end).max(from);
            let position = tokens.len();
            tokens.push(token(
                super::schema::entity_term(mention.kind, &mention.name),
                from,
                to,
                position,
            ));
        }
        VecTokenStream { tokens, next: 0 }
    }
}
