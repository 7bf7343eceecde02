//! Calendar dates as people type them: ISO `2022-10-14` or Finnish `14.10.2022`.

use chrono::NaiveDate;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
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
