//! Messages to the person at the terminal: how chatty to be (-q/-v) and the one rule for colour.
//!
//! Content (descriptions, completions, man pages) goes to stdout; everything
//! said *about* the run goes to stderr through here, so `-q` and `-v` mean the
//! same thing for every subcommand.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU8, Ordering};

/// How much jdgen says on stderr besides errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verbosity {
    /// Errors only (`-q`).
    Quiet = 0,
    /// Errors and a short line about what was done.
    Normal = 1,
    /// Also which files were read and written (`-v`).
    Verbose = 2,
}

// A process-wide setting, like a logger's level: every module may say
// something, and threading a handle through each signature would touch
// every subcommand for one flag.
static VERBOSITY: AtomicU8 = AtomicU8::new(Verbosity::Normal as u8);

/// Sets how much jdgen says for the rest of the run.
pub fn set_verbosity(verbosity: Verbosity) {
    VERBOSITY.store(verbosity as u8, Ordering::Relaxed);
}

/// The verbosity in force.
pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        1 => Verbosity::Normal,
        _ => Verbosity::Verbose,
    }
}

/// A message about what was done (suppressed by `-q`).
pub fn note(message: impl std::fmt::Display) {
    if verbosity() >= Verbosity::Normal {
        eprintln!("{}", escape_controls(&message.to_string()));
    }
}

/// A detail only `-v` shows: files read and written.
pub fn detail(message: impl std::fmt::Display) {
    if verbosity() >= Verbosity::Verbose {
        eprintln!("{}", escape_controls(&message.to_string()));
    }
}

/// Prints an error on stderr: on a terminal with colour and the quoted line, elsewhere plain.
/// Every error jdgen prints goes through here, so control characters from user input (a job
/// file's `"\e]0;PWNED\a"`) are always shown escaped, never obeyed by the terminal.
pub fn print_error(error: &crate::Error) {
    match error {
        // Every problem of a file in one run, each with its own place and help, then how many.
        crate::Error::Problems { problems } => {
            for problem in problems {
                eprintln!("{:?}", miette::Report::new(Printable::of(problem)));
            }
            eprintln!("{} problems; fix them all, then run again", problems.len());
        }
        _ => eprintln!("{:?}", miette::Report::new(Printable::of(error))),
    }
}

/// Whether a terminal would act on `c` rather than show it: C0 and C1 controls (but tab and
/// line feed) and the Unicode marks that reorder text (bidirectional overrides and isolates).
pub fn is_hidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every character [`is_hidden_control`] finds written as a Rust escape (`\u{1b}`).
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    match text.chars().any(is_hidden_control) {
        false => text.into(),
        true => text
            .chars()
            .map(|c| match is_hidden_control(c) {
                true => c.escape_default().to_string(),
                false => c.to_string(),
            })
            .collect::<String>()
            .into(),
    }
}

/// The most characters of one message or help text printed; the rest is cut (a message can
/// quote a user's value, and a value can be a whole file).
pub const MESSAGE_CHARS: usize = 1000;

/// `text` as a message shows it: control characters escaped, cut to [`MESSAGE_CHARS`].
pub fn for_message(text: &str) -> String {
    let escaped = escape_controls(text);
    match escaped.char_indices().nth(MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped.into_owned(),
    }
}

/// An error as it is printed: its texts with control characters escaped (the quoted excerpt
/// is escaped when it is cut, see [`crate::error::Excerpt`]).
#[derive(Debug)]
struct Printable {
    message: String,
    code: Option<String>,
    help: Option<String>,
    source_code: Option<crate::error::Excerpt>,
    labels: Vec<miette::LabeledSpan>,
}

impl Printable {
    fn of(error: &crate::Error) -> Printable {
        use miette::Diagnostic;
        let source_code = match error {
            crate::Error::Yaml { source_code, .. }
            | crate::Error::Invalid { source_code, .. }
            | crate::Error::Template { source_code, .. } => source_code.clone(),
            _ => None,
        };
        Printable {
            message: for_message(&error.to_string()),
            code: error.code().map(|code| code.to_string()),
            help: error.help().map(|help| for_message(&help.to_string())),
            labels: match source_code {
                Some(_) => error.labels().map(Iterator::collect).unwrap_or_default(),
                None => Vec::new(),
            },
            source_code,
        }
    }
}

impl std::fmt::Display for Printable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Printable {}

impl miette::Diagnostic for Printable {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.code.as_ref().map(|c| Box::new(c) as Box<dyn std::fmt::Display>)
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.help.as_ref().map(|h| Box::new(h) as Box<dyn std::fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.source_code.as_ref().map(|s| s as &dyn miette::SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        match self.labels.is_empty() {
            true => None,
            false => Some(Box::new(self.labels.iter().cloned())),
        }
    }
}

/// The one colour rule: colour only when the stream is a terminal and `NO_COLOR` is unset or empty.
pub fn color_allowed(stream_is_terminal: bool) -> bool {
    stream_is_terminal && !no_color_requested()
}

/// Whether the user asked for no colour (`NO_COLOR` set to anything but the empty string).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// Whether messages on stderr may be coloured.
pub fn stderr_color() -> bool {
    color_allowed(std::io::stderr().is_terminal())
}

/// Whether content on stdout may be coloured.
pub fn stdout_color() -> bool {
    color_allowed(std::io::stdout().is_terminal())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_terminal_no_colour() {
        assert!(!color_allowed(false));
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(
            escape_controls("a\u{1b}]0;PWNED\u{7}\u{1b}[2J b\tc\nd"),
            "a\\u{1b}]0;PWNED\\u{7}\\u{1b}[2J b\tc\nd"
        );
        assert_eq!(escape_controls("\r\u{202e}txt.exe"), "\\r\\u{202e}txt.exe");
        assert!(matches!(escape_controls("plain é"), std::borrow::Cow::Borrowed(_)));
        let long = for_message(&"é".repeat(5000));
        assert_eq!(long.chars().count(), MESSAGE_CHARS + 1);
    }

    #[test]
    fn printed_errors_escape_every_text() {
        let error = crate::Error::invalid(
            crate::error::Origin::File("job\u{1b}[2J.yaml".into()),
            "level",
            "unknown level '\u{1b}]0;x\u{7}'",
            Some("did you mean '\u{9b}31m'?".into()),
            Some(crate::error::Located::at(
                "job.yaml",
                "level: \"\u{1b}]0;x\u{7}\"\n",
                1,
                8,
            )),
        );
        let mut shown = String::new();
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .render_report(&mut shown, &Printable::of(&error))
            .unwrap();
        assert!(
            !shown.chars().any(|c| c == '\u{1b}' || c == '\u{7}' || c == '\u{9b}'),
            "{shown:?}"
        );
        assert!(
            shown.contains("\\u{1b}]0;x\\u{7}") && shown.contains("\\u{9b}31m"),
            "{shown}"
        );
    }
}
