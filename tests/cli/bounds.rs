//! Numbers that cannot break reports: one bound for every count, whatever the entry point,
//! and reports, exports and balances that survive any value stored in the database.

use crate::{Env, fixture};

const METRIC_MESSAGE: &str = "is not a whole number from 0 to 1000000000000";

#[test]
fn a_count_out_of_bounds_is_refused_on_the_command_line() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    for (flag, value) in [
        ("--impressions", "1000000000001"),
        ("--reactions", "-5"),
        ("--comments", "1e20"),
        ("--shares", "9223372036854775808"),
        ("--clicks", "12.5"),
    ] {
        let err = env.fails(&[
            "activity",
            "add",
            "aino",
            "post",
            "--channel",
            "x",
            flag,
            value,
        ]);
        assert!(
            err.starts_with(&format!("amb: {flag}: \"{value}\" {METRIC_MESSAGE}")),
            "{err}"
        );
    }
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--impressions",
        "1000000000000",
    ]);
    let after_ok = env.snapshot();
    let err = env.fails(&["activity", "edit", "1", "--impressions", "-1"]);
    assert!(err.contains(METRIC_MESSAGE), "{err}");
    assert_eq!(env.snapshot(), after_ok);
    assert_ne!(before, after_ok);
}

#[test]
fn points_and_kpi_values_have_bounds_too() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let err = env.fails(&["points", "award", "aino", "1000000001", "--reason", "x"]);
    assert!(
        err.contains("\"1000000001\" is not a whole number from 1 to 1000000000"),
        "{err}"
    );
    for value in ["inf", "NaN", "1e13", "-1e300"] {
        let err = env.fails(&["kpi", "add", "applicants", value]);
        assert!(err.contains("is not a number from"), "{value}: {err}");
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_count_out_of_bounds_is_a_bad_row_of_the_generic_csv() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let csv = env.write(
        "activities.csv",
        "email,date,kind,channel,url,hashtags,impressions,reactions,comments,shares,clicks\n\
         aino@vaasa.example,2022-11-02,post,x,https://x.com/a/status/1,#OnnellisenArjenTekijät,10,1,0,0,0\n\
         aino@vaasa.example,2022-11-03,post,x,https://x.com/a/status/2,#OnnellisenArjenTekijät,1e20,1,0,0,0\n\
         aino@vaasa.example,2022-11-04,post,x,https://x.com/a/status/3,#OnnellisenArjenTekijät,5,-5,0,0,0\n\
         aino@vaasa.example,2022-11-05,post,x,https://x.com/a/status/4,#OnnellisenArjenTekijät,5,0,0,0,99999999999999999999999\n",
    );
    let err = env.fails(&["activity", "import", &csv, "--from", "csv"]);
    assert!(err.contains("3 bad rows; nothing was imported"), "{err}");
    assert!(
        err.contains(&format!("line 3: impressions \"1e20\" {METRIC_MESSAGE}")),
        "{err}"
    );
    assert!(
        err.contains(&format!("line 4: reactions \"-5\" {METRIC_MESSAGE}")),
        "{err}"
    );
    assert!(err.contains("line 5: clicks \"9999"), "{err}");
    assert_eq!(env.snapshot(), before);
}

/// A copy of the X fixture whose first tweet has `favorite_count` set to `count`.
fn tweets_with_favorites(env: &Env, count: &str) -> String {
    let original = std::fs::read_to_string(fixture("exports/x/data/tweets.js")).unwrap();
    let start = original
        .find("\"favorite_count\"")
        .expect("fixture has a favorite_count");
    let value_start = start + original[start..].find(':').unwrap() + 1;
    let value_end = value_start + original[value_start..].find([',', '}']).unwrap();
    let text = format!(
        "{} {count}{}",
        &original[..value_start],
        &original[value_end..]
    );
    env.write("x/data/tweets.js", text)
}

#[test]
fn a_huge_count_in_an_x_archive_refuses_the_import() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    for count in [
        "9223372036854775807",
        "1e20",
        "-5",
        "\"18446744073709551616\"",
        "\"many\"",
    ] {
        let path = tweets_with_favorites(&env, count);
        let err = env.fails(&["activity", "import", &path, "--person", "aino"]);
        assert!(err.contains("nothing was imported"), "{count}: {err}");
        assert!(err.contains("tweet 1: favorite_count \""), "{count}: {err}");
        assert!(err.contains(METRIC_MESSAGE), "{count}: {err}");
        assert_eq!(env.snapshot(), before, "{count}");
    }
    // The same file with a sane count imports.
    let path = tweets_with_favorites(&env, "\"12\"");
    env.ok(&["activity", "import", &path, "--person", "aino"]);
}

#[test]
fn a_huge_count_in_a_mastodon_outbox_refuses_the_import() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let original = std::fs::read_to_string(fixture("exports/mastodon/outbox.json")).unwrap();
    let value: serde_json::Value = serde_json::from_str(&original).unwrap();
    let mut value = value;
    let items = value["orderedItems"].as_array_mut().unwrap();
    let post = items
        .iter_mut()
        .find(|item| item["type"] == "Create")
        .expect("a post");
    post["object"]["likes"] = serde_json::json!({"totalItems": 9223372036854775807u64});
    let path = env.write("outbox.json", serde_json::to_string(&value).unwrap());
    let err = env.fails(&["activity", "import", &path, "--person", "aino"]);
    assert!(
        err.contains(&format!(
            "likes.totalItems \"9223372036854775807\" {METRIC_MESSAGE}"
        )),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

/// Every report, export and balance amb has, in every format.
const READERS: &[&[&str]] = &[
    &["report", "program"],
    &["report", "program", "Vaasa 2022", "--compare", "Alumni"],
    &["report", "leaderboard"],
    &["report", "leaderboard", "--by", "unit"],
    &["report", "leaderboard", "--by", "unit", "--per-capita"],
    &["report", "person", "aino"],
    &["report", "year", "2022"],
    &["report", "year", "2023"],
    &["report", "digest", "--since", "2022-10-01"],
    &["report", "health"],
    &["points", "balance"],
    &["points", "balance", "aino"],
    &["points", "ledger"],
    &["points", "rescore"],
    &["activity", "list"],
    &["import", "list"],
    &["kpi", "list"],
    &["swag", "stock", "list"],
    &["person", "show", "aino"],
    &["program", "show", "Vaasa 2022"],
];

#[test]
fn extreme_values_written_straight_into_the_database_break_no_report() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "program",
        "add",
        "Alumni",
        "--start",
        "2023-10-01",
        "--hashtag",
        "Alumni",
    ]);
    env.ok(&["points", "award", "aino", "10", "--reason", "Welcome"]);
    env.ok(&["swag", "stock", "add", "Vaasa-paketti", "3"]);
    {
        // Bypassing amb, as a damaged or hand-edited database might hold them.
        let conn = rusqlite::Connection::open(env.default_db()).unwrap();
        let max = i64::MAX;
        let (aino, vaasa): (i64, i64) = conn
            .query_row(
                "SELECT p.id, e.program_id FROM person p JOIN enrolment e ON e.person_id = p.id
                 WHERE p.email = 'aino@vaasa.example'",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .unwrap();
        for (day, channel) in [
            ("2022-11-01", "x"),
            ("2022-11-02", "x"),
            ("2022-11-03", "linkedin"),
        ] {
            conn.execute(
                "INSERT INTO activity (person_id, program_id, day, kind_code, channel_code,
                     impressions, reactions, comments, shares, clicks)
                 VALUES (?1, ?2, unixepoch(?3) / 86400, 0, CASE ?4 WHEN 'linkedin' THEN 0 WHEN 'x' THEN 1 END,
                         ?5, ?5, ?5, ?5, ?5)",
                rusqlite::params![aino, vaasa, day, channel, max],
            )
            .unwrap();
        }
        for (amount, kind, source) in [
            (max, "award", "manual"),
            (max, "award", "manual"),
            (max, "adjustment", "manual"),
            (i64::MIN, "redemption", "redemption"),
            (i64::MIN, "adjustment", "manual"),
            (i64::MIN, "adjustment", "manual"),
        ] {
            conn.execute(
                "INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source, created_at)
                 VALUES (?1, ?2, unixepoch('2022-11-05') / 86400, ?3, ?4, 'extreme', ?5, '2022-11-05T00:00:00Z')",
                rusqlite::params![aino, vaasa, amount, kind, source],
            )
            .unwrap();
        }
        conn.execute(
            "INSERT INTO kpi (program_id, name, date, value) VALUES (?1, 'applicants', '2022-11-05', 1e308), (?1, 'applicants', '2022-11-06', -1e308)",
            [vaasa],
        )
        .unwrap();
        conn.execute("UPDATE swag_package SET stock = ?1", [max])
            .unwrap();
    }
    for args in READERS {
        for format in ["table", "json", "csv"] {
            let mut all = args.to_vec();
            all.extend(["--format", format]);
            env.ok(&all);
        }
    }
    for table in crate::EVERY_TABLE {
        env.ok(&["export", table, "--format", "csv"]);
        env.ok(&["export", table, "--format", "json"]);
    }
    env.ok(&["export", "all", "--format", "json"]);
    let out = env.path("all");
    env.ok(&[
        "export",
        "all",
        "--format",
        "csv",
        "-o",
        &out.to_string_lossy(),
    ]);
    // Sums saturate instead of failing: the balance is still a number.
    let balance = env.json(&["points", "balance", "aino"]);
    assert!(balance.to_string().contains("\"balance\""), "{balance}");
}
