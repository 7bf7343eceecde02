//! The bounds that keep memory and time in check whatever a file holds (README, "Limits"):
//! one row or entry is read at a time and may not grow past a size, and archives are
//! unpacked under a budget that a bomb cannot outgrow.

use std::cell::RefCell;
use std::io::{self, Read};
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

/// A CSV row, or one JSON entry of an export (a post, a tweet, an activity), larger than
/// this is refused. Real entries are a few kilobytes.
pub const MAX_ENTRY_BYTES: u64 = 1 << 20;
/// The files of an export read from an archive may unpack to this much together.
pub const MAX_UNPACKED_BYTES: u64 = 1 << 30;
/// Unpacked bytes per packed byte above which a stretch of an archive is taken for a bomb.
/// Text compresses 5 to 20 times; a bomb of zeros a thousand times.
pub const MAX_RATIO: u64 = 100;
/// The stretch over which the ratio is measured.
pub const RATIO_WINDOW: u64 = 4 << 20;
/// Entries a zip archive may list (the central directory is read whole).
pub const MAX_ARCHIVE_ENTRIES: usize = 100_000;
/// Characters of a refused row or entry quoted in the message.
const EXCERPT_CHARS: usize = 60;

/// `1 MiB`, `1 GiB`: a limit as the messages and README state it.
pub fn size_text(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

/// The start of a refused row or entry, quoted, as printable text of at most
/// `EXCERPT_CHARS` characters (control characters escaped), with `…` when cut.
pub fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut out = String::new();
    let mut chars = text.trim_start_matches('\u{feff}').trim_start().chars();
    for c in chars.by_ref().take(EXCERPT_CHARS) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    let cut = chars.next().is_some() || bytes.len() as u64 >= HEAD_BYTES as u64;
    format!("\"{out}{}\"", if cut { "…" } else { "" })
}

/// Bytes kept of an entry's start, for its excerpt (enough for `EXCERPT_CHARS` characters).
const HEAD_BYTES: usize = EXCERPT_CHARS * 4;

/// Where one entry (a row, a JSON value) stands: its length so far, its first line and
/// first bytes, and the refusal once it is too long.
#[derive(Debug)]
pub struct EntryBound {
    limit: u64,
    what: &'static str,
    len: u64,
    line: u64,
    start_line: Option<u64>,
    head: Vec<u8>,
    /// Between entries: bytes are passed over, not kept, and not counted.
    paused: bool,
    /// The line where the entry that grew too long starts, and what is wrong with it.
    exceeded: Option<(u64, String)>,
}

impl EntryBound {
    /// A bound of `MAX_ENTRY_BYTES` on each `what` ("row", "entry").
    pub fn new(what: &'static str) -> EntryBound {
        EntryBound::with_limit(what, MAX_ENTRY_BYTES)
    }

    fn with_limit(what: &'static str, limit: u64) -> EntryBound {
        EntryBound {
            limit,
            what,
            len: 0,
            line: 1,
            start_line: None,
            head: Vec::new(),
            paused: false,
            exceeded: None,
        }
    }

    /// A new entry begins after the bytes taken so far.
    pub fn start(&mut self) {
        self.len = 0;
        self.start_line = None;
        self.head.clear();
        self.paused = false;
    }

    /// The entry ended: what follows until the next [`EntryBound::start`] is not counted
    /// (the parser passes over it without keeping it).
    pub fn pause(&mut self) {
        self.paused = true;
    }

    /// Counts bytes read into the current entry; an error once it is too long.
    pub fn take(&mut self, bytes: &[u8]) -> io::Result<()> {
        // Inside an entry that stays within its limit: what `take_byte` does, at once.
        let within = self.exceeded.is_none()
            && !self.paused
            && self.start_line.is_some()
            && self.len + bytes.len() as u64 <= self.limit;
        if within {
            let room = HEAD_BYTES.saturating_sub(self.head.len()).min(bytes.len());
            self.head.extend_from_slice(&bytes[..room]);
            self.line += bytes.iter().filter(|&&byte| byte == b'\n').count() as u64;
            self.len += bytes.len() as u64;
            return Ok(());
        }
        for &byte in bytes {
            self.take_byte(byte)?;
        }
        Ok(())
    }

    /// Counts one byte (callers that look at each byte anyway use this).
    pub fn take_byte(&mut self, byte: u8) -> io::Result<()> {
        if self.exceeded.is_some() {
            return Err(self.error());
        }
        if self.paused {
            self.line += u64::from(byte == b'\n');
            return Ok(());
        }
        if self.start_line.is_none() && !byte.is_ascii_whitespace() {
            self.start_line = Some(self.line);
        }
        if self.start_line.is_some() && self.head.len() < HEAD_BYTES {
            self.head.push(byte);
        }
        if byte == b'\n' {
            self.line += 1;
        }
        self.len += 1;
        if self.len > self.limit {
            let what = format!(
                "the {} is longer than {}, more than any real one; it starts {}",
                self.what,
                size_text(self.limit),
                excerpt(&self.head)
            );
            self.exceeded = Some((self.start_line.unwrap_or(self.line), what));
            return Err(self.error());
        }
        Ok(())
    }

    /// Why reading stopped, when an entry was too long: "line N: …".
    pub fn exceeded(&self) -> Option<String> {
        self.refusal()
            .map(|(line, why)| format!("line {line}: {why}"))
    }

    /// The line where the entry that was too long starts, and what is wrong with it.
    pub fn refusal(&self) -> Option<(u64, &str)> {
        self.exceeded
            .as_ref()
            .map(|(line, why)| (*line, why.as_str()))
    }

    fn error(&self) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            self.exceeded().unwrap_or_default(),
        )
    }
}

/// Reads through while an [`EntryBound`] shared with the parser counts the bytes: the
/// parser marks where each entry starts.
pub struct Bounded<R> {
    inner: R,
    bound: Rc<RefCell<EntryBound>>,
}

impl<R: Read> Bounded<R> {
    pub fn new(inner: R, bound: Rc<RefCell<EntryBound>>) -> Bounded<R> {
        Bounded { inner, bound }
    }
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bound.borrow_mut().take(&buf[..n])?;
        Ok(n)
    }
}

/// What an archive may still unpack: the export's own files count against a total, and
/// every stretch of unpacked bytes against the ratio to the packed bytes read for it.
/// Shared by the readers of one archive (they may run on the parser's thread).
#[derive(Debug, Clone)]
pub struct Budget(Arc<Mutex<Tally>>);

#[derive(Debug)]
struct Tally {
    /// Packed bytes read from the archive file so far (counted by [`Packed`]).
    packed: Arc<AtomicU64>,
    total: u64,
    limit: u64,
    /// Where the current ratio window started: packed bytes, and unpacked bytes since.
    window: (u64, u64),
    exceeded: Option<String>,
}

/// What a reader counts against the [`Budget`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Watch {
    /// Unpacked bytes against the ratio only (a whole decompressed stream).
    Ratio,
    /// A file of the export read from a stream already watched: against the total.
    Total,
    /// A file of the export unpacked by itself: both.
    Both,
}

impl Budget {
    /// A budget for an archive whose packed bytes `packed` counts.
    pub fn new(packed: Arc<AtomicU64>) -> Budget {
        Budget::with_limit(packed, MAX_UNPACKED_BYTES)
    }

    fn with_limit(packed: Arc<AtomicU64>, limit: u64) -> Budget {
        let start = packed.load(Ordering::Relaxed);
        Budget(Arc::new(Mutex::new(Tally {
            packed,
            total: 0,
            limit,
            window: (start, 0),
            exceeded: None,
        })))
    }

    fn tally(&self) -> std::sync::MutexGuard<'_, Tally> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Why the archive was refused, once it was: "unpacks to more than …".
    pub fn exceeded(&self) -> Option<String> {
        self.tally().exceeded.clone()
    }

    /// A file of the export, unpacked by itself (a zip entry).
    pub fn part<R: Read>(&self, inner: R) -> Unpacked<R> {
        self.reader(inner, Watch::Both)
    }

    /// A file of the export read out of a stream that [`Budget::stream`] watches.
    pub fn part_of_stream<R: Read>(&self, inner: R) -> Unpacked<R> {
        self.reader(inner, Watch::Total)
    }

    /// A whole decompressed stream (a .tar.gz), files passed over included.
    pub fn stream<R: Read>(&self, inner: R) -> Unpacked<R> {
        self.reader(inner, Watch::Ratio)
    }

    fn reader<R: Read>(&self, inner: R, watch: Watch) -> Unpacked<R> {
        Unpacked {
            inner,
            budget: self.clone(),
            watch,
        }
    }

    fn take(&self, n: u64, watch: Watch) -> io::Result<()> {
        let mut tally = self.tally();
        if tally.exceeded.is_none() {
            if watch != Watch::Ratio {
                tally.total += n;
            }
            if watch != Watch::Total {
                tally.window.1 += n;
            }
            if tally.total > tally.limit {
                tally.exceeded = Some(format!(
                    "unpacks to more than {}, the most amb reads from an archive",
                    size_text(tally.limit)
                ));
            } else if tally.window.1 >= RATIO_WINDOW {
                let packed_now = tally.packed.load(Ordering::Relaxed);
                let packed = packed_now.saturating_sub(tally.window.0).max(1);
                if tally.window.1 / packed > MAX_RATIO {
                    tally.exceeded = Some(format!(
                        "unpacks to more than {MAX_RATIO} times its packed size: an archive bomb, not an export"
                    ));
                }
                tally.window = (packed_now, 0);
            }
        }
        match &tally.exceeded {
            Some(why) => Err(io::Error::other(why.clone())),
            None => Ok(()),
        }
    }
}

/// An archive's file, counting the packed bytes read from it for the [`Budget`].
pub struct Packed<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> Packed<R> {
    pub fn new(inner: R) -> (Packed<R>, Arc<AtomicU64>) {
        let count = Arc::new(AtomicU64::new(0));
        (
            Packed {
                inner,
                count: Arc::clone(&count),
            },
            count,
        )
    }
}

impl<R: Read> Read for Packed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: io::Seek> io::Seek for Packed<R> {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// Unpacked bytes, counted against an archive's [`Budget`].
pub struct Unpacked<R> {
    inner: R,
    budget: Budget,
    watch: Watch,
}

impl<R: Read> Read for Unpacked<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.budget.take(n as u64, self.watch)?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_excerpt_is_short_printable_and_marked_when_cut() {
        assert_eq!(excerpt(b"  {\"a\": 1}"), "\"{\"a\": 1}\"");
        let long = excerpt(&[b'x'; HEAD_BYTES]);
        assert_eq!(long.chars().count(), EXCERPT_CHARS + 3, "{long}");
        assert!(long.ends_with("…\""));
        assert_eq!(excerpt(b"a\0b\x1b"), "\"a\\u{0}b\\u{1b}\"");
        assert_eq!(size_text(1 << 20), "1 MiB");
        assert_eq!(size_text(3 << 30), "3 GiB");
        assert_eq!(size_text(64 << 10), "64 KiB");
        assert_eq!(size_text(1000), "1000 bytes");
    }

    #[test]
    fn an_entry_longer_than_the_limit_is_refused_with_its_line_and_start() {
        let mut bound = EntryBound::with_limit("entry", 10);
        bound.take(b"[1,\n").unwrap();
        bound.start();
        bound.take(b"\n\"0123456").unwrap();
        let err = bound.take(b"789abc").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        let why = bound.exceeded().unwrap();
        assert!(
            why.starts_with("line 3: the entry is longer than 10 bytes"),
            "{why}"
        );
        assert!(why.ends_with("starts \"\"012345678\""), "{why}");
        assert!(bound.take(b"x").is_err(), "stays refused");
    }

    #[test]
    fn entries_under_the_limit_pass_whatever_their_total() {
        let mut bound = EntryBound::with_limit("row", 8);
        for _ in 0..3 {
            bound.take(b"0123456\n").unwrap();
            bound.start();
        }
        assert!(bound.exceeded().is_none());
        bound.pause();
        bound.take(&[b'\n'; 20]).unwrap();
        bound.start();
        bound.take(b"0123456\n").unwrap();
        bound.take(b"x").unwrap_err();
        assert!(bound.exceeded().unwrap().starts_with("line 24:"));
    }

    #[test]
    fn the_budget_refuses_a_bomb_and_an_oversized_export() {
        let packed = Arc::new(AtomicU64::new(0));
        let budget = Budget::with_limit(Arc::clone(&packed), 1 << 40);
        packed.store(RATIO_WINDOW / 1000, Ordering::Relaxed);
        let err = budget.take(RATIO_WINDOW, Watch::Ratio).unwrap_err();
        assert!(err.to_string().contains("archive bomb"), "{err}");
        assert!(budget.take(1, Watch::Total).is_err(), "stays refused");

        let packed = Arc::new(AtomicU64::new(0));
        let budget = Budget::with_limit(Arc::clone(&packed), 100);
        packed.store(1 << 30, Ordering::Relaxed);
        budget.take(1000, Watch::Ratio).unwrap();
        budget.take(100, Watch::Total).unwrap();
        let err = budget.take(1, Watch::Both).unwrap_err();
        assert!(err.to_string().contains("more than 100 bytes"), "{err}");
        assert!(budget.exceeded().is_some());
    }

    #[test]
    fn ordinary_text_is_within_the_ratio() {
        let packed = Arc::new(AtomicU64::new(0));
        let budget = Budget::new(Arc::clone(&packed));
        for step in 1..=4 {
            packed.store(step * RATIO_WINDOW / 20, Ordering::Relaxed);
            budget.take(RATIO_WINDOW, Watch::Both).unwrap();
        }
        assert!(budget.exceeded().is_none());
    }
}
