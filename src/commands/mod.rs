//! What each subcommand does, given parsed arguments; each returns the exit code.

mod generate;
mod lint;
mod list;

use std::io::Write;

use crate::catalog::Catalog;
use crate::cli::{Cli, Command};
use crate::error::{Error, Result};

/// Exit codes, documented in the README.
pub mod exit {
    /// Everything worked.
    pub const SUCCESS: i32 = 0;
    /// Some jobs failed (batch) or lint found problems.
    pub const FINDINGS: i32 = 1;
    /// Bad input or usage.
    pub const BAD_INPUT: i32 = 2;
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<i32> {
    let catalog = Catalog::load(cli.catalog.as_deref())?;
    match cli.command {
        Command::Generate(args) => generate::run(&catalog, cli.catalog.as_deref(), &args),
        Command::List { what } => list::run(&catalog, what),
        Command::Lint(args) => lint::run(cli.catalog.as_deref(), &args),
    }
}

/// Writes to standard output; a closed pipe (`jdgen … | head`) ends the run quietly.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(Error::BrokenPipe),
        Err(e) => Err(Error::Write {
            path: "<stdout>".into(),
            reason: e.to_string(),
        }),
    }
}
