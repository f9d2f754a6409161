//! Ctrl-C, SIGTERM and SIGHUP: a batch finishes the jobs in hand and reports; anything else,
//! or a second signal, removes the temporary files being written and ends the run.
//!
//! Without this a signal ends the process where it stands, leaving `.jdgen-*.tmp` files
//! behind (never a half-written file under a final name: see `fsio::AtomicFile`).

use std::sync::atomic::{AtomicBool, Ordering};

/// Set while a batch runs: a first signal then only asks it to stop.
static GRACEFUL: AtomicBool = AtomicBool::new(false);
/// Set by a first signal during a batch.
static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler; for commands that write files.
pub fn install() {
    // Only one handler per process: a second install (tests calling twice) changes nothing.
    let _ = ctrlc::set_handler(handle);
}

fn handle() {
    if GRACEFUL.load(Ordering::SeqCst) && !REQUESTED.swap(true, Ordering::SeqCst) {
        eprintln!("\njdgen: stopping after the jobs in progress; press Ctrl-C again to stop at once");
        return;
    }
    crate::fsio::remove_in_flight();
    eprintln!("\njdgen: interrupted; no file was left half-written");
    std::process::exit(crate::exit::FINDINGS.into());
}

/// Whether a signal asked the batch in progress to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}

/// While this lives, a first signal asks the batch to stop instead of ending the process.
pub struct Graceful(());

impl Graceful {
    /// Starts a stretch of work that stops at the next job boundary.
    pub fn start() -> Graceful {
        GRACEFUL.store(true, Ordering::SeqCst);
        Graceful(())
    }
}

impl Drop for Graceful {
    fn drop(&mut self) {
        GRACEFUL.store(false, Ordering::SeqCst);
    }
}
