//! LinkedIn `Shares.csv` (also `Shares_<id>.csv`) from "Get a copy of your data":
//! `Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility`. Commentary may span lines
//! and quote with `""` or `\"`; the date is UTC.

use std::io::Read;

use chrono::{NaiveDateTime, TimeZone, Utc};

use super::post::{Item, Post, PostKind, ReadError, Sink};
use super::table::{CsvTableReader, map_headers};
use crate::domain::{Channel, Metrics};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Field {
    Date,
    Link,
    Commentary,
}

const HEADERS: &[(Field, &[&str])] = &[
    (Field::Date, &["date"]),
    (Field::Link, &["sharelink"]),
    (Field::Commentary, &["sharecommentary"]),
];

/// Reads every share of the file into `sink`.
pub fn read(input: impl Read, sink: &mut Sink<'_>) -> Result<(), ReadError> {
    let table = CsvTableReader::with_escape(input, Some(b'\\'))
        .map_err(|err| ReadError::Malformed(err.to_string()))?;
    let columns = map_headers(
        &table.header_refs(),
        HEADERS,
        &[
            (Field::Date, "Date"),
            (Field::Link, "ShareLink"),
            (Field::Commentary, "ShareCommentary"),
        ],
    )
    .map_err(ReadError::Malformed)?;
    for row in table {
        let row = row.map_err(|err| ReadError::Malformed(err.to_string()))?;
        let place = format!("line {}", row.line);
        let Some(date) = row.get(&columns, Field::Date) else {
            sink(Item::Rejected {
                place,
                reason: "the Date is blank".to_string(),
            })
            .map_err(ReadError::Failed)?;
            continue;
        };
        let Ok(at) = NaiveDateTime::parse_from_str(&date, "%Y-%m-%d %H:%M:%S") else {
            sink(Item::Rejected {
                place,
                reason: format!("\"{date}\" is not a date and time"),
            })
            .map_err(ReadError::Failed)?;
            continue;
        };
        let at = Utc.from_utc_datetime(&at);
        let text = row.get(&columns, Field::Commentary).unwrap_or_default();
        let url = row.get(&columns, Field::Link);
        let key = url
            .clone()
            .unwrap_or_else(|| Post::key_from_content(at, &text));
        sink(Item::Post(Post {
            channel: Channel::Linkedin,
            kind: PostKind::Post,
            at,
            url,
            key,
            text,
            tags: Vec::new(),
            metrics: Metrics::default(),
            boost_of: None,
        }))
        .map_err(ReadError::Failed)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Result<Vec<Item>, String> {
        super::super::post::collect(|sink| read(text.as_bytes(), sink))
    }

    #[test]
    fn reads_multi_line_commentary_with_both_quote_escapes() {
        let text = "Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n\
            2022-11-02 08:15:42,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1,\"Koulun arkea \\\"aidosti\\\" ja \"\"oikeasti\"\".\n\n#OnnellisenArjenTekijät\",,,MEMBER_NETWORK\n\
            ,https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A2,\"no date\",,,\n";
        let items = items(text).unwrap();
        let Item::Post(post) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(
            post.text,
            "Koulun arkea \"aidosti\" ja \"oikeasti\".\n\n#OnnellisenArjenTekijät"
        );
        assert_eq!(post.at.to_rfc3339(), "2022-11-02T08:15:42+00:00");
        assert_eq!(
            post.key,
            "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A1"
        );
        assert_eq!(
            items[1],
            Item::Rejected {
                place: "line 5".to_string(),
                reason: "the Date is blank".to_string()
            }
        );
    }

    #[test]
    fn a_file_without_the_columns_is_malformed() {
        let err = items("Name,Email\nA,b\n").unwrap_err();
        assert!(err.contains("no Date column"), "{err}");
    }
}
