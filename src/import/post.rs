//! What the platform parsers produce: posts found in an export, read one at a time, and the
//! plumbing that streams JSON arrays element by element (memory does not grow with the file).

use std::cell::RefCell;
use std::fmt;
use std::io::{BufReader, Read};
use std::marker::PhantomData;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use sha2::{Digest, Sha256};

use super::limits::{Bounded, EntryBound};
use crate::domain::{Channel, METRIC, Metrics};
use serde_json::Value;

/// A post's kind: the ambassador's own post, or a share/retweet/boost of someone's post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostKind {
    Post,
    Share,
}

/// One post found in an export.
#[derive(Debug, Clone, PartialEq)]
pub struct Post {
    pub channel: Channel,
    pub kind: PostKind,
    pub at: DateTime<Utc>,
    pub url: Option<String>,
    /// The platform's id of the post; for a post without one, its time and a hash of its text.
    pub key: String,
    pub text: String,
    /// Hashtags the platform lists for the post, beside those in its text.
    pub tags: Vec<String>,
    pub metrics: Metrics,
    /// For a boost: the id or URL of the boosted post.
    pub boost_of: Option<String>,
}

impl Post {
    /// Where the post is, as a message names it: its id, shortened and escaped.
    pub fn key_place(&self) -> String {
        let short: String = self.key.chars().take(60).collect();
        format!("the post {}", short.escape_debug())
    }

    /// The key of a post that has no id of its own: its time and a hash of its text.
    pub fn key_from_content(at: DateTime<Utc>, text: &str) -> String {
        let digest = Sha256::digest(text.as_bytes());
        let hash: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
        format!("{}:{hash}", at.timestamp())
    }
}

/// What a parser hands over for each entry of the export.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Post(Post),
    /// An entry that cannot be used (no date, say): counted and reported, not imported.
    Rejected {
        place: String,
        reason: String,
    },
    /// An entry holding a value amb refuses (a count out of bounds, a control character):
    /// the export is refused as a whole, naming every such entry, and nothing is imported.
    Invalid {
        place: String,
        reason: String,
    },
}

/// Why reading an export stopped.
#[derive(Debug)]
pub enum ReadError {
    /// The file is not what its format says: where and what.
    Malformed(String),
    /// Reading the file or storing an item failed.
    Failed(anyhow::Error),
}

impl From<std::io::Error> for ReadError {
    fn from(err: std::io::Error) -> Self {
        ReadError::Failed(err.into())
    }
}

/// Receives items as a parser reads them.
pub type Sink<'a> = dyn FnMut(Item) -> anyhow::Result<()> + 'a;

/// Calls `each` on every element of the JSON array that `reader` holds (or, with `field`, of
/// the array under that key of the top-level object), without reading the whole file first.
pub fn for_each_element<T, R>(
    reader: R,
    field: Option<&str>,
    each: &mut dyn FnMut(usize, T) -> anyhow::Result<()>,
) -> Result<(), ReadError>
where
    T: DeserializeOwned,
    R: Read,
{
    let mut failed: Option<anyhow::Error> = None;
    let bound = Rc::new(RefCell::new(EntryBound::new("entry")));
    // serde_json asks for one byte at a time: the buffer turns that into one system call
    // per 64 KiB.
    let reader = Bounded::new(
        BufReader::with_capacity(64 * 1024, reader),
        Rc::clone(&bound),
    );
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let result = {
        let elements = Elements::<T> {
            each: &mut *each,
            failed: &mut failed,
            bound: &bound,
            _item: PhantomData,
        };
        match field {
            None => de::Deserializer::deserialize_seq(&mut deserializer, elements),
            Some(name) => de::Deserializer::deserialize_map(
                &mut deserializer,
                Field {
                    name,
                    elements,
                    found: false,
                },
            ),
        }
    };
    if let Some(err) = failed {
        return Err(ReadError::Failed(err));
    }
    let too_long = || bound.borrow().exceeded();
    let malformed = |err: serde_json::Error| match too_long() {
        Some(why) => ReadError::Malformed(why),
        None => json_error(&err),
    };
    result.map_err(malformed)?;
    deserializer.end().map_err(malformed)?;
    Ok(())
}

/// A JSON error with where it happened.
pub fn json_error(err: &serde_json::Error) -> ReadError {
    if err.is_io() {
        return ReadError::Failed(anyhow::anyhow!("cannot read the file: {err}"));
    }
    let message = err.to_string();
    // serde_json appends " at line L column C"; say it first, as everywhere else.
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(what, _)| what);
    ReadError::Malformed(format!(
        "line {}, column {}: {message}",
        err.line(),
        err.column()
    ))
}

struct Elements<'a, T> {
    each: &'a mut dyn FnMut(usize, T) -> anyhow::Result<()>,
    failed: &'a mut Option<anyhow::Error>,
    /// Told where each element starts, so that no one element grows past the limit.
    bound: &'a RefCell<EntryBound>,
    _item: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Elements<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut index = 0;
        loop {
            self.bound.borrow_mut().start();
            let element = seq.next_element::<T>()?;
            // Between and around the elements nothing is kept, so nothing is counted.
            self.bound.borrow_mut().pause();
            let Some(element) = element else {
                break;
            };
            if let Err(err) = (self.each)(index, element) {
                *self.failed = Some(err);
                return Err(de::Error::custom("stopped"));
            }
            index += 1;
        }
        Ok(())
    }
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for Elements<'_, T> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

struct Field<'a, 'n, T> {
    name: &'n str,
    elements: Elements<'a, T>,
    found: bool,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Field<'_, '_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a JSON object with \"{}\"", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let bound = self.elements.bound;
        // Mastodon 4.3 writes "orderedItems" twice, an empty array first
        // (mastodon/mastodon#31091): the key may come again while nothing was taken yet.
        let mut taken = 0usize;
        loop {
            // A key is kept while it is read; a value passed over (IgnoredAny) is not.
            bound.borrow_mut().start();
            let key = map.next_key::<String>()?;
            bound.borrow_mut().pause();
            let Some(key) = key else {
                break;
            };
            if key != self.name {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            if self.found && taken > 0 {
                let mut more = 0usize;
                map.next_value_seed(CountOnly { count: &mut more })?;
                if more > 0 {
                    return Err(de::Error::custom(format!(
                        "the file has \"{}\" twice, both with entries; which one holds the posts is unclear",
                        self.name
                    )));
                }
                continue;
            }
            self.found = true;
            let inner = &mut *self.elements.each;
            let mut each = |index: usize, element: T| {
                taken += 1;
                inner(index, element)
            };
            map.next_value_seed(Elements::<T> {
                each: &mut each,
                failed: &mut *self.elements.failed,
                bound,
                _item: PhantomData,
            })?;
        }
        if self.found {
            Ok(())
        } else {
            Err(de::Error::custom(format!(
                "no \"{}\" in the file",
                self.name
            )))
        }
    }
}

/// A count that exports write as a number or as a string of digits; a count that is not
/// a whole number within [`METRIC`] keeps the reason it is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LenientCount(pub Result<Option<i64>, String>);

/// Counts the elements of an array without keeping them; any other value is passed over.
struct CountOnly<'c> {
    count: &'c mut usize,
}

impl<'de> Visitor<'de> for CountOnly<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {
            *self.count += 1;
        }
        Ok(())
    }

    // Anything but an array holds no entries: passed over.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
}

impl<'de> DeserializeSeed<'de> for CountOnly<'_> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::Deserialize<'de> for LenientCount {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(LenientCount(json_count(&Value::deserialize(d)?)))
    }
}

/// Reads a count from a JSON value: a number or a string of digits within [`METRIC`];
/// null, a missing field or an empty string is not known.
pub fn json_count(value: &Value) -> Result<Option<i64>, String> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) if text.trim().is_empty() => Ok(None),
        Value::String(text) => METRIC.parse(text).map(Some),
        Value::Number(n) => METRIC.parse(&n.to_string()).map(Some),
        other => Err(METRIC.refusal(&other.to_string())),
    }
}

/// A post's figures from its named fields, or the first refusal, naming its field.
pub fn figures<const N: usize>(
    fields: [(&str, Result<Option<i64>, String>); N],
) -> Result<[Option<i64>; N], String> {
    let mut values = [None; N];
    for (slot, (name, value)) in values.iter_mut().zip(fields) {
        *slot = value.map_err(|why| format!("{name} {why}"))?;
    }
    Ok(values)
}

/// Every item a parser reads, or the reason it stopped (for tests).
#[cfg(test)]
pub fn collect(
    read: impl FnOnce(&mut Sink<'_>) -> Result<(), ReadError>,
) -> Result<Vec<Item>, String> {
    let mut items = Vec::new();
    read(&mut |item| {
        items.push(item);
        Ok(())
    })
    .map_err(|err| match err {
        ReadError::Malformed(m) => m,
        ReadError::Failed(e) => e.to_string(),
    })?;
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str, field: Option<&str>) -> Result<Vec<(usize, i64)>, String> {
        let mut seen = Vec::new();
        for_each_element::<i64, _>(text.as_bytes(), field, &mut |i, n| {
            seen.push((i, n));
            Ok(())
        })
        .map_err(|err| match err {
            ReadError::Malformed(m) => m,
            ReadError::Failed(e) => format!("failed: {e}"),
        })?;
        Ok(seen)
    }

    #[test]
    fn streams_a_top_level_array_or_one_under_a_key() {
        assert_eq!(collect("[1, 2, 3]", None), Ok(vec![(0, 1), (1, 2), (2, 3)]));
        assert_eq!(
            collect(
                r#"{"a": {"x": [9]}, "items": [4, 5], "z": null}"#,
                Some("items")
            ),
            Ok(vec![(0, 4), (1, 5)])
        );
    }

    #[test]
    fn a_repeated_key_after_an_empty_array_gives_the_full_one() {
        let mastodon_4_3 = r#"{"orderedItems": [], "totalItems": 2, "orderedItems": [4, 5]}"#;
        assert_eq!(
            collect(mastodon_4_3, Some("orderedItems")),
            Ok(vec![(0, 4), (1, 5)])
        );
        let full_then_empty = r#"{"orderedItems": [4], "orderedItems": []}"#;
        assert_eq!(
            collect(full_then_empty, Some("orderedItems")),
            Ok(vec![(0, 4)])
        );
        let err = collect(r#"{"items": [1], "items": [2]}"#, Some("items")).unwrap_err();
        assert!(err.contains("twice"), "{err}");
    }

    #[test]
    fn broken_json_says_where() {
        let err = collect("[1,\n 2,\n x]", None).unwrap_err();
        assert!(err.starts_with("line 3, column 2"), "{err}");
        let err = collect(r#"{"other": []}"#, Some("items")).unwrap_err();
        assert!(err.contains("no \"items\""), "{err}");
        assert!(collect("[1] [2]", None).unwrap_err().contains("trailing"));
        assert!(collect("", None).is_err());
    }

    #[test]
    fn an_entry_past_the_limit_is_refused_with_a_short_excerpt() {
        let huge = "x".repeat(crate::import::limits::MAX_ENTRY_BYTES as usize);
        let text = format!("[1,\n 2,\n \"{huge}\", 4]");
        let err = collect(&text, None).unwrap_err();
        assert!(
            err.starts_with("line 3: the entry is longer than 1 MiB"),
            "{err}"
        );
        assert!(err.len() < 200, "{err}");
        // Many entries just under the limit are fine.
        let big = "y".repeat(crate::import::limits::MAX_ENTRY_BYTES as usize - 10);
        let text = format!("[\"{big}\",\n \"{big}\", \"{big}\"]");
        let mut count = 0;
        let result = for_each_element::<String, _>(text.as_bytes(), None, &mut |_, _| {
            count += 1;
            Ok(())
        });
        assert!(result.is_ok());
        assert_eq!(count, 3);
    }

    #[test]
    fn a_long_value_passed_over_is_not_an_entry() {
        let skipped = "s".repeat(2 * crate::import::limits::MAX_ENTRY_BYTES as usize);
        let text = format!("{{\"a\": \"{skipped}\", \"items\": [1], \"items\": \"{skipped}\"}}");
        assert_eq!(collect(&text, Some("items")), Ok(vec![(0, 1)]));
        let text = format!("{{\"{skipped}\": 1, \"items\": [1]}}");
        let err = collect(&text, Some("items")).unwrap_err();
        assert!(
            err.starts_with("line 1: the entry is longer than 1 MiB"),
            "{err}"
        );
    }

    #[test]
    fn an_error_from_the_receiver_stops_the_reading() {
        let mut calls = 0;
        let result = for_each_element::<i64, _>("[1, 2, 3]".as_bytes(), None, &mut |_, _| {
            calls += 1;
            anyhow::bail!("disk full")
        });
        assert!(matches!(result, Err(ReadError::Failed(e)) if e.to_string() == "disk full"));
        assert_eq!(calls, 1);
    }

    #[test]
    fn counts_come_as_numbers_or_strings_within_bounds() {
        let counts: Vec<LenientCount> = serde_json::from_str(
            r#"[3, "17", " ", null, 1000000000000, "x", -1, 1e20, 1000000000001, 2.5, true, 18446744073709551616]"#,
        )
        .unwrap();
        let values: Vec<_> = counts.into_iter().map(|c| c.0).collect();
        assert_eq!(
            values[..5],
            [
                Ok(Some(3)),
                Ok(Some(17)),
                Ok(None),
                Ok(None),
                Ok(Some(1_000_000_000_000))
            ]
        );
        for refused in &values[5..] {
            let why = refused.as_ref().unwrap_err();
            assert!(
                why.ends_with("is not a whole number from 0 to 1000000000000"),
                "{why}"
            );
        }
        let err = figures([
            ("likes", Ok(Some(1))),
            ("shares", Err("\"-1\" is bad".to_string())),
        ]);
        assert_eq!(err, Err("shares \"-1\" is bad".to_string()));
        assert_eq!(
            figures([("likes", Ok(Some(1))), ("shares", Ok(None))]),
            Ok([Some(1), None])
        );
    }
}
