//! `amb check`: silent with exit 0 when healthy; each problem named otherwise.

use crate::context::Context;
use crate::db;
use crate::error::invalid;

pub fn run(ctx: &Context) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let problems = db::check::problems(&tx)?;
    if problems.is_empty() {
        return Ok(());
    }
    Err(invalid(format!(
        "{} has {} problem{}:\n  {}",
        ctx.db_path.display(),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" },
        problems.join("\n  ")
    )))
}
