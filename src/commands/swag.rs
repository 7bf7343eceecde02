//! `amb swag stock|deliver|return|list|pending`.

use super::{current_program, optional_person, write};
use crate::cli::{SwagCommand, SwagDeliverArgs, SwagStockCommand};
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::{self, people, swag};
use crate::error::invalid;
use crate::service::swag::{self as rules, NewDelivery};
use chrono::NaiveDate;

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
        SwagCommand::Return { delivery, date } => {
            return_delivery(ctx, delivery, date.or(ctx.today))
        }
        SwagCommand::List { person } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let person = optional_person(&tx, person.as_deref())?;
            ctx.output()
                .short(&[
                    "id",
                    "person",
                    "package",
                    "program",
                    "status",
                    "delivered_on",
                ])
                .list(&swag::deliveries(&tx, person)?)
        }
        SwagCommand::Pending { program } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = current_program(&tx, ctx, program.query())?;
            ctx.output().list(&swag::pending(
                &tx,
                program.id,
                ctx.config.swag_each_cohort,
            )?)
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
    let package = write(ctx, Action::SwagStockAdd, |tx| {
        let package = swag::add_stock(tx, package, i64::from(count))?;
        Ok((vec![("packages_added", i64::from(count))], package))
    })?;
    ctx.note(format!("{}: {} in stock", package.name, package.stock));
    ctx.output().record(&package)
}

fn deliver(ctx: &Context, args: SwagDeliverArgs) -> anyhow::Result<()> {
    let date = args.date.or(ctx.today);
    let new = NewDelivery {
        program: args.program.as_deref(),
        package: args.package.as_deref(),
        date,
        again: args.again,
        note: args.note.as_deref(),
    };
    let (person, package, delivery) = write(ctx, Action::SwagDeliver, |tx| {
        let person = people::resolve(tx, &args.person)?;
        let (package, delivery) = rules::deliver(tx, &person, &new)?;
        Ok((vec![("packages_delivered", 1)], (person, package, delivery)))
    })?;
    ctx.note(format!(
        "Delivered a {} to {} on {date}; {} left in stock",
        package.name,
        person.name,
        package.stock - 1
    ));
    ctx.output().record(&delivery)
}

fn return_delivery(ctx: &Context, id: i64, date: NaiveDate) -> anyhow::Result<()> {
    let delivery = write(ctx, Action::SwagReturn, |tx| {
        let delivery = rules::return_delivery(tx, id, date)?;
        Ok((vec![("packages_returned", 1)], delivery))
    })?;
    ctx.note(format!("Delivery {id} returned to stock"));
    ctx.output().record(&delivery)
}
