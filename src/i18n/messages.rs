//! Fluent messages, one file per language, embedded at build time.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::Arg;
use crate::domain::Lang;

/// The source of each language's messages.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::En => include_str!("../../locales/en/amb.ftl"),
        Lang::Fi => include_str!("../../locales/fi/amb.ftl"),
        Lang::Sv => include_str!("../../locales/sv/amb.ftl"),
    }
}

/// One language's messages.
pub struct Texts {
    bundle: FluentBundle<FluentResource>,
}

impl Texts {
    /// The messages of `lang`. The files are embedded and checked by tests (every message
    /// parses, every id exists in every language), so a fault here cannot come from a user.
    pub fn new(lang: Lang) -> Texts {
        let id: LanguageIdentifier = lang.as_str().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![id]);
        // No Unicode isolation marks around arguments: terminals, CSV and Teams show them.
        bundle.set_use_isolating(false);
        let resource = FluentResource::try_new(source(lang).to_string())
            .unwrap_or_else(|(partial, _)| partial);
        // Duplicate ids are ruled out by a test; the first definition stays.
        let _ = bundle.add_resource(resource);
        Texts { bundle }
    }

    /// Whether the message `id` exists.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// The message `id` without arguments.
    pub fn get(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// The message `id` with arguments; a missing message is its id.
    pub fn with(&self, id: &str, args: &[(&str, Arg)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut fluent_args = FluentArgs::new();
        for (name, arg) in args {
            match arg {
                Arg::Count(n, shown) => {
                    // The plural is chosen from the number; the text shows it formatted.
                    fluent_args.set(*name, FluentValue::from(*n));
                    fluent_args.set(format!("{name}_shown"), FluentValue::from(shown.clone()));
                }
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(text.clone())),
            }
        }
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors)
            .into_owned()
    }
}

/// An identifier for a value in a message id: lower case, runs of anything but letters and
/// digits as one `-` (`Thought leader` → `thought-leader`).
pub fn slug(value: &str) -> String {
    let mut out = String::new();
    for c in value.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast;

    use super::*;

    fn ids(lang: Lang) -> Vec<String> {
        let resource = match FluentResource::try_new(source(lang).to_string()) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{lang}: the messages do not parse: {errors:?}"),
        };
        resource
            .entries()
            .filter_map(|entry| match entry {
                ast::Entry::Message(message) => Some(message.id.name.to_string()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_message_exists_in_every_language_once() {
        let english: BTreeSet<String> = ids(Lang::En).into_iter().collect();
        assert!(english.len() > 100, "{}", english.len());
        for lang in Lang::ALL {
            let list = ids(*lang);
            let set: BTreeSet<String> = list.iter().cloned().collect();
            assert_eq!(list.len(), set.len(), "{lang}: an id is defined twice");
            let missing: Vec<_> = english.difference(&set).collect();
            let extra: Vec<_> = set.difference(&english).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has ids English lacks: {extra:?}");
        }
    }

    #[test]
    fn every_message_formats_without_errors_in_every_language() {
        for lang in Lang::ALL {
            let texts = Texts::new(*lang);
            for id in ids(*lang) {
                let message = texts.bundle.get_message(&id).unwrap();
                let Some(pattern) = message.value() else {
                    continue;
                };
                let mut args = FluentArgs::new();
                args.set("n", FluentValue::from(2));
                args.set("n_shown", FluentValue::from("2"));
                for name in [
                    "program",
                    "other",
                    "since",
                    "until",
                    "organisation",
                    "tags",
                    "change",
                    "earned",
                    "redeemed",
                    "average",
                    "responses",
                    "currency",
                    "date",
                    "posts",
                    "ambassadors",
                    "shares",
                    "names",
                    "year",
                    "name",
                ] {
                    args.set(name, FluentValue::from("x"));
                }
                let mut errors = Vec::new();
                texts
                    .bundle
                    .format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{lang} {id}: {errors:?}");
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let fi = crate::i18n::Locale::new(Lang::Fi);
        assert_eq!(fi.count("count-trainings", 1), "1 koulutus");
        assert_eq!(fi.count("count-trainings", 2), "2 koulutusta");
        let sv = crate::i18n::Locale::new(Lang::Sv);
        assert_eq!(sv.count("count-trainings", 1), "1 utbildning");
        assert_eq!(sv.count("count-trainings", 2), "2 utbildningar");
        let en = crate::i18n::Locale::new(Lang::En);
        assert_eq!(en.count("count-trainings", 1), "1 training");
        assert_eq!(en.count("count-trainings", 1200), "1,200 trainings");
        assert_eq!(fi.count("count-posts", 0), "0 julkaisua");
    }

    #[test]
    fn values_and_fields_are_translated_and_unknown_ones_kept() {
        let fi = crate::i18n::Locale::new(Lang::Fi);
        assert_eq!(fi.value("school-visit"), "kouluvierailu");
        assert_eq!(fi.value("Thought leader"), "Ajatusjohtaja");
        assert_eq!(fi.value("Konsernihallinto"), "Konsernihallinto");
        assert_eq!(fi.field("posts_by_channel", "key"), "Kanava");
        assert_eq!(fi.field("", "unknown_thing"), "unknown thing");
        assert_eq!(slug(" Thought  leader! "), "thought-leader");
    }
}
