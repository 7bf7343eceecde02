//! `privacy.min_group`: no figure leadership sees is built from fewer people than that. Units
//! that are too small are merged into one "other units" row; when even that is too small it
//! is left out. Each report says so in a footnote.

use serde::Serialize;

use crate::db::reports::{Count, PersonRank, UnitRank};

/// The row small units are merged into.
pub const MERGED: &str = "other units";

fn footnote(min: u32, what: &str) -> String {
    format!(
        "{what} built from fewer than {min} people are merged into \"{MERGED}\" or left out (privacy.min_group = {min})"
    )
}

/// Merges the counts of units whose `people` are fewer than `min`; the footnote says so
/// when anything was merged or left out.
pub fn merge_counts(
    counts: Vec<Count>,
    people: &[Count],
    min: u32,
) -> (Vec<Count>, Option<String>) {
    let size = |unit: &str| people.iter().find(|p| p.key == unit).map_or(0, |p| p.count);
    let min = i64::from(min);
    let (small, mut kept): (Vec<Count>, Vec<Count>) =
        counts.into_iter().partition(|c| size(&c.key) < min);
    if small.is_empty() {
        return (kept, None);
    }
    let merged_people: i64 = small.iter().map(|c| size(&c.key)).sum();
    if merged_people >= min {
        kept.push(Count {
            key: MERGED.to_string(),
            count: small.iter().map(|c| c.count).sum(),
        });
    }
    (kept, Some(footnote(min as u32, "Unit figures")))
}

/// Merges the units with fewer than `min` ambassadors into one row, ranks again (by posts,
/// or per capita) and keeps the first `top`.
pub fn merge_units(
    rows: Vec<UnitRank>,
    min: u32,
    per_capita: bool,
    top: usize,
) -> (Vec<UnitRank>, Option<String>) {
    let (small, mut kept): (Vec<UnitRank>, Vec<UnitRank>) = rows
        .into_iter()
        .partition(|r| r.ambassadors < i64::from(min));
    let note = (!small.is_empty()).then(|| footnote(min, "Unit rows"));
    let ambassadors: i64 = small.iter().map(|r| r.ambassadors).sum();
    if !small.is_empty() && ambassadors >= i64::from(min) {
        let posts: i64 = small.iter().map(|r| r.posts).sum();
        kept.push(UnitRank {
            rank: 0,
            unit: MERGED.to_string(),
            ambassadors,
            posts,
            activities: small.iter().map(|r| r.activities).sum(),
            posts_per_ambassador: (posts as f64 / ambassadors as f64 * 100.0).round() / 100.0,
        });
    }
    let key = |r: &UnitRank| {
        let (first, second) = if per_capita {
            (r.posts_per_ambassador, r.posts as f64)
        } else {
            (r.posts as f64, r.posts_per_ambassador)
        };
        (-first, -second)
    };
    kept.sort_by(|a, b| {
        key(a)
            .partial_cmp(&key(b))
            .unwrap_or(std::cmp::Ordering::Equal)
            .then_with(|| a.unit.cmp(&b.unit))
    });
    // Competition ranking: equal figures share a rank, the next one skips.
    for i in 0..kept.len() {
        kept[i].rank = if i > 0 && key(&kept[i]) == key(&kept[i - 1]) {
            kept[i - 1].rank
        } else {
            i as i64 + 1
        };
    }
    kept.truncate(top);
    (kept, note)
}

/// A feedback average from fewer than `min` responses is not shown.
pub fn feedback_average(
    responses: i64,
    average: Option<f64>,
    min: u32,
) -> (Option<f64>, Option<String>) {
    if responses > 0 && responses < i64::from(min) {
        (None, Some(footnote(min, "Feedback averages")))
    } else {
        (average, None)
    }
}

/// A place on the leaderboard without the person: no name, id or unit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AnonymousRank {
    pub rank: i64,
    pub posts: i64,
    pub activities: i64,
    pub points: i64,
}

/// The leaderboard without names (`report leaderboard --anonymous`).
pub fn anonymous(rows: Vec<PersonRank>) -> Vec<AnonymousRank> {
    rows.into_iter()
        .map(|r| AnonymousRank {
            rank: r.rank,
            posts: r.posts,
            activities: r.activities,
            points: r.points,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(key: &str, count: i64) -> Count {
        Count {
            key: key.to_string(),
            count,
        }
    }

    fn unit(name: &str, ambassadors: i64, posts: i64) -> UnitRank {
        UnitRank {
            rank: 0,
            unit: name.to_string(),
            ambassadors,
            posts,
            activities: posts,
            posts_per_ambassador: posts as f64 / ambassadors as f64,
        }
    }

    #[test]
    fn small_units_are_merged_and_a_lone_small_unit_is_left_out() {
        let counts = vec![
            count("Sivistystoimi", 10),
            count("Tekninen", 4),
            count("Sote", 2),
            count("Kulttuuri", 3),
        ];
        let people = [
            count("Sivistystoimi", 3),
            count("Tekninen", 2),
            count("Sote", 1),
            count("Kulttuuri", 1),
        ];
        let (rows, note) = merge_counts(counts, &people, 3);
        assert_eq!(rows, [count("Sivistystoimi", 10), count(MERGED, 9)]);
        assert!(note.unwrap().contains("min_group = 3"));
        let (rows, note) = merge_counts(
            vec![count("A", 5), count("B", 1)],
            &[count("A", 4), count("B", 1)],
            3,
        );
        assert_eq!(rows, [count("A", 5)]);
        assert!(note.is_some());
        let (rows, note) = merge_counts(vec![count("A", 5)], &[count("A", 4)], 3);
        assert_eq!((rows.len(), note), (1, None));
    }

    #[test]
    fn unit_rankings_merge_small_units_and_rank_again() {
        let rows = vec![unit("Big", 5, 10), unit("Two", 2, 30), unit("One", 1, 1)];
        let (ranked, note) = merge_units(rows, 3, false, 10);
        let names: Vec<(&str, i64)> = ranked.iter().map(|r| (r.unit.as_str(), r.rank)).collect();
        assert_eq!(names, [(MERGED, 1), ("Big", 2)]);
        assert_eq!(ranked[0].ambassadors, 3);
        assert!(note.is_some());
        let (ranked, _) = merge_units(vec![unit("Big", 5, 10), unit("Tiny", 1, 99)], 3, true, 10);
        assert_eq!(ranked.len(), 1, "a lone small unit is left out");
    }

    #[test]
    fn a_feedback_average_of_few_people_is_hidden() {
        assert_eq!(feedback_average(2, Some(4.5), 3).0, None);
        assert_eq!(feedback_average(3, Some(4.0), 3), (Some(4.0), None));
        assert_eq!(feedback_average(0, None, 3), (None, None));
    }
}
