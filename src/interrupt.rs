//! Ctrl-C, handled so that it never leaves anything half done: while a write transaction or
//! a file written whole is under way, SIGINT only sets a flag; every running SQL statement
//! checks it (a progress handler) and stops, the transaction rolls back, half-written files
//! are removed, and the command ends with "interrupted; nothing was …" and exit 130.
//! Outside such work — or at a second Ctrl-C — amb exits at once: there is nothing to lose.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);
/// How many pieces of work that must not be cut off are under way.
static GUARDED: AtomicUsize = AtomicUsize::new(0);

/// Installs the SIGINT handler (once, from `main`).
pub fn install() {
    let _ = ctrlc::set_handler(|| {
        let again = REQUESTED.swap(true, Ordering::SeqCst);
        if again || GUARDED.load(Ordering::SeqCst) == 0 {
            eprintln!("amb: interrupted");
            std::process::exit(i32::from(crate::error::EXIT_INTERRUPTED));
        }
    });
}

/// Whether Ctrl-C was pressed.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::Relaxed)
}

/// Work that Ctrl-C must not cut off but stop cleanly, for as long as the guard lives.
pub struct Guard(());

impl Guard {
    pub fn new() -> Guard {
        GUARDED.fetch_add(1, Ordering::SeqCst);
        Guard(())
    }
}

impl Default for Guard {
    fn default() -> Guard {
        Guard::new()
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        GUARDED.fetch_sub(1, Ordering::SeqCst);
    }
}
