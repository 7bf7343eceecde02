//! `amb check`: silent with exit 0 when healthy; each problem named otherwise, also on a
//! damaged file (what cannot be checked is named too).

use crate::cli::CheckArgs;
use crate::context::Context;
use crate::db;
use crate::db::audit::Action;
use crate::error::{UserError, invalid};

pub fn run(ctx: &Context, args: CheckArgs) -> anyhow::Result<()> {
    if args.repair {
        repair(ctx)?;
    }
    let mut problems = Vec::new();
    let opened = ctx
        .open()
        .map_err(|err| db::trouble::explain(err, &ctx.db_path));
    let mut conn = match opened {
        Ok(conn) => conn,
        Err(err) => match err.downcast_ref::<UserError>() {
            Some(UserError::Damaged { why, .. }) => {
                problems.push(format!("file: {why}"));
                db::open_damaged(&ctx.db_path)?
            }
            _ => return Err(err),
        },
    };
    let tx = db::read(&mut conn)?;
    problems.extend(db::check::problems(&tx));
    if problems.is_empty() {
        // Only on a sound ledger: what a rescore under the current rules would change.
        match crate::points::rescore(&tx, &ctx.config.points) {
            Ok(rows) if !rows.is_empty() => problems.push(format!(
                "ledger: a rescore would change the points of {} person(s) and programme(s): the rules changed since they were paid (`amb points rescore` shows it, `--apply` settles it)",
                rows.len()
            )),
            Ok(_) => {}
            Err(err) => problems.push(format!("ledger: the rescore cannot be checked ({err})")),
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    let rescore_only = problems.len() == 1 && problems[0].starts_with("ledger: a rescore");
    let totals_only = problems
        .iter()
        .all(|p| p.starts_with("report totals:") || p.starts_with("points totals:"));
    let hint = if totals_only {
        "\n  hint: `amb check --repair` rebuilds the report totals from the activities and the ledger"
    } else if !rescore_only {
        "\n  hint: restore the database from a backup (amb does not repair a file); keep this one for a closer look"
    } else {
        ""
    };
    Err(invalid(format!(
        "{} has {} problem{}:\n  {}{hint}",
        ctx.db_path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        problems.join("\n  ")
    )))
}

/// Rebuilds the report totals when they differ from the activities or the ledger, in one
/// audited write.
fn repair(ctx: &Context) -> anyhow::Result<()> {
    let rebuilt = super::write(ctx, Action::CheckRepair, |tx| {
        let activities = db::activity_tally::problems(tx)?.len() as i64;
        if activities > 0 {
            db::activity_tally::rebuild(tx)?;
        }
        let points = db::points_tally::differences(tx)?.len() as i64;
        if points > 0 {
            db::points_tally::rebuild(tx)?;
        }
        let wrong = activities + points;
        let counts = if wrong > 0 {
            vec![("report_totals_rebuilt", wrong)]
        } else {
            Vec::new()
        };
        Ok((counts, wrong > 0))
    })?;
    if rebuilt {
        ctx.note("Rebuilt the report totals from the activities and the ledger.");
    }
    Ok(())
}
