//! The reports' activity figures from the tallies the schema keeps of the activities
//! (`activity_tally` per programme × month × kind × channel, `person_tally` per person ×
//! programme × year × kind × channel; migration 005, kept by triggers): a report reads
//! thousands of rows instead of every activity. A period that is not whole calendar years
//! is left to `report_pass`, which reads the activities and stays the reference.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, params};

use super::report_pass::{ActivityParts, Figures, ProgramActivity, Tally, people, text};
use super::reports::Period;
use crate::domain::{PersonId, ProgramId};

/// The activity sections of `program`'s report.
pub fn program_activity(
    conn: &Connection,
    program: ProgramId,
    top: i64,
) -> rusqlite::Result<ProgramActivity> {
    let people = people(conn)?;
    let mut parts = ActivityParts::default();
    let mut stmt = conn.prepare(
        "SELECT month, kind, channel, n, impressions, clicks, engagements
         FROM activity_tally WHERE program_id = ?1",
    )?;
    let mut rows = stmt.query([program])?;
    while let Some(row) = rows.next()? {
        let kind = text(row.get_ref(1)?).unwrap_or_default();
        let channel = text(row.get_ref(2)?).filter(|c| !c.is_empty());
        let n: i64 = row.get(3)?;
        if let Some(channel) = channel {
            if !parts.figures.contains_key(channel) {
                parts
                    .figures
                    .insert(channel.to_string(), Figures::default());
            }
            let f = parts.figures.get_mut(channel).expect("inserted above");
            f.impressions.add_kept(row.get_ref(4)?);
            f.clicks.add_kept(row.get_ref(5)?);
            f.engagements.add_kept(row.get_ref(6)?);
        }
        if kind != "post" {
            parts.other.add_n(Some(kind), n);
            continue;
        }
        parts.by_channel.add_n(channel, n);
        parts.by_month.add_n(text(row.get_ref(0)?), n);
    }
    let mut stmt = conn.prepare(
        "SELECT person_id, sum(n) FROM person_tally WHERE program_id = ?1 AND kind = 'post'
         GROUP BY person_id",
    )?;
    let mut rows = stmt.query([program])?;
    while let Some(row) = rows.next()? {
        let person: PersonId = row.get(0)?;
        if people.contains_key(&person) {
            parts.posts_of.insert(person, row.get(1)?);
        }
    }
    parts.sections(conn, program, &people, top)
}

/// The first and last year of `from..=to` when it is whole calendar years that a date
/// stored as text can hold (`None` for either bound leaves that side open).
fn whole_years(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Option<(Option<i32>, Option<i32>)> {
    let storable = |year: i32| (0..=9999).contains(&year);
    let first = match from {
        None => None,
        Some(day) if day.ordinal() == 1 && storable(day.year()) => Some(day.year()),
        Some(_) => return None,
    };
    let last = match to {
        None => None,
        Some(day) if day.month() == 12 && day.day() == 31 && storable(day.year()) => {
            Some(day.year())
        }
        Some(_) => return None,
    };
    Some((first, last))
}

/// Posts, shares, other activities and people posting, with posts per channel, of the
/// programmes' activities in each of `periods`; `None` unless each is whole years.
pub(super) fn period_activity(
    conn: &Connection,
    periods: &[(NaiveDate, NaiveDate)],
) -> rusqlite::Result<Option<Vec<(Period, Tally)>>> {
    let years: Option<Vec<(i32, i32)>> = periods
        .iter()
        .map(|(from, to)| match whole_years(Some(*from), Some(*to))? {
            (Some(first), Some(last)) => Some((first, last)),
            _ => None,
        })
        .collect();
    let Some(years) = years else {
        return Ok(None);
    };
    let mut out = vec![(Period::default(), Tally::default()); years.len()];
    let mut stmt = conn.prepare(
        "SELECT kind, channel, sum(n) FROM activity_tally
         WHERE program_id <> 0 AND month BETWEEN ?1 AND ?2 GROUP BY kind, channel",
    )?;
    for ((figures, channels), (first, last)) in out.iter_mut().zip(&years) {
        let mut rows = stmt.query(params![format!("{first:04}-01"), format!("{last:04}-12")])?;
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(2)?;
            match text(row.get_ref(0)?).unwrap_or_default() {
                "post" => {
                    figures.posts += n;
                    channels.add_n(text(row.get_ref(1)?).filter(|c| !c.is_empty()), n);
                }
                "share" => figures.shares += n,
                _ => figures.other_activities += n,
            }
        }
    }
    // A person's rows come together (the key starts with the person): each period counts a
    // person once, at the first of their rows it covers.
    let (Some(first), Some(last)) = (
        years.iter().map(|y| y.0).min(),
        years.iter().map(|y| y.1).max(),
    ) else {
        return Ok(Some(out));
    };
    let mut stmt = conn.prepare(
        "SELECT person_id, year FROM person_tally
         WHERE program_id <> 0 AND kind = 'post' AND year BETWEEN ?1 AND ?2 ORDER BY person_id",
    )?;
    let mut counted: Vec<Option<PersonId>> = vec![None; years.len()];
    let mut rows = stmt.query(params![first, last])?;
    while let Some(row) = rows.next()? {
        let (person, year): (PersonId, i32) = (row.get(0)?, row.get(1)?);
        for (i, (from, to)) in years.iter().enumerate() {
            if (*from..=*to).contains(&year) && counted[i] != Some(person) {
                counted[i] = Some(person);
                out[i].0.ambassadors_posting += 1;
            }
        }
    }
    Ok(Some(out))
}

/// Hashtag posts and all activities per person, in `program` or any, in `since..=until`;
/// `None` unless those are whole years (or open).
pub(super) fn leaderboard_activities(
    conn: &Connection,
    program: Option<ProgramId>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> rusqlite::Result<Option<HashMap<PersonId, (i64, i64)>>> {
    let Some((first, last)) = whole_years(since, until) else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT person_id, sum(n) FILTER (WHERE kind = 'post'), sum(n) FROM person_tally
         WHERE program_id <> 0 AND (?1 IS NULL OR program_id = ?1)
           AND (?2 IS NULL OR year >= ?2) AND (?3 IS NULL OR year <= ?3)
         GROUP BY person_id",
    )?;
    let rows = stmt.query_map(params![program, first, last], |row| {
        Ok((
            row.get(0)?,
            (row.get::<_, Option<i64>>(1)?.unwrap_or(0), row.get(2)?),
        ))
    })?;
    rows.collect::<rusqlite::Result<_>>().map(Some)
}

/// A tally's cells that differ from what the activities say, each as its key's values.
fn differing(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let columns = stmt.column_count();
    let rows = stmt.query_map([], |row| {
        let mut key = Vec::with_capacity(columns);
        for i in 0..columns {
            key.push(match row.get_ref(i)? {
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                _ => "none".to_string(),
            });
        }
        Ok(key.join(" "))
    })?;
    rows.collect()
}

/// A sum kept exact (an integer below 2^53), or NULL for one beyond exact.
const EXACT: &str = "CASE WHEN typeof({0}) = 'integer' AND {0} < 9007199254740992 THEN {0} END";

/// How many cells of a problem are named before the rest are counted.
const NAMED: usize = 3;

/// Where the tallies differ from the activities they are kept from, one sentence per tally.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let sums = ["impressions", "clicks", "engagements"]
        .map(|column| EXACT.replace("{0}", column))
        .join(", ");
    let activity =
        format!("SELECT program_id, month, kind, channel, n, {sums} FROM activity_tally");
    let source = activity.replace("FROM activity_tally", "FROM activity_tally_source");
    let person = "SELECT person_id, program_id, year, kind, channel, n FROM person_tally";
    let person_source = person.replace("FROM person_tally", "FROM person_tally_source");
    let checks = [
        (
            format!(
                "SELECT program_id, month, kind, channel FROM ({activity} EXCEPT {source})
                 UNION SELECT program_id, month, kind, channel FROM ({source} EXCEPT {activity})"
            ),
            "the report totals kept per programme, month, kind and channel",
        ),
        (
            format!(
                "SELECT person_id, program_id, year, kind, channel FROM ({person} EXCEPT {person_source})
                 UNION SELECT person_id, program_id, year, kind, channel FROM ({person_source} EXCEPT {person})"
            ),
            "the activity counts kept per person, programme, year, kind and channel",
        ),
    ];
    let mut problems = Vec::new();
    for (sql, what) in checks {
        let cells = differing(conn, &sql)?;
        if cells.is_empty() {
            continue;
        }
        let mut named = cells[..cells.len().min(NAMED)].join("; ");
        if cells.len() > NAMED {
            named.push_str(&format!("; and {} more", cells.len() - NAMED));
        }
        problems.push(format!(
            "report totals: {what} differ from the activities at {named}"
        ));
    }
    Ok(problems)
}

/// Rebuilds both tallies from the activities.
pub fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute_batch(
        "DELETE FROM activity_tally;
         INSERT INTO activity_tally SELECT * FROM activity_tally_source;
         DELETE FROM person_tally;
         INSERT INTO person_tally SELECT * FROM person_tally_source;",
    )
}
