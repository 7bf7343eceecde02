//! `amb report program|leaderboard|person|year|digest|health`.

use super::program_choice;
use crate::cli::{LeaderboardArgs, RankBy, ReportCommand};
use crate::context::Context;
use crate::db::{self, reports};
use crate::output::OutputFormat;
use crate::report::{compare, digest, person, program, small_groups, year};
use chrono::NaiveDate;

pub fn run(ctx: &Context, command: ReportCommand) -> anyhow::Result<()> {
    match command {
        ReportCommand::Program { program, compare } => {
            program_report(ctx, program.as_deref(), compare.as_deref())
        }
        ReportCommand::Leaderboard(args) => leaderboard(ctx, args),
        ReportCommand::Person { person } => person_report(ctx, &person),
        ReportCommand::Year { year } => year_report(ctx, year),
        ReportCommand::Digest { since, until } => digest_report(ctx, since, until),
        ReportCommand::Health { days, program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = super::optional_program(&tx, program.query())?;
            ctx.output()
                .short(&[
                    "name",
                    "program",
                    "last_activity",
                    "days_without_activity",
                    "last_import",
                    "days_since_import",
                ])
                .list(&reports::health(&tx, ctx.today, i64::from(days), program)?)
        }
    }
}

fn leaderboard(ctx: &Context, args: LeaderboardArgs) -> anyhow::Result<()> {
    let (since, until) = (args.period.since, args.period.until);
    if let (Some(since), Some(until)) = (since, until)
        && until < since
    {
        return Err(crate::error::invalid(format!(
            "--until {until} is before --since {since}"
        )));
    }
    if args.per_capita && args.by == RankBy::Person {
        return Err(crate::error::invalid(
            "--per-capita ranks units: add --by unit",
        ));
    }
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let program = super::optional_program(&tx, args.program.query())?;
    let top = i64::from(args.top);
    match args.by {
        RankBy::Person if args.anonymous => {
            ctx.output()
                .list(&small_groups::anonymous(reports::leaderboard_people(
                    &tx, program, since, until, top,
                )?))
        }
        RankBy::Person => ctx.output().list(&reports::leaderboard_people(
            &tx, program, since, until, top,
        )?),
        RankBy::Unit => {
            // Every unit first: small ones are merged before the top are cut.
            let all =
                reports::leaderboard_units(&tx, program, since, until, args.per_capita, i64::MAX)?;
            let (rows, note) = small_groups::merge_units(
                all,
                ctx.config.privacy.min_group,
                args.per_capita,
                args.top as usize,
            );
            if let Some(note) = note {
                ctx.note(format!("Note: {note}."));
            }
            ctx.output().list(&rows)
        }
    }
}

fn program_report(ctx: &Context, query: Option<&str>, other: Option<&str>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let mut choice = program_choice(ctx, query);
    choice.how = "name it: `amb report program NAME`";
    let chosen = choice.resolve(&tx)?;
    let report = program::build(&tx, &ctx.config, &chosen)?;
    let Some(other) = other else {
        let title = format!("{}: programme report", report.program);
        return ctx.output().titled(title).record(&report);
    };
    let other = crate::db::programs::resolve(&tx, other)?;
    let other = program::build(&tx, &ctx.config, &other)?;
    let title = format!("{} beside {}", report.program, other.program);
    ctx.output()
        .titled(title)
        .record(&compare::compare(&report, &other))
}

fn person_report(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let found = crate::db::people::resolve(&tx, query)?;
    let report = person::build(&tx, &ctx.config, found)?;
    let title = format!("{}: ambassador record", report.person.name);
    ctx.output().titled(title).record(&report)
}

fn year_report(ctx: &Context, which: i32) -> anyhow::Result<()> {
    year::bounds(which)?;
    year::bounds(which - 1)?;
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let report = year::build(&tx, which)?;
    ctx.output()
        .titled(format!("The year {which}"))
        .record(&report)
}

fn digest_report(
    ctx: &Context,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> anyhow::Result<()> {
    let until = until.unwrap_or(ctx.today);
    let (since, until) = digest::period(since, until)?;
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let digest = digest::build(&tx, since, until)?;
    let mut output = ctx.output();
    match output.format() {
        OutputFormat::Table | OutputFormat::Md => {
            output.text(&digest::markdown(&digest, &ctx.config.organisation))
        }
        _ => output.record(&digest),
    }
}
