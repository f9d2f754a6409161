//! The posting's facts: the job-file schema users write, how sources layer, and validation into a typed [`Posting`].

pub mod amount;
pub mod branding;
pub mod country;
pub mod fields;
pub mod language;
pub mod money;
mod position;
mod validate;
mod words;

use serde::{Deserialize, Serialize};

pub use amount::Amount;
pub use branding::{Branding, BrandingFacts};
pub use fields::{Country, Currency, DirectReports, EmploymentType, IsoDate, Period, Spelling, Workplace};
pub use language::{Language, LanguageLevel};
pub use position::locate_key;
pub use validate::{locate, validate, Apply, Company, Layer, Location, Posting, Remote, Salary};

/// A job file as written: every field optional, because the facts of one posting
/// may come from several layers (company file, job file, `--set` flags).
///
/// These field names are jdgen's public interface.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PostingFile {
    /// Names the output files (`{id}.md`) in a batch or with `--out-dir`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub company: Option<CompanyFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Whom the role reports to ("Vice President of Product").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reports_to: Option<String>,
    /// How many people report to the role (a number), or who ("4 product managers").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direct_reports: Option<DirectReports>,
    /// How many people the team has, the new hire included.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "fields::count")]
    pub team_size: Option<u32>,
    /// Tools the team works with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tools: Option<Vec<String>>,
    /// Working languages and the level each needs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub languages: Option<Vec<Language>>,
    /// How much travel the job needs ("Up to 15% travel to customer sites").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub travel: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<LocationFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub workplace: Option<Workplace>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remote: Option<RemoteFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employment_type: Option<EmploymentType>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub salary: Option<SalaryFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub benefits: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub responsibilities: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub requirements: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nice_to_have: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hiring_process: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub apply: Option<ApplyFacts>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_posted: Option<IsoDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_through: Option<IsoDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub equal_opportunity: Option<String>,
    /// `us` or `uk`: the spelling of the catalog's words; by default US for postings located in the US.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spelling: Option<Spelling>,
}

/// `company:` as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub about: Option<String>,
}

/// `location:` as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<Country>,
}

/// `remote:` as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub countries: Option<Vec<Country>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezones: Option<String>,
}

/// `salary:` as written.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SalaryFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<Amount>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<Period>,
}

/// `apply:` as written: a URL or an e-mail address.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplyFacts {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// A company file (`--company FILE`): facts written once and reused by every posting of that company.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompanyFile {
    pub company: CompanyFacts,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefits: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hiring_process: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apply: Option<ApplyFacts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub equal_opportunity: Option<String>,
    /// `us` or `uk` for every posting of the company (a job file may still choose).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spelling: Option<Spelling>,
    /// `lint:` settings for every posting of the company (`jdgen lint`, `--lint`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lint: Option<LintSettings>,
    /// The look of DOCX output: font, heading colour, a reference Word document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branding: Option<BrandingFacts>,
}

/// A company file's `lint:` block.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LintSettings {
    /// Lint rule ids to switch off (see `jdgen lint --help` and the README).
    #[serde(default)]
    pub disable: Vec<String>,
}

impl CompanyFile {
    /// The company file as the bottom layer of a posting.
    pub fn as_posting(&self) -> PostingFile {
        PostingFile {
            company: Some(self.company.clone()),
            benefits: self.benefits.clone(),
            hiring_process: self.hiring_process.clone(),
            apply: self.apply.clone(),
            equal_opportunity: self.equal_opportunity.clone(),
            spelling: self.spelling,
            ..PostingFile::default()
        }
    }
}

/// Layering: fields set in `over` replace those in `self`; blocks merge field by field.
pub trait Overlay {
    fn overlay(self, over: Self) -> Self;
}

/// Takes `over`'s field where it is set.
macro_rules! overlay_fields {
    ($base:ident, $over:ident; $($field:ident),* ; blocks: $($block:ident),*) => {{
        $( if $over.$field.is_some() { $base.$field = $over.$field; } )*
        $( $base.$block = match ($base.$block, $over.$block) {
            (Some(base), Some(over)) => Some(base.overlay(over)),
            (base, over) => over.or(base),
        }; )*
        $base
    }};
}

impl Overlay for PostingFile {
    fn overlay(mut self, over: Self) -> Self {
        // `apply` is replaced whole: a job's URL must not combine with a company's e-mail.
        overlay_fields!(self, over;
            id, role, level, title, team, reports_to, direct_reports, team_size, tools, languages,
            travel, workplace, employment_type, benefits, responsibilities, requirements,
            nice_to_have, hiring_process, apply, date_posted, valid_through, equal_opportunity,
            spelling;
            blocks: company, location, remote, salary)
    }
}

impl Overlay for CompanyFacts {
    fn overlay(mut self, over: Self) -> Self {
        overlay_fields!(self, over; name, website, about; blocks:)
    }
}

impl Overlay for LocationFacts {
    fn overlay(mut self, over: Self) -> Self {
        overlay_fields!(self, over; city, region, country; blocks:)
    }
}

impl Overlay for RemoteFacts {
    fn overlay(mut self, over: Self) -> Self {
        overlay_fields!(self, over; countries, timezones; blocks:)
    }
}

impl Overlay for SalaryFacts {
    fn overlay(mut self, over: Self) -> Self {
        overlay_fields!(self, over; min, max, currency, period; blocks:)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_layers_win_field_by_field() {
        let company = PostingFile {
            company: Some(CompanyFacts {
                name: Some("Acme".into()),
                about: Some("We make tools.".into()),
                website: None,
            }),
            benefits: Some(vec!["Pension".into()]),
            apply: Some(ApplyFacts {
                email: Some("jobs@acme.example".into()),
                url: None,
            }),
            ..PostingFile::default()
        };
        let job = PostingFile {
            company: Some(CompanyFacts {
                name: Some("Acme Labs".into()),
                ..CompanyFacts::default()
            }),
            apply: Some(ApplyFacts {
                url: Some("https://acme.example/jobs/1".into()),
                email: None,
            }),
            ..PostingFile::default()
        };
        let merged = company.overlay(job);
        let merged_company = merged.company.unwrap();
        assert_eq!(merged_company.name.as_deref(), Some("Acme Labs"));
        assert_eq!(merged_company.about.as_deref(), Some("We make tools."));
        assert_eq!(merged.benefits, Some(vec!["Pension".to_owned()]));
        assert_eq!(merged.apply.unwrap().email, None, "apply is replaced whole");
    }
}
