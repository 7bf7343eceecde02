//! `amb report year`: a year's figures beside the year before.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use super::count_of;
use crate::db::{kpis, report_pass};
use crate::error::invalid;

/// Each measure of a year beside the year before, and the KPIs of both years.
#[derive(Serialize)]
pub struct YearReport {
    year: i32,
    previous_year: i32,
    /// Each measure in the year, the year before, and the change.
    measures: Vec<YearRow>,
    kpis: Vec<kpis::Kpi>,
}

/// A measure is an identifier a script can match (`posts`, `people_enrolled`); posts per
/// channel are `{"measure": "posts", "channel": "linkedin"}`.
#[derive(Serialize)]
struct YearRow {
    measure: &'static str,
    channel: Option<String>,
    this_year: i64,
    previous_year: i64,
    change: i64,
}

/// The first and last day of `year`; refuses a year outside 1900–2199.
pub fn bounds(year: i32) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, 1, 1);
    let last = NaiveDate::from_ymd_opt(year, 12, 31);
    first
        .zip(last)
        .filter(|_| (1900..=2199).contains(&year))
        .ok_or_else(|| invalid(format!("{year} is not a year to report on")))
}

/// Computes the report of `year` (checked with [`bounds`] first).
pub fn build(conn: &Connection, year: i32) -> anyhow::Result<YearReport> {
    let (from, to) = bounds(year)?;
    let (previous_from, previous_to) = bounds(year - 1)?;
    let mut both =
        report_pass::periods(conn, &[(from, to), (previous_from, previous_to)])?.into_iter();
    let (now, this_channels) = both.next().unwrap_or_default();
    let (before, previous_channels) = both.next().unwrap_or_default();
    let mut measures: Vec<(&'static str, Option<String>, i64, i64)> = vec![
        ("posts", None, now.posts, before.posts),
        ("shares", None, now.shares, before.shares),
        (
            "other_activities",
            None,
            now.other_activities,
            before.other_activities,
        ),
        (
            "ambassadors_posting",
            None,
            now.ambassadors_posting,
            before.ambassadors_posting,
        ),
        (
            "people_enrolled",
            None,
            now.people_enrolled,
            before.people_enrolled,
        ),
        ("trainings", None, now.trainings, before.trainings),
        (
            "points_earned",
            None,
            now.points_earned,
            before.points_earned,
        ),
    ];
    let mut channels: Vec<&str> = this_channels
        .iter()
        .chain(&previous_channels)
        .map(|c| c.key.as_str())
        .collect();
    channels.sort_unstable();
    channels.dedup();
    for channel in channels {
        measures.push((
            "posts",
            Some(channel.to_string()),
            count_of(&this_channels, channel),
            count_of(&previous_channels, channel),
        ));
    }
    let kpis = kpis::list(conn, None, None)?
        .into_iter()
        .filter(|k| k.date >= previous_from && k.date <= to)
        .collect();
    Ok(YearReport {
        year,
        previous_year: year - 1,
        measures: measures
            .into_iter()
            .map(|(measure, channel, this_year, previous_year)| YearRow {
                measure,
                channel,
                this_year,
                previous_year,
                change: this_year.saturating_sub(previous_year),
            })
            .collect(),
        kpis,
    })
}
