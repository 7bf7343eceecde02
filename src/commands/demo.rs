//! `amb demo`: a fresh database holding the Vaasa 2022 programme, and its summary.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::person::{ImportPlan, import_people};
use crate::context::Context;
use crate::db::{self, enrolments, programs, programs::ProgramFields};
use crate::domain::Role;
use crate::error::invalid;

/// The example programme, shipped inside the binary so the demo runs anywhere.
const PROGRAMME: &str = include_str!("../../examples/vaasa-2022/programme.toml");
const APPLICATIONS: &str = include_str!("../../examples/vaasa-2022/applications.csv");
const APPLICATIONS_NAME: &str = "examples/vaasa-2022/applications.csv";

/// `examples/vaasa-2022/programme.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleProgramme {
    name: String,
    start: NaiveDate,
    end: Option<NaiveDate>,
    hashtags: Vec<String>,
    aliases: Vec<String>,
    guidelines_version: String,
    enrolled_on: NaiveDate,
}

#[derive(Serialize)]
struct Summary {
    database: String,
    program: String,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
    hashtags: Vec<String>,
    employees: i64,
    managers: i64,
    ambassadors: i64,
    units: Vec<UnitRow>,
}

#[derive(Serialize)]
struct UnitRow {
    unit: String,
    employees: i64,
    managers: i64,
    total: i64,
}

pub fn run(ctx: &Context) -> anyhow::Result<()> {
    // Never the user's own database: only --db, else a demo file of its own.
    let path = ctx
        .db_flag
        .clone()
        .unwrap_or_else(|| ctx.data_dir.join("demo-vaasa-2022.sqlite"));
    remove_previous_demo(ctx, &path)?;
    let example: ExampleProgramme =
        toml::from_str(PROGRAMME).map_err(|err| invalid(format!("programme.toml: {err}")))?;

    // Build beside the target and rename, so a failure never leaves a half demo behind.
    let partial = sibling(&path, ".partial");
    remove_database_files(&partial)?;
    let result = build(ctx, &partial, &path, &example);
    match result {
        Ok(summary) => {
            std::fs::rename(&partial, &path)?;
            ctx.note(format!(
                "Demo database written to {}\nTry: amb --db {} person list",
                path.display(),
                shell_quote(&path)
            ));
            ctx.output().record(&summary)
        }
        Err(err) => {
            remove_database_files(&partial)?;
            Err(err)
        }
    }
}

fn build(
    ctx: &Context,
    partial: &Path,
    path: &Path,
    example: &ExampleProgramme,
) -> anyhow::Result<Summary> {
    let mut conn = db::create(partial, &ctx.config)?;
    let tx = db::write(&mut conn)?;
    db::meta_set(&tx, "kind", "demo")?;
    let id = programs::insert(
        &tx,
        &ProgramFields {
            name: example.name.clone(),
            start_date: example.start,
            end_date: example.end,
            hashtags: example.hashtags.clone(),
            aliases: example.aliases.clone(),
        },
    )?;
    let program = programs::get(&tx, id)?;
    let plan = ImportPlan {
        program: &program,
        enroll: true,
        date: example.enrolled_on,
        guidelines_version: &example.guidelines_version,
    };
    import_people(
        &tx,
        Path::new(APPLICATIONS_NAME),
        APPLICATIONS.as_bytes(),
        &plan,
        ctx,
    )?;
    db::audit::record(&tx, "demo", &[("programs_added", 1)])?;
    let summary = summarise(&tx, path, &program)?;
    tx.commit()?;
    conn.close().map_err(|(_, err)| err)?;
    Ok(summary)
}

/// Deletes an earlier demo file at `path`; refuses any other file.
fn remove_previous_demo(ctx: &Context, path: &Path) -> anyhow::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    let refuse = || {
        invalid(format!(
            "{} exists and is not a demo database; refusing to overwrite it\n  hint: pass another --db PATH",
            path.display()
        ))
    };
    let conn = db::open(path, &ctx.config).map_err(|_| refuse())?;
    if db::meta_get(&conn, "kind")?.as_deref() != Some("demo") {
        return Err(refuse());
    }
    drop(conn);
    remove_database_files(path)
}

/// `path` with `suffix` appended to its file name.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Removes a database file with its journal files; a missing file is fine.
fn remove_database_files(path: &Path) -> anyhow::Result<()> {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        match std::fs::remove_file(sibling(path, suffix)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err.into()),
            _ => {}
        }
    }
    Ok(())
}

fn summarise(
    conn: &rusqlite::Connection,
    path: &Path,
    program: &programs::Program,
) -> anyhow::Result<Summary> {
    let counts = enrolments::active_by_unit(conn, program.id)?;
    let mut units: Vec<UnitRow> = Vec::new();
    for count in &counts {
        if units.last().is_none_or(|u| u.unit != count.unit) {
            units.push(UnitRow {
                unit: count.unit.clone(),
                employees: 0,
                managers: 0,
                total: 0,
            });
        }
        if let Some(row) = units.last_mut() {
            match count.role {
                Role::Employee => row.employees += count.active,
                Role::Manager => row.managers += count.active,
            }
            row.total += count.active;
        }
    }
    let employees = units.iter().map(|u| u.employees).sum();
    let managers = units.iter().map(|u| u.managers).sum();
    Ok(Summary {
        database: path.display().to_string(),
        program: program.name.clone(),
        start_date: program.start_date,
        end_date: program.end_date,
        hashtags: program.hashtags.clone(),
        employees,
        managers,
        ambassadors: employees + managers,
        units,
    })
}

fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
