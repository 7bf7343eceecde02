use crate::Env;

#[test]
fn config_show_prints_defaults_and_paths_without_a_file() {
    let env = Env::new();
    let out = env.json(&["config", "show"]);
    assert_eq!(out["config_found"], false);
    assert_eq!(out["config_from"], "default");
    assert_eq!(out["database"], env.default_db().to_string_lossy().as_ref());
    assert_eq!(out["today"], crate::TODAY);
    assert_eq!(out["settings"]["timezone"], "Europe/Helsinki");
    assert_eq!(out["settings"]["journal_mode"], "wal");
    assert_eq!(out["settings"]["guidelines_version"], "1.0");
}

#[test]
fn config_is_read_from_flag_env_and_xdg_dir() {
    let env = Env::new();
    env.write(
        "config/amb/config.toml",
        "organisation = \"Vaasan kaupunki\"\n",
    );
    assert_eq!(
        env.json(&["config", "show"])["settings"]["organisation"],
        "Vaasan kaupunki"
    );

    let other = env.write("other.toml", "organisation = \"Other\"\n");
    let out = env
        .cmd(&["config", "show", "--format", "json"])
        .env("AMB_CONFIG", &other)
        .output()
        .unwrap();
    let out: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out["settings"]["organisation"], "Other");
    assert_eq!(out["config_from"], "environment");

    let flag = env.write("flag.toml", "organisation = \"Flag\"\n");
    let out = env.json(&["config", "show", "--config", &flag]);
    assert_eq!(out["settings"]["organisation"], "Flag");
}

#[test]
fn the_example_config_is_accepted() {
    let env = Env::new();
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/config.example.toml");
    let out = env.json(&["config", "show", "--config", example]);
    assert_eq!(out["config_found"], true);
}

#[test]
fn unknown_keys_and_bad_values_name_file_line_and_key() {
    let env = Env::new();
    let path = env.write(
        "bad.toml",
        "organisation = \"Vaasa\"\n\ntimezon = \"UTC\"\n",
    );
    let err = env.fails(&["config", "show", "--config", &path]);
    assert!(err.contains(&format!("{path} line 3")), "{err}");
    assert!(err.contains("timezon"), "{err}");

    let path = env.write("bad2.toml", "timezone = \"Europe/Vaasa\"\n");
    let err = env.fails(&["config", "show", "--config", &path]);
    assert!(
        err.contains("line 1") && err.contains("timezone") && err.contains("Europe/Vaasa"),
        "{err}"
    );

    let path = env.write("bad3.toml", "busy_timeout_ms = \"soon\"\n");
    let err = env.fails(&["config", "show", "--config", &path]);
    assert!(err.contains("busy_timeout_ms"), "{err}");

    let path = env.write("bad4.toml", "organisation = \n");
    let err = env.fails(&["config", "show", "--config", &path]);
    assert!(err.contains("line 1"), "{err}");
}

#[test]
fn a_config_named_explicitly_must_exist() {
    let env = Env::new();
    let err = env.fails(&["config", "show", "--config", "/nonexistent/amb.toml"]);
    assert!(err.contains("does not exist"), "{err}");
}

#[test]
fn guidelines_version_from_the_config_is_stored_with_consent() {
    let env = Env::with_program();
    env.write(
        "config/amb/config.toml",
        "guidelines_version = \"2022-09\"\n",
    );
    let out = env.json(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
    ]);
    assert_eq!(out["guidelines_version"], "2022-09");
    assert_eq!(out["consent_date"], crate::TODAY);
}

#[test]
fn the_configured_default_program_is_used() {
    let env = Env::with_program();
    env.ok(&[
        "program",
        "add",
        "Alumni",
        "--start",
        "2022-01-01",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    // Two programmes run on TODAY: without a default that is ambiguous.
    let err = env.fails(&[
        "enroll",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
    ]);
    assert!(err.contains("several programmes"), "{err}");
    env.write("config/amb/config.toml", "default_program = \"Alumni\"\n");
    let out = env.json(&[
        "enroll",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
    ]);
    assert_eq!(out["program"], "Alumni");
}
