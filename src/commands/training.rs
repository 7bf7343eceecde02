//! `amb training add|list|show|attend`.

use serde::Serialize;

use super::{current_program, optional_program};
use crate::cli::{TrainingAddArgs, TrainingAttendArgs, TrainingCommand};
use crate::context::Context;
use crate::db::{self, people, trainings};
use crate::domain::{Attendance, PersonId, TrainingId, TrainingKind};
use crate::error::invalid;

pub fn run(ctx: &Context, command: TrainingCommand) -> anyhow::Result<()> {
    match command {
        TrainingCommand::Add(args) => add(ctx, args),
        TrainingCommand::List { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = optional_program(&tx, program.as_deref())?;
            ctx.output().list(&trainings::list(&tx, program)?)
        }
        TrainingCommand::Show { training } => show(ctx, &training),
        TrainingCommand::Attend(args) => attend(ctx, args),
    }
}

fn add(ctx: &Context, args: TrainingAddArgs) -> anyhow::Result<()> {
    let date = crate::dates::parse(&args.date)?;
    let kind: TrainingKind = args.kind.parse().map_err(invalid)?;
    let title = crate::text::non_empty(Some(&args.title))
        .ok_or_else(|| invalid("the training title is empty"))?;
    let trainer = crate::text::non_empty(args.trainer.as_deref());
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let program = current_program(&tx, ctx, args.program.as_deref())?;
    if !program.contains(date) {
        let end = program.end_date.map(|d| d.to_string()).unwrap_or_default();
        return Err(invalid(format!(
            "{date} is outside {} ({} – {end})",
            program.name, program.start_date
        )));
    }
    // With no points before the first training, a new first training changes what earlier
    // activities earn: recalculate the people who have some in the programme.
    let affected = if ctx.config.points.no_points_before_first_training {
        crate::db::activities::people_in(&tx, program.id)?
    } else {
        Vec::new()
    };
    let what = format!("the training {title} was added");
    let id = crate::points::settle(&tx, &ctx.config.points, &affected, ctx.today, &what, || {
        Ok(trainings::insert(
            &tx,
            program.id,
            &title,
            date,
            trainer.as_deref(),
            kind,
        )?)
    })?;
    db::audit::record(&tx, "training add", &[("trainings_added", 1)])?;
    let training = trainings::get(&tx, id)?;
    tx.commit()?;
    ctx.note(format!("Added training {title} on {date} (id {id})"));
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

/// What happened to one person's mark.
#[derive(Debug, Default, Serialize)]
struct Marked {
    person_id: PersonId,
    name: String,
    status: Attendance,
    previous: Option<Attendance>,
    changed: bool,
}

/// Records a mark and awards (or takes back) the points for attending.
pub fn set_mark(
    conn: &rusqlite::Connection,
    ctx: &Context,
    training: TrainingId,
    person: PersonId,
    mark: Attendance,
) -> anyhow::Result<()> {
    let rules = &ctx.config.points;
    crate::points::settle(
        conn,
        rules,
        &[person],
        ctx.today,
        "an attendance mark changed",
        || {
            trainings::set_mark(conn, training, person, mark)?;
            if let Some(attendance) = crate::points::attendance_id(conn, training.0, person)? {
                crate::points::attendance_changed(
                    conn,
                    rules,
                    attendance,
                    mark == Attendance::Attended,
                    ctx.today,
                )?;
            }
            Ok(())
        },
    )
}

fn attend(ctx: &Context, args: TrainingAttendArgs) -> anyhow::Result<()> {
    let mark = match (args.absent, args.excused) {
        (true, _) => Attendance::Absent,
        (_, true) => Attendance::Excused,
        _ => Attendance::Attended,
    };
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let training = trainings::resolve(&tx, &args.training)?;
    if mark != Attendance::Excused && training.date > ctx.today {
        return Err(invalid(format!(
            "{} is on {}, still to come: only --excused can be marked in advance",
            training.title, training.date
        )));
    }
    let mut marked: Vec<Marked> = Vec::new();
    for query in &args.people {
        let person = people::resolve(&tx, query)?;
        if marked.iter().any(|m| m.person_id == person.id) {
            continue;
        }
        let previous = trainings::mark_of(&tx, training.id, person.id)?;
        let changed = previous != Some(mark);
        if changed {
            set_mark(&tx, ctx, training.id, person.id, mark)?;
        }
        marked.push(Marked {
            person_id: person.id,
            name: person.name,
            status: mark,
            previous,
            changed,
        });
    }
    let recorded = marked.iter().filter(|m| m.previous.is_none()).count() as i64;
    let changed = marked
        .iter()
        .filter(|m| m.changed && m.previous.is_some())
        .count() as i64;
    if recorded + changed > 0 {
        db::audit::record(
            &tx,
            "training attend",
            &[("marks_recorded", recorded), ("marks_changed", changed)],
        )?;
    }
    tx.commit()?;
    let unchanged = marked.len() as i64 - recorded - changed;
    ctx.note(format!(
        "{}: {recorded} marked {mark}, {changed} changed to {mark}, {unchanged} already so",
        training.title
    ));
    ctx.output().list(&marked)
}
