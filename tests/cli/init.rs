use std::os::unix::fs::PermissionsExt;

use crate::Env;

#[test]
fn init_creates_the_database_at_the_xdg_default_with_mode_0600() {
    let env = Env::new();
    let out = env.json(&["init"]);
    let db = env.default_db();
    assert_eq!(out["database"], db.to_string_lossy().as_ref());
    assert_eq!(out["database_from"], "default");
    assert_eq!(out["created"], true);
    assert_eq!(
        out["config"],
        env.path("config/amb/config.toml")
            .to_string_lossy()
            .as_ref()
    );
    assert_eq!(out["config_found"], false);
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
}

#[test]
fn init_makes_parent_folders_and_follows_db_flag_over_env_over_config() {
    let env = Env::new();
    let config = env.write("cfg.toml", "database = \"from-config/amb.sqlite\"\n");
    // The config's relative path is relative to the config file's folder.
    let out = env.json(&["init", "--config", &config]);
    assert_eq!(out["database_from"], "config_file");
    assert!(env.path("from-config/amb.sqlite").exists());

    let out: serde_json::Value = serde_json::from_slice(
        &env.cmd(&["init", "--config", &config, "--format", "json"])
            .env("AMB_DB", env.path("from-env/a.sqlite"))
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(out["database_from"], "environment");
    assert!(env.path("from-env/a.sqlite").exists());

    let flag = env.path("deep/er/flag.sqlite");
    let out: serde_json::Value = serde_json::from_slice(
        &env.cmd(&[
            "--db",
            flag.to_str().unwrap(),
            "init",
            "--config",
            &config,
            "--format",
            "json",
        ])
        .env("AMB_DB", env.path("from-env/a.sqlite"))
        .output()
        .unwrap()
        .stdout,
    )
    .unwrap();
    assert_eq!(out["database_from"], "flag");
    assert!(flag.exists());
}

#[test]
fn init_twice_changes_nothing() {
    let env = Env::init();
    let before = env.snapshot();
    let out = env.json(&["init"]);
    assert_eq!(out["created"], false);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_database_has_an_application_id_a_schema_version_and_a_write_ahead_log() {
    let env = Env::init();
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, 0x616D_6231);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= 1);
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn the_rollback_journal_can_be_chosen_in_the_config() {
    let env = Env::new();
    env.write("config/amb/config.toml", "journal_mode = \"delete\"\n");
    env.ok(&["init"]);
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let journal: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "delete");
}

#[test]
fn other_commands_refuse_a_missing_database_and_do_not_create_one() {
    let env = Env::new();
    for args in [&["person", "list"][..], &["program", "list"], &["audit"]] {
        let err = env.fails(args);
        assert!(err.contains("no database at"), "{err}");
        assert!(err.contains("amb init"), "{err}");
    }
    assert!(!env.default_db().exists());
    assert!(!env.path("data/amb").exists());
}

#[test]
fn other_commands_refuse_a_file_that_is_not_an_amb_database() {
    let env = Env::new();
    let text = env.write("notes.sqlite", "just some text, not SQLite at all.............................................................................................");
    let err = env.fails(&["--db", &text, "person", "list"]);
    assert!(err.contains("is not an amb database"), "{err}");

    let other = env.path("other.sqlite");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let err = env.fails(&["--db", other.to_str().unwrap(), "person", "list"]);
    assert!(err.contains("is not an amb database"), "{err}");
    let err = env.fails(&["--db", other.to_str().unwrap(), "init"]);
    assert!(err.contains("is not an amb database"), "{err}");
    // The foreign file is untouched.
    let rows: i64 = rusqlite::Connection::open(&other)
        .unwrap()
        .query_row("SELECT count(*) FROM t", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn a_database_from_a_newer_amb_is_refused() {
    let env = Env::init();
    rusqlite::Connection::open(env.default_db())
        .unwrap()
        .pragma_update(None, "user_version", 9999)
        .unwrap();
    let err = env.fails(&["person", "list"]);
    assert!(err.contains("newer amb"), "{err}");
    assert!(err.contains("9999"), "{err}");
}

#[test]
fn init_is_audited() {
    let env = Env::init();
    let audit = env.json(&["audit"]);
    assert_eq!(audit[0]["command"], "init");
    assert_eq!(audit[0]["os_user"], "hr-coordinator");
}

#[test]
fn init_adopts_an_empty_file_but_never_a_symlink_or_device() {
    let env = Env::new();
    let empty = env.write("empty.sqlite", "");
    env.ok(&["init", "--db", &empty]);
    assert!(std::fs::metadata(&empty).unwrap().len() > 0);

    let target = env.write("target.txt", "");
    let link = env.path("link.sqlite");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let err = env.fails(&["init", "--db", link.to_str().unwrap()]);
    assert!(err.contains("not an amb database"), "{err}");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );

    let err = env.fails(&["init", "--db", "/dev/null"]);
    assert!(err.contains("not an amb database"), "{err}");
    assert!(std::path::Path::new("/dev/null").exists());
}

#[test]
fn a_busy_database_gives_a_clear_message() {
    let env = Env::init();
    env.write("config/amb/config.toml", "busy_timeout_ms = 100\n");
    let mut holder = rusqlite::Connection::open(env.default_db()).unwrap();
    let tx = holder
        .transaction_with_behavior(rusqlite::TransactionBehavior::Exclusive)
        .unwrap();
    let err = env.fails(&[
        "person",
        "add",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
    ]);
    assert!(err.contains("the database is busy"), "{err}");
    assert!(err.contains("busy_timeout_ms"), "{err}");
    drop(tx);
}
