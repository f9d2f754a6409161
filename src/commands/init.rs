//! `jdgen init [DIR]`: copies the built-in catalog and example files out for editing; never overwrites without --force.

use std::path::Path;

use super::exit;
use crate::catalog::starter_files;
use crate::error::{Error, Result};
use crate::{fsio, ui};

/// Writes the starter files into `dir`; refuses (naming them) if any exist, unless `force`.
pub fn run(dir: &Path, force: bool) -> Result<i32> {
    let files = starter_files();
    if !force {
        let existing: Vec<String> = files
            .keys()
            .map(|relative| dir.join(relative))
            .filter(|path| path.exists())
            .map(|path| path.display().to_string())
            .collect();
        if !existing.is_empty() {
            return Err(Error::Usage(format!(
                "jdgen init would overwrite {} existing file{}: {}\nnothing was written; pass --force to overwrite them, or choose another folder",
                existing.len(),
                if existing.len() == 1 { "" } else { "s" },
                existing.join(", ")
            )));
        }
    }
    for (relative, text) in &files {
        let path = dir.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::Write {
                path: parent.to_owned(),
                reason: e.to_string(),
            })?;
        }
        fsio::write_atomic(&path, text.as_bytes())?;
    }
    let shown = dir.display();
    ui::note(format_args!(
        "wrote {} files into {shown}; read {shown}/README.md, then try:\n  jdgen --catalog {shown} check\n  jdgen --catalog {shown} generate --job {shown}/job.yaml",
        files.len()
    ));
    Ok(exit::SUCCESS)
}
