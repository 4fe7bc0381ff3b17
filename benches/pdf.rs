//! PDF pages: extraction + layout per page beside poppler's `pdftotext
//! -layout` (which only extracts) on the same generated pages, the whole
//! `jianbao import` of 100 PDF pages, and the 版面 view's renders: a page's
//! first render at window size (open + render) and a zoom step's sharper
//! render of a page already open.
//!
//! `JIANBAO_BENCH_WRITE_PAGES=DIR` only writes the generated pages into DIR
//! (an edition of 1998-01-01, pages 1–4) for the screenshot script.
//!
//! `CARGO_PROFILE_DEV_OPT_LEVEL=2 cargo bench --bench pdf --profile dev`
//! (or `cargo bench --bench pdf`). Pages come from
//! `archive::import::pdf::generate` with made-up text (seed 0xC).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use jianbao::archive::import::pdf::generate::{Material, page};
use jianbao::archive::import::pdf::parse_pdf;
use jianbao::archive::parse::visible_chars;

const SEED: u64 = 0xC;
const PAGES: usize = 100;

fn main() {
    if let Ok(dir) = std::env::var("JIANBAO_BENCH_WRITE_PAGES") {
        write_pages(Path::new(&dir));
        return;
    }
    let tmp = tempfile::tempdir().expect("temp dir");
    let pages_dir = tmp.path().join("pages");
    std::fs::create_dir_all(&pages_dir).expect("pages dir");
    let material = Material::synthetic(SEED);
    let mut files = Vec::new();
    let mut articles = 0;
    for n in 0..PAGES {
        let generated = page(&material, SEED, n);
        articles += generated.articles.len();
        // Five editions of twenty pages.
        let file = pages_dir.join(format!("1998-01-{:02}_{:02}.pdf", n / 20 + 1, n % 20 + 1));
        std::fs::write(&file, &generated.pdf).expect("write page");
        files.push((file, generated.pdf));
    }
    println!("{PAGES} generated pages, {articles} articles");

    // In process: extraction + layout, each page read from memory.
    let mut ours = Vec::new();
    let mut our_chars = 0;
    for (_, bytes) in &files {
        let start = Instant::now();
        let parsed = parse_pdf(bytes).expect("parses");
        ours.push(start.elapsed());
        for p in &parsed {
            let fields = p.layout.articles.iter().flat_map(|a| a.text_fields());
            our_chars += fields
                .chain(p.layout.header.as_deref())
                .map(|t| visible_chars(t).chars().count())
                .sum::<usize>();
        }
    }
    report("jianbao extract + layout (in process)", &ours);
    measure_renders(&files);
    println!("  characters out: {our_chars}");

    let have_pdftotext = Command::new("pdftotext").arg("-v").output().is_ok();
    if have_pdftotext {
        let out = tmp.path().join("out.txt");
        let mut theirs = Vec::new();
        let mut their_chars = 0;
        for (file, _) in &files {
            let start = Instant::now();
            let status = Command::new("pdftotext")
                .args(["-q", "-layout"])
                .arg(file)
                .arg(&out)
                .status()
                .expect("pdftotext");
            theirs.push(start.elapsed());
            assert!(status.success());
            let text = std::fs::read_to_string(&out).unwrap_or_default();
            their_chars += visible_chars(&text).chars().count();
        }
        report("pdftotext -layout (a process per page)", &theirs);
        println!(
            "  characters out: {their_chars} (fewer when poppler-data, its CJK CMaps, is missing)"
        );
        // The same process start-up on a page with nothing on it.
        let empty = tmp.path().join("empty.pdf");
        std::fs::write(
            &empty,
            jianbao::archive::import::pdf::make::PdfBuilder::new().finish(),
        )
        .expect("empty");
        let mut startup = Vec::new();
        for _ in 0..20 {
            let start = Instant::now();
            Command::new("pdftotext")
                .args(["-q", "-layout"])
                .arg(&empty)
                .arg(&out)
                .status()
                .expect("pdftotext");
            startup.push(start.elapsed());
        }
        report("pdftotext -layout on an empty page (start-up)", &startup);
        // Ours as a process too: `jianbao parse page.pdf --json`.
        let mut ours_process = Vec::new();
        for (file, _) in files.iter().take(30) {
            let start = Instant::now();
            let output = Command::new(env!("CARGO_BIN_EXE_jianbao"))
                .arg("parse")
                .arg(file)
                .arg("--json")
                .output()
                .expect("jianbao parse");
            ours_process.push(start.elapsed());
            assert!(output.status.success());
        }
        report(
            "jianbao parse page.pdf --json (a process per page, 30 pages)",
            &ours_process,
        );
    } else {
        println!("pdftotext not found: no comparison (apt-get install poppler-utils)");
    }

    // The whole import: decode, lay out, merge, write, index, keep the PDFs.
    let project = tmp.path().join("archive");
    run(&["new", path(&project), "--paper", "新闻日报"]);
    let start = Instant::now();
    run(&["import", path(&project), path(&pages_dir)]);
    let took = start.elapsed();
    println!(
        "jianbao import of {PAGES} PDF pages ({articles} articles): {:.2} s, {:.1} ms a page, {:.0} articles/s",
        took.as_secs_f64(),
        took.as_secs_f64() * 1000.0 / PAGES as f64,
        articles as f64 / took.as_secs_f64()
    );
}

/// Four pages of one edition for the screenshot script.
fn write_pages(dir: &Path) {
    std::fs::create_dir_all(dir).expect("pages dir");
    let material = Material::synthetic(SEED);
    for n in 0..4 {
        let file = dir.join(format!("1998-01-01_{:02}.pdf", n + 1));
        std::fs::write(&file, page(&material, SEED, n).pdf).expect("write page");
    }
    println!("wrote 4 pages into {}", dir.display());
}

/// The 版面 view's renders. The window's reader is about 640 points wide
/// at 1280×800; a zoom step is ×1.25 on a page already open.
fn measure_renders(files: &[(std::path::PathBuf, Vec<u8>)]) {
    use jianbao::archive::page_image::PrintedPage;
    let view_width = 640.0_f32;
    let mut first = Vec::new();
    let mut zoom = Vec::new();
    let mut side = 0;
    for (_, bytes) in files.iter().take(30) {
        let start = Instant::now();
        let page = PrintedPage::from_bytes(bytes.clone(), 1).expect("opens");
        let scale = view_width / page.size()[0];
        let image = page.render(scale).expect("renders");
        first.push(start.elapsed());
        side = image.width.max(image.height);
        let start = Instant::now();
        page.render(scale * 1.25).expect("renders");
        zoom.push(start.elapsed());
    }
    report(
        &format!("版面 first render at window size (open + render, {side} px tall)"),
        &first,
    );
    report("版面 zoom step (×1.25 render of an open page)", &zoom);
    println!(
        "  (a zoom step first draws the render at hand scaled, at no cost; the sharper one follows)"
    );
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

fn run(args: &[&str]) {
    let output = Command::new(env!("CARGO_BIN_EXE_jianbao"))
        .args(args)
        .output()
        .expect("run jianbao");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn report(label: &str, times: &[Duration]) {
    let mut ms: Vec<f64> = times.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(f64::total_cmp);
    let total: f64 = ms.iter().sum();
    let p = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "{label}: {:.2} ms a page on average, p50 {:.2} ms, p90 {:.2} ms ({} pages, {:.0} ms in all)",
        total / ms.len() as f64,
        p(0.5),
        p(0.9),
        ms.len(),
        total
    );
}
