//! What the job-board feeds share: a job's places (one feed entry each), the facts a feed
//! cannot do without, and a feed file written entry by entry as the jobs finish.
//!
//! The feeds are views of the typed posting, like the JSON-LD: every value comes from a fact,
//! never from the rendered Markdown, except the description, which is the page's own HTML.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::fsio::write_error;
use crate::fsio::AtomicFile;
use crate::posting::{Apply, Country, Posting};

/// Where one feed entry says the job is. Both boards take one place per job, so a remote job
/// hiring from several countries (and no office) is one entry per country, each with its own
/// reference (`{id}-{country}`), all sharing the job's id as requisition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement<'a> {
    /// The entry's own id: the job's id, or `{id}-{cc}` for a remote country.
    pub reference: String,
    pub city: Option<&'a str>,
    pub region: Option<&'a str>,
    pub country: Country,
}

/// The places a feed lists `posting` at: its location, else each remote country. Empty when
/// it has neither country (the JobPosting check has refused such a job before a feed sees it).
pub fn placements<'a>(posting: &'a Posting, id: &str) -> Vec<Placement<'a>> {
    if let Some(location) = &posting.location {
        if let Some(country) = location.country {
            return vec![Placement {
                reference: id.to_owned(),
                city: location.city.as_deref(),
                region: location.region.as_deref(),
                country,
            }];
        }
    }
    let countries = posting
        .remote
        .as_ref()
        .map(|r| r.countries.as_slice())
        .unwrap_or_default();
    countries
        .iter()
        .map(|&country| Placement {
            reference: format!("{id}-{}", country.code().to_ascii_lowercase()),
            city: None,
            region: None,
            country,
        })
        .collect()
}

/// The address applications go to: the posting's own, else (applications by e-mail) the
/// posting's page, which says where to write.
pub fn apply_url<'a>(posting: &'a Posting, page_url: &'a str) -> &'a str {
    match &posting.apply {
        Some(Apply::Url(url)) => url,
        _ => page_url,
    }
}

/// A whole amount as an integer ("96000"), a fraction as it is ("45.5").
pub fn amount(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 9_007_199_254_740_992.0 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Facts one job lacks for the feeds, gathered so one error names them all.
#[derive(Debug, Default)]
pub struct Missing(Vec<String>);

impl Missing {
    /// Notes that `feed` needs `fact` (a job-file field and the feed's element).
    pub fn need(&mut self, feed: &str, fact: &str) {
        self.0.push(format!("{feed} needs {fact}"));
    }

    /// Ok when nothing is missing, else the error that fails the job.
    pub fn check(self) -> Result<()> {
        if self.0.is_empty() {
            return Ok(());
        }
        Err(Error::Missing(
            format!("the site's job-board feeds cannot list this job: {}", self.0.join("; ")),
            "add the missing facts to the job (or the company file, or --set KEY=VALUE); a feed entry \
             without them would be rejected by the board, and jdgen never writes an empty element"
                .into(),
        ))
    }
}

/// A feed file written as the jobs finish, in manifest order, under a temporary name until
/// [`finish`](Self::finish): memory stays flat however many jobs there are, and a run that
/// stops early leaves no half feed under the final name.
pub struct FeedFile {
    name: &'static str,
    path: PathBuf,
    out: Option<BufWriter<AtomicFile>>,
    error: Option<Error>,
    entries: usize,
}

impl FeedFile {
    /// Starts `name` (relative to the site's folder `dir`) with `header`.
    pub fn create(dir: &Path, name: &'static str, header: &str) -> FeedFile {
        let path = dir.join(name);
        let mut feed = FeedFile {
            name,
            path: path.clone(),
            out: None,
            error: None,
            entries: 0,
        };
        let started = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| write_error(&path, &e))
            .and_then(|()| AtomicFile::create(&path));
        match started {
            Ok(file) => {
                feed.out = Some(BufWriter::new(file));
                feed.append(header);
            }
            Err(error) => feed.error = Some(error),
        }
        feed
    }

    /// The file's name in the site.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Adds one job's entries (`separator` goes before every entry but the first).
    pub fn add(&mut self, separator: &str, entry: &str) {
        if entry.is_empty() {
            return;
        }
        if self.entries > 0 {
            self.append(separator);
        }
        self.entries += 1;
        self.append(entry);
    }

    fn append(&mut self, text: &str) {
        if let Some(out) = &mut self.out {
            if let Err(e) = out.write_all(text.as_bytes()) {
                self.error = Some(write_error(&self.path, &e));
                self.out = None;
            }
        }
    }

    /// Ends the file with `footer` (`empty_footer` when no entry was added) and puts it in place.
    pub fn finish(mut self, footer: &str, empty_footer: &str) -> Result<()> {
        let footer = if self.entries == 0 { empty_footer } else { footer };
        self.append(footer);
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let out = self.out.take().expect("a feed without an error has its file");
        let file = out.into_inner().map_err(|e| write_error(&self.path, e.error()))?;
        file.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{Location, Remote, Workplace};

    fn country(code: &str) -> Country {
        Country::try_from(code.to_owned()).unwrap()
    }

    #[test]
    fn a_remote_job_is_placed_in_each_country() {
        let posting = Posting {
            workplace: Some(Workplace::Remote),
            remote: Some(Remote {
                countries: vec![country("DE"), country("PT")],
                timezones: None,
            }),
            ..Posting::default()
        };
        let places = placements(&posting, "sm");
        let references: Vec<&str> = places.iter().map(|p| p.reference.as_str()).collect();
        assert_eq!(references, ["sm-de", "sm-pt"]);
        let located = Posting {
            location: Some(Location {
                city: Some("Berlin".into()),
                region: None,
                country: Some(country("DE")),
            }),
            ..posting
        };
        assert_eq!(placements(&located, "sm")[0].reference, "sm");
        assert_eq!(placements(&Posting::default(), "x"), []);
    }

    #[test]
    fn amounts_are_plain_numbers() {
        assert_eq!(amount(96000.0), "96000");
        assert_eq!(amount(45.5), "45.5");
    }
}
