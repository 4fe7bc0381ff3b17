//! Reading `journal.ron` line by line: which edits were committed, where
//! the committed part ends, and what could not be read.
//!
//! An edit is written as `Begin(n)`, its `n` patches and `End(n)`, one a
//! line. Only a batch closed by its `End` is applied, so an edit a crash or
//! a full disk cut short is absent whole. Lines outside any batch are
//! patches as journals before batches wrote them, each an edit of its own.
//! A line that does not read (damage, or a torn line that a writer of an
//! older version appended straight after) is reported with its line and
//! column and never stops the archive from opening; a complete patch glued
//! after a torn fragment is recovered.

use serde::{Deserialize, Serialize};

use super::Patch;

/// A batch marker line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) enum Marker {
    /// The start of an edit of this many patches.
    Begin(usize),
    /// Its end: the edit is committed.
    End(usize),
}

/// A part of the journal that could not be read, so was not applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalProblem {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1.
    pub col: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for JournalProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// What a journal's bytes hold.
#[derive(Debug, Default)]
pub(super) struct Parsed {
    /// Committed patches, oldest first.
    pub patches: Vec<Patch>,
    /// Bytes up to the end of the last committed line: appends start here.
    pub committed_len: usize,
    /// What could not be read (applied: nothing of it).
    pub problems: Vec<JournalProblem>,
}

/// An edit being read: its first line, its announced size and its patches.
struct Open {
    line: usize,
    announced: usize,
    patches: Vec<Patch>,
    damaged: bool,
}

/// Reads a journal's bytes (see the module comment for the rules).
pub(super) fn parse(bytes: &[u8]) -> Parsed {
    let mut parsed = Parsed::default();
    let mut open: Option<Open> = None;
    let mut start = 0;
    let mut number = 0;
    while start < bytes.len() {
        number += 1;
        // A last line without its line end is a write cut short: never committed.
        let Some(len) = bytes[start..].iter().position(|b| *b == b'\n') else {
            break;
        };
        let end = start + len + 1;
        let line = &bytes[start..start + len];
        start = end;
        let text = match std::str::from_utf8(line) {
            Ok(text) => text,
            Err(e) => {
                let col = String::from_utf8_lossy(&line[..e.valid_up_to()])
                    .chars()
                    .count()
                    + 1;
                problem(&mut parsed, &mut open, number, col, "not UTF-8 text".into());
                continue;
            }
        };
        if text.trim().is_empty() {
            if open.is_none() {
                parsed.committed_len = end;
            }
            continue;
        }
        match read_line(text) {
            Ok((skipped, item)) => {
                if let Some((col, message)) = skipped {
                    problem(&mut parsed, &mut open, number, col, message);
                }
                match item {
                    Item::Patch(patch) => match open.as_mut() {
                        Some(batch) => batch.patches.push(patch),
                        None => {
                            parsed.patches.push(patch);
                            parsed.committed_len = end;
                        }
                    },
                    Item::Marker(Marker::Begin(n)) => {
                        if let Some(left) = open.take() {
                            parsed.problems.push(JournalProblem {
                                line: left.line,
                                col: 1,
                                message: format!(
                                    "an edit of {} patch(es) that never ended (cut short by a crash); not applied",
                                    left.announced
                                ),
                            });
                        }
                        open = Some(Open {
                            line: number,
                            announced: n,
                            patches: Vec::new(),
                            damaged: false,
                        });
                    }
                    Item::Marker(Marker::End(n)) => match open.take() {
                        Some(batch) if !batch.damaged && batch.patches.len() == n => {
                            parsed.patches.extend(batch.patches);
                            parsed.committed_len = end;
                        }
                        Some(batch) => parsed.problems.push(JournalProblem {
                            line: batch.line,
                            col: 1,
                            message: format!(
                                "an edit announced as {} patch(es) holds {} readable ones; not applied",
                                batch.announced,
                                batch.patches.len()
                            ),
                        }),
                        None => problem(
                            &mut parsed,
                            &mut open,
                            number,
                            1,
                            "the end of an edit that never began".into(),
                        ),
                    },
                }
            }
            Err((col, message)) => problem(&mut parsed, &mut open, number, col, message),
        }
    }
    parsed
}

fn problem(parsed: &mut Parsed, open: &mut Option<Open>, line: usize, col: usize, message: String) {
    if let Some(batch) = open.as_mut() {
        batch.damaged = true;
    }
    parsed.problems.push(JournalProblem { line, col, message });
}

enum Item {
    Patch(Patch),
    Marker(Marker),
}

/// One line: a patch or a marker. When the line does not read but a whole
/// one starts inside it (a torn line with the next write glued on), that
/// one is taken and the fragment before it reported as skipped.
#[allow(clippy::type_complexity)]
fn read_line(text: &str) -> Result<(Option<(usize, String)>, Item), (usize, String)> {
    let first = match read_item(text) {
        Ok(item) => return Ok((None, item)),
        Err(e) => e,
    };
    for (at, _) in text
        .match_indices(['(', 'B', 'E'])
        .skip_while(|(at, _)| *at == 0)
    {
        let rest = &text[at..];
        let starts =
            rest.starts_with("(id:") || rest.starts_with("Begin(") || rest.starts_with("End(");
        if starts && let Ok(item) = read_item(rest) {
            let col = text[..at].chars().count() + 1;
            let message = format!("a torn fragment ({}) before column {col}; skipped", first.1);
            return Ok((Some((first.0, message)), item));
        }
    }
    Err(first)
}

fn read_item(text: &str) -> Result<Item, (usize, String)> {
    let trimmed = text.trim_start();
    let marker = trimmed.starts_with("Begin(") || trimmed.starts_with("End(");
    let result = if marker {
        ron::from_str::<Marker>(text).map(Item::Marker)
    } else {
        ron::from_str::<Patch>(text).map(Item::Patch)
    };
    result.map_err(|e| (e.span.start.col.max(1), e.code.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "(id:\"19980101-01-01\",tags:Some([1]),note:None)";
    const B: &str = "(id:\"19980101-01-02\",tags:None,note:Some(\"注\"))";

    fn ids(parsed: &Parsed) -> Vec<&str> {
        parsed.patches.iter().map(|p| p.id.as_str()).collect()
    }

    #[test]
    fn only_ended_batches_count_and_appends_start_after_the_last() {
        let text = format!("Begin(1)\n{A}\nEnd(1)\nBegin(2)\n{B}\n{A}\n");
        let parsed = parse(text.as_bytes());
        assert_eq!(ids(&parsed), ["19980101-01-01"]);
        assert_eq!(
            parsed.committed_len,
            format!("Begin(1)\n{A}\nEnd(1)\n").len()
        );
        assert!(
            parsed.problems.is_empty(),
            "an unfinished tail is no problem"
        );
    }

    #[test]
    fn old_journals_without_batches_still_read() {
        let text = format!("{A}\n{B}\n{A}");
        let parsed = parse(text.as_bytes());
        assert_eq!(ids(&parsed), ["19980101-01-01", "19980101-01-02"]);
        assert_eq!(parsed.committed_len, format!("{A}\n{B}\n").len());
    }

    #[test]
    fn a_patch_glued_to_a_torn_fragment_is_recovered_and_the_fragment_reported() {
        let text = format!("{A}\n(id:\"19980101-01-03\",ta{B}\n{A}\n");
        let parsed = parse(text.as_bytes());
        assert_eq!(
            ids(&parsed),
            ["19980101-01-01", "19980101-01-02", "19980101-01-01"]
        );
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].line, 2);
    }

    #[test]
    fn a_damaged_batch_is_not_applied_but_later_ones_are() {
        let mut text =
            format!("Begin(2)\n{A}\n(id: 3)\nEnd(2)\nBegin(1)\n{B}\nEnd(1)\n").into_bytes();
        text.extend_from_slice(b"\xff\n");
        let parsed = parse(&text);
        assert_eq!(ids(&parsed), ["19980101-01-02"]);
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [3, 1, 8]);
    }
}
