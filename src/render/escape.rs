//! Escaping user text for Markdown: backslashes before what Markdown would read as markup, never HTML entities.
//!
//! The goal: "AT&T <Labs> *Beta*" reads exactly like that wherever the
//! Markdown is shown or converted. A value is inline text: line breaks inside
//! it become spaces (multi-paragraph text goes through the `paragraphs` helper).

/// Escapes `text` so Markdown renders it literally.
pub fn escape_markdown(text: &str) -> String {
    // Most values (names, bullets, cities) need nothing; a batch escapes hundreds per posting.
    let first = text.trim_start().chars().next();
    let plain_start = !matches!(first, Some('#' | '-' | '+' | '=' | '0'..='9'));
    // All markup characters are ASCII, so bytes are enough; a `match` on bytes is a table look-up,
    // where `contains` with an array of chars compares each character with every one of them.
    let plain = !text.bytes().any(|b| {
        matches!(
            b,
            b'\\' | b'`' | b'*' | b'[' | b']' | b'<' | b'>' | b'|' | b'~' | b'_' | b'&' | b'\n' | b'\r'
        )
    });
    if plain && plain_start {
        return text.to_owned();
    }
    let text = collapse_line_breaks(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    let at_start = leading_marker_len(&chars);
    for (index, &c) in chars.iter().enumerate() {
        let prev = index.checked_sub(1).map(|i| chars[i]);
        let next = chars.get(index + 1).copied();
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '|' | '~' => true,
            // Intraword underscores (snake_case) never start emphasis.
            '_' => !(prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric)),
            // Only an entity-like "&name;" or "&#123;" would be decoded.
            '&' => looks_like_entity(&chars[index + 1..]),
            _ => Some(index) == at_start,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Where a value opening a line could start a block (heading, list, quote,
/// setext underline, ordered list "1."), the index of the character to escape.
fn leading_marker_len(chars: &[char]) -> Option<usize> {
    let first = chars.iter().position(|c| !c.is_whitespace())?;
    match chars[first] {
        '#' | '-' | '+' | '=' => Some(first),
        c if c.is_ascii_digit() => {
            let digits = chars[first..].iter().take_while(|c| c.is_ascii_digit()).count();
            match chars.get(first + digits) {
                Some('.') | Some(')') if digits <= 9 => Some(first + digits),
                _ => None,
            }
        }
        _ => None,
    }
}

fn looks_like_entity(rest: &[char]) -> bool {
    let name_len = rest
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name_len > 0 && rest.get(name_len) == Some(&';')
}

/// Line breaks (and the spaces around them) become one space.
fn collapse_line_breaks(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len());
    for (index, line) in text.lines().map(str::trim).filter(|l| !l.is_empty()).enumerate() {
        if index > 0 {
            out.push(' ');
        }
        out.push_str(line);
    }
    out.into()
}

/// Multi-paragraph text (paragraphs separated by blank lines), each paragraph escaped.
pub fn escape_paragraphs(text: &str) -> String {
    let normalized = text.replace("\r\n", "\n");
    normalized
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(escape_markdown)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A Markdown link to a web address or e-mail address, both parts escaped. The link
/// text is `text` when given (words that say where the link goes), else the address.
pub fn markdown_link(target: &str, text: Option<&str>) -> String {
    let target = target.trim();
    let destination = if !target.contains("://") && target.contains('@') {
        format!("mailto:{target}")
    } else {
        target.to_owned()
    };
    // Percent-encode what would end or confuse a link destination.
    let mut encoded = String::with_capacity(destination.len());
    for c in destination.chars() {
        match c {
            ' ' => encoded.push_str("%20"),
            '(' => encoded.push_str("%28"),
            ')' => encoded.push_str("%29"),
            '<' => encoded.push_str("%3C"),
            '>' => encoded.push_str("%3E"),
            '\\' => encoded.push_str("%5C"),
            c if c.is_control() => {}
            c => encoded.push(c),
        }
    }
    let text = text
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(link_text(target));
    format!("[{}]({encoded})", escape_markdown(text))
}

/// What a reader sees of an address: a web address without its scheme and trailing slash
/// ("northwind.example/careers/1234"), readable on screen and still usable on paper.
fn link_text(target: &str) -> &str {
    let bare = target
        .strip_prefix("https://")
        .or_else(|| target.strip_prefix("http://"))
        .unwrap_or(target);
    match bare.strip_suffix('/') {
        Some(trimmed) if !trimmed.is_empty() => trimmed,
        _ => bare,
    }
}

/// Whether XML 1.0 allows `c` in a document (DOCX parts, a site's feeds and sitemap).
pub fn is_xml_char(c: char) -> bool {
    !matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The one link policy of every format: web, mail and phone addresses, and relative or
/// in-page ones; not `javascript:`, `data:`, `file:`, `smb:` and the like. A link that fails
/// it is left as its text (HTML) or plain text (DOCX, which links absolute addresses only).
pub fn is_safe_link(destination: &str) -> bool {
    let destination = destination.trim();
    match destination.split_once(':') {
        None => true,
        // A colon after a path, query or fragment starts no scheme.
        Some((before, _)) if before.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => ["http", "https", "mailto", "tel"]
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_issue_example() {
        assert_eq!(escape_markdown("AT&T <Labs> *Beta*"), r"AT&T \<Labs\> \*Beta\*");
    }

    #[test]
    fn entities_and_underscores() {
        assert_eq!(escape_markdown("Fish &amp; Chips & more"), r"Fish \&amp; Chips & more");
        assert_eq!(escape_markdown("snake_case _em_"), r"snake_case \_em\_");
    }

    #[test]
    fn block_markers_at_the_start() {
        assert_eq!(escape_markdown("# not a heading"), r"\# not a heading");
        assert_eq!(escape_markdown("- not a list"), r"\- not a list");
        assert_eq!(escape_markdown("1. not a list"), r"1\. not a list");
        assert_eq!(escape_markdown("2026 is a year"), "2026 is a year");
        assert_eq!(escape_markdown("C# and F#"), "C# and F#");
    }

    #[test]
    fn line_breaks_become_spaces() {
        assert_eq!(escape_markdown("one\n  two\r\nthree"), "one two three");
        assert_eq!(
            escape_paragraphs("One.\nStill one.\n\n\nTwo."),
            "One. Still one.\n\nTwo."
        );
    }

    #[test]
    fn links() {
        assert_eq!(
            markdown_link("https://a.example/x_(1)", None),
            r"[a.example/x\_(1)](https://a.example/x_%281%29)"
        );
        assert_eq!(
            markdown_link("jobs@a.example", None),
            "[jobs@a.example](mailto:jobs@a.example)"
        );
        assert_eq!(
            markdown_link("https://a.example/jobs/1", Some("Apply *online*")),
            r"[Apply \*online\*](https://a.example/jobs/1)"
        );
    }
}
