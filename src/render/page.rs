//! A document as one self-contained HTML page: headline figures as cards, SVG charts with
//! their figures on them, compact tables, quotes, and print styles for A4. Nothing is fetched
//! (the logo is embedded as a data URI).

use std::fmt::Write as _;

use super::doc::{Block, Chart, Doc, Figure, LineChart, Table};
use crate::html::escape;

const STYLE: &str = r#"
:root { --ink: #1d2733; --muted: #5d6b78; --accent: #0a5c8f; --bar: #0a7bbf; --bar2: #a9c7dc; --line: #d5dde5; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", system-ui, -apple-system, "Noto Sans", "DejaVu Sans", sans-serif; color: var(--ink); margin: 2rem auto; max-width: 52rem; padding: 0 1rem; line-height: 1.4; }
header.top { display: flex; align-items: center; gap: 1rem; margin-bottom: .5rem; }
header.top img { max-height: 3.2rem; max-width: 12rem; }
.org { font-size: .95rem; font-weight: 600; color: var(--accent); letter-spacing: .02em; }
h1 { font-size: 1.7rem; margin: .2rem 0 .3rem; border-bottom: 3px solid var(--accent); padding-bottom: .35rem; }
.sub { color: var(--muted); margin: 0; font-size: .95rem; }
h2 { font-size: 1.15rem; color: var(--accent); margin: 1.8rem 0 .5rem; break-after: avoid; page-break-after: avoid; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(13.5rem, 1fr)); gap: .7rem; margin: 1.2rem 0 .5rem; }
.figure { border: 1px solid var(--line); border-left: 4px solid var(--accent); border-radius: 4px; padding: .55rem .8rem; break-inside: avoid; }
.figure .label { font-size: .8rem; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.figure .value { font-size: 1.6rem; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
.figure .detail { font-size: .85rem; color: var(--muted); }
.up { color: #1d7a38; font-weight: 600; } .down { color: #a33a1f; font-weight: 600; }
table { border-collapse: collapse; margin: .3rem 0 .8rem; font-size: .88rem; break-inside: avoid; }
th, td { border-bottom: 1px solid var(--line); padding: .25rem .7rem; text-align: left; vertical-align: top; }
th { background: #eef3f7; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
svg { display: block; margin: .3rem 0 .8rem; max-width: 100%; height: auto; break-inside: avoid; }
svg text { font-size: 11px; fill: var(--ink); font-family: inherit; }
svg .bar { fill: var(--bar); } svg .bar2 { fill: var(--bar2); } svg .axis { stroke: var(--line); }
svg .muted { fill: var(--muted); }
.legend { font-size: .8rem; color: var(--muted); margin: 0; }
.legend span::before { content: ""; display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 .8em; vertical-align: -.1em; background: var(--bar); }
.legend span.b::before { background: var(--bar2); }
blockquote { margin: .4rem 0; padding: .3rem .9rem; border-left: 3px solid var(--bar2); background: #f6f9fb; font-style: italic; break-inside: avoid; }
p.note { font-size: .85rem; color: var(--muted); }
footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .5rem; font-size: .78rem; color: var(--muted); }
footer p { margin: .2rem 0; }
@page { size: A4; margin: 16mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  h1 { font-size: 18pt; } h2 { font-size: 12.5pt; margin-top: 1.2rem; }
  .figure .value { font-size: 16pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The whole page.
pub fn html(doc: &Doc) -> String {
    let mut body = String::new();
    body.push_str("<header class=\"top\">");
    if let Some((mime, bytes)) = &doc.logo {
        let _ = write!(
            body,
            "<img src=\"data:{};base64,{}\" alt=\"\">",
            escape(mime),
            base64(bytes)
        );
    }
    if !doc.organisation.is_empty() {
        let _ = write!(
            body,
            "<div class=\"org\">{}</div>",
            escape(&doc.organisation)
        );
    }
    body.push_str("</header>\n");
    let _ = writeln!(body, "<h1>{}</h1>", escape(&doc.title));
    for line in &doc.subtitle {
        let _ = writeln!(body, "<p class=\"sub\">{}</p>", escape(line));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => {
                let _ = writeln!(body, "<h2>{}</h2>", escape(text));
            }
            Block::Figures(figures) => body.push_str(&figures_html(figures)),
            Block::Table(table) => body.push_str(&table_html(table)),
            Block::Chart(chart) if chart.upright => body.push_str(&columns_svg(chart)),
            Block::Chart(chart) => body.push_str(&bars_svg(chart)),
            Block::Line(chart) => body.push_str(&line_svg(chart)),
            Block::Quotes(quotes) => {
                for quote in quotes {
                    let _ = writeln!(body, "<blockquote>{}</blockquote>", escape(quote));
                }
            }
            Block::Note(text) => {
                let _ = writeln!(body, "<p class=\"note\">{}</p>", escape(text));
            }
        }
    }
    if !doc.footer.is_empty() {
        body.push_str("<footer>\n");
        for line in &doc.footer {
            let _ = writeln!(body, "<p>{}</p>", escape(line));
        }
        body.push_str("</footer>\n");
    }
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n",
        escape(&doc.lang),
        escape(&doc.title)
    )
}

fn figures_html(figures: &[Figure]) -> String {
    let mut out = String::from("<div class=\"figures\">\n");
    for figure in figures {
        let _ = write!(
            out,
            "<div class=\"figure\"><div class=\"label\">{}</div><div class=\"value\">{}</div>",
            escape(&figure.label),
            escape(&figure.value)
        );
        if let Some(detail) = &figure.detail {
            let _ = write!(out, "<div class=\"detail\">{}</div>", escape(detail));
        }
        if let Some((change, rising)) = &figure.change {
            let class = if *rising { "up" } else { "down" };
            let _ = write!(
                out,
                "<div class=\"detail\"><span class=\"{class}\">{}</span></div>",
                escape(change)
            );
        }
        out.push_str("</div>\n");
    }
    out.push_str("</div>\n");
    out
}

fn table_html(table: &Table) -> String {
    let class = |i: usize| {
        if table.numeric.get(i).copied().unwrap_or(false) {
            " class=\"n\""
        } else {
            ""
        }
    };
    let mut out = String::from("<table>\n");
    if table.columns.iter().any(|c| !c.is_empty()) {
        out.push_str("<tr>");
        for (i, column) in table.columns.iter().enumerate() {
            let _ = write!(out, "<th{}>{}</th>", class(i), escape(column));
        }
        out.push_str("</tr>\n");
    }
    for row in &table.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i), escape(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
    out
}

fn legend(chart: &Chart) -> String {
    match chart.series.as_slice() {
        [a, b] => format!(
            "<p class=\"legend\"><span>{}</span><span class=\"b\">{}</span></p>\n",
            escape(a),
            escape(b)
        ),
        _ => String::new(),
    }
}

/// Bars across: the label on the left, the figure at the end of the bar.
fn bars_svg(chart: &Chart) -> String {
    let max = chart
        .bars
        .iter()
        .flat_map(|b| [b.value, b.beside.as_ref().map_or(0.0, |x| x.0)])
        .fold(0.0_f64, f64::max);
    if chart.bars.is_empty() {
        return String::new();
    }
    let two = chart.bars.iter().any(|b| b.beside.is_some());
    let longest = chart
        .bars
        .iter()
        .map(|b| b.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_width = (longest as f64 * 6.4 + 12.0).clamp(60.0, 250.0);
    let (bar_width, row) = (360.0, if two { 30.0 } else { 20.0 });
    let width = label_width + bar_width + 90.0;
    let height = row * chart.bars.len() as f64 + 4.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\">\n"
    );
    let scale = |v: f64| {
        if max > 0.0 {
            (v / max * bar_width).max(if v > 0.0 { 1.5 } else { 0.0 })
        } else {
            0.0
        }
    };
    for (index, bar) in chart.bars.iter().enumerate() {
        let y = index as f64 * row;
        let thick = if two { 12.0 } else { 14.0 };
        let w = scale(bar.value);
        let _ = writeln!(
            svg,
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{label_width:.0}\" y=\"{:.0}\" width=\"{w:.1}\" height=\"{thick}\"/><text x=\"{:.1}\" y=\"{:.0}\">{}</text>",
            label_width - 6.0,
            y + 13.0,
            escape(&bar.label),
            y + 3.0,
            label_width + w + 4.0,
            y + 13.0,
            escape(&bar.shown)
        );
        if let Some((value, shown)) = &bar.beside {
            let w2 = scale(*value);
            let _ = writeln!(
                svg,
                "<rect class=\"bar2\" x=\"{label_width:.0}\" y=\"{:.0}\" width=\"{w2:.1}\" height=\"10\"/><text class=\"muted\" x=\"{:.1}\" y=\"{:.0}\">{}</text>",
                y + 16.0,
                label_width + w2 + 4.0,
                y + 25.0,
                escape(shown)
            );
        }
    }
    svg.push_str("</svg>\n");
    format!("{}{svg}", legend(chart))
}

/// Upright columns (months): the figure above each column, the label below.
fn columns_svg(chart: &Chart) -> String {
    if chart.bars.is_empty() {
        return String::new();
    }
    let max = chart
        .bars
        .iter()
        .flat_map(|b| [b.value, b.beside.as_ref().map_or(0.0, |x| x.0)])
        .fold(0.0_f64, f64::max);
    let two = chart.bars.iter().any(|b| b.beside.is_some());
    let slot = (680.0 / chart.bars.len() as f64).clamp(22.0, 90.0);
    let column = if two { slot * 0.36 } else { slot * 0.6 };
    let (top, plot) = (16.0, 170.0);
    let width = slot * chart.bars.len() as f64 + 10.0;
    let height = top + plot + 36.0;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\">\n<line class=\"axis\" x1=\"0\" x2=\"{width:.0}\" y1=\"{:.0}\" y2=\"{:.0}\"/>\n",
        top + plot,
        top + plot
    );
    let scale = |v: f64| if max > 0.0 { v / max * plot } else { 0.0 };
    for (index, bar) in chart.bars.iter().enumerate() {
        let left = 5.0 + index as f64 * slot;
        let mut series = vec![("bar", bar.value, bar.shown.as_str())];
        if let Some((value, shown)) = &bar.beside {
            series.push(("bar2", *value, shown.as_str()));
        }
        let group = column * series.len() as f64 + 2.0 * (series.len() as f64 - 1.0);
        for (n, (class, value, shown)) in series.into_iter().enumerate() {
            let h = scale(value);
            let x = left + (slot - group) / 2.0 + n as f64 * (column + 2.0);
            let _ = writeln!(
                svg,
                "<rect class=\"{class}\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{column:.1}\" height=\"{h:.1}\"/><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\"{}>{}</text>",
                top + plot - h,
                x + column / 2.0,
                top + plot - h - 3.0,
                if class == "bar2" {
                    " class=\"muted\""
                } else {
                    ""
                },
                escape(shown)
            );
        }
        for (line, text) in bar.label.lines().enumerate() {
            let _ = writeln!(
                svg,
                "<text x=\"{:.1}\" y=\"{:.0}\" text-anchor=\"middle\"{}>{}</text>",
                left + slot / 2.0,
                top + plot + 14.0 + 13.0 * line as f64,
                if line > 0 { " class=\"muted\"" } else { "" },
                escape(text)
            );
        }
    }
    svg.push_str("</svg>\n");
    format!("{}{svg}", legend(chart))
}

/// One small line chart per series (each KPI has its own unit), its points labelled.
fn line_svg(chart: &LineChart) -> String {
    let mut out = String::new();
    for line in &chart.lines {
        if line.points.is_empty() {
            continue;
        }
        let (width, height, pad) = (640.0, 150.0, 44.0);
        let first = line.points.first().map_or(0, |p| p.0);
        let last = line.points.last().map_or(0, |p| p.0);
        let span = (last - first).max(1) as f64;
        let (low, high) = line
            .points
            .iter()
            .fold((f64::MAX, f64::MIN), |(lo, hi), p| {
                (lo.min(p.1), hi.max(p.1))
            });
        let range = if high > low { high - low } else { 1.0 };
        let x = |day: i64| {
            if line.points.len() == 1 {
                width / 2.0
            } else {
                pad + (day - first) as f64 / span * (width - 2.0 * pad)
            }
        };
        let y = |v: f64| 22.0 + (high - v) / range * (height - 56.0);
        let _ = writeln!(
            out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\">"
        );
        let path: Vec<String> = line
            .points
            .iter()
            .map(|p| format!("{:.1},{:.1}", x(p.0), y(p.1)))
            .collect();
        let _ = writeln!(
            out,
            "<polyline points=\"{}\" fill=\"none\" stroke=\"#0a7bbf\" stroke-width=\"2.5\"/>",
            path.join(" ")
        );
        for (day, value, date, shown) in &line.points {
            let (px, py) = (x(*day), y(*value));
            let _ = writeln!(
                out,
                "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"4\" fill=\"#0a5c8f\"/><text x=\"{px:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text class=\"muted\" x=\"{px:.1}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>",
                py - 8.0,
                escape(shown),
                height - 8.0,
                escape(date)
            );
        }
        out.push_str("</svg>\n");
    }
    out
}

/// Standard base64 for the embedded logo.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::Bar;

    #[test]
    fn a_page_escapes_text_embeds_the_logo_and_fetches_nothing() {
        let doc = Doc {
            organisation: "Vaasa <city>".into(),
            logo: Some(("image/svg+xml".into(), b"<svg/>".to_vec())),
            title: "Tulokset".into(),
            lang: "fi".into(),
            blocks: vec![
                Block::Chart(Chart {
                    bars: vec![Bar {
                        label: "<b>".into(),
                        value: 3.0,
                        shown: "3".into(),
                        beside: None,
                    }],
                    ..Chart::default()
                }),
                Block::Quotes(vec!["\"<script>\"".into()]),
            ],
            ..Doc::default()
        };
        let page = html(&doc);
        assert!(page.contains("<html lang=\"fi\">"));
        assert!(page.contains("Vaasa &lt;city&gt;"));
        assert!(page.contains("data:image/svg+xml;base64,PHN2Zy8+"));
        assert!(!page.contains("<script>") && !page.contains("<b>"));
        assert!(page.contains("@page { size: A4"));
        assert!(!page.contains("src=\"http"));
    }
}
