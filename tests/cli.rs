//! The CLI contract, end to end: parse, new, import, list, show, exit codes, crash safety.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use serde_json::Value;

#[path = "cli/input.rs"]
mod input;

const SAMPLE: &str = "assets/wujin-daily-2024-06-28.txt";

fn jianbao(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .output()
        .expect("run jianbao")
}

fn json(output: &Output) -> Value {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

/// A fresh project in a temp folder.
fn new_project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("武进日报");
    let out = jianbao(&["new", path_str(&dir), "--paper", "武进日报"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, dir)
}

#[test]
fn parse_sample_gives_the_four_articles() {
    let v = json(&jianbao(&["parse", SAMPLE, "--json"]));
    assert_eq!(v["encoding"], "UTF-8");
    assert_eq!(v["date"], "2024-06-28");
    assert_eq!(v["page"], 1);
    let articles = v["articles"].as_array().unwrap();
    let got: Vec<(Value, Value, Value, usize)> = articles
        .iter()
        .map(|a| {
            (
                a["kicker"].clone(),
                a["headline"].clone(),
                a["reporters"].clone(),
                a["paragraphs"].as_array().unwrap().len(),
            )
        })
        .collect();
    let expected = serde_json::json!([
        [
            "武进—汉滨 2024 年苏陕协作工作联席会召开",
            "高质量推动苏陕协作走深走实",
            ["张可馨"],
            6
        ],
        [
            null,
            "2024年区委党建工作\n领导小组第二次会议召开",
            ["朱梦琪"],
            6
        ],
        [
            "乔俊杰督查突出环境问题整改工作推进情况",
            "有力抓实问题整改\n持续改善生态环境质量",
            ["黄雅婷"],
            5
        ],
        [null, "区领导调研乡村振兴工作", ["宋祎凡"], 3],
    ]);
    assert_eq!(serde_json::to_value(got).unwrap(), expected);
    assert_eq!(articles[0]["subtitle"], Value::Null);
    assert_eq!(articles[0]["byline"], "本报讯（记者 张可馨）");
}

/// The names of `kind` in a `parse --json`/`show --json` article, each
/// checked against the text its offsets count in.
fn entity_names(article: &Value, kind: &str) -> Vec<String> {
    let text: Vec<char> = article["text"].as_str().unwrap().chars().collect();
    let mut names = Vec::new();
    for entity in article["entities"].as_array().unwrap() {
        if entity["kind"] != kind {
            continue;
        }
        let name = entity["name"].as_str().unwrap();
        for span in entity["mentions"].as_array().unwrap() {
            let (start, end) = (span[0].as_u64().unwrap(), span[1].as_u64().unwrap());
            let cut: String = text[start as usize..end as usize].iter().collect();
            assert_eq!(
                cut, name,
                "a mention's offsets cut its name out of the text"
            );
        }
        names.push(name.to_string());
    }
    names
}

#[test]
fn parse_and_show_json_give_entities_and_event_dates() {
    let v = json(&jianbao(&["parse", SAMPLE, "--json"]));
    let articles = v["articles"].as_array().unwrap();
    let mut people: Vec<String> = articles
        .iter()
        .flat_map(|a| entity_names(a, "person"))
        .collect();
    people.sort();
    people.dedup();
    let mut expected = [
        "习近平",
        "乔俊杰",
        "吴大林",
        "恽淇丞",
        "郑政平",
        "李皓",
        "孙益锋",
        "张小虎",
        "薛红霞",
        "胡泊",
        "朱小平",
    ]
    .map(String::from)
    .to_vec();
    expected.sort();
    assert_eq!(
        people, expected,
        "the sample page's people, and no one else"
    );
    // The byline's reporters are not extraction's: no kind takes them.
    for a in articles {
        for kind in ["person", "place", "org"] {
            for reporter in ["张可馨", "朱梦琪", "黄雅婷", "宋祎凡"] {
                assert!(
                    !entity_names(a, kind).iter().any(|n| n == reporter),
                    "{reporter} as {kind}"
                );
            }
        }
    }
    let dates: Vec<(String, String, String)> = articles
        .iter()
        .flat_map(|a| a["event_dates"].as_array().unwrap().clone())
        .map(|d| {
            (
                d["text"].as_str().unwrap().to_string(),
                d["first"].to_string(),
                d["last"].to_string(),
            )
        })
        .collect();
    let has = |text: &str, first: &str, last: &str| {
        dates.iter().any(|(t, f, l)| {
            t == text && f == &format!("\"{first}\"") && l == &format!("\"{last}\"")
        })
    };
    assert!(has("昨天下午", "2024-06-27", "2024-06-27"), "{dates:?}");
    assert!(has("6月26日—27日", "2024-06-26", "2024-06-27"), "{dates:?}");

    // `show --json` of an imported article says the same of it.
    let (_tmp, dir) = new_project();
    let d = path_str(&dir);
    jianbao(&["import", d, SAMPLE]);
    let shown = json(&jianbao(&["show", d, "20240628-01-03", "--json"]));
    let people = entity_names(&shown, "person");
    assert!(
        people.contains(&"乔俊杰".to_string()) && people.contains(&"朱小平".to_string()),
        "{people:?}"
    );
    assert_eq!(
        shown["event_dates"][0]["first"], "2024-06-27",
        "昨天上午 of the 28th"
    );
}

#[test]
fn new_import_list_show_round_trip() {
    let (_tmp, dir) = new_project();
    let d = path_str(&dir);
    let summary = json(&jianbao(&["import", d, SAMPLE, "--json"]));
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["articles"], 4);
    assert_eq!(summary["new"], 4);
    assert!(dir.join("editions/2024/2024-06-28.ron").is_file());

    let list = json(&jianbao(&["list", d, "--json"]));
    let listed = list["articles"].as_array().unwrap();
    assert_eq!(listed.len(), 4);
    assert_eq!(listed[2]["id"], "20240628-01-03");
    assert_eq!(listed[2]["date"], "2024-06-28");
    assert_eq!(listed[2]["page"], 1);
    assert_eq!(
        listed[2]["kicker"],
        "乔俊杰督查突出环境问题整改工作推进情况"
    );
    assert_eq!(listed[2]["reporters"], serde_json::json!(["黄雅婷"]));

    let shown = json(&jianbao(&["show", d, "20240628-01-03", "--json"]));
    assert_eq!(shown["headline"], "有力抓实问题整改\n持续改善生态环境质量");
    assert_eq!(shown["paragraphs"].as_array().unwrap().len(), 5);
    let text = jianbao(&["show", d, "20240628-01-03"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("前黄浜全长2.3公里"));

    // Re-importing the same page (under another name, same date) duplicates nothing.
    let again = json(&jianbao(&["import", d, SAMPLE, "--json"]));
    assert_eq!(
        (again["new"].clone(), again["unchanged"].clone()),
        (0.into(), 4.into())
    );
    let list = json(&jianbao(&["list", d, "--date", "2024-06-28", "--json"]));
    assert_eq!(list["articles"].as_array().unwrap().len(), 4);

    let missing = jianbao(&["show", d, "20240628-01-09"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no article 20240628-01-09"));
}

#[test]
fn gbk_crlf_copy_imports_the_same_articles_on_another_page() {
    let (tmp, dir) = new_project();
    let text = fs::read_to_string(SAMPLE).unwrap().replace('\n', "\r\n");
    let (gbk, _, _) = encoding_rs::GB18030.encode(&text);
    let file = tmp.path().join("20240628_02.txt");
    fs::write(&file, &gbk).unwrap();
    let summary = json(&jianbao(&[
        "import",
        path_str(&dir),
        path_str(&file),
        "--json",
    ]));
    assert_eq!(summary["new"], 4);
    let list = json(&jianbao(&["list", path_str(&dir), "--json"]));
    assert_eq!(list["articles"][0]["id"], "20240628-02-01");
    assert_eq!(
        list["articles"][0]["headline"],
        "高质量推动苏陕协作走深走实"
    );
}

#[test]
fn bad_inputs_get_clear_errors_and_exit_codes() {
    let (tmp, dir) = new_project();
    let d = path_str(&dir);
    let binary = tmp.path().join("2024-06-29.txt");
    fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    let empty = tmp.path().join("2024-06-30.txt");
    fs::write(&empty, b"").unwrap();
    let undated = tmp.path().join("page.txt");
    fs::copy(SAMPLE, &undated).unwrap();

    for (file, needle) in [
        (&binary, "looks binary"),
        (&empty, "empty"),
        (&undated, "no edition date"),
    ] {
        let out = jianbao(&["import", d, path_str(file)]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(
            err.contains(path_str(file)) && err.contains(needle),
            "{err}"
        );
    }
    let out = jianbao(&["parse", path_str(&binary)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("2024-06-29.txt"));

    // A folder with one good and one bad file: partial success, exit 1.
    let folder = tmp.path().join("pages");
    fs::create_dir(&folder).unwrap();
    fs::copy(SAMPLE, folder.join("2024-06-28_01.txt")).unwrap();
    fs::write(folder.join("2024-06-28_02.txt"), b"").unwrap();
    let out = jianbao(&["import", d, path_str(&folder), "--json"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let summary: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["files"], 1);
    assert_eq!(summary["errors"].as_array().unwrap().len(), 1);

    let out = jianbao(&["import", path_str(&tmp.path().join("nowhere")), SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("not a Jianbao project"));
}

#[test]
fn broken_project_file_is_reported_with_line_and_column_and_kept() {
    let (_tmp, dir) = new_project();
    let path = dir.join("project.ron");
    let broken = "Project(\n  version: 1,\n  paper: 武进日报,\n)\n";
    fs::write(&path, broken).unwrap();
    let out = jianbao(&["import", path_str(&dir), SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("project.ron:3:10"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), broken);
    assert!(!dir.join("editions/2024").exists());
}

#[test]
fn second_writer_is_refused() {
    let (_tmp, dir) = new_project();
    let _held = jianbao::archive::Store::open(&dir).unwrap();
    let out = jianbao(&["import", path_str(&dir), SAMPLE]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("open for writing in another process"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn killing_an_import_leaves_a_project_that_opens() {
    let (tmp, dir) = new_project();
    let pages = tmp.path().join("pages");
    fs::create_dir(&pages).unwrap();
    let text = fs::read_to_string(SAMPLE).unwrap();
    let first = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    for day in 0..400 {
        let date = first + chrono::Days::new(day);
        for page in 1..=3 {
            fs::write(pages.join(format!("{date}_{page:02}.txt")), &text).unwrap();
        }
    }
    for delay_ms in [150, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .args(["import", path_str(&dir), path_str(&pages)])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().ok();
        child.wait().unwrap();

        // Every edition written so far loads whole, and the lock died with the process.
        let store = jianbao::archive::Store::open(&dir).expect("project opens after a kill");
        for date in store.edition_dates().unwrap() {
            let edition = store.load_edition(date).unwrap().unwrap();
            assert_eq!(edition.article_count() % 4, 0, "{date} is torn");
        }
    }
    let out = jianbao(&["list", path_str(&dir), "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// The sample imported into a fresh project.
fn sample_project() -> (tempfile::TempDir, PathBuf) {
    let (tmp, dir) = new_project();
    let out = jianbao(&["import", path_str(&dir), SAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, dir)
}

fn search_total(dir: &Path, query: &str) -> u64 {
    json(&jianbao(&["search", path_str(dir), query, "--json"]))["total"]
        .as_u64()
        .expect("total")
}

#[test]
fn tagging_from_the_command_line() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    let out = jianbao(&[
        "tag",
        d,
        "20240628-01-01",
        "20240628-01-02",
        "--add",
        "党建",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("党建"),
        "summary names the tag"
    );
    assert_eq!(search_total(&dir, "tag:党建"), 2);
    let out = jianbao(&["tags", d, "rename", "党建", "党的建设"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // --add creates a tag the project does not have yet.
    let out = jianbao(&["tag", d, "20240628-01-03", "--add", "主题"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = jianbao(&["tags", d, "move", "党的建设", "--parent", "主题"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(search_total(&dir, "tag:主题"), 3);
    assert_eq!(search_total(&dir, "tag:党建"), 0);
    let out = jianbao(&["tag", d, "20240628-01-02", "--remove", "党的建设"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tags = json(&jianbao(&["tags", d, "--json"]));
    let party = tags["tags"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "党的建设")
        .expect("党的建设 listed");
    assert_eq!(party["count"], 1);
    assert_eq!(party["parent"], "主题");
    let project = fs::read_to_string(dir.join("project.ron")).unwrap();
    assert!(project.contains("党的建设") && project.contains("主题"));

    // Notes and saved searches.
    let out = jianbao(&["note", d, "20240628-01-04", "待核实"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = json(&jianbao(&["show", d, "20240628-01-04", "--json"]));
    assert_eq!(shown["note"], "待核实");
    assert_eq!(shown["tags"], serde_json::json!([]));
    let out = jianbao(&["saved", d, "add", "协作", "苏陕协作"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let saved = json(&jianbao(&["saved", d, "list", "--json"]));
    assert_eq!(saved["saved"][0]["name"], "协作");
    assert_eq!(saved["saved"][0]["count"], 1);
    let out = jianbao(&["saved", d, "delete", "协作"]);
    assert!(out.status.success(), "{}", stderr(&out));

    // Bad input: clear errors, exit 2, nothing changed.
    let out = jianbao(&["tag", d, "20240628-09-09", "--add", "党建"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("20240628-09-09"), "{}", stderr(&out));
    let out = jianbao(&["tags", d, "rename", "没有", "新"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("没有"), "{}", stderr(&out));
    let out = jianbao(&["tag", d, "20240628-01-01", "--add", "有 空格"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(search_total(&dir, "tag:主题"), 2);
}

#[test]
fn a_second_writer_is_refused_while_one_holds_the_project() {
    let (_tmp, dir) = sample_project();
    let holder = jianbao::archive::Session::open(&dir).expect("first writer");
    let out = jianbao(&["tag", path_str(&dir), "20240628-01-01", "--add", "党建"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("open for writing in another process"),
        "{}",
        stderr(&out)
    );
    // Reading still works.
    assert_eq!(search_total(&dir, "苏陕协作"), 1);
    drop(holder);
}

/// Run by `an_edit_is_on_disk_when_apply_returns` in a child process: tags
/// an article, says so, then waits to be killed.
#[test]
fn child_tags_then_waits() {
    let Some(dir) = std::env::var_os("JIANBAO_KILL_TEST_DIR") else {
        return; // only meaningful as the child
    };
    let mut session = jianbao::archive::Session::open(&dir).expect("open");
    let def = session.new_tag("党建");
    let tag = def.id;
    session
        .apply(jianbao::archive::Edit::Batch(vec![
            jianbao::archive::Edit::CreateTag(def),
            jianbao::archive::Edit::Tag {
                articles: vec!["20240628-01-03".parse().unwrap()],
                add: vec![tag],
                remove: vec![],
            },
        ]))
        .expect("tag");
    println!("EDIT APPLIED");
    std::thread::sleep(Duration::from_secs(60));
}

#[test]
fn an_edit_is_on_disk_when_apply_returns() {
    let (_tmp, dir) = sample_project();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child_tags_then_waits", "--exact", "--nocapture"])
        .env("JIANBAO_KILL_TEST_DIR", &dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("child");
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while !line.contains("EDIT APPLIED") {
        line.clear();
        let n = std::io::BufRead::read_line(&mut stdout, &mut line).unwrap();
        assert!(n > 0, "the child ended before applying the edit");
    }
    // kill -9: no destructor, no fold of the journal.
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(dir.join("journal.ron").exists());
    assert_eq!(search_total(&dir, "tag:党建"), 1);
    // The next writer takes over the lock and folds the journal.
    let out = jianbao(&["tag", path_str(&dir), "20240628-01-04", "--add", "党建"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!dir.join("journal.ron").exists());
    assert_eq!(search_total(&dir, "tag:党建"), 2);
}

#[test]
fn fixing_a_parse_by_hand_from_the_command_line() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    let out = jianbao(&["fix", d, "20240628-01-01", "split", "--at", "3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let listed = json(&jianbao(&["list", d, "--json"]));
    assert_eq!(listed["articles"].as_array().map(Vec::len), Some(5));
    let out = jianbao(&["fix", d, "20240628-01-05", "merge-previous"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = jianbao(&[
        "fix",
        d,
        "20240628-01-02",
        "set",
        "headline",
        "更正后的标题",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let shown = json(&jianbao(&["show", d, "20240628-01-02", "--json"]));
    assert_eq!(shown["headline"], "更正后的标题");
    // A re-import keeps the corrected page and says so.
    let out = jianbao(&["import", d, SAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("corrected by hand"),
        "{}",
        stderr(&out)
    );
    let shown = json(&jianbao(&["show", d, "20240628-01-02", "--json"]));
    assert_eq!(shown["headline"], "更正后的标题");
    // Bad input: exit 2 with the reason.
    let out = jianbao(&["fix", d, "20240628-01-01", "split", "--at", "99"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("paragraphs"), "{}", stderr(&out));
    let out = jianbao(&["fix", d, "20240628-01-01", "set", "colour", "x"]);
    assert_eq!(out.status.code(), Some(2));
    let out = jianbao(&["fix", d, "20240628-01-01", "merge-previous"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn collections_from_the_command_line() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    for args in [
        vec!["collection", d, "create", "头版"],
        vec![
            "collection",
            d,
            "add",
            "头版",
            "20240628-01-03",
            "20240628-01-01",
        ],
        vec!["collection", d, "add", "头版", "--query", "苏陕协作"],
    ] {
        let out = jianbao(&args);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    }
    let listed = json(&jianbao(&["collection", d, "list", "--json"]));
    let articles = &listed["collections"][0]["articles"];
    assert_eq!(
        articles,
        &serde_json::json!(["20240628-01-03", "20240628-01-01"]),
        "in the order added; 苏陕协作 was in already"
    );
    let hits = json(&jianbao(&["search", d, "in:头版", "--json"]));
    assert_eq!(hits["hits"][0]["id"], "20240628-01-03");
    let out = jianbao(&["collection", d, "rename", "头版", "要闻"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = jianbao(&["collection", d, "remove", "要闻", "20240628-01-03"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(search_total(&dir, "选集:要闻"), 1);
    let out = jianbao(&["collection", d, "delete", "没有"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("没有"), "{}", stderr(&out));
}

#[test]
fn stats_count_per_month_page_and_reporter_of_the_archive_or_a_query() {
    let (_tmp, dir) = sample_project();
    let d = path_str(&dir);
    let months = json(&jianbao(&["stats", d, "--json"]));
    assert_eq!(months["by"], "month");
    assert_eq!(months["articles"], 4);
    assert_eq!(months["rows"][0]["key"], "2024-06");
    assert_eq!(months["rows"][0]["total"], 4);

    let reporters = json(&jianbao(&["stats", d, "--by", "reporter", "--json"]));
    assert_eq!(reporters["columns"], serde_json::json!(["2024-06"]));
    let names: Vec<&str> = reporters["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["宋祎凡", "张可馨", "朱梦琪", "黄雅婷"]);

    // A query's results only: 乔俊杰 is in three of the four.
    let queried = json(&jianbao(&[
        "stats",
        d,
        "--by",
        "reporter",
        "--query",
        "乔俊杰",
        "--json",
    ]));
    assert_eq!(queried["articles"], 3);
    assert_eq!(queried["query"], "乔俊杰");

    // CSV for Excel: a byte-order mark, Chinese headings, CRLF rows.
    let csv = jianbao(&["stats", d, "--by", "reporter", "--csv"]);
    assert!(csv.stdout.starts_with(b"\xEF\xBB\xBF"));
    let text = String::from_utf8(csv.stdout[3..].to_vec()).unwrap();
    assert!(text.starts_with("记者,2024-06,合计\r\n"), "{text}");
    assert!(text.contains("张可馨,1,1\r\n"), "{text}");

    let pages = jianbao(&["stats", d, "--by", "page"]);
    assert!(String::from_utf8_lossy(&pages.stdout).contains("共 4 篇"));

    // An XLSX workbook, written whole; an existing one replaced only with --force.
    let xlsx = dir.parent().unwrap().join("稿件统计.xlsx");
    let x = path_str(&xlsx);
    let out = jianbao(&["stats", d, "--by", "reporter", "--xlsx", x]);
    assert!(out.status.success(), "{}", stderr(&out));
    let first = fs::read(&xlsx).unwrap();
    assert!(first.starts_with(b"PK"), "an XLSX is a zip");
    let again = jianbao(&["stats", d, "--by", "month", "--xlsx", x]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(
        fs::read(&xlsx).unwrap(),
        first,
        "the file is left as it was"
    );
    let forced = jianbao(&["stats", d, "--by", "month", "--xlsx", x, "--force"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    let bad = jianbao(&["stats", d, "--by", "week"]);
    assert_eq!(bad.status.code(), Some(2));
    let bad_query = jianbao(&["stats", d, "--query", "date:2024-13"]);
    assert_eq!(bad_query.status.code(), Some(2), "{}", stderr(&bad_query));
}

#[test]
fn event_searches_the_days_an_article_speaks_of() {
    let (_tmp, dir) = sample_project();
    // The edition is 2024-06-28: 6月26日—27日 in the first article, 昨天
    // (the 27th) in the other three.
    assert_eq!(search_total(&dir, "event:2024-06-26"), 1);
    assert_eq!(search_total(&dir, "event:2024-06-27"), 4);
    assert_eq!(search_total(&dir, "事件:2024-06"), 4);
    assert_eq!(
        search_total(&dir, "event:2024-06-28"),
        0,
        "the edition's own day is not an event"
    );
    assert_eq!(search_total(&dir, "event:2024-06-26 乔俊杰"), 1);
    assert_eq!(search_total(&dir, "event:2024-06-01..2024-06-26"), 1);
    let bad = jianbao(&["search", path_str(&dir), "event:2024-13"]);
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
}

#[test]
fn an_index_of_an_older_version_is_rebuilt_without_a_word_of_damage() {
    let (_tmp, dir) = sample_project();
    // Make the index look as an older version wrote it.
    let mut manifests = 0;
    for generation in std::fs::read_dir(dir.join("index")).unwrap().flatten() {
        let manifest = generation.path().join("jianbao-search.json");
        if let Ok(text) = std::fs::read_to_string(&manifest) {
            let mut value: Value = serde_json::from_str(&text).unwrap();
            let version = value["schema_version"].as_u64().unwrap();
            value["schema_version"] = (version - 1).into();
            std::fs::write(&manifest, value.to_string()).unwrap();
            manifests += 1;
        }
    }
    assert_eq!(manifests, 1, "one generation");
    let out = jianbao(&["search", path_str(&dir), "乔俊杰", "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(json(&out)["total"], 3);
    assert!(!stderr(&out).contains("damaged"), "{}", stderr(&out));
}

/// The names of one kind that `jianbao entities --json` lists, with their
/// article counts and aliases.
fn entities(dir: &Path, kind: &str) -> Vec<(String, u64, Vec<String>)> {
    let out = jianbao(&["entities", path_str(dir), "--kind", kind, "--json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    json(&out)["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["kind"], kind);
            let aliases = e["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| a.as_str().unwrap().to_string())
                .collect();
            (
                e["name"].as_str().unwrap().to_string(),
                e["articles"].as_u64().unwrap(),
                aliases,
            )
        })
        .collect()
}

#[test]
fn the_index_of_names_lists_the_sample_pages_people_and_reporters() {
    let (_tmp, dir) = sample_project();
    let mut people: Vec<String> = entities(&dir, "person").into_iter().map(|e| e.0).collect();
    people.sort();
    let mut expected = [
        "习近平",
        "乔俊杰",
        "吴大林",
        "恽淇丞",
        "郑政平",
        "李皓",
        "孙益锋",
        "张小虎",
        "薛红霞",
        "胡泊",
        "朱小平",
    ]
    .map(String::from)
    .to_vec();
    expected.sort();
    assert_eq!(people, expected);
    let mut reporters: Vec<String> = entities(&dir, "reporter")
        .into_iter()
        .map(|e| e.0)
        .collect();
    reporters.sort();
    let mut expected = ["张可馨", "朱梦琪", "黄雅婷", "宋祎凡"]
        .map(String::from)
        .to_vec();
    expected.sort();
    assert_eq!(reporters, expected);
    let places = entities(&dir, "place");
    assert!(
        places.iter().any(|p| p.0 == "前黄镇" && p.1 >= 1),
        "{places:?}"
    );
    // By the entity: 乔俊杰 is named in three articles.
    assert_eq!(search_total(&dir, "person:乔俊杰"), 3);
    assert_eq!(search_total(&dir, "人物:乔俊杰"), 3);
    assert_eq!(search_total(&dir, "place:前黄镇"), 1);
    // A reporter is not a person of the texts.
    assert_eq!(search_total(&dir, "person:张可馨"), 0);
}

#[test]
fn entities_are_merged_aliased_renamed_and_removed_and_search_follows() {
    let (_tmp, dir) = sample_project();
    let run = |args: &[&str]| {
        let mut all = vec!["entities", path_str(&dir)];
        all.extend_from_slice(args);
        let out = jianbao(&all);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    // An alias: 乔书记 finds 乔俊杰's articles, and 乔俊杰 those naming 乔书记.
    let said = run(&["alias", "乔俊杰", "乔书记", "--kind", "person"]);
    assert!(said.contains("乔书记"), "{said}");
    assert_eq!(search_total(&dir, "person:乔书记"), 3);
    // Merge 朱小平 into 乔俊杰 (a wrong merge, to see it undone by hand).
    run(&["merge", "朱小平", "乔俊杰", "--kind", "person"]);
    let people = entities(&dir, "person");
    let qiao = people.iter().find(|e| e.0 == "乔俊杰").unwrap();
    assert_eq!(qiao.2, vec!["乔书记".to_string(), "朱小平".to_string()]);
    assert!(qiao.1 >= 3, "{qiao:?}");
    assert!(!people.iter().any(|e| e.0 == "朱小平"), "{people:?}");
    assert_eq!(
        search_total(&dir, "person:朱小平"),
        search_total(&dir, "person:乔俊杰")
    );
    run(&["unalias", "乔俊杰", "朱小平", "--kind", "person"]);
    assert!(entities(&dir, "person").iter().any(|e| e.0 == "朱小平"));
    // Rename: the old name stays an alias, so the articles still count.
    run(&["rename", "朱小平", "朱副区长", "--kind", "person"]);
    let people = entities(&dir, "person");
    let zhu = people.iter().find(|e| e.0 == "朱副区长").unwrap();
    assert_eq!(zhu.2, vec!["朱小平".to_string()]);
    assert_eq!(zhu.1, 1);
    assert_eq!(search_total(&dir, "person:朱副区长"), 1);
    // Not an entity: gone from the index and from person: searches, and
    // still gone after a full re-extraction.
    run(&["remove", "习近平", "--kind", "person"]);
    assert!(!entities(&dir, "person").iter().any(|e| e.0 == "习近平"));
    assert_eq!(search_total(&dir, "person:习近平"), 0);
    let out = jianbao(&["reindex", path_str(&dir)]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!entities(&dir, "person").iter().any(|e| e.0 == "习近平"));
    // The vocabulary is in project.ron, for a person to read.
    let project = std::fs::read_to_string(dir.join("project.ron")).unwrap();
    assert!(
        project.contains("乔书记") && project.contains("not_entity: true"),
        "{project}"
    );
    // Bad input is refused with a clear error, and nothing changes.
    let out = jianbao(&[
        "entities",
        path_str(&dir),
        "alias",
        "乔俊杰",
        "乔 书记",
        "--kind",
        "person",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot be an entity name"),
        "{}",
        stderr(&out)
    );
    let out = jianbao(&["entities", path_str(&dir), "alias", "乔俊杰", "朱小平"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--kind"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.join("project.ron")).unwrap(),
        project
    );
}
