//! Text comparison the way people expect it: Unicode case folding and normalisation.

use unicode_normalization::UnicodeNormalization;

/// Folds text for comparison: NFC-normalised and lower-cased, so "ÄIJÄLÄ", "äijälä" and a
/// decomposed "a\u{308}ijälä" are equal.
pub fn fold(text: &str) -> String {
    text.nfc().flat_map(char::to_lowercase).collect()
}

/// A value the user left empty (`--unit ""`, a blank CSV cell) is no value.
pub fn non_empty(value: Option<&str>) -> Option<String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
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
    if let Some(bad) = body
        .chars()
        .find(|c| c.is_whitespace() || *c == '#' || (c.is_ascii_punctuation() && *c != '_'))
    {
        let what = if bad.is_whitespace() {
            "a space".to_string()
        } else {
            format!("\"{bad}\"")
        };
        return Err(format!(
            "the hashtag \"{raw}\" contains {what}; a hashtag is one word of letters, digits and _"
        ));
    }
    Ok(format!("#{}", body.nfc()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_normalisation() {
        assert_eq!(fold("ÄIJÄLÄ"), "äijälä");
        assert_eq!(fold("A\u{308}ijälä"), "äijälä");
        assert_eq!(fold("Åsa Öberg"), "åsa öberg");
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
        for bad in ["", "#", "  ", "#Onnellisen Arjen", "#a#b", "#a.b"] {
            assert!(normalize_hashtag(bad).is_err(), "{bad:?}");
        }
        let err = normalize_hashtag("Onnellisen Arjen").unwrap_err();
        assert!(err.contains("a space"), "{err}");
    }
}
