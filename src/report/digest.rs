//! `amb report digest`: a week's figures, and their Markdown for the Teams channel.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

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
    Ok(Digest {
        since,
        until,
        figures: reports::period(conn, since, until)?,
        posts_by_channel: reports::period_posts_by_channel(conn, since, until)?,
        most_active: reports::leaderboard_people(conn, None, Some(since), Some(until), 3)?
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

/// The digest as Markdown for the Teams channel.
pub fn markdown(digest: &Digest, organisation: &str) -> String {
    let f = &digest.figures;
    let mut text = format!("## Ambassadors {} – {}\n\n", digest.since, digest.until);
    if !organisation.is_empty() {
        text = format!(
            "## {organisation}: ambassadors {} – {}\n\n",
            digest.since, digest.until
        );
    }
    let channels: Vec<String> = digest
        .posts_by_channel
        .iter()
        .map(|c| format!("{} {}", c.key, c.count))
        .collect();
    text.push_str(&format!(
        "- **{}** hashtag posts by **{}** ambassadors{}\n",
        f.posts,
        f.ambassadors_posting,
        if channels.is_empty() {
            String::new()
        } else {
            format!(" ({})", channels.join(", "))
        }
    ));
    text.push_str(&format!(
        "- {} shares and {} other activities (visits, talks, articles…)\n",
        f.shares, f.other_activities
    ));
    if f.trainings > 0 {
        text.push_str(&format!("- {} training(s)\n", f.trainings));
    }
    text.push_str(&format!("- {} points earned\n", f.points_earned));
    if !digest.most_active.is_empty() {
        let names: Vec<String> = digest
            .most_active
            .iter()
            .map(|p| format!("{} ({} posts)", p.name, p.posts))
            .collect();
        text.push_str(&format!("- Most active: {}\n", names.join(", ")));
    }
    text.push_str(&format!(
        "\nThank you, everyone! {}\n",
        digest.hashtags.join(" ")
    ));
    text
}
