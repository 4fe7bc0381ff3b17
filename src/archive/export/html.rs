//! HTML export: one self-contained, printable clipping book — a title, a
//! table of contents linking to each article, one article per printed page.
//!
//! No scripts, fonts or images are linked, so the file reads the same
//! offline and years later; every piece of archive text goes through
//! [`escape`].

use std::io::Write;

use super::markdown::{meta_parts, shown};
use super::{ExportField, ExportOptions, ExportRecord, LIST_SEPARATOR, Ticker, WriteError};
use crate::archive::model::ArticleId;

/// The style sheet: CJK fonts a reader's machine has, and a page break
/// before each article when printed.
const STYLE: &str = r#"
body { font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", SimSun, "宋体", serif;
       max-width: 44em; margin: 2em auto; padding: 0 1em; line-height: 1.8; color: #111; }
h1, h2, .kicker, .subtitle { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", SimHei, sans-serif; }
h1 { font-size: 1.8em; text-align: center; }
.cover { text-align: center; color: #444; }
nav ol { padding-left: 1.5em; }
nav a { color: inherit; text-decoration: none; }
nav .meta { color: #666; font-size: 0.85em; margin-left: 0.5em; }
.kicker, .subtitle { margin: 0.3em 0; color: #333; }
h2 { font-size: 1.5em; margin: 0.2em 0; }
.meta { color: #666; font-size: 0.9em; }
.byline { font-style: normal; color: #333; }
.article p.text { text-indent: 2em; margin: 0.6em 0; }
.tags { color: #333; }
.note { border-left: 3px solid #bbb; padding-left: 0.8em; color: #444; white-space: pre-wrap; }
@media print {
  body { max-width: none; margin: 0; }
  nav, .article { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Writes `records` as one HTML clipping book.
pub fn write(
    mut out: impl Write,
    records: &[ExportRecord],
    options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    let labels = &options.labels;
    let title = escape(&options.document_title());
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"zh-CN\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\" />")?;
    writeln!(out, "<title>{title}</title>")?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<header class=\"cover\">")?;
    writeln!(out, "<h1>{title}</h1>")?;
    writeln!(
        out,
        "<p>{}{}　{}{}</p>",
        escape(&labels.exported_on),
        options.exported_on.format("%Y-%m-%d"),
        escape(&labels.articles),
        records.len()
    )?;
    writeln!(out, "</header>")?;
    writeln!(out, "<nav>")?;
    writeln!(out, "<h2>{}</h2>", escape(&labels.contents))?;
    writeln!(out, "<ol>")?;
    for record in records {
        writeln!(
            out,
            "<li><a href=\"#{}\">{}</a><span class=\"meta\">{} {}</span></li>",
            anchor(record),
            escape(record.title(&labels.untitled)),
            record.date.format("%Y-%m-%d"),
            escape(&labels.page(record.page)),
        )?;
    }
    writeln!(out, "</ol>")?;
    writeln!(out, "</nav>")?;
    for record in records {
        ticker.check()?;
        write_article(&mut out, record, options)?;
        ticker.tick()?;
    }
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")?;
    out.flush()?;
    Ok(())
}

fn write_article(
    out: &mut impl Write,
    record: &ExportRecord,
    options: &ExportOptions,
) -> Result<(), WriteError> {
    let labels = &options.labels;
    writeln!(out, "<section class=\"article\" id=\"{}\">", anchor(record))?;
    if let Some(kicker) = shown(options, ExportField::Kicker, &record.kicker) {
        writeln!(out, "<p class=\"kicker\">{}</p>", escape(kicker))?;
    }
    writeln!(out, "<h2>{}</h2>", escape(record.title(&labels.untitled)))?;
    if let Some(subtitle) = shown(options, ExportField::Subtitle, &record.subtitle) {
        writeln!(out, "<p class=\"subtitle\">{}</p>", escape(subtitle))?;
    }
    let meta = meta_parts(record, options, ArticleId::to_string);
    if !meta.is_empty() {
        writeln!(out, "<p class=\"meta\">{}</p>", escape(&meta.join("　")))?;
    }
    if let Some(byline) = shown(options, ExportField::Byline, &record.byline) {
        writeln!(out, "<p class=\"byline\">{}</p>", escape(byline))?;
    }
    if options.shows(ExportField::Text) {
        for paragraph in &record.paragraphs {
            writeln!(out, "<p class=\"text\">{}</p>", escape(paragraph.trim()))?;
        }
    }
    if options.shows(ExportField::Tags) && !record.tags.is_empty() {
        writeln!(
            out,
            "<p class=\"tags\">{}{}</p>",
            escape(&labels.tags),
            escape(&record.tags.join(LIST_SEPARATOR))
        )?;
    }
    if options.shows(ExportField::Note) && !record.note.trim().is_empty() {
        writeln!(
            out,
            "<p class=\"note\">{}{}</p>",
            escape(&labels.note),
            escape(record.note.trim())
        )?;
    }
    writeln!(out, "</section>")?;
    Ok(())
}

/// The fragment id of an article's section: its id, which is unique in the
/// project and made of digits and dashes only.
fn anchor(record: &ExportRecord) -> String {
    let safe: String = record
        .id
        .as_str()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("a-{safe}")
}

/// Escapes `text` for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{ExportFormat, fixtures};
    use super::*;

    #[test]
    fn escape_handles_every_markup_character() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        assert_eq!(escape("苏陕协作"), "苏陕协作");
        assert_eq!(escape("&amp;"), "&amp;amp;");
    }

    #[test]
    fn the_book_links_each_article_and_escapes_its_text() {
        let html =
            String::from_utf8(fixtures::render(ExportFormat::Html, &fixtures::records())).unwrap();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("<h2>&lt;script&gt;&amp;&quot;&#39;标题</h2>"));
        assert!(html.contains("<a href=\"#a-20240628-01-01\">两湖创新区建设提速</a>"));
        assert!(html.contains("<section class=\"article\" id=\"a-20240628-01-02\">"));
        assert!(html.contains("a &lt; b &amp; c &gt; d"));
        assert!(html.contains("break-before: page"));
        assert!(!html.contains("http"), "nothing is fetched: {html}");
    }
}
