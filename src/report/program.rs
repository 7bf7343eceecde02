//! `amb report program`: a programme's results, computed with SQL aggregates.

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::config::Config;
use crate::db::programs::Program;
use crate::db::reports::{self, Count, Participants, Top};
use crate::db::{activity_tally, feedback, kpis, report_pass, swag, trainings};
use crate::domain::{ProgramStatus, TrainingKind};
use crate::report::small_groups;

/// How many top ambassadors a report names.
const TOP: i64 = 5;

/// A programme's results: people, trainings, swag, posts, points, feedback, EMV and KPIs.
#[derive(Serialize)]
pub struct ProgramReport {
    pub program: String,
    start_date: NaiveDate,
    end_date: Option<NaiveDate>,
    status: ProgramStatus,
    hashtags: Vec<String>,
    pub participants: Vec<Participants>,
    pub trainings: Vec<TrainingRow>,
    pub swag_delivered: i64,
    swag_pending: i64,
    pub posts: i64,
    pub posts_by_channel: Vec<Count>,
    posts_by_month: Vec<Count>,
    posts_by_unit: Vec<Count>,
    pub other_activities: Vec<Count>,
    pub points_earned: i64,
    pub points_redeemed: i64,
    top_by_posts: Vec<Top>,
    top_by_points: Vec<Top>,
    tiers: Vec<TierRow>,
    pub feedback_responses: i64,
    feedback_average: Option<f64>,
    /// Estimated earned media value (an estimate, by the rates below).
    emv_estimate: f64,
    emv_currency: String,
    emv_rates_date: NaiveDate,
    emv_note: &'static str,
    emv_by_channel: Vec<crate::emv::EmvRow>,
    kpis: Vec<kpis::Kpi>,
    /// What `privacy.min_group` merged or left out, if anything.
    privacy_note: Option<String>,
    /// How many gave each score, 1 to 5; like the average, left out when fewer than
    /// `privacy.min_group` answered.
    feedback_scores: Vec<ScoreCount>,
    /// The participants' comments, without names, ordered by their text; left out as the
    /// scores are.
    feedback_comments: Vec<String>,
    /// The whole ledger's last entry when the report was made, and its chained hash: keep
    /// the report, and a rewritten past shows against it (`amb check`).
    ledger_head_entry: i64,
    ledger_head: String,
}

/// How many participants gave a feedback score.
#[derive(Serialize)]
pub struct ScoreCount {
    score: i64,
    responses: i64,
}

/// One training of the programme with its attendance.
#[derive(Serialize)]
pub struct TrainingRow {
    title: String,
    date: NaiveDate,
    kind: TrainingKind,
    pub attended: i64,
    absent: i64,
    excused: i64,
}

/// How many of the programme's people have reached a tier.
#[derive(Serialize)]
struct TierRow {
    tier: String,
    ambassadors: i64,
}

/// Computes the report of `program` with the configured tiers and EMV rates.
pub fn build(
    conn: &Connection,
    config: &Config,
    program: &Program,
) -> anyhow::Result<ProgramReport> {
    let id = program.id;
    let activity = activity_tally::program_activity(conn, id, TOP)?;
    let posts_by_channel = activity.posts_by_channel;
    let delivered = reports::swag_delivered(conn, id)?;
    // Tiers of the programme's people, counted as their lifetime points stream by.
    let mut reached = vec![0i64; config.tiers.len()];
    let mut reach = |earned: i64| {
        if let Some(index) = config.tiers.iter().rposition(|t| earned >= t.from) {
            reached[index] += 1;
        }
    };
    // One pass over the ledger; the per-section queries when a sum is beyond exact.
    let (points_earned, points_redeemed, top_by_points) =
        match report_pass::program_points(conn, id, TOP)? {
            Some(points) => {
                points
                    .earned_of_participants
                    .into_iter()
                    .for_each(&mut reach);
                (points.earned, points.redeemed, points.top_by_points)
            }
            None => {
                reports::earned_of_participants(conn, id, &mut reach)?;
                let (earned, redeemed) = reports::points_totals(conn, id)?;
                (earned, redeemed, reports::top_by_points(conn, id, TOP)?)
            }
        };
    let tiers = config
        .tiers
        .iter()
        .zip(reached)
        .map(|(tier, ambassadors)| TierRow {
            tier: tier.name.clone(),
            ambassadors,
        })
        .collect();
    let (feedback_responses, feedback_average) = feedback::summary(conn, id)?;
    let min_group = config.privacy.min_group;
    let (posts_by_unit, unit_note) =
        small_groups::merge_counts(activity.posts_by_unit, &activity.posters_by_unit, min_group);
    let (feedback_average, feedback_note) =
        small_groups::feedback_average(feedback_responses, feedback_average, min_group);
    let notes: Vec<String> = [unit_note, feedback_note].into_iter().flatten().collect();
    let (emv_by_channel, emv_estimate) =
        crate::emv::estimate(&config.emv, &activity.channel_figures);
    // The experiences are shown only as far as the average is (the small-group rule).
    let (feedback_scores, feedback_comments) = if feedback_average.is_some() {
        let scores = feedback::score_counts(conn, id)?
            .into_iter()
            .map(|(score, responses)| ScoreCount { score, responses })
            .collect();
        (scores, feedback::comments(conn, id)?)
    } else {
        (Vec::new(), Vec::new())
    };
    let head = crate::db::points::head(conn)?;
    let report = ProgramReport {
        program: program.name.clone(),
        start_date: program.start_date,
        end_date: program.end_date,
        status: program.status,
        hashtags: program.hashtags.clone(),
        participants: reports::participants(conn, id)?,
        trainings: trainings::list(conn, Some(id))?
            .into_iter()
            .map(|t| TrainingRow {
                title: t.title,
                date: t.date,
                kind: t.kind,
                attended: t.attended,
                absent: t.absent,
                excused: t.excused,
            })
            .collect(),
        swag_delivered: delivered,
        swag_pending: swag::pending(conn, id, config.swag_each_cohort)?.len() as i64,
        posts: posts_by_channel.iter().map(|c| c.count).sum(),
        posts_by_channel,
        posts_by_month: activity.posts_by_month,
        posts_by_unit,
        other_activities: activity.other_activities,
        points_earned,
        points_redeemed,
        top_by_posts: activity.top_by_posts,
        top_by_points,
        tiers,
        feedback_responses,
        feedback_average,
        emv_estimate,
        emv_currency: config.emv.currency.clone(),
        emv_rates_date: config.emv.effective_date,
        emv_note: "an estimate: impressions/1000 × CPM + clicks × CPC + engagements × value per engagement, by the rates in emv_by_channel (placeholders unless the config sets the organisation's own); potential reach is not counted",
        emv_by_channel,
        kpis: kpis::list(conn, Some(id), None)?,
        privacy_note: (!notes.is_empty()).then(|| notes.join("; ")),
        feedback_scores,
        feedback_comments,
        ledger_head_entry: head.entry,
        ledger_head: head.hash,
    };
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::enrolment;
    use crate::service::people::PersonFields;
    use crate::service::programs::add_for_test;

    #[test]
    fn a_tiny_programme_reports_its_participants_and_trainings() {
        let conn = crate::db::memory();
        let date = |t: &str| crate::dates::parse(t).unwrap();
        let program = add_for_test(&conn, "Spring", "2024-02-01", "2024-06-30");
        for (name, email) in [("Aino", "aino@example.org"), ("Eero", "eero@example.org")] {
            let person = PersonFields {
                email: Some(email.into()),
                role: Some(crate::domain::Role::Employee),
                ..PersonFields::default()
            };
            enrolment::enroll(&conn, &program, name, &person, date("2024-02-02"), "1").unwrap();
        }
        trainings::insert(
            &conn,
            program.id,
            "Kick-off",
            date("2024-02-10"),
            None,
            TrainingKind::Kickoff,
        )
        .unwrap();
        let report = build(&conn, &Config::default(), &program).unwrap();
        assert_eq!(report.program, "Spring");
        let ambassadors: i64 = report.participants.iter().map(|p| p.active).sum();
        assert_eq!(ambassadors, 2);
        assert_eq!(report.trainings.len(), 1);
        assert_eq!(report.trainings[0].attended, 0);
        assert_eq!(report.posts, 0);
        assert_eq!(report.swag_delivered, 0);
        assert_eq!(report.points_earned, 0);
        assert_eq!(report.feedback_responses, 0);
    }
}
