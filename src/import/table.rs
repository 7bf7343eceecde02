//! CSV files as people save them: `,`, `;` or tab (detected from the header), UTF-8 with or
//! without BOM or UTF-16 with BOM (Excel's "Unicode text", LinkedIn's 2018 export), CRLF or LF, headers mapped to fields by their known spellings. Rows are streamed.

use std::cell::Cell;
use std::collections::HashMap;
use std::hash::Hash;
use std::io::{BufRead, BufReader, Read};
use std::rc::Rc;

use super::limits::EntryBound;
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

    /// Like [`Row::get`], checking the value against `rule` (no control characters, not too
    /// long): a value that breaks it makes the row bad, naming the field.
    pub fn text<F: Eq + Hash>(
        &self,
        columns: &Columns<F>,
        field: F,
        rule: crate::text::TextRule,
    ) -> Result<Option<String>, ImportError> {
        crate::text::checked(rule, self.get(columns, field)).map_err(|why| self.error(why))
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
pub struct CsvTableReader<R: Read> {
    csv: csv::Reader<BufReader<Quotes<CrlfToLf<Utf8<R>>>>>,
    pub headers: Vec<String>,
    record: csv::ByteRecord,
    inside_quotes: Rc<Cell<bool>>,
    finished: bool,
    delimiter: u8,
}

/// The file as UTF-8: UTF-16 with a BOM is transcoded, anything else passes unchanged.
type Utf8<R> = Filling<encoding_rs_io::DecodeReaderBytes<R, Vec<u8>>>;

/// Fills each read as far as the input allows: the decoder hands out its first bytes in a
/// short read, and the delimiter is told from the first read's first line.
struct Filling<R>(R);

impl<R: Read> Read for Filling<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut filled = 0;
        while filled < buf.len() {
            match self.0.read(&mut buf[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {}
                Err(err) => return Err(err),
            }
        }
        Ok(filled)
    }
}

/// Where the CSV reading stands, byte by byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    /// After the escape character inside a quoted field.
    Escaped,
    /// After a quote inside a quoted field: its end, or the first of a doubled quote.
    QuoteSeen,
}

/// Follows the CSV quoting of the bytes read through, so that a file cut off inside a
/// quoted field is noticed (the `csv` crate reads such a last row as if it were whole).
struct Quotes<R> {
    inner: R,
    delimiter: Rc<Cell<u8>>,
    escape: Option<u8>,
    state: QuoteState,
    inside: Rc<Cell<bool>>,
    /// The current row's length: a row may not grow past the limit.
    row: EntryBound,
}

impl<R: Read> Read for Quotes<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        use QuoteState::*;
        let n = self.inner.read(buf)?;
        let delimiter = self.delimiter.get();
        let mut at = 0;
        while at < n {
            if self.state == Quoted {
                // Inside a quoted field only a quote or the escape changes anything.
                let run = buf[at..n]
                    .iter()
                    .position(|&byte| byte == b'"' || Some(byte) == self.escape)
                    .unwrap_or(n - at);
                self.row.take(&buf[at..at + run])?;
                at += run;
                if at == n {
                    break;
                }
            }
            let byte = buf[at];
            at += 1;
            self.row.take_byte(byte)?;
            // Before the delimiter is known (0), both candidates separate fields.
            let separator = byte == b'\n'
                || byte == delimiter
                || (delimiter == 0 && (byte == b',' || byte == b';'));
            self.state = match (self.state, byte) {
                (FieldStart, b'"') => Quoted,
                (FieldStart | Unquoted, _) if separator => FieldStart,
                (FieldStart | Unquoted, _) => Unquoted,
                (Quoted, _) if Some(byte) == self.escape => Escaped,
                (Quoted, b'"') => QuoteSeen,
                (Quoted, _) | (Escaped, _) => Quoted,
                (QuoteSeen, b'"') => Quoted,
                (QuoteSeen, _) if separator => FieldStart,
                (QuoteSeen, _) => Unquoted,
            };
            if byte == b'\n' && self.state == FieldStart {
                self.row.start();
            }
        }
        self.inside.set(matches!(self.state, Quoted | Escaped));
        Ok(n)
    }
}

impl<R: Read> CsvTableReader<R> {
    /// Reads the header line; the delimiter is `;` when the header has more of them than commas.
    pub fn new(input: R) -> Result<CsvTableReader<R>, ImportError> {
        CsvTableReader::with_escape(input, None)
    }

    /// Like [`CsvTableReader::new`], also reading `escape` + quote as a quote inside quoted fields
    /// (LinkedIn writes both `""` and `\"`).
    pub fn with_escape(input: R, escape: Option<u8>) -> Result<CsvTableReader<R>, ImportError> {
        let inside_quotes = Rc::new(Cell::new(false));
        let delimiter_seen = Rc::new(Cell::new(0));
        let quotes = Quotes {
            inner: CrlfToLf::new(Filling(
                encoding_rs_io::DecodeReaderBytesBuilder::new()
                    .utf8_passthru(true)
                    .build(input),
            )),
            delimiter: Rc::clone(&delimiter_seen),
            escape,
            state: QuoteState::FieldStart,
            inside: Rc::clone(&inside_quotes),
            row: EntryBound::new("row"),
        };
        let mut buffered = BufReader::with_capacity(64 * 1024, quotes);
        let peek = buffered
            .fill_buf()
            .map_err(|err| ImportError::File(format!("cannot read: {err}")))?;
        let delimiter = detect_delimiter(peek);
        delimiter_seen.set(delimiter);
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .escape(escape)
            .flexible(true)
            .from_reader(buffered);
        let header = csv.byte_headers().cloned();
        let headers = header
            .map_err(|err| match too_long(&csv) {
                Some((line, why)) => ImportError::Broken { line, message: why },
                None => ImportError::File(format!("cannot read the header: {err}")),
            })?
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
        Ok(CsvTableReader {
            csv,
            headers,
            record: csv::ByteRecord::new(),
            inside_quotes,
            finished: false,
            delimiter,
        })
    }

    /// The headers, for [`map_headers`].
    pub fn header_refs(&self) -> Vec<&str> {
        self.headers.iter().map(String::as_str).collect()
    }
}

impl<R: Read> Iterator for CsvTableReader<R> {
    type Item = Result<Row, ImportError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.csv.read_byte_record(&mut self.record) {
                Ok(false) if self.finished || !self.inside_quotes.get() => return None,
                Ok(false) => {
                    self.finished = true;
                    let line = self.csv.position().line();
                    return Some(Err(ImportError::Broken {
                        line,
                        message: "the file ends inside a quoted field: it looks cut off"
                            .to_string(),
                    }));
                }
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
                    if self.record.len() > self.headers.len() {
                        return Some(Err(ImportError::Row {
                            line,
                            message: format!(
                                "the row has {} fields but the header has {} (a value with a {} in it must be in quotes)",
                                self.record.len(),
                                self.headers.len(),
                                match self.delimiter {
                                    b';' => "semicolon",
                                    b'\t' => "tab",
                                    _ => "comma",
                                }
                            ),
                        }));
                    }
                    // One buffer for the whole row: cheap in million-row imports.
                    let fields = csv::StringRecord::from_byte_record(self.record.clone());
                    return Some(fields.map(|fields| Row { line, fields }).map_err(|_| {
                        ImportError::Row {
                            line,
                            message: "not UTF-8 text (save the file as \"CSV UTF-8\")".to_string(),
                        }
                    }));
                }
                Err(_) if self.finished => return None,
                Err(err) => {
                    if let Some((line, message)) = too_long(&self.csv) {
                        // Nothing after a row cut short can be read.
                        self.finished = true;
                        return Some(Err(ImportError::Broken { line, message }));
                    }
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

/// Why reading stopped, when a row grew past the limit.
fn too_long<R: Read>(csv: &csv::Reader<BufReader<Quotes<CrlfToLf<R>>>>) -> Option<(u64, String)> {
    csv.get_ref()
        .get_ref()
        .row
        .refusal()
        .map(|(line, why)| (line, why.to_string()))
}

/// The separator the first line has most of: `;` (what Finnish Excel writes), a tab (Excel's
/// "Unicode text", LinkedIn's 2018 export) or `,`.
fn detect_delimiter(peek: &[u8]) -> u8 {
    let first_line = peek.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |needle: u8| first_line.iter().filter(|&&b| b == needle).count();
    let mut best = b',';
    for candidate in [b';', b'\t'] {
        if count(candidate) > count(best) {
            best = candidate;
        }
    }
    best
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

    fn rows(text: &str, escape: Option<u8>) -> Vec<Result<Row, ImportError>> {
        CsvTableReader::with_escape(text.as_bytes(), escape)
            .unwrap()
            .collect()
    }

    #[test]
    fn a_file_cut_off_inside_quotes_is_broken() {
        let whole = rows("a,b\n1,\"x\ny\"\n2,\"z \"\"q\"\"\"\n", None);
        assert!(whole.iter().all(Result::is_ok), "{whole:?}");
        assert_eq!(whole.len(), 2);
        let cut = rows("a,b\n1,\"x\ny\"\n2,\"z is cut", None);
        assert!(
            matches!(cut.last(), Some(Err(ImportError::Broken { .. }))),
            "{cut:?}"
        );
        let cut = rows("a;b\n1;\"x;y", None);
        assert!(
            matches!(cut.last(), Some(Err(ImportError::Broken { .. }))),
            "{cut:?}"
        );
        // An escaped quote does not close the field.
        let escaped = rows("a,b\n1,\"say \\\"hi\\\" now\"\n", Some(b'\\'));
        assert!(escaped.iter().all(Result::is_ok), "{escaped:?}");
        let cut = rows("a,b\n1,\"say \\\"hi", Some(b'\\'));
        assert!(
            matches!(cut.last(), Some(Err(ImportError::Broken { .. }))),
            "{cut:?}"
        );
        // A quote inside an unquoted field is text.
        let inch = rows("a,b\n1,5\" screen\n", None);
        assert!(inch.iter().all(Result::is_ok), "{inch:?}");
    }

    #[test]
    fn a_row_past_the_limit_is_broken_with_its_line_and_a_short_excerpt() {
        let long = "z".repeat(crate::import::limits::MAX_ENTRY_BYTES as usize);
        let text = format!("a,b\n1,2\n3,\"multi\nline {long}\"\n5,6\n");
        let read = rows(&text, None);
        assert!(read[0].is_ok(), "{read:?}");
        let Some(Err(ImportError::Broken { line, message })) = read.get(1) else {
            panic!("{read:?}")
        };
        assert_eq!(*line, 3);
        assert!(
            message.starts_with("the row is longer than 1 MiB"),
            "{message}"
        );
        assert!(
            message.contains("it starts \"3,\"multi\\nline zzz"),
            "{message}"
        );
        assert!(message.len() < 200);
        assert_eq!(read.len(), 2, "nothing is read after it");
        // A long header is refused too.
        let err = CsvTableReader::new(format!("{long}z").as_bytes())
            .err()
            .unwrap();
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn detects_the_delimiter_from_the_header() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b\n"), b',');
        assert_eq!(detect_delimiter(b""), b',');
    }

    #[test]
    fn a_row_with_more_fields_than_the_header_is_bad() {
        let read = rows("name,email\nAino,a@x.fi\nMäkelä, Aino,a@x.fi\nBo\n", None);
        assert!(read[0].is_ok() && read[2].is_ok(), "{read:?}");
        let err = read[1].as_ref().unwrap_err().to_string();
        assert_eq!(
            err,
            "line 3: the row has 3 fields but the header has 2 (a value with a comma in it must be in quotes)"
        );
        let read = rows("a;b\n1;2;3\n", None);
        assert!(
            read[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("semicolon")
        );
        // A tab-separated file (Excel's "Unicode text") is told about tabs, not commas.
        let read = rows("a\tb\n1\t2\t3\n", None);
        let err = read[0].as_ref().unwrap_err().to_string();
        assert!(err.contains("a value with a tab in it"), "{err}");
    }
}
