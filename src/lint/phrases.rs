//! Exclusionary or off-putting phrases, and gendered job titles, matched word by word from the catalog's lists.

use super::document::{normalize, words, Block, BlockKind, Document};
use super::rules::OnlyIn;
use super::{pay_transparency, requirements, Finding, Level, LintRules};
use crate::posting::Posting;

/// One word of a phrase pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternWord {
    Exact(String),
    /// `word*`: any word starting with this.
    Prefix(String),
    /// `*`: any one word.
    Any,
}

/// A phrase as the words it matches; punctuation and hyphens between words do not count.
pub fn words_of(phrase: &str) -> Vec<PatternWord> {
    phrase
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | ',' | '.' | ';' | ':'))
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_suffix('*') {
            Some("") => PatternWord::Any,
            Some(prefix) => PatternWord::Prefix(normalize(prefix)),
            None => PatternWord::Exact(normalize(w)),
        })
        .collect()
}

/// The words of `text` for phrase matching: hyphenated words count as their parts.
pub(crate) fn phrase_tokens(text: &str) -> Vec<(usize, usize, String)> {
    let mut tokens = Vec::new();
    for (start, end) in words(text) {
        let mut part_start = start;
        for part in text[start..end].split('-') {
            if !part.is_empty() {
                tokens.push((part_start, part_start + part.len(), normalize(part)));
            }
            part_start += part.len() + 1;
        }
    }
    tokens
}

/// Byte ranges in `text` where `pattern` matches.
pub(crate) fn find(tokens: &[(usize, usize, String)], pattern: &[PatternWord]) -> Vec<(usize, usize)> {
    if pattern.is_empty() || tokens.len() < pattern.len() {
        return Vec::new();
    }
    (0..=tokens.len() - pattern.len())
        .filter(|&i| {
            pattern.iter().zip(&tokens[i..]).all(|(want, (_, _, word))| match want {
                PatternWord::Exact(exact) => word == exact,
                PatternWord::Prefix(prefix) => word.starts_with(prefix.as_str()),
                PatternWord::Any => true,
            })
        })
        .map(|i| (tokens[i].0, tokens[i + pattern.len() - 1].1))
        .collect()
}

/// Phrase rules over every block, and gendered words in the title and headings.
pub fn check(doc: &Document, title: Option<&str>, facts: Option<&Posting>, rules: &LintRules) -> Vec<Finding> {
    let mut findings = Vec::new();
    let compiled: Vec<_> = rules
        .phrases
        .phrases
        .iter()
        .map(|rule| (rule, rule.phrases.iter().map(|p| words_of(p)).collect::<Vec<_>>()))
        .collect();
    for block in &doc.blocks {
        let tokens = phrase_tokens(&block.text);
        let in_requirements = requirements::in_requirements(doc, block, rules);
        for (rule, patterns) in &compiled {
            if rule.only_in == Some(OnlyIn::Requirements) && !in_requirements {
                continue;
            }
            // One finding per place: "he/she will" is not also "she will".
            let mut taken: Vec<(usize, usize)> = Vec::new();
            for pattern in patterns {
                for (start, end) in find(&tokens, pattern) {
                    if !taken.iter().any(|&(a, b)| start < b && a < end) {
                        taken.push((start, end));
                        let quote = &block.text[start..end];
                        findings.push(
                            Finding::new(&rule.id, rule.level, format!("'{quote}': {}", rule.reason))
                                .at(doc, block, start)
                                .quoting(quote)
                                .suggesting(&rule.suggestion),
                        );
                    }
                }
            }
        }
    }
    findings.extend(gendered_titles(doc, title, facts, rules));
    findings
}

/// Gendered job titles in headings (the title is the first), or in a title the facts give
/// that the text does not show.
fn gendered_titles(doc: &Document, title: Option<&str>, facts: Option<&Posting>, rules: &LintRules) -> Vec<Finding> {
    let law = facts.and_then(|facts| {
        pay_transparency::laws_for(facts, rules)
            .into_iter()
            .find(|law| law.neutral_titles)
    });
    let reason = match law {
        Some(law) => format!("{} requires gender-neutral job titles", law.law),
        None => "a gendered job title tells some applicants the job is not for them".to_owned(),
    };
    let mut findings = Vec::new();
    let mut check_text = |block: Option<&Block>, text: &str| {
        let tokens = phrase_tokens(text);
        for (gendered, neutral) in &rules.phrases.gendered_titles {
            for (start, end) in find(&tokens, &words_of(gendered)) {
                let quote = &text[start..end];
                let finding = Finding::new("gender-neutral-title", Level::Warning, format!("'{quote}': {reason}"))
                    .quoting(quote)
                    .suggesting(format!("'{neutral}'"));
                findings.push(match block {
                    Some(block) => finding.at(doc, block, start),
                    None => finding,
                });
            }
        }
    };
    for block in doc.blocks.iter().filter(|b| matches!(b.kind, BlockKind::Heading(_))) {
        check_text(Some(block), &block.text);
    }
    if let Some(title) = title.filter(|t| doc.title() != Some(*t)) {
        check_text(None, title);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules_hit(text: &str) -> Vec<String> {
        let rules = LintRules::load(None).unwrap();
        let doc = Document::from_markdown(text);
        check(&doc, doc.title(), None, &rules)
            .into_iter()
            .map(|f| f.rule)
            .collect()
    }

    #[test]
    fn each_phrase_rule_triggers_and_plain_wording_does_not() {
        for (text, rule) in [
            ("We want a coding rockstar.", "rockstar"),
            ("Be our ninja.", "ninja"),
            ("A true Scrum guru.", "guru"),
            ("A spreadsheet wizard.", "wizard"),
            ("We have a hacker culture.", "hacker-culture"),
            ("We work hard, play hard!", "work-hard-play-hard"),
            ("The team works hard and plays hard.", "work-hard-play-hard"),
            ("You are a digital native.", "digital-native"),
            ("Join our young team.", "young"),
            ("We value culture fit.", "culture-fit"),
            ("Hey guys, join us.", "guys"),
            ("He/she will own the roadmap.", "gendered-pronoun"),
            ("You are a native English speaker.", "native-speaker"),
            ("You can lift 50 pounds.", "physical-requirement"),
            ("You hit the ground running.", "hit-the-ground-running"),
            ("You have a thick skin.", "thick-skin"),
            ("Available nights and weekends.", "nights-and-weekends"),
        ] {
            assert_eq!(rules_hit(text), [rule], "{text}");
        }
        for text in [
            "You write clear English and work well with the team.",
            "We welcome applicants of every age; you will own the roadmap.",
            "Our setup guide; the rock is a star.",
            "You are skilled and thick-headed.",
        ] {
            assert!(rules_hit(text).is_empty(), "{text}: {:?}", rules_hit(text));
        }
    }

    #[test]
    fn recent_graduate_only_counts_as_a_requirement() {
        assert!(rules_hit("We hired a recent graduate last year.\n").is_empty());
        assert_eq!(
            rules_hit("## Requirements\n\n- Recent graduate in economics\n"),
            ["recent-graduate"]
        );
    }

    #[test]
    fn gendered_titles_in_headings() {
        assert_eq!(
            rules_hit("# Salesman (all genders)\n\nSell.\n"),
            ["gender-neutral-title"]
        );
        assert!(rules_hit("# Salesperson\n\nSell.\n").is_empty());
    }

    #[test]
    fn patterns_match_word_by_word() {
        let tokens = phrase_tokens("Thick-skinned, works hard; play hard");
        assert_eq!(find(&tokens, &words_of("thick skinned")), [(0, 13)]);
        assert_eq!(find(&tokens, &words_of("works hard play *")).len(), 1);
        assert_eq!(find(&tokens, &words_of("work*")).len(), 1);
        assert!(find(&tokens, &words_of("work")).is_empty());
    }
}
