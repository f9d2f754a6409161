//! The paper: page size and margins, which the posting's body and the comparison's table both
//! lay out on.

use docx_rs::{Document, PageMargin};

/// The paper a document is laid out on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageSize {
    /// ISO A4, 210 x 297 mm.
    A4,
    /// US Letter, 8.5 x 11 in.
    Letter,
}

impl PageSize {
    /// Width and height in twentieths of a point (twips), as Word counts them.
    pub(super) fn twips(self) -> (u32, u32) {
        match self {
            PageSize::A4 => (11906, 16838),
            PageSize::Letter => (12240, 15840),
        }
    }
}

/// The left and right page margins, in twips (2.2 cm).
pub(super) const SIDE_MARGIN: u32 = 1247;

/// Applies the page size and margins.
pub fn layout(document: Document, page: PageSize) -> Document {
    layout_oriented(document, page, false)
}

/// Applies the page size, turned on its side when `landscape`, and the margins.
pub fn layout_oriented(document: Document, page: PageSize, landscape: bool) -> Document {
    let (width, height) = page.twips();
    let size = match landscape {
        true => docx_rs::PageSize::new()
            .size(height, width)
            .orient(docx_rs::PageOrientationType::Landscape),
        false => docx_rs::PageSize::new().size(width, height),
    };
    document.page_size(size).page_margin(PageMargin {
        top: 1134,
        bottom: 1134,
        left: SIDE_MARGIN as i32,
        right: SIDE_MARGIN as i32,
        header: 709,
        footer: 709,
        gutter: 0,
    })
}
