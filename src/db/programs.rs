//! Programmes (cohorts) and their hashtags.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::{EnrolmentStatus, ProgramId, ProgramStatus};
use crate::error::{ProgramSpan, Taken, Thing, UserError};

/// A programme with its hashtags and how many enrolments it has in each status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Program {
    pub id: ProgramId,
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub status: ProgramStatus,
    pub hashtags: Vec<String>,
    pub aliases: Vec<String>,
    pub applied: i64,
    pub active: i64,
    pub completed: i64,
    pub withdrawn: i64,
}

impl Program {
    /// The programme's name and dates, for messages that list programmes.
    pub fn span(&self) -> ProgramSpan {
        ProgramSpan {
            name: self.name.clone(),
            start_date: self.start_date,
            end_date: self.end_date,
        }
    }

    /// Whether `date` falls within the programme's dates (an open end never ends).
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.start_date <= date && self.end_date.is_none_or(|end| date <= end)
    }
}

/// What `program add` and `program edit` write.
#[derive(Debug, Clone)]
pub struct ProgramFields {
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
    pub hashtags: Vec<String>,
    pub aliases: Vec<String>,
}

const SELECT: &str = "
    SELECT p.id, p.name, p.start_date, p.end_date, p.status,
           (SELECT group_concat(tag, ' ' ORDER BY rowid) FROM program_hashtag WHERE program_id = p.id AND is_alias = 0),
           (SELECT group_concat(tag, ' ' ORDER BY rowid) FROM program_hashtag WHERE program_id = p.id AND is_alias = 1),
           count(e.id) FILTER (WHERE e.status = 'applied'),
           count(e.id) FILTER (WHERE e.status = 'active'),
           count(e.id) FILTER (WHERE e.status = 'completed'),
           count(e.id) FILTER (WHERE e.status = 'withdrawn')
    FROM program p LEFT JOIN enrolment e ON e.program_id = p.id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Program> {
    let tags = |text: Option<String>| -> Vec<String> {
        text.map(|t| t.split(' ').map(str::to_string).collect())
            .unwrap_or_default()
    };
    Ok(Program {
        id: row.get(0)?,
        name: row.get(1)?,
        start_date: row.get(2)?,
        end_date: row.get(3)?,
        status: row.get(4)?,
        hashtags: tags(row.get(5)?),
        aliases: tags(row.get(6)?),
        applied: row.get(7)?,
        active: row.get(8)?,
        completed: row.get(9)?,
        withdrawn: row.get(10)?,
    })
}

/// Every programme, oldest first.
pub fn all(conn: &Connection) -> rusqlite::Result<Vec<Program>> {
    let sql = format!("{SELECT} GROUP BY p.id ORDER BY p.start_date, p.id");
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([], from_row)?.collect()
}

/// One programme by id.
pub fn get(conn: &Connection, id: ProgramId) -> rusqlite::Result<Program> {
    let sql = format!("{SELECT} WHERE p.id = ?1 GROUP BY p.id");
    conn.query_row(&sql, [id], from_row)
}

/// Finds a programme by id, name or an unambiguous part of the name.
pub fn resolve(conn: &Connection, query: &str) -> anyhow::Result<Program> {
    let programs = all(conn)?;
    let trimmed = query.trim();
    if let Ok(id) = trimmed.parse::<i64>()
        && let Some(found) = programs.iter().find(|p| p.id.0 == id)
    {
        return Ok(found.clone());
    }
    let key = crate::text::fold(trimmed);
    if let Some(found) = programs.iter().find(|p| crate::text::fold(&p.name) == key) {
        return Ok(found.clone());
    }
    let mut matches: Vec<&Program> = programs
        .iter()
        .filter(|p| !key.is_empty() && crate::text::fold(&p.name).contains(&key))
        .collect();
    if matches.is_empty() {
        let key = crate::text::fold_accents(trimmed);
        matches = programs
            .iter()
            .filter(|p| !key.is_empty() && crate::text::fold_accents(&p.name).contains(&key))
            .collect();
    }
    match matches.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(UserError::NotFound {
            thing: Thing::Programme,
            query: query.to_string(),
            known: programs.iter().map(Program::span).collect(),
        }
        .into()),
        many => Err(UserError::Ambiguous {
            thing: Thing::Programme,
            query: query.to_string(),
            candidates: many
                .iter()
                .map(|p| format!("{} (id {})", p.name, p.id))
                .collect(),
        }
        .into()),
    }
}

/// Adds a programme; refuses a name already taken.
pub fn insert(conn: &Connection, fields: &ProgramFields) -> anyhow::Result<ProgramId> {
    ensure_name_free(conn, &fields.name, None)?;
    conn.execute(
        "INSERT INTO program (name, start_date, end_date) VALUES (?1, ?2, ?3)",
        params![fields.name, fields.start_date, fields.end_date],
    )?;
    let id = ProgramId(conn.last_insert_rowid());
    replace_hashtags(conn, id, &fields.hashtags, &fields.aliases)?;
    Ok(id)
}

/// Rewrites a programme's fields and hashtags.
pub fn update(conn: &Connection, id: ProgramId, fields: &ProgramFields) -> anyhow::Result<()> {
    ensure_name_free(conn, &fields.name, Some(id))?;
    conn.execute(
        "UPDATE program SET name = ?2, start_date = ?3, end_date = ?4 WHERE id = ?1",
        params![id, fields.name, fields.start_date, fields.end_date],
    )?;
    replace_hashtags(conn, id, &fields.hashtags, &fields.aliases)?;
    Ok(())
}

/// Refuses a name that another programme has in any case (Unicode-aware).
fn ensure_name_free(
    conn: &Connection,
    name: &str,
    except: Option<ProgramId>,
) -> anyhow::Result<()> {
    let taken: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, name FROM program WHERE fold(name) = fold(?1) AND id IS NOT ?2",
            params![name, except],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    match taken {
        Some((id, name)) => Err(Taken::ProgrammeName { name, id }.into()),
        None => Ok(()),
    }
}

/// The first and last day on which the programme has enrolments, completions, trainings or
/// activities: its dates cannot be moved past them.
pub fn used_span(
    conn: &Connection,
    id: ProgramId,
) -> rusqlite::Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    conn.query_row(
        "SELECT min(day), max(day) FROM (
             SELECT enrolled_on AS day FROM enrolment WHERE program_id = ?1 AND enrolled_on IS NOT NULL
             UNION ALL SELECT ended_on FROM enrolment WHERE program_id = ?1 AND status = 'completed'
             UNION ALL SELECT min(date) FROM training WHERE program_id = ?1
             UNION ALL SELECT max(date) FROM training WHERE program_id = ?1
             UNION ALL SELECT date(min(day) * 86400, 'unixepoch') FROM activity WHERE program_id = ?1
             UNION ALL SELECT date(max(day) * 86400, 'unixepoch') FROM activity WHERE program_id = ?1
         )",
        [id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

fn replace_hashtags(
    conn: &Connection,
    id: ProgramId,
    hashtags: &[String],
    aliases: &[String],
) -> anyhow::Result<()> {
    conn.execute("DELETE FROM program_hashtag WHERE program_id = ?1", [id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO program_hashtag (program_id, tag, is_alias) VALUES (?1, ?2, ?3)
         ON CONFLICT DO NOTHING",
    )?;
    for tag in hashtags {
        stmt.execute(params![id, tag, false])?;
    }
    for tag in aliases {
        stmt.execute(params![id, tag, true])?;
    }
    Ok(())
}

/// Closes a programme on `date`: its active enrolments become completed. Returns how many.
pub fn close(conn: &Connection, id: ProgramId, date: NaiveDate) -> rusqlite::Result<usize> {
    conn.execute(
        "UPDATE program SET status = 'closed', end_date = coalesce(end_date, ?2) WHERE id = ?1",
        params![id, date],
    )?;
    conn.execute(
        "UPDATE enrolment SET status = ?3, ended_on = ?2 WHERE program_id = ?1 AND status = ?4",
        params![
            id,
            date,
            EnrolmentStatus::Completed,
            EnrolmentStatus::Active
        ],
    )
}

/// How many records (enrolments, trainings, activities, deliveries, feedback, KPI values,
/// points entries) belong to the programme.
pub fn records_of(conn: &Connection, id: ProgramId) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM enrolment WHERE program_id = ?1)
              + (SELECT count(*) FROM training WHERE program_id = ?1)
              + (SELECT count(*) FROM activity WHERE program_id = ?1)
              + (SELECT count(*) FROM swag_delivery WHERE program_id = ?1)
              + (SELECT count(*) FROM feedback WHERE program_id = ?1)
              + (SELECT count(*) FROM kpi WHERE program_id = ?1)
              + (SELECT count(*) FROM points_entry WHERE program_id = ?1)",
        [id],
        |row| row.get(0),
    )
}

/// Removes a programme that holds nothing (its hashtags go with it).
pub fn delete(conn: &Connection, id: ProgramId) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM program WHERE id = ?1", [id])?;
    Ok(())
}
