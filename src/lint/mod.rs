//! `jdgen lint`: checks a job description for inclusive, lawful and readable wording, by rules kept as data.
//!
//! A document (Markdown, or a DOCX file's paragraphs) becomes [`Document`] blocks; each
//! check family reads the blocks (and, where known, the posting's facts) and returns
//! findings. Rules and thresholds come from the catalog's `lint/` files ([`LintRules`]).

pub mod document;
pub mod docx;
mod gender_coding;
mod length;
pub mod output;
mod pay_transparency;
pub(crate) mod phrases;
mod readability;
mod requirements;
pub mod rules;

use serde::{Deserialize, Serialize};

pub use document::{BlockKind, Document};
pub use gender_coding::GenderCoding;
pub use readability::Readability;
pub use rules::LintRules;

use crate::posting::Posting;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, clap::ValueEnum)]
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
    let (gender, mut findings) = gender_coding::check(doc, title.as_deref(), rules);
    let words = length::word_count(doc);
    findings.extend(length::check(words, rules));
    let readability = readability::measure(doc);
    findings.extend(readability::check(&readability, rules));
    findings.extend(phrases::check(doc, title.as_deref(), facts, rules));
    findings.extend(requirements::check(doc, rules));
    if let Some(facts) = facts {
        findings.extend(pay_transparency::check(doc, facts, rules));
    }
    findings.retain(|finding| rules.enabled(&finding.rule));
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
        }
    }

    /// The same finding, at byte `offset` of `block`'s text.
    pub(crate) fn at(mut self, doc: &Document, block: &document::Block, offset: usize) -> Finding {
        let (line, column) = doc.position(block, offset);
        self.line = Some(line);
        self.column = Some(column);
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
