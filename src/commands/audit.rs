//! `amb audit`: what changed, when and by whom (no personal data).

use crate::cli::AuditArgs;
use crate::context::Context;
use crate::db;

pub fn run(ctx: &Context, args: AuditArgs) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let entries = db::audit::recent(&tx, args.limit.max(0))?;
    ctx.output()
        .short(&["id", "at", "os_user", "command", "counts"])
        .list(&entries)
}
