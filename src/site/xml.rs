//! User text in the site's XML files: escaped character data, and CDATA sections that hold any text.
//!
//! Both drop the characters XML 1.0 forbids (control characters a YAML `"\x01"` can carry),
//! so no file the site writes is ever rejected by a parser for its content.

use crate::render::escape::is_xml_char;

/// `text` as XML character data (or an attribute value in double quotes).
pub fn text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars().filter(|&c| is_xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// `text` in a CDATA section, as the job boards ask for every value. A `]]>` in the text
/// would end the section, so the section is closed after its `]]` and reopened before the
/// `>`: a parser reads the same text back.
pub fn cdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 12);
    push_cdata(&mut out, text);
    out
}

/// [`cdata`], appended to `out`: a description is copied once, not three times.
pub fn push_cdata(out: &mut String, text: &str) {
    out.push_str("<![CDATA[");
    let clean = match text.chars().all(is_xml_char) {
        true => std::borrow::Cow::Borrowed(text),
        false => std::borrow::Cow::Owned(text.chars().filter(|&c| is_xml_char(c)).collect()),
    };
    let mut rest = clean.as_ref();
    while let Some(at) = rest.find("]]>") {
        out.push_str(&rest[..at]);
        out.push_str("]]]]><![CDATA[>");
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out.push_str("]]>");
}

/// `<name>` holding `value` in CDATA, on its own line at `indent` spaces.
pub fn cdata_element(out: &mut String, indent: usize, name: &str, value: &str) {
    for _ in 0..indent {
        out.push(' ');
    }
    out.push('<');
    out.push_str(name);
    out.push('>');
    push_cdata(out, value);
    out.push_str("</");
    out.push_str(name);
    out.push_str(">\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed_text(document: &str) -> String {
        let document = roxmltree::Document::parse(document).unwrap();
        document.root_element().text().unwrap_or_default().to_owned()
    }

    #[test]
    fn cdata_holds_any_text() {
        for hostile in ["]]>", "a]]>b]]>c", "]]]]>", "</script><!-- & \"", "x\u{1}y\u{FFFE}"] {
            let xml = format!("<a>{}</a>", cdata(hostile));
            let expected: String = hostile.chars().filter(|&c| is_xml_char(c)).collect();
            assert_eq!(parsed_text(&xml), expected, "{xml}");
        }
    }

    #[test]
    fn text_is_escaped() {
        let xml = format!("<a b=\"{}\">{}</a>", text("\"&<>"), text("AT&T <Labs>\u{0}"));
        let document = roxmltree::Document::parse(&xml).unwrap();
        assert_eq!(document.root_element().attribute("b"), Some("\"&<>"));
        assert_eq!(document.root_element().text(), Some("AT&T <Labs>"));
    }
}
