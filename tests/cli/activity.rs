use crate::Env;

const POST: &str = "https://www.linkedin.com/feed/update/urn:li:activity:7001/";

fn add_post(env: &Env) -> serde_json::Value {
    env.json(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "linkedin",
        "--url",
        POST,
        "--hashtag",
        "OnnellisenArjenTekijät",
        "--hashtag",
        "#Vaasa",
        "--date",
        "2.11.2022",
        "--impressions",
        "1200",
        "--reactions",
        "45",
        "--comments",
        "3",
        "--shares",
        "2",
        "--clicks",
        "17",
        "--note",
        "Koulun arkea",
    ])
}

#[test]
fn activity_add_records_a_post_with_its_programme_and_metrics() {
    let env = Env::with_ambassadors();
    let out = add_post(&env);
    assert!(out["id"].is_i64());
    assert_eq!(out["date"], "2022-11-02");
    assert_eq!(out["person"], "Aino Mäkelä");
    assert_eq!(out["kind"], "post");
    assert_eq!(out["channel"], "linkedin");
    assert_eq!(
        out["url"],
        POST.trim_end_matches('/'),
        "stored without the trailing /"
    );
    assert_eq!(
        out["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijät", "#Vaasa"])
    );
    assert_eq!(out["impressions"], 1200);
    assert_eq!(out["reactions"], 45);
    assert_eq!(out["comments"], 3);
    assert_eq!(out["shares"], 2);
    assert_eq!(out["clicks"], 17);
    assert_eq!(out["program"], "Vaasa 2022");
    assert_eq!(out["source"], "manual");
    assert_eq!(out["note"], "Koulun arkea");
}

#[test]
fn visits_talks_and_other_kinds_need_no_channel() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    for kind in [
        "school-visit",
        "fair visit",
        "talk",
        "article",
        "event",
        "other",
        "Share",
    ] {
        let mut args = vec!["activity", "add", "mikael", kind, "--date", "2023-02-01"];
        if kind == "Share" {
            args.extend(["--channel", "twitter"]);
        }
        env.ok(&args);
    }
    let kinds: Vec<String> = env
        .json(&["activity", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "school-visit",
            "fair-visit",
            "talk",
            "article",
            "event",
            "other",
            "share"
        ]
    );
    let shares = env.json(&["activity", "list", "--channel", "x"]);
    assert_eq!(shares[0]["kind"], "share");
}

#[test]
fn configured_kinds_are_accepted() {
    let env = Env::with_ambassadors();
    let err = env.fails(&["activity", "add", "aino", "podcast"]);
    assert!(err.contains("\"podcast\" is not an activity kind"), "{err}");
    env.write("config/amb/config.toml", "activity_kinds = [\"podcast\"]\n");
    let out = env.json(&["activity", "add", "aino", "podcast"]);
    assert_eq!(out["kind"], "podcast");
}

#[test]
fn refusals_name_the_problem_and_write_nothing() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    add_post(&env);
    let before = env.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &["activity", "add", "aino", "post"],
            "a post needs a channel",
        ),
        (
            &["activity", "add", "aino", "share", "--date", "2022-11-03"],
            "a share needs a channel",
        ),
        (
            &[
                "activity",
                "add",
                "mikael",
                "post",
                "--channel",
                "linkedin",
                "--url",
                POST,
            ],
            "is already recorded on linkedin as activity 1 (post by Aino Mäkelä on 2022-11-02)",
        ),
        (
            &["activity", "add", "aino", "post", "--channel", "myspace"],
            "\"myspace\" is not a valid channel",
        ),
        (
            &["activity", "add", "aino", "dance"],
            "\"dance\" is not an activity kind",
        ),
        (
            &["activity", "add", "aino", "talk", "--date", "2022-10-13"],
            "Aino Mäkelä was not enrolled in any programme on 2022-10-13 (enrolled in Vaasa 2022 from 2022-10-14 to 2023-09-30)",
        ),
        (
            &["activity", "add", "aino", "talk", "--date", "2023-10-01"],
            "not enrolled in any programme on 2023-10-01",
        ),
        (&["activity", "add", "nobody", "talk"], "no person matches"),
        (
            &[
                "activity",
                "add",
                "aino",
                "post",
                "--channel",
                "x",
                "--hashtag",
                "two words",
            ],
            "contains a space",
        ),
        (
            &["activity", "add", "aino", "talk", "--date", "29.2.2023"],
            "is not a date",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(args);
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_same_url_on_another_channel_is_a_different_post() {
    let env = Env::with_ambassadors();
    add_post(&env);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--url",
        POST,
    ]);
}

#[test]
fn outside_every_enrolment_only_with_force_and_then_outside_any_programme() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    env.ok(&["withdraw", "sofia", "--date", "2023-01-01"]);
    let err = env.fails(&["activity", "add", "sofia", "talk", "--date", "2023-01-01"]);
    assert!(
        err.contains("not enrolled in any programme on 2023-01-01"),
        "{err}"
    );
    env.ok(&["activity", "add", "sofia", "talk", "--date", "2022-12-31"]);
    let out = env.json(&[
        "activity",
        "add",
        "sofia",
        "talk",
        "--date",
        "2023-01-01",
        "--force",
    ]);
    assert_eq!(out["program"], serde_json::Value::Null);
    env.ok(&[
        "person",
        "add",
        "Never Enrolled",
        "--email",
        "never@vaasa.example",
        "--role",
        "employee",
    ]);
    let err = env.fails(&["activity", "add", "never", "talk"]);
    assert!(err.contains("they have never been enrolled"), "{err}");
}

#[test]
fn an_activity_belongs_to_the_programme_of_its_date() {
    let env = Env::with_ambassadors();
    env.set_today("2024-12-31");
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
    assert_eq!(
        env.json(&["activity", "add", "aino", "talk", "--date", "2023-09-30"])["program"],
        "Vaasa 2022"
    );
    assert_eq!(
        env.json(&["activity", "add", "aino", "talk", "--date", "2024-05-01"])["program"],
        "Alumni"
    );
    assert_eq!(
        env.json(&["activity", "list", "--program", "Alumni"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn activity_list_filters() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    add_post(&env);
    env.ok(&[
        "activity",
        "add",
        "mikael",
        "school-visit",
        "--date",
        "2023-02-01",
    ]);
    env.ok(&[
        "activity",
        "add",
        "mikael",
        "post",
        "--channel",
        "x",
        "--date",
        "2023-03-01",
    ]);
    let count = |args: &[&str]| -> usize {
        let mut all = vec!["activity", "list"];
        all.extend_from_slice(args);
        env.json(&all).as_array().unwrap().len()
    };
    assert_eq!(count(&[]), 3);
    assert_eq!(count(&["--person", "mikael"]), 2);
    assert_eq!(count(&["--kind", "post"]), 2);
    assert_eq!(count(&["--channel", "linkedin"]), 1);
    assert_eq!(count(&["--since", "2023-02-01"]), 2);
    assert_eq!(count(&["--until", "1.2.2023"]), 2);
    assert_eq!(
        count(&[
            "--since",
            "2023-01-01",
            "--until",
            "2023-02-28",
            "--kind",
            "school visit"
        ]),
        1
    );
    assert_eq!(count(&["--program", "Vaasa 2022"]), 3);
    let csv = env.ok(&["activity", "list", "--format", "csv"]);
    assert!(csv.starts_with("id,date,person_id,person,kind,channel,url,hashtags,impressions,reactions,comments,shares,clicks,program_id,program,note,source,batch_id\n"), "{csv}");
}

#[test]
fn activity_edit_changes_metrics_note_and_date() {
    let env = Env::with_ambassadors();
    add_post(&env);
    let out = env.json(&[
        "activity",
        "edit",
        "1",
        "--impressions",
        "2500",
        "--note",
        "",
    ]);
    assert_eq!(out["impressions"], 2500);
    assert_eq!(out["reactions"], 45);
    assert_eq!(out["note"], serde_json::Value::Null);
    let out = env.json(&["activity", "edit", "1", "--date", "2022-11-05"]);
    assert_eq!(out["date"], "2022-11-05");
    let before = env.snapshot();
    let err = env.fails(&["activity", "edit", "1", "--date", "2022-10-01"]);
    assert!(
        err.contains("not enrolled in any programme on 2022-10-01"),
        "{err}"
    );
    let err = env.fails(&["activity", "edit", "42", "--clicks", "1"]);
    assert!(err.contains("there is no activity 42"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn activity_remove_asks_and_removes() {
    let env = Env::with_ambassadors();
    add_post(&env);
    let before = env.snapshot();
    let err = env.fails(&["activity", "remove", "1"]);
    assert!(err.contains("--yes"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&["activity", "remove", "1", "--yes"]);
    assert_eq!(env.json(&["activity", "list"]), serde_json::json!([]));
    // The URL can be recorded again once the activity is gone.
    add_post(&env);
}

#[test]
fn the_same_url_written_differently_is_a_duplicate() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--url",
        "https://x.com/aino/status/1",
    ]);
    for url in [
        "https://x.com/aino/status/1/",
        "HTTPS://X.COM/aino/status/1",
        "https://x.com/aino/status/1#top",
    ] {
        let err = env.fails(&[
            "activity",
            "add",
            "mikael",
            "post",
            "--channel",
            "twitter",
            "--url",
            url,
        ]);
        assert!(
            err.contains("is already recorded on x as activity 1"),
            "{url}: {err}"
        );
    }
    let err = env.fails(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--url",
        "x.com/aino/status/2",
    ]);
    assert!(err.contains("is not a web address"), "{err}");
}

#[test]
fn withdrawing_or_closing_before_recorded_activities_is_refused() {
    let env = Env::with_ambassadors();
    env.set_today("2023-12-31");
    env.ok(&["activity", "add", "sofia", "talk", "--date", "2023-02-03"]);
    let before = env.snapshot();
    let err = env.fails(&["withdraw", "sofia", "--date", "2023-02-01"]);
    assert!(err.contains("Sofia Ahlberg has 1 activity in Vaasa 2022 on or after 2023-02-01 (the first: activity 1 on 2023-02-03)"), "{err}");
    let err = env.fails(&[
        "program",
        "close",
        "Vaasa 2022",
        "--date",
        "2023-02-02",
        "--yes",
    ]);
    assert!(
        err.contains("there is 1 activity in Vaasa 2022 on or after 2023-02-03"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
    env.ok(&["withdraw", "sofia", "--date", "2023-02-04"]);
}

#[test]
fn edit_and_remove_refusals() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "talk"]);
    let before = env.snapshot();
    let err = env.fails(&["activity", "edit", "1"]);
    assert!(err.contains("nothing to change"), "{err}");
    let err = env.fails(&["activity", "remove", "7", "--yes"]);
    assert!(err.contains("there is no activity 7"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn repeated_hashtags_are_stored_once() {
    let env = Env::with_ambassadors();
    let out = env.json(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--hashtag",
        "Vaasa",
        "--hashtag",
        "#vaasa",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    assert_eq!(
        out["hashtags"],
        serde_json::json!(["#Vaasa", "#OnnellisenArjenTekijät"])
    );
}
