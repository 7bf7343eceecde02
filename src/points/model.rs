//! Property test: random sequences of award, redeem, reverse, activity add/remove, rule
//! changes and rescore, run against the real ledger code and a simple model of it; every
//! balance is compared after every step, and `amb check` finds nothing at the end.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use rusqlite::Connection;

use crate::config::PointsRules;
use crate::db::activities::{self, NewActivity};
use crate::db::people::Person;
use crate::db::programs::ProgramFields;
use crate::db::{self, enrolments, people, programs};
use crate::domain::{ActivityId, ActivityKind, Channel, Role};
use crate::points::{self, ActivityFacts};

#[derive(Debug, Clone)]
enum Op {
    Award(usize, i64),
    Redeem(usize, i64),
    Reverse(usize),
    AddPost(usize, i64),
    RemoveActivity(usize),
    SetPostPoints(i64),
    Rescore,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0..2usize, 1..100i64).prop_map(|(p, n)| Op::Award(p, n)),
        (0..2usize, 1..150i64).prop_map(|(p, n)| Op::Redeem(p, n)),
        any::<usize>().prop_map(Op::Reverse),
        (0..2usize, 0..300i64).prop_map(|(p, d)| Op::AddPost(p, d)),
        any::<usize>().prop_map(Op::RemoveActivity),
        (0..30i64).prop_map(Op::SetPostPoints),
        Just(Op::Rescore),
    ]
}

/// What the model knows: hand-written entries one by one, and for the automatic points
/// only their totals: every recorded post is worth the current rule, less what a rule change
/// left pending until the next rescore.
#[derive(Debug, Default)]
struct Model {
    post_points: i64,
    manual: [i64; 2],
    redeemed: [i64; 2],
    posts: [i64; 2],
    pending: [i64; 2],
    /// Hand-written entries by ledger id: (person, amount, reversed).
    entries: std::collections::BTreeMap<i64, (usize, i64, bool)>,
    /// (activity id, person, still recorded)
    activities: Vec<(i64, usize, bool)>,
}

impl Model {
    fn balance(&self, p: usize) -> i64 {
        self.manual[p] + self.posts[p] * self.post_points - self.pending[p]
    }
}

fn setup() -> (Connection, [Person; 2]) {
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
    (conn, people)
}

fn day(offset: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(2022, 10, 14).unwrap() + Duration::days(offset)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_ledger_follows_the_model(ops in proptest::collection::vec(op(), 1..40)) {
        let (conn, people) = setup();
        let mut rules = PointsRules::default();
        let mut model = Model { post_points: rules.activities["post"], ..Model::default() };
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
                        source: "manual".into(),
                        ..NewActivity::default()
                    };
                    let id = activities::insert(&conn, &new).unwrap();
                    let facts = ActivityFacts::of(id, &new);
                    points::award_activity(&conn, &rules, &facts, true).unwrap();
                    model.activities.push((id.0, p, true));
                    model.posts[p] += 1;
                }
                Op::RemoveActivity(i) => {
                    let alive: Vec<usize> = (0..model.activities.len()).filter(|&k| model.activities[k].2).collect();
                    if alive.is_empty() {
                        continue;
                    }
                    let k = alive[i % alive.len()];
                    let (id, p, _) = model.activities[k];
                    points::settle(&conn, &rules, &[people[p].id], today, "removed", || {
                        points::reverse_activity(&conn, ActivityId(id), today, "removed")?;
                        activities::delete(&conn, ActivityId(id))?;
                        Ok(())
                    }).unwrap();
                    model.activities[k].2 = false;
                    model.posts[p] -= 1;
                }
                Op::SetPostPoints(n) => {
                    rules.activities.insert("post".into(), n);
                    for p in 0..2 {
                        model.pending[p] += (n - model.post_points) * model.posts[p];
                    }
                    model.post_points = n;
                }
                Op::Rescore => {
                    let rows = points::rescore(&conn, &rules).unwrap();
                    for (person, pending) in people.iter().zip(model.pending) {
                        let shown: i64 = rows.iter().filter(|r| r.person_id == person.id).map(|r| r.difference).sum();
                        prop_assert_eq!(shown, pending, "rescore shows what is pending");
                    }
                    points::apply_rescore(&conn, &rows, today).unwrap();
                    model.pending = [0, 0];
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
        prop_assert_eq!(crate::db::check::problems(&conn).unwrap(), Vec::<String>::new());
    }
}
