//! Mastodon `outbox.json` (ActivityStreams): `orderedItems[]` of `Create` activities whose
//! object is a Note (`published`, `url`, HTML `content`, hashtags in `tag[]`), and `Announce`
//! activities (boosts) whose object is the boosted post's id. Direct messages (addressed
//! neither to the public nor to the followers) and boosts of one's own posts are no posts of
//! their own and are skipped.

use std::io::Read;

use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;

use super::post::{Item, Post, PostKind, ReadError, Sink, figures, for_each_element, json_count};
use crate::domain::{Channel, Metrics};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Activity {
    #[serde(rename = "type")]
    kind: Option<String>,
    id: Option<String>,
    actor: Option<String>,
    published: Option<String>,
    to: Value,
    cc: Value,
    object: Value,
}

impl Activity {
    /// A direct message: addressed (even to nobody), but neither to the public nor to the
    /// followers. An activity without any addressing is taken as a post.
    fn is_direct(&self) -> bool {
        if self.to.is_null() && self.cc.is_null() {
            return false;
        }
        let audience: Vec<&str> = [&self.to, &self.cc]
            .into_iter()
            .flat_map(|v| match v {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            })
            .collect();
        !audience.iter().any(|a| {
            a.ends_with("#Public")
                || *a == "as:Public"
                || *a == "Public"
                || a.ends_with("/followers")
        })
    }

    /// A boost of the actor's own post.
    fn boosts_own_post(&self, boosted: Option<&str>) -> bool {
        match (&self.actor, boosted) {
            (Some(actor), Some(boosted)) => boosted
                .strip_prefix(actor.as_str())
                .is_some_and(|rest| rest.starts_with('/')),
            _ => false,
        }
    }
}

/// Reads every post and boost of the outbox into `sink`; other activities are skipped.
pub fn read(input: impl Read, sink: &mut Sink<'_>) -> Result<(), ReadError> {
    for_each_element::<Activity, _>(
        input,
        Some("orderedItems"),
        &mut |index, activity| match item(index, activity) {
            Some(item) => sink(item),
            None => Ok(()),
        },
    )
}

fn text_of(value: &Value) -> Option<String> {
    value.as_str().map(str::to_string)
}

fn item(index: usize, activity: Activity) -> Option<Item> {
    let place = format!("orderedItems[{index}]");
    let reject = |reason: &str| {
        Some(Item::Rejected {
            place: place.clone(),
            reason: reason.to_string(),
        })
    };
    let kind = match activity.kind.as_deref() {
        Some("Create") => PostKind::Post,
        Some("Announce") => PostKind::Share,
        _ => return None,
    };
    if kind == PostKind::Post && activity.is_direct() {
        return None;
    }
    let object = &activity.object;
    // A boost is dated when it was boosted, not when the boosted post was written.
    let published = match kind {
        PostKind::Share => activity
            .published
            .clone()
            .or_else(|| text_of(&object["published"])),
        PostKind::Post => text_of(&object["published"]).or(activity.published.clone()),
    };
    let Some(published) = published else {
        return reject("it has no published time");
    };
    let Ok(at) = DateTime::parse_from_rfc3339(&published) else {
        return reject("its published time is not an ISO date and time");
    };
    let at = at.with_timezone(&Utc);
    if kind == PostKind::Share {
        // The object of a boost is the boosted post's id (or, rarely, the post itself).
        let boosted = text_of(object).or_else(|| text_of(&object["id"]));
        if activity.boosts_own_post(boosted.as_deref()) {
            return None;
        }
        let Some(key) = activity.id.clone().or_else(|| boosted.clone()) else {
            return reject("the boost has no id");
        };
        return Some(Item::Post(Post {
            channel: Channel::Mastodon,
            kind,
            at,
            url: None,
            key,
            text: String::new(),
            tags: Vec::new(),
            metrics: Metrics::default(),
            boost_of: boosted,
        }));
    }
    let Some(key) = text_of(&object["id"]).or(activity.id) else {
        return reject("the post has no id");
    };
    let tags = object["tag"]
        .as_array()
        .map(|tags| {
            tags.iter()
                .filter(|t| t["type"] == "Hashtag")
                .filter_map(|t| text_of(&t["name"]))
                .collect()
        })
        .unwrap_or_default();
    let figures = figures([
        (
            "likes.totalItems",
            json_count(&object["likes"]["totalItems"]),
        ),
        (
            "shares.totalItems",
            json_count(&object["shares"]["totalItems"]),
        ),
    ]);
    let [reactions, shares] = match figures {
        Ok(values) => values,
        Err(reason) => return Some(Item::Invalid { place, reason }),
    };
    Some(Item::Post(Post {
        channel: Channel::Mastodon,
        kind,
        at,
        url: text_of(&object["url"]).or_else(|| Some(key.clone())),
        key,
        text: html_to_text(&text_of(&object["content"]).unwrap_or_default()),
        tags,
        metrics: Metrics {
            reactions,
            shares,
            ..Metrics::default()
        },
        boost_of: None,
    }))
}

/// The text of a post's HTML: tags dropped (paragraphs and breaks become line ends) and
/// character references decoded.
pub fn html_to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..start]));
        let Some(end) = rest[start..].find('>') else {
            rest = &rest[start..];
            break;
        };
        let tag = rest[start + 1..start + end]
            .trim_start_matches('/')
            .to_ascii_lowercase();
        if tag.starts_with("br")
            || tag.starts_with('p') && (tag.len() == 1 || tag.as_bytes()[1].is_ascii_whitespace())
        {
            text.push('\n');
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(&decode_entities(rest));
    text.trim().to_string()
}

fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let decoded = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" | "#39" => Some('\''),
                "nbsp" => Some(' '),
                _ if name.starts_with("#x") || name.starts_with("#X") => {
                    u32::from_str_radix(&name[2..], 16)
                        .ok()
                        .and_then(char::from_u32)
                }
                _ if name.starts_with('#') => name[1..].parse().ok().and_then(char::from_u32),
                _ => None,
            };
            c.map(|c| (c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_text() {
        assert_eq!(
            html_to_text(
                r#"<p>Hyvää huomenta &amp; tervetuloa!</p><p><a href="https://mastodon.example/tags/OnnellisenArjenTekij%C3%A4t" class="mention hashtag" rel="tag">#<span>OnnellisenArjenTekijät</span></a> &#8211; &lt;3</p>"#
            ),
            "Hyvää huomenta & tervetuloa!\n\n#OnnellisenArjenTekijät – <3"
        );
        assert_eq!(html_to_text("a<br/>b<br>c"), "a\nb\nc");
        assert_eq!(html_to_text("broken <a href"), "broken <a href");
        assert_eq!(html_to_text("&unknown; & &#xZZ;"), "&unknown; & &#xZZ;");
    }

    #[test]
    fn reads_posts_and_boosts_and_skips_other_activities() {
        let text = r##"{"@context": "https://www.w3.org/ns/activitystreams", "type": "OrderedCollection",
          "orderedItems": [
            {"type": "Create", "id": "https://mastodon.example/users/aino/statuses/1/activity", "published": "2022-11-02T06:15:00Z",
             "object": {"type": "Note", "id": "https://mastodon.example/users/aino/statuses/1", "url": "https://mastodon.example/@aino/1",
                        "published": "2022-11-02T06:15:00Z", "content": "<p>Koulun arkea #<span>OnnellisenArjenTekijät</span></p>",
                        "tag": [{"type": "Hashtag", "name": "#OnnellisenArjenTekijät"}, {"type": "Mention", "name": "@x"}],
                        "likes": {"totalItems": 4}, "shares": {"totalItems": 2}}},
            {"type": "Announce", "id": "https://mastodon.example/users/aino/statuses/2/activity", "published": "2022-11-03T10:00:00Z",
             "object": "https://mastodon.example/users/aino/statuses/1"},
            {"type": "Follow", "id": "x", "object": "y"},
            {"type": "Create", "published": "2022-11-03T10:00:00Z", "to": ["https://mastodon.example/users/eero"], "cc": [],
             "object": {"type": "Note", "id": "dm", "content": "<p>#OnnellisenArjenTekijät just for you</p>"}},
            {"type": "Announce", "actor": "https://mastodon.example/users/aino", "published": "2022-11-04T10:00:00Z",
             "id": "https://mastodon.example/users/aino/statuses/3/activity", "object": "https://mastodon.example/users/aino/statuses/1"},
            {"type": "Create", "object": {"type": "Note", "id": "z"}}
          ]}"##;
        let mut items = Vec::new();
        read(text.as_bytes(), &mut |item| {
            items.push(item);
            Ok(())
        })
        .map_err(|_| ())
        .unwrap();
        assert_eq!(items.len(), 3, "{items:?}");
        let Item::Post(post) = &items[0] else {
            panic!()
        };
        assert_eq!(
            post.url.as_deref(),
            Some("https://mastodon.example/@aino/1")
        );
        assert_eq!(post.tags, ["#OnnellisenArjenTekijät"]);
        assert_eq!(post.metrics.reactions, Some(4));
        assert_eq!(post.text, "Koulun arkea #OnnellisenArjenTekijät");
        let Item::Post(boost) = &items[1] else {
            panic!()
        };
        assert_eq!(boost.kind, PostKind::Share);
        assert_eq!(
            boost.boost_of.as_deref(),
            Some("https://mastodon.example/users/aino/statuses/1")
        );
        assert!(matches!(&items[2], Item::Rejected { place, .. } if place == "orderedItems[5]"));
    }
}
