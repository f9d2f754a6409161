//! What kind of file a user gave where jdgen wanted YAML (a Word document, a PDF, a web page, a Markdown posting), so the message says what was expected and what they probably meant.

use std::path::Path;

use crate::error::{Error, Origin};

/// A kind of file that is not YAML, recognised by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Docx,
    Xlsx,
    OpenDocument,
    /// Another zip archive.
    Zip,
    Pdf,
    /// A Word or Excel file from before 2007 (OLE compound file).
    OldOffice,
    Rtf,
    Html,
    Markdown,
}

impl Kind {
    /// "a Word document (DOCX)", …
    fn described(self) -> &'static str {
        match self {
            Kind::Docx => "a Word document (DOCX)",
            Kind::Xlsx => "an Excel workbook (XLSX)",
            Kind::OpenDocument => "an OpenDocument file (LibreOffice)",
            Kind::Zip => "a zip archive",
            Kind::Pdf => "a PDF",
            Kind::OldOffice => "an old Word or Excel file (.doc, .xls)",
            Kind::Rtf => "a rich-text document (RTF)",
            Kind::Html => "a web page (HTML)",
            Kind::Markdown => "a Markdown document (a posting's text?)",
        }
    }
}

/// What jdgen wanted where the file was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// `--job FILE`.
    JobFile,
    /// `--company FILE`, or a manifest's `company:`.
    CompanyFile,
    /// `jdgen batch MANIFEST`.
    Manifest,
}

/// The kind of file `bytes` holds, when its first bytes say so unmistakably (binary formats).
pub fn binary_kind(bytes: &[u8]) -> Option<Kind> {
    let head = &bytes[..bytes.len().min(4096)];
    if head.starts_with(b"PK\x03\x04") {
        // A zip's first entries' names are plain text in its local headers.
        let has = |needle: &[u8]| memchr::memmem::find(head, needle).is_some();
        return Some(if has(b"word/") {
            Kind::Docx
        } else if has(b"xl/") {
            Kind::Xlsx
        } else if has(b"application/vnd.oasis.opendocument") {
            Kind::OpenDocument
        } else {
            Kind::Zip
        });
    }
    if head.starts_with(b"%PDF") {
        return Some(Kind::Pdf);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Some(Kind::OldOffice);
    }
    if head.starts_with(b"{\\rtf") {
        return Some(Kind::Rtf);
    }
    None
}

/// Whether `text` is a web page: it starts with a doctype, `<html`, or another tag.
pub fn is_html(text: &str) -> bool {
    let start: String = text.trim_start().chars().take(15).collect::<String>().to_lowercase();
    start.starts_with("<!doctype html")
        || start.starts_with("<html")
        || start.starts_with("<head")
        || start.starts_with("<body")
}

/// Whether `text`, which did not read as the YAML wanted, is a Markdown document: it has
/// Markdown headings ("# Title", "## Requirements") and none of a job file's own fields.
pub fn is_markdown(text: &str) -> bool {
    // Every top-level field of a job file, company file or manifest.
    const JOB_FIELDS: [&str; 31] = [
        "id:",
        "role:",
        "level:",
        "title:",
        "company:",
        "team:",
        "reports_to:",
        "direct_reports:",
        "team_size:",
        "tools:",
        "languages:",
        "travel:",
        "location:",
        "workplace:",
        "remote:",
        "employment_type:",
        "salary:",
        "benefits:",
        "responsibilities:",
        "requirements:",
        "nice_to_have:",
        "hiring_process:",
        "apply:",
        "date_posted:",
        "valid_through:",
        "equal_opportunity:",
        "spelling:",
        "branding:",
        "lint:",
        "jobs:",
        "defaults:",
    ];
    let lines = || text.lines().take(200);
    let headings = lines()
        .filter(|line| {
            let hashes = line.len() - line.trim_start_matches('#').len();
            (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') && line[hashes..].trim().len() > 1
        })
        .count();
    let fields = lines()
        .filter(|line| JOB_FIELDS.iter().any(|f| line.starts_with(f)))
        .count();
    headings > 0 && fields == 0
}

/// The error for `path`, which is `kind`, given where jdgen `wanted` YAML.
pub fn not_what_was_wanted(path: &Path, kind: Kind, wanted: Wanted) -> Error {
    let shown = path.display();
    let (what, expected) = match wanted {
        Wanted::JobFile => (
            "a job file",
            "a job file holds the posting's facts as YAML, one `field: value` a line (role, level, company, location, salary, …); `jdgen init` writes an example job.yaml",
        ),
        Wanted::CompanyFile => (
            "a company file",
            "a company file holds what every posting of the company shares, as YAML (`company: {name: Acme}`, benefits, …); `jdgen init` writes an example company.yaml",
        ),
        Wanted::Manifest => (
            "a batch manifest",
            "a manifest is a YAML file (`defaults:` and `jobs:`) or a CSV file with a header row of job-file fields",
        ),
    };
    let meant = match (kind, wanted) {
        (Kind::Xlsx | Kind::OpenDocument, Wanted::Manifest) => {
            format!(
                "save the sheet as CSV (\"CSV UTF-8\" in Excel), then run: jdgen batch {}",
                with_extension(path, "csv")
            )
        }
        (Kind::Docx | Kind::Markdown, _) => format!("to check this posting's wording, run: jdgen lint {shown}"),
        (Kind::Pdf, _) => {
            "to check a posting's wording, save it as DOCX or its text as .md, then run `jdgen lint FILE`".to_owned()
        }
        (Kind::Html, _) => {
            "to check a posting's wording, save its text as .md, then run `jdgen lint FILE.md`".to_owned()
        }
        (Kind::OldOffice | Kind::Rtf, _) => "save it in today's format (.docx or .xlsx) first".to_owned(),
        _ => "give the YAML file instead".to_owned(),
    };
    Error::yaml(
        Origin::File(shown.to_string()),
        format!("this is {}, not {what}", kind.described()),
        Some(format!("{expected}. {}", capitalised(&meant))),
        None,
    )
}

fn with_extension(path: &Path, extension: &str) -> String {
    path.with_extension(extension).display().to_string()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_formats_by_their_first_bytes() {
        assert_eq!(binary_kind(b"PK\x03\x04....word/document.xml"), Some(Kind::Docx));
        assert_eq!(binary_kind(b"PK\x03\x04....xl/workbook.xml"), Some(Kind::Xlsx));
        assert_eq!(binary_kind(b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(binary_kind(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]), Some(Kind::OldOffice));
        assert_eq!(binary_kind(b"role: product-manager\n"), None);
    }

    #[test]
    fn markdown_is_told_from_a_commented_job_file() {
        assert!(is_markdown(
            "# Senior Product Manager\n\nWe are hiring.\n\n## What you will do\n- Own the roadmap\n"
        ));
        assert!(!is_markdown(
            "# A typical posting\nrole: product-manager\nlevel: senior\n"
        ));
        assert!(!is_markdown("no headings at all\n"));
        assert!(is_html("  <!DOCTYPE html>\n<html>"));
        assert!(!is_html("role: x"));
    }

    #[test]
    fn the_message_says_what_was_meant() {
        let error = not_what_was_wanted(Path::new("posting.docx"), Kind::Docx, Wanted::JobFile);
        assert!(error
            .to_string()
            .contains("posting.docx: this is a Word document (DOCX), not a job file"));
        let help = match &error {
            Error::Yaml { help, .. } => help.clone().unwrap(),
            _ => unreachable!(),
        };
        assert!(help.contains("jdgen lint posting.docx"), "{help}");
        let sheet = not_what_was_wanted(Path::new("openings.xlsx"), Kind::Xlsx, Wanted::Manifest);
        assert!(format!("{sheet:?}").contains("jdgen batch openings.csv"));
    }
}
