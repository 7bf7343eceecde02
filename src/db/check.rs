//! The checks behind `amb check`: SQLite's own, and the invariants of the points ledger.

use rusqlite::{Connection, OptionalExtension};

/// Every problem found, one sentence each; empty when the database is healthy.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let mut integrity = conn.prepare("PRAGMA integrity_check")?;
    for row in integrity.query_map([], |row| row.get::<_, String>(0))? {
        let row = row?;
        if row != "ok" {
            problems.push(format!("integrity: {row}"));
        }
    }
    let mut foreign = conn.prepare("PRAGMA foreign_key_check")?;
    for row in foreign.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<i64>>(1)?,
            row.get::<_, String>(2)?,
        ))
    })? {
        let (table, rowid, parent) = row?;
        problems.push(format!(
            "foreign key: {table} row {} points to a missing {parent}",
            rowid.map_or("?".to_string(), |r| r.to_string())
        ));
    }
    // The guards of the ledger, as the schema created them.
    let guards = [
        (
            "trigger",
            "points_entry_no_update",
            "BEFORE UPDATE ON POINTS_ENTRY",
        ),
        (
            "trigger",
            "points_entry_no_delete",
            "BEFORE DELETE ON POINTS_ENTRY",
        ),
        ("index", "points_entry_idempotency_key", "UNIQUE INDEX"),
        ("index", "points_entry_reverses", "UNIQUE INDEX"),
    ];
    for (kind, name, shape) in guards {
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                [kind, name],
                |row| row.get(0),
            )
            .optional()?
            .flatten();
        let intact = sql.as_deref().is_some_and(|sql| {
            let sql = sql.to_uppercase();
            sql.contains(shape) && (kind == "index" || sql.contains("RAISE(ABORT"))
        });
        if !intact {
            problems.push(format!(
                "ledger: the {kind} {name} is missing or changed: the ledger can be rewritten or paid twice"
            ));
        }
    }
    let checks: &[(&str, &str)] = &[
        (
            "SELECT e.id, e.activity_id FROM points_entry e
             WHERE e.kind = 'award' AND e.source = 'activity'
               AND NOT EXISTS (SELECT 1 FROM activity a WHERE a.id = e.activity_id)
               AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)",
            "ledger: entry {0} pays for activity {1}, which no longer exists, and was not reversed",
        ),
        (
            "SELECT e.id, e.attendance_id FROM points_entry e
             WHERE e.kind = 'award' AND e.source = 'attendance'
               AND NOT EXISTS (SELECT 1 FROM attendance a WHERE a.id = e.attendance_id AND a.status = 'attended')
               AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)",
            "ledger: entry {0} pays for attendance {1}, which is not marked attended, and was not reversed",
        ),
        (
            "SELECT e.activity_id, count(*) FROM points_entry e
             WHERE e.kind = 'award' AND e.source = 'activity'
               AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)
             GROUP BY e.activity_id HAVING count(*) > 1",
            "ledger: activity {0} is paid {1} times",
        ),
        (
            "SELECT e.attendance_id, count(*) FROM points_entry e
             WHERE e.kind = 'award' AND e.source = 'attendance'
               AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)
             GROUP BY e.attendance_id HAVING count(*) > 1",
            "ledger: attendance {0} is paid {1} times",
        ),
        (
            "SELECT reverses, count(*) FROM points_entry WHERE reverses IS NOT NULL
             GROUP BY reverses HAVING count(*) > 1",
            "ledger: entry {0} is reversed {1} times",
        ),
        (
            "SELECT e.id, e.reverses FROM points_entry e JOIN points_entry o ON o.id = e.reverses
             WHERE e.amount <> -o.amount OR e.person_id <> o.person_id",
            "ledger: reversal {0} does not cancel entry {1} exactly",
        ),
        (
            "SELECT e.id, e.reverses FROM points_entry e
             WHERE e.reverses IS NOT NULL AND NOT EXISTS (SELECT 1 FROM points_entry o WHERE o.id = e.reverses)",
            "ledger: reversal {0} cancels entry {1}, which does not exist",
        ),
    ];
    for (sql, message) in checks {
        let mut stmt = conn.prepare(sql)?;
        for row in stmt.query_map([], |row| {
            Ok((row.get::<_, Option<i64>>(0)?, row.get::<_, Option<i64>>(1)?))
        })? {
            let (a, b) = row?;
            let show = |v: Option<i64>| v.map_or("?".to_string(), |v| v.to_string());
            problems.push(message.replace("{0}", &show(a)).replace("{1}", &show(b)));
        }
    }
    Ok(problems)
}
