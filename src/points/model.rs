//! Property test: random sequences of award, redeem, reverse, activity add/remove, rule
//! changes (points, daily and weekly post caps, the first-training rule), trainings added
//! and rescore, run against the real ledger code and a simple model of it; every balance is
//! compared after every step, and `amb check` finds nothing at the end.

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use proptest::prelude::*;
use rusqlite::Connection;

use crate::db::activities::{self, NewActivity};
use crate::db::people::Person;
use crate::db::programs::ProgramFields;
use crate::db::{self, enrolments, people, programs, trainings};
use crate::domain::{ActivityId, ActivityKind, Channel, ProgramId, Role, TrainingKind};
use crate::points::rules::Cap;
use crate::points::{self, ActivityFacts, PointsRules};

#[derive(Debug, Clone)]
enum Op {
    Award(usize, i64),
    Redeem(usize, i64),
    Reverse(usize),
    AddPost(usize, i64),
    RemoveActivity(usize),
    SetPostPoints(i64),
    SetCaps(u32, u32),
    SetFirstTrainingRule(bool),
    AddTraining(i64),
    Rescore,
}

/// A day of the programme: anywhere in it, or in its first ten days, where posts crowd
/// together enough for the caps to matter.
fn offset() -> impl Strategy<Value = i64> {
    prop_oneof![0..300i64, 0..10i64]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        1 => (0..2usize, 1..100i64).prop_map(|(p, n)| Op::Award(p, n)),
        1 => (0..2usize, 1..150i64).prop_map(|(p, n)| Op::Redeem(p, n)),
        1 => any::<usize>().prop_map(Op::Reverse),
        3 => (0..2usize, offset()).prop_map(|(p, d)| Op::AddPost(p, d)),
        1 => any::<usize>().prop_map(Op::RemoveActivity),
        1 => (0..30i64).prop_map(Op::SetPostPoints),
        1 => (0..4u32, 0..6u32).prop_map(|(daily, weekly)| Op::SetCaps(daily, weekly)),
        1 => any::<bool>().prop_map(Op::SetFirstTrainingRule),
        1 => offset().prop_map(Op::AddTraining),
        1 => Just(Op::Rescore),
    ]
}

/// A recorded post as the model knows it.
#[derive(Debug, Clone)]
struct Post {
    id: i64,
    person: usize,
    date: NaiveDate,
    alive: bool,
    /// Whether its award (when recorded) still stands: what the caps count.
    paid: bool,
}

/// What the model knows: hand-written entries one by one, the posts, and the automatic
/// points that stand per person. What the rules give is computed here from scratch, the
/// plain way: posts in the order recorded, each paid while its day and week have room.
#[derive(Debug, Default)]
struct Model {
    post_points: i64,
    daily_cap: u32,
    weekly_cap: u32,
    first_training_rule: bool,
    first_training: Option<NaiveDate>,
    manual: [i64; 2],
    redeemed: [i64; 2],
    /// Automatic points standing: awards, reversals and rescore adjustments.
    automatic: [i64; 2],
    /// Hand-written entries by ledger id: (person, amount, reversed).
    entries: BTreeMap<i64, (usize, i64, bool)>,
    posts: Vec<Post>,
}

fn monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

impl Model {
    fn balance(&self, p: usize) -> i64 {
        self.manual[p] + self.automatic[p]
    }

    /// Whether a post on `date` earns anything at all, caps aside.
    fn earns(&self, date: NaiveDate) -> bool {
        self.post_points > 0
            && !(self.first_training_rule && self.first_training.is_some_and(|f| date < f))
    }

    /// Whether the caps leave room for a post on `date` after the `paid` posts.
    fn room(&self, paid: &[NaiveDate], date: NaiveDate) -> bool {
        let today = paid.iter().filter(|d| **d == date).count() as u32;
        let week = paid.iter().filter(|d| monday(**d) == monday(date)).count() as u32;
        (self.daily_cap == 0 || today < self.daily_cap)
            && (self.weekly_cap == 0 || week < self.weekly_cap)
    }

    /// What the rules in force give person `p`'s recorded posts.
    fn expected(&self, p: usize) -> i64 {
        let mut paid = Vec::new();
        for post in self
            .posts
            .iter()
            .filter(|post| post.person == p && post.alive)
        {
            if self.earns(post.date) && self.room(&paid, post.date) {
                paid.push(post.date);
            }
        }
        paid.len() as i64 * self.post_points
    }

    /// What recording a post pays: the caps count the awards that stand in the ledger.
    fn award(&self, p: usize, date: NaiveDate) -> i64 {
        let paid: Vec<NaiveDate> = self
            .posts
            .iter()
            .filter(|post| post.person == p && post.alive && post.paid)
            .map(|post| post.date)
            .collect();
        if self.earns(date) && self.room(&paid, date) {
            self.post_points
        } else {
            0
        }
    }

    /// A change that `settle` follows with what the rules in force make of it.
    fn settled(&mut self, change: impl FnOnce(&mut Model)) {
        let before = [self.expected(0), self.expected(1)];
        change(self);
        for (p, before) in before.into_iter().enumerate() {
            self.automatic[p] += self.expected(p) - before;
        }
    }
}

fn setup() -> (Connection, ProgramId, [Person; 2]) {
    let conn = db::memory();
    let program = programs::insert(
        &conn,
        &ProgramFields {
            name: "Vaasa 2022".into(),
            start_date: day(0) - Duration::days(13),
            end_date: Some(day(350)),
            hashtags: vec!["#OnnellisenArjenTekijät".into()],
            aliases: Vec::new(),
        },
    )
    .unwrap();
    let people =
        [("Aino", "aino@vaasa.example"), ("Bo", "bo@vaasa.example")].map(|(name, email)| {
            let id = people::insert(
                &conn,
                &Person {
                    name: name.into(),
                    email: email.into(),
                    role: Role::Employee,
                    ..Person::default()
                },
            )
            .unwrap();
            enrolments::insert_active(&conn, id, program, day(0), "1.0", None).unwrap();
            people::get(&conn, id).unwrap()
        });
    (conn, program, people)
}

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 10, 14).unwrap() + Duration::days(offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_ledger_follows_the_model(ops in proptest::collection::vec(op(), 1..40)) {
        let (conn, program, people) = setup();
        // Posts earn 10 points, as the default config has them; the rest is what the ops set.
        let mut rules = PointsRules::default();
        rules.set_points(&ActivityKind::post(), None, 10);
        let mut model = Model {
            post_points: rules.base_points(&ActivityKind::post(), Some(Channel::X)),
            ..Model::default()
        };
        let today = day(360);
        for op in ops {
            match op {
                Op::Award(p, n) => {
                    let id = points::manual_entry(&conn, &rules, &people[p], n, "award", today, false).unwrap();
                    model.manual[p] += n;
                    model.entries.insert(id, (p, n, false));
                }
                Op::Redeem(p, n) => {
                    let result = points::manual_entry(&conn, &rules, &people[p], n, "reward", today, true);
                    if n > model.balance(p) {
                        prop_assert!(result.is_err(), "a redemption beyond the balance must be refused");
                    } else {
                        let id = result.unwrap();
                        model.manual[p] -= n;
                        model.redeemed[p] += n;
                        model.entries.insert(id, (p, -n, false));
                    }
                }
                Op::Reverse(i) => {
                    // Any entry of the real ledger: only hand-written ones not yet reversed may be.
                    let ids: Vec<i64> = crate::db::points::ledger(&conn, None, None).unwrap().iter().map(|e| e.id).collect();
                    if ids.is_empty() {
                        continue;
                    }
                    let id = ids[i % ids.len()];
                    let result = points::reverse_entry(&conn, id, None, today);
                    match model.entries.get_mut(&id) {
                        Some((p, amount, reversed)) if !*reversed => {
                            prop_assert!(result.is_ok(), "entry {} can be reversed", id);
                            *reversed = true;
                            model.manual[*p] -= *amount;
                            if *amount < 0 {
                                model.redeemed[*p] += *amount;
                            }
                        }
                        _ => prop_assert!(result.is_err(), "entry {} cannot be reversed", id),
                    }
                }
                Op::AddPost(p, offset) => {
                    let new = NewActivity {
                        person: people[p].id,
                        program: activities::program_on(&conn, people[p].id, day(offset)).unwrap(),
                        date: day(offset),
                        kind: ActivityKind::post(),
                        channel: Some(Channel::X),
                        ..NewActivity::default()
                    };
                    let id = activities::insert(&conn, &new).unwrap();
                    let facts = ActivityFacts::of(id, &new);
                    let awarded = points::award_activity(&conn, &rules, &facts, true).unwrap();
                    let expected = model.award(p, day(offset));
                    prop_assert_eq!(awarded, expected, "recording a post pays what the caps leave");
                    model.posts.push(Post { id: id.0, person: p, date: day(offset), alive: true, paid: awarded != 0 });
                    model.automatic[p] += awarded;
                }
                Op::RemoveActivity(i) => {
                    let alive: Vec<usize> = (0..model.posts.len()).filter(|&k| model.posts[k].alive).collect();
                    if alive.is_empty() {
                        continue;
                    }
                    let k = alive[i % alive.len()];
                    let Post { id, person: p, .. } = model.posts[k];
                    points::settle(&conn, &rules, &[people[p].id], today, "removed", || {
                        points::reverse_activity(&conn, ActivityId(id), today, "removed")?;
                        activities::delete(&conn, ActivityId(id))?;
                        Ok(())
                    }).unwrap();
                    model.settled(|model| model.posts[k].alive = false);
                }
                Op::SetPostPoints(n) => {
                    rules.set_points(&ActivityKind::post(), None, n);
                    model.post_points = n;
                }
                Op::SetCaps(daily, weekly) => {
                    rules.daily_post_cap = Cap::at_most(daily);
                    rules.weekly_post_cap = Cap::at_most(weekly);
                    model.daily_cap = daily;
                    model.weekly_cap = weekly;
                }
                Op::SetFirstTrainingRule(on) => {
                    rules.no_points_before_first_training = on;
                    model.first_training_rule = on;
                }
                Op::AddTraining(offset) => {
                    // As `amb training add` does: with the rule on, the people with
                    // activities in the programme are recalculated.
                    let affected = if rules.no_points_before_first_training {
                        activities::people_in(&conn, program).unwrap()
                    } else {
                        Vec::new()
                    };
                    points::settle(&conn, &rules, &affected, today, "training", || {
                        Ok(trainings::insert(&conn, program, "Kick-off", day(offset), None, TrainingKind::Kickoff)?)
                    }).unwrap();
                    let first = model.first_training.map_or(day(offset), |f| f.min(day(offset)));
                    if model.first_training_rule {
                        model.settled(|model| model.first_training = Some(first));
                    } else {
                        model.first_training = Some(first);
                    }
                }
                Op::Rescore => {
                    let rows = points::rescore(&conn, &rules).unwrap();
                    for (p, person) in people.iter().enumerate() {
                        let shown: i64 = rows.iter().filter(|r| r.person_id == person.id).map(|r| r.difference).sum();
                        prop_assert_eq!(shown, model.expected(p) - model.automatic[p], "rescore shows what is pending");
                    }
                    points::apply_rescore(&conn, &rows, today).unwrap();
                    model.automatic = [model.expected(0), model.expected(1)];
                    prop_assert!(points::rescore(&conn, &rules).unwrap().is_empty(), "a second rescore has nothing to do");
                }
            }
            for (p, person) in people.iter().enumerate() {
                let balance = &crate::db::points::balances(&conn, Some(person.id)).unwrap()[0];
                prop_assert_eq!(balance.balance, model.balance(p));
                prop_assert_eq!(balance.redeemed, model.redeemed[p]);
                prop_assert_eq!(balance.earned, model.balance(p) + model.redeemed[p]);
            }
        }
        prop_assert_eq!(crate::db::check::problems(&conn), Vec::<String>::new());
    }
}

/// The model's own arithmetic, on a case worked by hand: it is what the proptest trusts.
#[test]
fn the_model_pays_posts_in_order_while_day_and_week_have_room() {
    let mut model = Model {
        post_points: 10,
        daily_cap: 2,
        weekly_cap: 3,
        ..Model::default()
    };
    // Monday 17 October 2022: three posts; Tuesday: two; the next Monday: one.
    for (id, offset) in [(1, 3), (2, 3), (3, 3), (4, 4), (5, 4), (6, 10)] {
        model.posts.push(Post {
            id,
            person: 0,
            date: day(offset),
            alive: true,
            paid: false,
        });
    }
    assert_eq!(
        model.expected(0),
        40,
        "two on Monday, one on Tuesday, one next week"
    );
    model.first_training_rule = true;
    model.first_training = Some(day(4));
    assert_eq!(
        model.expected(0),
        30,
        "Monday's posts came before the first training"
    );
}
