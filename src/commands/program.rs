//! `amb program add|list|show|edit|close`.

use super::write;
use crate::cli::{ProgramAddArgs, ProgramCommand, ProgramEditArgs};
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::programs::{self, ProgramFields};
use crate::db::{self};
use crate::service::programs::{
    ProgramEdit, closing_date, dedup_tags, edit as edit_program, normalize_all, validate,
};
use chrono::NaiveDate;

pub fn run(ctx: &Context, command: ProgramCommand) -> anyhow::Result<()> {
    match command {
        ProgramCommand::Add(args) => add(ctx, args),
        ProgramCommand::List => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output()
                .short(&["id", "name", "end_date", "status", "hashtags", "active"])
                .list(&programs::all(&tx)?)
        }
        ProgramCommand::Show { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output().record(&programs::resolve(&tx, &program)?)
        }
        ProgramCommand::Edit(args) => edit(ctx, args),
        ProgramCommand::Close {
            program,
            date,
            dry_run,
        } => close(ctx, &program, date, dry_run),
        ProgramCommand::Remove { program } => remove(ctx, &program),
    }
}

fn remove(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let found = programs::resolve(&*db::read(&mut conn)?, query)?;
    ctx.confirm(&format!(
        "Remove the programme {} (id {})?",
        found.name, found.id
    ))?;
    let found = db::write_audited(&mut conn, Action::ProgramRemove, |tx| {
        let found = programs::get(tx, found.id)?;
        let records = programs::records_of(tx, found.id)?;
        if records > 0 {
            return Err(crate::error::refuse(format!(
                "{} holds {records} records (enrolments, trainings, activities, points…); only an empty programme can be removed",
                found.name
            ))
            .hint(format!("`amb program close {}` ends a programme that ran; `amb program edit` corrects one", found.id))
            .into());
        }
        programs::delete(tx, found.id)?;
        Ok((vec![("programs_removed", 1)], found))
    })?;
    ctx.note(format!(
        "Removed programme {} (id {})",
        found.name, found.id
    ));
    ctx.output().record(&found)
}

fn add(ctx: &Context, args: ProgramAddArgs) -> anyhow::Result<()> {
    let mut fields = ProgramFields {
        name: args.name.trim().to_string(),
        start_date: args.start,
        end_date: args.end,
        hashtags: normalize_all(&args.hashtags)?,
        aliases: normalize_all(&args.aliases)?,
    };
    dedup_tags(&mut fields);
    validate(&fields)?;
    let program = write(ctx, Action::ProgramAdd, |tx| {
        let id = programs::insert(tx, &fields)?;
        Ok((vec![("programs_added", 1)], programs::get(tx, id)?))
    })?;
    ctx.note(format!(
        "Added programme {} (id {})",
        program.name, program.id
    ));
    ctx.output().record(&program)
}

fn edit(ctx: &Context, args: ProgramEditArgs) -> anyhow::Result<()> {
    let program = write(ctx, Action::ProgramEdit, |tx| {
        let program = programs::resolve(tx, &args.program)?;
        let end = match (&args.end, args.open_ended) {
            (Some(date), _) => Some(Some(*date)),
            (None, true) => Some(None),
            (None, false) => None,
        };
        let changes = ProgramEdit {
            name: args.name.clone(),
            start: args.start,
            end,
            remove_hashtags: args.remove_hashtags.clone(),
            add_hashtags: args.add_hashtags.clone(),
            add_aliases: args.add_aliases.clone(),
        };
        let program = edit_program(tx, &program, changes)?;
        Ok((vec![("programs_changed", 1)], program))
    })?;
    ctx.note(format!("Changed programme {}", program.name));
    ctx.output().record(&program)
}

fn close(
    ctx: &Context,
    query: &str,
    given: Option<NaiveDate>,
    dry_run: bool,
) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    // Ask before taking the write lock, so that nobody waits on the answer.
    let (program, date) = {
        let tx = db::read(&mut conn)?;
        let program = programs::resolve(&tx, query)?;
        let date = closing_date(&tx, &program, given, ctx.today)?;
        (program, date)
    };
    if !dry_run {
        ctx.confirm(&format!(
            "Close {} on {date} and mark its {} active ambassadors completed?",
            program.name, program.active
        ))?;
    }
    let closed = db::write_audited_or_rollback(&mut conn, Action::ProgramClose, dry_run, |tx| {
        let program = programs::get(tx, program.id)?;
        let date = closing_date(tx, &program, given, ctx.today)?;
        let completed = programs::close(tx, program.id, date)?;
        let counts = vec![
            ("programs_closed", 1),
            ("enrolments_completed", completed as i64),
        ];
        Ok((counts, (programs::get(tx, program.id)?, date, completed)))
    })?;
    let (program, date, completed) = closed;
    if dry_run {
        ctx.note(format!(
            "Dry run: closing {} on {date} would complete {completed} enrolments; nothing was written (leave out --dry-run to close it)",
            program.name
        ));
    } else {
        ctx.note(format!(
            "Closed {} on {date}: {completed} enrolments completed",
            program.name
        ));
    }
    ctx.output().record(&program)
}
