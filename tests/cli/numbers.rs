//! Right numbers: applicants are no ambassadors, swag is owed after closing, no dates in the
//! future, one truth per post.

use serde_json::json;

use crate::Env;

/// Vaasa 2022's three ambassadors, plus Bo (an applicant never enrolled) and Cy (an
/// applicant who withdrew before being enrolled), and the kick-off they all attended.
fn with_applicants() -> Env {
    let env = Env::with_ambassadors();
    for (name, email) in [
        ("Bo Applicant", "bo@vaasa.example"),
        ("Cy Rejected", "cy@vaasa.example"),
    ] {
        env.ok(&[
            "apply",
            name,
            "--email",
            email,
            "--role",
            "employee",
            "--date",
            "2022-09-01",
        ]);
    }
    env.ok(&[
        "withdraw",
        "cy",
        "--date",
        "2022-10-05",
        "--reason",
        "not chosen",
    ]);
    env.ok(&[
        "training",
        "add",
        "Kick-off",
        "--date",
        "2022-10-20",
        "--kind",
        "kickoff",
    ]);
    env
}

#[test]
fn applicants_count_nowhere_and_earn_nothing() {
    let env = with_applicants();
    let out = env
        .cmd(&["training", "attend", "kickoff", "aino", "bo", "cy"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("Bo Applicant was not an enrolled ambassador of Vaasa 2022 on 2022-10-20: the attendance is recorded, without points"),
        "{stderr}"
    );
    let balances = env.json(&["points", "balance"]);
    let earned = |name: &str| {
        balances
            .as_array()
            .unwrap()
            .iter()
            .find(|b| b["name"] == name)
            .map(|b| b["earned"].clone())
    };
    assert_eq!(earned("Aino Mäkelä"), Some(json!(20)));
    assert_eq!(earned("Bo Applicant"), Some(json!(0)));
    assert_eq!(earned("Cy Rejected"), Some(json!(0)));
    // The rules agree with what was paid: nothing to rescore.
    assert_eq!(env.json(&["points", "rescore"]), json!([]));

    let report = env.json(&["report", "program", "Vaasa 2022"]);
    let employees = &report["participants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["role"] == "employee")
        .unwrap()
        .clone();
    assert_eq!(employees["applied"], 1);
    assert_eq!(employees["active"], 2);
    assert_eq!(employees["withdrawn"], 0, "Cy was never an ambassador");
    assert_eq!(employees["applications_withdrawn"], 1);
    let tiers: i64 = report["tiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["ambassadors"].as_i64().unwrap())
        .sum();
    assert_eq!(tiers, 3, "only the three ambassadors have tiers");

    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-10-01",
        "--hashtag",
        "Vaasa23",
    ]);
    let compared = env.json(&["report", "program", "Vaasa 2022", "--compare", "Vaasa 2023"]);
    assert_eq!(compared["measures"][0]["measure"], "ambassadors");
    assert_eq!(compared["measures"][0]["program"], 3);
}

/// The names in a JSON list of people.
fn names(list: &serde_json::Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn swag_stays_owed_after_closing_and_one_package_a_person() {
    let env = Env::with_ambassadors();
    env.set_today("2023-10-15");
    env.ok(&["swag", "stock", "add", "Vaasa-tuotepaketti", "10"]);
    env.ok(&["swag", "deliver", "aino", "--date", "2022-11-04"]);
    env.ok(&["withdraw", "sofia", "--date", "2023-03-01"]);
    env.ok(&["program", "close", "Vaasa 2022", "--yes"]);
    let owed = |program: &str| names(&env.json(&["swag", "pending", "--program", program]));
    assert_eq!(
        owed("Vaasa 2022"),
        ["Mikael Westerlund"],
        "completed without a package: still owed; withdrawn: not"
    );
    let report = env.json(&["report", "program", "Vaasa 2022"]);
    assert_eq!(report["swag_pending"], 1);

    env.ok(&[
        "program",
        "add",
        "Alumni",
        "--start",
        "2023-10-01",
        "--hashtag",
        "Alumni",
    ]);
    env.ok(&[
        "enroll",
        "aino",
        "--program",
        "Alumni",
        "--date",
        "2023-10-01",
    ]);
    env.ok(&[
        "enroll",
        "mikael",
        "--program",
        "Alumni",
        "--date",
        "2023-10-01",
    ]);
    assert_eq!(
        owed("Alumni"),
        ["Mikael Westerlund"],
        "Aino got hers in the earlier cohort"
    );
}

#[test]
fn dates_after_today_are_refused_where_they_cannot_be_right() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let err = env.fails(&["activity", "add", "aino", "talk", "--date", "2022-12-09"]);
    assert!(
        err.contains("--date: 2022-12-09 is after today (2022-11-15, 24 days ahead)"),
        "{err}"
    );
    assert!(err.contains("--force records a planned one"), "{err}");
    let err = env.fails(&[
        "points",
        "award",
        "aino",
        "5",
        "--reason",
        "x",
        "--date",
        "2022-11-16",
    ]);
    assert!(
        err.contains("an award cannot be dated in the future"),
        "{err}"
    );
    let err = env.fails(&[
        "points",
        "redeem",
        "aino",
        "5",
        "--reward",
        "x",
        "--date",
        "2022-11-16",
    ]);
    assert!(
        err.contains("a redemption cannot be dated in the future"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    // A planned school visit, deliberately.
    env.ok(&[
        "activity",
        "add",
        "aino",
        "school-visit",
        "--date",
        "2022-12-09",
        "--force",
    ]);
    let err = env.fails(&["activity", "edit", "1", "--date", "2022-12-10"]);
    assert!(err.contains("after today"), "{err}");

    // Health never shows a negative age, and takes --program.
    let health = env.json(&["report", "health", "--days", "0"]);
    for row in health.as_array().unwrap() {
        assert!(row["days_without_activity"].as_i64().unwrap() >= 0, "{row}");
        assert!(row["days_since_import"].as_i64().unwrap() >= 0, "{row}");
    }
    assert_eq!(health.as_array().unwrap().len(), 3);
    env.ok(&[
        "program",
        "add",
        "Other",
        "--start",
        "2022-01-01",
        "--end",
        "2022-06-30",
        "--hashtag",
        "O",
    ]);
    assert_eq!(
        env.json(&["report", "health", "--days", "0", "--program", "Other"]),
        json!([])
    );
}

#[test]
fn an_activity_outside_every_programme_neither_counts_nor_earns() {
    let env = Env::with_ambassadors();
    let out = env
        .cmd(&[
            "activity",
            "add",
            "aino",
            "post",
            "--channel",
            "linkedin",
            "--date",
            "2022-01-05",
            "--force",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("counts in no programme report and earns no points")
    );
    let balance = env.json(&["points", "balance", "aino"]);
    assert_eq!(balance["earned"], 0);
    assert_eq!(env.json(&["report", "program"])["posts"], 0);
    assert_eq!(env.json(&["points", "rescore"]), json!([]));
}

#[test]
fn with_one_programme_commands_use_it_whatever_the_day() {
    let env = Env::with_ambassadors();
    env.set_today("2024-06-01");
    // Vaasa 2022 ended long ago, but it is the only programme there is.
    assert_eq!(env.json(&["report", "program"])["program"], "Vaasa 2022");
    assert_eq!(env.json(&["swag", "pending"]).as_array().unwrap().len(), 3);
    env.ok(&[
        "program",
        "add",
        "Spring",
        "--start",
        "2024-01-01",
        "--end",
        "2024-03-31",
        "--hashtag",
        "S",
    ]);
    let err = env.fails(&["report", "program"]);
    assert!(
        err.contains("hint: name it: `amb report program NAME`"),
        "{err}"
    );
    let err = env.fails(&["swag", "pending"]);
    assert!(err.contains("hint: pass --program NAME"), "{err}");
}
