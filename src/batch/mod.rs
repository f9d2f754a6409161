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

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
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

pub use manifest::{parse_manifest, read_manifest, Manifest, ManifestJob, Place};
pub use report::Totals;

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

/// Jobs rendered between two hand-overs to the caller: enough to keep every thread busy,
/// few enough that their outcomes cost little memory.
const CHUNK: usize = 512;

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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads.unwrap_or(0))
        .build()
        .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
    let shared = manifest.shared_layers();
    let planned: Vec<Option<u64>> = pool.install(|| {
        manifest
            .jobs
            .par_iter()
            .map(|job| plan(catalog, manifest, &shared, job).ok().map(|stem| name_hash(&stem)))
            .collect()
    });
    check_unique_names(catalog, manifest, &shared, &planned)?;
    // --fail-fast with a job that cannot even be planned: report, write nothing.
    let writing = !(options.fail_fast && planned.iter().any(Option::is_none));
    drop(planned);
    let mut folder = match writing {
        true => Some(folder::OutputFolder::open(&options.out_dir, options.force)?),
        false => None,
    };
    let _graceful = crate::interrupt::Graceful::start();
    let stop = AtomicBool::new(!writing);
    let mut end = RunEnd::default();
    for chunk in manifest.jobs.chunks(CHUNK) {
        let outcomes: Vec<JobOutcome> = pool.install(|| {
            chunk
                .par_iter()
                .map(|job| run_job(catalog, manifest, &shared, job, options, &stop, writing))
                .collect()
        });
        for outcome in &outcomes {
            end.totals.add(outcome);
            if let Some(folder) = &mut folder {
                folder.add(outcome);
            }
            on_outcome(outcome);
        }
    }
    if let Some(folder) = folder {
        end.index_error = folder.finish().err();
    }
    Ok(end)
}

/// Resolves one job and names its files (the stem of each file name).
fn plan(catalog: &Catalog, manifest: &Manifest, shared: &[Layer], job: &ManifestJob) -> Result<String> {
    let resolved = resolve_with(catalog, shared, manifest.job_layer(job)?)?;
    Ok(stem_of(&resolved))
}

fn stem_of(job: &resolve::Job) -> String {
    job.posting.id.clone().unwrap_or_else(|| names::slug_of(&job.title))
}

/// A name as a case-insensitive file system compares it, hashed.
fn name_hash(stem: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    stem.to_lowercase().hash(&mut hasher);
    hasher.finish()
}

fn resolve_with<'c>(catalog: &'c Catalog, shared: &[Layer], job: Layer) -> Result<resolve::Job<'c>> {
    let mut layers = shared.to_vec();
    layers.push(job);
    resolve::resolve(catalog, &layers, None, None)
}

/// Two jobs writing one file name (compared as a case-insensitive file system would) stop
/// the run. Names are compared by hash; jobs whose hashes meet are planned again to compare
/// the names themselves, so a hash collision is never a false clash.
fn check_unique_names(catalog: &Catalog, manifest: &Manifest, shared: &[Layer], planned: &[Option<u64>]) -> Result<()> {
    let index_hash = name_hash(INDEX_STEM);
    let mut first: HashMap<u64, usize> = HashMap::with_capacity(planned.len());
    let mut clashes = Vec::new();
    let stem = |index: usize| plan(catalog, manifest, shared, &manifest.jobs[index]).unwrap_or_default();
    for (index, hash) in planned.iter().enumerate() {
        let Some(hash) = *hash else {
            continue;
        };
        let place = &manifest.jobs[index].place;
        if hash == index_hash && stem(index).eq_ignore_ascii_case(INDEX_STEM) {
            clashes.push(format!(
                "the job at {place} is named '{}', which the index uses",
                stem(index)
            ));
            continue;
        }
        match first.get(&hash) {
            Some(&earlier) if stem(earlier).to_lowercase() == stem(index).to_lowercase() => {
                clashes.push(format!(
                    "the jobs at {} and {place} both write '{}'",
                    manifest.jobs[earlier].place,
                    stem(index)
                ));
            }
            Some(_) => {}
            None => {
                first.insert(hash, index);
            }
        }
    }
    match clashes.is_empty() {
        true => Ok(()),
        false => Err(Error::Usage(format!(
            "{}: two jobs would write the same files; nothing was written:\n  {}\ngive each job a distinct `id`",
            manifest.path.display(),
            clashes.join("\n  ")
        ))),
    }
}

/// One job, start to end: resolved again (the plan kept nothing), rendered, written.
fn run_job(
    catalog: &Catalog,
    manifest: &Manifest,
    shared: &[Layer],
    job: &ManifestJob,
    options: &BatchOptions,
    stop: &AtomicBool,
    writing: bool,
) -> JobOutcome {
    let mut outcome = JobOutcome {
        place: job.place.clone(),
        id: None,
        title: None,
        role: None,
        level: None,
        files: Vec::new(),
        unchanged: 0,
        lint: None,
        status: Status::Written,
    };
    let resolved = manifest.job_layer(job).and_then(|layer| {
        outcome.id = layer.facts.id.clone();
        resolve_with(catalog, shared, layer)
    });
    let resolved = match resolved {
        Ok(resolved) => resolved,
        Err(error) => {
            outcome.status = Status::Failed(Box::new(error));
            if options.fail_fast {
                stop.store(true, Ordering::Relaxed);
            }
            return outcome;
        }
    };
    outcome.id = Some(stem_of(&resolved));
    outcome.title = Some(resolved.title.clone());
    outcome.role = Some(resolved.role.meta.id.clone());
    outcome.level = Some(resolved.level.profile.id.clone());
    if crate::interrupt::requested() {
        outcome.status = Status::Skipped(Skipped::Interrupted);
    } else if !writing || stop.load(Ordering::Relaxed) {
        outcome.status = Status::Skipped(Skipped::FailFast);
    } else if let Err(error) = write_job(catalog, &resolved, options, &mut outcome) {
        outcome.status = Status::Failed(Box::new(error));
        if options.fail_fast {
            stop.store(true, Ordering::Relaxed);
        }
    }
    outcome
}

/// Renders one job and writes each format; an existing file with other content needs --force.
fn write_job(catalog: &Catalog, job: &resolve::Job, options: &BatchOptions, outcome: &mut JobOutcome) -> Result<()> {
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
