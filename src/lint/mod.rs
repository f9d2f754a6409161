//! `jdgen lint`: checks a job description for inclusive, lawful and readable wording, by rules kept as data.
//!
//! A document (Markdown, or a DOCX file's paragraphs) becomes [`Document`] blocks; each
//! check family reads the blocks (and, where known, the posting's facts) and returns
//! findings. Rules and thresholds come from the catalog's `lint/` files ([`LintRules`]).
//! The work is linear in the input: phrases are matched through indexed sets over bounded
//! chunks, positions are resolved in one pass, and at most [`MAX_FINDINGS_PER_RULE`]
//! findings of one rule are kept per file (the rest are counted in one more finding).

mod compiled;
pub mod document;
pub mod docx;
mod gender_coding;
mod length;
pub(crate) mod matcher;
pub mod output;
mod pay_transparency;
pub(crate) mod phrases;
mod readability;
mod requirements;
pub mod rules;
pub mod sarif;
pub mod schema;

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

pub use document::{BlockKind, Document};
pub use gender_coding::GenderCoding;
pub use readability::Readability;
pub use rules::LintRules;

use crate::posting::Posting;

/// The first line of the `index.md` that `jdgen batch` writes: a Markdown comment (no
/// reader sees it) by which lint knows the file lists postings and is not one.
pub const BATCH_INDEX_MARKER: &str =
    "<!-- jdgen batch index: the postings written by `jdgen batch`; `jdgen lint` skips this file -->";

/// Whether `text` is a `jdgen batch` index (it starts with [`BATCH_INDEX_MARKER`]).
pub fn is_batch_index(text: &str) -> bool {
    text.trim_start_matches('\u{feff}').starts_with(BATCH_INDEX_MARKER)
}

/// How many findings of one rule a file keeps; more are counted in one last finding, so a
/// hostile file of a million "rockstar"s costs bounded memory and output.
pub const MAX_FINDINGS_PER_RULE: usize = 100;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Worth a look; often fine (a single coded word, a long posting).
    Notice,
    /// Likely to put off applicants; fix unless there is a reason.
    Warning,
    /// Breaks a law that applies to the posting.
    Error,
}

impl Level {
    /// "notice", "warning", "error".
    pub fn name(self) -> &'static str {
        match self {
            Level::Notice => "notice",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The rule's id (switch it off with `lint: {disable: [id]}` in a company file).
    pub rule: String,
    pub level: Level,
    pub message: String,
    /// 1-based line (for DOCX: paragraph) and column (in characters); none for whole-document findings.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The words found, as written.
    pub quote: Option<String>,
    pub suggestion: Option<String>,
    /// Where in the source the finding is, until line and column are worked out.
    #[serde(skip)]
    source_offset: Option<usize>,
}

/// Figures about the whole document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub words: usize,
    pub readability: Readability,
    pub gender_coding: GenderCoding,
}

/// What linting one document found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LintReport {
    pub summary: Summary,
    /// In document order; whole-document findings first.
    pub findings: Vec<Finding>,
}

impl LintReport {
    /// The most serious level among the findings.
    pub fn worst(&self) -> Option<Level> {
        self.findings.iter().map(|f| f.level).max()
    }
}

/// The findings of one document as the checks add them: at most
/// [`MAX_FINDINGS_PER_RULE`] of a rule are kept, the others only counted.
#[derive(Debug, Default)]
pub(crate) struct Findings {
    kept: Vec<Finding>,
    /// Per rule: how many were found, and the level of the first.
    seen: HashMap<String, (usize, Level)>,
}

impl Findings {
    /// Adds a finding (or only counts it, past the rule's limit).
    pub(crate) fn push(&mut self, finding: Finding) {
        let entry = self.seen.entry(finding.rule.clone()).or_insert((0, finding.level));
        entry.0 += 1;
        if entry.0 <= MAX_FINDINGS_PER_RULE {
            self.kept.push(finding);
        }
    }

    /// Adds the finding `make` builds, building it only while the rule is under its limit
    /// (a hot loop over a hostile file then costs a count, not an allocation).
    pub(crate) fn push_with(&mut self, rule: &str, make: impl FnOnce() -> Finding) {
        match self.seen.get_mut(rule) {
            Some(entry) if entry.0 >= MAX_FINDINGS_PER_RULE => entry.0 += 1,
            _ => self.push(make()),
        }
    }

    /// Adds each finding.
    pub(crate) fn extend(&mut self, findings: impl IntoIterator<Item = Finding>) {
        for finding in findings {
            self.push(finding);
        }
    }

    /// The findings kept, then one finding per rule that went past its limit.
    pub(crate) fn into_vec(mut self) -> Vec<Finding> {
        let mut over: Vec<(&String, &(usize, Level))> = self
            .seen
            .iter()
            .filter(|(_, (count, _))| *count > MAX_FINDINGS_PER_RULE)
            .collect();
        over.sort();
        let extra: Vec<Finding> = over
            .into_iter()
            .map(|(rule, &(count, level))| {
                Finding::new(
                    rule,
                    level,
                    format!(
                        "{} more findings of this rule in the file are not listed (at most {MAX_FINDINGS_PER_RULE} a rule are shown)",
                        count - MAX_FINDINGS_PER_RULE
                    ),
                )
            })
            .collect();
        self.kept.extend(extra);
        self.kept
    }
}

/// Lints Markdown text; `facts` (the posting's validated facts) enable the pay-transparency checks.
pub fn lint_markdown(text: &str, facts: Option<&Posting>, rules: &LintRules) -> LintReport {
    lint_document(&Document::from_markdown(text), facts, rules)
}

/// Lints a parsed document.
pub fn lint_document(doc: &Document, facts: Option<&Posting>, rules: &LintRules) -> LintReport {
    let title = facts
        .and_then(|f| f.title.as_deref())
        .or(doc.title())
        .map(str::to_owned);
    let mut findings = Findings::default();
    let sections = requirements::Sections::new(doc, rules);
    let gender = gender_coding::check(doc, title.as_deref(), rules, &mut findings);
    let words = length::word_count(doc);
    length::check(words, rules, &mut findings);
    let readability = readability::measure(doc);
    readability::check(&readability, rules, &mut findings);
    phrases::check(
        doc,
        |block| sections.is_requirement(block),
        title.as_deref(),
        facts,
        rules,
        &mut findings,
    );
    requirements::check(doc, &sections, rules, &mut findings);
    if let Some(facts) = facts {
        pay_transparency::check(doc, facts, rules, &mut findings);
    }
    let mut findings = findings.into_vec();
    findings.retain(|finding| rules.enabled(&finding.rule));
    resolve_positions(doc, &mut findings);
    // Whole-document findings first, then by position; the sort is stable so ties keep check order.
    findings.sort_by_key(|f| (f.line.is_some(), f.line, f.column));
    LintReport {
        summary: Summary {
            words,
            readability,
            gender_coding: gender,
        },
        findings,
    }
}

/// Line and column of every placed finding, in one pass over the source.
fn resolve_positions(doc: &Document, findings: &mut [Finding]) {
    let placed: Vec<usize> = (0..findings.len())
        .filter(|&i| findings[i].source_offset.is_some())
        .collect();
    let offsets: Vec<usize> = placed.iter().filter_map(|&i| findings[i].source_offset).collect();
    for (&index, (line, column)) in placed.iter().zip(doc.positions(&offsets)) {
        findings[index].line = Some(line);
        findings[index].column = Some(column);
    }
}

impl Finding {
    /// A finding about the whole document; place it with [`Finding::at`].
    pub(crate) fn new(rule: &str, level: Level, message: impl Into<String>) -> Finding {
        Finding {
            rule: rule.to_owned(),
            level,
            message: message.into(),
            line: None,
            column: None,
            quote: None,
            suggestion: None,
            source_offset: None,
        }
    }

    /// The same finding, at byte `offset` of `block`'s text (line and column are worked
    /// out when the document is done).
    pub(crate) fn at(mut self, doc: &Document, block: &document::Block, offset: usize) -> Finding {
        self.source_offset = Some(doc.source_offset(block, offset));
        self
    }

    /// The same finding, quoting the words found.
    pub(crate) fn quoting(mut self, quote: impl Into<String>) -> Finding {
        self.quote = Some(quote.into());
        self
    }

    /// The same finding, with a suggestion.
    pub(crate) fn suggesting(mut self, suggestion: impl Into<String>) -> Finding {
        self.suggestion = Some(suggestion.into());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn findings_of_one_rule_are_capped_and_counted() {
        let rules = rules::builtin_for_tests();
        let text = "We want a rockstar.\n".repeat(250);
        let report = lint_markdown(&text, None, rules);
        let rockstars: Vec<&Finding> = report.findings.iter().filter(|f| f.rule == "rockstar").collect();
        assert_eq!(rockstars.len(), MAX_FINDINGS_PER_RULE + 1);
        let summary = rockstars.iter().find(|f| f.line.is_none()).unwrap();
        assert!(summary.message.starts_with("150 more findings"), "{}", summary.message);
        assert_eq!(summary.level, Level::Warning);
        // One paragraph of soft-broken lines: the last kept finding is on line 100.
        let last = rockstars.iter().filter_map(|f| f.line).max().unwrap();
        assert_eq!(last, 100);
    }

    #[test]
    fn the_batch_index_is_recognised() {
        assert!(is_batch_index(&format!("{BATCH_INDEX_MARKER}\n# Job descriptions\n")));
        assert!(!is_batch_index("# Job descriptions\n"));
    }
}
