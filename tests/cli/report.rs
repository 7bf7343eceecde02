use crate::Env;

#[test]
fn the_programme_report_adds_up_to_what_was_recorded() {
    let env = Env::new();
    let demo = env.json(&["demo"]);
    let db = demo["database"].as_str().unwrap().to_string();
    let report = env.json(&["--db", &db, "report", "program", "Vaasa 2022"]);
    assert_eq!(report["program"], "Vaasa 2022");
    let active: i64 = report["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["active"].as_i64().unwrap())
        .sum();
    assert_eq!(active, 21);
    // Posts in total, by channel, by month and by unit agree with the activity list.
    let posts = env.json(&[
        "--db",
        &db,
        "activity",
        "list",
        "--kind",
        "post",
        "--program",
        "Vaasa 2022",
    ]);
    let total = posts.as_array().unwrap().len() as i64;
    assert_eq!(report["posts"], total);
    for section in ["posts_by_channel", "posts_by_month", "posts_by_unit"] {
        let sum: i64 = report[section]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["count"].as_i64().unwrap())
            .sum();
        assert_eq!(sum, total, "{section}");
    }
    let linkedin = posts
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["channel"] == "linkedin")
        .count() as i64;
    let by_channel = report["posts_by_channel"].as_array().unwrap();
    assert_eq!(
        by_channel.iter().find(|c| c["key"] == "linkedin").unwrap()["count"],
        linkedin
    );
    let kinds: Vec<&str> = report["other_activities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["key"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"school-visit")
            && kinds.contains(&"fair-visit")
            && kinds.contains(&"share"),
        "{kinds:?}"
    );
    assert_eq!(report["trainings"].as_array().unwrap().len(), 2);
    assert_eq!(
        report["swag_delivered"].as_i64().unwrap() + report["swag_pending"].as_i64().unwrap(),
        21
    );
    assert_eq!(report["points_redeemed"], 250);
    let balances = env.json(&["--db", &db, "points", "balance"]);
    let earned: i64 = balances
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["earned"].as_i64().unwrap())
        .sum();
    assert_eq!(report["points_earned"], earned);
    let most = balances
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["earned"].as_i64().unwrap())
        .max();
    assert_eq!(report["top_by_points"][0]["value"].as_i64(), most);
    let tiered: i64 = report["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ambassadors"].as_i64().unwrap())
        .sum();
    assert_eq!(tiered, 21);
    assert_eq!(report["feedback_responses"], demo["feedback"]["responses"]);
    assert_eq!(report["kpis"].as_array().unwrap().len(), 4);
    // The same data gives the same bytes, in every format.
    for format in ["table", "csv", "json"] {
        let a = env.ok(&["--db", &db, "report", "program", "--format", format]);
        let b = env.ok(&["--db", &db, "report", "program", "--format", format]);
        assert_eq!(a, b);
    }
    let csv = env.ok(&["--db", &db, "report", "program", "--format", "csv"]);
    assert!(csv.starts_with("section,key,value\n"), "{csv}");
    assert!(csv.contains("posts_by_channel.1,key,facebook"), "{csv}");
}

#[test]
fn a_report_never_writes() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "post", "--channel", "x"]);
    let before = env.snapshot();
    env.ok(&["report", "program"]);
    assert_eq!(env.snapshot(), before);
}
