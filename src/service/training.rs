//! Trainings: adding one to a programme and marking attendance, with the points both move.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::db::people::Person;
use crate::db::programs::Program;
use crate::db::trainings::{self, Training};
use crate::domain::{Attendance, PersonId, TrainingId, TrainingKind};
use crate::error::invalid;
use crate::points::PointsRules;

/// A training to add to a programme.
#[derive(Debug)]
pub struct NewTraining<'a> {
    pub title: &'a str,
    pub date: NaiveDate,
    pub trainer: Option<&'a str>,
    pub kind: TrainingKind,
}

/// Refuses a training date outside the programme's dates.
fn refuse_outside(program: &Program, date: NaiveDate) -> anyhow::Result<()> {
    if program.contains(date) {
        return Ok(());
    }
    let end = program.end_date.map(|d| d.to_string()).unwrap_or_default();
    Err(invalid(format!(
        "{date} is outside {} ({} – {end})",
        program.name, program.start_date
    )))
}

/// Adds a training within the programme's dates; recalculates the points of earlier
/// activities when a first training decides what they earn.
pub fn add(
    conn: &Connection,
    rules: &PointsRules,
    today: NaiveDate,
    program: &Program,
    new: &NewTraining<'_>,
) -> anyhow::Result<Training> {
    let date = new.date;
    refuse_outside(program, date)?;
    // With no points before the first training, a new first training changes what earlier
    // activities earn: recalculate the people who have some in the programme.
    let affected = if rules.no_points_before_first_training {
        crate::db::activities::people_in(conn, program.id)?
    } else {
        Vec::new()
    };
    let what = format!("the training {} was added", new.title);
    let id = crate::points::settle(conn, rules, &affected, today, &what, || {
        Ok(trainings::insert(
            conn,
            program.id,
            new.title,
            date,
            new.trainer,
            new.kind,
        )?)
    })?;
    Ok(trainings::get(conn, id)?)
}

/// Records a mark and awards (or takes back) the points for attending.
pub fn set_mark(
    conn: &Connection,
    rules: &PointsRules,
    today: NaiveDate,
    training: TrainingId,
    person: PersonId,
    mark: Attendance,
) -> anyhow::Result<()> {
    crate::points::settle(
        conn,
        rules,
        &[person],
        today,
        "an attendance mark changed",
        || {
            trainings::set_mark(conn, training, person, mark)?;
            if let Some(attendance) = crate::points::attendance_id(conn, training.0, person)? {
                crate::points::attendance_changed(
                    conn,
                    rules,
                    attendance,
                    mark == Attendance::Attended,
                    today,
                )?;
            }
            Ok(())
        },
    )
}

/// What happened to one person's mark.
#[derive(Debug, Default, Serialize)]
pub struct Marked {
    pub person_id: PersonId,
    pub name: String,
    pub status: Attendance,
    pub previous: Option<Attendance>,
    pub changed: bool,
    /// Whether the person was an enrolled ambassador of the programme on the training's
    /// date; only then does attending earn points.
    pub ambassador: bool,
}

/// Marks each person (once) as `mark`; a mark in advance can only be "excused".
pub fn attend(
    conn: &Connection,
    rules: &PointsRules,
    today: NaiveDate,
    training: &Training,
    people: impl IntoIterator<Item = anyhow::Result<Person>>,
    mark: Attendance,
) -> anyhow::Result<Vec<Marked>> {
    if mark != Attendance::Excused && training.date > today {
        return Err(invalid(format!(
            "{} is on {}, still to come: only --excused can be marked in advance",
            training.title, training.date
        )));
    }
    let mut marked: Vec<Marked> = Vec::new();
    for person in people {
        let person = person?;
        if marked.iter().any(|m| m.person_id == person.id) {
            continue;
        }
        let previous = trainings::mark_of(conn, training.id, person.id)?;
        let changed = previous != Some(mark);
        if changed {
            set_mark(conn, rules, today, training.id, person.id, mark)?;
        }
        let ambassador = crate::db::enrolments::was_enrolled(
            conn,
            person.id,
            training.program_id,
            training.date,
        )?;
        marked.push(Marked {
            person_id: person.id,
            name: person.name,
            status: mark,
            previous,
            changed,
            ambassador,
        });
    }
    Ok(marked)
}

/// How many marks were recorded for the first time, and how many changed.
pub fn tally(marked: &[Marked]) -> (i64, i64) {
    let recorded = marked.iter().filter(|m| m.previous.is_none()).count() as i64;
    let changed = marked
        .iter()
        .filter(|m| m.changed && m.previous.is_some())
        .count() as i64;
    (recorded, changed)
}

/// Removes a training and its marks; the points its attendance earned are reversed through
/// the ledger, and (when nothing counts before the first training) the people whose
/// activities it decided are recalculated. Returns how many marks went with it.
pub fn remove(
    conn: &Connection,
    rules: &PointsRules,
    today: NaiveDate,
    training: &Training,
) -> anyhow::Result<usize> {
    let marks = trainings::marks(conn, training.id)?;
    let mut affected: Vec<PersonId> = marks.iter().map(|(_, person)| *person).collect();
    if rules.no_points_before_first_training {
        affected.extend(crate::db::activities::people_in(conn, training.program_id)?);
    }
    affected.sort_by_key(|p| p.0);
    affected.dedup();
    let what = format!("the training {} was removed", training.title);
    crate::points::settle(conn, rules, &affected, today, &what, || {
        for (attendance, _) in &marks {
            crate::points::attendance_changed(conn, rules, *attendance, false, today)?;
        }
        trainings::delete(conn, training.id)?;
        Ok(())
    })?;
    Ok(marks.len())
}

/// What `training edit` changes; `None` keeps a value.
#[derive(Debug, Default)]
pub struct TrainingEdit {
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
    /// `Some(None)` clears the trainer.
    pub trainer: Option<Option<String>>,
    pub kind: Option<TrainingKind>,
}

/// Changes a training. Its date stays within the programme, and moves only while nobody is
/// marked (the marks and their points belong to the day it was held).
pub fn edit(
    conn: &Connection,
    program: &Program,
    training: &Training,
    edit: TrainingEdit,
) -> anyhow::Result<Training> {
    let date = edit.date.unwrap_or(training.date);
    if date != training.date {
        refuse_outside(program, date)?;
        let marked = trainings::marks(conn, training.id)?.len();
        if marked > 0 {
            return Err(crate::error::refuse(format!(
                "{} has {marked} attendance marks from {}; it cannot move to {date}",
                training.title, training.date
            ))
            .hint("remove the training and add it again on the right day")
            .into());
        }
    }
    let title = match edit.title {
        Some(title) => crate::text::non_empty(Some(&title))
            .ok_or_else(|| invalid("the training title is empty"))?,
        None => training.title.clone(),
    };
    let trainer = edit.trainer.unwrap_or(training.trainer.clone());
    let trainer = crate::text::non_empty(trainer.as_deref());
    let kind = edit.kind.unwrap_or(training.kind);
    trainings::update(conn, training.id, &title, date, trainer.as_deref(), kind)?;
    Ok(trainings::get(conn, training.id)?)
}
