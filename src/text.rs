//! Text comparison the way people expect it: Unicode case folding and normalisation.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
use unicode_properties::{GeneralCategory, GeneralCategoryGroup, UnicodeGeneralCategory};

/// Folds text for comparison: NFC-normalised and lower-cased, so "ÄIJÄLÄ", "äijälä" and a
/// decomposed "a\u{308}ijälä" are equal.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        // Most e-mails, tags and names: no composition to do.
        return text.to_ascii_lowercase();
    }
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return text.to_lowercase();
    }
    text.nfc().flat_map(char::to_lowercase).collect()
}

/// Folds text further, as people type names on a keyboard without their letters: case
/// folded and accents dropped (ä → a, ö → o, å → a, é → e), so "aijala" meets "Äijälä".
/// Only a fallback: an exact (case-folded) match always comes first.
pub fn fold_accents(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Repairs text that was UTF-8 but decoded as Latin-1 on the way ("Ã¤" for "ä"), as
/// Facebook and Instagram exports have it. Text that is not such mojibake comes back as is.
pub fn repair_mojibake(text: &str) -> String {
    if text.chars().all(|c| u32::from(c) < 256) && text.chars().any(|c| u32::from(c) >= 0x80) {
        let bytes: Vec<u8> = text.chars().map(|c| c as u8).collect();
        if let Ok(repaired) = String::from_utf8(bytes) {
            return repaired;
        }
    }
    text.to_string()
}

/// A post's web address in one form, so that the same post is recognised however it was
/// typed: scheme and host in lower case, no `#fragment`, no trailing `/`.
pub fn normalize_url(raw: &str) -> Result<String, String> {
    check(LINK.named("the web address"), raw)?;
    let trimmed = raw.trim();
    let lower = trimmed.to_ascii_lowercase();
    let scheme_len = if lower.starts_with("https://") {
        8
    } else if lower.starts_with("http://") {
        7
    } else {
        return Err(format!(
            "\"{raw}\" is not a web address (it should start with https:// or http://)"
        ));
    };
    let without_fragment = trimmed.split('#').next().unwrap_or(trimmed);
    let rest = &without_fragment[scheme_len..];
    let host_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (host, path) = rest.split_at(host_end);
    if host.is_empty() || host.contains(char::is_whitespace) {
        return Err(format!("\"{raw}\" is not a web address (it has no host)"));
    }
    let path = match path.split_once('?') {
        Some((p, query)) => format!("{}?{query}", p.trim_end_matches('/')),
        None => path.trim_end_matches('/').to_string(),
    };
    Ok(format!(
        "{}{}{path}",
        &lower[..scheme_len],
        host.to_ascii_lowercase()
    ))
}

/// A value the user left empty (`--unit ""`, a blank CSV cell) is no value.
pub fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
}

/// What a piece of text from outside is, for the rules it must follow: a one-line value
/// (a name, a unit, a handle) or free text (a note, a post), and how long it may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextRule {
    /// How the message names the field ("the name", "the note").
    pub label: &'static str,
    /// The most characters it may have.
    pub max_chars: usize,
    /// Free text may hold tabs and line breaks; a one-line value may not.
    pub free: bool,
}

impl TextRule {
    /// The same rule, naming the field differently (a CSV column, a JSON field).
    pub const fn named(self, label: &'static str) -> TextRule {
        TextRule { label, ..self }
    }
}

impl TextRule {
    const fn one_line(label: &'static str, max_chars: usize) -> TextRule {
        TextRule {
            label,
            max_chars,
            free: false,
        }
    }

    const fn free_text(label: &'static str, max_chars: usize) -> TextRule {
        TextRule {
            label,
            max_chars,
            free: true,
        }
    }
}

/// A person's or programme's name, a unit, a title, a KPI, package or training name.
pub const NAME: TextRule = TextRule::one_line("the name", 200);

/// A social handle, a profile or post address, an e-mail address.
pub const LINK: TextRule = TextRule::one_line("the address", 2000);

/// A note, a motivation, a comment, a reason or a reward.
pub const NOTE: TextRule = TextRule::free_text("the note", 2000);

/// A post's own text, as an export holds it (Facebook allows some 63,000 characters).
pub const POST_TEXT: TextRule = TextRule::free_text("the post text", 100_000);

/// A hashtag, `#` included (X allows 139 characters in a post of 280).
pub const HASHTAG: TextRule = TextRule::one_line("the hashtag", 140);

/// Whether `c` may never be in text amb stores: a control character (NUL, escape, …) or a
/// bidirectional override or isolate, which makes text display other than it reads.
fn forbidden(c: char, free: bool) -> bool {
    if free && matches!(c, '\t' | '\n' | '\r') {
        return false;
    }
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Checks text from any input (flag, CSV cell, export field) against `rule`: no control
/// characters (tabs and line breaks only in free text), no bidirectional overrides, not too
/// long. The message names the field and the character, as `U+XXXX` and its position.
pub fn check(rule: TextRule, value: &str) -> Result<(), String> {
    // Most text is printable ASCII within the limit: passed without decoding characters.
    let printable =
        |b: u8| (b' '..0x7f).contains(&b) || rule.free && matches!(b, b'\t' | b'\n' | b'\r');
    if value.len() <= rule.max_chars && value.bytes().all(printable) {
        return Ok(());
    }
    let label = rule.label;
    let mut count = 0;
    for (index, c) in value.chars().enumerate() {
        if forbidden(c, rule.free) {
            let what = if c.is_control() {
                "a control character"
            } else {
                "a bidirectional override"
            };
            let allowed = if rule.free {
                " (only tabs and line breaks are allowed)"
            } else {
                ""
            };
            return Err(format!(
                "{label} contains {what} (U+{:04X}) at character {}{allowed}; remove it",
                u32::from(c),
                index + 1
            ));
        }
        count = index + 1;
    }
    if count > rule.max_chars {
        return Err(format!(
            "{label} is {count} characters long; at most {} are allowed",
            rule.max_chars
        ));
    }
    Ok(())
}

/// Checks an optional value, passing it on.
pub fn checked(rule: TextRule, value: Option<String>) -> Result<Option<String>, String> {
    if let Some(text) = &value {
        check(rule, text)?;
    }
    Ok(value)
}

/// Characters twitter-text allows inside a hashtag beside letters, marks and digits: `_`,
/// the zero-width (non-)joiners, and the joining punctuation of Hebrew, Japanese, Tibetan
/// and Catalan (`וכו׳`, `メ～テレ`, `il·lusió`).
const TAG_SPECIALS: &[char] = &[
    '_', '\u{200c}', '\u{200d}', '\u{a67e}', '\u{05be}', '\u{05f3}', '\u{05f4}', '\u{ff5e}',
    '\u{301c}', '\u{309b}', '\u{309c}', '\u{30a0}', '\u{30fb}', '\u{3003}', '\u{0f0b}', '\u{0f0c}',
    '\u{00b7}',
];

/// Whether `c` is a letter or a mark (Unicode categories L and M): a hashtag needs one.
pub fn tag_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    matches!(
        c.general_category_group(),
        GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark
    )
}

/// Whether `c` can be part of a hashtag, as twitter-text decides it: letters, marks,
/// decimal digits (of any script) and a few joining characters.
pub fn in_tag(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    tag_letter(c)
        || c.general_category() == GeneralCategory::DecimalNumber
        || TAG_SPECIALS.contains(&c)
}

/// Checks a hashtag and writes it in one form: a leading `#`, NFC-normalised.
pub fn normalize_hashtag(raw: &str) -> Result<String, String> {
    check(HASHTAG, raw)?;
    let trimmed = raw.trim();
    let body = trimmed.strip_prefix('#').unwrap_or(trimmed);
    if body.is_empty() {
        return Err(format!(
            "the hashtag \"{raw}\" is empty (use e.g. --hashtag OnnellisenArjenTekijät)"
        ));
    }
    if let Some(bad) = body.chars().find(|c| !in_tag(*c)) {
        let what = if bad.is_whitespace() {
            "a space".to_string()
        } else {
            format!("\"{bad}\"")
        };
        return Err(format!(
            "the hashtag \"{raw}\" contains {what}; a hashtag is one word of letters, digits and _"
        ));
    }
    if !body.chars().any(tag_letter) {
        return Err(format!(
            "the hashtag \"{raw}\" has no letter; the platforms do not link a tag of only digits and _"
        ));
    }
    if is_nfc_quick(body.chars()) == IsNormalized::Yes {
        return Ok(format!("#{body}"));
    }
    Ok(format!("#{}", body.nfc()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_fold_away_only_in_the_second_fold() {
        assert_eq!(fold_accents("Tuomas Äijälä"), "tuomas aijala");
        assert_eq!(fold_accents("Björkqvist Åström"), "bjorkqvist astrom");
        assert_eq!(fold_accents("a\u{308}ijälä"), "aijala");
        assert_ne!(
            fold("Äijälä"),
            fold("aijala"),
            "the first fold keeps letters apart"
        );
    }

    #[test]
    fn folds_case_and_normalisation() {
        assert_eq!(fold("ÄIJÄLÄ"), "äijälä");
        assert_eq!(fold("A\u{308}ijälä"), "äijälä");
        assert_eq!(fold("Åsa Öberg"), "åsa öberg");
    }

    #[test]
    fn mojibake_is_repaired_and_good_text_kept() {
        assert_eq!(repair_mojibake("HyvÃ¤Ã¤ pÃ¤ivÃ¤Ã¤"), "Hyvää päivää");
        assert_eq!(
            repair_mojibake("#OnnellisenArjenTekijÃ¤t"),
            "#OnnellisenArjenTekijät"
        );
        assert_eq!(repair_mojibake("Hyvää päivää"), "Hyvää päivää");
        assert_eq!(repair_mojibake("plain ascii"), "plain ascii");
        // Latin-1 text that is not valid UTF-8 once re-encoded stays as it is.
        assert_eq!(repair_mojibake("Ä"), "Ä");
        assert_eq!(repair_mojibake("emoji 😀"), "emoji 😀");
    }

    #[test]
    fn urls_get_one_form() {
        let same = [
            "https://x.com/a/status/1",
            "https://x.com/a/status/1/",
            "HTTPS://X.COM/a/status/1",
            " https://x.com/a/status/1#reply ",
        ];
        for url in same {
            assert_eq!(
                normalize_url(url).unwrap(),
                "https://x.com/a/status/1",
                "{url}"
            );
        }
        assert_eq!(
            normalize_url("http://Blog.Example/Post?id=3/").unwrap(),
            "http://blog.example/Post?id=3/"
        );
        assert_eq!(
            normalize_url("https://example.com/").unwrap(),
            "https://example.com"
        );
        for bad in ["x.com/a", "ftp://x", "https://", "not a url", ""] {
            assert!(normalize_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn blank_values_are_none() {
        assert_eq!(non_empty(Some("  ")), None);
        assert_eq!(non_empty(Some(" Vaasa ")), Some("Vaasa".to_string()));
        assert_eq!(non_empty(None), None);
    }

    #[test]
    fn hashtags_get_one_form() {
        assert_eq!(
            normalize_hashtag("OnnellisenArjenTekijät").unwrap(),
            "#OnnellisenArjenTekijät"
        );
        assert_eq!(normalize_hashtag(" #Vaasa_2022 ").unwrap(), "#Vaasa_2022");
        assert_eq!(normalize_hashtag("#Tekija\u{308}t").unwrap(), "#Tekijät");
    }

    #[test]
    fn empty_spaced_and_punctuated_hashtags_are_refused() {
        for bad in [
            "",
            "#",
            "  ",
            "#Onnellisen Arjen",
            "#a#b",
            "#a.b",
            "#ä—b",
            "#a-b",
            "#2023",
            "#_1",
        ] {
            assert!(normalize_hashtag(bad).is_err(), "{bad:?}");
        }
        let err = normalize_hashtag("Onnellisen Arjen").unwrap_err();
        assert!(err.contains("a space"), "{err}");
    }

    #[test]
    fn control_characters_and_overrides_are_refused_with_their_place() {
        assert_eq!(check(NAME, "Aino Mäkelä"), Ok(()));
        assert_eq!(check(NOTE, "rivi 1\n\trivi 2\r\n"), Ok(()));
        let err = check(NAME, "Ai\0no").unwrap_err();
        assert_eq!(
            err,
            "the name contains a control character (U+0000) at character 3; remove it"
        );
        for bad in ["a\nb", "a\tb", "\u{1b}[31m", "a\u{7f}", "\u{85}"] {
            assert!(
                check(NAME.named("the unit"), bad)
                    .unwrap_err()
                    .starts_with("the unit contains a control character"),
                "{bad:?}"
            );
        }
        for bad in ["\u{202a}", "\u{202e}evil", "x\u{2066}", "\u{2069}"] {
            let err = check(NOTE, bad).unwrap_err();
            assert!(err.contains("bidirectional override"), "{err}");
        }
        let err = check(NOTE, "a\u{7}").unwrap_err();
        assert!(
            err.contains("(U+0007) at character 2 (only tabs and line breaks are allowed)"),
            "{err}"
        );
        // Right-to-left text itself is fine; only the overrides are refused.
        assert_eq!(check(NAME, "שלום \u{200f}"), Ok(()));
    }

    #[test]
    fn text_has_a_length_limit_in_characters() {
        assert_eq!(check(NAME, &"ä".repeat(200)), Ok(()));
        assert_eq!(
            check(NAME, &"ä".repeat(201)).unwrap_err(),
            "the name is 201 characters long; at most 200 are allowed"
        );
        assert!(check(NOTE, &"x".repeat(2001)).is_err());
        assert!(normalize_hashtag(&format!("#{}", "a".repeat(139))).is_ok());
        assert!(normalize_hashtag(&format!("#{}", "a".repeat(140))).is_err());
        assert!(
            normalize_url("https://x.com/\0")
                .unwrap_err()
                .contains("U+0000")
        );
        assert!(
            normalize_hashtag("#a\u{202e}b")
                .unwrap_err()
                .contains("U+202E")
        );
    }
}
