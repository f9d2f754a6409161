//! `jdgen site`: a manifest in, a careers site out, with a progress bar and a summary that
//! names the build date, every failure, every posting left out as expired, and what was not written.

use std::io::IsTerminal;
use std::time::Instant;

use indicatif::{ProgressBar, ProgressStyle};

use super::exit;
use crate::cli::SiteArgs;
use jdgen::batch::{self, JobOutcome, Skipped, Status};
use jdgen::catalog::Catalog;
use jdgen::error::{Error, Result};
use jdgen::posting::IsoDate;
use jdgen::site::{self, BaseUrl, SiteOptions};
use jdgen::{resolve, ui};

/// At most this many expired or unwritten postings are named one by one.
const SHOWN: usize = 20;

/// Builds the site; exit 1 when any job failed or the build was incomplete.
pub fn run(catalog: &Catalog, args: &SiteArgs) -> Result<u8> {
    let started = Instant::now();
    let base_url = args.base_url.as_deref().map(BaseUrl::parse).transpose()?;
    let date = match &args.date {
        Some(text) => {
            IsoDate::try_from(text.clone())
                .map_err(|why| Error::Usage(format!("--date: {why}")))?
                .0
        }
        None => site::today(),
    };
    let overrides = resolve::set_flag_layers(&args.set)?;
    let manifest = batch::read_manifest(&args.manifest, args.company.as_deref())?;
    let options = SiteOptions {
        out_dir: args.out_dir.clone(),
        base_url,
        date,
        overrides,
        threads: args.jobs.map(usize::from),
        fail_fast: args.fail_fast,
        force: args.force,
    };
    let manifest_name = manifest.path.display().to_string();
    let bar = match std::io::stderr().is_terminal() {
        true => ProgressBar::new(manifest.jobs.len() as u64).with_style(
            ProgressStyle::with_template("{bar:40} {pos}/{len} jobs {elapsed}").expect("the template is valid"),
        ),
        false => ProgressBar::hidden(),
    };
    let mut shown = Shown::default();
    let end = site::build_site(catalog, &manifest, &options, &mut |outcome| {
        bar.suspend(|| shown.show(&manifest_name, outcome));
        bar.inc(1);
    })?;
    bar.finish_and_clear();
    for error in &end.errors {
        ui::print_error(error);
    }
    for (what, count) in [("left out (expired)", shown.left_out), ("not written", shown.skipped)] {
        if count > SHOWN {
            eprintln!("        … and {} more {what}", count - SHOWN);
        }
    }
    let totals = &end.totals;
    let interrupted = shown.interrupted;
    let incomplete = totals.skipped > 0;
    let prefix = if interrupted { "site: interrupted: " } else { "site: " };
    eprintln!(
        "{prefix}{} postings published, {} left out as expired, {} failed{}, in {:.2} s (build date {})",
        totals.written,
        totals.left_out,
        totals.failed,
        match totals.skipped {
            0 => String::new(),
            n => format!(", {n} not written"),
        },
        started.elapsed().as_secs_f64(),
        date.format("%Y-%m-%d")
    );
    if incomplete {
        eprintln!(
            "        the careers page, sitemap and feeds were not updated, and nothing was removed: \
             run the same command again to finish"
        );
    } else {
        let written = end.site_files.len() + totals.written;
        eprintln!(
            "        {} written: {written} files ({} pages of postings){}",
            options.out_dir.display(),
            totals.written,
            match end.removed.len() {
                0 => String::new(),
                n => format!("; {n} files of postings no longer published removed"),
            }
        );
        if options.base_url.is_none() {
            eprintln!(
                "        no --base-url: sitemap.xml, robots.txt, feed.xml and feeds/ were not written \
                 (they need the site's absolute address)"
            );
        }
    }
    let failed = totals.failed > 0 || incomplete || !end.errors.is_empty();
    Ok(if failed { exit::FINDINGS } else { exit::SUCCESS })
}

/// What has been said about the jobs so far.
#[derive(Default)]
struct Shown {
    left_out: usize,
    skipped: usize,
    interrupted: bool,
}

impl Shown {
    fn show(&mut self, manifest: &str, outcome: &JobOutcome) {
        let id = super::id_note(outcome);
        match &outcome.status {
            Status::Written => {}
            Status::Failed(error) => super::print_job_failure(manifest, outcome, error),
            Status::LeftOut(why) => {
                if self.left_out < SHOWN {
                    let line = format!("left out: job at {} of {manifest}{id}: {why}", outcome.place);
                    eprintln!("{}", ui::for_message(&line));
                }
                self.left_out += 1;
            }
            Status::Skipped(why) => {
                self.interrupted |= *why == Skipped::Interrupted;
                if *why == Skipped::Interrupted && self.skipped < SHOWN {
                    let line = format!("not written (interrupted): job at {} of {manifest}{id}", outcome.place);
                    eprintln!("{}", ui::escape_controls(&line));
                }
                self.skipped += 1;
            }
        }
    }
}
