//! `amb report digest`: a week's figures (`render::digest` writes them for the Teams channel).

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::db::report_pass;
use crate::db::reports::{self, Count};
use crate::error::invalid;

/// The figures of a period, its most active ambassadors and the hashtags to thank with.
#[derive(Serialize)]
pub struct Digest {
    since: NaiveDate,
    until: NaiveDate,
    #[serde(flatten)]
    figures: reports::Period,
    posts_by_channel: Vec<Count>,
    most_active: Vec<reports::PersonRank>,
    /// The hashtags of the programmes running at the end of the period.
    hashtags: Vec<String>,
}

/// The period a digest covers: `since` defaults to the six days before `until`.
pub fn period(
    since: Option<NaiveDate>,
    until: NaiveDate,
) -> anyhow::Result<(NaiveDate, NaiveDate)> {
    let since = since.unwrap_or(until - chrono::Duration::days(6));
    if until < since {
        return Err(invalid(format!(
            "--until {until} is before --since {since}"
        )));
    }
    Ok((since, until))
}

/// Computes the digest of `since`–`until`.
pub fn build(conn: &Connection, since: NaiveDate, until: NaiveDate) -> anyhow::Result<Digest> {
    let (figures, posts_by_channel) = report_pass::periods(conn, &[(since, until)])?
        .pop()
        .unwrap_or_default();
    Ok(Digest {
        since,
        until,
        figures,
        posts_by_channel,
        most_active: report_pass::leaderboard_people(conn, None, Some(since), Some(until), 3)?
            .into_iter()
            .filter(|p| p.posts > 0)
            .collect(),
        hashtags: crate::db::programs::all(conn)?
            .into_iter()
            .filter(|p| p.contains(until))
            .flat_map(|p| p.hashtags)
            .collect(),
    })
}
