//! The points ledger: append-only entries; a balance is a sum.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::{ActivityId, EntryKind, PersonId, PointsSource, ProgramId};

/// A ledger entry as listed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Entry {
    pub id: i64,
    pub date: NaiveDate,
    pub person_id: PersonId,
    pub person: String,
    pub program_id: Option<ProgramId>,
    pub program: Option<String>,
    pub amount: i64,
    pub kind: EntryKind,
    pub reason: String,
    pub source: PointsSource,
    pub activity_id: Option<i64>,
    pub attendance_id: Option<i64>,
    pub reverses: Option<i64>,
    pub reversed_by: Option<i64>,
    pub created_at: String,
}

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub person: PersonId,
    pub program: Option<ProgramId>,
    pub date: NaiveDate,
    pub amount: i64,
    pub kind: EntryKind,
    pub reason: &'a str,
    pub source: PointsSource,
    pub activity: Option<ActivityId>,
    pub attendance: Option<i64>,
    pub key: Option<String>,
    pub reverses: Option<i64>,
}

/// Appends an entry.
pub fn insert(conn: &Connection, entry: &NewEntry<'_>) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason, source,
                                   activity_id, attendance_id, idempotency_key, reverses, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![
        entry.person,
        entry.program,
        entry.date.to_string(),
        entry.amount,
        entry.kind,
        entry.reason,
        entry.source,
        entry.activity,
        entry.attendance,
        entry.key,
        entry.reverses,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Appends, in one statement and in the order they were recorded, the awards of the
/// activities that import `batch` recorded (their ids are above `after`): the same entries
/// `insert` writes one by one. The amount comes from the SQL function `amb_points(kind,
/// channel)`, which the caller registers; with `skip_before_first_training`, activities
/// dated before their programme's first training earn nothing.
pub fn insert_import_awards(
    conn: &Connection,
    batch: i64,
    after: ActivityId,
    skip_before_first_training: bool,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason, source,
                                   activity_id, idempotency_key, created_at)
         SELECT a.person_id, a.program_id, a.date, amb_points(a.kind, a.channel), 'award',
                a.kind || coalesce(' on ' || a.channel, '') || ' (activity ' || a.id || ')',
                'activity', a.id, printf('activity:%012d#0', a.id),
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         FROM activity a
         WHERE a.id > ?2 AND a.batch_id = ?1 AND amb_points(a.kind, a.channel) <> 0
           AND NOT (?3 AND a.program_id IS NOT NULL
                    AND a.date < coalesce((SELECT min(t.date) FROM training t
                                           WHERE t.program_id = a.program_id), ''))
         ORDER BY a.id",
        params![batch, after, skip_before_first_training],
    )
}

const SELECT: &str = "
    SELECT e.id, e.date, e.person_id, p.name, e.program_id, pr.name, e.amount, e.kind, e.reason, e.source,
           e.activity_id, e.attendance_id, e.reverses,
           (SELECT r.id FROM points_entry r WHERE r.reverses = e.id), e.created_at
    FROM points_entry e
    JOIN person p ON p.id = e.person_id
    LEFT JOIN program pr ON pr.id = e.program_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Entry> {
    Ok(Entry {
        id: row.get(0)?,
        date: row.get(1)?,
        person_id: row.get(2)?,
        person: row.get(3)?,
        program_id: row.get(4)?,
        program: row.get(5)?,
        amount: row.get(6)?,
        kind: row.get(7)?,
        reason: row.get(8)?,
        source: row.get(9)?,
        activity_id: row.get(10)?,
        attendance_id: row.get(11)?,
        reverses: row.get(12)?,
        reversed_by: row.get(13)?,
        created_at: row.get(14)?,
    })
}

/// One entry by id.
pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Entry>> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()
}

/// Entries in the order they were written, of one person or all, from a date on.
pub fn ledger(
    conn: &Connection,
    person: Option<PersonId>,
    since: Option<NaiveDate>,
) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR e.person_id = ?1) AND (?2 IS NULL OR e.date >= ?2) ORDER BY e.id"
    ))?;
    stmt.query_map(params![person, since], from_row)?.collect()
}

/// A person's points.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Balance {
    pub person_id: PersonId,
    pub name: String,
    pub balance: i64,
    /// Lifetime points earned: awards and adjustments, less their reversals.
    pub earned: i64,
    /// Points spent on rewards, less reversed redemptions.
    pub redeemed: i64,
    pub tier: Option<String>,
}

/// Balances of everyone (or of one person), highest first; no entries is a balance of 0.
pub fn balances(conn: &Connection, person: Option<PersonId>) -> rusqlite::Result<Vec<Balance>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, coalesce(sum(e.amount), 0),
                coalesce(sum(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN -e.amount ELSE 0 END), 0)
         FROM person p
         LEFT JOIN points_entry e ON e.person_id = p.id
         LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE ?1 IS NULL OR p.id = ?1
         GROUP BY p.id
         ORDER BY 3 DESC, fold(p.name), p.id",
    )?;
    stmt.query_map([person], |row| {
        let balance: i64 = row.get(2)?;
        let redeemed: i64 = row.get(3)?;
        Ok(Balance {
            person_id: row.get(0)?,
            name: row.get(1)?,
            balance,
            earned: balance + redeemed,
            redeemed,
            tier: None,
        })
    })?
    .collect()
}

/// A person's current balance.
pub fn balance_of(conn: &Connection, person: PersonId) -> rusqlite::Result<i64> {
    conn.prepare_cached("SELECT coalesce(sum(amount), 0) FROM points_entry WHERE person_id = ?1")?
        .query_row([person], |row| row.get(0))
}

/// An automatic award that still stands (is not reversed).
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    pub entry: i64,
    pub amount: i64,
    pub person: PersonId,
    pub program: Option<ProgramId>,
}

/// The award of an automatic source that is still standing, if any.
pub fn standing_award(conn: &Connection, key_prefix: &str) -> rusqlite::Result<Option<Standing>> {
    conn.prepare_cached(
        "SELECT e.id, e.amount, e.person_id, e.program_id FROM points_entry e
         WHERE e.idempotency_key >= ?1 || '#' AND e.idempotency_key < ?1 || '$'
           AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)
         ORDER BY e.id DESC LIMIT 1",
    )?
    .query_row([key_prefix], |row| {
        Ok(Standing {
            entry: row.get(0)?,
            amount: row.get(1)?,
            person: row.get(2)?,
            program: row.get(3)?,
        })
    })
    .optional()
}

/// How many awards an automatic source has had (the next one is numbered after them).
pub fn awards_of(conn: &Connection, key_prefix: &str) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT count(*) FROM points_entry
         WHERE idempotency_key >= ?1 || '#' AND idempotency_key < ?1 || '$'",
    )?
    .query_row([key_prefix], |row| row.get(0))
}

/// The awards of person ?1's posts that still stand: what the post caps count.
macro_rules! paid_posts_of_person {
    () => {
        "FROM points_entry e JOIN activity a ON a.id = e.activity_id
         WHERE e.person_id = ?1 AND e.kind = 'award' AND e.source = 'activity' AND a.kind = 'post'
           AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)"
    };
}

/// The person's posts that earned points (and still stand), counted per day.
pub fn paid_posts_by_day(
    conn: &Connection,
    person: PersonId,
) -> rusqlite::Result<Vec<(NaiveDate, i64)>> {
    conn.prepare_cached(concat!(
        "SELECT e.date, count(*) ",
        paid_posts_of_person!(),
        " GROUP BY e.date"
    ))?
    .query_map([person], |row| Ok((row.get(0)?, row.get(1)?)))?
    .collect()
}

/// Posts of the person that earned points (and still stand) between two dates.
pub fn paid_posts(
    conn: &Connection,
    person: PersonId,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(concat!(
        "SELECT count(*) ",
        paid_posts_of_person!(),
        " AND e.date BETWEEN ?2 AND ?3"
    ))?
    .query_row(params![person, from.to_string(), to.to_string()], |row| {
        row.get(0)
    })
}
