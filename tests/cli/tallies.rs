//! The report totals kept from the activities (issue 15): every writer keeps them, `amb
//! check` finds them changed behind amb's back, `amb check --repair` rebuilds them.

use crate::{Env, demo, fixture};

/// The demo's report, the activity figures of a person and the leaderboard.
fn figures(env: &Env, db: &str, person: &str) -> Vec<serde_json::Value> {
    let mut program = env.json(&["--db", db, "report", "program", "Vaasa 2022"]);
    // The ledger's head is not a figure of the activities.
    program.as_object_mut().unwrap().remove("ledger_head");
    vec![
        program,
        env.json(&["--db", db, "report", "year", "2023"]),
        env.json(&["--db", db, "report", "leaderboard", "--top", "50"]),
        env.json(&["--db", db, "report", "person", person]),
    ]
}

#[test]
fn every_writer_keeps_the_report_totals_and_check_finds_them_changed() {
    let (env, db) = demo();
    let check = |step: &str| {
        let out = env.run(&["--db", &db, "check"]).get_output().clone();
        assert!(
            out.status.success(),
            "after {step}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    check("the demo");
    let laura = env.json(&["--db", &db, "person", "show", "Laura Niemi"])["id"].to_string();
    let shares = fixture("exports/linkedin/Shares.csv");
    let import = || {
        env.ok(&[
            "--db", &db, "activity", "import", &shares, "--person", &laura,
        ])
    };
    import();
    check("an import");
    let added = env.json(&[
        "--db",
        &db,
        "activity",
        "add",
        "Laura Niemi",
        "talk",
        "--date",
        "2023-03-01",
    ]);
    let id = added["id"].to_string();
    env.ok(&[
        "--db",
        &db,
        "activity",
        "edit",
        &id,
        "--date",
        "2023-05-30",
        "--impressions",
        "40",
    ]);
    check("an activity moved to another month");
    env.ok(&["--db", &db, "activity", "remove", &id, "--yes"]);
    check("an activity removed");
    let batches = env.json(&["--db", &db, "import", "list"]);
    let last = batches.as_array().unwrap().last().unwrap()["id"].to_string();
    env.ok(&["--db", &db, "import", "undo", &last, "--yes"]);
    check("an import undone");
    import();
    env.ok(&["--db", &db, "person", "forget", "Laura Niemi", "--yes"]);
    check("a person forgotten");

    let before = figures(&env, &db, &laura);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "UPDATE activity_tally SET n = n + 5 WHERE kind = 'post';
         UPDATE person_tally SET n = n + 1 WHERE kind = 'post';
         UPDATE points_tally SET earned = earned + 7;
         DROP TRIGGER activity_tally_delete;
         INSERT INTO activity_tally_deferred (after_id) VALUES (0);",
    )
    .unwrap();
    drop(conn);
    let err = env.fails(&["--db", &db, "check"]);
    assert!(
        err.contains("report totals: the report totals kept per programme"),
        "{err}"
    );
    assert!(err.contains("activity counts kept per person"), "{err}");
    assert!(
        err.contains("points totals: the totals kept for person"),
        "{err}"
    );
    assert!(err.contains("amb check --repair"), "{err}");
    assert_ne!(
        figures(&env, &db, &laura),
        before,
        "the reports read the totals"
    );
    let out = env
        .run(&["--db", &db, "check", "--repair"])
        .get_output()
        .clone();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("Rebuilt the report totals"));
    check("the repair");
    assert_eq!(figures(&env, &db, &laura), before);
    let audit = env.json(&["--db", &db, "audit"]);
    let last = audit.as_array().unwrap().last().unwrap();
    assert_eq!(last["command"], "check repair");
}

#[test]
fn a_repair_of_a_healthy_file_changes_nothing() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "talk", "--date", "2022-11-02"]);
    let before = env.snapshot();
    env.ok(&["check", "--repair"]);
    assert_eq!(env.snapshot(), before);
}
