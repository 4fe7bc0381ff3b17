//! Plain-text export: what a reporter pastes into an email or a chat.

use std::io::Write;

use super::markdown::{meta_parts, shown};
use super::{ExportField, ExportOptions, ExportRecord, LIST_SEPARATOR, Ticker, WriteError};
use crate::archive::model::ArticleId;

/// Writes `records` as plain text, articles separated by a rule.
pub fn write(
    mut out: impl Write,
    records: &[ExportRecord],
    options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    let labels = &options.labels;
    writeln!(out, "{}", options.document_title())?;
    writeln!(
        out,
        "{}{}　{}{}",
        labels.exported_on,
        options.exported_on.format("%Y-%m-%d"),
        labels.articles,
        records.len()
    )?;
    for record in records {
        ticker.check()?;
        writeln!(out, "\n{}\n", "＝".repeat(20))?;
        if let Some(kicker) = shown(options, ExportField::Kicker, &record.kicker) {
            writeln!(out, "{kicker}")?;
        }
        writeln!(out, "{}", record.title(&labels.untitled))?;
        if let Some(subtitle) = shown(options, ExportField::Subtitle, &record.subtitle) {
            writeln!(out, "{subtitle}")?;
        }
        let meta = meta_parts(record, options, ArticleId::to_string);
        if !meta.is_empty() {
            writeln!(out, "\n{}", meta.join("　"))?;
        }
        if let Some(byline) = shown(options, ExportField::Byline, &record.byline) {
            writeln!(out, "{byline}")?;
        }
        if options.shows(ExportField::Text) {
            for paragraph in &record.paragraphs {
                // Two full-width spaces: the indent Chinese prose is set with.
                writeln!(out, "\n　　{}", paragraph.trim())?;
            }
        }
        if options.shows(ExportField::Tags) && !record.tags.is_empty() {
            writeln!(out, "\n{}{}", labels.tags, record.tags.join(LIST_SEPARATOR))?;
        }
        if options.shows(ExportField::Note) && !record.note.trim().is_empty() {
            writeln!(out, "{}{}", labels.note, record.note.trim())?;
        }
        ticker.tick()?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{ExportFormat, fixtures};

    #[test]
    fn text_has_every_headline_and_indented_paragraphs() {
        let text =
            String::from_utf8(fixtures::render(ExportFormat::Txt, &fixtures::records())).unwrap();
        assert!(text.contains("\n两湖创新区建设提速\n"));
        assert!(text.contains("\n<script>&\"'标题\n"));
        assert!(text.contains("\n　　第一段。\n"));
        assert!(text.contains("备注：核对,\"原文\"\n第二行"));
    }
}
