//! `amb points award|redeem|reverse|balance|ledger|rescore`.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::{date_or_today, optional_person};
use crate::cli::PointsCommand;
use crate::context::Context;
use crate::db::points::{self, Balance, NewEntry};
use crate::db::{self, activities, people};
use crate::domain::{EntryKind, PersonId, PointsSource, ProgramId};
use crate::error::invalid;

pub fn run(ctx: &Context, command: PointsCommand) -> anyhow::Result<()> {
    match command {
        PointsCommand::Award {
            person,
            points,
            reason,
            date,
        } => manual(ctx, &person, points, &reason, date.as_deref(), false),
        PointsCommand::Redeem {
            person,
            points,
            reward,
            date,
        } => manual(ctx, &person, points, &reward, date.as_deref(), true),
        PointsCommand::Reverse { entry, reason } => reverse(ctx, entry, reason.as_deref()),
        PointsCommand::Balance { person } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let person = optional_person(&tx, person.as_deref())?;
            let mut balances = points::balances(&tx, person)?;
            if let Some(id) = person
                && balances.is_empty()
            {
                // Someone without any entry still has a balance: zero.
                let found = people::get(&tx, id)?;
                balances.push(Balance {
                    person_id: id,
                    name: found.name,
                    ..Balance::default()
                });
            }
            for balance in &mut balances {
                balance.tier = ctx.config.tier(balance.earned).map(str::to_string);
            }
            match person {
                Some(_) => ctx.output().record(&balances[0]),
                None => ctx.output().list(&balances),
            }
        }
        PointsCommand::Ledger { person, since } => {
            let since = since.as_deref().map(crate::dates::parse).transpose()?;
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let person = optional_person(&tx, person.as_deref())?;
            ctx.output().list(&points::ledger(&tx, person, since)?)
        }
        PointsCommand::Rescore { apply } => rescore(ctx, apply),
    }
}

/// The programme a manual entry belongs to: the one the person is enrolled in on its date.
fn program_of(
    conn: &Connection,
    person: PersonId,
    date: NaiveDate,
) -> anyhow::Result<Option<ProgramId>> {
    Ok(activities::program_on(conn, person, date)?)
}

fn manual(
    ctx: &Context,
    query: &str,
    amount: i64,
    text: &str,
    date: Option<&str>,
    redeem: bool,
) -> anyhow::Result<()> {
    if amount <= 0 {
        return Err(invalid(format!(
            "the points must be more than 0 (got {amount}); to take points back, reverse the entry"
        )));
    }
    let text = crate::text::non_empty(Some(text)).ok_or_else(|| {
        invalid(if redeem {
            "say what the reward is with --reward"
        } else {
            "say why with --reason"
        })
    })?;
    let date = date_or_today(ctx, date)?;
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let person = people::resolve(&tx, query)?;
    let balance = points::balance_of(&tx, person.id)?;
    if redeem && amount > balance && !ctx.config.points.allow_negative_balance {
        return Err(invalid(format!(
            "{} has {balance} points; {amount} cannot be redeemed\n  hint: set allow_negative_balance = true under [points] in the config to allow it",
            person.name
        )));
    }
    let (kind, source, amount) = if redeem {
        (EntryKind::Redemption, PointsSource::Redemption, -amount)
    } else {
        (EntryKind::Award, PointsSource::Manual, amount)
    };
    let id = points::insert(
        &tx,
        &NewEntry {
            person: person.id,
            program: program_of(&tx, person.id, date)?,
            date,
            amount,
            kind,
            reason: &text,
            source,
            activity: None,
            attendance: None,
            key: None,
            reverses: None,
        },
    )?;
    db::audit::record(
        &tx,
        if redeem {
            "points redeem"
        } else {
            "points award"
        },
        &[("entries", 1)],
    )?;
    let entry = points::get(&tx, id)?;
    let balance = points::balance_of(&tx, person.id)?;
    tx.commit()?;
    ctx.note(format!(
        "{}: {amount:+} points; balance {balance}",
        person.name
    ));
    ctx.output().record(&entry)
}

fn reverse(ctx: &Context, id: i64, reason: Option<&str>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let entry = points::get(&tx, id)?.ok_or_else(|| {
        invalid(format!(
            "there is no ledger entry {id}\n  hint: `amb points ledger` shows them"
        ))
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
    let reason = crate::text::non_empty(reason)
        .unwrap_or_else(|| format!("reversal of entry {id} ({})", entry.reason));
    let new = points::insert(
        &tx,
        &NewEntry {
            person: entry.person_id,
            program: None,
            date: ctx.today,
            amount: -entry.amount,
            kind: EntryKind::Reversal,
            reason: &reason,
            source: PointsSource::Reversal,
            activity: entry.activity_id.map(crate::domain::ActivityId),
            attendance: entry.attendance_id,
            key: None,
            reverses: Some(id),
        },
    )?;
    db::audit::record(&tx, "points reverse", &[("entries", 1)])?;
    let created = points::get(&tx, new)?;
    let balance = points::balance_of(&tx, entry.person_id)?;
    tx.commit()?;
    ctx.note(format!(
        "Reversed entry {id} ({:+}); {}'s balance is {balance}",
        entry.amount, entry.person
    ));
    ctx.output().record(&created)
}

fn rescore(ctx: &Context, apply: bool) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let rows = crate::points::rescore(&tx, &ctx.config.points)?;
    if apply && !rows.is_empty() {
        let written = crate::points::apply_rescore(&tx, &rows, ctx.today)?;
        db::audit::record(&tx, "points rescore", &[("adjustments", written as i64)])?;
        tx.commit()?;
        ctx.note(format!("Wrote {written} adjustment entries"));
    } else {
        drop(tx);
        if rows.is_empty() {
            ctx.note("Nothing to do: the points stand as the current rules give them");
        } else {
            ctx.note("Run with --apply to write these as adjustment entries");
        }
    }
    ctx.output().list(&rows)
}
