//! Consistent safety: every destructive or bulk write asks (and without a terminal needs
//! `--yes`), every bulk write has a dry run, and neither a refusal nor a dry run writes.

use crate::{demo, fixture, shares_dry_run, snapshot};

fn with_db<'a>(db: &'a str, args: &[&'a str]) -> Vec<&'a str> {
    let mut all = vec!["--db", db];
    all.extend(args);
    all
}

#[test]
fn every_destructive_or_bulk_write_needs_yes_without_a_terminal() {
    let (env, db) = demo();
    // An applicant never enrolled: due to be forgotten a year on.
    env.ok(&with_db(
        &db,
        &[
            "apply",
            "Ville Applicant",
            "--email",
            "ville@vaasa.example",
            "--role",
            "employee",
            "--program",
            "Vaasa 2022 alumni",
        ],
    ));
    let backup = env.path("copy.sqlite").to_string_lossy().into_owned();
    env.ok(&with_db(&db, &["backup", &backup]));
    // Rules that pay a post more, so that rescoring has something to write.
    let rules = env.write("rules.toml", "[points.activities]\npost = 15\n");
    let before = snapshot(std::path::Path::new(&db));
    for args in [
        &["program", "close", "Vaasa 2022 alumni"][..],
        &["import", "undo", "2"],
        &["--config", &rules, "points", "rescore", "--apply"],
        &["person", "forget", "1"],
        &["training", "remove", "1"],
        &["activity", "remove", "1"],
        &["feedback", "remove", "1"],
        &["kpi", "remove", "1"],
        &["restore", &backup],
    ] {
        let err = env.fails(&with_db(&db, args));
        assert!(err.contains("pass --yes"), "{args:?}: {err}");
        assert_eq!(
            snapshot(std::path::Path::new(&db)),
            before,
            "{args:?} wrote without --yes"
        );
    }
    // Years later the applicant is due to be forgotten: purge asks too.
    env.set_today("2026-06-01");
    assert!(
        !env.json(&with_db(&db, &["purge"]))
            .as_array()
            .unwrap()
            .is_empty()
    );
    let err = env.fails(&with_db(&db, &["purge", "--apply"]));
    assert!(err.contains("pass --yes"), "{err}");
    assert_eq!(snapshot(std::path::Path::new(&db)), before);
    env.ok(&with_db(&db, &["import", "undo", "2", "--yes"]));
    let batch = env.json(&with_db(&db, &["import", "list"]));
    assert!(batch[1]["undone_at"].is_string(), "{}", batch[1]);
}

#[test]
fn every_bulk_write_has_a_dry_run_that_writes_nothing() {
    let (env, db) = demo();
    let before = snapshot(std::path::Path::new(&db));
    let rules = env.write("rules.toml", "[points.activities]\npost = 15\n");
    let people = fixture("people/intranet-form-fi.csv");
    let import = shares_dry_run();
    let import: Vec<&str> = import.iter().map(String::as_str).collect();
    let cases: [(&[&str], &str); 7] = [
        (
            &["program", "close", "Vaasa 2022 alumni", "--dry-run"],
            "Dry run: closing Vaasa 2022 alumni on",
        ),
        (
            &["import", "undo", "2", "--dry-run"],
            "Dry run: undoing import batch 2 would remove 8 activities",
        ),
        (
            &["training", "attend", "1", "Aino", "--absent", "--dry-run"],
            "Dry run: ",
        ),
        (
            &["--config", &rules, "points", "rescore"],
            "Run with --apply",
        ),
        (&["purge"], ""),
        (
            &[
                "person",
                "import",
                &people,
                "--program",
                "Vaasa 2022 alumni",
                "--dry-run",
            ],
            "",
        ),
        (&import, ""),
    ];
    for (args, says) in cases {
        let output = env.cmd(&with_db(&db, args)).output().expect("runs");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
        assert_eq!(
            snapshot(std::path::Path::new(&db)),
            before,
            "{args:?} wrote in a dry run"
        );
    }
    // The dry runs show the result they would write.
    let closed = env.json(&with_db(
        &db,
        &["program", "close", "Vaasa 2022 alumni", "--dry-run"],
    ));
    assert_eq!(closed["status"], "closed");
    let undone = env.json(&with_db(&db, &["import", "undo", "2", "--dry-run"]));
    assert!(undone["undone_at"].is_string(), "{undone}");
    let marked = env.json(&with_db(
        &db,
        &["training", "attend", "1", "Aino", "--absent", "--dry-run"],
    ));
    assert_eq!(marked[0]["status"], "absent");
    assert_eq!(marked[0]["changed"], true);
}
