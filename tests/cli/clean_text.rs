//! Clean text: control characters and bidirectional overrides are refused in every text
//! field from every input, text has length limits, and a CSV row cannot have more fields
//! than its header.

use crate::{Env, fixture};

#[test]
fn flags_refuse_control_characters_and_overrides_naming_the_flag() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (
            &[
                "person",
                "add",
                "Evil\u{202e}gpj.exe",
                "--email",
                "e@x.fi",
                "--role",
                "employee",
            ],
            "<NAME>: the value contains a bidirectional override (U+202E) at character 5; remove it",
        ),
        (
            &[
                "person",
                "edit",
                "aino",
                "--unit",
                "Sivistys\u{1b}[31mtoimi",
            ],
            "--unit: the value contains a control character (U+001B) at character 9",
        ),
        (
            &["person", "edit", "aino", "--x", "@aino\u{2066}"],
            "--x: the value contains a bidirectional override (U+2066)",
        ),
        (
            &[
                "program",
                "add",
                "Vaasa\u{7}2024",
                "--start",
                "2024-01-01",
                "--hashtag",
                "V",
            ],
            "<NAME>: the value contains a control character (U+0007)",
        ),
        (
            &[
                "program",
                "add",
                "Vaasa 2024",
                "--start",
                "2024-01-01",
                "--hashtag",
                "V\u{202e}",
            ],
            "the hashtag contains a bidirectional override (U+202E)",
        ),
        (
            &["kpi", "add", "applicants\u{85}", "3"],
            "the value contains a control character (U+0085)",
        ),
        (
            &["swag", "stock", "add", "Paketti\u{2069}", "3"],
            "the value contains a bidirectional override (U+2069)",
        ),
        (
            &["activity", "add", "aino", "talk", "--note", "bell\u{7}"],
            "--note: the value contains a control character (U+0007) at character 5 (only tabs and line breaks are allowed)",
        ),
        (
            &["points", "award", "aino", "5", "--reason", "\u{202d}x"],
            "--reason: the value contains a bidirectional override (U+202D)",
        ),
        (
            // (A NUL cannot be passed on a command line at all; files are tested below.)
            &["withdraw", "aino", "--reason", "a\u{8}b"],
            "--reason: the value contains a control character (U+0008)",
        ),
    ];
    for (args, expected) in cases {
        let err = env.fails(args);
        assert!(err.contains(expected), "{args:?}: {err}");
        assert!(
            !err.contains('\u{202e}') && !err.contains('\u{1b}'),
            "{err:?}"
        );
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn text_has_length_limits_and_free_text_keeps_its_line_breaks() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let long_name = "A".repeat(201);
    let err = env.fails(&["person", "edit", "aino", "--name", &long_name]);
    assert!(
        err.contains("--name: the value is 201 characters long; at most 200 are allowed"),
        "{err}"
    );
    let long_note = "n".repeat(2001);
    let err = env.fails(&["activity", "add", "aino", "talk", "--note", &long_note]);
    assert!(err.contains("at most 2000 are allowed"), "{err}");
    assert_eq!(env.snapshot(), before);
    env.ok(&[
        "activity",
        "add",
        "aino",
        "talk",
        "--note",
        "Vaasan lyseo\n\t9th graders",
    ]);
    env.ok(&["person", "edit", "aino", "--name", &"A".repeat(200)]);
}

#[test]
fn the_person_csv_refuses_dirty_text_naming_line_and_field() {
    let env = Env::with_program();
    let before = env.snapshot();
    let long = "x".repeat(2001);
    let csv = env.write(
        "people.csv",
        format!(
            "Name,Email,Role,Unit,Title,Instagram,Motivation\n\
             Aino Mäkelä,aino@vaasa.example,employee,Sivistystoimi,Opettaja,,\n\
             Bo\u{202e}Ek,bo@vaasa.example,employee,,,,\n\
             Cecilia,cecilia@vaasa.example,employee,Tekn\u{0}inen,,,\n\
             Dan,dan@vaasa.example,employee,,,@dan\u{7},\n\
             Eva,eva@vaasa.example,manager,,,,{long}\n\
             Fia,fia@vaasa.example,employee,,,,\"Rivi 1\nrivi 2\"\n\
             Mäkelä, Gun,gun@vaasa.example,employee,,,,\n"
        ),
    );
    let err = env.fails(&["person", "import", &csv]);
    for expected in [
        "5 bad rows; nothing was imported",
        "line 3: the name contains a bidirectional override (U+202E) at character 3",
        "line 4: the unit contains a control character (U+0000) at character 5",
        "line 5: the Instagram handle contains a control character (U+0007)",
        "line 6: the motivation is 2001 characters long; at most 2000 are allowed",
        "line 9: the row has 8 fields but the header has 7 (a value with a comma in it must be in quotes)",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert!(
        !err.contains('\u{202e}') && !err.contains('\u{0}'),
        "{err:?}"
    );
    assert_eq!(env.snapshot(), before);
}

#[test]
fn the_generic_csv_refuses_dirty_text_and_extra_fields() {
    let env = Env::with_ambassadors();
    let before = env.snapshot();
    let csv = env.write(
        "activities.csv",
        "email,date,kind,channel,note\n\
         aino@vaasa.example,2022-11-02,talk,,Vaasan lyseo\n\
         aino@vaasa.example,2022-11-03,talk,,Lyseo\u{1b}]0;pwned\u{7}\n\
         aino@vaasa.example,2022-11-04,talk,,Lyseo,9th graders\n\
         aino\u{202e}@vaasa.example,2022-11-05,talk,,\n",
    );
    let err = env.fails(&["activity", "import", &csv, "--from", "csv"]);
    for expected in [
        "3 bad rows; nothing was imported",
        "line 3: the note contains a control character (U+001B) at character 6",
        "line 4: the row has 6 fields but the header has 5",
        "line 5: the e-mail contains a bidirectional override (U+202E)",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert_eq!(env.snapshot(), before);
}

#[test]
fn an_export_with_dirty_post_text_is_refused_when_its_text_is_kept() {
    let env = Env::with_ambassadors();
    let original = std::fs::read_to_string(fixture("exports/x/data/tweets.js")).unwrap();
    let dirty = original.replacen("Yövuoro alkaa", "Yövuoro\\u0000 alkaa", 1);
    assert_ne!(dirty, original, "the fixture changed");
    let path = env.write("x/data/tweets.js", dirty);
    let before = env.snapshot();
    let err = env.fails(&[
        "activity",
        "import",
        &path,
        "--person",
        "aino",
        "--keep-text",
    ]);
    assert!(
        err.contains("the post text contains a control character (U+0000) at character 8"),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(env.snapshot(), before);
    // Without --keep-text the text is not stored, and the posts count as usual.
    env.ok(&["activity", "import", &path, "--person", "aino"]);
}
