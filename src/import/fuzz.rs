//! Property tests: every parser, fed arbitrary bytes or a real export broken at random,
//! returns items or an error and never panics.

use proptest::prelude::*;

use super::post::{Item, ReadError};
use super::{activities, facebook, linkedin, mastodon, people, source, x};

type Parser = fn(&[u8]) -> Result<usize, ReadError>;

fn run(
    read: fn(&mut dyn std::io::Read, &mut super::post::Sink<'_>) -> Result<(), ReadError>,
    bytes: &[u8],
) -> Result<usize, ReadError> {
    let mut count = 0;
    let mut reader = bytes;
    read(&mut reader, &mut |item: Item| {
        count += 1;
        // An item is well formed: a post has a key.
        if let Item::Post(post) = &item {
            assert!(!post.key.is_empty());
        }
        Ok(())
    })?;
    Ok(count)
}

const PARSERS: &[(&str, Parser)] = &[
    ("linkedin", |b| run(|r, s| linkedin::read(r, s), b)),
    ("x", |b| {
        run(|r, s| x::read(r, &x::NoteTweets::default(), s), b)
    }),
    ("mastodon", |b| run(|r, s| mastodon::read(r, s), b)),
    ("facebook", |b| run(|r, s| facebook::read_facebook(r, s), b)),
    ("instagram", |b| {
        run(|r, s| facebook::read_instagram(r, s), b)
    }),
    ("activities csv", |b| {
        let reader =
            activities::Reader::new(b, &[]).map_err(|e| ReadError::Malformed(e.to_string()))?;
        Ok(reader.count())
    }),
    ("people csv", |b| {
        let reader = people::Reader::new(b).map_err(|e| ReadError::Malformed(e.to_string()))?;
        Ok(reader.count())
    }),
];

const FIXTURES: &[&[u8]] = &[
    include_bytes!("../../tests/fixtures/exports/linkedin/Shares.csv"),
    include_bytes!("../../tests/fixtures/exports/x/data/tweets.js"),
    include_bytes!("../../tests/fixtures/exports/mastodon/outbox.json"),
    include_bytes!("../../tests/fixtures/exports/facebook/posts/your_posts_1.json"),
    include_bytes!("../../tests/fixtures/exports/instagram/content/posts_1.json"),
    include_bytes!("../../tests/fixtures/exports/csv/activities.csv"),
    include_bytes!("../../tests/fixtures/people/intranet-form-fi.csv"),
];

/// A real export with a piece cut out, bytes overwritten, or the end cut off.
fn broken(fixture: &[u8], cut: usize, len: usize, junk: &[u8], truncate: bool) -> Vec<u8> {
    let mut bytes = fixture.to_vec();
    let at = cut % (bytes.len() + 1);
    let end = (at + len).min(bytes.len());
    bytes.splice(at..end, junk.iter().copied());
    if truncate {
        bytes.truncate(at);
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        for (_, parse) in PARSERS {
            let _ = parse(&bytes);
        }
        let _ = source::detect(&bytes);
    }

    #[test]
    fn broken_exports_never_panic(
        which in 0..FIXTURES.len(),
        cut in any::<usize>(),
        len in 0usize..64,
        junk in proptest::collection::vec(prop_oneof![any::<u8>(), Just(b'"'), Just(b'\n'), Just(b','), Just(b'{'), Just(b']'), Just(b'\\')], 0..16),
        truncate in any::<bool>(),
    ) {
        let bytes = broken(FIXTURES[which], cut, len, &junk, truncate);
        for (_, parse) in PARSERS {
            let _ = parse(&bytes);
        }
    }

    #[test]
    fn text_helpers_never_panic(text in "\\PC{0,200}") {
        let _ = super::mastodon::html_to_text(&text);
        let _ = crate::text::normalize_url(&text);
        let _ = crate::text::repair_mojibake(&text);
        let _ = crate::hashtags::in_text(&text);
        let _ = crate::dates::parse(&text);
    }
}

#[test]
fn every_fixture_parses_with_its_own_parser() {
    for (index, (name, parse)) in PARSERS.iter().enumerate() {
        let count = parse(FIXTURES[index]).unwrap_or_else(|err| match err {
            ReadError::Malformed(m) => panic!("{name}: {m}"),
            ReadError::Failed(e) => panic!("{name}: {e}"),
        });
        assert!(count > 0, "{name}");
    }
}
