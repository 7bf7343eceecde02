//! The reports' activity sections in one pass over the rows they need, instead of one
//! aggregate query per section (issue 15, without schema changes).
//!
//! The figures are exactly those of the per-section queries in `reports`: counts are
//! counted the same way, and a sum is returned only when SQLite's floating-point `total()`
//! would be exact too (the sum of the magnitudes below 2^53); otherwise the section's own
//! SQL gives the figure.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};

#[cfg(test)]
use super::report_parts::{ActivityParts, ProgramActivity};
use super::report_parts::{ExactSum, ProgramPoints, Tally, people, sql_limit, text, top_people};
use super::reports::{self, Count, Period, PersonRank};
use crate::domain::{PersonId, ProgramId};

/// A pass reads the table in order, rather than through an index, once the rows it needs
/// are more than one in this many of the table's: an index lookup per row costs several
/// page visits, a sequential scan a small share of one (BENCHMARKS.md, 2026-12-01).
const SCAN_SHARE: i64 = 50;

/// `NOT INDEXED` when the rows of `table` (`"name"` or `"name alias"`) that `filter`
/// selects (with `params`) are enough of the table that one sequential scan reads less
/// than an index lookup per row.
fn scan_hint(
    conn: &Connection,
    table: &str,
    filter: &str,
    params: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<&'static str> {
    let name = table.split(' ').next().unwrap_or(table);
    let rows: i64 = conn.query_row(
        &format!("SELECT coalesce(max(rowid), 0) FROM {name}"),
        [],
        |r| r.get(0),
    )?;
    let enough = rows / SCAN_SHARE + 1;
    let mut all: Vec<&dyn rusqlite::ToSql> = params.to_vec();
    all.push(&enough);
    let sql = format!("SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {filter} LIMIT ?)");
    let matching: i64 = conn.query_row(&sql, all.as_slice(), |r| r.get(0))?;
    Ok(if matching >= enough {
        "NOT INDEXED"
    } else {
        ""
    })
}

/// Posts per channel, month and unit, posters per unit, other activities by kind, the top
/// `top` people by posts and the channels' figures of `program`, in one pass: the reference
/// for `activity_tally::program_activity`, which the report reads.
#[cfg(test)]
pub fn program_activity(
    conn: &Connection,
    program: ProgramId,
    top: i64,
) -> rusqlite::Result<ProgramActivity> {
    let people = people(conn)?;
    let hint = scan_hint(conn, "activity", "program_id = ?", &[&program])?;
    let mut stmt = conn.prepare(&format!(
        "SELECT person_id, kind, channel, date, impressions, clicks,
                coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)
         FROM activity {hint} WHERE program_id = ?1"
    ))?;
    let mut parts = ActivityParts::default();
    let mut rows = stmt.query([program])?;
    while let Some(row) = rows.next()? {
        let person: PersonId = row.get(0)?;
        let kind = text(row.get_ref(1)?).unwrap_or_default();
        let channel = text(row.get_ref(2)?);
        if let Some(channel) = channel {
            parts.add_figures(channel, row)?;
        }
        if kind != "post" {
            parts.other.add(Some(kind));
            continue;
        }
        if !people.contains_key(&person) {
            continue;
        }
        parts.by_channel.add(channel);
        let date = text(row.get_ref(3)?).unwrap_or_default();
        parts.by_month.add(Some(
            date.char_indices().nth(7).map_or(date, |(i, _)| &date[..i]),
        ));
        *parts.posts_of.entry(person).or_default() += 1;
    }
    parts.sections(conn, program, &people, top)
}

/// The points totals, the top `top` people by points earned and the participants' lifetime
/// earned points of `program`, in one pass over the ledger; `None` when a sum is beyond
/// what SQLite's `total()` adds exactly (the per-section queries then give the figures).
pub fn program_points(
    conn: &Connection,
    program: ProgramId,
    top: i64,
) -> rusqlite::Result<Option<ProgramPoints>> {
    if let Some(points) = super::points_tally::program_points(conn, program, top)? {
        return Ok(Some(points));
    }
    let mut stmt = conn.prepare(
        "SELECT e.person_id, e.program_id IS ?1, e.amount,
                e.kind = 'redemption' OR coalesce(r.kind, '') = 'redemption'
         FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses",
    )?;
    let (mut earned, mut redeemed) = (ExactSum::default(), ExactSum::default());
    let mut lifetime: HashMap<PersonId, ExactSum> = HashMap::new();
    let mut in_program: HashMap<PersonId, ExactSum> = HashMap::new();
    let mut rows = stmt.query([program])?;
    while let Some(row) = rows.next()? {
        let person: PersonId = row.get(0)?;
        let ours: bool = row.get(1)?;
        let amount: i64 = row.get(2)?;
        let redemption: bool = row.get(3)?;
        if redemption {
            if ours {
                redeemed.add(amount.checked_neg().unwrap_or(i64::MAX));
            }
            continue;
        }
        lifetime.entry(person).or_default().add(amount);
        if ours {
            earned.add(amount);
            in_program.entry(person).or_default().add(amount);
        }
    }
    let exact = |sums: HashMap<PersonId, ExactSum>| -> Option<HashMap<PersonId, i64>> {
        sums.into_iter()
            .map(|(person, sum)| Some((person, sum.exact()?)))
            .collect()
    };
    let (Some(earned), Some(redeemed), Some(lifetime), Some(in_program)) = (
        earned.exact(),
        redeemed.exact(),
        exact(lifetime),
        exact(in_program),
    ) else {
        return Ok(None);
    };
    let earned_of_participants = super::enrolments::ever_enrolled(conn, program)?
        .into_iter()
        .map(|person| lifetime.get(&person).copied().unwrap_or(0))
        .collect();
    Ok(Some(ProgramPoints {
        earned,
        redeemed,
        top_by_points: top_people(&in_program, &people(conn)?, top),
        earned_of_participants,
    }))
}

/// People by hashtag posts, then all activities, then points earned in a period: the figures
/// and order of [`reports::leaderboard_people`], from one pass over the activities and one
/// over the ledger (that query itself when a sum is beyond exact).
pub fn leaderboard_people(
    conn: &Connection,
    program: Option<ProgramId>,
    since: Option<chrono::NaiveDate>,
    until: Option<chrono::NaiveDate>,
    top: i64,
) -> rusqlite::Result<Vec<PersonRank>> {
    // Conditions on the activities and the ledger's entries alike (`{}` for `e.` on the
    // entries), by day number, which their indexes hold.
    let mut filter = String::new();
    let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
    for (condition, value) in [
        (
            " AND {}program_id = ?",
            program.as_ref().map(|p| p as &dyn rusqlite::ToSql),
        ),
        (
            " AND {}day >= unixepoch(?) / 86400",
            since.as_ref().map(|d| d as &dyn rusqlite::ToSql),
        ),
        (
            " AND {}day <= unixepoch(?) / 86400",
            until.as_ref().map(|d| d as &dyn rusqlite::ToSql),
        ),
    ] {
        if let Some(value) = value {
            filter.push_str(condition);
            args.push(value);
        }
    }
    // Whole years from the tallies, any other period from the activities themselves.
    let acts = match super::activity_tally::leaderboard_activities(conn, program, since, until)? {
        Some(acts) => acts,
        None => {
            let activity_filter = format!("program_id IS NOT NULL{}", filter.replace("{}", ""));
            let hint = scan_hint(conn, "activity", &activity_filter, &args)?;
            let mut acts: HashMap<PersonId, (i64, i64)> = HashMap::new();
            let mut stmt = conn.prepare(&format!(
                "SELECT person_id, kind = 'post' FROM activity {hint} WHERE {activity_filter}"
            ))?;
            let mut rows = stmt.query(args.as_slice())?;
            while let Some(row) = rows.next()? {
                let counts = acts.entry(row.get(0)?).or_default();
                counts.0 += i64::from(row.get::<_, bool>(1)?);
                counts.1 += 1;
            }
            acts
        }
    };
    // Whole years (or no period) are read from the ledger's kept sums.
    let tallied = match super::points_tally::whole_years(since, until) {
        Some(years) => super::points_tally::earned_by_person(conn, program, years)?,
        None => None,
    };
    let points = match tallied {
        Some(points) => points,
        None => match ledger_points(conn, &filter, &args)? {
            Some(points) => points,
            None => return reports::leaderboard_people(conn, program, since, until, top),
        },
    };
    let people = people(conn)?;
    let mut ranked = Vec::with_capacity(acts.len());
    for (person, (posts, activities)) in acts {
        let Some((name, unit)) = people.get(&person) else {
            continue;
        };
        let points = points.get(&person).copied().unwrap_or(0);
        ranked.push((
            crate::text::fold(name),
            PersonRank {
                rank: 0,
                person_id: person,
                name: name.clone(),
                unit: unit.clone(),
                posts,
                activities,
                points,
            },
        ));
    }
    let key = |r: &PersonRank| std::cmp::Reverse((r.posts, r.activities, r.points));
    ranked.sort_by(|(a_name, a), (b_name, b)| {
        key(a)
            .cmp(&key(b))
            .then_with(|| a_name.cmp(b_name))
            .then(a.person_id.cmp(&b.person_id))
    });
    let mut out: Vec<PersonRank> = Vec::with_capacity(ranked.len().min(sql_limit(top)));
    for (position, (_, mut row)) in ranked.into_iter().enumerate().take(sql_limit(top)) {
        row.rank = match out.last() {
            Some(before) if key(before) == key(&row) => before.rank,
            _ => position as i64 + 1,
        };
        out.push(row);
    }
    Ok(out)
}

/// Points earned per person by the ledger's entries that `filter` (conditions on `e.`
/// written `{}`, with `args`) selects, in one pass; `None` when a sum is beyond exact.
fn ledger_points(
    conn: &Connection,
    filter: &str,
    args: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Option<HashMap<PersonId, i64>>> {
    let mut points: HashMap<PersonId, ExactSum> = HashMap::new();
    let entry_filter = format!("e.kind <> 'redemption'{}", filter.replace("{}", "e."));
    let hint = scan_hint(conn, "points_entry e", &entry_filter, args)?;
    let mut stmt = conn.prepare(&format!(
        "SELECT e.person_id, e.amount FROM points_entry e {hint} LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE {entry_filter} AND coalesce(r.kind, '') <> 'redemption'"
    ))?;
    let mut rows = stmt.query(args)?;
    while let Some(row) = rows.next()? {
        points.entry(row.get(0)?).or_default().add(row.get(1)?);
    }
    Ok(points
        .into_iter()
        .map(|(person, sum)| Some((person, sum.exact()?)))
        .collect())
}

/// The figures and posts per channel of each of `periods` (`from..=to`, in any order), in
/// one pass over the activities of the days they cover; points earned in one more.
pub fn periods(
    conn: &Connection,
    periods: &[(chrono::NaiveDate, chrono::NaiveDate)],
) -> rusqlite::Result<Vec<(Period, Vec<Count>)>> {
    let (Some(first), Some(last)) = (
        periods.iter().map(|p| p.0).min(),
        periods.iter().map(|p| p.1).max(),
    ) else {
        return Ok(Vec::new());
    };
    let bounds: Vec<(String, String)> = periods
        .iter()
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .collect();
    let (first, last) = (first.to_string(), last.to_string());
    // Whole years from the tallies, any other period from the activities themselves.
    let mut activity = match super::activity_tally::period_activity(conn, periods)? {
        Some(activity) => activity,
        None => period_activity(conn, &bounds, (&first, &last))?,
    };
    let earned = match super::points_tally::earned_in_periods(conn, periods)? {
        Some(earned) => earned,
        None => points_earned(conn, &bounds, (&first, &last))?,
    };
    let mut out = Vec::with_capacity(periods.len());
    for (i, (from, to)) in periods.iter().enumerate() {
        let (figures, channels) = &mut activity[i];
        let period = Period {
            posts: figures.posts,
            shares: figures.shares,
            other_activities: figures.other_activities,
            ambassadors_posting: figures.ambassadors_posting,
            points_earned: earned[i],
            ..reports::period_people_and_trainings(conn, *from, *to)?
        };
        let mut by_channel = std::mem::take(channels).counts();
        by_channel.sort_by_key(|c| std::cmp::Reverse(c.count));
        out.push((period, by_channel));
    }
    Ok(out)
}

/// Posts, shares, other activities and people posting, with posts per channel, of the
/// programmes' activities in each of `periods`, in one pass over the activities of
/// `first..=last`.
fn period_activity(
    conn: &Connection,
    periods: &[(String, String)],
    (first, last): (&String, &String),
) -> rusqlite::Result<Vec<(Period, Tally)>> {
    let hint = scan_hint(
        conn,
        "activity",
        "program_id IS NOT NULL AND day BETWEEN unixepoch(?) / 86400 AND unixepoch(?) / 86400",
        &[first, last],
    )?;
    let mut stmt = conn.prepare(&format!(
        "SELECT person_id, kind, channel, date FROM activity {hint}
         WHERE program_id IS NOT NULL AND day BETWEEN unixepoch(?1) / 86400 AND unixepoch(?2) / 86400"
    ))?;
    let mut out = vec![(Period::default(), Tally::default()); periods.len()];
    let mut posting: Vec<HashSet<PersonId>> = vec![HashSet::new(); periods.len()];
    let mut rows = stmt.query(params![first, last])?;
    while let Some(row) = rows.next()? {
        let date = text(row.get_ref(3)?).unwrap_or_default();
        let kind = text(row.get_ref(1)?).unwrap_or_default();
        for (i, (from, to)) in periods.iter().enumerate() {
            if date < from.as_str() || date > to.as_str() {
                continue;
            }
            let (figures, channels) = &mut out[i];
            match kind {
                "post" => {
                    figures.posts += 1;
                    posting[i].insert(row.get(0)?);
                    channels.add(text(row.get_ref(2)?));
                }
                "share" => figures.shares += 1,
                _ => figures.other_activities += 1,
            }
        }
    }
    for ((figures, _), people) in out.iter_mut().zip(posting) {
        figures.ambassadors_posting = people.len() as i64;
    }
    Ok(out)
}

/// The points earned (awards and adjustments less their reversals) in each of `periods`,
/// in one pass over the ledger's entries of `first..=last`.
fn points_earned(
    conn: &Connection,
    periods: &[(String, String)],
    (first, last): (&String, &String),
) -> rusqlite::Result<Vec<i64>> {
    let within = "e.day BETWEEN unixepoch(?) / 86400 AND unixepoch(?) / 86400";
    let hint = scan_hint(conn, "points_entry e", within, &[first, last])?;
    let sums = vec![
        "CAST(total(e.amount) FILTER (WHERE e.day BETWEEN unixepoch(?) / 86400 AND unixepoch(?) / 86400) AS INTEGER)";
        periods.len()
    ];
    let mut args: Vec<&dyn rusqlite::ToSql> = Vec::new();
    for (from, to) in periods {
        args.extend([from as &dyn rusqlite::ToSql, to]);
    }
    args.extend([first as &dyn rusqlite::ToSql, last]);
    let sql = format!(
        "SELECT {} FROM points_entry e {hint} LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE {within} AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption'",
        sums.join(", ")
    );
    conn.query_row(&sql, args.as_slice(), |row| {
        (0..periods.len()).map(|i| row.get(i)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::activity_codes;
    use chrono::{Datelike, NaiveDate};

    const CHANNELS: [Option<&str>; 4] = [Some("linkedin"), Some("x"), None, Some("blog")];
    const KINDS: [&str; 5] = ["post", "share", "visit", "post", "talk"];

    /// Two programmes over three years; people with and without units, names that fold
    /// alike, equal post counts (ties), activities with no channel, outside any programme.
    fn database(rows: i64, huge: bool) -> Connection {
        let conn = crate::db::memory();
        conn.execute_batch(
            "INSERT INTO program (id, name, start_date) VALUES (1, 'Spring', '2022-01-01'), (2, 'Autumn', '2022-06-01');",
        )
        .unwrap();
        let names = ["Åsa", "asa", "Eero", "ÄIJÄ", "Bo", "bo", "Zed"];
        for (i, name) in names.iter().enumerate() {
            let unit = [Some("Sales"), None, Some(""), Some("R&D")][i % 4];
            conn.execute(
                "INSERT INTO person (id, name, email, email_key, role, unit) VALUES (?1, ?2, ?3, ?3, 'employee', ?4)",
                params![i as i64 + 1, name, format!("p{i}@example.org"), unit],
            )
            .unwrap();
        }
        for i in 0..rows {
            let channel = CHANNELS[(i % 4) as usize];
            let kind = KINDS[(i % 5) as usize];
            let kind = if channel.is_none() && (kind == "post" || kind == "share") {
                "visit"
            } else {
                kind
            };
            let (kind_code, kind_other) = activity_codes::kind_code(kind);
            let program = [Some(1), Some(2), None][(i % 3) as usize];
            let date = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap()
                + chrono::Days::new((i * 37 % 1000) as u64);
            let impressions = if huge && i == 7 {
                Some(1_i64 << 60)
            } else {
                [Some(i * 11), None][(i % 2) as usize]
            };
            conn.execute(
                "INSERT INTO activity (person_id, program_id, day, kind_code, kind_other, channel_code, impressions,
                                       reactions, clicks)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![(i * i) % 7 + 1, program, activity_codes::day_number(date), kind_code, kind_other,
                        activity_codes::channel_code(channel.map(|c: &str| c.parse().unwrap())), impressions, i % 3,
                        (i % 4 > 0).then_some(i)],
            )
            .unwrap();
        }
        conn
    }

    fn by_section(conn: &Connection, program: ProgramId) -> ProgramActivity {
        ProgramActivity {
            posts_by_channel: reports::posts_by_channel(conn, program).unwrap(),
            posts_by_month: reports::posts_by_month(conn, program).unwrap(),
            posts_by_unit: reports::posts_by_unit(conn, program).unwrap(),
            posters_by_unit: {
                let mut rows = reports::posters_by_unit(conn, program).unwrap();
                rows.sort_by(|a, b| a.key.cmp(&b.key));
                rows
            },
            other_activities: reports::other_activities(conn, program).unwrap(),
            top_by_posts: reports::top_by_posts(conn, program, 5).unwrap(),
            channel_figures: reports::channel_figures(conn, program).unwrap(),
        }
    }

    #[test]
    fn one_pass_gives_the_figures_of_the_per_section_queries() {
        for (rows, huge) in [(0, false), (1, false), (400, false), (400, true)] {
            let conn = database(rows, huge);
            for program in [ProgramId(1), ProgramId(2), ProgramId(3)] {
                let pass = program_activity(&conn, program, 5).unwrap();
                assert_eq!(
                    pass,
                    by_section(&conn, program),
                    "{rows} rows, programme {program:?}"
                );
            }
        }
    }

    /// A ledger with awards in both programmes and none, adjustments, redemptions, a
    /// reversed award and a reversed redemption; enrolments, one of them withdrawn.
    fn ledger(conn: &Connection, huge: bool) {
        conn.execute_batch(
            "INSERT INTO enrolment (person_id, program_id, status, applied_on, enrolled_on, consent_date, ended_on)
             VALUES (1, 1, 'active', '2022-01-01', '2022-01-01', '2022-01-01', NULL),
                    (2, 1, 'withdrawn', '2022-01-01', '2022-01-01', '2022-01-01', '2022-03-01'),
                    (3, 2, 'active', '2022-06-01', '2022-06-01', '2022-06-01', NULL),
                    (4, 1, 'applied', '2022-01-01', NULL, NULL, NULL);",
        )
        .unwrap();
        let mut id = 0;
        let mut entry = |person: i64,
                         program: Option<i64>,
                         amount: i64,
                         kind: &str,
                         reverses: Option<i64>| {
            id += 1;
            let source = match kind {
                "redemption" => "redemption",
                "reversal" => "reversal",
                _ => "manual",
            };
            conn.execute(
                "INSERT INTO points_entry (id, person_id, program_id, day, amount, kind, reason, source, reverses, created_at)
                 VALUES (?1, ?2, ?3, unixepoch('2022-07-01') / 86400, ?4, ?5, 'test', ?6, ?7, '2022-07-01T00:00:00Z')",
                params![id, person, program, amount, kind, source, reverses],
            )
            .unwrap();
        };
        for person in 1..=7 {
            entry(person, Some(1), 10 * person, "award", None);
            entry(person, Some(2), 7, "award", None);
            entry(person, None, 3, "adjustment", None);
        }
        entry(1, Some(1), -20, "redemption", None); // 22
        entry(1, Some(1), 20, "reversal", Some(22)); // a redemption undone
        entry(2, Some(1), -20, "reversal", Some(4)); // person 2's award in programme 1
        entry(5, Some(1), 60, "adjustment", None);
        entry(6, Some(1), -40, "adjustment", None);
        if huge {
            entry(3, Some(1), 1 << 60, "adjustment", None);
        }
    }

    fn points_by_section(conn: &Connection, program: ProgramId) -> ProgramPoints {
        let (earned, redeemed) = reports::points_totals(conn, program).unwrap();
        let mut earned_of_participants = Vec::new();
        reports::earned_of_participants(conn, program, &mut |e| earned_of_participants.push(e))
            .unwrap();
        earned_of_participants.sort_unstable();
        ProgramPoints {
            earned,
            redeemed,
            top_by_points: reports::top_by_points(conn, program, 5).unwrap(),
            earned_of_participants,
        }
    }

    #[test]
    fn one_pass_over_the_ledger_gives_the_figures_of_the_per_section_queries() {
        let conn = database(40, false);
        ledger(&conn, false);
        for program in [ProgramId(1), ProgramId(2), ProgramId(3)] {
            let mut pass = program_points(&conn, program, 5)
                .unwrap()
                .expect("exact sums");
            pass.earned_of_participants.sort_unstable();
            assert_eq!(
                pass,
                points_by_section(&conn, program),
                "programme {program:?}"
            );
        }
        let pass = program_points(&conn, ProgramId(1), 5).unwrap().unwrap();
        assert_eq!((pass.earned, pass.redeemed), (280, 0));
        let conn = database(40, false);
        ledger(&conn, true);
        assert_eq!(
            program_points(&conn, ProgramId(1), 5).unwrap(),
            None,
            "left to SQLite"
        );
    }

    #[test]
    fn the_leaderboard_in_two_passes_is_the_leaderboard_of_the_query() {
        let day = |y, m, d| Some(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        for huge in [false, true] {
            let conn = database(300, false);
            ledger(&conn, huge);
            for program in [None, Some(ProgramId(1)), Some(ProgramId(2))] {
                for (since, until) in [
                    (None, None),
                    (day(2022, 7, 1), day(2022, 9, 30)),
                    (day(2023, 1, 1), None),
                ] {
                    for top in [2, 5, -1] {
                        let pass = leaderboard_people(&conn, program, since, until, top).unwrap();
                        let query =
                            reports::leaderboard_people(&conn, program, since, until, top).unwrap();
                        let json = |rows: &[PersonRank]| serde_json::to_value(rows).unwrap();
                        assert_eq!(
                            json(&pass),
                            json(&query),
                            "{program:?} {since:?} {until:?} {top}"
                        );
                        assert!(!pass.is_empty());
                    }
                }
            }
        }
    }

    #[test]
    fn a_sum_beyond_exact_floating_point_is_left_to_sqlite() {
        let mut sum = ExactSum::default();
        sum.add(1 << 52);
        assert_eq!(sum.exact(), Some(1 << 52));
        sum.add(-(1 << 52));
        assert_eq!(sum.exact(), None, "the partial sum reached 2^53");
        let conn = database(400, true);
        let pass = program_activity(&conn, ProgramId(2), 5).unwrap();
        assert!(
            pass.channel_figures
                .iter()
                .any(|f| f.impressions >= 1 << 60)
        );
    }

    #[test]
    fn periods_give_the_figures_of_one_query_per_period() {
        let conn = database(400, false);
        ledger(&conn, false);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let asked = [
            (day(2023, 1, 1), day(2023, 12, 31)),
            (day(2022, 1, 1), day(2022, 12, 31)),
            (day(2022, 3, 5), day(2024, 2, 1)),
        ];
        let pass = periods(&conn, &asked).unwrap();
        for ((from, to), (period, channels)) in asked.iter().zip(pass) {
            let expected = reports::period(&conn, *from, *to).unwrap();
            assert_eq!(
                serde_json::to_value(&period).unwrap(),
                serde_json::to_value(&expected).unwrap()
            );
            assert_eq!(
                channels,
                reports::period_posts_by_channel(&conn, *from, *to).unwrap()
            );
            assert!(period.posts > 0);
            assert_eq!(period.points_earned > 0, from.year() == 2022, "{from}");
        }
    }

    #[test]
    fn a_pass_scans_the_table_only_when_the_rows_are_a_large_share_of_it() {
        let conn = database(400, false);
        let count = "program_id = ?";
        assert_eq!(
            scan_hint(&conn, "activity", count, &[&ProgramId(1)]).unwrap(),
            "NOT INDEXED"
        );
        assert_eq!(
            scan_hint(&conn, "activity", count, &[&ProgramId(3)]).unwrap(),
            ""
        );
    }
}
