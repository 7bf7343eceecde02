//! Finding a programme's hashtags in post text: where a tag starts and ends follows
//! twitter-text (the rules X links tags by, which Mastodon, LinkedIn and Facebook follow
//! closely); tags compare case-insensitively with Unicode folding and normalisation, whole
//! tags only (`#Tag.` counts, `#TagVaasa` does not).

use std::borrow::Cow;
use std::cell::RefCell;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::text::{fold, in_tag, tag_letter};

/// The tags of a programme (hashtags and accepted spellings), ready for matching.
#[derive(Debug, Clone, Default)]
pub struct TagSet {
    /// (folded form without '#', the tag as the programme spells it)
    tags: Vec<(String, String)>,
    /// The last tag list looked up without text, and the indexes of the tags it carries:
    /// the rows of an import mostly repeat the same list.
    last_listed: RefCell<Option<(Vec<String>, Vec<usize>)>>,
}

impl TagSet {
    pub fn new<'a>(tags: impl IntoIterator<Item = &'a str>) -> TagSet {
        let mut set = TagSet::default();
        for tag in tags {
            let key = key(tag);
            if !key.is_empty() && !set.tags.iter().any(|(k, _)| *k == key) {
                set.tags.push((key, tag.to_string()));
            }
        }
        set
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    /// The programme's tags that `text` or the platform's own tag list carries, in the
    /// programme's spelling, each once.
    pub fn find<'a>(&'a self, text: &str, listed: &[String]) -> Vec<&'a str> {
        if !text.is_empty() {
            return self.find_uncached(text, listed);
        }
        let mut memo = self.last_listed.borrow_mut();
        if let Some((seen, found)) = memo.as_ref()
            && seen == listed
        {
            return found.iter().map(|&i| self.tags[i].1.as_str()).collect();
        }
        let found = self.find_uncached("", listed);
        let indexes = found
            .iter()
            .filter_map(|f| self.tags.iter().position(|(_, tag)| tag == f))
            .collect();
        *memo = Some((listed.to_vec(), indexes));
        found
    }

    fn find_uncached<'a>(&'a self, text: &str, listed: &[String]) -> Vec<&'a str> {
        let mut found: Vec<&str> = Vec::new();
        let mut consider = |candidate: String| {
            if let Some((_, tag)) = self.tags.iter().find(|(k, _)| *k == candidate)
                && !found.contains(&tag.as_str())
            {
                found.push(tag);
            }
        };
        for tag in in_text(text) {
            consider(tag);
        }
        for tag in listed {
            consider(key(tag));
        }
        found
    }
}

/// A tag in the form it is compared: folded, without the leading '#'.
fn key(tag: &str) -> String {
    fold(tag.trim().trim_start_matches('#'))
}

/// The hash signs twitter-text knows: `#` and the full-width `＃` of CJK keyboards.
fn is_hash_sign(c: char) -> bool {
    c == '#' || c == '＃'
}

/// Whether a hashtag may start right after `before`: anything but a tag character or `&`
/// (`sana#tag`, `&#39;`), and always after an emoji's variation selector (`✌️#tag`).
fn starts_a_tag(before: char) -> bool {
    before == '\u{fe0e}' || before == '\u{fe0f}' || (!in_tag(before) && before != '&')
}

/// Whether the word before a hash sign is a web address the sign belongs to
/// (`https://vaasa.fi/#tag`, `vaasa.fi/#tag`): twitter-text drops tags inside links.
fn inside_a_link(word: &str) -> bool {
    if word.contains("://") {
        return true;
    }
    let Some((host, _)) = word.split_once('/') else {
        return false;
    };
    let host = host.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.')
}

/// Every hashtag in the text, folded and without '#', by twitter-text's rules (what X
/// links as a tag): a hash sign not inside a word, a link or `&…;`, then a run of letters,
/// marks, digits and `_` with at least one letter, not followed by another hash sign or
/// `://`. So `😍#tag`, `。#タグ` and `(#tag)` are tags; `#2023`, `sana#tag` and
/// `vaasa.fi/#tag` are not.
pub fn in_text(text: &str) -> Vec<String> {
    if !text.contains(is_hash_sign) {
        return Vec::new();
    }
    // Most posts are NFC already: then the text is read as it is, not copied.
    let normalized: Cow<'_, str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    };
    let normalized = normalized.as_ref();
    let mut tags = Vec::new();
    // Only the hash signs and what follows them are looked at closely.
    let mut next = 0;
    while let Some(found) = normalized[next..].find(is_hash_sign) {
        let at = next + found;
        let c = normalized[at..].chars().next().unwrap_or('#');
        let from = at + c.len_utf8();
        next = from;
        if normalized[..at]
            .chars()
            .next_back()
            .is_some_and(|before| !starts_a_tag(before))
        {
            continue;
        }
        let rest = &normalized[from..];
        if rest.starts_with(['\u{fe0f}', '\u{20e3}']) {
            continue; // a keycap emoji (#️⃣), not a tag
        }
        let to = from + rest.find(|c: char| !in_tag(c)).unwrap_or(rest.len());
        if !normalized[from..to].chars().any(tag_letter) {
            continue;
        }
        next = to;
        let after = &normalized[to..];
        if after.starts_with(is_hash_sign) || after.starts_with("://") {
            continue;
        }
        let word_start = normalized[..at]
            .rfind(char::is_whitespace)
            .map_or(0, |space| {
                space + normalized[space..].chars().next().map_or(1, char::len_utf8)
            });
        if inside_a_link(&normalized[word_start..at]) {
            continue;
        }
        tags.push(fold(&normalized[from..to]));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme() -> TagSet {
        TagSet::new(["#OnnellisenArjenTekijät", "#OnnellisenArjenTekijat"])
    }

    #[test]
    fn a_listed_tag_list_gives_the_same_answer_when_it_comes_again() {
        let set = programme();
        let list = |tags: &[&str]| tags.iter().map(|t| t.to_string()).collect::<Vec<_>>();
        let both = list(&[
            "#Vaasa",
            "#onnellisenarjentekijat",
            "#OnnellisenArjenTekijät",
        ]);
        let other = list(&["#Vaasa"]);
        for _ in 0..2 {
            assert_eq!(
                set.find("", &both),
                ["#OnnellisenArjenTekijat", "#OnnellisenArjenTekijät"]
            );
            assert!(set.find("", &other).is_empty());
            assert!(set.find("", &[]).is_empty());
        }
        assert_eq!(
            set.find("#OnnellisenArjenTekijät", &other),
            ["#OnnellisenArjenTekijät"]
        );
    }

    #[test]
    fn whole_tags_match_with_punctuation_after_them() {
        let set = programme();
        for text in [
            "Hyvää huomenta #OnnellisenArjenTekijät",
            "#OnnellisenArjenTekijät. Seuraava",
            "Kiitos! #OnnellisenArjenTekijät!",
            "(#onnellisenarjentekijät)",
            "#ONNELLISENARJENTEKIJÄT,#Vaasa",
        ] {
            assert_eq!(set.find(text, &[]), ["#OnnellisenArjenTekijät"], "{text}");
        }
    }

    #[test]
    fn longer_tags_and_plain_words_do_not_match() {
        let set = programme();
        for text in [
            "#OnnellisenArjenTekijätVaasa",
            "OnnellisenArjenTekijät without the hash",
            "#OnnellisenArjen Tekijät",
            "#OnnellisenArjenTekijät_2023",
            "",
            "#",
        ] {
            assert!(set.find(text, &[]).is_empty(), "{text}");
        }
    }

    #[test]
    fn decomposed_letters_and_accepted_spellings_match() {
        let set = programme();
        assert_eq!(
            set.find("#OnnellisenArjenTekija\u{308}t", &[]),
            ["#OnnellisenArjenTekijät"]
        );
        assert_eq!(
            set.find("#onnellisenarjentekijat", &[]),
            ["#OnnellisenArjenTekijat"]
        );
        let both = set.find("#OnnellisenArjenTekijat ja #OnnellisenArjenTekijät", &[]);
        assert_eq!(both, ["#OnnellisenArjenTekijat", "#OnnellisenArjenTekijät"]);
    }

    #[test]
    fn the_platforms_own_tag_list_counts_too() {
        let set = programme();
        let listed = vec!["onnellisenarjentekijät".to_string()];
        assert_eq!(
            set.find("no tag in the text", &listed),
            ["#OnnellisenArjenTekijät"]
        );
    }

    #[test]
    fn in_text_finds_every_tag() {
        assert_eq!(
            in_text("#a b #Cd, #é_1! #x (#y)"),
            ["a", "cd", "é_1", "x", "y"]
        );
    }

    #[test]
    fn a_hash_inside_a_word_or_address_is_no_tag() {
        let set = programme();
        for text in [
            "https://www.vaasa.fi/#OnnellisenArjenTekijät",
            "sana#OnnellisenArjenTekijät",
            "&#OnnellisenArjenTekijät",
            "#Vaasa#OnnellisenArjenTekijät",
        ] {
            assert!(set.find(text, &[]).is_empty(), "{text}");
        }
        assert_eq!(
            set.find("\"#OnnellisenArjenTekijät\"", &[]),
            ["#OnnellisenArjenTekijät"]
        );
    }

    #[test]
    fn tags_right_after_emoji_and_cjk_punctuation_are_found() {
        assert_eq!(
            in_text("Going home ✌🏼\u{fe0f}#VisitMoldova"),
            ["visitmoldova"]
        );
        assert_eq!(in_text("so happy😍#warriorofmithila"), ["warriorofmithila"]);
        assert_eq!(in_text("日本語。#タグ"), ["タグ"]);
        assert_eq!(in_text("できた！＃日本語"), ["日本語"]);
        // A tag right after a CJK letter is no tag to X (Mastodon links it all the same).
        assert!(in_text("吃饭#喵呜").is_empty());
        assert!(in_text("#2023 #_ #️⃣ #a#b").is_empty());
        assert_eq!(in_text("##tag #tag##x"), ["tag", "x"]);
    }

    #[derive(serde::Deserialize)]
    struct Conformance {
        tests: Sections,
    }

    #[derive(serde::Deserialize)]
    struct Sections {
        hashtags: Vec<Case>,
        hashtags_from_astral: Vec<Case>,
    }

    #[derive(serde::Deserialize)]
    struct Case {
        description: String,
        text: String,
        expected: Vec<String>,
    }

    /// Every word after a hash sign, as someone might configure it as a programme tag.
    fn tag_candidates(text: &str) -> Vec<String> {
        text.split(is_hash_sign)
            .skip(1)
            .flat_map(|after| {
                let word: String = after.chars().take_while(|c| !c.is_whitespace()).collect();
                let run: String = after.chars().take_while(|&c| in_tag(c)).collect();
                [word, run]
            })
            .filter(|w| !w.is_empty())
            .collect()
    }

    /// twitter-text's conformance suite, read from ../shared (never copied into the repo).
    #[test]
    fn twitter_text_conformance_hashtags() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../shared/conformance/twitter-text/extract.yml");
        let Ok(yaml) = std::fs::read_to_string(&path) else {
            eprintln!(
                "note: {} is absent; conformance not checked",
                path.display()
            );
            return;
        };
        let suite: Conformance = serde_yaml_ng::from_str(&yaml).expect("extract.yml parses");
        let cases: Vec<&Case> = suite
            .tests
            .hashtags
            .iter()
            .chain(&suite.tests.hashtags_from_astral)
            .collect();
        assert!(cases.len() > 60, "{} cases", cases.len());
        for case in cases {
            let what = format!("{}: {:?}", case.description, case.text);
            let expected: Vec<String> = case.expected.iter().map(|t| fold(t)).collect();
            assert_eq!(in_text(&case.text), expected, "{what}");
            if case.expected.is_empty() {
                let candidates = tag_candidates(&case.text);
                let set = TagSet::new(candidates.iter().map(String::as_str));
                assert!(
                    set.find(&case.text, &[]).is_empty(),
                    "{what}: {candidates:?}"
                );
            } else {
                for tag in &case.expected {
                    let set = TagSet::new([format!("#{tag}").as_str()]);
                    assert_eq!(set.find(&case.text, &[]).len(), 1, "{what}: #{tag}");
                }
            }
        }
    }
}
