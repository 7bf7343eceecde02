//! `amb enroll`, `amb apply` and `amb withdraw`: a person's place in a programme.

use super::{current_program, person_fields, program_choice, write};
use crate::cli::{ApplyArgs, EnrollArgs, WithdrawArgs};
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::people;
use crate::service::enrolment::{self, Joined};
use crate::service::people::PersonFields;

/// Tells the user when details they gave for an existing person were not used.
fn note_unused_details(ctx: &Context, joined: &Joined, fields: &PersonFields) {
    if !joined.created && fields.any_details() {
        ctx.note(format!(
            "{} was already in the database; their details were not changed (use `amb person edit`)",
            joined.person.name
        ));
    }
}

pub fn enroll(ctx: &Context, args: EnrollArgs) -> anyhow::Result<()> {
    let date = args.date.unwrap_or(ctx.today);
    let fields = person_fields(&args.fields);
    let version = &ctx.config.guidelines_version;
    let (joined, program) = write(ctx, Action::Enroll, |tx| {
        let program = current_program(tx, ctx, args.program.query())?;
        let joined = enrolment::enroll(tx, &program, &args.person, &fields, date, version)?;
        let counts = vec![
            ("people_created", i64::from(joined.created)),
            ("enrolled", 1),
        ];
        Ok((counts, (joined, program)))
    })?;
    note_unused_details(ctx, &joined, &fields);
    ctx.note(format!(
        "Enrolled {} in {} on {date} (guidelines {version} accepted)",
        joined.person.name, program.name
    ));
    ctx.output().record(&joined.enrolment)
}

pub fn apply(ctx: &Context, args: ApplyArgs) -> anyhow::Result<()> {
    let date = args.date.unwrap_or(ctx.today);
    let fields = person_fields(&args.fields);
    let (joined, program) = write(ctx, Action::Apply, |tx| {
        let program = current_program(tx, ctx, args.program.query())?;
        let joined = enrolment::apply(
            tx,
            &program,
            &args.person,
            &fields,
            date,
            args.motivation.as_deref(),
        )?;
        let counts = vec![
            ("people_created", i64::from(joined.created)),
            ("applied", 1),
        ];
        Ok((counts, (joined, program)))
    })?;
    note_unused_details(ctx, &joined, &fields);
    ctx.note(format!(
        "Recorded {} as an applicant to {}",
        joined.person.name, program.name
    ));
    ctx.output().record(&joined.enrolment)
}

pub fn withdraw(ctx: &Context, args: WithdrawArgs) -> anyhow::Result<()> {
    let date = args.date.unwrap_or(ctx.today);
    let (person, enrolment) = write(ctx, Action::Withdraw, |tx| {
        let person = people::resolve(tx, &args.person)?;
        let choice = program_choice(ctx, args.program.query());
        let enrolment = enrolment::withdraw(tx, &person, choice, date, args.reason.as_deref())?;
        Ok((vec![("withdrawn", 1)], (person, enrolment)))
    })?;
    ctx.note(format!("Withdrew {} on {date}", person.name));
    ctx.output().record(&enrolment)
}
