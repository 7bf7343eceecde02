//! The aggregates behind the reports: SQL over indexes, never a loop over every row.

use rusqlite::{Connection, params};
use serde::Serialize;

use crate::domain::{EnrolmentStatus, PersonId, ProgramId, Role};

/// Enrolments of a programme by role and status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Participants {
    pub role: Role,
    pub applied: i64,
    pub active: i64,
    pub completed: i64,
    pub withdrawn: i64,
}

pub fn participants(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Participants>> {
    let mut stmt = conn.prepare(
        "SELECT p.role,
                count(*) FILTER (WHERE e.status = ?2), count(*) FILTER (WHERE e.status = ?3),
                count(*) FILTER (WHERE e.status = ?4), count(*) FILTER (WHERE e.status = ?5)
         FROM enrolment e JOIN person p ON p.id = e.person_id
         WHERE e.program_id = ?1 GROUP BY p.role ORDER BY p.role",
    )?;
    stmt.query_map(
        params![
            program,
            EnrolmentStatus::Applied,
            EnrolmentStatus::Active,
            EnrolmentStatus::Completed,
            EnrolmentStatus::Withdrawn
        ],
        |row| {
            Ok(Participants {
                role: row.get(0)?,
                applied: row.get(1)?,
                active: row.get(2)?,
                completed: row.get(3)?,
                withdrawn: row.get(4)?,
            })
        },
    )?
    .collect()
}

/// A count under a label (a channel, a month, a unit, a kind).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

/// The programme's hashtag posts grouped by `group` (an SQL expression over `a` and `p`).
fn posts_by(conn: &Connection, program: ProgramId, group: &str) -> rusqlite::Result<Vec<Count>> {
    let sql = format!(
        "SELECT {group} AS key, count(*) FROM activity a JOIN person p ON p.id = a.person_id
         WHERE a.program_id = ?1 AND a.kind = 'post'
         GROUP BY key ORDER BY key"
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([program], |row| {
        Ok(Count {
            key: row.get::<_, Option<String>>(0)?.unwrap_or_default(),
            count: row.get(1)?,
        })
    })?
    .collect()
}

/// Hashtag posts per channel.
pub fn posts_by_channel(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    posts_by(conn, program, "a.channel")
}

/// Hashtag posts per calendar month (`YYYY-MM`).
pub fn posts_by_month(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    posts_by(conn, program, "substr(a.date, 1, 7)")
}

/// Hashtag posts per unit of the people who posted.
pub fn posts_by_unit(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    posts_by(conn, program, "p.unit")
}

/// Activities other than posts (shares, visits, talks, articles…) by kind.
pub fn other_activities(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    let mut stmt = conn.prepare(
        "SELECT kind, count(*) FROM activity WHERE program_id = ?1 AND kind <> 'post'
         GROUP BY kind ORDER BY count(*) DESC, kind",
    )?;
    stmt.query_map([program], |row| {
        Ok(Count {
            key: row.get(0)?,
            count: row.get(1)?,
        })
    })?
    .collect()
}

/// Points of a programme: earned (awards and adjustments less their reversals) and redeemed.
pub fn points_totals(conn: &Connection, program: ProgramId) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT coalesce(sum(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN 0 ELSE e.amount END), 0),
                coalesce(sum(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN -e.amount ELSE 0 END), 0)
         FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE e.program_id = ?1",
        [program],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// One of the top ambassadors.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Top {
    pub person_id: PersonId,
    pub name: String,
    pub unit: Option<String>,
    pub value: i64,
}

/// The people with the most hashtag posts in the programme.
pub fn top_by_posts(
    conn: &Connection,
    program: ProgramId,
    limit: i64,
) -> rusqlite::Result<Vec<Top>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.unit, count(*) AS n FROM activity a JOIN person p ON p.id = a.person_id
         WHERE a.program_id = ?1 AND a.kind = 'post'
         GROUP BY p.id ORDER BY n DESC, fold(p.name), p.id LIMIT ?2",
    )?;
    stmt.query_map(params![program, limit], top_row)?.collect()
}

/// The people who earned the most points in the programme.
pub fn top_by_points(
    conn: &Connection,
    program: ProgramId,
    limit: i64,
) -> rusqlite::Result<Vec<Top>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.unit, sum(e.amount) AS n
         FROM points_entry e JOIN person p ON p.id = e.person_id
         LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE e.program_id = ?1 AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption'
         GROUP BY p.id ORDER BY n DESC, fold(p.name), p.id LIMIT ?2",
    )?;
    stmt.query_map(params![program, limit], top_row)?.collect()
}

fn top_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Top> {
    Ok(Top {
        person_id: row.get(0)?,
        name: row.get(1)?,
        unit: row.get(2)?,
        value: row.get(3)?,
    })
}
