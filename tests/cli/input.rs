//! Every way in refuses what would hide or garble an article, and says
//! where: JSON Lines records (ids, dates, duplicates, size, a BOM), page
//! files over the size limit, command-line ids, names, notes, the flags of
//! every subcommand, export targets, exit codes on a closed pipe, modes.

use std::fs;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use super::{SAMPLE, jianbao, new_project, path_str, sample_project, search_total, stderr};

/// A full JSON Lines record.
fn record(id: &str, date: &str, page: u32, headline: &str) -> Value {
    json!({
        "id": id, "date": date, "page": page, "source": null, "kicker": null,
        "headline": headline, "subtitle": null, "byline": null, "reporters": [],
        "correspondents": [], "paragraphs": ["正文。"], "tags": [], "note": "",
        "characters": 3
    })
}

fn write_lines(path: &Path, lines: &[String]) {
    let mut text = lines.join("\n");
    text.push('\n');
    fs::write(path, text).unwrap();
}

fn article_count(dir: &Path) -> usize {
    let listed = super::json(&jianbao(&["list", path_str(dir), "--json"]));
    listed["articles"].as_array().map_or(0, Vec::len)
}

#[test]
fn jsonl_records_with_bad_ids_or_dates_are_refused_with_their_line() {
    let (tmp, dir) = sample_project();
    let d = path_str(&dir);
    let good = record("20240629-01-01", "2024-06-29", 1, "好").to_string();
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "no date",
            record("X-1", "2024-06-29", 1, "甲"),
            "not an article id",
        ),
        (
            "year 1",
            record("00010101-01-01", "0001-01-01", 1, "甲"),
            "not an article id",
        ),
        (
            "year 9999",
            record("20240629-01-02", "9999-01-01", 1, "甲"),
            "outside the years 1800–2200",
        ),
        (
            "year 10000",
            record("20240629-01-02", "+10000-01-01", 1, "甲"),
            "outside the years",
        ),
        (
            "year -1",
            record("20240629-01-02", "-0001-01-01", 1, "甲"),
            "outside the years",
        ),
        (
            "another date than its id",
            record("20240628-01-01", "2024-06-29", 1, "甲"),
            "not what its id gives",
        ),
        (
            "another page than its id",
            record("20240628-01-01", "2024-06-28", 2, "甲"),
            "not what its id gives",
        ),
    ];
    for (what, bad, message) in cases {
        let file = tmp.path().join("bad.jsonl");
        write_lines(&file, &[good.clone(), String::new(), bad.to_string()]);
        let out = jianbao(&["import", d, path_str(&file)]);
        assert_eq!(out.status.code(), Some(2), "{what}: {}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("bad.jsonl"), "{what}: {err}");
        assert!(err.contains("line 3"), "{what}: {err}");
        assert!(err.contains(message), "{what}: {err}");
        // Nothing of the file is saved, and no edition outside the years appears.
        assert_eq!(article_count(&dir), 4, "{what}");
        let years: Vec<String> = fs::read_dir(dir.join("editions"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(years, vec!["2024".to_string()], "{what}");
    }
    // The sample's article keeps one copy: `tag:` finds it once.
    let out = jianbao(&["tag", d, "20240628-01-01", "--add", "查"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(search_total(&dir, "tag:查"), 1);
}

#[test]
fn jsonl_duplicates_are_named_and_a_bom_is_taken() {
    let (tmp, dir) = new_project();
    let d = path_str(&dir);
    let file = tmp.path().join("dup.jsonl");
    write_lines(
        &file,
        &[
            record("20240629-01-01", "2024-06-29", 1, "甲").to_string(),
            record("20240629-01-02", "2024-06-29", 1, "乙").to_string(),
            record("20240629-01-01", "2024-06-29", 1, "丙").to_string(),
        ],
    );
    let out = jianbao(&["import", d, path_str(&file)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 3: article 20240629-01-01 is on line 1 already"),
        "{}",
        stderr(&out)
    );
    assert_eq!(article_count(&dir), 0);

    // A BOM at the start (Windows tools write one) is not an error.
    let file = tmp.path().join("bom.jsonl");
    let mut text = b"\xEF\xBB\xBF".to_vec();
    text.extend(
        record("20240629-01-01", "2024-06-29", 1, "甲")
            .to_string()
            .bytes(),
    );
    text.push(b'\n');
    fs::write(&file, text).unwrap();
    let out = jianbao(&["import", d, path_str(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(article_count(&dir), 1);
}

#[test]
fn a_bad_jsonl_line_is_named_by_one_line_number() {
    let (tmp, dir) = new_project();
    let file = tmp.path().join("broken.jsonl");
    write_lines(
        &file,
        &[
            record("20240629-01-01", "2024-06-29", 1, "甲").to_string(),
            "{\"id\": 20240629".into(),
        ],
    );
    let out = jianbao(&["import", path_str(&dir), path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("line 2"), "{err}");
    assert!(!err.contains("line 1"), "one line number only: {err}");
}

#[test]
fn an_article_over_the_size_limit_is_refused_on_every_way_in() {
    let (tmp, dir) = new_project();
    let d = path_str(&dir);
    // A JSON Lines line past the line limit is refused unparsed.
    let mut huge = record("20240629-01-01", "2024-06-29", 1, "甲");
    huge["paragraphs"] = json!(["字".repeat(3 << 20)]);
    let file = tmp.path().join("huge.jsonl");
    write_lines(&file, &[huge.to_string()]);
    let out = jianbao(&["import", d, path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 1: an article holds at most 4 MiB"),
        "{}",
        stderr(&out)
    );
    // Within the line limit but over the article limit.
    huge["paragraphs"] = json!(["字".repeat(1 << 20), "字".repeat(1 << 20)]);
    write_lines(&file, &[huge.to_string()]);
    let out = jianbao(&["import", d, path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at most 4 MiB"), "{}", stderr(&out));
    assert_eq!(article_count(&dir), 0);

    // A page file over the page limit is refused unread.
    let page = tmp.path().join("2024-06-29.txt");
    fs::write(&page, "标题\n\n".to_string() + &"字".repeat(6 << 20)).unwrap();
    let out = jianbao(&["import", d, path_str(&page)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("a page file holds at most 16 MiB"),
        "{}",
        stderr(&out)
    );
    // One article of a page file over the article limit.
    fs::write(&page, "标题\n\n".to_string() + &"字。".repeat(800_000)).unwrap();
    let out = jianbao(&["import", d, path_str(&page)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at most 4 MiB"), "{}", stderr(&out));
    assert_eq!(article_count(&dir), 0);
}

#[test]
fn ids_on_the_command_line_must_carry_a_date() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    for args in [
        vec!["show", d, "X-1"],
        vec!["tag", d, "X-1", "--add", "甲"],
        vec!["note", d, "00010101-01-01", "n"],
        vec!["export", d, "--ids", "X-1", "-o", "x.csv"],
    ] {
        let out = jianbao(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("is not an article id"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn export_takes_its_fields() {
    let (tmp, dir) = sample_project();
    let out_file = tmp.path().join("two.csv");
    let out = jianbao(&[
        "export",
        path_str(&dir),
        "--date",
        "2024-06-28",
        "--fields",
        "id,headline",
        "-o",
        path_str(&out_file),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let text = fs::read_to_string(&out_file).unwrap();
    assert!(text.starts_with("\u{feff}编号,标题\r\n"), "{text}");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let (_tmp, dir) = new_project();
    for args in [
        vec!["import", path_str(&dir), SAMPLE],
        vec!["list", path_str(&dir)],
        vec!["search", path_str(&dir), "协作", "--json"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(&args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before the answer is written (`| true`).
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        assert!(
            !stderr(&out).contains("panicked"),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
    }
    // The import was saved all the same.
    assert_eq!(article_count(&dir), 4);
}

#[test]
fn split_numbers_paragraphs_from_one() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    let shown = super::json(&jianbao(&["show", d, "20240628-01-01", "--json"]));
    let paragraphs = shown["paragraphs"].as_array().unwrap().len();
    assert!(paragraphs >= 3);
    let out = jianbao(&["fix", d, "20240628-01-01", "split", "--at", "1"]);
    assert_eq!(out.status.code(), Some(2));
    let wanted = format!("split at 2 to {paragraphs}");
    assert!(stderr(&out).contains(&wanted), "{}", stderr(&out));
    let at = (paragraphs + 1).to_string();
    let out = jianbao(&["fix", d, "20240628-01-01", "split", "--at", &at]);
    assert_eq!(out.status.code(), Some(2));
    let at = paragraphs.to_string();
    let out = jianbao(&["fix", d, "20240628-01-01", "split", "--at", &at]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = super::json(&jianbao(&["show", d, "20240628-01-01", "--json"]));
    assert_eq!(
        shown["paragraphs"].as_array().unwrap().len(),
        paragraphs - 1,
        "the last paragraph became the new article"
    );
}

#[test]
fn collections_count_what_changed_and_a_tag_is_not_merged_into_itself() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    let run = |args: &[&str]| {
        let out = jianbao(args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["collection", d, "create", "头版"]);
    let said = run(&[
        "collection",
        d,
        "add",
        "头版",
        "20240628-01-01",
        "20240628-01-01",
    ]);
    assert!(said.contains("added 1 article(s)"), "{said}");
    let said = run(&["collection", d, "add", "头版", "20240628-01-01"]);
    assert!(said.contains("added 0 article(s)"), "{said}");
    let said = run(&[
        "collection",
        d,
        "remove",
        "头版",
        "20240628-01-02",
        "20240628-01-03",
    ]);
    assert!(said.contains("removed 0 article(s)"), "{said}");
    let said = run(&["collection", d, "remove", "头版", "20240628-01-01"]);
    assert!(said.contains("removed 1 article(s)"), "{said}");

    run(&["tag", d, "20240628-01-01", "--add", "甲"]);
    let out = jianbao(&["tags", d, "merge", "甲", "甲"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("into itself"), "{}", stderr(&out));
    assert_eq!(search_total(&dir, "tag:甲"), 1);
}

#[test]
fn names_with_control_characters_are_refused_and_printed_escaped() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    let evil = "甲\u{1b}]0;owned\u{7}";
    for args in [
        vec!["tag", d, "20240628-01-01", "--add", evil],
        vec!["collection", d, "create", evil],
    ] {
        let out = jianbao(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).contains("control characters"),
            "{}",
            stderr(&out)
        );
    }
    let out = jianbao(&["tag", d, "20240628-01-01", "--add", "乙"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = jianbao(&["tags", d, "rename", "乙", evil]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be a tag name"),
        "{}",
        stderr(&out)
    );
    // A name typed into project.ron by hand is printed escaped.
    let project = dir.join("project.ron");
    let text = fs::read_to_string(&project).unwrap();
    fs::write(&project, text.replace("\"乙\"", "\"乙\u{1b}[2J\"")).unwrap();
    let out = jianbao(&["tags", d]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = String::from_utf8_lossy(&out.stdout);
    assert!(!listed.contains('\u{1b}'), "{listed:?}");
    assert!(listed.contains("乙\\u{1b}[2J"), "{listed}");
}

#[test]
fn a_note_comes_from_a_file_or_standard_input() {
    let (tmp, dir) = sample_project();
    let d = path_str(&dir);
    // Longer than a command line can carry.
    let long = "核对原文。".repeat(60_000);
    let file = tmp.path().join("note.txt");
    fs::write(&file, format!("{long}\n")).unwrap();
    let out = jianbao(&["note", d, "20240628-01-01", "--file", path_str(&file)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = super::json(&jianbao(&["show", d, "20240628-01-01", "--json"]));
    assert_eq!(shown["note"].as_str(), Some(long.as_str()));

    let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(["note", d, "20240628-01-02", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("从标准输入来的备注".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = super::json(&jianbao(&["show", d, "20240628-01-02", "--json"]));
    assert_eq!(shown["note"], "从标准输入来的备注");

    // Over the size limit: refused, the note unchanged.
    fs::write(&file, "字".repeat(2 << 20)).unwrap();
    let out = jianbao(&["note", d, "20240628-01-01", "--file", path_str(&file)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("at most 4 MiB"), "{}", stderr(&out));
    let shown = super::json(&jianbao(&["show", d, "20240628-01-01", "--json"]));
    assert_eq!(shown["note"].as_str(), Some(long.as_str()));
}

#[cfg(unix)]
#[test]
fn export_refuses_targets_that_are_not_regular_files_and_cleans_stale_temps() {
    use std::os::unix::fs::symlink;
    let (tmp, dir) = sample_project();
    let export = |target: &Path, force: bool| {
        let mut args = vec![
            "export",
            path_str(&dir),
            "--date",
            "2024-06-28",
            "--format",
            "csv",
            "-o",
            path_str(target),
        ];
        if force {
            args.push("--force");
        }
        jianbao(&args)
    };
    let folder = tmp.path().join("folder");
    fs::create_dir(&folder).unwrap();
    for force in [false, true] {
        let out = export(&folder, force);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
        assert!(folder.is_dir());
    }
    let kept = tmp.path().join("kept.txt");
    fs::write(&kept, "keep").unwrap();
    let link = tmp.path().join("link.csv");
    symlink(&kept, &link).unwrap();
    let out = export(&link, true);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read_to_string(&kept).unwrap(), "keep");
    let fifo = tmp.path().join("fifo.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = export(&fifo, true);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(!fs::symlink_metadata(&fifo).unwrap().file_type().is_file());

    // A temp file a killed export left is cleaned by the next export there;
    // a fresh one (a live export's) and files not ours are left alone.
    let stale = tmp.path().join(".jianbao-export-AbC123.tmp");
    fs::write(&stale, vec![0u8; 4096]).unwrap();
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    let fresh = tmp.path().join(".jianbao-export-fresh1.tmp");
    fs::write(&fresh, b"x").unwrap();
    let other = tmp.path().join(".other.tmp");
    fs::write(&other, b"x").unwrap();
    let out = export(&tmp.path().join("day.csv"), false);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!stale.exists());
    assert!(fresh.exists());
    assert!(other.exists());
}

#[cfg(unix)]
#[test]
fn project_files_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("shared");
    let bin = env!("CARGO_BIN_EXE_jianbao");
    let script = format!(
        "umask 002 && '{bin}' new '{d}' && '{bin}' import '{d}' '{SAMPLE}' && '{bin}' tag '{d}' 20240628-01-01 --add 甲",
        d = path_str(&dir)
    );
    let out = Command::new("sh").arg("-c").arg(&script).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    for file in [
        dir.join("project.ron"),
        dir.join("editions/2024/2024-06-28.ron"),
        dir.join("index/CURRENT"),
    ] {
        let mode = fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o664, "{}: {mode:o}", file.display());
    }
}
