//! The one place that parses YAML, so swapping serde_yaml (archived upstream) for another crate is a change here alone.
//!
//! serde_yaml already bounds alias expansion ("repetition limit") and nesting
//! ("recursion limit", 128). That nesting check comes after libyaml has scanned the whole
//! document, and libyaml's scanner costs (tokens x flow depth): `team: [[[[…]]]]` of 200 KB
//! took 47 s. So a document with more than [`MAX_FLOW_DEPTH`] brackets is first scanned for
//! its flow depth, by libyaml itself (the exact tokenizer serde_yaml uses), stopping at the
//! first collection nested too deep: that scan costs at most (bytes x the limit). On top of
//! that the input size is capped, so a hostile file costs bounded time and memory.

use serde::de::DeserializeOwned;

use crate::error::{Error, Located, Origin};

mod messages;
mod probe;

/// Largest YAML document jdgen reads (a manifest of 20,000 jobs fits easily).
pub const MAX_YAML_BYTES: usize = 64 * 1024 * 1024;

/// Deepest nesting of flow collections (`[…]`, `{…}`) jdgen parses; a job file nests two or three.
pub const MAX_FLOW_DEPTH: usize = 32;

/// The dynamic YAML value, re-exported so callers never name serde_yaml.
pub type Value = serde_yaml::Value;
/// A YAML mapping.
pub type Mapping = serde_yaml::Mapping;

/// A document that could not be read whole: every problem found, and the document read
/// without its failing top-level entries, when that reading succeeds (so the facts that are
/// fine can still be checked, and all problems reported in one run).
#[derive(Debug)]
pub struct Partial<T> {
    pub error: Error,
    pub rest: Option<T>,
}

/// Parses `text` (read from `origin`) into `T`, reporting every problem with line, column and
/// what to write instead.
pub fn from_str<T: DeserializeOwned>(origin: &Origin, text: &str) -> Result<T, Error> {
    from_str_partial(origin, text).map_err(|partial| partial.error)
}

/// [`from_str`], keeping what could be read when the document has problems.
pub fn from_str_partial<T: DeserializeOwned>(origin: &Origin, text: &str) -> Result<T, Partial<T>> {
    let alone = |error| Partial { error, rest: None };
    if text.len() > MAX_YAML_BYTES {
        return Err(alone(Error::yaml(
            origin.clone(),
            format!(
                "the file is {} bytes; jdgen reads YAML files up to {MAX_YAML_BYTES} bytes",
                text.len()
            ),
            None,
            None,
        )));
    }
    if let Some((line, column)) = too_deep(text) {
        let at = match origin {
            Origin::File(name) => Some(Located::at(name, text, line, column)),
            Origin::Flag(_) => None,
        };
        return Err(alone(too_deep_error(origin, at)));
    }
    serde_yaml::from_str(text).map_err(|first| {
        let examined = probe::examine::<T>(text, first);
        Partial {
            error: Error::all(
                examined
                    .problems
                    .iter()
                    .map(|error| convert(origin, text, error))
                    .collect(),
            ),
            rest: examined.rest,
        }
    })
}

/// Parses `chunk`, a part of the larger document `whole` that starts on line
/// `first_line` (1-based) at byte `start` of `whole`, reporting errors at their line in
/// `whole`. The chunk must keep its columns (indentation) as they are in `whole`.
pub fn from_chunk<T: DeserializeOwned>(
    origin: &Origin,
    chunk: &str,
    whole: &str,
    start: usize,
    first_line: usize,
) -> Result<T, Error> {
    from_chunk_partial(origin, chunk, whole, start, first_line).map_err(|partial| partial.error)
}

/// [`from_chunk`], keeping what could be read when the chunk has problems.
pub fn from_chunk_partial<T: DeserializeOwned>(
    origin: &Origin,
    chunk: &str,
    whole: &str,
    start: usize,
    first_line: usize,
) -> Result<T, Partial<T>> {
    // Only the chunk's own lines are searched for a position and quoted: a manifest of
    // thousands of failing jobs must not search the whole text for each.
    let part = whole.get(start..).unwrap_or_default();
    let locate = |line: usize, column: usize| match origin {
        Origin::File(name) => Some(Located::in_part(name, part, first_line, line + first_line - 1, column)),
        Origin::Flag(_) => None,
    };
    if let Some((line, column)) = too_deep(chunk) {
        return Err(Partial {
            error: too_deep_error(origin, locate(line, column)),
            rest: None,
        });
    }
    serde_yaml::from_str(chunk).map_err(|first| {
        let examined = probe::examine::<T>(chunk, first);
        let converted = examined.problems.iter().map(|error| {
            // The chunk keeps the manifest's columns, so its lines explain the error as they stand.
            let at = error.location().and_then(|l| locate(l.line(), l.column()));
            convert_at(origin, chunk, error, at)
        });
        Partial {
            error: Error::all(converted.collect()),
            rest: examined.rest,
        }
    })
}

/// Deserializes an already parsed value (built from `--set` flags or CSV cells, or a list we
/// could not split into lines). The value is written out and read back as text, so every type
/// reads it exactly as it reads a file (`min: "78.000"` keeps its text, `team: 2027` is text),
/// and every problem is found; positions in that text mean nothing to the user and are dropped.
pub fn from_value<T: DeserializeOwned>(origin: &Origin, value: Value) -> Result<T, Error> {
    from_value_partial(origin, value).map_err(|partial| partial.error)
}

/// [`from_value`], keeping what could be read when the value has problems.
pub fn from_value_partial<T: DeserializeOwned>(origin: &Origin, value: Value) -> Result<T, Partial<T>> {
    let text = to_string(&value);
    serde_yaml::from_str(&text).map_err(|first| {
        let examined = probe::examine::<T>(&text, first);
        Partial {
            error: Error::all(
                examined
                    .problems
                    .iter()
                    .map(|error| convert_at(origin, "", error, None))
                    .collect(),
            ),
            rest: examined.rest,
        }
    })
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
    if too_deep(text).is_some() {
        return Value::String(text.to_owned());
    }
    serde_yaml::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.to_owned()))
}

fn too_deep_error(origin: &Origin, at: Option<Located>) -> Error {
    Error::yaml(
        origin.clone(),
        format!("the document nests lists or blocks in brackets more than {MAX_FLOW_DEPTH} deep"),
        Some("job files and manifests nest two or three levels; write lists one item per line".into()),
        at,
    )
}

/// The 1-based line and column of the first flow collection nested more than
/// [`MAX_FLOW_DEPTH`] deep in `text`, if any.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    // Nesting that deep needs that many brackets: most documents are let through by a count.
    let brackets = memchr::memchr2_iter(b'[', b'{', text.as_bytes()).count();
    if brackets <= MAX_FLOW_DEPTH {
        return None;
    }
    flow_scan::first_too_deep(text, MAX_FLOW_DEPTH)
}

/// libyaml's own tokenizer, run only to measure flow depth (serde_yaml does not expose it).
mod flow_scan {
    use std::mem::MaybeUninit;

    use unsafe_libyaml as unsafe_yaml;

    /// A libyaml parser that is deleted when dropped.
    struct Scanner(Box<MaybeUninit<unsafe_yaml::yaml_parser_t>>);

    impl Drop for Scanner {
        fn drop(&mut self) {
            // SAFETY: the parser was initialized in `first_too_deep` before this value was made.
            unsafe { unsafe_yaml::yaml_parser_delete(self.0.as_mut_ptr()) }
        }
    }

    /// The 1-based position of the first `[` or `{` token nested deeper than `limit`. A scanner
    /// error ends the scan with `None`: the parse that follows reports it, with its position.
    pub(super) fn first_too_deep(text: &str, limit: usize) -> Option<(usize, usize)> {
        let mut parser = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
        // SAFETY: as serde_yaml's own parser does: an initialized parser reads `text`, which
        // outlives it (the scanner is dropped at the end of this function); each token is
        // deleted once after its type and position are copied out.
        unsafe {
            if unsafe_yaml::yaml_parser_initialize(parser.as_mut_ptr()).fail {
                return None;
            }
            let mut scanner = Scanner(parser);
            let parser = scanner.0.as_mut_ptr();
            unsafe_yaml::yaml_parser_set_encoding(parser, unsafe_yaml::YAML_UTF8_ENCODING);
            unsafe_yaml::yaml_parser_set_input_string(parser, text.as_ptr(), text.len() as u64);
            let mut depth = 0usize;
            loop {
                let mut token = MaybeUninit::<unsafe_yaml::yaml_token_t>::zeroed();
                if unsafe_yaml::yaml_parser_scan(parser, token.as_mut_ptr()).fail {
                    return None;
                }
                let kind = (*token.as_ptr()).type_;
                let mark = (*token.as_ptr()).start_mark;
                unsafe_yaml::yaml_token_delete(token.as_mut_ptr());
                match kind {
                    unsafe_yaml::YAML_FLOW_SEQUENCE_START_TOKEN | unsafe_yaml::YAML_FLOW_MAPPING_START_TOKEN => {
                        depth += 1;
                        if depth > limit {
                            return Some((mark.line as usize + 1, mark.column as usize + 1));
                        }
                    }
                    unsafe_yaml::YAML_FLOW_SEQUENCE_END_TOKEN | unsafe_yaml::YAML_FLOW_MAPPING_END_TOKEN => {
                        depth = depth.saturating_sub(1)
                    }
                    unsafe_yaml::YAML_STREAM_END_TOKEN | unsafe_yaml::YAML_NO_TOKEN => return None,
                    _ => {}
                }
            }
        }
    }
}

/// At most this many characters of a value are quoted in a message.
const QUOTED_CHARS: usize = 60;

/// `message` with each `"…"` or `` `…` `` part longer than `max` characters cut to its start.
fn shorten_quoted(message: &str, max: usize) -> String {
    let mut out = String::with_capacity(message.len().min(1024));
    let mut chars = message.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c != '"' && c != '`' {
            continue;
        }
        let mut escaped = false;
        // `kept`: the characters of the quoted part so far.
        for (kept, inner) in chars.by_ref().enumerate() {
            let closes = inner == c && !escaped;
            escaped = c == '"' && inner == '\\' && !escaped;
            if closes {
                if kept > max {
                    out.push('…');
                }
                out.push(inner);
                break;
            }
            if kept < max {
                out.push(inner);
            }
        }
    }
    out
}

fn convert(origin: &Origin, text: &str, error: &serde_yaml::Error) -> Error {
    let at = match (error.location(), text.is_empty(), origin) {
        (Some(location), false, Origin::File(name)) => {
            Some(Located::at(name, text, location.line(), location.column()))
        }
        _ => None,
    };
    convert_at(origin, text, error, at)
}

/// `error` in a recruiter's words (see [`messages`]), at `at`; `text` holds the line it points
/// at (from the start of the text), or is empty.
fn convert_at(origin: &Origin, text: &str, error: &serde_yaml::Error, at: Option<Located>) -> Error {
    // serde quotes the offending value whole: `company: /etc/passwd` quoted the file.
    let full = shorten_quoted(&error.to_string(), QUOTED_CHARS);
    let explained = match full.as_str() {
        _ if full.starts_with("repetition limit exceeded") => messages::Explained {
            message: "too many alias expansions (a YAML alias bomb?); jdgen refuses documents that expand this much"
                .to_owned(),
            help: None,
        },
        _ if full.starts_with("recursion limit exceeded") => messages::Explained {
            message: "the document nests too deeply; job files are a few levels deep".to_owned(),
            help: None,
        },
        _ => {
            let spot = error.location().and_then(|location| {
                let line = text.split('\n').nth(location.line().checked_sub(1)?)?;
                Some(messages::Spot {
                    text: line.strip_suffix('\r').unwrap_or(line),
                    line: at.as_ref().map_or(location.line(), |a| a.line),
                    column: location.column(),
                })
            });
            messages::explain(&full, spot)
        }
    };
    // serde_yaml reports a `!!null` tag on a value at the document's start; point at the tag.
    let at = match (&at, origin, full.contains("expected null")) {
        (Some(a), Origin::File(name), true) if a.line == 1 && a.column == 1 => text
            .find("!!null")
            .map(|offset| {
                let line = text[..offset].matches('\n').count() + 1;
                let column = text[..offset].rsplit('\n').next().unwrap_or_default().chars().count() + 1;
                Located::at(name, text, line, column)
            })
            .or(at),
        _ => at,
    };
    Error::yaml(
        origin.clone(),
        shorten_quoted(&explained.message, QUOTED_CHARS),
        explained.help,
        at,
    )
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
        assert!(error.starts_with("job.yaml:1:33: the document nests"), "{error}");
        let blocks = "a:\n".to_owned()
            + &(1..200)
                .map(|i| format!("{}b{i}:\n", " ".repeat(i)))
                .collect::<String>();
        let error = from_str::<Value>(&origin(), &blocks).unwrap_err().to_string();
        assert!(error.contains("nests too deeply"), "{error}");
    }

    #[test]
    fn flow_depth_is_measured_as_libyaml_reads_it() {
        let nested = |depth: usize| format!("team: {}x{}\n", "[".repeat(depth), "]".repeat(depth));
        assert!(from_str::<Value>(&origin(), &nested(MAX_FLOW_DEPTH)).is_ok());
        assert!(from_str::<Value>(&origin(), &nested(MAX_FLOW_DEPTH + 1)).is_err());
        // Brackets in quoted and plain text, comments and block scalars nest nothing.
        let text = format!(
            "a: \"{0}\"\nb: '{0}'\nc: x {0}\n# {0}\nd: |\n  {0}\ne: [{{f: [1, 2]}}, [3]]\n",
            "[{".repeat(40)
        );
        assert!(from_str::<Value>(&origin(), &text).is_ok());
        // …but a quote inside a plain scalar starts no string that could hide brackets.
        let hidden = format!(
            "a: x [\nb: y, 'z\nc: {}\nd: q'\n",
            nested(40).trim_start_matches("team: ")
        );
        assert!(from_str::<Value>(&origin(), &hidden)
            .unwrap_err()
            .to_string()
            .contains("nests"));
        let chunk = format!("  {}", nested(40));
        let error = from_chunk::<Value>(&origin(), &chunk, &format!("jobs:\n{chunk}"), 6, 2).unwrap_err();
        assert!(error.to_string().starts_with("job.yaml:2:41:"), "{error}");
        assert_eq!(parse_scalar(&"[".repeat(100)), Value::String("[".repeat(100)));
    }

    #[test]
    fn deep_flow_nesting_costs_linear_time() {
        // 400 KB took 311 s before the depth scan; a generous bound for a debug build.
        let text = nested_text(200_000);
        let started = std::time::Instant::now();
        assert!(from_str::<Value>(&origin(), &text).is_err());
        assert!(
            started.elapsed() < std::time::Duration::from_secs(10),
            "{:?}",
            started.elapsed()
        );
    }

    fn nested_text(depth: usize) -> String {
        format!("team: {}{}\n", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn errors_carry_line_and_column() {
        let error = from_str::<BTreeMap<String, u32>>(&origin(), "a: 1\nb: x\n").unwrap_err();
        assert!(error.to_string().starts_with("job.yaml:2:4:"), "{error}");
    }

    #[test]
    fn quoted_values_are_cut_in_messages() {
        let long = "x".repeat(500);
        let error = from_str::<BTreeMap<String, u32>>(&origin(), &format!("a: \"{long}\\\"q\"\n")).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains(&format!("'{}…'", "x".repeat(QUOTED_CHARS))),
            "{message}"
        );
        assert!(message.len() < 200, "{message}");
        assert_eq!(shorten_quoted("a `b` \"c\\\"d\" e", 10), "a `b` \"c\\\"d\" e");
        assert_eq!(shorten_quoted("`abcdef` and \"unclosed", 3), "`abc…` and \"unc");
    }

    #[test]
    fn scalars_parse_like_yaml() {
        assert_eq!(parse_scalar("90000"), Value::from(90000));
        assert_eq!(parse_scalar("Berlin"), Value::from("Berlin"));
        assert_eq!(parse_scalar("[a, b]"), Value::Sequence(vec!["a".into(), "b".into()]));
    }
}
