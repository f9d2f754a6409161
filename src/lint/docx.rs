//! Reads a DOCX file's paragraphs for linting: text from word/document.xml, headings and lists from styles and numbering.
//!
//! The XML is read as a stream in one pass (quick-xml), with a stack as deep as the
//! elements are nested, so the time is linear in the part's size and a hostile file
//! costs bounded memory: each part is read up to [`MAX_PART_BYTES`] inflated and nested
//! up to [`MAX_XML_DEPTH`] elements (Word itself nests about twenty).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

use super::document::{BlockKind, Document, Paragraph};

const WORD_NS: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const COMPATIBILITY_NS: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";

/// Largest uncompressed XML part jdgen reads from a DOCX file (a posting is a few hundred KiB).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Deepest element nesting jdgen reads (tables in tables and text boxes reach about 20).
pub const MAX_XML_DEPTH: usize = 256;

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
    let paragraphs = paragraphs(&document, &styles)?;
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

/// What the reader keeps for a paragraph while it is open.
struct OpenParagraph {
    /// Its slot in the output, taken at its start so paragraphs stay in document order.
    slot: usize,
    style: Option<String>,
    list_level: Option<u8>,
    bold_runs: usize,
    plain_runs: usize,
}

/// Where the reader is inside the current run or paragraph properties.
#[derive(Default)]
struct RunState {
    /// Inside `w:r`: whether its properties make it bold, and whether it had text.
    bold: bool,
    has_text: bool,
}

/// The paragraphs of word/document.xml, in document order. Text belongs to the innermost
/// open paragraph (a text box's paragraphs sit inside a run of another paragraph); deleted
/// text and `mc:Fallback` copies of content are skipped.
fn paragraphs(xml: &str, styles: &BTreeMap<String, BlockKind>) -> Result<Vec<Paragraph>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut out: Vec<Paragraph> = Vec::new();
    let mut open: Vec<OpenParagraph> = Vec::new();
    let mut depth = 0usize;
    // Depth at which skipping started (inside w:del or mc:Fallback), if skipping.
    let mut skip_from: Option<usize> = None;
    let mut in_text = false;
    let mut in_paragraph_properties = false;
    let mut in_run_properties = false;
    let mut run = RunState::default();
    loop {
        let (namespace, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("word/document.xml is not well-formed XML: {e}"))?;
        let in_word = matches!(namespace, ResolveResult::Bound(Namespace(ns)) if ns == WORD_NS);
        let in_compatibility = matches!(namespace, ResolveResult::Bound(Namespace(ns)) if ns == COMPATIBILITY_NS);
        match event {
            Event::Start(element) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(format!(
                        "word/document.xml nests elements more than {MAX_XML_DEPTH} deep (a Word document nests about 20), so it is not read"
                    ));
                }
                if skip_from.is_some() {
                    continue;
                }
                let name = element.local_name();
                let name = name.as_ref();
                if (in_word && name == b"del") || (in_compatibility && name == b"Fallback") {
                    skip_from = Some(depth);
                    continue;
                }
                if in_word {
                    match name {
                        b"p" => {
                            open.push(OpenParagraph {
                                slot: out.len(),
                                style: None,
                                list_level: None,
                                bold_runs: 0,
                                plain_runs: 0,
                            });
                            out.push(Paragraph {
                                kind: BlockKind::Paragraph,
                                depth: 0,
                                bold: false,
                                text: String::new(),
                            });
                        }
                        b"pPr" => in_paragraph_properties = true,
                        b"rPr" => in_run_properties = true,
                        b"r" => run = RunState::default(),
                        b"t" => in_text = true,
                        _ => word_property(
                            &reader,
                            &element,
                            name,
                            in_paragraph_properties,
                            in_run_properties,
                            &mut open,
                            &mut run,
                        ),
                    }
                }
            }
            Event::Empty(element) => {
                if skip_from.is_some() || !in_word {
                    continue;
                }
                let name = element.local_name();
                let name = name.as_ref();
                match name {
                    b"tab" | b"br" | b"cr" => push_text(&mut out, &open, &mut run, " "),
                    // An empty paragraph still takes a slot: it is dropped when the document is built.
                    b"p" => {}
                    _ => word_property(
                        &reader,
                        &element,
                        name,
                        in_paragraph_properties,
                        in_run_properties,
                        &mut open,
                        &mut run,
                    ),
                }
            }
            Event::End(element) => {
                let was_skipping_here = skip_from == Some(depth);
                depth = depth.saturating_sub(1);
                if was_skipping_here {
                    skip_from = None;
                    continue;
                }
                if skip_from.is_some() || !in_word {
                    continue;
                }
                match element.local_name().as_ref() {
                    b"p" => {
                        if let Some(paragraph) = open.pop() {
                            finish_paragraph(&mut out[paragraph.slot], &paragraph, styles);
                        }
                    }
                    b"pPr" => in_paragraph_properties = false,
                    b"rPr" => in_run_properties = false,
                    b"r" => {
                        if run.has_text {
                            if let Some(paragraph) = open.last_mut() {
                                if run.bold {
                                    paragraph.bold_runs += 1;
                                } else {
                                    paragraph.plain_runs += 1;
                                }
                            }
                        }
                        run = RunState::default();
                    }
                    b"t" => in_text = false,
                    _ => {}
                }
            }
            Event::Text(text) if in_text && skip_from.is_none() => {
                let text = text
                    .xml10_content()
                    .map_err(|e| format!("word/document.xml has text that is not UTF-8: {e}"))?;
                push_text(&mut out, &open, &mut run, &text);
            }
            Event::CData(text) if in_text && skip_from.is_none() => {
                let text = text
                    .xml10_content()
                    .map_err(|e| format!("word/document.xml has text that is not UTF-8: {e}"))?;
                push_text(&mut out, &open, &mut run, &text);
            }
            Event::GeneralRef(reference) if in_text && skip_from.is_none() => {
                let resolved = match reference.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => {
                        let name = reference.decode().map_err(|e| e.to_string())?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .ok_or_else(|| format!("word/document.xml uses an unknown entity '&{name};'"))?
                            .to_owned()
                    }
                };
                push_text(&mut out, &open, &mut run, &resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // Paragraphs never closed (a truncated part) keep what they have.
    while let Some(paragraph) = open.pop() {
        finish_paragraph(&mut out[paragraph.slot], &paragraph, styles);
    }
    out.retain(|p| !p.text.trim().is_empty());
    Ok(out)
}

/// Reads the paragraph and run properties jdgen uses: the style, the list level, bold.
fn word_property(
    reader: &NsReader<&[u8]>,
    element: &BytesStart,
    name: &[u8],
    in_paragraph_properties: bool,
    in_run_properties: bool,
    open: &mut [OpenParagraph],
    run: &mut RunState,
) {
    if in_run_properties && name == b"b" {
        // <w:b/> or <w:b w:val="true|1|on">; "0", "false" and "off" switch it off.
        run.bold = !matches!(word_value(reader, element).as_deref(), Some("0" | "false" | "off"));
        return;
    }
    let Some(paragraph) = open.last_mut() else {
        return;
    };
    if !in_paragraph_properties || in_run_properties {
        return;
    }
    match name {
        b"pStyle" => paragraph.style = word_value(reader, element),
        b"numPr" => {
            paragraph.list_level.get_or_insert(0);
        }
        b"ilvl" => {
            let level = word_value(reader, element)
                .and_then(|v| v.parse::<u8>().ok())
                .unwrap_or(0);
            paragraph.list_level = Some(level.min(8));
        }
        _ => {}
    }
}

/// The value of the element's `w:val` attribute.
fn word_value(reader: &NsReader<&[u8]>, element: &BytesStart) -> Option<String> {
    element.attributes().flatten().find_map(|attribute| {
        let (namespace, local) = reader.resolver().resolve_attribute(attribute.key);
        let is_word = matches!(namespace, ResolveResult::Bound(Namespace(ns)) if ns == WORD_NS);
        (is_word && local.as_ref() == b"val")
            .then(|| attribute_text(reader, &attribute))
            .flatten()
    })
}

/// An attribute's value, decoded and unescaped.
fn attribute_text(reader: &NsReader<&[u8]>, attribute: &quick_xml::events::attributes::Attribute) -> Option<String> {
    attribute
        .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, reader.decoder())
        .ok()
        .map(|v| v.into_owned())
}

fn push_text(out: &mut [Paragraph], open: &[OpenParagraph], run: &mut RunState, text: &str) {
    if let Some(paragraph) = open.last() {
        out[paragraph.slot].text.push_str(text);
        if !text.trim().is_empty() {
            run.has_text = true;
        }
    }
}

fn finish_paragraph(paragraph: &mut Paragraph, open: &OpenParagraph, styles: &BTreeMap<String, BlockKind>) {
    let from_style = open
        .style
        .as_deref()
        .and_then(|id| styles.get(id).copied().or_else(|| kind_from_name(id)));
    paragraph.kind = match from_style {
        Some(kind @ BlockKind::Heading(_)) => kind,
        _ if open.list_level.is_some() => BlockKind::ListItem,
        Some(kind) => kind,
        None => BlockKind::Paragraph,
    };
    paragraph.depth = match paragraph.kind {
        BlockKind::ListItem => open.list_level.unwrap_or(0) + 1,
        _ => 0,
    };
    paragraph.bold = open.bold_runs > 0 && open.plain_runs == 0;
}

/// Style id -> what a paragraph of that style is. Headings are found by the style's name
/// ("heading 1", "Title"), which Word keeps in English even where the id is localised,
/// or by its outline level.
fn heading_styles(xml: &str) -> Result<BTreeMap<String, BlockKind>, String> {
    let mut reader = NsReader::from_str(xml);
    let mut kinds = BTreeMap::new();
    let mut depth = 0usize;
    // The style being read: its id, name and outline level.
    let mut style: Option<(String, Option<String>, Option<u8>)> = None;
    loop {
        let (namespace, event) = reader
            .read_resolved_event()
            .map_err(|e| format!("word/styles.xml is not well-formed XML: {e}"))?;
        let in_word = matches!(namespace, ResolveResult::Bound(Namespace(ns)) if ns == WORD_NS);
        let (element, is_start) = match event {
            Event::Start(element) => {
                depth += 1;
                if depth > MAX_XML_DEPTH {
                    return Err(format!(
                        "word/styles.xml nests elements more than {MAX_XML_DEPTH} deep, so it is not read"
                    ));
                }
                (element, true)
            }
            Event::Empty(element) => (element, false),
            Event::End(element) => {
                depth = depth.saturating_sub(1);
                if in_word && element.local_name().as_ref() == b"style" {
                    if let Some((id, name, outline)) = style.take() {
                        let name = name.unwrap_or_else(|| id.clone());
                        if let Some(kind) = kind_from_name(&name)
                            .or(kind_from_name(&id))
                            .or(outline.map(|l| BlockKind::Heading(l.min(8) + 1)))
                        {
                            kinds.insert(id, kind);
                        }
                    }
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        if !in_word {
            continue;
        }
        match element.local_name().as_ref() {
            b"style" if is_start => {
                let id = element.attributes().flatten().find_map(|attribute| {
                    let (namespace, local) = reader.resolver().resolve_attribute(attribute.key);
                    let is_word = matches!(namespace, ResolveResult::Bound(Namespace(ns)) if ns == WORD_NS);
                    (is_word && local.as_ref() == b"styleId")
                        .then(|| attribute_text(&reader, &attribute))
                        .flatten()
                });
                style = id.map(|id| (id, None, None));
            }
            b"name" => {
                if let Some((_, name, _)) = style.as_mut() {
                    if name.is_none() {
                        *name = word_value(&reader, &element);
                    }
                }
            }
            b"outlineLvl" => {
                if let Some((_, _, outline)) = style.as_mut() {
                    *outline = word_value(&reader, &element).and_then(|v| v.parse::<u8>().ok());
                }
            }
            _ => {}
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;

    const WORD: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// A minimal DOCX: document.xml with the given body, and a styles.xml.
    pub fn docx_with(body: &str) -> Vec<u8> {
        docx_from_xml(&format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{WORD}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{body}</w:body></w:document>"#
        ))
    }

    /// A DOCX whose word/document.xml is `xml`.
    pub fn docx_from_xml(xml: &str) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        zip.start_file("word/styles.xml", options).unwrap();
        write!(
            zip,
            r#"<?xml version="1.0"?><w:styles xmlns:w="{WORD}"><w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="Custom"><w:name w:val="Custom"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style></w:styles>"#
        )
        .unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.blocks.iter().map(|b| doc.text(b)).collect()
    }

    #[test]
    fn paragraphs_headings_and_lists() {
        let body = r#"<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Senior PM</w:t></w:r></w:p>
            <w:p><w:r><w:t xml:space="preserve">We want a </w:t></w:r><w:r><w:t>rockstar.</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="berschrift2"/></w:pPr><w:r><w:t>Requirements</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>SQL</w:t></w:r></w:p>
            <w:p><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:t>Joins</w:t></w:r></w:p>
            <w:p><w:pPr><w:pStyle w:val="Custom"/></w:pPr><w:r><w:t>Outline</w:t></w:r></w:p>"#;
        let doc = read_docx(&docx_with(body)).unwrap();
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::ListItem,
                BlockKind::ListItem,
                BlockKind::Heading(3)
            ]
        );
        assert_eq!(doc.blocks[3].depth, 1);
        assert_eq!(doc.blocks[4].depth, 2);
        assert_eq!(doc.text(&doc.blocks[1]), "We want a rockstar.");
        let at = doc.text(&doc.blocks[1]).find("rockstar").unwrap();
        assert_eq!(doc.position(&doc.blocks[1], at), (2, 11));
    }

    #[test]
    fn bold_labels_entities_deleted_text_and_fallbacks() {
        let body = r#"<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Required skills:</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>Not bold &amp; &#233;crit</w:t></w:r><w:del><w:r><w:t>gone</w:t></w:r></w:del></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>shown</w:t></mc:Choice><mc:Fallback><w:t>copy</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
        let doc = read_docx(&docx_with(body)).unwrap();
        assert_eq!(texts(&doc), ["Required skills:", "Not bold & écrit", "shown"]);
        assert!(doc.blocks[0].emphasised);
        assert!(!doc.blocks[1].emphasised);
    }

    #[test]
    fn nested_paragraphs_keep_their_own_text_in_order() {
        let body =
            r#"<w:p><w:r><w:t>Outer </w:t></w:r><w:p><w:r><w:t>inner</w:t></w:r></w:p><w:r><w:t>end</w:t></w:r></w:p>"#;
        let doc = read_docx(&docx_with(body)).unwrap();
        assert_eq!(texts(&doc), ["Outer end", "inner"]);
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let depth = 100_000;
        let xml = format!(
            r#"<w:document xmlns:w="{WORD}"><w:body>{}{}</w:body></w:document>"#,
            "<w:p>".repeat(depth),
            "</w:p>".repeat(depth)
        );
        let error = read_docx(&docx_from_xml(&xml)).unwrap_err();
        assert!(error.contains("nests elements more than 256 deep"), "{error}");
        // Just under the limit is read, each paragraph once.
        let xml = format!(
            r#"<w:document xmlns:w="{WORD}"><w:body>{}<w:r><w:t>x</w:t></w:r>{}</w:body></w:document>"#,
            "<w:p>".repeat(250),
            "</w:p>".repeat(250)
        );
        assert_eq!(texts(&read_docx(&docx_from_xml(&xml)).unwrap()), ["x"]);
    }

    #[test]
    fn not_a_docx_is_an_error() {
        assert!(read_docx(b"plain text").unwrap_err().contains("not a DOCX"));
        let broken = docx_from_xml(&format!(r#"<w:document xmlns:w="{WORD}"><w:body><w:p></w:body>"#));
        assert!(read_docx(&broken).unwrap_err().contains("not well-formed"));
    }

    /// Fuzz target for the reader (run for a fixed time by `bench/fuzz-lint.sh`, which
    /// raises PROPTEST_CASES and varies PROPTEST_RNG_SEED): any bytes, any nesting, any
    /// entity, and the reader returns a document or an error, never a panic, and what it
    /// returns lints.
    mod fuzz {
        use super::*;
        use proptest::prelude::*;

        fn rules() -> &'static crate::lint::LintRules {
            crate::lint::rules::builtin_for_tests()
        }

        /// One element of a Word body, nested up to `depth`.
        fn element(depth: u32) -> BoxedStrategy<String> {
            let text = prop_oneof![
                "[a-zA-Z ,.:'’é-]{0,12}",
                Just("&amp;&lt;&#233;&#x1F600;".to_owned()),
                Just("&bogus;".to_owned()),
                Just("&#0;".to_owned()),
                Just("<![CDATA[rock<star>]]>".to_owned()),
                Just("rockstar he will juggle".to_owned()),
            ];
            let leaf = prop_oneof![
                text.clone()
                    .prop_map(|t| format!("<w:t xml:space=\"preserve\">{t}</w:t>")),
                Just("<w:tab/>".to_owned()),
                Just("<w:br/>".to_owned()),
                Just("<w:b/>".to_owned()),
                Just("<w:b w:val=\"0\"/>".to_owned()),
                "[0-9a-zA-Z ]{0,8}".prop_map(|v| format!("<w:pStyle w:val=\"{v}\"/>")),
                "[0-9]{1,3}".prop_map(|v| format!("<w:ilvl w:val=\"{v}\"/>")),
                Just("<w:numPr/>".to_owned()),
                Just("<x:unknown xmlns:x=\"urn:x\"/>".to_owned()),
                text,
            ];
            leaf.prop_recursive(depth, 400, 6, |inner| {
                let name = prop_oneof![
                    Just("w:p"),
                    Just("w:r"),
                    Just("w:pPr"),
                    Just("w:rPr"),
                    Just("w:numPr"),
                    Just("w:del"),
                    Just("w:tbl"),
                    Just("w:tc"),
                    Just("mc:AlternateContent"),
                    Just("mc:Choice"),
                    Just("mc:Fallback"),
                    Just("w:t"),
                ];
                (name, proptest::collection::vec(inner, 0..6))
                    .prop_map(|(name, children)| format!("<{name}>{}</{name}>", children.concat()))
            })
            .boxed()
        }

        fn document() -> impl Strategy<Value = String> {
            (proptest::collection::vec(element(8), 0..8), 0usize..400).prop_map(|(body, nesting)| {
                format!(
                    r#"<?xml version="1.0"?><w:document xmlns:w="{WORD}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>{}{}{}</w:body></w:document>"#,
                    "<w:p>".repeat(nesting),
                    body.concat(),
                    "</w:p>".repeat(nesting)
                )
            })
        }

        /// What the reader may be given: a well-formed document, the same cut or with
        /// bytes changed, or a broken zip.
        fn input() -> impl Strategy<Value = Vec<u8>> {
            prop_oneof![
                document().prop_map(|xml| docx_from_xml(&xml)),
                (document(), any::<prop::sample::Index>()).prop_map(|(xml, cut)| {
                    let mut end = cut.index(xml.len() + 1);
                    while !xml.is_char_boundary(end) {
                        end -= 1;
                    }
                    docx_from_xml(&xml[..end])
                }),
                (
                    document(),
                    proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8)
                )
                    .prop_map(|(xml, changes)| {
                        let mut bytes = docx_from_xml(&xml);
                        for (at, byte) in changes {
                            let at = at.index(bytes.len());
                            bytes[at] = byte;
                        }
                        bytes
                    }),
                proptest::collection::vec(any::<u8>(), 0..256),
            ]
        }

        proptest! {
            #[test]
            fn read_docx_never_panics(bytes in input()) {
                if let Ok(doc) = read_docx(&bytes) {
                    let rules = rules();
                    for block in &doc.blocks {
                        let text = doc.text(block);
                        prop_assert!(!text.trim().is_empty());
                        let _ = doc.position(block, 0);
                        let _ = doc.position(block, text.len());
                    }
                    let _ = crate::lint::lint_document(&doc, None, rules);
                }
            }

            #[test]
            fn lint_never_panics_on_markdown(text in "(\\PC|[\n#*_\\-:>`\\[\\]()!|<])*") {
                let report = crate::lint::lint_markdown(&text, None, rules());
                for finding in &report.findings {
                    prop_assert!(finding.line.is_some() == finding.column.is_some());
                }
            }
        }
    }
}
