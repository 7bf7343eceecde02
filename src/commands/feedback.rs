//! `amb feedback add|list`.

use super::{current_program, date_or_today, optional_program};
use crate::cli::FeedbackCommand;
use crate::context::Context;
use crate::db::{self, enrolments, feedback, people};
use crate::error::invalid;
use crate::text::non_empty;

pub fn run(ctx: &Context, command: FeedbackCommand) -> anyhow::Result<()> {
    match command {
        FeedbackCommand::Add {
            person,
            score,
            comment,
            date,
            program,
        } => {
            if !(1..=5).contains(&score) {
                return Err(invalid(format!(
                    "the score {score} is not between 1 (poor) and 5 (excellent)"
                )));
            }
            let date = date_or_today(ctx, date.as_deref())?;
            let mut conn = ctx.open()?;
            let tx = db::write(&mut conn)?;
            let person = people::resolve(&tx, &person)?;
            let program = current_program(&tx, ctx, program.as_deref())?;
            let enrolled_on = enrolments::find(&tx, person.id, program.id)?
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
            if let Some(earlier) = feedback::find(&tx, person.id, program.id)?
                && !ctx.yes
            {
                return Err(invalid(format!(
                    "{} already gave feedback on {} on {} (score {})\n  hint: pass --yes to replace it",
                    person.name, program.name, earlier.given_on, earlier.score
                )));
            }
            let comment = non_empty(comment.as_deref());
            feedback::upsert(
                &tx,
                person.id,
                program.id,
                i64::from(score),
                comment.as_deref(),
                date,
            )?;
            db::audit::record(&tx, "feedback add", &[("feedback_recorded", 1)])?;
            let recorded = feedback::find(&tx, person.id, program.id)?;
            tx.commit()?;
            ctx.note(format!(
                "Recorded {}'s feedback on {}",
                person.name, program.name
            ));
            ctx.output().record(&recorded)
        }
        FeedbackCommand::List { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = optional_program(&tx, program.as_deref())?;
            ctx.output().list(&feedback::list(&tx, program)?)
        }
    }
}
