//! The schema, as an append-only list of migrations tracked in `PRAGMA user_version`.
//!
//! Never edit or remove a migration that has been released: add a new one at the end.

use anyhow::Context as _;
use rusqlite::{Connection, Transaction, TransactionBehavior};

/// Every migration, oldest first; the schema version is the number applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_foundation.sql"),
    include_str!("migrations/002_operations.sql"),
    include_str!("migrations/003_points.sql"),
    include_str!("migrations/004_ledger_chain.sql"),
    include_str!("migrations/006_points_tally.sql"),
];

/// The schema version this program writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// Outcome of comparing a file's schema version with this program's.
#[derive(Debug, PartialEq, Eq)]
pub enum Version {
    Current,
    Older(i64),
    Newer(i64),
    /// A negative version, which amb never writes: the header is damaged.
    Invalid(i64),
}

/// Reads the file's schema version and compares it with [`LATEST`].
pub fn version(conn: &Connection) -> rusqlite::Result<Version> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    Ok(match found {
        v if v < 0 => Version::Invalid(v),
        v if v == LATEST => Version::Current,
        v if v < LATEST => Version::Older(v),
        v => Version::Newer(v),
    })
}

/// The text of the statement of the schema that creates `name` (a trigger or an index),
/// exactly as SQLite keeps it in `sqlite_schema.sql`: what `amb check` compares with.
pub fn created_sql(name: &str) -> Option<&'static str> {
    MIGRATIONS.iter().find_map(|migration| {
        let start = [
            format!("CREATE TRIGGER {name} "),
            format!("CREATE UNIQUE INDEX {name} "),
            format!("CREATE INDEX {name} "),
        ]
        .iter()
        .find_map(|head| migration.find(head.as_str()))?;
        let rest = &migration[start..];
        let end = if rest.starts_with("CREATE TRIGGER") {
            rest.find("\nEND;").map(|end| end + "\nEND".len())?
        } else {
            rest.find(';')?
        };
        Some(&rest[..end])
    })
}

/// Runs `run` with the trigger `name` lifted (dropped, if it is there) and puts it back
/// after, exactly as the migrations created it: `amb check` compares the text. For the few
/// writes that a trigger refuses or that do its work in bulk, in the caller's transaction.
pub fn with_trigger_lifted<T>(
    conn: &Connection,
    name: &str,
    run: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let created = created_sql(name).ok_or(rusqlite::Error::InvalidQuery)?;
    let present: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
        [name],
        |row| row.get(0),
    )?;
    if !present {
        return run();
    }
    conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    let result = run();
    let restored = conn.execute_batch(&format!("{created};"));
    let value = result?;
    restored?;
    Ok(value)
}

/// What a migration cannot compute in SQL, run in its transaction after the migrations (the
/// ledger's hash chain of the entries already there).
pub type Finish<'a> = &'a dyn Fn(&Transaction<'_>) -> anyhow::Result<()>;

/// Applies the missing migrations in one transaction, then `finish`; a newer file is left
/// alone (the caller refuses it).
pub fn migrate(conn: &mut Connection, finish: Finish<'_>) -> anyhow::Result<Version> {
    let Version::Older(found) = version(conn)? else {
        return Ok(version(conn)?);
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        tx.execute_batch(sql)
            .with_context(|| format!("schema migration {} failed", index + 1))?;
    }
    finish(&tx)?;
    tx.pragma_update(None, "user_version", LATEST)?;
    tx.commit()?;
    Ok(Version::Older(found))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_a_new_database_and_is_idempotent() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(super::super::migrate(&mut conn).unwrap(), Version::Older(0));
        assert_eq!(super::super::migrate(&mut conn).unwrap(), Version::Current);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('program', 'person', 'enrolment', 'audit')",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(tables, 4);
        assert_eq!(version(&conn).unwrap(), Version::Current);
    }

    /// Except the kept sums: a sum that overflows must turn into a REAL that readers notice.
    #[test]
    fn every_table_is_strict() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::migrate(&mut conn).unwrap();
        let loose: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name NOT IN ('points_tally')")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(loose.is_empty(), "not STRICT: {loose:?}");
    }

    #[test]
    fn an_older_database_is_upgraded_and_keeps_its_data() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(MIGRATIONS[0]).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'aino@vaasa.example', 'aino@vaasa.example', 'employee')",
            [],
        )
        .unwrap();
        assert_eq!(super::super::migrate(&mut conn).unwrap(), Version::Older(1));
        assert_eq!(version(&conn).unwrap(), Version::Current);
        let name: String = conn
            .query_row("SELECT name FROM person", [], |row| row.get(0))
            .unwrap();
        assert_eq!(name, "Aino");
        conn.execute(
            "INSERT INTO activity (person_id, date, kind) VALUES (1, '2022-11-02', 'talk')",
            [],
        )
        .unwrap();
    }

    #[test]
    fn a_newer_database_is_reported_and_not_touched() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST + 1)
            .unwrap();
        assert_eq!(
            super::super::migrate(&mut conn).unwrap(),
            Version::Newer(LATEST + 1)
        );
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
            .unwrap();
        assert_eq!(tables, 0);
    }

    #[test]
    fn a_negative_version_is_left_alone() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", -3).unwrap();
        assert_eq!(
            super::super::migrate(&mut conn).unwrap(),
            Version::Invalid(-3)
        );
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, -3);
    }

    #[test]
    fn an_existing_ledger_is_chained_by_the_upgrade() {
        let mut conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..3] {
            conn.execute_batch(migration).unwrap();
        }
        conn.pragma_update(None, "user_version", 3).unwrap();
        conn.execute_batch(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');
             INSERT INTO points_entry (person_id, date, amount, kind, reason, source, created_at)
             VALUES (1, '2022-11-01', 10, 'award', 'help', 'manual', '2022-11-01T10:00:00Z'),
                    (1, '2022-11-02', 5, 'award', 'more help', 'manual', '2022-11-02T10:00:00Z');",
        )
        .unwrap();
        super::super::migrate(&mut conn).unwrap();
        let chained: i64 = conn
            .query_row("SELECT count(*) FROM points_chain", [], |row| row.get(0))
            .unwrap();
        assert_eq!(chained, 2);
        assert_eq!(
            super::super::points::chain_breaks(&conn).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_failing_migration_leaves_nothing_behind() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE person (id INTEGER PRIMARY KEY)")
            .unwrap();
        assert!(super::super::migrate(&mut conn).is_err());
        assert_eq!(version(&conn).unwrap(), Version::Older(0));
        let program: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'program'",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(program, 0);
    }
}
