//! Automatic awards: activities and attendance earn points by the rules, and lose them
//! again when removed or changed. All in the caller's transaction.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::NaiveDate;
use rusqlite::Connection;

use super::rules::{AwardFor, CAPPED_KIND, PointsRules, activity_reason, week_of};
use crate::db::points::{self, NewEntry, Reason};
use crate::domain::{
    ActivityId, ActivityKind, Channel, EntryKind, PersonId, PointsSource, ProgramId,
};

/// What the rules need to know about an activity.
#[derive(Debug, Clone)]
pub struct ActivityFacts<'a> {
    pub id: ActivityId,
    pub person: PersonId,
    pub program: Option<ProgramId>,
    pub date: NaiveDate,
    pub kind: &'a ActivityKind,
    pub channel: Option<Channel>,
}

impl<'a> ActivityFacts<'a> {
    /// The facts of an activity just stored as `id`.
    pub fn of(id: ActivityId, new: &'a crate::db::activities::NewActivity) -> ActivityFacts<'a> {
        ActivityFacts {
            id,
            person: new.person,
            program: new.program,
            date: new.date,
            kind: &new.kind,
            channel: new.channel,
        }
    }
}

/// Counts a person's paid posts for the caps.
pub trait PaidPosts {
    /// Posts of `person` that earned points (and still stand) from `from` to `to`, inclusive.
    fn count(
        &mut self,
        conn: &Connection,
        person: PersonId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> rusqlite::Result<i64>;

    /// One more post of `person` on `date` has just been paid.
    fn paid(&mut self, person: PersonId, date: NaiveDate);
}

/// Counts paid posts in the ledger, a query each time.
struct InLedger;

impl PaidPosts for InLedger {
    fn count(
        &mut self,
        conn: &Connection,
        person: PersonId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> rusqlite::Result<i64> {
        points::paid_posts(conn, person, CAPPED_KIND, from, to)
    }

    fn paid(&mut self, _: PersonId, _: NaiveDate) {}
}

/// How many posts of each person seen so far earned points, per day: the ledger's count
/// read once per person, plus what was paid since. A capped import then needs no query per
/// post. It holds the days of the people seen, not their posts.
#[derive(Default)]
pub struct PaidTally {
    by_person: HashMap<PersonId, HashMap<NaiveDate, i64>>,
}

impl PaidPosts for PaidTally {
    fn count(
        &mut self,
        conn: &Connection,
        person: PersonId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> rusqlite::Result<i64> {
        let days = match self.by_person.entry(person) {
            Entry::Occupied(known) => known.into_mut(),
            Entry::Vacant(new) => new.insert(
                points::paid_posts_by_day(conn, person, CAPPED_KIND)?
                    .into_iter()
                    .collect(),
            ),
        };
        Ok(from
            .iter_days()
            .take_while(|day| *day <= to)
            .map(|day| days.get(&day).copied().unwrap_or(0))
            .sum())
    }

    /// A person not seen yet is left for `count` to read, award included.
    fn paid(&mut self, person: PersonId, date: NaiveDate) {
        if let Some(days) = self.by_person.get_mut(&person) {
            *days.entry(date).or_default() += 1;
        }
    }
}

/// Awards an activity its points, if the rules give it any. `fresh`: the activity was just
/// recorded (and so never paid before). Returns the points awarded.
pub fn award_activity(
    conn: &Connection,
    rules: &PointsRules,
    activity: &ActivityFacts<'_>,
    fresh: bool,
) -> rusqlite::Result<i64> {
    award_activity_counting(conn, rules, activity, fresh, &mut InLedger)
}

/// `award_activity`, with the person's paid posts counted (for the caps) by `paid`.
pub fn award_activity_counting(
    conn: &Connection,
    rules: &PointsRules,
    activity: &ActivityFacts<'_>,
    fresh: bool,
    paid: &mut dyn PaidPosts,
) -> rusqlite::Result<i64> {
    // An activity outside every programme (recorded with --force) is no programme
    // activity: it is counted in no report, so it earns nothing either.
    if activity.program.is_none() {
        return Ok(0);
    }
    let points = rules.base_points(activity.kind, activity.channel);
    if points == 0 {
        return Ok(0);
    }
    if rules.no_points_before_first_training
        && let Some(program) = activity.program
        && rules.before_first_training(activity.date, points::first_training(conn, program)?)
    {
        return Ok(0);
    }
    let capped = rules.is_capped(activity.kind);
    if capped {
        let (person, date) = (activity.person, activity.date);
        let (monday, sunday) = week_of(date);
        let allowed = rules
            .daily_post_cap
            .allows_counting(|| paid.count(conn, person, date, date))?
            && rules
                .weekly_post_cap
                .allows_counting(|| paid.count(conn, person, monday, sunday))?;
        if !allowed {
            return Ok(0);
        }
    }
    let award = AwardFor::Activity(activity.id);
    // A new activity has never been paid: no need to count earlier awards.
    let earlier = if fresh {
        0
    } else {
        points::awards_of(conn, &award.keys())?
    };
    let key = award
        .key(earlier)
        .ok_or_else(|| points::key_overflow(format_args!("activity {}", activity.id), earlier))?;
    points::insert(
        conn,
        &NewEntry {
            person: activity.person,
            program: activity.program,
            date: activity.date,
            amount: points,
            kind: EntryKind::Award,
            reason: Reason::Shared(&activity_reason(activity.kind, activity.channel)),
            source: PointsSource::Activity,
            activity: Some(activity.id),
            attendance: None,
            key: Some(key),
            reverses: None,
        },
    )?;
    if capped {
        paid.paid(activity.person, activity.date);
    }
    Ok(points)
}

/// Whether an import may pay its activities all at once when it ends (`award_import`).
pub fn awards_at_end_of_import(rules: &PointsRules) -> bool {
    rules.pays_at_end_of_import()
}

/// Pays the activities an import recorded (ids above `after`) in one statement: the awards
/// `award_activity` would have given each of them, when `awards_at_end_of_import` allows.
/// Returns the number of awards.
pub fn award_import(
    conn: &Connection,
    rules: &PointsRules,
    batch: i64,
    after: ActivityId,
) -> rusqlite::Result<usize> {
    points::insert_import_awards(
        conn,
        rules,
        rules.no_points_before_first_training,
        batch,
        after,
    )
}

/// Reverses what an automatic source still has standing. Returns the points taken back.
fn reverse_source(
    conn: &Connection,
    award: AwardFor,
    date: NaiveDate,
    reason: &str,
) -> rusqlite::Result<i64> {
    let Some(points::Standing {
        entry,
        amount,
        person,
        program,
    }) = points::standing_award(conn, &award.keys())?
    else {
        return Ok(0);
    };
    let (activity, attendance) = match award {
        AwardFor::Activity(id) => (Some(id), None),
        AwardFor::Attendance(id) => (None, Some(id)),
    };
    points::insert(
        conn,
        &NewEntry {
            person,
            program,
            date,
            amount: -amount,
            kind: EntryKind::Reversal,
            reason: Reason::Own(reason),
            source: PointsSource::Reversal,
            activity,
            attendance,
            key: None,
            reverses: Some(entry),
        },
    )?;
    Ok(amount)
}

/// Takes back an activity's award (it was removed, or its date changed).
pub fn reverse_activity(
    conn: &Connection,
    activity: ActivityId,
    date: NaiveDate,
    reason: &str,
) -> rusqlite::Result<i64> {
    reverse_source(conn, AwardFor::Activity(activity), date, reason)
}

/// Takes back the awards of every activity of an import batch at once.
pub fn reverse_batch(conn: &Connection, batch: i64, date: NaiveDate) -> rusqlite::Result<usize> {
    points::reverse_batch_awards(conn, batch, date, &format!("import batch {batch} undone"))
}

/// Awards attending a training, or takes the award back when the mark changes away from
/// attended. Returns the change in points.
pub fn attendance_changed(
    conn: &Connection,
    rules: &PointsRules,
    attendance: i64,
    attended: bool,
    today: NaiveDate,
) -> rusqlite::Result<i64> {
    let award = AwardFor::Attendance(attendance);
    let standing = points::standing_award(conn, &award.keys())?;
    match (attended, standing) {
        (true, None) if rules.training_attended > 0 => {
            let points::Attended {
                person,
                program,
                date,
                title,
            } = points::attended(conn, attendance)?;
            // Points are for ambassadors: an applicant, or someone outside their enrolment,
            // is in the room but earns nothing.
            if !crate::db::enrolments::was_enrolled(conn, person, program, date)? {
                return Ok(0);
            }
            let earlier = points::awards_of(conn, &award.keys())?;
            let key = award.key(earlier).ok_or_else(|| {
                points::key_overflow(format_args!("attendance {attendance}"), earlier)
            })?;
            points::insert(
                conn,
                &NewEntry {
                    person,
                    program: Some(program),
                    date,
                    amount: rules.training_attended,
                    kind: EntryKind::Award,
                    reason: Reason::Own(&format!("attended {title}")),
                    source: PointsSource::Attendance,
                    activity: None,
                    attendance: Some(attendance),
                    key: Some(key),
                    reverses: None,
                },
            )?;
            Ok(rules.training_attended)
        }
        (false, Some(_)) => Ok(-reverse_source(
            conn,
            award,
            today,
            "attendance changed from attended",
        )?),
        _ => Ok(0),
    }
}
