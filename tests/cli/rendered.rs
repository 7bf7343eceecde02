//! Snapshots of every report in every format and language (JSON once: it is the same in
//! every language), rendered from the Vaasa 2022 demo data on a
//! fixed day after the programme year. A change to any renderer shows up here as a diff to
//! review (`cargo insta review`, or `INSTA_UPDATE=always cargo test` and read `git diff`).

use crate::Env;

/// The day after the programme year ended, so the whole year is in every report.
const AFTER_THE_YEAR: &str = "2023-10-15";

/// The formats people read, rendered in each language.
const FORMATS: [&str; 4] = ["table", "csv", "md", "html"];
const LANGS: [&str; 3] = ["en", "fi", "sv"];

fn demo() -> (Env, String) {
    let env = Env::new();
    let db = env.path("demo.sqlite").to_string_lossy().into_owned();
    env.ok(&["--db", &db, "demo"]);
    (env, db)
}

fn render(env: &Env, db: &str, lang: &str, report: &[&str], format: &str) -> String {
    let mut args = vec!["--db", db, "--lang", lang, "report"];
    args.extend(report);
    args.extend(["--format", format]);
    let output = env
        .cmd(&args)
        .env("AMB_TODAY", AFTER_THE_YEAR)
        .output()
        .expect("runs");
    assert!(
        output.status.success(),
        "amb {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    redact_hashes(&String::from_utf8(output.stdout).expect("UTF-8"))
}

/// The text with every SHA-256 in hex (the ledger's head, which covers the entries' times
/// of writing) as `[sha256]`.
fn redact_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run = String::new();
    for c in text.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_hexdigit() && !c.is_ascii_uppercase() {
            run.push(c);
            continue;
        }
        out.push_str(if run.len() == 64 { "[sha256]" } else { &run });
        run.clear();
        out.push(c);
    }
    out.pop();
    out
}

/// Every format in every language; JSON once, after proving it is the same in each.
fn snapshot_all(name: &str, report: &[&str]) {
    let (env, db) = demo();
    let json = render(&env, &db, "en", report, "json");
    for lang in LANGS {
        assert_eq!(
            render(&env, &db, lang, report, "json"),
            json,
            "{name}: JSON is the same in every language"
        );
        for format in FORMATS {
            let text = render(&env, &db, lang, report, format);
            insta::assert_snapshot!(format!("{name}.{lang}.{format}"), text);
        }
    }
    insta::assert_snapshot!(format!("{name}.json"), json);
}

#[test]
fn program_report() {
    snapshot_all("program", &["program", "Vaasa 2022"]);
}

#[test]
fn year_report() {
    snapshot_all("year", &["year", "2023"]);
}

#[test]
fn leaderboard() {
    snapshot_all("leaderboard", &["leaderboard", "--top", "5"]);
}

#[test]
fn leaderboard_of_units_per_capita() {
    snapshot_all(
        "leaderboard-units",
        &["leaderboard", "--by", "unit", "--per-capita"],
    );
}

#[test]
fn person_report() {
    snapshot_all("person", &["person", "Aino Mäkelä"]);
}

#[test]
fn digest() {
    snapshot_all("digest", &["digest", "--since", "2023-01-01"]);
}

#[test]
fn health() {
    snapshot_all("health", &["health", "--days", "60"]);
}

#[test]
fn kpi_report() {
    snapshot_all("kpi", &["kpi"]);
}

#[test]
fn the_same_data_renders_byte_identical_twice() {
    let (env, db) = demo();
    for format in FORMATS {
        let first = render(&env, &db, "fi", &["program", "Vaasa 2022"], format);
        assert_eq!(
            render(&env, &db, "fi", &["program", "Vaasa 2022"], format),
            first,
            "{format}"
        );
    }
}
