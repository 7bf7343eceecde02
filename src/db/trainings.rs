//! Trainings and who attended them.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::{Attendance, PersonId, ProgramId, Role, TrainingId, TrainingKind};
use crate::error::{Thing, UserError};

/// A training with its attendance counts.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Training {
    pub id: TrainingId,
    pub program_id: ProgramId,
    pub program: String,
    pub title: String,
    pub date: NaiveDate,
    pub trainer: Option<String>,
    pub kind: TrainingKind,
    pub attended: i64,
    pub absent: i64,
    pub excused: i64,
}

const SELECT: &str = "
    SELECT t.id, t.program_id, pr.name, t.title, t.date, t.trainer, t.kind,
           count(a.id) FILTER (WHERE a.status = 'attended'),
           count(a.id) FILTER (WHERE a.status = 'absent'),
           count(a.id) FILTER (WHERE a.status = 'excused')
    FROM training t
    JOIN program pr ON pr.id = t.program_id
    LEFT JOIN attendance a ON a.training_id = t.id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Training> {
    Ok(Training {
        id: row.get(0)?,
        program_id: row.get(1)?,
        program: row.get(2)?,
        title: row.get(3)?,
        date: row.get(4)?,
        trainer: row.get(5)?,
        kind: row.get(6)?,
        attended: row.get(7)?,
        absent: row.get(8)?,
        excused: row.get(9)?,
    })
}

/// Adds a training to a programme.
pub fn insert(
    conn: &Connection,
    program: ProgramId,
    title: &str,
    date: NaiveDate,
    trainer: Option<&str>,
    kind: TrainingKind,
) -> rusqlite::Result<TrainingId> {
    conn.execute(
        "INSERT INTO training (program_id, title, date, trainer, kind) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![program, title, date, trainer, kind],
    )?;
    Ok(TrainingId(conn.last_insert_rowid()))
}

/// Trainings by date, of one programme or all.
pub fn list(conn: &Connection, program: Option<ProgramId>) -> rusqlite::Result<Vec<Training>> {
    let sql = format!(
        "{SELECT} WHERE ?1 IS NULL OR t.program_id = ?1 GROUP BY t.id ORDER BY t.date, t.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([program], from_row)?.collect()
}

/// One training by id.
pub fn get(conn: &Connection, id: TrainingId) -> rusqlite::Result<Training> {
    conn.query_row(
        &format!("{SELECT} WHERE t.id = ?1 GROUP BY t.id"),
        [id],
        from_row,
    )
}

/// Finds a training by id, an unambiguous case-insensitive part of its title, or its kind.
pub fn resolve(conn: &Connection, query: &str) -> anyhow::Result<Training> {
    let trimmed = query.trim();
    let not_found = || UserError::NotFound {
        thing: Thing::Training,
        query: query.to_string(),
        known: Vec::new(),
    };
    if let Ok(id) = trimmed.parse::<i64>()
        && let Some(training) = get(conn, TrainingId(id)).optional()?
    {
        return Ok(training);
    }
    if trimmed.is_empty() {
        return Err(not_found().into());
    }
    // A kind ("kickoff", "follow-up") names the training of that kind, like a title would.
    let kind = trimmed
        .parse::<TrainingKind>()
        .ok()
        .filter(|k| *k != TrainingKind::Other);
    let sql = format!(
        "{SELECT} WHERE instr(fold_accents(t.title), fold_accents(?1)) > 0 OR t.kind IS ?2
         GROUP BY t.id ORDER BY t.date, t.id LIMIT 11"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut found: Vec<Training> = stmt
        .query_map(params![trimmed, kind], from_row)?
        .collect::<Result<_, _>>()?;
    // An exact title wins over longer titles that contain it.
    let key = crate::text::fold(trimmed);
    if let Some(exact) = found
        .iter()
        .position(|t| crate::text::fold(&t.title) == key)
    {
        return Ok(found.swap_remove(exact));
    }
    match found.len() {
        0 => Err(not_found().into()),
        1 => Ok(found.remove(0)),
        _ => Err(UserError::Ambiguous {
            thing: Thing::Training,
            query: query.to_string(),
            candidates: found
                .iter()
                .map(|t| format!("{} on {} (id {})", t.title, t.date, t.id))
                .collect(),
        }
        .into()),
    }
}

/// One line of a training's roster.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RosterEntry {
    pub person_id: PersonId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub unit: Option<String>,
    pub status: Attendance,
}

/// Everyone enrolled in the training's programme on its date, plus anyone else who has a
/// mark, with their mark (`not_recorded` when none).
pub fn roster(conn: &Connection, training: &Training) -> rusqlite::Result<Vec<RosterEntry>> {
    let mut stmt = conn.prepare(
        "WITH members AS (
             SELECT person_id FROM enrolment_period
             WHERE program_id = ?1 AND first_day <= ?2 AND (last_day IS NULL OR ?2 <= last_day)
             UNION
             SELECT person_id FROM attendance WHERE training_id = ?3
         )
         SELECT p.id, p.name, p.email, p.role, p.unit, coalesce(a.status, 'not_recorded')
         FROM members m
         JOIN person p ON p.id = m.person_id
         LEFT JOIN attendance a ON a.training_id = ?3 AND a.person_id = p.id
         ORDER BY fold(p.name), p.id",
    )?;
    stmt.query_map(
        params![training.program_id, training.date, training.id],
        |row| {
            Ok(RosterEntry {
                person_id: row.get(0)?,
                name: row.get(1)?,
                email: row.get(2)?,
                role: row.get(3)?,
                unit: row.get(4)?,
                status: row.get(5)?,
            })
        },
    )?
    .collect()
}

/// The mark a person has for a training, if any.
pub fn mark_of(
    conn: &Connection,
    training: TrainingId,
    person: PersonId,
) -> rusqlite::Result<Option<Attendance>> {
    conn.prepare_cached("SELECT status FROM attendance WHERE training_id = ?1 AND person_id = ?2")?
        .query_row(params![training, person], |row| row.get(0))
        .optional()
}

/// Records or changes a person's mark.
pub fn set_mark(
    conn: &Connection,
    training: TrainingId,
    person: PersonId,
    mark: Attendance,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO attendance (training_id, person_id, status) VALUES (?1, ?2, ?3)
         ON CONFLICT (training_id, person_id) DO UPDATE SET status = excluded.status",
    )?
    .execute(params![training, person, mark])?;
    Ok(())
}

/// The attendance rows of a training: (attendance id, person), in the order marked.
pub fn marks(conn: &Connection, training: TrainingId) -> rusqlite::Result<Vec<(i64, PersonId)>> {
    let mut stmt =
        conn.prepare("SELECT id, person_id FROM attendance WHERE training_id = ?1 ORDER BY id")?;
    stmt.query_map([training], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect()
}

/// Removes a training with its attendance marks (their points are the caller's).
pub fn delete(conn: &Connection, training: TrainingId) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM attendance WHERE training_id = ?1", [training])?;
    conn.execute("DELETE FROM training WHERE id = ?1", [training])?;
    Ok(())
}

/// Changes a training's title, date, trainer and kind.
pub fn update(
    conn: &Connection,
    training: TrainingId,
    title: &str,
    date: NaiveDate,
    trainer: Option<&str>,
    kind: TrainingKind,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE training SET title = ?2, date = ?3, trainer = ?4, kind = ?5 WHERE id = ?1",
        params![training, title, date, trainer, kind],
    )?;
    Ok(())
}
