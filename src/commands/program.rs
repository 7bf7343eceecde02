//! `amb program add|list|show|edit|close`.

use crate::cli::{ProgramAddArgs, ProgramCommand, ProgramEditArgs};
use crate::context::Context;
use crate::db::{self, programs, programs::ProgramFields};
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
    let fields = ProgramFields {
        name: args.name.trim().to_string(),
        start_date: crate::dates::parse(&args.start)?,
        end_date: args.end.as_deref().map(crate::dates::parse).transpose()?,
        hashtags: normalize_all(&args.hashtags)?,
        aliases: normalize_all(&args.aliases)?,
    };
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
    validate(&fields)?;
    programs::update(&tx, program.id, &fields)?;
    db::audit::record(&tx, "program edit", &[("programs_changed", 1)])?;
    let program = programs::get(&tx, program.id)?;
    tx.commit()?;
    ctx.note(format!("Changed programme {}", program.name));
    ctx.output().record(&program)
}

fn close(ctx: &Context, query: &str, date: Option<&str>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let program = programs::resolve(&tx, query)?;
    if program.status == crate::domain::ProgramStatus::Closed {
        return Err(invalid(format!("{} is already closed", program.name)));
    }
    let date = match date {
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
    ctx.confirm(&format!(
        "Close {} on {date} and mark its {} active ambassadors completed?",
        program.name, program.active
    ))?;
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
