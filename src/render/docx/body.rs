//! The document body: paragraphs as recipes, each turned into XML through docx-rs once per distinct paragraph.
//!
//! In a batch most paragraphs recur from posting to posting (a level's bullets, the
//! equal-opportunity statement), and docx-rs is slow at building them: its builders
//! move 2.4 KB paragraphs by value and its XML writer is heavy. So a paragraph is first
//! described by a small recipe (style, list placement, runs, links), and the XML docx-rs
//! writes for a recipe is kept and reused. The bytes are those docx-rs writes for the
//! whole document; a test builds both ways and compares.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use docx_rs::{
    BuildXML, Document, Hyperlink, HyperlinkData, HyperlinkType, IndentLevel, LineSpacing, NumberingId, Paragraph,
    ParagraphChild,
};

use super::canonical::canonical_order;
use super::page::layout;
use super::text::{self, RunFormat};
use super::PageSize;

/// Space between a list and a body paragraph that follows it, in twips (a body paragraph's own space after).
const SPACE_AFTER_LIST: u32 = 180;

/// What one paragraph is made of.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ParagraphRecipe {
    /// The paragraph style id.
    pub style: String,
    pub layout: Layout,
    pub pieces: Vec<Piece>,
}

/// Where a paragraph sits: in the flow, right after a list, or in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    Plain,
    /// A body paragraph after a list gets space above (list items have little below).
    AfterList,
    /// A list item's first paragraph, which carries the number or bullet.
    Numbered {
        num_id: usize,
        level: usize,
    },
    /// A list item's later paragraph, indented to the item's text.
    Indented {
        indent: i32,
    },
}

/// Runs of text, or a hyperlink holding runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Piece {
    Run(RunRecipe),
    Link(LinkRecipe),
}

/// Text in one format; XML-illegal characters already removed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RunRecipe {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub strike: bool,
    pub style: Option<String>,
}

/// A hyperlink: this document's relationship id for its target, and its runs.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LinkRecipe {
    pub rid: String,
    pub runs: Vec<RunRecipe>,
}

impl ParagraphRecipe {
    /// An empty paragraph in `style`.
    pub fn new(style: &str, layout: Layout) -> ParagraphRecipe {
        ParagraphRecipe {
            style: style.to_owned(),
            layout,
            pieces: Vec::new(),
        }
    }

    /// The docx-rs paragraph, with paragraph id `id`.
    pub fn to_paragraph(&self, id: &str) -> Paragraph {
        let paragraph = Paragraph::new().style(&self.style);
        let mut paragraph = match self.layout {
            Layout::Plain => paragraph,
            Layout::AfterList => paragraph.line_spacing(LineSpacing::new().before(SPACE_AFTER_LIST)),
            Layout::Numbered { num_id, level } => {
                paragraph.numbering(NumberingId::new(num_id), IndentLevel::new(level))
            }
            Layout::Indented { indent } => paragraph.indent(Some(indent), None, None, None),
        };
        // Our own ids: docx-rs numbers paragraphs from a per-thread counter that no document resets.
        paragraph.id = id.to_owned();
        for piece in &self.pieces {
            // Pushed in place: docx-rs's builders take and return the paragraph by value.
            paragraph.children.push(match piece {
                Piece::Run(run) => ParagraphChild::Run(Box::new(run.to_run())),
                Piece::Link(link) => {
                    // docx-rs takes a link's id from a process-wide counter; this document's own replaces it.
                    let mut hyperlink = Hyperlink::new("", HyperlinkType::External);
                    hyperlink.link = HyperlinkData::External {
                        rid: link.rid.clone(),
                        path: String::new(),
                    };
                    hyperlink.children = link
                        .runs
                        .iter()
                        .map(|run| ParagraphChild::Run(Box::new(run.to_run())))
                        .collect();
                    ParagraphChild::Hyperlink(hyperlink)
                }
            });
        }
        paragraph
    }
}

impl RunRecipe {
    fn to_run(&self) -> docx_rs::Run {
        let format = RunFormat {
            bold: self.bold,
            italic: self.italic,
            strike: self.strike,
            style: self.style.as_deref(),
        };
        text::run(&self.text, format)
    }
}

/// `word/document.xml` for `paragraphs` on `page`, exactly as docx-rs writes the whole
/// document (with jdgen's property order applied).
pub fn document_xml(paragraphs: &[ParagraphRecipe], page: PageSize) -> Result<Vec<u8>, String> {
    let envelope = envelope(page)?;
    let mut xml = Vec::with_capacity(envelope.head.len() + paragraphs.len() * 600 + envelope.tail.len());
    xml.extend_from_slice(&envelope.head);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let id = paragraph_id(index);
        match cached_paragraph(paragraph)? {
            Some(fragment) => {
                let start = xml.len();
                xml.extend_from_slice(&fragment.xml);
                xml[start + fragment.id_at..start + fragment.id_at + id.len()].copy_from_slice(id.as_bytes());
            }
            None => xml.extend_from_slice(&canonical_order(&paragraph.to_paragraph(&id).build())?),
        }
    }
    xml.extend_from_slice(&envelope.tail);
    Ok(xml)
}

/// The id of the paragraph at `index`: eight hex digits, counted from 1.
fn paragraph_id(index: usize) -> String {
    format!("{:08X}", index + 1)
}

/// The same document built by docx-rs in one piece: the reference `document_xml` must match.
#[cfg(test)]
pub fn document_xml_directly(paragraphs: &[ParagraphRecipe], page: PageSize) -> Result<Vec<u8>, String> {
    let mut document = Document::new();
    for (index, paragraph) in paragraphs.iter().enumerate() {
        document = document.add_paragraph(paragraph.to_paragraph(&paragraph_id(index)));
    }
    canonical_order(&layout(document, page).build())
}

/// A document's XML around its paragraphs.
struct Envelope {
    head: Vec<u8>,
    tail: Vec<u8>,
}

/// The XML of an empty document on `page`, split where paragraphs go (before the section properties).
fn envelope(page: PageSize) -> Result<Arc<Envelope>, String> {
    static ENVELOPES: OnceLock<Mutex<HashMap<PageSize, Arc<Envelope>>>> = OnceLock::new();
    let envelopes = ENVELOPES.get_or_init(Default::default);
    let mut envelopes = envelopes.lock().map_err(|_| "the DOCX envelope cache is poisoned")?;
    if let Some(envelope) = envelopes.get(&page) {
        return Ok(envelope.clone());
    }
    let empty = canonical_order(&layout(Document::new(), page).build())?;
    let at = memchr::memmem::find(&empty, b"<w:sectPr").ok_or("docx-rs wrote a body without section properties")?;
    let envelope = Arc::new(Envelope {
        head: empty[..at].to_vec(),
        tail: empty[at..].to_vec(),
    });
    envelopes.insert(page, envelope.clone());
    Ok(envelope)
}

/// A paragraph's XML with a placeholder id, and where the id's digits are.
struct Fragment {
    xml: Vec<u8>,
    id_at: usize,
}

/// The placeholder id a cached fragment is built with.
const PLACEHOLDER_ID: &str = "00000000";

/// Distinct paragraphs kept: a few thousand cover a batch's recurring wording (about 1 KB each).
const PARAGRAPH_LIMIT: usize = 4096;

/// The fragment for `paragraph`, built on first use; `None` when docx-rs's output does not
/// have the id where expected (then the paragraph is built directly each time).
fn cached_paragraph(paragraph: &ParagraphRecipe) -> Result<Option<Arc<Fragment>>, String> {
    static FRAGMENTS: OnceLock<Mutex<HashMap<ParagraphRecipe, Arc<Fragment>>>> = OnceLock::new();
    let fragments = FRAGMENTS.get_or_init(Default::default);
    if let Some(fragment) = fragments
        .lock()
        .map_err(|_| "the DOCX paragraph cache is poisoned")?
        .get(paragraph)
    {
        return Ok(Some(fragment.clone()));
    }
    let xml = canonical_order(&paragraph.to_paragraph(PLACEHOLDER_ID).build())?;
    let Some(id_at) = placeholder_position(&xml) else {
        return Ok(None);
    };
    let fragment = Arc::new(Fragment { xml, id_at });
    let mut fragments = fragments.lock().map_err(|_| "the DOCX paragraph cache is poisoned")?;
    if fragments.len() < PARAGRAPH_LIMIT {
        fragments.insert(paragraph.clone(), fragment.clone());
    }
    Ok(Some(fragment))
}

/// The offset of the placeholder id's digits in the paragraph's own start tag.
fn placeholder_position(xml: &[u8]) -> Option<usize> {
    let start_tag_end = memchr::memchr(b'>', xml)?;
    let needle = format!("w14:paraId=\"{PLACEHOLDER_ID}\"");
    let at = memchr::memmem::find(&xml[..start_tag_end], needle.as_bytes())?;
    Some(at + needle.len() - PLACEHOLDER_ID.len() - 1)
}
