//! The run every manifest command shares: plan the jobs' names, then resolve, render and write
//! them in parallel a chunk at a time, handing each outcome to the caller in manifest order.
//!
//! `jdgen batch` and `jdgen site` differ only in what they write for a job and into which
//! folder; that is the [`JobWriter`] each passes in. Everything else (names checked before
//! anything is written, `--fail-fast`, Ctrl-C at a job boundary, outcomes in manifest order
//! whatever the thread count, memory flat in the number of jobs) is here, once.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::{JobOutcome, Manifest, ManifestJob, Skipped, Status, Totals};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::posting::Layer;
use crate::{fsio, names, resolve};

/// Jobs rendered between two hand-overs to the caller: enough to keep every thread busy,
/// few enough that their outcomes cost little memory.
const CHUNK: usize = 512;

/// What a run writes for each resolved job.
pub trait JobWriter: Sync {
    /// What a written job hands back to the caller besides its outcome (a site's index card
    /// and feed entries; nothing for batch).
    type Kept: Send;

    /// Why `job` is deliberately not written (a site leaves out expired postings), if it is not.
    fn leave_out(&self, _job: &resolve::Job) -> Option<String> {
        None
    }

    /// Renders and writes `job`, whose file stem is `outcome.id`; records its files in `outcome`.
    fn write(&self, job: &resolve::Job, outcome: &mut JobOutcome) -> Result<Self::Kept>;
}

/// How a run goes, whatever it writes.
#[derive(Debug, Clone, Copy)]
pub struct RunSettings<'a> {
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    pub fail_fast: bool,
    /// Layers over every job (`--set` flags), top last.
    pub overrides: &'a [Layer],
    /// File stems the run's own files use, which no job may take (batch's `index`).
    pub reserved: &'a [&'a str],
}

/// A manifest whose jobs are planned: every name is known to be distinct.
pub struct Run<'a, 'c> {
    catalog: &'c Catalog,
    manifest: &'a Manifest,
    settings: RunSettings<'a>,
    pool: rayon::ThreadPool,
    /// The company file, defaults and `--set` flags, under every job.
    shared: resolve::Sources,
    /// False when `--fail-fast` meets a job that cannot even be planned: report, write nothing.
    writing: bool,
}

impl<'a, 'c> Run<'a, 'c> {
    /// Resolves every job and names its files; two jobs claiming one name (or a reserved
    /// one) stop the run before anything is written. Only a hash of each name is kept.
    pub fn plan(catalog: &'c Catalog, manifest: &'a Manifest, settings: RunSettings<'a>) -> Result<Run<'a, 'c>> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(settings.threads.unwrap_or(0))
            .build()
            .map_err(|e| Error::Usage(format!("cannot start worker threads: {e}")))?;
        let mut run = Run {
            catalog,
            manifest,
            settings,
            pool,
            shared: manifest.sources(),
            writing: true,
        };
        let planned: Vec<Option<u64>> = run.pool.install(|| {
            manifest
                .jobs
                .par_iter()
                .map(|job| run.stem(job).ok().map(|stem| name_hash(&stem)))
                .collect()
        });
        run.check_unique_names(&planned)?;
        run.writing = !(settings.fail_fast && planned.iter().any(Option::is_none));
        Ok(run)
    }

    /// Runs `work` on the run's worker threads (`--jobs N`), for a caller's own parallel work.
    pub fn install<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        self.pool.install(work)
    }

    /// Whether the run writes anything (it does not when `--fail-fast` found a job it cannot plan).
    pub fn writing(&self) -> bool {
        self.writing
    }

    /// Resolves, renders and writes every job with `writer`; `on_outcome` sees each job's
    /// outcome, and what the writer kept of it, in manifest order.
    pub fn write<W: JobWriter>(&self, writer: &W, on_outcome: &mut dyn FnMut(&JobOutcome, Option<W::Kept>)) -> Totals {
        let _graceful = crate::interrupt::Graceful::start();
        let stop = AtomicBool::new(!self.writing);
        let mut totals = Totals::default();
        for chunk in self.manifest.jobs.chunks(CHUNK) {
            let outcomes: Vec<(JobOutcome, Option<W::Kept>)> = self
                .pool
                .install(|| chunk.par_iter().map(|job| self.run_job(job, writer, &stop)).collect());
            for (outcome, kept) in outcomes {
                totals.add(&outcome);
                on_outcome(&outcome, kept);
            }
        }
        totals
    }

    fn resolve(&self, job: Layer) -> Result<resolve::Job<'c>> {
        let sources = resolve::Sources {
            job: Some(job),
            flags: self.settings.overrides.to_vec(),
            ..self.shared.clone()
        };
        resolve::resolve(self.catalog, &sources.layers(), None, None)
    }

    /// Resolves one job and names its files (the stem of each file name).
    fn stem(&self, job: &ManifestJob) -> Result<String> {
        Ok(stem_of(&self.resolve(self.manifest.job_layer(job)?)?))
    }

    /// Two jobs writing one file name (compared as a case-insensitive file system would) stop
    /// the run. Names are compared by hash; jobs whose hashes meet are planned again to compare
    /// the names themselves, so a hash collision is never a false clash.
    fn check_unique_names(&self, planned: &[Option<u64>]) -> Result<()> {
        let manifest = self.manifest;
        let reserved: Vec<(u64, &str)> = self.settings.reserved.iter().map(|r| (name_hash(r), *r)).collect();
        let mut first: HashMap<u64, usize> = HashMap::with_capacity(planned.len());
        let mut clashes = Vec::new();
        let stem = |index: usize| self.stem(&manifest.jobs[index]).unwrap_or_default();
        for (index, hash) in planned.iter().enumerate() {
            let Some(hash) = *hash else {
                continue;
            };
            let place = &manifest.jobs[index].place;
            if let Some((_, name)) = reserved
                .iter()
                .find(|(reserved, name)| *reserved == hash && stem(index).eq_ignore_ascii_case(name))
            {
                clashes.push(format!(
                    "the job at {place} is named '{}', which the {name} uses",
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

    /// One job, start to end: resolved again (the plan kept nothing), then written or left out.
    fn run_job<W: JobWriter>(&self, job: &ManifestJob, writer: &W, stop: &AtomicBool) -> (JobOutcome, Option<W::Kept>) {
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
        let fail = |outcome: &mut JobOutcome, error: Error| {
            outcome.status = Status::Failed(Box::new(error));
            if self.settings.fail_fast {
                stop.store(true, Ordering::Relaxed);
            }
        };
        let resolved = self.manifest.job_layer(job).and_then(|layer| {
            outcome.id = layer.facts.id.clone();
            self.resolve(layer)
        });
        let resolved = match resolved {
            Ok(resolved) => resolved,
            Err(error) => {
                fail(&mut outcome, error);
                return (outcome, None);
            }
        };
        outcome.id = Some(stem_of(&resolved));
        outcome.title = Some(resolved.title.clone());
        outcome.role = Some(resolved.role.meta.id.clone());
        outcome.level = Some(resolved.level.profile.id.clone());
        let mut kept = None;
        if crate::interrupt::requested() {
            outcome.status = Status::Skipped(Skipped::Interrupted);
        } else if !self.writing || stop.load(Ordering::Relaxed) {
            outcome.status = Status::Skipped(Skipped::FailFast);
        } else if let Some(why) = writer.leave_out(&resolved) {
            outcome.status = Status::LeftOut(why);
        } else {
            match writer.write(&resolved, &mut outcome) {
                Ok(value) => kept = Some(value),
                Err(error) => fail(&mut outcome, error),
            }
        }
        (outcome, kept)
    }
}

/// A job's file stem: its `id`, else a slug of its title.
pub fn stem_of(job: &resolve::Job) -> String {
    job.posting.id.clone().unwrap_or_else(|| names::slug_of(&job.title))
}

/// A name as a case-insensitive file system compares it, hashed.
fn name_hash(stem: &str) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    stem.to_lowercase().hash(&mut hasher);
    hasher.finish()
}

/// Writes `bytes` to `path` atomically, unless the file already holds them (a re-run after an
/// interruption); whether it wrote. A file with other content is replaced only when `replace`
/// allows it.
pub fn write_output(path: &Path, bytes: &[u8], replace: bool) -> Result<bool> {
    match existing_state(path, bytes) {
        Existing::Same => return Ok(false),
        Existing::Different if !replace => {
            return Err(Error::Write {
                path: path.to_owned(),
                reason: "the file exists with other content; pass --force to overwrite it".into(),
            })
        }
        Existing::Different | Existing::Absent => fsio::write_atomic(path, bytes)?,
    }
    Ok(true)
}

enum Existing {
    Absent,
    Same,
    Different,
}

/// Whether `path` exists, and if so whether it already holds `bytes`.
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
