//! Parsers of files people hand over: pure functions from bytes to typed rows.

pub mod activities;
pub mod attribute;
pub mod facebook;
#[cfg(test)]
mod fuzz;
pub mod importer;
pub mod limits;
pub mod linkedin;
pub mod mastodon;
pub mod order;
pub mod people;
pub mod pipeline;
pub mod post;
pub mod source;
pub mod table;
pub mod x;

/// A problem with a file as a whole, or with one row (with its line number).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.to_bad_row())]
pub enum ImportError {
    File(String),
    Row {
        line: u64,
        message: String,
    },
    /// The CSV structure itself is broken here; nothing after it can be read reliably.
    Broken {
        line: u64,
        message: String,
    },
}

impl ImportError {
    /// The row (or the file as a whole) as a bad-rows report lists it.
    pub fn to_bad_row(&self) -> crate::error::BadRow {
        let (line, message) = match self {
            ImportError::File(message) => (None, message.clone()),
            ImportError::Row { line, message } => (Some(*line), message.clone()),
            ImportError::Broken { line, message } => {
                (Some(*line), format!("cannot read the row: {message}"))
            }
        };
        crate::error::BadRow { line, message }
    }
}

/// The report of every bad row of `file`: nothing was imported.
pub fn bad_rows(file: &str, errors: &[ImportError]) -> crate::error::BadRows {
    crate::error::BadRows {
        file: file.to_string(),
        rows: errors.iter().map(ImportError::to_bad_row).collect(),
        more: 0,
    }
}

/// Bad rows as an import finds them: the first [`RowErrors::KEPT`] in full, the rest only
/// counted, so that a file of a million bad rows does not fill memory.
#[derive(Debug, Default)]
pub struct RowErrors {
    kept: Vec<ImportError>,
    more: usize,
}

impl RowErrors {
    /// Bad rows kept with their messages.
    pub const KEPT: usize = 1000;

    pub fn push(&mut self, error: ImportError) {
        if self.kept.len() < RowErrors::KEPT {
            self.kept.push(error);
        } else {
            self.more += 1;
        }
    }

    pub fn is_empty(&self) -> bool {
        self.kept.is_empty()
    }

    pub fn first(&self) -> Option<&ImportError> {
        self.kept.first()
    }

    /// The report of the bad rows of `file`: nothing was imported.
    pub fn report(&self, file: &str) -> crate::error::BadRows {
        crate::error::BadRows {
            more: self.more,
            ..bad_rows(file, &self.kept)
        }
    }
}

use std::io::{self, Read};

/// Turns CRLF line ends into LF while streaming, so that the `csv` crate's line numbers are
/// right for files saved on Windows (it counts one line too few after each CRLF record).
/// A lone CR is kept.
pub struct CrlfToLf<R> {
    inner: R,
    pending_cr: bool,
}

impl<R: Read> CrlfToLf<R> {
    pub fn new(inner: R) -> CrlfToLf<R> {
        CrlfToLf {
            inner,
            pending_cr: false,
        }
    }
}

impl<R: Read> Read for CrlfToLf<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if buf.len() < 2 {
            // Too small to hold a CR back and still make progress; callers buffer anyway.
            if std::mem::take(&mut self.pending_cr) && !buf.is_empty() {
                buf[0] = b'\r';
                return Ok(1);
            }
            return self.inner.read(buf);
        }
        loop {
            let mut len = 0;
            if std::mem::take(&mut self.pending_cr) {
                buf[0] = b'\r';
                len = 1;
            }
            let read = self.inner.read(&mut buf[len..])?;
            if read == 0 {
                return Ok(len);
            }
            len += read;
            if !buf[..len].contains(&b'\r') {
                return Ok(len);
            }
            let mut write = 0;
            for i in 0..len {
                let byte = buf[i];
                if byte == b'\r' {
                    if i + 1 == len {
                        self.pending_cr = true;
                        continue;
                    }
                    if buf[i + 1] == b'\n' {
                        continue;
                    }
                }
                buf[write] = byte;
                write += 1;
            }
            if write > 0 {
                return Ok(write);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Hands out its bytes in the given chunk sizes, to split CRLF pairs across reads.
    struct Chunked {
        data: Vec<u8>,
        sizes: Vec<usize>,
        at: usize,
        turn: usize,
    }

    impl Read for Chunked {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.turn % self.sizes.len()].min(buf.len());
            self.turn += 1;
            let end = (self.at + size).min(self.data.len());
            let n = end - self.at;
            buf[..n].copy_from_slice(&self.data[self.at..end]);
            self.at = end;
            Ok(n)
        }
    }

    fn naive(data: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < data.len() {
            if data[i] == b'\r' && data.get(i + 1) == Some(&b'\n') {
                i += 1;
                continue;
            }
            out.push(data[i]);
            i += 1;
        }
        out
    }

    #[test]
    fn row_errors_keep_the_first_and_count_the_rest() {
        let mut errors = RowErrors::default();
        assert!(errors.is_empty());
        for line in 1..=RowErrors::KEPT as u64 + 5 {
            errors.push(ImportError::Row {
                line,
                message: "bad".into(),
            });
        }
        let report = errors.report("a.csv");
        assert_eq!(report.rows.len(), RowErrors::KEPT);
        assert_eq!(report.more, 5);
        assert!(report.to_string().starts_with("a.csv: 1005 bad rows"));
    }

    proptest! {
        #[test]
        fn equals_replacing_crlf_whatever_the_read_sizes(
            data in proptest::collection::vec(prop_oneof![Just(b'\r'), Just(b'\n'), any::<u8>()], 0..200),
            sizes in proptest::collection::vec(1usize..7, 1..5),
            buffer in 2usize..16,
        ) {
            let mut reader = CrlfToLf::new(Chunked { data: data.clone(), sizes, at: 0, turn: 0 });
            let mut out = Vec::new();
            let mut buf = vec![0u8; buffer];
            loop {
                let n = reader.read(&mut buf).unwrap();
                if n == 0 { break; }
                out.extend_from_slice(&buf[..n]);
            }
            prop_assert_eq!(out, naive(&data));
        }
    }
}
