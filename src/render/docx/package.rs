//! Assembles the .docx zip: docx-rs's body parts plus package parts written here, deflated, in a fixed order with fixed timestamps.
//!
//! docx-rs 0.4.22 cannot set title, subject or creator, numbers hyperlink relationships from a
//! process-wide counter and lists them in HashMap order, adds empty comment, footnote and custom
//! property parts, and stores every entry uncompressed. So jdgen keeps only the parts docx-rs
//! writes well (document, numbering, settings, font table) and writes the package's manifest,
//! relationships, properties and styles itself, so that the same input always gives the same bytes,
//! and puts the body's properties in schema order (see canonical.rs).

use std::io::{Cursor, Write};
use std::sync::{Arc, Mutex, OnceLock};

use docx_rs::BuildXML;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

use super::canonical::canonical_order;
use super::text::escape_xml;
use super::DocxOptions;

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const OFFICE_RELATIONSHIP: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

/// What a document brings to its package; the rest is the same for every document.
pub struct Parts<'a> {
    /// `word/document.xml`, as docx-rs writes it, with jdgen's property order applied.
    pub document: Vec<u8>,
    /// `word/numbering.xml` as docx-rs wrote it.
    pub numbering: std::sync::Arc<Vec<u8>>,
    /// `word/styles.xml` as built for this document's look.
    pub styles: &'a str,
    /// (relationship id, URL) of each hyperlink, in order.
    pub links: &'a [(String, String)],
}

/// docx-rs's settings and font table parts: the same for every document, so built once.
fn constant_parts() -> &'static (Vec<u8>, Vec<u8>) {
    static PARTS: OnceLock<(Vec<u8>, Vec<u8>)> = OnceLock::new();
    PARTS.get_or_init(|| (docx_rs::Settings::new().build(), docx_rs::FontTable::new().build()))
}

/// The .docx bytes of `parts`.
///
/// Seven of the ten parts are the same for every document with the same look and the same
/// shape of lists; they are compressed once into a template archive and copied from it
/// without recompressing. A template is made the same way whether or not it was cached,
/// so the bytes never depend on what ran before.
pub fn pack(parts: &Parts, options: &DocxOptions) -> Result<Vec<u8>, String> {
    let mut template = shared_parts(parts.styles, &parts.numbering)?;
    let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(16 * 1024)));
    let mut copy = |zip: &mut ZipWriter<Cursor<Vec<u8>>>, index: usize| -> Result<(), String> {
        let entry = template.by_index_raw(index).map_err(|e| e.to_string())?;
        zip.raw_copy_file(entry).map_err(|e| e.to_string())
    };
    copy(&mut zip, 0)?; // [Content_Types].xml
    copy(&mut zip, 1)?; // _rels/.rels
    write_entry(
        &mut zip,
        "docProps/core.xml",
        core_properties(options).as_bytes(),
        SMALL,
    )?;
    copy(&mut zip, 2)?; // docProps/app.xml
    write_entry(&mut zip, "word/document.xml", &parts.document, BODY)?;
    write_entry(
        &mut zip,
        "word/_rels/document.xml.rels",
        document_relationships(parts.links).as_bytes(),
        SMALL,
    )?;
    for index in 3..7 {
        copy(&mut zip, index)?; // styles, numbering, settings, font table
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// How a part is stored. The body is deflated at level 1: twice as fast as the default level
/// and the package stays well below pandoc's size. Parts of a kilobyte are stored: starting a
/// deflate stream costs more than it saves there.
const BODY: Option<i64> = Some(1);
const SMALL: Option<i64> = None;
const SHARED: Option<i64> = Some(9);

/// Every entry's metadata: the DOS epoch (zip's own default without its `time` feature,
/// never the clock) and a plain file mode.
fn entry_options(level: Option<i64>) -> SimpleFileOptions {
    let options = SimpleFileOptions::default()
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    match level {
        Some(level) => options
            .compression_method(CompressionMethod::Deflated)
            .compression_level(Some(level)),
        None => options.compression_method(CompressionMethod::Stored),
    }
}

fn write_entry(
    zip: &mut ZipWriter<Cursor<Vec<u8>>>,
    name: &str,
    bytes: &[u8],
    level: Option<i64>,
) -> Result<(), String> {
    zip.start_file(name, entry_options(level)).map_err(|e| e.to_string())?;
    zip.write_all(bytes).map_err(|e| e.to_string())
}

/// A template archive of the shared parts, and what it was made from.
struct Template {
    styles: String,
    numbering: Arc<Vec<u8>>,
    archive: ZipArchive<Cursor<Arc<[u8]>>>,
}

/// Distinct templates kept: a batch usually has one company look and a few list shapes; the
/// bound keeps unusual input from growing the list (and the linear search) without end.
const TEMPLATE_LIMIT: usize = 32;

/// The shared parts in package order (content types, package relationships, app
/// properties, styles, numbering, settings, font table), compressed.
fn shared_parts(styles: &str, numbering: &Arc<Vec<u8>>) -> Result<ZipArchive<Cursor<Arc<[u8]>>>, String> {
    static TEMPLATES: OnceLock<Mutex<Vec<Template>>> = OnceLock::new();
    let templates = TEMPLATES.get_or_init(Default::default);
    let found = templates
        .lock()
        .map_err(|_| "the DOCX template cache is poisoned")?
        .iter()
        .find_map(|t| {
            // The numbering part is shared per list shape (convert::numbering_xml), so the pointer says it.
            (Arc::ptr_eq(&t.numbering, numbering) && t.styles == styles).then(|| t.archive.clone())
        });
    if let Some(archive) = found {
        return Ok(archive);
    }
    let (settings, font_table) = constant_parts();
    let (manifest, package_rels, app) = (content_types(), package_relationships(), app_properties());
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let shared: [(&str, &[u8]); 7] = [
        ("[Content_Types].xml", manifest.as_bytes()),
        ("_rels/.rels", package_rels.as_bytes()),
        ("docProps/app.xml", app.as_bytes()),
        ("word/styles.xml", styles.as_bytes()),
        ("word/numbering.xml", &canonical_order(numbering)?),
        ("word/settings.xml", settings),
        ("word/fontTable.xml", font_table),
    ];
    for (name, bytes) in shared {
        write_entry(&mut zip, name, bytes, SHARED)?;
    }
    let bytes: Arc<[u8]> = zip.finish().map_err(|e| e.to_string())?.into_inner().into();
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut templates = templates.lock().map_err(|_| "the DOCX template cache is poisoned")?;
    if templates.len() < TEMPLATE_LIMIT {
        templates.push(Template {
            styles: styles.to_owned(),
            numbering: numbering.clone(),
            archive: archive.clone(),
        });
    }
    Ok(archive)
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
