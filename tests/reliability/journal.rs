//! Issue 17, the journal half: an archive opens whatever its journal holds,
//! an edit is whole or absent, a fold that cannot place a patch finishes,
//! and a search during a tagging loop sees each edit whole.

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::{jianbao, path_str, project, search_total, stderr};

/// Ids of every article, from `list --json`.
fn all_ids(dir: &Path) -> Vec<String> {
    // `output` reads while the child writes: the list of a thousand
    // articles outgrows a pipe's buffer.
    let out = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["list", path_str(dir), "--json"])
        .output()
        .expect("run jianbao list");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let listed: Value = serde_json::from_slice(&out.stdout).expect("list JSON");
    let mut ids = Vec::new();
    collect_ids(&listed, &mut ids);
    assert!(!ids.is_empty(), "no ids in {listed}");
    ids
}

fn collect_ids(value: &Value, ids: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(id)) = map.get("id") {
                ids.push(id.clone());
            }
            map.values().for_each(|v| collect_ids(v, ids));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_ids(v, ids)),
        _ => {}
    }
}

fn tag(dir: &Path, ids: &[String], flag: &str, name: &str) -> std::process::Output {
    let mut args = vec!["tag", path_str(dir)];
    args.extend(ids.iter().map(String::as_str));
    args.extend([flag, name]);
    jianbao(&args)
}

/// The note of `id`, from `show --json`.
fn note_of(dir: &Path, id: &str) -> String {
    let out = jianbao(&["show", path_str(dir), id, "--json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let shown: Value = serde_json::from_slice(&out.stdout).expect("show JSON");
    shown
        .pointer("/article/note")
        .or_else(|| shown.get("note"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn patch_line(id: &str, tags: &str, note: &str) -> String {
    format!("(id:\"{id}\",tags:{tags},note:{note})")
}

#[test]
fn a_journal_torn_and_appended_to_by_an_older_writer_opens_and_keeps_every_readable_edit() {
    let (_tmp, dir) = project(2);
    let ids = all_ids(&dir);
    let journal = dir.join("journal.ron");
    // Two kills in a row with a writer that appended after a torn line: the
    // fragment and the next edit (a note that returned 0) on one line, and
    // a damaged line in the middle.
    let text = format!(
        "{}\n(id:\"{}\",ta{}\n(id: 3)\n{}\n",
        patch_line(&ids[0], "None", "Some(\"先\")"),
        ids[1],
        patch_line(&ids[1], "None", "Some(\"留下\")"),
        patch_line(&ids[2], "None", "Some(\"后\")"),
    );
    fs::write(&journal, &text).unwrap();
    // A reader opens it (and changes nothing).
    let (code, _, err) = search_total(&dir, "中国");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(fs::read_to_string(&journal).unwrap(), text);
    assert_eq!(note_of(&dir, &ids[1]), "留下");
    // A writer opens it, keeps a copy of what it could not read, says so,
    // and every readable edit is folded in.
    let out = jianbao(&["note", path_str(&dir), &ids[3], "新"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("journal.ron:2:") && err.contains("kept in"),
        "{err}"
    );
    let kept: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("journal.damaged-")
        })
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(fs::read_to_string(kept[0].path()).unwrap(), text);
    for (id, note) in [
        (&ids[0], "先"),
        (&ids[1], "留下"),
        (&ids[2], "后"),
        (&ids[3], "新"),
    ] {
        assert_eq!(note_of(&dir, id), note, "{id}");
    }
}

#[test]
fn an_edit_cut_short_in_the_journal_is_absent_whole() {
    let (_tmp, dir) = project(2);
    let ids = all_ids(&dir);
    for flag in ["--add", "--remove"] {
        let out = tag(&dir, &ids, flag, "甲");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
    // A kill during the append: the start of an edit of every article, and
    // part of its patches.
    let mut text = format!("Begin({})\n", ids.len());
    for id in &ids[..ids.len() / 2] {
        text.push_str(&patch_line(id, "Some([1])", "None"));
        text.push('\n');
    }
    text.push_str("(id:\"1998");
    fs::write(dir.join("journal.ron"), &text).unwrap();
    let (code, total, err) = search_total(&dir, "tag:甲");
    assert_eq!((code, total), (Some(0), Some(0)), "{err}");
    // The next edit neither folds it in nor appends after it.
    let out = jianbao(&["note", path_str(&dir), &ids[0], "无关"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (code, total, err) = search_total(&dir, "tag:甲");
    assert_eq!((code, total), (Some(0), Some(0)), "{err}");
    assert_eq!(note_of(&dir, &ids[0]), "无关");
    let out = jianbao(&["reindex", path_str(&dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (_, total, _) = search_total(&dir, "tag:甲");
    assert_eq!(total, Some(0));
}

#[test]
fn a_patch_without_a_date_is_kept_and_every_write_command_finishes() {
    let (_tmp, dir) = project(2);
    let ids = all_ids(&dir);
    let journal = dir.join("journal.ron");
    let undated = patch_line("X-1", "Some([1])", "Some(\"无日期\")");
    fs::write(&journal, format!("Begin(1)\n{undated}\nEnd(1)\n")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["tag", path_str(&dir), &ids[0], "--add", "乙"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(30) {
            child.kill().ok();
            panic!("`tag` still folding after 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // What was saved, and what stays in the journal, both said.
    let err = stderr(&out);
    assert!(err.contains("saved") && err.contains("no date"), "{err}");
    let (code, total, err) = search_total(&dir, "tag:乙");
    assert_eq!((code, total), (Some(0), Some(1)), "{err}");
    let left = fs::read_to_string(&journal).unwrap();
    assert!(left.contains("X-1"), "the undated patch is kept: {left}");
    assert!(!left.contains(&ids[0]), "the dated one was folded: {left}");
}

#[test]
fn a_fold_that_cannot_read_an_edition_keeps_its_patches_and_says_what_was_saved() {
    let (_tmp, dir) = project(2);
    let ids = all_ids(&dir);
    let first = ids.first().unwrap().clone();
    let last = ids.last().unwrap().clone();
    let out = jianbao(&["note", path_str(&dir), &first, "在前"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // The first edition is broken by hand while its patch is pending.
    let edition = dir.join("editions/1998/1998-01-01.ron");
    let journal = dir.join("journal.ron");
    fs::write(
        &journal,
        format!(
            "Begin(1)\n{}\nEnd(1)\n",
            patch_line(&first, "None", "Some(\"等待\")")
        ),
    )
    .unwrap();
    let good = fs::read_to_string(&edition).unwrap();
    fs::write(&edition, good.replacen("Edition(", "Edition(((", 1)).unwrap();
    let out = jianbao(&["note", path_str(&dir), &last, "已存"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("saved") && err.contains("1998-01-01.ron:"),
        "{err}"
    );
    assert!(fs::read_to_string(&journal).unwrap().contains("等待"));
    assert_eq!(note_of(&dir, &last), "已存");
    fs::write(&edition, good).unwrap();
    assert_eq!(note_of(&dir, &first), "等待");
}

/// Issue 17's "readers see half an edit": while one process tags and
/// untags every article again and again, searches see 0 or all.
#[test]
fn a_reader_during_a_tagging_loop_sees_only_whole_edits() {
    let (_tmp, dir) = project(20);
    let ids = all_ids(&dir);
    let all = ids.len() as u64;
    let out = tag(&dir, &ids, "--add", "丙");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let writer = {
        let dir = dir.clone();
        let ids = ids.clone();
        std::thread::spawn(move || {
            for round in 0..16 {
                let flag = if round % 2 == 0 { "--remove" } else { "--add" };
                let out = tag(&dir, &ids, flag, "丙");
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
            }
        })
    };
    let mut seen = std::collections::BTreeMap::<u64, usize>::new();
    let mut slowest = Duration::ZERO;
    while !writer.is_finished() {
        let started = Instant::now();
        let (code, total, err) = search_total(&dir, "tag:丙");
        slowest = slowest.max(started.elapsed());
        assert_eq!(code, Some(0), "{err}");
        *seen.entry(total.expect("a total")).or_default() += 1;
    }
    writer.join().expect("tagging loop");
    println!("{all} articles; totals seen: {seen:?}; slowest search {slowest:?}");
    assert!(
        seen.keys().all(|t| *t == 0 || *t == all),
        "half an edit seen: {seen:?} (of {all})"
    );
    assert!(seen.values().sum::<usize>() >= 10, "{seen:?}");
}
