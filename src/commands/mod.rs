//! One module per command: parse ids, open one transaction, call `db`, render through `output`.

mod activity;
mod audit;
mod check;
mod config;
mod demo;
mod enrolment;
mod export;
mod feedback;
mod import;
mod init;
mod kpi;
mod person;
mod points;
mod program;
mod report;
mod swag;
mod training;

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::cli::{Cli, Command, ConfigCommand, PersonFieldArgs};
use crate::context::Context;
use crate::db::people::Person;
use crate::db::programs::{self, Program};
use crate::domain::is_plausible_email;
use crate::domain::{PersonId, ProgramId, Role};
use crate::error::invalid;
use crate::text::non_empty;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let ctx = Context::resolve(&cli.global)?;
    match cli.command {
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
        Command::Check => check::run(&ctx),
        Command::Report(command) => report::run(&ctx, command),
        Command::Export(args) => export::run(&ctx, args),
        Command::Audit(args) => audit::run(&ctx, args),
        Command::Config(ConfigCommand::Show) => config::show(&ctx),
    }
}

/// Reads an optional date option, defaulting to today.
fn date_or_today(ctx: &Context, text: Option<&str>) -> anyhow::Result<NaiveDate> {
    Ok(crate::dates::parse_or(text, ctx.today)?)
}

/// The programme a command works on: `--program`, else the configured default, else the
/// open programme whose dates contain today.
fn current_program(
    conn: &Connection,
    ctx: &Context,
    flag: Option<&str>,
) -> anyhow::Result<Program> {
    if let Some(query) = flag.or(ctx.config.default_program.as_deref()) {
        return programs::resolve(conn, query);
    }
    let all = programs::all(conn)?;
    let running: Vec<&Program> = all
        .iter()
        .filter(|p| p.status == crate::domain::ProgramStatus::Open && p.contains(ctx.today))
        .collect();
    match running.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(invalid(format!(
            "no programme runs today ({}){}",
            ctx.today,
            crate::error::programmes_hint(&all.iter().map(Program::span).collect::<Vec<_>>())
        ))),
        many => Err(invalid(format!(
            "several programmes run today ({}): {}\n  hint: pass --program NAME or set default_program in the config",
            ctx.today,
            many.iter()
                .map(|p| p.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
    }
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

/// Builds a new person from a name and the detail options; e-mail and role are required.
fn new_person(name: &str, fields: &PersonFieldArgs) -> anyhow::Result<Person> {
    let name = non_empty(Some(name)).ok_or_else(|| invalid("the name is empty"))?;
    let email = non_empty(fields.email.as_deref()).ok_or_else(|| {
        invalid(format!(
            "{name} is not in the database yet; give --email (and --role) to add them"
        ))
    })?;
    let role = fields
        .role
        .as_deref()
        .ok_or_else(|| invalid(format!("give --role employee or --role manager for {name}")))?;
    let mut person = Person {
        name,
        email,
        role: parse_role(role)?,
        ..Person::default()
    };
    apply_fields(&mut person, fields)?;
    Ok(person)
}

fn parse_role(text: &str) -> anyhow::Result<Role> {
    text.parse::<Role>().map_err(invalid)
}

/// Writes the given options over a person: an empty value clears an optional field.
fn apply_fields(person: &mut Person, fields: &PersonFieldArgs) -> anyhow::Result<()> {
    if let Some(email) = &fields.email {
        let email = email.trim();
        if !is_plausible_email(email) {
            return Err(invalid(format!("\"{email}\" is not an e-mail address")));
        }
        person.email = email.to_string();
    }
    if let Some(role) = &fields.role {
        person.role = parse_role(role)?;
    }
    let set = |target: &mut Option<String>, value: &Option<String>| {
        if let Some(value) = value {
            *target = non_empty(Some(value));
        }
    };
    set(&mut person.unit, &fields.unit);
    set(&mut person.title, &fields.title);
    for (target, value) in person
        .handles
        .fields_mut()
        .into_iter()
        .zip(fields.handles())
    {
        set(target, value);
    }
    Ok(())
}

/// Whether any detail beyond the e-mail was given.
fn any_details(fields: &PersonFieldArgs) -> bool {
    [&fields.role, &fields.unit, &fields.title]
        .into_iter()
        .chain(fields.handles())
        .any(Option::is_some)
}

/// Fills the person's empty fields from `other`; returns whether anything changed.
fn fill_blanks(person: &mut Person, other: &Person) -> bool {
    let before = person.clone();
    let fill = |target: &mut Option<String>, value: &Option<String>| {
        if target.is_none() {
            target.clone_from(value);
        }
    };
    fill(&mut person.unit, &other.unit);
    fill(&mut person.title, &other.title);
    let mut others = other.handles.clone();
    for (target, value) in person
        .handles
        .fields_mut()
        .into_iter()
        .zip(others.fields_mut())
    {
        fill(target, value);
    }
    *person != before
}
