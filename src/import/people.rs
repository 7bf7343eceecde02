//! Application-form CSV exports from the intranet: English or Finnish headers, `,` or `;`,
//! UTF-8 with or without BOM. Rows are streamed: memory does not grow with the file.

use std::collections::HashMap;
use std::io::Read;

use super::ImportError;
use super::table::{Columns, CsvTableReader, Row, map_headers as map_headers_to};
use crate::domain::{Handles, Person, Role, email_key, is_plausible_email};
use crate::text::{LINK, NAME, NOTE, TextRule};

/// A column the importer understands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Name,
    Email,
    Role,
    Unit,
    Title,
    Linkedin,
    X,
    Facebook,
    Instagram,
    Mastodon,
    Tiktok,
    Youtube,
    Blog,
    Motivation,
}

/// Header spellings, compared after folding and dropping everything but letters and digits.
const HEADERS: &[(Field, &[&str])] = &[
    (
        Field::Name,
        &[
            "name",
            "fullname",
            "nimi",
            "kokonimi",
            "etujasukunimi",
            "namn",
        ],
    ),
    (
        Field::Email,
        &[
            "email",
            "emailaddress",
            "sähköposti",
            "sähköpostiosoite",
            "sahkoposti",
            "epost",
        ],
    ),
    (Field::Role, &["role", "rooli", "roll", "lähettiläsrooli"]),
    (
        Field::Unit,
        &[
            "unit",
            "department",
            "yksikkö",
            "toimiala",
            "palvelualue",
            "enhet",
            "sektor",
        ],
    ),
    (
        Field::Title,
        &[
            "title",
            "jobtitle",
            "nimike",
            "tehtävänimike",
            "ammattinimike",
            "titel",
        ],
    ),
    (
        Field::Linkedin,
        &["linkedin", "linkedinprofiili", "linkedinurl"],
    ),
    (Field::X, &["x", "twitter", "xtwitter", "twitterx"]),
    (Field::Facebook, &["facebook"]),
    (Field::Instagram, &["instagram"]),
    (Field::Mastodon, &["mastodon"]),
    (Field::Tiktok, &["tiktok"]),
    (Field::Youtube, &["youtube"]),
    (Field::Blog, &["blog", "blogi", "blogg"]),
    (
        Field::Motivation,
        &[
            "motivation",
            "motivaatio",
            "perustelut",
            "miksi",
            "motivering",
        ],
    ),
];

/// One row of the form, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicant {
    pub line: u64,
    pub person: Person,
    pub motivation: Option<String>,
}

/// Maps header names to fields; name, e-mail and role are required.
pub fn map_headers(headers: &[&str]) -> Result<Columns<Field>, String> {
    map_headers_to(
        headers,
        HEADERS,
        &[
            (Field::Name, "Name or Nimi"),
            (Field::Email, "Email or Sähköposti"),
            (Field::Role, "Role or Rooli"),
        ],
    )
}

/// Reads application-form rows from a CSV file.
pub struct Reader<R: Read> {
    table: CsvTableReader<R>,
    pub columns: Columns<Field>,
    seen: HashMap<String, u64>,
}

impl<R: Read> Reader<R> {
    pub fn new(input: R) -> Result<Reader<R>, ImportError> {
        let table = CsvTableReader::new(input)?;
        let columns = map_headers(&table.header_refs()).map_err(ImportError::File)?;
        Ok(Reader {
            table,
            columns,
            seen: HashMap::new(),
        })
    }

    fn parse(&mut self, row: &Row) -> Result<Applicant, ImportError> {
        let get = |field: Field| row.get(&self.columns, field);
        let text = |field: Field, rule: TextRule| row.text(&self.columns, field, rule);
        let name = text(Field::Name, NAME)?.ok_or_else(|| row.error("the name is empty"))?;
        let email = text(Field::Email, LINK.named("the e-mail"))?
            .ok_or_else(|| row.error("the e-mail is empty"))?;
        if !is_plausible_email(&email) {
            return Err(row.error(format!("\"{email}\" is not an e-mail address")));
        }
        let role = get(Field::Role)
            .ok_or_else(|| row.error("the role is empty (use employee or manager)"))?
            .parse::<Role>()
            .map_err(|e| row.error(e))?;
        let handle = |field: Field, label: &'static str| text(field, LINK.named(label));
        let person = Person {
            name,
            email,
            role,
            unit: text(Field::Unit, NAME.named("the unit"))?,
            title: text(Field::Title, NAME.named("the title"))?,
            handles: Handles {
                linkedin: handle(Field::Linkedin, "the LinkedIn handle")?,
                x: handle(Field::X, "the X handle")?,
                facebook: handle(Field::Facebook, "the Facebook handle")?,
                instagram: handle(Field::Instagram, "the Instagram handle")?,
                mastodon: handle(Field::Mastodon, "the Mastodon handle")?,
                tiktok: handle(Field::Tiktok, "the TikTok handle")?,
                youtube: handle(Field::Youtube, "the YouTube channel")?,
                blog: handle(Field::Blog, "the blog")?,
            },
            ..Person::default()
        };
        let motivation = text(Field::Motivation, NOTE.named("the motivation"))?;
        if let Some(first) = self.seen.insert(email_key(&person.email), row.line) {
            return Err(row.error(format!(
                "the e-mail {} is also on line {first}",
                person.email
            )));
        }
        Ok(Applicant {
            line: row.line,
            person,
            motivation,
        })
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Applicant, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        let row = self.table.next()?;
        Some(row.and_then(|row| self.parse(&row)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Vec<Applicant>, Vec<ImportError>) {
        let reader = Reader::new(text.as_bytes()).expect("header maps");
        let (ok, err): (Vec<_>, Vec<_>) = reader.partition(Result::is_ok);
        (
            ok.into_iter().map(Result::unwrap).collect(),
            err.into_iter().map(Result::unwrap_err).collect(),
        )
    }

    #[test]
    fn maps_finnish_and_english_headers() {
        let columns = map_headers(&[
            "Nimi",
            "Sähköposti",
            "Rooli",
            "Toimiala",
            "Nimike",
            "X/Twitter",
            "Aikaleima",
        ])
        .unwrap();
        assert_eq!(columns.position(&Field::Unit), Some(3));
        assert_eq!(columns.position(&Field::X), Some(5));
        assert_eq!(columns.ignored, vec!["Aikaleima".to_string()]);
        let columns = map_headers(&["\u{feff}E-mail", "Full name", "ROLE", "Yksikkö"]).unwrap();
        assert_eq!(columns.position(&Field::Email), Some(0));
        assert_eq!(columns.position(&Field::Name), Some(1));
        assert_eq!(columns.position(&Field::Unit), Some(3));
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let err = map_headers(&["Nimi", "Rooli"]).unwrap_err();
        assert!(err.contains("Email or Sähköposti"), "{err}");
        let err = map_headers(&["Nimi", "Email", "E-mail", "Rooli"]).unwrap_err();
        assert!(err.contains("twice"), "{err}");
    }

    #[test]
    fn reads_semicolons_bom_crlf_and_quoted_newlines() {
        let text = "\u{feff}Nimi;Sähköposti;Rooli;Perustelut\r\nAino Mäkelä;aino@vaasa.fi;työntekijä;\"Rivi 1\r\nrivi 2; ja puolipiste\"\r\nBo Ek;bo@vaasa.fi;johtaja;\r\n";
        let (rows, errors) = read(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].person.name, "Aino Mäkelä");
        assert_eq!(
            rows[0].motivation.as_deref(),
            Some("Rivi 1\nrivi 2; ja puolipiste")
        );
        assert_eq!(rows[1].person.role, Role::Manager);
        assert_eq!(rows[1].line, 4);
    }

    #[test]
    fn every_bad_row_is_reported_with_its_line() {
        let text = "name,email,role\nA,a@x.fi,employee\nB,not-an-email,employee\nC,c@x.fi,boss\n,d@x.fi,manager\nE,A@X.FI,manager\n\n";
        let (rows, errors) = read(text);
        assert_eq!(rows.len(), 1);
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(
            messages[0].starts_with("line 3: \"not-an-email\""),
            "{messages:?}"
        );
        assert!(
            messages[1].starts_with("line 4: \"boss\" is not a valid role"),
            "{messages:?}"
        );
        assert!(
            messages[2].starts_with("line 5: the name is empty"),
            "{messages:?}"
        );
        assert!(messages[3].contains("also on line 2"), "{messages:?}");
    }

    #[test]
    fn invalid_utf8_is_a_row_error() {
        let mut bytes = b"name,email,role\n".to_vec();
        bytes.extend_from_slice(b"M\xe4kel\xe4,m@x.fi,employee\n");
        let reader = Reader::new(bytes.as_slice()).unwrap();
        let errors: Vec<_> = reader.filter_map(Result::err).collect();
        assert!(
            errors[0].to_string().contains("line 2: not UTF-8"),
            "{errors:?}"
        );
    }
}
