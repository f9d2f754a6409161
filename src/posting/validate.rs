//! Checks the merged facts of one posting and turns them into a typed [`Posting`]; errors name the layer and line that set the field.

use std::cell::RefCell;
use std::sync::Arc;

use serde::Serialize;

use super::amount::Amount;
use super::fields::{
    Country, Currency, DirectReports, EmploymentType, IsoDate, Period, Spelling, Workplace, MAX_PEOPLE,
};
use super::language::Language;
use super::position::locate_key;
use super::{ApplyFacts, PostingFile};
use crate::error::{Error, Located, Origin, Result};
use crate::yaml;

/// One source of facts (company file, job file, a `--set` flag), kept so errors can point into it.
#[derive(Debug, Clone)]
pub struct Layer {
    pub origin: Origin,
    /// The text as read, for line numbers; empty for flags. Shared, because every
    /// job of a batch manifest points into the same manifest text.
    pub text: Arc<str>,
    /// Where this layer's own part of `text` starts (a job inside a manifest).
    pub start: usize,
    /// The 1-based line of `text` at `start` (errors count lines from there, not from the
    /// top of a manifest of thousands of jobs).
    pub start_line: usize,
    pub facts: PostingFile,
    /// The company file's `branding:` block, checked; None for other layers.
    pub branding: Option<super::Branding>,
    /// The company file's `lint:` block (rule ids are checked against the rules when linting).
    pub lint: Option<super::LintSettings>,
    /// Problems met reading this layer (its `facts` are then what could be read): [`validate`]
    /// reports them with its own, so a file's problems all come out in one run.
    pub problems: Vec<Error>,
}

impl Layer {
    /// A layer of facts read from `text` (all of it), with no branding.
    pub fn new(origin: Origin, text: Arc<str>, facts: PostingFile) -> Layer {
        Layer {
            origin,
            text,
            start: 0,
            start_line: 1,
            facts,
            branding: None,
            lint: None,
            problems: Vec::new(),
        }
    }

    /// A layer read as far as it could be: what was read (nothing when nothing could be), and
    /// the problems; `Err` when nothing at all could be read. `at` is where the layer's part
    /// of `text` starts: its byte offset and 1-based line.
    pub fn partial(
        origin: Origin,
        text: Arc<str>,
        (start, start_line): (usize, usize),
        read: std::result::Result<PostingFile, crate::yaml::Partial<PostingFile>>,
    ) -> Result<Layer> {
        let (facts, problems) = match read {
            Ok(facts) => (facts, Vec::new()),
            Err(crate::yaml::Partial {
                rest: Some(rest),
                error,
            }) => (rest, error.into_problems()),
            Err(crate::yaml::Partial { rest: None, error }) => return Err(error),
        };
        Ok(Layer {
            origin,
            text,
            start,
            start_line,
            facts,
            branding: None,
            lint: None,
            problems,
        })
    }
}

/// A validated posting: every present fact is well-formed and consistent.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Posting {
    /// A safe file stem for the outputs, if the posting names one.
    pub id: Option<String>,
    pub role: Option<String>,
    pub level: Option<String>,
    pub title: Option<String>,
    pub company: Option<Company>,
    pub team: Option<String>,
    pub reports_to: Option<String>,
    pub direct_reports: Option<DirectReports>,
    pub team_size: Option<u32>,
    pub tools: Vec<String>,
    pub languages: Vec<Language>,
    pub travel: Option<String>,
    pub location: Option<Location>,
    pub workplace: Option<Workplace>,
    pub remote: Option<Remote>,
    pub employment_type: Option<EmploymentType>,
    pub salary: Option<Salary>,
    pub benefits: Vec<String>,
    pub responsibilities: Vec<String>,
    pub requirements: Vec<String>,
    pub nice_to_have: Vec<String>,
    pub hiring_process: Vec<String>,
    pub apply: Option<Apply>,
    pub date_posted: Option<IsoDate>,
    pub valid_through: Option<IsoDate>,
    pub equal_opportunity: Option<String>,
    /// The spelling asked for, if any ([`Posting::spelling`] applies the default).
    pub spelling_choice: Option<Spelling>,
}

impl Posting {
    /// The spelling of the catalog's words: as chosen, else US for a posting located in the
    /// United States (or remote from the United States alone), else British.
    pub fn spelling(&self) -> Spelling {
        self.spelling_choice.unwrap_or(match self.located_in_us() {
            true => Spelling::Us,
            false => Spelling::Uk,
        })
    }

    /// Whether the job is in the United States: located there, or remote from there alone.
    pub fn located_in_us(&self) -> bool {
        let us = |c: &Country| c.code() == "US";
        match (&self.location, &self.remote) {
            (Some(location), _) if location.country.is_some() => location.country.as_ref().is_some_and(us),
            (_, Some(remote)) => !remote.countries.is_empty() && remote.countries.iter().all(us),
            _ => false,
        }
    }
}

/// The hiring company.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Company {
    pub name: String,
    pub website: Option<String>,
    pub about: Option<String>,
}

/// Where the job is based.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    pub city: Option<String>,
    pub region: Option<String>,
    pub country: Option<Country>,
}

/// Who may work remotely, from where.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Remote {
    pub countries: Vec<Country>,
    pub timezones: Option<String>,
}

/// The pay range.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Salary {
    pub min: f64,
    pub max: f64,
    pub currency: Currency,
    pub period: Period,
}

/// How to apply.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum Apply {
    Url(String),
    Email(String),
}

/// Validates the merged facts of `layers` (bottom first). Every problem is reported, not only
/// the first, so a file is fixed in one pass.
pub fn validate(layers: &[Layer]) -> Result<Posting> {
    let merged = layers.iter().fold(PostingFile::default(), |merged, layer| {
        super::Overlay::overlay(merged, layer.facts.clone())
    });
    let check = Checker {
        layers,
        // What could not be read comes first, in file order; the facts that could are checked after.
        problems: RefCell::new(layers.iter().flat_map(|layer| layer.problems.clone()).collect()),
    };

    let company = merged.company.and_then(|company| {
        let name = check.required_text(
            company.name,
            "company.name",
            "the company's name, e.g. `name: Acme Analytics`",
        );
        let website = company.website.and_then(|site| check.web_url(&site, "company.website"));
        Some(Company {
            name: name?,
            website,
            about: check.optional_text(company.about),
        })
    });

    let location = merged.location.and_then(|location| {
        let location = Location {
            city: check.optional_text(location.city),
            region: check.optional_text(location.region),
            country: location.country,
        };
        (location.city.is_some() || location.region.is_some() || location.country.is_some()).then_some(location)
    });

    let remote = merged.remote.map(|remote| Remote {
        countries: remote.countries.unwrap_or_default(),
        timezones: check.optional_text(remote.timezones),
    });
    if remote.is_some() && merged.workplace.is_some_and(|w| w != Workplace::Remote) {
        check.problem(
            "remote",
            "a `remote:` block is given but `workplace` is not `remote`",
            Some("set `workplace: remote`, or remove the `remote:` block".into()),
        );
    }

    let salary = merged.salary.and_then(|salary| check.salary(salary));
    let apply = merged.apply.and_then(|apply| check.apply(apply));

    if let (Some(posted), Some(until)) = (merged.date_posted, merged.valid_through) {
        if until < posted {
            check.problem(
                "valid_through",
                format!("{until} is before date_posted ({posted})"),
                Some(
                    "valid_through is the last day applications are accepted; it must be on or after date_posted"
                        .into(),
                ),
            );
        }
    }

    let title = check.optional_text(merged.title);
    if title.as_ref().is_some_and(|title| title.contains('\n')) {
        check.problem("title", "the title must be a single line", None);
    }

    let id = check.optional_text(merged.id);
    if let Some(id) = &id {
        if let Err(why) = crate::names::check_stem(id) {
            check.problem("id", why, None);
        }
    }

    let single_line = |text: Option<String>, field: &str| -> Option<String> {
        let text = check.optional_text(text);
        if text.as_ref().is_some_and(|t| t.contains('\n')) {
            check.problem(field, "must be a single line", None);
        }
        text
    };
    let direct_reports = match merged.direct_reports {
        // `--set direct_reports=4` and a CSV cell hold text; a number written as text is a number.
        Some(DirectReports::Text(text)) => match text.trim().parse::<i64>() {
            Ok(n) if (0..=i64::from(MAX_PEOPLE)).contains(&n) => Some(DirectReports::Count(n as u32)),
            Ok(n) => {
                check.problem(
                    "direct_reports",
                    format!("{n} is not a number of people"),
                    Some(format!("write 0 to {MAX_PEOPLE}, or who, e.g. \"4 product managers\"")),
                );
                None
            }
            Err(_) => single_line(Some(text), "direct_reports").map(DirectReports::Text),
        },
        other => other,
    };
    if let Some(size) = merged.team_size {
        if size == 0 || size > MAX_PEOPLE {
            check.problem(
                "team_size",
                format!("{size} is not a team's size"),
                Some(format!(
                    "write how many people the team has, 1 to {MAX_PEOPLE}, the new hire included"
                )),
            );
        }
    }

    let posting = Posting {
        id,
        role: check.optional_text(merged.role),
        level: check.optional_text(merged.level),
        title,
        company,
        team: check.optional_text(merged.team),
        reports_to: single_line(merged.reports_to, "reports_to"),
        direct_reports,
        team_size: merged.team_size,
        tools: check.list(merged.tools),
        languages: merged.languages.unwrap_or_default(),
        travel: single_line(merged.travel, "travel"),
        location,
        workplace: merged.workplace,
        remote,
        employment_type: merged.employment_type,
        salary,
        benefits: check.list(merged.benefits),
        responsibilities: check.list(merged.responsibilities),
        requirements: check.list(merged.requirements),
        nice_to_have: check.list(merged.nice_to_have),
        hiring_process: check.list(merged.hiring_process),
        apply,
        date_posted: merged.date_posted,
        valid_through: merged.valid_through,
        equal_opportunity: check.optional_text(merged.equal_opportunity),
        spelling_choice: merged.spelling,
    };
    let problems = check.problems.into_inner();
    match problems.is_empty() {
        true => Ok(posting),
        false => Err(Error::all(problems)),
    }
}

/// The largest amount of pay jdgen accepts, in any currency: above any real salary even in
/// currencies of many units to the dollar, and small enough that every amount prints exactly
/// (`1e32` printed "€100,000,000,000,000,005,366,…"). Plausibility per period is checked after
/// (see [`super::amount`]).
pub const MAX_AMOUNT: f64 = 1e12;

/// Validation helpers that know the layers, so every problem can name where the field was
/// set; problems are collected, and a check that fails gives `None`.
struct Checker<'a> {
    layers: &'a [Layer],
    problems: RefCell<Vec<Error>>,
}

impl Checker<'_> {
    fn problem(&self, field: &str, message: impl Into<String>, help: Option<String>) {
        let (origin, at) = locate(self.layers, field);
        self.problems
            .borrow_mut()
            .push(Error::invalid(origin, field, message, help, at));
    }

    fn optional_text(&self, text: Option<String>) -> Option<String> {
        text.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty())
    }

    fn required_text(&self, text: Option<String>, field: &str, what: &str) -> Option<String> {
        let text = self.optional_text(text);
        if text.is_none() {
            self.problem(field, "is missing or empty", Some(format!("give {what}")));
        }
        text
    }

    fn list(&self, items: Option<Vec<String>>) -> Vec<String> {
        items
            .unwrap_or_default()
            .into_iter()
            .map(|item| item.trim().to_owned())
            .filter(|item| !item.is_empty())
            .collect()
    }

    fn web_url(&self, text: &str, field: &str) -> Option<String> {
        let text = text.trim();
        match url::Url::parse(text) {
            Ok(parsed) if matches!(parsed.scheme(), "http" | "https") && parsed.host().is_some() => {
                Some(text.to_owned())
            }
            _ => {
                self.problem(
                    field,
                    format!("'{text}' is not a web address"),
                    Some("write a full http(s) address, e.g. https://example.com/jobs".into()),
                );
                None
            }
        }
    }

    fn salary(&self, salary: super::SalaryFacts) -> Option<Salary> {
        let period = salary.period.unwrap_or_default();
        if salary.currency.is_none() {
            self.problem(
                "salary.currency",
                "is missing",
                Some("give an ISO 4217 code, e.g. `currency: EUR`".into()),
            );
        }
        let amount = |value: Option<Amount>, field: &str| -> Option<f64> {
            let Some(amount) = value else {
                self.problem(
                    field,
                    "is missing",
                    Some("a salary needs both `min` and `max` (equal for a fixed amount)".into()),
                );
                return None;
            };
            let v = amount.value;
            if !v.is_finite() || v < 0.0 {
                self.problem(
                    field,
                    format!("{v} is not an amount"),
                    Some("amounts are zero or more".into()),
                );
                return None;
            }
            if v > MAX_AMOUNT {
                self.problem(
                    field,
                    format!("{v:e} is more than any salary"),
                    Some(
                        "amounts go up to 1,000,000,000,000 in any currency: is there an extra digit or exponent?"
                            .into(),
                    ),
                );
                return None;
            }
            // An amount that cannot be this period's pay is never published (`78.000` is 78).
            if let Some(currency) = salary.currency {
                if let Some((message, help)) = super::amount::implausible(&amount, period, currency) {
                    self.problem(field, message, Some(help));
                    return None;
                }
            }
            Some(v)
        };
        let min = amount(salary.min, "salary.min");
        let max = amount(salary.max, "salary.max");
        let (min, max) = (min?, max?);
        if min > max {
            self.problem(
                "salary.max",
                format!("the maximum ({max}) is below the minimum ({min})"),
                Some("write the range low to high: `min` <= `max`".into()),
            );
            return None;
        }
        Some(Salary {
            min,
            max,
            currency: salary.currency?,
            period,
        })
    }

    fn apply(&self, apply: ApplyFacts) -> Option<Apply> {
        match (apply.url, apply.email) {
            (Some(url), None) => self.web_url(&url, "apply.url").map(Apply::Url),
            (None, Some(email)) => {
                let email = email.trim().to_owned();
                let valid = email.split_once('@').is_some_and(|(user, domain)| {
                    !user.is_empty() && domain.contains('.') && !email.contains(char::is_whitespace)
                });
                if !valid {
                    self.problem("apply.email", format!("'{email}' is not an e-mail address"), None);
                }
                valid.then_some(Apply::Email(email))
            }
            _ => {
                self.problem(
                    "apply",
                    "give exactly one of `url` or `email`",
                    Some("e.g. `apply: {url: \"https://example.com/jobs/42\"}`".into()),
                );
                None
            }
        }
    }
}

/// The topmost layer that sets `field` (a dotted path), or failing that its
/// nearest enclosing block, and the line where it does.
pub fn locate(layers: &[Layer], field: &str) -> (Origin, Option<Located>) {
    let path: Vec<&str> = field.split('.').collect();
    let setter = (1..=path.len())
        .rev()
        .find_map(|depth| layers.iter().rev().find(|layer| sets(&layer.facts, &path[..depth])))
        .or(layers.last());
    match setter {
        None => (Origin::File("<posting>".into()), None),
        Some(layer) => {
            let at = match &layer.origin {
                Origin::File(name) => {
                    // From the layer's own start: a failing job of a long manifest searches
                    // its own lines, not the whole manifest.
                    let part = layer.text.get(layer.start..).unwrap_or_default();
                    locate_key(part, 0, &path).map(|(line, column)| {
                        Located::in_part(name, part, layer.start_line, line + layer.start_line - 1, column)
                    })
                }
                Origin::Flag(_) => None,
            };
            (layer.origin.clone(), at)
        }
    }
}

/// Whether `facts` sets the field at `path`.
fn sets(facts: &PostingFile, path: &[&str]) -> bool {
    let value = yaml::to_value(facts);
    let mut node = &value;
    for key in path {
        match node.get(*key) {
            Some(next) => node = next,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layer(text: &str) -> Layer {
        let origin = Origin::File("job.yaml".into());
        Layer {
            facts: yaml::from_str(&origin, text).unwrap(),
            origin,
            text: text.into(),
            start: 0,
            start_line: 1,
            branding: None,
            lint: None,
            problems: Vec::new(),
        }
    }

    fn invalid(text: &str) -> String {
        validate(&[layer(text)]).unwrap_err().to_string()
    }

    #[test]
    fn a_bare_posting_is_valid() {
        assert_eq!(validate(&[]).unwrap(), Posting::default());
    }

    #[test]
    fn salary_rules() {
        let order = invalid("salary: {min: 100000, max: 50000, currency: EUR}");
        assert!(
            order.contains("job.yaml:1:23: field `salary.max`: the maximum"),
            "{order}"
        );
        assert!(invalid("salary: {min: -1, max: 5, currency: EUR}").contains("salary.min"));
        assert!(invalid("salary:\n  min: 1\n  max: 5\n").contains("job.yaml:1:1: field `salary.currency`: is missing"));
        assert!(invalid("salary: {min: 1, currency: EUR}").contains("salary.max"));
        let absurd = invalid("salary: {min: 50000, max: 1e32, currency: EUR}");
        assert!(
            absurd.contains("job.yaml:1:22: field `salary.max`: 1e32 is more than any salary"),
            "{absurd}"
        );
        assert!(validate(&[layer("salary: {min: 500000000, max: 900000000, currency: IRR}")]).is_ok());
        let posting = validate(&[layer("salary: {min: 50000, max: 50000, currency: usd}")]).unwrap();
        assert_eq!(posting.salary.unwrap().period, Period::Year);
    }

    #[test]
    fn a_thousands_dot_is_never_published() {
        let error = invalid("salary: {min: 78.000, max: 96.000, currency: EUR}");
        assert!(
            error.contains(
                "job.yaml:1:10: field `salary.min`: 78.000 reads as 78 (the dot is a decimal point); for a yearly salary did you mean 78000?"
            ),
            "{error}"
        );
        assert!(error.contains("field `salary.max`: 96.000 reads as 96"), "{error}");
        assert!(validate(&[layer("salary: {min: 78.000, max: 96.000, currency: EUR, period: hour}")]).is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let error = validate(&[layer(
            "company: {website: 'nowhere'}\nsalary: {min: 9, max: 5, currency: EUR}\napply: {email: x}\nteam_size: 0\n",
        )])
        .unwrap_err();
        let shown = error.to_string();
        assert_eq!(error.count(), 6, "{shown}");
        for field in [
            "company.name",
            "company.website",
            "salary.min",
            "salary.max",
            "apply.email",
            "team_size",
        ] {
            assert!(shown.contains(&format!("field `{field}`")), "{field}: {shown}");
        }
    }

    #[test]
    fn dates_must_be_in_order() {
        let error = invalid("date_posted: 2026-11-02\nvalid_through: 2026-10-01\n");
        assert!(error.contains("job.yaml:2:1: field `valid_through`"), "{error}");
    }

    #[test]
    fn apply_takes_one_way() {
        assert!(invalid("apply: {url: 'https://a.example', email: 'a@b.example'}").contains("exactly one"));
        assert!(invalid("apply: {url: 'ftp://a.example'}").contains("not a web address"));
        assert!(invalid("apply: {email: 'nobody'}").contains("not an e-mail"));
    }

    #[test]
    fn company_needs_a_name() {
        assert!(invalid("company: {about: 'We build things.'}").contains("company.name"));
    }

    #[test]
    fn remote_block_needs_remote_work() {
        assert!(invalid("workplace: onsite\nremote: {countries: [DE]}").contains("`remote`"));
    }

    #[test]
    fn errors_name_the_topmost_layer_that_set_the_field() {
        let company = Layer {
            origin: Origin::File("company.yaml".into()),
            ..layer("salary: {min: 100000, max: 200000, currency: EUR}")
        };
        let flag = Layer {
            origin: Origin::Flag("salary.max=50000".into()),
            text: "".into(),
            start: 0,
            start_line: 1,
            facts: PostingFile {
                salary: Some(super::super::SalaryFacts {
                    max: Some(50000.0.into()),
                    ..Default::default()
                }),
                ..Default::default()
            },
            branding: None,
            lint: None,
            problems: Vec::new(),
        };
        let error = validate(&[company, flag]).unwrap_err().to_string();
        assert!(
            error.starts_with("--set salary.max=50000: field `salary.max`"),
            "{error}"
        );
    }

    #[test]
    fn keys_are_located_in_block_and_flow_style() {
        let text = "role: pm\nsalary:\n  min: 1\n  max: 2\nother: {max: 3}\n";
        assert_eq!(locate_key(text, 0, &["salary", "max"]), Some((4, 3)));
        assert_eq!(locate_key(text, 0, &["other", "max"]), Some((5, 9)));
        assert_eq!(locate_key(text, 0, &["absent"]), None);
        assert_eq!(locate_key(text, 0, &["salary", "currency"]), Some((2, 1)));
    }
}
