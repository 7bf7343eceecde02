//! JSON for scripts: every command's JSON has exactly the keys README's "JSON shapes" table
//! lists. The table is read from README.md, each row is run on the demo, and a key added or
//! removed on either side without the other fails here.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

use crate::{demo, fixture, shares_dry_run};

/// One run of a command for a README row: the row's first cell, the command line, which of
/// the row's `{…}` shapes it shows (a row may list variants), and, for a row that reads
/// "the X record plus …", the row whose record it extends.
struct Case {
    row: &'static str,
    args: Vec<String>,
    variant: usize,
    base: Option<&'static str>,
}

fn case(row: &'static str, args: &[&str]) -> Case {
    Case {
        row,
        args: args.iter().map(|a| a.to_string()).collect(),
        variant: 0,
        base: None,
    }
}

impl Case {
    fn variant(mut self, variant: usize) -> Case {
        self.variant = variant;
        self
    }

    fn based_on(mut self, base: &'static str) -> Case {
        self.base = Some(base);
        self
    }
}

/// README's JSON shapes table: first cell → shape cell.
fn readme_shapes() -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let section = readme
        .split("### JSON shapes")
        .nth(1)
        .expect("README has a JSON shapes section");
    let section = section.split("\n## ").next().unwrap_or(section);
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|line| {
            // A cell ends at a `|` that is not escaped as `\|`.
            let mut cells = Vec::new();
            let mut cell = String::new();
            let mut escaped = false;
            for c in line.trim().trim_matches('|').chars() {
                match c {
                    '|' if !escaped => cells.push(std::mem::take(&mut cell)),
                    _ => cell.push(c),
                }
                escaped = c == '\\';
            }
            cells.push(cell);
            (cells[0].trim().to_string(), cells[1].trim().to_string())
        })
        .collect()
}

/// The top-level `{…}` groups of a shape, in order (the variants a row lists).
fn groups(shape: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in shape.chars() {
        match c {
            '{' | '[' if depth > 0 || c == '{' => {
                depth += 1;
                if depth > 1 {
                    current.push(c);
                }
            }
            '}' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    found.push(std::mem::take(&mut current));
                } else {
                    current.push(c);
                }
            }
            _ if depth > 0 => current.push(c),
            _ => {}
        }
    }
    found
}

/// A group's items at its own level (commas inside nested brackets do not split).
fn items(group: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut depth = 0;
    let mut current = String::new();
    for c in group.chars() {
        match c {
            '{' | '[' => depth += 1,
            '}' | ']' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut current));
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    items.push(current);
    items.into_iter().map(|i| i.trim().to_string()).collect()
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The keys an item names (`a / b / c: [{…}]` names three) and what it says of their value.
fn item_keys(item: &str) -> (Vec<String>, Option<String>) {
    let (names, value) = match item.split_once(':') {
        Some((names, value)) => (names, Some(value.trim().to_string())),
        None => (item, None),
    };
    let keys = names
        .split('/')
        .map(|n| n.trim().to_string())
        .filter(|n| is_key(n))
        .collect();
    (keys, value)
}

/// The keys of a record shape `{a, b: …}`, each with the keys of its nested record (if the
/// README spells those out as plain keys).
fn record_keys(group: &str) -> Vec<(String, Option<BTreeSet<String>>)> {
    let mut keys = Vec::new();
    for item in items(group) {
        let (names, value) = item_keys(&item);
        let nested = value.and_then(|value| {
            let inner = groups(&value).into_iter().next()?;
            let inner_items = items(&inner);
            inner_items
                .iter()
                .all(|i| is_key(i))
                .then(|| inner_items.into_iter().collect())
        });
        for name in names {
            keys.push((name, nested.clone()));
        }
    }
    keys
}

/// The keys README gives a row: its variant's `{…}` group, or for "the X record plus …"
/// the base row's keys and the ones named in backquotes after it.
fn expected(
    shapes: &HashMap<String, String>,
    row: &str,
    variant: usize,
    base: Option<&str>,
) -> Vec<(String, Option<BTreeSet<String>>)> {
    let shape = &shapes[row];
    match base {
        None => {
            let all = groups(shape);
            let group = all
                .get(variant)
                .unwrap_or_else(|| panic!("README row {row}: no shape {variant} in {shape}"));
            record_keys(group)
        }
        Some(base) => {
            let mut keys = expected(shapes, base, 0, None);
            for (index, quoted) in shape.split('`').enumerate() {
                if index % 2 == 0 {
                    continue;
                }
                if quoted.starts_with('{') {
                    keys.extend(record_keys(&groups(quoted)[0]));
                } else {
                    let (names, value) = item_keys(quoted);
                    let nested = value
                        .and_then(|v| groups(&v).into_iter().next())
                        .filter(|g| items(g).iter().all(|i| is_key(i)))
                        .map(|g| items(&g).into_iter().collect());
                    keys.extend(names.into_iter().map(|n| (n, nested.clone())));
                }
            }
            keys
        }
    }
}

fn object_keys(value: &Value) -> BTreeSet<String> {
    value
        .as_object()
        .unwrap_or_else(|| panic!("a record, not {value}"))
        .keys()
        .cloned()
        .collect()
}

/// The records a command's JSON holds: the object, or every item of the array.
fn records(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    }
}

#[test]
fn every_commands_json_has_the_keys_readme_lists() {
    let shapes: HashMap<String, String> = readme_shapes().into_iter().collect();
    let (env, db) = demo();
    let rules = env.write("rules.toml", "[points.activities]\npost = 15\n");
    let copy = env.path("copy.sqlite").to_string_lossy().into_owned();
    let other_demo = env.path("other.sqlite").to_string_lossy().into_owned();
    let people = fixture("people/intranet-form-fi.csv");
    let shares = fixture("exports/linkedin/Shares.csv");
    let import = shares_dry_run();
    let import: Vec<&str> = import.iter().map(String::as_str).collect();
    let alumni = "Vaasa 2022 alumni";
    let cases = vec![
        case("`person list`", &["person", "list"]),
        case(
            "`person add`, `person edit`",
            &[
                "person",
                "add",
                "Testi Henkilö",
                "--email",
                "testi@vaasa.example",
                "--role",
                "employee",
            ],
        )
        .based_on("`person list`"),
        case(
            "`person add`, `person edit`",
            &[
                "person",
                "edit",
                "testi@vaasa.example",
                "--unit",
                "Tekninen toimi",
            ],
        )
        .based_on("`person list`"),
        case("`person show`", &["person", "show", "1"]).based_on("`person list`"),
        case(
            "`enroll`, `apply`, `withdraw`",
            &[
                "apply",
                "Bo Hakija",
                "--email",
                "bo@vaasa.example",
                "--role",
                "employee",
                "--program",
                alumni,
            ],
        ),
        case(
            "`enroll`, `apply`, `withdraw`",
            &["enroll", "testi@vaasa.example", "--program", alumni],
        ),
        case(
            "`enroll`, `apply`, `withdraw`",
            &[
                "withdraw",
                "testi@vaasa.example",
                "--program",
                alumni,
                "--reason",
                "moved",
            ],
        ),
        case(
            "`program list` / `show` / `add` / `edit` / `close` / `remove`",
            &["program", "list"],
        ),
        case(
            "`program list` / `show` / `add` / `edit` / `close` / `remove`",
            &["program", "show", "Vaasa 2022"],
        ),
        case(
            "`program list` / `show` / `add` / `edit` / `close` / `remove`",
            &["program", "close", alumni, "--dry-run"],
        ),
        case(
            "`person import`",
            &[
                "person",
                "import",
                &people,
                "--program",
                alumni,
                "--dry-run",
            ],
        ),
        case(
            "`training list` / `add` / `edit` / `remove`",
            &["training", "list"],
        ),
        case("`training show`", &["training", "show", "1"])
            .based_on("`training list` / `add` / `edit` / `remove`"),
        case(
            "`training attend`",
            &["training", "attend", "1", "Aino", "--dry-run"],
        ),
        case("`swag stock list` / `add`", &["swag", "stock", "list"]),
        case("`swag list` / `deliver` / `return`", &["swag", "list"]),
        case(
            "`swag pending`",
            &["swag", "pending", "--program", "Vaasa 2022"],
        ),
        case(
            "`activity list` / `add` / `edit` / `remove`",
            &["activity", "list"],
        ),
        case("`activity import`", &import),
        case(
            "`activity import --explain`",
            &[
                "activity",
                "import",
                &shares,
                "--person",
                "Laura Niemi",
                "--explain",
            ],
        ),
        case(
            "`hashtags test`",
            &["hashtags", "test", "Hyvää arkea! #OnnellisenArjenTekijät"],
        ),
        case("`import list` / `undo`", &["import", "list"]),
        case(
            "`import list` / `undo`",
            &["import", "undo", "2", "--dry-run"],
        ),
        case(
            "`feedback list` / `add` / `edit` / `remove`",
            &["feedback", "list"],
        ),
        case(
            "`kpi list` / `add` (a list); `kpi edit` / `remove` (one record)",
            &["kpi", "list"],
        ),
        case("`points balance`", &["points", "balance"]),
        case("`points balance`", &["points", "balance", "1"]),
        case(
            "`points ledger` / `award` / `redeem` / `reverse`",
            &["points", "ledger"],
        ),
        case(
            "`points rescore`",
            &["--config", &rules, "points", "rescore"],
        ),
        case("`report program`", &["report", "program", "Vaasa 2022"]),
        case(
            "`report program --compare`",
            &["report", "program", "Vaasa 2022", "--compare", alumni],
        ),
        case("`report leaderboard`", &["report", "leaderboard"]),
        case(
            "`report leaderboard`",
            &["report", "leaderboard", "--anonymous"],
        )
        .variant(1),
        case(
            "`report leaderboard`",
            &["report", "leaderboard", "--by", "unit"],
        )
        .variant(2),
        case("`person export`", &["person", "export", "1"]),
        case("`report person`", &["report", "person", "1"]).based_on("`person list`"),
        case("`report year`", &["report", "year", "2023"]),
        case(
            "`report digest` (JSON)",
            &[
                "report",
                "digest",
                "--since",
                "2022-10-01",
                "--until",
                "2023-09-30",
            ],
        ),
        case("`report health`", &["report", "health"]),
        case("`audit`", &["audit"]),
        case("`init`", &["init"]),
        case("`config show`", &["config", "show"]),
        case("`backup`", &["backup", &copy]),
        case("`restore`", &["restore", &copy, "--yes"]),
        case(
            "`person forget`",
            &["person", "forget", "testi@vaasa.example", "--yes"],
        ),
        case("`demo`", &["demo", "--db", &other_demo]),
    ];
    let covered: BTreeSet<&str> = cases.iter().map(|c| c.row).collect();
    for row in shapes.keys() {
        assert!(
            covered.contains(row.as_str()) || row == "`purge`",
            "README's JSON shapes row {row} is run by no case here: add one"
        );
    }
    let check = |case: &Case| {
        assert!(
            shapes.contains_key(case.row),
            "README has no JSON shapes row {}",
            case.row
        );
        let mut args: Vec<&str> = vec!["--db", &db];
        args.extend(case.args.iter().map(String::as_str));
        let value = env.json(&args);
        let expected = expected(&shapes, case.row, case.variant, case.base);
        let keys: BTreeSet<String> = expected.iter().map(|(k, _)| k.clone()).collect();
        let found = records(&value);
        assert!(!found.is_empty(), "{args:?} gave no record to compare");
        for record in found {
            assert_eq!(
                object_keys(record),
                keys,
                "amb {args:?}: the keys differ from README's row {}",
                case.row
            );
            for (key, nested) in &expected {
                let Some(nested) = nested else { continue };
                for inner in records(&record[key]) {
                    assert_eq!(&object_keys(inner), nested, "amb {args:?}: {key}");
                }
            }
        }
    };
    for case in &cases {
        check(case);
    }
    // Years on, the applicant who never enrolled is due to be forgotten.
    env.set_today("2026-06-01");
    check(&case("`purge`", &["purge"]));
}

#[test]
fn the_shape_reader_reads_readme_s_notation() {
    let keys = |shape: &str, variant: usize| -> Vec<String> {
        record_keys(&groups(shape)[variant])
            .into_iter()
            .map(|(k, _)| k)
            .collect()
    };
    assert_eq!(keys("`[{id, name}]` (one)", 0), ["id", "name"]);
    assert_eq!(
        keys("`{a, b / c: [{key, count}], d: {x, y}, e: [..]}`", 0),
        ["a", "b", "c", "d", "e"]
    );
    assert_eq!(keys("`[{a}]`, with `--x` `[{b, c}]`", 1), ["b", "c"]);
    let nested = record_keys("d: {x, y}, counts: {name: number}");
    assert_eq!(nested[0].1, Some(["x".to_string(), "y".to_string()].into()));
    assert_eq!(nested[1].1, None, "a map is not a record");
}
