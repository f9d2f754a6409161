//! `jdgen init [DIR]`: copies the built-in catalog and example files out for editing; never overwrites without --force.

use std::path::Path;

use super::exit;
use jdgen::catalog::starter_files;
use jdgen::error::{Error, Result};
use jdgen::{fsio, ui};

/// Writes the starter files into `dir` (only those named in `only`, when given); refuses
/// (naming them) if any exist, unless `force`.
pub fn run(dir: &Path, force: bool, only: &[String]) -> Result<u8> {
    let mut files = starter_files();
    if !only.is_empty() {
        for wanted in only {
            if !files.contains_key(wanted.as_str()) {
                let help = match jdgen::suggest::closest(wanted, files.keys().map(String::as_str)) {
                    Some(best) => format!("did you mean '{best}'?"),
                    None => "name files as `jdgen init` writes them, e.g. lint/pay-transparency.yaml".into(),
                };
                return Err(Error::Usage(format!(
                    "--only {wanted}: the built-in catalog has no such file; {help}"
                )));
            }
        }
        files.retain(|relative, _| only.contains(relative));
    }
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
    if !only.is_empty() {
        ui::note(format_args!("wrote {} files into {shown}", files.len()));
        return Ok(exit::SUCCESS);
    }
    ui::note(format_args!(
        "wrote {} files into {shown}; read {shown}/README.md, then try:\n  jdgen --catalog {shown} check\n  jdgen --catalog {shown} generate --job {shown}/job.yaml\n\
         Keep only the files you change: each file in {shown} replaces the built-in one for good and no \
         longer gets jdgen's updates (new pay-transparency laws, say). `jdgen --catalog {shown} check` \
         names the copies you have not changed; `jdgen init --only FILE` copies single files.",
        files.len()
    ));
    Ok(exit::SUCCESS)
}
