//! Waiting for another command's lock: a busy handler that says once on stderr that it
//! waits, and gives up after the configured bound (`busy_timeout_ms`).
//!
//! SQLite takes a plain function as its busy handler, so the bound lives here, once per
//! process (amb opens one database per run).

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rusqlite::Connection;

/// How long to wait, in milliseconds.
static TIMEOUT_MS: AtomicU64 = AtomicU64::new(5000);
/// Whether to say on stderr that amb waits (not with `--quiet`).
static ANNOUNCE: AtomicBool = AtomicBool::new(true);
/// Whether it has been said already in this run.
static ANNOUNCED: AtomicBool = AtomicBool::new(false);
/// While set, a busy lock is given up at once (the checkpoint after a write).
static NO_WAIT: AtomicBool = AtomicBool::new(false);
/// When the current wait began.
static WAIT_STARTED: Mutex<Option<Instant>> = Mutex::new(None);

/// What a waiting command prints on stderr, once.
pub const WAITING: &str = "amb: waiting for another amb command to finish…";

/// Installs the handler on `conn`, waiting up to `timeout`.
pub fn install(conn: &mut Connection, timeout: Duration, announce: bool) -> rusqlite::Result<()> {
    TIMEOUT_MS.store(
        u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX),
        Ordering::Relaxed,
    );
    ANNOUNCE.store(announce, Ordering::Relaxed);
    conn.busy_handler(Some(wait))
}

/// Runs `work` with waits given up at once.
pub fn without_waiting<T>(work: impl FnOnce() -> T) -> T {
    NO_WAIT.store(true, Ordering::Relaxed);
    let value = work();
    NO_WAIT.store(false, Ordering::Relaxed);
    value
}

/// SQLite's busy handler: `tries` is how often it was called for this lock before.
/// Returns whether to try again.
fn wait(tries: i32) -> bool {
    if NO_WAIT.load(Ordering::Relaxed) {
        return false;
    }
    let now = Instant::now();
    let started = {
        let mut started = WAIT_STARTED.lock().unwrap_or_else(|e| e.into_inner());
        if tries == 0 || started.is_none() {
            *started = Some(now);
        }
        started.unwrap_or(now)
    };
    let timeout = Duration::from_millis(TIMEOUT_MS.load(Ordering::Relaxed));
    let waited = now.duration_since(started);
    if waited >= timeout {
        return false;
    }
    if tries == 0 && ANNOUNCE.load(Ordering::Relaxed) && !ANNOUNCED.swap(true, Ordering::Relaxed) {
        eprintln!("{WAITING}");
    }
    // Short sleeps first (most locks are short), then at most 50 ms.
    let pause = Duration::from_millis(1u64 << tries.clamp(0, 6)).min(Duration::from_millis(50));
    std::thread::sleep(pause.min(timeout - waited));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::TransactionBehavior;

    #[test]
    fn a_second_writer_waits_up_to_the_bound_and_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("busy.sqlite");
        let mut first = Connection::open(&path).unwrap();
        first.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
        let mut second = Connection::open(&path).unwrap();
        install(&mut second, Duration::from_millis(100), false).unwrap();
        let tx = first
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .unwrap();
        let started = Instant::now();
        let err = second.execute_batch("BEGIN IMMEDIATE").unwrap_err();
        assert!(crate::error::is_busy(&err), "{err}");
        assert!(started.elapsed() >= Duration::from_millis(100));
        tx.commit().unwrap();
        second.execute_batch("BEGIN IMMEDIATE; COMMIT").unwrap();
    }
}
