//! The command line as clap sees it. Values are parsed here, at the edge: dates, enums and table
//! names arrive in the commands typed, and a bad value is refused naming its flag. This module
//! imports only the types values parse into (`domain`, `dates`, `output::OutputFormat`).

use std::marker::PhantomData;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::domain::{
    Channel, EnrolmentStatus, ExportTable, ImportFormat, Role, TextEnum, TrainingKind,
};
use crate::output::OutputFormat;

const AFTER_HELP: &str = "\
Environment:
  AMB_DB      database file (overridden by --db)
  AMB_CONFIG  configuration file (overridden by --config)
  AMB_TODAY   fix \"today\" as YYYY-MM-DD (tests, back-dated entry)
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
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create the database and show where it and the config live
    Init,
    /// Build a demo database of the Vaasa 2022 programme and show its summary
    #[command(
        after_help = "Never touches your own database: without --db it writes a demo file in the data folder."
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
    /// Verify the database: integrity, foreign keys and the points ledger (silent when healthy)
    Check,
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
    Audit(AuditArgs),
    /// Show the configuration
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the effective settings and the paths they came from
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
    List,
    /// Show one programme
    Show {
        /// Programme id or name
        program: String,
    },
    /// Change a programme's name, dates or hashtags
    Edit(ProgramEditArgs),
    /// Close a programme: its active enrolments become completed
    Close {
        /// Programme id or name
        program: String,
        /// Closing date [default: the programme's end date, or today]
        #[arg(long, value_parser = date)]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Args)]
pub struct ProgramAddArgs {
    /// Name of the programme, e.g. "Vaasa 2022"
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
    #[arg(long)]
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
    Add(PersonAddArgs),
    /// List people (everyone, unless filtered)
    List(PersonListArgs),
    /// Show a person with their enrolments
    Show {
        /// Id, e-mail, or part of the name
        person: String,
    },
    /// Change a person's details
    Edit(PersonEditArgs),
    /// Import people from an application-form CSV (English or Finnish headers)
    #[command(
        after_help = "Headers (any order, English or Finnish): Name/Nimi, Email/Sähköposti, Role/Rooli,
Unit/Yksikkö/Toimiala, Title/Nimike, LinkedIn, X/Twitter, Instagram, Facebook, Mastodon,
TikTok, Motivation/Perustelut. Roles: employee/työntekijä, manager/esihenkilö/johtaja.
`,` or `;` separated, UTF-8 with or without BOM. Every bad row is reported, and then
nothing is imported."
    )]
    Import(PersonImportArgs),
}

/// A person's details as options; the name is a separate positional argument.
#[derive(Debug, Args, Default)]
pub struct PersonFieldArgs {
    /// E-mail address (unique; compared case-insensitively)
    #[arg(long)]
    pub email: Option<String>,
    /// employee or manager (työntekijä, esihenkilö and johtaja are accepted)
    #[arg(long, value_parser = spelled::<Role>())]
    pub role: Option<Role>,
    /// Unit or department, e.g. Sivistystoimi
    #[arg(long)]
    pub unit: Option<String>,
    /// Job title
    #[arg(long)]
    pub title: Option<String>,
    /// LinkedIn profile URL
    #[arg(long)]
    pub linkedin: Option<String>,
    /// X (Twitter) handle
    #[arg(long, visible_alias = "twitter")]
    pub x: Option<String>,
    /// Facebook profile
    #[arg(long)]
    pub facebook: Option<String>,
    /// Instagram handle
    #[arg(long)]
    pub instagram: Option<String>,
    /// Mastodon handle, e.g. @name@instance
    #[arg(long)]
    pub mastodon: Option<String>,
    /// TikTok handle
    #[arg(long)]
    pub tiktok: Option<String>,
    /// YouTube channel
    #[arg(long)]
    pub youtube: Option<String>,
    /// Blog URL
    #[arg(long)]
    pub blog: Option<String>,
}

impl PersonFieldArgs {
    /// The social handles given, in the order of the person record.
    pub fn handles(&self) -> [&Option<String>; 8] {
        [
            &self.linkedin,
            &self.x,
            &self.facebook,
            &self.instagram,
            &self.mastodon,
            &self.tiktok,
            &self.youtube,
            &self.blog,
        ]
    }
}

#[derive(Debug, Args)]
pub struct PersonAddArgs {
    /// Full name
    pub name: String,
    #[command(flatten)]
    pub fields: PersonFieldArgs,
}

#[derive(Debug, Args)]
pub struct PersonEditArgs {
    /// Id, e-mail, or part of the name
    pub person: String,
    /// New full name
    #[arg(long)]
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
}

#[derive(Debug, Args)]
pub struct EnrollArgs {
    /// A new person's full name, or an existing person's id, e-mail or part of the name
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
    pub person: String,
    #[command(flatten)]
    pub fields: PersonFieldArgs,
    /// Why they want to be an ambassador
    #[arg(long)]
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
    #[arg(long)]
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
    List {
        /// Only this programme's trainings [default: all]
        #[arg(long)]
        program: Option<String>,
    },
    /// Show a training's roster: every ambassador enrolled on its date, and anyone else who came
    Show {
        /// Training id or part of its title
        training: String,
    },
    /// Mark people as attended (default), absent or excused
    #[command(after_help = "Examples:
  amb training attend kick-off aino@vaasa.fi Westerlund 7
  amb training attend kick-off Koskinen --excused")]
    Attend(TrainingAttendArgs),
}

#[derive(Debug, Args)]
pub struct TrainingAddArgs {
    /// Title of the training
    pub title: String,
    /// Date of the training
    #[arg(long, value_parser = date)]
    pub date: NaiveDate,
    /// Who gives it
    #[arg(long)]
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
}

#[derive(Debug, Subcommand)]
pub enum SwagCommand {
    /// Package kinds in stock
    #[command(subcommand)]
    Stock(SwagStockCommand),
    /// Deliver a package to a person (one is taken from stock)
    Deliver(SwagDeliverArgs),
    /// Record that a delivered package came back (it returns to stock)
    Return {
        /// Delivery id (see `amb swag list`)
        delivery: i64,
        #[command(flatten)]
        date: DateOption,
    },
    /// List deliveries
    List {
        /// Only this person's deliveries
        #[arg(long)]
        person: Option<String>,
    },
    /// Active ambassadors of the programme who have not received their package
    Pending {
        #[command(flatten)]
        program: ProgramOption,
    },
}

#[derive(Debug, Subcommand)]
pub enum SwagStockCommand {
    /// Add packages to the stock (a new package kind is created)
    Add {
        /// Package kind, e.g. "Vaasa-paketti"
        package: String,
        /// How many arrived
        count: u32,
    },
    /// List package kinds with their stock
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
    #[arg(long)]
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
    #[arg(long)]
    pub impressions: Option<u32>,
    /// Likes and other reactions
    #[arg(long)]
    pub reactions: Option<u32>,
    /// Comments
    #[arg(long)]
    pub comments: Option<u32>,
    /// Shares, reposts, boosts
    #[arg(long)]
    pub shares: Option<u32>,
    /// Link clicks
    #[arg(long)]
    pub clicks: Option<u32>,
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
    List(ActivityListArgs),
    /// Change an activity's date, figures or note
    Edit(ActivityEditArgs),
    /// Remove an activity
    Remove {
        /// Activity id
        id: i64,
    },
    /// Import the programme's posts from an ambassador's own data export
    #[command(
        after_help = "PATH is the export file, the unpacked export folder or the export's .zip:
  LinkedIn   Shares.csv (Shares_<id>.csv)       X          data/tweets.js (tweet.js, tweets-part1.js)
  Mastodon   outbox.json                        Facebook   your_posts*.json
  Instagram  posts_1.json                       csv        email,date,kind,channel,url,hashtags,impressions,…
Only posts carrying a programme hashtag are stored, dated in the configured time zone and
attributed to the programme the person was enrolled in on that day. Importing the same or an
overlapping export again adds only new posts. Each import is a batch: `amb import list`,
`amb import undo BATCH`.

Examples:
  amb activity import ~/Downloads/Basic_LinkedInDataExport_11-02-2023.zip --person aino
  amb activity import twitter-2023-09-30/ --person westerlund --dry-run
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
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// List the import batches
    List,
    /// Remove exactly the activities one import added
    Undo {
        /// Batch id (see `amb import list`)
        batch: i64,
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
    #[arg(long)]
    pub url: Option<String>,
    /// A hashtag the post carried (repeatable)
    #[arg(long = "hashtag", value_name = "TAG")]
    pub hashtags: Vec<String>,
    #[command(flatten)]
    pub metrics: MetricArgs,
    /// A note
    #[arg(long)]
    pub note: Option<String>,
    /// Record it even though the person was not enrolled on that date (outside any programme)
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
    #[arg(long)]
    pub note: Option<String>,
    /// Allow a date outside the person's enrolments
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum FeedbackCommand {
    /// Record a participant's feedback (one per person and programme)
    Add {
        /// Id, e-mail or part of the name
        person: String,
        /// 1 (poor) to 5 (excellent)
        #[arg(long)]
        score: u8,
        /// What they said
        #[arg(long)]
        comment: Option<String>,
        #[command(flatten)]
        date: DateOption,
        #[command(flatten)]
        program: ProgramOption,
    },
    /// List feedback
    List {
        #[command(flatten)]
        program: ProgramFilter,
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
        name: String,
        /// The value
        #[arg(allow_negative_numbers = true)]
        value: f64,
        #[command(flatten)]
        date: DateOption,
        #[command(flatten)]
        program: ProgramOption,
        /// A note, e.g. the source
        #[arg(long)]
        note: Option<String>,
    },
    /// List recorded values by KPI and date
    List {
        #[command(flatten)]
        program: ProgramFilter,
        /// Only this KPI
        #[arg(long)]
        name: Option<String>,
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
        /// How many points (more than 0)
        points: i64,
        /// Why (kept in the ledger)
        #[arg(long)]
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
        /// How many points (more than 0)
        points: i64,
        /// What they got
        #[arg(long)]
        reward: String,
        #[command(flatten)]
        date: DateOption,
    },
    /// Cancel a ledger entry with a new, opposite entry (an entry can be reversed once)
    Reverse {
        /// Ledger entry id (see `amb points ledger`)
        entry: i64,
        /// Why
        #[arg(long)]
        reason: Option<String>,
    },
    /// Balances: everyone (highest first) or one person, with lifetime earned, redeemed and tier
    Balance {
        /// Id, e-mail or part of the name
        person: Option<String>,
    },
    /// The ledger, in the order it was written
    Ledger {
        /// Only this person
        #[arg(long)]
        person: Option<String>,
        /// From this date on
        #[arg(long, value_parser = date)]
        since: Option<NaiveDate>,
    },
    /// Show what the current rules would change; --apply writes it as adjustment entries
    Rescore {
        /// Write the differences as adjustments
        #[arg(long)]
        apply: bool,
    },
}

/// A report, and where to write it.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(subcommand)]
    pub command: ReportCommand,
    /// Write the report to this file (whole, mode 0600) instead of stdout
    #[arg(long, short, global = true, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// The results of a programme: participants, trainings, swag, hashtag posts, other
    /// activities, points, top ambassadors, tiers, feedback and KPIs
    Program {
        /// Programme [default: the current one]
        program: Option<String>,
        /// Set another programme (cohort) beside it
        #[arg(long, value_name = "PROGRAM")]
        compare: Option<String>,
    },
    /// The most active ambassadors or units, by hashtag posts (per capita for units on request)
    #[command(after_help = "Examples:
  amb report leaderboard --top 10
  amb report leaderboard --by unit --per-capita --since 1.1.2023 --until 31.3.2023")]
    Leaderboard(LeaderboardArgs),
    /// One ambassador's record: details, enrolments, activities, points, trainings, swag
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
    Digest {
        /// First day [default: a week before today]
        #[arg(long, value_parser = date)]
        since: Option<NaiveDate>,
        /// Last day [default: today]
        #[arg(long, value_parser = date)]
        until: Option<NaiveDate>,
    },
    /// Who is slipping away: active ambassadors with no activity, or no fresh export, in N days
    Health {
        /// How many days count as too long
        #[arg(long, default_value_t = 30)]
        days: u32,
    },
}

/// Rank people or units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RankBy {
    Person,
    Unit,
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
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The table to export, or all of them
    #[arg(value_parser = spelled::<ExportTable>())]
    pub table: ExportTable,
    /// Write to this file (for `all` as CSV: this folder) instead of stdout
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// CSV for Excel with a Finnish locale: a BOM, `;` and CRLF
    #[arg(long)]
    pub excel: bool,
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
