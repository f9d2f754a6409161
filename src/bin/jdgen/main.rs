//! The `jdgen` binary: parse arguments, run, print errors, choose the exit code.
//!
//! clap lives here only: `cli` is the command line as clap definitions, `commands` runs each
//! subcommand with the library; neither is part of the library's API.

// As in the library: errors carry their excerpt and are the cold path.
#![allow(clippy::result_large_err)]

use std::io::IsTerminal;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};
use jdgen::{exit, ui, Error};

mod cli;
mod commands;

/// mimalloc rather than the system allocator: a batch allocates and frees the same
/// large buffers (deflate state) thousands of times, which glibc's malloc turns into
/// fragmentation (resident memory grew by ~45 KB per DOCX) and slow page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // clap's help and usage errors follow the same colour rule as everything
    // else: it checks each stream for a terminal itself; NO_COLOR we decide.
    let color = match ui::no_color_requested() {
        true => clap::ColorChoice::Never,
        false => clap::ColorChoice::Auto,
    };
    let matches = cli::Cli::command().color(color).get_matches();
    let cli = cli::Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    install_error_reporter();
    ExitCode::from(exit_code(std::panic::catch_unwind(|| commands::run(cli))))
}

/// The exit code of a run (see `jdgen::exit`), having said what went wrong. A panic has
/// already been printed by Rust's hook; it is a bug, and says so.
fn exit_code(outcome: std::thread::Result<jdgen::Result<u8>>) -> u8 {
    match outcome {
        Ok(Ok(code)) => code,
        // The reader went away (`jdgen … | head`): nothing more to say.
        Ok(Err(Error::BrokenPipe)) => exit::SUCCESS,
        Ok(Err(error)) => {
            ui::print_error(&error);
            error.exit_code()
        }
        Err(_) => {
            eprintln!(
                "jdgen: internal error (a bug in jdgen, not in your files); please report it with the message above at {}/issues",
                env!("CARGO_PKG_REPOSITORY")
            );
            exit::INTERNAL
        }
    }
}

/// Errors quote the offending line. On a terminal: colour (by the one rule in
/// `ui`), Unicode and wrapping; elsewhere plain ASCII, one line per message, so
/// logs and scripts can grep them.
fn install_error_reporter() {
    let terminal = std::io::stderr().is_terminal();
    let color = ui::color_allowed(terminal);
    let _ = miette::set_hook(Box::new(move |_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .terminal_links(false)
                .force_graphical(true)
                .color(color)
                .unicode(terminal)
                .wrap_lines(terminal)
                .build(),
        )
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_outcome_has_its_exit_code() {
        assert_eq!(exit_code(Ok(Ok(exit::FINDINGS))), exit::FINDINGS);
        assert_eq!(exit_code(Ok(Err(Error::BrokenPipe))), exit::SUCCESS);
        assert_eq!(exit_code(Ok(Err(Error::Usage("bad flag".into())))), exit::BAD_INPUT);
        let write = Error::Write {
            path: "out.md".into(),
            reason: "No space left on device".into(),
        };
        assert_eq!(exit_code(Ok(Err(write))), exit::IO_FAILURE);
        let panicked = std::panic::catch_unwind(|| -> jdgen::Result<u8> { panic!("a bug") });
        assert_eq!(exit_code(panicked), exit::INTERNAL);
    }
}
