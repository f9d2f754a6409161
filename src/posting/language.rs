//! A working language the job needs, and at what level: `{language: Spanish, level: conversational}` or `Spanish (conversational)`.

use std::fmt;

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// One language requirement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Language {
    /// The language's English name, as the user wrote it ("Spanish").
    pub language: String,
    pub level: LanguageLevel,
}

/// How well: a plain word a candidate understands, or a CEFR level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub enum LanguageLevel {
    Basic,
    Conversational,
    Professional,
    Fluent,
    /// A CEFR level, A1 to C2.
    Cefr(&'static str),
}

const WORDS: [(&str, LanguageLevel); 4] = [
    ("basic", LanguageLevel::Basic),
    ("conversational", LanguageLevel::Conversational),
    ("professional", LanguageLevel::Professional),
    ("fluent", LanguageLevel::Fluent),
];
const CEFR: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/// What a level may be, for messages.
pub const LEVELS_ALLOWED: &str = "basic, conversational, professional, fluent, or a CEFR level A1 to C2";

impl LanguageLevel {
    /// The level as a reader sees it: "conversational", "B2".
    pub fn label(self) -> &'static str {
        match self {
            LanguageLevel::Basic => "basic",
            LanguageLevel::Conversational => "conversational",
            LanguageLevel::Professional => "professional",
            LanguageLevel::Fluent => "fluent",
            LanguageLevel::Cefr(level) => level,
        }
    }
}

impl TryFrom<&str> for LanguageLevel {
    type Error = String;
    fn try_from(text: &str) -> Result<Self, String> {
        let wanted = text.trim();
        if let Some((_, level)) = WORDS.iter().find(|(word, _)| word.eq_ignore_ascii_case(wanted)) {
            return Ok(*level);
        }
        if let Some(cefr) = CEFR.iter().find(|c| c.eq_ignore_ascii_case(wanted)) {
            return Ok(LanguageLevel::Cefr(cefr));
        }
        let hint = match wanted.to_lowercase().as_str() {
            "native" | "mother tongue" | "native speaker" => {
                " ('native' shuts out people who learnt the language and speak it as well; write fluent or C2)"
            }
            _ => "",
        };
        Err(format!(
            "'{wanted}' is not a language level: write {LEVELS_ALLOWED}{hint}"
        ))
    }
}

impl From<LanguageLevel> for String {
    fn from(level: LanguageLevel) -> String {
        level.label().to_owned()
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.language, self.level.label())
    }
}

impl Language {
    /// Reads "Spanish (conversational)", the form a CSV cell or `--set` holds.
    pub fn parse(text: &str) -> Result<Language, String> {
        let text = text.trim();
        let shape = || {
            format!("'{text}': write a language and its level, e.g. `Spanish (conversational)` or `{{language: Spanish, level: B2}}`")
        };
        let (name, rest) = text.split_once('(').ok_or_else(shape)?;
        let level = rest.strip_suffix(')').ok_or_else(shape)?;
        Language::new(name, level)
    }

    fn new(name: &str, level: &str) -> Result<Language, String> {
        let language = name.trim();
        if language.is_empty() || language.contains(['\n', '(', ')']) {
            return Err(format!("'{language}' is not a language's name, e.g. Spanish"));
        }
        Ok(Language {
            language: language.to_owned(),
            level: LanguageLevel::try_from(level)?,
        })
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LanguageVisitor;
        impl<'de> Visitor<'de> for LanguageVisitor {
            type Value = Language;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a language and its level: `{language: Spanish, level: conversational}` or `Spanish (conversational)`")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Language, E> {
                Language::parse(text).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Language, A::Error> {
                let (mut language, mut level) = (None::<String>, None::<String>);
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "language" => language = Some(map.next_value()?),
                        "level" => level = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, &["language", "level"])),
                    }
                }
                let language = language.ok_or_else(|| de::Error::missing_field("language"))?;
                let level = level.ok_or_else(|| de::Error::missing_field("level"))?;
                Language::new(&language, &level).map_err(de::Error::custom)
            }
        }
        deserializer.deserialize_any(LanguageVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_read_the_same() {
        let from_text = Language::parse("Spanish (Conversational)").unwrap();
        assert_eq!(from_text.to_string(), "Spanish (conversational)");
        let from_map: Language =
            crate::yaml::from_str(&crate::error::Origin::File("x".into()), "{language: German, level: b2}").unwrap();
        assert_eq!(from_map.to_string(), "German (B2)");
    }

    #[test]
    fn bad_levels_say_what_to_write() {
        let error = Language::parse("English (native)").unwrap_err();
        assert!(error.contains("write fluent or C2"), "{error}");
        assert!(Language::parse("English")
            .unwrap_err()
            .contains("Spanish (conversational)"));
        assert!(Language::parse(" (fluent)").is_err());
    }
}
