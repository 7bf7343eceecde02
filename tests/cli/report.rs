use crate::Env;

#[test]
fn the_programme_report_adds_up_to_what_was_recorded() {
    let env = Env::new();
    let demo = env.json(&["demo"]);
    let db = demo["database"].as_str().unwrap().to_string();
    let report = env.json(&["--db", &db, "report", "program", "Vaasa 2022"]);
    assert_eq!(report["program"], "Vaasa 2022");
    // The demo's cohort is closed: its 21 ambassadors completed the year.
    let completed: i64 = report["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["completed"].as_i64().unwrap())
        .sum();
    assert_eq!(completed, 21);
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
    let example = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/vaasa-2022/programme.toml"
    ))
    .unwrap();
    let responses = example.matches("\n[[feedback]]\n").count();
    assert!(responses > 5);
    assert_eq!(report["feedback_responses"], responses);
    assert_eq!(report["kpis"].as_array().unwrap().len(), 4);
    // Earned media value: an estimate, with the rates it used.
    let rows = report["emv_by_channel"].as_array().unwrap();
    let sum: f64 = rows.iter().map(|r| r["value"].as_f64().unwrap()).sum();
    assert!((report["emv_estimate"].as_f64().unwrap() - sum).abs() < 0.01);
    assert!(report["emv_estimate"].as_f64().unwrap() > 0.0);
    assert_eq!(report["emv_currency"], "EUR");
    assert_eq!(report["emv_rates_date"], "2023-01-01");
    assert!(
        report["emv_note"]
            .as_str()
            .unwrap()
            .starts_with("an estimate")
    );
    let linkedin = rows.iter().find(|r| r["channel"] == "linkedin").unwrap();
    assert_eq!(linkedin["cpm"], 30.0);
    let expected = linkedin["impressions"].as_f64().unwrap() / 1000.0 * 30.0
        + linkedin["clicks"].as_f64().unwrap() * 5.0
        + linkedin["engagements"].as_f64().unwrap() * 1.0;
    assert!((linkedin["value"].as_f64().unwrap() - expected).abs() < 0.01);
    // The same data gives the same bytes, in every format.
    for format in ["table", "csv", "json"] {
        let a = env.ok(&[
            "--db",
            &db,
            "report",
            "program",
            "Vaasa 2022",
            "--format",
            format,
        ]);
        let b = env.ok(&[
            "--db",
            &db,
            "report",
            "program",
            "Vaasa 2022",
            "--format",
            format,
        ]);
        assert_eq!(a, b);
    }
    let csv = env.ok(&[
        "--db",
        &db,
        "report",
        "program",
        "Vaasa 2022",
        "--format",
        "csv",
    ]);
    assert!(csv.starts_with("section,key,label,value\n"), "{csv}");
    assert!(
        csv.contains("posts_by_channel.1,key,Channel,facebook"),
        "{csv}"
    );
}

#[test]
fn a_report_never_writes() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "post", "--channel", "x"]);
    let before = env.snapshot();
    env.ok(&["report", "program"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_leaderboard_ranks_people_and_units_also_per_capita() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    env.ok(&["person", "edit", "aino", "--unit", "Sivistystoimi"]);
    env.ok(&["person", "edit", "sofia", "--unit", "Sivistystoimi"]);
    env.ok(&["person", "edit", "mikael", "--unit", "Konsernihallinto"]);
    for (who, date) in [
        ("aino", "2022-11-01"),
        ("aino", "2022-11-02"),
        ("sofia", "2022-11-03"),
        ("mikael", "2022-11-04"),
        ("mikael", "2022-11-05"),
    ] {
        env.ok(&[
            "activity",
            "add",
            who,
            "post",
            "--channel",
            "x",
            "--date",
            date,
        ]);
    }
    env.ok(&[
        "activity",
        "add",
        "sofia",
        "school-visit",
        "--date",
        "2023-01-10",
    ]);
    let people = env.json(&["report", "leaderboard"]);
    let ranked: Vec<(i64, &str, i64)> = people
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["rank"].as_i64().unwrap(),
                r["name"].as_str().unwrap(),
                r["posts"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [
            (1, "Aino Mäkelä", 2),
            (1, "Mikael Westerlund", 2),
            (3, "Sofia Ahlberg", 1)
        ]
    );
    assert_eq!(people[0]["points"], 20);
    let top = env.json(&["report", "leaderboard", "--top", "1"]);
    assert_eq!(top.as_array().unwrap().len(), 1);
    // Units this small are merged by default (privacy.min_group, tests/cli/privacy.rs).
    env.write("config/amb/config.toml", "[privacy]\nmin_group = 1\n");
    let units = env.json(&["report", "leaderboard", "--by", "unit"]);
    assert_eq!(units[0]["unit"], "Sivistystoimi");
    assert_eq!(units[0]["posts"], 3);
    assert_eq!(units[0]["ambassadors"], 2);
    // Per capita the unit of one ambassador with two posts wins.
    let per_capita = env.json(&["report", "leaderboard", "--by", "unit", "--per-capita"]);
    assert_eq!(per_capita[0]["unit"], "Konsernihallinto");
    assert_eq!(per_capita[0]["posts_per_ambassador"], 2.0);
    assert_eq!(per_capita[1]["posts_per_ambassador"], 1.5);
    let period = env.json(&[
        "report",
        "leaderboard",
        "--since",
        "2022-11-03",
        "--until",
        "4.11.2022",
    ]);
    let names: Vec<&str> = period
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Mikael Westerlund", "Sofia Ahlberg"]);
    let err = env.fails(&["report", "leaderboard", "--per-capita"]);
    assert!(err.contains("--by unit"), "{err}");
    let err = env.fails(&[
        "report",
        "leaderboard",
        "--since",
        "2023-01-02",
        "--until",
        "2023-01-01",
    ]);
    assert!(err.contains("is before --since"), "{err}");
}

#[test]
fn health_lists_quiet_ambassadors_and_stale_exports() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-10",
    ]);
    // TODAY is 2022-11-15: enrolled 32 days ago.
    let slipping = env.json(&["report", "health", "--days", "30"]);
    let quiet: Vec<&str> = slipping
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["quiet"] == true)
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(quiet, ["Mikael Westerlund", "Sofia Ahlberg"]);
    let aino = slipping
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Aino Mäkelä")
        .unwrap();
    assert_eq!(aino["quiet"], false);
    assert_eq!(
        aino["stale_export"], true,
        "she never handed over an export"
    );
    assert_eq!(aino["days_without_activity"], 5);
    assert_eq!(
        env.json(&["report", "health", "--days", "40"]),
        serde_json::json!([])
    );
}

#[test]
fn the_year_report_sets_the_year_beside_the_year_before() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-01",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2023-02-01",
    ]);
    env.ok(&[
        "activity",
        "add",
        "mikael",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2023-03-01",
    ]);
    env.ok(&[
        "activity",
        "add",
        "sofia",
        "school-visit",
        "--date",
        "2023-04-01",
    ]);
    env.ok(&["kpi", "add", "applicants", "10400", "--date", "2022-09-30"]);
    let report = env.json(&["report", "year", "2023"]);
    assert_eq!(report["year"], 2023);
    assert_eq!(report["previous_year"], 2022);
    let measure = |name: &str| {
        report["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| {
                let (measure, detail) = name.split_once(':').unwrap_or((name, ""));
                m["measure"] == measure
                    && (detail.is_empty() && m["channel"].is_null() || m["channel"] == detail)
            })
            .unwrap_or_else(|| panic!("no measure {name}"))
            .clone()
    };
    let posts = measure("posts");
    assert_eq!(
        (
            posts["this_year"].as_i64(),
            posts["previous_year"].as_i64(),
            posts["change"].as_i64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(measure("posts:linkedin")["this_year"], 2);
    assert_eq!(measure("posts:x")["previous_year"], 1);
    assert_eq!(measure("other_activities")["this_year"], 1);
    assert_eq!(measure("ambassadors_posting")["this_year"], 2);
    // Identifiers only, never phrases: every measure is a snake_case word.
    for m in report["measures"].as_array().unwrap() {
        let name = m["measure"].as_str().unwrap();
        assert!(
            name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
            "{name}"
        );
    }
    assert_eq!(report["kpis"][0]["name"], "applicants");
    let err = env.fails(&["report", "year", "99999"]);
    assert!(err.contains("is not a year"), "{err}");
}

#[test]
fn the_digest_is_markdown_for_the_teams_channel() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-10",
    ]);
    env.ok(&[
        "activity",
        "add",
        "mikael",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2022-11-12",
    ]);
    env.ok(&[
        "activity",
        "add",
        "mikael",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2022-11-01",
    ]);
    let text = env.ok(&["report", "digest"]);
    assert!(
        text.starts_with("## Ambassadors 9 Nov 2022 – 15 Nov 2022\n"),
        "{text}"
    );
    assert!(
        text.contains("- **2 posts** by **2 ambassadors** (LinkedIn 1, X 1)"),
        "{text}"
    );
    assert!(text.contains("#OnnellisenArjenTekijät"), "{text}");
    let json = env.json(&["report", "digest", "--since", "2022-11-01"]);
    assert_eq!(json["posts"], 3);
    assert_eq!(json["most_active"][0]["name"], "Mikael Westerlund");
}

#[test]
fn the_person_report_is_one_ambassadors_record() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-10",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-11",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "school-visit",
        "--date",
        "2022-11-12",
    ]);
    env.ok(&[
        "training",
        "add",
        "Kick-off",
        "--date",
        "2022-10-14",
        "--kind",
        "kickoff",
    ]);
    env.ok(&["training", "attend", "kickoff", "aino"]);
    let report = env.json(&["report", "person", "aino"]);
    assert_eq!(report["name"], "Aino Mäkelä");
    assert_eq!(report["balance"], 10 + 10 + 30 + 20);
    assert_eq!(report["tier"], "Ambassador");
    assert_eq!(report["last_activity"], "2022-11-12");
    assert_eq!(report["trainings_attended"], 1);
    // Identifiers a script can match, not a phrase.
    assert_eq!(report["activities"][0]["kind"], "post");
    assert_eq!(report["activities"][0]["channel"], "x");
    assert_eq!(report["activities"][0]["activities"], 2);
    assert_eq!(report["enrolments"][0]["program"], "Vaasa 2022");
}

#[test]
fn two_cohorts_side_by_side() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-10",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2022-11-11",
    ]);
    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-10-01",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    env.ok(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-09-30",
        "--yes",
    ]);
    env.ok(&[
        "enroll",
        "aino",
        "--program",
        "Vaasa 2023",
        "--date",
        "2023-10-01",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2023-10-05",
    ]);
    env.ok(&["activity", "add", "aino", "talk", "--date", "2023-10-06"]);
    let comparison = env.json(&["report", "program", "Vaasa 2023", "--compare", "Vaasa 2022"]);
    assert_eq!(comparison["program"], "Vaasa 2023");
    assert_eq!(comparison["compared_with"], "Vaasa 2022");
    let row = |name: &str| {
        comparison["measures"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| match name.split_once(':') {
                Some((measure, detail)) => {
                    m["measure"] == measure && (m["channel"] == detail || m["kind"] == detail)
                }
                None => m["measure"] == name,
            })
            .unwrap_or_else(|| panic!("no measure {name}"))
            .clone()
    };
    let posts = row("posts");
    assert_eq!(
        (
            posts["program"].as_i64(),
            posts["compared_with"].as_i64(),
            posts["difference"].as_i64()
        ),
        (Some(1), Some(2), Some(-1))
    );
    assert_eq!(row("ambassadors")["program"], 1);
    assert_eq!(row("ambassadors")["compared_with"], 3);
    assert_eq!(row("posts:linkedin")["program"], 0);
    assert_eq!(row("activities:talk")["program"], 1);
    let err = env.fails(&["report", "program", "Vaasa 2023", "--compare", "Oulu"]);
    assert!(err.contains("no programme matches \"Oulu\""), "{err}");
}

#[test]
fn reports_and_lists_in_markdown() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-10",
    ]);
    let md = env.ok(&["report", "program", "--format", "md"]);
    assert!(
        md.starts_with("# Vaasa 2022: results of the employee ambassador programme\n"),
        "{md}"
    );
    assert!(
        md.contains("- Programme posts: **1** (on 1 channel)"),
        "{md}"
    );
    assert!(
        md.contains("## Channels\n\n| Channel | Posts | Share of posts |"),
        "{md}"
    );
    assert!(md.contains("| X | 1 | 100% |"), "{md}");
    let list = env.ok(&["person", "list", "--format", "md"]);
    assert!(list.starts_with("| id | name | email |"), "{list}");
    let digest = env.ok(&["report", "digest", "--format", "md"]);
    assert!(digest.starts_with("## Ambassadors"), "{digest}");
    let err = env.fails(&["export", "people", "--format", "md"]);
    assert!(err.contains("csv, json or xlsx"), "{err}");
}

#[test]
fn reports_as_one_self_contained_html_page() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-10",
    ]);
    env.ok(&[
        "activity",
        "add",
        "mikael",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2022-12-10",
    ]);
    env.ok(&[
        "person",
        "edit",
        "aino",
        "--unit",
        "<script>alert(1)</script>",
    ]);
    let html = env.ok(&["report", "program", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(
        html.contains("<title>Vaasa 2022: results of the employee ambassador programme</title>")
    );
    assert!(
        html.contains("<h2>Programme posts per month</h2>\n<svg"),
        "a chart of posts per month"
    );
    assert!(
        html.contains("<h2>Channels</h2>\n<table>"),
        "channels as a compact table, not a chart beside a table"
    );
    assert!(
        html.contains("&lt;script&gt;") && !html.contains("<script>"),
        "text is escaped"
    );
    assert!(html.contains("@media print"));
    let board = env.ok(&["report", "leaderboard", "--format", "html"]);
    assert!(
        board.contains("<table>") && board.contains("Aino Mäkelä"),
        "{board}"
    );
    let err = env.fails(&["export", "people", "--format", "html"]);
    assert!(err.contains("csv, json or xlsx"), "{err}");
}
