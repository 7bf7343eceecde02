//! The aggregates behind the reports: SQL over indexes, never a loop over every row.

// Sums are `CAST(total(x) AS INTEGER)`, never `sum(x)`: SQLite's sum() fails for good with
// "integer overflow" once a total passes 2^63, while total() adds in floating point (exact
// below 2^53, far beyond any real programme) and the cast saturates at the integer limits.
// No value stored in the database, however it got there, can make a report or balance fail.
//
// The per-section queries marked `#[cfg(test)]` are what `report_pass` computes in one pass;
// they stay as the reference its tests compare it with.

use rusqlite::{Connection, params};
use serde::Serialize;

pub use crate::domain::ChannelFigures;
use crate::domain::{EnrolmentStatus, PersonId, ProgramId, Role};

/// Enrolments of a programme by role and status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Participants {
    pub role: Role,
    pub applied: i64,
    pub active: i64,
    pub completed: i64,
    /// Ambassadors who withdrew after they were enrolled.
    pub withdrawn: i64,
    /// Applicants who withdrew, or were turned down, before they were ever enrolled: no
    /// ambassadors, and counted as none.
    pub applications_withdrawn: i64,
}

impl Participants {
    /// The people of this role who were ever enrolled (active, completed or withdrawn).
    pub fn ambassadors(&self) -> i64 {
        self.active + self.completed + self.withdrawn
    }
}

pub fn participants(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Participants>> {
    let mut stmt = conn.prepare(
        "SELECT p.role,
                count(*) FILTER (WHERE e.status = ?2), count(*) FILTER (WHERE e.status = ?3),
                count(*) FILTER (WHERE e.status = ?4),
                count(*) FILTER (WHERE e.status = ?5 AND e.enrolled_on IS NOT NULL),
                count(*) FILTER (WHERE e.status = ?5 AND e.enrolled_on IS NULL)
         FROM enrolment e JOIN person p ON p.id = e.person_id
         WHERE e.program_id = ?1 GROUP BY p.role ORDER BY p.role",
    )?;
    stmt.query_map(
        params![
            program,
            EnrolmentStatus::Applied,
            EnrolmentStatus::Active,
            EnrolmentStatus::Completed,
            EnrolmentStatus::Withdrawn
        ],
        |row| {
            Ok(Participants {
                role: row.get(0)?,
                applied: row.get(1)?,
                active: row.get(2)?,
                completed: row.get(3)?,
                withdrawn: row.get(4)?,
                applications_withdrawn: row.get(5)?,
            })
        },
    )?
    .collect()
}

/// A count under a label (a channel, a month, a unit, a kind).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Count {
    pub key: String,
    pub count: i64,
}

#[cfg(test)]
/// The programme's hashtag posts grouped by `group` (an SQL expression over `a` and `p`).
fn posts_by(conn: &Connection, program: ProgramId, group: &str) -> rusqlite::Result<Vec<Count>> {
    let sql = format!(
        "SELECT {group} AS key, count(*) FROM activity a JOIN person p ON p.id = a.person_id
         WHERE a.program_id = ?1 AND a.kind = 'post'
         GROUP BY key ORDER BY key"
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map([program], |row| {
        Ok(Count {
            key: row.get::<_, Option<String>>(0)?.unwrap_or_default(),
            count: row.get(1)?,
        })
    })?
    .collect()
}

#[cfg(test)]
/// Hashtag posts per channel.
pub fn posts_by_channel(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    posts_by(conn, program, "a.channel")
}

#[cfg(test)]
/// Hashtag posts per calendar month (`YYYY-MM`).
pub fn posts_by_month(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    posts_by(conn, program, "substr(a.date, 1, 7)")
}

#[cfg(test)]
/// Hashtag posts per unit of the people who posted.
pub fn posts_by_unit(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    posts_by(conn, program, "p.unit")
}

#[cfg(test)]
/// How many people posted the programme's hashtag posts, per unit (for `privacy.min_group`).
pub fn posters_by_unit(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    counts(
        conn,
        "SELECT coalesce(p.unit, ''), count(DISTINCT a.person_id)
         FROM activity a JOIN person p ON p.id = a.person_id
         WHERE a.program_id = ?1 AND a.kind = 'post'
         GROUP BY 1",
        program,
    )
}

#[cfg(test)]
/// The `(key, count)` rows of `sql` for one programme (`?1`).
fn counts(conn: &Connection, sql: &str, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([program], |row| {
        Ok(Count {
            key: row.get(0)?,
            count: row.get(1)?,
        })
    })?
    .collect()
}

#[cfg(test)]
/// Activities other than posts (shares, visits, talks, articles…) by kind.
pub fn other_activities(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<Count>> {
    counts(
        conn,
        "SELECT kind, count(*) FROM activity WHERE program_id = ?1 AND kind <> 'post'
         GROUP BY kind ORDER BY count(*) DESC, kind",
        program,
    )
}

/// Points of a programme: earned (awards and adjustments less their reversals) and redeemed.
pub fn points_totals(conn: &Connection, program: ProgramId) -> rusqlite::Result<(i64, i64)> {
    conn.query_row(
        "SELECT CAST(total(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN 0 ELSE e.amount END) AS INTEGER),
                CAST(total(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN -e.amount ELSE 0 END) AS INTEGER)
         FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE e.program_id = ?1",
        [program],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// One of the top ambassadors.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Top {
    pub person_id: PersonId,
    pub name: String,
    pub unit: Option<String>,
    pub value: i64,
}

#[cfg(test)]
/// The people with the most hashtag posts in the programme.
pub fn top_by_posts(
    conn: &Connection,
    program: ProgramId,
    limit: i64,
) -> rusqlite::Result<Vec<Top>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.unit, count(*) AS n FROM activity a JOIN person p ON p.id = a.person_id
         WHERE a.program_id = ?1 AND a.kind = 'post'
         GROUP BY p.id ORDER BY n DESC, fold(p.name), p.id LIMIT ?2",
    )?;
    stmt.query_map(params![program, limit], top_row)?.collect()
}

/// The people who earned the most points in the programme.
pub fn top_by_points(
    conn: &Connection,
    program: ProgramId,
    limit: i64,
) -> rusqlite::Result<Vec<Top>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.unit, CAST(total(e.amount) AS INTEGER) AS n
         FROM points_entry e JOIN person p ON p.id = e.person_id
         LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE e.program_id = ?1 AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption'
         GROUP BY p.id ORDER BY n DESC, fold(p.name), p.id LIMIT ?2",
    )?;
    stmt.query_map(params![program, limit], top_row)?.collect()
}

fn top_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Top> {
    Ok(Top {
        person_id: row.get(0)?,
        name: row.get(1)?,
        unit: row.get(2)?,
        value: row.get(3)?,
    })
}

/// One line of the leaderboard by person.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PersonRank {
    pub rank: i64,
    pub person_id: PersonId,
    pub name: String,
    pub unit: Option<String>,
    pub posts: i64,
    pub activities: i64,
    pub points: i64,
}

/// People by hashtag posts (then all activities, then points earned) in a period.
pub fn leaderboard_people(
    conn: &Connection,
    program: Option<ProgramId>,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
    top: i64,
) -> rusqlite::Result<Vec<PersonRank>> {
    let mut stmt = conn.prepare(
        "WITH acts AS (
             SELECT person_id, count(*) FILTER (WHERE kind = 'post') AS posts, count(*) AS activities
             FROM activity
             WHERE program_id IS NOT NULL AND (?1 IS NULL OR program_id = ?1)
               AND (?2 IS NULL OR day >= unixepoch(?2) / 86400) AND (?3 IS NULL OR day <= unixepoch(?3) / 86400)
             GROUP BY person_id
         ),
         pts AS (
             SELECT e.person_id, CAST(total(e.amount) AS INTEGER) AS points
             FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
             WHERE e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption'
               AND (?1 IS NULL OR e.program_id = ?1)
               AND (?2 IS NULL OR e.day >= unixepoch(?2) / 86400) AND (?3 IS NULL OR e.day <= unixepoch(?3) / 86400)
             GROUP BY e.person_id
         )
         SELECT rank() OVER (ORDER BY a.posts DESC, a.activities DESC, coalesce(t.points, 0) DESC),
                p.id, p.name, p.unit, a.posts, a.activities, coalesce(t.points, 0)
         FROM acts a JOIN person p ON p.id = a.person_id LEFT JOIN pts t ON t.person_id = a.person_id
         ORDER BY 1, fold(p.name), p.id
         LIMIT ?4",
    )?;
    stmt.query_map(params![program, since, until, top], |row| {
        Ok(PersonRank {
            rank: row.get(0)?,
            person_id: row.get(1)?,
            name: row.get(2)?,
            unit: row.get(3)?,
            posts: row.get(4)?,
            activities: row.get(5)?,
            points: row.get(6)?,
        })
    })?
    .collect()
}

/// One line of the leaderboard by unit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitRank {
    pub rank: i64,
    pub unit: String,
    /// People of the unit enrolled at some time in the period.
    pub ambassadors: i64,
    pub posts: i64,
    pub activities: i64,
    pub posts_per_ambassador: f64,
}

/// Units by hashtag posts, or by posts per ambassador enrolled in the period.
pub fn leaderboard_units(
    conn: &Connection,
    program: Option<ProgramId>,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
    per_capita: bool,
    top: i64,
) -> rusqlite::Result<Vec<UnitRank>> {
    let order = if per_capita {
        "posts_per_ambassador DESC, posts DESC"
    } else {
        "posts DESC, posts_per_ambassador DESC"
    };
    let sql = format!(
        "WITH members AS (
             SELECT coalesce(p.unit, '') AS unit, count(DISTINCT p.id) AS ambassadors
             FROM enrolment_period ep JOIN person p ON p.id = ep.person_id
             WHERE (?1 IS NULL OR ep.program_id = ?1)
               AND (?3 IS NULL OR ep.first_day <= ?3)
               AND (?2 IS NULL OR ep.last_day IS NULL OR ep.last_day >= ?2)
             GROUP BY 1
         ),
         acts AS (
             SELECT coalesce(p.unit, '') AS unit, count(*) FILTER (WHERE a.kind = 'post') AS posts,
                    count(*) AS activities
             FROM activity a JOIN person p ON p.id = a.person_id
             WHERE a.program_id IS NOT NULL AND (?1 IS NULL OR a.program_id = ?1)
               AND (?2 IS NULL OR a.day >= unixepoch(?2) / 86400) AND (?3 IS NULL OR a.day <= unixepoch(?3) / 86400)
             GROUP BY 1
         ),
         units AS (
             SELECT m.unit, m.ambassadors, coalesce(a.posts, 0) AS posts,
                    coalesce(a.activities, 0) AS activities,
                    round(coalesce(a.posts, 0) * 1.0 / m.ambassadors, 2) AS posts_per_ambassador
             FROM members m LEFT JOIN acts a ON a.unit = m.unit
         )
         SELECT rank() OVER (ORDER BY {order}), unit, ambassadors, posts, activities, posts_per_ambassador
         FROM units ORDER BY 1, fold(unit) LIMIT ?4"
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map(params![program, since, until, top], |row| {
        Ok(UnitRank {
            rank: row.get(0)?,
            unit: row.get(1)?,
            ambassadors: row.get(2)?,
            posts: row.get(3)?,
            activities: row.get(4)?,
            posts_per_ambassador: row.get(5)?,
        })
    })?
    .collect()
}

/// An active ambassador who may be slipping away.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Slipping {
    pub person_id: PersonId,
    pub name: String,
    pub unit: Option<String>,
    pub program: String,
    pub last_activity: Option<chrono::NaiveDate>,
    pub days_without_activity: Option<i64>,
    pub last_import: Option<chrono::NaiveDate>,
    pub days_since_import: Option<i64>,
    pub quiet: bool,
    pub stale_export: bool,
}

/// Active ambassadors with no activity in `days` days, or whose last import of their own
/// export is older than `days` days (or who never handed one over).
/// Ages are never negative: an activity dated after today is 0 days old.
pub fn health(
    conn: &Connection,
    today: chrono::NaiveDate,
    days: i64,
    program: Option<ProgramId>,
) -> rusqlite::Result<Vec<Slipping>> {
    let mut stmt = conn.prepare(
        "WITH people AS (
             SELECT e.person_id, pr.name AS program, e.enrolled_on
             FROM enrolment e JOIN program pr ON pr.id = e.program_id
             WHERE e.status = 'active' AND (?2 IS NULL OR e.program_id = ?2)
         ),
         facts AS (
             SELECT x.person_id, x.program, x.enrolled_on,
                    (SELECT date(max(a.day) * 86400, 'unixepoch') FROM activity a WHERE a.person_id = x.person_id) AS last_activity,
                    (SELECT max(substr(b.imported_at, 1, 10)) FROM import_batch b
                     WHERE b.person_id = x.person_id AND b.undone_at IS NULL) AS last_import
             FROM people x
         )
         SELECT f.person_id, p.name, p.unit, f.program, f.last_activity,
                max(0, CAST(julianday(?1) - julianday(coalesce(f.last_activity, f.enrolled_on)) AS INTEGER)),
                f.last_import,
                max(0, CAST(julianday(?1) - julianday(coalesce(f.last_import, f.enrolled_on)) AS INTEGER))
         FROM facts f JOIN person p ON p.id = f.person_id
         ORDER BY fold(p.name), p.id",
    )?;
    let rows = stmt.query_map(params![today.to_string(), program], |row| {
        let since_activity: Option<i64> = row.get(5)?;
        let since_import: Option<i64> = row.get(7)?;
        Ok(Slipping {
            person_id: row.get(0)?,
            name: row.get(1)?,
            unit: row.get(2)?,
            program: row.get(3)?,
            last_activity: row.get(4)?,
            days_without_activity: since_activity,
            last_import: row.get(6)?,
            days_since_import: since_import,
            quiet: since_activity.is_some_and(|d| d >= days),
            stale_export: since_import.is_some_and(|d| d >= days),
        })
    })?;
    let mut slipping = Vec::new();
    for row in rows {
        let row = row?;
        if row.quiet || row.stale_export {
            slipping.push(row);
        }
    }
    Ok(slipping)
}

/// Activity counts of one person by kind and channel (identifiers, not a phrase), most
/// first; from the tally kept per person (a few rows a year, however many activities).
pub fn person_activities(
    conn: &Connection,
    person: PersonId,
) -> rusqlite::Result<Vec<crate::db::activities::KindCount>> {
    kind_counts(
        conn,
        "SELECT kind, nullif(channel, ''), sum(n) FROM person_tally WHERE person_id = ?1
         GROUP BY kind, channel ORDER BY sum(n) DESC, kind, channel",
        person,
    )
}

#[cfg(test)]
/// [`person_activities`] counted from the activities: the reference for the tally.
pub fn person_activities_counted(
    conn: &Connection,
    person: PersonId,
) -> rusqlite::Result<Vec<crate::db::activities::KindCount>> {
    kind_counts(
        conn,
        "SELECT kind, channel, count(*) FROM activity WHERE person_id = ?1
         GROUP BY kind, channel ORDER BY count(*) DESC, kind, channel",
        person,
    )
}

fn kind_counts(
    conn: &Connection,
    sql: &str,
    person: PersonId,
) -> rusqlite::Result<Vec<crate::db::activities::KindCount>> {
    let mut stmt = conn.prepare(sql)?;
    stmt.query_map([person], |row| {
        Ok(crate::db::activities::KindCount {
            kind: row.get(0)?,
            channel: row.get(1)?,
            activities: row.get(2)?,
        })
    })?
    .collect()
}

/// A person's last activity date and how many trainings they attended.
pub fn person_last_activity_and_attended(
    conn: &Connection,
    person: PersonId,
) -> rusqlite::Result<(Option<chrono::NaiveDate>, i64)> {
    conn.query_row(
        "SELECT (SELECT date(max(day) * 86400, 'unixepoch') FROM activity WHERE person_id = ?1),
                (SELECT count(*) FROM attendance WHERE person_id = ?1 AND status = 'attended')",
        [person],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
}

/// Figures of a period (all programmes, alumni included).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Period {
    pub posts: i64,
    pub shares: i64,
    pub other_activities: i64,
    pub ambassadors_posting: i64,
    pub people_enrolled: i64,
    pub trainings: i64,
    pub points_earned: i64,
}

#[cfg(test)]
/// The figures of the days `from..=to`.
pub fn period(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> rusqlite::Result<Period> {
    let rest = period_people_and_trainings(conn, from, to)?;
    let (from, to) = (from.to_string(), to.to_string());
    let points_earned: i64 = conn.query_row(
        "SELECT CAST(total(e.amount) AS INTEGER) FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE e.day BETWEEN unixepoch(?1) / 86400 AND unixepoch(?2) / 86400 AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption'",
        params![from, to],
        |row| row.get(0),
    )?;
    let (posts, shares, other, posting): (i64, i64, i64, i64) = conn.query_row(
        "SELECT count(*) FILTER (WHERE kind = 'post'), count(*) FILTER (WHERE kind = 'share'),
                count(*) FILTER (WHERE kind NOT IN ('post', 'share')),
                count(DISTINCT person_id) FILTER (WHERE kind = 'post')
         FROM activity WHERE program_id IS NOT NULL AND day BETWEEN unixepoch(?1) / 86400 AND unixepoch(?2) / 86400",
        params![from, to],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    )?;
    Ok(Period {
        posts,
        shares,
        other_activities: other,
        ambassadors_posting: posting,
        points_earned,
        ..rest
    })
}

/// The people enrolled and the trainings in the days `from..=to` (the other figures left at
/// zero).
pub fn period_people_and_trainings(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> rusqlite::Result<Period> {
    let (from, to) = (from.to_string(), to.to_string());
    let enrolled: i64 = conn.query_row(
        "SELECT count(DISTINCT person_id) FROM enrolment_period
         WHERE first_day <= ?2 AND (last_day IS NULL OR last_day >= ?1)",
        params![from, to],
        |row| row.get(0),
    )?;
    let trainings: i64 = conn.query_row(
        "SELECT count(*) FROM training WHERE date BETWEEN ?1 AND ?2",
        params![from, to],
        |row| row.get(0),
    )?;
    Ok(Period {
        people_enrolled: enrolled,
        trainings,
        ..Period::default()
    })
}

#[cfg(test)]
/// Hashtag posts per channel in the days `from..=to`.
pub fn period_posts_by_channel(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> rusqlite::Result<Vec<Count>> {
    let mut stmt = conn.prepare(
        "SELECT channel, count(*) FROM activity
         WHERE program_id IS NOT NULL AND kind = 'post' AND day BETWEEN unixepoch(?1) / 86400 AND unixepoch(?2) / 86400
         GROUP BY channel ORDER BY count(*) DESC, channel",
    )?;
    stmt.query_map(params![from.to_string(), to.to_string()], |row| {
        Ok(Count {
            key: row.get::<_, Option<String>>(0)?.unwrap_or_default(),
            count: row.get(1)?,
        })
    })?
    .collect()
}

/// Impressions, clicks and engagements (reactions + comments + shares) of a programme's
/// activities per channel, from the figures recorded.
pub fn channel_figures(
    conn: &Connection,
    program: ProgramId,
) -> rusqlite::Result<Vec<ChannelFigures>> {
    let mut stmt = conn.prepare(
        "SELECT channel, CAST(total(impressions) AS INTEGER), CAST(total(clicks) AS INTEGER),
                CAST(total(coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)) AS INTEGER)
         FROM activity WHERE program_id = ?1 AND channel IS NOT NULL
         GROUP BY channel ORDER BY channel",
    )?;
    stmt.query_map([program], |row| {
        Ok(ChannelFigures {
            channel: row.get(0)?,
            impressions: row.get(1)?,
            clicks: row.get(2)?,
            engagements: row.get(3)?,
        })
    })?
    .collect()
}

/// Packages of the programme delivered and not returned.
pub fn swag_delivered(conn: &Connection, program: ProgramId) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT count(*) FROM swag_delivery WHERE program_id = ?1 AND status = 'delivered'",
        [program],
        |row| row.get(0),
    )
}

/// Calls `each` with the lifetime earned points of every person ever enrolled in the
/// programme (applicants who were never enrolled are no ambassadors).
pub fn earned_of_participants(
    conn: &Connection,
    program: ProgramId,
    each: &mut dyn FnMut(i64),
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "SELECT coalesce((SELECT CAST(total(e.amount) AS INTEGER) FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
                          WHERE e.person_id = x.person_id AND e.kind <> 'redemption'
                            AND coalesce(r.kind, '') <> 'redemption'), 0)
         FROM (SELECT DISTINCT person_id FROM enrolment_period WHERE program_id = ?1) x",
    )?;
    let mut rows = stmt.query([program])?;
    while let Some(row) = rows.next()? {
        each(row.get(0)?);
    }
    Ok(())
}
