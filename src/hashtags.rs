//! Finding a programme's hashtags in post text: case-insensitive with Unicode folding and
//! normalisation, whole tags only (`#Tag.` counts, `#TagVaasa` does not).

use std::cell::RefCell;

use unicode_normalization::UnicodeNormalization;

use crate::text::{fold, in_tag};

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

/// Whether a hashtag may follow this character: a space, or punctuation that is not part of
/// a word or a web address.
fn starts_a_tag(before: char) -> bool {
    before.is_whitespace() || "([{\"'«»“”‘’.,;:!?¡¿*-–—|".contains(before)
}

/// Every hashtag in the text, folded and without '#': the whole run of tag characters after
/// each '#'.
pub fn in_text(text: &str) -> Vec<String> {
    let normalized: String = text.nfc().collect();
    let mut tags = Vec::new();
    let mut chars = normalized.char_indices().peekable();
    let mut previous: Option<char> = None;
    while let Some((start, c)) = chars.next() {
        let before = previous.replace(c);
        // '#' or the full-width '＃' some keyboards produce, starting a word: not inside a
        // word or a web address (`sana#tag`, `vaasa.fi/#tag`).
        if (c != '#' && c != '＃') || !before.is_none_or(starts_a_tag) {
            continue;
        }
        let from = start + c.len_utf8();
        let mut to = from;
        while let Some(&(i, next)) = chars.peek() {
            if !in_tag(next) {
                break;
            }
            to = i + next.len_utf8();
            chars.next();
        }
        if to > from {
            tags.push(fold(&normalized[from..to]));
            previous = normalized[..to].chars().next_back();
        }
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
}
