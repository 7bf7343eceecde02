//! Errors a user can cause, and how any error becomes a message and an exit code.

use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the command failed (bad input, missing data, refused change).
pub const EXIT_ERROR: u8 = 1;
/// Exit status: the command line itself was wrong (clap reports these).
pub const EXIT_USAGE: u8 = 2;

/// Failures that come from what the user asked for, each saying how to put it right.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("no database at {path}\n  hint: run `amb init` to create it, or pass --db PATH")]
    NoDatabase { path: PathBuf },
    #[error(
        "{path} is not an amb database ({why})\n  hint: check --db / AMB_DB, or run `amb init` with a new path"
    )]
    NotAmbDatabase { path: PathBuf, why: String },
    #[error(
        "{path} was written by a newer amb (schema version {found}, this program knows up to {known})\n  hint: upgrade amb"
    )]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("no {what} matches \"{query}\"{hint}")]
    NotFound {
        what: &'static str,
        query: String,
        hint: String,
    },
    #[error("\"{query}\" matches several {what}: {candidates}\n  hint: {hint}")]
    Ambiguous {
        what: &'static str,
        query: String,
        candidates: String,
        hint: &'static str,
    },
    #[error("{0}")]
    Invalid(String),
}

/// Shorthand for a refusal with a ready-made message.
pub fn invalid(message: impl Into<String>) -> anyhow::Error {
    UserError::Invalid(message.into()).into()
}

/// Prints `amb: <message>` with its causes to stderr and picks the exit code.
/// A closed stdout (`amb person list | head -1`) is not an error.
pub fn report(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::from(EXIT_OK);
    }
    if is_busy_anywhere(err) {
        eprintln!(
            "amb: the database is busy: another command kept it locked for too long; nothing was changed\n  hint: try again in a moment, or raise busy_timeout_ms in the config"
        );
        return ExitCode::from(EXIT_ERROR);
    }
    let mut text = format!("amb: {err}");
    for cause in err.chain().skip(1) {
        text.push_str(&format!("\n  caused by: {cause}"));
    }
    eprintln!("{text}");
    ExitCode::from(EXIT_ERROR)
}

fn is_busy_anywhere(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|cause| cause.downcast_ref::<rusqlite::Error>().is_some_and(is_busy))
}

/// Whether SQLite gave up waiting for another connection's lock.
pub fn is_busy(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _)
            if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
