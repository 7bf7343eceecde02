//! All points SQL: the append-only ledger (a balance is a sum), the automatic awards'
//! bookkeeping, the bulk award of an import and the rescore query. The rules themselves are
//! not written here: statements that need them call the Rust rules through SQL functions
//! registered for the statement (see [`SqlRules`]).

// Sums are `CAST(total(x) AS INTEGER)`, never `sum(x)`: SQLite's sum() fails for good with
// "integer overflow" once a total passes 2^63, while total() adds in floating point (exact
// below 2^53, far beyond any real programme) and the cast saturates at the integer limits.
// No value stored in the database, however it got there, can make a report or balance fail.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::ops::Range;
use std::sync::Arc;

use chrono::NaiveDate;
use rusqlite::functions::FunctionFlags;
use rusqlite::types::{ToSqlOutput, Type, Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use super::activity_codes::day_number;
use crate::domain::{
    ActivityId, ActivityKind, Channel, EntryKind, PersonId, PointsSource, ProgramId,
};

/// A ledger entry as listed.
#[derive(Debug, Clone, Default, Serialize)]
pub struct LedgerEntry {
    pub id: i64,
    pub date: NaiveDate,
    pub person_id: PersonId,
    pub person: String,
    pub program_id: Option<ProgramId>,
    pub program: Option<String>,
    pub amount: i64,
    pub kind: EntryKind,
    pub reason: String,
    pub source: PointsSource,
    pub activity_id: Option<i64>,
    pub attendance_id: Option<i64>,
    pub reverses: Option<i64>,
    pub reversed_by: Option<i64>,
    pub created_at: String,
}

/// Why an entry was written, as the ledger keeps it.
#[derive(Debug, Clone, Copy)]
pub enum Reason<'a> {
    /// The entry's own text.
    Own(&'a str),
    /// A text many entries share, kept once (`points_reason`): the rules' words for what an
    /// automatic award pays for ("post on x", shown with its activity after it: "post on x
    /// (activity 4)"), or the reason of an undone import's reversals.
    Shared(&'a str),
}

/// How an entry `e` is shown and hashed: its own reason, or the shared one (an activity
/// award's followed by its activity).
macro_rules! shown_reason {
    () => {
        "coalesce(e.reason, (SELECT s.text FROM points_reason s WHERE s.id = e.reason_id)
                  || CASE WHEN e.source = 'activity' THEN ' (activity ' || e.activity_id || ')' ELSE '' END)"
    };
}
pub(crate) use shown_reason;

/// When entry `e` was written, as text: kept as seconds since 1970 (UTC).
macro_rules! shown_created_at {
    () => {
        "CASE WHEN typeof(e.created_at) = 'integer'
              THEN strftime('%Y-%m-%dT%H:%M:%SZ', e.created_at, 'unixepoch') ELSE e.created_at END"
    };
}
pub(crate) use shown_created_at;

/// An entry to append.
#[derive(Debug, Clone)]
pub struct NewEntry<'a> {
    pub person: PersonId,
    pub program: Option<ProgramId>,
    pub date: NaiveDate,
    pub amount: i64,
    pub kind: EntryKind,
    pub reason: Reason<'a>,
    pub source: PointsSource,
    pub activity: Option<ActivityId>,
    pub attendance: Option<i64>,
    pub key: Option<i64>,
    pub reverses: Option<i64>,
}

/// Keeps a shared reason (once).
fn share_reason(conn: &Connection, text: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT OR IGNORE INTO points_reason (text) VALUES (?1)")?
        .execute([text])?;
    Ok(())
}

/// Appends an entry.
pub fn insert(conn: &Connection, entry: &NewEntry<'_>) -> rusqlite::Result<i64> {
    let (own, shared) = match entry.reason {
        Reason::Own(text) => (Some(text), None),
        Reason::Shared(text) => {
            share_reason(conn, text)?;
            (None, Some(text))
        }
    };
    conn.prepare_cached(
        "INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, reason_id, source,
                                   activity_id, attendance_id, idempotency_key, reverses, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, (SELECT id FROM points_reason WHERE text = ?12), ?7, ?8, ?9, ?10, ?11,
                 unixepoch('now'))",
    )?
    .execute(params![
        entry.person,
        entry.program,
        day_number(entry.date),
        entry.amount,
        entry.kind,
        own,
        entry.source,
        entry.activity,
        entry.attendance,
        entry.key,
        entry.reverses,
        shared,
    ])?;
    let id = conn.last_insert_rowid();
    seal(conn)?;
    Ok(id)
}

const SELECT: &str = concat!(
    "SELECT e.id, e.date, e.person_id, p.name, e.program_id, pr.name, e.amount, e.kind, ",
    shown_reason!(),
    ", e.source, e.activity_id, e.attendance_id, e.reverses,
           (SELECT r.id FROM points_entry r WHERE r.reverses = e.id), ",
    shown_created_at!(),
    "
    FROM points_entry e
    JOIN person p ON p.id = e.person_id
    LEFT JOIN program pr ON pr.id = e.program_id"
);

fn from_row(row: &Row<'_>) -> rusqlite::Result<LedgerEntry> {
    Ok(LedgerEntry {
        id: row.get(0)?,
        date: row.get(1)?,
        person_id: row.get(2)?,
        person: row.get(3)?,
        program_id: row.get(4)?,
        program: row.get(5)?,
        amount: row.get(6)?,
        kind: row.get(7)?,
        reason: row.get(8)?,
        source: row.get(9)?,
        activity_id: row.get(10)?,
        attendance_id: row.get(11)?,
        reverses: row.get(12)?,
        reversed_by: row.get(13)?,
        created_at: row.get(14)?,
    })
}

/// One entry by id.
pub fn get(conn: &Connection, id: i64) -> rusqlite::Result<Option<LedgerEntry>> {
    conn.query_row(&format!("{SELECT} WHERE e.id = ?1"), [id], from_row)
        .optional()
}

/// Entries in the order they were written, of one person or all, from a date on.
pub fn ledger(
    conn: &Connection,
    person: Option<PersonId>,
    since: Option<NaiveDate>,
) -> rusqlite::Result<Vec<LedgerEntry>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE (?1 IS NULL OR e.person_id = ?1) AND (?2 IS NULL OR e.day >= ?2) ORDER BY e.id"
    ))?;
    stmt.query_map(params![person, since.map(day_number)], from_row)?
        .collect()
}

pub use super::points_tally::Balance;

/// Balances of everyone (or of one person), highest first; no entries is a balance of 0.
/// Read from the ledger's kept sums; from its entries when those sums are not exact.
pub fn balances(conn: &Connection, person: Option<PersonId>) -> rusqlite::Result<Vec<Balance>> {
    match super::points_tally::balances(conn, person)? {
        Some(balances) => Ok(balances),
        None => balances_from_entries(conn, person),
    }
}

/// [`balances`] summed over the ledger's entries.
pub(crate) fn balances_from_entries(
    conn: &Connection,
    person: Option<PersonId>,
) -> rusqlite::Result<Vec<Balance>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, CAST(total(e.amount) AS INTEGER),
                CAST(total(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN -e.amount ELSE 0 END) AS INTEGER)
         FROM person p
         LEFT JOIN points_entry e ON e.person_id = p.id
         LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE ?1 IS NULL OR p.id = ?1
         GROUP BY p.id
         ORDER BY 3 DESC, fold(p.name), p.id",
    )?;
    stmt.query_map([person], |row| {
        let balance: i64 = row.get(2)?;
        let redeemed: i64 = row.get(3)?;
        Ok(Balance {
            person_id: row.get(0)?,
            name: row.get(1)?,
            balance,
            earned: balance.saturating_add(redeemed),
            redeemed,
            tier: None,
        })
    })?
    .collect()
}

/// A person's current balance.
pub fn balance_of(conn: &Connection, person: PersonId) -> rusqlite::Result<i64> {
    if let Some(balance) = super::points_tally::balance_of(conn, person)? {
        return Ok(balance);
    }
    conn.prepare_cached(
        "SELECT CAST(total(amount) AS INTEGER) FROM points_entry WHERE person_id = ?1",
    )?
    .query_row([person], |row| row.get(0))
}

/// An automatic award that still stands (is not reversed).
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    pub entry: i64,
    pub amount: i64,
    pub person: PersonId,
    pub program: Option<ProgramId>,
}

/// The award of an automatic source that is still standing, if any; `keys`: the range of
/// its awards' idempotency keys.
pub fn standing_award(conn: &Connection, keys: &Range<i64>) -> rusqlite::Result<Option<Standing>> {
    conn.prepare_cached(
        "SELECT e.id, e.amount, e.person_id, e.program_id FROM points_entry e
         WHERE e.idempotency_key >= ?1 AND e.idempotency_key < ?2
           AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)
         ORDER BY e.id DESC LIMIT 1",
    )?
    .query_row([keys.start, keys.end], |row| {
        Ok(Standing {
            entry: row.get(0)?,
            amount: row.get(1)?,
            person: row.get(2)?,
            program: row.get(3)?,
        })
    })
    .optional()
}

/// How many awards an automatic source has had (the next one is numbered after them);
/// `keys`: the range of its awards' idempotency keys.
pub fn awards_of(conn: &Connection, keys: &Range<i64>) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT count(*) FROM points_entry WHERE idempotency_key >= ?1 AND idempotency_key < ?2",
    )?
    .query_row([keys.start, keys.end], |row| row.get(0))
}

/// The awards of person ?1's activities of kind ?2 that still stand: what the post caps count.
macro_rules! paid_of_person {
    () => {
        "FROM points_entry e JOIN activity a ON a.id = e.activity_id
         WHERE e.person_id = ?1 AND e.kind = 'award' AND e.source = 'activity' AND a.kind = ?2
           AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)"
    };
}

/// The person's activities of the capped kind that earned points (and still stand),
/// counted per day.
pub fn paid_posts_by_day(
    conn: &Connection,
    person: PersonId,
    capped_kind: &str,
) -> rusqlite::Result<Vec<(NaiveDate, i64)>> {
    conn.prepare_cached(concat!(
        "SELECT date(e.day * 86400, 'unixepoch'), count(*) ",
        paid_of_person!(),
        " GROUP BY e.day"
    ))?
    .query_map(params![person, capped_kind], |row| {
        Ok((row.get(0)?, row.get(1)?))
    })?
    .collect()
}

/// Activities of the person of the capped kind that earned points (and still stand)
/// between two dates.
pub fn paid_posts(
    conn: &Connection,
    person: PersonId,
    capped_kind: &str,
    from: NaiveDate,
    to: NaiveDate,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(concat!(
        "SELECT count(*) ",
        paid_of_person!(),
        " AND e.day BETWEEN ?3 AND ?4"
    ))?
    .query_row(
        params![person, capped_kind, day_number(from), day_number(to)],
        |row| row.get(0),
    )
}

/// The first training of a programme, if it has had one.
pub fn first_training(
    conn: &Connection,
    program: ProgramId,
) -> rusqlite::Result<Option<NaiveDate>> {
    conn.prepare_cached("SELECT min(date) FROM training WHERE program_id = ?1")?
        .query_row([program], |row| row.get(0))
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

/// What attending pays for: who attended, the training's programme, date and title.
#[derive(Debug, Clone)]
pub struct Attended {
    pub person: PersonId,
    pub program: ProgramId,
    pub date: NaiveDate,
    pub title: String,
}

/// The person, programme, date and title of an attendance row.
pub fn attended(conn: &Connection, attendance: i64) -> rusqlite::Result<Attended> {
    conn.query_row(
        "SELECT a.person_id, t.program_id, t.date, t.title
         FROM attendance a JOIN training t ON t.id = a.training_id WHERE a.id = ?1",
        [attendance],
        |row| {
            Ok(Attended {
                person: row.get(0)?,
                program: row.get(1)?,
                date: row.get(2)?,
                title: row.get(3)?,
            })
        },
    )
}

/// Appends a reversal of every standing award of the activities of import `batch`, dated
/// `date`, with `reason` (shared by them). Returns how many.
pub fn reverse_batch_awards(
    conn: &Connection,
    batch: i64,
    date: NaiveDate,
    reason: &str,
) -> rusqlite::Result<usize> {
    share_reason(conn, reason)?;
    let reversed = conn.execute(
        concat!(
            "INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason_id, source,
                                       activity_id, reverses, created_at)
             SELECT e.person_id, e.program_id, ?2, -e.amount, 'reversal',
                    (SELECT id FROM points_reason WHERE text = ?3), 'reversal',
                    e.activity_id, e.id, unixepoch('now')
             FROM activity a JOIN points_entry e ON e.activity_id = a.id AND e.kind = 'award'
             WHERE ",
            super::imports::batch_activities!(),
            " AND NOT EXISTS (SELECT 1 FROM points_entry r WHERE r.reverses = e.id)"
        ),
        params![batch, day_number(date), reason],
    )?;
    seal(conn)?;
    Ok(reversed)
}

/// The points rules, as the statements below need them. Rather than a second copy of the
/// rules in SQL (CASE tables, week arithmetic, key formats), the rules' Rust functions are
/// registered on the connection for the length of a statement (`with_rules`) and the SQL
/// calls them: `amb_points`, `amb_daily_cap_allows`, `amb_weekly_cap_allows`, `amb_week`,
/// `amb_activity_key` and `amb_activity_reason`. The points engine implements it; this
/// module does not depend on it.
pub trait SqlRules: Clone + Send + Sync + 'static {
    /// `amb_points(kind, channel, date, first_training)`: an activity's points before caps.
    fn points_before_caps(
        &self,
        kind: &ActivityKind,
        channel: Option<Channel>,
        date: NaiveDate,
        first_training: Option<NaiveDate>,
    ) -> i64;
    /// What `points_before_caps` gives every activity of this kind and channel when no
    /// rule looks at its date (`None` when one does): an import's awards then skip the
    /// call per row.
    fn points_whatever_the_date(
        &self,
        kind: &ActivityKind,
        channel: Option<Channel>,
    ) -> Option<i64>;
    /// `amb_daily_cap_allows(paid)`: whether a post may earn after `paid` that day.
    fn daily_cap_allows(&self, paid_today: i64) -> bool;
    /// `amb_weekly_cap_allows(paid)`: whether a post may earn after `paid` that week.
    fn weekly_cap_allows(&self, paid_this_week: i64) -> bool;
    /// `amb_week(date)`: the first day of the week the caps count `date` in.
    fn week_start(&self, date: NaiveDate) -> NaiveDate;
    /// `amb_activity_key(id, earlier)`: the idempotency key of an activity's award (none
    /// when the key has no room for it).
    fn activity_key(&self, activity: ActivityId, earlier: i64) -> Option<i64>;
    /// `amb_activity_reason(kind, channel)`: what an activity's award pays for, the shared
    /// part of its reason ([`Reason::Shared`]).
    fn activity_reason(&self, kind: &ActivityKind, channel: Option<Channel>) -> String;
    /// The activity kind the caps count.
    fn capped_kind(&self) -> &'static str;
    /// The ledger sources the rules write (what a rescore compares).
    fn automatic_sources(&self) -> [PointsSource; 3];
}

/// The names `with_rules` registers, with their number of arguments.
const RULE_FUNCTIONS: [(&str, i32); 6] = [
    ("amb_points", 4),
    ("amb_daily_cap_allows", 1),
    ("amb_weekly_cap_allows", 1),
    ("amb_week", 1),
    ("amb_activity_key", 2),
    ("amb_activity_reason", 2),
];

/// A date argument of an `amb_` function (`None` for NULL), read with chrono's ISO parser:
/// the `%F` format that rusqlite's conversion takes is read again for every call, and an
/// import's awards call this a million times.
fn date_arg(
    ctx: &rusqlite::functions::Context<'_>,
    index: usize,
) -> rusqlite::Result<Option<NaiveDate>> {
    match ctx.get_raw(index) {
        ValueRef::Null => Ok(None),
        ValueRef::Text(text) => std::str::from_utf8(text)
            .ok()
            .and_then(|text| text.parse().ok())
            .map(Some)
            .ok_or(rusqlite::Error::InvalidParameterType(index, Type::Text)),
        other => Err(rusqlite::Error::InvalidParameterType(
            index,
            other.data_type(),
        )),
    }
}

/// Runs `run` with the rules registered as SQL functions, and unregisters them after.
fn with_rules<R: SqlRules, T>(
    conn: &Connection,
    rules: &R,
    run: impl FnOnce() -> rusqlite::Result<T>,
) -> rusqlite::Result<T> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    let rules = Arc::new(rules.clone());
    let r = Arc::clone(&rules);
    conn.create_scalar_function("amb_points", 4, flags, move |ctx| {
        let (date, first_training) = (date_arg(ctx, 2)?, date_arg(ctx, 3)?);
        let date = date.ok_or(rusqlite::Error::InvalidParameterType(2, Type::Null))?;
        Ok(r.points_before_caps(&ctx.get(0)?, ctx.get(1)?, date, first_training))
    })?;
    let r = Arc::clone(&rules);
    conn.create_scalar_function("amb_daily_cap_allows", 1, flags, move |ctx| {
        Ok(r.daily_cap_allows(ctx.get(0)?))
    })?;
    let r = Arc::clone(&rules);
    conn.create_scalar_function("amb_weekly_cap_allows", 1, flags, move |ctx| {
        Ok(r.weekly_cap_allows(ctx.get(0)?))
    })?;
    let r = Arc::clone(&rules);
    conn.create_scalar_function("amb_week", 1, flags, move |ctx| {
        Ok(r.week_start(ctx.get(0)?).to_string())
    })?;
    let r = Arc::clone(&rules);
    conn.create_scalar_function("amb_activity_key", 2, flags, move |ctx| {
        let (activity, earlier) = (ActivityId(ctx.get(0)?), ctx.get(1)?);
        r.activity_key(activity, earlier)
            .ok_or_else(|| key_overflow(format_args!("activity {activity}"), earlier))
    })?;
    conn.create_scalar_function("amb_activity_reason", 2, flags, move |ctx| {
        Ok(rules.activity_reason(&ctx.get(0)?, ctx.get(1)?))
    })?;
    let result = run();
    for (name, arguments) in RULE_FUNCTIONS {
        conn.remove_function(name, arguments)?;
    }
    result
}

/// The error of an award of `source` ("activity 4") whose idempotency key has no room.
pub fn key_overflow(source: std::fmt::Arguments<'_>, earlier: i64) -> rusqlite::Error {
    rusqlite::Error::UserFunctionError(
        format!(
            "{source} cannot be paid again: it was paid {earlier} times, more than a ledger key counts"
        )
        .into(),
    )
}

/// The first training of activity `a`'s programme, when ?1 (the rule needs it) holds.
const FIRST_TRAINING_OF_A: &str =
    "CASE WHEN ?1 THEN (SELECT min(t.date) FROM training t WHERE t.program_id = a.program_id) END";

/// Appends, in one statement and in the order they were recorded, the awards of the
/// activities that import `batch` recorded (their ids are above `after`): the same entries
/// the points engine writes one by one for them (without caps, which depend on the order).
/// Returns the number of awards.
pub fn insert_import_awards<R: SqlRules>(
    conn: &Connection,
    rules: &R,
    needs_first_training: bool,
    batch: i64,
    after: ActivityId,
) -> rusqlite::Result<usize> {
    // The kept sums of all the awards at once: the per-row trigger costs an import about a
    // tenth of its time (BENCHMARKS.md).
    let before: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM points_entry", [], |row| {
            row.get(0)
        })?;
    let awarded = super::migrations::with_trigger_lifted(conn, "points_tally_insert", || {
        let awarded = with_rules(conn, rules, || {
            // The kinds and channels of the import's activities (a few), each with its
            // shared reason and, when no rule looks at the date, its points, kept first:
            // the awards then find theirs among them, not by working the text out and
            // looking it up again (or calling the rules) for every row.
            let mut values = vec![
                Value::from(needs_first_training),
                Value::from(batch),
                Value::from(after.0),
                conn.query_row("SELECT unixepoch('now')", [], |row| row.get(0))?,
            ];
            let mut kinds = Vec::new();
            let mut distinct = conn.prepare(
                "SELECT DISTINCT a.kind, a.channel, amb_activity_reason(a.kind, a.channel)
                 FROM activity a WHERE a.id > ?2 AND a.batch_id = ?1 AND a.program_id IS NOT NULL",
            )?;
            let mut rows = distinct.query(params![batch, after])?;
            while let Some(row) = rows.next()? {
                let reason: String = row.get(2)?;
                share_reason(conn, &reason)?;
                let id: i64 = conn
                    .prepare_cached("SELECT id FROM points_reason WHERE text = ?1")?
                    .query_row([&reason], |row| row.get(0))?;
                let points = rules.points_whatever_the_date(&row.get(0)?, row.get(1)?);
                let at = values.len();
                kinds.push(format!(
                    "(?{}, ?{}, ?{}, ?{})",
                    at + 1,
                    at + 2,
                    at + 3,
                    at + 4
                ));
                values.extend([
                    row.get::<_, Value>(0)?,
                    row.get::<_, Value>(1)?,
                    Value::from(id),
                    Value::from(points),
                ]);
            }
            if kinds.is_empty() {
                return Ok(0); // nothing recorded in a programme
            }
            let sql = format!(
                "WITH kinds (kind, channel, reason_id, points) AS (VALUES {})
                 INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason_id,
                                           source, activity_id, idempotency_key, created_at)
                 SELECT person_id, program_id, day, points, 'award', reason_id,
                        'activity', id, amb_activity_key(id, 0), ?4
                 FROM (SELECT a.id, a.person_id, a.program_id, a.day, k.reason_id,
                              coalesce(k.points, amb_points(a.kind, a.channel, a.date, {FIRST_TRAINING_OF_A})) AS points
                       -- (CROSS JOIN: the activities in id order are the outer loop.)
                       FROM activity a CROSS JOIN kinds k
                       WHERE a.id > ?3 AND a.batch_id = ?2 AND a.program_id IS NOT NULL
                         AND k.kind = a.kind AND k.channel IS a.channel) x
                 WHERE points <> 0
                 ORDER BY id",
                kinds.join(", ")
            );
            conn.execute(&sql, rusqlite::params_from_iter(values))
        })?;
        super::points_tally::add_entries_after(conn, before)?;
        Ok(awarded)
    })?;
    seal(conn)?;
    Ok(awarded)
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

/// Person by person and programme by programme (of one person, or of everyone), the points
/// `rules` give every recorded activity and attendance (`training_attended` each), beside
/// the automatic points that stand (awards, their reversals and earlier rescores). Capped
/// posts are paid in the order they were recorded.
pub fn rescore<R: SqlRules>(
    conn: &Connection,
    rules: &R,
    needs_first_training: bool,
    training_attended: i64,
    person: Option<PersonId>,
) -> rusqlite::Result<Vec<Rescore>> {
    let sql = format!(
        "
        WITH rated AS (
            SELECT a.id, a.person_id, a.program_id, a.date, a.kind = ?4 AS capped,
                   amb_points(a.kind, a.channel, a.date, {FIRST_TRAINING_OF_A}) AS points
            FROM activity a
            WHERE (?3 IS NULL OR a.person_id = ?3) AND a.program_id IS NOT NULL
        ),
        daily AS (
            SELECT *, CASE WHEN capped AND points > 0
                           THEN row_number() OVER (PARTITION BY person_id, date, capped AND points > 0 ORDER BY id)
                           ELSE 0 END AS nth_today
            FROM rated
        ),
        weekly AS (
            SELECT *, CASE WHEN capped AND points > 0
                           THEN row_number() OVER (PARTITION BY person_id, amb_week(date), capped AND points > 0 ORDER BY id)
                           ELSE 0 END AS nth_week
            FROM daily WHERE amb_daily_cap_allows(nth_today - 1)
        ),
        expected AS (
            SELECT person_id, program_id, CAST(total(points) AS INTEGER) AS points FROM weekly
            WHERE amb_weekly_cap_allows(nth_week - 1)
            GROUP BY person_id, program_id
            UNION ALL
            SELECT a.person_id, t.program_id, ?2 * count(*)
            FROM attendance a JOIN training t ON t.id = a.training_id
            WHERE a.status = 'attended' AND (?3 IS NULL OR a.person_id = ?3)
              AND EXISTS (SELECT 1 FROM enrolment_period ep
                          WHERE ep.person_id = a.person_id AND ep.program_id = t.program_id
                            AND ep.first_day <= t.date AND (ep.last_day IS NULL OR ep.last_day >= t.date))
            GROUP BY a.person_id, t.program_id
        ),
        standing AS (
            SELECT e.person_id, e.program_id, CAST(total(e.amount) AS INTEGER) AS points
            FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
            WHERE (?3 IS NULL OR e.person_id = ?3)
              AND (e.source IN (?5, ?6, ?7) OR (e.kind = 'reversal' AND r.source IN (?5, ?6, ?7)))
            GROUP BY e.person_id, e.program_id
        ),
        keys AS (
            SELECT person_id, program_id FROM expected UNION SELECT person_id, program_id FROM standing
        )
        SELECT k.person_id, p.name, k.program_id, pr.name,
               coalesce((SELECT points FROM standing s WHERE s.person_id = k.person_id AND s.program_id IS k.program_id), 0) AS awarded,
               coalesce((SELECT CAST(total(points) AS INTEGER) FROM expected x WHERE x.person_id = k.person_id AND x.program_id IS k.program_id), 0) AS expected
        FROM keys k JOIN person p ON p.id = k.person_id LEFT JOIN program pr ON pr.id = k.program_id
        ORDER BY fold(p.name), k.person_id, k.program_id"
    );
    let [activity, attendance, rescored] = rules.automatic_sources();
    with_rules(conn, rules, || {
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map(
            params![
                needs_first_training,
                training_attended,
                person,
                rules.capped_kind(),
                activity,
                attendance,
                rescored
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
                    difference: expected.saturating_sub(awarded),
                })
            },
        )?;
        rows.collect()
    })
}

/// The hash the chain starts from when no anchor restarted it.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The ledger's last entry and its chained hash: what reports print, so that any earlier
/// report is an anchor against which a rewritten past shows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Head {
    /// The id of the last entry (0 for an empty ledger).
    pub entry: i64,
    /// Its hash (the chain's start for an empty ledger).
    pub hash: String,
}

/// An entry's fields in the order they are hashed: as `points ledger` shows them (the
/// shared text of a reason, the time as text), so the chain holds what a reader sees.
const CHAINED_FIELDS: &str = concat!(
    "e.id, e.person_id, e.program_id, e.date, e.amount, e.kind, ",
    shown_reason!(),
    ", e.source, e.activity_id, e.attendance_id, e.idempotency_key, e.reverses, ",
    shown_created_at!()
);

/// The hash of an entry: SHA-256 of the hash before it (in lower-case hex), a line feed,
/// and the entry's fields ([`CHAINED_FIELDS`]) as a compact JSON array.
fn entry_hash(previous: &str, row: &Row<'_>) -> rusqlite::Result<Digest> {
    let mut fields = [ValueRef::Null; 13];
    for (index, field) in fields.iter_mut().enumerate() {
        *field = row.get_ref(index)?;
    }
    fields_hash(previous, &fields)
}

/// [`entry_hash`] of fields already read.
fn fields_hash(previous: &str, fields: &[ValueRef<'_>; 13]) -> rusqlite::Result<Digest> {
    fields_hash_in(&mut Vec::with_capacity(160), previous, fields)
}

/// [`fields_hash`], the JSON written in `json` (cleared first): sealing runs once per entry,
/// an import's million entries included, and keeps one buffer for them all.
fn fields_hash_in(
    json: &mut Vec<u8>,
    previous: &str,
    fields: &[ValueRef<'_>; 13],
) -> rusqlite::Result<Digest> {
    use serde::ser::{SerializeSeq, Serializer as _};
    // Written straight into one buffer (the same compact JSON as a `serde_json::Value`
    // array would give).
    json.clear();
    let failed = |err: serde_json::Error| rusqlite::Error::ToSqlConversionFailure(Box::new(err));
    let mut serializer = serde_json::Serializer::new(&mut *json);
    let mut seq = serializer.serialize_seq(Some(13)).map_err(failed)?;
    for field in fields {
        match *field {
            ValueRef::Null => seq.serialize_element(&()),
            ValueRef::Integer(i) => seq.serialize_element(&i),
            ValueRef::Real(f) => seq.serialize_element(&serde_json::Value::from(f)),
            ValueRef::Text(t) | ValueRef::Blob(t) => {
                seq.serialize_element(&String::from_utf8_lossy(t))
            }
        }
        .map_err(failed)?;
    }
    seq.end().map_err(failed)?;
    Ok(sha256(&[previous.as_bytes(), b"\n", json]))
}

/// A SHA-256 hash, as the chain keeps it.
type Digest = [u8; 32];

/// SHA-256 of the parts.
fn sha256(parts: &[&[u8]]) -> Digest {
    use sha2::{Digest as _, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

/// Bytes in lower-case hex: how hashes are shown and chained.
fn hex(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(2 * bytes.len());
    hex_in(&mut hex, bytes);
    hex
}

/// [`hex`], written in `out` (cleared first).
fn hex_in(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    out.clear();
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0xf)]));
    }
}

/// The hash the chain starts from: the last anchor's, or [`GENESIS`].
fn chain_start(conn: &Connection) -> rusqlite::Result<String> {
    Ok(conn
        .prepare_cached("SELECT hash FROM points_anchor ORDER BY id DESC LIMIT 1")?
        .query_row([], |row| row.get(0))
        .optional()?
        .unwrap_or_else(|| GENESIS.to_string()))
}

/// The chain keeps the hash of every entry whose id is a multiple of this, and of the last
/// entry of every write: `amb check` recomputes every entry's hash, so a change anywhere is
/// found, and named within at most this many entries; a million-entry import stores a
/// thousand hashes, not a million (BENCHMARKS.md).
const CHAIN_EVERY: i64 = 1024;

/// Chains every entry appended since the last chained one, in id order, in one pass (each
/// entry's hash chains onto the one before it); the hashes of the entries at every
/// [`CHAIN_EVERY`]th id and of the last one are kept in `points_chain`. Every path that
/// appends entries calls it in its transaction. Returns how many entries it chained.
pub fn seal(conn: &Connection) -> rusqlite::Result<usize> {
    let last: Option<(i64, Vec<u8>)> = conn
        .prepare_cached("SELECT entry_id, hash FROM points_chain ORDER BY entry_id DESC LIMIT 1")?
        .query_row([], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let (after, mut previous) = match last {
        Some((id, hash)) => (id, hex(&hash)),
        None => (0, chain_start(conn)?),
    };
    // The stored columns: the shown reason and time ([`CHAINED_FIELDS`]) are worked out by
    // the same SQL once per distinct value (an import's million entries share a few).
    let mut entries = conn.prepare_cached(
        "SELECT e.id, e.person_id, e.program_id, e.date, e.amount, e.kind, e.reason, e.source,
                e.activity_id, e.attendance_id, e.idempotency_key, e.reverses, e.created_at,
                e.reason_id
         FROM points_entry e WHERE e.id > ?1 ORDER BY e.id",
    )?;
    let mut insert =
        conn.prepare_cached("INSERT INTO points_chain (entry_id, hash) VALUES (?1, ?2)")?;
    let (mut reasons, mut times) = (ShownReasons::default(), ShownTimes::default());
    let mut rows = entries.query([after])?;
    let mut sealed = 0;
    let mut json = Vec::with_capacity(256);
    let mut unkept: Option<(i64, Digest)> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let mut fields = [ValueRef::Null; 13];
        for (index, field) in fields.iter_mut().enumerate() {
            *field = row.get_ref(index)?;
        }
        fields[6] = reasons.reason(conn, [fields[6], row.get_ref(13)?, fields[7], fields[8]])?;
        fields[12] = times.created_at(conn, fields[12])?;
        let hash = fields_hash_in(&mut json, &previous, &fields)?;
        if id % CHAIN_EVERY == 0 {
            insert.execute(params![id, hash])?;
            unkept = None;
        } else {
            unkept = Some((id, hash));
        }
        hex_in(&mut previous, &hash);
        sealed += 1;
    }
    if let Some((id, hash)) = unkept {
        insert.execute(params![id, hash])?;
    }
    Ok(sealed)
}

/// A value as SQL gave it, kept (text that is not UTF-8 included, as the chain hashes it).
#[derive(Debug, Clone, Default)]
enum Kept {
    #[default]
    Null,
    Integer(i64),
    Real(f64),
    Text(Vec<u8>),
    Blob(Vec<u8>),
}

impl Kept {
    fn of(value: ValueRef<'_>) -> Kept {
        match value {
            ValueRef::Null => Kept::Null,
            ValueRef::Integer(i) => Kept::Integer(i),
            ValueRef::Real(f) => Kept::Real(f),
            ValueRef::Text(t) => Kept::Text(t.to_vec()),
            ValueRef::Blob(b) => Kept::Blob(b.to_vec()),
        }
    }

    fn get(&self) -> ValueRef<'_> {
        match self {
            Kept::Null => ValueRef::Null,
            Kept::Integer(i) => ValueRef::Integer(*i),
            Kept::Real(f) => ValueRef::Real(*f),
            Kept::Text(t) => ValueRef::Text(t),
            Kept::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// The first column of `sql`'s one row for `params`, kept.
fn kept(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<Kept> {
    Ok(conn
        .prepare_cached(sql)?
        .query_row(params, |row| row.get_ref(0).map(Kept::of))
        .optional()?
        .unwrap_or_default())
}

/// The shown reason of entries being sealed ([`CHAINED_FIELDS`]) from their stored
/// columns: a shared reason's text is looked up once (an import's million entries share a
/// few); anything unusual is worked out by the SQL itself.
#[derive(Default)]
struct ShownReasons {
    shared: HashMap<i64, Kept>,
    shown: Kept,
}

impl ShownReasons {
    /// [`shown_reason`] of an entry: its own reason, or its shared one (with its activity).
    fn reason(
        &mut self,
        conn: &Connection,
        [own, shared, source, activity]: [ValueRef<'_>; 4],
    ) -> rusqlite::Result<ValueRef<'_>> {
        if let (ValueRef::Null, ValueRef::Integer(id), ValueRef::Text(source)) =
            (own, shared, source)
        {
            let text = match self.shared.entry(id) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(new) => new.insert(kept(
                    conn,
                    "SELECT text FROM points_reason WHERE id = ?1",
                    [id],
                )?),
            };
            match (text, activity) {
                (Kept::Null, _) => return Ok(ValueRef::Null),
                (text, _) if source != b"activity" => return Ok(text.get()),
                (Kept::Text(text), ValueRef::Integer(activity)) => {
                    // In the buffer of the entry before, when it has one.
                    let mut shown = match std::mem::take(&mut self.shown) {
                        Kept::Text(mut buffer) => {
                            buffer.clear();
                            buffer
                        }
                        _ => Vec::new(),
                    };
                    shown.extend_from_slice(text);
                    let _ = std::io::Write::write_fmt(
                        &mut shown,
                        format_args!(" (activity {activity})"),
                    ); // a Vec takes every byte
                    self.shown = Kept::Text(shown);
                    return Ok(self.shown.get());
                }
                _ => {} // worked out by the SQL below
            }
        }
        self.shown = kept(
            conn,
            concat!(
                "SELECT ",
                shown_reason!(),
                " FROM (SELECT ?1 AS reason, ?2 AS reason_id, ?3 AS source, ?4 AS activity_id) e"
            ),
            [own, shared, source, activity].map(ToSqlOutput::Borrowed),
        )?;
        Ok(self.shown.get())
    }
}

/// The shown time of entries being sealed, worked out once for each run of equal stored
/// times (entries come in the order written).
#[derive(Default)]
struct ShownTimes {
    last: Option<(i64, Kept)>,
    shown: Kept,
}

impl ShownTimes {
    /// [`shown_created_at`] of an entry.
    fn created_at(
        &mut self,
        conn: &Connection,
        stored: ValueRef<'_>,
    ) -> rusqlite::Result<ValueRef<'_>> {
        let sql = concat!(
            "SELECT ",
            shown_created_at!(),
            " FROM (SELECT ?1 AS created_at) e"
        );
        let ValueRef::Integer(seconds) = stored else {
            self.shown = kept(conn, sql, [ToSqlOutput::Borrowed(stored)])?;
            return Ok(self.shown.get());
        };
        if self
            .last
            .as_ref()
            .is_none_or(|(known, _)| *known != seconds)
        {
            self.last = Some((seconds, kept(conn, sql, [seconds])?));
        }
        Ok(self
            .last
            .as_ref()
            .map_or(ValueRef::Null, |(_, shown)| shown.get()))
    }
}

/// The ledger's head: its last chained entry and that entry's hash.
pub fn head(conn: &Connection) -> rusqlite::Result<Head> {
    let last = conn
        .prepare_cached("SELECT entry_id, hash FROM points_chain ORDER BY entry_id DESC LIMIT 1")?
        .query_row([], |row| {
            Ok(Head {
                entry: row.get(0)?,
                hash: hex(&row.get::<_, Vec<u8>>(1)?),
            })
        })
        .optional()?;
    match last {
        Some(head) => Ok(head),
        None => Ok(Head {
            entry: 0,
            hash: chain_start(conn)?,
        }),
    }
}

/// Where the stored chain and the entries disagree: one sentence each.
pub fn chain_breaks(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut breaks = Vec::new();
    let mut previous = chain_start(conn)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {CHAINED_FIELDS}, c.hash FROM points_entry e LEFT JOIN points_chain c ON c.entry_id = e.id
         ORDER BY e.id"
    ))?;
    let mut rows = stmt.query([])?;
    // The entries since the last kept hash: the block a difference is found in.
    let mut block: Option<(i64, i64)> = None;
    while let Some(row) = rows.next()? {
        let id: i64 = row.get(0)?;
        let first = block.map_or(id, |(first, _)| first);
        // Not a Vec<u8>: a hash written as text around amb is a break, not a failure.
        let stored: Option<Vec<u8>> = match row.get_ref(13)? {
            rusqlite::types::ValueRef::Null => None,
            rusqlite::types::ValueRef::Blob(b) | rusqlite::types::ValueRef::Text(b) => {
                Some(b.to_vec())
            }
            _ => Some(Vec::new()),
        };
        let computed = entry_hash(&previous, row)?;
        match stored {
            None => block = Some((first, id)),
            Some(ref stored) => {
                if stored[..] != computed[..] {
                    breaks.push(if first == id {
                        format!(
                            "ledger: entry {id} does not match its hash: it or the entry before it was changed or removed after it was written"
                        )
                    } else {
                        format!(
                            "ledger: entries {first}–{id} do not match their hash: one of them, or the entry before them, was changed or removed after it was written"
                        )
                    });
                }
                block = None;
            }
        }
        // The next entry chains onto what was stored, so one change is named once.
        previous = hex(stored.as_deref().unwrap_or(&computed));
    }
    // The last entry of every write is kept: entries after it were added around amb.
    if let Some((first, last)) = block {
        breaks.push(if first == last {
            format!("ledger: entry {first} has no hash in the chain: it was added around amb")
        } else {
            format!(
                "ledger: entries {first}–{last} have no hash in the chain: they were added around amb"
            )
        });
    }
    let mut orphans = conn.prepare(
        "SELECT entry_id FROM points_chain c
         WHERE NOT EXISTS (SELECT 1 FROM points_entry e WHERE e.id = c.entry_id) ORDER BY entry_id",
    )?;
    for id in orphans.query_map([], |row| row.get::<_, i64>(0))? {
        breaks.push(format!(
            "ledger: entry {} was deleted (its hash is still in the chain)",
            id?
        ));
    }
    Ok(breaks)
}

/// The entries whose hash in a chain written before schema 8 (64 hex characters, over the
/// entry's stored columns, which schema 8 rewrites) no longer matches: what the upgrade to
/// schema 8 checks before it re-anchors the chain, so that it never vouches for a past
/// changed outside amb.
pub fn text_chain_breaks(conn: &Connection) -> rusqlite::Result<Vec<i64>> {
    let mut breaks = Vec::new();
    let mut previous = chain_start(conn)?;
    let mut stmt = conn.prepare(
        "SELECT e.id, e.person_id, e.program_id, e.date, e.amount, e.kind, e.reason, e.source,
                e.activity_id, e.attendance_id, e.idempotency_key, e.reverses, e.created_at,
                CAST(c.hash AS TEXT)
         FROM points_entry e LEFT JOIN points_chain c ON c.entry_id = e.id ORDER BY e.id",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let computed = hex(&entry_hash(&previous, row)?);
        let stored: Option<String> = row.get(13)?;
        if stored.as_deref() != Some(computed.as_str()) {
            breaks.push(row.get(0)?);
        }
        previous = stored.unwrap_or(computed);
    }
    Ok(breaks)
}

/// Entry ids that are missing (deleted) below the highest ever given: one sentence per gap.
pub fn id_gaps(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "WITH ids AS (SELECT id, lag(id, 1, 0) OVER (ORDER BY id) AS before FROM points_entry),
              top AS (SELECT max(coalesce((SELECT max(id) FROM points_entry), 0),
                                 coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'points_entry'), 0)) AS id),
              gaps AS (
                  SELECT before + 1 AS first, id - 1 AS last FROM ids WHERE id > before + 1
                  UNION ALL
                  SELECT coalesce((SELECT max(id) FROM points_entry), 0) + 1, top.id FROM top
                  WHERE top.id > coalesce((SELECT max(id) FROM points_entry), 0))
         -- An anchor explains the gaps up to the entries it covers.
         SELECT first, last FROM gaps
         WHERE last > coalesce((SELECT max(entries) FROM points_anchor), 0)
         ORDER BY first",
    )?;
    stmt.query_map([], |row| {
        let (first, last): (i64, i64) = (row.get(0)?, row.get(1)?);
        Ok(if first == last {
            format!("ledger: entry {first} is missing: entries are never deleted")
        } else {
            format!("ledger: entries {first} to {last} are missing: entries are never deleted")
        })
    })?
    .collect()
}

/// The hash of an anchor: SHA-256 of the head it replaced, the entries it covers, its
/// reason and time, one per line.
fn anchor_hash(previous_head: &str, entries: i64, reason: &str, created_at: &str) -> String {
    let entries = entries.to_string();
    hex(&sha256(&[
        previous_head.as_bytes(),
        b"\n",
        entries.as_bytes(),
        b"\n",
        reason.as_bytes(),
        b"\n",
        created_at.as_bytes(),
    ]))
}

/// Registers `amb_anchor_hash(previous_head, entries, reason, created_at)`, the anchor hash
/// above, for the migration that re-anchors the chain in SQL (schema 8).
pub fn register_anchor_hash(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("amb_anchor_hash", 4, flags, |ctx| {
        Ok(anchor_hash(
            &ctx.get::<String>(0)?,
            ctx.get(1)?,
            &ctx.get::<String>(2)?,
            &ctx.get::<String>(3)?,
        ))
    })
}

/// Anchors whose hash does not match what they record: one sentence each.
pub fn anchor_breaks(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT id, previous_head, entries, reason, created_at, hash FROM points_anchor ORDER BY id",
    )?;
    let rows = stmt.query_map([], |row| {
        let id: i64 = row.get(0)?;
        let recorded: String = row.get(5)?;
        let computed = anchor_hash(
            &row.get::<_, String>(1)?,
            row.get(2)?,
            &row.get::<_, String>(3)?,
            &row.get::<_, String>(4)?,
        );
        Ok((id, recorded == computed))
    })?;
    let mut breaks = Vec::new();
    for row in rows {
        let (id, intact) = row?;
        if !intact {
            breaks.push(format!(
                "ledger: anchor {id} does not match its hash: it was changed"
            ));
        }
    }
    Ok(breaks)
}

/// Records a deliberate rewrite of the ledger's past (for a person forgotten by law) and
/// chains the ledger again as it now stands. Call it in the same transaction, after the
/// rewrite, with a reason a reader of `amb check` and the audit understands ("person 12
/// forgotten on request"). The anchor keeps the head the chain had (so reports printed
/// before still match something recorded), how many entries it covered, the reason and
/// the time; the new chain starts from the anchor's own hash. Returns the new head.
///
/// The caller that deletes entries lifts `points_entry_no_delete` itself
/// (`migrations::lift`), so that it is put back as created.
pub fn reanchor(conn: &Connection, reason: &str) -> rusqlite::Result<Head> {
    let previous = head(conn)?;
    // The highest entry id ever given: the gaps up to it are explained by this anchor.
    let (entries, created_at): (i64, String) = conn.query_row(
        "SELECT max(coalesce((SELECT max(id) FROM points_entry), 0),
                    coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'points_entry'), 0),
                    ?1),
                strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
        [previous.entry],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let hash = anchor_hash(&previous.hash, entries, reason, &created_at);
    conn.execute(
        "INSERT INTO points_anchor (previous_head, entries, reason, created_at, hash)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![previous.hash, entries, reason, created_at, hash],
    )?;
    let guard = super::migrations::lift(conn, "points_chain_no_delete")?;
    conn.execute("DELETE FROM points_chain", [])?;
    guard.restore(conn)?;
    seal(conn)?;
    head(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sealing reads an entry's stored columns and works out its shown reason and time
    /// once per distinct value; `amb check` recomputes them with the SQL of
    /// [`CHAINED_FIELDS`]. Both agree on every shape of entry, text that is not UTF-8 and
    /// times that are not integers (written around amb) included.
    #[test]
    fn sealing_hashes_what_the_check_recomputes() {
        let conn = crate::db::memory();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; -- no person needed for this
             INSERT INTO points_reason (id, text) VALUES (1, 'post on linkedin'), (2, 'training attended'),
                 (3, CAST(x'c3a4ff' AS TEXT));
             INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, reason_id, source,
                                       activity_id, attendance_id, idempotency_key, reverses, created_at) VALUES
                 (1, NULL, unixepoch('2022-10-14') / 86400, 10, 'award', NULL, 1, 'activity', 7, NULL, 7168, NULL, 1796115059),
                 (1, NULL, unixepoch('2022-10-14') / 86400, 10, 'award', NULL, 1, 'activity', 8, NULL, 8192, NULL, 1796115059),
                 (1, NULL, unixepoch('2022-10-15') / 86400, 20, 'award', NULL, 2, 'attendance', NULL, 3, -3072, NULL, 1796115060),
                 (1, NULL, unixepoch('2022-10-15') / 86400, 5, 'adjustment', 'a bonus: \"well done\"', NULL, 'manual', NULL, NULL, NULL, NULL, 1796115060),
                 (1, NULL, unixepoch('2022-10-16') / 86400, -10, 'reversal', NULL, 1, 'reversal', 7, NULL, NULL, 1, 1796115061),
                 (1, NULL, unixepoch('2022-10-16') / 86400, 3, 'adjustment', NULL, 99, 'manual', NULL, NULL, NULL, NULL, '2022-10-16T08:00:00Z'),
                 (1, NULL, unixepoch('2022-10-17') / 86400, 4, 'adjustment', NULL, NULL, 'manual', NULL, NULL, NULL, NULL, NULL),
                 (1, NULL, unixepoch('2022-10-17') / 86400, 4, 'adjustment', CAST(x'ff41' AS TEXT), NULL, 'manual', NULL, NULL, NULL, NULL, 1.5),
                 (1, NULL, unixepoch('2022-10-17') / 86400, 10, 'award', NULL, 3, 'activity', 9, NULL, 9216, NULL, x'00ff'),
                 (1, NULL, unixepoch('2022-10-17') / 86400, 10, 'award', NULL, 3, 'activity', 10, NULL, 10240, NULL, 1796115062);",
        )
        .unwrap();
        assert_eq!(seal(&conn).unwrap(), 10);
        assert_eq!(chain_breaks(&conn).unwrap(), Vec::<String>::new());
        // And a change is seen.
        conn.execute_batch(
            "DROP TRIGGER IF EXISTS points_entry_no_update;
             UPDATE points_entry SET reason_id = 2 WHERE id = 2;",
        )
        .unwrap();
        assert_ne!(chain_breaks(&conn).unwrap(), Vec::<String>::new());
    }

    /// The chained form of an entry is the compact JSON array a `serde_json::Value` gives,
    /// whatever the types of its fields (an old chain must still verify).
    #[test]
    fn an_entry_is_hashed_as_its_fields_in_compact_json() {
        let conn = Connection::open_in_memory().unwrap();
        let sql = "SELECT NULL, 7, -1.5, 'ä \"quoted\"\n', x'ff41', 9007199254740993, 1e300,
                          '', 0, NULL, -3, 0.1, '2022-10-14T08:00:00Z'";
        let hashed = conn
            .query_row(sql, [], |row| entry_hash("before", row))
            .unwrap();
        let expected = conn
            .query_row(sql, [], |row| {
                use rusqlite::types::ValueRef;
                let fields: Vec<serde_json::Value> = (0..13)
                    .map(|i| match row.get_ref(i).unwrap() {
                        ValueRef::Null => serde_json::Value::Null,
                        ValueRef::Integer(i) => i.into(),
                        ValueRef::Real(f) => f.into(),
                        ValueRef::Text(t) | ValueRef::Blob(t) => {
                            String::from_utf8_lossy(t).into_owned().into()
                        }
                    })
                    .collect();
                Ok(serde_json::Value::Array(fields).to_string())
            })
            .unwrap();
        assert_eq!(hashed, sha256(&[b"before", b"\n", expected.as_bytes()]));
        assert_eq!(hex(&[0x00, 0x9f, 0xa0, 0xff]), "009fa0ff");
    }
}
