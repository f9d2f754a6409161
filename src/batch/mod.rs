//! Batch generation: every job of a manifest, in parallel, each written atomically, failures collected.
//!
//! Two phases. The plan resolves every job and decides its file names, so
//! that two jobs claiming one name stop the run before anything is written;
//! it keeps a hash of each name, nothing else. The write phase renders and
//! writes jobs in parallel, a chunk at a time; each chunk's outcomes go to the
//! index and the caller in manifest order and are dropped, so memory stays flat
//! however many jobs there are, and nothing a run writes depends on the thread count.

mod csv_manifest;
pub mod folder;
pub mod manifest;
pub mod report;
pub mod runner;

use std::path::PathBuf;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::lint::output::{Counts, FileReport};
use crate::lint::{Level, LintRules};
use crate::render::{self, Format, RenderOptions};
use crate::resolve;

pub use manifest::{parse_manifest, read_manifest, Manifest, ManifestJob, Place};
pub use report::Totals;
pub use runner::{stem_of, JobWriter, Run, RunSettings};

/// How a batch runs.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub out_dir: PathBuf,
    pub formats: Vec<Format>,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    pub fail_fast: bool,
    pub force: bool,
    /// Output settings shared by every job (DOCX page size, careers-page stylesheet).
    pub render: RenderOptions,
    /// Lint each job's Markdown with these rules (`--lint`).
    pub lint: Option<LintRules>,
}

/// What happened to one job.
#[derive(Debug)]
pub struct JobOutcome {
    pub place: Place,
    pub id: Option<String>,
    pub title: Option<String>,
    pub role: Option<String>,
    pub level: Option<String>,
    /// Files written (or already identical), relative to the output folder.
    pub files: Vec<String>,
    /// Files that were already there with the same bytes.
    pub unchanged: usize,
    /// Lint findings counted by level, and the warnings and errors as report lines (`--lint`).
    pub lint: Option<Box<(Counts, String)>>,
    pub status: Status,
}

/// Whether a job's files were written.
#[derive(Debug)]
pub enum Status {
    Written,
    /// The job could not be resolved, rendered or written (a full disk is this too).
    Failed(Box<Error>),
    /// The run stopped before this job.
    Skipped(Skipped),
    /// The job was resolved and deliberately not written, for this reason (a site leaves out
    /// postings whose `valid_through` has passed). Not a failure.
    LeftOut(String),
}

/// Why a job was not attempted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skipped {
    /// `--fail-fast`, after an earlier failure.
    FailFast,
    /// Ctrl-C or SIGTERM.
    Interrupted,
}

impl Skipped {
    /// Why, in words.
    pub fn reason(self) -> &'static str {
        match self {
            Skipped::FailFast => "not written: --fail-fast stopped the run at an earlier failure",
            Skipped::Interrupted => "not written: the run was interrupted",
        }
    }
}

/// What a finished run did, beyond each job's outcome.
#[derive(Debug, Default)]
pub struct RunEnd {
    pub totals: Totals,
    /// Why `index.md` could not be written (a full disk), when it could not.
    pub index_error: Option<Error>,
}

/// The file stem the index claims in the output folder.
pub const INDEX_STEM: &str = "index";

/// Runs every job of `manifest`; `on_outcome` sees each job's outcome, in manifest order.
///
/// Errors that stop the whole run (exit 2, nothing written): duplicate output names, an
/// output folder another run holds, a user's own `index.md` in the way.
pub fn run_batch(
    catalog: &Catalog,
    manifest: &Manifest,
    options: &BatchOptions,
    on_outcome: &mut dyn FnMut(&JobOutcome),
) -> Result<RunEnd> {
    let settings = RunSettings {
        threads: options.threads,
        fail_fast: options.fail_fast,
        overrides: &[],
        reserved: &[INDEX_STEM],
    };
    let run = Run::plan(catalog, manifest, settings)?;
    let mut folder = match run.writing() {
        true => Some(folder::OutputFolder::open(&options.out_dir, options.force)?),
        false => None,
    };
    let writer = FormatWriter { catalog, options };
    let mut end = RunEnd {
        totals: run.write(&writer, &mut |outcome, _| {
            if let Some(folder) = &mut folder {
                folder.add(outcome);
            }
            on_outcome(outcome);
        }),
        index_error: None,
    };
    if let Some(folder) = folder {
        end.index_error = folder.finish().err();
    }
    Ok(end)
}

/// Batch's writer: each job's formats as `{stem}.{extension}`, linted with `--lint`.
struct FormatWriter<'a> {
    catalog: &'a Catalog,
    options: &'a BatchOptions,
}

impl JobWriter for FormatWriter<'_> {
    type Kept = ();

    /// Renders one job and writes each format; an existing file with other content needs --force.
    fn write(&self, job: &resolve::Job, outcome: &mut JobOutcome) -> Result<()> {
        let (catalog, options) = (self.catalog, self.options);
        let stem = outcome.id.clone().unwrap_or_default();
        let outputs = render::render_formats_with(catalog, job, &options.formats, &options.render)?;
        if let Some(rules) = &options.lint {
            let markdown = render::markdown_of(catalog, job, &outputs)?;
            let mut report = FileReport {
                file: format!("{stem}.md"),
                report: crate::lint::lint_markdown(&markdown, Some(&job.posting), rules),
            };
            let counts = Counts::of(std::slice::from_ref(&report));
            // Notices are counted, not listed: a thousand postings would bury the warnings.
            report.report.findings.retain(|f| f.level >= Level::Warning);
            let lines = crate::lint::output::finding_lines(std::slice::from_ref(&report));
            outcome.lint = Some(Box::new((counts, lines)));
        }
        for output in outputs {
            let name = format!("{stem}.{}", output.format.extension());
            if !runner::write_output(&options.out_dir.join(&name), &output.bytes, options.force)? {
                outcome.unchanged += 1;
            }
            outcome.files.push(name);
        }
        Ok(())
    }
}
