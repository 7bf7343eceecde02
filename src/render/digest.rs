//! The Teams digest in the reader's language: Markdown that Teams renders (a heading, bold
//! figures, a list, the programme hashtags), no tables, so it reads on a phone.

use chrono::NaiveDate;
use serde::Deserialize;

use super::program::Count;
use super::text::md_escape;
use crate::i18n::Locale;

/// The digest's figures as the message reads them (every field defaults).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct View {
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    posts: i64,
    shares: i64,
    other_activities: i64,
    ambassadors_posting: i64,
    trainings: i64,
    points_earned: i64,
    posts_by_channel: Vec<Count>,
    most_active: Vec<Active>,
    hashtags: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Active {
    name: String,
    posts: i64,
}

impl View {
    /// Reads the figures of a serialised digest.
    pub fn of<T: serde::Serialize>(digest: &T) -> anyhow::Result<View> {
        Ok(serde_json::from_value(serde_json::to_value(digest)?)?)
    }
}

/// The digest as a Teams message.
pub fn markdown(locale: &Locale, organisation: &str, digest: &View) -> String {
    let n = &locale.numbers;
    let dates = |d: Option<NaiveDate>| d.map(|d| n.date(d)).unwrap_or_default();
    let (since, until) = (dates(digest.since), dates(digest.until));
    let heading = if organisation.is_empty() {
        locale.with("digest-title", &[("since", &since), ("until", &until)])
    } else {
        locale.with(
            "digest-title-organisation",
            &[
                ("organisation", organisation),
                ("since", &since),
                ("until", &until),
            ],
        )
    };
    let mut text = format!("## {}\n\n", md_escape(&heading));
    let channels: Vec<String> = digest
        .posts_by_channel
        .iter()
        .map(|c| format!("{} {}", locale.value(&c.key), n.int(c.count)))
        .collect();
    let mut posts = locale.with(
        "digest-posts",
        &[
            ("posts", &bold(&locale.count("count-posts", digest.posts))),
            (
                "ambassadors",
                &bold(&locale.count("count-ambassadors", digest.ambassadors_posting)),
            ),
        ],
    );
    if !channels.is_empty() {
        posts.push_str(&format!(" ({})", channels.join(", ")));
    }
    text.push_str(&format!("- {posts}\n"));
    text.push_str(&format!(
        "- {}\n",
        locale.with(
            "digest-other",
            &[
                ("shares", &locale.count("count-shares", digest.shares)),
                (
                    "other",
                    &locale.count("count-other-activities", digest.other_activities)
                ),
            ],
        )
    ));
    if digest.trainings > 0 {
        text.push_str(&format!(
            "- {}\n",
            locale.count("count-trainings-held", digest.trainings)
        ));
    }
    text.push_str(&format!(
        "- {}\n",
        locale.count("count-points-earned", digest.points_earned)
    ));
    if !digest.most_active.is_empty() {
        let names: Vec<String> = digest
            .most_active
            .iter()
            .map(|p| {
                format!(
                    "{} ({})",
                    md_escape(&p.name),
                    locale.count("count-posts", p.posts)
                )
            })
            .collect();
        text.push_str(&format!(
            "- {}\n",
            locale.with("digest-most-active", &[("names", &names.join(", "))])
        ));
    }
    // Hashtags are single words (programme rules): nothing in them is markup.
    let thanks = format!(
        "{} {}",
        locale.t("digest-thanks"),
        digest.hashtags.join(" ")
    );
    text.push_str(&format!("\n{}\n", thanks.trim_end()));
    text
}

/// Bold in Markdown (the text is escaped first).
fn bold(text: &str) -> String {
    format!("**{}**", md_escape(text))
}
