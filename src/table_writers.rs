//! Writers of exported tables: CSV (RFC 4180, or Excel's Finnish dialect) and JSON, row by
//! row, so that memory does not grow with the table.

use std::fmt::Write as _;
use std::io::Write;

use serde_json::{Map, Value};

use crate::domain::CellValue;

/// How CSV is written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CsvDialect {
    /// Excel with a Finnish locale: a UTF-8 BOM, `;` and CRLF.
    pub excel: bool,
}

impl CsvDialect {
    /// A number's text as the dialect writes it: Excel with a Finnish locale reads `3,8`
    /// as a number (and `3.8` as text or a date).
    pub fn decimal(self, number: String) -> String {
        if self.excel {
            number.replace('.', ",")
        } else {
            number
        }
    }
}

/// A spreadsheet never runs text that starts like a formula: it gets a leading `'`.
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n']) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A CSV writer in `dialect` (after the BOM Excel needs, when it is Excel's): every CSV amb
/// writes, exports, lists and reports alike, goes through it.
pub fn csv_writer<W: Write>(mut out: W, dialect: CsvDialect) -> std::io::Result<csv::Writer<W>> {
    let mut builder = csv::WriterBuilder::new();
    if dialect.excel {
        out.write_all("\u{feff}".as_bytes())?;
        builder.delimiter(b';').terminator(csv::Terminator::CRLF);
    }
    Ok(builder.from_writer(out))
}

/// Writes one table as CSV.
pub struct CsvTableWriter<W: Write> {
    writer: csv::Writer<W>,
    dialect: CsvDialect,
    header_written: bool,
    /// A whole number's digits, written again for each cell.
    number: String,
}

impl<W: Write> CsvTableWriter<W> {
    pub fn new(out: W, dialect: CsvDialect) -> std::io::Result<CsvTableWriter<W>> {
        Ok(CsvTableWriter {
            writer: csv_writer(out, dialect)?,
            dialect,
            header_written: false,
            number: String::new(),
        })
    }

    pub fn header(&mut self, columns: &[String]) -> csv::Result<()> {
        if !self.header_written {
            self.writer.write_record(columns)?;
            self.header_written = true;
        }
        Ok(())
    }

    pub fn row(&mut self, columns: &[String], cells: &[CellValue]) -> csv::Result<()> {
        self.header(columns)?;
        // Field by field, without a string per cell: exports run to millions of rows.
        for cell in cells {
            match cell {
                CellValue::Null => self.writer.write_field([])?,
                CellValue::Integer(n) => {
                    self.number.clear();
                    let _ = write!(self.number, "{n}");
                    self.writer.write_field(&self.number)?;
                }
                CellValue::Real(f) => self
                    .writer
                    .write_field(self.dialect.decimal(f.to_string()))?,
                CellValue::Text(t) => self.writer.write_field(spreadsheet_safe(t).as_bytes())?,
            }
        }
        self.writer.write_record(None::<&[u8]>)
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.writer.flush()?;
        self.writer
            .into_inner()
            .map_err(|e| std::io::Error::other(e.to_string()))
    }
}

/// Whether a column holds calendar dates (written as dates in a workbook).
fn is_date_column(name: &str) -> bool {
    name == "date" || name.ends_with("_on") || name.ends_with("_date")
}

/// A new workbook whose document properties are fixed (creator and creation time, which
/// would otherwise be the clock's), so that the same data always gives the same bytes.
pub fn workbook() -> anyhow::Result<rust_xlsxwriter::Workbook> {
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2000, 1, 1)?;
    let properties = rust_xlsxwriter::DocProperties::new()
        .set_author("amb")
        .set_creation_datetime(&created);
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.set_properties(&properties);
    Ok(workbook)
}

/// Feeds every row of a table to the receiver it is given.
pub type RowSource<'a> =
    dyn FnMut(&mut dyn FnMut(&[CellValue]) -> anyhow::Result<()>) -> anyhow::Result<()> + 'a;

/// Adds one sheet per table to a workbook: a bold header row, numbers as numbers, dates as
/// dates, text as text (never a formula). Rows are streamed to disk, not kept in memory.
pub fn xlsx_sheet(
    workbook: &mut rust_xlsxwriter::Workbook,
    name: &str,
    columns: &[String],
    rows: &mut RowSource<'_>,
) -> anyhow::Result<()> {
    use rust_xlsxwriter::{ExcelDateTime, Format};
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(name)?;
    for (index, column) in columns.iter().enumerate() {
        sheet.write_string_with_format(0, index as u16, column, &bold)?;
    }
    let dates: Vec<bool> = columns.iter().map(|c| is_date_column(c)).collect();
    let mut row: u32 = 0;
    rows(&mut |cells| {
        row += 1;
        for (index, cell) in cells.iter().enumerate() {
            let col = index as u16;
            match cell {
                CellValue::Null => {}
                CellValue::Integer(n) => {
                    sheet.write_number(row, col, *n as f64)?;
                }
                CellValue::Real(f) => {
                    sheet.write_number(row, col, *f)?;
                }
                CellValue::Text(text) => match ExcelDateTime::parse_from_str(text) {
                    Ok(day) if dates[index] && text.len() == 10 => {
                        sheet.write_datetime_with_format(row, col, &day, &date)?;
                    }
                    _ => {
                        sheet.write_string(row, col, text)?;
                    }
                },
            }
        }
        Ok(())
    })?;
    Ok(())
}

/// A row as a JSON object: numbers as numbers, ISO dates as text.
pub fn json_row(columns: &[String], cells: &[CellValue]) -> Value {
    let mut object = Map::new();
    for (column, cell) in columns.iter().zip(cells) {
        let value = match cell {
            CellValue::Null => Value::Null,
            CellValue::Integer(n) => Value::from(*n),
            CellValue::Real(f) => Value::from(*f),
            CellValue::Text(t) => Value::from(t.as_str()),
        };
        object.insert(column.clone(), value);
    }
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells() -> (Vec<String>, Vec<CellValue>) {
        (
            vec!["id".into(), "name".into(), "note".into(), "score".into()],
            vec![
                CellValue::Integer(-3),
                CellValue::Text("Mäkelä; Aino".into()),
                CellValue::Text("=HYPERLINK(\"x\")".into()),
                CellValue::Real(4.5),
            ],
        )
    }

    #[test]
    fn csv_is_rfc4180_and_formula_safe() {
        let (columns, row) = cells();
        let mut table = CsvTableWriter::new(Vec::new(), CsvDialect { excel: false }).unwrap();
        table.row(&columns, &row).unwrap();
        let text = String::from_utf8(table.finish().unwrap()).unwrap();
        assert_eq!(
            text,
            "id,name,note,score\n-3,Mäkelä; Aino,\"'=HYPERLINK(\"\"x\"\")\",4.5\n"
        );
    }

    #[test]
    fn excel_csv_has_a_bom_semicolons_and_crlf() {
        let (columns, row) = cells();
        let mut table = CsvTableWriter::new(Vec::new(), CsvDialect { excel: true }).unwrap();
        table.row(&columns, &row).unwrap();
        let text = String::from_utf8(table.finish().unwrap()).unwrap();
        assert!(
            text.starts_with("\u{feff}id;name;note;score\r\n"),
            "{text:?}"
        );
        assert!(text.contains("-3;\"Mäkelä; Aino\";"), "{text:?}");
        assert!(text.ends_with(";4,5\r\n"), "a decimal comma: {text:?}");
    }

    #[test]
    fn json_rows_keep_numbers_as_numbers() {
        let (columns, row) = cells();
        let value = json_row(&columns, &row);
        assert_eq!(value["id"], -3);
        assert_eq!(value["score"], 4.5);
        assert_eq!(value["note"], "=HYPERLINK(\"x\")");
    }
}
