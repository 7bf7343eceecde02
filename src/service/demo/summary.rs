//! The demo's summary: who is in the programme, swag, activities, imports and the report.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::config::Config;
use crate::db::programs::Program;
use crate::db::{activities, enrolments, swag};
use crate::domain::Role;
use crate::error::invalid;
use crate::import::source::ImportFormat;
use crate::report::program::ProgramReport;

/// What the demo database holds.
#[derive(Serialize)]
pub struct Summary {
    database: String,
    program: String,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
    hashtags: Vec<String>,
    employees: i64,
    managers: i64,
    ambassadors: i64,
    units: Vec<UnitRow>,
    swag: SwagRow,
    activities: Vec<activities::KindCount>,
    pub(super) imports: Vec<ImportRow>,
    top_points: Vec<crate::db::points::Balance>,
    /// The results report of the cohort, as `amb report program` shows it (in JSON and
    /// CSV here; a terminal shows it as the report reads, after the summary).
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<ProgramReport>,
}

impl Summary {
    /// Takes the cohort's results report out, to be shown as a report of its own.
    pub fn take_report(&mut self) -> Option<ProgramReport> {
        self.report.take()
    }
}

#[derive(Serialize)]
struct SwagRow {
    package: String,
    delivered: i64,
    in_stock: i64,
    pending: Vec<String>,
}

/// One example file imported.
#[derive(Serialize)]
pub(super) struct ImportRow {
    pub(super) file: String,
    pub(super) format: ImportFormat,
    pub(super) person: Option<String>,
    pub(super) added: i64,
    pub(super) without_hashtag: i64,
    pub(super) outside_program: i64,
}

#[derive(Serialize)]
struct UnitRow {
    unit: String,
    employees: i64,
    managers: i64,
    total: i64,
}

/// Summarises the built demo database at `path`.
pub(super) fn summarise(
    conn: &Connection,
    config: &Config,
    path: &Path,
    program: &Program,
    package: &str,
) -> anyhow::Result<Summary> {
    let counts = enrolments::active_by_unit(conn, program.id)?;
    let mut units: Vec<UnitRow> = Vec::new();
    for count in &counts {
        if units.last().is_none_or(|u| u.unit != count.unit) {
            units.push(UnitRow {
                unit: count.unit.clone(),
                employees: 0,
                managers: 0,
                total: 0,
            });
        }
        if let Some(row) = units.last_mut() {
            match count.role {
                Role::Employee => row.employees += count.active,
                Role::Manager => row.managers += count.active,
            }
            row.total += count.active;
        }
    }
    let employees = units.iter().map(|u| u.employees).sum();
    let managers = units.iter().map(|u| u.managers).sum();
    let package = swag::find_package(conn, package)?
        .ok_or_else(|| invalid(format!("example data: no package {package}")))?;
    let mut balances = crate::db::points::balances(conn, None)?;
    balances.truncate(5);
    for balance in &mut balances {
        balance.tier = config.tier(balance.earned).map(str::to_string);
    }
    Ok(Summary {
        database: path.display().to_string(),
        program: program.name.clone(),
        start_date: program.start_date,
        end_date: program.end_date,
        hashtags: program.hashtags.clone(),
        employees,
        managers,
        ambassadors: employees + managers,
        units,
        swag: SwagRow {
            package: package.name,
            delivered: package.delivered,
            in_stock: package.stock,
            pending: swag::pending(conn, program.id, config.swag_each_cohort)?
                .into_iter()
                .map(|p| p.name)
                .collect(),
        },
        activities: activities::count_by_kind(conn, program.id)?,
        imports: Vec::new(),
        top_points: balances,
        report: Some(crate::report::program::build(conn, config, program)?),
    })
}
