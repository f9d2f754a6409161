//! The exit codes of `jdgen`, documented in the README's "Exit codes" table and the man page.
//!
//! Codes above 1 are ordered by how far the fault is from the user's input: when a run meets
//! several errors it exits with the largest, so a failed disk or a bug is never reported as
//! a typo. sysexits.h values (64-78) are not used: 2 for bad usage is what clap, grep and
//! ripgrep already exit with, and scripts test small codes.

/// Everything worked.
pub const SUCCESS: u8 = 0;
/// Some jobs failed or were not written (batch, site), lint found problems at or above
/// `--deny`, or a run was interrupted.
pub const FINDINGS: u8 = 1;
/// Bad input or usage: a file, field or flag to fix; also an input past a limit and an
/// output folder another run holds.
pub const BAD_INPUT: u8 = 2;
/// A file that exists could not be read, or one could not be written (a full disk, a
/// folder without write permission, a closed device), so the whole run failed.
pub const IO_FAILURE: u8 = 3;
/// An internal error: a bug in jdgen (a panic, or a package jdgen builds in memory that
/// did not assemble). Please report it.
pub const INTERNAL: u8 = 4;
