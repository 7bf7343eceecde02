//! X/Twitter archive `tweets.js` (older `tweet.js`, multi-part `tweets-part1.js`):
//! `window.YTD.tweets.part0 = [ {"tweet": {...}} | {...}, ... ]`.

use std::io::{BufRead, BufReader, Read};

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::post::{Item, LenientCount, Post, PostKind, ReadError, Sink, figures, for_each_element};
use crate::domain::{Channel, Metrics};

#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Wrapped { tweet: Tweet },
    Bare(Tweet),
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Tweet {
    id_str: Option<String>,
    created_at: Option<String>,
    full_text: Option<String>,
    text: Option<String>,
    favorite_count: Option<LenientCount>,
    retweet_count: Option<LenientCount>,
    entities: Option<Entities>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Entities {
    hashtags: Option<Vec<HashtagEntity>>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct HashtagEntity {
    text: String,
}

/// Skips the `window.YTD.<name>.partN =` before the JSON array.
fn skip_assignment(reader: &mut impl BufRead) -> Result<(), ReadError> {
    let mut prefix = Vec::new();
    // The assignment is short; a file without one is not read to its end here.
    let read = reader.take(4096).read_until(b'=', &mut prefix)?;
    let text = String::from_utf8_lossy(&prefix);
    if read == 0
        || !prefix.ends_with(b"=")
        || !text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with("window.YTD.")
    {
        return Err(ReadError::Malformed(
            "line 1: not an X archive file (it should start with `window.YTD.tweets.part0 =`)"
                .to_string(),
        ));
    }
    Ok(())
}

/// Reads every tweet of one part of the archive into `sink`.
pub fn read(input: impl Read, sink: &mut Sink<'_>) -> Result<(), ReadError> {
    let mut reader = BufReader::new(input);
    skip_assignment(&mut reader)?;
    for_each_element::<Entry, _>(reader, None, &mut |index, entry| {
        let tweet = match entry {
            Entry::Wrapped { tweet } | Entry::Bare(tweet) => tweet,
        };
        sink(item(index, tweet))
    })
}

fn item(index: usize, tweet: Tweet) -> Item {
    let place = format!("tweet {}", index + 1);
    let reject = |reason: String| Item::Rejected {
        place: place.clone(),
        reason,
    };
    let Some(id) = tweet
        .id_str
        .filter(|id| !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
    else {
        return reject("it has no id_str".to_string());
    };
    let Some(created) = tweet.created_at else {
        return reject("it has no created_at".to_string());
    };
    let Ok(at) = DateTime::parse_from_str(&created, "%a %b %d %H:%M:%S %z %Y") else {
        return reject(format!("created_at \"{created}\" is not a date and time"));
    };
    let text = tweet.full_text.or(tweet.text).unwrap_or_default();
    let kind = if text.starts_with("RT @") {
        PostKind::Share
    } else {
        PostKind::Post
    };
    let count = |c: Option<LenientCount>| c.map_or(Ok(None), |c| c.0);
    let figures = figures([
        ("favorite_count", count(tweet.favorite_count)),
        ("retweet_count", count(tweet.retweet_count)),
    ]);
    let [reactions, shares] = match figures {
        Ok(values) => values,
        Err(reason) => return Item::Invalid { place, reason },
    };
    Item::Post(Post {
        channel: Channel::X,
        kind,
        at: at.with_timezone(&Utc),
        url: Some(format!("https://x.com/i/web/status/{id}")),
        key: id,
        text,
        tags: tweet
            .entities
            .and_then(|e| e.hashtags)
            .map(|tags| tags.into_iter().map(|h| h.text).collect())
            .unwrap_or_default(),
        metrics: Metrics {
            reactions,
            shares,
            ..Metrics::default()
        },
        boost_of: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Result<Vec<Item>, String> {
        super::super::post::collect(|sink| read(text.as_bytes(), sink))
    }

    #[test]
    fn reads_wrapped_and_bare_tweets_with_string_counts() {
        let text = r##"window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "1580000000000000001", "created_at": "Fri Sep 30 23:30:00 +0000 2022",
    "full_text": "Aamu koulussa #OnnellisenArjenTekijät", "favorite_count": "12", "retweet_count": "3",
    "entities": {"hashtags": [{"text": "OnnellisenArjenTekijät", "indices": ["14", "37"]}]}}},
  {"id_str": "1580000000000000002", "created_at": "Wed Oct 10 20:19:24 +0000 2018",
    "full_text": "RT @vaasa: Uusi podcast #OnnellisenArjenTekijät", "favorite_count": 0, "retweet_count": "7"}
]"##;
        let items = items(text).unwrap();
        let Item::Post(first) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(first.kind, PostKind::Post);
        assert_eq!(first.at.to_rfc3339(), "2022-09-30T23:30:00+00:00");
        assert_eq!(first.metrics.reactions, Some(12));
        assert_eq!(first.metrics.shares, Some(3));
        assert_eq!(first.tags, ["OnnellisenArjenTekijät"]);
        assert_eq!(
            first.url.as_deref(),
            Some("https://x.com/i/web/status/1580000000000000001")
        );
        let Item::Post(second) = &items[1] else {
            panic!("{items:?}")
        };
        assert_eq!(second.kind, PostKind::Share);
    }

    #[test]
    fn unusable_tweets_are_rejected_and_broken_files_malformed() {
        let items = items(
            r#"window.YTD.tweet.part0 = [{"tweet": {"id_str": "1", "created_at": "yesterday"}}]"#,
        )
        .unwrap();
        assert!(matches!(&items[0], Item::Rejected { place, .. } if place == "tweet 1"));
        assert!(
            super::tests::items("[]")
                .unwrap_err()
                .contains("not an X archive")
        );
        let err = super::tests::items("window.YTD.tweets.part0 = [\n{\"tweet\": \n]").unwrap_err();
        assert!(err.starts_with("line 3"), "{err}");
    }
}
