//! The languages reports speak: messages from Project Fluent files (`locales/<lang>/amb.ftl`,
//! embedded in the binary) and numbers, money, percentages and dates in the reader's form.
//! Pure: a language in, text out; nothing here reads the environment (`context` chose the
//! language once).

mod messages;
mod numbers;

pub use messages::{Texts, slug};
pub use numbers::Numbers;

use crate::domain::Lang;

/// Everything a renderer needs to speak one language: its messages and its number forms.
pub struct Locale {
    pub lang: Lang,
    pub texts: Texts,
    pub numbers: Numbers,
}

impl Locale {
    /// The messages and number forms of `lang`.
    pub fn new(lang: Lang) -> Locale {
        Locale {
            lang,
            texts: Texts::new(lang),
            numbers: Numbers::new(lang),
        }
    }

    /// The message `id` (its id itself when missing, which a test rules out).
    pub fn t(&self, id: &str) -> String {
        self.texts.get(id)
    }

    /// The message `id` with a count `n`, plural by the language's rules; `$n` is the count
    /// written in the reader's form.
    pub fn count(&self, id: &str, n: i64) -> String {
        self.texts
            .with(id, &[("n", Arg::Count(n, self.numbers.int(n)))])
    }

    /// The message `id` with named text arguments.
    pub fn with(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg)> = args
            .iter()
            .map(|(name, value)| (*name, Arg::Text(value.to_string())))
            .collect();
        self.texts.with(id, &args)
    }

    /// The label of a report field: `field-<section>-<key>` when the section gives the key
    /// its own meaning (`key` in posts by channel is the channel), else `field-<key>`, else
    /// the key with its underscores as spaces.
    pub fn field(&self, section: &str, key: &str) -> String {
        let specific = format!("field-{section}-{key}");
        if !section.is_empty() && self.texts.has(&specific) {
            return self.texts.get(&specific);
        }
        let general = format!("field-{key}");
        if self.texts.has(&general) {
            self.texts.get(&general)
        } else {
            key.replace('_', " ")
        }
    }

    /// A value spelled as an identifier (`linkedin`, `school-visit`, `employee`, a default
    /// tier name) in the reader's words; anything else as it is.
    pub fn value(&self, value: &str) -> String {
        let id = format!("value-{}", slug(value));
        if self.texts.has(&id) {
            self.texts.get(&id)
        } else {
            value.to_string()
        }
    }
}

impl Locale {
    /// A month as the reader names it (`loka 2022`, `okt. 2022`, `Oct 2022`).
    pub fn month(&self, year: i32, month: u32) -> String {
        format!("{} {year}", self.t(&format!("month-{month}")))
    }

    /// A `YYYY-MM` month key in the reader's words; anything else gives `None`.
    pub fn month_of(&self, key: &str) -> Option<String> {
        let (year, month) = key.split_once('-')?;
        if year.len() != 4 || month.len() != 2 {
            return None;
        }
        let (year, month) = (year.parse::<i32>().ok()?, month.parse::<u32>().ok()?);
        (1..=12).contains(&month).then(|| self.month(year, month))
    }
}

/// A Fluent argument: a count (selects the plural, shows the formatted text) or text.
pub enum Arg {
    Count(i64, String),
    Text(String),
}
