//! Puts paragraph, run and numbering properties in the order the WordprocessingML schema requires.
//!
//! docx-rs 0.4.22 writes `w:pPr`, `w:rPr` and `w:numPr` children in its own order (an empty
//! `w:rPr` first in every `w:pPr`, `w:rStyle` after `w:b`, `w:numId` before `w:ilvl`). LibreOffice
//! does not mind, but Word silently ignores property elements that are out of sequence (a bold
//! link loses its link style, a nested item its level). Rather than trust every reader to be
//! forgiving, the parts are rewritten here: the children of those three elements are sorted into
//! schema order and empty `w:rPr` elements are dropped. Everything else passes through untouched.

use std::ops::Range;

use quick_xml::events::Event;
use quick_xml::Reader;

/// An element of a property subtree, as byte ranges of the original text (nothing is re-serialized).
enum Node {
    Element {
        name: Range<usize>,
        open: Range<usize>,
        children: Vec<Node>,
        /// The end tag; `None` for an empty element (`<w:b/>`).
        close: Option<Range<usize>>,
    },
    /// Text or anything else, copied as it is.
    Other(Range<usize>),
}

/// `xml` with the properties of every paragraph, run and list level in schema order.
///
/// Everything outside a property element is copied byte for byte: the parts come from
/// docx-rs, whose markup has no comments or CDATA and whose text escapes `<`, so a tag
/// can be found by its bytes. Only a property element's own subtree is parsed (as byte
/// ranges), sorted and written.
pub fn canonical_order(xml: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(xml.len());
    let mut copied = 0;
    let mut scan = 0;
    while let Some(found) = memchr::memchr(b'<', &xml[scan..]) {
        let at = scan + found;
        scan = at + 1;
        let Some(name_len) = property_tag(&xml[at..]) else {
            continue;
        };
        out.extend_from_slice(&xml[copied..at]);
        let mut reader = Reader::from_reader(&xml[at..]);
        let end = match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(_) => {
                let open = at..at + position(&reader);
                let node = read_subtree(&mut reader, at, at + 1..at + 1 + name_len, open)?;
                if !is_empty_run_properties(xml, &node) {
                    write(&mut out, xml, &node);
                }
                at + position(&reader)
            }
            // An empty `<w:rPr/>` says nothing; other empty property elements stay.
            Event::Empty(_) if &xml[at + 1..at + 1 + name_len] == b"w:rPr" => at + position(&reader),
            _ => {
                let end = at + position(&reader);
                out.extend_from_slice(&xml[at..end]);
                end
            }
        };
        copied = end;
        scan = end;
    }
    out.extend_from_slice(&xml[copied..]);
    Ok(out)
}

/// The length of the element name if `tag` opens one of the property elements jdgen sorts.
fn property_tag(tag: &[u8]) -> Option<usize> {
    ["w:pPr", "w:rPr", "w:numPr"].iter().find_map(|name| {
        let rest = tag.get(1..)?.strip_prefix(name.as_bytes())?;
        matches!(rest.first(), Some(b'>' | b' ' | b'/' | b'\t' | b'\n' | b'\r')).then_some(name.len())
    })
}

fn position(reader: &Reader<&[u8]>) -> usize {
    usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)
}

/// The element name's bytes inside a tag starting at `tag_start` (`<` then the name).
fn name_range(tag_start: usize, len: usize) -> Range<usize> {
    tag_start + 1..tag_start + 1 + len
}

/// Reads the rest of the element opened at `open` into a tree of byte ranges; `reader`
/// reads the text from `base` on.
fn read_subtree(
    reader: &mut Reader<&[u8]>,
    base: usize,
    name: Range<usize>,
    open: Range<usize>,
) -> Result<Node, String> {
    // Open elements, innermost last: (name, open tag, children).
    let mut stack: Vec<(Range<usize>, Range<usize>, Vec<Node>)> = vec![(name, open, Vec::new())];
    loop {
        let before = base + position(reader);
        let event = reader.read_event().map_err(|e| e.to_string())?;
        let here = before..base + position(reader);
        match event {
            Event::Eof => return Err("unbalanced XML".into()),
            Event::Start(start) => stack.push((name_range(before, start.name().as_ref().len()), here, Vec::new())),
            Event::End(_) => {
                let (name, open, children) = stack.pop().ok_or("unbalanced XML")?;
                let node = Node::Element {
                    name,
                    open,
                    children,
                    close: Some(here),
                };
                match stack.last_mut() {
                    Some(parent) => parent.2.push(node),
                    None => return Ok(node),
                }
            }
            Event::Empty(start) => {
                let name = name_range(before, start.name().as_ref().len());
                let node = Node::Element {
                    name,
                    open: here,
                    children: Vec::new(),
                    close: None,
                };
                stack.last_mut().ok_or("unbalanced XML")?.2.push(node);
            }
            _ => stack.last_mut().ok_or("unbalanced XML")?.2.push(Node::Other(here)),
        }
    }
}

fn write(out: &mut Vec<u8>, xml: &[u8], node: &Node) {
    match node {
        Node::Other(range) => out.extend_from_slice(&xml[range.clone()]),
        Node::Element {
            name,
            open,
            children,
            close,
        } => {
            let mut children: Vec<&Node> = children.iter().filter(|c| !is_empty_run_properties(xml, c)).collect();
            if let Some(order) = schema_order(&xml[name.clone()]) {
                // Stable: unknown children keep their relative order, after the known ones.
                children.sort_by_key(|child| match child {
                    Node::Element { name, .. } => rank(order, &xml[name.clone()]),
                    Node::Other(_) => usize::MAX,
                });
            }
            out.extend_from_slice(&xml[open.clone()]);
            for child in children {
                write(out, xml, child);
            }
            if let Some(close) = close {
                out.extend_from_slice(&xml[close.clone()]);
            }
        }
    }
}

fn is_empty_run_properties(xml: &[u8], node: &Node) -> bool {
    matches!(node, Node::Element { name, children, .. } if &xml[name.clone()] == b"w:rPr" && children.is_empty())
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
        assert!(canonical_order(b"<w:p><w:pPr><w:b></w:pPr></w:p>").is_err());
        assert!(canonical_order(b"<w:p><w:pPr><w:jc/>").is_err());
        // Names that merely start like a property element are not one.
        let lookalike = r#"<w:pPrChange><w:rPrX/><w:b/></w:pPrChange>"#;
        assert_eq!(canonical(lookalike), lookalike);
    }
}
