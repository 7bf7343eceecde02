//! `amb report kpi`: each KPI's values over time, with the change from one value to the next
//! and against the first (the programme's starting point).

use chrono::NaiveDate;
use serde::Serialize;

use crate::db::kpis::Kpi;

/// The KPIs' series.
#[derive(Debug, Serialize)]
pub struct KpiReport {
    /// The programme the values were recorded for, when one was chosen.
    pub program: Option<String>,
    pub kpis: Vec<KpiSeries>,
}

/// One KPI: its first and latest values, the change between them, and every value.
#[derive(Debug, Serialize)]
pub struct KpiSeries {
    pub name: String,
    pub first: f64,
    pub latest: f64,
    pub change: f64,
    /// The change as a percentage of the first value (none when that is 0).
    pub change_percent: Option<f64>,
    pub values: Vec<KpiPoint>,
}

/// One recorded value with the change since the value before and since the first.
#[derive(Debug, Serialize)]
pub struct KpiPoint {
    pub date: NaiveDate,
    pub value: f64,
    pub change_from_previous: Option<f64>,
    pub change_from_start: f64,
    pub program: Option<String>,
    pub note: Option<String>,
}

/// Groups values (ordered by name, then date, as `db::kpis::list` gives them) into series.
pub fn series(values: Vec<Kpi>) -> Vec<KpiSeries> {
    let mut out: Vec<KpiSeries> = Vec::new();
    for kpi in values {
        let same = out.last().is_some_and(|s| s.name == kpi.name);
        if !same {
            out.push(KpiSeries {
                name: kpi.name.clone(),
                first: kpi.value,
                latest: kpi.value,
                change: 0.0,
                change_percent: None,
                values: Vec::new(),
            });
        }
        let Some(series) = out.last_mut() else {
            continue;
        };
        let previous = series.values.last().map(|p| p.value);
        series.values.push(KpiPoint {
            date: kpi.date,
            value: kpi.value,
            change_from_previous: previous.map(|p| round(kpi.value - p)),
            change_from_start: round(kpi.value - series.first),
            program: kpi.program,
            note: kpi.note,
        });
        series.latest = kpi.value;
        series.change = round(kpi.value - series.first);
        series.change_percent =
            (series.first != 0.0).then(|| round(series.change / series.first.abs() * 100.0));
    }
    out
}

/// Differences of decimal values without binary noise (3.8 − 3.4 = 0.4, not 0.3999…).
fn round(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(name: &str, date: &str, value: f64) -> Kpi {
        Kpi {
            id: 0,
            name: name.into(),
            date: date.parse().unwrap(),
            value,
            program: None,
            note: None,
        }
    }

    #[test]
    fn each_value_changes_from_the_one_before_and_from_the_start() {
        let report = series(vec![
            kpi("Applicants", "2022-09-30", 10400.0),
            kpi("Applicants", "2023-03-31", 9000.0),
            kpi("Applicants", "2023-09-30", 11900.0),
            kpi("Image", "2022-09-01", 3.4),
            kpi("Image", "2023-09-01", 3.8),
        ]);
        assert_eq!(report.len(), 2);
        let applicants = &report[0];
        assert_eq!(applicants.change, 1500.0);
        assert_eq!(applicants.values[1].change_from_previous, Some(-1400.0));
        assert_eq!(applicants.values[2].change_from_previous, Some(2900.0));
        assert_eq!(applicants.values[2].change_from_start, 1500.0);
        assert_eq!(applicants.values[0].change_from_previous, None);
        assert_eq!(report[1].change, 0.4);
        assert_eq!(report[1].change_percent, Some(11.764706));
    }

    #[test]
    fn a_first_value_of_zero_has_no_percentage() {
        let report = series(vec![
            kpi("x", "2023-01-01", 0.0),
            kpi("x", "2023-02-01", 5.0),
        ]);
        assert_eq!(report[0].change_percent, None);
        assert_eq!(report[0].change, 5.0);
    }
}
