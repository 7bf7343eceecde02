//! `amb feedback add|list`.

use super::{current_program, optional_program, write};
use crate::cli::FeedbackCommand;
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::{self, feedback, people};
use crate::service::feedback::{self as rules, NewFeedback};

pub fn run(ctx: &Context, command: FeedbackCommand) -> anyhow::Result<()> {
    match command {
        FeedbackCommand::Add {
            person,
            score,
            comment,
            date,
            program,
        } => {
            rules::check_score(score)?;
            let new = NewFeedback {
                score,
                comment: comment.as_deref(),
                date: date.or(ctx.today),
                replace: ctx.yes,
            };
            let (person, program, recorded) = write(ctx, Action::FeedbackAdd, |tx| {
                let person = people::resolve(tx, &person)?;
                let program = current_program(tx, ctx, program.query())?;
                let recorded = rules::add(tx, &person, &program, &new)?;
                Ok((vec![("feedback_recorded", 1)], (person, program, recorded)))
            })?;
            ctx.note(format!(
                "Recorded {}'s feedback on {}",
                person.name, program.name
            ));
            ctx.output().record(&recorded)
        }
        FeedbackCommand::List { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = optional_program(&tx, program.query())?;
            ctx.output()
                .short(&["id", "person", "program", "score", "given_on", "comment"])
                .list(&feedback::list(&tx, program)?)
        }
    }
}
