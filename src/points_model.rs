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

/// A ledger entry as the model sees it; its index + 1 is its id.
#[derive(Debug, Clone)]
struct Entry {
    person: usize,
    amount: i64,
    /// From an automatic source (an activity's award, its reversal, a rescore adjustment).
    automatic: bool,
    activity: Option<i64>,
    reversed: bool,
    is_reversal: bool,
}

#[derive(Debug, Default)]
struct Model {
    post_points: i64,
    balance: [i64; 2],
    entries: Vec<Entry>,
    /// (activity id, person, still recorded)
    activities: Vec<(i64, usize, bool)>,
}

impl Model {
    fn push(&mut self, entry: Entry) {
        self.balance[entry.person] += entry.amount;
        self.entries.push(entry);
    }

    fn reverse(&mut self, index: usize) {
        self.entries[index].reversed = true;
        let original = self.entries[index].clone();
        self.push(Entry {
            amount: -original.amount,
            reversed: false,
            is_reversal: true,
            activity: None,
            ..original
        });
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
                    points::manual_entry(&conn, &rules, &people[p], n, "award", today, false).unwrap();
                    model.push(Entry { person: p, amount: n, automatic: false, activity: None, reversed: false, is_reversal: false });
                }
                Op::Redeem(p, n) => {
                    let result = points::manual_entry(&conn, &rules, &people[p], n, "reward", today, true);
                    if n > model.balance[p] {
                        prop_assert!(result.is_err(), "a redemption beyond the balance must be refused");
                    } else {
                        prop_assert!(result.is_ok());
                        model.push(Entry { person: p, amount: -n, automatic: false, activity: None, reversed: false, is_reversal: false });
                    }
                }
                Op::Reverse(i) => {
                    if model.entries.is_empty() {
                        continue;
                    }
                    let index = i % model.entries.len();
                    let result = points::reverse_entry(&conn, index as i64 + 1, None, today);
                    let entry = &model.entries[index];
                    if entry.reversed || entry.is_reversal {
                        prop_assert!(result.is_err(), "entry {} cannot be reversed again", index + 1);
                    } else {
                        prop_assert!(result.is_ok());
                        model.reverse(index);
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
                    let facts = ActivityFacts { id, person: new.person, program: new.program, date: new.date, kind: &new.kind, channel: new.channel };
                    points::award_activity(&conn, &rules, &facts, true).unwrap();
                    model.activities.push((id.0, p, true));
                    if model.post_points > 0 {
                        model.push(Entry { person: p, amount: model.post_points, automatic: true, activity: Some(id.0), reversed: false, is_reversal: false });
                    }
                }
                Op::RemoveActivity(i) => {
                    let alive: Vec<usize> = (0..model.activities.len()).filter(|&k| model.activities[k].2).collect();
                    if alive.is_empty() {
                        continue;
                    }
                    let k = alive[i % alive.len()];
                    let id = model.activities[k].0;
                    points::reverse_activity(&conn, ActivityId(id), today, "removed").unwrap();
                    activities::delete(&conn, ActivityId(id)).unwrap();
                    model.activities[k].2 = false;
                    if let Some(index) = model.entries.iter().rposition(|e| e.activity == Some(id) && !e.reversed) {
                        model.reverse(index);
                    }
                }
                Op::SetPostPoints(n) => {
                    rules.activities.insert("post".into(), n);
                    model.post_points = n;
                }
                Op::Rescore => {
                    let rows = points::rescore(&conn, &rules).unwrap();
                    points::apply_rescore(&conn, &rows, today).unwrap();
                    for p in 0..2 {
                        let recorded = model.activities.iter().filter(|a| a.1 == p && a.2).count() as i64;
                        let expected = recorded * model.post_points;
                        let standing: i64 = model.entries.iter().filter(|e| e.person == p && e.automatic).map(|e| e.amount).sum();
                        if expected != standing {
                            model.push(Entry { person: p, amount: expected - standing, automatic: true, activity: None, reversed: false, is_reversal: false });
                        }
                    }
                    prop_assert!(points::rescore(&conn, &rules).unwrap().is_empty(), "a second rescore has nothing to do");
                }
            }
            for (p, person) in people.iter().enumerate() {
                prop_assert_eq!(crate::db::points::balance_of(&conn, person.id).unwrap(), model.balance[p]);
            }
        }
        prop_assert_eq!(crate::db::check::problems(&conn).unwrap(), Vec::<String>::new());
    }
}
