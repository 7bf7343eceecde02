//! Deciding what an imported post is to the programme: carrying none of its hashtags,
//! dated outside the person's enrolments, or a post of one programme with the tags it carried.

use chrono::NaiveDate;

use crate::domain::{EnrolmentPeriod, ProgramId};
use crate::hashtags::TagSet;

/// A person's enrolment periods with each programme's tags.
#[derive(Debug, Clone)]
pub struct Enrolments {
    periods: Vec<(EnrolmentPeriod, TagSet)>,
    any_programme: TagSet,
}

/// What a post is to the programme.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// None of the person's programmes' hashtags: not stored at all.
    WithoutHashtag,
    /// A programme post, but dated outside all of the person's enrolments.
    Outside,
    /// A post of this programme, carrying these of its tags.
    Counts {
        program: ProgramId,
        tags: Vec<String>,
    },
}

impl Enrolments {
    pub fn new(periods: Vec<EnrolmentPeriod>) -> Enrolments {
        let any_programme = TagSet::new(
            periods
                .iter()
                .flat_map(|p| p.tags.iter().map(String::as_str)),
        );
        let periods = periods
            .into_iter()
            .map(|p| {
                let tags = TagSet::new(p.tags.iter().map(String::as_str));
                (p, tags)
            })
            .collect();
        Enrolments {
            periods,
            any_programme,
        }
    }

    /// Whether the person has ever been enrolled.
    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }

    /// The programme the person was enrolled in on `date` (the latest-starting one if
    /// enrolments overlap).
    pub fn program_on(&self, date: NaiveDate) -> Option<ProgramId> {
        self.period_on(date).map(|(p, _)| p.program)
    }

    fn period_on(&self, date: NaiveDate) -> Option<&(EnrolmentPeriod, TagSet)> {
        self.periods
            .iter()
            .find(|(p, _)| p.first_day <= date && p.last_day.is_none_or(|last| date <= last))
    }

    /// A post with this text (and the platform's own tag list) on this date.
    pub fn judge_post(&self, date: NaiveDate, text: &str, listed: &[String]) -> Verdict {
        if self.any_programme.find(text, listed).is_empty() {
            return Verdict::WithoutHashtag;
        }
        let mut covering = self
            .periods
            .iter()
            .filter(|(p, _)| p.first_day <= date && p.last_day.is_none_or(|last| date <= last))
            .peekable();
        if covering.peek().is_none() {
            return Verdict::Outside;
        }
        // Enrolments may overlap (a new cohort starting before the last one ends): the post
        // belongs to the latest-starting programme whose tag it carries.
        for (period, tags) in covering {
            let found = tags.find(text, listed);
            if !found.is_empty() {
                return Verdict::Counts {
                    program: period.program,
                    tags: found.into_iter().map(str::to_string).collect(),
                };
            }
        }
        // It carries only the tag of a programme the person was not in on that day.
        Verdict::WithoutHashtag
    }

    /// Something that needs no hashtag (a visit, a talk, a boost of a programme post).
    pub fn judge_other(&self, date: NaiveDate) -> Verdict {
        match self.program_on(date) {
            Some(program) => Verdict::Counts {
                program,
                tags: Vec::new(),
            },
            None => Verdict::Outside,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn enrolments() -> Enrolments {
        Enrolments::new(vec![
            EnrolmentPeriod {
                program: ProgramId(2),
                first_day: day("2023-10-01"),
                last_day: None,
                tags: vec!["#OnnellisenArjenTekijät".into(), "#VaasaAlumni".into()],
            },
            EnrolmentPeriod {
                program: ProgramId(1),
                first_day: day("2022-10-14"),
                last_day: day("2023-09-30").into(),
                tags: vec![
                    "#OnnellisenArjenTekijät".into(),
                    "#OnnellisenArjenTekijat".into(),
                ],
            },
        ])
    }

    #[test]
    fn posts_are_judged_by_tag_then_date() {
        let e = enrolments();
        assert_eq!(
            e.judge_post(day("2023-01-05"), "Hei", &[]),
            Verdict::WithoutHashtag
        );
        assert_eq!(
            e.judge_post(day("2022-10-13"), "#OnnellisenArjenTekijät", &[]),
            Verdict::Outside
        );
        assert_eq!(
            e.judge_post(day("2023-01-05"), "#OnnellisenArjenTekijat", &[]),
            Verdict::Counts {
                program: ProgramId(1),
                tags: vec!["#OnnellisenArjenTekijat".into()]
            }
        );
        // The alumni programme (open-ended) keeps counting.
        assert_eq!(
            e.judge_post(day("2030-05-01"), "#OnnellisenArjenTekijät", &[]),
            Verdict::Counts {
                program: ProgramId(2),
                tags: vec!["#OnnellisenArjenTekijät".into()]
            }
        );
        // An alumni tag in the 2022 programme's time is not that programme's post.
        assert_eq!(
            e.judge_post(day("2023-01-05"), "#VaasaAlumni", &[]),
            Verdict::WithoutHashtag
        );
    }

    #[test]
    fn overlapping_cohorts_each_keep_their_own_posts() {
        let e = Enrolments::new(vec![
            EnrolmentPeriod {
                program: ProgramId(2),
                first_day: day("2023-09-01"),
                last_day: None,
                tags: vec!["#OnnellisenArjenTekijät2023".into()],
            },
            EnrolmentPeriod {
                program: ProgramId(1),
                first_day: day("2022-10-14"),
                last_day: day("2023-09-30").into(),
                tags: vec!["#OnnellisenArjenTekijät".into()],
            },
        ]);
        assert!(matches!(
            e.judge_post(day("2023-09-15"), "#OnnellisenArjenTekijät", &[]),
            Verdict::Counts {
                program: ProgramId(1),
                ..
            }
        ));
        assert!(matches!(
            e.judge_post(day("2023-09-15"), "#OnnellisenArjenTekijät2023", &[]),
            Verdict::Counts {
                program: ProgramId(2),
                ..
            }
        ));
    }

    #[test]
    fn other_activities_only_need_the_date() {
        let e = enrolments();
        assert_eq!(e.judge_other(day("2022-01-01")), Verdict::Outside);
        assert!(matches!(
            e.judge_other(day("2023-01-01")),
            Verdict::Counts {
                program: ProgramId(1),
                ..
            }
        ));
        assert!(Enrolments::new(Vec::new()).is_empty());
    }
}
