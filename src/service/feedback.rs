//! Feedback from a programme's participants.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::enrolments;
use crate::db::feedback::{self, Feedback};
use crate::db::people::Person;
use crate::db::programs::Program;
use crate::error::{invalid, refuse};

/// One participant's feedback on a programme.
#[derive(Debug)]
pub struct NewFeedback<'a> {
    pub score: u8,
    pub comment: Option<&'a str>,
    pub date: NaiveDate,
    /// Replace earlier feedback instead of refusing.
    pub replace: bool,
}

/// Whether `score` is on the scale from 1 (poor) to 5 (excellent).
pub fn check_score(score: u8) -> anyhow::Result<()> {
    if !(1..=5).contains(&score) {
        return Err(invalid(format!(
            "the score {score} is not between 1 (poor) and 5 (excellent)"
        )));
    }
    Ok(())
}

/// Records a participant's feedback, dated on or after they joined.
pub fn add(
    conn: &Connection,
    person: &Person,
    program: &Program,
    new: &NewFeedback<'_>,
) -> anyhow::Result<Option<Feedback>> {
    let date = new.date;
    let enrolled_on = enrolments::find(conn, person.id, program.id)?
        .and_then(|e| e.enrolled_on)
        .ok_or_else(|| {
            invalid(format!(
                "{} has not been an ambassador of {}; feedback is from the programme's participants",
                person.name, program.name
            ))
        })?;
    if date < enrolled_on {
        return Err(invalid(format!(
            "{} joined {} on {enrolled_on}; feedback cannot be dated {date}",
            person.name, program.name
        )));
    }
    if let Some(earlier) = feedback::find(conn, person.id, program.id)?
        && !new.replace
    {
        return Err(refuse(format!(
            "{} already gave feedback on {} on {} (score {})",
            person.name, program.name, earlier.given_on, earlier.score
        ))
        .hint("pass --yes to replace it")
        .into());
    }
    let comment = crate::text::non_empty(new.comment);
    feedback::upsert(
        conn,
        person.id,
        program.id,
        i64::from(new.score),
        comment.as_deref(),
        date,
    )?;
    Ok(feedback::find(conn, person.id, program.id)?)
}
