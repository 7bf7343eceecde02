//! `amb activity add|list|edit|remove`.

use rusqlite::Connection;

use super::{date_or_today, optional_person, optional_program};
use crate::cli::{
    ActivityAddArgs, ActivityCommand, ActivityEditArgs, ActivityListArgs, MetricArgs,
};
use crate::context::Context;
use crate::db::activities::{self, Filter, Metrics, NewActivity};
use crate::db::{self, people};
use crate::domain::{ActivityId, ActivityKind, Channel};
use crate::error::invalid;
use crate::points::{self, ActivityFacts};
use crate::text::{non_empty, normalize_hashtag, normalize_url};

pub fn run(ctx: &Context, command: ActivityCommand) -> anyhow::Result<()> {
    match command {
        ActivityCommand::Add(args) => add(ctx, args),
        ActivityCommand::List(args) => list(ctx, args),
        ActivityCommand::Edit(args) => edit(ctx, args),
        ActivityCommand::Remove { id } => remove(ctx, ActivityId(id)),
        ActivityCommand::Import(args) => super::import::activity_import(ctx, args),
    }
}

/// Why an activity cannot be recorded as given.
pub fn check_new(conn: &Connection, new: &NewActivity) -> anyhow::Result<()> {
    if new.kind.needs_channel() && new.channel.is_none() {
        return Err(invalid(format!(
            "a {} needs a channel (--channel linkedin, x, facebook, instagram, mastodon, tiktok, youtube, blog or other)",
            new.kind
        )));
    }
    if let Some(url) = &new.url
        && let Some(existing) = activities::find_by_url(conn, new.channel, url)?
    {
        let channel = existing
            .channel
            .map(|c| format!(" on {c}"))
            .unwrap_or_default();
        return Err(invalid(format!(
            "{url} is already recorded{channel} as activity {} ({} by {} on {})",
            existing.id, existing.kind, existing.person, existing.date
        )));
    }
    Ok(())
}

/// The programme the activity belongs to: the one the person was enrolled in on its date.
/// Outside every enrolment it is refused, unless `force` records it outside any programme.
pub fn attribute(conn: &Connection, new: &mut NewActivity, force: bool) -> anyhow::Result<()> {
    new.program = activities::program_on(conn, new.person, new.date)?;
    if new.program.is_none() && !force {
        let person = people::get(conn, new.person)?;
        let periods = activities::periods(conn, new.person)?;
        let enrolled = if periods.is_empty() {
            "they have never been enrolled".to_string()
        } else {
            let periods: Vec<String> = periods.iter().map(ToString::to_string).collect();
            format!("enrolled in {}", periods.join("; "))
        };
        return Err(invalid(format!(
            "{} was not enrolled in any programme on {} ({enrolled})\n  hint: check the date, or pass --force to record it outside any programme",
            person.name, new.date
        )));
    }
    Ok(())
}

fn metrics(args: &MetricArgs) -> Metrics {
    Metrics {
        impressions: args.impressions.map(i64::from),
        reactions: args.reactions.map(i64::from),
        comments: args.comments.map(i64::from),
        shares: args.shares.map(i64::from),
        clicks: args.clicks.map(i64::from),
    }
}

fn parse_channel(text: Option<&str>) -> anyhow::Result<Option<Channel>> {
    text.map(|c| c.parse::<Channel>().map_err(invalid))
        .transpose()
}

fn add(ctx: &Context, args: ActivityAddArgs) -> anyhow::Result<()> {
    let kind = ActivityKind::parse(&args.kind, &ctx.config.activity_kinds).map_err(invalid)?;
    let channel = parse_channel(args.channel.as_deref())?;
    let date = date_or_today(ctx, args.date.as_deref())?;
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
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let person = people::resolve(&tx, &args.person)?;
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
        source: "manual".to_string(),
        ..NewActivity::default()
    };
    check_new(&tx, &new)?;
    attribute(&tx, &mut new, args.force)?;
    let id = activities::insert(&tx, &new)?;
    let earned =
        points::award_activity(&tx, &ctx.config.points, &ActivityFacts::of(id, &new), true)?;
    db::audit::record(&tx, "activity add", &[("activities_added", 1)])?;
    let activity = activities::get(&tx, id)?;
    tx.commit()?;
    if earned > 0 {
        ctx.note(format!("{} earned {earned} points", person.name));
    }
    ctx.note(format!(
        "Recorded {} {} of {} on {date} (id {id})",
        if new.kind.as_str().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        },
        new.kind,
        person.name
    ));
    ctx.output().record(&activity)
}

fn list(ctx: &Context, args: ActivityListArgs) -> anyhow::Result<()> {
    let since = args.since.as_deref().map(crate::dates::parse).transpose()?;
    let until = args.until.as_deref().map(crate::dates::parse).transpose()?;
    let kind = args
        .kind
        .as_deref()
        .map(|k| ActivityKind::parse(k, &ctx.config.activity_kinds).map_err(invalid))
        .transpose()?;
    let channel = parse_channel(args.channel.as_deref())?;
    let mut conn = ctx.open()?;
    let tx = db::read(&mut conn)?;
    let filter = Filter {
        person: optional_person(&tx, args.person.as_deref())?,
        kind,
        channel,
        program: optional_program(&tx, args.program.as_deref())?,
        since,
        until,
    };
    ctx.output().list(&activities::list(&tx, &filter)?)
}

fn find(conn: &Connection, id: ActivityId) -> anyhow::Result<activities::Activity> {
    activities::get(conn, id)?.ok_or_else(|| {
        invalid(format!(
            "there is no activity {id}\n  hint: `amb activity list` shows the activities with their ids"
        ))
    })
}

fn edit(ctx: &Context, args: ActivityEditArgs) -> anyhow::Result<()> {
    let new_date = args.date.as_deref().map(crate::dates::parse).transpose()?;
    let mut reattribute = false;
    let m = &args.metrics;
    let nothing = new_date.is_none()
        && args.note.is_none()
        && [m.impressions, m.reactions, m.comments, m.shares, m.clicks]
            .iter()
            .all(Option::is_none);
    if nothing {
        return Err(invalid(
            "nothing to change: give --date, a figure (--impressions, --reactions, --comments, --shares, --clicks) or --note",
        ));
    }
    let mut conn = ctx.open()?;
    let tx = db::write(&mut conn)?;
    let mut activity = find(&tx, ActivityId(args.id))?;
    if let Some(date) = new_date {
        let mut probe = NewActivity {
            person: activity.person_id,
            date,
            ..NewActivity::default()
        };
        attribute(&tx, &mut probe, args.force)?;
        let changed = date != activity.date;
        activity.date = date;
        activity.program_id = probe.program;
        if changed {
            reattribute = true;
        }
    }
    let mut given = metrics(&args.metrics);
    for (target, value) in activity
        .metrics
        .fields_mut()
        .into_iter()
        .zip(given.fields_mut())
    {
        if value.is_some() {
            *target = *value;
        }
    }
    if let Some(note) = &args.note {
        activity.note = non_empty(Some(note));
    }
    let rules = &ctx.config.points;
    let what = format!("activity {} was moved", activity.id);
    points::settle(&tx, rules, &[activity.person_id], ctx.today, &what, || {
        if reattribute {
            // A new date may earn differently (caps, first training): pay it afresh.
            points::reverse_activity(&tx, activity.id, ctx.today, &what)?;
        }
        activities::update(&tx, &activity)?;
        if reattribute {
            let new = NewActivity {
                person: activity.person_id,
                program: activity.program_id,
                date: activity.date,
                kind: activity.kind.clone(),
                channel: activity.channel,
                ..NewActivity::default()
            };
            points::award_activity(&tx, rules, &ActivityFacts::of(activity.id, &new), false)?;
        }
        Ok(())
    })?;
    db::audit::record(&tx, "activity edit", &[("activities_changed", 1)])?;
    let activity = find(&tx, activity.id)?;
    tx.commit()?;
    ctx.note(format!("Changed activity {}", activity.id));
    ctx.output().record(&activity)
}

fn remove(ctx: &Context, id: ActivityId) -> anyhow::Result<()> {
    let mut conn = ctx.open()?;
    // Ask before taking the write lock, so that nobody waits on the answer.
    let activity = find(&*db::read(&mut conn)?, id)?;
    ctx.confirm(&format!(
        "Remove activity {id} ({} by {} on {})?",
        activity.kind, activity.person, activity.date
    ))?;
    let tx = db::write(&mut conn)?;
    let activity = find(&tx, id)?;
    let what = format!("activity {id} was removed");
    points::settle(
        &tx,
        &ctx.config.points,
        &[activity.person_id],
        ctx.today,
        &what,
        || {
            points::reverse_activity(&tx, id, ctx.today, &what)?;
            activities::delete(&tx, id)?;
            Ok(())
        },
    )?;
    db::audit::record(&tx, "activity remove", &[("activities_removed", 1)])?;
    tx.commit()?;
    ctx.note(format!("Removed activity {id}"));
    ctx.output().record(&activity)
}
