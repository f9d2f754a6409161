//! The lint files' schemas: what each `lint/*.yaml` file holds, as serde reads it.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::Level;
use crate::posting::{Country, IsoDate};

/// `lint/gender-coded-words.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GenderWords {
    pub strongly_coded_difference: i64,
    pub masculine: Vec<String>,
    pub feminine: Vec<String>,
    /// Words (`word`, `word*`) and phrases whose words are not counted though they start with a stem.
    #[serde(default)]
    pub not_coded: Vec<String>,
    #[serde(default)]
    pub suggestions: BTreeMap<String, String>,
}

/// `lint/phrases.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseFile {
    pub phrases: Vec<PhraseRule>,
    #[serde(default)]
    pub gendered_titles: BTreeMap<String, String>,
    /// Words after which a gendered title in body text names the role sought ("a strong salesman").
    #[serde(default)]
    pub title_context: Vec<String>,
}

/// One exclusionary-phrase rule.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhraseRule {
    pub id: String,
    pub level: Level,
    pub phrases: Vec<String>,
    pub reason: String,
    pub suggestion: String,
    #[serde(default)]
    pub only_in: Option<OnlyIn>,
    /// Phrases that cancel a match they cover ("sister company" for "sister").
    #[serde(default)]
    pub except: Vec<String>,
    /// The match counts only when one of these ends at most two words before it.
    #[serde(default)]
    pub only_after: Vec<String>,
}

/// Where a phrase rule looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnlyIn {
    Requirements,
}

/// `lint/thresholds.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Thresholds {
    pub requirements: RequirementRules,
    pub length: LengthRules,
    pub readability: ReadabilityRules,
}

/// Must-have requirements.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequirementRules {
    pub max_must_haves: usize,
    /// The longest paragraph, in words, read as a label ("**Required skills:**").
    #[serde(default = "default_label_max_words")]
    pub label_max_words: usize,
    /// Must-have headings, compared whole.
    pub headings: Vec<String>,
    /// Phrases that make a heading or label a must-have one.
    #[serde(default)]
    pub heading_words: Vec<String>,
    /// Phrases that make a heading, label or item optional ("preferred", "a plus").
    #[serde(default)]
    pub optional_words: Vec<String>,
    /// Phrases that, starting a list item, make it a job condition rather than a requirement.
    #[serde(default)]
    pub conditions: Vec<String>,
    pub degree_words: Vec<String>,
    /// Phrases in which a degree word is not a degree ("a high degree of autonomy").
    #[serde(default)]
    pub degree_except: Vec<String>,
    pub equivalent_phrases: Vec<String>,
    /// Phrases that, anywhere in the posting, offer a route without the degree.
    #[serde(default)]
    pub route_phrases: Vec<String>,
}

fn default_label_max_words() -> usize {
    10
}

/// Word counts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthRules {
    pub min_words: usize,
    pub max_words: usize,
}

/// Readability scores.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadabilityRules {
    pub min_reading_ease: f64,
    pub max_average_sentence_words: f64,
}

/// `lint/pay-transparency.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayTransparency {
    /// The day the table was last reviewed: postings without a date are judged as of it.
    pub as_of: IsoDate,
    /// Words that make an amount of money in their sentence (or section heading) pay.
    #[serde(default)]
    pub pay_words: Vec<String>,
    /// Words that make an amount pay unless a word of `not_pay_words` is in the sentence too.
    #[serde(default)]
    pub pay_hints: Vec<String>,
    #[serde(default)]
    pub not_pay_words: Vec<String>,
    /// Headings or labels of a benefits section.
    #[serde(default)]
    pub benefit_headings: Vec<String>,
    /// Benefits named in the text; two different ones show benefits.
    #[serde(default)]
    pub benefit_words: Vec<String>,
    pub jurisdictions: Vec<Jurisdiction>,
}

/// One pay-transparency law and where it applies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Jurisdiction {
    pub id: String,
    pub name: String,
    pub law: String,
    pub effective: IsoDate,
    pub employers: String,
    pub requires: String,
    pub in_posting: bool,
    pub benefits: bool,
    pub remote: bool,
    /// The law also requires gender-neutral job titles.
    #[serde(default)]
    pub neutral_titles: bool,
    #[serde(rename = "match")]
    pub matches: Vec<PlaceMatch>,
    pub sources: String,
    #[serde(default)]
    pub unverified: Option<String>,
}

/// A place a law covers: any of `countries`, narrowed by `regions` and `cities` when given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceMatch {
    pub countries: Vec<Country>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub cities: Vec<String>,
}
