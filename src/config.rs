//! The TOML configuration file: every key, its default, and errors that name file, line and key.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::domain::JournalMode;
use crate::error::{Place, refuse};
use crate::points::PointsRules;
use crate::points::rules::Cap;

/// The hint of every refused config file.
const SEE_EXAMPLE: &str = "see config.example.toml for every key";

/// Everything `config.toml` can say. A missing file means all defaults; an unknown key is an error.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Database file, used when neither `--db` nor `AMB_DB` is given.
    pub database: Option<PathBuf>,
    /// The organisation's name, shown in reports.
    pub organisation: String,
    /// IANA time zone in which timestamps become calendar dates.
    pub timezone: TimeZone,
    /// Version of the social-media guidelines that new ambassadors accept with their consent.
    #[serde(deserialize_with = "non_empty")]
    pub guidelines_version: String,
    /// The programme commands use when `--program` is not given.
    pub default_program: Option<String>,
    /// SQLite journal: `delete` (rollback journal, safe on network drives) or `wal`.
    #[serde(deserialize_with = "parse_text", serialize_with = "show_text")]
    pub journal_mode: JournalMode,
    /// How long a command waits for another one writing at the same time, in milliseconds.
    pub busy_timeout_ms: u32,
    /// Activity kinds beyond the built-in ones (post, share, article, school-visit, …).
    #[serde(deserialize_with = "parse_kinds")]
    pub activity_kinds: Vec<String>,
    /// Whether every cohort gets its own swag package: an ambassador who received one in an
    /// earlier programme is then owed another. By default one package a person.
    pub swag_each_cohort: bool,
    /// How activities and attendance earn reward points, as the file writes them.
    #[serde(rename = "points")]
    points_table: PointsTable,
    /// Tiers reached by lifetime earned points, lowest first.
    pub tiers: Vec<Tier>,
    /// What the programme's posts would have cost as ads: an estimate for reports.
    pub emv: EmvRates,
    /// How activities and attendance earn reward points: `[points]`, typed once at load.
    #[serde(skip)]
    pub points: PointsRules,
    /// How long people no longer in any programme are kept (`[retention]`).
    pub retention: Retention,
    /// The register's controller and how small a group leadership may see (`[privacy]`).
    pub privacy: Privacy,
    /// How many backups `amb backup` keeps in its folder (`[backup]`).
    pub backup: Backups,
    /// The language of reports (`fi`, `sv`, `en`); unset, the locale decides.
    #[serde(
        deserialize_with = "parse_optional_text",
        serialize_with = "show_optional_text"
    )]
    pub language: Option<crate::domain::Lang>,
    /// An image (PNG, JPEG or SVG) embedded in HTML reports beside the organisation's name;
    /// relative to the config file's folder.
    pub logo: Option<PathBuf>,
}

/// How long people who are no longer in any programme are kept (`[retention]`); 0 = until
/// forgotten by hand.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Retention {
    /// Applicants never enrolled: months after their last application (or its end).
    pub applicants_months: u32,
    /// Former ambassadors (withdrawn or completed): months after their last enrolment ended.
    pub former_ambassadors_months: u32,
}

impl Default for Retention {
    fn default() -> Self {
        Retention {
            applicants_months: 12,
            former_ambassadors_months: 24,
        }
    }
}

/// The register's controller, and the smallest group leadership may see (`[privacy]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Privacy {
    /// Reports for leadership merge or hide figures built from fewer people than this.
    pub min_group: u32,
    /// Who is responsible for the register (the organisation, in the privacy notice).
    pub controller: String,
    /// Whom a person contacts about their data (the privacy notice's contact).
    pub contact: String,
    /// The data protection officer's contact, if there is one.
    pub dpo: String,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy {
            min_group: 3,
            controller: String::new(),
            contact: String::new(),
            dpo: String::new(),
        }
    }
}

/// Backups written by `amb backup` into its default folder (`[backup]`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Backups {
    /// How many of the newest backups the folder keeps (0: all).
    pub keep: u32,
}

impl Default for Backups {
    fn default() -> Self {
        Backups { keep: 10 }
    }
}

/// Rates for the estimated earned media value (`[emv]`).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct EmvRates {
    pub currency: String,
    /// The day the rates were looked up; reports print it beside them.
    pub effective_date: chrono::NaiveDate,
    /// Per channel: cost per thousand impressions, per click, and value per engagement.
    pub channels: BTreeMap<String, ChannelRate>,
}

/// One channel's ad prices.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelRate {
    pub cpm: f64,
    pub cpc: f64,
    pub engagement: f64,
}

impl Default for EmvRates {
    fn default() -> Self {
        let rate = |cpm, cpc, engagement| ChannelRate {
            cpm,
            cpc,
            engagement,
        };
        let channels = [
            ("linkedin", rate(30.0, 5.0, 1.0)),
            ("x", rate(6.0, 1.0, 0.3)),
            ("facebook", rate(8.0, 0.8, 0.3)),
            ("instagram", rate(8.0, 1.0, 0.3)),
            ("tiktok", rate(6.0, 0.6, 0.2)),
            ("youtube", rate(10.0, 1.5, 0.3)),
        ]
        .into_iter()
        .map(|(channel, rate)| (channel.to_string(), rate))
        .collect();
        EmvRates {
            currency: "EUR".to_string(),
            effective_date: chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap_or_default(),
            channels,
        }
    }
}

/// The rules by which activities and trainings earn points (`[points]`), as written: what
/// `amb config show` prints; `Config::points` holds them typed.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
struct PointsTable {
    /// Points per activity kind; a kind not listed earns none.
    pub activities: BTreeMap<String, i64>,
    /// Points for a kind on one channel, overriding `activities`: `"post.linkedin" = 15`.
    pub channels: BTreeMap<String, i64>,
    /// Points for attending a training.
    pub training_attended: i64,
    /// At most this many posts a day earn points, per person (0: no cap).
    pub daily_post_cap: u32,
    /// At most this many posts a week (Monday to Sunday) earn points, per person (0: no cap).
    pub weekly_post_cap: u32,
    /// Activities dated before the programme's first training earn nothing.
    pub no_points_before_first_training: bool,
    /// Whether a redemption may take a balance below zero.
    pub allow_negative_balance: bool,
}

impl Default for PointsTable {
    fn default() -> Self {
        let activities = [
            ("post", 10),
            ("share", 3),
            ("article", 20),
            ("school-visit", 30),
            ("fair-visit", 30),
            ("talk", 25),
            ("event", 10),
        ]
        .into_iter()
        .map(|(kind, points)| (kind.to_string(), points))
        .collect();
        PointsTable {
            activities,
            channels: BTreeMap::new(),
            training_attended: 20,
            daily_post_cap: 0,
            weekly_post_cap: 0,
            no_points_before_first_training: false,
            allow_negative_balance: false,
        }
    }
}

/// A tier: reached when lifetime earned points are at least `from`.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    pub name: String,
    pub from: i64,
}

fn default_tiers() -> Vec<Tier> {
    [
        ("Ambassador", 0),
        ("Advocate", 200),
        ("Thought leader", 600),
    ]
    .into_iter()
    .map(|(name, from)| Tier {
        name: name.to_string(),
        from,
    })
    .collect()
}

impl Config {
    /// What every database connection is opened with: the journal and the busy timeout.
    pub fn db_settings(&self) -> crate::db::Settings {
        crate::db::Settings {
            journal_mode: self.journal_mode,
            busy_timeout: std::time::Duration::from_millis(u64::from(self.busy_timeout_ms)),
            announce_waits: true,
        }
    }

    /// The tier of someone who has earned `earned` points in all.
    pub fn tier(&self, earned: i64) -> Option<&str> {
        self.tiers
            .iter()
            .rev()
            .find(|t| earned >= t.from)
            .map(|t| t.name.as_str())
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            database: None,
            organisation: String::new(),
            timezone: TimeZone(chrono_tz::Europe::Helsinki),
            guidelines_version: "1.0".to_string(),
            default_program: None,
            journal_mode: JournalMode::Wal,
            busy_timeout_ms: 5000,
            activity_kinds: Vec::new(),
            swag_each_cohort: false,
            points_table: PointsTable::default(),
            tiers: default_tiers(),
            emv: EmvRates::default(),
            // The defaults are valid rules (a test reads the example file to prove it).
            points: PointsTable::default().rules(&[]).unwrap_or_default(),
            retention: Retention::default(),
            privacy: Privacy::default(),
            backup: Backups::default(),
            language: None,
            logo: None,
        }
    }
}

/// A time zone read from its IANA name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TimeZone(pub chrono_tz::Tz);

impl<'de> Deserialize<'de> for TimeZone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        name.parse().map(TimeZone).map_err(|_| {
            serde::de::Error::custom(format!(
                "\"{name}\" is not a time zone (use an IANA name such as Europe/Helsinki)"
            ))
        })
    }
}

impl Serialize for TimeZone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.name())
    }
}

fn parse_text<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr<Err = String>,
{
    String::deserialize(d)?
        .parse()
        .map_err(serde::de::Error::custom)
}

fn parse_optional_text<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: std::str::FromStr<Err = String>,
{
    parse_text(d).map(Some)
}

fn show_optional_text<S: Serializer, T: std::fmt::Display>(
    value: &Option<T>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(value) => show_text(value, s),
        None => s.serialize_none(),
    }
}

/// Extra activity kinds: lower-case words joined by `-`, not repeating a built-in kind.
fn parse_kinds<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let kinds = Vec::<String>::deserialize(d)?;
    for kind in &kinds {
        let well_formed = kind.starts_with(|c: char| c.is_ascii_lowercase())
            && kind
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            return Err(serde::de::Error::custom(format!(
                "\"{kind}\" is not a valid activity kind (use lower-case letters, digits and -, e.g. \"podcast\")"
            )));
        }
        if crate::domain::BUILTIN_ACTIVITY_KINDS.contains(&kind.as_str()) {
            return Err(serde::de::Error::custom(format!(
                "\"{kind}\" is already a built-in activity kind"
            )));
        }
    }
    Ok(kinds)
}

fn non_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let text = String::deserialize(d)?;
    if text.trim().is_empty() {
        return Err(serde::de::Error::custom("must not be empty"));
    }
    Ok(text.trim().to_string())
}

fn show_text<S: Serializer, T: std::fmt::Display>(value: &T, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&value.to_string())
}

impl Config {
    /// Reads the file at `path`; a file that does not exist gives the defaults.
    pub fn load(path: &Path) -> anyhow::Result<(Config, bool)> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Config::default(), false));
            }
            Err(err) => {
                return Err(err).with_context(|| format!("cannot read {}", path.display()));
            }
        };
        Config::parse(&text, path).map(|config| (config, true))
    }

    /// Parses config text; errors say `FILE line N: key "K": what went wrong`.
    pub fn parse(text: &str, path: &Path) -> anyhow::Result<Config> {
        let mut config: Config = toml::from_str(text).map_err(|err| {
            let (line, key) = err
                .span()
                .map(|span| locate(text, span.start))
                .unwrap_or((0, String::new()));
            let file = path.display().to_string();
            let line = (line > 0).then_some(line as u64);
            let place = if key.is_empty() {
                Place::File { name: file, line }
            } else {
                Place::Key { file, line, key }
            };
            refuse(err.message().trim()).at(place).hint(SEE_EXAMPLE)
        })?;
        config.points = config.check_rules().map_err(|(key, problem)| {
            let line = text
                .lines()
                .position(|l| l.trim_start().starts_with(&key) || l.contains(&format!("\"{key}\"")))
                .map(|i| i as u64 + 1);
            let file = path.display().to_string();
            refuse(problem)
                .at(Place::Key { file, line, key })
                .hint(SEE_EXAMPLE)
        })?;
        if let Some(database) = &config.database
            && database.as_os_str().is_empty()
        {
            let file = Place::File {
                name: path.display().to_string(),
                line: None,
            };
            return Err(
                refuse("key \"database\" is empty (remove it to use the default path)")
                    .at(file)
                    .into(),
            );
        }
        Ok(config)
    }
}

impl Config {
    /// Checks what the TOML types alone cannot: known kinds and channels, points within bounds,
    /// tiers in order. The error names the key. Returns the points rules, typed.
    fn check_rules(&self) -> Result<PointsRules, (String, String)> {
        let points = self.points_table.rules(&self.activity_kinds)?;
        for (channel, rate) in &self.emv.channels {
            channel
                .parse::<crate::domain::Channel>()
                .map_err(|e| (channel.clone(), e))?;
            if [rate.cpm, rate.cpc, rate.engagement]
                .iter()
                .any(|v| !v.is_finite() || *v < 0.0)
            {
                return Err((
                    channel.clone(),
                    "rates must be numbers of 0 or more".to_string(),
                ));
            }
        }
        rule_points("training_attended", self.points_table.training_attended)?;
        let mut previous: Option<&Tier> = None;
        for tier in &self.tiers {
            if tier.name.trim().is_empty() {
                return Err(("tiers".to_string(), "a tier needs a name".to_string()));
            }
            crate::text::check(crate::text::NAME.named("the tier name"), &tier.name)
                .map_err(|why| ("tiers".to_string(), why))?;
            if let Some(prev) = previous
                && tier.from <= prev.from
            {
                return Err((
                    "tiers".to_string(),
                    format!(
                        "\"{}\" must start above \"{}\" ({}); list tiers from the lowest",
                        tier.name, prev.name, prev.from
                    ),
                ));
            }
            previous = Some(tier);
        }
        Ok(points)
    }
}

impl PointsTable {
    /// The rules typed, when every kind and channel is known (built-in kinds or the
    /// `configured` ones) and points are within bounds; else the key and what is wrong.
    fn rules(&self, configured: &[String]) -> Result<PointsRules, (String, String)> {
        let kinds: Vec<&str> = crate::domain::BUILTIN_ACTIVITY_KINDS
            .iter()
            .copied()
            .chain(configured.iter().map(String::as_str))
            .collect();
        let kind_of = |kind: &str| crate::domain::ActivityKind::parse(kind, configured);
        let mut rules = PointsRules::default();
        rules.training_attended = self.training_attended;
        rules.daily_post_cap = Cap::at_most(self.daily_post_cap);
        rules.weekly_post_cap = Cap::at_most(self.weekly_post_cap);
        rules.no_points_before_first_training = self.no_points_before_first_training;
        rules.allow_negative_balance = self.allow_negative_balance;
        for (kind, points) in &self.activities {
            if !kinds.contains(&kind.as_str()) {
                return Err((
                    kind.clone(),
                    format!(
                        "\"{kind}\" is not an activity kind (use {})",
                        kinds.join(", ")
                    ),
                ));
            }
            rule_points(kind, *points)?;
            let kind = kind_of(kind).map_err(|e| (kind.clone(), e))?;
            rules.set_points(&kind, None, *points);
        }
        for (key, points) in &self.channels {
            let Some((kind, channel)) = key.split_once('.') else {
                return Err((
                    key.clone(),
                    "write it as \"kind.channel\", e.g. \"post.linkedin\"".to_string(),
                ));
            };
            if !kinds.contains(&kind) {
                return Err((key.clone(), format!("\"{kind}\" is not an activity kind")));
            }
            let channel = channel
                .parse::<crate::domain::Channel>()
                .map_err(|e| (key.clone(), e))?;
            rule_points(key, *points)?;
            let kind = kind_of(kind).map_err(|e| (key.clone(), e))?;
            rules.set_points(&kind, Some(channel), *points);
        }
        Ok(rules)
    }
}

/// Checks points a rule gives against [`RULE_POINTS`](crate::domain::RULE_POINTS), naming the key.
fn rule_points(key: &str, points: i64) -> Result<i64, (String, String)> {
    crate::domain::RULE_POINTS
        .check(points)
        .map_err(|why| (key.to_string(), format!("points {why}")))
}

/// The 1-based line of byte `offset` and the key written at the start of that line, if any.
fn locate(text: &str, offset: usize) -> (usize, String) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let rest = &text[start..];
    let line_text = rest.lines().next().unwrap_or("");
    let key = line_text
        .split_once('=')
        .map(|(key, _)| key.trim().trim_matches('"').to_string())
        .unwrap_or_default();
    (line, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> anyhow::Result<Config> {
        Config::parse(text, Path::new("/etc/amb/config.toml"))
    }

    #[test]
    fn the_example_file_parses_and_equals_the_defaults() {
        let example = include_str!("../config.example.toml");
        let parsed = parse(example).expect("config.example.toml parses");
        let defaults = Config::default();
        assert_eq!(parsed.timezone, defaults.timezone);
        assert_eq!(parsed.guidelines_version, defaults.guidelines_version);
        assert_eq!(parsed.journal_mode, defaults.journal_mode);
        assert_eq!(parsed.busy_timeout_ms, defaults.busy_timeout_ms);
        assert_eq!(parsed.points_table, defaults.points_table);
        assert_eq!(parsed.points, defaults.points);
        assert_eq!(parsed.tiers, defaults.tiers);
        assert_eq!(parsed.emv, defaults.emv);
        assert_eq!(parsed.retention, defaults.retention);
        assert_eq!(parsed.privacy, defaults.privacy);
        assert_eq!(parsed.backup, defaults.backup);
    }

    #[test]
    fn points_rules_are_checked() {
        let err = parse("[points.activities]\npodcast = 5\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 2, key \"podcast\"") && err.contains("not an activity kind"),
            "{err}"
        );
        let config =
            parse("activity_kinds = [\"podcast\"]\n[points.activities]\npodcast = 5\n").unwrap();
        assert_eq!(config.points_table.activities["podcast"], 5);
        let podcast =
            crate::domain::ActivityKind::parse("podcast", &config.activity_kinds).unwrap();
        assert_eq!(config.points.base_points(&podcast, None), 5);
        let err = parse("[points.channels]\n\"post.myspace\" = 1\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("post.myspace") && err.contains("not a valid channel"),
            "{err}"
        );
        let err = parse("[points.activities]\npost = -1\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("points \"-1\" is not a whole number from 0 to 1000000000"),
            "{err}"
        );
        let err = parse("[points]\ntraining_attended = 9223372036854775807\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("training_attended"), "{err}");
        let err = parse("[[tiers]]\nname = \"A\"\nfrom = 10\n[[tiers]]\nname = \"B\"\nfrom = 5\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("lowest"), "{err}");
        let err = parse("[points]\nweekly_cap = 3\n").unwrap_err().to_string();
        assert!(
            err.contains("line 2") && err.contains("weekly_cap"),
            "{err}"
        );
    }

    #[test]
    fn tiers_follow_lifetime_points() {
        let config = Config::default();
        assert_eq!(config.tier(0), Some("Ambassador"));
        assert_eq!(config.tier(199), Some("Ambassador"));
        assert_eq!(config.tier(200), Some("Advocate"));
        assert_eq!(config.tier(10_000), Some("Thought leader"));
        assert_eq!(config.tier(-5), None);
    }

    #[test]
    fn unknown_key_names_file_line_and_key() {
        let err = parse("organisation = \"Vaasa\"\ndatabse = \"x\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("/etc/amb/config.toml line 2"), "{text}");
        assert!(text.contains("\"databse\""), "{text}");
    }

    #[test]
    fn bad_values_are_errors_not_defaults() {
        let err = parse("timezone = \"Mars/Olympus\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("line 1") && err.contains("timezone"), "{err}");
        let err = parse("\n\njournal_mode = \"memory\"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("line 3") && err.contains("journal_mode"),
            "{err}"
        );
        let err = parse("busy_timeout_ms = -1\n").unwrap_err().to_string();
        assert!(err.contains("busy_timeout_ms"), "{err}");
    }

    #[test]
    fn extra_activity_kinds_are_checked() {
        let config = parse("activity_kinds = [\"podcast\", \"open-day\"]\n").unwrap();
        assert_eq!(config.activity_kinds, ["podcast", "open-day"]);
        let err = parse("activity_kinds = [\"Pod Cast\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("activity_kinds") && err.contains("Pod Cast"),
            "{err}"
        );
        let err = parse("activity_kinds = [\"post\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("built-in"), "{err}");
    }

    #[test]
    fn an_empty_guidelines_version_is_an_error() {
        let err = parse("guidelines_version = \" \"\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("guidelines_version") && err.contains("empty"),
            "{err}"
        );
    }

    #[test]
    fn wal_is_selectable() {
        let config = parse("journal_mode = \"wal\"\ntimezone = \"UTC\"\n").unwrap();
        assert_eq!(config.journal_mode, JournalMode::Wal);
        assert_eq!(config.timezone.0, chrono_tz::UTC);
    }
}
