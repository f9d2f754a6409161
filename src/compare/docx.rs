//! The comparison as a Word document: a title, the intro, and the table on landscape pages in Word's table style.

use super::{Cell, Comparison, Subject};
use crate::error::Result;
use crate::render::docx::{blocks_to_docx, Block, CellContent, DocxOptions, Orientation, PageSize, Table};

/// The label column's share of the page's width, in per cent: "Responsibilities" fits on one line
/// however many columns share the rest.
const LABEL_PERCENT: u32 = 15;

/// The comparison as DOCX bytes on `page`, turned to landscape.
pub fn render(comparison: &Comparison, page: PageSize) -> Result<Vec<u8>> {
    let mut header = vec![String::new()];
    header.extend(comparison.columns.iter().map(|c| c.title.clone()));
    let rows = comparison
        .rows
        .iter()
        .map(|row| {
            let mut cells = vec![CellContent::Text(row.facet.label(&comparison.subject).to_owned())];
            cells.extend(row.cells.iter().map(|cell| match cell {
                Cell::Text(text) => CellContent::Text(text.clone()),
                Cell::Bullets(items) => CellContent::Bullets(items.clone()),
                Cell::Empty => CellContent::Text("—".to_owned()),
            }));
            cells
        })
        .collect();
    let columns = comparison.columns.len() as u32;
    let mut widths = vec![LABEL_PERCENT * columns];
    widths.extend(comparison.columns.iter().map(|_| 100 - LABEL_PERCENT));
    let mut blocks = vec![
        Block::Heading(1, comparison.title.clone()),
        Block::Paragraph(comparison.intro.clone()),
        Block::Table(Table { header, rows, widths }),
    ];
    if !comparison.shared.is_empty() {
        blocks.push(Block::Heading(2, "What every level shares".to_owned()));
        for shared in &comparison.shared {
            blocks.push(Block::Heading(3, shared.facet.label(&comparison.subject).to_owned()));
            blocks.push(Block::Bullets(shared.bullets.clone()));
        }
    }
    let subject = match &comparison.subject {
        Subject::Roles { level } => format!("Roles compared at the {} level", level.name),
        Subject::Levels { role } => format!("Levels of {} compared", role.name),
    };
    let options = DocxOptions {
        title: comparison.title.clone(),
        subject,
        page,
        ..DocxOptions::default()
    };
    blocks_to_docx(&blocks, &options, Orientation::Landscape)
}
