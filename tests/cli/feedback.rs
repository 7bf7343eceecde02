use crate::Env;

#[test]
fn feedback_is_one_per_person_and_programme_and_replaced_only_with_yes() {
    let env = Env::with_ambassadors();
    let out = env.json(&[
        "feedback",
        "add",
        "aino",
        "--score",
        "4",
        "--comment",
        "Innostava ohjelma",
        "--date",
        "2023-09-12",
    ]);
    assert_eq!(out["score"], 4);
    assert_eq!(out["comment"], "Innostava ohjelma");
    assert_eq!(out["program"], "Vaasa 2022");
    assert_eq!(out["given_on"], "2023-09-12");
    let before = env.snapshot();
    let err = env.fails(&["feedback", "add", "aino", "--score", "5"]);
    assert!(
        err.contains("already gave feedback on Vaasa 2022 on 2023-09-12 (score 4)"),
        "{err}"
    );
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["feedback", "add", "aino", "--score", "5", "--yes"]);
    let list = env.json(&["feedback", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["score"], 5);
}

#[test]
fn feedback_refuses_scores_outside_1_to_5_and_non_participants() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "person",
        "add",
        "Outsider",
        "--email",
        "out@vaasa.example",
        "--role",
        "employee",
    ]);
    let before = env.snapshot();
    for score in ["0", "6"] {
        let err = env.fails(&["feedback", "add", "aino", "--score", score]);
        assert!(
            err.contains("not between 1 (poor) and 5 (excellent)"),
            "{err}"
        );
    }
    env.run(&["feedback", "add", "aino", "--score", "many"])
        .code(2);
    let err = env.fails(&["feedback", "add", "outsider", "--score", "3"]);
    assert!(
        err.contains("Outsider has not been an ambassador of Vaasa 2022"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn feedback_list_filters_by_programme() {
    let env = Env::with_ambassadors();
    env.ok(&["feedback", "add", "aino", "--score", "4"]);
    env.ok(&["feedback", "add", "mikael", "--score", "3"]);
    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-10-01",
        "--hashtag",
        "x",
    ]);
    assert_eq!(
        env.json(&["feedback", "list", "--program", "Vaasa 2022"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        env.json(&["feedback", "list", "--program", "Vaasa 2023"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let csv = env.ok(&["feedback", "list", "--format", "csv"]);
    assert!(
        csv.starts_with("id,person_id,person,program,score,comment,given_on\n"),
        "{csv}"
    );
}

#[test]
fn kpis_are_recorded_over_time() {
    let env = Env::with_program();
    env.ok(&[
        "kpi",
        "add",
        "interesting jobs",
        "3.4",
        "--date",
        "1.9.2022",
        "--note",
        "survey before",
    ]);
    env.ok(&[
        "kpi",
        "add",
        "interesting jobs",
        "3.8",
        "--date",
        "2023-09-01",
    ]);
    env.ok(&["kpi", "add", "applicants", "10400", "--date", "2022-09-30"]);
    let list = env.json(&["kpi", "list"]);
    let rows: Vec<(String, String, f64)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["name"].as_str().unwrap().to_string(),
                k["date"].as_str().unwrap().to_string(),
                k["value"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("applicants".to_string(), "2022-09-30".to_string(), 10400.0),
            (
                "interesting jobs".to_string(),
                "2022-09-01".to_string(),
                3.4
            ),
            (
                "interesting jobs".to_string(),
                "2023-09-01".to_string(),
                3.8
            ),
        ]
    );
    assert_eq!(list[1]["note"], "survey before");
    assert_eq!(list[1]["program"], "Vaasa 2022");
    assert_eq!(
        env.json(&["kpi", "list", "--name", "APPLICANTS"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let table = env.ok(&["kpi", "list"]);
    assert!(
        table.contains("10400") && !table.contains("10400.0"),
        "{table}"
    );
}

#[test]
fn kpi_add_refuses_bad_values() {
    let env = Env::with_program();
    let before = env.snapshot();
    let err = env.fails(&["kpi", "add", " ", "3"]);
    assert!(err.contains("KPI name is empty"), "{err}");
    let err = env.fails(&["kpi", "add", "x", "three"]);
    assert!(err.contains("<VALUE>: \"three\" is not a number"), "{err}");
    let err = env.fails(&["kpi", "add", "x", "inf"]);
    assert!(err.contains("not a number"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["kpi", "add", "net change", "-2.5"]);
}

#[test]
fn feedback_comes_from_ambassadors_after_they_joined() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "apply",
        "Hakija Heikki",
        "--email",
        "hh@vaasa.example",
        "--role",
        "employee",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["feedback", "add", "hh@vaasa.example", "--score", "5"]);
    assert!(
        err.contains("Hakija Heikki has not been an ambassador of Vaasa 2022"),
        "{err}"
    );
    let err = env.fails(&[
        "feedback",
        "add",
        "aino",
        "--score",
        "5",
        "--date",
        "2022-10-01",
    ]);
    assert!(
        err.contains("joined Vaasa 2022 on 2022-10-14; feedback cannot be dated 2022-10-01"),
        "{err}"
    );
    let err = env.fails(&[
        "feedback", "add", "aino", "--score", "5", "--date", "1.1.1900",
    ]);
    assert!(err.contains("cannot be dated"), "{err}");
    let err = env.fails(&[
        "feedback", "add", "aino", "--score", "5", "--date", "1.1.0001",
    ]);
    assert!(err.contains("is not a date"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn kpi_refusals_and_csv() {
    let env = Env::with_program();
    let before = env.snapshot();
    let err = env.fails(&["kpi", "add", "x", "NaN"]);
    assert!(err.contains("not a number"), "{err}");
    let err = env.fails(&["kpi", "add", "x", "1", "--program", "Oulu"]);
    assert!(err.contains("no programme matches \"Oulu\""), "{err}");
    let err = env.fails(&["kpi", "add", "x", "1", "--date", "9999-01-01"]);
    assert!(err.contains("is not a date"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["kpi", "add", "applicants", "10400", "--date", "2022-09-30"]);
    let csv = env.ok(&["kpi", "list", "--format", "csv"]);
    assert_eq!(
        csv,
        "id,name,date,value,program,note\n1,applicants,2022-09-30,10400,Vaasa 2022,\n"
    );
}
