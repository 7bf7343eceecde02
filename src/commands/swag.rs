//! `amb swag stock|deliver|return|list|pending`.

use super::{current_program, date_or_today, optional_person};
use crate::cli::{SwagCommand, SwagDeliverArgs, SwagStockCommand};
use crate::context::Context;
use crate::db::{self, people, swag};
use crate::db::{activities, programs};
use crate::error::invalid;

pub fn run(ctx: &Context, command: SwagCommand) -> anyhow::Result<()> {
    match command {
        SwagCommand::Stock(SwagStockCommand::Add { package, count }) => {
            add_stock(ctx, &package, count)
        }
        SwagCommand::Stock(SwagStockCommand::List) => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output().list(&swag::packages(&tx)?)
        }
        SwagCommand::Deliver(args) => deliver(ctx, args),
        SwagCommand::Return { delivery, date } => return_delivery(ctx, delivery, date.as_deref()),
        SwagCommand::List { person } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let person = optional_person(&tx, person.as_deref())?;
            ctx.output().list(&swag::deliveries(&tx, person)?)
        }
        SwagCommand::Pending { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = current_program(&tx, ctx, program.as_deref())?;
            ctx.output().list(&swag::pending(&tx, program.id)?)
        }
    }
}

fn add_stock(ctx: &Context, package: &str, count: u32) -> anyhow::Result<()> {
    if package.trim().is_empty() {
        return Err(invalid("the package name is empty"));
    }
    if count == 0 {
        return Err(invalid("add at least one package"));
    }
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let package = swag::add_stock(&tx, package, i64::from(count))?;
    db::audit::record(
        &tx,
        "swag stock add",
        &[("packages_added", i64::from(count))],
    )?;
    tx.commit()?;
    ctx.note(format!("{}: {} in stock", package.name, package.stock));
    ctx.output().record(&package)
}

fn deliver(ctx: &Context, args: SwagDeliverArgs) -> anyhow::Result<()> {
    let date = date_or_today(ctx, args.date.as_deref())?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let person = people::resolve(&tx, &args.person)?;
    // The package is for the programme the person is an ambassador of on the day.
    let enrolled_in = activities::program_on(&tx, person.id, date)?;
    let program = match (args.program.as_deref(), enrolled_in) {
        (Some(query), enrolled_in) => {
            let program = programs::resolve(&tx, query)?;
            if enrolled_in != Some(program.id) {
                return Err(invalid(format!(
                    "{} was not an ambassador of {} on {date}",
                    person.name, program.name
                )));
            }
            program
        }
        (None, Some(id)) => programs::get(&tx, id)?,
        (None, None) => {
            return Err(invalid(format!(
                "{} was not enrolled in any programme on {date}; swag packages go to ambassadors\n  hint: check the date, or enrol them first",
                person.name
            )));
        }
    };
    let package = match args.package.as_deref() {
        Some(name) => swag::find_package(&tx, name)?.ok_or_else(|| {
            invalid(format!(
                "there is no package kind \"{name}\"\n  hint: `amb swag stock list` shows them; `amb swag stock add` adds one"
            ))
        })?,
        None => {
            let mut all = swag::packages(&tx)?;
            match all.len() {
                1 => all.remove(0),
                0 => {
                    return Err(invalid(
                        "there are no swag packages yet\n  hint: add stock with `amb swag stock add PACKAGE N`",
                    ));
                }
                _ => {
                    let names: Vec<&str> = all.iter().map(|p| p.name.as_str()).collect();
                    return Err(invalid(format!(
                        "there are several package kinds ({}); choose one with --package",
                        names.join(", ")
                    )));
                }
            }
        }
    };
    if !args.again
        && let Some(held) = swag::holding(&tx, person.id, package.id, program.id)?
    {
        return Err(invalid(format!(
            "{} already has a {} from {} (delivery {} on {})\n  hint: pass --again to deliver another one",
            person.name, package.name, program.name, held.id, held.delivered_on
        )));
    }
    if package.stock < 1 {
        return Err(invalid(format!(
            "no {} left in stock (stock {}, {} delivered)\n  hint: add stock with `amb swag stock add \"{}\" N`",
            package.name, package.stock, package.delivered, package.name
        )));
    }
    let note = crate::text::non_empty(args.note.as_deref());
    let id = swag::deliver(
        &tx,
        person.id,
        package.id,
        Some(program.id),
        date,
        note.as_deref(),
    )?;
    db::audit::record(&tx, "swag deliver", &[("packages_delivered", 1)])?;
    let delivery = swag::delivery(&tx, id)?;
    tx.commit()?;
    ctx.note(format!(
        "Delivered a {} to {} on {date}; {} left in stock",
        package.name,
        person.name,
        package.stock - 1
    ));
    ctx.output().record(&delivery)
}

fn return_delivery(ctx: &Context, id: i64, date: Option<&str>) -> anyhow::Result<()> {
    let date = date_or_today(ctx, date)?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let delivery = swag::delivery(&tx, id)?.ok_or_else(|| {
        invalid(format!(
            "there is no delivery {id}\n  hint: `amb swag list` shows the deliveries"
        ))
    })?;
    if let Some(returned) = delivery.returned_on {
        return Err(invalid(format!(
            "delivery {id} ({} to {}) was already returned on {returned}",
            delivery.package, delivery.person
        )));
    }
    if date < delivery.delivered_on {
        return Err(invalid(format!(
            "delivery {id} was delivered on {}; it cannot come back on {date}",
            delivery.delivered_on
        )));
    }
    swag::return_delivery(&tx, id, date)?;
    db::audit::record(&tx, "swag return", &[("packages_returned", 1)])?;
    let delivery = swag::delivery(&tx, id)?;
    tx.commit()?;
    ctx.note(format!("Delivery {id} returned to stock"));
    ctx.output().record(&delivery)
}
