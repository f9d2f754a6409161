//! `jdgen completions SHELL` and `jdgen man`: the command line described for shells and `man`, from the clap definitions.

use clap::CommandFactory;

use super::{exit, write_stdout};
use crate::cli::Cli;
use crate::error::Result;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Result<i32> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "jdgen", &mut script);
    write_stdout(&script)?;
    Ok(exit::SUCCESS)
}

/// Prints the man page (roff): synopsis, options, and the list of subcommands.
pub fn man() -> Result<i32> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .expect("rendering a man page into memory cannot fail");
    write_stdout(&page)?;
    Ok(exit::SUCCESS)
}
