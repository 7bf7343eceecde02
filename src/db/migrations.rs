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
    include_str!("migrations/005_activity_tally.sql"),
    include_str!("migrations/006_points_tally.sql"),
    include_str!("migrations/007_compact.sql"),
    include_str!("migrations/008_compact_ledger.sql"),
    include_str!("migrations/009_compact_activity.sql"),
    include_str!("migrations/010_compact_ledger_dates.sql"),
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
/// exactly as SQLite keeps it in `sqlite_schema.sql`: what `amb check` compares with. The
/// latest migration that creates it wins (009 made the activity triggers anew).
pub fn created_sql(name: &str) -> Option<&'static str> {
    MIGRATIONS.iter().rev().find_map(|migration| {
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

/// The query a migration filled the derived table `table` with (its `INSERT INTO table`
/// at the start of a line, up to the `;`): what `amb check` compares the table with and
/// `amb check --repair` refills it with, so all three sum the same way.
pub fn fill_query(table: &str) -> Option<&'static str> {
    MIGRATIONS.iter().find_map(|migration| {
        let start = [
            format!("\nINSERT INTO {table}\n"),
            format!("\nINSERT INTO {table} ("),
        ]
        .iter()
        .find_map(|head| migration.find(head.as_str()))?;
        let fill = &migration[start..];
        let query = &fill[fill.find("SELECT")?..];
        Some(&query[..query.find(';')?])
    })
}

/// A trigger of the schema dropped for a while inside a transaction (the ledger's guards
/// while a person is forgotten, the tally trigger while an import adds its rows' tallies
/// at its end); [`Lifted::restore`] creates it again with the migration's exact text, which
/// `amb check` compares with.
#[must_use = "a lifted trigger must be restored"]
pub struct Lifted {
    name: &'static str,
    was_there: bool,
}

/// Drops the trigger `name`, if it is there, until [`Lifted::restore`].
pub fn lift(conn: &Connection, name: &'static str) -> rusqlite::Result<Lifted> {
    let was_there: bool = conn.query_row(
        "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
        [name],
        |row| row.get(0),
    )?;
    if was_there {
        conn.execute_batch(&format!("DROP TRIGGER {name}"))?;
    }
    Ok(Lifted { name, was_there })
}

impl Lifted {
    /// Creates the trigger again exactly as the migration did, if it was there.
    pub fn restore(self, conn: &Connection) -> rusqlite::Result<()> {
        if !self.was_there {
            return Ok(());
        }
        let sql = created_sql(self.name).ok_or(rusqlite::Error::InvalidQuery)?;
        conn.execute_batch(&format!("{sql};"))
    }
}

/// Runs `run` with the trigger `name` lifted ([`lift`]) and restores it after, whether or
/// not `run` succeeded (the caller's transaction rolls back a failure anyway).
pub fn with_trigger_lifted<T>(
    conn: &Connection,
    name: &'static str,
    run: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let guard = lift(conn, name)?;
    let result = run();
    guard.restore(conn)?;
    result
}

/// What a migration cannot compute in SQL, run in its transaction after the migrations (the
/// ledger's hash chain of the entries already there).
pub type Finish<'a> = &'a dyn Fn(&Transaction<'_>) -> anyhow::Result<()>;

/// What must hold before migration `index` (0-based) runs on a file found at a version: it
/// may refuse the upgrade, which then changes nothing.
pub type Before<'a> = &'a dyn Fn(&Transaction<'_>, usize, i64) -> anyhow::Result<()>;

/// Applies the missing migrations in one transaction, then `finish`; a newer file is left
/// alone (the caller refuses it).
pub fn migrate(
    conn: &mut Connection,
    before: Before<'_>,
    finish: Finish<'_>,
) -> anyhow::Result<Version> {
    let Version::Older(found) = version(conn)? else {
        return Ok(version(conn)?);
    };
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        before(&tx, index, found)?;
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

    #[test]
    fn every_derived_table_has_the_query_that_filled_it() {
        for table in ["activity_tally", "person_tally", "points_tally"] {
            let query = fill_query(table).unwrap_or_default();
            assert!(query.starts_with("SELECT"), "{table}: {query}");
            assert!(query.contains("GROUP BY"), "{table}: {query}");
        }
        assert_eq!(fill_query("activity"), None);
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
            "INSERT INTO activity (person_id, day, kind_code) VALUES (1, unixepoch('2022-11-02') / 86400, 5)",
            [],
        )
        .unwrap();
        let shown: (String, String, String) = conn
            .query_row("SELECT date, kind, source FROM activity", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .unwrap();
        assert_eq!(shown, ("2022-11-02".into(), "talk".into(), "manual".into()));
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
        assert_eq!(chained, 1, "the last entry's hash is kept");
        assert_eq!(
            super::super::points::chain_breaks(&conn).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn existing_activities_are_tallied_by_the_upgrade() {
        let mut conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..4] {
            conn.execute_batch(migration).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn.execute_batch(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');
             INSERT INTO program (name, start_date) VALUES ('Spring', '2022-01-01');
             INSERT INTO activity (person_id, program_id, date, kind, channel, impressions, reactions)
             VALUES (1, 1, '2022-11-01', 'post', 'linkedin', 10, 2), (1, 1, '2022-11-30', 'post', 'linkedin', NULL, 3),
                    (1, NULL, '2023-01-02', 'talk', NULL, 9223372036854775807, NULL),
                    (1, NULL, '2023-01-03', 'talk', NULL, 9, NULL);",
        )
        .unwrap();
        super::super::migrate(&mut conn).unwrap();
        let cells: Vec<(i64, String, i64, String)> = conn
            .prepare("SELECT program_id, month, n, typeof(impressions) || ' ' || engagements FROM activity_tally ORDER BY 1, 2")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            cells,
            [
                (0, "2023-01".to_string(), 2, "real 0".to_string()),
                (1, "2022-11".to_string(), 2, "integer 5".to_string())
            ]
        );
        let people: i64 = conn
            .query_row(
                "SELECT sum(n) FROM person_tally WHERE person_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(people, 4);
        assert_eq!(
            super::super::activity_tally::problems(&conn).unwrap(),
            Vec::<String>::new()
        );
    }

    /// Every activity of a schema 8 file, read back through the columns every query reads.
    const SHOWN_ACTIVITIES: &str = "SELECT id, person_id, program_id, date, kind, channel, url,
        (SELECT tags FROM hashtag_set WHERE id = hashtag_set), impressions, note, source, batch_id, post_id
        FROM activity ORDER BY id";

    #[test]
    fn the_activities_of_schema_8_are_compacted_and_read_the_same() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::activities::register_identity(&conn).unwrap();
        super::super::points::register_anchor_hash(&conn).unwrap();
        for migration in &MIGRATIONS[..8] {
            conn.execute_batch(migration).unwrap();
        }
        conn.pragma_update(None, "user_version", 8).unwrap();
        conn.execute_batch(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');
             INSERT INTO program (name, start_date) VALUES ('Spring', '2022-01-01');
             INSERT INTO import_batch (file, sha256, format, person_id, imported_at)
             VALUES ('x.js', printf('%064d', 0), 'x', 1, '2022-12-01T10:00:00Z');
             INSERT INTO activity (person_id, program_id, date, kind, channel, url, hashtags, impressions, note,
                                   source, batch_id, post_id)
             VALUES (1, 1, '2022-11-01', 'post', 'linkedin', NULL, '#Vaasa #OnnellisenArjenTekijät', 10, NULL, 'import', 1, 7),
                    (1, 1, '2022-11-30', 'share', 'x', 'https://example.com/a', '#OnnellisenArjenTekijät', NULL, 'hi', 'import', 1, 8),
                    (1, NULL, '1969-12-31', 'podcast', NULL, NULL, NULL, 5, NULL, 'manual', NULL, NULL),
                    (1, 1, '2023-01-03', 'school-visit', 'other', NULL, '#Vaasa #OnnellisenArjenTekijät', NULL, NULL, 'manual', NULL, NULL),
                    (1, 1, '2199-12-31', 'talk', NULL, NULL, NULL, NULL, NULL, 'manual', NULL, NULL);
             DELETE FROM activity WHERE id = 5;",
        )
        .unwrap();
        let shown = |conn: &Connection, sql: &str| -> Vec<Vec<rusqlite::types::Value>> {
            let mut stmt = conn.prepare(sql).unwrap();
            let width = stmt.column_count();
            stmt.query_map([], |row| (0..width).map(|i| row.get(i)).collect())
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let before = shown(
            &conn,
            &SHOWN_ACTIVITIES.replace(
                "(SELECT tags FROM hashtag_set WHERE id = hashtag_set)",
                "hashtags",
            ),
        );
        super::super::migrate(&mut conn).unwrap();
        assert_eq!(shown(&conn, SHOWN_ACTIVITIES), before);
        let sets: i64 = conn
            .query_row("SELECT count(*) FROM hashtag_set", [], |r| r.get(0))
            .unwrap();
        assert_eq!(sets, 2, "each set of hashtags is kept once");
        // The id sequence came along: the removed activity's id is not given again.
        conn.execute(
            "INSERT INTO activity (person_id, day, kind_code) VALUES (1, 19000, 5)",
            [],
        )
        .unwrap();
        assert_eq!(conn.last_insert_rowid(), 6);
        assert_eq!(
            super::super::activity_tally::problems(&conn).unwrap(),
            Vec::<String>::new()
        );
    }

    #[test]
    fn activities_written_outside_amb_are_carried_over_or_refused_by_name() {
        let schema_8_with = |row: &str| {
            let conn = Connection::open_in_memory().unwrap();
            super::super::activities::register_identity(&conn).unwrap();
            super::super::points::register_anchor_hash(&conn).unwrap();
            for migration in &MIGRATIONS[..8] {
                conn.execute_batch(migration).unwrap();
            }
            conn.pragma_update(None, "user_version", 8).unwrap();
            conn.execute_batch(&format!(
                "PRAGMA foreign_keys = OFF;
                 INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');
                 INSERT INTO program (name, start_date) VALUES ('Spring', '2022-01-01');
                 INSERT INTO activity (person_id, program_id, date, kind, channel, source, batch_id) VALUES {row};
                 PRAGMA foreign_keys = ON;"
            ))
            .unwrap();
            conn
        };
        // A channel the new table cannot hold: named, and nothing changes.
        let mut conn = schema_8_with("(1, 1, '2022-11-01', 'post', 'linkedin|x', 'manual', NULL)");
        let err = super::super::migrate(&mut conn).unwrap_err().to_string();
        assert!(
            err.contains("activity 1 is on the channel \"linkedin|x\""),
            "{err}"
        );
        assert!(err.contains("nothing was changed"), "{err}");
        assert_eq!(version(&conn).unwrap(), Version::Older(8));
        // A person that is not there: carried over as it was, for `amb check` to name.
        let mut conn = schema_8_with("(9, 1, '2022-11-01', 'talk', NULL, 'manual', NULL)");
        super::super::migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), Version::Current);
        let problems = super::super::check::problems(&conn);
        assert!(
            problems
                .iter()
                .any(|p| p.contains("activity row 1 points to a missing person")),
            "{problems:?}"
        );
        let on: bool = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(on, "foreign keys are enforced again after the upgrade");
    }

    #[test]
    fn the_ledger_of_schema_9_keeps_its_chain_and_reads_the_same_with_day_numbers() {
        let mut conn = Connection::open_in_memory().unwrap();
        super::super::activities::register_identity(&conn).unwrap();
        super::super::points::register_anchor_hash(&conn).unwrap();
        for migration in &MIGRATIONS[..9] {
            conn.execute_batch(migration).unwrap();
        }
        conn.pragma_update(None, "user_version", 9).unwrap();
        conn.execute_batch(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');
             INSERT INTO program (name, start_date) VALUES ('Spring', '2022-01-01');
             INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason, source, reverses, created_at)
             VALUES (1, 1, '2022-11-01', 10, 'award', 'thanks', 'manual', NULL, 1796115059),
                    (1, NULL, '1969-12-31', -4, 'redemption', 'mug', 'redemption', NULL, 1.5),
                    (1, NULL, '2023-01-02', 4, 'reversal', 'mug back', 'reversal', 2, x'00ff');
             -- An entry written and taken away around amb: its id is not given again.
             UPDATE sqlite_sequence SET seq = 7 WHERE name = 'points_entry';",
        )
        .unwrap();
        super::super::points::seal(&conn).unwrap();
        let kept_as = |conn: &Connection| -> Vec<String> {
            conn.prepare("SELECT typeof(created_at) FROM points_entry ORDER BY id")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let types_before = kept_as(&conn);
        let shown = |conn: &Connection| -> Vec<(i64, String, i64, String, String)> {
            conn.prepare("SELECT id, date, amount, kind, source FROM points_entry ORDER BY id")
                .unwrap()
                .query_map([], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                })
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let chain = |conn: &Connection| -> (i64, Vec<u8>) {
            conn.query_row(
                "SELECT (SELECT count(*) FROM points_anchor),
                        (SELECT hash FROM points_chain ORDER BY entry_id DESC LIMIT 1)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap()
        };
        let (ledger_before, chain_before) = (shown(&conn), chain(&conn));
        super::super::migrate(&mut conn).unwrap();
        assert_eq!(shown(&conn), ledger_before);
        assert_eq!(chain(&conn), chain_before, "no new anchor, the same head");
        assert_eq!(
            super::super::points::chain_breaks(&conn).unwrap(),
            Vec::<String>::new()
        );
        let days: Vec<i64> = conn
            .prepare("SELECT day FROM points_entry ORDER BY id")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(days, [19297, -1, 19359]);
        assert_eq!(kept_as(&conn), types_before, "each time kept as it was");
        let next: i64 = conn
            .query_row(
                "SELECT seq FROM sqlite_sequence WHERE name = 'points_entry'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(next, 7, "the id sequence came along");
        assert_eq!(
            super::super::check::problems(&conn),
            ["ledger: entries 4 to 7 are missing: entries are never deleted"],
            "amb check after the upgrade: the chain holds, and the gap is still seen"
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
    /// A file of schema 4 (post addresses and keys as text), with its ledger chained.
    fn schema_4_file() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        for migration in &MIGRATIONS[..4] {
            conn.execute_batch(migration).unwrap();
        }
        conn.pragma_update(None, "user_version", 4).unwrap();
        let li = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001";
        conn.execute_batch(&format!(
            "INSERT INTO program (name, start_date) VALUES ('Vaasa', '2022-10-01');
             INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee');
             INSERT INTO import_batch (file, sha256, format, person_id, imported_at)
             VALUES ('Shares.csv', printf('%064d', 0), 'linkedin', 1, '2022-11-01T10:00:00Z');
             INSERT INTO activity (person_id, program_id, date, kind, channel, url, source, batch_id, post_key) VALUES
               (1, 1, '2022-11-01', 'post', 'linkedin', '{li}', 'import', 1, '{li}'),
               (1, 1, '2022-11-02', 'post', 'x', 'https://x.com/i/web/status/16', 'import', 1, '16'),
               (1, 1, '2022-11-03', 'post', 'mastodon', 'https://m.example/@a/5', 'import', 1, 'https://m.example/users/a/statuses/5'),
               (1, 1, '2022-11-04', 'post', 'facebook', NULL, 'import', 1, '1667369700:0011223344556677'),
               (1, 1, '2022-11-05', 'post', 'mastodon', 'https://m.example/users/a/statuses/5', 'manual', NULL, NULL),
               (1, 1, '2022-11-06', 'talk', NULL, 'https://blog.example/talk', 'manual', NULL, NULL);
             INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason, source, activity_id, idempotency_key, created_at)
             VALUES (1, 1, '2022-11-01', 10, 'award', 'post on linkedin (activity 1)', 'activity', 1, 'activity:000000000001#0', '2022-11-01T10:00:00Z');"
        ))
        .unwrap();
        chain_as_before_8(&conn);
        conn.pragma_update(None, "user_version", 4).unwrap();
        conn
    }

    /// Chains the entries not chained yet as schemas 4 to 7 did: SHA-256 in hex of the hash
    /// before and the entry's stored fields as JSON, from the last anchor's hash or zeros.
    fn chain_as_before_8(conn: &Connection) {
        use rusqlite::types::ValueRef;
        use sha2::{Digest, Sha256};
        let (after, mut previous): (i64, String) = conn
            .query_row(
                "SELECT coalesce((SELECT max(entry_id) FROM points_chain), 0),
                        coalesce((SELECT hash FROM points_chain ORDER BY entry_id DESC LIMIT 1),
                                 (SELECT hash FROM points_anchor ORDER BY id DESC LIMIT 1), ?1)",
                [super::super::points::GENESIS],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        let mut stmt = conn
            .prepare(
                "SELECT id, person_id, program_id, date, amount, kind, reason, source, activity_id,
                        attendance_id, idempotency_key, reverses, created_at
                 FROM points_entry WHERE id > ?1 ORDER BY id",
            )
            .unwrap();
        let mut rows = stmt.query([after]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            let fields: Vec<serde_json::Value> = (0..13)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => serde_json::Value::Null,
                    ValueRef::Integer(i) => i.into(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into(),
                    other => panic!("{other:?}"),
                })
                .collect();
            let text = format!("{previous}\n{}", serde_json::Value::Array(fields));
            previous = Sha256::digest(text.as_bytes())
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            conn.execute(
                "INSERT INTO points_chain (entry_id, hash) VALUES (?1, ?2)",
                rusqlite::params![row.get::<_, i64>(0).unwrap(), previous],
            )
            .unwrap();
        }
    }

    /// A file of schema 7 whose ledger has every kind of entry, chained, with the anchor a
    /// forgotten person's erased reason left, and entries after it.
    fn schema_7_ledger() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        super::super::activities::register_identity(&conn).unwrap();
        super::super::points::register_anchor_hash(&conn).unwrap();
        for migration in &MIGRATIONS[..7] {
            conn.execute_batch(migration).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO program (name, start_date) VALUES ('Vaasa', '2022-10-01');
             INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee'),
                                                                       ('Eero', 'e@x.fi', 'e@x.fi', 'employee');
             INSERT INTO training (program_id, title, date, kind) VALUES (1, 'Kickoff', '2022-10-05', 'kickoff');
             INSERT INTO attendance (training_id, person_id, status) VALUES (1, 1, 'attended'), (1, 2, 'absent');
             INSERT INTO import_batch (file, sha256, format, person_id, imported_at, first_activity, last_activity)
             VALUES ('Shares.csv', printf('%064d', 0), 'linkedin', 1, '2022-11-01T10:00:00Z', 1, 2);
             INSERT INTO activity (person_id, program_id, date, kind, channel, source, batch_id) VALUES
               (1, 1, '2022-11-01', 'post', 'linkedin', 'import', 1),
               (1, 1, '2022-11-02', 'post', 'linkedin', 'import', 1),
               (2, 1, '2022-11-03', 'talk', NULL, 'manual', NULL),
               (2, 1, '2022-11-04', 'post', 'x', 'manual', NULL);
             INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason, source, activity_id,
                                       attendance_id, idempotency_key, reverses, created_at) VALUES
               (1, 1, '2022-11-01', 10, 'award', 'post on linkedin (activity 1)', 'activity', 1, NULL, 'activity:000000000001#0', NULL, '2022-11-01T10:00:00Z'),
               (1, 1, '2022-11-02', 10, 'award', 'post on linkedin (activity 2)', 'activity', 2, NULL, 'activity:000000000002#0', NULL, '2022-11-01T10:00:00Z'),
               (1, 1, '2022-11-05', -10, 'reversal', 'import batch 1 undone', 'reversal', 1, NULL, NULL, 1, '2022-11-05T08:00:00Z'),
               (1, 1, '2022-11-05', -10, 'reversal', 'import batch 1 undone', 'reversal', 2, NULL, NULL, 2, '2022-11-05T08:00:00Z'),
               (1, 1, '2022-10-05', 5, 'award', 'attended Kickoff', 'attendance', NULL, 1, 'attendance:000000000001#0', NULL, '2022-10-05T16:00:00Z'),
               (2, 1, '2022-11-03', 20, 'award', 'talk (activity 3)', 'activity', 3, NULL, 'activity:000000000003#0', NULL, '2022-11-03T09:00:00Z'),
               (2, 1, '2022-11-04', 10, 'award', 'post on x (activity 4)', 'activity', 4, NULL, 'activity:000000000004#0', NULL, '2022-11-04T09:00:00Z'),
               (2, 1, '2022-11-06', -10, 'reversal', 'activity 4 was moved', 'reversal', 4, NULL, NULL, 7, '2022-11-06T09:00:00Z'),
               (2, 1, '2022-11-07', 10, 'award', 'post on x (activity 4)', 'activity', 4, NULL, 'activity:000000000004#1', NULL, '2022-11-06T09:00:00Z'),
               (2, 1, '2022-11-08', 7, 'award', 'helped Eero Aalto at the fair', 'manual', NULL, NULL, NULL, NULL, '2022-11-08T09:00:00Z');",
        )
        .unwrap();
        chain_as_before_8(&conn);
        // Eero forgotten: the reason naming him erased, the chain anchored and started again.
        conn.execute_batch(
            "DROP TRIGGER points_entry_no_update;
             UPDATE points_entry SET reason = 'reason erased when person 2 was forgotten' WHERE id = 10;",
        )
        .unwrap();
        conn.execute_batch(&format!(
            "{};",
            created_sql("points_entry_no_update").unwrap()
        ))
        .unwrap();
        conn.execute_batch(
            "INSERT INTO points_anchor (previous_head, entries, reason, created_at, hash)
             SELECT hash, 10, '1 ledger reasons: reason erased when person 2 was forgotten', '2022-11-09T09:00:00Z',
                    amb_anchor_hash(hash, 10, '1 ledger reasons: reason erased when person 2 was forgotten', '2022-11-09T09:00:00Z')
             FROM points_chain ORDER BY entry_id DESC LIMIT 1;
             DROP TRIGGER points_chain_no_delete; DELETE FROM points_chain;",
        )
        .unwrap();
        conn.execute_batch(&format!(
            "{};",
            created_sql("points_chain_no_delete").unwrap()
        ))
        .unwrap();
        chain_as_before_8(&conn);
        conn.execute_batch(
            "INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason, source, reverses, created_at) VALUES
               (1, 1, '2022-11-10', -3, 'redemption', 'mug', 'redemption', NULL, '2022-11-10T09:00:00Z'),
               (1, 1, '2022-11-11', 3, 'reversal', 'reversal of entry 11 (mug)', 'reversal', 11, '2022-11-11T09:00:00Z'),
               (2, 1, '2022-11-12', -10, 'adjustment', 'rescored: the rules changed', 'rescore', NULL, 'not a time');",
        )
        .unwrap();
        chain_as_before_8(&conn);
        conn.pragma_update(None, "user_version", 7).unwrap();
        conn
    }

    #[test]
    fn a_ledger_changed_outside_amb_is_not_compacted() {
        let mut conn = schema_7_ledger();
        conn.execute_batch(
            "DROP TRIGGER points_entry_no_update; UPDATE points_entry SET amount = amount + 1 WHERE id = 2;",
        )
        .unwrap();
        let err = super::super::migrate(&mut conn).unwrap_err().to_string();
        assert!(err.contains("changed outside amb (entry 2"), "{err}");
        assert_eq!(
            version(&conn).unwrap(),
            Version::Older(7),
            "nothing upgraded"
        );
    }

    #[test]
    fn the_ledger_of_schema_7_is_compacted_shown_the_same_and_anchored() {
        let mut conn = schema_7_ledger();
        let shown_before: Vec<(i64, String, String)> = conn
            .prepare("SELECT id, reason, created_at FROM points_entry ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let head_before: String = conn
            .query_row(
                "SELECT hash FROM points_chain ORDER BY entry_id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let sums = |conn: &Connection| -> Vec<(i64, i64)> {
            conn.prepare("SELECT person_id, sum(amount) FROM points_entry GROUP BY 1 ORDER BY 1")
                .unwrap()
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        let sums_before = sums(&conn);
        assert_eq!(super::super::migrate(&mut conn).unwrap(), Version::Older(7));

        let ledger = super::super::points::ledger(&conn, None, None).unwrap();
        let shown: Vec<(i64, String, String)> = ledger
            .iter()
            .map(|e| (e.id, e.reason.clone(), e.created_at.clone()))
            .collect();
        assert_eq!(shown, shown_before);
        // Own reason, shared reason, key, the type the time is kept as.
        type Stored = (Option<String>, Option<String>, Option<i64>, String);
        let stored: Vec<Stored> = conn
            .prepare(
                "SELECT e.reason, s.text, e.idempotency_key, typeof(e.created_at)
                 FROM points_entry e LEFT JOIN points_reason s ON s.id = e.reason_id ORDER BY e.id",
            )
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let shared = |text: &str| (None, Some(text.to_string()));
        let own = |text: &str| (Some(text.to_string()), None);
        let reasons: Vec<_> = stored.iter().map(|s| (s.0.clone(), s.1.clone())).collect();
        assert_eq!(
            reasons,
            [
                shared("post on linkedin"),
                shared("post on linkedin"),
                shared("import batch 1 undone"),
                shared("import batch 1 undone"),
                own("attended Kickoff"),
                shared("talk"),
                shared("post on x"),
                own("activity 4 was moved"),
                shared("post on x"),
                own("reason erased when person 2 was forgotten"),
                own("mug"),
                own("reversal of entry 11 (mug)"),
                own("rescored: the rules changed"),
            ]
        );
        let keys: Vec<Option<i64>> = stored.iter().map(|s| s.2).collect();
        assert_eq!(
            keys,
            [
                Some(1024),
                Some(2048),
                None,
                None,
                Some(-1024),
                Some(3072),
                Some(4096),
                None,
                Some(4097),
                None,
                None,
                None,
                None
            ]
        );
        assert!(stored[..12].iter().all(|s| s.3 == "integer"));
        assert_eq!(
            stored[12].3, "text",
            "a time that does not read back stays text"
        );
        let texts: i64 = conn
            .query_row("SELECT count(*) FROM points_reason", [], |r| r.get(0))
            .unwrap();
        assert_eq!(texts, 4, "each shared text once");

        // The chain starts again from an anchor that keeps the head it had; nothing else changed.
        let (previous, reason): (String, String) = conn
            .query_row(
                "SELECT previous_head, reason FROM points_anchor ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(previous, head_before);
        assert_eq!(reason, "ledger compacted by schema 8");
        assert_eq!(
            super::super::check::problems(&conn),
            Vec::<String>::new(),
            "amb check after the upgrade"
        );
        let hashes: (i64, i64) = conn
            .query_row(
                "SELECT count(*), sum(length(hash) = 32 AND typeof(hash) = 'blob') FROM points_chain",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            hashes,
            (1, 1),
            "the upgrade's one write keeps its last hash"
        );
        assert_eq!(sums(&conn), sums_before);
        for (person, sum) in sums_before {
            let person = crate::domain::PersonId(person);
            assert_eq!(
                super::super::points::balance_of(&conn, person).unwrap(),
                sum
            );
        }
        // Still idempotent: the keys of the awards paid are taken.
        let paid_again = conn
            .execute(
                "INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source, activity_id, idempotency_key, created_at)
                 VALUES (2, 1, unixepoch('2022-11-07') / 86400, 10, 'award', 'x', 'activity', 4, 4097, 0)",
                [],
            )
            .unwrap_err()
            .to_string();
        assert!(
            paid_again.contains("UNIQUE constraint failed: points_entry.idempotency_key"),
            "{paid_again}"
        );
    }

    #[test]
    fn posts_of_schema_4_get_their_identity_and_stay_recorded() {
        use super::super::activities::{self, NewActivity};
        use crate::domain::{ActivityKind, Channel, PersonId};
        let mut conn = schema_4_file();
        assert_eq!(super::super::migrate(&mut conn).unwrap(), Version::Older(4));
        let urls: Vec<(Option<String>, Option<i64>)> = conn
            .prepare("SELECT url, url_form FROM activity ORDER BY id")
            .unwrap()
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(urls[0], (None, Some(1)), "rebuilt, not stored");
        assert_eq!(urls[1], (None, Some(4)));
        assert_eq!(urls[2].0.as_deref(), Some("https://m.example/@a/5"));
        let all = activities::list(&conn, &activities::Filter::default()).unwrap();
        assert_eq!(
            all[0].url.as_deref(),
            Some("https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001")
        );
        assert_eq!(all[1].url.as_deref(), Some("https://x.com/i/web/status/16"));
        assert_eq!(all[3].url, None);
        // Two rows of one status (its page, then its id) both stay, told apart.
        assert_eq!(all.len(), 6);
        assert_eq!(
            all[4].url.as_deref(),
            Some("https://m.example/users/a/statuses/5")
        );
        let range: (i64, i64) = conn
            .query_row(
                "SELECT first_activity, last_activity FROM import_batch",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        assert_eq!(range, (1, 4), "the batch's ids");
        assert_eq!(
            super::super::points::chain_breaks(&conn).unwrap(),
            Vec::<String>::new()
        );
        // Importing the same posts again adds nothing.
        let again = |channel, url: Option<&str>, key: &str| NewActivity {
            person: PersonId(1),
            date: chrono::NaiveDate::from_ymd_opt(2022, 11, 1).unwrap(),
            kind: ActivityKind::post(),
            channel: Some(channel),
            url: url.map(str::to_string),
            post_key: Some(key.to_string()),
            batch: Some(1),
            ..NewActivity::default()
        };
        let li = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001";
        for new in [
            again(Channel::Linkedin, Some(li), li),
            again(Channel::X, Some("https://x.com/i/web/status/16"), "16"),
            again(
                Channel::Mastodon,
                Some("https://m.example/@a/5"),
                "https://m.example/users/a/statuses/5",
            ),
            again(Channel::Facebook, None, "1667369700:0011223344556677"),
        ] {
            assert_eq!(
                activities::insert_new(&conn, &new).unwrap(),
                None,
                "{new:?}"
            );
        }
        assert!(
            activities::is_recorded(
                &conn,
                Channel::Mastodon,
                "https://m.example/users/a/statuses/5"
            )
            .unwrap()
        );
    }
}
