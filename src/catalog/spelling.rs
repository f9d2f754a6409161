//! US spelling for US postings: the catalog's own words converted by a word list (`spelling/en-us.yaml`), never a posting's facts.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::Deserialize;

/// The suffix of a template compiled with US spelling (`role:product-manager@us`).
pub const US_SUFFIX: &str = "@us";

/// British words and their US spelling, all lower case, one inflection each.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UsSpelling {
    words: Words,
    /// The byte lengths of the shortest and the longest British word: a word outside them is
    /// not looked up (a posting converts thousands of words, few of them listed).
    lengths: (usize, usize),
}

/// The table's words: read from a file, or the built-in list as the binary holds it.
#[derive(Debug, Clone, PartialEq)]
enum Words {
    Read(HashMap<String, String>),
    /// Sorted by British word (a table built per run costs more than the lookups it saves).
    Sorted(&'static [(&'static str, &'static str)]),
}

impl Default for Words {
    fn default() -> Self {
        Words::Read(HashMap::new())
    }
}

impl Words {
    fn get(&self, british: &str) -> Option<&str> {
        match self {
            Words::Read(words) => words.get(british).map(String::as_str),
            Words::Sorted(words) => words
                .binary_search_by(|(b, _)| (*b).cmp(british))
                .ok()
                .map(|i| words[i].1),
        }
    }

    fn len(&self) -> usize {
        match self {
            Words::Read(words) => words.len(),
            Words::Sorted(words) => words.len(),
        }
    }

    fn british(&self) -> Box<dyn Iterator<Item = &str> + '_> {
        match self {
            Words::Read(words) => Box::new(words.keys().map(String::as_str)),
            Words::Sorted(words) => Box::new(words.iter().map(|(b, _)| *b)),
        }
    }
}

/// `spelling/en-us.yaml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UsSpellingFile {
    /// British spelling → US spelling, lower case, every inflection written out.
    pub words: indexmap::IndexMap<String, String>,
}

impl UsSpelling {
    /// The table from its file; problems name the entry (`words.<british>`) and say what is wrong.
    pub fn new(file: UsSpellingFile) -> (UsSpelling, Vec<(String, String)>) {
        let mut problems = Vec::new();
        let mut words = HashMap::new();
        for (british, us) in file.words {
            let field = format!("words.{british}");
            let is_word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_lowercase() || c == '\'');
            if !is_word(&british) || !is_word(&us) {
                problems.push((
                    field,
                    format!("'{british}: {us}': both spellings must be one lower-case word"),
                ));
            } else if british == us {
                problems.push((field, format!("'{british}' is spelt the same in both")));
            } else {
                words.insert(british, us);
            }
        }
        (UsSpelling::with(Words::Read(words)), problems)
    }

    /// The built-in table: `words` as `new` keeps them, sorted by British word (the
    /// precompiled list, checked against `new` by a test).
    pub fn sorted(words: &'static [(&'static str, &'static str)]) -> UsSpelling {
        UsSpelling::with(Words::Sorted(words))
    }

    fn with(words: Words) -> UsSpelling {
        let lengths = (
            words.british().map(str::len).min().unwrap_or(0),
            words.british().map(str::len).max().unwrap_or(0),
        );
        UsSpelling { words, lengths }
    }

    /// Each British word and its US spelling, sorted by British word.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        let mut pairs: Vec<(&str, &str)> = self
            .words
            .british()
            .filter_map(|b| Some((b, self.words.get(b)?)))
            .collect();
        pairs.sort();
        pairs
    }

    /// Whether the table converts nothing.
    pub fn is_empty(&self) -> bool {
        self.words.len() == 0
    }

    /// `text` with every listed British word in its US spelling, keeping its capitals.
    pub fn convert<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.is_empty() {
            return text.into();
        }
        let mut out = String::new();
        let mut copied = 0;
        let (shortest, longest) = self.lengths;
        for (start, word) in words(text) {
            // Lower case can change a word's length only outside ASCII, so the bound holds there.
            if word.is_ascii() && !(shortest..=longest).contains(&word.len()) {
                continue;
            }
            let found = match word.chars().any(char::is_uppercase) {
                true => self.words.get(&word.to_lowercase()),
                false => self.words.get(word),
            };
            let Some(us) = found else {
                continue;
            };
            out.push_str(&text[copied..start]);
            out.push_str(&match_case(word, us));
            copied = start + word.len();
        }
        match copied {
            0 => text.into(),
            _ => {
                out.push_str(&text[copied..]);
                out.into()
            }
        }
    }

    /// A Handlebars template's literal text converted; `{{…}}` expressions are left as they are.
    pub fn convert_template(&self, source: &str) -> String {
        let mut out = String::with_capacity(source.len());
        let mut rest = source;
        while let Some(open) = rest.find("{{") {
            out.push_str(&self.convert(&rest[..open]));
            let close = rest[open..].find("}}").map_or(rest.len(), |c| open + c + 2);
            out.push_str(&rest[open..close]);
            rest = &rest[close..];
        }
        out.push_str(&self.convert(rest));
        out
    }
}

/// The words of `text` (runs of letters) with their byte offsets.
fn words(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|(_, c)| c.is_alphabetic())?;
        let mut end = text.len();
        while let Some(&(index, c)) = chars.peek() {
            if !c.is_alphabetic() {
                end = index;
                break;
            }
            chars.next();
        }
        Some((start, &text[start..end]))
    })
}

/// `us` written with `original`'s capitals: "Organisation" → "Organization", "PROGRAMME" → "PROGRAM".
fn match_case(original: &str, us: &str) -> String {
    if original.chars().all(|c| !c.is_lowercase()) && original.chars().count() > 1 {
        return us.to_uppercase();
    }
    let mut chars = us.chars();
    match (original.chars().next(), chars.next()) {
        (Some(first), Some(us_first)) if first.is_uppercase() => us_first.to_uppercase().chain(chars).collect(),
        _ => us.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> UsSpelling {
        let words = [
            ("organisation", "organization"),
            ("programme", "program"),
            ("colour", "color"),
        ];
        let file = UsSpellingFile {
            words: words.iter().map(|(b, u)| (b.to_string(), u.to_string())).collect(),
        };
        let (table, problems) = UsSpelling::new(file);
        assert!(problems.is_empty());
        table
    }

    #[test]
    fn whole_words_change_and_keep_their_capitals() {
        let t = table();
        assert_eq!(
            t.convert("Organisation, organisation; PROGRAMME colourful colour."),
            "Organization, organization; PROGRAM colourful color."
        );
        assert!(matches!(t.convert("nothing here"), Cow::Borrowed(_)));
    }

    #[test]
    fn template_expressions_are_left_alone() {
        assert_eq!(
            table().convert_template("colour {{#if colour}}{{colour}} colour{{/if}} {{unclosed colour"),
            "color {{#if colour}}{{colour}} color{{/if}} {{unclosed colour"
        );
    }

    #[test]
    fn bad_entries_are_problems() {
        let file = UsSpellingFile {
            words: [("Colour", "color"), ("same", "same"), ("two words", "x")]
                .iter()
                .map(|(b, u)| (b.to_string(), u.to_string()))
                .collect(),
        };
        let (table, problems) = UsSpelling::new(file);
        assert!(table.is_empty());
        assert_eq!(problems.len(), 3, "{problems:?}");
    }
}
