//! The library's one error type: every variant says which file (or flag) is at fault and, where known, where in it.

use std::path::PathBuf;

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

/// Where a piece of user input came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk (or embedded in the binary, named by its catalog path).
    File(String),
    /// A `--set KEY=VALUE` flag.
    Flag(String),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::File(path) => f.write_str(path),
            Origin::Flag(flag) => write!(f, "--set {flag}"),
        }
    }
}

/// A position in a source text, with a short excerpt around it so the report can quote the line.
///
/// Only the excerpt is kept, never the whole text: a batch of thousands of failing jobs keeps
/// one excerpt per failure, not one copy of the manifest each, and an error about a foreign
/// file (`company: /etc/passwd`) quotes a few characters of it, not the file.
#[derive(Debug, Clone)]
pub struct Located {
    pub source: Excerpt,
    pub span: SourceSpan,
    pub line: usize,
    pub column: usize,
}

impl Located {
    /// Points at 1-based `line` and `column` (in characters) of `text`.
    pub fn at(name: &str, text: &str, line: usize, column: usize) -> Located {
        let source = Excerpt::around(name, text, line, column);
        Located {
            span: SourceSpan::from((source.at, 0)),
            source,
            line,
            column,
        }
    }

    /// Points at 1-based `line` and `column` of a file of which `part` is the text from the
    /// start of line `first_line` on (a job's chunk of a manifest): only that part is searched.
    pub fn in_part(name: &str, part: &str, first_line: usize, line: usize, column: usize) -> Located {
        let first_line = first_line.clamp(1, line.max(1));
        let mut source = Excerpt::around(name, part, line + 1 - first_line, column);
        source.first_line += first_line - 1;
        source.line += first_line - 1;
        Located {
            span: SourceSpan::from((source.at, 0)),
            source,
            line,
            column,
        }
    }

    /// "file:line:column", for one-line messages.
    pub fn describe(&self) -> String {
        format!("{}:{}:{}", self.source.name, self.line, self.column)
    }
}

/// At most this many characters of a line are quoted around an error (half before, half after).
pub const EXCERPT_CHARS: usize = 120;

/// The lines around an error, cut to a window, with control characters shown escaped: what a
/// report quotes. It answers miette with the original file's line and column numbers.
#[derive(Debug, Clone)]
pub struct Excerpt {
    name: String,
    /// The quoted lines, joined by `\n`.
    text: String,
    /// 0-based line of the original where `text` starts.
    first_line: usize,
    /// Byte offset in `text` of the error's position.
    at: usize,
    /// 0-based line and column of the error in the original.
    line: usize,
    column: usize,
}

impl Excerpt {
    /// Line `line` (1-based) of `text` with one line of context either side, each cut to
    /// [`EXCERPT_CHARS`] characters around `column` (1-based).
    fn around(name: &str, text: &str, line: usize, column: usize) -> Excerpt {
        let line = line.max(1);
        let first = line.saturating_sub(1).max(1);
        let mut excerpt = Excerpt {
            name: crate::ui::escape_controls(name).into_owned(),
            text: String::new(),
            first_line: first - 1,
            at: usize::MAX,
            line: line - 1,
            column: column.saturating_sub(1),
        };
        for (index, this_line) in lines_from(text, first).take(line + 2 - first).enumerate() {
            if index > 0 {
                excerpt.text.push('\n');
            }
            let is_error_line = first + index == line;
            let skip = match is_error_line {
                true => column.saturating_sub(1 + EXCERPT_CHARS / 2),
                false => 0,
            };
            if skip > 0 {
                excerpt.text.push('…');
            }
            let mut chars = this_line.chars().enumerate().skip(skip);
            for (position, c) in chars.by_ref().take(EXCERPT_CHARS) {
                if is_error_line && position + 1 == column {
                    excerpt.at = excerpt.text.len();
                }
                push_shown(&mut excerpt.text, c);
            }
            if is_error_line && excerpt.at == usize::MAX {
                // The column is past the end of the line (a parser pointing at the line break).
                excerpt.at = excerpt.text.len();
            }
            if chars.next().is_some() {
                excerpt.text.push('…');
            }
        }
        excerpt.at = excerpt.at.min(excerpt.text.len());
        excerpt
    }

    /// The name of the file quoted.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// The lines of `text` from 1-based line `first` on, without their line endings. The first
/// line is found by memchr: each error of a long manifest looks its line up.
fn lines_from(text: &str, first: usize) -> impl Iterator<Item = &str> {
    let start = match first {
        0 | 1 => 0,
        _ => memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(first - 2)
            .map_or(text.len(), |newline| newline + 1),
    };
    text[start..]
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
}

/// `c` as a report shows it: a control character (which a terminal would obey) escaped.
fn push_shown(out: &mut String, c: char) {
    match crate::ui::is_hidden_control(c) {
        true => out.extend(c.escape_default()),
        false => out.push(c),
    }
}

impl miette::SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let inner = self.text.read_span(span, context_lines_before, context_lines_after)?;
        // The excerpt's own columns differ from the file's where it was cut or escaped; the
        // position of the error itself is the file's.
        let (line, column) = match span.offset() == self.at && context_lines_before == 0 {
            true => (self.line, self.column),
            false => (self.first_line + inner.line(), inner.column()),
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            line,
            column,
            inner.line_count(),
        )))
    }
}

/// Everything that can go wrong in jdgen, grouped by what the user must fix.
#[derive(Debug, Clone, Error, Diagnostic)]
pub enum Error {
    /// A file that cannot be used: missing, a folder, not UTF-8, too large, not what it
    /// should be (bad input).
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(jdgen::read))]
    Read { path: PathBuf, reason: String },

    /// A file that exists but whose reading failed (permission, a device error): the
    /// system's fault, not the input's, so it exits [`crate::exit::IO_FAILURE`].
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(jdgen::read))]
    ReadFailed { path: PathBuf, reason: String },

    /// A file could not be written (exits [`crate::exit::IO_FAILURE`]).
    #[error("cannot write {path}: {reason}")]
    #[diagnostic(code(jdgen::write))]
    Write { path: PathBuf, reason: String },

    /// A YAML file is malformed or does not match its schema.
    #[error("{origin}{}: {message}", at.as_ref().map(|a| format!(":{}:{}", a.line, a.column)).unwrap_or_default())]
    #[diagnostic(code(jdgen::yaml))]
    Yaml {
        origin: Origin,
        message: String,
        #[help]
        help: Option<String>,
        #[source_code]
        source_code: Option<Excerpt>,
        #[label("here")]
        span: Option<SourceSpan>,
        #[doc(hidden)]
        at: Option<Located>,
    },

    /// A field has a value that parses but is not allowed.
    #[error("{origin}{}: field `{field}`: {message}", at.as_ref().map(|a| format!(":{}:{}", a.line, a.column)).unwrap_or_default())]
    #[diagnostic(code(jdgen::invalid))]
    Invalid {
        origin: Origin,
        field: String,
        message: String,
        #[help]
        help: Option<String>,
        #[source_code]
        source_code: Option<Excerpt>,
        #[label("here")]
        span: Option<SourceSpan>,
        #[doc(hidden)]
        at: Option<Located>,
    },

    /// A role or level that the catalog does not have.
    #[error("unknown {kind} '{name}'")]
    #[diagnostic(code(jdgen::unknown))]
    Unknown {
        kind: &'static str,
        name: String,
        #[help]
        help: String,
    },

    /// A required fact is missing (e.g. no role given anywhere).
    #[error("{0}")]
    #[diagnostic(code(jdgen::missing))]
    Missing(String, #[help] String),

    /// A template that does not parse or does not render.
    #[error("{name}{}: {message}", at.as_ref().map(|a| format!(":{}:{}", a.line, a.column)).unwrap_or_default())]
    #[diagnostic(code(jdgen::template))]
    Template {
        name: String,
        message: String,
        #[help]
        help: Option<String>,
        #[source_code]
        source_code: Option<Excerpt>,
        #[label("here")]
        span: Option<SourceSpan>,
        #[doc(hidden)]
        at: Option<Located>,
    },

    /// Standard output was closed by its reader; ends the run quietly.
    #[error("standard output was closed")]
    BrokenPipe,

    /// Wrong use of the command line that the argument parser cannot see.
    #[error("{0}")]
    #[diagnostic(code(jdgen::usage))]
    Usage(String),

    /// The DOCX package could not be assembled (a bug, not bad input: the package is built in memory).
    #[error("cannot build the DOCX package: {0}")]
    #[diagnostic(code(jdgen::docx))]
    Docx(String),

    /// Several problems in one input, each located, so a file is fixed in one pass (never
    /// fewer than two; one problem is that problem's own error).
    #[error("{}", problems.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    #[diagnostic(code(jdgen::problems))]
    Problems { problems: Vec<Error> },
}

impl Error {
    /// The exit code this error ends a run with (see [`crate::exit`]): the largest of its
    /// problems', so a failed write or a bug among typos is not reported as a typo.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BrokenPipe => crate::exit::SUCCESS,
            Error::ReadFailed { .. } | Error::Write { .. } => crate::exit::IO_FAILURE,
            Error::Docx(_) => crate::exit::INTERNAL,
            Error::Problems { problems } => problems
                .iter()
                .map(Error::exit_code)
                .max()
                .unwrap_or(crate::exit::BAD_INPUT),
            Error::Read { .. }
            | Error::Yaml { .. }
            | Error::Invalid { .. }
            | Error::Unknown { .. }
            | Error::Missing(..)
            | Error::Template { .. }
            | Error::Usage(_) => crate::exit::BAD_INPUT,
        }
    }

    /// A YAML error at an optional position.
    pub fn yaml(origin: Origin, message: String, help: Option<String>, at: Option<Located>) -> Error {
        Error::Yaml {
            origin,
            message,
            help,
            source_code: at.as_ref().map(|a| a.source.clone()),
            span: at.as_ref().map(|a| a.span),
            at,
        }
    }

    /// A validation error on `field`, at an optional position.
    pub fn invalid(
        origin: Origin,
        field: impl Into<String>,
        message: impl Into<String>,
        help: Option<String>,
        at: Option<Located>,
    ) -> Error {
        Error::Invalid {
            origin,
            field: field.into(),
            message: message.into(),
            help,
            source_code: at.as_ref().map(|a| a.source.clone()),
            span: at.as_ref().map(|a| a.span),
            at,
        }
    }

    /// `problems` as one error: the problem itself when there is one, else [`Error::Problems`]
    /// (nested lists are flattened). `problems` must not be empty.
    pub fn all(problems: Vec<Error>) -> Error {
        let mut flat: Vec<Error> = Vec::with_capacity(problems.len());
        for problem in problems {
            flat.extend(problem.into_problems());
        }
        match flat.len() {
            1 => flat.remove(0),
            _ => Error::Problems { problems: flat },
        }
    }

    /// The problems this error stands for: its list, or itself.
    pub fn into_problems(self) -> Vec<Error> {
        match self {
            Error::Problems { problems } => problems,
            other => vec![other],
        }
    }

    /// How many problems this error stands for.
    pub fn count(&self) -> usize {
        match self {
            Error::Problems { problems } => problems.len(),
            _ => 1,
        }
    }

    /// A template error at an optional position.
    pub fn template(
        name: impl Into<String>,
        message: impl Into<String>,
        help: Option<String>,
        at: Option<Located>,
    ) -> Error {
        Error::Template {
            name: name.into(),
            message: message.into(),
            help,
            source_code: at.as_ref().map(|a| a.source.clone()),
            span: at.as_ref().map(|a| a.span),
            at,
        }
    }
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    fn report(error: &Error) -> String {
        let mut out = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut out, error)
            .unwrap();
        out
    }

    #[test]
    fn exit_codes_tell_bad_input_from_failure_and_bugs() {
        let read = |failed: bool| match failed {
            false => Error::Read {
                path: "a.yaml".into(),
                reason: "No such file".into(),
            },
            true => Error::ReadFailed {
                path: "a.yaml".into(),
                reason: "Input/output error".into(),
            },
        };
        let usage = Error::Usage("--css needs html".into());
        assert_eq!(read(false).exit_code(), crate::exit::BAD_INPUT);
        assert_eq!(usage.exit_code(), crate::exit::BAD_INPUT);
        assert_eq!(read(true).exit_code(), crate::exit::IO_FAILURE);
        let write = Error::Write {
            path: "out.md".into(),
            reason: "No space left on device".into(),
        };
        assert_eq!(write.exit_code(), crate::exit::IO_FAILURE);
        assert_eq!(Error::Docx("zip".into()).exit_code(), crate::exit::INTERNAL);
        assert_eq!(Error::BrokenPipe.exit_code(), crate::exit::SUCCESS);
        // Several problems: the one furthest from the user's input decides.
        assert_eq!(
            Error::all(vec![usage.clone(), read(false)]).exit_code(),
            crate::exit::BAD_INPUT
        );
        assert_eq!(
            Error::all(vec![usage.clone(), write, read(true)]).exit_code(),
            crate::exit::IO_FAILURE
        );
        assert_eq!(
            Error::all(vec![Error::Docx("x".into()), usage]).exit_code(),
            crate::exit::INTERNAL
        );
    }

    #[test]
    fn errors_quote_a_short_excerpt_with_the_files_numbers() {
        let text = format!("a: 1\nb: {}x{}\nc: 3\nd: 4\n", "y".repeat(5000), "z".repeat(5000));
        let at = Located::at("f.yaml", &text, 2, 5004);
        assert_eq!(at.describe(), "f.yaml:2:5004");
        let error = Error::yaml(Origin::File("f.yaml".into()), "bad".into(), None, Some(at));
        let shown = report(&error);
        assert!(shown.contains("[f.yaml:2:5004]"), "{shown}");
        assert!(shown.contains("1 │ a: 1") && shown.contains("3 │ c: 3"), "{shown}");
        assert!(!shown.contains("d: 4"), "{shown}");
        assert!(shown.contains("…yyy") && shown.contains("zzz…"), "{shown}");
        assert!(shown.len() < 1000, "the excerpt is short: {} bytes", shown.len());
    }

    #[test]
    fn excerpts_count_characters_and_escape_controls() {
        let text = "a: 1\nbé: \u{1b}[2Jx\n";
        let at = Located::at("f.yaml", text, 2, 9);
        assert!(at.source.text[at.source.at..].starts_with('x'));
        assert!(at.source.text.contains("\\u{1b}[2J") && !at.source.text.contains('\u{1b}'));
        let past_the_end = Located::at("f.yaml", text, 9, 1);
        assert_eq!(past_the_end.source.at, past_the_end.source.text.len());
        let first = Located::at("f.yaml", text, 1, 1);
        assert_eq!((first.source.first_line, first.source.at), (0, 0));
        let part = Located::in_part("f.yaml", "bé: \u{1b}[2Jx\n", 2, 2, 9);
        assert!(part.source.text.starts_with("bé: ") && part.source.text[part.source.at..].starts_with('x'));
        assert_eq!(
            (part.source.first_line, part.source.line, part.source.column),
            (1, 1, 8)
        );
    }
}
