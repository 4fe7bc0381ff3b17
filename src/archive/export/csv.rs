//! CSV export: one row per article with the chosen columns, UTF-8 with a
//! byte-order mark — without it Excel on a Chinese Windows reads the file
//! as GBK and shows mojibake.

use std::io::Write;

use super::{ExportFormat, ExportOptions, ExportRecord, Ticker, WriteError};

/// The UTF-8 byte-order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Writes `records` as CSV: a header row of field labels, then a row per
/// article. Quoting (commas, quotes, line breaks) is the `csv` crate's.
pub fn write(
    mut out: impl Write,
    records: &[ExportRecord],
    options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    out.write_all(BOM)?;
    let fields = options.fields();
    let mut csv = ::csv::WriterBuilder::new()
        // Excel expects CRLF row ends; line breaks inside a cell stay LF.
        .terminator(::csv::Terminator::CRLF)
        .from_writer(out);
    csv.write_record(fields.iter().map(|f| options.labels.field(*f)))
        .map_err(csv_error)?;
    for record in records {
        ticker.check()?;
        csv.write_record(fields.iter().map(|f| neutralised(record.cell(*f))))
            .map_err(csv_error)?;
        ticker.tick()?;
    }
    csv.flush()?;
    Ok(())
}

/// A cell as a spreadsheet may read it: one that starts like a formula
/// (`=`, `+`, `-`, `@`, or a tab or carriage return before one) gets a
/// leading `'`, OWASP's rule against CSV injection, so Excel shows the
/// text instead of running it. The rest of the text is kept as it is.
pub fn neutralised(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell,
    }
}

fn csv_error(error: ::csv::Error) -> WriteError {
    if error.is_io_error()
        && let ::csv::ErrorKind::Io(e) = error.into_kind()
    {
        return WriteError::Io(e);
    }
    WriteError::format(ExportFormat::Csv, "a row could not be written")
}

#[cfg(test)]
mod tests {
    use super::super::{ExportFormat, fixtures};
    use super::*;

    #[test]
    fn rows_round_trip_through_a_csv_reader() {
        let bytes = fixtures::render(ExportFormat::Csv, &fixtures::records());
        assert!(bytes.starts_with(BOM));
        let mut reader = ::csv::Reader::from_reader(&bytes[BOM.len()..]);
        let header = reader.headers().unwrap().clone();
        assert_eq!(&header[0], "编号");
        assert_eq!(header.len(), 10);
        let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(&rows[1][4], "<script>&\"'标题");
        assert_eq!(&rows[1][9], "核对,\"原文\"\n第二行");
        assert_eq!(&rows[0][7], "党建、苏陕协作");
    }

    #[test]
    fn cells_that_read_as_formulas_are_neutralised() {
        let mut records = fixtures::records();
        records[0].headline = Some("=cmd|\"/c calc\"!A0".into());
        records[0].reporters = vec!["+1+1".into()];
        records[0].kicker = Some("-2+3".into());
        records[0].subtitle = Some("@SUM(A1)".into());
        records[0].note = "\t=1".into();
        records[1].note = "\r=1".into();
        records[1].headline = Some("——记者 张可馨 = 好".into());
        let bytes = fixtures::render(ExportFormat::Csv, &records);
        let text = String::from_utf8(bytes[BOM.len()..].to_vec()).unwrap();
        assert!(!text.contains(",\"=cmd"), "{text}");
        let mut reader = ::csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<_> = reader.records().map(Result::unwrap).collect();
        assert_eq!(&rows[0][4], "'=cmd|\"/c calc\"!A0");
        assert_eq!(&rows[0][3], "'-2+3");
        assert_eq!(&rows[0][5], "'@SUM(A1)");
        assert_eq!(&rows[0][6], "'+1+1");
        assert_eq!(&rows[0][9], "'\t=1");
        assert_eq!(&rows[1][9], "'\r=1");
        // Text that only holds such a character later is left alone.
        assert_eq!(&rows[1][4], "——记者 张可馨 = 好");
    }
}
