//! Feedback: the participants' experiences of a programme.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::domain::{PersonId, ProgramId};

/// One person's feedback on one programme.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Feedback {
    pub id: i64,
    pub person_id: PersonId,
    pub person: String,
    pub program: String,
    pub score: i64,
    pub comment: Option<String>,
    pub given_on: NaiveDate,
}

const SELECT: &str = "
    SELECT f.id, f.person_id, p.name, pr.name, f.score, f.comment, f.given_on
    FROM feedback f JOIN person p ON p.id = f.person_id JOIN program pr ON pr.id = f.program_id";

fn from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Feedback> {
    Ok(Feedback {
        id: row.get(0)?,
        person_id: row.get(1)?,
        person: row.get(2)?,
        program: row.get(3)?,
        score: row.get(4)?,
        comment: row.get(5)?,
        given_on: row.get(6)?,
    })
}

/// The person's feedback on the programme, if given.
pub fn find(
    conn: &Connection,
    person: PersonId,
    program: ProgramId,
) -> rusqlite::Result<Option<Feedback>> {
    conn.query_row(
        &format!("{SELECT} WHERE f.person_id = ?1 AND f.program_id = ?2"),
        params![person, program],
        from_row,
    )
    .optional()
}

/// Records feedback, replacing an earlier one by the same person on the same programme.
pub fn upsert(
    conn: &Connection,
    person: PersonId,
    program: ProgramId,
    score: i64,
    comment: Option<&str>,
    date: NaiveDate,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO feedback (person_id, program_id, score, comment, given_on)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (person_id, program_id)
         DO UPDATE SET score = excluded.score, comment = excluded.comment, given_on = excluded.given_on",
        params![person, program, score, comment, date],
    )?;
    Ok(())
}

/// Feedback on one programme or all, by date.
pub fn list(conn: &Connection, program: Option<ProgramId>) -> rusqlite::Result<Vec<Feedback>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE ?1 IS NULL OR f.program_id = ?1 ORDER BY f.given_on, f.id"
    ))?;
    stmt.query_map([program], from_row)?.collect()
}

/// How many gave feedback on a programme, and their average score (`None` without any).
pub fn summary(conn: &Connection, program: ProgramId) -> rusqlite::Result<(i64, Option<f64>)> {
    conn.query_row(
        "SELECT count(*), round(avg(score), 2) FROM feedback WHERE program_id = ?1",
        [program],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// One feedback by id.
pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Feedback>> {
    conn.query_row(&format!("{SELECT} WHERE f.id = ?1"), [id], from_row)
        .optional()
}

/// Changes a feedback's score and comment.
pub fn update(
    conn: &Connection,
    id: i64,
    score: i64,
    comment: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE feedback SET score = ?2, comment = ?3 WHERE id = ?1",
        params![id, score, comment],
    )?;
    Ok(())
}

/// Removes a feedback.
pub fn delete(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM feedback WHERE id = ?1", [id])?;
    Ok(())
}

/// How many gave each score (1 to 5) on a programme, lowest score first.
pub fn score_counts(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<(i64, i64)>> {
    let mut stmt = conn.prepare(
        "SELECT score, count(*) FROM feedback WHERE program_id = ?1 GROUP BY score ORDER BY score",
    )?;
    stmt.query_map([program], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// The comments given on a programme without who gave them or when, in the order of their
/// text, so nothing ties a comment to a person.
pub fn comments(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT comment FROM feedback
         WHERE program_id = ?1 AND comment IS NOT NULL AND trim(comment) <> ''
         ORDER BY comment",
    )?;
    stmt.query_map([program], |row| row.get(0))?.collect()
}
