//! Issue 12, end to end with the built binary: searches that never fail
//! while the index is rebuilt or missing, a read-only project, a truncated
//! edition, a damaged index file, pages that would overwrite each other,
//! and paging numbers far beyond the archive.
//!
//! Pages come from People's Daily 1998 when `$JIANBAO_CORPUS` (or
//! `target/corpus/199801.txt`) is there, else from the sample page under
//! several dates. Every loop runs against a deadline, so a hang fails the
//! test instead of blocking the suite.

#[path = "../benches/support/corpus.rs"]
mod jianbao_corpus;
#[path = "reliability/journal.rs"]
mod journal;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const SAMPLE: &str = include_str!("../assets/wujin-daily-2024-06-28.txt");
/// The query whose exact total the tests check (common in both sources).
const QUERY: &str = "中国";
/// No single command may take longer than this.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(120);

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_jianbao"));
    command.args(args);
    command
}

/// Runs `command` to completion, failing the test if it outlives `COMMAND_TIMEOUT`.
fn run(mut command: Command) -> Output {
    let child = command
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run jianbao");
    finish(child)
}

fn finish(mut child: Child) -> Output {
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > COMMAND_TIMEOUT {
            child.kill().ok();
            panic!("a jianbao command ran longer than {COMMAND_TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    child.wait_with_output().expect("output")
}

fn jianbao(args: &[&str]) -> Output {
    run(command(args))
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// `search --json --limit 0`: exit code, total and stderr.
fn search_total(dir: &Path, query: &str) -> (Option<i32>, Option<u64>, String) {
    let out = jianbao(&["search", path_str(dir), query, "--limit", "0", "--json"]);
    let total = serde_json::from_slice::<Value>(&out.stdout)
        .ok()
        .and_then(|v| v["total"].as_u64());
    (out.status.code(), total, stderr(&out))
}

/// Page files for `editions` dates: slices of the corpus, or the sample.
fn write_pages(folder: &Path, editions: usize) {
    fs::create_dir_all(folder).unwrap();
    let corpus = fs::read_to_string(jianbao_corpus::corpus_path())
        .ok()
        .filter(|text| text.lines().count() > editions * 120);
    let paragraphs: Vec<String> = match &corpus {
        Some(text) => text
            .lines()
            .filter_map(jianbao_corpus::corpus_line)
            .take(editions * 120)
            .collect(),
        None => {
            println!("note: no corpus; pages are the sample page under {editions} dates");
            Vec::new()
        }
    };
    for day in 1..=editions {
        let text = if paragraphs.is_empty() {
            SAMPLE.replace("苏陕", "中国")
        } else {
            paragraphs[(day - 1) * 120..day * 120].join("\n\n")
        };
        fs::write(folder.join(format!("1998-01-{day:02}.txt")), text).unwrap();
    }
}

/// A project with `editions` imported editions, its index fresh.
fn project(editions: usize) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("报");
    let out = jianbao(&["new", path_str(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pages = tmp.path().join("pages");
    write_pages(&pages, editions);
    let out = jianbao(&["import", path_str(&dir), path_str(&pages)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    (tmp, dir)
}

/// The exact total, from a fresh rebuild.
fn truth(dir: &Path) -> u64 {
    let out = jianbao(&["reindex", path_str(dir)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let (code, total, err) = search_total(dir, QUERY);
    assert_eq!(code, Some(0), "{err}");
    let total = total.expect("a total");
    assert!(total > 0);
    total
}

#[test]
fn searches_answer_exactly_while_reindex_runs_again_and_again() {
    let (_tmp, dir) = project(12);
    let expected = truth(&dir);
    let deadline = Instant::now() + Duration::from_secs(10);
    let reindexer = {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let mut runs = 0;
            while Instant::now() < deadline || runs < 2 {
                let out = jianbao(&["reindex", path_str(&dir)]);
                assert_eq!(out.status.code(), Some(0), "reindex: {}", stderr(&out));
                runs += 1;
            }
            runs
        })
    };
    let mut searches = 0;
    while Instant::now() < deadline {
        let (code, total, err) = search_total(&dir, QUERY);
        assert_eq!((code, total), (Some(0), Some(expected)), "{err}");
        assert!(!err.contains("panicked"), "{err}");
        searches += 1;
    }
    let runs = reindexer.join().expect("reindex loop");
    println!("{searches} searches during {runs} reindexes, all exact");
    assert!(
        searches >= 10 && runs >= 2,
        "{searches} searches, {runs} reindexes"
    );
    // Old generations are removed once no reader holds them.
    let generations = fs::read_dir(dir.join("index"))
        .unwrap()
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count();
    assert!(generations <= 2, "{generations} generations left");
}

#[test]
fn three_searches_racing_to_rebuild_a_deleted_index_all_answer_exactly() {
    let (_tmp, dir) = project(8);
    let expected = truth(&dir);
    for round in 0..3 {
        fs::remove_dir_all(dir.join("index")).unwrap();
        let racers: Vec<Child> = (0..3)
            .map(|_| {
                command(&["search", path_str(&dir), QUERY, "--limit", "0", "--json"])
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawn search")
            })
            .collect();
        for racer in racers {
            let out = finish(racer);
            let total = serde_json::from_slice::<Value>(&out.stdout)
                .ok()
                .and_then(|v| v["total"].as_u64());
            assert_eq!(
                (out.status.code(), total),
                (Some(0), Some(expected)),
                "round {round}: {}",
                stderr(&out)
            );
        }
    }
}

/// How to run a command as a user without write access to a root-owned copy.
fn unprivileged() -> Option<Vec<&'static str>> {
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root {
        return Some(Vec::new());
    }
    let works = |prefix: &[&str]| {
        let mut probe = Command::new(prefix[0]);
        probe.args(&prefix[1..]).arg("true");
        probe.output().is_ok_and(|o| o.status.success())
    };
    let setpriv = [
        "setpriv",
        "--reuid=65534",
        "--regid=65534",
        "--clear-groups",
    ];
    let runuser = ["runuser", "-u", "nobody", "--"];
    if works(&setpriv) {
        Some(setpriv.to_vec())
    } else if works(&runuser) {
        Some(runuser.to_vec())
    } else {
        None
    }
}

#[test]
fn a_read_only_project_searches_with_a_fresh_or_a_missing_index() {
    let Some(prefix) = unprivileged() else {
        println!("skipped: running as root without setpriv or runuser to drop permissions");
        return;
    };
    let (tmp, dir) = project(4);
    let expected = truth(&dir);
    // A copy in a folder every user may enter, mtimes kept (so the index is fresh).
    let shared = tempfile::Builder::new()
        .prefix("jianbao-ro-")
        .tempdir()
        .unwrap();
    let copy = shared.path().join("ro");
    let cache = shared.path().join("cache");
    fs::create_dir(&cache).unwrap();
    let status = Command::new("cp")
        .args(["-a", path_str(&dir), path_str(&copy)])
        .status()
        .unwrap();
    assert!(status.success());
    let chmod = |mode: &str, path: &Path| {
        let status = Command::new("chmod")
            .args(["-R", mode, path_str(path)])
            .status()
            .unwrap();
        assert!(status.success());
    };
    chmod("a+rX", shared.path());
    chmod("a+rwx", &cache);
    if prefix.is_empty() {
        chmod("a-w", &copy);
    }
    let search_as_reader = |query: &str| {
        let mut run_as = match prefix.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg("env");
                c
            }
            None => Command::new("env"),
        };
        run_as
            .arg(format!("XDG_CACHE_HOME={}", path_str(&cache)))
            .arg(env!("CARGO_BIN_EXE_jianbao"))
            .args(["search", path_str(&copy), query, "--limit", "0", "--json"]);
        let out = run(run_as);
        let total = serde_json::from_slice::<Value>(&out.stdout)
            .ok()
            .and_then(|v| v["total"].as_u64());
        (out.status.code(), total, stderr(&out))
    };
    let (code, total, err) = search_as_reader(QUERY);
    if err.contains("Permission denied") && err.contains("jianbao") && total.is_none() {
        println!("skipped: the test binary is not readable by the unprivileged user: {err}");
        return;
    }
    assert_eq!((code, total), (Some(0), Some(expected)), "fresh: {err}");
    assert!(err.is_empty(), "a fresh index needs no notice: {err}");

    // Missing index: built in the reader's cache, said once per run.
    chmod("u+w", &copy);
    fs::remove_dir_all(copy.join("index")).unwrap();
    if prefix.is_empty() {
        chmod("a-w", &copy);
    }
    for _ in 0..2 {
        let (code, total, err) = search_as_reader(QUERY);
        assert_eq!((code, total), (Some(0), Some(expected)), "missing: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains("no write access") && err.contains(path_str(&cache)),
            "{err}"
        );
    }
    // No cache either (its folder cannot be made): in memory.
    chmod("u+w", &copy);
    fs::remove_dir_all(&cache).unwrap();
    if prefix.is_empty() {
        chmod("a-w", &copy);
        chmod("a-w", shared.path());
    }
    let (code, total, err) = search_as_reader(QUERY);
    assert_eq!((code, total), (Some(0), Some(expected)), "no cache: {err}");
    assert!(err.contains("in memory"), "{err}");
    chmod("u+w", shared.path());
    drop(tmp);
}

#[test]
fn a_truncated_edition_makes_search_warn_with_line_and_column_and_exit_1() {
    let (_tmp, dir) = project(4);
    let expected = truth(&dir);
    let edition = dir.join("editions/1998/1998-01-02.ron");
    let bytes = fs::read(&edition).unwrap();
    fs::write(&edition, &bytes[..bytes.len() / 2]).unwrap();
    for _ in 0..2 {
        let (code, total, err) = search_total(&dir, QUERY);
        assert_eq!(code, Some(1), "{err}");
        assert!(
            total.is_some_and(|t| t < expected),
            "{total:?} of {expected}"
        );
        let line = err
            .lines()
            .find(|l| l.contains("1998-01-02.ron:"))
            .unwrap_or_else(|| panic!("no warning naming the file: {err}"));
        let after = line.split("1998-01-02.ron:").nth(1).unwrap_or_default();
        let mut numbers = after.split(':').take(2).map(|n| n.trim().parse::<usize>());
        assert!(
            numbers.all(|n| n.is_ok()),
            "no line:col in the warning: {line}"
        );
    }
    let out = jianbao(&["search", path_str(&dir), QUERY, "--json"]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["skipped"][0]["date"], "1998-01-02");
    assert!(json["skipped"][0]["line"].as_u64().is_some());
}

#[test]
fn a_damaged_index_file_is_rebuilt_and_the_search_answers_exactly() {
    let (_tmp, dir) = project(6);
    let expected = truth(&dir);
    let mut repaired = 0;
    for block in 0..6u64 {
        let current = fs::read_to_string(dir.join("index/CURRENT")).unwrap();
        let generation = dir.join("index").join(current.trim());
        let mut fast: Vec<PathBuf> = fs::read_dir(&generation)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "fast"))
            .collect();
        fast.sort_by_key(|p| std::cmp::Reverse(fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
        let file = &fast[0];
        let mut bytes = fs::read(file).unwrap();
        let start = ((block * 4096) as usize).min(bytes.len().saturating_sub(4096));
        let end = (start + 4096).min(bytes.len());
        bytes[start..end].fill(0);
        fs::write(file, bytes).unwrap();
        let out = jianbao(&["search", path_str(&dir), QUERY, "--json"]);
        let err = stderr(&out);
        let json: Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("block {block}: no JSON; {err}"));
        assert_eq!(out.status.code(), Some(0), "block {block}: {err}");
        assert_eq!(
            json["total"].as_u64(),
            Some(expected),
            "block {block}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
        if err.contains("damaged") {
            assert_eq!(err.lines().count(), 1, "{err}");
            repaired += 1;
        }
        // Whatever the damage, a search after it answers without notice.
        let (code, total, err) = search_total(&dir, QUERY);
        assert_eq!((code, total), (Some(0), Some(expected)), "{err}");
    }
    println!("{repaired} of 6 damaged blocks were detected and rebuilt");
    assert!(repaired >= 1);
}

#[test]
fn two_files_for_one_page_are_refused_and_neither_is_saved() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("报");
    assert!(jianbao(&["new", path_str(&dir)]).status.success());
    let (a, b) = (tmp.path().join("a.txt"), tmp.path().join("b.txt"));
    fs::write(&a, SAMPLE).unwrap();
    fs::write(&b, SAMPLE.replace("苏陕", "中国")).unwrap();
    let out = jianbao(&[
        "import",
        path_str(&dir),
        path_str(&a),
        path_str(&b),
        "--date",
        "2024-06-28",
    ]);
    let err = stderr(&out);
    assert_ne!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("a.txt") && err.contains("b.txt"), "{err}");
    assert!(!dir.join("editions/2024/2024-06-28.ron").exists());

    for (args, needle) in [
        (vec!["--date", "2024-06-28", "--page", "0"], "page 0"),
        (vec!["--date", "0000-06-28"], "outside the years"),
    ] {
        let mut all = vec!["import", path_str(&dir), path_str(&a)];
        all.extend(args);
        let out = jianbao(&all);
        let err = stderr(&out);
        assert_ne!(out.status.code(), Some(0), "{err}");
        assert!(err.contains(needle) && err.contains("a.txt"), "{err}");
    }
    let suffixed = tmp.path().join("2024-06-28_00.txt");
    fs::write(&suffixed, SAMPLE).unwrap();
    let out = jianbao(&["import", path_str(&dir), path_str(&suffixed)]);
    assert!(stderr(&out).contains("outside 1–999"), "{}", stderr(&out));
    assert!(!dir.join("editions/2024/2024-06-28.ron").exists());
}

#[test]
fn paging_numbers_beyond_the_archive_return_what_exists() {
    let (_tmp, dir) = project(3);
    let expected = truth(&dir);
    let out = jianbao(&[
        "search",
        path_str(&dir),
        QUERY,
        "--limit",
        "18446744073709551615",
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["total"].as_u64(), Some(expected));
    assert_eq!(
        json["hits"].as_array().map(Vec::len),
        Some(expected as usize)
    );
    for sort in ["relevance", "date", "date-asc"] {
        let out = jianbao(&[
            "search",
            path_str(&dir),
            QUERY,
            "--offset",
            "10000000000",
            "--limit",
            "4000000000",
            "--sort",
            sort,
            "--json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["total"].as_u64(), Some(expected));
        assert_eq!(json["hits"].as_array().map(Vec::len), Some(0));
    }
    // An invisible zero-width space does not split the query.
    let (code, total, err) = search_total(&dir, "中\u{200B}国");
    assert_eq!((code, total), (Some(0), Some(expected)), "{err}");
}
