//! `amb report program`: a programme's results, computed with SQL aggregates.

use chrono::NaiveDate;
use serde::Serialize;

use super::current_program;
use crate::cli::{LeaderboardArgs, RankBy, ReportCommand};
use crate::context::Context;
use crate::db::reports::{self, Count, Participants, Top};
use crate::db::{self, feedback, kpis, swag, trainings};
use crate::domain::{ProgramStatus, TrainingKind};

/// How many top ambassadors a report names.
const TOP: i64 = 5;

#[derive(Serialize)]
struct ProgramReport {
    program: String,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
    status: ProgramStatus,
    hashtags: Vec<String>,
    participants: Vec<Participants>,
    trainings: Vec<TrainingRow>,
    swag_delivered: i64,
    swag_pending: i64,
    posts: i64,
    posts_by_channel: Vec<Count>,
    posts_by_month: Vec<Count>,
    posts_by_unit: Vec<Count>,
    other_activities: Vec<Count>,
    points_earned: i64,
    points_redeemed: i64,
    top_by_posts: Vec<Top>,
    top_by_points: Vec<Top>,
    tiers: Vec<TierRow>,
    feedback_responses: i64,
    feedback_average: Option<f64>,
    kpis: Vec<kpis::Kpi>,
}

#[derive(Serialize)]
struct TrainingRow {
    title: String,
    date: NaiveDate,
    kind: TrainingKind,
    attended: i64,
    absent: i64,
    excused: i64,
}

#[derive(Serialize)]
struct TierRow {
    tier: String,
    ambassadors: i64,
}

pub fn run(ctx: &Context, command: ReportCommand) -> anyhow::Result<()> {
    match command {
        ReportCommand::Program { program } => program_report(ctx, program.as_deref()),
        ReportCommand::Leaderboard(args) => leaderboard(ctx, args),
        ReportCommand::Health { days } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output()
                .list(&reports::health(&tx, ctx.today, i64::from(days))?)
        }
    }
}

fn leaderboard(ctx: &Context, args: LeaderboardArgs) -> anyhow::Result<()> {
    let since = args.since.as_deref().map(crate::dates::parse).transpose()?;
    let until = args.until.as_deref().map(crate::dates::parse).transpose()?;
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
    let program = super::optional_program(&tx, args.program.as_deref())?;
    let top = i64::from(args.top);
    match args.by {
        RankBy::Person => ctx.output().list(&reports::leaderboard_people(
            &tx, program, since, until, top,
        )?),
        RankBy::Unit => ctx.output().list(&reports::leaderboard_units(
            &tx,
            program,
            since,
            until,
            args.per_capita,
            top,
        )?),
    }
}

fn program_report(ctx: &Context, query: Option<&str>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let program = current_program(&tx, ctx, query)?;
    let id = program.id;
    let posts_by_channel = reports::posts_by_channel(&tx, id)?;
    let delivered: i64 = swag::deliveries(&tx, None)?
        .iter()
        .filter(|d| d.program.as_deref() == Some(program.name.as_str()) && d.returned_on.is_none())
        .count() as i64;
    let (points_earned, points_redeemed) = reports::points_totals(&tx, id)?;
    let participants: Vec<crate::domain::PersonId> = crate::db::people::list(
        &tx,
        &crate::db::people::Filter {
            program: Some(id),
            ..Default::default()
        },
    )?
    .into_iter()
    .map(|p| p.id)
    .collect();
    let balances: Vec<_> = crate::db::points::balances(&tx, None)?
        .into_iter()
        .filter(|b| participants.contains(&b.person_id))
        .collect();
    let tiers = ctx
        .config
        .tiers
        .iter()
        .map(|tier| TierRow {
            tier: tier.name.clone(),
            ambassadors: balances
                .iter()
                .filter(|b| ctx.config.tier(b.earned) == Some(tier.name.as_str()))
                .count() as i64,
        })
        .collect();
    let (feedback_responses, feedback_average) = feedback::summary(&tx, id)?;
    let report = ProgramReport {
        program: program.name.clone(),
        start_date: program.start_date,
        end_date: program.end_date,
        status: program.status,
        hashtags: program.hashtags.clone(),
        participants: reports::participants(&tx, id)?,
        trainings: trainings::list(&tx, Some(id))?
            .into_iter()
            .map(|t| TrainingRow {
                title: t.title,
                date: t.date,
                kind: t.kind,
                attended: t.attended,
                absent: t.absent,
                excused: t.excused,
            })
            .collect(),
        swag_delivered: delivered,
        swag_pending: swag::pending(&tx, id)?.len() as i64,
        posts: posts_by_channel.iter().map(|c| c.count).sum(),
        posts_by_channel,
        posts_by_month: reports::posts_by_month(&tx, id)?,
        posts_by_unit: reports::posts_by_unit(&tx, id)?,
        other_activities: reports::other_activities(&tx, id)?,
        points_earned,
        points_redeemed,
        top_by_posts: reports::top_by_posts(&tx, id, TOP)?,
        top_by_points: reports::top_by_points(&tx, id, TOP)?,
        tiers,
        feedback_responses,
        feedback_average,
        kpis: kpis::list(&tx, Some(id), None)?,
    };
    ctx.output().record(&report)
}
