//! pulldown-cmark events -> paragraph recipes (styles, real list numbering, runs, hyperlinks), and the numbering part.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use docx_rs::{
    AbstractNumbering, BuildXML, Level, LevelJc, LevelOverride, LevelText, NumberFormat, Numbering, Numberings,
    SpecialIndentType, Start,
};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::body::{Layout, LinkRecipe, ParagraphRecipe, Piece, RunRecipe};
use super::styles::StyleIds;
use super::text;
use crate::render::escape::is_safe_link;

/// docx-rs always writes its own abstract numbering and `w:num` with id 1; ours start above it.
const BULLET_ABSTRACT_ID: usize = 2;
const ORDERED_ABSTRACT_ID: usize = 3;
/// Every bullet list shares one numbering instance (bullets have no count to restart).
pub(super) const BULLET_NUM_ID: usize = 2;
/// Word knows nine list levels (0-8); deeper Markdown nesting stays at the last.
const MAX_LIST_LEVEL: usize = 8;
/// Indent per list level and the hanging indent of the marker, in twips.
const LIST_INDENT: i32 = 425;
const LIST_HANGING: i32 = 283;

/// The document body as paragraph recipes, the external links it points to (in order of
/// appearance), and its lists.
pub struct Converted {
    pub paragraphs: Vec<ParagraphRecipe>,
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

/// One open Markdown list.
struct List {
    num_id: usize,
    /// Whether the current item has written its numbered (first) paragraph.
    item_numbered: bool,
}

/// Conversion state: the paragraph being filled, open inline styles, open lists.
struct Converter<'s> {
    ids: &'s StyleIds,
    paragraphs: Vec<ParagraphRecipe>,
    paragraph: Option<ParagraphRecipe>,
    hyperlink: Option<LinkRecipe>,
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
}

impl<'s> Converter<'s> {
    fn new(ids: &'s StyleIds) -> Self {
        Converter {
            ids,
            paragraphs: Vec::new(),
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
                self.paragraph = Some(ParagraphRecipe::new(&self.ids.rule, Layout::Plain));
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
                self.paragraph = Some(ParagraphRecipe::new(&self.ids.heading[index], Layout::Plain));
            }
            Tag::CodeBlock(_) => {
                self.close_paragraph();
                self.paragraph = Some(ParagraphRecipe::new(&self.ids.source_code, Layout::Plain));
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
                    paragraph.pieces.push(Piece::Link(link));
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
        let run = RunRecipe {
            text: text::clean(text).into_owned(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            strike: self.strike > 0,
            style: style.map(str::to_owned),
        };
        match (&mut self.hyperlink, &mut self.paragraph) {
            (Some(link), _) => link.runs.push(run),
            (None, Some(paragraph)) => paragraph.pieces.push(Piece::Run(run)),
            (None, None) => {}
        }
    }

    /// Opens a body paragraph: a list item's first paragraph carries the number, later ones are indented to match.
    fn open_paragraph(&mut self) {
        self.close_paragraph();
        let depth = self.lists.len();
        let body_style = match self.quote_depth > 0 {
            true => &self.ids.block_text,
            false => &self.ids.normal,
        };
        let paragraph = match self.lists.last_mut() {
            None if std::mem::take(&mut self.after_list) => ParagraphRecipe::new(body_style, Layout::AfterList),
            None => ParagraphRecipe::new(body_style, Layout::Plain),
            Some(list) => {
                let level = (depth - 1).min(MAX_LIST_LEVEL);
                let layout = match list.item_numbered {
                    true => Layout::Indented {
                        indent: indent_of(level),
                    },
                    false => {
                        list.item_numbered = true;
                        Layout::Numbered {
                            num_id: list.num_id,
                            level,
                        }
                    }
                };
                ParagraphRecipe::new(&self.ids.list_paragraph, layout)
            }
        };
        self.paragraph = Some(paragraph);
    }

    fn close_paragraph(&mut self) {
        if let (Some(link), Some(paragraph)) = (self.hyperlink.take(), &mut self.paragraph) {
            // A link cannot span paragraphs; keep what it held.
            paragraph.pieces.push(Piece::Link(link));
        }
        if let Some(paragraph) = self.paragraph.take() {
            self.paragraphs.push(paragraph);
        }
    }

    /// Starts a hyperlink to an absolute URL the link policy allows (the HTML page's, see
    /// [`is_safe_link`]); other targets (relative, empty, `javascript:`, `file:`, …) leave the
    /// text as plain text.
    fn open_link(&mut self, destination: &str) {
        if self.paragraph.is_none() {
            self.open_paragraph();
        }
        let destination = text::clean(destination.trim());
        if !is_safe_link(&destination) {
            return;
        }
        let Ok(url) = url::Url::parse(&destination) else {
            return;
        };
        let rid = format!("rIdLink{}", self.links.len() + 1);
        self.links.push((rid.clone(), url.to_string()));
        self.hyperlink = Some(LinkRecipe { rid, runs: Vec::new() });
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
        Converted {
            paragraphs: self.paragraphs,
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

pub(super) fn indent_of(level: usize) -> i32 {
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
