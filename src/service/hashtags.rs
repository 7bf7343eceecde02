//! Which programme hashtags a text carries (`amb hashtags test`), by the same rules an
//! import uses.

use serde::Serialize;

use crate::db::programs::Program;
use crate::hashtags::{TagSet, in_text};

/// A programme hashtag that a text carries.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TagMatch {
    pub program: String,
    /// The tag as the programme spells it.
    pub hashtag: String,
    /// `hashtag`, or `alias` for an accepted other spelling.
    pub listed_as: String,
}

/// What a text carries: every hashtag in it, and those that are programme hashtags.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TagTest {
    /// The hashtags in the text as the platforms see them, with their `#`, each once.
    pub in_text: Vec<String>,
    pub matches: Vec<TagMatch>,
}

/// Tests `text` against the hashtags of `programs`.
pub fn test(programs: &[Program], text: &str) -> TagTest {
    let mut found: Vec<String> = Vec::new();
    for tag in in_text(text) {
        let tag = format!("#{tag}");
        if !found.contains(&tag) {
            found.push(tag);
        }
    }
    let mut matches = Vec::new();
    for program in programs {
        let listed = [("hashtag", &program.hashtags), ("alias", &program.aliases)];
        for (listed_as, tags) in listed {
            let set = TagSet::new(tags.iter().map(String::as_str));
            for hashtag in set.find(text, &[]) {
                matches.push(TagMatch {
                    program: program.name.clone(),
                    hashtag: hashtag.to_string(),
                    listed_as: listed_as.to_string(),
                });
            }
        }
    }
    TagTest {
        in_text: found,
        matches,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn programme(name: &str, hashtags: &[&str], aliases: &[&str]) -> Program {
        Program {
            name: name.to_string(),
            hashtags: hashtags.iter().map(|t| t.to_string()).collect(),
            aliases: aliases.iter().map(|t| t.to_string()).collect(),
            ..Program::default()
        }
    }

    #[test]
    fn finds_each_programmes_tags_and_aliases() {
        let programs = [
            programme(
                "Vaasa 2022",
                &["#OnnellisenArjenTekijät"],
                &["#OnnellisenArjenTekijat"],
            ),
            programme("Alumni", &["#VaasaAlumni"], &[]),
        ];
        let result = test(
            &programs,
            "Kiitos😍#onnellisenarjentekijat ja #OnnellisenArjenTekijät, #Vaasa",
        );
        assert_eq!(
            result.in_text,
            [
                "#onnellisenarjentekijat",
                "#onnellisenarjentekijät",
                "#vaasa"
            ]
        );
        let found: Vec<(&str, &str)> = result
            .matches
            .iter()
            .map(|m| (m.hashtag.as_str(), m.listed_as.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("#OnnellisenArjenTekijät", "hashtag"),
                ("#OnnellisenArjenTekijat", "alias")
            ]
        );
        assert!(test(&programs, "vaasa.fi/#VaasaAlumni").matches.is_empty());
    }
}
