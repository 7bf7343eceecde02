//! X/Twitter archive `tweets.js` (older `tweet.js`, multi-part `tweets-part1.js`):
//! `window.YTD.tweets.part0 = [ {"tweet": {...}} | {...}, ... ]`; posts made in Communities
//! in `community-tweet.js` (the same shape); the full text of long posts in `note-tweet.js`
//! (`{"noteTweet": {"createdAt", "core": {"text", "hashtags"}}}`), whose tweet in tweets.js
//! holds only the text's start.

use std::collections::HashMap;
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

/// An entry of `note-tweet.js`.
#[derive(Deserialize, Default)]
#[serde(default)]
struct NoteEntry {
    #[serde(rename = "noteTweet")]
    note: Option<Note>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct Note {
    #[serde(rename = "createdAt")]
    created_at: Option<String>,
    core: NoteCore,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct NoteCore {
    text: String,
    hashtags: Vec<HashtagEntity>,
}

/// The full texts of an archive's long posts, by the second they were posted (a note does
/// not name its tweet; X posts both at the same moment).
#[derive(Debug, Default)]
pub struct NoteTweets {
    by_second: HashMap<i64, Vec<(String, Vec<String>)>>,
}

impl NoteTweets {
    /// Reads `note-tweet.js`; notes without a time or text cannot be matched and are left out.
    pub fn read(&mut self, input: impl Read) -> Result<(), ReadError> {
        let mut reader = BufReader::new(input);
        skip_assignment(&mut reader)?;
        for_each_element::<NoteEntry, _>(reader, None, &mut |_, entry| {
            if let Some(note) = entry.note
                && let Some(at) = note
                    .created_at
                    .and_then(|t| DateTime::parse_from_rfc3339(&t).ok())
                && !note.core.text.is_empty()
            {
                let tags = note.core.hashtags.into_iter().map(|h| h.text).collect();
                self.by_second
                    .entry(at.timestamp())
                    .or_default()
                    .push((note.core.text, tags));
            }
            Ok(())
        })
    }

    /// The full text and tags of the tweet posted at `at` whose text begins like this.
    fn of(&self, at: i64, text: &str) -> Option<&(String, Vec<String>)> {
        let start = comparable_start(text);
        if start.is_empty() {
            return None;
        }
        self.by_second
            .get(&at)?
            .iter()
            .find(|(full, _)| comparable_start(full).starts_with(&start))
    }
}

/// The first characters of a tweet's text as a note has them: the archive escapes `&`, `<`
/// and `>` in tweets.js, and a truncated text ends in `…` and a link.
fn comparable_start(text: &str) -> String {
    let text = text
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    let text = text.split('…').next().unwrap_or("");
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(40)
        .collect()
}

/// Skips the `window.YTD.<name>.partN =` before the JSON array; returns the `<name>`.
fn skip_assignment(reader: &mut impl BufRead) -> Result<String, ReadError> {
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
    let name = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .trim_start_matches("window.YTD.")
        .split('.')
        .next()
        .unwrap_or("")
        .to_string();
    Ok(name)
}

/// Reads every tweet of one part of the archive into `sink`, long posts with their full
/// text from `notes`.
pub fn read(input: impl Read, notes: &NoteTweets, sink: &mut Sink<'_>) -> Result<(), ReadError> {
    let mut reader = BufReader::new(input);
    if skip_assignment(&mut reader)? == "note_tweet" {
        return Err(ReadError::Malformed(
            "line 1: note-tweet.js holds only the full text of long posts; import tweets.js or the whole archive (folder or .zip)"
                .to_string(),
        ));
    }
    for_each_element::<Entry, _>(reader, None, &mut |index, entry| {
        let tweet = match entry {
            Entry::Wrapped { tweet } | Entry::Bare(tweet) => tweet,
        };
        sink(item(index, tweet, notes))
    })
}

fn item(index: usize, tweet: Tweet, notes: &NoteTweets) -> Item {
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
    let mut text = tweet.full_text.or(tweet.text).unwrap_or_default();
    let mut tags: Vec<String> = tweet
        .entities
        .and_then(|e| e.hashtags)
        .map(|tags| tags.into_iter().map(|h| h.text).collect())
        .unwrap_or_default();
    if let Some((full, note_tags)) = notes.of(at.timestamp(), &text) {
        text.clone_from(full);
        tags.extend(note_tags.iter().cloned());
    }
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
        tags,
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
        super::super::post::collect(|sink| read(text.as_bytes(), &NoteTweets::default(), sink))
    }

    #[test]
    fn long_posts_get_their_full_text_and_tags_from_the_notes() {
        let mut notes = NoteTweets::default();
        let note_file = r#"window.YTD.note_tweet.part0 = [
  {"noteTweet": {"noteTweetId": "1700000000000000009", "createdAt": "2023-09-30T23:30:00.000Z",
    "core": {"text": "Long & thoughtful post about school life that goes on and on well past the limit #OnnellisenArjenTekijät",
             "hashtags": [{"text": "OnnellisenArjenTekijät"}]}}},
  {"noteTweet": {"noteTweetId": "1700000000000000010", "createdAt": "2023-09-30T23:30:00.000Z",
    "core": {"text": "Another long post in the same second", "hashtags": []}}}
]"#;
        notes.read(note_file.as_bytes()).map_err(|_| ()).unwrap();
        let tweets = r#"window.YTD.tweets.part0 = [
  {"tweet": {"id_str": "1", "created_at": "Sat Sep 30 23:30:00 +0000 2023",
    "full_text": "Long &amp; thoughtful post about school life that goes on… https://t.co/x"}},
  {"tweet": {"id_str": "2", "created_at": "Sat Sep 30 23:30:00 +0000 2023",
    "full_text": "A short one"}}
]"#;
        let items =
            super::super::post::collect(|sink| read(tweets.as_bytes(), &notes, sink)).unwrap();
        let [Item::Post(long), Item::Post(short)] = &items[..] else {
            panic!("{items:?}")
        };
        assert!(
            long.text.ends_with("#OnnellisenArjenTekijät"),
            "{}",
            long.text
        );
        assert_eq!(long.tags, ["OnnellisenArjenTekijät"]);
        assert_eq!(short.text, "A short one");
        let err = super::super::post::collect(|sink| {
            read(note_file.as_bytes(), &NoteTweets::default(), sink)
        })
        .unwrap_err();
        assert!(err.contains("note-tweet.js"), "{err}");
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
