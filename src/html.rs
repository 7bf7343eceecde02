//! Reports as one self-contained HTML file: tables, and SVG bar charts for the counts (posts
//! per month and per channel, the leaderboard), with print styles so it prints cleanly to PDF.
//! Pure: a JSON record in, a string out.

use serde_json::{Map, Value};

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 2rem auto; max-width: 60rem; color: #1d2733; }
h1 { font-size: 1.6rem; border-bottom: 3px solid #0a5c8f; padding-bottom: .3rem; }
h2 { font-size: 1.15rem; margin-top: 2rem; color: #0a5c8f; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid #d5dde5; padding: .25rem .75rem; text-align: left; vertical-align: top; }
th { background: #eef3f7; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
svg { display: block; margin: .5rem 0 1rem; }
svg text { font-size: 11px; fill: #1d2733; }
.bar { fill: #0a7bbf; }
footer { margin-top: 3rem; font-size: .8rem; color: #5d6b78; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } table, svg { break-inside: avoid; } }
";

/// A whole HTML document for a record (a report) titled `title`.
pub fn document(title: &str, record: &Map<String, Value>) -> String {
    let mut body = String::new();
    body.push_str(&format!("<h1>{}</h1>\n", escape(title)));
    body.push_str(&fields_table(record));
    for (key, value) in record {
        let Value::Array(items) = value else { continue };
        let rows: Vec<&Map<String, Value>> = items.iter().filter_map(Value::as_object).collect();
        if rows.is_empty() {
            continue;
        }
        body.push_str(&format!("<h2>{}</h2>\n", escape(&key.replace('_', " "))));
        if let Some(chart) = bar_chart(&rows) {
            body.push_str(&chart);
        }
        body.push_str(&rows_table(&rows));
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}<footer>Made with amb.</footer>\n</body>\n</html>\n",
        escape(title)
    )
}

/// A whole HTML document for a list of records.
pub fn list_document(title: &str, rows: &[Map<String, Value>]) -> String {
    let mut record = Map::new();
    record.insert(
        "rows".into(),
        Value::Array(rows.iter().cloned().map(Value::Object).collect()),
    );
    document(title, &record)
}

fn cell(value: &Value) -> (String, bool) {
    match value {
        Value::Null => (String::new(), false),
        Value::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() && f.fract() == 0.0 && f.abs() < 1e15 => {
                (format!("{f:.0}"), true)
            }
            _ => (n.to_string(), true),
        },
        Value::String(s) => (escape(s), false),
        Value::Bool(b) => ((if *b { "yes" } else { "no" }).to_string(), false),
        Value::Array(items) => (
            escape(
                &items
                    .iter()
                    .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_string))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            false,
        ),
        Value::Object(_) => (escape(&value.to_string()), false),
    }
}

fn td(value: &Value) -> String {
    let (text, number) = cell(value);
    if number {
        format!("<td class=\"n\">{text}</td>")
    } else {
        format!("<td>{text}</td>")
    }
}

/// The record's own fields (not its lists) as a two-column table.
fn fields_table(record: &Map<String, Value>) -> String {
    let rows: Vec<String> = record
        .iter()
        .filter(|(_, v)| !matches!(v, Value::Array(items) if items.iter().any(Value::is_object)))
        .filter(|(_, v)| !v.is_object())
        .map(|(key, value)| {
            format!(
                "<tr><th>{}</th>{}</tr>",
                escape(&key.replace('_', " ")),
                td(value)
            )
        })
        .collect();
    if rows.is_empty() {
        return String::new();
    }
    format!("<table>\n{}\n</table>\n", rows.join("\n"))
}

fn rows_table(rows: &[&Map<String, Value>]) -> String {
    let columns: Vec<&String> = rows[0].keys().collect();
    let header: Vec<String> = columns
        .iter()
        .map(|c| format!("<th>{}</th>", escape(&c.replace('_', " "))))
        .collect();
    let body: Vec<String> = rows
        .iter()
        .map(|row| {
            let cells: Vec<String> = columns
                .iter()
                .map(|c| row.get(*c).map(td).unwrap_or_else(|| "<td></td>".into()))
                .collect();
            format!("<tr>{}</tr>", cells.concat())
        })
        .collect();
    format!(
        "<table>\n<tr>{}</tr>\n{}\n</table>\n",
        header.concat(),
        body.join("\n")
    )
}

/// A horizontal bar chart when the rows have a label and a count: `key`/`count`, or a
/// `name` with `posts` or `value`.
fn bar_chart(rows: &[&Map<String, Value>]) -> Option<String> {
    // Values recorded over time (KPIs) come in units of their own: no common scale.
    if rows[0].contains_key("date") {
        return None;
    }
    let label_key = ["key", "name", "measure", "unit", "channel"]
        .into_iter()
        .find(|k| rows[0].contains_key(*k))?;
    let value_key = ["count", "posts", "value", "this_year"]
        .into_iter()
        .find(|k| rows[0].get(*k).is_some_and(Value::is_number))?;
    let bars: Vec<(String, f64)> = rows
        .iter()
        .map(|r| {
            let label = r
                .get(label_key)
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
                .unwrap_or_default();
            (
                label,
                r.get(value_key).and_then(Value::as_f64).unwrap_or(0.0),
            )
        })
        .collect();
    let max = bars.iter().map(|(_, v)| *v).fold(0.0_f64, f64::max);
    if max <= 0.0 || bars.len() > 60 {
        return None;
    }
    let (label_width, bar_width, row_height) = (170.0, 420.0, 18.0);
    let height = row_height * bars.len() as f64 + 4.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" role=\"img\">\n",
        label_width + bar_width + 60.0
    );
    for (index, (label, value)) in bars.iter().enumerate() {
        let y = index as f64 * row_height;
        let width = (value / max * bar_width).max(1.0);
        let shown = if value.fract() == 0.0 {
            format!("{value:.0}")
        } else {
            format!("{value:.2}")
        };
        svg.push_str(&format!(
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{label_width}\" y=\"{:.0}\" width=\"{width:.1}\" height=\"{:.0}\"/><text x=\"{:.1}\" y=\"{:.0}\">{shown}</text>\n",
            label_width - 6.0,
            y + 13.0,
            escape(label),
            y + 3.0,
            row_height - 5.0,
            label_width + width + 4.0,
            y + 13.0,
        ));
    }
    svg.push_str("</svg>\n");
    Some(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_report_becomes_one_self_contained_page_with_charts() {
        let record = json!({
            "program": "Vaasa <2022>",
            "posts": 3,
            "posts_by_channel": [{"key": "linkedin", "count": 2}, {"key": "x", "count": 1}],
            "kpis": [],
        });
        let html = document("Programme report", record.as_object().unwrap());
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("Vaasa &lt;2022&gt;"), "escaped");
        assert!(
            html.contains("<svg") && html.contains("<rect class=\"bar\""),
            "a chart"
        );
        assert!(html.contains("@media print"));
        assert!(
            !html.contains("<script") && !html.contains("http://")
                || html.contains("xmlns=\"http://www.w3.org/2000/svg\""),
            "nothing fetched"
        );
        assert!(!html.contains("<h2>kpis</h2>"), "empty lists are left out");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            escape("<a href='x'>\"&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;"
        );
    }
}
