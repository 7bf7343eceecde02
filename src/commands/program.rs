//! `amb program add|list|show|edit|close`.

use chrono::NaiveDate;

use super::enrolment::refuse_activities_from;
use crate::cli::{ProgramAddArgs, ProgramCommand, ProgramEditArgs};
use crate::context::Context;

use crate::db::programs::{Program, ProgramFields};
use crate::db::{self, programs};
use crate::domain::ProgramStatus;
use crate::error::invalid;
use crate::text::normalize_hashtag;

pub fn run(ctx: &Context, command: ProgramCommand) -> anyhow::Result<()> {
    match command {
        ProgramCommand::Add(args) => add(ctx, args),
        ProgramCommand::List => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output().list(&programs::all(&tx)?)
        }
        ProgramCommand::Show { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output().record(&programs::resolve(&tx, &program)?)
        }
        ProgramCommand::Edit(args) => edit(ctx, args),
        ProgramCommand::Close { program, date } => close(ctx, &program, date.as_deref()),
    }
}

fn normalize_all(tags: &[String]) -> anyhow::Result<Vec<String>> {
    tags.iter()
        .map(|t| normalize_hashtag(t).map_err(invalid))
        .collect()
}

/// Drops repeated tags (compared case-insensitively), and aliases that repeat a hashtag.
fn dedup_tags(fields: &mut ProgramFields) {
    let mut seen = std::collections::HashSet::new();
    fields
        .hashtags
        .retain(|t| seen.insert(crate::text::fold(t)));
    fields.aliases.retain(|t| seen.insert(crate::text::fold(t)));
}

fn validate(fields: &ProgramFields) -> anyhow::Result<()> {
    if fields.name.trim().is_empty() {
        return Err(invalid("the programme name is empty"));
    }
    if let Some(end) = fields.end_date
        && end < fields.start_date
    {
        return Err(invalid(format!(
            "the end date {end} is before the start date {}",
            fields.start_date
        )));
    }
    if fields.hashtags.is_empty() {
        return Err(invalid("a programme needs at least one hashtag"));
    }
    Ok(())
}

fn add(ctx: &Context, args: ProgramAddArgs) -> anyhow::Result<()> {
    let mut fields = ProgramFields {
        name: args.name.trim().to_string(),
        start_date: crate::dates::parse(&args.start)?,
        end_date: args.end.as_deref().map(crate::dates::parse).transpose()?,
        hashtags: normalize_all(&args.hashtags)?,
        aliases: normalize_all(&args.aliases)?,
    };
    dedup_tags(&mut fields);
    validate(&fields)?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let id = programs::insert(&tx, &fields)?;
    db::audit::record(&tx, "program add", &[("programs_added", 1)])?;
    let program = programs::get(&tx, id)?;
    tx.commit()?;
    ctx.note(format!("Added programme {} (id {id})", program.name));
    ctx.output().record(&program)
}

fn edit(ctx: &Context, args: ProgramEditArgs) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let program = programs::resolve(&tx, &args.program)?;
    let mut fields = ProgramFields {
        name: args.name.unwrap_or(program.name.clone()).trim().to_string(),
        start_date: match &args.start {
            Some(text) => crate::dates::parse(text)?,
            None => program.start_date,
        },
        end_date: match (&args.end, args.open_ended) {
            (Some(text), _) => Some(crate::dates::parse(text)?),
            (None, true) => None,
            (None, false) => program.end_date,
        },
        hashtags: program.hashtags.clone(),
        aliases: program.aliases.clone(),
    };
    for removed in normalize_all(&args.remove_hashtags)? {
        let key = crate::text::fold(&removed);
        let before = fields.hashtags.len() + fields.aliases.len();
        fields.hashtags.retain(|t| crate::text::fold(t) != key);
        fields.aliases.retain(|t| crate::text::fold(t) != key);
        if fields.hashtags.len() + fields.aliases.len() == before {
            return Err(invalid(format!(
                "{} has no hashtag {removed} (it has {})",
                program.name,
                program.hashtags.join(" ")
            )));
        }
    }
    fields.hashtags.extend(normalize_all(&args.add_hashtags)?);
    fields.aliases.extend(normalize_all(&args.add_aliases)?);
    dedup_tags(&mut fields);
    validate(&fields)?;
    if program.status == ProgramStatus::Closed && fields.end_date != program.end_date {
        return Err(invalid(format!(
            "{} is closed; its end date stays {}",
            program.name,
            program.end_date.map(|d| d.to_string()).unwrap_or_default()
        )));
    }
    let (first, last) = programs::used_span(&tx, program.id)?;
    if let Some(first) = first
        && fields.start_date > first
    {
        return Err(invalid(format!(
            "{} has enrolments, trainings or activities from {first}; the start cannot move past them",
            program.name
        )));
    }
    if let (Some(last), Some(end)) = (last, fields.end_date)
        && end < last
    {
        return Err(invalid(format!(
            "{} has enrolments, trainings or activities until {last}; the end cannot move before them",
            program.name
        )));
    }
    programs::update(&tx, program.id, &fields)?;
    db::audit::record(&tx, "program edit", &[("programs_changed", 1)])?;
    let program = programs::get(&tx, program.id)?;
    tx.commit()?;
    ctx.note(format!("Changed programme {}", program.name));
    ctx.output().record(&program)
}

/// The date a programme closes on: `--date`, else its end date once passed, else today.
/// Refuses a closed programme and a date outside the programme.
fn closing_date(
    conn: &rusqlite::Connection,
    ctx: &Context,
    program: &Program,
    text: Option<&str>,
) -> anyhow::Result<NaiveDate> {
    if program.status == ProgramStatus::Closed {
        return Err(invalid(format!("{} is already closed", program.name)));
    }
    let date = match text {
        Some(text) => crate::dates::parse(text)?,
        None => program
            .end_date
            .filter(|end| *end <= ctx.today)
            .unwrap_or(ctx.today),
    };
    if date < program.start_date {
        return Err(invalid(format!(
            "the closing date {date} is before {} starts ({})",
            program.name, program.start_date
        )));
    }
    if let Some(end) = program.end_date
        && date > end
    {
        return Err(invalid(format!(
            "the closing date {date} is after {} ends ({end})",
            program.name
        )));
    }
    if let Some(next_day) = date.succ_opt() {
        refuse_activities_from(conn, &program.name, program.id, None, next_day)?;
    }
    Ok(date)
}

fn close(ctx: &Context, query: &str, text: Option<&str>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    // Ask before taking the write lock, so that nobody waits on the answer.
    let (program, date) = {
        let tx = db::read(&mut conn)?;
        let program = programs::resolve(&tx, query)?;
        let date = closing_date(&tx, ctx, &program, text)?;
        (program, date)
    };
    ctx.confirm(&format!(
        "Close {} on {date} and mark its {} active ambassadors completed?",
        program.name, program.active
    ))?;
    let tx = db::write(&mut conn)?;
    let program = programs::get(&tx, program.id)?;
    let date = closing_date(&tx, ctx, &program, text)?;

    let completed = programs::close(&tx, program.id, date)?;
    db::audit::record(
        &tx,
        "program close",
        &[
            ("programs_closed", 1),
            ("enrolments_completed", completed as i64),
        ],
    )?;
    let program = programs::get(&tx, program.id)?;
    tx.commit()?;
    ctx.note(format!(
        "Closed {} on {date}: {completed} enrolments completed",
        program.name
    ));
    ctx.output().record(&program)
}
