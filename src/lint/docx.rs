//! Reads a DOCX file's paragraphs for linting: text from word/document.xml, headings and lists from styles and numbering.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use roxmltree::{Document as Xml, Node};

use super::document::{BlockKind, Document};

const WORD_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Largest uncompressed XML part jdgen reads from a DOCX file (a posting is a few hundred KiB).
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The paragraphs of a DOCX file as a lintable document (line N is paragraph N).
pub fn read_docx(bytes: &[u8]) -> Result<Document, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("it is not a DOCX (zip) file: {e}"))?;
    let document = read_part(&mut archive, "word/document.xml")?
        .ok_or_else(|| "it has no word/document.xml, so it is not a Word document".to_owned())?;
    let styles = match read_part(&mut archive, "word/styles.xml")? {
        Some(xml) => heading_styles(&xml)?,
        None => BTreeMap::new(),
    };
    let xml = Xml::parse(&document).map_err(|e| format!("word/document.xml is not well-formed XML: {e}"))?;
    let paragraphs: Vec<(BlockKind, String)> = xml
        .descendants()
        .filter(|n| is_word(n, "p"))
        .map(|p| (kind_of(&p, &styles), text_of(&p)))
        .filter(|(_, text)| !text.trim().is_empty())
        .collect();
    Ok(Document::from_paragraphs(&paragraphs))
}

fn read_part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name}: {e}")),
    };
    // Bounded, so a zip bomb costs bounded memory.
    let mut text = String::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if text.len() as u64 > MAX_PART_BYTES {
        return Err(format!("{name} is larger than {MAX_PART_BYTES} bytes"));
    }
    Ok(Some(text))
}

fn is_word(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(WORD_NS)
}

fn word_attribute<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((WORD_NS, name))
}

/// Style id -> what a paragraph of that style is. Headings are found by the style's name
/// ("heading 1", "Title"), which Word keeps in English even where the id is localised,
/// or by its outline level.
fn heading_styles(xml: &str) -> Result<BTreeMap<String, BlockKind>, String> {
    let styles = Xml::parse(xml).map_err(|e| format!("word/styles.xml is not well-formed XML: {e}"))?;
    let mut kinds = BTreeMap::new();
    for style in styles.descendants().filter(|n| is_word(n, "style")) {
        let Some(id) = word_attribute(&style, "styleId") else {
            continue;
        };
        let name = style
            .children()
            .find(|n| is_word(n, "name"))
            .and_then(|n| word_attribute(&n, "val"))
            .unwrap_or(id);
        let outline = style
            .descendants()
            .find(|n| is_word(n, "outlineLvl"))
            .and_then(|n| word_attribute(&n, "val"))
            .and_then(|v| v.parse::<u8>().ok());
        if let Some(kind) = kind_from_name(name)
            .or(kind_from_name(id))
            .or(outline.map(|l| BlockKind::Heading(l.min(8) + 1)))
        {
            kinds.insert(id.to_owned(), kind);
        }
    }
    Ok(kinds)
}

/// "heading 2" / "Heading2" -> a level-2 heading; "Title" -> level 1; "List Bullet" -> a list item.
fn kind_from_name(name: &str) -> Option<BlockKind> {
    let lower = name.to_lowercase().replace(' ', "");
    if lower == "title" {
        return Some(BlockKind::Heading(1));
    }
    if let Some(level) = lower.strip_prefix("heading").and_then(|l| l.parse::<u8>().ok()) {
        return Some(BlockKind::Heading(level.clamp(1, 9)));
    }
    lower.starts_with("list").then_some(BlockKind::ListItem)
}

fn kind_of(paragraph: &Node, styles: &BTreeMap<String, BlockKind>) -> BlockKind {
    let Some(properties) = paragraph.children().find(|n| is_word(n, "pPr")) else {
        return BlockKind::Paragraph;
    };
    let style = properties
        .children()
        .find(|n| is_word(n, "pStyle"))
        .and_then(|n| word_attribute(&n, "val"));
    let from_style = style.and_then(|id| styles.get(id).copied().or_else(|| kind_from_name(id)));
    match from_style {
        Some(kind @ BlockKind::Heading(_)) => kind,
        _ if properties.children().any(|n| is_word(&n, "numPr")) => BlockKind::ListItem,
        Some(kind) => kind,
        None => BlockKind::Paragraph,
    }
}

/// The paragraph's text: its runs' text, tabs and breaks as spaces (deleted text excluded).
fn text_of(paragraph: &Node) -> String {
    let mut text = String::new();
    for node in paragraph.descendants() {
        if is_word(&node, "t") && !node.ancestors().any(|a| is_word(&a, "del")) {
            text.push_str(node.text().unwrap_or_default());
        } else if is_word(&node, "tab") || is_word(&node, "br") || is_word(&node, "cr") {
            text.push(' ');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    /// A minimal DOCX: document.xml with the given body, and a styles.xml.
    pub fn docx_with(body: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD_NS}"><w:body>{body}</w:body></w:document>"#
        )
        .unwrap();
        zip.start_file("word/styles.xml", options).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0"?><w:styles xmlns:w="{WORD_NS}"><w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style></w:styles>"#
        )
        .unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Senior PM</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">We want a </w:t></w:r><w:r><w:t>rockstar.</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="berschrift2"/></w:pPr><w:r><w:t>Requirements</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>SQL</w:t></w:r></w:p>"#;
        let doc = read_docx(&docx_with(body)).unwrap();
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::ListItem
            ]
        );
        assert_eq!(doc.blocks[1].text, "We want a rockstar.");
        let at = doc.blocks[1].text.find("rockstar").unwrap();
        assert_eq!(doc.position(&doc.blocks[1], at), (2, 11));
    }

    #[test]
    fn not_a_docx_is_an_error() {
        assert!(read_docx(b"plain text").unwrap_err().contains("not a DOCX"));
    }
}
