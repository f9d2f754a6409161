//! DOCX output as users get it: the file read back (unzipped and parsed), and opened by real readers.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use crate::common::{fixture, jdgen, LEVELS, ROLES};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Runs `jdgen generate` with `args` plus `-o DIR/name.docx`; returns the file's bytes.
fn generate_docx(dir: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    let output = jdgen()
        .arg("generate")
        .args(args)
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "jdgen {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    std::fs::read(&path).unwrap()
}

fn typical(dir: &Path, name: &str, extra: &[&str]) -> Vec<u8> {
    let job = fixture("typical-job.yaml");
    let mut args = vec!["-r", "product-manager", "-l", "senior", "--job", job.to_str().unwrap()];
    args.extend_from_slice(extra);
    generate_docx(dir, name, &args)
}

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

/// (style, numId) and text of each paragraph.
fn paragraphs(document: &str) -> Vec<(String, Option<String>, String)> {
    let document = roxmltree::Document::parse(document).unwrap();
    let val = |node: roxmltree::Node, name: &str| {
        node.descendants()
            .find(|n| n.has_tag_name((W, name)))
            .and_then(|n| n.attribute((W, "val")))
            .map(str::to_owned)
    };
    document
        .descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            let text: String = p
                .descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect();
            (val(p, "pStyle").unwrap_or_default(), val(p, "numId"), text)
        })
        .collect()
}

#[test]
fn the_docx_has_headings_lists_links_and_properties() {
    let dir = tempfile::tempdir().unwrap();
    let parts = parts(&typical(dir.path(), "pm.docx", &[]));
    for (name, xml) in &parts {
        assert!(roxmltree::Document::parse(xml).is_ok(), "{name} is not well-formed");
    }
    let paragraphs = paragraphs(&parts["word/document.xml"]);
    assert_eq!(
        paragraphs[0],
        ("Heading1".into(), None, "Senior Product Manager".into())
    );
    assert!(paragraphs.contains(&("Heading2".into(), None, "Benefits".into())));
    assert!(paragraphs.contains(&(
        "ListParagraph".into(),
        Some("2".into()),
        "Public transport ticket".into()
    )));
    // The hiring steps are a numbered list of their own.
    let steps: Vec<_> = paragraphs
        .iter()
        .filter(|(_, num, _)| num.as_deref().is_some_and(|n| n != "2"))
        .collect();
    assert_eq!(steps.len(), 4, "{steps:?}");
    assert!(steps[0].2.starts_with("A 30-minute call"));
    assert!(parts["word/numbering.xml"].contains(r#"<w:startOverride w:val="1""#));

    let rels = &parts["word/_rels/document.xml.rels"];
    assert!(rels.contains(r#"Target="https://northwind.example/careers/1234" TargetMode="External""#));
    assert!(parts["word/document.xml"].contains(r#"<w:hyperlink r:id="rIdLink"#));

    let core = &parts["docProps/core.xml"];
    for expected in [
        "<dc:title>Senior Product Manager</dc:title>",
        "<dc:subject>Product Manager, Senior</dc:subject>",
        "<dc:creator>Northwind Health</dc:creator>",
        ">2026-11-02T00:00:00Z</dcterms:created>",
    ] {
        assert!(core.contains(expected), "{expected} not in {core}");
    }
    // Berlin: A4.
    assert!(parts["word/document.xml"].contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
}

#[test]
fn two_runs_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let first = typical(dir.path(), "a.docx", &[]);
    let second = typical(dir.path(), "b.docx", &[]);
    assert!(first == second, "two runs differ");
    // Deflated: far smaller than its XML.
    let xml: usize = parts(&first).values().map(String::len).sum();
    assert!(first.len() * 2 < xml, "{} bytes for {xml} bytes of XML", first.len());
}

#[test]
fn page_size_follows_the_country_unless_given() {
    let dir = tempfile::tempdir().unwrap();
    let letter = r#"<w:pgSz w:w="12240" w:h="15840""#;
    let us = typical(dir.path(), "us.docx", &["--set", "location.country=US"]);
    assert!(parts(&us)["word/document.xml"].contains(letter));
    let ca = typical(dir.path(), "ca.docx", &["--set", "location.country=CA"]);
    assert!(parts(&ca)["word/document.xml"].contains(letter));
    let forced = typical(dir.path(), "a4.docx", &["--set", "location.country=US", "--page", "a4"]);
    assert!(!parts(&forced)["word/document.xml"].contains(letter));
    let berlin_letter = typical(dir.path(), "de.docx", &["--page", "letter"]);
    assert!(parts(&berlin_letter)["word/document.xml"].contains(letter));
}

#[test]
fn md_and_docx_together_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let job = fixture("typical-job.yaml");
    jdgen()
        .args(["generate", "-r", "scrum-master", "-l", "lead", "--job"])
        .arg(&job)
        .args(["--format", "md,docx", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["lead-scrum-master.docx", "lead-scrum-master.md"]);
    let markdown = std::fs::read_to_string(dir.path().join("lead-scrum-master.md")).unwrap();
    let docx = std::fs::read(dir.path().join("lead-scrum-master.docx")).unwrap();
    let title = markdown.lines().next().unwrap().trim_start_matches("# ");
    assert_eq!(paragraphs(&parts(&docx)["word/document.xml"])[0].2, title);
}

#[test]
fn docx_never_goes_to_standard_output() {
    let stderr = crate::common::bad_input(&["generate", "-r", "product-manager", "-l", "senior", "--format", "docx"]);
    assert!(stderr.contains("-o FILE or --out-dir DIR"), "{stderr}");
}

/// A company file with a branding block, next to a reference .docx made by jdgen itself.
fn branded_company(dir: &Path, branding: &str) -> PathBuf {
    let path = dir.join("company.yaml");
    std::fs::write(&path, format!("company:\n  name: Acme & Sons\nbranding:\n{branding}")).unwrap();
    path
}

#[test]
fn branding_sets_font_and_heading_colour() {
    let dir = tempfile::tempdir().unwrap();
    let company = branded_company(dir.path(), "  font: Georgia\n  heading_color: '#0b5394'\n");
    let docx = generate_docx(
        dir.path(),
        "branded.docx",
        &[
            "-r",
            "product-owner",
            "-l",
            "head",
            "--company",
            company.to_str().unwrap(),
        ],
    );
    let parts = parts(&docx);
    assert!(parts["word/styles.xml"].contains(r#"w:ascii="Georgia""#));
    assert!(parts["word/styles.xml"].contains(r#"<w:color w:val="0B5394"/>"#));
    assert!(parts["docProps/core.xml"].contains("<dc:creator>Acme &amp; Sons</dc:creator>"));
}

#[test]
fn a_reference_docx_supplies_the_styles() {
    let dir = tempfile::tempdir().unwrap();
    // A "company template": a DOCX whose styles are recognisably its own.
    let template_dir = dir.path().join("templates");
    std::fs::create_dir(&template_dir).unwrap();
    let plain = branded_company(dir.path(), "  font: Verdana\n  heading_color: '112233'\n");
    generate_docx(
        &template_dir,
        "house.docx",
        &[
            "-r",
            "product-owner",
            "-l",
            "head",
            "--company",
            plain.to_str().unwrap(),
        ],
    );
    let company = branded_company(dir.path(), "  reference_docx: templates/house.docx\n");
    let docx = generate_docx(
        dir.path(),
        "out.docx",
        &[
            "-r",
            "scrum-master",
            "-l",
            "senior",
            "--company",
            company.to_str().unwrap(),
        ],
    );
    let styles = &parts(&docx)["word/styles.xml"];
    assert!(
        styles.contains(r#"w:ascii="Verdana""#) && styles.contains("112233"),
        "{styles}"
    );

    let missing = branded_company(dir.path(), "  reference_docx: nowhere.docx\n");
    let stderr = crate::common::bad_input(&[
        "generate",
        "-r",
        "scrum-master",
        "-l",
        "senior",
        "--company",
        missing.to_str().unwrap(),
        "-o",
        "x.docx",
    ]);
    assert!(
        stderr.contains("branding.reference_docx") && stderr.contains("nowhere.docx"),
        "{stderr}"
    );

    std::fs::write(dir.path().join("not.docx"), "plain text").unwrap();
    let broken = branded_company(dir.path(), "  reference_docx: not.docx\n");
    let out = dir.path().join("never.docx");
    let stderr = crate::common::bad_input(&[
        "generate",
        "-r",
        "scrum-master",
        "-l",
        "senior",
        "--company",
        broken.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("not.docx") && stderr.contains("not a .docx"),
        "{stderr}"
    );
    assert!(!out.exists(), "no half-written file");
}

#[test]
fn bad_branding_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let company = branded_company(dir.path(), "  heading_color: navy\n");
    let stderr = crate::common::bad_input(&[
        "generate",
        "-r",
        "scrum-master",
        "-l",
        "senior",
        "--company",
        company.to_str().unwrap(),
    ]);
    assert!(
        stderr.contains("company.yaml:4:3: field `branding.heading_color`: 'navy' is not a colour"),
        "{stderr}"
    );
    let company = branded_company(dir.path(), "  colour: red\n");
    let stderr = crate::common::bad_input(&[
        "generate",
        "-r",
        "scrum-master",
        "-l",
        "senior",
        "--company",
        company.to_str().unwrap(),
    ]);
    assert!(stderr.contains("colour"), "{stderr}");
}

// ---- Real readers -------------------------------------------------------------

/// Whether `reader` is installed; when it is not, says so visibly, and fails if JDGEN_REQUIRE_READERS=1.
pub(crate) fn reader_available(reader: &str, probe: &mut Process) -> bool {
    let found = probe.output().is_ok_and(|output| output.status.success());
    if !found {
        if std::env::var("JDGEN_REQUIRE_READERS").as_deref() == Ok("1") {
            panic!("{reader} is not installed and JDGEN_REQUIRE_READERS=1");
        }
        eprintln!("skipped: {reader} not installed");
    }
    found
}

/// The 16 built-in role x level documents, written once per test into `dir`.
fn all_built_in(dir: &Path) -> Vec<PathBuf> {
    let job = fixture("typical-job.yaml");
    let mut files = Vec::new();
    for role in ROLES {
        for level in LEVELS {
            let name = format!("{level}-{role}.docx");
            generate_docx(dir, &name, &["-r", role, "-l", level, "--job", job.to_str().unwrap()]);
            files.push(dir.join(name));
        }
    }
    files
}

#[test]
fn python_docx_reads_styles_and_lists() {
    let mut probe = Process::new("python3");
    probe.args(["-c", "import docx"]);
    if !reader_available("python-docx", &mut probe) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = all_built_in(dir.path());
    let script = r#"
import sys, docx
for path in sys.argv[1:]:
    d = docx.Document(path)
    heads = [p.style.name for p in d.paragraphs if p.style.name.startswith("Heading")]
    items = [p for p in d.paragraphs if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert heads[0] == "Heading 1" and heads.count("Heading 2") >= 5, (path, heads)
    assert len(items) >= 10, (path, len(items))
    assert d.styles.default(docx.enum.style.WD_STYLE_TYPE.PARAGRAPH).name == "Normal", path
    assert d.core_properties.title and d.core_properties.author == "Northwind Health", path
    print("ok", path)
"#;
    let output = Process::new("python3")
        .arg("-c")
        .arg(script)
        .args(&files)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
}

#[test]
fn pandoc_reads_back_headings_lists_and_links() {
    if !reader_available("pandoc", Process::new("pandoc").arg("--version")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pm.docx");
    std::fs::write(&path, typical(dir.path(), "pm.docx", &[])).unwrap();
    let output = Process::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let markdown = String::from_utf8(output.stdout).unwrap();
    for expected in [
        "# Senior Product Manager",
        "## Benefits",
        "-   Public transport ticket",
        "1.  A 30-minute call with our recruiter",
        "[Apply online](https://northwind.example/careers/1234)",
    ] {
        assert!(markdown.contains(expected), "{expected:?} not in:\n{markdown}");
    }
}

#[test]
fn libreoffice_converts_every_built_in_document() {
    if !reader_available("LibreOffice (soffice)", Process::new("soffice").arg("--version")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = all_built_in(dir.path());
    let out = dir.path().join("pdf");
    // A private profile: a developer's running LibreOffice must not take the job.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let output = Process::new("soffice")
        .args([profile.as_str(), "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&out)
        .args(&files)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    for file in &files {
        let pdf = out.join(file.with_extension("pdf").file_name().unwrap());
        let size = std::fs::metadata(&pdf).map(|m| m.len()).unwrap_or(0);
        assert!(size > 1000, "{} gave no PDF", file.display());
    }
}

#[test]
fn a_typical_docx_is_no_larger_than_pandocs() {
    if !reader_available("pandoc", Process::new("pandoc").arg("--version")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let job = fixture("typical-job.yaml");
    jdgen()
        .args(["generate", "-r", "product-manager", "-l", "senior", "--job"])
        .arg(&job)
        .args(["--format", "md,docx", "--name", "pm", "--out-dir"])
        .arg(dir.path())
        .assert()
        .success();
    let pandoc_docx = dir.path().join("pandoc.docx");
    let status = Process::new("pandoc")
        .args(["-f", "markdown", "-t", "docx", "-o"])
        .arg(&pandoc_docx)
        .arg(dir.path().join("pm.md"))
        .status()
        .unwrap();
    assert!(status.success());
    let ours = std::fs::metadata(dir.path().join("pm.docx")).unwrap().len();
    let pandocs = std::fs::metadata(&pandoc_docx).unwrap().len();
    assert!(ours <= pandocs, "jdgen {ours} bytes, pandoc {pandocs} bytes");
}
