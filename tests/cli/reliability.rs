//! What no file, fault or second command may do: readers never wait for a writer, a second
//! writer waits and says so, output never replaces the database, damage is named as damage,
//! the ledger's past cannot change unseen, and an interrupted import leaves nothing.

use std::io::{BufRead, BufReader};
use std::process::Stdio;

use rusqlite::{Connection, TransactionBehavior};

use crate::Env;

fn journal_mode(env: &Env) -> String {
    let conn = Connection::open(env.default_db()).unwrap();
    conn.pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap()
}

#[test]
fn a_database_is_in_wal_mode_and_a_write_leaves_one_file() {
    let env = Env::with_ambassadors();
    assert_eq!(journal_mode(&env), "wal");
    env.ok(&[
        "points",
        "award",
        "mäkelä",
        "5",
        "--reason",
        "kick-off help",
    ]);
    let wal = crate::fs_sibling(&env.default_db(), "-wal");
    assert!(
        std::fs::metadata(&wal).map_or(true, |m| m.len() == 0),
        "the log was checkpointed"
    );
}

#[test]
fn an_old_rollback_journal_database_moves_to_wal_and_the_setting_keeps_delete() {
    let env = Env::new();
    env.write("config/amb/config.toml", "journal_mode = \"delete\"\n");
    env.ok(&["init"]);
    assert_eq!(journal_mode(&env), "delete");
    env.ok(&["person", "list"]);
    assert_eq!(journal_mode(&env), "delete");
    std::fs::remove_file(env.path("config/amb/config.toml")).unwrap();
    env.ok(&["person", "list"]);
    assert_eq!(journal_mode(&env), "wal");
}

#[test]
fn a_report_and_a_balance_succeed_while_another_command_writes() {
    let env = Env::with_ambassadors();
    let mut writer = Connection::open(env.default_db()).unwrap();
    let tx = writer
        .transaction_with_behavior(TransactionBehavior::Exclusive)
        .unwrap();
    tx.execute(
        "INSERT INTO person (name, email, email_key, role) VALUES ('Uncommitted', 'u@x.example', 'u@x.example', 'employee')",
        [],
    )
    .unwrap();
    let people = env.ok(&["person", "list"]);
    assert!(
        people.contains("Mäkelä") && !people.contains("Uncommitted"),
        "{people}"
    );
    env.ok(&["points", "balance"]);
    env.ok(&["report", "program"]);
    tx.commit().unwrap();
    assert!(env.ok(&["person", "list"]).contains("Uncommitted"));
}

#[test]
fn a_second_writer_says_it_waits_and_goes_on_when_the_first_is_done() {
    let env = Env::with_ambassadors();
    let mut writer = Connection::open(env.default_db()).unwrap();
    let tx = writer
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    let mut second = env
        .process(&["points", "award", "mäkelä", "5", "--reason", "help"])
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(second.stderr.take().unwrap());
    let mut line = String::new();
    stderr.read_line(&mut line).unwrap();
    assert_eq!(
        line.trim_end(),
        "amb: waiting for another amb command to finish…"
    );
    tx.commit().unwrap();
    assert!(second.wait().unwrap().success());
    let ledger = env.json(&["points", "ledger"]);
    assert_eq!(ledger.as_array().unwrap().len(), 1);
}

#[test]
fn a_writer_gives_up_after_the_configured_bound_and_changes_nothing() {
    let env = Env::with_ambassadors();
    env.write("config/amb/config.toml", "busy_timeout_ms = 200\n");
    let before = env.snapshot();
    let mut writer = Connection::open(env.default_db()).unwrap();
    let tx = writer
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .unwrap();
    let err = env.fails(&["points", "award", "mäkelä", "5", "--reason", "help"]);
    assert!(err.contains("waiting for another amb command"), "{err}");
    assert!(err.contains("the database is busy"), "{err}");
    assert!(err.contains("busy_timeout_ms"), "{err}");
    drop(tx);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_export_or_a_report_onto_the_database_or_its_journals_is_refused() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let db = env.default_db();
    std::os::unix::fs::symlink(&db, env.path("link.csv")).unwrap();
    let wal = crate::fs_sibling(&db, "-wal");
    let journal = crate::fs_sibling(&db, "-journal");
    for target in [
        db.to_string_lossy().into_owned(),
        "data/amb/amb.sqlite".to_string(),
        "data/amb/../amb/amb.sqlite".to_string(),
        "link.csv".to_string(),
        wal.to_string_lossy().into_owned(),
        journal.to_string_lossy().into_owned(),
    ] {
        for args in [
            &["export", "people", "-o", &target][..],
            &["export", "all", "--format", "json", "-o", &target],
            &["report", "program", "-o", &target],
            &["report", "-o", &target, "leaderboard"],
        ] {
            let err = env.fails(args);
            assert!(err.contains("would destroy it"), "{args:?}: {err}");
        }
    }
    assert_eq!(env.snapshot(), before);
    env.ok(&["check"]);
}

#[test]
fn a_report_goes_to_a_private_file_whole() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_ambassadors();
    let shown = env.ok(&["report", "program", "--format", "csv"]);
    assert_eq!(
        env.ok(&["report", "program", "--format", "csv", "-o", "r.csv"]),
        ""
    );
    assert_eq!(std::fs::read_to_string(env.path("r.csv")).unwrap(), shown);
    let mode = std::fs::metadata(env.path("r.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    env.ok(&["report", "-o", "digest.md", "digest"]);
    assert!(
        std::fs::read_to_string(env.path("digest.md"))
            .unwrap()
            .contains("#")
    );
}

#[test]
fn export_all_writes_a_private_folder_whole_or_not_at_all() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_ambassadors();
    env.ok(&["export", "all", "-o", "out"]);
    let mode = std::fs::metadata(env.path("out"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700);
    assert!(env.path("out/people.csv").exists());

    // A folder in the way of one table: none of the tables is written, nothing is left over.
    std::fs::create_dir_all(env.path("again/people.csv")).unwrap();
    let err = env.fails(&["export", "all", "-o", "again"]);
    assert!(err.contains("is not a file"), "{err}");
    let left: Vec<_> = std::fs::read_dir(env.path("again")).unwrap().collect();
    assert_eq!(left.len(), 1, "only the folder that was in the way");
    let beside: Vec<String> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("partial"))
        .collect();
    assert!(beside.is_empty(), "{beside:?}");
}
