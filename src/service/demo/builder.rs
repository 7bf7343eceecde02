//! Fills a new database with the example programme: people from the application form,
//! trainings with attendance, swag, the year's activities, feedback, redemptions and KPIs.

use std::path::Path;

use chrono::NaiveDate;
use rusqlite::Connection;
use sha2::{Digest, Sha256};

use super::example::{
    APPLICATIONS, APPLICATIONS_NAME, ExampleProgramme, ExampleSwag, ExampleTraining, IMPORTS,
};
use super::summary::ImportRow;
use crate::config::Config;
use crate::db::audit::{self, Action};
use crate::db::programs::{self, Program, ProgramFields};
use crate::db::{feedback, imports, kpis, people, swag, trainings};
use crate::domain::{Attendance, PersonId, TrainingKind};
use crate::error::invalid;
use crate::import::post::ReadError;
use crate::import::source::hex;
use crate::service::import::{ImportPlan, import_people, importer};
use crate::service::training::set_mark;

/// Writes the example programme and everything in it; returns the programme and the
/// example files imported.
pub(super) fn build(
    tx: &Connection,
    config: &Config,
    today: NaiveDate,
    example: &ExampleProgramme,
) -> anyhow::Result<(Program, Vec<ImportRow>)> {
    let id = programs::insert(
        tx,
        &ProgramFields {
            name: example.name.clone(),
            start_date: example.start,
            end_date: example.end,
            hashtags: example.hashtags.clone(),
            aliases: example.aliases.clone(),
        },
    )?;
    let program = programs::get(tx, id)?;
    let plan = ImportPlan {
        program: &program,
        enroll: true,
        date: example.enrolled_on,
        guidelines_version: &example.guidelines_version,
    };
    let people = import_people(
        tx,
        Path::new(APPLICATIONS_NAME),
        APPLICATIONS.as_bytes(),
        &plan,
    )?;
    audit::record(tx, Action::PersonImport, &people.audit_counts())?;
    add_trainings(tx, config, today, &program, &example.trainings)?;
    add_swag(tx, config, &program, &example.swag)?;
    let imported = add_activities(tx, config)?;
    for feedback in &example.feedback {
        let person = person_by_email(tx, &feedback.email)?;
        feedback::upsert(
            tx,
            person,
            program.id,
            feedback.score,
            feedback.comment.as_deref(),
            feedback.date,
        )?;
    }
    for redemption in &example.redemptions {
        let person = person_by_email(tx, &redemption.email)?;
        crate::db::points::insert(
            tx,
            &crate::db::points::NewEntry {
                person,
                program: Some(program.id),
                date: redemption.date,
                amount: -redemption.points,
                kind: crate::domain::EntryKind::Redemption,
                reason: crate::db::points::Reason::Own(&redemption.reward),
                source: crate::domain::PointsSource::Redemption,
                activity: None,
                attendance: None,
                key: None,
                reverses: None,
            },
        )?;
    }
    for kpi in &example.kpis {
        kpis::insert(
            tx,
            Some(program.id),
            &kpi.name,
            kpi.date,
            kpi.value,
            Some(&kpi.note),
        )?;
    }
    let program = close_and_start_alumni(tx, &program)?;
    Ok((program, imported))
}

/// Ends the programme year as it ended in Vaasa: the cohort closes on its end date (its
/// ambassadors complete it) and an open-ended alumni programme with the same hashtags
/// starts the next day, with every ambassador who completed the year.
fn close_and_start_alumni(conn: &Connection, program: &Program) -> anyhow::Result<Program> {
    let Some(end) = program.end_date else {
        return Ok(program.clone());
    };
    let completed = programs::close(conn, program.id, end)?;
    audit::record(
        conn,
        Action::ProgramClose,
        &[
            ("programs_closed", 1),
            ("enrolments_completed", completed as i64),
        ],
    )?;
    let Some(start) = end.succ_opt() else {
        return Ok(programs::get(conn, program.id)?);
    };
    let alumni = programs::insert(
        conn,
        &ProgramFields {
            name: format!("{} alumni", program.name),
            start_date: start,
            end_date: None,
            hashtags: program.hashtags.clone(),
            aliases: program.aliases.clone(),
        },
    )?;
    let enrolled = crate::db::enrolments::enrol_completed(conn, program.id, alumni, start)? as i64;
    audit::record(
        conn,
        Action::ProgramAdd,
        &[("programs_added", 1), ("enrolled", enrolled)],
    )?;
    Ok(programs::get(conn, program.id)?)
}

fn person_by_email(conn: &Connection, email: &str) -> anyhow::Result<PersonId> {
    people::find_by_email(conn, email)?
        .map(|p| p.id)
        .ok_or_else(|| invalid(format!("example data: {email} is not among the applicants")))
}

/// Each training with everyone enrolled on its day attending, but the absent and excused.
fn add_trainings(
    conn: &Connection,
    config: &Config,
    today: NaiveDate,
    program: &Program,
    examples: &[ExampleTraining],
) -> anyhow::Result<()> {
    for example in examples {
        let kind: TrainingKind = example.kind.parse().map_err(invalid)?;
        let id = trainings::insert(
            conn,
            program.id,
            &example.title,
            example.date,
            Some(&example.trainer),
            kind,
        )?;
        let training = trainings::get(conn, id)?;
        for entry in trainings::roster(conn, &training)? {
            let mark = if example.absent.contains(&entry.email) {
                Attendance::Absent
            } else if example.excused.contains(&entry.email) {
                Attendance::Excused
            } else {
                Attendance::Attended
            };
            set_mark(conn, &config.points, today, id, entry.person_id, mark)?;
        }
    }
    Ok(())
}

/// The package for every active ambassador but those still pending.
fn add_swag(
    conn: &Connection,
    config: &Config,
    program: &Program,
    example: &ExampleSwag,
) -> anyhow::Result<()> {
    let package = swag::add_stock(conn, &example.package, example.stock)?;
    for pending in swag::pending(conn, program.id, config.swag_each_cohort)? {
        if !example.pending.contains(&pending.email) {
            swag::deliver(
                conn,
                pending.person_id,
                package.id,
                Some(program.id),
                example.delivered_on,
                None,
            )?;
        }
    }
    Ok(())
}

/// The year's posts, shares and visits from the generic activities CSV.
fn add_activities(conn: &Connection, config: &Config) -> anyhow::Result<Vec<ImportRow>> {
    let mut rows = Vec::new();
    for (name, format, owner, bytes) in IMPORTS {
        let person = match owner {
            Some(email) => Some(people::find_by_email(conn, email)?.ok_or_else(|| {
                invalid(format!("example data: {email} is not among the applicants"))
            })?),
            None => None,
        };
        let sha256 = hex(&Sha256::digest(bytes));
        let batch = imports::start(
            conn,
            name,
            &sha256,
            format.as_str(),
            person.as_ref().map(|p| p.id),
        )?;
        let mut importer = importer(conn, config, batch, person.as_ref(), false, false)?;
        let mut input: &[u8] = bytes;
        importer
            .read(*format, &mut input, &config.activity_kinds)
            .map_err(|err| match err {
                ReadError::Malformed(what) => invalid(format!("example data {name}: {what}")),
                ReadError::Failed(err) => err,
            })?;
        if let Some(err) = importer.row_errors.first() {
            return Err(invalid(format!("example data {name} {err}")));
        }
        importer.finish()?;
        imports::finish(
            conn,
            batch,
            importer.recorded_before(),
            &sha256,
            &importer.counts,
        )?;
        rows.push(ImportRow {
            file: (*name).to_string(),
            format: *format,
            person: person.map(|p| p.name),
            added: importer.counts.added,
            without_hashtag: importer.counts.without_hashtag,
            outside_program: importer.counts.outside_program,
        });
    }
    Ok(rows)
}
