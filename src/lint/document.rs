//! The text a reader sees, as blocks (headings, list items, paragraphs) that remember where each piece came from.
//!
//! Lint's work must stay linear in its input (a 60 MB file of short lines is still read in
//! seconds), so a document keeps all block text in one string and maps text offsets back to
//! the source through sorted pieces: a position is a binary search, never a scan from the
//! start, and line and column are worked out once for all findings in one pass.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, with its level (1 = the title).
    Heading(u8),
    ListItem,
    Paragraph,
}

/// One block of plain text (its text is [`Document::text`]).
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    /// How deep a list item is nested (1 = top level); 0 for other blocks.
    pub depth: u8,
    /// Whether every word of the block is bold (a label such as "**Requirements:**").
    pub emphasised: bool,
    /// The index of the nearest heading before this block.
    pub section: Option<usize>,
    /// The block's text in the document's text buffer.
    start: usize,
    end: usize,
    /// The block's pieces in the document's piece list.
    pieces_start: usize,
    pieces_end: usize,
}

/// A run of a block's text and where it came from: offset in the document's text, offset in
/// the source, and whether it maps byte for byte (else every byte maps to the run's start).
#[derive(Debug, Clone, Copy)]
struct Piece {
    text: usize,
    source: usize,
    exact: bool,
}

/// A document to lint: its blocks and the source they came from (for line and column).
#[derive(Debug, Clone)]
pub struct Document {
    pub blocks: Vec<Block>,
    text: String,
    pieces: Vec<Piece>,
    source: String,
}

impl Document {
    /// Parses Markdown; link addresses, HTML and code blocks are not text a reader reads as prose.
    pub fn from_markdown(source: &str) -> Document {
        let mut builder = Builder::default();
        let mut in_link: Option<String> = None;
        let mut skip_depth = 0usize;
        let mut list_depth = 0u8;
        let mut strong_depth = 0usize;
        for (event, range) in Parser::new(source).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => builder.start(BlockKind::Heading(heading_level(level)), 0),
                Event::Start(Tag::List(_)) => list_depth = list_depth.saturating_add(1),
                Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
                Event::Start(Tag::Item) => builder.start(BlockKind::ListItem, list_depth.max(1)),
                // A loose list item's paragraph continues the item it is in.
                Event::Start(Tag::Paragraph) if !builder.open_item_is_empty() => builder.start(BlockKind::Paragraph, 0),
                Event::Start(Tag::Strong) => strong_depth += 1,
                Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
                Event::Start(Tag::Link { dest_url, .. }) => in_link = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => in_link = None,
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. }) => skip_depth += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image) => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => builder.finish(),
                Event::Text(text) | Event::Code(text) if skip_depth == 0 => {
                    // A bare address shown as link text is not prose.
                    let is_address = in_link.as_deref().is_some_and(|url| {
                        let shown = text.trim_start_matches("mailto:");
                        url.trim_start_matches("mailto:") == shown || shown.starts_with("http")
                    });
                    if !is_address {
                        builder.push(&text, range.start, text.len() == range.len(), strong_depth > 0);
                    }
                }
                Event::SoftBreak | Event::HardBreak => builder.push(" ", range.start, false, strong_depth > 0),
                _ => {}
            }
        }
        builder.finish();
        builder.into_document(source.to_owned())
    }

    /// A document from paragraphs (as read from a DOCX file): line N is paragraph N.
    pub fn from_paragraphs(paragraphs: &[Paragraph]) -> Document {
        let mut builder = Builder::default();
        let mut source = String::new();
        for paragraph in paragraphs {
            let flat = paragraph.text.replace(['\n', '\r'], " ");
            builder.start(paragraph.kind, paragraph.depth);
            builder.push(&flat, source.len(), true, paragraph.bold);
            builder.finish();
            source.push_str(&flat);
            source.push('\n');
        }
        builder.into_document(source)
    }

    /// The text of `block`.
    pub fn text<'a>(&'a self, block: &Block) -> &'a str {
        &self.text[block.start..block.end]
    }

    /// The title: the text of the first level-1 heading.
    pub fn title(&self) -> Option<&str> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading(1))
            .map(|b| self.text(b))
    }

    /// The heading of the section `block` is in.
    pub fn section_heading(&self, block: &Block) -> Option<&Block> {
        block.section.map(|index| &self.blocks[index])
    }

    /// The source byte offset of byte `offset` of `block`'s text (a binary search, so a
    /// position costs O(log pieces) whatever the document's size).
    pub fn source_offset(&self, block: &Block, offset: usize) -> usize {
        let pieces = &self.pieces[block.pieces_start..block.pieces_end];
        let at = block.start + offset;
        let index = pieces.partition_point(|piece| piece.text <= at);
        let mut source_offset = match index.checked_sub(1).map(|i| pieces[i]) {
            Some(piece) if piece.exact => piece.source + (at - piece.text),
            Some(piece) => piece.source,
            None => pieces.first().map_or(0, |piece| piece.source),
        };
        source_offset = source_offset.min(self.source.len());
        while !self.source.is_char_boundary(source_offset) {
            source_offset -= 1;
        }
        source_offset
    }

    /// 1-based line and column (in characters) of byte `offset` of `block`'s text.
    pub fn position(&self, block: &Block, offset: usize) -> (usize, usize) {
        self.positions(&[self.source_offset(block, offset)])[0]
    }

    /// 1-based lines and columns of source byte offsets, in the order given: one pass over
    /// the source for all of them.
    pub fn positions(&self, offsets: &[usize]) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_by_key(|&i| offsets[i]);
        let mut found = vec![(0, 0); offsets.len()];
        let (mut line, mut column, mut scanned) = (1usize, 1usize, 0usize);
        for index in order {
            let target = offsets[index].min(self.source.len());
            let piece = &self.source[scanned..target];
            for c in piece.chars() {
                if c == '\n' {
                    line += 1;
                    column = 1;
                } else {
                    column += 1;
                }
            }
            scanned = target.max(scanned);
            found[index] = (line, column);
        }
        found
    }
}

/// A paragraph as a DOCX reader gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub kind: BlockKind,
    /// List nesting (1 = top level) for list items, else 0.
    pub depth: u8,
    /// Every run of the paragraph is bold.
    pub bold: bool,
    pub text: String,
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// An open block while building: where its text and pieces start, and whether all its text is bold.
struct Open {
    kind: BlockKind,
    depth: u8,
    start: usize,
    pieces_start: usize,
    all_bold: bool,
    section: Option<usize>,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    text: String,
    pieces: Vec<Piece>,
    open: Option<Open>,
    last_heading: Option<usize>,
}

impl Builder {
    fn start(&mut self, kind: BlockKind, depth: u8) {
        self.finish();
        self.open = Some(Open {
            kind,
            depth,
            start: self.text.len(),
            pieces_start: self.pieces.len(),
            all_bold: true,
            section: self.last_heading,
        });
    }

    fn open_item_is_empty(&self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|b| b.kind == BlockKind::ListItem && self.text[b.start..].trim().is_empty())
    }

    fn push(&mut self, text: &str, source: usize, exact: bool, bold: bool) {
        if self.open.is_none() {
            self.start(BlockKind::Paragraph, 0);
        }
        let open = self.open.as_mut().expect("a block is open");
        if !text.trim().is_empty() && !bold {
            open.all_bold = false;
        }
        self.pieces.push(Piece {
            text: self.text.len(),
            source,
            exact,
        });
        self.text.push_str(text);
    }

    fn finish(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        if self.text[open.start..].trim().is_empty() {
            // Nothing a reader sees: drop the block's text and pieces.
            self.text.truncate(open.start);
            self.pieces.truncate(open.pieces_start);
            return;
        }
        if matches!(open.kind, BlockKind::Heading(_)) {
            self.last_heading = Some(self.blocks.len());
        }
        self.blocks.push(Block {
            kind: open.kind,
            depth: open.depth,
            emphasised: open.all_bold,
            section: open.section,
            start: open.start,
            end: self.text.len(),
            pieces_start: open.pieces_start,
            pieces_end: self.pieces.len(),
        });
    }

    fn into_document(self, source: String) -> Document {
        Document {
            blocks: self.blocks,
            text: self.text,
            pieces: self.pieces,
            source,
        }
    }
}

/// The words of a text: byte ranges of runs of letters and digits, with apostrophes and
/// hyphens inside ("master's", "self-confident"). An iterator, so a long block costs no
/// memory beyond the word at hand.
pub fn words(text: &str) -> Words<'_> {
    Words {
        text,
        chars: text.char_indices().peekable(),
    }
}

/// The iterator [`words`] returns.
pub struct Words<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let mut start: Option<usize> = None;
        while let Some((offset, c)) = self.chars.next() {
            let joiner = matches!(c, '\'' | '’' | '-')
                && start.is_some()
                && self.chars.peek().is_some_and(|(_, next)| next.is_alphanumeric());
            if c.is_alphanumeric() || joiner {
                start.get_or_insert(offset);
            } else if let Some(begin) = start {
                return Some((begin, offset));
            }
        }
        start.map(|begin| (begin, self.text.len()))
    }
}

/// A word as compared: lower case, with a typographic apostrophe made plain.
pub fn normalize(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    normalize_into(word, &mut out);
    out
}

/// [`normalize`] into a buffer that is reused, so a hot loop allocates nothing.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    for c in word.chars() {
        if c == '’' {
            out.push('\'');
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_blocks_keep_their_positions() {
        let source = "# Senior PM\n\nIntro with a [link](https://x.example).\n\n## What you will bring\n\n- One **bold** thing\n- Two\n";
        let doc = Document::from_markdown(source);
        let kinds: Vec<BlockKind> = doc.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Heading(1),
                BlockKind::Paragraph,
                BlockKind::Heading(2),
                BlockKind::ListItem,
                BlockKind::ListItem
            ]
        );
        assert_eq!(doc.title(), Some("Senior PM"));
        let item = &doc.blocks[3];
        assert_eq!(doc.text(item), "One bold thing");
        assert_eq!(doc.text(doc.section_heading(item).unwrap()), "What you will bring");
        let bold = doc.text(item).find("bold").unwrap();
        assert_eq!(doc.position(item, bold), (7, 9));
        assert_eq!(doc.text(&doc.blocks[1]), "Intro with a link.");
    }

    #[test]
    fn positions_are_found_in_one_pass_in_any_order() {
        let doc = Document::from_markdown("ab\ncd\n\né f\n");
        assert_eq!(doc.positions(&[10, 0, 4]), [(4, 3), (1, 1), (2, 2)]);
    }

    #[test]
    fn labels_list_depth_and_bold() {
        let doc = Document::from_markdown("**Required skills:**\n\n- One\n  - Nested\n- Two\n\nPlain *and* **bold**\n");
        let first = &doc.blocks[0];
        assert!(first.emphasised && first.kind == BlockKind::Paragraph);
        let depths: Vec<u8> = doc.blocks.iter().map(|b| b.depth).collect();
        assert_eq!(depths, [0, 1, 2, 1, 0]);
        assert!(!doc.blocks[4].emphasised);
    }

    #[test]
    fn bare_addresses_are_not_text() {
        let doc = Document::from_markdown("Apply at [https://a.example/jobs](https://a.example/jobs).\n");
        assert_eq!(doc.text(&doc.blocks[0]), "Apply at .");
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let text = "A master’s degree, self-confident - 'quoted' 30-minute";
        let found: Vec<&str> = words(text).map(|(a, b)| &text[a..b]).collect();
        assert_eq!(
            found,
            ["A", "master’s", "degree", "self-confident", "quoted", "30-minute"]
        );
        assert_eq!(normalize("He’ll"), "he'll");
    }
}
