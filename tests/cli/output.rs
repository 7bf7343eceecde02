use std::io::Read;
use std::process::Stdio;

use crate::{Env, fixture};

fn env_with_people() -> Env {
    let env = Env::with_program();
    env.ok(&[
        "person",
        "import",
        &fixture("people/intranet-form-fi.csv"),
        "--enroll",
    ]);
    env
}

#[test]
fn person_list_json_is_an_array_of_records_with_ids_and_cli_spellings() {
    let env = env_with_people();
    let list = env.json(&["person", "list"]);
    let first = &list[0];
    assert!(first["id"].is_i64());
    assert_eq!(first["role"], "employee");
    let keys: Vec<&String> = first.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "id",
            "name",
            "email",
            "role",
            "unit",
            "title",
            "linkedin",
            "x",
            "facebook",
            "instagram",
            "mastodon",
            "tiktok",
            "youtube",
            "blog"
        ]
    );
}

#[test]
fn csv_output_has_a_header_and_round_trips_through_a_csv_parser() {
    let env = env_with_people();
    let text = env.ok(&["person", "list", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(&headers[1], "name");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(&rows[0][1], "Aino Mäkelä");
}

#[test]
fn an_empty_list_still_has_its_columns() {
    let env = Env::init();
    assert_eq!(
        env.ok(&["person", "list", "--format", "csv"])
            .lines()
            .next(),
        Some(
            "id,name,email,role,unit,title,linkedin,x,facebook,instagram,mastodon,tiktok,youtube,blog"
        )
    );
    assert_eq!(env.json(&["person", "list"]), serde_json::json!([]));
    assert!(env.ok(&["person", "list"]).contains("email"));
}

#[test]
fn a_show_in_csv_is_long_format() {
    let env = env_with_people();
    let text = env.ok(&["person", "show", "mäkelä", "--format", "csv"]);
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("section,key,value"));
    assert!(text.contains(",name,Aino Mäkelä\n"), "{text}");
    assert!(text.contains("enrolments.1,status,active\n"), "{text}");
}

#[test]
fn tables_have_no_colour_codes_and_show_the_records() {
    let env = env_with_people();
    let table = env.ok(&["person", "list"]);
    assert!(!table.contains('\u{1b}'), "escape codes in: {table}");
    assert!(
        table.contains("Aino Mäkelä") && table.contains("Kaisa Virtanen"),
        "{table}"
    );
    // Columns empty for everyone are left out of the table.
    assert!(!table.contains("tiktok"), "{table}");
}

#[test]
fn global_options_work_before_and_after_the_subcommand() {
    let env = env_with_people();
    let db = env.default_db();
    let db = db.to_str().unwrap();
    let before = env.ok(&["--format", "json", "--db", db, "person", "list"]);
    let after = env.ok(&["person", "list", "--db", db, "--format", "json"]);
    let between = env.ok(&["person", "--format", "json", "list", "--db", db]);
    assert_eq!(before, after);
    assert_eq!(before, between);
    serde_json::from_str::<serde_json::Value>(&before).unwrap();
}

#[test]
fn quiet_silences_messages_but_not_results() {
    let env = Env::with_program();
    let output = env
        .cmd(&[
            "enroll",
            "A",
            "--email",
            "a@vaasa.example",
            "--role",
            "employee",
            "--quiet",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!output.stdout.is_empty());
    let output = env
        .cmd(&[
            "enroll",
            "B",
            "--email",
            "b@vaasa.example",
            "--role",
            "employee",
        ])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stderr).contains("Enrolled B in Vaasa 2022"));
}

#[test]
fn the_same_data_gives_byte_identical_output() {
    let env = env_with_people();
    for format in ["table", "csv", "json"] {
        let a = env.ok(&["person", "list", "--format", format]);
        let b = env.ok(&["person", "list", "--format", format]);
        assert_eq!(a, b);
    }
}

#[test]
fn a_closed_pipe_exits_quietly() {
    let env = Env::with_program();
    // Enough people that the output outgrows the pipe buffer.
    let mut csv = String::from("name,email,role\n");
    for i in 0..3000 {
        csv.push_str(&format!("Person {i},p{i}@vaasa.example,employee\n"));
    }
    let file = env.write("many.csv", csv);
    env.ok(&["person", "import", &file]);
    let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("amb"));
    command
        .args(["person", "list", "--format", "csv"])
        .env("AMB_DB", env.default_db())
        .env("HOME", env.path("home"))
        .env("XDG_CONFIG_HOME", env.path("config"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(status.success(), "status {status}, stderr: {stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

/// Runs `amb` on a pseudo-terminal (util-linux `script`), so stdout is a terminal.
fn on_terminal(env: &Env, args: &str, no_color: bool) -> String {
    let amb = assert_cmd::cargo::cargo_bin("amb");
    let mut command = std::process::Command::new("script");
    command
        .args([
            "-qec",
            &format!("stty cols 160 rows 50; {} {args}", amb.display()),
            "/dev/null",
        ])
        .env("AMB_DB", env.default_db())
        .env("HOME", env.path("home"))
        .env("XDG_CONFIG_HOME", env.path("config"))
        .env("AMB_TODAY", crate::TODAY)
        .env_remove("NO_COLOR");
    if no_color {
        command.env("NO_COLOR", "1");
    }
    let output = command.output().expect("script (util-linux) runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    let env = env_with_people();
    let coloured = on_terminal(&env, "person list", false);
    assert!(
        coloured.contains("\u{1b}["),
        "a terminal gets bold headers: {coloured}"
    );
    assert!(coloured.contains("Aino Mäkelä"), "{coloured}");
    let plain = on_terminal(&env, "person list", true);
    assert!(!plain.contains('\u{1b}'), "NO_COLOR: {plain}");
    assert!(plain.contains("Aino Mäkelä"), "{plain}");
}
