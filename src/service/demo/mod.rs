//! `amb demo`: a fresh database holding the Vaasa 2022 example programme, built the way a
//! coordinator would build it, and its summary.

mod builder;
mod example;
mod summary;

use std::path::Path;

use chrono::NaiveDate;

use crate::config::Config;
use crate::db::{self, audit::Action};
use crate::error::refuse;
use crate::fs::sibling;

pub use summary::Summary;

/// Builds the demo database at `partial` (attendance points counted as of `today`), summarised as the database at `path` will be.
pub fn create(
    partial: &Path,
    path: &Path,
    config: &Config,
    today: NaiveDate,
) -> anyhow::Result<Summary> {
    let example = example::parse()?;
    let mut conn = db::create(partial, &config.db_settings())?;
    let summary = db::write_audited(&mut conn, Action::Demo, |tx| {
        db::meta_set(tx, "kind", "demo")?;
        let (program, imported) = builder::build(tx, config, today, &example)?;
        let mut summary = summary::summarise(tx, config, path, &program, &example.swag.package)?;
        summary.imports = imported;
        Ok((vec![("programs_added", 1)], summary))
    })?;
    conn.close().map_err(|(_, err)| err)?;
    Ok(summary)
}

/// The settings the demo is built with: the default rules (points, tiers, EMV rates, swag)
/// whatever the user's config says, so its balances and report are the same for everyone;
/// only how the database file is opened is the user's.
pub fn config(user: &Config) -> Config {
    let mut config = Config::default();
    config.journal_mode = user.journal_mode;
    config.busy_timeout_ms = user.busy_timeout_ms;
    config
}

/// Deletes an earlier demo file at `path`; refuses any other file.
pub fn remove_previous_demo(path: &Path) -> anyhow::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    if !db::is_demo(path) {
        return Err(refuse(format!(
            "{} exists and is not a demo database; refusing to overwrite it",
            path.display()
        ))
        .hint("pass another --db PATH")
        .into());
    }
    remove_database_files(path)
}

/// Removes a database file with its journal files; a missing file is fine.
pub fn remove_database_files(path: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        match std::fs::remove_file(sibling(path, suffix)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err.into()),
            _ => {}
        }
    }
    Ok(())
}
