//! User text made safe for WordprocessingML: XML-illegal characters dropped, tabs and line breaks as real elements.

use std::borrow::Cow;

use docx_rs::{BreakType, Run};

pub use crate::render::escape::is_xml_char;

/// `text` without the characters XML 1.0 forbids.
pub fn clean(text: &str) -> Cow<'_, str> {
    if text.chars().all(is_xml_char) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.chars().filter(|&c| is_xml_char(c)).collect())
    }
}

/// `text` cleaned and escaped for XML character data and attribute values.
pub fn escape_xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in clean(text).chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            // Attribute values normalise raw whitespace; keep it as written.
            '\t' => escaped.push_str("&#9;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// How a run of text looks, by the character styles in force.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunFormat<'s> {
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    /// A character style id (inline code, hyperlink).
    pub style: Option<&'s str>,
}

/// One run of `text` in `format`: a tab becomes `w:tab`, a line feed `w:br`, and a
/// carriage return disappears (docx-rs would drop it anyway; a CRLF is one break).
pub fn run(text: &str, format: RunFormat<'_>) -> Run {
    let mut run = Run::new();
    if format.bold {
        run = run.bold();
    }
    if format.italic {
        run = run.italic();
    }
    if format.strike {
        run = run.strike();
    }
    if let Some(style) = format.style {
        run = run.style(style);
    }
    let text = clean(text);
    if !text.contains(['\t', '\n', '\r']) {
        return run.add_text(text);
    }
    let mut piece = String::new();
    for c in text.chars() {
        match c {
            '\t' | '\n' => {
                if !piece.is_empty() {
                    run = run.add_text(std::mem::take(&mut piece));
                }
                run = if c == '\t' {
                    run.add_tab()
                } else {
                    run.add_break(BreakType::TextWrapping)
                };
            }
            '\r' => {}
            c => piece.push(c),
        }
    }
    if !piece.is_empty() {
        run = run.add_text(piece);
    }
    run
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn illegal_characters_are_dropped_and_legal_ones_kept() {
        let every_control: String = ('\u{0}'..='\u{1F}').chain(['\u{FFFE}', '\u{FFFF}', 'é', '€']).collect();
        assert_eq!(clean(&every_control), "\t\n\r\u{e9}\u{20ac}");
        assert!(matches!(clean("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn escaping_covers_markup_characters() {
        assert_eq!(
            escape_xml("AT&T <Labs> \"q\"\u{1}"),
            "AT&amp;T &lt;Labs&gt; &quot;q&quot;"
        );
    }
}
