//! `jdgen batch`: a manifest in, a folder of postings out, with a progress bar and a summary.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::exit;
use crate::cli::BatchArgs;
use jdgen::batch::{self, report, BatchOptions, JobOutcome, Skipped, Status};
use jdgen::catalog::Catalog;
use jdgen::error::Result;
use jdgen::lint::output::Counts;
use jdgen::render::Format;
use jdgen::ui;

/// At most this many jobs an interruption left unwritten are named one by one.
const SKIPPED_SHOWN: usize = 20;

/// Runs the batch; exit 1 when any job failed or was not written.
pub fn run(catalog: &Catalog, catalog_dir: Option<&Path>, args: &BatchArgs) -> Result<u8> {
    let started = Instant::now();
    let formats = Format::parse_list(&args.format)?;
    let render = super::render_options(&args.look, &formats)?;
    let mut manifest = batch::read_manifest(&args.manifest, args.company.as_deref())?;
    manifest.flags = jdgen::resolve::set_flag_layers(&args.set)?;
    let lint = match args.lint {
        false => None,
        // The company's `lint: {disable: [...]}` applies to every job of the manifest.
        true => Some(super::lint::rules_for(catalog_dir, &manifest.shared_layers())?),
    };
    let options = BatchOptions {
        out_dir: args.out_dir.clone(),
        formats,
        threads: args.jobs.map(usize::from),
        fail_fast: args.fail_fast,
        force: args.force,
        render,
        lint,
    };
    let manifest_name = manifest.path.display().to_string();
    let mut report = match &args.report {
        Some(path) => Some(report::ReportWriter::create(
            path,
            &manifest_name,
            &options.out_dir.display().to_string(),
        )?),
        None => None,
    };

    // A bar only for a person watching; logs and pipes get the summary alone.
    let bar = match std::io::stderr().is_terminal() {
        true => ProgressBar::new(manifest.jobs.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} jobs {elapsed}").expect("the template is valid"),
        ),
        false => ProgressBar::hidden(),
    };
    let mut shown = Shown::default();
    let mut report_error = None;
    let end = batch::run_batch(catalog, &manifest, &options, &mut |outcome| {
        // Failures and lint findings are listed as the run goes, in manifest order.
        bar.suspend(|| shown.show(&manifest_name, outcome));
        if let Some(writer) = &mut report {
            if let Err(error) = writer.add(outcome) {
                report_error.get_or_insert(error);
            }
        }
        bar.inc(1);
    })?;
    bar.finish_and_clear();

    if let Some(writer) = report {
        if let Err(error) = match report_error {
            Some(error) => Err(error),
            None => writer.finish(end.totals),
        } {
            ui::print_error(&error);
            shown.unwritten_output = true;
        }
    }
    if let Some(error) = &end.index_error {
        ui::print_error(error);
        shown.unwritten_output = true;
    }
    if shown.skipped > SKIPPED_SHOWN {
        eprintln!(
            "        … and {} more not written (the --report lists every job)",
            shown.skipped - SKIPPED_SHOWN
        );
    }
    let lint_errors = shown.print_lint_totals();
    print_summary(&shown, &end.totals, started);
    let incomplete = end.totals.failed > 0 || end.totals.skipped > 0 || shown.unwritten_output;
    Ok(if incomplete || lint_errors {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}

/// What has been said about the jobs so far, and the totals the summary needs.
#[derive(Default)]
struct Shown {
    files: usize,
    unchanged: usize,
    lint: Option<Counts>,
    /// Jobs an interruption left unwritten (the first few are named).
    skipped: usize,
    interrupted: bool,
    /// The index or the report could not be written.
    unwritten_output: bool,
}

impl Shown {
    fn show(&mut self, manifest: &str, outcome: &JobOutcome) {
        let id = super::id_note(outcome);
        match &outcome.status {
            Status::Written => {
                self.files += outcome.files.len();
                self.unchanged += outcome.unchanged;
            }
            Status::Failed(error) => super::print_job_failure(manifest, outcome, error),
            Status::Skipped(Skipped::Interrupted) => {
                self.interrupted = true;
                if self.skipped < SKIPPED_SHOWN {
                    let line = format!("not written (interrupted): job at {} of {manifest}{id}", outcome.place);
                    eprintln!("{}", ui::escape_controls(&line));
                }
                self.skipped += 1;
            }
            // Batch writes every job it can; only a site leaves jobs out.
            Status::Skipped(Skipped::FailFast) | Status::LeftOut(_) => {}
        }
        if let Some((counts, lines)) = outcome.lint.as_deref() {
            // Findings quote the posting, which is user input.
            eprint!("{}", ui::escape_controls(lines));
            let total = self.lint.get_or_insert_with(Counts::default);
            total.error += counts.error;
            total.warning += counts.warning;
            total.notice += counts.notice;
        }
    }

    /// Prints the lint totals (with `--lint`); whether any finding is an error.
    fn print_lint_totals(&self) -> bool {
        let Some(total) = &self.lint else {
            return false;
        };
        eprintln!(
            "lint: {} errors, {} warnings, {} notices (notices are not listed; run `jdgen lint` on a file to see them)",
            total.error, total.warning, total.notice
        );
        total.error > 0
    }
}

fn print_summary(shown: &Shown, totals: &batch::Totals, started: Instant) {
    let unchanged = match shown.unchanged {
        0 => String::new(),
        n => format!(" ({n} already up to date)"),
    };
    let not_written = match totals.skipped {
        0 => String::new(),
        n => format!(", {n} not written"),
    };
    let prefix = if shown.interrupted {
        "batch: interrupted: "
    } else {
        "batch: "
    };
    eprintln!(
        "{prefix}{} jobs written, {} files{unchanged}, {} failed{not_written}, in {:.2} s",
        totals.written,
        shown.files,
        totals.failed,
        started.elapsed().as_secs_f64()
    );
    if shown.interrupted {
        eprintln!("        run the same command again to finish: files already written are kept");
    }
}
