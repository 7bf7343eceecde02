//! Mistakes can be corrected: edit and remove for KPIs, trainings, feedback and programmes.

use serde_json::json;

use crate::Env;

#[test]
fn kpi_names_are_matched_like_peoples_and_values_can_be_corrected() {
    let env = Env::with_program();
    env.ok(&[
        "kpi",
        "add",
        "Job applicants",
        "1250",
        "--date",
        "2022-10-01",
    ]);
    let out = env.json(&[
        "kpi",
        "add",
        "  job   APPLICANTS ",
        "1400",
        "--date",
        "2022-11-01",
    ]);
    assert_eq!(out.as_array().unwrap().len(), 2, "one series: {out}");
    assert_eq!(out[1]["name"], "Job applicants");
    env.ok(&[
        "kpi",
        "add",
        "Työnantajakuva",
        "3.4",
        "--date",
        "2022-10-01",
    ]);
    let out = env.json(&[
        "kpi",
        "add",
        "tyonantajakuva",
        "3.6",
        "--date",
        "2022-11-01",
    ]);
    assert_eq!(out[1]["name"], "Työnantajakuva", "accents folded: {out}");
    assert_eq!(
        env.json(&["kpi", "list", "--name", "JOB applicants"])
            .as_array()
            .unwrap()
            .len(),
        2
    );

    let edited = env.json(&["kpi", "edit", "2", "--value", "1450", "--note", "corrected"]);
    assert_eq!(edited["value"], 1450.0);
    assert_eq!(edited["note"], "corrected");
    let before = env.snapshot();
    let err = env.fails(&["kpi", "remove", "2"]);
    assert!(err.contains("pass --yes"), "{err}");
    let err = env.fails(&["kpi", "edit", "99", "--value", "1"]);
    assert!(err.contains("there is no KPI value 99"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["kpi", "remove", "2", "--yes"]);
    assert_eq!(
        env.json(&["kpi", "list", "--name", "job applicants"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn removing_a_training_reverses_its_attendance_points_through_the_ledger() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "training",
        "add",
        "Kick-off",
        "--date",
        "2022-10-20",
        "--kind",
        "kickoff",
    ]);
    env.ok(&["training", "attend", "kickoff", "aino", "mikael"]);
    env.ok(&["training", "attend", "kickoff", "sofia", "--absent"]);
    assert_eq!(env.json(&["points", "balance", "aino"])["balance"], 20);
    let edited = env.json(&[
        "training",
        "edit",
        "kickoff",
        "--trainer",
        "Somevalmentaja Oy",
    ]);
    assert_eq!(edited["trainer"], "Somevalmentaja Oy");
    let before = env.snapshot();
    let err = env.fails(&["training", "edit", "kickoff", "--date", "2022-10-21"]);
    assert!(err.contains("has 3 attendance marks"), "{err}");
    let err = env.fails(&["training", "remove", "kickoff"]);
    assert!(err.contains("pass --yes"), "{err}");
    assert_eq!(env.snapshot(), before);

    env.ok(&["training", "remove", "kickoff", "--yes"]);
    assert_eq!(env.json(&["training", "list"]), json!([]));
    assert_eq!(env.json(&["points", "balance", "aino"])["balance"], 0);
    let ledger = env.json(&["points", "ledger", "--person", "aino"]);
    let kinds: Vec<&str> = ledger
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["award", "reversal"],
        "the award stays, reversed: {ledger}"
    );
    assert_eq!(env.json(&["points", "rescore"]), json!([]));
    env.ok(&["check"]);
}

#[test]
fn feedback_and_empty_programmes_can_be_corrected_or_removed() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "feedback",
        "add",
        "aino",
        "--score",
        "5",
        "--comment",
        "Hyvä",
    ]);
    let edited = env.json(&["feedback", "edit", "1", "--score", "4"]);
    assert_eq!(edited["score"], 4);
    assert_eq!(edited["comment"], "Hyvä");
    assert!(
        env.fails(&["feedback", "edit", "1", "--score", "9"])
            .contains("score")
    );
    env.ok(&["feedback", "remove", "1", "--yes"]);
    assert_eq!(env.json(&["feedback", "list"]), json!([]));

    env.ok(&[
        "program",
        "add",
        "Vaasa 2O22",
        "--start",
        "2022-10-01",
        "--hashtag",
        "Typo",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["program", "remove", "Vaasa 2022", "--yes"]);
    assert!(
        err.contains("only an empty programme can be removed"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    env.ok(&["program", "remove", "Vaasa 2O22", "--yes"]);
    assert_eq!(env.json(&["program", "list"]).as_array().unwrap().len(), 1);
}
