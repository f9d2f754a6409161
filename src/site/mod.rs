//! `jdgen site`: a manifest as a publishable careers site: a page per posting, the careers
//! page, and (with `--base-url`) the sitemap, robots.txt, job-board feeds and an Atom feed.
//!
//! A site is a batch with an index: the jobs are planned, rendered and written by batch's
//! runner ([`crate::batch::Run`]) with the site's [`JobWriter`]. Each written job hands back
//! its card (kept for the careers page, the sitemap and the Atom feed) and its feed entries
//! (streamed into the feed files in manifest order, then dropped), so memory grows by a card
//! per job, not by its description. Every feed is built from the typed facts, like the
//! JSON-LD, never read back out of the Markdown.

pub mod address;
pub mod atom;
pub mod card;
pub mod feeds;
pub mod folder;
pub mod indeed;
pub mod index;
pub mod jobs_json;
pub mod linkedin;
pub mod sitemap;
pub mod xml;

use chrono::NaiveDate;
use rayon::prelude::*;

use crate::batch::runner::write_output;
use crate::batch::{JobOutcome, JobWriter, Manifest, Run, RunSettings, Totals};
use crate::catalog::Catalog;
use crate::error::{Error, Result};
use crate::posting::{Layer, Overlay, PostingFile};
use crate::render::{html, jsonld, render_markdown};
use crate::resolve::Job;

pub use address::BaseUrl;
use card::{Card, Dimension, Facets};
use feeds::{FeedFile, Missing};
use folder::SiteFolder;

/// How a site is built.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    pub out_dir: std::path::PathBuf,
    /// Where the site will be published; without it, no sitemap and no feeds.
    pub base_url: Option<BaseUrl>,
    /// The build date: postings whose `valid_through` is before it are left out.
    pub date: NaiveDate,
    /// `--set` layers, over every job.
    pub overrides: Vec<Layer>,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    pub fail_fast: bool,
    /// Build into a folder jdgen site did not write.
    pub force: bool,
}

/// What a build did, beyond each job's outcome.
#[derive(Debug, Default)]
pub struct SiteEnd {
    pub totals: Totals,
    /// The site's files written (careers page, filter pages, sitemap, feeds), when the build
    /// was complete; they are not written after an interruption or `--fail-fast` stop.
    pub site_files: Vec<String>,
    /// Files of an earlier build that this one removed (pages of jobs no longer published).
    pub removed: Vec<String>,
    /// Why a folder-wide file could not be written, when one could not.
    pub errors: Vec<Error>,
}

/// The page's link back to the careers page, relative to `jobs/`.
const BACK: (&str, &str) = ("../index.html", "All open positions");

/// Builds the site of `manifest`; `on_outcome` sees each job's outcome in manifest order.
///
/// Errors that stop the whole build (exit 2, nothing written): duplicate ids, a folder
/// another run holds, a non-empty folder jdgen did not write (without `--force`).
pub fn build_site(
    catalog: &Catalog,
    manifest: &Manifest,
    options: &SiteOptions,
    on_outcome: &mut dyn FnMut(&JobOutcome),
) -> Result<SiteEnd> {
    let settings = RunSettings {
        threads: options.threads,
        fail_fast: options.fail_fast,
        overrides: &options.overrides,
        reserved: &[],
    };
    let run = Run::plan(catalog, manifest, settings)?;
    let mut end = SiteEnd::default();
    if !run.writing() {
        // `--fail-fast` and a job that cannot even be planned: report every job, write nothing.
        end.totals = run.write(&NothingWriter, &mut |outcome, _| on_outcome(outcome));
        return Ok(end);
    }
    let mut folder = SiteFolder::open(&options.out_dir, options.force)?;
    std::fs::create_dir_all(folder.path("jobs")).map_err(|e| Error::Write {
        path: folder.path("jobs"),
        reason: e.to_string(),
    })?;
    let site_company = shared_company(manifest, &options.overrides);
    let mut streams = options
        .base_url
        .as_ref()
        .map(|base| Streams::create(&folder, base, &site_company));
    let writer = SiteWriter {
        catalog,
        dir: folder.dir().to_owned(),
        base: options.base_url.as_ref(),
        date: options.date,
        replace: folder.replace(),
    };
    let mut cards = Vec::new();
    end.totals = run.write(&writer, &mut |outcome, kept| {
        folder.record_job(outcome);
        if let Some(kept) = kept {
            if let Some(streams) = &mut streams {
                streams.add(&kept);
            }
            cards.push(kept.card);
        }
        on_outcome(outcome);
    });
    if end.totals.skipped > 0 {
        // Interrupted or stopped: publish nothing half-built; keep what is there for the next run.
        drop(streams);
        folder.abandon()?;
        return Ok(end);
    }
    // The careers page names the site's company; a manifest without one shared by every job
    // (a CSV with a company per row) uses the company every posting has, if they agree.
    let company = site_company.name.clone().or_else(|| common_company(&cards));
    let about = site_company.name.as_ref().and(site_company.about.clone());
    let site = index::SiteInfo {
        company: company.as_deref(),
        about: about.as_deref(),
        has_feed: options.base_url.is_some(),
    };
    let facets = Facets::of(&cards);
    let pages: Vec<(Dimension, &card::FacetValue)> = Dimension::ALL
        .into_iter()
        .flat_map(|dimension| facets.values[&dimension].iter().map(move |value| (dimension, value)))
        .collect();
    let filter_pages: Vec<String> = pages.iter().map(|(d, value)| index::filter_page(*d, value)).collect();
    // The careers page and the filter pages copy every card's HTML: made on every core.
    let mut files: Vec<(String, String)> = run.install(|| {
        let filters = pages.par_iter().map(|&(dimension, value)| {
            (
                index::filter_page(dimension, value),
                index::filter_page_html(&site, &cards, &facets, dimension, value),
            )
        });
        rayon::iter::once((index::FILE.to_owned(), index::careers_page(&site, &cards, &facets)))
            .chain(filters)
            .collect()
    });
    if let Some(base) = &options.base_url {
        let addresses = 1 + filter_pages.len() + cards.len();
        if addresses > sitemap::MAX_URLS {
            end.errors.push(Error::Usage(format!(
                "sitemap.xml was not written: the site has {addresses} pages and a sitemap holds at most {}",
                sitemap::MAX_URLS
            )));
        } else {
            files.push((sitemap::FILE.to_owned(), sitemap::sitemap(&cards, &filter_pages, base)));
        }
        files.push((sitemap::ROBOTS.to_owned(), sitemap::robots(base)));
        files.push((
            atom::FILE.to_owned(),
            atom::feed(&cards, base, company.as_deref(), options.date),
        ));
    }
    for (name, text) in files {
        match folder.write(&name, text.as_bytes()) {
            Ok(_) => end.site_files.push(name),
            Err(error) => end.errors.push(error),
        }
    }
    if let Some(streams) = streams {
        for (name, result) in streams.finish() {
            match result {
                Ok(()) => {
                    folder.record(name);
                    end.site_files.push(name.to_owned());
                }
                Err(error) => end.errors.push(error),
            }
        }
    }
    end.site_files.sort();
    if end.errors.is_empty() {
        end.removed = folder.finish()?;
    } else {
        // A site file is missing: removing the old ones would leave the site worse than before.
        folder.abandon()?;
    }
    Ok(end)
}

/// The company block of the manifest's shared layers and `--set` flags, as written.
fn shared_company(manifest: &Manifest, overrides: &[Layer]) -> SiteCompany {
    let sources = crate::resolve::Sources {
        flags: overrides.to_vec(),
        ..manifest.sources()
    };
    let merged = sources
        .layers()
        .into_iter()
        .fold(PostingFile::default(), |merged, layer| merged.overlay(layer.facts));
    let company = merged.company.unwrap_or_default();
    let text = |value: Option<String>| value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
    SiteCompany {
        name: text(company.name),
        about: text(company.about),
    }
}

/// The site's company as the manifest names it for every job.
struct SiteCompany {
    name: Option<String>,
    about: Option<String>,
}

/// The company every card names, when they all name the same one.
fn common_company(cards: &[Card]) -> Option<String> {
    let first = cards.first()?.company.as_ref()?;
    cards
        .iter()
        .all(|card| card.company.as_ref() == Some(first))
        .then(|| first.clone())
}

/// What a written job leaves for the folder-wide files.
struct Kept {
    card: Card,
    /// Feed entries (Indeed, LinkedIn, jobs.json), with `--base-url`.
    entries: Option<[String; 3]>,
}

/// The feed files written as the jobs finish.
struct Streams {
    indeed: FeedFile,
    linkedin: FeedFile,
    json: FeedFile,
}

impl Streams {
    fn create(folder: &SiteFolder, base: &BaseUrl, company: &SiteCompany) -> Streams {
        Streams {
            indeed: FeedFile::create(folder.dir(), indeed::FILE, indeed::HEADER),
            linkedin: FeedFile::create(
                folder.dir(),
                linkedin::FILE,
                &linkedin::header(company.name.as_deref(), base.root()),
            ),
            json: FeedFile::create(folder.dir(), jobs_json::FILE, jobs_json::HEADER),
        }
    }

    fn add(&mut self, kept: &Kept) {
        if let Some([indeed, linkedin, json]) = &kept.entries {
            self.indeed.add("", indeed);
            self.linkedin.add("", linkedin);
            self.json.add(jobs_json::SEPARATOR, json);
        }
    }

    fn finish(self) -> Vec<(&'static str, Result<()>)> {
        vec![
            (self.indeed.name(), self.indeed.finish(indeed::FOOTER, indeed::FOOTER)),
            (
                self.linkedin.name(),
                self.linkedin.finish(linkedin::FOOTER, linkedin::FOOTER),
            ),
            (
                self.json.name(),
                self.json.finish(jobs_json::FOOTER, jobs_json::EMPTY_FOOTER),
            ),
        ]
    }
}

/// The site's writer: a job's page in `jobs/`, its card, and its feed entries.
struct SiteWriter<'a> {
    catalog: &'a Catalog,
    dir: std::path::PathBuf,
    base: Option<&'a BaseUrl>,
    date: NaiveDate,
    replace: bool,
}

impl JobWriter for SiteWriter<'_> {
    type Kept = Kept;

    fn leave_out(&self, job: &Job) -> Option<String> {
        let until = job.posting.valid_through?;
        (until.0 < self.date).then(|| {
            format!(
                "expired: valid_through {until} is before the build date {}",
                self.date.format("%Y-%m-%d")
            )
        })
    }

    fn write(&self, job: &Job, outcome: &mut JobOutcome) -> Result<Kept> {
        let id = outcome.id.clone().unwrap_or_default();
        let name = format!("jobs/{id}.html");
        let url = self.base.map(|base| base.of(&name));
        let markdown = render_markdown(self.catalog, job)?;
        let description = crate::render::description::Description::parse(&markdown);
        let body = description.body_html();
        // Google's required facts (date_posted, company, country) fail the job here, as for --format html.
        let posting = jsonld::job_posting_at(job, &body, url.as_deref())?;
        let json_ld = jsonld::to_script_safe_json(&posting);
        let posted = job
            .posting
            .date_posted
            .map(|d| d.0)
            .expect("the JobPosting requires date_posted");
        let entries = match &url {
            None => None,
            Some(url) => {
                let mut missing = Missing::default();
                let indeed = indeed::entries(job, &id, url, &body, &mut missing);
                let linkedin = linkedin::entries(job, &id, url, &body, &mut missing);
                missing.check()?;
                Some([indeed, linkedin, jobs_json::entry(&json_ld)])
            }
        };
        let page = html::careers_page_of(&description, job, &json_ld, None, Some(BACK));
        if !write_output(&self.dir.join(&name), page.as_bytes(), self.replace)? {
            outcome.unchanged += 1;
        }
        outcome.files.push(name);
        let mut card = Card::of(job, &id, posted);
        card.html = index::card_html(&card);
        Ok(Kept { card, entries })
    }
}

/// For a run that writes nothing (`--fail-fast` before the first job).
struct NothingWriter;

impl JobWriter for NothingWriter {
    type Kept = ();
    fn write(&self, _: &Job, _: &mut JobOutcome) -> Result<()> {
        Ok(())
    }
}

/// Today's date (UTC): the build date when `--date` is not given. The one place jdgen reads the clock.
pub fn today() -> NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date") + chrono::Duration::days(days)
}
