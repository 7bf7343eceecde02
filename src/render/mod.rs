//! Reports in the reader's language: each report's struct (computed in `report/`, free of
//! language) becomes a [`doc::Doc`] of headings, figures, tables and charts, which
//! `text.rs` (terminal and Markdown), `page.rs` (HTML) and `csv.rs` (labelled long CSV)
//! write out. JSON is never rendered here: it is the same in every language.

pub mod csv;
pub mod digest;
pub mod doc;
pub mod generic;
pub mod kpi;
pub mod page;
pub mod program;
pub mod text;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::i18n::Locale;
use crate::output::OutputFormat;

/// How a terminal shows text: in colour or not, and the width tables fit (`None`: as wide
/// as they are).
#[derive(Debug, Clone, Copy, Default)]
pub struct Look {
    pub color: bool,
    pub width: Option<usize>,
    /// How CSV is written (`--excel`).
    pub csv: crate::table_writers::CsvDialect,
}

/// A document in a text format: `Table`, `Md` or `Html` (the others are not documents).
pub fn document(doc: &doc::Doc, format: OutputFormat, look: Look) -> String {
    match format {
        OutputFormat::Md => text::markdown(doc),
        OutputFormat::Html => page::html(doc),
        _ => text::terminal(doc, look),
    }
}

/// A record as the reader's document, or labelled CSV; `None` for JSON and XLSX, which
/// `output` writes the same in every language.
pub fn record<T: Serialize>(
    locale: &Locale,
    format: OutputFormat,
    look: Look,
    title: String,
    record: &T,
) -> anyhow::Result<Option<String>> {
    let object = object(record)?;
    Ok(match format {
        OutputFormat::Json | OutputFormat::Xlsx => None,
        OutputFormat::Csv => Some(csv::labelled(locale, &object, look.csv)?),
        _ => Some(document(
            &generic::record(locale, title, &object),
            format,
            look,
        )),
    })
}

/// A list as the reader's document (`Table`, `Md`, `Html`); `None` for the formats whose
/// columns are identifiers (CSV, JSON).
pub fn list<T: Serialize>(
    locale: &Locale,
    format: OutputFormat,
    look: Look,
    title: String,
    section: &str,
    rows: &[T],
) -> anyhow::Result<Option<String>> {
    if !matches!(
        format,
        OutputFormat::Table | OutputFormat::Md | OutputFormat::Html
    ) {
        return Ok(None);
    }
    let rows: Vec<Map<String, Value>> = rows.iter().map(object).collect::<anyhow::Result<_>>()?;
    let doc = generic::list(locale, title, section, &rows);
    Ok(Some(document(&doc, format, look)))
}

fn object<T: Serialize>(value: &T) -> anyhow::Result<Map<String, Value>> {
    match serde_json::to_value(value)? {
        Value::Object(map) => Ok(map),
        other => anyhow::bail!("internal error: a report serialised as {other}"),
    }
}
