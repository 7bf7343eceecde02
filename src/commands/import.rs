//! `amb import list|undo`.

use crate::cli::ImportCommand;
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::{self, imports};
use crate::error::{invalid, refuse};

pub fn run(ctx: &Context, command: ImportCommand) -> anyhow::Result<()> {
    match command {
        ImportCommand::List => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output()
                .short(&[
                    "id",
                    "file",
                    "format",
                    "person",
                    "imported_at",
                    "added",
                    "rejected",
                    "undone_at",
                ])
                .list(&imports::list(&tx)?)
        }
        ImportCommand::Undo { batch, dry_run } => undo(ctx, batch, dry_run),
    }
}

fn undo(ctx: &Context, id: i64, dry_run: bool) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    // Ask before taking the write lock, so that nobody waits on the answer.
    let batch = imports::get(&*db::read(&mut conn)?, id)?.ok_or_else(|| {
        refuse(format!("there is no import batch {id}")).hint("`amb import list` shows them")
    })?;
    if let Some(when) = &batch.undone_at {
        return Err(invalid(format!(
            "import batch {id} was already undone at {when}"
        )));
    }
    if !dry_run {
        ctx.confirm(&format!(
            "Undo import batch {id} ({}) and remove its {} activities?",
            batch.file, batch.activities
        ))?;
    }
    let undone = db::write_audited_or_rollback(&mut conn, Action::ImportUndo, dry_run, |tx| {
        let people = imports::people_of(tx, id)?;
        let what = format!("import batch {id} was undone");
        let (reversed, removed) =
            crate::points::settle(tx, &ctx.config.points, &people, ctx.today, &what, || {
                let reversed = crate::points::reverse_batch(tx, id, ctx.today)?;
                Ok((reversed, imports::undo(tx, id)?))
            })?;
        let counts = vec![
            ("activities_removed", removed as i64),
            ("awards_reversed", reversed as i64),
        ];
        Ok((counts, (removed, reversed, imports::get(tx, id)?)))
    })?;
    let (removed, reversed, batch) = undone;
    if dry_run {
        ctx.note(format!(
            "Dry run: undoing import batch {id} would remove {removed} activities and reverse {reversed} awards; nothing was written (leave out --dry-run to undo it)"
        ));
    } else {
        ctx.note(format!(
            "Undid import batch {id}: {removed} activities removed"
        ));
    }
    ctx.output().record(&batch)
}
