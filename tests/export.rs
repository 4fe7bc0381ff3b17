//! Export end to end on the sample page: every format written through
//! `export_to_path` and read back with an independent reader; existing
//! files refused, cancels leaving nothing; the CLI's contract.

use std::fs;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use calamine::{Data, Reader, Xlsx};
use chrono::NaiveDate;
use jianbao::archive::edit::Edit;
use jianbao::archive::export::{
    self, ExportError, ExportFormat, ExportOptions, ExportRecord, csv::BOM, html, markdown,
};
use jianbao::archive::import::ImportOptions;
use jianbao::archive::{ArticleId, Session};

const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/wujin-daily-2024-06-28.txt"
);
const NOTE: &str = "核对,\"原文\"\n第二行";

/// The sample imported, its first article tagged 党建 and given [`NOTE`].
fn sample_session(dir: &Path) -> Session {
    let mut session = Session::create(dir, "武进日报").expect("create");
    let report = session.import(
        &[PathBuf::from(SAMPLE)],
        &ImportOptions::default(),
        &mut |_, _| {},
        &AtomicBool::new(false),
    );
    assert!(report.errors.is_empty(), "{:?}", report.errors);
    let tag = session.new_tag("党建");
    let tag_id = tag.id;
    session.apply(Edit::CreateTag(tag)).unwrap();
    session
        .apply(Edit::Tag {
            articles: vec![id(1)],
            add: vec![tag_id],
            remove: vec![],
        })
        .unwrap();
    session
        .apply(Edit::SetNote {
            article: id(1),
            note: NOTE.into(),
        })
        .unwrap();
    session
}

fn id(n: u32) -> ArticleId {
    ArticleId(format!("20240628-01-{n:02}"))
}

fn all_ids(session: &Session) -> Vec<ArticleId> {
    let date = NaiveDate::from_ymd_opt(2024, 6, 28).unwrap();
    let edition = session.store().load_edition(date).unwrap().unwrap();
    edition.articles().map(|(_, a)| a.id.clone()).collect()
}

fn records(session: &Session, ids: &[ArticleId]) -> Vec<ExportRecord> {
    let loaded = export::load_records(session.store(), ids, &AtomicBool::new(false)).unwrap();
    assert!(loaded.missing.is_empty(), "{:?}", loaded.missing);
    loaded.records
}

fn options(format: ExportFormat) -> ExportOptions {
    ExportOptions {
        exported_on: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
        ..ExportOptions::new(format, "武进日报", "2024-06-28 全部")
    }
}

fn export(path: &Path, records: &[ExportRecord], format: ExportFormat) -> Vec<u8> {
    let report = export::export_to_path(
        path,
        records,
        &options(format),
        false,
        &mut |_, _| {},
        &AtomicBool::new(false),
    )
    .unwrap();
    assert_eq!(report.articles, records.len());
    let bytes = fs::read(path).unwrap();
    assert_eq!(report.bytes, bytes.len() as u64);
    bytes
}

fn headlines(records: &[ExportRecord]) -> Vec<String> {
    records
        .iter()
        .map(|r| {
            r.headline
                .clone()
                .expect("the sample's articles have headlines")
        })
        .collect()
}

#[test]
fn every_format_is_written_and_reads_back() {
    let tmp = tempfile::tempdir().unwrap();
    let session = sample_session(&tmp.path().join("project"));
    let ids = all_ids(&session);
    assert_eq!(ids.len(), 4);
    let records = records(&session, &ids);
    assert_eq!(records[0].tags, vec!["党建"]);
    let heads = headlines(&records);
    let out = |ext: &str| tmp.path().join(format!("out.{ext}"));

    // DOCX: docx-rs's own reader finds every headline and the note.
    let bytes = export(&out("docx"), &records, ExportFormat::Docx);
    let docx = docx_rs::read_docx(&bytes).expect("a readable docx");
    let json = docx.json();
    for head in &heads {
        assert!(json.contains(head.as_str()), "docx lacks {head}");
    }
    assert!(json.contains("第二行"));

    // CSV: BOM, header + 4 rows, the note's comma, quotes and break intact.
    let bytes = export(&out("csv"), &records, ExportFormat::Csv);
    assert!(bytes.starts_with(BOM));
    let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
    assert!(
        text.contains("\"核对,\"\"原文\"\"\n第二行\""),
        "quoted: {text}"
    );
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 4);
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][column("备注")], NOTE);
    assert_eq!(&rows[0][column("标签")], "党建");
    for (row, head) in rows.iter().zip(&heads) {
        assert_eq!(&row[column("标题")], head);
    }

    // XLSX: calamine sees the header and 4 rows.
    let bytes = export(&out("xlsx"), &records, ExportFormat::Xlsx);
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("剪报").unwrap();
    assert_eq!(range.height(), 5);
    let cell = |row: usize, col: usize| range.get((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(cell(0, 0), Data::String("编号".into()));
    assert_eq!(cell(1, 0), Data::String(ids[0].to_string()));
    assert_eq!(cell(1, 4), Data::String(heads[0].clone()));
    assert_eq!(cell(1, 9), Data::String(NOTE.into()));
    assert!(
        matches!(cell(1, 2), Data::Float(p) if p == 1.0),
        "page is a number"
    );

    // HTML: every headline escaped, the elements balanced.
    let bytes = export(&out("html"), &records, ExportFormat::Html);
    let text = String::from_utf8(bytes).unwrap();
    for head in &heads {
        assert!(text.contains(&html::escape(head)), "html lacks {head}");
    }
    assert!(text.contains("核对,&quot;原文&quot;\n第二行"));
    assert_balanced(&text);

    // Markdown and text: every headline.
    let text = String::from_utf8(export(&out("md"), &records, ExportFormat::Md)).unwrap();
    for head in &heads {
        assert!(
            text.contains(&format!("## {}\n", markdown::escape(head))),
            "md lacks {head}"
        );
    }
    let text = String::from_utf8(export(&out("txt"), &records, ExportFormat::Txt)).unwrap();
    for head in &heads {
        assert!(text.contains(head.as_str()), "txt lacks {head}");
    }

    // JSON Lines: 4 lines that parse, with tags and notes.
    let text = String::from_utf8(export(&out("jsonl"), &records, ExportFormat::Jsonl)).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["tags"], serde_json::json!(["党建"]));
    assert_eq!(lines[0]["note"], NOTE);
    assert_eq!(lines[1]["note"], "");
    for (line, head) in lines.iter().zip(&heads) {
        assert_eq!(line["headline"], head.as_str());
        assert!(line["characters"].as_u64().unwrap() > 0);
    }
}

/// Every element opened is closed, innermost first (void elements are
/// written `<meta ... />`).
fn assert_balanced(html: &str) {
    let mut open: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        let end = rest.find('>').expect("unclosed tag");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        if tag.starts_with('!') || tag.ends_with('/') {
            continue;
        }
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(open.pop().as_deref(), Some(name.as_str()), "</{name}>");
        } else {
            open.push(name);
        }
    }
    assert!(open.is_empty(), "never closed: {open:?}");
}

#[test]
fn export_follows_the_order_of_the_ids_given() {
    let tmp = tempfile::tempdir().unwrap();
    let session = sample_session(&tmp.path().join("project"));
    let mut ids = all_ids(&session);
    ids.reverse();
    ids.push(ArticleId("20240628-09-09".into()));
    let loaded = export::load_records(session.store(), &ids, &AtomicBool::new(false)).unwrap();
    let got: Vec<ArticleId> = loaded.records.iter().map(|r| r.id.clone()).collect();
    assert_eq!(got, ids[..4]);
    assert_eq!(loaded.missing, vec![ArticleId("20240628-09-09".into())]);
}

#[test]
fn an_existing_file_is_refused_and_a_cancel_leaves_no_file() {
    let tmp = tempfile::tempdir().unwrap();
    let session = sample_session(&tmp.path().join("project"));
    let records = records(&session, &all_ids(&session));
    for format in ExportFormat::ALL {
        let path = tmp.path().join(format!("existing.{format}"));
        fs::write(&path, "keep me").unwrap();
        let err = export::export_to_path(
            &path,
            &records,
            &options(format),
            false,
            &mut |_, _| {},
            &AtomicBool::new(false),
        )
        .unwrap_err();
        assert!(
            matches!(err, ExportError::Exists { .. }),
            "{format}: {err:?}"
        );
        assert_eq!(fs::read_to_string(&path).unwrap(), "keep me");

        let path = tmp.path().join(format!("cancelled.{format}"));
        let cancel = AtomicBool::new(false);
        let err = export::export_to_path(
            &path,
            &records,
            &options(format),
            false,
            &mut |done, _| {
                if done == 2 {
                    cancel.store(true, Ordering::Relaxed);
                }
            },
            &cancel,
        )
        .unwrap_err();
        assert!(matches!(err, ExportError::Cancelled), "{format}: {err:?}");
        assert!(!path.exists());
    }
    let mut left: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "project")
        .collect();
    left.sort();
    assert_eq!(
        left.len(),
        ExportFormat::ALL.len(),
        "no temp files: {left:?}"
    );
    assert!(left.iter().all(|n| n.starts_with("existing.")), "{left:?}");
}

#[test]
fn cli_exports_by_query_date_and_ids() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("project");
    sample_session(&project).close().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_jianbao"))
            .arg("export")
            .arg(&project)
            .args(args)
            .output()
            .unwrap()
    };
    let out = tmp.path().join("day.csv");
    let output = run(&[
        "--date",
        "2024-06-28",
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["format"], "csv");
    assert_eq!(json["articles"], 4);
    assert_eq!(json["bytes"], fs::metadata(&out).unwrap().len());

    // Refused without --force, and the file is untouched.
    let before = fs::read(&out).unwrap();
    let output = run(&["--query", "苏陕", "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("already exists"));
    assert_eq!(fs::read(&out).unwrap(), before);

    let out = tmp.path().join("two.anything");
    let output = run(&[
        "--ids",
        "20240628-01-02",
        "20240628-01-01",
        "20240628-01-77",
        "--format",
        "jsonl",
        "-o",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "an unknown id is a partial export"
    );
    assert!(String::from_utf8_lossy(&output.stderr).contains("20240628-01-77"));
    let text = fs::read_to_string(&out).unwrap();
    let ids: Vec<String> = text
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, vec!["\"20240628-01-02\"", "\"20240628-01-01\""]);

    let output = run(&["--query", "x", "-o", "no-extension"]);
    assert_eq!(output.status.code(), Some(2));
    let output = run(&["--query", "x", "--fields", "id,title", "-o", "a.csv"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("title"));
}

#[test]
fn formulas_never_run_from_an_export() {
    let tmp = tempfile::tempdir().unwrap();
    let session = sample_session(&tmp.path().join("project"));
    let mut records = records(&session, &all_ids(&session));
    records[0].headline = Some("=cmd|\"/c calc\"!A0".into());
    records[1].headline = Some("+1+1".into());
    records[2].headline = Some("-2+3".into());
    records[3].headline = Some("@SUM(A1:A2)".into());
    records[0].note = "\t=1+1".into();
    let heads = headlines(&records);

    // CSV: OWASP's leading quote, the rest of the text as it was.
    let bytes = export(&tmp.path().join("out.csv"), &records, ExportFormat::Csv);
    let mut reader = ::csv::Reader::from_reader(&bytes[BOM.len()..]);
    let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
    for (row, head) in rows.iter().zip(&heads) {
        assert_eq!(&row[4], format!("'{head}"));
    }
    assert_eq!(&rows[0][9], "'\t=1+1");

    // XLSX: the same text, as string cells, and no formula anywhere.
    let bytes = export(&tmp.path().join("out.xlsx"), &records, ExportFormat::Xlsx);
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("剪报").unwrap();
    for (row, head) in heads.iter().enumerate() {
        assert_eq!(range.get((row + 1, 4)), Some(&Data::String(head.clone())));
    }
    let formulas = workbook.worksheet_formula("剪报").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "{formulas:?}"
    );
}
