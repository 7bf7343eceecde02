//! The programme report leadership reads: headline figures first (with the change against
//! the previous cohort), posts per month beside the previous cohort, channels, units, other
//! ambassador work, trainings with attendance rates, swag, the path to thought leadership,
//! the KPIs before and after, and the experiences (scores and comments, without names).
//! Built from the report's JSON so the computation stays in `report::program`.

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::doc::{Bar, Block, Chart, Doc, Figure, Table};
use crate::i18n::Locale;

/// The programme report's figures as this layout reads them; every field defaults, so a
/// figure a later version adds or drops never breaks the page.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct View {
    program: String,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    hashtags: Vec<String>,
    participants: Vec<Participants>,
    trainings: Vec<Training>,
    swag_delivered: i64,
    swag_pending: i64,
    posts: i64,
    posts_by_channel: Vec<Count>,
    posts_by_month: Vec<Count>,
    posts_by_unit: Vec<Count>,
    other_activities: Vec<Count>,
    points_earned: i64,
    points_redeemed: i64,
    top_by_posts: Vec<Top>,
    tiers: Vec<Tier>,
    feedback_responses: i64,
    feedback_average: Option<f64>,
    emv_estimate: f64,
    emv_currency: String,
    emv_rates_date: Option<NaiveDate>,
    emv_by_channel: Vec<Emv>,
    kpis: Vec<Kpi>,
    privacy_note: Option<String>,
    feedback_scores: Vec<Score>,
    feedback_comments: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Participants {
    role: String,
    active: i64,
    completed: i64,
    withdrawn: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Training {
    title: String,
    date: Option<NaiveDate>,
    attended: i64,
    absent: i64,
    excused: i64,
}

impl Training {
    /// Everyone with a mark: attended, absent or excused.
    fn marked(&self) -> i64 {
        total([self.attended, self.absent, self.excused])
    }
}

/// A sum that stops at the largest number rather than overflowing (figures written straight
/// into a database can be anything).
fn total(values: impl IntoIterator<Item = i64>) -> i64 {
    values.into_iter().fold(0, i64::saturating_add)
}

/// A `key`/`count` row of a report (also the digest's posts per channel).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct Count {
    pub(super) key: String,
    pub(super) count: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Top {
    name: String,
    unit: Option<String>,
    value: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Tier {
    tier: String,
    ambassadors: i64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Emv {
    channel: String,
    impressions: i64,
    clicks: i64,
    engagements: i64,
    cpm: f64,
    cpc: f64,
    engagement: f64,
    value: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Kpi {
    name: String,
    date: Option<NaiveDate>,
    value: f64,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Score {
    score: i64,
    responses: i64,
}

impl View {
    /// Reads the figures of a serialised programme report.
    pub fn of<T: serde::Serialize>(report: &T) -> anyhow::Result<View> {
        Ok(serde_json::from_value(serde_json::to_value(report)?)?)
    }

    fn ambassadors(&self, role: Option<&str>) -> i64 {
        self.participants
            .iter()
            .filter(|p| role.is_none_or(|r| p.role == r))
            .map(|p| total([p.active, p.completed, p.withdrawn]))
            .fold(0, i64::saturating_add)
    }

    fn impressions(&self) -> i64 {
        total(self.emv_by_channel.iter().map(|e| e.impressions))
    }

    fn engagements(&self) -> i64 {
        total(self.emv_by_channel.iter().map(|e| e.engagements))
    }

    /// Everyone who attended a training, of everyone marked (attended, absent or excused).
    fn attendance(&self) -> Option<f64> {
        let attended = total(self.trainings.iter().map(|t| t.attended));
        let marked = total(self.trainings.iter().map(Training::marked));
        (marked > 0).then(|| attended as f64 / marked as f64 * 100.0)
    }

    /// The posts of each month of the programme, its first month first; months without
    /// posts count 0.
    fn months(&self) -> Vec<(i32, u32, i64)> {
        let parse = |key: &str| {
            let (y, m) = key.split_once('-')?;
            Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?))
        };
        let recorded: Vec<((i32, u32), i64)> = self
            .posts_by_month
            .iter()
            .filter_map(|c| parse(&c.key).map(|ym| (ym, c.count)))
            .collect();
        let first = self
            .start_date
            .map(|d| (d.year(), d.month()))
            .or_else(|| recorded.first().map(|r| r.0));
        let last_post = recorded.last().map(|r| r.0);
        let last = match (self.end_date.map(|d| (d.year(), d.month())), last_post) {
            (Some(end), Some(post)) => Some(end.max(post)),
            (end, post) => end.or(post),
        };
        let (Some(mut month), Some(last)) = (first, last) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        // Three years at most: a chart of more months is no longer readable.
        while month <= last && out.len() < 36 {
            let count = recorded.iter().find(|r| r.0 == month).map_or(0, |r| r.1);
            out.push((month.0, month.1, count));
            month = if month.1 == 12 {
                (month.0 + 1, 1)
            } else {
                (month.0, month.1 + 1)
            };
        }
        out
    }
}

/// What the report is made for: its organisation and logo, and the day it is made.
pub struct Setting<'a> {
    pub organisation: &'a str,
    pub logo: Option<(String, Vec<u8>)>,
    pub min_group: u32,
    pub today: NaiveDate,
}

/// The programme report as a document, beside the previous cohort when there is one.
pub fn document(
    locale: &Locale,
    setting: Setting<'_>,
    this: &View,
    previous: Option<&View>,
) -> Doc {
    let n = &locale.numbers;
    let mut doc = Doc {
        organisation: setting.organisation.to_string(),
        logo: setting.logo,
        title: locale.with("program-title", &[("program", &this.program)]),
        lang: locale.lang.as_str().to_string(),
        ..Doc::default()
    };
    if let Some(start) = this.start_date {
        let since = n.date(start);
        doc.subtitle.push(match this.end_date {
            Some(end) => locale.with(
                "program-period",
                &[("since", &since), ("until", &n.date(end))],
            ),
            None => locale.with("program-period-open", &[("since", &since)]),
        });
    }
    if !this.hashtags.is_empty() {
        let tags = this.hashtags.join(" ");
        doc.subtitle
            .push(locale.with("program-hashtags", &[("tags", &tags)]));
    }
    if let Some(previous) = previous {
        doc.subtitle
            .push(locale.with("program-compared", &[("other", &previous.program)]));
    }

    doc.blocks
        .push(Block::Figures(headline(locale, this, previous)));
    posts_by_month(locale, &mut doc.blocks, this, previous);
    channels(locale, &mut doc.blocks, this);
    if !this.posts_by_unit.is_empty() {
        doc.blocks.push(Block::Heading(locale.t("section-units")));
        doc.blocks
            .push(Block::Chart(counts(locale, &this.posts_by_unit, false)));
    }
    if !this.other_activities.is_empty() {
        doc.blocks
            .push(Block::Heading(locale.t("section-activities")));
        doc.blocks
            .push(Block::Chart(counts(locale, &this.other_activities, true)));
    }
    trainings(locale, &mut doc.blocks, this);
    swag(locale, &mut doc.blocks, this);
    tiers(locale, &mut doc.blocks, this);
    kpis(locale, &mut doc.blocks, this);
    experiences(locale, &mut doc.blocks, this);
    emv_rates(locale, &mut doc.blocks, this);

    if this.privacy_note.is_some() {
        doc.footer
            .push(locale.count("note-small-groups", i64::from(setting.min_group)));
    }
    doc.footer
        .push(locale.with("footer-made", &[("date", &n.date(setting.today))]));
    doc
}

fn headline(locale: &Locale, this: &View, previous: Option<&View>) -> Vec<Figure> {
    let n = &locale.numbers;
    // A change against the previous cohort: `+25 (+16,7 %) …`, rising or not.
    let change = |now: f64, before: Option<f64>, money: bool| {
        let before = before?;
        let difference = now - before;
        let shown = if money {
            let text = n.money(difference, &this.emv_currency);
            if difference > 0.0 {
                format!("+{text}")
            } else {
                text
            }
        } else {
            n.change_plain(difference)
        };
        let text = match n.change_percent(now, before) {
            Some(percent) => format!("{shown} ({percent})"),
            None => shown,
        };
        Some((
            locale.with("change-vs-previous", &[("change", &text)]),
            difference >= 0.0,
        ))
    };
    let ambassadors = this.ambassadors(None);
    let mut figures = vec![
        Figure {
            label: locale.t("figure-ambassadors"),
            value: n.int(ambassadors),
            detail: Some(format!(
                "{}, {}",
                locale.count("count-employees", this.ambassadors(Some("employee"))),
                locale.count("count-managers", this.ambassadors(Some("manager")))
            )),
            change: change(
                ambassadors as f64,
                previous.map(|p| p.ambassadors(None) as f64),
                false,
            ),
        },
        Figure {
            label: locale.t("figure-posts"),
            value: n.int(this.posts),
            detail: Some(locale.count(
                "count-channels",
                this.posts_by_channel.iter().filter(|c| c.count > 0).count() as i64,
            )),
            change: change(this.posts as f64, previous.map(|p| p.posts as f64), false),
        },
        Figure {
            label: locale.t("figure-reach"),
            value: n.int(this.impressions()),
            detail: Some(locale.count("count-engagements", this.engagements())),
            change: change(
                this.impressions() as f64,
                previous.map(|p| p.impressions() as f64),
                false,
            ),
        },
        Figure {
            label: locale.t("figure-emv"),
            value: n.money(this.emv_estimate, &this.emv_currency),
            detail: Some(locale.t("figure-emv-detail")),
            change: change(this.emv_estimate, previous.map(|p| p.emv_estimate), true),
        },
    ];
    if let Some(rate) = this.attendance() {
        figures.push(Figure {
            label: locale.t("figure-attendance"),
            value: n.percent(rate),
            detail: Some(locale.count("count-trainings", this.trainings.len() as i64)),
            change: None,
        });
    }
    if let Some(average) = this.feedback_average {
        figures.push(Figure {
            label: locale.t("figure-feedback"),
            value: format!("{} / 5", n.decimal(average, 2)),
            detail: Some(locale.count("count-responses", this.feedback_responses)),
            change: change(average, previous.and_then(|p| p.feedback_average), false),
        });
    }
    figures
}

fn posts_by_month(locale: &Locale, blocks: &mut Vec<Block>, this: &View, previous: Option<&View>) {
    let months = this.months();
    if months.is_empty() {
        return;
    }
    let before = previous.map(View::months);
    let n = &locale.numbers;
    let bars = months
        .iter()
        .enumerate()
        .map(|(index, (year, month, count))| {
            let name = locale.t(&format!("month-{month}"));
            // The year under the first month and every January.
            let label = if index == 0 || *month == 1 {
                format!("{name}\n{year}")
            } else {
                name
            };
            Bar {
                label,
                value: *count as f64,
                shown: n.int(*count),
                beside: before.as_ref().map(|b| {
                    let count = b.get(index).map_or(0, |m| m.2);
                    (count as f64, n.int(count))
                }),
            }
        })
        .collect();
    blocks.push(Block::Heading(locale.t("section-posts-by-month")));
    let series = match previous {
        Some(p) => vec![this.program.clone(), p.program.clone()],
        None => Vec::new(),
    };
    blocks.push(Block::Chart(Chart {
        series,
        bars,
        upright: true,
    }));
    if previous.is_some() {
        blocks.push(Block::Note(locale.t("note-months-aligned")));
    }
}

fn channels(locale: &Locale, blocks: &mut Vec<Block>, this: &View) {
    let n = &locale.numbers;
    let mut rows: Vec<(&str, i64, Option<&Emv>)> = this
        .posts_by_channel
        .iter()
        .map(|c| {
            let emv = this.emv_by_channel.iter().find(|e| e.channel == c.key);
            (c.key.as_str(), c.count, emv)
        })
        .collect();
    for emv in &this.emv_by_channel {
        if total([emv.impressions, emv.clicks, emv.engagements]) > 0
            && !rows.iter().any(|r| r.0 == emv.channel)
        {
            rows.push((emv.channel.as_str(), 0, Some(emv)));
        }
    }
    if rows.is_empty() {
        return;
    }
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut table = Table::new(
        [
            "column-channel",
            "column-posts",
            "column-share",
            "column-impressions",
            "column-engagements",
            "column-emv",
        ]
        .iter()
        .map(|id| locale.t(id))
        .collect(),
        1,
    );
    for (channel, posts, emv) in rows {
        let share = if this.posts > 0 {
            n.percent(posts as f64 / this.posts as f64 * 100.0)
        } else {
            String::new()
        };
        table.rows.push(vec![
            locale.value(channel),
            n.int(posts),
            share,
            n.int(emv.map_or(0, |e| e.impressions)),
            n.int(emv.map_or(0, |e| e.engagements)),
            n.money(emv.map_or(0.0, |e| e.value), &this.emv_currency),
        ]);
    }
    blocks.push(Block::Heading(locale.t("section-channels")));
    blocks.push(Block::Table(table));
}

/// Counts as bars, keys translated when they are identifiers (activity kinds).
fn counts(locale: &Locale, list: &[Count], identifiers: bool) -> Chart {
    Chart {
        bars: list
            .iter()
            .map(|c| Bar {
                label: if identifiers {
                    locale.value(&c.key)
                } else {
                    c.key.clone()
                },
                value: c.count as f64,
                shown: locale.numbers.int(c.count),
                beside: None,
            })
            .collect(),
        ..Chart::default()
    }
}

fn trainings(locale: &Locale, blocks: &mut Vec<Block>, this: &View) {
    if this.trainings.is_empty() {
        return;
    }
    let n = &locale.numbers;
    let mut table = Table::new(
        [
            "column-training",
            "column-date",
            "column-attended",
            "column-absent",
            "column-excused",
            "column-attendance-rate",
        ]
        .iter()
        .map(|id| locale.t(id))
        .collect(),
        2,
    );
    for t in &this.trainings {
        let marked = t.marked();
        table.rows.push(vec![
            t.title.clone(),
            t.date.map(|d| n.date(d)).unwrap_or_default(),
            n.int(t.attended),
            n.int(t.absent),
            n.int(t.excused),
            if marked > 0 {
                n.percent(t.attended as f64 / marked as f64 * 100.0)
            } else {
                "–".to_string()
            },
        ]);
    }
    blocks.push(Block::Heading(locale.t("section-trainings")));
    blocks.push(Block::Table(table));
}

fn swag(locale: &Locale, blocks: &mut Vec<Block>, this: &View) {
    if total([this.swag_delivered, this.swag_pending]) == 0 {
        return;
    }
    let n = &locale.numbers;
    let mut table = Table::headless(2, 1);
    table
        .rows
        .push(vec![locale.t("swag-delivered"), n.int(this.swag_delivered)]);
    table
        .rows
        .push(vec![locale.t("swag-pending"), n.int(this.swag_pending)]);
    blocks.push(Block::Heading(locale.t("section-swag")));
    blocks.push(Block::Table(table));
}

fn tiers(locale: &Locale, blocks: &mut Vec<Block>, this: &View) {
    if this.tiers.is_empty() && this.points_earned == 0 {
        return;
    }
    let n = &locale.numbers;
    blocks.push(Block::Heading(locale.t("section-tiers")));
    blocks.push(Block::Chart(Chart {
        bars: this
            .tiers
            .iter()
            .map(|t| Bar {
                label: locale.value(&t.tier),
                value: t.ambassadors as f64,
                shown: n.int(t.ambassadors),
                beside: None,
            })
            .collect(),
        ..Chart::default()
    }));
    blocks.push(Block::Note(locale.with(
        "note-points",
        &[
            ("earned", &n.int(this.points_earned)),
            ("redeemed", &n.int(this.points_redeemed)),
        ],
    )));
    if !this.top_by_posts.is_empty() {
        let mut table = Table::new(
            ["column-name", "column-unit", "column-posts"]
                .iter()
                .map(|id| locale.t(id))
                .collect(),
            2,
        );
        for top in &this.top_by_posts {
            table.rows.push(vec![
                top.name.clone(),
                top.unit.clone().unwrap_or_default(),
                n.int(top.value),
            ]);
        }
        blocks.push(Block::Heading(locale.t("section-top")));
        blocks.push(Block::Table(table));
    }
}

fn kpis(locale: &Locale, blocks: &mut Vec<Block>, this: &View) {
    if this.kpis.is_empty() {
        return;
    }
    let n = &locale.numbers;
    let mut names: Vec<&str> = Vec::new();
    for kpi in &this.kpis {
        if !names.contains(&kpi.name.as_str()) {
            names.push(&kpi.name);
        }
    }
    let mut table = Table::new(
        [
            "column-kpi",
            "column-before",
            "column-after",
            "column-change",
        ]
        .iter()
        .map(|id| locale.t(id))
        .collect(),
        1,
    );
    let point = |k: &Kpi| match k.date {
        Some(date) => format!("{} ({})", n.plain(k.value), n.date(date)),
        None => n.plain(k.value),
    };
    for name in names {
        let series: Vec<&Kpi> = this.kpis.iter().filter(|k| k.name == name).collect();
        let (Some(first), Some(last)) = (series.first(), series.last()) else {
            continue;
        };
        let (after, change) = if series.len() > 1 {
            let change = n.change_plain(last.value - first.value);
            let change = match n.change_percent(last.value, first.value) {
                Some(percent) => format!("{change} ({percent})"),
                None => change,
            };
            (point(last), change)
        } else {
            (String::new(), String::new())
        };
        table
            .rows
            .push(vec![name.to_string(), point(first), after, change]);
    }
    blocks.push(Block::Heading(locale.t("section-kpis")));
    blocks.push(Block::Table(table));
}

fn experiences(locale: &Locale, blocks: &mut Vec<Block>, this: &View) {
    if this.feedback_responses == 0 {
        return;
    }
    let n = &locale.numbers;
    blocks.push(Block::Heading(locale.t("section-experiences")));
    let Some(average) = this.feedback_average else {
        blocks.push(Block::Note(locale.t("note-feedback-hidden")));
        return;
    };
    blocks.push(Block::Note(locale.with(
        "note-feedback",
        &[
            ("average", &n.decimal(average, 2)),
            (
                "responses",
                &locale.count("count-responses", this.feedback_responses),
            ),
        ],
    )));
    if !this.feedback_scores.is_empty() {
        let bars = (1..=5)
            .rev()
            .map(|score| {
                let responses = this
                    .feedback_scores
                    .iter()
                    .find(|s| s.score == score)
                    .map_or(0, |s| s.responses);
                Bar {
                    label: locale.count("score-label", score),
                    value: responses as f64,
                    shown: n.int(responses),
                    beside: None,
                }
            })
            .collect();
        blocks.push(Block::Chart(Chart {
            bars,
            ..Chart::default()
        }));
    }
    if !this.feedback_comments.is_empty() {
        blocks.push(Block::Heading(locale.t("section-comments")));
        blocks.push(Block::Quotes(this.feedback_comments.clone()));
    }
}

fn emv_rates(locale: &Locale, blocks: &mut Vec<Block>, this: &View) {
    let n = &locale.numbers;
    let used: Vec<&Emv> = this
        .emv_by_channel
        .iter()
        .filter(|e| total([e.impressions, e.clicks, e.engagements]) > 0)
        .collect();
    blocks.push(Block::Heading(locale.t("section-emv")));
    blocks.push(Block::Note(locale.with(
        "note-emv",
        &[
            ("currency", &this.emv_currency),
            (
                "date",
                &this.emv_rates_date.map(|d| n.date(d)).unwrap_or_default(),
            ),
        ],
    )));
    if used.is_empty() {
        return;
    }
    let mut table = Table::new(
        [
            "column-channel",
            "column-cpm",
            "column-cpc",
            "column-per-engagement",
        ]
        .iter()
        .map(|id| locale.t(id))
        .collect(),
        1,
    );
    for emv in used {
        table.rows.push(vec![
            locale.value(&emv.channel),
            n.money(emv.cpm, &this.emv_currency),
            n.money(emv.cpc, &this.emv_currency),
            n.money(emv.engagement, &this.emv_currency),
        ]);
    }
    blocks.push(Block::Table(table));
}
