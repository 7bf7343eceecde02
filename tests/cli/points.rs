use crate::{Env, fixture};

fn balance(env: &Env, person: &str) -> serde_json::Value {
    env.json(&["points", "balance", person])
}

fn ledger(env: &Env) -> Vec<serde_json::Value> {
    env.json(&["points", "ledger"]).as_array().unwrap().clone()
}

/// The ledger without the times entries were written, to compare two databases.
fn ledger_without_times(env: &Env) -> Vec<serde_json::Value> {
    ledger(env)
        .into_iter()
        .map(|mut entry| {
            entry.as_object_mut().unwrap().remove("created_at");
            entry
        })
        .collect()
}

/// The programme's first training, "Kick-off" (kind kickoff), on `date`.
fn add_kickoff(env: &Env, date: &str) {
    env.ok(&[
        "training", "add", "Kick-off", "--date", date, "--kind", "kickoff",
    ]);
}

#[test]
fn a_post_and_an_attended_training_earn_the_default_points() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2022-11-02",
    ]);
    env.ok(&[
        "training",
        "add",
        "Kick-off",
        "--date",
        "2022-10-14",
        "--kind",
        "kickoff",
    ]);
    env.ok(&["training", "attend", "kickoff", "aino"]);
    let b = balance(&env, "aino");
    assert_eq!(
        b["balance"], 30,
        "10 for a post and 20 for a training by default"
    );
    assert_eq!(b["earned"], 30);
    assert_eq!(b["redeemed"], 0);
    assert_eq!(b["tier"], "Ambassador");
    let entries = ledger(&env);
    assert_eq!(entries[0]["source"], "activity");
    assert_eq!(entries[0]["kind"], "award");
    assert_eq!(entries[0]["activity_id"], 1);
    assert_eq!(entries[1]["source"], "attendance");
    assert_eq!(entries[1]["date"], "2022-10-14");
}

#[test]
fn rules_come_from_the_config_per_kind_and_channel() {
    let env = Env::with_ambassadors();
    env.write(
        "config/amb/config.toml",
        "[points]\ntraining_attended = 5\n[points.activities]\npost = 10\nschool-visit = 40\n[points.channels]\n\"post.linkedin\" = 15\n",
    );
    env.ok(&["activity", "add", "aino", "post", "--channel", "linkedin"]);
    env.ok(&["activity", "add", "aino", "post", "--channel", "x"]);
    env.ok(&["activity", "add", "aino", "school-visit"]);
    env.ok(&["activity", "add", "aino", "talk"]);
    assert_eq!(
        balance(&env, "aino")["balance"],
        15 + 10 + 40,
        "a talk earns nothing when not listed"
    );
}

#[test]
fn caps_limit_paid_posts_per_day_and_week() {
    let env = Env::with_ambassadors();
    env.write(
        "config/amb/config.toml",
        "[points]\ndaily_post_cap = 2\nweekly_post_cap = 3\n",
    );
    // Monday 31 October to Sunday 6 November 2022.
    for date in [
        "2022-10-31",
        "2022-10-31",
        "2022-10-31",
        "2022-11-01",
        "2022-11-02",
        "2022-11-07",
    ] {
        env.ok(&[
            "activity",
            "add",
            "aino",
            "post",
            "--channel",
            "x",
            "--date",
            date,
        ]);
    }
    env.ok(&[
        "activity",
        "add",
        "aino",
        "share",
        "--channel",
        "x",
        "--date",
        "2022-10-31",
    ]);
    // Two on Monday, one on Tuesday (the week's third), none on Wednesday, one next Monday; the share is not a post.
    assert_eq!(balance(&env, "aino")["balance"], 4 * 10 + 3);
}

#[test]
fn no_points_before_the_first_training_when_configured() {
    let env = Env::with_ambassadors();
    env.write(
        "config/amb/config.toml",
        "[points]\nno_points_before_first_training = true\n",
    );
    add_kickoff(&env, "2022-10-20");
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-10-19",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-10-20",
    ]);
    assert_eq!(balance(&env, "aino")["balance"], 10);
}

#[test]
fn removing_an_activity_or_changing_attendance_reverses_the_points() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-02",
    ]);
    env.ok(&[
        "training",
        "add",
        "Kick-off",
        "--date",
        "2022-10-14",
        "--kind",
        "kickoff",
    ]);
    env.ok(&["training", "attend", "kickoff", "aino"]);
    env.ok(&["activity", "remove", "1", "--yes"]);
    env.ok(&["training", "attend", "kickoff", "aino", "--absent"]);
    let entries = ledger(&env);
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[2]["kind"], "reversal");
    assert_eq!(entries[2]["amount"], -10);
    assert_eq!(entries[2]["reverses"], 1);
    assert_eq!(entries[3]["amount"], -20);
    assert_eq!(balance(&env, "aino")["balance"], 0);
    // Attended again: paid again, once.
    env.ok(&["training", "attend", "kickoff", "aino"]);
    env.ok(&["training", "attend", "kickoff", "aino"]);
    assert_eq!(balance(&env, "aino")["balance"], 20);
    env.ok(&["check"]);
}

#[test]
fn undoing_an_import_reverses_its_points() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "import",
        &fixture("exports/linkedin/Shares.csv"),
        "--person",
        "aino",
    ]);
    assert_eq!(balance(&env, "aino")["balance"], 40);
    env.ok(&[
        "activity",
        "import",
        &fixture("exports/linkedin/Shares.csv"),
        "--person",
        "aino",
    ]);
    assert_eq!(
        balance(&env, "aino")["balance"],
        40,
        "a re-import pays nothing twice"
    );
    env.ok(&["import", "undo", "1", "--yes"]);
    assert_eq!(balance(&env, "aino")["balance"], 0);
    env.ok(&["check"]);
}

#[test]
fn an_import_pays_nothing_before_the_first_training_when_configured() {
    let env = Env::with_ambassadors();
    env.write(
        "config/amb/config.toml",
        "[points]\nno_points_before_first_training = true\n",
    );
    add_kickoff(&env, "2022-11-10");
    env.ok(&[
        "activity",
        "import",
        &fixture("exports/linkedin/Shares.csv"),
        "--person",
        "aino",
    ]);
    let posts = env.json(&["activity", "list", "--person", "aino"]);
    let dates: Vec<&str> = posts
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["date"].as_str().unwrap())
        .collect();
    let after = dates.iter().filter(|d| **d >= "2022-11-10").count();
    assert!(after > 0 && after < dates.len(), "{dates:?}");
    assert_eq!(balance(&env, "aino")["balance"], 10 * after as i64);
    // The one statement that pays an import agrees with the rules paying one by one.
    assert_eq!(env.json(&["points", "rescore"]), serde_json::json!([]));
}

#[test]
fn award_redeem_and_reverse_by_hand() {
    let env = Env::with_ambassadors();
    let entry = env.json(&[
        "points",
        "award",
        "aino",
        "250",
        "--reason",
        "Organised the school visit day",
    ]);
    assert_eq!(entry["amount"], 250);
    assert_eq!(entry["source"], "manual");
    let entry = env.json(&[
        "points",
        "redeem",
        "aino",
        "100",
        "--reward",
        "Theatre tickets",
    ]);
    assert_eq!(entry["amount"], -100);
    assert_eq!(entry["kind"], "redemption");
    let b = balance(&env, "aino");
    assert_eq!(b["balance"], 150);
    assert_eq!(b["earned"], 250);
    assert_eq!(b["redeemed"], 100);
    assert_eq!(b["tier"], "Advocate");
    // Reversing the redemption gives the points back, and counts as not redeemed.
    let reversal = env.json(&["points", "reverse", "2", "--reason", "tickets returned"]);
    assert_eq!(reversal["amount"], 100);
    assert_eq!(reversal["reverses"], 2);
    let b = balance(&env, "aino");
    assert_eq!(b["balance"], 250);
    assert_eq!(b["redeemed"], 0);
    assert_eq!(ledger(&env)[1]["reversed_by"], 3);
}

#[test]
fn points_refusals_write_nothing() {
    let env = Env::with_ambassadors();
    env.ok(&["points", "award", "aino", "50", "--reason", "Welcome"]);
    let before = env.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &["points", "redeem", "aino", "51", "--reward", "Bike"],
            "Aino Mäkelä has 50 points; 51 cannot be redeemed",
        ),
        (
            &["points", "award", "aino", "0", "--reason", "x"],
            "<POINTS>: \"0\" is not a whole number from 1 to 1000000000",
        ),
        (
            &["points", "award", "aino", "10", "--reason", " "],
            "say why with --reason",
        ),
        (
            &["points", "redeem", "aino", "10", "--reward", ""],
            "say what the reward is",
        ),
        (
            &["points", "award", "nobody", "10", "--reason", "x"],
            "no person matches",
        ),
        (&["points", "reverse", "99"], "there is no ledger entry 99"),
        (
            &[
                "points",
                "award",
                "aino",
                "5",
                "--reason",
                "x",
                "--date",
                "31.2.2023",
            ],
            "is not a date",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    let err = env.fails(&["points", "award", "aino", "-5", "--reason", "x"]);
    assert!(err.contains("\"-5\" is not a whole number from 1"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["points", "reverse", "1"]);
    let err = env.fails(&["points", "reverse", "1"]);
    assert!(
        err.contains("entry 1 was already reversed by entry 2"),
        "{err}"
    );
    let err = env.fails(&["points", "reverse", "2"]);
    assert!(err.contains("is itself a reversal"), "{err}");
}

#[test]
fn a_negative_balance_only_when_the_config_allows_it() {
    let env = Env::with_ambassadors();
    env.write(
        "config/amb/config.toml",
        "[points]\nallow_negative_balance = true\n",
    );
    env.ok(&[
        "points",
        "redeem",
        "aino",
        "30",
        "--reward",
        "Advance on a reward",
    ]);
    assert_eq!(balance(&env, "aino")["balance"], -30);
}

#[test]
fn the_ledger_refuses_a_raw_update_or_delete() {
    let env = Env::with_ambassadors();
    env.ok(&["points", "award", "aino", "50", "--reason", "Welcome"]);
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let err = conn
        .execute("UPDATE points_entry SET amount = 5000", [])
        .unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    let err = conn.execute("DELETE FROM points_entry", []).unwrap_err();
    assert!(err.to_string().contains("append-only"), "{err}");
    assert_eq!(balance(&env, "aino")["balance"], 50);
}

#[test]
fn rescore_shows_then_applies_changed_rules_as_adjustments() {
    let env = Env::with_ambassadors();
    for date in ["2022-11-01", "2022-11-02"] {
        env.ok(&[
            "activity",
            "add",
            "aino",
            "post",
            "--channel",
            "x",
            "--date",
            date,
        ]);
    }
    env.ok(&[
        "activity",
        "add",
        "mikael",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-03",
    ]);
    assert_eq!(env.json(&["points", "rescore"]), serde_json::json!([]));
    env.write("config/amb/config.toml", "[points.activities]\npost = 15\n");
    let shown = env.json(&["points", "rescore"]);
    assert_eq!(shown.as_array().unwrap().len(), 2);
    assert_eq!(shown[0]["name"], "Aino Mäkelä");
    assert_eq!(shown[0]["awarded"], 20);
    assert_eq!(shown[0]["expected"], 30);
    assert_eq!(shown[0]["difference"], 10);
    assert_eq!(shown[1]["difference"], 5);
    assert_eq!(ledger(&env).len(), 3, "showing writes nothing");
    let before = env.snapshot();
    let err = env.fails(&["points", "rescore", "--apply"]);
    assert!(
        err.contains("Write 2 adjustment entries for 2 people?"),
        "{err}"
    );
    assert!(err.contains("pass --yes"), "{err}");
    assert_eq!(env.snapshot(), before, "applying asks first");
    env.ok(&["points", "rescore", "--apply", "--yes"]);
    let entries = ledger(&env);
    assert_eq!(entries.len(), 5, "one adjustment per person");
    assert_eq!(entries[3]["kind"], "adjustment");
    assert_eq!(entries[3]["source"], "rescore");
    assert_eq!(entries[3]["amount"], 10);
    assert_eq!(balance(&env, "aino")["balance"], 30);
    assert_eq!(
        env.json(&["points", "rescore"]),
        serde_json::json!([]),
        "nothing left to do"
    );
}

#[test]
fn balance_lists_everyone_by_balance_and_person_show_has_the_tier() {
    let env = Env::with_ambassadors();
    env.ok(&["points", "award", "mikael", "700", "--reason", "Keynote"]);
    env.ok(&["points", "award", "aino", "250", "--reason", "Podcast"]);
    let all = env.json(&["points", "balance"]);
    assert_eq!(all[0]["name"], "Mikael Westerlund");
    assert_eq!(all[0]["tier"], "Thought leader");
    assert_eq!(all[1]["tier"], "Advocate");
    let sofia = balance(&env, "sofia");
    assert_eq!(sofia["balance"], 0);
    assert_eq!(sofia["tier"], "Ambassador");
    let shown = env.json(&["person", "show", "mikael"]);
    assert_eq!(shown["points"]["tier"], "Thought leader");
    assert_eq!(shown["points"]["balance"], 700);
    let since = env.json(&[
        "points",
        "ledger",
        "--person",
        "aino",
        "--since",
        "2022-11-15",
    ]);
    assert_eq!(since.as_array().unwrap().len(), 1);
}

#[test]
fn check_is_silent_when_healthy_and_names_each_problem() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "post", "--channel", "x"]);
    env.ok(&["points", "award", "aino", "5", "--reason", "x"]);
    let output = env.cmd(&["check"]).output().unwrap();
    assert!(output.status.success());
    assert!(output.stdout.is_empty() && output.stderr.is_empty());
    // Break the database behind amb's back.
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    conn.execute_batch(
        "DROP TRIGGER points_entry_no_delete;
         PRAGMA foreign_keys = OFF;
         DELETE FROM activity WHERE id = 1;
         INSERT INTO points_entry (person_id, day, amount, kind, reason, source, reverses, created_at)
         VALUES (1, unixepoch('2022-11-15') / 86400, -5, 'reversal', 'x', 'reversal', 2, 'now');
         INSERT INTO points_entry (person_id, day, amount, kind, reason, source, reverses, created_at)
         VALUES (99, unixepoch('2022-11-15') / 86400, 7, 'award', 'x', 'manual', NULL, 'now');",
    )
    .unwrap();
    drop(conn);
    let err = env.fails(&["check"]);
    assert!(
        err.contains("the trigger points_entry_no_delete is missing"),
        "{err}"
    );
    assert!(
        err.contains("pays for activity 1, which no longer exists"),
        "{err}"
    );
    assert!(err.contains("foreign key: points_entry"), "{err}");
}

#[test]
fn removing_a_post_after_a_rescore_takes_back_its_whole_share() {
    let env = Env::with_ambassadors();
    for date in ["2022-11-01", "2022-11-02"] {
        env.ok(&[
            "activity",
            "add",
            "aino",
            "post",
            "--channel",
            "x",
            "--date",
            date,
        ]);
    }
    env.write("config/amb/config.toml", "[points.activities]\npost = 15\n");
    env.ok(&["points", "rescore", "--apply", "--yes"]);
    assert_eq!(balance(&env, "aino")["balance"], 30);
    env.ok(&["activity", "remove", "1", "--yes"]);
    assert_eq!(balance(&env, "aino")["balance"], 15);
    env.ok(&["activity", "edit", "2", "--date", "2022-11-05"]);
    assert_eq!(
        balance(&env, "aino")["balance"],
        15,
        "moving a post pays it once, under the rules in force"
    );
    assert_eq!(env.json(&["points", "rescore"]), serde_json::json!([]));
    env.ok(&["check"]);
}

#[test]
fn a_post_held_back_by_a_cap_is_paid_when_an_earlier_one_goes() {
    let env = Env::with_ambassadors();
    env.write("config/amb/config.toml", "[points]\ndaily_post_cap = 1\n");
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-07",
    ]);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-07",
    ]);
    assert_eq!(balance(&env, "aino")["balance"], 10);
    env.ok(&["activity", "remove", "1", "--yes"]);
    assert_eq!(
        balance(&env, "aino")["balance"],
        10,
        "the second post is now paid"
    );
    assert_eq!(env.json(&["points", "rescore"]), serde_json::json!([]));
}

#[test]
fn a_first_training_added_later_recalculates_earlier_posts() {
    let env = Env::with_ambassadors();
    env.write(
        "config/amb/config.toml",
        "[points]\nno_points_before_first_training = true\n",
    );
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-10-16",
    ]);
    assert_eq!(
        balance(&env, "aino")["balance"],
        10,
        "no training yet: the rule does not apply"
    );
    add_kickoff(&env, "2022-10-20");
    assert_eq!(balance(&env, "aino")["balance"], 0);
    assert_eq!(env.json(&["points", "rescore"]), serde_json::json!([]));
}

#[test]
fn automatic_points_cannot_be_reversed_by_hand() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "post", "--channel", "x"]);
    let before = env.snapshot();
    let err = env.fails(&["points", "reverse", "1"]);
    assert!(err.contains("entry 1 follows the rules"), "{err}");
    assert!(err.contains("award or redeem points by hand"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn huge_amounts_are_refused() {
    let env = Env::with_ambassadors();
    let err = env.fails(&[
        "points",
        "award",
        "aino",
        "9223372036854775807",
        "--reason",
        "big",
    ]);
    assert!(
        err.contains("\"9223372036854775807\" is not a whole number from 1 to 1000000000"),
        "{err}"
    );
}

#[test]
fn balance_lists_people_without_entries_too() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "post", "--channel", "x"]);
    let all = env.json(&["points", "balance"]);
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Aino Mäkelä", "Mikael Westerlund", "Sofia Ahlberg"]);
    assert_eq!(all[2]["balance"], 0);
    assert_eq!(all[2]["tier"], "Ambassador");
}

#[test]
fn check_notices_a_tampered_guard() {
    let env = Env::with_ambassadors();
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    conn.execute_batch(
        "DROP TRIGGER points_entry_no_update;
         CREATE TRIGGER points_entry_no_update BEFORE UPDATE ON points_entry BEGIN SELECT 1; END;
         DROP INDEX points_entry_idempotency_key;",
    )
    .unwrap();
    drop(conn);
    let err = env.fails(&["check"]);
    assert!(
        err.contains("the trigger points_entry_no_update was changed"),
        "{err}"
    );
    assert!(
        err.contains("the index points_entry_idempotency_key is missing"),
        "{err}"
    );
}

/// An import pays its activities in one statement at its end unless post caps apply, when
/// it pays them one by one: both ways must write the very same ledger.
#[test]
fn an_import_pays_at_its_end_exactly_what_it_would_pay_row_by_row() {
    let rules = "[points]\nno_points_before_first_training = true\n{cap}\
                 [points.activities]\npost = 10\nshare = 3\nschool-visit = 30\n\
                 [points.channels]\n\"post.linkedin\" = 15\n\"share.x\" = 0\n";
    let csv = "email,date,kind,channel,url,hashtags\n\
               aino@vaasa.example,2022-10-19,post,x,https://x.com/aino/status/1,#OnnellisenArjenTekijät\n\
               aino@vaasa.example,2022-10-20,post,linkedin,https://linkedin.com/p/2,#OnnellisenArjenTekijät\n\
               mikael@vaasa.example,2022-11-02,post,x,https://x.com/mikael/status/3,#OnnellisenArjenTekijät\n\
               mikael@vaasa.example,2022-11-02,share,x,https://x.com/mikael/status/4,#OnnellisenArjenTekijät\n\
               sofia@vaasa.example,2022-11-03,share,linkedin,https://linkedin.com/p/5,#OnnellisenArjenTekijät\n\
               sofia@vaasa.example,2022-11-04,school-visit,,,\n\
               sofia@vaasa.example,2022-11-05,other,,,\n\
               aino@vaasa.example,2022-11-06,post,x,https://x.com/aino/status/1,#OnnellisenArjenTekijät\n";
    let ledger_with = |cap: &str| {
        let env = Env::with_ambassadors();
        env.write("config/amb/config.toml", rules.replace("{cap}", cap));
        // Activities already recorded stay as they were.
        env.ok(&["activity", "add", "sofia", "talk", "--date", "2022-10-15"]);
        add_kickoff(&env, "2022-10-20");
        env.ok(&["activity", "import", &env.write("activities.csv", csv)]);
        env.ok(&["check"]);
        ledger_without_times(&env)
    };
    let at_end = ledger_with("");
    let row_by_row = ledger_with("daily_post_cap = 50\n");
    assert_eq!(at_end, row_by_row);
    let paid: Vec<(&str, i64)> = at_end
        .iter()
        .map(|e| (e["reason"].as_str().unwrap(), e["amount"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        paid,
        [
            ("post on linkedin (activity 3)", 15),
            ("post on x (activity 4)", 10),
            ("share on linkedin (activity 6)", 3),
            ("school-visit (activity 7)", 30),
        ],
        "before the first training, zero-point kinds and duplicates earn nothing"
    );
}

/// Under post caps an import pays row by row, counting what each person's days and weeks
/// have paid so far: the ledger is the one recording the same posts one by one writes.
#[test]
fn a_capped_import_pays_what_recording_the_posts_one_by_one_pays() {
    // Monday 17 October 2022: Aino's first post of the day and week is recorded beforehand.
    let rows = [
        (
            "aino",
            "post",
            "2022-10-17",
            "x",
            "https://x.com/aino/status/1",
        ),
        (
            "aino",
            "post",
            "2022-10-17",
            "linkedin",
            "https://linkedin.com/p/2",
        ),
        (
            "mikael",
            "post",
            "2022-10-17",
            "x",
            "https://x.com/mikael/status/3",
        ),
        (
            "aino",
            "post",
            "2022-10-18",
            "x",
            "https://x.com/aino/status/4",
        ),
        (
            "aino",
            "post",
            "2022-10-19",
            "x",
            "https://x.com/aino/status/5",
        ),
        (
            "aino",
            "post",
            "2022-10-24",
            "x",
            "https://x.com/aino/status/6",
        ),
        (
            "aino",
            "share",
            "2022-10-19",
            "x",
            "https://x.com/aino/status/7",
        ),
        (
            "aino",
            "post",
            "2022-10-16",
            "x",
            "https://x.com/aino/status/8",
        ),
    ];
    let ledger_after = |import: bool| {
        let env = Env::with_ambassadors();
        env.write(
            "config/amb/config.toml",
            "[points]\ndaily_post_cap = 2\nweekly_post_cap = 3\n",
        );
        let add = |person: &str, kind: &str, date: &str, channel: &str, url: &str| {
            env.ok(&[
                "activity",
                "add",
                person,
                kind,
                "--channel",
                channel,
                "--date",
                date,
                "--url",
                url,
                "--hashtag",
                "#OnnellisenArjenTekijät",
            ]);
        };
        add(
            "aino",
            "post",
            "2022-10-17",
            "x",
            "https://x.com/aino/status/0",
        );
        if import {
            let mut csv = String::from("email,date,kind,channel,url,hashtags\n");
            for (person, kind, date, channel, url) in rows {
                csv += &format!(
                    "{person}@vaasa.example,{date},{kind},{channel},{url},#OnnellisenArjenTekijät\n"
                );
            }
            env.ok(&["activity", "import", &env.write("capped.csv", csv)]);
        } else {
            for (person, kind, date, channel, url) in rows {
                add(person, kind, date, channel, url);
            }
        }
        env.ok(&["check"]);
        ledger_without_times(&env)
    };
    let imported = ledger_after(true);
    assert_eq!(imported, ledger_after(false));
    let paid: Vec<i64> = imported
        .iter()
        .map(|e| e["activity_id"].as_i64().unwrap())
        .collect();
    // Not paid: 3, the third post on Monday (daily cap); 6, the fourth of the week (weekly).
    assert_eq!(paid, [1, 2, 4, 5, 7, 8, 9], "{imported:#?}");
}
