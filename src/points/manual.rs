//! Points by hand: awards and redemptions, and reversing them. All in the caller's
//! transaction.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::rules::{AUTOMATIC_SOURCES, PointsRules};
use crate::db::points::{self, NewEntry, Reason};
use crate::domain::{ActivityId, EntryKind, PointsSource};
use crate::error::{invalid, refuse};

/// The most points one hand-written entry may hold: no sum of them can overflow.
pub const MAX_POINTS: i64 = crate::domain::POINTS.max;

/// Awards points by hand (`redeem: false`) or spends them on a reward (`redeem: true`,
/// refused beyond the balance unless the rules allow a negative one). Returns the entry id.
pub fn manual_entry(
    conn: &Connection,
    rules: &PointsRules,
    person: &crate::db::people::Person,
    amount: i64,
    text: &str,
    date: NaiveDate,
    redeem: bool,
) -> anyhow::Result<i64> {
    crate::domain::POINTS.check(amount).map_err(|why| {
        refuse(format!("the points: {why}"))
            .hint("to take points back, reverse the entry with `amb points reverse`")
    })?;
    let text = crate::text::non_empty(Some(text)).ok_or_else(|| {
        invalid(if redeem {
            "say what the reward is with --reward"
        } else {
            "say why with --reason"
        })
    })?;
    let balance = points::balance_of(conn, person.id)?;
    if redeem && amount > balance && !rules.allow_negative_balance {
        return Err(refuse(format!(
            "{} has {balance} points; {amount} cannot be redeemed",
            person.name
        ))
        .hint("set allow_negative_balance = true under [points] in the config to allow it")
        .into());
    }
    let (kind, source, amount) = if redeem {
        (EntryKind::Redemption, PointsSource::Redemption, -amount)
    } else {
        (EntryKind::Award, PointsSource::Manual, amount)
    };
    Ok(points::insert(
        conn,
        &NewEntry {
            person: person.id,
            program: crate::db::activities::program_on(conn, person.id, date)?,
            date,
            amount,
            kind,
            reason: Reason::Own(&text),
            source,
            activity: None,
            attendance: None,
            key: None,
            reverses: None,
        },
    )?)
}

/// Cancels a ledger entry with a new, opposite one. An entry can be reversed once, and a
/// reversal is not reversed. Returns the new entry's id.
pub fn reverse_entry(
    conn: &Connection,
    id: i64,
    reason: Option<&str>,
    today: NaiveDate,
) -> anyhow::Result<i64> {
    let entry = points::get(conn, id)?.ok_or_else(|| {
        refuse(format!("there is no ledger entry {id}")).hint("`amb points ledger` shows them")
    })?;
    if let Some(by) = entry.reversed_by {
        return Err(invalid(format!(
            "entry {id} was already reversed by entry {by}"
        )));
    }
    if entry.kind == EntryKind::Reversal {
        return Err(invalid(format!(
            "entry {id} is itself a reversal (of entry {}); record a new award or redemption instead",
            entry.reverses.unwrap_or_default()
        )));
    }
    if AUTOMATIC_SOURCES.contains(&entry.source) {
        return Err(refuse(format!("entry {id} follows the rules ({}); its points go when the activity is removed or the attendance changed, or the rules changed and rescored", entry.reason)).hint("for a one-off correction, award or redeem points by hand").into());
    }
    let reason = crate::text::non_empty(reason)
        .unwrap_or_else(|| format!("reversal of entry {id} ({})", entry.reason));
    Ok(points::insert(
        conn,
        &NewEntry {
            person: entry.person_id,
            program: entry.program_id,
            date: today,
            amount: -entry.amount,
            kind: EntryKind::Reversal,
            reason: Reason::Own(&reason),
            source: PointsSource::Reversal,
            activity: entry.activity_id.map(ActivityId),
            attendance: entry.attendance_id,
            key: None,
            reverses: Some(id),
        },
    )?)
}
