//! `feeds/indeed.xml`: Indeed's job XML feed, one `<job>` per place of each posting.
//!
//! Follows Indeed's XML feed reference (docs.indeed.com, "XML feed reference"): a `<source>`
//! root, one `<job>` per job and place, every value in CDATA, the description as HTML. The
//! README lists each element and the fact it comes from.

use super::feeds::{self, Missing, Placement};
use super::xml::cdata_element;
use crate::posting::{money, Apply, EmploymentType, Workplace};
use crate::resolve::Job;

/// The file's name in the site.
pub const FILE: &str = "feeds/indeed.xml";

/// Everything before the first `<job>`.
pub const HEADER: &str = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<source>\n";

/// Everything after the last `<job>`.
pub const FOOTER: &str = "</source>\n";

/// The `<job>` elements of one posting whose page is `url` and whose id is `id`; the facts
/// Indeed requires and the job lacks are noted in `missing`.
pub fn entries(job: &Job, id: &str, url: &str, description_html: &str, missing: &mut Missing) -> String {
    let posting = &job.posting;
    const FEED: &str = "Indeed's feed";
    let Some(company) = &posting.company else {
        missing.need(FEED, "`company.name` (<company>)");
        return String::new();
    };
    let Some(date) = posting.date_posted else {
        missing.need(FEED, "`date_posted` (<date>)");
        return String::new();
    };
    let places = feeds::placements(posting, id);
    if places.is_empty() {
        missing.need(FEED, "`location.country` or, remote, `remote.countries` (<country>)");
    }
    let remote = posting.workplace == Some(Workplace::Remote);
    let mut out = String::new();
    for place in &places {
        // An office job is placed by its city; a fully remote one by its country alone.
        if place.city.is_none() && !remote {
            missing.need(FEED, "`location.city` (<city>) for a job that is not fully remote");
            return String::new();
        }
        out.push_str("  <job>\n");
        cdata_element(&mut out, 4, "title", &job.title);
        cdata_element(&mut out, 4, "date", &date.to_string());
        cdata_element(&mut out, 4, "referencenumber", &place.reference);
        // The same for every place of one job: Indeed's way to tie the entries together.
        cdata_element(&mut out, 4, "requisitionid", id);
        cdata_element(&mut out, 4, "url", url);
        cdata_element(&mut out, 4, "company", &company.name);
        write_place(&mut out, place);
        if let Some(Apply::Email(email)) = &posting.apply {
            cdata_element(&mut out, 4, "email", email);
        }
        cdata_element(&mut out, 4, "description", description_html);
        if let Some(salary) = &posting.salary {
            let range = money::format_range(salary.min, salary.max, salary.currency);
            cdata_element(
                &mut out,
                4,
                "salary",
                &format!("{range} {}", money::period_label(salary.period)),
            );
        }
        if let Some(kind) = posting.employment_type {
            cdata_element(&mut out, 4, "jobtype", job_type(kind));
        }
        if let Some(until) = posting.valid_through {
            cdata_element(&mut out, 4, "expirationdate", &until.to_string());
        }
        match posting.workplace {
            Some(Workplace::Remote) => cdata_element(&mut out, 4, "remotetype", "Fully remote"),
            Some(Workplace::Hybrid) => cdata_element(&mut out, 4, "remotetype", "Hybrid remote"),
            _ => {}
        }
        out.push_str("  </job>\n");
    }
    out
}

fn write_place(out: &mut String, place: &Placement) {
    if let Some(city) = place.city {
        cdata_element(out, 4, "city", city);
    }
    if let Some(region) = place.region {
        cdata_element(out, 4, "state", region);
    }
    cdata_element(out, 4, "country", place.country.code());
}

/// Indeed's job types.
fn job_type(kind: EmploymentType) -> &'static str {
    match kind {
        EmploymentType::FullTime => "fulltime",
        EmploymentType::PartTime => "parttime",
        EmploymentType::Contract => "contract",
        EmploymentType::Temporary => "temporary",
    }
}
