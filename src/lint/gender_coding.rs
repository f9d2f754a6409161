//! Gender-coded wording (Gaucher, Friesen & Kay 2011): counts coded words by stem and gives gender-decoder's verdict.

use serde::Serialize;

use super::document::{normalize, words, BlockKind, Document};
use super::{Finding, Level, LintRules};

/// The counts and the verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GenderCoding {
    /// "strongly feminine-coded", "feminine-coded", "neutral", "masculine-coded",
    /// "strongly masculine-coded", or "no coded words".
    pub verdict: String,
    pub masculine: usize,
    pub feminine: usize,
    /// The coded words found, lower case, in document order.
    pub masculine_words: Vec<String>,
    pub feminine_words: Vec<String>,
}

/// Counts coded words outside headings and the title; a notice for each masculine-coded
/// word, and a warning when the whole text is strongly masculine-coded.
pub fn check(doc: &Document, title: Option<&str>, rules: &LintRules) -> (GenderCoding, Vec<Finding>) {
    let data = &rules.gender;
    let mut coding = GenderCoding {
        verdict: String::new(),
        masculine: 0,
        feminine: 0,
        masculine_words: Vec::new(),
        feminine_words: Vec::new(),
    };
    let mut findings = Vec::new();
    for block in &doc.blocks {
        // Headings name sections and levels ("Lead Product Manager", "Responsibilities"); they
        // are not the tone of the ad, and counting them would flag every posting alike.
        if matches!(block.kind, BlockKind::Heading(_)) {
            continue;
        }
        let masked = title.map(|t| title_ranges(&block.text, t)).unwrap_or_default();
        for (start, end) in words(&block.text) {
            if masked.iter().any(|&(a, b)| start >= a && end <= b) {
                continue;
            }
            let word = normalize(&block.text[start..end]);
            if data.not_coded.iter().any(|w| w.eq_ignore_ascii_case(&word)) {
                continue;
            }
            if let Some(stem) = coded_stem(&word, &data.masculine) {
                coding.masculine += 1;
                coding.masculine_words.push(word.clone());
                let mut finding = Finding::new(
                    "gender-coded-word",
                    Level::Notice,
                    format!("'{}' is masculine-coded (stem '{stem}')", &block.text[start..end]),
                )
                .at(doc, block, start)
                .quoting(&block.text[start..end]);
                if let Some(suggestion) = data.suggestions.get(stem) {
                    finding = finding.suggesting(suggestion);
                }
                findings.push(finding);
            } else if coded_stem(&word, &data.feminine).is_some() {
                coding.feminine += 1;
                coding.feminine_words.push(word);
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
    (coding, findings)
}

/// The stem `word` starts with, if any; a hyphenated word may also match by its parts.
fn coded_stem<'a>(word: &str, stems: &'a [String]) -> Option<&'a str> {
    let whole = stems.iter().find(|stem| word.starts_with(stem.as_str()));
    match whole {
        Some(stem) => Some(stem),
        None if word.contains('-') => word
            .split('-')
            .find_map(|part| stems.iter().find(|stem| part.starts_with(stem.as_str()))),
        None => None,
    }
    .map(String::as_str)
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
        let rules = LintRules::load(None).unwrap();
        let doc = Document::from_markdown(text);
        let title = doc.title().map(str::to_owned);
        check(&doc, title.as_deref(), &rules)
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
    }

    #[test]
    fn known_false_positives_are_not_counted() {
        let (result, findings) = coding(
            "# Lead Product Manager\n\n## Leadership and decisions\n\nAs our Lead Product Manager you use SharePoint.\n",
        );
        assert_eq!(result.masculine, 0, "{:?}", result.masculine_words);
        assert_eq!(result.feminine, 0, "{:?}", result.feminine_words);
        assert!(findings.is_empty());
    }
}
