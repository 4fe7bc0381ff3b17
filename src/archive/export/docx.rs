//! DOCX export: a title page (paper, what was exported, export date), then
//! each article on its own page — kicker, headline and subtitle set as
//! headings, byline, date and page, paragraphs, tags and note.
//!
//! Chinese text is set in 宋体 (SimSun) and headings in 黑体 (SimHei),
//! named as east-Asian fonts so Word and WPS use them for Han characters
//! (they ship with every Chinese Windows; LibreOffice substitutes its
//! CJK fonts). Only the headline is a Word heading, so the navigation pane
//! lists one entry per article.

use std::io::{self, Seek, Write};

use docx_rs::{
    AlignmentType, Docx, LineSpacing, Paragraph, Run, RunFonts, SpecialIndentType, Style, StyleType,
};

use super::markdown::{meta_parts, shown};
use super::{ExportField, ExportOptions, ExportRecord, LIST_SEPARATOR, Ticker, WriteError};
use crate::archive::model::ArticleId;

/// Body font for Han characters.
const SONG: &str = "SimSun";
/// Heading font for Han characters.
const HEI: &str = "SimHei";
/// Font for Latin letters and digits.
const LATIN: &str = "Times New Roman";

/// Sizes are in half-points: 21 is 10.5 pt, 五号, the size of newspaper body text.
const BODY_SIZE: usize = 21;

/// Writes `records` as a Word document.
pub fn write(
    out: impl Write + Seek,
    records: &[ExportRecord],
    options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    let labels = &options.labels;
    let mut docx = Docx::new()
        .default_fonts(fonts(SONG))
        .default_size(BODY_SIZE)
        .add_style(paragraph_style("Title", "Title", 44).align(AlignmentType::Center))
        .add_style(paragraph_style("Heading1", "heading 1", 32).outline_lvl(0))
        .add_style(paragraph_style("Kicker", "Kicker", 24))
        .add_style(paragraph_style("Subtitle", "Subtitle", 24));

    // The title page.
    docx = docx
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .line_spacing(LineSpacing::new().before(2400).after(600))
                .add_run(Run::new().add_text(title_or(&options.paper, &options.title))),
        )
        .add_paragraph(centered(&options.title))
        .add_paragraph(centered(&format!(
            "{}{}",
            labels.exported_on,
            options.exported_on.format("%Y-%m-%d")
        )))
        .add_paragraph(centered(&format!("{}{}", labels.articles, records.len())));

    for record in records {
        ticker.check()?;
        docx = add_article(docx, record, options);
        ticker.tick()?;
    }
    ticker.check()?;
    let mut stored = io::Cursor::new(Vec::new());
    docx.pack(&mut stored).map_err(zip_error)?;
    deflate(stored.get_ref(), out).map_err(zip_error)?;
    Ok(())
}

/// docx-rs stores its parts uncompressed (a 10,000-article export comes
/// to ~65 MB); the same package deflated is a fraction of that, which
/// matters for a file that is mailed around.
fn deflate(stored: &[u8], out: impl Write + Seek) -> zip::result::ZipResult<()> {
    let mut archive = zip::ZipArchive::new(io::Cursor::new(stored))?;
    let mut packed = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for at in 0..archive.len() {
        let mut part = archive.by_index(at)?;
        let name = part.name().to_string();
        if part.is_dir() {
            packed.add_directory(name, options)?;
        } else {
            packed.start_file(name, options)?;
            io::copy(&mut part, &mut packed)?;
        }
    }
    packed.finish()?.flush()?;
    Ok(())
}

fn zip_error(error: zip::result::ZipError) -> WriteError {
    WriteError::Io(io::Error::from(error))
}

fn add_article(mut docx: Docx, record: &ExportRecord, options: &ExportOptions) -> Docx {
    let labels = &options.labels;
    let mut first = true;
    // Each article opens a page; the first paragraph carries the break.
    let mut opening = |p: Paragraph| {
        let p = p.page_break_before(first).keep_next(true);
        first = false;
        p
    };
    if let Some(kicker) = shown(options, ExportField::Kicker, &record.kicker) {
        docx = docx.add_paragraph(opening(text(Paragraph::new().style("Kicker"), kicker)));
    }
    let headline = record.title(&labels.untitled);
    docx = docx.add_paragraph(opening(text(Paragraph::new().style("Heading1"), headline)));
    if let Some(subtitle) = shown(options, ExportField::Subtitle, &record.subtitle) {
        docx = docx.add_paragraph(opening(text(Paragraph::new().style("Subtitle"), subtitle)));
    }
    let meta = meta_parts(record, options, ArticleId::to_string);
    if !meta.is_empty() {
        docx = docx.add_paragraph(grey(&meta.join("　")));
    }
    if let Some(byline) = shown(options, ExportField::Byline, &record.byline) {
        docx = docx.add_paragraph(grey(byline));
    }
    if options.shows(ExportField::Text) {
        for paragraph in &record.paragraphs {
            docx = docx.add_paragraph(
                // The two-character indent of Chinese prose: 420 twips is two
                // characters at 10.5 pt for readers that ignore `firstLineChars`
                // (LibreOffice), 200 hundredths of a character for Word and WPS.
                text(
                    Paragraph::new()
                        .indent(None, Some(SpecialIndentType::FirstLine(420)), None, None)
                        .first_line_chars(200),
                    paragraph.trim(),
                )
                .line_spacing(LineSpacing::new().after(120)),
            );
        }
    }
    if options.shows(ExportField::Tags) && !record.tags.is_empty() {
        docx = docx.add_paragraph(grey(&format!(
            "{}{}",
            labels.tags,
            record.tags.join(LIST_SEPARATOR)
        )));
    }
    if options.shows(ExportField::Note) && !record.note.trim().is_empty() {
        let mut note = Paragraph::new().add_run(Run::new().add_text(&labels.note).bold());
        for (at, line) in record.note.trim().lines().enumerate() {
            let mut run = Run::new();
            if at > 0 {
                run = run.add_break(docx_rs::BreakType::TextWrapping);
            }
            note = note.add_run(run.add_text(line));
        }
        docx = docx.add_paragraph(note);
    }
    docx
}

/// The fonts of a run: `han` for Chinese, [`LATIN`] for the rest.
fn fonts(han: &str) -> RunFonts {
    RunFonts::new()
        .ascii(LATIN)
        .hi_ansi(LATIN)
        .cs(LATIN)
        .east_asia(han)
}

/// A bold paragraph style in 黑体 at `size` half-points, kept with the next.
fn paragraph_style(id: &str, name: &str, size: usize) -> Style {
    Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .next("Normal")
        .fonts(fonts(HEI))
        .size(size)
        .bold()
        .align(AlignmentType::Center)
}

fn text(paragraph: Paragraph, text: &str) -> Paragraph {
    paragraph.add_run(Run::new().add_text(text))
}

fn centered(line: &str) -> Paragraph {
    text(Paragraph::new().align(AlignmentType::Center), line)
}

fn grey(line: &str) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(line).color("595959").size(18))
}

fn title_or<'a>(paper: &'a str, title: &'a str) -> &'a str {
    if paper.trim().is_empty() {
        title
    } else {
        paper
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ExportFormat, fixtures};

    #[test]
    fn the_document_reads_back_with_every_headline() {
        let bytes = fixtures::render(ExportFormat::Docx, &fixtures::records());
        let docx = docx_rs::read_docx(&bytes).unwrap();
        let json = docx.json();
        assert!(json.contains("两湖创新区建设提速"));
        assert!(
            json.contains("<script>&\\\"'标题"),
            "escaped only inside the XML"
        );
        assert!(json.contains("SimSun"));
        let mut parts = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let part = parts.by_name("word/document.xml").unwrap();
        assert_eq!(part.compression(), zip::CompressionMethod::Deflated);
    }
}
