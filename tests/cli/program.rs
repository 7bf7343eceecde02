use crate::Env;

#[test]
fn program_add_stores_dates_hashtags_and_aliases() {
    let env = Env::with_program();
    let out = env.json(&["program", "show", "Vaasa 2022"]);
    assert_eq!(out["name"], "Vaasa 2022");
    assert_eq!(out["start_date"], "2022-10-01");
    assert_eq!(out["end_date"], "2023-09-30");
    assert_eq!(out["status"], "open");
    assert_eq!(
        out["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijät"])
    );
    assert_eq!(
        out["aliases"],
        serde_json::json!(["#OnnellisenArjenTekijat"])
    );
    assert!(out["id"].is_i64());
}

#[test]
fn an_open_ended_programme_has_no_end() {
    let env = Env::init();
    let out = env.json(&[
        "program",
        "add",
        "Alumni",
        "--start",
        "2023-10-01",
        "--hashtag",
        "#OnnellisenArjenTekijät",
        "--hashtag",
        "Vaasa",
    ]);
    assert_eq!(out["end_date"], serde_json::Value::Null);
    assert_eq!(
        out["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijät", "#Vaasa"])
    );
}

#[test]
fn bad_programmes_are_refused_and_nothing_is_written() {
    let env = Env::with_program();
    let before = env.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "program",
                "add",
                "X",
                "--start",
                "2023-01-01",
                "--end",
                "2022-12-31",
                "--hashtag",
                "x",
            ],
            "before the start date",
        ),
        (
            &[
                "program",
                "add",
                "X",
                "--start",
                "2023-01-01",
                "--hashtag",
                "",
            ],
            "is empty",
        ),
        (
            &[
                "program",
                "add",
                "X",
                "--start",
                "2023-01-01",
                "--hashtag",
                "#",
            ],
            "is empty",
        ),
        (
            &[
                "program",
                "add",
                "X",
                "--start",
                "2023-01-01",
                "--hashtag",
                "Onnellisen Arjen",
            ],
            "contains a space",
        ),
        (
            &[
                "program",
                "add",
                "X",
                "--start",
                "31.2.2023",
                "--hashtag",
                "x",
            ],
            "\"31.2.2023\" is not a date",
        ),
        (
            &[
                "program",
                "add",
                "vaasa 2022",
                "--start",
                "2023-01-01",
                "--hashtag",
                "x",
            ],
            "already exists",
        ),
        (
            &[
                "program",
                "add",
                " ",
                "--start",
                "2023-01-01",
                "--hashtag",
                "x",
            ],
            "name is empty",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_programme_needs_a_hashtag() {
    let env = Env::init();
    env.run(&["program", "add", "X", "--start", "2023-01-01"])
        .code(2);
}

#[test]
fn program_list_shows_every_programme_with_enrolment_counts() {
    let env = Env::with_program();
    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-10-01",
        "--end",
        "2024-09-30",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
    ]);
    let list = env.json(&["program", "list"]);
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Vaasa 2022", "Vaasa 2023"]);
    assert_eq!(list[0]["active"], 1);
    assert_eq!(list[1]["active"], 0);
    let table = env.ok(&["program", "list"]);
    assert!(
        table.contains("Vaasa 2023") && table.contains("#OnnellisenArjenTekijät"),
        "{table}"
    );
}

#[test]
fn a_programme_is_named_by_id_or_an_unambiguous_part_of_its_name() {
    let env = Env::with_program();
    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-10-01",
        "--hashtag",
        "x",
    ]);
    assert_eq!(env.json(&["program", "show", "1"])["name"], "Vaasa 2022");
    assert_eq!(env.json(&["program", "show", "2023"])["name"], "Vaasa 2023");
    let err = env.fails(&["program", "show", "vaasa"]);
    assert!(err.contains("matches several programmes"), "{err}");
    let err = env.fails(&["program", "show", "Oulu"]);
    assert!(err.contains("no programme matches \"Oulu\""), "{err}");
    assert!(
        err.contains("Vaasa 2022"),
        "the error lists the programmes: {err}"
    );
}

#[test]
fn program_edit_changes_dates_and_hashtags() {
    let env = Env::with_program();
    let out = env.json(&[
        "program",
        "edit",
        "Vaasa 2022",
        "--name",
        "Vaasa 2022–23",
        "--end",
        "31.10.2023",
        "--add-hashtag",
        "VaasaTyönantajana",
        "--remove-hashtag",
        "OnnellisenArjenTekijat",
    ]);
    assert_eq!(out["name"], "Vaasa 2022–23");
    assert_eq!(out["end_date"], "2023-10-31");
    assert_eq!(
        out["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijät", "#VaasaTyönantajana"])
    );
    assert_eq!(out["aliases"], serde_json::json!([]));
    let out = env.json(&["program", "edit", "1", "--open-ended"]);
    assert_eq!(out["end_date"], serde_json::Value::Null);
}

#[test]
fn program_edit_refuses_what_add_refuses() {
    let env = Env::with_program();
    let before = env.snapshot();
    let err = env.fails(&["program", "edit", "1", "--end", "2022-01-01"]);
    assert!(err.contains("before the start date"), "{err}");
    let err = env.fails(&["program", "edit", "1", "--remove-hashtag", "Nope"]);
    assert!(err.contains("has no hashtag #Nope"), "{err}");
    let err = env.fails(&[
        "program",
        "edit",
        "1",
        "--remove-hashtag",
        "OnnellisenArjenTekijät",
    ]);
    assert!(err.contains("at least one hashtag"), "{err}");
    let err = env.fails(&["program", "edit", "1", "--add-hashtag", "a b"]);
    assert!(err.contains("contains a space"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn program_close_completes_active_enrolments_only() {
    let env = Env::with_program();
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&[
        "enroll",
        "Bo Ek",
        "--email",
        "bo@vaasa.example",
        "--role",
        "manager",
    ]);
    env.ok(&[
        "apply",
        "Cia Lind",
        "--email",
        "cia@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&["withdraw", "Bo Ek", "--date", "2022-12-01"]);
    let out = env.json(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-09-30",
        "--yes",
    ]);
    assert_eq!(out["status"], "closed");
    assert_eq!(out["completed"], 1);
    assert_eq!(out["withdrawn"], 1);
    assert_eq!(out["applied"], 1);
    let aino = env.json(&["person", "show", "aino@vaasa.example"]);
    assert_eq!(aino["enrolments"][0]["status"], "completed");
    assert_eq!(aino["enrolments"][0]["ended_on"], "2023-09-30");
    let err = env.fails(&["program", "close", "Vaasa 2022", "--yes"]);
    assert!(err.contains("already closed"), "{err}");
}

#[test]
fn program_close_asks_for_confirmation_when_not_on_a_terminal() {
    let env = Env::with_program();
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["program", "close", "Vaasa 2022"]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_current_programme_is_the_one_containing_today_else_an_error_listing_them() {
    let env = Env::with_program();
    // TODAY is within Vaasa 2022.
    let out = env.json(&[
        "enroll",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
    ]);
    assert_eq!(out["program"], "Vaasa 2022");
    // With one programme in the file, it is the current one; with two, today decides.
    env.ok(&[
        "program",
        "add",
        "Vaasa 2021",
        "--start",
        "2021-01-01",
        "--end",
        "2021-12-31",
        "--hashtag",
        "Vaasa21",
    ]);
    let err = env
        .cmd(&[
            "enroll",
            "B",
            "--email",
            "b@vaasa.example",
            "--role",
            "employee",
        ])
        .env("AMB_TODAY", "2024-05-05")
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let err = String::from_utf8(err).unwrap();
    assert!(
        err.contains("no programme runs today (2024-05-05)"),
        "{err}"
    );
    assert!(
        err.contains("Vaasa 2022 (2022-10-01 – 2023-09-30)")
            && err.contains("hint: pass --program NAME"),
        "{err}"
    );
    let out = env.json(&[
        "enroll",
        "B",
        "--email",
        "b@vaasa.example",
        "--role",
        "employee",
        "--program",
        "Vaasa 2022",
    ]);
    assert_eq!(out["program"], "Vaasa 2022");
}

#[test]
fn with_no_programmes_the_error_says_how_to_add_one() {
    let env = Env::init();
    let err = env.fails(&[
        "enroll",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
    ]);
    assert!(err.contains("amb program add"), "{err}");
}

#[test]
fn programme_names_and_hashtags_are_unique_beyond_ascii_case() {
    let env = Env::init();
    env.ok(&[
        "program",
        "add",
        "Vääsä",
        "--start",
        "2023-01-01",
        "--hashtag",
        "Önnellinen",
        "--hashtag",
        "önnellinen",
        "--alias",
        "ÖNNELLINEN",
        "--alias",
        "Onnellinen",
    ]);
    let out = env.json(&["program", "show", "vääsä"]);
    assert_eq!(out["hashtags"], serde_json::json!(["#Önnellinen"]));
    assert_eq!(out["aliases"], serde_json::json!(["#Onnellinen"]));
    let err = env.fails(&[
        "program",
        "add",
        "VÄÄSÄ",
        "--start",
        "2023-01-01",
        "--hashtag",
        "x",
    ]);
    assert!(
        err.contains("a programme named \"Vääsä\" already exists"),
        "{err}"
    );
}

#[test]
fn program_edit_cannot_move_dates_past_what_the_programme_holds() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    env.ok(&["activity", "add", "aino", "talk", "--date", "2023-05-02"]);
    let before = env.snapshot();
    let err = env.fails(&["program", "edit", "Vaasa 2022", "--end", "2023-05-01"]);
    assert!(
        err.contains("until 2023-05-02; the end cannot move before them"),
        "{err}"
    );
    let err = env.fails(&["program", "edit", "Vaasa 2022", "--start", "2022-10-15"]);
    assert!(
        err.contains("from 2022-10-14; the start cannot move past them"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    env.ok(&[
        "program",
        "edit",
        "Vaasa 2022",
        "--end",
        "2023-05-02",
        "--start",
        "2022-10-14",
    ]);
    env.ok(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-05-02",
        "--yes",
    ]);
    let err = env.fails(&["program", "edit", "Vaasa 2022", "--open-ended"]);
    assert!(
        err.contains("is closed; its end date stays 2023-05-02"),
        "{err}"
    );
}

#[test]
fn program_close_refuses_a_date_after_the_end() {
    let env = Env::with_program();
    let err = env.fails(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-10-01",
        "--yes",
    ]);
    assert!(err.contains("after Vaasa 2022 ends (2023-09-30)"), "{err}");
}
