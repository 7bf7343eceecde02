//! CSV files as people save them: `,` or `;` (detected from the header), UTF-8 with or without
//! BOM, CRLF or LF, headers mapped to fields by their known spellings. Rows are streamed.

use std::collections::HashMap;
use std::hash::Hash;
use std::io::{BufRead, BufReader, Read};

use super::{CrlfToLf, ImportError};
use crate::text::fold;

/// Which column holds which field, and the header names that were not understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Columns<F: Eq + Hash> {
    positions: HashMap<F, usize>,
    pub ignored: Vec<String>,
}

impl<F: Eq + Hash> Columns<F> {
    /// The column of a field, if the file has it.
    pub fn position(&self, field: &F) -> Option<usize> {
        self.positions.get(field).copied()
    }
}

/// A header compared without case, accents' composition, spaces or punctuation.
fn header_key(header: &str) -> String {
    fold(header.trim_start_matches('\u{feff}'))
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Maps header names to fields by their spellings; `required` fields must be present
/// (each with the names to suggest). When two columns spell the same field differently
/// (a form with both Yksikkö and Toimiala), the spelling listed first wins and the other
/// column is ignored; the same header twice is an error.
pub fn map_headers<F: Copy + Eq + Hash + std::fmt::Debug>(
    headers: &[&str],
    spellings: &[(F, &[&str])],
    required: &[(F, &str)],
) -> Result<Columns<F>, String> {
    // field -> (rank of the spelling, column)
    let mut chosen: HashMap<F, (usize, usize)> = HashMap::new();
    let mut ignored = Vec::new();
    for (index, header) in headers.iter().enumerate() {
        let key = header_key(header);
        let found = spellings.iter().find_map(|(field, names)| {
            names
                .iter()
                .position(|n| header_key(n) == key)
                .map(|rank| (*field, rank))
        });
        let Some((field, rank)) = found else {
            ignored.push(header.to_string());
            continue;
        };
        match chosen.get(&field).copied() {
            Some((other_rank, other)) if other_rank == rank => {
                return Err(format!(
                    "the header has the column \"{header}\" twice (columns {} and {})",
                    other + 1,
                    index + 1
                ));
            }
            Some((other_rank, _)) if other_rank < rank => ignored.push(header.to_string()),
            Some((_, other)) => {
                ignored.push(headers[other].to_string());
                chosen.insert(field, (rank, index));
            }
            None => {
                chosen.insert(field, (rank, index));
            }
        }
    }
    let positions: HashMap<F, usize> = chosen
        .into_iter()
        .map(|(field, (_, index))| (field, index))
        .collect();
    for (field, expected) in required {
        if !positions.contains_key(field) {
            return Err(format!(
                "the header has no {expected} column (found: {})",
                headers.join(", ")
            ));
        }
    }
    Ok(Columns { positions, ignored })
}

/// One data row: its first line in the file and its fields as text.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub line: u64,
    pub fields: csv::StringRecord,
}

impl Row {
    /// The trimmed, non-empty value of a field, if the file has the column.
    pub fn get<F: Eq + Hash>(&self, columns: &Columns<F>, field: F) -> Option<String> {
        columns
            .position(&field)
            .and_then(|i| crate::text::non_empty(self.fields.get(i)))
    }

    /// A problem with this row.
    pub fn error(&self, message: impl Into<String>) -> ImportError {
        ImportError::Row {
            line: self.line,
            message: message.into(),
        }
    }
}

/// A CSV file being read row by row.
pub struct CsvTable<R: Read> {
    csv: csv::Reader<BufReader<CrlfToLf<R>>>,
    pub headers: Vec<String>,
    record: csv::ByteRecord,
}

impl<R: Read> CsvTable<R> {
    /// Reads the header line; the delimiter is `;` when the header has more of them than commas.
    pub fn new(input: R) -> Result<CsvTable<R>, ImportError> {
        CsvTable::with_escape(input, None)
    }

    /// Like [`CsvTable::new`], also reading `escape` + quote as a quote inside quoted fields
    /// (LinkedIn writes both `""` and `\"`).
    pub fn with_escape(input: R, escape: Option<u8>) -> Result<CsvTable<R>, ImportError> {
        let mut buffered = BufReader::with_capacity(64 * 1024, CrlfToLf::new(input));
        let peek = buffered
            .fill_buf()
            .map_err(|err| ImportError::File(format!("cannot read: {err}")))?;
        let delimiter = detect_delimiter(peek);
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .escape(escape)
            .flexible(true)
            .from_reader(buffered);
        let headers = csv
            .byte_headers()
            .map_err(|err| ImportError::File(format!("cannot read the header: {err}")))?
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
            .collect::<Result<Vec<_>, _>>()?;
        if headers.iter().all(String::is_empty) {
            return Err(ImportError::File("the file is empty".to_string()));
        }
        Ok(CsvTable {
            csv,
            headers,
            record: csv::ByteRecord::new(),
        })
    }

    /// The headers, for [`map_headers`].
    pub fn header_refs(&self) -> Vec<&str> {
        self.headers.iter().map(String::as_str).collect()
    }
}

impl<R: Read> Iterator for CsvTable<R> {
    type Item = Result<Row, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.csv.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    // Spreadsheets leave fully blank rows behind; they are not data.
                    if self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace))
                    {
                        continue;
                    }
                    let line = self.record.position().map_or(0, |p| p.line());
                    // One buffer for the whole row: cheap in million-row imports.
                    let fields = csv::StringRecord::from_byte_record(self.record.clone());
                    return Some(fields.map(|fields| Row { line, fields }).map_err(|_| {
                        ImportError::Row {
                            line,
                            message: "not UTF-8 text (save the file as \"CSV UTF-8\")".to_string(),
                        }
                    }));
                }
                Err(err) => {
                    let line = err.position().map_or(0, |p| p.line());
                    return Some(Err(ImportError::Broken {
                        line,
                        message: err.to_string(),
                    }));
                }
            }
        }
    }
}

/// `;` when the first line has more of them than commas (what Finnish Excel writes).
fn detect_delimiter(peek: &[u8]) -> u8 {
    let first_line = peek.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |needle: u8| first_line.iter().filter(|&&b| b == needle).count();
    if count(b';') > count(b',') {
        b';'
    } else {
        b','
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    enum F {
        A,
        B,
    }

    #[test]
    fn headers_match_whatever_their_case_spacing_and_bom() {
        let spellings: &[(F, &[&str])] =
            &[(F::A, &["e-mail", "sähköposti"]), (F::B, &["full name"])];
        let columns = map_headers(
            &["\u{feff}Sähköposti", "FULL_NAME", "Other"],
            spellings,
            &[(F::A, "Email")],
        )
        .unwrap();
        assert_eq!(columns.position(&F::A), Some(0));
        assert_eq!(columns.position(&F::B), Some(1));
        assert_eq!(columns.ignored, ["Other"]);
        let err = map_headers(&["Other"], spellings, &[(F::A, "Email")]).unwrap_err();
        assert!(err.contains("no Email column"), "{err}");
    }

    #[test]
    fn the_first_listed_spelling_wins_and_a_repeated_header_is_an_error() {
        let spellings: &[(F, &[&str])] = &[(F::A, &["yksikkö", "toimiala"]), (F::B, &["nimi"])];
        let columns = map_headers(&["Toimiala", "Nimi", "Yksikkö"], spellings, &[]).unwrap();
        assert_eq!(columns.position(&F::A), Some(2));
        assert_eq!(columns.ignored, ["Toimiala"]);
        let columns = map_headers(&["Yksikkö", "Toimiala"], spellings, &[]).unwrap();
        assert_eq!(columns.position(&F::A), Some(0));
        assert_eq!(columns.ignored, ["Toimiala"]);
        let err = map_headers(&["Nimi", "nimi"], spellings, &[]).unwrap_err();
        assert!(err.contains("twice (columns 1 and 2)"), "{err}");
    }

    #[test]
    fn detects_the_delimiter_from_the_header() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b\n"), b',');
        assert_eq!(detect_delimiter(b""), b',');
    }
}
