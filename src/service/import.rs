//! Imports: an application form into people and enrolments, and activities from exports
//! and the generic CSV, each inside the caller's one transaction.

use std::path::Path;

use chrono::NaiveDate;
use indicatif::ProgressBar;
use rusqlite::Connection;
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::people::fill_blanks;
use crate::config::Config;
use crate::db::audit::Counts as AuditCounts;
use crate::db::enrolments;
use crate::db::imports::{self, Counts};
use crate::db::people::{self, Person};
use crate::db::programs::Program;
use crate::domain::EnrolmentStatus;
use crate::error::{invalid, refuse};
use crate::import::importer::{Explained, Importer, Options};
use crate::import::people::Reader;
use crate::import::post::ReadError;
use crate::import::source::{self, Hashing, ImportFormat, Located, hex};
use crate::import::{ImportError, RowErrors};

/// What a person import did, printed and kept (as counts) in the audit log.
#[derive(Debug, Default, Serialize)]
pub struct ImportSummary {
    pub file: String,
    pub program: String,
    pub rows: i64,
    pub people_created: i64,
    pub people_matched: i64,
    pub people_updated: i64,
    pub applied: i64,
    pub enrolled: i64,
    pub activated: i64,
    pub unchanged: i64,
    /// Columns of the file that were not understood.
    pub ignored_columns: Vec<String>,
}

impl ImportSummary {
    /// The counts the audit log keeps of a person import.
    pub fn audit_counts(&self) -> AuditCounts {
        vec![
            ("rows", self.rows),
            ("people_created", self.people_created),
            ("people_matched", self.people_matched),
            ("people_updated", self.people_updated),
            ("applied", self.applied),
            ("enrolled", self.enrolled),
            ("activated", self.activated),
        ]
    }
}

/// How an imported row becomes an enrolment.
pub struct ImportPlan<'a> {
    pub program: &'a Program,
    pub enroll: bool,
    pub date: NaiveDate,
    pub guidelines_version: &'a str,
}

/// Streams an application-form CSV into the database inside the caller's transaction.
/// Every bad row is collected; if there is any, the error lists them and the caller's
/// transaction is dropped, so nothing is imported.
pub fn import_people(
    conn: &Connection,
    path: &Path,
    input: impl std::io::Read,
    plan: &ImportPlan<'_>,
) -> anyhow::Result<ImportSummary> {
    let name = path.display().to_string();
    let reader = Reader::new(input).map_err(|err| invalid(format!("{name}: {err}")))?;
    let mut summary = ImportSummary {
        file: name.clone(),
        program: plan.program.name.clone(),
        ignored_columns: reader.columns.ignored.clone(),
        ..ImportSummary::default()
    };
    let mut errors = RowErrors::default();
    for row in reader {
        let applicant = match row {
            Ok(applicant) => applicant,
            Err(err) => {
                let fatal = matches!(err, ImportError::Broken { .. });
                errors.push(err);
                if fatal {
                    break;
                }
                continue;
            }
        };
        summary.rows += 1;
        // After a bad row everything is rolled back, but storing goes on so that every
        // row that conflicts with the database is reported too.
        if let Err(message) = store_applicant(
            conn,
            &applicant.person,
            applicant.motivation.as_deref(),
            plan,
            &mut summary,
        )? {
            errors.push(ImportError::Row {
                line: applicant.line,
                message,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors.report(&name).into());
    }
    Ok(summary)
}

/// Matches or creates one person and moves their enrolment forwards, never backwards.
/// The inner error is a problem with the row, to be reported with its line.
fn store_applicant(
    conn: &Connection,
    incoming: &Person,
    motivation: Option<&str>,
    plan: &ImportPlan<'_>,
    summary: &mut ImportSummary,
) -> anyhow::Result<Result<(), String>> {
    let person_id = match people::find_by_email(conn, &incoming.email)? {
        Some(mut existing) => {
            summary.people_matched += 1;
            if fill_blanks(&mut existing, incoming) {
                people::update(conn, &existing)?;
                summary.people_updated += 1;
            }
            existing.id
        }
        None => {
            summary.people_created += 1;
            people::insert(conn, incoming)?
        }
    };
    let program = plan.program.id;
    match (enrolments::find(conn, person_id, program)?, plan.enroll) {
        (None, false) => {
            enrolments::insert_applicant(conn, person_id, program, plan.date, motivation)?;
            summary.applied += 1;
        }
        (None, true) => {
            enrolments::insert_active(
                conn,
                person_id,
                program,
                plan.date,
                plan.guidelines_version,
                motivation,
            )?;
            summary.enrolled += 1;
        }
        (Some(e), true) if e.status == EnrolmentStatus::Applied => {
            if let Some(applied) = e.applied_on.filter(|applied| plan.date < *applied) {
                return Ok(Err(format!(
                    "{} applied on {applied}; the enrolment date {} cannot be earlier",
                    incoming.email, plan.date
                )));
            }
            enrolments::activate(conn, e.id, plan.date, plan.guidelines_version)?;
            summary.activated += 1;
        }
        (Some(_), _) => summary.unchanged += 1,
    }
    Ok(Ok(()))
}

/// An importer for one batch, for a person's export or (without a person) the generic CSV.
pub fn importer<'c>(
    conn: &'c Connection,
    config: &Config,
    batch: i64,
    person: Option<&Person>,
    keep_text: bool,
    update_metrics: bool,
) -> anyhow::Result<Importer<'c>> {
    let options = Options {
        rules: config.points.clone(),
        timezone: config.timezone.0,
        batch,
        keep_text,
        update_metrics,
    };
    match person {
        Some(person) => Importer::for_person(conn, options, person),
        None => Importer::new(conn, options),
    }
}

/// An activity import to run: the located export, whose it is, and how.
pub struct ActivityImport<'a> {
    /// The path as given, as the batch and messages name it.
    pub file: &'a str,
    pub located: &'a Located,
    pub person: Option<&'a Person>,
    pub keep_text: bool,
    pub update_metrics: bool,
    /// Keep every entry's decision (`--explain`).
    pub explain: bool,
}

/// What an activity import did.
#[derive(Debug)]
pub struct ActivityImported {
    pub batch: i64,
    pub sha256: String,
    pub counts: Counts,
    /// The first unusable entries, with where they are and why.
    pub rejected_entries: Vec<String>,
    /// Earlier batches that imported a file with the same content.
    pub earlier_batches: Vec<i64>,
    /// With `explain`: every entry of the file and its decision.
    pub explained: Vec<Explained>,
}

/// The error for a file that cannot be imported as it is.
fn bad_file(name: &str, what: impl std::fmt::Display) -> anyhow::Error {
    invalid(format!(
        "{name}: {what}\n  nothing was imported; fix the file or check --from"
    ))
}

/// Imports every part of an export as one batch, hashing the bytes as they stream by;
/// `progress` advances with them.
pub fn import_activities(
    conn: &Connection,
    config: &Config,
    import: &ActivityImport<'_>,
    progress: &ProgressBar,
) -> anyhow::Result<ActivityImported> {
    let format = import.located.format;
    let batch = imports::start(
        conn,
        import.file,
        &"0".repeat(64),
        format.as_str(),
        import.person.map(|p| p.id),
    )?;
    // The rows' tallies are added at the end, in one pass over them.
    let tallies = crate::db::activity_tally::defer(conn)?;
    let mut importer = importer(
        conn,
        config,
        batch,
        import.person,
        import.keep_text,
        import.update_metrics,
    )?;
    if import.explain {
        importer.explain();
    }
    let mut hasher = Sha256::new();
    // An X archive's long posts come first (`locate` orders them so), to give their
    // tweets the full text; a note-tweet.js given alone is read as posts, and refused with
    // a hint.
    let parts = &import.located.parts;
    let with_notes =
        format == ImportFormat::X && parts.iter().any(|part| !source::holds_note_tweets(part));
    import.located.read_parts(&mut |part, reader| {
        let mut hashing = Hashing::new(progress.wrap_read(reader), &mut hasher);
        let read = if with_notes && source::holds_note_tweets(part) {
            importer.read_x_notes(&mut hashing)
        } else {
            importer.read(format, &mut hashing, &config.activity_kinds)
        };
        let outcome = read.and_then(|()| hashing.drain().map_err(ReadError::from));
        match outcome {
            Ok(()) => Ok(()),
            Err(ReadError::Malformed(what)) => Err(bad_file(&part.name, what)),
            Err(ReadError::Failed(err)) => Err(err.context(format!("importing {}", part.name))),
        }
    })?;
    progress.finish_and_clear();
    if !importer.row_errors.is_empty() {
        return Err(importer.row_errors.report(import.file).into());
    }
    let c = &importer.counts;
    if c.posts_read == 0 && c.rejected == 0 {
        // A file read to its end without one post in it is not a success to report.
        let what = format!("{}: no post found in it; nothing was imported", import.file);
        return Err(refuse(what)
            .hint(format!(
                "is it the {format} export's posts file? (see `amb activity import --help`)"
            ))
            .into());
    }
    importer.finish()?;
    let sha256 = hex(&hasher.finalize());
    let counts = importer.counts.clone();
    let rejected_entries = importer.rejected.clone();
    let explained = importer.explained.take().unwrap_or_default();
    let recorded_before = importer.recorded_before();
    drop(importer); // its prepared statements end before the transaction does
    tallies.catch_up(conn)?;
    imports::finish(conn, batch, recorded_before, &sha256, &counts)?;
    let earlier_batches = imports::with_hash(conn, &sha256, batch)?;
    Ok(ActivityImported {
        batch,
        sha256,
        counts,
        rejected_entries,
        earlier_batches,
        explained,
    })
}

/// The total size of an export's parts, for a progress bar.
pub fn total_size(located: &Located) -> u64 {
    located.total_size()
}
