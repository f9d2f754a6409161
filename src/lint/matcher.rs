//! Word-by-word phrase matching in time linear in the text: patterns indexed by their first word, text read in bounded chunks.
//!
//! Every list in `lint/` (exclusionary phrases, gendered titles, degree words, pay and
//! section vocabularies) is a list of such phrases. A phrase is words matched in any case;
//! punctuation and hyphens between words do not count; `*` alone is any one word and
//! `word*` is any word starting with `word`; a word written with a capital letter
//! ("BSc", "BAMF") matches that spelling only.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::document::{normalize, normalize_into, words};

/// One word of a phrase pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternWord {
    /// The word in any case.
    Exact(String),
    /// The word spelt exactly so (the pattern had a capital letter).
    Cased(String),
    /// `word*`: any word starting with this, in any case.
    Prefix(String),
    /// `*`: any one word.
    Any,
}

/// A phrase as the words it matches; punctuation and hyphens between words do not count.
pub fn words_of(phrase: &str) -> Vec<PatternWord> {
    phrase
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '/' | ',' | '.' | ';' | ':' | '(' | ')' | '!' | '?'))
        .filter(|w| !w.is_empty())
        .map(|w| match w.strip_suffix('*') {
            Some("") => PatternWord::Any,
            Some(prefix) => PatternWord::Prefix(normalize(prefix)),
            None if w.chars().any(char::is_uppercase) => PatternWord::Cased(w.replace('’', "'")),
            None => PatternWord::Exact(normalize(w)),
        })
        .collect()
}

/// A text's words for matching: hyphenated words count as their parts ("work-life" is
/// "work" "life"), each with its byte range in the text and its compared form.
pub struct Tokens<'t> {
    text: &'t str,
    spans: Vec<(usize, usize)>,
    normalized: String,
    normalized_spans: Vec<(usize, usize)>,
}

impl<'t> Tokens<'t> {
    /// The tokens of `text`.
    pub fn new(text: &'t str) -> Tokens<'t> {
        // Sized for the text at once: words average more than four bytes with their space.
        let mut tokens = Tokens {
            text,
            spans: Vec::with_capacity(text.len() / 4 + 1),
            normalized: String::with_capacity(text.len()),
            normalized_spans: Vec::with_capacity(text.len() / 4 + 1),
        };
        let mut buffer = String::new();
        for (start, end) in words(text) {
            let mut part_start = start;
            for part in text[start..end].split('-') {
                if !part.is_empty() {
                    normalize_into(part, &mut buffer);
                    let at = tokens.normalized.len();
                    tokens.normalized.push_str(&buffer);
                    tokens.normalized_spans.push((at, tokens.normalized.len()));
                    tokens.spans.push((part_start, part_start + part.len()));
                }
                part_start += part.len() + 1;
            }
        }
        tokens
    }

    /// How many tokens there are.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The compared (lower-case) form of token `i`.
    pub fn word(&self, i: usize) -> &str {
        let (a, b) = self.normalized_spans[i];
        &self.normalized[a..b]
    }

    /// Token `i` as written.
    pub fn original(&self, i: usize) -> &'t str {
        let (a, b) = self.spans[i];
        &self.text[a..b]
    }

    /// The byte range of tokens `first..last` (exclusive) in the text.
    pub fn range(&self, first: usize, last: usize) -> (usize, usize) {
        (self.spans[first].0, self.spans[last - 1].1)
    }

    fn matches(&self, i: usize, want: &PatternWord) -> bool {
        match want {
            PatternWord::Exact(exact) => self.word(i) == exact,
            PatternWord::Cased(cased) => self.original(i).replace('’', "'") == *cased,
            PatternWord::Prefix(prefix) => self.word(i).starts_with(prefix.as_str()),
            PatternWord::Any => true,
        }
    }
}

/// A match: which phrase, and the tokens it covers (`first..last`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub phrase: usize,
    pub first: usize,
    pub last: usize,
}

/// FNV-1a: the look-up key is one short word, for which SipHash's defence against
/// crafted collisions costs more than the look-up itself (the keys are the catalog's own).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for byte in bytes {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

/// A list of phrases compiled for matching: indexed by first word (and prefixes by first
/// character), so the cost per token is one look-up and the few phrases that could start there.
#[derive(Debug, Clone, Default)]
pub struct PhraseSet {
    patterns: Vec<Vec<PatternWord>>,
    by_first_word: HashMap<String, Vec<usize>, BuildHasherDefault<Fnv>>,
    /// Phrases whose first word is a prefix, by the prefix's first character.
    by_first_char: HashMap<char, Vec<usize>, BuildHasherDefault<Fnv>>,
    /// Phrases whose first word is `*`: checked at every token.
    unindexed: Vec<usize>,
}

impl PhraseSet {
    /// Compiles `phrases`; match results name phrases by their index in this list.
    pub fn new<S: AsRef<str>>(phrases: &[S]) -> PhraseSet {
        let mut set = PhraseSet::default();
        for (index, phrase) in phrases.iter().enumerate() {
            let pattern = words_of(phrase.as_ref());
            match pattern.first() {
                Some(PatternWord::Exact(word)) => set.by_first_word.entry(word.clone()).or_default().push(index),
                Some(PatternWord::Cased(word)) => set.by_first_word.entry(normalize(word)).or_default().push(index),
                Some(PatternWord::Prefix(prefix)) => match prefix.chars().next() {
                    Some(first) => set.by_first_char.entry(first).or_default().push(index),
                    None => set.unindexed.push(index),
                },
                Some(PatternWord::Any) => set.unindexed.push(index),
                None => {}
            }
            set.patterns.push(pattern);
        }
        set
    }

    /// Whether there is no phrase to match.
    pub fn is_empty(&self) -> bool {
        self.by_first_word.is_empty() && self.by_first_char.is_empty() && self.unindexed.is_empty()
    }

    /// Every match in `tokens`, by first token, then by phrase order.
    pub fn find(&self, tokens: &Tokens) -> Vec<Match> {
        let mut found = Vec::new();
        if self.is_empty() {
            return found;
        }
        for first in 0..tokens.len() {
            let word = tokens.word(first);
            let by_word = self.by_first_word.get(word).map_or(&[][..], Vec::as_slice);
            let by_char = match word.chars().next() {
                Some(c) if !self.by_first_char.is_empty() => self.by_first_char.get(&c).map_or(&[][..], Vec::as_slice),
                _ => &[],
            };
            for &phrase in by_word.iter().chain(by_char).chain(&self.unindexed) {
                let pattern = &self.patterns[phrase];
                let last = first + pattern.len();
                if last <= tokens.len()
                    && pattern
                        .iter()
                        .enumerate()
                        .all(|(k, want)| tokens.matches(first + k, want))
                {
                    found.push(Match { phrase, first, last });
                }
            }
        }
        // By first token, then by phrase order.
        found.sort_by_key(|m| (m.first, m.phrase));
        found
    }

    /// Whether any phrase matches anywhere in `text`.
    pub fn any_in(&self, text: &str) -> bool {
        !self.is_empty() && chunks(text).any(|(_, chunk)| !self.find(&Tokens::new(chunk)).is_empty())
    }
}

/// The largest piece of one block that is matched at once. Real blocks are far shorter;
/// a hostile one-paragraph file is read in pieces cut at sentence ends (or spaces), so
/// memory stays bounded whatever the block's length.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// `text` in pieces of at most about [`CHUNK_BYTES`], each with its byte offset in `text`.
pub fn chunks(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    std::iter::from_fn(move || {
        if at >= text.len() {
            return None;
        }
        let rest = &text[at..];
        let piece = if rest.len() <= CHUNK_BYTES {
            rest
        } else {
            let mut limit = CHUNK_BYTES;
            while !rest.is_char_boundary(limit) {
                limit -= 1;
            }
            let window = &rest[..limit];
            let cut = window
                .rfind(['.', '!', '?', '\n'])
                .or_else(|| window.rfind(char::is_whitespace))
                .map_or(limit, |i| i + 1);
            &rest[..cut]
        };
        let start = at;
        at += piece.len();
        Some((start, piece))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(phrases: &[&str], text: &str) -> Vec<String> {
        let set = PhraseSet::new(phrases);
        let tokens = Tokens::new(text);
        set.find(&tokens)
            .into_iter()
            .map(|m| {
                let (a, b) = tokens.range(m.first, m.last);
                text[a..b].to_owned()
            })
            .collect()
    }

    #[test]
    fn patterns_match_word_by_word() {
        let text = "Thick-skinned, works hard; play hard";
        assert_eq!(find(&["thick skinned"], text), ["Thick-skinned"]);
        assert_eq!(find(&["works hard play *"], text), ["works hard; play hard"]);
        assert_eq!(find(&["work*"], text), ["works"]);
        assert!(find(&["work"], text).is_empty());
        assert_eq!(find(&["He'll", "he *"], "He’ll join, he said"), ["He’ll", "he said"]);
    }

    #[test]
    fn capitals_match_their_spelling_only() {
        assert_eq!(
            find(&["BSc", "BAMF"], "A BSc, a bsc, a BAMF and a bamf"),
            ["BSc", "BAMF"]
        );
    }

    #[test]
    fn long_text_is_read_in_bounded_chunks() {
        let text = "We want a rockstar. ".repeat(20_000);
        let pieces: Vec<(usize, &str)> = chunks(&text).collect();
        assert!(pieces.len() > 1 && pieces.iter().all(|(_, p)| p.len() <= CHUNK_BYTES));
        assert_eq!(pieces.iter().map(|(_, p)| p.len()).sum::<usize>(), text.len());
        assert!(pieces.iter().all(|(_, p)| p.ends_with(". ") || p.ends_with('.')));
        let unbroken = "x".repeat(CHUNK_BYTES * 2 + 5);
        assert_eq!(chunks(&unbroken).count(), 3);
    }
}
