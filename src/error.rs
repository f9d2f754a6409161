//! The library's one error type: every variant says which file (or flag) is at fault and, where known, where in it.

use std::path::PathBuf;

use miette::{Diagnostic, NamedSource, SourceSpan};
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

/// A position in a source text, with the text itself so the report can quote the line.
#[derive(Debug, Clone)]
pub struct Located {
    pub source: NamedSource<String>,
    pub span: SourceSpan,
    pub line: usize,
    pub column: usize,
}

impl Located {
    /// Points at 1-based `line` and `column` of `text`.
    pub fn at(name: &str, text: &str, line: usize, column: usize) -> Located {
        let offset = offset_of(text, line, column);
        Located {
            source: NamedSource::new(name, text.to_owned()),
            span: SourceSpan::from((offset, 0)),
            line,
            column,
        }
    }

    /// "file:line:column", for one-line messages.
    pub fn describe(&self) -> String {
        format!("{}:{}:{}", self.source.name(), self.line, self.column)
    }
}

/// Byte offset of 1-based `line` and `column` in `text`, clamped to the text.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut offset = 0;
    for (index, this_line) in text.split_inclusive('\n').enumerate() {
        if index + 1 == line {
            let in_line: usize = this_line
                .chars()
                .take(column.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return (offset + in_line).min(text.len());
        }
        offset += this_line.len();
    }
    text.len()
}

/// Everything that can go wrong in jdgen, grouped by what the user must fix.
#[derive(Debug, Error, Diagnostic)]
pub enum Error {
    /// A file could not be read (missing, unreadable, not UTF-8, too large).
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(jdgen::read))]
    Read { path: PathBuf, reason: String },

    /// A file could not be written.
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
        source_code: Option<NamedSource<String>>,
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
        source_code: Option<NamedSource<String>>,
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
        source_code: Option<NamedSource<String>>,
        #[label("here")]
        span: Option<SourceSpan>,
        #[doc(hidden)]
        at: Option<Located>,
    },

    /// Standard output was closed by its reader; ends the run quietly.
    #[error("standard output was closed")]
    BrokenPipe,

    /// Wrong use of the command line that clap cannot see.
    #[error("{0}")]
    #[diagnostic(code(jdgen::usage))]
    Usage(String),

    /// The DOCX package could not be assembled (a bug, not bad input: the package is built in memory).
    #[error("cannot build the DOCX package: {0}")]
    #[diagnostic(code(jdgen::docx))]
    Docx(String),
}

impl Error {
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

    #[test]
    fn offsets_count_characters_not_bytes() {
        let text = "a: 1\nbé: x\n";
        assert_eq!(offset_of(text, 1, 1), 0);
        assert_eq!(offset_of(text, 2, 1), 5);
        assert_eq!(offset_of(text, 2, 4), 5 + "bé:".len());
        assert_eq!(offset_of(text, 9, 1), text.len());
    }
}
