//! `amb kpi add|list|edit|remove`.

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
            // The value was checked (a finite number within bounds) as the line was parsed.
            let date = date.or(ctx.today);
            let (program, recorded, name) = write(ctx, Action::KpiAdd, |tx| {
                let program = current_program(tx, ctx, program.query())?;
                // "job applicants" beside "Job applicants" is the same series.
                let name = kpis::known_name(tx, &name)?.unwrap_or(name);
                let note = non_empty(note.as_deref());
                kpis::insert(tx, Some(program.id), &name, date, value, note.as_deref())?;
                let recorded = kpis::list(tx, Some(program.id), Some(&name))?;
                Ok((vec![("kpis_recorded", 1)], (program, recorded, name)))
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
        KpiCommand::Edit {
            id,
            name,
            value,
            date,
            note,
        } => {
            if name.is_none() && value.is_none() && date.is_none() && note.is_none() {
                return Err(invalid(
                    "nothing to change: give --name, --value, --date or --note",
                ));
            }
            let kpi = write(ctx, Action::KpiEdit, |tx| {
                let mut kpi = find(tx, id)?;
                if let Some(name) = name.as_deref() {
                    let name =
                        non_empty(Some(name)).ok_or_else(|| invalid("the KPI name is empty"))?;
                    kpi.name = kpis::known_name(tx, &name)?.unwrap_or(name);
                }
                kpi.value = value.unwrap_or(kpi.value);
                kpi.date = date.unwrap_or(kpi.date);
                if let Some(note) = note.as_deref() {
                    kpi.note = non_empty(Some(note));
                }
                kpis::update(tx, &kpi)?;
                Ok((vec![("kpis_changed", 1)], kpi))
            })?;
            ctx.note(format!("Changed KPI value {id}"));
            ctx.output().record(&kpi)
        }
        KpiCommand::Remove { id } => {
            let mut conn = ctx.open()?;
            let kpi = find(&*db::read(&mut conn)?, id)?;
            ctx.confirm(&format!(
                "Remove {} = {} on {} (KPI value {id})?",
                kpi.name, kpi.value, kpi.date
            ))?;
            let kpi = db::write_audited(&mut conn, Action::KpiRemove, |tx| {
                let kpi = find(tx, id)?;
                kpis::delete(tx, id)?;
                Ok((vec![("kpis_removed", 1)], kpi))
            })?;
            ctx.note(format!("Removed KPI value {id}"));
            ctx.output().record(&kpi)
        }
    }
}

/// The recorded KPI value `id`, or a refusal that says where to find ids.
fn find(conn: &rusqlite::Connection, id: i64) -> anyhow::Result<kpis::Kpi> {
    kpis::get(conn, id)?.ok_or_else(|| {
        crate::error::refuse(format!("there is no KPI value {id}"))
            .hint("`amb kpi list` shows the values with their ids")
            .into()
    })
}
