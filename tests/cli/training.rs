use crate::Env;

fn with_kickoff() -> Env {
    let env = Env::with_ambassadors();
    env.ok(&[
        "training",
        "add",
        "Työntekijälähettilyys sosiaalisessa mediassa",
        "--date",
        "14.10.2022",
        "--trainer",
        "Somevalmentaja Oy",
        "--kind",
        "kickoff",
    ]);
    env
}

fn statuses(env: &Env, training: &str) -> Vec<(String, String)> {
    env.json(&["training", "show", training])["roster"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn training_add_and_list() {
    let env = with_kickoff();
    env.ok(&[
        "training",
        "add",
        "Jatkokoulutus",
        "--date",
        "2023-03-16",
        "--kind",
        "follow-up",
    ]);
    let list = env.json(&["training", "list"]);
    assert_eq!(
        list[0]["title"],
        "Työntekijälähettilyys sosiaalisessa mediassa"
    );
    assert_eq!(list[0]["kind"], "kickoff");
    assert_eq!(list[0]["trainer"], "Somevalmentaja Oy");
    assert_eq!(list[0]["program"], "Vaasa 2022");
    assert_eq!(list[1]["date"], "2023-03-16");
    assert_eq!(list[1]["kind"], "follow-up");
    assert_eq!(
        env.json(&["training", "list", "--program", "Vaasa 2022"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn training_add_refuses_bad_input() {
    let env = Env::with_program();
    let before = env.snapshot();
    let err = env.fails(&["training", "add", "X", "--date", "2024-01-01"]);
    assert!(err.contains("outside Vaasa 2022"), "{err}");
    let err = env.fails(&[
        "training",
        "add",
        "X",
        "--date",
        "2022-11-01",
        "--kind",
        "party",
    ]);
    assert!(
        err.contains("\"party\" is not a valid training kind"),
        "{err}"
    );
    let err = env.fails(&["training", "add", " ", "--date", "2022-11-01"]);
    assert!(err.contains("title is empty"), "{err}");
    let err = env.fails(&["training", "add", "X", "--date", "32.10.2022"]);
    assert!(err.contains("is not a date"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_roster_lists_every_ambassador_with_not_recorded_until_marked() {
    let env = with_kickoff();
    let out = env.json(&["training", "show", "kickoff"]);
    assert_eq!(out["not_recorded"], 3);
    assert_eq!(
        statuses(&env, "1"),
        [
            ("Aino Mäkelä".to_string(), "not_recorded".to_string()),
            ("Mikael Westerlund".to_string(), "not_recorded".to_string()),
            ("Sofia Ahlberg".to_string(), "not_recorded".to_string()),
        ]
    );
}

#[test]
fn attend_marks_attended_absent_and_excused() {
    let env = with_kickoff();
    let out = env.json(&[
        "training",
        "attend",
        "sosiaalisessa",
        "aino",
        "mikael@vaasa.example",
    ]);
    assert_eq!(out[0]["status"], "attended");
    assert_eq!(out[0]["changed"], true);
    env.ok(&["training", "attend", "kickoff", "sofia", "--excused"]);
    let roster = statuses(&env, "kickoff");
    assert_eq!(roster[0].1, "attended");
    assert_eq!(roster[1].1, "attended");
    assert_eq!(roster[2].1, "excused");
    let training = env.json(&["training", "show", "1"]);
    assert_eq!(training["attended"], 2);
    assert_eq!(training["excused"], 1);
    assert_eq!(training["not_recorded"], 0);
}

#[test]
fn the_same_mark_twice_changes_nothing_and_a_change_is_audited() {
    let env = with_kickoff();
    env.ok(&["training", "attend", "kickoff", "aino"]);
    let before = env.snapshot();
    let out = env.json(&["training", "attend", "kickoff", "aino"]);
    assert_eq!(out[0]["changed"], false);
    assert_eq!(
        env.snapshot(),
        before,
        "recording the same mark again must change nothing"
    );

    let out = env.json(&["training", "attend", "kickoff", "aino", "--absent"]);
    assert_eq!(out[0]["previous"], "attended");
    assert_eq!(out[0]["status"], "absent");
    assert_eq!(statuses(&env, "kickoff")[0].1, "absent");
    let audit = env.json(&["audit"]);
    let last = audit.as_array().unwrap().last().unwrap();
    assert_eq!(last["command"], "training attend");
    assert_eq!(last["counts"]["marks_changed"], 1);
}

#[test]
fn anyone_may_attend_and_appears_on_the_roster() {
    let env = with_kickoff();
    env.ok(&[
        "person",
        "add",
        "Kalle Kiinnostunut",
        "--email",
        "kalle@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&["training", "attend", "kickoff", "kalle"]);
    let roster = statuses(&env, "kickoff");
    assert!(
        roster.contains(&("Kalle Kiinnostunut".to_string(), "attended".to_string())),
        "{roster:?}"
    );
    assert_eq!(roster.len(), 4);
}

#[test]
fn the_roster_follows_enrolment_dates() {
    let env = with_kickoff();
    // Withdrawn before the follow-up, enrolled after the kick-off.
    env.ok(&["withdraw", "sofia", "--date", "2023-01-01"]);
    env.ok(&[
        "enroll",
        "Late Comer",
        "--email",
        "late@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-12-01",
    ]);
    env.ok(&[
        "training",
        "add",
        "Jatkokoulutus",
        "--date",
        "2023-03-16",
        "--kind",
        "follow-up",
    ]);
    let kickoff: Vec<String> = statuses(&env, "kickoff")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        kickoff,
        ["Aino Mäkelä", "Mikael Westerlund", "Sofia Ahlberg"]
    );
    let follow_up: Vec<String> = statuses(&env, "follow-up")
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    assert_eq!(
        follow_up,
        ["Aino Mäkelä", "Late Comer", "Mikael Westerlund"]
    );
}

#[test]
fn attend_refuses_unknown_people_and_trainings_and_writes_nothing() {
    let env = with_kickoff();
    env.ok(&[
        "training",
        "add",
        "Jatkokoulutus sosiaalisessa mediassa",
        "--date",
        "2023-03-16",
        "--kind",
        "follow-up",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["training", "attend", "kickoff", "aino", "Nobody"]);
    assert!(err.contains("no person matches \"Nobody\""), "{err}");
    let err = env.fails(&["training", "attend", "Excel course", "aino"]);
    assert!(
        err.contains("no training matches \"Excel course\""),
        "{err}"
    );
    let err = env.fails(&["training", "attend", "sosiaalisessa", "aino"]);
    assert!(err.contains("matches several trainings"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.run(&["training", "attend", "kickoff"]).code(2);
    env.run(&[
        "training",
        "attend",
        "kickoff",
        "aino",
        "--absent",
        "--excused",
    ])
    .code(2);
}

#[test]
fn an_exact_title_wins_and_a_numeric_title_is_found() {
    let env = with_kickoff();
    env.ok(&["training", "add", "Jatko", "--date", "2022-11-10"]);
    env.ok(&["training", "add", "Jatkokoulutus", "--date", "2022-11-11"]);
    env.ok(&["training", "add", "2023", "--date", "2022-11-12"]);
    assert_eq!(env.json(&["training", "show", "jatko"])["title"], "Jatko");
    assert_eq!(env.json(&["training", "show", "2023"])["title"], "2023");
    let err = env.fails(&["training", "show", "Tanssikurssi"]);
    assert!(
        err.contains("no training matches \"Tanssikurssi\""),
        "{err}"
    );
    let err = env.fails(&["training", "show", "att"]);
    assert!(err.contains("no training matches"), "{err}");
}

#[test]
fn a_training_still_to_come_takes_only_excused_marks() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "training",
        "add",
        "Jatkokoulutus",
        "--date",
        "2023-03-16",
        "--kind",
        "follow-up",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["training", "attend", "follow-up", "aino"]);
    assert!(err.contains("still to come: only --excused"), "{err}");
    let err = env.fails(&["training", "attend", "follow-up", "aino", "--absent"]);
    assert!(err.contains("still to come"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["training", "attend", "follow-up", "aino", "--excused"]);
}

#[test]
fn training_listings_in_csv() {
    let env = with_kickoff();
    env.ok(&["training", "attend", "kickoff", "aino"]);
    let list = env.ok(&["training", "list", "--format", "csv"]);
    assert!(list.starts_with("id,program_id,program,title,date,trainer,kind,attended,absent,excused\n1,1,Vaasa 2022,Työntekijälähettilyys sosiaalisessa mediassa,2022-10-14,Somevalmentaja Oy,kickoff,1,0,0\n"), "{list}");
    let show = env.ok(&["training", "show", "kickoff", "--format", "csv"]);
    assert!(
        show.contains("roster.1,status,attended\n")
            && show.contains("roster.2,status,not_recorded\n"),
        "{show}"
    );
}
