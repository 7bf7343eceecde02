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
pub(crate) struct ProgramReport {
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
    /// Estimated earned media value (an estimate, by the rates below).
    emv_estimate: f64,
    emv_currency: String,
    emv_rates_date: NaiveDate,
    emv_note: &'static str,
    emv_by_channel: Vec<crate::emv::EmvRow>,
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
        ReportCommand::Program { program, compare } => {
            program_report(ctx, program.as_deref(), compare.as_deref())
        }
        ReportCommand::Leaderboard(args) => leaderboard(ctx, args),
        ReportCommand::Person { person } => person_report(ctx, &person),
        ReportCommand::Year { year } => year_report(ctx, year),
        ReportCommand::Digest { since, until } => digest(ctx, since.as_deref(), until.as_deref()),
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

fn program_report(ctx: &Context, query: Option<&str>, compare: Option<&str>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let program = current_program(&tx, ctx, query)?;
    let report = build_program_report(&tx, ctx, &program)?;
    let Some(other) = compare else {
        let title = format!("{}: programme report", report.program);
        return ctx.output().titled(title).record(&report);
    };
    let other = crate::db::programs::resolve(&tx, other)?;
    let other = build_program_report(&tx, ctx, &other)?;
    let title = format!("{} beside {}", report.program, other.program);
    ctx.output()
        .titled(title)
        .record(&compare_reports(&report, &other))
}

#[derive(Serialize)]
struct Comparison {
    program: String,
    compared_with: String,
    /// Each measure in the programme, in the other one, and the difference.
    measures: Vec<CompareRow>,
}

#[derive(Serialize)]
struct CompareRow {
    measure: String,
    program: i64,
    compared_with: i64,
    difference: i64,
}

/// Two cohorts side by side, measure by measure.
fn compare_reports(a: &ProgramReport, b: &ProgramReport) -> Comparison {
    let ambassadors = |r: &ProgramReport| {
        r.participants
            .iter()
            .map(|p| p.active + p.completed + p.withdrawn)
            .sum::<i64>()
    };
    let attended = |r: &ProgramReport| r.trainings.iter().map(|t| t.attended).sum::<i64>();
    let mut rows: Vec<(String, i64, i64)> = vec![
        ("ambassadors".into(), ambassadors(a), ambassadors(b)),
        ("training attendances".into(), attended(a), attended(b)),
        ("swag delivered".into(), a.swag_delivered, b.swag_delivered),
        ("hashtag posts".into(), a.posts, b.posts),
        ("points earned".into(), a.points_earned, b.points_earned),
        (
            "points redeemed".into(),
            a.points_redeemed,
            b.points_redeemed,
        ),
        (
            "feedback responses".into(),
            a.feedback_responses,
            b.feedback_responses,
        ),
    ];
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for (prefix, list) in [
        ("posts on", &a.posts_by_channel),
        ("posts on", &b.posts_by_channel),
        ("activities:", &a.other_activities),
        ("activities:", &b.other_activities),
    ] {
        for count in list.iter() {
            if !keys.contains(&(prefix, count.key.as_str())) {
                keys.push((prefix, count.key.as_str()));
            }
        }
    }
    let find =
        |list: &[Count], key: &str| list.iter().find(|c| c.key == key).map_or(0, |c| c.count);
    for (prefix, key) in keys {
        let (x, y) = if prefix == "posts on" {
            (
                find(&a.posts_by_channel, key),
                find(&b.posts_by_channel, key),
            )
        } else {
            (
                find(&a.other_activities, key),
                find(&b.other_activities, key),
            )
        };
        rows.push((format!("{prefix} {key}"), x, y));
    }
    Comparison {
        program: a.program.clone(),
        compared_with: b.program.clone(),
        measures: rows
            .into_iter()
            .map(|(measure, program, compared_with)| CompareRow {
                measure,
                program,
                compared_with,
                difference: program - compared_with,
            })
            .collect(),
    }
}

pub(crate) fn build_program_report(
    tx: &rusqlite::Connection,
    ctx: &Context,
    program: &crate::db::programs::Program,
) -> anyhow::Result<ProgramReport> {
    let id = program.id;
    let posts_by_channel = reports::posts_by_channel(tx, id)?;
    let delivered = reports::swag_delivered(tx, id)?;
    let (points_earned, points_redeemed) = reports::points_totals(tx, id)?;
    // Tiers of the programme's people, counted as their lifetime points stream by.
    let mut reached = vec![0i64; ctx.config.tiers.len()];
    reports::earned_of_participants(tx, id, &mut |earned| {
        if let Some(index) = ctx.config.tiers.iter().rposition(|t| earned >= t.from) {
            reached[index] += 1;
        }
    })?;
    let tiers = ctx
        .config
        .tiers
        .iter()
        .zip(reached)
        .map(|(tier, ambassadors)| TierRow {
            tier: tier.name.clone(),
            ambassadors,
        })
        .collect();
    let (feedback_responses, feedback_average) = feedback::summary(tx, id)?;
    let (emv_by_channel, emv_estimate) =
        crate::emv::estimate(&ctx.config.emv, &reports::channel_figures(tx, id)?);
    let report = ProgramReport {
        program: program.name.clone(),
        start_date: program.start_date,
        end_date: program.end_date,
        status: program.status,
        hashtags: program.hashtags.clone(),
        participants: reports::participants(tx, id)?,
        trainings: trainings::list(tx, Some(id))?
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
        swag_pending: swag::pending(tx, id)?.len() as i64,
        posts: posts_by_channel.iter().map(|c| c.count).sum(),
        posts_by_channel,
        posts_by_month: reports::posts_by_month(tx, id)?,
        posts_by_unit: reports::posts_by_unit(tx, id)?,
        other_activities: reports::other_activities(tx, id)?,
        points_earned,
        points_redeemed,
        top_by_posts: reports::top_by_posts(tx, id, TOP)?,
        top_by_points: reports::top_by_points(tx, id, TOP)?,
        tiers,
        feedback_responses,
        feedback_average,
        emv_estimate,
        emv_currency: ctx.config.emv.currency.clone(),
        emv_rates_date: ctx.config.emv.effective_date,
        emv_note: "an estimate: impressions/1000 × CPM + clicks × CPC + engagements × value per engagement, by the rates in emv_by_channel (placeholders unless the config sets the organisation's own); potential reach is not counted",
        emv_by_channel,
        kpis: kpis::list(tx, Some(id), None)?,
    };
    Ok(report)
}

#[derive(Serialize)]
struct PersonReport {
    #[serde(flatten)]
    person: crate::db::people::Person,
    balance: i64,
    earned: i64,
    redeemed: i64,
    tier: Option<String>,
    last_activity: Option<NaiveDate>,
    trainings_attended: i64,
    enrolments: Vec<crate::db::enrolments::Enrolment>,
    activities: Vec<Count>,
    swag: Vec<swag::Delivery>,
}

fn person_report(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let person = crate::db::people::resolve(&tx, query)?;
    let balance = crate::db::points::balances(&tx, Some(person.id))?
        .into_iter()
        .next()
        .unwrap_or_default();
    let (last_activity, trainings_attended): (Option<NaiveDate>, i64) = tx.query_row(
        "SELECT (SELECT max(date) FROM activity WHERE person_id = ?1),
                (SELECT count(*) FROM attendance WHERE person_id = ?1 AND status = 'attended')",
        [person.id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let report = PersonReport {
        balance: balance.balance,
        earned: balance.earned,
        redeemed: balance.redeemed,
        tier: ctx.config.tier(balance.earned).map(str::to_string),
        last_activity,
        trainings_attended,
        enrolments: crate::db::enrolments::for_person(&tx, person.id)?,
        activities: reports::person_activities(&tx, person.id)?,
        swag: swag::deliveries(&tx, Some(person.id))?,
        person,
    };
    let title = format!("{}: ambassador record", report.person.name);
    ctx.output().titled(title).record(&report)
}

#[derive(Serialize)]
struct YearReport {
    year: i32,
    previous_year: i32,
    /// Each measure in the year, the year before, and the change.
    measures: Vec<YearRow>,
    kpis: Vec<kpis::Kpi>,
}

#[derive(Serialize)]
struct YearRow {
    measure: String,
    this_year: i64,
    previous_year: i64,
    change: i64,
}

fn year_report(ctx: &Context, year: i32) -> anyhow::Result<()> {
    let bounds = |y: i32| -> anyhow::Result<(NaiveDate, NaiveDate)> {
        let first = NaiveDate::from_ymd_opt(y, 1, 1);
        let last = NaiveDate::from_ymd_opt(y, 12, 31);
        first
            .zip(last)
            .filter(|_| (1900..=2199).contains(&y))
            .ok_or_else(|| crate::error::invalid(format!("{y} is not a year to report on")))
    };
    let (from, to) = bounds(year)?;
    let (previous_from, previous_to) = bounds(year - 1)?;
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let now = reports::period(&tx, from, to)?;
    let before = reports::period(&tx, previous_from, previous_to)?;
    let mut measures: Vec<(String, i64, i64)> = vec![
        ("hashtag posts".into(), now.posts, before.posts),
        ("shares".into(), now.shares, before.shares),
        (
            "other activities".into(),
            now.other_activities,
            before.other_activities,
        ),
        (
            "ambassadors posting".into(),
            now.ambassadors_posting,
            before.ambassadors_posting,
        ),
        (
            "people enrolled".into(),
            now.people_enrolled,
            before.people_enrolled,
        ),
        ("trainings".into(), now.trainings, before.trainings),
        (
            "points earned".into(),
            now.points_earned,
            before.points_earned,
        ),
    ];
    let this_channels = reports::period_posts_by_channel(&tx, from, to)?;
    let previous_channels = reports::period_posts_by_channel(&tx, previous_from, previous_to)?;
    let mut channels: Vec<&str> = this_channels
        .iter()
        .chain(&previous_channels)
        .map(|c| c.key.as_str())
        .collect();
    channels.sort_unstable();
    channels.dedup();
    let count_of =
        |list: &[Count], key: &str| list.iter().find(|c| c.key == key).map_or(0, |c| c.count);
    for channel in channels {
        measures.push((
            format!("posts on {channel}"),
            count_of(&this_channels, channel),
            count_of(&previous_channels, channel),
        ));
    }
    let kpis = kpis::list(&tx, None, None)?
        .into_iter()
        .filter(|k| k.date >= previous_from && k.date <= to)
        .collect();
    ctx.output()
        .titled(format!("The year {year}"))
        .record(&YearReport {
            year,
            previous_year: year - 1,
            measures: measures
                .into_iter()
                .map(|(measure, this_year, previous_year)| YearRow {
                    measure,
                    this_year,
                    previous_year,
                    change: this_year - previous_year,
                })
                .collect(),
            kpis,
        })
}

#[derive(Serialize)]
struct Digest {
    since: NaiveDate,
    until: NaiveDate,
    #[serde(flatten)]
    figures: reports::Period,
    posts_by_channel: Vec<Count>,
    most_active: Vec<reports::PersonRank>,
    /// The hashtags of the programmes running at the end of the period.
    hashtags: Vec<String>,
}

fn digest(ctx: &Context, since: Option<&str>, until: Option<&str>) -> anyhow::Result<()> {
    let until = super::date_or_today(ctx, until)?;
    let since = match since {
        Some(text) => crate::dates::parse(text)?,
        None => until - chrono::Duration::days(6),
    };
    if until < since {
        return Err(crate::error::invalid(format!(
            "--until {until} is before --since {since}"
        )));
    }
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let digest = Digest {
        since,
        until,
        figures: reports::period(&tx, since, until)?,
        posts_by_channel: reports::period_posts_by_channel(&tx, since, until)?,
        most_active: reports::leaderboard_people(&tx, None, Some(since), Some(until), 3)?
            .into_iter()
            .filter(|p| p.posts > 0)
            .collect(),
        hashtags: crate::db::programs::all(&tx)?
            .into_iter()
            .filter(|p| p.contains(until))
            .flat_map(|p| p.hashtags)
            .collect(),
    };
    let mut output = ctx.output();
    match output.format() {
        crate::output::OutputFormat::Table | crate::output::OutputFormat::Md => {
            output.text(&digest_markdown(&digest, &ctx.config.organisation))
        }
        _ => output.record(&digest),
    }
}

/// The digest as Markdown for the Teams channel.
fn digest_markdown(digest: &Digest, organisation: &str) -> String {
    let f = &digest.figures;
    let mut text = format!("## Ambassadors {} – {}\n\n", digest.since, digest.until);
    if !organisation.is_empty() {
        text = format!(
            "## {organisation}: ambassadors {} – {}\n\n",
            digest.since, digest.until
        );
    }
    let channels: Vec<String> = digest
        .posts_by_channel
        .iter()
        .map(|c| format!("{} {}", c.key, c.count))
        .collect();
    text.push_str(&format!(
        "- **{}** hashtag posts by **{}** ambassadors{}\n",
        f.posts,
        f.ambassadors_posting,
        if channels.is_empty() {
            String::new()
        } else {
            format!(" ({})", channels.join(", "))
        }
    ));
    text.push_str(&format!(
        "- {} shares and {} other activities (visits, talks, articles…)\n",
        f.shares, f.other_activities
    ));
    if f.trainings > 0 {
        text.push_str(&format!("- {} training(s)\n", f.trainings));
    }
    text.push_str(&format!("- {} points earned\n", f.points_earned));
    if !digest.most_active.is_empty() {
        let names: Vec<String> = digest
            .most_active
            .iter()
            .map(|p| format!("{} ({} posts)", p.name, p.posts))
            .collect();
        text.push_str(&format!("- Most active: {}\n", names.join(", ")));
    }
    text.push_str(&format!(
        "\nThank you, everyone! {}\n",
        digest.hashtags.join(" ")
    ));
    text
}
