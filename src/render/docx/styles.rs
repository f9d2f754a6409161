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
            xml: r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="262626"/></w:rPr></w:style>"#.into(),
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

/// styles.xml for `options`: the reference document's styles when given, else jdgen's own.
pub fn styles_xml(options: &DocxOptions) -> Styles {
    let color = escape_xml(&options.heading_color);
    let definitions = definitions(&color);
    if let Some(reference) = &options.reference_styles {
        if let Some(styles) = merge_reference(reference, &definitions) {
            return styles;
        }
    }
    let font = escape_xml(&options.font);
    let mut xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{NAMESPACE}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="276" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
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
