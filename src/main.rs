//! The `jdgen` binary: parse arguments, run, print errors, choose the exit code.

use std::io::IsTerminal;

use clap::Parser;
use jdgen::commands::{self, exit};
use jdgen::Error;

fn main() {
    let cli = jdgen::cli::Cli::parse();
    install_error_reporter();
    let code = match commands::run(cli) {
        Ok(code) => code,
        // The reader went away (`jdgen … | head`): nothing more to say.
        Err(Error::BrokenPipe) => exit::SUCCESS,
        Err(error) => {
            eprintln!("{:?}", miette::Report::new(error));
            exit::BAD_INPUT
        }
    };
    std::process::exit(code);
}

/// Errors quote the offending line. On a terminal: colour (unless NO_COLOR is
/// set), Unicode and wrapping; elsewhere plain ASCII, one line per message, so
/// logs and scripts can grep them.
fn install_error_reporter() {
    let terminal = std::io::stderr().is_terminal();
    let color = terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
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
