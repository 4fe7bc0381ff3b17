//! What can be wrong with a query, as data: the CLI prints it in English
//! (`Display`), the desktop app words it in the UI language.

/// A query that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// `OR` at either end, or twice in a row.
    #[error("`OR` needs a word on each side")]
    OrNeedsWords,
    /// `-a OR b`.
    #[error("`-` cannot be combined with `OR`; exclude words separately")]
    NegatedOr,
    /// `-` with nothing after it.
    #[error("a lone `-` must be followed by a word to exclude (e.g. -汉滨)")]
    LoneMinus,
    /// A `"` without its closing twin.
    #[error("unbalanced quote: the phrase {phrase} has no closing `\"`")]
    UnbalancedQuote {
        /// The phrase from its opening quote to the end of the query.
        phrase: String,
    },
    /// `tag:` and the like with no value.
    #[error("empty value for `{field}:` (e.g. {example})")]
    EmptyValue {
        /// The field as typed (`tag`, `标签`…).
        field: String,
        /// An example of a good value.
        example: &'static str,
    },
    /// `""`.
    #[error("empty phrase `\"\"`")]
    EmptyPhrase,
    /// A word that is empty once trimmed.
    #[error("empty word")]
    EmptyWord,
    /// A word of punctuation only.
    #[error("`{word}` has no characters, letters or digits to search for")]
    NothingToSearch {
        /// The word as typed.
        word: String,
    },
    /// `page:5..3` or `date:2024-07..2024-06`.
    #[error("{field} range `{value}` ends before it starts")]
    Backwards {
        /// `page` or `date`.
        field: &'static str,
        /// The range as typed.
        value: String,
    },
    /// `date:..` or `page:..`.
    #[error("`{field}:..` needs a start or an end")]
    OpenRange {
        /// `page` or `date`.
        field: &'static str,
    },
    /// `page:x`.
    #[error("`page:{value}`: a page is a number, e.g. page:3")]
    BadPage {
        /// The value as typed.
        value: String,
    },
    /// `date:1998-13`.
    #[error("`date:{value}` is not a date; use 2024, 2024-06 or 2024-06-28 (ranges: a..b)")]
    BadDate {
        /// The value as typed.
        value: String,
    },
}

impl QueryError {
    /// Whether the query may just be unfinished: a filter, quote, `-` or
    /// `OR` still being typed at its end. The app waits for the user to
    /// pause before it shows such an error.
    pub fn may_be_unfinished(&self) -> bool {
        !matches!(
            self,
            QueryError::NegatedOr | QueryError::EmptyPhrase | QueryError::NothingToSearch { .. }
        )
    }
}
