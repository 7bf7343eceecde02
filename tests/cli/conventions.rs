//! The conventions of a good CLI: completions, manual pages, --version, examples in --help.

use crate::Env;

#[test]
fn completions_for_every_shell_name_the_commands() {
    let env = Env::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = env.ok(&["completions", shell]);
        assert!(
            script.contains("rescore") && script.contains("leaderboard"),
            "{shell}"
        );
    }
    let err = env.cmd(&["completions", "tcsh"]).output().unwrap();
    assert_ne!(err.status.code(), Some(0));
}

#[test]
fn manual_pages_print_or_go_into_a_folder_private() {
    let env = Env::new();
    let page = env.ok(&["man"]);
    assert!(
        page.contains(".TH amb 1") && page.contains("ambassador"),
        "{page}"
    );
    let dir = env.path("man1");
    let out = env
        .cmd(&["man", "--dir", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success());
    let add = std::fs::read_to_string(dir.join("amb-person-add.1")).expect("a page per command");
    assert!(add.contains("amb\\-person\\-add"), "{add}");
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(dir.join("amb.1"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

#[test]
fn version_and_examples_in_help() {
    let env = Env::new();
    let version = env.ok(&["--version"]);
    assert!(version.starts_with("amb "), "{version}");
    let help = env.ok(&["swag", "pending", "--help"]);
    assert!(help.contains("Examples:\n  amb swag pending"), "{help}");
    let help = env.ok(&["training", "add", "--help"]);
    assert!(
        help.contains("[possible values: kickoff, follow-up, other]"),
        "{help}"
    );
}
