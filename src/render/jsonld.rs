//! The schema.org `JobPosting` (JSON-LD) of a job, built from its typed facts, as Google for Jobs documents it.
//!
//! Google lists a posting only when `title`, `description`, `datePosted`,
//! `hiringOrganization` and `jobLocation` (with `addressCountry`) are there;
//! a fully remote job may give `jobLocationType: TELECOMMUTE` with
//! `applicantLocationRequirements` instead of a place. jdgen never fills a
//! missing fact from the clock or a guess: a posting that lacks one of these is
//! an error naming every missing field, so a page is never published that
//! Google would silently ignore.

use serde_json::{json, Map, Value as Json};

use crate::error::{Error, Result};
use crate::posting::{Apply, EmploymentType, Period, Posting, Workplace};
use crate::resolve::Job;

/// The `--format json` file: the `JobPosting` of `job`, exactly as the careers page embeds it.
pub fn job_posting_file(markdown: &str, job: &Job) -> Result<String> {
    let description = super::description::Description::parse(markdown);
    let posting = job_posting(job, &description.body_html())?;
    Ok(format!("{}\n", to_script_safe_json(&posting)))
}

/// The `JobPosting` for `job`; `description_html` is the body of the description as HTML.
pub fn job_posting(job: &Job, description_html: &str) -> Result<Json> {
    job_posting_at(job, description_html, None)
}

/// [`job_posting`] for a page published at `url` (a site built with `--base-url`), which
/// becomes the posting's `url`.
pub fn job_posting_at(job: &Job, description_html: &str, url: Option<&str>) -> Result<Json> {
    let posting = &job.posting;
    check_required(posting)?;

    let mut object = Map::new();
    object.insert("@context".into(), json!("https://schema.org/"));
    object.insert("@type".into(), json!("JobPosting"));
    object.insert("title".into(), json!(job.title));
    object.insert("description".into(), json!(description_html));
    if let Some(url) = url {
        object.insert("url".into(), json!(url));
    }
    if let Some(date) = posting.date_posted {
        object.insert("datePosted".into(), json!(date.to_string()));
    }
    if let Some(date) = posting.valid_through {
        object.insert("validThrough".into(), json!(date.to_string()));
    }
    if let Some(kind) = posting.employment_type {
        object.insert("employmentType".into(), json!(employment_type(kind)));
    }
    if let Some(company) = &posting.company {
        let mut organization = json!({"@type": "Organization", "name": company.name});
        if let Some(website) = &company.website {
            organization["sameAs"] = json!(website);
        }
        object.insert("hiringOrganization".into(), organization);
    }
    if let Some(location) = &posting.location {
        let mut address = Map::new();
        address.insert("@type".into(), json!("PostalAddress"));
        for (key, value) in [
            ("addressLocality", location.city.as_deref()),
            ("addressRegion", location.region.as_deref()),
            ("addressCountry", location.country.map(|c| c.code())),
        ] {
            if let Some(value) = value {
                address.insert(key.into(), json!(value));
            }
        }
        object.insert("jobLocation".into(), json!({"@type": "Place", "address": address}));
    }
    // Google: TELECOMMUTE is only for jobs that are 100% remote, which is what `workplace: remote` means.
    if posting.workplace == Some(Workplace::Remote) {
        object.insert("jobLocationType".into(), json!("TELECOMMUTE"));
        let countries = posting
            .remote
            .as_ref()
            .map(|r| r.countries.as_slice())
            .unwrap_or_default();
        if !countries.is_empty() {
            let requirements: Vec<Json> = countries
                .iter()
                .map(|country| json!({"@type": "Country", "name": country.name()}))
                .collect();
            object.insert("applicantLocationRequirements".into(), json!(requirements));
        }
    }
    if let Some(salary) = &posting.salary {
        let mut value = json!({"@type": "QuantitativeValue", "unitText": unit_text(salary.period)});
        if salary.min == salary.max {
            value["value"] = number(salary.min);
        } else {
            value["minValue"] = number(salary.min);
            value["maxValue"] = number(salary.max);
        }
        object.insert(
            "baseSalary".into(),
            json!({"@type": "MonetaryAmount", "currency": salary.currency.code(), "value": value}),
        );
    }
    if let Some(direct) = direct_apply(posting) {
        object.insert("directApply".into(), json!(direct));
    }
    let at_level = job.at_level();
    if let Some(occupation) = at_level.occupation() {
        object.insert("occupationalCategory".into(), json!(occupation.code));
    }
    object.insert(
        "experienceRequirements".into(),
        json!({
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": at_level.years().min * 12,
        }),
    );
    // schema.org has `skills` for competencies: the tools and the working languages.
    let skills: Vec<String> = posting
        .tools
        .iter()
        .cloned()
        .chain(posting.languages.iter().map(|l| l.to_string()))
        .collect();
    if !skills.is_empty() {
        object.insert("skills".into(), json!(skills));
    }
    Ok(Json::Object(object))
}

/// Google's required facts, all missing ones in one error.
fn check_required(posting: &Posting) -> Result<()> {
    let mut missing = Vec::new();
    if posting.date_posted.is_none() {
        missing.push("`date_posted` (datePosted), e.g. `date_posted: 2026-11-02`");
    }
    if posting.company.is_none() {
        missing.push("`company.name` (hiringOrganization)");
    }
    let has_country = posting.location.as_ref().is_some_and(|l| l.country.is_some());
    let remote_countries = posting.workplace == Some(Workplace::Remote)
        && posting.remote.as_ref().is_some_and(|r| !r.countries.is_empty());
    if !has_country && !remote_countries {
        missing.push(
            "`location.country` (jobLocation.address.addressCountry), or for a fully remote job \
             `workplace: remote` with `remote.countries` (applicantLocationRequirements)",
        );
    }
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Missing(
        format!(
            "the html and json formats carry a JobPosting for Google for Jobs, which needs {}",
            missing.join("; and ")
        ),
        "add the missing facts to the job file or manifest (or the company file, or --set KEY=VALUE \
         with generate and batch); jdgen never takes today's date or guesses a place"
            .into(),
    ))
}

fn employment_type(kind: EmploymentType) -> &'static str {
    match kind {
        EmploymentType::FullTime => "FULL_TIME",
        EmploymentType::PartTime => "PART_TIME",
        EmploymentType::Contract => "CONTRACTOR",
        EmploymentType::Temporary => "TEMPORARY",
    }
}

fn unit_text(period: Period) -> &'static str {
    match period {
        Period::Hour => "HOUR",
        Period::Day => "DAY",
        Period::Week => "WEEK",
        Period::Month => "MONTH",
        Period::Year => "YEAR",
    }
}

/// Whole amounts as integers (`78000`, not `78000.0`); fractions as they are (`45.5`).
fn number(amount: f64) -> Json {
    // Salaries are validated as finite and non-negative; below 2^53 an f64 holds every integer exactly.
    if amount.fract() == 0.0 && amount < 9_007_199_254_740_992.0 {
        json!(amount as u64)
    } else {
        json!(amount)
    }
}

/// `directApply`: true when applications go to a page on the company's own website
/// (same host, or a subdomain of it), false when they go by e-mail (no online path
/// from the posting). An application address on another site (a job board, an
/// applicant tracking system jdgen cannot see) leaves it out rather than guess.
fn direct_apply(posting: &Posting) -> Option<bool> {
    match posting.apply.as_ref()? {
        Apply::Email(_) => Some(false),
        Apply::Url(apply) => {
            let site = posting.company.as_ref()?.website.as_deref()?;
            let host = |text: &str| url::Url::parse(text).ok()?.host_str().map(str::to_ascii_lowercase);
            let (apply_host, site_host) = (host(apply)?, host(site)?);
            let site_host = site_host.strip_prefix("www.").unwrap_or(&site_host);
            let same_site =
                apply_host == site_host || apply_host.strip_suffix(site_host).is_some_and(|sub| sub.ends_with('.'));
            same_site.then_some(true)
        }
    }
}

/// Serialises JSON-LD so it can sit inside `<script>`: `<`, `>` and `&` become
/// `\u003c`, `\u003e`, `\u0026`, so no text (e.g. `</script>` in a company name)
/// can end the element or open a comment. The result is still the same JSON.
pub fn to_script_safe_json(value: &Json) -> String {
    // These three characters occur in JSON only inside strings, where the escape means the same.
    let text = serde_json::to_string_pretty(value).expect("a JSON value always serialises");
    let mut safe = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            c => safe.push(c),
        }
    }
    safe
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::posting::{Company, Country, Location, Remote};

    fn posting() -> Posting {
        Posting {
            company: Some(Company {
                name: "Acme".into(),
                website: Some("https://www.acme.example".into()),
                about: None,
            }),
            location: Some(Location {
                city: None,
                region: None,
                country: Some(Country::try_from("DE".to_owned()).unwrap()),
            }),
            date_posted: Some(crate::posting::IsoDate::try_from("2026-11-02".to_owned()).unwrap()),
            ..Posting::default()
        }
    }

    #[test]
    fn script_safe_json_round_trips() {
        let value = json!({"name": "</script><!-- & \"x\" >"});
        let text = to_script_safe_json(&value);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<Json>(&text).unwrap(), value);
    }

    #[test]
    fn numbers_are_integers_when_whole() {
        assert_eq!(number(78_000.0).to_string(), "78000");
        assert_eq!(number(45.5).to_string(), "45.5");
    }

    #[test]
    fn direct_apply_follows_where_applications_go() {
        let with_apply = |apply: Apply| Posting {
            apply: Some(apply),
            ..posting()
        };
        assert_eq!(
            direct_apply(&with_apply(Apply::Url("https://acme.example/jobs/1".into()))),
            Some(true)
        );
        assert_eq!(
            direct_apply(&with_apply(Apply::Url("https://jobs.acme.example/1".into()))),
            Some(true)
        );
        assert_eq!(
            direct_apply(&with_apply(Apply::Url("https://notacme.example/1".into()))),
            None
        );
        assert_eq!(
            direct_apply(&with_apply(Apply::Url("https://ats.example/acme".into()))),
            None
        );
        assert_eq!(
            direct_apply(&with_apply(Apply::Email("jobs@acme.example".into()))),
            Some(false)
        );
        assert_eq!(direct_apply(&posting()), None);
    }

    #[test]
    fn required_facts_are_named_together() {
        assert!(check_required(&posting()).is_ok());
        let error = check_required(&Posting::default()).unwrap_err().to_string();
        for field in ["date_posted", "company.name", "location.country"] {
            assert!(error.contains(field), "{error}");
        }
        let remote = Posting {
            location: None,
            workplace: Some(Workplace::Remote),
            remote: Some(Remote {
                countries: vec![Country::try_from("PT".to_owned()).unwrap()],
                timezones: None,
            }),
            ..posting()
        };
        assert!(check_required(&remote).is_ok());
    }
}
