//! Gender-coded wording (Gaucher, Friesen & Kay 2011): counts coded words by stem and gives gender-decoder's verdict.

use serde::Serialize;

use super::document::{normalize_into, words, BlockKind, Document};
use super::matcher::{chunks, Tokens};
use super::{Finding, Findings, Level, LintRules};

/// How many coded words the summary lists by name (the counts count them all).
pub const MAX_LISTED_WORDS: usize = 1_000;

/// The counts and the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GenderCoding {
    /// "strongly feminine-coded", "feminine-coded", "neutral", "masculine-coded",
    /// "strongly masculine-coded", or "no coded words".
    pub verdict: String,
    pub masculine: usize,
    pub feminine: usize,
    /// The coded words found, lower case, in document order (the first 1,000 of each).
    pub masculine_words: Vec<String>,
    pub feminine_words: Vec<String>,
}

/// Counts coded words outside headings and the title; a notice for each masculine-coded
/// word, and a warning when the whole text is strongly masculine-coded.
pub fn check(doc: &Document, title: Option<&str>, rules: &LintRules, findings: &mut Findings) -> GenderCoding {
    let data = &rules.gender;
    let compiled = &rules.compiled.gender;
    let mut coding = GenderCoding {
        verdict: String::new(),
        masculine: 0,
        feminine: 0,
        masculine_words: Vec::new(),
        feminine_words: Vec::new(),
    };
    let mut word = String::new();
    let mut part = String::new();
    for block in &doc.blocks {
        // Headings name sections and levels ("Lead Product Manager", "Responsibilities"); they
        // are not the tone of the ad, and counting them would flag every posting alike.
        if matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        let text = doc.text(block);
        for (chunk_at, chunk) in chunks(text) {
            // The title and the not-coded phrases are looked for only once a word starts
            // with a stem: most chunks have none.
            let mut masked: Option<Vec<(usize, usize)>> = None;
            for (start, end) in words(chunk) {
                let original = &chunk[start..end];
                normalize_into(original, &mut word);
                if !compiled.may_be_coded(&word) {
                    continue;
                }
                let masked = masked.get_or_insert_with(|| {
                    let mut ranges = title.map(|t| title_ranges(chunk, t)).unwrap_or_default();
                    let tokens = Tokens::new(chunk);
                    for found in compiled.not_coded_phrases.find(&tokens) {
                        ranges.push(tokens.range(found.first, found.last));
                    }
                    ranges
                });
                if masked.iter().any(|&(a, b)| start >= a && end <= b) {
                    continue;
                }
                // gender-decoder counts a hyphenated word by its parts ("leader-supporter"),
                // unless it starts with a stem written with a hyphen ("co-operative").
                let whole = !word.contains('-') || compiled.hyphenated.iter().any(|s| word.starts_with(s.as_str()));
                let mut at = start;
                for piece in original.split('-').filter(|_| !whole).chain(whole.then_some(original)) {
                    let piece_start = at;
                    at += piece.len() + 1;
                    normalize_into(piece, &mut part);
                    if part.is_empty() || compiled.is_not_coded(&part) {
                        continue;
                    }
                    if let Some(stem) = compiled.masculine.find(&part) {
                        coding.masculine += 1;
                        if coding.masculine_words.len() < MAX_LISTED_WORDS {
                            coding.masculine_words.push(part.clone());
                        }
                        findings.push_with("gender-coded-word", || {
                            let finding = Finding::new(
                                "gender-coded-word",
                                Level::Notice,
                                format!("'{piece}' is masculine-coded (stem '{stem}')"),
                            )
                            .at(doc, block, chunk_at + piece_start)
                            .quoting(piece);
                            match data.suggestions.get(stem) {
                                Some(suggestion) => finding.suggesting(suggestion),
                                None => finding,
                            }
                        });
                    } else if compiled.feminine.find(&part).is_some() {
                        coding.feminine += 1;
                        if coding.feminine_words.len() < MAX_LISTED_WORDS {
                            coding.feminine_words.push(part.clone());
                        }
                    }
                }
            }
        }
    }
    coding.verdict = verdict(
        coding.feminine as i64 - coding.masculine as i64,
        coding.feminine,
        data.strongly_coded_difference,
    )
    .to_owned();
    if coding.verdict == "strongly masculine-coded" {
        findings.push(
            Finding::new(
                "gender-coding",
                Level::Warning,
                format!(
                    "the text is strongly masculine-coded: {} masculine-coded and {} feminine-coded words",
                    coding.masculine, coding.feminine
                ),
            )
            .suggesting("research suggests this puts women off applying; replace some masculine-coded words (see the notices) or describe the collaborative side of the job"),
        );
    }
    coding
}

/// gender-decoder's verdict from feminine minus masculine.
fn verdict(score: i64, feminine: usize, strong: i64) -> &'static str {
    match score {
        0 if feminine == 0 => "no coded words",
        0 => "neutral",
        s if s > strong => "strongly feminine-coded",
        s if s > 0 => "feminine-coded",
        s if s < -strong => "strongly masculine-coded",
        _ => "masculine-coded",
    }
}

/// Byte ranges of `title` in `text`, in any case: the job's own title is not its tone.
fn title_ranges(text: &str, title: &str) -> Vec<(usize, usize)> {
    let title = title.trim();
    if title.is_empty() {
        return Vec::new();
    }
    let lower = text.to_lowercase();
    // Lower-casing can change byte lengths outside ASCII; only then is the match skipped.
    if lower.len() != text.len() {
        return Vec::new();
    }
    lower
        .match_indices(&title.to_lowercase())
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn coding(text: &str) -> (GenderCoding, Vec<Finding>) {
        let rules = super::super::rules::builtin_for_tests();
        let report = super::super::lint_markdown(text, None, rules);
        let findings = report
            .findings
            .into_iter()
            .filter(|f| f.rule.starts_with("gender-coded") || f.rule == "gender-coding")
            .collect();
        (report.summary.gender_coding, findings)
    }

    #[test]
    fn masculine_words_are_counted_and_pointed_at() {
        let (result, findings) = coding("You are driven and competitive, and you lead with confidence.\n");
        assert_eq!(result.masculine_words, ["driven", "competitive", "lead"]);
        assert_eq!(result.verdict, "masculine-coded");
        assert_eq!(findings.len(), 3);
        assert_eq!(findings[0].rule, "gender-coded-word");
        assert_eq!((findings[0].line, findings[0].column), (Some(1), Some(9)));
        assert!(findings[0].suggestion.is_some());
    }

    #[test]
    fn strongly_masculine_text_is_a_warning() {
        let (result, findings) = coding("Driven, decisive, fearless, competitive and ambitious: you dominate.\n");
        assert_eq!(result.verdict, "strongly masculine-coded");
        assert!(findings
            .iter()
            .any(|f| f.rule == "gender-coding" && f.level == Level::Warning));
    }

    #[test]
    fn verdicts_follow_gender_decoder() {
        assert_eq!(verdict(0, 0, 3), "no coded words");
        assert_eq!(verdict(0, 2, 3), "neutral");
        assert_eq!(verdict(3, 3, 3), "feminine-coded");
        assert_eq!(verdict(4, 4, 3), "strongly feminine-coded");
        assert_eq!(verdict(-3, 0, 3), "masculine-coded");
        assert_eq!(verdict(-4, 0, 3), "strongly masculine-coded");
    }

    #[test]
    fn feminine_words_and_hyphenated_stems() {
        let (result, _) = coding("We collaborate, support each other and are co-operative and self-confident.\n");
        assert_eq!(result.feminine_words, ["collaborate", "support", "co-operative"]);
        assert_eq!(result.masculine_words, ["self-confident"]);
        // Other hyphenated words count by their parts, as gender-decoder counts them.
        let (result, findings) = coding("A leader-supporter.\n");
        assert_eq!(result.masculine_words, ["leader"]);
        assert_eq!(result.feminine_words, ["supporter"]);
        assert_eq!(findings[0].quote.as_deref(), Some("leader"));
    }

    #[test]
    fn known_false_positives_are_not_counted() {
        let (result, findings) = coding(
            "# Lead Product Manager\n\n## Leadership and decisions\n\nAs our Lead Product Manager you use SharePoint.\n",
        );
        assert_eq!(result.masculine, 0, "{:?}", result.masculine_words);
        assert_eq!(result.feminine, 0, "{:?}", result.feminine_words);
        assert!(findings.is_empty());
        let (result, _) = coding(
            "A competitive salary and a competitive total rewards package. Core competencies, lead times, Active Directory and Kindergarten.\n",
        );
        assert_eq!(result.masculine, 0, "{:?}", result.masculine_words);
        assert_eq!(result.feminine, 0, "{:?}", result.feminine_words);
        let (result, _) = coding("A competitive market.\n");
        assert_eq!(result.masculine_words, ["competitive"]);
    }
}
