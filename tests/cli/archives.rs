//! Exports as the platforms ship them (archives laid out their way, built here from the
//! fixtures), and inputs built to exhaust memory or time: refused quickly, nothing written.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::{Env, fixture};

fn import(env: &Env, path: &str, person: &str) -> serde_json::Value {
    env.json(&["activity", "import", path, "--person", person])
}

fn read_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).expect("fixture")
}

/// A zip archive at `name` in the sandbox holding `entries` (deflated).
fn zip_of(env: &Env, name: &str, entries: &[(&str, &[u8])]) -> String {
    let path = env.path(name);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    for (entry, contents) in entries {
        zip.start_file(*entry, options).unwrap();
        zip.write_all(contents).unwrap();
    }
    zip.finish().unwrap();
    path.to_string_lossy().into_owned()
}

/// A tar archive of `entries`, ended as tar ends.
fn tar_bytes(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut tar = tar::Builder::new(Vec::new());
    for (entry, contents) in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(contents.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        tar.append_data(&mut header, entry, *contents).unwrap();
    }
    tar.into_inner().unwrap()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::default());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A tar archive (gzipped or not) at `name` in the sandbox holding `entries`.
fn tar_of(env: &Env, name: &str, gzip: bool, entries: &[(&str, &[u8])]) -> String {
    let tar = tar_bytes(entries);
    env.write(name, if gzip { self::gzip(&tar) } else { tar })
}

#[test]
fn a_linkedin_export_zip_with_shares_at_its_root_and_in_parts() {
    let env = Env::with_ambassadors();
    let shares = read_fixture("exports/linkedin/Shares.csv");
    let zip = zip_of(
        &env,
        "Basic_LinkedInDataExport_11-26-2022.zip",
        &[
            ("Profile.csv", b"First Name,Last Name\nAino,Makela\n"),
            ("Connections.csv", b"First Name,URL\n"),
            ("Jobs/Saved Jobs.csv", b"Saved Date,Job Url\n"),
            ("Shares.csv", &shares),
            ("__MACOSX/._Shares.csv", b"\0\x05\x16\x07 resource fork"),
        ],
    );
    let out = import(&env, &zip, "aino");
    assert_eq!(out["format"], "linkedin");
    assert_eq!(out["added"], 4);

    let env = Env::with_ambassadors();
    let later = read_fixture("exports/linkedin-later/Shares_28431.csv");
    let zip = zip_of(
        &env,
        "Complete_LinkedInDataExport_11-26-2022.zip",
        &[("Shares.csv", &shares), ("Shares_28431.csv", &later)],
    );
    let out = import(&env, &zip, "aino");
    assert_eq!(out["posts_read"], 10, "both parts are read");
    assert_eq!(out["added"], 5);
    assert_eq!(out["already_recorded"], 2, "the later part repeats two");
}

#[test]
fn an_x_archive_zip_with_data_tweets_and_parts() {
    let env = Env::with_ambassadors();
    let zip = zip_of(
        &env,
        "twitter-2022-11-15-1a2b3c.zip",
        &[
            ("Your archive.html", b"<html></html>"),
            (
                "data/account.js",
                &read_fixture("exports/x/data/account.js"),
            ),
            ("data/tweets.js", &read_fixture("exports/x/data/tweets.js")),
            (
                "data/tweets-part1.js",
                &read_fixture("exports/x/data/tweets-part1.js"),
            ),
            (
                "data/tweet-headers.js",
                b"window.YTD.tweet_headers.part0 = []",
            ),
            (
                "data/tweets_media/1580000000000000001-a.jpg",
                b"\xff\xd8\xff",
            ),
        ],
    );
    let out = import(&env, &zip, "mikael");
    assert_eq!(out["format"], "x");
    assert_eq!(out["posts_read"], 5);
    assert_eq!(out["added"], 4);
}

#[test]
fn a_mastodon_archive_tar_gz_tgz_or_tar_with_the_outbox_at_its_root() {
    let outbox = read_fixture("exports/mastodon/outbox.json");
    let entries: &[(&str, &[u8])] = &[
        ("media_attachments/files/109/1/original/a.png", b"\x89PNG"),
        ("actor.json", b"{\"type\": \"Person\"}"),
        ("outbox.json", &outbox),
        ("likes.json", b"{\"orderedItems\": []}"),
        ("bookmarks.json", b"{\"orderedItems\": []}"),
    ];
    for (name, gzip) in [
        ("archive-20221115-0123abcd.tar.gz", true),
        ("archive.tgz", true),
        ("archive.tar", false),
    ] {
        let env = Env::with_ambassadors();
        let archive = tar_of(&env, name, gzip, entries);
        let out = import(&env, &archive, "sofia");
        assert_eq!(out["format"], "mastodon", "{name}");
        assert_eq!(out["added"], 3, "{name}");
        assert_eq!(out["without_hashtag"], 2, "{name}");
    }
}

/// Imports `fixture` placed at each of `layouts` in a zip beside `others`, and checks the
/// format and the posts added.
fn imports_in_each_layout(
    format: &str,
    fixture: &str,
    layouts: &[&str],
    others: &[(&str, &[u8])],
    added: i64,
) {
    let posts = read_fixture(fixture);
    for entry in layouts {
        let env = Env::with_ambassadors();
        let mut entries = others.to_vec();
        entries.push((entry, &posts));
        let zip = zip_of(&env, &format!("{format}-aino-2024-01-15-abc.zip"), &entries);
        let out = import(&env, &zip, "aino");
        assert_eq!(out["format"], format, "{entry}");
        assert_eq!(out["added"], added, "{entry}");
    }
}

#[test]
fn a_facebook_export_zip_in_the_current_and_the_older_layout() {
    imports_in_each_layout(
        "facebook",
        "exports/facebook/posts/your_posts_1.json",
        &[
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json",
            "facebook-ainomakela/posts/your_posts_1.json",
        ],
        &[
            (
                "your_facebook_activity/groups/your_posts_in_groups.json",
                b"{\"group_posts_v2\": []}",
            ),
            (
                "personal_information/profile_information/profile_information.json",
                b"{}",
            ),
        ],
        2,
    );
}

#[test]
fn an_instagram_export_zip_in_the_current_and_the_older_layout() {
    imports_in_each_layout(
        "instagram",
        "exports/instagram/content/posts_1.json",
        &[
            "your_instagram_activity/content/posts_1.json",
            "content/posts_1.json",
        ],
        &[
            (
                "ads_information/ads_and_topics/posts_viewed.json",
                b"{\"impressions_history_posts_seen\": []}",
            ),
            ("media/posts/202211/1.jpg", b"\xff\xd8\xff"),
        ],
        2,
    );
}

#[test]
fn an_archive_with_thousands_of_parts_is_read_in_one_pass() {
    let env = Env::with_ambassadors();
    let parts: Vec<(String, Vec<u8>)> = (1..=3000)
        .map(|n| {
            let tweet = format!(
                "window.YTD.tweets.part{n} = [{{\"tweet\": {{\"id_str\": \"{}\", \"created_at\": \"Sat Feb 18 12:00:00 +0000 2023\", \"full_text\": \"Osa {n} #OnnellisenArjenTekijat\"}}}}]",
                1_600_000_000_000_000_000u64 + n
            );
            (format!("data/tweets-part{n}.js"), tweet.into_bytes())
        })
        .collect();
    let entries: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(name, text)| (name.as_str(), text.as_slice()))
        .collect();
    let zip = zip_of(&env, "twitter-parts.zip", &entries);
    let out = import(&env, &zip, "mikael");
    assert_eq!(out["added"], 3000);
}

/// A zip whose outbox unpacks from a few kilobytes to 6 MiB of valid but repetitive JSON
/// (a bomb of zeros is refused sooner, as not JSON).
#[test]
fn a_zip_bomb_is_refused_and_nothing_is_written() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let activity = format!(
        "{{\"type\": \"Note\", \"id\": \"{}\"}},",
        "a".repeat(64 << 10)
    );
    let mut outbox = b"{\"orderedItems\": [".to_vec();
    outbox.extend(activity.repeat(96).as_bytes());
    outbox.extend(b"{}]}");
    let zip = zip_of(&env, "bomb.zip", &[("outbox.json", &outbox)]);
    assert!(std::fs::metadata(&zip).unwrap().len() < 1 << 20);
    let err = env.fails(&["activity", "import", &zip, "--person", "sofia"]);
    assert!(
        err.contains("bomb.zip:outbox.json unpacks to more than 100 times"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(env.snapshot(), before);
}

/// A .tar.gz of `mib` MiB of zeros in `entry` followed by `then`, made without compressing
/// them all: a gzip file may be several gzip members one after another.
fn tar_gz_bomb(entry: &str, mib: u64, then: &[(&str, &[u8])]) -> Vec<u8> {
    let mut header = tar::Header::new_gnu();
    header.set_path(entry).unwrap();
    header.set_size(mib << 20);
    header.set_mode(0o644);
    header.set_cksum();
    let mut archive = gzip(header.as_bytes());
    let zeros = gzip(&vec![0u8; 1 << 20]);
    for _ in 0..mib {
        archive.extend(&zeros);
    }
    archive.extend(gzip(&tar_bytes(then)));
    archive
}

/// A .tar.gz declaring 50 MiB of zeros; passed over or read, it is refused.
#[test]
fn a_tar_gz_bomb_is_refused_and_nothing_is_written() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let outbox = read_fixture("exports/mastodon/outbox.json");
    for entry in ["media_attachments/zeros.bin", "outbox.json"] {
        let bomb = tar_gz_bomb(entry, 50, &[("outbox.json", &outbox)]);
        assert!(bomb.len() < 1 << 20);
        let archive = env.write("bomb.tar.gz", bomb);
        let err = env.fails(&["activity", "import", &archive, "--person", "sofia"]);
        assert!(
            err.contains("bomb.tar.gz unpacks to more than 100 times"),
            "{entry}: {err}"
        );
        assert_eq!(env.snapshot(), before);
    }
    // The same layout without the bomb imports: the test archive itself is sound.
    let sound = env.write(
        "sound.tar.gz",
        tar_gz_bomb(
            "media_attachments/empty.bin",
            0,
            &[("outbox.json", &outbox)],
        ),
    );
    assert_eq!(import(&env, &sound, "sofia")["added"], 3);
}

#[test]
fn a_row_or_entry_past_the_limit_is_refused_with_a_short_excerpt() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let long = "A".repeat(3 << 20);
    let cases = [
        (
            "Shares.csv",
            format!(
                "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n2022-11-02 08:15:42,https://www.linkedin.com/feed/update/urn:li:share:1,{long}"
            ),
            "line 2: cannot read the row: the row is longer than 1 MiB",
        ),
        (
            "outbox.json",
            format!(
                "{{\"orderedItems\": [\n{{\"type\": \"Create\", \"object\": {{\"content\": \"{long}\"}}}}]}}"
            ),
            "line 2: the entry is longer than 1 MiB",
        ),
        (
            "activities.csv",
            format!("email,date,kind\naino@vaasa.example,2022-11-01,event\n{long}\n"),
            "line 3: cannot read the row: the row is longer than 1 MiB",
        ),
    ];
    for (name, contents, expected) in cases {
        let file = env.write(&format!("long/{name}"), contents);
        let mut args = vec!["activity", "import", &file];
        if name != "activities.csv" {
            args.extend(["--person", "aino"]);
        }
        let err = env.fails(&args);
        assert!(err.contains(expected), "{name}: {err}");
        assert!(err.contains("…\""), "an excerpt: {err}");
        assert!(
            err.len() < 600,
            "{name}: the row is not echoed: {}",
            err.len()
        );
        assert_eq!(env.snapshot(), before, "{name}");
    }
}

#[test]
fn a_damaged_or_foreign_archive_is_refused_by_name() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let truncated = {
        let zip = zip_of(
            &env,
            "whole.zip",
            &[("Shares.csv", &read_fixture("exports/linkedin/Shares.csv"))],
        );
        let bytes = std::fs::read(zip).unwrap();
        env.write("cut.zip", &bytes[..bytes.len() / 2])
    };
    let err = env.fails(&["activity", "import", &truncated, "--person", "aino"]);
    assert!(err.contains("cut.zip is not a readable zip file"), "{err}");
    let not_tar = env.write(
        "outbox.tar.gz",
        gzip(&read_fixture("exports/mastodon/outbox.json")),
    );
    let err = env.fails(&["activity", "import", &not_tar, "--person", "sofia"]);
    assert!(err.contains("outbox.tar.gz"), "{err}");
    let empty = tar_of(&env, "empty.tar.gz", true, &[("actor.json", b"{}")]);
    let err = env.fails(&["activity", "import", &empty, "--person", "sofia"]);
    assert!(err.contains("found no known export file in"), "{err}");
    assert_eq!(env.snapshot(), before);
}

#[test]
fn long_names_in_a_tar_are_followed_and_an_oversized_name_header_is_refused() {
    let env = Env::with_ambassadors();
    let folder = format!(
        "{}/",
        "archive-of-a-very-long-mastodon-user-name-".repeat(4)
    );
    let outbox_entry = format!("{folder}outbox.json");
    let archive = tar_of(
        &env,
        "long.tar.gz",
        true,
        &[(&outbox_entry, &read_fixture("exports/mastodon/outbox.json"))],
    );
    assert_eq!(import(&env, &archive, "sofia")["added"], 3);

    let before = env.snapshot();
    let mut header = tar::Header::new_gnu();
    header.set_entry_type(tar::EntryType::GNULongName);
    header.set_size(1 << 20);
    header.set_cksum();
    let mut tar = header.as_bytes().to_vec();
    tar.extend(vec![b'n'; 1 << 20]);
    tar.extend([0u8; 1024]);
    let archive = env.write("names.tar", tar);
    let err = env.fails(&["activity", "import", &archive, "--person", "sofia"]);
    assert!(err.contains("file name header longer than 64 KiB"), "{err}");
    assert_eq!(env.snapshot(), before);
}
