//! SQL of the data subjects' rights: a person's rows in every table (found from the schema),
//! erasure, the retention candidates, and backups through SQLite's online backup API.

use std::path::Path;

use anyhow::Context as _;
use rusqlite::backup::{Backup, StepResult};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags, params};
use serde::Serialize;
use serde_json::{Map, Value};

use crate::domain::PersonId;

/// One row of any table, its columns as keys, as a person export shows it.
pub type Row = Map<String, Value>;

/// A column that points at a person: a foreign key to `person`, or a column named `person_id`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonReference {
    pub table: String,
    pub column: String,
}

/// Every column of every table that points at a person, read from the schema itself, so a
/// table added later is found without anyone remembering to list it.
pub fn person_references(conn: &Connection) -> rusqlite::Result<Vec<PersonReference>> {
    let mut stmt = conn.prepare(
        "SELECT m.name, f.\"from\" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f
         WHERE m.type = 'table' AND f.\"table\" = 'person'
         UNION
         SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND c.name = 'person_id'
         ORDER BY 1, 2",
    )?;
    stmt.query_map([], |row| {
        Ok(PersonReference {
            table: row.get(0)?,
            column: row.get(1)?,
        })
    })?
    .collect()
}

/// `name` quoted as an SQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn json_value(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::from(i),
        ValueRef::Real(f) => Value::from(f),
        ValueRef::Text(t) => Value::from(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::from(b.iter().map(|x| format!("{x:02x}")).collect::<String>()),
    }
}

/// Every row of `table` whose `column` equals `value`, all columns, in row order (in
/// primary-key order in a table without rowids; an activity's address, and a ledger
/// entry's reason and time, as shown, rebuilt where they are not stored).
pub fn rows_where(
    conn: &Connection,
    table: &str,
    column: &str,
    value: i64,
) -> rusqlite::Result<Vec<Row>> {
    let without_rowid: bool = conn.query_row(
        "SELECT coalesce((SELECT wr FROM pragma_table_list WHERE schema = 'main' AND name = ?1), 0)",
        [table],
        |row| row.get(0),
    )?;
    let order = if without_rowid {
        let mut keys =
            conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk")?;
        let keys: Vec<String> = keys
            .query_map([table], |row| row.get::<_, String>(0))?
            .map(|key| key.map(|k| format!("t.{}", quoted(&k))))
            .collect::<rusqlite::Result<_>>()?;
        keys.join(", ")
    } else {
        "t.rowid".to_string()
    };
    let columns: Vec<String> = table_columns(conn, table)?
        .iter()
        .map(|name| match (table, name.as_str()) {
            ("activity", "url") => format!("{} AS url", crate::identity::url_sql("t")),
            ("activity", "hashtags") => {
                format!("{} AS hashtags", super::hashtag_sets::tags_sql("t"))
            }
            // A ledger entry's reason and time as `points ledger` shows them, not as kept.
            ("points_entry", "reason") => format!(
                "(SELECT {} FROM points_entry e WHERE e.id = t.id) AS reason",
                super::points::shown_reason!()
            ),
            ("points_entry", "created_at") => format!(
                "(SELECT {} FROM points_entry e WHERE e.id = t.id) AS created_at",
                super::points::shown_created_at!()
            ),
            _ => format!("t.{}", quoted(name)),
        })
        .collect();
    let sql = format!(
        "SELECT {} FROM {} t WHERE t.{} = ?1 ORDER BY {order}",
        columns.join(", "),
        quoted(table),
        quoted(column)
    );
    let mut stmt = conn.prepare(&sql)?;
    let names: Vec<String> = stmt.column_names().map(str::to_string).collect();
    stmt.query_map([value], |row| {
        let mut object = Map::new();
        for (i, name) in names.iter().enumerate() {
            object.insert(name.clone(), json_value(row.get_ref(i)?));
        }
        Ok(object)
    })?
    .collect()
}

/// The audit entries that name the person by id (`person forget` is the one that does).
pub fn audit_about(conn: &Connection, person: PersonId) -> rusqlite::Result<Vec<Row>> {
    let mut stmt = conn
        .prepare("SELECT id FROM audit WHERE json_extract(counts, '$.person') = ?1 ORDER BY id")?;
    let ids: Vec<i64> = stmt
        .query_map([person.0], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut rows = Vec::new();
    for id in ids {
        rows.extend(rows_where(conn, "audit", "id", id)?);
    }
    Ok(rows)
}

/// What erasing one person changed, table by table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Erased {
    pub enrolments: usize,
    pub activities: usize,
    pub feedback: usize,
    pub imports: usize,
    pub deliveries: usize,
}

/// The e-mail address a forgotten person is left with: unique, and in the reserved
/// `.invalid` domain so that it can never be anyone's.
pub fn forgotten_email(person: PersonId) -> String {
    format!("person-{}@forgotten.invalid", person.0)
}

/// Whether the person has already been forgotten.
pub fn is_forgotten(conn: &Connection, person: PersonId) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT email_key = ?2 FROM person WHERE id = ?1",
        params![person.0, forgotten_email(person)],
        |row| row.get(0),
    )
}

/// Replaces the person's identity with `name` and removes what identifies them from their
/// rows: handles, title, motivation and withdrawal reason, their posts' URLs, platform ids,
/// text and notes, their feedback comments, the file names of their imports and the notes of
/// their deliveries. Counts, dates, units, channels, metrics and points stay.
pub fn erase_person(conn: &Connection, person: PersonId, name: &str) -> rusqlite::Result<Erased> {
    let email = forgotten_email(person);
    let id = person.0;
    conn.execute(
        "UPDATE person SET name = ?2, email = ?3, email_key = ?3, title = NULL,
             linkedin = NULL, x = NULL, facebook = NULL, instagram = NULL, mastodon = NULL,
             tiktok = NULL, youtube = NULL, blog = NULL
         WHERE id = ?1",
        params![id, name, email],
    )?;
    let enrolments = conn.execute(
        "UPDATE enrolment SET motivation = NULL, withdraw_reason = NULL WHERE person_id = ?1",
        [id],
    )?;
    let activities = conn.execute(
        "UPDATE activity SET url = NULL, post_id = NULL, url_form = NULL, text = NULL, note = NULL
         WHERE person_id = ?1",
        [id],
    )?;
    let feedback = conn.execute(
        "UPDATE feedback SET comment = NULL WHERE person_id = ?1",
        [id],
    )?;
    let imports = conn.execute(
        "UPDATE import_batch SET file = 'erased (person ' || person_id || ' forgotten)'
         WHERE person_id = ?1",
        [id],
    )?;
    let deliveries = conn.execute(
        "UPDATE swag_delivery SET note = NULL WHERE person_id = ?1",
        [id],
    )?;
    Ok(Erased {
        enrolments,
        activities,
        feedback,
        imports,
        deliveries,
    })
}

/// A text value somewhere in the file that contains one of the strings searched for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Mention {
    pub table: String,
    pub column: String,
    pub rowid: i64,
}

/// Every text cell of every table that contains one of `needles` (compared folded, so
/// "AINO" finds "Aino").
pub fn mentions(conn: &Connection, needles: &[String]) -> rusqlite::Result<Vec<Mention>> {
    if needles.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare(
        // Not the tallies (WITHOUT ROWID): they copy only columns that forget keeps.
        "SELECT m.name, c.name FROM sqlite_schema m, pragma_table_info(m.name) c
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND upper(c.type) = 'TEXT'
           AND NOT EXISTS (SELECT 1 FROM pragma_table_list t WHERE t.schema = 'main' AND t.name = m.name AND t.wr)
         ORDER BY 1, 2",
    )?;
    let columns: Vec<(String, String)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let folded: Vec<String> = needles.iter().map(|n| crate::text::fold(n)).collect();
    let mut found = Vec::new();
    for (table, column) in columns {
        let test = (1..=folded.len())
            .map(|i| format!("instr(fold({}), ?{i}) > 0", quoted(&column)))
            .collect::<Vec<_>>()
            .join(" OR ");
        let sql = format!("SELECT rowid FROM {} WHERE {test}", quoted(&table));
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(&folded), |row| row.get(0))?;
        for rowid in rows {
            found.push(Mention {
                table: table.clone(),
                column: column.clone(),
                rowid: rowid?,
            });
        }
    }
    Ok(found)
}

/// Replaces the reason of the ledger entries `ids` with `reason`. The ledger refuses updates
/// (a trigger); erasure is the one recorded exception: the trigger is lifted for this one
/// statement, inside the command's transaction, and put back exactly as it was. Amounts,
/// dates, kinds and links are never touched. The hash chain is then re-anchored
/// (`points::reanchor`), so `amb check` finds an explained step, not a rewritten past.
pub fn erase_ledger_reasons(conn: &Connection, ids: &[i64], reason: &str) -> anyhow::Result<usize> {
    if ids.is_empty() {
        return Ok(0);
    }
    let changed = super::migrations::with_trigger_lifted(conn, "points_entry_no_update", || {
        let mut stmt =
            conn.prepare("UPDATE points_entry SET reason = ?2, reason_id = NULL WHERE id = ?1")?;
        let mut changed = 0;
        for id in ids {
            changed += stmt.execute(params![id, reason])?;
        }
        Ok(changed)
    })
    .context("cannot erase the ledger's reasons")?;
    if changed > 0 {
        // The changed entries no longer match their hashes: the chain is re-anchored by a
        // recorded step that says why, and `amb check` holds the ledger against it.
        let why = format!("{changed} ledger reasons: {reason}");
        super::points::reanchor(conn, &why)?;
    }
    Ok(changed)
}

/// Leaves no copy of erased bytes behind: the WAL (if any) is checkpointed and truncated, and
/// the file is rebuilt without free pages. Runs outside any transaction.
pub fn compact(conn: &Connection) -> rusqlite::Result<()> {
    let checkpoint =
        |conn: &Connection| conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    checkpoint(conn)?;
    conn.execute_batch("VACUUM")?;
    checkpoint(conn)
}

/// Someone the retention rules would forget, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetentionCandidate {
    pub person: PersonId,
    pub name: String,
    /// Whether they were ever enrolled (a former ambassador) or only applied.
    pub enrolled: bool,
    /// The day their last enrolment ended, or their last application.
    pub since: chrono::NaiveDate,
}

/// People not yet forgotten who are no longer in any programme: applicants never enrolled
/// (with the day of their last application or its end), and former ambassadors whose every
/// enrolment has ended, none in an open-ended programme (with the day the last one ended).
pub fn retention_candidates(conn: &Connection) -> rusqlite::Result<Vec<RetentionCandidate>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name,
                max(e.enrolled_on IS NOT NULL) AS enrolled,
                max(coalesce(e.ended_on, e.applied_on, e.enrolled_on, pr.start_date)) AS since
         FROM person p
         JOIN enrolment e ON e.person_id = p.id
         JOIN program pr ON pr.id = e.program_id
         WHERE p.email_key NOT LIKE 'person-%@forgotten.invalid'
         GROUP BY p.id
         HAVING sum(e.status = 'active') = 0
            AND sum(pr.end_date IS NULL AND e.status <> 'withdrawn' AND e.enrolled_on IS NOT NULL) = 0
         ORDER BY p.id",
    )?;
    stmt.query_map([], |row| {
        Ok(RetentionCandidate {
            person: PersonId(row.get(0)?),
            name: row.get(1)?,
            enrolled: row.get(2)?,
            since: row.get(3)?,
        })
    })?
    .collect()
}

/// `PRAGMA integrity_check`: empty when the file is healthy, else what is wrong.
pub fn integrity_problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows: Vec<String> = stmt
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// Copies the whole database `from` into `to` with the online backup API, in one step so the
/// copy is one consistent moment; waits (up to `patience`) while another connection writes.
pub fn copy_database(
    from: &Connection,
    to: &mut Connection,
    patience: std::time::Duration,
) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    let backup = Backup::new(from, to)?;
    loop {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            StepResult::More => {}
            StepResult::Busy | StepResult::Locked if started.elapsed() < patience => {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            _ => anyhow::bail!(
                "the database stayed busy; try again when the other command has finished"
            ),
        }
    }
}

/// Opens a file read-only, without creating it, for a backup's checks.
pub fn open_read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

/// The file's application id and schema version (`user_version`).
pub fn identity(conn: &Connection) -> rusqlite::Result<(i32, i64)> {
    let id = conn.pragma_query_value(None, "application_id", |row| row.get(0))?;
    let version = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok((id, version))
}

/// The tables every amb schema has had since its first version, missing from this file.
pub fn missing_tables(conn: &Connection) -> rusqlite::Result<Vec<&'static str>> {
    let mut missing = Vec::new();
    for table in ["meta", "program", "person", "enrolment", "audit"] {
        let found: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |row| row.get(0),
        )?;
        if !found {
            missing.push(table);
        }
    }
    Ok(missing)
}

/// Whether a copy holds the person with this e-mail (read-only; any failure counts as no).
pub fn holds_email(path: &Path, email_key: &str) -> bool {
    let Ok(conn) = open_read_only(path) else {
        return false;
    };
    conn.query_row(
        "SELECT count(*) > 0 FROM person WHERE email_key = ?1",
        [email_key],
        |row| row.get(0),
    )
    .unwrap_or(false)
}

/// The column a compact column of `table` is shown as, if it is one (migrations 009 and
/// 010): a day number as its `date`, an activity's codes as its `kind` and `channel`, its
/// hashtag set as its `hashtags`.
fn shown_as(table: &str, column: &str) -> Option<&'static str> {
    match (table, column) {
        ("activity" | "points_entry", "day") => Some("date"),
        ("activity", "kind_code" | "kind_other") => Some("kind"),
        ("activity", "channel_code") => Some("channel"),
        ("activity", "hashtag_set") => Some("hashtags"),
        _ => None,
    }
}

/// The columns of `table` as a person reads them, in schema order: a column kept in a
/// compact form is named by the form it is shown in (an activity's `day` as its `date`),
/// once, where the compact one is.
pub fn table_columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    // hidden: 0 a column, 1 a virtual table's hidden one, 2 and 3 computed (generated).
    let mut stmt =
        conn.prepare("SELECT name FROM pragma_table_xinfo(?1) WHERE hidden <> 1 ORDER BY cid")?;
    let stored: Vec<String> = stmt
        .query_map([table], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    let mut shown: Vec<String> = Vec::new();
    for name in stored {
        let name = shown_as(table, &name).unwrap_or(&name);
        if !shown.iter().any(|s| s == name) {
            shown.push(name.to_string());
        }
    }
    Ok(shown)
}

/// The ids of the people the audit log says were forgotten.
pub fn forgotten_ids(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT DISTINCT json_extract(counts, '$.person') FROM audit
         WHERE command = 'person forget' AND json_extract(counts, '$.person') IS NOT NULL
         ORDER BY 1",
    )?;
    stmt.query_map([], |row| row.get(0))?.collect()
}
