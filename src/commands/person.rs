//! `amb person add|list|show|edit|import`.

use std::path::Path;

use anyhow::Context as _;
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::enrolment::{Joining, check_joining};
use super::{
    apply_fields, current_program, date_or_today, fill_blanks, new_person, optional_program,
};
use crate::cli::{PersonAddArgs, PersonCommand, PersonEditArgs, PersonImportArgs, PersonListArgs};
use crate::context::Context;
use crate::db::enrolments::{self, Enrolment};
use crate::db::people::{self, Filter, Person};
use crate::db::programs::Program;
use crate::db::{self};
use crate::domain::{EnrolmentStatus, Role};
use crate::error::invalid;
use crate::import::ImportError;
use crate::import::people::Reader;

pub fn run(ctx: &Context, command: PersonCommand) -> anyhow::Result<()> {
    match command {
        PersonCommand::Add(args) => add(ctx, args),
        PersonCommand::List(args) => list(ctx, args),
        PersonCommand::Show { person } => show(ctx, &person),
        PersonCommand::Edit(args) => edit(ctx, args),
        PersonCommand::Import(args) => import(ctx, args),
    }
}

/// A person with every enrolment and their points, for `person show`.
#[derive(Serialize)]
struct PersonRecord {
    #[serde(flatten)]
    person: Person,
    points: PointsSummary,
    enrolments: Vec<Enrolment>,
}

#[derive(Serialize)]
struct PointsSummary {
    balance: i64,
    earned: i64,
    redeemed: i64,
    tier: Option<String>,
}

fn add(ctx: &Context, args: PersonAddArgs) -> anyhow::Result<()> {
    let person = new_person(&args.name, &args.fields)?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let id = people::insert(&tx, &person)?;
    db::audit::record(&tx, "person add", &[("people_added", 1)])?;
    let person = people::get(&tx, id)?;
    tx.commit()?;
    ctx.note(format!("Added {} (id {id})", person.name));
    ctx.output().record(&person)
}

fn list(ctx: &Context, args: PersonListArgs) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let filter = Filter {
        role: args
            .role
            .as_deref()
            .map(str::parse::<Role>)
            .transpose()
            .map_err(invalid)?,
        unit: args.unit,
        status: args
            .status
            .as_deref()
            .map(str::parse::<EnrolmentStatus>)
            .transpose()
            .map_err(invalid)?,
        program: optional_program(&tx, args.program.as_deref())?,
    };
    ctx.output().list(&people::list(&tx, &filter)?)
}

fn show(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let person = people::resolve(&tx, query)?;
    let enrolments = enrolments::for_person(&tx, person.id)?;
    let (balance, earned, redeemed) = crate::db::points::balances(&tx, Some(person.id))?
        .first()
        .map_or((0, 0, 0), |b| (b.balance, b.earned, b.redeemed));
    let points = PointsSummary {
        balance,
        earned,
        redeemed,
        tier: ctx.config.tier(earned).map(str::to_string),
    };
    ctx.output().record(&PersonRecord {
        person,
        points,
        enrolments,
    })
}

fn edit(ctx: &Context, args: PersonEditArgs) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let mut person = people::resolve(&tx, &args.person)?;
    if let Some(name) = &args.name {
        person.name = crate::text::non_empty(Some(name))
            .ok_or_else(|| invalid("the name cannot be empty"))?;
    }
    apply_fields(&mut person, &args.fields)?;
    people::update(&tx, &person)?;
    db::audit::record(&tx, "person edit", &[("people_changed", 1)])?;
    tx.commit()?;
    ctx.note(format!("Changed {} (id {})", person.name, person.id));
    ctx.output().record(&person)
}

/// What an import did, printed and kept (as counts) in the audit log.
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

/// How an imported row becomes an enrolment.
pub struct ImportPlan<'a> {
    pub program: &'a Program,
    pub enroll: bool,
    pub date: NaiveDate,
    pub guidelines_version: &'a str,
}

fn import(ctx: &Context, args: PersonImportArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    let date = date_or_today(ctx, args.date.as_deref())?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let program = current_program(&tx, ctx, args.program.as_deref())?;
    let joining = if args.enroll {
        Joining::Enrol
    } else {
        Joining::Apply
    };
    check_joining(&program, date, joining)?;
    let plan = ImportPlan {
        program: &program,
        enroll: args.enroll,
        date,
        guidelines_version: &ctx.config.guidelines_version,
    };
    let summary = import_people(&tx, &args.file, file, &plan)?;
    tx.commit()?;
    if !summary.ignored_columns.is_empty() {
        ctx.note(format!(
            "{}: ignored the columns {}",
            summary.file,
            summary.ignored_columns.join(", ")
        ));
    }
    ctx.note(format!(
        "Imported {}: {} people created, {} matched; {} applied, {} enrolled, {} activated in {}",
        summary.file,
        summary.people_created,
        summary.people_matched,
        summary.applied,
        summary.enrolled,
        summary.activated,
        summary.program
    ));
    ctx.output().record(&summary)
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
    let mut errors: Vec<ImportError> = Vec::new();
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
        return Err(crate::import::bad_rows(&name, &errors).into());
    }
    db::audit::record(
        conn,
        "person import",
        &[
            ("rows", summary.rows),
            ("people_created", summary.people_created),
            ("people_matched", summary.people_matched),
            ("people_updated", summary.people_updated),
            ("applied", summary.applied),
            ("enrolled", summary.enrolled),
            ("activated", summary.activated),
        ],
    )?;
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
