//! Unit tests of the Markdown -> DOCX converter, one Markdown construct at a time, and a property test over any text.

use std::collections::BTreeMap;
use std::io::Read;

use proptest::prelude::*;

use super::*;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Every part of a package, by name.
fn parts(docx: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut file = archive.by_index(index).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().to_owned(), text)
        })
        .collect()
}

/// One paragraph as a reader sees it.
#[derive(Debug, PartialEq)]
struct Para {
    style: String,
    /// (numId, ilvl) for list paragraphs.
    list: Option<(String, String)>,
    text: String,
}

fn attribute(node: roxmltree::Node, child: &str) -> Option<String> {
    node.children()
        .find(|c| c.has_tag_name((W, child)))
        .and_then(|c| c.attribute((W, "val")))
        .map(str::to_owned)
}

/// The text of a node as Word shows it: w:t, w:tab as a tab, w:br as a line feed.
fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter_map(|n| match n.tag_name().name() {
            "t" if n.tag_name().namespace() == Some(W) => n.text().map(str::to_owned),
            "tab" if n.parent().is_some_and(|p| p.has_tag_name((W, "r"))) => Some("\t".into()),
            "br" => Some("\n".into()),
            _ => None,
        })
        .collect()
}

fn paragraphs_of(docx: &[u8]) -> Vec<Para> {
    let parts = parts(docx);
    let document = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    document
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let ppr = p.children().find(|c| c.has_tag_name((W, "pPr")));
            let list = ppr
                .and_then(|ppr| ppr.children().find(|c| c.has_tag_name((W, "numPr"))))
                .map(|num| (attribute(num, "numId").unwrap(), attribute(num, "ilvl").unwrap()));
            Para {
                style: ppr.and_then(|ppr| attribute(ppr, "pStyle")).unwrap_or_default(),
                list,
                text: text_of(p),
            }
        })
        .collect()
}

fn paragraphs(markdown: &str) -> Vec<Para> {
    paragraphs_of(&markdown_to_docx(markdown, &DocxOptions::default()).unwrap())
}

fn para(style: &str, text: &str) -> Para {
    Para {
        style: style.into(),
        list: None,
        text: text.into(),
    }
}

fn item(num: &str, level: &str, text: &str) -> Para {
    Para {
        style: "ListParagraph".into(),
        list: Some((num.into(), level.into())),
        text: text.into(),
    }
}

#[test]
fn headings_use_word_heading_styles() {
    assert_eq!(
        paragraphs("# One\n\n## Two\n\n### Three\n\n#### Four\n\nBody"),
        [
            para("Heading1", "One"),
            para("Heading2", "Two"),
            para("Heading3", "Three"),
            para("Heading3", "Four"),
            para("Normal", "Body"),
        ]
    );
}

#[test]
fn styles_are_named_as_readers_expect_and_normal_is_default() {
    let docx = markdown_to_docx("# T", &DocxOptions::default()).unwrap();
    let styles = parts(&docx).remove("word/styles.xml").unwrap();
    let document = roxmltree::Document::parse(&styles).unwrap();
    let named = |id: &str| {
        document
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && n.attribute((W, "styleId")) == Some(id))
            .unwrap_or_else(|| panic!("no style {id}"))
    };
    for (id, name) in [
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("Heading3", "heading 3"),
    ] {
        assert_eq!(attribute(named(id), "name").as_deref(), Some(name));
    }
    assert_eq!(named("Normal").attribute((W, "default")), Some("1"));
    assert!(styles.contains(r#"w:color w:val="1F3864""#));
}

#[test]
fn bullet_lists_nest_and_share_one_numbering() {
    assert_eq!(
        paragraphs("- a\n- b\n  - c\n    - d\n- e\n\nafter\n\n- f"),
        [
            item("2", "0", "a"),
            item("2", "0", "b"),
            item("2", "1", "c"),
            item("2", "2", "d"),
            item("2", "0", "e"),
            para("Normal", "after"),
            item("2", "0", "f"),
        ]
    );
}

#[test]
fn every_ordered_list_restarts() {
    let docx = markdown_to_docx("1. a\n1. b\n\ntext\n\n1. c\n   1. d\n\n7) e", &DocxOptions::default()).unwrap();
    assert_eq!(
        paragraphs_of(&docx),
        [
            item("3", "0", "a"),
            item("3", "0", "b"),
            para("Normal", "text"),
            item("4", "0", "c"),
            item("5", "1", "d"),
            item("6", "0", "e"),
        ]
    );
    let numbering = parts(&docx).remove("word/numbering.xml").unwrap();
    let document = roxmltree::Document::parse(&numbering).unwrap();
    let starts: Vec<(String, String, String)> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "num")))
        .filter_map(|num| {
            let over = num.children().find(|c| c.has_tag_name((W, "lvlOverride")))?;
            Some((
                num.attribute((W, "numId"))?.to_owned(),
                over.attribute((W, "ilvl"))?.to_owned(),
                attribute(over, "startOverride")?,
            ))
        })
        .collect();
    let expected = [("3", "0", "1"), ("4", "0", "1"), ("5", "1", "1"), ("6", "0", "7")];
    assert_eq!(
        starts,
        expected.map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
    );
}

#[test]
fn loose_items_keep_later_paragraphs_inside_the_item() {
    let paras = paragraphs("- first\n\n  more\n- second");
    assert_eq!(paras[0], item("2", "0", "first"));
    assert_eq!(paras[1].list, None);
    assert_eq!(
        (paras[1].style.as_str(), paras[1].text.as_str()),
        ("ListParagraph", "more")
    );
    assert_eq!(paras[2], item("2", "0", "second"));
}

/// The `w:r` elements of the first paragraph: (text, run style, bold, italic).
fn runs(markdown: &str) -> Vec<(String, Option<String>, bool, bool)> {
    let docx = markdown_to_docx(markdown, &DocxOptions::default()).unwrap();
    let xml = parts(&docx).remove("word/document.xml").unwrap();
    let document = roxmltree::Document::parse(&xml).unwrap();
    let paragraph = document.descendants().find(|n| n.has_tag_name((W, "p"))).unwrap();
    paragraph
        .descendants()
        .filter(|n| n.has_tag_name((W, "r")))
        .map(|r| {
            let rpr = r.children().find(|c| c.has_tag_name((W, "rPr")));
            let has = |name: &str| rpr.is_some_and(|p| p.children().any(|c| c.has_tag_name((W, name))));
            (text_of(r), rpr.and_then(|p| attribute(p, "rStyle")), has("b"), has("i"))
        })
        .collect()
}

#[test]
fn inline_formatting_becomes_run_properties() {
    assert_eq!(
        runs("plain **bold *both*** _it_ `code`"),
        [
            ("plain ".into(), None, false, false),
            ("bold ".into(), None, true, false),
            ("both".into(), None, true, true),
            (" ".into(), None, false, false),
            ("it".into(), None, false, true),
            (" ".into(), None, false, false),
            ("code".into(), Some("VerbatimChar".into()), false, false),
        ]
    );
}

#[test]
fn links_are_hyperlinks_with_their_own_numbered_relationships() {
    let docx = markdown_to_docx(
        "[one](https://a.example/x?a=1&b=2) and **[two](mailto:jobs@b.example)** and [rel](page.html)",
        &DocxOptions::default(),
    )
    .unwrap();
    let parts = parts(&docx);
    let document = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    let links: Vec<(String, String)> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "hyperlink")))
        .map(|h| (h.attribute((R, "id")).unwrap().to_owned(), text_of(h)))
        .collect();
    assert_eq!(
        links,
        [("rIdLink1".into(), "one".into()), ("rIdLink2".into(), "two".into())]
    );
    let rels = roxmltree::Document::parse(&parts["word/_rels/document.xml.rels"]).unwrap();
    let targets: Vec<(&str, &str)> = rels
        .descendants()
        .filter(|n| n.attribute("TargetMode") == Some("External"))
        .map(|n| (n.attribute("Id").unwrap(), n.attribute("Target").unwrap()))
        .collect();
    assert_eq!(
        targets,
        [
            ("rIdLink1", "https://a.example/x?a=1&b=2"),
            ("rIdLink2", "mailto:jobs@b.example")
        ]
    );
    // A bold link keeps its link style first, where Word looks for it.
    let xml = &parts["word/document.xml"];
    assert!(xml.contains(r#"<w:rPr><w:rStyle w:val="Hyperlink" /><w:b />"#), "{xml}");
    // A relative link cannot be followed from a .docx: its text stays.
    assert!(text_of(document.root_element()).ends_with("and rel"));
}

#[test]
fn links_follow_the_pages_policy() {
    let docx = markdown_to_docx(
        "[run](javascript:alert(1)) [file](file:///etc/passwd) [share](smb://host/s) [data](data:text/html,x) [call](tel:+4930123) [ok](HTTPS://a.example)",
        &DocxOptions::default(),
    )
    .unwrap();
    let parts = parts(&docx);
    let rels = &parts["word/_rels/document.xml.rels"];
    for refused in ["javascript:", "file:", "smb:", "data:"] {
        assert!(!rels.contains(refused), "{refused} became a hyperlink: {rels}");
    }
    assert!(
        rels.contains("tel:+4930123") && rels.contains("https://a.example/"),
        "{rels}"
    );
    let document = roxmltree::Document::parse(&parts["word/document.xml"]).unwrap();
    assert_eq!(text_of(document.root_element()), "run file share data call ok");
}

#[test]
fn breaks_tabs_and_control_characters() {
    assert_eq!(
        paragraphs("one  \ntwo\\\nthree\nfour"),
        [para("Normal", "one\ntwo\nthree four")]
    );
    assert_eq!(paragraphs("a\tb"), [para("Normal", "a\tb")]);
    assert_eq!(
        paragraphs("bell\u{7} form\u{c} nul\u{0} \u{FFFF}end"),
        [para("Normal", "bell form nul end")]
    );
}

#[test]
fn code_blocks_quotes_and_rules() {
    assert_eq!(
        paragraphs("```\nfn main() {\n\tgo();\n}\n```\n\n> quoted\n\n---\n\nend"),
        [
            para("SourceCode", "fn main() {\n\tgo();\n}"),
            para("BlockText", "quoted"),
            para("HorizontalRule", ""),
            para("Normal", "end"),
        ]
    );
}

#[test]
fn properties_page_and_font_come_from_the_options() {
    let options = DocxOptions {
        title: "Senior PM <AT&T>".into(),
        subject: "Product Manager, Senior".into(),
        creator: "Acme".into(),
        date: "2026-11-02T00:00:00Z".into(),
        page: PageSize::Letter,
        font: "Georgia".into(),
        heading_color: "0B5394".into(),
        reference_styles: None,
    };
    let parts = parts(&markdown_to_docx("# x", &options).unwrap());
    let core = roxmltree::Document::parse(&parts["docProps/core.xml"]).unwrap();
    let value = |name: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == name)
            .and_then(|n| n.text())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(value("title"), "Senior PM <AT&T>");
    assert_eq!(value("subject"), "Product Manager, Senior");
    assert_eq!(value("creator"), "Acme");
    assert_eq!(value("created"), "2026-11-02T00:00:00Z");
    assert_eq!(value("modified"), "2026-11-02T00:00:00Z");
    assert!(parts["word/document.xml"].contains(r#"<w:pgSz w:w="12240" w:h="15840""#));
    assert!(parts["word/styles.xml"].contains(r#"w:ascii="Georgia""#));
    assert!(parts["word/styles.xml"].contains(r#"w:val="0B5394""#));
}

#[test]
fn reference_styles_are_used_and_completed_by_name() {
    let reference = format!(
        r#"<?xml version="1.0"?><w:styles xmlns:w="{W}"><w:style w:type="paragraph" w:default="1" w:styleId="Standard"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="berschrift1"><w:name w:val="heading 1"/></w:style></w:styles>"#
    );
    let options = DocxOptions {
        reference_styles: Some(reference.into()),
        ..DocxOptions::default()
    };
    let docx = markdown_to_docx("# Title\n\nBody\n\n## Part", &options).unwrap();
    assert_eq!(
        paragraphs_of(&docx),
        [
            para("berschrift1", "Title"),
            para("Standard", "Body"),
            para("Heading2", "Part")
        ]
    );
    let styles = parts(&docx).remove("word/styles.xml").unwrap();
    let document = roxmltree::Document::parse(&styles).unwrap();
    let ids: Vec<&str> = document
        .descendants()
        .filter_map(|n| n.attribute((W, "styleId")))
        .collect();
    assert_eq!(
        &ids[..3],
        ["Standard", "berschrift1", "Heading2"],
        "the reference comes first"
    );
    assert!(!ids.contains(&"Normal") && !ids.contains(&"Heading1"), "{ids:?}");
}

#[test]
fn the_same_input_gives_the_same_bytes_on_any_thread() {
    let markdown = "# T\n\n[a](https://a.example) [b](https://b.example) [c](https://c.example)\n\n1. x\n\n- y";
    let expected = markdown_to_docx(markdown, &DocxOptions::default()).unwrap();
    let outputs: Vec<Vec<u8>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| {
                scope.spawn(|| {
                    (0..5)
                        .map(|_| markdown_to_docx(markdown, &DocxOptions::default()).unwrap())
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().flat_map(|h| h.join().unwrap()).collect()
    });
    assert!(outputs.iter().all(|bytes| *bytes == expected));
}

/// Markdown-ish text: markup characters, control characters, tabs, non-ASCII.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z0-9 ]{0,12}",
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("- ".to_owned()),
        Just("1. ".to_owned()),
        Just("  ".to_owned()),
        Just("# ".to_owned()),
        Just("**".to_owned()),
        Just("_".to_owned()),
        Just("`".to_owned()),
        Just("```\n".to_owned()),
        Just("> ".to_owned()),
        Just("[x](https://e.example/a?b=1&c=<2>)".to_owned()),
        Just("<b>&amp;</b>".to_owned()),
        Just("\t".to_owned()),
        any::<char>().prop_map(String::from),
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap().to_string()),
        Just("\u{FFFE}\u{FFFF}".to_owned()),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_markdown_gives_a_well_formed_package(markdown in markdownish()) {
        let docx = markdown_to_docx(&markdown, &DocxOptions {
            title: markdown.clone(),
            creator: markdown.clone(),
            ..DocxOptions::default()
        }).unwrap();
        for (name, xml) in parts(&docx) {
            prop_assert!(roxmltree::Document::parse(&xml).is_ok(), "{name} is not well-formed:\n{xml}");
        }
    }

    #[test]
    fn reused_paragraphs_give_the_bytes_docx_rs_writes(markdown in markdownish()) {
        assert_body_matches_docx_rs(&markdown);
    }

    #[test]
    fn plain_text_comes_through(words in proptest::collection::vec("[A-Za-z0-9,.;:!?'\"()@%$€é&<>]{1,10}", 1..30)) {
        let text = words.join(" ");
        // Escape what Markdown would read as markup, as the template engine does.
        let escaped: String = text.chars().flat_map(|c| {
            let markup = "\\`*_{}[]()#+-.!<>&|~\"'";
            if markup.contains(c) { vec!['\\', c] } else { vec![c] }
        }).collect();
        let paras = paragraphs(&escaped);
        prop_assert_eq!(paras.len(), 1);
        prop_assert_eq!(&paras[0].text, &text);
    }
}

/// The body assembled from cached paragraphs equals the body docx-rs builds in one piece,
/// on first use (cache filled) and on second (cache read).
fn assert_body_matches_docx_rs(markdown: &str) {
    let styles = super::styles::styles_xml(&DocxOptions::default());
    let converted = super::convert::convert(markdown, &styles.ids);
    for page in [PageSize::A4, PageSize::Letter] {
        let expected = super::body::document_xml_directly(&converted.paragraphs, page).unwrap();
        for round in 0..2 {
            let assembled = super::body::document_xml(&converted.paragraphs, page).unwrap();
            assert!(
                assembled == expected,
                "round {round}, {page:?}, body differs for {markdown:?}"
            );
        }
    }
}

#[test]
fn every_builtin_body_matches_docx_rs() {
    let catalog = crate::catalog::Catalog::load(None).unwrap();
    let job = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/typical-job.yaml");
    let layers = [crate::resolve::job_file_layer(&job).unwrap()];
    for role in catalog.roles() {
        for level in catalog.levels() {
            let job = crate::resolve::resolve(&catalog, &layers, Some(&role.meta.id), Some(&level.profile.id)).unwrap();
            assert_body_matches_docx_rs(&crate::render::render_markdown(&catalog, &job).unwrap());
        }
    }
    assert_body_matches_docx_rs("- a\n  - b\n\n  more\n\n1. x\n2. y\n\n> quote **bold [link](https://a.example)**\n\ntext\\\nbreak\t`code`\n\n---\n\n```\nblock\n```\n");
}
