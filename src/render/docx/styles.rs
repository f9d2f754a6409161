//! The document's styles.xml: jdgen's own clean look, or a reference document's styles with the few jdgen needs added.

use std::path::Path;

use super::text::escape_xml;
use super::DocxOptions;
use crate::error::{Error, Result};

/// The style ids paragraphs and runs refer to (a reference document may name them differently).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StyleIds {
    pub normal: String,
    pub heading: [String; 3],
    pub list_paragraph: String,
    pub block_text: String,
    pub source_code: String,
    pub rule: String,
    pub hyperlink: String,
    pub verbatim: String,
    /// The table style (only defined in documents with tables).
    pub table: String,
}

/// styles.xml and the ids in it.
pub struct Styles {
    pub xml: String,
    pub ids: StyleIds,
}

/// One style jdgen uses: its id and name in jdgen's own styles, and its definition.
struct StyleDef {
    id: &'static str,
    /// Word's built-in name (lower case for headings: that is how Word, pandoc and python-docx find them).
    name: &'static str,
    xml: String,
}

const NAMESPACE: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The body text's colour: a soft black.
const BODY_TEXT_COLOR: &str = r#"<w:color w:val="262626"/>"#;

/// Twentieths of a point; half-points for font sizes.
fn definitions(color: &str) -> Vec<StyleDef> {
    let paragraph = |id: &'static str, name: &'static str, extra: &str, ppr: &str, rpr: &str| StyleDef {
        id,
        name,
        xml: format!(
            r#"<w:style w:type="paragraph" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="Normal"/>{extra}<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"#
        ),
    };
    let character = |id: &'static str, name: &'static str, rpr: &str| StyleDef {
        id,
        name,
        xml: format!(
            r#"<w:style w:type="character" w:styleId="{id}"><w:name w:val="{name}"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="99"/><w:unhideWhenUsed/><w:rPr>{rpr}</w:rPr></w:style>"#
        ),
    };
    let heading = r#"<w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/>"#;
    vec![
        StyleDef {
            id: "Normal",
            name: "Normal",
            xml: format!(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr>{BODY_TEXT_COLOR}</w:rPr></w:style>"#),
        },
        StyleDef {
            id: "DefaultParagraphFont",
            name: "Default Paragraph Font",
            xml: r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>"#.into(),
        },
        paragraph(
            "Heading1",
            "heading 1",
            heading,
            r#"<w:keepNext/><w:keepLines/><w:spacing w:before="0" w:after="200" w:line="240" w:lineRule="auto"/><w:outlineLvl w:val="0"/>"#,
            &format!(r#"<w:b/><w:bCs/><w:color w:val="{color}"/><w:sz w:val="40"/><w:szCs w:val="40"/>"#),
        ),
        paragraph(
            "Heading2",
            "heading 2",
            heading,
            &format!(
                r#"<w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="2" w:color="{color}"/></w:pBdr><w:spacing w:before="320" w:after="120"/><w:outlineLvl w:val="1"/>"#
            ),
            &format!(r#"<w:b/><w:bCs/><w:color w:val="{color}"/><w:sz w:val="26"/><w:szCs w:val="26"/>"#),
        ),
        paragraph(
            "Heading3",
            "heading 3",
            heading,
            r#"<w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/><w:outlineLvl w:val="2"/>"#,
            &format!(r#"<w:b/><w:bCs/><w:color w:val="{color}"/><w:sz w:val="22"/><w:szCs w:val="22"/>"#),
        ),
        paragraph(
            "ListParagraph",
            "List Paragraph",
            r#"<w:uiPriority w:val="34"/><w:qFormat/>"#,
            r#"<w:spacing w:after="60"/>"#,
            "",
        ),
        paragraph(
            "BlockText",
            "Block Text",
            "",
            r#"<w:ind w:left="567" w:right="567"/>"#,
            r#"<w:i/><w:iCs/><w:color w:val="595959"/>"#,
        ),
        paragraph(
            "SourceCode",
            "Source Code",
            "",
            r#"<w:spacing w:after="120" w:line="240" w:lineRule="auto"/>"#,
            r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="19"/><w:szCs w:val="19"/>"#,
        ),
        paragraph(
            "HorizontalRule",
            "Horizontal Rule",
            "",
            r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="BFBFBF"/></w:pBdr><w:spacing w:after="200"/>"#,
            "",
        ),
        character("Hyperlink", "Hyperlink", r#"<w:color w:val="0563C1"/><w:u w:val="single"/>"#),
        character(
            "VerbatimChar",
            "Verbatim Char",
            r#"<w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New"/><w:sz w:val="19"/>"#,
        ),
    ]
}

/// The id of the table style tables use: Word's own "Grid Table 4 Accent 1", so Word lists it in
/// its Table Design gallery and its header row, first column and banded rows switch on and off there.
const TABLE_STYLE_ID: &str = "GridTable4-Accent1";

/// Word's default table style and the grid table style, in `color` (six hex digits), as Word
/// writes them: the header row filled and bold, the first column bold, rows banded, a light grid.
fn table_definitions(color: &str) -> Vec<StyleDef> {
    let (border, band) = (tint(color, 0.6), tint(color, 0.85));
    let edge = |side: &str, tint: &str| format!(r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{tint}"/>"#);
    let grid: String = ["top", "left", "bottom", "right", "insideH", "insideV"]
        .iter()
        .map(|side| edge(side, &border))
        .collect();
    let header_edges: String = ["top", "left", "bottom", "right"]
        .iter()
        .map(|side| edge(side, color))
        .collect();
    vec![
        StyleDef {
            id: "TableNormal",
            name: "Normal Table",
            xml: r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#.into(),
        },
        StyleDef {
            id: TABLE_STYLE_ID,
            name: "Grid Table 4 Accent 1",
            xml: format!(
                r#"<w:style w:type="table" w:styleId="{TABLE_STYLE_ID}"><w:name w:val="Grid Table 4 Accent 1"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="49"/><w:pPr><w:spacing w:before="40" w:after="40" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr><w:tblPr><w:tblStyleRowBandSize w:val="1"/><w:tblStyleColBandSize w:val="1"/><w:tblBorders>{grid}</w:tblBorders><w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:bCs/><w:color w:val="FFFFFF"/></w:rPr><w:tcPr><w:tcBorders>{header_edges}<w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tcBorders><w:shd w:val="clear" w:color="auto" w:fill="{color}"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="lastRow"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr><w:tblStylePr w:type="firstCol"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr><w:tblStylePr w:type="lastCol"><w:rPr><w:b/><w:bCs/></w:rPr></w:tblStylePr><w:tblStylePr w:type="band1Vert"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{band}"/></w:tcPr></w:tblStylePr><w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="{band}"/></w:tcPr></w:tblStylePr></w:style>"#
            ),
        },
    ]
}

/// `color` (six hex digits) mixed with white: `amount` 0 keeps it, 1 is white.
fn tint(color: &str, amount: f64) -> String {
    let channel = |at: usize| u8::from_str_radix(color.get(at..at + 2).unwrap_or("00"), 16).unwrap_or(0);
    [0, 2, 4]
        .iter()
        .map(|&at| {
            let value = f64::from(channel(at));
            format!("{:02X}", (value + (255.0 - value) * amount).round() as u8)
        })
        .collect()
}

/// styles.xml for `options`: the reference document's styles when given, else jdgen's own.
pub fn styles_xml(options: &DocxOptions) -> Styles {
    build(options, false)
}

/// [`styles_xml`] with a table style added, for documents with tables.
pub fn table_styles_xml(options: &DocxOptions) -> Styles {
    build(options, true)
}

fn build(options: &DocxOptions, tables: bool) -> Styles {
    let color = escape_xml(&options.heading_color);
    let mut definitions = definitions(&color);
    // The body text's colour: on the Normal style, or, with tables, in the document defaults,
    // because a paragraph style outranks a table style and would turn the header row's white text dark.
    let mut text_color = "";
    if tables {
        for normal in definitions.iter_mut().filter(|d| d.id == "Normal") {
            normal.xml = normal.xml.replace(&format!("<w:rPr>{BODY_TEXT_COLOR}</w:rPr>"), "");
        }
        text_color = BODY_TEXT_COLOR;
        definitions.extend(table_definitions(&color));
    }
    if let Some(reference) = &options.reference_styles {
        if let Some(styles) = merge_reference(reference, &definitions) {
            return styles;
        }
    }
    let font = escape_xml(&options.font);
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{NAMESPACE}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>{text_color}<w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    for definition in &definitions {
        xml.push_str(&definition.xml);
    }
    xml.push_str("</w:styles>");
    Styles { xml, ids: own_ids() }
}

fn own_ids() -> StyleIds {
    StyleIds {
        normal: "Normal".into(),
        heading: ["Heading1".into(), "Heading2".into(), "Heading3".into()],
        list_paragraph: "ListParagraph".into(),
        block_text: "BlockText".into(),
        source_code: "SourceCode".into(),
        rule: "HorizontalRule".into(),
        hyperlink: "Hyperlink".into(),
        verbatim: "VerbatimChar".into(),
        table: TABLE_STYLE_ID.into(),
    }
}

/// The reference styles with jdgen's definition added for each style it lacks (found by name,
/// case-insensitively, as Word does: a German template's "heading 1" has the id "berschrift1").
/// None if the reference is not a styles part we can read.
fn merge_reference(reference: &str, definitions: &[StyleDef]) -> Option<Styles> {
    let document = roxmltree::Document::parse(reference).ok()?;
    let root = document.root_element();
    if root.tag_name().name() != "styles" || root.tag_name().namespace() != Some(NAMESPACE) {
        return None;
    }
    let styles: Vec<(String, String)> = root
        .children()
        .filter(|node| node.has_tag_name((NAMESPACE, "style")))
        .filter_map(|style| {
            let id = style.attribute((NAMESPACE, "styleId"))?;
            let name = style
                .children()
                .find(|child| child.has_tag_name((NAMESPACE, "name")))
                .and_then(|name| name.attribute((NAMESPACE, "val")))
                .unwrap_or(id);
            Some((name.to_lowercase(), id.to_owned()))
        })
        .collect();
    let mut added = String::new();
    let mut id_of = |definition: &StyleDef| -> String {
        if let Some((_, id)) = styles.iter().find(|(name, _)| *name == definition.name.to_lowercase()) {
            return id.clone();
        }
        if !styles.iter().any(|(_, id)| id == definition.id) {
            added.push_str(&definition.xml);
        }
        definition.id.to_owned()
    };
    let by_id = |id: &str| {
        definitions
            .iter()
            .find(|d| d.id == id)
            .expect("jdgen defines the style")
    };
    let ids = StyleIds {
        normal: id_of(by_id("Normal")),
        heading: [
            id_of(by_id("Heading1")),
            id_of(by_id("Heading2")),
            id_of(by_id("Heading3")),
        ],
        list_paragraph: id_of(by_id("ListParagraph")),
        block_text: id_of(by_id("BlockText")),
        source_code: id_of(by_id("SourceCode")),
        rule: id_of(by_id("HorizontalRule")),
        hyperlink: id_of(by_id("Hyperlink")),
        verbatim: id_of(by_id("VerbatimChar")),
        table: match definitions.iter().find(|d| d.id == TABLE_STYLE_ID) {
            Some(table) => id_of(table),
            None => TABLE_STYLE_ID.into(),
        },
    };
    let end = reference.rfind("</")?;
    let xml = format!("{}{added}{}", &reference[..end], &reference[end..]);
    Some(Styles { xml, ids })
}

/// Reads `word/styles.xml` from a reference .docx (a company's Word template). The file and
/// the part, inflated, are each read to at most [`crate::fsio::MAX_TEXT_BYTES`], and the part may
/// hold at most [`MAX_STYLES_NODES`] XML nodes: a zip bomb costs a bounded read and an error.
pub fn reference_styles(path: &Path) -> Result<String> {
    let read_error = |reason: String| Error::Read {
        path: path.to_owned(),
        reason,
    };
    let bytes = crate::fsio::read_bytes(path)?;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| read_error(format!("not a .docx file (not a zip archive: {e})")))?;
    let part = archive
        .by_name("word/styles.xml")
        .map_err(|_| read_error("not a .docx file with styles: it has no word/styles.xml".into()))?;
    let too_large = || read_error(format!("word/styles.xml: {}", crate::fsio::too_large()));
    // The size the archive declares refuses most bombs before inflating a byte; the bounded
    // read catches an archive that lies about it.
    if part.size() > crate::fsio::MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let inflated = crate::fsio::read_bounded(part)
        .map_err(|e| read_error(format!("word/styles.xml: {e}")))?
        .ok_or_else(too_large)?;
    let xml = String::from_utf8(inflated).map_err(|_| read_error("word/styles.xml is not UTF-8 XML".into()))?;
    let options = roxmltree::ParsingOptions {
        nodes_limit: MAX_STYLES_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(&xml, options)
        .map_err(|e| read_error(format!("word/styles.xml: {e}")))?;
    if !document.root_element().has_tag_name((NAMESPACE, "styles")) {
        return Err(read_error(
            "word/styles.xml is not a WordprocessingML styles part".into(),
        ));
    }
    drop(document);
    Ok(xml)
}

/// The most XML nodes a reference document's styles part may hold: Word's own templates
/// have a few thousand; millions would only cost memory (about 100 bytes a node).
pub const MAX_STYLES_NODES: u32 = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tints_mix_with_white() {
        assert_eq!(tint("1F3864", 0.0), "1F3864");
        assert_eq!(tint("000000", 1.0), "FFFFFF");
        assert_eq!(tint("1F3864", 0.85), "DDE1E8");
    }

    #[test]
    fn with_tables_the_text_colour_moves_to_the_defaults() {
        let options = DocxOptions::default();
        let plain = styles_xml(&options).xml;
        assert!(plain.contains(r#"w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:color"#));
        assert!(!plain.contains("w:type=\"table\""), "postings carry no table styles");
        let tables = table_styles_xml(&options).xml;
        assert!(tables.contains(r#"w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#));
        assert!(tables.contains(r#"w:cs="Arial"/><w:color w:val="262626"/><w:sz"#));
    }
}
