//! Entities in an article's text: people (with the titles printed before
//! them), places and organisations, each with its position; and event dates
//! (`dates`). Pure functions of the text: what extraction finds is derived
//! and can be recomputed whenever the model improves.
//!
//! The tagger (`tagger`) is a character-level averaged perceptron trained on
//! People's Daily 1998 by `scripts/train-entities.py`; `people` splits name
//! lists and finds titles; `corpus` reads that corpus's gold annotation for
//! the evaluation (`benches/entities.rs`).

pub mod article;
pub mod corpus;
pub mod dates;
mod people;
pub mod tagger;

use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use dates::{DatePrecision, EventDate};
pub use tagger::{Model, ModelError};

pub use crate::archive::model::EntityKind;

/// One mention of an entity in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Person, place or organisation.
    pub kind: EntityKind,
    /// Character offsets (not bytes) of the name in the text.
    pub chars: Range<usize>,
    /// The name as printed.
    pub name: String,
    /// For a person, the title printed right before the name
    /// (`市委常委、区委书记` before 乔俊杰), or after it (习近平`总书记`).
    pub title: Option<String>,
}

/// The model shipped with the program (`assets/entities/tagger.bin`).
pub(crate) const MODEL_BYTES: &[u8] = include_bytes!("../../../assets/entities/tagger.bin");

/// The shipped model, read once. Its bytes are compiled in and checked by
/// the tests, so failing to read them is a build defect, not bad user data.
pub fn model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        Model::from_bytes(MODEL_BYTES).expect("the shipped entity model reads (tested)")
    })
}

/// Finds the people, places and organisations in `text`, in text order.
pub fn extract(text: &str) -> Vec<Mention> {
    extract_with(model(), text)
}

/// [`extract`] with a given model (for evaluating another one).
pub fn extract_with(model: &Model, text: &str) -> Vec<Mention> {
    let chars: Vec<char> = text.chars().collect();
    let codes: Vec<u32> = chars.iter().map(|&c| tagger::fold(c)).collect();
    let mut spans = Vec::new();
    // Lines are tagged apart: a line break ends every name.
    let mut start = 0;
    for (i, c) in chars
        .iter()
        .copied()
        .enumerate()
        .chain([(chars.len(), '\n')])
    {
        if c == '\n' || c == '\r' {
            if i > start {
                for (kind, r) in model.spans(&codes[start..i]) {
                    // No name begins or ends with punctuation (`—汉滨` in
                    // 武进—汉滨): the tagger sometimes takes a dash along.
                    let (mut a, mut b) = (r.start + start, r.end + start);
                    while a < b && !chars[a].is_alphanumeric() {
                        a += 1;
                    }
                    while b > a && !chars[b - 1].is_alphanumeric() {
                        b -= 1;
                    }
                    if a < b {
                        spans.push((kind, a..b));
                    }
                }
            }
            start = i + 1;
        }
    }
    people::finish(&chars, spans)
}

#[cfg(test)]
mod tests;
