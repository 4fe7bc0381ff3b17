//! A result's snippet cut to the width its column has, so that the match
//! shows: the search's snippet carries context before its first match (for a
//! wide column), which in a narrow one would push the match past the edge.

/// One run of a snippet: plain text or a match (the part in `【】`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Run {
    /// The characters of the run.
    pub text: String,
    /// Whether the run is a match.
    pub matched: bool,
}

/// The runs of a snippet as the search marks it (`…前文【苏陕】协作…`).
pub fn runs(snippet: &str) -> Vec<Run> {
    let mut runs = Vec::new();
    let mut rest = snippet;
    let mut push = |text: &str, matched: bool| {
        if !text.is_empty() {
            runs.push(Run {
                text: text.to_string(),
                matched,
            });
        }
    };
    while let Some(open) = rest.find('【') {
        push(&rest[..open], false);
        let after = &rest[open + '【'.len_utf8()..];
        let close = after.find('】').unwrap_or(after.len());
        push(&after[..close], true);
        rest = after.get(close + '】'.len_utf8()..).unwrap_or("");
    }
    push(rest, false);
    runs
}

/// Share of the width kept, at most, for context before the first match.
const BEFORE_SHARE: f32 = 0.3;

/// The runs of `snippet` cut to fit `width`, each character `width_of(c)`
/// wide: the first match in view with at most [`BEFORE_SHARE`] of the width
/// of context before it, `…` where text was cut at either end. The result
/// never measures more than `width` (a match longer than the line is cut at
/// its end).
pub fn fit(snippet: &str, width: f32, mut width_of: impl FnMut(char) -> f32) -> Vec<Run> {
    let runs = runs(snippet);
    // Characters in order, each with whether it is part of a match.
    let chars: Vec<(char, bool)> = runs
        .iter()
        .flat_map(|r| r.text.chars().map(move |c| (c, r.matched)))
        .collect();
    let widths: Vec<f32> = chars.iter().map(|(c, _)| width_of(*c)).collect();
    let ellipsis = width_of('…');
    let total: f32 = widths.iter().sum();
    if total <= width {
        return runs;
    }
    // Where the text may start: keep at most BEFORE_SHARE of the line before
    // the first match; without a match, the start.
    let first_match = chars.iter().position(|(_, m)| *m);
    let mut start = 0;
    if let Some(at) = first_match {
        let mut before = 0.0;
        start = at;
        while start > 0 && before + widths[start - 1] <= width * BEFORE_SHARE {
            before += widths[start - 1];
            start -= 1;
        }
        // A match too long for its context and itself: no context.
        let match_end = (at..chars.len())
            .find(|&i| !chars[i].1)
            .unwrap_or(chars.len());
        let needed: f32 = widths[start..match_end].iter().sum::<f32>() + 2.0 * ellipsis;
        if needed > width {
            start = at;
        }
    }
    let lead = if start > 0 { ellipsis } else { 0.0 };
    let mut used = lead;
    let mut end = start;
    while end < chars.len() {
        let tail = if end + 1 < chars.len() { ellipsis } else { 0.0 };
        if used + widths[end] + tail > width {
            break;
        }
        used += widths[end];
        end += 1;
    }
    let mut out: Vec<Run> = Vec::new();
    let mut push = |c: char, matched: bool| match out.last_mut() {
        Some(last) if last.matched == matched => last.text.push(c),
        _ => out.push(Run {
            text: c.to_string(),
            matched,
        }),
    };
    if start > 0 {
        push('…', false);
    }
    for &(c, matched) in &chars[start..end] {
        push(c, matched);
    }
    if end < chars.len() {
        push('…', false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(runs: &[Run]) -> String {
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    fn matched(runs: &[Run]) -> Vec<&str> {
        runs.iter()
            .filter(|r| r.matched)
            .map(|r| r.text.as_str())
            .collect()
    }

    #[test]
    fn a_snippet_that_fits_is_left_alone() {
        let runs = fit("前文【苏陕】协作", 100.0, |_| 1.0);
        assert_eq!(text(&runs), "前文苏陕协作");
        assert_eq!(matched(&runs), ["苏陕"]);
    }

    #[test]
    fn a_narrow_column_still_shows_the_match() {
        let snippet = format!(
            "…{}【苏陕协作】走深走实{}…",
            "并召开武进汉滨".repeat(4),
            "甲乙丙".repeat(10)
        );
        for width in [10.0, 16.0, 24.0, 40.0] {
            let runs = fit(&snippet, width, |_| 1.0);
            let shown = text(&runs);
            assert!(shown.contains("苏陕协作"), "{width}: {shown}");
            assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
            assert!(shown.chars().count() as f32 <= width, "{width}: {shown}");
            // No doubled mark where the search had cut already.
            assert!(!shown.contains("……"), "{shown}");
        }
    }

    #[test]
    fn a_match_longer_than_the_line_is_cut_at_its_end() {
        let runs = fit("甲乙【丙丁戊己庚辛】壬", 4.0, |_| 1.0);
        assert_eq!(text(&runs), "…丙丁…");
    }

    #[test]
    fn without_a_match_the_start_shows() {
        let runs = fit("甲乙丙丁戊己庚辛", 5.0, |_| 1.0);
        assert_eq!(text(&runs), "甲乙丙丁…");
    }
}
