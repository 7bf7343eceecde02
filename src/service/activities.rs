//! Activities: what may be recorded, which programme it counts for, and the points that
//! follow recording, moving and removing one.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::activities::{self, Activity, Metrics, NewActivity};
use crate::db::people;
use crate::domain::{ActivityId, Person, ProgramId};
use crate::error::{invalid, refuse};
use crate::points::PointsRules;
use crate::points::{self, ActivityFacts};

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
        return Err(refuse(format!(
            "{} was not enrolled in any programme on {} ({enrolled})",
            person.name, new.date
        ))
        .hint("check the date, or pass --force to record it outside any programme")
        .into());
    }
    Ok(())
}

/// Records an activity with its points; returns its id and the points it earned.
pub fn add(
    conn: &Connection,
    rules: &PointsRules,
    new: &mut NewActivity,
    force: bool,
) -> anyhow::Result<(ActivityId, i64)> {
    check_new(conn, new)?;
    attribute(conn, new, force)?;
    let id = activities::insert(conn, new)?;
    let earned = points::award_activity(conn, rules, &ActivityFacts::of(id, new), true)?;
    Ok((id, earned))
}

/// The activity `id`, or an error that says how to find one.
pub fn find(conn: &Connection, id: ActivityId) -> anyhow::Result<Activity> {
    activities::get(conn, id)?.ok_or_else(|| {
        refuse(format!("there is no activity {id}"))
            .hint("`amb activity list` shows the activities with their ids")
            .into()
    })
}

/// What `activity edit` changes; `None` keeps a value, an empty note clears it.
#[derive(Debug, Default)]
pub struct ActivityEdit {
    pub date: Option<NaiveDate>,
    pub metrics: Metrics,
    pub note: Option<String>,
    /// Move it outside every programme rather than refuse.
    pub force: bool,
}

impl ActivityEdit {
    /// Whether the edit changes nothing at all.
    pub fn is_empty(&self) -> bool {
        let mut metrics = self.metrics;
        self.date.is_none()
            && self.note.is_none()
            && metrics.fields_mut().into_iter().all(|m| m.is_none())
    }
}

/// Changes an activity; a new date attributes it afresh and pays its points again.
pub fn edit(
    conn: &Connection,
    rules: &PointsRules,
    today: NaiveDate,
    id: ActivityId,
    edit: ActivityEdit,
) -> anyhow::Result<Activity> {
    let mut reattribute = false;
    let mut activity = find(conn, id)?;
    if let Some(date) = edit.date {
        let mut probe = NewActivity {
            person: activity.person_id,
            date,
            ..NewActivity::default()
        };
        attribute(conn, &mut probe, edit.force)?;
        let changed = date != activity.date;
        activity.date = date;
        activity.program_id = probe.program;
        if changed {
            reattribute = true;
        }
    }
    let mut given = edit.metrics;
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
    if let Some(note) = &edit.note {
        activity.note = crate::text::non_empty(Some(note));
    }
    if !reattribute {
        // Figures and a note earn nothing: no points to settle.
        activities::update(conn, &activity)?;
        return find(conn, activity.id);
    }
    let what = format!("activity {} was moved", activity.id);
    points::settle(conn, rules, &[activity.person_id], today, &what, || {
        // A new date may earn differently (caps, first training): pay it afresh.
        points::reverse_activity(conn, activity.id, today, &what)?;
        activities::update(conn, &activity)?;
        let new = NewActivity {
            person: activity.person_id,
            program: activity.program_id,
            date: activity.date,
            kind: activity.kind.clone(),
            channel: activity.channel,
            ..NewActivity::default()
        };
        points::award_activity(conn, rules, &ActivityFacts::of(activity.id, &new), false)?;
        Ok(())
    })?;
    find(conn, activity.id)
}

/// Removes an activity and takes back its points; returns it as it was.
pub fn remove(
    conn: &Connection,
    rules: &PointsRules,
    today: NaiveDate,
    id: ActivityId,
) -> anyhow::Result<Activity> {
    let activity = find(conn, id)?;
    let what = format!("activity {id} was removed");
    points::settle(conn, rules, &[activity.person_id], today, &what, || {
        points::reverse_activity(conn, id, today, &what)?;
        activities::delete(conn, id)?;
        Ok(())
    })?;
    Ok(activity)
}

/// Refuses to end an enrolment (or a programme) on `from` while activities dated `from` or
/// later count for it: they would be left outside every enrolment.
pub fn refuse_activities_from(
    conn: &Connection,
    program_name: &str,
    program: ProgramId,
    person: Option<&Person>,
    from: NaiveDate,
) -> anyhow::Result<()> {
    let (count, first) = activities::from_day(conn, program, person.map(|p| p.id), from)?;
    let Some((id, date)) = first else {
        return Ok(());
    };
    let noun = if count == 1 { "activity" } else { "activities" };
    let whose = match person {
        Some(p) => format!("{} has", p.name),
        None if count == 1 => "there is".to_string(),
        None => "there are".to_string(),
    };
    let what = format!(
        "{whose} {count} {noun} in {program_name} on or after {from} (the first: activity {id} on {date})"
    );
    let hint = "choose a later date, or remove or move those activities first";
    Err(refuse(what).hint(hint).into())
}
