//! Real exports as people download them: the fixtures of each platform's quirks, and the
//! corpus of published exports in `../shared/real-exports` (read from there, never copied
//! into the repository; where it is absent those tests say so and pass).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Env, fixture};

fn import(env: &Env, args: &[&str]) -> Value {
    let mut all = vec!["activity", "import"];
    all.extend_from_slice(args);
    env.json(&all)
}

/// Every entry's decision, as `--explain` lists them.
fn explain(env: &Env, path: &str) -> Vec<Value> {
    let out = import(env, &[path, "--person", "aino", "--dry-run", "--explain"]);
    out.as_array().expect("a list").clone()
}

fn decisions(entries: &[Value]) -> Vec<&str> {
    entries
        .iter()
        .map(|e| e["decision"].as_str().unwrap())
        .collect()
}

#[test]
fn the_2018_linkedin_layout_is_read_in_utf16_with_tabs() {
    let env = Env::with_ambassadors();
    let file = fixture("exports/linkedin-2018/Shares.csv");
    let entries = explain(&env, &file);
    assert_eq!(
        decisions(&entries),
        ["counted", "without_hashtag", "outside_program"]
    );
    assert_eq!(entries[0]["date"], "2022-11-03");
    assert_eq!(
        entries[0]["text"],
        "Koulun arkea Vaasassa ✌️#OnnellisenArjenTekijät"
    );
    let out = import(&env, &[&file, "--person", "aino"]);
    assert_eq!(out["format"], "linkedin");
    assert_eq!(out["added"], 1);
}

#[test]
fn a_mastodon_4_3_outbox_with_two_ordered_items_keys_takes_the_full_one() {
    let env = Env::with_ambassadors();
    let out = import(
        &env,
        &[
            &fixture("exports/mastodon-4.3/outbox.json"),
            "--person",
            "sofia",
        ],
    );
    assert_eq!(out["posts_read"], 2, "her boost of her own post is no post");
    assert_eq!(
        out["added"], 1,
        "the post with its tag right after an emoji"
    );
    assert_eq!(out["without_hashtag"], 1);
}

#[test]
fn a_file_with_no_post_in_it_is_refused_and_nothing_written() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let empty = env.write(
        "outbox.json",
        r#"{"type": "OrderedCollection", "orderedItems": [], "orderedItems": []}"#,
    );
    let err = env.fails(&["activity", "import", &empty, "--person", "aino"]);
    assert!(err.contains("no post found"), "{err}");
    let only_follows = env.write(
        "follows/outbox.json",
        r#"{"orderedItems": [{"type": "Follow", "id": "a", "object": "b"}]}"#,
    );
    let err = env.fails(&["activity", "import", &only_follows, "--person", "aino"]);
    assert!(err.contains("no post found"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_x_archive_with_community_posts_and_long_posts() {
    let env = Env::with_ambassadors();
    let entries = explain(&env, &fixture("exports/x-2024"));
    assert_eq!(decisions(&entries), ["counted", "counted", "counted"]);
    let long = entries
        .iter()
        .find(|e| e["post"] == "https://x.com/i/web/status/1587000000000000001")
        .expect("the long post");
    // Its tag is only in the note's full text, past the truncated tweet.
    assert_eq!(long["why"], "carries #OnnellisenArjenTekijät");
    let community = entries
        .iter()
        .find(|e| e["post"] == "https://x.com/i/web/status/1587000000000000003");
    assert!(community.is_some(), "{entries:?}");
    let out = import(
        &env,
        &[
            &fixture("exports/x-2024"),
            "--person",
            "aino",
            "--keep-text",
        ],
    );
    assert_eq!(out["added"], 3);
    let stored = env.json(&["activity", "list", "--channel", "x"]);
    assert_eq!(stored.as_array().unwrap().len(), 3);
}

#[test]
fn an_x_archive_zip_reads_its_notes_and_community_posts_too() {
    let env = Env::with_ambassadors();
    let folder = PathBuf::from(fixture("exports/x-2024"));
    let path = env.path("twitter-2024-11-15-abc.zip");
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for name in [
        "data/tweets.js",
        "data/note-tweet.js",
        "data/community-tweet.js",
        "data/tweet-headers.js",
    ] {
        zip.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&std::fs::read(folder.join(name)).unwrap())
            .unwrap();
    }
    zip.finish().unwrap();
    assert_eq!(
        decided(&explain(&env, path.to_str().unwrap())),
        decided(&explain(&env, folder.to_str().unwrap()))
    );
}

#[test]
fn note_tweet_js_alone_is_refused_with_a_hint() {
    let env = Env::with_ambassadors();
    let err = env.fails(&[
        "activity",
        "import",
        &fixture("exports/x-2024/data/note-tweet.js"),
        "--person",
        "aino",
    ]);
    assert!(
        err.contains("import tweets.js or the whole archive"),
        "{err}"
    );
}

#[test]
fn explain_says_why_each_post_counts_or_not() {
    let env = Env::with_ambassadors();
    let shares = fixture("exports/linkedin-2018/Shares.csv");
    import(&env, &[&shares, "--person", "aino"]);
    let before = env.snapshot();
    let entries = explain(&env, &shares);
    assert_eq!(
        decisions(&entries),
        ["already_recorded", "without_hashtag", "outside_program"]
    );
    assert_eq!(entries[1]["why"], "it has no hashtag");
    assert_eq!(env.snapshot(), before, "--dry-run --explain writes nothing");
    let bad = env.write(
        "bad/tweets.js",
        r#"window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "created_at": "yesterday"}}]"#,
    );
    let entries = explain(&env, &bad);
    assert_eq!(decisions(&entries), ["rejected"]);
    assert!(
        entries[0]["why"]
            .as_str()
            .unwrap()
            .contains("is not a date"),
        "{entries:?}"
    );
    let csv = env.ok(&[
        "activity",
        "import",
        &shares,
        "--person",
        "aino",
        "--dry-run",
        "--explain",
        "--format",
        "csv",
    ]);
    assert!(
        csv.starts_with("entry,date,post,decision,why,text"),
        "{csv}"
    );
    let generic = env.json(&[
        "activity",
        "import",
        &fixture("exports/csv/activities.csv"),
        "--dry-run",
        "--explain",
    ]);
    let generic = generic.as_array().unwrap();
    assert_eq!(
        decisions(generic),
        [
            "counted",
            "counted",
            "counted",
            "without_hashtag",
            "outside_program",
            "counted"
        ]
    );
    assert_eq!(generic[1]["why"], "a school-visit needs no hashtag");
}

/// The corpus folder, or `None` (with a note) where `../shared` is absent.
fn corpus() -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/real-exports");
    if path.is_dir() {
        Some(path)
    } else {
        eprintln!(
            "note: {} is absent; the real-export tests are skipped",
            path.display()
        );
        None
    }
}

/// Each corpus file, the format it is, and the posts the platform's own data says it has
/// (LinkedIn: distinct share links; Mastodon: Create and Announce activities less direct
/// messages and boosts of one's own posts).
const CORPUS: &[(&str, &str, usize)] = &[
    (
        "linkedin/abhishekwebcode__Abhishek-Mathur-Complete_LinkedInDataExport_11-04-2018/Shares.csv",
        "linkedin",
        5,
    ),
    ("linkedin/sanand0__linkedin/Shares.csv", "linkedin", 198),
    (
        "linkedin/boriskehr76__ask-boris/Shares.csv",
        "linkedin",
        384,
    ),
    (
        "linkedin/SStellaMary__LinkedIn-Analysis/Shares.csv",
        "linkedin",
        57,
    ),
    (
        "linkedin/Femi10__Linkedin-Data-Visualization/Shares.csv",
        "linkedin",
        193,
    ),
    ("x/AlliePinnell__FinalTwitterBackup/tweets.js", "x", 1627),
    ("x/milahu__twitter-milahu104/tweets.js", "x", 2045),
    ("x/vovavasylyna__mytwitterarchive/tweets.js", "x", 2161),
    ("x/smithjd__twitter_archive/tweets.js", "x", 1758),
    ("x/alrocar__tw/tweets.js", "x", 820),
    ("x/dsajgiouawj__TweetArchive/tweet.js", "x", 1163),
    ("x/denchi__lumeninferiusarchive/tweet.js", "x", 22),
    (
        "mastodon/dealingwith__masto-archive/outbox.json",
        "mastodon",
        1545,
    ),
    (
        "mastodon/hikurry__Mastodon-archive/outbox.json",
        "mastodon",
        1467,
    ),
    ("mastodon/goija__mastodon/outbox.json", "mastodon", 305),
    (
        "mastodon/philhawksworth__hawksworx.com/outbox.json",
        "mastodon",
        189,
    ),
    (
        "facebook/Nhule0502__Facebook_analysis/your_posts__check_ins__photos_and_videos_1.json",
        "facebook",
        155,
    ),
    (
        "facebook/HunterHillis__FBPostingHabitsAnalysis/your_posts_1.json",
        "facebook",
        124,
    ),
    (
        "facebook/piter-a__FacebookDataAnalysis/your_posts_1.json",
        "facebook",
        31,
    ),
    (
        "facebook/Kunleiky__ANALYSIS-OF-MY-FACEBOOK-DATA/your_posts_1.json",
        "facebook",
        506,
    ),
    (
        "facebook/Rishika-Drona__Fb-post-Analysis/your_posts_1.json",
        "facebook",
        248,
    ),
    (
        "instagram/yummyhopper__personal_instagram_analysis/posts_1.json",
        "instagram",
        4,
    ),
    (
        "instagram/sr4136__IG-Import/posts_1.json",
        "instagram",
        1057,
    ),
];

/// Where the platform puts the file inside its export (folder and archive alike).
fn inside_export(format: &str, file: &Path) -> String {
    let name = file.file_name().unwrap().to_string_lossy();
    match format {
        "x" => format!("data/{name}"),
        "facebook" => format!("your_facebook_activity/posts/{name}"),
        "instagram" => format!("your_instagram_activity/content/{name}"),
        // LinkedIn and Mastodon put their file at the archive's root.
        _ => name.to_string(),
    }
}

/// A sandbox whose Aino is enrolled, from 2000 on and open-ended, in a programme with these
/// tags, so that every corpus post falls inside the enrolment.
fn corpus_env(tags: &[&str]) -> Env {
    let env = Env::init();
    let mut add = vec!["program", "add", "Corpus", "--start", "2000-01-01"];
    for tag in tags {
        add.extend(["--hashtag", tag]);
    }
    env.ok(&add);
    env.enroll(
        "Aino Mäkelä",
        "aino@vaasa.example",
        "employee",
        "2000-01-01",
    );
    env
}

/// The entries without their place in the file, to compare packagings.
fn decided(entries: &[Value]) -> Vec<Value> {
    entries
        .iter()
        .map(|e| {
            let mut e = e.clone();
            e.as_object_mut().unwrap().remove("entry");
            e
        })
        .collect()
}

#[test]
fn every_corpus_file_is_recognised_and_read_whole() {
    let Some(corpus) = corpus() else { return };
    let env = corpus_env(&["#rstats"]);
    for (relative, format, posts) in CORPUS {
        let path = corpus.join(relative);
        let path = path.to_str().unwrap();
        let out = import(&env, &[path, "--person", "aino", "--dry-run"]);
        assert_eq!(out["format"], *format, "{relative}");
        assert_eq!(out["posts_read"], *posts as i64, "{relative}: {out}");
        assert_eq!(out["rejected"], 0, "{relative}: {out}");
        assert_eq!(
            out["already_recorded"], 0,
            "{relative}: repeats are no duplicates"
        );
    }
}

#[test]
fn every_corpus_file_gives_the_same_posts_as_file_folder_and_zip() {
    let Some(corpus) = corpus() else { return };
    let env = corpus_env(&["#rstats", "#VisitMoldova"]);
    for (relative, format, _) in CORPUS {
        let file = corpus.join(relative);
        let bytes = std::fs::read(&file).unwrap();
        let inside = inside_export(format, &file);
        let folder = env.write(&format!("{relative}.folder/export/{inside}"), &bytes);
        let folder = folder.strip_suffix(&inside).unwrap();
        let zip_path = env.path(&format!("{relative}.zip/export.zip"));
        std::fs::create_dir_all(zip_path.parent().unwrap()).unwrap();
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
        zip.start_file(&inside, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(&bytes).unwrap();
        zip.finish().unwrap();
        let as_file = decided(&explain(&env, file.to_str().unwrap()));
        assert!(!as_file.is_empty(), "{relative}");
        assert_eq!(
            decided(&explain(&env, folder)),
            as_file,
            "{relative} as a folder"
        );
        assert_eq!(
            decided(&explain(&env, zip_path.to_str().unwrap())),
            as_file,
            "{relative} as a zip"
        );
    }
}

/// Depends on .tar.gz reading (helper a1's part of the reliability issue): enable once it
/// is merged. Builds the archive with the system `tar`.
#[test]
fn every_corpus_file_gives_the_same_posts_from_a_tar_gz() {
    let Some(corpus) = corpus() else { return };
    let env = corpus_env(&["#rstats"]);
    for (relative, format, _) in CORPUS {
        let file = corpus.join(relative);
        let inside = inside_export(format, &file);
        let root = env.path(&format!("{relative}.tree"));
        env.write(
            &format!("{relative}.tree/{inside}"),
            std::fs::read(&file).unwrap(),
        );
        let archive = env.path(&format!("{relative}.tar.gz"));
        let status = std::process::Command::new("tar")
            .arg("-czf")
            .arg(&archive)
            .arg("-C")
            .arg(&root)
            .arg(inside.split('/').next().unwrap())
            .status()
            .expect("tar runs");
        assert!(status.success());
        assert_eq!(
            decided(&explain(&env, archive.to_str().unwrap())),
            decided(&explain(&env, file.to_str().unwrap())),
            "{relative} as a .tar.gz"
        );
    }
}

#[test]
fn corpus_tags_after_emoji_in_other_scripts_and_in_the_platforms_lists_count() {
    let Some(corpus) = corpus() else { return };
    let env = corpus_env(&[
        "#VisitMoldova",
        "#warriorofmithila",
        "#246333Школота",
        "#喵呜",
        "#rstats",
    ]);
    for (relative, at_least) in [
        // ✌🏼️#VisitMoldova: right after an emoji and its variation selector.
        (
            "facebook/HunterHillis__FBPostingHabitsAnalysis/your_posts_1.json",
            1,
        ),
        // 😍#warriorofmithila
        (
            "facebook/Rishika-Drona__Fb-post-Analysis/your_posts_1.json",
            1,
        ),
        // Cyrillic after digits: a tag as long as it has a letter.
        ("x/vovavasylyna__mytwitterarchive/tweets.js", 1),
        // 字#喵呜 is no tag by the twitter-text rule, but Mastodon lists it in tag[].
        ("mastodon/hikurry__Mastodon-archive/outbox.json", 3),
        // 8 truncated retweets carry #rstats in entities.hashtags.
        ("x/smithjd__twitter_archive/tweets.js", 8),
    ] {
        let path = corpus.join(relative);
        let out = import(
            &env,
            &[path.to_str().unwrap(), "--person", "aino", "--dry-run"],
        );
        let added = out["added"].as_i64().unwrap();
        assert!(added >= at_least, "{relative}: {out}");
    }
}
