//! What went wrong with the database file, named for the person who has to put it right:
//! damage as damage (with `amb check` and a backup as the way out), a read-only folder as
//! the folder, a full disk as the disk, never only a raw SQLite code.

use std::io::Read;
use std::path::{Path, PathBuf};

use rusqlite::ErrorCode;

use super::{APPLICATION_ID, sibling_nonempty};
use crate::error::{UserError, refuse};

/// The first bytes of every SQLite database.
const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// What the file's 100-byte header says, read without SQLite: `Ok(())` when it is an amb
/// database as far as the header tells, a refusal naming damage or a foreign file otherwise.
pub fn check_header(path: &Path) -> anyhow::Result<()> {
    let damaged = |why: String| -> anyhow::Error {
        UserError::Damaged {
            path: path.to_path_buf(),
            why,
        }
        .into()
    };
    let mut file = std::fs::File::open(path).map_err(|err| cannot_open(path, err))?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(UserError::NotAmbDatabase {
            path: path.to_path_buf(),
            why: "it is a folder".to_string(),
        }
        .into());
    }
    let len = meta.len();
    let mut header = Vec::with_capacity(100);
    file.by_ref().take(100).read_to_end(&mut header)?;
    if len == 0 {
        // Nothing tells an amb database cut to nothing from a file that never was one.
        return Err(damaged(
            "it is empty: 0 bytes; not an amb database, or one cut to nothing".to_string(),
        ));
    }
    let prefix = header.len().min(MAGIC.len());
    if header[..prefix] != MAGIC[..prefix] {
        return Err(UserError::NotAmbDatabase {
            path: path.to_path_buf(),
            why: "it is not an SQLite database".to_string(),
        }
        .into());
    }
    if header.len() < 100 {
        return Err(damaged(format!(
            "it was cut short: {len} bytes, not even its header"
        )));
    }
    let word = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    if word(68) as i32 != APPLICATION_ID {
        return Err(UserError::NotAmbDatabase {
            path: path.to_path_buf(),
            why: format!(
                "its application_id is {:#x}, not {APPLICATION_ID:#x}",
                word(68) as i32
            ),
        }
        .into());
    }
    let version = word(60) as i32;
    if version < 0 {
        return Err(damaged(format!(
            "its schema version is {version}, which amb never writes"
        )));
    }
    // The page count in the header is trusted when it was written with the change counter
    // (SQLite's own rule); a write-ahead log may hold pages the file does not have yet.
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536,
        size => u64::from(size),
    };
    let pages = u64::from(word(28));
    let expected = page_size * pages;
    if word(92) == word(24) && expected > len && !sibling_nonempty(path, "-wal") {
        return Err(damaged(format!(
            "it was cut short: {len} bytes, where its header says {expected}"
        )));
    }
    Ok(())
}

fn cannot_open(path: &Path, err: std::io::Error) -> anyhow::Error {
    if err.kind() == std::io::ErrorKind::PermissionDenied {
        return refuse(format!("cannot read {}: permission denied", path.display()))
            .hint(format!(
                "the file belongs to another user or is not readable: check `ls -l {}`",
                path.display()
            ))
            .into();
    }
    anyhow::Error::new(err).context(format!("cannot open {}", path.display()))
}

/// Whether SQLite found the file damaged.
fn is_damage(code: ErrorCode) -> bool {
    matches!(code, ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
}

/// The SQLite error code somewhere in `err`'s causes.
fn sqlite_code(err: &anyhow::Error) -> Option<(ErrorCode, String)> {
    err.chain()
        .find_map(|cause| match cause.downcast_ref::<rusqlite::Error>() {
            Some(rusqlite::Error::SqliteFailure(e, message)) => {
                Some((e.code, message.clone().unwrap_or_else(|| e.to_string())))
            }
            _ => None,
        })
}

/// Whether an I/O error in `err`'s causes says the disk is full.
fn is_disk_full_io(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io = cause.downcast_ref::<std::io::Error>().is_some_and(|io| {
            io.kind() == std::io::ErrorKind::StorageFull || io.raw_os_error() == Some(28)
        });
        // Writers such as csv's keep the I/O error inside without exposing it as a source.
        io || cause.to_string().contains("(os error 28)")
    })
}

/// `err` as the person at the terminal needs it, when it is about the database file at
/// `db` (damaged, read-only, a full disk) or a file being written (a full disk).
pub fn explain(err: anyhow::Error, db: &Path) -> anyhow::Error {
    if err
        .chain()
        .any(|cause| cause.downcast_ref::<UserError>().is_some())
    {
        return err;
    }
    let folder = folder_of(db);
    match sqlite_code(&err) {
        Some((code, message)) if is_damage(code) => {
            return UserError::Damaged {
                path: db.to_path_buf(),
                why: message,
            }
            .into();
        }
        Some((ErrorCode::DiskFull, _)) => {
            return refuse(format!(
                "the disk holding {} is full; nothing was changed",
                db.display()
            ))
            .hint(format!(
                "free some space on that drive (`df -h {}` shows it) and run the command again",
                folder.display()
            ))
            .into();
        }
        Some((ErrorCode::ReadOnly | ErrorCode::CannotOpen, _))
            if !crate::fs::folder_is_writable(&folder) =>
        {
            return refuse(format!(
                "the folder {} is read-only: amb keeps its journal there, beside the database; nothing was changed",
                folder.display()
            ))
            .hint(format!(
                "make the folder writable (`chmod u+w {}`), or copy the database to a writable folder and pass --db",
                folder.display()
            ))
            .into();
        }
        Some((ErrorCode::ReadOnly, _)) => {
            return refuse(format!(
                "{} is read-only; nothing was changed",
                db.display()
            ))
            .hint(format!("make it writable: `chmod u+w {}`", db.display()))
            .into();
        }
        _ => {}
    }
    if is_disk_full_io(&err) {
        return refuse(format!("{err}: the disk is full; nothing was written"))
            .hint("free some space on that drive (`df -h` shows it) and run the command again")
            .into();
    }
    err
}

/// The folder a database file is in (`.` for a bare name).
fn folder_of(db: &Path) -> PathBuf {
    match db.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
