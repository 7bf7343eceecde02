//! The generic activities CSV, for anything the platform exports do not cover:
//! `email,date,kind,channel,url,hashtags,impressions,reactions,comments,shares,clicks`
//! (hashtags separated by spaces; metrics optional).

use std::io::Read;

use chrono::NaiveDate;

use super::ImportError;
use super::table::{Columns, CsvTableReader, Row, map_headers};
use crate::domain::{ActivityKind, Channel, METRIC, Metrics, is_plausible_email};
use crate::text::{LINK, NOTE, normalize_hashtag, normalize_url};

/// A column of the generic activities CSV.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Email,
    Date,
    Kind,
    Channel,
    Url,
    Hashtags,
    Impressions,
    Reactions,
    Comments,
    Shares,
    Clicks,
    Note,
}

const HEADERS: &[(Field, &[&str])] = &[
    (Field::Email, &["email", "e-mail", "sähköposti"]),
    (Field::Date, &["date", "päivämäärä", "pvm"]),
    (Field::Kind, &["kind", "type", "laji"]),
    (Field::Channel, &["channel", "kanava"]),
    (Field::Url, &["url", "link", "linkki"]),
    (Field::Hashtags, &["hashtags", "tags"]),
    (Field::Impressions, &["impressions", "näyttökerrat"]),
    (Field::Reactions, &["reactions", "likes", "reaktiot"]),
    (Field::Comments, &["comments", "kommentit"]),
    (Field::Shares, &["shares", "reposts", "jaot"]),
    (Field::Clicks, &["clicks", "klikkaukset"]),
    (Field::Note, &["note", "huomio"]),
];

/// One row of the file.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityRow {
    pub line: u64,
    pub email: String,
    pub date: NaiveDate,
    pub kind: ActivityKind,
    pub channel: Option<Channel>,
    /// Normalised (`text::normalize_url`).
    pub url: Option<String>,
    pub hashtags: Vec<String>,
    pub metrics: Metrics,
    pub note: Option<String>,
}

/// Reads generic activity rows; `kinds` are the configured extra activity kinds.
pub struct Reader<'k, R: Read> {
    table: CsvTableReader<R>,
    pub columns: Columns<Field>,
    kinds: &'k [String],
}

impl<'k, R: Read> Reader<'k, R> {
    pub fn new(input: R, kinds: &'k [String]) -> Result<Reader<'k, R>, ImportError> {
        let table = CsvTableReader::new(input)?;
        let columns = map_headers(
            &table.header_refs(),
            HEADERS,
            &[
                (Field::Email, "email"),
                (Field::Date, "date"),
                (Field::Kind, "kind"),
            ],
        )
        .map_err(ImportError::File)?;
        Ok(Reader {
            table,
            columns,
            kinds,
        })
    }

    fn parse(&self, row: &Row) -> Result<ActivityRow, ImportError> {
        let get = |field: Field| row.get(&self.columns, field);
        let email = row
            .text(&self.columns, Field::Email, LINK.named("the e-mail"))?
            .ok_or_else(|| row.error("the e-mail is empty"))?;
        if !is_plausible_email(&email) {
            return Err(row.error(format!("\"{email}\" is not an e-mail address")));
        }
        let date = get(Field::Date).ok_or_else(|| row.error("the date is empty"))?;
        let date = crate::dates::parse(&date).map_err(|e| row.error(e.to_string()))?;
        let kind = get(Field::Kind).ok_or_else(|| row.error("the kind is empty"))?;
        let kind = ActivityKind::parse(&kind, self.kinds).map_err(|e| row.error(e))?;
        let channel = get(Field::Channel)
            .map(|c| c.parse::<Channel>())
            .transpose()
            .map_err(|e| row.error(e))?;
        if kind.needs_channel() && channel.is_none() {
            return Err(row.error(format!("a {kind} needs a channel")));
        }
        let hashtags = get(Field::Hashtags)
            .map(|text| {
                text.split_whitespace()
                    .map(normalize_hashtag)
                    .collect::<Result<Vec<_>, _>>()
            })
            .transpose()
            .map_err(|e| row.error(e))?
            .unwrap_or_default();
        let count = |field: Field, name: &str| -> Result<Option<i64>, ImportError> {
            get(field)
                .map(|text| {
                    METRIC
                        .parse(&text)
                        .map_err(|why| row.error(format!("{name} {why}")))
                })
                .transpose()
        };
        Ok(ActivityRow {
            line: row.line,
            email,
            date,
            kind,
            channel,
            url: get(Field::Url)
                .map(|url| normalize_url(&url))
                .transpose()
                .map_err(|e| row.error(e))?,
            hashtags,
            metrics: Metrics {
                impressions: count(Field::Impressions, "impressions")?,
                reactions: count(Field::Reactions, "reactions")?,
                comments: count(Field::Comments, "comments")?,
                shares: count(Field::Shares, "shares")?,
                clicks: count(Field::Clicks, "clicks")?,
            },
            note: row.text(&self.columns, Field::Note, NOTE)?,
        })
    }
}

impl<R: Read> Iterator for Reader<'_, R> {
    type Item = Result<ActivityRow, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = self.table.next()?;
        Some(row.and_then(|row| self.parse(&row)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "email,date,kind,channel,url,hashtags,impressions,reactions,comments,shares,clicks\n";

    fn read(body: &str) -> Vec<Result<ActivityRow, ImportError>> {
        let text = format!("{HEADER}{body}");
        Reader::new(text.as_bytes(), &[])
            .unwrap()
            .collect::<Vec<_>>()
    }

    #[test]
    fn reads_rows_with_and_without_metrics() {
        let rows = read(
            "a@x.fi,2022-11-02,post,LinkedIn,https://l.example/1,#OnnellisenArjenTekijät #Vaasa,1200,45,3,2,17\n\
             b@x.fi,15.3.2023,school visit,,,,,,,,\n",
        );
        let first = rows[0].as_ref().unwrap();
        assert_eq!(first.channel, Some(Channel::Linkedin));
        assert_eq!(first.hashtags, ["#OnnellisenArjenTekijät", "#Vaasa"]);
        assert_eq!(first.metrics.impressions, Some(1200));
        assert_eq!(first.metrics.clicks, Some(17));
        let second = rows[1].as_ref().unwrap();
        assert_eq!(second.kind.as_str(), "school-visit");
        assert_eq!(second.metrics, Metrics::default());
        assert_eq!(second.line, 3);
    }

    #[test]
    fn bad_rows_say_what_and_where() {
        let rows = read(
            "a@x.fi,31.2.2023,post,linkedin,,,,,,,\n\
             a@x.fi,2023-01-01,post,,,,,,,,\n\
             a@x.fi,2023-01-01,dance,,,,,,,,\n\
             a@x.fi,2023-01-01,post,myspace,,,,,,,\n\
             a@x.fi,2023-01-01,post,x,,,-5,,,,\n\
             nobody,2023-01-01,post,x,,,,,,,\n",
        );
        let errors: Vec<String> = rows
            .iter()
            .map(|r| r.as_ref().unwrap_err().to_string())
            .collect();
        assert!(
            errors[0].starts_with("line 2: \"31.2.2023\" is not a date"),
            "{errors:?}"
        );
        assert!(
            errors[1].contains("line 3: a post needs a channel"),
            "{errors:?}"
        );
        assert!(
            errors[2].contains("line 4: \"dance\" is not an activity kind"),
            "{errors:?}"
        );
        assert!(
            errors[3].contains("line 5: \"myspace\" is not a valid channel"),
            "{errors:?}"
        );
        assert!(
            errors[4].contains("line 6: impressions \"-5\""),
            "{errors:?}"
        );
        assert!(
            errors[5].contains("line 7: \"nobody\" is not an e-mail"),
            "{errors:?}"
        );
    }
}
