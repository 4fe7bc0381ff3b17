//! Frame time of the whole app with 1,000,000 articles: scrolling, typing, switching articles.
//!
//! Runs the real app (every panel, the bundled font) on a headless egui
//! context and times `run_ui` plus tessellation, i.e. everything a frame does
//! on the CPU except uploading to the GPU. The archive is synthetic: a million
//! result rows behind the same `RowSource` trait the app's search results use,
//! with real headlines from the sample page, and ~10,000 editions in the tree.
//! (Building a real million-article project through RON and tantivy takes far
//! longer than this benchmark should; the table never sees more than the rows
//! on screen either way.)
//!
//! `cargo bench --bench frame` (set `FRAMES` to change frames per scenario).

use std::ops::Range;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use eframe::egui;

use jianbao::archive::{ArticleId, parse};
use jianbao::ui::app::{AppOptions, ArchiveView, Settings};
use jianbao::ui::file_picker::ScriptedFilePicker;
use jianbao::ui::rows::{ResultRow, RowSource};
use jianbao::ui::worker::{EditionSummary, LoadedArticle};
use jianbao::ui::{JianbaoApp, sample};

const ARTICLES: usize = 1_000_000;
const ARTICLES_PER_EDITION: usize = 100;

/// A million rows held in memory, as if every page of hits had been fetched.
struct SyntheticRows {
    rows: Vec<ResultRow>,
}

impl RowSource for SyntheticRows {
    fn total(&self) -> usize {
        self.rows.len()
    }

    fn row(&self, index: usize) -> Option<&ResultRow> {
        self.rows.get(index)
    }

    fn want(&mut self, _rows: Range<usize>) {}
}

fn sample_articles() -> Vec<jianbao::archive::Article> {
    parse::parse_text(sample::SAMPLE_PAGE).0
}

fn synthetic_archive(articles: &[jianbao::archive::Article]) -> (SyntheticRows, ArchiveView) {
    let start = NaiveDate::from_ymd_opt(1998, 1, 1).unwrap_or_default();
    let mut rows = Vec::with_capacity(ARTICLES);
    let mut view = ArchiveView {
        paper: sample::SAMPLE_PAPER.into(),
        ..ArchiveView::default()
    };
    let editions = ARTICLES / ARTICLES_PER_EDITION;
    let mut summaries = Vec::with_capacity(editions);
    for day in 0..editions {
        let date = start + Days::new(day as u64);
        view.dates.insert(date);
        summaries.push(EditionSummary {
            date,
            pages: (1..=8).map(|p| (p, ARTICLES_PER_EDITION / 8)).collect(),
        });
        for n in 0..ARTICLES_PER_EDITION {
            let article = &articles[(day + n) % articles.len()];
            let page = (n / 13 + 1) as u32;
            rows.push(ResultRow {
                id: ArticleId::new(date, page, n as u32 + 1),
                date,
                page,
                kicker: article.kicker.clone(),
                headline: article.headline_one_line(),
                reporters: article.reporters.join("、"),
                tags: Vec::new(),
                snippet: String::new(),
            });
        }
    }
    // Newest first, as the app browses.
    rows.reverse();
    for summary in summaries {
        view.total_articles += summary.articles();
        view.editions.insert(summary.date, summary);
    }
    // The year/month counts the app keeps, computed the way it does.
    for date in &view.dates {
        use chrono::Datelike;
        *view.year_editions.entry(date.year()).or_default() += 1;
        *view.year_articles.entry(date.year()).or_default() += ARTICLES_PER_EDITION;
        *view
            .month_articles
            .entry((date.year(), date.month()))
            .or_default() += ARTICLES_PER_EDITION;
    }
    (SyntheticRows { rows }, view)
}

struct Bench {
    ctx: egui::Context,
    app: JianbaoApp,
    articles: Vec<jianbao::archive::Article>,
    time: f64,
    events: Vec<egui::Event>,
}

impl Bench {
    fn frame(&mut self) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1280.0, 800.0),
            )),
            time: Some(self.time),
            events: std::mem::take(&mut self.events),
            ..Default::default()
        };
        let started = Instant::now();
        let mut output = self.ctx.run_ui(input, |ui| self.app.frame_ui(ui));
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = started.elapsed();
        // A renderer would upload the font atlas changes; there is none here.
        output.textures_delta.clear();
        std::hint::black_box(primitives);
        // Play the worker: the reader gets the article the cursor is on.
        if let Some(id) = self.app.reader.id.clone()
            && self.app.reader.loaded.as_ref().map(|l| &l.article.id) != Some(&id)
        {
            let index = self.app.selection.cursor.unwrap_or(0);
            let mut article = self.articles[index % self.articles.len()].clone();
            article.id = id.clone();
            self.app.reader.loaded = Some(LoadedArticle {
                date: id.date().unwrap_or_default(),
                page: 1,
                source: None,
                corrected: false,
                page_size: None,
                previous: None,
                article,
            });
        }
        elapsed
    }
}

fn report(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{name:<28} frames {:>5}  p50 {:>6.2} ms  p99 {:>6.2} ms  max {:>6.2} ms",
        times.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
    );
}

fn main() {
    let frames: usize = std::env::var("FRAMES")
        .ok()
        .and_then(|f| f.parse().ok())
        .unwrap_or(300);
    let articles = sample_articles();
    assert!(!articles.is_empty(), "the sample page parses");
    let built = Instant::now();
    let (rows, view) = synthetic_archive(&articles);
    println!(
        "synthetic archive: {} articles, {} editions, built in {:.1} s",
        rows.total(),
        view.dates.len(),
        built.elapsed().as_secs_f64()
    );

    let ctx = egui::Context::default();
    let data_dir = std::env::temp_dir().join("jianbao-bench-frame");
    let mut app = JianbaoApp::with_context(
        &ctx,
        AppOptions {
            data_dir,
            project: None,
            import_on_start: Vec::new(),
            picker: Box::new(ScriptedFilePicker::default()),
            settings: Some(Settings::default()),
            open_on_start: false,
        },
    );
    app.archive = Some(view);
    app.row_override = Some(Box::new(rows));
    let mut bench = Bench {
        ctx,
        app,
        articles,
        time: 0.0,
        events: Vec::new(),
    };
    let table_point = egui::pos2(640.0, 400.0);

    // Warm up: font atlas, galley caches, first layout.
    for _ in 0..30 {
        bench.frame();
    }

    let idle: Vec<Duration> = (0..frames).map(|_| bench.frame()).collect();
    report("idle (1M rows)", idle);

    let scrolling: Vec<Duration> = (0..frames)
        .map(|_| {
            bench.events.push(egui::Event::PointerMoved(table_point));
            bench.events.push(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -240.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            });
            bench.frame()
        })
        .collect();
    report("scrolling (wheel)", scrolling);
    println!("  (table now shows rows {:?})", bench.app.visible_rows);

    // Switching articles: the cursor moves down one row a frame; the reader lays out a new article.
    // Escape leaves the search box (focused at start), so keys go to the table.
    bench.events.push(egui::Event::PointerGone);
    bench.events.push(key(egui::Key::Escape));
    bench.frame();
    let switching: Vec<Duration> = (0..frames)
        .map(|_| {
            bench.events.push(key(egui::Key::ArrowDown));
            bench.frame()
        })
        .collect();
    report("switching articles (↓)", switching);
    println!(
        "  (cursor on row {:?}, reader shows {:?})",
        bench.app.selection.cursor,
        bench
            .app
            .reader
            .loaded
            .as_ref()
            .map(|l| l.article.id.as_str())
    );

    let jumping: Vec<Duration> = (0..frames.min(100))
        .map(|i| {
            bench.events.push(key(if i % 2 == 0 {
                egui::Key::End
            } else {
                egui::Key::Home
            }));
            bench.frame()
        })
        .collect();
    report("jump first↔last row", jumping);
    bench.events.push(key(egui::Key::End));
    for _ in 0..3 {
        bench.frame();
    }
    println!(
        "  (after End: cursor {:?}, table shows rows {:?})",
        bench.app.selection.cursor, bench.app.visible_rows
    );

    bench.app.focus_search = true;
    bench.frame();
    let typing_text: Vec<char> = "苏陕协作乔俊杰武进汉滨高质量发展".chars().collect();
    let typing: Vec<Duration> = (0..frames)
        .map(|i| {
            let c = typing_text[i % typing_text.len()];
            if i % 40 == 39 {
                bench.events.push(key(egui::Key::Backspace));
            }
            bench.events.push(egui::Event::Text(c.to_string()));
            bench.frame()
        })
        .collect();
    report("typing in the search box", typing);
    println!(
        "  (search box holds {} characters)",
        bench.app.search.text.chars().count()
    );
}

fn key(key: egui::Key) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    }
}
