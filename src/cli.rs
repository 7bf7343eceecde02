//! The command line as clap sees it. Values are parsed here, at the edge: dates, enums and table
//! names arrive in the commands typed, and a bad value is refused naming its flag. This module
//! imports only the types values parse into (`domain`, `dates`, `output::OutputFormat`).

use std::marker::PhantomData;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::Lang;
use crate::domain::{
    Channel, EnrolmentStatus, ExportTable, ImportFormat, Role, TextEnum, TrainingKind,
};
use crate::output::OutputFormat;

const AFTER_HELP: &str = "\
Environment:
  AMB_DB      database file (overridden by --db)
  AMB_CONFIG  configuration file (overridden by --config)
  AMB_TODAY   fix \"today\" as YYYY-MM-DD (tests, back-dated entry)
  LC_ALL, LC_MESSAGES, LANG  the report language when neither --lang nor the config sets it
  NO_COLOR    never colour the output

Exit codes:
  0  success
  1  the command failed: bad input, unknown person, refused change (nothing was written)
  2  the command line was wrong (unknown option, missing argument)

Start with `amb demo` to see the Vaasa 2022 programme, or `amb init` to begin your own.";

/// Run an employee ambassador programme from one local SQLite file.
#[derive(Debug, Parser)]
#[command(name = "amb", version, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command accepts, before or after the subcommand.
#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Database file [env: AMB_DB] [default: $XDG_DATA_HOME/amb/amb.sqlite]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Configuration file [env: AMB_CONFIG] [default: $XDG_CONFIG_HOME/amb/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Output format of lists, records and reports
    #[arg(long, global = true, value_enum, default_value_t = OutputFormat::Table)]
    pub format: OutputFormat,
    /// Print no messages, only the requested output
    #[arg(long, short, global = true)]
    pub quiet: bool,
    /// Answer yes to confirmations (needed when stdin is not a terminal)
    #[arg(long, short, global = true)]
    pub yes: bool,
    /// The columns a list's table shows, in order, e.g. --columns id,date,person
    #[arg(long, global = true, value_name = "A,B,…", value_delimiter = ',')]
    pub columns: Option<Vec<String>>,
    /// Every column of a list's table, nothing cut to fit the width
    #[arg(long, global = true, conflicts_with = "columns")]
    pub wide: bool,
    /// Language of reports: fi, sv or en [default: `language` in the config, else the locale
    /// from LC_ALL/LC_MESSAGES/LANG, else en]
    #[arg(long, global = true, value_name = "LANG", value_parser = spelled::<Lang>())]
    pub lang: Option<Lang>,
    /// CSV that opens right in Excel set to Finnish (`;` between values, decimal commas)
    #[arg(long, global = true)]
    pub excel: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database and show where it and the config live
    #[command(after_help = "Examples:\n  amb init\n  amb --db /srv/hr/amb.sqlite init")]
    Init,
    /// Build a demo database of the Vaasa 2022 programme and show its summary
    #[command(
        after_help = "Never touches your own database: without --db it writes a demo file in the data folder.\n\nExamples:\n  amb demo\n  amb demo --db /tmp/demo.sqlite --format json"
    )]
    Demo,
    /// Manage programmes (cohorts)
    #[command(subcommand)]
    Program(ProgramCommand),
    /// Manage people
    #[command(subcommand)]
    Person(PersonCommand),
    /// Enrol a person as an active ambassador (creating them if new), recording consent
    #[command(after_help = "Examples:
  amb enroll \"Aino Mäkelä\" --email aino.makela@vaasa.fi --role employee --unit Sivistystoimi
  amb enroll aino.makela@vaasa.fi            # an applicant becomes active
  amb enroll Mäkelä --date 14.10.2022 --program \"Vaasa 2022\"")]
    Enroll(EnrollArgs),
    /// Record an applicant to a programme (status applied)
    #[command(after_help = "Example:
  amb apply \"Mikael Westerlund\" --email mikael.westerlund@vaasa.fi --role manager --motivation \"I want to show what our work is like\"")]
    Apply(ApplyArgs),
    /// Withdraw a person from a programme
    #[command(
        after_help = "Example:\n  amb withdraw Westerlund --date 1.6.2023 --reason \"moved to another job\""
    )]
    Withdraw(WithdrawArgs),
    /// Trainings and attendance
    #[command(subcommand)]
    Training(TrainingCommand),
    /// Swag packages: stock, deliveries, who is still waiting
    #[command(subcommand)]
    Swag(SwagCommand),
    /// Posts, shares, school and fair visits, talks and other activities
    #[command(subcommand)]
    Activity(ActivityCommand),
    /// The participants' feedback on a programme
    #[command(subcommand)]
    Feedback(FeedbackCommand),
    /// What the programme is judged against: survey scores, applicant numbers
    #[command(subcommand)]
    Kpi(KpiCommand),
    /// Import batches: list them, undo one
    #[command(subcommand)]
    Import(ImportCommand),
    /// Reward points: awards, redemptions, balances, the ledger, rescoring
    #[command(subcommand)]
    Points(PointsCommand),
    /// Verify the database: integrity, foreign keys, the points ledger and the report totals (silent when healthy)
    #[command(
        after_help = "Examples:\n  amb check && echo healthy\n  amb check --repair      # rebuild the report totals from the activities, then check"
    )]
    Check(CheckArgs),
    /// Reports on the programme's results
    Report(ReportArgs),
    /// Export a table (or all of them) as CSV or JSON for spreadsheets and other tools
    #[command(after_help = "Examples:
  amb export activities --format csv -o activities.csv
  amb export people --format csv --excel -o people.csv     # opens right in a Finnish Excel
  amb export all --format json -o amb.json
  amb export all --format csv -o exports/                  # one file per table")]
    Export(ExportArgs),
    /// List the audit log of changes (no personal data)
    #[command(after_help = "Examples:\n  amb audit\n  amb audit --format json")]
    Audit(AuditArgs),
    /// Show the configuration
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Forget the people the retention rules say are due (a dry run unless --apply)
    #[command(after_help = "Examples:
  amb purge                  # who would be forgotten, and why
  amb purge --apply --yes    # forget them (as `amb person forget` does)
Retention is set in the config: [retention] applicants_months, former_ambassadors_months.")]
    Purge(PurgeArgs),
    /// Write a consistent, checked copy of the database (while others may be using it)
    #[command(after_help = "Examples:
  amb backup                          # backups/amb-20230115T020000Z.sqlite beside the database
  amb backup /mnt/safe/amb-copy.sqlite
The default folder keeps the newest [backup] keep copies (10).")]
    Backup(BackupArgs),
    /// Replace the database with a backup, after checking it; the current file is kept as a backup
    #[command(after_help = "Example:\n  amb restore backups/amb-20230115T020000Z.sqlite --yes")]
    Restore(RestoreArgs),
    /// The personal-data register: its description for publishing
    #[command(subcommand)]
    Privacy(PrivacyCommand),
    /// Which programme hashtags a text carries, by the rules imports use
    #[command(subcommand)]
    Hashtags(HashtagsCommand),
    /// Print a shell completion script for bash, zsh, fish, powershell or elvish
    #[command(after_help = "Examples:
  amb completions bash > ~/.local/share/bash-completion/completions/amb
  amb completions zsh > ~/.zfunc/_amb
  amb completions fish > ~/.config/fish/completions/amb.fish")]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page, or write one page per command into a folder
    #[command(after_help = "Examples:
  amb man | man -l -
  amb man --dir ~/.local/share/man/man1")]
    Man {
        /// Write amb.1 and a page per command (amb-person-add.1, …) into this folder
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Args)]
pub struct PurgeArgs {
    /// Forget them (without it, only show who is due)
    #[arg(long)]
    pub apply: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy [default: backups/amb-<UTC time>.sqlite beside the database]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// The backup to restore
    pub path: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Write the register description (tietosuojaseloste) as Markdown, to publish on the intranet
    #[command(after_help = "Example:\n  amb privacy notice -o tietosuojaseloste.md")]
    Notice {
        /// Write it to this file instead of stdout
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum HashtagsCommand {
    /// Show the hashtags in a text and which of them are programme hashtags
    #[command(after_help = "Examples:
  amb hashtags test \"Koulun arkea 😍#OnnellisenArjenTekijät\"
  amb hashtags test \"vaasa.fi/#OnnellisenArjenTekijät\" --program \"Vaasa 2022\"   # no tag inside a link")]
    Test(HashtagsTestArgs),
}

#[derive(Debug, Args)]
pub struct HashtagsTestArgs {
    /// The post's text
    pub text: String,
    #[command(flatten)]
    pub program: ProgramFilter,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and the paths they came from
    #[command(after_help = "Examples:\n  amb config show\n  amb config show --format json")]
    Show,
}

#[derive(Debug, Subcommand)]
pub enum ProgramCommand {
    /// Add a programme
    #[command(after_help = "Examples:
  amb program add \"Vaasa 2022\" --start 14.10.2022 --end 30.9.2023 --hashtag OnnellisenArjenTekijät --alias OnnellisenArjenTekijat
  amb program add Alumni --start 2023-10-01 --hashtag OnnellisenArjenTekijät   # open-ended")]
    Add(ProgramAddArgs),
    /// List programmes
    #[command(after_help = "Examples:\n  amb program list\n  amb program list --wide")]
    List,
    /// Show one programme
    #[command(after_help = "Example:\n  amb program show \"Vaasa 2022\"")]
    Show {
        /// Programme id or name
        program: String,
    },
    /// Change a programme's name, dates or hashtags
    #[command(
        after_help = "Examples:\n  amb program edit \"Vaasa 2022\" --end 31.10.2023\n  amb program edit 2 --open-ended --add-alias OnnellisenArjenTekijat"
    )]
    Edit(ProgramEditArgs),
    /// Close a programme: its active enrolments become completed (asks first)
    #[command(
        after_help = "Examples:\n  amb program close \"Vaasa 2022\" --dry-run\n  amb program close \"Vaasa 2022\" --yes\n  amb program close \"Vaasa 2022\" --date 30.9.2023"
    )]
    Close {
        /// Programme id or name
        program: String,
        /// Closing date [default: the programme's end date, or today]
        #[arg(long, value_parser = date)]
        date: Option<NaiveDate>,
        /// Show what closing would do; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Remove a programme added by mistake: only one that holds nothing (asks first)
    #[command(after_help = "Example:\n  amb program remove \"Vaasa 2O22\" --yes")]
    Remove {
        /// Programme id or name
        program: String,
    },
}

#[derive(Debug, Args)]
pub struct ProgramAddArgs {
    /// Name of the programme, e.g. "Vaasa 2022"
    #[arg(value_parser = name_text)]
    pub name: String,
    /// First day (2022-10-14 or 14.10.2022)
    #[arg(long, value_parser = date)]
    pub start: NaiveDate,
    /// Last day; leave out for an open-ended programme (e.g. alumni)
    #[arg(long, value_parser = date)]
    pub end: Option<NaiveDate>,
    /// A programme hashtag (repeatable); the leading # is optional
    #[arg(long = "hashtag", required = true, value_name = "TAG")]
    pub hashtags: Vec<String>,
    /// An accepted alternative spelling, e.g. without ä (repeatable)
    #[arg(long = "alias", value_name = "SPELLING")]
    pub aliases: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ProgramEditArgs {
    /// Programme id or name
    pub program: String,
    /// New name
    #[arg(long, value_parser = name_text)]
    pub name: Option<String>,
    /// New first day
    #[arg(long, value_parser = date)]
    pub start: Option<NaiveDate>,
    /// New last day
    #[arg(long, value_parser = date, conflicts_with = "open_ended")]
    pub end: Option<NaiveDate>,
    /// Remove the end date
    #[arg(long)]
    pub open_ended: bool,
    /// Add a hashtag (repeatable)
    #[arg(long = "add-hashtag", value_name = "TAG")]
    pub add_hashtags: Vec<String>,
    /// Add an alternative spelling (repeatable)
    #[arg(long = "add-alias", value_name = "SPELLING")]
    pub add_aliases: Vec<String>,
    /// Remove a hashtag or alternative spelling (repeatable)
    #[arg(long = "remove-hashtag", value_name = "TAG")]
    pub remove_hashtags: Vec<String>,
}

#[derive(Debug, Subcommand)]
pub enum PersonCommand {
    /// Add a person without enrolling them
    #[command(
        after_help = "Example:\n  amb person add \"Aino Mäkelä\" --email aino.makela@vaasa.fi --role employee --unit Sivistystoimi"
    )]
    Add(PersonAddArgs),
    /// List people (everyone, unless filtered)
    #[command(
        after_help = "Examples:\n  amb person list --status active --unit Sivistystoimi\n  amb person list --role manager --columns name,email"
    )]
    List(PersonListArgs),
    /// Show a person with their enrolments
    #[command(
        after_help = "Examples:\n  amb person show mäkelä\n  amb person show aino.makela@vaasa.fi"
    )]
    Show {
        /// Id, e-mail, or part of the name
        person: String,
    },
    /// Change a person's details
    #[command(after_help = "Example:\n  amb person edit mäkelä --title Luokanopettaja --x \"\"")]
    Edit(PersonEditArgs),
    /// Everything the file holds about a person (JSON; --format md to read), for a request of access
    #[command(after_help = "Examples:
  amb person export aino@vaasa.fi -o aino.json
  amb person export \"Aino Mäkelä\" --format md -o aino.md")]
    Export {
        /// Id, e-mail, or part of the name
        person: String,
        /// Write it to this file (readable only by you) instead of stdout
        #[arg(long, short)]
        output: Option<PathBuf>,
    },
    /// Erase a person: identity, handles, post addresses and their words go; totals stay
    #[command(
        after_help = "Asks first (--yes for scripts). Counts, dates, units, channels, metrics and points stay,
attached to \"former ambassador N\". The file keeps no copy of the erased bytes; backups
taken earlier still hold the person, and the command names them.

Example:
  amb person forget aino.makela@vaasa.fi --yes"
    )]
    Forget {
        /// Id, e-mail, or part of the name
        person: String,
    },
    /// Import people from an application-form CSV (English or Finnish headers)
    #[command(
        after_help = "Headers (any order, English or Finnish): Name/Nimi, Email/Sähköposti, Role/Rooli,
Unit/Yksikkö/Toimiala, Title/Nimike, LinkedIn, X/Twitter, Instagram, Facebook, Mastodon,
TikTok, Motivation/Perustelut. Roles: employee/työntekijä, manager/esihenkilö/johtaja.
`,` or `;` separated, UTF-8 with or without BOM. Every bad row is reported, and then
nothing is imported.

Examples:
  amb person import hakemukset.csv --dry-run
  amb person import hakemukset.csv --enroll --date 14.10.2022"
    )]
    Import(PersonImportArgs),
}

/// A person's details as options; the name is a separate positional argument.
#[derive(Debug, Args, Default)]
pub struct PersonFieldArgs {
    /// E-mail address (unique; compared case-insensitively)
    #[arg(long, value_parser = link_text)]
    pub email: Option<String>,
    /// employee or manager (työntekijä, esihenkilö and johtaja are accepted)
    #[arg(long, value_parser = spelled::<Role>())]
    pub role: Option<Role>,
    /// Unit or department, e.g. Sivistystoimi
    #[arg(long, value_parser = name_text)]
    pub unit: Option<String>,
    /// Job title
    #[arg(long, value_parser = name_text)]
    pub title: Option<String>,
    /// LinkedIn profile URL
    #[arg(long, value_parser = link_text)]
    pub linkedin: Option<String>,
    /// X (Twitter) handle
    #[arg(long, visible_alias = "twitter", value_parser = link_text)]
    pub x: Option<String>,
    /// Facebook profile
    #[arg(long, value_parser = link_text)]
    pub facebook: Option<String>,
    /// Instagram handle
    #[arg(long, value_parser = link_text)]
    pub instagram: Option<String>,
    /// Mastodon handle, e.g. @name@instance
    #[arg(long, value_parser = link_text)]
    pub mastodon: Option<String>,
    /// TikTok handle
    #[arg(long, value_parser = link_text)]
    pub tiktok: Option<String>,
    /// YouTube channel
    #[arg(long, value_parser = link_text)]
    pub youtube: Option<String>,
    /// Blog URL
    #[arg(long, value_parser = link_text)]
    pub blog: Option<String>,
}

#[derive(Debug, Args)]
pub struct PersonAddArgs {
    /// Full name
    #[arg(value_parser = name_text)]
    pub name: String,
    #[command(flatten)]
    pub fields: PersonFieldArgs,
}

#[derive(Debug, Args)]
pub struct PersonEditArgs {
    /// Id, e-mail, or part of the name
    pub person: String,
    /// New full name
    #[arg(long, value_parser = name_text)]
    pub name: Option<String>,
    /// Options given replace the stored value; an empty value ("") clears it
    #[command(flatten)]
    pub fields: PersonFieldArgs,
}

#[derive(Debug, Args)]
pub struct PersonListArgs {
    /// Only this role
    #[arg(long, value_parser = spelled::<Role>())]
    pub role: Option<Role>,
    /// Only this unit (case-insensitive)
    #[arg(long)]
    pub unit: Option<String>,
    /// Only people with an enrolment in this status
    #[arg(long, value_parser = spelled::<EnrolmentStatus>())]
    pub status: Option<EnrolmentStatus>,
    /// Only people enrolled in this programme
    #[arg(long)]
    pub program: Option<String>,
}

#[derive(Debug, Args)]
pub struct PersonImportArgs {
    /// The CSV file
    pub file: PathBuf,
    /// Enrol the people as active ambassadors instead of recording them as applicants
    #[arg(long)]
    pub enroll: bool,
    #[command(flatten)]
    pub program: ProgramOption,
    /// Date of the application or enrolment [default: today]
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Check the file and show what the import would do; write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct EnrollArgs {
    /// A new person's full name, or an existing person's id, e-mail or part of the name
    #[arg(value_parser = name_text)]
    pub person: String,
    #[command(flatten)]
    pub fields: PersonFieldArgs,
    /// Enrolment and consent date [default: today]
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub program: ProgramOption,
}

#[derive(Debug, Args)]
pub struct ApplyArgs {
    /// A new person's full name, or an existing person's id, e-mail or part of the name
    #[arg(value_parser = name_text)]
    pub person: String,
    #[command(flatten)]
    pub fields: PersonFieldArgs,
    /// Why they want to be an ambassador
    #[arg(long, value_parser = note_text)]
    pub motivation: Option<String>,
    /// Application date [default: today]
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub program: ProgramOption,
}

#[derive(Debug, Args)]
pub struct WithdrawArgs {
    /// Id, e-mail, or part of the name
    pub person: String,
    /// Withdrawal date: the first day that no longer counts [default: today]
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
    /// Why (kept with the enrolment)
    #[arg(long, value_parser = note_text)]
    pub reason: Option<String>,
    #[command(flatten)]
    pub program: ProgramOption,
}

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// How many of the newest entries to show
    #[arg(long, default_value_t = 50)]
    pub limit: i64,
}

#[derive(Debug, Subcommand)]
pub enum TrainingCommand {
    /// Add a training to a programme
    #[command(after_help = "Example:
  amb training add \"Työntekijälähettilyys sosiaalisessa mediassa\" --date 14.10.2022 --trainer \"Some Trainer\" --kind kickoff")]
    Add(TrainingAddArgs),
    /// List trainings with attendance counts
    #[command(
        after_help = "Examples:\n  amb training list\n  amb training list --program \"Vaasa 2022\""
    )]
    List {
        /// Only this programme's trainings [default: all]
        #[arg(long)]
        program: Option<String>,
    },
    /// Show a training's roster: every ambassador enrolled on its date, and anyone else who came
    #[command(after_help = "Example:\n  amb training show kickoff")]
    Show {
        /// Training id or part of its title
        training: String,
    },
    /// Mark people as attended (default), absent or excused
    #[command(after_help = "Examples:
  amb training attend kick-off aino@vaasa.fi Westerlund 7
  amb training attend kick-off Koskinen --excused")]
    Attend(TrainingAttendArgs),
    /// Correct a training's title, trainer, kind or date (a date only while nobody is marked)
    #[command(after_help = "Examples:
  amb training edit kickoff --trainer \"Somevalmentaja Oy\"
  amb training edit 2 --title \"Jatkokoulutus\" --kind follow-up")]
    Edit {
        /// Training id, part of its title, or its kind
        training: String,
        /// New title
        #[arg(long, value_parser = name_text)]
        title: Option<String>,
        /// New date (within the programme)
        #[arg(long, value_parser = date)]
        date: Option<NaiveDate>,
        /// New trainer ("" clears it)
        #[arg(long, value_parser = name_text)]
        trainer: Option<String>,
        /// New kind
        #[arg(long, value_parser = spelled::<TrainingKind>())]
        kind: Option<TrainingKind>,
    },
    /// Remove a training and its marks; the points attending earned are reversed (asks first)
    #[command(after_help = "Example:\n  amb training remove 2 --yes")]
    Remove {
        /// Training id, part of its title, or its kind
        training: String,
    },
}

#[derive(Debug, Args)]
pub struct TrainingAddArgs {
    /// Title of the training
    #[arg(value_parser = name_text)]
    pub title: String,
    /// Date of the training
    #[arg(long, value_parser = date)]
    pub date: NaiveDate,
    /// Who gives it
    #[arg(long, value_parser = name_text)]
    pub trainer: Option<String>,
    /// What the training is in the programme's year
    #[arg(long, value_parser = spelled::<TrainingKind>(), default_value = "other")]
    pub kind: TrainingKind,
    #[command(flatten)]
    pub program: ProgramOption,
}

#[derive(Debug, Args)]
pub struct TrainingAttendArgs {
    /// Training id or part of its title
    pub training: String,
    /// People: id, e-mail or part of the name
    #[arg(required = true)]
    pub people: Vec<String>,
    /// Mark them absent
    #[arg(long, conflicts_with = "excused")]
    pub absent: bool,
    /// Mark them excused
    #[arg(long)]
    pub excused: bool,
    /// Show what the marks would change (and earn); write nothing
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum SwagCommand {
    /// Package kinds in stock
    #[command(subcommand)]
    Stock(SwagStockCommand),
    /// Deliver a package to a person (one is taken from stock)
    #[command(
        after_help = "Examples:\n  amb swag deliver mäkelä --date 4.11.2022\n  amb swag deliver 7 --package Vaasa-tuotepaketti --again --note \"the first was lost\""
    )]
    Deliver(SwagDeliverArgs),
    /// Record that a delivered package came back (it returns to stock)
    #[command(after_help = "Example:\n  amb swag return 3 --date 1.12.2022")]
    Return {
        /// Delivery id (see `amb swag list`)
        delivery: i64,
        #[command(flatten)]
        date: DateOption,
    },
    /// List deliveries
    #[command(after_help = "Examples:\n  amb swag list\n  amb swag list --person mäkelä")]
    List {
        /// Only this person's deliveries
        #[arg(long)]
        person: Option<String>,
    },
    /// Active ambassadors of the programme who have not received their package
    #[command(
        after_help = "Examples:\n  amb swag pending\n  amb swag pending --program \"Vaasa 2022\" --format csv"
    )]
    Pending {
        #[command(flatten)]
        program: ProgramOption,
    },
}

#[derive(Debug, Subcommand)]
pub enum SwagStockCommand {
    /// Add packages to the stock (a new package kind is created)
    #[command(after_help = "Example:\n  amb swag stock add Vaasa-tuotepaketti 25")]
    Add {
        /// Package kind, e.g. "Vaasa-paketti"
        #[arg(value_parser = name_text)]
        package: String,
        /// How many arrived
        count: u32,
    },
    /// List package kinds with their stock
    #[command(after_help = "Example:\n  amb swag stock list")]
    List,
}

#[derive(Debug, Args)]
pub struct SwagDeliverArgs {
    /// Id, e-mail or part of the name
    pub person: String,
    /// Package kind [default: the only kind there is]
    #[arg(long)]
    pub package: Option<String>,
    #[command(flatten)]
    pub date: DateOption,
    /// A note, e.g. "left at the front desk"
    #[arg(long, value_parser = note_text)]
    pub note: Option<String>,
    /// Deliver even though the person already has this package
    #[arg(long)]
    pub again: bool,
    /// Programme the package is for [default: the current one]
    #[arg(long)]
    pub program: Option<String>,
}

/// The figures of a post, as options.
#[derive(Debug, Args, Default)]
pub struct MetricArgs {
    /// Times the post was shown
    #[arg(long, value_parser = metric, allow_negative_numbers = true)]
    pub impressions: Option<i64>,
    /// Likes and other reactions
    #[arg(long, value_parser = metric, allow_negative_numbers = true)]
    pub reactions: Option<i64>,
    /// Comments
    #[arg(long, value_parser = metric, allow_negative_numbers = true)]
    pub comments: Option<i64>,
    /// Shares, reposts, boosts
    #[arg(long, value_parser = metric, allow_negative_numbers = true)]
    pub shares: Option<i64>,
    /// Link clicks
    #[arg(long, value_parser = metric, allow_negative_numbers = true)]
    pub clicks: Option<i64>,
}

#[derive(Debug, Subcommand)]
pub enum ActivityCommand {
    /// Record an activity
    #[command(
        after_help = "Kinds: post, share, article, school-visit, fair-visit, talk, event, other
(plus activity_kinds from the config). Channels: linkedin, x (twitter), facebook, instagram,
mastodon, tiktok, youtube, blog, other. A post or share needs --channel.

Examples:
  amb activity add aino post --channel linkedin --url https://www.linkedin.com/feed/update/urn:li:activity:1 --hashtag OnnellisenArjenTekijät --date 2.11.2022
  amb activity add Westerlund school-visit --date 15.3.2023 --note \"Vaasan lyseo, 9th graders\""
    )]
    Add(ActivityAddArgs),
    /// List activities
    #[command(
        after_help = "Examples:\n  amb activity list --person mäkelä --since 1.1.2023\n  amb activity list --kind post --channel linkedin --columns id,date,person,url"
    )]
    List(ActivityListArgs),
    /// Change an activity's date, figures or note
    #[command(
        after_help = "Examples:\n  amb activity edit 17 --impressions 2400 --reactions 61\n  amb activity edit 17 --date 3.11.2022"
    )]
    Edit(ActivityEditArgs),
    /// Remove an activity
    #[command(after_help = "Example:\n  amb activity remove 17 --yes")]
    Remove {
        /// Activity id
        id: i64,
    },
    /// Import the programme's posts from an ambassador's own data export
    #[command(
        after_help = "PATH is the export file, the unpacked export folder or the export's .zip:
  LinkedIn   Shares.csv (Shares_<id>.csv)       X          data/tweets.js (tweet.js, tweets-part1.js,
                                                           community-tweet.js, note-tweet.js)
  Mastodon   outbox.json                        Facebook   your_posts*.json
  Instagram  posts_1.json                       csv        email,date,kind,channel,url,hashtags,impressions,…
Only posts carrying a programme hashtag are stored, dated in the configured time zone and
attributed to the programme the person was enrolled in on that day. Importing the same or an
overlapping export again adds only new posts. Each import is a batch: `amb import list`,
`amb import undo BATCH`.

Examples:
  amb activity import ~/Downloads/Basic_LinkedInDataExport_11-02-2023.zip --person aino
  amb activity import twitter-2023-09-30/ --person westerlund --dry-run
  amb activity import outbox.json --person sofia --dry-run --explain   # why each post counts or not
  amb activity import analytics.csv --from csv --update-metrics"
    )]
    Import(ActivityImportArgs),
}

/// Which export format a file is: `None` (`auto`) tells it from the content.
pub type ImportFrom = Option<ImportFormat>;

#[derive(Debug, Args)]
pub struct ActivityImportArgs {
    /// The export: file, folder or .zip
    pub path: PathBuf,
    /// Whose export it is (not for the generic CSV, which names its people)
    #[arg(long)]
    pub person: Option<String>,
    /// The export's format (auto: tell from the content; csv: the generic activities CSV)
    #[arg(long, value_parser = auto_or(spelled::<ImportFormat>()), default_value = "auto")]
    pub from: ImportFrom,
    /// Show what would be imported, and import nothing
    #[arg(long)]
    pub dry_run: bool,
    /// Also store the posts' text (by default only what is counted is kept)
    #[arg(long)]
    pub keep_text: bool,
    /// A post already recorded gets the file's figures (impressions, reactions, …)
    #[arg(long)]
    pub update_metrics: bool,
    /// List every post of the file with its decision (counted, without_hashtag,
    /// outside_program, already_recorded, updated, rejected) and why, instead of the summary
    #[arg(long)]
    pub explain: bool,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// List the import batches
    #[command(after_help = "Example:\n  amb import list")]
    List,
    /// Remove exactly the activities one import added, reversing their points (asks first)
    #[command(after_help = "Examples:\n  amb import undo 3 --dry-run\n  amb import undo 3 --yes")]
    Undo {
        /// Batch id (see `amb import list`)
        batch: i64,
        /// Show what undoing would remove; write nothing
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Args)]
pub struct ActivityAddArgs {
    /// Id, e-mail or part of the name
    pub person: String,
    /// What it was: post, share, article, school-visit, fair-visit, talk, event, other, …
    pub kind: String,
    /// Channel (needed for a post or share)
    #[arg(long, value_parser = spelled::<Channel>())]
    pub channel: Option<Channel>,
    #[command(flatten)]
    pub date: DateOption,
    /// Link to the post
    #[arg(long, value_parser = link_text)]
    pub url: Option<String>,
    /// A hashtag the post carried (repeatable)
    #[arg(long = "hashtag", value_name = "TAG")]
    pub hashtags: Vec<String>,
    #[command(flatten)]
    pub metrics: MetricArgs,
    /// A note
    #[arg(long, value_parser = note_text)]
    pub note: Option<String>,
    /// Record it even though the person was not enrolled on that date (outside any
    /// programme: it then earns no points and counts in no report), or though the date is
    /// still to come (a planned visit)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct ActivityListArgs {
    /// Only this person
    #[arg(long)]
    pub person: Option<String>,
    /// Only this kind
    #[arg(long)]
    pub kind: Option<String>,
    /// Only this channel
    #[arg(long, value_parser = spelled::<Channel>())]
    pub channel: Option<Channel>,
    #[command(flatten)]
    pub program: ProgramFilter,
    #[command(flatten)]
    pub period: Period,
}

#[derive(Debug, Args)]
pub struct ActivityEditArgs {
    /// Activity id
    pub id: i64,
    /// New date
    #[arg(long, value_parser = date)]
    pub date: Option<NaiveDate>,
    #[command(flatten)]
    pub metrics: MetricArgs,
    /// New note ("" clears it)
    #[arg(long, value_parser = note_text)]
    pub note: Option<String>,
    /// Allow a date outside the person's enrolments, or one still to come
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Record a participant's feedback (one per person and programme)
    #[command(
        after_help = "Example:\n  amb feedback add mäkelä --score 5 --comment \"Rohkaisi kertomaan omasta työstä\""
    )]
    Add {
        /// Id, e-mail or part of the name
        person: String,
        /// 1 (poor) to 5 (excellent)
        #[arg(long)]
        score: u8,
        /// What they said
        #[arg(long, value_parser = note_text)]
        comment: Option<String>,
        #[command(flatten)]
        date: DateOption,
        #[command(flatten)]
        program: ProgramOption,
    },
    /// List feedback
    #[command(after_help = "Example:\n  amb feedback list --program \"Vaasa 2022\"")]
    List {
        #[command(flatten)]
        program: ProgramFilter,
    },
    /// Correct a feedback's score or comment
    #[command(after_help = "Example:\n  amb feedback edit 4 --score 4 --comment \"Hyvä ohjelma\"")]
    Edit {
        /// The feedback's id (`amb feedback list` shows it)
        id: i64,
        /// New score, 1 to 5
        #[arg(long)]
        score: Option<u8>,
        /// New comment ("" clears it)
        #[arg(long, value_parser = note_text)]
        comment: Option<String>,
    },
    /// Remove a feedback (asks first; --yes for scripts)
    #[command(after_help = "Example:\n  amb feedback remove 4 --yes")]
    Remove {
        /// The feedback's id
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum KpiCommand {
    /// Record a value, e.g. an employer-image survey score or the number of applicants
    #[command(after_help = "Examples:
  amb kpi add \"interesting jobs (survey)\" 3.4 --date 1.9.2022 --note \"before the programme\"
  amb kpi add applicants 1250 --date 31.12.2022")]
    Add {
        /// Name of the KPI
        #[arg(value_parser = name_text)]
        name: String,
        /// The value
        #[arg(allow_negative_numbers = true, value_parser = kpi_value)]
        value: f64,
        #[command(flatten)]
        date: DateOption,
        #[command(flatten)]
        program: ProgramOption,
        /// A note, e.g. the source
        #[arg(long, value_parser = note_text)]
        note: Option<String>,
    },
    /// List recorded values by KPI and date
    #[command(
        after_help = "Examples:\n  amb kpi list\n  amb kpi list --name \"interesting jobs (survey)\""
    )]
    List {
        #[command(flatten)]
        program: ProgramFilter,
        /// Only this KPI
        #[arg(long)]
        name: Option<String>,
    },
    /// Correct a recorded value: its name, value, date or note
    #[command(after_help = "Examples:
  amb kpi edit 3 --value 3.9
  amb kpi edit 3 --name \"interesting jobs (survey)\" --date 1.9.2023")]
    Edit {
        /// The value's id (`amb kpi list` shows it)
        id: i64,
        /// New name (an existing KPI's name, matched like a person's, joins its series)
        #[arg(long, value_parser = name_text)]
        name: Option<String>,
        /// New value
        #[arg(long, allow_negative_numbers = true, value_parser = kpi_value)]
        value: Option<f64>,
        /// New date
        #[arg(long, value_parser = date)]
        date: Option<NaiveDate>,
        /// New note ("" clears it)
        #[arg(long, value_parser = note_text)]
        note: Option<String>,
    },
    /// Remove a recorded value (asks first; --yes for scripts)
    #[command(after_help = "Example:\n  amb kpi remove 3 --yes")]
    Remove {
        /// The value's id
        id: i64,
    },
}

#[derive(Debug, Subcommand)]
pub enum PointsCommand {
    /// Award points by hand
    #[command(
        after_help = "Example:\n  amb points award mäkelä 50 --reason \"Organised the school visit day\""
    )]
    Award {
        /// Id, e-mail or part of the name
        person: String,
        /// How many points (1 to 1000000000)
        #[arg(value_parser = points, allow_negative_numbers = true)]
        points: i64,
        /// Why (kept in the ledger)
        #[arg(long, value_parser = note_text)]
        reason: String,
        #[command(flatten)]
        date: DateOption,
    },
    /// Spend points on a reward (refused beyond the balance unless the config allows it)
    #[command(
        after_help = "Example:\n  amb points redeem mäkelä 200 --reward \"Theatre tickets for two\""
    )]
    Redeem {
        /// Id, e-mail or part of the name
        person: String,
        /// How many points (1 to 1000000000)
        #[arg(value_parser = points, allow_negative_numbers = true)]
        points: i64,
        /// What they got
        #[arg(long, value_parser = note_text)]
        reward: String,
        #[command(flatten)]
        date: DateOption,
    },
    /// Cancel a ledger entry with a new, opposite entry (an entry can be reversed once)
    #[command(
        after_help = "Example:\n  amb points reverse 42 --reason \"awarded twice by mistake\""
    )]
    Reverse {
        /// Ledger entry id (see `amb points ledger`)
        entry: i64,
        /// Why
        #[arg(long, value_parser = note_text)]
        reason: Option<String>,
    },
    /// Balances: everyone (highest first) or one person, with lifetime earned, redeemed and tier
    #[command(after_help = "Examples:\n  amb points balance\n  amb points balance mäkelä")]
    Balance {
        /// Id, e-mail or part of the name
        person: Option<String>,
    },
    /// The ledger, in the order it was written
    #[command(after_help = "Example:\n  amb points ledger --person mäkelä --since 1.1.2023")]
    Ledger {
        /// Only this person
        #[arg(long)]
        person: Option<String>,
        /// From this date on
        #[arg(long, value_parser = date)]
        since: Option<NaiveDate>,
    },
    /// Show what the current rules would change; --apply writes it as adjustment entries
    #[command(after_help = "Examples:
  amb points rescore                 # what would change, person by person
  amb points rescore --apply --yes   # write it (asks first without --yes)")]
    Rescore {
        /// Write the differences as adjustments (asks first; --yes for scripts)
        #[arg(long)]
        apply: bool,
    },
}

/// A report, and where to write it.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
    /// Write the report to this file (written whole, readable only by you) instead of stdout
    #[arg(long, short, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The results of a programme: participants, trainings, swag, hashtag posts, other
    /// activities, points, top ambassadors, tiers, feedback and KPIs
    #[command(
        after_help = "Examples:\n  amb report program \"Vaasa 2022\"\n  amb report program \"Vaasa 2022\" --format html > vaasa-2022.html\n  amb report program \"Vaasa 2023\" --compare \"Vaasa 2022\""
    )]
    Program {
        /// Programme [default: the current one]
        program: Option<String>,
        /// Set another programme (cohort) beside it [default: the previous cohort, if any]
        #[arg(long, value_name = "PROGRAM")]
        compare: Option<String>,
        /// Leave out the comparison with the previous cohort
        #[arg(long, conflicts_with = "compare")]
        no_compare: bool,
    },
    /// Each KPI's values over time, with the change between values and since the first
    #[command(after_help = "Examples:
  amb report kpi
  amb report kpi applicants --format html > kpi.html
  amb --lang fi report kpi --program \"Vaasa 2022\"")]
    Kpi {
        /// Only the KPIs whose name contains this (any case) [default: all]
        name: Option<String>,
        #[command(flatten)]
        program: ProgramFilter,
    },
    /// The most active ambassadors or units, by hashtag posts (per capita for units on request)
    #[command(after_help = "Examples:
  amb report leaderboard --top 10
  amb report leaderboard --by unit --per-capita --since 1.1.2023 --until 31.3.2023")]
    Leaderboard(LeaderboardArgs),
    /// One ambassador's record: details, enrolments, activities, points, trainings, swag
    #[command(after_help = "Example:\n  amb report person mäkelä")]
    Person {
        /// Id, e-mail or part of the name
        person: String,
    },
    /// A calendar year (all programmes, alumni included) beside the year before
    #[command(
        after_help = "Example (a cron job each January):\n  amb report year 2023 --format json > report-2023.json"
    )]
    Year {
        /// The year, e.g. 2023
        year: i32,
    },
    /// A short Markdown summary of a period, to paste into the Teams channel
    #[command(after_help = "Example:\n  amb report digest --since 1.3.2023 --until 31.3.2023")]
    Digest {
        /// First day [default: a week before today]
        #[arg(long, value_parser = date)]
        since: Option<NaiveDate>,
        /// Last day [default: today]
        #[arg(long, value_parser = date)]
        until: Option<NaiveDate>,
    },
    /// Who is slipping away: active ambassadors with no activity, or no fresh export, in N days
    #[command(after_help = "Examples:
  amb report health
  amb report health --days 60 --program \"Vaasa 2022\"")]
    Health {
        /// How many days count as too long
        #[arg(long, default_value_t = 30)]
        days: u32,
        #[command(flatten)]
        program: ProgramFilter,
    },
}

/// Rank people or units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankBy {
    Person,
    Unit,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// First rebuild the report totals kept from the activities (one transaction), then check
    #[arg(long)]
    pub repair: bool,
}

#[derive(Debug, Args)]
pub struct LeaderboardArgs {
    /// Rank people or units
    #[arg(long, value_enum, default_value_t = RankBy::Person)]
    pub by: RankBy,
    /// Units by posts per ambassador enrolled in the period (so a small unit can win)
    #[arg(long)]
    pub per_capita: bool,
    #[command(flatten)]
    pub period: Period,
    /// How many to show
    #[arg(long, default_value_t = 10)]
    pub top: u32,
    #[command(flatten)]
    pub program: ProgramFilter,
    /// Rank without names or ids (for sharing beyond the coordinator)
    #[arg(long)]
    pub anonymous: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The table to export, or all of them
    #[arg(value_parser = spelled::<ExportTable>())]
    pub table: ExportTable,
    /// Write to this file (for `all` as CSV: this folder) instead of stdout
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// A value the user typed that amb refuses (not a date, not a role, …). Unlike a malformed
/// command line (exit 2), it is bad input: `main` reports it as `amb: --flag: why` with exit 1.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct BadValue(pub String);

/// Parses a date option: ISO `2022-10-14` or Finnish `14.10.2022`.
pub fn date(text: &str) -> Result<NaiveDate, BadValue> {
    crate::dates::parse(text).map_err(|err| BadValue(err.to_string()))
}

/// A value parser for a text enum: every spelling the enum accepts (`työntekijä` for
/// `employee`), with the canonical ones listed in `--help`.
#[derive(Debug)]
pub struct Spelled<T>(PhantomData<fn() -> T>);

impl<T> Clone for Spelled<T> {
    fn clone(&self) -> Self {
        Spelled(PhantomData)
    }
}

/// The value parser of text enum `T`.
pub fn spelled<T: TextEnum>() -> Spelled<T> {
    Spelled(PhantomData)
}

impl<T: TextEnum> TypedValueParser for Spelled<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<T, clap::Error> {
        StringValueParser::new()
            .try_map(|text| text.parse::<T>().map_err(BadValue))
            .parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            T::values()
                .iter()
                .map(|value| PossibleValue::new(value.spelling())),
        ))
    }
}

/// A value parser that reads `auto` as `None` and anything else with `inner`.
#[derive(Debug, Clone)]
pub struct AutoOr<P>(P);

/// `auto`, or a value of `inner`.
pub fn auto_or<P>(inner: P) -> AutoOr<P> {
    AutoOr(inner)
}

impl<P: TypedValueParser> TypedValueParser for AutoOr<P>
where
    P::Value: Clone + Send + Sync + 'static,
{
    type Value = Option<P::Value>;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &std::ffi::OsStr,
    ) -> Result<Self::Value, clap::Error> {
        if value.eq_ignore_ascii_case("auto") {
            return Ok(None);
        }
        self.0.parse_ref(cmd, arg, value).map(Some)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        let auto = PossibleValue::new("auto").help("tell from the content");
        let inner = self.0.possible_values().into_iter().flatten();
        Some(Box::new(std::iter::once(auto).chain(inner)))
    }
}

/// The message for a value that one of amb's own parsers refused (`--date: "31.2.2023" is not
/// a date …`), or `None` for any other command-line error, which clap reports itself.
pub fn refused_value(err: &clap::Error) -> Option<String> {
    if err.kind() != ErrorKind::ValueValidation {
        return None;
    }
    let refusal = std::error::Error::source(err)?.downcast_ref::<BadValue>()?;
    let flag = match err.get(ContextKind::InvalidArg) {
        // "--date <DATE>" names the flag by its first word; a positional is named as shown.
        Some(ContextValue::String(arg)) if arg.starts_with('-') => {
            arg.split_whitespace().next().unwrap_or(arg).to_string()
        }
        Some(ContextValue::String(arg)) => arg.clone(),
        _ => return Some(refusal.to_string()),
    };
    Some(format!("{flag}: {refusal}"))
}

/// `--program` where a command works on one programme.
#[derive(Debug, Args, Default)]
pub struct ProgramOption {
    /// Programme: id or name [default: the current one]
    #[arg(long = "program", value_name = "PROGRAM")]
    pub query: Option<String>,
}

/// `--program` where it narrows a list or a report.
#[derive(Debug, Args, Default)]
pub struct ProgramFilter {
    /// Only this programme: id or name [default: all]
    #[arg(long = "program", value_name = "PROGRAM")]
    pub query: Option<String>,
}

impl ProgramOption {
    /// The programme asked for, if any.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }
}

impl ProgramFilter {
    /// The programme asked for, if any.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }
}

/// `--date` of something that happened, by default today.
#[derive(Debug, Args, Default)]
pub struct DateOption {
    /// The day: 2022-10-14 or 14.10.2022 [default: today]
    #[arg(long = "date", value_name = "DATE", value_parser = date)]
    pub day: Option<NaiveDate>,
}

impl DateOption {
    /// The day given, or `today`.
    pub fn or(&self, today: NaiveDate) -> NaiveDate {
        self.day.unwrap_or(today)
    }
}

/// `--since` and `--until`: a period of days, either end open.
#[derive(Debug, Args, Default, Clone, Copy)]
pub struct Period {
    /// From this date on
    #[arg(long, value_parser = date)]
    pub since: Option<NaiveDate>,
    /// Up to and including this date
    #[arg(long, value_parser = date)]
    pub until: Option<NaiveDate>,
}

/// Parses a one-line value (a name, unit, title, programme, KPI or package name): no control
/// characters or bidirectional overrides, at most 200 characters.
pub fn name_text(text: &str) -> Result<String, BadValue> {
    checked_text(crate::text::NAME, text)
}

/// Parses a handle, address or e-mail: one line, at most 2000 characters.
pub fn link_text(text: &str) -> Result<String, BadValue> {
    checked_text(crate::text::LINK, text)
}

/// Parses free text (a note, reason, reward, comment, motivation): tabs and line breaks
/// allowed, no other control characters, at most 2000 characters.
pub fn note_text(text: &str) -> Result<String, BadValue> {
    checked_text(crate::text::NOTE, text)
}

fn checked_text(rule: crate::text::TextRule, text: &str) -> Result<String, BadValue> {
    // The flag is named in front of the message; "the value" is what it holds.
    crate::text::check(rule.named("the value"), text)
        .map(|()| text.to_string())
        .map_err(BadValue)
}

/// Parses a post's figure: a whole number from 0 to 10¹².
pub fn metric(text: &str) -> Result<i64, BadValue> {
    crate::domain::METRIC.parse(text).map_err(BadValue)
}

/// Parses points given by hand: a whole number from 1 to 10⁹.
pub fn points(text: &str) -> Result<i64, BadValue> {
    crate::domain::POINTS.parse(text).map_err(BadValue)
}

/// Parses a KPI value: a finite number within ±10¹².
pub fn kpi_value(text: &str) -> Result<f64, BadValue> {
    let value = text
        .trim()
        .parse::<f64>()
        .map_err(|_| BadValue(format!("\"{}\" is not a number", text.escape_debug())))?;
    crate::domain::check_kpi_value(value).map_err(BadValue)
}

#[cfg(test)]
mod hint_tests {
    use super::*;

    /// Every `amb …` command line quoted in the sources (hints, messages, docs).
    fn quoted_command_lines() -> Vec<(String, String)> {
        let mut found = Vec::new();
        let mut folders = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/src"
        ))];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("src is readable") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).expect("a source file");
                    for quoted in text.split('`').skip(1).step_by(2) {
                        if let Some(line) = quoted.strip_prefix("amb ") {
                            found.push((path.display().to_string(), line.to_string()));
                        }
                    }
                }
            }
        }
        found
    }

    /// A placeholder of a hint (`NAME`, `DATE`, `{}`) as something a user would type.
    fn typed(word: &str) -> String {
        let word = word.trim_matches(['"', '\\']);
        match word {
            "DATE" | "D" => "2022-10-14".to_string(),
            "VALUE" | "POINTS" => "1".to_string(),
            "N" | "ID" | "BATCH" | "ENTRY" | "DELIVERY" => "1".to_string(),
            "YYYY" | "YEAR" => "2023".to_string(),
            "{}" | "{name}" => "x".to_string(),
            w if !w.is_empty()
                && w.chars()
                    .all(|c| c.is_ascii_uppercase() || c == '.' || c == '_') =>
            {
                "x".to_string()
            }
            w => w.to_string(),
        }
    }

    /// Every command, by its full name (`amb person add`).
    fn every_command(
        command: &clap::Command,
        name: String,
        all: &mut Vec<(String, clap::Command)>,
    ) {
        for sub in command.get_subcommands() {
            every_command(sub, format!("{name} {}", sub.get_name()), all);
        }
        all.push((name, command.clone()));
    }

    #[test]
    fn every_command_has_an_example_that_parses() {
        use clap::CommandFactory;
        let mut all = Vec::new();
        every_command(&Cli::command(), "amb".into(), &mut all);
        let mut missing = Vec::new();
        for (name, command) in &all {
            if command.has_subcommands() {
                continue;
            }
            let help = command
                .get_after_help()
                .map(|h| h.to_string())
                .unwrap_or_default();
            if !help.contains("Example") {
                missing.push(name.clone());
                continue;
            }
            for line in help
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with(name.as_str()))
            {
                let line = line.split("  #").next().unwrap_or_default();
                let line = line.split(" > ").next().unwrap_or_default();
                let line = line.split(" | ").next().unwrap_or_default();
                let line = line.split(" && ").next().unwrap_or_default();
                let words = shlex::split(line).unwrap_or_else(|| panic!("{name}: {line}"));
                if let Err(e) = Cli::try_parse_from(&words) {
                    panic!("{name}: the example `{line}` does not parse: {e}");
                }
            }
        }
        assert!(
            missing.is_empty(),
            "commands without an example in --help: {missing:?}"
        );
    }

    #[test]
    fn every_command_line_the_sources_suggest_parses() {
        let lines = quoted_command_lines();
        assert!(lines.len() > 10, "the scan found the hints: {lines:?}");
        let mut checked = 0;
        for (file, line) in lines {
            // `amb x add|list` names several commands, `…` elides; a pipe ends the command.
            let line = line.split(" | ").next().unwrap_or_default();
            if line.contains('|') || line.contains("...") || line.contains('…') {
                continue;
            }
            let mut args = vec!["amb".to_string()];
            args.extend(line.split_whitespace().map(typed));
            match Cli::try_parse_from(&args) {
                Ok(_) => {}
                // Pointing at a command's help is pointing at something that exists.
                Err(e) if e.kind() == ErrorKind::DisplayHelp => {}
                // A hint that names a command without its arguments points at the command.
                Err(e)
                    if matches!(
                        e.kind(),
                        ErrorKind::MissingRequiredArgument
                            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
                    ) && line
                        .split_whitespace()
                        .all(|w| w.chars().all(|c| c.is_ascii_lowercase())) => {}
                Err(e) => panic!("{file}: `amb {line}` does not parse: {e}"),
            }
            checked += 1;
        }
        assert!(checked > 10);
    }
}
