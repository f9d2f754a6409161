//! `jdgen batch`: a manifest in, a folder of postings out, with a progress bar and a summary.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};
use miette::Diagnostic;

use super::exit;
use crate::batch::{self, report, BatchOptions, JobOutcome};
use crate::catalog::Catalog;
use crate::cli::BatchArgs;
use crate::error::Result;
use crate::fsio;
use crate::lint::output::Counts;
use crate::render::Format;

/// Runs the batch; exit 1 when any job failed.
pub fn run(catalog: &Catalog, catalog_dir: Option<&Path>, args: &BatchArgs) -> Result<i32> {
    let started = Instant::now();
    let formats = Format::parse_list(&args.format)?;
    let render = super::render_options(&args.look, &formats)?;
    let manifest = batch::read_manifest(&args.manifest, args.company.as_deref())?;
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

    // A bar only for a person watching; logs and pipes get the summary alone.
    let bar = match std::io::stderr().is_terminal() {
        true => ProgressBar::new(manifest.jobs.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} jobs {elapsed}").expect("the template is valid"),
        ),
        false => ProgressBar::hidden(),
    };
    let outcomes = batch::run_batch(catalog, &manifest, &options, &|| bar.inc(1))?;
    bar.finish_and_clear();

    if outcomes.iter().any(|o| !o.files.is_empty()) {
        fsio::write_atomic(
            &options.out_dir.join("index.md"),
            report::index_markdown(&outcomes).as_bytes(),
        )?;
    }
    if let Some(path) = &args.report {
        let json = report::report_json(&manifest_name, &options.out_dir.display().to_string(), &outcomes);
        let text = serde_json::to_string_pretty(&json).expect("a JSON value serializes");
        fsio::write_atomic(path, format!("{text}\n").as_bytes())?;
    }
    print_failures(&manifest_name, &outcomes);
    let lint_errors = print_lint(&outcomes);
    print_summary(&outcomes, started);
    let failed = outcomes.iter().any(|o| o.error.is_some());
    Ok(if failed || lint_errors {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}

fn print_failures(manifest: &str, outcomes: &[JobOutcome]) {
    for outcome in outcomes {
        if let Some(error) = &outcome.error {
            let id = outcome
                .id
                .as_deref()
                .map(|id| format!(" (id {id})"))
                .unwrap_or_default();
            eprintln!("failed: job at {} of {manifest}{id}: {error}", outcome.place);
            if let Some(help) = error.help() {
                eprintln!("        help: {help}");
            }
        }
    }
}

/// Prints each job's lint warnings and errors and the totals; whether any is an error.
fn print_lint(outcomes: &[JobOutcome]) -> bool {
    let mut total = Counts::default();
    let mut linted = false;
    for (counts, lines) in outcomes.iter().filter_map(|o| o.lint.as_deref()) {
        linted = true;
        eprint!("{lines}");
        total.error += counts.error;
        total.warning += counts.warning;
        total.notice += counts.notice;
    }
    if linted {
        eprintln!(
            "lint: {} errors, {} warnings, {} notices (notices are not listed; run `jdgen lint` on a file to see them)",
            total.error, total.warning, total.notice
        );
    }
    total.error > 0
}

fn print_summary(outcomes: &[JobOutcome], started: Instant) {
    let failed = outcomes.iter().filter(|o| o.error.is_some()).count();
    let written = outcomes.len() - failed;
    let files: usize = outcomes.iter().map(|o| o.files.len()).sum();
    let unchanged: usize = outcomes.iter().map(|o| o.unchanged).sum();
    let unchanged = match unchanged {
        0 => String::new(),
        n => format!(" ({n} already up to date)"),
    };
    eprintln!(
        "batch: {written} jobs written, {files} files{unchanged}, {failed} failed, in {:.2} s",
        started.elapsed().as_secs_f64()
    );
}
