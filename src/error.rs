//! Errors a user can cause, and how any error becomes a message and an exit code.

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;

/// Exit status: success.
pub const EXIT_OK: u8 = 0;
/// Exit status: the command failed (bad input, missing data, refused change).
pub const EXIT_ERROR: u8 = 1;
/// Exit status: the command line itself was wrong (clap reports these).
pub const EXIT_USAGE: u8 = 2;
/// Exit status: interrupted by Ctrl-C (128 + SIGINT), as shells report it.
pub const EXIT_INTERRUPTED: u8 = 130;

/// Failures that come from what the user asked for, each saying how to put it right.
#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("no database at {path}\n  hint: run `amb init` to create it, or pass --db PATH")]
    NoDatabase { path: PathBuf },
    #[error(
        "{path} is not an amb database ({why})\n  hint: check --db / AMB_DB, or run `amb init` with a new path"
    )]
    NotAmbDatabase { path: PathBuf, why: String },
    /// The file is an amb database (or was meant to be one) and is damaged.
    #[error(
        "{path} is damaged ({why})\n  hint: run `amb check` to list what is damaged, then restore the database from a backup; amb does not repair it"
    )]
    Damaged { path: PathBuf, why: String },
    /// A command was interrupted (Ctrl-C); its transaction was rolled back.
    #[error("interrupted; {what}")]
    Interrupted { what: &'static str },
    #[error(
        "{path} was written by a newer amb (schema version {found}, this program knows up to {known})\n  hint: upgrade amb"
    )]
    DatabaseTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    /// A name or id that matches no row.
    #[error("no {} matches \"{query}\"{}", thing.singular(), not_found_hint(thing, known))]
    NotFound {
        thing: Thing,
        query: String,
        /// What there is to choose from, where the message lists it (programmes).
        known: Vec<ProgramSpan>,
    },
    /// A name that matches several rows, each described by `candidates`.
    #[error(
        "\"{query}\" matches several {}: {}\n  hint: {}",
        thing.plural(),
        candidates.join(", "),
        thing.disambiguate()
    )]
    Ambiguous {
        thing: Thing,
        query: String,
        candidates: Vec<String>,
    },
    /// No programme runs today, and none was named.
    #[error("no programme runs today ({today}){}", choose_programme_hint(known, format!("{how} or set default_program in the config")))]
    NoCurrentProgramme {
        today: NaiveDate,
        /// The programmes there are, to choose from.
        known: Vec<ProgramSpan>,
        /// How the command names a programme (`pass --program NAME`).
        how: &'static str,
    },
    /// A value that must be unique is already someone else's.
    #[error("{0}")]
    Taken(Taken),
    /// Rows of an import file that cannot be imported; nothing was.
    #[error("{0}")]
    BadRows(BadRows),
    /// Any other refusal: what, where, and how to put it right.
    #[error("{0}")]
    Refused(Refusal),
}

/// The kinds of rows a user names on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Thing {
    Person,
    Programme,
    Training,
}

impl Thing {
    fn singular(self) -> &'static str {
        match self {
            Thing::Person => "person",
            Thing::Programme => "programme",
            Thing::Training => "training",
        }
    }

    fn plural(self) -> &'static str {
        match self {
            Thing::Person => "people",
            Thing::Programme => "programmes",
            Thing::Training => "trainings",
        }
    }

    /// How to name one of several matches.
    fn disambiguate(self) -> &'static str {
        match self {
            Thing::Person => "use the id or e-mail",
            Thing::Programme => "use the id or the full name",
            Thing::Training => "use the id or more of the title",
        }
    }
}

fn not_found_hint(thing: &Thing, known: &[ProgramSpan]) -> String {
    match thing {
        Thing::Person => "\n  hint: `amb person list` shows everyone; a person is named by id, e-mail or part of the name".to_string(),
        Thing::Programme => programmes_hint(known),
        Thing::Training => "\n  hint: `amb training list` shows the trainings".to_string(),
    }
}

/// A programme's name and dates, as a message lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramSpan {
    pub name: String,
    pub start_date: NaiveDate,
    pub end_date: Option<NaiveDate>,
}

/// The days a person was enrolled in a programme, as a message lists them:
/// "Vaasa 2022 from 2022-10-14 to 2023-09-30".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnrolledSpan {
    pub program: String,
    pub first_day: NaiveDate,
    pub last_day: Option<NaiveDate>,
}

impl fmt::Display for EnrolledSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} from {}", self.program, self.first_day)?;
        match self.last_day {
            Some(last) => write!(f, " to {last}"),
            None => f.write_str(" on"),
        }
    }
}

/// The lines that follow a message about choosing a programme: the programmes there are,
/// or how to create the first one.
fn programmes_hint(programs: &[ProgramSpan]) -> String {
    choose_programme_hint(programs, "name one of them by its id or name".into())
}

/// [`programmes_hint`] for a command that names its programme in its own way (`how`).
fn choose_programme_hint(programs: &[ProgramSpan], how: String) -> String {
    if programs.is_empty() {
        return "\n  hint: there are no programmes yet; create one with `amb program add NAME --start DATE --hashtag TAG`".to_string();
    }
    let names: Vec<String> = programs
        .iter()
        .map(|p| {
            let end = p.end_date.map(|d| d.to_string()).unwrap_or_default();
            format!("{} ({} – {end})", p.name, p.start_date)
        })
        .collect();
    format!("\n  programmes: {}\n  hint: {how}", names.join("; "))
}

/// A unique value that is already taken, and by whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Taken {
    Email {
        email: String,
        owner: String,
        id: i64,
    },
    ProgrammeName {
        name: String,
        id: i64,
    },
}

impl fmt::Display for Taken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Taken::Email { email, owner, id } => {
                write!(f, "the e-mail {email} already belongs to {owner} (id {id})")
            }
            Taken::ProgrammeName { name, id } => {
                write!(f, "a programme named \"{name}\" already exists (id {id})")
            }
        }
    }
}

impl From<Taken> for anyhow::Error {
    fn from(taken: Taken) -> anyhow::Error {
        UserError::Taken(taken).into()
    }
}

/// Where refused input was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A file, and the line in it when known.
    File { name: String, line: Option<u64> },
    /// A key of a settings file, and its line when known.
    Key {
        file: String,
        line: Option<u64>,
        key: String,
    },
    /// A flag or an environment variable.
    Setting(String),
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file_line = |f: &mut fmt::Formatter<'_>, name: &str, line: &Option<u64>| {
            f.write_str(name)?;
            match line {
                Some(line) => write!(f, " line {line}"),
                None => Ok(()),
            }
        };
        match self {
            Place::File { name, line } => file_line(f, name, line),
            Place::Key { file, line, key } => {
                file_line(f, file, line)?;
                write!(f, ", key \"{key}\"")
            }
            Place::Setting(name) => f.write_str(name),
        }
    }
}

/// A refusal: what is wrong, where (when known) and how to put it right (when there is
/// something to say). Rendered as `<where>: <what>` and an indented `hint:` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub what: String,
    pub place: Option<Place>,
    pub hint: Option<String>,
}

/// Starts a refusal saying what is wrong; add [`Refusal::at`] and [`Refusal::hint`].
pub fn refuse(what: impl Into<String>) -> Refusal {
    Refusal {
        what: what.into(),
        place: None,
        hint: None,
    }
}

impl Refusal {
    /// Where the refused input is.
    pub fn at(mut self, place: Place) -> Refusal {
        self.place = Some(place);
        self
    }

    /// How to put it right.
    pub fn hint(mut self, hint: impl Into<String>) -> Refusal {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        f.write_str(&self.what)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl From<Refusal> for anyhow::Error {
    fn from(refusal: Refusal) -> anyhow::Error {
        UserError::Refused(refusal).into()
    }
}

/// One row of an import file that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The row's line in the file; `None` for a problem with the file as a whole.
    pub line: Option<u64>,
    pub message: String,
}

impl fmt::Display for BadRow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "line {line}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// Every bad row of an import file (the first few are shown); nothing was imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRows {
    pub file: String,
    pub rows: Vec<BadRow>,
    /// Bad rows found beyond `rows`, only counted (memory stays bounded).
    pub more: usize,
}

impl BadRows {
    /// How many rows the message shows; it counts the rest.
    const SHOWN: usize = 20;
}

impl fmt::Display for BadRows {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.rows.len() + self.more;
        let file = &self.file;
        write!(
            f,
            "{file}: {count} bad row{}; nothing was imported",
            if count == 1 { "" } else { "s" }
        )?;
        for row in self.rows.iter().take(BadRows::SHOWN) {
            write!(f, "\n  {file} {row}")?;
        }
        let shown = self.rows.len().min(BadRows::SHOWN);
        if count > shown {
            write!(f, "\n  … and {} more", count - shown)?;
        }
        f.write_str("\n  hint: fix the rows and import the file again")
    }
}

impl From<BadRows> for anyhow::Error {
    fn from(rows: BadRows) -> anyhow::Error {
        UserError::BadRows(rows).into()
    }
}

/// Shorthand for a refusal with a ready-made message.
pub fn invalid(message: impl Into<String>) -> anyhow::Error {
    refuse(message).into()
}

/// Prints `amb: <message>` with its causes to stderr and picks the exit code.
/// A closed stdout (`amb person list | head -1`) is not an error.
pub fn report(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::from(EXIT_OK);
    }
    if err
        .chain()
        .any(|cause| matches!(cause.downcast_ref(), Some(UserError::Interrupted { .. })))
    {
        eprintln!("amb: {err}");
        return ExitCode::from(EXIT_INTERRUPTED);
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
    let broken = |io: &std::io::Error| io.kind() == std::io::ErrorKind::BrokenPipe;
    err.chain().any(|cause| {
        cause.downcast_ref::<std::io::Error>().is_some_and(broken)
            // The csv crate's error names no source: its I/O error is inside.
            || cause
                .downcast_ref::<csv::Error>()
                .is_some_and(|e| matches!(e.kind(), csv::ErrorKind::Io(io) if broken(io)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_is_seen_through_the_csv_crate() {
        let pipe = || std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert!(is_broken_pipe(&anyhow::Error::from(pipe())));
        assert!(is_broken_pipe(&anyhow::Error::from(csv::Error::from(
            pipe()
        ))));
        let other = csv::Error::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert!(!is_broken_pipe(&anyhow::Error::from(other)));
    }

    #[test]
    fn a_refusal_says_where_what_and_how_to_fix_it() {
        let refusal = refuse("\"31.2.2023\" is not a date")
            .at(Place::File {
                name: "people.csv".into(),
                line: Some(14),
            })
            .hint("use 2023-02-28");
        assert_eq!(
            refusal.to_string(),
            "people.csv line 14: \"31.2.2023\" is not a date\n  hint: use 2023-02-28"
        );
        let key = Place::Key {
            file: "config.toml".into(),
            line: None,
            key: "points".into(),
        };
        assert_eq!(
            refuse("negative").at(key).to_string(),
            "config.toml, key \"points\": negative"
        );
        assert_eq!(invalid("plain").to_string(), "plain");
    }

    #[test]
    fn bad_rows_show_twenty_and_count_the_rest() {
        let rows = (1..=22)
            .map(|line| BadRow {
                line: Some(line),
                message: "the name is empty".into(),
            })
            .collect();
        let text = BadRows {
            file: "a.csv".into(),
            rows,
            more: 0,
        }
        .to_string();
        assert!(text.starts_with(
            "a.csv: 22 bad rows; nothing was imported\n  a.csv line 1: the name is empty\n"
        ));
        assert!(text.contains("\n  a.csv line 20: "));
        assert!(!text.contains("line 21"));
        assert!(text.ends_with("\n  … and 2 more\n  hint: fix the rows and import the file again"));
        let one = BadRows {
            file: "a.csv".into(),
            rows: vec![BadRow {
                line: None,
                message: "no header".into(),
            }],
            more: 0,
        };
        assert!(one.to_string().starts_with("a.csv: 1 bad row; nothing"));
        let counted = BadRows { more: 5, ..one };
        let text = counted.to_string();
        assert!(text.starts_with("a.csv: 6 bad rows; nothing"), "{text}");
        assert!(text.contains("\n  … and 5 more\n"), "{text}");
    }

    #[test]
    fn lookups_render_their_hints_from_data() {
        let none = UserError::NotFound {
            thing: Thing::Programme,
            query: "Oulu".into(),
            known: Vec::new(),
        };
        assert!(
            none.to_string()
                .starts_with("no programme matches \"Oulu\"\n  hint: there are no programmes yet")
        );
        let many = UserError::Ambiguous {
            thing: Thing::Person,
            query: "Aino".into(),
            candidates: vec!["A <a@x.fi> (id 1)".into(), "B <b@x.fi> (id 2)".into()],
        };
        assert_eq!(
            many.to_string(),
            "\"Aino\" matches several people: A <a@x.fi> (id 1), B <b@x.fi> (id 2)\n  hint: use the id or e-mail"
        );
    }
}
