//! `jdgen check`: prints every problem in the catalog (exit 2), or a one-line summary (exit 0).

use std::path::Path;

use super::exit;
use jdgen::check::check_catalog;
use jdgen::error::Result;
use jdgen::ui;

/// Checks the catalog layered under `user_dir` and reports.
pub fn run(user_dir: Option<&Path>) -> Result<u8> {
    let report = check_catalog(user_dir)?;
    // Not problems: the catalog works, but these files stop getting jdgen's updates.
    for stale in &report.stale {
        match stale {
            jdgen::catalog::StaleCopy::Identical { .. } => ui::note(format_args!("note: {stale}")),
            jdgen::catalog::StaleCopy::Older { .. } => {
                eprintln!("warning: {}", ui::escape_controls(&stale.to_string()))
            }
        }
    }
    let from = match user_dir {
        Some(dir) => format!(
            "{} files, {} of them from {}",
            report.files,
            report.user_files,
            dir.display()
        ),
        None => format!("{} built-in files", report.files),
    };
    if report.problems.is_empty() {
        ui::note(format_args!(
            "catalog OK: {from}; {} roles × {} levels render with {} sample postings",
            report.roles, report.levels, report.samples
        ));
        return Ok(exit::SUCCESS);
    }
    let count = report.problems.len();
    // A catalog file that exists but cannot be read is the system's fault, not the catalog's.
    let code = report.problems.iter().map(jdgen::error::Error::exit_code).max();
    for problem in report.problems {
        jdgen::ui::print_error(&problem);
    }
    eprintln!(
        "{count} problem{} in the catalog ({})",
        if count == 1 { "" } else { "s" },
        ui::escape_controls(&from)
    );
    Ok(code.unwrap_or(exit::BAD_INPUT))
}
