//! A DOCX of headings, paragraphs, bullet lists and tables, for documents that are not postings (`jdgen compare`).
//!
//! Paragraphs are built by docx-rs, as in a posting, and styled by jdgen's styles plus
//! Word's "Grid Table 4 Accent 1" table style. The table markup itself is written here:
//! docx-rs 0.4.22 cannot write `w:tblLook` (which of the table style's header row, first
//! column and bands apply) or `w:tblHeader` (repeat the header row on every page), and
//! writes table and cell properties out of schema order, which Word silently ignores.

use docx_rs::{BuildXML, Document};

use super::body::{Layout, ParagraphRecipe, Piece, RunRecipe};
use super::canonical::canonical_order;
use super::convert::{numbering_xml, BULLET_NUM_ID};
use super::page::layout_oriented;
use super::styles::{table_styles_xml, StyleIds};
use super::text::escape_xml;
use super::{package, DocxOptions};
use crate::error::{Error, Result};

/// A piece of the document, in reading order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A heading of level 1 to 3.
    Heading(usize, String),
    Paragraph(String),
    Bullets(Vec<String>),
    Table(Table),
}

/// A table whose first row is its header (repeated on every page) and whose first column labels the rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The header row's texts, one per column.
    pub header: Vec<String>,
    /// The body rows, each with one cell per column.
    pub rows: Vec<Vec<CellContent>>,
    /// Each column's share of the page's width (any unit: they are summed).
    pub widths: Vec<u32>,
}

/// What a table cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CellContent {
    Text(String),
    Bullets(Vec<String>),
}

/// How the page is turned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orientation {
    Portrait,
    Landscape,
}

/// The DOCX bytes of `blocks`, with the properties and look of `options`.
pub fn blocks_to_docx(blocks: &[Block], options: &DocxOptions, orientation: Orientation) -> Result<Vec<u8>> {
    let styles = table_styles_xml(options);
    let landscape = orientation == Orientation::Landscape;
    let document = document_xml(blocks, &styles.ids, options.page, landscape).map_err(Error::Docx)?;
    let parts = package::Parts {
        document,
        numbering: numbering_xml(&[]),
        styles: &styles.xml,
        links: &[],
    };
    package::pack(&parts, options).map_err(Error::Docx)
}

/// Numbers paragraphs as a posting's are numbered: eight hex digits, from 1.
struct Writer<'s> {
    xml: Vec<u8>,
    ids: &'s StyleIds,
    paragraphs: usize,
}

impl Writer<'_> {
    fn paragraph(&mut self, recipe: &ParagraphRecipe) -> Result<(), String> {
        self.paragraphs += 1;
        let id = format!("{:08X}", self.paragraphs);
        self.xml
            .extend_from_slice(&canonical_order(&recipe.to_paragraph(&id).build())?);
        Ok(())
    }

    fn text(&mut self, style: &str, text: &str) -> Result<(), String> {
        let mut recipe = ParagraphRecipe::new(style, Layout::Plain);
        if !text.is_empty() {
            recipe.pieces.push(Piece::Run(RunRecipe {
                text: text.to_owned(),
                bold: false,
                italic: false,
                strike: false,
                style: None,
            }));
        }
        self.paragraph(&recipe)
    }

    fn bullets(&mut self, items: &[String]) -> Result<(), String> {
        for item in items {
            let mut recipe = ParagraphRecipe::new(
                &self.ids.list_paragraph,
                Layout::Numbered {
                    num_id: BULLET_NUM_ID,
                    level: 0,
                },
            );
            recipe.pieces.push(Piece::Run(RunRecipe {
                text: item.clone(),
                bold: false,
                italic: false,
                strike: false,
                style: None,
            }));
            self.paragraph(&recipe)?;
        }
        Ok(())
    }

    fn table(&mut self, table: &Table, text_width: u32) -> Result<(), String> {
        let total: u32 = table.widths.iter().sum::<u32>().max(1);
        let widths: Vec<u32> = table.widths.iter().map(|w| text_width * w / total).collect();
        let style = escape_xml(&self.ids.table);
        // Fixed layout at the page's width: Word, LibreOffice and pandoc then agree on the columns.
        self.push(&format!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{text_width}" w:type="dxa"/><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#
        ));
        for width in &widths {
            self.push(&format!(r#"<w:gridCol w:w="{width}"/>"#));
        }
        self.push("</w:tblGrid>");
        // The header row repeats on every page and never breaks across two.
        self.push("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (text, width) in table.header.iter().zip(&widths) {
            self.open_cell(*width);
            let normal = self.ids.normal.clone();
            self.text(&normal, text)?;
            self.push("</w:tc>");
        }
        self.push("</w:tr>");
        for row in &table.rows {
            self.push("<w:tr>");
            for (cell, width) in row.iter().zip(&widths) {
                self.open_cell(*width);
                match cell {
                    CellContent::Text(text) => {
                        let normal = self.ids.normal.clone();
                        self.text(&normal, text)?;
                    }
                    // A cell must hold a paragraph, even when it has nothing to say.
                    CellContent::Bullets(items) if items.is_empty() => {
                        let normal = self.ids.normal.clone();
                        self.text(&normal, "")?;
                    }
                    CellContent::Bullets(items) => self.bullets(items)?,
                }
                self.push("</w:tc>");
            }
            self.push("</w:tr>");
        }
        self.push("</w:tbl>");
        Ok(())
    }

    fn open_cell(&mut self, width: u32) {
        self.push(&format!(
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>"#
        ));
    }

    fn push(&mut self, xml: &str) {
        self.xml.extend_from_slice(xml.as_bytes());
    }
}

/// `word/document.xml` for `blocks`.
fn document_xml(blocks: &[Block], ids: &StyleIds, page: super::PageSize, landscape: bool) -> Result<Vec<u8>, String> {
    let empty = canonical_order(&layout_oriented(Document::new(), page, landscape).build())?;
    let at = memchr::memmem::find(&empty, b"<w:sectPr").ok_or("docx-rs wrote a body without section properties")?;
    let (width, height) = page.twips();
    let page_width = if landscape { height } else { width };
    let text_width = page_width - 2 * super::page::SIDE_MARGIN;
    let mut writer = Writer {
        xml: empty[..at].to_vec(),
        ids,
        paragraphs: 0,
    };
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let style = ids.heading[level.clamp(&1, &3) - 1].clone();
                writer.text(&style, text)?;
            }
            Block::Paragraph(text) => writer.text(&ids.normal, text)?,
            Block::Bullets(items) => writer.bullets(items)?,
            Block::Table(table) => writer.table(table, text_width)?,
        }
    }
    // Word ends a document with a paragraph; a table just before the section properties gets one.
    if matches!(blocks.last(), Some(Block::Table(_))) {
        writer.text(&ids.normal, "")?;
    }
    writer.xml.extend_from_slice(&empty[at..]);
    Ok(writer.xml)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::docx::PageSize;

    fn sample() -> Vec<Block> {
        vec![
            Block::Heading(1, "A <title> & more".into()),
            Block::Paragraph("Intro.".into()),
            Block::Table(Table {
                header: vec!["".into(), "One".into(), "Two".into()],
                rows: vec![vec![
                    CellContent::Text("Label".into()),
                    CellContent::Bullets(vec!["a".into(), "b".into()]),
                    CellContent::Bullets(vec![]),
                ]],
                widths: vec![1, 2, 2],
            }),
        ]
    }

    #[test]
    fn a_landscape_table_document_is_well_formed_and_stable() {
        let options = DocxOptions {
            page: PageSize::A4,
            ..DocxOptions::default()
        };
        let docx = blocks_to_docx(&sample(), &options, Orientation::Landscape).unwrap();
        assert_eq!(
            docx,
            blocks_to_docx(&sample(), &options, Orientation::Landscape).unwrap()
        );
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
        let mut document = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut document).unwrap();
        roxmltree::Document::parse(&document).unwrap();
        assert!(
            document.contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape""#),
            "{document}"
        );
        assert!(document.contains("<w:tblHeader/>"));
        assert!(document.contains(r#"<w:tblStyle w:val="GridTable4-Accent1"/>"#));
        assert!(document.contains("A &lt;title&gt; &amp; more"));
        // The widths share the text width: 16838 - 2 x 1247 twips.
        assert!(document.contains(r#"<w:gridCol w:w="2868"/><w:gridCol w:w="5737"/><w:gridCol w:w="5737"/>"#));
        let mut styles = String::new();
        std::io::Read::read_to_string(&mut archive.by_name("word/styles.xml").unwrap(), &mut styles).unwrap();
        roxmltree::Document::parse(&styles).unwrap();
        assert!(styles.contains(r#"<w:name w:val="Grid Table 4 Accent 1"/>"#));
        assert!(styles.contains(r#"<w:shd w:val="clear" w:color="auto" w:fill="1F3864"/>"#));
    }
}
