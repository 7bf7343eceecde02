//! The tables `amb export` writes, as SQL: rows are streamed, never collected.

use std::sync::LazyLock;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::domain::{CellValue, ExportTable};
use crate::identity;

/// The activities, their addresses rebuilt where they are not stored (`crate::identity`).
static ACTIVITIES: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT a.id, a.person_id, p.name AS person, a.program_id, pr.name AS program, a.date, a.kind,
                a.channel, {} AS url, {} AS hashtags,
                a.impressions, a.reactions, a.comments, a.shares, a.clicks, a.note, a.source, a.batch_id
         FROM activity a LEFT JOIN person p ON p.id = a.person_id LEFT JOIN program pr ON pr.id = a.program_id
         ORDER BY a.id",
        identity::url_sql("a"),
        super::hashtag_sets::tags_sql("a")
    )
});

/// The query that reads an exportable table, row by row in id order (`all` reads none).
pub fn query(table: ExportTable) -> &'static str {
    match table {
        ExportTable::People => "SELECT id, name, email, role, unit, title, linkedin, x, facebook, instagram, mastodon, tiktok, youtube, blog
         FROM person ORDER BY id",
        ExportTable::Enrolments => "SELECT e.id, e.person_id, p.name AS person, e.program_id, pr.name AS program, e.status, e.applied_on, e.enrolled_on,
                e.ended_on, e.consent_date, e.guidelines_version, e.motivation, e.withdraw_reason
         FROM enrolment e JOIN person p ON p.id = e.person_id JOIN program pr ON pr.id = e.program_id
         ORDER BY e.id",
        ExportTable::Trainings => "SELECT t.id, t.program_id, pr.name AS program, t.title, t.date, t.trainer, t.kind
         FROM training t JOIN program pr ON pr.id = t.program_id ORDER BY t.id",
        ExportTable::Attendance => "SELECT a.id, a.training_id, t.title AS training, t.date, a.person_id, p.name AS person,
                a.status
         FROM attendance a JOIN training t ON t.id = a.training_id JOIN person p ON p.id = a.person_id
         ORDER BY a.id",
        ExportTable::Swag => "SELECT d.id, d.person_id, p.name AS person, s.name AS package, d.program_id, pr.name AS program,
                d.status, d.delivered_on, d.returned_on, d.note
         FROM swag_delivery d JOIN swag_package s ON s.id = d.package_id JOIN person p ON p.id = d.person_id
         LEFT JOIN program pr ON pr.id = d.program_id ORDER BY d.id",
        // LEFT JOIN (every row has its person) keeps the big table the outer loop, read in
        // id order: with an inner join SQLite may loop over people and sort all the rows
        // (2x slower and twice the memory at a million activities).
        ExportTable::Activities => ACTIVITIES.as_str(),
        ExportTable::Points => concat!(
            "SELECT e.id, e.person_id, p.name AS person, e.program_id, pr.name AS program, e.date, e.amount,
                e.kind, ",
            super::points::shown_reason!(),
            " AS reason, e.source, e.activity_id, e.attendance_id, e.reverses, ",
            super::points::shown_created_at!(),
            " AS created_at
         FROM points_entry e LEFT JOIN person p ON p.id = e.person_id LEFT JOIN program pr ON pr.id = e.program_id
         ORDER BY e.id"
        ),
        ExportTable::Feedback => "SELECT f.id, f.person_id, p.name AS person, f.program_id, pr.name AS program, f.score,
                f.comment, f.given_on
         FROM feedback f JOIN person p ON p.id = f.person_id JOIN program pr ON pr.id = f.program_id ORDER BY f.id",
        ExportTable::Programs => "SELECT p.id, p.name, p.start_date, p.end_date, p.status,
                (SELECT group_concat(tag, ' ' ORDER BY rowid) FROM program_hashtag WHERE program_id = p.id AND is_alias = 0) AS hashtags,
                (SELECT group_concat(tag, ' ' ORDER BY rowid) FROM program_hashtag WHERE program_id = p.id AND is_alias = 1) AS aliases
         FROM program p ORDER BY p.id",
        ExportTable::Kpis => "SELECT k.id, k.name, k.date, k.value, k.program_id, pr.name AS program, k.note
         FROM kpi k LEFT JOIN program pr ON pr.id = k.program_id ORDER BY k.id",
        ExportTable::Imports => "SELECT b.id, b.file, b.sha256, b.format, b.person_id, p.name AS person, b.imported_at,
                b.posts_read, b.added, b.already_recorded, b.updated, b.without_hashtag, b.outside_program,
                b.rejected, b.undone_at
         FROM import_batch b LEFT JOIN person p ON p.id = b.person_id ORDER BY b.id",
        ExportTable::SwagStock => "SELECT s.id, s.name, s.stock,
                (SELECT count(*) FROM swag_delivery d WHERE d.package_id = s.id AND d.status = 'delivered') AS delivered
         FROM swag_package s ORDER BY s.id",
        ExportTable::Audit => "SELECT id, at, os_user, command, counts FROM audit ORDER BY id",
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
    // One cell per column, kept from row to row: a text cell reuses its string's memory.
    let mut cells = vec![CellValue::Null; columns.len()];
    while let Some(row) = rows.next()? {
        for (i, cell) in cells.iter_mut().enumerate() {
            match row.get_ref(i)? {
                ValueRef::Text(t) => {
                    let text = String::from_utf8_lossy(t);
                    match cell {
                        CellValue::Text(kept) => {
                            kept.clear();
                            kept.push_str(&text);
                        }
                        other => *other = CellValue::Text(text.into_owned()),
                    }
                }
                ValueRef::Integer(n) => *cell = CellValue::Integer(n),
                ValueRef::Real(f) => *cell = CellValue::Real(f),
                ValueRef::Null | ValueRef::Blob(_) => *cell = CellValue::Null,
            }
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
