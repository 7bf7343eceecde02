//! README's tour runs as written: its commands are read out of README.md and run in order.

use std::path::Path;

use crate::Env;

/// The commands of README's "A tour" block, each as its words (continuation lines joined,
/// comments dropped), parsed as a shell would.
fn tour_commands(readme: &str) -> Vec<Vec<String>> {
    let start = readme.find("## A tour").expect("README has a tour");
    let block = &readme[start..];
    let body = block
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("the tour is a sh block");
    let joined = body.replace("\\\n", " ");
    joined
        .lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let words = shlex::split(line).unwrap_or_else(|| panic!("not shell words: {line}"));
            let end = words
                .iter()
                .position(|w| w.starts_with('#'))
                .unwrap_or(words.len());
            words[..end].to_vec()
        })
        .collect()
}

#[test]
fn readme_tour_runs_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).expect("README.md");
    let commands = tour_commands(&readme);
    assert!(commands.len() >= 20, "the tour was found: {commands:?}");
    let env = Env::new();
    // Some day after the programme year, as anyone reading the README today.
    env.set_today("2024-02-01");
    for words in &commands {
        assert_eq!(words[0], "amb", "{words:?}");
        let args: Vec<&str> = words[1..].iter().map(String::as_str).collect();
        let output = env.cmd(&args).current_dir(root).output().expect("runs");
        assert!(
            output.status.success(),
            "README tour: `amb {}` failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    // The story it tells: two completed and one withdrawn ambassador, one post, one visit.
    let report = env.json(&["report", "program", "Vaasa 2022"]);
    assert_eq!(report["status"], "closed");
    assert_eq!(report["posts"], 1);
    assert_eq!(report["swag_pending"], 1, "{report}");
    let completed: i64 = report["participants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["completed"].as_i64().unwrap())
        .sum();
    assert_eq!(completed, 2);
}

#[test]
fn the_tour_reader_understands_continuations_quotes_and_comments() {
    let readme = "## A tour\n\n```sh\namb a \"b c\" \\\n    d   # note\namb e\n```\n";
    assert_eq!(
        tour_commands(readme),
        vec![vec!["amb", "a", "b c", "d"], vec!["amb", "e"]]
    );
}
