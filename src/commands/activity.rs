//! `amb activity add|list|edit|remove|import`.

use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;

use super::{optional_person, optional_program, write};
use crate::cli::{
    ActivityAddArgs, ActivityCommand, ActivityEditArgs, ActivityImportArgs, ActivityListArgs,
    MetricArgs,
};
use crate::context::Context;
use crate::db::activities::{self, Filter, Metrics, NewActivity};
use crate::db::audit::Action;
use crate::db::imports::Counts;
use crate::db::{self, people};
use crate::domain::ImportFormat;
use crate::domain::{ActivityId, ActivityKind};
use crate::error::invalid;
use crate::import::source;
use crate::service::activities::{self as rules, ActivityEdit};
use crate::service::import::{ActivityImport, import_activities, total_size};
use crate::text::{non_empty, normalize_hashtag, normalize_url};

pub fn run(ctx: &Context, command: ActivityCommand) -> anyhow::Result<()> {
    match command {
        ActivityCommand::Add(args) => add(ctx, args),
        ActivityCommand::List(args) => list(ctx, args),
        ActivityCommand::Edit(args) => edit(ctx, args),
        ActivityCommand::Remove { id } => remove(ctx, ActivityId(id)),
        ActivityCommand::Import(args) => import(ctx, args),
    }
}

fn metrics(args: &MetricArgs) -> Metrics {
    Metrics {
        impressions: args.impressions,
        reactions: args.reactions,
        comments: args.comments,
        shares: args.shares,
        clicks: args.clicks,
    }
}

/// How to record a planned activity (a school visit booked ahead) anyway.
const PLANNED: &str = "--force records a planned one (it earns its points now)";

fn add(ctx: &Context, args: ActivityAddArgs) -> anyhow::Result<()> {
    let kind = ActivityKind::parse(&args.kind, &ctx.config.activity_kinds).map_err(invalid)?;
    let channel = args.channel;
    let date = args.date.or(ctx.today);
    if !args.force {
        crate::dates::refuse_after_today(date, ctx.today, "an activity", Some(PLANNED))?;
    }
    let mut hashtags = args
        .hashtags
        .iter()
        .map(|t| normalize_hashtag(t).map_err(invalid))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let mut seen = std::collections::HashSet::new();
    hashtags.retain(|tag| seen.insert(crate::text::fold(tag)));
    let url = args
        .url
        .as_deref()
        .and_then(|u| non_empty(Some(u)))
        .map(|u| normalize_url(&u).map_err(invalid))
        .transpose()?;
    let (person, kind, id, activity, earned) = write(ctx, Action::ActivityAdd, |tx| {
        let person = people::resolve(tx, &args.person)?;
        let mut new = NewActivity {
            person: person.id,
            program: None,
            date,
            kind,
            channel,
            url,
            hashtags,
            metrics: metrics(&args.metrics),
            note: non_empty(args.note.as_deref()),
            ..NewActivity::default()
        };
        let (id, earned) = rules::add(tx, &ctx.config.points, &mut new, args.force)?;
        let activity = activities::get(tx, id)?;
        Ok((
            vec![("activities_added", 1)],
            (person, new.kind, id, activity, earned),
        ))
    })?;
    if earned > 0 {
        ctx.note(format!("{} earned {earned} points", person.name));
    }
    if activity.as_ref().is_some_and(|a| a.program_id.is_none()) {
        ctx.note(
            "Recorded outside any programme: it counts in no programme report and earns no points",
        );
    }
    ctx.note(format!(
        "Recorded {} {kind} of {} on {date} (id {id})",
        if kind.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        },
        person.name
    ));
    ctx.output().record(&activity)
}

fn list(ctx: &Context, args: ActivityListArgs) -> anyhow::Result<()> {
    let since = args.period.since;
    let until = args.period.until;
    let kind = args
        .kind
        .as_deref()
        .map(|k| ActivityKind::parse(k, &ctx.config.activity_kinds).map_err(invalid))
        .transpose()?;
    let channel = args.channel;
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let filter = Filter {
        person: optional_person(&tx, args.person.as_deref())?,
        kind,
        channel,
        program: optional_program(&tx, args.program.query())?,
        since,
        until,
    };
    ctx.output()
        .short(&["id", "date", "person", "kind", "channel", "program", "url"])
        .list(&activities::list(&tx, &filter)?)
}

fn edit(ctx: &Context, args: ActivityEditArgs) -> anyhow::Result<()> {
    let changes = ActivityEdit {
        date: args.date,
        metrics: metrics(&args.metrics),
        note: args.note.clone(),
        force: args.force,
    };
    if let Some(date) = args.date
        && !args.force
    {
        crate::dates::refuse_after_today(date, ctx.today, "an activity", Some(PLANNED))?;
    }
    if changes.is_empty() {
        return Err(invalid(
            "nothing to change: give --date, a figure (--impressions, --reactions, --comments, --shares, --clicks) or --note",
        ));
    }
    let activity = write(ctx, Action::ActivityEdit, |tx| {
        let activity = rules::edit(
            tx,
            &ctx.config.points,
            ctx.today,
            ActivityId(args.id),
            changes,
        )?;
        Ok((vec![("activities_changed", 1)], activity))
    })?;
    ctx.note(format!("Changed activity {}", activity.id));
    ctx.output().record(&activity)
}

fn remove(ctx: &Context, id: ActivityId) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    // Ask before taking the write lock, so that nobody waits on the answer.
    let activity = rules::find(&*db::read(&mut conn)?, id)?;
    ctx.confirm(&format!(
        "Remove activity {id} ({} by {} on {})?",
        activity.kind, activity.person, activity.date
    ))?;
    let activity = db::write_audited(&mut conn, Action::ActivityRemove, |tx| {
        let activity = rules::remove(tx, &ctx.config.points, ctx.today, id)?;
        Ok((vec![("activities_removed", 1)], activity))
    })?;
    ctx.note(format!("Removed activity {id}"));
    ctx.output().record(&activity)
}

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

fn import(ctx: &Context, args: ActivityImportArgs) -> anyhow::Result<()> {
    let located = source::locate(&args.path, args.from)?;
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
    let (person, imported) =
        db::write_audited_or_rollback(&mut conn, Action::ActivityImport, args.dry_run, |tx| {
            let person = args
                .person
                .as_deref()
                .map(|query| people::resolve(tx, query))
                .transpose()?;
            let import = ActivityImport {
                file: &file,
                located: &located,
                person: person.as_ref(),
                keep_text: args.keep_text,
                update_metrics: args.update_metrics,
                explain: args.explain,
            };
            let progress = progress_bar(ctx, total_size(&located));
            let imported = import_activities(tx, &ctx.config, &import, &progress)?;
            let c = &imported.counts;
            let counts = vec![
                ("posts_read", c.posts_read),
                ("added", c.added),
                ("updated", c.updated),
            ];
            Ok((counts, (person, imported)))
        })?;
    let explained = imported.explained;
    let summary = Summary {
        batch: (!args.dry_run).then_some(imported.batch),
        file,
        format,
        person: person.map(|p| p.name),
        sha256: imported.sha256,
        dry_run: args.dry_run,
        counts: imported.counts,
        rejected_entries: imported.rejected_entries,
        earlier_batches: imported.earlier_batches,
    };
    note_summary(ctx, &summary);
    if args.explain {
        return ctx.output().list(&explained);
    }
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
