use crate::Env;

fn add_people(env: &Env) {
    env.ok(&[
        "person",
        "add",
        "Aino Mäkelä",
        "--email",
        "Aino.Makela@Vaasa.example",
        "--role",
        "employee",
        "--unit",
        "Sivistystoimi",
        "--title",
        "Luokanopettaja",
        "--linkedin",
        "https://www.linkedin.com/in/aino",
        "--x",
        "@aino",
    ]);
    env.ok(&[
        "person",
        "add",
        "Tuomas Äijälä",
        "--email",
        "tuomas@vaasa.example",
        "--role",
        "johtaja",
        "--unit",
        "Konsernihallinto",
    ]);
    env.ok(&[
        "person",
        "add",
        "Aino Äijälä",
        "--email",
        "aino.aijala@vaasa.example",
        "--role",
        "manager",
        "--unit",
        "sivistystoimi",
    ]);
}

#[test]
fn person_add_stores_details_and_handles() {
    let env = Env::init();
    add_people(&env);
    let out = env.json(&["person", "show", "aino.makela@vaasa.example"]);
    assert_eq!(out["name"], "Aino Mäkelä");
    assert_eq!(out["email"], "Aino.Makela@Vaasa.example");
    assert_eq!(out["role"], "employee");
    assert_eq!(out["unit"], "Sivistystoimi");
    assert_eq!(out["title"], "Luokanopettaja");
    assert_eq!(out["linkedin"], "https://www.linkedin.com/in/aino");
    assert_eq!(out["x"], "@aino");
    assert_eq!(out["instagram"], serde_json::Value::Null);
    assert_eq!(out["enrolments"], serde_json::json!([]));
    // Finnish role names are accepted and stored in English.
    assert_eq!(
        env.json(&["person", "show", "tuomas@vaasa.example"])["role"],
        "manager"
    );
}

#[test]
fn person_add_refuses_a_duplicate_email_in_any_case() {
    let env = Env::init();
    add_people(&env);
    let before = env.snapshot();
    let err = env.fails(&[
        "person",
        "add",
        "Someone",
        "--email",
        "AINO.MAKELA@vaasa.example",
        "--role",
        "employee",
    ]);
    assert!(err.contains("already belongs to Aino Mäkelä"), "{err}");
    let err = env.fails(&[
        "person",
        "add",
        "Someone",
        "--email",
        "not-an-email",
        "--role",
        "employee",
    ]);
    assert!(err.contains("not an e-mail address"), "{err}");
    let err = env.fails(&[
        "person",
        "add",
        "Someone",
        "--email",
        "s@vaasa.example",
        "--role",
        "boss",
    ]);
    assert!(
        err.contains("\"boss\" is not a valid role (use employee, manager)"),
        "{err}"
    );
    let err = env.fails(&["person", "add", "Someone", "--role", "employee"]);
    assert!(err.contains("--email"), "{err}");
    let err = env.fails(&["person", "add", "Someone", "--email", "s@vaasa.example"]);
    assert!(err.contains("--role"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_person_is_found_by_id_email_or_unicode_part_of_the_name() {
    let env = Env::init();
    add_people(&env);
    assert_eq!(env.json(&["person", "show", "1"])["name"], "Aino Mäkelä");
    assert_eq!(
        env.json(&["person", "show", "TUOMAS@VAASA.EXAMPLE"])["name"],
        "Tuomas Äijälä"
    );
    assert_eq!(
        env.json(&["person", "show", "mäkelä"])["name"],
        "Aino Mäkelä"
    );
    assert_eq!(
        env.json(&["person", "show", "tuomas äijälä"])["name"],
        "Tuomas Äijälä"
    );
    // Decomposed ä (as macOS terminals send it) finds the composed name.
    assert_eq!(
        env.json(&["person", "show", "Tuomas A\u{308}ija\u{308}la\u{308}"])["name"],
        "Tuomas Äijälä"
    );
}

#[test]
fn an_ambiguous_or_unknown_person_is_an_error_listing_candidates() {
    let env = Env::init();
    add_people(&env);
    let err = env.fails(&["person", "show", "äijälä"]);
    assert!(err.contains("matches several people"), "{err}");
    assert!(
        err.contains("Tuomas Äijälä <tuomas@vaasa.example>") && err.contains("Aino Äijälä"),
        "{err}"
    );
    let err = env.fails(&["person", "show", "Virtanen"]);
    assert!(err.contains("no person matches \"Virtanen\""), "{err}");
    let err = env.fails(&["person", "show", "99"]);
    assert!(err.contains("no person matches \"99\""), "{err}");
    let err = env.fails(&["person", "show", "nobody@vaasa.example"]);
    assert!(err.contains("no person matches"), "{err}");
}

#[test]
fn an_exact_name_wins_over_a_longer_name_containing_it() {
    let env = Env::init();
    env.ok(&[
        "person",
        "add",
        "Anna Ek",
        "--email",
        "anna@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&[
        "person",
        "add",
        "Anna Ekström",
        "--email",
        "anna.e@vaasa.example",
        "--role",
        "employee",
    ]);
    assert_eq!(
        env.json(&["person", "show", "anna ek"])["email"],
        "anna@vaasa.example"
    );
}

#[test]
fn person_list_lists_everyone_unless_filtered() {
    let env = Env::with_program();
    add_people(&env);
    env.ok(&["enroll", "mäkelä"]);
    env.ok(&["apply", "tuomas@vaasa.example"]);
    let names = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["person", "list"];
        all.extend_from_slice(args);
        env.json(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names(&[]), ["Aino Mäkelä", "Aino Äijälä", "Tuomas Äijälä"]);
    assert_eq!(
        names(&["--role", "manager"]),
        ["Aino Äijälä", "Tuomas Äijälä"]
    );
    assert_eq!(
        names(&["--unit", "SIVISTYSTOIMI"]),
        ["Aino Mäkelä", "Aino Äijälä"]
    );
    assert_eq!(names(&["--status", "active"]), ["Aino Mäkelä"]);
    assert_eq!(names(&["--status", "applied"]), ["Tuomas Äijälä"]);
    assert_eq!(
        names(&["--program", "Vaasa 2022"]),
        ["Aino Mäkelä", "Tuomas Äijälä"]
    );
    assert_eq!(
        names(&["--program", "Vaasa 2022", "--role", "employee"]),
        ["Aino Mäkelä"]
    );
    let err = env.fails(&["person", "list", "--status", "sleeping"]);
    assert!(err.contains("not a valid enrolment status"), "{err}");
}

#[test]
fn person_edit_changes_and_clears_fields() {
    let env = Env::init();
    add_people(&env);
    let out = env.json(&[
        "person",
        "edit",
        "mäkelä",
        "--title",
        "Rehtori",
        "--x",
        "",
        "--role",
        "manager",
        "--instagram",
        "@aino.ig",
    ]);
    assert_eq!(out["title"], "Rehtori");
    assert_eq!(out["x"], serde_json::Value::Null);
    assert_eq!(out["role"], "manager");
    assert_eq!(out["instagram"], "@aino.ig");
    assert_eq!(out["linkedin"], "https://www.linkedin.com/in/aino");
    let out = env.json(&[
        "person",
        "edit",
        "1",
        "--name",
        "Aino Mäkelä-Ek",
        "--email",
        "aino.ek@vaasa.example",
    ]);
    assert_eq!(out["name"], "Aino Mäkelä-Ek");
    assert_eq!(
        env.json(&["person", "show", "aino.ek@vaasa.example"])["id"],
        1
    );
}

#[test]
fn person_edit_refuses_a_taken_email_or_empty_name() {
    let env = Env::init();
    add_people(&env);
    let before = env.snapshot();
    let err = env.fails(&["person", "edit", "1", "--email", "tuomas@vaasa.example"]);
    assert!(err.contains("already belongs to Tuomas Äijälä"), "{err}");
    let err = env.fails(&["person", "edit", "1", "--name", " "]);
    assert!(err.contains("name cannot be empty"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn person_show_lists_enrolments() {
    let env = Env::with_program();
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
        "--date",
        "14.10.2022",
    ]);
    let out = env.json(&["person", "show", "aino"]);
    let enrolment = &out["enrolments"][0];
    assert_eq!(enrolment["program"], "Vaasa 2022");
    assert_eq!(enrolment["status"], "active");
    assert_eq!(enrolment["enrolled_on"], "2022-10-14");
    let table = env.ok(&["person", "show", "aino"]);
    assert!(
        table.contains("enrolments") && table.contains("Vaasa 2022"),
        "{table}"
    );
}

#[test]
fn names_match_with_accents_folded_when_nothing_matches_as_typed() {
    let env = Env::init();
    for (name, email) in [
        ("Tuomas Äijälä", "tuomas@vaasa.example"),
        ("Åsa Öst", "asa@vaasa.example"),
    ] {
        env.ok(&[
            "person", "add", name, "--email", email, "--role", "employee",
        ]);
    }
    assert_eq!(
        env.json(&["person", "show", "aijala"])["name"],
        "Tuomas Äijälä"
    );
    assert_eq!(env.json(&["person", "show", "asa ost"])["name"], "Åsa Öst");
    // An exact spelling still wins over the folded one.
    env.ok(&[
        "person",
        "add",
        "Pekka Aijala",
        "--email",
        "pekka@vaasa.example",
        "--role",
        "manager",
    ]);
    assert_eq!(
        env.json(&["person", "show", "aijala"])["name"],
        "Pekka Aijala"
    );
    assert_eq!(
        env.json(&["person", "show", "äijälä"])["name"],
        "Tuomas Äijälä"
    );
    // Folded, two people match: refused, naming both.
    env.ok(&[
        "person",
        "add",
        "Liisa Äijälä-Berg",
        "--email",
        "liisa@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&[
        "person",
        "edit",
        "pekka@vaasa.example",
        "--name",
        "Pekka Áijàla",
    ]);
    let err = env.fails(&["person", "show", "aijala"]);
    assert!(err.contains("matches several people"), "{err}");
    assert!(
        err.contains("Tuomas Äijälä") && err.contains("Pekka Áijàla"),
        "{err}"
    );
}
