//! The lint rules as data: the catalog's `lint/*.yaml` files (built-in or a user's override), parsed and checked.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::Arc;

use super::compiled::{Compiled, CompiledPay, CompiledPhrases, CompiledRequirements, CompiledStems};
use super::schema::{GenderWords, Jurisdiction, PayTransparency, PhraseFile, PlaceMatch, Thresholds};
use crate::catalog::{layered_files, CatalogFile};
use crate::error::{Error, Located, Origin, Result};
use crate::posting::{Country, Posting, Workplace};
use crate::{suggest, yaml};

/// Rule ids that are not defined by an entry in a data file.
pub const FIXED_RULES: &[&str] = &[
    "gender-coded-word",
    "gender-coding",
    "gender-neutral-title",
    "too-many-requirements",
    "degree-without-equivalent",
    "length",
    "readability",
    "pay-transparency",
    "pay-transparency-benefits",
];

/// Every lint rule's data, and the rules switched off.
#[derive(Debug, Clone)]
pub struct LintRules {
    pub gender: GenderWords,
    pub phrases: PhraseFile,
    pub thresholds: Thresholds,
    pub pay: PayTransparency,
    /// Rule ids switched off (a company file's `lint: {disable: [...]}`).
    pub disabled: BTreeSet<String>,
    /// The lists above compiled for matching, once per run (shared by batch's threads).
    pub(crate) compiled: Arc<Compiled>,
}

/// The lint files a catalog has, by catalog path.
const FILES: [&str; 4] = [
    "lint/gender-coded-words.yaml",
    "lint/phrases.yaml",
    "lint/thresholds.yaml",
    "lint/pay-transparency.yaml",
];

impl LintRules {
    /// The built-in rules, layered under `user_dir` (the `--catalog` folder) if given.
    pub fn load(user_dir: Option<&Path>) -> Result<LintRules> {
        LintRules::from_files(&layered_files(user_dir)?)
    }

    /// The rules from already layered catalog files.
    pub fn from_files(files: &BTreeMap<String, CatalogFile>) -> Result<LintRules> {
        for relative in files.keys().filter(|path| path.starts_with("lint/")) {
            if !FILES.contains(&relative.as_str()) {
                return Err(Error::Usage(format!(
                    "{}: not a lint file; lint files are {}",
                    files[relative].display_name(relative),
                    FILES.join(", ")
                )));
            }
        }
        let mut rules = LintRules {
            gender: parse(files, FILES[0])?,
            phrases: parse(files, FILES[1])?,
            thresholds: parse(files, FILES[2])?,
            pay: parse(files, FILES[3])?,
            disabled: BTreeSet::new(),
            compiled: Arc::default(),
        };
        rules.check(files)?;
        rules.compiled = Arc::new(Compiled {
            phrases: CompiledPhrases::new(&rules.phrases),
            requirements: CompiledRequirements::new(&rules.thresholds.requirements),
            gender: CompiledStems::new(&rules.gender),
            pay: CompiledPay::new(&rules.pay),
        });
        Ok(rules)
    }

    /// The pay-transparency laws that apply to the posting's place, in the data file's order.
    pub fn laws_for(&self, facts: &Posting) -> Vec<&Jurisdiction> {
        let remote_countries: &[Country] = match (&facts.remote, facts.workplace) {
            (Some(remote), _) => &remote.countries,
            (None, _) => &[],
        };
        let is_remote = facts.workplace == Some(Workplace::Remote) || facts.remote.is_some();
        self.pay
            .jurisdictions
            .iter()
            .filter(|law| {
                law.matches.iter().any(|place| {
                    let here = facts.location.as_ref().is_some_and(|location| {
                        matches_place(
                            place,
                            location.country,
                            location.region.as_deref(),
                            location.city.as_deref(),
                        )
                    });
                    // A remote role can be done from anywhere in the countries it hires from,
                    // so every law there that covers remote work applies.
                    let remote = is_remote
                        && law.remote
                        && remote_countries.iter().any(|country| place.countries.contains(country));
                    here || remote
                })
            })
            .collect()
    }

    /// Every rule id, sorted.
    pub fn rule_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = FIXED_RULES.iter().map(|id| (*id).to_owned()).collect();
        ids.extend(self.phrases.phrases.iter().map(|rule| rule.id.clone()));
        ids.sort();
        ids
    }

    /// Whether `rule` is switched on.
    pub fn enabled(&self, rule: &str) -> bool {
        !self.disabled.contains(rule)
    }

    /// Switches off the rules a company file's `lint: {disable: [...]}` names; an unknown id is
    /// an error pointing at it, with the closest known id.
    pub fn disable(&mut self, ids: &[String], origin: &Origin, text: &str) -> Result<()> {
        let known = self.rule_ids();
        for id in ids {
            if !known.contains(id) {
                let help = match suggest::closest(id, known.iter().map(String::as_str)) {
                    Some(best) => format!("did you mean '{best}'? rules: {}", known.join(", ")),
                    None => format!("rules: {}", known.join(", ")),
                };
                let at = match origin {
                    Origin::File(name) => {
                        position_of(text, id).map(|(line, column)| Located::at(name, text, line, column))
                    }
                    Origin::Flag(_) => None,
                };
                return Err(Error::invalid(
                    origin.clone(),
                    "lint.disable",
                    format!("unknown lint rule '{id}'"),
                    Some(help),
                    at,
                ));
            }
            self.disabled.insert(id.clone());
        }
        Ok(())
    }

    /// Consistency the parser cannot see: unique rule ids, usable phrases and thresholds.
    fn check(&self, files: &BTreeMap<String, CatalogFile>) -> Result<()> {
        let problem = |file: &str, field: &str, message: String| {
            let origin = Origin::File(files[file].display_name(file));
            Err(Error::invalid(origin, field, message, None, None))
        };
        let mut seen: BTreeSet<&str> = FIXED_RULES.iter().copied().collect();
        for rule in &self.phrases.phrases {
            if !seen.insert(&rule.id) {
                return problem(
                    FILES[1],
                    "phrases.id",
                    format!("the rule id '{}' is used twice", rule.id),
                );
            }
            if rule.phrases.iter().any(|p| super::matcher::words_of(p).is_empty()) || rule.phrases.is_empty() {
                return problem(
                    FILES[1],
                    "phrases.phrases",
                    format!("rule '{}' has an empty phrase", rule.id),
                );
            }
        }
        if self
            .gender
            .masculine
            .iter()
            .chain(&self.gender.feminine)
            .any(|stem| stem.trim().is_empty())
        {
            return problem(FILES[0], "masculine", "a stem is empty".into());
        }
        let length = &self.thresholds.length;
        if length.min_words > length.max_words {
            return problem(FILES[2], "length", "min_words is above max_words".into());
        }
        let mut ids = BTreeSet::new();
        for law in &self.pay.jurisdictions {
            if !ids.insert(&law.id) {
                return problem(
                    FILES[3],
                    "jurisdictions.id",
                    format!("the id '{}' is used twice", law.id),
                );
            }
            if law.matches.is_empty() || law.matches.iter().any(|m| m.countries.is_empty()) {
                return problem(
                    FILES[3],
                    "jurisdictions.match",
                    format!("'{}' needs at least one match entry with countries", law.id),
                );
            }
        }
        Ok(())
    }
}

/// Whether a place matches: its country (when given) is listed, and its region and city
/// match when the entry names regions or cities.
fn matches_place(place: &PlaceMatch, country: Option<Country>, region: Option<&str>, city: Option<&str>) -> bool {
    let named = |list: &[String], value: Option<&str>| {
        value.is_some_and(|value| list.iter().any(|name| comparable(name) == comparable(value)))
    };
    let narrowed = !place.regions.is_empty() || !place.cities.is_empty();
    let country_ok = match country {
        Some(country) => place.countries.contains(&country),
        // "Denver, Colorado" without a country: the region or city decides, never a country-wide law.
        None => narrowed,
    };
    country_ok
        && (place.regions.is_empty() || named(&place.regions, region))
        && (place.cities.is_empty() || named(&place.cities, city))
}

/// Place names compared in lower case, without dots or extra spaces ("Washington, D.C." = "washington, dc").
fn comparable(name: &str) -> String {
    name.to_lowercase()
        .replace('.', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn parse<T: serde::de::DeserializeOwned>(files: &BTreeMap<String, CatalogFile>, relative: &str) -> Result<T> {
    let file = files
        .get(relative)
        .ok_or_else(|| Error::Usage(format!("the catalog has no {relative}")))?;
    yaml::from_str(&Origin::File(file.display_name(relative)), &file.text)
}

/// 1-based line and column of the first whole occurrence of `needle` in `text`.
fn position_of(text: &str, needle: &str) -> Option<(usize, usize)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '-' || c == '_';
    let offset = text.match_indices(needle).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + needle.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })?;
    let line = text[..offset].matches('\n').count() + 1;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    Some((line, text[line_start..offset].chars().count() + 1))
}

/// The built-in rules, loaded once for all unit tests (loading parses and compiles every list).
#[cfg(test)]
pub(crate) fn builtin_for_tests() -> &'static LintRules {
    static RULES: std::sync::OnceLock<LintRules> = std::sync::OnceLock::new();
    RULES.get_or_init(|| LintRules::load(None).unwrap())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_rules_load() {
        let rules = LintRules::load(None).unwrap();
        assert!(rules.gender.masculine.contains(&"lead".to_owned()));
        assert!(rules.rule_ids().contains(&"rockstar".to_owned()));
        assert!(rules.pay.jurisdictions.iter().any(|j| j.id == "colorado"));
    }

    #[test]
    fn unknown_rule_ids_get_a_suggestion_and_a_position() {
        let mut rules = LintRules::load(None).unwrap();
        let text = "lint:\n  disable: [rockstr]\n";
        let error = rules
            .disable(&["rockstr".into()], &Origin::File("company.yaml".into()), text)
            .unwrap_err();
        let help = miette::Diagnostic::help(&error)
            .map(|h| h.to_string())
            .unwrap_or_default();
        let shown = format!("{error} {help}");
        assert!(shown.contains("company.yaml:2:13"), "{shown}");
        assert!(shown.contains("did you mean 'rockstar'"), "{shown}");
    }

    #[test]
    fn a_user_lint_file_overrides_and_a_stray_one_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("lint")).unwrap();
        let thresholds = include_str!("../../lint/thresholds.yaml").replace("max_must_haves: 8", "max_must_haves: 3");
        std::fs::write(dir.path().join("lint/thresholds.yaml"), thresholds).unwrap();
        let rules = LintRules::load(Some(dir.path())).unwrap();
        assert_eq!(rules.thresholds.requirements.max_must_haves, 3);

        std::fs::write(dir.path().join("lint/phrase.yaml"), "phrases: []").unwrap();
        let error = LintRules::load(Some(dir.path())).unwrap_err().to_string();
        assert!(error.contains("not a lint file"), "{error}");
    }
}
