use crate::Env;

#[test]
fn enroll_creates_the_person_and_an_active_enrolment_with_consent() {
    let env = Env::with_program();
    let out = env.json(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
        "--unit",
        "Sivistystoimi",
        "--title",
        "Luokanopettaja",
        "--linkedin",
        "https://linkedin.com/in/aino",
        "--x",
        "@aino",
        "--instagram",
        "@aino.ig",
        "--date",
        "14.10.2022",
    ]);
    assert_eq!(out["status"], "active");
    assert_eq!(out["program"], "Vaasa 2022");
    assert_eq!(out["enrolled_on"], "2022-10-14");
    assert_eq!(out["consent_date"], "2022-10-14");
    assert_eq!(out["guidelines_version"], "1.0");
    let person = env.json(&["person", "show", "aino"]);
    assert_eq!(person["unit"], "Sivistystoimi");
    assert_eq!(person["instagram"], "@aino.ig");
}

#[test]
fn enroll_matches_an_existing_person_by_email_in_any_case() {
    let env = Env::with_program();
    env.ok(&[
        "person",
        "add",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&["enroll", "Aino M.", "--email", "AINO@VAASA.EXAMPLE"]);
    let people = env.json(&["person", "list"]);
    assert_eq!(people.as_array().unwrap().len(), 1);
    assert_eq!(people[0]["name"], "Aino Mäkelä");
    assert_eq!(
        env.json(&["person", "show", "1"])["enrolments"][0]["status"],
        "active"
    );
}

#[test]
fn enrolling_someone_already_active_is_an_error_not_a_duplicate() {
    let env = Env::with_program();
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-10-14",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["enroll", "aino@vaasa.example"]);
    assert!(
        err.contains("Aino Mäkelä is already active in Vaasa 2022 since 2022-10-14"),
        "{err}"
    );
    let err = env.fails(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
    ]);
    assert!(err.contains("already active"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn apply_records_an_applicant_and_enroll_activates_them() {
    let env = Env::with_program();
    let out = env.json(&[
        "apply",
        "Mikael Westerlund",
        "--email",
        "mikael@vaasa.example",
        "--role",
        "manager",
        "--motivation",
        "Johdon on näytettävä esimerkkiä.",
        "--date",
        "2022-10-05",
    ]);
    assert_eq!(out["status"], "applied");
    assert_eq!(out["applied_on"], "2022-10-05");
    assert_eq!(out["motivation"], "Johdon on näytettävä esimerkkiä.");
    assert_eq!(out["consent_date"], serde_json::Value::Null);
    let out = env.json(&["enroll", "westerlund", "--date", "2022-10-14"]);
    assert_eq!(out["status"], "active");
    assert_eq!(out["applied_on"], "2022-10-05");
    assert_eq!(out["enrolled_on"], "2022-10-14");
    assert_eq!(out["consent_date"], "2022-10-14");
    assert_eq!(out["motivation"], "Johdon on näytettävä esimerkkiä.");
}

#[test]
fn apply_twice_or_after_enrolment_is_refused() {
    let env = Env::with_program();
    env.ok(&[
        "apply",
        "Mikael Westerlund",
        "--email",
        "mikael@vaasa.example",
        "--role",
        "manager",
    ]);
    let err = env.fails(&["apply", "mikael@vaasa.example"]);
    assert!(err.contains("already applied"), "{err}");
    env.ok(&["enroll", "mikael@vaasa.example"]);
    let err = env.fails(&["apply", "mikael@vaasa.example"]);
    assert!(err.contains("already active"), "{err}");
}

#[test]
fn withdraw_ends_the_enrolment_with_date_and_reason() {
    let env = Env::with_program();
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-10-14",
    ]);
    let out = env.json(&[
        "withdraw",
        "aino",
        "--date",
        "1.3.2023",
        "--reason",
        "Moved to another city",
    ]);
    assert_eq!(out["status"], "withdrawn");
    assert_eq!(out["ended_on"], "2023-03-01");
    assert_eq!(out["withdraw_reason"], "Moved to another city");
    let err = env.fails(&["withdraw", "aino", "--program", "Vaasa 2022"]);
    assert!(err.contains("already withdrawn"), "{err}");
    let err = env.fails(&["enroll", "aino"]);
    assert!(err.contains("already withdrawn in Vaasa 2022"), "{err}");
}

#[test]
fn withdraw_refuses_a_date_before_enrolment_or_a_person_not_enrolled() {
    let env = Env::with_program();
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-10-14",
    ]);
    env.ok(&[
        "person",
        "add",
        "Bo Ek",
        "--email",
        "bo@vaasa.example",
        "--role",
        "manager",
    ]);
    let before = env.snapshot();
    let err = env.fails(&["withdraw", "aino", "--date", "2022-10-13"]);
    assert!(err.contains("cannot be earlier"), "{err}");
    let err = env.fails(&["withdraw", "bo@vaasa.example"]);
    assert!(err.contains("Bo Ek is not enrolled in Vaasa 2022"), "{err}");
    let err = env.fails(&["withdraw", "aino", "--date", "30.2.2023"]);
    assert!(err.contains("\"30.2.2023\" is not a date"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn enroll_refuses_a_date_after_the_programme_and_unknown_people() {
    let env = Env::with_program();
    let before = env.snapshot();
    let err = env.fails(&[
        "enroll",
        "Aino",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2023-10-01",
    ]);
    assert!(err.contains("ended on 2023-09-30"), "{err}");
    let err = env.fails(&["enroll", "Nobody Known"]);
    assert!(err.contains("no person matches \"Nobody Known\""), "{err}");
    let err = env.fails(&["enroll", "Aino", "--email", "aino@vaasa.example"]);
    assert!(err.contains("--role"), "{err}");
    let err = env.fails(&[
        "enroll",
        "Aino",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
        "--program",
        "Oulu",
    ]);
    assert!(err.contains("no programme matches \"Oulu\""), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_person_can_be_in_several_programmes() {
    let env = Env::with_program();
    env.ok(&[
        "program",
        "add",
        "Alumni",
        "--start",
        "2023-10-01",
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
        "--date",
        "2022-10-14",
    ]);
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
        "Alumni",
        "--date",
        "2023-10-01",
    ]);
    let enrolments = env.json(&["person", "show", "aino"])["enrolments"].clone();
    assert_eq!(enrolments[0]["status"], "completed");
    assert_eq!(enrolments[1]["program"], "Alumni");
    assert_eq!(enrolments[1]["status"], "active");
    // Withdrawing without --program picks the one programme she is still in.
    let out = env.json(&["withdraw", "aino", "--date", "2024-01-01"]);
    assert_eq!(out["program"], "Alumni");
}

#[test]
fn every_change_is_audited_without_personal_data() {
    let env = Env::with_program();
    env.ok(&[
        "enroll",
        "Aino Mäkelä",
        "--email",
        "aino@vaasa.example",
        "--role",
        "employee",
    ]);
    env.ok(&["withdraw", "aino"]);
    let audit = env.json(&["audit"]);
    let commands: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["command"].as_str().unwrap())
        .collect();
    assert_eq!(commands, ["init", "program add", "enroll", "withdraw"]);
    assert_eq!(audit[2]["counts"]["people_created"], 1);
    assert_eq!(audit[2]["counts"]["enrolled"], 1);
    let text = audit.to_string();
    assert!(
        !text.contains("Mäkelä") && !text.contains("aino@"),
        "{text}"
    );
    // Read-only commands leave no trace.
    env.ok(&["person", "list"]);
    assert_eq!(env.json(&["audit"]).as_array().unwrap().len(), 4);
}

#[test]
fn enrolment_dates_must_fall_within_the_programme() {
    let env = Env::with_program();
    let before = env.snapshot();
    let err = env.fails(&[
        "enroll",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-09-30",
    ]);
    assert!(
        err.contains("Vaasa 2022 starts on 2022-10-01; cannot enrol on 2022-09-30"),
        "{err}"
    );
    assert!(err.contains("amb apply"), "{err}");
    let err = env.fails(&[
        "apply",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2030-05-01",
    ]);
    assert!(
        err.contains("ended on 2023-09-30; cannot apply on 2030-05-01"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    // Applying before the start is how a programme fills up.
    env.ok(&[
        "apply",
        "A",
        "--email",
        "a@vaasa.example",
        "--role",
        "employee",
        "--date",
        "2022-09-15",
    ]);
    let err = env.fails(&["enroll", "a@vaasa.example", "--date", "2022-09-20"]);
    assert!(err.contains("cannot enrol on 2022-09-20"), "{err}");
}

#[test]
fn a_closed_programme_takes_nobody_new() {
    let env = Env::with_program();
    env.ok(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-03-01",
        "--yes",
    ]);
    let before = env.snapshot();
    let err = env.fails(&[
        "enroll",
        "Bo Ek",
        "--email",
        "bo@vaasa.example",
        "--role",
        "manager",
        "--program",
        "Vaasa 2022",
        "--date",
        "2023-02-01",
    ]);
    assert!(err.contains("Vaasa 2022 is closed"), "{err}");
    let err = env.fails(&[
        "apply",
        "Bo Ek",
        "--email",
        "bo@vaasa.example",
        "--role",
        "manager",
        "--program",
        "Vaasa 2022",
    ]);
    assert!(err.contains("Vaasa 2022 is closed"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_withdrawal_after_the_programme_ended_is_refused() {
    let env = Env::with_ambassadors();
    let err = env.fails(&["withdraw", "aino", "--date", "1.1.2099"]);
    assert!(err.contains("ended on 2023-09-30"), "{err}");
}
