//! pulldown-cmark events -> a docx-rs document: paragraphs, real list numbering, runs and hyperlinks.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use docx_rs::{
    AbstractNumbering, BuildXML, Document, DocumentChild, Hyperlink, HyperlinkData, HyperlinkType, IndentLevel, Level,
    LevelJc, LevelOverride, LevelText, LineSpacing, NumberFormat, Numbering, NumberingId, Numberings, PageMargin,
    Paragraph, ParagraphChild, SpecialIndentType, Start,
};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::styles::StyleIds;
use super::text::{self, RunFormat};
use super::PageSize;

/// docx-rs always writes its own abstract numbering and `w:num` with id 1; ours start above it.
const BULLET_ABSTRACT_ID: usize = 2;
const ORDERED_ABSTRACT_ID: usize = 3;
/// Every bullet list shares one numbering instance (bullets have no count to restart).
const BULLET_NUM_ID: usize = 2;
/// Word knows nine list levels (0-8); deeper Markdown nesting stays at the last.
const MAX_LIST_LEVEL: usize = 8;
/// Indent per list level and the hanging indent of the marker, in twips.
const LIST_INDENT: i32 = 425;
const LIST_HANGING: i32 = 283;
/// Space between a list and a body paragraph that follows it, in twips (a body paragraph's own space after).
const SPACE_AFTER_LIST: u32 = 180;

/// The document body, the external links it points to (in order of appearance), and its lists.
pub struct Converted {
    pub document: Document,
    /// (relationship id, target URL), numbered per document so ids never depend on other documents.
    pub links: Vec<(String, String)>,
    /// Each ordered list's (level, first number), in order: all the numbering part depends on.
    pub ordered_lists: Vec<(usize, usize)>,
}

/// Converts Markdown to a docx-rs document using the style ids in `ids`.
pub fn convert(markdown: &str, ids: &StyleIds) -> Converted {
    let mut converter = Converter::new(ids);
    for event in Parser::new(markdown) {
        converter.event(event);
    }
    converter.finish()
}

/// Applies the page size and margins.
pub fn layout(document: Document, page: PageSize) -> Document {
    let (width, height) = page.twips();
    document
        .page_size(docx_rs::PageSize::new().size(width, height))
        .page_margin(PageMargin {
            top: 1134,
            bottom: 1134,
            left: 1247,
            right: 1247,
            header: 709,
            footer: 709,
            gutter: 0,
        })
}

/// One open Markdown list.
struct List {
    num_id: usize,
    /// Whether the current item has written its numbered (first) paragraph.
    item_numbered: bool,
}

/// Conversion state: the paragraph being filled, open inline styles, open lists.
struct Converter<'s> {
    ids: &'s StyleIds,
    /// Finished paragraphs, boxed once; the document takes them at the end (docx-rs's
    /// `add_paragraph` moves the whole document by value for each).
    paragraphs: Vec<DocumentChild>,
    /// Whether any finished paragraph is a list item.
    has_numbering: bool,
    paragraph: Option<Paragraph>,
    hyperlink: Option<Hyperlink>,
    bold: usize,
    italic: usize,
    strike: usize,
    quote_depth: usize,
    /// The text of the code block being read, written as one paragraph at its end.
    code_block: Option<String>,
    lists: Vec<List>,
    /// A list just ended: the next body paragraph needs space above (list items have little below).
    after_list: bool,
    ordered_lists: Vec<(usize, usize)>,
    links: Vec<(String, String)>,
    paragraphs_written: u32,
}

impl<'s> Converter<'s> {
    fn new(ids: &'s StyleIds) -> Self {
        Converter {
            ids,
            paragraphs: Vec::new(),
            has_numbering: false,
            paragraph: None,
            hyperlink: None,
            bold: 0,
            italic: 0,
            strike: 0,
            quote_depth: 0,
            code_block: None,
            lists: Vec::new(),
            after_list: false,
            ordered_lists: Vec::new(),
            links: Vec::new(),
            paragraphs_written: 0,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(text) if self.code_block.is_some() => self.code_block.get_or_insert_default().push_str(&text),
            Event::Text(text) | Event::Html(text) | Event::InlineHtml(text) => self.text(&text, None),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.text(&text, None),
            Event::Code(text) => {
                let style = self.ids.verbatim.clone();
                self.text(&text, Some(&style));
            }
            Event::SoftBreak => self.text(" ", None),
            Event::HardBreak => self.text("\n", None),
            Event::Rule => {
                self.close_paragraph();
                self.paragraph = Some(Paragraph::new().style(&self.ids.rule));
                self.close_paragraph();
            }
            Event::TaskListMarker(done) => self.text(if done { "[x] " } else { "[ ] " }, None),
            Event::FootnoteReference(label) => self.text(&format!("[{label}]"), None),
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph | Tag::HtmlBlock => self.open_paragraph(),
            Tag::Heading { level, .. } => {
                self.close_paragraph();
                self.after_list = false;
                let index = (level as usize).clamp(1, 3) - 1;
                self.paragraph = Some(Paragraph::new().style(&self.ids.heading[index]));
            }
            Tag::CodeBlock(_) => {
                self.close_paragraph();
                self.paragraph = Some(Paragraph::new().style(&self.ids.source_code));
                self.code_block = Some(String::new());
            }
            Tag::BlockQuote(_) => {
                self.close_paragraph();
                self.quote_depth += 1;
            }
            Tag::List(start) => {
                self.close_paragraph();
                let num_id = match start {
                    None => BULLET_NUM_ID,
                    Some(start) => self.new_ordered_numbering(start),
                };
                self.lists.push(List {
                    num_id,
                    item_numbered: false,
                });
            }
            Tag::Item => {
                self.close_paragraph();
                if let Some(list) = self.lists.last_mut() {
                    list.item_numbered = false;
                }
            }
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } => self.open_link(&dest_url),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::HtmlBlock | TagEnd::Heading(_) => self.close_paragraph(),
            TagEnd::CodeBlock => {
                // The block's text ends with a line feed that is not a line of its own.
                let code = self.code_block.take().unwrap_or_default();
                self.text(code.strip_suffix('\n').unwrap_or(&code), None);
                self.close_paragraph();
            }
            TagEnd::BlockQuote(_) => {
                self.close_paragraph();
                self.quote_depth = self.quote_depth.saturating_sub(1);
            }
            TagEnd::List(_) => {
                self.close_paragraph();
                self.lists.pop();
                self.after_list = self.lists.is_empty();
            }
            TagEnd::Item => {
                self.close_paragraph();
                // An empty item still shows its bullet or number.
                if self.lists.last().is_some_and(|list| !list.item_numbered) {
                    self.open_paragraph();
                    self.close_paragraph();
                }
            }
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => {
                if let (Some(link), Some(paragraph)) = (self.hyperlink.take(), &mut self.paragraph) {
                    paragraph.children.push(ParagraphChild::Hyperlink(link));
                }
            }
            _ => {}
        }
    }

    /// Adds text in the current inline format, opening a paragraph if none is open (tight list items).
    fn text(&mut self, text: &str, style: Option<&str>) {
        if self.paragraph.is_none() {
            self.open_paragraph();
        }
        let style = style.or(self.hyperlink.as_ref().map(|_| self.ids.hyperlink.as_str()));
        let run = text::run(
            text,
            RunFormat {
                bold: self.bold > 0,
                italic: self.italic > 0,
                strike: self.strike > 0,
                style,
            },
        );
        // Pushed in place: docx-rs's builders take and return a Paragraph (2.4 KB) by value,
        // and moving it for every run was a quarter of a batch's time.
        let run = ParagraphChild::Run(Box::new(run));
        match (&mut self.hyperlink, &mut self.paragraph) {
            (Some(link), _) => link.children.push(run),
            (None, Some(paragraph)) => paragraph.children.push(run),
            (None, None) => {}
        }
    }

    /// Opens a body paragraph: a list item's first paragraph carries the number, later ones are indented to match.
    fn open_paragraph(&mut self) {
        self.close_paragraph();
        let depth = self.lists.len();
        let quote_style = (self.quote_depth > 0).then_some(&self.ids.block_text);
        let paragraph = match self.lists.last_mut() {
            None if std::mem::take(&mut self.after_list) => Paragraph::new()
                .style(quote_style.unwrap_or(&self.ids.normal))
                .line_spacing(LineSpacing::new().before(SPACE_AFTER_LIST)),
            None => Paragraph::new().style(quote_style.unwrap_or(&self.ids.normal)),
            Some(list) => {
                let level = (depth - 1).min(MAX_LIST_LEVEL);
                let paragraph = Paragraph::new().style(&self.ids.list_paragraph);
                if list.item_numbered {
                    paragraph.indent(Some(indent_of(level)), None, None, None)
                } else {
                    list.item_numbered = true;
                    paragraph.numbering(NumberingId::new(list.num_id), IndentLevel::new(level))
                }
            }
        };
        self.paragraph = Some(paragraph);
    }

    fn close_paragraph(&mut self) {
        if let (Some(link), Some(paragraph)) = (self.hyperlink.take(), &mut self.paragraph) {
            // A link cannot span paragraphs; keep what it held.
            paragraph.children.push(ParagraphChild::Hyperlink(link));
        }
        if let Some(mut paragraph) = self.paragraph.take() {
            self.paragraphs_written += 1;
            // Our own ids: docx-rs numbers paragraphs from a per-thread counter that no document resets.
            paragraph.id = format!("{:08X}", self.paragraphs_written);
            self.has_numbering |= paragraph.has_numbering;
            self.paragraphs.push(DocumentChild::Paragraph(Box::new(paragraph)));
        }
    }

    /// Starts a hyperlink to an absolute URL; other targets (relative, empty) leave the text as plain text.
    fn open_link(&mut self, destination: &str) {
        if self.paragraph.is_none() {
            self.open_paragraph();
        }
        let Ok(url) = url::Url::parse(text::clean(destination.trim()).as_ref()) else {
            return;
        };
        let rid = format!("rIdLink{}", self.links.len() + 1);
        // docx-rs takes its id from a process-wide counter; replace it with this document's own.
        let mut link = Hyperlink::new(url.as_str(), HyperlinkType::External);
        link.link = HyperlinkData::External {
            rid: rid.clone(),
            path: String::new(),
        };
        self.links.push((rid, url.to_string()));
        self.hyperlink = Some(link);
    }

    /// A numbering instance for one ordered list, restarting at its first number.
    fn new_ordered_numbering(&mut self, start: u64) -> usize {
        let num_id = BULLET_NUM_ID + 1 + self.ordered_lists.len();
        let level = self.lists.len().min(MAX_LIST_LEVEL);
        let start = usize::try_from(start).unwrap_or(usize::MAX).min(32767);
        self.ordered_lists.push((level, start));
        num_id
    }

    fn finish(mut self) -> Converted {
        self.close_paragraph();
        let mut document = Document::new();
        document.has_numbering = self.has_numbering;
        document.children = self.paragraphs;
        Converted {
            document,
            links: self.links,
            ordered_lists: self.ordered_lists,
        }
    }
}

/// The numbering part (`word/numbering.xml`, as docx-rs writes it) for documents whose ordered
/// lists are `ordered_lists`. Most postings share one shape, so each shape is built once.
pub fn numbering_xml(ordered_lists: &[(usize, usize)]) -> Arc<Vec<u8>> {
    type ByShape = HashMap<Vec<(usize, usize)>, Arc<Vec<u8>>>;
    static BUILT: OnceLock<Mutex<ByShape>> = OnceLock::new();
    let built = BUILT.get_or_init(Default::default);
    if let Some(xml) = built.lock().ok().and_then(|map| map.get(ordered_lists).cloned()) {
        return xml;
    }
    let mut numberings = Numberings::new()
        .add_abstract_numbering(bullet_numbering())
        .add_abstract_numbering(ordered_numbering())
        .add_numbering(Numbering::new(BULLET_NUM_ID, BULLET_ABSTRACT_ID));
    for (index, &(level, start)) in ordered_lists.iter().enumerate() {
        let numbering = Numbering::new(BULLET_NUM_ID + 1 + index, ORDERED_ABSTRACT_ID)
            .add_override(LevelOverride::new(level).start(start));
        numberings = numberings.add_numbering(numbering);
    }
    let xml = Arc::new(numberings.build());
    if let Ok(mut map) = built.lock() {
        // A bound: a stream of unusual documents must not grow the table for ever.
        if map.len() < 256 {
            map.insert(ordered_lists.to_vec(), xml.clone());
        }
    }
    xml
}

fn indent_of(level: usize) -> i32 {
    LIST_INDENT * (level as i32 + 1)
}

fn list_level(level: usize, format: &str, text: &str) -> Level {
    Level::new(
        level,
        Start::new(1),
        NumberFormat::new(format),
        LevelText::new(text),
        LevelJc::new("left"),
    )
    .indent(
        Some(indent_of(level)),
        Some(SpecialIndentType::Hanging(LIST_HANGING)),
        None,
        None,
    )
}

fn bullet_numbering() -> AbstractNumbering {
    (0..=MAX_LIST_LEVEL).fold(AbstractNumbering::new(BULLET_ABSTRACT_ID), |numbering, level| {
        numbering.add_level(list_level(
            level,
            "bullet",
            ["\u{2022}", "\u{2013}", "\u{25AA}"][level % 3],
        ))
    })
}

fn ordered_numbering() -> AbstractNumbering {
    (0..=MAX_LIST_LEVEL).fold(AbstractNumbering::new(ORDERED_ABSTRACT_ID), |numbering, level| {
        let format = ["decimal", "lowerLetter", "lowerRoman"][level % 3];
        numbering.add_level(list_level(level, format, &format!("%{}.", level + 1)))
    })
}
