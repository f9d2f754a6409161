//! Messages to the person at the terminal: how chatty to be (-q/-v) and the one rule for colour.
//!
//! Content (descriptions, completions, man pages) goes to stdout; everything
//! said *about* the run goes to stderr through here, so `-q` and `-v` mean the
//! same thing for every subcommand.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// How much jdgen says on stderr besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only (`-q`).
    Quiet = 0,
    /// Errors and a short line about what was done.
    Normal = 1,
    /// Also which files were read and written (`-v`).
    Verbose = 2,
}

// A process-wide setting, like a logger's level: every module may say
// something, and threading a handle through each signature would touch
// every subcommand for one flag.
static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// Sets how much jdgen says for the rest of the run.
pub fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

/// The verbosity in force.
pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// A message about what was done (suppressed by `-q`).
pub fn note(message: impl std::fmt::Display) {
    if verbosity() >= Verbosity::Normal {
        eprintln!("{message}");
    }
}

/// A detail only `-v` shows: files read and written.
pub fn detail(message: impl std::fmt::Display) {
    if verbosity() >= Verbosity::Verbose {
        eprintln!("{message}");
    }
}

/// The one colour rule: colour only when the stream is a terminal and `NO_COLOR` is unset or empty.
pub fn color_allowed(stream_is_terminal: bool) -> bool {
    stream_is_terminal && !no_color_requested()
}

/// Whether the user asked for no colour (`NO_COLOR` set to anything but the empty string).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// Whether messages on stderr may be coloured.
pub fn stderr_color() -> bool {
    color_allowed(std::io::stderr().is_terminal())
}

/// Whether content on stdout may be coloured.
pub fn stdout_color() -> bool {
    color_allowed(std::io::stdout().is_terminal())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_terminal_no_colour() {
        assert!(!color_allowed(false));
    }
}
