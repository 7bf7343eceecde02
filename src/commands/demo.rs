//! `amb demo`: a fresh database holding the Vaasa 2022 programme, and its summary.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use rusqlite::Connection;

use super::person::{ImportPlan, import_people};
use super::report::{ProgramReport, build_program_report};
use crate::context::Context;
use crate::db::activities;
use crate::db::programs::{self, Program, ProgramFields};
use crate::db::{self, enrolments, feedback, imports, kpis, people, swag, trainings};
use crate::domain::{Attendance, PersonId, Role, TrainingKind};
use crate::error::invalid;
use crate::import::post::ReadError;
use crate::import::source::{ImportFormat, hex};
use sha2::{Digest, Sha256};

/// The example programme, shipped inside the binary so the demo runs anywhere.
const PROGRAMME: &str = include_str!("../../examples/vaasa-2022/programme.toml");
const APPLICATIONS: &str = include_str!("../../examples/vaasa-2022/applications.csv");
const APPLICATIONS_NAME: &str = "examples/vaasa-2022/applications.csv";

/// The year's activities, imported the way a coordinator would: the generic CSV, and two
/// ambassadors' own exports.
const IMPORTS: &[(&str, ImportFormat, Option<&str>, &[u8])] = &[
    (
        "examples/vaasa-2022/activities.csv",
        ImportFormat::Csv,
        None,
        include_bytes!("../../examples/vaasa-2022/activities.csv"),
    ),
    (
        "examples/vaasa-2022/exports/laura.niemi-linkedin/Shares.csv",
        ImportFormat::Linkedin,
        Some("laura.niemi@vaasa.example"),
        include_bytes!("../../examples/vaasa-2022/exports/laura.niemi-linkedin/Shares.csv"),
    ),
    (
        "examples/vaasa-2022/exports/teemu.hautala-x/data/tweets.js",
        ImportFormat::X,
        Some("teemu.hautala@vaasa.example"),
        include_bytes!("../../examples/vaasa-2022/exports/teemu.hautala-x/data/tweets.js"),
    ),
];

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
    trainings: Vec<ExampleTraining>,
    swag: ExampleSwag,
    feedback: Vec<ExampleFeedback>,
    kpis: Vec<ExampleKpi>,
    redemptions: Vec<ExampleRedemption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleRedemption {
    email: String,
    points: i64,
    reward: String,
    date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleTraining {
    title: String,
    date: NaiveDate,
    trainer: String,
    kind: String,
    absent: Vec<String>,
    excused: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleSwag {
    package: String,
    stock: i64,
    delivered_on: NaiveDate,
    pending: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleFeedback {
    email: String,
    score: i64,
    comment: Option<String>,
    date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExampleKpi {
    name: String,
    date: NaiveDate,
    value: f64,
    note: String,
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
    swag: SwagRow,
    activities: Vec<activities::KindCount>,
    imports: Vec<ImportRow>,
    top_points: Vec<crate::db::points::Balance>,
    /// The results report of the cohort, as `amb report program` shows it.
    report: ProgramReport,
}

#[derive(Serialize)]
struct SwagRow {
    package: String,
    delivered: i64,
    in_stock: i64,
    pending: Vec<String>,
}

#[derive(Serialize)]
struct ImportRow {
    file: String,
    format: ImportFormat,
    person: Option<String>,
    added: i64,
    without_hashtag: i64,
    outside_program: i64,
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
    remove_previous_demo(&path)?;
    let example: ExampleProgramme =
        toml::from_str(PROGRAMME).map_err(|err| invalid(format!("programme.toml: {err}")))?;

    // Build beside the target and rename, so a failure never leaves a half demo behind.
    let partial = sibling(&path, &format!(".partial-{}", std::process::id()));
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
    let mut conn = db::create(partial, &ctx.db_settings())?;
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
    )?;
    add_trainings(&tx, ctx, &program, &example.trainings)?;
    add_swag(&tx, &program, &example.swag)?;
    let imported = add_activities(&tx, ctx)?;
    for feedback in &example.feedback {
        let person = person_by_email(&tx, &feedback.email)?;
        feedback::upsert(
            &tx,
            person,
            program.id,
            feedback.score,
            feedback.comment.as_deref(),
            feedback.date,
        )?;
    }
    for redemption in &example.redemptions {
        let person = person_by_email(&tx, &redemption.email)?;
        crate::db::points::insert(
            &tx,
            &crate::db::points::NewEntry {
                person,
                program: Some(program.id),
                date: redemption.date,
                amount: -redemption.points,
                kind: crate::domain::EntryKind::Redemption,
                reason: &redemption.reward,
                source: crate::domain::PointsSource::Redemption,
                activity: None,
                attendance: None,
                key: None,
                reverses: None,
            },
        )?;
    }
    for kpi in &example.kpis {
        kpis::insert(
            &tx,
            Some(program.id),
            &kpi.name,
            kpi.date,
            kpi.value,
            Some(&kpi.note),
        )?;
    }
    db::audit::record(&tx, "demo", &[("programs_added", 1)])?;
    let mut summary = summarise(&tx, ctx, path, &program, &example.swag.package)?;
    summary.imports = imported;
    tx.commit()?;
    conn.close().map_err(|(_, err)| err)?;
    Ok(summary)
}

fn person_by_email(conn: &Connection, email: &str) -> anyhow::Result<PersonId> {
    people::find_by_email(conn, email)?
        .map(|p| p.id)
        .ok_or_else(|| invalid(format!("example data: {email} is not among the applicants")))
}

/// Each training with everyone enrolled on its day attending, but the absent and excused.
fn add_trainings(
    conn: &Connection,
    ctx: &Context,
    program: &Program,
    examples: &[ExampleTraining],
) -> anyhow::Result<()> {
    for example in examples {
        let kind: TrainingKind = example.kind.parse().map_err(invalid)?;
        let id = trainings::insert(
            conn,
            program.id,
            &example.title,
            example.date,
            Some(&example.trainer),
            kind,
        )?;
        let training = trainings::get(conn, id)?;
        for entry in trainings::roster(conn, &training)? {
            let mark = if example.absent.contains(&entry.email) {
                Attendance::Absent
            } else if example.excused.contains(&entry.email) {
                Attendance::Excused
            } else {
                Attendance::Attended
            };
            super::training::set_mark(conn, ctx, id, entry.person_id, mark)?;
        }
    }
    Ok(())
}

/// The package for every active ambassador but those still pending.
fn add_swag(conn: &Connection, program: &Program, example: &ExampleSwag) -> anyhow::Result<()> {
    let package = swag::add_stock(conn, &example.package, example.stock)?;
    for pending in swag::pending(conn, program.id)? {
        if !example.pending.contains(&pending.email) {
            swag::deliver(
                conn,
                pending.person_id,
                package.id,
                Some(program.id),
                example.delivered_on,
                None,
            )?;
        }
    }
    Ok(())
}

/// The year's posts, shares and visits from the generic activities CSV.
fn add_activities(conn: &Connection, ctx: &Context) -> anyhow::Result<Vec<ImportRow>> {
    let mut rows = Vec::new();
    for (name, format, owner, bytes) in IMPORTS {
        let person = match owner {
            Some(email) => Some(people::find_by_email(conn, email)?.ok_or_else(|| {
                invalid(format!("example data: {email} is not among the applicants"))
            })?),
            None => None,
        };
        let sha256 = hex(&Sha256::digest(bytes));
        let batch = imports::start(
            conn,
            name,
            &sha256,
            format.as_str(),
            person.as_ref().map(|p| p.id),
        )?;
        let mut importer =
            super::import::importer(conn, ctx, batch, person.as_ref(), false, false)?;
        let mut input: &[u8] = bytes;
        importer
            .read(*format, &mut input, &ctx.config.activity_kinds)
            .map_err(|err| match err {
                ReadError::Malformed(what) => invalid(format!("example data {name}: {what}")),
                ReadError::Failed(err) => err,
            })?;
        if let Some(err) = importer.row_errors.first() {
            return Err(invalid(format!("example data {name} {err}")));
        }
        importer.finish()?;
        imports::finish(conn, batch, &sha256, &importer.counts)?;
        rows.push(ImportRow {
            file: (*name).to_string(),
            format: *format,
            person: person.map(|p| p.name),
            added: importer.counts.added,
            without_hashtag: importer.counts.without_hashtag,
            outside_program: importer.counts.outside_program,
        });
    }
    Ok(rows)
}

/// Deletes an earlier demo file at `path`; refuses any other file.
fn remove_previous_demo(path: &Path) -> anyhow::Result<()> {
    if !path.exists() {
        return Ok(());
    }
    if !db::is_demo(path) {
        return Err(invalid(format!(
            "{} exists and is not a demo database; refusing to overwrite it\n  hint: pass another --db PATH",
            path.display()
        )));
    }
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
    conn: &Connection,
    ctx: &Context,
    path: &Path,
    program: &Program,
    package: &str,
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
    let package = swag::find_package(conn, package)?
        .ok_or_else(|| invalid(format!("example data: no package {package}")))?;
    let mut balances = crate::db::points::balances(conn, None)?;
    balances.truncate(5);
    for balance in &mut balances {
        balance.tier = ctx.config.tier(balance.earned).map(str::to_string);
    }
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
        swag: SwagRow {
            package: package.name,
            delivered: package.delivered,
            in_stock: package.stock,
            pending: swag::pending(conn, program.id)?
                .into_iter()
                .map(|p| p.name)
                .collect(),
        },
        activities: activities::count_by_kind(conn, program.id)?,
        imports: Vec::new(),
        top_points: balances,
        report: build_program_report(conn, ctx, program)?,
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
