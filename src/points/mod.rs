//! Reward points by the configured rules: automatic awards for activities and attendance,
//! their reversals, and rescoring when the rules change. All in the caller's transaction.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::config::PointsRules;
use crate::db::points::{self, NewEntry};
use crate::domain::{
    ActivityId, ActivityKind, Channel, EntryKind, PersonId, PointsSource, ProgramId,
};
use crate::error::invalid;

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

/// Points the rules give an activity of this kind on this channel, before caps.
pub fn base_points(rules: &PointsRules, kind: &ActivityKind, channel: Option<Channel>) -> i64 {
    channel
        .and_then(|c| rules.channels.get(&format!("{kind}.{c}")))
        .or_else(|| rules.activities.get(kind.as_str()))
        .copied()
        .unwrap_or(0)
}

fn first_training(conn: &Connection, program: ProgramId) -> rusqlite::Result<Option<NaiveDate>> {
    conn.prepare_cached("SELECT min(date) FROM training WHERE program_id = ?1")?
        .query_row([program], |row| row.get(0))
}

/// The Monday of the week of `date`.
fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The idempotency key of an activity's awards, zero-padded so that keys sort (and are
/// indexed) in the order activities are recorded.
fn activity_key(id: ActivityId) -> String {
    format!("activity:{:012}", id.0)
}

/// Awards an activity its points, if the rules give it any. `fresh`: the activity was just
/// recorded (and so never paid before). Returns the points awarded.
pub fn award_activity(
    conn: &Connection,
    rules: &PointsRules,
    activity: &ActivityFacts<'_>,
    fresh: bool,
) -> rusqlite::Result<i64> {
    let person = activity.person;
    award_activity_counting(conn, rules, activity, fresh, &mut |from, to| {
        points::paid_posts(conn, person, from, to)
    })
}

/// How many of the person's posts between two dates (inclusive) earned points.
pub type PaidPosts<'a> = dyn FnMut(NaiveDate, NaiveDate) -> rusqlite::Result<i64> + 'a;

/// `award_activity`, with the person's paid posts counted by `paid` (for the caps).
pub fn award_activity_counting(
    conn: &Connection,
    rules: &PointsRules,
    activity: &ActivityFacts<'_>,
    fresh: bool,
    paid: &mut PaidPosts<'_>,
) -> rusqlite::Result<i64> {
    let points = base_points(rules, activity.kind, activity.channel);
    if points == 0 {
        return Ok(0);
    }
    if rules.no_points_before_first_training
        && let Some(program) = activity.program
        && first_training(conn, program)?.is_some_and(|first| activity.date < first)
    {
        return Ok(0);
    }
    if activity.kind.as_str() == "post" {
        let daily = rules.daily_post_cap;
        if daily > 0 && paid(activity.date, activity.date)? >= i64::from(daily) {
            return Ok(0);
        }
        let weekly = rules.weekly_post_cap;
        let monday = week_start(activity.date);
        if weekly > 0 && paid(monday, monday + Duration::days(6))? >= i64::from(weekly) {
            return Ok(0);
        }
    }
    let prefix = activity_key(activity.id);
    // A new activity has never been paid: no need to count earlier awards.
    let earlier = if fresh {
        0
    } else {
        points::awards_of(conn, &prefix)?
    };
    let key = format!("{prefix}#{earlier}");
    let channel = activity
        .channel
        .map(|c| format!(" on {c}"))
        .unwrap_or_default();
    points::insert(
        conn,
        &NewEntry {
            person: activity.person,
            program: activity.program,
            date: activity.date,
            amount: points,
            kind: EntryKind::Award,
            reason: &format!("{}{channel} (activity {})", activity.kind, activity.id),
            source: PointsSource::Activity,
            activity: Some(activity.id),
            attendance: None,
            key: Some(key),
            reverses: None,
        },
    )?;
    Ok(points)
}

/// Whether an import may pay its activities all at once when it ends (`award_import`).
/// Post caps depend on the order of payment, so under caps an import pays row by row.
pub fn awards_at_end_of_import(rules: &PointsRules) -> bool {
    rules.daily_post_cap == 0 && rules.weekly_post_cap == 0
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
    let rules_of_points = rules.clone();
    conn.create_scalar_function(
        "amb_points",
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |ctx| {
            let kind: ActivityKind = ctx.get(0)?;
            let channel: Option<Channel> = ctx.get(1)?;
            Ok(base_points(&rules_of_points, &kind, channel))
        },
    )?;
    let awarded =
        points::insert_import_awards(conn, batch, after, rules.no_points_before_first_training);
    conn.remove_function("amb_points", 2)?;
    awarded
}

/// Reverses what an automatic source still has standing. Returns the points taken back.
fn reverse_source(
    conn: &Connection,
    prefix: &str,
    activity: Option<ActivityId>,
    attendance: Option<i64>,
    date: NaiveDate,
    reason: &str,
) -> rusqlite::Result<i64> {
    let Some(points::Standing {
        entry,
        amount,
        person,
        program,
    }) = points::standing_award(conn, prefix)?
    else {
        return Ok(0);
    };
    points::insert(
        conn,
        &NewEntry {
            person,
            program,
            date,
            amount: -amount,
            kind: EntryKind::Reversal,
            reason,
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
    reverse_source(
        conn,
        &activity_key(activity),
        Some(activity),
        None,
        date,
        reason,
    )
}

/// Takes back the awards of every activity of an import batch at once.
pub fn reverse_batch(conn: &Connection, batch: i64, date: NaiveDate) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason, source,
                                   activity_id, reverses, created_at)
         SELECT e.person_id, e.program_id, ?2, -e.amount, 'reversal',
                'import batch ' || ?1 || ' undone', 'reversal', e.activity_id, e.id,
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
         FROM activity a JOIN points_entry e ON e.activity_id = a.id AND e.kind = 'award'
         WHERE a.batch_id = ?1
           AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)",
        params![batch, date.to_string()],
    )
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
    let prefix = format!("attendance:{attendance:012}");
    let standing = points::standing_award(conn, &prefix)?;
    match (attended, standing) {
        (true, None) if rules.training_attended > 0 => {
            let (person, program, date, title): (PersonId, ProgramId, NaiveDate, String) = conn
                .query_row(
                    "SELECT a.person_id, t.program_id, t.date, t.title
                     FROM attendance a JOIN training t ON t.id = a.training_id WHERE a.id = ?1",
                    [attendance],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
                )?;
            let key = format!("{prefix}#{}", points::awards_of(conn, &prefix)?);
            points::insert(
                conn,
                &NewEntry {
                    person,
                    program: Some(program),
                    date,
                    amount: rules.training_attended,
                    kind: EntryKind::Award,
                    reason: &format!("attended {title}"),
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
            &prefix,
            None,
            Some(attendance),
            today,
            "attendance changed from attended",
        )?),
        _ => Ok(0),
    }
}

/// The most points one hand-written entry may hold: no sum of them can overflow.
pub const MAX_POINTS: i64 = 1_000_000_000;

/// Awards points by hand (`redeem: false`) or spends them on a reward (`redeem: true`,
/// refused beyond the balance unless the rules allow a negative one). Returns the entry id.
pub fn manual_entry(
    conn: &Connection,
    rules: &PointsRules,
    person: &crate::db::people::Person,
    amount: i64,
    text: &str,
    date: NaiveDate,
    redeem: bool,
) -> anyhow::Result<i64> {
    if amount <= 0 {
        return Err(invalid(format!(
            "the points must be more than 0 (got {amount}); to take points back, reverse the entry"
        )));
    }
    if amount > MAX_POINTS {
        return Err(invalid(format!(
            "{amount} points is more than one entry may hold ({MAX_POINTS})"
        )));
    }
    let text = crate::text::non_empty(Some(text)).ok_or_else(|| {
        invalid(if redeem {
            "say what the reward is with --reward"
        } else {
            "say why with --reason"
        })
    })?;
    let balance = points::balance_of(conn, person.id)?;
    if redeem && amount > balance && !rules.allow_negative_balance {
        return Err(invalid(format!(
            "{} has {balance} points; {amount} cannot be redeemed\n  hint: set allow_negative_balance = true under [points] in the config to allow it",
            person.name
        )));
    }
    let (kind, source, amount) = if redeem {
        (EntryKind::Redemption, PointsSource::Redemption, -amount)
    } else {
        (EntryKind::Award, PointsSource::Manual, amount)
    };
    Ok(points::insert(
        conn,
        &NewEntry {
            person: person.id,
            program: crate::db::activities::program_on(conn, person.id, date)?,
            date,
            amount,
            kind,
            reason: &text,
            source,
            activity: None,
            attendance: None,
            key: None,
            reverses: None,
        },
    )?)
}

/// Cancels a ledger entry with a new, opposite one. An entry can be reversed once, and a
/// reversal is not reversed. Returns the new entry's id.
pub fn reverse_entry(
    conn: &Connection,
    id: i64,
    reason: Option<&str>,
    today: NaiveDate,
) -> anyhow::Result<i64> {
    let entry = points::get(conn, id)?.ok_or_else(|| {
        invalid(format!(
            "there is no ledger entry {id}\n  hint: `amb points ledger` shows them"
        ))
    })?;
    if let Some(by) = entry.reversed_by {
        return Err(invalid(format!(
            "entry {id} was already reversed by entry {by}"
        )));
    }
    if entry.kind == EntryKind::Reversal {
        return Err(invalid(format!(
            "entry {id} is itself a reversal (of entry {}); record a new award or redemption instead",
            entry.reverses.unwrap_or_default()
        )));
    }
    if matches!(
        entry.source,
        PointsSource::Activity | PointsSource::Attendance | PointsSource::Rescore
    ) {
        return Err(invalid(format!(
            "entry {id} follows the rules ({}); its points go when the activity is removed or the attendance changed, or the rules changed and rescored\n  hint: for a one-off correction, award or redeem points by hand",
            entry.reason
        )));
    }
    let reason = crate::text::non_empty(reason)
        .unwrap_or_else(|| format!("reversal of entry {id} ({})", entry.reason));
    Ok(points::insert(
        conn,
        &NewEntry {
            person: entry.person_id,
            program: entry.program_id,
            date: today,
            amount: -entry.amount,
            kind: EntryKind::Reversal,
            reason: &reason,
            source: PointsSource::Reversal,
            activity: entry.activity_id.map(ActivityId),
            attendance: entry.attendance_id,
            key: None,
            reverses: Some(id),
        },
    )?)
}

/// What the current rules would give one person in one programme, beside what stands.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Rescore {
    pub person_id: PersonId,
    pub name: String,
    pub program_id: Option<ProgramId>,
    pub program: Option<String>,
    pub awarded: i64,
    pub expected: i64,
    pub difference: i64,
}

/// Compares, person by person and programme by programme, the points the current rules
/// give every recorded activity and attendance with the automatic points that stand
/// (awards, their reversals and earlier rescores). Only differences are returned.
pub fn rescore(conn: &Connection, rules: &PointsRules) -> rusqlite::Result<Vec<Rescore>> {
    rescore_of(conn, rules, None)
}

/// [`rescore`] of one person only (every row, differences or not), or of everyone.
fn rescore_all_rows(
    conn: &Connection,
    rules: &PointsRules,
    person: Option<PersonId>,
) -> rusqlite::Result<Vec<Rescore>> {
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.rule_points;
         CREATE TEMP TABLE rule_points (kind TEXT NOT NULL, channel TEXT NOT NULL, points INTEGER NOT NULL,
                                        PRIMARY KEY (kind, channel));",
    )?;
    {
        let mut insert = conn.prepare("INSERT INTO temp.rule_points VALUES (?1, ?2, ?3)")?;
        for (kind, points) in &rules.activities {
            insert.execute(params![kind, "", points])?;
        }
        for (key, points) in &rules.channels {
            if let Some((kind, channel)) = key.split_once('.') {
                let channel: Channel = channel
                    .parse()
                    .map_err(|e: String| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
                insert.execute(params![kind, channel, points])?;
            }
        }
    }
    let daily = i64::from(rules.daily_post_cap);
    let weekly = i64::from(rules.weekly_post_cap);
    let sql = "
        WITH rated AS (
            SELECT a.id, a.person_id, a.program_id, a.date, a.kind,
                   coalesce((SELECT points FROM temp.rule_points r WHERE r.kind = a.kind AND r.channel = a.channel),
                            (SELECT points FROM temp.rule_points r WHERE r.kind = a.kind AND r.channel = ''), 0) AS points
            FROM activity a
            WHERE (?5 IS NULL OR a.person_id = ?5)
              AND NOT (?3 AND a.program_id IS NOT NULL
                       AND a.date < coalesce((SELECT min(t.date) FROM training t WHERE t.program_id = a.program_id), a.date))
        ),
        daily AS (
            SELECT *, CASE WHEN kind = 'post' AND points > 0
                           THEN row_number() OVER (PARTITION BY person_id, date, kind = 'post' AND points > 0 ORDER BY id)
                           ELSE 0 END AS nth_today
            FROM rated
        ),
        paid_today AS (
            SELECT * FROM daily WHERE ?1 = 0 OR nth_today <= ?1
        ),
        weekly AS (
            SELECT *, CASE WHEN kind = 'post' AND points > 0
                           THEN row_number() OVER (
                                PARTITION BY person_id, date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) % 7) || ' days'),
                                             kind = 'post' AND points > 0
                                ORDER BY id)
                           ELSE 0 END AS nth_week
            FROM paid_today
        ),
        expected AS (
            SELECT person_id, program_id, sum(points) AS points FROM weekly
            WHERE ?2 = 0 OR nth_week <= ?2
            GROUP BY person_id, program_id
            UNION ALL
            SELECT a.person_id, t.program_id, ?4 * count(*)
            FROM attendance a JOIN training t ON t.id = a.training_id
            WHERE a.status = 'attended' AND (?5 IS NULL OR a.person_id = ?5)
            GROUP BY a.person_id, t.program_id
        ),
        standing AS (
            SELECT e.person_id, e.program_id, sum(e.amount) AS points
            FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
            WHERE (?5 IS NULL OR e.person_id = ?5)
              AND (e.source IN ('activity', 'attendance', 'rescore')
                   OR (e.kind = 'reversal' AND r.source IN ('activity', 'attendance', 'rescore')))
            GROUP BY e.person_id, e.program_id
        ),
        keys AS (
            SELECT person_id, program_id FROM expected UNION SELECT person_id, program_id FROM standing
        )
        SELECT k.person_id, p.name, k.program_id, pr.name,
               coalesce((SELECT points FROM standing s WHERE s.person_id = k.person_id AND s.program_id IS k.program_id), 0) AS awarded,
               coalesce((SELECT sum(points) FROM expected x WHERE x.person_id = k.person_id AND x.program_id IS k.program_id), 0) AS expected
        FROM keys k JOIN person p ON p.id = k.person_id LEFT JOIN program pr ON pr.id = k.program_id
        ORDER BY fold(p.name), k.person_id, k.program_id";
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(
        params![
            daily,
            weekly,
            rules.no_points_before_first_training,
            rules.training_attended,
            person
        ],
        |row| {
            let awarded: i64 = row.get(4)?;
            let expected: i64 = row.get(5)?;
            Ok(Rescore {
                person_id: row.get(0)?,
                name: row.get(1)?,
                program_id: row.get(2)?,
                program: row.get(3)?,
                awarded,
                expected,
                difference: expected - awarded,
            })
        },
    )?;
    rows.collect()
}

fn rescore_of(
    conn: &Connection,
    rules: &PointsRules,
    person: Option<PersonId>,
) -> rusqlite::Result<Vec<Rescore>> {
    let mut rows = rescore_all_rows(conn, rules, person)?;
    rows.retain(|row| row.difference != 0);
    Ok(rows)
}

/// Makes a change to activities or attendance (`change`), then recalculates the points of
/// the people it touches so that the change has its full effect under the rules in force:
/// a removed post takes back its share of earlier rescores, a post a cap held back is paid
/// when an earlier one goes, and so on. A difference the rules had before the change (rules
/// changed but not yet rescored) is left for `amb points rescore`.
pub fn settle<T>(
    conn: &Connection,
    rules: &PointsRules,
    people: &[PersonId],
    today: NaiveDate,
    what: &str,
    change: impl FnOnce() -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let differences = |conn: &Connection| -> rusqlite::Result<Vec<Rescore>> {
        let mut all = Vec::new();
        for person in people {
            all.extend(rescore_all_rows(conn, rules, Some(*person))?);
        }
        Ok(all)
    };
    let before = differences(conn)?;
    let result = change()?;
    let after = differences(conn)?;
    // Every person and programme seen before or after (a change can empty either side).
    let mut keys: Vec<(PersonId, Option<ProgramId>)> = before
        .iter()
        .chain(&after)
        .map(|r| (r.person_id, r.program_id))
        .collect();
    keys.sort();
    keys.dedup();
    let difference = |rows: &[Rescore], key: (PersonId, Option<ProgramId>)| {
        rows.iter()
            .find(|r| (r.person_id, r.program_id) == key)
            .map_or(0, |r| r.difference)
    };
    for key in keys {
        let amount = difference(&after, key) - difference(&before, key);
        if amount != 0 {
            let reason = format!("recalculated after {what}");
            points::insert(conn, &rescore_entry(key.0, key.1, today, amount, &reason))?;
        }
    }
    Ok(result)
}

/// Writes each difference as one adjustment entry (history is never rewritten).
pub fn apply_rescore(
    conn: &Connection,
    rows: &[Rescore],
    today: NaiveDate,
) -> rusqlite::Result<usize> {
    for row in rows {
        let reason = format!(
            "rescore: the rules now give {} instead of {}",
            row.expected, row.awarded
        );
        let entry = rescore_entry(
            row.person_id,
            row.program_id,
            today,
            row.difference,
            &reason,
        );
        points::insert(conn, &entry)?;
    }
    Ok(rows.len())
}

/// An adjustment that brings a person's automatic points in line with the rules.
fn rescore_entry(
    person: PersonId,
    program: Option<ProgramId>,
    date: NaiveDate,
    amount: i64,
    reason: &str,
) -> NewEntry<'_> {
    NewEntry {
        person,
        program,
        date,
        amount,
        kind: EntryKind::Adjustment,
        reason,
        source: PointsSource::Rescore,
        activity: None,
        attendance: None,
        key: None,
        reverses: None,
    }
}

/// The attendance row of a person at a training, if marked.
pub fn attendance_id(
    conn: &Connection,
    training: i64,
    person: PersonId,
) -> rusqlite::Result<Option<i64>> {
    conn.query_row(
        "SELECT id FROM attendance WHERE training_id = ?1 AND person_id = ?2",
        params![training, person],
        |row| row.get(0),
    )
    .optional()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_rules_override_kind_rules() {
        let mut rules = PointsRules::default();
        rules.channels.insert("post.linkedin".into(), 15);
        let post = ActivityKind::post();
        assert_eq!(base_points(&rules, &post, Some(Channel::Linkedin)), 15);
        assert_eq!(base_points(&rules, &post, Some(Channel::X)), 10);
        assert_eq!(base_points(&rules, &ActivityKind::share(), None), 3);
        let other = ActivityKind::parse("other", &[]).unwrap();
        assert_eq!(base_points(&rules, &other, None), 0);
    }

    #[test]
    fn weeks_start_on_monday() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(week_start(day("2022-11-02")), day("2022-10-31"));
        assert_eq!(week_start(day("2022-10-31")), day("2022-10-31"));
        assert_eq!(week_start(day("2022-11-06")), day("2022-10-31"));
    }
}
