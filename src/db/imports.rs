//! Import batches: one per imported file, so that an import can be listed and undone.

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::{ActivityId, PersonId};

/// The activities of import batch `?1`, as an SQL condition on `activity a`: a batch's
/// activities are recorded in one transaction, so they are one range of ids (kept in
/// `import_batch`), read without a scan or an index of its own.
macro_rules! batch_activities {
    () => {
        "a.id BETWEEN (SELECT first_activity FROM import_batch WHERE id = ?1)
                  AND (SELECT last_activity FROM import_batch WHERE id = ?1)
         AND a.batch_id = ?1"
    };
}
pub(crate) use batch_activities;

/// What one import found and did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Counts {
    pub posts_read: i64,
    pub added: i64,
    pub already_recorded: i64,
    pub updated: i64,
    pub without_hashtag: i64,
    pub outside_program: i64,
    pub rejected: i64,
}

/// A batch as listed by `amb import list`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Batch {
    pub id: i64,
    pub file: String,
    pub sha256: String,
    pub format: String,
    pub person_id: Option<PersonId>,
    pub person: Option<String>,
    pub imported_at: String,
    #[serde(flatten)]
    pub counts: Counts,
    /// Activities of the batch still recorded.
    pub activities: i64,
    pub undone_at: Option<String>,
}

/// Starts a batch; its counts are written by [`finish`].
pub fn start(
    conn: &Connection,
    file: &str,
    sha256: &str,
    format: &str,
    person: Option<PersonId>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO import_batch (file, sha256, format, person_id, imported_at)
         VALUES (?1, ?2, ?3, ?4, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
        params![file, sha256, format, person],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Writes a batch's file hash and counts, and the range of ids its activities have (all
/// recorded after activity `after`).
pub fn finish(
    conn: &Connection,
    id: i64,
    after: ActivityId,
    sha256: &str,
    counts: &Counts,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE import_batch SET sha256 = ?2, posts_read = ?3, added = ?4, already_recorded = ?5,
             updated = ?6, without_hashtag = ?7, outside_program = ?8, rejected = ?9,
             first_activity = (SELECT min(id) FROM activity WHERE id > ?10 AND batch_id = ?1),
             last_activity = (SELECT max(id) FROM activity WHERE id > ?10 AND batch_id = ?1)
         WHERE id = ?1",
        params![
            id,
            sha256,
            counts.posts_read,
            counts.added,
            counts.already_recorded,
            counts.updated,
            counts.without_hashtag,
            counts.outside_program,
            counts.rejected,
            after,
        ],
    )?;
    Ok(())
}

const SELECT: &str = "
    SELECT b.id, b.file, b.sha256, b.format, b.person_id, p.name, b.imported_at,
           b.posts_read, b.added, b.already_recorded, b.updated, b.without_hashtag,
           b.outside_program, b.rejected,
           (SELECT count(*) FROM activity a
            WHERE a.id BETWEEN b.first_activity AND b.last_activity AND a.batch_id = b.id),
           b.undone_at
    FROM import_batch b LEFT JOIN person p ON p.id = b.person_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Batch> {
    Ok(Batch {
        id: row.get(0)?,
        file: row.get(1)?,
        sha256: row.get(2)?,
        format: row.get(3)?,
        person_id: row.get(4)?,
        person: row.get(5)?,
        imported_at: row.get(6)?,
        counts: Counts {
            posts_read: row.get(7)?,
            added: row.get(8)?,
            already_recorded: row.get(9)?,
            updated: row.get(10)?,
            without_hashtag: row.get(11)?,
            outside_program: row.get(12)?,
            rejected: row.get(13)?,
        },
        activities: row.get(14)?,
        undone_at: row.get(15)?,
    })
}

/// Every batch, oldest first.
pub fn list(conn: &Connection) -> rusqlite::Result<Vec<Batch>> {
    let mut stmt = conn.prepare(&format!("{SELECT} ORDER BY b.id"))?;
    stmt.query_map([], from_row)?.collect()
}

/// One batch by id.
pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<Batch>> {
    conn.query_row(&format!("{SELECT} WHERE b.id = ?1"), [id], from_row)
        .optional()
}

/// The earlier batches that read a file with this hash.
pub fn with_hash(conn: &Connection, sha256: &str, except: i64) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM import_batch WHERE sha256 = ?1 AND id <> ?2 AND undone_at IS NULL ORDER BY id",
    )?;
    stmt.query_map(params![sha256, except], |row| row.get(0))?
        .collect()
}

/// The people whose activities the batch holds.
pub fn people_of(conn: &Connection, id: i64) -> rusqlite::Result<Vec<PersonId>> {
    let mut stmt = conn.prepare(concat!(
        "SELECT DISTINCT a.person_id FROM activity a WHERE ",
        batch_activities!()
    ))?;
    stmt.query_map([id], |row| row.get(0))?.collect()
}

/// Removes exactly the batch's activities (and the hashtag sets only they carried) and marks
/// it undone. Returns how many were removed.
pub fn undo(conn: &Connection, id: i64) -> rusqlite::Result<usize> {
    let sets = super::hashtag_sets::sets_of(conn, batch_activities!(), [id])?;
    let removed = conn.execute(
        concat!("DELETE FROM activity AS a WHERE ", batch_activities!()),
        [id],
    )?;
    super::hashtag_sets::remove_unused_sets(conn, &sets)?;
    conn.execute(
        "UPDATE import_batch SET undone_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?1",
        [id],
    )?;
    Ok(removed)
}
