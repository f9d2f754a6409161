//! `jdgen compare`: roles side by side at one level, or one role's levels, in the format asked for.

use std::path::Path;

use super::{exit, write_stdout};
use crate::cli::{CompareArgs, CompareFormat};
use jdgen::catalog::Catalog;
use jdgen::compare;
use jdgen::error::{Error, Result};
use jdgen::render::docx::PageSize;
use jdgen::{fsio, ui};

/// The level roles are compared at when `--level` is not given.
const DEFAULT_LEVEL: &str = "senior";

/// Builds the comparison from the catalog and writes it to standard output or `-o FILE`.
pub fn run(catalog: &Catalog, args: &CompareArgs) -> Result<u8> {
    let format = format(args)?;
    let comparison = match &args.role {
        Some(role) => compare::levels(catalog, role, &args.names)?,
        None => compare::roles(catalog, &args.names, args.level.as_deref().unwrap_or(DEFAULT_LEVEL))?,
    };
    let bytes = match format {
        // Bold only for a person at a terminal: never in a file or a pipe.
        CompareFormat::Text => {
            compare::text::render(&comparison, args.output.is_none() && ui::stdout_color()).into_bytes()
        }
        CompareFormat::Md => compare::markdown::render(&comparison).into_bytes(),
        CompareFormat::Html => compare::html::render(&comparison).into_bytes(),
        CompareFormat::Json => compare::json::render(&comparison).into_bytes(),
        CompareFormat::Docx => compare::docx::render(&comparison, args.page.map_or(PageSize::A4, PageSize::from))?,
    };
    match &args.output {
        Some(path) => fsio::write_atomic(path, &bytes)?,
        None => write_stdout(&bytes)?,
    }
    Ok(exit::SUCCESS)
}

/// The format asked for (or said by `-o`'s extension), checked against where it goes.
fn format(args: &CompareArgs) -> Result<CompareFormat> {
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) => format_of_path(path)?,
        (None, None) => CompareFormat::Text,
    };
    if format == CompareFormat::Docx && args.output.is_none() {
        return Err(Error::Usage(
            "a DOCX never goes to standard output; write it with -o FILE (e.g. -o compare.docx)".into(),
        ));
    }
    if args.page.is_some() && format != CompareFormat::Docx {
        return Err(Error::Usage(
            "--page sets the DOCX paper size; add --format docx".into(),
        ));
    }
    Ok(format)
}

fn format_of_path(path: &Path) -> Result<CompareFormat> {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "txt" | "text" => Ok(CompareFormat::Text),
        "md" | "markdown" => Ok(CompareFormat::Md),
        "html" | "htm" => Ok(CompareFormat::Html),
        "docx" => Ok(CompareFormat::Docx),
        "json" => Ok(CompareFormat::Json),
        _ => Err(Error::Usage(format!(
            "cannot tell the format of {} from its extension; add --format text|md|html|docx|json",
            path.display()
        ))),
    }
}
