//! `amb report program P --compare Q`: two cohorts side by side, measure by measure.

use serde::Serialize;

use super::count_of;
use super::program::ProgramReport;
use crate::db::programs::Program;

/// Each measure of a programme beside another's.
#[derive(Serialize)]
pub struct Comparison {
    program: String,
    compared_with: String,
    /// Each measure in the programme, in the other one, and the difference.
    measures: Vec<CompareRow>,
}

/// A measure is an identifier (`ambassadors`, `posts`); posts per channel carry `channel`,
/// other activities `kind`.
#[derive(Serialize)]
struct CompareRow {
    measure: &'static str,
    channel: Option<String>,
    kind: Option<String>,
    program: i64,
    compared_with: i64,
    difference: i64,
}

impl CompareRow {
    fn new(measure: &'static str, program: i64, compared_with: i64) -> CompareRow {
        CompareRow {
            measure,
            channel: None,
            kind: None,
            program,
            compared_with,
            difference: program.saturating_sub(compared_with),
        }
    }
}

/// The cohort before `program`: the programme that started last before it did.
pub fn previous(conn: &rusqlite::Connection, program: &Program) -> anyhow::Result<Option<Program>> {
    Ok(crate::db::programs::all(conn)?
        .into_iter()
        .filter(|p| p.id != program.id && p.start_date < program.start_date)
        .max_by_key(|p| (p.start_date, p.id)))
}

/// Two cohorts side by side, measure by measure.
pub fn compare(a: &ProgramReport, b: &ProgramReport) -> Comparison {
    let ambassadors =
        |r: &ProgramReport| r.participants.iter().map(|p| p.ambassadors()).sum::<i64>();
    let attended = |r: &ProgramReport| r.trainings.iter().map(|t| t.attended).sum::<i64>();
    let mut rows = vec![
        CompareRow::new("ambassadors", ambassadors(a), ambassadors(b)),
        CompareRow::new("training_attendances", attended(a), attended(b)),
        CompareRow::new("swag_delivered", a.swag_delivered, b.swag_delivered),
        CompareRow::new("posts", a.posts, b.posts),
        CompareRow::new("points_earned", a.points_earned, b.points_earned),
        CompareRow::new("points_redeemed", a.points_redeemed, b.points_redeemed),
        CompareRow::new(
            "feedback_responses",
            a.feedback_responses,
            b.feedback_responses,
        ),
    ];
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for (prefix, list) in [
        ("posts", &a.posts_by_channel),
        ("posts", &b.posts_by_channel),
        ("activities", &a.other_activities),
        ("activities", &b.other_activities),
    ] {
        for count in list.iter() {
            if !keys.contains(&(prefix, count.key.as_str())) {
                keys.push((prefix, count.key.as_str()));
            }
        }
    }
    for (measure, key) in keys {
        if measure == "posts" {
            let x = count_of(&a.posts_by_channel, key);
            let y = count_of(&b.posts_by_channel, key);
            rows.push(CompareRow {
                channel: Some(key.to_string()),
                ..CompareRow::new("posts", x, y)
            });
        } else {
            let x = count_of(&a.other_activities, key);
            let y = count_of(&b.other_activities, key);
            rows.push(CompareRow {
                kind: Some(key.to_string()),
                ..CompareRow::new("activities", x, y)
            });
        }
    }
    Comparison {
        program: a.program.clone(),
        compared_with: b.program.clone(),
        measures: rows,
    }
}
