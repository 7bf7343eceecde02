use std::io::Write;

use crate::{Env, fixture};

fn import(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["activity", "import"];
    all.extend_from_slice(args);
    env.json(&all)
}

fn activities(env: &Env, args: &[&str]) -> Vec<serde_json::Value> {
    let mut all = vec!["activity", "list"];
    all.extend_from_slice(args);
    env.json(&all).as_array().unwrap().clone()
}

fn stored_text(env: &Env) -> Vec<Option<String>> {
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT text FROM activity ORDER BY id")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn linkedin_shares_count_only_programme_posts_within_the_enrolment() {
    let env = Env::with_ambassadors();
    let out = import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    assert_eq!(out["format"], "linkedin");
    assert_eq!(out["posts_read"], 7);
    assert_eq!(out["added"], 4);
    assert_eq!(out["without_hashtag"], 2, "a longer tag and no tag");
    assert_eq!(out["outside_program"], 1, "posted before enrolment");
    assert_eq!(out["rejected"], 1, "a blank Date");
    assert_eq!(out["rejected_entries"][0], "line 8: the Date is blank");
    assert_eq!(out["batch"], 1);
    assert_eq!(out["sha256"].as_str().unwrap().len(), 64);
    let posts = activities(&env, &["--channel", "linkedin"]);
    let dates: Vec<&str> = posts.iter().map(|p| p["date"].as_str().unwrap()).collect();
    assert_eq!(
        dates,
        ["2022-10-20", "2022-11-02", "2022-12-01", "2023-02-14"]
    );
    assert_eq!(
        posts[1]["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijat"]),
        "the accepted spelling"
    );
    assert_eq!(
        posts[3]["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijät"]),
        "a decomposed ä"
    );
    assert!(
        posts.iter().all(|p| p["kind"] == "post"
            && p["program"] == "Vaasa 2022"
            && p["source"] == "import")
    );
    assert!(
        stored_text(&env).iter().all(Option::is_none),
        "no post text without --keep-text"
    );
}

#[test]
fn importing_again_or_an_overlapping_export_adds_only_new_posts() {
    let env = Env::with_ambassadors();
    import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    let before = activities(&env, &[]);
    let again = import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    assert_eq!(again["added"], 0);
    assert_eq!(again["already_recorded"], 4);
    assert_eq!(again["earlier_batches"], serde_json::json!([1]));
    assert_eq!(activities(&env, &[]), before);
    let later = import(
        &env,
        &[
            &fixture("exports/linkedin-later/Shares_28431.csv"),
            "--person",
            "aino",
        ],
    );
    assert_eq!(later["added"], 1);
    assert_eq!(later["already_recorded"], 2);
    assert_eq!(activities(&env, &[]).len(), 5);
}

#[test]
fn an_x_archive_folder_with_several_parts() {
    let env = Env::with_ambassadors();
    let out = import(&env, &[&fixture("exports/x"), "--person", "mikael"]);
    assert_eq!(out["format"], "x");
    assert_eq!(out["posts_read"], 5);
    assert_eq!(out["added"], 4);
    assert_eq!(out["without_hashtag"], 1);
    let tweets = activities(&env, &["--channel", "x"]);
    // 22:30 UTC on 13 October is 01:30 on the 14th in Helsinki: the day of enrolment.
    assert_eq!(tweets[0]["date"], "2022-10-14");
    assert_eq!(
        tweets[0]["url"],
        "https://x.com/i/web/status/1580000000000000001"
    );
    assert_eq!(tweets[0]["reactions"], 12);
    assert_eq!(tweets[0]["shares"], 3);
    assert_eq!(tweets[1]["kind"], "share", "a retweet");
    assert_eq!(tweets[2]["reactions"], 7, "bare item with number counts");
    assert_eq!(
        tweets[3]["date"], "2023-02-18",
        "the second part of the archive"
    );
}

#[test]
fn the_time_zone_decides_the_date() {
    let env = Env::with_ambassadors();
    env.write("config/amb/config.toml", "timezone = \"UTC\"\n");
    let out = import(
        &env,
        &[&fixture("exports/x/data/tweets.js"), "--person", "mikael"],
    );
    // In UTC the first tweet is on 13 October, before the enrolment.
    assert_eq!(out["outside_program"], 1);
    assert_eq!(out["added"], 2);
}

#[test]
fn mastodon_posts_and_boosts_of_programme_posts() {
    let env = Env::with_ambassadors();
    let out = import(
        &env,
        &[
            &fixture("exports/mastodon/outbox.json"),
            "--person",
            "sofia",
        ],
    );
    assert_eq!(out["format"], "mastodon");
    assert_eq!(out["added"], 3);
    assert_eq!(
        out["without_hashtag"], 2,
        "a post without a tag and a boost of someone else's post"
    );
    let toots = activities(&env, &["--channel", "mastodon"]);
    assert_eq!(toots[0]["url"], "https://mastodon.example/@sofia/101");
    assert_eq!(toots[0]["reactions"], 9);
    assert_eq!(toots[0]["shares"], 2);
    assert_eq!(toots[1]["kind"], "share");
    assert_eq!(
        toots[2]["hashtags"],
        serde_json::json!(["#OnnellisenArjenTekijat"]),
        "tag only in tag[]"
    );
}

#[test]
fn facebook_and_instagram_text_is_repaired_and_posts_without_urls_are_not_duplicated() {
    let env = Env::with_ambassadors();
    let out = import(
        &env,
        &[
            &fixture("exports/facebook"),
            "--person",
            "aino",
            "--keep-text",
        ],
    );
    assert_eq!(out["format"], "facebook");
    assert_eq!(out["added"], 2);
    assert_eq!(out["rejected"], 1);
    let texts = stored_text(&env);
    assert_eq!(
        texts[0].as_deref(),
        Some("Hyvää huomenta Vaasasta! #OnnellisenArjenTekijät")
    );
    assert_eq!(
        texts[1].as_deref(),
        Some("Joulukuu ja koulun juhla 🎄 #onnellisenarjentekijät")
    );
    let again = import(
        &env,
        &[
            &fixture("exports/facebook/posts/your_posts_1.json"),
            "--person",
            "aino",
        ],
    );
    assert_eq!(again["added"], 0);
    assert_eq!(again["already_recorded"], 2);

    let out = import(&env, &[&fixture("exports/instagram"), "--person", "aino"]);
    assert_eq!(out["format"], "instagram");
    assert_eq!(out["added"], 2);
    assert_eq!(out["without_hashtag"], 1);
    let posts = activities(&env, &["--channel", "instagram"]);
    assert_eq!(posts[0]["date"], "2022-11-04");
    assert_eq!(posts[1]["date"], "2022-12-04");
}

#[test]
fn the_generic_csv_names_its_people_and_updates_metrics_on_request() {
    let env = Env::with_ambassadors();
    let file = fixture("exports/csv/activities.csv");
    let err = env.fails(&["activity", "import", &file, "--person", "aino"]);
    assert!(err.contains("leave out --person"), "{err}");
    let out = import(&env, &[&file]);
    assert_eq!(out["format"], "csv");
    assert_eq!(out["added"], 4);
    assert_eq!(out["without_hashtag"], 1);
    assert_eq!(out["outside_program"], 1);
    let kinds: Vec<String> = activities(&env, &[])
        .iter()
        .map(|a| a["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(kinds, ["post", "fair-visit", "article", "school-visit"]);
    // Again: nothing new, the visits without a URL included.
    let again = import(&env, &[&file]);
    assert_eq!(again["added"], 0);
    assert_eq!(again["already_recorded"], 4);
    // Later analytics for a post imported earlier (its URL written with a trailing slash).
    let later = fixture("exports/csv/analytics-later.csv");
    let plain = import(&env, &[&later]);
    assert_eq!(plain["already_recorded"], 1);
    let updated = import(&env, &[&later, "--update-metrics"]);
    assert_eq!(updated["updated"], 1);
    let post = &activities(&env, &["--channel", "tiktok"])[0];
    assert_eq!(post["impressions"], 9100);
    assert_eq!(post["reactions"], 505);
    assert_eq!(post["shares"], 8, "a figure the file leaves empty is kept");
    assert_eq!(post["clicks"], 33);
}

#[test]
fn a_generic_csv_with_unknown_people_or_bad_rows_imports_nothing() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "person",
        "add",
        "Never Enrolled",
        "--email",
        "never@vaasa.example",
        "--role",
        "employee",
    ]);
    let before = env.snapshot();
    let file = env.write(
        "bad.csv",
        "email,date,kind,channel,url,hashtags\n\
         aino@vaasa.example,2022-11-03,post,linkedin,https://l.example/1,#OnnellisenArjenTekijät\n\
         nobody@vaasa.example,2022-11-03,talk,,,\n\
         never@vaasa.example,2022-11-03,talk,,,\n\
         aino@vaasa.example,31.2.2023,talk,,,\n\
         aino@vaasa.example,2022-11-05,post,,,#OnnellisenArjenTekijät\n\
         aino@vaasa.example,2022-11-05,post,x,not-a-url,#OnnellisenArjenTekijät\n\
         aino@vaasa.example,2022-11-06,post,x,www.x.com/aino,#Vaasa\n",
    );
    let err = env.fails(&["activity", "import", &file]);
    assert!(err.contains("6 bad rows; nothing was imported"), "{err}");
    assert!(
        err.contains("line 3: no person has the e-mail nobody@vaasa.example"),
        "{err}"
    );
    assert!(
        err.contains("line 4: never@vaasa.example has never been enrolled"),
        "{err}"
    );
    assert!(err.contains("line 5: \"31.2.2023\" is not a date"), "{err}");
    assert!(err.contains("line 6: a post needs a channel"), "{err}");
    assert!(
        err.contains("line 7: \"not-a-url\" is not a web address"),
        "{err}"
    );
    // A broken row is refused even when it would not have counted (no programme hashtag).
    assert!(
        err.contains("line 8: \"www.x.com/aino\" is not a web address"),
        "{err}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_zip_export_is_searched_for_the_known_file() {
    let env = Env::with_ambassadors();
    let path = env.path("Basic_LinkedInDataExport_11-26-2022.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("Basic_LinkedInDataExport_11-26-2022/Profile.csv", options)
        .unwrap();
    zip.write_all(b"First Name,Last Name\nAino,Makela\n")
        .unwrap();
    zip.start_file(
        "Basic_LinkedInDataExport_11-26-2022/Shares_98765.csv",
        options,
    )
    .unwrap();
    zip.write_all(&std::fs::read(fixture("exports/linkedin/Shares.csv")).unwrap())
        .unwrap();
    zip.finish().unwrap();
    let out = import(&env, &[path.to_str().unwrap(), "--person", "aino"]);
    assert_eq!(out["format"], "linkedin");
    assert_eq!(out["added"], 4);
}

#[test]
fn broken_files_say_where_and_change_nothing() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "tweets.js",
            b"window.YTD.tweets.part0 = [\n  {\"tweet\": {\"id_str\": \"1\",\n  ]",
            "line 3",
        ),
        (
            "outbox.json",
            b"{\"orderedItems\": [ {\"type\": \"Create\" ",
            "line 1",
        ),
        (
            "your_posts_1.json",
            b"[{\"timestamp\": 1667376000, \"data\": [{\"post\": \"x\"}]},\n{\"timestamp\": }]",
            "line 2",
        ),
        (
            "posts_1.json",
            b"[{\"media\": [{\"creation_timestamp\": 1667376000}]}] trailing",
            "line 1",
        ),
        (
            "tweet.js",
            b"window.YTD.tweet.part0 = {\"not\": \"an array\"}",
            "a JSON array",
        ),
    ];
    for (name, contents, expected) in cases {
        let file = env.write(&format!("broken/{name}"), contents);
        let err = env.fails(&["activity", "import", &file, "--person", "aino"]);
        assert!(
            err.contains(expected) && err.contains("nothing was imported"),
            "{name}: {err}"
        );
        assert!(err.contains(name), "the file is named: {err}");
        assert_eq!(env.snapshot(), before, "{name}");
    }
}

#[test]
fn a_malformed_file_leaves_the_database_as_it_was() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let file = env.write("tweets.js", "window.YTD.tweets.part0 = [\n{\"tweet\": {\"id_str\": \"1580000000000000001\", \"created_at\": \"Thu Oct 20 22:30:00 +0000 2022\", \"full_text\": \"#OnnellisenArjenTekijät\"}},\n{\"tweet\": ");
    let err = env.fails(&["activity", "import", &file, "--person", "mikael"]);
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_person_must_be_given_and_have_been_enrolled() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "person",
        "add",
        "Never Enrolled",
        "--email",
        "never@vaasa.example",
        "--role",
        "employee",
    ]);
    let before = env.snapshot();
    let err = env.fails(&[
        "activity",
        "import",
        &fixture("exports/linkedin/Shares.csv"),
    ]);
    assert!(
        err.contains("whose linkedin export is this? give --person"),
        "{err}"
    );
    let err = env.fails(&[
        "activity",
        "import",
        &fixture("exports/linkedin/Shares.csv"),
        "--person",
        "never",
    ]);
    assert!(
        err.contains("Never Enrolled has never been enrolled"),
        "{err}"
    );
    let err = env.fails(&[
        "activity",
        "import",
        &fixture("people/applications-en.csv"),
        "--person",
        "aino",
    ]);
    assert!(err.contains("cannot tell which export"), "{err}");
    let err = env.fails(&[
        "activity",
        "import",
        &fixture("exports"),
        "--person",
        "aino",
    ]);
    assert!(err.contains("holds several exports"), "{err}");
    let err = env.fails(&[
        "activity",
        "import",
        "/nonexistent/export.zip",
        "--person",
        "aino",
    ]);
    assert!(err.contains("cannot open /nonexistent/export.zip"), "{err}");
    let err = env.fails(&[
        "activity",
        "import",
        &fixture("exports/linkedin"),
        "--from",
        "x",
        "--person",
        "aino",
    ]);
    assert!(err.contains("found no x export file"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn a_dry_run_reports_and_writes_nothing() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let out = import(
        &env,
        &[
            &fixture("exports/linkedin/Shares.csv"),
            "--person",
            "aino",
            "--dry-run",
        ],
    );
    assert_eq!(out["dry_run"], true);
    assert_eq!(out["added"], 4);
    assert_eq!(out["batch"], serde_json::Value::Null);
    assert_eq!(env.snapshot(), before);
}

#[test]
fn import_list_and_undo_remove_exactly_one_batch() {
    let env = Env::with_ambassadors();
    env.ok(&["activity", "add", "aino", "talk", "--date", "2022-11-10"]);
    import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    import(&env, &[&fixture("exports/x"), "--person", "mikael"]);
    let batches = env.json(&["import", "list"]);
    assert_eq!(batches.as_array().unwrap().len(), 2);
    assert_eq!(batches[0]["format"], "linkedin");
    assert_eq!(batches[0]["person"], "Aino Mäkelä");
    assert_eq!(batches[0]["activities"], 4);
    let err = env.fails(&["import", "undo", "1"]);
    assert!(err.contains("--yes"), "{err}");
    let out = env.json(&["import", "undo", "1", "--yes"]);
    assert!(out["undone_at"].is_string());
    assert_eq!(out["activities"], 0);
    let left: Vec<String> = activities(&env, &[])
        .iter()
        .map(|a| {
            format!(
                "{}/{}",
                a["kind"].as_str().unwrap(),
                a["channel"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(left.len(), 5, "{left:?}");
    assert!(left.contains(&"talk/-".to_string()));
    assert!(left.iter().filter(|l| l.ends_with("/x")).count() == 4);
    let err = env.fails(&["import", "undo", "1", "--yes"]);
    assert!(err.contains("already undone"), "{err}");
    let err = env.fails(&["import", "undo", "9", "--yes"]);
    assert!(err.contains("there is no import batch 9"), "{err}");
    // The posts can be imported again after an undo.
    let again = import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    assert_eq!(again["added"], 4);
}

/// The sets of hashtags kept for the posts (`hashtag_set`), as text.
fn hashtag_sets(env: &Env) -> Vec<String> {
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT tags FROM hashtag_set ORDER BY id")
        .unwrap();
    stmt.query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_set_of_hashtags_is_kept_once_and_goes_with_the_last_post_that_carries_it() {
    let env = Env::with_ambassadors();
    let shares = fixture("exports/linkedin/Shares.csv");
    import(&env, &[&shares, "--person", "aino"]);
    let sets = hashtag_sets(&env);
    assert!(!sets.is_empty());
    let posts = activities(&env, &[]);
    let carried: std::collections::BTreeSet<String> = posts
        .iter()
        .map(|a| {
            let tags: Vec<&str> = a["hashtags"]
                .as_array()
                .unwrap()
                .iter()
                .map(|t| t.as_str().unwrap())
                .collect();
            tags.join(" ")
        })
        .collect();
    assert_eq!(
        sets.iter()
            .cloned()
            .collect::<std::collections::BTreeSet<_>>(),
        carried,
        "one set per distinct list, as each post shows it"
    );
    assert!(sets.len() < posts.len(), "{sets:?}");
    // Importing the same file again adds no post and no set.
    let again = import(&env, &[&shares, "--person", "aino"]);
    assert_eq!(again["added"], 0);
    assert_eq!(hashtag_sets(&env), sets);
    // A post added by hand with a new list makes a set; removing it removes the set.
    let added = env.json(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--date",
        "2022-11-10",
        "--url",
        "https://x.com/aino/status/1",
        "--hashtag",
        "Vaasa",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    assert_eq!(hashtag_sets(&env).len(), sets.len() + 1);
    env.ok(&["activity", "remove", &added["id"].to_string(), "--yes"]);
    assert_eq!(hashtag_sets(&env), sets);
    // Undoing the import leaves no set behind.
    env.ok(&["import", "undo", "1", "--yes"]);
    assert_eq!(hashtag_sets(&env), Vec::<String>::new());
}

#[test]
fn a_post_imported_again_with_other_tags_leaves_no_set_for_the_repeat() {
    let env = Env::with_ambassadors();
    // A second programme hashtag, so that the repeat carries another set of them.
    env.ok(&["program", "edit", "1", "--add-hashtag", "Vaasa"]);
    let row = "aino@vaasa.example,2022-11-02,post,x,https://x.com/a/status/1";
    let first = env.write(
        "first.csv",
        format!("email,date,kind,channel,url,hashtags\n{row},#OnnellisenArjenTekijät\n"),
    );
    let again = env.write(
        "again.csv",
        format!("email,date,kind,channel,url,hashtags\n{row},#OnnellisenArjenTekijät #Vaasa\n"),
    );
    assert_eq!(import(&env, &[&first, "--from", "csv"])["added"], 1);
    let out = import(&env, &[&again, "--from", "csv"]);
    assert_eq!(out["added"], 0, "{out}");
    assert_eq!(hashtag_sets(&env), ["#OnnellisenArjenTekijät"]);
}

#[test]
fn an_alumni_programme_keeps_counting_and_withdrawal_ends_counting() {
    let env = Env::with_ambassadors();
    env.ok(&["withdraw", "aino", "--date", "2022-12-01"]);
    let out = import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    // The post on the day of withdrawal and the one after no longer count.
    assert_eq!(out["added"], 2);
    assert_eq!(out["outside_program"], 3);
    env.ok(&[
        "program",
        "add",
        "Alumni",
        "--start",
        "2023-01-01",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    env.ok(&[
        "enroll",
        "aino",
        "--program",
        "Alumni",
        "--date",
        "2023-01-01",
    ]);
    let out = import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    assert_eq!(
        out["added"], 1,
        "the February post counts for the alumni programme"
    );
    let alumni = activities(&env, &["--program", "Alumni"]);
    assert_eq!(alumni[0]["date"], "2023-02-14");
}

#[test]
fn a_cut_off_csv_is_refused() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let whole = std::fs::read_to_string(fixture("exports/linkedin/Shares.csv")).unwrap();
    let cut = &whole[..whole.find("Koulun arkea").unwrap() + 20];
    let file = env.write("cut/Shares.csv", cut);
    let err = env.fails(&["activity", "import", &file, "--person", "aino"]);
    assert!(
        err.contains("ends inside a quoted field") && err.contains("nothing was imported"),
        "{err}"
    );
    let file = env.write("cut.csv", "email,date,kind,channel,url,hashtags\naino@vaasa.example,2022-11-03,post,x,https://x.example/1,\"#OnnellisenArjenTekijät");
    let err = env.fails(&["activity", "import", &file]);
    assert!(err.contains("ends inside a quoted field"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_instagram_export_folder_with_its_other_files() {
    let env = Env::with_ambassadors();
    let dir = env.path("instagram-aino");
    std::fs::create_dir_all(dir.join("your_instagram_activity/content")).unwrap();
    std::fs::create_dir_all(dir.join("ads_information/ads_and_topics")).unwrap();
    std::fs::copy(
        fixture("exports/instagram/content/posts_1.json"),
        dir.join("your_instagram_activity/content/posts_1.json"),
    )
    .unwrap();
    std::fs::write(
        dir.join("ads_information/ads_and_topics/posts_viewed.json"),
        "{\"impressions_history_posts_seen\": []}",
    )
    .unwrap();
    std::fs::write(
        dir.join("your_instagram_activity/content/profile_photos.json"),
        "{}",
    )
    .unwrap();
    let out = import(&env, &[dir.to_str().unwrap(), "--person", "aino"]);
    assert_eq!(out["format"], "instagram");
    assert_eq!(out["added"], 2);
}

#[test]
fn a_boost_is_dated_when_it_was_boosted() {
    let env = Env::with_ambassadors();
    let outbox = r#"{"orderedItems": [
      {"type": "Create", "published": "2022-11-05T08:00:00Z",
       "object": {"id": "https://m.example/users/sofia/statuses/1", "url": "https://m.example/@sofia/1",
                  "published": "2022-11-05T08:00:00Z", "content": "<p>#OnnellisenArjenTekijät</p>"}},
      {"type": "Announce", "id": "https://m.example/users/sofia/statuses/2/activity", "published": "2023-01-10T09:00:00Z",
       "object": {"id": "https://m.example/users/sofia/statuses/1", "published": "2022-11-05T08:00:00Z"}}
    ]}"#;
    let file = env.write("outbox.json", outbox);
    import(&env, &[&file, "--person", "sofia"]);
    let shares = activities(&env, &["--kind", "share"]);
    assert_eq!(shares[0]["date"], "2023-01-10");
}

#[test]
fn analytics_without_hashtags_update_posts_recorded_earlier() {
    let env = Env::with_ambassadors();
    import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    let file = env.write(
        "analytics.csv",
        "email,date,kind,channel,url,hashtags,impressions,reactions\n\
         aino@vaasa.example,2022-10-20,post,linkedin,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001,,3100,88\n",
    );
    let out = import(&env, &[&file, "--update-metrics"]);
    assert_eq!(out["updated"], 1);
    assert_eq!(out["without_hashtag"], 0);
    let post = &activities(&env, &["--since", "2022-10-20", "--until", "2022-10-20"])[0];
    assert_eq!(post["impressions"], 3100);
    assert_eq!(post["reactions"], 88);
}

#[test]
fn a_hash_in_a_web_address_is_not_the_programme_tag() {
    let env = Env::with_ambassadors();
    let file = env.write(
        "Shares.csv",
        "Date,ShareLink,ShareCommentary\n\
         2022-11-02 08:00:00,https://l.example/1,\"Lue: https://www.vaasa.fi/#OnnellisenArjenTekijät\"\n\
         2022-11-03 08:00:00,https://l.example/2,\"sana#OnnellisenArjenTekijät\"\n",
    );
    let out = import(&env, &[&file, "--person", "aino"]);
    assert_eq!(out["added"], 0);
    assert_eq!(out["without_hashtag"], 2);
}

#[test]
fn overlapping_cohorts_keep_their_own_posts() {
    let env = Env::with_ambassadors();
    env.ok(&[
        "program",
        "add",
        "Vaasa 2023",
        "--start",
        "2023-09-01",
        "--hashtag",
        "OnnellisenArjenTekijät2023",
    ]);
    env.ok(&[
        "enroll",
        "aino",
        "--program",
        "Vaasa 2023",
        "--date",
        "2023-09-01",
    ]);
    let file = env.write(
        "Shares.csv",
        "Date,ShareLink,ShareCommentary\n\
         2023-09-15 08:00:00,https://l.example/1,\"#OnnellisenArjenTekijät\"\n\
         2023-09-16 08:00:00,https://l.example/2,\"#OnnellisenArjenTekijät2023\"\n",
    );
    let out = import(&env, &[&file, "--person", "aino"]);
    assert_eq!(out["added"], 2);
    assert_eq!(activities(&env, &["--program", "Vaasa 2022"]).len(), 1);
    assert_eq!(activities(&env, &["--program", "Vaasa 2023"]).len(), 1);
}

#[test]
fn a_post_is_known_by_its_platform_id_and_its_address_is_rebuilt() {
    let env = Env::with_ambassadors();
    import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let (stored, ids): (i64, String) = conn
        .query_row(
            "SELECT count(url), group_concat(post_id) FROM activity",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .unwrap();
    assert_eq!((stored, ids.as_str()), (0, "7001,7002,7004,7008"));
    let first = "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7001";
    assert_eq!(activities(&env, &[])[0]["url"], first);
    let export = env.ok(&["export", "activities", "--format", "csv"]);
    assert!(export.contains(first), "{export}");
    // The same post written differently, added by hand or imported again, is the same post.
    let err = env.fails(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "linkedin",
        "--date",
        "2022-10-20",
        "--url",
        &format!("HTTPS://WWW.LINKEDIN.COM{}/", &first[24..]),
    ]);
    assert!(
        err.contains("is already recorded on linkedin as activity 1"),
        "{err}"
    );
    let again = import(
        &env,
        &[&fixture("exports/linkedin/Shares.csv"), "--person", "aino"],
    );
    assert_eq!(again["already_recorded"], 4);
    // A Mastodon status recorded by its page is the one a boost names by its id.
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "mastodon",
        "--date",
        "2022-11-01",
        "--url",
        "https://other.example/@someone/999",
        "--hashtag",
        "OnnellisenArjenTekijät",
    ]);
    let out = import(
        &env,
        &[
            &fixture("exports/mastodon/outbox.json"),
            "--person",
            "sofia",
        ],
    );
    assert_eq!(out["added"], 4, "{out}");
    assert_eq!(out["without_hashtag"], 1, "{out}");
}

/// A generic CSV of 30 posts by two people, the dates out of order (November 1, 8, 2, 9,
/// 3, …), each post's impressions 100 + its place in the file, the ninth post repeated at
/// the end with other figures.
fn posts_out_of_order() -> String {
    let mut csv = String::from("email,date,kind,channel,url,hashtags,impressions\n");
    for i in 0..30 {
        let who = if i % 2 == 0 { "aino" } else { "sofia" };
        let day = i * 7 % 13 + 1;
        csv += &format!(
            "{who}@vaasa.example,2022-11-{day:02},post,linkedin,https://www.linkedin.com/feed/update/urn:li:activity:{},#OnnellisenArjenTekijät,{}\n",
            7000 + i,
            100 + i
        );
    }
    csv += "aino@vaasa.example,2022-11-08,post,linkedin,https://www.linkedin.com/feed/update/urn:li:activity:7008,#OnnellisenArjenTekijät,999\n";
    csv
}

/// The date and impressions of every activity, in the order of their ids.
fn stored(env: &Env) -> Vec<(String, i64)> {
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let mut stmt = conn
        .prepare("SELECT date, impressions FROM activity ORDER BY id")
        .unwrap();
    stmt.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn posts_read_out_of_order_are_stored_by_date_and_paid_as_ever() {
    let env = Env::with_ambassadors();
    let file = env.write("posts.csv", posts_out_of_order());
    let out = import(&env, &[&file]);
    assert_eq!(out["added"], 30);
    assert_eq!(out["already_recorded"], 1);
    let rows = stored(&env);
    let dates: Vec<&str> = rows.iter().map(|(d, _)| d.as_str()).collect();
    // The first two were read in order and passed straight through; from the first one
    // out of order (November 2), the rest waited to be given their ids in date order: the
    // days from the 8th on first, continuing the run, then from the 1st. One step back.
    let back = dates.windows(2).filter(|pair| pair[1] < pair[0]).count();
    assert_eq!(back, 1, "{dates:?}");
    assert_eq!(dates[..2], ["2022-11-01", "2022-11-08"]);
    let shown: Vec<i64> = rows.iter().map(|&(_, n)| n).collect();
    assert!(
        shown.contains(&108) && !shown.contains(&999),
        "a repeated post keeps its first occurrence: {shown:?}"
    );
    // Every post paid once, the ledger chained, the kept sums right.
    env.ok(&["check"]);
    let ledger = env.json(&["points", "ledger", "--person", "aino"]);
    assert_eq!(ledger.as_array().unwrap().len(), 15);
    // The same file again: nothing new.
    let again = import(&env, &[&file]);
    assert_eq!(
        (again["added"].as_i64(), again["already_recorded"].as_i64()),
        (Some(0), Some(31))
    );
}

#[test]
fn with_post_caps_posts_are_stored_in_the_order_read() {
    let env = Env::with_ambassadors();
    env.write("config/amb/config.toml", "[points]\ndaily_post_cap = 1\n");
    let file = env.write("posts.csv", posts_out_of_order());
    let out = import(&env, &[&file]);
    assert_eq!(out["added"], 30);
    let read: Vec<i64> = stored(&env).iter().map(|&(_, n)| n).collect();
    assert_eq!(
        read,
        (100..130).collect::<Vec<_>>(),
        "the order of the file"
    );
    env.ok(&["check"]);
}

#[test]
fn long_notes_out_of_order_wait_fewer_at_a_time_and_all_arrive() {
    // 2,400 school visits with notes of 2,000 characters, days out of order: their notes
    // (4.8 MB) are more than the window keeps waiting, so some leave before it is full.
    let env = Env::with_ambassadors();
    let mut csv = String::from("email,date,kind,channel,url,hashtags,note\n");
    for i in 0..2400 {
        let day = i * 7 % 13 + 1;
        csv += &format!(
            "sofia@vaasa.example,2022-11-{day:02},school-visit,,,,{i:04} {}\n",
            "x".repeat(1995)
        );
    }
    let file = env.write("visits.csv", csv);
    let out = import(&env, &[&file]);
    assert_eq!(out["added"], 2400);
    let conn = rusqlite::Connection::open(env.default_db()).unwrap();
    let notes: Vec<String> = conn
        .prepare("SELECT substr(note, 1, 4) FROM activity ORDER BY id")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut all = notes.clone();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 2400, "every visit once");
    assert_ne!(notes, all, "stored by date, not in the order read");
    env.ok(&["check"]);
}
