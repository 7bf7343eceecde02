//! The data subjects' rights: person export and forget, purge, backup and restore, the
//! privacy notice, and small groups in what leadership sees.

use crate::{Env, fixture};

/// Every string of Aino's that the file holds once she is everywhere.
const AINO_STRINGS: &[&str] = &[
    "Aino",
    "Mäkelä",
    "aino@vaasa.example",
    "ainomakela-0451",
    "Erityisopettaja",
    "aino-makela-export",
    "share%3A7001",
    "Ensimmäinen päivä",
    "Ainon puhe",
    "Ainolle",
    "Paras vuosi",
    "Muutan Ouluun",
];

/// Aino in every table that can refer to a person: enrolment (with a reason for leaving),
/// attendance, swag, an import of her LinkedIn export with the posts' text, a talk, feedback
/// and a hand-written points reason that names her.
fn aino_everywhere(env: &Env) {
    env.ok(&[
        "person",
        "edit",
        "Aino",
        "--linkedin",
        "https://www.linkedin.com/in/ainomakela-0451",
        "--title",
        "Erityisopettaja",
        "--unit",
        "Sivistystoimi",
    ]);
    env.ok(&[
        "training",
        "add",
        "Kickoff",
        "--date",
        "14.10.2022",
        "--kind",
        "kickoff",
    ]);
    env.ok(&["training", "attend", "Kickoff", "Aino", "Sofia"]);
    env.ok(&["swag", "stock", "add", "Vaasa-paketti", "5"]);
    env.ok(&[
        "swag",
        "deliver",
        "Aino",
        "--note",
        "koko M, Ainolle itselleen",
    ]);
    let shares = std::fs::read(fixture("exports/linkedin/Shares.csv")).unwrap();
    let file = env.write("aino-makela-export/Shares.csv", shares);
    env.ok(&[
        "activity",
        "import",
        &file,
        "--person",
        "aino",
        "--keep-text",
    ]);
    env.ok(&[
        "activity",
        "add",
        "Aino",
        "talk",
        "--date",
        "2022-11-01",
        "--note",
        "Ainon puhe koululla",
    ]);
    env.ok(&["activity", "add", "Sofia", "talk", "--date", "2022-11-02"]);
    env.ok(&[
        "feedback",
        "add",
        "Aino",
        "--score",
        "5",
        "--comment",
        "Paras vuosi, terveisin Aino",
    ]);
    env.ok(&[
        "points",
        "award",
        "Aino",
        "50",
        "--reason",
        "Kiitos Aino Mäkelä",
    ]);
    env.ok(&[
        "withdraw",
        "Aino",
        "--date",
        "2023-09-01",
        "--reason",
        "Muutan Ouluun",
    ]);
}

/// The database file and the sidecars beside it, as bytes.
fn file_bytes(env: &Env) -> Vec<(String, Vec<u8>)> {
    ["", "-wal", "-shm", "-journal"]
        .iter()
        .filter_map(|suffix| {
            let path = format!("{}{suffix}", env.default_db().display());
            std::fs::read(&path).ok().map(|bytes| (path, bytes))
        })
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.to_lowercase().into_bytes();
    let haystack = haystack.to_ascii_lowercase();
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_slice())
}

#[test]
fn person_export_covers_every_table_the_schema_links_to_a_person() {
    let env = Env::with_ambassadors();
    aino_everywhere(&env);
    let export = env.json(&["person", "export", "aino"]);
    assert_eq!(export["person"]["email"], "aino@vaasa.example");
    // Found from the schema of the file itself: a new table with a person reference must
    // show up here with Aino's rows.
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let mut stmt = conn
        .prepare(
            "SELECT DISTINCT m.name FROM sqlite_schema m, pragma_table_info(m.name) c
             WHERE m.type = 'table' AND (c.name = 'person_id' OR EXISTS (
                 SELECT 1 FROM pragma_foreign_key_list(m.name) f WHERE f.\"table\" = 'person'))",
        )
        .unwrap();
    let tables: Vec<String> = stmt
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(tables.len() >= 7, "{tables:?}");
    for table in &tables {
        let rows = export["tables"][table].as_array();
        assert!(
            rows.is_some_and(|r| !r.is_empty()),
            "the export has no rows of {table}: {export:#}"
        );
    }
    let text = export.to_string();
    for needle in AINO_STRINGS {
        assert!(
            contains(text.as_bytes(), needle),
            "{needle} is not in the export"
        );
    }
    assert!(!text.contains("Sofia"), "only Aino's rows");
    // The ledger's rows read as `points ledger` shows them: a reason kept once for many
    // awards and a time kept as seconds are written out.
    let ledger = env.json(&["points", "ledger", "--person", "aino"]);
    let entries = export["tables"]["points_entry"].as_array().unwrap();
    assert_eq!(entries.len(), ledger.as_array().unwrap().len());
    for (exported, shown) in entries.iter().zip(ledger.as_array().unwrap()) {
        assert_eq!(exported["reason"], shown["reason"], "{exported}");
        assert_eq!(exported["created_at"], shown["created_at"], "{exported}");
        assert!(exported["created_at"].is_string(), "{exported}");
    }
    assert!(
        entries.iter().any(|e| e["reason"]
            .as_str()
            .is_some_and(|r| r.contains("(activity "))),
        "an activity's award, whose reason is kept once: {entries:?}"
    );
}

#[test]
fn person_export_writes_markdown_to_a_private_file() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_ambassadors();
    aino_everywhere(&env);
    let path = env.path("aino.md");
    env.ok(&[
        "person",
        "export",
        "aino",
        "--format",
        "md",
        "-o",
        path.to_str().unwrap(),
    ]);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# Personal data held about person 1"),
        "{text}"
    );
    assert!(
        text.contains("| comment | Paras vuosi, terveisin Aino |"),
        "{text}"
    );
    assert!(text.contains("## feedback"), "{text}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let err = env.fails(&["person", "export", "aino", "--format", "csv"]);
    assert!(err.contains("json or md"), "{err}");
    env.fails(&["person", "export", "nobody"]);
}

fn forget_leaves_no_byte_of_aino(journal: &str) {
    let env = Env::with_ambassadors();
    env.write(
        "config/amb/config.toml",
        format!("journal_mode = \"{journal}\"\n"),
    );
    aino_everywhere(&env);
    env.ok(&["backup"]);
    let before = env.ok(&["report", "program", "--format", "json"]);
    let balance_before = env.json(&["points", "balance"]);
    let leaderboard_before = env.json(&["report", "leaderboard"]);

    let done = env.json(&["person", "forget", "aino", "--yes"]);
    assert_eq!(done["name"], "former ambassador 1");
    assert_eq!(done["ledger_reasons_erased"].as_array().unwrap().len(), 1);
    assert_eq!(done["backups_still_holding"].as_array().unwrap().len(), 1);

    let after = env.ok(&["report", "program", "--format", "json"]);
    // The ledger's head hash moves: the erased reason re-anchored the chain (a recorded
    // step `amb check` accepts). Every figure is the same.
    let head = |report: &str| -> String {
        let json: serde_json::Value = serde_json::from_str(report).unwrap();
        json["ledger_head"].as_str().unwrap().to_string()
    };
    let (head_before, head_after) = (head(&before), head(&after));
    assert_ne!(head_before, head_after);
    env.ok(&["check"]);
    assert_eq!(
        after.replace(&head_after, "HEAD"),
        before
            .replace("Aino Mäkelä", "former ambassador 1")
            .replace(&head_before, "HEAD")
    );
    assert_ne!(after, before, "the report named her before");
    let balance_after = env.json(&["points", "balance"]);
    assert_eq!(
        balance_after.to_string(),
        balance_before
            .to_string()
            .replace("Aino Mäkelä", "former ambassador 1")
    );
    let leaderboard_after = env.json(&["report", "leaderboard"]);
    assert_eq!(
        leaderboard_after.to_string(),
        leaderboard_before
            .to_string()
            .replace("Aino Mäkelä", "former ambassador 1")
    );
    for (path, bytes) in file_bytes(&env) {
        for needle in AINO_STRINGS {
            assert!(
                !contains(&bytes, needle),
                "{path} still holds {needle:?} ({journal})"
            );
        }
    }
    // The audit says who was forgotten, by whom and when, and nothing personal.
    let audit = env.json(&["audit"]);
    let entry = audit.as_array().unwrap().last().unwrap().clone();
    assert_eq!(entry["command"], "person forget");
    assert_eq!(entry["counts"]["person"], 1);
    assert_eq!(entry["os_user"], "hr-coordinator");
    assert!(!entry.to_string().contains("Aino"));
    env.ok(&["check"]);
    let err = env.fails(&["person", "forget", "1", "--yes"]);
    assert!(err.contains("already been forgotten"), "{err}");
}

#[test]
fn forget_leaves_no_byte_of_the_person_in_the_file_with_a_rollback_journal() {
    forget_leaves_no_byte_of_aino("delete");
}

#[test]
fn forget_leaves_no_byte_of_the_person_in_the_file_or_its_wal() {
    forget_leaves_no_byte_of_aino("wal");
}

#[test]
fn forget_asks_first_and_changes_nothing_unconfirmed() {
    let env = Env::with_ambassadors();
    aino_everywhere(&env);
    let before = env.snapshot();
    let err = env.fails(&["person", "forget", "aino"]);
    assert!(err.contains("--yes"), "{err}");
    env.fails(&["person", "forget", "nobody", "--yes"]);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn purge_is_a_dry_run_until_applied_and_forgets_through_the_same_path() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "apply",
        "Outi Applicant",
        "--email",
        "outi@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-10-02",
        "--motivation",
        "Outin syyt",
    ]);
    env.ok(&["withdraw", "Sofia", "--date", "2022-11-01"]);
    let later = |args: &[&str]| {
        let mut cmd = env.cmd(args);
        cmd.env("AMB_TODAY", "2024-11-15");
        cmd.output().unwrap()
    };
    let before = env.snapshot();
    let dry = later(&["purge", "--format", "json"]);
    assert!(dry.status.success());
    let due: serde_json::Value = serde_json::from_slice(&dry.stdout).unwrap();
    let mut names: Vec<&str> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["Outi Applicant", "Sofia Ahlberg"], "{due:#}");
    assert_eq!(env.snapshot(), before, "a dry run changes nothing");
    // Not yet due a year earlier.
    let early = env.json(&["purge"]);
    assert_eq!(early.as_array().unwrap().len(), 0);

    let applied = later(&["purge", "--apply", "--yes", "--format", "json"]);
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let people = env.json(&["person", "list"]);
    let text = people.to_string();
    assert!(!text.contains("Sofia") && !text.contains("Outi"), "{text}");
    assert!(text.contains("Aino Mäkelä"), "the active stay");
    let forgets = env
        .json(&["audit"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["command"] == "person forget")
        .count();
    assert_eq!(forgets, 2);
    for (path, bytes) in file_bytes(&env) {
        assert!(!contains(&bytes, "Outin syyt"), "{path}");
    }
}

#[test]
fn backup_and_restore_round_trip_and_keep_the_current_file() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_ambassadors();
    let done = env.json(&["backup"]);
    let path = done["path"].as_str().unwrap().to_string();
    assert!(path.contains("/backups/amb-"), "{path}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(done["integrity"], "ok");

    env.ok(&[
        "enroll",
        "Uusi Henkilö",
        "--email",
        "uusi@vaasa.example",
        "--role",
        "employee",
    ]);
    let restored = env.json(&["restore", &path, "--yes"]);
    let kept = restored["previous_kept_as"].as_str().unwrap();
    assert!(kept.contains("before-restore"), "{kept}");
    let people = env.json(&["person", "list"]).to_string();
    assert!(!people.contains("Uusi"), "{people}");
    assert!(crate::snapshot(std::path::Path::new(kept)).contains("Uusi Henkilö"));
    env.ok(&["check"]);

    // Restoring refuses what is not a healthy amb database, and changes nothing.
    let before = env.snapshot();
    let junk = env.write("junk.sqlite", "not a database");
    let err = env.fails(&["restore", &junk, "--yes"]);
    assert!(err.contains("not a healthy amb database"), "{err}");
    let other = env.path("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let err = env.fails(&["restore", other.to_str().unwrap(), "--yes"]);
    assert!(err.contains("application_id"), "{err}");
    env.fails(&["restore", "missing.sqlite", "--yes"]);
    env.fails(&["restore", &path]);
    assert_eq!(env.snapshot(), before);

    let named = env.path("copies/one.sqlite");
    env.ok(&["backup", named.to_str().unwrap()]);
    let err = env.fails(&["backup", named.to_str().unwrap()]);
    assert!(err.contains("already exists"), "{err}");
}

#[test]
fn backups_in_the_default_folder_keep_the_newest_n() {
    let env = Env::with_ambassadors();
    env.write("config/amb/config.toml", "[backup]\nkeep = 2\n");
    for _ in 0..4 {
        env.ok(&["backup"]);
    }
    let folder = env.default_db().parent().unwrap().join("backups");
    assert_eq!(std::fs::read_dir(folder).unwrap().count(), 2);
}

#[test]
fn restore_warns_of_people_forgotten_since_the_backup() {
    let env = Env::with_ambassadors();
    let path = env.json(&["backup"])["path"].as_str().unwrap().to_string();
    env.ok(&["person", "forget", "Sofia", "--yes"]);
    let restored = env.json(&["restore", &path, "--yes"]);
    assert_eq!(restored["forgotten_people_back"], serde_json::json!([3]));
}

#[test]
fn the_privacy_notice_describes_the_register_from_the_schema_and_config() {
    let env = Env::init();
    env.write(
        "config/amb/config.toml",
        "organisation = \"Vaasan kaupunki\"\n[privacy]\ncontact = \"hr@vaasa.example\"\n[retention]\napplicants_months = 6\n",
    );
    let text = env.ok(&["privacy", "notice"]);
    assert!(text.starts_with("# Privacy notice"), "{text}");
    // On a terminal (and at COLUMNS) the text is wrapped; what it says is the same.
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("Vaasan kaupunki"));
    assert!(text.contains("hr@vaasa.example"));
    assert!(text.contains("6 months after their last application"));
    assert!(
        text.contains("(feedback: score, comment, given_on)"),
        "{text}"
    );
    assert!(text.contains("amb person forget"));
}

#[test]
fn leadership_reports_merge_small_units_and_the_leaderboard_can_be_anonymous() {
    let env = Env::with_ambassadors();
    for (who, unit) in [
        ("Aino", "Sivistystoimi"),
        ("Sofia", "Sivistystoimi"),
        ("Mikael", "Konsernihallinto"),
    ] {
        env.ok(&["person", "edit", who, "--unit", unit]);
        env.ok(&[
            "activity",
            "add",
            who,
            "post",
            "--channel",
            "linkedin",
            "--date",
            "2022-11-01",
        ]);
    }
    env.ok(&[
        "feedback",
        "add",
        "Aino",
        "--score",
        "5",
        "--comment",
        "Hyvä",
    ]);
    let report = env.json(&["report", "program"]);
    assert_eq!(
        report["posts_by_unit"],
        serde_json::json!([{"key": "other units", "count": 3}])
    );
    assert!(report["feedback_average"].is_null());
    let note = report["privacy_note"].as_str().unwrap();
    assert!(note.contains("min_group = 3"), "{note}");

    let units = env.json(&["report", "leaderboard", "--by", "unit"]);
    assert_eq!(units.as_array().unwrap().len(), 1, "{units:#}");
    assert_eq!(units[0]["unit"], "other units");
    assert_eq!(units[0]["ambassadors"], 3);

    let anonymous = env.json(&["report", "leaderboard", "--anonymous"]);
    let text = anonymous.to_string();
    assert_eq!(anonymous.as_array().unwrap().len(), 3);
    assert!(
        !text.contains("Aino") && !text.contains("person_id") && !text.contains("unit"),
        "{text}"
    );

    // With min_group 1 every unit stands alone; the coordinator's lists are never merged.
    env.write("config/amb/config.toml", "[privacy]\nmin_group = 1\n");
    let report = env.json(&["report", "program"]);
    assert_eq!(report["posts_by_unit"].as_array().unwrap().len(), 2);
    assert!(report["privacy_note"].is_null());
}

#[test]
fn a_person_export_or_the_register_notice_never_overwrites_the_database() {
    let env = Env::with_ambassadors();
    let db = env.default_db().to_string_lossy().into_owned();
    let before = env.snapshot();
    let err = env.fails(&["person", "export", "aino", "-o", &db]);
    assert!(err.contains("the database"), "{err}");
    let err = env.fails(&["privacy", "notice", "-o", &format!("{db}-wal")]);
    assert!(err.contains("write-ahead log"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["check"]);
}
