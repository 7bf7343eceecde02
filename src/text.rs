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
}
