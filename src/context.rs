//! Settings resolved once from flags, environment, config file and defaults. Nothing downstream
//! reads an environment variable or re-checks a flag.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveDate;
use etcetera::BaseStrategy;
use rusqlite::Connection;

use crate::cli::GlobalArgs;
use crate::config::Config;
use crate::domain::Lang;
use crate::error::{Place, refuse};
use crate::output::{Layout, Output, OutputFormat};
use crate::table_writers::CsvDialect;

/// Where a path came from, for `amb config show` and `amb init`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Flag,
    Environment,
    ConfigFile,
    Default,
}

/// Everything a command needs to know about how it was asked to run.
#[derive(Debug)]
pub struct Context {
    pub db_path: PathBuf,
    pub db_origin: Origin,
    /// The `--db` flag alone: `amb demo` ignores `AMB_DB` and the config.
    pub db_flag: Option<PathBuf>,
    pub config_path: PathBuf,
    pub config_origin: Origin,
    pub config_found: bool,
    pub config: Config,
    pub data_dir: PathBuf,
    pub format: OutputFormat,
    /// How CSV is written: `--excel` chooses Excel's Finnish dialect.
    pub csv: CsvDialect,
    pub quiet: bool,
    pub yes: bool,
    pub today: NaiveDate,
    pub color: bool,
    pub interactive: bool,
    /// Whether to draw progress bars (stderr is a terminal and not `--quiet`).
    pub progress: bool,
    /// How tables fit: the terminal's width (`COLUMNS` when stdout is not a terminal,
    /// else 80), `--columns` and `--wide`.
    pub layout: Layout,
    /// The language of reports: `--lang`, else `language` in the config, else the locale.
    pub lang: Lang,
    /// The logo file for HTML reports (`logo` in the config, relative to its folder).
    pub logo: Option<PathBuf>,
    /// Where results go instead of stdout (`amb report … -o FILE`).
    pub output_file: Option<PathBuf>,
}

impl Context {
    /// Resolves flags > environment > config file > defaults.
    pub fn resolve(global: &GlobalArgs) -> anyhow::Result<Context> {
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
        let dirs = etcetera::choose_base_strategy()
            .context("cannot find the home folder; pass --db and --config")?;
        let data_dir = dirs.data_dir().join("amb");

        let (config_path, config_origin) = match (&global.config, env("AMB_CONFIG")) {
            (Some(path), _) => (path.clone(), Origin::Flag),
            (None, Some(path)) => (PathBuf::from(path), Origin::Environment),
            (None, None) => (dirs.config_dir().join("amb/config.toml"), Origin::Default),
        };
        let (config, config_found) = Config::load(&config_path)?;
        if !config_found && config_origin != Origin::Default {
            let missing = format!("config file {} does not exist", config_path.display());
            return Err(refuse(missing)
                .hint("copy config.example.toml there, or leave out --config/AMB_CONFIG for the defaults")
                .into());
        }

        let (db_path, db_origin) = match (&global.db, env("AMB_DB"), &config.database) {
            (Some(path), _, _) => (path.clone(), Origin::Flag),
            (None, Some(path), _) => (PathBuf::from(path), Origin::Environment),
            (None, None, Some(path)) => (relative_to(&config_path, path), Origin::ConfigFile),
            (None, None, None) => (data_dir.join("amb.sqlite"), Origin::Default),
        };

        let today = match std::env::var("AMB_TODAY") {
            Ok(text) if !text.is_empty() => crate::dates::parse(&text).map_err(|err| {
                refuse(err.to_string()).at(Place::Setting("AMB_TODAY".to_string()))
            })?,
            _ => chrono::Utc::now()
                .with_timezone(&config.timezone.0)
                .date_naive(),
        };

        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .find_map(|name| env(name).map(|v| v.to_string_lossy().into_owned()));
        let lang = report_language(global.lang, config.language, locale.as_deref());
        let logo = config.logo.as_deref().map(|p| relative_to(&config_path, p));

        let format = match (global.excel, global.format) {
            // `--excel` alone means CSV: it is what the flag is for.
            (true, OutputFormat::Table | OutputFormat::Csv) => OutputFormat::Csv,
            (false, format) => format,
            (true, other) => {
                return Err(refuse(format!(
                    "--excel is for CSV; it cannot be combined with --format {}",
                    clap::ValueEnum::to_possible_value(&other)
                        .map(|value| value.get_name().to_string())
                        .unwrap_or_default()
                ))
                .hint("leave out --excel, or use --format csv")
                .into());
            }
        };
        let stdout_tty = std::io::stdout().is_terminal();
        Ok(Context {
            db_path,
            db_origin,
            db_flag: global.db.clone(),
            config_path,
            config_origin,
            config_found,
            config,
            data_dir,
            format,
            csv: CsvDialect {
                excel: global.excel,
            },
            quiet: global.quiet,
            yes: global.yes,
            today,
            color: stdout_tty && env("NO_COLOR").is_none(),
            interactive: std::io::stdin().is_terminal(),
            progress: std::io::stderr().is_terminal() && !global.quiet,
            layout: Layout {
                width: Some(table_width(stdout_tty, env("COLUMNS").as_deref())),
                columns: global.columns.clone(),
                wide: global.wide,
            },
            lang,
            logo,
            output_file: None,
        })
    }

    /// Opens the existing database; refuses a missing file or one that is not amb's.
    pub fn open(&self) -> anyhow::Result<Connection> {
        crate::db::open(&self.db_path, &self.db_settings())
    }

    /// The connection settings the config file chose.
    pub fn db_settings(&self) -> crate::db::Settings {
        crate::db::Settings {
            announce_waits: !self.quiet,
            ..self.config.db_settings()
        }
    }

    /// The one writer of results: to stdout, or to the output file.
    pub fn output(&self) -> Output {
        let output = Output::new(self.format, self.color)
            .laid_out(self.layout.clone())
            .in_dialect(self.csv);
        match &self.output_file {
            Some(file) => output.to_file(file.clone()),
            None => output,
        }
    }

    /// This context with results written to `file` (whole, mode 0600) instead of stdout;
    /// refuses a file that is the database or one beside it.
    pub fn with_output_file(self, file: Option<PathBuf>) -> anyhow::Result<Context> {
        if let Some(file) = &file {
            crate::fs::refuse_overwriting_database(file, &self.db_path)?;
        }
        Ok(Context {
            // A file gets no terminal colours.
            color: self.color && file.is_none(),
            output_file: file,
            ..self
        })
    }

    /// How a report's document is shown: colour, the width its tables fit (none with
    /// `--wide`), and the CSV dialect.
    pub fn look(&self) -> crate::render::Look {
        crate::render::Look {
            color: self.color,
            width: self.layout.width.filter(|_| !self.layout.wide),
            csv: self.csv,
        }
    }

    /// A message for the person at the terminal (stderr), unless `--quiet`.
    pub fn note(&self, message: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", message.as_ref());
        }
    }

    /// Asks before something destructive; `--yes` answers for scripts.
    pub fn confirm(&self, question: &str) -> anyhow::Result<()> {
        if self.yes {
            return Ok(());
        }
        if !self.interactive {
            return Err(refuse(question)
                .hint("stdin is not a terminal; pass --yes to confirm")
                .into());
        }
        eprint!("{question} [y/N] ");
        let mut answer = String::new();
        std::io::stdin().read_line(&mut answer)?;
        if matches!(
            answer.trim().to_lowercase().as_str(),
            "y" | "yes" | "k" | "kyllä"
        ) {
            Ok(())
        } else {
            Err(refuse("cancelled; nothing was changed").into())
        }
    }
}

/// `--lang`, else the config's `language`, else the first locale variable set (`LC_ALL`,
/// `LC_MESSAGES`, `LANG`, as POSIX orders them), else English. A locale amb does not speak
/// (`C`, `de_DE`) means English.
fn report_language(flag: Option<Lang>, config: Option<Lang>, locale: Option<&str>) -> Lang {
    flag.or(config)
        .or_else(|| locale.and_then(Lang::from_locale))
        .unwrap_or(Lang::En)
}

/// The width tables fit: a terminal's own width, else `COLUMNS` (as a shell sets it), else
/// 80; never narrower than 20.
fn table_width(stdout_tty: bool, columns: Option<&std::ffi::OsStr>) -> usize {
    let terminal = stdout_tty
        .then(|| comfy_table::Table::new().width())
        .flatten()
        .map(usize::from);
    let from_env = columns
        .and_then(|c| c.to_str())
        .and_then(|c| c.trim().parse::<usize>().ok());
    terminal
        .filter(|&w| w >= 20)
        .or(from_env)
        .unwrap_or(80)
        .max(20)
}

/// A relative `database` in the config file is relative to the config file's folder;
/// `~/` is the home folder.
fn relative_to(config_path: &Path, path: &Path) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Ok(home) = etcetera::home_dir()
    {
        return home.join(rest);
    }
    if path.is_absolute() {
        return path.to_path_buf();
    }
    config_path
        .parent()
        .map_or_else(|| path.to_path_buf(), |dir| dir.join(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_beats_the_config_which_beats_the_locale() {
        assert_eq!(report_language(None, None, None), Lang::En);
        assert_eq!(report_language(None, None, Some("fi_FI.UTF-8")), Lang::Fi);
        assert_eq!(report_language(None, None, Some("sv_FI@euro")), Lang::Sv);
        assert_eq!(report_language(None, None, Some("C")), Lang::En);
        assert_eq!(report_language(None, None, Some("de_DE.UTF-8")), Lang::En);
        assert_eq!(
            report_language(None, Some(Lang::Sv), Some("fi_FI.UTF-8")),
            Lang::Sv
        );
        assert_eq!(
            report_language(Some(Lang::En), Some(Lang::Sv), Some("fi_FI")),
            Lang::En
        );
    }
}
