//! Calendar dates as people type them: ISO `2022-10-14` or Finnish `14.10.2022`.

use chrono::{Datelike, NaiveDate};

/// A date that could not be read, with the text that was given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{}\" is not a date (use 2022-10-14 or 14.10.2022)", .0.escape_debug())]
pub struct DateError(pub String);

/// Parses an ISO (`YYYY-MM-DD`) or Finnish (`D.M.YYYY`) date; impossible dates are errors.
pub fn parse(text: &str) -> Result<NaiveDate, DateError> {
    let trimmed = text.trim();
    let format = if trimmed.contains('.') {
        "%d.%m.%Y"
    } else {
        "%Y-%m-%d"
    };
    // The year must have four digits: "1.2.23" is ambiguous, not year 23.
    let year_digits = if trimmed.contains('.') {
        trimmed.rsplit('.').next().map(str::len)
    } else {
        trimmed.split('-').next().map(str::len)
    };
    if year_digits != Some(4) {
        return Err(DateError(text.to_string()));
    }
    let date = if format == "%Y-%m-%d" {
        // chrono's own ISO parser, much faster than a format string in bulk imports.
        trimmed.parse::<NaiveDate>()
    } else {
        NaiveDate::parse_from_str(trimmed, format)
    }
    .map_err(|_| DateError(text.to_string()))?;
    // A year like 0001 or 9999 is a typing mistake, not a date of the programme.
    if !(1900..=2199).contains(&chrono::Datelike::year(&date)) {
        return Err(DateError(text.to_string()));
    }
    Ok(date)
}

/// Parses an optional date argument, falling back to `default` (usually today).
pub fn parse_or(text: Option<&str>, default: NaiveDate) -> Result<NaiveDate, DateError> {
    text.map_or(Ok(default), parse)
}

/// Refuses a `date` after `today` for `what` ("an activity"), naming the flag; `force` says
/// how to record a planned one anyway, where that makes sense.
pub fn refuse_after_today(
    date: NaiveDate,
    today: NaiveDate,
    what: &str,
    force: Option<&str>,
) -> anyhow::Result<()> {
    if date <= today {
        return Ok(());
    }
    let days = (date - today).num_days();
    let refusal = crate::error::refuse(format!(
        "{date} is after today ({today}, {days} day{} ahead): {what} cannot be dated in the future",
        if days == 1 { "" } else { "s" }
    ))
    .at(crate::error::Place::Setting("--date".into()));
    let hint = match force {
        Some(force) => format!("check the date; {force}"),
        None => "check the date, or record it on the day it happens".to_string(),
    };
    Err(refusal.hint(hint).into())
}

/// The first and last year of `from..=to` when it is whole calendar years that a date
/// stored as text can hold (`None` for either bound leaves that side open).
pub fn whole_years(
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Option<(Option<i32>, Option<i32>)> {
    let storable = |year: i32| (0..=9999).contains(&year);
    let first = match from {
        None => None,
        Some(day) if day.ordinal() == 1 && storable(day.year()) => Some(day.year()),
        Some(_) => return None,
    };
    let last = match to {
        None => None,
        Some(day) if day.month() == 12 && day.day() == 31 && storable(day.year()) => {
            Some(day.year())
        }
        Some(_) => return None,
    };
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn dates_after_today_are_refused_with_the_way_out() {
        let today = ymd(2023, 5, 1);
        assert!(refuse_after_today(today, today, "an activity", None).is_ok());
        let err = refuse_after_today(ymd(2023, 5, 25), today, "an activity", None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--date: 2023-05-25 is after today (2023-05-01, 24 days ahead): an activity cannot be dated in the future\n  hint: check the date, or record it on the day it happens"
        );
        let forced = refuse_after_today(
            ymd(2023, 5, 2),
            today,
            "x",
            Some("--force records a planned one"),
        )
        .unwrap_err();
        assert!(forced.to_string().contains("1 day ahead"), "{forced}");
        assert!(
            forced
                .to_string()
                .ends_with("--force records a planned one"),
            "{forced}"
        );
    }

    #[test]
    fn reads_iso_and_finnish_dates() {
        assert_eq!(parse("2022-10-14"), Ok(ymd(2022, 10, 14)));
        assert_eq!(parse("14.10.2022"), Ok(ymd(2022, 10, 14)));
        assert_eq!(parse("1.2.2023"), Ok(ymd(2023, 2, 1)));
        assert_eq!(parse(" 01.02.2023 "), Ok(ymd(2023, 2, 1)));
    }

    #[test]
    fn refuses_impossible_and_ambiguous_dates() {
        for bad in [
            "31.2.2023",
            "2023-02-30",
            "1.2.23",
            "22-10-14",
            "",
            "tomorrow",
            "2022/10/14",
            "1.1.0001",
            "9999-01-01",
        ] {
            let err = parse(bad).unwrap_err();
            assert!(err.to_string().contains("is not a date"), "{bad}: {err}");
        }
    }

    #[test]
    fn parse_or_falls_back() {
        assert_eq!(parse_or(None, ymd(2026, 1, 1)), Ok(ymd(2026, 1, 1)));
        assert_eq!(
            parse_or(Some("2.1.2026"), ymd(2026, 1, 1)),
            Ok(ymd(2026, 1, 2))
        );
    }
}
