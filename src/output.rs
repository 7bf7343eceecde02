//! The one writer of results to stdout, in the chosen format. Records are any `Serialize`
//! value: their keys are the columns, so a table, a CSV file and JSON always agree.

use std::io::{BufWriter, Stdout, Write};

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::{Map, Value};

/// The form results are written in (chosen with `--format`; the comments are its `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A table that fits the terminal
    Table,
    /// RFC 4180 CSV with a header row
    Csv,
    /// One JSON document
    Json,
    /// Markdown tables, to paste into Teams, a wiki or a document
    Md,
    /// One self-contained HTML page with SVG charts, for reading or printing to PDF
    Html,
    /// An Excel workbook (`amb export` only, with -o FILE)
    Xlsx,
}

/// Writes results to stdout through one buffer.
pub struct Output {
    format: OutputFormat,
    color: bool,
    out: BufWriter<Stdout>,
    /// The heading of an HTML page.
    title: String,
    /// Where results go instead of stdout: a file written whole (mode 0600).
    file: Option<std::path::PathBuf>,
}

impl Output {
    /// A writer of results in `format`, coloured if `color`.
    pub fn new(format: OutputFormat, color: bool) -> Output {
        Output {
            format,
            color,
            out: BufWriter::new(std::io::stdout()),
            title: "amb".to_string(),
            file: None,
        }
    }

    /// Writes results to `file` instead of stdout, whole or not at all (mode 0600).
    pub fn to_file(mut self, file: std::path::PathBuf) -> Output {
        self.file = Some(file);
        self
    }

    /// Names what is shown (the heading of an HTML page).
    pub fn titled(mut self, title: impl Into<String>) -> Output {
        self.title = title.into();
        self
    }

    /// A list of records: a table, CSV with a header row, or a JSON array.
    /// An empty list still has its columns (taken from `T::default()`).
    pub fn list<T: Serialize + Default>(&mut self, records: &[T]) -> anyhow::Result<()> {
        let rows: Vec<Map<String, Value>> = records
            .iter()
            .map(to_object)
            .collect::<anyhow::Result<_>>()?;
        let columns: Vec<String> = to_object(&T::default())?.keys().cloned().collect();
        let bytes = match self.format {
            OutputFormat::Json => json(&rows)?,
            OutputFormat::Csv => csv_rows(&columns, &rows)?,
            OutputFormat::Table => table(&columns, &rows, self.color).into_bytes(),
            OutputFormat::Md => markdown_table(&columns, &rows).into_bytes(),
            OutputFormat::Html => crate::html::list_document("amb", &rows).into_bytes(),
            OutputFormat::Xlsx => return Err(xlsx_refused()),
        };
        self.write(&bytes)
    }

    /// One record (a show or a summary): a key/value table with sub-tables for nested lists,
    /// long-format `section,key,value` CSV, or one JSON object.
    pub fn record<T: Serialize>(&mut self, record: &T) -> anyhow::Result<()> {
        let object = to_object(record)?;
        let bytes = match self.format {
            OutputFormat::Json => json(&object)?,
            OutputFormat::Csv => csv_long(&object)?,
            OutputFormat::Table => record_table(&object, self.color).into_bytes(),
            OutputFormat::Md => markdown_record(&object).into_bytes(),
            OutputFormat::Html => crate::html::document(&self.title, &object).into_bytes(),
            OutputFormat::Xlsx => return Err(xlsx_refused()),
        };
        self.write(&bytes)
    }

    /// Text meant to be read or pasted as it is (a Markdown digest).
    pub fn text(&mut self, text: &str) -> anyhow::Result<()> {
        self.write(text.as_bytes())
    }

    /// The stream itself, for results written piece by piece (exports); call [`Output::flush`]
    /// at the end.
    pub fn stream(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    pub fn flush(&mut self) -> anyhow::Result<()> {
        self.out.flush()?;
        Ok(())
    }

    /// The format results are written in.
    pub fn format(&self) -> OutputFormat {
        self.format
    }

    fn write(&mut self, bytes: &[u8]) -> anyhow::Result<()> {
        if let Some(file) = &self.file {
            return crate::fs::write_atomically(file, |out| Ok(out.write_all(bytes)?));
        }
        self.out.write_all(bytes)?;
        self.out.flush()?;
        Ok(())
    }
}

/// A Markdown table; `|` and line ends in cells are escaped so the table holds.
fn markdown_table(columns: &[String], rows: &[Map<String, Value>]) -> String {
    let cell = |value: Option<&Value>| {
        value
            .map(cell_text)
            .unwrap_or_default()
            .replace('|', "\\|")
            .replace(['\r', '\n'], " ")
    };
    let mut text = format!(
        "| {} |\n",
        columns
            .iter()
            .map(|c| c.replace('_', " "))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    text.push_str(&format!("|{}\n", " --- |".repeat(columns.len())));
    for row in rows {
        let cells: Vec<String> = columns.iter().map(|c| cell(row.get(c))).collect();
        text.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    text
}

/// A record in Markdown: its fields as a two-column table, each nested list as a section.
fn markdown_record(object: &Map<String, Value>) -> String {
    let scalars: Vec<Map<String, Value>> = object
        .iter()
        .filter(|(_, v)| !is_nested(v))
        .map(|(key, value)| {
            let mut row = Map::new();
            row.insert("field".into(), Value::from(key.replace('_', " ")));
            row.insert("value".into(), Value::from(cell_text(value)));
            row
        })
        .collect();
    let mut text = String::new();
    if !scalars.is_empty() {
        text.push_str(&markdown_table(&["field".into(), "value".into()], &scalars));
    }
    for (key, value) in object.iter().filter(|(_, v)| is_nested(v)) {
        text.push_str(&format!("\n### {}\n\n", key.replace('_', " ")));
        match value {
            Value::Object(inner) => text.push_str(&markdown_record(inner)),
            Value::Array(items) => {
                let (columns, rows) = nested_rows(items);
                text.push_str(&markdown_table(&columns, &rows));
            }
            _ => {}
        }
    }
    text
}

fn xlsx_refused() -> anyhow::Error {
    crate::error::invalid(
        "--format xlsx is for `amb export ... -o FILE.xlsx`; use table, csv or json here",
    )
}

fn to_object<T: Serialize>(value: &T) -> anyhow::Result<Map<String, Value>> {
    match serde_json::to_value(value)? {
        Value::Object(map) => Ok(map),
        other => anyhow::bail!("internal error: a record serialised as {other}"),
    }
}

fn json<T: Serialize>(value: &T) -> anyhow::Result<Vec<u8>> {
    let mut bytes = serde_json::to_vec_pretty(value)?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// The text of one cell: nothing for null, whole numbers without ".0", lists
/// comma-separated, nested records as JSON.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.clone(),
        Value::Number(number) => match number.as_f64() {
            Some(f) if number.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
            _ => number.to_string(),
        },
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            items.iter().map(cell_text).collect::<Vec<_>>().join(", ")
        }
        other => other.to_string(),
    }
}

fn csv_rows(columns: &[String], rows: &[Map<String, Value>]) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(
            columns
                .iter()
                .map(|c| row.get(c).map(csv_cell).unwrap_or_default()),
        )?;
    }
    Ok(writer.into_inner()?)
}

/// A CSV cell: text that a spreadsheet would run as a formula (starting with `= + - @`,
/// tab, CR or LF) gets a leading `'`; numbers stay numbers.
fn csv_cell(value: &Value) -> String {
    let text = cell_text(value);
    if matches!(value, Value::String(_) | Value::Array(_)) {
        crate::table_writers::spreadsheet_safe(&text).into_owned()
    } else {
        text
    }
}

fn csv_long(object: &Map<String, Value>) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(["section", "key", "value"])?;
    write_long(&mut writer, "", object)?;
    Ok(writer.into_inner()?)
}

/// A record's scalars as `section,key,value` rows, then each nested record or list item
/// under a dotted section name (`posts_by_channel.1`, `report.trainings.2`), at any depth.
fn write_long(
    writer: &mut csv::Writer<Vec<u8>>,
    section: &str,
    object: &Map<String, Value>,
) -> anyhow::Result<()> {
    for (key, value) in object.iter().filter(|(_, v)| !is_nested(v)) {
        writer.write_record([section, key.as_str(), &csv_cell(value)])?;
    }
    for (key, value) in object.iter().filter(|(_, v)| is_nested(v)) {
        let name = if section.is_empty() {
            key.clone()
        } else {
            format!("{section}.{key}")
        };
        match value {
            Value::Object(inner) => write_long(writer, &name, inner)?,
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    if let Value::Object(inner) = item {
                        write_long(writer, &format!("{name}.{}", index + 1), inner)?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// A nested list of records as rows, with the first record's fields as the columns.
fn nested_rows(items: &[Value]) -> (Vec<String>, Vec<Map<String, Value>>) {
    let rows: Vec<Map<String, Value>> = items
        .iter()
        .filter_map(|i| i.as_object().cloned())
        .collect();
    let columns = rows
        .first()
        .map(|r| r.keys().cloned().collect())
        .unwrap_or_default();
    (columns, rows)
}

/// A nested record or list of records, shown as its own sub-table.
fn is_nested(value: &Value) -> bool {
    match value {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().any(Value::is_object),
        _ => false,
    }
}

fn new_table(color: bool, header: &[String]) -> Table {
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
    // Fit the terminal; a terminal that reports no usable width (a bare pty) gets the
    // table unconstrained rather than squeezed into single letters.
    let arrangement = if table.width().is_some_and(|width| width >= 40) {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    };
    table.set_content_arrangement(arrangement);
    if !header.is_empty() {
        table.set_header(header.iter().map(|h| {
            let cell = Cell::new(h.replace('_', " "));
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
    }
    table
}

/// A table of records. Columns that are empty in every row are left out to save width
/// (CSV and JSON keep them all).
fn table(columns: &[String], rows: &[Map<String, Value>], color: bool) -> String {
    let columns: Vec<String> = columns
        .iter()
        .filter(|c| {
            rows.is_empty()
                || rows
                    .iter()
                    .any(|r| r.get(*c).is_some_and(|v| !cell_text(v).is_empty()))
        })
        .cloned()
        .collect();
    let columns = &columns;
    let mut table = new_table(color, columns);
    for row in rows {
        table.add_row(
            columns
                .iter()
                .map(|c| row.get(c).map(cell_text).unwrap_or_default()),
        );
    }
    format!("{table}\n")
}

fn record_table(object: &Map<String, Value>, color: bool) -> String {
    let mut text = String::new();
    // Empty fields are left out of the table (JSON and CSV keep them).
    let scalars: Vec<(&String, &Value)> = object
        .iter()
        .filter(|(_, v)| !is_nested(v) && !cell_text(v).is_empty())
        .collect();
    if !scalars.is_empty() {
        let mut table = new_table(color, &[]);
        for (key, value) in scalars {
            table.add_row([key.replace('_', " "), cell_text(value)]);
        }
        text.push_str(&format!("{table}\n"));
    }
    for (key, value) in object.iter().filter(|(_, v)| is_nested(v)) {
        text.push_str(&format!("\n{}\n", key.replace('_', " ")));
        match value {
            Value::Object(inner) => text.push_str(&record_table(inner, color)),
            Value::Array(items) => {
                let (columns, rows) = nested_rows(items);
                text.push_str(&table(&columns, &rows, color));
            }
            _ => {}
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn csv_rows_quote_commas_and_newlines_and_keep_column_order() {
        let rows = vec![object(
            json!({"id": 1, "name": "Mäkelä, Aino", "tags": ["#a", "#b"], "unit": null}),
        )];
        let columns: Vec<String> = ["id", "name", "tags", "unit"].map(String::from).to_vec();
        let text = String::from_utf8(csv_rows(&columns, &rows).unwrap()).unwrap();
        assert_eq!(text, "id,name,tags,unit\n1,\"Mäkelä, Aino\",\"#a, #b\",\n");
    }

    #[test]
    fn csv_never_hands_a_spreadsheet_a_formula() {
        for text in [
            "=HYPERLINK(\"http://x\")",
            "+1",
            "-1",
            "@SUM(A1)",
            "\tx",
            "\rx",
            "\nx",
        ] {
            assert_eq!(csv_cell(&json!(text)), format!("'{text}"), "{text:?}");
        }
        assert_eq!(csv_cell(&json!(-2)), "-2");
        assert_eq!(csv_cell(&json!(-2.5)), "-2.5");
        assert_eq!(csv_cell(&json!("Aino")), "Aino");
        let rows = vec![object(json!({"name": "=1+1", "n": -3}))];
        let columns: Vec<String> = ["name", "n"].map(String::from).to_vec();
        let text = String::from_utf8(csv_rows(&columns, &rows).unwrap()).unwrap();
        assert_eq!(text, "name,n\n'=1+1,-3\n");
    }

    #[test]
    fn markdown_tables_escape_pipes_and_line_ends() {
        let rows = vec![object(json!({"name": "A | B", "note": "one\ntwo", "n": 3}))];
        let columns: Vec<String> = ["name", "note", "n"].map(String::from).to_vec();
        assert_eq!(
            markdown_table(&columns, &rows),
            "| name | note | n |\n| --- | --- | --- |\n| A \\| B | one two | 3 |\n"
        );
        let record = object(
            json!({"program": "Vaasa 2022", "posts_by_channel": [{"key": "x", "count": 2}]}),
        );
        let text = markdown_record(&record);
        assert!(text.contains("| program | Vaasa 2022 |"), "{text}");
        assert!(
            text.contains("### posts by channel\n\n| key | count |"),
            "{text}"
        );
    }

    #[test]
    fn whole_floats_lose_their_fraction_in_cells() {
        assert_eq!(cell_text(&json!(10400.0)), "10400");
        assert_eq!(cell_text(&json!(3.4)), "3.4");
        assert_eq!(cell_text(&json!(-2)), "-2");
        assert_eq!(cell_text(&json!(["a b", "c"])), "a b, c");
    }

    #[test]
    fn a_record_in_csv_is_long_format_with_nested_sections() {
        let record = object(json!({
            "id": 3,
            "name": "Aino",
            "enrolments": [{"program": "Vaasa 2022", "status": "active"}]
        }));
        let text = String::from_utf8(csv_long(&record).unwrap()).unwrap();
        assert_eq!(
            text,
            "section,key,value\n,id,3\n,name,Aino\nenrolments.1,program,Vaasa 2022\nenrolments.1,status,active\n"
        );
        let deeper = object(json!({"report": {"posts": 2, "by_channel": [{"key": "x"}]}}));
        let text = String::from_utf8(csv_long(&deeper).unwrap()).unwrap();
        assert_eq!(
            text, "section,key,value\nreport,posts,2\nreport.by_channel.1,key,x\n",
            "nothing is lost however deep it is nested"
        );
    }

    #[test]
    fn a_record_table_shows_scalars_then_nested_lists() {
        let record = object(json!({
            "name": "Aino",
            "enrolments": [{"program": "Vaasa 2022", "status": "active"}]
        }));
        let text = record_table(&record, false);
        let name = text.find("Aino").unwrap();
        let nested = text.find("enrolments").unwrap();
        assert!(name < nested, "{text}");
        assert!(
            text.contains("Vaasa 2022") && text.contains("program"),
            "{text}"
        );
    }
}
