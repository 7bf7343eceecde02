//! `amb purge`, `amb backup`, `amb restore`, `amb privacy notice`.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::{BackupArgs, PurgeArgs, RestoreArgs};
use crate::context::Context;
use crate::db::audit::{self, Action};
use crate::db::{self};
use crate::domain::PersonId;
use crate::error::refuse;
use crate::service::{backup as backups, notice, privacy};

/// `purge`: who the retention rules say is due; with `--apply`, forgets them.
pub fn purge(ctx: &Context, args: PurgeArgs) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let due = {
        let tx = db::read(&mut conn)?;
        privacy::due_for_purge(&tx, &ctx.config.retention, ctx.today)?
    };
    if due.is_empty() {
        ctx.note("No one is past the retention limits ([retention] in the config).");
        return ctx.output().list(&due);
    }
    if !args.apply {
        ctx.note(format!(
            "{} would be forgotten (a dry run; nothing changed): `amb purge --apply` forgets them",
            due.len()
        ));
        return ctx.output().list(&due);
    }
    ctx.confirm(&format!(
        "Forget these {} people for good? This cannot be undone.",
        due.len()
    ))?;
    let (due, done) = db::write_audited(&mut conn, Action::Purge, |tx| {
        // Decided again inside the write, so that exactly those due now are forgotten.
        let due = privacy::due_for_purge(tx, &ctx.config.retention, ctx.today)?;
        let mut done = Vec::new();
        for candidate in &due {
            let forgotten = privacy::forget(tx, PersonId(candidate.person_id))?;
            audit::record(tx, Action::PersonForget, &forgotten.audit_counts())?;
            done.push(forgotten);
        }
        Ok((vec![("people_forgotten", done.len() as i64)], (due, done)))
    })?;
    db::privacy::compact(&conn)?;
    let folder = backups::default_folder(&ctx.db_path);
    let mut shown = Vec::new();
    for (mut candidate, forgotten) in due.into_iter().zip(done) {
        for path in backups::holding(&folder, &forgotten.former_email_key) {
            ctx.note(format!(
                "warning: the backup {} still holds person {}",
                path.display(),
                candidate.person_id
            ));
        }
        candidate.name = forgotten.name;
        shown.push(candidate);
    }
    ctx.note(format!("Forgot {} people", shown.len()));
    ctx.output().list(&shown)
}

/// What a backup wrote.
#[derive(Serialize)]
struct BackupDone {
    path: PathBuf,
    bytes: u64,
    integrity: &'static str,
    removed: Vec<PathBuf>,
}

/// `backup [PATH]`: a consistent copy, checked; in the default folder, the newest N kept.
pub fn backup(ctx: &Context, args: BackupArgs) -> anyhow::Result<()> {
    let conn = ctx.open()?;
    let folder = backups::default_folder(&ctx.db_path);
    let path = match args.path {
        Some(path) => path,
        None => backups::timestamped_path(&folder, chrono::Utc::now(), ""),
    };
    backups::write(&conn, &path, ctx.db_settings().busy_timeout)?;
    let removed = if path.parent() == Some(folder.as_path()) {
        backups::prune(&folder, ctx.config.backup.keep)?
    } else {
        Vec::new()
    };
    ctx.note(format!(
        "Backed up to {} (integrity checked)",
        path.display()
    ));
    let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    ctx.output().record(&BackupDone {
        path,
        bytes,
        integrity: "ok",
        removed,
    })
}

/// What a restore did.
#[derive(Serialize)]
struct Restored {
    restored_from: PathBuf,
    database: PathBuf,
    previous_kept_as: Option<PathBuf>,
    forgotten_people_back: Vec<i64>,
}

/// `restore PATH`: checks the copy, keeps the current file as a backup, swaps in one step.
pub fn restore(ctx: &Context, args: RestoreArgs) -> anyhow::Result<()> {
    let source = backups::check_restorable(&args.path)?;
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same(&args.path, &ctx.db_path) {
        return Err(
            refuse(format!("{} is the database itself", args.path.display()))
                .hint("restore a backup of it")
                .into(),
        );
    }
    let existed = ctx.db_path.exists();
    let mut live = if existed {
        ctx.open()?
    } else {
        db::create(&ctx.db_path, &ctx.db_settings())?
    };
    let forgotten_before = db::privacy::forgotten_ids(&live)?;
    ctx.confirm(&format!(
        "Replace {} with {}? The current file is kept as a backup.",
        ctx.db_path.display(),
        args.path.display()
    ))?;
    let folder = backups::default_folder(&ctx.db_path);
    let kept = if existed {
        let kept = backups::timestamped_path(&folder, chrono::Utc::now(), "-before-restore");
        backups::write(&live, &kept, ctx.db_settings().busy_timeout)?;
        Some(kept)
    } else {
        None
    };
    backups::restore(&mut live, &source, ctx.db_settings().busy_timeout)?;
    drop(live);
    // Opening again migrates a backup written by an older amb.
    let mut conn = ctx.open()?;
    db::write_audited(&mut conn, Action::Restore, |_| {
        Ok((vec![("restored", 1)], ()))
    })?;
    // Those forgotten since the backup was taken, whom it holds again.
    let back: Vec<i64> = forgotten_before
        .into_iter()
        .filter(|id| db::privacy::is_forgotten(&conn, PersonId(*id)).is_ok_and(|f| !f))
        .collect();
    ctx.note(format!(
        "Restored {} from {}",
        ctx.db_path.display(),
        args.path.display()
    ));
    if let Some(kept) = &kept {
        ctx.note(format!(
            "The file before the restore is kept as {}",
            kept.display()
        ));
    }
    for id in &back {
        ctx.note(format!(
            "warning: person {id} was forgotten after this backup was taken; forget them again: amb person forget {id} --yes"
        ));
    }
    ctx.output().record(&Restored {
        restored_from: args.path,
        database: ctx.db_path.clone(),
        previous_kept_as: kept,
        forgotten_people_back: back,
    })
}

/// `privacy notice`: the register description, Markdown.
pub fn notice(ctx: &Context, output: Option<&Path>) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let text = notice::privacy_notice(&tx, &ctx.config, ctx.today)?;
    super::text_to(ctx, &text, output, "the register description")
}
