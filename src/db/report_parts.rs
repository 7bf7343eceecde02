//! What the reports' passes and the kept totals share: exact sums, counts per label, the
//! programme report's activity and points sections, and the people they name.

use std::collections::{BTreeMap, HashMap};

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::reports::{self, ChannelFigures, Count, Top};
use crate::domain::{PersonId, ProgramId};

/// A sum of integers that knows whether SQLite's `total()` of the same values is exact.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExactSum {
    sum: i128,
    magnitude: u128,
}

impl ExactSum {
    pub fn add(&mut self, value: i64) {
        self.sum += i128::from(value);
        self.magnitude += u128::from(value.unsigned_abs());
    }

    /// Adds a figure as SQLite gives it: an integer, nothing for NULL, anything else (an
    /// integer sum that overflowed into floating point) a sum beyond exact.
    pub fn add_kept(&mut self, value: ValueRef<'_>) {
        match value {
            ValueRef::Integer(value) => self.add(value),
            ValueRef::Null => {}
            _ => self.magnitude += 1 << 53,
        }
    }

    /// The sum as a tally keeps it: an integer when exact, a REAL beyond.
    pub fn kept(self) -> rusqlite::types::Value {
        match self.exact() {
            Some(sum) => rusqlite::types::Value::Integer(sum),
            None => rusqlite::types::Value::Real(self.sum as f64),
        }
    }

    /// The sum, when every partial sum in any order stays below 2^53.
    pub fn exact(self) -> Option<i64> {
        (self.magnitude < 1 << 53).then_some(self.sum as i64)
    }
}

pub fn text(value: ValueRef<'_>) -> Option<&str> {
    match value {
        ValueRef::Text(t) => std::str::from_utf8(t).ok(),
        _ => None,
    }
}

/// Counts per label, a missing label (SQL's NULL) first and the others in byte order, as
/// `ORDER BY` sorts them; a label is copied once, when first seen.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    none: Option<i64>,
    some: BTreeMap<String, i64>,
}

impl Tally {
    pub fn add(&mut self, key: Option<&str>) {
        self.add_n(key, 1);
    }

    pub fn add_n(&mut self, key: Option<&str>, n: i64) {
        let Some(key) = key else {
            let none = self.none.get_or_insert(0);
            *none = none.saturating_add(n);
            return;
        };
        match self.some.get_mut(key) {
            Some(count) => *count = count.saturating_add(n),
            None => {
                self.some.insert(key.to_string(), n);
            }
        }
    }

    /// The counts, a missing label as "".
    pub fn counts(self) -> Vec<Count> {
        let none = self.none.map(|count| Count {
            key: String::new(),
            count,
        });
        none.into_iter()
            .chain(
                self.some
                    .into_iter()
                    .map(|(key, count)| Count { key, count }),
            )
            .collect()
    }
}

/// The activity sections of a programme's report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgramActivity {
    pub posts_by_channel: Vec<Count>,
    pub posts_by_month: Vec<Count>,
    pub posts_by_unit: Vec<Count>,
    pub posters_by_unit: Vec<Count>,
    pub other_activities: Vec<Count>,
    pub top_by_posts: Vec<Top>,
    pub channel_figures: Vec<ChannelFigures>,
}

#[derive(Default)]
pub struct Figures {
    pub impressions: ExactSum,
    pub clicks: ExactSum,
    pub engagements: ExactSum,
}

/// What a programme's activity sections are made of, gathered from its activities or from
/// the tallies kept of them.
#[derive(Default)]
pub struct ActivityParts {
    pub by_channel: Tally,
    pub by_month: Tally,
    pub other: Tally,
    /// Posts per person, of the people there are.
    pub posts_of: HashMap<PersonId, i64>,
    pub figures: BTreeMap<String, Figures>,
}

impl ActivityParts {
    /// Adds the impressions, clicks and engagements of `row` (its columns 4, 5 and 6, as
    /// SQLite gives them) to the figures of `channel`.
    pub fn add_figures(&mut self, channel: &str, row: &rusqlite::Row<'_>) -> rusqlite::Result<()> {
        if !self.figures.contains_key(channel) {
            self.figures.insert(channel.to_string(), Figures::default());
        }
        let f = self.figures.get_mut(channel).expect("inserted above");
        f.impressions.add_kept(row.get_ref(4)?);
        f.clicks.add_kept(row.get_ref(5)?);
        f.engagements.add_kept(row.get_ref(6)?);
        Ok(())
    }

    /// The sections: units by the people's current unit, the channels' figures from the
    /// per-section query when a sum is beyond exact.
    pub fn sections(
        self,
        conn: &Connection,
        program: ProgramId,
        people: &People,
        top: i64,
    ) -> rusqlite::Result<ProgramActivity> {
        let (mut by_unit, mut posters) = (Tally::default(), Tally::default());
        for (person, posts) in &self.posts_of {
            let unit = people[person].1.as_deref();
            by_unit.add_n(unit, *posts);
            posters.add(Some(unit.unwrap_or_default()));
        }
        let mut other_activities = self.other.counts();
        other_activities.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
        let exact: Option<Vec<ChannelFigures>> = self
            .figures
            .into_iter()
            .map(|(channel, f)| {
                Some(ChannelFigures {
                    channel,
                    impressions: f.impressions.exact()?,
                    clicks: f.clicks.exact()?,
                    engagements: f.engagements.exact()?,
                })
            })
            .collect();
        let channel_figures = match exact {
            Some(figures) => figures,
            None => reports::channel_figures(conn, program)?,
        };
        Ok(ProgramActivity {
            posts_by_channel: self.by_channel.counts(),
            posts_by_month: self.by_month.counts(),
            posts_by_unit: by_unit.counts(),
            posters_by_unit: posters.counts(),
            other_activities,
            top_by_posts: top_people(&self.posts_of, people, top),
            channel_figures,
        })
    }
}

/// Each person's name and current unit.
pub type People = HashMap<PersonId, (String, Option<String>)>;

/// The people's names and units by id.
pub fn people(conn: &Connection) -> rusqlite::Result<People> {
    let mut stmt = conn.prepare("SELECT id, name, unit FROM person")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?;
    rows.collect()
}

/// How many rows an SQL `LIMIT` keeps (a negative limit keeps them all).
pub fn sql_limit(limit: i64) -> usize {
    usize::try_from(limit).unwrap_or(usize::MAX)
}

/// The first `limit` people by `value`, then by folded name and id.
pub fn top_people(
    values: &HashMap<PersonId, i64>,
    people: &HashMap<PersonId, (String, Option<String>)>,
    limit: i64,
) -> Vec<Top> {
    let mut ranked: Vec<(i64, String, PersonId)> = values
        .iter()
        .filter_map(|(id, value)| {
            let (name, _) = people.get(id)?;
            Some((*value, crate::text::fold(name), *id))
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
    });
    ranked.truncate(sql_limit(limit));
    ranked
        .into_iter()
        .map(|(value, _, id)| {
            let (name, unit) = people[&id].clone();
            Top {
                person_id: id,
                name,
                unit,
                value,
            }
        })
        .collect()
}

/// The points sections of a programme's report.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProgramPoints {
    /// Earned in the programme (awards and adjustments less their reversals).
    pub earned: i64,
    /// Redeemed in the programme.
    pub redeemed: i64,
    pub top_by_points: Vec<Top>,
    /// The lifetime earned points of every person ever enrolled in the programme.
    pub earned_of_participants: Vec<i64>,
}
