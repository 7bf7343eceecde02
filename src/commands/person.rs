//! `amb person add|list|show|edit|import`.

use anyhow::Context as _;
use serde::Serialize;

use super::{current_program, optional_program, person_fields, write};
use crate::cli::{PersonAddArgs, PersonCommand, PersonEditArgs, PersonImportArgs, PersonListArgs};
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::enrolments::{self, Enrolment};
use crate::db::people::{self, Filter, Person};
use crate::db::{self};
use crate::error::invalid;
use crate::service::enrolment::{Joining, check_joining};
use crate::service::import::{ImportPlan, import_people};
use crate::service::people::{apply_fields, new_person};

pub fn run(ctx: &Context, command: PersonCommand) -> anyhow::Result<()> {
    match command {
        PersonCommand::Add(args) => add(ctx, args),
        PersonCommand::List(args) => list(ctx, args),
        PersonCommand::Show { person } => show(ctx, &person),
        PersonCommand::Edit(args) => edit(ctx, args),
        PersonCommand::Import(args) => import(ctx, args),
    }
}

/// A person with every enrolment and their points, for `person show`.
#[derive(Serialize)]
struct PersonRecord {
    #[serde(flatten)]
    person: Person,
    points: PointsSummary,
    enrolments: Vec<Enrolment>,
}

#[derive(Serialize)]
struct PointsSummary {
    balance: i64,
    earned: i64,
    redeemed: i64,
    tier: Option<String>,
}

fn add(ctx: &Context, args: PersonAddArgs) -> anyhow::Result<()> {
    let person = new_person(&args.name, &person_fields(&args.fields))?;
    let person = write(ctx, Action::PersonAdd, |tx| {
        let id = people::insert(tx, &person)?;
        Ok((vec![("people_added", 1)], people::get(tx, id)?))
    })?;
    ctx.note(format!("Added {} (id {})", person.name, person.id));
    ctx.output().record(&person)
}

fn list(ctx: &Context, args: PersonListArgs) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let filter = Filter {
        role: args.role,
        unit: args.unit,
        status: args.status,
        program: optional_program(&tx, args.program.as_deref())?,
    };
    ctx.output()
        .short(&["id", "name", "email", "role", "unit"])
        .list(&people::list(&tx, &filter)?)
}

fn show(ctx: &Context, query: &str) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let person = people::resolve(&tx, query)?;
    let enrolments = enrolments::for_person(&tx, person.id)?;
    let (balance, earned, redeemed) = crate::db::points::balances(&tx, Some(person.id))?
        .first()
        .map_or((0, 0, 0), |b| (b.balance, b.earned, b.redeemed));
    let points = PointsSummary {
        balance,
        earned,
        redeemed,
        tier: ctx.config.tier(earned).map(str::to_string),
    };
    ctx.output().record(&PersonRecord {
        person,
        points,
        enrolments,
    })
}

fn edit(ctx: &Context, args: PersonEditArgs) -> anyhow::Result<()> {
    let person = write(ctx, Action::PersonEdit, |tx| {
        let mut person = people::resolve(tx, &args.person)?;
        if let Some(name) = &args.name {
            person.name = crate::text::non_empty(Some(name))
                .ok_or_else(|| invalid("the name cannot be empty"))?;
        }
        apply_fields(&mut person, &person_fields(&args.fields))?;
        people::update(tx, &person)?;
        Ok((vec![("people_changed", 1)], person))
    })?;
    ctx.note(format!("Changed {} (id {})", person.name, person.id));
    ctx.output().record(&person)
}

fn import(ctx: &Context, args: PersonImportArgs) -> anyhow::Result<()> {
    let file = std::fs::File::open(&args.file)
        .with_context(|| format!("cannot open {}", args.file.display()))?;
    let date = args.date.unwrap_or(ctx.today);
    // A dry run does all the work in the transaction and then rolls it back.
    let mut conn = ctx.open()?;
    let summary =
        db::write_audited_or_rollback(&mut conn, Action::PersonImport, args.dry_run, |tx| {
            let program = current_program(tx, ctx, args.program.query())?;
            let joining = if args.enroll {
                Joining::Enrol
            } else {
                Joining::Apply
            };
            check_joining(&program, date, joining)?;
            let plan = ImportPlan {
                program: &program,
                enroll: args.enroll,
                date,
                guidelines_version: &ctx.config.guidelines_version,
            };
            let summary = import_people(tx, &args.file, file, &plan)?;
            Ok((summary.audit_counts(), summary))
        })?;
    if !summary.ignored_columns.is_empty() {
        ctx.note(format!(
            "{}: ignored the columns {}",
            summary.file,
            summary.ignored_columns.join(", ")
        ));
    }
    ctx.note(format!(
        "{} {}: {} people created, {} matched; {} applied, {} enrolled, {} activated in {}",
        if args.dry_run {
            "Dry run, nothing written; importing would give"
        } else {
            "Imported"
        },
        summary.file,
        summary.people_created,
        summary.people_matched,
        summary.applied,
        summary.enrolled,
        summary.activated,
        summary.program
    ));
    ctx.output().record(&ImportRecord {
        summary,
        dry_run: args.dry_run,
    })
}

/// What `person import` did, or would do with `--dry-run`.
#[derive(Serialize)]
struct ImportRecord {
    #[serde(flatten)]
    summary: crate::service::import::ImportSummary,
    dry_run: bool,
}
