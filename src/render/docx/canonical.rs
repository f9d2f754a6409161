//! Puts paragraph, run and numbering properties in the order the WordprocessingML schema requires.
//!
//! docx-rs 0.4.22 writes `w:pPr`, `w:rPr` and `w:numPr` children in its own order (an empty
//! `w:rPr` first in every `w:pPr`, `w:rStyle` after `w:b`, `w:numId` before `w:ilvl`). LibreOffice
//! does not mind, but Word silently ignores property elements that are out of sequence (a bold
//! link loses its link style, a nested item its level). Rather than trust every reader to be
//! forgiving, the parts are rewritten here: the children of those three elements are sorted into
//! schema order and empty `w:rPr` elements are dropped. Everything else passes through untouched.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

/// An element with its children, or any other event (text, declaration).
enum Node {
    Element {
        start: BytesStart<'static>,
        children: Vec<Node>,
        empty: bool,
    },
    Other(Event<'static>),
}

/// `xml` with the properties of every paragraph, run and list level in schema order.
///
/// Streams: everything outside a property element is copied event by event; only a
/// property element's own subtree is read into memory, sorted and written.
pub fn canonical_order(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len()));
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| e.to_string())?;
        match event {
            Event::Eof if depth == 0 => break,
            Event::Eof => return Err("unbalanced XML".into()),
            Event::Start(start) if schema_order(start.name().as_ref()).is_some() => {
                let node = read_subtree(&mut reader, start.into_owned())?;
                if !is_empty_run_properties(&node) {
                    write(&mut writer, node).map_err(|e| e.to_string())?;
                }
            }
            Event::Empty(start) if start.name().as_ref() == b"w:rPr" => {}
            event => {
                match &event {
                    Event::Start(_) => depth += 1,
                    Event::End(_) => depth = depth.checked_sub(1).ok_or("unbalanced XML")?,
                    _ => {}
                }
                writer.write_event(event).map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(writer.into_inner())
}

/// Reads the rest of the element opened by `start` into a tree.
fn read_subtree(reader: &mut Reader<&[u8]>, start: BytesStart<'static>) -> Result<Node, String> {
    // Stack of open elements, innermost last.
    let mut stack: Vec<(BytesStart<'static>, Vec<Node>)> = vec![(start, Vec::new())];
    loop {
        match reader.read_event().map_err(|e| e.to_string())?.into_owned() {
            Event::Eof => return Err("unbalanced XML".into()),
            Event::Start(start) => stack.push((start, Vec::new())),
            Event::End(_) => {
                let (start, children) = stack.pop().ok_or("unbalanced XML")?;
                let node = Node::Element {
                    start,
                    children,
                    empty: false,
                };
                match stack.last_mut() {
                    Some(parent) => parent.1.push(node),
                    None => return Ok(node),
                }
            }
            Event::Empty(start) => stack.last_mut().ok_or("unbalanced XML")?.1.push(Node::Element {
                start,
                children: Vec::new(),
                empty: true,
            }),
            other => stack.last_mut().ok_or("unbalanced XML")?.1.push(Node::Other(other)),
        }
    }
}

fn write(writer: &mut Writer<Vec<u8>>, node: Node) -> std::io::Result<()> {
    match node {
        Node::Other(event) => writer.write_event(event),
        Node::Element {
            start,
            mut children,
            empty,
        } => {
            children.retain(|child| !is_empty_run_properties(child));
            if let Some(order) = schema_order(start.name().as_ref()) {
                // Stable: unknown children keep their relative order, after the known ones.
                children.sort_by_key(|child| match child {
                    Node::Element { start, .. } => rank(order, start.name().as_ref()),
                    Node::Other(_) => usize::MAX,
                });
            }
            if empty && children.is_empty() {
                return writer.write_event(Event::Empty(start));
            }
            let end = start.to_end().into_owned();
            writer.write_event(Event::Start(start))?;
            for child in children {
                write(writer, child)?;
            }
            writer.write_event(Event::End(end))
        }
    }
}

fn is_empty_run_properties(node: &Node) -> bool {
    matches!(node, Node::Element { start, children, .. } if start.name().as_ref() == b"w:rPr" && children.is_empty())
}

fn rank(order: &[&str], name: &[u8]) -> usize {
    order
        .iter()
        .position(|known| known.as_bytes() == name)
        .unwrap_or(order.len())
}

/// The child order of the elements jdgen sorts (ECMA-376 part 1, CT_PPrBase, EG_RPrBase, CT_NumPr).
fn schema_order(name: &[u8]) -> Option<&'static [&'static str]> {
    const PARAGRAPH: &[&str] = &[
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ];
    const RUN: &[&str] = &[
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:caps",
        "w:smallCaps",
        "w:strike",
        "w:dstrike",
        "w:outline",
        "w:shadow",
        "w:emboss",
        "w:imprint",
        "w:noProof",
        "w:snapToGrid",
        "w:vanish",
        "w:webHidden",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
        "w:ins",
        "w:del",
        "w:moveFrom",
        "w:moveTo",
        "w:rPrChange",
    ];
    const NUMBERING: &[&str] = &["w:ilvl", "w:numberingChange", "w:numId", "w:ins"];
    match name {
        b"w:pPr" => Some(PARAGRAPH),
        b"w:rPr" => Some(RUN),
        b"w:numPr" => Some(NUMBERING),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canonical(xml: &str) -> String {
        String::from_utf8(canonical_order(xml.as_bytes()).unwrap()).unwrap()
    }

    #[test]
    fn properties_are_sorted_and_empty_run_properties_dropped() {
        assert_eq!(
            canonical(
                r#"<w:p><w:pPr><w:rPr /><w:pStyle w:val="L"/><w:numPr><w:numId w:val="2"/><w:ilvl w:val="1"/></w:numPr></w:pPr><w:r><w:rPr><w:b/><w:i/><w:rStyle w:val="H"/></w:rPr><w:t>a &amp; b</w:t></w:r><w:r><w:rPr /><w:t>c</w:t></w:r></w:p>"#
            ),
            r#"<w:p><w:pPr><w:pStyle w:val="L"/><w:numPr><w:ilvl w:val="1"/><w:numId w:val="2"/></w:numPr></w:pPr><w:r><w:rPr><w:rStyle w:val="H"/><w:b/><w:i/></w:rPr><w:t>a &amp; b</w:t></w:r><w:r><w:t>c</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn other_markup_passes_through() {
        let xml = r#"<?xml version="1.0"?><w:document><w:body><w:t xml:space="preserve"> x </w:t><w:br/></w:body></w:document>"#;
        assert_eq!(canonical(xml), xml);
        assert!(canonical_order(b"<a><b></a>").is_err());
    }
}
