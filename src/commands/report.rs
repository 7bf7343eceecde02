//! `amb report program|kpi|leaderboard|person|year|digest|health`, in the report language.

use std::path::Path;

use serde::Serialize;

use super::program_choice;
use crate::cli::{LeaderboardArgs, RankBy, ReportCommand};
use crate::context::Context;
use crate::db::{self, report_pass, reports};
use crate::error::{Place, refuse};
use crate::i18n::Locale;
use crate::output::OutputFormat;
use crate::render;
use crate::report::{compare, digest, kpi, person, program, small_groups, year};
use chrono::NaiveDate;

pub fn run(ctx: &Context, command: ReportCommand) -> anyhow::Result<()> {
    match command {
        ReportCommand::Program {
            program,
            compare,
            no_compare,
        } => program_report(ctx, program.as_deref(), compare.as_deref(), no_compare),
        ReportCommand::Kpi { name, program } => kpi_report(ctx, name.as_deref(), program.query()),
        ReportCommand::Leaderboard(args) => leaderboard(ctx, args),
        ReportCommand::Person { person } => person_report(ctx, &person),
        ReportCommand::Year { year } => year_report(ctx, year),
        ReportCommand::Digest { since, until } => digest_report(ctx, since, until),
        ReportCommand::Health { days, program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = super::optional_program(&tx, program.query())?;
            let rows = reports::health(&tx, ctx.today, i64::from(days), program)?;
            write_list(ctx, "title-health", "health", &rows)
        }
    }
}

/// A record report in the report language: a document (table, Markdown, HTML), labelled
/// CSV, or the same JSON in every language.
fn write_record<T: Serialize>(ctx: &Context, title: String, record: &T) -> anyhow::Result<()> {
    let locale = Locale::new(ctx.lang);
    let mut output = ctx.output();
    match render::record(&locale, output.format(), ctx.look(), title.clone(), record)? {
        Some(text) => output.text(&text),
        None => output.titled(title).record(record),
    }
}

/// A list report: headings in the report language for people to read; CSV and JSON keep
/// their identifier columns.
fn write_list<T: Serialize + Default>(
    ctx: &Context,
    title_id: &str,
    section: &str,
    rows: &[T],
) -> anyhow::Result<()> {
    let locale = Locale::new(ctx.lang);
    let title = locale.t(title_id);
    let mut output = ctx.output();
    match render::list(&locale, output.format(), ctx.look(), title, section, rows)? {
        Some(text) => output.text(&text),
        None => output.list(rows),
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
        RankBy::Person if args.anonymous => write_list(
            ctx,
            "title-leaderboard",
            "leaderboard",
            &small_groups::anonymous(report_pass::leaderboard_people(
                &tx, program, since, until, top,
            )?),
        ),
        RankBy::Person => write_list(
            ctx,
            "title-leaderboard",
            "leaderboard",
            &report_pass::leaderboard_people(&tx, program, since, until, top)?,
        ),
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
            write_list(ctx, "title-leaderboard-units", "leaderboard", &rows)
        }
    }
}

fn program_report(
    ctx: &Context,
    query: Option<&str>,
    other: Option<&str>,
    no_compare: bool,
) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let mut choice = program_choice(ctx, query);
    choice.how = "name it: `amb report program NAME`";
    let chosen = choice.resolve(&tx)?;
    let report = program::build(&tx, &ctx.config, &chosen)?;
    let previous = match other {
        Some(other) => Some(crate::db::programs::resolve(&tx, other)?),
        None if no_compare => None,
        None => compare::previous(&tx, &chosen)?,
    };
    let previous = previous
        .map(|p| program::build(&tx, &ctx.config, &p))
        .transpose()?;
    let locale = Locale::new(ctx.lang);
    let mut output = ctx.output();
    match (output.format(), other.and(previous.as_ref())) {
        // Scripts get the figures the same in every language: the report, or the two
        // cohorts measure by measure when they asked for a comparison.
        (OutputFormat::Json | OutputFormat::Xlsx | OutputFormat::Csv, Some(previous)) => {
            let comparison = compare::compare(&report, previous);
            write_record(ctx, report.program.clone(), &comparison)
        }
        (OutputFormat::Json | OutputFormat::Xlsx | OutputFormat::Csv, None) => {
            write_record(ctx, report.program.clone(), &report)
        }
        (format, _) => {
            let setting = render::program::Setting {
                organisation: &ctx.config.organisation,
                logo: ctx.logo.as_deref().map(logo).transpose()?,
                min_group: ctx.config.privacy.min_group,
                today: ctx.today,
            };
            let this = render::program::View::of(&report)?;
            let before = previous
                .as_ref()
                .map(render::program::View::of)
                .transpose()?;
            let doc = render::program::document(&locale, setting, &this, before.as_ref());
            output.text(&render::document(&doc, format, ctx.look()))
        }
    }
}

/// The logo file for HTML reports, with its media type; refused when it cannot be shown.
fn logo(path: &Path) -> anyhow::Result<(String, Vec<u8>)> {
    let place = || Place::Setting("logo".to_string());
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let mime = match extension.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "svg" => "image/svg+xml",
        "webp" => "image/webp",
        _ => {
            return Err(refuse(format!(
                "{} is not a PNG, JPEG, GIF, WebP or SVG image",
                path.display()
            ))
            .at(place())
            .hint("set logo in the config to an image file, or leave it out")
            .into());
        }
    };
    // A logo is small; a huge file is a mistake that would bloat every report.
    const MAX: u64 = 2 * 1024 * 1024;
    let size = std::fs::metadata(path).map(|m| m.len()).map_err(|err| {
        refuse(format!("cannot read the logo {}: {err}", path.display()))
            .at(place())
            .hint("check the path in the config (relative to the config file's folder)")
    })?;
    if size > MAX {
        return Err(
            refuse(format!("the logo {} is larger than 2 MB", path.display()))
                .at(place())
                .hint("use a smaller image")
                .into(),
        );
    }
    let bytes = std::fs::read(path).map_err(|err| {
        refuse(format!("cannot read the logo {}: {err}", path.display())).at(place())
    })?;
    Ok((mime.to_string(), bytes))
}

fn kpi_report(ctx: &Context, name: Option<&str>, program: Option<&str>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let chosen = program
        .map(|q| crate::db::programs::resolve(&tx, q))
        .transpose()?;
    let all = crate::db::kpis::list(&tx, chosen.as_ref().map(|p| p.id), None)?;
    let values: Vec<_> = match name {
        Some(name) => {
            let wanted = crate::text::fold(name);
            let found: Vec<_> = all
                .iter()
                .filter(|k| crate::text::fold(&k.name).contains(&wanted))
                .cloned()
                .collect();
            if found.is_empty() {
                let mut names: Vec<&str> = all.iter().map(|k| k.name.as_str()).collect();
                names.dedup();
                let hint = if names.is_empty() {
                    "record one with `amb kpi add NAME VALUE --date D`".to_string()
                } else {
                    format!("the KPIs recorded are: {}", names.join("; "))
                };
                return Err(
                    refuse(format!("no KPI is named like \"{}\"", name.escape_debug()))
                        .hint(hint)
                        .into(),
                );
            }
            found
        }
        None => all,
    };
    let report = kpi::KpiReport {
        program: chosen.map(|p| p.name),
        kpis: kpi::series(values),
    };
    let locale = Locale::new(ctx.lang);
    let mut output = ctx.output();
    match output.format() {
        OutputFormat::Table | OutputFormat::Md | OutputFormat::Html => {
            let doc = render::kpi::document(&locale, &ctx.config.organisation, &report);
            output.text(&render::document(&doc, output.format(), ctx.look()))
        }
        _ => write_record(ctx, locale.t("kpi-title"), &report),
    }
}

fn person_report(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let found = crate::db::people::resolve(&tx, query)?;
    let report = person::build(&tx, &ctx.config, found)?;
    let title = Locale::new(ctx.lang).with("title-person", &[("name", &report.person.name)]);
    write_record(ctx, title, &report)
}

fn year_report(ctx: &Context, which: i32) -> anyhow::Result<()> {
    year::bounds(which)?;
    year::bounds(which - 1)?;
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let report = year::build(&tx, which)?;
    let title = Locale::new(ctx.lang).with("title-year", &[("year", &which.to_string())]);
    write_record(ctx, title, &report)
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
    let locale = Locale::new(ctx.lang);
    let mut output = ctx.output();
    match output.format() {
        OutputFormat::Table | OutputFormat::Md => {
            let view = render::digest::View::of(&digest)?;
            output.text(&render::digest::markdown(
                &locale,
                &ctx.config.organisation,
                &view,
            ))
        }
        _ => write_record(ctx, locale.t("title-digest"), &digest),
    }
}
