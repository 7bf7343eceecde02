//! `amb feedback add|list|edit|remove`.

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
        FeedbackCommand::Edit { id, score, comment } => {
            if score.is_none() && comment.is_none() {
                return Err(crate::error::invalid(
                    "nothing to change: give --score or --comment",
                ));
            }
            if let Some(score) = score {
                rules::check_score(score)?;
            }
            let changed = write(ctx, Action::FeedbackEdit, |tx| {
                let found = find(tx, id)?;
                let comment = match comment.as_deref() {
                    Some(text) => crate::text::non_empty(Some(text)),
                    None => found.comment.clone(),
                };
                let score = score.map_or(found.score, i64::from);
                feedback::update(tx, id, score, comment.as_deref())?;
                Ok((vec![("feedback_changed", 1)], find(tx, id)?))
            })?;
            ctx.note(format!("Changed feedback {id}"));
            ctx.output().record(&changed)
        }
        FeedbackCommand::Remove { id } => {
            let mut conn = ctx.open()?;
            let found = find(&*db::read(&mut conn)?, id)?;
            ctx.confirm(&format!(
                "Remove {}'s feedback on {} (score {})?",
                found.person, found.program, found.score
            ))?;
            let found = db::write_audited(&mut conn, Action::FeedbackRemove, |tx| {
                let found = find(tx, id)?;
                feedback::delete(tx, id)?;
                Ok((vec![("feedback_removed", 1)], found))
            })?;
            ctx.note(format!("Removed feedback {id}"));
            ctx.output().record(&found)
        }
    }
}

/// Feedback `id`, or a refusal that says where to find ids.
fn find(conn: &rusqlite::Connection, id: i64) -> anyhow::Result<feedback::Feedback> {
    feedback::get(conn, id)?.ok_or_else(|| {
        crate::error::refuse(format!("there is no feedback {id}"))
            .hint("`amb feedback list` shows the feedback with its ids")
            .into()
    })
}
