//! `amb training add|list|show|attend`.

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
    }
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
    let (training, marked) = write(ctx, Action::TrainingAttend, |tx| {
        let training = trainings::resolve(tx, &args.training)?;
        let named = args.people.iter().map(|query| people::resolve(tx, query));
        let marked = training::attend(tx, &ctx.config.points, ctx.today, &training, named, mark)?;
        let (recorded, changed) = training::tally(&marked);
        // Nothing changed, nothing to audit.
        let counts = if recorded + changed > 0 {
            vec![("marks_recorded", recorded), ("marks_changed", changed)]
        } else {
            Vec::new()
        };
        Ok((counts, (training, marked)))
    })?;
    let (recorded, changed) = training::tally(&marked);
    let unchanged = marked.len() as i64 - recorded - changed;
    ctx.note(format!(
        "{}: {recorded} marked {mark}, {changed} changed to {mark}, {unchanged} already so",
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
