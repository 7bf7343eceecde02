//! `amb kpi add|list`.

use super::{current_program, optional_program, write};
use crate::cli::KpiCommand;
use crate::context::Context;
use crate::db::audit::Action;
use crate::db::{self, kpis};
use crate::error::invalid;
use crate::text::non_empty;

pub fn run(ctx: &Context, command: KpiCommand) -> anyhow::Result<()> {
    match command {
        KpiCommand::Add {
            name,
            value,
            date,
            program,
            note,
        } => {
            let name = non_empty(Some(&name)).ok_or_else(|| invalid("the KPI name is empty"))?;
            let value = crate::domain::check_kpi_value(value).map_err(invalid)?;
            let date = date.or(ctx.today);
            let (program, recorded) = write(ctx, Action::KpiAdd, |tx| {
                let program = current_program(tx, ctx, program.query())?;
                let note = non_empty(note.as_deref());
                kpis::insert(tx, Some(program.id), &name, date, value, note.as_deref())?;
                let recorded = kpis::list(tx, Some(program.id), Some(&name))?;
                Ok((vec![("kpis_recorded", 1)], (program, recorded)))
            })?;
            ctx.note(format!(
                "Recorded {name} = {value} on {date} for {}",
                program.name
            ));
            ctx.output().list(&recorded)
        }
        KpiCommand::List { program, name } => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            let program = optional_program(&tx, program.query())?;
            ctx.output()
                .list(&kpis::list(&tx, program, name.as_deref())?)
        }
    }
}
