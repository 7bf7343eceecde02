//! The checks behind `amb check`: SQLite's own, the guards and invariants of the points
//! ledger, and its hash chain. A check that cannot run (a damaged file) is a problem too.

use rusqlite::{Connection, OptionalExtension};

use super::{migrations, points, points_tally};

/// The ledger's guards, each exactly as the schema created it.
const GUARDS: [(&str, &str); 10] = [
    ("trigger", "points_entry_no_update"),
    ("trigger", "points_entry_no_delete"),
    ("index", "points_entry_idempotency_key"),
    ("index", "points_entry_reverses"),
    ("trigger", "points_chain_no_update"),
    ("trigger", "points_chain_no_delete"),
    ("trigger", "points_anchor_no_update"),
    ("trigger", "points_anchor_no_delete"),
    ("trigger", "points_reason_no_update"),
    ("trigger", "points_reason_no_delete"),
];

/// The triggers that keep the ledger's sums (`points_tally`), each exactly as created.
const TALLY_TRIGGERS: [&str; 3] = [
    "points_tally_insert",
    "points_tally_delete",
    "points_tally_update",
];

/// One kind of check: the problems it finds, one sentence each.
type Check = fn(&Connection) -> rusqlite::Result<Vec<String>>;

/// Every problem found, one sentence each; empty when the database is healthy.
pub fn problems(conn: &Connection) -> Vec<String> {
    let mut problems = Vec::new();
    let sections: [(&str, Check); 9] = [
        ("integrity", integrity),
        ("foreign keys", foreign_keys),
        ("ledger guards", guards),
        ("ledger", invariants),
        ("ledger chain", points::chain_breaks),
        ("ledger anchors", points::anchor_breaks),
        ("ledger ids", points::id_gaps),
        ("report totals", super::activity_tally::problems),
        ("points totals", points_tally::differences),
    ];
    for (name, check) in sections {
        match check(conn) {
            Ok(found) => problems.extend(found),
            Err(err) => problems.push(format!("{name}: cannot be checked ({err})")),
        }
    }
    problems
}

fn integrity(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut integrity = conn.prepare("PRAGMA integrity_check")?;
    let rows = integrity.query_map([], |row| row.get::<_, String>(0))?;
    let mut problems = Vec::new();
    for row in rows {
        let row = row?;
        if row != "ok" {
            problems.push(format!("integrity: {row}"));
        }
    }
    Ok(problems)
}

fn foreign_keys(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut foreign = conn.prepare("PRAGMA foreign_key_check")?;
    let rows = foreign.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, Option<i64>>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut problems = Vec::new();
    for row in rows {
        let (table, rowid, parent) = row?;
        problems.push(format!(
            "foreign key: {table} row {} points to a missing {parent}",
            rowid.map_or("?".to_string(), |r| r.to_string())
        ));
    }
    Ok(problems)
}

/// The guards are there with the exact text the schema gave them (a trigger rewritten to
/// never fire is not a guard), and no other trigger acts on the ledger.
fn guards(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut problems = Vec::new();
    let guards = GUARDS.map(|g| (g, "the ledger can be rewritten or paid twice"));
    let tallies = TALLY_TRIGGERS.map(|name| {
        (
            ("trigger", name),
            "balances and reports can drift from the ledger",
        )
    });
    for ((kind, name), risk) in guards.into_iter().chain(tallies) {
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = ?1 AND name = ?2",
                [kind, name],
                |row| row.get(0),
            )
            .optional()?
            .flatten();
        let expected = migrations::created_sql(name);
        match sql {
            None => problems.push(format!("ledger: the {kind} {name} is missing: {risk}")),
            Some(sql) if Some(sql.as_str()) != expected => problems.push(format!(
                "ledger: the {kind} {name} was changed from what amb created: {risk}"
            )),
            Some(_) => {}
        }
    }
    let mut others = conn.prepare(
        "SELECT name, tbl_name FROM sqlite_schema
         WHERE type = 'trigger' AND tbl_name IN ('points_entry', 'points_chain', 'points_anchor', 'points_reason')
         ORDER BY name",
    )?;
    for row in others.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })? {
        let (name, table) = row?;
        let known = GUARDS.iter().any(|(_, guard)| *guard == name)
            || TALLY_TRIGGERS.contains(&name.as_str());
        if !known {
            problems.push(format!(
                "ledger: a trigger amb did not create acts on {table}: {name}"
            ));
        }
    }
    Ok(problems)
}

/// What the ledger's entries must say about each other and the rest of the data.
fn invariants(conn: &Connection) -> rusqlite::Result<Vec<String>> {
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
            "SELECT id, NULL FROM points_entry WHERE reason IS NULL AND reason_id IS NULL",
            "ledger: entry {0} has no reason",
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
    let mut problems = Vec::new();
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ledger_with_entries() -> Connection {
        let conn = crate::db::memory();
        conn.execute_batch(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');",
        )
        .unwrap();
        // Sealed entry by entry, as three commands would: each entry's hash is kept.
        for amount in [10, 20, -5] {
            add_entry(&conn, amount);
            points::seal(&conn).unwrap();
        }
        conn
    }

    fn add_entry(conn: &Connection, amount: i64) {
        let kind = if amount < 0 { "redemption" } else { "award" };
        let source = if amount < 0 { "redemption" } else { "manual" };
        conn.execute(
            "INSERT INTO points_entry (person_id, day, amount, kind, reason, source, created_at)
             VALUES (1, unixepoch('2022-11-01') / 86400, ?1, ?2, 'r', ?3, '2022-11-01T10:00:00Z')",
            rusqlite::params![amount, kind, source],
        )
        .unwrap();
    }

    /// One write of 2,100 entries keeps the hashes of entries 1024, 2048 and 2100; a change
    /// is named by the block it is in, an entry written around amb by its id.
    #[test]
    fn a_long_write_keeps_every_1024th_hash_and_names_the_block_changed() {
        let conn = crate::db::memory();
        conn.execute_batch(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');",
        )
        .unwrap();
        for _ in 0..2100 {
            add_entry(&conn, 10);
        }
        assert_eq!(points::seal(&conn).unwrap(), 2100);
        let kept: Vec<i64> = conn
            .prepare("SELECT entry_id FROM points_chain ORDER BY 1")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(kept, [1024, 2048, 2100]);
        assert_eq!(problems(&conn), Vec::<String>::new());
        assert_eq!(points::head(&conn).unwrap().entry, 2100);
        conn.execute_batch(
            "DROP TRIGGER points_entry_no_update;
             UPDATE points_entry SET amount = 11 WHERE id = 1500;",
        )
        .unwrap();
        conn.execute_batch(&format!(
            "{};",
            migrations::created_sql("points_entry_no_update").unwrap()
        ))
        .unwrap();
        add_entry(&conn, 10);
        assert_eq!(
            problems(&conn),
            vec![
                "ledger: entries 1025–2048 do not match their hash: one of them, or the entry before them, was changed or removed after it was written",
                "ledger: entry 2101 has no hash in the chain: it was added around amb",
            ]
        );
    }

    #[test]
    fn a_new_database_and_a_sealed_ledger_are_healthy() {
        assert_eq!(problems(&crate::db::memory()), Vec::<String>::new());
        let conn = ledger_with_entries();
        assert_eq!(problems(&conn), Vec::<String>::new());
        assert_eq!(points::head(&conn).unwrap().entry, 3);
    }

    #[test]
    fn every_guard_is_found_in_the_migrations() {
        for (_, name) in GUARDS {
            assert!(migrations::created_sql(name).is_some(), "{name}");
        }
    }

    #[test]
    fn an_entry_edited_behind_the_triggers_back_is_named() {
        let conn = ledger_with_entries();
        let before = points::head(&conn).unwrap();
        conn.execute_batch(
            "DROP TRIGGER points_entry_no_update;
             UPDATE points_entry SET amount = 200 WHERE id = 2;",
        )
        .unwrap();
        conn.execute_batch(&format!(
            "{};",
            migrations::created_sql("points_entry_no_update").unwrap()
        ))
        .unwrap();
        assert_eq!(
            problems(&conn),
            vec![
                "ledger: entry 2 does not match its hash: it or the entry before it was changed or removed after it was written"
            ]
        );
        assert_eq!(
            points::head(&conn).unwrap(),
            before,
            "the head is what was stored"
        );
    }

    #[test]
    fn a_deleted_entry_is_a_gap_and_a_break() {
        let conn = ledger_with_entries();
        conn.execute_batch(
            "DROP TRIGGER points_entry_no_delete; DELETE FROM points_entry WHERE id = 2;",
        )
        .unwrap();
        let found = problems(&conn).join("\n");
        assert!(
            found.contains("trigger points_entry_no_delete is missing"),
            "{found}"
        );
        assert!(found.contains("entry 2 is missing"), "{found}");
        assert!(found.contains("entry 3 does not match its hash"), "{found}");
        assert!(found.contains("entry 2 was deleted"), "{found}");
    }

    #[test]
    fn a_reanchored_ledger_is_healthy_and_keeps_the_old_head() {
        let conn = ledger_with_entries();
        let before = points::head(&conn).unwrap();
        conn.execute_batch(
            "DROP TRIGGER points_entry_no_delete; DELETE FROM points_entry WHERE id = 3;",
        )
        .unwrap();
        conn.execute_batch(&format!(
            "{};",
            migrations::created_sql("points_entry_no_delete").unwrap()
        ))
        .unwrap();
        let after = points::reanchor(&conn, "person 1 forgotten on request").unwrap();
        assert_eq!(problems(&conn), Vec::<String>::new());
        assert_eq!(after.entry, 2);
        assert_ne!(after.hash, before.hash);
        let recorded: String = conn
            .query_row("SELECT previous_head FROM points_anchor", [], |row| {
                row.get(0)
            })
            .unwrap();
        assert_eq!(recorded, before.hash);
        conn.execute_batch(
            "DROP TRIGGER points_anchor_no_update; UPDATE points_anchor SET reason = 'x';",
        )
        .unwrap();
        let found = problems(&conn).join("\n");
        assert!(
            found.contains("anchor 1 does not match its hash"),
            "{found}"
        );
    }
}
