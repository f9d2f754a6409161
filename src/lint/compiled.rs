//! The lint files' phrase lists and word stems compiled for matching, once per run, shared by
//! every check (and batch's threads) through [`super::LintRules`].

use super::document::comparable;
use super::matcher::PhraseSet;
use super::schema::{GenderWords, PayTransparency, PhraseFile, RequirementRules};

/// The rule files' phrase lists, compiled for matching.
#[derive(Debug, Default)]
pub struct Compiled {
    pub(super) phrases: CompiledPhrases,
    pub(super) requirements: CompiledRequirements,
    pub(super) gender: CompiledStems,
    pub(super) pay: CompiledPay,
}

/// The phrase rules compiled once per run: all rules' phrases in one set, each phrase
/// knowing its rule, plus each rule's exceptions and context.
#[derive(Debug, Clone, Default)]
pub struct CompiledPhrases {
    pub(super) all: PhraseSet,
    /// Rule index of each phrase in `all`.
    pub(super) rule_of: Vec<usize>,
    pub(super) except: Vec<PhraseSet>,
    pub(super) only_after: Vec<PhraseSet>,
    pub(super) titles: PhraseSet,
    pub(super) title_names: Vec<(String, String)>,
    pub(super) title_context: PhraseSet,
}

impl CompiledPhrases {
    /// Compiles the phrase file.
    pub fn new(file: &PhraseFile) -> CompiledPhrases {
        let mut phrases = Vec::new();
        let mut rule_of = Vec::new();
        for (index, rule) in file.phrases.iter().enumerate() {
            for phrase in &rule.phrases {
                phrases.push(phrase.as_str());
                rule_of.push(index);
            }
        }
        let title_names: Vec<(String, String)> = file
            .gendered_titles
            .iter()
            .map(|(gendered, neutral)| (gendered.clone(), neutral.clone()))
            .collect();
        let gendered: Vec<&str> = title_names.iter().map(|(g, _)| g.as_str()).collect();
        CompiledPhrases {
            all: PhraseSet::new(&phrases),
            rule_of,
            except: file.phrases.iter().map(|r| PhraseSet::new(&r.except)).collect(),
            only_after: file.phrases.iter().map(|r| PhraseSet::new(&r.only_after)).collect(),
            titles: PhraseSet::new(&gendered),
            title_names,
            title_context: PhraseSet::new(&file.title_context),
        }
    }
}

/// The requirement vocabularies compiled once per run.
#[derive(Debug, Clone, Default)]
pub struct CompiledRequirements {
    pub(super) headings: Vec<String>,
    pub(super) heading_words: PhraseSet,
    pub(super) optional: PhraseSet,
    pub(super) conditions: PhraseSet,
    pub(super) degrees: PhraseSet,
    pub(super) degree_except: PhraseSet,
    pub(super) equivalents: PhraseSet,
    pub(super) routes: PhraseSet,
}

impl CompiledRequirements {
    /// Compiles the requirement rules.
    pub fn new(rules: &RequirementRules) -> CompiledRequirements {
        CompiledRequirements {
            headings: rules.headings.iter().map(|h| comparable(h)).collect(),
            heading_words: PhraseSet::new(&rules.heading_words),
            optional: PhraseSet::new(&rules.optional_words),
            conditions: PhraseSet::new(&rules.conditions),
            degrees: PhraseSet::new(&rules.degree_words),
            degree_except: PhraseSet::new(&rules.degree_except),
            equivalents: PhraseSet::new(&rules.equivalent_phrases),
            routes: PhraseSet::new(&rules.route_phrases),
        }
    }
}

/// The word lists compiled once per run: stems by first character, and what is not coded.
#[derive(Debug, Clone, Default)]
pub struct CompiledStems {
    pub(super) masculine: StemIndex,
    pub(super) feminine: StemIndex,
    /// Stems written with a hyphen: a word starting with one is not split into parts.
    pub(super) hyphenated: Vec<String>,
    pub(super) not_coded_words: Vec<String>,
    pub(super) not_coded_prefixes: Vec<String>,
    pub(super) not_coded_phrases: PhraseSet,
}

/// Stems grouped by their first character, so a word is compared with a handful, not all.
#[derive(Debug, Clone, Default)]
pub(super) struct StemIndex {
    by_first: std::collections::HashMap<char, Vec<String>>,
}

impl StemIndex {
    fn new(stems: &[String]) -> StemIndex {
        let mut index = StemIndex::default();
        for stem in stems {
            let stem = stem.to_lowercase();
            if let Some(first) = stem.chars().next() {
                index.by_first.entry(first).or_default().push(stem);
            }
        }
        index
    }

    /// The first stem (in the file's order) that `word` starts with.
    pub(super) fn find(&self, word: &str) -> Option<&str> {
        let first = word.chars().next()?;
        self.by_first
            .get(&first)?
            .iter()
            .find(|stem| word.starts_with(stem.as_str()))
            .map(String::as_str)
    }
}

impl CompiledStems {
    /// Compiles the gender word lists.
    pub fn new(data: &GenderWords) -> CompiledStems {
        let mut compiled = CompiledStems {
            masculine: StemIndex::new(&data.masculine),
            feminine: StemIndex::new(&data.feminine),
            hyphenated: data
                .masculine
                .iter()
                .chain(&data.feminine)
                .filter(|s| s.contains('-'))
                .map(|s| s.to_lowercase())
                .collect(),
            ..CompiledStems::default()
        };
        let mut phrases = Vec::new();
        for entry in &data.not_coded {
            let entry = entry.trim().to_lowercase();
            if entry.contains(char::is_whitespace) {
                phrases.push(entry);
            } else if let Some(prefix) = entry.strip_suffix('*') {
                compiled.not_coded_prefixes.push(prefix.to_owned());
            } else {
                compiled.not_coded_words.push(entry);
            }
        }
        compiled.not_coded_phrases = PhraseSet::new(&phrases);
        compiled
    }

    /// Whether `word` (or one of its hyphenated parts) could start with a stem: a cheap
    /// test by first character before the real one.
    pub(super) fn may_be_coded(&self, word: &str) -> bool {
        word.split('-').any(|part| {
            part.chars()
                .next()
                .is_some_and(|c| self.masculine.by_first.contains_key(&c) || self.feminine.by_first.contains_key(&c))
        })
    }

    pub(super) fn is_not_coded(&self, word: &str) -> bool {
        self.not_coded_words.iter().any(|w| w == word)
            || self.not_coded_prefixes.iter().any(|p| word.starts_with(p.as_str()))
    }
}

/// The pay and benefit vocabularies compiled once per run.
#[derive(Debug, Clone, Default)]
pub struct CompiledPay {
    pub(super) pay_words: PhraseSet,
    pub(super) pay_hints: PhraseSet,
    pub(super) not_pay: PhraseSet,
    pub(super) benefit_headings: PhraseSet,
    pub(super) benefit_words: PhraseSet,
}

impl CompiledPay {
    /// Compiles the vocabularies of the pay-transparency file.
    pub fn new(pay: &PayTransparency) -> CompiledPay {
        CompiledPay {
            pay_words: PhraseSet::new(&pay.pay_words),
            pay_hints: PhraseSet::new(&pay.pay_hints),
            not_pay: PhraseSet::new(&pay.not_pay_words),
            benefit_headings: PhraseSet::new(&pay.benefit_headings),
            benefit_words: PhraseSet::new(&pay.benefit_words),
        }
    }
}
