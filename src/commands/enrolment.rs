//! `amb enroll`, `amb apply` and `amb withdraw`: a person's place in a programme.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{any_details, current_program, date_or_today, new_person};
use crate::cli::{ApplyArgs, EnrollArgs, PersonFieldArgs, WithdrawArgs};
use crate::context::Context;
use crate::db::enrolments::{self, Enrolment};
use crate::db::people::{self, Person};
use crate::db::programs::Program;
use crate::db::{self, activities, programs};
use crate::domain::{EnrolmentStatus, ProgramStatus};
use crate::error::invalid;

/// The person an `enroll`/`apply` names: matched by `--email` (created when new), else looked up.
/// Returns whether the person was created.
fn person_for(
    conn: &Connection,
    query: &str,
    fields: &PersonFieldArgs,
) -> anyhow::Result<(Person, bool)> {
    let existing = match fields.email.as_deref() {
        Some(email) => people::find_by_email(conn, email)?,
        None => Some(people::resolve(conn, query)?),
    };
    match existing {
        Some(person) => Ok((person, false)),
        None => {
            let person = new_person(query, fields)?;
            let id = people::insert(conn, &person)?;
            Ok((people::get(conn, id)?, true))
        }
    }
}

/// Tells the user when details they gave for an existing person were not used.
fn note_unused_details(ctx: &Context, person: &Person, created: bool, fields: &PersonFieldArgs) {
    if !created && any_details(fields) {
        ctx.note(format!(
            "{} was already in the database; their details were not changed (use `amb person edit`)",
            person.name
        ));
    }
}

/// How a person joins a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joining {
    /// As an applicant: any time before the programme ends.
    Apply,
    /// As an active ambassador: within the programme's dates.
    Enrol,
}

/// Refuses joining a closed programme, or on a date it does not cover.
pub fn check_joining(program: &Program, date: NaiveDate, how: Joining) -> anyhow::Result<()> {
    if program.status == ProgramStatus::Closed {
        return Err(invalid(format!(
            "{} is closed; it takes no new applicants or ambassadors",
            program.name
        )));
    }
    if let Some(end) = program.end_date
        && date > end
    {
        return Err(invalid(format!(
            "{} ended on {end}; cannot {} on {date}",
            program.name,
            if how == Joining::Enrol {
                "enrol"
            } else {
                "apply"
            }
        )));
    }
    if how == Joining::Enrol && date < program.start_date {
        return Err(invalid(format!(
            "{} starts on {}; cannot enrol on {date}\n  hint: record the person with `amb apply` until then",
            program.name, program.start_date
        )));
    }
    Ok(())
}

/// Refuses to end an enrolment (or a programme) on `from` while activities dated `from` or
/// later count for it: they would be left outside every enrolment.
pub fn refuse_activities_from(
    conn: &Connection,
    program_name: &str,
    program: crate::domain::ProgramId,
    person: Option<&Person>,
    from: NaiveDate,
) -> anyhow::Result<()> {
    let (count, first) = activities::from_day(conn, program, person.map(|p| p.id), from)?;
    let Some((id, date)) = first else {
        return Ok(());
    };
    let noun = if count == 1 { "activity" } else { "activities" };
    let whose = match person {
        Some(p) => format!("{} has", p.name),
        None if count == 1 => "there is".to_string(),
        None => "there are".to_string(),
    };
    Err(invalid(format!(
        "{whose} {count} {noun} in {program_name} on or after {from} (the first: activity {id} on {date})\n  hint: choose a later date, or remove or move those activities first"
    )))
}

fn describe(person: &Person, enrolment: &Enrolment) -> String {
    let since = enrolment
        .since()
        .map(|d| format!(" since {d}"))
        .unwrap_or_default();
    format!(
        "{} is already {} in {}{since}",
        person.name, enrolment.status, enrolment.program
    )
}

pub fn enroll(ctx: &Context, args: EnrollArgs) -> anyhow::Result<()> {
    let date = date_or_today(ctx, args.date.as_deref())?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let program = current_program(&tx, ctx, args.program.as_deref())?;
    check_joining(&program, date, Joining::Enrol)?;
    let (person, created) = person_for(&tx, &args.person, &args.fields)?;
    let version = &ctx.config.guidelines_version;
    match enrolments::find(&tx, person.id, program.id)? {
        None => enrolments::insert_active(&tx, person.id, program.id, date, version, None)?,
        Some(e) if e.status == EnrolmentStatus::Applied => {
            if e.applied_on.is_some_and(|applied| date < applied) {
                return Err(invalid(format!(
                    "{} applied on {}; the enrolment date {date} cannot be earlier",
                    person.name,
                    e.applied_on.unwrap_or(date)
                )));
            }
            enrolments::activate(&tx, e.id, date, version)?
        }
        Some(e) => {
            let mut message = describe(&person, &e);
            if e.status != EnrolmentStatus::Active {
                message.push_str(
                    "\n  hint: an ended enrolment is not reopened; enrol them in a new programme",
                );
            }
            return Err(invalid(message));
        }
    }
    db::audit::record(
        &tx,
        "enroll",
        &[("people_created", i64::from(created)), ("enrolled", 1)],
    )?;
    let enrolment = enrolments::find(&tx, person.id, program.id)?;
    tx.commit()?;
    note_unused_details(ctx, &person, created, &args.fields);
    ctx.note(format!(
        "Enrolled {} in {} on {date} (guidelines {version} accepted)",
        person.name, program.name
    ));
    ctx.output().record(&enrolment)
}

pub fn apply(ctx: &Context, args: ApplyArgs) -> anyhow::Result<()> {
    let date = date_or_today(ctx, args.date.as_deref())?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let program = current_program(&tx, ctx, args.program.as_deref())?;
    check_joining(&program, date, Joining::Apply)?;
    let (person, created) = person_for(&tx, &args.person, &args.fields)?;
    if let Some(e) = enrolments::find(&tx, person.id, program.id)? {
        return Err(invalid(describe(&person, &e)));
    }
    let motivation = crate::text::non_empty(args.motivation.as_deref());
    enrolments::insert_applicant(&tx, person.id, program.id, date, motivation.as_deref())?;
    db::audit::record(
        &tx,
        "apply",
        &[("people_created", i64::from(created)), ("applied", 1)],
    )?;
    let enrolment = enrolments::find(&tx, person.id, program.id)?;
    tx.commit()?;
    note_unused_details(ctx, &person, created, &args.fields);
    ctx.note(format!(
        "Recorded {} as an applicant to {}",
        person.name, program.name
    ));
    ctx.output().record(&enrolment)
}

pub fn withdraw(ctx: &Context, args: WithdrawArgs) -> anyhow::Result<()> {
    let date = date_or_today(ctx, args.date.as_deref())?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let person = people::resolve(&tx, &args.person)?;
    let open: Vec<Enrolment> = enrolments::for_person(&tx, person.id)?
        .into_iter()
        .filter(|e| matches!(e.status, EnrolmentStatus::Applied | EnrolmentStatus::Active))
        .collect();
    // Without --program, the one programme the person is still in is meant.
    let enrolment = match (args.program.as_deref(), open.as_slice()) {
        (None, [only]) => only.clone(),
        (flag, _) => {
            let program = match flag {
                Some(query) => programs::resolve(&tx, query)?,
                None => current_program(&tx, ctx, None)?,
            };
            enrolments::find(&tx, person.id, program.id)?.ok_or_else(|| {
                invalid(format!(
                    "{} is not enrolled in {}",
                    person.name, program.name
                ))
            })?
        }
    };
    if !matches!(
        enrolment.status,
        EnrolmentStatus::Applied | EnrolmentStatus::Active
    ) {
        return Err(invalid(describe(&person, &enrolment)));
    }
    let program = programs::get(&tx, enrolment.program_id)?;
    if let Some(end) = program.end_date
        && date > end
    {
        return Err(invalid(format!(
            "{} ended on {end}; a withdrawal after the end is not needed (close the programme to complete its enrolments)",
            program.name
        )));
    }
    if let Some(start) = enrolment.enrolled_on.or(enrolment.applied_on)
        && date < start
    {
        return Err(invalid(format!(
            "{} joined {} on {start}; the withdrawal date {date} cannot be earlier",
            person.name, enrolment.program
        )));
    }
    refuse_activities_from(
        &tx,
        &enrolment.program,
        enrolment.program_id,
        Some(&person),
        date,
    )?;
    let reason = crate::text::non_empty(args.reason.as_deref());
    enrolments::withdraw(&tx, enrolment.id, date, reason.as_deref())?;
    db::audit::record(&tx, "withdraw", &[("withdrawn", 1)])?;
    let enrolment = enrolments::find(&tx, person.id, enrolment.program_id)?;
    tx.commit()?;
    ctx.note(format!("Withdrew {} on {date}", person.name));
    ctx.output().record(&enrolment)
}
