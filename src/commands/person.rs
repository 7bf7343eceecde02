//! `amb person add|list|show|edit|import|export|forget`.

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
        PersonCommand::Export { person, output } => export(ctx, &person, output.as_deref()),
        PersonCommand::Forget { person } => forget(ctx, &person),
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

/// `person export`: every row about the person, JSON (the default) or Markdown.
fn export(ctx: &Context, query: &str, output: Option<&std::path::Path>) -> anyhow::Result<()> {
    use crate::output::OutputFormat;
    use crate::service::privacy;
    let markdown = match ctx.format {
        OutputFormat::Table | OutputFormat::Json => false,
        OutputFormat::Md => true,
        _ => {
            return Err(invalid(
                "a person's data is exported as json or md (--format)",
            ));
        }
    };
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let person = people::resolve(&tx, query)?;
    let export = privacy::export(&tx, person.id, ctx.today)?;
    let text = if markdown {
        privacy::export_markdown(&export)
    } else {
        serde_json::to_string_pretty(&export)? + "\n"
    };
    let what = format!("everything held about person {}", person.id);
    super::text_to(ctx, &text, output, &what)
}

/// `person forget`: asks, erases in one transaction, then leaves no copy in the file.
fn forget(ctx: &Context, query: &str) -> anyhow::Result<()> {
    use crate::service::{backup, privacy};
    let mut conn = ctx.open()?;
    let person = {
        let tx = db::read(&mut conn)?;
        people::resolve(&tx, query)?
    };
    ctx.confirm(&format!(
        "Forget {} (id {}) for good? Their name, e-mail, handles, post addresses and their own words are erased; totals stay. This cannot be undone.",
        person.name, person.id
    ))?;
    let mut done = db::write_audited(&mut conn, Action::PersonForget, |tx| {
        let done = privacy::forget(tx, person.id)?;
        Ok((done.audit_counts(), done))
    })?;
    db::privacy::compact(&conn)?;
    let folder = backup::default_folder(&ctx.db_path);
    done.backups_still_holding = backup::holding(&folder, &done.former_email_key);
    ctx.note(format!(
        "Forgot person {}: now \"{}\"",
        person.id, done.name
    ));
    for mention in &done.remaining_mentions {
        ctx.note(format!(
            "warning: {}.{} (row {}) still mentions them; edit it by hand",
            mention.table, mention.column, mention.rowid
        ));
    }
    for path in &done.backups_still_holding {
        ctx.note(format!(
            "warning: the backup {} still holds them; delete it, or forget them again after restoring it",
            path.display()
        ));
    }
    ctx.output().record(&done)
}
