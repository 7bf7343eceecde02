//! All SQL lives under this module. This file opens and creates database files.

pub mod activities;
pub mod activity_codes;
pub mod activity_tally;
pub mod audit;
pub mod busy;
pub mod check;
pub mod enrolments;
pub mod feedback;
pub mod hashtag_sets;
pub mod imports;
pub mod kpis;
pub mod migrations;
pub mod people;
pub mod points;
pub mod points_tally;
pub mod privacy;
pub mod programs;
pub mod report_parts;
pub mod report_pass;
pub mod reports;
pub mod swag;
pub mod tables;
pub mod trainings;
pub mod trouble;

use std::fs::OpenOptions;
use std::os::unix::fs::OpenOptionsExt;
use std::path::Path;

use anyhow::Context as _;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};

use crate::domain::JournalMode;
use crate::error::UserError;
use migrations::Version;

/// `PRAGMA application_id` of every amb database: "amb1" in ASCII.
pub const APPLICATION_ID: i32 = 0x616D_6231;

/// The page size of new databases, in bytes.
pub const PAGE_SIZE: i64 = 4096;

/// The connection settings the config file chooses, resolved by the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The SQLite journal of every connection.
    pub journal_mode: JournalMode,
    /// How long a connection waits for another one's lock before it gives up.
    pub busy_timeout: std::time::Duration,
    /// Whether a connection that waits for another one's lock says so on stderr.
    pub announce_waits: bool,
}

/// The config file's defaults, for tests.
#[cfg(test)]
impl Default for Settings {
    fn default() -> Settings {
        Settings {
            journal_mode: JournalMode::Wal,
            busy_timeout: std::time::Duration::from_millis(5000),
            announce_waits: false,
        }
    }
}

/// Creates a new database file (mode 0600, parent folders made) with the current schema.
pub fn create(path: &Path, settings: &Settings) -> anyhow::Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
    }
    // Create the file ourselves so that it never exists with wider permissions.
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", path.display()))?;
    // Before the first write fixes it. Larger pages import faster (8 KiB: about a sixth),
    // but reports that look rows up through an index read twice the bytes per row:
    // `report year` at 10 million activities took 72 s with 8 KiB pages against 45 s with
    // 4 KiB (BENCHMARKS.md).
    conn.pragma_update(None, "page_size", PAGE_SIZE)?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    configure(&mut conn, settings)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// Brings the schema up to date: the migrations, then the hash chain of any ledger entries
/// they found (what SQL cannot compute), in one transaction. Foreign keys are not enforced
/// meanwhile (SQLite's way to rebuild a table, as 009 and 010 do): a rebuilt table's rows are
/// copied as they are, and the old table dropped without a delete per row. A reference
/// that was already broken stays as it was, for `amb check` to name.
fn migrate(conn: &mut Connection) -> anyhow::Result<Version> {
    activities::register_identity(conn)?;
    points::register_anchor_hash(conn)?;
    // (The pragma does nothing inside a transaction: it is set around the migrations'.)
    conn.pragma_update(None, "foreign_keys", false)?;
    let migrated = migrate_steps(conn);
    conn.pragma_update(None, "foreign_keys", true)?;
    migrated
}

fn migrate_steps(conn: &mut Connection) -> anyhow::Result<Version> {
    migrations::migrate(
        conn,
        &|tx, index, found| {
            if index == COMPACT_LEDGER && found >= CHAINED {
                refuse_a_broken_chain(tx)?;
            }
            if index == COMPACT_ACTIVITY {
                refuse_what_cannot_be_compacted(tx)?;
            }
            Ok(())
        },
        &|tx| {
            points::seal(tx).context("cannot chain the points ledger")?;
            Ok(())
        },
    )
}

/// The index in the migrations of 008, which compacts the ledger and re-anchors its chain;
/// the schema version from which the ledger has a chain (004).
const COMPACT_LEDGER: usize = 7;
const CHAINED: i64 = 4;
/// The index of 009, which stores activities anew (compact rows).
const COMPACT_ACTIVITY: usize = 8;

/// Refuses to compact the activities when one of them cannot be stored in the new table (a
/// channel amb does not know, written outside amb), naming it, rather than failing on a
/// bare constraint. Nothing is changed.
fn refuse_what_cannot_be_compacted(conn: &Connection) -> anyhow::Result<()> {
    let odd_channel: Option<(i64, String)> = conn
        .query_row(
            "SELECT id, channel FROM activity
             WHERE channel IS NOT NULL AND channel NOT IN ('linkedin', 'x', 'facebook', 'instagram',
                   'mastodon', 'tiktok', 'youtube', 'blog', 'other')
             ORDER BY id LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((id, channel)) = odd_channel else {
        return Ok(());
    };
    anyhow::bail!(
        "this file's activities were changed outside amb (activity {id} is on the channel {channel:?}, which is not one amb knows), so this version of amb cannot bring the file up to date; nothing was changed\n  hint: remove that activity with the amb version that wrote it (`amb activity remove`), or set its channel to one amb knows with sqlite3; keep a copy first"
    )
}

/// Refuses to compact a ledger whose chain does not verify: the upgrade re-anchors the chain
/// (keeping the old head), and would otherwise vouch for entries changed outside amb.
fn refuse_a_broken_chain(conn: &Connection) -> anyhow::Result<()> {
    let breaks = points::text_chain_breaks(conn)?;
    let Some(first) = breaks.first() else {
        return Ok(());
    };
    anyhow::bail!(
        "this file's points ledger was changed outside amb (entry {first}{}, by its hash chain), so amb will not upgrade it\n  hint: restore the database from a backup, or open it with the amb version that wrote it and run `amb check`; keep this file for a closer look",
        if breaks.len() > 1 {
            format!(" and {} more", breaks.len() - 1)
        } else {
            String::new()
        }
    )
}

/// Opens an existing amb database, migrating an older schema; refuses anything else.
pub fn open(path: &Path, settings: &Settings) -> anyhow::Result<Connection> {
    if !path.exists() {
        return Err(UserError::NoDatabase {
            path: path.to_path_buf(),
        }
        .into());
    }
    trouble::check_header(path)?;
    let mut conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", path.display()))?;
    busy::install(&mut conn, settings.busy_timeout, settings.announce_waits)?;
    match migrations::version(&conn)? {
        Version::Newer(found) => {
            return Err(UserError::DatabaseTooNew {
                path: path.to_path_buf(),
                found,
                known: migrations::LATEST,
            }
            .into());
        }
        Version::Invalid(found) => {
            return Err(UserError::Damaged {
                path: path.to_path_buf(),
                why: format!("its schema version is {found}, which amb never writes"),
            }
            .into());
        }
        Version::Current | Version::Older(_) => {}
    }
    configure(&mut conn, settings)?;
    migrate(&mut conn)
        .with_context(|| format!("cannot upgrade the schema of {}", path.display()))?;
    Ok(conn)
}

/// Opens a database that [`open`] refused as damaged, as it is: read-only, not migrated,
/// for `amb check` to list what it can.
pub fn open_damaged(path: &Path) -> anyhow::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .with_context(|| format!("cannot open {}", path.display()))?;
    Ok(conn)
}

/// Whether the file `path` with `suffix` appended exists and is not empty.
fn sibling_nonempty(path: &Path, suffix: &str) -> bool {
    std::fs::metadata(crate::fs::sibling(path, suffix)).is_ok_and(|m| m.len() > 0)
}

/// Per-connection settings: foreign keys, busy timeout, journal, and the `fold()` function.
/// A comparison key of a text, registered as an SQL function.
type TextFold = fn(&str) -> String;

fn configure(conn: &mut Connection, settings: &Settings) -> anyhow::Result<()> {
    busy::install(conn, settings.busy_timeout, settings.announce_waits)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Deleted and overwritten content is zeroed, so an erased person leaves no bytes behind.
    conn.pragma_update(None, "secure_delete", true)?;
    let mode = match settings.journal_mode {
        JournalMode::Delete => "DELETE",
        JournalMode::Wal => "WAL",
    };
    let _: String = conn.pragma_update_and_check(None, "journal_mode", mode, |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    // Ctrl-C stops a running statement (every 10,000 steps, a flag is read).
    conn.progress_handler(10_000, Some(crate::interrupt::requested))?;
    // Big imports update several indexes per row: stored in nearly date order
    // (`import::order`), one person's million posts import as fast with a 16 MiB page cache
    // as with 32 MiB; a file of hashed post ids is a little faster with more. 20 MiB keeps
    // every import's peak memory under 64 MiB (BENCHMARKS.md).
    conn.pragma_update(None, "cache_size", -20480)?;
    let folds: [(&str, TextFold); 2] = [
        ("fold", crate::text::fold),
        ("fold_accents", crate::text::fold_accents),
    ];
    for (name, fold) in folds {
        conn.create_scalar_function(
            name,
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            move |ctx| {
                let text: Option<String> = ctx.get(0)?;
                Ok(text.map(|t| fold(&t)))
            },
        )?;
    }
    Ok(())
}

/// A migrated in-memory database with amb's connection settings, for unit tests.
#[cfg(test)]
pub fn memory() -> Connection {
    let mut conn = Connection::open_in_memory().expect("in-memory database");
    configure(&mut conn, &Settings::default()).expect("configure");
    migrate(&mut conn).expect("migrate");
    conn
}

/// Starts the one transaction of a command that writes (`BEGIN IMMEDIATE`).
pub fn write(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Immediate)
}

/// The one write transaction of a command: runs `work`, records `action` in the audit log
/// with the counts `work` returns (no entry when there are none), and commits.
pub fn write_audited<T>(
    conn: &mut Connection,
    action: audit::Action,
    work: impl FnOnce(&Transaction<'_>) -> anyhow::Result<(audit::Counts, T)>,
) -> anyhow::Result<T> {
    write_audited_or_rollback(conn, action, false, work)
}

/// [`write_audited`], but with `rollback` (a dry run) everything is undone instead of
/// committed.
pub fn write_audited_or_rollback<T>(
    conn: &mut Connection,
    action: audit::Action,
    rollback: bool,
    work: impl FnOnce(&Transaction<'_>) -> anyhow::Result<(audit::Counts, T)>,
) -> anyhow::Result<T> {
    let _uninterrupted = crate::interrupt::Guard::new();
    let tx = write(conn)?;
    let (counts, value) = work(&tx)?;
    // Every path that appends points chains its entries; this catches any that did not.
    points::seal(&tx)?;
    if !counts.is_empty() {
        audit::record(&tx, action, &counts)?;
    }
    if rollback {
        drop(tx);
    } else {
        tx.commit()?;
        checkpoint(conn);
    }
    Ok(value)
}

/// Moves what a write put in the write-ahead log into the database file and empties the
/// log, so that a synced folder mostly sees one file. Only when no reader holds an older
/// snapshot: a checkpoint never waits (what it cannot do now, a later one does).
pub fn checkpoint(conn: &Connection) {
    let wal = conn
        .pragma_query_value(None, "journal_mode", |row| row.get::<_, String>(0))
        .is_ok_and(|mode| mode.eq_ignore_ascii_case("wal"));
    if wal {
        let _ = busy::without_waiting(|| {
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        });
    }
}

/// Starts the one transaction of a command that only reads (a consistent snapshot).
pub fn read(conn: &mut Connection) -> rusqlite::Result<Transaction<'_>> {
    conn.transaction_with_behavior(TransactionBehavior::Deferred)
}

/// Whether the file at `path` is an amb demo database, found out without changing it.
pub fn is_demo(path: &Path) -> bool {
    let Ok(conn) = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY) else {
        return false;
    };
    let id = conn.pragma_query_value(None, "application_id", |row| row.get::<_, i32>(0));
    id.is_ok_and(|id| id == APPLICATION_ID)
        && meta_get(&conn, "kind").is_ok_and(|kind| kind.as_deref() == Some("demo"))
}

/// Reads a value of the file's own metadata (e.g. whether it is a demo database).
pub fn meta_get(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
        row.get(0)
    })
    .optional()
}

/// Sets a value of the file's own metadata.
pub fn meta_set(conn: &Connection, key: &str, value: &str) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        [key, value],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_has_foreign_keys_full_sync_and_wal() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("amb.sqlite");
        drop(create(&path, &Settings::default()).unwrap());
        let conn = open(&path, &Settings::default()).unwrap();
        let pragma = |name: &str| -> String {
            conn.pragma_query_value(None, name, |row| row.get::<_, rusqlite::types::Value>(0))
                .map(|v| match v {
                    rusqlite::types::Value::Integer(i) => i.to_string(),
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
                .unwrap()
        };
        assert_eq!(pragma("foreign_keys"), "1");
        assert_eq!(pragma("synchronous"), "2", "FULL");
        assert_eq!(pragma("journal_mode"), "wal");
        assert_eq!(pragma("page_size"), PAGE_SIZE.to_string());
        let orphan = conn.execute(
            "INSERT INTO enrolment (person_id, program_id, status) VALUES (99, 99, 'applied')",
            [],
        );
        assert!(orphan.is_err(), "foreign keys are enforced");
    }

    #[test]
    fn is_demo_reads_without_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("amb.sqlite");
        let conn = create(&path, &Settings::default()).unwrap();
        assert!(!is_demo(&path));
        meta_set(&conn, "kind", "demo").unwrap();
        drop(conn);
        assert!(is_demo(&path));
        assert!(!is_demo(&dir.path().join("missing.sqlite")));
    }
}
