//! Backups: consistent copies through SQLite's online backup API (others may be using the
//! file), private (mode 0600), checked before they count; and a restore that checks the copy
//! first and keeps the current file.

use std::fs::OpenOptions;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context as _;
use rusqlite::Connection;

use crate::db::privacy as db;
use crate::db::{APPLICATION_ID, migrations};
use crate::error::{Place, refuse};

/// The folder `amb backup` writes into without a PATH: `backups/` beside the database.
pub fn default_folder(database: &Path) -> PathBuf {
    database.parent().unwrap_or(Path::new(".")).join("backups")
}

/// A new backup's name in `folder`, from the time (UTC) it was taken; never an existing one.
pub fn timestamped_path(folder: &Path, now: chrono::DateTime<chrono::Utc>, label: &str) -> PathBuf {
    let stamp = now.format("%Y%m%dT%H%M%SZ");
    let mut path = folder.join(format!("amb-{stamp}{label}.sqlite"));
    let mut n = 2;
    while path.exists() {
        path = folder.join(format!("amb-{stamp}{label}-{n}.sqlite"));
        n += 1;
    }
    path
}

/// Whether `name` is one of the backups `amb backup` names itself (the ones it may prune).
fn is_ours(name: &str) -> bool {
    name.starts_with("amb-") && name.ends_with(".sqlite")
}

/// Copies the database `from` to the new file `dest` (mode 0600, parent folders made),
/// checks the copy with `integrity_check`, and only then gives it its name.
pub fn write(from: &Connection, dest: &Path, patience: Duration) -> anyhow::Result<()> {
    if dest.exists() {
        return Err(refuse(format!("{} already exists", dest.display()))
            .hint("give a new file name, or leave PATH out for a timestamped one")
            .into());
    }
    if let Some(parent) = dest.parent().filter(|p| !p.as_os_str().is_empty()) {
        // Only the owner may look into a folder of copies of personal data.
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
    }
    crate::fs::build_atomically(
        dest,
        |partial| {
            OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            let mut copy = Connection::open(partial)
                .with_context(|| format!("cannot open {}", partial.display()))?;
            db::copy_database(from, &mut copy, patience)?;
            // One self-contained file, whatever journal the original uses.
            let _: String =
                copy.pragma_update_and_check(None, "journal_mode", "DELETE", |row| row.get(0))?;
            let problems = db::integrity_problems(&copy)?;
            if !problems.is_empty() {
                anyhow::bail!(
                    "the copy failed its integrity check: {}",
                    problems.join("; ")
                );
            }
            Ok(())
        },
        |partial| {
            for suffix in ["", "-journal", "-wal", "-shm"] {
                let _ = std::fs::remove_file(crate::fs::sibling(partial, suffix));
            }
            Ok(())
        },
    )
}

/// amb's own backups in `folder`, oldest first (by the time written, then name).
pub fn list(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(is_ours))
        .collect();
    found.sort_by_key(|p| {
        let written = std::fs::metadata(p).and_then(|m| m.modified()).ok();
        (written, p.clone())
    });
    found
}

/// Removes all but the newest `keep` of amb's backups in `folder` (0 keeps all); returns
/// what it removed.
pub fn prune(folder: &Path, keep: u32) -> anyhow::Result<Vec<PathBuf>> {
    let all = list(folder);
    if keep == 0 || all.len() <= keep as usize {
        return Ok(Vec::new());
    }
    let old = all[..all.len() - keep as usize].to_vec();
    for path in &old {
        std::fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))?;
    }
    Ok(old)
}

/// The backups in `folder` that still hold the person with this (folded) e-mail.
pub fn holding(folder: &Path, email_key: &str) -> Vec<PathBuf> {
    list(folder)
        .into_iter()
        .filter(|p| db::holds_email(p, email_key))
        .collect()
}

/// Checks that `path` is a healthy amb database this program can use: amb's application
/// id, a schema version it knows, the core tables, and a clean `integrity_check`.
pub fn check_restorable(path: &Path) -> anyhow::Result<Connection> {
    let place = || Place::File {
        name: path.display().to_string(),
        line: None,
    };
    if !path.is_file() {
        return Err(refuse("there is no such file").at(place()).into());
    }
    let not_amb = |why: String| {
        refuse(format!("not a healthy amb database: {why}"))
            .at(place())
            .hint("restore one of the files `amb backup` wrote (backups/ beside the database)")
    };
    let conn = db::open_read_only(path).map_err(|e| not_amb(e.to_string()))?;
    let (id, version) = db::identity(&conn).map_err(|e| not_amb(e.to_string()))?;
    if id != APPLICATION_ID {
        return Err(not_amb(format!(
            "its application_id is {id:#x}, not {APPLICATION_ID:#x}"
        ))
        .into());
    }
    if !(1..=migrations::LATEST).contains(&version) {
        return Err(not_amb(format!(
            "schema version {version}, this program knows 1 to {}",
            migrations::LATEST
        ))
        .into());
    }
    let missing = db::missing_tables(&conn).map_err(|e| not_amb(e.to_string()))?;
    if !missing.is_empty() {
        return Err(not_amb(format!("the tables {} are missing", missing.join(", "))).into());
    }
    let problems = db::integrity_problems(&conn).map_err(|e| not_amb(e.to_string()))?;
    if !problems.is_empty() {
        return Err(not_amb(format!("integrity check: {}", problems.join("; "))).into());
    }
    Ok(conn)
}

/// Replaces the live database's contents with `source`'s in one step of the backup API: the
/// destination stays locked throughout, so other users see the old file or the new one.
pub fn restore(
    live: &mut Connection,
    source: &Connection,
    patience: Duration,
) -> anyhow::Result<()> {
    db::copy_database(source, live, patience)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_backup_is_private_checked_and_restorable_and_pruning_keeps_the_newest() {
        let dir = tempfile::tempdir().unwrap();
        let live = crate::db::create(&dir.path().join("amb.sqlite"), &Default::default()).unwrap();
        live.execute(
            "INSERT INTO program (name, start_date) VALUES ('Vaasa 2022', '2022-10-01')",
            [],
        )
        .unwrap();
        let folder = default_folder(&dir.path().join("amb.sqlite"));
        let now = chrono::Utc::now();
        let first = timestamped_path(&folder, now, "");
        write(&live, &first, Duration::from_secs(1)).unwrap();
        let mode = std::fs::metadata(&first).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        let second = timestamped_path(&folder, now, "");
        assert_ne!(first, second);
        write(&live, &second, Duration::from_secs(1)).unwrap();
        assert!(
            write(&live, &second, Duration::from_secs(1)).is_err(),
            "never overwrites"
        );
        let copy = check_restorable(&second).unwrap();
        let n: i64 = copy
            .query_row("SELECT count(*) FROM program", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
        std::fs::write(folder.join("notes.txt"), "mine").unwrap();
        assert_eq!(prune(&folder, 1).unwrap(), [first]);
        assert_eq!(list(&folder), [second]);
        assert!(
            folder.join("notes.txt").exists(),
            "only amb's own backups are pruned"
        );
        let junk = dir.path().join("junk.sqlite");
        std::fs::write(&junk, "not a database at all").unwrap();
        assert!(check_restorable(&junk).is_err());
    }
}
