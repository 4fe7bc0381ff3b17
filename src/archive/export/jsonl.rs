//! JSON Lines export: the full [`ExportRecord`] per line, for scripts,
//! other archives and search engines (`docs/export.md` has the schema and
//! the OpenSearch/Elasticsearch `_bulk` recipe).

use std::io::Write;

use super::{ExportFormat, ExportOptions, ExportRecord, Ticker, WriteError};

/// Writes each record as one line of JSON; `options.fields` does not apply
/// (loaders rely on the schema being whole).
pub fn write(
    mut out: impl Write,
    records: &[ExportRecord],
    _options: &ExportOptions,
    ticker: &mut Ticker<'_>,
) -> Result<(), WriteError> {
    for record in records {
        ticker.check()?;
        serde_json::to_writer(&mut out, record).map_err(|e| {
            if e.is_io() {
                WriteError::Io(e.into())
            } else {
                WriteError::format(ExportFormat::Jsonl, e)
            }
        })?;
        out.write_all(b"\n")?;
        ticker.tick()?;
    }
    out.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{ExportFormat, fixtures};
    use super::*;

    #[test]
    fn one_parsable_line_per_record_with_tags_and_note() {
        let records = fixtures::records();
        let text = String::from_utf8(fixtures::render(ExportFormat::Jsonl, &records)).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first["id"], "20240628-01-01");
        assert_eq!(first["date"], "2024-06-28");
        assert_eq!(first["tags"], serde_json::json!(["党建", "苏陕协作"]));
        let second: ExportRecord = serde_json::from_str(lines[1]).unwrap();
        assert_eq!(second, records[1]);
    }
}
