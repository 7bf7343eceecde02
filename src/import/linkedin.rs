//! LinkedIn `Shares.csv` (also `Shares_<id>.csv`) from "Get a copy of your data":
//! `Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility` (some exports spell
//! `SharedURL`, `MediaURL`; CRLF line ends). Commentary may span lines and quote with `""` or
//! `\"`; the date is UTC. The 2018 layout is UTF-16 with a BOM and tab-separated, with the
//! columns `Date`, `Share Link`, `Share Commentary`, `Type`, … and dates like
//! `2017/06/08 08:15:44 UTC`. A post with several media thumbnails comes once per
//! thumbnail, with the same share link: it is read once.

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
    // The repeats of a post (one row per media thumbnail) are consecutive rows in every real
    // export seen, so the previous row's link is all there is to remember: memory does not
    // grow with the file. A repeat further down is found by the import as already recorded.
    let mut previous_link: Option<String> = None;
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
        let Some(at) = parse_date(&date) else {
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
        if url.is_some() && url == previous_link {
            continue; // the same post again, for its next media thumbnail
        }
        previous_link.clone_from(&url);
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

/// `2022-11-02 08:15:42` (today's exports) or `2017/06/08 08:15:44 UTC` (2018's), in UTC.
fn parse_date(text: &str) -> Option<NaiveDateTime> {
    let text = text.strip_suffix(" UTC").unwrap_or(text);
    ["%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S"]
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
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

    fn utf16le(text: &str) -> Vec<u8> {
        let mut bytes = vec![0xff, 0xfe];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    }

    #[test]
    fn reads_the_2018_layout_in_utf16_with_tabs() {
        let text = "\"Date\"\t\"Share Title\"\t\"Share Link\"\t\"Share Commentary\"\t\"Type\"\t\"Visibility\"\r\n\
            \"2017/06/08 08:15:44 UTC\"\t\"\"\t\"https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A1\"\t\"Hyvää #Työ\"\t\"Homepage\"\t\"Public\"\r\n";
        let items = super::super::post::collect(|sink| read(&utf16le(text)[..], sink)).unwrap();
        let [Item::Post(post)] = &items[..] else {
            panic!("{items:?}")
        };
        assert_eq!(post.text, "Hyvää #Työ");
        assert_eq!(post.at.to_rfc3339(), "2017-06-08T08:15:44+00:00");
        assert_eq!(
            post.key,
            "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A1"
        );
    }

    #[test]
    fn a_post_repeated_for_each_thumbnail_is_read_once() {
        let text = "Date,ShareLink,ShareCommentary,SharedURL,MediaURL,Visibility\r\n\
            2021-06-16 15:00:02,https://l.example/1,\"Two pictures\",,https://m.example/a,MEMBER_NETWORK\r\n\
            2021-06-16 15:00:02,https://l.example/1,\"Two pictures\",,https://m.example/b,MEMBER_NETWORK\r\n\
            2021-06-17 15:00:02,https://l.example/2,,,,MEMBER_NETWORK\r\n";
        let items = items(text).unwrap();
        assert_eq!(items.len(), 2, "{items:?}");
    }

    #[test]
    fn a_file_without_the_columns_is_malformed() {
        let err = items("Name,Email\nA,b\n").unwrap_err();
        assert!(err.contains("no Date column"), "{err}");
    }
}
