//! Requirements: how many must-haves the posting lists, and degree requirements without an experience route.

use super::document::{normalize, words, Block, BlockKind, Document};
use super::phrases::{find, phrase_tokens, words_of, PatternWord};
use super::{Finding, Level, LintRules};

/// Whether `heading` names a must-have section ("What you will bring", "Requirements", ...).
pub fn is_requirements_heading(heading: &str, rules: &LintRules) -> bool {
    let wanted = comparable(heading);
    rules
        .thresholds
        .requirements
        .headings
        .iter()
        .any(|h| comparable(h) == wanted)
}

/// Whether `block` sits under a must-have heading.
pub fn in_requirements(doc: &Document, block: &Block, rules: &LintRules) -> bool {
    !matches!(block.kind, BlockKind::Heading(_))
        && doc
            .section_heading(block)
            .is_some_and(|heading| is_requirements_heading(&heading.text, rules))
}

/// Headings compared in lower case, words only ("What you’ll bring:" = "what you'll bring").
fn comparable(heading: &str) -> String {
    words(heading)
        .into_iter()
        .map(|(a, b)| normalize(&heading[a..b]))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A warning for each must-have list longer than allowed; a notice for each degree
/// requirement that offers no "or equivalent experience".
pub fn check(doc: &Document, rules: &LintRules) -> Vec<Finding> {
    let limits = &rules.thresholds.requirements;
    let mut findings = Vec::new();
    for (index, heading) in doc.blocks.iter().enumerate() {
        if !matches!(heading.kind, BlockKind::Heading(_)) || !is_requirements_heading(&heading.text, rules) {
            continue;
        }
        let items = doc
            .blocks
            .iter()
            .filter(|b| b.section == Some(index) && b.kind == BlockKind::ListItem)
            .count();
        if items > limits.max_must_haves {
            findings.push(
                Finding::new(
                    "too-many-requirements",
                    Level::Warning,
                    format!("'{}' lists {items} must-haves, more than {}", heading.text, limits.max_must_haves),
                )
                .at(doc, heading, 0)
                .suggesting("keep the must-haves a person needs on day one and move the rest to a 'nice to have' list; long lists deter qualified applicants, women more than men"),
            );
        }
    }

    // Degree requirements: in the must-have sections, or anywhere when there are none.
    let has_sections = doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Heading(_)) && is_requirements_heading(&b.text, rules));
    let degree_patterns: Vec<_> = limits.degree_words.iter().map(|w| (w, words_of(w))).collect();
    let equivalents: Vec<_> = limits.equivalent_phrases.iter().map(|p| normalize(p)).collect();
    for block in &doc.blocks {
        if matches!(block.kind, BlockKind::Heading(_)) || (has_sections && !in_requirements(doc, block, rules)) {
            continue;
        }
        let lower = normalize(&block.text);
        if equivalents.iter().any(|e| lower.contains(e.as_str())) {
            continue;
        }
        if let Some((start, end)) = degree_mention(&block.text, &degree_patterns) {
            let quote = &block.text[start..end];
            findings.push(
                Finding::new(
                    "degree-without-equivalent",
                    Level::Notice,
                    format!("'{quote}' is asked for without an alternative route"),
                )
                .at(doc, block, start)
                .quoting(quote)
                .suggesting("add 'or equivalent experience', unless the job legally requires the degree"),
            );
        }
    }
    findings
}

/// The first degree word in `text`. Entries written with capitals ("BSc", "PhD") match
/// that spelling only, so "ba" or "ms" in ordinary words do not count.
fn degree_mention(text: &str, patterns: &[(&String, Vec<PatternWord>)]) -> Option<(usize, usize)> {
    let tokens = phrase_tokens(text);
    patterns
        .iter()
        .flat_map(|(raw, pattern)| {
            let case_sensitive = raw.chars().any(char::is_uppercase);
            find(&tokens, pattern)
                .into_iter()
                .filter(move |&(start, end)| !case_sensitive || &text[start..end] == raw.as_str())
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(text: &str) -> Vec<Finding> {
        let rules = LintRules::load(None).unwrap();
        check(&Document::from_markdown(text), &rules)
    }

    fn list(heading: &str, n: usize) -> String {
        let items: String = (1..=n).map(|i| format!("- Skill number {i}\n")).collect();
        format!("# Job\n\n## {heading}\n\n{items}\n## Nice to have\n\n- Extra\n- More\n")
    }

    #[test]
    fn more_than_eight_must_haves_is_a_warning() {
        assert!(findings(&list("What you will bring", 8)).is_empty());
        let found = findings(&list("What you will bring", 9));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "too-many-requirements");
        assert_eq!(found[0].level, Level::Warning);
        assert_eq!(found[0].line, Some(3));
        for heading in ["Requirements", "What you’ll bring:", "Qualifications"] {
            assert_eq!(findings(&list(heading, 12)).len(), 1, "{heading}");
        }
        // Nice-to-haves are not must-haves, and unknown headings are not counted.
        assert!(findings(&list("Our office", 12)).is_empty());
    }

    #[test]
    fn degrees_need_an_equivalent() {
        let found = findings("## Requirements\n\n- A bachelor's degree in computer science\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, "degree-without-equivalent");
        assert_eq!(found[0].quote.as_deref(), Some("bachelor's"));
        assert!(findings("## Requirements\n\n- A BSc in economics or equivalent experience\n").is_empty());
        assert!(findings("## Requirements\n\n- Experience with MS Office and a bass guitar\n").is_empty());
        assert_eq!(findings("## Requirements\n\n- A PhD in physics\n").len(), 1);
        // Outside the must-haves, a degree is not a requirement.
        assert!(findings("## Requirements\n\n- Curiosity\n\n## Nice to have\n\n- A master's degree\n").is_empty());
    }
}
