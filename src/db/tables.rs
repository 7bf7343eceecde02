//! The tables `amb export` writes, as SQL: rows are streamed, never collected.

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::domain::{CellValue, ExportTable};

/// The query that reads an exportable table, row by row in id order (`all` reads none).
pub fn query(table: ExportTable) -> &'static str {
    match table {
        ExportTable::People => "SELECT id, name, email, role, unit, title, linkedin, x, facebook, instagram, mastodon, tiktok, youtube, blog
         FROM person ORDER BY id",
        ExportTable::Enrolments => "SELECT e.id, e.person_id, e.program_id, pr.name AS program, e.status, e.applied_on, e.enrolled_on,
                e.ended_on, e.consent_date, e.guidelines_version, e.motivation, e.withdraw_reason
         FROM enrolment e JOIN program pr ON pr.id = e.program_id ORDER BY e.id",
        ExportTable::Trainings => "SELECT t.id, t.program_id, pr.name AS program, t.title, t.date, t.trainer, t.kind
         FROM training t JOIN program pr ON pr.id = t.program_id ORDER BY t.id",
        ExportTable::Attendance => "SELECT id, training_id, person_id, status FROM attendance ORDER BY id",
        ExportTable::Swag => "SELECT d.id, d.person_id, s.name AS package, d.program_id, d.status, d.delivered_on, d.returned_on, d.note
         FROM swag_delivery d JOIN swag_package s ON s.id = d.package_id ORDER BY d.id",
        ExportTable::Activities => "SELECT id, person_id, program_id, date, kind, channel, url, hashtags, impressions, reactions,
                comments, shares, clicks, note, source, batch_id
         FROM activity ORDER BY id",
        ExportTable::Points => "SELECT id, person_id, program_id, date, amount, kind, reason, source, activity_id, attendance_id,
                reverses, created_at
         FROM points_entry ORDER BY id",
        ExportTable::Feedback => "SELECT f.id, f.person_id, f.program_id, f.score, f.comment, f.given_on FROM feedback f ORDER BY f.id",
        ExportTable::All => "SELECT 1 WHERE 0",
    }
}

/// Receives each exported row with the column names.
pub type RowSink<'a> = dyn FnMut(&[String], &[CellValue]) -> anyhow::Result<()> + 'a;

/// Reads a table row by row, calling `each` with the column names and the row's cells.
pub fn each_row(conn: &Connection, sql: &str, each: &mut RowSink<'_>) -> anyhow::Result<()> {
    let mut stmt = conn.prepare(sql)?;
    let columns: Vec<String> = stmt.column_names().map(str::to_string).collect();
    let mut rows = stmt.query([])?;
    let mut cells = Vec::with_capacity(columns.len());
    while let Some(row) = rows.next()? {
        cells.clear();
        for i in 0..columns.len() {
            cells.push(match row.get_ref(i)? {
                ValueRef::Null => CellValue::Null,
                ValueRef::Integer(n) => CellValue::Integer(n),
                ValueRef::Real(f) => CellValue::Real(f),
                ValueRef::Text(t) => CellValue::Text(String::from_utf8_lossy(t).into_owned()),
                ValueRef::Blob(_) => CellValue::Null,
            });
        }
        each(&columns, &cells)?;
    }
    Ok(())
}

/// The column names of a table's query, for an empty table's header.
pub fn columns(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let stmt = conn.prepare(sql)?;
    Ok(stmt.column_names().map(str::to_string).collect())
}
