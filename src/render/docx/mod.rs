//! Markdown -> DOCX: a faithful, deterministic Word translation of the rendered Markdown (knows nothing of roles or levels).

mod blocks;
mod body;
mod canonical;
mod convert;
mod package;
mod page;
mod styles;
mod text;

use crate::error::{Error, Result};

pub use blocks::{blocks_to_docx, Block, CellContent, Orientation, Table};
pub use page::PageSize;
pub use styles::reference_styles;

/// Everything the DOCX writer needs besides the Markdown: document properties and the look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxOptions {
    /// Document title (core property `dc:title`).
    pub title: String,
    /// Document subject (core property `dc:subject`).
    pub subject: String,
    /// Author (core property `dc:creator`).
    pub creator: String,
    /// Created and modified timestamp, W3CDTF (`2026-11-02T00:00:00Z`); never the clock.
    pub date: String,
    /// Paper size.
    pub page: PageSize,
    /// Font family of the whole document.
    pub font: String,
    /// Heading colour, six hex digits (`1F3864`).
    pub heading_color: String,
    /// A reference document's `word/styles.xml`, used instead of jdgen's own styles (as pandoc's `--reference-doc`).
    pub reference_styles: Option<std::sync::Arc<str>>,
}

/// The default timestamp when a posting has no date: a fixed epoch, so output never depends on the clock.
pub const FIXED_EPOCH: &str = "2000-01-01T00:00:00Z";
/// The default font family: metric-compatible fonts exist everywhere (Liberation Sans, Arimo).
pub const DEFAULT_FONT: &str = "Arial";
/// The default heading colour: a dark navy that prints well in black and white.
pub const DEFAULT_HEADING_COLOR: &str = "1F3864";

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            title: String::new(),
            subject: String::new(),
            creator: String::new(),
            date: FIXED_EPOCH.to_owned(),
            page: PageSize::A4,
            font: DEFAULT_FONT.to_owned(),
            heading_color: DEFAULT_HEADING_COLOR.to_owned(),
            reference_styles: None,
        }
    }
}

/// Translates `markdown` into a DOCX package (the bytes of a .docx file).
pub fn markdown_to_docx(markdown: &str, options: &DocxOptions) -> Result<Vec<u8>> {
    let styles = styles::styles_xml(options);
    let converted = convert::convert(markdown, &styles.ids);
    // Only the parts jdgen keeps are built (see package.rs): the body, and the numbering
    // part, which depends on nothing but the shape of the document's ordered lists.
    let parts = package::Parts {
        document: body::document_xml(&converted.paragraphs, options.page).map_err(Error::Docx)?,
        numbering: convert::numbering_xml(&converted.ordered_lists),
        styles: &styles.xml,
        links: &converted.links,
    };
    package::pack(&parts, options).map_err(Error::Docx)
}

#[cfg(test)]
mod tests;
