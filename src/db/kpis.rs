//! KPIs: what a programme is judged against, recorded over time.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::domain::ProgramId;

/// One recorded value of a KPI.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Kpi {
    pub id: i64,
    pub name: String,
    pub date: NaiveDate,
    pub value: f64,
    pub program: Option<String>,
    pub note: Option<String>,
}

/// Records a KPI value.
pub fn insert(
    conn: &Connection,
    program: Option<ProgramId>,
    name: &str,
    date: NaiveDate,
    value: f64,
    note: Option<&str>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO kpi (program_id, name, date, value, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![program, name, date, value, note],
    )?;
    Ok(conn.last_insert_rowid())
}

/// KPI values by name and date, of one programme or all, optionally one KPI only.
pub fn list(
    conn: &Connection,
    program: Option<ProgramId>,
    name: Option<&str>,
) -> rusqlite::Result<Vec<Kpi>> {
    let mut stmt = conn.prepare(
        "SELECT k.id, k.name, k.date, k.value, pr.name, k.note
         FROM kpi k LEFT JOIN program pr ON pr.id = k.program_id
         WHERE (?1 IS NULL OR k.program_id = ?1) AND (?2 IS NULL OR fold_accents(k.name) = fold_accents(?2))
         ORDER BY fold(k.name), k.date, k.id",
    )?;
    stmt.query_map(params![program, name], from_row)?.collect()
}

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Kpi> {
    Ok(Kpi {
        id: row.get(0)?,
        name: row.get(1)?,
        date: row.get(2)?,
        value: row.get(3)?,
        program: row.get(4)?,
        note: row.get(5)?,
    })
}

/// The spelling a KPI already has that `name` means (compared like people's names: case and
/// accents folded, spaces collapsed), so "job applicants" joins the series "Job applicants".
pub fn known_name(conn: &Connection, name: &str) -> rusqlite::Result<Option<String>> {
    let key = name.split_whitespace().collect::<Vec<_>>().join(" ");
    conn.query_row(
        "SELECT name FROM kpi WHERE fold_accents(name) = fold_accents(?1) ORDER BY id LIMIT 1",
        [key],
        |row| row.get(0),
    )
    .optional()
}

/// One recorded value by id.
pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Kpi>> {
    conn.query_row(
        "SELECT k.id, k.name, k.date, k.value, pr.name, k.note
         FROM kpi k LEFT JOIN program pr ON pr.id = k.program_id WHERE k.id = ?1",
        [id],
        from_row,
    )
    .optional()
}

/// Changes a recorded value.
pub fn update(conn: &Connection, kpi: &Kpi) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE kpi SET name = ?2, date = ?3, value = ?4, note = ?5 WHERE id = ?1",
        params![kpi.id, kpi.name, kpi.date, kpi.value, kpi.note],
    )?;
    Ok(())
}

/// Removes a recorded value.
pub fn delete(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM kpi WHERE id = ?1", [id])?;
    Ok(())
}
