//! `amb export TABLE|all`: CSV or JSON, streamed; a file is written beside its target and
//! renamed into place (mode 0600), so a reader never sees half of it.

use std::io::Write;

use rusqlite::Connection;

use crate::cli::ExportArgs;
use crate::context::Context;
use crate::db;
use crate::error::invalid;
use crate::fs::{refuse_overwriting_database, write_atomically, write_folder_atomically};
use crate::output::OutputFormat;
use crate::table_writers::{CsvDialect, CsvTableWriter, json_row, xlsx_sheet};

pub fn run(ctx: &Context, args: ExportArgs) -> anyhow::Result<()> {
    let json = ctx.format == OutputFormat::Json;
    let xlsx = ctx.format == OutputFormat::Xlsx;
    if matches!(ctx.format, OutputFormat::Md | OutputFormat::Html) {
        return Err(invalid("an export is csv, json or xlsx (--format)"));
    }
    if xlsx && args.output.is_none() {
        return Err(invalid(
            "a workbook is written to a file: give -o FILE.xlsx",
        ));
    }
    let tables: Vec<(&str, &str)> = args
        .table
        .each()
        .into_iter()
        .map(|table| (table.as_str(), db::tables::query(table)))
        .collect();
    let dialect = ctx.csv;
    if let Some(path) = &args.output {
        refuse_overwriting_database(path, &ctx.db_path)?;
    }
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    if let (true, Some(path)) = (xlsx, &args.output) {
        // One sheet per table, an empty one included.
        let mut workbook = crate::table_writers::workbook()?;
        for (name, sql) in &tables {
            let columns = db::tables::columns(&tx, sql)?;
            xlsx_sheet(&mut workbook, name, &columns, &mut |each| {
                db::tables::each_row(&tx, sql, &mut |_, cells| each(cells))
            })?;
        }
        write_atomically(path, |out| Ok(workbook.save_to_writer(out)?))?;
        ctx.note(format!(
            "Exported {} sheet(s) to {}",
            tables.len(),
            path.display()
        ));
        return Ok(());
    }
    match (&args.output, json, tables.len()) {
        // Every table as CSV: one file each, in a folder.
        (Some(dir), false, n) if n > 1 => {
            for (name, _) in &tables {
                refuse_overwriting_database(&dir.join(format!("{name}.csv")), &ctx.db_path)?;
            }
            write_folder_atomically(dir, |folder| {
                for (name, sql) in &tables {
                    let path = folder.join(format!("{name}.csv"));
                    write_atomically(&path, |out| write_csv(&tx, sql, out, dialect))?;
                }
                Ok(())
            })?;
            ctx.note(format!(
                "Exported {} tables to {}",
                tables.len(),
                dir.display()
            ));
            Ok(())
        }
        (None, false, n) if n > 1 => Err(invalid(
            "all tables as CSV are one file each: give a folder with -o DIR (or use --format json)",
        )),
        (Some(path), _, _) => {
            write_atomically(path, |out| write_tables(&tx, &tables, json, out, dialect))?;
            ctx.note(format!("Exported to {}", path.display()));
            Ok(())
        }
        (None, _, _) => {
            let mut output = ctx.output();
            write_tables(&tx, &tables, json, output.stream(), dialect)?;
            output.flush()
        }
    }
}

fn write_tables(
    conn: &Connection,
    tables: &[(&str, &str)],
    json: bool,
    out: &mut dyn Write,
    dialect: CsvDialect,
) -> anyhow::Result<()> {
    match (json, tables) {
        (false, [(_, sql)]) => write_csv(conn, sql, out, dialect),
        (true, [(_, sql)]) => {
            write_json_array(conn, sql, out)?;
            out.write_all(b"\n")?;
            Ok(())
        }
        (true, many) => {
            out.write_all(b"{")?;
            for (index, (name, sql)) in many.iter().enumerate() {
                if index > 0 {
                    out.write_all(b",")?;
                }
                out.write_all(b"\n  ")?;
                serde_json::to_writer(&mut *out, name)?;
                out.write_all(b": ")?;
                write_json_array(conn, sql, out)?;
            }
            out.write_all(b"\n}\n")?;
            Ok(())
        }
        (false, _) => Err(invalid("several tables as CSV need a folder (-o DIR)")),
    }
}

fn write_csv(
    conn: &Connection,
    sql: &str,
    out: &mut dyn Write,
    dialect: CsvDialect,
) -> anyhow::Result<()> {
    let mut table = CsvTableWriter::new(out, dialect)?;
    db::tables::each_row(conn, sql, &mut |columns, cells| {
        Ok(table.row(columns, cells)?)
    })?;
    // An empty table still has its header.
    table.header(&db::tables::columns(conn, sql)?)?;
    table.finish()?;
    Ok(())
}

/// A JSON array of the table's rows, one object per row.
fn write_json_array(conn: &Connection, sql: &str, out: &mut dyn Write) -> anyhow::Result<()> {
    out.write_all(b"[")?;
    let mut first = true;
    db::tables::each_row(conn, sql, &mut |columns, cells| {
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        first = false;
        serde_json::to_writer(&mut *out, &json_row(columns, cells))?;
        Ok(())
    })?;
    out.write_all(if first { b"]" } else { b"\n  ]" })?;
    Ok(())
}
