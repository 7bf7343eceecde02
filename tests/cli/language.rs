//! Reports in the reader's language: `--lang`, the config's `language`, the locale; no
//! English heading in a Finnish or Swedish report; the same JSON and CSV values in every
//! language; the previous cohort beside the programme; the logo embedded.

use std::collections::BTreeMap;

use crate::Env;

/// One post, a KPI before and after, and feedback, so every section of the reports shows.
fn programme() -> Env {
    let env = Env::with_ambassadors();
    for (who, channel, date) in [
        ("aino", "x", "2022-11-10"),
        ("mikael", "linkedin", "2022-11-12"),
    ] {
        env.ok(&[
            "activity",
            "add",
            who,
            "post",
            "--channel",
            channel,
            "--date",
            date,
        ]);
    }
    env.ok(&[
        "activity",
        "add",
        "sofia",
        "school-visit",
        "--date",
        "2022-11-11",
    ]);
    env.ok(&["kpi", "add", "Hakijat", "100", "--date", "2022-10-01"]);
    env.ok(&["kpi", "add", "Hakijat", "90", "--date", "2022-11-01"]);
    for (who, score) in [("aino", "5"), ("mikael", "4"), ("sofia", "4")] {
        env.ok(&[
            "feedback",
            "add",
            who,
            "--score",
            score,
            "--comment",
            "Hyvä",
        ]);
    }
    env
}

fn write_config(env: &Env, text: &str) {
    let path = env.path("config/amb/config.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn stdout(env: &Env, args: &[&str], vars: &[(&str, &str)]) -> String {
    let mut cmd = env.cmd(args);
    for (name, value) in vars {
        cmd.env(name, value);
    }
    let output = cmd.output().expect("runs");
    assert!(output.status.success(), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

const FINNISH_TITLE: &str = "työntekijälähettiläsohjelman tulokset";
const SWEDISH_TITLE: &str = "resultat av medarbetarambassadörsprogrammet";
const ENGLISH_TITLE: &str = "results of the employee ambassador programme";

#[test]
fn the_flag_beats_the_config_which_beats_the_locale() {
    let env = programme();
    let report = ["report", "program", "--format", "md"];
    let plain = stdout(&env, &report, &[]);
    assert!(plain.contains(ENGLISH_TITLE), "English by default: {plain}");
    let fi = [("LANG", "fi_FI.UTF-8")];
    assert!(stdout(&env, &report, &fi).contains(FINNISH_TITLE));
    let sv_all = [("LANG", "fi_FI.UTF-8"), ("LC_ALL", "sv_FI.UTF-8")];
    assert!(
        stdout(&env, &report, &sv_all).contains(SWEDISH_TITLE),
        "LC_ALL first"
    );
    write_config(&env, "language = \"sv\"\n");
    assert!(
        stdout(&env, &report, &fi).contains(SWEDISH_TITLE),
        "the config over the locale"
    );
    let mut flagged = vec!["--lang", "en"];
    flagged.extend(report);
    assert!(
        stdout(&env, &flagged, &fi).contains(ENGLISH_TITLE),
        "the flag over both"
    );
    let err = env.fails(&["--lang", "de", "report", "program"]);
    assert!(err.contains("--lang") && err.contains("fi, sv"), "{err}");
    write_config(&env, "language = \"de\"\n");
    let err = env.fails(&["report", "program"]);
    assert!(err.contains("language"), "{err}");
}

/// The single-line messages of a language, by id.
fn messages(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{lang}/amb.ftl", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_once(" = "))
        .filter(|(id, value)| !id.starts_with([' ', '#']) && !value.contains('{'))
        .map(|(id, value)| (id.to_string(), value.to_string()))
        .collect()
}

#[test]
fn a_finnish_or_swedish_report_has_none_of_the_english_headings() {
    let (en, fi, sv) = (messages("en"), messages("fi"), messages("sv"));
    // English headings that are English only (not "LinkedIn", "CPM" or "Status").
    let headings: Vec<&String> = en
        .iter()
        .filter(|(id, _)| {
            [
                "section-", "figure-", "column-", "title-", "kpi-", "field-", "swag-",
            ]
            .iter()
            .any(|p| id.starts_with(p))
        })
        .filter(|(id, value)| {
            !fi[*id].contains(value.as_str()) && !sv[*id].contains(value.as_str())
        })
        .map(|(_, value)| value)
        .collect();
    assert!(headings.len() > 50, "{}", headings.len());
    let env = programme();
    let reports: [&[&str]; 8] = [
        &["program"],
        &["kpi"],
        &["digest"],
        &["year", "2022"],
        &["person", "aino"],
        &["leaderboard"],
        &["leaderboard", "--by", "unit"],
        &["health"],
    ];
    for lang in ["fi", "sv"] {
        for report in reports {
            for format in ["table", "md", "html"] {
                let mut args = vec!["--lang", lang, "--format", format, "report"];
                args.extend(report);
                let text = env.ok(&args);
                for heading in &headings {
                    assert!(
                        !says(&text, heading),
                        "{args:?} says {heading:?} in English:\n{text}"
                    );
                }
            }
        }
    }
    let english = env.ok(&["--lang", "en", "report", "program"]);
    assert!(english.contains("Programme posts per month"), "{english}");
}

/// Whether `text` has `words` as whole words ("Programme" is not in "Programmets").
fn says(text: &str, words: &str) -> bool {
    text.match_indices(words).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[test]
fn json_and_csv_values_are_the_same_in_every_language() {
    let env = programme();
    for report in [&["program"][..], &["kpi"], &["year", "2022"], &["digest"]] {
        let run = |lang: &str, format: &str| {
            let mut args = vec!["--lang", lang, "--format", format, "report"];
            args.extend(report);
            env.ok(&args)
        };
        let json = run("en", "json");
        assert_eq!(run("fi", "json"), json, "{report:?}");
        assert_eq!(run("sv", "json"), json, "{report:?}");
        let without_labels = |text: String| -> Vec<String> {
            csv::Reader::from_reader(text.as_bytes())
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    format!("{}|{}|{}", &r[0], &r[1], &r[3])
                })
                .collect()
        };
        let csv_fi = run("fi", "csv");
        assert!(csv_fi.starts_with("section,key,label,value\n"), "{csv_fi}");
        assert_eq!(
            without_labels(csv_fi),
            without_labels(run("en", "csv")),
            "{report:?}"
        );
    }
    let csv = env.ok(&["--lang", "fi", "--format", "csv", "report", "program"]);
    assert!(
        csv.contains("posts_by_channel.1,key,Kanava,linkedin"),
        "{csv}"
    );
}

#[test]
fn numbers_and_dates_in_the_readers_form() {
    let env = programme();
    let fi = env.ok(&["--lang", "fi", "report", "program"]);
    assert!(fi.contains("Ohjelmakausi 1.10.2022–30.9.2023"), "{fi}");
    assert!(
        fi.contains("\u{2212}10 (\u{2212}10\u{a0}%)"),
        "a fall with the minus sign: {fi}"
    );
    assert!(fi.contains("Arvosana 4"), "{fi}");
    assert!(
        fi.contains("1 kouluvierailu") || fi.contains("kouluvierailu"),
        "{fi}"
    );
    let en = env.ok(&["--lang", "en", "report", "program"]);
    assert!(
        en.contains("Programme period 1 Oct 2022 – 30 Sep 2023"),
        "{en}"
    );
    assert!(en.contains("-10 (-10%)"), "{en}");
    let digest = env.ok(&["--lang", "fi", "report", "digest"]);
    assert!(
        digest.contains("**2 lähettilästä** teki **2 julkaisua**"),
        "{digest}"
    );
    assert!(
        !digest.contains('|'),
        "no tables in the Teams digest: {digest}"
    );
}

#[test]
fn the_previous_cohort_stands_beside_the_programme_unless_asked_not_to() {
    let env = programme();
    env.ok(&[
        "program",
        "add",
        "Vaasa 2021",
        "--start",
        "1.10.2021",
        "--end",
        "30.9.2022",
        "--hashtag",
        "VaasaTyö",
    ]);
    env.ok(&[
        "enroll",
        "aino",
        "--program",
        "Vaasa 2021",
        "--date",
        "2021-10-15",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2021-11-02",
    ]);
    let md = env.ok(&["report", "program", "Vaasa 2022", "--format", "md"]);
    assert!(
        md.contains("Compared with the previous cohort: Vaasa 2021"),
        "{md}"
    );
    assert!(
        md.contains("+1 (+100%) on the previous cohort"),
        "posts 2 against 1: {md}"
    );
    assert!(
        md.contains("| Vaasa 2022 | Vaasa 2021 |"),
        "the months beside each other: {md}"
    );
    let alone = env.ok(&[
        "report",
        "program",
        "Vaasa 2022",
        "--format",
        "md",
        "--no-compare",
    ]);
    assert!(!alone.contains("Vaasa 2021"), "{alone}");
    let json = env.json(&["report", "program", "Vaasa 2022"]);
    assert_eq!(json["program"], "Vaasa 2022", "JSON is the report itself");
    let compared = env.json(&["report", "program", "Vaasa 2022", "--compare", "Vaasa 2021"]);
    assert_eq!(compared["compared_with"], "Vaasa 2021");
    env.run(&[
        "report",
        "program",
        "--compare",
        "Vaasa 2021",
        "--no-compare",
    ])
    .failure()
    .code(2);
    let first = env.ok(&["report", "program", "Vaasa 2021", "--format", "md"]);
    assert!(
        !first.contains("previous cohort"),
        "the first cohort has none: {first}"
    );
}

#[test]
fn the_organisation_and_its_logo_head_the_page() {
    let env = programme();
    std::fs::create_dir_all(env.path("config/amb")).unwrap();
    std::fs::write(
        env.path("config/amb/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    )
    .unwrap();
    write_config(
        &env,
        "organisation = \"Vaasan kaupunki\"\nlogo = \"logo.svg\"\n",
    );
    let html = env.ok(&["--lang", "fi", "report", "program", "--format", "html"]);
    assert!(html.contains("<html lang=\"fi\">"), "{html}");
    assert!(html.contains("Vaasan kaupunki"), "{html}");
    assert!(
        html.contains("src=\"data:image/svg+xml;base64,"),
        "embedded: {html}"
    );
    assert!(html.contains("@page { size: A4"), "{html}");
    write_config(&env, "logo = \"missing.png\"\n");
    let err = env.fails(&["report", "program", "--format", "html"]);
    assert!(err.contains("logo") && err.contains("missing.png"), "{err}");
    write_config(&env, "logo = \"../amb/config.toml\"\n");
    let err = env.fails(&["report", "program", "--format", "html"]);
    assert!(err.contains("not a PNG"), "{err}");
}
