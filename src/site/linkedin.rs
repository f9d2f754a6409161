//! `feeds/linkedin.xml`: LinkedIn's Basic Jobs XML feed, one `<job>` per place of each posting.
//!
//! Follows LinkedIn's "XML Feeds – Development Guide" (learn.microsoft.com, LinkedIn Talent
//! Solutions): a `<source>` root, the mandatory job fields (partnerJobId, company, title,
//! description, applyUrl, location) and the recommended ones the facts give. The README lists
//! each element and the fact it comes from, and what is left out.

use super::feeds::{self, Missing};
use super::xml::{cdata, cdata_element};
use crate::posting::{EmploymentType, Period, Workplace};
use crate::resolve::Job;

/// The file's name in the site.
pub const FILE: &str = "feeds/linkedin.xml";

/// The longest `partnerJobId` LinkedIn accepts.
pub const MAX_JOB_ID: usize = 40;

/// Everything before the first `<job>`: the publisher is the careers site.
pub fn header(publisher: Option<&str>, site_url: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n");
    if let Some(publisher) = publisher {
        cdata_element(&mut out, 2, "publisher", publisher);
    }
    cdata_element(&mut out, 2, "publisherUrl", site_url);
    out
}

/// Everything after the last `<job>`.
pub const FOOTER: &str = "</source>\n";

/// The `<job>` elements of one posting whose page is `url`; missing mandatory facts are
/// noted in `missing`.
pub fn entries(job: &Job, id: &str, url: &str, description_html: &str, missing: &mut Missing) -> String {
    let posting = &job.posting;
    const FEED: &str = "LinkedIn's feed";
    let Some(company) = &posting.company else {
        missing.need(FEED, "`company.name` (<company>)");
        return String::new();
    };
    let places = feeds::placements(posting, id);
    if places.is_empty() {
        missing.need(FEED, "`location.country` or, remote, `remote.countries` (<location>)");
    }
    if let Some(long) = places.iter().find(|p| p.reference.chars().count() > MAX_JOB_ID) {
        missing.need(
            FEED,
            &format!(
                "a job id of at most {MAX_JOB_ID} characters (<partnerJobId>), not '{}': give the job a shorter `id`",
                long.reference
            ),
        );
        return String::new();
    }
    let mut out = String::new();
    for place in &places {
        out.push_str("  <job>\n");
        cdata_element(&mut out, 4, "partnerJobId", &place.reference);
        cdata_element(&mut out, 4, "company", &company.name);
        cdata_element(&mut out, 4, "title", &job.title);
        cdata_element(&mut out, 4, "description", description_html);
        cdata_element(&mut out, 4, "applyUrl", feeds::apply_url(posting, url));
        let location: Vec<&str> = [place.city, place.region, Some(place.country.code())]
            .into_iter()
            .flatten()
            .collect();
        cdata_element(&mut out, 4, "location", &location.join(", "));
        if let Some(city) = place.city {
            cdata_element(&mut out, 4, "city", city);
        }
        if let Some(region) = place.region {
            cdata_element(&mut out, 4, "state", region);
        }
        cdata_element(&mut out, 4, "country", place.country.code());
        if let Some(workplace) = posting.workplace {
            cdata_element(&mut out, 4, "workplaceTypes", workplace_type(workplace));
        }
        if let Some(kind) = posting.employment_type {
            cdata_element(&mut out, 4, "jobtype", job_type(kind));
        }
        if !posting.tools.is_empty() {
            out.push_str("    <skills>\n");
            for tool in &posting.tools {
                cdata_element(&mut out, 6, "skill", tool);
            }
            out.push_str("    </skills>\n");
        }
        if let Some(salary) = &posting.salary {
            let bound = |name: &str, value: f64| {
                format!(
                    "        <{name}>\n          <amount>{}</amount>\n          <currencyCode>{}</currencyCode>\n        </{name}>\n",
                    cdata(&feeds::amount(value)),
                    cdata(salary.currency.code())
                )
            };
            out.push_str("    <salaries>\n      <salary>\n");
            out.push_str(&bound("highEnd", salary.max));
            out.push_str(&bound("lowEnd", salary.min));
            cdata_element(&mut out, 8, "period", period(salary.period));
            cdata_element(&mut out, 8, "type", "BASE_SALARY");
            out.push_str("      </salary>\n    </salaries>\n");
        }
        out.push_str("  </job>\n");
    }
    out
}

fn workplace_type(workplace: Workplace) -> &'static str {
    match workplace {
        Workplace::Onsite => "On-site",
        Workplace::Hybrid => "Hybrid",
        Workplace::Remote => "Remote",
    }
}

fn job_type(kind: EmploymentType) -> &'static str {
    match kind {
        EmploymentType::FullTime => "FULL_TIME",
        EmploymentType::PartTime => "PART_TIME",
        EmploymentType::Contract => "CONTRACT",
        EmploymentType::Temporary => "TEMPORARY",
    }
}

fn period(period: Period) -> &'static str {
    match period {
        Period::Hour => "HOURLY",
        Period::Day => "DAILY",
        Period::Week => "WEEKLY",
        Period::Month => "MONTHLY",
        Period::Year => "YEARLY",
    }
}
