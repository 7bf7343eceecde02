//! The points rules, typed once when the config is loaded, and each rule written once: what
//! a kind on a channel earns, the post caps, the week they count in, the first-training rule
//! and the idempotency keys of automatic awards. No database here: the SQL in
//! `db::points` calls these same functions (see [`SqlRules`]).

use std::collections::BTreeMap;
use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};

use crate::db::points::SqlRules;
use crate::domain::{ActivityId, ActivityKind, Channel, PointsSource};

/// The kind whose activities the daily and weekly caps count and hold back.
pub const CAPPED_KIND: &str = "post";

/// The ledger sources written by the rules (not by hand): what a rescore compares.
pub const AUTOMATIC_SOURCES: [PointsSource; 3] = [
    PointsSource::Activity,
    PointsSource::Attendance,
    PointsSource::Rescore,
];

/// At most this many posts a period earn points, per person; `Cap::NONE` has no limit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cap(u32);

impl Cap {
    /// No limit.
    pub const NONE: Cap = Cap(0);

    /// At most `posts` posts a period; 0 means no limit (as the config writes it).
    pub fn at_most(posts: u32) -> Cap {
        Cap(posts)
    }

    /// Whether a post may earn points when `paid` posts of the same period already did.
    pub fn allows(self, paid: i64) -> bool {
        self.0 == 0 || paid < i64::from(self.0)
    }

    /// `allows`, counting the period's paid posts (`paid`) only when there is a cap.
    pub fn allows_counting<E>(self, paid: impl FnOnce() -> Result<i64, E>) -> Result<bool, E> {
        if self.is_none() {
            Ok(true)
        } else {
            paid().map(|paid| self.allows(paid))
        }
    }

    /// Whether this cap limits nothing.
    pub fn is_none(self) -> bool {
        self.0 == 0
    }
}

/// What one activity kind earns: on any channel, and on some channels instead.
#[derive(Debug, Clone, Default, PartialEq)]
struct KindPoints {
    any_channel: Option<i64>,
    on: BTreeMap<Channel, i64>,
}

/// The rules by which activities and trainings earn points (`[points]` in the config, typed
/// there once: `Config::points`). `PointsRules::default()` gives no points for anything and
/// caps nothing; the configured defaults are `Config::default().points`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PointsRules {
    /// By kind (its canonical spelling, so that a lookup needs no allocation).
    kinds: BTreeMap<String, KindPoints>,
    /// Points for attending a training.
    pub training_attended: i64,
    /// Posts a day that earn points, per person.
    pub daily_post_cap: Cap,
    /// Posts a week (Monday to Sunday) that earn points, per person.
    pub weekly_post_cap: Cap,
    /// Activities dated before their programme's first training earn nothing.
    pub no_points_before_first_training: bool,
    /// Whether a redemption may take a balance below zero.
    pub allow_negative_balance: bool,
}

impl PointsRules {
    /// Sets what `kind` earns on `channel`, or on any channel not given its own points (`None`).
    pub fn set_points(&mut self, kind: &ActivityKind, channel: Option<Channel>, points: i64) {
        let entry = self.kinds.entry(kind.as_str().to_string()).or_default();
        match channel {
            Some(channel) => {
                entry.on.insert(channel, points);
            }
            None => entry.any_channel = Some(points),
        }
    }

    /// Points the rules give an activity of this kind on this channel, before caps: the
    /// channel's own points, else the kind's, else none.
    pub fn base_points(&self, kind: &ActivityKind, channel: Option<Channel>) -> i64 {
        self.kinds.get(kind.as_str()).map_or(0, |points| {
            channel
                .and_then(|c| points.on.get(&c).copied())
                .or(points.any_channel)
                .unwrap_or(0)
        })
    }

    /// Whether the first-training rule takes an activity's points away: it is on, and the
    /// activity is dated before its programme's first training (`first_training`).
    pub fn before_first_training(
        &self,
        date: NaiveDate,
        first_training: Option<NaiveDate>,
    ) -> bool {
        self.no_points_before_first_training && first_training.is_some_and(|first| date < first)
    }

    /// Whether the post caps count and hold back activities of this kind.
    pub fn is_capped(&self, kind: &ActivityKind) -> bool {
        kind.as_str() == CAPPED_KIND
    }

    /// Whether an import may pay its activities all at once when it ends. Post caps depend
    /// on the order of payment, so under caps an import pays row by row.
    pub fn pays_at_end_of_import(&self) -> bool {
        self.daily_post_cap.is_none() && self.weekly_post_cap.is_none()
    }
}

/// The Monday of the week of `date`: caps count weeks from Monday to Sunday.
pub fn week_start(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

/// The days of the week of `date`, Monday to Sunday.
pub fn week_of(date: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = week_start(date);
    (monday, monday + Duration::days(6))
}

/// What an automatic award pays for; its awards' idempotency keys are numbered under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AwardFor {
    Activity(ActivityId),
    /// An attendance row.
    Attendance(i64),
}

impl AwardFor {
    /// How many awards one source's keys count (an award taken back and paid again, 1,023
    /// times, is far beyond any real history: a date moved that often).
    const AWARDS: i64 = 1024;

    /// The source's first key: activity N's keys are N × 1024 and the 1,023 after it;
    /// attendance N's the same, negated. Integers sort (and are indexed) in the order the
    /// activities and marks were recorded, and a key costs a few bytes. None for an id too
    /// large to be multiplied (no real file has one).
    fn first_key(self) -> Option<i64> {
        match self {
            AwardFor::Activity(id) => id.0.checked_mul(Self::AWARDS),
            AwardFor::Attendance(id) => id.checked_mul(Self::AWARDS).map(|key| -key),
        }
    }

    /// The key of the award after `earlier` earlier ones (an award taken back and paid
    /// again gets a new key); none when the source has no key left for it.
    pub fn key(self, earlier: i64) -> Option<i64> {
        let first = self.first_key()?;
        if !(0..Self::AWARDS).contains(&earlier) {
            return None;
        }
        Some(match self {
            AwardFor::Activity(_) => first + earlier,
            AwardFor::Attendance(_) => first - earlier,
        })
    }

    /// Every key `key` gives, as a range (empty when it gives none).
    pub fn keys(self) -> Range<i64> {
        match (self, self.first_key()) {
            (_, None) => 0..0,
            (AwardFor::Activity(_), Some(first)) => {
                first..first.checked_add(Self::AWARDS).unwrap_or(i64::MAX)
            }
            (AwardFor::Attendance(_), Some(first)) => first - (Self::AWARDS - 1)..first + 1,
        }
    }
}

/// What the ledger says an activity's award pays for ("post on x"); the ledger shows the
/// activity after it: "post on x (activity 4)".
pub fn activity_reason(kind: &ActivityKind, channel: Option<Channel>) -> String {
    match channel {
        Some(channel) => format!("{kind} on {channel}"),
        None => kind.to_string(),
    }
}

/// The SQL in `db::points` runs the very rules above.
impl SqlRules for PointsRules {
    fn points_before_caps(
        &self,
        kind: &ActivityKind,
        channel: Option<Channel>,
        date: NaiveDate,
        first_training: Option<NaiveDate>,
    ) -> i64 {
        if self.before_first_training(date, first_training) {
            0
        } else {
            self.base_points(kind, channel)
        }
    }

    fn points_whatever_the_date(
        &self,
        kind: &ActivityKind,
        channel: Option<Channel>,
    ) -> Option<i64> {
        // The first-training rule is the one rule that looks at the date.
        (!self.no_points_before_first_training).then(|| self.base_points(kind, channel))
    }

    fn daily_cap_allows(&self, paid_today: i64) -> bool {
        self.daily_post_cap.allows(paid_today)
    }

    fn weekly_cap_allows(&self, paid_this_week: i64) -> bool {
        self.weekly_post_cap.allows(paid_this_week)
    }

    fn week_start(&self, date: NaiveDate) -> NaiveDate {
        week_start(date)
    }

    fn activity_key(&self, activity: ActivityId, earlier: i64) -> Option<i64> {
        AwardFor::Activity(activity).key(earlier)
    }

    fn activity_reason(&self, kind: &ActivityKind, channel: Option<Channel>) -> String {
        activity_reason(kind, channel)
    }

    fn capped_kind(&self) -> &'static str {
        CAPPED_KIND
    }

    fn automatic_sources(&self) -> [PointsSource; 3] {
        AUTOMATIC_SOURCES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn rules() -> PointsRules {
        let mut rules = PointsRules::default();
        rules.set_points(&ActivityKind::post(), None, 10);
        rules.set_points(&ActivityKind::share(), None, 3);
        rules
    }

    #[test]
    fn channel_rules_override_kind_rules() {
        let mut rules = rules();
        rules.set_points(&ActivityKind::post(), Some(Channel::Linkedin), 15);
        let post = ActivityKind::post();
        assert_eq!(rules.base_points(&post, Some(Channel::Linkedin)), 15);
        assert_eq!(rules.base_points(&post, Some(Channel::X)), 10);
        assert_eq!(rules.base_points(&post, None), 10);
        assert_eq!(rules.base_points(&ActivityKind::share(), None), 3);
        let other = ActivityKind::parse("other", &[]).unwrap();
        assert_eq!(rules.base_points(&other, None), 0);
        // A kind with points on one channel only earns nothing elsewhere.
        rules.set_points(&other, Some(Channel::Blog), 4);
        assert_eq!(rules.base_points(&other, Some(Channel::Blog)), 4);
        assert_eq!(rules.base_points(&other, Some(Channel::X)), 0);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(week_start(day("2022-11-02")), day("2022-10-31"));
        assert_eq!(week_start(day("2022-10-31")), day("2022-10-31"));
        assert_eq!(week_start(day("2022-11-06")), day("2022-10-31"));
        assert_eq!(
            week_of(day("2022-11-06")),
            (day("2022-10-31"), day("2022-11-06"))
        );
    }

    #[test]
    fn caps_count_what_was_paid_before() {
        assert!(Cap::NONE.allows(1_000_000));
        assert!(Cap::at_most(0).is_none());
        let two = Cap::at_most(2);
        assert!(two.allows(0) && two.allows(1) && !two.allows(2) && !two.allows(3));
        let mut rules = rules();
        assert!(rules.pays_at_end_of_import());
        rules.daily_post_cap = Cap::at_most(2);
        rules.weekly_post_cap = Cap::at_most(3);
        assert!(!rules.pays_at_end_of_import());
        let never = || -> Result<i64, ()> { panic!("no cap, nothing to count") };
        assert_eq!(Cap::NONE.allows_counting(never), Ok(true));
        assert_eq!(two.allows_counting(|| Ok::<_, ()>(2)), Ok(false));
        assert_eq!(two.allows_counting(|| Ok::<_, ()>(1)), Ok(true));
        assert!(rules.is_capped(&ActivityKind::post()));
        assert!(!rules.is_capped(&ActivityKind::share()));
    }

    #[test]
    fn nothing_before_the_first_training_when_the_rule_is_on() {
        let mut rules = rules();
        let post = ActivityKind::post();
        let first = Some(day("2022-10-20"));
        assert_eq!(
            rules.points_before_caps(&post, None, day("2022-10-19"), first),
            10
        );
        rules.no_points_before_first_training = true;
        assert_eq!(
            rules.points_before_caps(&post, None, day("2022-10-19"), first),
            0
        );
        assert_eq!(
            rules.points_before_caps(&post, None, day("2022-10-20"), first),
            10
        );
        assert_eq!(
            rules.points_before_caps(&post, None, day("2022-10-19"), None),
            10,
            "no training yet, or no programme: nothing to be before"
        );
    }

    #[test]
    fn award_keys_sort_in_order_and_stay_apart() {
        let seven = AwardFor::Activity(ActivityId(7));
        assert_eq!(seven.key(0), Some(7 * 1024));
        assert_eq!(AwardFor::Attendance(3).key(2), Some(-(3 * 1024 + 2)));
        let keys = seven.keys();
        let key = |award: AwardFor, earlier| award.key(earlier).unwrap();
        assert!(keys.contains(&key(seven, 0)) && keys.contains(&key(seven, 1023)));
        assert_eq!(
            seven.key(1024),
            None,
            "no room: refused, not another source's key"
        );
        assert_eq!(seven.key(-1), None);
        for other in [
            AwardFor::Activity(ActivityId(6)),
            AwardFor::Activity(ActivityId(8)),
            AwardFor::Attendance(7),
            AwardFor::Attendance(1),
        ] {
            assert!(!keys.contains(&key(other, 0)) && !keys.contains(&key(other, 1023)));
        }
        let three = AwardFor::Attendance(3).keys();
        assert!(three.contains(&key(AwardFor::Attendance(3), 0)));
        assert!(three.contains(&key(AwardFor::Attendance(3), 1023)));
        assert!(!three.contains(&key(AwardFor::Attendance(2), 0)));
        assert!(!three.contains(&key(AwardFor::Attendance(4), 0)));
        assert!(
            key(AwardFor::Activity(ActivityId(9)), 5) < key(AwardFor::Activity(ActivityId(10)), 0)
        );
        let huge = AwardFor::Activity(ActivityId(i64::MAX / 2));
        assert_eq!(huge.key(0), None);
        assert!(huge.keys().is_empty());
    }

    #[test]
    fn award_reasons_name_kind_and_channel() {
        let post = ActivityKind::post();
        assert_eq!(activity_reason(&post, Some(Channel::X)), "post on x");
        assert_eq!(activity_reason(&post, None), "post");
    }
}
