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

/// Aino with three hand-written ledger entries (ids 1–3).
fn ledger() -> Env {
    let env = Env::with_ambassadors();
    for (points, reason) in [
        ("10", "kick-off help"),
        ("20", "fair stand"),
        ("5", "photos"),
    ] {
        env.ok(&["points", "award", "mäkelä", points, "--reason", reason]);
    }
    env.ok(&["check"]);
    env
}

/// Runs SQL on the database file behind amb's back, as someone with the file could.
fn tamper(env: &Env, sql: &str) {
    Connection::open(env.default_db())
        .unwrap()
        .execute_batch(sql)
        .unwrap();
}

fn trigger_sql(env: &Env, name: &str) -> String {
    Connection::open(env.default_db())
        .unwrap()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = ?1",
            [name],
            |row| row.get(0),
        )
        .unwrap()
}

#[test]
fn an_entry_edited_with_the_trigger_dropped_and_put_back_is_caught() {
    let env = ledger();
    let guard = trigger_sql(&env, "points_entry_no_update");
    tamper(
        &env,
        &format!(
            "DROP TRIGGER points_entry_no_update;
             UPDATE points_entry SET amount = 2000 WHERE id = 2;
             {guard};"
        ),
    );
    let err = env.fails(&["check"]);
    assert!(err.contains("entry 2 does not match its hash"), "{err}");
    assert!(!err.contains("entry 3"), "one change is named once: {err}");
}

#[test]
fn a_deleted_entry_is_caught_even_with_the_trigger_put_back() {
    let env = ledger();
    let guard = trigger_sql(&env, "points_entry_no_delete");
    let chain = trigger_sql(&env, "points_chain_no_delete");
    tamper(
        &env,
        &format!(
            "DROP TRIGGER points_entry_no_delete; DROP TRIGGER points_chain_no_delete;
             DELETE FROM points_entry WHERE id = 3; DELETE FROM points_chain WHERE entry_id = 3;
             {guard}; {chain};"
        ),
    );
    let err = env.fails(&["check"]);
    assert!(err.contains("entry 3 is missing"), "{err}");
}

#[test]
fn a_trigger_rewritten_to_never_fire_is_caught() {
    let env = ledger();
    tamper(
        &env,
        "DROP TRIGGER points_entry_no_update;
         CREATE TRIGGER points_entry_no_update BEFORE UPDATE ON points_entry WHEN 0
         BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;",
    );
    let err = env.fails(&["check"]);
    assert!(
        err.contains("trigger points_entry_no_update was changed"),
        "{err}"
    );
    tamper(
        &env,
        "CREATE TRIGGER points_entry_quietly AFTER INSERT ON points_entry BEGIN SELECT 1; END;",
    );
    let err = env.fails(&["check"]);
    assert!(err.contains("points_entry_quietly"), "{err}");
}

#[test]
fn the_ledger_and_the_programme_report_print_the_head_hash() {
    let env = ledger();
    let ledger = env.ok(&["points", "ledger"]);
    let report = env.json(&["report", "program"]);
    let hash = report["ledger_head"].as_str().unwrap().to_string();
    assert_eq!(hash.len(), 64);
    assert_eq!(report["ledger_head_entry"], 3);
    // A table wraps the line to the terminal's width; what it says stays the same.
    let flat = ledger.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains(&format!("Ledger head: entry 3, sha256 {hash}")),
        "{ledger}"
    );
    // A new entry moves the head on; the past stays what it was.
    env.ok(&["points", "award", "ahlberg", "7", "--reason", "talk"]);
    let later = env.json(&["report", "program"]);
    assert_eq!(later["ledger_head_entry"], 4);
    assert_ne!(later["ledger_head"], report["ledger_head"]);
}

#[test]
fn check_names_points_that_a_rescore_would_change() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "mäkelä", "talk", "--date", "2022-11-02"]);
    env.ok(&["check"]);
    env.write("config/amb/config.toml", "[points.activities]\ntalk = 40\n");
    let err = env.fails(&["check"]);
    assert!(err.contains("a rescore would change"), "{err}");
    env.ok(&["points", "rescore", "--apply", "--yes"]);
    env.ok(&["check"]);
}

#[test]
fn a_truncated_database_is_named_damaged_and_check_lists_the_damage() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "mäkelä", "talk", "--date", "2022-11-02"]);
    let before = std::fs::metadata(env.default_db()).unwrap().len();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(env.default_db())
        .unwrap();
    file.set_len(before / 2).unwrap();
    drop(file);
    for args in [
        &["person", "list"][..],
        &["report", "program"],
        &["points", "award", "mäkelä", "1", "--reason", "x"],
    ] {
        let err = env.fails(args);
        assert!(err.contains("is damaged"), "{args:?}: {err}");
        assert!(err.contains("amb check") && err.contains("backup"), "{err}");
        assert!(!err.contains("amb init"), "{err}");
    }
    let err = env.fails(&["check"]);
    assert!(err.contains("file: it was cut short"), "{err}");
    assert!(err.contains("integrity"), "{err}");
    assert!(err.contains("backup"), "{err}");
    assert_eq!(
        std::fs::metadata(env.default_db()).unwrap().len(),
        before / 2,
        "left as it was"
    );
}

#[test]
fn a_corrupted_page_is_named_damaged_and_check_lists_every_problem() {
    let env = Env::with_ambassadors();
    let mut bytes = std::fs::read(env.default_db()).unwrap();
    // Scribble over everything after the first page (the schema stays readable).
    for byte in bytes.iter_mut().skip(4096 + 100) {
        *byte = 0x5a;
    }
    std::fs::write(env.default_db(), &bytes).unwrap();
    let err = env.fails(&["person", "list"]);
    assert!(err.contains("is damaged"), "{err}");
    let err = env.fails(&["check"]);
    assert!(err.contains("problems:"), "{err}");
    assert!(err.contains("integrity"), "{err}");
    assert!(err.contains("backup"), "{err}");
}

#[test]
fn a_negative_schema_version_is_refused_not_rewritten() {
    let env = Env::with_ambassadors();
    tamper(&env, "PRAGMA user_version = -3;");
    let err = env.fails(&["person", "list"]);
    assert!(
        err.contains("is damaged") && err.contains("schema version is -3"),
        "{err}"
    );
    let err = env.fails(&["check"]);
    assert!(err.contains("schema version is -3"), "{err}");
    let version: i64 = Connection::open(env.default_db())
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, -3);
}

#[test]
fn an_empty_or_cut_header_is_damage_and_text_is_not_an_amb_database() {
    let env = Env::new();
    let cut = env.write("cut.sqlite", b"SQLite form");
    let err = env.fails(&["--db", &cut, "person", "list"]);
    assert!(
        err.contains("is damaged") && err.contains("cut short"),
        "{err}"
    );
    let text = env.write("notes.sqlite", "name,email\nAino,a@x.fi\n");
    let err = env.fails(&["--db", &text, "person", "list"]);
    assert!(err.contains("is not an amb database"), "{err}");
    let err = env.fails(&["--db", env.dir.path().to_str().unwrap(), "person", "list"]);
    assert!(
        err.contains("is not an amb database (it is a folder)"),
        "{err}"
    );
}

#[test]
fn a_read_only_folder_is_named_as_the_folder() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::with_ambassadors();
    let folder = env.path("data/amb");
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o500)).unwrap();
    if std::fs::write(folder.join("probe"), "x").is_ok() {
        // Root writes anywhere: nothing to see here.
        std::fs::remove_file(folder.join("probe")).unwrap();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
        eprintln!("skipped: running as root, a read-only folder is still writable");
        return;
    }
    let err = env.fails(&["points", "award", "mäkelä", "1", "--reason", "x"]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    assert!(
        err.contains("the folder") && err.contains("is read-only"),
        "{err}"
    );
}

/// A generic activities CSV of `rows` programme posts by Aino.
fn big_import(env: &Env, rows: usize) -> String {
    let mut csv = String::from("email,date,kind,channel,url,hashtags\n");
    for i in 0..rows {
        csv.push_str(&format!(
            "aino@vaasa.example,2022-11-01,post,linkedin,https://www.linkedin.com/feed/update/urn:li:activity:{i},#OnnellisenArjenTekijät\n"
        ));
    }
    env.write("big.csv", csv)
}

/// How many bytes the process has read so far (Linux).
fn bytes_read(pid: u32) -> Option<u64> {
    let io = std::fs::read_to_string(format!("/proc/{pid}/io")).ok()?;
    io.lines()
        .find_map(|line| line.strip_prefix("rchar: "))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn ctrl_c_during_an_import_imports_nothing_and_leaves_nothing() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let file = big_import(&env, 100_000);
    let size = std::fs::metadata(&file).unwrap().len();
    let mut import = env
        .process(&["activity", "import", &file])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Signal once a third of the file has been read: the import is writing.
    let pid = import.id();
    while bytes_read(pid).is_some_and(|read| read < size / 3)
        && import.try_wait().unwrap().is_none()
    {
        std::thread::yield_now();
    }
    std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    let output = import.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("amb: interrupted; nothing was imported"),
        "{stderr}"
    );
    assert_eq!(env.snapshot(), before, "nothing was imported");
    env.ok(&["check"]);
    let mut left: Vec<String> = std::fs::read_dir(env.path("data/amb"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["amb.sqlite"], "no journal, log or partial file left");
}
