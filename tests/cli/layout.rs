//! Lists that fit: every list, show and report of the demo fits 80 columns; `--columns`
//! and `--wide` choose others; cells are cut with "…" in tables only.

use crate::{Env, demo};

/// `amb --db DB ARGS` with `COLUMNS` set (stdout is a pipe here, as in a script).
fn at_width(env: &Env, db: &str, columns: &str, args: &[&str]) -> String {
    let mut all = vec!["--db", db];
    all.extend(args);
    let output = env
        .cmd(&all)
        .env("COLUMNS", columns)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "amb {all:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("UTF-8")
}

fn widest(text: &str) -> usize {
    text.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

const EVERY_LIST_SHOW_AND_REPORT: &[&[&str]] = &[
    &["program", "list"],
    &["program", "show", "Vaasa 2022"],
    &["person", "list"],
    &["person", "show", "1"],
    &["training", "list"],
    &["training", "show", "kickoff"],
    &["swag", "stock", "list"],
    &["swag", "list"],
    &["swag", "pending"],
    &["activity", "list"],
    &["import", "list"],
    &["feedback", "list"],
    &["kpi", "list"],
    &["points", "balance"],
    &["points", "balance", "1"],
    &["points", "ledger"],
    &["points", "rescore"],
    &["report", "program"],
    &["report", "program", "Vaasa 2022", "--compare", "Vaasa 2022"],
    &["report", "leaderboard"],
    &["report", "leaderboard", "--by", "unit", "--per-capita"],
    &["report", "person", "1"],
    &["report", "year", "2023"],
    &["report", "digest", "--since", "2023-01-01"],
    &["report", "health"],
    &["audit"],
    &["config", "show"],
];

#[test]
fn every_list_show_and_report_of_the_demo_fits_80_columns() {
    let (env, db) = demo();
    for args in EVERY_LIST_SHOW_AND_REPORT {
        let text = at_width(&env, &db, "80", args);
        assert!(!text.is_empty(), "amb {args:?} printed nothing");
        assert!(
            widest(&text) <= 80,
            "amb {args:?} is {} columns wide:\n{text}",
            widest(&text)
        );
    }
    // The 7,704-line activity list of old: one line per activity now, plus the frame.
    let activities = at_width(&env, &db, "80", &["activity", "list"]);
    let rows = at_width(&env, &db, "80", &["activity", "list", "--format", "csv"])
        .lines()
        .count()
        - 1;
    assert_eq!(activities.lines().count(), rows + 4, "{activities}");
}

#[test]
fn columns_and_wide_choose_what_a_list_shows() {
    let (env, db) = demo();
    let narrow = at_width(&env, &db, "60", &["person", "list"]);
    assert!(widest(&narrow) <= 60, "{narrow}");
    assert!(narrow.contains('…'), "long e-mails are cut: {narrow}");
    let header = narrow.lines().nth(1).unwrap();
    assert!(
        header.contains("name") && !header.contains("linkedin"),
        "{header}"
    );

    let chosen = at_width(
        &env,
        &db,
        "80",
        &["person", "list", "--columns", "email,name"],
    );
    let header = chosen.lines().nth(1).unwrap();
    assert!(
        header.find("email").unwrap() < header.find("name").unwrap(),
        "{header}"
    );
    assert!(!header.contains("role"), "{header}");

    let wide = at_width(&env, &db, "80", &["activity", "list", "--wide"]);
    assert!(widest(&wide) > 80, "--wide cuts nothing");
    assert!(!wide.contains('…'));
    assert!(wide.lines().nth(1).unwrap().contains("batch id"));

    // CSV and JSON are never cut, whatever the width.
    let csv = at_width(&env, &db, "40", &["person", "list", "--format", "csv"]);
    assert!(!csv.contains('…'));
    assert!(csv.contains("aino.makela@vaasa.example"), "{csv}");

    let err = env.fails(&["--db", &db, "person", "list", "--columns", "name,shoe_size"]);
    assert!(
        err.contains("--columns: this list has no column \"shoe_size\""),
        "{err}"
    );
    assert!(err.contains("hint: its columns are id,name,email"), "{err}");
}

#[test]
fn record_tables_wrap_long_values_within_the_width() {
    let (env, db) = demo();
    let report = at_width(&env, &db, "70", &["report", "program"]);
    assert!(widest(&report) <= 70, "{report}");
    // The EMV note is whole, on several lines, not cut.
    let flat = report.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Potential reach (followers) is not counted."),
        "{report}"
    );
    assert!(
        !report
            .lines()
            .any(|l| l.contains("emv note") && l.contains('…')),
        "{report}"
    );
    let wider = at_width(&env, &db, "200", &["report", "program"]);
    assert!(
        widest(&wider) > 80,
        "COLUMNS is honoured when stdout is not a terminal"
    );
}
