//! Domain types: the enums that the database stores as text and the command line spells the
//! same way, the id newtypes, and the records that the parsers, rules and database share.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::Serialize;

/// What `text_enum!` gives every enum: its values, their canonical spellings, and parsing of
/// every accepted spelling. The command line lists the spellings in `--help` through it.
pub trait TextEnum: FromStr<Err = String> + Copy + Send + Sync + 'static {
    /// Every value, in declaration order.
    fn values() -> &'static [Self];
    /// The canonical spelling.
    fn spelling(self) -> &'static str;
}

/// Declares a text enum: one canonical spelling (stored, printed, in JSON) plus accepted aliases.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal {
        $($variant:ident => $canon:literal $(| $alias:literal)*),+ $(,)?
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The canonical spelling: stored in the database and shown everywhere.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $canon),+ }
            }
        }

        impl TextEnum for $name {
            fn values() -> &'static [$name] {
                $name::ALL
            }

            fn spelling(self) -> &'static str {
                self.as_str()
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        /// The first value; only used to learn a record's column names.
        impl Default for $name {
            fn default() -> Self {
                $name::ALL[0]
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                // The canonical spelling, as files and scripts write it, needs no allocation.
                let trimmed = s.trim();
                $(if trimmed.eq_ignore_ascii_case($canon) { return Ok($name::$variant); })+
                let key = trimmed.to_lowercase();
                $(if key == $canon $(|| key == $alias)* { return Ok($name::$variant); })+
                let valid: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                // Escaped: a control character or override must not reach the terminal.
                Err(format!("\"{}\" is not {} (use {})", s.escape_debug(), $what, valid.join(", ")))
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_str()?.parse().map_err(|e: String| FromSqlError::Other(e.into()))
            }
        }
    };
}

text_enum!(
    /// What a person is in the organisation; manager ambassadors lead by example.
    Role, "a valid role" {
        Employee => "employee" | "työntekijä" | "tyontekija" | "työntekijälähettiläs" | "anställd" | "medarbetare",
        Manager => "manager" | "esihenkilö" | "esihenkilo" | "esimies" | "johtaja" | "johtajalähettiläs"
            | "esihenkilö/johtaja" | "johtaja/esihenkilö" | "esihenkilö / johtaja" | "chef" | "director",
    }
);

text_enum!(
    /// Where an enrolment stands: applied → active → completed | withdrawn.
    EnrolmentStatus, "a valid enrolment status" {
        Applied => "applied",
        Active => "active",
        Completed => "completed",
        Withdrawn => "withdrawn",
    }
);

impl EnrolmentStatus {
    /// The order in which a status may only move forwards (an import never moves it back).
    pub fn rank(self) -> u8 {
        match self {
            EnrolmentStatus::Applied => 0,
            EnrolmentStatus::Active => 1,
            EnrolmentStatus::Completed | EnrolmentStatus::Withdrawn => 2,
        }
    }
}

text_enum!(
    /// Whether a programme still runs.
    ProgramStatus, "a valid programme status" {
        Open => "open",
        Closed => "closed",
    }
);

text_enum!(
    /// The social channels a person can have a handle on and post to.
    Channel, "a valid channel" {
        Linkedin => "linkedin",
        X => "x" | "twitter",
        Facebook => "facebook",
        Instagram => "instagram",
        Mastodon => "mastodon",
        Tiktok => "tiktok",
        Youtube => "youtube",
        Blog => "blog",
        Other => "other",
    }
);

text_enum!(
    /// What a training is in the programme's year.
    TrainingKind, "a valid training kind" {
        Kickoff => "kickoff" | "kick-off",
        FollowUp => "follow-up" | "followup",
        Other => "other",
    }
);

text_enum!(
    /// A mark on a training's roster; `not_recorded` is only shown, never stored.
    Attendance, "a valid attendance mark" {
        Attended => "attended",
        Absent => "absent",
        Excused => "excused",
        NotRecorded => "not_recorded",
    }
);

text_enum!(
    /// Whether a swag package is with the person or came back.
    DeliveryStatus, "a valid delivery status" {
        Delivered => "delivered",
        Returned => "returned",
    }
);

text_enum!(
    /// What a points ledger entry is.
    EntryKind, "a valid ledger entry kind" {
        Award => "award",
        Redemption => "redemption",
        Reversal => "reversal",
        Adjustment => "adjustment",
    }
);

text_enum!(
    /// What a points ledger entry came from.
    PointsSource, "a valid points source" {
        Activity => "activity",
        Attendance => "attendance",
        Manual => "manual",
        Redemption => "redemption",
        Reversal => "reversal",
        Rescore => "rescore",
    }
);

text_enum!(
    /// The file formats `amb activity import` reads: the platforms' own exports, and the
    /// generic activities CSV.
    ImportFormat, "a valid import format" {
        Linkedin => "linkedin",
        X => "x" | "twitter",
        Mastodon => "mastodon",
        Facebook => "facebook",
        Instagram => "instagram",
        Csv => "csv",
    }
);

text_enum!(
    /// What `amb export` writes: one table, or all of them.
    ExportTable, "a table to export" {
        People => "people",
        Enrolments => "enrolments",
        Trainings => "trainings",
        Attendance => "attendance",
        Swag => "swag",
        Activities => "activities",
        Points => "points",
        Feedback => "feedback",
        Programs => "programs" | "programmes" | "program",
        Kpis => "kpis" | "kpi",
        Imports => "imports" | "import-batches" | "import_batches" | "batches",
        SwagStock => "swag_stock" | "swag-stock" | "stock",
        Audit => "audit",
        All => "all",
    }
);

impl ExportTable {
    /// The tables `all` stands for, in the order they are written.
    pub fn each(self) -> Vec<ExportTable> {
        match self {
            ExportTable::All => ExportTable::ALL
                .iter()
                .copied()
                .filter(|t| *t != ExportTable::All)
                .collect(),
            one => vec![one],
        }
    }
}

text_enum!(
    /// The SQLite journal: the rollback journal is safe on network and synced drives.
    JournalMode, "a valid journal mode" {
        Delete => "delete",
        Wal => "wal",
    }
);

text_enum!(
    /// The language reports are written in (`--lang`, `language` in the config, the locale).
    Lang, "a report language" {
        En => "en" | "english" | "englanti" | "engelska",
        Fi => "fi" | "suomi" | "finnish" | "finska",
        Sv => "sv" | "svenska" | "swedish" | "ruotsi",
    }
);

impl Lang {
    /// The language of a POSIX locale such as `fi_FI.UTF-8` or `sv_FI@euro`; `C`, `POSIX`
    /// and languages amb does not speak give `None`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let language = locale
            .split(['_', '-', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match language.as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The activity kinds every programme has; more can be configured (`activity_kinds`).
pub const BUILTIN_ACTIVITY_KINDS: &[&str] = &[
    "post",
    "share",
    "article",
    "school-visit",
    "fair-visit",
    "talk",
    "event",
    "other",
];

/// What an activity was: a built-in kind or one from the config, spelled in lower case.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ActivityKind(String);

impl ActivityKind {
    /// Reads a kind, accepting the built-in ones and `configured`; `school visit`,
    /// `School_Visit` and `schoolvisit` all mean `school-visit`.
    pub fn parse(text: &str, configured: &[String]) -> Result<ActivityKind, String> {
        let trimmed = text.trim();
        if let Some(kind) = BUILTIN_ACTIVITY_KINDS
            .iter()
            .copied()
            .chain(configured.iter().map(String::as_str))
            .find(|kind| *kind == trimmed)
        {
            return Ok(ActivityKind(kind.to_string()));
        }
        let key: String = text
            .trim()
            .to_lowercase()
            .chars()
            .map(|c| if c == ' ' || c == '_' { '-' } else { c })
            .collect();
        let squash = |k: &str| k.replace('-', "");
        BUILTIN_ACTIVITY_KINDS
            .iter()
            .copied()
            .chain(configured.iter().map(String::as_str))
            .find(|kind| *kind == key || squash(kind) == squash(&key))
            .map(|kind| ActivityKind(kind.to_string()))
            .ok_or_else(|| {
                let mut valid: Vec<&str> = BUILTIN_ACTIVITY_KINDS.to_vec();
                valid.extend(configured.iter().map(String::as_str));
                format!(
                    "\"{}\" is not an activity kind (use {}, or add it to activity_kinds in the config)",
                    text.escape_debug(),
                    valid.join(", ")
                )
            })
    }

    /// A post of one's own.
    pub fn post() -> ActivityKind {
        ActivityKind("post".to_string())
    }

    /// A repost of a colleague's or the organisation's post.
    pub fn share() -> ActivityKind {
        ActivityKind("share".to_string())
    }

    /// Whether this kind needs a channel (a post or share is always on one).
    pub fn needs_channel(&self) -> bool {
        matches!(self.0.as_str(), "post" | "share")
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActivityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ToSql for ActivityKind {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0.as_str()))
    }
}

impl FromSql for ActivityKind {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        value.as_str().map(|s| ActivityKind(s.to_string()))
    }
}

/// A person's row id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct PersonId(pub i64);

/// A programme's row id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ProgramId(pub i64);

macro_rules! sql_id {
    ($($name:ident),+) => {$(
        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.0))
            }
        }
        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                value.as_i64().map($name)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}
/// A training's row id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct TrainingId(pub i64);

/// An activity's row id.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(transparent)]
pub struct ActivityId(pub i64);

sql_id!(PersonId, ProgramId, TrainingId, ActivityId);

/// A person's handles or profile URLs on the social channels.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Handles {
    pub linkedin: Option<String>,
    pub x: Option<String>,
    pub facebook: Option<String>,
    pub instagram: Option<String>,
    pub mastodon: Option<String>,
    pub tiktok: Option<String>,
    pub youtube: Option<String>,
    pub blog: Option<String>,
}

impl Handles {
    /// Mutable access to every handle, for filling and editing field by field.
    pub fn fields_mut(&mut self) -> [&mut Option<String>; 8] {
        [
            &mut self.linkedin,
            &mut self.x,
            &mut self.facebook,
            &mut self.instagram,
            &mut self.mastodon,
            &mut self.tiktok,
            &mut self.youtube,
            &mut self.blog,
        ]
    }
}

/// A person as stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub unit: Option<String>,
    pub title: Option<String>,
    #[serde(flatten)]
    pub handles: Handles,
}

/// The form in which e-mails are compared: trimmed, Unicode-folded.
pub fn email_key(email: &str) -> String {
    crate::text::fold(email.trim())
}

/// Enough to catch a name typed in the e-mail column; the real check is a delivered mail.
pub fn is_plausible_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
    }
}

/// The figures a platform reports for a post; `None` = not known.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Metrics {
    pub impressions: Option<i64>,
    pub reactions: Option<i64>,
    pub comments: Option<i64>,
    pub shares: Option<i64>,
    pub clicks: Option<i64>,
}

impl Metrics {
    /// Every figure, for setting them one by one.
    pub fn fields_mut(&mut self) -> [&mut Option<i64>; 5] {
        [
            &mut self.impressions,
            &mut self.reactions,
            &mut self.comments,
            &mut self.shares,
            &mut self.clicks,
        ]
    }
}

/// The range a whole number from outside must fall in: a post's figures, points, stock.
/// Every entry point (flags, CSV files, platform exports) reads numbers through one of these,
/// so a value out of range is refused everywhere with the same message, and sums of stored
/// values stay far from the limits of a 64-bit integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bounds {
    pub min: i64,
    pub max: i64,
}

/// A post's figure (impressions, reactions, comments, shares, clicks): 0 to 10¹².
pub const METRIC: Bounds = Bounds {
    min: 0,
    max: 1_000_000_000_000,
};

/// Points awarded or redeemed by hand: 1 to 10⁹.
pub const POINTS: Bounds = Bounds {
    min: 1,
    max: 1_000_000_000,
};

/// Points an activity kind or an attended training earns by the config's rules: 0 to 10⁹.
pub const RULE_POINTS: Bounds = Bounds {
    min: 0,
    max: 1_000_000_000,
};

/// The largest KPI value, either way: 10¹².
pub const KPI_LIMIT: f64 = 1e12;

impl Bounds {
    /// Reads a whole number written as digits (`1200`, ` 45 `, `+3`), within the bounds.
    pub fn parse(self, text: &str) -> Result<i64, String> {
        let trimmed = text.trim();
        match trimmed.parse::<i64>() {
            Ok(n) => self.check(n).map_err(|_| self.refusal(trimmed)),
            Err(_) => Err(self.refusal(trimmed)),
        }
    }

    /// Checks a number already read.
    pub fn check(self, value: i64) -> Result<i64, String> {
        if (self.min..=self.max).contains(&value) {
            Ok(value)
        } else {
            Err(self.refusal(&value.to_string()))
        }
    }

    /// The one message for a number out of bounds or not a whole number.
    pub fn refusal(self, shown: &str) -> String {
        // A hostile file can hold a number of any length; the message shows its start.
        let mut excerpt: String = shown.chars().take(40).collect();
        if excerpt.len() < shown.len() {
            excerpt.push('…');
        }
        format!(
            "\"{}\" is not a whole number from {} to {}",
            excerpt.escape_debug(),
            self.min,
            self.max
        )
    }
}

/// Checks a KPI value: finite and within ±10¹².
pub fn check_kpi_value(value: f64) -> Result<f64, String> {
    if value.is_finite() && value.abs() <= KPI_LIMIT {
        Ok(value)
    } else {
        Err(format!(
            "\"{value}\" is not a number from -{KPI_LIMIT:.0} to {KPI_LIMIT:.0}"
        ))
    }
}

/// A stretch of days during which a person counted for a programme, with its hashtags.
#[derive(Debug, Clone)]
pub struct EnrolmentPeriod {
    pub program: ProgramId,
    pub first_day: NaiveDate,
    pub last_day: Option<NaiveDate>,
    pub tags: Vec<String>,
}

/// A programme's figures on one channel, for the earned media value.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ChannelFigures {
    pub channel: String,
    pub impressions: i64,
    pub clicks: i64,
    pub engagements: i64,
}

/// One cell of an exported table's row, as SQLite stored it.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    Null,
    Integer(i64),
    Real(f64),
    Text(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_parse_in_english_finnish_and_swedish() {
        assert_eq!("Employee".parse::<Role>(), Ok(Role::Employee));
        assert_eq!("työntekijä".parse::<Role>(), Ok(Role::Employee));
        assert_eq!("Esihenkilö".parse::<Role>(), Ok(Role::Manager));
        assert_eq!(" johtaja ".parse::<Role>(), Ok(Role::Manager));
        assert_eq!("chef".parse::<Role>(), Ok(Role::Manager));
        assert_eq!("Esihenkilö/johtaja".parse::<Role>(), Ok(Role::Manager));
        let err = "boss".parse::<Role>().unwrap_err();
        assert!(err.contains("employee, manager"), "{err}");
    }

    #[test]
    fn activity_kinds_are_built_in_or_configured() {
        let none: Vec<String> = Vec::new();
        assert_eq!(
            ActivityKind::parse("School visit", &none).unwrap().as_str(),
            "school-visit"
        );
        assert_eq!(
            ActivityKind::parse("fairvisit", &none).unwrap().as_str(),
            "fair-visit"
        );
        assert!(ActivityKind::parse("podcast", &none).is_err());
        let configured = vec!["podcast".to_string()];
        assert_eq!(
            ActivityKind::parse("Podcast", &configured)
                .unwrap()
                .as_str(),
            "podcast"
        );
        let err = ActivityKind::parse("dance", &configured).unwrap_err();
        assert!(
            err.contains("school-visit") && err.contains("podcast"),
            "{err}"
        );
        assert!(ActivityKind::parse("post", &none).unwrap().needs_channel());
        assert!(!ActivityKind::parse("talk", &none).unwrap().needs_channel());
    }

    #[test]
    fn twitter_is_an_alias_of_x() {
        assert_eq!("Twitter".parse::<Channel>(), Ok(Channel::X));
        assert_eq!(Channel::X.to_string(), "x");
    }

    #[test]
    fn plausible_emails() {
        assert!(is_plausible_email("aino.makela@vaasa.fi"));
        for bad in ["aino", "@vaasa.fi", "a@b", "a b@c.fi", "a@.fi", "a@b@c.fi"] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }

    #[test]
    fn numbers_are_read_within_their_bounds_with_one_message() {
        assert_eq!(METRIC.parse(" 1200 "), Ok(1200));
        assert_eq!(METRIC.parse("0"), Ok(0));
        assert_eq!(METRIC.parse("1000000000000"), Ok(1_000_000_000_000));
        for bad in [
            "-5",
            "1e20",
            "1000000000001",
            "9223372036854775808",
            "12.5",
            "x",
            "",
        ] {
            let err = METRIC.parse(bad).unwrap_err();
            assert!(
                err.ends_with("is not a whole number from 0 to 1000000000000"),
                "{bad}: {err}"
            );
        }
        assert_eq!(METRIC.check(-1), Err(METRIC.refusal("-1")));
        assert_eq!(
            POINTS.parse("0").unwrap_err(),
            "\"0\" is not a whole number from 1 to 1000000000"
        );
        let long = METRIC.parse(&"9".repeat(5000)).unwrap_err();
        assert!(long.len() < 120, "{long}");
        assert!(METRIC.parse("1\u{202e}").unwrap_err().contains("\\u{202e}"));
        assert_eq!(check_kpi_value(-3.5), Ok(-3.5));
        for bad in [f64::NAN, f64::INFINITY, 1e13, -1e13] {
            assert!(check_kpi_value(bad).is_err(), "{bad}");
        }
    }
}
