//! Turns what the parsers read into activities: hashtag and enrolment checks, duplicates
//! skipped, every outcome counted. Everything happens in the caller's transaction.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use chrono_tz::Tz;
use rusqlite::Connection;
use serde::Serialize;

use std::io::Read;

use super::activities::{self as generic_csv, ActivityRow};
use super::attribute::{Enrolments, Verdict};
use super::order::Runs;
use super::pipeline::pipelined;
use super::post::{Item, Post, PostKind, ReadError, Sink};
use super::source::ImportFormat;
use super::{ImportError, RowErrors};
use super::{facebook, linkedin, mastodon, x};
use crate::db::activities::{self, InsertRow, NewActivity};
use crate::db::imports::Counts;
use crate::db::{enrolments, people};
use crate::domain::{ActivityId, ActivityKind, Channel, PersonId};
use crate::error::refuse;
use crate::identity;
use crate::points::{self, ActivityFacts, PaidTally, PointsRules};
use crate::text::{self, LINK, POST_TEXT, normalize_url};

/// How many unusable entries are described in the summary; the rest are only counted.
const DESCRIBED: usize = 20;
/// People looked up by e-mail kept at a time while reading the generic CSV.
const PEOPLE_CACHED: usize = 10_000;
/// Activities waiting to be stored in date order, when their order does not matter (`store`).
const ORDER_WINDOW: usize = 32_768;
/// The most the texts of the waiting activities may take: long notes or texts wait fewer.
const ORDER_TEXT_BYTES: usize = 4 << 20;

/// Stores the posts of one import batch.
pub struct Importer<'c> {
    conn: &'c Connection,
    writer: activities::Writer<'c>,
    timezone: Tz,
    rules: PointsRules,
    batch: i64,
    keep_text: bool,
    update_metrics: bool,
    /// The person whose export this is (not for the generic CSV).
    owner: Option<(PersonId, Enrolments)>,
    /// Generic CSV: people by e-mail key, `None` when unknown.
    people: HashMap<String, Option<(PersonId, Enrolments)>>,
    /// Identities of the programme posts stored by this import, for boosts of them.
    programme_posts: HashSet<i64>,
    pub counts: Counts,
    /// "place: reason" of the first unusable entries.
    pub rejected: Vec<String>,
    /// Generic CSV rows that make the whole import fail.
    pub row_errors: RowErrors,
    /// The last activity recorded before this import: everything it records comes after.
    recorded_before: ActivityId,
    /// Paid posts per person and day, for the caps when paying row by row.
    paid: PaidTally,
    /// The full text of an X archive's long posts, read before its tweets.
    x_notes: x::NoteTweets,
    /// With `--explain`: every entry and its decision, and the entry being decided.
    pub explained: Option<Vec<Explained>>,
    current: Option<Explained>,
    /// Activities read but not yet stored (`store`), by date.
    pending: Runs<NaiveDate, InsertRow>,
    /// What the texts of the waiting activities take.
    pending_bytes: usize,
}

/// What an import decided about one entry of the file, as an identifier a script can match
/// (the names of the summary's counts): `counted`, `updated` (figures updated),
/// `already_recorded`, `without_hashtag`, `outside_program` (outside the enrolment),
/// `rejected`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    #[default]
    Counted,
    Updated,
    AlreadyRecorded,
    WithoutHashtag,
    #[serde(rename = "outside_program")]
    Outside,
    Rejected,
}

/// One entry of an imported file with its decision, for `amb activity import PATH --explain`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Explained {
    /// The entry's place in the file (1 = first).
    pub entry: u64,
    pub date: Option<NaiveDate>,
    /// The post's web address or id, or where in the file an unusable entry is.
    pub post: String,
    pub decision: Decision,
    /// The programme tags it carries, or why it does not count.
    pub why: String,
    /// The start of its text.
    pub text: String,
}

/// The start of a post's text on one line, for `--explain`.
fn excerpt(text: &str) -> String {
    const LENGTH: usize = 60;
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(LENGTH) {
        Some((cut, _)) => format!("{}…", &line[..cut]),
        None => line,
    }
}

/// The tags a post carries in its text and the platform's list, for `--explain`.
fn tags_carried(text: &str, listed: &[String]) -> String {
    let mut tags: Vec<String> = crate::hashtags::in_text(text);
    for tag in listed {
        let tag = crate::text::fold(tag.trim_start_matches('#'));
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.is_empty() {
        return "it has no hashtag".to_string();
    }
    let tags: Vec<String> = tags.iter().map(|t| format!("#{t}")).collect();
    format!("its tags: {}", tags.join(" "))
}

/// A parser's entry with what its thread works out for it, so that the storing thread
/// does not: a post's text's hashtags added to the platform's list (text first), its id
/// checked (an entry amb refuses when it is not), its address normalised, the identity it
/// is stored by (`activities::identity_of` of its key), and what it is to the programme
/// (except a boost, which may need the database).
struct Prepared {
    item: Item,
    url: Option<Result<String, String>>,
    identity: Option<i64>,
    verdict: Option<Verdict>,
}

/// What `prepared` needs to judge posts: the person's enrolments (a copy for the parser's
/// thread) and the time zone that gives a post its date; whether texts, addresses and tag
/// lists as read are needed later (`--keep-text`, `--explain`).
struct Judge {
    enrolments: Option<Enrolments>,
    timezone: Tz,
    text_needed: bool,
}

/// Without `--keep-text` or `--explain`, a post's text, its address and its tags as read
/// are not needed once it is judged and its address normalised: they are freed here, on
/// the thread that allocated them (freeing on the other thread costs glibc's allocator a
/// lock each time).
fn prepared(item: Item, judge: &Judge) -> Prepared {
    match item {
        Item::Post(mut post) => {
            if let Err(reason) = text::check(LINK.named("the post's id"), &post.key) {
                let place = post.key_place();
                return Prepared {
                    item: Item::Invalid { place, reason },
                    url: None,
                    identity: None,
                    verdict: None,
                };
            }
            let mut tags: Vec<String> = crate::hashtags::in_text(&post.text)
                .into_iter()
                .map(|tag| format!("#{tag}"))
                .collect();
            tags.append(&mut post.tags);
            post.tags = tags;
            let url = post.url.as_deref().map(normalize_url);
            let boost = post.boost_of.is_some() && post.kind == PostKind::Share;
            let verdict = match &judge.enrolments {
                Some(enrolments) if !boost => {
                    let date = post.at.with_timezone(&judge.timezone).date_naive();
                    Some(enrolments.judge_post(date, "", &post.tags))
                }
                _ => None,
            };
            if !judge.text_needed {
                // Only `--explain` shows them as read.
                post.text = String::new();
                post.url = None;
                if verdict.is_some() {
                    post.tags = Vec::new();
                }
            }
            Prepared {
                url,
                identity: Some(identity::post_id(Some(post.channel), &post.key)),
                verdict,
                item: Item::Post(post),
            }
        }
        other => Prepared {
            item: other,
            url: None,
            identity: None,
            verdict: None,
        },
    }
}

/// What an import is asked to do.
pub struct Options {
    pub rules: PointsRules,
    pub timezone: Tz,
    pub batch: i64,
    pub keep_text: bool,
    pub update_metrics: bool,
}

impl<'c> Importer<'c> {
    /// An importer for one person's export; refuses a person never enrolled.
    pub fn for_person(
        conn: &'c Connection,
        options: Options,
        person: &people::Person,
    ) -> anyhow::Result<Importer<'c>> {
        let enrolments = Enrolments::new(enrolments::periods(conn, person.id)?);
        if enrolments.is_empty() {
            let what = format!(
                "{} has never been enrolled in a programme; their export cannot be counted",
                person.name
            );
            return Err(refuse(what)
                .hint("enrol them first with `amb enroll`")
                .into());
        }
        let mut importer = Importer::new(conn, options)?;
        importer.owner = Some((person.id, enrolments));
        Ok(importer)
    }

    /// An importer for the generic CSV, whose rows name their people.
    pub fn new(conn: &'c Connection, options: Options) -> anyhow::Result<Importer<'c>> {
        Ok(Importer {
            conn,
            writer: activities::Writer::new(conn)?,
            timezone: options.timezone,
            batch: options.batch,
            keep_text: options.keep_text,
            update_metrics: options.update_metrics,
            owner: None,
            people: HashMap::new(),
            programme_posts: HashSet::new(),
            counts: Counts::default(),
            rejected: Vec::new(),
            row_errors: RowErrors::default(),
            recorded_before: activities::last_id(conn)?,
            paid: PaidTally::default(),
            x_notes: x::NoteTweets::default(),
            explained: None,
            current: None,
            pending: Runs::new(ORDER_WINDOW),
            pending_bytes: 0,
            rules: options.rules,
        })
    }

    /// The last activity recorded before this import.
    pub fn recorded_before(&self) -> ActivityId {
        self.recorded_before
    }

    /// Completes the import once every file has been read: pays what is still unpaid.
    pub fn finish(&mut self) -> anyhow::Result<()> {
        if points::awards_at_end_of_import(&self.rules) {
            points::award_import(self.conn, &self.rules, self.batch, self.recorded_before)?;
        }
        Ok(())
    }

    /// The programme and tags of something that counts; otherwise it is counted as skipped.
    fn counted(&mut self, verdict: Verdict) -> Option<(crate::domain::ProgramId, Vec<String>)> {
        match verdict {
            Verdict::WithoutHashtag => {
                self.counts.without_hashtag += 1;
                self.decide(Decision::WithoutHashtag, None);
                None
            }
            Verdict::Outside => {
                self.counts.outside_program += 1;
                self.decide(Decision::Outside, None);
                None
            }
            Verdict::Counts { program, tags } => Some((program, tags)),
        }
    }

    fn reject(&mut self, place: &str, reason: &str) {
        self.counts.rejected += 1;
        if self.rejected.len() < DESCRIBED {
            self.rejected.push(format!("{place}: {reason}"));
        }
        self.decide(Decision::Rejected, Some(reason.to_string()));
    }

    /// Asks for every entry's decision (`--explain`).
    pub fn explain(&mut self) {
        self.explained = Some(Vec::new());
    }

    /// Starts explaining one entry (when explaining).
    fn consider(&mut self, date: Option<NaiveDate>, post: &str, why: String, text: &str) {
        let Some(explained) = &self.explained else {
            return;
        };
        self.current = Some(Explained {
            entry: explained.len() as u64 + 1,
            date,
            post: post.to_string(),
            decision: Decision::Counted,
            why,
            text: excerpt(text),
        });
    }

    /// Records the decision on the entry being considered; `why` replaces the default.
    fn decide(&mut self, decision: Decision, why: Option<String>) {
        if let (Some(explained), Some(mut entry)) = (&mut self.explained, self.current.take()) {
            entry.decision = decision;
            if let Some(why) = why {
                entry.why = why;
            }
            explained.push(entry);
        }
    }

    /// An entry of an export that holds a value amb refuses: the import fails, naming it.
    fn refuse_entry(&mut self, place: &str, reason: String) {
        self.row_errors
            .push(ImportError::File(format!("{place}: {reason}")));
    }

    /// Reads one file of an export in `format` and takes everything in it. The file is
    /// parsed on a second thread while this one stores what was read.
    pub fn read(
        &mut self,
        format: ImportFormat,
        input: &mut (dyn Read + Send),
        kinds: &[String],
    ) -> Result<(), ReadError> {
        type Parse = fn(&mut (dyn Read + Send), &mut Sink<'_>) -> Result<(), ReadError>;
        let judge = Judge {
            enrolments: self
                .owner
                .as_ref()
                .map(|(_, enrolments)| enrolments.clone()),
            timezone: self.timezone,
            text_needed: self.keep_text || self.explained.is_some(),
        };
        let parse: Parse = match format {
            ImportFormat::Csv => return self.read_csv(input, kinds),
            ImportFormat::Linkedin => |input, sink| linkedin::read(input, sink),
            ImportFormat::X => {
                let notes = std::mem::take(&mut self.x_notes);
                let notes_read = &notes;
                let read = pipelined(
                    move |send| {
                        x::read(input, notes_read, &mut |item| send(prepared(item, &judge)))
                    },
                    |item| self.take(item),
                );
                self.x_notes = notes;
                read?;
                return self.flush().map_err(ReadError::Failed);
            }
            ImportFormat::Mastodon => |input, sink| mastodon::read(input, sink),
            ImportFormat::Facebook => |input, sink| facebook::read_facebook(input, sink),
            ImportFormat::Instagram => |input, sink| facebook::read_instagram(input, sink),
        };
        pipelined(
            move |send| parse(input, &mut |item| send(prepared(item, &judge))),
            |item| self.take(item),
        )?;
        self.flush().map_err(ReadError::Failed)
    }

    /// Reads an X archive's `note-tweet.js`, for the tweets read after it.
    pub fn read_x_notes(&mut self, input: &mut (dyn Read + Send)) -> Result<(), ReadError> {
        self.x_notes.read(input)
    }

    /// Reads the generic activities CSV, whose rows name their people.
    fn read_csv(
        &mut self,
        input: &mut (dyn Read + Send),
        kinds: &[String],
    ) -> Result<(), ReadError> {
        pipelined(
            |send| {
                let rows = generic_csv::Reader::new(input, kinds)
                    .map_err(|err| ReadError::Malformed(err.to_string()))?;
                for row in rows {
                    if let Err(err @ ImportError::Broken { .. }) = row {
                        return Err(ReadError::Malformed(err.to_string()));
                    }
                    send(row).map_err(ReadError::Failed)?;
                }
                Ok(())
            },
            |row| self.take_row(row),
        )?;
        self.flush().map_err(ReadError::Failed)
    }

    /// Takes one entry of a platform export, as its parser's thread [`prepared`] it.
    fn take(&mut self, prepared: Prepared) -> anyhow::Result<()> {
        let post = match prepared.item {
            Item::Post(post) => post,
            Item::Rejected { place, reason } => {
                self.consider(None, &place, String::new(), "");
                self.reject(&place, &reason);
                return Ok(());
            }
            Item::Invalid { place, reason } => {
                self.refuse_entry(&place, reason);
                return Ok(());
            }
        };
        self.counts.posts_read += 1;
        if self.explained.is_some() {
            let date = post.at.with_timezone(&self.timezone).date_naive();
            let why = match &post.boost_of {
                Some(boosted) => format!("a boost of {boosted}"),
                None => tags_carried("", &post.tags), // the text's tags are listed (`prepared`)
            };
            let shown = post.url.as_deref().unwrap_or(&post.key).to_string();
            self.consider(Some(date), &shown, why, &post.text);
        }
        let Some((person, enrolments)) = &self.owner else {
            anyhow::bail!("internal error: an export import without its person");
        };
        let person = *person;
        let date = post.at.with_timezone(&self.timezone).date_naive();
        let verdict = match (prepared.verdict, &post.boost_of) {
            (Some(verdict), _) => verdict,
            (None, Some(boosted)) if post.kind == PostKind::Share => {
                let known = self
                    .programme_posts
                    .contains(&identity::post_id(Some(post.channel), boosted))
                    || activities::is_recorded(self.conn, post.channel, boosted)?;
                if known {
                    enrolments.judge_other(date)
                } else {
                    Verdict::WithoutHashtag
                }
            }
            // The text's hashtags are in the list already (`prepared`).
            (None, _) => enrolments.judge_post(date, "", &post.tags),
        };
        let Some((program, tags)) = self.counted(verdict) else {
            return Ok(());
        };
        if self.keep_text
            && let Err(reason) = text::check(POST_TEXT, &post.text)
        {
            self.refuse_entry(&post.key_place(), reason);
            return Ok(());
        }
        let url = match prepared.url.transpose() {
            Ok(url) => url,
            Err(reason) => {
                self.counts.posts_read -= 1; // counted as rejected instead
                self.reject(&post.key, &reason);
                return Ok(());
            }
        };
        let Post {
            channel,
            kind,
            key,
            text,
            metrics,
            ..
        } = post;
        // Only Mastodon boosts look programme posts up, so only there are they remembered
        // (memory must not grow with other exports).
        if kind == PostKind::Post && channel == Channel::Mastodon {
            self.programme_posts
                .insert(identity::post_id(Some(channel), &key));
        }
        let new = NewActivity {
            person,
            program: Some(program),
            date,
            kind: if kind == PostKind::Post {
                ActivityKind::post()
            } else {
                ActivityKind::share()
            },
            channel: Some(channel),
            url,
            hashtags: tags,
            metrics,
            note: None,
            batch: Some(self.batch),
            post_key: Some(key),
            text: self.keep_text.then_some(text),
        };
        self.store(new, prepared.identity)
    }

    /// Stores an activity (`identity` is its post's, when worked out already), in nearly
    /// date order when nothing depends on the order: it waits among the next few thousand
    /// ([`Runs`]) and they leave by date, then in the order read; a post read twice leaves
    /// in the order read whatever its dates, so its first occurrence stays the one stored.
    /// Each index of the activities and the ledger then takes them on neighbouring pages
    /// instead of one random page each (BENCHMARKS.md). The order matters when caps pay
    /// posts as they are stored, when `--explain` lists decisions, and when
    /// `--update-metrics` looks posts up.
    fn store(&mut self, new: NewActivity, identity: Option<i64>) -> anyhow::Result<()> {
        let any_order = self.explained.is_none()
            && !self.update_metrics
            && points::awards_at_end_of_import(&self.rules);
        if !any_order {
            return self.store_now(&new);
        }
        debug_assert!(identity.is_none() || identity == activities::identity_of(&new));
        let post_id = identity.or_else(|| activities::identity_of(&new));
        let row = InsertRow::with_identity(new, post_id);
        self.pending_bytes += row.text_bytes();
        if let Some(next) = self.pending.push(row.date, row.post_id, row) {
            self.store_row(&next)?;
        }
        while self.pending_bytes > ORDER_TEXT_BYTES {
            let Some(next) = self.pending.pop() else {
                break;
            };
            self.store_row(&next)?;
        }
        Ok(())
    }

    /// Stores the activities still waiting in `store`'s window.
    fn flush(&mut self) -> anyhow::Result<()> {
        for row in self.pending.drain() {
            self.store_row(&row)?;
        }
        Ok(())
    }

    /// Inserts a row from `store`'s window, or counts the duplicate: what `store_now` does
    /// when nothing is paid, explained or updated as it is stored.
    fn store_row(&mut self, row: &InsertRow) -> anyhow::Result<()> {
        self.pending_bytes = self.pending_bytes.saturating_sub(row.text_bytes());
        match self.writer.insert_row(row)? {
            Some(_) => self.counts.added += 1,
            None => self.counts.already_recorded += 1,
        }
        Ok(())
    }

    /// Inserts, or counts the duplicate (updating its figures with `--update-metrics`).
    fn store_now(&mut self, new: &NewActivity) -> anyhow::Result<()> {
        if let Some(id) = self.writer.insert_new(new)? {
            self.counts.added += 1;
            let why = if new.hashtags.is_empty() {
                None // a boost of a programme post, or an activity needing no tag
            } else {
                Some(format!("carries {}", new.hashtags.join(" ")))
            };
            self.decide(Decision::Counted, why);
            // Without caps, `finish` pays everything at once.
            if !points::awards_at_end_of_import(&self.rules) {
                let facts = ActivityFacts::of(id, new);
                points::award_activity_counting(
                    self.conn,
                    &self.rules,
                    &facts,
                    true,
                    &mut self.paid,
                )?;
            }
            return Ok(());
        }
        // Looked up by what it was recorded by: its key, or its URL.
        let updated = match (&new.url, self.update_metrics) {
            (Some(url), true) => {
                let key = new.post_key.as_deref().unwrap_or(url);
                activities::update_metrics_by_url(self.conn, new.channel, key, &new.metrics)?
            }
            _ => false,
        };
        if updated {
            self.counts.updated += 1;
            self.decide(Decision::Updated, None);
        } else {
            self.counts.already_recorded += 1;
            self.decide(Decision::AlreadyRecorded, None);
        }
        Ok(())
    }

    /// Takes one row of the generic activities CSV.
    pub fn take_row(&mut self, row: Result<ActivityRow, ImportError>) -> anyhow::Result<()> {
        let row = match row {
            Ok(row) => row,
            Err(err) => {
                self.row_errors.push(err);
                return Ok(());
            }
        };
        self.counts.posts_read += 1;
        if self.explained.is_some() {
            let post = row
                .url
                .clone()
                .unwrap_or_else(|| format!("line {}", row.line));
            let why = if row.kind.needs_channel() {
                tags_carried("", &row.hashtags)
            } else {
                format!("a {} needs no hashtag", row.kind)
            };
            self.consider(
                Some(row.date),
                &post,
                why,
                row.note.as_deref().unwrap_or(""),
            );
        }
        // Figures for a post recorded earlier: analytics files seldom repeat the hashtags.
        if self.update_metrics
            && let Some(url) = &row.url
            && activities::update_metrics_by_url(self.conn, row.channel, url, &row.metrics)?
        {
            self.counts.updated += 1;
            self.decide(Decision::Updated, None);
            return Ok(());
        }
        let key = people::email_key(&row.email);
        if !self.people.contains_key(&key) {
            let found = match people::find_by_email(self.conn, &row.email)? {
                Some(person) => Some((
                    person.id,
                    Enrolments::new(enrolments::periods(self.conn, person.id)?),
                )),
                None => None,
            };
            // A cache: a file of a million different e-mails must not keep them all.
            if self.people.len() >= PEOPLE_CACHED {
                self.people.clear();
            }
            self.people.insert(key.clone(), found);
        }
        let error = |message: String| ImportError::Row {
            line: row.line,
            message,
        };
        let (person, verdict) = match &self.people[&key] {
            None => {
                self.row_errors.push(error(format!(
                    "no person has the e-mail {} (add them with `amb enroll`)",
                    row.email
                )));
                return Ok(());
            }
            Some((_, enrolments)) if enrolments.is_empty() => {
                self.row_errors.push(error(format!(
                    "{} has never been enrolled in a programme",
                    row.email
                )));
                return Ok(());
            }
            Some((person, enrolments)) if row.kind.needs_channel() => {
                (*person, enrolments.judge_post(row.date, "", &row.hashtags))
            }
            Some((person, enrolments)) => (*person, enrolments.judge_other(row.date)),
        };
        let Some((program, tags)) = self.counted(verdict) else {
            return Ok(());
        };
        let url = row.url;
        // Without a URL, the same row is recognised by what it says.
        let post_key = url.is_none().then(|| {
            let what = format!(
                "{}|{}|{}|{}",
                row.kind,
                key,
                row.channel.map(|c| c.as_str()).unwrap_or(""),
                row.note.as_deref().unwrap_or("")
            );
            let at = row
                .date
                .and_hms_opt(0, 0, 0)
                .map(|d| d.and_utc())
                .unwrap_or_default();
            Post::key_from_content(at, &what)
        });
        let new = NewActivity {
            person,
            program: Some(program),
            date: row.date,
            kind: row.kind,
            channel: row.channel,
            url,
            hashtags: if tags.is_empty() { row.hashtags } else { tags },
            metrics: row.metrics,
            note: row.note,
            batch: Some(self.batch),
            post_key,
            text: None,
        };
        self.store(new, None)
    }
}
