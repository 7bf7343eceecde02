//! The ledger's sums kept per person, programme and year (`points_tally`, migration 006):
//! the readers that answer balances and the reports' points from a few rows instead of
//! every entry, and the check that the sums equal the ledger.
//!
//! A reader gives `None` when a sum it would read is not exact (a value that overflowed
//! into floating point, or magnitudes reaching 2^53, where the ledger's own `total()` could
//! round): the caller then runs the query over the entries, so the figures are always those
//! of the ledger to the last digit.

use std::collections::HashMap;

use chrono::NaiveDate;
use rusqlite::{Connection, params};
use serde::Serialize;

use super::reports::Top;
use crate::domain::{PersonId, ProgramId};

/// A person's points.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Balance {
    pub person_id: PersonId,
    pub name: String,
    pub balance: i64,
    /// Lifetime points earned: awards and adjustments, less their reversals.
    pub earned: i64,
    /// Points spent on rewards, less reversed redemptions.
    pub redeemed: i64,
    pub tier: Option<String>,
}

/// Per group of tally rows `t`: whether their sums are exact integers (no rows, from an
/// outer join, are). Below 2^53 in magnitude, floating-point `total()` adds integers
/// exactly, on the tally and on the ledger alike.
const EXACT: &str = "(coalesce(min(t.magnitude IS NULL
                                   OR (typeof(t.earned) = 'integer' AND typeof(t.redeemed) = 'integer'
                                       AND typeof(t.magnitude) = 'integer')), 1)
                     AND total(t.magnitude) < 9007199254740992)";

/// The balances of [`super::points::balances`], from the tally.
pub fn balances(
    conn: &Connection,
    person: Option<PersonId>,
) -> rusqlite::Result<Option<Vec<Balance>>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, p.name, CAST(total(t.earned) AS INTEGER) - CAST(total(t.redeemed) AS INTEGER),
                CAST(total(t.redeemed) AS INTEGER), {EXACT}
         FROM person p LEFT JOIN points_tally t ON t.person_id = p.id
         WHERE ?1 IS NULL OR p.id = ?1
         GROUP BY p.id
         ORDER BY 3 DESC, fold(p.name), p.id"
    ))?;
    let rows = stmt.query_map([person], |row| {
        if !row.get::<_, bool>(4)? {
            return Ok(None);
        }
        let balance: i64 = row.get(2)?;
        let redeemed: i64 = row.get(3)?;
        Ok(Some(Balance {
            person_id: row.get(0)?,
            name: row.get(1)?,
            balance,
            earned: balance.saturating_add(redeemed),
            redeemed,
            tier: None,
        }))
    })?;
    rows.collect()
}

/// A person's balance, from the tally.
pub fn balance_of(conn: &Connection, person: PersonId) -> rusqlite::Result<Option<i64>> {
    conn.prepare_cached(&format!(
        "SELECT CAST(total(t.earned) AS INTEGER) - CAST(total(t.redeemed) AS INTEGER), {EXACT}
         FROM points_tally t WHERE t.person_id = ?1"
    ))?
    .query_row([person], |row| {
        Ok(row.get::<_, bool>(1)?.then_some(row.get(0)?))
    })
}

/// A programme's points sections, from the tally: earned, redeemed, the top `top` people by
/// points earned in it, and the lifetime earned points of everyone ever enrolled in it.
pub fn program_points(
    conn: &Connection,
    program: ProgramId,
    top: i64,
) -> rusqlite::Result<Option<super::report_parts::ProgramPoints>> {
    let (earned, redeemed, exact): (i64, i64, bool) = conn.query_row(
        &format!(
            "SELECT CAST(total(t.earned) AS INTEGER), CAST(total(t.redeemed) AS INTEGER), {EXACT}
             FROM points_tally t WHERE t.program_id = ?1"
        ),
        [program],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if !exact {
        return Ok(None);
    }
    // Exact for the whole programme, so for each person in it.
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.unit, CAST(total(t.earned) AS INTEGER) AS n
         FROM points_tally t JOIN person p ON p.id = t.person_id
         WHERE t.program_id = ?1
         GROUP BY p.id HAVING sum(t.entries - t.redemptions) > 0
         ORDER BY n DESC, fold(p.name), p.id LIMIT ?2",
    )?;
    let top_by_points = stmt
        .query_map(params![program, top], |row| {
            Ok(Top {
                person_id: row.get(0)?,
                name: row.get(1)?,
                unit: row.get(2)?,
                value: row.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(&format!(
        "SELECT CAST(total(t.earned) AS INTEGER), {EXACT}
         FROM (SELECT DISTINCT person_id FROM enrolment_period WHERE program_id = ?1) x
         LEFT JOIN points_tally t ON t.person_id = x.person_id
         GROUP BY x.person_id"
    ))?;
    let lifetime: Option<Vec<i64>> = stmt
        .query_map([program], |row| {
            Ok(row.get::<_, bool>(1)?.then_some(row.get(0)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(lifetime.map(
        |earned_of_participants| super::report_parts::ProgramPoints {
            earned,
            redeemed,
            top_by_points,
            earned_of_participants,
        },
    ))
}

/// The years `from..=to` covers when it is whole calendar years (an open end is one),
/// as [`crate::dates::whole_years`] tells them.
pub fn whole_years(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Option<(i32, i32)> {
    let (first, last) = crate::dates::whole_years(from, to)?;
    Some((first.unwrap_or(i32::MIN), last.unwrap_or(i32::MAX)))
}

/// Points earned (awards and adjustments less their reversals) per person, in `program`
/// (or all) in the years `first..=last`, from the tally. A person with only redemptions
/// there is listed with 0.
pub fn earned_by_person(
    conn: &Connection,
    program: Option<ProgramId>,
    (first, last): (i32, i32),
) -> rusqlite::Result<Option<HashMap<PersonId, i64>>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT t.person_id, CAST(total(t.earned) AS INTEGER), {EXACT}
         FROM points_tally t
         WHERE (?1 IS NULL OR t.program_id = ?1) AND t.year BETWEEN ?2 AND ?3
         GROUP BY t.person_id"
    ))?;
    let rows = stmt.query_map(params![program, first, last], |row| {
        Ok(match row.get::<_, bool>(2)? {
            true => Some((row.get(0)?, row.get(1)?)),
            false => None,
        })
    })?;
    rows.collect()
}

/// Points earned in each of `periods` when each is whole years, from the tally.
pub fn earned_in_periods(
    conn: &Connection,
    periods: &[(NaiveDate, NaiveDate)],
) -> rusqlite::Result<Option<Vec<i64>>> {
    let mut earned = Vec::with_capacity(periods.len());
    for (from, to) in periods {
        let Some((first, last)) = whole_years(Some(*from), Some(*to)) else {
            return Ok(None);
        };
        let (sum, exact): (i64, bool) = conn.query_row(
            &format!(
                "SELECT CAST(total(t.earned) AS INTEGER), {EXACT}
                 FROM points_tally t WHERE t.year BETWEEN ?1 AND ?2"
            ),
            [first, last],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        if !exact {
            return Ok(None);
        }
        earned.push(sum);
    }
    Ok(Some(earned))
}

/// The tally as the ledger's entries give it: the query that filled it when the migration
/// created it ([`super::migrations::fill_query`]), so that the check sums exactly as it did.
fn sums_of_entries() -> &'static str {
    super::migrations::fill_query("points_tally").unwrap_or_default()
}

/// Sums the whole ledger again into the kept sums (`amb check --repair`).
pub fn rebuild(conn: &Connection) -> rusqlite::Result<()> {
    conn.execute("DELETE FROM points_tally", [])?;
    add_entries_after(conn, 0).map(drop)
}

/// Adds the entries above id `after` to the kept sums: what the insert trigger does row by
/// row, for a bulk insert that lifts it (`migrations::with_trigger_lifted`). One pass over
/// the new entries summed in a hash map, then one upsert per person, programme and year: an
/// SQL `GROUP BY` sorts every entry first, which costs an import more than the trigger
/// (BENCHMARKS.md). A reversal's class comes from the entry it reverses, wherever that is.
/// Returns how many rows of the tally were written.
pub fn add_entries_after(conn: &Connection, after: i64) -> rusqlite::Result<usize> {
    #[derive(Default)]
    struct Sums {
        entries: i64,
        redemptions: i64,
        earned: i128,
        redeemed: i128,
        magnitude: u128,
    }
    let mut sums: HashMap<(i64, i64, i64), Sums> = HashMap::new();
    let mut stmt = conn.prepare(
        "SELECT e.person_id, coalesce(e.program_id, 0), CAST(substr(e.date, 1, 4) AS INTEGER), e.amount,
                e.kind = 'redemption' OR coalesce(r.kind, '') = 'redemption'
         FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
         WHERE e.id > ?1",
    )?;
    let mut rows = stmt.query([after])?;
    while let Some(row) = rows.next()? {
        let sum = sums
            .entry((row.get(0)?, row.get(1)?, row.get(2)?))
            .or_default();
        let amount = i128::from(row.get::<_, i64>(3)?);
        sum.entries += 1;
        sum.magnitude += amount.unsigned_abs();
        if row.get::<_, bool>(4)? {
            sum.redemptions += 1;
            sum.redeemed -= amount;
        } else {
            sum.earned += amount;
        }
    }
    let mut upsert = conn.prepare(
        "INSERT INTO points_tally (person_id, program_id, year, entries, redemptions, earned, redeemed, magnitude)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (person_id, program_id, year) DO UPDATE SET
             entries = entries + excluded.entries,
             redemptions = redemptions + excluded.redemptions,
             earned = earned + excluded.earned,
             redeemed = redeemed + excluded.redeemed,
             magnitude = magnitude + excluded.magnitude",
    )?;
    for ((person, program, year), sum) in &sums {
        // Beyond 2^53 a sum is kept in floating point, as the trigger's `+` would have it.
        let kept = |value: i128| -> rusqlite::types::Value {
            match i64::try_from(value) {
                Ok(value) if sum.magnitude < 1 << 53 => value.into(),
                _ => (value as f64).into(),
            }
        };
        upsert.execute(params![
            person,
            program,
            year,
            sum.entries,
            sum.redemptions,
            kept(sum.earned),
            kept(sum.redeemed),
            kept(sum.magnitude as i128),
        ])?;
    }
    Ok(sums.len())
}

/// `rows` (the tally's columns) with their sums shown only where they are exact integers
/// (1.0 equals 1 in SQL): where they are not, the ledger's floating-point totals and the
/// kept sums may round apart, and only the keys and counts are compared.
fn comparable(rows: &str) -> String {
    format!(
        "WITH sums (person_id, program_id, year, entries, redemptions, earned, redeemed, magnitude)
              AS ({rows})
         SELECT person_id, program_id, year, entries, redemptions,
                CASE WHEN exact THEN earned END, CASE WHEN exact THEN redeemed END,
                CASE WHEN exact THEN magnitude END
         FROM (SELECT *, earned = CAST(earned AS INTEGER) AND redeemed = CAST(redeemed AS INTEGER)
                         AND magnitude = CAST(magnitude AS INTEGER) AND magnitude < 9007199254740992 AS exact
               FROM sums)"
    )
}

/// How many differing rows `amb check` names one by one.
const NAMED: usize = 10;

/// Where the kept sums differ from the ledger's entries: one sentence each (the first few,
/// then how many more).
pub fn differences(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let rebuilt = comparable(sums_of_entries());
    let kept = comparable(
        "SELECT person_id, program_id, year, entries, redemptions, earned, redeemed, magnitude
         FROM points_tally",
    );
    let mut stmt = conn.prepare(&format!(
        "SELECT DISTINCT person_id, program_id, year FROM (
             SELECT * FROM (SELECT * FROM ({rebuilt}) EXCEPT SELECT * FROM ({kept}))
             UNION ALL
             SELECT * FROM (SELECT * FROM ({kept}) EXCEPT SELECT * FROM ({rebuilt})))
         ORDER BY 1, 2, 3"
    ))?;
    let keys: Vec<(i64, i64, i64)> = stmt
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut problems: Vec<String> = keys
        .iter()
        .take(NAMED)
        .map(|(person, program, year)| {
            let program = match program {
                0 => "no programme".to_string(),
                id => format!("programme {id}"),
            };
            format!(
                "points totals: the totals kept for person {person}, {program}, {year} differ from the ledger's entries: balances and reports would show wrong points"
            )
        })
        .collect();
    if keys.len() > NAMED {
        problems.push(format!(
            "points totals: and {} more people, programmes and years differ the same way",
            keys.len() - NAMED
        ));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::points::{balances_from_entries, seal};

    /// Two people in two programmes and none over three years: awards, adjustments both
    /// ways, redemptions, a reversed award, a reversed redemption, a reversal in another
    /// year and programme than the entry it cancels.
    fn ledger(conn: &Connection) {
        conn.execute_batch(
            "INSERT INTO program (id, name, start_date) VALUES (1, 'Spring', '2021-01-01'), (2, 'Autumn', '2021-06-01');
             INSERT INTO person (id, name, email, email_key, role) VALUES
                 (1, 'Aino', 'a@x.fi', 'a@x.fi', 'employee'), (2, 'Bo', 'b@x.fi', 'b@x.fi', 'employee'),
                 (3, 'Cai', 'c@x.fi', 'c@x.fi', 'employee');
             INSERT INTO enrolment (person_id, program_id, status, applied_on, enrolled_on, consent_date, ended_on)
             VALUES (1, 1, 'active', '2021-01-01', '2021-01-01', '2021-01-01', NULL),
                    (2, 1, 'withdrawn', '2021-01-01', '2021-01-01', '2021-01-01', '2022-03-01'),
                    (3, 2, 'active', '2021-06-01', '2021-06-01', '2021-06-01', NULL);",
        )
        .unwrap();
        ledger_after(conn, 0);
    }

    /// The ledger's entries above id `after`.
    fn ledger_after(conn: &Connection, after: i64) {
        // id, person, programme, date, amount, kind, reverses
        type Entry<'a> = (i64, i64, Option<i64>, &'a str, i64, &'a str, Option<i64>);
        let entries: [Entry<'_>; 12] = [
            (1, 1, Some(1), "2021-03-01", 10, "award", None),
            (2, 1, Some(2), "2021-07-01", 25, "award", None),
            (3, 1, Some(1), "2022-01-05", -8, "redemption", None),
            (4, 1, None, "2023-02-01", 8, "reversal", Some(3)),
            (5, 2, Some(1), "2021-12-31", 40, "award", None),
            (6, 2, Some(1), "2022-01-01", -40, "reversal", Some(5)),
            (7, 2, None, "2022-05-05", -3, "adjustment", None),
            (8, 2, Some(1), "2022-06-01", 12, "adjustment", None),
            (9, 1, Some(2), "2023-03-03", -20, "redemption", None),
            (10, 3, Some(2), "2022-02-02", 5, "award", None),
            (11, 3, Some(2), "2022-02-03", -5, "redemption", None),
            (12, 1, Some(1), "2023-04-04", 7, "award", None),
        ];
        for (id, person, program, date, amount, kind, reverses) in entries {
            if id <= after {
                continue;
            }
            let source = match kind {
                "redemption" | "reversal" => kind,
                _ => "manual",
            };
            conn.execute(
                "INSERT INTO points_entry (id, person_id, program_id, day, amount, kind, reason, source, reverses, created_at)
                 VALUES (?1, ?2, ?3, unixepoch(?4) / 86400, ?5, ?6, 'test', ?7, ?8, '2023-05-01T00:00:00Z')",
                params![id, person, program, date, amount, kind, source, reverses],
            )
            .unwrap();
        }
        seal(conn).unwrap();
    }

    fn kept(conn: &Connection) -> Vec<(i64, i64, i64, i64, i64, i64, i64)> {
        let mut stmt = conn
            .prepare("SELECT person_id, program_id, year, entries, redemptions, earned, redeemed FROM points_tally ORDER BY 1, 2, 3")
            .unwrap();
        stmt.query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
    }

    /// The sums the ledger's entries give, beside what the tally answers.
    fn same_as_the_ledger(conn: &Connection) {
        assert_eq!(differences(conn).unwrap(), Vec::<String>::new());
        let json = |b: Vec<Balance>| serde_json::to_value(b).unwrap();
        assert_eq!(
            json(balances(conn, None).unwrap().expect("exact")),
            json(balances_from_entries(conn, None).unwrap())
        );
        for person in 1..=4 {
            let person = PersonId(person);
            let from_entries = balances_from_entries(conn, Some(person)).unwrap();
            assert_eq!(
                balance_of(conn, person).unwrap(),
                Some(from_entries.first().map_or(0, |b| b.balance))
            );
        }
    }

    #[test]
    fn the_kept_sums_are_those_of_the_entries() {
        let conn = crate::db::memory();
        ledger(&conn);
        same_as_the_ledger(&conn);
        assert_eq!(
            kept(&conn),
            [
                (1, 0, 2023, 1, 1, 0, -8),
                (1, 1, 2021, 1, 0, 10, 0),
                (1, 1, 2022, 1, 1, 0, 8),
                (1, 1, 2023, 1, 0, 7, 0),
                (1, 2, 2021, 1, 0, 25, 0),
                (1, 2, 2023, 1, 1, 0, 20),
                (2, 0, 2022, 1, 0, -3, 0),
                (2, 1, 2021, 1, 0, 40, 0),
                (2, 1, 2022, 2, 0, -28, 0),
                (3, 2, 2022, 2, 1, 5, 5),
            ]
        );
        let aino = &balances(&conn, Some(PersonId(1))).unwrap().unwrap()[0];
        assert_eq!((aino.balance, aino.earned, aino.redeemed), (22, 42, 20));
    }

    #[test]
    fn deletions_and_updates_with_the_guards_lifted_keep_the_sums() {
        let conn = crate::db::memory();
        ledger(&conn);
        conn.execute_batch(
            // A reversal may outlive the entry it cancels only with the foreign keys off.
            "PRAGMA foreign_keys = OFF;
             DROP TRIGGER points_entry_no_update; DROP TRIGGER points_entry_no_delete;",
        )
        .unwrap();
        for change in [
            // A redemption gone: its reversal reverses nothing known, and counts as earned.
            "DELETE FROM points_entry WHERE id = 3",
            // Back, under its old id: its reversal is redeemed again.
            "INSERT INTO points_entry (id, person_id, program_id, day, amount, kind, reason, source, created_at)
             VALUES (3, 1, 1, unixepoch('2022-01-05') / 86400, -8, 'redemption', 'again', 'redemption', 't')",
            "UPDATE points_entry SET amount = 30, day = unixepoch('2020-01-01') / 86400, program_id = NULL WHERE id = 1",
            "UPDATE points_entry SET person_id = 3 WHERE id = 12",
            "UPDATE points_entry SET kind = 'adjustment', source = 'manual', amount = 20 WHERE id = 9",
            "UPDATE points_entry SET kind = 'adjustment', source = 'manual' WHERE id = 3",
            "UPDATE points_entry SET kind = 'redemption', source = 'redemption' WHERE id = 3",
            "UPDATE points_entry SET reason = 'only the text' WHERE id = 2",
            "DELETE FROM points_entry WHERE person_id = 2",
            "DELETE FROM points_entry",
        ] {
            conn.execute_batch(change).unwrap();
            assert_eq!(differences(&conn).unwrap(), Vec::<String>::new(), "{change}");
            let json = |b: Vec<Balance>| serde_json::to_value(b).unwrap();
            assert_eq!(
                json(balances(&conn, None).unwrap().expect("exact")),
                json(balances_from_entries(&conn, None).unwrap()),
                "{change}"
            );
        }
        assert_eq!(kept(&conn), []);
    }

    #[test]
    fn entries_added_in_bulk_are_summed_as_the_trigger_sums_them() {
        let conn = crate::db::memory();
        ledger(&conn);
        let by_trigger = kept(&conn);
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF; DROP TRIGGER points_entry_no_delete; DELETE FROM points_entry WHERE id > 4;",
        )
        .unwrap();
        conn.execute_batch("DELETE FROM points_tally").unwrap();
        add_entries_after(&conn, 0).unwrap();
        let lifted =
            crate::db::migrations::with_trigger_lifted(&conn, "points_tally_insert", || {
                ledger_after(&conn, 4);
                add_entries_after(&conn, 4)
            })
            .unwrap();
        assert!(lifted > 0);
        assert_eq!(kept(&conn), by_trigger);
        // Sums beyond exact are kept in floating point, and left to the ledger.
        let before: i64 = conn
            .query_row("SELECT max(id) FROM points_entry", [], |row| row.get(0))
            .unwrap();
        crate::db::migrations::with_trigger_lifted(&conn, "points_tally_insert", || {
            for amount in [i64::MIN, i64::MIN, 3] {
                conn.execute(
                    "INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source, created_at)
                     VALUES (2, 1, unixepoch('2022-08-08') / 86400, ?1, 'adjustment', 'huge', 'manual', 't')",
                    [amount],
                )?;
            }
            add_entries_after(&conn, before)
        })
        .unwrap();
        let magnitude: String = conn
            .query_row(
                "SELECT typeof(magnitude) FROM points_tally WHERE person_id = 2 AND program_id = 1 AND year = 2022",
                [],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(magnitude, "real");
        assert_eq!(differences(&conn).unwrap(), Vec::<String>::new());
        assert_eq!(balance_of(&conn, PersonId(2)).unwrap(), None);
        assert_eq!(
            conn.query_row(
                "SELECT sql FROM sqlite_schema WHERE name = 'points_tally_insert'",
                [],
                |row| row.get::<_, String>(0)
            )
            .unwrap(),
            crate::db::migrations::created_sql("points_tally_insert").unwrap(),
            "put back as created"
        );
    }

    #[test]
    fn an_existing_ledger_is_summed_by_the_upgrade() {
        let conn = crate::db::memory();
        ledger(&conn);
        let before = kept(&conn);
        conn.execute_batch("DROP TABLE points_tally").unwrap();
        let migration = include_str!("migrations/006_points_tally.sql");
        let table_and_fill = &migration[..migration.find("CREATE TRIGGER").unwrap()];
        conn.execute_batch(
            "DROP TRIGGER points_tally_insert; DROP TRIGGER points_tally_delete; DROP TRIGGER points_tally_update;",
        )
        .unwrap();
        conn.execute_batch(table_and_fill).unwrap();
        assert_eq!(kept(&conn), before);
    }

    #[test]
    fn sums_beyond_exact_are_left_to_the_ledger() {
        let conn = crate::db::memory();
        ledger(&conn);
        for amount in [1_i64 << 60, i64::MIN, i64::MAX] {
            conn.execute(
                "INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source, created_at)
                 VALUES (2, 1, unixepoch('2022-08-08') / 86400, ?1, 'adjustment', 'huge', 'manual', 't')",
                [amount],
            )
            .unwrap();
        }
        assert!(balances(&conn, None).unwrap().is_none());
        assert_eq!(balance_of(&conn, PersonId(2)).unwrap(), None);
        assert_eq!(balance_of(&conn, PersonId(1)).unwrap(), Some(22));
        assert_eq!(program_points(&conn, ProgramId(1), 5).unwrap(), None);
        assert!(program_points(&conn, ProgramId(2), 5).unwrap().is_some());
        assert_eq!(earned_by_person(&conn, None, (2022, 2022)).unwrap(), None);
        let later = earned_by_person(&conn, None, (2023, 2023))
            .unwrap()
            .unwrap();
        assert_eq!(later[&PersonId(1)], 7);
        assert_eq!(differences(&conn).unwrap(), Vec::<String>::new());
        let crate_balances = crate::db::points::balances(&conn, None).unwrap();
        assert_eq!(
            serde_json::to_value(crate_balances).unwrap(),
            serde_json::to_value(balances_from_entries(&conn, None).unwrap()).unwrap()
        );
    }

    #[test]
    fn a_kept_sum_that_differs_is_named() {
        let conn = crate::db::memory();
        ledger(&conn);
        conn.execute_batch(
            "UPDATE points_tally SET earned = earned + 1 WHERE person_id = 1 AND program_id = 2 AND year = 2021;
             DELETE FROM points_tally WHERE person_id = 3;
             INSERT INTO points_tally VALUES (9, 0, 2020, 1, 0, 5, 0, 5);",
        )
        .unwrap();
        assert_eq!(
            differences(&conn).unwrap(),
            [
                "points totals: the totals kept for person 1, programme 2, 2021 differ from the ledger's entries: balances and reports would show wrong points",
                "points totals: the totals kept for person 3, programme 2, 2022 differ from the ledger's entries: balances and reports would show wrong points",
                "points totals: the totals kept for person 9, no programme, 2020 differ from the ledger's entries: balances and reports would show wrong points",
            ]
        );
        conn.execute_batch("DROP TRIGGER points_tally_update")
            .unwrap();
        let problems = crate::db::check::problems(&conn);
        assert!(
            problems.contains(&"ledger: the trigger points_tally_update is missing: balances and reports can drift from the ledger".to_string()),
            "{problems:?}"
        );
    }

    #[test]
    fn whole_years_are_told_from_other_periods() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(whole_years(None, None), Some((i32::MIN, i32::MAX)));
        assert_eq!(
            whole_years(day(2022, 1, 1), day(2023, 12, 31)),
            Some((2022, 2023))
        );
        assert_eq!(whole_years(day(2024, 1, 1), None), Some((2024, i32::MAX)));
        assert_eq!(whole_years(None, day(2024, 12, 31)), Some((i32::MIN, 2024)));
        assert_eq!(whole_years(day(2022, 1, 2), None), None);
        assert_eq!(whole_years(None, day(2024, 12, 30)), None);
        assert_eq!(whole_years(day(2023, 7, 1), day(2023, 9, 30)), None);
    }
}
