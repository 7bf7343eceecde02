//! One module per command: resolve names, open one transaction, call the rules in
//! `service`/`report` (or `db`), render through `output`. No command imports another.

mod activity;
mod audit;
mod check;
mod config;
mod demo;
mod docs;
mod enrolment;
mod export;
mod feedback;
mod hashtags;
mod import;
mod init;
mod kpi;
mod person;
mod points;
mod privacy;
mod program;
mod report;
mod swag;
mod training;

use rusqlite::{Connection, Transaction};

use crate::cli::{ActivityCommand, Cli, Command, ConfigCommand, PersonCommand, PersonFieldArgs};
use crate::context::Context;
use crate::db::audit::{Action, Counts};
use crate::db::people::Handles;
use crate::db::programs::{self, Program};
use crate::db::{self};
use crate::domain::{PersonId, ProgramId};
use crate::error::UserError;
use crate::service::people::PersonFields;
use crate::service::programs::ProgramChoice;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    // Completions and manual pages need no database and no configuration.
    match &cli.command {
        Command::Completions { shell } => return docs::completions(*shell),
        Command::Man { dir } => return docs::man(dir.as_deref()),
        _ => {}
    }
    let ctx = Context::resolve(&cli.global)?;
    let db_path = ctx.db_path.clone();
    let undone = match &cli.command {
        Command::Activity(ActivityCommand::Import(_))
        | Command::Person(PersonCommand::Import(_)) => "nothing was imported",
        _ => "nothing was changed",
    };
    dispatch(ctx, cli.command).map_err(|err| {
        if crate::interrupt::requested() {
            UserError::Interrupted { what: undone }.into()
        } else {
            db::trouble::explain(err, &db_path)
        }
    })
}

fn dispatch(ctx: Context, command: Command) -> anyhow::Result<()> {
    match command {
        Command::Init => init::run(&ctx),
        Command::Demo => demo::run(&ctx),
        Command::Program(command) => program::run(&ctx, command),
        Command::Person(command) => person::run(&ctx, command),
        Command::Enroll(args) => enrolment::enroll(&ctx, args),
        Command::Apply(args) => enrolment::apply(&ctx, args),
        Command::Withdraw(args) => enrolment::withdraw(&ctx, args),
        Command::Training(command) => training::run(&ctx, command),
        Command::Swag(command) => swag::run(&ctx, command),
        Command::Activity(command) => activity::run(&ctx, command),
        Command::Feedback(command) => feedback::run(&ctx, command),
        Command::Kpi(command) => kpi::run(&ctx, command),
        Command::Import(command) => import::run(&ctx, command),
        Command::Points(command) => points::run(&ctx, command),
        Command::Check(args) => check::run(&ctx, args),
        Command::Report(args) => report::run(&ctx.with_output_file(args.output)?, args.command),
        Command::Export(args) => export::run(&ctx, args),
        Command::Audit(args) => audit::run(&ctx, args),
        Command::Config(ConfigCommand::Show) => config::show(&ctx),
        Command::Purge(args) => privacy::purge(&ctx, args),
        Command::Backup(args) => privacy::backup(&ctx, args),
        Command::Restore(args) => privacy::restore(&ctx, args),
        Command::Privacy(crate::cli::PrivacyCommand::Notice { output }) => {
            privacy::notice(&ctx, output.as_deref())
        }
        Command::Hashtags(command) => hashtags::run(&ctx, command),
        Command::Completions { .. } | Command::Man { .. } => Ok(()),
    }
}

/// How `--program` (given or not) chooses the programme, with the configured default.
fn program_choice<'a>(ctx: &'a Context, flag: Option<&'a str>) -> ProgramChoice<'a> {
    ProgramChoice {
        flag,
        default: ctx.config.default_program.as_deref(),
        today: ctx.today,
        how: crate::service::programs::BY_FLAG,
    }
}

/// The programme a command works on: `--program`, else the configured default, else the
/// open programme whose dates contain today.
fn current_program(
    conn: &Connection,
    ctx: &Context,
    flag: Option<&str>,
) -> anyhow::Result<Program> {
    program_choice(ctx, flag).resolve(conn)
}

/// The programme a `--program` filter names, if given.
fn optional_program(conn: &Connection, query: Option<&str>) -> anyhow::Result<Option<ProgramId>> {
    query
        .map(|q| programs::resolve(conn, q).map(|p| p.id))
        .transpose()
}

/// The person a `--person` filter names, if given.
fn optional_person(conn: &Connection, query: Option<&str>) -> anyhow::Result<Option<PersonId>> {
    query
        .map(|q| crate::db::people::resolve(conn, q).map(|p| p.id))
        .transpose()
}

/// The person details given on the command line.
fn person_fields(args: &PersonFieldArgs) -> PersonFields {
    PersonFields {
        email: args.email.clone(),
        role: args.role,
        unit: args.unit.clone(),
        title: args.title.clone(),
        handles: Handles {
            linkedin: args.linkedin.clone(),
            x: args.x.clone(),
            facebook: args.facebook.clone(),
            instagram: args.instagram.clone(),
            mastodon: args.mastodon.clone(),
            tiktok: args.tiktok.clone(),
            youtube: args.youtube.clone(),
            blog: args.blog.clone(),
        },
    }
}

/// The one write of a command: opens the database and runs `work` in a write transaction
/// that records `action` in the audit log (with the counts `work` returns) and commits.
/// Notes and output come after, from what `work` returned.
fn write<T>(
    ctx: &Context,
    action: Action,
    work: impl FnOnce(&Transaction<'_>) -> anyhow::Result<(Counts, T)>,
) -> anyhow::Result<T> {
    db::write_audited(&mut ctx.open()?, action, work)
}

/// Writes `text` to `output` (mode 0600, renamed into place) and says so with `what`, or to
/// stdout when no file is given.
fn text_to(
    ctx: &Context,
    text: &str,
    output: Option<&std::path::Path>,
    what: &str,
) -> anyhow::Result<()> {
    let Some(path) = output else {
        return ctx.output().text(text);
    };
    crate::fs::refuse_overwriting_database(path, &ctx.db_path)?;
    crate::fs::write_atomically(path, |out| {
        Ok(std::io::Write::write_all(out, text.as_bytes())?)
    })?;
    ctx.note(format!(
        "Wrote {what} to {} (readable only by you)",
        path.display()
    ));
    Ok(())
}
