//! Integration tests: the real `amb` binary against temporary databases.
//! One module per feature; each test gets its own folder with HOME, XDG_* and "today" fixed.

mod activity;
mod archives;
mod bounds;
mod clean_text;
mod config;
mod conventions;
mod corrections;
mod demo;
mod enrolment;
mod errors;
mod export;
mod feedback;
mod hashtags;
mod import;
mod init;
mod json_shapes;
mod language;
mod layout;
mod numbers;
mod output;
mod person;
mod person_import;
mod points;
mod privacy;
mod program;
mod real_exports;
mod reliability;
mod rendered;
mod report;
mod safety;
mod swag;
mod tallies;
mod tally;
mod tour;
mod training;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use assert_cmd::assert::Assert;
use serde_json::Value;
use tempfile::TempDir;

/// The day the tests live on, unless a test says otherwise.
pub const TODAY: &str = "2022-11-15";

/// A sandbox: its own home, data and config folders, and a database path inside it.
pub struct Env {
    pub dir: TempDir,
    /// The day `amb` lives on (`AMB_TODAY`): `TODAY` unless a test moves it on.
    today: std::cell::RefCell<String>,
}

impl Default for Env {
    fn default() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
            today: std::cell::RefCell::new(TODAY.to_string()),
        }
    }
}

impl Env {
    /// An empty sandbox; nothing is created yet.
    pub fn new() -> Env {
        Env::default()
    }

    /// A sandbox with an initialised database.
    pub fn init() -> Env {
        let env = Env::new();
        env.ok(&["init"]);
        env
    }

    /// A sandbox with a database and the programme "Vaasa 2022" (2022-10-01 – 2023-09-30).
    pub fn with_program() -> Env {
        let env = Env::init();
        env.ok(&[
            "program",
            "add",
            "Vaasa 2022",
            "--start",
            "1.10.2022",
            "--end",
            "2023-09-30",
            "--hashtag",
            "OnnellisenArjenTekijät",
            "--alias",
            "#OnnellisenArjenTekijat",
        ]);
        env
    }

    /// Vaasa 2022 with three ambassadors enrolled on 2022-10-14: Aino Mäkelä (employee),
    /// Mikael Westerlund (manager) and Sofia Ahlberg (employee).
    pub fn with_ambassadors() -> Env {
        let env = Env::with_program();
        for (name, email, role) in [
            ("Aino Mäkelä", "aino@vaasa.example", "employee"),
            ("Mikael Westerlund", "mikael@vaasa.example", "manager"),
            ("Sofia Ahlberg", "sofia@vaasa.example", "employee"),
        ] {
            env.enroll(name, email, role, "2022-10-14");
        }
        env
    }

    /// Enrols a new person in the current programme on `date`.
    pub fn enroll(&self, name: &str, email: &str, role: &str, date: &str) {
        self.ok(&[
            "enroll", name, "--email", email, "--role", role, "--date", date,
        ]);
    }

    /// Moves "today" on, for a test whose records lie after `TODAY` (amb refuses
    /// activities and points dated in the future).
    pub fn set_today(&self, day: &str) {
        *self.today.borrow_mut() = day.to_string();
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    /// Where `amb` puts the database by default in this sandbox.
    pub fn default_db(&self) -> PathBuf {
        self.path("data/amb/amb.sqlite")
    }

    /// `amb ARGS` with the sandbox's environment and nothing inherited that could leak in.
    pub fn cmd(&self, args: &[&str]) -> Command {
        Command::from(self.process(args))
    }

    /// [`Env::cmd`] as a `std::process::Command`, for tests that start `amb` and act while
    /// it runs.
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_amb"));
        cmd.args(args)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.path("home"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("USER", "hr-coordinator")
            .env("NO_COLOR", "1")
            .env("AMB_TODAY", self.today.borrow().as_str())
            .current_dir(self.dir.path());
        cmd
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().expect("runs");
        assert!(
            output.status.success(),
            "amb {args:?} failed ({}):\n{}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).expect("stdout is UTF-8")
    }

    /// Runs with `--format json` and parses stdout.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.extend(["--format", "json"]);
        let text = self.ok(&all);
        serde_json::from_str(&text).unwrap_or_else(|err| panic!("not JSON ({err}):\n{text}"))
    }

    /// Runs and expects exit 1; returns stderr.
    pub fn fails(&self, args: &[&str]) -> String {
        let output = self.cmd(args).output().expect("runs");
        assert_eq!(
            output.status.code(),
            Some(1),
            "amb {args:?} should fail with 1; stdout:\n{}\nstderr:\n{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        let stderr = String::from_utf8(output.stderr).expect("stderr is UTF-8");
        assert!(stderr.starts_with("amb: "), "error format: {stderr}");
        assert!(!stderr.contains("panicked"), "panic: {stderr}");
        stderr
    }

    /// Runs and returns the assert handle, for exit codes other than 0 and 1.
    pub fn run(&self, args: &[&str]) -> Assert {
        self.cmd(args).assert()
    }

    /// Writes a file into the sandbox and returns its path as a string.
    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) -> String {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, contents).expect("write");
        path.to_string_lossy().into_owned()
    }

    /// A fingerprint of every table's contents, to prove a refused command changed nothing.
    pub fn snapshot(&self) -> String {
        snapshot(&self.default_db())
    }
}

/// Every row of every table of the database at `path`, as text (audit included).
pub fn snapshot(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).expect("open db");
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut text = String::new();
    for table in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{table}\"")).unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                (0..columns)
                    .map(|i| {
                        row.get::<_, rusqlite::types::Value>(i)
                            .map(|v| format!("{v:?}"))
                    })
                    .collect::<Result<Vec<_>, _>>()
            })
            .unwrap();
        for row in rows {
            text.push_str(&format!("{table}: {}\n", row.unwrap().join(" | ")));
        }
    }
    text
}

/// `path` with `suffix` appended to its file name (`amb.sqlite-wal`).
pub fn fs_sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Every table `amb export` knows, in the order `all` writes them.
pub const EVERY_TABLE: [&str; 13] = [
    "people",
    "enrolments",
    "trainings",
    "attendance",
    "swag",
    "activities",
    "points",
    "feedback",
    "programs",
    "kpis",
    "imports",
    "swag_stock",
    "audit",
];

/// The demo's database in a sandbox, seen on the day after its programme year (the cohort
/// closed, the alumni programme open); returns the sandbox and the database's path.
pub fn demo() -> (Env, String) {
    let env = Env::new();
    env.set_today("2023-10-15");
    let db = env.path("demo.sqlite").to_string_lossy().into_owned();
    env.ok(&["--db", &db, "demo"]);
    (env, db)
}

/// `activity import` of the LinkedIn fixture as the demo's Laura Niemi, as a dry run.
pub fn shares_dry_run() -> Vec<String> {
    let shares = fixture("exports/linkedin/Shares.csv");
    [
        "activity",
        "import",
        &shares,
        "--person",
        "Laura Niemi",
        "--dry-run",
    ]
    .map(str::to_string)
    .to_vec()
}

/// A fixture file under `tests/fixtures/`.
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .to_string_lossy()
        .into_owned()
}
