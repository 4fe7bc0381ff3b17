//! XLSX export: the CSV's columns as a real sheet — bold frozen header, an
//! autofilter, numbers and dates as such, columns wide enough for Chinese.

use std::io::Write;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

use super::{
    ExportField, ExportFormat, ExportOptions, ExportRecord, Ticker, WriteError, display_width,
};

/// Excel's limit on the characters of one cell.
const MAX_CELL_CHARS: usize = 32_767;
/// Widest column, in Excel's units (about one Latin digit each).
const MAX_COLUMN_WIDTH: usize = 60;

/// Writes `records` as a workbook of one sheet, a row per article.
pub fn write(
    out: impl Write + Send,
    records: &[ExportRecord],
    options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    let error = |e: XlsxError| WriteError::format(ExportFormat::Xlsx, e);
    let fields = options.fields();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let name: String = options.labels.sheet.chars().take(31).collect();
    if !name.trim().is_empty() {
        sheet.set_name(name).map_err(error)?;
    }
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let wrap = Format::new().set_text_wrap();
    let mut widths: Vec<usize> = Vec::with_capacity(fields.len());
    for (col, field) in fields.iter().enumerate() {
        let label = options.labels.field(*field);
        sheet
            .write_string_with_format(0, col as u16, label, &bold)
            .map_err(error)?;
        widths.push(display_width(label));
    }
    for (at, record) in records.iter().enumerate() {
        ticker.check()?;
        let row = at as u32 + 1;
        for (col, field) in fields.iter().enumerate() {
            let col16 = col as u16;
            match field {
                ExportField::Page => {
                    sheet.write_number(row, col16, record.page).map_err(error)?;
                }
                ExportField::Characters => {
                    sheet
                        .write_number(row, col16, record.characters as f64)
                        .map_err(error)?;
                }
                ExportField::Date => match excel_date(record.date) {
                    Some(date) => {
                        sheet
                            .write_datetime_with_format(row, col16, &date, &date_format)
                            .map_err(error)?;
                    }
                    // Excel has no dates before 1900: keep the text.
                    None => {
                        sheet
                            .write_string(row, col16, record.cell(*field))
                            .map_err(error)?;
                    }
                },
                _ => {
                    let text = truncated(record.cell(*field));
                    if text.is_empty() {
                        continue;
                    }
                    if text.contains('\n') {
                        sheet
                            .write_string_with_format(row, col16, &text, &wrap)
                            .map_err(error)?;
                    } else {
                        sheet.write_string(row, col16, &text).map_err(error)?;
                    }
                }
            }
            let width = record
                .cell(*field)
                .lines()
                .map(display_width)
                .max()
                .unwrap_or(0);
            widths[col] = widths[col].max(width);
        }
        ticker.tick()?;
    }
    for (col, width) in widths.into_iter().enumerate() {
        let width = (width + 2).clamp(6, MAX_COLUMN_WIDTH);
        sheet
            .set_column_width(col as u16, width as f64)
            .map_err(error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(error)?;
    if !fields.is_empty() {
        sheet
            .autofilter(0, 0, records.len() as u32, fields.len() as u16 - 1)
            .map_err(error)?;
    }
    ticker.check()?;
    workbook.save_to_writer(out).map_err(|e| match e {
        XlsxError::IoError(io) => WriteError::Io(io),
        other => error(other),
    })?;
    Ok(())
}

fn excel_date(date: chrono::NaiveDate) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}

/// `text` cut to what one cell holds; a body longer than that is rare and
/// the full text is in the other formats.
fn truncated(text: String) -> String {
    if text.chars().count() <= MAX_CELL_CHARS {
        return text;
    }
    let mut cut: String = text.chars().take(MAX_CELL_CHARS - 1).collect();
    cut.push('…');
    cut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlong_cells_are_cut_to_excels_limit() {
        let long = "字".repeat(MAX_CELL_CHARS + 10);
        assert_eq!(truncated(long).chars().count(), MAX_CELL_CHARS);
        assert_eq!(truncated("短".into()), "短");
    }
}
