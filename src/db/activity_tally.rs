//! The reports' activity figures from the tallies the schema keeps of the activities
//! (`activity_tally` per programme × month × kind × channel, `person_tally` per person ×
//! programme × year × kind × channel; migration 005, kept by triggers): a report reads
//! thousands of rows instead of every activity. A period that is not whole calendar years
//! is left to `report_pass`, which reads the activities and stays the reference.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use rusqlite::{Connection, OptionalExtension, params};

use super::activity_codes;
use super::report_parts::{ActivityParts, ExactSum, ProgramActivity, Tally, people, text};
use super::reports::Period;
use crate::domain::{PersonId, ProgramId};

/// The activity sections of `program`'s report.
pub fn program_activity(
    conn: &Connection,
    program: ProgramId,
    top: i64,
) -> rusqlite::Result<ProgramActivity> {
    let people = people(conn)?;
    let mut parts = ActivityParts::default();
    let mut stmt = conn.prepare(
        "SELECT month, kind, channel, n, impressions, clicks, engagements
         FROM activity_tally WHERE program_id = ?1",
    )?;
    let mut rows = stmt.query([program])?;
    while let Some(row) = rows.next()? {
        let kind = text(row.get_ref(1)?).unwrap_or_default();
        let channel = text(row.get_ref(2)?).filter(|c| !c.is_empty());
        let n: i64 = row.get(3)?;
        if let Some(channel) = channel {
            parts.add_figures(channel, row)?;
        }
        if kind != "post" {
            parts.other.add_n(Some(kind), n);
            continue;
        }
        parts.by_channel.add_n(channel, n);
        parts.by_month.add_n(text(row.get_ref(0)?), n);
    }
    let mut stmt = conn.prepare(
        "SELECT person_id, sum(n) FROM person_tally WHERE program_id = ?1 AND kind = 'post'
         GROUP BY person_id",
    )?;
    let mut rows = stmt.query([program])?;
    while let Some(row) = rows.next()? {
        let person: PersonId = row.get(0)?;
        if people.contains_key(&person) {
            parts.posts_of.insert(person, row.get(1)?);
        }
    }
    parts.sections(conn, program, &people, top)
}

/// Posts, shares, other activities and people posting, with posts per channel, of the
/// programmes' activities in each of `periods`; `None` unless each is whole years.
pub(super) fn period_activity(
    conn: &Connection,
    periods: &[(NaiveDate, NaiveDate)],
) -> rusqlite::Result<Option<Vec<(Period, Tally)>>> {
    let years: Option<Vec<(i32, i32)>> = periods
        .iter()
        .map(
            |(from, to)| match crate::dates::whole_years(Some(*from), Some(*to))? {
                (Some(first), Some(last)) => Some((first, last)),
                _ => None,
            },
        )
        .collect();
    let Some(years) = years else {
        return Ok(None);
    };
    let mut out = vec![(Period::default(), Tally::default()); years.len()];
    let mut stmt = conn.prepare(
        "SELECT kind, channel, sum(n) FROM activity_tally
         WHERE program_id <> 0 AND month BETWEEN ?1 AND ?2 GROUP BY kind, channel",
    )?;
    for ((figures, channels), (first, last)) in out.iter_mut().zip(&years) {
        let mut rows = stmt.query(params![format!("{first:04}-01"), format!("{last:04}-12")])?;
        while let Some(row) = rows.next()? {
            let n: i64 = row.get(2)?;
            match text(row.get_ref(0)?).unwrap_or_default() {
                "post" => {
                    figures.posts = figures.posts.saturating_add(n);
                    channels.add_n(text(row.get_ref(1)?).filter(|c| !c.is_empty()), n);
                }
                "share" => figures.shares = figures.shares.saturating_add(n),
                _ => figures.other_activities = figures.other_activities.saturating_add(n),
            }
        }
    }
    // A person's rows come together (the key starts with the person): each period counts a
    // person once, at the first of their rows it covers.
    let (Some(first), Some(last)) = (
        years.iter().map(|y| y.0).min(),
        years.iter().map(|y| y.1).max(),
    ) else {
        return Ok(Some(out));
    };
    let mut stmt = conn.prepare(
        "SELECT person_id, year FROM person_tally
         WHERE program_id <> 0 AND kind = 'post' AND year BETWEEN ?1 AND ?2 ORDER BY person_id",
    )?;
    let mut counted: Vec<Option<PersonId>> = vec![None; years.len()];
    let mut rows = stmt.query(params![first, last])?;
    while let Some(row) = rows.next()? {
        let (person, year): (PersonId, i32) = (row.get(0)?, row.get(1)?);
        for (i, (from, to)) in years.iter().enumerate() {
            if (*from..=*to).contains(&year) && counted[i] != Some(person) {
                counted[i] = Some(person);
                out[i].0.ambassadors_posting += 1;
            }
        }
    }
    Ok(Some(out))
}

/// Hashtag posts and all activities per person, in `program` or any, in `since..=until`;
/// `None` unless those are whole years (or open).
pub(super) fn leaderboard_activities(
    conn: &Connection,
    program: Option<ProgramId>,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
) -> rusqlite::Result<Option<HashMap<PersonId, (i64, i64)>>> {
    let Some((first, last)) = crate::dates::whole_years(since, until) else {
        return Ok(None);
    };
    let mut stmt = conn.prepare(
        "SELECT person_id, sum(n) FILTER (WHERE kind = 'post'), sum(n) FROM person_tally
         WHERE program_id <> 0 AND (?1 IS NULL OR program_id = ?1)
           AND (?2 IS NULL OR year >= ?2) AND (?3 IS NULL OR year <= ?3)
         GROUP BY person_id",
    )?;
    let rows = stmt.query_map(params![program, first, last], |row| {
        Ok((
            row.get(0)?,
            (row.get::<_, Option<i64>>(1)?.unwrap_or(0), row.get(2)?),
        ))
    })?;
    rows.collect::<rusqlite::Result<_>>().map(Some)
}

/// A tally's cells that differ from what the activities say, each as its key's values.
fn differing(conn: &Connection, sql: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(sql)?;
    let columns = stmt.column_count();
    let rows = stmt.query_map([], |row| {
        let mut key = Vec::with_capacity(columns);
        for i in 0..columns {
            key.push(match row.get_ref(i)? {
                rusqlite::types::ValueRef::Integer(v) => v.to_string(),
                rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                _ => "none".to_string(),
            });
        }
        Ok(key.join(" "))
    })?;
    rows.collect()
}

/// The tallies as the activities say they are: the queries migration 005 filled them with
/// ([`super::migrations::fill_query`]). A sum is an integer below 2^53, a REAL beyond.
const TABLES: [&str; 2] = ["activity_tally", "person_tally"];

fn fill(table: &str) -> rusqlite::Result<&'static str> {
    super::migrations::fill_query(table).ok_or(rusqlite::Error::InvalidQuery)
}

/// A sum kept exact (an integer below 2^53), or NULL for one beyond exact.
const EXACT: &str = "CASE WHEN typeof({0}) = 'integer' AND {0} < 9007199254740992 THEN {0} END";

/// The triggers that keep the tallies.
const TRIGGERS: [&str; 4] = [
    "activity_tally_insert",
    "activity_tally_delete",
    "activity_tally_update",
    "person_tally_update",
];

/// How many cells of a problem are named before the rest are counted.
const NAMED: usize = 3;

/// Where the tallies differ from the activities they are kept from, one sentence per tally.
pub fn problems(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let sums = ["impressions", "clicks", "engagements"]
        .map(|column| EXACT.replace("{0}", column))
        .join(", ");
    let activity =
        format!("SELECT program_id, month, kind, channel, n, {sums} FROM activity_tally");
    let source = activity.replace(
        "FROM activity_tally",
        &format!("FROM ({})", fill("activity_tally")?),
    );
    let person = "SELECT person_id, program_id, year, kind, channel, n FROM person_tally";
    let person_source = person.replace(
        "FROM person_tally",
        &format!("FROM ({})", fill("person_tally")?),
    );
    let checks = [
        (
            format!(
                "SELECT program_id, month, kind, channel FROM ({activity} EXCEPT {source})
                 UNION SELECT program_id, month, kind, channel FROM ({source} EXCEPT {activity})"
            ),
            "the report totals kept per programme, month, kind and channel",
        ),
        (
            format!(
                "SELECT person_id, program_id, year, kind, channel FROM ({person} EXCEPT {person_source})
                 UNION SELECT person_id, program_id, year, kind, channel FROM ({person_source} EXCEPT {person})"
            ),
            "the activity counts kept per person, programme, year, kind and channel",
        ),
    ];
    let mut problems = Vec::new();
    let deferred: i64 =
        conn.query_row("SELECT count(*) FROM activity_tally_deferred", [], |row| {
            row.get(0)
        })?;
    if deferred > 0 {
        problems.push(
            "report totals: an import's deferred totals were left behind (the import did not finish cleanly): later changes to the activities it brought are not counted".to_string(),
        );
    }
    for name in TRIGGERS {
        let sql: Option<String> = conn
            .query_row(
                "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
                [name],
                |row| row.get(0),
            )
            .optional()?
            .flatten();
        if sql.as_deref() != super::migrations::created_sql(name) {
            problems.push(format!(
                "report totals: the trigger {name} is missing or not as amb created it: the report totals no longer follow the activities"
            ));
        }
    }
    for (sql, what) in checks {
        let cells = differing(conn, &sql)?;
        if cells.is_empty() {
            continue;
        }
        let mut named = cells[..cells.len().min(NAMED)].join("; ");
        if cells.len() > NAMED {
            named.push_str(&format!("; and {} more", cells.len() - NAMED));
        }
        problems.push(format!(
            "report totals: {what} differ from the activities at {named}"
        ));
    }
    Ok(problems)
}

/// Rebuilds both tallies from the activities, and their triggers as the migration created
/// them (`amb check --repair`).
pub fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM activity_tally_deferred", [])?;
    for name in TRIGGERS {
        let sql = super::migrations::created_sql(name).ok_or(rusqlite::Error::InvalidQuery)?;
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name}; {sql};"))?;
    }
    for table in TABLES {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
        conn.execute(&format!("INSERT INTO {table} {}", fill(table)?), [])?;
    }
    Ok(())
}

/// An import's tallies, deferred to its end (see [`defer`]).
#[must_use = "deferred tallies must be caught up"]
pub struct Deferred {
    after: i64,
    trigger: super::migrations::Lifted,
}

/// Defers the tallies of the activities inserted from now on in this transaction to
/// [`Deferred::catch_up`], which adds them in one pass: a trigger on each inserted row
/// made an import about twice as slow (BENCHMARKS.md). Changes to those rows meanwhile are
/// left to the catch-up too; changes to older rows are tallied as always.
pub fn defer(conn: &Connection) -> rusqlite::Result<Deferred> {
    let after: i64 = conn.query_row("SELECT coalesce(max(id), 0) FROM activity", [], |row| {
        row.get(0)
    })?;
    conn.execute(
        "INSERT INTO activity_tally_deferred (after_id) VALUES (?1)",
        [after],
    )?;
    let trigger = super::migrations::lift(conn, "activity_tally_insert")?;
    Ok(Deferred { after, trigger })
}

impl Deferred {
    /// Adds the tallies of the activities inserted since [`defer`], as they are now, and
    /// tallies each insert again from here on. The rows are added up here, in one pass
    /// over their id range (a GROUP BY would sort them all), by their stored day and codes:
    /// each cell's month, kind and channel are named once, at the end.
    pub fn catch_up(self, conn: &Connection) -> rusqlite::Result<()> {
        /// A kind as stored: a built-in kind's code, or a configured kind's name.
        type Kind = (Option<i64>, Option<String>);
        type Cell = (i64, (i32, u32), Kind, Option<i64>);
        type PersonCell = (PersonId, i64, i32, Kind, Option<i64>);
        let mut cells: HashMap<Cell, (i64, [ExactSum; 3])> = HashMap::new();
        let mut people: HashMap<PersonCell, i64> = HashMap::new();
        let mut stmt = conn.prepare(
            "SELECT person_id, coalesce(program_id, 0), day, kind_code, kind_other, channel_code,
                    impressions, clicks, coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)
             FROM activity WHERE id > ?1",
        )?;
        let mut rows = stmt.query([self.after])?;
        while let Some(row) = rows.next()? {
            let (person, program): (PersonId, i64) = (row.get(0)?, row.get(1)?);
            let date = activity_codes::date_of_day(row.get(2)?)
                .ok_or(rusqlite::Error::IntegralValueOutOfRange(2, 0))?;
            let kind: Kind = (row.get(3)?, row.get(4)?);
            let channel: Option<i64> = row.get(5)?;
            *people
                .entry((person, program, date.year(), kind.clone(), channel))
                .or_default() += 1;
            let month = (date.year(), date.month());
            let (n, sums) = cells.entry((program, month, kind, channel)).or_default();
            *n += 1;
            for (i, sum) in sums.iter_mut().enumerate() {
                sum.add_kept(row.get_ref(6 + i)?);
            }
        }
        // The names the tallies are kept by (what `date`, `kind` and `channel` show).
        let kind_name = |(code, other): &Kind| -> rusqlite::Result<String> {
            activity_codes::kind_name(*code, other.as_deref())
                .map(str::to_string)
                .ok_or(rusqlite::Error::IntegralValueOutOfRange(
                    3,
                    code.unwrap_or(0),
                ))
        };
        let channel_name = |code: Option<i64>| -> rusqlite::Result<&'static str> {
            match code {
                None => Ok(""),
                Some(code) => activity_codes::channel_of_code(code)
                    .map(|c| c.as_str())
                    .ok_or(rusqlite::Error::IntegralValueOutOfRange(5, code)),
            }
        };
        let mut add = conn.prepare(
            "INSERT INTO activity_tally (program_id, month, kind, channel, n, impressions, clicks, engagements)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT DO UPDATE SET n = n + excluded.n,
                 impressions = impressions + excluded.impressions, clicks = clicks + excluded.clicks,
                 engagements = engagements + excluded.engagements",
        )?;
        for ((program, (year, month), kind, channel), (n, [impressions, clicks, engagements])) in
            cells
        {
            add.execute(params![
                program,
                format!("{year:04}-{month:02}"),
                kind_name(&kind)?,
                channel_name(channel)?,
                n,
                impressions.kept(),
                clicks.kept(),
                engagements.kept()
            ])?;
        }
        let mut add = conn.prepare(
            "INSERT INTO person_tally (person_id, program_id, year, kind, channel, n)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT DO UPDATE SET n = n + excluded.n",
        )?;
        for ((person, program, year, kind, channel), n) in people {
            add.execute(params![
                person,
                program,
                year,
                kind_name(&kind)?,
                channel_name(channel)?,
                n
            ])?;
        }
        conn.execute("DELETE FROM activity_tally_deferred", [])?;
        self.trigger.restore(conn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{activity_codes, report_pass, reports};
    use crate::domain::Channel;
    use proptest::prelude::*;

    const CHANNELS: [Option<&str>; 4] = [Some("linkedin"), Some("x"), None, Some("blog")];
    const KINDS: [&str; 4] = ["post", "share", "visit", "talk"];

    /// A change to the activities, each field an index into the choices below.
    #[derive(Debug, Clone)]
    enum Op {
        Add(usize, usize, i64, usize, usize, u8),
        Move(usize, usize, usize, i64),
        Refigure(usize, u8),
        Recast(usize, usize, usize),
        Remove(usize),
        /// An import: its tallies deferred, these changes made, then caught up.
        Import(Vec<Op>),
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            4 => (0..6usize, 0..3usize, 0..900i64, 0..4usize, 0..4usize, any::<u8>())
                .prop_map(|(p, g, d, k, c, m)| Op::Add(p, g, d, k, c, m)),
            1 => (any::<usize>(), 0..6usize, 0..3usize, 0..900i64).prop_map(|(a, p, g, d)| Op::Move(a, p, g, d)),
            1 => (any::<usize>(), any::<u8>()).prop_map(|(a, m)| Op::Refigure(a, m)),
            1 => (any::<usize>(), 0..4usize, 0..4usize).prop_map(|(a, k, c)| Op::Recast(a, k, c)),
            2 => any::<usize>().prop_map(Op::Remove),
        ]
    }

    fn op_or_import() -> impl Strategy<Value = Op> {
        prop_oneof![
            6 => op(),
            1 => proptest::collection::vec(op(), 1..12).prop_map(Op::Import),
        ]
    }

    /// Figures now and then huge: sums past 2^53 and past 2^63 (SQLite's integer `+` then
    /// overflows into floating point).
    fn metric(seed: u8) -> Option<i64> {
        match seed % 16 {
            0 => None,
            1 => Some(i64::MAX - 7),
            2 => Some(1 << 53),
            n => Some(i64::from(n) * i64::from(seed)),
        }
    }

    fn database() -> Connection {
        let conn = crate::db::memory();
        conn.execute_batch(
            "INSERT INTO program (id, name, start_date) VALUES (1, 'Spring', '2022-01-01'), (2, 'Autumn', '2022-06-01');",
        )
        .unwrap();
        for (i, unit) in [
            Some("Sales"),
            None,
            Some(""),
            Some("R&D"),
            Some("Sales"),
            None,
        ]
        .iter()
        .enumerate()
        {
            conn.execute(
                "INSERT INTO person (id, name, email, email_key, role, unit) VALUES (?1, ?2, ?3, ?3, 'employee', ?4)",
                params![i as i64 + 1, ["Åsa", "asa", "Eero", "ÄIJÄ", "Bo", "bo"][i], format!("p{i}@example.org"), unit],
            )
            .unwrap();
        }
        conn
    }

    fn day(offset: i64) -> String {
        (NaiveDate::from_ymd_opt(2022, 1, 1).unwrap() + chrono::Days::new(offset as u64))
            .to_string()
    }

    /// The kind and channel of choice `k`, `c`: a post or share always has a channel.
    fn kind_channel(k: usize, c: usize) -> (&'static str, Option<&'static str>) {
        let channel = CHANNELS[c];
        let kind = if channel.is_none() && k < 2 {
            "visit"
        } else {
            KINDS[k]
        };
        (kind, channel)
    }

    /// How `kind` and `channel` are stored (db::activities).
    fn codes<'k>(
        kind: &'k str,
        channel: Option<&str>,
    ) -> ((Option<i64>, Option<&'k str>), Option<i64>) {
        let channel = channel.map(|c| c.parse::<Channel>().unwrap());
        (
            activity_codes::kind_code(kind),
            activity_codes::channel_code(channel),
        )
    }

    fn nth_activity(conn: &Connection, n: usize) -> Option<i64> {
        let count: i64 = conn
            .query_row("SELECT count(*) FROM activity", [], |r| r.get(0))
            .unwrap();
        (count > 0).then(|| {
            conn.query_row(
                "SELECT id FROM activity ORDER BY id LIMIT 1 OFFSET ?1",
                [n as i64 % count],
                |r| r.get(0),
            )
            .unwrap()
        })
    }

    fn apply(conn: &Connection, op: &Op) {
        let program = |g: usize| [Some(1), Some(2), None][g];
        match *op {
            Op::Add(person, g, offset, k, c, m) => {
                let (kind, channel) = kind_channel(k, c);
                let ((kind_code, kind_other), channel) = codes(kind, channel);
                conn.execute(
                    "INSERT INTO activity (person_id, program_id, day, kind_code, kind_other, channel_code, impressions,
                                           reactions, comments, shares, clicks)
                     VALUES (?1, ?2, unixepoch(?3) / 86400, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                    params![person as i64 + 1, program(g), day(offset), kind_code, kind_other, channel, metric(m),
                            metric(m / 2), metric(m.wrapping_add(3)), metric(m / 3), metric(m.wrapping_mul(7))],
                )
                .unwrap();
            }
            Op::Move(a, person, g, offset) => {
                if let Some(id) = nth_activity(conn, a) {
                    conn.execute(
                        "UPDATE activity SET person_id = ?2, program_id = ?3, day = unixepoch(?4) / 86400 WHERE id = ?1",
                        params![id, person as i64 + 1, program(g), day(offset)],
                    )
                    .unwrap();
                }
            }
            Op::Refigure(a, m) => {
                if let Some(id) = nth_activity(conn, a) {
                    conn.execute(
                        "UPDATE activity SET impressions = ?2, reactions = ?3, clicks = ?4 WHERE id = ?1",
                        params![id, metric(m), metric(m / 5), metric(m / 2)],
                    )
                    .unwrap();
                }
            }
            Op::Recast(a, k, c) => {
                if let Some(id) = nth_activity(conn, a) {
                    let (kind, channel) = kind_channel(k, c);
                    let ((kind_code, kind_other), channel) = codes(kind, channel);
                    conn.execute(
                        "UPDATE activity SET kind_code = ?2, kind_other = ?3, channel_code = ?4 WHERE id = ?1",
                        params![id, kind_code, kind_other, channel],
                    )
                    .unwrap();
                }
            }
            Op::Remove(a) => {
                if let Some(id) = nth_activity(conn, a) {
                    conn.execute("DELETE FROM activity WHERE id = ?1", [id])
                        .unwrap();
                }
            }
            Op::Import(ref ops) => {
                let deferred = defer(conn).unwrap();
                for op in ops {
                    apply(conn, op);
                }
                deferred.catch_up(conn).unwrap();
            }
        }
    }

    fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
        serde_json::to_value(value).unwrap()
    }

    fn ids(conn: &Connection, table: &str) -> Vec<i64> {
        let sql =
            format!("SELECT id FROM {table} UNION SELECT max(id) + 1 FROM {table} ORDER BY 1");
        let mut stmt = conn.prepare(&sql).unwrap();
        let ids = stmt.query_map([], |r| r.get::<_, Option<i64>>(0)).unwrap();
        ids.filter_map(Result::unwrap).collect()
    }

    /// Every figure the reports read from the tallies equals what the activities give.
    fn reports_agree(conn: &Connection) {
        let programs: Vec<ProgramId> = ids(conn, "program").into_iter().map(ProgramId).collect();
        for program in programs.iter().copied() {
            assert_eq!(
                program_activity(conn, program, 4).unwrap(),
                report_pass::program_activity(conn, program, 4).unwrap(),
                "programme {program:?}"
            );
            let kept = program_activity(conn, program, 4).unwrap();
            assert_eq!(
                kept.channel_figures,
                reports::channel_figures(conn, program).unwrap()
            );
            assert_eq!(
                kept.top_by_posts,
                reports::top_by_posts(conn, program, 4).unwrap()
            );
        }
        for person in ids(conn, "person") {
            let person = PersonId(person);
            assert_eq!(
                json(&reports::person_activities(conn, person).unwrap()),
                json(&reports::person_activities_counted(conn, person).unwrap())
            );
        }
        let year = |y| {
            (
                NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(y, 12, 31).unwrap(),
            )
        };
        let asked = [year(2023), year(2022), (year(2022).0, year(2024).1)];
        let kept = period_activity(conn, &asked).unwrap().expect("whole years");
        for ((from, to), (figures, channels)) in asked.iter().zip(kept) {
            let expected = reports::period(conn, *from, *to).unwrap();
            assert_eq!(
                (
                    figures.posts,
                    figures.shares,
                    figures.other_activities,
                    figures.ambassadors_posting
                ),
                (
                    expected.posts,
                    expected.shares,
                    expected.other_activities,
                    expected.ambassadors_posting
                )
            );
            let mut channels = channels.counts();
            channels.sort_by_key(|c| std::cmp::Reverse(c.count));
            assert_eq!(
                channels,
                reports::period_posts_by_channel(conn, *from, *to).unwrap()
            );
        }
        let programs = std::iter::once(None).chain(programs.into_iter().map(Some));
        for program in programs {
            for (since, until) in [
                (None, None),
                (Some(year(2023).0), None),
                (None, Some(year(2022).1)),
            ] {
                assert_eq!(
                    json(
                        &report_pass::leaderboard_people(conn, program, since, until, -1).unwrap()
                    ),
                    json(&reports::leaderboard_people(conn, program, since, until, -1).unwrap()),
                    "{program:?} {since:?} {until:?}"
                );
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// The triggers keep both tallies equal to what the activities say after every
        /// insert, move, refiguring, recasting and removal, and the reports read from them
        /// give the figures of the activities.
        #[test]
        fn the_tallies_follow_every_change(ops in proptest::collection::vec(op_or_import(), 1..60)) {
            let conn = database();
            for op in &ops {
                apply(&conn, op);
                prop_assert_eq!(problems(&conn).unwrap(), Vec::<String>::new(), "after {:?}", op);
            }
            reports_agree(&conn);
        }
    }

    /// The demo: imports with caps, trainings, withdrawals, alumni, redemptions.
    #[test]
    fn the_demo_reports_the_same_from_the_tallies() {
        let dir = tempfile::tempdir().unwrap();
        let (partial, path) = (
            dir.path().join("partial.sqlite"),
            dir.path().join("demo.sqlite"),
        );
        let today = NaiveDate::from_ymd_opt(2022, 12, 31).unwrap();
        let config = crate::service::demo::config(&crate::config::Config::default());
        crate::service::demo::create(&partial, &path, &config, today).unwrap();
        let conn = crate::db::open(&partial, &crate::db::Settings::default()).unwrap();
        let activities: i64 = conn
            .query_row("SELECT count(*) FROM activity", [], |r| r.get(0))
            .unwrap();
        assert!(activities > 50, "{activities}");
        assert_eq!(problems(&conn).unwrap(), Vec::<String>::new());
        reports_agree(&conn);
    }

    #[test]
    fn a_sum_past_exact_is_real_until_its_big_figures_are_gone() {
        let conn = database();
        for op in [
            Op::Add(0, 0, 3, 0, 0, 1),  // impressions i64::MAX - 7
            Op::Add(0, 0, 4, 0, 0, 1),  // overflows into floating point
            Op::Add(0, 0, 5, 0, 0, 35), // a small figure beside them
        ] {
            apply(&conn, &op);
        }
        let kind = || -> String {
            conn.query_row("SELECT typeof(impressions) FROM activity_tally", [], |r| {
                r.get(0)
            })
            .unwrap()
        };
        assert_eq!(kind(), "real");
        let kept = program_activity(&conn, ProgramId(1), 4).unwrap();
        assert_eq!(
            kept.channel_figures,
            reports::channel_figures(&conn, ProgramId(1)).unwrap()
        );
        apply(&conn, &Op::Remove(0));
        apply(&conn, &Op::Remove(0));
        assert_eq!(kind(), "integer", "recomputed once the big figures went");
        assert_eq!(problems(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(
            program_activity(&conn, ProgramId(1), 4)
                .unwrap()
                .channel_figures[0]
                .impressions,
            3 * 35
        );
    }

    #[test]
    fn a_tally_that_differs_is_named_and_rebuilt() {
        let conn = database();
        for offset in 0..40 {
            apply(
                &conn,
                &Op::Add(offset as usize % 6, 0, offset * 20, 0, 0, 5),
            );
        }
        conn.execute_batch(
            "UPDATE activity_tally SET n = n + 1 WHERE month = '2022-01';
             DELETE FROM person_tally WHERE person_id = 2;",
        )
        .unwrap();
        let found = problems(&conn).unwrap();
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("at 1 2022-01 post linkedin"), "{found:?}");
        assert!(found[1].contains("at 2 1 2022 post linkedin"), "{found:?}");
        rebuild(&conn).unwrap();
        assert_eq!(problems(&conn).unwrap(), Vec::<String>::new());
        conn.execute_batch("DROP TRIGGER person_tally_update")
            .unwrap();
        let found = problems(&conn).unwrap();
        assert!(
            found[0].contains("person_tally_update is missing"),
            "{found:?}"
        );
        reports_agree(&conn);
    }

    #[test]
    fn only_whole_years_are_read_from_the_tallies() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(crate::dates::whole_years(None, None), Some((None, None)));
        assert_eq!(
            crate::dates::whole_years(d(2023, 1, 1), d(2024, 12, 31)),
            Some((Some(2023), Some(2024)))
        );
        assert_eq!(crate::dates::whole_years(d(2023, 1, 2), None), None);
        assert_eq!(crate::dates::whole_years(None, d(2023, 12, 30)), None);
        assert_eq!(crate::dates::whole_years(d(-1, 1, 1), None), None);
        let conn = database();
        let week = [(d(2023, 1, 1).unwrap(), d(2023, 1, 7).unwrap())];
        assert!(period_activity(&conn, &week).unwrap().is_none());
    }
}
