//! `amb training add|list|show|attend|edit|remove`.

use serde::Serialize;

use super::{current_program, optional_program, write};
use crate::cli::{TrainingAddArgs, TrainingAttendArgs, TrainingCommand};
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::{self, people, trainings};
use crate::domain::Attendance;
use crate::error::invalid;
use crate::service::training::{self, NewTraining};

pub fn run(ctx: &Context, command: TrainingCommand) -> anyhow::Result<()> {
    match command {
        TrainingCommand::Add(args) => add(ctx, args),
        TrainingCommand::List { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = optional_program(&tx, program.as_deref())?;
            ctx.output()
                .short(&[
                    "id", "program", "title", "date", "kind", "attended", "absent", "excused",
                ])
                .list(&trainings::list(&tx, program)?)
        }
        TrainingCommand::Show { training } => show(ctx, &training),
        TrainingCommand::Attend(args) => attend(ctx, args),
        TrainingCommand::Edit {
            training,
            title,
            date,
            trainer,
            kind,
        } => {
            let changes = training::TrainingEdit {
                title,
                date,
                trainer: trainer.map(Some),
                kind,
            };
            let edited = write(ctx, Action::TrainingEdit, |tx| {
                let found = trainings::resolve(tx, &training)?;
                let program = crate::db::programs::get(tx, found.program_id)?;
                let edited = training::edit(tx, &program, &found, changes)?;
                Ok((vec![("trainings_changed", 1)], edited))
            })?;
            ctx.note(format!(
                "Changed training {} (id {})",
                edited.title, edited.id
            ));
            ctx.output().record(&edited)
        }
        TrainingCommand::Remove { training } => remove(ctx, &training),
    }
}

fn remove(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    // Ask before taking the write lock, so that nobody waits on the answer.
    let found = trainings::resolve(&*db::read(&mut conn)?, query)?;
    ctx.confirm(&format!(
        "Remove {} on {} with its {} attended, {} absent and {} excused marks (attending points are reversed)?",
        found.title, found.date, found.attended, found.absent, found.excused
    ))?;
    let (found, marks) = db::write_audited(&mut conn, Action::TrainingRemove, |tx| {
        let found = trainings::get(tx, found.id)?;
        let marks = training::remove(tx, &ctx.config.points, ctx.today, &found)?;
        let counts = vec![("trainings_removed", 1), ("marks_removed", marks as i64)];
        Ok((counts, (found, marks)))
    })?;
    ctx.note(format!(
        "Removed training {} (id {}) and its {marks} marks",
        found.title, found.id
    ));
    ctx.output().record(&found)
}

fn add(ctx: &Context, args: TrainingAddArgs) -> anyhow::Result<()> {
    let date = args.date;
    let kind = args.kind;
    let title = crate::text::non_empty(Some(&args.title))
        .ok_or_else(|| invalid("the training title is empty"))?;
    let trainer = crate::text::non_empty(args.trainer.as_deref());
    let new = NewTraining {
        title: &title,
        date,
        trainer: trainer.as_deref(),
        kind,
    };
    let training = write(ctx, Action::TrainingAdd, |tx| {
        let program = current_program(tx, ctx, args.program.query())?;
        let training = training::add(tx, &ctx.config.points, ctx.today, &program, &new)?;
        Ok((vec![("trainings_added", 1)], training))
    })?;
    ctx.note(format!(
        "Added training {title} on {date} (id {})",
        training.id
    ));
    ctx.output().record(&training)
}

/// A training with its roster, for `training show`.
#[derive(Serialize)]
struct TrainingRecord {
    #[serde(flatten)]
    training: trainings::Training,
    not_recorded: usize,
    roster: Vec<trainings::RosterEntry>,
}

fn show(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let training = trainings::resolve(&tx, query)?;
    let roster = trainings::roster(&tx, &training)?;
    let not_recorded = roster
        .iter()
        .filter(|r| r.status == Attendance::NotRecorded)
        .count();
    ctx.output().record(&TrainingRecord {
        training,
        not_recorded,
        roster,
    })
}

fn attend(ctx: &Context, args: TrainingAttendArgs) -> anyhow::Result<()> {
    let mark = match (args.absent, args.excused) {
        (true, _) => Attendance::Absent,
        (_, true) => Attendance::Excused,
        _ => Attendance::Attended,
    };
    let mut conn = ctx.open()?;
    let rollback = args.dry_run;
    let marking =
        db::write_audited_or_rollback(&mut conn, Action::TrainingAttend, rollback, |tx| {
            let training = trainings::resolve(tx, &args.training)?;
            let named = args.people.iter().map(|query| people::resolve(tx, query));
            let marked =
                training::attend(tx, &ctx.config.points, ctx.today, &training, named, mark)?;
            let (recorded, changed) = training::tally(&marked);
            // Nothing changed, nothing to audit.
            let counts = if recorded + changed > 0 {
                vec![("marks_recorded", recorded), ("marks_changed", changed)]
            } else {
                Vec::new()
            };
            Ok((counts, (training, marked)))
        })?;
    let (training, marked) = marking;
    let (recorded, changed) = training::tally(&marked);
    let unchanged = marked.len() as i64 - recorded - changed;
    let (prefix, suffix) = match args.dry_run {
        true => ("Dry run: ", "; nothing was written"),
        false => ("", ""),
    };
    ctx.note(format!(
        "{prefix}{}: {recorded} marked {mark}, {changed} changed to {mark}, {unchanged} already so{suffix}",
        training.title
    ));
    for outsider in marked
        .iter()
        .filter(|m| !m.ambassador && m.status == Attendance::Attended)
    {
        ctx.note(format!(
            "{} was not an enrolled ambassador of {} on {}: the attendance is recorded, without points",
            outsider.name, training.program, training.date
        ));
    }
    ctx.output().list(&marked)
}
