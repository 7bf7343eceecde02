//! `amb report kpi` in the reader's language: a table of each KPI's values with the changes,
//! and a line chart per KPI in HTML.

use super::doc::{Block, Doc, Line, LineChart, Table};
use crate::i18n::Locale;
use crate::report::kpi::KpiReport;

/// The KPI report as a document.
pub fn document(locale: &Locale, organisation: &str, report: &KpiReport) -> Doc {
    let n = &locale.numbers;
    let title = match &report.program {
        Some(program) => locale.with("kpi-title-program", &[("program", program)]),
        None => locale.t("kpi-title"),
    };
    let mut doc = Doc {
        organisation: organisation.to_string(),
        title,
        lang: locale.lang.as_str().to_string(),
        ..Doc::default()
    };
    if report.kpis.is_empty() {
        doc.blocks.push(Block::Note(locale.t("note-no-kpis")));
        return doc;
    }
    let mut summary = Table::new(
        [
            "column-kpi",
            "column-first",
            "column-latest",
            "column-change",
        ]
        .iter()
        .map(|id| locale.t(id))
        .collect(),
        1,
    );
    for series in &report.kpis {
        let change = n.change_plain(series.change);
        let change = match n.change_percent(series.latest, series.first) {
            Some(percent) => format!("{change} ({percent})"),
            None => change,
        };
        summary.rows.push(vec![
            series.name.clone(),
            n.plain(series.first),
            n.plain(series.latest),
            change,
        ]);
    }
    doc.blocks.push(Block::Table(summary));
    for series in &report.kpis {
        doc.blocks.push(Block::Heading(series.name.clone()));
        let mut table = Table::new(
            [
                "column-date",
                "column-value",
                "column-change-previous",
                "column-change-start",
                "column-note",
            ]
            .iter()
            .map(|id| locale.t(id))
            .collect(),
            1,
        );
        table.numeric[4] = false;
        for point in &series.values {
            table.rows.push(vec![
                n.date(point.date),
                n.plain(point.value),
                point
                    .change_from_previous
                    .map(|c| n.change_plain(c))
                    .unwrap_or_default(),
                n.change_plain(point.change_from_start),
                point.note.clone().unwrap_or_default(),
            ]);
        }
        doc.blocks.push(Block::Table(table));
        let first = series.values.first().map(|p| p.date);
        let line = Line {
            name: series.name.clone(),
            points: series
                .values
                .iter()
                .map(|p| {
                    let day = first.map_or(0, |f| (p.date - f).num_days());
                    (day, p.value, n.date(p.date), n.plain(p.value))
                })
                .collect(),
        };
        doc.blocks
            .push(Block::Line(LineChart { lines: vec![line] }));
    }
    doc
}
