//! What each subcommand does, given parsed arguments; each returns the exit code.

mod batch;
mod check;
mod compare;
mod generate;
mod init;
mod lint;
mod list;
mod new;
mod reference;
mod site;

use std::io::Write;

use miette::Diagnostic;

use crate::cli::{Cli, Command, LookArgs};
use jdgen::catalog::Catalog;
use jdgen::error::{Error, Result};
use jdgen::exit;
use jdgen::render::{Format, RenderOptions};

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<u8> {
    jdgen::ui::set_verbosity(match (cli.quiet, cli.verbose) {
        (true, _) => jdgen::ui::Verbosity::Quiet,
        (false, true) => jdgen::ui::Verbosity::Verbose,
        (false, false) => jdgen::ui::Verbosity::Normal,
    });
    let catalog_dir = cli.catalog.as_deref();
    // Only commands that render load the catalog: init, check and the
    // reference pages must work when it is missing or broken.
    let catalog = || Catalog::load(catalog_dir).inspect(|c| detail_stale_copies(c.stale_copies()));
    // The handler is a thread of its own: only for commands that write files (generate to
    // standard output writes none, and is called in loops by scripts).
    let writes_files = match &cli.command {
        Command::Generate(args) => args.output.is_some() || args.out_dir.is_some(),
        Command::Batch(_) | Command::Site(_) => true,
        _ => false,
    };
    if writes_files {
        jdgen::interrupt::install();
    }
    match cli.command {
        Command::Generate(args) => generate::run(catalog_dir, &args),
        Command::Batch(args) => batch::run(&catalog()?, catalog_dir, &args),
        Command::Site(args) => site::run(&catalog()?, &args),
        Command::List { what } => list::run(&catalog()?, what),
        Command::Init { dir, force, only } => init::run(&dir, force, &only),
        Command::Check => check::run(catalog_dir),
        Command::New => new::run(&catalog()?),
        Command::Completions { shell } => reference::completions(catalog_dir, shell),
        Command::Man { out_dir } => reference::man(out_dir.as_deref()),
        Command::Lint(args) => lint::run(catalog_dir, &args),
        Command::Compare(args) => compare::run(&catalog()?, &args),
    }
}

/// Under `-v`, names the files of the user's catalog folder that are the same as the
/// built-in ones or older (they hide the built-in files' updates); `check` always does.
pub(crate) fn detail_stale_copies(stale: &[jdgen::catalog::StaleCopy]) {
    for copy in stale {
        jdgen::ui::detail(copy);
    }
}

/// The render options `look` asks for, checked against the formats being written.
pub(crate) fn render_options(look: &LookArgs, formats: &[Format]) -> Result<RenderOptions> {
    if look.css.is_some() && !formats.contains(&Format::Html) {
        return Err(Error::Usage(
            "--css styles the careers page; add html to --format (e.g. --format md,html)".into(),
        ));
    }
    Ok(RenderOptions {
        stylesheet: look
            .css
            .as_deref()
            .map(jdgen::render::html::load_stylesheet)
            .transpose()?,
        page: look.page.map(Into::into),
    })
}

/// " (id pm-senior)" for a job that has an id, for the lines that name a job.
pub(crate) fn id_note(outcome: &jdgen::batch::JobOutcome) -> String {
    outcome
        .id
        .as_deref()
        .map(|id| format!(" (id {id})"))
        .unwrap_or_default()
}

/// The lines of a failed batch or site job: its place and id, then every problem with its
/// help, so the job is fixed in one pass.
pub(crate) fn print_job_failure(manifest: &str, outcome: &jdgen::batch::JobOutcome, error: &Error) {
    let head = format!("failed: job at {} of {manifest}{}", outcome.place, id_note(outcome));
    let help = |error: &Error| {
        if let Some(help) = error.help() {
            eprintln!("        help: {}", jdgen::ui::for_message(&help.to_string()));
        }
    };
    match error {
        Error::Problems { problems } => {
            eprintln!(
                "{}",
                jdgen::ui::for_message(&format!("{head}: {} problems:", problems.len()))
            );
            for problem in problems {
                eprintln!("{}", jdgen::ui::for_message(&format!("  - {problem}")));
                help(problem);
            }
        }
        error => {
            eprintln!("{}", jdgen::ui::for_message(&format!("{head}: {error}")));
            help(error);
        }
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
