//! `amb report program P --compare Q`: two cohorts side by side, measure by measure.

use serde::Serialize;

use super::count_of;
use super::program::ProgramReport;

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

/// Two cohorts side by side, measure by measure.
pub fn compare(a: &ProgramReport, b: &ProgramReport) -> Comparison {
    let ambassadors =
        |r: &ProgramReport| r.participants.iter().map(|p| p.ambassadors()).sum::<i64>();
    let attended = |r: &ProgramReport| r.trainings.iter().map(|t| t.attended).sum::<i64>();
    let plain = |measure: &'static str, x: i64, y: i64| (measure, None, None, x, y);
    let mut rows: Vec<(&'static str, Option<String>, Option<String>, i64, i64)> = vec![
        plain("ambassadors", ambassadors(a), ambassadors(b)),
        plain("training_attendances", attended(a), attended(b)),
        plain("swag_delivered", a.swag_delivered, b.swag_delivered),
        plain("posts", a.posts, b.posts),
        plain("points_earned", a.points_earned, b.points_earned),
        plain("points_redeemed", a.points_redeemed, b.points_redeemed),
        plain(
            "feedback_responses",
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
        if prefix == "posts on" {
            rows.push(("posts", Some(key.to_string()), None, x, y));
        } else {
            rows.push(("activities", None, Some(key.to_string()), x, y));
        }
    }
    Comparison {
        program: a.program.clone(),
        compared_with: b.program.clone(),
        measures: rows
            .into_iter()
            .map(
                |(measure, channel, kind, program, compared_with)| CompareRow {
                    measure,
                    channel,
                    kind,
                    program,
                    compared_with,
                    difference: program - compared_with,
                },
            )
            .collect(),
    }
}
