//! Batch generation: every job of a manifest, in parallel, each written atomically, failures collected.
//!
//! Two phases. The plan resolves every job and decides its file names, so
//! that two jobs claiming one name stop the run before anything is written.
//! The write phase renders and writes jobs in parallel; results come back in
//! manifest order, so nothing a run writes depends on the thread count.

mod csv_manifest;
pub mod manifest;
pub mod report;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::lint::output::{Counts, FileReport};
use crate::lint::{Level, LintRules};
use crate::posting::Layer;
use crate::render::{self, Format, RenderOptions};
use crate::{fsio, names, resolve};

pub use manifest::{read_manifest, Manifest, ManifestJob, Place};

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
    pub error: Option<Box<Error>>,
}

/// The file stem the index claims in the output folder.
pub const INDEX_STEM: &str = "index";

/// Runs every job of `manifest`; `on_done` is called once per finished job (for a progress bar).
///
/// Errors that stop the whole run (exit 2, nothing written): duplicate output names.
pub fn run_batch(
    catalog: &Catalog,
    manifest: &Manifest,
    options: &BatchOptions,
    on_done: &(dyn Fn() + Sync),
) -> Result<Vec<JobOutcome>> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    pool.install(|| {
        let shared = manifest.shared_layers();
        let mut outcomes: Vec<JobOutcome> = manifest
            .jobs
            .par_iter()
            .map(|job| plan(catalog, manifest, &shared, job))
            .collect();
        check_unique_names(&manifest.path, &outcomes)?;
        if options.fail_fast && outcomes.iter().any(|o| o.error.is_some()) {
            return Ok(outcomes);
        }
        std::fs::create_dir_all(&options.out_dir).map_err(|e| Error::Write {
            path: options.out_dir.clone(),
            reason: e.to_string(),
        })?;
        let stop = AtomicBool::new(false);
        outcomes.par_iter_mut().zip(&manifest.jobs).for_each(|(outcome, job)| {
            if outcome.error.is_none() && !stop.load(Ordering::Relaxed) {
                if let Err(error) = write_job(catalog, manifest, &shared, job, options, outcome) {
                    outcome.error = Some(Box::new(error));
                    if options.fail_fast {
                        stop.store(true, Ordering::Relaxed);
                    }
                }
            }
            on_done();
        });
        Ok(outcomes)
    })
}

/// Resolves one job and names its files; a failure stays with the job. The
/// job's parsed facts are dropped here and parsed again when it is written, so
/// memory does not grow with the manifest.
fn plan(catalog: &Catalog, manifest: &Manifest, shared: &[Layer], job: &ManifestJob) -> JobOutcome {
    let mut outcome = JobOutcome {
        place: job.place.clone(),
        id: None,
        title: None,
        role: None,
        level: None,
        files: Vec::new(),
        unchanged: 0,
        lint: None,
        error: None,
    };
    let resolved = manifest.job_layer(job).and_then(|layer| {
        outcome.id = layer.facts.id.clone();
        resolve_with(catalog, shared, layer)
    });
    match resolved {
        Ok(resolved) => {
            outcome.id = Some(
                resolved
                    .posting
                    .id
                    .clone()
                    .unwrap_or_else(|| names::slug_of(&resolved.title)),
            );
            outcome.title = Some(resolved.title);
            outcome.role = Some(resolved.role.meta.id.clone());
            outcome.level = Some(resolved.level.profile.id.clone());
        }
        Err(error) => outcome.error = Some(Box::new(error)),
    }
    outcome
}

fn resolve_with<'c>(catalog: &'c Catalog, shared: &[Layer], job: Layer) -> Result<resolve::Job<'c>> {
    let mut layers = shared.to_vec();
    layers.push(job);
    resolve::resolve(catalog, &layers, None, None)
}

/// Two jobs writing one file name (compared as a case-insensitive file system would) stop the run.
fn check_unique_names(manifest: &Path, outcomes: &[JobOutcome]) -> Result<()> {
    let mut seen: HashMap<String, &Place> = HashMap::new();
    seen.insert(INDEX_STEM.to_owned(), &Place::Index(0));
    let mut clashes = Vec::new();
    for outcome in outcomes.iter().filter(|o| o.error.is_none()) {
        let stem = outcome.id.as_deref().unwrap_or_default();
        if let Some(first) = seen.insert(stem.to_lowercase(), &outcome.place) {
            clashes.push(match first {
                Place::Index(0) => format!("the job at {} is named '{stem}', which the index uses", outcome.place),
                first => format!("the jobs at {first} and {} both write '{stem}'", outcome.place),
            });
        }
    }
    match clashes.is_empty() {
        true => Ok(()),
        false => Err(Error::Usage(format!(
            "{}: two jobs would write the same files; nothing was written:\n  {}\ngive each job a distinct `id`",
            manifest.display(),
            clashes.join("\n  ")
        ))),
    }
}

/// Renders one job and writes each format; an existing file with other content needs --force.
fn write_job(
    catalog: &Catalog,
    manifest: &Manifest,
    shared: &[Layer],
    job: &ManifestJob,
    options: &BatchOptions,
    outcome: &mut JobOutcome,
) -> Result<()> {
    let job = resolve_with(catalog, shared, manifest.job_layer(job)?)?;
    let stem = outcome.id.clone().unwrap_or_default();
    let outputs = render::render_formats_with(catalog, &job, &options.formats, &options.render)?;
    if let Some(rules) = &options.lint {
        let markdown = render::markdown_of(catalog, &job, &outputs)?;
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
        let path = options.out_dir.join(&name);
        match existing_state(&path, &output.bytes) {
            Existing::Same => outcome.unchanged += 1,
            Existing::Different if !options.force => {
                return Err(Error::Write {
                    path,
                    reason: "the file exists with other content; pass --force to overwrite it".into(),
                })
            }
            Existing::Different | Existing::Absent => fsio::write_atomic(&path, &output.bytes)?,
        }
        outcome.files.push(name);
    }
    Ok(())
}

enum Existing {
    Absent,
    Same,
    Different,
}

/// Whether `path` exists, and if so whether it already holds `bytes` (a re-run after an interruption).
fn existing_state(path: &Path, bytes: &[u8]) -> Existing {
    match std::fs::metadata(path) {
        Err(_) => Existing::Absent,
        Ok(meta) if meta.len() != bytes.len() as u64 => Existing::Different,
        Ok(_) => match std::fs::read(path) {
            Ok(existing) if existing == bytes => Existing::Same,
            _ => Existing::Different,
        },
    }
}
