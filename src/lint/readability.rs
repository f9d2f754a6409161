//! Readability: Flesch Reading Ease and average sentence length, over the prose and list items (not headings).

use serde::Serialize;

use super::document::{self, words, BlockKind, Document};
use super::{Finding, Findings, Level, LintRules};

/// The readability figures of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Readability {
    pub sentences: usize,
    pub words: usize,
    pub syllables: usize,
    /// 206.835 - 1.015 (words / sentences) - 84.6 (syllables / words), one decimal; higher is easier.
    pub reading_ease: f64,
    /// Words per sentence, one decimal.
    pub average_sentence_words: f64,
}

/// Measures the non-heading text. Each list item is at least one sentence: job ads are
/// lists, and an item without a full stop is still read as one unit.
pub fn measure(doc: &Document) -> Readability {
    let (mut sentences, mut word_total, mut syllables) = (0usize, 0usize, 0usize);
    for block in doc.blocks.iter().filter(|b| !matches!(b.kind, BlockKind::Heading(_))) {
        for sentence in document::sentences(doc.text(block), b".!?") {
            let mut counted = 0;
            for (a, b) in words(sentence) {
                let word = &sentence[a..b];
                if word.chars().any(char::is_alphabetic) {
                    counted += 1;
                    syllables += syllables_in(word);
                }
            }
            if counted == 0 {
                continue;
            }
            sentences += 1;
            word_total += counted;
        }
    }
    let (reading_ease, average) = match (sentences, word_total) {
        (0, _) | (_, 0) => (100.0, 0.0),
        _ => {
            let per_sentence = word_total as f64 / sentences as f64;
            let per_word = syllables as f64 / word_total as f64;
            (206.835 - 1.015 * per_sentence - 84.6 * per_word, per_sentence)
        }
    };
    Readability {
        sentences,
        words: word_total,
        syllables,
        reading_ease: round1(reading_ease),
        average_sentence_words: round1(average),
    }
}

/// Notices when the text is harder to read than the thresholds allow.
pub fn check(figures: &Readability, rules: &LintRules, out: &mut Findings) {
    out.extend(findings(figures, rules));
}

fn findings(figures: &Readability, rules: &LintRules) -> Vec<Finding> {
    let limits = &rules.thresholds.readability;
    let mut findings = Vec::new();
    if figures.words > 0 && figures.reading_ease < limits.min_reading_ease {
        findings.push(
            Finding::new(
                "readability",
                Level::Notice,
                format!(
                    "Flesch Reading Ease is {:.1}, below {} (hard to read)",
                    figures.reading_ease, limits.min_reading_ease
                ),
            )
            .suggesting("use shorter sentences and everyday words; split long paragraphs into lists"),
        );
    }
    if figures.average_sentence_words > limits.max_average_sentence_words {
        findings.push(
            Finding::new(
                "readability",
                Level::Notice,
                format!(
                    "sentences average {:.1} words, more than {}",
                    figures.average_sentence_words, limits.max_average_sentence_words
                ),
            )
            .suggesting("split long sentences; aim for 15-20 words"),
        );
    }
    findings
}

fn round1(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// English syllables by the usual heuristic: groups of vowels, less a silent final `e`
/// (but not `-le`), at least one. Good to a few percent on running text, which is
/// what a readability score needs.
fn syllables_in(word: &str) -> usize {
    // A run of letters longer than any word is not one; its first letters are enough. The
    // letters go to a buffer on the stack: this runs for every word of the text.
    let mut buffer = ['\0'; 64];
    let mut n = 0;
    for c in word.chars().flat_map(char::to_lowercase).filter(|c| c.is_alphabetic()) {
        if n == buffer.len() {
            break;
        }
        buffer[n] = c;
        n += 1;
    }
    let word = &buffer[..n];
    if word.is_empty() {
        return 0;
    }
    if word.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous_vowel = false;
    for &c in word {
        let vowel = is_vowel(c);
        if vowel && !previous_vowel {
            count += 1;
        }
        previous_vowel = vowel;
    }
    let ends_with = |suffix: &str| word.iter().rev().take(suffix.len()).rev().copied().eq(suffix.chars());
    if word[n - 1] == 'e' && !ends_with("le") && !ends_with("ee") && count > 1 {
        count -= 1;
    }
    if (ends_with("ed") || ends_with("es")) && !ends_with("ted") && !ends_with("ded") && !ends_with("ses") && count > 1
    {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables_are_close_enough() {
        for (word, expected) in [
            ("the", 1),
            ("team", 1),
            ("product", 2),
            ("manager", 3),
            ("planning", 2),
            ("organisation", 5),
            ("table", 2),
            ("decided", 3),
            ("makes", 1),
            ("software", 2),
        ] {
            assert_eq!(syllables_in(word), expected, "{word}");
        }
    }

    #[test]
    fn plain_text_passes_and_dense_text_does_not() {
        let rules = super::super::rules::builtin_for_tests();
        let plain = Document::from_markdown(
            "- You talk to customers.\n- You plan the work with the team.\n- You share what you learn.\n",
        );
        let figures = measure(&plain);
        assert_eq!(figures.sentences, 3);
        assert!(findings(&figures, rules).is_empty(), "{figures:?}");

        let dense = Document::from_markdown(
            "The successful candidate will be responsible for the comprehensive operationalisation of \
             organisational transformation initiatives, facilitating cross-functional alignment regarding \
             strategic prioritisation methodologies, and institutionalising continuous improvement \
             capabilities throughout the enterprise's multidisciplinary delivery ecosystem.\n",
        );
        let figures = measure(&dense);
        let found = findings(&figures, rules);
        assert_eq!(found.len(), 2, "{figures:?}");
        assert!(found
            .iter()
            .all(|f| f.rule == "readability" && f.level == Level::Notice));
    }
}
