//! Rescoring: bringing the automatic points in line with the rules in force, after the
//! rules changed (`rescore`, `apply_rescore`) or after a change to activities or attendance
//! (`settle`). History is never rewritten: differences become adjustment entries.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::rules::PointsRules;
pub use crate::db::points::Rescore;
use crate::db::points::{self, NewEntry, Reason};
use crate::domain::{EntryKind, PersonId, PointsSource, ProgramId};

/// Compares, person by person and programme by programme, the points the current rules
/// give every recorded activity and attendance with the automatic points that stand
/// (awards, their reversals and earlier rescores). Only differences are returned.
pub fn rescore(conn: &Connection, rules: &PointsRules) -> rusqlite::Result<Vec<Rescore>> {
    rescore_of(conn, rules, None)
}

/// [`rescore`] of one person only (every row, differences or not), or of everyone.
fn rescore_all_rows(
    conn: &Connection,
    rules: &PointsRules,
    person: Option<PersonId>,
) -> rusqlite::Result<Vec<Rescore>> {
    points::rescore(
        conn,
        rules,
        rules.no_points_before_first_training,
        rules.training_attended,
        person,
    )
}

fn rescore_of(
    conn: &Connection,
    rules: &PointsRules,
    person: Option<PersonId>,
) -> rusqlite::Result<Vec<Rescore>> {
    let mut rows = rescore_all_rows(conn, rules, person)?;
    rows.retain(|row| row.difference != 0);
    Ok(rows)
}

/// Makes a change to activities or attendance (`change`), then recalculates the points of
/// the people it touches so that the change has its full effect under the rules in force:
/// a removed post takes back its share of earlier rescores, a post a cap held back is paid
/// when an earlier one goes, and so on. A difference the rules had before the change (rules
/// changed but not yet rescored) is left for `amb points rescore`.
pub fn settle<T>(
    conn: &Connection,
    rules: &PointsRules,
    people: &[PersonId],
    today: NaiveDate,
    what: &str,
    change: impl FnOnce() -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let differences = |conn: &Connection| -> rusqlite::Result<Vec<Rescore>> {
        let mut all = Vec::new();
        for person in people {
            all.extend(rescore_all_rows(conn, rules, Some(*person))?);
        }
        Ok(all)
    };
    let before = differences(conn)?;
    let result = change()?;
    let after = differences(conn)?;
    // Every person and programme seen before or after (a change can empty either side).
    let mut keys: Vec<(PersonId, Option<ProgramId>)> = before
        .iter()
        .chain(&after)
        .map(|r| (r.person_id, r.program_id))
        .collect();
    keys.sort();
    keys.dedup();
    let difference = |rows: &[Rescore], key: (PersonId, Option<ProgramId>)| {
        rows.iter()
            .find(|r| (r.person_id, r.program_id) == key)
            .map_or(0, |r| r.difference)
    };
    for key in keys {
        let amount = difference(&after, key).saturating_sub(difference(&before, key));
        if amount != 0 {
            let reason = format!("recalculated after {what}");
            points::insert(conn, &rescore_entry(key.0, key.1, today, amount, &reason))?;
        }
    }
    Ok(result)
}

/// Writes each difference as one adjustment entry (history is never rewritten).
pub fn apply_rescore(
    conn: &Connection,
    rows: &[Rescore],
    today: NaiveDate,
) -> rusqlite::Result<usize> {
    for row in rows {
        let reason = format!(
            "rescore: the rules now give {} instead of {}",
            row.expected, row.awarded
        );
        let entry = rescore_entry(
            row.person_id,
            row.program_id,
            today,
            row.difference,
            &reason,
        );
        points::insert(conn, &entry)?;
    }
    Ok(rows.len())
}

/// An adjustment that brings a person's automatic points in line with the rules.
fn rescore_entry(
    person: PersonId,
    program: Option<ProgramId>,
    date: NaiveDate,
    amount: i64,
    reason: &str,
) -> NewEntry<'_> {
    NewEntry {
        person,
        program,
        date,
        amount,
        kind: EntryKind::Adjustment,
        reason: Reason::Own(reason),
        source: PointsSource::Rescore,
        activity: None,
        attendance: None,
        key: None,
        reverses: None,
    }
}
