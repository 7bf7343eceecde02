//! Swag packages: which programme a delivery is for, which package, and returns.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::people::Person;
use crate::db::swag::{self, Delivery, Package};
use crate::db::{activities, programs};
use crate::error::{invalid, refuse};

/// A delivery to make.
#[derive(Debug)]
pub struct NewDelivery<'a> {
    /// `--program`: the programme the person must be an ambassador of on the day.
    pub program: Option<&'a str>,
    /// `--package`: needed when there are several kinds.
    pub package: Option<&'a str>,
    pub date: NaiveDate,
    /// Deliver even when the person already holds one from the programme.
    pub again: bool,
    pub note: Option<&'a str>,
}

/// Delivers a package to an ambassador; returns the package as it was before and the
/// delivery made.
pub fn deliver(
    conn: &Connection,
    person: &Person,
    new: &NewDelivery<'_>,
) -> anyhow::Result<(Package, Option<Delivery>)> {
    let date = new.date;
    // The package is for the programme the person is an ambassador of on the day.
    let enrolled_in = activities::program_on(conn, person.id, date)?;
    let program = match (new.program, enrolled_in) {
        (Some(query), enrolled_in) => {
            let program = programs::resolve(conn, query)?;
            if enrolled_in != Some(program.id) {
                return Err(invalid(format!(
                    "{} was not an ambassador of {} on {date}",
                    person.name, program.name
                )));
            }
            program
        }
        (None, Some(id)) => programs::get(conn, id)?,
        (None, None) => {
            return Err(refuse(format!(
                "{} was not enrolled in any programme on {date}; swag packages go to ambassadors",
                person.name
            ))
            .hint("check the date, or enrol them first")
            .into());
        }
    };
    let package = match new.package {
        Some(name) => swag::find_package(conn, name)?.ok_or_else(|| {
            refuse(format!("there is no package kind \"{name}\""))
                .hint("`amb swag stock list` shows them; `amb swag stock add` adds one")
        })?,
        None => {
            let mut all = swag::packages(conn)?;
            match all.len() {
                1 => all.remove(0),
                0 => {
                    return Err(refuse("there are no swag packages yet")
                        .hint("add stock with `amb swag stock add PACKAGE N`")
                        .into());
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
    if !new.again
        && let Some(held) = swag::holding(conn, person.id, package.id, program.id)?
    {
        return Err(refuse(format!(
            "{} already has a {} from {} (delivery {} on {})",
            person.name, package.name, program.name, held.id, held.delivered_on
        ))
        .hint("pass --again to deliver another one")
        .into());
    }
    if package.stock < 1 {
        return Err(refuse(format!(
            "no {} left in stock (stock {}, {} delivered)",
            package.name, package.stock, package.delivered
        ))
        .hint(format!(
            "add stock with `amb swag stock add \"{}\" N`",
            package.name
        ))
        .into());
    }
    let note = crate::text::non_empty(new.note);
    let id = swag::deliver(
        conn,
        person.id,
        package.id,
        Some(program.id),
        date,
        note.as_deref(),
    )?;
    let delivery = swag::delivery(conn, id)?;
    Ok((package, delivery))
}

/// Takes a delivery back into stock on `date`.
pub fn return_delivery(
    conn: &Connection,
    id: i64,
    date: NaiveDate,
) -> anyhow::Result<Option<Delivery>> {
    let delivery = swag::delivery(conn, id)?.ok_or_else(|| {
        refuse(format!("there is no delivery {id}")).hint("`amb swag list` shows the deliveries")
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
    swag::return_delivery(conn, id, date)?;
    Ok(swag::delivery(conn, id)?)
}
