//! Text comparison the way people expect it: Unicode case folding and normalisation.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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

/// Whether `c` can be part of a hashtag: letters, digits, `_`, and combining marks.
pub fn in_tag(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

/// Checks a hashtag and writes it in one form: a leading `#`, NFC-normalised.
pub fn normalize_hashtag(raw: &str) -> Result<String, String> {
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
        ] {
            assert!(normalize_hashtag(bad).is_err(), "{bad:?}");
        }
        let err = normalize_hashtag("Onnellisen Arjen").unwrap_err();
        assert!(err.contains("a space"), "{err}");
    }
}
