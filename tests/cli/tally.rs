//! The ledger's kept sums (`points_tally`): balances and the reports' points read from them
//! are the figures the ledger's entries give, to the last digit, after every kind of write.

use serde_json::Value;

use crate::{Env, demo, fixture};

/// Every figure that reads the kept sums: balances, each person's record, each programme's
/// report, the leaderboard without a period and over whole years, the year reports.
fn figures(env: &Env, db: &str) -> Vec<Value> {
    let run = |args: &[&str]| {
        let mut all = vec!["--db", db];
        all.extend_from_slice(args);
        env.json(&all)
    };
    let mut out = vec![run(&["points", "balance"])];
    let people = run(&["person", "list"]);
    for person in people.as_array().unwrap() {
        let id = person["id"].to_string();
        out.push(run(&["points", "balance", &id]));
        out.push(run(&["report", "person", &id]));
        out.push(run(&["person", "show", &id]));
    }
    let programs = run(&["program", "list"]);
    for program in programs.as_array().unwrap() {
        let name = program["name"].as_str().unwrap();
        out.push(run(&["report", "program", name, "--no-compare"]));
        out.push(run(&[
            "report",
            "leaderboard",
            "--top",
            "100",
            "--program",
            name,
        ]));
    }
    for period in [
        &[][..],
        &["--since", "2022-01-01", "--until", "2023-12-31"],
        &["--since", "2023-01-01"],
        &["--since", "2022-10-15", "--until", "2023-03-31"],
    ] {
        let mut args = vec!["report", "leaderboard", "--top", "100"];
        args.extend_from_slice(period);
        out.push(run(&args));
    }
    for year in ["2022", "2023", "2024"] {
        out.push(run(&["report", "year", year]));
    }
    assert!(out.len() > 10);
    out
}

/// Makes every kept sum inexact, so that every reader falls back to the ledger's entries.
fn ignore_the_kept_sums(db: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    let rows = conn
        .execute("UPDATE points_tally SET magnitude = magnitude + 0.5", [])
        .unwrap();
    assert!(rows > 0);
}

/// The figures from the kept sums, then from the entries: the same. `amb check` passes
/// before and names the tampering after.
fn same_figures_from_the_entries(env: &Env, db: &str) {
    env.ok(&["--db", db, "check"]);
    let kept = figures(env, db);
    ignore_the_kept_sums(db);
    let from_entries = figures(env, db);
    for (kept, from_entries) in kept.iter().zip(&from_entries) {
        assert_eq!(kept, from_entries);
    }
    let err = env.fails(&["--db", db, "check"]);
    assert!(
        err.contains("points totals: the totals kept for person"),
        "{err}"
    );
}

#[test]
fn the_demo_reads_the_same_points_from_its_kept_sums() {
    let (env, db) = demo();
    same_figures_from_the_entries(&env, &db);
}

#[test]
fn every_kind_of_write_keeps_the_sums_of_the_ledger() {
    let env = Env::with_ambassadors();
    env.set_today("2024-02-01");
    let db = env.default_db().to_string_lossy().into_owned();
    env.write(
        "config/amb/config.toml",
        "[points]\ndaily_post_cap = 1\nweekly_post_cap = 2\nallow_negative_balance = true\n",
    );
    env.enroll("Eero Laine", "eero@vaasa.example", "employee", "2022-10-14");
    // Only a redemption: among no programme's top earners.
    env.enroll("Kaisa Oja", "kaisa@vaasa.example", "employee", "2022-10-14");
    // Caps: six posts in two days, some of them held back.
    let mut csv = String::from("email,date,kind,channel,url,hashtags\n");
    for (i, (who, date)) in [
        ("aino", "2022-10-17"),
        ("aino", "2022-10-17"),
        ("aino", "2022-10-18"),
        ("aino", "2022-10-19"),
        ("sofia", "2022-12-30"),
        ("sofia", "2023-01-02"),
        ("eero", "2023-02-02"),
    ]
    .iter()
    .enumerate()
    {
        csv += &format!(
            "{who}@vaasa.example,{date},post,x,https://x.com/{who}/status/{i},#OnnellisenArjenTekijät\n"
        );
    }
    env.ok(&["activity", "import", &env.write("posts.csv", csv)]);
    // An import undone: its awards reversed.
    env.ok(&[
        "activity",
        "import",
        &fixture("exports/linkedin/Shares.csv"),
        "--person",
        "mikael",
    ]);
    env.ok(&["import", "undo", "2", "--yes"]);
    // Awards, redemptions, a reversed redemption, a reversed award, across the years.
    for args in [
        &[
            "points",
            "award",
            "aino",
            "100",
            "--reason",
            "fair",
            "--date",
            "2022-12-31",
        ][..],
        &[
            "points",
            "award",
            "sofia",
            "40",
            "--reason",
            "talk",
            "--date",
            "2023-01-01",
        ],
        &[
            "points",
            "redeem",
            "aino",
            "30",
            "--reward",
            "Mug",
            "--date",
            "2023-01-01",
        ],
        &[
            "points",
            "redeem",
            "sofia",
            "60",
            "--reward",
            "Bike",
            "--date",
            "2023-05-01",
        ],
        &[
            "points",
            "redeem",
            "eero",
            "5",
            "--reward",
            "Pin",
            "--date",
            "2023-05-02",
        ],
        &[
            "points",
            "redeem",
            "kaisa",
            "7",
            "--reward",
            "Cap",
            "--date",
            "2023-05-03",
        ],
    ] {
        env.ok(args);
    }
    let ledger = env.json(&["points", "ledger"]);
    let id_of = |reason: &str| {
        ledger
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["reason"] == reason)
            .unwrap()["id"]
            .to_string()
    };
    env.ok(&["points", "reverse", &id_of("Mug"), "--reason", "returned"]);
    env.ok(&["points", "reverse", &id_of("talk"), "--reason", "no talk"]);
    // Adjustments: the rules change and the rescore writes the difference.
    env.write(
        "config/amb/config.toml",
        "[points]\ndaily_post_cap = 1\nweekly_post_cap = 2\nallow_negative_balance = true\n\
         [points.activities]\npost = 25\n",
    );
    env.ok(&["points", "rescore", "--apply", "--yes"]);
    // A withdrawal, the cohort closed, alumni in an open-ended programme, a new year's posts.
    env.ok(&[
        "withdraw",
        "sofia",
        "--date",
        "2023-06-01",
        "--reason",
        "moved",
    ]);
    env.ok(&["program", "close", "Vaasa 2022", "--yes"]);
    env.ok(&[
        "program",
        "add",
        "Alumni",
        "--start",
        "2023-10-01",
        "--hashtag",
        "OnnellisenArjenTekijät",
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
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2024-01-15",
    ]);
    // A person forgotten: their points stay in the totals.
    env.ok(&["person", "forget", "eero", "--yes"]);
    let kinds: Vec<String> = env
        .json(&["points", "ledger"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_string())
        .collect();
    for kind in ["award", "redemption", "reversal", "adjustment"] {
        assert!(kinds.iter().any(|k| k == kind), "{kind}: {kinds:?}");
    }
    same_figures_from_the_entries(&env, &db);
}
