//! Autocomplete for tag inputs: which tags an input finds, best first.
//!
//! Chinese tags are found by their characters and by pinyin, full
//! (`dangjian` → 党建) or by initials (`dj`), as newsroom staff type them on
//! any keyboard. Ranking: exact name, then name or pinyin prefixes, then
//! other matches; within each, tags used more often first.

use pinyin::ToPinyin;

use crate::ui::worker::TagView;

/// Suggestions shown at most.
pub const MAX_SUGGESTIONS: usize = 8;

/// The pinyin of `name` as `(full, initials)`, lower case, non-Han characters kept.
pub fn pinyin_keys(name: &str) -> (String, String) {
    let mut full = String::new();
    let mut initials = String::new();
    for c in name.chars() {
        match c.to_pinyin() {
            Some(p) => {
                full.push_str(p.plain());
                initials.push_str(p.first_letter());
            }
            None => {
                for lower in c.to_lowercase() {
                    full.push(lower);
                    initials.push(lower);
                }
            }
        }
    }
    (full, initials)
}

/// How well `input` (lower case, trimmed) matches `name`: lower is better, `None` is no match.
fn match_rank(input: &str, name: &str) -> Option<u8> {
    let lower = name.to_lowercase();
    if lower == input {
        return Some(0);
    }
    let (full, initials) = pinyin_keys(name);
    if lower.starts_with(input) || initials.starts_with(input) || full.starts_with(input) {
        return Some(1);
    }
    if lower.contains(input) || initials.contains(input) || full.contains(input) {
        return Some(2);
    }
    None
}

/// The tags `input` finds, best first, at most [`MAX_SUGGESTIONS`]; an
/// empty input lists the most used tags. `skip` are tags not to offer
/// (those the article already has).
pub fn suggest<'a>(input: &str, tags: &'a [TagView], skip: &[String]) -> Vec<&'a TagView> {
    let input = input.trim().to_lowercase();
    let mut found: Vec<(u8, &TagView)> = tags
        .iter()
        .filter(|t| !skip.contains(&t.def.name))
        .filter_map(|t| {
            if input.is_empty() {
                Some((1, t))
            } else {
                match_rank(&input, &t.def.name).map(|rank| (rank, t))
            }
        })
        .collect();
    found.sort_by(|(ra, a), (rb, b)| {
        ra.cmp(rb)
            .then(b.count.cmp(&a.count))
            .then(a.def.name.cmp(&b.def.name))
    });
    found
        .into_iter()
        .take(MAX_SUGGESTIONS)
        .map(|(_, t)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::model::{TagDef, TagId};

    fn view(id: u32, name: &str, count: usize) -> TagView {
        TagView {
            def: TagDef {
                id: TagId(id),
                name: name.into(),
                ..TagDef::default()
            },
            count,
            total: count,
        }
    }

    #[test]
    fn pinyin_initials_and_full_pinyin_find_chinese_tags() {
        let tags = vec![
            view(1, "党建", 5),
            view(2, "经济", 9),
            view(3, "苏陕协作", 2),
            view(4, "当地", 1),
        ];
        let names = |input: &str| -> Vec<String> {
            suggest(input, &tags, &[])
                .into_iter()
                .map(|t| t.def.name.clone())
                .collect()
        };
        assert_eq!(names("dj"), vec!["党建"]);
        assert_eq!(names("dangjian"), vec!["党建"]);
        assert_eq!(names("dang"), vec!["党建", "当地"]);
        assert_eq!(names("协作"), vec!["苏陕协作"]);
        assert_eq!(names("ssxz"), vec!["苏陕协作"]);
        // Empty input: most used first.
        assert_eq!(names("")[0], "经济");
        // Tags the article has are not offered again.
        assert!(
            suggest("dj", &tags, &["党建".to_string()]).is_empty(),
            "skipped"
        );
    }
}
