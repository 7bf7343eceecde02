//! `amb activity import` and `amb import list|undo`.

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::cli::{ActivityImportArgs, ImportCommand, ImportFrom};
use crate::context::Context;
use crate::db::imports::{self, Counts};
use crate::db::{self, people};
use crate::error::invalid;
use crate::import::importer::{Importer, Options};
use crate::import::post::ReadError;
use crate::import::source::{self, Hashing, ImportFormat, hex};

/// What an import found and did.
#[derive(Debug, Serialize)]
struct Summary {
    batch: Option<i64>,
    file: String,
    format: ImportFormat,
    person: Option<String>,
    sha256: String,
    dry_run: bool,
    #[serde(flatten)]
    counts: Counts,
    /// The first unusable entries, with where they are and why.
    rejected_entries: Vec<String>,
    /// Earlier batches that imported a file with the same content.
    earlier_batches: Vec<i64>,
}

pub fn run(ctx: &Context, command: ImportCommand) -> anyhow::Result<()> {
    match command {
        ImportCommand::List => {
            let mut conn = ctx.open()?;
            let tx = db::read(&mut conn)?;
            ctx.output().list(&imports::list(&tx)?)
        }
        ImportCommand::Undo { batch } => undo(ctx, batch),
    }
}

fn wanted(from: ImportFrom) -> Option<ImportFormat> {
    match from {
        ImportFrom::Auto => None,
        ImportFrom::Linkedin => Some(ImportFormat::Linkedin),
        ImportFrom::X => Some(ImportFormat::X),
        ImportFrom::Mastodon => Some(ImportFormat::Mastodon),
        ImportFrom::Facebook => Some(ImportFormat::Facebook),
        ImportFrom::Instagram => Some(ImportFormat::Instagram),
        ImportFrom::Csv => Some(ImportFormat::Csv),
    }
}

fn progress_bar(ctx: &Context, total: u64) -> ProgressBar {
    if !ctx.progress {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total);
    if let Ok(style) =
        ProgressStyle::with_template("{spinner} {bytes}/{total_bytes} {wide_bar} {eta} {msg}")
    {
        bar.set_style(style);
    }
    bar
}

/// An importer for one batch, for a person's export or (without a person) the generic CSV.
pub(super) fn importer<'c>(
    conn: &'c rusqlite::Connection,
    ctx: &Context,
    batch: i64,
    person: Option<&people::Person>,
    keep_text: bool,
    update_metrics: bool,
) -> anyhow::Result<Importer<'c>> {
    let options = Options {
        rules: ctx.config.points.clone(),
        timezone: ctx.config.timezone.0,
        batch,
        keep_text,
        update_metrics,
    };
    match person {
        Some(person) => Importer::for_person(conn, options, person),
        None => Importer::new(conn, options),
    }
}

/// The error for a file that cannot be imported as it is.
fn bad_file(name: &str, what: impl std::fmt::Display) -> anyhow::Error {
    invalid(format!(
        "{name}: {what}\n  nothing was imported; fix the file or check --from"
    ))
}

pub fn activity_import(ctx: &Context, args: ActivityImportArgs) -> anyhow::Result<()> {
    let located = source::locate(&args.path, wanted(args.from))?;
    let format = located.format;
    match (&args.person, format) {
        (None, format) if format != ImportFormat::Csv => {
            return Err(invalid(format!(
                "whose {format} export is this? give --person (id, e-mail or part of the name)"
            )));
        }
        (Some(_), ImportFormat::Csv) => {
            return Err(invalid(
                "the generic CSV names its people in its email column; leave out --person",
            ));
        }
        _ => {}
    }
    let file = args.path.display().to_string();
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let person = args
        .person
        .as_deref()
        .map(|query| people::resolve(&tx, query))
        .transpose()?;
    let batch = imports::start(
        &tx,
        &file,
        &"0".repeat(64),
        format.as_str(),
        person.as_ref().map(|p| p.id),
    )?;
    let mut importer = importer(
        &tx,
        ctx,
        batch,
        person.as_ref(),
        args.keep_text,
        args.update_metrics,
    )?;
    let mut hasher = Sha256::new();
    let progress = progress_bar(ctx, located.parts.iter().map(source::Part::size).sum());
    for part in &located.parts {
        let name = part.name();
        let outcome = part.with_reader(|reader| -> Result<(), ReadError> {
            let mut hashing = Hashing::new(progress.wrap_read(reader), &mut hasher);
            importer.read(format, &mut hashing, &ctx.config.activity_kinds)?;
            hashing.drain()?;
            Ok(())
        })?;
        match outcome {
            Ok(()) => {}
            Err(ReadError::Malformed(what)) => return Err(bad_file(&name, what)),
            Err(ReadError::Failed(err)) => return Err(err.context(format!("importing {name}"))),
        }
    }
    progress.finish_and_clear();
    if !importer.row_errors.is_empty() {
        return Err(crate::import::bad_rows(&file, &importer.row_errors).into());
    }
    importer.finish()?;
    let sha256 = hex(&hasher.finalize());
    let counts = importer.counts.clone();
    let rejected_entries = importer.rejected.clone();
    drop(importer); // its prepared statements end before the transaction does
    imports::finish(&tx, batch, &sha256, &counts)?;
    let earlier_batches = imports::with_hash(&tx, &sha256, batch)?;
    db::audit::record(
        &tx,
        "activity import",
        &[
            ("posts_read", counts.posts_read),
            ("added", counts.added),
            ("updated", counts.updated),
        ],
    )?;
    if args.dry_run {
        drop(tx); // rolls back
    } else {
        tx.commit()?;
    }
    let summary = Summary {
        batch: (!args.dry_run).then_some(batch),
        file,
        format,
        person: person.map(|p| p.name),
        sha256,
        dry_run: args.dry_run,
        counts,
        rejected_entries,
        earlier_batches,
    };
    note_summary(ctx, &summary);
    ctx.output().record(&summary)
}

fn note_summary(ctx: &Context, summary: &Summary) {
    let c = &summary.counts;
    let verb = if summary.dry_run {
        "would add"
    } else {
        "added"
    };
    ctx.note(format!(
        "{}: {} read; {verb} {}, {} already recorded, {} updated, {} without a programme hashtag, {} outside the programme, {} rejected",
        summary.file,
        c.posts_read,
        c.added,
        c.already_recorded,
        c.updated,
        c.without_hashtag,
        c.outside_program,
        c.rejected
    ));
    for entry in &summary.rejected_entries {
        ctx.note(format!("  rejected {entry}"));
    }
    if !summary.earlier_batches.is_empty() {
        let ids: Vec<String> = summary.earlier_batches.iter().map(i64::to_string).collect();
        ctx.note(format!(
            "  the same file was imported before (batch {})",
            ids.join(", ")
        ));
    }
    if summary.dry_run {
        ctx.note("  dry run: nothing was written");
    }
}

fn undo(ctx: &Context, id: i64) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    // Ask before taking the write lock, so that nobody waits on the answer.
    let batch = imports::get(&*db::read(&mut conn)?, id)?.ok_or_else(|| {
        invalid(format!(
            "there is no import batch {id}\n  hint: `amb import list` shows them"
        ))
    })?;
    if let Some(when) = &batch.undone_at {
        return Err(invalid(format!(
            "import batch {id} was already undone at {when}"
        )));
    }
    ctx.confirm(&format!(
        "Undo import batch {id} ({}) and remove its {} activities?",
        batch.file, batch.activities
    ))?;
    let tx = db::write(&mut conn)?;
    let people = imports::people_of(&tx, id)?;
    let what = format!("import batch {id} was undone");
    let (reversed, removed) =
        crate::points::settle(&tx, &ctx.config.points, &people, ctx.today, &what, || {
            let reversed = crate::points::reverse_batch(&tx, id, ctx.today)?;
            Ok((reversed, imports::undo(&tx, id)?))
        })?;
    db::audit::record(
        &tx,
        "import undo",
        &[
            ("activities_removed", removed as i64),
            ("awards_reversed", reversed as i64),
        ],
    )?;
    let batch = imports::get(&tx, id)?;
    tx.commit()?;
    ctx.note(format!(
        "Undid import batch {id}: {removed} activities removed"
    ));
    ctx.output().record(&batch)
}
