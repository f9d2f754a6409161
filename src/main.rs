//! The `jdgen` binary: parse arguments, run, print errors, choose the exit code.

use std::io::IsTerminal;

use clap::{CommandFactory, FromArgMatches};
use jdgen::commands::{self, exit};
use jdgen::{ui, Error};

/// mimalloc rather than the system allocator: a batch allocates and frees the same
/// large buffers (deflate state) thousands of times, which glibc's malloc turns into
/// fragmentation (resident memory grew by ~45 KB per DOCX) and slow page faults.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // clap's help and usage errors follow the same colour rule as everything
    // else: it checks each stream for a terminal itself; NO_COLOR we decide.
    let color = match ui::no_color_requested() {
        true => clap::ColorChoice::Never,
        false => clap::ColorChoice::Auto,
    };
    let matches = jdgen::cli::Cli::command().color(color).get_matches();
    let cli = jdgen::cli::Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    install_error_reporter();
    let code = match commands::run(cli) {
        Ok(code) => code,
        // The reader went away (`jdgen … | head`): nothing more to say.
        Err(Error::BrokenPipe) => exit::SUCCESS,
        Err(error) => {
            ui::print_error(&error);
            exit::BAD_INPUT
        }
    };
    std::process::exit(code);
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
