//! Any report record or list in the reader's language: field names become headings from
//! the messages (`field-…`), identifiers become words (`value-…`), numbers and dates take the
//! reader's form, and a list of counts becomes a chart (its figures on the bars) instead of a
//! table. The programme report has its own layout (`program.rs`); the rest use this.

use chrono::NaiveDate;
use serde_json::{Map, Value};

use super::doc::{Bar, Block, Chart, Doc, Table};
use crate::i18n::Locale;

/// Fields whose text values are identifiers to translate (`linkedin`, `employee`, …).
const IDENTIFIER_FIELDS: &[&str] = &[
    "role", "kind", "channel", "status", "key", "tier", "measure", "package",
];

/// A record (a show or a report) as a document titled `title`.
pub fn record(locale: &Locale, title: String, object: &Map<String, Value>) -> Doc {
    let mut doc = Doc {
        title,
        lang: locale.lang.as_str().to_string(),
        ..Doc::default()
    };
    add_record(locale, &mut doc.blocks, "", object);
    doc
}

/// A list of records as a document with one table.
pub fn list(locale: &Locale, title: String, section: &str, rows: &[Map<String, Value>]) -> Doc {
    let mut doc = Doc {
        title,
        lang: locale.lang.as_str().to_string(),
        ..Doc::default()
    };
    if rows.is_empty() {
        doc.blocks.push(Block::Note(locale.t("note-nothing")));
    } else {
        doc.blocks
            .push(Block::Table(rows_table(locale, section, rows)));
    }
    doc
}

fn add_record(
    locale: &Locale,
    blocks: &mut Vec<Block>,
    section: &str,
    object: &Map<String, Value>,
) {
    // Values of every kind share the column: all aligned left.
    let mut facts = Table::headless(2, 2);
    for (key, value) in object.iter().filter(|(_, v)| !is_nested(v)) {
        let text = cell(locale, key, value);
        if !text.is_empty() {
            facts.rows.push(vec![locale.field(section, key), text]);
        }
    }
    if !facts.rows.is_empty() {
        blocks.push(Block::Table(facts));
    }
    for (key, value) in object.iter().filter(|(_, v)| is_nested(v)) {
        match value {
            Value::Object(inner) => {
                blocks.push(Block::Heading(locale.field(section, key)));
                add_record(locale, blocks, key, inner);
            }
            Value::Array(items) => {
                let rows: Vec<Map<String, Value>> = items
                    .iter()
                    .filter_map(|i| i.as_object().cloned())
                    .collect();
                blocks.push(Block::Heading(locale.field(section, key)));
                match counts_chart(locale, &rows) {
                    Some(chart) => blocks.push(Block::Chart(chart)),
                    None => blocks.push(Block::Table(rows_table(locale, key, &rows))),
                }
            }
            _ => {}
        }
    }
}

/// A list of `key`/`count` rows as bars, the count written on each.
fn counts_chart(locale: &Locale, rows: &[Map<String, Value>]) -> Option<Chart> {
    let is_count = |r: &Map<String, Value>| {
        r.len() == 2 && r.get("key").is_some() && r.get("count").is_some_and(Value::is_number)
    };
    if rows.is_empty() || !rows.iter().all(is_count) {
        return None;
    }
    let bars = rows
        .iter()
        .map(|r| {
            let count = r.get("count").and_then(Value::as_f64).unwrap_or(0.0);
            Bar {
                label: cell(locale, "key", &r["key"]),
                value: count,
                shown: locale.numbers.plain(count),
                beside: None,
            }
        })
        .collect();
    Some(Chart {
        bars,
        ..Chart::default()
    })
}

/// Rows as a table with the reader's headings; columns empty in every row are left out.
fn rows_table(locale: &Locale, section: &str, rows: &[Map<String, Value>]) -> Table {
    let columns: Vec<&String> = rows.first().map(|r| r.keys().collect()).unwrap_or_default();
    let columns: Vec<&String> = columns
        .into_iter()
        .filter(|c| {
            rows.iter()
                .any(|r| r.get(*c).is_some_and(|v| !cell(locale, c, v).is_empty()))
        })
        .collect();
    let numeric: Vec<bool> = columns
        .iter()
        .map(|c| {
            rows.iter()
                .all(|r| r.get(*c).is_none_or(|v| v.is_number() || v.is_null()))
        })
        .collect();
    Table {
        columns: columns.iter().map(|c| locale.field(section, c)).collect(),
        numeric,
        rows: rows
            .iter()
            .map(|r| {
                columns
                    .iter()
                    .map(|c| r.get(*c).map(|v| cell(locale, c, v)).unwrap_or_default())
                    .collect()
            })
            .collect(),
    }
}

/// One value in the reader's form.
pub fn cell(locale: &Locale, key: &str, value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::Bool(b) => locale.t(if *b { "value-yes" } else { "value-no" }),
        // Identifiers and years are names, not amounts: no grouping.
        Value::Number(n) if key == "id" || key.ends_with("_id") || key.ends_with("year") => {
            n.to_string()
        }
        Value::Number(n) => match (n.as_i64(), key) {
            (Some(i), "change" | "difference") => locale.numbers.change(i),
            (Some(i), _) => locale.numbers.int(i),
            (None, _) => locale.numbers.plain(n.as_f64().unwrap_or(0.0)),
        },
        Value::String(text) => text_cell(locale, key, text),
        Value::Array(items) => items
            .iter()
            .map(|i| cell(locale, key, i))
            .collect::<Vec<_>>()
            .join(", "),
        Value::Object(_) => value.to_string(),
    }
}

fn text_cell(locale: &Locale, key: &str, text: &str) -> String {
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return locale.numbers.date(date);
    }
    // Months are keys of counts (`posts_by_month`); a version such as "2022-09" is not one.
    if key == "key"
        && let Some(month) = locale.month_of(text)
    {
        return month;
    }
    if IDENTIFIER_FIELDS.contains(&key) {
        return locale.value(text);
    }
    text.to_string()
}

/// A nested record or list of records, shown as its own section.
fn is_nested(value: &Value) -> bool {
    match value {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().any(Value::is_object),
        _ => false,
    }
}
