use crate::Env;

fn with_stock(count: &str) -> Env {
    let env = Env::with_ambassadors();
    env.ok(&["swag", "stock", "add", "Vaasa-paketti", count]);
    env
}

#[test]
fn stock_add_creates_and_tops_up_package_kinds() {
    let env = with_stock("2");
    let out = env.json(&["swag", "stock", "add", "vaasa-paketti", "3"]);
    assert_eq!(out["name"], "Vaasa-paketti");
    assert_eq!(out["stock"], 5);
    let list = env.json(&["swag", "stock", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    let err = env.fails(&["swag", "stock", "add", "Vaasa-paketti", "0"]);
    assert!(err.contains("at least one"), "{err}");
    env.run(&["swag", "stock", "add", "Vaasa-paketti", "-1"])
        .code(2);
}

#[test]
fn deliver_takes_one_from_stock_and_pending_shrinks() {
    let env = with_stock("5");
    let pending = env.json(&["swag", "pending"]);
    assert_eq!(pending.as_array().unwrap().len(), 3);
    let out = env.json(&[
        "swag",
        "deliver",
        "aino",
        "--date",
        "4.11.2022",
        "--note",
        "at the front desk",
    ]);
    assert_eq!(out["person"], "Aino Mäkelä");
    assert_eq!(out["status"], "delivered");
    assert_eq!(out["delivered_on"], "2022-11-04");
    assert_eq!(out["note"], "at the front desk");
    assert_eq!(out["program"], "Vaasa 2022");
    assert_eq!(env.json(&["swag", "stock", "list"])[0]["stock"], 4);
    let pending: Vec<String> = env
        .json(&["swag", "pending"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(pending, ["Mikael Westerlund", "Sofia Ahlberg"]);
    assert_eq!(env.json(&["swag", "list"]).as_array().unwrap().len(), 1);
    assert_eq!(
        env.json(&["swag", "list", "--person", "mikael"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

#[test]
fn a_second_delivery_needs_again() {
    let env = with_stock("5");
    env.ok(&["swag", "deliver", "aino"]);
    let before = env.snapshot();
    let err = env.fails(&["swag", "deliver", "aino"]);
    assert!(
        err.contains("Aino Mäkelä already has a Vaasa-paketti from Vaasa 2022 (delivery 1"),
        "{err}"
    );
    assert!(err.contains("--again"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["swag", "deliver", "aino", "--again"]);
    assert_eq!(env.json(&["swag", "stock", "list"])[0]["stock"], 3);
}

#[test]
fn delivering_with_no_stock_left_is_refused_with_the_stock_figure() {
    let env = with_stock("1");
    env.ok(&["swag", "deliver", "aino"]);
    let before = env.snapshot();
    let err = env.fails(&["swag", "deliver", "mikael"]);
    assert!(
        err.contains("no Vaasa-paketti left in stock (stock 0, 1 delivered)"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn return_puts_the_package_back_and_allows_a_new_delivery() {
    let env = with_stock("1");
    env.ok(&["swag", "deliver", "aino", "--date", "2022-11-04"]);
    let out = env.json(&["swag", "return", "1", "--date", "2022-11-20"]);
    assert_eq!(out["status"], "returned");
    assert_eq!(out["returned_on"], "2022-11-20");
    assert_eq!(env.json(&["swag", "stock", "list"])[0]["stock"], 1);
    assert_eq!(env.json(&["swag", "pending"]).as_array().unwrap().len(), 3);
    let err = env.fails(&["swag", "return", "1"]);
    assert!(err.contains("already returned on 2022-11-20"), "{err}");
    let err = env.fails(&["swag", "return", "99"]);
    assert!(err.contains("there is no delivery 99"), "{err}");
    env.ok(&["swag", "deliver", "mikael"]);
}

#[test]
fn return_cannot_precede_delivery() {
    let env = with_stock("1");
    env.ok(&["swag", "deliver", "aino", "--date", "2022-11-04"]);
    let err = env.fails(&["swag", "return", "1", "--date", "2022-11-01"]);
    assert!(err.contains("cannot come back on 2022-11-01"), "{err}");
}

#[test]
fn the_package_kind_must_be_chosen_when_there_are_several() {
    let env = Env::with_ambassadors();
    let err = env.fails(&["swag", "deliver", "aino"]);
    assert!(err.contains("no swag packages yet"), "{err}");
    env.ok(&["swag", "stock", "add", "Vaasa-paketti", "2"]);
    env.ok(&["swag", "stock", "add", "Manager kit", "2"]);
    let err = env.fails(&["swag", "deliver", "aino"]);
    assert!(
        err.contains("several package kinds") && err.contains("--package"),
        "{err}"
    );
    let err = env.fails(&["swag", "deliver", "aino", "--package", "Mug"]);
    assert!(err.contains("no package kind \"Mug\""), "{err}");
    let out = env.json(&["swag", "deliver", "mikael", "--package", "manager KIT"]);
    assert_eq!(out["package"], "Manager kit");
}

#[test]
fn pending_shows_only_active_ambassadors() {
    let env = with_stock("5");
    env.ok(&["withdraw", "sofia", "--date", "2022-12-01"]);
    env.ok(&[
        "apply",
        "Ann Applicant",
        "--email",
        "ann@vaasa.example",
        "--role",
        "employee",
    ]);
    let pending: Vec<String> = env
        .json(&["swag", "pending"])
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(pending, ["Aino Mäkelä", "Mikael Westerlund"]);
}

#[test]
fn a_package_is_for_the_programme_the_person_is_enrolled_in_on_the_day() {
    let env = with_stock("5");
    env.ok(&[
        "person",
        "add",
        "Olli Outsider",
        "--email",
        "olli@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-10-01",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["swag", "deliver", "olli"]);
    assert!(
        err.contains("Olli Outsider was not enrolled in any programme on 2022-11-15"),
        "{err}"
    );
    let err = env.fails(&["swag", "deliver", "aino", "--date", "2022-10-01"]);
    assert!(
        err.contains("not enrolled in any programme on 2022-10-01"),
        "{err}"
    );
    let err = env.fails(&["swag", "deliver", "aino", "--program", "Vaasa 2023"]);
    assert!(
        err.contains("was not an ambassador of Vaasa 2023 on 2022-11-15"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);

    env.ok(&["swag", "deliver", "aino", "--date", "2022-11-04"]);
    env.ok(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-09-30",
        "--yes",
    ]);
    env.ok(&[
        "enroll",
        "aino",
        "--program",
        "Vaasa 2023",
        "--date",
        "2023-10-01",
    ]);
    // A new programme year: she got her package in 2022 and is owed none by default…
    let pending = env.json(&["swag", "pending", "--program", "Vaasa 2023"]);
    assert_eq!(pending, serde_json::json!([]));
    // …unless each cohort gets its own.
    env.write("config/amb/config.toml", "swag_each_cohort = true\n");
    let pending = env.json(&["swag", "pending", "--program", "Vaasa 2023"]);
    assert_eq!(pending[0]["name"], "Aino Mäkelä");
    let out = env.json(&["swag", "deliver", "aino", "--date", "2023-10-05"]);
    assert_eq!(out["program"], "Vaasa 2023");
}

#[test]
fn deliver_and_stock_refusals() {
    let env = with_stock("5");
    let before = env.snapshot();
    let err = env.fails(&["swag", "deliver", "Nobody"]);
    assert!(err.contains("no person matches \"Nobody\""), "{err}");
    let err = env.fails(&["swag", "deliver", "aino", "--date", "31.11.2022"]);
    assert!(err.contains("is not a date"), "{err}");
    let err = env.fails(&["swag", "deliver", "aino", "--program", "Oulu"]);
    assert!(err.contains("no programme matches \"Oulu\""), "{err}");
    let err = env.fails(&["swag", "stock", "add", " ", "3"]);
    assert!(err.contains("package name is empty"), "{err}");
    assert_eq!(env.snapshot(), before);
    // Package kinds are one whatever the case, beyond ASCII too.
    env.ok(&["swag", "stock", "add", "Ä-paketti", "1"]);
    let out = env.json(&["swag", "stock", "add", "ä-PAKETTI", "1"]);
    assert_eq!(out["name"], "Ä-paketti");
    assert_eq!(out["stock"], 2);
}

#[test]
fn swag_listings_in_csv() {
    let env = with_stock("5");
    env.ok(&["swag", "deliver", "aino"]);
    let stock = env.ok(&["swag", "stock", "list", "--format", "csv"]);
    assert_eq!(stock, "id,name,stock,delivered\n1,Vaasa-paketti,4,1\n");
    let list = env.ok(&["swag", "list", "--format", "csv"]);
    assert!(list.starts_with("id,person_id,person,package,program,status,delivered_on,returned_on,note\n1,1,Aino Mäkelä,Vaasa-paketti,Vaasa 2022,delivered,2022-11-15,,\n"), "{list}");
    let pending = env.ok(&["swag", "pending", "--format", "csv"]);
    assert_eq!(pending.lines().count(), 3, "{pending}");
}
