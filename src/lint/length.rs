//! Length: the number of words a reader sees, against the range job ads work best in.

use super::document::{words, Document};
use super::{Finding, Findings, Level, LintRules};

/// Words in the text a reader sees (headings included; link addresses and Markdown not).
pub fn word_count(doc: &Document) -> usize {
    doc.blocks.iter().map(|block| words(doc.text(block)).count()).sum()
}

/// A notice when the text is shorter or longer than the thresholds allow.
pub fn check(words: usize, rules: &LintRules, findings: &mut Findings) {
    findings.extend(finding(words, rules));
}

fn finding(words: usize, rules: &LintRules) -> Option<Finding> {
    let limits = &rules.thresholds.length;
    let (message, suggestion) = if words < limits.min_words {
        (
            format!("the text has {words} words, fewer than {}", limits.min_words),
            "say more about the work, the team, the pay and how to apply",
        )
    } else if words > limits.max_words {
        (
            format!("the text has {words} words, more than {}", limits.max_words),
            "cut repetition and the least important requirements and responsibilities",
        )
    } else {
        return None;
    };
    Some(Finding::new("length", Level::Notice, message).suggesting(format!(
        "{suggestion}; job ads of {}-{} words get the most applications",
        limits.min_words, limits.max_words
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_short_too_long_and_just_right() {
        let rules = super::super::rules::builtin_for_tests();
        let text = |n: usize| "word ".repeat(n);
        let count = |n: usize| word_count(&Document::from_markdown(&text(n)));
        assert_eq!(count(12), 12);
        assert!(finding(count(299), rules).unwrap().message.contains("fewer than 300"));
        assert!(finding(count(300), rules).is_none());
        assert!(finding(count(700), rules).is_none());
        assert!(finding(count(701), rules).unwrap().message.contains("more than 700"));
    }
}
