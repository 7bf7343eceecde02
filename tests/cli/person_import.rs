use crate::{Env, fixture};

fn import(env: &Env, file: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["person", "import", file];
    args.extend_from_slice(extra);
    env.json(&args)
}

#[test]
fn imports_a_finnish_intranet_export_as_applicants() {
    let env = Env::with_program();
    let out = import(
        &env,
        &fixture("people/intranet-form-fi.csv"),
        &["--date", "15.9.2022"],
    );
    assert_eq!(out["ignored_columns"], serde_json::json!(["Aikaleima"]));
    assert_eq!(out["rows"], 3);
    assert_eq!(out["people_created"], 3);
    assert_eq!(out["applied"], 3);
    assert_eq!(out["program"], "Vaasa 2022");
    let aino = env.json(&["person", "show", "aino.makela@vaasa.example"]);
    assert_eq!(aino["name"], "Aino Mäkelä");
    assert_eq!(aino["role"], "employee");
    assert_eq!(aino["unit"], "Sivistystoimi");
    assert_eq!(aino["linkedin"], "https://www.linkedin.com/in/aino");
    assert_eq!(aino["enrolments"][0]["status"], "applied");
    assert_eq!(aino["enrolments"][0]["applied_on"], "2022-09-15");
    assert_eq!(
        aino["enrolments"][0]["motivation"],
        "Haluan näyttää koulun arkea.\nJa myös; puolipisteitä, \"lainauksia\" ja pilkkuja, kuten tämä."
    );
    assert_eq!(env.json(&["person", "show", "virtanen"])["role"], "manager");
    assert_eq!(
        env.json(&["person", "show", "westerlund"])["unit"],
        "Kaupunkiympäristö"
    );
}

#[test]
fn unknown_columns_are_named_on_stderr() {
    let env = Env::with_program();
    let output = env
        .cmd(&["person", "import", &fixture("people/intranet-form-fi.csv")])
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("ignored the columns Aikaleima"), "{stderr}");
}

#[test]
fn with_enroll_people_become_active_and_applicants_are_activated() {
    let env = Env::with_program();
    import(
        &env,
        &fixture("people/intranet-form-fi.csv"),
        &["--date", "2022-10-01"],
    );
    let out = import(
        &env,
        &fixture("people/intranet-form-fi.csv"),
        &["--enroll", "--date", "2022-10-14"],
    );
    assert_eq!(out["people_matched"], 3);
    assert_eq!(out["people_created"], 0);
    assert_eq!(out["activated"], 3);
    let out = import(&env, &fixture("people/applications-en.csv"), &["--enroll"]);
    assert_eq!(out["enrolled"], 2);
    let active = env.json(&["person", "list", "--status", "active"]);
    assert_eq!(active.as_array().unwrap().len(), 5);
    let johan = env.json(&["person", "show", "lindqvist"]);
    assert_eq!(johan["instagram"], "@johanl");
    assert_eq!(johan["enrolments"][0]["consent_date"], crate::TODAY);
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let env = Env::with_program();
    import(&env, &fixture("people/intranet-form-fi.csv"), &["--enroll"]);
    let people_and_enrolments = || {
        env.snapshot()
            .lines()
            .filter(|l| !l.starts_with("audit:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let before = people_and_enrolments();
    let out = import(&env, &fixture("people/intranet-form-fi.csv"), &["--enroll"]);
    assert_eq!(out["people_matched"], 3);
    assert_eq!(out["unchanged"], 3);
    assert_eq!(out["people_updated"], 0);
    assert_eq!(people_and_enrolments(), before);
}

#[test]
fn a_status_never_moves_backwards() {
    let env = Env::with_program();
    import(
        &env,
        &fixture("people/intranet-form-fi.csv"),
        &["--enroll", "--date", "2022-10-14"],
    );
    env.ok(&["withdraw", "westerlund", "--date", "2022-11-01"]);
    let out = import(&env, &fixture("people/intranet-form-fi.csv"), &[]);
    assert_eq!(out["unchanged"], 3);
    assert_eq!(out["applied"], 0);
    assert_eq!(
        env.json(&["person", "show", "westerlund"])["enrolments"][0]["status"],
        "withdrawn"
    );
    assert_eq!(
        env.json(&["person", "show", "mäkelä"])["enrolments"][0]["status"],
        "active"
    );
}

#[test]
fn a_matched_person_keeps_their_details_and_only_blanks_are_filled() {
    let env = Env::with_program();
    env.ok(&[
        "person",
        "add",
        "Aino M",
        "--email",
        "AINO.MAKELA@VAASA.EXAMPLE",
        "--role",
        "manager",
        "--unit",
        "Oma yksikkö",
    ]);
    let out = import(&env, &fixture("people/intranet-form-fi.csv"), &[]);
    assert_eq!(out["people_matched"], 1);
    assert_eq!(out["people_updated"], 1);
    let aino = env.json(&["person", "show", "aino.makela@vaasa.example"]);
    assert_eq!(aino["name"], "Aino M");
    assert_eq!(aino["unit"], "Oma yksikkö");
    assert_eq!(aino["role"], "manager");
    assert_eq!(aino["title"], "Luokanopettaja");
    assert_eq!(env.json(&["person", "list"]).as_array().unwrap().len(), 3);
}

#[test]
fn every_bad_row_is_reported_with_its_line_and_nothing_is_imported() {
    let env = Env::with_program();
    let before = env.snapshot();
    let file = fixture("people/bad-rows.csv");
    let err = env.fails(&["person", "import", &file]);
    assert!(err.contains("5 bad rows; nothing was imported"), "{err}");
    assert!(
        err.contains("line 3: \"bo.ek(at)vaasa.example\" is not an e-mail address"),
        "{err}"
    );
    assert!(
        err.contains("line 4: \"pomo\" is not a valid role"),
        "{err}"
    );
    assert!(err.contains("line 5: the name is empty"), "{err}");
    assert!(
        err.contains("line 6: the e-mail AINO.MAKELA@vaasa.example is also on line 2"),
        "{err}"
    );
    assert!(err.contains("line 7: the role is empty"), "{err}");
    assert!(
        err.contains("bad-rows.csv line 3"),
        "the file is named: {err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_file_without_required_columns_or_not_utf8_is_refused() {
    let env = Env::with_program();
    let before = env.snapshot();
    let file = env.write("no-email.csv", "Nimi;Rooli\nAino;työntekijä\n");
    let err = env.fails(&["person", "import", &file]);
    assert!(err.contains("no Email or Sähköposti column"), "{err}");
    let file = env.write(
        "latin1.csv",
        b"Nimi;S\xe4hk\xf6posti;Rooli\nAino;a@vaasa.example;employee\n",
    );
    let err = env.fails(&["person", "import", &file]);
    assert!(err.contains("not UTF-8"), "{err}");
    let file = env.write("empty.csv", "");
    let err = env.fails(&["person", "import", &file]);
    assert!(err.contains("empty"), "{err}");
    let err = env.fails(&["person", "import", "/nonexistent/people.csv"]);
    assert!(err.contains("cannot open /nonexistent/people.csv"), "{err}");
    let file = env.write(
        "broken.csv",
        "Name,Email,Role\n\"Aino,a@vaasa.example,employee\n",
    );
    let err = env.fails(&["person", "import", &file]);
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn import_into_a_named_programme() {
    let env = Env::with_program();
    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-10-01",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    let out = import(
        &env,
        &fixture("people/applications-en.csv"),
        &["--program", "Vaasa 2023"],
    );
    assert_eq!(out["program"], "Vaasa 2023");
    let listed = env.json(&[
        "person",
        "list",
        "--program",
        "Vaasa 2023",
        "--status",
        "applied",
    ]);
    assert_eq!(listed.as_array().unwrap().len(), 2);
}

#[test]
fn an_applicant_cannot_be_enrolled_before_applying_nor_a_closed_programme_joined() {
    let env = Env::with_program();
    import(
        &env,
        &fixture("people/applications-en.csv"),
        &["--date", "2022-11-01"],
    );
    let before = env.snapshot();
    let err = env.fails(&[
        "person",
        "import",
        &fixture("people/applications-en.csv"),
        "--enroll",
        "--date",
        "2022-10-20",
    ]);
    assert!(err.contains("line 2: johan.lindqvist@vaasa.example applied on 2022-11-01; the enrolment date 2022-10-20 cannot be earlier"), "{err}");
    assert!(
        err.contains("line 3: helena.bjorkqvist@vaasa.example applied on 2022-11-01"),
        "{err}"
    );
    let err = env.fails(&[
        "person",
        "import",
        &fixture("people/applications-en.csv"),
        "--enroll",
        "--date",
        "2022-09-30",
    ]);
    assert!(
        err.contains("starts on 2022-10-01; cannot enrol on 2022-09-30"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    env.ok(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-09-30",
        "--yes",
    ]);
    let err = env.fails(&[
        "person",
        "import",
        &fixture("people/intranet-form-fi.csv"),
        "--program",
        "Vaasa 2022",
    ]);
    assert!(err.contains("Vaasa 2022 is closed"), "{err}");
}

#[test]
fn a_form_with_both_yksikko_and_toimiala_uses_yksikko() {
    let env = Env::with_program();
    let file = env.write(
        "form.csv",
        "Nimi;Sähköposti;Rooli;Toimiala;Yksikkö\nAino Mäkelä;aino@vaasa.example;Esihenkilö/johtaja;Sivistystoimi;Varhaiskasvatus\n",
    );
    let out = import(&env, &file, &[]);
    assert_eq!(out["ignored_columns"], serde_json::json!(["Toimiala"]));
    let aino = env.json(&["person", "show", "aino"]);
    assert_eq!(aino["unit"], "Varhaiskasvatus");
    assert_eq!(aino["role"], "manager");
}

#[test]
fn emails_match_case_insensitively_beyond_ascii() {
    let env = Env::with_program();
    env.ok(&[
        "person",
        "add",
        "Åsa Öst",
        "--email",
        "ÅSA.ÖST@vaasa.example",
        "--role",
        "employee",
    ]);
    let err = env.fails(&[
        "person",
        "add",
        "Åsa Öst",
        "--email",
        "åsa.öst@VAASA.example",
        "--role",
        "employee",
    ]);
    assert!(err.contains("already belongs to Åsa Öst"), "{err}");
    let file = env.write(
        "form.csv",
        "Name,Email,Role\nÅsa Öst,åsa.öst@vaasa.example,employee\n",
    );
    let out = import(&env, &file, &[]);
    assert_eq!(out["people_matched"], 1);
    let file = env.write(
        "dupes.csv",
        "Name,Email,Role\nA,ä@vaasa.example,employee\nB,Ä@vaasa.example,employee\n",
    );
    let err = env.fails(&["person", "import", &file]);
    assert!(
        err.contains("line 3: the e-mail Ä@vaasa.example is also on line 2"),
        "{err}"
    );
}

#[test]
fn csv_output_neutralises_formulas_from_imported_text() {
    let env = Env::with_program();
    let file = env.write("evil.csv", "Name,Email,Role,Unit\n\"=HYPERLINK(\"\"http://evil.example\"\")\",evil@vaasa.example,employee,+358\n");
    import(&env, &file, &[]);
    let csv = env.ok(&["person", "list", "--format", "csv"]);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'+358,"), "{csv}");
    // JSON keeps the text as it is.
    assert_eq!(env.json(&["person", "list"])[0]["unit"], "+358");
}

#[test]
fn a_dry_run_shows_what_the_import_would_do_and_writes_nothing() {
    let env = crate::Env::with_program();
    let file = env.write(
        "hakemukset.csv",
        "Nimi;Sähköposti;Rooli\nAino Mäkelä;aino@vaasa.example;työntekijä\n",
    );
    let before = env.snapshot();
    let out = env.json(&["person", "import", &file, "--dry-run"]);
    assert_eq!(out["dry_run"], true);
    assert_eq!(out["people_created"], 1);
    assert_eq!(out["applied"], 1);
    assert_eq!(
        env.snapshot(),
        before,
        "a dry run writes nothing, not even the audit"
    );
    let out = env.json(&["person", "import", &file]);
    assert_eq!(out["dry_run"], false);
    assert_ne!(env.snapshot(), before);
}
