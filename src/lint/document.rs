//! The text a reader sees, as blocks (headings, list items, paragraphs) that remember where each piece came from.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// A heading, with its level (1 = the title).
    Heading(u8),
    ListItem,
    Paragraph,
}

/// One block of plain text.
#[derive(Debug, Clone)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// The index of the nearest heading before this block.
    pub section: Option<usize>,
    /// Where runs of `text` start in the source: (offset in text, offset in source, maps byte for byte).
    pieces: Vec<(usize, usize, bool)>,
}

/// A document to lint: its blocks and the source they came from (for line and column).
#[derive(Debug, Clone)]
pub struct Document {
    pub blocks: Vec<Block>,
    source: String,
}

impl Document {
    /// Parses Markdown; link addresses, HTML and code blocks are not text a reader reads as prose.
    pub fn from_markdown(source: &str) -> Document {
        let mut builder = Builder::default();
        let mut in_link: Option<String> = None;
        let mut skip_depth = 0usize;
        for (event, range) in Parser::new(source).into_offset_iter() {
            match event {
                Event::Start(Tag::Heading { level, .. }) => builder.start(BlockKind::Heading(heading_level(level))),
                Event::Start(Tag::Item) => builder.start(BlockKind::ListItem),
                // A loose list item's paragraph continues the item it is in.
                Event::Start(Tag::Paragraph) if !builder.open_item_is_empty() => builder.start(BlockKind::Paragraph),
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
                        builder.push(&text, range.start, text.len() == range.len());
                    }
                }
                Event::SoftBreak | Event::HardBreak => builder.push(" ", range.start, false),
                _ => {}
            }
        }
        builder.finish();
        Document {
            blocks: builder.blocks,
            source: source.to_owned(),
        }
    }

    /// A document from paragraphs (as read from a DOCX file): line N is paragraph N.
    pub fn from_paragraphs(paragraphs: &[(BlockKind, String)]) -> Document {
        let mut builder = Builder::default();
        let mut source = String::new();
        for (kind, text) in paragraphs {
            let flat = text.replace(['\n', '\r'], " ");
            builder.start(*kind);
            builder.push(&flat, source.len(), true);
            builder.finish();
            source.push_str(&flat);
            source.push('\n');
        }
        Document {
            blocks: builder.blocks,
            source,
        }
    }

    /// The title: the text of the first level-1 heading.
    pub fn title(&self) -> Option<&str> {
        self.blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading(1))
            .map(|b| b.text.as_str())
    }

    /// The heading of the section `block` is in.
    pub fn section_heading(&self, block: &Block) -> Option<&Block> {
        block.section.map(|index| &self.blocks[index])
    }

    /// 1-based line and column (in characters) of byte `offset` of `block`'s text.
    pub fn position(&self, block: &Block, offset: usize) -> (usize, usize) {
        let (at, source, exact) = block
            .pieces
            .iter()
            .rev()
            .find(|(at, _, _)| *at <= offset)
            .copied()
            .unwrap_or((0, 0, false));
        let mut source_offset = if exact { source + (offset - at) } else { source };
        source_offset = source_offset.min(self.source.len());
        while !self.source.is_char_boundary(source_offset) {
            source_offset -= 1;
        }
        let before = &self.source[..source_offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, before[line_start..].chars().count() + 1)
    }
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

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    open: Option<Block>,
    last_heading: Option<usize>,
}

impl Builder {
    fn start(&mut self, kind: BlockKind) {
        self.finish();
        self.open = Some(Block {
            kind,
            text: String::new(),
            section: self.last_heading,
            pieces: Vec::new(),
        });
    }

    fn open_item_is_empty(&self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|b| b.kind == BlockKind::ListItem && b.text.trim().is_empty())
    }

    fn push(&mut self, text: &str, source: usize, exact: bool) {
        let block = self.open.get_or_insert_with(|| Block {
            kind: BlockKind::Paragraph,
            text: String::new(),
            section: self.last_heading,
            pieces: Vec::new(),
        });
        block.pieces.push((block.text.len(), source, exact));
        block.text.push_str(text);
    }

    fn finish(&mut self) {
        if let Some(block) = self.open.take() {
            if block.text.trim().is_empty() {
                return;
            }
            if matches!(block.kind, BlockKind::Heading(_)) {
                self.last_heading = Some(self.blocks.len());
            }
            self.blocks.push(block);
        }
    }
}

/// A word in a text: its byte range. Words are runs of letters and digits, with
/// apostrophes and hyphens inside ("master's", "self-confident").
pub fn words(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (index, &(offset, c)) in chars.iter().enumerate() {
        let joiner = matches!(c, '\'' | '’' | '-')
            && start.is_some()
            && chars.get(index + 1).is_some_and(|(_, next)| next.is_alphanumeric());
        if c.is_alphanumeric() || joiner {
            start.get_or_insert(offset);
        } else if let Some(begin) = start.take() {
            found.push((begin, offset));
        }
    }
    if let Some(begin) = start {
        found.push((begin, text.len()));
    }
    found
}

/// A word as compared: lower case, with a typographic apostrophe made plain.
pub fn normalize(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
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
        assert_eq!(item.text, "One bold thing");
        assert_eq!(doc.section_heading(item).unwrap().text, "What you will bring");
        let bold = item.text.find("bold").unwrap();
        assert_eq!(doc.position(item, bold), (7, 9));
        assert_eq!(doc.blocks[1].text, "Intro with a link.");
    }

    #[test]
    fn bare_addresses_are_not_text() {
        let doc = Document::from_markdown("Apply at [https://a.example/jobs](https://a.example/jobs).\n");
        assert_eq!(doc.blocks[0].text, "Apply at .");
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let text = "A master’s degree, self-confident - 'quoted' 30-minute";
        let found: Vec<&str> = words(text).into_iter().map(|(a, b)| &text[a..b]).collect();
        assert_eq!(
            found,
            ["A", "master’s", "degree", "self-confident", "quoted", "30-minute"]
        );
    }
}
