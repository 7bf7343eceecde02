use crate::{Env, snapshot};

#[test]
fn demo_shows_the_2022_cohort_of_12_employees_and_9_managers() {
    let env = Env::new();
    let out = env.json(&["demo"]);
    assert_eq!(out["program"], "Vaasa 2022");
    assert_eq!(out["employees"], 12);
    assert_eq!(out["managers"], 9);
    assert_eq!(out["ambassadors"], 21);
    assert_eq!(
        out["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijät"])
    );
    let units = out["units"].as_array().unwrap();
    assert!(units.len() >= 3);
    let total: i64 = units.iter().map(|u| u["total"].as_i64().unwrap()).sum();
    assert_eq!(total, 21);
    let table = env.ok(&["demo"]);
    assert!(
        table.contains("Sivistystoimi") && table.contains("Vaasa 2022"),
        "{table}"
    );
    // The table ends with the cohort's results, as `amb report program` reads.
    let report = table
        .find("Vaasa 2022: results of the employee ambassador programme")
        .expect("the programme report");
    assert!(
        table[report..].contains("Channels") && table[report..].contains("Earned media value"),
        "the table ends with the programme report: {table}"
    );
}

#[test]
fn demo_holds_the_programme_year() {
    let env = Env::new();
    let out = env.json(&["demo"]);
    let trainings = out["report"]["trainings"].as_array().unwrap();
    assert_eq!(trainings.len(), 2);
    assert_eq!(
        trainings[0]["title"],
        "Työntekijälähettilyys sosiaalisessa mediassa"
    );
    assert_eq!(trainings[0]["kind"], "kickoff");
    assert!(trainings[0]["date"].as_str().unwrap().starts_with("2022-"));
    assert_eq!(trainings[1]["kind"], "follow-up");
    assert!(trainings[1]["date"].as_str().unwrap().starts_with("2023-"));
    for t in trainings {
        let marked = t["attended"].as_i64().unwrap()
            + t["absent"].as_i64().unwrap()
            + t["excused"].as_i64().unwrap();
        assert_eq!(marked, 21);
        assert!(t["attended"].as_i64().unwrap() >= 15);
    }
    let pending = out["swag"]["pending"].as_array().unwrap().len();
    assert!((1..=2).contains(&pending), "{pending}");
    assert_eq!(
        out["swag"]["delivered"].as_i64().unwrap() + pending as i64,
        21
    );
    let kinds: Vec<&str> = out["activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap())
        .collect();
    for kind in ["post", "share", "school-visit", "fair-visit"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    let channels: std::collections::BTreeSet<&str> = out["activities"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["channel"].as_str())
        .collect();
    assert!(channels.len() >= 3, "{channels:?}");
    let report = &out["report"];
    assert!(report["feedback_responses"].as_i64().unwrap() > 5);
    let average = report["feedback_average"].as_f64().unwrap();
    assert!((1.0..=5.0).contains(&average));
    assert!(!report["kpis"].as_array().unwrap().is_empty());
    let imports = out["imports"].as_array().unwrap();
    let formats: Vec<&str> = imports
        .iter()
        .map(|i| i["format"].as_str().unwrap())
        .collect();
    assert!(
        formats.contains(&"linkedin") && formats.contains(&"x"),
        "{formats:?}"
    );
    // Balances and tiers at the end of the programme.
    let tiers = report["tiers"].as_array().unwrap();
    let counted: i64 = tiers
        .iter()
        .map(|t| t["ambassadors"].as_i64().unwrap())
        .sum();
    assert_eq!(counted, 21);
    let top = out["top_points"].as_array().unwrap();
    assert!(top[0]["balance"].as_i64().unwrap() >= top[1]["balance"].as_i64().unwrap());
    assert!(top.iter().any(|b| b["redeemed"].as_i64().unwrap() > 0));
    assert!(top[0]["tier"].is_string());

    // The demo database answers the everyday commands.
    let db = out["database"].as_str().unwrap();
    let posts = env.json(&[
        "--db",
        db,
        "activity",
        "list",
        "--kind",
        "post",
        "--since",
        "2023-01-01",
    ]);
    assert!(!posts.as_array().unwrap().is_empty());
    let report = env.json(&["--db", db, "report", "program", "Vaasa 2022"]);
    assert_eq!(
        out["report"], report,
        "the demo ends with the programme report"
    );
    let roster = env.json(&["--db", db, "training", "show", "kickoff"]);
    assert_eq!(roster["roster"].as_array().unwrap().len(), 21);
}

#[test]
fn demo_writes_its_own_file_and_never_touches_the_users_database() {
    let env = Env::init();
    let own = env.snapshot();
    env.write(
        "config/amb/config.toml",
        format!("database = \"{}\"\n", env.default_db().display()),
    );
    let output = env
        .cmd(&["demo", "--format", "json"])
        .env("AMB_DB", env.default_db())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let out: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let demo_path = env.path("data/amb/demo-vaasa-2022.sqlite");
    assert_eq!(out["database"], demo_path.to_string_lossy().as_ref());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Demo database written to"));
    assert_eq!(env.snapshot(), own);
    // The demo database is a normal amb database.
    let people = env.json(&[
        "--db",
        demo_path.to_str().unwrap(),
        "person",
        "list",
        "--role",
        "manager",
    ]);
    assert_eq!(people.as_array().unwrap().len(), 9);
}

#[test]
fn demo_rebuilds_an_earlier_demo_but_refuses_any_other_file() {
    let env = Env::init();
    let path = env.path("demo.sqlite");
    let path_str = path.to_str().unwrap();
    env.ok(&["demo", "--db", path_str]);
    env.ok(&[
        "--db",
        path_str,
        "person",
        "add",
        "Extra Person",
        "--email",
        "extra@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&["demo", "--db", path_str]);
    assert_eq!(
        env.json(&["--db", path_str, "person", "list"])
            .as_array()
            .unwrap()
            .len(),
        21
    );

    let own = env.default_db();
    let before = snapshot(&own);
    let err = env.fails(&["demo", "--db", own.to_str().unwrap()]);
    assert!(
        err.contains("is not a demo database; refusing to overwrite it"),
        "{err}"
    );
    assert_eq!(snapshot(&own), before);

    let text = env.write("notes.txt", "my notes");
    let err = env.fails(&["demo", "--db", &text]);
    assert!(err.contains("refusing to overwrite"), "{err}");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "my notes");
}

#[test]
fn the_demo_tells_the_same_story_whatever_the_users_config() {
    let plain = Env::new();
    let db = plain.path("demo.sqlite").to_string_lossy().into_owned();
    let story = plain.json(&["--db", &db, "demo"]);
    let own = Env::new();
    own.write(
        "config/amb/config.toml",
        "swag_each_cohort = true\n[points]\ntraining_attended = 500\n[points.activities]\npost = 99\n",
    );
    let db = own.path("demo.sqlite").to_string_lossy().into_owned();
    let same = own.json(&["--db", &db, "demo"]);
    assert_eq!(
        story["top_points"], same["top_points"],
        "the user's rules change nothing"
    );
    // The same figures; only the ledger's head hash differs, as it chains the entries'
    // times of writing.
    let without_head = |report: &serde_json::Value| {
        let mut report = report.clone();
        report["ledger_head"] = serde_json::Value::Null;
        report
    };
    assert_eq!(
        without_head(&story["report"]),
        without_head(&same["report"])
    );
    // The year ended as it did in Vaasa: the cohort closed on 30.9.2023, and an
    // open-ended alumni programme with every ambassador started the next day.
    assert_eq!(story["report"]["status"], "closed");
    assert_eq!(story["report"]["end_date"], "2023-09-30");
    let programmes = own.json(&["--db", &db, "program", "list"]);
    assert_eq!(programmes[0]["completed"], 21);
    assert_eq!(programmes[1]["name"], "Vaasa 2022 alumni");
    assert_eq!(programmes[1]["start_date"], "2023-10-01");
    assert_eq!(programmes[1]["end_date"], serde_json::Value::Null);
    assert_eq!(programmes[1]["active"], 21);
}
