//! Facebook `your_posts*.json` and Instagram `posts_1.json` from "Download your information".
//! Both write text as UTF-8 mis-decoded as Latin-1, which is repaired, and give posts no URL:
//! a post is identified by its time and a hash of its text.

use std::io::Read;

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::post::{Item, Post, PostKind, ReadError, Sink, for_each_element};
use crate::domain::{Channel, Metrics};
use crate::text::repair_mojibake;

#[derive(Deserialize, Default)]
#[serde(default)]
struct FacebookPost {
    timestamp: Option<i64>,
    data: Vec<FacebookData>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct FacebookData {
    post: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InstagramPost {
    media: Vec<InstagramMedia>,
    title: Option<String>,
    creation_timestamp: Option<i64>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct InstagramMedia {
    creation_timestamp: Option<i64>,
    title: Option<String>,
}

/// Reads every Facebook post of the file into `sink`.
pub fn read_facebook(input: impl Read, sink: &mut Sink<'_>) -> Result<(), ReadError> {
    for_each_element::<FacebookPost, _>(input, None, &mut |index, post| {
        let text: Vec<String> = post.data.into_iter().filter_map(|d| d.post).collect();
        sink(item(
            Channel::Facebook,
            index,
            post.timestamp,
            &text.join("\n"),
        ))
    })
}

/// Reads every Instagram post of the file into `sink`. A single-media post keeps its caption
/// and time only in `media[0]`.
pub fn read_instagram(input: impl Read, sink: &mut Sink<'_>) -> Result<(), ReadError> {
    for_each_element::<InstagramPost, _>(input, None, &mut |index, post| {
        let first = post.media.first();
        let timestamp = post
            .creation_timestamp
            .or_else(|| first.and_then(|m| m.creation_timestamp));
        let caption = post
            .title
            .filter(|t| !t.is_empty())
            .or_else(|| first.and_then(|m| m.title.clone()))
            .unwrap_or_default();
        sink(item(Channel::Instagram, index, timestamp, &caption))
    })
}

fn item(channel: Channel, index: usize, timestamp: Option<i64>, text: &str) -> Item {
    let place = format!("[{index}]");
    let Some(at) = timestamp.and_then(|t| DateTime::<Utc>::from_timestamp(t, 0)) else {
        return Item::Rejected {
            place,
            reason: "it has no valid timestamp".to_string(),
        };
    };
    let text = repair_mojibake(text);
    Item::Post(Post {
        channel,
        kind: PostKind::Post,
        at,
        url: None,
        key: Post::key_from_content(at, &text),
        text,
        tags: Vec::new(),
        metrics: Metrics::default(),
        boost_of: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posts(text: &str, facebook: bool) -> Vec<Item> {
        let mut items = Vec::new();
        let mut sink = |item| {
            items.push(item);
            Ok(())
        };
        let result = if facebook {
            read_facebook(text.as_bytes(), &mut sink)
        } else {
            read_instagram(text.as_bytes(), &mut sink)
        };
        assert!(result.is_ok());
        items
    }

    #[test]
    fn facebook_text_is_repaired_and_keyed_by_time_and_hash() {
        let items = posts(
            r#"[{"timestamp": 1667369700, "data": [{"post": "Hyv\u00c3\u00a4\u00c3\u00a4 huomenta #OnnellisenArjenTekij\u00c3\u00a4t"}], "title": "Aino M\u00c3\u00a4kel\u00c3\u00a4 updated her status."},
                {"timestamp": 1667369800, "attachments": []},
                {"data": [{"post": "no time"}]}]"#,
            true,
        );
        let Item::Post(post) = &items[0] else {
            panic!("{items:?}")
        };
        assert_eq!(post.text, "Hyvää huomenta #OnnellisenArjenTekijät");
        assert!(post.key.starts_with("1667369700:"), "{}", post.key);
        assert_eq!(post.url, None);
        assert!(matches!(&items[2], Item::Rejected { place, .. } if place == "[2]"));
    }

    #[test]
    fn instagram_single_media_posts_keep_caption_and_time_in_the_media() {
        let items = posts(
            r#"[{"media": [{"uri": "media/posts/202211/1.jpg", "creation_timestamp": 1667369700, "title": "P\u00c3\u00a4iv\u00c3\u00a4kodin arkea #OnnellisenArjenTekij\u00c3\u00a4t"}]},
                {"media": [{"uri": "a.jpg", "creation_timestamp": 1}, {"uri": "b.jpg"}], "title": "Karuselli", "creation_timestamp": 1667456100}]"#,
            false,
        );
        let Item::Post(single) = &items[0] else {
            panic!()
        };
        assert_eq!(single.text, "Päiväkodin arkea #OnnellisenArjenTekijät");
        assert_eq!(single.at.timestamp(), 1667369700);
        let Item::Post(carousel) = &items[1] else {
            panic!()
        };
        assert_eq!(carousel.text, "Karuselli");
        assert_eq!(carousel.at.timestamp(), 1667456100);
    }
}
