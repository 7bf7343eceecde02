use crate::Env;

#[test]
fn usage_errors_exit_2_and_help_documents_exit_codes() {
    let env = Env::init();
    env.run(&["person", "frobnicate"]).code(2);
    env.run(&["enroll"]).code(2);
    env.run(&["--format", "xml", "person", "list"]).code(2);
    let help = env.ok(&["--help"]);
    assert!(
        help.contains("Exit codes:") && help.contains("2  the command line was wrong"),
        "{help}"
    );
    let help = env.ok(&["enroll", "--help"]);
    assert!(help.contains("Examples:"), "{help}");
}

#[test]
fn an_invalid_amb_today_is_refused() {
    let env = Env::init();
    let output = env
        .cmd(&["person", "list"])
        .env("AMB_TODAY", "31.2.2023")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("AMB_TODAY: \"31.2.2023\" is not a date"),
        "{stderr}"
    );
}

#[test]
fn finnish_and_iso_dates_are_both_accepted_and_impossible_ones_refused() {
    let env = Env::with_program();
    let out = env.json(&[
        "enroll",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
        "--date",
        "14.10.2022",
    ]);
    assert_eq!(out["enrolled_on"], "2022-10-14");
    let out = env.json(&[
        "enroll",
        "B",
        "--email",
        "b@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-10-15",
    ]);
    assert_eq!(out["enrolled_on"], "2022-10-15");
    let before = env.snapshot();
    for bad in ["31.2.2023", "2023-13-01", "14/10/2022", "yesterday"] {
        let err = env.fails(&[
            "enroll",
            "C",
            "--email",
            "c@vaasa.example",
            "--role",
            "employee",
            "--date",
            bad,
        ]);
        assert!(
            err.contains(&format!(
                "\"{bad}\" is not a date (use 2022-10-14 or 14.10.2022)"
            )),
            "{err}"
        );
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn strange_input_never_panics() {
    let env = Env::with_program();
    for args in [
        &["person", "show", ""][..],
        &["person", "show", "%"],
        &["person", "show", "_"],
        &["person", "show", "'; DROP TABLE person; --"],
        &["person", "show", "-1"],
        &["person", "show", "99999999999999999999999"],
        &["program", "show", ""],
        &["enroll", "\u{7f}\u{200b}"],
        &["audit", "--limit", "-5"],
    ] {
        let output = env.cmd(args).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(output.status.code().is_some_and(|c| c <= 2), "{args:?}");
    }
}

#[test]
fn two_writers_at_once_both_succeed() {
    let env = Env::with_program();
    let mut children = Vec::new();
    for i in 0..6 {
        let mut command = env.cmd(&[
            "enroll",
            &format!("Person {i}"),
            "--email",
            &format!("p{i}@vaasa.example"),
            "--role",
            "employee",
        ]);
        children.push(std::thread::spawn(move || {
            command.output().unwrap().status.success()
        }));
    }
    for child in children {
        assert!(child.join().unwrap());
    }
    assert_eq!(env.json(&["person", "list"]).as_array().unwrap().len(), 6);
}
