//! Activities: posts, shares, visits and talks, with their metrics.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;
use rusqlite::functions::FunctionFlags;
use rusqlite::{Connection, OptionalExtension, Row, Statement, params};
use serde::Serialize;

// Metrics moved to the domain layer; the path here stays for callers above.
use super::activity_codes::{channel_code, day_number, kind_code};
use super::hashtag_sets::{hashtag_set, remove_unused_sets, sets_of, unmake_set};
pub use crate::domain::Metrics;
use crate::domain::{ActivityId, ActivityKind, Channel, PersonId, ProgramId};
use crate::error::EnrolledSpan;
use crate::identity;

/// An activity to record.
#[derive(Debug, Clone, Default)]
pub struct NewActivity {
    pub person: PersonId,
    pub program: Option<ProgramId>,
    pub date: NaiveDate,
    pub kind: ActivityKind,
    pub channel: Option<Channel>,
    pub url: Option<String>,
    pub hashtags: Vec<String>,
    pub metrics: Metrics,
    pub note: Option<String>,
    /// The import that brought it; `None` for one recorded by hand (its source is "manual").
    pub batch: Option<i64>,
    /// What the post is known by when it is not its URL: the platform's id (or, for a post
    /// without one, a key made from its content). Stored as its identity (`crate::identity`).
    pub post_key: Option<String>,
    pub text: Option<String>,
}

/// An activity as stored, with the person's and programme's names.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Activity {
    pub id: ActivityId,
    pub date: NaiveDate,
    pub person_id: PersonId,
    pub person: String,
    pub kind: ActivityKind,
    pub channel: Option<Channel>,
    pub url: Option<String>,
    pub hashtags: Vec<String>,
    #[serde(flatten)]
    pub metrics: Metrics,
    pub program_id: Option<ProgramId>,
    pub program: Option<String>,
    pub note: Option<String>,
    pub source: String,
    pub batch_id: Option<i64>,
}

static SELECT: LazyLock<String> = LazyLock::new(|| {
    format!(
        "SELECT a.id, a.date, a.person_id, p.name, a.kind, a.channel, {}, {},
                a.impressions, a.reactions, a.comments, a.shares, a.clicks,
                a.program_id, pr.name, a.note, a.source, a.batch_id
         FROM activity a
         JOIN person p ON p.id = a.person_id
         LEFT JOIN program pr ON pr.id = a.program_id",
        identity::url_sql("a"),
        super::hashtag_sets::tags_sql("a")
    )
});

/// Registers `amb_post_id(channel, key)` and `amb_url_form(channel, url, post_id)` (see
/// `crate::identity`) on the connection, for the migration that gives posts their identity.
pub fn register_identity(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    conn.create_scalar_function("amb_post_id", 2, flags, |ctx| {
        let channel: Option<Channel> = ctx.get(0)?;
        let key: Option<String> = ctx.get(1)?;
        Ok(key.map(|key| identity::post_id(channel, &key)))
    })?;
    conn.create_scalar_function("amb_url_form", 3, flags, |ctx| {
        let channel: Option<Channel> = ctx.get(0)?;
        let url: Option<String> = ctx.get(1)?;
        let id: Option<i64> = ctx.get(2)?;
        Ok(url
            .zip(id)
            .and_then(|(url, id)| identity::url_form(channel, &url, id)))
    })
}

fn from_row(row: &Row<'_>) -> rusqlite::Result<Activity> {
    let hashtags: Option<String> = row.get(7)?;
    Ok(Activity {
        id: row.get(0)?,
        date: row.get(1)?,
        person_id: row.get(2)?,
        person: row.get(3)?,
        kind: row.get(4)?,
        channel: row.get(5)?,
        url: row.get(6)?,
        hashtags: hashtags
            .map(|h| h.split(' ').map(str::to_string).collect())
            .unwrap_or_default(),
        metrics: Metrics {
            impressions: row.get(8)?,
            reactions: row.get(9)?,
            comments: row.get(10)?,
            shares: row.get(11)?,
            clicks: row.get(12)?,
        },
        program_id: row.get(13)?,
        program: row.get(14)?,
        note: row.get(15)?,
        source: row.get(16)?,
        batch_id: row.get(17)?,
    })
}

/// The id of the activity recorded last (0 when there are none); ids never decrease.
pub fn last_id(conn: &Connection) -> rusqlite::Result<ActivityId> {
    conn.query_row("SELECT coalesce(max(id), 0) FROM activity", [], |row| {
        row.get(0).map(ActivityId)
    })
}

/// Records an activity.
pub fn insert(conn: &Connection, new: &NewActivity) -> rusqlite::Result<ActivityId> {
    insert_new(conn, new)?.ok_or(rusqlite::Error::QueryReturnedNoRows)
}

const INSERT: &str = "
    INSERT INTO activity (person_id, program_id, day, kind_code, kind_other, channel_code, url,
                          hashtag_set, impressions, reactions, comments, shares, clicks, note,
                          batch_id, post_id, url_form, text)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
    ON CONFLICT DO NOTHING";

/// Records an activity unless the post (its id or URL) is already recorded on its channel
/// (then `None`).
pub fn insert_new(conn: &Connection, new: &NewActivity) -> rusqlite::Result<Option<ActivityId>> {
    let row = InsertRow::from(new.clone());
    let tags = row
        .hashtags
        .as_deref()
        .map(|tags| hashtag_set(conn, tags))
        .transpose()?;
    let inserted = insert_row(&mut *conn.prepare_cached(INSERT)?, &row, tags.map(|t| t.0))?;
    if let (None, Some((set, true))) = (inserted, tags) {
        unmake_set(conn, set)?;
    }
    Ok(inserted)
}

/// Records many activities through one prepared statement, as `insert_new` does, finding
/// each hashtag set once.
pub struct Writer<'c> {
    conn: &'c Connection,
    insert: Statement<'c>,
    sets: HashMap<Box<str>, i64>,
}

impl<'c> Writer<'c> {
    pub fn new(conn: &'c Connection) -> rusqlite::Result<Writer<'c>> {
        Ok(Writer {
            conn,
            insert: conn.prepare(INSERT)?,
            sets: HashMap::new(),
        })
    }

    /// `insert_new` through the prepared statement.
    pub fn insert_new(&mut self, new: &NewActivity) -> rusqlite::Result<Option<ActivityId>> {
        self.insert_row(&InsertRow::from(new.clone()))
    }

    /// Inserts a row unless its post is already recorded on its channel (then `None`).
    pub fn insert_row(&mut self, row: &InsertRow) -> rusqlite::Result<Option<ActivityId>> {
        let Some(tags) = row.hashtags.as_deref() else {
            return insert_row(&mut self.insert, row, None);
        };
        if let Some(set) = self.sets.get(tags) {
            return insert_row(&mut self.insert, row, Some(*set));
        }
        let (set, made) = hashtag_set(self.conn, tags)?;
        let inserted = insert_row(&mut self.insert, row, Some(set))?;
        if inserted.is_none() && made {
            unmake_set(self.conn, set)?;
        } else {
            self.sets.insert(tags.into(), set);
        }
        Ok(inserted)
    }
}

/// The identity a new activity is stored with: of its post key, or else of its URL.
pub fn identity_of(new: &NewActivity) -> Option<i64> {
    new.post_key
        .as_deref()
        .or(new.url.as_deref())
        .map(|key| identity::post_id(new.channel, key))
}

/// A new activity as its row is inserted: its identity found, a canonical URL left to be
/// rebuilt from it, its tags joined. Smaller than a [`NewActivity`], for an import that
/// keeps thousands waiting (`crate::import::order`).
#[derive(Debug)]
pub struct InsertRow {
    person: PersonId,
    program: Option<ProgramId>,
    pub date: NaiveDate,
    kind: ActivityKind,
    channel: Option<Channel>,
    url: Option<Box<str>>,
    hashtags: Option<Box<str>>,
    metrics: Option<Box<Metrics>>,
    note: Option<Box<str>>,
    batch: Option<i64>,
    pub post_id: Option<i64>,
    url_form: Option<i64>,
    text: Option<Box<str>>,
}

impl InsertRow {
    /// The row of `new`, taking its parts.
    pub fn from(new: NewActivity) -> InsertRow {
        let post_id = identity_of(&new);
        InsertRow::with_identity(new, post_id)
    }

    /// The row of `new`, whose [`identity_of`] is `post_id` (worked out elsewhere).
    pub fn with_identity(new: NewActivity, post_id: Option<i64>) -> InsertRow {
        // A canonical address is rebuilt from the id rather than stored.
        let url_form = new
            .url
            .as_deref()
            .zip(post_id)
            .and_then(|(url, id)| identity::url_form(new.channel, url, id));
        InsertRow {
            person: new.person,
            program: new.program,
            date: new.date,
            kind: new.kind,
            channel: new.channel,
            url: new
                .url
                .filter(|_| url_form.is_none())
                .map(String::into_boxed_str),
            hashtags: (!new.hashtags.is_empty()).then(|| new.hashtags.join(" ").into_boxed_str()),
            metrics: (new.metrics != Metrics::default()).then(|| Box::new(new.metrics)),
            note: new.note.map(String::into_boxed_str),
            batch: new.batch,
            post_id,
            url_form,
            text: new.text.map(String::into_boxed_str),
        }
    }

    /// Bytes its texts take besides the row itself (what an import keeps waiting counts).
    pub fn text_bytes(&self) -> usize {
        let texts = [&self.url, &self.hashtags, &self.note, &self.text];
        let kept: usize = texts
            .iter()
            .filter_map(|t| t.as_ref())
            .map(|t| t.len())
            .sum();
        kept + self.kind.as_str().len()
    }
}

/// Inserts `row`, whose hashtags are the set `tags`.
fn insert_row(
    statement: &mut Statement<'_>,
    row: &InsertRow,
    tags: Option<i64>,
) -> rusqlite::Result<Option<ActivityId>> {
    let metrics = row.metrics.as_deref().copied().unwrap_or_default();
    let (kind_code, kind_other) = kind_code(row.kind.as_str());
    let inserted = statement.insert(params![
        row.person,
        row.program,
        day_number(row.date),
        kind_code,
        kind_other,
        channel_code(row.channel),
        row.url,
        tags,
        metrics.impressions,
        metrics.reactions,
        metrics.comments,
        metrics.shares,
        metrics.clicks,
        row.note,
        row.batch,
        row.post_id,
        row.url_form,
        row.text,
    ]);
    match inserted {
        Ok(id) => Ok(Some(ActivityId(id))),
        Err(rusqlite::Error::StatementChangedRows(0)) => Ok(None),
        Err(err) => Err(err),
    }
}

/// Sets the given figures of the activity recorded with this URL (or post id) on this
/// channel; figures not given are kept. Returns whether there was such an activity.
pub fn update_metrics_by_url(
    conn: &Connection,
    channel: Option<Channel>,
    url: &str,
    metrics: &Metrics,
) -> rusqlite::Result<bool> {
    let post_id = identity::post_id(channel, url);
    let changed = conn
        .prepare_cached(
            "UPDATE activity SET impressions = coalesce(?3, impressions),
                 reactions = coalesce(?4, reactions), comments = coalesce(?5, comments),
                 shares = coalesce(?6, shares), clicks = coalesce(?7, clicks)
             WHERE post_id = ?2 AND coalesce(channel_code, -1) = coalesce(?1, -1)",
        )?
        .execute(params![
            channel_code(channel),
            post_id,
            metrics.impressions,
            metrics.reactions,
            metrics.comments,
            metrics.shares,
            metrics.clicks
        ])?;
    Ok(changed > 0)
}

/// Whether a programme post with this id or URL is recorded on the channel (a boost of it
/// then counts as a share).
pub fn is_recorded(conn: &Connection, channel: Channel, key: &str) -> rusqlite::Result<bool> {
    let post_id = identity::post_id(Some(channel), key);
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM activity WHERE post_id = ?2 AND coalesce(channel_code, -1) = ?1 AND kind = 'post')",
    )?
    .query_row(params![channel_code(Some(channel)), post_id], |row| row.get(0))
}

/// One activity by id.
pub fn get(conn: &Connection, id: ActivityId) -> rusqlite::Result<Option<Activity>> {
    conn.query_row(&format!("{} WHERE a.id = ?1", *SELECT), [id], from_row)
        .optional()
}

/// The activity already recorded with this URL on this channel, if any.
pub fn find_by_url(
    conn: &Connection,
    channel: Option<Channel>,
    url: &str,
) -> rusqlite::Result<Option<Activity>> {
    let post_id = identity::post_id(channel, url);
    conn.prepare_cached(&format!(
        "{} WHERE a.post_id = ?2 AND coalesce(a.channel_code, -1) = coalesce(?1, -1)",
        *SELECT
    ))?
    .query_row(params![channel_code(channel), post_id], from_row)
    .optional()
}

/// Which activities `activity list` shows; `None` means any.
#[derive(Debug, Default)]
pub struct Filter {
    pub person: Option<PersonId>,
    pub kind: Option<ActivityKind>,
    pub channel: Option<Channel>,
    pub program: Option<ProgramId>,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// Activities matching the filter, by date.
pub fn list(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<Activity>> {
    let sql = format!(
        "{}
         WHERE (?1 IS NULL OR a.person_id = ?1)
           AND (?2 IS NULL OR a.kind = ?2)
           AND (?3 IS NULL OR a.channel = ?3)
           AND (?4 IS NULL OR a.program_id = ?4)
           AND (?5 IS NULL OR a.day >= ?5)
           AND (?6 IS NULL OR a.day <= ?6)
         ORDER BY a.day, a.id",
        *SELECT
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map(
        params![
            filter.person,
            filter.kind,
            filter.channel,
            filter.program,
            filter.since.map(day_number),
            filter.until.map(day_number)
        ],
        from_row,
    )?
    .collect()
}

/// Rewrites the editable fields of an activity.
pub fn update(conn: &Connection, activity: &Activity) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE activity SET day = ?2, program_id = ?3, impressions = ?4, reactions = ?5,
             comments = ?6, shares = ?7, clicks = ?8, note = ?9
         WHERE id = ?1",
        params![
            activity.id,
            day_number(activity.date),
            activity.program_id,
            activity.metrics.impressions,
            activity.metrics.reactions,
            activity.metrics.comments,
            activity.metrics.shares,
            activity.metrics.clicks,
            activity.note,
        ],
    )?;
    Ok(())
}

/// Deletes an activity (and its hashtag set, when no other post carries it).
pub fn delete(conn: &Connection, id: ActivityId) -> rusqlite::Result<()> {
    let sets = sets_of(conn, "a.id = ?1", [id])?;
    conn.execute("DELETE FROM activity WHERE id = ?1", [id])?;
    remove_unused_sets(conn, &sets)
}

/// The programme in which the person was enrolled on `date` (the latest-starting one if
/// enrolments overlap), or `None` outside all of their enrolments.
pub fn program_on(
    conn: &Connection,
    person: PersonId,
    date: NaiveDate,
) -> rusqlite::Result<Option<ProgramId>> {
    conn.prepare_cached(
        "SELECT ep.program_id
         FROM enrolment_period ep JOIN program p ON p.id = ep.program_id
         WHERE ep.person_id = ?1 AND ep.first_day <= ?2 AND (ep.last_day IS NULL OR ?2 <= ep.last_day)
         ORDER BY p.start_date DESC, p.id DESC
         LIMIT 1",
    )?
    .query_row(params![person, date], |row| row.get(0))
    .optional()
}

/// The programme and days of each of a person's enrolments, for error messages.
pub fn periods(conn: &Connection, person: PersonId) -> rusqlite::Result<Vec<EnrolledSpan>> {
    let mut stmt = conn.prepare(
        "SELECT p.name, ep.first_day, ep.last_day
         FROM enrolment_period ep JOIN program p ON p.id = ep.program_id
         WHERE ep.person_id = ?1 ORDER BY ep.first_day",
    )?;
    stmt.query_map([person], |row| {
        Ok(EnrolledSpan {
            program: row.get(0)?,
            first_day: row.get(1)?,
            last_day: row.get(2)?,
        })
    })?
    .collect()
}

/// The people with activities in a programme.
pub fn people_in(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<PersonId>> {
    let mut stmt = conn.prepare("SELECT DISTINCT person_id FROM activity WHERE program_id = ?1")?;
    stmt.query_map([program], |row| row.get(0))?.collect()
}

/// How many activities of each kind, on each channel, a programme has.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KindCount {
    pub kind: ActivityKind,
    pub channel: Option<Channel>,
    pub activities: i64,
}

/// Activity counts of a programme by kind and channel, most frequent kind first.
pub fn count_by_kind(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<KindCount>> {
    let mut stmt = conn.prepare(
        "SELECT kind, channel, count(*) AS n FROM activity WHERE program_id = ?1
         GROUP BY kind, channel
         ORDER BY sum(count(*)) OVER (PARTITION BY kind) DESC, kind, n DESC, channel",
    )?;
    stmt.query_map([program], |row| {
        Ok(KindCount {
            kind: row.get(0)?,
            channel: row.get(1)?,
            activities: row.get(2)?,
        })
    })?
    .collect()
}

/// How many activities of a programme (of one person, or everyone's) are dated `from` or
/// later, and the first of them: they would fall outside an enrolment that ended before.
pub fn from_day(
    conn: &Connection,
    program: ProgramId,
    person: Option<PersonId>,
    from: NaiveDate,
) -> rusqlite::Result<(i64, Option<(ActivityId, NaiveDate)>)> {
    let count: i64 = conn.query_row(
        "SELECT count(*) FROM activity WHERE program_id = ?1 AND (?2 IS NULL OR person_id = ?2) AND day >= ?3",
        params![program, person, day_number(from)],
        |row| row.get(0),
    )?;
    let first = conn
        .query_row(
            "SELECT id, date FROM activity WHERE program_id = ?1 AND (?2 IS NULL OR person_id = ?2) AND day >= ?3
             ORDER BY day, id LIMIT 1",
            params![program, person, day_number(from)],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    Ok((count, first))
}
