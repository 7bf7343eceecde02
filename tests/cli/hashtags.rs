//! `amb hashtags test`: which programme hashtags a text carries.

use crate::Env;

#[test]
fn a_text_shows_its_programme_tags_by_the_import_rules() {
    let env = Env::with_program();
    let found = env.json(&["hashtags", "test", "Kiitos😍#onnellisenarjentekijät!"]);
    assert_eq!(found[0]["program"], "Vaasa 2022");
    assert_eq!(found[0]["hashtag"], "#OnnellisenArjenTekijät");
    assert_eq!(found[0]["listed_as"], "hashtag");
    let alias = env.json(&[
        "hashtags",
        "test",
        "。#OnnellisenArjenTekijat",
        "--program",
        "Vaasa 2022",
    ]);
    assert_eq!(alias[0]["listed_as"], "alias");
    for text in [
        "https://vaasa.fi/#OnnellisenArjenTekijät",
        "sana#OnnellisenArjenTekijät",
        "#OnnellisenArjenTekijätVaasa",
    ] {
        let none = env.json(&["hashtags", "test", text]);
        assert_eq!(none, serde_json::json!([]), "{text}");
    }
    let output = env
        .cmd(&["hashtags", "test", "Hei #Vaasa"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("hashtags in the text: #vaasa"), "{stderr}");
    assert!(stderr.contains("would not count"), "{stderr}");
}

#[test]
fn an_unknown_programme_is_refused() {
    let env = Env::with_program();
    let err = env.fails(&["hashtags", "test", "#x", "--program", "Oulu"]);
    assert!(err.contains("Oulu"), "{err}");
}
