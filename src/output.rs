//! The one writer of results to stdout, in the chosen format. Records are any `Serialize`
//! value: their keys are the columns, so a table, a CSV file and JSON always agree.

use std::io::{BufWriter, Stdout, Write};

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::table_writers::{CsvDialect, csv_writer};

/// The form results are written in (chosen with `--format`; the comments are its `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// A table that fits the terminal
    Table,
    /// Standard CSV with a header row, for spreadsheets and scripts
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

/// How tables are laid out: the width they must fit, and which columns lists show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The width tables fit (the terminal's, else `COLUMNS`); `None`: as wide as they are.
    pub width: Option<usize>,
    /// `--columns`: exactly these columns of a list, in this order.
    pub columns: Option<Vec<String>>,
    /// `--wide`: every column, nothing cut.
    pub wide: bool,
}

/// The narrowest a table column is squeezed to before columns are left out.
const NARROWEST: usize = 10;

/// Writes results to stdout through one buffer.
pub struct Output {
    format: OutputFormat,
    color: bool,
    out: BufWriter<Stdout>,
    /// The heading of an HTML page.
    title: String,
    layout: Layout,
    /// The columns a list shows by default in a table (`None`: all that fit).
    short: Option<&'static [&'static str]>,
    /// Where results go instead of stdout: a file written whole (mode 0600).
    file: Option<std::path::PathBuf>,
    /// How CSV is written (`--excel`: Excel's Finnish dialect).
    dialect: CsvDialect,
}

impl Output {
    /// A writer of results in `format`, coloured if `color`.
    pub fn new(format: OutputFormat, color: bool) -> Output {
        Output {
            format,
            color,
            out: BufWriter::new(std::io::stdout()),
            title: "amb".to_string(),
            layout: Layout::default(),
            short: None,
            file: None,
            dialect: CsvDialect::default(),
        }
    }

    /// Writes CSV in `dialect`.
    pub fn in_dialect(mut self, dialect: CsvDialect) -> Output {
        self.dialect = dialect;
        self
    }

    /// Lays tables out to fit `layout`.
    pub fn laid_out(mut self, layout: Layout) -> Output {
        self.layout = layout;
        self
    }

    /// The columns a list shows in a table unless `--columns` or `--wide` say otherwise.
    pub fn short(mut self, columns: &'static [&'static str]) -> Output {
        self.short = Some(columns);
        self
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
        let chosen = self.chosen_columns(&columns)?;
        let bytes = match self.format {
            OutputFormat::Json => json(&rows)?,
            OutputFormat::Csv => csv_rows(&columns, &rows, self.dialect)?,
            OutputFormat::Table => {
                let shown = match &chosen {
                    Some(chosen) => chosen.clone(),
                    None => non_empty_columns(&columns, &rows),
                };
                let fit = Fit {
                    width: self.layout.width.filter(|_| !self.layout.wide),
                    drop_columns: chosen.is_none() || self.short.is_some(),
                };
                table(&shown, &rows, self.color, fit).into_bytes()
            }
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
            OutputFormat::Csv => csv_long(&object, self.dialect)?,
            OutputFormat::Table => {
                let width = self.layout.width.filter(|_| !self.layout.wide);
                record_table(&object, self.color, width).into_bytes()
            }
            OutputFormat::Md => markdown_record(&object).into_bytes(),
            OutputFormat::Html => crate::html::document(&self.title, &object).into_bytes(),
            OutputFormat::Xlsx => return Err(xlsx_refused()),
        };
        self.write(&bytes)
    }

    /// Text meant to be read or pasted as it is (a Markdown digest); at a terminal its long
    /// lines wrap within the width (Markdown reads a wrapped list item as one).
    pub fn text(&mut self, text: &str) -> anyhow::Result<()> {
        let width = self
            .layout
            .width
            .filter(|_| self.format == OutputFormat::Table && !self.layout.wide);
        match width {
            Some(width) => {
                let wrapped: Vec<String> = text.split('\n').map(|l| wrap_line(l, width)).collect();
                self.write(wrapped.join("\n").as_bytes())
            }
            None => self.write(text.as_bytes()),
        }
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

    /// The columns a list table shows when `--columns`, `--wide` or the list's short set
    /// choose them (`None`: every non-empty column, fitted to the width). Refuses a column
    /// the list does not have, naming those it has.
    fn chosen_columns(&self, columns: &[String]) -> anyhow::Result<Option<Vec<String>>> {
        if let Some(asked) = &self.layout.columns {
            let mut chosen = Vec::new();
            for name in asked {
                let key = name.trim().to_lowercase().replace([' ', '-'], "_");
                if !columns.contains(&key) {
                    return Err(crate::error::refuse(format!(
                        "this list has no column \"{name}\""
                    ))
                    .at(crate::error::Place::Setting("--columns".into()))
                    .hint(format!("its columns are {}", columns.join(",")))
                    .into());
                }
                if !chosen.contains(&key) {
                    chosen.push(key);
                }
            }
            return Ok(Some(chosen));
        }
        if self.layout.wide {
            return Ok(Some(columns.to_vec()));
        }
        Ok(self.short.map(|short| {
            short
                .iter()
                .map(|c| c.to_string())
                .filter(|c| columns.contains(c))
                .collect()
        }))
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

/// A line of text broken at spaces into lines of at most `width`; the continuation lines
/// are indented like the text after a list marker (`- `), so Markdown keeps them together.
fn wrap_line(line: &str, width: usize) -> String {
    if display_width(line) <= width {
        return line.to_string();
    }
    let indent = if line.starts_with("- ") { "  " } else { "" };
    let mut lines: Vec<String> = vec![String::new()];
    for word in line.split(' ') {
        let current = lines.last_mut().expect("one line at least");
        if !current.trim().is_empty() && display_width(current) + 1 + display_width(word) > width {
            lines.push(format!("{indent}{word}"));
        } else {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    lines.join("\n")
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

fn csv_rows(
    columns: &[String],
    rows: &[Map<String, Value>],
    dialect: CsvDialect,
) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv_writer(Vec::new(), dialect)?;
    writer.write_record(columns)?;
    for row in rows {
        writer.write_record(
            columns
                .iter()
                .map(|c| row.get(c).map(|v| csv_cell(v, dialect)).unwrap_or_default()),
        )?;
    }
    Ok(writer.into_inner()?)
}

/// A CSV cell: text that a spreadsheet would run as a formula (starting with `= + - @`,
/// tab, CR or LF) gets a leading `'`; numbers stay numbers.
/// A fraction is written as the dialect writes decimals (`2,5` for Excel).
pub(crate) fn csv_cell(value: &Value, dialect: CsvDialect) -> String {
    let text = cell_text(value);
    match value {
        Value::String(_) | Value::Array(_) => {
            crate::table_writers::spreadsheet_safe(&text).into_owned()
        }
        Value::Number(_) => dialect.decimal(text),
        _ => text,
    }
}

fn csv_long(object: &Map<String, Value>, dialect: CsvDialect) -> anyhow::Result<Vec<u8>> {
    let mut writer = csv_writer(Vec::new(), dialect)?;
    writer.write_record(["section", "key", "value"])?;
    write_long(&mut writer, "", object, dialect)?;
    Ok(writer.into_inner()?)
}

/// A record's scalars as `section,key,value` rows, then each nested record or list item
/// under a dotted section name (`posts_by_channel.1`, `report.trainings.2`), at any depth.
fn write_long(
    writer: &mut csv::Writer<Vec<u8>>,
    section: &str,
    object: &Map<String, Value>,
    dialect: CsvDialect,
) -> anyhow::Result<()> {
    for (key, value) in object.iter().filter(|(_, v)| !is_nested(v)) {
        writer.write_record([section, key.as_str(), &csv_cell(value, dialect)])?;
    }
    for (key, value) in object.iter().filter(|(_, v)| is_nested(v)) {
        let name = if section.is_empty() {
            key.clone()
        } else {
            format!("{section}.{key}")
        };
        match value {
            Value::Object(inner) => write_long(writer, &name, inner, dialect)?,
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    if let Value::Object(inner) = item {
                        write_long(writer, &format!("{name}.{}", index + 1), inner, dialect)?;
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

/// Columns that hold something in some row (every column of an empty list): the others
/// are left out of a table to save width (CSV and JSON keep them).
fn non_empty_columns(columns: &[String], rows: &[Map<String, Value>]) -> Vec<String> {
    columns
        .iter()
        .filter(|c| {
            rows.is_empty()
                || rows
                    .iter()
                    .any(|r| r.get(*c).is_some_and(|v| !cell_text(v).is_empty()))
        })
        .cloned()
        .collect()
}

/// How a list table fits its width.
#[derive(Debug, Clone, Copy)]
struct Fit {
    /// The width to fit; `None`: as wide as the cells are.
    width: Option<usize>,
    /// Whether columns may be left out (from the right) when even narrow ones do not fit.
    drop_columns: bool,
}

/// The display width of a text (a wide character counts two).
fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

/// `text` cut to `width` display columns, ending in "…" when cut.
fn cut(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        kept.push(c);
        used += w;
    }
    kept.push('…');
    kept
}

/// A header broken into lines of at most `width` at its spaces (a longer word is cut).
fn header_lines(header: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for word in header.split(' ') {
        match lines.last_mut() {
            Some(line) if display_width(line) + 1 + display_width(word) <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(cut(word, width)),
        }
    }
    lines.join("\n")
}

/// The width of each column so that the table fits `total` (borders and padding take 3
/// per column and 1): narrow columns keep their width, the widest share what is left.
fn share_width(natural: &[usize], total: usize) -> Vec<usize> {
    let mut left = total.saturating_sub(1 + 3 * natural.len());
    let mut widths = vec![0; natural.len()];
    let mut order: Vec<usize> = (0..natural.len()).collect();
    order.sort_by_key(|&i| natural[i]);
    let mut remaining = natural.len();
    for i in order {
        let share = (left / remaining.max(1)).max(1);
        widths[i] = natural[i].min(share).max(1);
        left = left.saturating_sub(widths[i]);
        remaining -= 1;
    }
    widths
}

/// A table of records in `columns`, fitted to the width: columns left out from the right
/// while even narrow ones would not fit, long cells cut with "…", headers wrapped.
fn table(columns: &[String], rows: &[Map<String, Value>], color: bool, fit: Fit) -> String {
    let one_line = |v: &Value| cell_text(v).replace(['\r', '\n'], " ");
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            columns
                .iter()
                .map(|c| row.get(c).map(one_line).unwrap_or_default())
                .collect()
        })
        .collect();
    let headers: Vec<String> = columns.iter().map(|h| h.replace('_', " ")).collect();
    let natural: Vec<usize> = (0..columns.len())
        .map(|i| {
            let longest_word = headers[i].split(' ').map(display_width).max().unwrap_or(0);
            cells
                .iter()
                .map(|row| display_width(&row[i]))
                .max()
                .unwrap_or(0)
                .max(longest_word)
        })
        .collect();
    let mut shown = columns.len();
    let mut widths: Option<Vec<usize>> = None;
    if let Some(total) = fit.width {
        let needed = |n: usize| 1 + (0..n).map(|i| natural[i].min(NARROWEST) + 3).sum::<usize>();
        while fit.drop_columns && shown > 1 && needed(shown) > total {
            shown -= 1;
        }
        widths = Some(share_width(&natural[..shown], total));
    }
    let header: Vec<String> = (0..shown)
        .map(|i| match &widths {
            Some(w) => header_lines(&headers[i], w[i]),
            None => headers[i].clone(),
        })
        .collect();
    let mut table = new_table(color, &header);
    table.set_content_arrangement(ContentArrangement::Disabled);
    for row in &cells {
        table.add_row((0..shown).map(|i| match &widths {
            Some(w) => cut(&row[i], w[i]),
            None => row[i].clone(),
        }));
    }
    format!("{table}\n")
}

/// A record: its fields as a two-column table (long values wrap within `width`), then
/// each nested record or list under its name.
fn record_table(object: &Map<String, Value>, color: bool, width: Option<usize>) -> String {
    let mut text = String::new();
    // Empty fields are left out of the table (JSON and CSV keep them).
    let scalars: Vec<(&String, &Value)> = object
        .iter()
        .filter(|(_, v)| !is_nested(v) && !cell_text(v).is_empty())
        .collect();
    if !scalars.is_empty() {
        let mut table = new_table(color, &[]);
        if let Some(width) = width {
            table.set_width(u16::try_from(width).unwrap_or(u16::MAX));
            table.set_content_arrangement(ContentArrangement::Dynamic);
        }
        for (key, value) in scalars {
            table.add_row([key.replace('_', " "), cell_text(value)]);
        }
        text.push_str(&format!("{table}\n"));
    }
    for (key, value) in object.iter().filter(|(_, v)| is_nested(v)) {
        text.push_str(&format!("\n{}\n", key.replace('_', " ")));
        match value {
            Value::Object(inner) => text.push_str(&record_table(inner, color, width)),
            Value::Array(items) => {
                let (columns, rows) = nested_rows(items);
                let fit = Fit {
                    width,
                    drop_columns: true,
                };
                text.push_str(&table(
                    &non_empty_columns(&columns, &rows),
                    &rows,
                    color,
                    fit,
                ));
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

    const RFC: CsvDialect = CsvDialect { excel: false };

    fn object(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn csv_rows_quote_commas_and_newlines_and_keep_column_order() {
        let rows = vec![object(
            json!({"id": 1, "name": "Mäkelä, Aino", "tags": ["#a", "#b"], "unit": null}),
        )];
        let columns: Vec<String> = ["id", "name", "tags", "unit"].map(String::from).to_vec();
        let text =
            String::from_utf8(csv_rows(&columns, &rows, CsvDialect::default()).unwrap()).unwrap();
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
            assert_eq!(csv_cell(&json!(text), RFC), format!("'{text}"), "{text:?}");
        }
        assert_eq!(csv_cell(&json!(-2), RFC), "-2");
        assert_eq!(csv_cell(&json!(-2.5), RFC), "-2.5");
        assert_eq!(csv_cell(&json!("Aino"), RFC), "Aino");
        let excel = CsvDialect { excel: true };
        assert_eq!(csv_cell(&json!(-2.5), excel), "-2,5", "Finnish decimals");
        assert_eq!(csv_cell(&json!("2.5"), excel), "2.5", "text stays as it is");
        let rows = vec![object(json!({"name": "=1+1", "n": -3}))];
        let columns: Vec<String> = ["name", "n"].map(String::from).to_vec();
        let text =
            String::from_utf8(csv_rows(&columns, &rows, CsvDialect::default()).unwrap()).unwrap();
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
    fn long_cells_are_cut_with_an_ellipsis_to_their_display_width() {
        assert_eq!(cut("Aino Mäkelä", 20), "Aino Mäkelä");
        assert_eq!(cut("Aino Mäkelä", 6), "Aino …");
        assert_eq!(display_width(&cut("日本語のテキスト", 7)), 7);
        assert_eq!(
            header_lines("days without activity", 8),
            "days\nwithout\nactivity"
        );
        assert_eq!(share_width(&[3, 10, 60], 40), vec![3, 10, 17]);
        assert_eq!(wrap_line("- one two three", 9), "- one two\n  three");
    }

    #[test]
    fn a_list_table_fits_its_width_by_leaving_out_columns_from_the_right() {
        let rows = vec![object(
            json!({"id": 1, "name": "Aino Mäkelä", "email": "aino.makela@vaasa.example", "unit": "Kulttuuri- ja liikuntapalvelut"}),
        )];
        let columns: Vec<String> = ["id", "name", "email", "unit"].map(String::from).to_vec();
        let fit = |width, drop_columns| Fit {
            width: Some(width),
            drop_columns,
        };
        let text = table(&columns, &rows, false, fit(40, true));
        assert!(text.lines().all(|l| display_width(l) <= 40), "{text}");
        assert!(text.contains("email") && !text.contains("unit"), "{text}");
        let text = table(&columns, &rows, false, fit(40, false));
        assert!(text.contains("unit"), "chosen columns stay: {text}");
        let whole = table(
            &columns,
            &rows,
            false,
            Fit {
                width: None,
                drop_columns: true,
            },
        );
        assert!(whole.contains("Kulttuuri- ja liikuntapalvelut") && !whole.contains('…'));
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
        let text = String::from_utf8(csv_long(&record, CsvDialect::default()).unwrap()).unwrap();
        assert_eq!(
            text,
            "section,key,value\n,id,3\n,name,Aino\nenrolments.1,program,Vaasa 2022\nenrolments.1,status,active\n"
        );
        let deeper = object(json!({"report": {"posts": 2, "by_channel": [{"key": "x"}]}}));
        let text = String::from_utf8(csv_long(&deeper, CsvDialect::default()).unwrap()).unwrap();
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
        let text = record_table(&record, false, None);
        let name = text.find("Aino").unwrap();
        let nested = text.find("enrolments").unwrap();
        assert!(name < nested, "{text}");
        assert!(
            text.contains("Vaasa 2022") && text.contains("program"),
            "{text}"
        );
    }
}
