//! `amb points award|redeem|reverse|balance|ledger|rescore`.

use super::{optional_person, write};
use crate::cli::PointsCommand;
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::points;
use crate::db::{self, people};
use crate::output::OutputFormat;
use chrono::NaiveDate;

pub fn run(ctx: &Context, command: PointsCommand) -> anyhow::Result<()> {
    match command {
        PointsCommand::Award {
            person,
            points,
            reason,
            date,
        } => manual(ctx, &person, points, &reason, date.or(ctx.today), false),
        PointsCommand::Redeem {
            person,
            points,
            reward,
            date,
        } => manual(ctx, &person, points, &reward, date.or(ctx.today), true),
        PointsCommand::Reverse { entry, reason } => reverse(ctx, entry, reason.as_deref()),
        PointsCommand::Balance { person } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let person = optional_person(&tx, person.as_deref())?;
            let mut balances = points::balances(&tx, person)?;
            for balance in &mut balances {
                balance.tier = ctx.config.tier(balance.earned).map(str::to_string);
            }
            match person {
                Some(_) => ctx.output().record(&balances[0]),
                None => ctx.output().list(&balances),
            }
        }
        PointsCommand::Ledger { person, since } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let person = optional_person(&tx, person.as_deref())?;
            let mut output = ctx
                .output()
                .short(&["id", "date", "person", "amount", "kind", "reason"]);
            output.list(&points::ledger(&tx, person, since)?)?;
            // The anchor a later `amb check` can be held against; machine formats keep
            // their shape, so it goes to stderr there.
            let head = points::head(&tx)?;
            let line = format!("Ledger head: entry {}, sha256 {}", head.entry, head.hash);
            match output.format() {
                OutputFormat::Table | OutputFormat::Md => output.text(&format!("\n{line}\n")),
                _ => {
                    ctx.note(line);
                    Ok(())
                }
            }
        }
        PointsCommand::Rescore { apply } => rescore(ctx, apply),
    }
}

fn manual(
    ctx: &Context,
    query: &str,
    amount: i64,
    text: &str,
    date: NaiveDate,
    redeem: bool,
) -> anyhow::Result<()> {
    let action = if redeem {
        Action::PointsRedeem
    } else {
        Action::PointsAward
    };
    let what = if redeem { "a redemption" } else { "an award" };
    crate::dates::refuse_after_today(date, ctx.today, what, None)?;
    let (person, entry, balance) = write(ctx, action, |tx| {
        let person = people::resolve(tx, query)?;
        let id = crate::points::manual_entry(
            tx,
            &ctx.config.points,
            &person,
            amount,
            text,
            date,
            redeem,
        )?;
        let entry = points::get(tx, id)?;
        let balance = points::balance_of(tx, person.id)?;
        Ok((vec![("entries", 1)], (person, entry, balance)))
    })?;
    ctx.note(format!("{}: balance {balance}", person.name));
    ctx.output().record(&entry)
}

fn reverse(ctx: &Context, id: i64, reason: Option<&str>) -> anyhow::Result<()> {
    let (created, balance) = write(ctx, Action::PointsReverse, |tx| {
        let new = crate::points::reverse_entry(tx, id, reason, ctx.today)?;
        let created = points::get(tx, new)?;
        let balance = created
            .as_ref()
            .map(|e| points::balance_of(tx, e.person_id))
            .transpose()?
            .unwrap_or_default();
        Ok((vec![("entries", 1)], (created, balance)))
    })?;
    ctx.note(format!("Reversed entry {id}; the balance is now {balance}"));
    ctx.output().record(&created)
}

fn rescore(ctx: &Context, apply: bool) -> anyhow::Result<()> {
    if apply {
        // Ask before taking the write lock, so that nobody waits on the answer.
        let rows = crate::points::rescore(&*db::read(&mut ctx.open()?)?, &ctx.config.points)?;
        if !rows.is_empty() {
            let people: std::collections::HashSet<_> = rows.iter().map(|r| r.person_id).collect();
            ctx.confirm(&format!(
                "Write {} adjustment entries for {} people?",
                rows.len(),
                people.len()
            ))?;
        }
    }
    // Without --apply the transaction only reads: roll it back.
    let rescoring =
        db::write_audited_or_rollback(&mut ctx.open()?, Action::PointsRescore, !apply, |tx| {
            let rows = crate::points::rescore(tx, &ctx.config.points)?;
            if apply && !rows.is_empty() {
                let written = crate::points::apply_rescore(tx, &rows, ctx.today)?;
                Ok((vec![("adjustments", written as i64)], (rows, Some(written))))
            } else {
                // Nothing written, nothing to audit.
                Ok((Vec::new(), (rows, None)))
            }
        });
    let (rows, written) = rescoring?;
    if let Some(written) = written {
        ctx.note(format!("Wrote {written} adjustment entries"));
    } else if rows.is_empty() {
        ctx.note("Nothing to do: the points stand as the current rules give them");
    } else {
        ctx.note("Run with --apply to write these as adjustment entries");
    }
    ctx.output().list(&rows)
}
