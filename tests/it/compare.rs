//! `jdgen compare`: roles and levels side by side in every format, a user's catalog, bad names, and the DOCX in real readers.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use scraper::{Html, Selector};
use serde_json::Value as Json;

use crate::common::*;
use crate::docx::reader_available;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// The article's question.
const ROLES_ARGS: [&str; 3] = ["compare", "product-manager", "project-owner"];
/// The ladder.
const LEVELS_ARGS: [&str; 7] = [
    "compare",
    "--role",
    "scrum-master",
    "senior",
    "lead",
    "principal",
    "head",
];

fn with(args: &[&str], extra: &[&str]) -> Vec<String> {
    args.iter().chain(extra).map(|s| s.to_string()).collect()
}

fn run(args: &[String]) -> String {
    stdout_of(&args.iter().map(String::as_str).collect::<Vec<_>>())
}

/// Writes `args -o DIR/name` and returns the file's bytes.
fn write_file(dir: &Path, name: &str, args: &[&str]) -> Vec<u8> {
    let path = dir.join(name);
    let output = jdgen().args(args).arg("-o").arg(&path).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    assert!(output.stdout.is_empty(), "-o writes nothing to standard output");
    std::fs::read(&path).unwrap()
}

fn json_of(args: &[&str]) -> Json {
    serde_json::from_str(&run(&with(args, &["--format", "json"]))).unwrap()
}

/// The `hire_when` of a built-in role, read from its template as a user would see it.
fn hire_when(role: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("templates/{role}.md.hbs"));
    let text = std::fs::read_to_string(path).unwrap();
    let line = text.lines().find(|l| l.starts_with("hire_when:")).unwrap();
    serde_json::from_str::<String>(line.trim_start_matches("hire_when:").trim()).unwrap()
}

// ---- Roles ------------------------------------------------------------------

#[test]
fn roles_as_text_answer_which_role_first_within_80_columns() {
    let text = run(&with(&ROLES_ARGS, &[]));
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "{} columns: {line}", line.chars().count());
    }
    assert!(!text.contains('\x1b'), "no colour without a terminal");
    assert!(text.starts_with("Product Manager or Project Owner?\n"), "{text}");
    let header = text.lines().find(|l| l.contains("Senior Product Manager")).unwrap();
    assert!(header.contains("│ Senior Project Owner"), "{header}");
    // The decision comes first, before what the roles are and do.
    let order: Vec<usize> = [
        "Hire this when",
        "Not this when",
        "Focus",
        "Owns",
        "Core responsibilities",
        "Core must-haves",
    ]
    .iter()
    .map(|label| {
        text.find(&format!("{label} ─"))
            .unwrap_or_else(|| panic!("no {label} row:\n{text}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "rows out of order:\n{text}");
    // The catalog's words, wrapped: the first words of each role's hire_when are there.
    for role in ["product-manager", "project-owner"] {
        let start: String = hire_when(role).split(' ').take(4).collect::<Vec<_>>().join(" ");
        assert!(text.contains(&start), "{start:?} not in:\n{text}");
    }
}

#[test]
fn roles_as_markdown_are_one_table_a_recruiter_can_paste() {
    let markdown = run(&with(&ROLES_ARGS, &["--format", "md"]));
    assert!(
        markdown.starts_with("# Product Manager or Project Owner?\n"),
        "{markdown}"
    );
    let rows: Vec<&str> = markdown.lines().filter(|l| l.starts_with('|')).collect();
    assert_eq!(
        rows[0],
        "| | Senior Product Manager | Senior Project Owner (Project Manager) |"
    );
    assert_eq!(rows[1], "|---|---|---|");
    for row in &rows {
        // Three cells: four unescaped pipes.
        let pipes = row
            .match_indices('|')
            .filter(|(at, _)| !row[..*at].ends_with('\\'))
            .count();
        assert_eq!(pipes, 4, "{row}");
    }
    assert!(rows.iter().any(|r| r.starts_with("| **Hire this when** |")));
    let duties = rows
        .iter()
        .find(|r| r.starts_with("| **Core responsibilities** |"))
        .unwrap();
    assert!(duties.contains("<br>• "), "bullets stay in their cell: {duties}");
}

#[test]
fn roles_as_html_are_a_page_like_the_careers_page() {
    let html = run(&with(&ROLES_ARGS, &["--format", "html"]));
    let document = Html::parse_document(&html);
    let select = |selector: &str| -> Vec<String> {
        document
            .select(&Selector::parse(selector).unwrap())
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    };
    assert_eq!(select("h1"), ["Product Manager or Project Owner?"]);
    assert_eq!(
        select("thead th[scope=col]"),
        ["Senior Product Manager", "Senior Project Owner (Project Manager)"]
    );
    let labels = select("tbody th[scope=row]");
    assert_eq!(labels[..2], ["Hire this when", "Not this when"]);
    assert_eq!(select("tbody tr").len(), labels.len());
    for row in document.select(&Selector::parse("tbody tr").unwrap()) {
        assert_eq!(
            row.select(&Selector::parse("td").unwrap()).count(),
            2,
            "one cell per role"
        );
    }
    assert!(select("td li").len() >= 6, "bullets are lists");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta name=\"viewport\""));
    assert!(
        html.contains("color-scheme: light dark"),
        "the careers page's stylesheet"
    );
    assert!(
        select("script").is_empty() && !html.contains(" src="),
        "nothing loaded, nothing run"
    );
    assert_eq!(
        select("tr.hire-when td"),
        [hire_when("product-manager"), hire_when("project-owner")]
    );
}

#[test]
fn roles_as_json_are_one_record_per_role() {
    let json = json_of(&ROLES_ARGS);
    assert_eq!(json["compare"], "roles");
    assert_eq!(json["level"]["id"], "senior");
    let columns = json["columns"].as_array().unwrap();
    assert_eq!(columns.len(), 2);
    assert_eq!(columns[0]["role"], "product-manager");
    assert_eq!(columns[0]["title"], "Senior Product Manager");
    assert_eq!(columns[1]["hire_when"], hire_when("project-owner"));
    assert!(columns[1]["responsibilities"].as_array().unwrap().len() >= 3);
    assert!(columns[1]["works_with"].as_str().unwrap().contains("Sponsors"));
    assert!(json.get("shared").is_none(), "roles share nothing by design");
}

#[test]
fn project_manager_shows_the_market_titles() {
    let json = json_of(&["compare", "project-manager", "product-manager", "--level", "lead"]);
    assert_eq!(json["title"], "Project Manager or Product Manager?");
    assert_eq!(json["columns"][0]["role"], "project-owner");
    assert_eq!(json["columns"][0]["variant"], "project-manager");
    assert_eq!(json["columns"][0]["title"], "Programme Manager");
    let text = run(&with(
        &["compare", "project-manager", "product-owner", "scrum-master"],
        &[],
    ));
    assert!(text.contains("Senior Project") && text.contains("Manager"), "{text}");
}

// ---- Levels -----------------------------------------------------------------

#[test]
fn levels_as_text_are_a_ladder_within_80_columns() {
    let text = run(&with(&LEVELS_ARGS, &[]));
    assert!(text.lines().all(|l| l.chars().count() <= 80));
    assert!(
        text.starts_with("Scrum Master: Senior, Lead, Principal and Head\n"),
        "{text}"
    );
    for label in [
        "Scope",
        "Decides",
        "Leadership",
        "Horizon",
        "Experience",
        "Responsibilities",
        "Must-haves",
    ] {
        assert!(text.contains(&format!("{label} ─")), "no {label} row:\n{text}");
    }
    let experience = text
        .lines()
        .skip_while(|l| !l.starts_with("Experience ─"))
        .nth(1)
        .unwrap();
    assert_eq!(
        experience.split('│').map(str::trim).collect::<Vec<_>>(),
        ["5–8 years", "8–12 years", "12+ years", "15+ years"]
    );
}

#[test]
fn levels_in_markdown_html_and_json() {
    let markdown = run(&with(&LEVELS_ARGS, &["--format", "markdown"]));
    assert!(markdown
        .contains("| | Senior Scrum Master | Lead Scrum Master | Principal Scrum Master | Head of Agile Practice |"));
    assert!(markdown.contains("| **Experience** | 5–8 years | 8–12 years | 12+ years | 15+ years |"));

    let html = Html::parse_document(&run(&with(&LEVELS_ARGS, &["--format", "html"])));
    let headings: Vec<String> = html
        .select(&Selector::parse("thead th").unwrap())
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(
        headings,
        [
            "Senior Scrum Master",
            "Lead Scrum Master",
            "Principal Scrum Master",
            "Head of Agile Practice"
        ]
    );

    let json = json_of(&LEVELS_ARGS);
    assert_eq!(json["compare"], "levels");
    assert_eq!(json["role"]["id"], "scrum-master");
    let levels: Vec<&str> = json["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["level"].as_str().unwrap())
        .collect();
    assert_eq!(levels, ["senior", "lead", "principal", "head"]);
    assert!(json["columns"][3]["people_leadership"]
        .as_str()
        .unwrap()
        .starts_with("You "));
}

#[test]
fn bullets_every_level_shares_are_listed_once() {
    // The built-in cells share no bullets between neighbouring levels; a user's cells may.
    let dir = tempfile::tempdir().unwrap();
    let cells = dir.path().join("roles/scrum-master");
    std::fs::create_dir_all(&cells).unwrap();
    for (level, own) in [("senior", "Serve two teams."), ("lead", "Serve a product group.")] {
        let cell = format!("responsibilities:\n  - {own}\n  - {{core: events}}\n");
        std::fs::write(cells.join(format!("{level}.yaml")), cell).unwrap();
    }
    let catalog = dir.path().to_str().unwrap();
    let json = json_of(&[
        "--catalog",
        catalog,
        "compare",
        "--role",
        "scrum-master",
        "senior",
        "lead",
    ]);
    let shared = json["shared"]["responsibilities"]
        .as_array()
        .expect("senior and lead share bullets");
    assert!(!shared.is_empty());
    for column in json["columns"].as_array().unwrap() {
        let own = column["responsibilities"].as_array().unwrap();
        assert!(!own.is_empty(), "each level has bullets of its own");
        for bullet in shared {
            assert!(!own.contains(bullet), "{bullet} is shared, so not repeated per level");
        }
    }
    let text = run(&with(
        &[
            "--catalog",
            catalog,
            "compare",
            "--role",
            "scrum-master",
            "senior",
            "lead",
        ],
        &[],
    ));
    assert!(text.contains("What every level shares"), "{text}");
    let markdown = run(&with(
        &[
            "--catalog",
            catalog,
            "compare",
            "--role",
            "scrum-master",
            "senior",
            "lead",
        ],
        &["-f", "md"],
    ));
    assert!(
        markdown.contains("## What every level shares\n\n### Responsibilities\n\n- "),
        "{markdown}"
    );
}

#[test]
fn bold_on_a_terminal_unless_no_color() {
    let run = |no_color: bool| {
        let mut command = Process::new(env!("CARGO_BIN_EXE_jdgen"));
        command
            .args(ROLES_ARGS)
            .env_remove("JDGEN_CATALOG")
            .env("TERM", "xterm");
        command.args(["--level", "lead"]);
        match no_color {
            true => command.env("NO_COLOR", "1"),
            false => command.env_remove("NO_COLOR"),
        };
        let mut session = rexpect::session::spawn_command(command, Some(30_000)).unwrap();
        session.exp_eof().unwrap()
    };
    let bold = run(false);
    assert!(bold.contains("\x1b[1mLead Product Manager\x1b[0m"), "{bold:?}");
    let plain = run(true);
    assert!(
        plain.contains("Lead Product Manager") && !plain.contains('\x1b'),
        "{plain:?}"
    );
}

// ---- Every format, every run ---------------------------------------------------

#[test]
fn every_format_gives_the_same_bytes_on_every_run() {
    let dir = tempfile::tempdir().unwrap();
    for (index, args) in [&ROLES_ARGS[..], &LEVELS_ARGS[..]].into_iter().enumerate() {
        for format in ["text", "md", "html", "json"] {
            let first = run(&with(args, &["--format", format]));
            assert_eq!(first, run(&with(args, &["--format", format])), "{format} differs");
            let file = write_file(
                dir.path(),
                &format!("{index}.{format}"),
                &with(args, &["--format", format])
                    .iter()
                    .map(String::as_str)
                    .collect::<Vec<_>>(),
            );
            assert_eq!(
                file,
                first.as_bytes(),
                "-o writes what standard output shows ({format})"
            );
        }
        let first = write_file(dir.path(), &format!("{index}-a.docx"), args);
        let second = write_file(dir.path(), &format!("{index}-b.docx"), args);
        assert!(first == second, "two DOCX runs differ");
    }
}

#[test]
fn bad_names_exit_2_with_a_suggestion() {
    let stderr = bad_input(&["compare", "product-manger", "project-owner"]);
    assert!(
        stderr.contains("unknown role 'product-manger'") && stderr.contains("did you mean 'product-manager'"),
        "{stderr}"
    );
    let stderr = bad_input(&["compare", "product-manager", "project-owner", "--level", "snior"]);
    assert!(stderr.contains("did you mean 'senior'"), "{stderr}");
    let stderr = bad_input(&["compare", "--role", "scrum-master", "senior", "leed"]);
    assert!(stderr.contains("did you mean 'lead'"), "{stderr}");
    let stderr = bad_input(&["compare", "--role", "scrum-mastr", "senior", "lead"]);
    assert!(stderr.contains("did you mean 'scrum-master'"), "{stderr}");
    let stderr = bad_input(&["compare", "senior", "lead"]);
    assert!(
        stderr.contains("'senior' is a level") && stderr.contains("--role"),
        "{stderr}"
    );
    let stderr = bad_input(&["compare", "scrum-master", "scrum-master"]);
    assert!(stderr.contains("named twice"), "{stderr}");
    let stderr = bad_input(&["compare", "scrum-master"]);
    assert!(stderr.contains("2 values required"), "{stderr}");
    let stderr = bad_input(&["compare", "scrum-master", "product-owner", "--format", "docx"]);
    assert!(stderr.contains("-o FILE"), "{stderr}");
    let stderr = bad_input(&["compare", "scrum-master", "product-owner", "--page", "letter"]);
    assert!(stderr.contains("--format docx"), "{stderr}");
    let dir = tempfile::tempdir().unwrap();
    let never = dir.path().join("x.pdf");
    let stderr = bad_input(&[
        "compare",
        "scrum-master",
        "product-owner",
        "-o",
        never.to_str().unwrap(),
    ]);
    assert!(stderr.contains("--format"), "{stderr}");
    assert!(!never.exists());
}

// ---- A user's catalog -----------------------------------------------------------

/// A catalog folder with a role of its own (no cells, no core bullets, no `not_when`) and a level of its own.
fn user_catalog() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("templates")).unwrap();
    std::fs::create_dir_all(dir.path().join("profiles")).unwrap();
    std::fs::write(
        dir.path().join("templates/data-product-manager.md.hbs"),
        "---\nid: data-product-manager\ntitle: Data Product Manager\ndiscipline: Data Products\n\
         focus: \"Turns the company's data into products: datasets, metrics and models others build on.\"\n\
         owns: \"The value and quality of the data products it is accountable for\"\n\
         horizon: \"Quarters\"\nworks_with: [Data Engineering, Analytics]\n\
         hire_when: \"Teams across the company depend on data that nobody owns as a product.\"\n---\n\
         # {{title}}\n\n{{level.summary}}\n",
    )
    .unwrap();
    let lead = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/lead.yaml")).unwrap();
    let staff = lead
        .replace("id: lead", "id: staff")
        .replace("name: Lead", "name: Staff")
        .replace("title: \"Lead {role}\"", "title: \"Staff {role}\"");
    assert!(
        staff.contains("id: staff") && staff.contains("Staff {role}"),
        "the lead profile changed shape"
    );
    std::fs::write(dir.path().join("profiles/staff.yaml"), staff).unwrap();
    dir
}

#[test]
fn a_user_catalog_compares_its_own_role_and_level() {
    let catalog = user_catalog();
    let root = catalog.path().to_str().unwrap();
    let json = json_of(&[
        "--catalog",
        root,
        "compare",
        "data-product-manager",
        "product-manager",
        "--level",
        "staff",
    ]);
    let mine = &json["columns"][0];
    assert_eq!(mine["title"], "Staff Data Product Manager", "the level's title pattern");
    assert_eq!(
        mine["hire_when"],
        "Teams across the company depend on data that nobody owns as a product."
    );
    assert!(mine["not_when"].is_null(), "a role without not_when still compares");
    // No cell for this role at this level: the level's own phrase stands in (capitalised).
    let profile = std::fs::read_to_string(catalog.path().join("profiles/staff.yaml")).unwrap();
    let scope: String =
        serde_json::from_str(profile.lines().find(|l| l.starts_with("scope:")).unwrap()[6..].trim()).unwrap();
    let mut chars = scope.chars();
    let capitalised: String = chars.next().unwrap().to_uppercase().chain(chars).collect();
    assert_eq!(mine["scope"], capitalised);
    let text = run(&with(
        &[
            "--catalog",
            root,
            "compare",
            "data-product-manager",
            "product-manager",
            "--level",
            "staff",
        ],
        &[],
    ));
    assert!(
        text.contains("Staff Data Product") && text.contains("Staff Product Manager"),
        "{text}"
    );
    assert!(text.contains("—"), "an empty cell says so:\n{text}");

    let ladder = json_of(&[
        "--catalog",
        root,
        "compare",
        "--role",
        "data-product-manager",
        "senior",
        "staff",
        "head",
    ]);
    let titles: Vec<&str> = ladder["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Senior Data Product Manager",
            "Staff Data Product Manager",
            "Head of Data Products"
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let docx = write_file(
        dir.path(),
        "mine.docx",
        &["--catalog", root, "compare", "data-product-manager", "scrum-master"],
    );
    assert!(document_xml(&docx).contains("Data Product Manager"));
}

#[test]
fn check_validates_hire_when_and_not_when() {
    let catalog = user_catalog();
    let template = catalog.path().join("templates/data-product-manager.md.hbs");
    let text = std::fs::read_to_string(&template).unwrap();
    let text = text.replace(
        "hire_when: \"Teams across the company depend on data that nobody owns as a product.\"",
        "hire_when: \"You need **data** owned.\"\nnot_when: |\n  Two\n  lines.",
    );
    std::fs::write(&template, text).unwrap();
    let stderr = bad_input(&["--catalog", catalog.path().to_str().unwrap(), "check"]);
    assert!(
        stderr.contains("data-product-manager.md.hbs:9:"),
        "the file and line: {stderr}"
    );
    assert!(stderr.contains("hire_when") && stderr.contains("Markdown"), "{stderr}");
    assert!(stderr.contains("not_when") && stderr.contains("one line"), "{stderr}");
}

#[test]
fn init_copies_the_new_fields_and_the_readme_explains_them() {
    let dir = tempfile::tempdir().unwrap();
    let output = jdgen().arg("init").arg(dir.path()).output().unwrap();
    assert!(output.status.success());
    for role in ROLES {
        let template = std::fs::read_to_string(dir.path().join(format!("templates/{role}.md.hbs"))).unwrap();
        assert!(
            template.contains("\nhire_when: ") && template.contains("\nnot_when: "),
            "{role}"
        );
    }
    let readme = std::fs::read_to_string(dir.path().join("README.md")).unwrap();
    assert!(readme.contains("hire_when") && readme.contains("not_when") && readme.contains("jdgen compare"));
}

// ---- The DOCX, as files and in real readers ------------------------------------------

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

fn document_xml(docx: &[u8]) -> String {
    parts(docx).remove("word/document.xml").unwrap()
}

#[test]
fn the_docx_is_a_landscape_table_in_words_table_style() {
    let dir = tempfile::tempdir().unwrap();
    for (args, columns) in [(&ROLES_ARGS[..], 2), (&LEVELS_ARGS[..], 4)] {
        let docx = write_file(dir.path(), "c.docx", args);
        let parts = parts(&docx);
        for (name, xml) in &parts {
            assert!(roxmltree::Document::parse(xml).is_ok(), "{name} is not well-formed");
        }
        let xml = &parts["word/document.xml"];
        let document = roxmltree::Document::parse(xml).unwrap();
        let tables: Vec<_> = document.descendants().filter(|n| n.has_tag_name((W, "tbl"))).collect();
        assert_eq!(tables.len(), 1);
        let rows: Vec<_> = tables[0].children().filter(|n| n.has_tag_name((W, "tr"))).collect();
        for row in &rows {
            assert_eq!(
                row.children().filter(|n| n.has_tag_name((W, "tc"))).count(),
                columns + 1
            );
        }
        assert!(
            rows[0].descendants().any(|n| n.has_tag_name((W, "tblHeader"))),
            "the header repeats"
        );
        assert!(xml.contains(r#"<w:tblStyle w:val="GridTable4-Accent1"/>"#));
        assert!(xml.contains(r#"w:orient="landscape""#) && xml.contains(r#"<w:pgSz w:w="16838" w:h="11906""#));
        assert!(parts["word/styles.xml"].contains(r#"<w:name w:val="Grid Table 4 Accent 1"/>"#));
    }
    let letter = write_file(
        dir.path(),
        "l.docx",
        &with(&ROLES_ARGS, &["--page", "letter"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(document_xml(&letter).contains(r#"<w:pgSz w:w="15840" w:h="12240""#));
}

/// The two comparisons the issue names, as DOCX files in `dir`.
fn both_docx(dir: &Path) -> Vec<PathBuf> {
    write_file(dir, "roles.docx", &ROLES_ARGS);
    write_file(dir, "levels.docx", &LEVELS_ARGS);
    vec![dir.join("roles.docx"), dir.join("levels.docx")]
}

#[test]
fn python_docx_reads_the_table_its_style_and_the_landscape_page() {
    let mut probe = Process::new("python3");
    probe.args(["-c", "import docx"]);
    if !reader_available("python-docx", &mut probe) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = both_docx(dir.path());
    let script = r#"
import sys, docx
from docx.enum.section import WD_ORIENT
for path, columns, first in [(sys.argv[1], 3, "Senior Product Manager"), (sys.argv[2], 5, "Senior Scrum Master")]:
    d = docx.Document(path)
    assert d.paragraphs[0].style.name == "Heading 1", path
    assert d.sections[0].orientation == WD_ORIENT.LANDSCAPE, path
    table = d.tables[0]
    assert table.style.name == "Grid Table 4 Accent 1", table.style.name
    assert len(table.columns) == columns, (path, len(table.columns))
    assert table.rows[0].cells[1].text == first, table.rows[0].cells[1].text
    bullets = [p for row in table.rows for cell in row.cells for p in cell.paragraphs
               if p._p.pPr is not None and p._p.pPr.numPr is not None]
    assert len(bullets) >= 5 and all(p.style.name == "List Paragraph" for p in bullets), path
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
fn pandoc_reads_the_header_row_and_the_lists_in_cells() {
    if !reader_available("pandoc", Process::new("pandoc").arg("--version")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = both_docx(dir.path());
    let output = Process::new("pandoc")
        .args(["-f", "docx", "-t", "html", "--wrap=none"])
        .arg(&files[0])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let html = Html::parse_fragment(&String::from_utf8(output.stdout).unwrap());
    let text = |selector: &str| -> Vec<String> {
        html.select(&Selector::parse(selector).unwrap())
            .map(|e| e.text().collect::<String>().trim().to_owned())
            .collect()
    };
    assert_eq!(text("h1"), ["Product Manager or Project Owner?"]);
    assert_eq!(
        text("thead th")[1..],
        ["Senior Product Manager", "Senior Project Owner (Project Manager)"]
    );
    assert!(text("tbody td li").len() >= 6, "lists in cells read back as lists");
}

#[test]
fn libreoffice_lays_the_comparisons_out() {
    if !reader_available("LibreOffice (soffice)", Process::new("soffice").arg("--version")) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = both_docx(dir.path());
    let out = dir.path().join("pdf");
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

// ---- Golden files ------------------------------------------------------------------

#[test]
fn builtin_comparisons() {
    insta::assert_snapshot!("compare-roles", run(&with(&ROLES_ARGS, &[])));
    insta::assert_snapshot!("compare-levels", run(&with(&LEVELS_ARGS, &[])));
}
