//! Application-form CSV exports from the intranet: English or Finnish headers, `,` or `;`,
//! UTF-8 with or without BOM. Rows are streamed: memory does not grow with the file.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read};

use super::CrlfToLf;
use crate::db::people::{Handles, Person};
use crate::domain::Role;
use crate::text::{fold, non_empty};

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

/// Which column holds which field, and the header names that were not understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns {
    positions: HashMap<Field, usize>,
    pub ignored: Vec<String>,
}

fn header_key(header: &str) -> String {
    fold(header.trim_start_matches('\u{feff}'))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Maps header names to fields; name, e-mail and role are required.
pub fn map_headers(headers: &[&str]) -> Result<Columns, String> {
    let mut positions = HashMap::new();
    let mut ignored = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let key = header_key(header);
        let field = HEADERS
            .iter()
            .find(|(_, names)| names.iter().any(|n| fold(n) == key))
            .map(|(field, _)| *field);
        match field {
            Some(field) if positions.contains_key(&field) => {
                return Err(format!(
                    "the header has two columns for {field:?}: \"{header}\""
                ));
            }
            Some(field) => {
                positions.insert(field, index);
            }
            None => ignored.push(header.to_string()),
        }
    }
    for (field, expected) in [
        (Field::Name, "Name or Nimi"),
        (Field::Email, "Email or Sähköposti"),
        (Field::Role, "Role or Rooli"),
    ] {
        if !positions.contains_key(&field) {
            return Err(format!(
                "the header has no {expected} column (found: {})",
                headers.join(", ")
            ));
        }
    }
    Ok(Columns { positions, ignored })
}

/// One row of the form, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Applicant {
    pub line: u64,
    pub person: Person,
    pub motivation: Option<String>,
}

/// A problem with the file as a whole, or with one row (with its line number).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ImportError {
    #[error("{0}")]
    File(String),
    #[error("line {line}: {message}")]
    Row { line: u64, message: String },
    /// The CSV structure itself is broken here; nothing after it can be read reliably.
    #[error("line {line}: cannot read the row: {message}")]
    Broken { line: u64, message: String },
}

/// Reads the CSV, detecting `,` or `;` from the header line.
pub struct Reader<R: Read> {
    csv: csv::Reader<BufReader<CrlfToLf<R>>>,
    pub columns: Columns,
    seen: HashMap<String, u64>,
    record: csv::ByteRecord,
}

impl<R: Read> Reader<R> {
    pub fn new(input: R) -> Result<Reader<R>, ImportError> {
        let mut buffered = BufReader::with_capacity(64 * 1024, CrlfToLf::new(input));
        let peek = buffered
            .fill_buf()
            .map_err(|err| ImportError::File(format!("cannot read: {err}")))?;
        let delimiter = detect_delimiter(peek);
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(buffered);
        let headers = csv
            .byte_headers()
            .map_err(|err| ImportError::File(format!("cannot read the header: {err}")))?
            .clone();
        let headers: Vec<String> = headers
            .iter()
            .map(|h| {
                std::str::from_utf8(h)
                    .map(|h| h.trim_start_matches('\u{feff}').trim().to_string())
                    .map_err(|_| {
                        ImportError::File(
                            "the header is not UTF-8 text (save the file as \"CSV UTF-8\")"
                                .to_string(),
                        )
                    })
            })
            .collect::<Result<_, _>>()?;
        if headers.iter().all(String::is_empty) {
            return Err(ImportError::File("the file is empty".to_string()));
        }
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let columns = map_headers(&refs).map_err(ImportError::File)?;
        Ok(Reader {
            csv,
            columns,
            seen: HashMap::new(),
            record: csv::ByteRecord::new(),
        })
    }

    fn parse_record(&mut self) -> Result<Applicant, ImportError> {
        let line = self.record.position().map_or(0, |p| p.line());
        let error = |message: String| ImportError::Row { line, message };
        let mut fields: Vec<&str> = Vec::with_capacity(self.record.len());
        for field in &self.record {
            fields.push(std::str::from_utf8(field).map_err(|_| {
                error("not UTF-8 text (save the file as \"CSV UTF-8\")".to_string())
            })?);
        }
        let get = |field: Field| -> Option<String> {
            self.columns
                .positions
                .get(&field)
                .and_then(|&i| non_empty(fields.get(i).copied()))
        };
        let name = get(Field::Name).ok_or_else(|| error("the name is empty".to_string()))?;
        let email = get(Field::Email).ok_or_else(|| error("the e-mail is empty".to_string()))?;
        if !is_plausible_email(&email) {
            return Err(error(format!("\"{email}\" is not an e-mail address")));
        }
        let role = get(Field::Role)
            .ok_or_else(|| error("the role is empty (use employee or manager)".to_string()))?
            .parse::<Role>()
            .map_err(error)?;
        if let Some(first) = self.seen.insert(email.to_lowercase(), line) {
            return Err(error(format!("the e-mail {email} is also on line {first}")));
        }
        Ok(Applicant {
            line,
            person: Person {
                name,
                email,
                role,
                unit: get(Field::Unit),
                title: get(Field::Title),
                handles: Handles {
                    linkedin: get(Field::Linkedin),
                    x: get(Field::X),
                    facebook: get(Field::Facebook),
                    instagram: get(Field::Instagram),
                    mastodon: get(Field::Mastodon),
                    tiktok: get(Field::Tiktok),
                    youtube: get(Field::Youtube),
                    blog: get(Field::Blog),
                },
                ..Person::default()
            },
            motivation: get(Field::Motivation),
        })
    }
}

impl<R: Read> Iterator for Reader<R> {
    type Item = Result<Applicant, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.csv.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    // Spreadsheets leave fully blank rows behind; they are not applicants.
                    if self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace))
                    {
                        continue;
                    }
                    return Some(self.parse_record());
                }
                Err(err) => {
                    let line = err.position().map_or(0, |p| p.line());
                    // A broken record cannot be skipped reliably; stop here.
                    return Some(Err(ImportError::Broken {
                        line,
                        message: err.to_string(),
                    }));
                }
            }
        }
    }
}

/// `;` when the header line has more of them than commas (what Finnish Excel writes).
fn detect_delimiter(peek: &[u8]) -> u8 {
    let first_line = peek.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |needle: u8| first_line.iter().filter(|&&b| b == needle).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

/// Enough to catch a name typed in the e-mail column; the real check is a delivered mail.
pub fn is_plausible_email(email: &str) -> bool {
    match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !email.chars().any(char::is_whitespace)
                && !domain.contains('@')
        }
        None => false,
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
        assert_eq!(columns.positions[&Field::Unit], 3);
        assert_eq!(columns.positions[&Field::X], 5);
        assert_eq!(columns.ignored, vec!["Aikaleima".to_string()]);
        let columns = map_headers(&["\u{feff}E-mail", "Full name", "ROLE", "Yksikkö"]).unwrap();
        assert_eq!(columns.positions[&Field::Email], 0);
        assert_eq!(columns.positions[&Field::Name], 1);
        assert_eq!(columns.positions[&Field::Unit], 3);
    }

    #[test]
    fn a_missing_required_column_is_named() {
        let err = map_headers(&["Nimi", "Rooli"]).unwrap_err();
        assert!(err.contains("Email or Sähköposti"), "{err}");
        let err = map_headers(&["Nimi", "Email", "Sähköposti", "Rooli"]).unwrap_err();
        assert!(err.contains("two columns"), "{err}");
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

    #[test]
    fn plausible_emails() {
        assert!(is_plausible_email("aino.makela@vaasa.fi"));
        for bad in ["aino", "@vaasa.fi", "a@b", "a b@c.fi", "a@.fi", "a@b@c.fi"] {
            assert!(!is_plausible_email(bad), "{bad}");
        }
    }
}
