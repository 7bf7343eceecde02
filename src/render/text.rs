//! A document as a terminal table or as Markdown. Charts become tables here (their figures
//! are the point in text); nothing is shown twice.

use comfy_table::{Attribute, Cell, CellAlignment, ContentArrangement, Table as Comfy, presets};

use super::Look;
use super::doc::{Block, Chart, Doc, Figure, Table};

/// The document for a terminal: tables fit `look.width`; `look.color` makes headings bold.
pub fn terminal(doc: &Doc, look: Look) -> String {
    let color = look.color;
    let mut out = String::new();
    let heading = |text: &str| {
        if color {
            format!("\x1b[1m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    };
    if !doc.organisation.is_empty() {
        out.push_str(&format!("{}\n", doc.organisation));
    }
    out.push_str(&format!("{}\n", heading(&doc.title)));
    for line in &doc.subtitle {
        out.push_str(&format!("{line}\n"));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => out.push_str(&format!("\n{}\n", heading(text))),
            Block::Figures(figures) => out.push_str(&comfy(&figures_table(figures), look)),
            Block::Table(table) => out.push_str(&comfy(table, look)),
            Block::Chart(chart) => out.push_str(&comfy(&chart_table(chart), look)),
            // A line chart's figures are in the table beside it.
            Block::Line(_) => {}
            Block::Quotes(quotes) => {
                for quote in quotes {
                    out.push_str(&format!("  “{}”\n", one_line(quote)));
                }
            }
            Block::Note(text) => out.push_str(&format!("{text}\n")),
        }
    }
    if !doc.footer.is_empty() {
        out.push('\n');
        for line in &doc.footer {
            out.push_str(&format!("{line}\n"));
        }
    }
    out
}

/// The document as Markdown: headings, bold figures, tables and quotes.
pub fn markdown(doc: &Doc) -> String {
    let mut out = String::new();
    if !doc.organisation.is_empty() {
        out.push_str(&format!("**{}**\n\n", md_escape(&doc.organisation)));
    }
    out.push_str(&format!("# {}\n\n", md_escape(&doc.title)));
    for line in &doc.subtitle {
        out.push_str(&format!("{}  \n", md_escape(line)));
    }
    for block in &doc.blocks {
        match block {
            Block::Heading(text) => out.push_str(&format!("\n## {}\n\n", md_escape(text))),
            Block::Figures(figures) => {
                for figure in figures {
                    out.push_str(&format!(
                        "- {}: **{}**{}\n",
                        md_escape(&figure.label),
                        md_escape(&figure.value),
                        figure_rest(figure)
                            .map(|rest| format!(" ({})", md_escape(&rest)))
                            .unwrap_or_default()
                    ));
                }
                out.push('\n');
            }
            Block::Table(table) => out.push_str(&md_table(table)),
            Block::Chart(chart) => out.push_str(&md_table(&chart_table(chart))),
            Block::Line(_) => {}
            Block::Quotes(quotes) => {
                for quote in quotes {
                    out.push_str(&format!("> {}\n\n", md_escape(&one_line(quote))));
                }
            }
            Block::Note(text) => out.push_str(&format!("{}\n\n", md_escape(text))),
        }
    }
    if !doc.footer.is_empty() {
        out.push_str("\n---\n\n");
        for line in &doc.footer {
            out.push_str(&format!("{}  \n", md_escape(line)));
        }
    }
    out
}

/// A figure's detail and change in one line.
fn figure_rest(figure: &Figure) -> Option<String> {
    let parts: Vec<&str> = [
        figure.detail.as_deref(),
        figure.change.as_ref().map(|(c, _)| c.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn figures_table(figures: &[Figure]) -> Table {
    let mut table = Table::headless(3, 1);
    table.numeric[2] = false;
    table.rows = figures
        .iter()
        .map(|f| {
            vec![
                f.label.clone(),
                f.value.clone(),
                figure_rest(f).unwrap_or_default(),
            ]
        })
        .collect();
    table
}

/// A chart's figures as a table: label, value (and the second series beside it).
fn chart_table(chart: &Chart) -> Table {
    let mut columns = vec![String::new()];
    let series = if chart.series.is_empty() {
        vec![String::new()]
    } else {
        chart.series.clone()
    };
    columns.extend(series.iter().cloned());
    let mut table = Table::new(columns, 1);
    table.numeric = vec![false, true, true];
    table.rows = chart
        .bars
        .iter()
        .map(|bar| {
            let mut row = vec![bar.label.replace('\n', " "), bar.shown.clone()];
            if series.len() > 1 {
                row.push(bar.beside.as_ref().map(|b| b.1.clone()).unwrap_or_default());
            }
            row
        })
        .collect();
    if chart.series.is_empty() {
        table.columns.clear();
    }
    table
}

fn comfy(table: &Table, look: Look) -> String {
    let color = look.color;
    let mut comfy = Comfy::new();
    comfy.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
    match look.width {
        Some(width) => {
            comfy.set_width(u16::try_from(width).unwrap_or(u16::MAX));
            comfy.set_content_arrangement(ContentArrangement::Dynamic);
        }
        None => {
            comfy.set_content_arrangement(ContentArrangement::Disabled);
        }
    }
    if table.columns.iter().any(|c| !c.is_empty()) {
        comfy.set_header(table.columns.iter().map(|c| {
            let cell = Cell::new(c);
            if color {
                cell.add_attribute(Attribute::Bold)
            } else {
                cell
            }
        }));
    }
    for row in &table.rows {
        comfy.add_row(row.iter().enumerate().map(|(i, text)| {
            let cell = Cell::new(text);
            if table.numeric.get(i).copied().unwrap_or(false) {
                cell.set_alignment(CellAlignment::Right)
            } else {
                cell
            }
        }));
    }
    format!("{comfy}\n")
}

fn md_table(table: &Table) -> String {
    let width = table
        .rows
        .iter()
        .map(Vec::len)
        .chain([table.columns.len()])
        .max()
        .unwrap_or(0);
    if width == 0 {
        return String::new();
    }
    let row = |cells: &[String]| {
        let mut cells: Vec<String> = cells.iter().map(|c| md_cell(c)).collect();
        cells.resize(width, String::new());
        format!("| {} |\n", cells.join(" | "))
    };
    let mut out = row(&table.columns);
    let align: Vec<&str> = (0..width)
        .map(|i| {
            if table.numeric.get(i).copied().unwrap_or(false) {
                " ---: |"
            } else {
                " --- |"
            }
        })
        .collect();
    out.push_str(&format!("|{}\n", align.concat()));
    for cells in &table.rows {
        out.push_str(&row(cells));
    }
    out.push('\n');
    out
}

/// A table cell in Markdown: `|` escaped and line ends as spaces, so the table holds.
fn md_cell(text: &str) -> String {
    md_escape(&one_line(text))
}

/// Text that Markdown shows as it is: characters that would start markup are escaped.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Line ends and other control characters as spaces.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::doc::Bar;

    #[test]
    fn markdown_escapes_markup_and_keeps_tables_whole() {
        let mut table = Table::new(vec!["Name".into(), "n".into()], 1);
        table.rows.push(vec!["A | B\nC".into(), "3".into()]);
        let doc = Doc {
            title: "Report *1*".into(),
            blocks: vec![Block::Table(table), Block::Quotes(vec!["<b>hi</b>".into()])],
            ..Doc::default()
        };
        let text = markdown(&doc);
        assert!(text.contains("# Report \\*1\\*"), "{text}");
        assert!(text.contains("| A \\| B C | 3 |"), "{text}");
        assert!(text.contains("> \\<b\\>hi\\</b\\>"), "{text}");
    }

    #[test]
    fn a_chart_in_text_is_a_table_of_its_figures() {
        let chart = Chart {
            series: vec!["2023".into(), "2022".into()],
            bars: vec![Bar {
                label: "loka".into(),
                value: 11.0,
                shown: "11".into(),
                beside: Some((7.0, "7".into())),
            }],
            upright: true,
        };
        let doc = Doc {
            title: "t".into(),
            blocks: vec![Block::Chart(chart)],
            ..Doc::default()
        };
        let text = terminal(&doc, Look::default());
        assert!(
            text.contains("loka") && text.contains("11") && text.contains('7'),
            "{text}"
        );
        assert!(text.contains("2022"), "{text}");
    }
}
