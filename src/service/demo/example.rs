//! The example programme (Vaasa 2022) shipped inside the binary, and its schema.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::error::invalid;
use crate::import::source::ImportFormat;

/// The example programme, shipped inside the binary so the demo runs anywhere.
pub(super) const PROGRAMME: &str = include_str!("../../../examples/vaasa-2022/programme.toml");
pub(super) const APPLICATIONS: &str = include_str!("../../../examples/vaasa-2022/applications.csv");
pub(super) const APPLICATIONS_NAME: &str = "examples/vaasa-2022/applications.csv";

/// The year's activities, imported the way a coordinator would: the generic CSV, and two
/// ambassadors' own exports.
pub(super) const IMPORTS: &[(&str, ImportFormat, Option<&str>, &[u8])] = &[
    (
        "examples/vaasa-2022/activities.csv",
        ImportFormat::Csv,
        None,
        include_bytes!("../../../examples/vaasa-2022/activities.csv"),
    ),
    (
        "examples/vaasa-2022/exports/laura.niemi-linkedin/Shares.csv",
        ImportFormat::Linkedin,
        Some("laura.niemi@vaasa.example"),
        include_bytes!("../../../examples/vaasa-2022/exports/laura.niemi-linkedin/Shares.csv"),
    ),
    (
        "examples/vaasa-2022/exports/teemu.hautala-x/data/tweets.js",
        ImportFormat::X,
        Some("teemu.hautala@vaasa.example"),
        include_bytes!("../../../examples/vaasa-2022/exports/teemu.hautala-x/data/tweets.js"),
    ),
];

/// `examples/vaasa-2022/programme.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleProgramme {
    pub(super) name: String,
    pub(super) start: NaiveDate,
    pub(super) end: Option<NaiveDate>,
    pub(super) hashtags: Vec<String>,
    pub(super) aliases: Vec<String>,
    pub(super) guidelines_version: String,
    pub(super) enrolled_on: NaiveDate,
    pub(super) trainings: Vec<ExampleTraining>,
    pub(super) swag: ExampleSwag,
    pub(super) feedback: Vec<ExampleFeedback>,
    pub(super) kpis: Vec<ExampleKpi>,
    pub(super) redemptions: Vec<ExampleRedemption>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleRedemption {
    pub(super) email: String,
    pub(super) points: i64,
    pub(super) reward: String,
    pub(super) date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleTraining {
    pub(super) title: String,
    pub(super) date: NaiveDate,
    pub(super) trainer: String,
    pub(super) kind: String,
    pub(super) absent: Vec<String>,
    pub(super) excused: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleSwag {
    pub(super) package: String,
    pub(super) stock: i64,
    pub(super) delivered_on: NaiveDate,
    pub(super) pending: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleFeedback {
    pub(super) email: String,
    pub(super) score: i64,
    pub(super) comment: Option<String>,
    pub(super) date: NaiveDate,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ExampleKpi {
    pub(super) name: String,
    pub(super) date: NaiveDate,
    pub(super) value: f64,
    pub(super) note: String,
}

/// Parses the shipped `programme.toml`.
pub(super) fn parse() -> anyhow::Result<ExampleProgramme> {
    toml::from_str(PROGRAMME).map_err(|err| invalid(format!("programme.toml: {err}")))
}
