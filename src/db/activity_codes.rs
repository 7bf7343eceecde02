//! How an activity's date, kind and channel are stored (migration 009): a day number and
//! small codes, which the table's computed columns `date`, `kind` and `channel` show as
//! text. The codes are the places of the kinds in [`BUILTIN_ACTIVITY_KINDS`] and of the
//! channels in [`Channel::ALL`]; a unit test holds them to the migration's CASE lists.

use chrono::{Datelike, NaiveDate};

use crate::domain::{BUILTIN_ACTIVITY_KINDS, Channel};

/// `num_days_from_ce` of 1970-01-01, day 0.
const DAYS_BEFORE_1970: i64 = 719_163;

/// How a date is stored (migration 009): the days since 1970-01-01, which the column `date`
/// shows as text.
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - DAYS_BEFORE_1970
}

/// How a kind is stored: a built-in kind's code (its place in [`BUILTIN_ACTIVITY_KINDS`]),
/// or else (a kind configured in amb.toml) its name.
pub fn kind_code(kind: &str) -> (Option<i64>, Option<&str>) {
    match BUILTIN_ACTIVITY_KINDS.iter().position(|k| *k == kind) {
        Some(code) => (Some(code as i64), None),
        None => (None, Some(kind)),
    }
}

/// The date of day number `day` ([`day_number`]); `None` beyond chrono's calendar.
pub fn date_of_day(day: i64) -> Option<NaiveDate> {
    let from_ce = day.checked_add(DAYS_BEFORE_1970)?;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(from_ce).ok()?)
}

/// The kind stored as `code` or, without one, as `other` ([`kind_code`]).
pub fn kind_name(code: Option<i64>, other: Option<&str>) -> Option<&str> {
    match code {
        Some(code) => usize::try_from(code)
            .ok()
            .and_then(|code| BUILTIN_ACTIVITY_KINDS.get(code).copied()),
        None => other,
    }
}

/// The channel stored as `code` ([`channel_code`]).
pub fn channel_of_code(code: i64) -> Option<Channel> {
    usize::try_from(code)
        .ok()
        .and_then(|code| Channel::ALL.get(code).copied())
}

/// How a channel is stored: its place in [`Channel::ALL`].
pub fn channel_code(channel: Option<Channel>) -> Option<i64> {
    channel.and_then(|c| {
        Channel::ALL
            .iter()
            .position(|known| *known == c)
            .map(|code| code as i64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::params;

    #[test]
    fn the_codes_are_read_back_as_the_kinds_and_channels_they_stand_for() {
        let conn = crate::db::memory();
        conn.execute_batch(
            "INSERT INTO person (name, email, email_key, role) VALUES ('Aino', 'a@x.fi', 'a@x.fi', 'employee')",
        )
        .unwrap();
        let kinds = BUILTIN_ACTIVITY_KINDS.iter().copied().chain(["podcast"]);
        let channels = Channel::ALL.iter().copied().map(Some).chain([None]);
        for (kind, channel) in kinds.zip(channels.cycle()) {
            let (code, other) = kind_code(kind);
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
            conn.execute(
                "INSERT INTO activity (person_id, day, kind_code, kind_other, channel_code) VALUES (1, ?1, ?2, ?3, ?4)",
                params![day_number(date), code, other, channel_code(channel)],
            )
            .unwrap();
            let shown: (NaiveDate, String, Option<Channel>) = conn
                .query_row(
                    "SELECT date, kind, channel FROM activity WHERE id = last_insert_rowid()",
                    [],
                    |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
                )
                .unwrap();
            assert_eq!(shown, (date, kind.to_string(), channel));
        }
        let last = NaiveDate::from_ymd_opt(2199, 12, 31).unwrap();
        let shown: NaiveDate = conn
            .query_row(
                "SELECT date(?1 * 86400, 'unixepoch')",
                [day_number(last)],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(shown, last);
    }
}
