//! `jdgen lint`: checks Markdown or DOCX job descriptions and reports findings as text, JSON or SARIF.

use std::io::Read as _;
use std::path::Path;

use super::{exit, write_stdout};
use crate::cli::{LintArgs, LintFormat};
use jdgen::error::{Error, Result};
use jdgen::lint::output::{self, FileReport};
use jdgen::lint::{self, Document, Level, LintRules};
use jdgen::posting::{self, Layer, Posting};
use jdgen::resolve::Sources;
use jdgen::{fsio, ui};

/// Lints each file; a file that cannot be read is reported and the others still linted (exit 2,
/// or 3 when reading failed).
pub fn run(catalog_dir: Option<&Path>, args: &LintArgs) -> Result<u8> {
    let deny = Level::from(args.deny);
    let layers = Sources::from_files(args.company.as_deref(), args.job.as_deref(), &[])?.layers();
    let rules = rules_for(catalog_dir, &layers)?;
    let facts = match layers.is_empty() {
        true => None,
        false => Some(posting::validate(&layers)?),
    };
    let mut reports = Vec::new();
    // The exit code of the worst file that could not be read.
    let mut unreadable = None;
    for path in &args.files {
        match read_document(path) {
            Ok(Read::Posting(doc)) => reports.push(FileReport {
                file: path.display().to_string(),
                report: lint::lint_document(&doc, facts.as_ref(), &rules),
            }),
            // `jdgen lint postings/*.md` after a batch names the batch's own index too.
            Ok(Read::BatchIndex) => ui::detail(format!(
                "skipped {}: it is the index `jdgen batch` writes (its first line says so), not a posting",
                path.display()
            )),
            Err(error) => {
                jdgen::ui::print_error(&error);
                unreadable = unreadable.max(Some(error.exit_code()));
            }
        }
    }
    // When no file could be read there is nothing to report but the errors.
    if !(reports.is_empty() && unreadable.is_some()) {
        let shown = match args.format {
            LintFormat::Text => output::text(&reports, deny),
            LintFormat::Json => output::json(&reports, deny),
            LintFormat::Sarif => lint::sarif::sarif(&reports, &rules),
        };
        write_stdout(shown.as_bytes())?;
    }
    Ok(if let Some(code) = unreadable {
        code
    } else if output::fails(&reports, deny) {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    })
}

/// The catalog's lint rules, with the company's `lint: {disable: [...]}` applied (from the
/// topmost layer that has one: a company file, or a manifest's inline company).
pub(crate) fn rules_for(catalog_dir: Option<&Path>, layers: &[Layer]) -> Result<LintRules> {
    let files = jdgen::catalog::layered_files(catalog_dir)?;
    super::detail_stale_copies(&jdgen::catalog::stale_copies(&files));
    let mut rules = LintRules::from_files(&files)?;
    if let Some((layer, settings)) = layers.iter().rev().find_map(|l| l.lint.as_ref().map(|s| (l, s))) {
        rules.disable(&settings.disable, &layer.origin, &layer.text)?;
    }
    Ok(rules)
}

/// Lints one generated description (for `generate --lint`): findings to standard error,
/// and whether any is an error.
pub(crate) fn lint_generated(
    catalog_dir: Option<&Path>,
    layers: &[Layer],
    markdown: &str,
    posting: &Posting,
    name: &str,
) -> Result<bool> {
    let rules = rules_for(catalog_dir, layers)?;
    let reports = [FileReport {
        file: name.to_owned(),
        report: lint::lint_markdown(markdown, Some(posting), &rules),
    }];
    // Findings quote the posting: its text is user input, so control characters are escaped.
    eprint!("{}", jdgen::ui::escape_controls(&output::text(&reports, Level::Error)));
    Ok(output::fails(&reports, Level::Error))
}

/// What a file given to lint turned out to be.
enum Read {
    Posting(Document),
    /// The `index.md` a batch writes: a list of postings, skipped.
    BatchIndex,
}

/// Markdown text as a posting, unless it is a batch's index.
fn markdown(text: String) -> Read {
    match lint::is_batch_index(&text) {
        true => Read::BatchIndex,
        false => Read::Posting(Document::from_markdown_owned(text)),
    }
}

/// Reads Markdown (or `-`, standard input) or a DOCX file (by extension or by its zip signature).
fn read_document(path: &Path) -> Result<Read> {
    if path.as_os_str() == "-" {
        return Ok(markdown(fsio::read_stdin_text()?));
    }
    let is_docx = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
    if is_docx || starts_like_zip(path) {
        let bytes = fsio::read_bytes(path)?;
        return lint::docx::read_docx(&bytes)
            .map(Read::Posting)
            .map_err(|reason| read_error(path, reason));
    }
    Ok(markdown(fsio::read_text(path)?))
}

fn starts_like_zip(path: &Path) -> bool {
    let mut signature = [0u8; 4];
    std::fs::File::open(path)
        .and_then(|mut file| file.read_exact(&mut signature))
        .is_ok_and(|()| signature == *b"PK\x03\x04")
}

fn read_error(path: &Path, reason: String) -> Error {
    Error::Read {
        path: path.to_owned(),
        reason,
    }
}
