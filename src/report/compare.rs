//! `amb report program --compare`: two cohorts side by side, measure by measure.

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

#[derive(Serialize)]
struct CompareRow {
    measure: String,
    program: i64,
    compared_with: i64,
    difference: i64,
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
    let ambassadors = |r: &ProgramReport| {
        r.participants
            .iter()
            .map(|p| p.active + p.completed + p.withdrawn)
            .sum::<i64>()
    };
    let attended = |r: &ProgramReport| r.trainings.iter().map(|t| t.attended).sum::<i64>();
    let mut rows: Vec<(String, i64, i64)> = vec![
        ("ambassadors".into(), ambassadors(a), ambassadors(b)),
        ("training attendances".into(), attended(a), attended(b)),
        ("swag delivered".into(), a.swag_delivered, b.swag_delivered),
        ("hashtag posts".into(), a.posts, b.posts),
        ("points earned".into(), a.points_earned, b.points_earned),
        (
            "points redeemed".into(),
            a.points_redeemed,
            b.points_redeemed,
        ),
        (
            "feedback responses".into(),
            a.feedback_responses,
            b.feedback_responses,
        ),
    ];
    let mut keys: Vec<(&str, &str)> = Vec::new();
    for (prefix, list) in [
        ("posts on", &a.posts_by_channel),
        ("posts on", &b.posts_by_channel),
        ("activities:", &a.other_activities),
        ("activities:", &b.other_activities),
    ] {
        for count in list.iter() {
            if !keys.contains(&(prefix, count.key.as_str())) {
                keys.push((prefix, count.key.as_str()));
            }
        }
    }
    for (prefix, key) in keys {
        let (x, y) = if prefix == "posts on" {
            (
                count_of(&a.posts_by_channel, key),
                count_of(&b.posts_by_channel, key),
            )
        } else {
            (
                count_of(&a.other_activities, key),
                count_of(&b.other_activities, key),
            )
        };
        rows.push((format!("{prefix} {key}"), x, y));
    }
    Comparison {
        program: a.program.clone(),
        compared_with: b.program.clone(),
        measures: rows
            .into_iter()
            .map(|(measure, program, compared_with)| CompareRow {
                measure,
                program,
                compared_with,
                difference: program.saturating_sub(compared_with),
            })
            .collect(),
    }
}
