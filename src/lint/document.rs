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
    /// The index of the nearest heading before this block ([`NONE`] when there is none).
    section: u32,
    /// The block's text in the document's text buffer. Offsets are `u32` (an input is at
    /// most 64 MB): a block costs 24 bytes, a hostile file of two million one-line items
    /// 48 MB rather than twice that.
    start: u32,
    end: u32,
    /// The block's pieces in the document's piece list.
    pieces_start: u32,
    pieces_end: u32,
}

/// No index.
const NONE: u32 = u32::MAX;

impl Block {
    /// The index of the nearest heading before this block.
    pub fn section(&self) -> Option<usize> {
        (self.section != NONE).then_some(self.section as usize)
    }
}

/// A run of a block's text and where it came from: offset in the document's text, offset in
/// the source, and whether it maps byte for byte (else every byte maps to the run's start).
#[derive(Debug, Clone, Copy)]
struct Piece {
    text: u32,
    source: u32,
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
        Document::from_markdown_owned(source.to_owned())
    }

    /// [`Document::from_markdown`] for text the caller no longer needs (it is kept, not copied).
    ///
    /// A large text is parsed in segments of about [`SEGMENT_BYTES`], cut between blocks
    /// outside code fences (or, in a paragraph longer than a segment, between lines): the
    /// Markdown parser holds a tree of a whole input, which for a long list is ten times the
    /// input, and a segment's tree is dropped before the next is built. Postings are far
    /// below one segment.
    pub fn from_markdown_owned(source: String) -> Document {
        let mut builder = Builder::for_source(source.len());
        for (base, segment) in segments(&source) {
            builder.markdown(segment, base);
        }
        builder.into_document(source)
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
        &self.text[block.start as usize..block.end as usize]
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
        block.section().map(|index| &self.blocks[index])
    }

    /// The source byte offset of byte `offset` of `block`'s text (a binary search, so a
    /// position costs O(log pieces) whatever the document's size).
    pub fn source_offset(&self, block: &Block, offset: usize) -> usize {
        let pieces = &self.pieces[block.pieces_start as usize..block.pieces_end as usize];
        let at = block.start as usize + offset;
        let index = pieces.partition_point(|piece| piece.text as usize <= at);
        let mut source_offset = match index.checked_sub(1).map(|i| pieces[i]) {
            Some(piece) if piece.exact => piece.source as usize + (at - piece.text as usize),
            Some(piece) => piece.source as usize,
            None => pieces.first().map_or(0, |piece| piece.source as usize),
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

/// The size of the Markdown segments a large text is parsed in.
pub const SEGMENT_BYTES: usize = 1024 * 1024;

/// `source` in segments of at least [`SEGMENT_BYTES`] (the last may be shorter), each with
/// its byte offset, cut outside code fences: after a blank line before an unindented line,
/// before a heading or a top-level list item, or, past twice the size, at any line.
fn segments(source: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= source.len() {
            return None;
        }
        let rest = &source[start..];
        let cut = if rest.len() <= SEGMENT_BYTES {
            rest.len()
        } else {
            safe_cut(rest, SEGMENT_BYTES).unwrap_or(rest.len())
        };
        let segment = (start, &rest[..cut]);
        start += cut;
        Some(segment)
    })
}

/// The first place at or after `from` where `text` may be cut between blocks.
fn safe_cut(text: &str, from: usize) -> Option<usize> {
    let mut fence: Option<&str> = None;
    let mut offset = 0;
    let mut previous_blank = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let marker = ["```", "~~~"]
            .into_iter()
            .find(|m| indent <= 3 && trimmed.starts_with(m));
        let blank = line.trim().is_empty();
        // Between blocks: after a blank line before an unindented line, or before a heading or
        // a top-level list item (a long tight list splits into two lists, which lints alike).
        let block_start = indent == 0
            && (line.starts_with('#')
                || ["- ", "* ", "+ "].iter().any(|m| line.starts_with(m))
                || line
                    .split_once(". ")
                    .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 9 && n.bytes().all(|b| b.is_ascii_digit())));
        let after_blank = previous_blank && !blank && indent == 0 && !line.starts_with('\t');
        // A paragraph of millions of lines (a hostile file) has no such place: past twice the
        // segment size any line boundary will do, and splits it into two paragraphs.
        let overdue = offset >= 2 * from;
        if offset >= from && fence.is_none() && (after_blank || block_start || overdue) {
            return Some(offset);
        }
        match (fence, marker) {
            (None, Some(marker)) => fence = Some(marker),
            (Some(open), Some(marker)) if open == marker => fence = None,
            _ => {}
        }
        previous_blank = blank;
        offset += line.len();
    }
    None
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

/// An offset or index as stored: inputs are bounded far below 4 GB (64 MB a read).
fn offset32(value: usize) -> u32 {
    u32::try_from(value).expect("lint inputs are bounded below 4 GB")
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
    /// A builder sized for a source of `len` bytes: the text is about as long as the source,
    /// and growing a large buffer by doubling would hold both copies at once.
    fn for_source(len: usize) -> Builder {
        Builder {
            text: String::with_capacity(len),
            blocks: Vec::with_capacity(len / 64),
            pieces: Vec::with_capacity(len / 32),
            ..Builder::default()
        }
    }

    /// Adds the blocks of one Markdown segment that starts at byte `base` of the source.
    fn markdown(&mut self, source: &str, base: usize) {
        let mut in_link: Option<String> = None;
        let mut skip_depth = 0usize;
        let mut list_depth = 0u8;
        let mut strong_depth = 0usize;
        for (event, range) in Parser::new(source).into_offset_iter() {
            let at = base + range.start;
            match event {
                Event::Start(Tag::Heading { level, .. }) => self.start(BlockKind::Heading(heading_level(level)), 0),
                Event::Start(Tag::List(_)) => list_depth = list_depth.saturating_add(1),
                Event::End(TagEnd::List(_)) => list_depth = list_depth.saturating_sub(1),
                Event::Start(Tag::Item) => self.start(BlockKind::ListItem, list_depth.max(1)),
                // A loose list item's paragraph continues the item it is in.
                Event::Start(Tag::Paragraph) if !self.open_item_is_empty() => self.start(BlockKind::Paragraph, 0),
                Event::Start(Tag::Strong) => strong_depth += 1,
                Event::End(TagEnd::Strong) => strong_depth = strong_depth.saturating_sub(1),
                Event::Start(Tag::Link { dest_url, .. }) => in_link = Some(dest_url.to_string()),
                Event::End(TagEnd::Link) => in_link = None,
                Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Image { .. }) => skip_depth += 1,
                Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Image) => {
                    skip_depth = skip_depth.saturating_sub(1)
                }
                Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => self.finish(),
                Event::Text(text) | Event::Code(text) if skip_depth == 0 => {
                    // A bare address shown as link text is not prose.
                    let is_address = in_link.as_deref().is_some_and(|url| {
                        let shown = text.trim_start_matches("mailto:");
                        url.trim_start_matches("mailto:") == shown || shown.starts_with("http")
                    });
                    if !is_address {
                        self.push(&text, at, text.len() == range.len(), strong_depth > 0);
                    }
                }
                Event::SoftBreak | Event::HardBreak => self.push(" ", at, false, strong_depth > 0),
                _ => {}
            }
        }
        self.finish();
    }

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
            text: offset32(self.text.len()),
            source: offset32(source),
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
            section: open.section.map_or(NONE, offset32),
            start: offset32(open.start),
            end: offset32(self.text.len()),
            pieces_start: offset32(open.pieces_start),
            pieces_end: offset32(self.pieces.len()),
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
    Words { text, at: 0 }
}

/// The iterator [`words`] returns.
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Words<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let bytes = self.text.as_bytes();
        let mut start: Option<usize> = None;
        while self.at < bytes.len() {
            let offset = self.at;
            let byte = bytes[offset];
            // ASCII, the common case, byte by byte; anything else by its character.
            let (c, width) = if byte.is_ascii() {
                (byte as char, 1)
            } else {
                let c = self.text[offset..].chars().next().expect("at a character boundary");
                (c, c.len_utf8())
            };
            self.at += width;
            let joiner = matches!(c, '\'' | '’' | '-')
                && start.is_some()
                && self.text[self.at..].chars().next().is_some_and(char::is_alphanumeric);
            if c.is_alphanumeric() || joiner {
                start.get_or_insert(offset);
            } else if let Some(begin) = start {
                return Some((begin, offset));
            }
        }
        start.map(|begin| (begin, self.text.len()))
    }
}

/// The sentences of `text`: each ends at one of `ends` followed by a space or the end of
/// the text ("e.g." and "$1.5M" stay whole only where no space follows; for a readability
/// average and a pay context that is close enough).
pub fn sentences<'a>(text: &'a str, ends: &'static [u8]) -> impl Iterator<Item = &'a str> {
    let bytes = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let at = i;
            i += 1;
            if ends.contains(&bytes[at]) && bytes.get(at + 1).is_none_or(|next| next.is_ascii_whitespace()) {
                let sentence = &text[start..=at];
                start = at + 1;
                return Some(sentence);
            }
        }
        (start < text.len()).then(|| {
            let rest = &text[start..];
            start = text.len();
            rest
        })
    })
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

/// Headings compared in lower case, words only ("What you’ll bring:" = "what you'll bring").
pub(crate) fn comparable(heading: &str) -> String {
    words(heading)
        .map(|(a, b)| normalize(&heading[a..b]))
        .collect::<Vec<_>>()
        .join(" ")
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
    fn large_texts_are_parsed_in_segments_cut_between_blocks() {
        let item = "- Plan the roadmap with the team.\n";
        let list = item.repeat(2 * SEGMENT_BYTES / item.len());
        let fenced = format!("```\n{}```\n\n", "code\n\n".repeat(SEGMENT_BYTES / 4));
        let source = format!("# Job\n\n{fenced}{list}");
        let cuts: Vec<usize> = segments(&source).map(|(at, _)| at).collect();
        assert!(cuts.len() >= 2, "{cuts:?}");
        // Never inside the fence: the first cut is after it.
        assert!(cuts[1] >= fenced.len(), "{cuts:?}");
        let doc = Document::from_markdown(&source);
        let items = doc.blocks.iter().filter(|b| b.kind == BlockKind::ListItem).count();
        assert_eq!(items, list.len() / item.len());
        // A paragraph of a million lines is cut too.
        let paragraph = "We want a rockstar.\n".repeat(3 * SEGMENT_BYTES / 20);
        assert!(segments(&paragraph).count() >= 2);
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
