//! The one place that parses YAML, so swapping serde_yaml (archived upstream) for another crate is a change here alone.
//!
//! serde_yaml already bounds alias expansion ("repetition limit") and nesting
//! ("recursion limit"); on top of that we cap the input size so a hostile file
//! costs bounded time and memory.

use serde::de::DeserializeOwned;

use crate::error::{Error, Located, Origin};
use crate::suggest;

/// Largest YAML document jdgen reads (a manifest of 20,000 jobs fits easily).
pub const MAX_YAML_BYTES: usize = 64 * 1024 * 1024;

/// The dynamic YAML value, re-exported so callers never name serde_yaml.
pub type Value = serde_yaml::Value;
/// A YAML mapping.
pub type Mapping = serde_yaml::Mapping;

/// Parses `text` (read from `origin`) into `T`, reporting errors with line, column and a suggestion.
pub fn from_str<T: DeserializeOwned>(origin: &Origin, text: &str) -> Result<T, Error> {
    if text.len() > MAX_YAML_BYTES {
        return Err(Error::yaml(
            origin.clone(),
            format!(
                "the file is {} bytes; jdgen reads YAML files up to {MAX_YAML_BYTES} bytes",
                text.len()
            ),
            None,
            None,
        ));
    }
    serde_yaml::from_str(text).map_err(|error| convert(origin, text, &error))
}

/// Parses `chunk`, a part of the larger document `whole` that starts on line
/// `first_line` (1-based), reporting errors at their line in `whole`. The chunk
/// must keep its columns (indentation) as they are in `whole`.
pub fn from_chunk<T: DeserializeOwned>(
    origin: &Origin,
    chunk: &str,
    whole: &str,
    first_line: usize,
) -> Result<T, Error> {
    serde_yaml::from_str(chunk).map_err(|error| {
        let mut converted = convert(origin, "", &error);
        if let (Some(location), Origin::File(name)) = (error.location(), origin) {
            let at = Located::at(name, whole, location.line() + first_line - 1, location.column());
            if let Error::Yaml {
                source_code,
                span,
                at: slot,
                ..
            } = &mut converted
            {
                *source_code = Some(at.source.clone());
                *span = Some(at.span);
                *slot = Some(at);
            }
        }
        converted
    })
}

/// Deserializes an already parsed value (e.g. built from `--set` flags).
pub fn from_value<T: DeserializeOwned>(origin: &Origin, value: Value) -> Result<T, Error> {
    serde_yaml::from_value(value).map_err(|error| convert(origin, "", &error))
}

/// Converts plain data to a YAML value (to look fields up by name).
pub fn to_value<T: serde::Serialize>(value: &T) -> Value {
    serde_yaml::to_value(value).unwrap_or(Value::Null)
}

/// Serializes a value to YAML text (for files jdgen writes).
pub fn to_string<T: serde::Serialize>(value: &T) -> String {
    serde_yaml::to_string(value).expect("serializing plain data to YAML cannot fail")
}

/// Parses one scalar as YAML would (so `--set salary.min=90000` is a number).
pub fn parse_scalar(text: &str) -> Value {
    serde_yaml::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

fn convert(origin: &Origin, text: &str, error: &serde_yaml::Error) -> Error {
    let full = error.to_string();
    // serde_yaml appends " at line L column C"; the location is shown separately.
    let message = match full.rfind(" at line ") {
        Some(cut) if error.location().is_some() => full[..cut].to_owned(),
        _ => full.clone(),
    };
    let message = match message.as_str() {
        "repetition limit exceeded" => {
            "too many alias expansions (a YAML alias bomb?); jdgen refuses documents that expand this much".to_owned()
        }
        "recursion limit exceeded" => "the document nests too deeply; job files are a few levels deep".to_owned(),
        _ => message,
    };
    let help = suggest::for_unknown_field(&message);
    // The help lists the allowed fields; the message need not as well.
    let message = match (&help, message.find(", expected one of")) {
        (Some(_), Some(cut)) => message[..cut].to_owned(),
        _ => message,
    };
    let at = match (error.location(), text.is_empty(), origin) {
        (Some(location), false, Origin::File(name)) => {
            Some(Located::at(name, text, location.line(), location.column()))
        }
        _ => None,
    };
    Error::yaml(origin.clone(), message, help, at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn origin() -> Origin {
        Origin::File("job.yaml".into())
    }

    #[test]
    fn alias_bomb_is_refused_quickly() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = (b'a' + level - 1) as char;
            let this = (b'a' + level) as char;
            text.push_str(&format!(
                "{this}: &{this} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
            ));
        }
        let error = from_str::<Value>(&origin(), &text).unwrap_err().to_string();
        assert!(error.contains("alias"), "{error}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let error = from_str::<Value>(&origin(), &text).unwrap_err().to_string();
        assert!(error.contains("nests too deeply"), "{error}");
    }

    #[test]
    fn errors_carry_line_and_column() {
        let error = from_str::<BTreeMap<String, u32>>(&origin(), "a: 1\nb: x\n").unwrap_err();
        assert!(error.to_string().starts_with("job.yaml:2:4:"), "{error}");
    }

    #[test]
    fn scalars_parse_like_yaml() {
        assert_eq!(parse_scalar("90000"), Value::from(90000));
        assert_eq!(parse_scalar("Berlin"), Value::from("Berlin"));
        assert_eq!(parse_scalar("[a, b]"), Value::Sequence(vec!["a".into(), "b".into()]));
    }
}
