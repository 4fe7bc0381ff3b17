//! Markdown export: a title, then each article as a `##` section.

use std::io::Write;

use super::{ExportField, ExportOptions, ExportRecord, LIST_SEPARATOR, Ticker, WriteError};
use crate::archive::model::ArticleId;

/// Writes `records` as one Markdown document.
pub fn write(
    mut out: impl Write,
    records: &[ExportRecord],
    options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    let labels = &options.labels;
    writeln!(out, "# {}\n", escape(&options.document_title()))?;
    writeln!(
        out,
        "{}{}　{}{}\n",
        labels.exported_on,
        options.exported_on.format("%Y-%m-%d"),
        labels.articles,
        records.len()
    )?;
    for record in records {
        ticker.check()?;
        writeln!(out, "---\n")?;
        if let Some(kicker) = shown(options, ExportField::Kicker, &record.kicker) {
            writeln!(out, "**{}**\n", escape(kicker))?;
        }
        writeln!(out, "## {}\n", escape(record.title(&labels.untitled)))?;
        if let Some(subtitle) = shown(options, ExportField::Subtitle, &record.subtitle) {
            writeln!(out, "**{}**\n", escape(subtitle))?;
        }
        let mut meta = meta_parts(record, options, |id| format!("`{id}`"));
        if options.shows(ExportField::Characters) {
            meta.push(format!(
                "{}{}",
                record.characters,
                labels.field(ExportField::Characters)
            ));
        }
        if !meta.is_empty() {
            writeln!(out, "{}\n", meta.join(" · "))?;
        }
        if let Some(byline) = shown(options, ExportField::Byline, &record.byline) {
            writeln!(out, "*{}*\n", escape(byline))?;
        }
        if options.shows(ExportField::Text) {
            for paragraph in &record.paragraphs {
                writeln!(out, "{}\n", escape(paragraph.trim()))?;
            }
        }
        if options.shows(ExportField::Tags) && !record.tags.is_empty() {
            writeln!(
                out,
                "{}{}\n",
                labels.tags,
                escape(&record.tags.join(LIST_SEPARATOR))
            )?;
        }
        if options.shows(ExportField::Note) && !record.note.trim().is_empty() {
            // A note may run over several lines; a quote block keeps them together.
            for line in record.note.trim().lines() {
                writeln!(out, "> {}", escape(line))?;
            }
            writeln!(out)?;
        }
        ticker.tick()?;
    }
    out.flush()?;
    Ok(())
}

/// The date, page and id of an article as the options show them (the
/// line under each headline in the document formats); `id` formats the id.
pub(crate) fn meta_parts(
    record: &ExportRecord,
    options: &ExportOptions,
    id: impl Fn(&ArticleId) -> String,
) -> Vec<String> {
    let mut meta = Vec::new();
    if options.shows(ExportField::Date) {
        meta.push(record.date.format("%Y-%m-%d").to_string());
    }
    if options.shows(ExportField::Page) {
        meta.push(options.labels.page(record.page));
    }
    if options.shows(ExportField::Id) {
        meta.push(id(&record.id));
    }
    meta
}

/// `value` when the options show `field` and it has text.
pub(crate) fn shown<'a>(
    options: &ExportOptions,
    field: ExportField,
    value: &'a Option<String>,
) -> Option<&'a str> {
    value
        .as_deref()
        .map(str::trim)
        .filter(|v| !v.is_empty() && options.shows(field))
}

/// Escapes the characters Markdown would read as markup, so a headline
/// such as `*重要*` or `#1` prints as typed.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '{' | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{ExportFormat, fixtures};

    #[test]
    fn every_headline_is_a_section_and_markup_is_escaped() {
        let text =
            String::from_utf8(fixtures::render(ExportFormat::Md, &fixtures::records())).unwrap();
        assert!(text.starts_with("# 武进日报 · 搜索：苏陕协作\n"), "{text}");
        assert!(text.contains("## 两湖创新区建设提速\n"));
        assert!(text.contains("## \\<script\\>&\"'标题\n"), "{text}");
        assert!(text.contains("标签：党建、苏陕协作"));
        assert!(text.contains("> 核对,\"原文\"\n> 第二行\n"));
    }
}
