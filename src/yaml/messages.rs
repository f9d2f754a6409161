//! Every message the YAML parser (libyaml) or serde can give, said in the field's own terms with what to write instead: the one place that translates them.
//!
//! serde speaks Rust ("invalid type: string \"78k\", expected f64", "expected struct
//! SalaryFacts", "unknown variant `Hybrid`") and libyaml speaks grammar ("mapping values are
//! not allowed in this context"). A recruiter reads neither. Each message is matched here by
//! its shape and rewritten: what is wrong, where, and what to write, using the line the error
//! points at when that shows the fix (`team: "Payments: the team"`).

use crate::suggest;

/// The line an error points at, when the file is known.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spot<'a> {
    /// The whole line, without its line break.
    pub text: &'a str,
    /// 1-based line and column (in characters).
    pub line: usize,
    pub column: usize,
}

/// A message rewritten: what is wrong, and what to write instead.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Explained {
    pub message: String,
    pub help: Option<String>,
}

impl Explained {
    fn new(message: impl Into<String>, help: impl Into<Option<String>>) -> Explained {
        Explained {
            message: message.into(),
            help: help.into(),
        }
    }
}

/// What jdgen's own files hold in a block, as an example to copy (by the block's field name).
const BLOCK_EXAMPLES: [(&str, &str); 10] = [
    (
        "salary",
        "salary: {min: 78000, max: 96000, currency: EUR, period: year}",
    ),
    ("company", "company: {name: Acme, website: \"https://acme.example\"}"),
    ("location", "location: {city: Berlin, country: DE}"),
    ("remote", "remote: {countries: [DE, AT], timezones: \"CET ± 2 hours\"}"),
    (
        "apply",
        "apply: {url: \"https://acme.example/jobs/42\"}, or apply: {email: jobs@acme.example}",
    ),
    ("branding", "branding: {font: Georgia, heading_color: \"#0B5394\"}"),
    ("lint", "lint: {disable: [hit-the-ground-running]}"),
    (
        "defaults",
        "defaults: {workplace: hybrid, location: {city: Berlin, country: DE}}",
    ),
    ("years", "years: {min: 5, max: 8}"),
    ("languages", "languages: [{language: English, level: fluent}]"),
];

/// `message` (serde's or libyaml's, as serde_yaml prints it, position included) in a recruiter's words.
pub(super) fn explain(message: &str, spot: Option<Spot>) -> Explained {
    if let Some(explained) = libyaml(message, spot) {
        return explained;
    }
    // serde_yaml appends " at line L column C"; the position is shown separately.
    let message = match message.rfind(" at line ") {
        Some(cut) if message[cut..].contains(" column ") => &message[..cut],
        _ => message,
    };
    let (path, body) = split_path(message);
    serde_message(path, body, spot).unwrap_or_else(|| Explained::new(message, None))
}

/// Splits "salary.min: body" into the field's path and the body; the path is empty at the top.
fn split_path(message: &str) -> (&str, &str) {
    let Some((path, body)) = message.split_once(": ") else {
        return ("", message);
    };
    let is_path = !path.is_empty()
        && !path.contains(' ')
        && path
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '[' | ']' | '?'));
    match is_path {
        true => (path, body),
        false => ("", message),
    }
}

/// "salary.min" or "this file" to start a sentence about the field.
fn subject(path: &str) -> String {
    match path {
        "" => "this file".to_owned(),
        path => path.to_owned(),
    }
}

/// The last field name of a path: "salary" for "jobs[2].salary", "benefits" for "benefits[0]".
fn field_name(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// The longest line a help quotes back with its fix; a longer one gets the rule alone.
const QUOTED_LINE_CHARS: usize = 120;

/// The user's line from the error's column on, as it would be quoted: `Pension: 5% employer match`.
fn rest_of_line(spot: Spot) -> Option<String> {
    let rest: String = spot.text.chars().skip(spot.column.saturating_sub(1)).collect();
    let rest = rest.trim().trim_end_matches([',', ']', '}']).trim();
    (!rest.is_empty() && rest.chars().count() <= QUOTED_LINE_CHARS).then(|| rest.to_owned())
}

/// `text` in double quotes, as YAML reads it back.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The line with its value in quotes: `team: "Payments: the team"` or `- "Pension: 5% match"`.
fn line_with_value_quoted(line: &str) -> Option<String> {
    if line.chars().count() > QUOTED_LINE_CHARS {
        return None;
    }
    let indent = &line[..line.len() - line.trim_start().len()];
    let trimmed = line.trim();
    if let Some(item) = trimmed.strip_prefix("- ") {
        return Some(format!("{indent}- {}", quoted(item.trim())));
    }
    let (key, value) = trimmed.split_once(": ")?;
    Some(format!("{indent}{key}: {}", quoted(value.trim())))
}

/// libyaml's grammar errors: the file cannot be read as YAML past this point.
fn libyaml(message: &str, spot: Option<Spot>) -> Option<Explained> {
    let problem = message.split(" at line ").next().unwrap_or(message);
    let at_char = spot.and_then(|s| s.text.chars().nth(s.column.saturating_sub(1)));
    let where_ = spot
        .map(|s| format!("line {} column {}", s.line, s.column))
        .unwrap_or_else(|| "this line".to_owned());
    let quote_line = || spot.and_then(|s| line_with_value_quoted(s.text));
    let tab = at_char == Some('\t') || spot.is_some_and(|s| s.text.trim_end().starts_with('\t'));
    let explained = match problem {
        "found a tab character that violates indentation"
        | "found a tab character where an indentation space is expected" => tab_message(&where_),
        "found character that cannot start any token" if tab => tab_message(&where_),
        "found character that cannot start any token" => {
            let shown = at_char.map(|c| format!("'{c}'")).unwrap_or_else(|| "this character".into());
            Explained::new(
                format!("{shown} cannot start a value in YAML"),
                Some(match quote_line() {
                    Some(fixed) => format!("put the value in quotes: {fixed}"),
                    None => "put the value in quotes".to_owned(),
                }),
            )
        }
        "mapping values are not allowed in this context" | "found unexpected ':'" => Explained::new(
            "a second ': ' on one line: YAML reads `key: value: more` as a field inside a value",
            Some(match quote_line() {
                Some(fixed) => format!("put text containing ': ' in quotes: {fixed}"),
                None => "put text containing ': ' in quotes".to_owned(),
            }),
        ),
        "block sequence entries are not allowed in this context" => Explained::new(
            "a list item ('- ') where a value was already given",
            Some("start the list on the line after its field, each item on its own line: `benefits:` then `  - Pension`".into()),
        ),
        "did not find expected key" => Explained::new(
            "this line does not line up with the fields around it, or a quote before it is not closed",
            Some("the fields of one block start in the same column (indent with spaces); text that starts with a quote must end with one".into()),
        ),
        "did not find expected '-' indicator" => Explained::new(
            "this line does not line up with the list items before it",
            Some("start every item of a list in the same column, with '- '".into()),
        ),
        "did not find expected ',' or '}'" => Explained::new(
            "a { } block is not closed, or a value in it holds a ',' ': ' or quote",
            Some("end the block with '}', and put values containing ',' or ': ' in quotes: {name: \"Smith, Jones & Co\"}".into()),
        ),
        "did not find expected ',' or ']'" => Explained::new(
            "a [ ] list is not closed, or an item in it holds a ',' ': ' or quote",
            Some("end the list with ']', and put items containing ',' or ': ' in quotes: [\"Pension: 5% match\", Gym]".into()),
        ),
        "did not find expected node content" => Explained::new(
            "a value is missing here, or starts with a character YAML reserves (such as @ ` % | > ! & *)",
            Some(match quote_line() {
                Some(fixed) => format!("put the value in quotes: {fixed}"),
                None => "put the value in quotes".to_owned(),
            }),
        ),
        "found unexpected end of stream" => {
            let opened = message
                .split(", while scanning a quoted scalar at line ")
                .nth(1)
                .and_then(|rest| rest.split(' ').next());
            Explained::new(
                match opened {
                    Some(line) => format!("the quote opened on line {line} is never closed"),
                    None => "the file ends in the middle of a value (a quote or bracket is not closed)".to_owned(),
                },
                Some("close the quote with the same mark that opened it: \"…\" or '…'".into()),
            )
        }
        "could not find expected ':'" => Explained::new(
            "a line here has no ': ' between a field and its value (or a quoted value runs over lines)",
            Some("write one `field: value` a line; put long text in quotes on one line, or use `field: |` and indent the text below".into()),
        ),
        "found unknown escape character" => Explained::new(
            "a backslash inside \"…\" starts an escape YAML does not know",
            Some("use single quotes ('C:\\files') or write the backslash twice".into()),
        ),
        "found undefined alias" => Explained::new(
            "a value that starts with '*' refers to a YAML anchor ('&name') that is not there",
            Some(match quote_line() {
                Some(fixed) => format!("if the '*' is part of the text, put it in quotes: {fixed}"),
                None => "if the '*' is part of the text, put the value in quotes".to_owned(),
            }),
        ),
        "did not find expected alphabetic or numeric character" => Explained::new(
            "'&' or '*' at the start of a value has a meaning in YAML",
            Some(match quote_line() {
                Some(fixed) => format!("put the value in quotes: {fixed}"),
                None => "put the value in quotes".to_owned(),
            }),
        ),
        "found unexpected document indicator" => Explained::new(
            "a line '---' or '...' ends the document in the middle of a value",
            Some("put the text in quotes, or remove the line".into()),
        ),
        "found duplicate anchor; first occurrence" | "found undefined tag handle" => Explained::new(
            "'&' or '!' at the start of a value has a meaning in YAML",
            Some("put the value in quotes".into()),
        ),
        "found incompatible YAML document" | "found unknown directive name" => Explained::new(
            "a line starting with '%' is a YAML directive",
            Some("remove it, or put the value in quotes".into()),
        ),
        _ if problem.starts_with("invalid ") && problem.contains("UTF-8") || problem.contains("UTF-16") => {
            Explained::new("the file is not UTF-8 text", Some("save it as UTF-8".into()))
        }
        _ if problem.starts_with("did not find expected ") || problem.starts_with("found ") => Explained::new(
            format!("YAML cannot read the text here ({})", problem.replace("expected ", "")),
            Some("check the quotes, brackets and indentation on this line and the one before".into()),
        ),
        _ => return None,
    };
    Some(explained)
}

fn tab_message(where_: &str) -> Explained {
    Explained::new(
        format!("YAML does not allow tabs: {where_} holds a tab"),
        Some("indent with spaces (most editors can turn the Tab key into spaces)".into()),
    )
}

/// serde's messages, by their shape.
fn serde_message(path: &str, body: &str, spot: Option<Spot>) -> Option<Explained> {
    let who = subject(path);
    if let Some(rest) = body.strip_prefix("invalid type: ") {
        let (found, wanted) = rest.split_once(", expected ")?;
        return Some(wrong_type(path, found, wanted, spot));
    }
    if let Some(rest) = body.strip_prefix("invalid value: ") {
        let (found, wanted) = rest.split_once(", expected ")?;
        if wanted == "null" {
            return Some(Explained::new(
                format!("the YAML tag `!!null` makes {} empty", found_words(found)),
                Some("remove the tag and write the value alone".into()),
            ));
        }
        return Some(Explained::new(
            format!("{who} must be {}, not {}", wanted_words(wanted), found_words(found)),
            None,
        ));
    }
    if let Some(rest) = body.strip_prefix("invalid length ") {
        let (count, wanted) = rest.split_once(", expected ")?;
        return Some(Explained::new(
            format!("{who} has {count} items; it must have {}", wanted_words(wanted)),
            None,
        ));
    }
    if let Some(rest) = body.strip_prefix("unknown variant `") {
        let (value, allowed) = rest.split_once('`')?;
        let allowed: Vec<&str> = allowed.split('`').skip(1).step_by(2).collect();
        let help = match suggest::closest(value, allowed.iter().copied()) {
            Some(best) => format!("did you mean '{best}'? write one of: {}", allowed.join(", ")),
            None => format!("write one of: {}", allowed.join(", ")),
        };
        return Some(Explained::new(
            format!("{who}: '{value}' is not allowed here"),
            Some(help),
        ));
    }
    if let Some(rest) = body.strip_prefix("unknown field `") {
        let (field, _) = rest.split_once('`')?;
        if !field.is_empty() && field.chars().all(|c| c.is_ascii_digit()) {
            // `{min: 78,000}`: the comma ended the amount and `000` became a field.
            return Some(Explained::new(
                format!("a comma inside {{ }} separates fields, so a thousands separator made a field `{field}`"),
                Some("write amounts without separators inside { }: {min: 78000, max: 96000}".into()),
            ));
        }
        let where_ = match path {
            "" => String::new(),
            path => format!(" in `{path}`"),
        };
        return Some(Explained::new(
            format!("unknown field `{field}`{where_}"),
            suggest::for_unknown_field(body),
        ));
    }
    if let Some(rest) = body.strip_prefix("missing field `") {
        let (field, _) = rest.split_once('`')?;
        // An example of the block that lacks the field, or at the top, of the field itself.
        let block = match path {
            "" => field,
            path => field_name(path),
        };
        let example = BLOCK_EXAMPLES
            .iter()
            .find(|(name, _)| *name == block)
            .map(|(_, example)| format!("e.g. {example}"));
        let message = match path {
            "" => format!("`{field}` is missing"),
            path => format!("`{path}` needs `{field}`"),
        };
        return Some(Explained::new(message, example));
    }
    if let Some(rest) = body
        .strip_prefix("duplicate field `")
        .or_else(|| body.strip_prefix("duplicate entry with key \""))
    {
        let field = rest.split(['`', '"']).next().unwrap_or(rest);
        return Some(Explained::new(
            format!("`{field}` is written twice"),
            Some("keep one of the two".into()),
        ));
    }
    if body.starts_with("data did not match any variant of untagged enum") {
        let help = match field_name(path) {
            "company" => {
                "write a company file's name (company: company.yaml) or the block itself (company: {name: Acme})"
            }
            _ => "see the README for what this field holds",
        };
        return Some(Explained::new(
            format!("{who} has none of the shapes allowed here"),
            Some(help.into()),
        ));
    }
    match body {
        "EOF while parsing a value" => Some(Explained::new(
            "the file is empty",
            Some("a job file holds fields such as `role: product-manager` and `level: senior`".into()),
        )),
        "deserializing from YAML containing more than one document is not supported" => Some(Explained::new(
            "the file holds more than one YAML document (a line '---' starts another)",
            Some("keep one document: remove the second '---' and what follows, or move it to its own file".into()),
        )),
        "unknown anchor" => Some(Explained::new(
            "a value that starts with '*' refers to a YAML anchor ('&name') that is not there",
            Some("if the '*' is part of the text, put the value in quotes".into()),
        )),
        "empty YAML tag is not allowed" => Some(Explained::new(
            "a lone '!' starts a YAML tag",
            Some("put the value in quotes".into()),
        )),
        "failed to parse YAML number" => Some(Explained::new(
            format!("{who} is not a number YAML can read"),
            Some("write digits only, e.g. 78000".into()),
        )),
        _ => None,
    }
}

/// "invalid type: FOUND, expected WANTED", in the field's terms.
fn wrong_type(path: &str, found: &str, wanted: &str, spot: Option<Spot>) -> Explained {
    let who = subject(path);
    let field = field_name(path);
    let wants_text = wanted == "a string" || wanted.starts_with("a string ");
    let wants_list = wanted == "a sequence";
    let wants_block = wanted.starts_with("struct ") || wanted == "a map";
    let found_block = found == "map";
    let found_text = found.strip_prefix("string ").map(unquote);
    if wants_text && found_block {
        let fixed = spot.and_then(rest_of_line).map(|text| quoted(&text));
        return Explained::new(
            format!("{who} must be text, but the ': ' in it made YAML read a `key: value` pair"),
            Some(match fixed {
                Some(fixed) => format!("put text containing ': ' in quotes: {fixed}"),
                None => "put text containing ': ' in quotes".to_owned(),
            }),
        );
    }
    if wants_list {
        let item = found_text.clone().unwrap_or_else(|| "…".into());
        return Explained::new(
            format!("{who} must be a list, not {}", found_words(found)),
            Some(format!(
                "write each item on its own line, starting with '- ' ({field}: then   - {item}), or in brackets: {field}: [{item}]"
            )),
        );
    }
    if wants_block {
        let example = match (field, &found_text) {
            ("salary", Some(text)) => Some(salary_from_text(text)),
            _ => BLOCK_EXAMPLES
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, e)| e.to_string()),
        };
        return Explained::new(
            format!("{who} must be a block of fields, not {}", found_words(found)),
            Some(match (example, path) {
                (Some(example), _) => format!("write it as: {example}"),
                (None, "") => "write one `field: value` a line, e.g. `role: product-manager`".into(),
                (None, _) => "write its fields indented on the lines below it, `field: value` each".into(),
            }),
        );
    }
    if matches!(wanted, "f64" | "f32") {
        return Explained::new(
            format!("{who} must be a plain number such as 78000, not {}", found_words(found)),
            Some("no 'k', no currency sign, no thousands separator".into()),
        );
    }
    Explained::new(
        format!("{who} must be {}, not {}", wanted_words(wanted), found_words(found)),
        match (wants_text, found) {
            (true, f) if f.starts_with("boolean") => Some(
                "YAML reads yes, no, on, off, true and false as a switch; put the word in quotes to keep it as text"
                    .into(),
            ),
            (true, f) if f.starts_with("integer") || f.starts_with("floating") => {
                Some("put it in quotes to keep it as text".into())
            }
            _ => None,
        },
    )
}

/// serde's "expected" part in plain words.
fn wanted_words(wanted: &str) -> String {
    let words = match wanted {
        "f64" | "f32" => "a plain number",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "a string" | "a borrowed string" => "text",
        "a boolean" => "true or false",
        "a sequence" => "a list",
        "a map" => "a block of fields",
        "a character" | "a char" => "a single character",
        "unit" | "null" => "empty",
        other if other.starts_with("struct ") || other.starts_with("a struct") => "a block of fields",
        other if other.starts_with("tuple of ") => "a list of that many items",
        other if other.starts_with("enum ") => "one of the allowed words",
        // Our own types say what they are ("a date written YYYY-MM-DD").
        other => return other.to_owned(),
    };
    words.to_owned()
}

/// serde's description of what was found, in plain words.
fn found_words(found: &str) -> String {
    if let Some(text) = found.strip_prefix("string ") {
        return format!("the text '{}'", unquote(text));
    }
    for (prefix, name) in [
        ("integer `", "the number"),
        ("floating point `", "the number"),
        ("boolean `", "the switch word"),
        ("character `", "the character"),
    ] {
        if let Some(rest) = found.strip_prefix(prefix) {
            return format!("{name} {}", rest.trim_end_matches('`'));
        }
    }
    match found {
        "map" => "a block of fields".into(),
        "sequence" => "a list".into(),
        "unit value" => "nothing (an empty value)".into(),
        "enum" => "a value with a YAML tag (!…)".into(),
        other => other.into(),
    }
}

/// A `"…"` as serde quotes it, without the quotes and escapes.
fn unquote(text: &str) -> String {
    let inner = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(text);
    inner.replace("\\\"", "\"").replace("\\\\", "\\")
}

/// A salary block built from one line of text ("78000 - 96000 EUR"), so the example is theirs.
fn salary_from_text(text: &str) -> String {
    let numbers: Vec<String> = text
        .split(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .map(|n| n.trim_matches(['.', ',']).replace(',', ""))
        .filter(|n| !n.is_empty() && n.parse::<f64>().is_ok())
        .collect();
    let currency = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .find(|word| word.len() == 3 && word.chars().all(|c| c.is_ascii_uppercase()))
        .unwrap_or("EUR");
    let (min, max) = match numbers.as_slice() {
        [one] => (one.clone(), one.clone()),
        [low, high, ..] => (low.clone(), high.clone()),
        [] => ("78000".into(), "96000".into()),
    };
    format!("salary: {{min: {min}, max: {max}, currency: {currency}}}  (period: year unless you add another)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spot(text: &str, column: usize) -> Option<Spot<'_>> {
        Some(Spot { text, line: 3, column })
    }

    #[test]
    fn the_issues_messages_speak_recruiting() {
        let block = explain(
            "salary: invalid type: string \"78000 - 96000 EUR\", expected struct SalaryFacts at line 3 column 9",
            spot("salary: 78000 - 96000 EUR", 9),
        );
        assert_eq!(
            block.message,
            "salary must be a block of fields, not the text '78000 - 96000 EUR'"
        );
        assert!(block
            .help
            .unwrap()
            .contains("salary: {min: 78000, max: 96000, currency: EUR}"));

        let item = explain(
            "benefits[0]: invalid type: map, expected a string at line 4 column 5",
            spot("  - Pension: 5% employer match", 5),
        );
        assert!(item.message.starts_with("benefits[0] must be text"), "{item:?}");
        assert_eq!(
            item.help.unwrap(),
            "put text containing ': ' in quotes: \"Pension: 5% employer match\""
        );

        let colon = explain(
            "mapping values are not allowed in this context at line 3 column 15",
            spot("team: Payments: the team", 15),
        );
        assert_eq!(
            colon.help.unwrap(),
            "put text containing ': ' in quotes: team: \"Payments: the team\""
        );

        let tab = explain(
            "found character that cannot start any token at line 3 column 1, while scanning for the next token at line 3 column 1",
            spot("\tteam: x", 1),
        );
        assert_eq!(tab.message, "YAML does not allow tabs: line 3 column 1 holds a tab");
        assert!(tab.help.unwrap().contains("indent with spaces"));

        let tagged = explain("workplace: invalid value: string \"hybrid\", expected null", None);
        assert!(tagged.message.contains("`!!null`"), "{tagged:?}");
    }

    #[test]
    fn no_message_names_a_rust_type() {
        for raw in [
            "team_size: invalid type: string \"eight\", expected u32",
            "title: invalid type: sequence, expected a string",
            "benefits: invalid type: string \"Pension\", expected a sequence",
            "years.min: invalid type: string \"5+\", expected f64",
            "track: unknown variant `ic`, expected one of `management`, `individual`",
            "company: data did not match any variant of untagged enum CompanyRef",
            "did not find expected key at line 4 column 3, while parsing a block mapping at line 1 column 1",
            "did not find expected ',' or '}' at line 1 column 20, while parsing a flow mapping at line 1 column 9",
            "found unexpected end of stream at line 5 column 1, while scanning a quoted scalar at line 3 column 7",
        ] {
            let explained = explain(raw, None);
            let shown = format!("{} {}", explained.message, explained.help.unwrap_or_default());
            for word in [
                "f64",
                "u32",
                "struct",
                "variant",
                "expected",
                "invalid type",
                "sequence",
            ] {
                assert!(!shown.contains(word), "{raw:?} gave {shown:?}");
            }
        }
    }

    #[test]
    fn a_thousands_comma_in_braces_is_explained() {
        let explained = explain("salary: unknown field `000`, expected one of `min`, `max`", None);
        assert!(explained.message.contains("thousands separator"), "{explained:?}");
        assert!(explained.help.unwrap().contains("{min: 78000"));
    }

    #[test]
    fn unknown_fields_keep_their_suggestion() {
        let explained = explain(
            "salary: unknown field `mni`, expected one of `min`, `max`, `currency`, `period`",
            None,
        );
        assert_eq!(explained.message, "unknown field `mni` in `salary`");
        assert!(explained.help.unwrap().starts_with("did you mean `min`?"));
    }
}
