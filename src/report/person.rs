//! `amb report person`: one ambassador's record.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::config::Config;
use crate::db::activities::KindCount;
use crate::db::enrolments::{self, Enrolment};
use crate::db::people::Person;
use crate::db::reports;
use crate::db::swag;

/// A person with their points, tier, enrolments, activities and swag.
#[derive(Serialize)]
pub struct PersonReport {
    #[serde(flatten)]
    pub person: Person,
    balance: i64,
    earned: i64,
    redeemed: i64,
    tier: Option<String>,
    last_activity: Option<NaiveDate>,
    trainings_attended: i64,
    enrolments: Vec<Enrolment>,
    activities: Vec<KindCount>,
    swag: Vec<swag::Delivery>,
}

/// Computes the record of `person`, their tier by the configured tiers.
pub fn build(conn: &Connection, config: &Config, person: Person) -> anyhow::Result<PersonReport> {
    let balance = crate::db::points::balances(conn, Some(person.id))?
        .into_iter()
        .next()
        .unwrap_or_default();
    let (last_activity, trainings_attended) =
        reports::person_last_activity_and_attended(conn, person.id)?;
    Ok(PersonReport {
        balance: balance.balance,
        earned: balance.earned,
        redeemed: balance.redeemed,
        tier: config.tier(balance.earned).map(str::to_string),
        last_activity,
        trainings_attended,
        enrolments: enrolments::for_person(conn, person.id)?,
        activities: reports::person_activities(conn, person.id)?,
        swag: swag::deliveries(conn, Some(person.id))?,
        person,
    })
}
