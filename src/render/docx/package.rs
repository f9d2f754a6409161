//! Assembles the .docx zip: docx-rs's body parts plus package parts written here, deflated, in a fixed order with fixed timestamps.
//!
//! docx-rs 0.4.22 cannot set title, subject or creator, numbers hyperlink relationships from a
//! process-wide counter and lists them in HashMap order, adds empty comment, footnote and custom
//! property parts, and stores every entry uncompressed. So jdgen keeps only the parts docx-rs
//! writes well (document, numbering, settings, font table) and writes the package's manifest,
//! relationships, properties and styles itself, so that the same input always gives the same bytes,
//! and puts the body's properties in schema order (see canonical.rs).

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::canonical::canonical_order;
use super::text::escape_xml;
use super::DocxOptions;

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELATIONSHIP: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// The .docx bytes: `body` from docx-rs, `styles` as built, `links` as (relationship id, URL) in order.
pub fn pack(body: XMLDocx, styles: &str, links: &[(String, String)], options: &DocxOptions) -> Result<Vec<u8>, String> {
    let document = canonical_order(&body.document)?;
    let numbering = canonical_order(&body.numberings)?;
    let (manifest, package_rels, core, app, document_rels) = (
        content_types(),
        package_relationships(),
        core_properties(options),
        app_properties(),
        document_relationships(links),
    );
    let parts: [(&str, &[u8]); 10] = [
        ("[Content_Types].xml", manifest.as_bytes()),
        ("_rels/.rels", package_rels.as_bytes()),
        ("docProps/core.xml", core.as_bytes()),
        ("docProps/app.xml", app.as_bytes()),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", document_rels.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", &numbering),
        ("word/settings.xml", &body.settings),
        ("word/fontTable.xml", &body.font_table),
    ];
    // Fixed metadata: the DOS epoch (zip's own default without its `time` feature) and plain file modes.
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(9))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

fn content_types() -> String {
    const WORD: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let overrides = [
        ("/word/document.xml", format!("{WORD}.document.main+xml")),
        ("/word/styles.xml", format!("{WORD}.styles+xml")),
        ("/word/numbering.xml", format!("{WORD}.numbering+xml")),
        ("/word/settings.xml", format!("{WORD}.settings+xml")),
        ("/word/fontTable.xml", format!("{WORD}.fontTable+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".into(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".into(),
        ),
    ];
    let mut xml = format!(
        r#"{DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>"#
    );
    for (part, content_type) in overrides {
        xml.push_str(&format!(
            r#"<Override PartName="{part}" ContentType="{content_type}"/>"#
        ));
    }
    xml.push_str("</Types>");
    xml
}

fn relationships(entries: impl IntoIterator<Item = String>) -> String {
    let mut xml = format!(r#"{DECLARATION}<Relationships xmlns="{RELATIONSHIPS}">"#);
    xml.extend(entries);
    xml.push_str("</Relationships>");
    xml
}

fn package_relationships() -> String {
    relationships([
        format!(r#"<Relationship Id="rId1" Type="{OFFICE_RELATIONSHIP}/officeDocument" Target="word/document.xml"/>"#),
        format!(
            r#"<Relationship Id="rId2" Type="{RELATIONSHIPS}/metadata/core-properties" Target="docProps/core.xml"/>"#
        ),
        format!(
            r#"<Relationship Id="rId3" Type="{OFFICE_RELATIONSHIP}/extended-properties" Target="docProps/app.xml"/>"#
        ),
    ])
}

/// The document's relationships: its parts, then its hyperlinks in order of appearance.
fn document_relationships(links: &[(String, String)]) -> String {
    let parts = ["styles", "numbering", "settings", "fontTable"]
        .into_iter()
        .enumerate()
        .map(|(index, part)| {
            format!(
                r#"<Relationship Id="rId{}" Type="{OFFICE_RELATIONSHIP}/{part}" Target="{part}.xml"/>"#,
                index + 1
            )
        });
    let links = links.iter().map(|(id, url)| {
        format!(
            r#"<Relationship Id="{id}" Type="{OFFICE_RELATIONSHIP}/hyperlink" Target="{}" TargetMode="External"/>"#,
            escape_xml(url)
        )
    });
    relationships(parts.chain(links))
}

fn core_properties(options: &DocxOptions) -> String {
    let date = escape_xml(&options.date);
    format!(
        r#"{DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy><cp:revision>1</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">{date}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{date}</dcterms:modified></cp:coreProperties>"#,
        escape_xml(&options.title),
        escape_xml(&options.subject),
        escape_xml(&options.creator),
        escape_xml(&options.creator),
    )
}

fn app_properties() -> String {
    format!(
        r#"{DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>jdgen</Application></Properties>"#
    )
}
